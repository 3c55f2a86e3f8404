package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
)

// Commands for the accident scenarios of issue 10.

// cmdMkfifo, "mkfifo NAME", makes a named pipe, as a stray calendar.ics or atom.xml can be.
func cmdMkfifo(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: mkfifo NAME")
	}
	ts.Check(syscall.Mkfifo(ts.MkAbs(args[0]), 0o644))
}

// cmdTruncate, "truncate FILE PERCENT", cuts FILE to PERCENT of its size, as a
// full disk does; "truncate FILE NB" makes it N bytes long (sparse).
func cmdTruncate(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: truncate FILE PERCENT")
	}
	if size, ok := strings.CutSuffix(args[1], "B"); ok { // an absolute size: a sparse file
		n, err := strconv.ParseInt(size, 10, 64)
		ts.Check(err)
		ts.Check(os.Truncate(ts.MkAbs(args[0]), n))
		return
	}
	pct, err := strconv.Atoi(strings.TrimSuffix(args[1], "%"))
	ts.Check(err)
	fi, err := os.Stat(ts.MkAbs(args[0]))
	ts.Check(err)
	ts.Check(os.Truncate(ts.MkAbs(args[0]), fi.Size()*int64(pct)/100))
}

// cmdReplace, "replace FILE OLD NEW", replaces the first OLD in FILE by NEW; each may be a
// Go string literal ("a\nb").
func cmdReplace(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: replace FILE OLD NEW")
	}
	unquote := func(s string) string {
		if u, err := strconv.Unquote(s); err == nil {
			return u
		}
		return s
	}
	name := ts.MkAbs(args[0])
	data, err := os.ReadFile(name)
	ts.Check(err)
	old, repl := unquote(args[1]), unquote(args[2])
	if !bytes.Contains(data, []byte(old)) {
		ts.Fatalf("%s holds no %q", args[0], old)
	}
	ts.Check(os.WriteFile(name, bytes.Replace(data, []byte(old), []byte(repl), 1), 0o644))
}

// TestLockBeforeRead: a run that waits for the lock reads the posts after
// it has it, so it never publishes posts older than the run it waited for
// (issue 10: "two runs with -wait … 5 of 18 tries").
func TestLockBeforeRead(t *testing.T) {
	site := t.TempDir()
	write := func(name, data string) { t.Helper(); writeSiteFile(t, site, name, data) }
	write("sessionfeed.toml", "base_url = \"https://example.org/\"\ntitle = \"t\"\ntimezone = \"UTC\"\n")
	post := "---\ntitle: Meetings\n---\n| When | Topic |\n|---|---|\n| 2021-06-03 10:00 | %s |\n"
	write("content/2021-05-20-meetings.md", strings.Replace(post, "%s", "Old topic", 1))

	out := filepath.Join(site, "public")
	unlock, err := lockDir(out, 0)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan int)
	var stderr bytes.Buffer
	go func() {
		done <- run([]string{"build", "-site", site, "-wait", "20s", "-now", "2021-06-01T00:00:00Z"}, os.Stdout, &stderr)
	}()
	time.Sleep(300 * time.Millisecond) // the run is waiting for the lock
	write("content/2021-05-20-meetings.md", strings.Replace(post, "%s", "New topic", 1))
	unlock()
	if code := <-done; code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	cal, err := os.ReadFile(filepath.Join(out, "calendar.ics"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(cal, []byte("New topic")) {
		t.Errorf("the run that waited published the posts as they were before it had the lock:\n%s", cal)
	}
}

// TestHostileMarkdownBuild: posts shaped as goldmark's worst cases (issue
// 10: 47 s for 400 KB of ">", 40 s for a 9 MB nested list) build in
// seconds, with a warning naming each.
func TestHostileMarkdownBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("writes and renders 11 MB of Markdown")
	}
	site := t.TempDir()
	write := func(name, data string) { t.Helper(); writeSiteFile(t, site, name, data) }
	write("sessionfeed.toml", "base_url = \"https://example.org/\"\ntitle = \"t\"\ntimezone = \"UTC\"\n")
	var nested strings.Builder
	for i := range 3000 {
		nested.WriteString(strings.Repeat("  ", i) + "- item\n")
	}
	front := "---\ntitle: x\n---\n"
	write("content/2021-05-01-nested.md", front+nested.String())
	write("content/2021-05-02-quotes.md", front+strings.Repeat(">", 1<<20)+" x\n")
	write("content/2021-05-03-dashes.md", front+strings.Repeat("- ", 100<<10)+"x\n")
	write("content/2021-05-04-emphasis.md", front+strings.Repeat("*a_b*c_d**e_f*g**h*i_j** ", 40<<10)+"\n")
	var stderr bytes.Buffer
	start := time.Now()
	code := run([]string{"build", "-site", site, "-now", "2021-06-01T00:00:00Z"}, os.Stdout, &stderr)
	d := time.Since(start)
	t.Logf("built in %v", d)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if d > 20*time.Second {
		t.Errorf("took %v", d)
	}
	if n := strings.Count(stderr.String(), "rendered as plain text"); n != 4 {
		t.Errorf("%d warnings, want 4:\n%s", n, stderr.String())
	}
}

// writeSiteFile writes data to name below site, making its folders.
func writeSiteFile(t *testing.T, site, name, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(filepath.Join(site, name)), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(site, name), []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}
