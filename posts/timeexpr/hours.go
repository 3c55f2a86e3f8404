package timeexpr

import (
	"strings"
	"time"
)

// maxProse bounds how much prose FindHours reads: the hours a post states
// for its schedule come early, and hostile input stays cheap.
const maxProse = 64 << 10

// maxCandidates bounds the times of day FindHours weighs.
const maxCandidates = 64

// hoursCues are words that tie a time in prose to the post's sessions.
var hoursCues = []string{"session", "meeting", "meet", "call", "event", "run", "runs", "start",
	"starts", "begin", "begins", "held", "hold", "hosting", "workshop", "office hours", "sync",
	"stream", "talk", "each", "every", "all", "will be", "from", "last", "lasts"}

// FindHours finds the hours a paragraph of prose states for all sessions:
// "Each meeting will run from 2pm to 3pm GMT", "sessions are at 15:00 UTC",
// "All sessions start at 10am Pacific and last 90 minutes".
//
// It reads every time of day in the prose and keeps the most telling one: a
// sentence that speaks of sessions or meetings, a zone and an end count for
// it, a date against it ("On March 26th at 10am ET" more likely names one
// session than the hours of all); a time without enough for it ("I woke up
// at 7am") is not taken. A duration stated after
// the time ("and last 90 minutes", "for an hour") gives the end when the
// prose gives none; with neither, Hours.NoEnd is set.
func FindHours(prose string, zones *Zones) (Hours, bool) {
	if zones == nil {
		zones = defaultZones()
	}
	if len(prose) > maxProse {
		prose = prose[:maxProse]
	}
	var best Hours
	bestScore := 0
	// The hours are stated once, early; a text with more times than this
	// is a timetable, and weighing each would only cost time.
	candidates := 0
	for i := 0; i < len(prose) && candidates < maxCandidates; {
		// Only the start of a word may start an expression.
		if !wordStart(prose, i) {
			i++
			continue
		}
		end := min(len(prose), i+maxPrefix)
		e, n := read(prose[i:end], zones)
		if n == 0 {
			i++
			continue
		}
		if e.err != "" || !e.hasTime {
			i += n
			continue
		}
		candidates++
		h := Hours{
			Start: Clock{e.start.hour24(), e.start.m},
			End:   Clock{e.end.hour24(), e.end.m},
			NoEnd: !e.hasEnd,
		}
		if j, _ := skipFiller(prose[i:i+n], 0); j < n {
			h.Text = prose[i+j : i+n]
		}
		if h.End.Hour == 24 {
			h.End.Hour = 0
		}
		if e.zone != nil {
			h.Location = e.zone.loc
		}
		sentence := sentenceAround(prose, i, i+n)
		if !e.hasEnd {
			d := e.dur
			if !e.hasDur {
				d = durationAfter(prose[i+n : sentence.end])
			}
			if d == 0 {
				d = durationAdjective(prose[sentence.start:sentence.end])
			}
			if d > 0 {
				t := time.Date(2000, 1, 1, h.Start.Hour, h.Start.Minute, 0, 0, time.UTC).Add(d)
				h.End, h.NoEnd = Clock{t.Hour(), t.Minute()}, false
			}
		}
		score := 0
		if hasCue(prose[sentence.start:sentence.end]) {
			score += 2
		}
		if h.Location != nil {
			score += 2
		}
		if !h.NoEnd {
			score++
		}
		if e.hasDate {
			score-- // more likely one session than the hours of all
		}
		if score > bestScore {
			best, bestScore = h, score
			if score == 5 {
				break // nothing scores higher
			}
		}
		i += n
	}
	return best, bestScore >= 2
}

type span struct{ start, end int }

// sentenceAround returns the sentence holding prose[i:j].
func sentenceAround(prose string, i, j int) span {
	s := span{0, len(prose)}
	for k := i - 1; k >= 0 && k > i-400; k-- {
		if c := prose[k]; c == '!' || c == '?' || c == '\n' || (c == '.' && k+1 < len(prose) && prose[k+1] == ' ') {
			s.start = k + 1
			break
		}
		s.start = k
	}
	for k := j; k < len(prose); k++ {
		if c := prose[k]; c == '!' || c == '?' || c == '\n' || (c == '.' && (k+1 == len(prose) || prose[k+1] == ' ')) || k >= j+400 {
			s.end = k
			break
		}
	}
	return s
}

// durationAfter finds "last 90 minutes", "for an hour", "lasting two hours"
// in what follows a time in its sentence.
func durationAfter(s string) time.Duration {
	for i := 0; i < len(s); i++ {
		if i > 0 && isLetter(s[i-1]) {
			continue
		}
		j, ok := wordAt(s, i, "for", "last", "lasts", "lasting", "take", "takes", "about", "approximately")
		if !ok {
			continue
		}
		j = skipSpaces(s, j)
		if k, ok := wordAt(s, j, "about", "approximately", "around", "roughly"); ok {
			j = skipSpaces(s, k)
		}
		if d, _, ok := readDuration(s, j); ok {
			return d
		}
	}
	return 0
}

// durationAdjective finds a length of the sessions stated anywhere in their
// sentence: "90-minute sessions", "one-hour calls", "1 hour long".
func durationAdjective(s string) time.Duration {
	for i := 0; i < len(s); i++ {
		if !wordStart(s, i) {
			continue
		}
		var d time.Duration
		j := i
		if v, n, k := digits(s, i, 3); n > 0 {
			d, j = time.Duration(v), k
		} else if k, ok := wordAt(s, i, "one", "an", "a"); ok {
			d, j = 1, k
		} else if k, ok := wordAt(s, i, "two"); ok {
			d, j = 2, k
		} else {
			continue
		}
		hyphen := j < len(s) && s[j] == '-'
		if hyphen {
			j++
		} else {
			j = skipSpaces(s, j)
		}
		w, k := word(s, j)
		switch strings.ToLower(w) {
		case "minute", "min":
			d *= time.Minute
		case "hour":
			d *= time.Hour
		case "minutes", "mins", "hours":
			if _, ok := wordAt(s, skipSpaces(s, k), "long"); !ok {
				continue
			}
			if strings.EqualFold(w, "hours") {
				return d * time.Hour
			}
			return d * time.Minute
		default:
			continue
		}
		// "90-minute sessions", "one hour long"
		if _, ok := wordAt(s, skipSpaces(s, k), "long"); ok || hyphen {
			return d
		}
	}
	return 0
}

func hasCue(sentence string) bool {
	l := strings.ToLower(sentence)
	for _, c := range hoursCues {
		for k := 0; ; {
			i := strings.Index(l[k:], c)
			if i < 0 {
				break
			}
			i += k
			if (i == 0 || !isLetter(l[i-1])) && boundaryOrPlural(l, i+len(c)) {
				return true
			}
			k = i + 1
		}
	}
	return false
}

func boundaryOrPlural(s string, i int) bool {
	if i < len(s) && s[i] == 's' {
		i++
	}
	return boundary(s, i)
}
