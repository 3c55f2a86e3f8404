package timeexpr

import (
	"fmt"
	"strings"
	"time"
)

// An expression is read as a run of parts, in whatever order the writer
// put them, each at most once: a weekday, a date (or a range of dates), a
// time of day (or a range of times), a zone and a duration. Between parts
// the reader skips blanks, commas, markup and filler words ("on", "at",
// "from"). Reading stops at the first thing that is none of these, so
// "On March 26th at 10am ET, we will …" reads up to "ET".

// civil is a calendar date; y == 0 when the text gives no year.
type civil struct {
	y int
	m time.Month
	d int
}

// clock is a time of day as written.
type clock struct {
	h, m, s int
	mer     byte // 'a' or 'p' when written with am/pm, else 0
	bare    bool // a lone number: an hour only when the other end of a range says so
}

// expr is what the reader found in the text, before resolution.
type expr struct {
	weekday  time.Weekday
	hasWD    bool
	date     civil
	dateEnd  civil // for "March 3–5"; y or m zero: same as date's
	hasDate  bool
	hasRange bool // dateEnd is set
	// numeric is set for "4/8" and "4/8/2021": date holds the first number
	// as its month and the second as its day, which resolve may swap.
	numeric bool
	// relative is set for "today" (date.d = 0) and "tomorrow" (date.d = 1):
	// days after the post's date.
	relative bool
	start    clock
	end      clock
	hasTime  bool
	hasEnd   bool
	dur      time.Duration
	hasDur   bool
	zone     *zone
	zoneText string
	// notes are readings to check, for When.Warnings.
	notes []string
	// err is a reason the text cannot be a time although it looks like one
	// ("hour 25 out of range"); reading stops there.
	err string
}

// maxParse bounds the text Parse reads; nobody writes a time expression
// longer than this, and it keeps hostile input cheap.
const maxParse = 4096

// Years outside these are typos or placeholders ("0000-00-00",
// "9999-12-31"), not schedules.
const minYear, maxYear = 1000, 2999

// maxSpan bounds durations and ranges of days: a schedule's entry spans
// days or weeks, not years.
const maxSpan = 400 * 24 * time.Hour

// maxPrefix bounds how far ParsePrefix and FindHours look for one expression.
const maxPrefix = 512

// read reads the longest expression that opens s and returns what it found
// and the position after its last part (0 when it found nothing).
func read(s string, zones *Zones) (expr, int) {
	var e expr
	end := 0
	i := 0
	for e.err == "" {
		j, between := skipFiller(s, i)
		k, ok := e.part(s, j, zones, between)
		if !ok {
			break
		}
		i, end = k, k
	}
	return e, end
}

// fillerWords may stand between the parts of an expression.
var fillerWords = []string{"on", "at", "from", "the", "this", "coming", "starting", "beginning", "between",
	"every", "each", "around", "about", "approx", "approximately", "by"}

// skipFiller returns the position after blanks, punctuation, markup and
// filler words at s[i:], and whether the last filler was "between" (which
// makes "and" a range separator).
func skipFiller(s string, i int) (int, bool) {
	between := false
	// A person puts a few of these between two parts ("), on the"); a long
	// run is no expression, and reading it all would make FindHours slow.
	for n := 0; i < len(s) && n < 8; n++ {
		j := skipSpaces(s, i)
		if j < len(s) {
			switch s[j] {
			case ',', '(', ')', '*', '_', '@', ':', '|', '[', ']', '"':
				i, between = j+1, false
				continue
			}
			// A dash before a digit may be a UTC offset ("-0400").
			if k, ok := dash(s, j); ok && !(k < len(s) && isDigit(s[k])) {
				i, between = k, false
				continue
			}
			if k, ok := wordAt(s, j, fillerWords...); ok {
				between = strings.EqualFold(s[j:k], "between")
				i = k
				continue
			}
			for _, q := range []string{"“", "”"} {
				if strings.HasPrefix(s[j:], q) {
					j += len(q)
				}
			}
		}
		if j == i {
			break
		}
		i = j
	}
	return i, between
}

// part reads one part at s[i:] that e does not have yet.
func (e *expr) part(s string, i int, zones *Zones, between bool) (int, bool) {
	if i >= len(s) {
		return i, false
	}
	if !e.hasWD {
		if wd, j, ok := readWeekday(s, i); ok {
			e.weekday, e.hasWD = wd, true
			return j, true
		}
		// "next Thursday": some mean the coming one, some the one after;
		// read as the coming one, and say so.
		if k, ok := wordAt(s, i, "next"); ok {
			if wd, j, ok := readWeekday(s, skipSpaces(s, k)); ok {
				e.weekday, e.hasWD = wd, true
				e.notes = append(e.notes, fmt.Sprintf("%q read as the first %s on or after the post", s[i:j], wd))
				return j, true
			}
		}
	}
	if !e.hasDate {
		if j, ok := e.readDate(s, i); ok {
			return j, true
		}
	}
	if !e.hasTime {
		if j, ok := e.readTimes(s, i, between, zones); ok {
			return j, true
		}
		// "UTC 15:00": a zone before the time.
		if e.zone == nil {
			tmp := *e
			if j, ok := tmp.readZone(s, i, zones); ok && tmp.err == "" {
				k, between := skipFiller(s, j)
				if k2, ok := tmp.readTimes(s, k, between, zones); ok && tmp.err == "" {
					*e = tmp
					return k2, true
				}
			}
		}
	}
	if (e.hasTime || e.hasDate) && e.zone == nil {
		if j, ok := e.readZone(s, i, zones); ok {
			return j, true
		}
	}
	if e.hasTime && !e.hasEnd && !e.hasDur {
		if j, ok := wordAt(s, i, "for", "lasting"); ok {
			if d, k, ok := readDuration(s, skipSpaces(s, j)); ok {
				e.dur, e.hasDur = d, true
				return k, true
			}
		}
	}
	return i, false
}

var weekdayNames = map[string]time.Weekday{
	"sunday": time.Sunday, "sun": time.Sunday,
	"monday": time.Monday, "mon": time.Monday,
	"tuesday": time.Tuesday, "tue": time.Tuesday, "tues": time.Tuesday,
	"wednesday": time.Wednesday, "wed": time.Wednesday, "weds": time.Wednesday,
	"thursday": time.Thursday, "thu": time.Thursday, "thur": time.Thursday, "thurs": time.Thursday,
	"friday": time.Friday, "fri": time.Friday,
	"saturday": time.Saturday, "sat": time.Saturday,
}

// readWeekday reads "Thursday", "Thu", "Thu.", "Thursdays".
func readWeekday(s string, i int) (time.Weekday, int, bool) {
	w, j := word(s, i)
	if len(w) < 3 || len(w) > 10 {
		return 0, i, false
	}
	lw := strings.ToLower(w)
	if w == lw && englishWords[lw] {
		return 0, i, false // "sun", "sat": words unless capitalized
	}
	wd, ok := weekdayNames[lw]
	if !ok && strings.HasSuffix(lw, "days") {
		wd, ok = weekdayNames[lw[:len(lw)-1]]
	}
	if !ok {
		return 0, i, false
	}
	if len(lw) <= 5 && !strings.HasSuffix(lw, "day") && j < len(s) && s[j] == '.' {
		j++
	}
	return wd, j, true
}

// englishWords are weekday and month names that are also common words;
// they are read as dates only when capitalized ("May 5", not "may 5").
var englishWords = map[string]bool{"sun": true, "sat": true, "wed": true, "may": true, "march": true, "mar": true}

var monthNames = map[string]time.Month{
	"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
	"april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
	"august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
	"october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}

// readMonth reads "March", "Mar", "Mar.".
func readMonth(s string, i int) (time.Month, int, bool) {
	w, j := word(s, i)
	if len(w) < 3 || len(w) > 9 {
		return 0, i, false
	}
	lw := strings.ToLower(w)
	m, ok := monthNames[lw]
	if !ok || w == lw && englishWords[lw] {
		return 0, i, false // "may 5 of us", "march on"
	}
	if len(w) <= 4 && j < len(s) && s[j] == '.' {
		j++
	}
	return m, j, true
}

// readDay reads a day of the month: "5", "05", "23rd".
func readDay(s string, i int) (int, int, bool) {
	d, n, j := digits(s, i, 2)
	if n == 0 || d == 0 {
		return 0, i, false
	}
	if w, k := word(s, j); w != "" {
		switch strings.ToLower(w) {
		case "st", "nd", "rd", "th":
			j = k
		default:
			return 0, i, false // "5pm", "19h"
		}
	}
	if j < len(s) && isDigit(s[j]) || clockSep(s, j) {
		return 0, i, false // "123", "10:30", "7.30pm"
	}
	return d, j, true // "April 12: topic" ends the date at the colon
}

// clockSep reports whether s[i] joins the hour of a clock to its minutes:
// a colon or dot followed by a digit ("10:30", "7.30pm"). A colon followed
// by anything else ("April 12: Opening") ends what came before it.
func clockSep(s string, i int) bool {
	return i+1 < len(s) && (s[i] == ':' || s[i] == '.') && isDigit(s[i+1])
}

// readYear reads a four-digit year after a date: ", 2021", " 2021".
func readYear(s string, i int) (int, int, bool) {
	j := skipSpaces(s, i)
	if j < len(s) && s[j] == ',' {
		j = skipSpaces(s, j+1)
	}
	y, n, k := digits(s, j, 4)
	if n != 4 || y < minYear || y > maxYear || !boundary(s, k) || clockSep(s, k) {
		return 0, i, false
	}
	return y, k, true // "April 12, 2021: topic"
}

// readRangeSep reads what stands between the two ends of a range: a dash
// (blanks around it optional) or "to", "until", "through" (or "and" after
// "between").
func readRangeSep(s string, i int, and bool) (int, bool) {
	j := skipSpaces(s, i)
	if k, ok := dash(s, j); ok {
		return skipSpaces(s, k), true
	}
	if j == i {
		return i, false
	}
	words := []string{"to", "until", "till", "til", "through", "thru"}
	if and {
		words = append(words, "and")
	}
	if k, ok := wordAt(s, j, words...); ok && hasSpaceAt(s, k) {
		return skipSpaces(s, k), true
	}
	return i, false
}

// readDate reads a date or a range of dates at s[i:]:
//
//	2021-04-08, 2021/04/08, 2021-04-08T07:00:00-04:00, 2021-04-08 to 2021-04-10
//	March 23rd, Mar. 5, April 8th, 2021, March 3–5, March 30 – April 2
//	26 March, 5th of March 2021, 3–5 March, 30 March – 2 April
//	14.04.2021, 14.04., 4/8, 4/8/2021, today, tomorrow
func (e *expr) readDate(s string, i int) (int, bool) {
	if d, j, ok := e.readISO(s, i); ok {
		e.date, e.hasDate = d, true
		if j < len(s) && (s[j] == 'T' || s[j] == 't') && j+1 < len(s) && isDigit(s[j+1]) {
			return e.readRFC3339Time(s, j+1)
		}
		if k, ok := readRangeSep(s, j, false); ok {
			if d2, k2, ok := e.readISO(s, k); ok {
				e.dateEnd, e.hasRange = d2, true
				return k2, true
			}
		}
		return j, true
	}
	if w, j := word(s, i); w != "" {
		switch strings.ToLower(w) {
		case "today", "tonight":
			e.date, e.hasDate, e.relative = civil{}, true, true
			return j, true
		case "tomorrow":
			e.date, e.hasDate, e.relative = civil{d: 1}, true, true
			return j, true
		}
	}
	if d, j, ok := readDottedDate(s, i); ok {
		e.date, e.hasDate = d, true
		return j, true
	}
	if d, j, ok := readNumericDate(s, i); ok {
		e.date, e.hasDate, e.numeric = d, true, true
		return j, true
	}
	// Month first.
	if m, j, ok := readMonth(s, i); ok {
		j = skipSpaces(s, j)
		day, k, ok := readDay(s, j)
		if !ok {
			return i, false
		}
		e.date, e.hasDate = civil{m: m, d: day}, true
		j = k
		if k, ok := readRangeSep(s, j, false); ok {
			if m2, k2, ok := readMonth(s, k); ok {
				if d2, k3, ok := readDay(s, skipSpaces(s, k2)); ok {
					e.dateEnd, e.hasRange, j = civil{m: m2, d: d2}, true, k3
				}
			} else if d2, k2, ok := readDay(s, k); ok && !clockFollows(s, k2) {
				e.dateEnd, e.hasRange, j = civil{m: m, d: d2}, true, k2
			}
		}
		if y, k, ok := readYear(s, j); ok {
			e.date.y = y
			if e.hasRange {
				e.dateEnd.y = y
			}
			j = k
		}
		return j, true
	}
	// Day first.
	day, j, ok := readDay(s, i)
	if !ok {
		return i, false
	}
	var end int
	hasEnd := false
	if k, ok := readRangeSep(s, j, false); ok {
		if d2, k2, ok := readDay(s, k); ok {
			end, hasEnd, j = d2, true, k2
		}
	}
	m, k, ok := readMonth(s, skipOf(s, j))
	if !ok || k == j {
		return i, false
	}
	e.date, e.hasDate = civil{m: m, d: day}, true
	if hasEnd {
		e.dateEnd, e.hasRange = civil{m: m, d: end}, true
	} else if k2, ok := readRangeSep(s, k, false); ok {
		// "30 March – 2 April"
		if d2, k3, ok := readDay(s, k2); ok {
			if m2, k4, ok := readMonth(s, skipOf(s, k3)); ok {
				e.dateEnd, e.hasRange, k = civil{m: m2, d: d2}, true, k4
			}
		}
	}
	if y, k2, ok := readYear(s, k); ok {
		e.date.y, e.dateEnd.y, k = y, y, k2
	}
	return k, true
}

// skipOf returns the position after the blanks, and the "of" among them,
// between a day and its month: "5th of March".
func skipOf(s string, i int) int {
	i = skipSpaces(s, i)
	if j, ok := wordAt(s, i, "of"); ok {
		return skipSpaces(s, j)
	}
	return i
}

// clockFollows reports whether am or pm follows at s[i:]: in "March 3-5 pm"
// the 5 is an hour, not the last day of a range.
func clockFollows(s string, i int) bool {
	j := skipSpaces(s, i)
	_, _, ok := readMeridiem(s, j)
	return ok
}

// readDottedDate reads the day-first dates of much of Europe: 14.04.2021,
// 14.4.21, 14.04. (the second dot is required: "19.30" is a time).
func readDottedDate(s string, i int) (civil, int, bool) {
	// 2026.04.06: year first.
	if y, ny, j := digits(s, i, 4); ny == 4 && j < len(s) && s[j] == '.' {
		m, nm, k := digits(s, j+1, 2)
		if nm == 2 && k < len(s) && s[k] == '.' && m >= 1 && m <= 12 {
			if d, nd, k2 := digits(s, k+1, 2); nd == 2 && d >= 1 && y >= minYear && y <= maxYear && (k2 >= len(s) || !isDigit(s[k2])) {
				return civil{y: y, m: time.Month(m), d: d}, k2, true
			}
		}
		return civil{}, i, false
	}
	d, nd, j := digits(s, i, 2)
	if nd == 0 || j >= len(s) || s[j] != '.' {
		return civil{}, i, false
	}
	m, nm, k := digits(s, j+1, 2)
	if nm == 0 || k >= len(s) || s[k] != '.' || m < 1 || m > 12 || d < 1 {
		return civil{}, i, false
	}
	c := civil{m: time.Month(m), d: d}
	k++
	switch y, ny, k2 := digits(s, k, 4); ny {
	case 4:
		c.y, k = y, k2
	case 2:
		c.y, k = 2000+y, k2
	case 0:
	default:
		return civil{}, i, false
	}
	if c.y != 0 && (c.y < minYear || c.y > maxYear) || k < len(s) && isDigit(s[k]) {
		return civil{}, i, false
	}
	return c, k, true
}

// readNumericDate reads 4/8, 4/8/2021 and 4/8/21 (month and day in either
// order; resolve decides which). The numbers are kept as written: m is the
// first, d the second.
func readNumericDate(s string, i int) (civil, int, bool) {
	a, na, j := digits(s, i, 2)
	if na == 0 || j >= len(s) || s[j] != '/' {
		return civil{}, i, false
	}
	b, nb, k := digits(s, j+1, 2)
	if nb == 0 || a == 0 || b == 0 {
		return civil{}, i, false
	}
	c := civil{m: time.Month(a), d: b}
	if k < len(s) && s[k] == '/' {
		y, ny, k2 := digits(s, k+1, 4)
		switch ny {
		case 2:
			c.y = 2000 + y
		case 4:
			c.y = y
		default:
			return civil{}, i, false
		}
		if c.y < minYear || c.y > maxYear {
			return civil{}, i, false
		}
		k = k2
	}
	if !boundary(s, k) || (k < len(s) && (s[k] == '/' || s[k] == '.' && k+1 < len(s) && isDigit(s[k+1]))) {
		return civil{}, i, false
	}
	return c, k, true
}

// readISO reads 2021-04-08 or 2021/04/08.
func (e *expr) readISO(s string, i int) (civil, int, bool) {
	y, n, j := digits(s, i, 4)
	if n != 4 || j >= len(s) || (s[j] != '-' && s[j] != '/') {
		return civil{}, i, false
	}
	sep := s[j]
	m, n, k := digits(s, j+1, 2)
	if n == 0 || k >= len(s) || s[k] != sep {
		return civil{}, i, false
	}
	d, n, k := digits(s, k+1, 2)
	if n == 0 || (k < len(s) && isDigit(s[k])) {
		return civil{}, i, false
	}
	if m < 1 || m > 12 {
		e.err = fmt.Sprintf("month %d out of range", m)
		return civil{}, k, true
	}
	if y < minYear || y > maxYear {
		e.err = fmt.Sprintf("year %d out of range", y)
		return civil{}, k, true
	}
	return civil{y: y, m: time.Month(m), d: d}, k, true
}

// readRFC3339Time reads the time after the "T" of an ISO date-time, with its
// zone when given: 07:00, 07:00:00, 07:00:00.000-04:00, 11:00Z.
func (e *expr) readRFC3339Time(s string, i int) (int, bool) {
	h, n, j := digits(s, i, 2)
	if n != 2 || j >= len(s) || s[j] != ':' {
		e.err = "expected hh:mm after T"
		return j, true
	}
	m, n, j := digits(s, j+1, 2)
	if n != 2 {
		e.err = "expected hh:mm after T"
		return j, true
	}
	c := clock{h: h, m: m}
	if j < len(s) && s[j] == ':' {
		sec, n, k := digits(s, j+1, 2)
		if n != 2 {
			e.err = "expected seconds after hh:mm:"
			return k, true
		}
		c.s, j = sec, k
		if j < len(s) && (s[j] == '.' || s[j] == ',') {
			_, n, k := digits(s, j+1, 9)
			if n == 0 {
				e.err = "expected fraction of a second"
				return k, true
			}
			j = k // fractions of a second are dropped
		}
	}
	if e.err = c.check(); e.err != "" {
		return j, true
	}
	e.start, e.hasTime = c, true
	if j < len(s) && (s[j] == 'Z' || s[j] == 'z') && boundary(s, j+1) {
		e.setUTC(s[j : j+1])
		return j + 1, true
	}
	if k, ok := e.readOffset(s, j, j, false); ok {
		return k, true
	}
	return j, true
}

// setUTC records the zone "Z" (or "z") names: UTC.
func (e *expr) setUTC(text string) {
	e.zone, e.zoneText = &zone{loc: time.UTC, kind: kindFixed, region: "UTC"}, text
}

// readOffset reads a UTC offset at s[i:] (see parseOffset for short) as
// the zone, written from s[from:] ("UTC+2" is written with its "UTC"). A
// well-formed but impossible offset is read as e.err.
func (e *expr) readOffset(s string, from, i int, short bool) (int, bool) {
	off, j, ok, bad := parseOffset(s, i, short)
	switch {
	case !ok:
		return i, false
	case bad != "":
		e.err = bad
	default:
		e.zone, e.zoneText = &zone{loc: fixedZone(off), kind: kindFixed}, s[from:j]
	}
	return j, true
}

// check reports a clock that cannot be ("hour 25 out of range").
func (c clock) check() string {
	switch {
	case c.h < 0 || c.m < 0 || c.s < 0:
		return fmt.Sprintf("negative time %d:%02d", c.h, c.m)
	case c.mer != 0 && (c.h < 1 || c.h > 12):
		return fmt.Sprintf("hour %d out of range with %sm", c.h, string(c.mer))
	case c.h > 24 || (c.h == 24 && (c.m != 0 || c.s != 0)):
		return fmt.Sprintf("hour %d out of range", c.h)
	case c.m > 59:
		return fmt.Sprintf("minute %d out of range", c.m)
	case c.s > 59:
		return fmt.Sprintf("second %d out of range", c.s)
	}
	return ""
}

// hour24 is the clock's hour on a 24-hour clock.
func (c clock) hour24() int {
	switch c.mer {
	case 'a':
		if c.h == 12 {
			return 0
		}
	case 'p':
		if c.h != 12 {
			return c.h + 12
		}
	}
	return c.h
}

// minutes is the clock's time of day in minutes, for comparing.
func (c clock) minutes() int { return c.hour24()*60 + c.m }

// readMeridiem reads "am", "pm", "a.m.", "P.M." (one blank before it allowed).
func readMeridiem(s string, i int) (byte, int, bool) {
	j := i
	if k := skipSpaces(s, j); k > j {
		j = k
	}
	if j >= len(s) {
		return 0, i, false
	}
	c := s[j] | 0x20
	if c != 'a' && c != 'p' {
		return 0, i, false
	}
	k := j + 1
	dotted := k < len(s) && s[k] == '.'
	if dotted {
		k = skipSpaces(s, k+1)
	}
	if k >= len(s) || s[k]|0x20 != 'm' {
		return 0, i, false
	}
	k++
	if k < len(s) && s[k] == '.' && (dotted || !(k+1 < len(s) && isLetter(s[k+1]))) {
		k++
	}
	if k < len(s) && isLetter(s[k]) {
		return 0, i, false
	}
	return c, k, true
}

// readClock reads a time of day at s[i:]: 07:00, 7:30 pm, 7am, 7 a.m.,
// 7.30pm, noon, midnight, 12 noon, 1900h, 19h, 15h30, and (for the start of
// a range only) a bare hour, "10" in "10–11am".
func readClock(s string, i int) (clock, int, bool, string) {
	if w, j := word(s, i); w != "" {
		switch strings.ToLower(w) {
		case "noon", "midday":
			return clock{h: 12}, j, true, ""
		case "midnight":
			return clock{h: 0}, j, true, ""
		}
		return clock{}, i, false, ""
	}
	h, n, j := digits(s, i, 4)
	if n == 0 {
		return clock{}, i, false, ""
	}
	var c clock
	switch {
	case n <= 2 && j < len(s) && s[j] == ':':
		m, nm, k := digits(s, j+1, 2)
		if nm != 2 {
			return clock{}, i, false, ""
		}
		c, j = clock{h: h, m: m}, k
		if j < len(s) && s[j] == ':' {
			if sec, ns, k := digits(s, j+1, 2); ns == 2 {
				c.s, j = sec, k
			}
		}
	case n <= 2 && j+2 < len(s) && s[j] == '.' && isDigit(s[j+1]):
		m, nm, k := digits(s, j+1, 2)
		if nm != 2 {
			return clock{}, i, false, ""
		}
		mer, _, hasMer := readMeridiem(s, k)
		if !hasMer && (n != 2 || h < 13 || h > 23) {
			return clock{}, i, false, "" // "3.14", "1.20": numbers, not times
		}
		c, j = clock{h: h, m: m, mer: mer}, k
	case j < len(s) && (s[j] == 'h' || s[j] == 'H') && (n != 3):
		k := j + 1
		if n == 4 {
			c = clock{h: h / 100, m: h % 100}
		} else {
			c = clock{h: h}
			if m, nm, k2 := digits(s, k, 2); nm == 2 {
				c.m, k = m, k2
			}
		}
		if !boundary(s, k) {
			return clock{}, i, false, ""
		}
		return c, k, true, c.check()
	case n <= 2:
		c = clock{h: h, bare: true}
		if k := skipClockSuffix(s, j); k > j {
			c.bare = false // "19 Uhr"
			return c, k, true, c.check()
		}
	case n == 4 && skipClockSuffix(s, j) > j:
		c = clock{h: h / 100, m: h % 100} // "1900 hrs"
		return c, skipClockSuffix(s, j), true, c.check()
	case n == 4 && h/100 < 24 && (h%100)%15 == 0 && (gluedZone(s, j) > 0 || gluedZone(s, skipSpaces(s, j)) > 0 && hasSpaceAt(s, j)):
		// "1200CEST", "2100 UTC": four digits a zone follows are a time
		// (a year is never written so, and its last two digits are
		// rarely a quarter hour).
		return clock{h: h / 100, m: h % 100}, j, true, clock{h: h / 100, m: h % 100}.check()
	default:
		return clock{}, i, false, ""
	}
	if !c.bare && j+1 < len(s) && (s[j] == 'h' || s[j] == 'H') && !isLetter(s[j+1]) && !isDigit(s[j+1]) || j+1 == len(s) && j < len(s) && s[j] == 'h' {
		j++ // "14:30h"
	}
	if j < len(s) && (isLetter(s[j]) || isDigit(s[j])) {
		// "7am" is handled below; "7x", "7th" are not clocks; a zone
		// may be glued to a written-out time: "17:00UTC", "16:00Z".
		if _, _, ok := readMeridiem(s, j); !ok && (c.bare || gluedZone(s, j) == 0) {
			return clock{}, i, false, ""
		}
	}
	if mer, k, ok := readMeridiem(s, j); ok {
		c.mer, c.bare, j = mer, false, k
	} else if c.h == 12 && c.m == 0 && c.s == 0 {
		// "12 noon", "12:00 midnight"
		w, k := word(s, skipSpaces(s, j))
		switch strings.ToLower(w) {
		case "noon":
			c.bare, j = false, k
		case "midnight":
			c.h, c.bare, j = 0, false, k
		}
	}
	if c.bare {
		return c, j, true, ""
	}
	return c, skipClockSuffix(s, j), true, c.check()
}

// otherHalf is the meridiem of the other half of the day: "am" for "pm".
func otherHalf(mer byte) byte {
	if mer == 'a' {
		return 'p'
	}
	return 'a'
}

// skipClockSuffix reads what some write after a time: "19:00 hrs", "19 Uhr".
func skipClockSuffix(s string, i int) int {
	if k, ok := wordAt(s, skipSpaces(s, i), "hrs", "uhr"); ok {
		return k
	}
	return i
}

// readTimes reads a time or a range of times at s[i:]: 14:00-15:30,
// 2pm to 3pm, 10–11am, 11pm-1am, from 2pm until 3:30pm, between 2 and 3pm.
func (e *expr) readTimes(s string, i int, between bool, zones *Zones) (int, bool) {
	c1, j, ok, bad := readClock(s, i)
	if !ok {
		return i, false
	}
	if bad != "" {
		e.err = bad
		return j, true
	}
	end := j
	// "2pm ET - 3pm ET": a zone after the start as well as after the end.
	var mid expr
	if e.zone == nil {
		if k, ok := mid.readZone(s, skipSpaces(s, j), zones); ok && mid.err == "" {
			if k2, ok := readRangeSep(s, k, between); ok {
				if _, _, ok, _ := readClock(s, k2); ok {
					j = k
				}
			}
		}
		if j == end {
			mid = expr{}
		}
	}
	var c2 clock
	hasEnd := false
	if k, ok := readRangeSep(s, j, between); ok {
		if c, k2, ok, bad2 := readClock(s, k); ok && !(c1.bare && c.bare) {
			if bad2 != "" {
				e.err = bad2
				return k2, true
			}
			c2, hasEnd, end = c, true, k2
		}
	}
	if c1.bare && !hasEnd {
		return i, false
	}
	if !c1.bare && c1.mer == 0 && c2.mer != 0 && c1.h >= 1 && c1.h <= 12 {
		c1.bare = true // "9:30-10:30pm": the pm is the start's too
	}
	switch {
	case c1.bare && c2.mer != 0:
		c1.mer, c1.bare = c2.mer, false
		if c1.check() != "" || c1.minutes() >= c2.minutes() {
			c1.mer = otherHalf(c2.mer)
			if c1.check() != "" || c1.minutes() >= c2.minutes() {
				c1.mer = c2.mer
			}
		}
	case c1.bare:
		c1.bare = false // "10-14:00": a 24-hour clock
	case hasEnd && c1.mer != 0 && c2.mer == 0 && (c2.bare || c2.h >= 1 && c2.h <= 12):
		// "2pm-4", "7am-1:00": the end is on the start's 12-hour clock.
		c2.mer, c2.bare = c1.mer, false
		if c2.check() != "" || c2.minutes() <= c1.minutes() {
			c2.mer = otherHalf(c1.mer)
		}
	case hasEnd && c2.bare:
		c2.bare = false
	}
	if bad := c1.check(); bad != "" {
		e.err = bad
		return end, true
	}
	if hasEnd {
		if bad := c2.check(); bad != "" {
			e.err = bad
			return end, true
		}
	}
	if c1.h == 24 {
		e.err = "hour 24 out of range (24:00 ends a range only)"
		return end, true
	}
	if hasEnd && c1.mer == 0 && c2.mer == 0 && c1.h >= 1 && c1.h <= 12 && c2.h >= 1 && c2.h < 12 &&
		c2.minutes() < c1.minutes() && c2.minutes()+12*60 > c1.minutes() {
		// "12:00-1:00", "11:30-1:00": a 12-hour clock without am/pm, not
		// a session of twelve hours and more.
		e.notes = append(e.notes, fmt.Sprintf("%s read as %02d:%02d–%02d:%02d", strings.TrimSpace(s[i:end]), c1.h, c1.m, c2.h+12, c2.m))
		c2.h += 12
	}
	if mid.zone != nil {
		// Without an end, the zone is read later as a part of its own.
		if hasEnd {
			e.zone, e.zoneText = mid.zone, mid.zoneText
			var again expr
			if k, ok := again.readZone(s, skipSpaces(s, end), zones); ok && again.err == "" && again.zone.loc == mid.zone.loc {
				end = k
			}
		}
	}
	e.start, e.end, e.hasTime, e.hasEnd = c1, c2, true, hasEnd
	return end, true
}

// readZone reads a zone at s[i:]: an abbreviation or name from the table
// ("ET", "Eastern time", "Berlin time", "EST/EDT"), an IANA name, a UTC
// offset ("UTC+2", "GMT-05:00", "+0530"), or "Z" right after a time; in
// parentheses or not.
func (e *expr) readZone(s string, i int, zones *Zones) (int, bool) {
	if i < len(s) && s[i] == '(' {
		j, ok := e.readZone(s, skipSpaces(s, i+1), zones)
		if !ok {
			return i, false
		}
		j = skipSpaces(s, j)
		if j < len(s) && s[j] == ')' {
			j++
		}
		return j, true
	}
	// "Z" glued to the time: 11:00Z.
	if i > 0 && isDigit(s[i-1]) && i < len(s) && s[i] == 'Z' && boundary(s, i+1) {
		e.setUTC("Z")
		return i + 1, true
	}
	// Offsets: "+0530", "-04:00", "UTC+2", "GMT -5".
	if j, ok := e.readOffset(s, i, i, false); ok {
		return j, true
	}
	if k, ok := wordAt(s, i, "utc", "gmt"); ok {
		if j, ok := e.readOffset(s, i, skipSpaces(s, k), true); ok {
			return j, true
		}
	}
	// IANA names: Europe/Berlin, America/Argentina/Buenos_Aires, Etc/GMT+5.
	if j := ianaSpan(s, i); j > i {
		if loc, ok := zones.lookupIANA(s[i:j]); ok {
			e.zone, e.zoneText = &zone{loc: loc, kind: kindRegion, region: loc.String()}, s[i:j]
			return j, true
		}
	}
	// Names from the table, longest first: up to five words.
	var buf [6]int
	ends := buf[:0]
	j := i
	for n := 0; n < 5; n++ {
		w, k := word(s, j)
		if w == "" {
			break
		}
		// "EST/EDT", "GMT/BST": a slash joins the two abbreviations.
		if k+1 < len(s) && s[k] == '/' && isLetter(s[k+1]) {
			if _, k2 := word(s, k+1); k2 > k+1 {
				ends = append(ends, k) // "EST" alone, should the pair be unknown
				k = k2
			}
		}
		ends = append(ends, k)
		j = skipSpaces(s, k)
		if j == k {
			break
		}
	}
	for n := len(ends) - 1; n >= 0; n-- {
		text := s[i:ends[n]]
		var kb [64]byte
		z, ok := zones.names[string(tableKey(kb[:0], text))]
		if !ok || !boundary(s, ends[n]) {
			continue
		}
		if z.abbr && !isUpperWord(text) && !lowerAbbrOK(text) {
			continue
		}
		k := ends[n]
		after := skipSpaces(s, k)
		if t, ok := wordAt(s, after, "time"); ok {
			k = t
			if z2, ok := wordAt(s, skipSpaces(s, t), "zone"); ok {
				k = z2
			}
		} else if t, ok := wordAt(s, after, "timezone"); ok {
			k = t
		} else if z.city && !e.hasTime {
			// "Berlin" alone after a date is a place ("March 24 Berlin
			// workshop"); after a time it says where the clock is.
			continue
		}
		e.zone, e.zoneText = z, text
		return k, true
	}
	return i, false
}

// lowerAbbrOK reports whether an abbreviation written in lower case ("7pm
// est") is still read as a zone: three letters or more, all lower case, and
// not an English word.
func lowerAbbrOK(text string) bool {
	if len(text) < 3 || strings.ToLower(text) != text {
		return false
	}
	switch text {
	case "art", "eat", "wet", "west", "pet", "cot", "wat", "act", "cat", "gst", "mez", "ist":
		return false
	}
	return true
}

// ianaSpan returns the end of an IANA zone name at s[i:] ("Europe/Berlin"),
// or i. It checks the shape and the area, not that the zone exists.
func ianaSpan(s string, i int) int {
	j := zoneShapeSpan(s, i)
	if area, _, _ := strings.Cut(s[i:j], "/"); !ianaAreas[area] {
		return i
	}
	return j
}

// zoneShapeSpan returns the end of a word shaped like an IANA zone name at
// s[i:] ("Mars/Olympus"), or i.
func zoneShapeSpan(s string, i int) int {
	j := i
	slash := false
	for j < len(s) && j-i < 64 {
		c := s[j]
		if isLetter(c) || c == '_' || (j > i && (isDigit(c) || c == '-' || c == '+')) {
			j++
			continue
		}
		if c == '/' && j > i && j+1 < len(s) && isLetter(s[j+1]) {
			slash = true
			j++
			continue
		}
		break
	}
	if !slash || !isLetter(s[i]) || s[i] > 'Z' {
		return i
	}
	return j
}

// ianaAreas are the first parts of the tz database's zone names.
var ianaAreas = map[string]bool{
	"Africa": true, "America": true, "Antarctica": true, "Arctic": true, "Asia": true, "Atlantic": true,
	"Australia": true, "Europe": true, "Indian": true, "Pacific": true, "Etc": true,
	"US": true, "Canada": true, "Brazil": true, "Mexico": true, "Chile": true,
}

// readDuration reads a length of time: "90 minutes", "1.5 hours", "an hour",
// "half an hour", "1h30m", "1 hour 30 minutes", "2 hrs".
func readDuration(s string, i int) (time.Duration, int, bool) {
	if k, ok := wordAt(s, i, "an", "a", "one"); ok {
		if k2, ok := wordAt(s, skipSpaces(s, k), "hour"); ok {
			return time.Hour, k2, true
		}
		if k2, ok := wordAt(s, skipSpaces(s, k), "half"); ok {
			if k3, ok := wordAt(s, skipSpaces(s, k2), "hour"); ok {
				return 30 * time.Minute, k3, true
			}
		}
		return 0, i, false
	}
	if k, ok := wordAt(s, i, "half"); ok {
		if k2, ok := wordAt(s, skipSpaces(s, k), "an"); ok {
			if k3, ok := wordAt(s, skipSpaces(s, k2), "hour"); ok {
				return 30 * time.Minute, k3, true
			}
		}
		return 0, i, false
	}
	var total time.Duration
	j := i
	end := i
	for n := 0; n < 3; n++ {
		v, nd, k := digits(s, j, 5)
		if nd == 0 {
			break
		}
		frac := 0.0
		if k+1 < len(s) && s[k] == '.' && isDigit(s[k+1]) {
			f, nf, k2 := digits(s, k+1, 3)
			frac = float64(f)
			for ; nf > 0; nf-- {
				frac /= 10
			}
			k = k2
		}
		k = skipSpaces(s, k)
		w, k2 := word(s, k)
		var unit time.Duration
		switch strings.ToLower(w) {
		case "h", "hr", "hrs", "hour", "hours":
			unit = time.Hour
		case "m", "min", "mins", "minute", "minutes":
			unit = time.Minute
		case "s", "sec", "secs", "second", "seconds":
			unit = time.Second
		}
		if unit == 0 {
			break
		}
		total += time.Duration(v)*unit + time.Duration(frac*float64(unit))
		end = k2
		j = skipSpaces(s, k2)
		if k3, ok := wordAt(s, j, "and"); ok {
			j = skipSpaces(s, k3)
		}
	}
	if end == i || total <= 0 || total > maxSpan {
		return 0, i, false
	}
	return total, end, true
}

// gluedZone returns the length of an upper-case zone abbreviation at s[i:]
// ("UTC", "CEST", "Z") that ends at a word boundary, or 0.
func gluedZone(s string, i int) int {
	k := i
	for k < len(s) && k-i < 5 && s[k] >= 'A' && s[k] <= 'Z' {
		k++
	}
	if k == i || k < len(s) && isLetter(s[k]) {
		return 0
	}
	return k - i
}
