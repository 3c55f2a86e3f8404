package feed

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sessionfeed/sessionfeed/posts"
)

// TestAsGiven: the feed takes the first Limit posts in the order given,
// and Entries names them: posts.Load decides the order, not the feed.
func TestAsGiven(t *testing.T) {
	base := time.Date(2021, 4, 7, 10, 0, 0, 0, time.UTC)
	var ps []*posts.Post
	for i, hours := range []int{-5, 3, 0, 7, -1} {
		ps = append(ps, &posts.Post{Source: fmt.Sprint(i), Title: fmt.Sprint(i), URL: fmt.Sprintf("https://example.org/%d/", i), Date: base.Add(time.Duration(hours) * time.Hour)})
	}
	for _, limit := range []int{1, 3, 5, 9} {
		opts := Options{Title: "t", BaseURL: "https://example.org/", SelfURL: "https://example.org/atom.xml", Limit: limit}
		f := parsedAtom(t, opts, ps)
		var got []string
		for _, e := range f.Entries {
			got = append(got, e.ID)
		}
		var want []string
		for _, p := range ps[:min(limit, len(ps))] {
			want = append(want, p.URL)
		}
		if !slices.Equal(got, want) {
			t.Errorf("limit %d: entries %q, want %q", limit, got, want)
		}
		if taken := Entries(opts, ps); !slices.Equal(taken, ps[:min(limit, len(ps))]) {
			t.Errorf("limit %d: Entries took %d posts, want the first %d", limit, len(taken), min(limit, len(ps)))
		}
	}
}

// TestLazy: of 100,000 posts the feed looks at the first Limit only; the
// others may be anything, even unusable.
func TestLazy(t *testing.T) {
	base := time.Date(2021, 4, 7, 10, 0, 0, 0, time.UTC)
	ps := make([]*posts.Post, 100_000)
	for i := range ps {
		ps[i] = &posts.Post{Source: fmt.Sprint(i), URL: "not a URL", Body: []byte("x")}
		if i < DefaultLimit {
			ps[i].URL, ps[i].Date = fmt.Sprintf("https://example.org/%d/", i), base.Add(-time.Duration(i)*time.Hour)
		}
	}
	opts := Options{Title: "t", BaseURL: "https://example.org/", SelfURL: "https://example.org/atom.xml"}
	if f := parsedAtom(t, opts, ps); len(f.Entries) != DefaultLimit {
		t.Errorf("%d entries, want %d", len(f.Entries), DefaultLimit)
	}
	if taken := Entries(opts, ps); len(taken) != DefaultLimit {
		t.Errorf("Entries took %d posts, want %d", len(taken), DefaultLimit)
	}
	// One unusable post among the first fails the feed.
	ps[DefaultLimit-1].URL = "not a URL"
	if _, err := Atom(opts, ps); err == nil || !strings.Contains(err.Error(), "post 19: permalink") {
		t.Errorf("Atom with an unusable permalink among the entries: %v", err)
	}
}

// TestDuplicateIDs: two posts whose ids would be one (posts.Load never
// returns them) fail the feed instead of being deduplicated; a nil post
// fails it too, without a panic.
func TestDuplicateIDs(t *testing.T) {
	d := time.Date(2021, 4, 7, 10, 0, 0, 0, time.UTC)
	ps := []*posts.Post{
		{Source: "a.md", URL: "https://example.org/caf%c3%a9/", Date: d},
		{Source: "b.md", URL: "https://example.org/b/", Date: d},
		{Source: "c.md", URL: "HTTPS://Example.ORG:443/café/", Date: d},
	}
	opts := allFormats(ps)
	for name, build := range map[string]func(Options, []*posts.Post) ([]byte, error){"Atom": Atom, "RSS": RSS, "JSONFeed": JSONFeed} {
		_, err := build(opts, ps)
		if err == nil || !strings.Contains(err.Error(), "posts a.md and c.md have the same permalink https://example.org/caf%C3%A9/") {
			t.Errorf("%s of duplicate ids: %v", name, err)
		}
		if _, err := build(opts, []*posts.Post{ps[0], nil}); err == nil {
			t.Errorf("%s with a nil post: no error", name)
		}
	}
	opts.Limit = 2 // the duplicate is not in the feed
	if _, err := Atom(opts, ps); err != nil {
		t.Errorf("Atom of the first two: %v", err)
	}
}

// TestRendered: the feeds of a build share their entries' HTML, and are
// the same bytes as feeds that each render their own.
func TestRendered(t *testing.T) {
	ps := testPosts()
	opts := allFormats(ps)
	shared := opts
	shared.Rendered = NewRendered(nil)
	for _, build := range []func(Options, []*posts.Post) ([]byte, error){Atom, RSS, JSONFeed, Atom} {
		want, err := build(opts, ps)
		if err != nil {
			t.Fatal(err)
		}
		got, err := build(shared, ps)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("with Rendered:\n%s\nwant:\n%s", got, want)
		}
	}
	if len(shared.Rendered.html) == 0 {
		t.Error("nothing kept in Rendered")
	}
}

// TestRenderedPrepare: entries rendered ahead (Prepare, as a build does
// while it computes the calendar) make the same feeds, and only the
// entries a feed takes are rendered; a post that cannot be is left for
// the feed, which reports it as without Prepare.
func TestRenderedPrepare(t *testing.T) {
	ps := testPosts()
	opts := allFormats(ps)
	opts.Limit = 2
	prepared := opts
	prepared.Rendered = NewRendered(nil)
	prepared.Rendered.Prepare(opts, ps)
	if n := len(prepared.Rendered.html); n != 2 {
		t.Errorf("Prepare rendered %d entries, want the feed's 2", n)
	}
	for _, build := range []func(Options, []*posts.Post) ([]byte, error){Atom, RSS, JSONFeed} {
		want, err := build(opts, ps)
		if err != nil {
			t.Fatal(err)
		}
		got, err := build(prepared, ps)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("prepared:\n%s\nwant:\n%s", got, want)
		}
	}

	bad := append([]*posts.Post{{Source: "bad.md", Title: "Bad", URL: "::not a url", Date: ps[0].Date}}, ps...)
	r := NewRendered(nil)
	r.Prepare(opts, bad)
	_, want := Atom(opts, bad)
	badOpts := opts
	badOpts.Rendered = r
	if _, got := Atom(badOpts, bad); want == nil || got == nil || got.Error() != want.Error() {
		t.Errorf("a post that cannot be rendered: %v after Prepare, want %v", got, want)
	}
}

// mapRenderCache is a RenderCache in memory, counting what it was asked.
type mapRenderCache struct {
	mu         sync.Mutex
	html       map[RenderKey]string
	gets, hits int
}

func (m *mapRenderCache) Get(key RenderKey) (string, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.gets++
	html, ok := m.html[key]
	if ok {
		m.hits++
	}
	return html, ok
}

func (m *mapRenderCache) Put(key RenderKey, html string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.html[key] = html
}

// TestRenderCache: a build with a RenderCache writes the feeds a build
// without one does and keeps each entry's HTML there; the next build takes
// it from there (here a changed value shows it was taken), but for a post
// whose body changed, which it renders again.
func TestRenderCache(t *testing.T) {
	ps := testPosts()
	opts := allFormats(ps)
	want, err := Atom(opts, ps)
	if err != nil {
		t.Fatal(err)
	}
	cache := &mapRenderCache{html: map[RenderKey]string{}}
	first := opts
	first.Rendered = NewRendered(cache)
	first.Rendered.Prepare(first, ps)
	got, err := Atom(first, ps)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("with a cache:\n%s\nwant:\n%s", got, want)
	}
	if len(cache.html) != len(ps) || cache.hits != 0 {
		t.Fatalf("first build: %d entries kept, %d found; want %d and none", len(cache.html), cache.hits, len(ps))
	}

	for key := range cache.html {
		cache.html[key] = "<p>kept</p>"
	}
	edited := *ps[0]
	edited.Body = append(slices.Clone(edited.Body), "\n\nA new paragraph.\n"...)
	ps2 := append([]*posts.Post{&edited}, ps[1:]...)
	second := opts
	second.Rendered = NewRendered(cache)
	second.Rendered.Prepare(second, ps2)
	got, err = Atom(second, ps2)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(got), "&lt;p&gt;kept&lt;/p&gt;"); n != len(ps)-1 {
		t.Errorf("second build: %d entries taken from the cache, want %d:\n%s", n, len(ps)-1, got)
	}
	if !strings.Contains(string(got), "A new paragraph.") {
		t.Errorf("the edited post was not rendered again:\n%s", got)
	}
}
