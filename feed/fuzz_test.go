package feed

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/sessionfeed/sessionfeed/posts"
)

// FuzzAtom feeds hostile titles, bodies, summaries, tags and permalink
// paths to Atom, RSS and JSONFeed: each feed must stay well-formed, readable
// by gofeed, and free of everything the validator (or the JSON Feed schema)
// reports.
func FuzzAtom(f *testing.F) {
	f.Add("Title", "Body [link](rel/) <a href=x>y</a>", "Summary", "tag", "p/")
	f.Add("<script>&amp;]]>\x00\xff\uFFFE", "<script>x</script><iframe src=//v/></iframe>\x01\u0085", "a &lt; b", "]]>", "%zz/ü/")
	f.Add("", "", "", "", "")
	f.Add("AT&T </b>", "<div><p>unclosed <b>b", "<p>One</p>", " ", "a/../../b")
	f.Add("x", "[x]({{ site.baseurl }}/https://a.example/) <img srcset=\",a 1x\">", "", "t", "?q=1#f")
	f.Add("t", examplePost, "s", "Rust", "2021/04/07/x/")
	f.Add("deep", strings.Repeat("<div><b>", 300)+strings.Repeat("> ", 100)+"x", "", "", "")
	f.Fuzz(func(t *testing.T, title, body, summary, tag, path string) {
		d := time.Date(2021, 4, 7, 0, 0, 0, 0, time.UTC)
		ps := []*posts.Post{
			{Source: "a.md", Title: title, Date: d, URL: "https://example.org/blog/" + path, Summary: summary, Tags: []string{tag}, Categories: []string{tag}, Body: []byte(body)},
			{Source: "b.md", Title: body, Date: d, URL: "https://example.org/blog/b/", Summary: title, Body: []byte(title)},
		}
		opts := allFormats(ps)
		opts.Events = map[*posts.Post][]string{ps[0]: {"https://example.org/blog/sessions/" + path + ".ics"}}
		out, err := Atom(opts, ps)
		if err != nil {
			// Only an unusable permalink, or b's, may fail the feed.
			if id, uerr := canonicalURI("https://example.org/blog/" + path); uerr == nil && id != "https://example.org/blog/b/" {
				t.Fatalf("Atom: %v", err)
			}
			return
		}
		if _, err := parseTree(out); err != nil {
			t.Fatalf("not well-formed: %v\n%s", err, out)
		}
		if _, err := gofeed.NewParser().Parse(bytes.NewReader(out)); err != nil {
			t.Fatalf("gofeed: %v\n%s", err, out)
		}
		for _, finding := range validatorFindings(out) {
			t.Errorf("validator would report %s\n%s", finding, out)
		}
		out, err = RSS(opts, ps)
		if err != nil {
			t.Fatalf("RSS: %v", err)
		}
		if _, err := gofeed.NewParser().Parse(bytes.NewReader(out)); err != nil {
			t.Fatalf("gofeed: %v\n%s", err, out)
		}
		for _, finding := range rssFindings(out) {
			t.Errorf("validator would report %s\n%s", finding, out)
		}
		out, err = JSONFeed(opts, ps)
		if err != nil {
			t.Fatalf("JSONFeed: %v", err)
		}
		if _, err := gofeed.NewParser().Parse(bytes.NewReader(out)); err != nil {
			t.Fatalf("gofeed: %v\n%s", err, out)
		}
		for _, finding := range jsonFeedFindings(t, out) {
			t.Errorf("JSON Feed: %s\n%s", finding, out)
		}
	})
}
