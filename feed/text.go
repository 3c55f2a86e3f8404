package feed

import (
	"html"
	"io"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/gorilla/feeds"
	nethtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/sessionfeed/sessionfeed/posts"
)

// cleanText removes the characters a feed must not carry: those XML 1.0
// forbids (most C0 controls, U+FFFE, U+FFFF, lone surrogates, which in Go
// arrive as invalid UTF-8), and those the W3C validator reports as bad
// characters or HTML parse errors (DEL, the C1 controls, U+FFFD, Unicode
// noncharacters). Line ends become "\n".
func cleanText(s string) string {
	if isClean(s) {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case r == '\r':
			b.WriteByte('\n')
		case !badRune(r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

func isClean(s string) bool {
	for _, r := range s {
		if r == '\r' || badRune(r) {
			return false
		}
	}
	return true
}

// badRune reports whether r is dropped by cleanText. utf8.RuneError stands
// for invalid UTF-8 as well as U+FFFD.
func badRune(r rune) bool {
	switch {
	case r < 0x20:
		return r != '\t' && r != '\n' && r != '\r'
	case r >= 0x7f && r <= 0x9f:
		return true
	case r == utf8.RuneError:
		return true
	case r >= 0xfdd0 && r <= 0xfdef, r&0xfffe == 0xfffe:
		return true
	case r >= 0xd800 && r <= 0xdfff:
		return true
	}
	return false
}

// oneLine cleans s and collapses its white space: titles, names, terms.
func oneLine(s string) string {
	return strings.Join(strings.Fields(cleanText(s)), " ")
}

// atomText is an Atom text construct (title, subtitle, summary, content).
// Its body is written as is, already escaped by newText: encoding/xml, like
// the chardata fields of gorilla/feeds' AtomSummary and AtomContent, would
// also escape every quote and newline ("&#34;", "&#xA;"), which makes
// HTML content unreadable in the feed while meaning the same.
type atomText struct {
	Type string `xml:"type,attr"` // "text" or "html"
	Body string `xml:",innerxml"`
}

// newText returns a text construct holding s, cleaned and escaped for XML.
func newText(typ, s string) *atomText {
	return &atomText{Type: typ, Body: xmlEscaper.Replace(cleanText(s))}
}

// xmlEscaper escapes character data: "&" and "<" must be, ">" is so that
// "]]>" never appears.
var xmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// markupLike matches what the W3C validator takes for HTML in a plain-text
// construct (ContainsUndeclaredHTML): an end tag, or something that reads
// as a character reference. It matches more than the validator does, never
// less.
var markupLike = regexp.MustCompile(`</|&[#\p{L}\p{N}_]`)

// plain returns s (already plain text) as a text construct: type="text",
// unless s looks like markup, in which case it is declared as HTML and
// escaped, so that readers show the same characters and the validator does
// not warn.
func plain(s string) *atomText {
	if markupLike.MatchString(s) {
		return newText("html", html.EscapeString(s))
	}
	return newText("text", s)
}

// plainText turns a summary, which sites write as text that may hold HTML
// tags and entities, into plain text on one line.
func plainText(s string) string {
	s = cleanText(s)
	if !strings.ContainsAny(s, "<&") {
		return strings.Join(strings.Fields(s), " ")
	}
	var b strings.Builder
	z := nethtml.NewTokenizer(strings.NewReader(s))
	skip := 0 // inside script or style
	for {
		switch z.Next() {
		case nethtml.ErrorToken:
			if z.Err() == io.EOF {
				return oneLine(b.String())
			}
		case nethtml.TextToken:
			if skip == 0 {
				b.Write(z.Text())
			}
		case nethtml.StartTagToken:
			name, _ := z.TagName()
			if a := atom.Lookup(name); a == atom.Script || a == atom.Style {
				skip++
			}
			b.WriteByte(' ')
		case nethtml.EndTagToken:
			name, _ := z.TagName()
			if a := atom.Lookup(name); (a == atom.Script || a == atom.Style) && skip > 0 {
				skip--
			}
			b.WriteByte(' ')
		}
	}
}

// emailAddress is the address form the W3C validator accepts without
// looking the domain up (validators.py, addr_spec.email_re).
var emailAddress = regexp.MustCompile(`^(?i)[A-Z0-9_\-+.']+@(([0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.)|(([A-Z0-9\-]+\.)+))([A-Z0-9][-A-Z0-9]*)$`)

// author turns a person into an Atom author. A person needs a name; an
// email the validator would reject or look up, and a URI that is not an
// absolute http(s) URL, are left out rather than published broken.
func author(p posts.Person) (feeds.AtomAuthor, bool) {
	name := oneLine(p.Name)
	if name == "" {
		return feeds.AtomAuthor{}, false
	}
	a := feeds.AtomAuthor{AtomPerson: feeds.AtomPerson{Name: name}}
	if email := strings.TrimPrefix(strings.TrimSpace(cleanText(p.Email)), "mailto:"); emailAddress.MatchString(email) {
		a.Email = email
	}
	if uri, err := canonicalURI(cleanText(p.URI)); err == nil {
		a.Uri = uri
	}
	return a, true
}
