package posts

import (
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestExpandPermalink(t *testing.T) {
	ny := mustLoad(t, "America/New_York")
	date := time.Date(2021, 4, 7, 10, 0, 0, 0, ny)
	vars := permalinkVars{date: date, slug: "async-vision", filename: "2021-04-07-async-vision", section: "blog"}
	tests := []struct {
		pattern string
		vars    permalinkVars
		want    string
	}{
		{"", vars, "2021/04/07/async-vision/"},
		{DefaultPermalink, vars, "2021/04/07/async-vision/"},
		{"/blog/:year/:month/:day/:slug/", vars, "blog/2021/04/07/async-vision/"},
		{"/:section/:slug/", vars, "blog/async-vision/"},
		{"/:year/:filename.html", vars, "2021/2021-04-07-async-vision.html"},
		{"/posts/:slug", vars, "posts/async-vision"},
		{":year-:month-:slug", vars, "2021-04-async-vision"},
		{"/:year/:title/", vars, "2021/:title/"},
		{"/:slugs/", vars, ":slugs/"},
		{"//:year//:slug//", vars, "2021/async-vision/"},
		{"/../:slug/./", vars, "async-vision/"},
		{`\:year\:slug\`, vars, "2021/async-vision/"},
		{"/blog posts/:slug/", vars, "blog%20posts/async-vision/"},
		{"/:section/:slug/", permalinkVars{date: date, slug: "x", section: ""}, "x/"},
		// The date as written: 01:00 in Tokyo is still the 8th there.
		{"/:year/:month/:day/", permalinkVars{date: time.Date(2021, 4, 8, 1, 0, 0, 0, time.FixedZone("", 9*3600))}, "2021/04/08/"},
		{"/:slug/", permalinkVars{date: date, slug: cleanSlug("café au lait")}, "caf%C3%A9-au-lait/"},
		{"/:slug/", permalinkVars{date: date, slug: cleanSlug("why?#not")}, "why%3F%23not/"},
		{"/:slug/", permalinkVars{date: date, slug: cleanSlug("100%")}, "100%25/"},
		{"/:section/:filename/:slug/", permalinkVars{date: date, slug: "Async-Vision", filename: "2021-04-07-Async", section: "Blog"}, "blog/2021-04-07-async/async-vision/"},
		{"/:slug/", permalinkVars{date: date, slug: "ÉTÉ"}, "%C3%A9t%C3%A9/"},
		{"/:slug/", permalinkVars{date: date, slug: cleanSlug("caf%C3%A9")}, "caf%C3%A9/"},
	}
	for _, tt := range tests {
		if got := expandPermalink(tt.pattern, tt.vars); got != tt.want {
			t.Errorf("expandPermalink(%q, %+v) = %q; want %q", tt.pattern, tt.vars, got, tt.want)
		}
	}
}

func TestCleanSlug(t *testing.T) {
	tests := []struct{ in, want string }{
		{"async-vision", "async-vision"},
		{"Async Vision", "Async-Vision"},
		{" a  b\tc ", "a-b-c"},
		{"../../etc/passwd", "..-..-etc-passwd"},
		{"/abs/path", "-abs-path"},
		{`a\b`, "a-b"},
		{"a\x00b\x1fc", "abc"},
		{"..", ""},
		{".", ""},
		{"...", ""},
		{"-/-", ""},
		{"%2e%2e", ""},
		{"a%2Fb", "a-b"},
		{"caf%C3%A9", "café"},
		{"100%", "100%"},
		{"日本語", "日本語"},
		{"\xff\xfe", "\uFFFD"},
	}
	for _, tt := range tests {
		if got := cleanSlug(tt.in); got != tt.want {
			t.Errorf("cleanSlug(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func TestExplicitPath(t *testing.T) {
	const base = "https://example.org/blog/"
	tests := []struct {
		in, want string
		warn     string // substring of the one warning, "" for none
	}{
		{"/blog/async/", "blog/async/", ""},
		{"blog/async", "blog/async/", ""},
		{"2021/02/03/zola-style", "2021/02/03/zola-style/", ""},
		{"/feed.xml", "feed.xml", ""},
		{"/a/b.html", "a/b.html", ""},
		{"/a/b.html/", "a/b.html/", ""},
		{"/", "", ""},
		{"", "", ""},
		{"a/./b//c", "a/b/c/", ""},
		{"a b/c", "a%20b/c/", ""},
		{"caf%C3%A9/", "caf%C3%A9/", ""},
		{"café", "caf%C3%A9/", ""},
		{"x\x00y", "xy/", ""},
		{"?q=1#f", "%3Fq=1%23f/", ""},
		{"100%", "100%25/", ""},
		{"https://example.org/blog/x/", "x/", ""},
		{"https://example.org/blog", "", ""},
		{"../../etc/passwd", "etc/passwd/", "climbs out of its folder"},
		{`a\..\..\b`, "a/b/", "climbs out"},
		{"a/%2e%2e/%2E%2E/b", "a/b/", "climbs out"},
		{"a%2F..%2F..%2Fb", "a/b/", "climbs out"},
		{"https://evil.example/x", "x/", "not under the site's base URL"},
		{"//evil.example/x", "x/", "not under the site's base URL"},
		{"https://example.org/blogger/x", "blogger/x/", "not under the site's base URL"},
	}
	for _, tt := range tests {
		got, warnings := explicitPath(tt.in, base)
		if got != tt.want {
			t.Errorf("explicitPath(%q) = %q; want %q", tt.in, got, tt.want)
		}
		switch {
		case tt.warn == "" && len(warnings) > 0:
			t.Errorf("explicitPath(%q) warns %q", tt.in, warnings)
		case tt.warn != "" && (len(warnings) != 1 || !strings.Contains(warnings[0], tt.warn)):
			t.Errorf("explicitPath(%q) warnings = %q; want one containing %q", tt.in, warnings, tt.warn)
		}
	}
}

// hostile are slugs and paths written to escape the site.
var hostile = []string{
	"../../../etc/passwd", "..", ".", "/", "//evil.example/x", `\\evil\share`, `..\..\windows`,
	"/etc/passwd", "a\x00b", "\x00", "%2e%2e/%2e%2e/x", "%2F%2Fevil", "..%2F..%2Fx", "%00", "a b c",
	"https://evil.example/", "javascript:alert(1)", "日本/../語", "\u202e.txt", "x?y#z", "\r\n..\r\n",
	"~/.ssh", "C:\\Windows", "..;/x", "%252e%252e", "....//....//x",
}

// checkUnderBase fails when u is not a clean URL inside base's path.
func checkUnderBase(t *testing.T, what, in, base, u string) {
	t.Helper()
	if !strings.HasPrefix(u, base) {
		t.Fatalf("%s %q gives %q, outside %q", what, in, u, base)
	}
	parsed, err := url.Parse(u)
	if err != nil {
		t.Fatalf("%s %q gives %q, which does not parse: %v", what, in, u, err)
	}
	b, _ := url.Parse(base)
	if parsed.Host != b.Host || parsed.RawQuery != "" || parsed.Fragment != "" {
		t.Fatalf("%s %q gives %q: host, query or fragment changed", what, in, u)
	}
	for _, seg := range strings.Split(strings.TrimPrefix(u, base), "/") {
		dec, err := url.PathUnescape(seg)
		if err != nil || dec == "." || dec == ".." || strings.ContainsAny(dec, `/\`) {
			t.Fatalf("%s %q gives %q with segment %q", what, in, u, seg)
		}
	}
	for _, r := range u {
		if r <= ' ' || r >= 0x7f {
			t.Fatalf("%s %q gives %q with unescaped %q", what, in, u, r)
		}
	}
}

func TestHostilePermalinks(t *testing.T) {
	const base = "https://example.org/blog/"
	date := time.Date(2021, 4, 7, 0, 0, 0, 0, time.UTC)
	for _, in := range hostile {
		s := cleanSlug(in)
		u := joinBase(base, expandPermalink("/:section/:year/:slug/:filename", permalinkVars{date: date, slug: s, filename: s, section: s}))
		checkUnderBase(t, "slug", in, base, u)
		rel, _ := explicitPath(in, base)
		checkUnderBase(t, "path", in, base, joinBase(base, rel))
	}
}

// FuzzPermalink checks that no slug or path escapes the base URL.
func FuzzPermalink(f *testing.F) {
	for _, s := range hostile {
		f.Add(s, "/:year/:slug/")
	}
	f.Add("ok", "/../:section/%2e%2e/:filename")
	date := time.Date(2021, 4, 7, 0, 0, 0, 0, time.UTC)
	const base = "https://example.org/blog/"
	f.Fuzz(func(t *testing.T, in, pattern string) {
		s := cleanSlug(in)
		rel := expandPermalink(pattern, permalinkVars{date: date, slug: s, filename: s, section: s})
		if strings.HasPrefix(rel, "/") {
			t.Fatalf("pattern %q gives absolute path %q", pattern, rel)
		}
		for _, seg := range strings.Split(rel, "/") {
			if seg == "." || seg == ".." {
				t.Fatalf("pattern %q with slug %q gives %q", pattern, in, rel)
			}
		}
		if !strings.Contains(pattern, "%") { // a literal escape in the pattern is the site's own choice
			checkUnderBase(t, "slug", in, base, joinBase(base, rel))
		}
		p, _ := explicitPath(in, base)
		checkUnderBase(t, "path", in, base, joinBase(base, p))
	})
}
