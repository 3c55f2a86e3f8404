package ical

import (
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/sessionfeed/sessionfeed/posts"
)

// Event is what the calendar holds of one event, for the outputs built
// beside it (add-to-calendar data): its UID and file, and for an event no
// session stands for any more (cancelled), what the previous calendar said.
type Event struct {
	UID     string
	File    string         // its own file's name, as in Output.Sessions
	Session *posts.Session // nil for an event carried over from the previous calendar

	// For every event; for a cancelled one, read back from the previous
	// calendar.
	Start, End time.Time // End exclusive; both in UTC, or midnights for all-day events
	AllDay     bool
	Summary    string // plain text
	Cancelled  bool
}

func (e *event) info() Event {
	ev := Event{UID: e.uid, File: fileName(e.uid), Session: e.session, Start: e.start, End: e.last, Cancelled: e.cancelled}
	if p := e.vevent.GetProperty(ics.ComponentPropertyDtStart); p != nil {
		for k, v := range p.ICalParameters {
			if strings.EqualFold(k, "VALUE") && len(v) > 0 && strings.EqualFold(v[0], "DATE") {
				ev.AllDay = true
			}
		}
	}
	if p := e.vevent.GetProperty(ics.ComponentPropertySummary); p != nil {
		ev.Summary = unescapeWire(p.Value)
	}
	return ev
}
