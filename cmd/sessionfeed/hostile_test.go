package main

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"

	"github.com/mmcdole/gofeed"
)

// TestHostileSite builds testdata/bad, a site of hostile posts, plus the
// cases too big or too unportable to keep in git. Every bad post must be
// named on stderr; none may stop the good ones, escape the output directory
// or break the feed or the calendar.
func TestHostileSite(t *testing.T) {
	root := t.TempDir()
	site := filepath.Join(root, "site")
	if err := os.CopyFS(site, os.DirFS("../../testdata/bad")); err != nil {
		t.Fatal(err)
	}
	content := filepath.Join(site, "content")
	generated := map[string]string{
		"2021-03-01-ten-mb-line.md": "---\ntitle: A 10 MB line\n---\n" + strings.Repeat("word ", 2<<20) + "\n",
		"2021-03-02-long-table.md":  "---\ntitle: 100,000 rows\n---\n\n| When | Topic |\n|---|---|\n" + strings.Repeat("| not a time | row |\n", 100_000),
		"2021-03-03-many-times.md":  "---\ntitle: 2,000 sessions\n---\n\n| When | Topic |\n|---|---|\n" + manyRows(2_000),
		"2021-03-04-one-line-fm.md": "---" + strings.Repeat("x", 1<<20),
		"2021-03-05-long-title.md":  "---\ntitle: " + strings.Repeat("Ab ", 100_000) + "\n---\nBody\n",
	}
	for name, body := range generated {
		if err := os.WriteFile(filepath.Join(content, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// A symlink loop, a dangling link and a FIFO (reading it would block
	// forever) named like posts.
	must(t, os.MkdirAll(filepath.Join(content, "loop"), 0o755))
	must(t, os.Symlink("..", filepath.Join(content, "loop", "parent")))
	must(t, os.Symlink("nowhere.md", filepath.Join(content, "2021-03-06-dangling.md")))
	must(t, syscall.Mkfifo(filepath.Join(content, "2021-03-07-fifo.md"), 0o644))

	out := filepath.Join(root, "out")
	var stdout, stderr bytes.Buffer
	code := run([]string{"build", "-site", site, "-out", out, "-now", "2021-06-01T00:00:00Z"}, &stdout, &stderr)
	if code != exitErrors {
		t.Errorf("exit status %d, want %d (some posts had errors)", code, exitErrors)
	}
	diag := stderr.String()
	t.Logf("stderr (%d lines):\n%s", strings.Count(diag, "\n"), truncate(diag, 6000))

	// Every diagnostic names its file (and line, where it has one).
	positioned := regexp.MustCompile(`^content/[^:]+(:\d+)?: \S`)
	for _, line := range strings.Split(strings.TrimSpace(diag), "\n") {
		if !positioned.MatchString(line) {
			t.Errorf("diagnostic does not start with file[:line]: %q", truncate(line, 200))
		}
	}
	for _, name := range []string{
		"2021-01-03-toml-broken.md", "2021-01-04-yaml-broken.md", "2021-01-05-json-broken.md",
		"2021-01-06-toml-unterminated.md", "2021-01-07-yaml-unterminated.md", "2021-01-08-json-unterminated.md",
		"2021-01-13-binary.md", "2021-01-14-zero-date.md", "2021-01-20-duplicate-b.md",
		"2021-01-25-bad-times.md", "2021-01-26-bad-date-type.md", "2021-01-27-title-list.md",
		"2021-01-31-sessions-broken.md", "2021-02-03-yaml-bomb.md", "2021-03-04-one-line-fm.md",
	} {
		if !strings.Contains(diag, "content/"+name) {
			t.Errorf("no diagnostic names %s", name)
		}
	}
	if strings.Contains(diag, "_index.md") || strings.Contains(diag, "resource.md") {
		t.Errorf("section pages and bundle resources are not posts, and are no trouble")
	}

	// The good posts are published, in a feed that is well-formed and whose
	// every link stays under base_url.
	atom, err := os.ReadFile(filepath.Join(out, "atom.xml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := wellFormed(atom); err != nil {
		t.Fatalf("atom.xml is not well-formed XML: %v", err)
	}
	f, err := gofeed.NewParser().ParseString(string(atom))
	if err != nil {
		t.Fatalf("gofeed cannot read atom.xml: %v", err)
	}
	titles := map[string]bool{}
	for _, it := range f.Items {
		titles[it.Title] = true
		if !strings.HasPrefix(it.Link, "https://example.org/blog/") || strings.Contains(it.Link, "/../") {
			t.Errorf("entry %q links outside the site: %s", it.Title, it.Link)
		}
	}
	for _, want := range []string{"Good one", "Good two", "CRLF line endings", "With a byte-order mark"} {
		if !titles[want] {
			t.Errorf("good post %q is missing from the feed", want)
		}
	}

	// No property injection into the calendar, and nothing written outside
	// the output directory.
	cal, err := os.ReadFile(filepath.Join(out, "calendar.ics"))
	if err != nil {
		t.Fatal(err)
	}
	if regexp.MustCompile(`(?m)^ATTENDEE`).Match(cal) {
		t.Error("a topic injected an ATTENDEE property into calendar.ics")
	}
	entries, _ := os.ReadDir(root)
	for _, e := range entries {
		if e.Name() != "site" && e.Name() != "out" {
			t.Errorf("build wrote %s outside its output directory", e.Name())
		}
	}
	filepath.WalkDir(site, func(path string, d os.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() && (strings.HasSuffix(path, ".ics") || strings.HasSuffix(path, ".xml")) {
			t.Errorf("build wrote %s inside the site", path)
		}
		return nil
	})
}

func manyRows(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "| 2021-06-%02d %02d:%02d | Session %d |\n", i%28+1, i%24, i%60, i)
	}
	return b.String()
}

func wellFormed(data []byte) error {
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
