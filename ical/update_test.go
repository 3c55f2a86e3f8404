package ical

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/sessionfeed/sessionfeed/posts"
	"github.com/sessionfeed/sessionfeed/posts/diag"
)

// eventBlocks maps each UID of a calendar to its VEVENT, as written and as
// parsed.
func eventBlocks(t *testing.T, data []byte) map[string]struct {
	text string
	n    *node
} {
	t.Helper()
	m := map[string]struct {
		text string
		n    *node
	}{}
	rest := string(data)
	for {
		i := strings.Index(rest, "BEGIN:VEVENT\r\n")
		if i < 0 {
			break
		}
		j := strings.Index(rest, "END:VEVENT\r\n") + len("END:VEVENT\r\n")
		block := rest[i:j]
		root, errs := parseICS([]byte("BEGIN:VCALENDAR\r\n" + block + "END:VCALENDAR\r\n"))
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		ev := root.sub("VEVENT")[0]
		m[ev.get("UID")] = struct {
			text string
			n    *node
		}{block, ev}
		rest = rest[j:]
	}
	return m
}

// clone copies sessions and their posts, so that a test step can edit them.
func clone(ss []*posts.Session) []*posts.Session {
	postCopies := map[*posts.Post]*posts.Post{}
	out := make([]*posts.Session, len(ss))
	for i, s := range ss {
		c := *s
		if postCopies[s.Post] == nil {
			p := *s.Post
			postCopies[s.Post] = &p
		}
		c.Post = postCopies[s.Post]
		out[i] = &c
	}
	return out
}

func TestUpdates(t *testing.T) {
	opts := testOpts
	opts.Now = time.Date(2021, 4, 20, 0, 0, 0, 0, time.UTC)
	base := fixture(t)
	v0 := mustCalendar(t, opts, base, nil)
	uids := eventBlocks(t, v0.Calendar)
	uidOf := func(out *Output, summary string) string {
		t.Helper()
		for uid, ev := range eventBlocks(t, out.Calendar) {
			if unescapeText(ev.n.get("SUMMARY")) == summary {
				return uid
			}
		}
		t.Fatalf("no event %q", summary)
		return ""
	}
	traits := uidOf(v0, "The need for Async Traits (Ryan)")
	kolkata := uidOf(v0, "Async closures (Niko)")

	// sameOtherwise checks that every event of out but those named is written
	// exactly as in prev.
	sameOtherwise := func(t *testing.T, prev, out *Output, changed ...string) {
		t.Helper()
		before, after := eventBlocks(t, prev.Calendar), eventBlocks(t, out.Calendar)
		for uid, ev := range before {
			if strings.Contains(strings.Join(changed, " "), uid) {
				continue
			}
			if after[uid].text != ev.text {
				t.Errorf("%s changed:\n%s\nwas:\n%s", uid, after[uid].text, ev.text)
			}
		}
	}
	check := func(t *testing.T, out *Output, uid string, want map[string]string) {
		t.Helper()
		ev, ok := eventBlocks(t, out.Calendar)[uid]
		if !ok {
			t.Fatalf("%s is gone", uid)
		}
		for name, v := range want {
			if got := ev.n.get(name); got != v {
				t.Errorf("%s: %s = %q, want %q", uid, name, got, v)
			}
		}
	}

	// rerun runs Calendar again on the same sessions with prev as the
	// previous calendar, and checks that nothing changes.
	rerun := func(t *testing.T, sessions []*posts.Session, prev *Output) *Output {
		t.Helper()
		again := mustCalendar(t, opts, sessions, prev.Calendar)
		assertSameOutput(t, prev, again)
		return again
	}

	t.Run("run twice", func(t *testing.T) {
		rerun(t, base, v0)
	})

	t.Run("edit a topic", func(t *testing.T) {
		edited := clone(base)
		edited[0].Topic = "The need for async fn in traits"
		edited[0].Post.Updated = time.Date(2021, 4, 9, 0, 0, 0, 0, time.UTC)
		v1 := mustCalendar(t, opts, edited, v0.Calendar)
		check(t, v1, traits, map[string]string{
			"SUMMARY": "The need for async fn in traits (Ryan)", "SEQUENCE": "1", "STATUS": "CONFIRMED",
			"LAST-MODIFIED": "20210409T000000Z", "DTSTAMP": "20210409T000000Z",
		})
		// The post's other sessions did not change: same bytes, though the
		// post's Updated moved.
		sameOtherwise(t, v0, v1, traits)
		if len(eventBlocks(t, v1.Calendar)) != len(uids) {
			t.Error("events appeared or vanished")
		}
		t.Run("twice", func(t *testing.T) {
			rerun(t, edited, v1)
		})
		t.Run("again, post not re-dated", func(t *testing.T) {
			again := clone(edited)
			again[0].Host = "Ryan L."
			v2 := mustCalendar(t, opts, again, v1.Calendar)
			check(t, v2, traits, map[string]string{"SEQUENCE": "2", "LAST-MODIFIED": "20210409T000001Z"})
		})
	})

	t.Run("delete a session", func(t *testing.T) {
		var kept []*posts.Session
		for i, s := range base {
			if i != 2 { // Async closures, Asia/Kolkata
				kept = append(kept, s)
			}
		}
		v1 := mustCalendar(t, opts, kept, v0.Calendar)
		check(t, v1, kolkata, map[string]string{
			"STATUS": "CANCELLED", "SEQUENCE": "1", "SUMMARY": "Async closures (Niko)",
			// The newest revision the input knows (the office hours post),
			// later than the event's own.
			"LAST-MODIFIED": "20210501T080000Z",
			"DTSTART":       "20210412T193000",
		})
		root, _ := parseICS(v1.Calendar)
		if len(root.sub("VTIMEZONE")) != 4 {
			t.Error("the cancelled event's VTIMEZONE is gone")
		}
		sameOtherwise(t, v0, v1, kolkata)
		t.Run("twice", func(t *testing.T) {
			v2 := rerun(t, kept, v1)
			check(t, v2, kolkata, map[string]string{"STATUS": "CANCELLED", "SEQUENCE": "1"})
		})
		t.Run("back again", func(t *testing.T) {
			v2 := mustCalendar(t, opts, base, v1.Calendar)
			check(t, v2, kolkata, map[string]string{"STATUS": "CONFIRMED", "SEQUENCE": "2", "LAST-MODIFIED": "20210501T080001Z"})
		})
		t.Run("dropped when old", func(t *testing.T) {
			start := time.Date(2021, 4, 12, 14, 0, 0, 0, time.UTC)
			for _, tt := range []struct {
				now  time.Time
				keep time.Duration
				kept bool
			}{
				{start.Add(30*24*time.Hour - time.Second), 0, true},
				{start.Add(30*24*time.Hour + time.Second), 0, false},
				{start.Add(2 * time.Hour), time.Hour, false},
				{start.Add(-time.Hour), time.Hour, true},
				{time.Time{}, 0, true}, // no Now: nothing dropped
			} {
				o := opts
				o.Now, o.KeepCancelled = tt.now, tt.keep
				v2 := mustCalendar(t, o, kept, v1.Calendar)
				_, has := eventBlocks(t, v2.Calendar)[kolkata]
				if has != tt.kept {
					t.Errorf("now %v, keep %v: kept = %v", tt.now, tt.keep, has)
				}
				if !has {
					root, _ := parseICS(v2.Calendar)
					for _, tz := range root.sub("VTIMEZONE") {
						if tz.get("TZID") == "Asia/Kolkata" {
							t.Error("VTIMEZONE of a dropped event kept")
						}
					}
				}
			}
		})
	})

	t.Run("move a session", func(t *testing.T) {
		// RFC 5546: the same UID, the new DTSTART, SEQUENCE+1; nothing cancelled.
		moved := clone(base)
		moved[2].Start = moved[2].Start.Add(24 * time.Hour)
		moved[2].End = moved[2].End.Add(24 * time.Hour)
		v1 := mustCalendar(t, opts, moved, v0.Calendar)
		check(t, v1, kolkata, map[string]string{"STATUS": "CONFIRMED", "SEQUENCE": "1", "DTSTART": "20210413T193000"})
		if n := len(eventBlocks(t, v1.Calendar)); n != len(base) {
			t.Errorf("%d events after a move, want %d", n, len(base))
		}
		// And the next run, from that calendar, changes nothing.
		assertSameOutput(t, v1, mustCalendar(t, opts, moved, v1.Calendar))
	})

	t.Run("broken previous", func(t *testing.T) {
		for _, prev := range [][]byte{
			[]byte("<html>502 Bad Gateway</html>"),
			v0.Calendar[:len(v0.Calendar)/2],
			bytes.Replace(v0.Calendar, []byte("BEGIN:VCALENDAR"), []byte("BEGIN:VCARD"), 1),
		} {
			out := mustCalendar(t, opts, base, prev)
			if !bytes.Equal(out.Calendar, v0.Calendar) {
				t.Errorf("a broken previous calendar (%.40q) changed the output:\n%s", prev, out.Calendar)
			}
			if diag.Errors(out.Diagnostics) == 0 {
				t.Errorf("a broken previous calendar is no error: %v", out.Diagnostics)
			}
		}
	})

	t.Run("previous with a byte-order mark and LF line ends", func(t *testing.T) {
		prev := append([]byte("\ufeff"), bytes.ReplaceAll(v0.Calendar, []byte("\r\n"), []byte("\n"))...)
		assertSameOutput(t, v0, mustCalendar(t, opts, base, prev))
	})

	t.Run("another tool's calendar", func(t *testing.T) {
		foreign := strings.Join([]string{
			"BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//other//EN",
			"BEGIN:VEVENT", "UID:../../etc/passwd", "DTSTAMP:20210101T000000Z", "DTSTART:20210501T100000Z", "SEQUENCE:4", "END:VEVENT",
			"END:VCALENDAR", "",
		}, "\r\n")
		out := mustCalendar(t, opts, base, []byte(foreign))
		if diag.Errors(out.Diagnostics) != 1 {
			t.Errorf("diagnostics %v, want one error", out.Diagnostics)
		}
		if strings.Contains(string(out.Calendar), "passwd") {
			t.Error("another tool's event was carried over")
		}
	})
}

func assertSameOutput(t *testing.T, a, b *Output) {
	t.Helper()
	if !bytes.Equal(a.Calendar, b.Calendar) {
		t.Errorf("calendar differs:\n%s\nwas:\n%s", b.Calendar, a.Calendar)
	}
	if len(a.Sessions) != len(b.Sessions) {
		t.Fatalf("%d session files, were %d", len(b.Sessions), len(a.Sessions))
	}
	for i := range a.Sessions {
		if a.Sessions[i].Name != b.Sessions[i].Name || !bytes.Equal(a.Sessions[i].Data, b.Sessions[i].Data) {
			t.Errorf("session file %s differs", b.Sessions[i].Name)
		}
	}
	if len(b.Diagnostics) > 0 {
		t.Errorf("warnings %q", b.Diagnostics)
	}
}
