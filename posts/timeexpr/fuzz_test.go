package timeexpr

import (
	"strings"
	"testing"
	"time"
)

// FuzzParse checks that no text makes Parse or ParsePrefix panic, that
// what they read is consistent, and that Format of a parsed When parses
// back to the same instants, zone and DateOnly flag.
func FuzzParse(f *testing.F) {
	for _, c := range parseCases {
		f.Add(c.text)
	}
	for _, s := range []string{"", "Thu 25:00", "February 30", "2021-13-01T99:99Z", "Thu 9am UTC+25",
		"March 3–5 at 10am ET", "Dec 30 – Jan 2 14:00-16:00 Europe/Berlin", "2021-04-08T07:00:00.123456789+14:00",
		"between 2 and 3pm Thu", "Thu 2pm for 1h30m", "Thu 12 midnight–12 noon", "Thursday, April 8th, 2021 at 7:00 ET (13:00 CEST)"} {
		f.Add(s)
	}
	ref := wednesdayRef(f)
	zones := ref.Zones
	f.Fuzz(func(t *testing.T, text string) {
		w, err := Parse(text, ref)
		if err == nil {
			if w.Start.IsZero() {
				t.Fatalf("%q: no start", text)
			}
			if !w.End.IsZero() && !w.End.After(w.Start) || w.DateOnly && w.End.IsZero() {
				t.Fatalf("%q: end %v not after start %v", text, w.End, w.Start)
			}
			formatted := w.Format()
			w2, err := Parse(formatted, ref)
			if err != nil {
				t.Fatalf("%q → %q: %v", text, formatted, err)
			}
			if msg := sameWhen(w, w2); msg != "" {
				t.Fatalf("%q → %q: %s", text, formatted, msg)
			}
		}
		wp, n, perr := ParsePrefix(text, ref)
		if n < 0 || n > len(text) {
			t.Fatalf("%q: ParsePrefix read %d bytes", text, n)
		}
		if perr == nil {
			// What ParsePrefix read, Parse reads the same way.
			w3, err := Parse(text[:n], ref)
			if err != nil {
				t.Fatalf("%q: ParsePrefix read %q, which Parse rejects: %v", text, text[:n], err)
			}
			if msg := sameWhen(wp, w3); msg != "" {
				t.Fatalf("%q: ParsePrefix and Parse of %q differ: %s", text, text[:n], msg)
			}
		}
		FindHours(text, zones)
	})
}

// wednesdayRef is what FuzzParse and BenchmarkParse read against: a post of
// Wednesday 2021-04-07 on a site in New York, with the built-in zones.
func wednesdayRef(tb testing.TB) Reference {
	tb.Helper()
	zones, err := NewZones(nil)
	if err != nil {
		tb.Fatal(err)
	}
	return Reference{Post: time.Date(2021, 4, 7, 12, 0, 0, 0, time.UTC), Location: mustLoad(tb, "America/New_York"), Zones: zones}
}

var benchExprs = []string{
	"Thu at 07:00 ET",
	"March 23rd at noon ET",
	"Thursday, April 8th, 2021 at 7:00 ET",
	"2021-04-08T07:00:00-04:00",
	"2021-04-08 14:00-15:30 Europe/Berlin",
	"Friday, 2pm PT",
	"26 March 10am",
	"Thu 10–11am Central European Time",
	"2021-04-08",
	"Async traits", // not a time
}

func BenchmarkParse(b *testing.B) {
	ref := wednesdayRef(b)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		Parse(benchExprs[i%len(benchExprs)], ref)
	}
}

func BenchmarkNewZones(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := NewZones(nil); err != nil {
			b.Fatal(err)
		}
	}
}

// FuzzFindHours checks that FindHours never panics and that the hours it
// finds are clock times stated in the prose.
func FuzzFindHours(f *testing.F) {
	for _, s := range []string{
		"Each meeting will run from 2pm to 3pm GMT.", "The sessions are at 15:00 UTC",
		"All sessions start at 10am Pacific and last 90 minutes.", "We hold 90-minute sessions at 16:00 UTC.",
		"On March 26th at 10am ET, we will meet. Sessions run 2-3pm ET.", "I woke up at 7am.",
	} {
		f.Add(s)
	}
	zones, err := NewZones(nil)
	if err != nil {
		f.Fatal(err)
	}
	valid := func(c Clock) bool { return c.Hour >= 0 && c.Hour < 24 && c.Minute >= 0 && c.Minute < 60 }
	f.Fuzz(func(t *testing.T, prose string) {
		h, ok := FindHours(prose, zones)
		if !ok {
			return
		}
		if !valid(h.Start) || !h.NoEnd && !valid(h.End) {
			t.Fatalf("%q: hours %+v", prose, h)
		}
		if h.Text == "" || !strings.Contains(prose, h.Text) {
			t.Fatalf("%q: hours text %q not in the prose", prose, h.Text)
		}
		zones.Lookup(prose)
	})
}
