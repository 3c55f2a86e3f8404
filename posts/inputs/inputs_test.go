package inputs

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// record runs read with a Log recording and returns its facts.
func record(t *testing.T, read func()) []Fact {
	t.Helper()
	l := Record()
	defer l.Stop()
	read()
	return l.Facts()
}

func write(t *testing.T, name, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestCheck: every kind of read, then one change to the files; Check must
// name the read whose answer changed, and hold when nothing did.
func TestCheck(t *testing.T) {
	tests := []struct {
		name    string
		change  func(t *testing.T, dir string)
		changed string // the path Check names, relative to dir; "" when it holds
	}{
		{"nothing", func(*testing.T, string) {}, ""},
		{"same bytes, new mtime", func(t *testing.T, dir string) {
			old := time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC)
			if err := os.Chtimes(filepath.Join(dir, "content/a.md"), old, old); err != nil {
				t.Fatal(err)
			}
		}, ""},
		{"edited post", func(t *testing.T, dir string) { write(t, filepath.Join(dir, "content/a.md"), "A!") }, "content/a.md"},
		{"edited post, same size", func(t *testing.T, dir string) { write(t, filepath.Join(dir, "content/sub/b.md"), "C") }, "content/sub/b.md"},
		{"new post", func(t *testing.T, dir string) { write(t, filepath.Join(dir, "content/c.md"), "C") }, "content"},
		{"removed post", func(t *testing.T, dir string) { os.Remove(filepath.Join(dir, "content/sub/b.md")) }, "content/sub"},
		{"config appears", func(t *testing.T, dir string) { write(t, filepath.Join(dir, "hugo.toml"), "") }, "hugo.toml"},
		{"stat: mtime of a file", func(t *testing.T, dir string) {
			old := time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC)
			if err := os.Chtimes(filepath.Join(dir, "dated.md"), old, old); err != nil {
				t.Fatal(err)
			}
		}, "dated.md"},
		{"link points elsewhere", func(t *testing.T, dir string) {
			os.Remove(filepath.Join(dir, "link"))
			if err := os.Symlink("content/sub", filepath.Join(dir, "link")); err != nil {
				t.Fatal(err)
			}
		}, "link"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			write(t, filepath.Join(dir, "content/a.md"), "A")
			write(t, filepath.Join(dir, "content/sub/b.md"), "B")
			write(t, filepath.Join(dir, "dated.md"), "D")
			if err := os.Symlink("content", filepath.Join(dir, "link")); err != nil {
				t.Fatal(err)
			}
			facts := record(t, func() {
				WalkDir(filepath.Join(dir, "content"), func(p string, d fs.DirEntry, err error) error {
					if err == nil && !d.IsDir() {
						ReadFile(p, 1<<20)
					}
					return nil
				})
				Stat(filepath.Join(dir, "hugo.toml"))
				Stat(filepath.Join(dir, "dated.md"))
				EvalSymlinks(filepath.Join(dir, "link"))
			})
			if len(facts) != 8 {
				t.Fatalf("recorded %d facts, want 8: %v", len(facts), facts)
			}
			tt.change(t, dir)
			f, ok := Check(facts)
			switch {
			case tt.changed == "" && !ok:
				t.Errorf("Check names %s (%c), want no change", f.Path, f.Op)
			case tt.changed != "" && ok:
				t.Errorf("Check holds, want %s changed", tt.changed)
			case tt.changed != "" && f.Path != filepath.Join(dir, tt.changed):
				t.Errorf("Check names %s, want %s", f.Path, filepath.Join(dir, tt.changed))
			}
		})
	}
}

// TestWalkDir: the same calls as filepath.WalkDir, including SkipDir and
// the second call for a folder that cannot be read.
func TestWalkDir(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"a/x.md", "a/y.md", "b/skip/z.md", "b/w.md", "c.md"} {
		write(t, filepath.Join(dir, name), name)
	}
	if os.Getuid() != 0 { // root reads folders without permission
		locked := filepath.Join(dir, "locked")
		if err := os.Mkdir(locked, 0); err != nil {
			t.Fatal(err)
		}
		defer os.Chmod(locked, 0o755)
	}
	trace := func(walk func(string, fs.WalkDirFunc) error) []string {
		var calls []string
		walk(dir, func(p string, d fs.DirEntry, err error) error {
			rel, _ := filepath.Rel(dir, p)
			calls = append(calls, rel+" "+strings.Join([]string{d.Type().String(), errText(err)}, " "))
			if d != nil && d.Name() == "skip" {
				return fs.SkipDir
			}
			return nil
		})
		return calls
	}
	want, got := trace(filepath.WalkDir), trace(WalkDir)
	if !slices.Equal(got, want) {
		t.Errorf("WalkDir calls\n%s\nwant (filepath.WalkDir)\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func errText(err error) string {
	if err == nil {
		return "<nil>"
	}
	return err.Error()
}

// TestReadFileRefusesFIFO: a FIFO where a post was must not block the run.
func TestReadFileRefusesFIFO(t *testing.T) {
	name := filepath.Join(t.TempDir(), "post.md")
	if err := mkfifo(name); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	done := make(chan error, 1)
	go func() { _, err := ReadFile(name, 1<<20); done <- err }()
	select {
	case err := <-done:
		if err == nil {
			t.Fatal("ReadFile read a FIFO")
		}
	case <-time.After(10 * time.Second):
		t.Fatal("ReadFile blocked on a FIFO")
	}
}

// TestNoReadsBypass: package posts reads the site only through this
// package; a direct os read would be a dependency no stamp checks.
func TestNoReadsBypass(t *testing.T) {
	forbidden := map[string]bool{
		"os.Open": true, "os.OpenFile": true, "os.ReadFile": true, "os.Stat": true, "os.Lstat": true,
		"os.ReadDir": true, "os.DirFS": true, "os.Readlink": true, "filepath.WalkDir": true,
		"filepath.Walk": true, "filepath.EvalSymlinks": true, "filepath.Glob": true, "fs.ReadFile": true,
		"fs.WalkDir": true, "fs.Glob": true, "ioutil.ReadFile": true, "ioutil.ReadDir": true,
	}
	root := ".."
	var checked int
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || d.Name() == "inputs") {
			return fs.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		checked++
		f, err := parser.ParseFile(token.NewFileSet(), p, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			sel, ok := n.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			if pkg, ok := sel.X.(*ast.Ident); ok && forbidden[pkg.Name+"."+sel.Sel.Name] {
				t.Errorf("%s: %s.%s reads the file system past package inputs", p, pkg.Name, sel.Sel.Name)
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 20 {
		t.Fatalf("checked only %d files of package posts", checked)
	}
}

// TestClock: the span is the instants that answer every question the same.
func TestClock(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2026, 1, d, 0, 0, 0, 0, time.UTC) }
	c := NewClock(day(10))
	if !c.After(day(5)) || !c.After(day(8)) || !c.Before(day(20)) || !c.Before(day(12)) || c.Before(day(1)) {
		t.Fatal("wrong answers")
	}
	s := c.Span()
	for _, tt := range []struct {
		t    time.Time
		want bool
	}{{day(8), false}, {day(9), true}, {day(10), true}, {day(11), true}, {day(12), false}, {day(30), false}} {
		if got := s.Holds(tt.t); got != tt.want {
			t.Errorf("Holds(%v) = %v, want %v", tt.t, got, tt.want)
		}
	}
	c.After(day(10)) // a question about now itself
	s = c.Span()
	if !s.Holds(day(10)) || s.Holds(day(10).Add(time.Nanosecond)) || s.Holds(day(10).Add(-time.Nanosecond)) {
		t.Errorf("exact span %+v", s)
	}
	if !NewClock(day(1)).Span().Holds(day(300)) {
		t.Error("a clock asked nothing must hold at any time")
	}
}

// TestConsistent: a file read twice with two answers leaves a log that
// vouches for nothing.
func TestConsistent(t *testing.T) {
	name := filepath.Join(t.TempDir(), "post.md")
	write(t, name, "one")
	l := Record()
	defer l.Stop()
	ReadFile(name, 100)
	ReadFile(name, 100)
	if err := l.Consistent(); err != nil {
		t.Fatalf("same bytes twice: %v", err)
	}
	write(t, name, "two")
	ReadFile(name, 100)
	if err := l.Consistent(); err == nil || !strings.Contains(err.Error(), name) {
		t.Fatalf("Consistent() = %v, want the file named", err)
	}
}

// TestConsistentLimits: a file read whole and then only its head (or the
// other way) has two answers: Check, which reads again with one limit,
// could not tell a change past the head, so the log vouches for nothing.
func TestConsistentLimits(t *testing.T) {
	name := filepath.Join(t.TempDir(), "post.md")
	write(t, name, "head, then the rest")
	l := Record()
	defer l.Stop()
	ReadFile(name, 1<<20)
	ReadFile(name, 4)
	if err := l.Consistent(); err == nil {
		t.Fatalf("a file read with two limits: Consistent() = nil; facts %v", l.Facts())
	}
}
