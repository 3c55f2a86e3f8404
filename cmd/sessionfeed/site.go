package main

import (
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/sessionfeed/sessionfeed/posts"
	"github.com/sessionfeed/sessionfeed/posts/timeexpr"
)

// site is a loaded site: its configuration and posts.
type site struct {
	dir   string
	cfg   *Config
	posts []*posts.Post
	diags []posts.Diagnostic
	now   time.Time
}

// loadSite reads the configuration and every post. An error is a usage or
// configuration problem; problems with posts are in the diagnostics.
func loadSite(f *siteFlags) (*site, error) {
	now, err := f.clock()
	if err != nil {
		return nil, err
	}
	cfgPath := f.configPath()
	cfg, err := loadConfig(cfgPath)
	if err != nil {
		return nil, err
	}
	zones, err := timeexpr.NewZones(cfg.Zones)
	if err != nil {
		return nil, &ConfigError{File: cfgPath, Msg: fmt.Sprintf("[zones]: %v", err)}
	}
	ps, diags, err := posts.Load(&posts.Site{
		Dir:             f.site,
		ContentDir:      cfg.Content,
		BaseURL:         cfg.BaseURL,
		Permalink:       cfg.Permalink,
		Location:        cfg.location,
		Zones:           zones,
		DefaultDuration: time.Duration(cfg.Calendar.DefaultDuration),
		IncludeFuture:   f.future,
		Now:             now,
	})
	if err != nil {
		return nil, err
	}
	return &site{dir: f.site, cfg: cfg, posts: ps, diags: diags, now: now}, nil
}

// sessions returns every session of every post, in post order.
func (s *site) sessions() []*posts.Session {
	var all []*posts.Session
	for _, p := range s.posts {
		all = append(all, p.Sessions...)
	}
	return all
}

// outputDir is where generated files go: -out, else the config's output
// (relative to the site), else DIR/public.
func outputDir(flagOut string, s *site) string {
	switch {
	case flagOut != "":
		return flagOut
	case s.cfg.Output != "":
		if filepath.IsAbs(s.cfg.Output) {
			return s.cfg.Output
		}
		return filepath.Join(s.dir, s.cfg.Output)
	default:
		return filepath.Join(s.dir, "public")
	}
}

// printDiagnostics writes diagnostics to w, sorted and without repeats,
// warnings marked as such, and returns how many count as errors.
func printDiagnostics(w io.Writer, diags []posts.Diagnostic, quiet, strict bool) int {
	sorted := slices.Clone(diags)
	slices.SortFunc(sorted, func(a, b posts.Diagnostic) int {
		if c := strings.Compare(a.File, b.File); c != 0 {
			return c
		}
		if a.Line != b.Line {
			return a.Line - b.Line
		}
		return strings.Compare(a.Message, b.Message)
	})
	sorted = slices.Compact(sorted)
	errs := 0
	for _, d := range sorted {
		isError := d.Severity == posts.Error || strict
		if isError {
			errs++
		} else if quiet {
			continue
		}
		if d.Severity == posts.Warning {
			d.Message = "warning: " + d.Message
		}
		fmt.Fprintln(w, d)
	}
	return errs
}
