package posts

import (
	"bytes"
	"errors"
	"fmt"
	"github.com/sessionfeed/sessionfeed/posts/markdown"
	"io/fs"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/sessionfeed/sessionfeed/posts/diag"
	"github.com/sessionfeed/sessionfeed/posts/inputs"
	"github.com/sessionfeed/sessionfeed/posts/schedule"
	"github.com/sessionfeed/sessionfeed/posts/timeexpr"
	"hash/maphash"
)

// maxPostSize bounds what is read of one file: no Markdown post comes near
// it, and a stray disk image named .md must not exhaust memory.
const maxPostSize = 64 << 20

// contentFolders are tried in order when the site names no content folder
// (Hugo and Zola, Jekyll, and a plain folder of posts).
var contentFolders = []string{"content", "_posts", "posts"}

// Load reads every post of the site: each .md and .markdown file under the
// content folder, and each page bundle (a folder holding index.md, whose
// other Markdown files are its resources, not posts). Section pages
// (_index.md), drafts and, unless site.IncludeFuture, posts dated after
// site.Now are skipped. Symbolic links are not followed.
//
// Posts come as feeds publish them: newest first, posts of the same
// instant as the generator lists them (Generator.Compare), each permalink
// once. Of two posts with the same permalink the first by Source is kept;
// of two whose permalinks are written apart but name the same page (in
// uri.Canonical form, as a feed's ids) the newer, or of two of the same
// instant the first listed. The other is left out with an Error. Every
// problem with a post is a
// Diagnostic: with Severity Error the post, or the session, was left out;
// with Warning it was kept. Diagnostics come sorted by file and line. The
// error is reserved for problems that stop the whole site from being read,
// such as a missing content folder.
func Load(site *Site) ([]*Post, []Diagnostic, error) {
	if site == nil {
		return nil, nil, errors.New("posts: no site to load")
	}
	l := &loader{site: site, loc: site.Location, zones: site.Zones, now: site.Now, gen: site.Generator}
	if l.loc == nil {
		l.loc = time.UTC
	}
	if l.now.IsZero() {
		l.now = time.Now()
	}
	l.clock = site.Clock
	if l.clock == nil {
		l.clock = inputs.NewClock(l.now)
	}
	l.now = l.clock.Now()
	if l.gen == nil {
		l.gen = Own{Pattern: site.Permalink}
	}
	if l.zones == nil {
		z, err := timeexpr.NewZones(nil)
		if err != nil {
			return nil, nil, fmt.Errorf("posts: zone table: %w", err)
		}
		l.zones = z
	}
	dir, rel, err := contentFolder(site)
	if err != nil {
		return nil, nil, err
	}
	l.rootRel = rel
	site.contentRel = rel
	if err := l.walk(dir); err != nil {
		return nil, nil, err
	}
	if site.Found != nil {
		site.Found(len(l.files))
	}
	l.readPosts()
	l.dropDuplicatePermalinks()
	l.newestFirst()
	l.dropEquivalentPermalinks()
	ps := make([]*Post, len(l.pages))
	for i, pg := range l.pages {
		ps[i] = pg.Post
	}
	if site.FeedLimit > 0 {
		l.readBodies(ps, site.FeedLimit)
	}
	return ps, sortDiagnostics(l.diags), nil
}

// loader is the state of one Load.
type loader struct {
	site    *Site
	loc     *time.Location // site.Location, or UTC
	zones   *timeexpr.Zones
	now     time.Time
	clock   *inputs.Clock // l.now, asked by the generator's Published
	gen     Generator
	rootRel string     // content folder relative to site.Dir, slash-separated
	files   []postFile // found by walk, read by readPosts
	pages   []*Page
	diags   []Diagnostic
}

// postFile is a file walk found to be a post.
type postFile struct {
	file, rel string
	bundle    bool
}

func (l *loader) report(file string, line int, sev Severity, format string, args ...any) {
	l.diags = append(l.diags, Diagnostic{File: file, Line: line, Severity: sev, Message: fmt.Sprintf(format, args...)})
}

// contentFolder finds the posts' folder on disk and its name relative to
// the site root.
func contentFolder(site *Site) (dir, rel string, err error) {
	candidates, explicit := contentFolders, site.ContentDir != ""
	if explicit {
		candidates = []string{site.ContentDir}
	}
	for _, c := range candidates {
		dir := filepath.FromSlash(c)
		if !filepath.IsAbs(dir) {
			dir = filepath.Join(site.Dir, dir)
		}
		fi, err := inputs.Stat(dir)
		switch {
		case err != nil && explicit:
			return "", "", fmt.Errorf("content folder %s: %w", c, err)
		case err != nil && !errors.Is(err, fs.ErrNotExist):
			return "", "", fmt.Errorf("content folder %s: %w", c, err)
		case err != nil:
			continue
		case !fi.IsDir():
			if explicit {
				return "", "", fmt.Errorf("content folder %s is not a folder", c)
			}
			continue
		}
		rel = path.Clean(filepath.ToSlash(c))
		if filepath.IsAbs(c) {
			if r, err := filepath.Rel(site.Dir, c); err == nil {
				rel = filepath.ToSlash(r)
			}
		}
		return dir, rel, nil
	}
	return "", "", fmt.Errorf("no content folder: none of content/, _posts/, posts/ exists in %s (set content in sessionfeed.toml)", site.Dir)
}

// walk reads every post under the content folder dir.
func (l *loader) walk(dir string) error {
	// The content folder itself may be a link (content -> ../shared/posts);
	// nothing below it is followed.
	root, err := inputs.EvalSymlinks(dir)
	if err != nil {
		return fmt.Errorf("content folder %s: %w", l.rootRel, err)
	}
	err = inputs.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		source := path.Join(l.rootRel, rel)
		if err != nil {
			if p == root {
				return err
			}
			l.report(source, 0, Error, "cannot read: %s", reason(err))
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if p == root {
			return nil
		}
		if l.gen.Skip(source, d.IsDir()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		name := d.Name()
		switch {
		case strings.HasPrefix(name, "."): // .git, editor files
			if d.IsDir() {
				return fs.SkipDir
			}
		case d.Type()&fs.ModeSymlink != 0:
			l.symlink(p, source, name)
		case d.IsDir():
			if index, ok := bundleIndex(p); ok {
				l.files = append(l.files, postFile{filepath.Join(p, index), rel + "/" + index, true})
				return fs.SkipDir
			}
		case l.gen.Format(name) == "":
		case isSectionPage(name, rel):
		case !d.Type().IsRegular():
			l.report(source, 0, Warning, "not a regular file; skipped")
		default:
			l.files = append(l.files, postFile{p, rel, false})
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("content folder %s: %w", l.rootRel, err)
	}
	return nil
}

func isMarkdown(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".md", ".markdown":
		return true
	}
	return false
}

// isSectionPage tells list pages from posts: Hugo's and Zola's _index.md
// anywhere, and an index.md directly in the content folder (a leaf bundle
// index elsewhere is a post, and is read through bundleIndex).
func isSectionPage(name, rel string) bool {
	base := strings.ToLower(strings.TrimSuffix(name, filepath.Ext(name)))
	return base == "_index" || (base == "index" && !strings.Contains(rel, "/"))
}

// bundleIndex tells whether dir is a page bundle, and names its index file.
func bundleIndex(dir string) (string, bool) {
	for _, name := range []string{"index.md", "index.markdown"} {
		if fi, err := inputs.Lstat(filepath.Join(dir, name)); err == nil && fi.Mode().IsRegular() {
			return name, true
		}
	}
	return "", false
}

// symlink reports a link that looks like a post or a folder of posts, or
// that cannot be resolved (a loop). Links to other files (images,
// stylesheets) and dangling links to them are no concern of ours.
func (l *loader) symlink(p, source, name string) {
	fi, err := inputs.Stat(p)
	switch {
	case isMarkdown(name), err == nil && fi.IsDir():
		l.report(source, 0, Warning, "symbolic link not followed; point the content folder at the real files instead")
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		l.report(source, 0, Warning, "symbolic link not followed (%s)", reason(err))
	}
}

// reason is an error's message without the file name, which the
// diagnostic already carries.
func reason(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// readPosts reads the posts walk found, several at a time (reading and
// parsing one post is independent of the others), and adds each, or the
// reason it was left out, to l in the order walk found them, so that the
// result does not depend on which finished first.
func (l *loader) readPosts() {
	type result struct {
		pg    *Page
		diags []Diagnostic
	}
	results := make([]result, len(l.files))
	workers := min(len(l.files), runtime.GOMAXPROCS(0))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= len(l.files) {
					return
				}
				results[i].pg, results[i].diags = l.readPost(l.files[i])
			}
		})
	}
	wg.Wait()
	for _, r := range results {
		l.diags = append(l.diags, r.diags...)
		if r.pg != nil {
			l.pages = append(l.pages, r.pg)
		}
	}
	l.files = nil
}

// readPost reads the post in f: the page, or nil when it is left out, and
// its diagnostics. It changes nothing in l, so that posts can be read in
// parallel.
func (l *loader) readPost(f postFile) (*Page, []Diagnostic) {
	source := path.Join(l.rootRel, f.rel)
	data, err := readFile(f.file)
	if err != nil {
		return nil, []Diagnostic{{File: source, Severity: Error, Message: reason(err)}}
	}
	pg, diags := l.parsePost(data, source, f.rel, f.bundle)
	if pg != nil && pg.Post != nil && l.site.FeedLimit > 0 { // its body may be read again
		pg.Post.file, pg.Post.sum = f.file, maphash.Bytes(bodySeed, data)
	}
	for i := range diags {
		diags[i].File = source
	}
	return pg, diags
}

// bodySeed seeds the hashes that tell a post's file unchanged when its
// body is read again (Site.FeedLimit).
var bodySeed = maphash.MakeSeed()

// readBodies reads again the bodies of the first n posts, which parsePost
// let go (Site.FeedLimit). A post whose file changed since it was read
// first is reported, and keeps no body: its entry would not match its
// sessions.
func (l *loader) readBodies(ps []*Post, n int) {
	for _, p := range ps[:min(n, len(ps))] {
		if p.Body != nil || p.file == "" {
			continue
		}
		data, err := readFile(p.file)
		if err == nil && maphash.Bytes(bodySeed, data) != p.sum {
			err = errors.New("the file changed while sessionfeed read it; run it again")
		}
		var fm frontMatter
		if err == nil {
			if data, _, err = normalizeText(data); err == nil {
				fm, err = splitFrontMatter(data)
			}
		}
		if err != nil {
			l.report(p.Source, 0, Error, "reading the body again for the feed: %s", reason(err))
			continue
		}
		p.Body, p.BodyLine = fm.body, fm.bodyLine
	}
}

// readFile reads a regular file of bounded size.
func readFile(file string) ([]byte, error) {
	data, err := inputs.ReadFile(file, maxPostSize)
	if err != nil {
		return nil, err
	}
	if len(data) > maxPostSize {
		if fi, err := inputs.Stat(file); err == nil && fi.Size() > maxPostSize {
			return nil, fmt.Errorf("file is %d MB; posts over %d MB are not read", fi.Size()>>20, maxPostSize>>20)
		}
		return nil, fmt.Errorf("file is over %d MB; posts that large are not read", maxPostSize>>20)
	}
	return data, nil
}

// normalizeText makes a file's bytes into UTF-8 text with "\n" line
// endings, keeping line numbers: a byte-order mark is dropped, CRLF and a
// lone CR (old Mac files) end a line, invalid UTF-8 becomes U+FFFD (with a
// warning). Binary and UTF-16 files are refused.
func normalizeText(data []byte) ([]byte, []Diagnostic, error) {
	if bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
		return nil, nil, errors.New("the file is UTF-16 text; save it as UTF-8")
	}
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return nil, nil, &lineError{lineAt(data, i, 1), "binary file (NUL byte), not a Markdown post"}
	}
	if bytes.IndexByte(data, '\r') >= 0 {
		data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
		data = bytes.ReplaceAll(data, []byte("\r"), []byte("\n"))
	}
	var diags []Diagnostic
	if !utf8.Valid(data) {
		bad := 0
		for bad < len(data) {
			r, n := utf8.DecodeRune(data[bad:])
			if r == utf8.RuneError && n == 1 {
				break
			}
			bad += n
		}
		diags = append(diags, Diagnostic{Line: lineAt(data, bad, 1), Severity: Warning,
			Message: "invalid UTF-8 replaced with U+FFFD (first here); save the file as UTF-8"})
		data = bytes.ToValidUTF8(data, []byte("\uFFFD"))
	}
	return data, diags, nil
}

// parsePost builds a post from a file's bytes. It returns nil when the post
// is left out: an error (reported in the diagnostics), a draft or a post
// dated in the future.
func (l *loader) parsePost(data []byte, source, rel string, bundle bool) (*Page, []Diagnostic) {
	data, diags, err := normalizeText(data)
	fail := func(err error) (*Page, []Diagnostic) {
		line := 0
		var le *lineError
		if errors.As(err, &le) {
			line, err = le.line, errors.New(le.msg)
		}
		return nil, append(diags, Diagnostic{Line: line, Severity: Error, Message: err.Error()})
	}
	if err != nil {
		return fail(err)
	}
	fm, err := splitFrontMatter(data)
	if err != nil {
		return fail(err)
	}
	m, err := fm.decode()
	if err != nil {
		return fail(err)
	}
	md, mdiags := readMeta(fm, m, l.gen.SpaceSeparated(source))
	diags = append(diags, mdiags...)

	// The name the post is known by: the file's, or its bundle folder's.
	dir, name := path.Split(rel)
	name = strings.TrimSuffix(name, path.Ext(name))
	if bundle {
		dir, name = path.Split(strings.TrimSuffix(dir, "/"))
	}
	pg := &Page{Source: source, Dir: dir, Name: name, Bundle: bundle,
		fm: fm, m: m, md: md, site: l.site, loc: l.loc, zone: l.zones}
	if md.draft && !l.gen.Published(pg, time.Time{}, l.clock) {
		return nil, diags // a draft needs no date
	}
	date, err := l.gen.Date(pg)
	if err != nil {
		return fail(err)
	}
	if date.IsZero() || !l.gen.Published(pg, date, l.clock) {
		return nil, append(diags, pg.diags...)
	}

	p := &Post{Source: source, Date: date, Updated: date, Body: fm.body, BodyLine: fm.bodyLine,
		bodyHTML: l.gen.Format(path.Base(rel)) == "html",
		Authors:  md.authors, Tags: md.tags, Categories: md.categories, Summary: md.summary, site: l.site}
	warn := func(line int, format string, args ...any) {
		diags = append(diags, Diagnostic{Line: line, Severity: Warning, Message: fmt.Sprintf(format, args...)})
	}
	if md.lastmod != nil {
		u, err := parseDate(md.lastmod, l.loc, l.zones)
		switch {
		case err != nil:
			warn(fm.keyLine(md.lastmodKey), "%s: %v; using the post's date", md.lastmodKey, err)
		case u.Before(date) && !sameDay(u, date):
			warn(fm.keyLine(md.lastmodKey), "%s: %s is before the post's date; using the post's date", md.lastmodKey, u.Format(time.RFC3339))
		case u.Before(date): // lastmod = 2021-04-07 for a post of 2021-04-07T10:00
		default:
			p.Updated = u
		}
	}

	var urlPath string
	p.Slug, urlPath = l.gen.Permalink(pg, date)
	p.URL = joinBase(l.site.BaseURL, urlPath)
	p.Aliases = aliasURLs(l.site.BaseURL, md.aliases)
	diags = append(diags, pg.diags...)
	pg.diags = nil
	pg.Date, pg.URL, pg.Post = date, p.URL, p

	p.Title = md.title
	if !md.hasTitle {
		p.Title = titleFromSlug(p.Slug)
		warn(0, "no title; using %s", short(p.Title))
	}

	if _, first, n := markdown.Guard(p.Body); n > 0 {
		warn(p.BodyLine-1+first, "%d lines nest deeper (%d bytes of \">\" and list markers) or hold more emphasis and link markers (%d a paragraph) than are rendered; the rest of them is rendered as plain text",
			n, markdown.MaxContainerPrefix, markdown.MaxParagraphDelims)
	}
	sessions, sdiags := l.sessions(p, md)
	p.Sessions = sessions
	if l.site.FeedLimit > 0 {
		// The body is read again if the post is one of the feed's.
		p.Body, pg.fm.body = nil, nil
		pg.fm.text = bytes.Clone(pg.fm.text) // not the file's bytes
	}
	return pg, append(diags, sdiags...)
}

// sameDay tells whether a falls on b's calendar day, in b's zone.
func sameDay(a, b time.Time) bool {
	a = a.In(b.Location())
	return a.Year() == b.Year() && a.YearDay() == b.YearDay()
}

// isJekyll tells whether a post sits in a Jekyll _posts folder, where a
// tags or categories string is a space-separated list.
func isJekyll(source string) bool {
	for _, elem := range strings.Split(source, "/") {
		if elem == "_posts" {
			return true
		}
	}
	return false
}

// titleFromSlug makes a readable title from a slug: "async-vision-doc" →
// "Async vision doc".
func titleFromSlug(slug string) string {
	t := strings.TrimSpace(strings.Map(func(r rune) rune {
		if r == '-' || r == '_' {
			return ' '
		}
		return r
	}, unescape(slug)))
	r, n := utf8.DecodeRuneInString(t)
	return string(unicode.ToUpper(r)) + t[n:]
}

// dropDuplicatePermalinks leaves out every post whose permalink an earlier
// post (by Source) already has.
func (l *loader) dropDuplicatePermalinks() {
	sort.Slice(l.pages, func(i, j int) bool { return l.pages[i].Source < l.pages[j].Source })
	owner := map[string]string{}
	kept := l.pages[:0]
	for _, pg := range l.pages {
		if first, dup := owner[pg.URL]; dup {
			l.report(pg.Source, 0, Error, "permalink %s is already %s's; left out (give it another slug or url)", pg.URL, first)
			continue
		}
		owner[pg.URL] = pg.Source
		kept = append(kept, pg)
	}
	l.pages = kept
}

// sessions reads a post's sessions: its front matter's sessions array,
// then the schedules in its body, dropping a body session that repeats one
// with the same start and topic. Both come in the order written.
func (l *loader) sessions(p *Post, md meta) ([]*Session, []Diagnostic) {
	sessions, diags := l.frontMatterSessions(p, md)

	res := l.scan(p.Body, schedule.Options{Post: p.Date, Location: l.site.Location, Zones: l.zones, Title: p.Title})
	entries, sdiags := res.Entries, res.Diagnostics
	fileLine := func(bodyLine int) int {
		if bodyLine <= 0 {
			return 0
		}
		return p.BodyLine - 1 + bodyLine
	}
	for _, d := range sdiags {
		d.Line = fileLine(d.Line)
		diags = append(diags, d)
	}
	resolve := p.linkResolver()
	for _, e := range entries {
		for i := range e.Links {
			// Links are resolved as the feed resolves them: against the
			// post, and base-URL placeholders against the site.
			e.Links[i].URL = resolve(e.Links[i].URL)
		}
		s := &Session{
			Post: p, Start: e.When.Start, End: e.When.End, AllDay: e.When.DateOnly,
			Topic: e.Topic, Host: e.Host, Location: e.Location, Details: e.Details, Links: e.Links,
			Line: fileLine(e.Line), Text: e.Text, Form: e.Form, From: e.From,
		}
		if s.End.IsZero() {
			s.End = l.defaultEnd(s.Start, s.AllDay)
		}
		if dupSession(sessions, s) {
			continue
		}
		sessions = append(sessions, s)
	}
	for _, r := range res.Rejected {
		p.Rejected = append(p.Rejected, Rejection{Line: fileLine(r.Line), Text: r.Text, Reason: r.Reason})
	}
	return sessions, diags
}

// defaultEnd is the end of a session whose end is not written: the next
// midnight for an all-day session, else the site's default duration.
func (l *loader) defaultEnd(start time.Time, allDay bool) time.Time {
	if allDay {
		return nextMidnight(start)
	}
	d := l.site.DefaultDuration
	if d <= 0 {
		d = time.Hour
	}
	return start.Add(d)
}

// nextMidnight is the start of the day after t's, in t's zone.
func nextMidnight(t time.Time) time.Time {
	y, m, d := t.Date()
	next := time.Date(y, m, d+1, 0, 0, 0, 0, t.Location())
	if _, _, nd := next.Date(); nd == d {
		// That midnight does not exist (Brazil until 2019, Chile, Cuba…):
		// time.Date fell back into the day before, and the next day begins
		// when the clocks jump.
		_, next = next.ZoneBounds()
	}
	return next
}

func dupSession(sessions []*Session, s *Session) bool {
	for _, o := range sessions {
		if o.Start.Equal(s.Start) && o.Topic == s.Topic {
			return true
		}
	}
	return false
}

// sortDiagnostics orders diagnostics by file, line and message, and drops
// repeats.
func sortDiagnostics(ds []Diagnostic) []Diagnostic { return diag.Sort(ds) }
