package main

import (
	"os"
	"path/filepath"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/sessionfeed/sessionfeed/posts"
	"github.com/sessionfeed/sessionfeed/posts/schedule"
	"github.com/sessionfeed/sessionfeed/posts/timeexpr"
)

func testScanResult(topic string) schedule.Result {
	start := time.Date(2021, 6, 3, 15, 0, 0, 0, time.UTC)
	return schedule.Result{Entries: []schedule.Entry{{
		Line: 3, Text: "June 3rd at 15:00 UTC", Topic: topic, Form: "list",
		When:  timeexpr.When{Start: start, End: start.Add(time.Hour), ZoneWritten: true},
		Links: []schedule.Link{{Text: "notes", URL: "/notes/"}},
	}}}
}

// TestScanCacheFile: what one build puts is what the next one gets, as a
// copy of its own; a file cut short, changed, or written by another
// program is no cache; a build that used the cache as it was leaves the
// file as it was (but used: its mtime).
func TestScanCacheFile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "scans", "0123456789abcdef0123456789abcdef")
	a, b := posts.ScanKey{1}, posts.ScanKey{2}
	c := openScanCache(file)
	c.Put(a, testScanResult("first"))
	c.Put(b, schedule.Result{})
	if err := c.save(); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}

	c = openScanCache(file)
	got, ok := c.Get(a)
	if !ok || !reflect.DeepEqual(got, testScanResult("first")) {
		t.Fatalf("Get = %#v, %v", got, ok)
	}
	got.Entries[0].Links[0].URL = "https://example.org/notes/" // as Load resolves it
	if again, _ := c.Get(a); again.Entries[0].Links[0].URL != "/notes/" {
		t.Fatalf("a change to what Get returned reached the cache: %q", again.Entries[0].Links[0].URL)
	}
	if got, ok := c.Get(b); !ok || !reflect.DeepEqual(got, schedule.Result{}) {
		t.Fatalf("Get of an empty result = %#v, %v", got, ok)
	}
	if _, ok := c.Get(posts.ScanKey{3}); ok {
		t.Fatal("Get of a key never put: found")
	}
	old := time.Now().Add(-48 * time.Hour)
	os.Chtimes(file, old, old)
	if err := c.save(); err != nil {
		t.Fatal(err)
	}
	if now, _ := os.ReadFile(file); string(now) != string(data) {
		t.Error("a build that used the cache as it was rewrote it")
	}
	if fi, _ := os.Stat(file); !fi.ModTime().After(old.Add(time.Hour)) {
		t.Error("a build that used the cache left its mtime: trimStamps would remove it")
	}

	// A build that used only some entries keeps only those.
	c = openScanCache(file)
	c.Get(a)
	if err := c.save(); err != nil {
		t.Fatal(err)
	}
	if c = openScanCache(file); len(c.old) != 1 {
		t.Fatalf("after a build that used one entry of two: %d entries", len(c.old))
	}

	for name, bad := range map[string][]byte{
		"cut":     data[:len(data)-1],
		"changed": append(append([]byte{}, data[:len(data)/2]...), append([]byte{data[len(data)/2] ^ 1}, data[len(data)/2+1:]...)...),
		"empty":   nil,
	} {
		if err := os.WriteFile(file, bad, 0o644); err != nil {
			t.Fatal(err)
		}
		if c := openScanCache(file); len(c.old) != 0 {
			t.Errorf("%s file: %d entries read", name, len(c.old))
		}
	}
	if _, err := decodeEntryCache[posts.ScanKey](data, programHeader(scanCacheHeader)+"x"); err == nil {
		t.Error("another program's cache read")
	}
	if _, err := decodeEntryCache[posts.ScanKey](data, programHeader(scanCacheHeader)); err != nil {
		t.Errorf("this program's cache: %v", err)
	}
}

// TestScanCacheConcurrent: Load calls Get and Put from its workers.
func TestScanCacheConcurrent(t *testing.T) {
	c := openScanCache(filepath.Join(t.TempDir(), "x"))
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			for j := range 100 {
				key := posts.ScanKey{byte(i), byte(j)}
				c.Put(key, testScanResult("t"))
				if _, ok := c.Get(key); !ok {
					t.Errorf("%v: put, not found", key)
				}
			}
		})
	}
	wg.Wait()
	if err := c.save(); err != nil {
		t.Fatal(err)
	}
	if c := openScanCache(c.file); len(c.old) != 800 {
		t.Errorf("%d entries saved, want 800", len(c.old))
	}
}

// FuzzDecodeScanCache: no file makes decodeScanCache panic, nor its
// entries (past the checksum, which a fuzzer seldom gets right) read more
// entries than there are bytes, and what they read encodes back.
func FuzzDecodeScanCache(f *testing.F) {
	header := programHeader(scanCacheHeader)
	entries := map[posts.ScanKey][]byte{{1}: {0, 0, 0}, {2}: {1}}
	whole := encodeEntryCache(entries, header)
	f.Add(whole)
	f.Add(whole[len(header) : len(whole)-32])
	f.Add([]byte(header))
	f.Fuzz(func(t *testing.T, data []byte) {
		decodeEntryCache[posts.ScanKey](data, header)
		got, err := decodeEntries[posts.ScanKey](data)
		if err != nil {
			return
		}
		if len(got) > len(data)/33 {
			t.Fatalf("%d entries from %d bytes", len(got), len(data))
		}
		again, err := decodeEntryCache[posts.ScanKey](encodeEntryCache(got, header), header)
		if err != nil || !reflect.DeepEqual(again, got) {
			t.Fatalf("read back: %v, %v", again, err)
		}
	})
}
