package posts

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"io"
	"net/url"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/sessionfeed/sessionfeed/posts/markdown"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// HTML renders the post's Markdown body to HTML in which no URL is relative.
//
// The body is read as GitHub Flavored Markdown (tables, strikethrough,
// autolinks, task lists) with footnotes. Raw HTML passes through: it is the
// site's own content, and sanitizing it is the business of whoever publishes
// it somewhere else (the feed does).
//
// Every URL is made absolute, in two steps. Markdown links and images are
// rewritten on the syntax tree before rendering; then the rendered HTML is
// tokenized and the URL attributes of every tag (href, src, srcset, poster,
// cite, …) are rewritten, which covers raw HTML and the links goldmark
// writes itself (footnotes). Relative references resolve against the post's
// permalink, p.URL. Template placeholders that sites leave in links —
// {{ site.baseurl }}, {{ site.url }}, {{< baseurl >}}, {{ .Site.BaseURL }},
// with or without spaces or trim markers, alone or one after another —
// stand for the site's base URL: what follows them resolves against it, and
// a placeholder followed by an absolute URL ({{ site.baseurl }}/https://…)
// is that URL.
//
// Invalid UTF-8, control characters and Unicode noncharacters are replaced
// by U+FFFD, in the body before parsing and in the output. Nesting and
// delimiter runs past what goldmark reads in linear time are rendered as
// plain text (markdown.Guard); Load warns about the posts that have them.
func (p *Post) HTML() (string, error) {
	page, err := parseLenient(strings.TrimSpace(p.URL))
	if err != nil || !page.IsAbs() || page.Host == "" {
		return "", fmt.Errorf("%s: permalink %q is not an absolute URL", p.Source, p.URL)
	}
	r := &resolver{page: page, base: p.baseURL(page)}
	if p.bodyHTML {
		return replaceBadRunes(r.rewriteHTML(string(p.Body))), nil
	}

	md := goldmark.New(
		goldmark.WithExtensions(
			extension.Linkify,
			extension.Strikethrough,
			extension.TaskList,
			extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignAttribute)),
			extension.NewFootnote(),
		),
		goldmark.WithParserOptions(parser.WithASTTransformers(util.Prioritized(r, 1000))),
		goldmark.WithRendererOptions(gmhtml.WithUnsafe()),
	)
	src := compactPlaceholders(replaceBadRunes(string(p.Body)))
	guarded, _, _ := markdown.Guard([]byte(src))
	var buf bytes.Buffer
	if err := md.Convert(guarded, &buf); err != nil {
		return "", fmt.Errorf("%s: rendering Markdown: %w", p.Source, err)
	}
	return replaceBadRunes(r.rewriteHTML(buf.String())), nil
}

// htmlKeyVersion changes when what goes into an HTMLKey does.
const htmlKeyVersion = "sessionfeed html key 1\n"

// HTMLKey is a SHA-256 of everything HTML reads: the body, whether it is
// written in HTML, the permalink and the site's base URL. For one program,
// posts with one key render the same HTML (a cache of them must say which
// program made it).
func (p *Post) HTMLKey() [sha256.Size]byte {
	h := sha256.New()
	var b []byte
	field := func(s []byte) {
		b = binary.AppendUvarint(b[:0], uint64(len(s)))
		h.Write(b)
		h.Write(s)
	}
	field([]byte(htmlKeyVersion))
	field([]byte(p.URL))
	base := "-" // no site: the permalink's root
	if p.site != nil {
		base = "site " + p.site.BaseURL
	}
	field([]byte(base))
	form := "markdown"
	if p.bodyHTML {
		form = "html"
	}
	field([]byte(form))
	field(p.Body)
	var key [sha256.Size]byte
	h.Sum(key[:0])
	return key
}

// linkResolver returns the function that makes a link of the post
// absolute as its HTML makes it: against the permalink, base-URL
// placeholders against the site's base URL. Without an absolute permalink
// links are returned as written.
func (p *Post) linkResolver() func(string) string {
	page, err := parseLenient(strings.TrimSpace(p.URL))
	if err != nil || !page.IsAbs() || page.Host == "" {
		return func(s string) string { return s }
	}
	r := &resolver{page: page, base: p.baseURL(page)}
	return r.resolve
}

// baseURL is the site's base URL, ending in "/". Without a site (a post
// built by hand) it is the root of the permalink's host.
func (p *Post) baseURL(page *url.URL) *url.URL {
	if p.site != nil {
		if b, err := url.Parse(p.site.BaseURL); err == nil && b.IsAbs() && b.Host != "" {
			if !strings.HasSuffix(b.Path, "/") {
				b.Path += "/"
				if b.RawPath != "" {
					b.RawPath += "/"
				}
			}
			b.RawQuery, b.Fragment = "", ""
			return b
		}
	}
	return &url.URL{Scheme: page.Scheme, User: page.User, Host: page.Host, Path: "/"}
}

// placeholder is a template placeholder for the site's base URL:
// {{ site.baseurl }}, {{ site.url }}, {{< baseurl >}}, {{ .Site.BaseURL }},
// with or without spaces and trim markers.
const placeholder = `\{\{-?[<%]?\s*(?i:\.?site\.(?:base)?url|baseurl)\s*[>%]?-?\}\}`

// placeholderRun matches one or more placeholders at the start of a link.
var placeholderRun = regexp.MustCompile(`^(?:` + placeholder + `)+`)

// placeholderInDestination matches placeholders where Markdown expects a link
// destination: after "](" or after the colon of a reference definition.
// Markdown destinations cannot contain spaces, so these are compacted
// before parsing ("{{ site.baseurl }}" → "{{site.baseurl}}").
var placeholderInDestination = regexp.MustCompile(`(\]\(\s*<?|\]:[ \t]*<?)((?:` + placeholder + `)+)`)

func compactPlaceholders(s string) string {
	if !strings.Contains(s, "{{") {
		return s
	}
	return placeholderInDestination.ReplaceAllStringFunc(s, func(m string) string {
		return strings.Join(strings.Fields(m), "")
	})
}

// resolver makes references absolute: relative ones against the page, those
// that open with a base-URL placeholder against the site's base URL.
type resolver struct {
	page *url.URL // the post's permalink
	base *url.URL // the site's base URL, path ending in "/"
}

// Transform rewrites the destinations of Markdown links and images before
// they are rendered (and percent-encoded) by goldmark.
func (r *resolver) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			n.Destination = []byte(r.resolve(string(n.Destination)))
		case *ast.Image:
			n.Destination = []byte(r.resolve(string(n.Destination)))
		}
		return ast.WalkContinue, nil
	})
}

var schemePrefix = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.\-]*:`)

// resolve returns ref as an absolute URL. A reference that has a scheme is
// returned as written; one that cannot be parsed even after escaping
// becomes the page's own URL.
func (r *resolver) resolve(ref string) string {
	ref = strings.TrimSpace(ref)
	if loc := placeholderRun.FindStringIndex(ref); loc != nil {
		return r.fromBase(ref[loc[1]:])
	}
	if schemePrefix.MatchString(ref) {
		return ref
	}
	u, err := parseLenient(ref)
	if err != nil {
		return r.page.String()
	}
	return r.page.ResolveReference(u).String()
}

// fromBase resolves what follows a base-URL placeholder.
func (r *resolver) fromBase(rest string) string {
	rest = strings.TrimLeft(rest, "/")
	if schemePrefix.MatchString(rest) {
		return rest // {{ site.baseurl }}/https://example.org/x
	}
	// {{ site.url }}/blog/x on a site whose base URL is …/blog/: the path
	// already holds the base path, so it is relative to the host.
	if bp := r.base.EscapedPath(); bp != "/" && strings.HasPrefix("/"+rest, bp) {
		rest = "/" + rest
	}
	u, err := parseLenient(rest)
	if err != nil {
		return r.base.String()
	}
	return r.base.ResolveReference(u).String()
}

// parseLenient parses a URL reference, percent-encoding the bytes that make
// url.Parse refuse it (spaces, control characters, stray "%").
func parseLenient(ref string) (*url.URL, error) {
	if u, err := url.Parse(ref); err == nil {
		return u, nil
	}
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(ref); i++ {
		c := ref[i]
		switch {
		case c == '%' && i+2 < len(ref) && isHex(ref[i+1]) && isHex(ref[i+2]):
			b.WriteByte(c)
		case c <= ' ' || c == 0x7f || c == '%' || strings.IndexByte(`"<>\^`+"`{|}", c) >= 0:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		default:
			b.WriteByte(c)
		}
	}
	return url.Parse(b.String())
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// urlAttrs are the attributes whose value is a URL (or, for srcset, a list
// of them), with the element they belong to when the name alone is
// ambiguous.
var urlAttrs = map[string]atom.Atom{
	"href": 0, "src": 0, "srcset": 0, "poster": 0, "cite": 0, "action": 0,
	"formaction": 0, "longdesc": 0, "background": 0, "lowsrc": 0,
	"dynsrc": 0, "manifest": 0, "icon": 0, "xlink:href": 0,
	"data": atom.Object,
}

// rewriteHTML makes the URL attributes of every tag in s absolute. Tags
// whose attributes change are written anew; everything else is copied byte
// for byte.
func (r *resolver) rewriteHTML(s string) string {
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	z := html.NewTokenizer(strings.NewReader(s))
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			b.Write(z.Raw())
			if z.Err() == io.EOF {
				return b.String()
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			raw := string(z.Raw())
			tok := z.Token()
			changed := false
			for i, a := range tok.Attr {
				only, ok := urlAttrs[a.Key]
				if !ok || a.Namespace != "" || only != 0 && only != tok.DataAtom {
					continue
				}
				if v := r.resolveAttr(a.Key, a.Val); v != a.Val {
					tok.Attr[i].Val = v
					changed = true
				}
			}
			if changed {
				b.WriteString(tok.String())
			} else {
				b.WriteString(raw)
			}
			if tt == html.StartTagToken && tok.DataAtom == atom.Noscript {
				// Feed readers run no scripts: read what noscript holds
				// as markup, so that its URLs are resolved too.
				z.NextIsNotRawText()
			}
		default:
			b.Write(z.Raw())
		}
	}
}

func (r *resolver) resolveAttr(key, val string) string {
	if key != "srcset" {
		return r.resolve(val)
	}
	// srcset: "url [descriptor], url [descriptor], …"
	cands := strings.Split(val, ",")
	for i, c := range cands {
		c = strings.TrimSpace(c)
		u, desc, _ := strings.Cut(c, " ")
		if u == "" {
			cands[i] = c
			continue
		}
		if desc = strings.TrimSpace(desc); desc != "" {
			cands[i] = r.resolve(u) + " " + desc
		} else {
			cands[i] = r.resolve(u)
		}
	}
	return strings.Join(cands, ", ")
}

// replaceBadRunes replaces invalid UTF-8, control characters other than
// tab, newline and carriage return, and Unicode noncharacters with U+FFFD.
func replaceBadRunes(s string) string {
	clean := true
	for _, r := range s {
		if r == utf8.RuneError || badRune(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	return strings.Map(func(r rune) rune {
		if badRune(r) {
			return utf8.RuneError
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))
}

func badRune(r rune) bool {
	switch {
	case r < 0x20:
		return r != '\t' && r != '\n' && r != '\r'
	case r >= 0x7f && r <= 0x9f:
		return true
	case r >= 0xfdd0 && r <= 0xfdef, r&0xfffe == 0xfffe:
		return true
	}
	return false
}
