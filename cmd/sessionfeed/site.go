package main

import (
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"time"

	"github.com/sessionfeed/sessionfeed/posts"
	"github.com/sessionfeed/sessionfeed/posts/diag"
	"github.com/sessionfeed/sessionfeed/posts/inputs"
	"github.com/sessionfeed/sessionfeed/posts/timeexpr"
)

// site is a loaded site: its configuration and posts.
type site struct {
	dir     string
	cfg     *Config
	zones   *timeexpr.Zones
	posts   []*posts.Post
	diags   []diag.Diagnostic
	now     time.Time
	clock   *inputs.Clock   // now, asked by every decision that depends on it
	scans   *scanCache      // nil: the sessions of every post are read
	copies  *copyStore      // nil: every per-session file is written
	renders *renderCache    // nil: every feed entry is rendered
	found   func(files int) // told how many posts Load found, before it reads them
}

// loadSite reads the configuration and every post. An error is a usage or
// configuration problem; problems with posts are in the diagnostics.
func loadSite(f *siteFlags) (*site, error) {
	s, err := loadSiteConfig(f)
	if err != nil {
		return nil, err
	}
	if err := s.loadPosts(f, 0); err != nil {
		return nil, err
	}
	return s, nil
}

// loadSiteConfig reads the configuration alone: what a build needs to know
// where its outputs go, and to lock them before it reads any post.
func loadSiteConfig(f *siteFlags) (*site, error) {
	now, err := f.clock()
	if err != nil {
		return nil, err
	}
	cfgPath := f.configPath()
	cfg, err := readSiteConfig(f.site, f.config)
	if err != nil {
		return nil, err
	}
	zones, err := timeexpr.NewZones(cfg.Zones)
	if err != nil {
		return nil, diag.Errorf(cfgPath, 0, "[zones]: %v", err)
	}
	return &site{dir: f.site, cfg: cfg, zones: zones, now: now, clock: inputs.NewClock(now)}, nil
}

// loadPosts reads every post of s. With bodies positive, only the newest
// bodies posts keep their Body (posts.Site.FeedLimit).
func (s *site) loadPosts(f *siteFlags, bodies int) error {
	cfg := s.cfg
	var scans posts.ScanCache
	if s.scans != nil {
		scans = s.scans
	}
	ps, diags, err := posts.Load(&posts.Site{
		Dir:             f.site,
		ContentDir:      cfg.Content,
		BaseURL:         cfg.BaseURL,
		Permalink:       cfg.Permalink,
		Location:        cfg.location,
		Zones:           s.zones,
		DefaultDuration: time.Duration(cfg.Calendar.DefaultDuration),
		IncludeFuture:   f.future,
		FeedLimit:       bodies,
		Generator:       cfg.rules(),
		Now:             s.now,
		Clock:           s.clock,
		Scans:           scans,
		Found:           s.found,
	})
	if err != nil {
		return err
	}
	s.posts, s.diags = ps, diags
	return nil
}

// readErrors tells which posts could not be read whole: the Sources of
// posts read with an entry left out (incomplete), and the files of posts
// left out (failed). The calendar keeps their events as they were.
func (s *site) readErrors() (incomplete, failed []string) {
	read := make(map[string]bool, len(s.posts))
	for _, p := range s.posts {
		read[p.Source] = true
	}
	seen := make(map[string]bool)
	for _, d := range s.diags {
		if d.Severity != diag.Error || d.File == "" || seen[d.File] {
			continue
		}
		seen[d.File] = true
		if read[d.File] {
			incomplete = append(incomplete, d.File)
		} else {
			failed = append(failed, d.File)
		}
	}
	return incomplete, failed
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
func printDiagnostics(w io.Writer, diags []diag.Diagnostic, quiet, strict bool) int {
	sorted := diag.Sort(slices.Clone(diags))
	errs := 0
	for _, d := range sorted {
		isError := d.Severity == diag.Error || strict
		if isError {
			errs++
		} else if quiet {
			continue
		}
		if d.Severity == diag.Warning {
			d.Message = "warning: " + d.Message
		}
		fmt.Fprintln(w, d)
	}
	return errs
}

// A keptCache is a cache a build writes for the next one (entryCache).
type keptCache interface {
	save() error
	summary() string // for -v: what it held, and what was put
}

// openCaches opens what earlier builds of the site left in the cache
// folder, unless the cache is off (SESSIONFEED_CACHE=off).
func (s *site) openCaches() {
	if file := scanCacheFile(s.dir); file != "" {
		s.scans = openScanCache(file)
	}
	if file := renderCacheFile(s.dir); file != "" {
		s.renders = openRenderCache(file)
	}
	s.copies = openCopyStore(copiesDir(s.dir))
}

// caches are the site's caches that a build writes for the next one.
func (s *site) caches() []keptCache {
	var cs []keptCache
	if s.scans != nil {
		cs = append(cs, s.scans)
	}
	if s.renders != nil {
		cs = append(cs, s.renders)
	}
	return cs
}
