package schedule

import (
	"bytes"
	"sort"
	"strings"

	"github.com/sessionfeed/sessionfeed/posts/markdown"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"golang.org/x/net/html"
)

// blockParser finds blocks only: the reader renders the inline text of the
// few blocks it reads itself (plainText), so goldmark's inline pass, the
// costly half of parsing, is left out. Link reference definitions are still
// collected, by the default paragraph transformer.
var blockParser = parser.NewParser(
	parser.WithBlockParsers(parser.DefaultBlockParsers()...),
	parser.WithParagraphTransformers(parser.DefaultParagraphTransformers()...),
)

// scanDocument finds the blocks of body with goldmark: code (fenced or
// indented, also inside lists and quotes), HTML comments and raw HTML other
// than tables are skipped; quotes are read like the rest.
func scanDocument(body string) *document {
	src, _, _ := markdown.GuardBlocks([]byte(body))
	pc := parser.NewContext()
	root := blockParser.Parse(text.NewReader(src), parser.WithContext(pc))
	s := &docScanner{src: src, doc: &document{defs: map[string]string{}}}
	for _, ref := range pc.References() {
		key := normalizeLabel(string(ref.Label()))
		if _, dup := s.doc.defs[key]; !dup && key != "" {
			s.doc.defs[key] = string(ref.Destination())
		}
	}
	s.lineStarts = append(s.lineStarts, 0)
	for i := 0; i < len(src); i++ {
		if src[i] == '\n' || (src[i] == '\r' && (i+1 == len(src) || src[i+1] != '\n')) {
			s.lineStarts = append(s.lineStarts, i+1)
		}
	}
	s.walk(root)
	return s.doc
}

type docScanner struct {
	src        []byte
	doc        *document
	lineStarts []int
	ctx        blockContext
	group      int
	skipUntil  string // inside a code shortcode until this closing text
}

// lineOf returns the 1-based line of byte offset off.
func (s *docScanner) lineOf(off int) int {
	return sort.SearchInts(s.lineStarts, off+1)
}

// lines returns a block's source lines, without line endings.
func (s *docScanner) lines(n ast.Node) []srcLine {
	segs := n.Lines()
	out := make([]srcLine, 0, segs.Len())
	for i := 0; i < segs.Len(); i++ {
		seg := segs.At(i)
		t := strings.TrimRight(string(seg.Value(s.src)), "\r\n")
		out = append(out, srcLine{num: s.lineOf(seg.Start), text: strings.TrimLeft(t, " \t")})
	}
	return out
}

func (s *docScanner) walk(n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		s.block(c)
	}
}

// codeShortcodes are the code blocks of static site generators, whose
// content goldmark sees as prose: Hugo's {{< highlight >}}, Jekyll's
// {% highlight %}.
var codeShortcodes = [...]struct{ open, end string }{
	{"{{< highlight", "{{< /highlight"}, {"{{% highlight", "{{% /highlight"},
	{"{% highlight", "endhighlight"},
}

func (s *docScanner) block(n ast.Node) {
	switch n := n.(type) {
	case *ast.Heading:
		lines := s.lines(n)
		if len(lines) == 0 {
			s.ctx = blockContext{}
			return
		}
		t := joinLines(lines)
		s.ctx.lead = ""
		s.ctx.heading = ""
		if len(t) <= maxLead {
			s.ctx.heading = t
		}
		s.doc.blocks = append(s.doc.blocks, docBlock{heading: &paragraph{line: lines[0].num, text: t, ctx: s.ctx}})
	case *ast.Paragraph, *ast.TextBlock:
		s.paragraph(s.lines(n), nil)
	case *ast.List:
		// A list right after another (its bullets changed: "*" then "-")
		// reads as one list to a person, and is one schedule.
		if _, after := n.PreviousSibling().(*ast.List); !after {
			s.group++
		}
		for item := n.FirstChild(); item != nil; item = item.NextSibling() {
			s.listItem(item)
		}
		s.ctx.lead = ""
	case *ast.Blockquote:
		s.walk(n)
	case *ast.HTMLBlock:
		s.ctx.lead = ""
		if n.HTMLBlockType == ast.HTMLBlockType6 || n.HTMLBlockType == ast.HTMLBlockType7 {
			s.htmlTables(n)
		}
	default:
		// Code, thematic breaks: nothing to read, and no lead past them.
		s.ctx.lead = ""
	}
}

// listItem reads an item: its first paragraph is the item's text (tables
// in it are read as tables), the rest is read as blocks of their own.
func (s *docScanner) listItem(item ast.Node) {
	first := item.FirstChild()
	group := s.group
	if first == nil {
		return
	}
	switch first.(type) {
	case *ast.Paragraph, *ast.TextBlock:
		lines := s.lines(first)
		s.paragraph(lines, func(lines []srcLine) {
			if s.skipUntil != "" || len(lines) == 0 {
				return
			}
			it := &rawItem{line: lines[0].num, text: stripTaskBox(joinLines(lines)), group: group, ctx: s.ctx}
			s.doc.blocks = append(s.doc.blocks, docBlock{item: it})
			s.ctx.lead = ""
		})
		first = first.NextSibling()
	}
	for c := first; c != nil; c = c.NextSibling() {
		s.block(c)
	}
	s.group = max(s.group, group)
}

// paragraph reads a paragraph's lines: pipe tables in it become tables, the
// rest prose (or, with asItem, the text of a list item).
func (s *docScanner) paragraph(lines []srcLine, asItem func([]srcLine)) {
	lines = s.dropComments(lines)
	start := 0
	emit := func(end int) {
		if end <= start {
			return
		}
		part := lines[start:end]
		if asItem != nil {
			asItem(part)
			asItem = nil
			return
		}
		s.prose(part)
	}
	for i := 0; i < len(lines); i++ {
		if s.skipUntil != "" {
			if strings.Contains(lines[i].text, s.skipUntil) {
				s.skipUntil = ""
			}
			start = i + 1
			continue
		}
		if end, ok := codeShortcode(lines[i].text); ok {
			emit(i)
			if !strings.Contains(lines[i].text[len(end):], end) {
				s.skipUntil = end
			}
			start = i + 1
			continue
		}
		if asItem == nil && isBulletLine(lines[i].text) {
			// "• Thu 5 Nov 1800-2100 UTC": lines of a list written with
			// a bullet character that Markdown does not know.
			emit(i)
			s.group++
			for ; i < len(lines) && isBulletLine(lines[i].text); i++ {
				text := strings.TrimLeft(strings.TrimLeft(lines[i].text, "•·◦▪‣"), " \t")
				s.doc.blocks = append(s.doc.blocks, docBlock{item: &rawItem{line: lines[i].num, text: text, group: s.group, ctx: s.ctx}})
			}
			s.ctx.lead = ""
			start = i
			i--
			continue
		}
		if i+1 >= len(lines) {
			break
		}
		var t *rawTable
		switch {
		case isDelimiterRow(lines[i+1].text) && hasCellPipe(lines[i].text):
			emit(i)
			t = &rawTable{header: lines[i], delim: lines[i+1]}
			i++
		case i == start && isBareTableStart(lines[i].text, lines[i+1].text):
			emit(i)
			t = &rawTable{header: lines[i], noDelimiter: true}
		default:
			continue
		}
		t.ctx = s.ctx
		for i+1 < len(lines) && hasCellPipe(lines[i+1].text) {
			i++
			t.rows = append(t.rows, lines[i])
		}
		s.doc.blocks = append(s.doc.blocks, docBlock{table: t})
		s.ctx.lead = ""
		start = i + 1
	}
	if s.skipUntil == "" {
		emit(len(lines))
	}
}

func codeShortcode(line string) (string, bool) {
	for _, sc := range codeShortcodes {
		if strings.HasPrefix(line, sc.open) {
			return sc.end, true
		}
	}
	return "", false
}

// dropComments removes HTML comments written inside a paragraph.
func (s *docScanner) dropComments(lines []srcLine) []srcLine {
	open := false
	out := lines[:0:0]
	for _, l := range lines {
		if open || strings.Contains(l.text, "<!--") {
			l.text = removeComments(l.text, &open)
			if strings.TrimSpace(l.text) == "" {
				continue
			}
		}
		out = append(out, l)
	}
	return out
}

// prose records a paragraph; a short one is the lead of what follows.
func (s *docScanner) prose(lines []srcLine) {
	if len(lines) > maxParagraphLines {
		s.ctx.lead = ""
		return
	}
	size, timeLike := 0, false
	for _, l := range lines {
		size += len(l.text) + 1
		timeLike = timeLike || mayAnnounce(l.text)
	}
	ctx := s.ctx
	s.ctx.lead = ""
	if size > maxParagraphBytes {
		return
	}
	// Long prose that holds no date or time is not read at all: most
	// paragraphs are not even joined. A short one may be a lead, name
	// the gathering, or state the zone of the times around it.
	if !timeLike && size > maxLead+1 {
		return
	}
	t := joinLines(lines)
	p := &paragraph{line: lines[0].num, text: t, ctx: ctx, lines: lines}
	s.doc.paras = append(s.doc.paras, *p)
	s.doc.blocks = append(s.doc.blocks, docBlock{para: p})
	if len(t) <= maxLead {
		s.ctx.lead = t
	}
}

func joinLines(lines []srcLine) string {
	var b strings.Builder
	for i, l := range lines {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(l.text)
	}
	return b.String()
}

// maxHTMLTable bounds the raw HTML read for tables in one block.
const maxHTMLTable = 1 << 20

// htmlTables reads the tables of a raw HTML block as pipe tables: each row
// becomes a line whose cells hold the cell's inner HTML (plainText reads
// its text and links), the first row the header.
func (s *docScanner) htmlTables(n *ast.HTMLBlock) {
	segs := n.Lines()
	if segs.Len() == 0 {
		return
	}
	start := segs.At(0).Start
	stop := segs.At(segs.Len() - 1).Stop
	raw := s.src[start:stop]
	if len(raw) > maxHTMLTable || !bytes.Contains(bytes.ToLower(raw), []byte("<table")) {
		return
	}
	z := html.NewTokenizer(bytes.NewReader(raw))
	var (
		t      *rawTable
		row    []string
		rowAt  int
		cell   *strings.Builder
		depth  int // nested tables are read as the text of their cell
		offset int
	)
	endRow := func() {
		if t == nil || row == nil {
			return
		}
		line := srcLine{num: s.lineOf(start + rowAt), text: "| " + strings.Join(row, " | ") + " |"}
		if t.header.text == "" {
			t.header = line
			t.delim = srcLine{num: line.num, text: "|" + strings.Repeat("---|", len(row))}
		} else {
			t.rows = append(t.rows, line)
		}
		row = nil
	}
	endCell := func() {
		if cell != nil {
			row = append(row, strings.ReplaceAll(strings.Join(strings.Fields(cell.String()), " "), "|", `\|`))
			cell = nil
		}
	}
	for {
		tt := z.Next()
		rawTok := z.Raw()
		at := offset
		offset += len(rawTok)
		if tt == html.ErrorToken {
			break
		}
		name, _ := z.TagName()
		tag := string(name)
		switch {
		case tt == html.StartTagToken && tag == "table":
			depth++
			if depth == 1 {
				t = &rawTable{ctx: s.ctx}
				continue
			}
		case tt == html.EndTagToken && tag == "table":
			depth--
			if depth == 0 {
				endCell()
				endRow()
				if t != nil && t.header.text != "" {
					s.doc.blocks = append(s.doc.blocks, docBlock{table: t})
				}
				t = nil
				continue
			}
		case depth == 1 && tt == html.StartTagToken && tag == "tr":
			endCell()
			endRow()
			row, rowAt = []string{}, at
			continue
		case depth == 1 && tt == html.EndTagToken && tag == "tr":
			endCell()
			endRow()
			continue
		case depth == 1 && tt == html.StartTagToken && (tag == "td" || tag == "th"):
			endCell()
			if row == nil {
				row, rowAt = []string{}, at
			}
			cell = &strings.Builder{}
			continue
		case depth == 1 && tt == html.EndTagToken && (tag == "td" || tag == "th"):
			endCell()
			continue
		}
		if cell != nil && cell.Len() < maxInline {
			cell.Write(rawTok)
		}
	}
}

// isBulletLine reports a line that opens with a bullet character.
func isBulletLine(line string) bool {
	for _, b := range []string{"•", "·", "◦", "▪", "‣"} {
		if strings.HasPrefix(line, b) {
			return true
		}
	}
	return false
}
