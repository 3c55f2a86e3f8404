package ical

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/sessionfeed/sessionfeed/posts/diag"
)

// ourEvent is a VEVENT as Calendar writes one, for hand-made calendars.
func ourEvent(uid, start string, extra ...string) string {
	lines := append([]string{
		"BEGIN:VEVENT", "UID:" + uid, "DTSTAMP:20210101T000000Z", "LAST-MODIFIED:20210101T000000Z",
		"SEQUENCE:2", "DTSTART:" + start, "STATUS:CONFIRMED", "SUMMARY:Topic",
	}, extra...)
	return strings.Join(append(lines, "END:VEVENT"), "\r\n") + "\r\n"
}

const calHead = "BEGIN:VCALENDAR\r\nPRODID:" + ProdID + "\r\nVERSION:2.0\r\n"
const calTail = "END:VCALENDAR\r\n"

const uidA = "20210501T100000Z-post-0123abcd@blog.example.org"
const uidB = "20210502T100000Z-post-0123abcd@blog.example.org"

// repeatReader is n copies of s, without holding them in memory.
// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	k, err := c.r.Read(p)
	c.n += int64(k)
	return k, err
}

type repeatReader struct {
	s   string
	n   int
	off int
}

func (r *repeatReader) Read(p []byte) (int, error) {
	if r.n == 0 {
		return 0, io.EOF
	}
	k := copy(p, r.s[r.off:])
	r.off += k
	if r.off == len(r.s) {
		r.off, r.n = 0, r.n-1
	}
	return k, nil
}

// params is n distinct parameters.
func params(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, ";X%d=1", i)
	}
	return b.String()
}

func TestReadPrevious(t *testing.T) {
	for _, tt := range []struct {
		name   string
		in     io.Reader
		uids   []string // kept, in order
		errors int      // Error diagnostics
		msg    string   // in some diagnostic
	}{
		{name: "empty", in: strings.NewReader("")},
		{name: "ours", in: strings.NewReader(calHead + ourEvent(uidA, "20210501T100000Z") + calTail), uids: []string{uidA}},
		{name: "LF and a byte-order mark", in: strings.NewReader("\ufeff" + strings.ReplaceAll(calHead+ourEvent(uidA, "20210501T100000Z")+calTail, "\r\n", "\n")), uids: []string{uidA}},
		{name: "another tool's", in: strings.NewReader(strings.Replace(calHead, ProdID, "-//Google Inc//Google Calendar 70.9054//EN", 1) + ourEvent(uidA, "20210501T100000Z") + calTail),
			errors: 1, msg: "not written by sessionfeed"},
		{name: "no PRODID", in: strings.NewReader("BEGIN:VCALENDAR\r\n" + ourEvent(uidA, "20210501T100000Z") + calTail), errors: 1, msg: "no PRODID"},
		{name: "not a calendar", in: strings.NewReader("<html>502 Bad Gateway</html>\n"), errors: 1, msg: "not an iCalendar file"},
		{name: "truncated", in: strings.NewReader(calHead + ourEvent(uidA, "20210501T100000Z") + ourEvent(uidB, "20210502T100000Z")[:60]),
			uids: []string{uidA}, errors: 2, msg: "cut short"},
		{name: "cut after an event", in: strings.NewReader(calHead + ourEvent(uidA, "20210501T100000Z")), uids: []string{uidA}, errors: 1, msg: "cut short"},
		{name: "merge conflict markers", in: strings.NewReader(calHead + ourEvent(uidA, "20210501T100000Z", "<<<<<<< HEAD", "DESCRIPTION:a", "=======", "DESCRIPTION:b", ">>>>>>> other") + ourEvent(uidB, "20210502T100000Z") + calTail),
			uids: []string{uidA, uidB}, errors: 4, msg: "not a content line"},
		{name: "a duplicate SUMMARY", in: strings.NewReader(calHead + ourEvent(uidA, "20210501T100000Z", "SUMMARY:Again") + calTail), uids: []string{uidA}, errors: 1, msg: "SUMMARY given twice"},
		{name: "X- properties, alarms and parameters are left out", in: strings.NewReader(calHead + ourEvent(uidA, "20210501T100000Z", "X-EVIL:1", "ATTENDEE:mailto:x@example.com", "BEGIN:VALARM", "ACTION:DISPLAY", "END:VALARM", "LOCATION;ALTREP=\"http://x\":Room") + calTail),
			uids: []string{uidA}, msg: "does not write"},
		{name: "foreign UIDs", in: strings.NewReader(calHead + ourEvent("abc123@google.com", "20210501T100000Z") + ourEvent("../../etc/passwd", "20210501T100000Z") + ourEvent(uidA, "20210501T100000Z") + calTail),
			uids: []string{uidA}, msg: "2 events whose UIDs sessionfeed did not make"},
		{name: "a UID twice", in: strings.NewReader(calHead + ourEvent(uidA, "20210501T100000Z") + ourEvent(uidA, "20210502T100000Z") + calTail), uids: []string{uidA}, errors: 1, msg: "seen before"},
		{name: "no DTSTART", in: strings.NewReader(calHead + strings.Replace(ourEvent(uidA, "x"), "DTSTART:x\r\n", "", 1) + calTail), errors: 1, msg: "DTSTART: missing"},
		{name: "unknown zone", in: strings.NewReader(calHead + strings.Replace(ourEvent(uidA, "20210501T100000"), "DTSTART:", "DTSTART;TZID=Nowhere/City:", 1) + calTail), errors: 1, msg: "not in the tz database"},
		{name: "nested BEGIN:VEVENT", in: strings.NewReader(calHead + strings.TrimSuffix(ourEvent(uidA, "20210501T100000Z"), "END:VEVENT\r\n") + ourEvent(uidB, "20210502T100000Z") + calTail),
			uids: []string{uidA, uidB}, errors: 1, msg: "inside the event"},
		{name: "500,000 parameters", in: strings.NewReader(calHead + "BEGIN:VEVENT\r\nUID:" + uidA + "\r\nDTSTART" + params(500_000) + ":20210501T100000Z\r\nEND:VEVENT\r\n" + calTail),
			errors: 2, msg: "longer than"},
		{name: "too many parameters", in: strings.NewReader(calHead + ourEvent(uidA, "20210501T100000Z", "SUMMARY"+params(20)+":y") + calTail),
			uids: []string{uidA}, errors: 1, msg: "more than 16 parameters"},
		{name: "1 GB", in: io.MultiReader(strings.NewReader(calHead+ourEvent(uidA, "20210501T100000Z")), &repeatReader{s: strings.Repeat("X", 1<<20) + "\r\n", n: 1 << 10}),
			uids: []string{uidA}, errors: 12, msg: "larger than 32 MB"},
		{name: "an endless line", in: io.MultiReader(strings.NewReader(calHead), &repeatReader{s: "\x00", n: 1 << 30}),
			errors: 1, msg: "larger than 32 MB"},
		{name: "deep nesting", in: strings.NewReader(calHead + strings.Repeat("BEGIN:X\r\n", 100) + calTail), errors: 1, msg: "nested deeper"},
		{name: "text after the end", in: strings.NewReader(calHead + calTail + ourEvent(uidA, "20210501T100000Z")), errors: 1, msg: "after END:VCALENDAR"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			// Bounded work, whatever the input: the reader stops within
			// its size cap (checked by bytes read, not by a clock).
			in := &countingReader{r: tt.in}
			prev := ReadPrevious(in, "calendar.ics", Limits{})
			if in.n > 33<<20 {
				t.Errorf("read %d bytes, past the 32 MB cap", in.n)
			}
			if got := strings.Join(prev.UIDs(), " "); got != strings.Join(tt.uids, " ") {
				t.Errorf("UIDs %q, want %q", got, tt.uids)
			}
			if n := prev.Errors(); n != tt.errors {
				t.Errorf("%d errors, want %d: %v", n, tt.errors, prev.Diagnostics)
			}
			if tt.msg != "" && !strings.Contains(fmt.Sprint(prev.Diagnostics), tt.msg) {
				t.Errorf("no diagnostic says %q: %v", tt.msg, prev.Diagnostics)
			}
			for _, d := range prev.Diagnostics {
				if d.File != "calendar.ics" {
					t.Errorf("diagnostic %v not about calendar.ics", d)
				}
			}
		})
	}
}

// TestReadPreviousKeepsOnlyWhatWeWrite: what is carried over is written
// with exactly the properties and parameters Calendar writes.
func TestReadPreviousKeepsOnlyWhatWeWrite(t *testing.T) {
	in := calHead + ourEvent(uidA, "20210501T100000Z", "X-EVIL:1", "BEGIN:VALARM", "ACTION:DISPLAY", "END:VALARM", "LOCATION;ALTREP=\"http://x\":Room", "SUMMARY:dup") + calTail
	out := mustCalendar(t, testOpts, nil, []byte(in))
	for _, bad := range []string{"X-EVIL", "VALARM", "ALTREP", "dup"} {
		if bytes.Contains(out.Calendar, []byte(bad)) {
			t.Errorf("%s carried over:\n%s", bad, out.Calendar)
		}
	}
	if !bytes.Contains(out.Calendar, []byte("LOCATION:Room")) {
		t.Errorf("LOCATION lost:\n%s", out.Calendar)
	}
}

// TestManyForeignEvents: 20,000 events of another site become one warning
// and no session file.
func TestManyForeignEvents(t *testing.T) {
	var b strings.Builder
	b.WriteString(calHead)
	for i := range 20_000 {
		b.WriteString(ourEvent(fmt.Sprintf("20210501T100000Z-x-%08x@other.example", i), "20210501T100000Z"))
	}
	b.WriteString(calTail)
	start := time.Now()
	out := mustCalendar(t, testOpts, fixture(t), []byte(b.String()))
	t.Logf("20,000 foreign events read in %v", time.Since(start))
	if len(out.Sessions) != len(fixture(t)) {
		t.Errorf("%d session files", len(out.Sessions))
	}
	if n := len(out.Diagnostics); n != 1 || out.Diagnostics[0].Severity != diag.Warning {
		t.Errorf("diagnostics %v", out.Diagnostics)
	}
}

func TestMerge(t *testing.T) {
	cal := ReadPrevious(strings.NewReader(calHead+ourEvent(uidA, "20210501T100000Z")), "calendar.ics", Limits{})
	file := ReadPrevious(strings.NewReader(calHead+ourEvent(uidB, "20210502T100000Z")+calTail), "sessions/b.ics", Limits{})
	newer := ReadPrevious(strings.NewReader(calHead+strings.Replace(ourEvent(uidA, "20210501T100000Z"), "SEQUENCE:2", "SEQUENCE:3", 1)+calTail), "sessions/a.ics", Limits{})
	cal.Merge(file)
	cal.Merge(newer)
	if got := strings.Join(cal.UIDs(), " "); got != uidA+" "+uidB {
		t.Errorf("UIDs %q", got)
	}
	if cal.byUID[uidA].seq != 3 {
		t.Errorf("SEQUENCE %d, want the later copy's 3", cal.byUID[uidA].seq)
	}
}

func BenchmarkReadPrevious(b *testing.B) {
	var cal strings.Builder
	cal.WriteString(calHead)
	for i := range 3_000 {
		start := time.Date(2021, 1, 1, 10, 0, 0, 0, time.UTC).AddDate(0, 0, i).Format(utcFormat)
		cal.WriteString(ourEvent(start+"-x-0123abcd@blog.example.org", start, "DESCRIPTION:"+strings.Repeat("words ", 40)))
	}
	cal.WriteString(calTail)
	data := cal.String()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if p := ReadPrevious(strings.NewReader(data), "calendar.ics", Limits{}); p.Len() != 3000 {
			b.Fatal(p.Len(), p.Diagnostics)
		}
	}
}
