package ical

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/sessionfeed/sessionfeed/posts"
)

const (
	utcFormat   = "20060102T150405Z"
	localFormat = "20060102T150405"
	dateFormat  = "20060102"
)

// event is one VEVENT, from a session or from the previous calendar.
type event struct {
	uid    string
	start  time.Time // its DTSTART: orders the events; tells when a cancelled one is old
	last   time.Time // its DTEND, else DTSTART: VTIMEZONEs cover the years of start and last
	zones  []zone    // the zones of its times written with TZID
	vevent *ics.VEvent

	summary string // SUMMARY, wire form

	// from a session
	updated  time.Time      // the post's last revision
	session  *posts.Session // the session it was made from; nil for a previous event
	post     *posts.Post    // whose session it is
	explicit bool           // the UID is the one the author gave
	prev     *event         // its version in the previous calendar, once matched

	// from the previous calendar
	seq       int
	lastMod   time.Time
	cancelled bool
	line      int         // where it begins
	partial   bool        // part of it could not be read
	url       string      // URL, wire form
	owner     *posts.Post // the post it belongs to, when that post was read
	weak      bool        // owner is a guess from the last segment of its path
	claimed   bool        // a session of this run is its new version
}

// zone is a TZID and its zone.
type zone struct {
	tzid string
	loc  *time.Location
}

// useZone notes that a time of e is written with TZID=tzid.
func (e *event) useZone(tzid string, loc *time.Location) {
	for _, z := range e.zones {
		if z.tzid == tzid {
			return
		}
	}
	e.zones = append(e.zones, zone{tzid, loc})
}

// setUID gives e another UID (an event of the previous calendar that a
// session continues).
func (e *event) setUID(uid string) {
	e.uid = uid
	setProperty(e.vevent, ics.ComponentPropertyUniqueId, uid)
}

// setProperty is ve.SetProperty(name, value), without parameters, but
// allocates no empty parameter map.
func setProperty(ve *ics.VEvent, name ics.ComponentProperty, value string) {
	if p := ve.GetProperty(name); p != nil {
		p.Value, p.ICalParameters = value, nil
		return
	}
	addProperty(ve, name, value, nil)
}

// addProperty is ve.AddProperty(name, value) with params (nil for none),
// but allocates no empty parameter map.
func addProperty(ve *ics.VEvent, name ics.ComponentProperty, value string, params map[string][]string) {
	ve.Properties = append(ve.Properties, ics.IANAProperty{BaseProperty: ics.BaseProperty{
		IANAToken: string(name), ICalParameters: params, Value: value,
	}})
}

// source is where to point a diagnostic about e: its post, else the line
// of calendar (the name of the calendar it was read from).
func (e *event) source(calendar string) (string, int) {
	switch {
	case e.post != nil:
		return e.post.Source, 0
	case e.owner != nil:
		return e.owner.Source, 0
	}
	return calendar, e.line
}

// setRevision writes SEQUENCE, LAST-MODIFIED and DTSTAMP. DTSTAMP is the
// revision time too: with METHOD:PUBLISH it says when the object was last
// revised, and any clock reading would break reproducible output.
func (e *event) setRevision(seq int, t time.Time) {
	e.seq, e.lastMod = seq, t
	stamp := t.UTC().Format(utcFormat)
	setProperty(e.vevent, ics.ComponentPropertyDtstamp, stamp)
	setProperty(e.vevent, ics.ComponentPropertyLastModified, stamp)
	setProperty(e.vevent, ics.ComponentPropertySequence, strconv.Itoa(seq))
}

// writeFingerprint writes the content of ve that decides whether it
// changed: every line but SEQUENCE, DTSTAMP and LAST-MODIFIED, as
// writeComponent would write it.
func writeFingerprint(w *bytes.Buffer, ve *ics.VEvent) {
	w.WriteString("BEGIN:" + string(ics.ComponentVEvent) + crlf)
	var line []byte
	for i := range ve.Properties {
		if !revisionProperty(ve.Properties[i].IANAToken) {
			line = writeProperty(w, &ve.Properties[i].BaseProperty, line)
		}
	}
	for _, sub := range ve.Components {
		writeComponent(w, sub)
	}
	w.WriteString("END:" + string(ics.ComponentVEvent) + crlf)
}

// revisionProperty reports whether name is SEQUENCE, DTSTAMP or
// LAST-MODIFIED: the properties that tell a revision, not what changed.
func revisionProperty(name string) bool {
	switch strings.ToUpper(name) {
	case string(ics.PropertySequence), string(ics.PropertyDtstamp), string(ics.PropertyLastModified):
		return true
	}
	return false
}

// covers reports whether every line of part, an event read only in part
// (cut short), is a line of ve as it would be written: nothing that could
// be read of it changed.
func covers(ve, part *ics.VEvent) bool {
	lines := func(v *ics.VEvent) map[string]bool {
		m := make(map[string]bool)
		for i := range v.Properties {
			if revisionProperty(v.Properties[i].IANAToken) {
				continue
			}
			m[contentLine(&v.Properties[i].BaseProperty)] = true
		}
		return m
	}
	have := lines(ve)
	for l := range lines(part) {
		if !have[l] {
			return false
		}
	}
	return true
}

// sessionEvents builds the events of sessions, leaving out (with a warning)
// those that cannot be written.
func (b *builder) sessionEvents(sessions []*posts.Session) []*event {
	type item struct {
		s    *posts.Session
		base string
		idx  int
	}
	var items []item
	for i, s := range sessions {
		switch {
		case s == nil:
			continue
		case s.Post == nil:
			b.warn("", 0, "session %q (%s) has no post; left out of the calendar", s.Topic, s.Text)
			continue
		case s.Start.IsZero():
			b.warn(s.Post.Source, s.Line, "session %q has no start; left out of the calendar", s.Topic)
			continue
		case !inRange(s.Start) || !inRange(s.End) && !s.End.IsZero():
			b.warn(s.Post.Source, s.Line, "session %q is dated outside the years %d-%d; left out of the calendar", s.Topic, minYear, maxYear)
			continue
		}
		base := uidBase(s)
		if s.UID != "" {
			base = explicitUID(s.UID)
		}
		items = append(items, item{s, base, i})
	}
	// Sessions that would share a UID (same post, same start) are told apart
	// by where the post writes them (then by topic, then by input order): the
	// first keeps the plain UID, the next get ".2", ".3"…. So editing a topic
	// keeps every UID, and adding a row below keeps the rows above.
	slices.SortFunc(items, func(x, y item) int {
		return cmp.Or(strings.Compare(x.base, y.base), cmp.Compare(x.s.Line, y.s.Line),
			strings.Compare(x.s.Topic, y.s.Topic), cmp.Compare(x.idx, y.idx))
	})
	events := make([]*event, 0, len(items))
	n := 0
	for i, it := range items {
		if i > 0 && items[i-1].base == it.base {
			n++
		} else {
			n = 1
		}
		uid := it.base
		if n > 1 {
			uid += "." + strconv.Itoa(n)
		}
		host := b.host
		if host == "" {
			host = postHost(it.s.Post.URL)
		}
		e := b.sessionEvent(it.s, uid+"@"+host)
		e.session = it.s
		e.explicit = it.s.UID != ""
		events = append(events, e)
	}
	return events
}

// The years a calendar's times may fall in: four-digit years, with room for
// the year after in a VTIMEZONE's window.
const minYear, maxYear = 1000, 9998

func inRange(t time.Time) bool {
	y := t.UTC().Year()
	return minYear <= y && y <= maxYear
}

// uidBase is a UID without its domain: the start (UTC, or the date of an
// all-day session), a readable slug of the permalink, and a hash of the
// permalink, since different permalinks can share a slug. It only has
// characters of [A-Za-z0-9-], so the ".N" that tells apart sessions sharing
// it can never be confused with another base.
func uidBase(s *posts.Session) string {
	id := cmp.Or(s.Post.URL, s.Post.Source)
	when := s.Start.UTC().Format(utcFormat)
	if s.AllDay {
		when = s.Start.Format(dateFormat)
	}
	sum := sha256.Sum256([]byte(id))
	parts := []string{when}
	if slug := slugify(id); slug != "" {
		parts = append(parts, slug)
	}
	return strings.Join(append(parts, hex.EncodeToString(sum[:4])), "-")
}

// slugify keeps letters and digits of a permalink's path and query, lower
// case, other runs made one "-", at most 60 octets.
func slugify(id string) string {
	if u, err := url.Parse(id); err == nil && u.Host != "" {
		id = u.Path + " " + u.RawQuery
	}
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(id) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
			continue
		}
		dash = true
	}
	s := b.String()
	if len(s) > 60 {
		s = strings.TrimRight(s[:60], "-")
	}
	return s
}

// hostName makes a host name fit a UID's domain and a file name.
func hostName(h string) string {
	h = strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '.', r == '-':
			return r
		}
		return -1
	}, strings.ToLower(h))
	return cmp.Or(strings.Trim(h, ".-"), "sessionfeed.invalid")
}

// postHost is the domain for a post's UIDs when the site's URL is not known.
func postHost(permalink string) string {
	if u, err := url.Parse(permalink); err == nil {
		return hostName(u.Hostname())
	}
	return hostName("")
}

// fileName is the per-session file name for uid: one path element of
// [A-Za-z0-9._-], no leading dot, ending in ".ics". Our own UIDs
// (<base>[.N]@<host>, base and host without "_") map one to one by writing
// "@" as "_". Any other UID (a previous calendar can hold anything) is
// sanitized, shortened, and given "__" and a hash of the UID, which a name of
// the first kind can never contain.
func fileName(uid string) string {
	if plainUID(uid) {
		return strings.Replace(uid, "@", "_", 1) + ".ics"
	}
	safe := []byte(strings.Map(func(r rune) rune {
		if r < 0x80 && isPlain(byte(r)) {
			return r
		}
		return '_'
	}, uid))
	if len(safe) > 80 {
		safe = safe[:80]
	}
	if len(safe) > 0 && safe[0] == '.' {
		safe[0] = '_'
	}
	sum := sha256.Sum256([]byte(uid))
	return string(safe) + "__" + hex.EncodeToString(sum[:8]) + ".ics"
}

func isPlain(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-'
}

// plainUID reports whether uid has the shape of the UIDs we make.
func plainUID(uid string) bool {
	if uid == "" || len(uid) > 120 || uid[0] == '.' || strings.Count(uid, "@") > 1 {
		return false
	}
	for i := 0; i < len(uid); i++ {
		if uid[i] != '@' && !isPlain(uid[i]) {
			return false
		}
	}
	return true
}

// zone tells how to write the times of s: as local time with TZID=tzid, or
// in UTC when tzid is "" (UTC itself, and zones the tz database does not know
// under their name, such as time.FixedZone offsets).
func (b *builder) zone(s *posts.Session) (tzid string, loc *time.Location) {
	name := s.Start.Location().String()
	if name == "UTC" || name == "" || name == "Local" {
		return "", nil
	}
	loc, err := b.loadZone(name)
	if err != nil {
		return "", nil
	}
	_, off := s.Start.Zone()
	if _, want := s.Start.In(loc).Zone(); want != off {
		b.warn(s.Post.Source, s.Line, "the zone %q of session %q does not match the tz database's; written in UTC", name, s.Topic)
		return "", nil
	}
	return name, loc
}

// sessionEvent builds the VEVENT of s. SEQUENCE, LAST-MODIFIED and DTSTAMP
// are placeholders until revise.
func (b *builder) sessionEvent(s *posts.Session, uid string) *event {
	p := s.Post
	e := &event{
		uid:     uid,
		start:   s.Start,
		last:    s.Start,
		vevent:  &ics.VEvent{},
		updated: revisedAt(p),
		post:    p,
	}
	ve := e.vevent
	// UID, the revision, DTSTART, DTEND, STATUS, SUMMARY, DESCRIPTION,
	// LOCATION, URL, and the categories.
	ve.Properties = make([]ics.IANAProperty, 0, 11+len(p.Tags)+len(p.Categories))
	addProperty(ve, ics.ComponentPropertyUniqueId, escapeText(uid), nil)
	addProperty(ve, ics.ComponentPropertyDtstamp, "", nil)
	addProperty(ve, ics.ComponentPropertyLastModified, "", nil)
	addProperty(ve, ics.ComponentPropertySequence, "", nil)

	if s.AllDay {
		end := s.End.In(s.Start.Location())
		if !end.After(s.Start) {
			end = s.Start.AddDate(0, 0, 1)
		}
		date := string(ics.ValueDataTypeDate)
		addProperty(ve, ics.ComponentPropertyDtStart, s.Start.Format(dateFormat), map[string][]string{"VALUE": {date}})
		addProperty(ve, ics.ComponentPropertyDtEnd, end.Format(dateFormat), map[string][]string{"VALUE": {date}})
		e.last = end
	} else {
		tzid, loc := b.zone(s)
		b.addTime(e, ics.ComponentPropertyDtStart, s.Start, tzid, loc)
		switch {
		case s.End.After(s.Start):
			b.addTime(e, ics.ComponentPropertyDtEnd, s.End, tzid, loc)
			e.last = s.End
		case !s.End.IsZero() && !s.End.Equal(s.Start):
			b.warn(s.Post.Source, s.Line, "session %q ends before it starts; written without an end", s.Topic)
		}
	}

	addProperty(ve, ics.ComponentPropertyStatus, string(ics.ObjectStatusConfirmed), nil)
	e.summary = escapeText(summary(s))
	addProperty(ve, ics.ComponentPropertySummary, e.summary, nil)
	addProperty(ve, ics.ComponentPropertyDescription, escapeText(b.description(s)), nil)
	if l := strings.TrimSpace(s.Location); l != "" {
		addProperty(ve, ics.ComponentPropertyLocation, escapeText(l), nil)
	}
	u := p.URL
	if s.URL != "" {
		if safe, ok := safeURL(s.URL, p.URL); ok {
			u = safe
		} else {
			b.warn(p.Source, s.Line, "session %q: url %q left out: calendars get only http(s) and mailto links", s.Topic, s.URL)
		}
	}
	if u = strings.TrimSpace(u); u != "" {
		addProperty(ve, ics.ComponentPropertyUrl, u, nil)
	}
	// One CATEGORIES per value: a single escaped list would not survive
	// golang-ical's parser, which unescapes the commas that separate values.
	seen := make(map[string]bool)
	for _, c := range append(slices.Clip(p.Tags), p.Categories...) {
		c = strings.TrimSpace(c)
		if c == "" || seen[strings.ToLower(c)] {
			continue
		}
		seen[strings.ToLower(c)] = true
		addProperty(ve, ics.ComponentPropertyCategories, escapeText(c), nil)
	}
	return e
}

// addTime writes a DATE-TIME property of e: local time with TZID, or UTC
// when tzid is "" or when t's local reading occurs twice (the hour repeated
// when clocks go back): calendars read such a reading as one of the two
// instants, not necessarily t's (ical.js and Python's icalendar both take the
// later), while UTC is exact.
func (b *builder) addTime(e *event, prop ics.ComponentProperty, t time.Time, tzid string, loc *time.Location) {
	if tzid == "" || repeated(t.In(loc)) {
		addProperty(e.vevent, prop, t.UTC().Format(utcFormat), nil)
		return
	}
	e.useZone(tzid, loc)
	params := b.tzidParams[tzid]
	if params == nil {
		params = map[string][]string{"TZID": {tzid}}
		b.tzidParams[tzid] = params
	}
	addProperty(e.vevent, prop, t.In(loc).Format(localFormat), params)
}

// repeated reports whether the wall-clock reading of t also belongs to
// another instant of its zone: t falls in a span the clocks went back over.
func repeated(t time.Time) bool {
	// Most instants are nowhere near a change of their zone's offset: one
	// lookup says so, where the search below takes 53.
	if start, end := t.ZoneBounds(); (start.IsZero() || !start.After(t.Add(-26*time.Hour))) &&
		(end.IsZero() || end.After(t.Add(26*time.Hour))) {
		return false
	}
	return repeatedNear(t)
}

// repeatedNear is repeated, searching the offsets of the 26 hours either
// side of t.
func repeatedNear(t time.Time) bool {
	_, off := t.Zone()
	seen := []int{off}
	for h := -26; h <= 26; h++ {
		_, o := t.Add(time.Duration(h) * time.Hour).Zone()
		if slices.Contains(seen, o) {
			continue
		}
		seen = append(seen, o)
		// The instant with t's reading at offset o.
		if _, at := t.Add(time.Duration(off-o) * time.Second).Zone(); at == o {
			return true
		}
	}
	return false
}

// revisedAt is when p was last revised, to the second: Updated, else Date.
func revisedAt(p *posts.Post) time.Time {
	t := p.Updated
	if t.IsZero() {
		t = p.Date
	}
	return t.UTC().Truncate(time.Second)
}

// summary is the topic with the host in parentheses; the post's title when
// the session has no topic.
func summary(s *posts.Session) string {
	text := oneLine(cmp.Or(s.Topic, s.Post.Title, "Session"))
	if h := oneLine(s.Host); h != "" {
		text += " (" + h + ")"
	}
	return text
}

// oneLine trims s and joins its lines with spaces.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// description is the plain-text DESCRIPTION: topic, host, the entry's other
// lines, every link of the entry as "text: url", and the post.
func (b *builder) description(s *posts.Session) string {
	var lines []string
	if t := strings.TrimSpace(s.Topic); t != "" {
		lines = append(lines, t)
	}
	if h := strings.TrimSpace(s.Host); h != "" {
		lines = append(lines, "Host: "+h)
	}
	for _, d := range s.Details {
		if d = strings.TrimSpace(d); d != "" {
			lines = append(lines, d)
		}
	}
	for _, l := range s.Links {
		u, ok := safeURL(l.URL, s.Post.URL)
		if !ok && strings.TrimSpace(l.URL) != "" {
			b.warn(s.Post.Source, s.Line, "session %q: link %q left out: calendars get only http(s) and mailto links", s.Topic, l.URL)
		}
		lines = append(lines, link(l.Text, u))
	}
	if s.Post.URL != "" {
		lines = append(lines, link(s.Post.Title, s.Post.URL))
	}
	return strings.Join(lines, "\n")
}

func link(text, u string) string {
	text, u = oneLine(text), strings.TrimSpace(u)
	if text == "" || text == u {
		return u
	}
	if u == "" {
		return text
	}
	return text + ": " + u
}

// safeURL resolves raw against the post's permalink and keeps it only if
// it is an http(s) URL with a host or a mailto: address: javascript:, data:
// and the like never reach a calendar, and a relative link is made absolute
// (a calendar has no base to resolve it against).
func safeURL(raw, post string) (string, bool) {
	raw = strings.TrimSpace(raw)
	if raw == "" || strings.ContainsAny(raw, "\x00\r\n\t") {
		return "", false
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "", false
	}
	if base, err := url.Parse(post); err == nil && base.IsAbs() {
		u = base.ResolveReference(u)
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		if u.Host == "" {
			return "", false
		}
	case "mailto":
		if u.Opaque == "" {
			return "", false
		}
	default:
		return "", false
	}
	return u.String(), true
}
