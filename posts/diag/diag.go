// Package diag is the one shape of a problem report in sessionfeed: the file
// it concerns, the line, how serious it is and what to do. Posts, schedules,
// the calendar and the command all report through it, so that every message
// reads "file:line: message" and every caller counts errors the same way.
package diag

import (
	"cmp"
	"fmt"
	"slices"
)

// Severity tells an error from a warning. The zero Severity is Error: a
// report that does not say otherwise counts against the run.
type Severity int

const (
	Error   Severity = iota // something was left out or could not be done
	Warning                 // the output is written; something may be off
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Diagnostic is one problem, with where it was found.
type Diagnostic struct {
	// File is the slash-separated path of what the problem is in: a post or
	// the configuration relative to the site's root, an output relative to
	// the output directory. "" when the problem concerns no file.
	File     string
	Line     int // 1-based; 0 when the problem concerns the whole file
	Severity Severity
	Message  string
}

// Errorf is an Error at file:line.
func Errorf(file string, line int, format string, args ...any) Diagnostic {
	return Diagnostic{File: file, Line: line, Severity: Error, Message: fmt.Sprintf(format, args...)}
}

// Warnf is a Warning at file:line.
func Warnf(file string, line int, format string, args ...any) Diagnostic {
	return Diagnostic{File: file, Line: line, Severity: Warning, Message: fmt.Sprintf(format, args...)}
}

// String is "file:line: message", "file: message" without a line, "line:
// message" without a file, and the message alone with neither.
func (d Diagnostic) String() string {
	switch {
	case d.File == "" && d.Line > 0:
		return fmt.Sprintf("%d: %s", d.Line, d.Message)
	case d.File == "":
		return d.Message
	case d.Line > 0:
		return fmt.Sprintf("%s:%d: %s", d.File, d.Line, d.Message)
	}
	return fmt.Sprintf("%s: %s", d.File, d.Message)
}

// Error makes a Diagnostic usable as an error, for problems that stop a run
// (a configuration error).
func (d Diagnostic) Error() string { return d.String() }

// Compare orders diagnostics by file, line and message, an error before a
// warning with the same text.
func Compare(a, b Diagnostic) int {
	return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line),
		cmp.Compare(a.Message, b.Message), cmp.Compare(a.Severity, b.Severity))
}

// Sort orders ds with Compare and drops repeats, in place.
func Sort(ds []Diagnostic) []Diagnostic {
	slices.SortStableFunc(ds, Compare)
	return slices.Compact(ds)
}

// Errors counts the diagnostics of severity Error.
func Errors(ds []Diagnostic) int {
	n := 0
	for _, d := range ds {
		if d.Severity == Error {
			n++
		}
	}
	return n
}
