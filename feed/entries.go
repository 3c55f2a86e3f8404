package feed

import (
	"errors"
	"fmt"
	"iter"
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

// collect checks the options and turns the newest opts.Limit posts into
// items: the part of the work every format shares.
func collect(opts Options, ps []*posts.Post) (*head, []*item, error) {
	h, err := newHead(opts)
	if err != nil {
		return nil, nil, err
	}
	limit := opts.Limit
	switch {
	case limit < 0:
		return nil, nil, fmt.Errorf("feed: negative limit %d", limit)
	case limit == 0:
		limit = DefaultLimit
	}
	var items []*item
	for c := range newest(ps) {
		if len(items) == limit {
			break
		}
		if c.err != nil {
			return nil, nil, c.err
		}
		it, err := newItem(c, h.author, opts.Events[c.p], opts.Rendered)
		if err != nil {
			return nil, nil, err
		}
		items = append(items, it)
	}
	return h, items, nil
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

// newest yields the posts that may enter the feed, newest first, ties as
// the site's generator breaks them (Post.Order), then by id, each id once.
// Posts with an error sort with the others so that only an error among the
// newest fails the feed. Permalinks are made canonical only for the posts
// the caller takes (a feed of 20 entries from 100,000 posts looks at about
// 20), and ids are compared only among posts of the same date and order.
func newest(ps []*posts.Post) iter.Seq[candidate] {
	return func(yield func(candidate) bool) {
		sorted := make([]*posts.Post, 0, len(ps))
		for _, p := range ps {
			if p != nil && !p.Draft {
				sorted = append(sorted, p)
			}
		}
		same := func(a, b *posts.Post) int {
			if c := b.Date.Compare(a.Date); c != 0 {
				return c
			}
			return a.Order - b.Order
		}
		if !slices.IsSortedFunc(sorted, same) {
			slices.SortStableFunc(sorted, same)
		}
		seen := map[string]bool{}
		for i := 0; i < len(sorted); {
			j := i + 1
			for j < len(sorted) && same(sorted[i], sorted[j]) == 0 {
				j++
			}
			group := make([]candidate, 0, j-i)
			for _, p := range sorted[i:j] {
				group = append(group, newCandidate(p))
			}
			slices.SortStableFunc(group, func(a, b candidate) int { return strings.Compare(a.id, b.id) })
			for _, c := range group {
				if c.err == nil && seen[c.id] {
					continue
				}
				seen[c.id] = true
				if !yield(c) {
					return
				}
			}
			i = j
		}
	}
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
	if html, ok := rendered.get(p); ok {
		it.html = html
		return it, nil
	}
	body, err := p.HTML()
	if err != nil {
		return nil, fmt.Errorf("feed: %w", err)
	}
	if it.html, err = sanitize(body, c.url); err != nil {
		return nil, fmt.Errorf("feed: post %s: %w", p.Source, err)
	}
	rendered.put(p, it.html)
	return it, nil
}

// Entries returns the posts a feed of opts takes from ps, newest first:
// the only posts whose bodies the feed renders, so that a caller may let go
// of the others' before building it. With an invalid limit (an error when
// the feed is built) it returns ps.
func Entries(opts Options, ps []*posts.Post) []*posts.Post {
	limit := opts.Limit
	switch {
	case limit < 0:
		return ps
	case limit == 0:
		limit = DefaultLimit
	}
	var taken []*posts.Post
	for c := range newest(ps) {
		if len(taken) == limit {
			break
		}
		taken = append(taken, c.p)
	}
	return taken
}

func (r *Rendered) get(p *posts.Post) (string, bool) {
	if r == nil {
		return "", false
	}
	html, ok := r.html[p]
	return html, ok
}

func (r *Rendered) put(p *posts.Post, html string) {
	if r != nil {
		r.html[p] = html
	}
}
