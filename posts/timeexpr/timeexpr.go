// Package timeexpr reads the time expressions people write in schedules
// ("Thu at 07:00 ET", "March 23rd at noon ET", "2021-04-08 14:00-15:30
// Europe/Berlin") and resolves them to instants.
package timeexpr

import (
	"errors"
	"fmt"
	"time"
)

// Clock is a time of day.
type Clock struct{ Hour, Minute int }

// Hours are the hours a post states once for all of its dates ("Each meeting
// will run from 2pm to 3pm GMT").
type Hours struct {
	Start, End Clock
	NoEnd      bool           // the prose gives a start only; End is meaningless
	Location   *time.Location // nil when the prose names no zone
	Text       string         // as written, for diagnostics
}

// Reference is what relative expressions are resolved against.
type Reference struct {
	Post     time.Time      // the post's date; a weekday is the first such day on or after it
	After    time.Time      // the previous entry of the same schedule (zero: none); dates fall on or after its day
	Location *time.Location // zone for times that name none; nil: none configured (then UTC, with a warning)
	Zones    *Zones
	Hours    *Hours // hours for date-only expressions; nil: none stated
}

// When is a resolved expression.
type When struct {
	Start       time.Time // in the zone the text names (or the reference's)
	End         time.Time // zero when the text gives no end; for DateOnly, midnight after the last day
	DateOnly    bool      // a date with no time of day (and no Hours to take one from)
	ZoneWritten bool      // the text named its zone
	Warnings    []string  // readings a person should check ("EST in July read as US Eastern time")
}

// ErrNoTime is matched (errors.Is) by the error for text that holds no date
// or time at all, as opposed to a date or time that cannot be resolved.
var ErrNoTime = errors.New("no date or time")

// ErrNoDate is matched by the error for a time of day with neither a date nor
// a weekday ("10am ET"): not a broken time, but not a session either unless
// the caller has a date for it from elsewhere.
var ErrNoDate = errors.New("no date given")

// Error is a time expression that cannot be resolved.
type Error struct {
	Text   string
	Reason string
	Err    error // ErrNoTime, ErrNoDate or nil
}

func (e *Error) Error() string { return fmt.Sprintf("cannot read %q as a time: %s", e.Text, e.Reason) }
func (e *Error) Unwrap() error { return e.Err }
