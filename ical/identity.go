package ical

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/sessionfeed/sessionfeed/posts"
	"github.com/sessionfeed/sessionfeed/tzdb"
)

// One identity per session. A session's UID is made from its post's
// permalink and its start (uidBase), but it keeps the UID of its previous
// version when either changes. Calendar matches the sessions of this run to
// the events of the previous calendar, in this order:
//
//  1. a session with an explicit uid: the event with that UID;
//  2. the event with the UID the session would be given, if it starts at the
//     same time (the everyday case: nothing or only the text changed);
//  3. within one post, known by its permalink, an alias of it (Hugo and
//     Zola aliases, Jekyll redirect_from) or the path of the event's URL: an
//     event that starts at the same time (the post was renamed, or moved,
//     or base_url changed);
//  4. within one post, a session that moved to another time or day: the
//     sessions and events left, grouped by their SUMMARY, and when a group
//     has as many of each they pair up in the order of their starts; then
//     the same for all that is left of the post (the post changed the
//     times of its rows). A moved session keeps its UID, with the new
//     DTSTART and SEQUENCE+1, as RFC 5546 (§2.1.4) has organizers do;
//  5. the event with the UID the session would be given, whatever its
//     start (the slot of a session that moved away is taken again).
//
// What is left is new, or cancelled: with a warning when a post has both,
// since a subscriber then sees a cancellation and a new event.

// ours filters the previous events this site made. Events are copied: the
// caller may reuse previous.
func (b *builder) ours(previous *Previous, ix *postIndex) []*event {
	hosts := make(map[string]int)
	known := 0 // events whose URL is a post's of this run
	for _, e := range previous.events {
		hosts[uidHost(e.uid)]++
		if p, _ := ix.byURL(e); p != nil {
			known++
		}
	}
	host := b.host
	if host != "" && hosts[host] == 0 && len(hosts) == 1 && known > 0 {
		// base_url moved to another domain: every event has the old one,
		// and links to a post that is still here.
		for h := range hosts {
			host = h
		}
		b.warn(b.opts.Path, 0, "the previous calendar's UIDs are of %s, not %s (base_url changed?): its events are carried over with their UIDs", host, b.host)
	}
	var out []*event
	foreign := 0
	for _, e := range previous.events {
		if host != "" && uidHost(e.uid) != host {
			foreign++
			continue
		}
		c := *e
		ve := *e.vevent
		ve.Properties = slices.Clone(ve.Properties)
		c.vevent = &ve
		out = append(out, &c)
	}
	if foreign > 0 {
		b.warn(b.opts.Path, 0, "%d events of the previous calendar were made for another site (their UIDs are not of %s); left out", foreign, b.host)
	}
	return out
}

func uidHost(uid string) string {
	_, h, _ := strings.Cut(uid, "@")
	return h
}

// postKey is the hash of the permalink in a UID of ours ("" for an explicit
// UID's): the post the event belongs to.
func postKey(uid string) string {
	local, _, _ := strings.Cut(uid, "@")
	if i := strings.LastIndexByte(local, '.'); i >= 0 {
		if _, err := strconv.Atoi(local[i+1:]); err == nil {
			local = local[:i]
		}
	}
	if strings.HasPrefix(local, explicitPrefix) {
		return ""
	}
	k := local[strings.LastIndexByte(local, '-')+1:]
	if len(k) != 8 {
		return ""
	}
	return k
}

// permalinkKey is the hash uidBase puts in a UID for a permalink.
func permalinkKey(id string) string {
	sum := sha256.Sum256([]byte(id))
	return hex.EncodeToString(sum[:4])
}

// urlPath is u's path, to know a post across a change of domain; "" when
// u is not an absolute URL.
func urlPath(u string) string {
	p, err := url.Parse(u)
	if err != nil || p.Host == "" {
		return ""
	}
	return cmp.Or(p.EscapedPath(), "/")
}

// postIndex finds the post a previous event belongs to.
type postIndex struct {
	byKey  map[string]*posts.Post
	byPath map[string]*posts.Post
	bySlug map[string][]*posts.Post // by the last segment of the permalink's path
}

func (b *builder) indexPosts(events []*event) *postIndex {
	ix := &postIndex{byKey: map[string]*posts.Post{}, byPath: map[string]*posts.Post{}, bySlug: map[string][]*posts.Post{}}
	all := slices.Clone(b.opts.Posts)
	for _, e := range events {
		all = append(all, e.post)
	}
	for _, p := range all {
		if p == nil {
			continue
		}
		// Aliases first, so that a post's own permalink wins over another's alias.
		for _, a := range p.Aliases {
			ix.byKey[permalinkKey(a)] = p
			if path := urlPath(a); path != "" {
				ix.byPath[path] = p
			}
		}
	}
	for _, p := range all {
		if p == nil {
			continue
		}
		ix.byKey[permalinkKey(cmp.Or(p.URL, p.Source))] = p
		if path := urlPath(p.URL); path != "" {
			ix.byPath[path] = p
			if slug := lastSegment(path); slug != "" && !slices.Contains(ix.bySlug[slug], p) {
				ix.bySlug[slug] = append(ix.bySlug[slug], p)
			}
		}
	}
	return ix
}

// owner is the post e belongs to; weak when it was found by the last
// segment of its path alone, a guess that only a session starting at the
// same time confirms.
func (ix *postIndex) owner(e *event) (p *posts.Post, weak bool) {
	if k := postKey(e.uid); k != "" {
		if p := ix.byKey[k]; p != nil {
			return p, false
		}
	}
	p, weak = ix.byURL(e)
	return p, weak
}

// byURL finds the post of a previous event by the post's URL it links to
// (the last line of its DESCRIPTION, else its URL): the same path (base_url
// moved to another domain), else the same last path segment, when one post
// alone has it (the permalink pattern or base_url's path changed).
func (ix *postIndex) byURL(e *event) (p *posts.Post, weak bool) {
	for _, u := range []string{descriptionURL(e), unescapeWire(e.url)} {
		if p := ix.byPath[urlPath(u)]; p != nil && urlPath(u) != "" {
			return p, false
		}
	}
	for _, u := range []string{descriptionURL(e), unescapeWire(e.url)} {
		if path := urlPath(u); path != "" {
			if ps := ix.bySlug[lastSegment(path)]; len(ps) == 1 {
				return ps[0], true
			}
		}
	}
	return nil, false
}

// descriptionURL is the post's permalink sessionEvent writes on the last
// line of DESCRIPTION ("Title: URL"), or "".
func descriptionURL(e *event) string {
	p := e.vevent.GetProperty(ics.ComponentPropertyDescription)
	if p == nil {
		return ""
	}
	d := unescapeWire(p.Value)
	last := d[strings.LastIndexByte(d, '\n')+1:]
	if i := strings.LastIndex(last, ": "); i >= 0 {
		last = last[i+2:]
	}
	if !strings.HasPrefix(last, "http://") && !strings.HasPrefix(last, "https://") {
		return ""
	}
	return last
}

// lastSegment is the last non-empty segment of a URL path, without an
// extension: "/2021/05/20/meetings/" and "/posts/meetings.html" give
// "meetings".
func lastSegment(p string) string {
	p = strings.TrimRight(p, "/")
	s := p[strings.LastIndexByte(p, '/')+1:]
	if i := strings.LastIndexByte(s, '.'); i > 0 {
		s = s[:i]
	}
	return s
}

// match pairs events (of this run's sessions) with prev (the previous
// calendar's): a matched event takes its previous version's UID and
// records it in prev.
func (b *builder) match(events, prev []*event, ix *postIndex) {
	byUID := make(map[string]*event, len(prev))
	for _, p := range prev {
		byUID[p.uid] = p
	}
	claim := func(e, p *event) {
		e.prev, p.claimed = p, true
		if e.uid != p.uid {
			e.setUID(p.uid)
		}
	}
	// 1 and 2.
	for _, e := range events {
		if p := byUID[e.uid]; p != nil && !p.claimed && (e.explicit || sameStart(e, p)) {
			claim(e, p)
		}
	}

	// 3 and 4, post by post.
	type group struct {
		post *posts.Post
		cur  []*event
		old  []*event
	}
	groups := make(map[*posts.Post]*group)
	var order []*posts.Post
	get := func(p *posts.Post) *group {
		g := groups[p]
		if g == nil {
			g = &group{post: p}
			groups[p] = g
			order = append(order, p)
		}
		return g
	}
	for _, e := range events {
		if e.prev == nil {
			get(e.post).cur = append(get(e.post).cur, e)
		}
	}
	for _, p := range prev {
		p.owner, p.weak = ix.owner(p)
		if !p.claimed && p.owner != nil && groups[p.owner] != nil {
			g := groups[p.owner]
			g.old = append(g.old, p)
		}
	}
	byStart := func(x, y *event) int { return cmp.Or(x.start.Compare(y.start), strings.Compare(x.uid, y.uid)) }
	for _, post := range order {
		g := groups[post]
		slices.SortFunc(g.cur, byStart)
		slices.SortFunc(g.old, byStart)
		for _, e := range g.cur {
			for _, p := range g.old {
				if !p.claimed && sameStart(e, p) {
					claim(e, p)
					break
				}
			}
		}
		unmatched := func() (cur, old []*event) {
			for _, e := range g.cur {
				if e.prev == nil {
					cur = append(cur, e)
				}
			}
			for _, p := range g.old {
				if !p.claimed && !p.cancelled && !p.weak {
					old = append(old, p)
				}
			}
			return cur, old
		}
		cur, old := unmatched()
		bySummary := make(map[string][2][]*event)
		for _, e := range cur {
			v := bySummary[e.summary]
			v[0] = append(v[0], e)
			bySummary[e.summary] = v
		}
		for _, p := range old {
			v := bySummary[p.summary]
			v[1] = append(v[1], p)
			bySummary[p.summary] = v
		}
		for _, v := range bySummary {
			if len(v[0]) == len(v[1]) {
				for i := range v[0] {
					claim(v[0][i], v[1][i])
				}
			}
		}
		cur, old = unmatched()
		// Pairing what is left by position needs the whole post: when an
		// entry could not be read, what is left may be that entry's event.
		if len(cur) == len(old) && !slices.Contains(b.opts.Incomplete, post.Source) {
			for i := range cur {
				claim(cur[i], old[i])
			}
		}
	}

	// 5, and UIDs made unique again: a UID a moved session took may be the
	// one another session would be given.
	taken := make(map[string]bool, len(events)+len(prev))
	for _, p := range prev {
		taken[p.uid] = true
	}
	for _, e := range events {
		if e.prev != nil {
			continue
		}
		if p := byUID[e.uid]; p != nil && !p.claimed {
			claim(e, p)
			continue
		}
	}
	for _, e := range events {
		if e.prev != nil || !taken[e.uid] {
			taken[e.uid] = true
			continue
		}
		local, host, _ := strings.Cut(e.uid, "@")
		for n := 2; ; n++ {
			uid := local + "." + strconv.Itoa(n) + "@" + host
			if !taken[uid] {
				e.setUID(uid)
				taken[uid] = true
				break
			}
		}
	}

	// A guessed owner that no session confirmed was no owner.
	for _, p := range prev {
		if p.weak && !p.claimed {
			p.owner, p.weak = nil, false
		}
	}

	// What could not be matched is said, post by post.
	for _, post := range order {
		g := groups[post]
		var gone []string
		for _, p := range g.old {
			if !p.claimed && !p.cancelled && p.owner != nil {
				gone = append(gone, fmt.Sprintf("%s (%s)", p.start.Format("2006-01-02 15:04 MST"), unescapeWire(p.summary)))
			}
		}
		newCount := 0
		for _, e := range g.cur {
			if e.prev == nil {
				newCount++
			}
		}
		if len(gone) > 0 && newCount > 0 && !slices.Contains(b.opts.Incomplete, post.Source) {
			b.warn(post.Source, 0, "could not tell which sessions %s became: they are cancelled and %d new events published; give each session a uid in the front matter to keep it", strings.Join(gone, ", "), newCount)
		}
	}
}

// sameStart reports whether e and p start at the same time: the same date
// for all-day events, the same instant for others.
func sameStart(e, p *event) bool {
	de, dp := allDayEvent(e.vevent), allDayEvent(p.vevent)
	if de || dp {
		return de && dp && e.start.Format(dateFormat) == p.start.Format(dateFormat)
	}
	return e.start.Equal(p.start)
}

func allDayEvent(ve *ics.VEvent) bool {
	p := ve.GetProperty(ics.ComponentPropertyDtStart)
	return p != nil && len(p.ICalParameters["VALUE"]) == 1 && strings.EqualFold(p.ICalParameters["VALUE"][0], "DATE")
}

// unsure says why the unmatched previous event p must not be cancelled: a
// read error may be why no session matched it. "" when it may be.
func (b *builder) unsure(p *event) string {
	if p.owner != nil {
		if slices.Contains(b.opts.Incomplete, p.owner.Source) {
			return "some entries of this post could not be read"
		}
		return ""
	}
	if len(b.opts.Failed) > 0 {
		failed := b.opts.Failed
		more := ""
		if len(failed) > 3 {
			failed, more = failed[:3], fmt.Sprintf(" and %d more", len(failed)-3)
		}
		return fmt.Sprintf("events whose post was not read, while %s%s could not be read", strings.Join(failed, ", "), more)
	}
	return ""
}

// explicitPrefix starts the UIDs made from a session's uid, which no
// uidBase (starting with a date) can.
const explicitPrefix = "uid-"

// explicitUID is the UID, without its domain, for a session's uid: its
// letters, digits and dashes, and a hash of it all.
func explicitUID(key string) string {
	return explicitPrefix + cmp.Or(slugify(key), "x") + "-" + permalinkKey("uid:"+key)
}

// unescapeWire reads a wire-form TEXT value back.
func unescapeWire(s string) string { return ics.FromText(s) }

// loadZone loads a TZID, a session's or one found in the previous calendar,
// from the embedded tz database, remembered for the rest of the call; "Local"
// and "" name no zone here.
func (b *builder) loadZone(tzid string) (*time.Location, error) {
	loc, seen := b.zones[tzid]
	if !seen {
		loc, _ = tzdb.Load(tzid)
		b.zones[tzid] = loc
	}
	if loc == nil {
		return nil, fmt.Errorf("TZID %q is not in the tz database", tzid)
	}
	return loc, nil
}
