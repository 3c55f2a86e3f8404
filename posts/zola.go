package posts

import (
	"fmt"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"time"
	"unicode"

	"github.com/sessionfeed/sessionfeed/posts/inputs"
	"golang.org/x/text/unicode/norm"
)

// Zola, as Zola 0.19–0.22's sources publish a site (Zola is not packaged
// for Debian; the rules are read in components/content/src/{page,
// file_info,sorting}.rs, components/site/src/feeds.rs and
// utils/src/slugs.rs, and tested against them in zola_test.go):
//
//   - Configuration: config.toml (base_url, title, description,
//     default_language, author, feed_limit, [slugify] paths and
//     paths_keep_dates, ignored_content).
//   - Posts are the site-wide feed's: every dated page of content/, in
//     every section; drafts are left out, future posts are not.
//   - Date: the front matter's (a time without offset, and a bare date,
//     are UTC), else the file name's (or bundle folder's) date prefix,
//     else, for sites whose templates read it there, the YYYY/MM/DD of
//     the page's path, at midnight UTC.
//   - Permalink: base_url + the front matter's path as written, with "/"
//     before and after; else the folders below content/ as written + the
//     slug (front matter slug, else the name after its date prefix,
//     slugified by [slugify] paths) + "/".
//   - Order: date descending, ties by permalink ascending (descending in a
//     section sorted by permalink, whose templates reverse it).

func init() {
	registerGenerator(generatorKind{name: "Zola", files: []string{"config.toml"}, detect: detectZola, read: readZola})
}

func detectZola(dir string) (string, int) {
	if !exists(dir, "config.toml") {
		return "", 0
	}
	if f, err := readConfigFile(dir, "config.toml"); err == nil {
		if _, _, ok := lookup(f.m, "base_url"); ok {
			return "config.toml", 2
		}
	}
	if isDir(dir, "templates") {
		return "config.toml", 1
	}
	return "", 0
}

func readZola(dir, file string) (*SiteConfig, error) {
	f, err := readConfigFile(dir, file)
	if err != nil {
		return nil, err
	}
	cs := configSet{f}
	c := &SiteConfig{Generator: "zola", File: file, Content: "content"}
	r := &zolaRules{slugify: "on"}
	for _, t := range []struct {
		key    string
		dst    *string
		dotted []string
	}{
		{"base_url", &c.BaseURL, []string{"base_url"}},
		{"title", &c.Title, []string{"title"}},
		{"subtitle", &c.Subtitle, []string{"description"}},
		{"language", &c.Language, []string{"default_language"}},
	} {
		if err := c.takeText(cs, t.key, t.dst, t.dotted...); err != nil {
			return nil, err
		}
	}
	c.URLKey = cs.fileOf("base_url").name + ": base_url"
	if c.Language == "" {
		c.Language = "en" // Zola's default_language
	}
	r.baseURL = c.BaseURL
	for _, k := range []string{"author", "extra.author"} {
		a, _, err := cs.person(k)
		if err != nil {
			return nil, err
		}
		if a.Name != "" {
			c.Author = a
			c.set("author.name", cs, k)
			break
		}
	}
	if s, key, err := cs.text("slugify.paths"); err != nil {
		return nil, err
	} else if s != "" {
		switch s {
		case "on", "safe", "off":
			r.slugify = s
		default:
			return nil, configError(f.name, f.line(key), key, "unknown strategy %q: Zola knows \"on\", \"safe\" and \"off\"", s)
		}
	}
	if b, _, err := cs.boolean("slugify.paths_keep_dates"); err != nil {
		return nil, err
	} else {
		r.keepDates = b
	}
	if n, _, ok, err := cs.integer("feed_limit"); err != nil {
		return nil, err
	} else if ok && n > 0 {
		c.FeedLimit = n
		c.set("feed.limit", cs, "feed_limit")
	}
	if globs, _, err := cs.textList("ignored_content"); err != nil {
		return nil, err
	} else {
		r.ignored = globs
	}
	if v, _, _, ok := cs.get("languages"); ok {
		if langs, ok := v.(map[string]any); ok {
			for l := range langs {
				if l != c.Language {
					r.otherLanguages = append(r.otherLanguages, l)
				}
			}
		}
	}
	if len(r.otherLanguages) > 0 {
		c.Notes = append(c.Notes, fmt.Sprintf("pages in %s are left out: they have feeds of their own", strings.Join(r.otherLanguages, ", ")))
	}
	c.Notes = append(c.Notes, "posts are every dated page of content/, as in Zola's site-wide feed")
	c.setText("content", "Zola's content folder")
	r.siteDir, r.sortBy = dir, map[string]string{}
	c.rules = r
	return c, nil
}

// zolaRules is the Generator for a Zola site.
type zolaRules struct {
	baseURL        string
	slugify        string // "on", "safe", "off"
	keepDates      bool
	ignored        []string // globs, relative to content/
	otherLanguages []string
	siteDir        string
	sortBy         map[string]string // section folder → its _index.md's sort_by
}

func (zolaRules) Format(name string) string { return markdownFormat(name) }

func (zolaRules) SpaceSeparated(string) bool { return false }

func (zolaRules) Name() string { return "zola" }

func (r *zolaRules) Skip(rel string, dir bool) bool {
	p := strings.TrimPrefix(rel, "content/")
	for _, g := range r.ignored {
		if ok, _ := path.Match(g, p); ok {
			return true
		}
		if ok, _ := path.Match(g, path.Base(p)); ok {
			return true
		}
	}
	if !dir {
		stem := strings.TrimSuffix(path.Base(p), path.Ext(p))
		for _, l := range r.otherLanguages {
			if strings.HasSuffix(stem, "."+l) {
				return true
			}
		}
	}
	return false
}

// zolaDatePrefix is Zola's RFC3339_DATE: a date, optionally with a time
// and offset, then "_" or "-", then the slug.
var zolaDatePrefix = regexp.MustCompile(`^(?P<datetime>(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])(T([01][0-9]|2[0-3]):([0-5][0-9]):([0-5][0-9]|60)(\.[0-9]+)?(Z|(\+|-)([01][0-9]|2[0-3]):([0-5][0-9])))?)(_|-)(?P<slug>.+$)`)

func (r *zolaRules) Date(pg *Page) (time.Time, error) {
	if t, ok, err := pg.frontMatterDate(time.UTC, "date"); ok || err != nil {
		return t, err
	}
	if m := zolaDatePrefix.FindStringSubmatch(pg.Name); m != nil {
		t, err := parseDate(m[1], time.UTC, nil)
		if err != nil {
			return time.Time{}, fmt.Errorf("the file name's date: %v", err)
		}
		return t, nil
	}
	if p, _, ok := pg.Param("path"); ok {
		if s, ok := p.(string); ok {
			if t, ok := dateFromPath(s, time.UTC); ok {
				return t, nil
			}
		}
	}
	return time.Time{}, nil // undated: not in Zola's feed
}

func (r *zolaRules) Published(pg *Page, date time.Time, now *inputs.Clock) bool {
	return !pg.Draft()
}

// slug is Zola's page slug.
func (r *zolaRules) slug(pg *Page) string {
	if s := pg.Slug(); s != "" {
		return zolaSlugify(s, r.slugify)
	}
	if !r.keepDates {
		if m := zolaDatePrefix.FindStringSubmatch(pg.Name); m != nil {
			return zolaSlugify(m[zolaDatePrefix.SubexpIndex("slug")], r.slugify)
		}
	}
	return zolaSlugify(pg.Name, r.slugify)
}

func (r *zolaRules) Permalink(pg *Page, date time.Time) (string, string) {
	slug := r.slug(pg)
	if v, _, ok := pg.Param("path"); ok {
		if s, ok := asText(v); ok && s != "" {
			return slug, safePath(strings.TrimSpace(s) + "/")
		}
	}
	dir := strings.TrimPrefix(path.Dir(pg.Source), "content")
	if pg.Bundle {
		dir = path.Dir(dir)
	}
	return slug, safePath(path.Join(dir, slug) + "/")
}

// Compare orders as Zola's feed does: date descending, then permalink
// ascending. Pages of a section sorted by permalink come in descending
// permalink order, as its templates list them newest first.
func (r *zolaRules) Compare(a, b *Page) int {
	if c := b.Date.Compare(a.Date); c != 0 {
		return c
	}
	if r.sectionSort(a) == "permalink" && r.sectionSort(b) == "permalink" {
		return strings.Compare(b.URL, a.URL)
	}
	return strings.Compare(a.URL, b.URL)
}

// sectionSort is the sort_by of the section a page belongs to: the
// nearest folder above it with an _index.md.
func (r *zolaRules) sectionSort(pg *Page) string {
	dir := path.Dir(pg.Source)
	if pg.Bundle {
		dir = path.Dir(dir)
	}
	for ; dir != "." && dir != "/" && dir != ""; dir = path.Dir(dir) {
		if sort, ok := r.sortBy[dir]; ok {
			return sort
		}
		data, err := readFile(filepath.Join(r.siteDir, filepath.FromSlash(dir), "_index.md"))
		if err != nil {
			if dir == "content" {
				break
			}
			continue
		}
		sort := ""
		if fm, err := splitFrontMatter(data); err == nil {
			if m, err := fm.decode(); err == nil {
				if v, _, ok := lookup(m, "sort_by"); ok {
					sort, _ = v.(string)
				}
			}
		}
		r.sortBy[dir] = sort
		return sort
	}
	return ""
}

// zolaSlugify is Zola's slugify_paths: "on" is the slug crate's slugify
// (transliterated to ASCII, lower-cased, every run of anything but a-z
// and 0-9 one "-", none at either end), "safe" strips the characters
// file systems refuse, "off" keeps the text as it is.
func zolaSlugify(s, strategy string) string {
	switch strategy {
	case "off":
		return s
	case "safe":
		s = strings.TrimRight(s, " .")
		return strings.Map(func(r rune) rune {
			if strings.ContainsRune(`<>:"/\|?*`, r) {
				return -1
			}
			return r
		}, s)
	}
	var b strings.Builder
	dash := true
	push := func(c byte) {
		switch {
		case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
			b.WriteByte(c)
			dash = false
		case 'A' <= c && c <= 'Z':
			b.WriteByte(c - 'A' + 'a')
			dash = false
		default:
			if !dash {
				b.WriteByte('-')
				dash = true
			}
		}
	}
	for _, r := range s {
		if r < 0x80 {
			push(byte(r))
			continue
		}
		for _, c := range []byte(transliterate(r)) {
			push(c)
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

// transliterations are the letters deunicode spells out that do not
// decompose into an ASCII letter and marks.
var transliterations = map[rune]string{
	'ß': "ss", 'æ': "ae", 'Æ': "AE", 'ø': "o", 'Ø': "O", 'œ': "oe", 'Œ': "OE", 'ł': "l", 'Ł': "L",
	'đ': "d", 'Đ': "D", 'þ': "th", 'Þ': "Th", 'ð': "d", 'Ð': "D", 'ı': "i", '–': "-", '—': "-",
	'‘': "'", '’': "'", '“': "\"", '”': "\"", '…': "...",
}

// transliterate spells r in ASCII, as far as decomposition takes it: "é"
// is "e"; what it cannot spell is "-".
func transliterate(r rune) string {
	if t, ok := transliterations[r]; ok {
		return t
	}
	var out []byte
	for _, d := range norm.NFKD.String(string(r)) {
		switch {
		case d < 0x80:
			out = append(out, byte(d))
		case unicode.Is(unicode.Mn, d):
		default:
			return "-"
		}
	}
	if len(out) == 0 {
		return "-"
	}
	return string(out)
}
