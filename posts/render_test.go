package posts

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/net/html"
)

const (
	testPermalink = "https://example.org/blog/2021/04/07/post/"
	testBaseURL   = "https://example.org/blog/"
)

func testPost(body string) *Post {
	return &Post{
		Source: "content/post.md",
		URL:    testPermalink,
		Body:   []byte(body),
		site:   &Site{BaseURL: testBaseURL},
	}
}

// TestHTMLGolden renders testdata/render_*.md for the permalink
// testPermalink on a site whose base URL is testBaseURL.
func TestHTMLGolden(t *testing.T) {
	inputs, err := filepath.Glob("testdata/render_*.md")
	if err != nil || len(inputs) == 0 {
		t.Fatalf("no testdata/render_*.md: %v", err)
	}
	for _, in := range inputs {
		name := strings.TrimSuffix(filepath.Base(in), ".md")
		t.Run(name, func(t *testing.T) {
			body, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			got, err := testPost(string(body)).HTML()
			if err != nil {
				t.Fatal(err)
			}
			checkRendered(t, got)
			checkGolden(t, name+".golden", got)
		})
	}
}

// TestHTMLLinks checks where each kind of reference ends up.
func TestHTMLLinks(t *testing.T) {
	tests := []struct {
		name, md, want string
		site           *Site // nil: the test site
	}{
		{"relative file", "[x](pic.png)", `href="https://example.org/blog/2021/04/07/post/pic.png"`, nil},
		{"parent", "[x](../other/)", `href="https://example.org/blog/2021/04/07/other/"`, nil},
		{"root relative", "[x](/about/)", `href="https://example.org/about/"`, nil},
		{"fragment", "[x](#top)", `href="https://example.org/blog/2021/04/07/post/#top"`, nil},
		{"query", "[x](?page=2)", `href="https://example.org/blog/2021/04/07/post/?page=2"`, nil},
		{"protocol relative", "[x](//cdn.example.net/a.js)", `href="https://cdn.example.net/a.js"`, nil},
		{"absolute untouched", "[x](http://other.example/a?b=c&d=e)", `href="http://other.example/a?b=c&amp;d=e"`, nil},
		{"mailto untouched", "[x](mailto:a@example.org)", `href="mailto:a@example.org"`, nil},
		{"image", "![alt](img/a.png)", `src="https://example.org/blog/2021/04/07/post/img/a.png"`, nil},
		{"reference definition", "[x][r]\n\n[r]: ../r/", `href="https://example.org/blog/2021/04/07/r/"`, nil},
		{"space escaped", "[x](<a b.html>)", `href="https://example.org/blog/2021/04/07/post/a%20b.html"`, nil},
		{"non-ASCII escaped", "[x](café/)", `href="https://example.org/blog/2021/04/07/post/caf%C3%A9/"`, nil},

		{"site.baseurl", "[x]({{ site.baseurl }}/2021/03/22/a/)", `href="https://example.org/blog/2021/03/22/a/"`, nil},
		{"site.baseurl compact", "[x]({{site.baseurl}}/a/)", `href="https://example.org/blog/a/"`, nil},
		{"site.url then baseurl", "[x]({{ site.url }}{{ site.baseurl }}/a/)", `href="https://example.org/blog/a/"`, nil},
		{"site.url with base path", "[x]({{ site.url }}/blog/a/)", `href="https://example.org/blog/a/"`, nil},
		{"hugo shortcode", "[x]({{< baseurl >}}a/)", `href="https://example.org/blog/a/"`, nil},
		{"hugo Site.BaseURL", "[x]({{ .Site.BaseURL }}/a/)", `href="https://example.org/blog/a/"`, nil},
		{"trim markers", "[x]({{- .Site.BaseURL -}}a/)", `href="https://example.org/blog/a/"`, nil},
		{"placeholder alone", "[x]({{ site.baseurl }})", `href="https://example.org/blog/"`, nil},
		{"placeholder then absolute", "[x]({{ site.baseurl }}/https://smallcultfollowing.com/babysteps/)", `href="https://smallcultfollowing.com/babysteps/"`, nil},
		{"placeholder in reference", "[x][t]\n\n[t]: {{ site.baseurl }}/https://a.example/b/", `href="https://a.example/b/"`, nil},
		{"placeholder in image", "![i]({{ site.baseurl }}/img/a.png)", `src="https://example.org/blog/img/a.png"`, nil},
		{"placeholder in raw HTML", `<a href="{{ site.baseurl }}/a/">x</a>`, `href="https://example.org/blog/a/"`, nil},
		{"placeholder in raw srcset", `<img srcset="{{site.baseurl}}/a.png 1x, b.png 2x">`, `srcset="https://example.org/blog/a.png 1x, https://example.org/blog/2021/04/07/post/b.png 2x"`, nil},
		{"no site: host root", "[x]({{ site.baseurl }}/a/)", `href="https://example.org/a/"`, &Site{}},
		{"site base without slash", "[x]({{ site.baseurl }}/a/)", `href="https://example.org/blog/a/"`, &Site{BaseURL: "https://example.org/blog"}},

		{"raw href", `<a href="rel.html">x</a>`, `<a href="https://example.org/blog/2021/04/07/post/rel.html">`, nil},
		{"raw entity in href", `<a href="a.html?x=1&amp;y=2">x</a>`, `href="https://example.org/blog/2021/04/07/post/a.html?x=1&amp;y=2"`, nil},
		{"raw poster", "<video poster=\"p.jpg\" src=\"v.mp4\"></video>", `poster="https://example.org/blog/2021/04/07/post/p.jpg"`, nil},
		{"raw cite", `<blockquote cite="/src/">q</blockquote>`, `cite="https://example.org/src/"`, nil},
		{"raw object data", `<object data="f.svg"></object>`, `data="https://example.org/blog/2021/04/07/post/f.svg"`, nil},
		{"data attribute elsewhere untouched", `<span data="x">y</span>`, `<span data="x">`, nil},
		{"noscript content", "<noscript><img src=\"n.png\"></noscript>", `src="https://example.org/blog/2021/04/07/post/n.png"`, nil},
		{"script untouched", `<script>var s = "<a href='x'>"</script>`, `"<a href='x'>"`, nil},
		{"footnote link", "a[^1]\n\n[^1]: n", `href="https://example.org/blog/2021/04/07/post/#fn:1"`, nil},
		{"linkify", "see www.example.com now", `href="http://www.example.com"`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := testPost(tt.md)
			if tt.site != nil {
				p.site = tt.site
			}
			got, err := p.HTML()
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(got, tt.want) {
				t.Errorf("HTML(%q) =\n%s\nwant it to contain %s", tt.md, got, tt.want)
			}
			checkRendered(t, got)
		})
	}
}

func TestHTMLNoSiteUsesHost(t *testing.T) {
	p := &Post{URL: "http://h.example:8080/x/y/", Body: []byte("[a]({{ site.baseurl }}/b/)")}
	got, err := p.HTML()
	if err != nil {
		t.Fatal(err)
	}
	if want := `href="http://h.example:8080/b/"`; !strings.Contains(got, want) {
		t.Errorf("got %s, want %s", got, want)
	}
}

func TestHTMLRejectsRelativePermalink(t *testing.T) {
	for _, u := range []string{"", "/blog/x/", "example.org/x", "https:///x", "://bad"} {
		p := &Post{Source: "content/x.md", URL: u, Body: []byte("x")}
		if _, err := p.HTML(); err == nil {
			t.Errorf("HTML() with URL %q: no error", u)
		} else if !strings.Contains(err.Error(), "content/x.md") {
			t.Errorf("error %q does not name the post", err)
		}
	}
}

func TestHTMLBadCharacters(t *testing.T) {
	body := "a\x00b\x01c\x7fd\u0085e\xc3\x28f\uFFFEg\U0010FFFFh\uFDD0i &#1; &#0; j\tk"
	got, err := testPost(body).HTML()
	if err != nil {
		t.Fatal(err)
	}
	checkRendered(t, got)
	for _, keep := range []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j\tk"} {
		if !strings.Contains(got, keep) {
			t.Errorf("%q lost from %q", keep, got)
		}
	}
}

// checkRendered fails t when html has invalid UTF-8, a control character
// or noncharacter, or a relative URL in a URL attribute.
func checkRendered(t *testing.T, s string) {
	t.Helper()
	if !utf8.ValidString(s) {
		t.Errorf("output is not valid UTF-8: %q", s)
	}
	for _, r := range s {
		if badRune(r) {
			t.Errorf("output holds %U: %q", r, s)
			break
		}
	}
	if ref := firstRelativeURL(s); ref != "" {
		t.Errorf("output holds the relative URL %q:\n%s", ref, s)
	}
}

// firstRelativeURL returns the first URL attribute value in s that has no
// scheme, reading s as a browser would with scripting off.
func firstRelativeURL(s string) string {
	z := html.NewTokenizer(strings.NewReader(s))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			if z.Err() == io.EOF {
				return ""
			}
			continue
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		for _, a := range tok.Attr {
			only, ok := urlAttrs[a.Key]
			if !ok || only != 0 && only != tok.DataAtom {
				continue
			}
			vals := []string{a.Val}
			if a.Key == "srcset" {
				vals = nil
				for _, c := range strings.Split(a.Val, ",") {
					if u, _, _ := strings.Cut(strings.TrimSpace(c), " "); u != "" {
						vals = append(vals, u)
					}
				}
			}
			for _, v := range vals {
				if !schemePrefix.MatchString(strings.TrimSpace(v)) {
					return v
				}
			}
		}
		if tt == html.StartTagToken && tok.Data == "noscript" {
			z.NextIsNotRawText()
		}
	}
}

func FuzzHTML(f *testing.F) {
	seeds := []string{
		"[a](b) ![c](d) <a href=e>f</a>",
		"[x]({{ site.baseurl }}/https://a.example/)",
		"[x][r]\n\n[r]: {{ site.url }}{{ site.baseurl }}/y",
		"<img srcset=\"a 1x,,b 2x\" src=''>",
		"<noscript><a href=x>y</a></noscript><script>'<a href=z>'</script>",
		"a\x00\xff\u0085\uFFFE]]>&#0;",
		"<a href=\"%zz\">x</a><a href=\"a b\">y</a><a href='//[::1'>z</a>",
		"| a |\n|---|\n| [b](c) |\n\n- [ ] d\n\n~~e~~ www.f.example\n\n[^1]\n\n[^1]: g",
	}
	if b, err := os.ReadFile("testdata/render_links.md"); err == nil {
		seeds = append(seeds, string(b))
	}
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		got, err := testPost(body).HTML()
		if err != nil {
			t.Fatal(err)
		}
		checkRendered(t, got)
	})
}

// TestHTMLKey: two posts share an HTMLKey when HTML reads the same of
// them, and a change to anything it reads (the body, its form, the
// permalink, the site's base URL) changes the key.
func TestHTMLKey(t *testing.T) {
	post := func() *Post {
		return &Post{Source: "a.md", Title: "A", URL: testPermalink, Body: []byte("See [the notes](notes/).\n"),
			site: &Site{BaseURL: "https://example.org/blog/"}}
	}
	base := post().HTMLKey()
	same := post()
	same.Source, same.Title, same.Tags = "b.md", "B", []string{"x"} // HTML reads none of these
	if same.HTMLKey() != base {
		t.Error("posts HTML reads alike have different keys")
	}
	for name, change := range map[string]func(p *Post){
		"body":      func(p *Post) { p.Body = append(p.Body, '\n') },
		"form":      func(p *Post) { p.bodyHTML = true },
		"permalink": func(p *Post) { p.URL += "x/" },
		"base URL":  func(p *Post) { p.site.BaseURL = "https://example.org/" },
		"no site":   func(p *Post) { p.site = nil },
		"moved bytes": func(p *Post) {
			// The permalink's end moved into the body: fields are
			// length-prefixed.
			p.URL, p.Body = p.URL[:len(p.URL)-1], append([]byte("/"), p.Body...)
		},
	} {
		p := post()
		change(p)
		if p.HTMLKey() == base {
			t.Errorf("a change of the %s left the key", name)
		}
		again := post()
		change(again)
		if again.HTMLKey() != p.HTMLKey() {
			t.Errorf("the key of a changed %s is not a function of the post", name)
		}
	}
}
