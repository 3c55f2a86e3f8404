// Package feed turns posts into an Atom feed (RFC 4287) that the W3C feed
// validator accepts without errors or warnings.
//
// Posts come as posts.Load returns them: published, newest first, each
// permalink once. posts decides that, once; the feed takes the first
// Options.Limit posts in the order given and formats them, and filters,
// sorts and deduplicates nothing. It looks at no other post: a feed of 20
// entries from 100,000 posts reads 20 permalinks.
//
// The feed holds the newest posts, newest first, each with its full HTML
// (Post.HTML, then sanitized for feeds: see sanitize), its summary as plain
// text, its authors, and its tags and categories as Atom categories. The
// output depends on nothing but the input: the feed's updated time is its
// newest entry's, never the clock, and identical input gives identical
// bytes.
//
// The XML is built from gorilla/feeds' Atom element types (AtomLink,
// AtomAuthor), in feed and entry structures of our own: its Feed.ToAtom
// and AtomFeed/AtomEntry cannot write what the validator asks for — no
// rel="self" link, a single author and a single category string per entry,
// no generator, no xml:lang, no title type — and fill gaps with the clock
// (updated) and random UUIDs (ids). Text constructs are written by atomText.
package feed

import (
	"bytes"
	"crypto/sha256"
	"encoding/xml"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/gorilla/feeds"

	"github.com/sessionfeed/sessionfeed/posts"
)

// Options describe the feed as a whole.
type Options struct {
	Title    string // required
	Subtitle string
	Language string // a language tag ("en", "pt-BR") for xml:lang; "" for none

	BaseURL string // the site's home page: the feed's id and rel="alternate" link
	SelfURL string // where the Atom feed is published: its rel="self" link

	// Where the other formats are published, "" for those that are not:
	// each feed is the others' rel="self" or rel="alternate", and names the
	// calendar of every session as rel="related".
	RSSURL      string
	JSONURL     string
	CalendarURL string

	// Events lists, for a post with sessions, the URLs of its sessions' own
	// .ics files (ical names them; the feed only links to them).
	Events map[*posts.Post][]string

	// Author is the feed's author, and the author of every post that names
	// none. Without a name, the feed's title stands for it: Atom requires
	// an author for every entry.
	Author posts.Person

	Limit int // how many of the newest posts the feed holds; 0 means 20

	// Rendered, when set, keeps the entries' HTML from one feed to the
	// next: the Atom, RSS and JSON feeds of a build render the same posts.
	Rendered *Rendered

	Generator    string // the generator's name; "" means "sessionfeed"
	GeneratorURI string // "" means DefaultGeneratorURI
	Version      string // the generator's version, if known
}

// Rendered holds the HTML of the entries the feeds of one build rendered,
// by post, and finds it in a RenderCache, when it has one, before
// rendering. The posts must not change while it is in use. It is safe for
// concurrent use.
type Rendered struct {
	cache RenderCache // or nil

	mu   sync.Mutex
	html map[*posts.Post]string
}

// A RenderCache keeps entries' HTML from one build to the next, by a key
// of everything it depends on. Rendered may call Get and Put from several
// goroutines at once.
type RenderCache interface {
	Get(key RenderKey) (html string, ok bool)
	Put(key RenderKey, html string)
}

// RenderKey is a SHA-256 of everything an entry's HTML depends on: its
// post's posts.HTMLKey and its canonical permalink, against which the
// sanitizer resolves. It holds for one program: a cache of them says which
// program made it.
type RenderKey [sha256.Size]byte

// renderKeyVersion changes when what goes into a RenderKey does.
const renderKeyVersion = "sessionfeed render key 1\n"

func renderKey(c candidate) RenderKey {
	h := sha256.New()
	h.Write([]byte(renderKeyVersion))
	post := c.p.HTMLKey()
	h.Write(post[:])
	h.Write([]byte(c.url.String()))
	var key RenderKey
	h.Sum(key[:0])
	return key
}

// NewRendered returns an empty Rendered, for Options.Rendered, that looks
// in cache (which may be nil) before rendering.
func NewRendered(cache RenderCache) *Rendered {
	return &Rendered{cache: cache, html: make(map[*posts.Post]string)}
}

// Prepare renders the HTML of the entries a feed of opts takes from ps
// (Entries), ahead of the feeds, which then find it in r: a build renders
// them on one core while it computes the calendar on another. A post that
// cannot be rendered is left for the feed, which reports why.
func (r *Rendered) Prepare(opts Options, ps []*posts.Post) {
	for _, p := range Entries(opts, ps) {
		if p == nil {
			continue
		}
		if c := newCandidate(p); c.err == nil {
			r.render(c)
		}
	}
}

// render is the HTML of c's entry: as r holds it, as its cache holds it,
// or rendered (entryHTML) and then kept in both.
func (r *Rendered) render(c candidate) (string, error) {
	if r == nil {
		return entryHTML(c)
	}
	if html, ok := r.get(c.p); ok {
		return html, nil
	}
	var key RenderKey
	if r.cache != nil {
		key = renderKey(c)
		if html, ok := r.cache.Get(key); ok {
			r.put(c.p, html)
			return html, nil
		}
	}
	html, err := entryHTML(c)
	if err != nil {
		return "", err
	}
	if r.cache != nil {
		r.cache.Put(key, html)
	}
	r.put(c.p, html)
	return html, nil
}

// DefaultGeneratorURI is the generator's home page unless Options says
// otherwise.
const DefaultGeneratorURI = "https://github.com/sessionfeed/sessionfeed"

// DefaultLimit is the number of entries when Options.Limit is 0.
const DefaultLimit = 20

// emptyFeedUpdated is the updated time of a feed without entries. Atom
// requires one, and the clock would make every build differ; this fixed
// instant is one the validator finds plausible (not before 1990, not in
// the future).
var emptyFeedUpdated = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

type atomFeed struct {
	XMLName   xml.Name          `xml:"http://www.w3.org/2005/Atom feed"`
	Lang      string            `xml:"http://www.w3.org/XML/1998/namespace lang,attr,omitempty"`
	Title     *atomText         `xml:"title"`
	Subtitle  *atomText         `xml:"subtitle,omitempty"`
	ID        string            `xml:"id"`
	Updated   string            `xml:"updated"`
	Links     []feeds.AtomLink  `xml:"link"`
	Author    *feeds.AtomAuthor `xml:"author"`
	Generator atomGenerator     `xml:"generator"`
	Entries   []*atomEntry      `xml:"entry"`
}

type atomGenerator struct {
	URI     string `xml:"uri,attr,omitempty"`
	Version string `xml:"version,attr,omitempty"`
	Name    string `xml:",chardata"`
}

type atomEntry struct {
	Title      *atomText          `xml:"title"`
	ID         string             `xml:"id"`
	Links      []feeds.AtomLink   `xml:"link"`
	Published  string             `xml:"published"`
	Updated    string             `xml:"updated"`
	Authors    []feeds.AtomAuthor `xml:"author"`
	Categories []atomCategory     `xml:"category"`
	Summary    *atomText          `xml:"summary,omitempty"`
	Content    *atomText          `xml:"content,omitempty"`
}

type atomCategory struct {
	Term string `xml:"term,attr"`
}

// Atom returns the Atom feed of the first opts.Limit posts of ps, which
// come as posts.Load returns them: published, newest first, each
// permalink once. Each entry's id and alternate link are the post's
// permalink in canonical form.
//
// The feed links to the RSS and JSON feeds (rel="alternate") and to the
// calendar (rel="related") that Options names, and each entry to the .ics
// file of each of its post's sessions (Options.Events).
//
// Atom fails when the options are unusable (no title, a base or self URL
// that is not an absolute http(s) URL, a malformed language tag, a negative
// limit) or when a post in the feed has no absolute permalink, no date
// between the years 0 and 9999, or the permalink of another post in the
// feed (Atom ids must be unique).
func Atom(opts Options, ps []*posts.Post) ([]byte, error) {
	h, items, err := collect(opts, ps)
	if err != nil {
		return nil, err
	}
	if h.self.atom == "" {
		return nil, errors.New("feed: no self URL for the Atom feed")
	}
	f := &atomFeed{
		Lang:      h.lang,
		Title:     plain(h.title),
		ID:        h.home,
		Author:    &h.author,
		Generator: h.gen,
		Updated:   rfc3339(updated(items)),
	}
	// The other formats' alternates come before the home page's: readers
	// such as newsboat take the last rel="alternate" for the site's link.
	if h.self.rss != "" {
		f.Links = append(f.Links, feeds.AtomLink{Href: h.self.rss, Rel: "alternate", Type: typeRSS})
	}
	if h.self.json != "" {
		f.Links = append(f.Links, feeds.AtomLink{Href: h.self.json, Rel: "alternate", Type: typeJSON})
	}
	f.Links = append(f.Links,
		feeds.AtomLink{Href: h.home, Rel: "alternate", Type: "text/html"},
		feeds.AtomLink{Href: h.self.atom, Rel: "self", Type: typeAtom},
	)
	if h.calendar != "" {
		f.Links = append(f.Links, feeds.AtomLink{Href: h.calendar, Rel: "related", Type: typeCalendar})
	}
	if h.subtitle != "" {
		f.Subtitle = plain(h.subtitle)
	}
	for _, it := range items {
		f.Entries = append(f.Entries, atomEntryOf(it))
	}
	spellUpdatedApart(f.Entries)

	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", "  ")
	if err := enc.Encode(f); err != nil {
		return nil, fmt.Errorf("feed: %w", err)
	}
	b.WriteByte('\n')
	return b.Bytes(), nil
}

func atomEntryOf(it *item) *atomEntry {
	e := &atomEntry{
		Title:     plain(it.title),
		ID:        it.id,
		Links:     []feeds.AtomLink{{Href: it.id, Rel: "alternate", Type: "text/html"}},
		Published: rfc3339(it.published),
		Updated:   rfc3339(it.updated),
		Authors:   it.authors,
	}
	for _, u := range it.events {
		e.Links = append(e.Links, feeds.AtomLink{Href: u, Rel: "related", Type: typeCalendar})
	}
	for _, t := range it.terms {
		e.Categories = append(e.Categories, atomCategory{Term: t})
	}
	if it.summary != "" {
		e.Summary = plain(it.summary)
	}
	if it.html != "" {
		e.Content = newText("html", it.html)
	} else if e.Summary == nil {
		// Atom wants some text in every entry (MissingTextualContent).
		e.Summary = e.Title
	}
	return e
}

// rfc3339 writes t in UTC to the second.
func rfc3339(t time.Time) string {
	return t.UTC().Format("2006-01-02T15:04:05Z")
}

// spellUpdatedApart makes the updated values of entries distinct strings
// without changing the instants they name. The validator compares them as
// strings and warns when two entries share one (DuplicateUpdated), which
// happens to posts dated by day only; the second entry with a given value
// gets "…:05.0Z", the third "…:05.00Z", and so on — the same instant in
// RFC 3339.
func spellUpdatedApart(es []*atomEntry) {
	seen := map[string]int{}
	for _, e := range es {
		n := seen[e.Updated]
		seen[e.Updated] = n + 1
		if n > 0 {
			e.Updated = strings.TrimSuffix(e.Updated, "Z") + "." + strings.Repeat("0", n) + "Z"
		}
	}
}
