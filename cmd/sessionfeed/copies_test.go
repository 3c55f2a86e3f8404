package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// placeIn places data as name in a new folder of its own below root and
// returns the file's path.
func placeIn(t *testing.T, c *copyStore, root, folder string, data []byte) string {
	t.Helper()
	dir := filepath.Join(root, folder)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	name := filepath.Join(dir, "s.ics")
	c.made()
	if err := c.place(name, data); err != nil {
		t.Fatalf("place %s: %v", name, err)
	}
	if !fileHolds(name, data, true) {
		t.Fatalf("%s does not hold what was placed", name)
	}
	return name
}

func sameFile(t *testing.T, a, b string) bool {
	t.Helper()
	fa, err := os.Lstat(a)
	if err != nil {
		t.Fatal(err)
	}
	fb, err := os.Lstat(b)
	if err != nil {
		t.Fatal(err)
	}
	return os.SameFile(fa, fb)
}

// TestCopyStore: a file is written once and linked after; whatever is
// wrong with a copy (edited in place through an output, readable or
// writable by others, a link to elsewhere, gone) costs a written file,
// never a published file that does not hold its data.
func TestCopyStore(t *testing.T) {
	data := []byte("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
	spoil := map[string]func(t *testing.T, stored string){
		"edited in place": func(t *testing.T, stored string) {
			f, err := os.OpenFile(stored, os.O_WRONLY|os.O_APPEND, 0)
			if err != nil {
				t.Fatal(err)
			}
			f.WriteString("X-INJECTED:1\r\n")
			f.Close()
		},
		"same size, other bytes": func(t *testing.T, stored string) {
			os.WriteFile(stored, bytes.ToLower(data), 0o644)
		},
		"writable by all":        func(t *testing.T, stored string) { os.Chmod(stored, 0o666) },
		"readable by owner only": func(t *testing.T, stored string) { os.Chmod(stored, 0o600) },
		"a symbolic link": func(t *testing.T, stored string) {
			other := stored + ".elsewhere"
			os.WriteFile(other, data, 0o644)
			os.Remove(stored)
			if err := os.Symlink(other, stored); err != nil {
				t.Fatal(err)
			}
		},
		"removed": func(t *testing.T, stored string) { os.Remove(stored) },
	}
	for name, spoil := range spoil {
		t.Run(name, func(t *testing.T) {
			root := t.TempDir()
			c := openCopyStore(filepath.Join(root, "cache", "copies", "site"))
			stored := filepath.Join(c.dir, copyName(data))

			first := placeIn(t, c, root, "out1", data)
			if !sameFile(t, first, stored) || c.written != 1 || c.linked != 0 {
				t.Fatalf("first place: not the store's copy, or written %d linked %d", c.written, c.linked)
			}
			second := placeIn(t, c, root, "out2", data)
			if !sameFile(t, second, stored) || c.linked != 1 {
				t.Fatalf("second place: not linked to the copy (linked %d)", c.linked)
			}

			spoil(t, stored)
			third := placeIn(t, c, root, "out3", data)
			if c.linked != 1 || c.written != 2 {
				t.Errorf("after the copy was spoiled: linked %d written %d, want 1 and 2", c.linked, c.written)
			}
			if !sameFile(t, third, stored) {
				t.Errorf("the written file did not become the copy")
			}
			if fi, err := os.Lstat(third); err != nil || fi.Mode() != 0o644 {
				t.Errorf("third: %v %v, want a regular file readable by all", fi.Mode(), err)
			}
			fourth := placeIn(t, c, root, "out4", data)
			if !sameFile(t, fourth, third) || c.linked != 2 {
				t.Errorf("the new copy is not linked to")
			}
		})
	}
}

func TestCopyStoreOff(t *testing.T) {
	data := []byte("data\r\n")
	root := t.TempDir()
	name := filepath.Join(root, "s.ics")
	var c *copyStore // SESSIONFEED_CACHE=off
	if err := c.place(name, data); err != nil || !fileHolds(name, data, true) {
		t.Fatalf("nil store: %v", err)
	}
	c.trim()
	if c.used() {
		t.Error("a nil store was used")
	}
	if openCopyStore("") != nil {
		t.Error(`openCopyStore("") is not nil`)
	}
}

// TestCopyStoreOtherFileSystem: where the store and the outputs are on
// two file systems, files are written, and after the first failed link no
// other link is tried.
func TestCopyStoreOtherFileSystem(t *testing.T) {
	shm, err := os.MkdirTemp("/dev/shm", "copies")
	if err != nil {
		t.Skip("no /dev/shm:", err)
	}
	t.Cleanup(func() { os.RemoveAll(shm) })
	root := t.TempDir()
	var a, b syscall.Stat_t
	if syscall.Stat(shm, &a) != nil || syscall.Stat(root, &b) != nil || a.Dev == b.Dev {
		t.Skip("/dev/shm and the temporary folder are one file system")
	}
	c := openCopyStore(filepath.Join(shm, "copies"))
	data := []byte("data\r\n")
	placeIn(t, c, root, "out1", data)
	placeIn(t, c, root, "out2", data)
	if !c.off || c.linked != 0 {
		t.Errorf("off %v, linked %d: want off, none linked", c.off, c.linked)
	}
	if !strings.Contains(c.summary(), "no links from") {
		t.Errorf("summary %q does not say that no links were made", c.summary())
	}
}

// TestCopyStoreTrim: the store keeps the copies a run placed, and only
// those; another site's store goes once unused for stampsKept; what the
// store did not name is left alone.
func TestCopyStoreTrim(t *testing.T) {
	root := t.TempDir()
	copies := filepath.Join(root, "copies")
	site := filepath.Join(copies, strings.Repeat("a", 32))
	old := filepath.Join(copies, strings.Repeat("b", 32))
	recent := filepath.Join(copies, strings.Repeat("c", 32))
	for _, dir := range []string{old, recent} {
		os.MkdirAll(dir, 0o755)
		os.WriteFile(filepath.Join(dir, copyName([]byte("x"))), []byte("x"), 0o644)
	}
	longAgo := time.Now().Add(-stampsKept - time.Hour)
	os.Chtimes(old, longAgo, longAgo)

	run := func(data ...string) *copyStore {
		c := openCopyStore(site)
		for i, d := range data {
			placeIn(t, c, root, "out"+d+string(rune('0'+i)), []byte(d))
		}
		c.trim()
		return c
	}
	run("one", "two")
	os.WriteFile(filepath.Join(site, "notes.txt"), nil, 0o644)
	run("two", "three")
	for d, want := range map[string]bool{"one": false, "two": true, "three": true} {
		if _, err := os.Lstat(filepath.Join(site, copyName([]byte(d)))); (err == nil) != want {
			t.Errorf("copy of %q kept: %v, want %v", d, err == nil, want)
		}
	}
	if _, err := os.Lstat(filepath.Join(site, "notes.txt")); err != nil {
		t.Errorf("a file not named as a copy was removed")
	}
	if _, err := os.Lstat(old); err == nil {
		t.Errorf("a store unused for %v was kept", stampsKept)
	}
	if _, err := os.Lstat(recent); err != nil {
		t.Errorf("a recently used store was removed")
	}
}
