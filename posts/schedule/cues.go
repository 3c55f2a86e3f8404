package schedule

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A dated sentence is a session only when it names a gathering people
// attend, and not when it names a deadline, a release, a window of
// downtime or something already past. The words are matched as whole words
// (phrases as runs of whole words), case-insensitively.

// gatherings are the words that name something people attend.
var gatherings = words(
	"meeting", "meetings", "meetup", "meetups", "meet-up", "meet", "call", "calls", "session", "sessions",
	"office hours", "office hour", "sync", "syncs", "triage", "review", "workshop", "workshops", "talk",
	"talks", "keynote", "keynotes", "stream", "streams", "livestream", "live stream", "streaming", "hangout", "hangouts",
	"sprint", "sprints", "hackathon", "hackathons", "hackfest", "hack day", "summit", "conference", "party",
	"parties", "webinar", "webinars", "q&a", "ama", "ask me anything", "standup", "stand-up", "town hall",
	"townhall", "retro", "retrospective", "demo", "demos", "presentation", "presentations", "panel", "seminar",
	"lecture", "lectures", "tutorial", "class", "classes", "training", "bootcamp", "gathering", "social",
	"celebration", "kickoff", "kick-off", "bof", "birds of a feather", "lightning talks", "reading group",
	"book club", "study group", "show and tell", "jam", "install fest", "installfest", "bug squashing",
	"bug squash", "bug scrub", "bugscrub", "test day", "test days", "testing day", "contribution day",
	"dev chat", "devchat", "community day", "event", "events", "episode", "broadcast", "interview", "debate",
	"ceremony", "assembly", "irc", "video call", "jitsi", "zoom", "bigbluebutton",
	"twitch", "youtube", "join us", "fest", "festival", "expo", "symposium", "colloquium", "roundtable", "round table", "hack night", "coffee", "mixer", "dinner", "lunch", "breakfast", "picnic",
	"meet and greet", "hacking", "mentoring", "workgroup", "working group", "sig", "office-hours", "huddle", "clinic", "codelab", "dojo",
	"podcast", "premiere", "open evening", "open day", "open house", "game night", "movie night", "get-together",
	"visitors", "tour", "we'll be at", "we will be at", "see you at", "find us at", "visit us at",
	"meet us at", "booth", "stand at", "face-to-face", "f2f", "ptg", "hack week", "hackweek", "game jam", "bug day", "doc sprint", "docathon", "outreach", "town halls", "townhalls", "wg", "task force", "taskforce", "ask the maintainers", "ask us anything", "community days", "contributor days", "dev days", "devroom", "meet-and-greet", "mapathon", "mapping party", "hack", "meets", "launch party", "release party", "watch party",
)

// notSessions are the words of dated things that are never sessions.
var notSessions = words(
	"deadline", "deadlines", "due", "submission", "submissions", "submit", "cfp", "call for papers",
	"call for proposals", "call for talks", "call for speakers", "call for presentations", "call for participation",
	"call for submissions", "call for abstracts", "call for sessions", "call for workshops", "call for volunteers",
	"call for nominations", "call for votes", "call for candidates",
	"nominations", "nomination", "ballot", "ballots", "polls close", "polls open", "poll closes", "freeze",
	"end of life", "eol", "expires", "expire", "downtime", "down", "maintenance",
	"unavailable", "read-only", "offline", "no meeting", "no meetings", "no call", "no session",
	"no sessions", "cancelled", "canceled", "postponed", "skipped", "was edited", "were edited", "been edited", "edited on", "last updated", "updated on",
	"this post", "embargo", "feedback period", "review period", "comment period", "comments period",
	"no later than", "will not take place", "not take place", "won't take place", "not be held",
	"called off", "pause", "paused", "pauses", "skip", "skipping", "not be streaming", "not streaming", "not available",
	"not be available", "no longer", "not until", "cancel", "cancelling", "canceling", "closed",
)

// eventVerbs announce that something takes place: with a date, they make
// a named event ("Akademy 2022 will be held in Barcelona from …") a
// session, but they do not outweigh a release or a deadline.
var eventVerbs = words(
	"will be held", "be held", "is held", "takes place", "take place", "taking place", "kicks off", "runs",
	"will run", "happens", "happening", "will happen", "is happening",
)

// namesEvent reports whether text names a gathering or says an event takes
// place, or names one the way conferences name themselves ("PyCon",
// "DebConf", "RustFest", "BarCamp").
func namesEvent(text string) bool {
	if namesGathering(text) || namesChannel(text) {
		return true
	}
	ws := splitWords(text)
	if i, _ := eventVerbs.find(ws); i >= 0 {
		return true
	}
	for _, w := range ws {
		if len(w) > 5 && (strings.HasSuffix(w, "conf") || strings.HasSuffix(w, "con") || strings.HasSuffix(w, "fest") || strings.HasSuffix(w, "camp")) {
			return true
		}
	}
	return false
}

// mostlyNotSessions are the words of dated things that are sessions only
// when a gathering is named too: "1 June: stable release", but "Release
// party on June 1".
var mostlyNotSessions = words(
	"released", "release", "releases", "release date", "ships", "general availability", "beta", "nightly",
	"stable", "merge window", "rc1", "rc", "branch", "branched", "milestone", "milestones", "tickets", "eta",
	"registration", "registrations", "closes", "opens", "on sale", "early bird", "applications",
	"last day", "published", "announced", "begins", "notification", "notifications", "results", "voting", "vote",
	"holiday", "holidays",
	"votes", "migration", "outage", "outages",
)

// notSessionContexts are the words of headings, leads and table headers
// over dated things that are not sessions: under them only an entry that
// names a gathering is one.
var notSessionContexts = words(
	"timeline", "roadmap", "milestone", "milestones", "key dates", "important dates", "release schedule",
	"changelog", "history", "deadlines", "deadline", "dates to remember", "releases", "release",
	"holiday", "holidays", "no meetings", "no meeting", "past", "previous", "archive", "meeting minutes",
	"minutes of", "minutes from",
)

// pastWords show that a sentence reports what already happened.
var pastWords = words(
	"took place", "was held", "were held", "happened", "recap", "yesterday", "last week", "last month",
	"last year", "earlier today", "we had", "we met", "thanks to everyone", "thanks to all", "thank you to",
	"attended", "joined us", "last monday", "last tuesday", "last wednesday", "last thursday", "last friday",
	"last saturday", "last sunday", "discussed", "talked about", "was recorded", "were recorded",
	"watch the recording", "recording of", "we held", "was a", "were a", "went", "gave",
	"presented", "showed", "did", "had a", "had our", "covered", "meeting minutes", "minutes of", "minutes from",
	"log of", "logs of", "is up", "are up", "now available", "was great", "were great", "missed it",
	"was from", "were from", "was on", "were on", "we started", "it started", "meeting started",
	"they started", "we began", "it began", "meeting ended", "it ended", "we ended", "we finished",
	"we kicked off", "took part", "participated", "we were", "we were at", "filled the room", "was packed",
	"already online", "the recording", "were drafted", "was drafted", "was decided", "were decided",
	"was agreed", "were agreed", "was discussed", "were discussed", "was presented", "were presented",
)

// phraseSet holds phrases as sequences of lower-case words.
type phraseSet map[string][][]string

func words(phrases ...string) phraseSet {
	set := phraseSet{}
	for _, p := range phrases {
		ws := splitWords(p)
		set[ws[0]] = append(set[ws[0]], ws)
	}
	return set
}

// splitWords splits lower-cased text into words: runs of letters, digits
// and the inner punctuation of words ("q&a", "meet-up", "o'clock").
func splitWords(text string) []string {
	lower := strings.ToLower(text)
	spans := wordSpans(lower)
	out := make([]string, len(spans))
	for i, sp := range spans {
		out[i] = lower[sp[0]:sp[1]]
	}
	return out
}

// find returns the index in ws of the first phrase of set and its length
// in words; -1 when there is none.
func (set phraseSet) find(ws []string) (int, int) {
	for i, w := range ws {
		for _, p := range set[w] {
			if i+len(p) <= len(ws) && equalWords(ws[i:i+len(p)], p) {
				return i, len(p)
			}
		}
	}
	return -1, 0
}

func (set phraseSet) in(text string) bool {
	i, _ := set.find(splitWords(text))
	return i >= 0
}

func equalWords(a, b []string) bool {
	for i := range b {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// namesGathering reports whether text names something people attend. "Call
// for papers" and "call for proposals" are not calls.
func namesGathering(text string) bool {
	ws := splitWords(text)
	for i := 0; i < len(ws); i++ {
		j, n := gatherings.find(ws[i:])
		if j < 0 {
			return false
		}
		at := i + j
		if ws[at] == "call" && at+1 < len(ws) && ws[at+1] == "for" && at+2 < len(ws) && notSessions.in(strings.Join(ws[at:at+3], " ")) {
			i = at
			continue
		}
		if ws[at] == "review" && at+1 < len(ws) && (ws[at+1] == "period" || ws[at+1] == "deadline") {
			i = at
			continue
		}
		_ = n
		return true
	}
	return false
}

// notASession returns the words that show text is dated but no session
// ("deadline", "released"), or "".
func notASession(text string) string {
	// What a reason clause names is not the session: "moved to Friday
	// because of the infra outage", "due to the release freeze".
	lower := strings.ToLower(text)
	for _, because := range []string{" because ", " due to ", " as a result of "} {
		if i := strings.Index(lower, because); i > 0 {
			text = text[:i]
			lower = lower[:i]
		}
	}
	// "postponed by one week, to Thursday": the new date is the session.
	if i := strings.Index(lower, "postponed"); i >= 0 && (strings.Contains(lower[i:], " to ") || strings.Contains(lower[i:], " until ")) {
		text = text[:i] + text[i+len("postponed"):]
	}
	ws := splitWords(text)
	for i := 0; i < len(ws); i++ {
		j, n := notSessions.find(ws[i:])
		if j < 0 {
			break
		}
		at := i + j
		i = at
		switch {
		case ws[at] == "due" && at+1 < len(ws) && ws[at+1] == "to":
			continue // "due to the holiday, the call moves to Friday"
		case ws[at] == "down" && (at == 0 || !isOneOf(ws[at-1], "be", "is", "are", "go", "goes", "going", "will")):
			continue // "sit down with", "write down"
		case ws[at] == "closed" && at+1 < len(ws) && isOneOf(ws[at+1], "captions", "captioning", "door", "doors"):
			continue
		}
		return strings.Join(ws[at:at+n], " ")
	}
	if saysNoSession(text) {
		return "no session"
	}
	return mostlyNotASession(ws, text)
}

// mostlyNotASession returns the word that makes text a release, a
// registration… rather than a session, when it names no gathering.
func mostlyNotASession(ws []string, text string) string {
	if i, n := mostlyNotSessions.find(ws); i >= 0 && !namesGathering(text) {
		return strings.Join(ws[i:i+n], " ")
	}
	return ""
}

// underNotSessions reports whether a context (heading, lead, table
// header) is over dated things that are not sessions.
func underNotSessions(ctx string) bool {
	i, _ := notSessionContexts.find(splitWords(ctx))
	return i >= 0 || notASession(ctx) != ""
}

func isOneOf(w string, set ...string) bool {
	for _, s := range set {
		if w == s {
			return true
		}
	}
	return false
}

// reportsPast returns the words that show text tells of the past, or "".
func reportsPast(text string) string {
	ws := splitWords(text)
	for i := 0; i < len(ws); i++ {
		j, n := pastWords.find(ws[i:])
		if j < 0 {
			return ""
		}
		at := i + j
		// "will be held", "is held", "to be met": not the past.
		if (ws[at] == "held" || ws[at] == "met") && at > 0 && isOneOf(ws[at-1], "be", "is", "are", "being", "gets", "get") {
			i = at
			continue
		}
		return strings.Join(ws[at:at+n], " ")
	}
	return ""
}

// hedges say a date is not settled: a session proposed is not one
// announced.
var hedges = words(
	"might be", "could be", "maybe", "perhaps", "possibly", "tentative", "tentatively", "tbd", "tba",
	"to be confirmed", "to be announced", "to be decided", "undecided", "not yet decided", "we suggest",
	"suggested date", "suggested dates", "suggested time", "proposed date", "proposed dates", "proposed time",
	"proposed times", "proposed slot", "would be better", "might", "look possible", "looks possible",
	"possible dates", "earliest possible", "which dates", "which weekends", "which days", "works for you",
	"work for you", "how about", "what about", "option", "options", "preference", "prefer", "doodle",
	"poll", "vote for", "could we", "shall we", "should we",
)

// hedged returns the words that show a date in text is not settled, or "".
// A question ("how about Wednesday 11am ET?") settles nothing either.
func hedged(text string) string {
	if t := strings.TrimRight(strings.TrimSpace(text), ")\"'"); strings.HasSuffix(t, "?") {
		return "?"
	}
	ws := splitWords(text)
	if i, n := hedges.find(ws); i >= 0 {
		return strings.Join(ws[i:i+n], " ")
	}
	return ""
}

// firstRuneUpper returns s with its first letter upper-cased.
func firstRuneUpper(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// notSessionEntry returns why a dated list item or table row (its text
// other than the time) is not a session, or "": it names a deadline, a
// release, downtime…, or it stands under a heading or lead of such things
// ("Key dates", "Release schedule") and names no gathering.
func (r *reader) notSessionEntry(text string, ctx blockContext) string {
	// In a schedule, a topic may name a release or a vote ("Planning the
	// next release"); only the words that are never sessions count.
	ws := splitWords(text)
	if w := notASession(text); w != "" && mostlyNotASession(ws, text) != w && (namesTheEntry(ws, w) || !namesGathering(text)) {
		return fmt.Sprintf("dated, but %q says it is no session", w)
	}
	// "Release of 2.5.0", "Beta 1", "Official release of 2.5.0": a
	// release named first or with its version, not as a topic ("Planning
	// the next release").
	if w := mostlyNotASession(ws, text); w != "" && len(ws) > 0 {
		if onlyQualifies(ws, w) || hasVersion(text) {
			return fmt.Sprintf("dated, but %q says it is no session", w)
		}
	}
	if w := reportsPast(text); w != "" {
		return fmt.Sprintf("%q tells of the past", w)
	}
	if c := r.underNotSessions(ctx); c != "" && !namesGathering(text) {
		return fmt.Sprintf("under %q, and names no gathering", shorten(c))
	}
	return ""
}

// underNotSessions returns the heading or lead of ctx that stands over
// dated things that are not sessions ("Key dates", "Release schedule"),
// or "". A table's rows or a list's items share their context: it is
// judged once.
func (r *reader) underNotSessions(ctx blockContext) string {
	if v, ok := r.contexts[ctx]; ok {
		return v
	}
	v := ""
	for _, c := range []string{ctx.heading, ctx.lead} {
		if c != "" && underNotSessions(c) {
			v = c
			break
		}
	}
	if r.contexts == nil {
		r.contexts = map[blockContext]string{}
	}
	r.contexts[ctx] = v
	return v
}

// hasVersion reports a version number in text: "2.5.0", "v1.70".
func hasVersion(text string) bool {
	for i := 1; i+1 < len(text); i++ {
		if text[i] == '.' && isDigit(text[i-1]) && isDigit(text[i+1]) {
			return true
		}
	}
	return false
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// onlyQualifies reports whether the words of an entry other than w only
// qualify it ("Beta 1", "Final release", "Release"), so that w is what the
// entry is, not what it is about ("Release planning").
func onlyQualifies(ws []string, w string) bool {
	rest := 0
	for _, x := range ws {
		switch {
		case strings.Contains(w, x), isNumberWord(x), isOneOf(x, "final", "official", "stable", "public", "first",
			"second", "third", "general", "date", "the", "of", "new", "next", "major", "minor", "point", "v"):
		default:
			rest++
		}
	}
	return rest == 0
}

// namesTheEntry reports whether w, a word of what is no session, says what
// the entry is rather than what it is about: the entry is short ("Proposal
// deadline", "No meeting (FOSDEM week)"), or opens or ends with it
// ("Cancelled: async traits", "Final slides due"). "Design review of the
// downtime policy" is a session about downtime.
func namesTheEntry(ws []string, w string) bool {
	if len(ws) <= 4 || w == "no session" {
		return true
	}
	first := strings.Join(ws[:min(len(ws), len(strings.Fields(w)))], " ")
	last := strings.Join(ws[max(0, len(ws)-len(strings.Fields(w))):], " ")
	return first == w || last == w
}

// namesChannel reports a chat channel as the place: "in #distro-dev",
// "on #fedora-meeting". A date and a channel make a meeting.
func namesChannel(text string) bool {
	for _, p := range []string{"in #", "on #", "In #", "On #"} {
		i := strings.Index(text, p)
		if i >= 0 && i+len(p) < len(text) {
			c := text[i+len(p)]
			if c|0x20 >= 'a' && c|0x20 <= 'z' {
				return true
			}
		}
	}
	return false
}
