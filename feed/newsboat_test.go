package feed

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sessionfeed/sessionfeed/posts"
)

// TestNewsboat has newsboat, a terminal feed reader, fetch the Atom and RSS
// feeds (Debian's 2.21 reads no JSON Feed; gofeed checks that one) and
// compares what it stores, read back from its cache with sqlite3: the
// site's link, and each entry's title, link, guid and date, the same in
// both.
func TestNewsboat(t *testing.T) {
	var missing []string
	for _, tool := range []string{"newsboat", "sqlite3"} {
		if _, err := exec.LookPath(tool); err != nil {
			missing = append(missing, tool)
		}
	}
	if len(missing) > 0 {
		msg := strings.Join(missing, " and ") + " missing; install with: apt-get install newsboat sqlite3"
		if os.Getenv("SESSIONFEED_REQUIRE_CHECKERS") == "1" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	ps := testPosts()
	opts := allFormats(ps)
	read := func(name string, gen func(Options, []*posts.Post) ([]byte, error)) (link string, items []string) {
		t.Helper()
		dir := t.TempDir()
		data, err := gen(opts, ps)
		if err != nil {
			t.Fatal(err)
		}
		file := filepath.Join(dir, name)
		if err := os.WriteFile(file, data, 0o644); err != nil {
			t.Fatal(err)
		}
		urls := filepath.Join(dir, "urls")
		if err := os.WriteFile(urls, []byte("file://"+file+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		cache := filepath.Join(dir, "cache.db")
		cmd := exec.Command("newsboat", "-u", urls, "-c", cache, "-x", "reload")
		cmd.Env = append(os.Environ(), "HOME="+dir)
		if out, err := cmd.CombinedOutput(); err != nil || len(out) > 0 {
			t.Fatalf("newsboat on %s: %v\n%s", name, err, out)
		}
		query := func(sql string) []string {
			out, err := exec.Command("sqlite3", cache, sql).Output()
			if err != nil {
				t.Fatalf("sqlite3: %v", err)
			}
			return strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
		}
		return query("SELECT url FROM rss_feed")[0],
			query("SELECT title || ' | ' || url || ' | ' || guid || ' | ' || pubDate FROM rss_item ORDER BY pubDate DESC, guid")
	}
	atomLink, atomItems := read("atom.xml", Atom)
	rssLink, rssItems := read("rss.xml", RSS)
	if atomLink != opts.BaseURL || rssLink != opts.BaseURL {
		t.Errorf("site links: Atom %q, RSS %q; want %q", atomLink, rssLink, opts.BaseURL)
	}
	if len(atomItems) != 6 {
		t.Errorf("newsboat stored %d Atom entries, want 6:\n%s", len(atomItems), strings.Join(atomItems, "\n"))
	}
	if strings.Join(atomItems, "\n") != strings.Join(rssItems, "\n") {
		t.Errorf("newsboat reads the feeds differently:\nAtom:\n%s\nRSS:\n%s", strings.Join(atomItems, "\n"), strings.Join(rssItems, "\n"))
	}
}
