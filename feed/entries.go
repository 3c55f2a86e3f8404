package feed

import (
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

// The media types the feeds name each other and the calendar by.
const (
	typeAtom     = "application/atom+xml"
	typeRSS      = "application/rss+xml"
	typeJSON     = "application/feed+json"
	typeCalendar = "text/calendar"
)

// head is what every format says of the feed as a whole, checked and in
// canonical form.
type head struct {
	title, subtitle, lang string
	home                  string
	author                feeds.AtomAuthor
	gen                   atomGenerator
	self                  struct{ atom, rss, json string } // "" where not published
	calendar              string
}

// item is one post as every format writes it.
type item struct {
	id                 string // the canonical permalink: Atom id, RSS guid, JSON id
	title              string // one line, never empty
	published, updated time.Time
	authors            []feeds.AtomAuthor // at least one
	terms              []string           // tags, then categories, each once
	summary            string             // plain text; may be ""
	html               string             // the sanitized body; may be ""
	events             []string           // canonical URLs of its sessions' .ics files
}

// updated is the newest item's updated time; emptyFeedUpdated when there
// is none.
func updated(items []*item) time.Time {
	var newest time.Time
	for _, it := range items {
		if it.updated.After(newest) {
			newest = it.updated
		}
	}
	if newest.IsZero() {
		return emptyFeedUpdated
	}
	return newest
}

var languageTag = regexp.MustCompile(`^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$`)

// optionalURI is canonicalURI of s, or "" for "".
func optionalURI(s string) (string, error) {
	if strings.TrimSpace(s) == "" {
		return "", nil
	}
	return canonicalURI(s)
}

// collect checks the options and turns the first opts.Limit posts into
// items: the part of the work every format shares.
func collect(opts Options, ps []*posts.Post) (*head, []*item, error) {
	h, err := newHead(opts)
	if err != nil {
		return nil, nil, err
	}
	limit, err := opts.limit()
	if err != nil {
		return nil, nil, err
	}
	ps = ps[:min(limit, len(ps))]
	items := make([]*item, 0, len(ps))
	owner := make(map[string]string, len(ps)) // id → Source
	for _, p := range ps {
		if p == nil {
			return nil, nil, errors.New("feed: a nil post")
		}
		c := newCandidate(p)
		if c.err != nil {
			return nil, nil, c.err
		}
		if first, dup := owner[c.id]; dup {
			return nil, nil, fmt.Errorf("feed: posts %s and %s have the same permalink %s: an Atom id names one entry (posts.Load leaves one of the two out)", first, p.Source, c.id)
		}
		owner[c.id] = p.Source
		it, err := newItem(c, h.author, opts.Events[p], opts.Rendered)
		if err != nil {
			return nil, nil, err
		}
		items = append(items, it)
	}
	return h, items, nil
}

// limit is how many posts the feed takes.
func (opts Options) limit() (int, error) {
	switch {
	case opts.Limit < 0:
		return 0, fmt.Errorf("feed: negative limit %d", opts.Limit)
	case opts.Limit == 0:
		return DefaultLimit, nil
	}
	return opts.Limit, nil
}

func newHead(opts Options) (*head, error) {
	h := &head{title: oneLine(opts.Title), subtitle: oneLine(opts.Subtitle)}
	if h.title == "" {
		return nil, errors.New("feed: no title")
	}
	var err error
	if h.home, err = canonicalURI(opts.BaseURL); err != nil {
		return nil, fmt.Errorf("feed: base URL: %v", err)
	}
	for _, u := range []struct {
		name string
		in   string
		out  *string
	}{
		{"self URL", opts.SelfURL, &h.self.atom},
		{"RSS URL", opts.RSSURL, &h.self.rss},
		{"JSON Feed URL", opts.JSONURL, &h.self.json},
		{"calendar URL", opts.CalendarURL, &h.calendar},
	} {
		if *u.out, err = optionalURI(u.in); err != nil {
			return nil, fmt.Errorf("feed: %s: %v", u.name, err)
		}
	}
	h.lang = strings.TrimSpace(opts.Language)
	if h.lang != "" && !languageTag.MatchString(h.lang) {
		return nil, fmt.Errorf("feed: language %q is not a language tag such as en or pt-BR", opts.Language)
	}
	a, ok := author(opts.Author)
	if !ok {
		a, _ = author(posts.Person{Name: h.title, Email: opts.Author.Email, URI: opts.Author.URI})
	}
	h.author = a
	h.gen = atomGenerator{Name: oneLine(opts.Generator), URI: DefaultGeneratorURI, Version: oneLine(opts.Version)}
	if h.gen.Name == "" {
		h.gen.Name = "sessionfeed"
	}
	if opts.GeneratorURI != "" {
		if h.gen.URI, err = canonicalURI(opts.GeneratorURI); err != nil {
			return nil, fmt.Errorf("feed: generator URI: %v", err)
		}
	}
	return h, nil
}

// candidate is a post on its way into the feed.
type candidate struct {
	p   *posts.Post
	id  string   // canonical permalink
	url *url.URL // the same, parsed
	err error    // why the post cannot be in the feed
}

// newCandidate makes p a candidate: its canonical permalink, or why it
// cannot be in the feed.
func newCandidate(p *posts.Post) candidate {
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
	return c
}

func newItem(c candidate, feedAuthor feeds.AtomAuthor, events []string, rendered *Rendered) (*item, error) {
	p := c.p
	it := &item{id: c.id, title: oneLine(p.Title), published: p.Date, updated: p.Updated}
	if it.updated.Before(p.Date) { // also when it is zero
		it.updated = p.Date
	}
	if it.title == "" {
		it.title = "Untitled"
	}
	seen := map[feeds.AtomPerson]bool{}
	for _, person := range p.Authors {
		if a, ok := author(person); ok && !seen[a.AtomPerson] {
			seen[a.AtomPerson] = true
			it.authors = append(it.authors, a)
		}
	}
	if len(it.authors) == 0 {
		it.authors = []feeds.AtomAuthor{feedAuthor}
	}
	terms := map[string]bool{}
	for _, t := range slices.Concat(p.Tags, p.Categories) {
		if t = oneLine(t); t != "" && !terms[t] {
			terms[t] = true
			it.terms = append(it.terms, t)
		}
	}
	for _, e := range events {
		u, err := canonicalURI(cleanText(e))
		if err != nil {
			return nil, fmt.Errorf("feed: post %s: session file URL: %v", p.Source, err)
		}
		if !slices.Contains(it.events, u) {
			it.events = append(it.events, u)
		}
	}
	it.summary = plainText(p.Summary)
	var err error
	if it.html, err = rendered.render(c); err != nil {
		return nil, err
	}
	return it, nil
}

// entryHTML is the content of c's entry: its post's body rendered and
// made safe for a feed reader.
func entryHTML(c candidate) (string, error) {
	body, err := c.p.HTML()
	if err != nil {
		return "", fmt.Errorf("feed: %w", err)
	}
	html, err := sanitize(body, c.url)
	if err != nil {
		return "", fmt.Errorf("feed: post %s: %w", c.p.Source, err)
	}
	return html, nil
}

// Entries returns the posts a feed of opts takes from ps: the first
// opts.Limit, the only posts whose bodies the feed renders, so that a
// caller may let go of the others' before building it. With an invalid
// limit (an error when the feed is built) it returns ps.
func Entries(opts Options, ps []*posts.Post) []*posts.Post {
	limit, err := opts.limit()
	if err != nil {
		return ps
	}
	return ps[:min(limit, len(ps))]
}

func (r *Rendered) get(p *posts.Post) (string, bool) {
	if r == nil {
		return "", false
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	html, ok := r.html[p]
	return html, ok
}

func (r *Rendered) put(p *posts.Post, html string) {
	if r != nil {
		r.mu.Lock()
		defer r.mu.Unlock()
		r.html[p] = html
	}
}
