package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/sessionfeed/sessionfeed/ical"
	"github.com/sessionfeed/sessionfeed/posts"
	"github.com/sessionfeed/sessionfeed/posts/inputs"
)

func mustLoad(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// TestSessionsData checks the add-to-calendar data: the links carry the
// exact UTC times (dates with an exclusive end, and no ctz, for all-day
// sessions), upcoming sessions come first, and a removed session is there
// as cancelled, without add links.
func TestSessionsData(t *testing.T) {
	cfg := &Config{Title: "t", BaseURL: "https://example.org/blog/"}
	cfg.defaults()
	ny := mustLoad(t, "America/New_York")
	p := &posts.Post{Source: "a.md", Title: "Sessions & more", URL: "https://example.org/blog/a/", Date: time.Date(2021, 4, 1, 0, 0, 0, 0, time.UTC)}
	timed := &posts.Session{Post: p, Start: time.Date(2021, 4, 8, 7, 0, 0, 0, ny), End: time.Date(2021, 4, 8, 8, 30, 0, 0, ny), Topic: "Async traits", Host: "Ryan", Line: 3}
	allDay := &posts.Session{Post: p, Start: time.Date(2021, 4, 10, 0, 0, 0, 0, ny), End: time.Date(2021, 4, 12, 0, 0, 0, 0, ny), AllDay: true, Topic: "Hackathon", Line: 4}
	past := &posts.Session{Post: p, Start: time.Date(2021, 4, 2, 7, 0, 0, 0, time.UTC), End: time.Date(2021, 4, 2, 8, 0, 0, 0, time.UTC), Topic: "Kick-off", Line: 2}
	gone := &posts.Session{Post: p, Start: time.Date(2021, 4, 9, 7, 0, 0, 0, time.UTC), End: time.Date(2021, 4, 9, 8, 0, 0, 0, time.UTC), Topic: "Gone", Line: 5}
	opts := ical.Options{URL: cfg.BaseURL}
	first, err := ical.Calendar(opts, []*posts.Session{timed, allDay, past, gone}, nil)
	if err != nil {
		t.Fatal(err)
	}
	cal, err := ical.Calendar(opts, []*posts.Session{timed, allDay, past}, ical.ReadPrevious(bytes.NewReader(first.Calendar), "calendar.ics", ical.Limits{}))
	if err != nil {
		t.Fatal(err)
	}
	data := sessionsData(cfg, cal, inputs.NewClock(time.Date(2021, 4, 5, 0, 0, 0, 0, time.UTC)))
	var topics []string
	for _, s := range data.Sessions {
		topics = append(topics, s.Topic+"/"+s.Status)
	}
	if len(data.Sessions) != 4 || data.Sessions[0].Topic != "Async traits" || data.Sessions[1].Status != "cancelled" ||
		data.Sessions[2].Topic != "Hackathon" || data.Sessions[3].Topic != "Kick-off" || data.Sessions[3].Upcoming {
		t.Fatalf("order: %q", topics)
	}
	if data.Subscribe != "webcal://example.org/blog/calendar.ics" || data.Calendar != "https://example.org/blog/calendar.ics" {
		t.Errorf("calendar links %q %q", data.Calendar, data.Subscribe)
	}

	s := data.Sessions[0]
	if s.StartUTC != "2021-04-08T11:00:00Z" || s.EndUTC != "2021-04-08T12:30:00Z" || s.Start != "2021-04-08T07:00:00-04:00" || s.Zone != "America/New_York" {
		t.Errorf("times %q %q %q %q", s.StartUTC, s.EndUTC, s.Start, s.Zone)
	}
	if s.ICS != "https://example.org/blog/sessions/"+cal.Files[timed] {
		t.Errorf("ics_url %q, file %q", s.ICS, cal.Files[timed])
	}
	g := query(t, s.Google, "https://calendar.google.com/calendar/render")
	if g.Get("action") != "TEMPLATE" || g.Get("dates") != "20210408T110000Z/20210408T123000Z" || g.Get("ctz") != "America/New_York" || g.Get("text") != "Async traits (Ryan)" {
		t.Errorf("Google link %s", s.Google)
	}
	o := query(t, s.Outlook, "https://outlook.live.com/calendar/0/deeplink/compose")
	if o.Get("rru") != "addevent" || o.Get("startdt") != "2021-04-08T11:00:00Z" || o.Get("enddt") != "2021-04-08T12:30:00Z" || o.Has("allday") || o.Get("subject") != "Async traits (Ryan)" {
		t.Errorf("Outlook link %s", s.Outlook)
	}

	d := data.Sessions[2]
	if !d.AllDay || d.Start != "2021-04-10" || d.End != "2021-04-12" {
		t.Errorf("all-day %+v", d)
	}
	g = query(t, d.Google, "https://calendar.google.com/calendar/render")
	if g.Get("dates") != "20210410/20210412" || g.Has("ctz") {
		t.Errorf("all-day Google link %s", d.Google)
	}
	o = query(t, d.Outlook, "https://outlook.live.com/calendar/0/deeplink/compose")
	if o.Get("startdt") != "2021-04-10" || o.Get("enddt") != "2021-04-12" || o.Get("allday") != "true" {
		t.Errorf("all-day Outlook link %s", d.Outlook)
	}

	c := data.Sessions[1]
	if c.Google != "" || c.Outlook != "" || c.ICS == "" || c.StartUTC != "2021-04-09T07:00:00Z" {
		t.Errorf("cancelled %+v", c)
	}

	// The same input and reference time give the same bytes.
	a, _ := marshalSessions(data)
	b, _ := marshalSessions(sessionsData(cfg, cal, inputs.NewClock(time.Date(2021, 4, 5, 0, 0, 0, 0, time.UTC))))
	if string(a) != string(b) {
		t.Error("sessions.json differs between two runs")
	}
	var back map[string]any
	if err := json.Unmarshal(a, &back); err != nil {
		t.Fatal(err)
	}
}

func query(t *testing.T, link, base string) url.Values {
	t.Helper()
	u, err := url.Parse(link)
	if err != nil {
		t.Fatalf("%s: %v", link, err)
	}
	if got := u.Scheme + "://" + u.Host + u.Path; got != base {
		t.Errorf("%s: base %s, want %s", link, got, base)
	}
	return u.Query()
}

// TestMarshalSessionsAsEncodingJSON: sessions.json, written a session at a
// time, is what encoding/json writes of the whole.
func TestMarshalSessionsAsEncodingJSON(t *testing.T) {
	entry := func(i int) sessionEntry {
		e := sessionEntry{UID: fmt.Sprintf("u%d@example.org", i), Status: "confirmed", Upcoming: i%2 == 0,
			Title: "Q&A <live> \u2028 \"quoted\"", Topic: "café", Start: "2026-01-01T10:00:00+01:00", AllDay: i%3 == 0,
			PostURL: "https://example.org/a?b=1&c=2", Google: "https://calendar.google.com/?x=<y>"}
		if i%4 == 1 {
			e.Status, e.Google, e.Outlook = "cancelled", "", ""
		}
		return e
	}
	for _, n := range []int{-1, 0, 1, 2, 7} {
		f := &sessionsFile{Title: "T & <t>", Calendar: "https://example.org/calendar.ics", Subscribe: "webcal://example.org/calendar.ics"}
		if n >= 0 {
			f.Sessions = []sessionEntry{}
		}
		for i := range n {
			f.Sessions = append(f.Sessions, entry(i))
		}
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(f); err != nil {
			t.Fatal(err)
		}
		got, err := marshalSessions(f)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want.Bytes()) {
			t.Errorf("%d sessions:\n got %s\nwant %s", n, got, want.Bytes())
		}
	}
}

// TestLinkQuery: a link's values are escaped as url.QueryEscape does, but
// for spaces (%20), "/" and ":" (as they are): the oracle is that spelled
// with the standard library.
func TestLinkQuery(t *testing.T) {
	oracle := strings.NewReplacer("+", "%20", "%2F", "/", "%3A", ":")
	values := []string{"", "plain", "a b+c", "50%2F off", "%3A", "10:00/11:00", "Zürich 🗓", "a&b=c?d#e", "\r\n\t\x00\xff"}
	var all []byte
	for c := range 256 {
		all = append(all, byte(c))
	}
	values = append(values, string(all))
	rng := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		b := make([]byte, rng.IntN(12))
		for i := range b {
			const pieces = "a /:+%2FA3é\x00&="
			b[i] = pieces[rng.IntN(len(pieces))]
		}
		values = append(values, string(b))
	}
	for _, v := range values {
		q := link("https://example.org/x")
		q.add("k", v)
		q.add("j", "1")
		want := "https://example.org/x?k=" + oracle.Replace(url.QueryEscape(v)) + "&j=1"
		if q.String() != want {
			t.Fatalf("%q: got %s, want %s", v, q.String(), want)
		}
	}
}

// FuzzAppendIndented: for any JSON that encoding/json could have written
// (compacted), appendIndented writes what json.Indent does.
func FuzzAppendIndented(f *testing.F) {
	for _, seed := range []string{
		`{}`, `[]`, `{"a":[],"b":{},"c":[1,2,{"d":"e\"f\\"}],"g":null}`, `"x"`, `[[[]]]`,
		`{"s":"a,b:c{d}[e]\u2028"}`, `{"": [true, false, -1.5e3]}`,
	} {
		f.Add([]byte(seed), "    ")
	}
	f.Fuzz(func(t *testing.T, src []byte, prefix string) {
		if !json.Valid(src) {
			return
		}
		var compact, want bytes.Buffer
		if err := json.Compact(&compact, src); err != nil {
			t.Fatal(err)
		}
		if err := json.Indent(&want, compact.Bytes(), prefix, "  "); err != nil {
			t.Fatal(err)
		}
		if got := appendIndented([]byte("x"), compact.Bytes(), prefix); !bytes.Equal(got[1:], want.Bytes()) {
			t.Fatalf("appendIndented(%q, %q):\n%s\nwant\n%s", compact.Bytes(), prefix, got[1:], want.Bytes())
		}
	})
}
