package ical

import (
	"bytes"
	"flag"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	ics "github.com/arran4/golang-ical"

	goldenfile "github.com/sessionfeed/sessionfeed/internal/golden"
	"github.com/sessionfeed/sessionfeed/posts"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func mustZone(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// calendarOf wraps components in a minimal calendar.
func calendarOf(cs ...ics.Component) *ics.Calendar {
	cal := &ics.Calendar{}
	cal.SetProductId(ProdID)
	cal.SetVersion("2.0")
	cal.Components = cs
	return cal
}

var testOpts = Options{
	Name:        "Rust sessions",
	Description: "Sessions announced on the Rust blog; updated hourly",
	URL:         "https://blog.example.org/",
	Refresh:     time.Hour,
}

// fixture is a post like the async vision doc one, with sessions in many
// zones, and a second post whose session has its own URL and no topic.
func fixture(t testing.TB) []*posts.Session {
	ny := mustZone(t, "America/New_York")
	berlin := mustZone(t, "Europe/Berlin")
	kolkata := mustZone(t, "Asia/Kolkata")
	sydney := mustZone(t, "Australia/Sydney")
	fixed := time.FixedZone("UTC+05:30", 5*3600+30*60)

	p := &posts.Post{
		Source:     "content/2021-04-07-async-vision-doc-writing-sessions-iv.md",
		Title:      "Async Vision Doc Writing Sessions IV",
		Date:       time.Date(2021, 4, 7, 0, 0, 0, 0, time.UTC),
		Updated:    time.Date(2021, 4, 7, 9, 30, 0, 0, time.UTC),
		URL:        "https://blog.example.org/2021/04/07/async-vision-doc-writing-sessions-iv/",
		Tags:       []string{"async", "Writing sessions"},
		Categories: []string{"Inside Rust", "async"},
	}
	q := &posts.Post{
		Source:  "content/2021-05-01-office-hours.md",
		Title:   "Office hours, May",
		Date:    time.Date(2021, 5, 1, 8, 0, 0, 0, time.UTC),
		Updated: time.Date(2021, 5, 1, 8, 0, 0, 0, time.UTC),
		URL:     "https://blog.example.org/2021/05/01/office-hours/",
	}
	hour := func(t time.Time) time.Time { return t.Add(time.Hour) }
	at := func(loc *time.Location, m time.Month, d, h, min int) time.Time {
		return time.Date(2021, m, d, h, min, 0, 0, loc)
	}
	s := []*posts.Session{
		{Start: at(ny, 4, 8, 7, 0), Topic: "The need for Async Traits", Host: "Ryan", Line: 20, Text: "Thu at 07:00 ET",
			Links: []posts.Link{{Text: "other zones", URL: "https://everytimezone.com/s/1a2b3c"}}},
		{Start: at(berlin, 4, 9, 15, 0), End: at(berlin, 4, 9, 16, 30), Topic: `Streams; sinks, and \ backslashes`,
			Host: "Tyler, Nell", Location: "Zoom; room 2", Details: []string{"Notes: bring questions"}, Line: 21},
		{Start: at(kolkata, 4, 12, 19, 30), Topic: "Async closures", Host: "Niko", Line: 22},
		{Start: at(sydney, 4, 2, 10, 0), Topic: "Before the end of southern DST", Line: 23},
		{Start: at(sydney, 4, 6, 10, 0), Topic: "After the end of southern DST", Line: 24},
		{Start: at(time.UTC, 4, 10, 12, 0), Topic: "In UTC", Line: 25},
		{Start: at(fixed, 4, 11, 10, 0), Topic: "At a bare offset", Line: 26},
		{Start: at(berlin, 4, 15, 0, 0), End: at(berlin, 4, 17, 0, 0), AllDay: true, Topic: "Two days of writing", Line: 27},
		{Start: at(ny, 4, 13, 13, 0), Topic: "Written second", Line: 29},
		{Start: at(ny, 4, 13, 13, 0), Topic: "Written first", Line: 28},
		{Start: at(ny, 4, 14, 13, 0), Line: 30,
			Topic: "Émojis 🎉 and ünïcödé: a topic long enough that its SUMMARY has to fold — 🎉🎉🎉🎉🎉🎉🎉"},
		{Start: at(ny, 4, 16, 13, 0), Topic: "Hello\nATTENDEE:mailto:x@example.com\r\nX-EVIL:1\x00", Line: 31},
		{Start: time.Date(2021, 5, 4, 17, 0, 0, 0, ny), Post: q, URL: "https://meet.example.org/office-hours", Line: 5},
	}
	for _, x := range s {
		if x.Post == nil {
			x.Post = p
		}
		if x.End.IsZero() {
			x.End = hour(x.Start)
		}
	}
	return s
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	goldenfile.Check(t, filepath.Join("testdata", name), got, *update)
}

func mustCalendar(t testing.TB, opts Options, sessions []*posts.Session, previous []byte) *Output {
	t.Helper()
	out, err := Calendar(opts, sessions, readPrevious(previous))
	if err != nil {
		t.Fatal(err)
	}
	lintOutput(t, out)
	return out
}

// readPrevious reads previous with the default limits; nil for nil.
func readPrevious(previous []byte) *Previous {
	if previous == nil {
		return nil
	}
	return ReadPrevious(bytes.NewReader(previous), "calendar.ics", Limits{})
}

// lintOutput lints the calendar and every session file, and checks that
// they match one to one.
func lintOutput(t testing.TB, out *Output) {
	t.Helper()
	for _, e := range lint(out.Calendar) {
		t.Errorf("calendar.ics: %v", e)
	}
	root, _ := parseICS(out.Calendar)
	events := root.sub("VEVENT")
	if len(out.Sessions) != len(events) {
		t.Errorf("%d session files for %d events", len(out.Sessions), len(events))
	}
	byName := map[string]bool{}
	for i, f := range out.Sessions {
		if i > 0 && out.Sessions[i-1].Name >= f.Name {
			t.Errorf("session files not sorted by name: %q before %q", out.Sessions[i-1].Name, f.Name)
		}
		byName[f.Name] = true
		for _, e := range lint(f.Data) {
			t.Errorf("%s: %v", f.Name, e)
		}
		one, _ := parseICS(f.Data)
		if n := len(one.sub("VEVENT")); n != 1 {
			t.Errorf("%s: %d events", f.Name, n)
		}
	}
	for _, ev := range events {
		if name := fileName(unescapeText(ev.get("UID"))); !byName[name] {
			t.Errorf("no session file %s for UID %s", name, ev.get("UID"))
		}
	}
}

func TestGolden(t *testing.T) {
	out := mustCalendar(t, testOpts, fixture(t), nil)
	golden(t, "calendar.ics", out.Calendar)
	for _, f := range out.Sessions {
		golden(t, "sessions/"+f.Name, f.Data)
	}
	if !*update {
		// No stale golden session files either.
		names, _ := filepath.Glob("testdata/sessions/*.ics")
		if len(names) != len(out.Sessions) {
			t.Errorf("%d golden session files, %d sessions", len(names), len(out.Sessions))
		}
	}
	if len(out.Diagnostics) > 0 {
		t.Errorf("warnings: %q", out.Diagnostics)
	}
}

// TestEvents checks the fixture's events property by property, so that the
// golden file is not the only thing that says what is right.
func TestEvents(t *testing.T) {
	out := mustCalendar(t, testOpts, fixture(t), nil)
	root, _ := parseICS(out.Calendar)
	bySummary := map[string]*node{}
	for _, ev := range root.sub("VEVENT") {
		bySummary[unescapeText(ev.get("SUMMARY"))] = ev
	}
	ev := func(summary string) *node {
		t.Helper()
		n := bySummary[summary]
		if n == nil {
			t.Fatalf("no event %q among %v", summary, slices.Collect(maps.Keys(bySummary)))
		}
		return n
	}
	prop1 := func(n *node, name string) prop {
		t.Helper()
		ps := n.all(name)
		if len(ps) != 1 {
			t.Fatalf("%s: %d %s", n.get("SUMMARY"), len(ps), name)
		}
		return ps[0]
	}

	for _, tt := range []struct {
		summary, prop, tzid, value, valueType string
	}{
		{"The need for Async Traits (Ryan)", "DTSTART", "America/New_York", "20210408T070000", ""},
		{"The need for Async Traits (Ryan)", "DTEND", "America/New_York", "20210408T080000", ""},
		{"Streams; sinks, and \\ backslashes (Tyler, Nell)", "DTEND", "Europe/Berlin", "20210409T163000", ""},
		{"Async closures (Niko)", "DTSTART", "Asia/Kolkata", "20210412T193000", ""},
		{"Before the end of southern DST", "DTSTART", "Australia/Sydney", "20210402T100000", ""},
		{"In UTC", "DTSTART", "", "20210410T120000Z", ""},
		{"At a bare offset", "DTSTART", "", "20210411T043000Z", ""},
		{"Two days of writing", "DTSTART", "", "20210415", "DATE"},
		{"Two days of writing", "DTEND", "", "20210417", "DATE"},
		{"Office hours, May", "DTSTART", "America/New_York", "20210504T170000", ""},
	} {
		p := prop1(ev(tt.summary), tt.prop)
		if p.value != tt.value || p.params["TZID"] != tt.tzid || p.params["VALUE"] != tt.valueType {
			t.Errorf("%s %s = %+v, want TZID=%q VALUE=%q %s", tt.summary, tt.prop, p, tt.tzid, tt.valueType, tt.value)
		}
	}

	traits := ev("The need for Async Traits (Ryan)")
	wantDesc := "The need for Async Traits\nHost: Ryan\nother zones: https://everytimezone.com/s/1a2b3c\n" +
		"Async Vision Doc Writing Sessions IV: https://blog.example.org/2021/04/07/async-vision-doc-writing-sessions-iv/"
	if got := unescapeText(traits.get("DESCRIPTION")); got != wantDesc {
		t.Errorf("DESCRIPTION = %q, want %q", got, wantDesc)
	}
	for name, want := range map[string]string{
		"URL":           "https://blog.example.org/2021/04/07/async-vision-doc-writing-sessions-iv/",
		"STATUS":        "CONFIRMED",
		"SEQUENCE":      "0",
		"DTSTAMP":       "20210407T093000Z",
		"LAST-MODIFIED": "20210407T093000Z",
		"UID":           "20210408T110000Z-2021-04-07-async-vision-doc-writing-sessions-iv-" + permalinkHash(t, "https://blog.example.org/2021/04/07/async-vision-doc-writing-sessions-iv/") + "@blog.example.org",
	} {
		if got := prop1(traits, name).value; got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	var cats []string
	for _, p := range traits.all("CATEGORIES") {
		cats = append(cats, unescapeText(p.value))
	}
	if got := strings.Join(cats, "|"); got != "async|Writing sessions|Inside Rust" {
		t.Errorf("CATEGORIES = %q", got)
	}

	streams := ev("Streams; sinks, and \\ backslashes (Tyler, Nell)")
	if got := prop1(streams, "SUMMARY").value; got != `Streams\; sinks\, and \\ backslashes (Tyler\, Nell)` {
		t.Errorf("SUMMARY escaped as %q", got)
	}
	if got := unescapeText(prop1(streams, "LOCATION").value); got != "Zoom; room 2" {
		t.Errorf("LOCATION = %q", got)
	}
	if got := unescapeText(streams.get("DESCRIPTION")); !strings.Contains(got, "\nNotes: bring questions\n") {
		t.Errorf("DESCRIPTION %q lacks the details", got)
	}

	office := ev("Office hours, May")
	if got := office.get("URL"); got != "https://meet.example.org/office-hours" {
		t.Errorf("URL = %q, want the session's own", got)
	}
	if len(office.all("CATEGORIES")) != 0 {
		t.Error("CATEGORIES for a post without tags")
	}

	// The two sessions starting together: same base UID, told apart by the
	// order the post writes them in.
	a, b := ev("Written first").get("UID"), ev("Written second").get("UID")
	if !strings.Contains(b, ".2@") || strings.Replace(b, ".2@", "@", 1) != a {
		t.Errorf("UIDs of sessions starting together: %q and %q", a, b)
	}

	// The injection attempt stays one SUMMARY; control characters are gone.
	for _, e := range root.sub("VEVENT") {
		if len(e.all("ATTENDEE")) > 0 || len(e.all("X-EVIL")) > 0 {
			t.Errorf("property injected into %q", e.get("UID"))
		}
	}
	inj := ev("Hello ATTENDEE:mailto:x@example.com X-EVIL:1")
	if got := unescapeText(inj.get("DESCRIPTION")); !strings.HasPrefix(got, "Hello\nATTENDEE:mailto:x@example.com\nX-EVIL:1\n") {
		t.Errorf("DESCRIPTION = %q", got)
	}

	// Calendar-level properties.
	for name, want := range map[string]string{
		"PRODID": ProdID, "VERSION": "2.0", "CALSCALE": "GREGORIAN", "METHOD": "PUBLISH",
		"NAME": "Rust sessions", "X-WR-CALNAME": "Rust sessions",
		"X-WR-CALDESC":     `Sessions announced on the Rust blog\; updated hourly`,
		"REFRESH-INTERVAL": "PT1H", "X-PUBLISHED-TTL": "PT1H",
	} {
		if got := root.get(name); got != want {
			t.Errorf("calendar %s = %q, want %q", name, got, want)
		}
	}
	var tzids []string
	for _, tz := range root.sub("VTIMEZONE") {
		tzids = append(tzids, tz.get("TZID"))
	}
	if got := strings.Join(tzids, " "); got != "America/New_York Asia/Kolkata Australia/Sydney Europe/Berlin" {
		t.Errorf("VTIMEZONEs %s", got)
	}
	// PRODID is where the CLI looks for it to recognise its own files.
	for _, f := range append([]File{{"calendar.ics", out.Calendar}}, out.Sessions...) {
		if !bytes.Contains(f.Data[:min(512, len(f.Data))], []byte("\r\nPRODID:"+ProdID+"\r\n")) {
			t.Errorf("%s: PRODID not in the first 512 bytes", f.Name)
		}
	}
}

// permalinkHash recomputes the UID's hash part independently of uidBase.
func permalinkHash(t *testing.T, permalink string) string {
	t.Helper()
	s := uidBase(&posts.Session{Post: &posts.Post{URL: permalink}, Start: time.Unix(0, 0)})
	return s[strings.LastIndex(s, "-")+1:]
}

func TestOrderAndDeterminism(t *testing.T) {
	sessions := fixture(t)
	first := mustCalendar(t, testOpts, sessions, nil)
	// Input order does not matter (except among sessions of one post that
	// start together with the same topic, which the fixture has none of).
	reversed := make([]*posts.Session, len(sessions))
	for i, s := range sessions {
		reversed[len(sessions)-1-i] = s
	}
	second := mustCalendar(t, testOpts, reversed, nil)
	if !bytes.Equal(first.Calendar, second.Calendar) {
		t.Error("the calendar depends on the order of the sessions")
	}
	root, _ := parseICS(first.Calendar)
	var last time.Time
	for _, ev := range root.sub("VEVENT") {
		p := ev.all("DTSTART")[0]
		var at time.Time
		if tzid := p.params["TZID"]; tzid != "" {
			at, _ = time.ParseInLocation(localFormat, p.value, mustZone(t, tzid))
		} else {
			at, _ = instant(p, nil)
			if isDate(p) {
				at, _ = time.ParseInLocation(dateFormat, p.value, mustZone(t, "Europe/Berlin"))
			}
		}
		if at.Before(last) {
			t.Errorf("event %s out of order", ev.get("UID"))
		}
		last = at
	}
}

func TestFileName(t *testing.T) {
	tests := []struct {
		uid, want string
	}{
		{"20210408T110000Z-slug-1a2b3c4d@blog.example.org", "20210408T110000Z-slug-1a2b3c4d_blog.example.org.ics"},
		{"20210408T110000Z-slug-1a2b3c4d.2@blog.example.org", "20210408T110000Z-slug-1a2b3c4d.2_blog.example.org.ics"},
		{"plain", "plain.ics"},
	}
	for _, tt := range tests {
		if got := fileName(tt.uid); got != tt.want {
			t.Errorf("fileName(%q) = %q, want %q", tt.uid, got, tt.want)
		}
	}
	hostile := []string{
		"", ".", "..", "../../etc/passwd", "/abs", `a\b`, "a/b", ".hidden", "a@b@c", "a_b@c", "a@b_c",
		strings.Repeat("x", 500), "émoji🎉@host", "nul\x00byte", "a b", "CON", "x.ics", "-rf",
	}
	seen := map[string]string{}
	for _, uid := range append(hostile, "a@b") {
		name := fileName(uid)
		if name != filepath.Base(name) || strings.HasPrefix(name, ".") || !strings.HasSuffix(name, ".ics") || len(name) > 130 {
			t.Errorf("fileName(%q) = %q is not one safe path element", uid, name)
		}
		for _, r := range name {
			if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("._-", r)) {
				t.Errorf("fileName(%q) = %q has %q", uid, name, r)
			}
		}
		if other, dup := seen[name]; dup {
			t.Errorf("fileName(%q) = fileName(%q) = %q", uid, other, name)
		}
		seen[name] = uid
	}
}

func TestTextHygiene(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{`a\b;c,d`, `a\\b\;c\,d`},
		{"line1\nline2", `line1\nline2`},
		{"crlf\r\nnext", `crlf\nnext`},
		{"nul\x00bell\x07del\x7fc1\u0085", "nulbelldelc1"},
		{"tab\tkept", "tab\tkept"},
		{"bad\xffutf8\xc3", "badutf8"},
		{`colon: "quotes"`, `colon: "quotes"`},
	}
	for _, tt := range tests {
		if got := escapeText(tt.in); got != tt.want {
			t.Errorf("escapeText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	for _, tt := range []struct{ in, want string }{
		{"America/New_York", "America/New_York"},
		{"a:b", `"a:b"`}, {"a;b", `"a;b"`}, {"a,b", `"a,b"`}, {`say "hi"`, "say 'hi'"},
		{"ctl\r\nx", "ctlx"},
	} {
		if got := paramValue(tt.in); got != tt.want {
			t.Errorf("paramValue(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFolding(t *testing.T) {
	for _, line := range []string{
		"SUMMARY:" + strings.Repeat("a", 67),  // exactly 75
		"SUMMARY:" + strings.Repeat("a", 68),  // 76
		"SUMMARY:" + strings.Repeat("é", 100), // 2-octet runes across folds
		"SUMMARY:" + strings.Repeat("🎉", 80),  // 4-octet runes
		"SUMMARY:x" + strings.Repeat("€", 200),
	} {
		var w bytes.Buffer
		writeFolded(&w, []byte(line))
		lines, errs := physicalLines(w.Bytes())
		if len(errs) > 0 {
			t.Errorf("%q: %v", line, errs)
		}
		if len(lines) != 1 || lines[0].text != line {
			t.Errorf("%q does not unfold back: %v", line, lines)
		}
		if len(line) <= 75 && w.Len() != len(line)+2 {
			t.Errorf("%q folded though it fits", line)
		}
	}
}

func TestDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{
		time.Hour: "PT1H", 90 * time.Minute: "PT1H30M", 24 * time.Hour: "P1D",
		36*time.Hour + 5*time.Second: "P1DT12H5S", 15 * time.Minute: "PT15M", 0: "PT0S",
	} {
		if got := duration(d); got != want {
			t.Errorf("duration(%v) = %q, want %q", d, got, want)
		}
	}
}

func TestOptions(t *testing.T) {
	if _, err := Calendar(Options{URL: "not a url"}, nil, nil); err == nil {
		t.Error("a site URL without a host was accepted")
	}
	out := mustCalendar(t, Options{}, fixture(t)[:1], nil)
	root, _ := parseICS(out.Calendar)
	for name, want := range map[string]string{
		"NAME": DefaultName, "REFRESH-INTERVAL": "PT1H", "X-PUBLISHED-TTL": "PT1H", "X-WR-CALDESC": "",
	} {
		if got := root.get(name); got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	// Without a site URL the UID's domain is the permalink's host.
	if uid := root.sub("VEVENT")[0].get("UID"); !strings.HasSuffix(uid, "@blog.example.org") {
		t.Errorf("UID %q", uid)
	}
	out = mustCalendar(t, Options{Refresh: 24 * time.Hour}, nil, nil)
	root, _ = parseICS(out.Calendar)
	if got := root.get("X-PUBLISHED-TTL"); got != "P1D" {
		t.Errorf("X-PUBLISHED-TTL = %q", got)
	}
}

func TestUnwritableSessions(t *testing.T) {
	good := fixture(t)[0]
	berlin := mustZone(t, "Europe/Berlin")
	liar := *good
	liar.Start = time.Date(2021, 7, 1, 10, 0, 0, 0, time.FixedZone("Europe/Berlin", 3600)) // Berlin is +2 in July
	liar.End = liar.Start.Add(time.Hour)
	backwards := *good
	backwards.Topic = "backwards"
	backwards.Start = time.Date(2021, 7, 2, 10, 0, 0, 0, berlin)
	backwards.End = backwards.Start.Add(-time.Hour)
	ancient := *good
	ancient.Start = time.Date(999, 7, 2, 10, 0, 0, 0, berlin)
	ancient.End = ancient.Start.Add(time.Hour)
	out := mustCalendar(t, testOpts, []*posts.Session{
		nil, {Topic: "orphan"}, {Post: good.Post, Topic: "no start"}, &liar, &backwards, &ancient,
	}, nil)
	root, _ := parseICS(out.Calendar)
	evs := root.sub("VEVENT")
	if len(evs) != 2 {
		t.Fatalf("%d events, want the liar and the backwards one", len(evs))
	}
	if got := evs[0].get("DTSTART"); got != "20210701T090000Z" {
		t.Errorf("a FixedZone named like an IANA zone but off by an hour: DTSTART %q, want UTC", got)
	}
	if len(evs[1].all("DTEND")) != 0 {
		t.Error("DTEND before DTSTART written")
	}
	if len(out.Diagnostics) != 5 {
		t.Errorf("warnings %q, want 5", out.Diagnostics)
	}
}

// TestRepeatedReadings: a time in the hour repeated when clocks go back is
// written in UTC; the readings around it keep their zone.
func TestRepeatedReadings(t *testing.T) {
	ny := mustZone(t, "America/New_York")
	back := time.Date(2021, 11, 7, 6, 0, 0, 0, time.UTC) // 02:00 EDT becomes 01:00 EST
	post := &posts.Post{URL: "https://example.org/p/", Title: "P"}
	for _, tt := range []struct {
		start time.Time
		want  string
	}{
		{back.Add(-61 * time.Minute), "DTSTART;TZID=America/New_York:20211107T005900"},
		{back.Add(-30 * time.Minute), "DTSTART:20211107T053000Z"}, // 01:30 EDT
		{back.Add(30 * time.Minute), "DTSTART:20211107T063000Z"},  // 01:30 EST
		{back.Add(60 * time.Minute), "DTSTART;TZID=America/New_York:20211107T020000"},
		{time.Date(2021, 3, 14, 7, 30, 0, 0, time.UTC), "DTSTART;TZID=America/New_York:20210314T033000"}, // just after the gap
	} {
		if got := repeated(tt.start.In(ny)); got != strings.HasSuffix(tt.want, "Z") {
			t.Errorf("repeated(%v) = %v", tt.start.In(ny), got)
		}
		out := mustCalendar(t, testOpts, []*posts.Session{{Post: post, Start: tt.start.In(ny), End: tt.start.Add(2 * time.Hour).In(ny)}}, nil)
		if !bytes.Contains(out.Calendar, []byte("\r\n"+tt.want+"\r\n")) {
			t.Errorf("%v: no %s in\n%s", tt.start, tt.want, out.Calendar)
		}
	}
}

// FuzzEscapeText: escapeText, with its shortcut for values that need no
// change, writes what the plain definition does: invalid UTF-8 and control
// characters but newline and tab dropped, then backslash, semicolon, comma
// and newline escaped. cleanValue likewise keeps only tab; cleanName keeps
// ALPHA, DIGIT and "-", upper-cased.
func FuzzEscapeText(f *testing.F) {
	for _, seed := range []string{"", "DTSTART", "X-wr-CALNAME", "plain text", "a;b,c\\d", "line\nbreak\r\n", "tab\there", "\x00\x1f\x7f\u0085\u009f", "caf\xc3", "Zürich 🗓"} {
		f.Add(seed)
	}
	drop := func(s, keep string) string {
		return strings.Map(func(r rune) rune {
			if unicode.IsControl(r) && !strings.ContainsRune(keep, r) {
				return -1
			}
			return r
		}, strings.ToValidUTF8(s, ""))
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\n", `\n`).Replace(drop(s, "\n\t"))
		if got := escapeText(s); got != want {
			t.Errorf("escapeText(%q) = %q, want %q", s, got, want)
		}
		if got, want := cleanValue(s), drop(s, "\t"); got != want {
			t.Errorf("cleanValue(%q) = %q, want %q", s, got, want)
		}
		var name []byte // byte by byte: a rune past ASCII is bytes past it
		for _, c := range []byte(s) {
			if 'a' <= c && c <= 'z' {
				c -= 'a' - 'A'
			}
			if 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' {
				name = append(name, c)
			}
		}
		if got := cleanName(s); got != string(name) {
			t.Errorf("cleanName(%q) = %q, want %q", s, got, name)
		}
	})
}
