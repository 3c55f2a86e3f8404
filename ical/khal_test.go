package ical

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sessionfeed/sessionfeed/posts"
)

// TestKhalImports imports calendars into khal (a terminal calendar built on
// Python's icalendar, which the issue names) and lists them back: every event
// must be imported, at its true time. khal resolves a TZID through its own
// tz database, so this checks the whole file, not our VTIMEZONEs (the
// checkers above do that). Skipped without khal, unless
// SESSIONFEED_REQUIRE_CHECKERS=1; install with: apt-get install -y khal
func TestKhalImports(t *testing.T) {
	khal, err := exec.LookPath("khal")
	if err != nil {
		missingChecker(t, "khal", err, "apt-get install -y khal")
	}
	dir := t.TempDir()
	config := filepath.Join(dir, "config")
	if err := os.Mkdir(filepath.Join(dir, "cal"), 0o755); err != nil {
		t.Fatal(err)
	}
	err = os.WriteFile(config, []byte(strings.Join([]string{
		"[calendars]", "[[test]]", "path = " + filepath.Join(dir, "cal"),
		"[locale]", "local_timezone = UTC", "default_timezone = UTC",
		"timeformat = %H:%M", "dateformat = %Y-%m-%d", "longdateformat = %Y-%m-%d",
		"datetimeformat = %Y-%m-%dT%H:%M", "longdatetimeformat = %Y-%m-%dT%H:%M",
		"[sqlite]", "path = " + filepath.Join(dir, "khal.db"), "",
	}, "\n")), 0o644)
	if err != nil {
		t.Fatal(err)
	}
	run := func(args ...string) []byte {
		t.Helper()
		cmd := exec.Command(khal, append([]string{"-c", config}, args...)...)
		cmd.Env = append(os.Environ(), "HOME="+dir, "TZ=UTC")
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil || stderr.Len() > 0 {
			t.Fatalf("khal %s: %v\n%s", strings.Join(args, " "), err, stderr.Bytes())
		}
		return out
	}

	sessions := append(fixture(t), stressSessions(t)[:300]...)
	out := mustCalendar(t, testOpts, sessions, nil)
	path := filepath.Join(dir, "calendar.ics")
	if err := os.WriteFile(path, out.Calendar, 0o644); err != nil {
		t.Fatal(err)
	}
	run("import", "--batch", "-a", "test", path)
	listed := run("list", "--day-format", "", "--format", "{title}|{start-long}|{end-long}", "2018-01-01", "3650d")

	want := map[string]*posts.Session{}
	for _, s := range sessions {
		want[cleanText(summary(s))] = s
	}
	seen := map[string]bool{}
	for _, line := range strings.Split(strings.TrimSpace(string(listed)), "\n") {
		title, rest, _ := strings.Cut(line, "|")
		s := want[title]
		if s == nil {
			t.Errorf("khal listed %q", line)
			continue
		}
		seen[title] = true // an event over midnight is listed under both days
		if s.AllDay {
			if start, _, _ := strings.Cut(rest, "|"); start != s.Start.Format("2006-01-02") {
				t.Errorf("khal: %s starts %s, want %s", title, start, s.Start.Format("2006-01-02"))
			}
			continue
		}
		f := "2006-01-02T15:04"
		if exp := s.Start.UTC().Format(f) + "|" + s.End.UTC().Format(f); rest != exp {
			t.Errorf("khal: %s at %s, want %s (%s)", title, rest, exp, s.Start.Location())
		}
	}
	if len(seen) != len(sessions) {
		t.Errorf("khal listed %d events of %d", len(seen), len(sessions))
	}
}
