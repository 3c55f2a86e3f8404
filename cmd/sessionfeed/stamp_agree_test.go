package main

import (
	"bytes"
	"flag"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"syscall"
	"testing"
	"time"
)

// storySeed picks TestStampAgreesWithWholeBuilds's story; try others with
// go test ./cmd/sessionfeed -run StampAgrees -story-seed N.
var storySeed = flag.Uint64("story-seed", 7, "TestStampAgreesWithWholeBuilds: the seed of its story")

// TestStampAgreesWithWholeBuilds drives a site through a random story of
// the changes a site and its output folder see (posts edited, added,
// removed, broken and mended, only touched, the configuration changed,
// outputs removed or joined by other files, time passing) and after each
// builds it twice: into one output folder with stamps on, into another
// with stamps off. A stamp that let a change through would leave the two
// folders, or the two runs' messages and exit statuses, apart.
func TestStampAgreesWithWholeBuilds(t *testing.T) {
	if testing.Short() {
		t.Skip("a story of 80 steps; skipped with -short")
	}
	dir := t.TempDir()
	site, cache := filepath.Join(dir, "site"), filepath.Join(dir, "cache")
	outs := [2]string{filepath.Join(dir, "stamped"), filepath.Join(dir, "whole")}
	write := func(name, data string) {
		t.Helper()
		file := filepath.Join(site, name)
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	config := func(title string) {
		write("sessionfeed.toml", fmt.Sprintf("base_url = \"https://example.org/\"\ntitle = %q\ntimezone = \"Europe/Berlin\"\n[calendar]\npast = \"20d\"\n", title))
	}
	post := func(n, hour int) {
		write(fmt.Sprintf("content/2021-05-%02d-p%d.md", n%28+1, n), fmt.Sprintf(
			"+++\ntitle = \"Post %d\"\ndate = 2021-05-%02dT10:00:00Z\n+++\nThe next meeting is on 2021-06-%02d at %02d:00 CEST.\n", n, n%28+1, n%28+1, hour))
	}
	config("Stories")
	for n := range 6 {
		post(n, 15)
	}
	rng := rand.New(rand.NewPCG(*storySeed, 12))
	now := time.Date(2021, 5, 30, 12, 0, 0, 0, time.UTC)
	next := 6
	stamped := 0
	const steps = 80
	for step := range steps {
		var what string
		switch k := rng.IntN(15); {
		case k < 6:
			what = "nothing"
		case k == 6:
			n := rng.IntN(next)
			what = fmt.Sprintf("edit post %d", n)
			post(n, 9+rng.IntN(10))
		case k == 7:
			what = "touch a post"
			old := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(rng.IntN(1000)) * time.Hour)
			matches, _ := filepath.Glob(filepath.Join(site, "content", "*.md"))
			if len(matches) > 0 {
				os.Chtimes(matches[rng.IntN(len(matches))], old, old)
			}
		case k == 8:
			what = "new post"
			post(next, 15)
			next++
		case k == 9:
			what = "remove a post"
			matches, _ := filepath.Glob(filepath.Join(site, "content", "*.md"))
			if len(matches) > 1 {
				os.Remove(matches[rng.IntN(len(matches))])
			}
		case k == 10:
			what = "break or mend a post"
			name := "content/2021-05-28-broken.md"
			if _, err := os.Stat(filepath.Join(site, name)); err == nil {
				os.Remove(filepath.Join(site, name))
			} else {
				write(name, "+++\ntitle = \"Broken\ndate = 2021-05-28T10:00:00Z\n+++\nText.\n")
			}
		case k == 11:
			what = "time passes"
			now = now.Add(time.Duration(rng.IntN(4*24)) * time.Hour)
		case k == 12:
			what = "configuration"
			config(fmt.Sprintf("Stories %d", rng.IntN(3)))
		case k == 13:
			what = "an output removed"
			for _, out := range outs {
				os.Remove(filepath.Join(out, "sessions.json"))
			}
		case k == 14:
			what = "another tool's file beside the sessions"
			for _, out := range outs {
				os.MkdirAll(filepath.Join(out, "sessions"), 0o755)
				os.WriteFile(filepath.Join(out, "sessions", fmt.Sprintf("other%d.ics", step)), []byte("BEGIN:VCALENDAR\r\n"), 0o644)
			}
		}
		time.Sleep(10 * time.Millisecond) // a later run comes a tick of the file clock later
		var codes [2]int
		var stderrs [2]string
		for i, out := range outs {
			t.Setenv("SESSIONFEED_CACHE", map[bool]string{true: cache, false: "off"}[i == 0])
			before := inode(filepath.Join(cache, "stamps"))
			var stderr bytes.Buffer
			codes[i] = run([]string{"build", "-site", site, "-out", out, "-now", now.Format(time.RFC3339)}, &stderr, &stderr)
			stderrs[i] = stderr.String()
			if i == 0 && before != 0 && before == inode(filepath.Join(cache, "stamps")) {
				stamped++
			}
		}
		if codes[0] != codes[1] || stderrs[0] != stderrs[1] {
			t.Fatalf("step %d (%s): stamped run exit %d:\n%s\nwhole build exit %d:\n%s", step, what, codes[0], stderrs[0], codes[1], stderrs[1])
		}
		a, b := readTree(t, outs[0]), readTree(t, outs[1])
		for _, name := range slices.Sorted(maps.Keys(a)) {
			if !bytes.Equal(a[name], b[name]) {
				t.Fatalf("step %d (%s): %s differs between the stamped run's output and the whole build's", step, what, name)
			}
		}
		if len(a) != len(b) {
			t.Fatalf("step %d (%s): %d files against %d", step, what, len(a), len(b))
		}
	}
	if stamped < 10 {
		t.Errorf("only %d of %d runs found their stamp holding: the story tests too little", stamped, steps)
	}
	t.Logf("%d of %d runs stopped at their stamp", stamped, steps)
}

// inode is the inode of the one stamp in dir, or 0.
func inode(dir string) uint64 {
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if fi, err := e.Info(); err == nil && fi.Mode().IsRegular() {
			if st, ok := fi.Sys().(*syscall.Stat_t); ok {
				return st.Ino
			}
		}
	}
	return 0
}
