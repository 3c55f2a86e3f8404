package markdown

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/yuin/goldmark"
)

func TestGuard(t *testing.T) {
	tests := []struct {
		name, in, want string
		cut            bool
	}{
		{"plain", "# Title\n\nSome text.\n", "# Title\n\nSome text.\n", false},
		{"shallow list", "- a\n  - b\n    - c\n", "- a\n  - b\n    - c\n", false},
		{"quote", "> > quoted\n", "> > quoted\n", false},
		{"deep quote", strings.Repeat(">", 100) + " deep\nnext\n", strings.Repeat(">", 64) + "deep\nnext\n", true},
		{"deep bullets", strings.Repeat("- ", 50) + "item\r\nnext", strings.Repeat("- ", 32) + "item\r\nnext", true},
		{"deep item", strings.Repeat(" ", 100) + "- x\n", strings.Repeat(" ", 62) + "- x\n", true},
		{"deep indent", strings.Repeat(" ", 200) + "x\n", strings.Repeat(" ", 64) + "x\n", true},
		{"only prefix", strings.Repeat("> ", 100) + "\n", strings.Repeat("> ", 32) + "\n", true},
		{"numbers as text", "1. 2. 3. go\n", "1. 2. 3. go\n", false},
	}
	for _, tt := range tests {
		got, cut := Guard([]byte(tt.in))
		if string(got) != tt.want || cut != tt.cut {
			t.Errorf("%s: Guard(%q) = %q, %v; want %q, %v", tt.name, tt.in, got, cut, tt.want, tt.cut)
		}
		if strings.Count(string(got), "\n") != strings.Count(tt.in, "\n") {
			t.Errorf("%s: line count changed", tt.name)
		}
	}
}

// pathological are inputs that take goldmark minutes unguarded.
func pathological() map[string][]byte {
	var nested bytes.Buffer
	for i := 0; i < 3000; i++ {
		nested.WriteString(strings.Repeat("  ", i))
		nested.WriteString("- item\n")
	}
	return map[string][]byte{
		"nested list 3000 levels": nested.Bytes(),
		"one-line bullets 200KB":  []byte(strings.Repeat("- ", 100_000) + "x\n"),
		"quote markers 1MB":       []byte(strings.Repeat(">", 1<<20) + " x\n"),
		"quote markers 400KB":     []byte(strings.Repeat("> ", 200_000) + "x\n"),
	}
}

// TestGuardBoundsGoldmark checks that guarded pathological inputs parse
// like ordinary text: in work proportional to their size, by counting
// nothing but that the parse finishes (the benchmark measures it).
func TestGuardBoundsGoldmark(t *testing.T) {
	for name, src := range pathological() {
		guarded, cut := Guard(src)
		if !cut {
			t.Errorf("%s: nothing cut", name)
		}
		start := time.Now()
		var out bytes.Buffer
		if err := goldmark.Convert(guarded, &out); err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %d bytes in %v", name, len(src), time.Since(start))
	}
}

func BenchmarkPathological(b *testing.B) {
	for name, src := range pathological() {
		b.Run(strings.ReplaceAll(name, " ", "_"), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				guarded, _ := Guard(src)
				var out bytes.Buffer
				if err := goldmark.Convert(guarded, &out); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func FuzzGuard(f *testing.F) {
	f.Add([]byte("- a\n  - b\n"))
	f.Add([]byte(strings.Repeat("> ", 40) + "x"))
	f.Fuzz(func(t *testing.T, src []byte) {
		got, _ := Guard(src)
		if bytes.Count(got, []byte("\n")) != bytes.Count(src, []byte("\n")) || bytes.Count(got, []byte("\r")) != bytes.Count(src, []byte("\r")) {
			t.Fatalf("line breaks changed")
		}
		again, cut := Guard(got)
		if cut || !bytes.Equal(again, got) {
			t.Fatalf("Guard is not idempotent")
		}
		if len(got) > len(src) {
			t.Fatalf("grew from %d to %d bytes", len(src), len(got))
		}
	})
}
