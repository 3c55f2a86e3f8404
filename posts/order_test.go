package posts

import (
	"strings"
	"testing"
	"time"
)

// TestLoadNewestFirst: Load returns posts newest first, whatever order the
// generator lists them in; the generator's order tells apart posts of the
// same instant (Hugo's: weight, then link title).
func TestLoadNewestFirst(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"hugo.toml":              "baseURL = 'https://example.org/'\ntitle = 'H'\n[params]\nmainSections = ['blog']\n",
		"content/blog/pinned.md": "---\ntitle: Pinned\ndate: 2024-01-01\nweight: 1\n---\n",
		"content/blog/b.md":      "---\ntitle: Beta\ndate: 2024-01-02T10:00:00Z\n---\n",
		"content/blog/a.md":      "---\ntitle: Alpha\ndate: 2024-01-02T10:00:00Z\n---\n",
		"content/blog/c.md":      "---\ntitle: Gamma\ndate: 2024-01-02T10:00:00Z\nweight: 5\n---\n",
		"content/blog/new.md":    "---\ntitle: New\ndate: 2024-01-03\n---\n",
		"content/blog/draft.md":  "---\ntitle: Draft\ndate: 2024-01-04\ndraft: true\n---\n",
	})
	_, ps, _ := loadExample(t, dir, time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC))
	want := "content/blog/new.md content/blog/c.md content/blog/a.md content/blog/b.md content/blog/pinned.md"
	if got := strings.Join(sources(ps), " "); got != want {
		t.Errorf("posts = %s\nwant    %s", got, want)
	}
}

// TestLoadEquivalentPermalinks: of two posts whose permalinks are written
// apart but name the same page (a feed would give them one id), the newer
// is kept, or of two of the same instant the first the generator lists; the
// other is an error.
func TestLoadEquivalentPermalinks(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"posts/a-old.md":  "---\ntitle: Old\ndate: 2021-01-01\nslug: café\n---\n",       // NFC
		"posts/b-new.md":  "---\ntitle: New\ndate: 2021-01-02\nslug: cafe\u0301\n---\n", // NFD
		"posts/c-same.md": "---\ntitle: C\ndate: 2021-01-03\nslug: nai\u0308ve\n---\n",
		"posts/d-same.md": "---\ntitle: D\ndate: 2021-01-03\nslug: naïve\n---\n",
		"posts/e-dot.md":  "---\ntitle: E\ndate: 2021-01-04\nslug: e\n---\n",
	})
	site := testSite(t, dir)
	site.Permalink = "/:slug/"
	ps, diags, err := Load(site)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(sources(ps), " "), "posts/e-dot.md posts/c-same.md posts/b-new.md"; got != want {
		t.Errorf("posts = %s\nwant    %s", got, want)
	}
	for _, w := range []string{
		"posts/a-old.md: permalink https://example.org/caf%C3%A9/ is already posts/b-new.md's; left out (give it another slug or url)",
		"posts/d-same.md: permalink https://example.org/na%C3%AFve/ is already posts/c-same.md's; left out (give it another slug or url)",
	} {
		if !hasDiagnostic(diags, func(d Diagnostic) bool { return d.String() == w && d.Severity == Error }) {
			t.Errorf("no error diagnostic %q in\n%s", w, dumpLoad(nil, diags))
		}
	}
}
