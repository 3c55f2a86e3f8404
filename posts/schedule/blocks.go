package schedule

import (
	"strings"
)

// The blocks of a body are found by goldmark (markdown.go), which decides
// what is code, a quote, a list or a heading exactly as the feed's renderer
// does. Pipe tables are read from goldmark's paragraphs by this package:
// GFM rejects tables people write and mean (a delimiter row whose cell count
// disagrees with the header, no delimiter row at all) and renders them as
// text, so the reader recognises them in a paragraph's lines the way a
// person skims them: a line with a cell pipe followed by a dash-and-pipe
// line opens a table, as do two lines with outer pipes.

// docBlock is a table, a list item, a paragraph or a heading, in body
// order. Exactly one field is set.
type docBlock struct {
	table   *rawTable
	item    *rawItem
	para    *paragraph
	heading *paragraph
}

// rawTable is a pipe table as written.
type rawTable struct {
	header srcLine
	delim  srcLine
	rows   []srcLine
	ctx    blockContext

	noDelimiter bool // written without a delimiter row: GFM renders it as text
}

// blockContext is the text a reader sees above a table or list, where the
// date of a day's schedule is often written once: the heading it is under
// ("### Friday, April 9") and the short paragraph right before it ("**Day
// 2, April 9**:").
type blockContext struct {
	heading, lead string
}

// maxLead is the longest paragraph taken as the lead of a table or list.
const maxLead = 200

// rawItem is a list item: the text of its first paragraph, lines joined by
// spaces.
type rawItem struct {
	line  int
	text  string
	group int // items of one list share a group
	ctx   blockContext
}

// srcLine is a line of the body with container markers (blockquote ">")
// removed.
type srcLine struct {
	num  int
	text string
}

// paragraph is prose (or a heading's text), lines joined by spaces.
type paragraph struct {
	line  int
	text  string
	ctx   blockContext
	lines []srcLine // as written, to tell on which line a sentence starts
}

// lineOf returns the line on which text, a sentence of the paragraph as
// plain text, starts: the first line that holds its first words.
func (p *paragraph) lineOf(text string) int {
	words := strings.Fields(text)
	if len(words) > 3 {
		words = words[:3]
	}
	probe := strings.Join(words, " ")
	for len(probe) > 0 {
		for _, l := range p.lines {
			if strings.Contains(l.text, probe) {
				return l.num
			}
		}
		// Markup between the words ("**Thu**"): try fewer of them.
		if i := strings.LastIndexByte(probe, ' '); i > 0 {
			probe = probe[:i]
		} else {
			break
		}
	}
	return p.line
}

// document is what the block reader finds in a body.
type document struct {
	defs   map[string]string // normalized link label → destination as written
	blocks []docBlock
	paras  []paragraph
}

// splitLines splits s at "\n", "\r\n" and lone "\r" (CommonMark's line
// endings); line i of the result is line i+1 of the body.
func splitLines(s string) []string {
	var lines []string
	for len(s) > 0 {
		i := strings.IndexAny(s, "\r\n")
		if i < 0 {
			lines = append(lines, s)
			break
		}
		lines = append(lines, s[:i])
		if s[i] == '\r' && i+1 < len(s) && s[i+1] == '\n' {
			i++
		}
		s = s[i+1:]
	}
	return lines
}

// isBareTableStart reports whether line, followed by next, starts a table
// written without a delimiter row: both lines have outer pipes on both
// sides and at least two cells. GFM renders such lines as a paragraph, but
// a person reads a table, and so does the reader (with a warning).
func isBareTableStart(line, next string) bool {
	return hasOuterPipes(line) && hasOuterPipes(next) && !isDelimiterRow(next)
}

func hasOuterPipes(s string) bool {
	s = strings.TrimSpace(s)
	if len(s) < 3 || s[0] != '|' || s[len(s)-1] != '|' || strings.HasSuffix(s, `\|`) {
		return false
	}
	row, ok := splitRow(s, 3)
	return ok && len(row.cells) >= 2
}

// stripTaskBox removes a task list box ("[ ] ", "[x] ") from an item's text.
func stripTaskBox(text string) string {
	if len(text) >= 3 && text[0] == '[' && text[2] == ']' && strings.ContainsRune(" xX", rune(text[1])) {
		return strings.TrimLeft(text[3:], " \t")
	}
	return text
}

// normalizeLabel folds a link label the way CommonMark matches labels:
// case-insensitively, with runs of whitespace as one space.
func normalizeLabel(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// isDelimiterRow reports whether s is a table's delimiter row: dashes,
// colons, pipes and spaces only, with a pipe (or at least two dash groups, so
// that a setext heading underline is not taken for one).
func isDelimiterRow(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || strings.Trim(s, "|-: \t") != "" || !strings.Contains(s, "-") {
		return false
	}
	return strings.Contains(s, "|") || len(strings.Fields(s)) >= 2
}

// Prose is read only in paragraphs of a sensible size: a sentence that
// announces a session is short, and the time parser need not see megabytes
// of text.
const (
	maxParagraphLines = 50
	maxParagraphBytes = 4096
)

// removeComments removes HTML comments from line; *open is set when a
// comment runs past its end. "<!--" inside a code span (an odd number of
// backticks before it) is text, not a comment.
func removeComments(line string, open *bool) string {
	if *open {
		end := strings.Index(line, "-->")
		if end < 0 {
			return ""
		}
		*open = false
		line = line[end+3:]
	}
	if !strings.Contains(line, "<!--") {
		return line
	}
	var b strings.Builder
	for {
		start := strings.Index(line, "<!--")
		if start < 0 {
			b.WriteString(line)
			return b.String()
		}
		if strings.Count(line[:start], "`")%2 == 1 {
			b.WriteString(line[:start+4])
			line = line[start+4:]
			continue
		}
		b.WriteString(line[:start])
		end := strings.Index(line[start+4:], "-->")
		if end < 0 {
			*open = true
			return b.String()
		}
		b.WriteByte(' ')
		line = line[start+4+end+3:]
	}
}
