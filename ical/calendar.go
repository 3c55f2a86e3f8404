// Package ical turns sessions into iCalendar (RFC 5545): one calendar of
// every session, and one small calendar per session (the "add to calendar"
// link a post can offer).
//
// # Times
//
// A session in a tz-database zone is written as local time with
// TZID=<IANA name>, and the calendar carries a VTIMEZONE for each such zone,
// generated from Go's tz database (embedded, so the result does not depend on
// the machine) with every transition of the years around the events. A
// session in UTC is written with Z, and so is one written with a bare UTC
// offset (time.FixedZone names such as "UTC+05:30" are no IANA names). An
// all-day session is DTSTART;VALUE=DATE with the exclusive DTEND.
//
// # Identity and updates
//
// A session's UID is derived from its post's permalink and its start, so it
// is the same in every run and editing a topic, host or link keeps it.
// Sessions of one post that start together are told apart by the order the
// post writes them in: the first has the plain UID, the next ".2", ".3"….
// A session keeps the UID of its previous version when it moves to another
// time or its post to another permalink (see match, in identity.go): then
// DTSTART changes and SEQUENCE goes up, as RFC 5546 has it.
//
// Calendar reads the previous calendar.ics (ReadPrevious: checked, within
// limits) to keep subscribers' copies right. For each UID:
//   - unchanged (everything but SEQUENCE, DTSTAMP and LAST-MODIFIED): written
//     byte for byte as before, SEQUENCE and LAST-MODIFIED kept;
//   - changed: SEQUENCE+1, and LAST-MODIFIED (and DTSTAMP) the post's Updated
//     when that is later than the previous LAST-MODIFIED, else one second
//     after it, so that it strictly increases and never comes from the clock;
//   - gone from the input: kept as STATUS:CANCELLED with SEQUENCE+1, once (an
//     event already cancelled is kept as it was), until its start is more than
//     Options.KeepCancelled before Options.Now; then it is dropped. But when
//     its post could not be read whole (Options.Incomplete, Options.Failed)
//     it is kept as it was, byte for byte: a read error never cancels.
//
// Running twice on the same input gives the same bytes.
package ical

import (
	"bytes"
	"cmp"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/sessionfeed/sessionfeed/posts"
	"github.com/sessionfeed/sessionfeed/posts/diag"
	"github.com/sessionfeed/sessionfeed/posts/inputs"
)

// ProdID is the calendars' PRODID: it tells our files from other tools'.
const ProdID = "-//sessionfeed//sessionfeed//EN"

// Defaults for the zero Options fields.
const (
	DefaultName          = "Sessions"
	DefaultRefresh       = time.Hour
	DefaultKeepCancelled = 30 * 24 * time.Hour
)

// Options describe the calendar.
type Options struct {
	Name        string // NAME and X-WR-CALNAME; DefaultName when empty
	Description string // DESCRIPTION and X-WR-CALDESC; left out when empty
	URL         string // the site's absolute base URL: its host is the UIDs' domain

	// Where calendar.ics and the site's Atom feed are published, or "":
	// the calendar names itself (SOURCE, RFC 7986) and the feed (LINK with
	// LINKREL=related, RFC 9253) at the top, as the feed names the calendar.
	Source  string
	FeedURL string

	// Refresh is how often subscribers should fetch the calendar again
	// (REFRESH-INTERVAL and X-PUBLISHED-TTL); DefaultRefresh when not positive.
	Refresh time.Duration

	// KeepCancelled is how long after its start a cancelled event stays in
	// the calendar; DefaultKeepCancelled when not positive.
	KeepCancelled time.Duration

	// Past, when positive, keeps sessions that ended more than Past before
	// Now out of the full calendar (subscribed calendars stay small); their
	// own files are still written.
	Past time.Duration

	// Now is only used to drop old cancelled events and to apply Past, and
	// is never written. The zero Now drops none.
	Now time.Time

	// Clock, when set, is asked instead of Now, and keeps the span of
	// instants at which the same events would be dropped.
	Clock *inputs.Clock

	// Path names calendar.ics in diagnostics about its events.
	Path string

	// What the run could read, so that a read error never cancels an
	// event. Posts lists every post read, with sessions or without (the
	// posts of the sessions are always counted). Incomplete lists the
	// Sources of posts some of whose entries could not be read, and Failed
	// the files of posts that could not be read at all. A previous
	// event that matches no session is cancelled only when its post was
	// read whole, or when its post is gone and every post was read;
	// otherwise it is kept as it was, with a warning.
	Posts      []*posts.Post
	Incomplete []string
	Failed     []string
}

// File is a per-session calendar.
type File struct {
	Name string // one safe path element ending in ".ics", derived from the UID
	Data []byte
}

// Output is what Calendar produces.
type Output struct {
	Calendar []byte // calendar.ics
	Sessions []File // one per event of Calendar, cancelled ones included, sorted by Name

	// Diagnostics are the problems that did not stop the calendar: the
	// previous calendar's, and the sessions' that could not be written as
	// they are.
	Diagnostics []diag.Diagnostic

	// Files names the per-session file of every session in the calendar:
	// the one place outside this package learns it (for feed links and
	// add-to-calendar data), so that the rule from session to UID to file
	// stays here.
	Files map[*posts.Session]string

	// Events describes every event of Calendar, in its order (by start).
	Events []Event
}

// Calendar builds the calendar of sessions. previous is what the last run
// published (ReadPrevious), or nil; its Diagnostics are passed on in
// Output.Diagnostics.
func Calendar(opts Options, sessions []*posts.Session, previous *Previous) (*Output, error) {
	b, err := newBuilder(opts)
	if err != nil {
		return nil, err
	}
	if previous == nil {
		previous = &Previous{}
	}
	b.diags = append(b.diags, previous.Diagnostics...)
	events := b.sessionEvents(sessions)
	ix := b.indexPosts(events)
	prev := b.ours(previous, ix)
	b.match(events, prev, ix)
	kept := make(map[[2]string][]string) // file and reason → events kept as they were
	gone := make(map[[2]string][]string) // file and reason → events cancelled because their post is gone
	var revised time.Time                // the newest revision the input knows of
	for _, e := range events {
		revised = later(revised, e.updated)
		b.revise(e, e.prev)
	}
	now := opts.clock()
	for _, p := range prev {
		if p.claimed {
			continue
		}
		if now != nil && now.After(p.start.Add(b.keep)) {
			continue
		}
		if !p.cancelled {
			if why := b.unsure(p); why != "" {
				file, _ := p.source(b.opts.Path)
				kept[[2]string{file, why}] = append(kept[[2]string{file, why}], fmt.Sprintf("%s (%s)", p.uid, unescapeWire(p.summary)))
			} else {
				if p.owner == nil {
					k := [2]string{b.opts.Path, fmt.Sprintf("cancelled: their post %s is no longer published (if the post moved, list its old URL in its aliases or redirect_from to keep its events)",
						cmp.Or(descriptionURL(p), unescapeWire(p.url), "(unknown)"))}
					gone[k] = append(gone[k], fmt.Sprintf("%s (%s)", p.uid, unescapeWire(p.summary)))
				}
				cancel(p, revised)
			}
		}
		events = append(events, p)
	}
	// One warning for the events kept, or cancelled, for one reason: a
	// post may hold many.
	list := func(evs []string) string {
		more := ""
		if len(evs) > 3 {
			evs, more = evs[:3], fmt.Sprintf(" and %d more", len(evs)-3)
		}
		return strings.Join(evs, ", ") + more
	}
	for k, evs := range kept {
		b.warn(k[0], 0, "%s: kept as they were (not cancelled): %s", k[1], list(evs))
	}
	for k, evs := range gone {
		b.warn(k[0], 0, "%s %s", list(evs), k[1])
	}
	slices.SortFunc(events, func(x, y *event) int {
		return cmp.Or(x.start.Compare(y.start), strings.Compare(x.uid, y.uid))
	})

	written := make(map[ics.Component][]byte)
	out := &Output{Calendar: serialize(b.calendar(recent(events, opts), true), written), Files: make(map[*posts.Session]string)}
	out.Events = make([]Event, 0, len(events))
	out.Sessions = make([]File, 0, len(events))
	for i, e := range events {
		info := e.info()
		if e.session != nil {
			out.Files[e.session] = info.File
		}
		out.Events = append(out.Events, info)
		out.Sessions = append(out.Sessions, File{
			Name: info.File,
			Data: serialize(b.calendar([]*event{e}, false), written),
		})
		// e is written for good: let it go, and its bytes (at 35,000
		// events, 100 MB in all, while the files take their place).
		delete(written, e.vevent)
		events[i] = nil
	}
	slices.SortFunc(out.Sessions, func(x, y File) int { return strings.Compare(x.Name, y.Name) })
	out.Diagnostics = diag.Sort(b.diags)
	return out, nil
}

// clock is what the time questions of opts are asked of: Clock, else one
// reading Now, else nil (nothing is dropped by age).
func (opts Options) clock() *inputs.Clock {
	switch {
	case opts.Clock != nil:
		return opts.Clock
	case opts.Now.IsZero():
		return nil
	}
	return inputs.NewClock(opts.Now)
}

// recent returns the events that go into the full calendar: all of them,
// or with Options.Past those that end within Past before Now.
func recent(events []*event, opts Options) []*event {
	now := opts.clock()
	if opts.Past <= 0 || now == nil {
		return events
	}
	var out []*event
	for _, e := range events {
		if !now.After(e.last.Add(opts.Past)) {
			out = append(out, e)
		}
	}
	return out
}

// builder holds what one Calendar call learns as it goes.
type builder struct {
	opts    Options
	host    string // the UIDs' domain from Options.URL; "" to take the post's
	refresh string // a DURATION value
	keep    time.Duration
	zones   map[string]*time.Location // IANA names seen; nil: not in the tz database
	tzcache map[string]*ics.VTimezone // by TZID and windows
	diags   []diag.Diagnostic
	fx, fy  bytes.Buffer // room for the fingerprints revise compares

	// The parameters of the times written with TZID, by TZID: one map for
	// all the events, which never change a parameter map in place
	// (setProperty replaces it).
	tzidParams map[string]map[string][]string
}

func newBuilder(opts Options) (*builder, error) {
	b := &builder{
		opts:    opts,
		keep:    opts.KeepCancelled,
		zones:   make(map[string]*time.Location),
		tzcache: make(map[string]*ics.VTimezone),
	}
	b.tzidParams = make(map[string]map[string][]string)
	if opts.URL != "" {
		u, err := url.Parse(opts.URL)
		if err != nil || u.Hostname() == "" {
			return nil, fmt.Errorf("ical: the site URL %q is not an absolute URL", opts.URL)
		}
		b.host = hostName(u.Hostname())
	}
	if b.keep <= 0 {
		b.keep = DefaultKeepCancelled
	}
	refresh := opts.Refresh
	if refresh <= 0 {
		refresh = DefaultRefresh
	}
	b.refresh = duration(refresh)
	return b, nil
}

func (b *builder) warn(file string, line int, format string, args ...any) {
	b.diags = append(b.diags, diag.Warnf(file, line, format, args...))
}

// revise sets e's SEQUENCE and LAST-MODIFIED against its previous version p
// (nil when it is new).
func (b *builder) revise(e, p *event) {
	switch {
	case p == nil:
		e.setRevision(0, e.updated)
	case b.same(e.vevent, p.vevent) || p.partial && covers(e.vevent, p.vevent):
		lastMod := p.lastMod
		if lastMod.IsZero() { // not one of ours
			lastMod = e.updated
		}
		e.setRevision(p.seq, lastMod)
	default:
		e.setRevision(p.seq+1, later(e.updated, p.lastMod.Add(time.Second)))
	}
}

// same reports whether x and y have the same fingerprint (writeFingerprint).
func (b *builder) same(x, y *ics.VEvent) bool {
	b.fx.Reset()
	b.fy.Reset()
	writeFingerprint(&b.fx, x)
	writeFingerprint(&b.fy, y)
	return bytes.Equal(b.fx.Bytes(), b.fy.Bytes())
}

// cancel marks p, gone from the input, as cancelled. Its LAST-MODIFIED is
// the input's newest revision when that is later than p's, else one second
// after p's: deterministic, and strictly increasing.
func cancel(p *event, revised time.Time) {
	setProperty(p.vevent, ics.ComponentPropertyStatus, string(ics.ObjectStatusCancelled))
	p.cancelled = true
	p.setRevision(p.seq+1, later(revised, p.lastMod.Add(time.Second)))
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// calendar assembles events into a calendar: the full one with the
// calendar-level properties subscribers use, or a per-session one with just
// what an import needs.
func (b *builder) calendar(events []*event, full bool) *ics.Calendar {
	cal := &ics.Calendar{}
	cal.SetProductId(ProdID)
	cal.SetVersion("2.0")
	cal.SetCalscale("GREGORIAN")
	cal.SetMethod(ics.MethodPublish)
	if full {
		name := cmp.Or(strings.TrimSpace(b.opts.Name), DefaultName)
		cal.SetName(escapeText(name)) // NAME and X-WR-CALNAME
		if d := strings.TrimSpace(b.opts.Description); d != "" {
			cal.SetDescription(escapeText(d))
			cal.SetXWRCalDesc(escapeText(d))
		}
		// Not cal.SetRefreshInterval: golang-ical's property name for it is
		// "REFRESH-INTERVAL;VALUE=DURATION", a parameter baked into the name.
		cal.CalendarProperties = append(cal.CalendarProperties, ics.CalendarProperty{BaseProperty: ics.BaseProperty{
			IANAToken:      "REFRESH-INTERVAL",
			ICalParameters: map[string][]string{"VALUE": {"DURATION"}},
			Value:          b.refresh,
		}})
		cal.SetXPublishedTTL(b.refresh)
		b.addLinks(cal)
	}

	// One VTIMEZONE per TZID, covering the years of the times written with it.
	type use struct {
		loc   *time.Location
		years []int
	}
	uses := make(map[string]*use)
	for _, e := range events {
		for _, z := range e.zones {
			u := uses[z.tzid]
			if u == nil {
				u = &use{loc: z.loc}
				uses[z.tzid] = u
			}
			u.years = append(u.years, e.start.UTC().Year(), e.last.UTC().Year())
		}
	}
	tzids := make([]string, 0, len(uses))
	for tzid := range uses {
		tzids = append(tzids, tzid)
	}
	slices.Sort(tzids)
	for _, tzid := range tzids {
		u := uses[tzid]
		ws := windows(u.years)
		key := fmt.Sprint(tzid, ws)
		tz := b.tzcache[key]
		if tz == nil {
			tz = vtimezone(tzid, u.loc, ws)
			b.tzcache[key] = tz
		}
		cal.Components = append(cal.Components, tz)
	}
	for _, e := range events {
		cal.Components = append(cal.Components, e.vevent)
	}
	if len(cal.Components) == 0 {
		// RFC 5545 (section 3.6) requires a component, and a site may have
		// no sessions yet: UTC's VTIMEZONE is the one that says nothing.
		cal.Components = append(cal.Components, vtimezone("UTC", time.UTC, windows([]int{1970})))
	}
	return cal
}

// duration renders d as a DURATION value (§3.3.6), whole seconds.
func duration(d time.Duration) string {
	sec := int64(d.Round(time.Second) / time.Second)
	days, sec := sec/86400, sec%86400
	h, m, s := sec/3600, sec/60%60, sec%60
	var b strings.Builder
	b.WriteString("P")
	if days > 0 {
		fmt.Fprintf(&b, "%dD", days)
	}
	if h > 0 || m > 0 || s > 0 {
		b.WriteString("T")
		if h > 0 {
			fmt.Fprintf(&b, "%dH", h)
		}
		if m > 0 {
			fmt.Fprintf(&b, "%dM", m)
		}
		if s > 0 {
			fmt.Fprintf(&b, "%dS", s)
		}
	}
	if b.Len() == 1 {
		return "PT0S"
	}
	return b.String()
}
