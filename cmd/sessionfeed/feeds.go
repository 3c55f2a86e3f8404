package main

import (
	"fmt"
	"path"
	"slices"

	"github.com/sessionfeed/sessionfeed/feed"
	"github.com/sessionfeed/sessionfeed/ical"
	"github.com/sessionfeed/sessionfeed/posts"
)

// publishedURL is where a file below the output directory is published.
func publishedURL(cfg *Config, name string) string {
	if name == "" {
		return ""
	}
	return cfg.BaseURL + name
}

// sessionFileURL is where the own .ics file of a session of cal is
// published; "" for a session cal left out.
func sessionFileURL(cfg *Config, cal *ical.Output, s *posts.Session) string {
	name, ok := cal.Files[s]
	if !ok {
		return ""
	}
	return publishedURL(cfg, path.Join(cfg.Calendar.SessionsDir, name))
}

// feedFiles builds the Atom feed and, unless turned off, the RSS and JSON
// feeds of the same entries; each links its posts' session files in cal.
// rendered holds the entries' HTML rendered so far (renderEntries).
func feedFiles(s *site, cal *ical.Output, rendered *feed.Rendered) ([]planFile, error) {
	cfg := s.cfg
	events := make(map[*posts.Post][]string)
	for _, p := range s.posts {
		for _, ss := range p.Sessions {
			if u := sessionFileURL(cfg, cal, ss); u != "" && !slices.Contains(events[p], u) {
				events[p] = append(events[p], u)
			}
		}
	}
	opts := feed.Options{
		Title:       cfg.Title,
		Subtitle:    cfg.Subtitle,
		Language:    cfg.Language,
		BaseURL:     cfg.BaseURL,
		SelfURL:     publishedURL(cfg, cfg.Feed.Path),
		RSSURL:      publishedURL(cfg, *cfg.Feed.RSSPath),
		JSONURL:     publishedURL(cfg, *cfg.Feed.JSONPath),
		CalendarURL: publishedURL(cfg, cfg.Calendar.Path),
		Events:      events,
		Author:      posts.Person{Name: cfg.Author.Name, Email: cfg.Author.Email, URI: cfg.Author.URI},
		Limit:       cfg.Feed.Limit,
		Rendered:    rendered,
		Generator:   "sessionfeed",
		Version:     version,
	}
	var files []planFile
	for _, f := range []struct {
		name  string
		build func(feed.Options, []*posts.Post) ([]byte, error)
	}{
		{cfg.Feed.Path, feed.Atom},
		{*cfg.Feed.RSSPath, feed.RSS},
		{*cfg.Feed.JSONPath, feed.JSONFeed},
	} {
		if f.name == "" {
			continue
		}
		data, err := f.build(opts, s.posts)
		if err != nil {
			return nil, fmt.Errorf("building %s: %w", f.name, err)
		}
		files = append(files, planFile{f.name, data})
	}
	return files, nil
}

// renderEntries renders the HTML of the feeds' entries, on another
// goroutine (the calendar is computed meanwhile); wait for it before the
// feeds use what it rendered.
func renderEntries(s *site) (rendered *feed.Rendered, wait func()) {
	var cache feed.RenderCache // nil, not a nil *renderCache
	if s.renders != nil {
		cache = s.renders
	}
	rendered = feed.NewRendered(cache)
	done := make(chan struct{})
	go func() {
		defer close(done)
		rendered.Prepare(feed.Options{Limit: s.cfg.Feed.Limit}, s.posts)
	}()
	return rendered, func() { <-done }
}

// feedEntries is how many posts the feeds hold: the newest ones, whose
// bodies they render.
func feedEntries(cfg *Config) int {
	if cfg.Feed.Limit > 0 {
		return cfg.Feed.Limit
	}
	return feed.DefaultLimit
}
