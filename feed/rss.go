package feed

import (
	"bytes"
	"cmp"
	"encoding/xml"
	"errors"
	"fmt"
	"html"
	"time"

	"github.com/gorilla/feeds"

	"github.com/sessionfeed/sessionfeed/posts"
)

// RSS 2.0 (https://www.rssboard.org/rss-specification) is written from
// gorilla/feeds' RssGuid and RssContent in channel and item structures of
// our own: its RssFeed and RssItem hold one category and one author string
// (which the validator wants as an email address), no atom:link (the
// validator asks for rel="self") and no dc:creator; and Feed.ToRss fills
// gaps with the clock.
//
// The namespaces are declared on <rss> and their elements named with their
// prefix, as gorilla/feeds does for content:encoded: encoding/xml would
// otherwise declare a namespace on every element.

const (
	nsAtom    = "http://www.w3.org/2005/Atom"
	nsContent = "http://purl.org/rss/1.0/modules/content/"
	nsDC      = "http://purl.org/dc/elements/1.1/"
)

type rssRoot struct {
	XMLName   xml.Name    `xml:"rss"`
	Version   string      `xml:"version,attr"`
	NSAtom    string      `xml:"xmlns:atom,attr"`
	NSContent string      `xml:"xmlns:content,attr"`
	NSDC      string      `xml:"xmlns:dc,attr"`
	Channel   *rssChannel `xml:"channel"`
}

type rssChannel struct {
	Title         rawText     `xml:"title"`
	Link          string      `xml:"link"`
	Description   rawText     `xml:"description"`
	Language      string      `xml:"language,omitempty"`
	LastBuildDate string      `xml:"lastBuildDate"`
	Generator     string      `xml:"generator"`
	Docs          string      `xml:"docs"`
	TTL           int         `xml:"ttl,omitempty"`
	Links         []rssLink   `xml:"atom:link"`
	Items         []*rssEntry `xml:"item"`
}

type rssEntry struct {
	Title       rawText           `xml:"title"`
	Link        string            `xml:"link"`
	Description rawText           `xml:"description"`
	Content     *feeds.RssContent `xml:"content:encoded,omitempty"`
	Creators    []rawText         `xml:"dc:creator"`
	Categories  []rawText         `xml:"category"`
	GUID        feeds.RssGuid     `xml:"guid"`
	PubDate     string            `xml:"pubDate"`
	Links       []rssLink         `xml:"atom:link"`
}

// rssLink is an atom:link; gorilla/feeds' AtomLink names itself "link".
type rssLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr,omitempty"`
}

// rawText is character data written as is, already escaped by xmlEscaper
// (see atomText).
type rawText struct {
	Body string `xml:",innerxml"`
}

func rssText(s string) rawText { return rawText{xmlEscaper.Replace(cleanText(s))} }

// rssDocs is the RSS specification, which <docs> points to; the validator
// also takes it as the sign of a feed that keeps to the RSS board's profile.
const rssDocs = "https://www.rssboard.org/rss-specification"

// rfc822 writes t as RSS dates are written (RFC 822 with four-digit years,
// as RFC 2822 has them), in UTC.
func rfc822(t time.Time) string {
	return t.UTC().Format("Mon, 02 Jan 2006 15:04:05 +0000")
}

// RSS returns the RSS 2.0 feed of the same posts as Atom, in the same order.
// opts.RSSURL is its rel="self" link, required; the Atom feed (SelfURL),
// the JSON feed and the calendar are linked as in Atom.
//
// Each item has its permalink as link and as guid (isPermaLink="true"), its
// publication date as pubDate, its authors' names as dc:creator (RSS's own
// author element must be an email address), its tags and categories as
// category, its summary (else its title) as description and its HTML as
// content:encoded.
func RSS(opts Options, ps []*posts.Post) ([]byte, error) {
	h, items, err := collect(opts, ps)
	if err != nil {
		return nil, err
	}
	if h.self.rss == "" {
		return nil, errors.New("feed: no URL for the RSS feed")
	}
	description := h.subtitle
	if description == "" {
		description = h.title
	}
	ch := &rssChannel{
		Title:         rssText(h.title),
		Link:          h.home,
		Description:   rssText(description), // plain text (nonhtml) in the channel
		Language:      h.lang,
		LastBuildDate: rfc822(updated(items)),
		Generator:     h.gen.Name,
		Docs:          rssDocs,
		Links:         []rssLink{{Href: h.self.rss, Rel: "self", Type: typeRSS}},
	}
	if h.gen.Version != "" {
		ch.Generator += " " + h.gen.Version
	}
	if h.self.atom != "" {
		ch.Links = append(ch.Links, rssLink{Href: h.self.atom, Rel: "alternate", Type: typeAtom})
	}
	if h.self.json != "" {
		ch.Links = append(ch.Links, rssLink{Href: h.self.json, Rel: "alternate", Type: typeJSON})
	}
	if h.calendar != "" {
		ch.Links = append(ch.Links, rssLink{Href: h.calendar, Rel: "related", Type: typeCalendar})
	}
	for _, it := range items {
		e := &rssEntry{
			Title:   rssText(it.title),
			Link:    it.id,
			GUID:    feeds.RssGuid{Id: it.id, IsPermaLink: "true"},
			PubDate: rfc822(it.published),
		}
		// description is HTML in RSS 2.0: the plain summary is escaped.
		e.Description = rssText(html.EscapeString(cmp.Or(it.summary, it.title)))
		if it.html != "" {
			e.Content = &feeds.RssContent{Content: cleanText(it.html)}
		}
		for _, a := range it.authors {
			e.Creators = append(e.Creators, rssText(a.Name))
		}
		for _, t := range it.terms {
			e.Categories = append(e.Categories, rssText(t))
		}
		for _, u := range it.events {
			e.Links = append(e.Links, rssLink{Href: u, Rel: "related", Type: typeCalendar})
		}
		ch.Items = append(ch.Items, e)
	}

	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", "  ")
	root := rssRoot{Version: "2.0", NSAtom: nsAtom, NSContent: nsContent, NSDC: nsDC, Channel: ch}
	if err := enc.Encode(root); err != nil {
		return nil, fmt.Errorf("feed: %w", err)
	}
	b.WriteByte('\n')
	return b.Bytes(), nil
}
