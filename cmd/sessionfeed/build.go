package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"github.com/sessionfeed/sessionfeed/ical"
	"github.com/sessionfeed/sessionfeed/posts/diag"
	"github.com/sessionfeed/sessionfeed/posts/inputs"
)

const buildHelp = `Usage: sessionfeed build [-site DIR] [-config FILE] [-out DIR] [flags]

Reads the posts of the site in DIR (a Hugo, Jekyll or Zola site needs no
sessionfeed.toml: its own configuration is read) and writes, under the output directory:
the Atom, RSS and JSON feeds (feed.path, feed.rss_path, feed.json_path),
the calendar of all sessions (calendar.path), one .ics per session
(calendar.sessions_dir), the add-to-calendar data (calendar.sessions_json)
and, if configured, a page of upcoming sessions (calendar.page). Files whose
bytes would not change are left untouched; the others are replaced
atomically.

Flags:
    -site DIR      the site's root (default ".")
    -config FILE   the configuration (default DIR/sessionfeed.toml)
    -out DIR       the output directory (default: the config's output, else DIR/public)
    -future        include posts dated in the future
    -previous SRC  when the output holds no calendar.ics, read the previous one
                   from SRC: a URL, a file, auto (base_url + calendar.path,
                   the default with CI=true) or none
    -check         write nothing; exit 5 if any output would change
    -strict        treat warnings as errors (exit 1)
    -wait DUR      wait up to DUR for another run on the same output to finish (default 0)
    -now TIME      take TIME (RFC 3339) as the current time
    -q             print errors only
    -v             say which site generator's configuration was read, print
                   the configuration in use (as "sessionfeed config"), the
                   wall and processor time each stage took (lock: reading the configuration and
                   waiting for the output directory; stamp: checking whether
                   anything the last up-to-date run read has changed since,
                   see README "Reruns"; load: reading the posts;
                   calendar; feed; sessions: sessions.json and the page,
                   past the feeds, which are computed at the same time;
                   write), how many posts' sessions were read and feed
                   entries rendered, and how many taken as an earlier run
                   left them, how many per-session files were linked to
                   copies kept from an earlier build, and a one-line summary

Environment:
    SESSIONFEED_CACHE  where stamps of up-to-date runs, the sessions read
                       from posts, the feeds' entries rendered and copies of
                       per-session files are kept (default
                       $XDG_CACHE_HOME/sessionfeed), or off

Examples:
    $ sessionfeed build -site ~/blog
    $ sessionfeed build -site ~/blog -out /var/www/blog -wait 5m -q
    $ sessionfeed build -check || echo "run sessionfeed build and commit"
    $ sessionfeed build -out public -previous https://example.org/blog/calendar.ics

Exit status: 0 up to date; 1 some posts, entries or the previous calendar
could not be read (the outputs were written, and what could not be read
kept as it was), or the published previous calendar (-previous) could not
be fetched (nothing was written); 2 usage or configuration error, nothing
written; 3 another run holds the output directory; 4 an I/O failure;
5 with -check, some output would change.
`

// smallSite is the most posts a site may have for its build to run the
// collector at a slow pace, tinySite for it to run the collector only
// when the process's memory nears tinySiteMemory (see paceCollector).
const (
	smallSite      = 2000
	tinySite       = 500
	tinySiteMemory = 256 << 20
)

type buildFlags struct {
	siteFlags
	out      string
	previous string
	check    bool
	verbose  bool
	wait     time.Duration
}

func runBuild(args []string, stdout, stderr io.Writer) int {
	var f buildFlags
	fs := flag.NewFlagSet("build", flag.ContinueOnError)
	f.register(fs)
	fs.StringVar(&f.out, "out", "", "output `DIR`")
	fs.BoolVar(&f.check, "check", false, "write nothing; exit 5 if any output would change")
	fs.BoolVar(&f.verbose, "v", false, "print a summary")
	fs.DurationVar(&f.wait, "wait", 0, "wait up to `DUR` for another run to finish")
	fs.StringVar(&f.previous, "previous", "", "read the previous calendar from `URL|FILE|auto|none` when the output holds none")
	if code, ok := parseFlags(fs, buildHelp, args, stdout, stderr); !ok {
		return code
	}
	start := time.Now()
	st := newStages()
	// Every read of the site from here on is noted, for the stamp (when
	// stamps are on: the digests cost a pass over every post).
	var reads *inputs.Log
	if stampDir() != "" {
		reads = inputs.Record()
		defer reads.Stop()
	}
	// The configuration alone says where the outputs go; the lock on them
	// is taken before any post is read, so that a run that waited for
	// another never publishes posts older than what that one published.
	s, err := loadSiteConfig(&f.siteFlags)
	if err != nil {
		fmt.Fprintf(stderr, "sessionfeed: %v\n", err)
		return exitUsage
	}
	if f.verbose {
		fmt.Fprintf(stderr, "sessionfeed: %s\n", s.cfg.detected())
		writeEffectiveConfig(stderr, s.cfg, f.site)
	}
	out := outputDir(f.out, s)
	if err := checkOutputDir(out, f.out, s.cfg); err != nil {
		fmt.Fprintf(stderr, "sessionfeed: %v\n", err)
		return exitUsage
	}
	if s.cfg.previousFrom, err = previousSource(s.cfg, s.dir, f.previous, os.Getenv("CI")); err != nil {
		fmt.Fprintf(stderr, "sessionfeed: %v\n", err)
		return exitUsage
	}

	lock := lockDir
	if f.check {
		lock = readLockDir
	}
	unlock, err := lock(out, f.wait)
	if errors.Is(err, errLocked) {
		fmt.Fprintf(stderr, "sessionfeed: another sessionfeed run is writing %s; try again later, or pass -wait 5m to wait for it\n", out)
		return exitBusy
	}
	if err != nil {
		fmt.Fprintf(stderr, "sessionfeed: %v\n", err)
		return exitIO
	}
	defer unlock()
	// Every output this run looks at, it looks at from now on: one that
	// changes later than this (by another hand) may have been compared
	// before it changed, and is no output the stamp may vouch for. The
	// time is the output folder's file system's, in its own ticks.
	var locked time.Time
	if !f.check && reads != nil {
		locked, _ = fileClock(out) // zero on failure: no stamp
	}

	cfg := s.cfg
	if err := checkNoLinks(out, cfg.Calendar.Path, path.Join(cfg.Calendar.SessionsDir, "x.ics"), cfg.Feed.Path,
		deref(cfg.Feed.RSSPath), deref(cfg.Feed.JSONPath)); err != nil {
		fmt.Fprintf(stderr, "sessionfeed: %v\n", err)
		return exitUsage
	}
	st.done("lock")
	stampAt := stampFile(out)
	key, err := stampKey(&f, s, out)
	if err != nil {
		stampAt = ""
	}
	if code, done := stopAtStamp(&f, stampAt, key, s, out, st, start, stderr); done {
		return code
	}
	defer paceCollector(s)()
	s.openCaches()
	// Only the feeds' entries need their Markdown once the sessions are
	// read: at 35,000 posts the bodies are most of what a build would hold.
	if err := s.loadPosts(&f.siteFlags, feedEntries(cfg)); err != nil {
		fmt.Fprintf(stderr, "sessionfeed: %v\n", err)
		return exitUsage
	}
	st.done("load")

	plan, err := makePlan(s, out, st, !f.check)
	var prevErr *previousError
	if errors.As(err, &prevErr) {
		fmt.Fprintf(stderr, "sessionfeed: %v\n", err)
		return exitErrors
	}
	if err != nil {
		fmt.Fprintf(stderr, "sessionfeed: %v\n", err)
		return exitIO
	}
	diags := append(s.diags, plan.diags...)
	errs := printDiagnostics(stderr, diags, f.quiet, f.strict)

	if f.check {
		stale := plan.stale()
		for _, name := range stale {
			fmt.Fprintf(stderr, "%s: out of date\n", name)
		}
		if f.verbose {
			st.print(stderr)
		}
		switch {
		case errs > 0:
			return exitErrors
		case len(stale) > 0:
			return exitStale
		}
		return exitOK
	}

	written, unchanged, err := plan.apply()
	if err != nil {
		fmt.Fprintf(stderr, "sessionfeed: writing the outputs: %v\n", err)
		return exitIO
	}
	st.done("write")
	for _, c := range s.caches() {
		err := c.save()
		if f.verbose {
			fmt.Fprintf(stderr, "sessionfeed: %s\n", c.summary())
			if err != nil {
				fmt.Fprintf(stderr, "sessionfeed: not kept for the next run: %v\n", err)
			}
		}
	}
	if s.copies.used() && f.verbose {
		fmt.Fprintf(stderr, "sessionfeed: %s\n", s.copies.summary())
	}
	if testHookBeforeStamp != nil {
		testHookBeforeStamp()
	}
	if stampAt != "" && reads != nil {
		reads.Stop()
		if err := saveStamp(stampAt, key, s, plan, diags, written, reads, locked); err != nil && f.verbose {
			fmt.Fprintf(stderr, "sessionfeed: no stamp for the next run: %v\n", err)
		}
	}
	if f.verbose {
		st.print(stderr)
		fmt.Fprintf(stderr, "sessionfeed: %d posts, %d sessions; %d files written, %d unchanged, %d removed; %s\n",
			len(s.posts), len(s.sessions()), written, unchanged, len(plan.remove), time.Since(start).Round(time.Millisecond))
	}
	if errs > 0 {
		return exitErrors
	}
	return exitOK
}

// stopAtStamp reads the stamp in stampAt and, when it still holds, says
// the diagnostics of the build that made it and returns that build's exit
// status, done. Otherwise the run goes on to build (-v says why).
func stopAtStamp(f *buildFlags, stampAt, key string, s *site, out string, st *stages, start time.Time, stderr io.Writer) (code int, done bool) {
	old := readStamp(stampAt)
	if old == nil {
		return 0, false
	}
	why, ok := old.holds(key, s.now, out)
	st.done("stamp")
	if !ok {
		if f.verbose {
			fmt.Fprintf(stderr, "sessionfeed: building: %s since the last build\n", why)
		}
		return 0, false
	}
	os.Chtimes(stampAt, time.Time{}, time.Now()) // used: not to be trimmed
	errs := printDiagnostics(stderr, old.diags, f.quiet, f.strict)
	if f.verbose {
		st.print(stderr)
		fmt.Fprintf(stderr, "sessionfeed: %d posts, %d sessions; up to date: nothing the last build read has changed; %s\n",
			old.posts, old.sessions, time.Since(start).Round(time.Millisecond))
	}
	if errs > 0 {
		return exitErrors, true
	}
	return exitOK, true
}

// testHookBeforeStamp, when set, runs after a build wrote its outputs and
// before it saves its stamp.
var testHookBeforeStamp func()

// saveStamp writes the stamp of a build that wrote nothing, removed nothing
// and read the previous calendar whole: a later run that finds everything it depended on
// unchanged stops early (see stamp). since is when the build began to look
// at the outputs. After any other build the old stamp is removed.
func saveStamp(file, key string, s *site, plan *buildPlan, diags []diag.Diagnostic, written int, reads *inputs.Log, since time.Time) error {
	var why error
	switch {
	case written > 0 || len(plan.remove) > 0:
		why = errors.New("this run changed the outputs; the next one checks them")
	case slices.ContainsFunc(plan.diags, func(d diag.Diagnostic) bool { return d.Severity == diag.Error }):
		// A post's errors come of what was read, and come again from the
		// same reads; the previous calendar's may not (a read that took
		// too long).
		why = errors.New("the previous calendar could not be read whole")
	}
	if why == nil {
		why = reads.Consistent()
	}
	var outputs []outputFact
	if why == nil {
		outputs, why = outputStates(plan, s.cfg.Calendar.SessionsDir, since)
	}
	if why != nil {
		removeStamp(file)
		return why
	}
	return writeStamp(file, &stamp{key: key, span: s.clock.Span(), posts: len(s.posts), sessions: len(s.sessions()),
		diags: diags, facts: reads.Facts(), outputs: outputs})
}

// buildPlan is everything a build would write and remove, computed before
// anything is touched.
type buildPlan struct {
	out    string
	files  []planFile // in write order: per-session files, then calendar, then feed
	remove []string   // per-session files of events no longer in the calendar
	diags  []diag.Diagnostic

	// The per-session files are files[:sessions], all in the folder
	// sessionsDir (slash-separated, below out). With early set, they are
	// being staged (see apply) while the rest of the plan is computed.
	sessions    int
	sessionsDir string
	copies      *copyStore
	early       chan stagingResult
}

type stagingResult struct {
	g   *staging
	err error
}

type planFile struct {
	name string // path below out, slash-separated
	data []byte
}

// makePlan computes every output of the build and what it replaces, and
// ends a stage of st (which may be nil) at each output it computed. With
// stageEarly, the per-session files are written under temporary names
// (nothing is replaced) while the feeds and the rest are computed, on
// another core: a fresh build writes hundreds of them; apply then puts
// them in place.
func makePlan(s *site, out string, st *stages, stageEarly bool) (*buildPlan, error) {
	cfg := s.cfg
	p := &buildPlan{out: out, copies: s.copies}
	done := false
	defer func() {
		if !done {
			p.discard()
		}
	}()

	rendered, renderedAll := renderEntries(s)
	defer renderedAll()
	prev, err := previousCalendar(out, cfg)
	if err != nil {
		return nil, err
	}
	incomplete, failed := s.readErrors()
	cal, err := ical.Calendar(ical.Options{
		Name:          cfg.Calendar.Name,
		Description:   cfg.Calendar.Description,
		URL:           cfg.BaseURL,
		Source:        publishedURL(cfg, cfg.Calendar.Path),
		FeedURL:       publishedURL(cfg, cfg.Feed.Path),
		Refresh:       time.Duration(cfg.Calendar.Refresh),
		KeepCancelled: time.Duration(cfg.Calendar.KeepCancelled),
		Past:          time.Duration(cfg.Calendar.Past),
		Now:           s.now,
		Clock:         s.clock,
		Path:          cfg.Calendar.Path,
		Posts:         s.posts,
		Incomplete:    incomplete,
		Failed:        failed,
	}, s.sessions(), prev)
	if err != nil {
		return nil, fmt.Errorf("building the calendar: %w", err)
	}
	p.diags = append(p.diags, cal.Diagnostics...)
	if w := calendarSizeWarning(cal.Calendar); w != "" {
		p.diags = append(p.diags, diag.Warnf(cfg.Calendar.Path, 0, "%s", w))
	}

	dir := cfg.Calendar.SessionsDir
	keep := make(map[string]bool)
	for _, f := range cal.Sessions {
		if f.Name != path.Base(f.Name) || strings.HasPrefix(f.Name, ".") || !strings.HasSuffix(f.Name, ".ics") {
			return nil, fmt.Errorf("refusing to write session file %q outside %s", f.Name, dir)
		}
		keep[f.Name] = true
		p.files = append(p.files, planFile{path.Join(dir, f.Name), f.Data})
	}
	p.sessions, p.sessionsDir = len(p.files), dir
	sessionsDir := filepath.Join(out, filepath.FromSlash(dir))
	if fi, err := os.Lstat(sessionsDir); err == nil && !fi.IsDir() {
		return nil, fmt.Errorf("%s is not a directory; sessionfeed will not write through it", sessionsDir)
	}
	entries, err := os.ReadDir(sessionsDir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	if stageEarly {
		p.early = make(chan stagingResult, 1)
		files := p.files[:p.sessions:p.sessions]
		go func() {
			g, err := stageSessions(out, dir, files, s.copies)
			p.early <- stagingResult{g, err}
		}()
	}
	p.files = append(p.files, planFile{cfg.Calendar.Path, cal.Calendar})
	st.done("calendar")
	// sessions.json and the page are computed while the feeds are: each
	// only reads the calendar and the posts.
	var sessionFiles []planFile
	var sessionsErr error
	sessionsDone := make(chan struct{})
	go func() {
		defer close(sessionsDone)
		sessionFiles, sessionsErr = sessionsFiles(s, cal)
	}()
	renderedAll()
	feeds, err := feedFiles(s, cal, rendered)
	if err != nil {
		<-sessionsDone
		return nil, err
	}
	p.files = append(p.files, feeds...)
	st.done("feed")
	<-sessionsDone
	if sessionsErr != nil {
		return nil, sessionsErr
	}
	p.files = append(p.files, sessionFiles...)
	st.done("sessions")

	for _, e := range entries {
		if !keep[e.Name()] && ownSessionFile(filepath.Join(sessionsDir, e.Name())) {
			p.remove = append(p.remove, path.Join(dir, e.Name()))
		}
	}
	done = true
	return p, nil
}

// ownSessionFile reports whether name is a per-session file this tool wrote,
// so that files other tools put in the same folder are never removed.
func ownSessionFile(name string) bool {
	if !strings.HasSuffix(name, ".ics") {
		return false
	}
	f, err := openRegular(name)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 512)
	n, _ := io.ReadFull(f, head)
	return bytes.Contains(head[:n], []byte("\r\nPRODID:"+ical.ProdID+"\r\n"))
}

// removeLeftovers removes the temporary files that a run killed while
// writing left of files (stageFile names them ".NAME.tmp…" beside NAME).
// Only called under the output directory's lock, so no live run owns them.
func removeLeftovers(out string, files []planFile) {
	planned := make(map[string]map[string]bool) // dir → base names
	for _, f := range files {
		dir, base := path.Split(f.name)
		if planned[dir] == nil {
			planned[dir] = make(map[string]bool)
		}
		planned[dir][base] = true
	}
	for dir, bases := range planned {
		entries, _ := os.ReadDir(filepath.Join(out, filepath.FromSlash(dir)))
		for _, e := range entries {
			name, ok := strings.CutPrefix(e.Name(), ".")
			i := strings.LastIndex(name, ".tmp")
			if ok && i > 0 && bases[name[:i]] && e.Type().IsRegular() {
				os.Remove(filepath.Join(out, filepath.FromSlash(dir), e.Name()))
			}
		}
	}
}

// removeLeftoverFolders removes the temporary folders that a run killed
// while writing left beside the folder dir (stageFolder names them
// ".NAME.tmp…"), under the same lock.
func removeLeftoverFolders(out, dir string) {
	parent, base := path.Split(dir)
	entries, _ := os.ReadDir(filepath.Join(out, filepath.FromSlash(parent)))
	for _, e := range entries {
		rest, ok := strings.CutPrefix(e.Name(), "."+base+".tmp")
		if ok && rest != "" && e.IsDir() {
			os.RemoveAll(filepath.Join(out, filepath.FromSlash(parent), e.Name()))
		}
	}
}

// stale lists the outputs that a build would change.
func (p *buildPlan) stale() []string {
	var names []string
	for _, f := range p.files {
		if !sameContent(filepath.Join(p.out, filepath.FromSlash(f.name)), f.data) {
			names = append(names, f.name)
		}
	}
	names = append(names, p.remove...)
	slices.Sort(names)
	return names
}

// apply writes the plan: each file atomically, per-session files before the
// calendar that lists them, the feed last. Every changed file is first
// written whole under a temporary name (the per-session files, when their
// folder does not exist yet, into a new folder under a temporary name);
// once all of them are on disk (syncStaged: one flush for the lot, not one
// fsync per file, which cost 44 s for 88,000 session files), they are
// renamed into place in plan order, and each folder whose entries changed
// is synced once. A run killed or failing (a full disk) before the renames
// leaves every output as it was.
func (p *buildPlan) apply() (written, unchanged int, err error) {
	var g *staging
	if p.early != nil {
		r := <-p.early
		p.early = nil
		g, err = r.g, r.err
	} else {
		g, err = stageSessions(p.out, p.sessionsDir, p.files[:p.sessions], p.copies)
	}
	defer g.discard()
	if err != nil {
		return 0, g.unchanged, err
	}
	rest := p.files[p.sessions:]
	removeLeftovers(p.out, rest)
	if err := g.stage(p.out, rest); err != nil {
		return 0, g.unchanged, err
	}
	remove := make([]string, len(p.remove))
	for i, name := range p.remove {
		remove[i] = filepath.Join(p.out, filepath.FromSlash(name))
	}
	written, err = g.commit(remove)
	return written, g.unchanged, err
}

// stageSessions removes what killed runs left of the per-session files,
// all in the folder dir, and stages them: in a new folder when theirs does
// not exist.
func stageSessions(out, dir string, files []planFile, copies *copyStore) (*staging, error) {
	g := &staging{copies: copies}
	if dir != "" {
		removeLeftoverFolders(out, dir)
	}
	if len(files) == 0 {
		return g, nil
	}
	removeLeftovers(out, files)
	if _, err := os.Lstat(filepath.Join(out, filepath.FromSlash(dir))); errors.Is(err, fs.ErrNotExist) {
		return g, g.stageFolder(out, dir, files)
	}
	return g, g.stage(out, files)
}

// discard waits for the staging started early, if any, and removes what
// it wrote.
func (p *buildPlan) discard() {
	if p.early != nil {
		r := <-p.early
		p.early = nil
		r.g.discard()
	}
}

// paceCollector sets, once Load says how many posts it will read (s.found),
// how often the collector runs, and returns what restores the pace it
// found.
//
// A build allocates many times what it keeps (each post's text and parse
// trees) and is over in a moment: collecting every 4 MB, the runtime's pace
// for a small heap, cost a seventh of a fresh build of 350 posts. So the
// collector does not run for a tiny site (a build of 350 posts allocates 20
// MB in all, 500 unread posts 50 MB) unless its memory nears
// tinySiteMemory, and runs at a fifth of the usual pace for a small one; a
// big site's build holds hundreds of MB, where the usual pace keeps the
// peak down. A GOGC the user set is left alone, and a GOMEMLIMIT takes
// tinySiteMemory's place.
func paceCollector(s *site) (restore func()) {
	reset := func() {} // set by s.found, which runs later
	if os.Getenv("GOGC") == "" {
		s.found = func(files int) {
			switch {
			case files <= tinySite:
				usual := debug.SetGCPercent(-1)
				limit := debug.SetMemoryLimit(-1) // as it is
				if os.Getenv("GOMEMLIMIT") == "" {
					debug.SetMemoryLimit(tinySiteMemory) // else the user's is the bound
				}
				reset = func() {
					debug.SetGCPercent(usual)
					debug.SetMemoryLimit(limit)
				}
			case files <= smallSite:
				usual := debug.SetGCPercent(400)
				reset = func() { debug.SetGCPercent(usual) }
			}
		}
	}
	return func() { reset() }
}
