package posts

import (
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/sessionfeed/sessionfeed/posts/inputs"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// Hugo, as Hugo 0.111 publishes a site (Debian's package; the rules are
// checked against it by TestRealGenerators):
//
//   - Configuration: hugo.toml|yaml|json, config.toml|yaml|json, or the
//     files of config/_default/ (each named after the key it holds, such
//     as params.toml) with config/production/ over them, as `hugo` builds.
//   - Posts are the regular pages of params.mainSections, else of the
//     section with the most pages.
//   - Dates come from [frontmatter] date (":default" is date,
//     publishDate, pubDate, published; ":filename" the file name's
//     YYYY-MM-DD, which also sets the slug), in timeZone when they name
//     none, and keep the offset they are written with.
//   - Permalinks follow [permalinks] per section (:year :month :monthname
//     :day :weekday :weekdayname :yearday :section :sections :title :slug
//     :filename :slugorfilename), else /section/slug-or-file-name/;
//     lower-cased unless disablePathToLower.
//   - Drafts, future posts (by publishDate) and expired posts are left out
//     unless buildDrafts, buildFuture or buildExpired.
//   - Order: weight (0 last), date descending, linkTitle in the site
//     language's collation, then file path.

func init() {
	registerGenerator(generatorKind{name: "Hugo", files: []string{"hugo.toml|yaml|json", "config.toml|yaml|json", "config/_default/"}, detect: detectHugo, read: readHugo})
}

var hugoConfigNames = []string{"hugo.toml", "hugo.yaml", "hugo.json", "config.toml", "config.yaml", "config.json"}

func detectHugo(dir string) (string, int) {
	for _, name := range hugoConfigNames[:3] {
		if exists(dir, name) {
			return name, 3
		}
	}
	if isDir(dir, "config/_default") {
		return "config/_default/", 3
	}
	for _, name := range hugoConfigNames[3:] {
		if !exists(dir, name) {
			continue
		}
		// Zola also reads config.toml: Hugo spells the URL baseURL, and
		// Hugo sites have layouts, themes or archetypes.
		if f, err := readConfigFile(dir, name); err == nil {
			if _, _, ok := lookup(f.m, "baseurl"); ok {
				return name, 2
			}
			if _, _, ok := lookup(f.m, "base_url"); ok {
				return name, 0
			}
		}
		for _, d := range []string{"layouts", "themes", "archetypes", "_vendor"} {
			if isDir(dir, d) {
				return name, 1
			}
		}
	}
	return "", 0
}

// readHugoFiles reads the configuration files in the order Hugo merges
// them.
func readHugoFiles(dir, file string) (configSet, error) {
	if !strings.HasSuffix(file, "/") {
		f, err := readConfigFile(dir, file)
		if err != nil {
			return nil, err
		}
		return configSet{f}, nil
	}
	var cs configSet
	for _, env := range []string{"config/_default/", "config/production/"} {
		entries, err := inputs.ReadDir(filepath.Join(dir, filepath.FromSlash(env)))
		if err != nil {
			continue
		}
		var main, rest configSet
		for _, e := range entries {
			ext := strings.ToLower(path.Ext(e.Name()))
			if e.IsDir() || (ext != ".toml" && ext != ".yaml" && ext != ".yml" && ext != ".json") {
				continue
			}
			f, err := readConfigFile(dir, env+e.Name())
			if err != nil {
				return nil, err
			}
			switch base := strings.ToLower(strings.TrimSuffix(e.Name(), path.Ext(e.Name()))); base {
			case "hugo", "config":
				main = append(main, f)
			default:
				f.prefix = base // params.toml holds [params]
				rest = append(rest, f)
			}
		}
		cs = append(append(cs, main...), rest...)
	}
	return cs, nil
}

// withThemeParams puts the [params] of the site's themes under the
// site's own: Hugo merges a theme's params (a theme may set
// mainSections), not its permalinks or front matter settings.
func withThemeParams(dir string, cs configSet) (configSet, error) {
	themes, _, err := cs.textList("theme")
	if err != nil {
		return nil, err
	}
	var params configSet
	for _, theme := range themes {
		if strings.ContainsAny(theme, `/\`) || theme == ".." {
			continue // a module path; modules are not read
		}
		for _, name := range []string{"hugo.toml", "hugo.yaml", "hugo.json", "config.toml", "config.yaml", "config.json"} {
			rel := "themes/" + theme + "/" + name
			if !exists(dir, rel) {
				continue
			}
			f, err := readConfigFile(dir, rel)
			if err != nil {
				return nil, err
			}
			if p, _, ok := lookup(f.m, "params"); ok {
				if m, ok := p.(map[string]any); ok {
					params = append(params, &configFile{name: rel, text: f.text, m: m, prefix: "params"})
				}
			}
			break
		}
	}
	// The first theme wins over the later ones, the site over all.
	slices.Reverse(params)
	return append(params, cs...), nil
}

func readHugo(dir, file string) (*SiteConfig, error) {
	cs, err := readHugoFiles(dir, file)
	if err != nil {
		return nil, err
	}
	if cs, err = withThemeParams(dir, cs); err != nil {
		return nil, err
	}
	c := &SiteConfig{Generator: "hugo", File: file}
	r := &hugoRules{contentDir: "content", lower: true}

	for _, t := range []struct {
		key    string
		dst    *string
		dotted []string
	}{
		{"base_url", &c.BaseURL, []string{"baseURL"}},
		{"title", &c.Title, []string{"title"}},
		{"subtitle", &c.Subtitle, []string{"params.description", "params.subtitle", "description"}},
		{"language", &c.Language, []string{"languageCode", "defaultContentLanguage"}},
		{"content", &r.contentDir, []string{"contentDir"}},
		{"timezone", &c.Timezone, []string{"timeZone"}},
	} {
		if err := c.takeText(cs, t.key, t.dst, t.dotted...); err != nil {
			return nil, err
		}
	}
	c.URLKey = cs.fileOf("baseURL").name + ": baseURL"
	for _, k := range []string{"params.author", "author"} {
		p, _, err := cs.person(k)
		if err != nil {
			return nil, err
		}
		if p.Name != "" {
			c.Author = p
			c.set("author.name", cs, k)
			if p.Email != "" {
				c.set("author.email", cs, k)
			}
			break
		}
	}
	r.contentDir = path.Clean(strings.Trim(filepath.ToSlash(r.contentDir), "/"))
	c.Content = r.contentDir
	if c.Timezone != "" {
		loc, _, _, err := cs.location("timeZone")
		if err != nil {
			return nil, err
		}
		r.loc = loc
	}

	// Settings that change every URL, which sessionfeed does not follow.
	for _, k := range []string{"uglyURLs", "defaultContentLanguageInSubdir", "canonifyURLs"} {
		if b, _, err := cs.boolean(k); err != nil {
			return nil, err
		} else if b && k != "canonifyURLs" {
			return nil, cs.errorAt(k, "true is not supported: sessionfeed cannot reproduce these URLs (write a sessionfeed.toml with permalink)")
		}
	}
	if v, _, _, ok := cs.get("languages"); ok {
		if langs, ok := v.(map[string]any); ok && len(langs) > 1 {
			return nil, cs.errorAt("languages", "a site in %d languages is not supported; write a sessionfeed.toml for one of them", len(langs))
		}
	}
	if b, _, err := cs.boolean("disablePathToLower"); err != nil {
		return nil, err
	} else {
		r.lower = !b
	}
	for _, s := range []struct {
		key string
		dst *bool
	}{{"buildDrafts", &r.drafts}, {"buildFuture", &r.future}, {"buildExpired", &r.expired}} {
		b, _, err := cs.boolean(s.key)
		if err != nil {
			return nil, err
		}
		*s.dst = b
	}

	for _, k := range []string{"services.rss.limit", "rssLimit"} {
		n, _, ok, err := cs.integer(k)
		if err != nil {
			return nil, err
		}
		if ok {
			if n > 0 {
				c.FeedLimit = n
				c.set("feed.limit", cs, k)
			}
			break
		}
	}

	// [permalinks]: section = pattern.
	r.permalinks = map[string]string{}
	if v, key, f, ok := cs.get("permalinks"); ok {
		t, ok := v.(map[string]any)
		if !ok {
			return nil, configError(f.name, f.line(key), key, "expected a table of section = pattern")
		}
		for section, pv := range t {
			pattern, ok := pv.(string)
			if !ok {
				return nil, configError(f.name, f.line(section), key+"."+section, "expected a pattern such as \"/:year/:month/:slug/\", found %s (Hugo 0.111's [permalinks] has no per-kind tables)", kindOf(pv))
			}
			if tok, ok := unknownToken(pattern, hugoTokens); ok {
				return nil, configError(f.name, f.line(section), key+"."+section, "unknown token :%s in %q", tok, pattern)
			}
			r.permalinks[strings.ToLower(section)] = pattern
		}
	}

	// [frontmatter]: where dates come from.
	r.dateSources = []string{":default"}
	for _, s := range []struct {
		key string
		dst *[]string
		def []string
	}{
		{"frontmatter.date", &r.dateSources, []string{":default"}},
		{"frontmatter.publishDate", &r.publishSources, []string{":default"}},
		{"frontmatter.expiryDate", &r.expirySources, []string{":default"}},
	} {
		l, key, err := cs.textList(s.key)
		if err != nil {
			return nil, err
		}
		if l == nil {
			l = s.def
		}
		for i, src := range l {
			src = strings.ToLower(src)
			l[i] = src
			if src == ":git" {
				_, _, f, _ := cs.get(s.key)
				return nil, configError(f.name, f.line(key), key, "%q takes dates from Git, which sessionfeed does not read (write a sessionfeed.toml, or date the posts)", src)
			}
		}
		*s.dst = l
	}

	// Posts are the pages of the main sections.
	sections, key, err := cs.textList("params.mainSections")
	if err != nil {
		return nil, err
	}
	if len(sections) == 0 {
		if s := biggestSection(dir, r.contentDir); s != "" {
			sections = []string{s}
		}
		c.Notes = append(c.Notes, fmt.Sprintf("posts are the pages of %s/%s: params.mainSections is not set, and it is the section with the most pages", r.contentDir, strings.Join(sections, "")))
		c.setText("content", c.File+": no params.mainSections; Hugo's biggest section")
	} else {
		c.Notes = append(c.Notes, fmt.Sprintf("posts are the pages of the main sections (%s: %s = %s)", cs.fileOf("params.mainSections").name, key, strings.Join(sections, ", ")))
		c.set("content", cs, "params.mainSections")
		if len(sections) > 1 {
			c.setText("content", c.File+": the main sections are in "+r.contentDir)
		}
	}
	r.mainSections = map[string]bool{}
	for _, s := range sections {
		r.mainSections[strings.ToLower(strings.Trim(s, "/"))] = true
	}
	if len(sections) == 1 {
		c.Content = path.Join(r.contentDir, sections[0])
		if p, ok := r.permalinks[strings.ToLower(sections[0])]; ok {
			c.Permalink = p
			c.set("permalink", cs, "permalinks."+sections[0])
		}
	}

	lang := "en"
	if l, _, _ := cs.text("defaultContentLanguage"); l != "" {
		lang = l
	}
	tag, err := language.Parse(lang)
	if err != nil {
		tag = language.English
	}
	r.collator = collate.New(tag)
	c.rules = r
	return c, nil
}

// biggestSection is the content folder's section with the most pages,
// which Hugo takes for the main section when none is configured.
func biggestSection(dir, contentDir string) string {
	counts := map[string]int{}
	root := filepath.Join(dir, filepath.FromSlash(contentDir))
	entries, err := inputs.ReadDir(root)
	if err != nil {
		return ""
	}
	for _, e := range entries {
		if !e.IsDir() || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		inputs.WalkDir(filepath.Join(root, e.Name()), func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && isMarkdown(d.Name()) && !strings.HasPrefix(strings.ToLower(d.Name()), "_index.") {
				counts[e.Name()]++
			}
			return nil
		})
	}
	best := ""
	for s, n := range counts {
		if best == "" || n > counts[best] || (n == counts[best] && s < best) {
			best = s
		}
	}
	return best
}

// hugoRules is the Generator for a Hugo site.
type hugoRules struct {
	contentDir     string
	loc            *time.Location // timeZone; nil: UTC
	mainSections   map[string]bool
	permalinks     map[string]string // lower-cased section → pattern
	dateSources    []string          // lower-cased: ":filename", ":default", ":filemodtime", or a front matter key
	publishSources []string
	expirySources  []string
	drafts         bool
	future         bool
	expired        bool
	lower          bool
	collator       *collate.Collator
}

func (hugoRules) Format(name string) string { return markdownFormat(name) }

func (hugoRules) SpaceSeparated(string) bool { return false }

func (hugoRules) Name() string { return "hugo" }

// contentPath is rel relative to the content folder, and whether it is in it.
func (r *hugoRules) contentPath(rel string) (string, bool) {
	if r.contentDir == "." || r.contentDir == "" {
		return rel, true
	}
	return strings.CutPrefix(rel, r.contentDir+"/")
}

// section is the page's section: the first folder below the content folder.
func (r *hugoRules) section(rel string) string {
	p, _ := r.contentPath(rel)
	s, _, ok := strings.Cut(p, "/")
	if !ok {
		return ""
	}
	return s
}

// sections is the page's section path (":sections"): its top-level
// section, then each folder below it that is a section of its own (holds
// an _index.md), as long as they nest.
func (r *hugoRules) sections(pg *Page) string {
	dir, ok := r.contentPath(path.Dir(pg.Source))
	if !ok {
		return strings.TrimSuffix(pg.Dir, "/")
	}
	if pg.Bundle {
		dir = path.Dir(dir)
	}
	parts := strings.Split(dir, "/")
	if dir == "." || len(parts) == 0 {
		return ""
	}
	out := parts[:1]
	for i := 1; i < len(parts); i++ {
		folder := path.Join(r.contentDir, strings.Join(parts[:i+1], "/"))
		if !exists(pg.site.Dir, folder+"/_index.md") && !exists(pg.site.Dir, folder+"/_index.markdown") {
			break
		}
		out = parts[:i+1]
	}
	return strings.Join(out, "/")
}

func (r *hugoRules) Skip(rel string, dir bool) bool {
	p, ok := r.contentPath(rel)
	if !ok {
		return false // a content folder set by sessionfeed.toml: its files are posts
	}
	first, _, nested := strings.Cut(p, "/")
	if dir && !nested {
		return !r.mainSections[strings.ToLower(first)]
	}
	return !nested || !r.mainSections[strings.ToLower(first)]
}

// zone is Hugo's zone for dates that name none: timeZone, else UTC (not
// a timezone sessionfeed.toml sets for sessions: the posts' dates and
// URLs stay Hugo's).
func (r *hugoRules) zone(*Page) *time.Location {
	if r.loc != nil {
		return r.loc
	}
	return time.UTC
}

// dateFrom reads a date from the first of sources that gives one.
func (r *hugoRules) dateFrom(pg *Page, sources []string, defaults ...string) (time.Time, error) {
	for _, src := range sources {
		switch src {
		case ":default":
			if t, ok, err := pg.frontMatterDate(r.zone(pg), defaults...); ok || err != nil {
				return t, err
			}
		case ":filename":
			if t, slug, ok := hugoFilenameDate(pg.Name, r.zone(pg)); ok {
				pg.genSlug = slug
				return t, nil
			}
		case ":filemodtime":
			fi, err := inputs.Stat(filepath.Join(pg.site.Dir, filepath.FromSlash(pg.Source)))
			if err == nil {
				return fi.ModTime().In(r.zone(pg)), nil
			}
		default:
			if t, ok, err := pg.frontMatterDate(r.zone(pg), strings.TrimPrefix(src, ":")); ok || err != nil {
				return t, err
			}
		}
	}
	return time.Time{}, nil
}

// hugoFilenameDate is Hugo's reading of a date at the start of a file (or
// bundle) name: its first ten characters, and the rest, trimmed of " -_"
// and of what looks like an extension ("release-2.3.0-beta" gives
// "release-2.3": Hugo strips ".0-beta"), as the slug.
func hugoFilenameDate(name string, loc *time.Location) (time.Time, string, bool) {
	if ext := path.Ext(name); ext != "" {
		name = strings.TrimSuffix(name, ext)
	}
	if len(name) < 10 {
		return time.Time{}, "", false
	}
	t, err := parseDate(name[:10], loc, nil)
	if err != nil {
		return time.Time{}, "", false
	}
	return t, strings.Trim(name[10:], " -_"), true
}

func (r *hugoRules) Date(pg *Page) (time.Time, error) {
	t, err := r.dateFrom(pg, r.dateSources, "date", "publishdate", "pubdate", "published", "lastmod", "modified")
	if err == nil && t.IsZero() {
		// Hugo publishes it dated 0001-01-01; a feed cannot.
		return t, noDate(nil)
	}
	return t, err
}

func (r *hugoRules) Published(pg *Page, date time.Time, now *inputs.Clock) bool {
	if pg.Draft() && !r.drafts {
		return false
	}
	if !hugoListed(pg) {
		return false
	}
	if date.IsZero() {
		return true
	}
	if !r.future && !pg.site.IncludeFuture {
		if pub, err := r.dateFrom(pg, r.publishSources, "publishdate", "pubdate", "published", "date"); err == nil && now.Before(pub) {
			return false
		}
	}
	if !r.expired {
		if exp, err := r.dateFrom(pg, r.expirySources, "expirydate", "unpublishdate"); err == nil && !exp.IsZero() && now.After(exp) {
			return false
		}
	}
	return true
}

var hugoTokens = []string{"year", "month", "monthname", "day", "weekday", "weekdayname", "yearday",
	"section", "sections", "title", "slug", "filename", "slugorfilename"}

// unknownToken finds the first :token in pattern that is not in known.
func unknownToken(pattern string, known []string) (string, bool) {
	for i := 0; i < len(pattern); i++ {
		if pattern[i] != ':' {
			continue
		}
		j := i + 1
		for j < len(pattern) && (pattern[j] >= 'a' && pattern[j] <= 'z' || pattern[j] == '_') {
			j++
		}
		if j > i+1 && !slices.Contains(known, pattern[i+1:j]) {
			return pattern[i+1 : j], true
		}
		i = j - 1
	}
	return "", false
}

func (r *hugoRules) Permalink(pg *Page, date time.Time) (string, string) {
	slug := pg.Slug()
	if slug == "" {
		slug = pg.genSlug
	}
	postSlug := slug
	if postSlug == "" {
		postSlug = pg.Name
	}
	if p, ok := pg.explicitPath("url"); ok {
		return cleanSlug(postSlug), p
	}
	filename := pg.Name
	section := r.section(pg.Source)
	pattern, ok := r.permalinks[strings.ToLower(section)]
	var p string
	if !ok {
		// /section/…/slug-or-file-name/
		dir, _ := r.contentPath(pg.Source)
		dir = path.Dir(dir)
		if pg.Bundle {
			dir = path.Dir(dir)
		}
		name := filename
		if slug != "" {
			name = slug
		}
		p = hugoSanitize(path.Join(dir, name)) + "/"
	} else {
		sections := ""
		if strings.Contains(pattern, ":sections") {
			sections = r.sections(pg) // stats folders: only when asked for
		}
		values := map[string]string{
			"year":        date.Format("2006"),
			"month":       date.Format("01"),
			"monthname":   date.Format("January"),
			"day":         date.Format("02"),
			"weekday":     strconv.Itoa(int(date.Weekday())),
			"weekdayname": date.Format("Monday"),
			"yearday":     strconv.Itoa(date.YearDay()),
			"section":     section,
			"sections":    sections,
			"title":       hugoSanitize(pg.Title()),
			"filename":    hugoSanitize(filename),
		}
		values["slug"] = values["title"]
		values["slugorfilename"] = values["filename"]
		if slug != "" {
			values["slug"] = hugoSanitize(slug)
			values["slugorfilename"] = values["slug"]
		}
		p = replaceTokens(pattern, values)
		p = hugoSanitize(p)
		if !strings.HasSuffix(p, "/") && path.Ext(p) == "" {
			p += "/"
		}
	}
	if r.lower {
		p = strings.ToLower(p)
	}
	return cleanSlug(postSlug), safePath(p)
}

// replaceTokens replaces each :token of pattern that values knows, the
// longest name first (":slugorfilename" before ":slug").
func replaceTokens(pattern string, values map[string]string) string {
	var b strings.Builder
	for i := 0; i < len(pattern); i++ {
		if pattern[i] != ':' {
			b.WriteByte(pattern[i])
			continue
		}
		j := i + 1
		for j < len(pattern) && (pattern[j] >= 'a' && pattern[j] <= 'z' || pattern[j] == '_') {
			j++
		}
		v, ok := values[pattern[i+1:j]]
		if !ok {
			b.WriteByte(':')
			continue
		}
		b.WriteString(v)
		i = j - 1
	}
	return b.String()
}

// hugoSanitize is Hugo's UnicodeSanitize: letters, digits, marks and
// ./\_-#+~@ are kept (and %XX escapes), a space between kept characters
// becomes "-" unless a "-" is next to it, anything else is dropped.
func hugoSanitize(s string) string {
	src := []rune(s)
	out := make([]rune, 0, len(src))
	prependHyphen, wasHyphen := false, false
	isHex := func(r rune) bool { return '0' <= r && r <= '9' || 'a' <= r && r <= 'f' || 'A' <= r && r <= 'F' }
	for i, r := range src {
		allowed := strings.ContainsRune("./\\_#+~-@", r) || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) ||
			(r == '%' && i+2 < len(src) && isHex(src[i+1]) && isHex(src[i+2]))
		if allowed {
			wasHyphen = r == '-'
			if prependHyphen {
				if !wasHyphen {
					out = append(out, '-')
				}
				prependHyphen = false
			}
			out = append(out, r)
		} else if len(out) > 0 && !wasHyphen && unicode.IsSpace(r) {
			prependHyphen = true
		}
	}
	return string(out)
}

// safePath makes a generator's path relative to the base URL into one that
// stays inside it: no "." or ".." segments, each segment percent-encoded as
// the generators publish it.
func safePath(p string) string {
	trailing := strings.HasSuffix(p, "/")
	var segs []string
	for _, seg := range strings.Split(p, "/") {
		seg = cleanText(unescape(seg))
		if seg == "" || seg == "." || seg == ".." {
			continue
		}
		segs = append(segs, escapeSegment(seg))
	}
	return joinSegments(segs, trailing || len(segs) == 0)
}

func (r *hugoRules) Compare(a, b *Page) int {
	wa, wb := hugoWeight(a), hugoWeight(b)
	if wa != wb {
		switch {
		case wb == 0:
			return -1
		case wa == 0:
			return 1
		case wa < wb:
			return -1
		default:
			return 1
		}
	}
	if ua, ub := a.Date.Unix(), b.Date.Unix(); ua != ub {
		if ua > ub {
			return -1
		}
		return 1
	}
	if c := r.collator.CompareString(hugoLinkTitle(a), hugoLinkTitle(b)); c != 0 {
		return c
	}
	return strings.Compare(a.Source, b.Source)
}

// hugoListed tells whether Hugo lists the page among the site's regular
// pages: not a headless bundle, and not _build.list = never (or false).
func hugoListed(pg *Page) bool {
	if v, _, ok := pg.Param("headless"); ok {
		if b, ok := asBool(v); ok && b {
			return false
		}
	}
	v, _, ok := pg.Param("_build", "build")
	if !ok {
		return true
	}
	m, _ := v.(map[string]any)
	list, _, ok := lookup(m, "list")
	if !ok {
		return true
	}
	switch l := list.(type) {
	case bool:
		return l
	case string:
		return !strings.EqualFold(l, "never") && !strings.EqualFold(l, "false")
	}
	return true
}

func hugoWeight(pg *Page) int {
	v, _, ok := pg.Param("weight")
	if !ok {
		return 0
	}
	switch n := v.(type) {
	case int:
		return n
	case int64:
		return int(n)
	case float64:
		return int(n)
	case string:
		i, _ := strconv.Atoi(strings.TrimSpace(n))
		return i
	}
	return 0
}

func hugoLinkTitle(pg *Page) string {
	if v, _, ok := pg.Param("linktitle"); ok {
		if s, ok := asText(v); ok && s != "" {
			return s
		}
	}
	return pg.Title()
}
