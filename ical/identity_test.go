package ical

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/sessionfeed/sessionfeed/posts"
	"github.com/sessionfeed/sessionfeed/posts/diag"
)

// weekly is a post with three sessions, at 10:00 UTC on three Thursdays.
func weekly(url string) []*posts.Session {
	p := &posts.Post{
		Source: "content/2021-04-01-weekly.md", Title: "Weekly syncs",
		Date: time.Date(2021, 4, 1, 0, 0, 0, 0, time.UTC), URL: url,
	}
	var ss []*posts.Session
	for i, topic := range []string{"Planning", "Review", "Retro"} {
		start := time.Date(2021, 4, 8+7*i, 10, 0, 0, 0, time.UTC)
		ss = append(ss, &posts.Session{Post: p, Start: start, End: start.Add(time.Hour), Topic: topic, Line: 10 + i})
	}
	return ss
}

const weeklyURL = "https://blog.example.org/2021/04/01/weekly/"

// events lists the UID, SEQUENCE, STATUS and DTSTART of every event of out.
func events(t *testing.T, out *Output) map[string]string {
	t.Helper()
	m := map[string]string{}
	for uid, ev := range eventBlocks(t, out.Calendar) {
		m[uid] = fmt.Sprintf("%s %s %s %s", ev.n.get("SEQUENCE"), ev.n.get("STATUS"), ev.n.get("DTSTART"), unescapeText(ev.n.get("SUMMARY")))
	}
	return m
}

func TestIdentity(t *testing.T) {
	v0 := mustCalendar(t, testOpts, weekly(weeklyURL), nil)
	before := events(t, v0)
	uidOf := map[string]string{}
	for uid, ev := range before {
		uidOf[ev[strings.LastIndex(ev, " ")+1:]] = uid
	}

	for _, tt := range []struct {
		name string
		edit func([]*posts.Session) []*posts.Session
		opts func(*Options)
		want map[string]string // topic → "SEQUENCE STATUS DTSTART" of the event with that topic's old UID
		new  int               // events with new UIDs
		warn string            // in a warning
	}{
		{
			name: "nothing changed",
			edit: func(ss []*posts.Session) []*posts.Session { return ss },
			want: map[string]string{"Planning": "0 CONFIRMED 20210408T100000Z", "Review": "0 CONFIRMED 20210415T100000Z"},
		},
		{
			name: "a session moved to another hour",
			edit: func(ss []*posts.Session) []*posts.Session {
				ss[1].Start, ss[1].End = ss[1].Start.Add(2*time.Hour), ss[1].End.Add(2*time.Hour)
				return ss
			},
			want: map[string]string{"Review": "1 CONFIRMED 20210415T120000Z", "Planning": "0 CONFIRMED 20210408T100000Z"},
		},
		{
			name: "a session moved to another day and retitled",
			edit: func(ss []*posts.Session) []*posts.Session {
				ss[2].Start, ss[2].End = ss[2].Start.AddDate(0, 0, 1), ss[2].End.AddDate(0, 0, 1)
				ss[2].Topic = "Retrospective"
				return ss
			},
			want: map[string]string{"Retro": "1 CONFIRMED 20210423T100000Z"},
		},
		{
			name: "every session an hour later",
			edit: func(ss []*posts.Session) []*posts.Session {
				for _, s := range ss {
					s.Start, s.End = s.Start.Add(time.Hour), s.End.Add(time.Hour)
				}
				return ss
			},
			want: map[string]string{"Planning": "1 CONFIRMED 20210408T110000Z", "Review": "1 CONFIRMED 20210415T110000Z", "Retro": "1 CONFIRMED 20210422T110000Z"},
		},
		{
			name: "the post renamed, its old URL an alias",
			edit: func(ss []*posts.Session) []*posts.Session {
				ss[0].Post.URL = "https://blog.example.org/weekly-syncs/"
				ss[0].Post.Aliases = []string{weeklyURL}
				return ss
			},
			want: map[string]string{"Planning": "1 CONFIRMED 20210408T100000Z", "Retro": "1 CONFIRMED 20210422T100000Z"},
		},
		{
			name: "the post renamed and a session moved",
			edit: func(ss []*posts.Session) []*posts.Session {
				ss[0].Post.URL = "https://blog.example.org/weekly-syncs/"
				ss[0].Post.Aliases = []string{weeklyURL}
				ss[0].Start, ss[0].End = ss[0].Start.Add(time.Hour), ss[0].End.Add(time.Hour)
				return ss
			},
			want: map[string]string{"Planning": "1 CONFIRMED 20210408T110000Z", "Review": "1 CONFIRMED 20210415T100000Z"},
		},
		{
			name: "base_url moved to another domain",
			edit: func(ss []*posts.Session) []*posts.Session {
				ss[0].Post.URL = strings.Replace(weeklyURL, "blog.example.org", "example.net", 1)
				return ss
			},
			opts: func(o *Options) { o.URL = "https://example.net/" },
			want: map[string]string{"Planning": "1 CONFIRMED 20210408T100000Z", "Retro": "1 CONFIRMED 20210422T100000Z"},
			warn: "base_url changed",
		},
		{
			name: "the permalink pattern changed, no alias",
			edit: func(ss []*posts.Session) []*posts.Session {
				ss[0].Post.URL = "https://blog.example.org/posts/weekly/"
				return ss
			},
			want: map[string]string{"Planning": "1 CONFIRMED 20210408T100000Z", "Retro": "1 CONFIRMED 20210422T100000Z"},
		},
		{
			name: "base_url's path changed, no alias",
			edit: func(ss []*posts.Session) []*posts.Session {
				ss[0].Post.URL = "https://blog.example.org/blog/2021/04/01/weekly/"
				return ss
			},
			opts: func(o *Options) { o.URL = "https://blog.example.org/blog/" },
			want: map[string]string{"Planning": "1 CONFIRMED 20210408T100000Z", "Review": "1 CONFIRMED 20210415T100000Z"},
		},
		{
			name: "the post deleted, another of the same slug published",
			edit: func(ss []*posts.Session) []*posts.Session {
				p := *ss[0].Post
				p.URL, p.Source = "https://blog.example.org/2022/01/01/weekly/", "content/2022-01-01-weekly.md"
				s := &posts.Session{Post: &p, Start: time.Date(2022, 1, 6, 10, 0, 0, 0, time.UTC), Topic: "Planning", Line: 10}
				s.End = s.Start.Add(time.Hour)
				return []*posts.Session{s}
			},
			want: map[string]string{"Planning": "1 CANCELLED 20210408T100000Z", "Retro": "1 CANCELLED 20210422T100000Z"},
			new:  1,
			warn: "cancelled: their post https://blog.example.org/2021/04/01/weekly/ is no longer published",
		},
		{
			name: "the post renamed without an alias",
			edit: func(ss []*posts.Session) []*posts.Session {
				ss[0].Post.URL = "https://blog.example.org/weekly-syncs/"
				return ss
			},
			want: map[string]string{"Planning": "1 CANCELLED 20210408T100000Z"},
			new:  3,
			warn: "list its old URL in its aliases",
		},
		{
			name: "a session removed",
			edit: func(ss []*posts.Session) []*posts.Session { return ss[:2] },
			want: map[string]string{"Retro": "1 CANCELLED 20210422T100000Z", "Review": "0 CONFIRMED 20210415T100000Z"},
		},
		{
			name: "the post could not be read",
			edit: func(ss []*posts.Session) []*posts.Session { return nil },
			opts: func(o *Options) { o.Failed = []string{"content/2021-04-01-weekly.md"} },
			want: map[string]string{"Planning": "0 CONFIRMED 20210408T100000Z", "Review": "0 CONFIRMED 20210415T100000Z", "Retro": "0 CONFIRMED 20210422T100000Z"},
			warn: "kept as they were",
		},
		{
			name: "an entry of the post could not be read",
			edit: func(ss []*posts.Session) []*posts.Session { return ss[:2] },
			opts: func(o *Options) { o.Incomplete = []string{"content/2021-04-01-weekly.md"} },
			want: map[string]string{"Retro": "0 CONFIRMED 20210422T100000Z"},
			warn: "some entries of this post could not be read",
		},
		{
			name: "an entry could not be read and another was added",
			edit: func(ss []*posts.Session) []*posts.Session {
				ss[2].Topic, ss[2].Start, ss[2].End = "New", ss[2].Start.AddDate(0, 0, 7), ss[2].End.AddDate(0, 0, 7)
				return ss
			},
			opts: func(o *Options) { o.Incomplete = []string{"content/2021-04-01-weekly.md"} },
			want: map[string]string{"Retro": "0 CONFIRMED 20210422T100000Z"},
			new:  1,
			warn: "some entries of this post could not be read",
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			opts := testOpts
			if tt.opts != nil {
				tt.opts(&opts)
			}
			ss := tt.edit(weekly(weeklyURL))
			out := mustCalendar(t, opts, ss, v0.Calendar)
			after := events(t, out)
			for topic, want := range tt.want {
				got, ok := after[uidOf[topic]]
				if !ok || !strings.HasPrefix(got, want+" ") {
					t.Errorf("%s (%s): %q, want %q", topic, uidOf[topic], got, want)
				}
			}
			if n := len(after) - len(before); n != tt.new {
				t.Errorf("%d new events, want %d: %v", n, tt.new, after)
			}
			if !strings.Contains(fmt.Sprint(out.Diagnostics), tt.warn) {
				t.Errorf("no warning says %q: %v", tt.warn, out.Diagnostics)
			}
			if tt.warn == "" && len(out.Diagnostics) > 0 {
				t.Errorf("diagnostics: %v", out.Diagnostics)
			}
			// The next run from this calendar changes nothing.
			again := mustCalendar(t, opts, tt.edit(weekly(weeklyURL)), out.Calendar)
			if !bytes.Equal(again.Calendar, out.Calendar) {
				t.Errorf("a second run changed the calendar:\n%s\nwas\n%s", again.Calendar, out.Calendar)
			}
		})
	}
}

// TestCarriedOverBytes: the events of a post that could not be read are
// written byte for byte as before.
func TestCarriedOverBytes(t *testing.T) {
	v0 := mustCalendar(t, testOpts, fixture(t), nil)
	opts := testOpts
	opts.Failed = []string{"content/2021-04-07-async-vision-doc-writing-sessions-iv.md"}
	var rest []*posts.Session
	for _, s := range fixture(t) {
		if strings.Contains(s.Post.Source, "office-hours") {
			rest = append(rest, s)
		}
	}
	out := mustCalendar(t, opts, rest, v0.Calendar)
	if !bytes.Equal(out.Calendar, v0.Calendar) {
		t.Errorf("calendar changed:\n%s", out.Calendar)
	}
	if diag.Errors(out.Diagnostics) != 0 {
		t.Errorf("errors: %v", out.Diagnostics)
	}
}

func TestExplicitUID(t *testing.T) {
	ss := weekly(weeklyURL)
	ss[0].UID = "kickoff"
	v0 := mustCalendar(t, testOpts, ss, nil)
	var uid string
	for u := range events(t, v0) {
		if strings.HasPrefix(u, explicitPrefix) {
			uid = u
		}
	}
	if uid == "" || !ourUID(uid) {
		t.Fatalf("no explicit UID of our form: %v", events(t, v0))
	}
	// Renamed without alias, and moved: the uid keeps it.
	moved := weekly("https://blog.example.org/elsewhere/")
	moved[0].UID = "kickoff"
	moved[0].Start = moved[0].Start.AddDate(0, 1, 0)
	moved[0].End = moved[0].Start.Add(time.Hour)
	out := mustCalendar(t, testOpts, moved, v0.Calendar)
	if got := events(t, out)[uid]; !strings.HasPrefix(got, "1 CONFIRMED 20210508T100000Z") {
		t.Errorf("%s: %q", uid, got)
	}
}

func TestSafeURLs(t *testing.T) {
	for _, tt := range []struct {
		in, want string
		ok       bool
	}{
		{"https://meet.example.org/x", "https://meet.example.org/x", true},
		{"http://example.org", "http://example.org", true},
		{"mailto:team@example.org", "mailto:team@example.org", true},
		{"/other/post/", "https://blog.example.org/other/post/", true},
		{"notes.html", "https://blog.example.org/2021/04/01/weekly/notes.html", true},
		{"//evil.example/x", "https://evil.example/x", true},
		{"javascript:alert(1)", "", false},
		{"JavaScript:alert(1)", "", false},
		{"data:text/html,<script>", "", false},
		{"vbscript:x", "", false},
		{"file:///etc/passwd", "", false},
		{"mailto:", "", false},
		{"https://", "", false},
		{"https://x.example/\r\nX-EVIL:1", "", false},
		{"", "", false},
	} {
		got, ok := safeURL(tt.in, weeklyURL)
		if got != tt.want || ok != tt.ok {
			t.Errorf("safeURL(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
	ss := weekly(weeklyURL)
	ss[0].URL = "javascript:alert(1)"
	ss[1].Links = []posts.Link{{Text: "evil", URL: "javascript:alert(2)"}, {Text: "notes", URL: "/notes/"}}
	out := mustCalendar(t, testOpts, ss, nil)
	if bytes.Contains(bytes.ToLower(out.Calendar), []byte("javascript")) {
		t.Errorf("javascript: reached the calendar:\n%s", out.Calendar)
	}
	if !bytes.Contains(out.Calendar, []byte("notes: https://blog.example.org/notes/")) {
		t.Errorf("a relative link was not made absolute:\n%s", out.Calendar)
	}
	if n := len(out.Diagnostics); n != 2 {
		t.Errorf("diagnostics %v, want 2 warnings", out.Diagnostics)
	}
}
