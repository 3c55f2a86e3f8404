package markdown

import (
	"bytes"
	"strings"
	"testing"
)

func TestGuardMarkdownKeepsOrdinaryPosts(t *testing.T) {
	for _, src := range []string{
		"# Title\n\nSome *emphasis*, **strong**, _under_ and [a link](/x/).\n",
		"- a\n  - b\n    - c\n      - d\n        - e\n",
		"> quote\n> > nested\n> > > deeper\n",
		"1. one\n2. two\n   1) sub\n",
		"| When | Topic |\n|---|---|\n| Thu 07:00 ET | *Async* |\n",
		"```\n" + strings.Repeat(">", 200) + "\n```\n",
		strings.Repeat("word ", 20000) + "\n",
	} {
		out, first, n := Guard([]byte(src))
		if string(out) != src || first != 0 || n != 0 {
			t.Errorf("Guard changed an ordinary post (line %d, %d lines):\n%q\n→\n%q", first, n, src, out)
		}
	}
}

func TestGuardMarkdownBounds(t *testing.T) {
	for name, src := range Shapes(200 << 10) {
		out, first, n := Guard([]byte(src))
		if n == 0 || first == 0 {
			t.Errorf("%s: nothing bounded", name)
			continue
		}
		for _, line := range bytes.Split(out, []byte("\n")) {
			if prefix, cut := containerPrefix(line); prefix > MaxContainerPrefix+1 && cut != -1 {
				t.Errorf("%s: a line still opens %d bytes deep", name, prefix)
				break
			}
		}
	}
}

func FuzzGuardMarkdown(f *testing.F) {
	for _, src := range Shapes(4 << 10) {
		f.Add([]byte(src))
	}
	f.Add([]byte("```\n>>>>\n```\n> - 1. [x] *a*\n"))
	f.Add([]byte("\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t- x\n"))
	// At the bounds, and one past them.
	for _, n := range []int{MaxContainerPrefix - 1, MaxContainerPrefix, MaxContainerPrefix + 1} {
		f.Add([]byte(strings.Repeat(">", n) + " x\n"))
		f.Add([]byte(strings.Repeat(">", n) + "x"))
		f.Add([]byte(strings.Repeat(" ", n) + "-\n"))
		f.Add([]byte(strings.Repeat(" ", n-1) + "- x\n"))
		f.Add([]byte(strings.Repeat("1. ", n/3) + "x\n"))
	}
	for _, n := range []int{MaxParagraphDelims, MaxParagraphDelims + 1} {
		f.Add([]byte("a " + strings.Repeat("*", n) + "\n"))
		f.Add([]byte(strings.Repeat("[", n/2) + "\n\n" + strings.Repeat("]", n-n/2) + "\n"))
	}
	f.Add([]byte(strings.Repeat("word ", MaxParagraphBytes/5+1)))
	f.Fuzz(func(t *testing.T, src []byte) {
		// What the shortcut lets through, the line-by-line pass leaves.
		for _, inline := range []bool{true, false} {
			if !withinBounds(src, inline) {
				continue
			}
			if out, _, n := guardLines(src, inline); n != 0 || !bytes.Equal(out, src) {
				t.Fatalf("within bounds (inline %v), yet guarded: %d lines\n%q\n%q", inline, n, src, out)
			}
		}
		out, _, n := Guard(src)
		if n == 0 && !bytes.Equal(out, src) && !bytes.Equal(bytes.ReplaceAll(out, []byte("\n\n"), []byte("\n")), bytes.ReplaceAll(src, []byte("\n\n"), []byte("\n"))) {
			t.Fatalf("changed without saying so:\n%q\n%q", src, out)
		}
		again, _, m := Guard(out)
		if m != 0 || !bytes.Equal(again, out) {
			t.Fatalf("not idempotent (%d more lines):\n%q\n%q", m, out, again)
		}
		// The schedule reader's guard keeps every line where it was.
		blocks, _, _ := GuardBlocks(src)
		if bytes.Count(blocks, []byte("\n")) != bytes.Count(src, []byte("\n")) {
			t.Fatalf("GuardBlocks changed the line count:\n%q\n%q", src, blocks)
		}
		if bytes.Contains(src, []byte("```")) || bytes.Contains(src, []byte("~~~")) {
			return // code in a fence may look like anything
		}
		for _, line := range bytes.Split(out, []byte("\n")) {
			if _, cut := containerPrefix(line); cut >= 0 {
				t.Fatalf("a line still opens too deep: %q", line)
			}
		}
	})
}
