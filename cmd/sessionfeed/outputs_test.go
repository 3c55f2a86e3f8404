package main

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"
)

func TestCalendarSizeWarning(t *testing.T) {
	if w := calendarSizeWarning(bytes.Repeat([]byte("x"), maxCalendarSize)); w != "" {
		t.Errorf("1 MB exactly: %q", w)
	}
	w := calendarSizeWarning(bytes.Repeat([]byte("x"), maxCalendarSize+1))
	if !strings.Contains(w, "1048577 bytes") || !strings.Contains(w, `past = "365d"`) {
		t.Errorf("over 1 MB: %q", w)
	}
}

// TestBigCalendarWarns: a calendar.ics over 1 MB draws a warning naming
// [calendar] past, which then keeps it small.
func TestBigCalendarWarns(t *testing.T) {
	var fm strings.Builder
	fm.WriteString("+++\ntitle = \"Daily\"\ndate = 2020-01-01T00:00:00Z\n")
	start := time.Date(2020, 1, 1, 15, 0, 0, 0, time.UTC)
	for i := range 1000 {
		fmt.Fprintf(&fm, "[[sessions]]\nstart = %s\nduration = \"1h\"\ntopic = \"Daily standup number %d, with a topic long enough to fill a line: %s\"\nhost = \"Host %d\"\n",
			start.AddDate(0, 0, i).Format(time.RFC3339), i, strings.Repeat("and more words about it ", 20), i%7)
	}
	fm.WriteString("+++\nEvery day.\n")
	site := t.TempDir()
	writeFiles(t, site, map[string]string{
		"sessionfeed.toml":            "title = \"daily\"\nbase_url = \"https://example.org/\"\ntimezone = \"UTC\"\n",
		"content/2020-01-01-daily.md": fm.String(),
	})
	var stderr bytes.Buffer
	out := t.TempDir()
	code := run([]string{"build", "-site", site, "-out", out, "-now", "2026-11-01T00:00:00Z"}, io.Discard, &stderr)
	if code != 0 || !strings.Contains(stderr.String(), "calendar.ics: warning:") || !strings.Contains(stderr.String(), `past = "365d"`) {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr.String())
	}
	writeFiles(t, site, map[string]string{
		"sessionfeed.toml": "title = \"daily\"\nbase_url = \"https://example.org/\"\ntimezone = \"UTC\"\n[calendar]\npast = \"365d\"\n",
	})
	stderr.Reset()
	if code := run([]string{"build", "-site", site, "-out", out, "-now", "2026-11-01T00:00:00Z"}, io.Discard, &stderr); code != 0 || stderr.Len() > 0 {
		t.Fatalf("with past: exit %d, stderr:\n%s", code, stderr.String())
	}
}
