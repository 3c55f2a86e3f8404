package timeexpr

import (
	"fmt"
	"strings"
	"sync"
	"time"
)

// defaultZones is the built-in table, for callers whose Reference has no
// Zones. It is built once and never changed (its LoadLocation cache aside).
var defaultZones = sync.OnceValue(func() *Zones {
	z, err := NewZones(nil)
	if err != nil {
		panic(err) // the built-in table names only zones time/tzdata holds
	}
	return z
})

func (ref Reference) zones() *Zones {
	if ref.Zones != nil {
		return ref.Zones
	}
	return defaultZones()
}

// Parse reads text, all of which must be a time expression (surrounding
// punctuation, markup and filler words such as "on", "at" aside), and
// resolves it against ref.
//
// Text with no date or time at all gives an *Error matching ErrNoTime; a
// time of day with no date and no weekday ("10am ET") one matching ErrNoDate.
func Parse(text string, ref Reference) (When, error) {
	if len(text) > maxParse {
		return When{}, &Error{Text: clip(text), Reason: fmt.Sprintf("%d bytes is too long for a time expression", len(text))}
	}
	e, n := read(text, ref.zones())
	if e.err != "" {
		return When{}, &Error{Text: text, Reason: e.err}
	}
	if n == 0 {
		return When{}, &Error{Text: text, Reason: "no date or time", Err: ErrNoTime}
	}
	if rest := text[n:]; !ignorable(rest) {
		if e.hasTime {
			if w, err := resolve(e, text, ref); err == nil {
				if j := alternatives(text, n, &w, ref); j > n && ignorable(text[j:]) {
					return w, nil
				}
			}
		}
		if z := unknownZone(rest); z != "" && (e.hasTime || e.hasDate) && e.zone == nil {
			return When{}, &Error{Text: text, Reason: fmt.Sprintf("unknown time zone %q", z)}
		}
		return When{}, &Error{Text: text, Reason: fmt.Sprintf("unexpected %q after the time", clip(strings.TrimSpace(rest)))}
	}
	return resolve(e, text, ref)
}

// ParsePrefix reads the longest time expression that opens text ("On March
// 26th at 10am ET, we will …") and returns how many bytes of text it used:
// the filler before the expression and the expression itself, not the words
// after it. When text does not open with a date or time it returns 0 and an
// *Error matching ErrNoTime.
func ParsePrefix(text string, ref Reference) (When, int, error) {
	s := text
	if len(s) > maxPrefix {
		s = s[:maxPrefix]
	}
	e, n := read(s, ref.zones())
	if e.err != "" {
		return When{}, n, &Error{Text: text[:n], Reason: e.err}
	}
	if n == 0 {
		return When{}, 0, &Error{Text: clip(text), Reason: "no date or time", Err: ErrNoTime}
	}
	if !e.hasTime && (!e.hasDate || e.relative) && !punctuationFollows(text, n) ||
		!e.hasTime && !e.hasWD && e.numeric && !separatorFollows(text, n) {
		// A weekday or "today" alone opens many sentences that are no
		// schedule ("Sun is shining", "Today we…"); it counts only when
		// punctuation follows it ("Thursday: planning"). A number pair
		// ("1/2 of us", "1/2, or more") needs a weekday, a time or the
		// separator people put between a date and its topic ("4/12:
		// kickoff", "4/12 — kickoff") to be a date.
		return When{}, 0, &Error{Text: clip(text), Reason: "no date or time", Err: ErrNoTime}
	}
	w, err := resolve(e, text[:n], ref)
	if err == nil && e.hasTime {
		n = alternatives(s, n, &w, ref)
	}
	return w, closeMarkup(text, n), err
}

// alternatives reads the same time stated again in other zones after the
// expression that ends at text[n]: "Thu at 07:00 ET (13:00 CEST)",
// "7pm ET / 4pm PT / 01:00 CEST". It returns the position after the last
// one it read (n when none), and adds a warning to w for each that names
// another instant: the text then contradicts itself, and the first
// statement is kept.
func alternatives(text string, n int, w *When, ref Reference) int {
	for range 4 {
		i := skipSpaces(text, n)
		if i >= len(text) {
			break
		}
		closer := byte(0)
		switch text[i] {
		case '(':
			closer, i = ')', i+1
		case '[':
			closer, i = ']', i+1
		case '/', '|', '=', ',', ';':
			i++
		default:
			k, ok := wordAt(text, i, "or", "aka")
			if !ok {
				return n
			}
			i = k
		}
		var warnings []string
		j, ok := restatement(text, skipSpaces(text, i), *w, ref, &warnings)
		if !ok {
			return n
		}
		if closer != 0 {
			// Several inside the parentheses: "(9am PT, 12pm ET)".
			for range 6 {
				k := skipSpaces(text, j)
				if k >= len(text) || strings.IndexByte(",;/|", text[k]) < 0 {
					break
				}
				j2, ok := restatement(text, skipSpaces(text, k+1), *w, ref, &warnings)
				if !ok {
					break
				}
				j = j2
			}
			k := skipSpaces(text, j)
			if k >= len(text) || text[k] != closer {
				return n
			}
			j = k + 1
		}
		w.Warnings = append(w.Warnings, warnings...)
		n = j
	}
	return n
}

// restatement reads one restatement of w at text[i:] ("13:00 CEST", "UTC-7",
// "Fri 08:00 CEST") and returns the position after it. One that names
// another instant adds a warning; one with a day of its own must name the
// same instant, or it is not a restatement but another session ("Mon 10am
// ET, Tue 3pm ET").
func restatement(text string, i int, w When, ref Reference, warnings *[]string) (int, bool) {
	e, m := read(text[i:min(len(text), i+maxPrefix)], ref.zones())
	if m == 0 {
		// "9am PT (UTC-7)": the zone alone, said another way.
		e.hasTime = true // so that a city counts: "2pm GMT (London)"
		k, ok := e.readZone(text, i, ref.zones())
		if !ok || e.err != "" {
			return i, false
		}
		_, off := w.Start.Zone()
		if _, off2 := w.Start.In(e.zone.loc).Zone(); off2 != off {
			*warnings = append(*warnings, fmt.Sprintf("%q is %s on %s, not %s as written; read as the first",
				w.Start.Location(), offsetName(off), dateOf(w.Start), strings.TrimSpace(text[i:k])))
		}
		return k, true
	}
	if e.err != "" || !e.hasTime || e.zone == nil {
		return i, false
	}
	written := strings.TrimSpace(text[i : i+m])
	if e.hasDate || e.hasWD {
		alt, err := resolve(e, written, ref)
		if err != nil || !alt.Start.Equal(w.Start) {
			return i, false
		}
		return i + m, true
	}
	// A time alone is on the day the first instant falls on there.
	loc := e.zone.loc
	t, _ := localTime(dateOf(w.Start.In(loc)), e.start.hour24(), e.start.m, e.start.s, loc)
	if !t.Equal(w.Start) {
		*warnings = append(*warnings, fmt.Sprintf("%q is not the time given first, which is %s there; read as the first",
			written, w.Start.In(loc).Format("Mon 15:04")))
	}
	return i + m, true
}

// ignorable reports whether what follows an expression is only punctuation
// and markup.
func ignorable(s string) bool {
	for i := 0; i < len(s); {
		if j := skipSpaces(s, i); j > i {
			i = j
			continue
		}
		switch s[i] {
		case '.', ',', ';', ':', '!', '?', ')', ']', '*', '_', '"', '\'', '~', '(':
			i++
			continue
		}
		if strings.HasPrefix(s[i:], "”") || strings.HasPrefix(s[i:], "’") {
			i += len("”")
			continue
		}
		return false
	}
	return true
}

// punctuationFollows reports whether text[i:] is empty or opens, after
// blanks, with punctuation.
func punctuationFollows(text string, i int) bool {
	i = skipSpaces(text, i)
	if i == len(text) {
		return true
	}
	if _, ok := dash(text, i); ok {
		return true
	}
	return strings.IndexByte(",.;:!?)]*_|/", text[i]) >= 0
}

// separatorFollows reports whether text[i:] opens, after blanks, with what
// separates a date from its topic: a colon, a dash or a bar.
func separatorFollows(text string, i int) bool {
	i = skipSpaces(text, i)
	if _, ok := dash(text, i); ok {
		return true
	}
	return i < len(text) && (text[i] == ':' || text[i] == '|')
}

// unknownZone returns the word at the start of s if it is shaped like a
// zone ("XYZ", "Mars/Olympus"), else "".
func unknownZone(s string) string {
	i := skipSpaces(s, 0)
	if i < len(s) && s[i] == '(' {
		i = skipSpaces(s, i+1)
	}
	if j := zoneShapeSpan(s, i); j > i {
		return s[i:j]
	}
	w, j := word(s, i)
	if len(w) >= 2 && len(w) <= 5 && isUpperWord(w) && boundary(s, j) {
		return w
	}
	return ""
}

// closeMarkup extends the expression at text[:n] over the emphasis markers
// that close those it opened with ("**Thu 7pm ET**").
func closeMarkup(text string, n int) int {
	i := skipSpaces(text, 0)
	j := i
	for j < len(text) && (text[j] == '*' || text[j] == '_') {
		j++
	}
	if open := text[i:j]; open != "" && strings.HasPrefix(text[n:], open) {
		return n + len(open)
	}
	return n
}

// clip shortens text for an error message.
func clip(s string) string {
	if len(s) <= 80 {
		return s
	}
	i := 77
	for i > 0 && s[i]&0xc0 == 0x80 {
		i--
	}
	return s[:i] + "…"
}

// resolve turns what the reader found into instants.
func resolve(e expr, text string, ref Reference) (When, error) {
	fail := func(reason string, err error) (When, error) {
		return When{}, &Error{Text: text, Reason: reason, Err: err}
	}
	if !e.hasWD && !e.hasDate {
		if e.hasTime {
			return fail("no date given", ErrNoDate)
		}
		return fail("no date or time", ErrNoTime)
	}
	var w When
	w.Warnings = append(w.Warnings, e.notes...)
	hours := ref.Hours
	if e.hasTime {
		hours = nil
	}
	loc := ref.Location
	if hours != nil && hours.Location != nil {
		loc = hours.Location
	}
	zoneKind := kindRegion
	if e.zone != nil {
		loc, w.ZoneWritten, zoneKind = e.zone.loc, true, e.zone.kind
		if alt, note := ambiguousZone(e.zoneText, e.zone.loc, ref); note != "" {
			if alt != e.zone.loc {
				loc, zoneKind = alt, kindRegion
			}
			w.Warnings = append(w.Warnings, note)
		}
	}
	timed := e.hasTime || hours != nil
	if loc == nil {
		loc = time.UTC
		if timed {
			w.Warnings = append(w.Warnings, "no time zone given; read as UTC (set timezone in sessionfeed.toml)")
		}
	}

	first, last, reason := e.days(ref, loc, &w)
	if reason != "" {
		return fail(reason, nil)
	}

	if !timed {
		// All day: from the first midnight to the one after the last day.
		w.DateOnly = true
		w.Start, _ = localTime(first, 0, 0, 0, loc)
		w.End, _ = localTime(last.add(1), 0, 0, 0, loc)
		return w, nil
	}

	start, end, hasEnd := e.start, e.end, e.hasEnd
	if hours != nil {
		start = clock{h: hours.Start.Hour, m: hours.Start.Minute}
		end = clock{h: hours.End.Hour, m: hours.End.Minute}
		hasEnd = !hours.NoEnd && hours.End != hours.Start
		if r := start.check(); r != "" || start.h == 24 {
			if r == "" {
				r = "hour 24 out of range"
			}
			return fail("the post's hours: "+r, nil)
		}
		if r := end.check(); hasEnd && r != "" {
			return fail("the post's hours: "+r, nil)
		}
	}
	var warn string
	w.Start, warn = localTime(first, start.hour24(), start.m, start.s, loc)
	if warn != "" {
		w.Warnings = append(w.Warnings, warn)
	}
	switch {
	case hasEnd:
		day := last
		endSec, startSec := end.hour24()*3600+end.m*60+end.s, start.hour24()*3600+start.m*60+start.s
		if last == first && endSec <= startSec {
			if endSec == startSec && hours == nil {
				return fail("the range ends when it starts", nil)
			}
			day = day.add(1) // "11pm-1am" ends the next day
		}
		h := end.hour24()
		if h == 24 {
			day, h = day.add(1), 0
		}
		w.End, warn = localTime(day, h, end.m, end.s, loc)
		if warn != "" {
			w.Warnings = append(w.Warnings, warn)
		}
		if !w.End.After(w.Start) {
			return fail("the range ends before it starts", nil)
		}
	case e.hasDur:
		w.End = w.Start.Add(e.dur)
	}
	if last != first {
		w.Warnings = append(w.Warnings, fmt.Sprintf("a range of days with a time of day: read as one session from %s to %s",
			first, last))
	}
	if e.zone != nil && zoneKind != kindRegion && zoneKind != kindFixed {
		abbr, off := w.Start.Zone()
		if dst := w.Start.IsDST(); dst != (e.zone.kind == kindDaylight) {
			w.Warnings = append(w.Warnings, fmt.Sprintf("%s written for %s, when %s is on %s (%s): read as %s",
				e.zoneText, first, e.zone.region, abbr, offsetName(off), e.zone.region))
		}
	}
	return w, nil
}

// days resolves the dates of e: the first and the last day.
func (e expr) days(ref Reference, loc *time.Location, w *When) (first, last civil, reason string) {
	if !e.hasDate {
		if ref.Post.IsZero() {
			return first, last, fmt.Sprintf("no post date to count %s from", e.weekday)
		}
		from, _ := countFrom(ref, loc, postDay(ref, loc))
		first = from.add((int(e.weekday) - int(from.weekday()) + 7) % 7)
		return first, first, ""
	}
	if e.relative {
		if ref.Post.IsZero() {
			return first, last, "no post date to count today from"
		}
		first = dateOf(ref.Post).add(e.date.d)
		return first, first, ""
	}
	if e.numeric {
		first, reason = e.numericDate(ref, loc, w)
	} else {
		first, reason = e.date.resolve(ref, loc)
	}
	if reason != "" {
		return first, last, reason
	}
	if e.hasWD && first.weekday() != e.weekday {
		next := civil{y: first.y + 1, m: first.m, d: first.d}
		if post := postDay(ref, loc); e.date.y != 0 && !ref.Post.IsZero() && first.cmp(post) < 0 && next.valid() &&
			next.weekday() == e.weekday && next.cmp(post) >= 0 && next.cmp(post.add(366)) <= 0 {
			// "Friday, 2023-01-13" in a post of December 2023: the year
			// above is a typo for the next one, whose January 13 is the
			// Friday written.
			w.Warnings = append(w.Warnings, fmt.Sprintf("%s is before the post and not a %s; %s is: read as %s (a year typo?)",
				first, e.weekday, next, next))
			first = next
		} else {
			w.Warnings = append(w.Warnings, fmt.Sprintf("weekday %s does not match %s (a %s)", e.weekday, first, first.weekday()))
		}
	}
	last = first
	if e.hasRange {
		last = e.dateEnd
		if last.y == 0 {
			last.y = first.y
			if last.m < first.m {
				last.y++ // "December 30 – January 2"
			}
		}
		if !last.valid() {
			return first, last, "no such date: " + last.String()
		}
		if last.cmp(first) < 0 {
			return first, last, fmt.Sprintf("the range of days ends (%s) before it starts (%s)", last, first)
		}
		if last.noon().Sub(first.noon()) > maxSpan-48*time.Hour {
			return first, last, fmt.Sprintf("the range of days from %s to %s is longer than a year", first, last)
		}
	}
	return first, last, ""
}

// numericDate resolves "4/8": April 8 or 4 August. A weekday written with
// it decides; else a number above 12 does; else the convention of the zone's
// region (month first in the Americas, day first elsewhere), with a warning.
func (e expr) numericDate(ref Reference, loc *time.Location, w *When) (civil, string) {
	written := fmt.Sprintf("%d/%d", int(e.date.m), e.date.d)
	md, mdReason := e.date.resolve(ref, loc)
	dm, dmReason := civil{e.date.y, time.Month(e.date.d), int(e.date.m)}.resolve(ref, loc)
	switch {
	case mdReason != "" && dmReason != "":
		return md, "no such date: " + written
	case dmReason != "" || md == dm:
		return md, ""
	case mdReason != "":
		return dm, ""
	}
	if e.hasWD {
		switch {
		case md.weekday() == e.weekday && dm.weekday() != e.weekday:
			return md, ""
		case dm.weekday() == e.weekday && md.weekday() != e.weekday:
			return dm, ""
		}
	}
	pick, order := dm, "day/month"
	if name := loc.String(); strings.HasPrefix(name, "America/") || strings.HasPrefix(name, "US/") || name == "Pacific/Honolulu" {
		pick, order = md, "month/day"
	}
	w.Warnings = append(w.Warnings, fmt.Sprintf("%s read as %s (%s, as written in %s); write the month's name to be sure", written, pick, order, loc))
	return pick, ""
}

// resolve gives a written date its year when the text does not: the first
// such date on or after a week before the post (a post may recap the week's
// sessions), and on or after the entry above it; but with no entry above,
// a date more than a week back that is nearer in the past than in the
// future is the past one.
func (c civil) resolve(ref Reference, loc *time.Location) (civil, string) {
	if c.y != 0 {
		if !c.valid() {
			return c, "no such date: " + c.String()
		}
		return c, ""
	}
	if ref.Post.IsZero() {
		return c, fmt.Sprintf("no year given and no post date to count from for %s", c)
	}
	post := postDay(ref, loc)
	from, ordered := countFrom(ref, loc, post.add(-7))
	c.y = from.y
	if c.m < from.m || (c.m == from.m && c.d < from.d) {
		c.y++
		// With no entry above to keep order with, a date nearer in the
		// past than in the future is, as a person reads it, the one that
		// has passed ("Mar 12: published the RFC" in an April post):
		// schedules treat it as history.
		if last := (civil{c.y - 1, c.m, c.d}); !ordered && last.valid() &&
			post.noon().Sub(last.noon()) < c.noon().Sub(post.noon()) {
			c = last
		}
	}
	if !c.valid() {
		if (civil{2000, c.m, c.d}).valid() {
			return c, "no such date: " + c.String() // February 29 in a common year
		}
		c.y = 0
		return c, "no such date: " + c.String()
	}
	return c, ""
}

// countFrom is the day a relative date counts from: from, or the day of
// ref.After (the entry above) in loc when that is later, then ordered.
func countFrom(ref Reference, loc *time.Location, from civil) (day civil, ordered bool) {
	if !ref.After.IsZero() {
		if a := dateOf(ref.After.In(loc)); a.cmp(from) > 0 {
			return a, true
		}
	}
	return from, false
}

// postDay is the day relative dates count from: the later of the post's
// date as written (in its own zone) and its date in the expression's zone.
// The first keeps a post dated "2021-04-07" (midnight UTC) on April 7 when
// its times are in New York, where that instant is still April 6; the
// second keeps a session from falling before the post went out.
func postDay(ref Reference, loc *time.Location) civil {
	own, there := dateOf(ref.Post), dateOf(ref.Post.In(loc))
	if own.cmp(there) > 0 {
		return own
	}
	return there
}

func dateOf(t time.Time) civil {
	y, m, d := t.Date()
	return civil{y, m, d}
}

func (c civil) noon() time.Time { return time.Date(c.y, c.m, c.d, 12, 0, 0, 0, time.UTC) }

func (c civil) add(days int) civil { return dateOf(c.noon().AddDate(0, 0, days)) }

func (c civil) weekday() time.Weekday { return c.noon().Weekday() }

func (c civil) valid() bool {
	return c.m >= 1 && c.m <= 12 && c.d >= 1 && c.d <= 31 && dateOf(c.noon()) == c
}

func (c civil) cmp(o civil) int {
	switch {
	case c.y != o.y:
		return c.y - o.y
	case c.m != o.m:
		return int(c.m) - int(o.m)
	}
	return c.d - o.d
}

// String writes the date the way the warnings speak: "April 8, 2021", or
// "February 30" without a year.
func (c civil) String() string {
	m := fmt.Sprint(c.m)
	if c.m < 1 || c.m > 12 {
		m = fmt.Sprintf("month %d", int(c.m))
	}
	if c.y == 0 {
		return fmt.Sprintf("%s %d", m, c.d)
	}
	return fmt.Sprintf("%s %d, %d", m, c.d, c.y)
}

// offsetName writes an offset from UTC in seconds: "UTC-04:00".
func offsetName(off int) string {
	sign := '+'
	if off < 0 {
		sign, off = '-', -off
	}
	return fmt.Sprintf("UTC%c%02d:%02d", sign, off/3600, off/60%60)
}

// localTime is the instant the wall clock of loc shows h:m:s on day d. When
// the clock skips that time (spring forward) it is the instant the clock
// moved forward past it (02:30 reads as 03:30 daylight time); when the clock
// shows it twice (fall back) it is the first time. Either comes with a
// warning.
func localTime(d civil, h, m, s int, loc *time.Location) (time.Time, string) {
	wall := time.Date(d.y, d.m, d.d, h, m, s, 0, time.UTC).Unix()
	offAt := func(u int64) int {
		_, off := time.Unix(u, 0).In(loc).Zone()
		return off
	}
	before, after := offAt(wall-43200), offAt(wall+43200)
	var fits []int64
	for _, off := range []int{before, after} {
		u := wall - int64(off)
		if offAt(u) == off && (len(fits) == 0 || fits[0] != u) {
			fits = append(fits, u)
		}
	}
	hm := func() string { return fmt.Sprintf("%02d:%02d", h, m) }
	switch len(fits) {
	case 0:
		t := time.Unix(wall-int64(before), 0).In(loc)
		abbr, _ := t.Zone()
		return t, fmt.Sprintf("%s does not exist on %s in %s (the clocks move forward); read as %s %s",
			hm(), d, loc, t.Format("15:04"), abbr)
	case 1:
		return time.Unix(fits[0], 0).In(loc), ""
	}
	u := min(fits[0], fits[1])
	t := time.Unix(u, 0).In(loc)
	abbr, off := t.Zone()
	return t, fmt.Sprintf("%s happens twice on %s in %s (the clocks move back); read as the first, %s %s (%s)",
		hm(), d, loc, t.Format("15:04"), abbr, offsetName(off))
}

// ambiguousAbbreviations are the abbreviations that name more than one
// clock; the first zone is the one read when nothing says otherwise.
var ambiguousAbbreviations = map[string][]string{
	"CST": {"America/Chicago", "Asia/Shanghai"},
	"IST": {"Asia/Kolkata", "Europe/Dublin", "Asia/Jerusalem"},
}

// ambiguousZone reads an abbreviation that names several clocks by
// context: the one the site's zone is (or keeps the same offset as, on the
// post's day: "CST" on a site in Asia/Taipei is China's clock) wins. It
// returns the zone and a warning whenever the abbreviation is ambiguous
// and the site's zone did not settle it, or settled it against the usual
// reading; "" when there is nothing to say.
func ambiguousZone(abbr string, usual *time.Location, ref Reference) (*time.Location, string) {
	cands, ok := ambiguousAbbreviations[strings.ToUpper(strings.TrimSpace(abbr))]
	if !ok || !isUpperWord(abbr) {
		return usual, ""
	}
	at := ref.Post
	if at.IsZero() {
		at = time.Date(2000, 1, 1, 12, 0, 0, 0, time.UTC)
	}
	if site := ref.Location; site != nil {
		_, siteOff := at.In(site).Zone()
		for i, name := range cands {
			loc, err := loadIANA(name)
			if err != nil {
				continue
			}
			_, off := at.In(loc).Zone()
			if name == site.String() || off == siteOff && continent(name) == continent(site.String()) {
				if i == 0 {
					return loc, "" // the usual reading, and the site's
				}
				return loc, fmt.Sprintf("%s read as %s, the site's clock (%s); write an IANA name to be sure", abbr, name, site)
			}
		}
	}
	if site := ref.Location; site != nil && continent(site.String()) == continent(cands[0]) {
		return usual, "" // "CST" on a site in New York: the usual reading fits
	}
	others := cands[1:]
	return usual, fmt.Sprintf("%s read as %s; if %s is meant, write it (or set [zones] %s in the configuration)",
		abbr, cands[0], strings.Join(others, " or "), abbr)
}

// continent is the first part of an IANA name: "Asia" of "Asia/Taipei".
func continent(name string) string {
	c, _, _ := strings.Cut(name, "/")
	return c
}

// Readings returns the zones an ambiguous abbreviation ("IST", "CST") may
// name, the usual one first; nil for one that names a single clock.
func Readings(abbr string) []string {
	return ambiguousAbbreviations[strings.ToUpper(abbr)]
}
