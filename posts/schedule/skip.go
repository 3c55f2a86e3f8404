package schedule

import (
	"strings"
	"unicode"
)

// saysNoSession reports text that announces there is no session: "No
// meeting", "No session this week (holiday)", "Cancelled", "Async traits
// (cancelled)", "Skipped", "US holiday", "Off".
//
// The words are judged by where they stand, because the same words also
// name topics: "Challenges from cancellation" and "Handling canceled
// futures" are sessions, "Canceled" and "Traits — canceled" are not.
func saysNoSession(text string) bool {
	lower := strings.ToLower(text)
	if !strings.Contains(lower, "no") && !strings.Contains(lower, "cancel") && !strings.Contains(lower, "skipped") &&
		!strings.Contains(lower, "postponed") && !strings.Contains(lower, "holiday") && !strings.Contains(lower, "off") {
		return false // the common case, decided without splitting words
	}
	words := strings.FieldsFunc(lower, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\''
	})
	if len(words) == 0 {
		return false
	}
	for i := 0; i+1 < len(words); i++ {
		if words[i] == "no" || words[i] == "not" {
			next := words[i+1]
			if i+2 < len(words) && !isNoSessionWord(next) {
				next = words[i+2] // "No compute meeting today"
			}
			if isNoSessionWord(next) {
				return true
			}
		}
	}
	first, last := words[0], words[len(words)-1]
	for _, w := range []string{first, last} {
		switch w {
		case "cancelled", "canceled", "skipped", "postponed":
			return true
		}
	}
	for _, marked := range []string{"(cancelled", "(canceled", "[cancelled", "[canceled", "(skipped", "(postponed"} {
		if strings.Contains(lower, marked) {
			return true
		}
	}
	switch {
	case len(words) <= 3 && (last == "holiday" || last == "holidays"):
		return true // "Holiday", "US holiday", "Public holidays"
	case len(words) <= 2 && (first == "holiday" || first == "holidays") && !namesGathering(text):
		return true // "Holiday break", but not "Holiday party"
	case len(words) <= 2 && (first == "off" || last == "off") && first != "kick" && first != "kickoff":
		return true // "Off", "Day off", "Off week"
	}
	return false
}

func isNoSessionWord(w string) bool {
	switch w {
	case "meeting", "meetings", "session", "sessions", "call", "calls", "class", "sync",
		"stream", "lecture", "office", "hours", "hangout":
		return true
	}
	return false
}
