package posts

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/mail"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"go.yaml.in/yaml/v3"

	"github.com/sessionfeed/sessionfeed/posts/timeexpr"
)

// Front matter is the block of metadata that opens a post, in one of the
// three syntaxes Hugo reads:
//
//	+++            ---            {
//	title = "…"    title: …         "title": "…"
//	+++            ---            }
//
// TOML and YAML sit between delimiter lines; JSON is a single object at the
// start of the file and ends where the object ends. A post may also have no
// front matter at all. Only the keys posts use are read (see meta); unknown
// keys are ignored, so front matter written for any generator works.

// frontMatter is a post split into its front matter and its body.
type frontMatter struct {
	format   string // "toml", "yaml", "json"; "" when the post has none
	text     []byte // the front matter between its delimiters
	line     int    // line of the file on which text starts
	body     []byte
	bodyLine int

	json map[string]any // JSON front matter's keys, decoded while finding its end

	// yamlTimestamps are the top-level YAML keys whose value is a date
	// written without quotes, which Ruby (Jekyll) reads otherwise than text.
	yamlTimestamps map[string]bool
}

// lineError is a problem at a line of the file.
type lineError struct {
	line int
	msg  string
}

func (e *lineError) Error() string { return fmt.Sprintf("line %d: %s", e.line, e.msg) }

// splitFrontMatter finds the front matter at the start of data, which must
// already have "\n" line endings. Blank lines before the opening delimiter
// are allowed.
func splitFrontMatter(data []byte) (frontMatter, error) {
	start, line := 0, 1
	for start < len(data) {
		end := lineEnd(data, start)
		if len(bytes.TrimSpace(data[start:end])) != 0 {
			break
		}
		start, line = nextLine(data, end), line+1
	}
	if start >= len(data) {
		return frontMatter{body: data, bodyLine: 1}, nil
	}
	first := bytes.TrimRight(data[start:lineEnd(data, start)], " \t")
	switch {
	case string(first) == "+++":
		return splitDelimited(data, start, line, "toml", "+++")
	case string(first) == "---":
		return splitDelimited(data, start, line, "yaml", "---", "...")
	case first[0] == '{' && opensJSONObject(data[start+1:]):
		return splitJSON(data, start, line)
	}
	return frontMatter{body: data, bodyLine: 1}, nil
}

// opensJSONObject tells a JSON object ("{", then a key or "}") from Markdown
// that merely starts with a brace, such as a Hugo shortcode "{{< … >}}".
func opensJSONObject(rest []byte) bool {
	rest = bytes.TrimLeft(rest, " \t\n")
	return len(rest) > 0 && (rest[0] == '"' || rest[0] == '}')
}

func splitDelimited(data []byte, start, line int, format string, closers ...string) (frontMatter, error) {
	textStart := nextLine(data, lineEnd(data, start))
	pos, n := textStart, line+1
	for pos < len(data) {
		end := lineEnd(data, pos)
		l := string(bytes.TrimRight(data[pos:end], " \t"))
		for _, c := range closers {
			if l == c {
				fm := frontMatter{format: format, text: data[textStart:pos], line: line + 1,
					body: data[nextLine(data, end):], bodyLine: n}
				if end < len(data) {
					fm.bodyLine++
				}
				return fm, nil
			}
		}
		pos, n = nextLine(data, end), n+1
	}
	return frontMatter{}, &lineError{line, fmt.Sprintf("front matter opened with %s is never closed (add a line %s after it)", closers[0], closers[0])}
}

func splitJSON(data []byte, start, line int) (frontMatter, error) {
	// Decoding the object finds where it ends; its keys are kept for decode.
	dec := json.NewDecoder(bytes.NewReader(data[start:]))
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		return frontMatter{}, jsonError(err, data[start:], line)
	}
	end := start + int(dec.InputOffset())
	fm := frontMatter{format: "json", text: data[start:end], line: line, json: m}
	bodyLine := line + bytes.Count(fm.text, []byte("\n"))
	// The body starts on the line after the closing brace, unless text
	// follows the brace on the same line.
	if le := lineEnd(data, end); len(bytes.TrimSpace(data[end:le])) == 0 {
		if le < len(data) {
			bodyLine++
		}
		end = nextLine(data, le)
	}
	fm.body, fm.bodyLine = data[end:], bodyLine
	return fm, nil
}

// jsonError positions a JSON decoding error within the file.
func jsonError(err error, text []byte, line int) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		return &lineError{line, "JSON front matter opened with { is never closed"}
	case errors.As(err, &syn):
		return &lineError{lineAt(text, int(syn.Offset)-1, line), "JSON front matter: " + strings.TrimPrefix(syn.Error(), "json: ")}
	case errors.As(err, &typ):
		return &lineError{lineAt(text, int(typ.Offset)-1, line), "JSON front matter: " + strings.TrimPrefix(typ.Error(), "json: ")}
	}
	return &lineError{line, "JSON front matter: " + strings.TrimPrefix(err.Error(), "json: ")}
}

// lineAt is the file line of byte offset off in text, which starts on line
// first.
func lineAt(text []byte, off, first int) int {
	off = max(0, min(off, len(text)))
	return first + bytes.Count(text[:off], []byte("\n"))
}

func lineEnd(data []byte, pos int) int {
	if i := bytes.IndexByte(data[pos:], '\n'); i >= 0 {
		return pos + i
	}
	return len(data)
}

func nextLine(data []byte, end int) int { return min(end+1, len(data)) }

// yamlLine finds "line N: message" in the errors yaml reports.
var (
	yamlLine   = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)
	yamlAtLine = regexp.MustCompile(`at line \d+`)
)

// decode reads the front matter's keys. Syntax errors carry the line of the
// file where the parser failed.
func (fm *frontMatter) decode() (map[string]any, error) {
	switch fm.format {
	case "toml":
		m := map[string]any{}
		if _, err := toml.Decode(string(fm.text), &m); err != nil {
			var pe toml.ParseError
			if errors.As(err, &pe) {
				return nil, &lineError{fm.line + max(pe.Position.Line, 1) - 1, "TOML front matter: " + pe.Message}
			}
			return nil, &lineError{fm.line, "TOML front matter: " + strings.TrimPrefix(err.Error(), "toml: ")}
		}
		return m, nil
	case "yaml":
		return fm.decodeYAML()
	case "json":
		return fm.json, nil // decoded by splitJSON
	}
	return map[string]any{}, nil
}

// decodeYAML reads YAML front matter. It is parsed into a node tree, not
// decoded into plain values, because decoding into any turns unquoted
// timestamps into time.Time in UTC, losing whether a zone was written
// (2021-04-07 10:00:00 is a wall-clock time in the site's zone); the node
// tree keeps the text. yamlReader then does the checks decoding would
// (duplicate keys, aliases expanding without end).
func (fm *frontMatter) decodeYAML() (map[string]any, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(fm.text, &doc); err != nil {
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		if strings.Contains(msg, "end of stream") {
			msg += " (is a quote or bracket left open?)"
		}
		if m := yamlLine.FindStringSubmatch(msg); m != nil {
			n, _ := strconv.Atoi(m[1])
			// Lines the message mentions are lines of the file too.
			rest := yamlAtLine.ReplaceAllStringFunc(m[2], func(s string) string {
				k, _ := strconv.Atoi(strings.TrimPrefix(s, "at line "))
				return fmt.Sprintf("at line %d", fm.line+k-1)
			})
			return nil, &lineError{fm.line + max(n, 1) - 1, "YAML front matter: " + rest}
		}
		return nil, &lineError{fm.line, "YAML front matter: " + msg}
	}
	r := yamlReader{budget: maxYAMLNodes, firstLine: fm.line}
	v, err := r.value(&doc)
	if len(doc.Content) == 1 && doc.Content[0].Kind == yaml.MappingNode {
		top := doc.Content[0].Content
		for i := 0; i+1 < len(top); i += 2 {
			if vn := top[i+1]; vn.Kind == yaml.ScalarNode && vn.Style == 0 && vn.ShortTag() == "!!timestamp" {
				if fm.yamlTimestamps == nil {
					fm.yamlTimestamps = map[string]bool{}
				}
				fm.yamlTimestamps[top[i].Value] = true
			}
		}
	}
	if err != nil {
		var le *lineError
		if errors.As(err, &le) {
			return nil, &lineError{le.line, "YAML front matter: " + le.msg}
		}
		return nil, &lineError{fm.line, "YAML front matter: " + err.Error()}
	}
	switch v := v.(type) {
	case nil:
		return map[string]any{}, nil
	case map[string]any:
		return v, nil
	default:
		return nil, &lineError{fm.line, fmt.Sprintf("YAML front matter is %s, not keys and values (write one key: value per line)", kindOf(v))}
	}
}

// maxYAMLNodes bounds the values one YAML front matter may expand to
// through aliases (the "billion laughs").
const maxYAMLNodes = 100000

// yamlReader converts YAML nodes to values.
type yamlReader struct {
	budget    int // values left to convert
	firstLine int // the file line of the front matter's first line
}

// value converts a YAML node to the values the other syntaxes decode
// to: map[string]any, []any and scalars, except that timestamps stay text
// so that parseDate sees them as written.
func (r *yamlReader) value(n *yaml.Node) (any, error) {
	if r.budget--; r.budget < 0 {
		return nil, errors.New("too many values (aliases expanding without end?)")
	}
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil, nil
		}
		return r.value(n.Content[0])
	case yaml.AliasNode:
		if n.Alias == nil {
			return nil, nil
		}
		return r.value(n.Alias)
	case yaml.SequenceNode:
		list := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			v, err := r.value(c)
			if err != nil {
				return nil, err
			}
			list = append(list, v)
		}
		return list, nil
	case yaml.MappingNode:
		m := make(map[string]any, len(n.Content)/2)
		keyLines := make(map[string]int, len(n.Content)/2)
		var merges []any
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, vn := n.Content[i], n.Content[i+1]
			v, err := r.value(vn)
			if err != nil {
				return nil, err
			}
			if k.ShortTag() == "!!merge" {
				merges = append(merges, v)
				continue
			}
			if first, dup := keyLines[k.Value]; dup {
				return nil, &lineError{r.line(k), fmt.Sprintf("key %q is already defined at line %d", k.Value, first)}
			}
			keyLines[k.Value] = r.line(k)
			m[k.Value] = v
		}
		// Merged keys ("<<: *defaults") never override written ones.
		for _, mv := range merges {
			tables, ok := mv.([]any)
			if !ok {
				tables = []any{mv}
			}
			for _, t := range tables {
				t, _ := t.(map[string]any)
				for k, v := range t {
					if _, set := m[k]; !set {
						m[k] = v
					}
				}
			}
		}
		return m, nil
	case yaml.ScalarNode:
		if n.ShortTag() == "!!timestamp" {
			return n.Value, nil
		}
		var v any
		if err := n.Decode(&v); err != nil {
			return nil, err
		}
		return v, nil
	}
	return nil, nil
}

// line is the file line of n.
func (r *yamlReader) line(n *yaml.Node) int { return r.firstLine + n.Line - 1 }

// meta is what a post's front matter says, before dates and permalinks are
// worked out.
type meta struct {
	title       string
	hasTitle    bool
	date        any // as decoded; nil when absent
	dateKey     string
	lastmod     any
	lastmodKey  string
	draft       bool
	slug        string
	path        string // explicit permalink path (url, path or permalink key)
	pathKey     string // which key gave path
	tags        []string
	categories  []string
	authors     []Person
	summary     string
	aliases     []string // Hugo and Zola aliases, Jekyll redirect_from
	sessions    []sessionEntry
	hasSessions bool
}

// sessionEntry is a table of the front matter's sessions array, with the
// file line it is written on.
type sessionEntry struct {
	table map[string]any
	line  int
}

// readMeta reads the keys posts use from decoded front matter. Values of the
// wrong type are reported as warnings (with the key's line when it can be
// found) and ignored. jekyll selects Jekyll's reading of tags and
// categories written as one string: a space-separated list.
func readMeta(fm frontMatter, m map[string]any, jekyll bool) (meta, []Diagnostic) {
	var md meta
	var diags []Diagnostic
	warn := func(key, format string, args ...any) {
		diags = append(diags, Diagnostic{Line: fm.keyLine(key), Severity: Warning, Message: key + ": " + fmt.Sprintf(format, args...)})
	}
	text := func(key string, v any) (string, bool) {
		s, ok := asText(v)
		if !ok {
			warn(key, "expected text, found %s; ignored", kindOf(v))
		}
		return s, ok
	}

	if v, key, ok := lookup(m, "title"); ok {
		md.title, md.hasTitle = text(key, v)
		md.hasTitle = md.hasTitle && md.title != ""
	}
	if v, key, ok := lookup(m, "date", "publishdate", "pubdate"); ok {
		md.date, md.dateKey = v, key
	}
	if v, key, ok := lookup(m, "lastmod", "updated", "last_modified_at", "modified"); ok {
		md.lastmod, md.lastmodKey = v, key
	}
	if v, key, ok := lookup(m, "draft"); ok {
		b, ok := asBool(v)
		if !ok {
			warn(key, "expected true or false, found %v", v)
		}
		md.draft = b
	}
	// Jekyll marks unpublished posts with published: false.
	if v, _, ok := lookup(m, "published"); ok {
		if b, ok := asBool(v); ok && !b {
			md.draft = true
		}
	}
	if v, key, ok := lookup(m, "slug"); ok {
		md.slug, _ = text(key, v)
	}
	if v, key, ok := lookup(m, "url", "path", "permalink"); ok {
		md.path, _ = text(key, v)
		md.pathKey = key
	}
	if v, key, ok := lookup(m, "summary", "description"); ok {
		md.summary, _ = text(key, v)
	}

	// Zola keeps tags and categories under [taxonomies] and custom keys
	// (often the author) under [extra].
	taxonomies, extra := lookupTable(m, "taxonomies"), lookupTable(m, "extra")
	list := func(names ...string) []string {
		v, key, ok := lookupIn([]map[string]any{m, taxonomies}, names...)
		if !ok {
			return nil
		}
		l, ok := asList(v, jekyll)
		if !ok {
			warn(key, "expected text or a list of text, found %s; ignored", kindOf(v))
		}
		return l
	}
	md.aliases = list("aliases", "redirect_from")
	md.tags = list("tags")
	md.categories = list("categories", "category")

	if v, key, ok := lookupIn([]map[string]any{m, extra}, "authors", "author"); ok {
		a, ok := asAuthors(v)
		if !ok {
			warn(key, "expected a name, a list of names, or tables with name, email and uri; ignored")
		}
		md.authors = a
	}

	if v, key, ok := lookup(m, "sessions"); ok {
		md.hasSessions = true
		switch v := v.(type) {
		case []map[string]any:
			lines := fm.sessionLines(len(v))
			for i, t := range v {
				md.sessions = append(md.sessions, sessionEntry{t, lines[i]})
			}
		case []any:
			lines := fm.sessionLines(len(v))
			for i, x := range v {
				t, ok := x.(map[string]any)
				if !ok {
					diags = append(diags, Diagnostic{Line: lines[i], Severity: Error,
						Message: fmt.Sprintf("sessions: entry %d is %s, not a table with start, end, topic, …; left out", i+1, kindOf(x))})
					continue
				}
				md.sessions = append(md.sessions, sessionEntry{t, lines[i]})
			}
		default:
			warn(key, "expected a list of tables with start, end, topic, …; found %s; ignored", kindOf(v))
		}
	}
	return md, diags
}

// lookup finds the first of names in m, matching keys without regard to
// case as Hugo does (an exact match wins, then the least matching key, so
// that the answer does not depend on map order). m may be nil.
func lookup(m map[string]any, names ...string) (any, string, bool) {
	for _, name := range names {
		if v, ok := m[name]; ok {
			return v, name, true
		}
		found := ""
		for k := range m {
			if strings.EqualFold(k, name) && (found == "" || k < found) {
				found = k
			}
		}
		if found != "" {
			return m[found], found, true
		}
	}
	return nil, "", false
}

// lookupIn is lookup in each of tables in turn: the first table holding
// any of names gives the value.
func lookupIn(tables []map[string]any, names ...string) (any, string, bool) {
	for _, t := range tables {
		if v, key, ok := lookup(t, names...); ok {
			return v, key, true
		}
	}
	return nil, "", false
}

// lookupTable is the table named name in m, or nil.
func lookupTable(m map[string]any, name string) map[string]any {
	v, _, _ := lookup(m, name)
	t, _ := v.(map[string]any)
	return t
}

// asText accepts text, and numbers and booleans written where text was
// meant (title: 2021), and returns it cleaned (cleanText).
func asText(v any) (string, bool) {
	switch v := v.(type) {
	case string:
		return cleanText(v), true
	case int, int64, uint64, float64, bool:
		return fmt.Sprint(v), true
	}
	return "", false
}

func asBool(v any) (bool, bool) {
	switch v := v.(type) {
	case bool:
		return v, true
	case string:
		switch strings.ToLower(strings.TrimSpace(v)) {
		case "true", "yes", "on":
			return true, true
		case "false", "no", "off":
			return false, true
		}
	}
	return false, false
}

// asList reads tags or categories: a list, or one string (in Jekyll, a
// space-separated list). Empty and repeated entries are dropped.
func asList(v any, splitSpaces bool) ([]string, bool) {
	var raw []string
	switch v := v.(type) {
	case string:
		if splitSpaces {
			raw = strings.Fields(v)
		} else {
			raw = []string{v}
		}
	case []any:
		for _, x := range v {
			s, ok := asText(x)
			if !ok {
				return nil, false
			}
			raw = append(raw, s)
		}
	case nil:
	default:
		return nil, false
	}
	var out []string
	seen := map[string]bool{}
	for _, s := range raw {
		s = cleanText(s)
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out, true
}

// asAuthors reads an author or authors key: "Name", "Name <email>", a list
// of those, or tables with name, email and uri (url, link).
func asAuthors(v any) ([]Person, bool) {
	var items []any
	switch v := v.(type) {
	case []any:
		items = v
	case []map[string]any:
		for _, t := range v {
			items = append(items, t)
		}
	default:
		items = []any{v}
	}
	var out []Person
	for _, item := range items {
		var p Person
		switch item := item.(type) {
		case string:
			p = parsePerson(item)
		case map[string]any:
			field := func(names ...string) string {
				v, _, _ := lookup(item, names...)
				s, _ := asText(v)
				return s
			}
			p = Person{Name: field("name"), Email: field("email"), URI: field("uri", "url", "link", "homepage", "website")}
			if p.Name == "" {
				p.Name = p.Email
			}
		case nil:
			continue
		default:
			return nil, false
		}
		if p.Name != "" {
			out = append(out, p)
		}
	}
	return out, true
}

// parsePerson reads "Name", or "Name <email>" as mail headers write it.
func parsePerson(s string) Person {
	s = cleanText(s)
	if strings.Contains(s, "<") {
		if a, err := mail.ParseAddress(s); err == nil {
			name := a.Name
			if name == "" {
				name = a.Address
			}
			return Person{Name: name, Email: a.Address}
		}
	}
	return Person{Name: s}
}

// cleanText makes front matter text safe to carry anywhere: invalid UTF-8
// becomes U+FFFD, control characters other than tab and newline and the
// non-characters U+FFFE and U+FFFF are removed, and surrounding space is
// trimmed. Markup is kept as written; escaping is the output's job.
func cleanText(s string) string {
	clean := func(r rune) bool {
		return (unicode.IsControl(r) && r != '\t' && r != '\n') || r == 0xFFFE || r == 0xFFFF
	}
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	if strings.IndexFunc(s, clean) >= 0 {
		s = strings.Map(func(r rune) rune {
			if clean(r) {
				return -1
			}
			return r
		}, s)
	}
	return strings.TrimSpace(s)
}

// short quotes text for a message, cut to a readable length.
func short(s string) string {
	cut, more := cutRunes(s, 80)
	return strconv.Quote(cut) + more
}

// shortValue shows a decoded value for a message: text quoted, anything
// else as Go prints it, cut to a readable length.
func shortValue(v any) string {
	if s, ok := v.(string); ok {
		return short(s)
	}
	cut, more := cutRunes(fmt.Sprint(v), 80)
	return cut + more
}

// cutRunes cuts s to n runes, and says "…" when it did.
func cutRunes(s string, n int) (string, string) {
	for i := range s {
		if n == 0 {
			return s[:i], "…"
		}
		n--
	}
	return s, ""
}

// keyOffsets finds where key is written in the front matter (as a TOML,
// YAML or JSON key, possibly quoted or inside an inline table or list
// item), for positioning diagnostics. It is a textual search, good enough
// to point a person at the right line, and ignores ASCII case as lookup
// does.
func (fm frontMatter) keyOffsets(key string) []int {
	text, k := fm.text, strings.ToLower(key)
	lower := func(c byte) byte {
		if 'A' <= c && c <= 'Z' {
			return c + 'a' - 'A'
		}
		return c
	}
	var offs []int
	for at := 0; at+len(k) <= len(text); at++ {
		match := true
		for i := 0; i < len(k) && match; i++ {
			match = lower(text[at+i]) == k[i]
		}
		if !match {
			continue
		}
		start, end := at, at+len(k)
		if start > 0 && (text[start-1] == '"' || text[start-1] == '\'') {
			start--
		}
		if start > 0 && !strings.ContainsRune(" \t\n{,[-", rune(text[start-1])) {
			continue
		}
		if end < len(text) && (text[end] == '"' || text[end] == '\'') {
			end++
		}
		for end < len(text) && (text[end] == ' ' || text[end] == '\t') {
			end++
		}
		if end < len(text) && (text[end] == ':' || text[end] == '=') {
			offs = append(offs, start)
		}
	}
	return offs
}

// keyLine is the file line where key is first written, or the front
// matter's first line when it cannot be found.
func (fm frontMatter) keyLine(key string) int {
	if offs := fm.keyOffsets(key); len(offs) > 0 {
		return fm.lineOf(offs[0])
	}
	return fm.line
}

// lineOf is the file line of a byte offset in fm.text.
func (fm frontMatter) lineOf(off int) int { return lineAt(fm.text, off, fm.line) }

var tomlSessionHeader = regexp.MustCompile(`(?m)^[ \t]*\[\[[ \t]*sessions[ \t]*\]\]`)

// sessionLines are the file lines of the first n entries of the sessions
// array: their [[sessions]] headers in TOML, else the "start" keys written
// after the sessions key, else the sessions key's own line.
func (fm frontMatter) sessionLines(n int) []int {
	lines := make([]int, n)
	var offs []int
	if headers := tomlSessionHeader.FindAllIndex(fm.text, -1); len(headers) > 0 {
		for _, h := range headers {
			offs = append(offs, h[0])
		}
	} else if keys := fm.keyOffsets("sessions"); len(keys) > 0 {
		for _, off := range fm.keyOffsets("start") {
			if off > keys[0] {
				offs = append(offs, off)
			}
		}
		for i := range lines {
			lines[i] = fm.lineOf(keys[0])
		}
	} else {
		for i := range lines {
			lines[i] = fm.line
		}
	}
	// offs are in order: count lines as they go by.
	line, pos := fm.line, 0
	for i := 0; i < n && i < len(offs); i++ {
		line += bytes.Count(fm.text[pos:offs[i]], []byte("\n"))
		lines[i], pos = line, offs[i]
	}
	return lines
}

// frontMatterSessions reads the sessions array, for authors who want full
// control over their calendar:
//
//	[[sessions]]
//	start = 2021-04-08T07:00:00-04:00   # or "Thu at 07:00 ET", "2021-04-08 07:00 America/New_York"
//	end = "08:30"                       # or duration = "1h30m"; neither: the site's default
//	topic = "The need for Async Traits"
//	host = "Ryan"
//	location = "Zoom"
//	url = "https://…"
//
// Start and end are TOML datetimes or text read as time expressions
// (timeexpr.Parse). A local datetime is in the site's zone; a local date
// makes an all-day session, whose end date, if written, is its last day.
// An entry that cannot be read is an Error diagnostic and is left out.
func (l *loader) frontMatterSessions(p *Post, md meta) ([]*Session, []Diagnostic) {
	var sessions []*Session
	var diags []Diagnostic
	for _, e := range md.sessions {
		line := e.line
		s, warnings, err := l.frontMatterSession(p, e.table)
		for _, w := range warnings {
			diags = append(diags, Diagnostic{Line: line, Severity: Warning, Message: "sessions: " + w})
		}
		if err != nil {
			diags = append(diags, Diagnostic{Line: line, Severity: Error, Message: "sessions: " + err.Error() + "; left out"})
			continue
		}
		s.Line = line
		if !dupSession(sessions, s) {
			sessions = append(sessions, s)
		}
	}
	return sessions, diags
}

func (l *loader) frontMatterSession(p *Post, t map[string]any) (*Session, []string, error) {
	ref := timeexpr.Reference{Post: p.Date, Location: l.site.Location, Zones: l.zones}
	v, _, ok := lookup(t, "start")
	if !ok {
		return nil, nil, errors.New("entry has no start")
	}
	start, err := l.sessionTime(v, ref)
	if err != nil {
		return nil, nil, fmt.Errorf("start: %w", err)
	}
	s := &Session{Post: p, Start: start.Start, AllDay: start.DateOnly, End: start.End, Text: start.text, Form: "front matter"}
	warnings := start.Warnings

	ev, _, hasEnd := lookup(t, "end")
	dv, _, hasDuration := lookup(t, "duration")
	switch {
	case hasEnd:
		if hasDuration {
			warnings = append(warnings, "both end and duration are written; using end")
		}
		ref.After, ref.Post = s.Start, s.Start
		if !start.DateOnly {
			ref.Location = s.Start.Location()
		}
		end, err := l.sessionTime(ev, ref)
		if text, ok := ev.(string); ok && errors.Is(err, timeexpr.ErrNoDate) && !start.DateOnly {
			// A time alone ("08:30") is on the start's day, or the day after
			// when that would end the session before it began.
			end, err = l.sessionTime(s.Start.Format(time.DateOnly)+" "+text, ref)
			if err == nil && !end.DateOnly && !end.Start.After(s.Start) {
				end.Start = end.Start.AddDate(0, 0, 1)
			}
		}
		if err != nil {
			return nil, warnings, fmt.Errorf("end: %w", err)
		}
		warnings = append(warnings, end.Warnings...)
		switch {
		case s.AllDay && end.DateOnly:
			// The end date of an all-day session is its last day.
			s.End = nextMidnight(end.Start.In(s.Start.Location()))
		case s.AllDay || end.DateOnly:
			return nil, warnings, errors.New("start and end must both be dates, or both dates with times")
		default:
			s.End = end.Start
		}
	case hasDuration:
		ds, ok := dv.(string)
		d, err := time.ParseDuration(strings.TrimSpace(ds))
		if !ok || err != nil || d <= 0 {
			return nil, warnings, fmt.Errorf("duration %s: write a positive duration like \"1h30m\" or \"45m\"", shortValue(dv))
		}
		if s.AllDay {
			return nil, warnings, errors.New("an all-day session takes an end date, not a duration")
		}
		s.End = s.Start.Add(d)
	}
	if s.End.IsZero() {
		s.End = l.defaultEnd(s.Start, s.AllDay)
	}
	if !s.End.After(s.Start) {
		return nil, warnings, fmt.Errorf("end %s is not after start %s", s.End.Format(time.RFC3339), s.Start.Format(time.RFC3339))
	}

	field := func(name string) string {
		v, _, _ := lookup(t, name)
		switch v := v.(type) {
		case []any: // several hosts
			var parts []string
			for _, x := range v {
				if s, _ := asText(x); s != "" {
					parts = append(parts, s)
				}
			}
			return strings.Join(parts, ", ")
		}
		s, ok := asText(v)
		if !ok && v != nil {
			warnings = append(warnings, fmt.Sprintf("%s: expected text, found %s; ignored", name, kindOf(v)))
		}
		return s
	}
	s.Topic, s.Host, s.Location, s.URL = field("topic"), field("host"), field("location"), field("url")
	s.UID = strings.TrimSpace(field("uid"))
	return s, warnings, nil
}

// noZone warns about a time that names no zone when the site sets none.
func noZone(ref timeexpr.Reference) []string {
	if ref.Location != nil {
		return nil
	}
	return []string{"no time zone written and none configured; read as UTC (set timezone in sessionfeed.toml)"}
}

// sessionWhen is a resolved start or end, with the text it came from.
type sessionWhen struct {
	timeexpr.When
	text string
}

// sessionTime reads a start or end value: a TOML datetime, or text. Text
// goes through timeexpr.Parse; the plain date shapes front matter dates take
// are accepted too.
func (l *loader) sessionTime(v any, ref timeexpr.Reference) (sessionWhen, error) {
	loc := ref.Location
	if loc == nil {
		loc = l.loc
	}
	switch v := v.(type) {
	case time.Time:
		t, err := fromTOMLTime(v, loc)
		if err != nil {
			return sessionWhen{}, err
		}
		switch v.Location().String() {
		case "date-local":
			return sessionWhen{When: timeexpr.When{Start: t, DateOnly: true}, text: v.Format("2006-01-02")}, nil
		case "datetime-local":
			return sessionWhen{When: timeexpr.When{Start: t, Warnings: noZone(ref)}, text: v.Format("2006-01-02T15:04:05")}, nil
		}
		return sessionWhen{When: timeexpr.When{Start: t, ZoneWritten: true}, text: t.Format(time.RFC3339)}, nil
	case string:
		text := cleanText(v)
		w, err := timeexpr.Parse(text, ref)
		if err == nil {
			return sessionWhen{When: w, text: text}, nil
		}
		if t, shape, err2 := parseDateString(text, loc, l.zones); err2 == nil && shape.numeric {
			w := timeexpr.When{Start: t, DateOnly: shape.dateOnly, ZoneWritten: shape.zoneWritten}
			if !w.DateOnly && !w.ZoneWritten {
				w.Warnings = noZone(ref)
			}
			return sessionWhen{When: w, text: text}, nil
		}
		return sessionWhen{}, err
	}
	return sessionWhen{}, fmt.Errorf("expected a date and time, found %s", kindOf(v))
}
