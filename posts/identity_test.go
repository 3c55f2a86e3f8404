package posts

import (
	"slices"
	"testing"
	"time"
)

// TestAliasesAndUIDs: the keys that carry a post's and a session's identity
// across renames reach Post and Session.
func TestAliasesAndUIDs(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"content/hugo.md": "---\ntitle: Hugo\ndate: 2021-01-01\naliases: [/old/hugo/, \"https://old.example/hugo\", \"javascript:x\"]\n" +
			"sessions:\n  - start: 2021-01-08T10:00:00Z\n    topic: Kickoff\n    uid: kickoff-2021\n---\n",
		"content/jekyll.md": "---\ntitle: Jekyll\ndate: 2021-01-02\nredirect_from: /2020/jekyll.html\n---\n",
	})
	ps, diags, err := Load(&Site{Dir: dir, BaseURL: "https://example.org/blog/", Now: time.Date(2021, 6, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if len(diags) > 0 {
		t.Errorf("diagnostics %v", diags)
	}
	byTitle := map[string]*Post{}
	for _, p := range ps {
		byTitle[p.Title] = p
	}
	if got, want := byTitle["Hugo"].Aliases, []string{"https://example.org/blog/old/hugo/", "https://old.example/hugo"}; !slices.Equal(got, want) {
		t.Errorf("Hugo aliases %q, want %q", got, want)
	}
	if got, want := byTitle["Jekyll"].Aliases, []string{"https://example.org/blog/2020/jekyll.html"}; !slices.Equal(got, want) {
		t.Errorf("Jekyll redirect_from %q, want %q", got, want)
	}
	if ss := byTitle["Hugo"].Sessions; len(ss) != 1 || ss[0].UID != "kickoff-2021" {
		t.Errorf("sessions %+v", ss)
	}
}
