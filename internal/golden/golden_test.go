package golden

import (
	"os"
	"path/filepath"
	"testing"
)

// fakeT records what Check reports instead of failing the test.
type fakeT struct {
	testing.TB
	failed bool
}

func (f *fakeT) Helper()               {}
func (f *fakeT) Errorf(string, ...any) { f.failed = true }
func (f *fakeT) Fatalf(string, ...any) { f.failed = true }
func (f *fakeT) Fatal(...any)          { f.failed = true }

func TestCheck(t *testing.T) {
	file := filepath.Join(t.TempDir(), "sub", "out.golden")
	Check(t, file, []byte("a\nb\n"), true)
	if data, err := os.ReadFile(file); err != nil || string(data) != "a\nb\n" {
		t.Fatalf("-update wrote %q, %v", data, err)
	}
	for _, tt := range []struct {
		got    string
		failed bool
	}{{"a\nb\n", false}, {"a\nc\n", true}, {"a\nb", true}} {
		f := &fakeT{TB: t}
		Check(f, file, []byte(tt.got), false)
		if f.failed != tt.failed {
			t.Errorf("Check(%q): failed %v, want %v", tt.got, f.failed, tt.failed)
		}
	}
	if d := LineDiff("a\nb\nc", "a\nx\nc"); d != "line 2:\n  want b\n  got  x\n" {
		t.Errorf("LineDiff = %q", d)
	}
}
