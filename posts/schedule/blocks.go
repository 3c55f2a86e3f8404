package schedule

import "strings"

// The block reader is line based on purpose. A CommonMark parser (goldmark)
// would find code blocks and link reference definitions just as well, but it
// accepts only the tables GFM accepts: a delimiter row whose cell count
// disagrees with the header makes the whole table a paragraph, and the row
// structure of what it rejects is lost. People write such tables and mean
// them, so the reader recognises blocks the way a person skims a file: fenced
// and indented code, HTML comments and raw <pre>/<script> blocks are skipped;
// a line with a cell pipe followed by a dash-and-pipe line opens a table; a
// line opening with a bullet or number is a list item; the rest is prose.
// Every step looks at each byte a bounded number of times, so the reader is
// linear in the body.

// docBlock is a table or a list item, in body order.
type docBlock struct {
	table *rawTable
	item  *rawItem
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

// rawItem is a list item: the text after its marker, with the lazy
// continuation lines that directly follow it joined by spaces.
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

// paragraph is prose, read only for the hours a post states once.
type paragraph struct {
	line int
	text string
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

// stripQuotes removes blockquote markers, so that tables and lists quoted
// from elsewhere are read like the others.
func stripQuotes(s string) string {
	for {
		t := strings.TrimLeft(s, " ")
		if len(s)-len(t) > 3 || !strings.HasPrefix(t, ">") {
			return s
		}
		s = t[1:]
		if strings.HasPrefix(s, " ") || strings.HasPrefix(s, "\t") {
			s = s[1:]
		}
	}
}

// indentation returns the indentation of s in columns (tabs to the next
// multiple of 4) and s without it.
func indentation(s string) (int, string) {
	cols := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ':
			cols++
		case '\t':
			cols += 4 - cols%4
		default:
			return cols, s[i:]
		}
	}
	return cols, ""
}

// fenceOpen reports whether s (indentation removed) opens a fenced code
// block, and the fence character and length that close it.
func fenceOpen(s string) (byte, int, bool) {
	if len(s) < 3 || (s[0] != '`' && s[0] != '~') {
		return 0, 0, false
	}
	c := s[0]
	n := 0
	for n < len(s) && s[n] == c {
		n++
	}
	if n < 3 || (c == '`' && strings.IndexByte(s[n:], '`') >= 0) {
		return 0, 0, false
	}
	return c, n, true
}

// fenceCloses reports whether s (indentation removed) closes a fence of n
// characters c.
func fenceCloses(s string, c byte, n int) bool {
	i := 0
	for i < len(s) && s[i] == c {
		i++
	}
	return i >= n && strings.TrimSpace(s[i:]) == ""
}

// rawHTMLEnd returns the closing tag of a raw HTML block that s opens
// (<pre>, <script>, <style>, <textarea>: their content is not Markdown), or
// of a code shortcode of a static site generator (Hugo's {{< highlight >}},
// Jekyll's {% highlight %}).
func rawHTMLEnd(s string) (string, bool) {
	for _, sc := range [...]struct{ open, end string }{
		{"{{< highlight", "{{< /highlight"}, {"{{% highlight", "{{% /highlight"},
		{"{% highlight", "endhighlight"},
	} {
		if strings.HasPrefix(s, sc.open) {
			return sc.end, true
		}
	}
	for _, tag := range [...]string{"pre", "script", "style", "textarea"} {
		if len(s) > len(tag)+1 && s[0] == '<' && strings.EqualFold(s[1:1+len(tag)], tag) {
			switch s[1+len(tag)] {
			case '>', ' ', '\t':
				return "</" + tag + ">", true
			}
		}
	}
	return "", false
}

// containsFold reports whether s contains the lower-case ASCII string sub,
// ignoring case.
func containsFold(s, sub string) bool {
	return strings.Contains(strings.ToLower(s), sub)
}

// isThematicBreak reports whether s (indentation removed) is "***", "- - -"…
func isThematicBreak(s string) bool {
	if s == "" || (s[0] != '-' && s[0] != '*' && s[0] != '_') {
		return false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case s[0]:
			n++
		case ' ', '\t':
		default:
			return false
		}
	}
	return n >= 3
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

// isSetextUnderline reports whether s underlines the line above it as a
// heading ("=====", "-----").
func isSetextUnderline(s string) bool {
	s = strings.TrimSpace(s)
	return s != "" && (strings.Trim(s, "=") == "" || strings.Trim(s, "-") == "")
}

// isHeading reports whether s (indentation removed) is an ATX heading.
func isHeading(s string) bool {
	n := 0
	for n < len(s) && s[n] == '#' {
		n++
	}
	return n >= 1 && n <= 6 && (n == len(s) || s[n] == ' ' || s[n] == '\t')
}

// listMarker reports whether s (indentation removed) opens a list item
// ("* ", "- ", "+ ", "1. ", "1) ") and returns the item's text.
func listMarker(s string) (string, bool) {
	i := 0
	if s != "" && (s[0] == '-' || s[0] == '*' || s[0] == '+') {
		i = 1
	} else {
		for i < len(s) && i < 9 && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i == 0 || i >= len(s) || (s[i] != '.' && s[i] != ')') {
			return "", false
		}
		i++
	}
	if i == len(s) {
		return "", true
	}
	if s[i] != ' ' && s[i] != '\t' {
		return "", false
	}
	text := strings.TrimLeft(s[i:], " \t")
	// A task list box is not part of the item's text.
	if len(text) >= 3 && text[0] == '[' && text[2] == ']' && strings.ContainsRune(" xX", rune(text[1])) {
		text = strings.TrimLeft(text[3:], " \t")
	}
	return text, true
}

// linkDefinition reads a link reference definition, "[label]: dest 'title'".
func linkDefinition(s string) (label, dest string, ok bool) {
	if !strings.HasPrefix(s, "[") || strings.HasPrefix(s, "[^") {
		return "", "", false
	}
	end := strings.Index(s, "]:")
	if end < 2 || strings.ContainsAny(s[1:end], "[]") {
		return "", "", false
	}
	rest := strings.TrimLeft(s[end+2:], " \t")
	if strings.HasPrefix(rest, "<") {
		gt := strings.IndexByte(rest, '>')
		if gt < 0 {
			return "", "", false
		}
		dest = rest[1:gt]
	} else {
		dest, _, _ = strings.Cut(rest, " ")
		dest, _, _ = strings.Cut(dest, "\t")
	}
	if dest == "" {
		return "", "", false
	}
	return s[1:end], dest, true
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

// scanDocument finds the blocks of body.
func scanDocument(body string) *document {
	doc := &document{defs: map[string]string{}}
	lines := splitLines(body)

	var (
		fenceChar   byte // inside a fenced code block when non-zero
		fenceLen    int
		inComment   bool   // inside an HTML comment
		htmlEnd     string // inside a raw HTML block until this tag
		inCode      bool   // inside an indented code block
		prevBlank   = true
		inList      bool
		group       int
		table       *rawTable
		item        *rawItem
		itemText    []string
		para        *paragraph
		paraText    []string
		paraTooLong bool
		ctx         blockContext // lead is set while the last block is a short paragraph
	)
	endItem := func() {
		if item != nil {
			item.text = strings.Join(itemText, " ")
			doc.blocks = append(doc.blocks, docBlock{item: item})
			item, itemText, ctx.lead = nil, nil, ""
		}
	}
	endPara := func() {
		if para != nil && !paraTooLong {
			para.text = strings.Join(paraText, " ")
			doc.paras = append(doc.paras, *para)
			if len(para.text) <= maxLead {
				ctx.lead = para.text
			}
		}
		para, paraText, paraTooLong = nil, nil, false
	}
	endTable := func() {
		if table != nil {
			doc.blocks = append(doc.blocks, docBlock{table: table})
			table, ctx.lead = nil, ""
		}
	}
	endAll := func() { endItem(); endPara(); endTable() }

	for i := 0; i < len(lines); i++ {
		raw, num := lines[i], i+1
		if fenceChar != 0 {
			if _, s := indentation(stripQuotes(raw)); fenceCloses(s, fenceChar, fenceLen) {
				fenceChar = 0
			}
			continue
		}
		if htmlEnd != "" {
			if containsFold(raw, htmlEnd) {
				htmlEnd = ""
			}
			continue
		}
		line := raw
		if inComment {
			end := strings.Index(line, "-->")
			if end < 0 {
				continue
			}
			inComment = false
			line = line[end+3:]
		}
		line = removeComments(line, &inComment)
		line = stripQuotes(line)
		indent, s := indentation(line)

		if strings.TrimSpace(s) == "" {
			endAll()
			prevBlank = true
			continue
		}
		wasBlank := prevBlank
		prevBlank = false

		if table != nil {
			if hasCellPipe(s) {
				table.rows = append(table.rows, srcLine{num, s})
				continue
			}
			endTable()
		}
		if indent >= 4 && !inList && para == nil && item == nil && (wasBlank || inCode) {
			inCode = true
			continue
		}
		inCode = false
		if indent < 4 || inList {
			if c, n, ok := fenceOpen(s); ok {
				endAll()
				fenceChar, fenceLen, ctx.lead = c, n, ""
				continue
			}
			if end, ok := rawHTMLEnd(s); ok {
				endAll()
				ctx.lead = ""
				if !containsFold(s, end) {
					htmlEnd = end
				}
				continue
			}
			if label, dest, ok := linkDefinition(s); ok {
				endAll()
				key := normalizeLabel(label)
				if _, dup := doc.defs[key]; !dup && key != "" {
					doc.defs[key] = dest
				}
				continue
			}
		}
		if i+1 < len(lines) && isDelimiterRow(stripQuotes(lines[i+1])) {
			if hasCellPipe(s) {
				endAll()
				if indent == 0 {
					inList = false
				}
				table = &rawTable{header: srcLine{num, s}, delim: srcLine{num + 1, stripQuotes(lines[i+1])}, ctx: ctx}
				i++ // the delimiter row is read
				continue
			}
		}
		if para != nil && len(paraText) == 1 && isSetextUnderline(s) {
			ctx.heading = paraText[0]
			para, paraText = nil, nil
			endAll()
			ctx.lead = ""
			continue
		}
		if i+1 < len(lines) && para == nil && item == nil && isBareTableStart(s, stripQuotes(lines[i+1])) {
			endAll()
			if indent == 0 {
				inList = false
			}
			table = &rawTable{header: srcLine{num, s}, ctx: ctx, noDelimiter: true}
			continue
		}
		if isThematicBreak(s) || isHeading(s) {
			endAll()
			ctx.lead = ""
			if isHeading(s) {
				ctx.heading = strings.TrimRight(strings.TrimLeft(s, "#"), "# \t")
				if len(ctx.heading) > maxLead {
					ctx.heading = ""
				}
			}
			if indent == 0 {
				inList = false
			}
			continue
		}
		if text, ok := listMarker(s); ok {
			endAll()
			if !inList {
				inList = true
				group++
			}
			item = &rawItem{line: num, group: group, ctx: ctx}
			itemText = []string{text}
			continue
		}
		if item != nil && !wasBlank {
			itemText = append(itemText, s)
			continue
		}
		if para == nil {
			endAll()
			if indent == 0 && wasBlank {
				inList = false
			}
			para = &paragraph{line: num}
		}
		if len(paraText) < maxParagraphLines && len(s) <= maxParagraphBytes {
			paraText = append(paraText, s)
		} else {
			paraTooLong = true
		}
	}
	endAll()
	return doc
}

// Prose is read for stated hours only in paragraphs of a sensible size: a
// sentence that states hours is short, and the time parser need not see
// megabytes of text.
const (
	maxParagraphLines = 50
	maxParagraphBytes = 4096
)

// removeComments removes HTML comments from line; *open is set when a
// comment runs past its end. "<!--" inside a code span (an odd number of
// backticks before it) is text, not a comment.
func removeComments(line string, open *bool) string {
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
