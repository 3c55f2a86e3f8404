// Package timeexpr reads the time expressions people write in schedules
// ("Thu at 07:00 ET", "March 23rd at noon ET", "2021-04-08 14:00-15:30
// Europe/Berlin") and resolves them to instants.
//
// # What is read
//
// An expression is a run of parts in any order, each at most once, with
// blanks, commas, markup ("**Thu**") and filler words ("on", "at", "from",
// "@") between them:
//
//   - a weekday: Thu, Thu., Thursday, Thursdays, every Tuesday, this
//     Friday, next Friday (read as the coming one, with a warning);
//   - a date: March 23rd, Mar. 5, 26 March, 5th of March 2021, April 8, 2021,
//     2021-04-08, 2021/04/08, 14.04.2021, 4/8 and 4/8/2021 (see below), today,
//     tomorrow; or a range of days: March 3–5, Dec 30 – Jan 2, 3–5 March,
//     2021-04-08 to 2021-04-10; an ISO date may carry its time and offset
//     (RFC 3339: 2021-04-08T07:00:00-04:00, 2021-04-08T11:00Z);
//   - a time of day: 07:00, 7am, 7 a.m., 7:30 pm, 7.30pm, 19.30, noon,
//     midnight, 12 noon, 1900h, 19h, 15h30, 19:00 hrs; or a range: 14:00-15:30,
//     2pm to 3pm, 10–11am, 2-3pm, 11pm-1am (ends the next day), from 2pm until
//     3:30pm, between 2 and 3pm, 2pm ET - 3pm ET;
//   - a zone, before or after the time (see Zones): ET, Eastern time, Berlin
//     time, Europe/Berlin, UTC+2, GMT-05:00, +0530, (UTC);
//   - a duration after the time: for 90 minutes, for an hour, for 1h30m.
//
// After the expression, the same time may be restated in other zones, in
// parentheses or after a slash: "Thu at 07:00 ET (13:00 CEST)", "7pm ET /
// 4pm PT", "9am PT (UTC-7)". A restatement that names another instant is a
// warning; the first statement is kept.
//
// # How it resolves
//
//   - A weekday is the first such day on or after the post's day and on or
//     after the day of the entry above (Reference.After).
//   - A date without a year is the first such date on or after a week before
//     the post's day (a post may recap the week) and on or after the entry
//     above: a post of 2021-12-20 naming "January 5th" means 2022.
//   - The post's day is the later of its date as written and its date in the
//     expression's zone: a post dated 2021-04-07 (midnight UTC) counts from
//     April 7 for times in New York, and a session never falls on a day
//     before the post went out.
//   - A weekday written with a date is checked against it; when they
//     disagree the date wins, with a warning.
//   - A numeric date "4/8" is April 8 or 4 August: a weekday written with it
//     decides, then a number above 12; else the zone's convention (month
//     first in the Americas, day first elsewhere), with a warning.
//   - Without a zone in the text, the time is in Reference.Location; with
//     none configured, in UTC with a warning.
//   - A date without a time takes Reference.Hours when set (the zone written
//     with the date still wins); otherwise When.DateOnly is set, Start is
//     midnight of the day and End midnight after the last day (the next
//     midnight for a single day; as for any time, the first instant of the
//     day when the clocks skip midnight).
//   - A time that does not exist on the day (the clocks move forward) is
//     read as the instant the clocks moved past it (02:30 → 03:30); a time
//     that happens twice (the clocks move back) as the first; both warn.
//   - A range without am/pm whose end is before its start but within twelve
//     hours of it ("12:00-1:00") is read on a 12-hour clock, with a warning.
//
// # Errors
//
// Text with no date or time at all ("TBD", a topic, a month alone) gives an
// *Error matching ErrNoTime: callers use it to tell a cell that is not a
// schedule from a broken one. A time with neither date nor weekday ("10am
// ET") gives ErrNoDate: it is not a session by itself, but a caller may have
// its date from elsewhere. Anything else that looks like a time but cannot be
// one ("February 30", "25:00", an unknown zone) is an *Error with a reason.
//
// Work is bounded: Parse refuses text over 4 KB, ParsePrefix looks at the
// first 512 bytes and FindHours at the first 64 KB.
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
	End         time.Time // zero when the text gives no end; for DateOnly, always midnight after the last day
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
