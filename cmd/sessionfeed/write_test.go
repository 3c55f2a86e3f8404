package main

import (
	"bytes"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"testing"
)

// TestApplyMany writes more files than are synced one by one (one flush
// for the lot; the per-session files into a new folder, since theirs does
// not exist), then changes a few (each synced): every file ends up whole,
// world-readable, with no temporary file or folder left behind, also none
// that a killed run left.
func TestApplyMany(t *testing.T) {
	out := t.TempDir()
	leftover := filepath.Join(out, ".sessions.tmp123")
	if err := os.MkdirAll(leftover, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(leftover, "0.ics"), []byte("half"), 0o600); err != nil {
		t.Fatal(err)
	}
	plan := func(edition string, changed int) *buildPlan {
		p := &buildPlan{out: out, sessions: 3 * fewFiles, sessionsDir: "sessions"}
		for i := range 3 * fewFiles {
			e := "A"
			if i < changed {
				e = edition
			}
			p.files = append(p.files, planFile{path.Join("sessions", fmt.Sprintf("%d.ics", i)), []byte(e + fmt.Sprint(i))})
		}
		p.files = append(p.files, planFile{"calendar.ics", []byte("calendar " + edition)})
		return p
	}
	for _, step := range []struct {
		edition                    string
		changed                    int
		wantWritten, wantUnchanged int
	}{
		{"A", 3 * fewFiles, 3*fewFiles + 1, 0},
		{"B", 2, 3, 3*fewFiles - 2},
		{"C", 2 * fewFiles, 2*fewFiles + 1, fewFiles},
		{"C", 2 * fewFiles, 0, 3*fewFiles + 1},
	} {
		p := plan(step.edition, step.changed)
		written, unchanged, err := p.apply()
		if err != nil {
			t.Fatal(err)
		}
		if written != step.wantWritten || unchanged != step.wantUnchanged {
			t.Errorf("edition %s: %d written, %d unchanged; want %d, %d", step.edition, written, unchanged, step.wantWritten, step.wantUnchanged)
		}
		for _, f := range p.files {
			name := filepath.Join(out, filepath.FromSlash(f.name))
			got, err := os.ReadFile(name)
			if err != nil || !bytes.Equal(got, f.data) {
				t.Fatalf("edition %s: %s = %q, %v; want %q", step.edition, f.name, got, err, f.data)
			}
			if fi, _ := os.Stat(name); fi.Mode().Perm() != 0o644 {
				t.Errorf("%s: mode %v, want 0644", f.name, fi.Mode().Perm())
			}
		}
		if fi, err := os.Stat(filepath.Join(out, "sessions")); err != nil {
			t.Error(err)
		} else if fi.Mode().Perm() != 0o755 {
			t.Errorf("sessions folder: mode %v, want 0755", fi.Mode().Perm())
		}
		for _, dir := range []string{out, filepath.Join(out, "sessions")} {
			entries, _ := os.ReadDir(dir)
			for _, e := range entries {
				if e.Name()[0] == '.' && e.Name() != lockName {
					t.Errorf("left behind: %s", e.Name())
				}
			}
		}
	}
}

// TestFsyncAll is the path taken where syncfs(2) is missing.
func TestFsyncAll(t *testing.T) {
	dir := t.TempDir()
	var staged []stagedFile
	for i := range 100 {
		name := filepath.Join(dir, fmt.Sprint(i))
		tmp, err := stageFile(name, []byte("x"))
		if err != nil {
			t.Fatal(err)
		}
		staged = append(staged, stagedFile{tmp: tmp, name: name})
	}
	if err := fsyncAll(staged); err != nil {
		t.Fatal(err)
	}
	os.Remove(staged[50].tmp)
	if err := fsyncAll(staged); err == nil {
		t.Error("fsyncAll of a missing file: no error")
	}
}

// TestSameContent: a file holds data only with every byte the same, in
// pieces of any size, and neither more nor less; a link to the same bytes
// is not the file.
func TestSameContent(t *testing.T) {
	dir := t.TempDir()
	big := bytes.Repeat([]byte("0123456789abcdef"), 5000) // 80,000 bytes: three pieces
	changed := func(b []byte, i int) []byte {
		c := bytes.Clone(b)
		c[i] ^= 1
		return c
	}
	for _, c := range []struct {
		name       string
		file, data []byte
		want       bool
	}{
		{"empty", []byte{}, []byte{}, true},
		{"small", []byte("BEGIN:VCALENDAR\r\n"), []byte("BEGIN:VCALENDAR\r\n"), true},
		{"big", big, big, true},
		{"first byte", changed(big, 0), big, false},
		{"second piece", changed(big, 40000), big, false},
		{"last byte", changed(big, len(big)-1), big, false},
		{"shorter", big[:len(big)-1], big, false},
		{"longer", append(bytes.Clone(big), 'x'), big, false},
	} {
		name := filepath.Join(dir, c.name)
		if err := os.WriteFile(name, c.file, 0o644); err != nil {
			t.Fatal(err)
		}
		if got := sameContent(name, c.data); got != c.want {
			t.Errorf("%s: sameContent = %v, want %v", c.name, got, c.want)
		}
	}
	if err := os.Symlink(filepath.Join(dir, "big"), filepath.Join(dir, "link")); err != nil {
		t.Fatal(err)
	}
	if sameContent(filepath.Join(dir, "link"), big) {
		t.Error("a symbolic link to the same bytes: the same content")
	}
	if sameContent(filepath.Join(dir, "missing"), nil) {
		t.Error("a missing file: the same content as nothing")
	}
}
