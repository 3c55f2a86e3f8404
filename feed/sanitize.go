package feed

import (
	"net/url"
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// sanitize makes a post's HTML fit for a feed entry, and does no more than
// the W3C feed validator asks: every element it would warn about
// (SecurityRisk, NotHtml) and every attribute (SecurityRiskAttr,
// DangerousStyleAttr) is removed, and the HTML is written back well formed,
// since the validator reports any HTML parse error (NotHtml).
//
//   - script, style, template, head elements (title, meta, link, base),
//     frames, SVG and MathML go, with what they hold; an iframe, embed or
//     object becomes a link to what it embedded;
//   - other elements outside the allowed list (forms, custom elements,
//     noscript, font, center…) are unwrapped: their content stays;
//   - attributes outside the allowed list go (on* handlers, style, role,
//     aria-*, controls…), data-* attributes stay; a URL attribute with a
//     javascript:, vbscript: or data: URL goes (data: images stay), and a
//     relative one, which Post.HTML never leaves, is resolved against
//     the entry's URL;
//   - comments go; text loses the characters cleanText removes;
//   - HTML too deeply nested to parse becomes a paragraph of its text.
//
// The element and attribute lists are subsets of the validator's
// acceptable_elements and acceptable_attributes (validators.py); the tests
// check this.
func sanitize(s string, page *url.URL) (string, error) {
	ctx := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	nodes, err := html.ParseFragmentWithOptions(strings.NewReader(s), ctx, html.ParseOptionEnableScripting(false))
	if err != nil {
		// The parser refuses elements nested more than 512 deep; such a
		// post is published as its text.
		if text := plainText(s); text != "" {
			return "<p>" + html.EscapeString(text) + "</p>", nil
		}
		return "", nil
	}
	root := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	for _, n := range nodes {
		root.AppendChild(n)
	}
	cleanChildren(root, page)
	var b strings.Builder
	for c := root.FirstChild; c != nil; c = c.NextSibling {
		if err := html.Render(&b, c); err != nil {
			return "", err
		}
	}
	return strings.TrimSpace(b.String()), nil
}

// cleanChildren sanitizes the children of n, in place.
func cleanChildren(n *html.Node, page *url.URL) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		switch c.Type {
		case html.TextNode:
			c.Data = cleanText(c.Data)
		case html.ElementNode:
			switch {
			case c.Namespace != "" || removed[c.DataAtom]:
				if link := embedLink(c, page); link != nil {
					n.InsertBefore(link, c)
				}
				n.RemoveChild(c)
			case allowedElements[c.DataAtom] && (c.DataAtom != atom.Rt && c.DataAtom != atom.Rp || inside(c, atom.Ruby)):
				c.Attr = cleanAttrs(c, page)
				cleanChildren(c, page)
			default: // unwrap: its children take its place and are cleaned in turn
				if c.FirstChild != nil {
					next = c.FirstChild
				}
				for c.FirstChild != nil {
					gc := c.FirstChild
					c.RemoveChild(gc)
					n.InsertBefore(gc, c)
				}
				n.RemoveChild(c)
			}
		default: // comments, doctypes
			n.RemoveChild(c)
		}
		c = next
	}
}

// inside reports whether n has an ancestor a. Outside a ruby element, rt
// and rp are HTML parse errors, and are unwrapped.
func inside(n *html.Node, a atom.Atom) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.DataAtom == a {
			return true
		}
	}
	return false
}

// embedLink returns a link to what an iframe, embed or object showed, or
// nil. Links do not nest, so inside a link there is none.
func embedLink(n *html.Node, page *url.URL) *html.Node {
	key := "src"
	switch n.DataAtom {
	case atom.Iframe, atom.Embed:
	case atom.Object:
		key = "data"
	default:
		return nil
	}
	if inside(n, atom.A) {
		return nil
	}
	for _, a := range n.Attr {
		if a.Key != key || a.Namespace != "" {
			continue
		}
		u := safeURL(n, key, a.Val, page)
		if u == "" || !strings.HasPrefix(u, "http") {
			return nil
		}
		link := &html.Node{Type: html.ElementNode, Data: "a", DataAtom: atom.A, Attr: []html.Attribute{{Key: "href", Val: u}}}
		link.AppendChild(&html.Node{Type: html.TextNode, Data: u})
		return link
	}
	return nil
}

// cleanAttrs keeps n's allowed attributes, the first of each name.
func cleanAttrs(n *html.Node, page *url.URL) []html.Attribute {
	out := n.Attr[:0]
	seen := map[string]bool{}
	for _, a := range n.Attr {
		if a.Namespace != "" || seen[a.Key] || !allowedAttrs[a.Key] && !dataAttr.MatchString(a.Key) {
			continue
		}
		seen[a.Key] = true
		a.Val = cleanText(a.Val)
		switch a.Key {
		case "href", "src", "cite", "poster":
			if a.Val = safeURL(n, a.Key, a.Val, page); a.Val == "" {
				continue
			}
		case "srcset":
			if a.Val = safeSrcset(n, a.Val, page); a.Val == "" {
				continue
			}
		}
		out = append(out, a)
	}
	return out
}

// safeURL returns v as an absolute URL, or "" when it runs a script or
// holds data other than an image.
func safeURL(n *html.Node, key, v string, page *url.URL) string {
	v = strings.TrimSpace(v)
	u, err := url.Parse(v)
	if err != nil {
		return ""
	}
	switch strings.ToLower(u.Scheme) {
	case "":
		return page.ResolveReference(u).String()
	case "javascript", "vbscript", "livescript":
		return ""
	case "data":
		img := n.DataAtom == atom.Img || n.DataAtom == atom.Source
		if key != "src" || !img || !strings.HasPrefix(strings.ToLower(u.Opaque), "image/") {
			return ""
		}
	}
	return v
}

func safeSrcset(n *html.Node, v string, page *url.URL) string {
	var out []string
	for _, c := range strings.Split(v, ",") {
		u, desc, _ := strings.Cut(strings.TrimSpace(c), " ")
		if u = safeURL(n, "src", u, page); u == "" {
			continue
		}
		if desc = strings.TrimSpace(desc); desc != "" {
			u += " " + desc
		}
		out = append(out, u)
	}
	return strings.Join(out, ", ")
}

// dataAttr matches the data-* attributes kept: names an HTML parser reads
// without complaint.
var dataAttr = regexp.MustCompile(`^data-[a-z0-9_.-]+$`)

// removed elements go with their content.
var removed = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Template: true,
	atom.Head: true, atom.Title: true, atom.Meta: true, atom.Link: true, atom.Base: true,
	atom.Iframe: true, atom.Frame: true, atom.Frameset: true, atom.Noframes: true,
	atom.Object: true, atom.Embed: true, atom.Applet: true, atom.Param: true, atom.Noembed: true,
	atom.Svg: true, atom.Math: true,
}

var allowedElements = map[atom.Atom]bool{
	atom.A: true, atom.Abbr: true, atom.Acronym: true, atom.Address: true, atom.Area: true,
	atom.Article: true, atom.Aside: true, atom.Audio: true, atom.B: true, atom.Bdi: true,
	atom.Big: true, atom.Blockquote: true, atom.Br: true, atom.Caption: true, atom.Cite: true,
	atom.Code: true, atom.Col: true, atom.Colgroup: true, atom.Data: true, atom.Dd: true,
	atom.Del: true, atom.Details: true, atom.Dfn: true, atom.Div: true, atom.Dl: true,
	atom.Dt: true, atom.Em: true, atom.Figcaption: true, atom.Figure: true, atom.Footer: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Header: true, atom.Hgroup: true, atom.Hr: true, atom.I: true, atom.Img: true,
	atom.Input: true, atom.Ins: true, atom.Kbd: true, atom.Label: true, atom.Li: true,
	atom.Main: true, atom.Map: true, atom.Mark: true, atom.Nav: true, atom.Ol: true,
	atom.P: true, atom.Picture: true, atom.Pre: true, atom.Q: true, atom.Rp: true,
	atom.Rt: true, atom.Ruby: true, atom.S: true, atom.Samp: true, atom.Section: true,
	atom.Small: true, atom.Source: true, atom.Span: true, atom.Strike: true, atom.Strong: true,
	atom.Sub: true, atom.Summary: true, atom.Sup: true, atom.Table: true, atom.Tbody: true,
	atom.Td: true, atom.Tfoot: true, atom.Th: true, atom.Thead: true, atom.Time: true,
	atom.Tr: true, atom.Track: true, atom.Tt: true, atom.U: true, atom.Ul: true,
	atom.Var: true, atom.Video: true, atom.Wbr: true,
}

var allowedAttrs = map[string]bool{
	"abbr": true, "align": true, "alt": true, "border": true, "cellpadding": true,
	"cellspacing": true, "checked": true, "cite": true, "class": true, "colspan": true,
	"coords": true, "datetime": true, "dir": true, "disabled": true, "download": true,
	"headers": true, "height": true, "href": true, "hreflang": true, "id": true,
	"kind": true, "label": true, "lang": true, "loop": true, "muted": true, "name": true,
	"nowrap": true, "open": true, "poster": true, "preload": true, "rel": true, "rev": true,
	"reversed": true, "rowspan": true, "scope": true, "shape": true, "sizes": true,
	"span": true, "src": true, "srclang": true, "srcset": true, "start": true,
	"summary": true, "target": true, "title": true, "type": true, "usemap": true,
	"valign": true, "value": true, "width": true, "loading": true, "decoding": true,
}
