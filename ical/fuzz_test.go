package ical

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/sessionfeed/sessionfeed/posts/diag"
)

// unescapeText reads a TEXT value back (§3.3.11).
func unescapeText(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\\' && i+1 < len(s) {
			i++
			switch s[i] {
			case 'n', 'N':
				b.WriteByte('\n')
			default:
				b.WriteByte(s[i])
			}
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// FuzzText: a TEXT property written and folded reads back, unfolded and
// unescaped, as the input less what cleanText drops, in one content line
// whose physical lines pass the lint.
func FuzzText(f *testing.F) {
	for _, s := range []string{
		"", "plain", `a\b;c,d`, "line1\nline2", "Hello\nATTENDEE:mailto:x", "crlf\r\nx", "\\n",
		"\x00\x1f\x7f\u0085", "bad\xff\xc3", strings.Repeat("🎉", 40), strings.Repeat("é", 80),
		strings.Repeat(`\,;`, 50),
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var w bytes.Buffer
		writeFolded(&w, []byte("SUMMARY:"+escapeText(s)))
		lines, errs := physicalLines(w.Bytes())
		if len(errs) > 0 {
			t.Fatalf("%q: %v", s, errs)
		}
		if len(lines) != 1 {
			t.Fatalf("%q became %d content lines", s, len(lines))
		}
		p, err := parseContentLine(lines[0])
		if err != nil || p.name != "SUMMARY" {
			t.Fatalf("%q: %v %q", s, err, p.name)
		}
		if got, want := unescapeText(p.value), cleanText(s); got != want {
			t.Fatalf("%q reads back as %q, want %q", s, got, want)
		}
		if !textRE.MatchString(p.value) {
			t.Fatalf("%q escaped as %q", s, p.value)
		}

		// The same text as a parameter value: quoted when it must be, and
		// read back whole, less control characters, DQUOTE as apostrophe.
		w.Reset()
		writeFolded(&w, []byte("X-P;X-Q="+paramValue(s)+":v"))
		lines, errs = physicalLines(w.Bytes())
		if len(errs) > 0 || len(lines) != 1 {
			t.Fatalf("%q as a parameter: %v %v", s, errs, lines)
		}
		p, err = parseContentLine(lines[0])
		want := strings.ReplaceAll(cleanValue(s), `"`, "'")
		if err != nil || p.value != "v" || p.params["X-Q"] != want {
			t.Fatalf("%q as a parameter reads back as %q (value %q, %v), want %q", s, p.params["X-Q"], p.value, err, want)
		}
	})
}

// FuzzPrevious: no previous calendar makes Calendar fail or panic, and what
// comes out still lints.
func FuzzPrevious(f *testing.F) {
	sessions := fixture(f)[:3]
	opts := testOpts
	opts.Now = time.Date(2021, 4, 20, 0, 0, 0, 0, time.UTC)
	base, err := Calendar(opts, sessions, nil)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(base.Calendar)
	f.Add(base.Sessions[0].Data)
	f.Add([]byte("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART;TZID=Nowhere/City:20210101T000000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"))
	f.Add([]byte("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART:20210101\r\nSEQUENCE:99999999999999999999\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"))
	f.Add([]byte("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:../../x\r\nDTSTART;VALUE=DATE:2021\r\nEND:VEVENT\r\n"))
	f.Add([]byte("BEGIN:VCALENDAR\nX;!!A=\"b:c\":d\nBEGIN:VEVENT\nUID;X=\\:y\nEND:VEVENT\nEND:VCALENDAR"))
	f.Add([]byte("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:y\r\nDTSTART;TZID=Europe/Berlin:99991231T230000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"))
	f.Add([]byte("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:y\r\nDTSTART;TZID=Europe/Berlin:00010101T000000\r\nDTEND:20410101T000000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"))
	f.Add([]byte("<html>not a calendar</html>"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, previous []byte) {
		out, err := Calendar(opts, sessions, readPrevious(previous))
		if err != nil {
			t.Fatal(err)
		}
		lintOutput(t, out)
		again, err := Calendar(opts, sessions, readPrevious(out.Calendar))
		if err != nil {
			t.Fatal(err)
		}
		lintOutput(t, again)
	})
}

// FuzzReadPrevious: whatever the file holds, ReadPrevious keeps only
// events of our form, each once, with small limits respected, and what it
// keeps is written back the same.
func FuzzReadPrevious(f *testing.F) {
	base, err := Calendar(testOpts, fixture(f)[:3], nil)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(base.Calendar)
	f.Add([]byte(calHead + ourEvent(uidA, "20210501T100000Z", "X-EVIL:1", "BEGIN:VALARM", "END:VALARM") + calTail))
	f.Add([]byte(calHead + "BEGIN:VEVENT\r\nUID" + params(20) + ":x\r\n" + calTail))
	f.Add([]byte(calHead + ourEvent(uidA, "20210501T100000Z")[:70]))
	f.Add([]byte("BEGIN:VCALENDAR\nPRODID:" + ProdID + "\nBEGIN:VEVENT\n <<<<<<<\nUID:" + uidB + "\nDTSTART;VALUE=DATE:20210101\nEND:VEVENT\nEND:VCALENDAR"))
	lim := Limits{MaxBytes: 1 << 16, MaxLine: 1 << 10, MaxParams: 4, MaxEvents: 8}
	f.Fuzz(func(t *testing.T, data []byte) {
		prev := ReadPrevious(bytes.NewReader(data), "calendar.ics", lim)
		if prev.Len() > lim.MaxEvents {
			t.Fatalf("%d events kept, limit %d", prev.Len(), lim.MaxEvents)
		}
		seen := map[string]bool{}
		for _, e := range prev.events {
			if !ourUID(e.uid) || seen[e.uid] {
				t.Fatalf("kept UID %q", e.uid)
			}
			seen[e.uid] = true
			for _, p := range e.vevent.Properties {
				if _, ok := eventProperties[p.IANAToken]; !ok || len(p.ICalParameters) > 2 {
					t.Fatalf("kept property %s %v", p.IANAToken, p.ICalParameters)
				}
			}
		}
		out, err := Calendar(testOpts, nil, prev)
		if err != nil {
			t.Fatal(err)
		}
		again, err := Calendar(testOpts, nil, ReadPrevious(bytes.NewReader(out.Calendar), "calendar.ics", Limits{}))
		if err != nil {
			t.Fatal(err)
		}
		if diag.Errors(again.Diagnostics) > 0 || !bytes.Equal(again.Calendar, out.Calendar) {
			t.Fatalf("what was carried over does not read back the same: %v\n%s\n%s", again.Diagnostics, out.Calendar, again.Calendar)
		}
	})
}

// FuzzSafeURL: whatever a post writes, a URL that reaches a calendar is an
// absolute http(s) URL with a host, or mailto:, and one content line.
func FuzzSafeURL(f *testing.F) {
	for _, s := range []string{"https://x.example/a", "/rel/", "javascript:alert(1)", "//evil.example/x", "mailto:a@b", " JaVaScRiPt:x", "https://x.example/\r\nX-EVIL:1", "%6aavascript:x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		u, ok := safeURL(raw, "https://blog.example.org/2021/04/01/post/")
		if !ok {
			if u != "" {
				t.Fatalf("%q: not ok but %q", raw, u)
			}
			return
		}
		lower := strings.ToLower(u)
		if !strings.HasPrefix(lower, "https://") && !strings.HasPrefix(lower, "http://") && !strings.HasPrefix(lower, "mailto:") {
			t.Fatalf("%q gave %q", raw, u)
		}
		if strings.ContainsAny(u, "\r\n\x00") {
			t.Fatalf("%q gave a URL with a line break: %q", raw, u)
		}
	})
}
