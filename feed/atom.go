// Package feed turns posts into an Atom feed (RFC 4287) that the W3C feed
// validator accepts without errors or warnings.
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
	"encoding/xml"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
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
	SelfURL string // where the feed is published: its rel="self" link

	// Author is the feed's author, and the author of every post that names
	// none. Without a name, the feed's title stands for it: Atom requires
	// an author for every entry.
	Author posts.Person

	Limit int // how many of the newest posts the feed holds; 0 means 20

	Generator    string // the generator's name; "" means "sessionfeed"
	GeneratorURI string // "" means DefaultGeneratorURI
	Version      string // the generator's version, if known
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
const emptyFeedUpdated = "2000-01-01T00:00:00Z"

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

	updated time.Time
}

type atomCategory struct {
	Term string `xml:"term,attr"`
}

// Atom returns the Atom feed of the newest opts.Limit posts.
//
// Posts are ordered by date, newest first; posts with the same date as
// their generator lists them (Post.Order), then by URL.
// Drafts are left out, and of two posts with the same permalink only the
// first in that order is kept (Atom ids must be unique). Each entry's id
// and alternate link are the post's permalink in canonical form.
//
// Atom fails when the options are unusable (no title, a base or self URL
// that is not an absolute http(s) URL, a malformed language tag, a negative
// limit) or when a post in the feed has no absolute permalink or no date
// between the years 0 and 9999.
func Atom(opts Options, ps []*posts.Post) ([]byte, error) {
	f, err := newFeed(opts)
	if err != nil {
		return nil, err
	}
	limit := opts.Limit
	switch {
	case limit < 0:
		return nil, fmt.Errorf("feed: negative limit %d", limit)
	case limit == 0:
		limit = DefaultLimit
	}
	feedAuthor := *f.Author

	for _, c := range newest(ps) {
		if len(f.Entries) == limit {
			break
		}
		if c.err != nil {
			return nil, c.err
		}
		e, err := newEntry(c, feedAuthor)
		if err != nil {
			return nil, err
		}
		f.Entries = append(f.Entries, e)
	}

	f.Updated = emptyFeedUpdated
	var newestUpdate time.Time
	for _, e := range f.Entries {
		if e.updated.After(newestUpdate) {
			newestUpdate = e.updated
		}
	}
	if !newestUpdate.IsZero() {
		f.Updated = rfc3339(newestUpdate)
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

var languageTag = regexp.MustCompile(`^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$`)

func newFeed(opts Options) (*atomFeed, error) {
	title := oneLine(opts.Title)
	if title == "" {
		return nil, errors.New("feed: no title")
	}
	home, err := canonicalURI(opts.BaseURL)
	if err != nil {
		return nil, fmt.Errorf("feed: base URL: %v", err)
	}
	self, err := canonicalURI(opts.SelfURL)
	if err != nil {
		return nil, fmt.Errorf("feed: self URL: %v", err)
	}
	lang := strings.TrimSpace(opts.Language)
	if lang != "" && !languageTag.MatchString(lang) {
		return nil, fmt.Errorf("feed: language %q is not a language tag such as en or pt-BR", opts.Language)
	}
	a, ok := author(opts.Author)
	if !ok {
		a, _ = author(posts.Person{Name: title, Email: opts.Author.Email, URI: opts.Author.URI})
	}
	gen := atomGenerator{Name: oneLine(opts.Generator), URI: DefaultGeneratorURI, Version: oneLine(opts.Version)}
	if gen.Name == "" {
		gen.Name = "sessionfeed"
	}
	if opts.GeneratorURI != "" {
		if gen.URI, err = canonicalURI(opts.GeneratorURI); err != nil {
			return nil, fmt.Errorf("feed: generator URI: %v", err)
		}
	}
	f := &atomFeed{
		Lang:  lang,
		Title: plain(title),
		ID:    home,
		Links: []feeds.AtomLink{
			{Href: home, Rel: "alternate", Type: "text/html"},
			{Href: self, Rel: "self", Type: "application/atom+xml"},
		},
		Author:    &a,
		Generator: gen,
	}
	if sub := oneLine(opts.Subtitle); sub != "" {
		f.Subtitle = plain(sub)
	}
	return f, nil
}

// candidate is a post on its way into the feed.
type candidate struct {
	p   *posts.Post
	id  string   // canonical permalink
	url *url.URL // the same, parsed
	err error    // why the post cannot be in the feed
}

// newest returns the posts that may enter the feed, newest first, ties as
// the site's generator breaks them (Post.Order), then by id, each id once. Posts with an error sort with the others so that only
// an error among the newest fails the feed.
func newest(ps []*posts.Post) []candidate {
	var cs []candidate
	for _, p := range ps {
		if p == nil || p.Draft {
			continue
		}
		c := candidate{p: p}
		c.id, c.err = canonicalURI(cleanText(p.URL))
		if c.err == nil {
			c.url, c.err = url.Parse(c.id)
		}
		if c.err != nil {
			c.err = fmt.Errorf("feed: post %s: permalink: %v", p.Source, c.err)
		} else if y := p.Date.UTC().Year(); p.Date.IsZero() || y < 0 || y > 9999 {
			c.err = fmt.Errorf("feed: post %s: no usable date (%v)", p.Source, p.Date)
		}
		cs = append(cs, c)
	}
	slices.SortStableFunc(cs, func(a, b candidate) int {
		if c := b.p.Date.Compare(a.p.Date); c != 0 {
			return c
		}
		if a.p.Order != b.p.Order {
			return a.p.Order - b.p.Order
		}
		return strings.Compare(a.id, b.id)
	})
	seen := map[string]bool{}
	out := cs[:0]
	for _, c := range cs {
		if c.err == nil && seen[c.id] {
			continue
		}
		seen[c.id] = true
		out = append(out, c)
	}
	return out
}

func newEntry(c candidate, feedAuthor feeds.AtomAuthor) (*atomEntry, error) {
	p := c.p
	updated := p.Updated
	if updated.Before(p.Date) { // also when it is zero
		updated = p.Date
	}
	e := &atomEntry{
		ID:        c.id,
		Links:     []feeds.AtomLink{{Href: c.id, Rel: "alternate", Type: "text/html"}},
		Published: rfc3339(p.Date),
		Updated:   rfc3339(updated),
		updated:   updated,
	}
	title := oneLine(p.Title)
	if title == "" {
		title = "Untitled"
	}
	e.Title = plain(title)

	seen := map[feeds.AtomPerson]bool{}
	for _, person := range p.Authors {
		if a, ok := author(person); ok && !seen[a.AtomPerson] {
			seen[a.AtomPerson] = true
			e.Authors = append(e.Authors, a)
		}
	}
	if len(e.Authors) == 0 {
		e.Authors = []feeds.AtomAuthor{feedAuthor}
	}

	terms := map[string]bool{}
	for _, t := range slices.Concat(p.Tags, p.Categories) {
		if t = oneLine(t); t != "" && !terms[t] {
			terms[t] = true
			e.Categories = append(e.Categories, atomCategory{Term: t})
		}
	}

	if s := plainText(p.Summary); s != "" {
		e.Summary = plain(s)
	}
	body, err := p.HTML()
	if err != nil {
		return nil, fmt.Errorf("feed: %w", err)
	}
	body, err = sanitize(body, c.url)
	if err != nil {
		return nil, fmt.Errorf("feed: post %s: %w", p.Source, err)
	}
	if body != "" {
		e.Content = newText("html", body)
	} else if e.Summary == nil {
		// Atom wants some text in every entry (MissingTextualContent).
		e.Summary = e.Title
	}
	return e, nil
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
