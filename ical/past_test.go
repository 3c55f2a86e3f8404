package ical

import (
	"strings"
	"testing"
	"time"
)

// TestPast: with Options.Past, sessions that ended longer ago than Past
// stay out of calendar.ics, and keep their own files.
func TestPast(t *testing.T) {
	ss := fixture(t)
	all, err := Calendar(testOpts, ss, nil)
	if err != nil {
		t.Fatal(err)
	}
	var newest time.Time
	for _, s := range ss {
		if s.End.After(newest) {
			newest = s.End
		}
	}
	opts := testOpts
	opts.Past = time.Hour
	opts.Now = newest.Add(30 * time.Minute) // only the last session(s) ended within the hour
	windowed, err := Calendar(opts, ss, nil)
	if err != nil {
		t.Fatal(err)
	}
	n, m := strings.Count(string(all.Calendar), "BEGIN:VEVENT"), strings.Count(string(windowed.Calendar), "BEGIN:VEVENT")
	if m == 0 || m >= n {
		t.Errorf("%d events with past = 1h, %d without", m, n)
	}
	if len(windowed.Sessions) != len(all.Sessions) {
		t.Errorf("%d session files with past = 1h, %d without", len(windowed.Sessions), len(all.Sessions))
	}
	for i := range all.Sessions {
		if string(all.Sessions[i].Data) != string(windowed.Sessions[i].Data) {
			t.Errorf("session file %s changed with past", all.Sessions[i].Name)
		}
	}
}
