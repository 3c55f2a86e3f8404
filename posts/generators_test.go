package posts

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// exampleSites are the generators' example sites under ../testdata.
var exampleSites = []string{"hugo", "jekyll", "zola"}

// loadExample reads an example site's generator configuration and loads
// its posts as of now.
func loadExample(t *testing.T, dir string, now time.Time) (*SiteConfig, []*Post, []Diagnostic) {
	t.Helper()
	cfg, err := ReadSiteConfig(dir)
	if err != nil {
		t.Fatal(err)
	}
	var loc *time.Location
	if cfg.Timezone != "" {
		if loc, err = time.LoadLocation(cfg.Timezone); err != nil {
			t.Fatal(err)
		}
	}
	base := strings.TrimSuffix(cfg.BaseURL, "/") + "/"
	ps, diags, err := Load(&Site{Dir: dir, ContentDir: cfg.Content, BaseURL: base, Location: loc, Now: now, Generator: cfg.Rules()})
	if err != nil {
		t.Fatal(err)
	}
	return cfg, ps, diags
}

// TestExampleSites loads each generator's example site with no
// sessionfeed.toml, and compares the posts with testdata/NAME_site.golden.
func TestExampleSites(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, name := range exampleSites {
		t.Run(name, func(t *testing.T) {
			cfg, ps, diags := loadExample(t, filepath.Join("..", "testdata", name), now)
			if cfg.Generator != name {
				t.Errorf("detected %q, want %q", cfg.Generator, name)
			}
			checkGolden(t, name+"_site.golden", dumpLoad(ps, diags))
		})
	}
}

// generatorPost is a post as the real generator published it.
type generatorPost struct {
	URL  string
	Date time.Time
}

// realSites are the sites TestRealGenerators builds with the real
// generators: the example sites, and variants written here, each of a few
// files, for the rules the example sites do not cover.
var realSites = []struct {
	name      string
	generator string
	files     map[string]string // nil: ../testdata/<generator>
}{
	{name: "hugo example", generator: "hugo"},
	{name: "jekyll example", generator: "jekyll"},
	{name: "hugo yaml, default mainSections, :sections and :title", generator: "hugo", files: map[string]string{
		"config.yaml":                 "baseURL: https://example.org/\ntitle: H\npermalinks:\n  blog: /:sections/:title\n",
		"layouts/index.html":          hugoIndexLayout,
		"content/blog/a.md":           "---\ntitle: \"Ünïcode Title — with Dash\"\ndate: 2024-01-02T10:00:00Z\n---\n",
		"content/blog/2024/b.md":      "---\ntitle: Weighted\ndate: 2024-01-01\nweight: 2\n---\n",
		"content/blog/2024/sub/c.md":  "---\ntitle: Dated by lastmod\nlastmod: 2024-01-05\n---\n",
		"content/blog/deep/_index.md": "---\ntitle: Deep\n---\n",
		"content/blog/deep/d.md":      "---\ntitle: In a subsection\npublishDate: 2024-01-03\n---\n",
		"content/blog/e.md":           "---\ntitle: Expired\ndate: 2024-01-04\nexpiryDate: 2024-02-01\n---\n",
		"content/blog/f.md":           "---\ntitle: own url\ndate: 2024-01-06\nurl: /Some/Where\n---\n",
		"content/blog/g.md":           "---\ntitle: link title\nlinkTitle: AAA\ndate: 2024-01-02T10:00:00Z\n---\n",
		"content/blog/h.md":           "+++\ntitle = \"TOML local\"\ndate = 2024-01-07T08:00:00\n+++\n",
		"content/blog/i.md":           "---\ntitle: Future publishDate\ndate: 2024-01-08\npublishDate: 2099-01-01\n---\n",
		"content/news/n1.md":          "---\ntitle: n1\ndate: 2024-01-01\n---\n",
	}},
	{name: "hugo default paths, disablePathToLower", generator: "hugo", files: map[string]string{
		"hugo.toml":                            "baseURL = 'https://example.org/site/'\ntitle = 'H'\ndisablePathToLower = true\ntimeZone = 'Europe/Berlin'\n[params]\nmainSections = ['posts']\n",
		"layouts/index.html":                   hugoIndexLayout,
		"content/posts/First Post.md":          "---\ntitle: First\ndate: 2024-03-30 23:30:00\n---\n",
		"content/posts/2024/Nested.md":         "---\ntitle: Nested\ndate: 2024-03-31T01:30:00+02:00\n---\n",
		"content/posts/with-slug.md":           "---\ntitle: Slugged\nslug: Rust 2.0 Ships!\ndate: 2024-04-01\n---\n",
		"content/posts/Bundle.Folder/index.md": "---\ntitle: Bundle\ndate: 2024-04-02\n---\n",
		"content/posts/same-b.md":              "---\ntitle: beta\ndate: 2024-04-03T10:00:00+02:00\n---\n",
		"content/posts/same-a.md":              "---\ntitle: Alpha\ndate: 2024-04-03T08:00:00Z\n---\n",
		"content/other/x.md":                   "---\ntitle: not a post\ndate: 2024-04-04\n---\n",
	}},
	{name: "hugo config/_default, two main sections, :filename dates", generator: "hugo", files: map[string]string{
		"config/_default/hugo.toml":         "baseURL = 'https://example.org/'\ntitle = 'H'\n[frontmatter]\ndate = [':filename', ':default']\n",
		"config/_default/params.toml":       "mainSections = ['notes', 'posts']\n",
		"config/_default/permalinks.toml":   "posts = '/:year/:monthname/:slug/'\nnotes = '/n/:filename/'\n",
		"layouts/index.html":                hugoIndexLayout,
		"content/posts/2024-02-01-a-b.md":   "---\ntitle: A B\ndate: 2024-02-05T12:00:00Z\n---\n",
		"content/posts/2024-02-02_under.md": "---\ntitle: Under\n---\n",
		"content/posts/no-date-prefix.md":   "---\ntitle: Fallback\ndate: 2024-02-03\n---\n",
		"content/posts/2024-02-06-file.md":  "---\ntitle: File\nslug: Front Slug\n---\n",
		"content/notes/2024-02-04-Note.md":  "---\ntitle: Note\n---\n",
	}},
	{name: "hugo theme's mainSections", generator: "hugo", files: map[string]string{
		"hugo.toml":                   "baseURL = 'https://example.org/'\ntitle = 'H'\ntheme = 't'\n[permalinks]\narticles = '/:year/:slug/'\n",
		"themes/t/config.toml":        "[params]\nmainSections = ['articles']\n",
		"themes/t/layouts/index.html": hugoIndexLayout,
		"content/articles/a.md":       "---\ntitle: A\ndate: 2024-01-01\n---\n",
		"content/pages/p1.md":         "---\ntitle: P1\ndate: 2024-01-02\n---\n",
		"content/pages/p2.md":         "---\ntitle: P2\ndate: 2024-01-03\n---\n",
	}},
	{name: "jekyll date style, categories, UTC", generator: "jekyll", files: map[string]string{
		"_config.yml":                       "plugins: [jekyll-feed]\ntitle: J\nurl: https://example.org\nfeed:\n  posts_limit: 100\n",
		"_posts/2020-01-01-new-year.md":     "---\ntitle: New year\ncategory: News\n---\n",
		"_posts/2020-01-02-two.markdown":    "---\ntitle: Two\ncategories: [a, b]\ndate: 2020-01-02T23:59:59.5Z\n---\n",
		"blog/_posts/2020-01-03-in-blog.md": "---\ntitle: In blog\ntags: x y\n---\n",
		"_posts/2020-01-04-Slugged.md":      "---\ntitle: Slugged\nslug: Über Slug\n---\n",
		"_posts/2020-01-05-offset.md":       "---\ntitle: Offset\ndate: 2020-01-05 23:00:00 -0500\n---\n",
		"_posts/2020-01-06-own.md":          "---\ntitle: Own\npermalink: /:categories/:title.html\ncategories: c\n---\n",
		"_posts/2020-01-07-unpublished.md":  "---\ntitle: U\npublished: false\n---\n",
		"_posts/not-a-post.md":              "---\ntitle: no date in name\n---\n",
	}},
	{name: "jekyll collections.posts.permalink", generator: "jekyll", files: map[string]string{
		"_config.yml":                      "plugins: [jekyll-feed]\ntitle: J\nurl: https://example.org/\nbaseurl: /b\npermalink: pretty\ntimezone: Asia/Tokyo\ncollections:\n  posts:\n    permalink: /:year/:i_month/:i_day/:slug/\nfuture: true\n",
		"_posts/2020-01-01-Hello.World.md": "---\ntitle: Hello\ndate: 2019-12-31 20:00:00 +0000\n---\n",
		"_posts/2099-01-01-future.md":      "---\ntitle: Future\n---\n",
		"_posts/2020-02-01-b.md":           "---\ntitle: B\n---\n",
		"_posts/2020-02-01-a.md":           "---\ntitle: A\n---\n",
	}},
	{name: "jekyll pattern without slash, dates as written", generator: "jekyll", files: map[string]string{
		"_config.yml":                       "plugins: [jekyll-feed]\ntitle: J\nurl: https://example.org\npermalink: /blog/:year/:title\ntimezone: Europe/Berlin\n",
		"_posts/2020-01-01-quoted.md":       "---\ntitle: Q\ndate: \"2020-01-01 10:00\"\n---\n",
		"_posts/2020-01-02-unquoted.md":     "---\ntitle: U\ndate: 2020-01-02 23:30:00 -05:00\n---\n",
		"_posts/2020-01-03-iso.md":          "---\ntitle: I\ndate: 2020-01-03T00:30:00+01:00\n---\n",
		"_posts/2020-01-04-date-only.md":    "---\ntitle: D\ndate: \"2020-01-05\"\n---\n",
		"_posts/2020-01-06-Mixed Case.md":   "---\ntitle: M\n---\n",
		"_posts/2020-01-07-written-in.html": "---\ntitle: H\n---\n<p>An <a href=\"/x\">HTML</a> post.</p>\n",
	}},
	{name: "jekyll defaults", generator: "jekyll", files: map[string]string{
		"_config.yml":                    "plugins: [jekyll-feed]\ntitle: J\nurl: https://example.org\npermalink: pretty\ndefaults:\n  - scope: {path: \"\", type: posts}\n    values: {permalink: /p/:title/}\n  - scope: {path: news, type: posts}\n    values: {permalink: /news/:slug.html}\n  - scope: {path: old}\n    values: {published: false}\n",
		"_posts/2020-01-01-a.md":         "---\ntitle: A\n---\n",
		"news/_posts/2020-01-02-b.md":    "---\ntitle: B\n---\n",
		"_posts/2020-01-03-own.md":       "---\ntitle: Own\npermalink: /own/\n---\n",
		"old/_posts/2020-01-04-old.md":   "---\ntitle: Old\n---\n",
		"old/_posts/2020-01-05-shown.md": "---\ntitle: Shown\npublished: true\n---\n",
	}},
	{name: "hugo headless and unlisted", generator: "hugo", files: map[string]string{
		"hugo.toml":                "baseURL = 'https://example.org/'\ntitle = 'H'\n",
		"layouts/index.html":       hugoIndexLayout,
		"content/posts/a.md":       "---\ntitle: A\ndate: 2024-01-01\n---\n",
		"content/posts/b.md":       "---\ntitle: B\ndate: 2024-01-02\n_build:\n  list: never\n---\n",
		"content/posts/c/index.md": "---\ntitle: C\ndate: 2024-01-03\nheadless: true\n---\n",
		"content/posts/d.md":       "---\ntitle: D\ndate: 2024-01-04\n---\n",
	}},
	{name: "jekyll ordinal", generator: "jekyll", files: map[string]string{
		"_config.yml":            "plugins: [jekyll-feed]\ntitle: J\nurl: https://example.org\npermalink: ordinal\n",
		"_posts/2020-03-01-x.md": "---\ntitle: X\n---\n",
		"_posts/2020-12-31-y.md": "---\ntitle: Y\ncategories: Cat\n---\n",
	}},
	{name: "jekyll weekdate", generator: "jekyll", files: map[string]string{
		"_config.yml":            "plugins: [jekyll-feed]\ntitle: J\nurl: https://example.org\npermalink: weekdate\n",
		"_posts/2021-01-03-x.md": "---\ntitle: X\n---\n",
		"_posts/2020-12-28-y.md": "---\ntitle: Y\n---\n",
	}},
	{name: "jekyll none", generator: "jekyll", files: map[string]string{
		"_config.yml":            "plugins: [jekyll-feed]\ntitle: J\nurl: https://example.org\npermalink: none\n",
		"_posts/2021-01-03-x.md": "---\ntitle: X\ncategories: [One, Two]\n---\n",
	}},
}

// hugoIndexLayout lists the main sections' pages in Hugo's order.
const hugoIndexLayout = `{{- range where site.RegularPages "Section" "in" site.Params.mainSections -}}
{{ .Permalink }} {{ .Date.Format "2006-01-02T15:04:05Z07:00" }}
{{ end -}}
`

// TestRealGenerators builds each of realSites with the real generator
// (Debian's hugo, or jekyll with ruby-jekyll-feed) and checks that Load
// finds the same posts, with the same permalinks and dates, in the same
// order. Without the generators it is skipped, unless
// SESSIONFEED_REQUIRE_CHECKERS=1 (as CI sets).
func TestRealGenerators(t *testing.T) {
	builds := map[string]func(t *testing.T, site string) []generatorPost{"hugo": buildHugo, "jekyll": buildJekyll}
	installs := map[string]string{"hugo": "apt-get install hugo", "jekyll": "apt-get install jekyll ruby-jekyll-feed"}
	total, matchedAll := 0, 0
	for _, tt := range realSites {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := exec.LookPath(tt.generator); err != nil {
				if os.Getenv("SESSIONFEED_REQUIRE_CHECKERS") == "1" {
					t.Fatalf("%s is required but missing (%v); install it with: %s", tt.generator, err, installs[tt.generator])
				}
				t.Skipf("%s missing (%v); install it with: %s", tt.generator, err, installs[tt.generator])
			}
			var site string
			if tt.files == nil {
				site = copySite(t, filepath.Join("..", "testdata", tt.generator))
			} else {
				site = writeSite(t, tt.files)
			}
			want := builds[tt.generator](t, site)
			// Load lists the generator's posts newest first: Hugo lists
			// weighted pages before the others, and a feed does not.
			slices.SortStableFunc(want, func(a, b generatorPost) int { return b.Date.Compare(a.Date) })
			_, ps, _ := loadExample(t, site, time.Now())
			var got []generatorPost
			for _, p := range ps {
				got = append(got, generatorPost{p.URL, p.Date})
			}
			matched := 0
			for i := range max(len(got), len(want)) {
				var g, w generatorPost
				if i < len(got) {
					g = got[i]
				}
				if i < len(want) {
					w = want[i]
				}
				// The generators' feeds write dates to the second.
				if g.URL != w.URL || !g.Date.Truncate(time.Second).Equal(w.Date) {
					t.Errorf("post %d: got %s %s; %s publishes %s %s", i+1, g.URL, fmtTime(g.Date), tt.generator, w.URL, fmtTime(w.Date))
					continue
				}
				matched++
			}
			total += len(want)
			matchedAll += matched
			t.Logf("%d of %d posts match in permalink, date and order", matched, len(want))
		})
	}
	t.Logf("all sites: %d of %d posts match", matchedAll, total)
}

func fmtTime(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.Format(time.RFC3339)
}

// copySite copies an example site into a temporary folder, for the
// generators to build there without leaving caches behind.
func copySite(t *testing.T, src string) string {
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// buildHugo builds the site; its layouts/index.html lists the main
// sections' pages in Hugo's order, one "permalink date" a line.
func buildHugo(t *testing.T, site string) []generatorPost {
	out := filepath.Join(site, "public")
	cmd := exec.Command("hugo", "--source", site, "--destination", out, "--quiet")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("hugo: %v\n%s", err, b)
	}
	data, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	var ps []generatorPost
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		u, d, ok := strings.Cut(strings.TrimSpace(line), " ")
		if !ok {
			t.Fatalf("hugo's index.html: cannot read %q", line)
		}
		date, err := time.Parse(time.RFC3339, strings.ReplaceAll(d, "&#43;", "+"))
		if err != nil {
			t.Fatalf("hugo's index.html: %v", err)
		}
		ps = append(ps, generatorPost{u, date})
	}
	return ps
}

// buildJekyll builds the site and reads jekyll-feed's feed.xml.
func buildJekyll(t *testing.T, site string) []generatorPost {
	out := filepath.Join(site, "_site")
	cmd := exec.Command("jekyll", "build", "--source", site, "--destination", out, "--quiet", "--disable-disk-cache")
	cmd.Env = append(os.Environ(), "TZ=UTC")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("jekyll: %v\n%s", err, b)
	}
	data, err := os.ReadFile(filepath.Join(out, "feed.xml"))
	if err != nil {
		t.Fatal(err)
	}
	var feed struct {
		Entries []struct {
			Links []struct {
				Href string `xml:"href,attr"`
				Rel  string `xml:"rel,attr"`
			} `xml:"link"`
			Published string `xml:"published"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(data, &feed); err != nil {
		t.Fatalf("jekyll's feed.xml: %v", err)
	}
	var ps []generatorPost
	for _, e := range feed.Entries {
		var p generatorPost
		for _, l := range e.Links {
			if l.Rel == "alternate" {
				p.URL = l.Href
			}
		}
		if p.Date, err = time.Parse(time.RFC3339, e.Published); err != nil {
			t.Fatalf("jekyll's feed.xml: %v", err)
		}
		ps = append(ps, p)
	}
	return ps
}

// TestReadSiteConfigErrors checks that a site sessionfeed cannot read is
// refused with the file, line and key at fault.
func TestReadSiteConfigErrors(t *testing.T) {
	for _, tt := range []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"nothing", map[string]string{"index.md": "# hi\n"}, "no site generator's configuration: no Hugo (hugo.toml|yaml|json, config.toml|yaml|json, config/_default/), Jekyll (_config.yml) or Zola (config.toml) configuration in"},
		{"hugo syntax", map[string]string{"hugo.toml": "baseURL = 'https://example.org/'\ntitle = \n"}, "hugo.toml:2: TOML:"},
		{"hugo ugly", map[string]string{"hugo.toml": "baseURL = 'https://example.org/'\nuglyURLs = true\n"}, "hugo.toml:2: uglyURLs: true is not supported"},
		{"hugo git dates", map[string]string{"hugo.toml": "baseURL = 'https://example.org/'\n[frontmatter]\ndate = [':git']\n"}, `hugo.toml:3: frontmatter.date: ":git" takes dates from Git`},
		{"hugo token", map[string]string{"hugo.toml": "baseURL = 'https://example.org/'\n[permalinks]\nposts = '/:yaer/:slug/'\n"}, `hugo.toml:3: permalinks.posts: unknown token :yaer`},
		{"hugo zone", map[string]string{"config.yaml": "baseURL: https://example.org/\ntimeZone: Mars/Base\n"}, `config.yaml:2: timeZone: unknown time zone "Mars/Base"`},
		{"hugo json", map[string]string{"hugo.json": "{\"baseURL\": \"https://example.org/\",\n\"title\": }"}, "hugo.json:2: JSON:"},
		{"hugo languages", map[string]string{"hugo.toml": "baseURL = 'https://example.org/'\n[languages.en]\nweight = 1\n[languages.fr]\nweight = 2\n"}, "hugo.toml:2: languages: a site in 2 languages"},
		{"hugo default dir", map[string]string{"config/_default/hugo.toml": "baseURL = 'https://example.org/'\n", "config/_default/params.toml": "mainSections = 3\n"}, "config/_default/params.toml:1: params.mainSections: expected text or a list"},
		{"jekyll yaml", map[string]string{"_config.yml": "url: https://example.org\ntitle: [x\n"}, "_config.yml:"},
		{"jekyll placeholder", map[string]string{"_config.yml": "url: https://example.org\npermalink: /:year/:titel/\n"}, "_config.yml:2: permalink: unknown placeholder :titel"},
		{"jekyll future", map[string]string{"_config.yml": "url: https://example.org\nfuture: maybe\n"}, `_config.yml:2: future: expected true or false, found "maybe"`},
		{"zola slugify", map[string]string{"config.toml": "base_url = 'https://example.org'\n[slugify]\npaths = 'sometimes'\n"}, `config.toml:3: slugify.paths: unknown strategy "sometimes"`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeSite(t, tt.files)
			_, err := ReadSiteConfig(dir)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("ReadSiteConfig: %v; want an error with %q", err, tt.want)
			}
			if tt.name == "nothing" && !errors.Is(err, ErrNoGenerator) {
				t.Errorf("error %v is not ErrNoGenerator", err)
			}
		})
	}
}

// TestDetectGenerator checks which generator a site's files name, above
// all the config.toml that Hugo and Zola share.
func TestDetectGenerator(t *testing.T) {
	for _, tt := range []struct {
		name  string
		files map[string]string
		want  string // generator, and the file read
	}{
		{"hugo.toml", map[string]string{"hugo.toml": "baseURL = 'https://example.org/'\n", "config.toml": "base_url = 'x'\n"}, "hugo hugo.toml"},
		{"hugo.yaml", map[string]string{"hugo.yaml": "baseURL: https://example.org/\n"}, "hugo hugo.yaml"},
		{"config/_default", map[string]string{"config/_default/hugo.toml": "baseURL = 'https://example.org/'\n"}, "hugo config/_default/"},
		{"config.toml with baseURL", map[string]string{"config.toml": "baseURL = 'https://example.org/'\n"}, "hugo config.toml"},
		{"config.toml with base_url", map[string]string{"config.toml": "base_url = 'https://example.org'\n"}, "zola config.toml"},
		{"config.toml and layouts", map[string]string{"config.toml": "title = 'x'\n", "layouts/index.html": ""}, "hugo config.toml"},
		{"config.toml and templates", map[string]string{"config.toml": "title = 'x'\nbase_url = 'https://example.org'\n", "templates/index.html": ""}, "zola config.toml"},
		{"config.json", map[string]string{"config.json": `{"baseURL": "https://example.org/"}`}, "hugo config.json"},
		{"_config.yml", map[string]string{"_config.yml": "url: https://example.org\n", "config.toml": "x = 1\n"}, "jekyll _config.yml"},
		{"_posts alone", map[string]string{"_posts/2024-01-01-x.md": "x\n"}, "jekyll _posts/"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := ReadSiteConfig(writeSite(t, tt.files))
			if err != nil {
				t.Fatal(err)
			}
			if got := cfg.Generator + " " + cfg.File; got != tt.want {
				t.Errorf("detected %q; want %q", got, tt.want)
			}
		})
	}
}

// FuzzSiteConfig feeds arbitrary text to each generator's configuration
// reader: it must never panic, an error must name the file, and a
// configuration it accepts must have a base URL and rules.
func FuzzSiteConfig(f *testing.F) {
	for _, seed := range []struct{ file, text string }{
		{"hugo.toml", "baseURL = 'https://example.org/blog/'\ntitle = 'x'\n[permalinks]\nposts = '/:year/:slug/'\n[frontmatter]\ndate = [':filename', ':default']\n"},
		{"hugo.yaml", "baseURL: https://example.org/\nparams:\n  mainSections: [posts]\n  author: {name: A, email: a@example.org}\nservices:\n  rss:\n    limit: 5\n"},
		{"hugo.json", `{"baseURL": "https://example.org/", "timeZone": "Europe/Berlin"}`},
		{"_config.yml", "url: https://example.org\nbaseurl: /blog\npermalink: pretty\ntimezone: America/Los_Angeles\nfeed:\n  posts_limit: 20\n"},
		{"_config.yml", "url: https://example.org\ncollections:\n  posts:\n    permalink: /:categories/:title/\n"},
		{"config.toml", "base_url = 'https://example.org'\nfeed_limit = 10\n[slugify]\npaths = 'safe'\npaths_keep_dates = true\n"},
		{"config.toml", "baseURL = 'https://example.org'\n"},
	} {
		f.Add(seed.file, seed.text)
	}
	f.Fuzz(func(t *testing.T, file, text string) {
		switch file {
		case "hugo.toml", "hugo.yaml", "hugo.json", "_config.yml", "config.toml":
		default:
			return
		}
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, file), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		cfg, err := ReadSiteConfig(dir)
		if err != nil {
			if !errors.Is(err, ErrNoGenerator) && !strings.HasPrefix(err.Error(), file) {
				t.Fatalf("error does not name %s: %v", file, err)
			}
			return
		}
		if cfg.Rules() == nil || cfg.Generator == "" || (cfg.BaseURL == "" && cfg.URLKey == "") {
			t.Fatalf("accepted without rules, or without saying where its URL is set: %+v", cfg)
		}
	})
}

func ExampleReadSiteConfig() {
	cfg, err := ReadSiteConfig("../testdata/zola")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(cfg.Generator, cfg.File, cfg.BaseURL)
	// Output: zola config.toml https://example.org
}
