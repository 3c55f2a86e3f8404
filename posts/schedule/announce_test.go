package schedule

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/sessionfeed/sessionfeed/posts/timeexpr"
)

// The announcement corpus (testdata/announcements/*.txt) is a few hundred
// excerpts of posts written the way community, project and working-group
// blogs and mailing lists announce sessions, each with the sessions a
// careful reader finds in it, or none. A case is:
//
//	=== name
//	post: 2023-03-02T09:00:00Z      the post's date
//	zone: Europe/Berlin             the site's zone (optional)
//	title: …                        the post's title (optional)
//	want: 2023-03-03T15:00:00Z      a timed session (UTC start[/end])
//	want: 2023-02-10                an all-day session ("a..b" for several days)
//	want: none                      no session at all
//	topic: community meeting        words the session's title must hold (optional, one per want)
//	# a comment
//	---
//	the body, up to the next "=== " line
type announcement struct {
	file, name string
	line       int
	post       time.Time
	zone       *time.Location
	title      string
	want       []string
	topics     []string
	body       string
}

var showAnnouncements = flag.Bool("announcements", false, "print every announcement case's result")

func readAnnouncements(t *testing.T) []announcement {
	t.Helper()
	files, err := filepath.Glob("testdata/announcements/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no announcement corpus: %v", err)
	}
	var cases []announcement
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(string(data), "\n")
		for i := 0; i < len(lines); i++ {
			if !strings.HasPrefix(lines[i], "=== ") {
				continue
			}
			c := announcement{file: filepath.Base(f), name: strings.TrimPrefix(lines[i], "=== "), line: i + 1}
			i++
			for ; i < len(lines) && lines[i] != "---"; i++ {
				key, val, _ := strings.Cut(lines[i], ":")
				val = strings.TrimSpace(val)
				switch key {
				case "post":
					if c.post, err = time.Parse(time.RFC3339, val); err != nil {
						t.Fatalf("%s:%d: %v", f, i+1, err)
					}
				case "zone":
					if c.zone, err = time.LoadLocation(val); err != nil {
						t.Fatalf("%s:%d: %v", f, i+1, err)
					}
				case "title":
					c.title = val
				case "want":
					if val != "none" {
						c.want = append(c.want, val)
					}
				case "topic":
					c.topics = append(c.topics, val)
				default:
					if !strings.HasPrefix(lines[i], "#") && strings.TrimSpace(lines[i]) != "" {
						t.Fatalf("%s:%d: unknown header %q", f, i+1, lines[i])
					}
				}
			}
			var body []string
			for i++; i < len(lines) && !strings.HasPrefix(lines[i], "=== "); i++ {
				body = append(body, lines[i])
			}
			i--
			c.body = strings.TrimRight(strings.Join(body, "\n"), "\n") + "\n"
			if c.zone != nil {
				c.post = c.post.In(c.zone)
			}
			cases = append(cases, c)
		}
	}
	return cases
}

// wantForm is an entry as the corpus writes it, with the end only where the
// case states one.
func wantForm(e Entry, withEnd bool) string {
	if e.When.DateOnly {
		first := e.When.Start.Format("2006-01-02")
		last := e.When.End.AddDate(0, 0, -1)
		if e.When.End.IsZero() || !last.After(e.When.Start) {
			return first
		}
		return first + ".." + last.Format("2006-01-02")
	}
	s := e.When.Start.UTC().Format(time.RFC3339)
	if withEnd && !e.When.End.IsZero() {
		s += "/" + e.When.End.UTC().Format(time.RFC3339)
	}
	return s
}

// TestAnnouncements reads the corpus. Every case must come out exactly:
// the sessions at their instants, in order, with their topics, and nothing
// from the cases that announce none; except the cases listed in
// testdata/announcements/known-misses, forms the reader does not read yet,
// which must keep failing until they are removed from the list (so the list
// only shrinks, and says what is left to do).
func TestAnnouncements(t *testing.T) {
	zones, err := timeexpr.NewZones(nil)
	if err != nil {
		t.Fatal(err)
	}
	known := map[string]bool{}
	if data, err := os.ReadFile("testdata/announcements/known-misses"); err == nil {
		for _, line := range strings.Split(string(data), "\n") {
			if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
				known[line] = true
			}
		}
	}
	var sessions, found, nonSessions, stray, failed int
	for _, c := range readAnnouncements(t) {
		res := Scan([]byte(c.body), Options{Post: c.post, Location: c.zone, Zones: zones, Title: c.title})
		entries, diags := res.Entries, res.Diagnostics
		var got []string
		for i, e := range entries {
			withEnd := i < len(c.want) && strings.Contains(c.want[i], "/")
			got = append(got, wantForm(e, withEnd))
		}
		ok := slices.Equal(got, c.want)
		for i, topic := range c.topics {
			if ok && i < len(entries) && !strings.Contains(strings.ToLower(entries[i].Topic), strings.ToLower(topic)) {
				ok = false
				got = append(got, fmt.Sprintf("topic %q", entries[i].Topic))
			}
		}
		if len(c.want) == 0 {
			nonSessions++
			stray += len(entries)
		} else {
			sessions++
			if ok {
				found++
			}
		}
		report := t.Errorf
		if known[c.name] {
			report = t.Logf // a miss we know of: see known-misses
			if ok {
				t.Errorf("%s: now read right: remove it from testdata/announcements/known-misses", c.name)
			}
		}
		if !ok {
			failed++
			report("%s:%d: %s: got %q, want %q", c.file, c.line, c.name, got, c.want)
			for _, d := range diags {
				t.Logf("\t%s", describeDiag(d))
			}
			for _, rj := range res.Rejected {
				t.Logf("\trejected %d %q: %s", rj.Line, rj.Text, rj.Reason)
			}
		} else if *showAnnouncements {
			t.Logf("%s: ok %q", c.name, got)
		}
	}
	t.Logf("announcements: %d/%d read exactly; %d stray entries from %d cases that announce none", found, sessions, stray, nonSessions)
}

// TestCarefulReadings: where the text can be read two ways, the reader
// takes the one a careful person would, and says so.
func TestCarefulReadings(t *testing.T) {
	zones, err := timeexpr.NewZones(nil)
	if err != nil {
		t.Fatal(err)
	}
	dublin, _ := time.LoadLocation("Europe/Dublin")
	shanghai, _ := time.LoadLocation("Asia/Shanghai")
	tests := []struct {
		name, body string
		post       time.Time
		loc        *time.Location
		want       string // UTC start
		warn       string
	}{
		{"tomorrow in a post published late", "The community call is tomorrow at 15:00 UTC.\n",
			time.Date(2023, 3, 2, 23, 30, 0, 0, time.UTC), nil, "2023-03-03T15:00:00Z",
			`"tomorrow" in a post published at 23:30 UTC: read from the post's date, 2023-03-02`},
		{"IST on a site in Dublin", "Meetup on 2023-07-13 at 18:30 IST at the office.\n",
			time.Date(2023, 7, 6, 9, 0, 0, 0, dublin), dublin, "2023-07-13T17:30:00Z", "IST read as Europe/Dublin"},
		{"CST on a site in Shanghai", "The sync is on 2024-05-08 at 10:00 CST.\n",
			time.Date(2024, 5, 1, 9, 0, 0, 0, shanghai), shanghai, "2024-05-08T02:00:00Z", "CST read as Asia/Shanghai"},
		{"a weekday that contradicts its date", "The design review is on Wednesday, 2024-03-14 at 16:00 UTC.\n",
			time.Date(2024, 3, 7, 9, 0, 0, 0, time.UTC), nil, "2024-03-14T16:00:00Z", "weekday Wednesday does not match March 14, 2024"},
		{"a year typo in an upcoming date", "The next meeting is on Friday, 2023-01-12 at 17:00 UTC.\n",
			time.Date(2023, 12, 20, 9, 0, 0, 0, time.UTC), nil, "2024-01-12T17:00:00Z", "a year typo?"},
	}
	for _, tt := range tests {
		res := Scan([]byte(tt.body), Options{Post: tt.post, Location: tt.loc, Zones: zones})
		if len(res.Entries) != 1 || res.Entries[0].When.Start.UTC().Format(time.RFC3339) != tt.want {
			t.Errorf("%s: got %v, want one session at %s", tt.name, res.Entries, tt.want)
			continue
		}
		found := false
		for _, d := range res.Diagnostics {
			found = found || strings.Contains(d.Message, tt.warn)
		}
		for _, w := range res.Entries[0].When.Warnings {
			found = found || strings.Contains(w, tt.warn)
		}
		if !found {
			t.Errorf("%s: no warning %q in %v", tt.name, tt.warn, res.Diagnostics)
		}
	}
}

// FuzzAnnouncements reads hostile bodies and titles the way the corpus
// cases are read, and checks what a subscriber relies on: no session before
// the post's day, topics that are titles (short, no leading punctuation, no
// line breaks), the same result twice.
func FuzzAnnouncements(f *testing.F) {
	files, _ := filepath.Glob("testdata/announcements/*.txt")
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			continue
		}
		for _, c := range strings.Split(string(data), "\n=== ") {
			title, body, _ := strings.Cut(c, "\n---\n")
			if i := strings.Index(title, "title: "); i >= 0 {
				title, _, _ = strings.Cut(title[i+7:], "\n")
			} else {
				title = ""
			}
			f.Add(title, body)
		}
	}
	zones, err := timeexpr.NewZones(nil)
	if err != nil {
		f.Fatal(err)
	}
	post := time.Date(2023, 3, 2, 9, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, title, body string) {
		opts := Options{Post: post, Zones: zones, Title: title}
		res := Scan([]byte(body), opts)
		again := Scan([]byte(body), opts)
		if fmt.Sprint(res) != fmt.Sprint(again) {
			t.Fatalf("two reads differ")
		}
		day := time.Date(2023, 3, 2, 0, 0, 0, 0, time.UTC)
		for _, e := range res.Entries {
			if e.Form == "sentence" || e.Form == "title" || e.Form == "heading" {
				if e.When.Start.Before(day.Add(-14 * time.Hour)) {
					t.Fatalf("%s session %q at %v, before the post's day", e.Form, e.Text, e.When.Start)
				}
			}
			if len(e.Topic) > maxTopic+len("…") || strings.ContainsAny(e.Topic, "\n\r") {
				t.Fatalf("topic %q is no title", e.Topic)
			}
			if r, _ := utf8.DecodeRuneInString(e.Topic); e.Topic != "" && unicode.IsPunct(r) && !strings.ContainsRune(`"'(¿¡#@`, r) {
				t.Fatalf("topic %q opens with punctuation", e.Topic)
			}
		}
	})
}
