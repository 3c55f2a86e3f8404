package main

import (
	"bytes"
	"cmp"
	_ "embed"
	"encoding/json"
	"html/template"
	"strings"
	"time"
)

// sessions.html is a plain page of the upcoming sessions of sessions.json:
// readable without script (times in UTC and in each session's zone), a few
// lines of script show them in the reader's zone, and schema.org Event
// JSON-LD tells search engines about them. It loads nothing else.

//go:embed sessions.html.tmpl
var pageSource string

var pageTemplate = template.Must(template.New("page").Parse(pageSource))

type pageData struct {
	Lang, Title string
	Calendar    string
	Subscribe   template.URL // webcal://, which html/template would refuse
	JSONLD      template.JS
	Sessions    []pageSession
}

type pageSession struct {
	sessionEntry
	ID        string // the element's id: a fragment a post can link to
	Cancelled bool
	Datetime  string // the time element's machine-readable value
	When      string // as a reader without script sees it
}

// sessionsPage renders sessions.html from the data of sessions.json.
func sessionsPage(cfg *Config, data *sessionsFile) ([]byte, error) {
	p := pageData{
		Lang:      cmp.Or(cfg.Language, "en"),
		Title:     data.Title,
		Calendar:  data.Calendar,
		Subscribe: template.URL(data.Subscribe), // base_url is a checked http(s) URL
	}
	var events []map[string]any
	for _, e := range data.Sessions {
		if !e.Upcoming {
			continue
		}
		ps := pageSession{sessionEntry: e, ID: "s-" + strings.TrimSuffix(strings.ReplaceAll(e.UID, "@", "_"), ".ics"), Cancelled: e.Status == "cancelled"}
		ps.Datetime, ps.When = when(e)
		p.Sessions = append(p.Sessions, ps)
		events = append(events, schemaEvent(e))
	}
	ld, err := json.Marshal(map[string]any{"@context": "https://schema.org", "@graph": nonNil(events)})
	if err != nil {
		return nil, err
	}
	p.JSONLD = template.JS(ld) // json.Marshal escapes <, > and &: it cannot end the script
	var b bytes.Buffer
	if err := pageTemplate.Execute(&b, p); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func nonNil(events []map[string]any) []map[string]any {
	if events == nil {
		return []map[string]any{}
	}
	return events
}

// when is a session's time as the page writes it: the machine-readable
// value of its <time>, and the text readers without script see.
func when(e sessionEntry) (datetime, text string) {
	if e.AllDay {
		start, err1 := time.Parse(time.DateOnly, e.Start)
		end, err2 := time.Parse(time.DateOnly, e.End)
		if err1 != nil || err2 != nil {
			return e.Start, e.Start
		}
		text = start.Format("Monday 2 January 2006")
		if last := end.AddDate(0, 0, -1); last.After(start) {
			text += " to " + last.Format("Monday 2 January 2006")
		}
		return e.Start, text + " (all day)"
	}
	start, err1 := time.Parse(time.RFC3339, e.Start)
	end, err2 := time.Parse(time.RFC3339, e.End)
	if err1 != nil || err2 != nil {
		return e.StartUTC, e.StartUTC
	}
	if loc, err := time.LoadLocation(e.Zone); err == nil {
		start, end = start.In(loc), end.In(loc)
	}
	text = start.UTC().Format("Monday 2 January 2006, 15:04") + "–" + end.UTC().Format("15:04") + " UTC"
	if e.Zone != "UTC" {
		text += " (" + start.Format("15:04") + "–" + end.Format("15:04 MST") + ", " + e.Zone + ")"
	}
	return e.StartUTC, text
}

// schemaEvent is a session as a schema.org Event.
func schemaEvent(e sessionEntry) map[string]any {
	ev := map[string]any{
		"@type":       "Event",
		"name":        e.Title,
		"startDate":   e.Start,
		"endDate":     e.End,
		"eventStatus": "https://schema.org/EventScheduled",
	}
	if e.Status == "cancelled" {
		ev["eventStatus"] = "https://schema.org/EventCancelled"
	}
	if e.AllDay {
		// schema.org's endDate is the last day, not the day after it.
		if end, err := time.Parse(time.DateOnly, e.End); err == nil {
			ev["endDate"] = end.AddDate(0, 0, -1).Format(time.DateOnly)
		}
	}
	if e.PostURL != "" {
		ev["url"] = e.PostURL
	}
	if e.Location != "" {
		ev["location"] = map[string]any{"@type": "Place", "name": e.Location, "address": e.Location}
	} else if e.PostURL != "" {
		ev["location"] = map[string]any{"@type": "VirtualLocation", "url": e.PostURL}
		ev["eventAttendanceMode"] = "https://schema.org/OnlineEventAttendanceMode"
	}
	if e.Host != "" {
		ev["organizer"] = map[string]any{"@type": "Person", "name": e.Host}
	}
	return ev
}
