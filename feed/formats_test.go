package feed

import (
	"bytes"
	"encoding/json"
	"html"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/mmcdole/gofeed"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/sessionfeed/sessionfeed/internal/golden"
	"github.com/sessionfeed/sessionfeed/posts"
)

// allFormats is testOptions with every format and the calendar published,
// and the sessions of the newest post linked.
func allFormats(ps []*posts.Post) Options {
	opts := testOptions()
	opts.RSSURL = "https://example.org/blog/rss.xml"
	opts.JSONURL = "https://example.org/blog/feed.json"
	opts.CalendarURL = "https://example.org/blog/calendar.ics"
	opts.Events = map[*posts.Post][]string{}
	for _, p := range ps {
		if strings.Contains(p.URL, "writing-sessions-iv") && !strings.Contains(p.Title, "older") {
			opts.Events[p] = []string{
				"https://example.org/blog/sessions/20210408T110000Z-a_example.org.ics",
				"https://example.org/blog/sessions/20210409T110000Z-a_example.org.ics",
			}
		}
	}
	return opts
}

func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	golden.Check(t, filepath.Join("testdata", name), got, *update)
}

func TestFormatsGolden(t *testing.T) {
	ps := testPosts()
	bare := Options{Title: "t", BaseURL: "http://example.com", SelfURL: "http://example.com/feed.xml",
		RSSURL: "http://example.com/rss.xml", JSONURL: "http://example.com/feed.json"}
	tests := []struct {
		name  string
		opts  Options
		posts []*posts.Post
	}{
		{"all", allFormats(ps), ps},
		{"empty", allFormats(nil), nil},
		{"bare", bare, ps[5:6]},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Atom(tt.opts, tt.posts)
			if err != nil {
				t.Fatal(err)
			}
			r, err := RSS(tt.opts, tt.posts)
			if err != nil {
				t.Fatal(err)
			}
			j, err := JSONFeed(tt.opts, tt.posts)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range validatorFindings(a) {
				t.Errorf("Atom: validator would report %s", f)
			}
			for _, f := range rssFindings(r) {
				if f == "MissingDCLanguage" && tt.opts.Language == "" {
					continue // a warning; config.language is optional
				}
				t.Errorf("RSS: validator would report %s", f)
			}
			for _, f := range jsonFeedFindings(t, j) {
				t.Errorf("JSON Feed: %s", f)
			}
			checkGolden(t, "formats_"+tt.name+".atom.golden", a)
			checkGolden(t, "formats_"+tt.name+".rss.golden", r)
			checkGolden(t, "formats_"+tt.name+".json.golden", j)
		})
	}
}

var jsonFeedSchema struct {
	once sync.Once
	s    *jsonschema.Schema
	err  error
}

// jsonFeedFindings validates doc against the JSON Feed 1.1 schema in
// testdata, which is written from the specification.
func jsonFeedFindings(t testing.TB, doc []byte) []string {
	t.Helper()
	jsonFeedSchema.once.Do(func() {
		c := jsonschema.NewCompiler()
		c.AssertFormat()
		jsonFeedSchema.s, jsonFeedSchema.err = c.Compile("testdata/jsonfeed-1.1.schema.json")
	})
	sch, err := jsonFeedSchema.s, jsonFeedSchema.err
	if err != nil {
		t.Fatal(err)
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		return []string{"not JSON: " + err.Error()}
	}
	if err := sch.Validate(v); err != nil {
		return []string{err.Error()}
	}
	return nil
}

// TestFormatsAgree reads the three feeds back with gofeed: a reader sees the
// same entries, in the same order, with the same titles, links, dates,
// authors and categories, whichever format it subscribes to; each names the
// others and the calendar.
func TestFormatsAgree(t *testing.T) {
	ps := testPosts()
	opts := allFormats(ps)
	parse := func(gen func(Options, []*posts.Post) ([]byte, error)) *gofeed.Feed {
		t.Helper()
		out, err := gen(opts, ps)
		if err != nil {
			t.Fatal(err)
		}
		f, err := gofeed.NewParser().Parse(bytes.NewReader(out))
		if err != nil {
			t.Fatalf("gofeed: %v\n%s", err, out)
		}
		return f
	}
	atomF, rssF, jsonF := parse(Atom), parse(RSS), parse(JSONFeed)
	if rssF.FeedType != "rss" || rssF.FeedVersion != "2.0" || jsonF.FeedType != "json" || jsonF.FeedVersion != JSONFeedVersion {
		t.Errorf("feed types: %s %s, %s %s", rssF.FeedType, rssF.FeedVersion, jsonF.FeedType, jsonF.FeedVersion)
	}
	if rssF.FeedLink != opts.RSSURL || jsonF.FeedLink != opts.JSONURL || atomF.FeedLink != opts.SelfURL {
		t.Errorf("self links: %q %q %q", atomF.FeedLink, rssF.FeedLink, jsonF.FeedLink)
	}
	type entry struct {
		id, link, title, published, updated string
		authors, categories                 []string
	}
	entries := func(f *gofeed.Feed, withUpdated bool) []entry {
		var es []entry
		for _, it := range f.Items {
			title := it.Title
			if f.FeedType == "atom" { // gofeed hands over type="html" titles as HTML
				title = html.UnescapeString(title)
			}
			e := entry{id: it.GUID, link: it.Link, title: title, categories: it.Categories}
			if it.PublishedParsed != nil {
				e.published = it.PublishedParsed.UTC().String()
			}
			if it.UpdatedParsed != nil && withUpdated {
				e.updated = it.UpdatedParsed.UTC().String()
			}
			for _, a := range it.Authors {
				e.authors = append(e.authors, a.Name)
			}
			es = append(es, e)
		}
		return es
	}
	want := entries(atomF, false)
	for name, f := range map[string]*gofeed.Feed{"RSS": rssF, "JSON Feed": jsonF} {
		got := entries(f, false)
		if name == "RSS" {
			// gofeed reads the first dc:creator only.
			for i := range got {
				got[i].authors = append(got[i].authors, want[i].authors[1:]...)
			}
		}
		if len(got) != len(want) {
			t.Fatalf("%s: %d entries, Atom %d", name, len(got), len(want))
		}
		for i := range want {
			w, g := want[i], got[i]
			if w.id != g.id || w.link != g.link || w.title != g.title || w.published != g.published ||
				!slices.Equal(w.authors, g.authors) || !slices.Equal(w.categories, g.categories) {
				t.Errorf("%s entry %d:\n got %+v\nwant %+v", name, i, g, w)
			}
		}
	}
	if a, j := entries(atomF, true), entries(jsonF, true); a[0].updated != j[0].updated {
		t.Errorf("JSON Feed date_modified %q, Atom updated %q", j[0].updated, a[0].updated)
	}

	// Each names the others and the calendar.
	out, _ := Atom(opts, ps)
	for _, want := range []string{
		`<link href="https://example.org/blog/rss.xml" rel="alternate" type="application/rss+xml">`,
		`<link href="https://example.org/blog/feed.json" rel="alternate" type="application/feed+json">`,
		`<link href="https://example.org/blog/calendar.ics" rel="related" type="text/calendar">`,
		`<link href="https://example.org/blog/sessions/20210408T110000Z-a_example.org.ics" rel="related" type="text/calendar">`,
	} {
		if !bytes.Contains(out, []byte(want)) {
			t.Errorf("Atom lacks %s", want)
		}
	}
	out, _ = RSS(opts, ps)
	for _, want := range []string{
		`<atom:link href="https://example.org/blog/rss.xml" rel="self" type="application/rss+xml">`,
		`<atom:link href="https://example.org/blog/atom.xml" rel="alternate" type="application/atom+xml">`,
		`<atom:link href="https://example.org/blog/feed.json" rel="alternate" type="application/feed+json">`,
		`<atom:link href="https://example.org/blog/calendar.ics" rel="related" type="text/calendar">`,
		`<atom:link href="https://example.org/blog/sessions/20210409T110000Z-a_example.org.ics" rel="related" type="text/calendar">`,
		`<guid isPermaLink="true">https://example.org/blog/2021/04/07/async-vision-doc-writing-sessions-iv/</guid>`,
	} {
		if !bytes.Contains(out, []byte(want)) {
			t.Errorf("RSS lacks %s", want)
		}
	}
	var jf struct {
		Items []struct {
			Attachments []struct {
				URL      string `json:"url"`
				MIMEType string `json:"mime_type"`
			} `json:"attachments"`
		} `json:"items"`
	}
	out, _ = JSONFeed(opts, ps)
	if err := json.Unmarshal(out, &jf); err != nil {
		t.Fatal(err)
	}
	if a := jf.Items[0].Attachments; len(a) != 2 || a[0].MIMEType != "text/calendar" || !strings.HasSuffix(a[1].URL, "20210409T110000Z-a_example.org.ics") {
		t.Errorf("JSON Feed attachments %+v", a)
	}
}

func TestFormatsNeedTheirURL(t *testing.T) {
	opts := testOptions()
	if _, err := RSS(opts, nil); err == nil {
		t.Error("RSS without RSSURL: no error")
	}
	if _, err := JSONFeed(opts, nil); err == nil {
		t.Error("JSONFeed without JSONURL: no error")
	}
	opts.RSSURL = "relative.xml"
	if _, err := RSS(opts, nil); err == nil {
		t.Error("RSS with a relative RSSURL: no error")
	}
}
