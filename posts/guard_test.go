package posts

import (
	"fmt"
	"github.com/sessionfeed/sessionfeed/posts/markdown"
	"strings"
	"testing"
	"time"
)

func TestGuardedMarkdownRendersAsText(t *testing.T) {
	// What is past the bound is still there, as text.
	p := testPost(strings.Repeat("> ", 100) + "deep")
	html, err := p.HTML()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(html, "deep") || strings.Count(html, "<blockquote>") > markdown.MaxContainerPrefix/2+1 {
		t.Errorf("%d block quotes:\n%.300s", strings.Count(html, "<blockquote>"), html)
	}
}

// TestPathologicalMarkdownIsLinear: no shape takes more than a small
// multiple of the time of an ordinary post of its size.
func TestPathologicalMarkdownIsLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("renders several hundred kilobytes")
	}
	const n = 300 << 10
	ordinary := testPost(strings.Repeat("Some *words* and a [link](/x/) in a sentence.\n\n", n/48))
	start := time.Now()
	if _, err := ordinary.HTML(); err != nil {
		t.Fatal(err)
	}
	base := max(time.Since(start), 20*time.Millisecond)
	for name, src := range markdown.Shapes(n) {
		start := time.Now()
		if _, err := testPost(src).HTML(); err != nil {
			t.Fatal(err)
		}
		if d := time.Since(start); d > 25*base {
			t.Errorf("%s: %v, ordinary post of the same size %v", name, d, base)
		}
	}
}

// TestLoadWarnsAboutGuardedMarkdown: the author learns which post was cut.
func TestLoadWarnsAboutGuardedMarkdown(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"content/deep.md": "---\ntitle: Deep\ndate: 2021-01-01\n---\nfine\n" + strings.Repeat(">", 1000) + " x\n",
	})
	_, diags, err := Load(&Site{Dir: dir, BaseURL: "https://example.org/", Now: time.Date(2021, 6, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(diags); !strings.Contains(got, "content/deep.md:6: 1 lines nest deeper") {
		t.Errorf("diagnostics %s", got)
	}
}

// BenchmarkPathologicalMarkdown renders the shapes of issue 10 at their
// sizes there: a 9 MB list nested 3,000 levels, 1 MB of ">", 200 KB of
// "- " on one line, and long emphasis runs.
func BenchmarkPathologicalMarkdown(b *testing.B) {
	var nested strings.Builder
	for i := range 3000 {
		nested.WriteString(strings.Repeat("  ", i) + "- item\n")
	}
	for _, c := range []struct{ name, src string }{
		{"nested-list-9MB", nested.String()},
		{"gt-1MB", strings.Repeat(">", 1<<20) + " x\n"},
		{"dash-200KB", strings.Repeat("- ", 100<<10) + "x\n"},
		{"emphasis-1MB", strings.Repeat("*a_b*c_d**e_f*g**h*i_j** ", 40<<10)},
	} {
		b.Run(c.name, func(b *testing.B) {
			p := testPost(c.src)
			b.SetBytes(int64(len(c.src)))
			for b.Loop() {
				if _, err := p.HTML(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// FuzzGuardMarkdown: the guard is idempotent, leaves no line deeper than
// its bound, and only ever adds bytes (backslashes, blank lines) or drops
// white space past the bound.
