package main

import (
	"slices"
	"testing"
	"time"

	"github.com/sessionfeed/sessionfeed/posts/diag"
	"github.com/sessionfeed/sessionfeed/posts/inputs"
)

// TestStampRoundTrip: what encode writes, decodeStamp reads back whole,
// hostile names and messages included.
func TestStampRoundTrip(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 5, time.UTC)
	st := &stamp{
		key:      "k1",
		span:     inputs.Span{Lo: now.Add(-time.Hour), HasLo: true, Now: now},
		posts:    3,
		sessions: 2,
		diags:    []diag.Diagnostic{diag.Warnf("content/a \"b\".md", 4, "weekday\nFriday %s", "x")},
		facts: []inputs.Fact{
			{Op: inputs.OpRead, Path: "content/new\nline \"q\".md", Digest: "1024 abc"},
			{Op: inputs.OpReadDir, Path: "content", Digest: "error: permission denied"},
		},
		outputs: []outputFact{{"calendar.ics", "1:2 -rw-r--r-- 3 4 5"}, {".", "1:1 drwxr-xr-x 4096 1 2"}},
	}
	data, err := st.encode()
	if err != nil {
		t.Fatal(err)
	}
	got, err := decodeStamp(data)
	if err != nil {
		t.Fatalf("decodeStamp: %v\n%s", err, data)
	}
	if got.key != st.key || got.posts != 3 || got.sessions != 2 ||
		!got.span.Lo.Equal(st.span.Lo) || !got.span.HasLo || got.span.HasHi || got.span.Exact || !got.span.Now.Equal(now) ||
		!slices.Equal(got.diags, st.diags) || !slices.Equal(got.facts, st.facts) || !slices.Equal(got.outputs, st.outputs) {
		t.Errorf("round trip:\n got %+v\nwant %+v", got, st)
	}
}

// TestStampRefusesBroken: a stamp with anything unknown in it, or cut
// short, is no stamp.
func TestStampRefusesBroken(t *testing.T) {
	good := "sessionfeed stamp 1\nkey k\nspan - - false 2026-03-01T12:00:00Z\ncounts 1 1\noutput \"s\" \".\"\n"
	if _, err := decodeStamp([]byte(good)); err != nil {
		t.Fatalf("good stamp refused: %v", err)
	}
	for _, bad := range []string{
		"",
		"sessionfeed stamp 0\nkey k\n",
		good + "diag 2 1 \"a.md\" \"no such severity\"\n",
		good + "what 1\n",
		good + "read F \"d\"\n",
		good + "output \"unterminated\n",
		"sessionfeed stamp 1\nkey k\ncounts 1 1\noutput \"s\" \".\"\n",
		"sessionfeed stamp 1\nspan - - false 2026-03-01T12:00:00Z\ncounts 1 1\noutput \"s\" \".\"\n",
	} {
		if _, err := decodeStamp([]byte(bad)); err == nil {
			t.Errorf("decodeStamp accepted %q", bad)
		}
	}
}

// FuzzDecodeStamp: any bytes in the cache are either refused or a stamp
// that encodes to what decodes to itself.
func FuzzDecodeStamp(f *testing.F) {
	f.Add([]byte("sessionfeed stamp 1\nkey k\nspan 2026-01-01T00:00:00Z - true 2026-03-01T12:00:00Z\ncounts 1 1\ndiag 1 2 \"f\" \"m\"\nread F \"1 ab\" \"p\"\noutput \"s\" \".\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		st, err := decodeStamp(data)
		if err != nil {
			return
		}
		enc, err := st.encode()
		if err != nil {
			return // a time beyond what RFC 3339 writes
		}
		again, err := decodeStamp(enc)
		if err != nil {
			t.Fatalf("re-encoded stamp refused: %v\n%s", err, enc)
		}
		enc2, _ := again.encode()
		if string(enc2) != string(enc) {
			t.Fatalf("not stable:\n%s\n%s", enc, enc2)
		}
	})
}
