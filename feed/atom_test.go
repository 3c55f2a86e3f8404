package feed

import (
	"bytes"
	"encoding/xml"
	"flag"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"
	"github.com/mmcdole/gofeed/atom"
	"golang.org/x/net/html"
	htmlatom "golang.org/x/net/html/atom"

	"github.com/sessionfeed/sessionfeed/posts"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden with the actual output")

func testOptions() Options {
	return Options{
		Title:     "baby steps",
		Subtitle:  "Notes on Rust & async <sessions>",
		Language:  "en",
		BaseURL:   "https://example.org/blog/",
		SelfURL:   "https://example.org/blog/atom.xml",
		Author:    posts.Person{Name: "Niko Matsakis", Email: "niko@example.org", URI: "https://example.org/"},
		Generator: "sessionfeed",
		Version:   "v0.1.0",
	}
}

func date(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

// examplePost is the body of the example post in ../shared/examples.
const examplePost = `My week is very scheduled, so I am not able to host any public drafting sessions
this week -- however, [Ryan Levick] will be hosting two sessions!

| When                 | Who  | Topic                        |
|----------------------|------|------------------------------|
| [Thu at 07:00 ET][4] | Ryan | The need for Async Traits    |
| [Fri at 07:00 ET][5] | Ryan | Challenges from cancellation |

[4]: https://everytimezone.com/s/e2dce418
[5]: https://everytimezone.com/s/7900bcf1

If you're available and those stories sound like something that interests you, please join him!

### The vision...what?

> We are launching a collaborative effort to build a shared [vision document][vd] for Async Rust.

[Read the full blog post for more.][Async Vision Doc]

[vd]: https://rust-lang.github.io/wg-async-foundations/vision.html#-the-vision
[Async Vision Doc]: https://blog.rust-lang.org/2021/03/18/async-vision-doc.html
[tue]: {{ site.baseurl }}/https://smallcultfollowing.com/babysteps/blog/2021/03/22/async-vision-doc-writing-sessions/
[Ryan Levick]: https://github.com/rylev/
`

// testPosts is a site's worth of posts as posts.Load returns them:
// published, newest first (of the same date, as the generator lists them),
// each permalink once.
func testPosts() []*posts.Post {
	return []*posts.Post{
		{
			Source:     "content/blog/2021-04-07-async-vision-doc-writing-sessions-iv.md",
			Title:      "Async Vision Doc Writing Sessions IV",
			Date:       date("2021-04-07T10:00:00-04:00"),
			Updated:    date("2021-04-07T10:00:00-04:00"),
			URL:        "https://example.org/blog/2021/04/07/async-vision-doc-writing-sessions-iv/",
			Authors:    []posts.Person{{Name: "Niko Matsakis"}},
			Tags:       []string{"Rust", "async"},
			Categories: []string{"Rust", "vision-doc"},
			Body:       []byte(examplePost),
		},
		{
			Source:  "content/blog/hostile.md",
			Title:   "<script>alert(\"t\")</script> & ]]> \x01 \xff\xfe \uFFFE \U0001FFFF end",
			Date:    date("2021-03-22T00:00:00Z"),
			URL:     "https://example.org/blog/2021/03/22/hostile/",
			Authors: []posts.Person{{Name: "  Mallory\x07  ", Email: "not an email"}},
			Tags:    []string{"  ", "x]]>y", "x]]>y", "\x00"},
			Body: []byte("Text with ]]> and <b>bold & \x1b[31m red \u0085 \xc0 bytes.\n\n" +
				"<script>alert(1)</script><style>p{}</style><!-- comment -->\n\n" +
				"<p style=\"color:red\" onclick=\"x()\" role=\"note\" aria-label=\"a\" data-k=\"v\">styled</p>\n\n" +
				"<iframe src=\"https://www.youtube.com/embed/xyz\" allowfullscreen></iframe>\n\n" +
				"<a href=\"javascript:alert(1)\">js</a> <img src=\"data:image/png;base64,AAAA\" alt=\"dot\"> " +
				"<a href=\"data:text/html,x\">data</a>\n\n" +
				"<svg><circle r=\"1\"/></svg><custom-tag>kept text</custom-tag><form><input type=\"text\" name=\"q\"></form>\n\n" +
				"<video src=\"v.mp4\" controls></video> <div><p>unclosed\n"),
		},
		{
			Source:  "content/blog/2021-03-22-links.md",
			Title:   "Relative links and placeholders",
			Date:    date("2021-03-22T00:00:00Z"),
			Updated: date("2021-03-25T12:30:00+01:00"),
			URL:     "https://example.org/blog/2021/03/22/links/",
			Summary: "Links <em>everywhere</em> &amp; placeholders.",
			Body: []byte(`See [the previous post](../../15/previous/), [the archive]({{ site.baseurl }}/archive/),
[Hugo]({{< baseurl >}}about/), ![a chart](chart.png), a [footnote][^1]
and <a href="raw/" onclick="track()">raw HTML</a> with <img src='/img/x.png' srcset="a.png 1x, b.png 2x">.

[^1]: With a [link](#top).
`),
		},
		{
			Source:  "content/blog/authors.md",
			Title:   "AT&amp;T </b> and friends",
			Date:    date("2021-03-01T09:00:00Z"),
			Updated: date("2021-02-01T09:00:00Z"), // before Date: ignored
			URL:     "HTTPS://Example.ORG:443/blog/2021/03/01/caf%c3%a9s/./",
			Authors: []posts.Person{
				{Name: "Ryan Levick", Email: "ryan@example.org", URI: "https://github.com/rylev"},
				{Name: "Tyler Mandry", URI: "not a uri"},
				{Name: "Ryan Levick", Email: "ryan@example.org", URI: "https://github.com/rylev"},
				{Name: ""},
			},
			Tags:       []string{"people"},
			Categories: []string{"people", "meta"},
			Summary:    "Who wrote this.",
			Body:       []byte("Written by *three* people."),
		},
		{
			Source: "content/blog/unicode.md",
			Title:  "Ünïcödé ✓",
			Date:   date("2021-02-01T00:00:00Z"),
			URL:    "https://example.org/blog/2021/02/01/ünïcödé/",
			Body:   []byte("Ça va? [là](là-bas/)"),
		},
		{
			Source: "content/blog/empty.md",
			Title:  "",
			Date:   date("2021-02-01T00:00:00Z"),
			URL:    "https://example.org/blog/2021/02/01/empty/",
		},
	}
}

func TestAtomGolden(t *testing.T) {
	limited := testOptions()
	limited.Limit = 2
	bare := Options{Title: "t", BaseURL: "http://example.com", SelfURL: "http://example.com/feed.xml"}
	tests := []struct {
		name  string
		opts  Options
		posts []*posts.Post
	}{
		{"atom", testOptions(), testPosts()},
		{"atom_limit", limited, testPosts()},
		{"atom_empty", testOptions(), nil},
		{"atom_bare", bare, testPosts()[5:6]},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Atom(tt.opts, tt.posts)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range validatorFindings(got) {
				t.Errorf("validator would report %s", f)
			}
			checkGolden(t, tt.name+".golden", got)
		})
	}
}

// parsedAtom is the feed of ps as gofeed's Atom parser reads it.
func parsedAtom(t *testing.T, opts Options, ps []*posts.Post) *atom.Feed {
	t.Helper()
	out, err := Atom(opts, ps)
	if err != nil {
		t.Fatal(err)
	}
	f, err := (&atom.Parser{}).Parse(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("gofeed/atom cannot parse the feed: %v", err)
	}
	return f
}

// TestAtomParsedBack reads the feed with gofeed, an independent parser,
// and checks what a reader gets.
func TestAtomParsedBack(t *testing.T) {
	opts := testOptions()
	out, err := Atom(opts, testPosts())
	if err != nil {
		t.Fatal(err)
	}
	f, err := (&atom.Parser{}).Parse(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("gofeed/atom cannot parse the feed: %v", err)
	}
	if f.Title != "baby steps" || f.ID != "https://example.org/blog/" || f.Language != "en" {
		t.Errorf("feed title, id, language = %q, %q, %q", f.Title, f.ID, f.Language)
	}
	if got := linkHrefs(f.Links); !slices.Equal(got, []string{"alternate https://example.org/blog/", "self https://example.org/blog/atom.xml"}) {
		t.Errorf("feed links = %q", got)
	}
	if f.Generator == nil || f.Generator.Value != "sessionfeed" || f.Generator.Version != "v0.1.0" || f.Generator.URI != DefaultGeneratorURI {
		t.Errorf("generator = %+v", f.Generator)
	}
	if len(f.Authors) != 1 || f.Authors[0].Name != "Niko Matsakis" || f.Authors[0].Email != "niko@example.org" {
		t.Errorf("feed authors = %+v", f.Authors)
	}
	// The newest post's update (2021-04-07T14:00Z) is the feed's.
	if f.Updated != "2021-04-07T14:00:00Z" {
		t.Errorf("feed updated = %q", f.Updated)
	}

	type want struct {
		id, title, published, updated string
		categories                    []string
		authors                       []string
		summary                       string
	}
	wants := []want{
		{
			id: "https://example.org/blog/2021/04/07/async-vision-doc-writing-sessions-iv/", title: "Async Vision Doc Writing Sessions IV",
			published: "2021-04-07T14:00:00Z", updated: "2021-04-07T14:00:00Z",
			categories: []string{"Rust", "async", "vision-doc"}, authors: []string{"Niko Matsakis"},
		},
		{
			// Same date as the next: in the order given.
			id: "https://example.org/blog/2021/03/22/hostile/", title: `<script>alert("t")</script> & ]]> end`,
			published: "2021-03-22T00:00:00Z", updated: "2021-03-22T00:00:00Z",
			categories: []string{"x]]>y"}, authors: []string{"Mallory"},
		},
		{
			id: "https://example.org/blog/2021/03/22/links/", title: "Relative links and placeholders",
			published: "2021-03-22T00:00:00Z", updated: "2021-03-25T11:30:00Z",
			authors: []string{"Niko Matsakis"}, summary: "Links everywhere & placeholders.",
		},
		{
			id: "https://example.org/blog/2021/03/01/caf%C3%A9s/", title: "AT&amp;T </b> and friends",
			published: "2021-03-01T09:00:00Z", updated: "2021-03-01T09:00:00Z",
			categories: []string{"people", "meta"}, authors: []string{"Ryan Levick", "Tyler Mandry"}, summary: "Who wrote this.",
		},
		{
			id: "https://example.org/blog/2021/02/01/%C3%BCn%C3%AFc%C3%B6d%C3%A9/", title: "Ünïcödé ✓",
			published: "2021-02-01T00:00:00Z", updated: "2021-02-01T00:00:00Z",
			authors: []string{"Niko Matsakis"},
		},
		{
			// Same updated instant as the entry before it, spelled apart.
			id: "https://example.org/blog/2021/02/01/empty/", title: "Untitled",
			published: "2021-02-01T00:00:00Z", updated: "2021-02-01T00:00:00.0Z",
			authors: []string{"Niko Matsakis"}, summary: "Untitled",
		},
	}
	if len(f.Entries) != len(wants) {
		t.Fatalf("%d entries, want %d", len(f.Entries), len(wants))
	}
	for i, w := range wants {
		e := f.Entries[i]
		if e.ID != w.id {
			t.Errorf("entry %d: id %q, want %q", i, e.ID, w.id)
			continue
		}
		if got := linkHrefs(e.Links); !slices.Equal(got, []string{"alternate " + w.id}) {
			t.Errorf("%s: links %q, want the id as alternate link", w.id, got)
		}
		if title := html.UnescapeString(e.Title); title != w.title {
			t.Errorf("%s: title %q, want %q", w.id, title, w.title)
		}
		if e.Published != w.published || e.Updated != w.updated {
			t.Errorf("%s: published, updated = %q, %q; want %q, %q", w.id, e.Published, e.Updated, w.published, w.updated)
		}
		if e.PublishedParsed == nil || e.UpdatedParsed == nil || e.UpdatedParsed.Before(*e.PublishedParsed) {
			t.Errorf("%s: dates parse as %v, %v", w.id, e.PublishedParsed, e.UpdatedParsed)
		}
		var cats, authors []string
		for _, c := range e.Categories {
			cats = append(cats, c.Term)
		}
		for _, a := range e.Authors {
			authors = append(authors, a.Name)
		}
		if !slices.Equal(cats, w.categories) {
			t.Errorf("%s: categories %q, want %q", w.id, cats, w.categories)
		}
		if !slices.Equal(authors, w.authors) {
			t.Errorf("%s: authors %q, want %q", w.id, authors, w.authors)
		}
		if summary := html.UnescapeString(e.Summary); summary != w.summary {
			t.Errorf("%s: summary %q, want %q", w.id, summary, w.summary)
		}
		if e.Content != nil {
			if e.Content.Type != "html" {
				t.Errorf("%s: content type %q", w.id, e.Content.Type)
			}
			if ref := relativeRef(e.Content.Value); ref != "" {
				t.Errorf("%s: content holds the relative URL %q", w.id, ref)
			}
		}
	}
	links := f.Entries[2].Content.Value
	for _, want := range []string{
		`href="https://example.org/blog/2021/03/15/previous/"`,
		`href="https://example.org/archive/"`, // no site: placeholders stand for the host's root
		`href="https://example.org/about/"`,
		`src="https://example.org/blog/2021/03/22/links/chart.png"`,
		`href="https://example.org/blog/2021/03/22/links/raw/"`,
		`srcset="https://example.org/blog/2021/03/22/links/a.png 1x, https://example.org/blog/2021/03/22/links/b.png 2x"`,
		`href="https://example.org/blog/2021/03/22/links/#top"`,
	} {
		if !strings.Contains(links, want) {
			t.Errorf("links post content lacks %s:\n%s", want, links)
		}
	}
	hostile := f.Entries[1].Content.Value
	for _, gone := range []string{"<script", "alert(1)", "<style", "comment", "onclick", "style=", "role=", "aria-label", "javascript:", "data:text", "<svg", "<form", "controls", "\x1b", "\u0085"} {
		if strings.Contains(hostile, gone) {
			t.Errorf("hostile content still holds %q:\n%s", gone, hostile)
		}
	}
	for _, kept := range []string{`data-k="v"`, `<a href="https://www.youtube.com/embed/xyz">`, `src="data:image/png;base64,AAAA"`, "kept text", `<input type="text" name="q"/>`, "<video"} {
		if !strings.Contains(hostile, kept) {
			t.Errorf("hostile content lost %q:\n%s", kept, hostile)
		}
	}

	// The universal parser, as most readers use it, agrees.
	uf, err := gofeed.NewParser().Parse(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if uf.FeedLink != opts.SelfURL || uf.Link != opts.BaseURL || len(uf.Items) != len(wants) {
		t.Errorf("gofeed: feed link %q, self %q, %d items", uf.Link, uf.FeedLink, len(uf.Items))
	}
	for i, it := range uf.Items {
		if it.GUID != wants[i].id || it.Link != wants[i].id {
			t.Errorf("gofeed item %d: guid %q, link %q; want %q", i, it.GUID, it.Link, wants[i].id)
		}
	}
}

func linkHrefs(ls []*atom.Link) []string {
	var out []string
	for _, l := range ls {
		out = append(out, l.Rel+" "+l.Href)
	}
	return out
}

// relativeRef returns the first URL attribute in the HTML s without a
// scheme.
func relativeRef(s string) string {
	nodes, err := html.ParseFragment(strings.NewReader(s), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: htmlatom.Div})
	if err != nil {
		return "unparsable: " + err.Error()
	}
	var find func(*html.Node) string
	find = func(n *html.Node) string {
		for _, a := range n.Attr {
			switch a.Key {
			case "href", "src", "cite", "poster":
				if !schemed.MatchString(a.Val) {
					return a.Val
				}
			case "srcset":
				for _, c := range strings.Split(a.Val, ",") {
					if u, _, _ := strings.Cut(strings.TrimSpace(c), " "); !schemed.MatchString(u) {
						return u
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if r := find(c); r != "" {
				return r
			}
		}
		return ""
	}
	for _, n := range nodes {
		if r := find(n); r != "" {
			return r
		}
	}
	return ""
}

// TestAtomWellFormed decodes the feed of hostile posts with encoding/xml
// and checks that no character XML forbids survives.
func TestAtomWellFormed(t *testing.T) {
	hostile := []string{"<", "&", "]]>", "<![CDATA[", "\x00\x01\x08\x0b\x0c\x1f", "\x7f\u0080\u009f", "\xff\xfe\xc0\xaf", "\uFFFE\uFFFF", "\xed\xa0\x80 lone surrogate", "\uFFFD", "&amp;lt;", "\r\n\r"}
	var ps []*posts.Post
	for i, h := range hostile {
		ps = append(ps, &posts.Post{
			Source:     "hostile.md",
			Title:      "t" + h,
			Summary:    "s" + h,
			Date:       date("2021-01-01T00:00:00Z").Add(time.Duration(i) * time.Hour),
			URL:        "https://example.org/p/" + string(rune('a'+i)) + "/",
			Authors:    []posts.Person{{Name: "n" + h, Email: h}},
			Tags:       []string{h, "t" + h},
			Categories: []string{"c" + h},
			Body:       []byte(h + "\n\n<p title=\"" + h + "\">" + h + "</p>\n\n    code " + h + "\n"),
		})
	}
	out, err := Atom(testOptions(), ps)
	if err != nil {
		t.Fatal(err)
	}
	d := xml.NewDecoder(bytes.NewReader(out))
	d.Strict = true
	for {
		tok, err := d.Token()
		if err != nil {
			if err.Error() != "EOF" {
				t.Fatalf("not well-formed: %v\n%s", err, out)
			}
			break
		}
		var text string
		switch tok := tok.(type) {
		case xml.CharData:
			text = string(tok)
		case xml.StartElement:
			for _, a := range tok.Attr {
				text += a.Value
			}
		}
		for _, r := range text {
			if badRune(r) && r != '\r' {
				t.Errorf("%U in the feed", r)
			}
		}
	}
	for _, f := range validatorFindings(out) {
		t.Errorf("validator would report %s", f)
	}
}

func TestAtomDeterministic(t *testing.T) {
	ps := testPosts()
	first, err := Atom(testOptions(), ps)
	if err != nil {
		t.Fatal(err)
	}
	again, err := Atom(testOptions(), testPosts())
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first, again) {
		t.Error("the same posts gave different feeds")
	}
}

func TestAtomEmptyFeed(t *testing.T) {
	f := parsedAtom(t, testOptions(), nil)
	if f.Updated != rfc3339(emptyFeedUpdated) || len(f.Entries) != 0 || len(f.Authors) != 1 {
		t.Errorf("empty feed: updated %q, %d entries, %d authors", f.Updated, len(f.Entries), len(f.Authors))
	}
}

func TestAtomLimit(t *testing.T) {
	var ps []*posts.Post
	for i := range 30 {
		ps = append(ps, &posts.Post{
			Title: "p", URL: "https://example.org/p/" + string(rune('a'+i)) + "/",
			Date: date("2021-01-01T00:00:00Z").Add(time.Duration(i) * time.Hour),
		})
	}
	slices.Reverse(ps) // newest first, as posts.Load returns them
	for _, tt := range []struct{ limit, want int }{{0, DefaultLimit}, {1, 1}, {5, 5}, {100, 30}} {
		opts := testOptions()
		opts.Limit = tt.limit
		f := parsedAtom(t, opts, ps)
		if len(f.Entries) != tt.want {
			t.Errorf("limit %d: %d entries, want %d", tt.limit, len(f.Entries), tt.want)
		}
		if f.Entries[0].ID != "https://example.org/p/"+string(rune('a'+29))+"/" {
			t.Errorf("limit %d: first entry %s, want the newest", tt.limit, f.Entries[0].ID)
		}
	}
}

func TestAtomAuthorFallback(t *testing.T) {
	opts := testOptions()
	opts.Author = posts.Person{}
	f := parsedAtom(t, opts, testPosts()[5:6])
	if len(f.Authors) != 1 || f.Authors[0].Name != "baby steps" || f.Entries[0].Authors[0].Name != "baby steps" {
		t.Errorf("without an author name the feed's title stands for it; got %+v", f.Authors)
	}
}

func TestAtomErrors(t *testing.T) {
	ok := testOptions()
	good := testPosts()[:1]
	tests := []struct {
		name  string
		edit  func(*Options)
		posts []*posts.Post
		want  string
	}{
		{"no title", func(o *Options) { o.Title = " \x00 " }, good, "no title"},
		{"relative base", func(o *Options) { o.BaseURL = "/blog/" }, good, "base URL"},
		{"no self", func(o *Options) { o.SelfURL = "" }, good, "self URL"},
		{"ftp self", func(o *Options) { o.SelfURL = "ftp://example.org/atom.xml" }, good, "self URL"},
		{"bad language", func(o *Options) { o.Language = "en_US!" }, good, "language"},
		{"negative limit", func(o *Options) { o.Limit = -1 }, good, "negative limit"},
		{"bad generator uri", func(o *Options) { o.GeneratorURI = "x" }, good, "generator URI"},
		{"relative permalink", func(*Options) {}, []*posts.Post{{Source: "a.md", URL: "/a/", Date: date("2021-01-01T00:00:00Z")}}, "a.md"},
		{"no date", func(*Options) {}, []*posts.Post{{Source: "b.md", URL: "https://example.org/b/"}}, "b.md"},
		{"year 10000", func(*Options) {}, []*posts.Post{{Source: "c.md", URL: "https://example.org/c/", Date: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)}}, "c.md"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := ok
			tt.edit(&opts)
			_, err := Atom(opts, tt.posts)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one mentioning %q", err, tt.want)
			}
		})
	}

	// A broken post beyond the limit does not fail the feed.
	opts := ok
	opts.Limit = 1
	ps := append(testPosts()[:1], &posts.Post{Source: "old.md", URL: "/old/", Date: date("2001-01-01T00:00:00Z")})
	if _, err := Atom(opts, ps); err != nil {
		t.Errorf("broken post past the limit: %v", err)
	}
}

// BenchmarkAtom builds a feed of 20 entries of realistic length (the
// example post, about 2 KB of Markdown with a schedule table, three times
// over).
func BenchmarkAtom(b *testing.B) {
	body := []byte(strings.Repeat(examplePost+"\n", 3))
	var ps []*posts.Post
	for i := range 20 {
		ps = append(ps, &posts.Post{
			Source:  "p.md",
			Title:   "Async Vision Doc Writing Sessions",
			Date:    date("2021-01-01T00:00:00Z").Add(time.Duration(i) * 24 * time.Hour),
			URL:     "https://example.org/blog/2021/p" + string(rune('a'+i)) + "/",
			Authors: []posts.Person{{Name: "Niko Matsakis"}},
			Tags:    []string{"rust", "async"},
			Summary: "Two writing sessions this week.",
			Body:    body,
		})
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := Atom(testOptions(), ps); err != nil {
			b.Fatal(err)
		}
	}
}
