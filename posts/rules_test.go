package posts

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestHugoSanitize(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"Title: With Punctuation & Stuff!", "Title-With-Punctuation-Stuff"},
		{"Ünïcode Title — with Dash", "Ünïcode-Title-with-Dash"},
		{"a - b", "a-b"},
		{"a--b", "a--b"},
		{"  leading and trailing  ", "leading-and-trailing"},
		{"release-2.3.0-beta", "release-2.3.0-beta"},
		{"100% sure", "100-sure"},
		{"%C3%A9t%C3%A9", "%C3%A9t%C3%A9"},
		{"C++ & C#", "C++-C#"},
		{"", ""},
	} {
		if got := hugoSanitize(tt.in); got != tt.want {
			t.Errorf("hugoSanitize(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func TestHugoFilenameDate(t *testing.T) {
	ny, _ := time.LoadLocation("America/New_York")
	for _, tt := range []struct {
		name, slug string
		ok         bool
	}{
		{"2024-05-02-borrowck-notes", "borrowck-notes", true},
		{"2024-05-02_under", "under", true},
		{"2024-05-05-release-2.3.0-beta", "release-2.3", true}, // Hugo takes ".0-beta" for an extension
		{"2024-05-02", "", true},
		{"notes", "", false},
		{"2024-13-02-x", "", false},
	} {
		d, slug, ok := hugoFilenameDate(tt.name, ny)
		if ok != tt.ok || slug != tt.slug {
			t.Errorf("hugoFilenameDate(%q) = %q, %v; want %q, %v", tt.name, slug, ok, tt.slug, tt.ok)
		}
		if ok && (d.Hour() != 0 || d.Location() != ny) {
			t.Errorf("hugoFilenameDate(%q) date %v; want midnight in New York", tt.name, d)
		}
	}
}

func TestJekyllSlugify(t *testing.T) {
	for _, tt := range []struct{ in, pretty, def string }{
		{"plugin-2.0-Released", "plugin-2.0-Released", "plugin-2-0-released"},
		{"Café-Ünïcode", "Café-Ünïcode", "café-ünïcode"},
		{"My Slug", "My-Slug", "my-slug"},
		{"  a//b  ", "a-b", "a-b"},
		{"it's (fine)!", "it's-(fine)!", "it-s-fine"},
		{"--x--", "x", "x"},
	} {
		if got := jekyllSlugify(tt.in, true); got != tt.pretty {
			t.Errorf("pretty slugify(%q) = %q; want %q", tt.in, got, tt.pretty)
		}
		if got := jekyllSlugify(tt.in, false); got != tt.def {
			t.Errorf("slugify(%q) = %q; want %q", tt.in, got, tt.def)
		}
	}
}

func TestRubyTimeParse(t *testing.T) {
	la, _ := time.LoadLocation("America/Los_Angeles")
	for _, tt := range []struct {
		in   string
		want string // RFC 3339, "" when not a date
	}{
		{"2021-06-14 09:05:00 2021 -0700", "2021-06-14T09:05:00-07:00"},
		{"2021-06-14 09:05 -07:00", "2021-06-14T09:05:00-07:00"},
		{"on 2021/06/14 at 9:05", "2021-06-14T09:05:00-07:00"},
		{"2021-06-14 09:05:00 UTC", "2021-06-14T09:05:00Z"},
		{"2021-06-14", "2021-06-14T00:00:00-07:00"},
		{"2021-02-30 10:00", ""},
		{"2021-06-14 25:00", ""},
		{"June 14th", ""},
	} {
		got, ok := rubyTimeParse(tt.in, la)
		switch {
		case ok != (tt.want != ""):
			t.Errorf("rubyTimeParse(%q) = %v, %v; want %q", tt.in, got, ok, tt.want)
		case ok && got.Format(time.RFC3339) != tt.want:
			t.Errorf("rubyTimeParse(%q) = %s; want %s", tt.in, got.Format(time.RFC3339), tt.want)
		}
	}
}

// TestZolaRules checks the Zola generator against the rules in Zola's
// sources (Zola is not packaged, so there is no real build to compare):
// slugify_paths, the file name's date prefix, path, and the feed's order.
func TestZolaRules(t *testing.T) {
	for _, tt := range []struct{ in, strategy, want string }{
		{"Café-Ünïcode", "on", "cafe-unicode"},
		{"2.3.0-beta", "on", "2-3-0-beta"},
		{"Notes, Version 2!", "on", "notes-version-2"},
		{"Straße über Łódź", "on", "strasse-uber-lodz"},
		{"--Leading", "on", "leading"},
		{"日本", "on", ""},
		{`a<b>:"c"/d\e|f?g*h. `, "safe", "abcdefgh"},
		{"Keep Me.As-Is", "off", "Keep Me.As-Is"},
	} {
		if got := zolaSlugify(tt.in, tt.strategy); got != tt.want {
			t.Errorf("zolaSlugify(%q, %s) = %q; want %q", tt.in, tt.strategy, got, tt.want)
		}
	}

	site := func(files map[string]string) ([]*Post, []Diagnostic) {
		dir := writeSite(t, files)
		cfg, err := ReadSiteConfig(dir)
		if err != nil {
			t.Fatal(err)
		}
		ps, diags, err := Load(&Site{Dir: dir, ContentDir: cfg.Content, BaseURL: cfg.BaseURL + "/", Generator: cfg.Rules(),
			Now: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatal(err)
		}
		return ps, diags
	}
	for _, tt := range []struct {
		name   string
		config string
		files  map[string]string
		want   []string // "URL DATE", newest first
	}{
		{"path kept as written, with a trailing slash", "", map[string]string{
			"content/r/a.md": "+++\ntitle = \"A\"\npath = \"/Releases/2024/05/02/2.3.0-beta\"\n+++\n",
			"content/r/b.md": "+++\ntitle = \"B\"\npath = \"releases/2024/05/02/tooling/\"\n+++\n",
		}, []string{
			"https://example.org/Releases/2024/05/02/2.3.0-beta/ 2024-05-02T00:00:00Z",
			"https://example.org/releases/2024/05/02/tooling/ 2024-05-02T00:00:00Z",
		}},
		{"same date: permalink ascending; undated and draft pages left out", "", map[string]string{
			"content/blog/zeta.md":  "+++\ntitle = \"Z\"\ndate = 2024-01-01\n+++\n",
			"content/blog/alpha.md": "+++\ntitle = \"A\"\ndate = 2024-01-01\n+++\n",
			"content/blog/draft.md": "+++\ntitle = \"D\"\ndate = 2024-01-02\ndraft = true\n+++\n",
			"content/about.md":      "+++\ntitle = \"About\"\n+++\n",
		}, []string{
			"https://example.org/blog/alpha/ 2024-01-01T00:00:00Z",
			"https://example.org/blog/zeta/ 2024-01-01T00:00:00Z",
		}},
		{"a section sorted by permalink: same-day pages by permalink, descending", "", map[string]string{
			"content/releases/_index.md": "+++\nsort_by = \"permalink\"\n+++\n",
			"content/releases/a.md":      "+++\ntitle = \"A\"\npath = \"releases/2024/05/02/Release-2.3.0\"\n+++\n",
			"content/releases/b.md":      "+++\ntitle = \"B\"\npath = \"releases/2024/05/02/tooling-update\"\n+++\n",
		}, []string{
			"https://example.org/releases/2024/05/02/tooling-update/ 2024-05-02T00:00:00Z",
			"https://example.org/releases/2024/05/02/Release-2.3.0/ 2024-05-02T00:00:00Z",
		}},
		{"date prefixes, with a time; folders as written", "", map[string]string{
			"content/Blog/2024-01-02T10:00:00Z_first-Post.md": "+++\ntitle = \"F\"\n+++\n",
			"content/Blog/2024-01-01-bundle/index.md":         "+++\ntitle = \"B\"\n+++\n",
		}, []string{
			"https://example.org/Blog/first-post/ 2024-01-02T10:00:00Z",
			"https://example.org/Blog/bundle/ 2024-01-01T00:00:00Z",
		}},
		{"slugify safe, keep dates", "[slugify]\npaths = \"safe\"\npaths_keep_dates = true\n", map[string]string{
			"content/blog/2024-01-01-Hello World.md": "+++\ntitle = \"H\"\n+++\n",
		}, []string{
			"https://example.org/blog/2024-01-01-Hello%20World/ 2024-01-01T00:00:00Z",
		}},
		{"other languages and ignored content left out", "ignored_content = [\"*.draft.md\"]\n[languages.fr]\n", map[string]string{
			"content/blog/a.md":       "+++\ntitle = \"A\"\ndate = 2024-01-01\n+++\n",
			"content/blog/a.fr.md":    "+++\ntitle = \"A\"\ndate = 2024-01-01\n+++\n",
			"content/blog/b.draft.md": "+++\ntitle = \"B\"\ndate = 2024-01-01\n+++\n",
		}, []string{
			"https://example.org/blog/a/ 2024-01-01T00:00:00Z",
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			tt.files["config.toml"] = "base_url = \"https://example.org\"\ntitle = \"Z\"\n" + tt.config
			ps, diags := site(tt.files)
			var got []string
			for _, p := range ps {
				got = append(got, p.URL+" "+p.Date.UTC().Format(time.RFC3339))
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s\ndiagnostics: %v", strings.Join(got, "\n"), strings.Join(tt.want, "\n"), diags)
			}
		})
	}
}

// FuzzRubyTimeParse checks that the lenient reading of Jekyll dates never
// panics and gives only real dates.
func FuzzRubyTimeParse(f *testing.F) {
	for _, s := range []string{"2021-06-14 09:05:00 2021 -0700", "2021/6/1 9:05 UTC", "2021-06-14T09:05:00.123Z", "x 2021-06-14 y 23:59:60 +2359"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := rubyTimeParse(s, time.UTC)
		if !ok {
			return
		}
		if _, off := got.Zone(); off <= -24*3600 || off >= 24*3600 || got.Year() < 0 || got.Year() > 9999 {
			t.Errorf("rubyTimeParse(%q) = %v", s, got)
		}
	})
}

// FuzzGeneratorPermalink gives each generator's rules arbitrary file
// names, slugs, titles and paths: the permalink must stay inside the base
// URL (no "..", no "//" of our making, no control characters) and be valid
// UTF-8.
func FuzzGeneratorPermalink(f *testing.F) {
	f.Add("2024-05-02-release-2.3.0-beta", "Ünïcode ../Title", "../x", "/:year/:slug/", "/a/../../b")
	f.Add("..", "", "", "/:categories/:title:output_ext", "")
	f.Add("%2e%2e", "a/b", "%2F..%2F", "/:sections/:filename/", "//evil.example/x")
	f.Fuzz(func(t *testing.T, name, title, slug, pattern, explicit string) {
		for _, s := range []string{name, title, slug, pattern, explicit} {
			if !utf8.ValidString(s) {
				return
			}
		}
		site := &Site{BaseURL: "https://example.org/blog/", Dir: t.TempDir()}
		rules := []Generator{
			&hugoRules{contentDir: "content", permalinks: map[string]string{"posts": pattern}, lower: true},
			&jekyllRules{permalink: pattern},
			&zolaRules{slugify: "on"},
			Own{Pattern: pattern},
		}
		date := time.Date(2024, 5, 2, 0, 0, 0, 0, time.UTC)
		for _, r := range rules {
			m := map[string]any{"title": title, "slug": slug}
			if explicit != "" {
				m["url"], m["path"], m["permalink"] = explicit, explicit, explicit
			}
			md, _ := readMeta(frontMatter{}, m, false)
			pg := &Page{Source: "content/posts/" + name + ".md", Dir: "", Name: name, m: m, md: md, site: site, loc: time.UTC}
			_, p := r.Permalink(pg, date)
			u := joinBase(site.BaseURL, p)
			if !utf8.ValidString(u) || strings.ContainsAny(u, "\x00\n\r\t ") {
				t.Fatalf("%s: %q is no URL", r.Name(), u)
			}
			for _, seg := range strings.Split(strings.TrimPrefix(p, "/"), "/") {
				if seg == ".." || seg == "." {
					t.Fatalf("%s: %q climbs out of the base URL", r.Name(), u)
				}
			}
		}
	})
}

// TestGeneratorDateLayouts: the less numeric layouts Hugo (Go's cast) and
// Ruby accept in front matter are read, in the zone they name.
func TestGeneratorDateLayouts(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"Mon, 02 Jan 2006 15:04:05 -0700", "2006-01-02T22:04:05Z"},
		{"Mon Jan 02 15:04:05 -0700 2006", "2006-01-02T22:04:05Z"},
		{"Mon Jan  2 15:04:05 UTC 2006", "2006-01-02T15:04:05Z"},
		{"Mon Jan  2 15:04:05 2006", "2006-01-02T15:04:05Z"},
		{"02 Jan 06 15:04 -0700", "2006-01-02T22:04:00Z"},
	} {
		got, _, err := parseDateString(tt.in, time.UTC, nil)
		if err != nil || got.UTC().Format(time.RFC3339) != tt.want {
			t.Errorf("parseDateString(%q) = %v, %v; want %s", tt.in, got, err, tt.want)
		}
	}
	if got, _, err := parseDateString("Mon Jan  2 15:04:05 XST 2006", time.UTC, nil); err == nil {
		t.Errorf("an unknown zone abbreviation was read as %v", got)
	}
}
