// Package posts turns a site directory into posts, each with the sessions
// its schedule announces.
//
// Load walks the site's content folder, reads every Markdown post's front
// matter (TOML, YAML or JSON), works out its publication date and permalink,
// and extracts the sessions from its tables, lists and front matter. Problems
// are reported as positioned diagnostics ("file:line: message"); a bad post
// never stops the others from loading.
//
// Which files are posts, each post's date, slug and permalink, and the
// order of posts of the same instant, are what the site's generator
// decides: Site.Generator, built by ReadSiteConfig from a Hugo, Jekyll or
// Zola site's own configuration (hugo.go, jekyll.go, zola.go), or Own for
// a site described by sessionfeed.toml alone. Load asks it and never asks
// which generator it is.
//
// The package knows nothing of feeds or calendars: it provides every fact
// they need on Post and Session, and decides once which posts are
// published and in which order, so that they only format what Load
// returns.
package posts

import (
	"time"

	"github.com/sessionfeed/sessionfeed/posts/diag"
	"github.com/sessionfeed/sessionfeed/posts/inputs"
	"github.com/sessionfeed/sessionfeed/posts/schedule"
	"github.com/sessionfeed/sessionfeed/posts/timeexpr"
)

// Site is what Load needs to know about a site.
type Site struct {
	Dir        string // the site's root folder on disk
	ContentDir string // posts' folder relative to Dir; "" means the first of content, _posts, posts that exists

	BaseURL   string // absolute, ends with "/"
	Permalink string // pattern with :year :month :day :slug :filename :section; "" means "/:year/:month/:day/:slug/"

	Location        *time.Location  // zone for dates and times that name none; nil when not configured
	Zones           *timeexpr.Zones // abbreviations → zones (built-in table plus the config's [zones])
	DefaultDuration time.Duration   // length of a session whose end is not written; 0 means 1h

	IncludeFuture bool // keep posts dated after Now
	// FeedLimit, when positive, is how many of the newest posts need their
	// Body (a feed's entries): the others let theirs go once their
	// sessions are read, so that a big site is never held in memory whole.
	// Zero keeps every post's Body.
	FeedLimit int
	Now       time.Time // the moment "future" is measured from
	// Clock, when set, is asked instead of Now, and keeps the span of
	// instants at which the posts published would be the same.
	Clock *inputs.Clock

	// Generator decides which files are posts, their dates, permalinks
	// and order; nil means Own{Pattern: Permalink}.
	Generator Generator

	// Scans, when set, keeps what the bodies' sessions read as, for the
	// next Load of the same program.
	Scans ScanCache
	// Found, when set, is told how many files Load is about to read as
	// posts, once it has found them and before it reads any.
	Found func(files int)

	contentRel string // the content folder relative to Dir, found by Load
}

// Person is an author.
type Person struct {
	Name  string
	Email string
	URI   string
}

// Link is a link written in a schedule entry (a converter link in the time
// cell, a link in the topic).
type Link = schedule.Link

// Post is one published post.
type Post struct {
	Source string // slash-separated path relative to the site root, for diagnostics

	Title      string
	Date       time.Time // publication instant, in the zone it was written in
	Updated    time.Time // last modification; equals Date when the post names none
	Slug       string
	URL        string   // absolute permalink
	Aliases    []string // absolute URLs the post was published at before (Hugo/Zola aliases, Jekyll redirect_from)
	Authors    []Person
	Tags       []string
	Categories []string
	Summary    string

	Body     []byte // Markdown after the front matter (HTML when bodyHTML)
	BodyLine int    // line of Source on which Body starts (1-based)

	Sessions []*Session
	// Rejected is what the body dates but does not announce as a session
	// (a deadline, a past event), with why: "sessions -v" shows it.
	Rejected []Rejection

	site     *Site
	bodyHTML bool   // the post is written in HTML (a Jekyll .html post), not Markdown
	file     string // the file Body was read from, to read it again (Site.FeedLimit)
	sum      uint64 // the file's bytes' maphash, to tell that they did not change since
}

// Rejection is a dated line of a post that was considered as a session and
// left out.
type Rejection struct {
	Line   int // line of Post.Source; 0 for the title
	Text   string
	Reason string
}

// Session is one scheduled session announced by a post.
//
// Start and End carry the session's own zone: for a zone from the tz
// database, Start.Location().String() is its IANA name ("America/New_York",
// "UTC"); a session written with a bare UTC offset has a time.FixedZone whose
// name is not an IANA name, and calendars should write it in UTC.
type Session struct {
	Post *Post

	Start  time.Time
	End    time.Time // exclusive; for all-day sessions, midnight after the last day
	AllDay bool      // Start is midnight of the first day in Start's zone

	Topic    string   // plain text; "" when the post gives none
	Host     string   // plain text
	Location string   // where it happens, when the post says
	URL      string   // a link the post gives for the session itself, else ""
	Details  []string // further plain-text lines ("Notes: bring questions")
	Links    []Link   // links written in the entry

	Line int    // line of Post.Source where the entry is written
	Text string // the time expression as written, e.g. "Thu at 07:00 ET"
	Form string // how it was written: table, list, heading, sentence, title, front matter
	From string // where its date, time or zone came from when not from Text ("date from the title")

	// UID is the identity the author gave the session (a front matter
	// session's uid), kept whatever else changes; "" when none was given.
	UID string
}

// Severity tells a warning from an error.
type Severity = diag.Severity

const (
	Warning = diag.Warning // the output is written; something may be off
	Error   = diag.Error   // the post (or entry) was left out
)

// Diagnostic is a problem found in a post, with where it was found.
type Diagnostic = diag.Diagnostic
