package posts

import (
	"fmt"
	"github.com/sessionfeed/sessionfeed/posts/inputs"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// Jekyll, as Jekyll 4.3 and jekyll-feed 0.17 publish a site (Debian's
// packages; checked by TestRealGenerators):
//
//   - Configuration: _config.yml (url + baseurl, title or name,
//     description, author, lang, timezone, permalink,
//     collections.posts.permalink, future, unpublished, feed.posts_limit).
//   - Posts are the files of every _posts folder; the folders above it are
//     categories.
//   - Date: the front matter's (a string read as leniently as Ruby's
//     Time.parse; an unquoted YAML date-time without offset is UTC), else
//     the file name's at midnight, always converted into timezone before
//     the permalink's :year/:month/:day are taken.
//   - Permalink: the front matter's permalink, else collections.posts
//     .permalink, else permalink, each a pattern or a built-in style (date,
//     pretty, ordinal, weekdate, none). :title is the file name's slug as
//     written (case and dots kept), :slug the same slugified.
//   - published: false and future posts are left out unless unpublished or
//     future is set.
//   - Order (jekyll-feed): date descending, ties by file path.

func init() {
	registerGenerator(generatorKind{name: "Jekyll", files: []string{"_config.yml"}, detect: detectJekyll, read: readJekyll})
}

func detectJekyll(dir string) (string, int) {
	for _, name := range []string{"_config.yml", "_config.yaml"} {
		if exists(dir, name) {
			return name, 3
		}
	}
	if isDir(dir, "_posts") {
		return "", 1
	}
	return "", 0
}

// jekyllStyles are Jekyll's built-in permalink styles.
var jekyllStyles = map[string]string{
	"date":     "/:categories/:year/:month/:day/:title:output_ext",
	"pretty":   "/:categories/:year/:month/:day/:title/",
	"ordinal":  "/:categories/:year/:y_day/:title:output_ext",
	"weekdate": "/:categories/:year/W:week/:short_day/:title:output_ext",
	"none":     "/:categories/:title:output_ext",
}

var jekyllTokens = []string{"year", "month", "i_month", "day", "i_day", "short_year", "hour", "minute", "second",
	"y_day", "short_month", "long_month", "short_day", "long_day", "week", "w_year", "w_day",
	"title", "slug", "name", "categories", "output_ext", "path", "collection"}

func readJekyll(dir, file string) (*SiteConfig, error) {
	c := &SiteConfig{Generator: "jekyll", File: file, Content: "."}
	var cs configSet
	if file != "" {
		f, err := readConfigFile(dir, file)
		if err != nil {
			return nil, err
		}
		cs = configSet{f}
	} else {
		c.File = "_posts/"
	}
	r := &jekyllRules{permalink: jekyllStyles["date"]}

	var url, baseurl string
	for _, t := range []struct {
		key    string
		dst    *string
		dotted []string
	}{
		{"base_url", &url, []string{"url"}},
		{"title", &c.Title, []string{"title", "name"}},
		{"subtitle", &c.Subtitle, []string{"description"}},
		{"language", &c.Language, []string{"lang"}},
		{"timezone", &c.Timezone, []string{"timezone"}},
	} {
		if err := c.takeText(cs, t.key, t.dst, t.dotted...); err != nil {
			return nil, err
		}
	}
	c.URLKey = "_config.yml: url"
	baseurl, _, err := cs.text("baseurl")
	if err != nil {
		return nil, err
	}
	// jekyll-feed's absolute_url is url + baseurl (with a leading "/",
	// without a trailing one) + the post's URL, so a url ending in "/"
	// publishes links with "//" after it; they are kept as Jekyll writes
	// them, for the feed's ids to stay the ones subscribers have.
	if baseurl = strings.TrimSuffix(baseurl, "/"); baseurl != "" && !strings.HasPrefix(baseurl, "/") {
		baseurl = "/" + baseurl
	}
	if url != "" {
		c.BaseURL = url + baseurl + "/"
	}
	if baseurl != "" && url != "" {
		c.Origin["base_url"] += " + baseurl"
	}
	if strings.HasSuffix(url, "/") {
		c.Notes = append(c.Notes, fmt.Sprintf("url %q ends with \"/\": jekyll-feed's links then have \"//\" after it, and so do sessionfeed's", url))
	}
	if source, key, err := cs.text("source"); err != nil {
		return nil, err
	} else if source != "" && path.Clean(source) != "." {
		return nil, cs.errorAt(key, "a source folder other than the site's is not supported; run sessionfeed on %s", source)
	}
	if a, _, err := cs.person("author"); err != nil {
		return nil, err
	} else if a.Name != "" {
		c.Author = a
		c.set("author.name", cs, "author")
	}
	if c.Timezone != "" {
		loc, _, _, err := cs.location("timezone")
		if err != nil {
			return nil, err
		}
		r.loc = loc
	} else {
		c.Notes = append(c.Notes, "timezone is not set: Jekyll then uses the zone of the machine it runs on; sessionfeed uses UTC")
	}
	for _, k := range []string{"collections.posts.permalink", "permalink"} {
		p, _, err := cs.text(k)
		if err != nil {
			return nil, err
		}
		if p == "" {
			continue
		}
		if style, ok := jekyllStyles[p]; ok {
			p = style
		}
		if tok, ok := unknownToken(p, jekyllTokens); ok {
			return nil, cs.errorAt(k, "unknown placeholder :%s in %q", tok, p)
		}
		r.permalink = p
		c.set("permalink", cs, k)
		break
	}
	if r.defaults, err = readJekyllDefaults(cs); err != nil {
		return nil, err
	}
	if v, ok := r.defaultValue("_posts/x.md", "permalink"); ok {
		if p, ok := v.(string); ok && p != "" {
			if style, ok := jekyllStyles[p]; ok {
				p = style
			}
			r.permalink = p
			c.set("permalink", cs, "defaults")
		}
	}
	c.Permalink = r.permalink
	if _, ok := c.Origin["permalink"]; !ok {
		c.setText("permalink", "Jekyll's default style, date")
	}
	c.setText("content", "Jekyll's posts are the files of every _posts folder")
	for _, s := range []struct {
		key string
		dst *bool
	}{{"future", &r.future}, {"unpublished", &r.unpublished}} {
		b, _, err := cs.boolean(s.key)
		if err != nil {
			return nil, err
		}
		*s.dst = b
	}
	if n, _, ok, err := cs.integer("feed.posts_limit"); err != nil {
		return nil, err
	} else if ok && n > 0 {
		c.FeedLimit = n
		c.set("feed.limit", cs, "feed.posts_limit")
	} else {
		c.Notes = append(c.Notes, "feed.posts_limit is not set: jekyll-feed then lists 10 posts; sessionfeed's feed keeps its own limit")
	}
	if p, _, _ := cs.text("feed.path"); p != "" {
		c.Notes = append(c.Notes, fmt.Sprintf("jekyll-feed writes %s; sessionfeed writes its own feed at feed.path", p))
	}
	c.rules = r
	return c, nil
}

// jekyllDefault is one entry of _config.yml's defaults that applies to
// posts: front matter values for the posts under a path.
type jekyllDefault struct {
	path   string // scope.path: a folder (or file) relative to the site, "" for all
	values map[string]any
}

// defaultValue is the value of a front matter key that defaults give the
// post at source: the most specific scope's (the longest path), the later
// entry between equals.
func (r *jekyllRules) defaultValue(source, key string) (any, bool) {
	var v any
	best := -1
	for _, d := range r.defaults {
		if d.path != "" && source != d.path && !strings.HasPrefix(source, strings.TrimSuffix(d.path, "/")+"/") {
			continue
		}
		if x, _, ok := lookup(d.values, key); ok && len(d.path) >= best {
			v, best = x, len(d.path)
		}
	}
	return v, best >= 0
}

// readJekyllDefaults reads _config.yml's defaults that apply to posts.
func readJekyllDefaults(cs configSet) ([]jekyllDefault, error) {
	v, key, f, ok := cs.get("defaults")
	if !ok || v == nil {
		return nil, nil
	}
	list, ok := v.([]any)
	if !ok {
		return nil, configError(f.name, f.line(key), key, "expected a list of scope and values, found %s", kindOf(v))
	}
	var ds []jekyllDefault
	for _, item := range list {
		m, _ := item.(map[string]any)
		scope, _ := m["scope"].(map[string]any)
		values, _ := m["values"].(map[string]any)
		if values == nil {
			continue
		}
		typ, _ := scope["type"].(string)
		if typ != "" && typ != "posts" {
			continue
		}
		p, _ := scope["path"].(string)
		if strings.ContainsAny(p, "*?[") {
			return nil, configError(f.name, f.line("path"), key, "a scope path with wildcards (%q) is not supported", p)
		}
		ds = append(ds, jekyllDefault{path: strings.Trim(path.Clean("/"+p), "/"), values: values})
	}
	return ds, nil
}

// jekyllRules is the Generator for a Jekyll site.
type jekyllRules struct {
	loc         *time.Location // timezone; nil: UTC
	permalink   string         // the posts' pattern, styles expanded
	defaults    []jekyllDefault
	future      bool
	unpublished bool
}

// Format: Jekyll's posts are Markdown or HTML.
func (jekyllRules) Format(name string) string {
	switch strings.ToLower(path.Ext(name)) {
	case ".html", ".htm":
		return "html"
	}
	return markdownFormat(name)
}

func (jekyllRules) SpaceSeparated(string) bool { return true }

func (jekyllRules) Name() string { return "jekyll" }

// Jekyll leaves these out of a site, besides names starting with "." or "_".
var jekyllExcluded = []string{"node_modules", "vendor", "gemfiles"}

func (r *jekyllRules) Skip(rel string, dir bool) bool {
	segs := strings.Split(rel, "/")
	if dir {
		name := segs[len(segs)-1]
		if name == "_posts" {
			return false
		}
		return strings.HasPrefix(name, "_") || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "#") ||
			strings.HasPrefix(name, "~") || slices.Contains(jekyllExcluded, name)
	}
	for _, s := range segs[:len(segs)-1] {
		if s == "_posts" {
			return false
		}
	}
	return true
}

func (r *jekyllRules) zone(pg *Page) *time.Location {
	if r.loc != nil {
		return r.loc
	}
	return time.UTC
}

// jekyllName is a post's file name: YYYY-MM-DD-title.
var jekyllName = regexp.MustCompile(`^(?:.+/)*?(\d{2,4}-\d{1,2}-\d{1,2})-([^/]*)$`)

func (r *jekyllRules) Date(pg *Page) (time.Time, error) {
	loc := r.zone(pg)
	m := jekyllName.FindStringSubmatch(pg.Name)
	if m == nil {
		return time.Time{}, nil // no YYYY-MM-DD-title: Jekyll reads no post from it
	}
	v, key, ok := pg.Param("date")
	if ok && v != nil && v != "" {
		t, err := jekyllDate(pg, v, key, loc)
		if err != nil {
			return time.Time{}, &lineError{pg.line(key), key + ": " + err.Error()}
		}
		return t.In(loc), nil
	}
	t, err := parseDate(m[1], loc, nil)
	if err != nil {
		return time.Time{}, fmt.Errorf("the file name's date: %v", err)
	}
	return t, nil
}

// jekyllDate reads a front matter date as Jekyll does: a YAML date-time
// written without quotes and without an offset is UTC (Psych); text is read
// by Ruby's lenient Time.parse in the site's zone.
func jekyllDate(pg *Page, v any, key string, loc *time.Location) (time.Time, error) {
	s, isText := v.(string)
	if !isText {
		return pg.parseDate(v, loc)
	}
	if pg.fm.yamlTimestamps[key] {
		if t, shape, err := parseDateString(s, time.UTC, pg.zone); err == nil && shape.numeric {
			if err := checkPlausible(t); err != nil {
				return time.Time{}, err
			}
			if shape.dateOnly {
				return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, loc), nil
			}
			return t, nil
		}
	}
	if t, err := pg.parseDate(s, loc); err == nil {
		return t, nil
	} else if t, ok := rubyTimeParse(s, loc); ok {
		return t, checkPlausible(t)
	} else {
		return time.Time{}, err
	}
}

// rubyParts are what Ruby's Time.parse picks out of a date string
// wherever they stand, ignoring the rest ("2021-06-14 09:05:00 2021
// -0700" has a stray year).
var (
	rubyDate   = regexp.MustCompile(`(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:\D|$)`)
	rubyClock  = regexp.MustCompile(`\b(\d{1,2}):(\d{2})(?::(\d{2}))?(?:[.,](\d+))?`)
	rubyOffset = regexp.MustCompile(`(?:^|\s)([+-])(\d{2}):?(\d{2})\b|\b(UTC|GMT|Z)\b`)
)

// rubyTimeParse reads a date the way Ruby's Time.parse does for the shapes
// people write: a date, then optionally a time and an offset anywhere
// after it.
func rubyTimeParse(s string, loc *time.Location) (time.Time, bool) {
	d := rubyDate.FindStringSubmatchIndex(s)
	if d == nil {
		return time.Time{}, false
	}
	num := func(a, b int) int { n, _ := strconv.Atoi(s[a:b]); return n }
	year, month, day := num(d[2], d[3]), num(d[4], d[5]), num(d[6], d[7])
	if month < 1 || month > 12 || day < 1 || day > daysIn(year, time.Month(month)) {
		return time.Time{}, false
	}
	rest := s[d[1]:]
	var hour, minute, sec, nsec int
	if c := rubyClock.FindStringSubmatch(rest); c != nil {
		hour, _ = strconv.Atoi(c[1])
		minute, _ = strconv.Atoi(c[2])
		sec, _ = strconv.Atoi(c[3])
		if c[4] != "" {
			nsec, _ = strconv.Atoi((c[4] + "000000000")[:9])
		}
		if hour > 23 || minute > 59 || sec > 60 {
			return time.Time{}, false
		}
	}
	zone := loc
	if o := rubyOffset.FindStringSubmatch(rest); o != nil {
		if o[4] != "" {
			zone = time.UTC
		} else {
			h, _ := strconv.Atoi(o[2])
			m, _ := strconv.Atoi(o[3])
			off := h*3600 + m*60
			if o[1] == "-" {
				off = -off
			}
			if h > 23 || m > 59 {
				return time.Time{}, false
			}
			zone = fixedZone(off)
		}
	}
	return time.Date(year, time.Month(month), day, hour, minute, sec, nsec, zone), true
}

func (r *jekyllRules) Published(pg *Page, date time.Time, now *inputs.Clock) bool {
	draft := pg.Draft()
	if _, _, set := pg.Param("published"); !set {
		if v, ok := r.defaultValue(pg.Source, "published"); ok {
			if b, ok := asBool(v); ok && !b {
				draft = true
			}
		}
	}
	if draft && !r.unpublished {
		return false
	}
	return date.IsZero() || r.future || pg.site.IncludeFuture || !now.Before(date)
}

// jekyllTitle is the slug Jekyll's :title takes: the front matter's slug,
// else the file name after its date, as written.
func (r *jekyllRules) title(pg *Page) string {
	if s := pg.Slug(); s != "" {
		return s
	}
	if m := jekyllName.FindStringSubmatch(pg.Name); m != nil {
		return m[2]
	}
	return pg.Name
}

func (r *jekyllRules) Permalink(pg *Page, date time.Time) (string, string) {
	title := r.title(pg)
	pattern := r.permalink
	v, _, ok := pg.Param("permalink")
	if !ok {
		v, ok = r.defaultValue(pg.Source, "permalink")
	}
	if ok {
		if s, ok := asText(v); ok && s != "" {
			if style, ok := jekyllStyles[s]; ok {
				s = style
			}
			pattern = s
		}
	}
	// Categories: the folders above _posts, then the front matter's,
	// lower-cased, each once.
	var cats []string
	seen := map[string]bool{}
	add := func(c string) {
		c = strings.ToLower(c)
		if c != "" && !seen[c] {
			seen[c] = true
			cats = append(cats, c)
		}
	}
	if i := strings.Index("/"+pg.Source, "/_posts/"); i > 0 {
		for _, c := range strings.Split(pg.Source[:i-1], "/") {
			add(c)
		}
	}
	for _, c := range pg.md.categories {
		add(c)
	}
	_, week := date.ISOWeek()
	wyear, _ := date.ISOWeek()
	values := map[string]string{
		"year":        date.Format("2006"),
		"month":       date.Format("01"),
		"i_month":     strconv.Itoa(int(date.Month())),
		"day":         date.Format("02"),
		"i_day":       strconv.Itoa(date.Day()),
		"short_year":  date.Format("06"),
		"hour":        date.Format("15"),
		"minute":      date.Format("04"),
		"second":      date.Format("05"),
		"y_day":       fmt.Sprintf("%03d", date.YearDay()),
		"short_month": date.Format("Jan"),
		"long_month":  date.Format("January"),
		"short_day":   date.Format("Mon"),
		"long_day":    date.Format("Monday"),
		"week":        fmt.Sprintf("%02d", week),
		"w_year":      strconv.Itoa(wyear),
		"w_day":       strconv.Itoa((int(date.Weekday())+6)%7 + 1),
		"title":       jekyllSlugify(title, true),
		"slug":        jekyllSlugify(title, false),
		"name":        jekyllSlugify(pg.Name, false),
		"categories":  strings.Join(cats, "/"),
		"output_ext":  ".html",
		"path":        strings.TrimSuffix(pg.Source, path.Ext(pg.Source)),
		"collection":  "posts",
	}
	var b strings.Builder
	for i := 0; i < len(pattern); i++ {
		if pattern[i] != ':' {
			// Written text: what no URL may hold is escaped, "%" kept.
			if c := pattern[i]; c == '%' || c >= 0x80 {
				b.WriteByte(c)
			} else {
				b.WriteString(jekyllEscape(pattern[i : i+1]))
			}
			continue
		}
		j := i + 1
		for j < len(pattern) && (pattern[j] >= 'a' && pattern[j] <= 'z' || pattern[j] == '_') {
			j++
		}
		name := pattern[i+1 : j]
		v, ok := values[name]
		if !ok && strings.HasSuffix(name, "_") {
			v, ok = values[strings.TrimSuffix(name, "_")]
		}
		if !ok {
			b.WriteByte(':')
			continue
		}
		b.WriteString(jekyllEscape(v))
		i = j - 1
	}
	// Jekyll's sanitize_url: ".." becomes "/", "./" goes, "//" is one "/".
	u := "/" + b.String()
	u = strings.ReplaceAll(u, "..", "/")
	u = strings.ReplaceAll(u, "./", "")
	for strings.Contains(u, "//") {
		u = strings.ReplaceAll(u, "//", "/")
	}
	u = strings.TrimSuffix(u, "index.html")
	// What is left of "." segments ("/." at the end) is not ours to publish.
	var segs []string
	for _, seg := range strings.Split(strings.Trim(u, "/"), "/") {
		if seg != "" && seg != "." && seg != ".." {
			segs = append(segs, seg)
		}
	}
	return jekyllSlugify(title, false), joinSegments(segs, strings.HasSuffix(u, "/") || len(segs) == 0)
}

// jekyllSlugify is Jekyll's Utils.slugify: "pretty" mode (for :title)
// keeps case and ._~!$&'()+,;=@, the default mode lower-cases and keeps
// letters and digits only; runs of anything else become "-", and leading
// and trailing "-" go.
func jekyllSlugify(s string, pretty bool) string {
	var b strings.Builder
	dash := false
	for _, r := range s {
		keep := unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) ||
			(pretty && strings.ContainsRune("._~!$&'()+,;=@", r))
		if !keep {
			dash = true
			continue
		}
		if dash && b.Len() > 0 {
			b.WriteByte('-')
		}
		dash = false
		b.WriteRune(r)
	}
	if pretty {
		return b.String()
	}
	return strings.ToLower(b.String())
}

// jekyllEscape percent-encodes a placeholder's value as Jekyll's
// URL.escape_path does (Addressable): unreserved characters, sub-delims,
// ":", "@" and "/" stay.
func jekyllEscape(s string) string {
	const keep = "-._~!$&'()*+,;=:@/"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte(keep, c) >= 0 {
			b.WriteByte(c)
			continue
		}
		fmt.Fprintf(&b, "%%%02X", c)
	}
	return b.String()
}

func (r *jekyllRules) Compare(a, b *Page) int {
	if c := b.Date.Compare(a.Date); c != 0 {
		return c
	}
	return strings.Compare(a.Source, b.Source)
}
