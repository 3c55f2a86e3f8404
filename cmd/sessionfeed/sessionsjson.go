package main

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/sessionfeed/sessionfeed/ical"
	"github.com/sessionfeed/sessionfeed/posts"
	"github.com/sessionfeed/sessionfeed/posts/inputs"
)

// sessions.json is the add-to-calendar data a site's templates read: every
// event of the calendar with its times, its own .ics file, and links that
// add it to Google Calendar or Outlook. Its keys are a contract, like those
// of "sessions -json", whose names it shares.
//
// Upcoming sessions come first, soonest first, then the others, latest
// first. "Upcoming" is measured from the run's reference time: -now when
// given, else the clock. No clock reading is written, so the file changes
// only when a session ends (or the posts change), not at every run.

type sessionsFile struct {
	Title     string         `json:"title"`
	Calendar  string         `json:"calendar_url"` // calendar.ics over https
	Subscribe string         `json:"webcal_url"`   // the same over webcal://
	Sessions  []sessionEntry `json:"sessions"`
}

type sessionEntry struct {
	UID       string `json:"uid"`
	Status    string `json:"status"` // "confirmed" or "cancelled"
	Upcoming  bool   `json:"upcoming"`
	Title     string `json:"title"` // as calendars show it: topic (host)
	Topic     string `json:"topic"`
	Host      string `json:"host"`
	Location  string `json:"location"`
	Start     string `json:"start"` // in its zone, RFC 3339; a date for all-day sessions
	End       string `json:"end"`   // exclusive
	StartUTC  string `json:"start_utc"`
	EndUTC    string `json:"end_utc"`
	Zone      string `json:"zone"`
	AllDay    bool   `json:"all_day"`
	PostURL   string `json:"post_url"`
	PostTitle string `json:"post_title"`
	ICS       string `json:"ics_url"`
	Google    string `json:"google_url,omitempty"` // not for cancelled sessions
	Outlook   string `json:"outlook_url,omitempty"`
}

// webcal is u with its http(s) scheme replaced by webcal, which calendar
// apps open as a subscription.
func webcal(u string) string {
	if rest, ok := strings.CutPrefix(u, "https://"); ok {
		return "webcal://" + rest
	}
	if rest, ok := strings.CutPrefix(u, "http://"); ok {
		return "webcal://" + rest
	}
	return u
}

// sessionsData builds the add-to-calendar data of cal's events.
func sessionsData(cfg *Config, cal *ical.Output, now *inputs.Clock) *sessionsFile {
	calURL := publishedURL(cfg, cfg.Calendar.Path)
	f := &sessionsFile{Title: cfg.Calendar.Name, Calendar: calURL, Subscribe: webcal(calURL), Sessions: []sessionEntry{}}
	for _, ev := range cal.Events {
		f.Sessions = append(f.Sessions, sessionOf(cfg, ev, now))
	}
	slices.SortStableFunc(f.Sessions, func(a, b sessionEntry) int {
		switch {
		case a.Upcoming != b.Upcoming:
			if a.Upcoming {
				return -1
			}
			return 1
		case a.Upcoming:
			return cmp.Or(strings.Compare(a.StartUTC, b.StartUTC), strings.Compare(a.UID, b.UID))
		default:
			return cmp.Or(strings.Compare(b.StartUTC, a.StartUTC), strings.Compare(a.UID, b.UID))
		}
	})
	return f
}

func sessionOf(cfg *Config, ev ical.Event, now *inputs.Clock) sessionEntry {
	e := sessionEntry{
		UID:    ev.UID,
		Status: "confirmed",
		Title:  ev.Summary,
		Topic:  ev.Summary,
		AllDay: ev.AllDay,
		ICS:    publishedURL(cfg, cfg.Calendar.SessionsDir+"/"+ev.File),
	}
	if ev.Cancelled {
		e.Status = "cancelled"
	}
	start, end := ev.Start, ev.End
	if s := ev.Session; s != nil {
		e.Topic, e.Host, e.Location = s.Topic, s.Host, s.Location
		e.PostURL, e.PostTitle = s.Post.URL, s.Post.Title
		start, end = s.Start, s.End
		if !end.After(start) {
			end = start // written without an end
			if s.AllDay {
				end = start.AddDate(0, 0, 1)
			}
		}
	}
	e.Zone = start.Location().String()
	if e.AllDay {
		e.Start, e.End = start.Format(time.DateOnly), end.Format(time.DateOnly)
		e.StartUTC, e.EndUTC = e.Start, e.End
		e.Upcoming = now.Before(end) // midnight after its last day, in its zone
	} else {
		e.Start, e.End = start.Format(time.RFC3339), end.Format(time.RFC3339)
		e.StartUTC, e.EndUTC = start.UTC().Format(time.RFC3339), end.UTC().Format(time.RFC3339)
		e.Upcoming = now.Before(end)
	}
	if !ev.Cancelled && ev.Session != nil {
		e.Google = googleLink(ev.Session, e.Title, start, end)
		e.Outlook = outlookLink(ev.Session, e.Title, start, end)
	}
	return e
}

// details is the text the add-to-calendar links carry: topic, host and the
// post's address.
func details(s *posts.Session) string {
	var lines []string
	if s.Topic != "" {
		lines = append(lines, s.Topic)
	}
	if s.Host != "" {
		lines = append(lines, "Host: "+s.Host)
	}
	if s.Post.URL != "" {
		lines = append(lines, s.Post.URL)
	}
	return strings.Join(lines, "\n")
}

// googleLink opens Google Calendar's form for a new event: times in UTC
// ("Z"), shown in the session's zone (ctz); an all-day session as dates
// with the exclusive end and no ctz.
func googleLink(s *posts.Session, title string, start, end time.Time) string {
	q := link("https://calendar.google.com/calendar/render")
	q.add("action", "TEMPLATE")
	q.add("text", title)
	if s.AllDay {
		q.add("dates", start.Format("20060102")+"/"+end.Format("20060102"))
	} else {
		q.add("dates", start.UTC().Format("20060102T150405Z")+"/"+end.UTC().Format("20060102T150405Z"))
		if zone := start.Location().String(); zone != "UTC" && zone != "Local" && !strings.HasPrefix(zone, "UTC") {
			q.add("ctz", zone)
		}
	}
	q.add("details", details(s))
	if s.Location != "" {
		q.add("location", s.Location)
	}
	return q.String()
}

// outlookLink opens Outlook on the web's compose form for a new event:
// UTC times, or dates and allday=true for an all-day session.
func outlookLink(s *posts.Session, title string, start, end time.Time) string {
	q := link("https://outlook.live.com/calendar/0/deeplink/compose")
	q.add("path", "/calendar/action/compose")
	q.add("rru", "addevent")
	q.add("subject", title)
	if s.AllDay {
		q.add("startdt", start.Format(time.DateOnly))
		q.add("enddt", end.Format(time.DateOnly))
		q.add("allday", "true")
	} else {
		q.add("startdt", start.UTC().Format("2006-01-02T15:04:05Z"))
		q.add("enddt", end.UTC().Format("2006-01-02T15:04:05Z"))
	}
	q.add("body", details(s))
	if s.Location != "" {
		q.add("location", s.Location)
	}
	return q.String()
}

// A linkBuilder is a link with a query, its parameters in the order added.
type linkBuilder struct {
	strings.Builder
	params int
}

func link(base string) *linkBuilder {
	q := &linkBuilder{}
	q.WriteString(base)
	return q
}

// add appends key=value, the value escaped as url.QueryEscape does but
// for spaces, written %20 (which every calendar's form reads), and "/"
// and ":", written as they are (a query may hold them), so that the times
// read plainly in the link.
func (q *linkBuilder) add(key, value string) {
	if q.params == 0 {
		q.WriteByte('?')
	} else {
		q.WriteByte('&')
	}
	q.params++
	q.WriteString(key)
	q.WriteByte('=')
	const hex = "0123456789ABCDEF"
	for i := 0; i < len(value); i++ {
		switch c := value[i]; {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			c == '-', c == '_', c == '.', c == '~', c == '/', c == ':':
			q.WriteByte(c)
		default:
			q.WriteByte('%')
			q.WriteByte(hex[c>>4])
			q.WriteByte(hex[c&15])
		}
	}
}

// marshalSessions writes f as indented JSON, HTML characters unescaped.
//
// It writes what encoding/json writes of f, indented by two spaces and
// without HTML escapes, but a session at a time: the whole file is never
// held twice (at 35,000 sessions it is 48 MB).
func marshalSessions(f *sessionsFile) ([]byte, error) {
	head := *f
	head.Sessions = nil
	var compact bytes.Buffer
	enc := json.NewEncoder(&compact)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(&head); err != nil {
		return nil, err
	}
	h := append(appendIndented(nil, bytes.TrimSuffix(compact.Bytes(), []byte("\n")), ""), '\n')
	if f.Sessions == nil {
		return h, nil
	}
	// The head ends `"sessions": null` and the object's close.
	prefix, ok := bytes.CutSuffix(h, []byte("null\n}\n"))
	if !ok {
		return nil, fmt.Errorf("sessions.json: unexpected encoding of its head: %q", h)
	}
	if len(f.Sessions) == 0 {
		return append(prefix, "[]\n}\n"...), nil
	}
	var out []byte
	for i := range f.Sessions {
		compact.Reset()
		if err := enc.Encode(&f.Sessions[i]); err != nil {
			return nil, err
		}
		if out == nil { // room for all, by the first one's size
			out = make([]byte, 0, len(prefix)+(compact.Len()*3/2+16)*len(f.Sessions)*11/10)
			out = append(append(out, prefix...), "[\n"...)
		}
		out = append(out, "    "...)
		out = appendIndented(out, bytes.TrimSuffix(compact.Bytes(), []byte("\n")), "    ")
		if i < len(f.Sessions)-1 {
			out = append(out, ',')
		}
		out = append(out, '\n')
	}
	return append(out, "  ]\n}\n"...), nil
}

// appendIndented appends src, JSON as encoding/json writes it (compact: no
// space outside strings), to dst indented as json.Indent(dst, src, prefix,
// "  ") would: encoding/json's indenter runs its whole scanner over every
// byte, and was two thirds of the time of writing sessions.json.
func appendIndented(dst, src []byte, prefix string) []byte {
	depth := 0
	open := false // after "{" or "[": a newline, unless it closes at once
	for i := 0; i < len(src); i++ {
		c := src[i]
		if open && c != '}' && c != ']' {
			open = false
			depth++
			dst = appendNewline(dst, prefix, depth)
		}
		switch c {
		case '"':
			end := i + 1
			for end < len(src) && src[end] != '"' {
				if src[end] == '\\' {
					end++
				}
				end++
			}
			end = min(end, len(src)-1)
			dst = append(dst, src[i:end+1]...)
			i = end
		case '{', '[':
			open = true
			dst = append(dst, c)
		case ',':
			dst = append(dst, c)
			dst = appendNewline(dst, prefix, depth)
		case ':':
			dst = append(dst, c, ' ')
		case '}', ']':
			if open {
				open = false
			} else {
				depth--
				dst = appendNewline(dst, prefix, depth)
			}
			dst = append(dst, c)
		default:
			dst = append(dst, c)
		}
	}
	return dst
}

func appendNewline(dst []byte, prefix string, depth int) []byte {
	dst = append(dst, '\n')
	dst = append(dst, prefix...)
	for range depth {
		dst = append(dst, "  "...)
	}
	return dst
}

// sessionsFiles builds sessions.json and sessions.html, those of them the
// configuration asks for.
func sessionsFiles(s *site, cal *ical.Output) ([]planFile, error) {
	cfg := s.cfg
	if *cfg.Calendar.SessionsJSON == "" && cfg.Calendar.Page == "" {
		return nil, nil
	}
	data := sessionsData(cfg, cal, s.clock)
	var files []planFile
	if name := *cfg.Calendar.SessionsJSON; name != "" {
		b, err := marshalSessions(data)
		if err != nil {
			return nil, fmt.Errorf("building %s: %w", name, err)
		}
		files = append(files, planFile{name, b})
	}
	if name := cfg.Calendar.Page; name != "" {
		b, err := sessionsPage(cfg, data)
		if err != nil {
			return nil, fmt.Errorf("building %s: %w", name, err)
		}
		files = append(files, planFile{name, b})
	}
	return files, nil
}
