// Package schedule finds the sessions a post's Markdown body announces: pipe
// tables with a time column, list items that open with a date or time, read
// the way a person reads them.
package schedule

import (
	"time"

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
}

// Entry is one session as written in the body.
type Entry struct {
	Line     int    // 1-based line in the body
	Text     string // the time expression as written ("Thu at 07:00 ET")
	When     timeexpr.When
	Topic    string // plain text, Markdown stripped
	Host     string
	Location string
	Details  []string // other columns as "Header: value"
	Links    []Link
}

// Diagnostic is a problem with a line of the body.
type Diagnostic struct {
	Line    int
	Warning bool // false: the entry was left out
	Message string
}

// Read returns the sessions body announces, in the order written.
func Read(body []byte, opts Options) ([]Entry, []Diagnostic) {
	return nil, nil // CONTRACT SCAFFOLD: replaced by the schedule work
}
