package posts

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/sessionfeed/sessionfeed/tzdb"
	"io/fs"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/sessionfeed/sessionfeed/posts/diag"
	"github.com/sessionfeed/sessionfeed/posts/inputs"
)

// SiteConfig is what a site generator's own configuration says about a
// site, in sessionfeed.toml's terms, and the Generator that reproduces how
// the generator publishes its posts.
type SiteConfig struct {
	Generator string // "hugo", "jekyll", "zola"
	Name      string // the generator's name as written: "Hugo"
	File      string // the configuration read, relative to the site ("hugo.toml", "config/_default/")

	Title     string
	Subtitle  string
	BaseURL   string // as written, with its path; "" when not set (then sessionfeed.toml must set it)
	URLKey    string // where the generator sets its URL: "hugo.toml: baseURL"
	Language  string
	Author    Person
	Content   string // the content folder, relative to the site
	Permalink string // the posts' permalink pattern, as the generator writes it (shown, not used by Own)
	Timezone  string // IANA name; "" when the generator's is unset
	FeedLimit int    // the generator's feed limit; 0 when it sets none (or no limit)

	// Origin tells, for each sessionfeed.toml key the generator set
	// ("title", "author.name", "feed.limit"), where it came from:
	// "hugo.toml: baseURL".
	Origin map[string]string

	// Notes are what a person should know about the reading: settings
	// that mean something else to sessionfeed, defaults that differ.
	Notes []string

	rules Generator
}

// Rules is the Generator that publishes posts as the site's generator does.
func (c *SiteConfig) Rules() Generator { return c.rules }

// set records where the value of key came from: the dotted key of cs.
func (c *SiteConfig) set(key string, cs configSet, dotted string) {
	if c.Origin == nil {
		c.Origin = map[string]string{}
	}
	if _, written, f, ok := cs.get(dotted); ok {
		c.Origin[key] = f.name + ": " + written
	}
}

// setText records where the value of key came from, in words.
func (c *SiteConfig) setText(key, from string) {
	if c.Origin == nil {
		c.Origin = map[string]string{}
	}
	c.Origin[key] = from
}

// takeText reads the first of the dotted keys that is set into dst, as
// sessionfeed.toml's key.
func (c *SiteConfig) takeText(cs configSet, key string, dst *string, dotted ...string) error {
	for _, d := range dotted {
		v, _, err := cs.text(d)
		if err != nil {
			return err
		}
		if v != "" {
			*dst = v
			c.set(key, cs, d)
			return nil
		}
	}
	return nil
}

// A generatorKind recognises a generator's sites and reads their
// configuration. Each generator's file registers one.
type generatorKind struct {
	name  string   // as written: "Hugo"
	files []string // the configuration files it reads, for messages
	// detect names the configuration file that marks dir as this
	// generator's site, and how sure that is (0: not at all).
	detect func(dir string) (file string, certainty int)
	// read reads the configuration file.
	read func(dir, file string) (*SiteConfig, error)
}

// generatorKinds are the generators ReadSiteConfig knows, registered by
// hugo.go, jekyll.go and zola.go when the program starts, and only read
// after that.
var generatorKinds []generatorKind

func registerGenerator(k generatorKind) { generatorKinds = append(generatorKinds, k) }

// ErrNoGenerator is returned by ReadSiteConfig for a folder that no known
// generator's configuration marks as a site.
var ErrNoGenerator = errors.New("no site generator's configuration")

// ReadSiteConfig finds which generator builds the site in dir (Hugo, Jekyll
// or Zola) from its configuration file, and reads it. An error names the
// file, line and key at fault; ErrNoGenerator (wrapped) means no known
// configuration file is there.
func ReadSiteConfig(dir string) (*SiteConfig, error) {
	best, bestFile, certainty := -1, "", 0
	for i, k := range generatorKinds {
		if file, c := k.detect(dir); c > certainty {
			best, bestFile, certainty = i, file, c
		}
	}
	if best < 0 {
		return nil, fmt.Errorf("%w: no %s in %s", ErrNoGenerator, KnownGenerators(), dir)
	}
	c, err := generatorKinds[best].read(dir, bestFile)
	if c != nil {
		c.Name = generatorKinds[best].name
	}
	return c, err
}

// KnownGenerators names the generators ReadSiteConfig recognises and their
// configuration files: "Hugo (hugo.toml, …), Jekyll (_config.yml) or Zola
// (config.toml) configuration".
func KnownGenerators() string {
	kinds := slices.Clone(generatorKinds)
	slices.SortFunc(kinds, func(a, b generatorKind) int { return strings.Compare(a.name, b.name) })
	var parts []string
	for _, k := range kinds {
		parts = append(parts, fmt.Sprintf("%s (%s)", k.name, strings.Join(k.files, ", ")))
	}
	switch len(parts) {
	case 0:
		return "site generator's configuration"
	case 1:
		return parts[0] + " configuration"
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " or " + parts[len(parts)-1] + " configuration"
}

// configError is a problem with a generator's configuration file.
func configError(file string, line int, key, format string, args ...any) error {
	msg := fmt.Sprintf(format, args...)
	if key != "" {
		msg = key + ": " + msg
	}
	return diag.Errorf(file, line, "%s", msg)
}

// configFile is a generator's configuration file, decoded.
type configFile struct {
	name   string // relative to the site, slash-separated
	text   []byte
	m      map[string]any
	prefix string // the key the whole file stands for: Hugo's config/_default/params.toml is "params"
}

// configSet is a site's configuration files, a later one's keys winning
// over an earlier one's.
type configSet []*configFile

// get finds a dotted key in the last file that has it; f is that file.
func (cs configSet) get(dotted string) (v any, key string, f *configFile, ok bool) {
	for i := len(cs) - 1; i >= 0; i-- {
		if v, key, ok := cs[i].get(dotted); ok {
			return v, key, cs[i], true
		}
	}
	return nil, "", nil, false
}

// exists tells whether the file or folder rel exists in dir.
func exists(dir, rel string) bool {
	_, err := inputs.Stat(filepath.Join(dir, filepath.FromSlash(rel)))
	return err == nil
}

// isDir tells whether rel is a folder in dir.
func isDir(dir, rel string) bool {
	fi, err := inputs.Stat(filepath.Join(dir, filepath.FromSlash(rel)))
	return err == nil && fi.IsDir()
}

// maxConfigSize bounds a configuration file; real ones are a few KB.
const maxConfigSize = 4 << 20

// readConfigFile reads and decodes a TOML, YAML or JSON file (by its
// extension) into keys and values. Syntax errors carry the file and line.
func readConfigFile(dir, rel string) (*configFile, error) {
	data, err := inputs.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)), maxConfigSize)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, configError(rel, 0, "", "cannot read: %v", err)
	}
	if len(data) > maxConfigSize {
		return nil, configError(rel, 0, "", "file is over %d MB; no configuration is that large", maxConfigSize>>20)
	}
	m, err := decodeConfig(rel, data)
	if err != nil {
		return nil, err
	}
	return &configFile{name: rel, text: data, m: m}, nil
}

// decodeConfig decodes data, the text of the configuration file name.
func decodeConfig(name string, data []byte) (map[string]any, error) {
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	switch strings.ToLower(path.Ext(name)) {
	case ".toml":
		m := map[string]any{}
		if _, err := toml.Decode(string(data), &m); err != nil {
			var pe toml.ParseError
			if errors.As(err, &pe) {
				return nil, configError(name, pe.Position.Line, "", "TOML: %s", pe.Message)
			}
			return nil, configError(name, 0, "", "TOML: %s", strings.TrimPrefix(err.Error(), "toml: "))
		}
		return m, nil
	case ".json":
		var m map[string]any
		if err := json.Unmarshal(data, &m); err != nil {
			line := 0
			var syn *json.SyntaxError
			if errors.As(err, &syn) {
				line = lineAt(data, int(syn.Offset)-1, 1)
			}
			return nil, configError(name, line, "", "JSON: %s", strings.TrimPrefix(err.Error(), "json: "))
		}
		if m == nil {
			m = map[string]any{}
		}
		return m, nil
	default: // .yml, .yaml
		fm := frontMatter{format: "yaml", text: data, line: 1}
		m, err := fm.decodeYAML()
		if err != nil {
			var le *lineError
			if errors.As(err, &le) {
				return nil, configError(name, le.line, "", "%s", strings.Replace(le.msg, "YAML front matter", "YAML", 1))
			}
			return nil, configError(name, 0, "", "%v", err)
		}
		return m, nil
	}
}

// line is the line of the file where key (its last part) is written, or 0.
func (c *configFile) line(key string) int {
	if c == nil {
		return 0
	}
	if i := strings.LastIndexByte(key, '.'); i >= 0 {
		key = key[i+1:]
	}
	fm := frontMatter{text: c.text, line: 1}
	if offs := fm.keyOffsets(key); len(offs) > 0 {
		return fm.lineOf(offs[0])
	}
	// A TOML table: [key] or [key.sub].
	lower := bytes.ToLower(c.text)
	for _, open := range []string{"[" + strings.ToLower(key) + "]", "[" + strings.ToLower(key) + "."} {
		if i := bytes.Index(lower, []byte(open)); i >= 0 {
			return fm.lineOf(i)
		}
	}
	return 0
}

// get finds a dotted key ("params.author.name"), ignoring case; key is
// the path as written in the file.
func (c *configFile) get(dotted string) (v any, key string, ok bool) {
	if c == nil {
		return nil, "", false
	}
	m := c.m
	var written []string
	if c.prefix != "" && strings.EqualFold(dotted, c.prefix) {
		return c.m, c.prefix, true
	}
	if c.prefix != "" {
		rest, ok := strings.CutPrefix(strings.ToLower(dotted), c.prefix+".")
		if !ok {
			return nil, "", false
		}
		dotted = dotted[len(dotted)-len(rest):]
		written = append(written, c.prefix)
	}
	parts := strings.Split(dotted, ".")
	for i, part := range parts {
		v, k, found := lookup(m, part)
		if !found {
			return nil, "", false
		}
		written = append(written, k)
		if i == len(parts)-1 {
			return v, strings.Join(written, "."), true
		}
		if m, ok = v.(map[string]any); !ok {
			return nil, "", false
		}
	}
	return nil, "", false
}

// text reads a dotted key as text; a value of another kind is an error
// that names the key.
func (cs configSet) text(dotted string) (string, string, error) {
	v, key, c, ok := cs.get(dotted)
	if !ok || v == nil {
		return "", "", nil
	}
	s, ok := asText(v)
	if !ok {
		return "", key, configError(c.name, c.line(key), key, "expected text, found %s", kindOf(v))
	}
	return s, key, nil
}

// boolean reads a dotted key as true or false.
func (cs configSet) boolean(dotted string) (bool, string, error) {
	v, key, c, ok := cs.get(dotted)
	if !ok || v == nil {
		return false, "", nil
	}
	b, ok := asBool(v)
	if !ok {
		return false, key, configError(c.name, c.line(key), key, "expected true or false, found %s", shortValue(v))
	}
	return b, key, nil
}

// integer reads a dotted key as a whole number.
func (cs configSet) integer(dotted string) (int, string, bool, error) {
	v, key, c, ok := cs.get(dotted)
	if !ok || v == nil {
		return 0, "", false, nil
	}
	switch n := v.(type) {
	case int:
		return n, key, true, nil
	case int64:
		return int(n), key, true, nil
	case uint64:
		return int(min(n, 1<<31)), key, true, nil
	case float64:
		if n == float64(int(n)) {
			return int(n), key, true, nil
		}
	}
	return 0, key, false, configError(c.name, c.line(key), key, "expected a whole number, found %s", shortValue(v))
}

// textList reads a dotted key as a list of text (one text is a list of one).
func (cs configSet) textList(dotted string) ([]string, string, error) {
	v, key, c, ok := cs.get(dotted)
	if !ok || v == nil {
		return nil, "", nil
	}
	l, ok := asList(v, false)
	if !ok {
		return nil, key, configError(c.name, c.line(key), key, "expected text or a list of text, found %s", kindOf(v))
	}
	return l, key, nil
}

// person reads an author: a name, "Name <email>", or a table with name,
// email and uri.
func (cs configSet) person(dotted string) (Person, string, error) {
	v, key, c, ok := cs.get(dotted)
	if !ok || v == nil {
		return Person{}, "", nil
	}
	ps, ok := asAuthors(v)
	if !ok {
		return Person{}, key, configError(c.name, c.line(key), key, "expected a name, or a table with name and email")
	}
	if len(ps) == 0 {
		return Person{}, "", nil
	}
	return ps[0], key, nil
}

// location loads the IANA zone the dotted key names.
func (cs configSet) location(dotted string) (*time.Location, string, string, error) {
	name, key, err := cs.text(dotted)
	if err != nil || name == "" {
		return nil, "", key, err
	}
	_, _, c, _ := cs.get(dotted)
	loc, err := tzdb.Load(name)
	if err != nil || name == "Local" {
		return nil, "", key, configError(c.name, c.line(key), key, "unknown time zone %q: use an IANA name such as \"America/New_York\"", name)
	}
	return loc, name, key, nil
}

// fileOf names the file that sets the dotted key, for messages.
func (cs configSet) fileOf(dotted string) *configFile {
	if _, _, f, ok := cs.get(dotted); ok {
		return f
	}
	for _, f := range cs {
		if f.prefix == "" {
			return f // the main file
		}
	}
	if len(cs) > 0 {
		return cs[0]
	}
	return nil
}

// errorAt is a problem with the value of the dotted key, in the file
// that sets it.
func (cs configSet) errorAt(dotted, format string, args ...any) error {
	_, key, f, ok := cs.get(dotted)
	if !ok {
		f, key = cs.fileOf(dotted), dotted
	}
	name := ""
	if f != nil {
		name = f.name
	}
	return configError(name, f.line(key), key, format, args...)
}
