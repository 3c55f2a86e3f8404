package feed

import (
	"encoding/xml"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"

	"golang.org/x/net/html"
	htmlatom "golang.org/x/net/html/atom"
)

// validatorFindings checks an Atom document against the conditions under
// which the W3C feed validator (github.com/w3c/feedvalidator,
// src/feedvalidator/*.py) reports an error or a warning, as far as they
// can be checked without the network. Each finding names the validator's
// message. We cannot reach the validator; this is its rule book as read
// from its sources:
//
//	feed.py, entry.py (elements and their rules)
//	  MissingElement         feed title, id, updated, author (or every entry
//	                         has one); entry title, id, updated, author
//	  MissingSelf            no <link rel="self"> in the feed
//	  RelativeSelf           self href not absolute
//	  DuplicateAtomLink      two alternate links with the same type and hreflang
//	  MisplacedMetadata      feed metadata after the first entry
//	  DuplicateEntries       two entries with the same id
//	  DuplicateUpdated       two entries with the same updated string
//	  DuplicateElement       an element twice where once is allowed
//	  MissingTextualContent  entry with neither content nor summary
//	  MissingContentOrAlternate  entry without content or alternate link
//	  UndefinedElement       an element Atom does not define
//	validators.py
//	  InvalidRFC3339Date     updated/published not YYYY-MM-DDTHH:MM:SS(.s)(Z|±hh:mm)
//	  ImplausibleDate        a date before 1990 (or in the future)
//	  UnexpectedWhitespace   white space around id, updated, published
//	  InvalidFullLink        id not a full URI in ASCII URI characters
//	  NonCanonicalURI        id not in canonical form (uri.py)
//	  NotBlank / AttrNotBlank  empty title, summary, content, category term
//	  ContainsUndeclaredHTML type="text" (or no type) holding "</tag>" or a
//	                         character reference; ContainsHTML for names
//	  ContainsEmail          author name holding "<address>"
//	  InvalidAddrSpec, UnknownHost  email not of the plain form
//	  BadCharacters          U+0080–U+009F or U+FFFD in any text or attribute
//	  SecurityRisk           an element outside acceptable_elements in HTML
//	  SecurityRiskAttr       an attribute outside acceptable_attributes (data-*
//	                         allowed)
//	  DangerousStyleAttr     style attributes (we drop them all)
//	  ContainsRelRef         <a href> or <img src> without a scheme
//	  NotHtml                HTML that html5lib (strict) cannot parse without
//	                         error; approximated here: the HTML must come back
//	                         unchanged from a parse and render round trip
//	link.py
//	  UnregisteredAtomLinkRel  rel outside the registered relations
//	  SelfNotAtom            self link type not application/atom+xml
//	generator.py, category.py, author.py
//	  generator uri a URI; category term non-blank; author name non-blank
//
// Not checked here: SelfDoesntMatchLocation (depends on where atom.xml is
// served; Options.SelfURL must be that address), ImplausibleDate for posts
// dated in the future (published with -future), InvalidLanguage (the
// ISO 639 table), ContainsHTML in author names (names are written as
// given), Latin-1 text double-encoded as UTF-8.
func validatorFindings(doc []byte) []string {
	root, out, err := startFindings(doc)
	if err != nil {
		return out
	}
	report := func(format string, args ...any) { out = append(out, fmt.Sprintf(format, args...)) }
	if root.Name.Space != atomNamespace || root.Name.Local != "feed" {
		return append(out, "not an Atom feed: "+root.Name.Local)
	}

	feedOnce := setOf("title subtitle id updated generator icon logo rights")
	feedKnown := setOf("author category contributor link entry")
	counts := checkChildren(root, "feed", feedOnce, feedKnown, report)
	sawEntry := false
	for _, c := range root.Children {
		if name := c.Name.Local; name == "entry" {
			sawEntry = true
		} else if sawEntry {
			report("MisplacedMetadata: feed/%s after an entry", name)
		}
	}
	feedHasAuthor := counts["author"] > 0
	if id := root.child("id"); id != nil {
		checkID(id.Text, "feed", report)
	}
	if u := root.child("updated"); u != nil {
		checkDate(u.Text, "feed/updated", report)
	}
	for _, name := range []string{"title", "subtitle"} {
		if t := root.child(name); t != nil {
			checkText(t, "feed/"+name, report)
		}
	}
	checkLinks(root, "feed", report)
	self := false
	for _, l := range root.all("link") {
		if l.attr("rel") == "self" {
			self = true
			if !schemed.MatchString(l.attr("href")) {
				report("RelativeSelf: %q", l.attr("href"))
			}
			if l.attr("type") != "application/atom+xml" {
				report("SelfNotAtom: %q", l.attr("type"))
			}
		}
	}
	if !self {
		report("MissingSelf")
	}
	for _, a := range root.all("author") {
		checkPerson(a, "feed/author", report)
	}
	if g := root.child("generator"); g != nil {
		if strings.TrimSpace(g.Text) == "" {
			report("NotBlank: feed/generator")
		}
		if u := g.attr("uri"); u != "" && !fullURI.MatchString(u) {
			report("InvalidURIAttribute: generator uri %q", u)
		}
	}

	entryOnce := setOf("title id updated published summary content rights source")
	entryKnown := setOf("author category contributor link")
	ids, updated := map[string]bool{}, map[string]bool{}
	for i, e := range root.all("entry") {
		where := fmt.Sprintf("entry %d", i+1)
		counts := checkChildren(e, where, entryOnce, entryKnown, report)
		if counts["author"] == 0 && !feedHasAuthor {
			report("MissingElement: %s/author", where)
		}
		if id := e.child("id"); id != nil {
			checkID(id.Text, where, report)
			if ids[id.Text] {
				report("DuplicateEntries: %s", id.Text)
			}
			ids[id.Text] = true
		}
		var pub, upd time.Time
		if u := e.child("updated"); u != nil {
			upd = checkDate(u.Text, where+"/updated", report)
			if updated[u.Text] {
				report("DuplicateUpdated: %s", u.Text)
			}
			updated[u.Text] = true
		}
		if p := e.child("published"); p != nil {
			pub = checkDate(p.Text, where+"/published", report)
		}
		if !pub.IsZero() && !upd.IsZero() && upd.Before(pub) {
			report("updated before published: %s", where)
		}
		for _, name := range []string{"title", "summary", "content"} {
			if t := e.child(name); t != nil {
				checkText(t, where+"/"+name, report)
			}
		}
		if counts["content"] == 0 && counts["summary"] == 0 {
			report("MissingTextualContent: %s", where)
		}
		checkLinks(e, where, report)
		alternate := false
		for _, l := range e.all("link") {
			alternate = alternate || l.attr("rel") == "alternate" || l.attr("rel") == ""
		}
		if !alternate && counts["content"] == 0 {
			report("MissingContentOrAlternate: %s", where)
		}
		for _, a := range e.all("author") {
			checkPerson(a, where+"/author", report)
		}
		for _, c := range e.all("category") {
			if strings.TrimSpace(c.attr("term")) == "" {
				report("AttrNotBlank: %s/category term", where)
			}
		}
	}
	return out
}

const atomNamespace = "http://www.w3.org/2005/Atom"

var (
	// rfc3339Date is validators.py's rfc3339.iso8601_re.
	rfc3339Date = regexp.MustCompile(`^\d\d\d\d-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d*)?(Z|([+-]\d\d:\d\d))$`)
	// fullURI is validators.py's rfc2396_full.rfc2396_re.
	fullURI = regexp.MustCompile(`^[a-zA-Z][0-9a-zA-Z+\-\.]*:(//)?[0-9a-zA-Z;/?:@&=+$\.\-_!~*'()%,#]+$`)
	// schemed is absUrlMixin.absref_re: what counts as an absolute reference.
	schemed = regexp.MustCompile(`^\w+:`)
	// htmlEndTag and htmlEntity are nonhtml's patterns.
	htmlEndTag = regexp.MustCompile(`</\w+>`)
	htmlEntity = regexp.MustCompile(`&#?\w+`)
	registered = map[string]bool{"alternate": true, "enclosure": true, "related": true, "self": true, "via": true}
)

// checkChildren checks the child elements of a feed or entry n: each must
// be an Atom element in once or known, one in once at most once, and title,
// id and updated present. It returns how many of each name there are.
func checkChildren(n *node, where string, once, known map[string]bool, report func(string, ...any)) map[string]int {
	counts := map[string]int{}
	for _, c := range n.Children {
		name := c.Name.Local
		counts[name]++
		switch {
		case c.Name.Space != atomNamespace:
			report("UndefinedElement: %s/%s in %q", where, name, c.Name.Space)
		case !once[name] && !known[name]:
			report("UndefinedElement: %s/%s", where, name)
		case once[name] && counts[name] > 1:
			report("DuplicateElement: %s/%s", where, name)
		}
	}
	for _, req := range []string{"title", "id", "updated"} {
		if counts[req] == 0 {
			report("MissingElement: %s/%s", where, req)
		}
	}
	return counts
}

func checkID(id, where string, report func(string, ...any)) {
	if id != strings.TrimSpace(id) {
		report("UnexpectedWhitespace: %s/id", where)
	}
	if !fullURI.MatchString(id) {
		report("InvalidFullLink: %s/id %q", where, id)
	}
	if c, err := canonicalURI(id); err != nil || c != id {
		report("NonCanonicalURI: %s/id %q (canonical %q)", where, id, c)
	}
}

func checkDate(s, where string, report func(string, ...any)) time.Time {
	if s != strings.TrimSpace(s) {
		report("UnexpectedWhitespace: %s", where)
	}
	if !rfc3339Date.MatchString(s) {
		report("InvalidRFC3339Date: %s %q", where, s)
		return time.Time{}
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		report("InvalidRFC3339Date: %s %q: %v", where, s, err)
		return time.Time{}
	}
	if t.Year() < 1990 {
		report("ImplausibleDate: %s %q", where, s)
	}
	return t
}

// checkText checks a text construct.
func checkText(t *node, where string, report func(string, ...any)) {
	if strings.TrimSpace(t.Text) == "" {
		report("NotBlank: %s", where)
	}
	switch typ := t.attr("type"); typ {
	case "", "text":
		if htmlEndTag.MatchString(t.Text) || htmlEntity.MatchString(t.Text) {
			report("ContainsUndeclaredHTML: %s %q", where, t.Text)
		}
	case "html":
		for _, f := range htmlFindings(t.Text) {
			report("%s in %s", f, where)
		}
	default:
		report("unexpected type %q: %s", typ, where)
	}
}

func checkLinks(n *node, where string, report func(string, ...any)) {
	seen := map[string]bool{}
	for _, l := range n.all("link") {
		rel := l.attr("rel")
		if rel == "" {
			rel = "alternate"
		}
		if !registered[rel] {
			report("UnregisteredAtomLinkRel: %s %q", where, rel)
		}
		// Only alternates must differ in type or hreflang (feed.py,
		// entry.py: "can only have one alternate per type").
		key := rel + " " + l.attr("type") + " " + l.attr("hreflang")
		if rel == "alternate" && seen[key] {
			report("DuplicateAtomLink: %s %s", where, key)
		}
		seen[key] = true
		if h := l.attr("href"); !fullURI.MatchString(h) {
			report("InvalidFullLink: %s link %q", where, h)
		}
	}
}

func checkPerson(a *node, where string, report func(string, ...any)) {
	name := a.child("name")
	if name == nil || strings.TrimSpace(name.Text) == "" {
		report("MissingElement/NotBlank: %s/name", where)
	} else if htmlEndTag.MatchString(name.Text) {
		report("ContainsHTML: %s/name %q", where, name.Text)
	} else if strings.Contains(name.Text, "@") && strings.Contains(name.Text, "<") {
		report("ContainsEmail: %s/name %q", where, name.Text)
	}
	if e := a.child("email"); e != nil && !emailAddress.MatchString(e.Text) {
		report("InvalidAddrSpec: %s/email %q", where, e.Text)
	}
	if u := a.child("uri"); u != nil && !fullURI.MatchString(u.Text) {
		report("InvalidFullLink: %s/uri %q", where, u.Text)
	}
}

// htmlFindings checks escaped HTML content the way the validator's
// HTMLValidator and absUrlMixin do.
func htmlFindings(s string) []string {
	var out []string
	nodes, err := html.ParseFragment(strings.NewReader(s), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: htmlatom.Div})
	if err != nil {
		return []string{"NotHtml: " + err.Error()}
	}
	var b strings.Builder
	for _, n := range nodes {
		_ = html.Render(&b, n)
	}
	if b.String() != s {
		out = append(out, fmt.Sprintf("NotHtml: not stable under parse and render:\n%s\n---\n%s", s, b.String()))
	}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.CommentNode:
			out = append(out, "comment in HTML")
		case html.ElementNode:
			if !validatorElements[n.Data] || n.Namespace != "" {
				out = append(out, "SecurityRisk: "+n.Data)
			}
			for _, a := range n.Attr {
				switch {
				case a.Key == "style":
					out = append(out, "DangerousStyleAttr: "+a.Val)
				case !validatorAttributes[a.Key] && !strings.HasPrefix(a.Key, "data-"):
					out = append(out, "SecurityRiskAttr: "+a.Key)
				}
				if (n.Data == "a" && a.Key == "href" || n.Data == "img" && a.Key == "src") && !schemed.MatchString(strings.TrimSpace(a.Val)) {
					out = append(out, "ContainsRelRef: "+a.Val)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, n := range nodes {
		walk(n)
	}
	return out
}

// validatorElements and validatorAttributes are the names the validator
// accepts in HTML content (validators.py, HTMLValidator.acceptable_elements
// and acceptable_attributes).
var validatorElements = setOf(`a abbr acronym address area article aside audio b bdi big
	blockquote br button canvas caption center cite code col colgroup command data
	datagrid datalist dd del details dfn dialog dir div dl dt em eventsource fieldset
	figcaption figure footer font form header h1 h2 h3 h4 h5 h6 hgroup hr i img input
	ins keygen kbd label legend li m main map mark menu meter multicol nav nextid ol
	output optgroup option p picture pre progress q rp rt ruby s samp section select
	small sound source spacer span strike strong sub summary sup table tbody td
	template textarea time tfoot th thead tr track tt u ul var video noscript wbr`)

var validatorAttributes = setOf(`abbr accept accept-charset accesskey action align allow
	allowfullscreen allowpaymentrequest alt as autoplay autocapitalize autocomplete
	autofocus axis background balance bgcolor bgproperties border bordercolor
	bordercolordark bordercolorlight bottompadding cellpadding cellspacing ch challenge
	char charoff choff charset checked cite class clear color cols colspan compact
	contenteditable coords crossorigin data datafld datapagesize datasrc datetime
	decoding default delay dir dirname disabled download draggable dynsrc enctype end
	enterkeyhint face for form formenctype frame galleryimg gutter headers height
	hidefocus hidden high href hreflang hspace icon id inputmode is ismap itemid
	itemprop itemref itemscope itemtype kind keytype label lang leftspacing loading list
	longdesc loop loopcount loopend loopstart low lowsrc max maxlength media method min
	minlength multiple muted name nohref nonce noshade nowrap open optimum pattern ping
	placeholder playsinline point-size poster preload prompt pqg radiogroup readonly
	referrerpolicy rel repeat-max repeat-min replace required rev reversed rightspacing
	rows rowspan rules scope selected shape size sizes span spellcheck src srclang
	srcset start step summary suppress tabindex target template title toppadding
	translate type unselectable usemap urn valign value variable volume vspace vrml
	width wrap xml:lang xmlns`)

func setOf(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// node is an XML element, enough of one to check a feed.
type node struct {
	Name     xml.Name
	Attrs    []xml.Attr
	Children []*node
	Text     string
	text     []byte // Text while it is read
}

func (n *node) attr(local string) string {
	for _, a := range n.Attrs {
		if a.Name.Local == local && a.Name.Space == "" {
			return a.Value
		}
	}
	return ""
}

func (n *node) child(local string) *node {
	for _, c := range n.Children {
		if c.Name.Local == local {
			return c
		}
	}
	return nil
}

func (n *node) all(local string) []*node {
	var out []*node
	for _, c := range n.Children {
		if c.Name.Local == local {
			out = append(out, c)
		}
	}
	return out
}

// parseTree reads doc with encoding/xml in strict mode: any error means
// the document is not well-formed XML.
// startFindings parses doc as the validator does and reports what both
// formats' checks report first: a document that does not parse (err is
// set), or characters that are not text.
func startFindings(doc []byte) (*node, []string, error) {
	root, err := parseTree(doc)
	if err != nil {
		return nil, []string{"SAXError: " + err.Error()}, err
	}
	var out []string
	for _, r := range string(doc) {
		if r >= 0x80 && r <= 0x9f || r == 0xfffd {
			out = append(out, fmt.Sprintf("BadCharacters: %U", r))
			break
		}
	}
	return root, out, nil
}

func parseTree(doc []byte) (*node, error) {
	d := xml.NewDecoder(strings.NewReader(string(doc)))
	d.Strict = true
	var stack []*node
	var root *node
	for {
		tok, err := d.Token()
		if err == io.EOF {
			if root == nil {
				return nil, fmt.Errorf("no root element")
			}
			return root, nil
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			n := &node{Name: t.Name, Attrs: t.Attr}
			if len(stack) > 0 {
				p := stack[len(stack)-1]
				p.Children = append(p.Children, n)
			} else if root != nil {
				return nil, fmt.Errorf("second root element")
			} else {
				root = n
			}
			stack = append(stack, n)
		case xml.EndElement:
			n := stack[len(stack)-1]
			n.Text, n.text = string(n.text), nil
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				n := stack[len(stack)-1]
				n.text = append(n.text, t...)
			}
		}
	}
}
