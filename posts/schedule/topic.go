package schedule

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// A session's topic is what a subscriber reads in a week view: a few words.
// A list item names it before or after its time ("Docs team: IRC meeting
// from 16:00 UTC"); a sentence names the gathering ("The next community
// meeting takes place …" → "Community meeting"); else the post's title
// serves.

// maxTopic is the longest topic kept whole; longer ones are cut at a word.
const maxTopic = 80

// announcementTopic returns the topic of a session announced in u.
func (r *reader) announcementTopic(u unit) string {
	text := dropConverterText(u.text, u.links)
	for _, t := range append([]string{text}, u.para...) {
		if t := labelled(t); t != "" {
			return t
		}
	}
	if u.form == "sentence" {
		if t := leadingLabel(text, r); t != "" {
			return t
		}
	}
	if u.form == "list" || u.form == "heading" {
		if t := itemTopic(text, r); t != "" {
			return t
		}
	}
	t := gatheringPhrase(text)
	if t == "" && u.form == "sentence" && u.index > 0 {
		t = gatheringPhrase(u.para[u.index-1])
	}
	if isGeneric(t) {
		// "this year's meeting" under the title "Annual General Meeting".
		for _, c := range []string{u.ctx.heading, u.ctx.lead, r.opts.Title} {
			if g := gatheringPhrase(plainOf(r, c)); g != "" && !isGeneric(g) {
				return g
			}
		}
	}
	return t
}

// topicLabels are the labels people write a session's topic after:
// "**What:** Newcomers' evening", "- Topic: packaging".
var topicLabels = []string{"what", "topic", "title", "event", "subject", "session", "talk"}

// labelled returns the text after a topic label, up to the next label.
func labelled(text string) string {
	lower := strings.ToLower(text)
	for _, l := range topicLabels {
		for from := 0; ; {
			i := strings.Index(lower[from:], l)
			if i < 0 {
				break
			}
			i += from
			from = i + len(l)
			if i > 0 && isAlnum(lower[i-1]) {
				continue
			}
			rest := strings.TrimLeft(text[i+len(l):], " *_")
			if !strings.HasPrefix(rest, ":") {
				continue
			}
			rest = strings.TrimLeft(rest[1:], " *_")
			// Up to the next "Label:".
			end := len(rest)
			for k := 0; k < len(rest); k++ {
				if rest[k] == ':' && k > 0 && k+1 < len(rest) && rest[k+1] == ' ' {
					w := strings.LastIndexByte(rest[:k], ' ')
					end = max(w, 0)
					break
				}
			}
			if t := cleanTopic(rest[:end]); t != "" && !mayHoldTime(t) {
				return t
			}
		}
	}
	return ""
}

// leadingLabel returns the short name that opens a sentence before a colon
// and its date: "SHOWTIME #12: Saturday, 2020-08-29 at 18:00 UTC".
func leadingLabel(text string, r *reader) string {
	colon := strings.IndexByte(text, ':')
	if colon <= 0 || colon > 60 {
		return ""
	}
	label := text[:colon]
	if mayHoldTime(strings.Trim(label, "#0123456789 ")) || len(splitWords(label)) > 6 || isLabel(label) ||
		notASession(label) != "" || strings.Contains(strings.ToLower(label), "call for") {
		return ""
	}
	ps := r.findPieces(text[colon+1:], r.reference())
	if len(ps) == 0 || strings.TrimSpace(text[colon+1:colon+1+ps[0].start]) != "" {
		return ""
	}
	switch strings.ToLower(strings.TrimSpace(label)) {
	case "reminder", "update", "note", "psa", "next", "next one", "next meeting", "heads up", "fyi", "important", "when", "date", "time":
		return ""
	}
	return cleanTopic(label)
}

func plainOf(r *reader, s string) string {
	p, _ := plainText(s, r.doc.defs)
	return p
}

// itemTopic is the words of an item before its first time expression
// ("Docs team: IRC meeting"), else after its last one.
func itemTopic(text string, r *reader) string {
	pieces := r.findPieces(text, r.reference())
	if len(pieces) == 0 {
		return cleanTopic(text)
	}
	before := cleanTopic(trimTrailingWords(text[:pieces[0].start]))
	if len(splitWords(before)) >= 1 && !startsWithPronoun(before) && !isLabel(before) {
		return before
	}
	return restTopic(strings.TrimLeftFunc(text[pieces[len(pieces)-1].end:], isConnective))
}

// restTopic is the topic written after an entry's time: "— Async traits",
// or a sentence about the session, "we will draft the outline. Bring
// notes.", which becomes "Drafting the outline".
func restTopic(rest string) string {
	if s := sentences(rest); len(s) > 0 {
		rest = s[0]
	}
	rest = strings.TrimRight(strings.TrimSpace(rest), ".!")
	ws := strings.Fields(rest)
	lead := 0
	switch {
	case len(ws) > 2 && strings.EqualFold(ws[0], "we") && isOneOf(strings.ToLower(ws[1]), "will", "shall", "can", "must"):
		lead = 2
	case len(ws) > 4 && strings.EqualFold(ws[0], "we") && strings.EqualFold(ws[1], "are") && strings.EqualFold(ws[2], "going") && strings.EqualFold(ws[3], "to"):
		lead = 4
	case len(ws) > 3 && strings.EqualFold(ws[0], "we're") && strings.EqualFold(ws[1], "going") && strings.EqualFold(ws[2], "to"):
		lead = 3
	case len(ws) > 1 && isOneOf(strings.ToLower(ws[0]), "we'll", "let's"):
		lead = 1
	}
	if lead > 0 {
		ws[lead] = gerund(strings.ToLower(ws[lead]))
		rest = strings.Join(ws[lead:], " ")
	} else if startsWithPronoun(rest) {
		return ""
	}
	return cleanTopic(rest)
}

// gerund turns a verb into its -ing form, for the common spellings: draft
// → drafting, write → writing, plan → planning, see → seeing.
func gerund(verb string) string {
	n := len(verb)
	switch {
	case n == 0 || strings.HasSuffix(verb, "ing"):
		return verb
	case strings.HasSuffix(verb, "ie"):
		return verb[:n-2] + "ying"
	case strings.HasSuffix(verb, "e") && !strings.HasSuffix(verb, "ee") && n > 2:
		return verb[:n-1] + "ing"
	case n >= 3 && n <= 4 && !isVowel(verb[n-1]) && isVowel(verb[n-2]) && !isVowel(verb[n-3]) && !strings.ContainsRune("wxy", rune(verb[n-1])):
		return verb + string(verb[n-1]) + "ing"
	}
	return verb + "ing"
}

func isVowel(c byte) bool { return strings.IndexByte("aeiou", c) >= 0 }

// gatheringPhrase is the noun phrase that names the gathering in a
// sentence: up to three words before the word of the gathering, and the
// words of a phrase ("office hours").
func gatheringPhrase(text string) string {
	spans := wordSpans(text)
	ws := make([]string, len(spans))
	for i, sp := range spans {
		ws[i] = strings.ToLower(text[sp[0]:sp[1]])
	}
	for i := 0; i < len(ws); i++ {
		j, n := gatherings.find(ws[i:])
		if j < 0 {
			return ""
		}
		at := i + j
		if ws[at] == "meets" || ws[at] == "meet" || ws[at] == "gathers" {
			// "The London user group meets online": the subject is
			// the gathering.
			if first := phraseStart(text, spans, ws, at, 4); first < at {
				return cleanTopic(text[spans[first][0]:spans[at-1][1]])
			}
		}
		if (ws[at] == "call" && at+1 < len(ws) && ws[at+1] == "for") || phraseStop[ws[at]] || venues[ws[at]] {
			i = at
			continue
		}
		first := phraseStart(text, spans, ws, at, 3)
		last := at + n - 1
		// "bug squashing party", "community call": a gathering word
		// after a gathering word is part of one name.
		for last+1 < len(ws) && !strings.ContainsAny(text[spans[last][1]:spans[last+1][0]], ",;:.!?()[]-–—|/") {
			if j, m := gatherings.find(ws[last+1 : last+2]); j != 0 || m != 1 || venues[ws[last+1]] {
				break
			}
			last++
		}
		// "Sprint Planning", "Hack Week": a name in title case goes on.
		for k := 0; k < 2 && last+1 < len(ws); k++ {
			next := text[spans[last+1][0]:spans[last+1][1]]
			if r, _ := utf8.DecodeRuneInString(next); !unicode.IsUpper(r) || triggers[ws[last+1]] || phraseStop[ws[last+1]] ||
				strings.ContainsAny(text[spans[last][1]:spans[last+1][0]], ",;:.!?()[]-–—|/") {
				break
			}
			last++
		}
		// "Episode 50", "Sprint 12", "meeting #42": the number is part
		// of the name.
		if last+1 < len(ws) && isNumberWord(ws[last+1]) && !strings.ContainsAny(text[spans[last][1]:spans[last+1][0]], ",;:.()") &&
			len(ws[last+1]) <= 4 && !strings.Contains(ws[last+1], ":") {
			last++
		}
		// "a talk on reproducible builds", "office hours about the
		// new parser": what it is about is part of its name.
		if last+2 < len(ws) && (ws[last+1] == "on" || ws[last+1] == "about") && !strings.ContainsAny(text[spans[last][1]:spans[last+1][0]], ",;:.()") {
			k := last + 1
			for k+1 < len(ws) && k-last < 5 && !phraseStop[ws[k+1]] && !isNumberWord(ws[k+1]) && !triggers[ws[k+1]] &&
				!strings.ContainsAny(text[spans[k][1]:spans[k+1][0]], ",;:.!?()[]") {
				k++
			}
			if k > last+1 {
				last = k
			}
		}
		phrase := text[spans[first][0]:spans[last][1]]
		return cleanTopic(phrase)
	}
	return ""
}

// phraseStart returns where the name of the gathering at word at begins:
// up to limit words before it that are no determiners, numbers or
// punctuation.
func phraseStart(text string, spans [][2]int, ws []string, at, limit int) int {
	first := at
	for first > 0 && at-first < limit && !phraseStop[ws[first-1]] && !isNumberWord(ws[first-1]) &&
		!strings.ContainsAny(text[spans[first-1][1]:spans[first][0]], ",;:.!?()[]") {
		first--
	}
	return first
}

// genericTopics name a gathering without saying which: a post's own name
// for it ("Annual General Meeting") says more.
var genericTopics = map[string]bool{
	"meeting": true, "meetings": true, "call": true, "calls": true, "session": true, "sessions": true,
	"event": true, "events": true, "talk": true, "talks": true, "stream": true, "meetup": true,
}

func isGeneric(topic string) bool {
	ws := splitWords(topic)
	return len(ws) == 1 && genericTopics[ws[0]] || len(ws) == 0
}

// phraseStop are the words a gathering's name does not start with.
var phraseStop = map[string]bool{
	"the": true, "a": true, "an": true, "our": true, "your": true, "their": true, "my": true, "its": true,
	"next": true, "this": true, "that": true, "these": true, "those": true, "both": true, "each": true,
	"every": true, "first": false, "few": true, "more": true, "some": true, "several": true, "many": true,
	"any": true, "all": true, "other": true, "extra": true, "additional": true, "going": true, "have": true, "of": true, "for": true, "to": true, "in": true, "on": true, "at": true,
	"is": true, "are": true, "will": true, "be": true, "and": true, "or": true, "with": true, "from": true,
	"join": true, "us": true, "we": true, "you": true, "upcoming": true, "regular": false, "usual": true,
	"reminder": true, "today's": true, "tomorrow's": true, "tonight's": true, "week's": true, "s": true,
	"another": true, "there": true, "here": true, "it": true, "by": true, "as": true, "about": true,
	"irc": false, "via": true, "over": true, "during": true, "after": true, "before": true, "into": true,
	"event": false, "we're": true, "we'll": true, "recording": true, "hosting": true, "holding": true,
	"having": true, "running": true, "organising": true, "organizing": true, "host": true, "hold": true,
	"run": true, "organise": true, "organize": true, "attend": true, "welcome": true,
	"year's": true, "month's": true, "day's": true, "weekend's": true, "summer's": true, "spring's": true,
	"autumn's": true, "winter's": true, "evening's": true, "morning's": true,
	"it's": true, "there's": true, "here's": true, "weekly's": true, "monthly's": true, "let's": true,
}

// venues are gathering words that name where, not what: no topic is
// named by them.
var venues = map[string]bool{
	"jitsi": true, "zoom": true, "twitch": true, "youtube": true, "irc": true, "bigbluebutton": true,
	"meet": true, "join": true, "meets": true, "visit": true, "visitors": true, "evening": true, "night": true,
}

// isLabel reports the text of a label item ("Date", "When", "Time and
// place"): it says what follows, not what the session is.
func isLabel(s string) bool {
	for _, w := range splitWords(s) {
		switch w {
		case "date", "dates", "time", "times", "when", "where", "day", "start", "starts", "place", "location",
			"link", "links", "and", "utc", "local", "new", "next", "session", "schedule":
		default:
			return false
		}
	}
	return true
}

func isNumberWord(w string) bool {
	return w != "" && (w[0] >= '0' && w[0] <= '9')
}

// wordSpans returns the byte spans of the words of text.
func wordSpans(text string) [][2]int {
	out := make([][2]int, 0, len(text)/5+1)
	start := -1
	for i, r := range text {
		inner := r == '&' || r == '-' || r == '\''
		if unicode.IsLetter(r) || unicode.IsDigit(r) || (inner && start >= 0) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			out = append(out, [2]int{start, i})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, [2]int{start, len(text)})
	}
	for i := range out {
		for out[i][1] > out[i][0] && strings.ContainsRune("&-'", rune(text[out[i][1]-1])) {
			out[i][1]--
		}
	}
	return out
}

// trimTrailingWords drops the words that join a topic to its time: "IRC
// meeting from", "Sprint review on", "Docs call is".
func trimTrailingWords(s string) string {
	for {
		t := strings.TrimRightFunc(s, func(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune(",;:-–—(", r) })
		cut := false
		for _, w := range []string{"from", "at", "on", "is", "are", "will be", "starts", "start", "begins", "takes place", "happens", "between", "until", "@", "by", "in", "for", "the", "this", "next", "be", "will", "held", "scheduled", "for"} {
			if len(t) > len(w) && strings.EqualFold(t[len(t)-len(w):], w) && (t[len(t)-len(w)-1] == ' ' || t[len(t)-len(w)-1] == '(') {
				t = t[:len(t)-len(w)]
				cut = true
				break
			}
		}
		if !cut {
			return t
		}
		s = t
	}
}

func startsWithPronoun(s string) bool {
	ws := splitWords(s)
	if len(ws) == 0 {
		return true
	}
	switch ws[0] {
	case "we", "i", "you", "it", "they", "there", "this", "that", "please", "and", "but", "so", "then", "which":
		return true
	}
	return false
}

// cleanTopic trims punctuation and markup left around a topic, drops empty
// parentheses, and cuts it at a word within maxTopic bytes.
func cleanTopic(s string) string {
	s = dropEmptyParens(s)
	s = strings.Join(strings.Fields(s), " ")
	s = strings.TrimLeftFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsPunct(r) && !strings.ContainsRune(`"'(¿¡#@`, r) || unicode.IsSymbol(r)
	})
	s = strings.TrimRightFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsPunct(r) && !strings.ContainsRune(`)"'?!`, r) || r == '|'
	})
	if strings.HasSuffix(s, ")") && strings.Count(s, "(") < strings.Count(s, ")") {
		s = strings.TrimRight(s, ")")
	}
	if len(s) > maxTopic {
		cut := strings.LastIndexByte(s[:maxTopic], ' ')
		if cut <= 0 {
			cut = maxTopic
			for cut > 0 && s[cut]&0xC0 == 0x80 {
				cut--
			}
		}
		s = strings.TrimRightFunc(s[:cut], func(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) }) + "…"
	}
	if !strings.ContainsFunc(s, unicode.IsLetter) {
		return "" // "17", "#42": no title
	}
	return firstRuneUpper(s)
}

// dropEmptyParens removes the parentheses and brackets left with no words
// of their own once links were taken out: "()", "(or )", "[see ]".
func dropEmptyParens(s string) string {
	for _, pair := range [...][2]byte{{'(', ')'}, {'[', ']'}} {
		for from := 0; ; {
			i := strings.IndexByte(s[from:], pair[0])
			if i < 0 {
				break
			}
			i += from
			j := strings.IndexByte(s[i:], pair[1])
			if j < 0 {
				break
			}
			j += i
			inner := splitWords(s[i+1 : j])
			empty := true
			for _, w := range inner {
				if !isOneOf(w, "or", "see", "at", "in", "on", "and", "via", "here", "link") {
					empty = false
				}
			}
			if empty {
				s = s[:i] + s[j+1:]
				from = i
			} else {
				from = j + 1
			}
		}
	}
	return s
}

// converterHosts are the sites people link a time to for readers in other
// zones: the link's text ("click to see in your local timezone") is no
// topic.
var converterHosts = []string{
	"timeanddate.com", "time.is", "everytimezone.com", "worldtimebuddy.com", "timezoneconverter.com",
	"timee.io", "arewemeetingyet.com", "savvytime.com", "zonestamp", "timezone.io", "dateful.com",
	"inmytime", "timezones.io", "worldtimeserver.com", "24timezones.com", "thetimezoneconverter.com",
}

// isConverter reports a link to a time-zone converter, or one whose text
// says it converts.
func isConverter(l Link) bool {
	lower := strings.ToLower(l.URL)
	for _, h := range converterHosts {
		if strings.Contains(lower, h) {
			return true
		}
	}
	t := strings.ToLower(l.Text)
	return strings.Contains(t, "time zone") || strings.Contains(t, "timezone") || strings.Contains(t, "local time") ||
		strings.Contains(t, "your time")
}

// dropConverterText removes the text of converter links from text.
func dropConverterText(text string, links []Link) string {
	for _, l := range links {
		if isConverter(l) && l.Text != "" && !mayHoldTime(l.Text) {
			text = strings.Replace(text, l.Text, "", 1)
		}
	}
	return text
}

// fillTopics gives a topic to the entries that name none: the gathering
// the lead or heading above them names, else the one the post names first
// (its title, a heading, an opening line: "Tokyo office hour"), else the
// post's title.
func (r *reader) fillTopics() {
	var post *string
	for i := range r.entries {
		e := &r.entries[i]
		if e.Topic != "" {
			continue
		}
		for _, d := range e.Details {
			if e.Topic == "" {
				_, v, _ := strings.Cut(d, ": ")
				e.Topic = gatheringPhrase(v)
			}
		}
		if e.Topic != "" {
			continue
		}
		ctx := r.ctxOf(e.Line)
		for _, c := range []string{ctx.lead, ctx.heading} {
			if e.Topic == "" && c != "" {
				e.Topic = gatheringPhrase(plainOf(r, c))
			}
		}
		if e.Topic != "" {
			continue
		}
		if post == nil {
			t := r.postTopic()
			post = &t
		}
		e.Topic = *post
	}
}

// ctxOf returns the context of the block at line.
func (r *reader) ctxOf(line int) blockContext {
	var ctx blockContext
	for _, b := range r.doc.blocks {
		l, c := 0, blockContext{}
		switch {
		case b.table != nil:
			l, c = b.table.header.num, b.table.ctx
			if len(b.table.rows) > 0 && line >= l && line <= b.table.rows[len(b.table.rows)-1].num {
				return c
			}
		case b.item != nil:
			l, c = b.item.line, b.item.ctx
		case b.para != nil:
			l, c = b.para.line, b.para.ctx
		case b.heading != nil:
			l, c = b.heading.line, b.heading.ctx
		}
		if l > line {
			break
		}
		if c.lead != "" || l == line {
			ctx = c
		} else {
			ctx.heading = c.heading
		}
	}
	return ctx
}

// postTopic is the gathering the post names first: in its title, else in
// a heading or a short paragraph; else the title itself.
func (r *reader) postTopic() string {
	if t := gatheringPhrase(r.opts.Title); t != "" {
		return t
	}
	for _, b := range r.doc.blocks {
		var text string
		switch {
		case b.heading != nil:
			text = b.heading.text
		case b.para != nil && len(b.para.text) <= maxLead:
			text = b.para.text
		default:
			continue
		}
		if t := gatheringPhrase(plainOf(r, text)); t != "" {
			return t
		}
	}
	return cleanTopic(r.opts.Title)
}
