package ical

import (
	"testing"
	"time"

	"github.com/sessionfeed/sessionfeed/tzdb"
)

// TestRepeatedShortcut: repeated's one-lookup answer is the search's, every
// 7 minutes over three years, in zones that go back an hour, half an hour
// (Lord Howe), twice a year or not at all, and with the tz database's rule
// for the years after its last listed change.
func TestRepeatedShortcut(t *testing.T) {
	for _, name := range []string{"America/New_York", "Europe/Berlin", "Australia/Lord_Howe", "Asia/Kolkata", "America/Santiago", "UTC"} {
		loc, err := tzdb.Load(name)
		if err != nil {
			t.Fatal(err)
		}
		found := 0
		for at := time.Date(2025, 1, 1, 0, 0, 0, 0, loc); at.Year() < 2027; at = at.Add(11 * time.Minute) {
			got, want := repeated(at), repeatedNear(at)
			if got != want {
				t.Fatalf("%s %s: repeated %v, the search says %v", name, at, got, want)
			}
			if got {
				found++
			}
		}
		t.Logf("%s: %d repeated readings", name, found)
	}
}
