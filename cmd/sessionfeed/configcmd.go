package main

import (
	"flag"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
)

const configHelp = `Usage: sessionfeed config [-site DIR] [-config FILE]

Prints the configuration sessionfeed uses for the site in DIR, as a
sessionfeed.toml, each value with where it came from: the site generator's
own configuration (Hugo's hugo.toml or config.toml, Jekyll's _config.yml,
Zola's config.toml), sessionfeed.toml, or sessionfeed's defaults. Nothing
is written.

A site needs no sessionfeed.toml: sessionfeed reads its generator's. Save
this output as sessionfeed.toml to change a value; every key the file sets
replaces the generator's, the others still come from it.

Flags:
    -site DIR      the site's root (default ".")
    -config FILE   the configuration (default DIR/sessionfeed.toml)

Examples:
    $ sessionfeed config -site ~/blog
    $ sessionfeed config -site ~/blog > ~/blog/sessionfeed.toml

Exit status: 0 the configuration is usable; 2 it is not (the message names
the file and key).
`

func runConfig(args []string, stdout, stderr io.Writer) int {
	var site, config string
	fs := flag.NewFlagSet("config", flag.ContinueOnError)
	fs.StringVar(&site, "site", ".", "the site's root `DIR`")
	fs.StringVar(&config, "config", "", "the configuration `FILE` (default DIR/sessionfeed.toml)")
	if code, ok := parseFlags(fs, configHelp, args, stdout, stderr); !ok {
		return code
	}
	cfg, err := readSiteConfig(site, config)
	if err != nil {
		fmt.Fprintf(stderr, "sessionfeed: %v\n", err)
		return exitUsage
	}
	writeEffectiveConfig(stdout, cfg, site)
	return exitOK
}

// detected says which configuration was read, in one line.
func (c *Config) detected() string {
	g := c.generator
	switch {
	case g != nil && c.file != "":
		return fmt.Sprintf("%s site, configuration read from %s, with %s over it", g.Name, g.File, c.file)
	case g != nil:
		return fmt.Sprintf("%s site, configuration read from %s (no sessionfeed.toml)", g.Name, g.File)
	}
	return fmt.Sprintf("configuration read from %s (no site generator's configuration)", c.file)
}

// writeEffectiveConfig writes c as a sessionfeed.toml, each value with a
// comment saying where it came from.
func writeEffectiveConfig(w io.Writer, c *Config, site string) {
	fmt.Fprintf(w, "# sessionfeed's configuration for %s: %s.\n", site, c.detected())
	fmt.Fprintln(w, "# Saved as sessionfeed.toml, each key it sets replaces the generator's.")
	if g := c.generator; g != nil {
		for _, n := range g.Notes {
			fmt.Fprintf(w, "# Note: %s.\n", n)
		}
	}
	line := func(key, value string) {
		name := key[strings.LastIndexByte(key, '.')+1:]
		from, ok := c.origin[key]
		if !ok {
			from = "default"
		}
		text := name + " = " + value
		if key == "permalink" && c.generator != nil && !c.set["permalink"] {
			// The generator's own pattern, with its own rules: set, it
			// would take sessionfeed's reading of the tokens instead.
			text = "# " + text
			from += "; uncomment to use sessionfeed's own permalink rules instead of " + c.generator.Name + "'s"
		}
		fmt.Fprintf(w, "%-44s # %s\n", text, from)
	}
	str := tomlString
	opt := func(key, v string) {
		if v != "" || c.set[key] {
			line(key, str(v))
		}
	}
	line("title", str(c.Title))
	opt("subtitle", c.Subtitle)
	line("base_url", str(c.BaseURL))
	opt("language", c.Language)
	opt("content", c.Content)
	switch g := c.generator; {
	case g == nil || c.set["permalink"]:
		line("permalink", str(c.Permalink))
	case g.Permalink != "":
		line("permalink", str(g.Permalink))
	default:
		fmt.Fprintf(w, "%-44s # %s\n", "# permalink: "+g.Name+"'s own", "as "+g.Name+" makes them (see README.md, \"Zero configuration\")")
	}
	opt("timezone", c.Timezone)
	opt("output", c.Output)

	if c.Author != (AuthorConfig{}) {
		fmt.Fprintln(w, "\n[author]")
		opt("author.name", c.Author.Name)
		opt("author.email", c.Author.Email)
		opt("author.uri", c.Author.URI)
	}

	fmt.Fprintln(w, "\n[feed]")
	line("feed.path", str(c.Feed.Path))
	line("feed.limit", strconv.Itoa(c.Feed.Limit))
	line("feed.rss_path", str(deref(c.Feed.RSSPath)))
	line("feed.json_path", str(deref(c.Feed.JSONPath)))

	fmt.Fprintln(w, "\n[calendar]")
	line("calendar.path", str(c.Calendar.Path))
	line("calendar.sessions_dir", str(c.Calendar.SessionsDir))
	line("calendar.default_duration", str(formatDuration(c.Calendar.DefaultDuration)))
	line("calendar.name", str(c.Calendar.Name))
	line("calendar.description", str(c.Calendar.Description))
	line("calendar.refresh", str(formatDuration(c.Calendar.Refresh)))
	line("calendar.keep_cancelled", str(formatDuration(c.Calendar.KeepCancelled)))
	if c.Calendar.Past != 0 {
		line("calendar.past", str(formatDuration(c.Calendar.Past)))
	}
	line("calendar.sessions_json", str(deref(c.Calendar.SessionsJSON)))
	if c.Calendar.Page != "" {
		line("calendar.page", str(c.Calendar.Page))
	}
	if c.Calendar.Previous != "" {
		line("calendar.previous", str(c.Calendar.Previous))
	}

	if len(c.Zones) > 0 {
		fmt.Fprintln(w, "\n[zones]")
		keys := make([]string, 0, len(c.Zones))
		for k := range c.Zones {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			fmt.Fprintf(w, "%s = %s\n", tomlKey(k), str(c.Zones[k]))
		}
	}
}

// formatDuration writes d as sessionfeed.toml reads it: whole days as
// "30d", else as Go writes durations, without zero units ("1h", "1h30m").
func formatDuration(d Duration) string {
	t := time.Duration(d)
	if t > 0 && t%(24*time.Hour) == 0 {
		return fmt.Sprintf("%dd", t/(24*time.Hour))
	}
	s := t.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}

// tomlString quotes s as a TOML basic string.
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// tomlKey writes a key bare when TOML allows it, else quoted.
func tomlKey(k string) string {
	for _, r := range k {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-') {
			return tomlString(k)
		}
	}
	if k == "" {
		return `""`
	}
	return k
}
