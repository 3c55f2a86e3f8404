package schedule

import (
	"strings"
	"time"
	"unicode"

	"github.com/sessionfeed/sessionfeed/posts/timeexpr"
)

// role is what a table column holds, judged by its header.
type role int

const (
	roleDetail   role = iota // anything else: "Header: value" in Details
	roleWhen                 // a date, or a date and time: When, Date, Day, Date/Time, Schedule
	roleClock                // a time of day: Time, Start
	roleEnd                  // an end time: End, Until
	roleSession              // "Session": the time column only when no other column is one
	roleHost                 // Who, Host, Speaker…
	roleTopic                // Topic, Title, What, Agenda…
	roleLocation             // Where, Location, Room, Venue
	roleIndex                // "#", "No.": row numbers, not kept
)

// headerWordRole is the role a word of a header gives its column.
func headerWordRole(w string) (role, bool) {
	switch w {
	case "when", "date", "dates", "day", "days", "weekday", "datetime", "schedule", "scheduled":
		return roleWhen, true
	case "time", "times", "start", "starts", "starting", "begins", "slot", "timeslot":
		return roleClock, true
	case "end", "ends", "until", "finish", "finishes":
		return roleEnd, true
	case "who", "host", "hosts", "hosted", "speaker", "speakers", "presenter", "presenters",
		"lead", "leads", "led", "facilitator", "facilitators", "moderator", "organizer", "organiser":
		return roleHost, true
	case "topic", "topics", "title", "what", "agenda", "subject", "talk", "talks", "theme", "focus":
		return roleTopic, true
	case "where", "location", "room", "venue", "place":
		return roleLocation, true
	}
	return roleDetail, false
}

// isHeaderFiller reports words that do not change what a header names
// ("Meeting topic", "Date and time", "Hosted by").
func isHeaderFiller(w string) bool {
	switch w {
	case "meeting", "meetings", "session", "sessions", "event", "call", "the", "of", "and",
		"by", "local", "your", "our", "name":
		return true
	}
	return false
}

// column is a table column as its header describes it.
type column struct {
	header string // plain text
	role   role
	zone   *time.Location // a zone the header names ("When (ET)"): cells' times are in it
}

// classifyHeader reads a header cell (plain text). A zone may follow a time
// header in parentheses, after a comma, after "in", or as its last word:
// "When (ET)", "Time, UTC", "Start time in Berlin time", "Time UTC".
func classifyHeader(h string, zones *timeexpr.Zones) column {
	col := column{header: h}
	switch strings.ToLower(strings.TrimSpace(h)) {
	case "#", "no", "no.", "nr", "nr.", "n°":
		col.role = roleIndex
		return col
	}
	base, zone := h, ""
	if open := strings.IndexByte(h, '('); open >= 0 {
		if end := strings.IndexByte(h[open:], ')'); end > 0 {
			base, zone = h[:open]+" "+h[open+end+1:], h[open+1:open+end]
		}
	} else if before, after, ok := strings.Cut(h, ","); ok {
		base, zone = before, after
	} else if before, after, ok := strings.Cut(h, " in "); ok {
		base, zone = before, after
	}
	words := headerWordList(base)
	r, ok := wordsRole(words)
	if !ok && zone == "" && len(words) > 1 {
		// "Time UTC": the last word may be the zone.
		last := lastField(base)
		if loc := lookupZone(zones, last); loc != nil {
			if r2, ok2 := wordsRole(words[:len(words)-1]); ok2 && isTimeRole(r2) {
				r, ok, col.zone = r2, true, loc
			}
		}
	}
	if !ok {
		return col
	}
	col.role = r
	if isTimeRole(r) && zone != "" {
		col.zone = lookupZone(zones, zone)
	}
	return col
}

// wordsRole is the role the words of a header name together, if they agree.
func wordsRole(words []string) (role, bool) {
	if len(words) == 1 && (words[0] == "session" || words[0] == "sessions") {
		return roleSession, true
	}
	var when, clock, end bool
	found := roleDetail
	for _, w := range words {
		if isHeaderFiller(w) {
			continue
		}
		r, ok := headerWordRole(w)
		if !ok {
			return roleDetail, false
		}
		switch r {
		case roleWhen:
			when = true
		case roleClock:
			clock = true
		case roleEnd:
			end = true
		default:
			if found != roleDetail && found != r {
				return roleDetail, false
			}
			found = r
		}
	}
	timeish := when || clock || end
	switch {
	case timeish && found != roleDetail:
		return roleDetail, false
	case when:
		return roleWhen, true
	case clock:
		return roleClock, true // "Start", "Start/End", "Time"
	case end:
		return roleEnd, true
	case found != roleDetail:
		return found, true
	}
	return roleDetail, false
}

func isTimeRole(r role) bool {
	return r == roleWhen || r == roleClock || r == roleEnd || r == roleSession
}

// headerWordList lowercases a header and splits it into words.
func headerWordList(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

func lastField(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}

// lookupZone finds a zone written in a header, as written or upper-cased
// ("et" → "ET").
func lookupZone(zones *timeexpr.Zones, name string) *time.Location {
	name = strings.Trim(strings.TrimSpace(name), ".:;-–—")
	if zones == nil || name == "" {
		return nil
	}
	if loc, ok := zones.Lookup(name); ok {
		return loc
	}
	if loc, ok := zones.Lookup(strings.ToUpper(name)); ok {
		return loc
	}
	return nil
}
