package posts

import (
	"fmt"
	"github.com/sessionfeed/sessionfeed/tzdb"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/sessionfeed/sessionfeed/posts/timeexpr"
)

// Publication dates come in every shape static site generators accept:
// TOML's own datetimes (with an offset, local date-times and local dates),
// RFC 3339, Jekyll's "2006-01-02 15:04:05 -0700", Hugo's "2006-01-02", with
// or without seconds, fractions, a "T" or a space, an offset with or without
// its colon, "Z", or a zone name. A date that names no zone is a wall-clock
// reading in the site's zone. Whatever zone a date was written in is kept in
// the resulting time.Time, because the permalink's :year/:month/:day are the
// date as written, not as seen from UTC.

// Publication years outside this range are typing mistakes or placeholders
// (0000-00-00, 9999-12-31), never real posts.
const (
	minYear = 1900
	maxYear = 2199
)

// maxDateLen is more than the longest date anyone writes
// ("2021-04-07T10:00:00.123456789 America/Argentina/ComodRivadavia").
const maxDateLen = 80

// isoDate matches the numeric shapes: a date, then optionally a time of day,
// an offset and a zone name. The offset and name are checked in parseDate.
var isoDate = regexp.MustCompile(`^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})` +
	`(?:(?:[Tt]|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?` +
	`\s*([Zz]|[+-]\d{2}(?::?\d{2})?)?` +
	`(?:\s*([A-Za-z][A-Za-z0-9_/+-]*))?$`)

// proseLayouts are the less numeric shapes found in older posts and feeds.
var proseLayouts = []string{
	time.RFC1123Z,
	time.RFC1123,
	time.RubyDate,
	time.UnixDate,
	time.ANSIC,
	time.RFC850,
	time.RFC822Z,
	time.RFC822,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"2 Jan 2006 15:04:05 -0700",
	"January 2, 2006",
	"January 2 2006",
	"Jan 2, 2006",
	"Jan 2 2006",
	"2 January 2006",
	"2 Jan 2006",
}

// ianaName is the shape of a tz database name worth asking the system
// about; anything else ("Local", paths) never reaches time.LoadLocation.
var ianaName = regexp.MustCompile(`^[A-Za-z]+(?:/[A-Za-z0-9_+-]+)+$`)

// parseDate reads a front matter date: a string in any of the shapes above,
// or a time.Time as BurntSushi/toml decodes TOML datetimes. loc is the zone
// for dates that name none; zones resolves zone names (it may be nil).
func parseDate(v any, loc *time.Location, zones *timeexpr.Zones) (time.Time, error) {
	if loc == nil {
		loc = time.UTC
	}
	var t time.Time
	switch v := v.(type) {
	case time.Time:
		var err error
		if t, err = fromTOMLTime(v, loc); err != nil {
			return time.Time{}, err
		}
	case string:
		var err error
		if t, _, err = parseDateString(v, loc, zones); err != nil {
			return time.Time{}, err
		}
	case nil:
		return time.Time{}, fmt.Errorf("empty date")
	default:
		return time.Time{}, fmt.Errorf("%s is %s, not a date (write it like 2006-01-02 or 2006-01-02T15:04:05-07:00)", shortValue(v), kindOf(v))
	}
	if err := checkPlausible(t); err != nil {
		return time.Time{}, err
	}
	return t, nil
}

// fromTOMLTime turns a decoded TOML datetime into the instant it means.
// BurntSushi/toml marks local date-times, dates and times with zones named
// "datetime-local", "date-local" and "time-local" (holding the machine's
// offset, which must not leak into the output), and gives offset datetimes
// time.Local when their offset happens to equal the machine's.
func fromTOMLTime(t time.Time, loc *time.Location) (time.Time, error) {
	switch t.Location().String() {
	case "datetime-local", "date-local":
		return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), loc), nil
	case "time-local":
		return time.Time{}, fmt.Errorf("%s is a time of day without a date", t.Format("15:04:05"))
	}
	if name, off := t.Zone(); t.Location() == time.Local || name == "" {
		return t.In(fixedZone(off)), nil
	}
	return t, nil
}

// fixedZone is the zone of a time written with a bare UTC offset, named
// like timeexpr names them ("UTC+02:00"); offset 0 is UTC itself.
func fixedZone(off int) *time.Location {
	if off == 0 {
		return time.UTC
	}
	sign, abs := '+', off
	if off < 0 {
		sign, abs = '-', -off
	}
	name := fmt.Sprintf("UTC%c%02d:%02d", sign, abs/3600, abs/60%60)
	if abs%60 != 0 {
		name += fmt.Sprintf(":%02d", abs%60)
	}
	return time.FixedZone(name, off)
}

// dateShape is what a date written as text says besides its instant.
type dateShape struct {
	numeric     bool // one of the isoDate shapes, not a prose layout
	dateOnly    bool // numeric, with no time of day
	zoneWritten bool // numeric, with an offset, "Z" or a zone name
}

// parseDateString reads a date written as text.
func parseDateString(s string, loc *time.Location, zones *timeexpr.Zones) (time.Time, dateShape, error) {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return time.Time{}, dateShape{}, fmt.Errorf("empty date")
	case len(s) > maxDateLen:
		return time.Time{}, dateShape{}, fmt.Errorf("%s is too long to be a date", short(s))
	}
	m := isoDate.FindStringSubmatch(s)
	if m == nil {
		for _, layout := range proseLayouts {
			t, err := time.ParseInLocation(layout, s, loc)
			if err != nil {
				continue
			}
			// A zone abbreviation Go does not know ("PST" outside
			// America/Los_Angeles) is read as UTC under that name: wrong.
			if name, off := t.Zone(); off == 0 && strings.Contains(layout, "MST") && name != "UTC" && name != "GMT" {
				return time.Time{}, dateShape{}, fmt.Errorf("cannot read %s as a date: unknown time zone %s (write an offset such as -08:00)", short(s), name)
			}
			return t, dateShape{}, nil
		}
		return time.Time{}, dateShape{}, fmt.Errorf("cannot read %s as a date (write it like 2006-01-02 or 2006-01-02T15:04:05-07:00)", short(s))
	}
	fail := func(format string, args ...any) (time.Time, dateShape, error) {
		return time.Time{}, dateShape{}, fmt.Errorf("cannot read %s as a date: %s", short(s), fmt.Sprintf(format, args...))
	}
	num := func(i int) int { n, _ := strconv.Atoi(m[i]); return n }
	year, month, day := num(1), num(2), num(3)
	if month < 1 || month > 12 {
		return fail("month %d is out of range", month)
	}
	if day < 1 || day > daysIn(year, time.Month(month)) {
		return fail("%s has no day %d", time.Month(month), day)
	}
	var hour, minute, sec, nsec int
	if m[4] != "" {
		hour, minute = num(4), num(5)
		if m[6] != "" {
			sec = num(6)
		}
		if hour > 23 || minute > 59 || sec > 59 {
			return fail("%s:%s is not a time of day", m[4], m[5])
		}
		if frac := m[7]; frac != "" {
			frac = (frac + "000000000")[:9]
			nsec, _ = strconv.Atoi(frac)
		}
	}
	zone := loc
	switch off, name := m[8], m[9]; {
	case off == "Z" || off == "z":
		zone = time.UTC
	case off != "":
		secs, err := parseOffset(off)
		if err != nil {
			return fail("%v", err)
		}
		zone = fixedZone(secs)
	case name != "":
		z, ok := lookupZone(name, zones)
		if !ok {
			return fail("unknown time zone %s", short(name))
		}
		zone = z
	}
	shape := dateShape{numeric: true, dateOnly: m[4] == "", zoneWritten: m[8] != "" || m[9] != ""}
	return time.Date(year, time.Month(month), day, hour, minute, sec, nsec, zone), shape, nil
}

// parseOffset reads "+02:00", "-0400" or "+05" as seconds east of UTC.
func parseOffset(s string) (int, error) {
	sign := 1
	if s[0] == '-' {
		sign = -1
	}
	digits := strings.ReplaceAll(s[1:], ":", "")
	h, _ := strconv.Atoi(digits[:2])
	mins := 0
	if len(digits) == 4 {
		mins, _ = strconv.Atoi(digits[2:])
	}
	if h > 23 || mins > 59 {
		return 0, fmt.Errorf("offset %s is out of range", s)
	}
	return sign * (h*3600 + mins*60), nil
}

// lookupZone resolves a zone name written after a date: UTC and GMT, the
// abbreviations and names the zone table knows, and tz database names.
func lookupZone(name string, zones *timeexpr.Zones) (*time.Location, bool) {
	switch strings.ToUpper(name) {
	case "UTC", "GMT", "Z":
		return time.UTC, true
	}
	if zones != nil {
		// The table knows tz database names too, and remembers them.
		z, ok := zones.Lookup(name)
		return z, ok && z != nil
	}
	if ianaName.MatchString(name) {
		if z, err := tzdb.Load(name); err == nil {
			return z, true
		}
	}
	return nil, false
}

func daysIn(year int, month time.Month) int {
	return time.Date(year, month+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// checkPlausible rejects dates no real post has.
func checkPlausible(t time.Time) error {
	// The instant is checked, not the date as written, so that the answer
	// does not depend on the zone a date is written in.
	if y := t.UTC().Year(); y < minYear || y > maxYear {
		return fmt.Errorf("%s is not a plausible publication date (expected a year from %d to %d)", t.Format("2006-01-02"), minYear, maxYear)
	}
	// Every layout must agree with parseOffset, which RFC 3339 dates go through.
	if _, off := t.Zone(); off <= -24*3600 || off >= 24*3600 {
		return fmt.Errorf("offset %s is out of range", t.Format("-07:00"))
	}
	return nil
}

// datePrefix is the date Jekyll, Hugo and Zola read from the start of a
// file or page-bundle folder name: "2021-04-07-slug" or "2021-04-07_slug".
var datePrefix = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})(?:[-_]|$)`)

// splitDatePrefix splits "2021-04-07-slug" into its date (midnight in loc)
// and "slug". ok is false when name has no date prefix; err is set when it
// has one that is no date ("2021-13-45-slug").
func splitDatePrefix(name string, loc *time.Location) (date time.Time, rest string, ok bool, err error) {
	m := datePrefix.FindStringSubmatch(name)
	if m == nil {
		return time.Time{}, name, false, nil
	}
	rest = name[len(m[0]):]
	t, err := parseDate(m[1]+"-"+m[2]+"-"+m[3], loc, nil)
	if err != nil {
		return time.Time{}, rest, true, err
	}
	return t, rest, true, nil
}

// pathDate finds the YYYY/MM/DD a Zola-style `path` carries
// ("2021/04/07/slug").
var pathDate = regexp.MustCompile(`(?:^|/)(\d{4})/(\d{1,2})/(\d{1,2})(?:/|$)`)

// dateFromPath returns the date inside an explicit permalink path, at
// midnight in loc.
func dateFromPath(p string, loc *time.Location) (time.Time, bool) {
	m := pathDate.FindStringSubmatch(p)
	if m == nil {
		return time.Time{}, false
	}
	t, err := parseDate(m[1]+"-"+m[2]+"-"+m[3], loc, nil)
	if err != nil {
		return time.Time{}, false
	}
	return t, true
}

// kindOf describes a decoded front matter value's type for messages ("a
// number", "text").
func kindOf(v any) string {
	switch v.(type) {
	case string:
		return "text"
	case bool:
		return "a true/false value"
	case int, int64, uint64, float64:
		return "a number"
	case time.Time:
		return "a date"
	case []any, []map[string]any:
		return "a list"
	case map[string]any:
		return "a table"
	case nil:
		return "nothing"
	}
	return fmt.Sprintf("a %T", v)
}
