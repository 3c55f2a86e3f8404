package feed

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sessionfeed/sessionfeed/posts"
)

// newestAll is how the feed chose its entries before newest became lazy:
// every post made a candidate, all sorted, then deduplicated. newest must
// yield the same candidates in the same order.
func newestAll(ps []*posts.Post) []candidate {
	var cs []candidate
	for _, p := range ps {
		if p == nil || p.Draft {
			continue
		}
		cs = append(cs, newCandidate(p))
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

// TestNewestLazy checks newest against newestAll, and Entries (the posts
// whose bodies a build keeps) against the entries a feed takes.
func TestNewestLazy(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	base := time.Date(2021, 4, 7, 10, 0, 0, 0, time.UTC)
	urls := []string{"https://example.org/a/", "https://EXAMPLE.org/a/", "https://example.org/%7Eb/", "https://example.org/~b/",
		"https://example.org/c/", "http://[::1", "https://example.org/d/"}
	for round := range 500 {
		var ps []*posts.Post
		for i := range rng.IntN(12) {
			p := &posts.Post{Source: fmt.Sprint(i), URL: urls[rng.IntN(len(urls))],
				Date: base.Add(time.Duration(rng.IntN(3)) * time.Hour), Order: rng.IntN(3), Draft: rng.IntN(8) == 0}
			if rng.IntN(5) == 0 {
				p.URL = fmt.Sprintf("https://example.org/%d/", i)
			}
			if rng.IntN(20) == 0 {
				p.Date = time.Time{}
			}
			ps = append(ps, p)
			if rng.IntN(10) == 0 {
				ps = append(ps, nil)
			}
		}
		want := newestAll(ps)
		var got []candidate
		for c := range newest(ps) {
			got = append(got, c)
		}
		if len(got) != len(want) {
			t.Fatalf("round %d: %d candidates, want %d", round, len(got), len(want))
		}
		limit := 1 + rng.IntN(5)
		taken := Entries(Options{Limit: limit}, ps)
		if len(taken) != min(limit, len(want)) {
			t.Fatalf("round %d: Entries took %d posts, want %d", round, len(taken), min(limit, len(want)))
		}
		for i, p := range taken {
			if p != want[i].p {
				t.Fatalf("round %d: Entries[%d] is %s, want %s", round, i, p.Source, want[i].p.Source)
			}
		}
		for i := range got {
			if got[i].p != want[i].p || got[i].id != want[i].id || (got[i].err == nil) != (want[i].err == nil) {
				t.Fatalf("round %d: candidate %d is %s (%s), want %s (%s)", round, i, got[i].p.Source, got[i].id, want[i].p.Source, want[i].id)
			}
		}
	}
}

// TestRendered: the feeds of a build share their entries' HTML, and are
// the same bytes as feeds that each render their own.
func TestRendered(t *testing.T) {
	ps := testPosts()
	opts := allFormats(ps)
	shared := opts
	shared.Rendered = NewRendered()
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
