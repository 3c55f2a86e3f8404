package feed

import (
	"fmt"
	"regexp"
	"strings"
	"time"
)

// rssFindings checks an RSS 2.0 document against the conditions under which
// the W3C feed validator reports an error or a warning for RSS, read from
// its sources as validatorFindings is for Atom:
//
//	root.py, channel.py (rss20Channel), item.py (rss20Item)
//	  MissingDescription, MissingLink, MissingTitle  in the channel
//	  MissingDCLanguage     no language (nor xml:lang) in the channel
//	  MissingAtomSelfLink   no atom:link rel="self" in an RSS 2.0 channel
//	  DuplicateElement / noduplicates  title, link, description, pubDate,
//	                        guid, lastBuildDate, docs, … more than once
//	  MisplacedItem         channel metadata after the first item
//	  ItemMustContainTitleOrDescription, MissingGuid  in an item
//	  NeedDescriptionBeforeContent  content:encoded without description
//	  DuplicateItemSemantics  author with dc:creator, pubDate with dc:date
//	  UndefinedElement      an element RSS 2.0 or its namespaces lack
//	validators.py
//	  InvalidRFC2822Date    pubDate, lastBuildDate not RFC 2822 (rfc2822_re)
//	  IncorrectDOW          the day of the week does not match the date
//	  InvalidFullLink       link, guid (isPermaLink), docs not a full URI
//	  InvalidPermalink      a permalink guid starting with tag: or urn:uuid:
//	  ContainsHTML          title, description of the channel (nonhtml)
//	                        holding an end tag or an entity reference
//	  NotBlank              item title, category
//	  BadCharacters, SecurityRisk…  as for Atom (htmlFindings for the
//	                        HTML of description and content:encoded)
//	link.py (atom:link)     as for Atom; SelfNotAtom does not apply in RSS,
//	                        where the self link's type is the RSS type
//
// Not checked: SelfDoesntMatchLocation, InvalidLanguage (ISO 639 table),
// ContainsHTML in item titles made of text that looks like markup (RSS has
// no way to say a title is plain text; such titles draw a warning).
func rssFindings(doc []byte) []string {
	root, out, err := startFindings(doc)
	if err != nil {
		return out
	}
	report := func(format string, args ...any) { out = append(out, fmt.Sprintf(format, args...)) }
	if root.Name.Local != "rss" || root.Name.Space != "" || root.attr("version") != "2.0" {
		return append(out, "not RSS 2.0: "+root.Name.Local)
	}
	if len(root.Children) != 1 || root.Children[0].Name.Local != "channel" {
		return append(out, "MissingChannel or UndefinedElement under rss")
	}
	ch := root.Children[0]
	once := setOf("title link description language copyright managingEditor webMaster pubDate lastBuildDate generator docs cloud ttl image rating textInput skipHours skipDays")
	counts := map[string]int{}
	sawItem := false
	for _, c := range ch.Children {
		name := qualified(c)
		counts[name]++
		switch {
		case name == "item":
			sawItem = true
			continue
		case name == "atom:link" || name == "category":
		case !once[name]:
			report("UndefinedElement: channel/%s", name)
		case counts[name] > 1:
			report("DuplicateElement: channel/%s", name)
		}
		if sawItem {
			report("MisplacedItem: channel/%s after an item", name)
		}
	}
	for _, req := range []string{"title", "link", "description"} {
		if counts[req] == 0 {
			report("MissingElement: channel/%s", req)
		}
	}
	if counts["language"] == 0 {
		report("MissingDCLanguage")
	}
	for _, name := range []string{"title", "description"} {
		if n := ch.child(name); n != nil {
			checkNonHTML(n.Text, "channel/"+name, report)
		}
	}
	for _, name := range []string{"link", "docs"} {
		if n := ch.child(name); n != nil && !fullURI.MatchString(n.Text) {
			report("InvalidFullLink: channel/%s %q", name, n.Text)
		}
	}
	for _, name := range []string{"pubDate", "lastBuildDate"} {
		if n := ch.child(name); n != nil {
			checkRFC822(n.Text, "channel/"+name, report)
		}
	}
	self := false
	var links []*node
	for _, l := range ch.Children {
		if qualified(l) == "atom:link" {
			links = append(links, l)
			self = self || l.attr("rel") == "self"
		}
	}
	checkAtomLinks(links, "channel", report)
	if !self {
		report("MissingAtomSelfLink")
	}

	itemOnce := setOf("title link description author comments enclosure guid pubDate source content:encoded")
	guids := map[string]bool{}
	for i, it := range ch.all("item") {
		where := fmt.Sprintf("item %d", i+1)
		counts := map[string]int{}
		var links []*node
		for _, c := range it.Children {
			name := qualified(c)
			counts[name]++
			switch {
			case name == "category" || name == "dc:creator":
			case name == "atom:link":
				links = append(links, c)
			case !itemOnce[name]:
				report("UndefinedElement: %s/%s", where, name)
			case counts[name] > 1:
				report("DuplicateElement: %s/%s", where, name)
			}
			if name == "content:encoded" && counts["description"] == 0 {
				report("NeedDescriptionBeforeContent: %s", where)
			}
		}
		checkAtomLinks(links, where, report)
		if counts["title"] == 0 && counts["description"] == 0 {
			report("ItemMustContainTitleOrDescription: %s", where)
		}
		if counts["guid"] == 0 {
			report("MissingGuid: %s", where)
		}
		if counts["author"] > 0 && counts["dc:creator"] > 0 {
			report("DuplicateItemSemantics: %s author and dc:creator", where)
		}
		if t := it.child("title"); t != nil && strings.TrimSpace(t.Text) == "" {
			report("NotBlank: %s/title", where)
		}
		if l := it.child("link"); l != nil && !fullURI.MatchString(l.Text) {
			report("InvalidFullLink: %s/link %q", where, l.Text)
		}
		if p := it.child("pubDate"); p != nil {
			checkRFC822(p.Text, where+"/pubDate", report)
		}
		for _, c := range it.all("category") {
			if strings.TrimSpace(c.Text) == "" {
				report("NotBlank: %s/category", where)
			}
		}
		if g := it.child("guid"); g != nil {
			if guids[g.Text] {
				report("DuplicateValue: %s/guid %q", where, g.Text)
			}
			guids[g.Text] = true
			switch perm := g.attr("isPermaLink"); perm {
			case "", "true":
				if !fullURI.MatchString(g.Text) {
					report("InvalidHttpGUID: %s %q", where, g.Text)
				}
				if lu := strings.ToLower(g.Text); strings.HasPrefix(lu, "tag:") || strings.HasPrefix(lu, "urn:uuid:") {
					report("InvalidPermalink: %s %q", where, g.Text)
				}
			case "false":
			default:
				report("InvalidBooleanAttribute: %s isPermaLink %q", where, perm)
			}
		}
		for _, c := range it.Children {
			if name := qualified(c); name == "description" || name == "content:encoded" {
				for _, f := range htmlFindings(c.Text) {
					report("%s (%s/%s)", f, where, name)
				}
			}
		}
	}
	return out
}

// qualified is an element's name with the prefix this package gives its
// namespace; "{ns}name" for any other namespace.
func qualified(n *node) string {
	switch n.Name.Space {
	case "":
		return n.Name.Local
	case nsAtom:
		return "atom:" + n.Name.Local
	case nsContent:
		return "content:" + n.Name.Local
	case nsDC:
		return "dc:" + n.Name.Local
	}
	return "{" + n.Name.Space + "}" + n.Name.Local
}

// checkAtomLinks applies link.py and the one-alternate-per-type rule to
// atom:link elements.
func checkAtomLinks(links []*node, where string, report func(string, ...any)) {
	checkLinks(&node{Children: links}, where, report)
	for _, l := range links {
		if l.attr("rel") == "self" && l.attr("type") != typeRSS {
			report("self link of type %q in RSS", l.attr("type"))
		}
	}
}

// rfc2822Date is validators.py's rfc822.rfc2822_re.
var rfc2822Date = regexp.MustCompile(`^(((Mon)|(Tue)|(Wed)|(Thu)|(Fri)|(Sat)|(Sun)), )?\d\d? ((Jan)|(Feb)|(Mar)|(Apr)|(May)|(Jun)|(Jul)|(Aug)|(Sep)|(Oct)|(Nov)|(Dec)) \d\d\d\d \d\d:\d\d(:\d\d)? (([+-]?\d\d[03]0)|(UT)|(GMT)|(EST)|(EDT)|(CST)|(CDT)|(MST)|(MDT)|(PST)|(PDT)|Z)$`)

func checkRFC822(s, where string, report func(string, ...any)) {
	if !rfc2822Date.MatchString(s) {
		report("InvalidRFC2822Date: %s %q", where, s)
		return
	}
	t, err := time.Parse(time.RFC1123Z, s)
	if err != nil {
		report("InvalidRFC2822Date: %s %q: %v", where, s, err)
		return
	}
	if !strings.HasPrefix(s, t.Format("Mon")) {
		report("IncorrectDOW: %s %q", where, s)
	}
	if t.Year() < 1990 {
		report("ImplausibleDate: %s %q", where, s)
	}
}

// checkNonHTML is validators.py's nonhtml: text that must not look like
// HTML.
func checkNonHTML(s, where string, report func(string, ...any)) {
	if htmlEndTag.MatchString(s) || htmlEntity.MatchString(s) {
		report("ContainsHTML: %s %q", where, s)
	}
}
