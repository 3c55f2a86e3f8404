package schedule

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzRead checks that Read never panics, that what it reports points into
// the body, that its text is clean, and that its entries survive a round
// trip: written back as a Markdown table, they read the same.
func FuzzRead(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.md")
	for _, file := range files {
		if b, err := os.ReadFile(file); err == nil {
			f.Add(b)
		}
	}
	for _, s := range []string{
		"| When | Topic |\n|---|---|\n| Thu 07:00 ET | `a|b` |\n",
		"When | Who\n-|-\nThu | x | y\n",
		"* On March 26th at 10am ET, we will …\n",
		"- [Thu at 07:00 ET][1]\n\n[1]: https://x\n",
		"[[[[[[]]]]]](((((\n",
		"``` ``` `` ` ``\n",
		"<a href='x'><a href=\"y\">z</a>\n",
		"| Date |\n|---|\n| \xff\xfe |\n",
		"> > > | When |\n> > > |---|\n> > > | Fri 2pm |\n",
		"&amp;&#0;&#x110000;&",
	} {
		f.Add([]byte(s))
	}
	opts := testOptions(f)
	f.Fuzz(func(t *testing.T, body []byte) {
		entries, diags := Read(body, opts)
		lines := len(splitLines(string(body)))
		prev := 0
		for _, e := range entries {
			if e.Line < 1 || e.Line > lines || e.Line < prev {
				t.Fatalf("entry line %d out of order or outside 1..%d", e.Line, lines)
			}
			prev = e.Line
			for _, s := range append([]string{e.Text, e.Topic, e.Host, e.Location}, e.Details...) {
				if !utf8.ValidString(s) || strings.ContainsAny(s, "\x00\n\r\t") || s != strings.TrimSpace(s) {
					t.Fatalf("unclean text %q", s)
				}
			}
		}
		for _, d := range diags {
			if d.Line < 1 || d.Line > lines {
				t.Fatalf("diagnostic line %d outside 1..%d: %s", d.Line, lines, d.Message)
			}
		}
		again, _ := Read(body, opts)
		if fmt.Sprint(again) != fmt.Sprint(entries) {
			t.Fatalf("Read is not deterministic")
		}
		checkRoundTrip(t, entries, opts)
	})
}

// checkRoundTrip writes entries as a table with absolute times and checks
// that Read gives them back: same instants, topics and hosts.
func checkRoundTrip(t *testing.T, entries []Entry, opts Options) {
	var b strings.Builder
	b.WriteString("| When | Who | Topic |\n|---|---|---|\n")
	var kept []Entry
	for _, e := range entries {
		if y := e.When.Start.Year(); y < 1000 || y > 9999 {
			continue // RFC 3339 has four-digit years
		}
		when := e.When.Start.Format(time.RFC3339)
		if e.When.DateOnly {
			when = e.When.Start.Format("2006-01-02")
		}
		fmt.Fprintf(&b, "| %s | %s | %s |\n", when, escapeMarkdown(e.Host), escapeMarkdown(e.Topic))
		kept = append(kept, e)
	}
	if len(kept) == 0 {
		return
	}
	back, diags := Read([]byte(b.String()), opts)
	if len(back) != len(kept) {
		t.Fatalf("round trip: %d entries, want %d\n%s\n%v", len(back), len(kept), b.String(), diags)
	}
	for i, e := range kept {
		g := back[i]
		same := g.When.Start.Equal(e.When.Start)
		if e.When.DateOnly {
			same = g.When.DateOnly && g.When.Start.Format("2006-01-02") == e.When.Start.Format("2006-01-02")
		}
		if !same || g.Topic != e.Topic || g.Host != e.Host {
			t.Fatalf("round trip of entry %d:\n got %v %q %q\nwant %v %q %q\n%s", i, g.When.Start, g.Topic, g.Host,
				e.When.Start, e.Topic, e.Host, b.String())
		}
	}
}

// escapeMarkdown makes plain text a literal table cell.
func escapeMarkdown(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if isASCIIPunct(s[i]) {
			b.WriteByte('\\')
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// TestHostileInput reads the shapes issue 5 lists: each must come back
// without a panic, with sensible results.
func TestHostileInput(t *testing.T) {
	opts := testOptions(t)
	wide := "| When | " + strings.Repeat("Col | ", 999) + "\n" + strings.Repeat("|---", 1000) + "|\n| Thu 07:00 ET | " + strings.Repeat("x | ", 999) + "\n"
	var long bytes.Buffer
	long.WriteString("| Date | Topic |\n|---|---|\n")
	day := time.Date(2021, 4, 8, 0, 0, 0, 0, time.UTC)
	for i := 0; i < 100_000; i++ {
		fmt.Fprintf(&long, "| %s 10:00 UTC | topic %d |\n", day.AddDate(0, 0, i).Format("2006-01-02"), i)
	}
	var continued bytes.Buffer
	continued.WriteString("| When | Topic | Notes |\n|---|---|---|\n| Thu 07:00 ET | start | a |\n")
	for i := 0; i < 100_000; i++ {
		continued.WriteString("| | more words of the topic | b |\n")
	}
	var nested strings.Builder
	for i := 0; i < 3_000; i++ { // 9 MB of indentation
		nested.WriteString(strings.Repeat("  ", i) + "- Thu 07:00 ET: level\n")
	}
	tests := []struct {
		name    string
		body    string
		entries int
	}{
		{"1,000 columns", wide, 1},
		{"100,000 rows", long.String(), 100_000},
		{"10 MB paragraph line", strings.Repeat("Each meeting will run ", 500_000), 0},
		{"10 MB table cell", "| When | Topic |\n|---|---|\n| Thu 07:00 ET | " + strings.Repeat("[a](b) `c` *d* <e> &amp; ", 400_000) + "|\n", 1},
		{"10 MB list item", "- Thu 07:00 ET: " + strings.Repeat("word ", 2_000_000) + "\n", 1},
		{"10 MB of brackets", "- Thu 07:00 ET " + strings.Repeat("[", 5_000_000) + strings.Repeat("]", 5_000_000), 1},
		{"10 MB of backticks", "- Thu 07:00 ET " + strings.Repeat("`a``b```c", 1_000_000), 1},
		{"10 MB of pipes", "| When |\n|---|\n" + strings.Repeat("|", 10_000_000), 0},
		// Nesting past markdown.MaxContainerPrefix is read as text, as
		// the feed renders it: the levels within the bound are read.
		{"deeply nested list", nested.String(), 32},
		{"100,000 continuation rows", continued.String(), 1},
		{"one-line nested list", strings.Repeat("- ", 1_000_000) + "Thu 07:00 ET\n", 0},
		{"nested blockquotes", strings.Repeat(">", 1_000_000) + " | When |\n|---|\n| Thu 07:00 ET |\n", 0},
		{"100,000 dated headings over undated tables", strings.Repeat("## Talks on Friday, April 9, in the big room with all of the many good people\n| Time | Talk |\n|-|-|\n| 9:00 | A |\n", 100_000), 100_000},
		{"invalid UTF-8", "| When | Topic |\n|---|---|\n| Thu 07:00 ET | \xff\xfe\xc3 |\n\xff- \xc3\x28\n", 1},
		{"unterminated fence", "```\n| When |\n|---|\n| Thu 07:00 ET |\n", 0},
		{"unterminated comment", "<!--\n| When |\n|---|\n| Thu 07:00 ET |\n", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			entries, _ := Read([]byte(tt.body), opts)
			if len(entries) != tt.entries {
				t.Errorf("%d entries, want %d", len(entries), tt.entries)
			}
		})
	}
}

// BenchmarkRead reads generated schedule tables of growing size (time per
// row should stay flat: the reader is linear) and a 10 MB line of markup.
func BenchmarkRead(b *testing.B) {
	opts := testOptions(b)
	for _, rows := range []int{1_000, 10_000, 100_000} {
		body := scheduleTable(rows)
		b.Run(fmt.Sprintf("rows=%d", rows), func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			for b.Loop() {
				if entries, _ := Read(body, opts); len(entries) != rows {
					b.Fatalf("%d entries", len(entries))
				}
			}
		})
	}
	line := []byte("- Thu 07:00 ET: " + strings.Repeat("[a](b) `c` *d* <e> &amp; [[x]] ", 330_000))
	b.Run("10MB-line", func(b *testing.B) {
		b.SetBytes(int64(len(line)))
		for b.Loop() {
			Read(line, opts)
		}
	})
}

// scheduleTable is a Date/Time/Host/Topic/Notes table of n rows, with the
// hours stated in prose above it and markup in the cells.
func scheduleTable(n int) []byte {
	var body bytes.Buffer
	body.WriteString("Each meeting will run from 2pm to 3pm GMT.\n\n| Date | Time | Host | Topic | Notes |\n|---|---|---|---|---|\n")
	day := time.Date(2021, 4, 8, 0, 0, 0, 0, time.UTC)
	for i := 0; i < n; i++ {
		fmt.Fprintf(&body, "| [%s](https://everytimezone.com/s/%d) | 10:00 ET | **Host %d** | The `topic` of session %d | bring questions |\n",
			day.AddDate(0, 0, i).Format("Jan 2, 2006"), i, i%7, i)
	}
	return body.Bytes()
}
