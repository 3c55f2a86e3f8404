package posts

import (
	"fmt"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/sessionfeed/sessionfeed/posts/inputs"
	"github.com/sessionfeed/sessionfeed/posts/timeexpr"
)

// A Generator is what a static site generator decides about a site's
// posts: which files are posts, each post's date, slug and permalink,
// whether it is published (drafts, future posts) and the order posts come
// in. Load asks it and never branches on the generator, so that a feed's
// ids and links are the permalinks the site itself publishes.
//
// There is one implementation per generator (hugo.go, jekyll.go, zola.go),
// each built from the site's own configuration by ReadSiteConfig, and
// sessionfeed's own (Own), which follows sessionfeed.toml.
type Generator interface {
	// Name is the generator's name: "hugo", "jekyll", "zola", "sessionfeed".
	Name() string

	// Skip tells whether a folder, or a file, below the content folder
	// holds no post and is not to be read. rel is slash-separated and
	// relative to the site's root.
	Skip(rel string, dir bool) bool

	// Format tells whether a file of this name can be a post, and how its
	// body is written: "markdown", "html" (Jekyll's .html posts), or ""
	// for a file that is no post.
	Format(name string) string

	// SpaceSeparated tells whether tags or categories written as one
	// text in the post at source are a space-separated list ("a b" is two
	// tags, as Jekyll reads them) rather than one.
	SpaceSeparated(source string) bool

	// Date is the post's publication date; the zero time, without an
	// error, for a page the generator does not date and so publishes in
	// no feed (a Zola page without a date, a Jekyll file without one in
	// its name).
	Date(pg *Page) (time.Time, error)

	// Published tells whether a post dated date is published at now:
	// drafts and future posts are not (unless the site builds them).
	Published(pg *Page, date time.Time, now *inputs.Clock) bool

	// Permalink is the post's slug and its path relative to the base URL
	// (no leading "/"). What had to be changed to make it is said through
	// the page's warnings.
	Permalink(pg *Page, date time.Time) (slug, urlPath string)

	// Compare orders two posts as the generator lists them. Load orders
	// posts newest first, and asks Compare only about posts of the same
	// instant.
	Compare(a, b *Page) int
}

// Page is a post as a Generator sees it: where its file is, and what its
// front matter says.
type Page struct {
	Source string // slash-separated path relative to the site root
	Dir    string // folder below the content folder, "" or ending in "/"
	Name   string // file name without extension, or the bundle folder's name
	Bundle bool   // an index.md in a folder of its own

	// Filled in by Load as it goes.
	Date time.Time // the publication date Generator.Date gave
	URL  string    // the absolute permalink
	Post *Post

	genSlug string // a slug the generator's reading of the date gave (Hugo's :filename)

	fm    frontMatter
	m     map[string]any
	md    meta
	site  *Site
	loc   *time.Location
	zone  *timeexpr.Zones
	diags []Diagnostic
}

// warn reports a problem with the front matter's key (at its line; "" for
// the whole file) that did not stop the post.
func (pg *Page) warn(key, format string, args ...any) {
	line := 0
	if key != "" {
		line = pg.line(key)
	}
	pg.diags = append(pg.diags, Diagnostic{Line: line, Severity: Warning, Message: fmt.Sprintf(format, args...)})
}

// Param finds the first of names in the front matter, ignoring case as
// Hugo does; key is the name as written.
func (pg *Page) Param(names ...string) (v any, key string, ok bool) {
	return lookup(pg.m, names...)
}

// Title is the front matter's title, "" when it has none.
func (pg *Page) Title() string { return pg.md.title }

// Slug is the front matter's slug, "" when it has none.
func (pg *Page) Slug() string { return pg.md.slug }

// Draft tells whether the front matter marks the post a draft (draft:
// true, or Jekyll's published: false).
func (pg *Page) Draft() bool { return pg.md.draft }

// line is the file line of key in the front matter.
func (pg *Page) line(key string) int { return pg.fm.keyLine(key) }

// parseDate reads a front matter date value in the site's zone.
func (pg *Page) parseDate(v any, loc *time.Location) (time.Time, error) {
	if loc == nil {
		loc = pg.loc
	}
	return parseDate(v, loc, pg.zone)
}

// frontMatterDate reads the first of keys the front matter has as a date;
// ok is false when it has none of them.
func (pg *Page) frontMatterDate(loc *time.Location, keys ...string) (t time.Time, ok bool, err error) {
	v, key, found := pg.Param(keys...)
	if !found || v == nil || v == "" {
		return time.Time{}, false, nil
	}
	t, err = pg.parseDate(v, loc)
	if err != nil {
		return time.Time{}, true, &lineError{pg.line(key), key + ": " + err.Error()}
	}
	return t, true, nil
}

// explicitPath is the first of keys the front matter has (url, path,
// permalink), as a path relative to the base URL.
func (pg *Page) explicitPath(keys ...string) (string, bool) {
	v, key, ok := pg.Param(keys...)
	if !ok {
		return "", false
	}
	s, ok := asText(v)
	if !ok || s == "" {
		return "", false
	}
	p, warnings := explicitPath(s, pg.site.BaseURL)
	for _, w := range warnings {
		pg.warn(key, "%s: %s", key, w)
	}
	return p, true
}

// noDate is the error of a post that has no date anywhere.
func noDate(prefixErr error) error {
	msg := "no date: add date to the front matter, or start the file name with YYYY-MM-DD-"
	if prefixErr != nil {
		msg += " (the file name's date: " + prefixErr.Error() + ")"
	}
	return fmt.Errorf("%s", msg)
}

// Own is sessionfeed's own reading of a site, as sessionfeed.toml
// describes it: the front matter's date, else the file name's
// YYYY-MM-DD- prefix, else a date in an explicit path; the front matter's
// slug, else the file name's; the permalink pattern (see expandPermalink);
// newest first, ties by file.
type Own struct {
	Pattern string // the permalink pattern; "" means DefaultPermalink
}

func (Own) Name() string { return "sessionfeed" }

func (Own) Skip(rel string, dir bool) bool { return false }

func (Own) Format(name string) string { return markdownFormat(name) }

// markdownFormat is "markdown" for .md and .markdown files, else "".
func markdownFormat(name string) string {
	if isMarkdown(name) {
		return "markdown"
	}
	return ""
}

// SpaceSeparated reads the lists of posts in a _posts folder as Jekyll does.
func (Own) SpaceSeparated(source string) bool { return isJekyll(source) }

func (Own) Date(pg *Page) (time.Time, error) {
	if t, ok, err := pg.frontMatterDate(nil, "date", "publishdate", "pubdate"); ok || err != nil {
		return t, err
	}
	d, _, hasPrefix, prefixErr := splitDatePrefix(pg.Name, pg.loc)
	if hasPrefix && prefixErr == nil {
		return d, nil
	}
	if d, ok := dateFromPath(pg.md.path, pg.loc); ok {
		return d, nil
	}
	return time.Time{}, noDate(prefixErr)
}

func (Own) Published(pg *Page, date time.Time, now *inputs.Clock) bool {
	return !pg.Draft() && (pg.site.IncludeFuture || !now.Before(date))
}

func (o Own) Permalink(pg *Page, date time.Time) (string, string) {
	slug := ownSlug(pg)
	if p, ok := pg.explicitPath("url", "path", "permalink"); ok {
		return slug, p
	}
	section := path.Base(pg.site.contentRel)
	if section == "." || section == "/" {
		section = filepath.Base(filepath.Join(pg.site.Dir, pg.site.contentRel))
	}
	if first, _, ok := strings.Cut(pg.Dir, "/"); ok && first != "" {
		section = first
	}
	return slug, expandPermalink(o.Pattern, permalinkVars{
		date: date, slug: slug, filename: cleanSlug(pg.Name), section: cleanSlug(section),
	})
}

// ownSlug is the front matter's slug, else the file name's after its date.
func ownSlug(pg *Page) string {
	_, nameSlug, _, _ := splitDatePrefix(pg.Name, pg.loc)
	if nameSlug == "" {
		nameSlug = pg.Name // "2021-04-07.md"
	}
	slug := cleanSlug(nameSlug)
	if md := pg.md; md.slug != "" {
		s := cleanSlug(md.slug)
		switch {
		case s == "":
			pg.warn("slug", "slug %s has nothing usable in a URL; using %s", short(md.slug), short(slug))
		case strings.ContainsAny(md.slug, `/\`):
			pg.warn("slug", "slug %s holds path separators; read as %s", short(md.slug), short(s))
			slug = s
		default:
			slug = s
		}
	}
	if slug == "" {
		slug = "post" // a file named "-.md": nothing else to go by
	}
	return slug
}

func (Own) Compare(a, b *Page) int {
	if c := b.Date.Compare(a.Date); c != 0 {
		return c
	}
	return strings.Compare(a.Source, b.Source)
}

// WithPermalink is g with its permalinks replaced by sessionfeed's pattern
// (see expandPermalink): what a sessionfeed.toml that sets permalink asks
// of a generator's site. Dates, publication and order stay g's.
func WithPermalink(g Generator, pattern string) Generator {
	return ownPermalinks{g, Own{Pattern: pattern}}
}

type ownPermalinks struct {
	Generator
	own Own
}

func (o ownPermalinks) Permalink(pg *Page, date time.Time) (string, string) {
	return o.own.Permalink(pg, date)
}

// EveryFile is g taking every file below the content folder for a post,
// where g would leave some out (Hugo's pages outside the main sections):
// what a sessionfeed.toml that names the content folder asks.
func EveryFile(g Generator) Generator { return everyFile{g} }

type everyFile struct{ Generator }

func (everyFile) Skip(rel string, dir bool) bool { return false }
