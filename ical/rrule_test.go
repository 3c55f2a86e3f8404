package ical

import (
	"strings"
	"testing"
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
