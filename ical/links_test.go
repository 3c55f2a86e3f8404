package ical

import (
	"strings"
	"testing"
)

// TestCalendarLinks: the calendar names where it is published and the
// site's feed at the top, as URI values; the session files do not.
func TestCalendarLinks(t *testing.T) {
	out, err := Calendar(Options{
		URL:     "https://example.org/blog/",
		Source:  "https://example.org/blog/calendar.ics",
		FeedURL: "https://example.org/blog/atom.xml",
	}, fixture(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	unfolded := strings.ReplaceAll(string(out.Calendar), "\r\n ", "")
	head, _, _ := strings.Cut(unfolded, "BEGIN:VTIMEZONE")
	for _, want := range []string{
		"\r\nSOURCE;VALUE=URI:https://example.org/blog/calendar.ics\r\n",
		"\r\nURL;VALUE=URI:https://example.org/blog/\r\n",
		"\r\nLINK;FMTTYPE=application/atom+xml;LINKREL=related;VALUE=URI:https://example.org/blog/atom.xml\r\n",
	} {
		if !strings.Contains(head, want) {
			t.Errorf("calendar head lacks %q:\n%s", want, head)
		}
	}
	for _, f := range out.Sessions {
		if strings.Contains(string(f.Data), "SOURCE") {
			t.Errorf("%s names the calendar's SOURCE", f.Name)
		}
	}
	if len(out.Files) == 0 {
		t.Error("Output.Files is empty")
	}
}
