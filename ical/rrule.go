package ical

import (
	"fmt"
	"slices"
	"strconv"
	"time"
)

// Outlook (desktop) misreads VTIMEZONEs that list each transition as an
// observance of its own; calendar clients are happiest with one STANDARD and
// one DAYLIGHT observance carrying a yearly RRULE. So where a zone's
// transitions follow a yearly rule — the same month, the nth (or last)
// weekday, the same wall-clock time, the same offsets and name — in
// consecutive years, they are written as one observance with
// RRULE:FREQ=YEARLY;BYDAY=…;BYMONTH=… (FREQ first, as Outlook writes it).
// The onsets the RRULE generates are exactly the transitions it replaces:
// it ends with COUNT after the last of them, except the last run of the
// VTIMEZONE when the zone keeps the rule for years after it (its future, as
// tz knows it), which is open-ended. Transitions that follow no such rule
// (rule changes, Ramadan suspensions, abolished DST) stay explicit.
//
// COUNT rather than UNTIL: RFC 5545 wants UNTIL in UTC in a VTIMEZONE, and
// Python's icalendar (5.0, through dateutil) then refuses the whole
// calendar, its DTSTART being a local time. And open-ended only when the
// VTIMEZONE ends before 2038: Python's icalendar expands an open-ended
// observance to the end of 2038 only.

// ruleKey is what the transitions of one RRULE share besides their rule.
type ruleKey struct {
	daylight bool
	from, to int
	name     string
	month    time.Month
	weekday  time.Weekday
	clock    time.Duration // wall-clock time of day, in the offset before
}

// wall is o's onset as a clock reading in the offset before it.
func (o observance) wall() time.Time {
	return o.onset.UTC().Add(time.Duration(o.from) * time.Second)
}

func (o observance) key() ruleKey {
	w := o.wall()
	day := time.Date(w.Year(), w.Month(), w.Day(), 0, 0, 0, 0, time.UTC)
	return ruleKey{o.daylight, o.from, o.to, o.name, w.Month(), w.Weekday(), w.Sub(day)}
}

// nths lists the rules o's date follows: its nth weekday of the month
// (1…4) and, in the month's last week, -1.
func (o observance) nths() []int {
	w := o.wall()
	var ns []int
	if n := (w.Day()-1)/7 + 1; n <= 4 {
		ns = append(ns, n)
	}
	if w.AddDate(0, 0, 7).Month() != w.Month() {
		ns = append(ns, -1)
	}
	return ns
}

// run is observances that one RRULE can stand for.
type run struct {
	key   ruleKey
	obs   []observance
	nths  []int // the rules every one of them follows
	open  bool  // no UNTIL
	index int   // where its first observance was in the list
}

func intersect(a, b []int) []int {
	var out []int
	for _, x := range a {
		if slices.Contains(b, x) {
			out = append(out, x)
		}
	}
	return out
}

// runs groups obs (by onset) into runs: each observance joins the open run
// of its key when that run's last one is in the year before and they
// follow a common rule; otherwise it starts a new run.
func runs(obs []observance) []*run {
	var all []*run
	open := map[ruleKey]*run{}
	for i, o := range obs {
		k := o.key()
		if r := open[k]; r != nil {
			last := r.obs[len(r.obs)-1]
			if common := intersect(r.nths, o.nths()); o.wall().Year() == last.wall().Year()+1 && len(common) > 0 {
				r.obs = append(r.obs, o)
				r.nths = common
				continue
			}
		}
		r := &run{key: k, obs: []observance{o}, nths: o.nths(), index: i}
		open[k] = r
		all = append(all, r)
	}
	return all
}

// lookAhead is how many years past the VTIMEZONE's end a run must go on
// in the zone for its RRULE to be left open-ended.
const lookAhead = 8

// openEndedUntil is the last year in which a VTIMEZONE may end and still
// have an open-ended RRULE (Python's icalendar stops expanding in 2038).
const openEndedUntil = 2037

// openEnded marks the runs that reach the end of the last window and go on
// following their rule for lookAhead years in loc.
func openEnded(rs []*run, loc *time.Location, end time.Time) {
	var later []observance
	_, prev := end.Add(-time.Second).In(loc).Zone()
	limit := end.AddDate(lookAhead, 0, 0)
	for at := nextTransition(loc, end.Add(-time.Second)); !at.IsZero() && at.Before(limit); at = nextTransition(loc, at) {
		t := at.In(loc)
		name, off := t.Zone()
		later = append(later, observance{daylight: t.IsDST(), onset: at, from: prev, to: off, name: name})
		prev = off
	}
	if len(later) == 0 || end.Year() > openEndedUntil {
		return // no transitions ahead, or too far ahead for some readers
	}
	last := map[ruleKey]*run{}
	for _, r := range rs {
		last[r.key] = r
	}
	ext := map[*run]*run{}
	for _, o := range later {
		r := last[o.key()]
		if r == nil {
			return // the zone changes its rules ahead
		}
		e := ext[r]
		if e == nil {
			e = &run{key: r.key, obs: slices.Clone(r.obs), nths: r.nths}
			ext[r] = e
		}
		prevYear := e.obs[len(e.obs)-1].wall().Year()
		common := intersect(e.nths, o.nths())
		if o.wall().Year() != prevYear+1 || len(common) == 0 {
			return
		}
		e.obs = append(e.obs, o)
		e.nths = common
	}
	for r := range ext {
		if r.obs[len(r.obs)-1].onset.Before(end.AddDate(-1, 0, 0)) {
			return // this rule stopped before the end: not one that goes on
		}
	}
	for r, e := range ext {
		r.nths, r.open = e.nths, true
	}
}

var weekdayCodes = [...]string{"SU", "MO", "TU", "WE", "TH", "FR", "SA"}

// rrule renders r's RRULE value, FREQ first.
func (r *run) rrule() string {
	n := r.nths[0]
	if slices.Contains(r.nths, -1) {
		n = -1 // "last" reads as the rule people write (lastSun)
	}
	s := fmt.Sprintf("FREQ=YEARLY;BYDAY=%d%s;BYMONTH=%d", n, weekdayCodes[r.key.weekday], int(r.key.month))
	if !r.open {
		s += ";COUNT=" + strconv.Itoa(len(r.obs))
	}
	return s
}
