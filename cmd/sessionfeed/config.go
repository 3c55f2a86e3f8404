package main

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/sessionfeed/sessionfeed/posts"
	"github.com/sessionfeed/sessionfeed/posts/diag"
	"github.com/sessionfeed/sessionfeed/posts/inputs"
	"github.com/sessionfeed/sessionfeed/tzdb"
)

// Config is sessionfeed.toml. Its keys are a contract: other tools and
// people's sites rely on them, so they are only ever added to.
type Config struct {
	Title     string            `toml:"title"`
	Subtitle  string            `toml:"subtitle"`
	BaseURL   string            `toml:"base_url"`
	Language  string            `toml:"language"`
	Content   string            `toml:"content"`
	Permalink string            `toml:"permalink"`
	Timezone  string            `toml:"timezone"`
	Output    string            `toml:"output"`
	Author    AuthorConfig      `toml:"author"`
	Feed      FeedConfig        `toml:"feed"`
	Calendar  CalendarConfig    `toml:"calendar"`
	Zones     map[string]string `toml:"zones"`

	location     *time.Location // Timezone, loaded
	previousFrom string         // where to read the previous calendar when the output holds none

	generator *posts.SiteConfig // the site generator's configuration; nil without one
	siteDir   string            // the site's folder, for messages about the generator's files
	file      string            // the sessionfeed.toml read, "" without one
	set       map[string]bool   // keys sessionfeed.toml sets ("feed.limit")
	origin    map[string]string // where each key's value came from ("hugo.toml: baseURL", "sessionfeed.toml")
}

// rules is the Generator that decides the posts' dates, permalinks and
// order: the site generator's, with sessionfeed.toml's permalink over it
// when set, and every file of its content folder a post when it names one;
// nil (sessionfeed's own) without a generator.
func (c *Config) rules() posts.Generator {
	if c.generator == nil {
		return nil
	}
	r := c.generator.Rules()
	if c.set["permalink"] {
		r = posts.WithPermalink(r, c.Permalink)
	}
	if c.set["content"] {
		r = posts.EveryFile(r)
	}
	return r
}

// AuthorConfig is the feed's author, used for posts that name none.
type AuthorConfig struct {
	Name  string `toml:"name"`
	Email string `toml:"email"`
	URI   string `toml:"uri"`
}

// FeedConfig is the [feed] table.
type FeedConfig struct {
	Path     string  `toml:"path"`
	Limit    int     `toml:"limit"`
	RSSPath  *string `toml:"rss_path"`  // nil: "rss.xml"; "": no RSS feed
	JSONPath *string `toml:"json_path"` // nil: "feed.json"; "": no JSON Feed
}

// CalendarConfig is the [calendar] table.
type CalendarConfig struct {
	Path            string   `toml:"path"`
	SessionsDir     string   `toml:"sessions_dir"`
	DefaultDuration Duration `toml:"default_duration"`
	Name            string   `toml:"name"`
	Description     string   `toml:"description"`
	Refresh         Duration `toml:"refresh"`
	KeepCancelled   Duration `toml:"keep_cancelled"`
	Past            Duration `toml:"past"`          // 0: every session in calendar.ics
	SessionsJSON    *string  `toml:"sessions_json"` // nil: "sessions.json"; "": none
	Page            string   `toml:"page"`          // "": no sessions.html
	Previous        string   `toml:"previous"`      // where the last calendar.ics is published
}

// Duration is a length of time written as Go writes durations ("90m",
// "1h30m"), with days allowed as a whole-number "d" suffix ("30d").
type Duration time.Duration

// UnmarshalText implements encoding.TextUnmarshaler.
func (d *Duration) UnmarshalText(text []byte) error {
	s := strings.TrimSpace(string(text))
	if days, ok := strings.CutSuffix(s, "d"); ok {
		n, err := strconv.Atoi(days)
		if err != nil || n < 0 {
			return fmt.Errorf("invalid duration %q: days must be a whole number, as in \"30d\"", s)
		}
		*d = Duration(time.Duration(n) * 24 * time.Hour)
		return nil
	}
	v, err := time.ParseDuration(s)
	if err != nil {
		return fmt.Errorf("invalid duration %q: write it as \"90m\", \"1h30m\" or \"30d\"", s)
	}
	if v < 0 {
		return fmt.Errorf("invalid duration %q: must not be negative", s)
	}
	*d = Duration(v)
	return nil
}

// defaults fills in what the file leaves out.
func (c *Config) defaults() {
	if c.Feed.Path == "" {
		c.Feed.Path = "atom.xml"
	}
	if c.Feed.Limit == 0 {
		c.Feed.Limit = 20
	}
	c.Feed.RSSPath = orDefault(c.Feed.RSSPath, "rss.xml")
	c.Feed.JSONPath = orDefault(c.Feed.JSONPath, "feed.json")
	c.Calendar.SessionsJSON = orDefault(c.Calendar.SessionsJSON, "sessions.json")
	if c.Calendar.Path == "" {
		c.Calendar.Path = "calendar.ics"
	}
	if c.Calendar.SessionsDir == "" {
		c.Calendar.SessionsDir = "sessions"
	}
	if c.Calendar.DefaultDuration == 0 {
		c.Calendar.DefaultDuration = Duration(time.Hour)
	}
	if c.Calendar.Refresh == 0 {
		c.Calendar.Refresh = Duration(time.Hour)
	}
	if c.Calendar.KeepCancelled == 0 {
		c.Calendar.KeepCancelled = Duration(30 * 24 * time.Hour)
	}
	if c.Calendar.Name == "" {
		c.Calendar.Name = c.Title
	}
	if c.Calendar.Description == "" {
		c.Calendar.Description = c.Subtitle
	}
	if c.Calendar.Description == "" {
		c.Calendar.Description = "Sessions announced on " + c.BaseURL
	}
	if c.Permalink == "" {
		c.Permalink = "/:year/:month/:day/:slug/"
	}
}

// configError is a problem with the configuration file, positioned when
// the line is known.
func configError(file string, line int, msg string) error {
	return diag.Diagnostic{File: file, Line: line, Severity: diag.Error, Message: msg}
}

// maxConfigSize bounds what is read of a configuration file.
const maxConfigSize = 1 << 20

// readConfigFile reads the configuration file name, a regular file (not a
// link, a FIFO or a device) of at most maxConfigSize octets, through
// package inputs, which notes the read for the build's stamp.
func readConfigFile(name string) ([]byte, error) {
	fi, err := inputs.Lstat(name)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fmt.Errorf("%w (%s)", errNotRegular, kind(fi.Mode()))}
	}
	data, err := inputs.ReadFile(name, maxConfigSize)
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > maxConfigSize {
		return nil, fmt.Errorf("%s is larger than %d octets", name, maxConfigSize)
	}
	return data, nil
}

// loadConfig reads and checks the configuration file at name, alone.
func loadConfig(name string) (*Config, error) {
	data, err := readConfigFile(name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, configError(name, 0, "no such file; write one (see README.md, \"Configuration\") or point -config at it")
	}
	if err != nil {
		return nil, configError(name, 0, err.Error())
	}
	var c Config
	if err := c.decode(name, data); err != nil {
		return nil, err
	}
	if err := c.finish(name, data); err != nil {
		return nil, err
	}
	return &c, nil
}

// readSiteConfig reads the configuration of the site in dir: the site
// generator's own (Hugo, Jekyll or Zola), then sessionfeed.toml (or
// explicit, the -config file) over it, each key it sets replacing the
// generator's. Either may be missing, not both.
func readSiteConfig(dir, explicit string) (*Config, error) {
	name := explicit
	if name == "" {
		name = filepath.Join(dir, "sessionfeed.toml")
	}
	data, err := readConfigFile(name)
	haveFile := err == nil
	if err != nil && (explicit != "" || !errors.Is(err, fs.ErrNotExist)) {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, configError(name, 0, "no such file; write one (see README.md, \"Configuration\") or point -config at it")
		}
		return nil, configError(name, 0, err.Error())
	}
	var c Config
	gen, err := posts.ReadSiteConfig(dir)
	switch {
	case err == nil:
		c.fromGenerator(dir, gen)
	case errors.Is(err, posts.ErrNoGenerator) && haveFile:
	case errors.Is(err, posts.ErrNoGenerator):
		return nil, configError(name, 0, fmt.Sprintf("no such file, and no %s in %s; write a sessionfeed.toml (see README.md, \"Configuration\") or point -site at the site", posts.KnownGenerators(), dir))
	default:
		var d diag.Diagnostic
		if errors.As(err, &d) && d.File != "" {
			return nil, configError(filepath.Join(dir, filepath.FromSlash(d.File)), d.Line, d.Message)
		}
		return nil, err
	}
	if haveFile {
		c.file = name
		if err := c.decode(name, data); err != nil {
			return nil, err
		}
	}
	if err := c.finish(name, data); err != nil {
		return nil, err
	}
	return &c, nil
}

// fromGenerator takes what the generator's configuration says.
func (c *Config) fromGenerator(dir string, g *posts.SiteConfig) {
	c.generator, c.siteDir = g, dir
	c.Title, c.Subtitle, c.BaseURL, c.Language = g.Title, g.Subtitle, g.BaseURL, g.Language
	c.Content, c.Timezone = g.Content, g.Timezone
	c.Author = AuthorConfig{Name: g.Author.Name, Email: g.Author.Email, URI: g.Author.URI}
	c.Feed.Limit = g.FeedLimit
	c.origin = map[string]string{}
	for k, v := range g.Origin {
		c.origin[k] = v
	}
	if c.Title == "" {
		// Every feed needs a title; the site's host stands in for it.
		if u, err := url.Parse(c.BaseURL); err == nil && u.Host != "" {
			c.Title = u.Host
			c.origin["title"] = "the base URL's host: " + g.File + " sets no title"
		}
	}
}

// decode reads sessionfeed.toml's keys over what c holds.
func (c *Config) decode(name string, data []byte) error {
	md, err := toml.Decode(string(data), c)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return configError(name, pe.Position.Line, pe.Message)
		}
		return configError(name, 0, strings.TrimPrefix(err.Error(), "toml: "))
	}
	if undecoded := md.Undecoded(); len(undecoded) > 0 {
		key := undecoded[0]
		return configError(name, keyLine(data, key),
			fmt.Sprintf("unknown key %q (known keys are listed in README.md, \"Configuration\")", key.String()))
	}
	if c.origin == nil {
		c.origin = map[string]string{}
	}
	c.set = map[string]bool{}
	for _, k := range md.Keys() {
		c.origin[k.String()] = filepath.Base(name)
		c.set[k.String()] = true
	}
	return nil
}

// finish checks the values and fills in the defaults. A bad value that
// came from the generator's configuration is reported there.
func (c *Config) finish(name string, data []byte) error {
	if g := c.generator; g != nil && c.BaseURL == "" {
		file, key, _ := strings.Cut(g.URLKey, ": ")
		return configError(filepath.Join(c.siteDir, filepath.FromSlash(file)), 0,
			key+": not set: the site's absolute URL is needed for the feed's links (set "+key+", or base_url in sessionfeed.toml)")
	}
	if err := c.check(); err != nil {
		key := err.key.String()
		if from, ok := c.origin[key]; ok && c.generator != nil && !c.set[key] {
			file, written, _ := strings.Cut(from, ": ")
			return configError(filepath.Join(c.siteDir, filepath.FromSlash(file)), 0, written+": "+err.msg)
		}
		return configError(name, keyLine(data, err.key), err.msg)
	}
	if err := c.checkSafety(); err != nil {
		return configError(name, keyLine(data, err.key), err.msg)
	}
	c.defaults()
	return nil
}

// keyLine finds the line a key is written on, for messages; 0 if unsure.
// It follows [table] headers, so that feed.path and calendar.path are told
// apart.
func keyLine(data []byte, key toml.Key) int {
	if len(key) == 0 {
		return 0
	}
	table, name := strings.Join(key[:len(key)-1], "."), key[len(key)-1]
	assignment := regexp.MustCompile(`^\s*["']?` + regexp.QuoteMeta(name) + `["']?\s*=`)
	current := ""
	for i, line := range strings.Split(string(data), "\n") {
		if t := strings.TrimSpace(line); strings.HasPrefix(t, "[") {
			current = strings.TrimSpace(strings.Trim(strings.SplitN(t, "#", 2)[0], "[] \t"))
			continue
		}
		if current == table && assignment.MatchString(line) {
			return i + 1
		}
	}
	return 0
}

// checkError is a bad value: the key it is written under, and what to do.
type checkError struct {
	key toml.Key
	msg string
}

func (c *Config) check() *checkError {
	if c.BaseURL == "" {
		return &checkError{nil, `base_url is required: the absolute URL the site is published at, e.g. base_url = "https://example.org/blog/"`}
	}
	if strings.TrimSpace(c.Title) == "" {
		return &checkError{toml.Key{"title"}, `title is required: it names the feed and the calendar, e.g. title = "baby steps"`}
	}
	u, err := url.Parse(c.BaseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return &checkError{toml.Key{"base_url"}, fmt.Sprintf("base_url %q must be an absolute http(s) URL such as \"https://example.org/blog/\"", c.BaseURL)}
	}
	if !strings.HasSuffix(c.BaseURL, "/") {
		c.BaseURL += "/"
	}
	if c.Timezone != "" {
		loc, err := tzdb.Load(c.Timezone)
		if err != nil || c.Timezone == "Local" {
			return &checkError{toml.Key{"timezone"}, fmt.Sprintf("unknown timezone %q: use an IANA name such as \"America/New_York\" or \"UTC\"", c.Timezone)}
		}
		c.location = loc
	}
	if c.Feed.Limit < 0 {
		return &checkError{toml.Key{"feed", "limit"}, "feed.limit must not be negative"}
	}
	for _, p := range []struct {
		key   toml.Key
		value string
	}{
		{toml.Key{"feed", "path"}, c.Feed.Path},
		{toml.Key{"calendar", "path"}, c.Calendar.Path},
		{toml.Key{"calendar", "sessions_dir"}, c.Calendar.SessionsDir},
	} {
		if p.value != "" && !isLocalPath(p.value) {
			name := p.key[len(p.key)-1]
			return &checkError{p.key, fmt.Sprintf("%s %q must be a relative path inside the output directory", name, p.value)}
		}
	}
	if c.Feed.Path != "" && c.Feed.Path == c.Calendar.Path {
		return &checkError{toml.Key{"calendar", "path"}, "feed.path and calendar.path name the same file"}
	}
	if err := c.checkOutputs(); err != nil {
		return err
	}
	if c.Permalink != "" && !strings.HasPrefix(c.Permalink, "/") {
		return &checkError{toml.Key{"permalink"}, fmt.Sprintf("permalink %q must start with \"/\", as in \"/:year/:month/:day/:slug/\"", c.Permalink)}
	}
	return nil
}

// isLocalPath reports whether p is a relative, slash-separated path that
// stays inside the folder it is relative to.
func isLocalPath(p string) bool {
	if strings.ContainsAny(p, "\\\x00") || path.IsAbs(p) {
		return false
	}
	clean := path.Clean(p)
	return clean != "." && clean != ".." && !strings.HasPrefix(clean, "../")
}
