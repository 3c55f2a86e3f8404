package ical

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"testing"
	"time"
)

// tzdef is a VTIMEZONE as a calendar reads it: a list of onsets, each
// switching to an offset. This small interpreter is the tests' own, so that
// the generated text is checked, not the generator's data.
type tzdef struct {
	tzid   string
	onsets []tzonset // by instant
}

type tzonset struct {
	at       time.Time
	from, to int
	daylight bool
}

// parseOffset reads a UTC-OFFSET value.
func parseOffset(s string) (int, error) {
	if !offsetRE.MatchString(s) {
		return 0, fmt.Errorf("bad offset %q", s)
	}
	h, _ := strconv.Atoi(s[1:3])
	m, _ := strconv.Atoi(s[3:5])
	sec := 0
	if len(s) == 7 {
		sec, _ = strconv.Atoi(s[5:7])
	}
	off := h*3600 + m*60 + sec
	if s[0] == '-' {
		off = -off
	}
	return off, nil
}

func interpretVTimezone(n *node) (*tzdef, error) {
	d := &tzdef{tzid: n.get("TZID")}
	for _, o := range n.children {
		if o.get("RDATE") != "" {
			return nil, fmt.Errorf("%s: the interpreter reads no RDATE", d.tzid)
		}
		wall, err := time.Parse(localFormat, o.get("DTSTART"))
		if err != nil {
			return nil, err
		}
		walls := []time.Time{wall}
		if r := o.get("RRULE"); r != "" {
			if walls, err = expandYearly(r, wall); err != nil {
				return nil, fmt.Errorf("%s: %v", d.tzid, err)
			}
		}
		from, err := parseOffset(o.get("TZOFFSETFROM"))
		if err != nil {
			return nil, err
		}
		to, err := parseOffset(o.get("TZOFFSETTO"))
		if err != nil {
			return nil, err
		}
		for _, wall := range walls {
			d.onsets = append(d.onsets, tzonset{
				at:   wall.Add(-time.Duration(from) * time.Second),
				from: from, to: to, daylight: o.name == "DAYLIGHT",
			})
		}
	}
	slices.SortFunc(d.onsets, func(a, b tzonset) int { return a.at.Compare(b.at) })
	if len(d.onsets) == 0 {
		return nil, fmt.Errorf("%s: no observances", d.tzid)
	}
	return d, nil
}

// expandYearly expands the only RRULEs a VTIMEZONE of ours may hold,
// "FREQ=YEARLY;BYDAY=<n><WD>;BYMONTH=<m>" with COUNT or open-ended (then to
// the year 2200), from dtstart, which must be its first occurrence.
func expandYearly(rrule string, dtstart time.Time) ([]time.Time, error) {
	m := yearlyRE.FindStringSubmatch(rrule)
	if m == nil {
		return nil, fmt.Errorf("RRULE %q is not of the form the interpreter reads", rrule)
	}
	n, _ := strconv.Atoi(m[1])
	wd := slices.Index([]string{"SU", "MO", "TU", "WE", "TH", "FR", "SA"}, m[2])
	month, _ := strconv.Atoi(m[3])
	count := -1
	if m[4] != "" {
		count, _ = strconv.Atoi(m[4])
	}
	clock := dtstart.Sub(time.Date(dtstart.Year(), dtstart.Month(), dtstart.Day(), 0, 0, 0, 0, time.UTC))
	var out []time.Time
	for y := dtstart.Year(); y <= 2200 && (count < 0 || len(out) < count); y++ {
		var day time.Time
		if n > 0 {
			first := time.Date(y, time.Month(month), 1, 0, 0, 0, 0, time.UTC)
			day = first.AddDate(0, 0, (wd-int(first.Weekday())+7)%7+7*(n-1))
		} else {
			last := time.Date(y, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC)
			day = last.AddDate(0, 0, -((int(last.Weekday()) - wd + 7) % 7))
		}
		out = append(out, day.Add(clock))
	}
	if len(out) == 0 || !out[0].Equal(dtstart) {
		return nil, fmt.Errorf("RRULE %q: DTSTART %v is not its first occurrence", rrule, dtstart)
	}
	return out, nil
}

var yearlyRE = regexp.MustCompile(`^FREQ=YEARLY;BYDAY=(-1|[1-4])(SU|MO|TU|WE|TH|FR|SA);BYMONTH=([1-9]|1[0-2])(?:;COUNT=([1-9][0-9]*))?$`)

// observanceAt is the observance in force at t.
func (d *tzdef) observanceAt(t time.Time) (tzonset, error) {
	i, _ := slices.BinarySearchFunc(d.onsets, t, func(o tzonset, t time.Time) int {
		if o.at.After(t) {
			return 1
		}
		return -1
	})
	if i == 0 {
		return tzonset{}, fmt.Errorf("%s: %v is before the first observance", d.tzid, t)
	}
	return d.onsets[i-1], nil
}

// toUTC reads a wall-clock reading (given as a UTC time.Time) in this zone.
// Readings the zone skips or repeats are errors: calendars differ on them.
func (d *tzdef) toUTC(wall time.Time) (time.Time, error) {
	var found []time.Time
	seen := map[int]bool{}
	for _, o := range d.onsets {
		if seen[o.to] {
			continue
		}
		seen[o.to] = true
		u := wall.Add(-time.Duration(o.to) * time.Second)
		if at, err := d.observanceAt(u); err == nil && at.to == o.to {
			found = append(found, u)
		}
	}
	if len(found) != 1 {
		return time.Time{}, fmt.Errorf("%s: %s is skipped or repeated (%d readings)", d.tzid, wall.Format(localFormat), len(found))
	}
	return found[0], nil
}

// testZones have DST in either hemisphere, none, half-hour and 45-minute
// offsets, 30-minute DST, negative DST, and rule changes in 2014-2027
// (abolished, introduced, moved, Ramadan suspensions, skipped days).
var testZones = []string{
	"America/New_York", "America/Los_Angeles", "America/St_Johns", "America/Sao_Paulo",
	"America/Santiago", "America/Havana", "America/Caracas", "America/Mexico_City",
	"America/Asuncion", "America/Nuuk", "America/Whitehorse",
	"Europe/Berlin", "Europe/London", "Europe/Dublin", "Europe/Moscow", "Europe/Volgograd",
	"Europe/Istanbul", "Africa/Casablanca", "Africa/Cairo", "Africa/Juba",
	"Asia/Kolkata", "Asia/Kathmandu", "Asia/Tehran", "Asia/Pyongyang", "Asia/Gaza",
	"Asia/Amman", "Asia/Damascus", "Asia/Tokyo",
	"Australia/Sydney", "Australia/Lord_Howe", "Australia/Adelaide", "Australia/Eucla",
	"Pacific/Auckland", "Pacific/Chatham", "Pacific/Apia", "Pacific/Fiji", "Pacific/Kiritimati",
	"Antarctica/Troll", "Etc/GMT+5",
}

// transitions lists loc's transitions in s, from Go's tz data.
func transitions(loc *time.Location, s span) []time.Time {
	var ts []time.Time
	for at := nextTransition(loc, s.from); !at.IsZero() && at.Before(s.to); at = nextTransition(loc, at) {
		ts = append(ts, at)
	}
	return ts
}

// TestVTimezoneOffsets reads each generated VTIMEZONE back with the tests'
// interpreter and compares the offset in force, and the reading of local
// times, with Go's time package: every 3 hours and around every transition
// over 2014-2027.
func TestVTimezoneOffsets(t *testing.T) {
	year := func(y int) time.Time { return time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC) }
	checks := 0
	for _, s := range []span{
		{year(2014), year(2028)},
		// Go computes these years from each zone's rule, reporting a
		// boundary at each year's end where nothing changes.
		{year(2036), year(2046)},
	} {
		checks += checkVTimezones(t, s)
	}
	t.Logf("%d zones, %d checks", len(testZones), checks)
}

// instantsIn is what a VTIMEZONE for w is checked at: every step from w's
// start, and each of loc's transitions in w with the seconds around it.
func instantsIn(loc *time.Location, w span, step time.Duration) []time.Time {
	var instants []time.Time
	for u := w.from; u.Before(w.to); u = u.Add(step) {
		instants = append(instants, u)
	}
	for _, tr := range transitions(loc, w) {
		instants = append(instants, tr.Add(-time.Second), tr, tr.Add(time.Second))
	}
	return instants
}

func checkVTimezones(t *testing.T, s span) int {
	checks := 0
	for _, name := range testZones {
		t.Run(fmt.Sprint(name, s.from.Year()), func(t *testing.T) {
			loc, err := time.LoadLocation(name)
			if err != nil {
				t.Fatal(err)
			}
			text := serialize(calendarOf(vtimezone(name, loc, []span{s})), nil)
			if errs := lint(text); len(errs) > 0 {
				t.Fatalf("lint: %v", errs)
			}
			root, errs := parseICS(text)
			if len(errs) > 0 {
				t.Fatal(errs)
			}
			def, err := interpretVTimezone(root.sub("VTIMEZONE")[0])
			if err != nil {
				t.Fatal(err)
			}
			if got := root.sub("VTIMEZONE")[0].get("X-LIC-LOCATION"); got != name {
				t.Errorf("X-LIC-LOCATION = %q", got)
			}
			for _, u := range instantsIn(loc, s, 3*time.Hour) {
				o, err := def.observanceAt(u)
				if err != nil {
					t.Fatal(err)
				}
				_, want := u.In(loc).Zone()
				if o.to != want {
					t.Fatalf("at %v: offset %d, Go says %d", u, o.to, want)
				}
				if o.daylight != u.In(loc).IsDST() {
					t.Errorf("at %v: DAYLIGHT=%v, Go's IsDST=%v", u, o.daylight, u.In(loc).IsDST())
				}
				checks++
			}
			// Local readings: noon every day, and every hour of transition days.
			readings := []time.Time{}
			for d := s.from; d.Before(s.to); d = d.AddDate(0, 0, 1) {
				readings = append(readings, d.Add(12*time.Hour))
			}
			for _, tr := range transitions(loc, s) {
				day := tr.In(loc)
				for h := range 24 {
					readings = append(readings, time.Date(day.Year(), day.Month(), day.Day(), h, 30, 0, 0, time.UTC))
				}
			}
			for _, wall := range readings {
				inGo := time.Date(wall.Year(), wall.Month(), wall.Day(), wall.Hour(), wall.Minute(), 0, 0, loc)
				got, err := def.toUTC(wall)
				if !unambiguous(wall, loc) {
					if err == nil {
						t.Errorf("%s: read as %v; Go finds it skipped or repeated", wall.Format(localFormat), got)
					}
					continue
				}
				if err != nil {
					t.Fatal(err)
				}
				if !got.Equal(inGo) {
					t.Fatalf("%s reads as %v, Go says %v", wall.Format(localFormat), got, inGo.UTC())
				}
				checks++
			}
		})
	}
	return checks
}

// unambiguous reports whether the wall-clock reading wall (given as a UTC
// time.Time) occurs exactly once in loc (Go resolves skipped and repeated
// readings silently).
func unambiguous(wall time.Time, loc *time.Location) bool {
	n := 0
	for _, off := range offsetsAround(wall.In(loc)) {
		u := wall.Add(-time.Duration(off) * time.Second)
		if _, o := u.In(loc).Zone(); o == off {
			n++
		}
	}
	return n == 1
}

// offsetsAround lists the distinct offsets of t's zone within a day of t.
func offsetsAround(t time.Time) []int {
	var offs []int
	for h := -26; h <= 26; h++ {
		_, o := t.Add(time.Duration(h) * time.Hour).Zone()
		if !slices.Contains(offs, o) {
			offs = append(offs, o)
		}
	}
	return offs
}

func TestWindows(t *testing.T) {
	got := fmt.Sprint(windows([]int{2030, 2021, 2021, 2022, 2026}))
	want := fmt.Sprint([]span{
		{time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)},
		{time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2028, 1, 1, 0, 0, 0, 0, time.UTC)},
		{time.Date(2029, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2032, 1, 1, 0, 0, 0, 0, time.UTC)},
	})
	if got != want {
		t.Errorf("windows = %s, want %s", got, want)
	}
	// A VTIMEZONE of several windows is right within each, and its
	// observances only grow.
	for _, name := range []string{"Europe/Berlin", "Asia/Kolkata", "America/Sao_Paulo", "Pacific/Apia"} {
		loc, _ := time.LoadLocation(name)
		ws := windows([]int{2012, 2021, 2040})
		root, errs := parseICS(serialize(calendarOf(vtimezone(name, loc, ws)), nil))
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		def, err := interpretVTimezone(root.sub("VTIMEZONE")[0])
		if err != nil {
			t.Fatal(err)
		}
		obs := observances(loc, ws)
		for i := 1; i < len(obs); i++ {
			if !obs[i].onset.After(obs[i-1].onset) {
				t.Errorf("%s: onsets out of order: %v then %v", name, obs[i-1].onset, obs[i].onset)
			}
		}
		for _, w := range ws {
			for u := w.from; u.Before(w.to); u = u.Add(5 * time.Hour) {
				o, err := def.observanceAt(u)
				if _, want := u.In(loc).Zone(); err != nil || o.to != want {
					t.Fatalf("%s at %v: %d, %v; Go says %d", name, u, o.to, err, want)
				}
			}
		}
	}
}

func TestObservancesWithoutTransitions(t *testing.T) {
	s := span{time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)}
	for _, tt := range []struct {
		zone string
		n    int
	}{
		{"Asia/Kolkata", 1},      // no DST since 1945: one STANDARD
		{"Asia/Tokyo", 1},        // likewise
		{"Etc/GMT-14", 1},        // never had a transition
		{"Europe/Berlin", 1 + 6}, // in force on 2020-01-01, then two a year
	} {
		loc, err := time.LoadLocation(tt.zone)
		if err != nil {
			t.Fatal(err)
		}
		obs := observances(loc, []span{s})
		if len(obs) != tt.n {
			t.Errorf("%s: %d observances, want %d: %+v", tt.zone, len(obs), tt.n, obs)
		}
		if tt.n == 1 && obs[0].daylight {
			t.Errorf("%s: a zone without DST as DAYLIGHT", tt.zone)
		}
	}
}

func TestUTCOffset(t *testing.T) {
	for _, tt := range []struct {
		sec  int
		want string
	}{
		{0, "+0000"}, {3600, "+0100"}, {-18000, "-0500"}, {19800, "+0530"},
		{20700, "+0545"}, {-(4*3600 + 56*60 + 2), "-045602"}, {3600 + 59, "+010059"},
	} {
		if got := utcOffset(tt.sec); got != tt.want {
			t.Errorf("utcOffset(%d) = %q, want %q", tt.sec, got, tt.want)
		}
		if back, err := parseOffset(tt.want); err != nil || back != tt.sec {
			t.Errorf("parseOffset(%q) = %d, %v", tt.want, back, err)
		}
	}
}
