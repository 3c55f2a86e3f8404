package ical

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sessionfeed/sessionfeed/posts"
)

// The calendars are read back by independent, real parsers: ical.js
// (Mozilla's, used by Thunderbird) and Python's icalendar. Each computes the
// instants of every event from our own VTIMEZONE text, which must equal the
// sessions' true instants.
//
// A missing checker skips these tests, unless SESSIONFEED_REQUIRE_CHECKERS=1
// (CI sets it): then it fails them. To install them:
//
//	npm ci --prefix ical/testdata/js
//	apt-get install -y python3-icalendar

// checker is an external program that prints a calendar's events as JSON.
type checker struct {
	name    string
	install string
	command func() (*exec.Cmd, error) // the command, less the calendar's path
}

var checkers = []checker{
	{
		name:    "ical.js",
		install: "npm ci --prefix ical/testdata/js",
		command: func() (*exec.Cmd, error) {
			node, err := exec.LookPath("node")
			if err != nil {
				return nil, err
			}
			if _, err := os.Stat("testdata/js/node_modules/ical.js/package.json"); err != nil {
				return nil, err
			}
			return exec.Command(node, "testdata/js/check.mjs"), nil
		},
	},
	{
		name:    "python-icalendar",
		install: "apt-get install -y python3-icalendar",
		command: func() (*exec.Cmd, error) {
			// Debian's python3-icalendar installs for /usr/bin/python3, which
			// need not be the python3 first on PATH.
			var errs []string
			for _, py := range []string{"/usr/bin/python3", "python3"} {
				out, err := exec.Command(py, "-c", "import icalendar").CombinedOutput()
				if err == nil {
					return exec.Command(py, "testdata/py/check.py"), nil
				}
				errs = append(errs, fmt.Sprintf("%s: %v %s", py, err, bytes.TrimSpace(out)))
			}
			return nil, fmt.Errorf("%s", strings.Join(errs, "; "))
		},
	},
}

// checkedEvent is what a checker prints for each event.
type checkedEvent struct {
	UID      string `json:"uid"`
	Summary  string `json:"summary"`
	Status   string `json:"status"`
	Sequence int    `json:"sequence"`
	Start    *when  `json:"start"`
	End      *when  `json:"end"`
}

type when struct {
	Unix *int64 `json:"unix"`
	Date string `json:"date"`
}

func (w *when) String() string {
	switch {
	case w == nil:
		return "none"
	case w.Unix != nil:
		return time.Unix(*w.Unix, 0).UTC().Format(time.RFC3339)
	}
	return w.Date
}

// run runs c on data, written to a temporary file.
func (c checker) run(t *testing.T, data []byte) []checkedEvent {
	t.Helper()
	cmd, err := c.command()
	if err != nil {
		missingChecker(t, c.name, err, c.install)
	}
	path := filepath.Join(t.TempDir(), "calendar.ics")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd.Args = append(cmd.Args, path)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s: %v\n%s", c.name, err, stderr.Bytes())
	}
	var events []checkedEvent
	if err := json.Unmarshal(out, &events); err != nil {
		t.Fatalf("%s printed %q: %v", c.name, out, err)
	}
	return events
}

// missingChecker skips t for want of the checker name (err says why), or
// fails it when SESSIONFEED_REQUIRE_CHECKERS=1.
func missingChecker(t testing.TB, name string, err error, install string) {
	t.Helper()
	if os.Getenv("SESSIONFEED_REQUIRE_CHECKERS") == "1" {
		t.Fatalf("%s is required but missing (%v); install it with: %s", name, err, install)
	}
	t.Skipf("%s missing (%v); install it with: %s", name, err, install)
}

// stressSessions has, in every test zone over 2019-2026, a session on the
// first of every other month, on the day of every transition and the day
// after, one across each transition and one just after it (in the hour
// repeated when clocks go back); and sessions in UTC, at a bare offset and
// all day. Each topic is unique, so the SUMMARY finds the session.
func stressSessions(t testing.TB) []*posts.Session {
	var ss []*posts.Session
	seen := map[string]bool{}
	var post *posts.Post // one per zone: a post's sessions at one instant would share a UID base
	add := func(start, end time.Time, allDay bool) {
		key := start.Location().String() + start.Format(time.RFC3339)
		if seen[key] {
			return
		}
		seen[key] = true
		ss = append(ss, &posts.Session{
			Post: post, Start: start, End: end, AllDay: allDay,
			Topic: fmt.Sprintf("s%d", len(ss)), Line: len(ss) + 1,
		})
	}
	newPost := func(zone string) {
		post = &posts.Post{
			Source: "content/" + zone + ".md", Title: zone, URL: "https://example.org/stress/" + zone + "/",
			Date: time.Date(2018, 12, 1, 0, 0, 0, 0, time.UTC), Updated: time.Date(2018, 12, 2, 0, 0, 0, 0, time.UTC),
		}
	}
	s := span{time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)}
	for i, name := range testZones {
		loc := mustZone(t, name)
		newPost(name)
		var days []time.Time // dates, as UTC midnights
		for d := s.from; d.Before(s.to); d = d.AddDate(0, 2, 0) {
			days = append(days, d)
		}
		for _, tr := range transitions(loc, s) {
			l := tr.In(loc)
			day := time.Date(l.Year(), l.Month(), l.Day(), 0, 0, 0, 0, time.UTC)
			days = append(days, day, day.AddDate(0, 0, 1))
			// Straddling the transition, and starting just after it (in
			// the hour repeated when clocks go back).
			add(tr.Add(-20*time.Minute).In(loc), tr.Add(40*time.Minute).In(loc), false)
			add(tr.Add(10*time.Minute).In(loc), tr.Add(70*time.Minute).In(loc), false)
		}
		slices.SortFunc(days, func(a, b time.Time) int { return a.Compare(b) })
		for j, day := range slices.Compact(days) {
			wall := day.Add(time.Duration(9+(i+j)%12)*time.Hour + time.Duration(15*(j%4))*time.Minute)
			start := time.Date(wall.Year(), wall.Month(), wall.Day(), wall.Hour(), wall.Minute(), 0, 0, loc)
			add(start, start.Add(90*time.Minute), false)
		}
		day := time.Date(2024, 2, 28, 0, 0, 0, 0, loc)
		add(day, day.AddDate(0, 0, 2), true)
	}
	for _, loc := range []*time.Location{time.UTC, time.FixedZone("UTC-03:30", -(3*3600 + 1800))} {
		newPost(loc.String())
		for d := s.from; d.Before(s.to); d = d.AddDate(0, 3, 0) {
			start := time.Date(d.Year(), d.Month(), 10, 16, 0, 0, 0, loc)
			add(start, start.Add(time.Hour), false)
		}
	}
	return ss
}

// compareInstants checks each event a checker read against its session.
func compareInstants(t *testing.T, name string, got []checkedEvent, sessions []*posts.Session) {
	t.Helper()
	bySummary := map[string]*posts.Session{}
	for _, s := range sessions {
		bySummary[s.Topic] = s
	}
	expect := func(tm time.Time, allDay bool) string {
		if allDay {
			return tm.Format(dateFormat)
		}
		return tm.UTC().Format(time.RFC3339)
	}
	bad := 0
	for _, ev := range got {
		s := bySummary[ev.Summary]
		if s == nil {
			t.Errorf("%s: unknown event %q", name, ev.Summary)
			continue
		}
		delete(bySummary, ev.Summary)
		if ev.Start.String() != expect(s.Start, s.AllDay) || ev.End.String() != expect(s.End, s.AllDay) {
			if bad++; bad <= 10 {
				t.Errorf("%s: %s (%s, %s): read %s – %s, want %s – %s", name, ev.Summary, s.Start.Location(),
					s.Start.Format(time.RFC3339), ev.Start, ev.End, expect(s.Start, s.AllDay), expect(s.End, s.AllDay))
			}
		}
	}
	if bad > 10 {
		t.Errorf("%s: %d events wrong in all", name, bad)
	}
	if len(bySummary) > 0 {
		t.Errorf("%s: %d sessions not read", name, len(bySummary))
	}
}

func TestIndependentParsers(t *testing.T) {
	sessions := stressSessions(t)
	// Cancel every tenth, so that cancelled events are read too.
	var kept []*posts.Session
	for i, s := range sessions {
		if i%10 != 3 {
			kept = append(kept, s)
		}
	}
	opts := testOpts
	first := mustCalendar(t, opts, sessions, nil)
	out := mustCalendar(t, opts, kept, first.Calendar)

	fixtureSessions := fixture(t)
	fix := mustCalendar(t, testOpts, fixtureSessions, nil)

	for _, c := range checkers {
		t.Run(c.name, func(t *testing.T) {
			events := c.run(t, out.Calendar)
			compareInstants(t, c.name, events, sessions)
			cancelled := 0
			for _, ev := range events {
				if ev.Status == "CANCELLED" {
					cancelled++
					if ev.Sequence != 1 {
						t.Errorf("%s: cancelled with SEQUENCE %d", ev.Summary, ev.Sequence)
					}
				}
			}
			if want := len(sessions) - len(kept); cancelled != want {
				t.Errorf("%d cancelled events, want %d", cancelled, want)
			}
			t.Logf("%s read %d events in %d zones", c.name, len(events), len(testZones)+2)

			// The fixture, including its text, and some per-session files.
			events = c.run(t, fix.Calendar)
			byUID := map[string]checkedEvent{}
			for _, ev := range events {
				byUID[ev.UID] = ev
			}
			var summaries []string
			for _, s := range fixtureSessions {
				summaries = append(summaries, cleanText(summary(s)))
			}
			for _, ev := range events {
				if !slices.Contains(summaries, ev.Summary) {
					t.Errorf("%s read SUMMARY %q", c.name, ev.Summary)
				}
			}
			for _, f := range fix.Sessions[:4] {
				one := c.run(t, f.Data)
				if len(one) != 1 || byUID[one[0].UID].Start.String() != one[0].Start.String() {
					t.Errorf("%s: %s read as %+v", c.name, f.Name, one)
				}
			}
		})
	}
}

// TestCheckersReadOurZones makes sure the checkers use the calendar's
// VTIMEZONEs rather than a database of their own: with New York's summer
// offset falsified, they must get New York's summer sessions wrong.
func TestCheckersReadOurZones(t *testing.T) {
	ny := mustZone(t, "America/New_York")
	post := &posts.Post{URL: "https://example.org/p/", Title: "P", Updated: time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)}
	start := time.Date(2021, 7, 1, 12, 0, 0, 0, ny)
	out := mustCalendar(t, testOpts, []*posts.Session{{Post: post, Start: start, End: start.Add(time.Hour), Topic: "summer"}}, nil)
	forged := bytes.ReplaceAll(out.Calendar, []byte("TZOFFSETTO:-0400"), []byte("TZOFFSETTO:-0300"))
	if bytes.Equal(forged, out.Calendar) {
		t.Fatal("nothing to forge")
	}
	for _, c := range checkers {
		t.Run(c.name, func(t *testing.T) {
			events := c.run(t, forged)
			if len(events) != 1 || events[0].Start == nil || events[0].Start.Unix == nil {
				t.Fatalf("read %+v", events)
			}
			if got, want := *events[0].Start.Unix, start.Add(-time.Hour).Unix(); got != want {
				t.Errorf("%s read the forged zone as %v, want %v: it does not use our VTIMEZONE",
					c.name, time.Unix(got, 0).UTC(), time.Unix(want, 0).UTC())
			}
		})
	}
}

// TestStressInstants is the same check with the tests' own interpreter, so
// that it runs where no checker is installed.
func TestStressInstants(t *testing.T) {
	sessions := stressSessions(t)
	out := mustCalendar(t, testOpts, sessions, nil)
	root, errs := parseICS(out.Calendar)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	zones := map[string]*tzdef{}
	for _, tz := range root.sub("VTIMEZONE") {
		def, err := interpretVTimezone(tz)
		if err != nil {
			t.Fatal(err)
		}
		zones[def.tzid] = def
	}
	var got []checkedEvent
	for _, ev := range root.sub("VEVENT") {
		c := checkedEvent{UID: ev.get("UID"), Summary: unescapeText(ev.get("SUMMARY"))}
		for i, name := range []string{"DTSTART", "DTEND"} {
			p := ev.all(name)[0]
			w := &when{}
			if isDate(p) {
				w.Date = p.value
			} else {
				at, err := instant(p, zones)
				if err != nil {
					t.Fatal(err)
				}
				u := at.Unix()
				w.Unix = &u
			}
			if i == 0 {
				c.Start = w
			} else {
				c.End = w
			}
		}
		got = append(got, c)
	}
	compareInstants(t, "interpreter", got, sessions)
	t.Logf("%d events", len(got))
}
