package feed

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/gorilla/feeds"

	"github.com/sessionfeed/sessionfeed/posts"
)

// JSONFeedVersion is the version of https://jsonfeed.org/version/1.1 that
// JSONFeed writes.
const JSONFeedVersion = "https://jsonfeed.org/version/1.1"

// jsonFeed is a JSON Feed 1.1 document. Items are gorilla/feeds' JSONItem;
// its JSONFeed would leave out an empty items array (which the
// specification requires) and carries the deprecated author.
type jsonFeed struct {
	Version     string              `json:"version"`
	Title       string              `json:"title"`
	HomePageURL string              `json:"home_page_url"`
	FeedURL     string              `json:"feed_url"`
	Description string              `json:"description,omitempty"`
	Language    string              `json:"language,omitempty"`
	Authors     []*feeds.JSONAuthor `json:"authors"`
	Items       []*feeds.JSONItem   `json:"items"`
}

// JSONFeed returns the JSON Feed 1.1 of the same posts as Atom, in the same
// order. opts.JSONURL is its feed_url, required. JSON Feed has no links to
// other formats; each item lists the .ics files of its sessions as
// attachments of type text/calendar.
func JSONFeed(opts Options, ps []*posts.Post) ([]byte, error) {
	h, items, err := collect(opts, ps)
	if err != nil {
		return nil, err
	}
	if h.self.json == "" {
		return nil, errors.New("feed: no URL for the JSON feed")
	}
	f := &jsonFeed{
		Version:     JSONFeedVersion,
		Title:       h.title,
		HomePageURL: h.home,
		FeedURL:     h.self.json,
		Description: h.subtitle,
		Language:    h.lang,
		Authors:     []*feeds.JSONAuthor{jsonAuthor(h.author)},
		Items:       []*feeds.JSONItem{},
	}
	for _, it := range items {
		published, updated := it.published.UTC().Truncate(time.Second), it.updated.UTC().Truncate(time.Second)
		j := &feeds.JSONItem{
			Id:            it.id,
			Url:           it.id,
			Title:         it.title,
			Summary:       it.summary,
			ContentHTML:   cleanText(it.html),
			PublishedDate: &published,
			ModifiedDate:  &updated,
			Tags:          it.terms,
		}
		if j.ContentHTML == "" {
			// Every item needs content_html or content_text.
			j.ContentText = cmp.Or(it.summary, it.title)
		}
		for _, a := range it.authors {
			j.Authors = append(j.Authors, jsonAuthor(a))
		}
		for _, u := range it.events {
			j.Attachments = append(j.Attachments, feeds.JSONAttachment{Url: u, MIMEType: typeCalendar})
		}
		f.Items = append(f.Items, j)
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(f); err != nil {
		return nil, fmt.Errorf("feed: %w", err)
	}
	return b.Bytes(), nil
}

func jsonAuthor(a feeds.AtomAuthor) *feeds.JSONAuthor {
	return &feeds.JSONAuthor{Name: a.Name, Url: a.Uri}
}
