package posts

import (
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/sessionfeed/sessionfeed/posts/timeexpr"
)

// tomlValue decodes a TOML value the way front matter decoding does, so
// tests see the exact times (and zone markers) BurntSushi/toml produces.
func tomlValue(t testing.TB, lit string) any {
	t.Helper()
	var m map[string]any
	if _, err := toml.Decode("v = "+lit, &m); err != nil {
		t.Fatalf("decoding TOML %s: %v", lit, err)
	}
	return m["v"]
}

func mustLoad(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func testZones(t testing.TB) *timeexpr.Zones {
	t.Helper()
	z, err := timeexpr.NewZones(nil)
	if err != nil {
		t.Fatalf("timeexpr.NewZones: %v", err)
	}
	return z
}

func TestParseDate(t *testing.T) {
	ny := mustLoad(t, "America/New_York")
	zones := testZones(t)
	tests := []struct {
		name  string
		in    any
		want  string // RFC 3339 with nanoseconds, in the zone the date was written in
		zone  string // the location's name, when it matters
		error string // a substring of the error; "" when the date must parse
	}{
		{name: "TOML offset datetime", in: tomlValue(t, "2021-04-07T10:00:00-04:00"), want: "2021-04-07T10:00:00-04:00"},
		{name: "TOML datetime Z", in: tomlValue(t, "2021-04-07T10:00:00Z"), want: "2021-04-07T10:00:00Z", zone: "UTC"},
		{name: "TOML datetime with fraction", in: tomlValue(t, "2021-04-07T10:00:00.25+05:30"), want: "2021-04-07T10:00:00.25+05:30"},
		{name: "TOML local datetime in site zone", in: tomlValue(t, "2021-04-07T10:00:00"), want: "2021-04-07T10:00:00-04:00", zone: "America/New_York"},
		{name: "TOML local date is midnight in site zone", in: tomlValue(t, "2021-01-07"), want: "2021-01-07T00:00:00-05:00", zone: "America/New_York"},
		{name: "TOML space-separated datetime", in: tomlValue(t, "2021-04-07 10:00:00Z"), want: "2021-04-07T10:00:00Z"},
		{name: "TOML local time has no date", in: tomlValue(t, "10:00:00"), error: "without a date"},
		{name: "RFC 3339 Z", in: "2021-04-07T10:00:00Z", want: "2021-04-07T10:00:00Z", zone: "UTC"},
		{name: "RFC 3339 offset", in: "2021-04-07T10:00:00-07:00", want: "2021-04-07T10:00:00-07:00"},
		{name: "RFC 3339 nanoseconds", in: "2021-04-07T10:00:00.123456789+02:00", want: "2021-04-07T10:00:00.123456789+02:00"},
		{name: "fraction longer than nanoseconds", in: "2021-04-07T10:00:00.1234567891Z", want: "2021-04-07T10:00:00.123456789Z"},
		{name: "fraction with comma", in: "2021-04-07T10:00:00,5Z", want: "2021-04-07T10:00:00.5Z"},
		{name: "lower-case t and z", in: "2021-04-07t10:00:00z", want: "2021-04-07T10:00:00Z"},
		{name: "offset without colon", in: "2021-04-07T10:00:00-0400", want: "2021-04-07T10:00:00-04:00"},
		{name: "offset hours only", in: "2021-04-07T10:00:00+05", want: "2021-04-07T10:00:00+05:00"},
		{name: "Jekyll", in: "2021-04-07 10:00:00 -0700", want: "2021-04-07T10:00:00-07:00"},
		{name: "Jekyll with colon", in: "2021-04-07 10:00:00 +02:00", want: "2021-04-07T10:00:00+02:00"},
		{name: "Ruby Time#to_s with fraction", in: "2021-04-07 10:00:00.000000000 -07:00", want: "2021-04-07T10:00:00-07:00"},
		{name: "Go Time#String", in: "2021-04-07 10:00:00 +0200 CEST", want: "2021-04-07T10:00:00+02:00"},
		{name: "date only", in: "2021-04-07", want: "2021-04-07T00:00:00-04:00", zone: "America/New_York"},
		{name: "single-digit month and day", in: "2021-4-7", want: "2021-04-07T00:00:00-04:00"},
		{name: "slashes", in: "2021/04/07", want: "2021-04-07T00:00:00-04:00"},
		{name: "date and minutes", in: "2021-04-07 10:00", want: "2021-04-07T10:00:00-04:00"},
		{name: "date and seconds", in: "2021-04-07 10:00:30", want: "2021-04-07T10:00:30-04:00"},
		{name: "winter local time", in: "2021-01-15 10:00", want: "2021-01-15T10:00:00-05:00"},
		{name: "T without zone", in: "2021-04-07T10:00:00", want: "2021-04-07T10:00:00-04:00"},
		{name: "T without seconds", in: "2021-04-07T10:00", want: "2021-04-07T10:00:00-04:00"},
		{name: "T without seconds with offset", in: "2021-04-07T10:00+01:00", want: "2021-04-07T10:00:00+01:00"},
		{name: "named UTC", in: "2021-04-07 10:00:00 UTC", want: "2021-04-07T10:00:00Z", zone: "UTC"},
		{name: "named GMT", in: "2021-04-07 10:00 GMT", want: "2021-04-07T10:00:00Z"},
		{name: "IANA zone", in: "2021-04-07 10:00 America/Los_Angeles", want: "2021-04-07T10:00:00-07:00", zone: "America/Los_Angeles"},
		{name: "abbreviation from the zone table", in: "2021-04-07 10:00 ET", want: "2021-04-07T10:00:00-04:00", zone: "America/New_York"},
		{name: "surrounding space", in: "  2021-04-07  ", want: "2021-04-07T00:00:00-04:00"},
		{name: "RFC 1123", in: "Wed, 07 Apr 2021 10:00:00 -0400", want: "2021-04-07T10:00:00-04:00"},
		{name: "month name", in: "April 7, 2021", want: "2021-04-07T00:00:00-04:00"},
		{name: "day month year", in: "7 April 2021", want: "2021-04-07T00:00:00-04:00"},
		{name: "leap day", in: "2020-02-29", want: "2020-02-29T00:00:00-05:00"},

		{name: "all zeros", in: "0000-00-00", error: "month 0 is out of range"},
		{name: "year 9999", in: "9999-12-31", error: "not a plausible publication date"},
		{name: "year 0001", in: "0001-01-01T00:00:00Z", error: "not a plausible publication date"},
		{name: "TOML year 9999", in: tomlValue(t, "9999-12-31"), error: "not a plausible"},
		{name: "no February 30", in: "2021-02-30", error: "February has no day 30"},
		{name: "no leap day", in: "2021-02-29", error: "February has no day 29"},
		{name: "month 13", in: "2021-13-01", error: "month 13"},
		{name: "hour 25", in: "2021-04-07 25:00", error: "not a time of day"},
		{name: "minute 60", in: "2021-04-07 10:60", error: "not a time of day"},
		{name: "offset out of range", in: "2021-04-07T10:00:00+25:00", error: "offset +25:00 is out of range"},
		{name: "unknown zone", in: "2021-04-07 10:00 Mars/Olympus_Mons", error: `unknown time zone "Mars/Olympus_Mons"`},
		{name: "Local is no zone", in: "2021-04-07 10:00 Local", error: "unknown time zone"},
		{name: "prose", in: "yesterday", error: `cannot read "yesterday" as a date`},
		{name: "empty", in: "", error: "empty date"},
		{name: "too long", in: "2021-04-07" + strings.Repeat(" ", 10) + strings.Repeat("x", 100), error: "too long to be a date"},
		{name: "number", in: 2021, error: "2021 is a number, not a date"},
		{name: "boolean", in: true, error: "not a date"},
		{name: "list", in: []any{"2021-04-07"}, error: "is a list, not a date"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseDate(tt.in, ny, zones)
			if tt.error != "" {
				if err == nil || !strings.Contains(err.Error(), tt.error) {
					t.Fatalf("parseDate(%#v) = %v, %v; want error containing %q", tt.in, got, err, tt.error)
				}
				return
			}
			if err != nil {
				t.Fatalf("parseDate(%#v): %v", tt.in, err)
			}
			if s := got.Format(time.RFC3339Nano); s != tt.want {
				t.Errorf("parseDate(%#v) = %s; want %s", tt.in, s, tt.want)
			}
			if tt.zone != "" && got.Location().String() != tt.zone {
				t.Errorf("parseDate(%#v) is in %q; want %q", tt.in, got.Location(), tt.zone)
			}
		})
	}
}

func TestParseDateNoSiteZone(t *testing.T) {
	got, err := parseDate("2021-04-07 10:00", nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2021, 4, 7, 10, 0, 0, 0, time.UTC); !got.Equal(want) || got.Location() != time.UTC {
		t.Errorf("got %v; want %v in UTC", got, want)
	}
}

func TestSplitDatePrefix(t *testing.T) {
	ny := mustLoad(t, "America/New_York")
	tests := []struct {
		name, date, rest string
		ok               bool
		error            string
	}{
		{"2021-04-07-async-vision", "2021-04-07", "async-vision", true, ""},
		{"2021-04-07_zola-style", "2021-04-07", "zola-style", true, ""},
		{"2021-04-07", "2021-04-07", "", true, ""},
		{"2021-04-07T10-slug", "", "2021-04-07T10-slug", false, ""},
		{"async-vision", "", "async-vision", false, ""},
		{"20210407-slug", "", "20210407-slug", false, ""},
		{"2021-13-45-slug", "", "slug", true, "month 13"},
		{"0000-00-00-slug", "", "slug", true, "month 0"},
		{"9999-12-31-slug", "", "slug", true, "not a plausible"},
	}
	for _, tt := range tests {
		date, rest, ok, err := splitDatePrefix(tt.name, ny)
		if rest != tt.rest || ok != tt.ok {
			t.Errorf("splitDatePrefix(%q) = %q, %v; want %q, %v", tt.name, rest, ok, tt.rest, tt.ok)
		}
		if tt.error != "" {
			if err == nil || !strings.Contains(err.Error(), tt.error) {
				t.Errorf("splitDatePrefix(%q) error = %v; want %q", tt.name, err, tt.error)
			}
			continue
		}
		if err != nil {
			t.Errorf("splitDatePrefix(%q): %v", tt.name, err)
		}
		if tt.date != "" && (date.Format("2006-01-02") != tt.date || date.Location() != ny || date.Hour() != 0) {
			t.Errorf("splitDatePrefix(%q) date = %v; want midnight of %s in New York", tt.name, date, tt.date)
		}
	}
}

func TestDateFromPath(t *testing.T) {
	tests := []struct {
		path, want string
	}{
		{"2021/04/07/zola-style", "2021-04-07"},
		{"/blog/2021/4/7/slug/", "2021-04-07"},
		{"blog/2021/04/07", "2021-04-07"},
		{"https://example.org/2021/04/07/x", "2021-04-07"},
		{"blog/slug", ""},
		{"2021/13/07/slug", ""},
		{"x2021/04/07/slug", ""},
		{"9999/12/31/slug", ""},
		{"", ""},
	}
	for _, tt := range tests {
		got, ok := dateFromPath(tt.path, time.UTC)
		if tt.want == "" {
			if ok {
				t.Errorf("dateFromPath(%q) = %v; want none", tt.path, got)
			}
			continue
		}
		if !ok || got.Format("2006-01-02") != tt.want {
			t.Errorf("dateFromPath(%q) = %v, %v; want %s", tt.path, got, ok, tt.want)
		}
	}
}

// FuzzDate checks that no text makes parseDate panic, that what it accepts
// is a plausible date, and that the instant survives being written as
// RFC 3339 and read back.
func FuzzDate(f *testing.F) {
	for _, s := range []string{
		"2021-04-07", "2021-04-07T10:00:00Z", "2021-04-07 10:00:00 -0700", "2021-04-07T10:00:00.123+02:00",
		"2021-4-7 7:05", "2021/04/07", "2021-04-07 10:00 America/New_York", "2021-04-07 10:00 ET",
		"2021-03-14 02:30", "Wed, 07 Apr 2021 10:00:00 -0400", "April 7, 2021", "0000-00-00", "9999-12-31",
		"2021-04-07T10:00:00,999999999999Z", "2021-04-07 10:00:00 +0200 CEST", "1900-01-01T00:00:00+23:59",
	} {
		f.Add(s)
	}
	ny := mustLoad(f, "America/New_York")
	zones, _ := timeexpr.NewZones(nil)
	f.Fuzz(func(t *testing.T, s string) {
		got, err := parseDate(s, ny, zones)
		if err != nil {
			return
		}
		if err := checkPlausible(got); err != nil {
			t.Fatalf("parseDate(%q) = %v: %v", s, got, err)
		}
		forms := []string{got.UTC().Format(time.RFC3339Nano)}
		if _, off := got.Zone(); off%60 == 0 {
			forms = append(forms, got.Format(time.RFC3339Nano))
		}
		for _, form := range forms {
			back, err := parseDate(form, ny, zones)
			if err != nil {
				t.Fatalf("parseDate(%q) = %v, but its RFC 3339 form %q does not parse: %v", s, got, form, err)
			}
			if !back.Equal(got) {
				t.Fatalf("parseDate(%q) = %v; its RFC 3339 form %q reads back as %v", s, got, form, back)
			}
		}
	})
}
