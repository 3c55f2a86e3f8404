// Package timeexpr reads the time expressions people write in schedules
// ("Thu at 07:00 ET", "March 23rd at noon ET", "2021-04-08 14:00-15:30
// Europe/Berlin") and resolves them to instants.
package timeexpr

import (
	"errors"
	"fmt"
	"time"
)

// Zones maps zone abbreviations and names people write ("ET", "PT",
// "Eastern time", "CEST") to tz database zones. The zero value is not usable:
// build one with NewZones.
type Zones struct {
	abbrev map[string]*time.Location
}

// NewZones returns the built-in table extended (or overridden) by extra,
// which maps abbreviations to IANA zone names, as the config's [zones] does.
func NewZones(extra map[string]string) (*Zones, error) {
	return nil, errors.New("timeexpr: not written yet") // CONTRACT SCAFFOLD
}

// Lookup finds the zone an abbreviation, IANA name or written name stands for.
func (z *Zones) Lookup(name string) (*time.Location, bool) {
	return nil, false // CONTRACT SCAFFOLD
}

// Clock is a time of day.
type Clock struct{ Hour, Minute int }

// Hours are the hours a post states once for all of its dates ("Each meeting
// will run from 2pm to 3pm GMT").
type Hours struct {
	Start, End Clock
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

// Error is a time expression that cannot be resolved.
type Error struct {
	Text   string
	Reason string
	Err    error // ErrNoTime or nil
}

func (e *Error) Error() string { return fmt.Sprintf("cannot read %q as a time: %s", e.Text, e.Reason) }
func (e *Error) Unwrap() error { return e.Err }

// Parse reads text, all of which must be a time expression (surrounding
// punctuation and filler words such as "on", "at" aside).
func Parse(text string, ref Reference) (When, error) {
	return When{}, &Error{Text: text, Reason: "not written yet"} // CONTRACT SCAFFOLD
}

// ParsePrefix reads the longest time expression that opens text ("On March
// 26th at 10am ET, we will …") and returns how many bytes of text it used.
func ParsePrefix(text string, ref Reference) (When, int, error) {
	return When{}, 0, &Error{Text: text, Reason: "not written yet"} // CONTRACT SCAFFOLD
}

// FindHours finds the hours a paragraph of prose states for all sessions.
func FindHours(prose string, zones *Zones) (Hours, bool) {
	return Hours{}, false // CONTRACT SCAFFOLD
}
