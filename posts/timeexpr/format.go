package timeexpr

import (
	"fmt"
	"strings"
	"time"
)

// Format writes w in a canonical form that Parse reads back to the same
// instants, zone and DateOnly flag (given a Reference without Hours):
//
//	2021-04-08 07:00 America/New_York
//	2021-04-08 14:00-15:30 Europe/Berlin
//	2021-04-08 23:00 UTC for 26h
//	2021-04-08 07:00 UTC-04:00
//	2021-04-08 America/New_York          (DateOnly, one day)
//	2021-03-03 to 2021-03-05 UTC         (DateOnly, three days)
//
// The zone is written by its name: an IANA name, "UTC", or an offset for
// fixed zones. A zone whose name is neither (time.Local, LoadLocation("EST"))
// cannot be written so that it reads back as itself.
func (w When) Format() string {
	if w.Start.IsZero() {
		return ""
	}
	loc := w.Start.Location()
	zone := loc.String()
	var b strings.Builder
	if w.DateOnly {
		b.WriteString(w.Start.Format("2006-01-02"))
		if !w.End.IsZero() {
			if last := dateOf(w.End.In(loc)).add(-1); last.cmp(dateOf(w.Start)) > 0 {
				fmt.Fprintf(&b, " to %04d-%02d-%02d", last.y, last.m, last.d)
			}
		}
		b.WriteString(" " + zone)
		return b.String()
	}
	b.WriteString(w.Start.Format("2006-01-02 15:04"))
	if w.Start.Second() != 0 {
		b.WriteString(w.Start.Format(":05"))
	}
	dur := ""
	if !w.End.IsZero() {
		if clockEnd, ok := shortEnd(w.Start, w.End.In(loc)); ok {
			b.WriteString("-" + clockEnd)
		} else {
			dur = " for " + formatDuration(w.End.Sub(w.Start))
		}
	}
	b.WriteString(" " + zone + dur)
	return b.String()
}

// String is Format.
func (w When) String() string { return w.Format() }

// shortEnd writes end as a clock time ("15:30") when Parse would read that
// back as end: the same day, or the next one for an end before the start.
func shortEnd(start, end time.Time) (string, bool) {
	if !end.After(start) {
		return "", false
	}
	day := dateOf(start)
	endSec := end.Hour()*3600 + end.Minute()*60 + end.Second()
	startSec := start.Hour()*3600 + start.Minute()*60 + start.Second()
	switch {
	case endSec == startSec:
		return "", false // "10:00-10:00" reads as an empty range
	case endSec < startSec:
		day = day.add(1)
	}
	got, _ := localTime(day, end.Hour(), end.Minute(), end.Second(), end.Location())
	if !got.Equal(end) {
		return "", false
	}
	text := end.Format("15:04")
	if end.Second() != 0 {
		text = end.Format("15:04:05")
	}
	// The reader guesses at 12-hour clocks ("12:00-1:00"); make sure it
	// reads this range as written.
	var e expr
	probe := start.Format("15:04:05") + "-" + text
	if _, ok := e.readTimes(probe, 0, false, defaultZones()); !ok || e.err != "" || len(e.notes) > 0 ||
		e.end.hour24()%24 != end.Hour() || e.end.m != end.Minute() {
		return "", false
	}
	return text, true
}

// formatDuration writes d as "1h30m", "45s", "26h".
func formatDuration(d time.Duration) string {
	d = d.Round(time.Second)
	h, m, s := int(d/time.Hour), int(d/time.Minute%60), int(d/time.Second%60)
	var b strings.Builder
	if h > 0 {
		fmt.Fprintf(&b, "%dh", h)
	}
	if m > 0 {
		fmt.Fprintf(&b, "%dm", m)
	}
	if s > 0 || b.Len() == 0 {
		fmt.Fprintf(&b, "%ds", s)
	}
	return b.String()
}
