package ical

import (
	"strings"
	"testing"
	"time"
)

// TestRRuleObservances: a zone that keeps one rule over the events' years
// gets one STANDARD and one DAYLIGHT observance with a yearly RRULE (FREQ
// first, open-ended while it keeps the rule); a rule change splits the runs
// (COUNT), and transitions that follow no rule stay explicit. That each
// VTIMEZONE gives every instant its true offset is TestVTimezoneOffsets'
// job, and the independent parsers'.
func TestRRuleObservances(t *testing.T) {
	for _, tt := range []struct {
		zone  string
		years []int
		want  []string // RRULE values, in order
		plain int      // observances without RRULE
	}{
		{"America/New_York", []int{2021}, []string{"FREQ=YEARLY;BYDAY=1SU;BYMONTH=11", "FREQ=YEARLY;BYDAY=2SU;BYMONTH=3"}, 0},
		{"Europe/Berlin", []int{2024, 2025}, []string{"FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10", "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3"}, 0},
		{"Australia/Sydney", []int{2021}, []string{"FREQ=YEARLY;BYDAY=1SU;BYMONTH=10", "FREQ=YEARLY;BYDAY=1SU;BYMONTH=4"}, 0},
		// The US rules changed in 2007: old rules counted out, new ones open.
		{"America/New_York", []int{2006}, []string{
			"FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10;COUNT=3", "FREQ=YEARLY;BYDAY=1SU;BYMONTH=4;COUNT=2",
			"FREQ=YEARLY;BYDAY=2SU;BYMONTH=3", "FREQ=YEARLY;BYDAY=1SU;BYMONTH=11"}, 0},
		// Past 2037, every rule is counted (Python's icalendar stops in 2038).
		{"Europe/Berlin", []int{2040}, []string{"FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10;COUNT=4", "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3;COUNT=3"}, 0},
		// No DST: one plain observance.
		{"Asia/Tokyo", []int{2021}, nil, 1},
	} {
		ws := windows(tt.years)
		text := string(serialize(calendarOf(vtimezone(tt.zone, mustZone(t, tt.zone), ws)), nil))
		var rrules []string
		plain := 0
		for _, block := range strings.Split(text, "BEGIN:")[1:] {
			if !strings.HasPrefix(block, "STANDARD") && !strings.HasPrefix(block, "DAYLIGHT") {
				continue
			}
			if _, r, ok := strings.Cut(block, "RRULE:"); ok {
				r, _, _ = strings.Cut(r, "\r\n")
				rrules = append(rrules, r)
			} else {
				plain++
			}
		}
		if strings.Join(rrules, " ") != strings.Join(tt.want, " ") || plain != tt.plain {
			t.Errorf("%s %v: RRULEs %q and %d plain observances; want %q and %d\n%s", tt.zone, tt.years, rrules, plain, tt.want, tt.plain, text)
		}
	}
}

// TestIrregularZonesStayExplicit: Casablanca's Ramadan suspensions follow
// no yearly weekday rule; they are written one by one.
func TestIrregularZonesStayExplicit(t *testing.T) {
	text := string(serialize(calendarOf(vtimezone("Africa/Casablanca", mustZone(t, "Africa/Casablanca"), windows([]int{2024}))), nil))
	if strings.Contains(text, "RRULE") {
		t.Errorf("Casablanca has an RRULE:\n%s", text)
	}
	if n := strings.Count(text, "BEGIN:STANDARD") + strings.Count(text, "BEGIN:DAYLIGHT"); n < 6 {
		t.Errorf("Casablanca: %d observances for 2023-2025", n)
	}
}

// FuzzVTimezone builds the VTIMEZONE of a test zone for events in two
// years and reads it back with the tests' interpreter (which expands the
// RRULEs): every instant in the windows, transitions and the seconds around
// them included, must get Go's offset.
func FuzzVTimezone(f *testing.F) {
	f.Add(uint8(0), uint16(2021), uint16(2021))
	f.Add(uint8(0), uint16(2006), uint16(2040))
	f.Add(uint8(17), uint16(2024), uint16(2030))
	f.Add(uint8(13), uint16(1970), uint16(2037))
	f.Fuzz(func(t *testing.T, zone uint8, y1, y2 uint16) {
		name := testZones[int(zone)%len(testZones)]
		years := []int{1900 + int(y1)%250, 1900 + int(y2)%250}
		loc := mustZone(t, name)
		ws := windows(years)
		text := serialize(calendarOf(vtimezone(name, loc, ws)), nil)
		root, errs := parseICS(text)
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		def, err := interpretVTimezone(root.sub("VTIMEZONE")[0])
		if err != nil {
			t.Fatalf("%v\n%s", err, text)
		}
		for _, w := range ws {
			for _, u := range instantsIn(loc, w, 121*time.Hour) {
				o, err := def.observanceAt(u)
				if err != nil {
					t.Fatal(err)
				}
				if _, want := u.In(loc).Zone(); o.to != want {
					t.Fatalf("%s %v: at %v offset %d, Go says %d\n%s", name, years, u, o.to, want, text)
				}
			}
		}
	})
}
