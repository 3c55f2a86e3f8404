package schedule

import (
	"strings"
	"unicode"
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
	if u.form == "list" || u.form == "heading" {
		if t := itemTopic(text, r); t != "" {
			return t
		}
	}
	if t := gatheringPhrase(text); t != "" {
		return t
	}
	if u.ctx.lead != "" && len(u.ctx.lead) <= maxTopic && !mayHoldTime(u.ctx.lead) {
		if t := cleanTopic(plainOf(r, u.ctx.lead)); t != "" {
			return t
		}
	}
	return cleanTopic(r.opts.Title)
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
	if len(splitWords(before)) >= 1 && !startsWithPronoun(before) {
		return before
	}
	after := cleanTopic(text[pieces[len(pieces)-1].end:])
	if after != "" && !startsWithPronoun(after) && len(after) <= maxTopic {
		return after
	}
	return ""
}

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
		if (ws[at] == "call" && at+1 < len(ws) && ws[at+1] == "for") || phraseStop[ws[at]] {
			i = at
			continue
		}
		first := at
		for first > 0 && at-first < 3 && !phraseStop[ws[first-1]] && !isNumberWord(ws[first-1]) &&
			!strings.ContainsAny(text[spans[first-1][1]:spans[first][0]], ",;:.!?()[]") {
			first--
		}
		phrase := text[spans[first][0]:spans[at+n-1][1]]
		return cleanTopic(phrase)
	}
	return ""
}

// phraseStop are the words a gathering's name does not start with.
var phraseStop = map[string]bool{
	"the": true, "a": true, "an": true, "our": true, "your": true, "their": true, "my": true, "its": true,
	"next": true, "this": true, "that": true, "these": true, "those": true, "both": true, "each": true,
	"every": true, "first": false, "of": true, "for": true, "to": true, "in": true, "on": true, "at": true,
	"is": true, "are": true, "will": true, "be": true, "and": true, "or": true, "with": true, "from": true,
	"join": true, "us": true, "we": true, "you": true, "upcoming": true, "regular": false, "usual": true,
	"reminder": true, "today's": true, "tomorrow's": true, "tonight's": true, "week's": true, "s": true,
	"another": true, "there": true, "here": true, "it": true, "by": true, "as": true, "about": true,
	"irc": false, "via": true, "over": true, "during": true, "after": true, "before": true, "into": true,
	"event": false,
}

func isNumberWord(w string) bool {
	return w != "" && (w[0] >= '0' && w[0] <= '9')
}

// wordSpans returns the byte spans of the words of text.
func wordSpans(text string) [][2]int {
	var out [][2]int
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
	s = strings.ReplaceAll(s, "()", "")
	s = strings.ReplaceAll(s, "[]", "")
	s = strings.Join(strings.Fields(s), " ")
	s = strings.TrimFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsPunct(r) && r != ')' && r != '"' && r != '\'' && r != '?' && r != '!' || r == '|' || r == '*' || r == '_'
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
	if s == "" {
		return ""
	}
	return firstRuneUpper(s)
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
