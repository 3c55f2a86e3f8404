package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// chromium finds Debian's chromium, or skips (fails in CI, where .ci/run
// installs it and sets SESSIONFEED_REQUIRE_CHECKERS=1).
func chromium(t *testing.T) string {
	t.Helper()
	path, err := exec.LookPath("chromium")
	if err != nil {
		if os.Getenv("SESSIONFEED_REQUIRE_CHECKERS") == "1" {
			t.Fatalf("chromium is required but missing (%v); install it with: apt-get install chromium", err)
		}
		t.Skipf("chromium missing (%v); install it with: apt-get install chromium", err)
	}
	return path
}

// loadPage loads url in headless Chromium in the time zone tz and returns
// the DOM after its scripts ran, and what the page wrote to the console
// (console messages and uncaught errors).
func loadPage(t *testing.T, bin, url, tz string) (dom, console string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin,
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--no-first-run", "--user-data-dir="+t.TempDir(),
		"--enable-logging=stderr", "--v=0", "--lang=en-US",
		"--virtual-time-budget=5000", "--dump-dom", url)
	cmd.Env = append(os.Environ(), "TZ="+tz, "LANG=en_US.UTF-8")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium: %v\n%s", err, stderr.String())
	}
	var lines []string
	for _, l := range strings.Split(stderr.String(), "\n") {
		if strings.Contains(l, "CONSOLE") || strings.Contains(l, "Uncaught") {
			lines = append(lines, l)
		}
	}
	return stdout.String(), strings.Join(lines, "\n")
}

// TestPageInChromium builds sessions.html, serves the output folder, and
// loads the page in headless Chromium in Tokyo: it loads without console
// messages, its script shows the sessions in the reader's zone, and its
// links lead to the session files, which are served.
func TestPageInChromium(t *testing.T) {
	bin := chromium(t)
	out := t.TempDir()
	srv := httptest.NewServer(http.FileServer(http.Dir(out)))
	defer srv.Close()

	// The detector sees a script error (else a broken page would pass).
	broken := filepath.Join(out, "broken.html")
	if err := os.WriteFile(broken, []byte(`<!DOCTYPE html><title>x</title><script>undefinedFunction()</script>`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, console := loadPage(t, bin, srv.URL+"/broken.html", "UTC"); !strings.Contains(console, "undefinedFunction") {
		t.Fatalf("a script error on a page went unseen; console:\n%s", console)
	}

	site := t.TempDir()
	writeFiles(t, site, map[string]string{
		"sessionfeed.toml": "title = \"office hours\"\nbase_url = \"" + srv.URL + "/\"\ntimezone = \"Europe/Berlin\"\n[calendar]\npage = \"sessions.html\"\n",
		"content/2021-05-20-office-hours.md": "+++\ntitle = \"Office hours & more\"\n+++\n\n| When | Who | Topic |\n| --- | --- | --- |\n" +
			"| 2021-06-03 17:00 | Josh | Language & design |\n| 2021-06-10 17:00-18:30 | Mara | Questions |\n",
	})
	var stderr bytes.Buffer
	if code := run([]string{"build", "-site", site, "-out", out, "-now", "2021-05-28T00:00:00Z"}, io.Discard, &stderr); code != 0 {
		t.Fatalf("build: exit %d\n%s", code, stderr.String())
	}

	dom, console := loadPage(t, bin, srv.URL+"/sessions.html", "Asia/Tokyo")
	if console != "" {
		t.Errorf("console output:\n%s", console)
	}
	for _, want := range []string{
		"<h2>Language &amp; design (Josh)</h2>",
		"<h2>Questions (Mara)</h2>",
		"Times are shown in your time zone (Asia/Tokyo).",
		// 2021-06-03 15:00 UTC is June 4, 00:00 in Tokyo.
		"Friday, June 4, 2021 at 12:00 AM – 1:00 AM GMT+9",
		"Friday, June 11, 2021 at 12:00 AM – 1:30 AM GMT+9",
		`href="webcal://` + strings.TrimPrefix(srv.URL, "http://") + `/calendar.ics"`,
		"dates=20210603T150000Z/20210603T160000Z",
		"startdt=2021-06-10T15:00:00Z&amp;enddt=2021-06-10T16:30:00Z",
	} {
		if !strings.Contains(dom, want) {
			t.Errorf("the page lacks %s:\n%s", want, dom)
		}
	}

	// Every .ics link is served, as a calendar holding its event.
	links := regexp.MustCompile(`href="(`+regexp.QuoteMeta(srv.URL)+`/[^"]*\.ics)"`).FindAllStringSubmatch(dom, -1)
	if len(links) != 4 { // the calendar twice, two sessions
		t.Errorf("%d .ics links, want 4", len(links))
	}
	for _, l := range links {
		resp, err := http.Get(l[1])
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !bytes.HasPrefix(body, []byte("BEGIN:VCALENDAR\r\n")) || !bytes.Contains(body, []byte("BEGIN:VEVENT")) {
			t.Errorf("%s: %s, %.40q", l[1], resp.Status, body)
		}
	}
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
