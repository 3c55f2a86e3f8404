package ical

import (
	"fmt"
	"time"
	_ "time/tzdata" // VTIMEZONEs must not depend on the machine's zoneinfo

	ics "github.com/arran4/golang-ical"
)

// A VTIMEZONE is generated from Go's tz database rather than taken from
// golang-ical, whose Calendar.AddTimezone writes a TZID and nothing else
// (RFC 5545 §3.6.5 requires at least one STANDARD or DAYLIGHT observance).
//
// Each transition of the zone within the span the file's events need is
// written as its own observance (DTSTART = the local time the transition
// happens at, in the offset before it; TZOFFSETFROM/TZOFFSETTO; TZNAME),
// preceded by the observance in force at the start of the span. Explicit
// transitions rather than RRULEs: they are exact whatever the zone did (rule
// changes, abolished or introduced DST, Ramadan suspensions), and every parser
// we know expands a bare DTSTART. A zone without transitions in the span is a
// single observance.

// span is the range of instants a VTIMEZONE must describe.
type span struct{ from, to time.Time }

// yearsAround is the span a VTIMEZONE for events between first and last
// covers: whole UTC years, from the year before first to the year after last.
// Whole years make the definitions of files whose events fall in the same
// years identical (and cacheable).
func yearsAround(first, last time.Time) span {
	return span{
		from: time.Date(first.UTC().Year()-1, 1, 1, 0, 0, 0, 0, time.UTC),
		to:   time.Date(last.UTC().Year()+2, 1, 1, 0, 0, 0, 0, time.UTC),
	}
}

// observance is one STANDARD or DAYLIGHT sub-component.
type observance struct {
	daylight bool
	onset    time.Time // the instant it starts
	from, to int       // UTC offsets before and after onset, in seconds
	name     string
}

// observances lists the observance in force at s.from and every transition
// of loc after it up to s.to.
func observances(loc *time.Location, s span) []observance {
	t := s.from.In(loc)
	name, off := t.Zone()
	start, end := t.ZoneBounds()
	first := observance{daylight: t.IsDST(), onset: start, from: off, to: off, name: name}
	if start.IsZero() {
		// Nothing before: tz knows this offset as the zone's only one so far.
		year := min(1970, s.from.Year())
		first.onset = time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC).Add(-time.Duration(off) * time.Second)
	} else {
		_, first.from = start.Add(-time.Second).In(loc).Zone()
	}
	obs := []observance{first}
	for prev := off; !end.IsZero() && end.Before(s.to); {
		t := end.In(loc)
		name, off := t.Zone()
		obs = append(obs, observance{daylight: t.IsDST(), onset: end, from: prev, to: off, name: name})
		prev = off
		_, end = t.ZoneBounds()
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

// vtimezone builds the VTIMEZONE for the IANA zone tzid over s.
func vtimezone(tzid string, loc *time.Location, s span) *ics.VTimezone {
	tz := ics.NewTimezone(escapeText(tzid))
	tz.AddProperty("X-LIC-LOCATION", escapeText(tzid))
	for _, o := range observances(loc, s) {
		var cb ics.ComponentBase
		// DTSTART of an observance is local time in the offset before onset
		// (§3.6.5): a clock reading, written without zone.
		cb.AddProperty(ics.ComponentPropertyDtStart,
			o.onset.UTC().Add(time.Duration(o.from)*time.Second).Format(localFormat))
		cb.AddProperty(ics.ComponentProperty(ics.PropertyTzoffsetfrom), utcOffset(o.from))
		cb.AddProperty(ics.ComponentProperty(ics.PropertyTzoffsetto), utcOffset(o.to))
		cb.AddProperty(ics.ComponentProperty(ics.PropertyTzname), escapeText(o.name))
		if o.daylight {
			tz.Components = append(tz.Components, &ics.Daylight{ComponentBase: cb})
		} else {
			tz.Components = append(tz.Components, &ics.Standard{ComponentBase: cb})
		}
	}
	return tz
}
