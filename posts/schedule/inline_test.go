package schedule

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

func TestPlainText(t *testing.T) {
	defs := map[string]string{
		"4":               "https://everytimezone.com/s/e2dce418",
		"wed at 07:00 et": "https://example.org/wed",
		"rfc":             "https://example.org/rfc",
	}
	tests := []struct {
		in    string
		text  string
		links []Link
	}{
		{"Ryan", "Ryan", nil},
		{"  The   need\tfor  traits ", "The need for traits", nil},
		{"**Ryan**", "Ryan", nil},
		{"*Ryan* and __Niko__", "Ryan and Niko", nil},
		{"~~old~~ new", "old new", nil},
		{"~10 people", "~10 people", nil},
		{"snake_case_name", "snake_case_name", nil},
		{"_emph_ word", "emph word", nil},
		{"2 * 3", "2 * 3", nil},
		{"`code | pipe`", "code | pipe", nil},
		{"`` a`b ``", "a`b", nil},
		{"unclosed `tick", "unclosed `tick", nil},
		{`\*not emphasis\*`, "*not emphasis*", nil},
		{"a &amp; b &lt;c&gt; &#8212; &#x41; &copy;", "a & b <c> — A ©", nil},
		{`\&amp; AT&T &nosuch; &`, "&amp; AT&T &nosuch; &", nil},
		{"<b>Async</b> traits<br>now", "Async traits now", nil},
		{"[Thu at 07:00 ET][4]", "Thu at 07:00 ET", []Link{{"Thu at 07:00 ET", "https://everytimezone.com/s/e2dce418"}}},
		{"[Wed at 07:00 ET]", "Wed at 07:00 ET", []Link{{"Wed at 07:00 ET", "https://example.org/wed"}}},
		{"[WED AT 07:00   ET][]", "WED AT 07:00 ET", []Link{{"WED AT 07:00 ET", "https://example.org/wed"}}},
		{"[not defined]", "[not defined]", nil},
		{"[text][undefined]", "[text][undefined]", nil},
		{"see [the RFC](https://x.org/a_(b) \"title\") now", "see the RFC now", []Link{{"the RFC", "https://x.org/a_(b)"}}},
		{"[**bold** link](<https://x.org/a b>)", "bold link", []Link{{"bold link", "https://x.org/a b"}}},
		{"![alt text](img.png)", "alt text", nil},
		{"[![badge](b.svg)](https://ci)", "badge", []Link{{"badge", "https://ci"}}},
		{"<https://zoom.us/j/1>", "https://zoom.us/j/1", []Link{{"https://zoom.us/j/1", "https://zoom.us/j/1"}}},
		{"<me@example.org>", "me@example.org", []Link{{"me@example.org", "mailto:me@example.org"}}},
		{"join https://zoom.us/j/1.", "join https://zoom.us/j/1.", []Link{{"https://zoom.us/j/1", "https://zoom.us/j/1"}}},
		{`<a href="https://x.org/?a=1&amp;b=2">the <i>doc</i></a>`, "the doc", []Link{{"the doc", "https://x.org/?a=1&b=2"}}},
		{"a < b > c", "a < b > c", nil},
		{"[^1] footnote", "[^1] footnote", nil},
		{"[[nested]]", "[[nested]]", nil},
		{"bad \xff utf8", "bad \uFFFD utf8", nil},
		{"ctl\x00char", "ctl char", nil},
		{"[a [rfc] b](https://outer)", "a rfc b", []Link{{"rfc", "https://example.org/rfc"}, {"a rfc b", "https://outer"}}},
	}
	for _, tt := range tests {
		text, links := plainText(tt.in, defs)
		if text != tt.text || !reflect.DeepEqual(links, tt.links) {
			t.Errorf("plainText(%q) = %q, %v; want %q, %v", tt.in, text, links, tt.text, tt.links)
		}
	}
}

func TestSplitRow(t *testing.T) {
	tests := []struct {
		in       string
		cells    []string
		ok       bool
		codePipe bool
	}{
		{"| a | b |", []string{"a", "b"}, true, false},
		{"a | b", []string{"a", "b"}, true, false},
		{"| a | b", []string{"a", "b"}, true, false},
		{"a | b |", []string{"a", "b"}, true, false},
		{"| a |", []string{"a"}, true, false},
		{"|", []string{}, true, false},
		{"||", []string{""}, true, false},
		{"| a | | c |", []string{"a", "", "c"}, true, false},
		{`| a \| b | c |`, []string{"a | b", "c"}, true, false},
		{"| `a|b` | c |", []string{"`a|b`", "c"}, true, true},
		{"| ``a`|`b`` | c |", []string{"``a`|`b``", "c"}, true, true},
		{"| `unclosed | c |", []string{"`unclosed", "c"}, true, false},
		{"no pipes here", nil, false, false},
		{"`only|in|code`", nil, false, false},
		{`a \| b`, nil, false, false},
	}
	for _, tt := range tests {
		row, ok := splitRow(tt.in, maxColumns)
		if ok != tt.ok || !reflect.DeepEqual(row.cells, tt.cells) || row.codePipe != tt.codePipe {
			t.Errorf("splitRow(%q) = %q, %v, codePipe %v; want %q, %v, %v", tt.in, row.cells, ok, row.codePipe, tt.cells, tt.ok, tt.codePipe)
		}
	}
}

func TestScanDocument(t *testing.T) {
	body := strings.Join([]string{
		"Intro with hours",       // 1
		"",                       // 2
		"| When | Who |",         // 3
		"|---|",                  // 4
		"| a | b |",              // 5
		"c | d",                  // 6
		"not a row",              // 7
		"",                       // 8
		"```",                    // 9
		"| When | Who |",         // 10
		"|---|---|",              // 11
		"```",                    // 12
		"",                       // 13
		"    | When | Who |",     // 14 indented code
		"    |---|---|",          // 15
		"",                       // 16
		"<!-- | When | Who |",    // 17
		"|---|---| -->",          // 18
		"* item one",             // 19
		"  continued",            // 20
		"* [ ] task two",         // 21
		"",                       // 22
		"  - nested",             // 23
		"",                       // 24
		"[Label]: https://x.org", // 25
		"> | Date | Topic |",     // 26
		"> | --- | --- |",        // 27
		"> | x | y |",            // 28
		"",                       // 29
		"1. numbered",            // 30
		"",                       // 31
		"Prose again",            // 32
	}, "\n")
	doc := scanDocument(body)
	var got []string
	for _, b := range doc.blocks {
		switch {
		case b.table != nil:
			s := "table " + strconv.Itoa(b.table.header.num) + ":"
			for _, r := range b.table.rows {
				s += " " + strconv.Itoa(r.num)
			}
			got = append(got, s)
		case b.item != nil:
			got = append(got, "item "+strconv.Itoa(b.item.line)+" g"+strconv.Itoa(b.item.group)+" "+b.item.text)
		}
	}
	for _, p := range doc.paras {
		got = append(got, "para "+strconv.Itoa(p.line)+" "+p.text)
	}
	want := []string{
		"table 3: 5 6",
		"item 19 g1 item one continued",
		"item 21 g1 task two",
		"item 23 g2 nested",
		"table 26: 28",
		"item 30 g3 numbered",
		"para 1 Intro with hours",
		"para 7 not a row",
		"para 32 Prose again",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("blocks:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if doc.defs["label"] != "https://x.org" {
		t.Errorf("defs = %v", doc.defs)
	}
}

func TestSplitLines(t *testing.T) {
	got := splitLines("a\r\nb\rc\n\nd")
	want := []string{"a", "b", "c", "", "d"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("splitLines = %q, want %q", got, want)
	}
}

func TestSaysNoSession(t *testing.T) {
	tests := map[string]bool{
		"No meeting":                          true,
		"No session this week (holiday)":      true,
		"Cancelled":                           true,
		"CANCELED":                            true,
		"Async traits — canceled":             true,
		"Async traits (cancelled, sorry)":     true,
		"Skipped":                             true,
		"US holiday":                          true,
		"Holiday":                             true,
		"Off":                                 true,
		"Day off":                             true,
		"There is no call this week":          true,
		"Challenges from cancellation":        false,
		"Handling canceled futures":           false,
		"Kick off":                            false,
		"The need for Async Traits":           false,
		"Holiday party planning for the team": false,
		"Thu 7:00 (no recording)":             false,
		"":                                    false,
		"TBD":                                 false,
	}
	for in, want := range tests {
		if got := saysNoSession(in); got != want {
			t.Errorf("saysNoSession(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestWordsRole(t *testing.T) {
	tests := map[string]role{
		"When":           roleWhen,
		"Date":           roleWhen,
		"Date/Time":      roleWhen,
		"Date & time":    roleWhen,
		"Day":            roleWhen,
		"Time":           roleClock,
		"Start time":     roleClock,
		"Start":          roleClock,
		"End":            roleEnd,
		"Session":        roleSession,
		"Schedule":       roleWhen,
		"Who":            roleHost,
		"Hosted by":      roleHost,
		"Speaker":        roleHost,
		"Facilitator":    roleHost,
		"Meeting topic":  roleTopic,
		"Title":          roleTopic,
		"Agenda":         roleTopic,
		"Talk":           roleTopic,
		"Where":          roleLocation,
		"Room":           roleLocation,
		"Notes":          roleDetail,
		"Feature":        roleDetail,
		"Time zone":      roleDetail,
		"Topic and date": roleDetail,
		"":               roleDetail,
	}
	for h, want := range tests {
		if got := classifyHeader(h, nil).role; got != want {
			t.Errorf("classifyHeader(%q).role = %v, want %v", h, got, want)
		}
	}
}

func TestBlockContext(t *testing.T) {
	body := strings.Join([]string{
		"## Day 1 — Friday, April 9 ##", // 1
		"",                              // 2
		"| Time | Talk |",               // 3
		"|---|---|",                     // 4
		"| 09:00 | A |",                 // 5
		"",                              // 6
		"Saturday, April 10",            // 7
		"==================",            // 8
		"",                              // 9
		"**Morning:**",                  // 10
		"",                              // 11
		"- 10:00: B",                    // 12
		"- 11:00: C",                    // 13
		"",                              // 14
		"```",                           // 15
		"code",                          // 16
		"```",                           // 17
		"- 12:00: D",                    // 18
	}, "\n")
	doc := scanDocument(body)
	var got []string
	for _, b := range doc.blocks {
		switch {
		case b.table != nil:
			got = append(got, fmt.Sprintf("table %d %q %q", b.table.header.num, b.table.ctx.heading, b.table.ctx.lead))
		case b.item != nil:
			got = append(got, fmt.Sprintf("item %d %q %q", b.item.line, b.item.ctx.heading, b.item.ctx.lead))
		}
	}
	want := []string{
		`table 3 "Day 1 — Friday, April 9" ""`,
		`item 12 "Saturday, April 10" "**Morning:**"`,
		`item 13 "Saturday, April 10" ""`,
		`item 18 "Saturday, April 10" ""`,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("contexts:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestHeaderZone(t *testing.T) {
	zones := testOptions(t).Zones
	tests := map[string]string{
		"When (ET)":                 "America/New_York",
		"Date/Time (PT)":            "America/Los_Angeles",
		"Time, UTC":                 "UTC",
		"Time UTC":                  "UTC",
		"Start time in Berlin time": "Europe/Berlin",
		"Time (Europe/Paris)":       "Europe/Paris",
		"Date (2021)":               "",
		"When":                      "",
		"Topic (ET)":                "",
	}
	for h, want := range tests {
		c := classifyHeader(h, zones)
		got := ""
		if c.zone != nil {
			got = c.zone.String()
		}
		if got != want {
			t.Errorf("classifyHeader(%q).zone = %q, want %q", h, got, want)
		}
	}
}
