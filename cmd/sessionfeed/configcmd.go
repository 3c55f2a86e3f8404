package main

import (
	"flag"
	"fmt"
	"io"
	"reflect"
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
// comment saying where it came from. Every key of Config is written (found
// by its toml tag, so that keys added later are too), except optional text
// that is empty and unset.
func writeEffectiveConfig(w io.Writer, c *Config, site string) {
	fmt.Fprintf(w, "# sessionfeed's configuration for %s: %s.\n", site, c.detected())
	if g := c.generator; g != nil {
		fmt.Fprintf(w, "# Saved as sessionfeed.toml, each key it sets replaces %s's.\n", g.Name)
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
		text := tomlKey(name) + " = " + value
		if key == "permalink" && c.generator != nil && !c.set["permalink"] {
			// The generator's own pattern, with its own rules: set, it
			// would take sessionfeed's reading of the tokens instead.
			g := c.generator
			if g.Permalink == "" {
				fmt.Fprintf(w, "%-44s # %s\n", "# permalink: "+g.Name+"'s own", "as "+g.Name+" makes them (see README.md, \"Zero configuration\")")
				return
			}
			text = "# " + tomlKey(name) + " = " + tomlString(g.Permalink)
			from += "; uncomment to use sessionfeed's own permalink rules instead of " + g.Name + "'s"
		}
		fmt.Fprintf(w, "%-44s # %s\n", text, from)
	}
	writeTable(w, reflect.ValueOf(c).Elem(), "", c.set, line)
}

// writeTable writes the keys of a Config table v (a struct with toml tags)
// under prefix: its plain keys, then its tables.
func writeTable(w io.Writer, v reflect.Value, prefix string, set map[string]bool, line func(key, value string)) {
	t := v.Type()
	var tables []int
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("toml"), ",")
		if name == "" || name == "-" {
			continue
		}
		key := prefix + name
		f := v.Field(i)
		if f.Kind() == reflect.Pointer {
			if f.IsNil() {
				continue
			}
			f = f.Elem()
		}
		switch {
		case f.Type() == reflect.TypeOf(Duration(0)):
			if d := f.Interface().(Duration); d != 0 || set[key] {
				line(key, tomlString(formatDuration(d)))
			}
		case f.Kind() == reflect.String:
			if f.String() != "" || set[key] || key == "permalink" {
				line(key, tomlString(f.String()))
			}
		case f.Kind() == reflect.Int:
			line(key, strconv.FormatInt(f.Int(), 10))
		case f.Kind() == reflect.Bool:
			line(key, strconv.FormatBool(f.Bool()))
		case f.Kind() == reflect.Struct, f.Kind() == reflect.Map:
			tables = append(tables, i)
		}
	}
	for _, i := range tables {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("toml"), ",")
		f := v.Field(i)
		if f.IsZero() {
			continue
		}
		fmt.Fprintf(w, "\n[%s]\n", prefix+name)
		if f.Kind() == reflect.Map {
			keys := make([]string, 0, f.Len())
			for _, k := range f.MapKeys() {
				keys = append(keys, k.String())
			}
			slices.Sort(keys)
			for _, k := range keys {
				fmt.Fprintf(w, "%s = %s\n", tomlKey(k), tomlString(f.MapIndex(reflect.ValueOf(k)).String()))
			}
			continue
		}
		writeTable(w, f, prefix+name+".", set, line)
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
