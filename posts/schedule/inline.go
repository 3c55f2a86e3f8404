package schedule

import (
	"html"
	"strings"
	"unicode/utf8"
)

// plainText renders one line of inline Markdown (a cell, a list item) as the
// plain text a reader sees, and returns the links written in it.
//
// Emphasis, strikethrough, code span backticks and HTML tags are dropped;
// links become their text, with {text, destination} kept aside (inline,
// full, collapsed and shortcut reference links, autolinks, bare URLs and
// <a href>); images become their alt text; entities are decoded and
// whitespace is collapsed. Brackets and parentheses are matched in one pass
// with a stack, so the rendering is linear in the text.
func plainText(s string, defs map[string]string) (string, []Link) {
	if len(s) > maxInline {
		s = s[:maxInline] // the rest of a megabyte cell is not a topic
	}
	if !hasMarkup(s) {
		return cleanText(s), nil
	}
	r := inlineRenderer{s: s, defs: defs}
	if strings.IndexByte(s, '[') >= 0 {
		r.match()
	}
	r.render()
	return cleanText(r.out.String()), r.links
}

// hasMarkup reports whether s may hold anything plainText changes besides
// whitespace: most cells are plain words and skip the renderer.
func hasMarkup(s string) bool {
	return strings.ContainsAny(s, "\\`*_~[<&") || strings.Contains(s, "http") || strings.Contains(s, "www.")
}

// maxInline bounds the text of one cell or list item that is rendered: a
// topic or a host is a line, not a document.
const maxInline = 64 << 10

type inlineRenderer struct {
	s        string
	defs     map[string]string
	brackets map[int]int // "[" → its "]"
	parens   map[int]int // "(" → its ")"
	out      strings.Builder
	links    []Link
}

// pendingLink is a link whose text is being rendered.
type pendingLink struct {
	close int    // index of the "]" that ends the text; -1 for <a>
	after int    // where rendering resumes after the link
	start int    // out.Len() when the text began
	dest  string // the destination as written
	image bool   // an image: its alt text is kept, not the link
}

// match pairs brackets and parentheses outside code spans and escapes.
func (r *inlineRenderer) match() {
	var brackets, parens pairs
	walkMarkup(r.s, "[]()", func(i int) bool {
		switch r.s[i] {
		case '[':
			brackets.open = append(brackets.open, i)
		case ']':
			brackets.close(i)
		case '(':
			parens.open = append(parens.open, i)
		case ')':
			parens.close(i)
		}
		return true
	}, nil)
	r.brackets, r.parens = brackets.of, parens.of
}

// pairs matches closers with the innermost opener still open.
type pairs struct {
	open []int       // openers not yet closed, innermost last
	of   map[int]int // opener → its closer; nil until one is closed
}

func (p *pairs) close(i int) {
	n := len(p.open)
	if n == 0 {
		return
	}
	if p.of == nil {
		p.of = map[int]int{}
	}
	p.of[p.open[n-1]] = i
	p.open = p.open[:n-1]
}

// link reads the link that opens with "[" at i: where its text closes, its
// destination, and where the text after it starts.
func (r *inlineRenderer) link(i int) (closeAt, after int, dest string, ok bool) {
	s := r.s
	j, found := r.brackets[i]
	if !found {
		return 0, 0, "", false
	}
	if j+1 < len(s) && s[j+1] == '(' {
		if k, found := r.parens[j+1]; found {
			return j, k + 1, linkDestination(s[j+2 : k]), true
		}
	}
	if j+1 < len(s) && s[j+1] == '[' {
		if k, found := r.brackets[j+1]; found {
			label := s[j+2 : k]
			if strings.TrimSpace(label) == "" {
				label = s[i+1 : j]
			}
			if d, found := r.lookup(label); found {
				return j, k + 1, d, true
			}
		}
	}
	if d, found := r.lookup(s[i+1 : j]); found {
		return j, j + 1, d, true
	}
	return 0, 0, "", false
}

// lookup finds a link reference definition. Labels hold no brackets and
// are at most 999 characters (CommonMark's rule), which also keeps the
// lookups of nested brackets linear in total.
func (r *inlineRenderer) lookup(label string) (string, bool) {
	if len(r.defs) == 0 || len(label) > 999 || strings.HasPrefix(label, "^") || strings.ContainsAny(label, "[]") {
		return "", false
	}
	d, ok := r.defs[normalizeLabel(label)]
	return d, ok
}

// linkDestination is the destination of an inline link, "(dest 'title')".
func linkDestination(s string) string {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "<") {
		if gt := strings.IndexByte(s, '>'); gt > 0 {
			return s[1:gt]
		}
	}
	if i := strings.IndexAny(s, " \t"); i >= 0 {
		s = s[:i]
	}
	return s
}

func (r *inlineRenderer) render() {
	s := r.s
	spans := newCodeSpans(s)
	var (
		stack []pendingLink // bracket links, innermost last
		html  []pendingLink // <a href> links
	)
	finish := func(p pendingLink) {
		if p.image {
			return
		}
		text := cleanText(r.out.String()[p.start:])
		r.links = append(r.links, Link{Text: text, URL: p.dest})
	}
	for i := 0; i < len(s); {
		c := s[i]
		if n := len(stack); n > 0 && c == ']' && stack[n-1].close == i {
			p := stack[n-1]
			stack = stack[:n-1]
			finish(p)
			i = p.after
			continue
		}
		switch {
		case c == '\\' && i+1 < len(s) && isASCIIPunct(s[i+1]):
			r.out.WriteByte(s[i+1])
			i += 2
		case c == '`':
			runEnd, spanEnd := spans.span(i)
			if spanEnd < 0 {
				r.out.WriteString(s[i:runEnd])
				i = runEnd
				continue
			}
			code := s[runEnd : spanEnd-(runEnd-i)]
			if len(code) >= 2 && code[0] == ' ' && code[len(code)-1] == ' ' && strings.TrimSpace(code) != "" {
				code = code[1 : len(code)-1]
			}
			r.out.WriteString(code)
			i = spanEnd
		case c == '!' && i+1 < len(s) && s[i+1] == '[':
			if closeAt, after, _, ok := r.link(i + 1); ok {
				stack = append(stack, pendingLink{close: closeAt, after: after, start: r.out.Len(), image: true})
				i += 2
				continue
			}
			r.out.WriteByte(c)
			i++
		case c == '[':
			if closeAt, after, dest, ok := r.link(i); ok {
				stack = append(stack, pendingLink{close: closeAt, after: after, start: r.out.Len(), dest: dest})
			} else {
				r.out.WriteByte(c)
			}
			i++
		case c == '<':
			i = r.angle(i, &html, finish)
		case c == '&':
			i = r.entity(i)
		case c == '*' || c == '_' || c == '~':
			i = r.emphasis(i)
		case (c == 'h' || c == 'w') && len(stack) == 0 && len(html) == 0 && (i == 0 || !isAlnum(s[i-1])):
			if n := bareURL(s[i:]); n > 0 {
				u := s[i : i+n]
				r.out.WriteString(u)
				if c == 'w' {
					u = "http://" + u
				}
				r.links = append(r.links, Link{Text: s[i : i+n], URL: u})
				i += n
				continue
			}
			r.out.WriteByte(c)
			i++
		default:
			r.out.WriteByte(c)
			i++
		}
	}
}

// entity decodes the character reference at i ("&amp;", "&#8212;"), or
// writes a literal "&". An escaped "\&amp;" never reaches here, so it stays
// as written.
func (r *inlineRenderer) entity(i int) int {
	s := r.s
	end := strings.IndexByte(s[i:min(len(s), i+maxEntity)], ';')
	if end > 1 {
		ref := s[i : i+end+1]
		if dec := html.UnescapeString(ref); dec != ref {
			r.out.WriteString(dec)
			return i + end + 1
		}
	}
	r.out.WriteByte('&')
	return i + 1
}

// maxEntity is the longest character reference ("&CounterClockwiseContourIntegral;").
const maxEntity = 34

// angle handles "<" at i: an autolink, an HTML tag (dropped; <a href>
// starts a link, </a> ends it) or a literal "<". It returns where to go on.
func (r *inlineRenderer) angle(i int, html *[]pendingLink, finish func(pendingLink)) int {
	s := r.s
	end := tagEnd(s, i)
	if end < 0 {
		r.out.WriteByte('<')
		return i + 1
	}
	inner := s[i+1 : end]
	switch {
	case isAutolink(inner):
		r.out.WriteString(inner)
		u := inner
		if !strings.Contains(u, ":") {
			u = "mailto:" + u
		}
		r.links = append(r.links, Link{Text: inner, URL: u})
	case len(inner) > 2 && (inner[0] == 'a' || inner[0] == 'A') && (inner[1] == ' ' || inner[1] == '\t'):
		*html = append(*html, pendingLink{close: -1, start: r.out.Len(), dest: attribute(inner, "href")})
	case strings.EqualFold(inner, "/a"):
		if n := len(*html); n > 0 {
			p := (*html)[n-1]
			*html = (*html)[:n-1]
			if p.dest != "" {
				finish(p)
			}
		}
	default:
		r.out.WriteByte(' ') // <br>, </span> and the like separate words at most
	}
	return end + 1
}

// tagEnd returns the index of the ">" that closes an HTML tag or autolink
// opening at i, or -1. Tags hold no "<" and no newline, so the search stops
// at the next "<" and each byte is looked at by one search only.
func tagEnd(s string, i int) int {
	if i+1 >= len(s) {
		return -1
	}
	c := s[i+1]
	if !(isLetter(c) || c == '/') {
		return -1
	}
	j := strings.IndexAny(s[i+1:], "<>")
	if j < 0 || s[i+1+j] != '>' {
		return -1
	}
	return i + 1 + j
}

// isAutolink reports whether the inside of <…> is a URL or an e-mail address.
func isAutolink(s string) bool {
	if strings.ContainsAny(s, " \t") {
		return false
	}
	if scheme, _, ok := strings.Cut(s, ":"); ok && len(scheme) >= 2 {
		for j := 0; j < len(scheme); j++ {
			if !isAlnum(scheme[j]) && !strings.ContainsRune("+.-", rune(scheme[j])) {
				return false
			}
		}
		return true
	}
	at := strings.IndexByte(s, '@')
	return at > 0 && strings.Contains(s[at:], ".")
}

// attribute returns the value of an HTML attribute in a tag's inside.
func attribute(tag, name string) string {
	lower := strings.ToLower(tag)
	k := strings.Index(lower, name+"=")
	if k < 0 {
		return ""
	}
	v := tag[k+len(name)+1:]
	if v != "" && (v[0] == '"' || v[0] == '\'') {
		if end := strings.IndexByte(v[1:], v[0]); end >= 0 {
			return html.UnescapeString(v[1 : 1+end])
		}
		return ""
	}
	if end := strings.IndexAny(v, " \t/"); end >= 0 {
		v = v[:end]
	}
	return v
}

// emphasis handles a run of "*", "_" or "~" at i: emphasis and
// strikethrough markers are dropped; a lone "*" between spaces, an
// intraword "_" (snake_case) and a single "~" (~10) are text.
func (r *inlineRenderer) emphasis(i int) int {
	s := r.s
	c := s[i]
	j := i
	for j < len(s) && s[j] == c {
		j++
	}
	before := i == 0 || isSpace(s[i-1])
	after := j == len(s) || isSpace(s[j])
	keep := false
	switch c {
	case '*':
		keep = before && after
	case '_':
		keep = (before && after) || (i > 0 && isAlnum(s[i-1]) && j < len(s) && isAlnum(s[j]))
	case '~':
		keep = j-i == 1
	}
	if keep {
		r.out.WriteString(s[i:j])
	}
	return j
}

// bareURL returns the length of the URL that opens s ("https://…",
// "www.…"), trailing punctuation excluded, or 0.
func bareURL(s string) int {
	if !strings.HasPrefix(s, "https://") && !strings.HasPrefix(s, "http://") && !strings.HasPrefix(s, "www.") {
		return 0
	}
	n := strings.IndexAny(s, " \t<")
	if n < 0 {
		n = len(s)
	}
	for n > 0 && strings.IndexByte(".,:;!?)\"'*_~", s[n-1]) >= 0 {
		n--
	}
	if n <= len("https://") {
		return 0
	}
	return n
}

// cleanText turns control characters and invalid UTF-8 into spaces and
// replacement characters, and collapses whitespace.
func cleanText(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	s = strings.Map(func(r rune) rune {
		if r < ' ' || r == 0x7f {
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

func isASCIIPunct(c byte) bool {
	return c > ' ' && c < 0x7f && !isAlnum(c)
}

func isAlnum(c byte) bool { return isLetter(c) || (c >= '0' && c <= '9') }

func isLetter(c byte) bool { return (c|0x20) >= 'a' && (c|0x20) <= 'z' }

func isSpace(c byte) bool { return c == ' ' || c == '\t' }
