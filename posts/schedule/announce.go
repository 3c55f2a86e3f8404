package schedule

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode"

	"github.com/sessionfeed/sessionfeed/posts/diag"
	"github.com/sessionfeed/sessionfeed/posts/timeexpr"
)

// Most sessions are not announced in a table but in prose: "The next
// community meeting takes place tomorrow (Tuesday, March 3rd) at 15:00 UTC
// in #project", a list item whose time comes after its topic ("Docs team:
// IRC meeting from 16:00 UTC to 17:30 UTC") under a line that gives the
// day, items labelled "Date: May 6" and "Time: 18:30 UTC", a heading, the
// post's title. The announcement reader reads each sentence (and each such
// item, heading and the title) as a person does:
//
//  1. It finds the time expressions anywhere in the sentence: full ones
//     (a date and a time), dates alone and times alone.
//  2. A date alone takes the times of its sentence ("at 13:00 UTC on
//     Feb. 2 and Feb. 9": two sessions); a time alone takes the date of a
//     neighbouring sentence, of the line or heading above, or of the title;
//     a date with no time anywhere near it takes the hours the post states
//     once, else it is an all-day session.
//  3. It is a session only when the sentence names a gathering people
//     attend (meeting, call, office hours, workshop, …), or is nothing but
//     a time under a heading or lead that names one; and not when it names
//     a deadline, a release, downtime or a cancellation, tells of the past,
//     or falls before the post's day. What is rejected is said in Rejected.

// unit is a sentence, a list item, a heading or the title, read as plain
// text.
type unit struct {
	form  string // "sentence", "list", "heading", "title"
	line  int
	text  string
	links []Link
	ctx   blockContext
	para  []string // the sentences of the paragraph or item around it
	index int      // this sentence's index in para
}

// piece is a time expression found in a unit.
type piece struct {
	src        string // the text the piece is in
	start, end int    // bytes of src
	when       timeexpr.When
	timeOnly   bool   // a time of day with no date: when is unset
	bare       bool   // a weekday or relative day alone ("this Friday", "tomorrow")
	recurring  bool   // a weekday that recurs ("on Tuesdays", "every Thursday"): no one day
	where      string // where a piece found outside its unit was: "the title", "line 4"
}

func (p piece) text() string { return strings.TrimSpace(p.src[p.start:p.end]) }

// maxPieces bounds the expressions read in one unit.
const maxPieces = 16

// triggers are the words a time expression may open with, besides digits.
var triggers = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields("today tonight tomorrow noon midnight this next in now every each the utc gmt " +
		"mondays tuesdays wednesdays thursdays fridays saturdays sundays " +
		"mon monday tue tues tuesday wed weds wednesday thu thur thurs thursday fri friday sat saturday sun sunday " +
		"jan january feb february mar march apr april may jun june jul july aug august sep sept september " +
		"oct october nov november dec december") {
		m[w] = true
	}
	return m
}()

var relativeDays = map[string]bool{"today": true, "tonight": true, "tomorrow": true}

var weekdays = map[string]bool{
	"mon": true, "monday": true, "tue": true, "tues": true, "tuesday": true, "wed": true, "weds": true,
	"wednesday": true, "thu": true, "thur": true, "thurs": true, "thursday": true, "fri": true, "friday": true,
	"sat": true, "saturday": true, "sun": true, "sunday": true,
}

// mayHoldTime reports any digit or word a time may be written with. It is
// looser than mayAnnounce, which decides what is read: it is for the
// texts that must hold no time at all to serve as something else (a
// topic, a label, a converter link's text, a neighbouring sentence's
// context). It looks at each byte once and allocates nothing.
func mayHoldTime(s string) bool {
	var buf [10]byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= '0' && c <= '9' {
			return true
		}
		if c|0x20 < 'a' || c|0x20 > 'z' || i > 0 && isAlnum(s[i-1]) {
			continue
		}
		n, j := lowerWord(s, i, &buf)
		if n >= 2 && n <= len(buf) && timePrefixes[buf[0]-'a'][buf[1]-'a'] && timeWords[string(buf[:n])] {
			return true
		}
		i = j
	}
	return false
}

// lowerWord reads the run of ASCII letters at s[i:] into buf, lower-cased
// (as much of it as fits), and returns its length and where it ends.
func lowerWord(s string, i int, buf *[10]byte) (n, end int) {
	for end = i; end < len(s) && (s[end]|0x20 >= 'a' && s[end]|0x20 <= 'z'); end++ {
		if n < len(buf) {
			buf[n] = s[end] | 0x20
		}
		n++
	}
	return n, end
}

// timePrefixes holds the first two letters of timeWords: most words fail
// this test without a map lookup.
var timePrefixes = func() (t [26][26]bool) {
	for w := range timeWords {
		if len(w) >= 2 && w[0] >= 'a' && w[0] <= 'z' && w[1] >= 'a' && w[1] <= 'z' {
			t[w[0]-'a'][w[1]-'a'] = true
		}
	}
	return t
}()

// timeWords are the triggers a date or time may open with on its own.
var timeWords = func() map[string]bool {
	m := map[string]bool{}
	for w := range triggers {
		switch w {
		case "in", "this", "next", "every", "each", "the":
		default:
			m[w] = true
		}
	}
	return m
}()

// findPieces returns the time expressions of s, in order.
func (r *reader) findPieces(s string, ref timeexpr.Reference) []piece {
	var out []piece
	for i := 0; i < len(s) && len(out) < maxPieces; i++ {
		if !isAlnum(s[i]) || (i > 0 && isAlnum(s[i-1])) {
			continue
		}
		j := i
		for j < len(s) && isAlnum(s[j]) {
			j++
		}
		word := strings.ToLower(s[i:j])
		digit := s[i] >= '0' && s[i] <= '9'
		if !digit && !triggers[word] {
			i = j - 1
			continue
		}
		if word == "in" {
			if p, ok := r.inDays(s, i, j, ref); ok {
				out = append(out, p)
				i = p.end - 1
			}
			continue
		}
		if p, ok := r.dayOfMonth(s, i, j, word, ref); ok {
			out = append(out, p)
			i = p.end - 1
			continue
		}
		if p, ok := r.relativePhrase(s, i, j, word, ref); ok {
			// "the day after tomorrow", "a week from today": the
			// phrase may be followed by its time.
			out = append(out, p)
			i = j - 1
			continue
		}
		if p, ok := recurringWeekday(s, i, j, word); ok {
			out = append(out, p)
			i = p.end - 1
			continue
		}
		w, n, err := timeexpr.ParsePrefix(s[i:], ref)
		switch {
		case err == nil && n > 0 && recursText(s[i:i+n]):
			// "at 6:00 PM UTC every Tuesday", "on Mondays from 12-1pm": a
			// standing slot, no one day.
			out = append(out, piece{src: s, start: i, end: i + n, recurring: true})
			i += n - 1
			continue
		case err == nil && n > 0:
			out = append(out, piece{src: s, start: i, end: i + n, when: w, bare: !digit && !strings.ContainsAny(s[i:i+n], "0123456789")})
			i += n - 1
			continue
		case errors.Is(err, timeexpr.ErrNoDate) && n > 0:
			out = append(out, piece{src: s, start: i, end: i + n, timeOnly: true})
			i += n - 1
			continue
		}
		// A weekday or a relative day in the middle of a sentence ("is
		// tomorrow in #project", "this Friday on the parser"): ParsePrefix
		// reads one alone only before punctuation.
		if j < len(s) && (s[j] == '\'' || strings.HasPrefix(s[j:], "’")) {
			i = j - 1 // "Saturday's workshop": a weekday in passing
			continue
		}
		if relativeDays[word] || weekdays[word] || ((word == "this" || word == "next") && j < len(s)) {
			end := j
			if word == "this" || word == "next" {
				k := j
				for k < len(s) && s[k] == ' ' {
					k++
				}
				m := k
				for m < len(s) && isAlnum(s[m]) {
					m++
				}
				if !weekdays[strings.ToLower(s[k:m])] {
					i = j - 1
					continue
				}
				end = m
			}
			if w, err := timeexpr.Parse(s[i:end], ref); err == nil && w.DateOnly {
				out = append(out, piece{src: s, start: i, end: end, when: w, bare: true})
				i = end - 1
				continue
			}
		}
		i = j - 1
	}
	return out
}

// relativePhrase reads a day counted from today that ends at word
// s[i:j]: "the day after tomorrow", "a week from today", "two weeks from
// today".
func (r *reader) relativePhrase(s string, i, j int, word string, ref timeexpr.Reference) (piece, bool) {
	if word != "tomorrow" && word != "today" && word != "now" || ref.Post.IsZero() {
		return piece{}, false
	}
	before := strings.ToLower(s[:i])
	days, start := 0, -1
	switch {
	case word == "tomorrow" && strings.HasSuffix(before, "day after "):
		days, start = 2, strings.LastIndex(before, "day after ")
		if strings.HasSuffix(before[:start], "the ") {
			start -= 4
		}
	case word != "tomorrow" && strings.HasSuffix(before, " from "):
		f := strings.Fields(before)
		if len(f) < 3 {
			return piece{}, false
		}
		n, ok := numberWords[f[len(f)-3]]
		if !ok {
			return piece{}, false
		}
		switch strings.TrimRight(f[len(f)-2], "s") {
		case "week":
			days = 7 * n
		case "day":
			days = n
		default:
			return piece{}, false
		}
		start = strings.LastIndex(before, f[len(f)-3])
	default:
		return piece{}, false
	}
	day := ref.Post.AddDate(0, 0, days).Format("2006-01-02")
	w, err := timeexpr.Parse(day, ref)
	if err != nil {
		return piece{}, false
	}
	return piece{src: s, start: start, end: j, when: w, bare: true}, true
}

var numberWords = map[string]int{"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "a": 1}

// inDays reads "in two weeks", "in 3 days" at s[i:j] ("in").
func (r *reader) inDays(s string, i, j int, ref timeexpr.Reference) (piece, bool) {
	f := strings.Fields(s[j:min(len(s), j+24)])
	if len(f) < 2 || ref.Post.IsZero() {
		return piece{}, false
	}
	n, ok := numberWords[strings.ToLower(f[0])]
	if !ok {
		if _, err := fmt.Sscanf(f[0], "%d", &n); err != nil || n <= 0 || n > 60 {
			return piece{}, false
		}
	}
	unit := strings.ToLower(strings.Trim(f[1], ".,;:!?)"))
	days := 0
	switch unit {
	case "day", "days":
		days = n
	case "week", "weeks":
		days = 7 * n
	default:
		return piece{}, false
	}
	end := strings.Index(s[j:], f[1]) + j + len(f[1])
	day := ref.Post.AddDate(0, 0, days).Format("2006-01-02")
	w, err := timeexpr.Parse(day, ref)
	if err != nil {
		return piece{}, false
	}
	return piece{src: s, start: i, end: end, when: w, bare: true}, true
}

// sentences splits prose into sentences: at ".", "!" or "?" followed by a
// blank and a capital letter or digit, except after the abbreviations of
// dates and times ("Feb. 9", "7 p.m. UTC").
func sentences(text string) []string {
	var out []string
	start := 0
	for i := 0; i+2 < len(text); i++ {
		c := text[i]
		if c != '.' && c != '!' && c != '?' {
			continue
		}
		if text[i+1] != ' ' {
			continue
		}
		k := i + 1
		for k < len(text) && text[k] == ' ' {
			k++
		}
		if k >= len(text) {
			break
		}
		next := text[k]
		if !(next >= 'A' && next <= 'Z') && !(next >= '0' && next <= '9') && !strings.ContainsRune(`*_"(`, rune(next)) {
			continue
		}
		if c == '.' && isAbbreviation(text[start:i]) {
			continue
		}
		out = append(out, strings.TrimSpace(text[start:i+1]))
		start = k
	}
	if rest := strings.TrimSpace(text[start:]); rest != "" {
		out = append(out, rest)
	}
	return out
}

var abbreviations = map[string]bool{
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true, "sep": true,
	"sept": true, "oct": true, "nov": true, "dec": true, "mon": true, "tue": true, "tues": true, "wed": true,
	"thu": true, "thur": true, "thurs": true, "fri": true, "sat": true, "sun": true, "a.m": true, "p.m": true,
	"e.g": true, "i.e": true, "etc": true, "vs": true, "no": true, "st": true, "mr": true, "ms": true,
	"dr": true, "approx": true, "ca": true, "am": true, "pm": true,
}

func isAbbreviation(before string) bool {
	k := len(before)
	for k > 0 && before[k-1] != ' ' && before[k-1] != '(' {
		k--
	}
	w := strings.ToLower(before[k:])
	return abbreviations[w] || (len(w) == 1 && w[0] >= 'a' && w[0] <= 'z') || len(w) == 1 && w[0] >= 'A' && w[0] <= 'Z'
}

// proposal is a session an announcement proposes, before the post is
// judged whole.
type proposal struct {
	entry Entry
	// detail is set for a time whose day a neighbouring sentence gave
	// ("The party is on Thursday at 18:00. Talks start at 18:30."): it
	// is a session only if that day has none other.
	detail bool
}

// announcements reads the units of the post that tables and lists left.
func (r *reader) announcements(units []unit) {
	var props []proposal
	for _, u := range units {
		got := r.readUnit(u)
		for _, p := range got {
			if w := p.entry.When; w.DateOnly && w.End.Sub(w.Start) > 25*time.Hour && r.anchor.IsZero() &&
				!r.opts.Post.IsZero() && !w.Start.Before(r.opts.Post.AddDate(0, 0, -1)) {
				r.anchor = w.Start
			}
		}
		props = append(props, got...)
	}
	r.publish(props)
}

// readUnit returns the sessions a unit announces.
func (r *reader) readUnit(u unit) []proposal {
	if len(u.text) > maxParagraphBytes || !mayAnnounce(u.text) {
		return nil
	}
	ref := r.reference()
	if loc := r.placeHint(u.text); loc != nil {
		ref.Location = loc
	}
	// "We'll be at FOSDEM on 1 and 2 February … a talk on Sunday at
	// 10:30": a weekday counts from the event the post announced above it.
	ref.After = r.anchor
	pieces := r.findPieces(u.text, ref)
	if len(pieces) == 0 {
		return nil
	}
	reject := func(why string) []proposal {
		r.rejected = append(r.rejected, Rejection{Line: u.line, Text: shorten(u.text), Reason: why})
		return nil
	}
	// A sentence may hold a deadline and a meeting ("send agenda items
	// by Monday 23:59 UTC; the meeting itself is on Wednesday at 15:00"),
	// a moved date and the new one, a reason: each date is judged by the
	// clause it stands in, and the sentence only when one date is left.
	pieces = r.dropNotSessionClauses(u.text, pieces)
	if len(pieces) == 0 {
		if w := notASession(u.text); w != "" {
			return reject(fmt.Sprintf("dated, but %q says it is no session", w))
		}
		return reject("every date in it is a deadline, a recurring day, a reason or an old date")
	}
	if w := notASession(u.text); w != "" && !hasSessionClause(u.text, pieces) {
		return reject(fmt.Sprintf("dated, but %q says it is no session", w))
	}
	if len(pieces) == 1 && pieces[0].src == u.text {
		// "Version 2.0 will be released on December 15, so get ready to
		// party!": the date's own clause is a release.
		if w := notASession(clauseAround(u.text, pieces[0].start, pieces[0].end)); w != "" {
			return reject(fmt.Sprintf("dated, but %q says it is no session", w))
		}
	}
	if w := reportsPast(u.text); w != "" {
		return reject(fmt.Sprintf("%q tells of the past", w))
	}
	if w := hedged(u.text); w != "" {
		return reject(fmt.Sprintf("%q: the date is not settled", w))
	}
	if hasTimeLabels(u.text) || u.form == "list" {
		// A block of labelled lines or a list is one description: "When:
		// … Who: … What: the switch will be replaced, expect outages".
		all := strings.Join(u.para, " ")
		if w := notASession(all); w != "" && !hasTimeLabels(u.text) && u.form == "list" {
			_ = w // items of a list are judged one by one
		} else if w != "" {
			return reject(fmt.Sprintf("dated, but %q says it is no session", w))
		}
	}
	if isChatLog(u.text) {
		return reject("a line of a chat log")
	}
	if saysNoSession(withoutPieces(u.text, pieces)) {
		return reject("says there is no session") // "May 10: off", "Thu 7pm — cancelled"
	}
	if !r.namesGathering(u, pieces) {
		return reject("dated, but names no meeting, call, talk or other gathering")
	}
	if !namesGathering(u.text) && !namesChannel(u.text) && len(u.para) > 1 {
		// "The move happens on Saturday … Expect the build service to be
		// unavailable": an event verb alone, in a paragraph about downtime.
		if w := notASession(strings.Join(u.para, " ")); w != "" {
			return reject(fmt.Sprintf("dated, but %q in its paragraph says it is no session", w))
		}
	}
	if !namesGathering(u.text) {
		for _, c := range []string{u.ctx.heading, u.ctx.lead} {
			if c != "" && underNotSessions(c) {
				return reject(fmt.Sprintf("under %q, and names no gathering", shorten(c)))
			}
		}
	}
	// A weekday or "today" said in passing gives way to a date written
	// out: "Saturday's workshop (2024-02-17)".
	explicit := false
	for _, p := range pieces {
		explicit = explicit || (!p.timeOnly && !p.bare)
	}
	if explicit {
		kept := pieces[:0:0]
		for _, p := range pieces {
			if p.timeOnly || !p.bare {
				kept = append(kept, p)
			}
		}
		pieces = kept
	}

	// "17:05:06 <lucas>": times to the second are timestamps.
	kept := pieces[:0:0]
	for _, p := range pieces {
		if !(p.timeOnly && hasSeconds(p.text())) {
			kept = append(kept, p)
		}
	}
	pieces = kept
	dur, durSpan := durationIn(u.text)
	pieces = dropSpan(pieces, durSpan)
	pieces = dropMovedFrom(u.text, pieces)
	pieces = dropRestated(u.text, pieces)
	pieces = r.expandDateLists(u.text, pieces)
	pieces = mergeRanges(u.text, pieces)

	var dates, times []piece
	var props []proposal
	var lastFull *piece
	for i, p := range pieces {
		switch {
		case !p.timeOnly && !p.when.DateOnly && p.when.Start.Second() != 0:
			// "Date: Thu, 5 Sep 2019 14:23:11 +0200": a timestamp (a
			// mail's, a log's), not a session.
			r.rejected = append(r.rejected, Rejection{Line: u.line, Text: p.text(), Reason: "a timestamp, to the second"})
		case p.timeOnly && lastFull != nil && len(dates) == 0 && isRangeConnector(u.text[lastFull.end:p.start]) && len(props) > 0:
			// "starts at 23:30 UTC on 2024-12-31 and ends at 00:30
			// UTC": the end of the session before.
			last := &props[len(props)-1].entry.When
			d := lastFull.when.Start.Format("2006-01-02")
			if w, _, err := timeexpr.ParsePrefix(d+" at "+p.text(), ref); err == nil && !w.DateOnly && last.End.IsZero() {
				end := w.Start
				for !end.After(last.Start) {
					end = end.AddDate(0, 0, 1)
				}
				last.End = end
			}
		case p.timeOnly && lastFull != nil && len(dates) == 0:
			// "on 2024-09-18: 08:00 UTC for APAC and 17:00 UTC for
			// the Americas": a later time of the same day.
			d := *lastFull
			if w, err := timeexpr.Parse(d.when.Start.Format("2006-01-02"), ref); err == nil {
				d.when = w
				props = append(props, r.combine(u, d, []piece{p}, ref)...)
			}
		case p.timeOnly:
			times = append(times, p)
		case p.when.DateOnly && lastFull != nil && p.when.End.Sub(p.when.Start) <= 25*time.Hour &&
			isListSeparator(strings.TrimPrefix(strings.TrimSpace(u.text[lastFull.end:p.start]), ",")):
			// "at 15:00 UTC on Mar. 4 and Mar. 11": the second day has the
			// hours of the first.
			props = append(props, r.propose(u, sameHours(lastFull.when, p.when.Start), p.text(), p))
		case p.when.DateOnly:
			dates = append(dates, p)
		default:
			lastFull = &pieces[i]
			props = append(props, r.propose(u, p.when, p.text()))
		}
	}
	if len(times) > 0 && len(dates) == 0 && len(props) == 0 {
		if d, ok := r.contextDate(u); ok {
			dates = append(dates, d)
		}
	}
	if len(dates) > 0 && len(times) == 0 && len(props) == 0 {
		times = r.contextTimes(u)
	}
	nearby := len(dates) == 1 && dates[0].where == "the sentence or item around it" && u.form == "sentence"
	for _, d := range dates {
		if d.when.End.Sub(d.when.Start) > 25*time.Hour && !saysEachDay(u.text) {
			// "When: 16-17th May": an event over days is one all-day
			// event; hours stated for one of its days do not repeat.
			props = append(props, r.propose(u, d.when, d.text(), d))
			continue
		}
		if len(times) == 0 && d.bare && !strings.HasPrefix(strings.ToLower(d.text()), "tomorrow") {
			// "today's meeting", "see you Friday": a day with no date
			// written and no hour is too vague to publish.
			r.rejected = append(r.rejected, Rejection{Line: u.line, Text: d.text(), Reason: "a day with no date or hour written"})
			continue
		}
		if len(times) == 0 {
			w := d.when
			if h := r.generalHours(); h != nil && d.when.End.Sub(d.when.Start) <= 24*time.Hour+time.Hour {
				ref := ref
				ref.Hours = h
				if w2, err := timeexpr.Parse(d.when.Start.Format("2006-01-02"), ref); err == nil {
					w = w2
				}
			}
			props = append(props, r.propose(u, w, d.text(), d))
			continue
		}
		props = append(props, r.combine(u, d, times, ref)...)
	}
	for i := range props {
		// "The meeting will be on [March 2nd](https://arewemeetingyet.com
		// /UTC/2020-03-02/17:00)": the hour is in the converter's link.
		if w := props[i].entry.When; w.DateOnly && w.End.Sub(w.Start) <= 25*time.Hour {
			if t, ok := r.converterTime(u.links, w.Start); ok {
				props[i].entry.When = timeexpr.When{Start: t, ZoneWritten: true}
				props[i].entry.From = "hours from the time zone converter link"
			}
		}
	}
	for i := range props {
		props[i].detail = nearby
	}
	if dur == 0 && u.index+1 < len(u.para) && refersBack(u.para[u.index+1]) {
		dur, _ = durationIn(u.para[u.index+1]) // "It will last two hours."
	}
	if dur > 0 {
		for i := range props {
			w := &props[i].entry.When
			if !w.DateOnly && w.End.IsZero() {
				w.End = w.Start.Add(dur)
			}
		}
	}
	return props
}

// combine makes the sessions of a date and the times stated for it: one
// per time, a time restated in other zones ("18-19 CET / 12pm-1pm EST")
// once.
func (r *reader) combine(u unit, d piece, times []piece, ref timeexpr.Reference) []proposal {
	var props []proposal
	day := d.when.Start.Format("2006-01-02")
	consumed := -1
	for ti, t := range times {
		if t.start < consumed && t.src == times[max(ti-1, 0)].src {
			continue // a restatement of the time before it in another zone
		}
		// A list of times ("at 07:00, 15:00 and 20:00 UTC") is read one
		// by one: the next time is no restatement of this one.
		src := t.src[t.start:]
		if ti+1 < len(times) && times[ti+1].src == t.src && isListSeparator(t.src[t.end:times[ti+1].start]) {
			src = t.src[t.start:times[ti+1].start]
		}
		prefix := day + " at "
		w, n, err := timeexpr.ParsePrefix(prefix+src, ref)
		if err != nil || w.DateOnly {
			continue
		}
		if !w.ZoneWritten {
			if z := r.laterZone(times[ti+1:], day, ref); z != "" {
				if w2, _, err2 := timeexpr.ParsePrefix(prefix+t.text()+" "+z, ref); err2 == nil {
					w = w2
				}
			}
		}
		consumed = t.start + n - len(prefix)
		props = append(props, r.propose(u, w, d.text()+" "+strings.TrimSpace(t.src[t.start:max(t.end, min(consumed, len(t.src)))]), d, t))
	}
	return props
}

// isListSeparator reports the text between two items of a list: ", ",
// " and ", " & ", " or ".
func isListSeparator(between string) bool {
	b := strings.TrimSpace(strings.ToLower(between))
	b = strings.TrimSpace(strings.TrimPrefix(b, ","))
	switch b {
	case "", "and", "&", "or", "and at", "or at", "then", "and again at":
		return !strings.Contains(between, "/") && !strings.Contains(between, "(")
	}
	return false
}

// durationIn finds the length of a session stated in text: "run for 1:30
// hours", "for two hours", "lasts 90 minutes", "a 45-minute call". It
// returns the length and the bytes it was written in.
func durationIn(text string) (time.Duration, [2]int) {
	lower := strings.ToLower(text)
	for _, unit := range []string{"hour", "hr", "minute", "min"} {
		for from := 0; ; {
			i := strings.Index(lower[from:], unit)
			if i < 0 {
				break
			}
			i += from
			from = i + len(unit)
			if i > 0 && isAlnum(lower[i-1]) && !(lower[i-1] >= '0' && lower[i-1] <= '9') {
				continue
			}
			end := i + len(unit)
			for end < len(lower) && (lower[end] == 's' || lower[end] == '.') {
				end++
			}
			if end < len(lower) && isAlnum(lower[end]) {
				continue // "hourly", "minutes" is read, "minimum" is not
			}
			// The number before it: "1:30", "90", "1.5", "two", "an".
			j := i
			for j > 0 && (lower[j-1] == ' ' || lower[j-1] == '-') {
				j--
			}
			k := j
			for k > 0 && (isAlnum(lower[k-1]) || lower[k-1] == ':' || lower[k-1] == '.') {
				k--
			}
			num := lower[k:j]
			var minutes float64
			switch {
			case numberWords[num] > 0:
				minutes = float64(numberWords[num])
				if num == "a" {
					minutes = 1
				}
			case num == "an" || num == "one":
				minutes = 1
			case strings.Contains(num, ":"):
				var h, m int
				if _, err := fmt.Sscanf(num, "%d:%d", &h, &m); err != nil {
					continue
				}
				minutes = float64(h*60 + m)
				unit = "min" // "1:30 hours" is an hour and a half
			default:
				if _, err := fmt.Sscanf(num, "%g", &minutes); err != nil || minutes <= 0 {
					continue
				}
			}
			if unit == "hour" || unit == "hr" {
				minutes *= 60
			}
			// Only a length: "for", "lasts", "runs", "-minute", "long".
			before := strings.TrimSpace(lower[max(0, k-12):k])
			if !(strings.HasSuffix(before, "for") || strings.HasSuffix(before, "last") || strings.HasSuffix(before, "lasts") ||
				strings.HasSuffix(before, "about") || strings.HasSuffix(before, "approximately") || strings.HasSuffix(before, "a") ||
				lower[j] == '-' || strings.HasPrefix(strings.TrimSpace(lower[end:]), "long")) {
				continue
			}
			if minutes <= 0 || minutes > 24*60 {
				continue
			}
			return time.Duration(minutes) * time.Minute, [2]int{k, end}
		}
	}
	return 0, [2]int{}
}

// dropSpan removes the pieces that overlap span (a duration read as a
// time: "1:30 hours").
func dropSpan(pieces []piece, span [2]int) []piece {
	if span[1] == 0 {
		return pieces
	}
	kept := pieces[:0:0]
	for _, p := range pieces {
		if p.end <= span[0] || p.start >= span[1] {
			kept = append(kept, p)
		}
	}
	return kept
}

// dropMovedFrom removes the old date of a moved session: "moves from
// Monday 2019-02-04 to Tuesday 2019-02-05", "postponed from … to …".
func dropMovedFrom(text string, pieces []piece) []piece {
	lower := strings.ToLower(text)
	moved := false
	for _, v := range []string{"move", "moved", "moves", "moving", "reschedul", "postpone", "shift", "pushed", "instead of", "changed"} {
		moved = moved || strings.Contains(lower, v)
	}
	if !moved {
		return pieces
	}
	kept := pieces[:0:0]
	for _, p := range pieces {
		before := strings.TrimSpace(lower[max(0, p.start-12):p.start])
		if strings.HasSuffix(before, "from") || strings.HasSuffix(before, "instead of") || strings.HasSuffix(before, "not on") {
			continue
		}
		kept = append(kept, p)
	}
	return kept
}

// dropRestated removes a date restated in parentheses right after another
// ("in two weeks (Tuesday the 28th)", "tomorrow (Tuesday, March 3rd)"):
// the one written out stays.
func dropRestated(text string, pieces []piece) []piece {
	var kept []piece
	for _, p := range pieces {
		if n := len(kept); n > 0 && !p.timeOnly && !kept[n-1].timeOnly && p.when.DateOnly && kept[n-1].when.DateOnly {
			between := strings.TrimSpace(text[kept[n-1].end:p.start])
			sameDay := p.when.Start.Format("2006-01-02") == kept[n-1].when.Start.Format("2006-01-02")
			if (between == "(" || between == "," || between == "—") && (sameDay || kept[n-1].bare || p.bare) {
				if kept[n-1].bare && !p.bare {
					kept[n-1] = p
				}
				continue
			}
		}
		kept = append(kept, p)
	}
	return kept
}

// expandDateLists reads the other days of a list of days in one month:
// "May 2, 9 and 16", "on the 3rd, 10th and 17th of June" is not.
func (r *reader) expandDateLists(text string, pieces []piece) []piece {
	var out []piece
	for i, p := range pieces {
		out = append(out, p)
		if p.timeOnly || !p.when.DateOnly || p.when.End.Sub(p.when.Start) > 25*time.Hour {
			continue
		}
		month := p.when.Start.Month()
		if !strings.Contains(strings.ToLower(text[p.start:p.end]), strings.ToLower(month.String()[:3])) {
			continue
		}
		// "on 1 and 2 February": the days before the one with the month,
		// one event over the days when they follow one another.
		prevEnd := 0
		if i > 0 {
			prevEnd = pieces[i-1].end
		}
		if before := r.daysBefore(text, p, prevEnd); len(before) > 0 {
			days := append(before, p)
			out = out[:len(out)-1]
			if consecutive(days) {
				span := days[0]
				span.end, span.when.End = p.end, p.when.End
				out = append(out, span)
			} else {
				out = append(out, days...)
			}
		}
		limit := len(text)
		if i+1 < len(pieces) {
			limit = pieces[i+1].start
		}
		at := p.end
		for {
			sep := at
			for sep < limit && (text[sep] == ' ' || text[sep] == ',') {
				sep++
			}
			for _, w := range []string{"and ", "& ", "or "} {
				if strings.HasPrefix(strings.ToLower(text[sep:limit]), w) {
					sep += len(w)
				}
			}
			if sep == at {
				break
			}
			k := sep
			for k < limit && text[k] >= '0' && text[k] <= '9' {
				k++
			}
			if k == sep || k-sep > 2 {
				break
			}
			end := k
			for _, suf := range []string{"st", "nd", "rd", "th"} {
				if strings.HasPrefix(text[k:limit], suf) {
					end = k + 2
				}
			}
			if end < len(text) && isAlnum(text[end]) || end < len(text) && text[end] == ':' {
				break // "May 2, 10:00": a time, not a day
			}
			day := fmt.Sprintf("%s %s %d", month, text[sep:k], p.when.Start.Year())
			w, err := timeexpr.Parse(day, r.reference())
			if err != nil || !w.DateOnly {
				break
			}
			out = append(out, piece{src: text, start: sep, end: end, when: w})
			at = end
		}
	}
	return out
}

// mergeRanges joins two dates, or two date-times, written as the start and
// end of one session: "from Saturday 1 October to Friday 7 October", "starts
// on December 6 at 09:00 UTC and ends on December 8 at 17:00 UTC".
func mergeRanges(text string, pieces []piece) []piece {
	var out []piece
	for _, p := range pieces {
		n := len(out)
		between := func() bool {
			// "between the 18th and the 31st of October"
			before := strings.ToLower(strings.TrimSpace(text[:out[n-1].start]))
			return strings.HasSuffix(before, "between") && strings.TrimSpace(strings.ToLower(text[out[n-1].end:p.start])) == "and"
		}
		if n > 0 && !p.timeOnly && !out[n-1].timeOnly && p.when.DateOnly == out[n-1].when.DateOnly &&
			(isRangeConnector(text[out[n-1].end:p.start]) || between()) && p.when.Start.After(out[n-1].when.Start) {
			a := &out[n-1]
			if p.when.DateOnly {
				a.when.End = p.when.End
			} else {
				a.when.End = p.when.Start
			}
			a.when.Warnings = append(a.when.Warnings, p.when.Warnings...)
			a.end = p.end
			a.bare = a.bare && p.bare
			continue
		}
		out = append(out, p)
	}
	return out
}

func isRangeConnector(between string) bool {
	b := strings.ToLower(strings.TrimSpace(between))
	b = strings.TrimSpace(strings.TrimPrefix(b, ","))
	switch b {
	case "to", "until", "till", "through", "thru", "-", "–", "—", "and ends", "and end", "ending", "and ending",
		"and ends on", "and finishes", "and finishes on", "and wraps up", "and runs until", "running until",
		"to the end of", "and ends at", "and closes", "and closes on", "and runs through", "through to", "up to",
		"and ending on", "ending on", "until the", "to the":
		return true
	}
	return false
}

// laterZone returns the zone of the next time in a list of times ("07:00,
// 15:00 and 20:00 UTC"), as an IANA name, or "".
func (r *reader) laterZone(later []piece, day string, ref timeexpr.Reference) string {
	for _, p := range later {
		w, _, err := timeexpr.ParsePrefix(day+" at "+p.text(), ref)
		if err == nil && w.ZoneWritten {
			name := w.Start.Location().String()
			if name == "Local" || name == "" {
				return ""
			}
			return name
		}
	}
	return ""
}

// namesGathering decides whether a dated unit announces something people
// attend: it names one, or it is nothing but its time under a heading, a
// lead or a title that names one or says "when".
func (r *reader) namesGathering(u unit, pieces []piece) bool {
	if namesEvent(u.text) {
		return true
	}
	// "The contributor summit is back! It runs September 17 through
	// 20": the sentence before names it.
	if u.form == "sentence" && u.index > 0 && refersBack(u.text) && namesEvent(u.para[u.index-1]) && notASession(u.para[u.index-1]) == "" {
		return true
	}
	rest := withoutPieces(u.text, pieces)
	if hasTimeLabels(u.text) {
		return true // "📅 Date: Wednesday, 12 February 2025 🕒 Time: 17:00 UTC"
	}
	if len(splitWords(rest)) > 4 {
		return false
	}
	for _, ctx := range []string{u.ctx.heading, u.ctx.lead, r.opts.Title} {
		if ctx != "" && notASession(ctx) == "" && (namesGathering(ctx) || saysWhen(ctx)) {
			return true
		}
	}
	return false
}

// saysWhen reports a heading or label about when something happens: "Time
// and date", "When", "Schedule".
func saysWhen(text string) bool {
	for _, w := range splitWords(text) {
		switch w {
		case "when", "date", "dates", "time", "times", "schedule", "agenda":
			return true
		}
	}
	return false
}

// contextDate finds the date of a time stated alone: in the sentences
// around it, the item or paragraph above, the heading, the title.
func (r *reader) contextDate(u unit) (piece, bool) {
	var texts []string
	for d := 1; d < len(u.para); d++ {
		if u.index-d >= 0 {
			texts = append(texts, u.para[u.index-d])
		}
		if u.index+d < len(u.para) {
			texts = append(texts, u.para[u.index+d])
		}
	}
	texts = append(texts, u.ctx.lead, u.ctx.heading)
	if u.form != "title" {
		texts = append(texts, r.opts.Title)
	}
	for i, t := range texts {
		if p, ok := r.dateIn(t); ok {
			switch {
			case i >= len(texts)-1 && u.form != "title":
				p.where = "the title"
			case i >= len(texts)-3:
				p.where = "the heading or line above"
			default:
				p.where = "the sentence or item around it"
			}
			return p, true
		}
	}
	return piece{}, false
}

// dateIn returns the first date written in text.
func (r *reader) dateIn(text string) (piece, bool) {
	if text == "" || !mayHoldTime(text) {
		return piece{}, false
	}
	plain, _ := plainText(text, r.doc.defs)
	for _, p := range r.findPieces(plain, r.reference()) {
		if !p.timeOnly {
			d := p
			if !p.when.DateOnly {
				if w, err := timeexpr.Parse(p.when.Start.Format("2006-01-02"), r.reference()); err == nil {
					d.when = w
				}
			}
			return d, true
		}
	}
	return piece{}, false
}

// contextTimes finds the hours of a date stated alone in the sentences
// around it that state a time and no date of their own.
func (r *reader) contextTimes(u unit) []piece {
	for d := 1; d <= 2; d++ {
		for _, k := range []int{u.index + d, u.index - d} {
			if k < 0 || k >= len(u.para) || !mayHoldTime(u.para[k]) {
				continue
			}
			ps := r.findPieces(u.para[k], r.reference())
			var times []piece
			dated := false
			for _, p := range ps {
				if p.timeOnly {
					times = append(times, p)
				} else {
					dated = true
				}
			}
			if !dated && len(times) > 0 {
				for i := range times {
					times[i].where = "the sentence or item around it"
				}
				return times
			}
		}
	}
	return nil
}

// propose makes the entry of one session of a unit.
func (r *reader) propose(u unit, w timeexpr.When, expr string, from ...piece) proposal {
	e := Entry{Line: u.line, Text: expr, When: w, Links: u.links, Form: u.form}
	var notes []string
	for _, p := range from {
		if p.where != "" {
			kind := "date"
			if p.timeOnly {
				kind = "hours"
			}
			notes = append(notes, fmt.Sprintf("%s %q from %s", kind, p.text(), p.where))
		}
	}
	if !w.ZoneWritten && !w.DateOnly {
		if r.zoneStated != "" {
			notes = append(notes, fmt.Sprintf("zone from %q", shorten(r.zoneStated)))
		} else {
			notes = append(notes, "zone: the site's")
		}
	}
	e.From = strings.Join(notes, "; ")
	e.Topic = r.announcementTopic(u)
	if u.form == "sentence" || u.form == "title" {
		e.Details = []string{u.text}
	}
	return proposal{entry: e}
}

// publish keeps the proposals that fall on or after the post's day, once
// each, and none on a day that a timed session of the same reading covers.
func (r *reader) publish(props []proposal) {
	beforePost := r.beforePost()
	seen := map[int64]bool{}
	for _, e := range r.entries {
		seen[e.When.Start.Unix()] = true
	}
	timedDays := map[string]bool{}
	for _, e := range r.entries {
		if !e.When.DateOnly {
			timedDays[e.When.Start.Format("2006-01-02")] = true
		}
	}
	for _, p := range props {
		if !p.entry.When.DateOnly {
			timedDays[p.entry.When.Start.Format("2006-01-02")] = true
		}
	}
	timedOn := map[string]int{} // timed sessions of each day
	for _, e := range r.entries {
		if !e.When.DateOnly {
			timedOn[e.When.Start.Format("2006-01-02")]++
		}
	}
	for _, p := range props {
		if !p.entry.When.DateOnly && !p.detail {
			timedOn[p.entry.When.Start.Format("2006-01-02")]++
		}
	}
	for _, p := range props {
		e := p.entry
		switch {
		case p.detail && !e.When.DateOnly && timedOn[e.When.Start.Format("2006-01-02")] > 0 && !seen[e.When.Start.Unix()]:
			r.rejected = append(r.rejected, Rejection{Line: e.Line, Text: e.Text,
				Reason: "a time of the day the sentence before gave, which has its session: a detail of it"})
			continue
		case beforePost(e.When.Start) || r.isHistory(e.When):
			r.rejected = append(r.rejected, Rejection{Line: e.Line, Text: e.Text, Reason: "before the post: not an announcement"})
			continue
		case !r.opts.Post.IsZero() && e.When.Start.After(r.opts.Post.AddDate(2, 0, 0)):
			r.rejected = append(r.rejected, Rejection{Line: e.Line, Text: e.Text, Reason: "more than two years after the post"})
			continue
		case seen[e.When.Start.Unix()]:
			continue
		case e.When.DateOnly && timedDays[e.When.Start.Format("2006-01-02")]:
			continue
		}
		seen[e.When.Start.Unix()] = true
		for _, w := range e.When.Warnings {
			r.diags = append(r.diags, Diagnostic{Line: e.Line, Severity: diag.Warning, Message: w})
		}
		if e.When.DateOnly {
			r.diags = append(r.diags, Diagnostic{Line: e.Line, Severity: diag.Warning,
				Message: fmt.Sprintf("%q names no time of day: published as an all-day event", e.Text)})
		}
		if w := r.lateRelative(e.Text); w != "" {
			r.diags = append(r.diags, Diagnostic{Line: e.Line, Severity: diag.Warning, Message: w})
		}
		r.entries = append(r.entries, e)
	}
}

// refersBack reports a sentence that opens by pointing at the one before:
// "It runs September 17 through 20", "Next one: Thursday".
func refersBack(sentence string) bool {
	ws := splitWords(sentence)
	if len(ws) == 0 {
		return false
	}
	switch ws[0] {
	case "it", "they", "this", "these", "both", "next", "we", "we'll", "it'll", "it's", "doors", "all", "each":
		return true
	case "the":
		return len(ws) > 1 && isOneOf(ws[1], "event", "next", "first", "meeting", "call", "session")
	}
	return false
}

// hasTimeLabels reports the labelled block an event is described in:
// "Date: … Time: …" or "When: …".
func hasTimeLabels(text string) bool {
	if strings.IndexByte(text, ':') < 0 {
		return false
	}
	lower := strings.ToLower(text)
	has := func(label string) bool {
		i := strings.Index(lower, label)
		return i >= 0 && (i == 0 || !isAlnum(lower[i-1]))
	}
	return has("when:") || has("date:") && has("time:") || has("date & time:") || has("date and time:")
}

// saysEachDay reports hours stated for every day of a range: "10:00–18:00
// UTC each day".
func saysEachDay(text string) bool {
	lower := strings.ToLower(text)
	for _, w := range []string{"each day", "every day", "daily", "both days", "per day", "all days"} {
		if strings.Contains(lower, w) {
			return true
		}
	}
	return false
}

// hasSeconds reports a clock written to the second: "17:05:06".
func hasSeconds(text string) bool {
	colons := 0
	for i := 0; i < len(text); i++ {
		switch {
		case text[i] == ':':
			colons++
		case isDigit(text[i]):
		default:
			if colons >= 2 {
				return true
			}
			colons = 0
		}
	}
	return colons >= 2
}

// isChatLog reports a line of an IRC or chat log: "17:05:06 <lucas> …",
// "[17:05] <lucas>".
func isChatLog(text string) bool {
	t := strings.TrimLeft(text, "[ ")
	i := 0
	for i < len(t) && (isDigit(t[i]) || t[i] == ':') {
		i++
	}
	if i < 4 {
		return false
	}
	rest := strings.TrimLeft(t[i:], "] ")
	return strings.HasPrefix(rest, "<") || strings.HasPrefix(rest, "* ")
}

// lateRelative warns about "today" or "tomorrow" in a post published late
// in its day: written before midnight and published after it, or read in
// another zone, the word may mean the day after. The post's date is still
// what it counts from.
func (r *reader) lateRelative(expr string) string {
	post := r.opts.Post
	if post.IsZero() || post.Hour() < 20 {
		return ""
	}
	lower := strings.ToLower(expr)
	for _, w := range []string{"today", "tonight", "tomorrow"} {
		if strings.Contains(lower, w) {
			return fmt.Sprintf("%q in a post published at %s: read from the post's date, %s; check it is the day meant",
				w, post.Format("15:04 MST"), post.Format("2006-01-02"))
		}
	}
	return ""
}

// dropNotSessionClauses removes the dates that stand in a clause of their
// own that is no session: after "by", "before", "no later than" (a
// deadline), inside a reason ("because of the outage today"), before the
// verb of a move ("planned for the 13th is postponed … to the 20th"), in
// a clause that names a deadline or a release, and recurring weekdays
// ("on Tuesdays").
func (r *reader) dropNotSessionClauses(text string, pieces []piece) []piece {
	lower := strings.ToLower(text)
	reason := len(text)
	for _, w := range []string{" because ", " due to ", " as a result of "} {
		if i := strings.Index(lower, w); i >= 0 && i < reason {
			reason = i
		}
	}
	moved := -1
	for _, w := range []string{" postponed", " moved", " moves", " rescheduled", " pushed back", " shifted"} {
		if i := strings.Index(lower, w); i >= 0 && (moved < 0 || i < moved) {
			moved = i
		}
	}
	movedTo := false
	if moved >= 0 {
		for _, p := range pieces {
			if p.src == text && p.start > moved {
				movedTo = true
			}
		}
	}
	var kept []piece
	for _, p := range pieces {
		if p.src != text {
			kept = append(kept, p)
			continue
		}
		before := strings.TrimSpace(lower[max(0, p.start-16):p.start])
		clause := clauseAround(text, p.start, p.end)
		switch {
		case p.start > reason:
		case movedTo && p.start < moved:
		case p.recurring:
		case strings.HasSuffix(before, " by") || before == "by" || strings.HasSuffix(before, "before") ||
			strings.HasSuffix(before, "no later than") || strings.HasSuffix(before, "due"):
		case len(pieces) > 1 && notASession(clause) != "":
		default:
			kept = append(kept, p)
		}
	}
	return kept
}

// clauseSeparators end a clause: a date's clause is what is said of it.
var clauseSeparators = []string{";", ": ", " but ", ", and ", " and ", ", so ", " so that ", ", while ", " while "}

// clauseAround returns the clause of text around bytes [start, end): up to
// the nearest clause separator on each side.
func clauseAround(text string, start, end int) string {
	lower := strings.ToLower(text)
	from := 0
	for _, sep := range clauseSeparators {
		if i := strings.LastIndex(lower[:start], sep); i >= 0 && i+len(sep) > from {
			from = i + len(sep)
		}
	}
	to := len(text)
	for _, sep := range clauseSeparators {
		if i := strings.Index(lower[end:], sep); i >= 0 && end+i < to {
			to = end + i
		}
	}
	return text[from:to]
}

// recurringWeekday reads a weekday that recurs at s[i:j]: "Tuesdays",
// "every Thursday", "each Monday".
func recurringWeekday(s string, i, j int, word string) (piece, bool) {
	if strings.HasSuffix(word, "s") && weekdays[strings.TrimSuffix(word, "s")] {
		return piece{src: s, start: i, end: j, recurring: true}, true
	}
	if word == "every" || word == "each" {
		// "every Tuesday", "every second Monday", "every other Friday".
		k := j
		for n := 0; n < 2; n++ {
			for k < len(s) && s[k] == ' ' {
				k++
			}
			m := k
			for m < len(s) && isAlnum(s[m]) {
				m++
			}
			w := strings.ToLower(s[k:m])
			if weekdays[w] || weekdays[strings.TrimSuffix(w, "s")] {
				return piece{src: s, start: i, end: m, recurring: true}, true
			}
			if !isOneOf(w, "other", "second", "third", "fourth", "first", "last", "2nd", "3rd", "1st", "4th", "alternate") {
				break
			}
			k = m
		}
	}
	return piece{}, false
}

// hasSessionClause reports whether one of the dates stands in a clause of
// its own that names a gathering and nothing that is no session: "the
// meeting itself is on Wednesday at 15:00" after a deadline.
func hasSessionClause(text string, pieces []piece) bool {
	if len(pieces) < 1 {
		return false
	}
	clauses := 0
	found := false
	for _, p := range pieces {
		if p.src != text {
			continue
		}
		c := clauseAround(text, p.start, p.end)
		if len(c) < len(text) {
			clauses++
		}
		found = found || namesGathering(c) && notASession(c) == ""
	}
	return found && clauses > 0
}

// recursText reports an expression that names a weekday that recurs:
// "every Tuesday", "each Monday", "Mondays".
func recursText(expr string) bool {
	ws := splitWords(expr)
	for i, w := range ws {
		if strings.HasSuffix(w, "s") && weekdays[strings.TrimSuffix(w, "s")] {
			return true
		}
		if (w == "every" || w == "each") && i+1 < len(ws) && (weekdays[ws[i+1]] || isOneOf(ws[i+1], "other", "second", "week", "day")) {
			return true
		}
	}
	return false
}

// converterTime reads the instant a time-zone converter link encodes, on
// the day of day: arewemeetingyet.com/ZONE/YYYY-MM-DD/HH:MM and
// timeanddate.com's fixedtime.html?iso=YYYYMMDDTHHMM (UTC, when no place
// is named).
func (r *reader) converterTime(links []Link, day time.Time) (time.Time, bool) {
	for _, l := range links {
		u, err := url.Parse(l.URL)
		if err != nil {
			continue
		}
		host := strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
		var t time.Time
		switch host {
		case "arewemeetingyet.com":
			parts := strings.Split(strings.Trim(u.Path, "/"), "/")
			for k := 0; k+1 < len(parts); k++ {
				d, err := time.Parse("2006-01-02", parts[k])
				if err != nil || k == 0 {
					continue
				}
				loc, ok := r.opts.Zones.Lookup(strings.Join(parts[:k], "/"))
				if !ok {
					break
				}
				c, err := time.Parse("15:04", parts[k+1])
				if err != nil {
					break
				}
				t = time.Date(d.Year(), d.Month(), d.Day(), c.Hour(), c.Minute(), 0, 0, loc)
				break
			}
		case "timeanddate.com":
			q := u.Query()
			if p := q.Get("p1"); p != "" && p != "1440" {
				continue // a place we cannot name
			}
			for _, layout := range []string{"20060102T1504", "20060102T15"} {
				if v, err := time.ParseInLocation(layout, q.Get("iso"), time.UTC); err == nil {
					t = v
					break
				}
			}
		}
		if !t.IsZero() && t.Format("2006-01-02") == day.Format("2006-01-02") {
			return t, true
		}
	}
	return time.Time{}, false
}

// mayAnnounce is the first, cheapest look at a whole body: can anything in
// it be a date or a time of a session? A clock ("15:00", "7pm", "1900h"),
// an ISO date, a day of a month ("March 3", "3 Mar"), a weekday's name or
// a relative day. Digits alone (years, versions, issue numbers) are not
// enough, so most prose is not parsed at all.
func mayAnnounce(s string) bool {
	var buf [10]byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= '0' && c <= '9' {
			j := i
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				j++
			}
			n := j - i
			switch {
			case j+2 < len(s) && s[j] == ':' && isDigit(s[j+1]) && isDigit(s[j+2]) && n <= 2:
				return true // 15:00
			case n == 4 && j+5 < len(s) && (s[j] == '-' || s[j] == '/' || s[j] == '.') && isDigit(s[j+1]) && isDigit(s[j+2]):
				return true // 2021-04-08
			case n <= 2 && j+3 < len(s) && s[j] == '.' && isDigit(s[j+1]) && isDigit(s[j+2]) && !isDigit(s[j+3]):
				return true // 17.00 UTC, 7.30pm
			case n <= 4:
				k := j
				for k < len(s) && s[k] == ' ' {
					k++
				}
				if k < len(s) && s[k]|0x20 >= 'a' && s[k]|0x20 <= 'z' {
					m := k
					for m < len(s) && m-k < 10 && s[m]|0x20 >= 'a' && s[m]|0x20 <= 'z' {
						m++
					}
					w := strings.ToLower(s[k:m])
					if isOneOf(w, "am", "pm", "a", "p", "h", "hrs", "uhr", "utc", "gmt", "st", "nd", "rd", "th") ||
						monthNames[w] || n == 4 && strings.ToUpper(s[k:m]) == s[k:m] && m-k >= 2 {
						return true // 7pm, 1900h, 3rd, 3 March, 2100 UTC
					}
				}
			}
			i = j - 1
			continue
		}
		if c|0x20 < 'a' || c|0x20 > 'z' || i > 0 && isAlnum(s[i-1]) {
			continue
		}
		n, j := lowerWord(s, i, &buf)
		if n >= 3 && n <= len(buf) && timePrefixes[buf[0]-'a'][buf[1]-'a'] {
			w := string(buf[:n])
			switch {
			case relativeDays[w] || w == "noon" || w == "midnight" || w == "utc" || w == "gmt" || weekdays[w] && !isOneOf(w, "sat", "sun"):
				return true // "sat" and "sun" are words more often than days
			case monthNames[w] || weekdays[w]:
				// "March 3", "Mar. 3", "Thu 7:00": a month or a short
				// weekday counts next to a number.
				k := j
				for k < len(s) && k-j < 3 && (s[k] == ' ' || s[k] == '.' || s[k] == ',') {
					k++
				}
				if k < len(s) && isDigit(s[k]) {
					return true
				}
			}
		}
		i = j
	}
	return false
}

var monthNames = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields("jan january feb february mar march apr april may jun june jul july aug august " +
		"sep sept september oct october nov november dec december") {
		m[w] = true
	}
	return m
}()

// dayOfMonth reads a day of the month with no month, at s[i:j] ("the" or
// a weekday): "the 4th", "Tuesday the 4th at 13:00 UTC". It is the first
// such day on or after the post's (that falls on the weekday, when one is
// written), with what follows read as its time.
func (r *reader) dayOfMonth(s string, i, j int, word string, ref timeexpr.Reference) (piece, bool) {
	if ref.Post.IsZero() || (word != "the" && !weekdays[word]) {
		return piece{}, false
	}
	k := j
	if word != "the" {
		k = skipBlanks(s, k)
		if !strings.HasPrefix(strings.ToLower(s[k:]), "the ") {
			return piece{}, false
		}
		k += 3
	}
	k = skipBlanks(s, k)
	d0 := k
	for k < len(s) && k-d0 < 2 && isDigit(s[k]) {
		k++
	}
	if k == d0 || k+2 > len(s) || !isOneOf(strings.ToLower(s[k:k+2]), "st", "nd", "rd", "th") || k+2 < len(s) && isAlnum(s[k+2]) {
		return piece{}, false
	}
	end := k + 2
	if rest := strings.ToLower(strings.TrimLeft(s[end:], " ")); strings.HasPrefix(rest, "of ") {
		return piece{}, false // "the 17th of September": a date timeexpr reads
	}
	var day int
	fmt.Sscanf(s[d0:k], "%d", &day)
	post := ref.Post
	if ref.Location != nil {
		post = post.In(ref.Location)
	}
	from := time.Date(post.Year(), post.Month(), post.Day(), 12, 0, 0, 0, time.UTC)
	for m := 0; m < 13; m++ {
		c := time.Date(from.Year(), from.Month()+time.Month(m), day, 12, 0, 0, 0, time.UTC)
		if c.Day() != day || c.Before(from) || weekdays[word] && !strings.HasPrefix(strings.ToLower(c.Weekday().String()), word[:3]) {
			continue
		}
		iso := c.Format("2006-01-02")
		if w, n, err := timeexpr.ParsePrefix(iso+s[end:], ref); err == nil && n > len(iso) && !w.DateOnly {
			return piece{src: s, start: i, end: end + n - len(iso), when: w}, true
		}
		w, err := timeexpr.Parse(iso, ref)
		if err != nil {
			return piece{}, false
		}
		return piece{src: s, start: i, end: end, when: w}, true
	}
	return piece{}, false
}

func skipBlanks(s string, i int) int {
	for i < len(s) && s[i] == ' ' {
		i++
	}
	return i
}

// placeHint returns the zone of a place the text names when it writes an
// abbreviation that names several clocks: "Dublin meetup … 18:30 IST" is
// Irish time, "Taipei … 10:00 CST" China's clock. The zone then stands in
// for the site's when the abbreviation is read; nil when nothing says.
func (r *reader) placeHint(text string) *time.Location {
	if r.opts.Zones == nil || !strings.Contains(text, "ST") {
		return nil // every ambiguous abbreviation ends so: IST, CST
	}
	var readings []string
	for _, f := range strings.Fields(text) {
		if rs := timeexpr.Readings(strings.Trim(f, ".,;:()[]")); rs != nil && strings.ToUpper(strings.Trim(f, ".,;:()[]")) == strings.Trim(f, ".,;:()[]") {
			readings = rs
			break
		}
	}
	if readings == nil {
		return nil
	}
	for _, f := range strings.Fields(text + " " + r.opts.Title) {
		w := strings.Trim(f, ".,;:()[]!?'\"")
		if len(w) < 4 || strings.ToUpper(w) == w || !unicode.IsUpper(rune(w[0])) {
			continue // abbreviations and common words are not places
		}
		loc, ok := r.opts.Zones.Lookup(w)
		if !ok || loc == nil {
			continue
		}
		for _, name := range readings[1:] {
			if loc.String() == name || strings.SplitN(loc.String(), "/", 2)[0] == strings.SplitN(name, "/", 2)[0] {
				return loc
			}
		}
	}
	return nil
}

// generalHours are the hours the post states once for all its dates, if
// the sentence that states them names no day of its own: "Each meeting
// runs from 2pm to 3pm GMT" is general; "a talk on Sunday at 10:30" is
// one session's.
func (r *reader) generalHours() *timeexpr.Hours {
	h := r.statedHours()
	if h == nil || r.hoursChecked {
		if r.hoursChecked && !r.hoursGeneral {
			return nil
		}
		return h
	}
	r.hoursChecked, r.hoursGeneral = true, true
	for _, p := range r.doc.paras {
		plain, _ := plainText(p.text, r.doc.defs)
		for _, sentence := range sentences(plain) {
			if !strings.Contains(sentence, h.Text) {
				continue
			}
			for _, piece := range r.findPieces(sentence, r.reference()) {
				if !piece.timeOnly && !piece.recurring {
					r.hoursGeneral = false
					return nil
				}
			}
			return h
		}
	}
	return h
}

// daysBefore reads the days listed before a date that names its month:
// "1 and 2 February 2025", "3, 4 & 5 May". It returns them in order.
func (r *reader) daysBefore(text string, p piece, limit int) []piece {
	var out []piece
	at := p.start
	for len(out) < 10 && at > limit {
		k := at
		for k > 0 && text[k-1] == ' ' {
			k--
		}
		sep := k
		for _, w := range []string{"and", "&", "or", ","} {
			if strings.HasSuffix(strings.ToLower(text[:k]), w) {
				sep = k - len(w)
				break
			}
		}
		if sep == k {
			break
		}
		for sep > 0 && text[sep-1] == ' ' {
			sep--
		}
		end := sep
		for _, suf := range []string{"st", "nd", "rd", "th"} {
			if strings.HasSuffix(text[:end], suf) {
				end -= 2
				break
			}
		}
		d := end
		for d > 0 && end-d < 2 && isDigit(text[d-1]) {
			d--
		}
		if d == end || d > 0 && isAlnum(text[d-1]) || d < limit {
			break
		}
		day := fmt.Sprintf("%s %s %d", p.when.Start.Month(), text[d:end], p.when.Start.Year())
		w, err := timeexpr.Parse(day, r.reference())
		if err != nil || !w.DateOnly || !w.Start.Before(p.when.Start) {
			break
		}
		out = append([]piece{{src: text, start: d, end: sep, when: w}}, out...)
		at = d
	}
	return out
}

// consecutive reports whether all-day pieces follow one another day by day.
func consecutive(days []piece) bool {
	for i := 1; i < len(days); i++ {
		if days[i].when.Start.Sub(days[i-1].when.Start) != 24*time.Hour && days[i].when.Start.Format("2006-01-02") != days[i-1].when.End.Format("2006-01-02") {
			return false
		}
	}
	return len(days) > 1
}

// sameHours is w moved to the day of day, at the same wall-clock hours in
// the same zone (across a change of offset).
func sameHours(w timeexpr.When, day time.Time) timeexpr.When {
	loc := w.Start.Location()
	y, m, d := day.Date()
	h, mi, sec := w.Start.Clock()
	out := w
	out.Start = time.Date(y, m, d, h, mi, sec, 0, loc)
	if !w.End.IsZero() {
		out.End = out.Start.Add(w.End.Sub(w.Start))
	}
	out.Warnings = nil
	return out
}

// withoutPieces is text with its time expressions taken out: what it says
// besides when.
func withoutPieces(text string, pieces []piece) string {
	var rest strings.Builder
	at := 0
	for _, p := range pieces {
		if p.src == text && p.start >= at && p.end <= len(text) {
			rest.WriteString(text[at:p.start])
			rest.WriteByte(' ')
			at = p.end
		}
	}
	rest.WriteString(text[min(at, len(text)):])
	return strings.TrimSpace(rest.String())
}
