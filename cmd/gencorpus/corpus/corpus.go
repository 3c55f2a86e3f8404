// Package corpus writes realistic, deterministic blog sites for measuring
// sessionfeed on big inputs and for checking it end to end.
//
// Generate writes a sessionfeed.toml and Options.Posts posts in the layout
// of one static site generator (Options.Style):
//
//   - Hugo: YAML front matter, content/posts/YYYY-MM-DD-slug.md and some
//     page bundles (YYYY-MM-DD-slug/index.md beside an image), the date in
//     the file name and in some posts also in front matter, tags,
//     categories and authors lists, a few slug and url overrides.
//   - Zola: TOML front matter, content/blog/slug.md, with path =
//     "blog/YYYY/MM/DD/slug" and no date key in some posts, a date and no
//     path in others, tags and categories under [taxonomies].
//   - Jekyll: _posts/YYYY-MM-DD-slug.md with date: 2021-04-07 10:00:00 -0500
//     and tags written as one space-separated string in some posts.
//
// Bodies are paragraphs of prose with links (relative, absolute and
// {{ site.baseurl }} placeholders), headings, code blocks and images. About
// a third of the posts announce sessions in one of the forms a person
// writes them: a When/Who/Topic table with converter links, a Date column
// beside a Time column whose header names the zone, a list of "March 23rd at
// noon ET: topic" items, a table of dates whose hours the prose states once,
// or a sessions array in the front matter. Sessions fall in several zones,
// written as region abbreviations, seasonal ones chosen for the day (EST or
// EDT), IANA names and zone names, and a quarter of the schedules are put in
// a zone whose clocks change while they run. Other posts hold tables and
// lists that are not schedules: feature comparisons, benchmark results,
// release histories, month timelines, and a schedule shown inside a code
// block.
//
// The knobs are the style, the number of posts (spread over up to ten
// years ending in 2025, a few a day on big sites) and the seed: the same
// options give the same bytes. The Site that Generate returns says what a
// correct reader finds there: every post's permalink and every session's
// instants.
package corpus

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"
)

// Style is the static site generator whose layout a site follows.
type Style string

const (
	Hugo   Style = "hugo"
	Zola   Style = "zola"
	Jekyll Style = "jekyll"
)

// Options say what to generate.
type Options struct {
	Style Style
	Posts int    // number of posts
	Seed  uint64 // the same seed gives the same site
}

// DefaultDuration is the length of a session whose end is not written; the
// generated sessionfeed.toml sets it.
const DefaultDuration = time.Hour

// lastDay is the day after the newest post: posts are spread over the
// years before it, so that none is in the future when the site is built.
var lastDay = time.Date(2025, 12, 1, 0, 0, 0, 0, time.UTC)

// Site is what Generate wrote.
type Site struct {
	Style   Style
	BaseURL string
	Posts   []Post // in the order written, oldest first
}

// Post is one generated post.
type Post struct {
	Source   string // the file, relative to the site root, slash-separated
	Title    string
	URL      string    // the permalink a correct reader gives it
	Date     time.Time // the publication date as the reader gets it
	Schedule string    // how its sessions are written (see the Form constants); "" for none
	Sessions []Session `json:",omitempty"`
}

// How a post's sessions are written.
const (
	FormTable       = "table"        // When | Who | Topic, converter links in the When cell
	FormDateTime    = "date-time"    // Date | Time (ZONE) | Speaker | Talk
	FormList        = "list"         // "- March 23rd at noon ET: topic"
	FormProseHours  = "prose-hours"  // a table of dates; the hours stated once in prose
	FormFrontMatter = "front-matter" // a sessions array in the front matter
)

// Session is one session a post announces.
type Session struct {
	Start time.Time // in the session's zone
	End   time.Time
	Topic string
	Host  string `json:",omitempty"`
}

// SessionCount is the number of sessions of all posts.
func (s *Site) SessionCount() int {
	n := 0
	for _, p := range s.Posts {
		n += len(p.Sessions)
	}
	return n
}

// Generate writes a site into dir (created if needed; existing files with
// the same names are overwritten) and returns what it wrote.
func Generate(dir string, opt Options) (*Site, error) {
	st, ok := styles[opt.Style]
	if !ok {
		return nil, fmt.Errorf("corpus: unknown style %q (hugo, zola or jekyll)", opt.Style)
	}
	if opt.Posts < 0 {
		return nil, errors.New("corpus: negative number of posts")
	}
	g := &generator{
		r:     rand.New(rand.NewPCG(opt.Seed, 0x5e55_10f_eed)),
		style: st,
		loc:   mustLoad(st.timezone),
		zones: zoneTable(st),
		slugs: make(map[string]bool),
	}
	site := &Site{Style: opt.Style, BaseURL: st.baseURL}
	if err := writeFile(dir, "sessionfeed.toml", []byte(st.config())); err != nil {
		return nil, err
	}
	if st.sectionPage != "" {
		if err := writeFile(dir, st.sectionPage, []byte(st.sectionPageText)); err != nil {
			return nil, err
		}
	}
	span := min(max(opt.Posts*3, 60), 3650) // days
	first := lastDay.AddDate(0, 0, -span)
	for i := range opt.Posts {
		day := first.AddDate(0, 0, i*span/max(opt.Posts, 1))
		p, files := g.post(day)
		for _, f := range files {
			if err := writeFile(dir, f.name, f.data); err != nil {
				return nil, err
			}
		}
		site.Posts = append(site.Posts, p)
	}
	return site, nil
}

type file struct {
	name string // slash-separated, relative to the site root
	data []byte
}

func writeFile(dir, name string, data []byte) error {
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return os.WriteFile(p, data, 0o644)
}

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(fmt.Sprintf("corpus: zone %s: %v", name, err))
	}
	return loc
}

// style is what differs between the three generators' sites.
type style struct {
	name      Style
	title     string
	baseURL   string
	content   string // content folder; "" leaves it to sessionfeed's default
	permalink string
	timezone  string
	zones     string // the config's [zones] table, "" for none

	sectionPage, sectionPageText string // a list page that is not a post
}

var styles = map[Style]*style{
	Hugo: {
		name: Hugo, title: "Compiler Notes", baseURL: "https://hugo.example.org/",
		content: "content/posts", permalink: "/posts/:year/:month/:day/:slug/", timezone: "America/New_York",
		sectionPage: "content/posts/_index.md", sectionPageText: "---\ntitle: Posts\n---\n\nEvery post, newest first.\n",
	},
	Zola: {
		name: Zola, title: "Working Group Log", baseURL: "https://zola.example.org/",
		content: "content/blog", permalink: "/blog/:year/:month/:day/:slug/", timezone: "Europe/Berlin",
		zones:       "HQ = \"Europe/Amsterdam\"\n",
		sectionPage: "content/blog/_index.md", sectionPageText: "+++\ntitle = \"Blog\"\nsort_by = \"date\"\n+++\n",
	},
	Jekyll: {
		name: Jekyll, title: "Office Hours", baseURL: "https://jekyll.example.org/blog/",
		permalink: "/:year/:month/:day/:slug.html", timezone: "America/Chicago",
	},
}

// config is the site's sessionfeed.toml, written with the keys README.md
// documents.
func (st *style) config() string {
	var b strings.Builder
	fmt.Fprintf(&b, "# A generated %s-style site (cmd/gencorpus).\n", st.name)
	fmt.Fprintf(&b, "title = %s\n", quote(st.title))
	fmt.Fprintf(&b, "subtitle = %s\n", quote("Notes and session schedules of the "+strings.ToLower(st.title)+" team"))
	fmt.Fprintf(&b, "base_url = %s\n", quote(st.baseURL))
	b.WriteString("language = \"en\"\n")
	if st.content != "" {
		fmt.Fprintf(&b, "content = %s\n", quote(st.content))
	}
	fmt.Fprintf(&b, "permalink = %s\n", quote(st.permalink))
	fmt.Fprintf(&b, "timezone = %s\n", quote(st.timezone))
	b.WriteString("output = \"public\"\n\n")
	b.WriteString("[author]\nname = \"Jane Doe\"\nemail = \"jane@example.org\"\n\n")
	b.WriteString("[feed]\npath = \"atom.xml\"\nlimit = 20\n\n")
	fmt.Fprintf(&b, "[calendar]\npath = \"calendar.ics\"\nsessions_dir = \"sessions\"\ndefault_duration = %q\nrefresh = \"6h\"\nkeep_cancelled = \"30d\"\n",
		shortDuration(DefaultDuration))
	if st.zones != "" {
		b.WriteString("\n[zones]\n" + st.zones)
	}
	return b.String()
}

// quote writes s as a TOML basic string or a YAML double-quoted scalar: the
// generated text holds no control characters, so both escape alike.
func quote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

// generator is the state of one Generate.
type generator struct {
	r     *rand.Rand
	style *style
	loc   *time.Location  // the site's zone
	zones []*zoneNames    // the zones sessions are scheduled in
	slugs map[string]bool // slugs taken, so that no two posts share a permalink
}

func (g *generator) chance(p float64) bool { return g.r.Float64() < p }
func (g *generator) intn(n int) int        { return g.r.IntN(n) }
func (g *generator) between(lo, hi int) int {
	return lo + g.r.IntN(hi-lo+1)
}

func pick[T any](g *generator, xs []T) T { return xs[g.r.IntN(len(xs))] }

// uniqueSlug returns slug, or slug-2, slug-3, … when taken.
func (g *generator) uniqueSlug(slug string) string {
	s := slug
	for n := 2; g.slugs[s]; n++ {
		s = fmt.Sprintf("%s-%d", slug, n)
	}
	g.slugs[s] = true
	return s
}

// post generates one post published on day (a UTC midnight naming the
// calendar day) and returns it with the files that make it.
func (g *generator) post(day time.Time) (Post, []file) {
	published := time.Date(day.Year(), day.Month(), day.Day(), g.between(8, 17), 15*g.intn(4), 0, 0, g.loc)
	title := g.title()
	slug := g.uniqueSlug(slugify(title))
	d := &draft{published: published, title: title, slug: slug, urlSlug: slug}

	// What the front matter says, style by style; this decides the date
	// the reader sees (a date from a file name is midnight in the site's
	// zone) and the permalink.
	prefix := published.Format("2006-01-02")
	switch g.style.name {
	case Hugo:
		d.dateInFM = g.chance(0.6)
		d.bundle = g.chance(0.1)
		switch {
		case g.chance(0.03):
			d.urlPath = "talks/" + slug + "/"
		case g.chance(0.05):
			d.urlSlug = g.uniqueSlug(slug + "-notes")
			d.fmSlug = d.urlSlug
		}
		d.source = g.style.content + "/" + prefix + "-" + slug
	case Zola:
		switch g.intn(3) {
		case 0: // path only: the date comes from it
			d.urlPath = "blog/" + published.Format("2006/01/02") + "/" + slug
		case 1:
			d.dateInFM, d.urlPath = true, "blog/"+published.Format("2006/01/02")+"/"+slug
		default:
			d.dateInFM = true
		}
		d.bundle = g.chance(0.1)
		d.source = g.style.content + "/" + slug
	case Jekyll:
		d.dateInFM = g.chance(0.8)
		d.source = "_posts/" + prefix + "-" + slug
	}
	if d.bundle {
		d.source += "/index.md"
	} else {
		d.source += ".md"
	}
	d.date = published
	if !d.dateInFM {
		d.date = time.Date(published.Year(), published.Month(), published.Day(), 0, 0, 0, 0, g.loc)
	}

	d.form = g.scheduleForm()
	g.sessions(d)
	files := []file{{d.source, g.render(d)}}
	if d.bundle {
		dir := path.Dir(d.source)
		files = append(files, file{dir + "/cover.png", fakePNG(d.slug)})
		if g.chance(0.3) {
			// A bundle's other Markdown files are its resources, not posts.
			files = append(files, file{dir + "/notes.md", []byte("Raw notes kept with the post.\n\n- March 1st at 9am: not a session\n")})
		}
	}

	url := g.style.baseURL
	if d.urlPath != "" {
		url += strings.TrimSuffix(d.urlPath, "/") + "/"
	} else {
		url += permalinkPath(g.style.permalink, d.date, d.urlSlug)
	}
	return Post{Source: d.source, Title: title, URL: url, Date: d.date, Schedule: d.form, Sessions: d.sessions}, files
}

// permalinkPath expands the tokens the generated configs use.
func permalinkPath(pattern string, date time.Time, slug string) string {
	return strings.TrimPrefix(strings.NewReplacer(
		":year", date.Format("2006"), ":month", date.Format("01"), ":day", date.Format("02"), ":slug", slug,
	).Replace(pattern), "/")
}

// draft is a post being generated.
type draft struct {
	source    string
	published time.Time // the publication instant, in the site's zone
	date      time.Time // what the reader takes as the post's date
	dateInFM  bool      // front matter carries the date (else the file name or path does)
	title     string
	slug      string // in the file name
	fmSlug    string // a slug key in the front matter, "" for none
	urlSlug   string // the slug in the permalink
	urlPath   string // an explicit url/path key, "" for none
	bundle    bool

	form     string
	zone     *zoneNames
	sessions []Session
	written  []writtenSession // the sessions as the body or front matter write them
}

// fakePNG is a few bytes that start like a PNG: page bundles carry images,
// and the reader must leave them alone.
func fakePNG(seed string) []byte {
	return append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), seed...)
}

// slugify makes a file-name slug of a title: lower-case ASCII letters and
// digits, separated by single dashes.
func slugify(title string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(title) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
	}
	if b.Len() == 0 {
		return "post"
	}
	return b.String()
}
