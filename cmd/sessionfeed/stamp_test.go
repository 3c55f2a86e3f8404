package main

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"errors"
	"github.com/sessionfeed/sessionfeed/posts/diag"
	"github.com/sessionfeed/sessionfeed/posts/inputs"
	"io/fs"
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
	good := stampHeader + "\nkey k\nspan - - false 2026-03-01T12:00:00Z\ncounts 1 1\noutput \"s\" \".\"\n"
	if _, err := decodeStamp(sealed(good)); err != nil {
		t.Fatalf("good stamp refused: %v", err)
	}
	for _, bad := range []string{
		"",
		"sessionfeed stamp 0\nkey k\n",
		good + "diag 2 1 \"a.md\" \"no such severity\"\n",
		good + "what 1\n",
		good + "read F \"d\"\n",
		good + "output \"unterminated\n",
		stampHeader + "\nkey k\ncounts 1 1\noutput \"s\" \".\"\n",
		stampHeader + "\nspan - - false 2026-03-01T12:00:00Z\ncounts 1 1\noutput \"s\" \".\"\n",
		"sessionfeed stamp 1\nkey k\nspan - - false 2026-03-01T12:00:00Z\ncounts 1 1\noutput \"s\" \".\"\n",
	} {
		if _, err := decodeStamp(sealed(bad)); err == nil {
			t.Errorf("decodeStamp accepted %q", bad)
		}
	}
	for _, bad := range []string{
		good,
		good + "end 00\n",
		string(sealed(good)) + "counts 1 1\n",
		strings.Replace(string(sealed(good)), "counts 1 1", "counts 1 2", 1),
	} {
		if _, err := decodeStamp([]byte(bad)); err == nil {
			t.Errorf("decodeStamp accepted %q", bad)
		}
	}
}

// sealed is records with the last line encode writes after them.
func sealed(records string) []byte {
	return fmt.Appendf([]byte(records), "end %x\n", sha256.Sum256([]byte(records)))
}

// FuzzDecodeStamp: any bytes in the cache are either refused or a stamp
// that encodes to what decodes to itself. The bytes are tried as they are,
// and as records with their checksum, so that the fuzzer reaches the
// records' reader.
func FuzzDecodeStamp(f *testing.F) {
	f.Add([]byte(stampHeader + "\nkey k\nspan 2026-01-01T00:00:00Z - true 2026-03-01T12:00:00Z\ncounts 1 1\ndiag 1 2 \"f\" \"m\"\nread F \"1 ab\" \"p\"\noutput \"s\" \".\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		st, err := decodeStamp(data)
		if err != nil {
			if st, err = decodeStamp(sealed(string(data))); err != nil {
				return
			}
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

// stampSite writes a small site in a temporary folder, with stamps kept in
// another, and returns the site's folder.
func stampSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("SESSIONFEED_CACHE", filepath.Join(dir, "cache"))
	site := filepath.Join(dir, "site")
	for name, data := range map[string]string{
		"sessionfeed.toml":            "base_url = \"https://example.org/\"\ntitle = \"t\"\ntimezone = \"UTC\"\n",
		"content/2021-05-20-hello.md": "+++\ntitle = \"Hello\"\ndate = 2021-05-20T10:00:00Z\n+++\nThe next meeting is on Thursday 2021-06-03 at 15:00 UTC.\n",
	} {
		name = filepath.Join(site, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return site
}

func runQuiet(t *testing.T, args ...string) (int, string) {
	t.Helper()
	var stderr bytes.Buffer
	code := run(args, io.Discard, &stderr)
	return code, stderr.String()
}

// TestStampOutputChangedDuringBuild: an output that someone else changes
// while a build runs, after the build found it up to date, is no output
// the build vouches for: the next run builds it again, however long ago
// the change was when the stamp is written.
func TestStampOutputChangedDuringBuild(t *testing.T) {
	site := stampSite(t)
	build := []string{"build", "-site", site, "-now", "2021-06-01T00:00:00Z"}
	if code, stderr := runQuiet(t, build...); code != exitOK {
		t.Fatalf("first build: exit %d\n%s", code, stderr)
	}
	time.Sleep(200 * time.Millisecond)
	feed := filepath.Join(site, "public", "atom.xml")
	testHookBeforeStamp = func() {
		data, err := os.ReadFile(feed)
		if err != nil {
			t.Fatal(err)
		}
		// Same size, another title: what another tool could write.
		if !bytes.Contains(data, []byte("<title type=\"text\">Hello</title>")) {
			t.Fatalf("no title Hello in atom.xml:\n%s", data)
		}
		data = bytes.Replace(data, []byte("<title type=\"text\">Hello</title>"), []byte("<title type=\"text\">Hellx</title>"), 1)
		if err := os.WriteFile(feed, data, 0o644); err != nil {
			t.Fatal(err)
		}
		time.Sleep(200 * time.Millisecond)
	}
	defer func() { testHookBeforeStamp = nil }()
	if code, stderr := runQuiet(t, build...); code != exitOK {
		t.Fatalf("second build: exit %d\n%s", code, stderr)
	}
	testHookBeforeStamp = nil
	check := append(slices.Clone(build), "-check")
	if code, stderr := runQuiet(t, check...); code != exitStale {
		t.Fatalf("build -check after atom.xml was changed: exit %d, want %d (stale)\n%s", code, exitStale, stderr)
	}
}

// TestStampRefusesCutShort: a stamp cut at any line (a crash before its
// bytes reached the disk, a full disk) is no stamp, even where what is
// left would read as one: a stamp missing an output or a read would
// vouch for what it does not check.
func TestStampRefusesCutShort(t *testing.T) {
	st := &stamp{
		key:     "k",
		span:    inputs.Span{Now: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)},
		diags:   []diag.Diagnostic{diag.Warnf("a.md", 1, "w")},
		facts:   []inputs.Fact{{Op: inputs.OpRead, Path: "a.md", Digest: "1 ab"}, {Op: inputs.OpReadDir, Path: "content", Digest: "cd"}},
		outputs: []outputFact{{"atom.xml", "s1"}, {"calendar.ics", "s2"}, {".", "s3"}},
	}
	data, err := st.encode()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := decodeStamp(data); err != nil {
		t.Fatalf("whole stamp refused: %v", err)
	}
	for i := range len(data) - 1 {
		if data[i] != '\n' {
			continue
		}
		if _, err := decodeStamp(data[:i+1]); err == nil {
			t.Errorf("stamp cut after line %q accepted:\n%s", data[:i+1], data[:i+1])
		}
	}
}

// TestTrimStamps: stamps unused for a month go when another is written, as
// do a killed run's temporary files; other files in the folder stay.
func TestTrimStamps(t *testing.T) {
	dir := t.TempDir()
	now := time.Now()
	files := map[string]time.Duration{ // name → age
		"0123456789abcdef0123456789abcdef": 40 * 24 * time.Hour,  // gone
		"fedcba9876543210fedcba9876543210": 2 * 24 * time.Hour,   // used lately
		".stamp123":                        2 * time.Hour,        // a killed run's
		".stamp456":                        time.Minute,          // a live run's
		"notes.txt":                        400 * 24 * time.Hour, // not ours
	}
	for name, age := range files {
		file := filepath.Join(dir, name)
		if err := os.WriteFile(file, nil, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(file, now.Add(-age), now.Add(-age)); err != nil {
			t.Fatal(err)
		}
	}
	trimStamps(dir, now)
	for name, wantGone := range map[string]bool{
		"0123456789abcdef0123456789abcdef": true, "fedcba9876543210fedcba9876543210": false,
		".stamp123": true, ".stamp456": false, "notes.txt": false,
	} {
		_, err := os.Stat(filepath.Join(dir, name))
		if gone := errors.Is(err, fs.ErrNotExist); gone != wantGone {
			t.Errorf("%s: removed %v, want %v", name, gone, wantGone)
		}
	}
}
