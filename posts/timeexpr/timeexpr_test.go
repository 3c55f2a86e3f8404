package timeexpr

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// parseCase is one written expression and the instants a person means by it.
type parseCase struct {
	text        string
	post        string // the post's date (noon UTC, so it is the same day in most zones) or instant (RFC 3339); "" = 2021-04-07, a Wednesday
	loc         string // Reference.Location; "" = America/New_York, "-" = none configured
	after       string // Reference.After, RFC 3339; "" = none
	hours       *Hours // Reference.Hours
	start       string // RFC 3339 in the expression's zone
	startUTC    string
	end, endUTC string // "" = no end
	dateOnly    bool
	zone        string // the zone's name; "" = not checked
	warn        string // a substring of the warnings; "" = no warnings at all
}

func mustLoad(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func (c parseCase) ref(t testing.TB, zones *Zones) Reference {
	t.Helper()
	post := c.post
	if post == "" {
		post = "2021-04-07"
	}
	p, err := time.Parse("2006-01-02", post)
	if err == nil {
		p = p.Add(12 * time.Hour)
	} else if p, err = time.Parse(time.RFC3339, post); err != nil {
		t.Fatal(err)
	}
	ref := Reference{Post: p, Zones: zones, Hours: c.hours}
	switch c.loc {
	case "":
		ref.Location = mustLoad(t, "America/New_York")
	case "-":
	default:
		ref.Location = mustLoad(t, c.loc)
	}
	if c.after != "" {
		if ref.After, err = time.Parse(time.RFC3339, c.after); err != nil {
			t.Fatal(err)
		}
	}
	return ref
}

var utc = time.UTC

var parseCases = []parseCase{
	// The example post (published Wednesday 2021-04-07).
	{text: "Thu at 07:00 ET", start: "2021-04-08T07:00:00-04:00", startUTC: "2021-04-08T11:00:00Z", zone: "America/New_York"},
	{text: "Fri at 07:00 ET", start: "2021-04-09T07:00:00-04:00", startUTC: "2021-04-09T11:00:00Z", zone: "America/New_York"},

	// Weekdays: the first such day on or after the post's date.
	{text: "Wed 15:00 ET", start: "2021-04-07T15:00:00-04:00", startUTC: "2021-04-07T19:00:00Z"},
	{text: "Friday, 2pm PT", start: "2021-04-09T14:00:00-07:00", startUTC: "2021-04-09T21:00:00Z", zone: "America/Los_Angeles"},
	{text: "Tuesdays at 10:00 UTC", start: "2021-04-13T10:00:00Z", startUTC: "2021-04-13T10:00:00Z", zone: "UTC"},
	{text: "Tue 10am ET", post: "2021-12-29", start: "2022-01-04T10:00:00-05:00", startUTC: "2022-01-04T15:00:00Z"},
	{text: "Mon. 9:00 ET", start: "2021-04-12T09:00:00-04:00", startUTC: "2021-04-12T13:00:00Z"},
	{text: "Thurs 9:00 ET", start: "2021-04-08T09:00:00-04:00", startUTC: "2021-04-08T13:00:00Z"},
	{text: "this Thursday at 7pm ET", start: "2021-04-08T19:00:00-04:00", startUTC: "2021-04-08T23:00:00Z"},
	{text: "next Thursday at 7pm ET", start: "2021-04-08T19:00:00-04:00", startUTC: "2021-04-08T23:00:00Z",
		warn: `"next Thursday" read as the first Thursday on or after the post`},
	{text: "every Sunday at 18:00 UTC", start: "2021-04-11T18:00:00Z", startUTC: "2021-04-11T18:00:00Z"},
	// ... and on or after the entry above it.
	{text: "Fri 10am ET", post: "2021-04-09", after: "2021-04-12T10:00:00-04:00", start: "2021-04-16T10:00:00-04:00", startUTC: "2021-04-16T14:00:00Z"},
	{text: "Mon 10am ET", post: "2021-04-09", after: "2021-04-12T10:00:00-04:00", start: "2021-04-12T10:00:00-04:00", startUTC: "2021-04-12T14:00:00Z"},

	// A post dated at midnight UTC is on its own date in New York too; a
	// post's instant is never after the day a weekday resolves to.
	{text: "Wed 10am PT", post: "2021-04-07T00:00:00Z", start: "2021-04-07T10:00:00-07:00", startUTC: "2021-04-07T17:00:00Z"},
	{text: "Tue 10am PT", post: "2021-04-07T00:00:00Z", start: "2021-04-13T10:00:00-07:00", startUTC: "2021-04-13T17:00:00Z"},
	{text: "Wed 10:00 CEST", post: "2021-04-07T23:00:00-04:00", start: "2021-04-14T10:00:00+02:00", startUTC: "2021-04-14T08:00:00Z"},
	{text: "Thu 10:00 CEST", post: "2021-04-07T23:00:00-04:00", start: "2021-04-08T10:00:00+02:00", startUTC: "2021-04-08T08:00:00Z"},

	// Month and day, ordinal or not, with or without a year, either order.
	{text: "March 23rd at noon ET", post: "2021-03-20", start: "2021-03-23T12:00:00-04:00", startUTC: "2021-03-23T16:00:00Z"},
	{text: "26 March 10am", post: "2021-03-20", loc: "Europe/Berlin", start: "2021-03-26T10:00:00+01:00", startUTC: "2021-03-26T09:00:00Z", zone: "Europe/Berlin"},
	{text: "Mar. 5", post: "2021-03-01", start: "2021-03-05T00:00:00-05:00", startUTC: "2021-03-05T05:00:00Z",
		end: "2021-03-06T00:00:00-05:00", endUTC: "2021-03-06T05:00:00Z", dateOnly: true},
	{text: "Thursday, April 8th, 2021 at 7:00 ET", start: "2021-04-08T07:00:00-04:00", startUTC: "2021-04-08T11:00:00Z"},
	{text: "April 8 2021", start: "2021-04-08T00:00:00-04:00", startUTC: "2021-04-08T04:00:00Z",
		end: "2021-04-09T00:00:00-04:00", endUTC: "2021-04-09T04:00:00Z", dateOnly: true},
	{text: "5th of March 2021, 10:00 UTC", start: "2021-03-05T10:00:00Z", startUTC: "2021-03-05T10:00:00Z"},
	{text: "Sept. 9, 2021 18:00 Europe/London", start: "2021-09-09T18:00:00+01:00", startUTC: "2021-09-09T17:00:00Z"},
	{text: "10am on March 26th", post: "2021-03-20", start: "2021-03-26T10:00:00-04:00", startUTC: "2021-03-26T14:00:00Z"},
	{text: "Thu, Apr 8 @ 7pm ET", start: "2021-04-08T19:00:00-04:00", startUTC: "2021-04-08T23:00:00Z"},
	{text: "Thu 8 April 7pm CEST", start: "2021-04-08T19:00:00+02:00", startUTC: "2021-04-08T17:00:00Z"},
	{text: "Friday, April 8, 2021 7pm ET", start: "2021-04-08T19:00:00-04:00", startUTC: "2021-04-08T23:00:00Z",
		warn: "weekday Friday does not match April 8, 2021 (a Thursday)"},
	// A year-less date is the first on or after a week before the post...
	{text: "January 5th 10am ET", post: "2021-12-20", start: "2022-01-05T10:00:00-05:00", startUTC: "2022-01-05T15:00:00Z"},
	{text: "Dec 18 10am ET", post: "2021-12-20", start: "2021-12-18T10:00:00-05:00", startUTC: "2021-12-18T15:00:00Z"},
	// Eight days back is nearer than a year ahead: last week's, as a person reads it.
	{text: "Dec 12 10am ET", post: "2021-12-20", start: "2021-12-12T10:00:00-05:00", startUTC: "2021-12-12T15:00:00Z"},
	{text: "Mar 12", post: "2021-04-07", start: "2021-03-12T00:00:00-05:00", startUTC: "2021-03-12T05:00:00Z",
		end: "2021-03-13T00:00:00-05:00", endUTC: "2021-03-13T05:00:00Z", dateOnly: true},
	{text: "Jan 15 10am ET", post: "2021-04-07", start: "2021-01-15T10:00:00-05:00", startUTC: "2021-01-15T15:00:00Z"},
	{text: "March 3 10am ET", post: "2021-10-01", start: "2022-03-03T10:00:00-05:00", startUTC: "2022-03-03T15:00:00Z"},
	{text: "Dec 13 10am ET", post: "2021-12-20", start: "2021-12-13T10:00:00-05:00", startUTC: "2021-12-13T15:00:00Z"},
	// ... and on or after the entry above.
	{text: "April 15 10am", after: "2021-04-20T10:00:00-04:00", start: "2022-04-15T10:00:00-04:00", startUTC: "2022-04-15T14:00:00Z"},

	// Numeric dates: a weekday decides the order, then a number above 12,
	// then the zone's convention (with a warning).
	{text: "Thu 4/8 7pm ET", start: "2021-04-08T19:00:00-04:00", startUTC: "2021-04-08T23:00:00Z"},
	{text: "Thu 8/4 19:00 CEST", start: "2021-04-08T19:00:00+02:00", startUTC: "2021-04-08T17:00:00Z"},
	{text: "4/28 7pm ET", start: "2021-04-28T19:00:00-04:00", startUTC: "2021-04-28T23:00:00Z"},
	{text: "28/4 19:00", loc: "Europe/Berlin", start: "2021-04-28T19:00:00+02:00", startUTC: "2021-04-28T17:00:00Z"},
	{text: "4/8/2021 7pm ET", start: "2021-04-08T19:00:00-04:00", startUTC: "2021-04-08T23:00:00Z", warn: "4/8 read as April 8, 2021 (month/day"},
	{text: "8/4/21 19:00", loc: "Europe/Berlin", start: "2021-04-08T19:00:00+02:00", startUTC: "2021-04-08T17:00:00Z", warn: "8/4 read as April 8, 2021 (day/month"},
	{text: "Fri 4/8/21 7pm ET", start: "2021-04-08T19:00:00-04:00", startUTC: "2021-04-08T23:00:00Z", warn: "weekday Friday does not match April 8, 2021 (a Thursday)"},
	// Days named relative to the post.
	{text: "today at 3pm ET", start: "2021-04-07T15:00:00-04:00", startUTC: "2021-04-07T19:00:00Z"},
	{text: "Tomorrow, 10am UTC", start: "2021-04-08T10:00:00Z", startUTC: "2021-04-08T10:00:00Z"},
	// The same time stated again in other zones.
	{text: "Thu at 07:00 ET (13:00 CEST)", start: "2021-04-08T07:00:00-04:00", startUTC: "2021-04-08T11:00:00Z"},
	{text: "Thu 7pm ET / 4pm PT", start: "2021-04-08T19:00:00-04:00", startUTC: "2021-04-08T23:00:00Z"},
	{text: "Thu 23:00 PT (Fri 08:00 CEST)", start: "2021-04-08T23:00:00-07:00", startUTC: "2021-04-09T06:00:00Z"},
	{text: "Thu 4pm UTC (9am PT, 12pm ET, 6pm CEST)", start: "2021-04-08T16:00:00Z", startUTC: "2021-04-08T16:00:00Z"},
	{text: "Thu 4pm UTC (9am PT; 11am ET)", start: "2021-04-08T16:00:00Z", startUTC: "2021-04-08T16:00:00Z",
		warn: `"11am ET" is not the time given first, which is Thu 12:00 there`},
	{text: "Thu 8pm (Berlin)", start: "2021-04-08T20:00:00+02:00", startUTC: "2021-04-08T18:00:00Z", zone: "Europe/Berlin"},
	{text: "Thu 23:00 PT (08:00 CEST)", start: "2021-04-08T23:00:00-07:00", startUTC: "2021-04-09T06:00:00Z"},
	{text: "Thu at 07:00 ET (14:00 CEST)", start: "2021-04-08T07:00:00-04:00", startUTC: "2021-04-08T11:00:00Z",
		warn: `"14:00 CEST" is not the time given first, which is Thu 13:00 there`},

	// ISO dates and date-times.
	{text: "2021-04-08", start: "2021-04-08T00:00:00-04:00", startUTC: "2021-04-08T04:00:00Z",
		end: "2021-04-09T00:00:00-04:00", endUTC: "2021-04-09T04:00:00Z", dateOnly: true},
	{text: "2021/04/08", start: "2021-04-08T00:00:00-04:00", startUTC: "2021-04-08T04:00:00Z",
		end: "2021-04-09T00:00:00-04:00", endUTC: "2021-04-09T04:00:00Z", dateOnly: true},
	{text: "2021-04-08 07:00 America/New_York", start: "2021-04-08T07:00:00-04:00", startUTC: "2021-04-08T11:00:00Z"},
	{text: "2021-04-08T07:00:00-04:00", loc: "-", start: "2021-04-08T07:00:00-04:00", startUTC: "2021-04-08T11:00:00Z", zone: "UTC-04:00"},
	{text: "2021-04-08T07:00:00.250-04:00", start: "2021-04-08T07:00:00-04:00", startUTC: "2021-04-08T11:00:00Z"},
	{text: "2021-04-08T11:00Z", loc: "-", start: "2021-04-08T11:00:00Z", startUTC: "2021-04-08T11:00:00Z", zone: "UTC"},
	{text: "2021-04-08T13:00:00+02:00", start: "2021-04-08T13:00:00+02:00", startUTC: "2021-04-08T11:00:00Z", zone: "UTC+02:00"},
	{text: "2021-04-08 7pm +02:00", start: "2021-04-08T19:00:00+02:00", startUTC: "2021-04-08T17:00:00Z"},
	{text: "2021-04-08 14:00-15:30 Europe/Berlin", start: "2021-04-08T14:00:00+02:00", startUTC: "2021-04-08T12:00:00Z",
		end: "2021-04-08T15:30:00+02:00", endUTC: "2021-04-08T13:30:00Z", zone: "Europe/Berlin"},

	// Times.
	{text: "Thu 7am", start: "2021-04-08T07:00:00-04:00", startUTC: "2021-04-08T11:00:00Z"},
	{text: "Thu 7 a.m.", start: "2021-04-08T07:00:00-04:00", startUTC: "2021-04-08T11:00:00Z"},
	{text: "Thu 7 AM", start: "2021-04-08T07:00:00-04:00", startUTC: "2021-04-08T11:00:00Z"},
	{text: "Thu 7\u202fPM", start: "2021-04-08T19:00:00-04:00", startUTC: "2021-04-08T23:00:00Z"},
	{text: "Thu 7:30 pm", start: "2021-04-08T19:30:00-04:00", startUTC: "2021-04-08T23:30:00Z"},
	{text: "Thu 7.30pm", start: "2021-04-08T19:30:00-04:00", startUTC: "2021-04-08T23:30:00Z"},
	{text: "Thu 19.30", start: "2021-04-08T19:30:00-04:00", startUTC: "2021-04-08T23:30:00Z"},
	{text: "Thu noon", start: "2021-04-08T12:00:00-04:00", startUTC: "2021-04-08T16:00:00Z"},
	{text: "Thu 12 noon", start: "2021-04-08T12:00:00-04:00", startUTC: "2021-04-08T16:00:00Z"},
	{text: "Thu midnight", start: "2021-04-08T00:00:00-04:00", startUTC: "2021-04-08T04:00:00Z"},
	{text: "Thu 12am", start: "2021-04-08T00:00:00-04:00", startUTC: "2021-04-08T04:00:00Z"},
	{text: "Thu 12:30am", start: "2021-04-08T00:30:00-04:00", startUTC: "2021-04-08T04:30:00Z"},
	{text: "Thu 12pm", start: "2021-04-08T12:00:00-04:00", startUTC: "2021-04-08T16:00:00Z"},
	{text: "Thu 12:45 p.m.", start: "2021-04-08T12:45:00-04:00", startUTC: "2021-04-08T16:45:00Z"},
	{text: "Thu 1900h", start: "2021-04-08T19:00:00-04:00", startUTC: "2021-04-08T23:00:00Z"},
	{text: "Thu 19h", start: "2021-04-08T19:00:00-04:00", startUTC: "2021-04-08T23:00:00Z"},
	{text: "Thu 15h30", start: "2021-04-08T15:30:00-04:00", startUTC: "2021-04-08T19:30:00Z"},
	{text: "Thu 19:00 hrs", start: "2021-04-08T19:00:00-04:00", startUTC: "2021-04-08T23:00:00Z"},
	{text: "Thu 1900 hrs", start: "2021-04-08T19:00:00-04:00", startUTC: "2021-04-08T23:00:00Z"},
	{text: "Thu 19 Uhr", start: "2021-04-08T19:00:00-04:00", startUTC: "2021-04-08T23:00:00Z"},
	{text: "14.04.2021 19:00 CEST", start: "2021-04-14T19:00:00+02:00", startUTC: "2021-04-14T17:00:00Z"},
	{text: "8.4. 19:00", loc: "Europe/Berlin", start: "2021-04-08T19:00:00+02:00", startUTC: "2021-04-08T17:00:00Z"},
	{text: "Thu 07:00:30 UTC", start: "2021-04-08T07:00:30Z", startUTC: "2021-04-08T07:00:30Z"},

	// Ranges.
	{text: "Thu 14:00-15:30", start: "2021-04-08T14:00:00-04:00", startUTC: "2021-04-08T18:00:00Z", end: "2021-04-08T15:30:00-04:00", endUTC: "2021-04-08T19:30:00Z"},
	{text: "Thu 14:00 — 15:30", start: "2021-04-08T14:00:00-04:00", startUTC: "2021-04-08T18:00:00Z", end: "2021-04-08T15:30:00-04:00", endUTC: "2021-04-08T19:30:00Z"},
	{text: "Thu 2pm to 3pm", start: "2021-04-08T14:00:00-04:00", startUTC: "2021-04-08T18:00:00Z", end: "2021-04-08T15:00:00-04:00", endUTC: "2021-04-08T19:00:00Z"},
	{text: "Thu 10–11am", start: "2021-04-08T10:00:00-04:00", startUTC: "2021-04-08T14:00:00Z", end: "2021-04-08T11:00:00-04:00", endUTC: "2021-04-08T15:00:00Z"},
	{text: "Thu 2-3pm", start: "2021-04-08T14:00:00-04:00", startUTC: "2021-04-08T18:00:00Z", end: "2021-04-08T15:00:00-04:00", endUTC: "2021-04-08T19:00:00Z"},
	{text: "Thu 11-1pm", start: "2021-04-08T11:00:00-04:00", startUTC: "2021-04-08T15:00:00Z", end: "2021-04-08T13:00:00-04:00", endUTC: "2021-04-08T17:00:00Z"},
	{text: "Thu 9:30-10:30pm", start: "2021-04-08T21:30:00-04:00", startUTC: "2021-04-09T01:30:00Z", end: "2021-04-08T22:30:00-04:00", endUTC: "2021-04-09T02:30:00Z"},
	{text: "Thu 10am-2", start: "2021-04-08T10:00:00-04:00", startUTC: "2021-04-08T14:00:00Z", end: "2021-04-08T14:00:00-04:00", endUTC: "2021-04-08T18:00:00Z"},
	{text: "Thu 7am-1:00", start: "2021-04-08T07:00:00-04:00", startUTC: "2021-04-08T11:00:00Z", end: "2021-04-08T13:00:00-04:00", endUTC: "2021-04-08T17:00:00Z"},
	{text: "Thu 11pm-1am", start: "2021-04-08T23:00:00-04:00", startUTC: "2021-04-09T03:00:00Z", end: "2021-04-09T01:00:00-04:00", endUTC: "2021-04-09T05:00:00Z"},
	{text: "Thu 10pm-midnight", start: "2021-04-08T22:00:00-04:00", startUTC: "2021-04-09T02:00:00Z", end: "2021-04-09T00:00:00-04:00", endUTC: "2021-04-09T04:00:00Z"},
	{text: "Thu 22:00-24:00 UTC", start: "2021-04-08T22:00:00Z", startUTC: "2021-04-08T22:00:00Z", end: "2021-04-09T00:00:00Z", endUTC: "2021-04-09T00:00:00Z"},
	{text: "Thu from 2pm until 3:30pm", start: "2021-04-08T14:00:00-04:00", startUTC: "2021-04-08T18:00:00Z", end: "2021-04-08T15:30:00-04:00", endUTC: "2021-04-08T19:30:00Z"},
	{text: "between 2 and 3pm Thu", start: "2021-04-08T14:00:00-04:00", startUTC: "2021-04-08T18:00:00Z", end: "2021-04-08T15:00:00-04:00", endUTC: "2021-04-08T19:00:00Z"},
	{text: "Thu 2pm ET for 90 minutes", start: "2021-04-08T14:00:00-04:00", startUTC: "2021-04-08T18:00:00Z", end: "2021-04-08T15:30:00-04:00", endUTC: "2021-04-08T19:30:00Z"},
	{text: "Thu 2pm for an hour", start: "2021-04-08T14:00:00-04:00", startUTC: "2021-04-08T18:00:00Z", end: "2021-04-08T15:00:00-04:00", endUTC: "2021-04-08T19:00:00Z"},
	{text: "2021-12-31 11pm-1am UTC", start: "2021-12-31T23:00:00Z", startUTC: "2021-12-31T23:00:00Z", end: "2022-01-01T01:00:00Z", endUTC: "2022-01-01T01:00:00Z"},
	{text: "Thu 2pm ET - 3pm ET", start: "2021-04-08T14:00:00-04:00", startUTC: "2021-04-08T18:00:00Z", end: "2021-04-08T15:00:00-04:00", endUTC: "2021-04-08T19:00:00Z"},
	{text: "Thu 2pm PT to 3pm", start: "2021-04-08T14:00:00-07:00", startUTC: "2021-04-08T21:00:00Z", end: "2021-04-08T15:00:00-07:00", endUTC: "2021-04-08T22:00:00Z"},
	{text: "Thu 12:00-1:00", start: "2021-04-08T12:00:00-04:00", startUTC: "2021-04-08T16:00:00Z", end: "2021-04-08T13:00:00-04:00", endUTC: "2021-04-08T17:00:00Z",
		warn: "12:00-1:00 read as 12:00–13:00"},
	{text: "Thu 11:30-1:00", start: "2021-04-08T11:30:00-04:00", startUTC: "2021-04-08T15:30:00Z", end: "2021-04-08T13:00:00-04:00", endUTC: "2021-04-08T17:00:00Z",
		warn: "read as 11:30–13:00"},
	{text: "Thu 20:00-8:00 UTC", start: "2021-04-08T20:00:00Z", startUTC: "2021-04-08T20:00:00Z", end: "2021-04-09T08:00:00Z", endUTC: "2021-04-09T08:00:00Z"},
	// Ranges of days.
	{text: "March 3–5", post: "2021-03-01", start: "2021-03-03T00:00:00-05:00", startUTC: "2021-03-03T05:00:00Z",
		end: "2021-03-06T00:00:00-05:00", endUTC: "2021-03-06T05:00:00Z", dateOnly: true},
	{text: "3–5 March", post: "2021-03-01", start: "2021-03-03T00:00:00-05:00", startUTC: "2021-03-03T05:00:00Z",
		end: "2021-03-06T00:00:00-05:00", endUTC: "2021-03-06T05:00:00Z", dateOnly: true},
	{text: "March 30 – April 2", post: "2021-03-25", start: "2021-03-30T00:00:00-04:00", startUTC: "2021-03-30T04:00:00Z",
		end: "2021-04-03T00:00:00-04:00", endUTC: "2021-04-03T04:00:00Z", dateOnly: true},
	{text: "30 March – 2 April", post: "2021-03-25", start: "2021-03-30T00:00:00-04:00", startUTC: "2021-03-30T04:00:00Z",
		end: "2021-04-03T00:00:00-04:00", endUTC: "2021-04-03T04:00:00Z", dateOnly: true},
	{text: "Dec 30 – Jan 2", post: "2021-12-20", start: "2021-12-30T00:00:00-05:00", startUTC: "2021-12-30T05:00:00Z",
		end: "2022-01-03T00:00:00-05:00", endUTC: "2022-01-03T05:00:00Z", dateOnly: true},
	{text: "2021-04-08 to 2021-04-09", loc: "UTC", start: "2021-04-08T00:00:00Z", startUTC: "2021-04-08T00:00:00Z",
		end: "2021-04-10T00:00:00Z", endUTC: "2021-04-10T00:00:00Z", dateOnly: true},

	// Zones: region abbreviations are the region's wall clock all year.
	{text: "Thu 9am CT", start: "2021-04-08T09:00:00-05:00", startUTC: "2021-04-08T14:00:00Z", zone: "America/Chicago"},
	{text: "Thu 9am CDT", start: "2021-04-08T09:00:00-05:00", startUTC: "2021-04-08T14:00:00Z"},
	{text: "Thu 9am CST", start: "2021-04-08T09:00:00-05:00", startUTC: "2021-04-08T14:00:00Z", warn: "CST written for April 8, 2021"},
	{text: "Thu 9am MT", start: "2021-04-08T09:00:00-06:00", startUTC: "2021-04-08T15:00:00Z", zone: "America/Denver"},
	{text: "Thu 9am MDT", start: "2021-04-08T09:00:00-06:00", startUTC: "2021-04-08T15:00:00Z"},
	{text: "Thu 9am MST", start: "2021-04-08T09:00:00-06:00", startUTC: "2021-04-08T15:00:00Z", warn: "MST written"},
	{text: "Thu 9am PDT", start: "2021-04-08T09:00:00-07:00", startUTC: "2021-04-08T16:00:00Z"},
	{text: "Thu 9am PST", start: "2021-04-08T09:00:00-07:00", startUTC: "2021-04-08T16:00:00Z", warn: "PST written"},
	{text: "Thu 07:00 EDT", start: "2021-04-08T07:00:00-04:00", startUTC: "2021-04-08T11:00:00Z"},
	{text: "Thu 07:00 EST", start: "2021-04-08T07:00:00-04:00", startUTC: "2021-04-08T11:00:00Z", warn: "EST written for April 8, 2021, when US Eastern time is on EDT (UTC-04:00)"},
	{text: "2021-07-08 10am EST", start: "2021-07-08T10:00:00-04:00", startUTC: "2021-07-08T14:00:00Z", zone: "America/New_York", warn: "EST written"},
	{text: "2021-01-14 07:00 EDT", start: "2021-01-14T07:00:00-05:00", startUTC: "2021-01-14T12:00:00Z", warn: "EDT written for January 14, 2021, when US Eastern time is on EST (UTC-05:00)"},
	{text: "2021-01-14 07:00 EST", start: "2021-01-14T07:00:00-05:00", startUTC: "2021-01-14T12:00:00Z"},
	{text: "Thu 9am AKT", start: "2021-04-08T09:00:00-08:00", startUTC: "2021-04-08T17:00:00Z", zone: "America/Anchorage"},
	{text: "Thu 9am HT", start: "2021-04-08T09:00:00-10:00", startUTC: "2021-04-08T19:00:00Z", zone: "Pacific/Honolulu"},
	{text: "Thu 9am HST", start: "2021-04-08T09:00:00-10:00", startUTC: "2021-04-08T19:00:00Z"},
	{text: "Thu 9am UTC", start: "2021-04-08T09:00:00Z", startUTC: "2021-04-08T09:00:00Z", zone: "UTC"},
	{text: "Thu 9am GMT", start: "2021-04-08T09:00:00Z", startUTC: "2021-04-08T09:00:00Z", zone: "UTC"},
	{text: "Thu 09:00 Z", start: "2021-04-08T09:00:00Z", startUTC: "2021-04-08T09:00:00Z", zone: "UTC"},
	{text: "Thu 9am CEST", start: "2021-04-08T09:00:00+02:00", startUTC: "2021-04-08T07:00:00Z", zone: "Europe/Berlin"},
	{text: "Thu 9am CET", start: "2021-04-08T09:00:00+02:00", startUTC: "2021-04-08T07:00:00Z", warn: "CET written"},
	{text: "Thu 9am WEST", start: "2021-04-08T09:00:00+01:00", startUTC: "2021-04-08T08:00:00Z", zone: "Europe/Lisbon"},
	{text: "Thu 9am WET", start: "2021-04-08T09:00:00+01:00", startUTC: "2021-04-08T08:00:00Z", warn: "WET written"},
	{text: "Thu 9am EEST", start: "2021-04-08T09:00:00+03:00", startUTC: "2021-04-08T06:00:00Z"},
	{text: "Thu 9am EET", start: "2021-04-08T09:00:00+03:00", startUTC: "2021-04-08T06:00:00Z", warn: "EET written"},
	{text: "Thu 9am BST", start: "2021-04-08T09:00:00+01:00", startUTC: "2021-04-08T08:00:00Z", zone: "Europe/London"},
	{text: "2021-01-14 9am BST", start: "2021-01-14T09:00:00Z", startUTC: "2021-01-14T09:00:00Z", zone: "Europe/London", warn: "BST written"},
	{text: "Thu 9am GMT/BST", start: "2021-04-08T09:00:00+01:00", startUTC: "2021-04-08T08:00:00Z", zone: "Europe/London"},
	{text: "Thu 9am EST/EDT", start: "2021-04-08T09:00:00-04:00", startUTC: "2021-04-08T13:00:00Z"},
	{text: "Thu 9am IST", start: "2021-04-08T09:00:00+05:30", startUTC: "2021-04-08T03:30:00Z", zone: "Asia/Kolkata",
		warn: "IST read as Asia/Kolkata; if Europe/Dublin or Asia/Jerusalem is meant"},
	// A year typo in an upcoming date: the weekday fits the next year.
	{text: "Friday, 2020-04-09 at 10:00 UTC", start: "2021-04-09T10:00:00Z", startUTC: "2021-04-09T10:00:00Z",
		warn: "April 9, 2020 is before the post and not a Friday; April 9, 2021 is: read as April 9, 2021 (a year typo?)"},
	// Ambiguous abbreviations take the reading of the site's clock.
	{text: "Thu 9am IST", loc: "Europe/Dublin", start: "2021-04-08T09:00:00+01:00", startUTC: "2021-04-08T08:00:00Z",
		zone: "Europe/Dublin", warn: "IST read as Europe/Dublin, the site's clock"},
	{text: "Thu 9am IST", loc: "Asia/Kolkata", start: "2021-04-08T09:00:00+05:30", startUTC: "2021-04-08T03:30:00Z", zone: "Asia/Kolkata"},
	{text: "Thu 9am CST", loc: "Asia/Shanghai", start: "2021-04-08T09:00:00+08:00", startUTC: "2021-04-08T01:00:00Z",
		zone: "Asia/Shanghai", warn: "CST read as Asia/Shanghai, the site's clock"},
	{text: "Thu 9am CST", loc: "Asia/Taipei", start: "2021-04-08T09:00:00+08:00", startUTC: "2021-04-08T01:00:00Z",
		zone: "Asia/Shanghai", warn: "CST read as Asia/Shanghai, the site's clock (Asia/Taipei)"},
	{text: "Thu 9am JST", start: "2021-04-08T09:00:00+09:00", startUTC: "2021-04-08T00:00:00Z", zone: "Asia/Tokyo"},
	{text: "Thu 9am KST", start: "2021-04-08T09:00:00+09:00", startUTC: "2021-04-08T00:00:00Z", zone: "Asia/Seoul"},
	{text: "Thu 9am AEST", start: "2021-04-08T09:00:00+10:00", startUTC: "2021-04-07T23:00:00Z", zone: "Australia/Sydney"},
	{text: "Thu 9am AEDT", start: "2021-04-08T09:00:00+10:00", startUTC: "2021-04-07T23:00:00Z", warn: "AEDT written"},
	{text: "Thu 9am AET", start: "2021-04-08T09:00:00+10:00", startUTC: "2021-04-07T23:00:00Z"},
	{text: "Thu 9am NZST", start: "2021-04-08T09:00:00+12:00", startUTC: "2021-04-07T21:00:00Z", zone: "Pacific/Auckland"},
	{text: "Thu 9am NZDT", start: "2021-04-08T09:00:00+12:00", startUTC: "2021-04-07T21:00:00Z", warn: "NZDT written"},
	{text: "Thu 9am SGT", start: "2021-04-08T09:00:00+08:00", startUTC: "2021-04-08T01:00:00Z", zone: "Asia/Singapore"},
	{text: "Thu 9am HKT", start: "2021-04-08T09:00:00+08:00", startUTC: "2021-04-08T01:00:00Z", zone: "Asia/Hong_Kong"},
	{text: "Thu 9am MSK", start: "2021-04-08T09:00:00+03:00", startUTC: "2021-04-08T06:00:00Z", zone: "Europe/Moscow"},
	{text: "Thu 9am BRT", start: "2021-04-08T09:00:00-03:00", startUTC: "2021-04-08T12:00:00Z", zone: "America/Sao_Paulo"},
	// IANA names and offsets.
	{text: "Thu 9am Europe/Berlin", start: "2021-04-08T09:00:00+02:00", startUTC: "2021-04-08T07:00:00Z", zone: "Europe/Berlin"},
	{text: "Thu 9am America/Argentina/Buenos_Aires", start: "2021-04-08T09:00:00-03:00", startUTC: "2021-04-08T12:00:00Z"},
	{text: "Thu 9am UTC+2", start: "2021-04-08T09:00:00+02:00", startUTC: "2021-04-08T07:00:00Z", zone: "UTC+02:00"},
	{text: "Thu 9am GMT-05:00", start: "2021-04-08T09:00:00-05:00", startUTC: "2021-04-08T14:00:00Z", zone: "UTC-05:00"},
	{text: "Thu 9am UTC-3:30", start: "2021-04-08T09:00:00-03:30", startUTC: "2021-04-08T12:30:00Z", zone: "UTC-03:30"},
	{text: "Thu 9am +0530", start: "2021-04-08T09:00:00+05:30", startUTC: "2021-04-08T03:30:00Z", zone: "UTC+05:30"},
	{text: "Thu 9am (UTC+1)", start: "2021-04-08T09:00:00+01:00", startUTC: "2021-04-08T08:00:00Z"},
	{text: "UTC 15:00 Thu", start: "2021-04-08T15:00:00Z", startUTC: "2021-04-08T15:00:00Z"},
	{text: "Thu Apr 08 2021 07:00:00 GMT-0400 (Eastern Daylight Time)", start: "2021-04-08T07:00:00-04:00", startUTC: "2021-04-08T11:00:00Z", zone: "UTC-04:00"},
	{text: "Thu 9am PT (UTC-7)", start: "2021-04-08T09:00:00-07:00", startUTC: "2021-04-08T16:00:00Z"},
	{text: "Thu 9am PT (UTC-8)", start: "2021-04-08T09:00:00-07:00", startUTC: "2021-04-08T16:00:00Z",
		warn: `"America/Los_Angeles" is UTC-07:00 on April 8, 2021, not UTC-8 as written`},
	// Names people write.
	{text: "Thu 9am Eastern time", start: "2021-04-08T09:00:00-04:00", startUTC: "2021-04-08T13:00:00Z", zone: "America/New_York"},
	{text: "Thu 9am Eastern", loc: "UTC", start: "2021-04-08T09:00:00-04:00", startUTC: "2021-04-08T13:00:00Z"},
	{text: "Thu 9am (Eastern)", loc: "UTC", start: "2021-04-08T09:00:00-04:00", startUTC: "2021-04-08T13:00:00Z"},
	{text: "Thu 9am US Pacific", start: "2021-04-08T09:00:00-07:00", startUTC: "2021-04-08T16:00:00Z"},
	{text: "Thu 9am Pacific Time", start: "2021-04-08T09:00:00-07:00", startUTC: "2021-04-08T16:00:00Z"},
	{text: "Thu 9am Central European Time", start: "2021-04-08T09:00:00+02:00", startUTC: "2021-04-08T07:00:00Z"},
	{text: "Thu 9am Central European Summer Time", start: "2021-04-08T09:00:00+02:00", startUTC: "2021-04-08T07:00:00Z"},
	{text: "Thu 9am Eastern Standard Time", start: "2021-04-08T09:00:00-04:00", startUTC: "2021-04-08T13:00:00Z", warn: "Eastern Standard Time written"},
	{text: "Thu 9am Pacific Daylight Time", start: "2021-04-08T09:00:00-07:00", startUTC: "2021-04-08T16:00:00Z"},
	{text: "Thu 9am Berlin time", start: "2021-04-08T09:00:00+02:00", startUTC: "2021-04-08T07:00:00Z", zone: "Europe/Berlin"},
	{text: "Thu 9am London time", start: "2021-04-08T09:00:00+01:00", startUTC: "2021-04-08T08:00:00Z", zone: "Europe/London"},
	{text: "Thu 9am Tokyo time", start: "2021-04-08T09:00:00+09:00", startUTC: "2021-04-08T00:00:00Z", zone: "Asia/Tokyo"},
	{text: "Thu 9am UK time", start: "2021-04-08T09:00:00+01:00", startUTC: "2021-04-08T08:00:00Z", zone: "Europe/London"},
	{text: "Thu 9am est", start: "2021-04-08T09:00:00-04:00", startUTC: "2021-04-08T13:00:00Z", warn: "est written"},
	{text: "Thu 9am cest", start: "2021-04-08T09:00:00+02:00", startUTC: "2021-04-08T07:00:00Z"},
	{text: "Thu 2pm GMT (London)", start: "2021-04-08T14:00:00Z", startUTC: "2021-04-08T14:00:00Z",
		warn: `"UTC" is UTC+00:00 on April 8, 2021, not London as written`},
	{text: "Thu 9am (ET)", loc: "UTC", start: "2021-04-08T09:00:00-04:00", startUTC: "2021-04-08T13:00:00Z"},

	// DST changeovers. US: 2021-03-14 and 2021-11-07; EU: 2021-03-28 and
	// 2021-10-31. In the weeks between, New York and Berlin are 5 hours apart.
	{text: "2021-03-13 10:00 ET", start: "2021-03-13T10:00:00-05:00", startUTC: "2021-03-13T15:00:00Z"},
	{text: "2021-03-14 01:59 ET", start: "2021-03-14T01:59:00-05:00", startUTC: "2021-03-14T06:59:00Z"},
	{text: "2021-03-14 02:30 ET", start: "2021-03-14T03:30:00-04:00", startUTC: "2021-03-14T07:30:00Z", warn: "02:30 does not exist on March 14, 2021 in America/New_York"},
	{text: "2021-03-14 10:00 ET", start: "2021-03-14T10:00:00-04:00", startUTC: "2021-03-14T14:00:00Z"},
	{text: "2021-03-20 10:00 ET", start: "2021-03-20T10:00:00-04:00", startUTC: "2021-03-20T14:00:00Z"},
	{text: "2021-03-20 15:00 CET", start: "2021-03-20T15:00:00+01:00", startUTC: "2021-03-20T14:00:00Z"},
	{text: "2021-03-20 15:00 Europe/Berlin", start: "2021-03-20T15:00:00+01:00", startUTC: "2021-03-20T14:00:00Z"},
	{text: "2021-03-28 01:30 Europe/Berlin", start: "2021-03-28T01:30:00+01:00", startUTC: "2021-03-28T00:30:00Z"},
	{text: "2021-03-28 02:30 Europe/Berlin", start: "2021-03-28T03:30:00+02:00", startUTC: "2021-03-28T01:30:00Z", warn: "does not exist"},
	{text: "2021-03-29 16:00 CEST", start: "2021-03-29T16:00:00+02:00", startUTC: "2021-03-29T14:00:00Z"},
	{text: "2021-03-29 10:00 ET", start: "2021-03-29T10:00:00-04:00", startUTC: "2021-03-29T14:00:00Z"},
	{text: "2021-10-31 02:30 Europe/Berlin", start: "2021-10-31T02:30:00+02:00", startUTC: "2021-10-31T00:30:00Z", warn: "02:30 happens twice on October 31, 2021"},
	{text: "2021-10-31 03:00 Europe/Berlin", start: "2021-10-31T03:00:00+01:00", startUTC: "2021-10-31T02:00:00Z"},
	{text: "2021-11-03 15:00 CET", start: "2021-11-03T15:00:00+01:00", startUTC: "2021-11-03T14:00:00Z"},
	{text: "2021-11-03 10:00 ET", start: "2021-11-03T10:00:00-04:00", startUTC: "2021-11-03T14:00:00Z"},
	{text: "2021-11-07 01:30 ET", start: "2021-11-07T01:30:00-04:00", startUTC: "2021-11-07T05:30:00Z", warn: "01:30 happens twice"},
	{text: "2021-11-08 10:00 ET", start: "2021-11-08T10:00:00-05:00", startUTC: "2021-11-08T15:00:00Z"},
	{text: "2021-11-07 00:30-03:00 ET", start: "2021-11-07T00:30:00-04:00", startUTC: "2021-11-07T04:30:00Z", end: "2021-11-07T03:00:00-05:00", endUTC: "2021-11-07T08:00:00Z"},
	{text: "2021-03-28 00:30-04:00 Europe/London", start: "2021-03-28T00:30:00Z", startUTC: "2021-03-28T00:30:00Z", end: "2021-03-28T04:00:00+01:00", endUTC: "2021-03-28T03:00:00Z"},
	// An all-day session ends at the next midnight, however long the day:
	// 23 hours when the clocks move forward, and where they skip midnight
	// (São Paulo, 2018-11-04) at the first instant of the next day.
	{text: "2021-03-14 ET", start: "2021-03-14T00:00:00-05:00", startUTC: "2021-03-14T05:00:00Z",
		end: "2021-03-15T00:00:00-04:00", endUTC: "2021-03-15T04:00:00Z", dateOnly: true},
	{text: "2021-11-07 ET", start: "2021-11-07T00:00:00-04:00", startUTC: "2021-11-07T04:00:00Z",
		end: "2021-11-08T00:00:00-05:00", endUTC: "2021-11-08T05:00:00Z", dateOnly: true},
	{text: "2018-11-03 America/Sao_Paulo", start: "2018-11-03T00:00:00-03:00", startUTC: "2018-11-03T03:00:00Z",
		end: "2018-11-04T01:00:00-02:00", endUTC: "2018-11-04T03:00:00Z", dateOnly: true},
	{text: "Sun 10am ET", post: "2021-03-10", start: "2021-03-14T10:00:00-04:00", startUTC: "2021-03-14T14:00:00Z"},
	{text: "Sun 10am CET", post: "2021-03-25", start: "2021-03-28T10:00:00+02:00", startUTC: "2021-03-28T08:00:00Z", warn: "CET written"},

	// No zone anywhere.
	{text: "Thu 10am", loc: "-", start: "2021-04-08T10:00:00Z", startUTC: "2021-04-08T10:00:00Z", zone: "UTC", warn: "no time zone given; read as UTC (set timezone in sessionfeed.toml)"},
	{text: "2021-04-08", loc: "-", start: "2021-04-08T00:00:00Z", startUTC: "2021-04-08T00:00:00Z",
		end: "2021-04-09T00:00:00Z", endUTC: "2021-04-09T00:00:00Z", dateOnly: true},
	{text: "Thu 10am", loc: "Asia/Tokyo", start: "2021-04-08T10:00:00+09:00", startUTC: "2021-04-08T01:00:00Z", zone: "Asia/Tokyo"},

	// Date-only entries take the hours the post states.
	{text: "2021-04-08", hours: &Hours{Start: Clock{14, 0}, End: Clock{15, 0}, Location: utc},
		start: "2021-04-08T14:00:00Z", startUTC: "2021-04-08T14:00:00Z", end: "2021-04-08T15:00:00Z", endUTC: "2021-04-08T15:00:00Z"},
	{text: "April 8", hours: &Hours{Start: Clock{14, 0}, End: Clock{15, 0}},
		start: "2021-04-08T14:00:00-04:00", startUTC: "2021-04-08T18:00:00Z", end: "2021-04-08T15:00:00-04:00", endUTC: "2021-04-08T19:00:00Z"},
	{text: "2021-04-08 Europe/Berlin", hours: &Hours{Start: Clock{14, 0}, End: Clock{15, 0}, Location: utc},
		start: "2021-04-08T14:00:00+02:00", startUTC: "2021-04-08T12:00:00Z", end: "2021-04-08T15:00:00+02:00", endUTC: "2021-04-08T13:00:00Z"},
	{text: "Thu", hours: &Hours{Start: Clock{10, 0}, NoEnd: true, Location: utc},
		start: "2021-04-08T10:00:00Z", startUTC: "2021-04-08T10:00:00Z"},
	{text: "Thu", loc: "-", hours: &Hours{Start: Clock{10, 0}, NoEnd: true},
		start: "2021-04-08T10:00:00Z", startUTC: "2021-04-08T10:00:00Z", warn: "no time zone given"},
	{text: "Thu 9am UTC", hours: &Hours{Start: Clock{14, 0}, End: Clock{15, 0}, Location: utc},
		start: "2021-04-08T09:00:00Z", startUTC: "2021-04-08T09:00:00Z"},

	// Filler and markup around the expression.
	{text: "On Thu at 07:00 ET.", start: "2021-04-08T07:00:00-04:00", startUTC: "2021-04-08T11:00:00Z"},
	{text: "**Thu at 07:00 ET**", start: "2021-04-08T07:00:00-04:00", startUTC: "2021-04-08T11:00:00Z"},
	{text: "(Thu at 07:00 ET)", start: "2021-04-08T07:00:00-04:00", startUTC: "2021-04-08T11:00:00Z"},
	{text: "@ Thu 07:00 ET", start: "2021-04-08T07:00:00-04:00", startUTC: "2021-04-08T11:00:00Z"},
	{text: "_Thursday_, 7:00 p.m. (Eastern)", loc: "UTC", start: "2021-04-08T19:00:00-04:00", startUTC: "2021-04-08T23:00:00Z"},
	{text: "**Thu**", start: "2021-04-08T00:00:00-04:00", startUTC: "2021-04-08T04:00:00Z",
		end: "2021-04-09T00:00:00-04:00", endUTC: "2021-04-09T04:00:00Z", dateOnly: true},
}

func checkWhen(t *testing.T, c parseCase, w When) {
	t.Helper()
	if got := w.Start.Format(time.RFC3339); got != c.start {
		t.Errorf("%q: start %s, want %s", c.text, got, c.start)
	}
	if got := w.Start.UTC().Format(time.RFC3339); got != c.startUTC {
		t.Errorf("%q: start %s, want %s (UTC)", c.text, got, c.startUTC)
	}
	gotEnd, gotEndUTC := "", ""
	if !w.End.IsZero() {
		gotEnd, gotEndUTC = w.End.Format(time.RFC3339), w.End.UTC().Format(time.RFC3339)
	}
	if gotEnd != c.end || gotEndUTC != c.endUTC {
		t.Errorf("%q: end %q (%q), want %q (%q)", c.text, gotEnd, gotEndUTC, c.end, c.endUTC)
	}
	if w.DateOnly != c.dateOnly {
		t.Errorf("%q: DateOnly %v, want %v", c.text, w.DateOnly, c.dateOnly)
	}
	if w.DateOnly && !w.End.After(w.Start) {
		t.Errorf("%q: DateOnly with end %v, want the midnight after the last day", c.text, w.End)
	}
	if c.zone != "" && w.Start.Location().String() != c.zone {
		t.Errorf("%q: zone %s, want %s", c.text, w.Start.Location(), c.zone)
	}
	warnings := strings.Join(w.Warnings, "; ")
	if c.warn == "" && warnings != "" {
		t.Errorf("%q: unexpected warnings: %s", c.text, warnings)
	}
	if c.warn != "" && !strings.Contains(warnings, c.warn) {
		t.Errorf("%q: warnings %q, want one containing %q", c.text, warnings, c.warn)
	}
}

func TestParse(t *testing.T) {
	zones, err := NewZones(nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range parseCases {
		w, err := Parse(c.text, c.ref(t, zones))
		if err != nil {
			t.Errorf("%q: %v", c.text, err)
			continue
		}
		checkWhen(t, c, w)
	}
}

// TestParsePrefixWhole checks that ParsePrefix reads each whole expression
// the way Parse does.
func TestParsePrefixWhole(t *testing.T) {
	for _, c := range parseCases {
		w, n, err := ParsePrefix(c.text, c.ref(t, nil))
		if err != nil {
			t.Errorf("%q: %v", c.text, err)
			continue
		}
		if !ignorable(c.text[n:]) {
			t.Errorf("%q: read %d bytes, left %q", c.text, n, c.text[n:])
		}
		checkWhen(t, c, w)
	}
}

// TestFormatRoundTrip checks that Format writes each When so that Parse
// reads back the same instants, zone and DateOnly flag.
func TestFormatRoundTrip(t *testing.T) {
	for _, c := range parseCases {
		ref := c.ref(t, nil)
		w, err := Parse(c.text, ref)
		if err != nil {
			continue // reported by TestParse
		}
		ref.Hours = nil
		text := w.Format()
		w2, err := Parse(text, ref)
		if err != nil {
			t.Errorf("%q → %q: %v", c.text, text, err)
			continue
		}
		if msg := sameWhen(w, w2); msg != "" {
			t.Errorf("%q → %q: %s", c.text, text, msg)
		}
	}
}

// sameWhen describes how two Whens differ in instants, zone or DateOnly.
func sameWhen(a, b When) string {
	switch {
	case !a.Start.Equal(b.Start):
		return "start " + b.Start.String() + ", was " + a.Start.String()
	case !a.End.Equal(b.End):
		return "end " + b.End.String() + ", was " + a.End.String()
	case a.Start.Location().String() != b.Start.Location().String():
		return "zone " + b.Start.Location().String() + ", was " + a.Start.Location().String()
	case a.DateOnly != b.DateOnly:
		return "DateOnly changed"
	}
	_, oa := a.Start.Zone()
	_, ob := b.Start.Zone()
	if oa != ob {
		return "offset changed"
	}
	return ""
}

func TestFormat(t *testing.T) {
	ny := mustLoad(t, "America/New_York")
	for _, c := range []struct {
		w    When
		want string
	}{
		{When{Start: time.Date(2021, 4, 8, 7, 0, 0, 0, ny)}, "2021-04-08 07:00 America/New_York"},
		{When{Start: time.Date(2021, 4, 8, 14, 0, 0, 0, ny), End: time.Date(2021, 4, 8, 15, 30, 0, 0, ny)}, "2021-04-08 14:00-15:30 America/New_York"},
		{When{Start: time.Date(2021, 4, 8, 23, 0, 0, 0, utc), End: time.Date(2021, 4, 9, 1, 0, 0, 0, utc)}, "2021-04-08 23:00-01:00 UTC"},
		{When{Start: time.Date(2021, 4, 8, 23, 0, 0, 0, utc), End: time.Date(2021, 4, 10, 1, 0, 0, 0, utc)}, "2021-04-08 23:00 UTC for 26h"},
		{When{Start: time.Date(2021, 4, 8, 7, 0, 30, 0, time.FixedZone("UTC-04:00", -4*3600))}, "2021-04-08 07:00:30 UTC-04:00"},
		{When{Start: time.Date(2021, 4, 8, 0, 0, 0, 0, ny), DateOnly: true}, "2021-04-08 America/New_York"},
		{When{Start: time.Date(2021, 4, 8, 0, 0, 0, 0, ny), End: time.Date(2021, 4, 9, 0, 0, 0, 0, ny), DateOnly: true}, "2021-04-08 America/New_York"},
		{When{Start: time.Date(2021, 3, 3, 0, 0, 0, 0, utc), End: time.Date(2021, 3, 6, 0, 0, 0, 0, utc), DateOnly: true}, "2021-03-03 to 2021-03-05 UTC"},
		{When{}, ""},
	} {
		if got := c.w.Format(); got != c.want {
			t.Errorf("Format() = %q, want %q", got, c.want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	ref := Reference{Post: time.Date(2021, 4, 7, 12, 0, 0, 0, utc), Location: utc}
	for _, c := range []struct {
		text   string
		reason string // a substring of the reason
		err    error  // ErrNoTime, ErrNoDate or nil
	}{
		{"", "no date or time", ErrNoTime},
		{"TBD", "no date or time", ErrNoTime},
		{"Async traits", "no date or time", ErrNoTime},
		{"March", "no date or time", ErrNoTime},
		{"March 2021", "no date or time", ErrNoTime},
		{"2021", "no date or time", ErrNoTime},
		{"42", "no date or time", ErrNoTime},
		{"see Thu 7pm", "no date or time", ErrNoTime},
		{"10am ET", "no date given", ErrNoDate},
		{"2pm-3pm", "no date given", ErrNoDate},
		{"February 30", "no such date: February 30", nil},
		{"February 29", "no such date: February 29, 2022", nil},
		{"2021-02-29", "no such date: February 29, 2021", nil},
		{"April 31, 2021", "no such date: April 31, 2021", nil},
		{"2021-13-01", "month 13 out of range", nil},
		{"4/35", "no such date: 4/35", nil},
		{"13/13/2021", "no such date: 13/13", nil},
		{"0000-01-01", "year 0 out of range", nil},
		{"9999-12-31", "year 9999 out of range", nil},
		{"Thu 25:00", "hour 25 out of range", nil},
		{"Thu 13pm", "hour 13 out of range with pm", nil},
		{"Thu 0am", "hour 0 out of range with am", nil},
		{"Thu 7:75", "minute 75 out of range", nil},
		{"Thu 24:00", "hour 24 out of range", nil},
		{"Thu 9am UTC+25", "UTC offset +25 out of range", nil},
		{"Thu at 07:00 XYZ", `unknown time zone "XYZ"`, nil},
		{"Thu 07:00 Mars/Olympus", `unknown time zone "Mars/Olympus"`, nil},
		{"Thu 14:00-14:00", "the range ends when it starts", nil},
		{"March 5–3", "ends (March 3, 2021) before it starts (March 5, 2021)", nil},
		{"2021-04-10 to 2021-04-08", "before it starts", nil},
		{"Thu at 07:00 ET and then some", `unexpected "and then some" after the time`, nil},
		{strings.Repeat("Thu ", 2000), "too long", nil},
	} {
		_, err := Parse(c.text, ref)
		var te *Error
		if !errors.As(err, &te) {
			t.Errorf("%q: error %v, want an *Error", c.text, err)
			continue
		}
		if !strings.Contains(te.Reason, c.reason) {
			t.Errorf("%q: reason %q, want %q", c.text, te.Reason, c.reason)
		}
		if !errors.Is(err, ErrNoTime) != (c.err != ErrNoTime) || !errors.Is(err, ErrNoDate) != (c.err != ErrNoDate) {
			t.Errorf("%q: error %v does not match %v", c.text, err, c.err)
		}
	}
	// Relative dates need a post date.
	for _, text := range []string{"Thu 10am", "March 5"} {
		if _, err := Parse(text, Reference{}); err == nil || !strings.Contains(err.Error(), "no post date") {
			t.Errorf("%q without a post date: %v", text, err)
		}
	}
}

func TestParsePrefix(t *testing.T) {
	ref := Reference{Post: time.Date(2021, 3, 20, 12, 0, 0, 0, utc), Location: mustLoad(t, "America/New_York")}
	for _, c := range []struct {
		text, expr string // expr: the part ParsePrefix reads
		startUTC   string
	}{
		{"On March 26th at 10am ET, we will look at async traits", "On March 26th at 10am ET", "2021-03-26T14:00:00Z"},
		{"March 23rd at noon ET (an hour earlier than usual)", "March 23rd at noon ET", "2021-03-23T16:00:00Z"},
		{"Thu at 07:00 ET (with Ryan)", "Thu at 07:00 ET", "2021-03-25T11:00:00Z"},
		{"**Thu 7pm ET**: Async traits", "**Thu 7pm ET**", "2021-03-25T23:00:00Z"},
		{"Mon March 22 - Design review", "Mon March 22", "2021-03-22T04:00:00Z"},
		{"2021-04-08: Kickoff", "2021-04-08", "2021-04-08T04:00:00Z"},
		{"Friday: planning", "Friday", "2021-03-26T04:00:00Z"},
		{"March 24 at 3pm the team meets", "March 24 at 3pm", "2021-03-24T19:00:00Z"},
		{"Wed 15:00 Eastern time, in the usual room", "Wed 15:00 Eastern time", "2021-03-24T19:00:00Z"},
		{"March 24 Berlin workshop", "March 24", "2021-03-24T04:00:00Z"},
		{"Thu 2pm for an hour of Q&A", "Thu 2pm for an hour", "2021-03-25T18:00:00Z"},
		{"Thu at 07:00 ET (12:00 CET): Async traits", "Thu at 07:00 ET (12:00 CET)", "2021-03-25T11:00:00Z"},
		{"Thu 3/25 at 07:00 ET - Async traits", "Thu 3/25 at 07:00 ET", "2021-03-25T11:00:00Z"},
		{"Today: the last session", "Today", "2021-03-20T04:00:00Z"},
		{"Mon 10am ET, Tue 3pm ET: two sessions", "Mon 10am ET", "2021-03-22T14:00:00Z"},
		{"Thu at 07:00 ET, 12:00 CET: Async traits", "Thu at 07:00 ET, 12:00 CET", "2021-03-25T11:00:00Z"},
		// A date ends at a colon, dash or comma before the topic; a colon
		// between digits is a clock's.
		{"April 12: A", "April 12", "2021-04-12T04:00:00Z"},
		{"Apr 12th: A", "Apr 12th", "2021-04-12T04:00:00Z"},
		{"12 April: A", "12 April", "2021-04-12T04:00:00Z"},
		{"Friday, April 9: Opening", "Friday, April 9", "2021-04-09T04:00:00Z"},
		{"Friday, April 9 - Opening", "Friday, April 9", "2021-04-09T04:00:00Z"},
		{"Friday, April 9 — Opening", "Friday, April 9", "2021-04-09T04:00:00Z"},
		{"Friday, April 9, Opening", "Friday, April 9", "2021-04-09T04:00:00Z"},
		{"April 12, 2021: A", "April 12, 2021", "2021-04-12T04:00:00Z"},
		{"April 12 2022: A", "April 12 2022", "2022-04-12T04:00:00Z"},
		{"12 April 2022 — A", "12 April 2022", "2022-04-12T04:00:00Z"},
		{"March 24–26: the workshop", "March 24–26", "2021-03-24T04:00:00Z"},
		{"April 12: 10:30 ET stand-up", "April 12: 10:30 ET", "2021-04-12T14:30:00Z"},
		{"April 12 10:30: stand-up", "April 12 10:30", "2021-04-12T14:30:00Z"},
		{"Thu 10:30: stand-up", "Thu 10:30", "2021-03-25T14:30:00Z"},
		{"Thu 7.30pm: stand-up", "Thu 7.30pm", "2021-03-25T23:30:00Z"},
		{"3/24: kickoff", "3/24", "2021-03-24T04:00:00Z"},
		{"3/24 — kickoff", "3/24", "2021-03-24T04:00:00Z"},
	} {
		w, n, err := ParsePrefix(c.text, ref)
		if err != nil {
			t.Errorf("%q: %v", c.text, err)
			continue
		}
		if got := c.text[:n]; got != c.expr {
			t.Errorf("%q: read %q, want %q", c.text, got, c.expr)
		}
		if got := w.Start.UTC().Format(time.RFC3339); got != c.startUTC {
			t.Errorf("%q: start %s, want %s", c.text, got, c.startUTC)
		}
	}
	for _, text := range []string{"Sun is shining", "Sat down with the team", "May I suggest", "Async traits", "3.14 is pi", "version 1.20 ships", "1/2 of the team", "1/2, or more", "Today we ship", "may 5 of us join?", "sun 10am is early"} {
		if _, n, err := ParsePrefix(text, ref); !errors.Is(err, ErrNoTime) || n != 0 {
			t.Errorf("%q: read %d bytes (%v), want none", text, n, err)
		}
	}
}

func TestZones(t *testing.T) {
	z, err := NewZones(map[string]string{"IST": "Asia/Jerusalem", "office": "Europe/Paris", "WIB": "UTC+7"})
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{
		"IST": "Asia/Jerusalem", "office": "Europe/Paris", "Office time": "Europe/Paris", "ET": "America/New_York",
		"eastern time": "America/New_York", "Europe/Berlin": "Europe/Berlin", "UTC+2": "UTC+02:00",
		"gmt-05:00": "UTC-05:00", "+0530": "UTC+05:30", "berlin": "Europe/Berlin", "Berlin time": "Europe/Berlin",
		"GMT": "UTC", "Z": "UTC", "WIB": "UTC+07:00", "CEST": "Europe/Berlin", "PT": "America/Los_Angeles",
	} {
		loc, ok := z.Lookup(name)
		if !ok || loc.String() != want {
			t.Errorf("Lookup(%q) = %v, %v; want %s", name, loc, ok, want)
		}
	}
	for _, name := range []string{"XYZ", "Local", "", "Mars/Olympus", "../../etc/passwd", "UTC+99"} {
		if loc, ok := z.Lookup(name); ok {
			t.Errorf("Lookup(%q) = %v, want none", name, loc)
		}
	}
	// The site's table is used by Parse.
	w, err := Parse("2021-04-08 10:00 IST", Reference{Zones: z})
	if err != nil || w.Start.UTC().Format(time.RFC3339) != "2021-04-08T07:00:00Z" {
		t.Errorf("IST from the config: %v, %v", w.Start, err)
	}
	// Abbreviations from the config match in capitals only; names in any case.
	if _, err := Parse("2021-04-08 10:00 ist", Reference{Zones: z}); err == nil {
		t.Errorf(`"ist" read as a zone`)
	}
	if _, err := Parse("2021-04-08 10:00 Office time", Reference{Zones: z}); err != nil {
		t.Errorf(`"Office time": %v`, err)
	}
	_, err = NewZones(map[string]string{"XT": "Mars/Olympus"})
	if err == nil || !strings.Contains(err.Error(), "XT") {
		t.Errorf("bad zone name: %v, want an error naming XT", err)
	}
	if _, err := NewZones(map[string]string{"LT": "Local"}); err == nil {
		t.Errorf(`"Local" accepted as a zone`)
	}
}

func TestFindHours(t *testing.T) {
	for _, c := range []struct {
		prose      string
		ok         bool
		start, end Clock
		noEnd      bool
		zone       string // "" = none
	}{
		{"Each meeting will run from 2pm to 3pm GMT.", true, Clock{14, 0}, Clock{15, 0}, false, "UTC"},
		{"The sessions are at 15:00 UTC", true, Clock{15, 0}, Clock{}, true, "UTC"},
		{"All sessions start at 10am Pacific and last 90 minutes.", true, Clock{10, 0}, Clock{11, 30}, false, "America/Los_Angeles"},
		{"Sessions run 10–11:30am ET every Thursday.", true, Clock{10, 0}, Clock{11, 30}, false, "America/New_York"},
		{"We meet Thursdays at 17:00 CET for an hour.", true, Clock{17, 0}, Clock{18, 0}, false, "Europe/Berlin"},
		{"Calls are 9:30pm-11pm.", true, Clock{21, 30}, Clock{23, 0}, false, ""},
		{"On March 26th at 10am ET, we will meet. Sessions run 2-3pm ET.", true, Clock{14, 0}, Clock{15, 0}, false, "America/New_York"},
		{"We hold 90-minute sessions at 16:00 UTC.", true, Clock{16, 0}, Clock{17, 30}, false, "UTC"},
		{"Calls start at 9am PT and are one hour long.", true, Clock{9, 0}, Clock{10, 0}, false, "America/Los_Angeles"},
		{"Sessions are 2 hours long, starting at 10:00 UTC.", true, Clock{10, 0}, Clock{12, 0}, false, "UTC"},
		{"The stream starts at 11pm CET and runs for 2 hours.", true, Clock{23, 0}, Clock{1, 0}, false, "Europe/Berlin"},
		{"Sessions run every Thursday 10–11am ET starting April 8.", true, Clock{10, 0}, Clock{11, 0}, false, "America/New_York"},
		{"I woke up at 7am and wrote this.", false, Clock{}, Clock{}, false, ""},
		{"On March 26th at 10am ET, we will look at async traits.", false, Clock{}, Clock{}, false, ""},
		{"Version 1.20 was released with 3.14 improvements.", false, Clock{}, Clock{}, false, ""},
		{"", false, Clock{}, Clock{}, false, ""},
	} {
		h, ok := FindHours(c.prose, nil)
		if ok != c.ok {
			t.Errorf("%q: found %v (%+v), want %v", c.prose, ok, h, c.ok)
			continue
		}
		if !ok {
			continue
		}
		zone := ""
		if h.Location != nil {
			zone = h.Location.String()
		}
		if h.Start != c.start || h.NoEnd != c.noEnd || (!h.NoEnd && h.End != c.end) || zone != c.zone {
			t.Errorf("%q: %+v (zone %q), want %v–%v noEnd=%v zone %q", c.prose, h, zone, c.start, c.end, c.noEnd, c.zone)
		}
	}
}
