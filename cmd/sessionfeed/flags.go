package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"
)

// siteFlags are the flags every command that reads a site takes.
type siteFlags struct {
	site   string
	config string
	future bool
	strict bool
	quiet  bool
	now    string
}

func (f *siteFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.site, "site", ".", "the site's root `DIR`")
	fs.StringVar(&f.config, "config", "", "the configuration `FILE` (default DIR/sessionfeed.toml)")
	fs.BoolVar(&f.future, "future", false, "include posts dated in the future")
	fs.BoolVar(&f.strict, "strict", false, "treat warnings as errors")
	fs.BoolVar(&f.quiet, "q", false, "print errors only, no warnings")
	fs.StringVar(&f.now, "now", "", "take `TIME` (RFC 3339) as the current time, to reproduce a past run")
}

func (f *siteFlags) configPath() string {
	if f.config != "" {
		return f.config
	}
	return filepath.Join(f.site, "sessionfeed.toml")
}

// clock returns the moment the run takes as "now".
func (f *siteFlags) clock() (time.Time, error) {
	if f.now == "" {
		return time.Now(), nil
	}
	t, err := time.Parse(time.RFC3339, f.now)
	if err != nil {
		return time.Time{}, fmt.Errorf("-now %q: write it as RFC 3339, as in 2021-04-07T12:00:00Z", f.now)
	}
	return t, nil
}

// parseFlags parses args into fs, printing help to stdout for -h and a
// one-line hint to stderr for anything else wrong. ok is false when the
// command should stop with code.
func parseFlags(fs *flag.FlagSet, help string, args []string, stdout, stderr io.Writer) (code int, ok bool) {
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	err := fs.Parse(args)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(stdout, help)
		return exitOK, false
	}
	if err != nil {
		fmt.Fprintf(stderr, "sessionfeed %s: %v\nRun \"sessionfeed %s -h\" for usage.\n", fs.Name(), err, fs.Name())
		return exitUsage, false
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "sessionfeed %s: unexpected argument %q (flags come as -name value)\nRun \"sessionfeed %s -h\" for usage.\n",
			fs.Name(), strings.Join(fs.Args(), " "), fs.Name())
		return exitUsage, false
	}
	return 0, true
}
