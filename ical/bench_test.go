package ical

import (
	"fmt"
	"testing"
	"time"

	"github.com/sessionfeed/sessionfeed/posts"
)

// benchSessions is a site's worth: 1,000 sessions from 100 posts over two
// years, in five zones.
func benchSessions(b *testing.B) []*posts.Session {
	zones := []string{"America/New_York", "Europe/Berlin", "Asia/Kolkata", "Australia/Sydney", "UTC"}
	var ss []*posts.Session
	for p := range 100 {
		post := &posts.Post{
			Source: fmt.Sprintf("content/post-%d.md", p), Title: fmt.Sprintf("Post %d", p),
			URL:     fmt.Sprintf("https://blog.example.org/2021/post-%d/", p),
			Date:    time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, 7*p),
			Updated: time.Date(2021, 1, 2, 0, 0, 0, 0, time.UTC).AddDate(0, 0, 7*p),
			Tags:    []string{"sessions", "rust"},
		}
		loc := mustZone(b, zones[p%len(zones)])
		for s := range 10 {
			start := time.Date(2021, 1, 4, 15, 0, 0, 0, loc).AddDate(0, 0, 7*p+s)
			ss = append(ss, &posts.Session{
				Post: post, Start: start, End: start.Add(time.Hour), Line: 10 + s,
				Topic: fmt.Sprintf("Topic %d of post %d, with a title long enough to fold", s, p),
				Host:  "Someone", Links: []posts.Link{{Text: "notes", URL: "https://example.org/notes"}},
			})
		}
	}
	return ss
}

func BenchmarkCalendar(b *testing.B) {
	sessions := benchSessions(b)
	first, err := Calendar(testOpts, sessions, nil)
	if err != nil {
		b.Fatal(err)
	}
	for _, bb := range []struct {
		name     string
		previous []byte
	}{
		{"fresh", nil},
		{"previous", first.Calendar}, // the usual run: last output as previous
	} {
		b.Run(bb.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Calendar(testOpts, sessions, readPrevious(bb.previous)); err != nil {
					b.Fatal(err)
				}
			}
			b.SetBytes(int64(len(first.Calendar)))
		})
	}
}
