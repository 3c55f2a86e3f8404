package schedule

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/sessionfeed/sessionfeed/posts/timeexpr"
	"github.com/sessionfeed/sessionfeed/tzdb"
)

// wireCases are what Scan finds in the announcement corpus and the golden
// posts, with the zones loaded as a build loads them (tzdb).
func wireCases(t testing.TB) []Result {
	t.Helper()
	zones, err := timeexpr.NewZones(map[string]string{"IST": "Europe/Dublin", "office time": "UTC+03:30"})
	if err != nil {
		t.Fatal(err)
	}
	tz := func(loc *time.Location) *time.Location {
		if loc == nil {
			return nil
		}
		l, err := tzdb.Load(loc.String())
		if err != nil {
			t.Fatal(err)
		}
		return l
	}
	var results []Result
	if tt, ok := t.(*testing.T); ok {
		for _, c := range readAnnouncements(tt) {
			zone := tz(c.zone)
			post := c.post
			if zone != nil {
				post = post.In(zone)
			}
			results = append(results, Scan([]byte(c.body), Options{Post: post, Location: zone, Zones: zones, Title: c.title}))
		}
	}
	files, _ := filepath.Glob("testdata/*.md")
	for _, file := range files {
		body, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		m := optionsComment.FindSubmatch(body)
		if m == nil {
			continue
		}
		post, err := time.Parse(time.RFC3339, string(m[1]))
		if err != nil {
			t.Fatal(err)
		}
		var zone *time.Location
		if name := string(m[2]); name != "none" {
			if zone, err = tzdb.Load(name); err != nil {
				t.Fatal(err)
			}
		}
		results = append(results, Scan(body, Options{Post: post, Location: zone, Zones: zones, Title: "Notes of the 3rd meeting"}))
	}
	return results
}

// TestResultWire: every Result of the corpus reads back from its wire form
// as itself (the same instants, zones, nil and empty lists alike), and
// every form cut short is an error, not a shorter Result.
func TestResultWire(t *testing.T) {
	var entries, fixed, cuts int
	for i, res := range wireCases(t) {
		b, err := AppendResult(nil, res)
		if err != nil {
			t.Fatalf("case %d: %v", i, err)
		}
		got, err := ReadResult(b)
		if err != nil {
			t.Fatalf("case %d: %v", i, err)
		}
		if !reflect.DeepEqual(got, res) {
			t.Fatalf("case %d: read back\n%#v\nwant\n%#v", i, got, res)
		}
		for _, e := range res.Entries {
			entries++
			if strings.HasPrefix(e.When.Start.Location().String(), "UTC+") || strings.HasPrefix(e.When.Start.Location().String(), "UTC-") {
				fixed++
			}
		}
		for k := 0; k < len(b); k += 1 + len(b)/50 {
			cuts++
			if _, err := ReadResult(b[:k]); err == nil {
				t.Fatalf("case %d: the first %d of %d bytes read as a Result", i, k, len(b))
			}
		}
		if _, err := ReadResult(append(b, 0)); err == nil {
			t.Fatalf("case %d: a byte more read as a Result", i)
		}
	}
	if entries < 300 || fixed == 0 {
		t.Errorf("the corpus gave %d entries, %d in a fixed zone: too few to say much", entries, fixed)
	}
	t.Logf("%d entries (%d in fixed zones) round trip; %d cut forms refused", entries, fixed, cuts)
}

// TestResultWireRefusesLocal: a time in a zone whose name does not say
// what it is (the machine's) is not written.
func TestResultWireRefusesLocal(t *testing.T) {
	at := time.Date(2024, 3, 1, 10, 0, 0, 0, time.Local)
	for _, loc := range []*time.Location{time.Local, time.FixedZone("EST", -5*3600), time.FixedZone("UTC+01:00", 7200)} {
		res := Result{Entries: []Entry{{When: timeexpr.When{Start: at.In(loc)}}}}
		if _, err := AppendResult(nil, res); err == nil {
			t.Errorf("%v: written", loc)
		}
	}
}

// FuzzReadResult: no data makes ReadResult panic or allocate beyond its
// size, and what it reads writes and reads back as itself.
func FuzzReadResult(f *testing.F) {
	for _, res := range wireCases(f) {
		if b, err := AppendResult(nil, res); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte{})
	f.Add([]byte{1, 0, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := ReadResult(data)
		if err != nil {
			return
		}
		b, err := AppendResult(nil, res)
		if err != nil {
			t.Fatalf("read %#v, which does not write: %v", res, err)
		}
		again, err := ReadResult(b)
		if err != nil || !reflect.DeepEqual(again, res) {
			t.Fatalf("read %#v; written and read again: %#v, %v", res, again, err)
		}
	})
}
