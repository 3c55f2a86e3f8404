package main

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
)

// jsEvent is an event as ical.js reads it (ical/testdata/js/check.mjs).
type jsEvent struct {
	UID      string `json:"uid"`
	Summary  string `json:"summary"`
	Status   string `json:"status"`
	Sequence int    `json:"sequence"`
	DTStamp  int64  `json:"dtstamp"`
	Start    struct {
		Unix int64 `json:"unix"`
	} `json:"start"`
}

// readWithICALjs reads a calendar with ical.js, or skips (fails in CI).
func readWithICALjs(t *testing.T, data []byte) map[string]jsEvent {
	t.Helper()
	node, err := exec.LookPath("node")
	script, _ := filepath.Abs("../../ical/testdata/js/check.mjs")
	if err == nil {
		_, err = os.Stat("../../ical/testdata/js/node_modules/ical.js")
	}
	if err != nil {
		if os.Getenv("SESSIONFEED_REQUIRE_CHECKERS") == "1" {
			t.Fatalf("ical.js is required but missing (%v); install it with: npm ci --prefix ical/testdata/js", err)
		}
		t.Skipf("ical.js missing (%v); install it with: npm ci --prefix ical/testdata/js", err)
	}
	file := filepath.Join(t.TempDir(), "calendar.ics")
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(node, script, file).Output()
	if err != nil {
		t.Fatalf("ical.js: %v", err)
	}
	var evs []jsEvent
	if err := json.Unmarshal(out, &evs); err != nil {
		t.Fatal(err)
	}
	m := map[string]jsEvent{}
	for _, e := range evs {
		m[e.UID] = e
	}
	return m
}

// TestCIRebuildsReachICALjs builds a site as CI does, into a fresh folder
// each time, with -previous pointing at the last published calendar (served
// over HTTP), and reads each published calendar with ical.js: an edited or
// moved session keeps its UID with a higher SEQUENCE and a later DTSTAMP, a
// deleted one is cancelled (higher SEQUENCE, later DTSTAMP), and the others
// are unchanged — as RFC 5546 has a client tell an update.
func TestCIRebuildsReachICALjs(t *testing.T) {
	var mu sync.Mutex
	var published []byte // what the web server serves as calendar.ics
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		if r.URL.Path != "/calendar.ics" || published == nil {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
		w.Write(published)
	}))
	defer srv.Close()

	site := t.TempDir()
	post := "content/2021-05-20-office-hours.md"
	config := "title = \"office hours\"\nbase_url = \"" + srv.URL + "/\"\ntimezone = \"Europe/Berlin\"\n"
	table := func(rows string) string {
		return "+++\ntitle = \"Office hours\"\n+++\n\n| When | Who | Topic |\n| --- | --- | --- |\n" + rows
	}
	build := func(rows string) map[string]jsEvent {
		t.Helper()
		writeFiles(t, site, map[string]string{"sessionfeed.toml": config, post: rows})
		out := t.TempDir() // a clean checkout: no previous calendar here
		var stderr bytes.Buffer
		if code := run([]string{"build", "-site", site, "-out", out, "-previous", "auto", "-now", "2021-05-21T00:00:00Z"}, io.Discard, &stderr); code != 0 {
			t.Fatalf("build: exit %d\n%s", code, stderr.String())
		}
		data, err := os.ReadFile(filepath.Join(out, "calendar.ics"))
		if err != nil {
			t.Fatal(err)
		}
		mu.Lock()
		published = data // deployed
		mu.Unlock()
		return readWithICALjs(t, data)
	}

	v1 := build(table("| 2021-05-27 17:00 | Mara | Standard library |\n| 2021-06-03 17:00 | Josh | Language design |\n| 2021-06-10 17:00 | Ana | Compiler |\n"))
	if len(v1) != 3 {
		t.Fatalf("first build: %d events", len(v1))
	}
	for _, e := range v1 {
		if e.Sequence != 0 || e.Status != "CONFIRMED" {
			t.Errorf("first build: %+v", e)
		}
	}
	uid := func(evs map[string]jsEvent, summary string) jsEvent {
		for _, e := range evs {
			if e.Summary == summary {
				return e
			}
		}
		t.Fatalf("no event %q in %+v", summary, evs)
		return jsEvent{}
	}
	mara, josh, ana := uid(v1, "Standard library (Mara)"), uid(v1, "Language design (Josh)"), uid(v1, "Compiler (Ana)")

	// Edit Mara's topic, move Ana's session by an hour.
	v2 := build(table("| 2021-05-27 17:00 | Mara | Standard library, edited |\n| 2021-06-03 17:00 | Josh | Language design |\n| 2021-06-10 18:00 | Ana | Compiler |\n"))
	if e := v2[mara.UID]; e.Summary != "Standard library, edited (Mara)" || e.Sequence != 1 || e.DTStamp <= mara.DTStamp {
		t.Errorf("edited: %+v, was %+v", e, mara)
	}
	if e := v2[josh.UID]; e != josh {
		t.Errorf("unchanged: %+v, was %+v", e, josh)
	}
	// A moved session keeps its UID (one identity per session): the
	// rescheduled event, as RFC 5546 has it.
	if e := v2[ana.UID]; e.Status != "CONFIRMED" || e.Sequence != 1 || e.DTStamp <= ana.DTStamp || e.Start.Unix != ana.Start.Unix+3600 {
		t.Errorf("moved: %+v, was %+v", e, ana)
	}
	if len(v2) != 3 {
		t.Errorf("after the move: %d events, want 3", len(v2))
	}

	// Delete Josh's row.
	v3 := build(table("| 2021-05-27 17:00 | Mara | Standard library, edited |\n| 2021-06-10 18:00 | Ana | Compiler |\n"))
	if e := v3[josh.UID]; e.Status != "CANCELLED" || e.Sequence != 1 || e.DTStamp <= josh.DTStamp {
		t.Errorf("deleted: %+v, was %+v", e, josh)
	}
	if e := v3[mara.UID]; e != v2[mara.UID] {
		t.Errorf("unchanged after the edit: %+v, was %+v", e, v2[mara.UID])
	}
	if e := v3[ana.UID]; e != v2[ana.UID] {
		t.Errorf("unchanged after the move: %+v, was %+v", e, v2[ana.UID])
	}
}
