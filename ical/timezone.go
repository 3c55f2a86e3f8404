package ical

import (
	"fmt"
	"slices"
	"time"
	_ "time/tzdata" // zones load on machines without zoneinfo (Go prefers the system's when there is one)

	ics "github.com/arran4/golang-ical"
)

// A VTIMEZONE is generated from Go's tz database rather than taken from
// golang-ical, whose Calendar.AddTimezone writes a TZID and nothing else
// (RFC 5545 §3.6.5 requires at least one STANDARD or DAYLIGHT observance).
//
// A calendar reads a zoned time by the observance in force at it: the one
// with the latest onset not after it. So a VTIMEZONE only needs to be right
// around the times written with its TZID. For each such time it covers the
// UTC year before to the year after: the observance in force at the start of
// that window, then every transition in it, each written as its own
// observance (DTSTART = the local time of the transition, in the offset
// before it; TZOFFSETFROM/TZOFFSETTO; TZNAME). Transitions that follow a
// yearly rule are then written as one observance with an RRULE (see
// rrule.go); the others stay explicit, exact whatever the zone did (rule
// changes, abolished or introduced DST, Ramadan suspensions). A zone
// without transitions is a single observance. Windows
// rather than one span from the first event to the last: the size stays in
// proportion to the events, even with a stray year far off.

// span is a range of instants a VTIMEZONE must describe.
type span struct{ from, to time.Time }

// windows lists the spans a VTIMEZONE for times in the given UTC years
// covers: each year with the one before and the one after, overlapping or
// touching windows merged. Whole years make the definitions of files with
// times in the same years identical, and cacheable.
func windows(years []int) []span {
	years = slices.Sorted(slices.Values(years))
	var ws []span
	for _, y := range slices.Compact(years) {
		from := time.Date(y-1, 1, 1, 0, 0, 0, 0, time.UTC)
		to := time.Date(y+2, 1, 1, 0, 0, 0, 0, time.UTC)
		if n := len(ws); n > 0 && !from.After(ws[n-1].to) {
			ws[n-1].to = to
			continue
		}
		ws = append(ws, span{from, to})
	}
	return ws
}

// observance is one STANDARD or DAYLIGHT sub-component.
type observance struct {
	daylight bool
	onset    time.Time // the instant it starts
	from, to int       // UTC offsets before and after onset, in seconds
	name     string
}

// nextTransition is the first instant after t at which loc's offset, name or
// DST flag changes; zero when there is none.
//
// Time.ZoneBounds is only a guide. It reports boundaries where nothing
// changes (at the end of each year Go computes from a zone's TZ rule), and in
// the last day of such a leap year it reports an end before the instant asked
// about (golang/go#81583: 2040-12-31 in Europe/Berlin). Over such a stretch
// this steps by the hour, and bisects to the second if the zone changed.
func nextTransition(loc *time.Location, t time.Time) time.Time {
	zone := func(u time.Time) zoneState { return zoneAt(loc, u) }
	was := zone(t)
	for range 1000 { // unchanged boundaries come about once a year
		_, end := t.In(loc).ZoneBounds()
		switch {
		case end.IsZero():
			return end
		case !end.After(t):
			u := t.Add(time.Hour)
			if zone(u) != was {
				for u.Sub(t) > time.Second { // zone(t) == was, zone(u) != was
					mid := t.Add(u.Sub(t) / 2).Truncate(time.Second)
					if zone(mid) == was {
						t = mid
					} else {
						u = mid
					}
				}
				return u
			}
			t = u
		case zone(end) != was:
			return end
		default:
			t = end
		}
	}
	return time.Time{}
}

// zoneStart is when the observance in force at t began: Time.ZoneBounds,
// stepped back over the boundaries where nothing changes (Go reports one at
// the start of each year it computes from a zone's TZ rule, as with the
// slim TZif files of the embedded database); zero when there is none.
func zoneStart(loc *time.Location, t time.Time) time.Time {
	zone := func(u time.Time) zoneState { return zoneAt(loc, u) }
	was := zone(t)
	start, _ := t.In(loc).ZoneBounds()
	for range 1000 {
		if start.IsZero() || zone(start.Add(-time.Second)) != was {
			return start
		}
		start, _ = start.Add(-time.Second).In(loc).ZoneBounds()
	}
	return start
}

type zoneState struct {
	name string
	off  int
	dst  bool
}

// zoneAt is loc's zone at u.
func zoneAt(loc *time.Location, u time.Time) zoneState {
	l := u.In(loc)
	name, off := l.Zone()
	return zoneState{name, off, l.IsDST()}
}

// observances lists, for each window, the observance in force at its start
// and every transition of loc in it.
func observances(loc *time.Location, ws []span) []observance {
	var obs []observance
	add := func(o observance) {
		if n := len(obs); n == 0 || o.onset.After(obs[n-1].onset) {
			obs = append(obs, o)
		}
	}
	for _, w := range ws {
		t := w.from.In(loc)
		name, off := t.Zone()
		start := zoneStart(loc, w.from)
		first := observance{daylight: t.IsDST(), onset: start, from: off, to: off, name: name}
		if start.IsZero() {
			// Nothing before: tz knows this offset as the zone's only one so far.
			year := min(1970, w.from.Year())
			first.onset = time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC).Add(-time.Duration(off) * time.Second)
			if first.onset.After(w.from) {
				// West of Greenwich, local midnight comes after the window's
				// start (found by FuzzVTimezone: São Paulo in 1908).
				first.onset = first.onset.AddDate(-1, 0, 0)
			}
		} else {
			_, first.from = start.Add(-time.Second).In(loc).Zone()
		}
		add(first)
		prev := off
		for at := nextTransition(loc, w.from); !at.IsZero() && at.Before(w.to); at = nextTransition(loc, at) {
			t := at.In(loc)
			name, off := t.Zone()
			add(observance{daylight: t.IsDST(), onset: at, from: prev, to: off, name: name})
			prev = off
		}
	}
	return obs
}

// utcOffset renders a UTC-OFFSET value (§3.3.14), with seconds when the
// offset has them (local mean times do).
func utcOffset(sec int) string {
	sign := '+'
	if sec < 0 {
		sign, sec = '-', -sec
	}
	h, m, s := sec/3600, sec/60%60, sec%60
	if s != 0 {
		return fmt.Sprintf("%c%02d%02d%02d", sign, h, m, s)
	}
	return fmt.Sprintf("%c%02d%02d", sign, h, m)
}

// vtimezone builds the VTIMEZONE for the IANA zone tzid over ws.
func vtimezone(tzid string, loc *time.Location, ws []span) *ics.VTimezone {
	tz := ics.NewTimezone(escapeText(tzid))
	tz.AddProperty("X-LIC-LOCATION", escapeText(tzid))
	rs := runs(observances(loc, ws))
	if len(ws) > 0 {
		openEnded(rs, loc, ws[len(ws)-1].to)
	}
	for _, r := range rs {
		o := r.obs[0]
		var cb ics.ComponentBase
		// DTSTART of an observance is local time in the offset before onset
		// (§3.6.5): a clock reading, written without zone.
		cb.AddProperty(ics.ComponentPropertyDtStart, o.wall().Format(localFormat))
		cb.AddProperty(ics.ComponentProperty(ics.PropertyTzoffsetfrom), utcOffset(o.from))
		cb.AddProperty(ics.ComponentProperty(ics.PropertyTzoffsetto), utcOffset(o.to))
		if len(r.obs) > 1 || r.open {
			cb.AddProperty(ics.ComponentPropertyRrule, r.rrule())
		}
		cb.AddProperty(ics.ComponentProperty(ics.PropertyTzname), escapeText(o.name))
		if o.daylight {
			tz.Components = append(tz.Components, &ics.Daylight{ComponentBase: cb})
		} else {
			tz.Components = append(tz.Components, &ics.Standard{ComponentBase: cb})
		}
	}
	return tz
}
