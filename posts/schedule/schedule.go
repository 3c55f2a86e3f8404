// Package schedule finds the sessions a post's Markdown body announces: pipe
// tables with a time column, list items that open with a date or time, read
// the way a person reads them.
//
// Read works in three steps. A line-based block reader (blocks.go) finds the
// tables, list items, prose paragraphs and link reference definitions,
// skipping code blocks and HTML comments. Each table and each list is then
// read as a whole: its rows or items become candidates, each with its time
// expression resolved by package timeexpr against the post's date and the
// candidate above it. Finally the whole table or list is judged. It is not
// a schedule, and yields nothing, not even diagnostics, when it resolves to
// no date at all (times of an unnamed day, prose, numbers), mostly to dates
// well before the post (a release history, minutes), only to dates before
// the post's day (an outage timeline, a recap), to year-less dates that go
// backwards (a log, newest first), or when most of its time
// cells hold no time at all (a benchmark table with a "Time" column). A
// table whose time cells are mostly dates that cannot be resolved
// ("February 30th") is a schedule gone wrong, and says so. Only a table or
// list judged a schedule reports its problems: rows whose time cannot be
// read, malformed rows, dates with no time of day.
//
// How a row or item is read:
//   - Table columns are mapped by header (headers.go); a Date column and a
//     Time column (and an End column) are read as one expression, a zone in
//     a time header ("When (ET)") applies to the cells, and a row that leaves
//     the date empty repeats the one above.
//   - A list item is an entry when it opens with a date or time; the rest,
//     after connective punctuation, is its topic.
//   - Each expression resolves after the entry above it, so "Mon" then
//     "Fri" are in order; entries that say there is no session ("No
//     meeting", "Cancelled", "Holiday", a struck-through date) are skipped
//     silently but still order the ones below.
//   - A time of day with no date takes the day written in the paragraph
//     just above the table or list, or in its heading ("### Friday, April
//     9"); a date with no time of day takes the hours the prose states once
//     ("Each meeting will run from 2pm to 3pm GMT"), else becomes an
//     all-day event with one warning per table or list.
package schedule

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/sessionfeed/sessionfeed/posts/diag"
	"github.com/sessionfeed/sessionfeed/posts/timeexpr"
)

// Link is a link written in an entry.
type Link struct {
	Text string
	URL  string
}

// Options is what Read resolves relative times against.
type Options struct {
	Post     time.Time       // the post's date
	Location *time.Location  // the site's zone for times that name none; nil when not configured
	Zones    *timeexpr.Zones // abbreviation table
	Title    string          // the post's title, where a date or hour may be stated alone
}

// Entry is one session as written in the body.
type Entry struct {
	Line     int    // 1-based line in the body
	Text     string // the time expression as written ("Thu at 07:00 ET")
	When     timeexpr.When
	Topic    string // plain text, Markdown stripped
	Host     string
	Location string
	Details  []string // other columns as "Header: value"; an announcement's sentence
	Links    []Link
	Form     string // how it was written: "table", "list", "heading", "sentence", "title"
	From     string // where its date, hours or zone came from when not from Text: "date from the title"
}

// Rejection is a dated text that was considered as a session and left out,
// with the reason: an author runs "sessions -v" to see why.
type Rejection struct {
	Line   int // 0 for the title
	Text   string
	Reason string
}

// Result is what Scan finds in a body.
type Result struct {
	Entries     []Entry
	Diagnostics []Diagnostic
	Rejected    []Rejection
}

// Diagnostic is a problem with a line of the body (File is left to the
// caller). Severity Error: the entry was left out.
type Diagnostic = diag.Diagnostic

// Read returns the sessions body announces, in the order written, and the
// problems found in the schedules it holds. Lines are counted from 1 at the
// start of body, ending at "\n", "\r\n" or a lone "\r".
func Read(body []byte, opts Options) ([]Entry, []Diagnostic) {
	res := Scan(body, opts)
	return res.Entries, res.Diagnostics
}

// Scan is Read, with what was considered and left out.
func Scan(body []byte, opts Options) Result {
	body = bytes.TrimPrefix(body, []byte("\uFEFF")) // a byte-order mark is not text
	text := string(body)
	inBody := mayAnnounce(text)
	if !inBody && !mayAnnounce(opts.Title) {
		return Result{}
	}
	r := &reader{opts: opts, doc: &document{}}
	if inBody {
		r.doc = scanDocument(text)
	}
	if loc, text := r.statedZone(); loc != nil {
		r.opts.Location, r.zoneStated = loc, text
	} else if r.opts.Location == nil {
		// A site with no zone: "in Brussels" says whose clock the times
		// that name none are on.
		if loc, place := r.placeZone(); loc != nil {
			r.opts.Location, r.zoneStated, r.zoneFromPlace = loc, place, true
		}
	}
	var group []*rawItem
	flush := func() {
		if len(group) > 0 {
			r.readList(group)
			group = nil
		}
	}
	for _, b := range r.doc.blocks {
		switch {
		case b.table != nil:
			flush()
			r.readTable(b.table)
		case b.item != nil:
			if len(group) > 0 && b.item.group != group[0].group {
				flush()
			}
			group = append(group, b.item)
		}
	}
	flush()
	r.announcements(r.units())
	r.fillTopics()
	if r.zoneFromPlace {
		for _, e := range r.entries {
			if !e.When.ZoneWritten && !e.When.DateOnly {
				r.diags = append(r.diags, Diagnostic{Line: e.Line, Severity: diag.Warning, Message: fmt.Sprintf(
					"no time zone given and none configured: read in %s, the zone of the place the post names (%q)",
					r.opts.Location, r.zoneStated)})
				break
			}
		}
	}
	slices.SortStableFunc(r.entries, func(a, b Entry) int { return a.Line - b.Line })
	slices.SortStableFunc(r.diags, func(a, b Diagnostic) int { return a.Line - b.Line })
	return Result{Entries: r.entries, Diagnostics: r.diags, Rejected: r.rejected}
}

// units returns what the announcement reader reads: the sentences of
// paragraphs, the headings, the list items that no schedule read, and the
// title.
func (r *reader) units() []unit {
	read := map[int]bool{}
	for _, e := range r.entries {
		read[e.Line] = true
	}
	var units []unit
	add := func(form string, line int, text string, ctx blockContext, links []Link) {
		units = append(units, unit{form: form, line: line, text: text, links: links, ctx: ctx, para: []string{text}})
	}
	blocks := r.doc.blocks
	for i := 0; i < len(blocks); i++ {
		b := blocks[i]
		switch {
		case b.para != nil:
			if mayAnnounce(b.para.text) {
				plain, links := plainText(dropStruck(b.para.text), r.doc.defs)
				para := sentences(plain)
				for i, sentence := range para {
					units = append(units, unit{form: "sentence", line: b.para.lineOf(sentence), text: sentence, links: links,
						ctx: b.para.ctx, para: para, index: i})
				}
			}
		case b.heading != nil:
			if mayAnnounce(b.heading.text) {
				plain, links := plainText(dropStruck(b.heading.text), r.doc.defs)
				add("heading", b.heading.line, plain, b.heading.ctx, links)
			}
		case b.item != nil:
			// The items of one list are read together: a sibling may
			// give the date or the hours ("- Date: May 6", "- Time:
			// 18:30 UTC"), and the list's lead is the context of each.
			j := i
			for j < len(blocks) && blocks[j].item != nil && blocks[j].item.group == b.item.group {
				j++
			}
			var texts []string
			var items []*rawItem
			for _, bb := range blocks[i:j] {
				if !read[bb.item.line] {
					plain, _ := plainText(dropStruck(bb.item.text), r.doc.defs)
					texts = append(texts, plain)
					items = append(items, bb.item)
				}
			}
			for k, it := range items {
				if !mayAnnounce(texts[k]) {
					continue
				}
				_, links := plainText(it.text, r.doc.defs)
				ctx := b.item.ctx
				units = append(units, unit{form: "list", line: it.line, text: texts[k], links: links, ctx: ctx, para: texts, index: k})
			}
			i = j - 1
		}
	}
	if r.opts.Title != "" && mayAnnounce(r.opts.Title) {
		add("title", 0, r.opts.Title, blockContext{}, nil)
	}
	return units
}

// wrapAround is how far after the entry above it an entry must fall,
// with no year written, to show that the dates go backwards: "Dec 3", then
// "Nov 20" (read as the next November).
const wrapAround = 300 * 24 * time.Hour

// hasYear reports whether text writes a year (four digits in a row).
func hasYear(text string) bool {
	run := 0
	for i := 0; i < len(text); i++ {
		if text[i] >= '0' && text[i] <= '9' {
			if run++; run == 4 {
				return true
			}
		} else {
			run = 0
		}
	}
	return false
}

// historyAge is how long before the post a date must be to be history
// rather than a session being announced.
const historyAge = 14 * 24 * time.Hour

// maxExpression is the longest text read as a time expression: longer cells
// are prose, and the time parser need not see megabytes.
const maxExpression = 200

// reader holds what one Read has found so far.
type reader struct {
	opts       Options
	doc        *document
	entries    []Entry
	diags      []Diagnostic
	rejected   []Rejection
	zoneStated string                  // the text that states the post's zone ("All times are CET")
	contexts   map[blockContext]string // underNotSessions, once per context
	anchor     time.Time               // the first event over days the post announces: later weekdays count from it
	// zoneFromPlace is set when times that name no zone are read in the
	// zone of a place the post names, the site configuring none.
	zoneFromPlace bool

	hoursRead bool
	hours     *timeexpr.Hours
	// hoursChecked is set once generalHours has looked at the sentence
	// that states hours; hoursGeneral says it names no day of its own.
	hoursChecked, hoursGeneral bool
	days                       map[string]string // heading or lead → the date it names ("" for none)
}

// candidate is a row or list item that may be a session.
type candidate struct {
	entry   Entry
	err     error // the time expression could not be read
	noTime  bool  // err says the text holds no date or time at all
	history bool  // dated well before the post
	label   bool  // a row with nothing but its time cell: a section label if that holds no time

	cancelled  bool   // the entry says there is no session
	timeHeader string // the header of the time column, for a note after the time
	notes      []Diagnostic
}

// reference is what a time expression of the body resolves against before
// an entry above orders it: the post's date, the site's zone, the zone table.
func (r *reader) reference() timeexpr.Reference {
	return timeexpr.Reference{Post: r.opts.Post, Location: r.opts.Location, Zones: r.opts.Zones}
}

// statedHours returns the hours the post's prose states once for all its
// dates, looking for them the first time they are needed.
func (r *reader) statedHours() *timeexpr.Hours {
	if !r.hoursRead {
		r.hoursRead = true
		for _, p := range r.doc.paras {
			text, _ := plainText(p.text, r.doc.defs)
			if h, ok := timeexpr.FindHours(text, r.opts.Zones); ok {
				r.hours = &h
				break
			}
		}
	}
	return r.hours
}

// contextDay returns a function that finds, the first time it is called,
// the day written above a table or list: in the paragraph right before it,
// else in the heading it is under ("### Day 2 — Friday, April 9").
func (r *reader) contextDay(ctx blockContext) func() string {
	var day string
	read := false
	return func() string {
		if !read {
			read = true
			for _, text := range []string{ctx.lead, ctx.heading} {
				if day = r.findDay(text); day != "" {
					break
				}
			}
		}
		return day
	}
}

// findDay returns the first date (with no time of day) written in text,
// looking at the first maxDayWords words only; a text is read once.
func (r *reader) findDay(text string) string {
	if day, ok := r.days[text]; ok {
		return day
	}
	day := r.readDay(text)
	if r.days == nil {
		r.days = map[string]string{}
	}
	r.days[text] = day
	return day
}

// maxDayWords is how many words of a heading or lead may start its date.
const maxDayWords = 12

func (r *reader) readDay(text string) string {
	plain, _ := plainText(text, r.doc.defs)
	ref := r.reference()
	words := 0
	for i := 0; i < len(plain) && words < maxDayWords; i++ {
		if !isAlnum(plain[i]) || (i > 0 && isAlnum(plain[i-1])) {
			continue
		}
		words++
		rest := strings.TrimRight(plain[i:], ":;,. ")
		if w, err := timeexpr.Parse(rest, ref); err == nil && w.DateOnly {
			return rest
		}
		if w, n, err := timeexpr.ParsePrefix(rest, ref); err == nil && w.DateOnly && n > 0 {
			return strings.TrimRight(strings.TrimSpace(rest[:n]), ":;,.")
		}
	}
	return ""
}

// resolve reads a time expression with parse (timeexpr.Parse or a wrapper
// of ParsePrefix); a date-only result is read again with the hours the post
// states, if it states any.
func (r *reader) resolve(text string, ref timeexpr.Reference, parse func(string, timeexpr.Reference) (timeexpr.When, int, error)) (timeexpr.When, int, error) {
	w, n, err := parse(text, ref)
	if err == nil && w.DateOnly {
		if h := r.statedHours(); h != nil {
			ref.Hours = h
			if w2, n2, err2 := parse(text, ref); err2 == nil {
				return w2, n2, nil
			}
		}
	}
	return w, n, err
}

// scheduleKind is what a candidate schedule was written as.
type scheduleKind int

const (
	kindList       scheduleKind = iota
	kindTable                   // a table whose time columns are times of day (Time, Start)
	kindDatedTable              // a table with a date column (When, Date, Day)
)

// judge decides whether the candidates of one table or list are a schedule,
// and if so publishes their entries and diagnostics. first is the line of
// the table's header or the list's first item.
func (r *reader) judge(cands []candidate, notes []Diagnostic, first int, kind scheduleKind) {
	isTable := kind != kindList
	var ok, history, noTime, undated, bad, past, backwards int
	var prev time.Time
	beforePost := r.beforePost()
	for _, c := range cands {
		if c.err == nil {
			if !prev.IsZero() && c.entry.When.Start.Sub(prev) > wrapAround && !hasYear(c.entry.Text) {
				backwards++
			}
			prev = c.entry.When.Start
		}
		if c.err == nil && beforePost(c.entry.When.Start) {
			past++
		}
		switch {
		case c.err == nil && c.history:
			history++
		case c.err == nil:
			ok++
		case c.noTime:
			noTime++
		case errors.Is(c.err, timeexpr.ErrNoDate):
			undated++
		default:
			bad++
		}
	}
	resolved := ok + history
	switch {
	case resolved == 0 && kind == kindDatedTable && bad > noTime+undated:
		// A date column of dates and times none of which can be
		// resolved ("February 30th", "Thu at 7pm XYZ"): a schedule gone
		// wrong, worth its errors. (A "Time" column of such cells is more
		// likely durations: "12:34.5", "1h 20m".)
	case resolved == 0:
		return // nothing here is a date: times of an unnamed day, or prose
	case history*2 > resolved || past == resolved || backwards > 0:
		// A record of the past (minutes, a release history, an outage
		// timeline), or a log written newest first, whose year-less dates
		// only follow one another by wrapping around to the next year.
		return
	case isTable && noTime > resolved+bad:
		return // a "Time" column of durations or numbers
	}
	r.diags = append(r.diags, notes...)
	r.entries = slices.Grow(r.entries, ok)
	dateOnly := false
	warned := map[string]bool{} // a time warning is given once per table or list
	for _, c := range cands {
		r.diags = append(r.diags, c.notes...)
		switch {
		case c.err != nil && c.noTime && !isTable:
			// A list item that does not open with a time is prose.
		case c.err != nil:
			r.diags = append(r.diags, Diagnostic{Line: c.entry.Line, Message: timeError(c.entry.Text, c.err)})
		case c.history:
			r.diags = append(r.diags, Diagnostic{Line: c.entry.Line, Message: fmt.Sprintf(
				"%q is more than two weeks before the post: left out as past", c.entry.Text)})
		case beforePost(c.entry.When.Start) && (!c.entry.When.DateOnly || beforePost(c.entry.When.End.Add(-time.Nanosecond))):
			// Last week's row of a schedule is not announced by this post.
			r.rejected = append(r.rejected, Rejection{Line: c.entry.Line, Text: c.entry.Text, Reason: "before the post's day: not announced"})
		default:
			for _, w := range c.entry.When.Warnings {
				if !warned[w] {
					warned[w] = true
					r.diags = append(r.diags, Diagnostic{Line: c.entry.Line, Severity: diag.Warning, Message: w})
				}
			}
			dateOnly = dateOnly || c.entry.When.DateOnly
			r.entries = append(r.entries, c.entry)
		}
	}
	if dateOnly {
		r.diags = append(r.diags, Diagnostic{Line: first, Severity: diag.Warning,
			Message: "dates without a time of day: published as all-day events"})
	}
}

// timeError is the message for a time expression that cannot be read.
func timeError(text string, err error) string {
	var te *timeexpr.Error
	if errors.As(err, &te) {
		return te.Error()
	}
	return fmt.Sprintf("cannot read %q as a time: %v", text, err)
}

// beforePost returns a test of whether a time is before the day of the
// post (never, when the post has no date): a schedule announces what is to
// come, so one whose every entry is already past is a record.
func (r *reader) beforePost() func(time.Time) bool {
	if r.opts.Post.IsZero() {
		return func(time.Time) bool { return false }
	}
	y, m, d := r.opts.Post.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, r.opts.Post.Location()).After
}

// isHistory reports whether w is well before the post's date.
func (r *reader) isHistory(w timeexpr.When) bool {
	return !r.opts.Post.IsZero() && w.Start.Before(r.opts.Post.Add(-historyAge))
}

// shorten cuts text to at most maxExpression bytes at a rune boundary.
func shorten(text string) string {
	if len(text) <= maxExpression {
		return text
	}
	cut := maxExpression
	for cut > 0 && text[cut]&0xC0 == 0x80 {
		cut--
	}
	return text[:cut]
}

// isPlaceholderEmpty reports cells that stand for an empty cell ("-", "—").
func isPlaceholderEmpty(s string) bool {
	return s != "" && strings.Trim(s, "-–— ") == ""
}

// dropStruck removes struck-through text ("~~Sun 9am PT~~ moved to
// Monday"): what the author crossed out is not announced.
func dropStruck(s string) string {
	for {
		i := strings.Index(s, "~~")
		if i < 0 {
			return s
		}
		j := strings.Index(s[i+2:], "~~")
		if j < 0 {
			return s
		}
		s = s[:i] + s[i+2+j+2:]
	}
}

// statedZone returns the zone a post states for all of its times ("All
// times are CET.", "Times below are in EDT", "09:00–12:30 local time
// (CEST)"), or nil.
func (r *reader) statedZone() (*time.Location, string) {
	if r.opts.Zones == nil {
		return nil, ""
	}
	texts := []string{r.opts.Title}
	for _, b := range r.doc.blocks {
		switch {
		case b.para != nil:
			texts = append(texts, b.para.text)
		case b.heading != nil:
			texts = append(texts, b.heading.text)
		case b.table != nil:
			texts = append(texts, b.table.header.text)
		}
	}
	for _, t := range texts {
		if !containsTime(t) {
			continue
		}
		fields := strings.Fields(t)
		for i, f := range fields {
			w := strings.ToLower(strings.Trim(f, "().,:;*_"))
			if w != "time" && w != "times" && w != "timezone" && w != "zone" {
				continue
			}
			for k := i + 1; k < len(fields) && k <= i+4; k++ {
				tok := strings.Trim(fields[k], "().,:;*_[]")
				if tok == "" || strings.EqualFold(tok, "in") || strings.EqualFold(tok, "are") || strings.EqualFold(tok, "is") {
					continue
				}
				if loc, ok := r.opts.Zones.Lookup(tok); ok {
					return loc, t
				}
			}
		}
	}
	return nil, ""
}

// containsTime reports whether s holds "time", in any case, without
// allocating: most paragraphs do not, and are not looked at further.
func containsTime(s string) bool {
	for i := 0; i+4 <= len(s); i++ {
		if s[i]|0x20 == 't' && s[i+1]|0x20 == 'i' && s[i+2]|0x20 == 'm' && s[i+3]|0x20 == 'e' {
			return true
		}
	}
	return false
}

// placeZone returns the zone of the first place the title or the prose
// names ("We'll be at FOSDEM … in Brussels"), for a site that configures no
// zone; nil when none is named.
func (r *reader) placeZone() (*time.Location, string) {
	if r.opts.Zones == nil {
		return nil, ""
	}
	texts := []string{r.opts.Title}
	for _, b := range r.doc.blocks {
		if b.para != nil {
			texts = append(texts, b.para.text)
		}
	}
	for _, t := range texts {
		for _, f := range strings.Fields(t) {
			w := strings.Trim(f, ".,;:()[]!?'\"*_")
			if len(w) < 4 || strings.ToUpper(w) == w || w[0] < 'A' || w[0] > 'Z' {
				continue // abbreviations, common words
			}
			if loc, ok := r.opts.Zones.LookupPlace(w); ok {
				return loc, "in " + w
			}
		}
	}
	return nil, ""
}
