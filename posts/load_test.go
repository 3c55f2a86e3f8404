package posts

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sessionfeed/sessionfeed/internal/golden"
)

// update makes the tests rewrite golden files with the actual output.
var update = flag.Bool("update", false, "rewrite golden files with the actual output")

// testNow is the moment "future" is measured from in these tests.
var testNow = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// dumpLoad writes what Load returned in a form a person can review.
func dumpLoad(posts []*Post, diags []Diagnostic) string {
	var b strings.Builder
	for _, p := range posts {
		fmt.Fprintf(&b, "post %s\n", p.Source)
		fmt.Fprintf(&b, "  title: %q\n", p.Title)
		fmt.Fprintf(&b, "  date: %s\n", p.Date.Format(time.RFC3339Nano))
		fmt.Fprintf(&b, "  updated: %s\n", p.Updated.Format(time.RFC3339Nano))
		fmt.Fprintf(&b, "  slug: %s\n", p.Slug)
		fmt.Fprintf(&b, "  url: %s\n", p.URL)
		for _, a := range p.Authors {
			fmt.Fprintf(&b, "  author: %q <%s> %s\n", a.Name, a.Email, a.URI)
		}
		if len(p.Tags) > 0 {
			fmt.Fprintf(&b, "  tags: %q\n", p.Tags)
		}
		if len(p.Categories) > 0 {
			fmt.Fprintf(&b, "  categories: %q\n", p.Categories)
		}
		if p.Summary != "" {
			fmt.Fprintf(&b, "  summary: %q\n", p.Summary)
		}
		fmt.Fprintf(&b, "  body: line %d, %d bytes\n", p.BodyLine, len(p.Body))
		for _, s := range p.Sessions {
			fmt.Fprintf(&b, "  session line %d %q: %s .. %s [%s] all-day=%v topic=%q host=%q",
				s.Line, s.Text, s.Start.Format(time.RFC3339), s.End.Format(time.RFC3339), s.Start.Location(), s.AllDay, s.Topic, s.Host)
			if s.Location != "" || s.URL != "" {
				fmt.Fprintf(&b, " location=%q url=%q", s.Location, s.URL)
			}
			b.WriteString("\n")
			if s.Post != p {
				b.WriteString("  !! session does not point at its post\n")
			}
		}
	}
	b.WriteString("diagnostics:\n")
	for _, d := range diags {
		sev := "warning"
		if d.Severity == Error {
			sev = "error"
		}
		fmt.Fprintf(&b, "  %s: %s\n", sev, d)
	}
	return b.String()
}

// checkGolden compares got with testdata/name, or rewrites that file under
// -update.
func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	golden.Check(t, filepath.Join("testdata", name), []byte(got), *update)
}

func testSite(t testing.TB, dir string) *Site {
	t.Helper()
	return &Site{
		Dir:       dir,
		BaseURL:   "https://example.org/",
		Permalink: "/:section/:year/:month/:day/:slug/",
		Location:  mustLoad(t, "America/New_York"),
		Now:       testNow,
	}
}

// hasDiagnostic tells whether any of diags matches.
func hasDiagnostic(diags []Diagnostic, match func(Diagnostic) bool) bool {
	for _, d := range diags {
		if match(d) {
			return true
		}
	}
	return false
}

func sources(posts []*Post) []string {
	var s []string
	for _, p := range posts {
		s = append(s, p.Source)
	}
	return s
}

func TestLoadSite(t *testing.T) {
	posts, diags, err := Load(testSite(t, filepath.Join("testdata", "site")))
	if err != nil {
		t.Fatal(err)
	}
	// Newest first; drafts, the future, section pages, bundle resources,
	// the broken, the undated and the duplicate are left out.
	want := []string{
		"content/blog/2021-08-01-front-matter-sessions.md",
		"content/blog/2021-07-04-bundle/index.md",
		"content/blog/2021-05-01-json-post.md",
		"content/blog/2021-04-07-async-vision-doc-writing-sessions-iv.md",
		"content/blog/2021-03-20-yaml-dated.md",
		"content/blog/2021-03-18-yaml-post.md",
		"content/notes/2021-02-10-untitled.md",
		"content/notes/zola-style.md",
		"content/blog/2021-09-01-first.md",
	}
	want = append(want[len(want)-1:], want[:len(want)-1]...) // 2021-09-01 is the newest
	if got := sources(posts); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("posts =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	byFile := map[string]*Post{}
	for _, p := range posts {
		byFile[p.Source] = p
	}
	urls := map[string]string{
		"content/blog/2021-04-07-async-vision-doc-writing-sessions-iv.md": "https://example.org/blog/2021/04/07/async-vision-doc-writing-sessions-iv/",
		"content/blog/2021-07-04-bundle/index.md":                         "https://example.org/blog/2021/07/04/bundle/",
		"content/blog/2021-05-01-json-post.md":                            "https://example.org/blog/2021/05/01/json-front-matter/",
		"content/notes/zola-style.md":                                     "https://example.org/2021/02/03/zola-style/",
		"content/blog/2021-03-20-yaml-dated.md":                           "https://example.org/blog/2021/03/20/yaml-dated/",
	}
	for file, url := range urls {
		if p := byFile[file]; p == nil || p.URL != url {
			t.Errorf("%s: URL = %v; want %s", file, p, url)
		}
	}
	wantDiags := []string{
		"content/blog/2021-06-01-broken.md:2: YAML front matter: did not find expected ',' or ']'",
		"content/blog/2021-09-02-second.md: permalink https://example.org/blog/2021/09/01/first/ is already content/blog/2021-09-01-first.md's",
		"content/blog/no-date.md: no date",
	}
	for _, w := range wantDiags {
		if !hasDiagnostic(diags, func(d Diagnostic) bool { return strings.HasPrefix(d.String(), w) && d.Severity == Error }) {
			t.Errorf("no error diagnostic %q in\n%s", w, dumpLoad(nil, diags))
		}
	}
	checkGolden(t, "load_site.golden", dumpLoad(posts, diags))
}

func TestLoadJekyll(t *testing.T) {
	site := testSite(t, filepath.Join("testdata", "jekyll"))
	site.Permalink = "/:year/:month/:day/:slug.html"
	site.Location = nil
	posts, diags, err := Load(site)
	if err != nil {
		t.Fatal(err)
	}
	// 23:30 in California is after midnight in UTC: the eve is newer.
	if got := sources(posts); len(got) != 2 || got[0] != "_posts/2019-12-31-new-years-eve.markdown" {
		t.Fatalf("posts = %q", got)
	}
	eve := posts[0]
	if eve.URL != "https://example.org/2019/12/31/new-years-eve.html" {
		t.Errorf("URL = %s; the day is the day as written", eve.URL)
	}
	if got := strings.Join(eve.Tags, ","); got != "party,eve" {
		t.Errorf("tags = %q; Jekyll splits a tags string at spaces", eve.Tags)
	}
	checkGolden(t, "load_jekyll.golden", dumpLoad(posts, diags))
}

func TestLoadExampleSessions(t *testing.T) {
	posts, _, err := Load(testSite(t, filepath.Join("testdata", "site")))
	if err != nil {
		t.Fatal(err)
	}
	var p *Post
	for _, q := range posts {
		if strings.HasSuffix(q.Source, "async-vision-doc-writing-sessions-iv.md") {
			p = q
		}
	}
	if p == nil {
		t.Fatal("example post not loaded")
	}
	want := []struct {
		start string
		line  int
		topic string
	}{
		{"2021-04-08T11:00:00Z", 11, "The need for Async Traits"},
		{"2021-04-09T11:00:00Z", 12, "Challenges from cancellation"},
	}
	if len(p.Sessions) != len(want) {
		t.Fatalf("%d sessions; want %d", len(p.Sessions), len(want))
	}
	for i, w := range want {
		s := p.Sessions[i]
		if got := s.Start.UTC().Format(time.RFC3339); got != w.start || s.Line != w.line || s.Topic != w.topic || s.Host != "Ryan" {
			t.Errorf("session %d = %s line %d %q %q; want %s line %d %q Ryan", i, got, s.Line, s.Topic, s.Host, w.start, w.line, w.topic)
		}
		if s.End.Sub(s.Start) != time.Hour {
			t.Errorf("session %d lasts %v; want the default hour", i, s.End.Sub(s.Start))
		}
	}
}

// writeSite creates a site from file contents.
func writeSite(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		file := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestLoadHostile feeds Load the files a real content folder can hold by
// accident or malice. Each bad file gives a diagnostic naming it, and the
// good post is still published.
func TestLoadHostile(t *testing.T) {
	good := "---\ntitle: Good\ndate: 2021-01-01\n---\nbody\n"
	files := map[string]string{
		"content/good.md":                   good,
		"content/bom-crlf.md":               "\xEF\xBB\xBF---\r\ntitle: BOM and CRLF\r\ndate: 2021-01-02\r\n---\r\nbody\r\n",
		"content/cr.md":                     "+++\rtitle = \"Old Mac\"\rdate = 2021-01-03\r+++\rbody\r",
		"content/latin1.md":                 "---\ntitle: Caf\xe9\ndate: 2021-01-04\n---\n",
		"content/binary.md":                 "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
		"content/utf16.md":                  "\xFF\xFE-\x00-\x00-\x00",
		"content/unterminated.md":           "---\ntitle: x\ndate: 2021-01-05\n",
		"content/zero-date.md":              "---\ntitle: x\ndate: 0000-00-00\n---\n",
		"content/far-future.md":             "---\ntitle: x\ndate: 9999-12-31\n---\n",
		"content/2021-13-45-bad-name.md":    "no front matter\n",
		"content/escape.md":                 "---\ntitle: Escape\ndate: 2021-01-06\nslug: ../../../etc/passwd\n---\n",
		"content/escape-path.md":            "---\ntitle: Escape path\ndate: 2021-01-07\nurl: ../../x/\\..\\y\n---\n",
		"content/absolute.md":               "---\ntitle: Absolute\ndate: 2021-01-08\nurl: https://evil.example/pwn\n---\n",
		"content/nul-slug.md":               "+++\ntitle = \"NUL\"\ndate = 2021-01-09\nslug = \"a\\u0000b\"\n+++\n",
		"content/hostile-title.md":          "---\ntitle: \"<script>&]]>\\u0001\\u0007\"\ndate: 2021-01-10\n---\n",
		"content/long-line.md":              "---\ntitle: Long\ndate: 2021-01-11\n---\n" + strings.Repeat("x", 2<<20) + "\n",
		"content/long-front-matter-line.md": "---\ntitle: " + strings.Repeat("y", 1<<20) + "\ndate: 2021-01-12\n---\n",
		"content/empty.md":                  "",
		"content/2021-02-01-empty-date.md":  "---\ntitle: e\ndate: \"\"\n---\n",
		"content/dup-a.md":                  "---\ntitle: A\ndate: 2021-01-13\nslug: same\n---\n",
		"content/dup-b.md":                  "---\ntitle: B\ndate: 2021-01-13\nslug: same\n---\n",
		"content/.hidden.md":                "---\ntitle: hidden\n---\n",
		"content/notes.txt":                 "not Markdown",
	}
	dir := writeSite(t, files)
	content := filepath.Join(dir, "content")
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.Symlink(".", filepath.Join(content, "loop")))
	must(os.Symlink("good.md", filepath.Join(content, "link.md")))
	must(os.Symlink("missing.md", filepath.Join(content, "dangling.md")))
	must(os.Symlink("loop-b", filepath.Join(content, "loop-a")))
	must(os.Symlink("loop-a", filepath.Join(content, "loop-b")))
	must(os.Symlink("missing.png", filepath.Join(content, "dangling.png")))
	must(os.MkdirAll(filepath.Join(content, "locked"), 0o755))
	must(os.WriteFile(filepath.Join(content, "locked", "secret.md"), []byte(good), 0o644))
	must(os.WriteFile(filepath.Join(content, "unreadable.md"), []byte(good), 0o000))
	must(os.Chmod(filepath.Join(content, "locked"), 0o000))
	t.Cleanup(func() { os.Chmod(filepath.Join(content, "locked"), 0o755) })
	root := os.Geteuid() == 0 // permissions do not stop root

	posts, diags, err := Load(testSite(t, dir))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]*Post{}
	for _, p := range posts {
		got[p.Source] = p
		if !strings.HasPrefix(p.URL, "https://example.org/") {
			t.Errorf("%s: URL %s is outside the site", p.Source, p.URL)
		}
	}
	for _, kept := range []string{"good.md", "bom-crlf.md", "cr.md", "latin1.md", "escape.md", "escape-path.md",
		"absolute.md", "nul-slug.md", "hostile-title.md", "2021-02-01-empty-date.md", "long-line.md", "long-front-matter-line.md", "dup-a.md"} {
		if got["content/"+kept] == nil {
			t.Errorf("content/%s was left out", kept)
		}
	}
	type check struct {
		file string
		sev  Severity
		msg  string
	}
	checks := []check{
		{"content/binary.md", Error, "binary file"},
		{"content/utf16.md", Error, "UTF-16"},
		{"content/unterminated.md", Error, "never closed"},
		{"content/zero-date.md", Error, "month 0 is out of range"},
		{"content/far-future.md", Error, "not a plausible publication date"},
		{"content/2021-13-45-bad-name.md", Error, "month 13"},
		{"content/latin1.md", Warning, "invalid UTF-8"},
		{"content/escape.md", Warning, "path separators"},
		{"content/escape-path.md", Warning, "climbs out"},
		{"content/absolute.md", Warning, "not under the site's base URL"},
		{"content/empty.md", Error, "no date"},
		{"content/dup-b.md", Error, "is already content/dup-a.md's"},
		{"content/loop", Warning, "symbolic link not followed"},
		{"content/link.md", Warning, "symbolic link not followed"},
		{"content/dangling.md", Warning, "symbolic link not followed"},
		{"content/loop-a", Warning, "too many levels of symbolic links"},
	}
	if !root {
		checks = append(checks,
			check{"content/unreadable.md", Error, "permission denied"},
			check{"content/locked", Error, "permission denied"})
	}
	for _, c := range checks {
		if !hasDiagnostic(diags, func(d Diagnostic) bool {
			return d.File == c.file && d.Severity == c.sev && strings.Contains(d.Message, c.msg)
		}) {
			t.Errorf("no diagnostic %s: …%s… in\n%s", c.file, c.msg, dumpLoad(nil, diags))
		}
	}
	if p := got["content/bom-crlf.md"]; p != nil && (p.Title != "BOM and CRLF" || p.BodyLine != 5 || bytes.Contains(p.Body, []byte("\r"))) {
		t.Errorf("bom-crlf.md: title %q, body line %d, body %q", p.Title, p.BodyLine, p.Body)
	}
	if p := got["content/cr.md"]; p != nil && (p.Title != "Old Mac" || p.BodyLine != 5) {
		t.Errorf("cr.md: title %q, body line %d", p.Title, p.BodyLine)
	}
	if p := got["content/hostile-title.md"]; p != nil && p.Title != "<script>&]]>" {
		t.Errorf("hostile title = %q; want markup kept and control characters removed", p.Title)
	}
	if p := got["content/latin1.md"]; p != nil && p.Title != "Caf\uFFFD" {
		t.Errorf("latin1 title = %q", p.Title)
	}
	if p := got["content/escape.md"]; p != nil && p.URL != "https://example.org/content/2021/01/06/..-..-..-etc-passwd/" {
		t.Errorf("escape.md URL = %s", p.URL)
	}
	for _, d := range diags {
		if d.File == "content/.hidden.md" || d.File == "content/notes.txt" || d.File == "content/dangling.png" {
			t.Errorf("unexpected diagnostic %v", d)
		}
	}
}

func TestLoadFutureAndDrafts(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"posts/past.md":   "---\ntitle: Past\ndate: 2025-12-31T18:59:59-05:00\n---\n",
		"posts/future.md": "---\ntitle: Future\ndate: 2025-12-31T19:00:01-05:00\n---\n", // a second after testNow
		"posts/draft.md":  "---\ntitle: Draft\ndate: 2021-01-01\ndraft: true\n---\n",
	})
	site := testSite(t, dir)
	posts, _, err := Load(site)
	if err != nil {
		t.Fatal(err)
	}
	if got := sources(posts); strings.Join(got, ",") != "posts/past.md" {
		t.Errorf("posts = %q; want only the past one", got)
	}
	site.IncludeFuture = true
	posts, _, err = Load(site)
	if err != nil {
		t.Fatal(err)
	}
	if got := sources(posts); strings.Join(got, ",") != "posts/future.md,posts/past.md" {
		t.Errorf("with IncludeFuture, posts = %q", got)
	}
}

func TestLoadContentFolder(t *testing.T) {
	post := "---\ntitle: x\ndate: 2021-01-01\n---\n"
	tests := []struct {
		name    string
		files   map[string]string
		content string
		source  string // the post's Source; "" when Load must fail
		url     string // with the pattern /:section/:slug/
		err     string
	}{
		{name: "content first", files: map[string]string{"content/a.md": post, "_posts/b.md": post}, source: "content/a.md", url: "content/a/"},
		{name: "then _posts", files: map[string]string{"_posts/b.md": post, "posts/c.md": post}, source: "_posts/b.md", url: "_posts/b/"},
		{name: "then posts", files: map[string]string{"posts/c.md": post}, source: "posts/c.md", url: "posts/c/"},
		{name: "explicit", files: map[string]string{"content/blog/X/a.md": post, "content/a.md": post}, content: "content/blog", source: "content/blog/X/a.md", url: "x/a/"},
		{name: "explicit with slashes", files: map[string]string{"content/blog/a.md": post}, content: "./content/blog/", source: "content/blog/a.md", url: "blog/a/"},
		{name: "none", files: map[string]string{"README.md": post}, err: "none of content/, _posts/, posts/ exists"},
		{name: "explicit missing", files: map[string]string{"content/a.md": post}, content: "blog", err: "content folder blog"},
		{name: "explicit file", files: map[string]string{"blog": post}, content: "blog", err: "is not a folder"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			site := testSite(t, writeSite(t, tt.files))
			site.ContentDir = tt.content
			site.Permalink = "/:section/:slug/"
			posts, _, err := Load(site)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("Load error = %v; want …%s…", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(posts) != 1 || posts[0].Source != tt.source || posts[0].URL != "https://example.org/"+tt.url {
				t.Errorf("posts = %s; want %s at %s", dumpLoad(posts, nil), tt.source, tt.url)
			}
		})
	}
}

func TestLoadContentFolderSymlink(t *testing.T) {
	dir := writeSite(t, map[string]string{"shared/a.md": "---\ntitle: x\ndate: 2021-01-01\n---\n"})
	if err := os.Symlink("shared", filepath.Join(dir, "content")); err != nil {
		t.Fatal(err)
	}
	posts, _, err := Load(testSite(t, dir))
	if err != nil {
		t.Fatal(err)
	}
	if got := sources(posts); len(got) != 1 || got[0] != "content/a.md" {
		t.Errorf("posts = %q; want the linked content folder read as content/", got)
	}
}

func TestLoadNoSite(t *testing.T) {
	if _, _, err := Load(nil); err == nil {
		t.Error("Load(nil) succeeded")
	}
	site := testSite(t, t.TempDir())
	if _, _, err := Load(site); err == nil || !strings.Contains(err.Error(), "no content folder") {
		t.Errorf("Load of an empty folder: %v; want no content folder", err)
	}
}

// TestLoadFrontMatterSessions checks sessions written in YAML and JSON
// front matter, the default duration, and that a body schedule repeating
// a front matter session does not double it.
func TestLoadFrontMatterSessions(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"content/yaml.md": `---
title: YAML sessions
date: 2021-04-07
sessions:
  - start: 2021-04-08 07:00 America/New_York
    topic: The need for Async Traits
    host: Ryan
  - start: "2021-04-09T07:00:00-04:00"
    end: "2021-04-09T09:00:00-04:00"
    duration: 1h
    topic: Challenges from cancellation
  - start: 2021-04-10
    end: 2021-04-11
    topic: Weekend
  - start: 2021-04-12 07:00
    duration: soon
  - start: [1, 2]
  - start: 2021-04-13 07:00 Europe/Berlin
    end: "08:30"
    topic: Clock end
  - start: 2021-04-14 23:30 UTC
    end: "00:15"
    topic: Past midnight
---

| When                          | Who  | Topic                     |
|-------------------------------|------|---------------------------|
| 2021-04-08 07:00 America/New_York | Ryan | The need for Async Traits |
`,
		"content/json.md": `{
  "title": "JSON sessions",
  "date": "2021-04-07",
  "sessions": [{"start": "2021-04-08T07:00:00Z", "topic": "One"}, "nonsense"]
}
`,
	})
	site := testSite(t, dir)
	site.DefaultDuration = 45 * time.Minute
	posts, diags, err := Load(site)
	if err != nil {
		t.Fatal(err)
	}
	byFile := map[string]*Post{}
	for _, p := range posts {
		byFile[p.Source] = p
	}
	y := byFile["content/yaml.md"]
	if y == nil {
		t.Fatalf("yaml.md not loaded: %v", diags)
	}
	type want struct {
		start, end string
		allDay     bool
		line       int
		topic      string
	}
	wants := []want{
		{"2021-04-08T07:00:00-04:00", "2021-04-08T07:45:00-04:00", false, 5, "The need for Async Traits"},
		{"2021-04-09T07:00:00-04:00", "2021-04-09T09:00:00-04:00", false, 8, "Challenges from cancellation"},
		{"2021-04-10T00:00:00-04:00", "2021-04-12T00:00:00-04:00", true, 12, "Weekend"},
		{"2021-04-13T07:00:00+02:00", "2021-04-13T08:30:00+02:00", false, 18, "Clock end"},
		{"2021-04-14T23:30:00Z", "2021-04-15T00:15:00Z", false, 21, "Past midnight"},
	}
	if len(y.Sessions) != len(wants) {
		t.Fatalf("yaml.md: %d sessions; want %d:\n%s", len(y.Sessions), len(wants), dumpLoad([]*Post{y}, diags))
	}
	for i, w := range wants {
		s := y.Sessions[i]
		got := want{s.Start.Format(time.RFC3339), s.End.Format(time.RFC3339), s.AllDay, s.Line, s.Topic}
		if got != w {
			t.Errorf("session %d = %+v; want %+v", i, got, w)
		}
	}
	wantDiags := []string{
		"content/json.md:4: sessions: entry 2 is text, not a table",
		"content/yaml.md:8: sessions: both end and duration are written; using end",
		"content/yaml.md:15: sessions: duration \"soon\": write a positive duration",
		"content/yaml.md:17: sessions: start: expected a date and time, found a list; left out",
	}
	for _, w := range wantDiags {
		if !hasDiagnostic(diags, func(d Diagnostic) bool { return strings.HasPrefix(d.String(), w) }) {
			t.Errorf("no diagnostic %q in\n%s", w, dumpLoad(nil, diags))
		}
	}
	if j := byFile["content/json.md"]; j == nil || len(j.Sessions) != 1 || j.Sessions[0].Topic != "One" || j.Sessions[0].End.Sub(j.Sessions[0].Start) != 45*time.Minute {
		t.Errorf("json.md sessions wrong: %s", dumpLoad([]*Post{j}, nil))
	}
}

func TestSortDiagnostics(t *testing.T) {
	in := []Diagnostic{
		{File: "b.md", Line: 1, Message: "x"},
		{File: "a.md", Line: 10, Message: "x"},
		{File: "a.md", Line: 2, Message: "y"},
		{File: "a.md", Line: 2, Message: "x"},
		{File: "a.md", Line: 2, Message: "x"},
		{File: "a.md", Line: 0, Message: "z"},
	}
	got := sortDiagnostics(in)
	want := []string{"a.md: z", "a.md:2: x", "a.md:2: y", "a.md:10: x", "b.md:1: x"}
	var s []string
	for _, d := range got {
		s = append(s, d.String())
	}
	if strings.Join(s, "|") != strings.Join(want, "|") {
		t.Errorf("sortDiagnostics = %q; want %q", s, want)
	}
}

// BenchmarkLoad loads a generated site of 500 posts in the three front
// matter syntaxes, a fifth of them with a schedule table.
func BenchmarkLoad(b *testing.B) {
	dir := b.TempDir()
	content := filepath.Join(dir, "content", "blog")
	if err := os.MkdirAll(content, 0o755); err != nil {
		b.Fatal(err)
	}
	start := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range 500 {
		day := start.AddDate(0, 0, 5*i).Format("2006-01-02")
		var fm string
		switch i % 3 {
		case 0:
			fm = fmt.Sprintf("---\ntitle: \"Post %d\"\ntags: [a, b]\nauthor: Jane\n---\n", i)
		case 1:
			fm = fmt.Sprintf("+++\ntitle = \"Post %d\"\ndate = %sT10:00:00-04:00\n[taxonomies]\ntags = [\"a\"]\n+++\n", i, day)
		default:
			fm = fmt.Sprintf("{\n  \"title\": \"Post %d\",\n  \"date\": \"%s\"\n}\n", i, day)
		}
		body := strings.Repeat("Some prose about the week, with a [link](https://example.org/) and *emphasis*.\n\n", 20)
		if i%5 == 0 {
			body += "| When | Who | Topic |\n|---|---|---|\n| Thu at 07:00 ET | Ryan | Traits |\n| Fri at 07:00 ET | Ryan | Cancellation |\n"
		}
		name := filepath.Join(content, fmt.Sprintf("%s-post-%d.md", day, i))
		if err := os.WriteFile(name, []byte(fm+"\n"+body), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	site := testSite(b, dir)
	zones := testZones(b)
	site.Zones = zones
	b.ReportAllocs()
	for b.Loop() {
		posts, diags, err := Load(site)
		if err != nil || len(posts) != 500 {
			b.Fatalf("Load: %d posts, %v, %v", len(posts), err, diags)
		}
	}
}

func TestLoadSessionWithoutZone(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"content/2021-04-07-x.md": "+++\ntitle = \"x\"\n[[sessions]]\nstart = 2021-04-08T07:00:00\n[[sessions]]\nstart = 2021-04-09T07:00:00Z\n+++\n",
	})
	site := testSite(t, dir)
	site.Location = nil
	posts, diags, err := Load(site)
	if err != nil {
		t.Fatal(err)
	}
	if len(posts) != 1 || len(posts[0].Sessions) != 2 || posts[0].Sessions[0].Start.Location() != time.UTC {
		t.Fatalf("got %s", dumpLoad(posts, diags))
	}
	if len(diags) != 1 || diags[0].Line != 3 || !strings.Contains(diags[0].Message, "no time zone written and none configured") {
		t.Errorf("diagnostics = %v; want one about the missing zone on line 3", diags)
	}
}

// TestLoadSessionLinks: links written in a schedule reach the calendar as
// the feed resolves them, against the post and the site's base URL, and a
// base-URL placeholder with spaces in a destination is one link.
func TestLoadSessionLinks(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"content/2021-04-07-links.md": "+++\ntitle = \"Links\"\n+++\n\n| When | Topic | Notes |\n|---|---|---|\n" +
			"| Thu 07:00 ET | Async | [notes](notes.html), [root](/notes/a.html), [slides]({{ site.baseurl }}/slides.pdf) |\n",
	})
	site := testSite(t, dir)
	site.BaseURL = "https://example.org/blog/"
	posts, diags, err := Load(site)
	if err != nil || len(posts) != 1 || len(posts[0].Sessions) != 1 {
		t.Fatalf("got %s (%v)", dumpLoad(posts, diags), err)
	}
	var got []string
	for _, l := range posts[0].Sessions[0].Links {
		got = append(got, l.Text+" "+l.URL)
	}
	want := []string{
		"notes " + posts[0].URL + "notes.html",
		"root https://example.org/notes/a.html",
		"slides https://example.org/blog/slides.pdf",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("links:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestLoadFeedLimit: with Site.FeedLimit, only the newest posts keep their
// bodies, the very bytes Load gives without it; the others' sessions are
// read all the same.
func TestLoadFeedLimit(t *testing.T) {
	files := map[string]string{}
	for d := 1; d <= 5; d++ {
		files[fmt.Sprintf("content/post/2021-05-0%d-p.md", d)] = fmt.Sprintf(
			"---\ntitle: Post %d\ndate: 2021-05-0%dT10:00:00Z\n---\nThe next meeting is on 2021-06-0%d at 15:00 UTC.\r\n\nMore *text* %d.\n", d, d, d, d)
	}
	dir := writeSite(t, files)
	all, _, err := Load(testSite(t, dir))
	if err != nil {
		t.Fatal(err)
	}
	site := testSite(t, dir)
	site.FeedLimit = 2
	some, diags, err := Load(site)
	if err != nil || len(diags) != 0 {
		t.Fatalf("Load: %v %v", err, diags)
	}
	if len(some) != 5 || len(all) != 5 {
		t.Fatalf("%d and %d posts, want 5", len(some), len(all))
	}
	for i, p := range some {
		switch {
		case i < 2 && (!bytes.Equal(p.Body, all[i].Body) || p.BodyLine != all[i].BodyLine || p.Body == nil):
			t.Errorf("%s: body %q (line %d), want %q (line %d)", p.Source, p.Body, p.BodyLine, all[i].Body, all[i].BodyLine)
		case i >= 2 && p.Body != nil:
			t.Errorf("%s: kept its body past the feed's limit", p.Source)
		}
		if len(p.Sessions) != 1 || !p.Sessions[0].Start.Equal(all[i].Sessions[0].Start) {
			t.Errorf("%s: sessions %v, want those of %v", p.Source, p.Sessions, all[i].Sessions)
		}
	}
}

// TestReadBodiesChanged: a post edited between its first reading and the
// reading of its body for the feed is an error, not a body that does not
// match the sessions read.
func TestReadBodiesChanged(t *testing.T) {
	dir := writeSite(t, map[string]string{"content/post/2021-05-01-p.md": "---\ntitle: P\ndate: 2021-05-01T10:00:00Z\n---\nOld.\n"})
	site := testSite(t, dir)
	site.FeedLimit = 1
	ps, _, err := Load(site)
	if err != nil || len(ps) != 1 {
		t.Fatalf("Load: %v, %d posts", err, len(ps))
	}
	ps[0].Body = nil
	if err := os.WriteFile(ps[0].file, []byte("---\ntitle: P\ndate: 2021-05-01T10:00:00Z\n---\nNew.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	l := &loader{site: site}
	l.readBodies(ps, 1)
	if ps[0].Body != nil || len(l.diags) != 1 || !strings.Contains(l.diags[0].Message, "changed while") {
		t.Errorf("body %q, diagnostics %v; want none and an error", ps[0].Body, l.diags)
	}
}
