package feed

import (
	"encoding/json"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"

	"github.com/sessionfeed/sessionfeed/posts"
)

// TestFeedparser reads the Atom and RSS feeds with Python's feedparser,
// the parser behind many readers and tools (Debian's 6.0 reads no JSON
// Feed; gofeed checks that one): both parse without complaint ("bozo") and
// give the same entries, in the same order, with the same ids, links,
// titles, dates and authors.
func TestFeedparser(t *testing.T) {
	// Debian's python3-feedparser installs for /usr/bin/python3, which need
	// not be the python3 first on PATH.
	var py string
	var err error
	for _, py = range []string{"/usr/bin/python3", "python3"} {
		if err = exec.Command(py, "-c", "import feedparser").Run(); err == nil {
			break
		}
	}
	if err != nil {
		if os.Getenv("SESSIONFEED_REQUIRE_CHECKERS") == "1" {
			t.Fatalf("Python's feedparser is required but missing (%v); install it with: apt-get install python3-feedparser", err)
		}
		t.Skipf("Python's feedparser missing (%v); install it with: apt-get install python3-feedparser", err)
	}
	type result struct {
		Bozo          bool   `json:"bozo"`
		BozoException string `json:"bozo_exception"`
		Version       string `json:"version"`
		Title         string `json:"title"`
		Entries       []struct {
			ID        string   `json:"id"`
			Link      string   `json:"link"`
			Title     string   `json:"title"`
			Published *int64   `json:"published"`
			Authors   []string `json:"authors"`
		} `json:"entries"`
	}
	ps := testPosts()
	opts := allFormats(ps)
	read := func(name string, gen func(Options, []*posts.Post) ([]byte, error)) result {
		t.Helper()
		data, err := gen(opts, ps)
		if err != nil {
			t.Fatal(err)
		}
		file := filepath.Join(t.TempDir(), name)
		if err := os.WriteFile(file, data, 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(py, "testdata/py/read.py", file).Output()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var r result
		if err := json.Unmarshal(out, &r); err != nil {
			t.Fatalf("%s: %v\n%s", name, err, out)
		}
		if r.Bozo {
			t.Errorf("%s: feedparser finds it malformed: %s", name, r.BozoException)
		}
		return r
	}
	atom, rss := read("atom.xml", Atom), read("rss.xml", RSS)
	if atom.Version != "atom10" || rss.Version != "rss20" {
		t.Errorf("versions %q %q", atom.Version, rss.Version)
	}
	for name, r := range map[string]result{"RSS": rss} {
		if r.Title != atom.Title {
			t.Errorf("%s: title %q, Atom %q", name, r.Title, atom.Title)
		}
		if len(r.Entries) != len(atom.Entries) {
			t.Errorf("%s: %d entries, Atom %d", name, len(r.Entries), len(atom.Entries))
			continue
		}
		for i, e := range r.Entries {
			a := atom.Entries[i]
			// feedparser hands over Atom's type="html" titles as HTML.
			if e.ID != a.ID || e.Link != a.Link || e.Title != html.UnescapeString(a.Title) || !slices.Equal(e.Authors, a.Authors) ||
				(e.Published == nil) != (a.Published == nil) || e.Published != nil && *e.Published != *a.Published {
				t.Errorf("%s entry %d:\n got %+v\nwant %+v", name, i, e, a)
			}
		}
	}
}
