package schedule

import (
	"errors"
	"strings"
	"unicode"

	"github.com/sessionfeed/sessionfeed/posts/timeexpr"
)

// readList reads the items of one list. An item that opens with a date or
// time ("March 23rd at noon ET (…)", "On March 26th at 10am ET, we will …",
// "**Thu 7:00 ET** — topic") is an entry whose topic is the rest of the item;
// other items are prose.
func (r *reader) readList(items []*rawItem) {
	ref := timeexpr.Reference{Post: r.opts.Post, Location: r.opts.Location, Zones: r.opts.Zones}
	var cands []candidate
	for _, it := range items {
		plain, links := plainText(it.text, r.doc.defs)
		if plain == "" {
			continue
		}
		w, n, err := r.resolve(shorten(plain), ref, timeexpr.ParsePrefix)
		if err == nil && (n <= 0 || n > len(plain)) {
			err = &timeexpr.Error{Text: plain, Reason: "no date or time", Err: timeexpr.ErrNoTime}
		}
		if err != nil {
			if errors.Is(err, timeexpr.ErrNoTime) {
				continue // prose
			}
			cands = append(cands, candidate{entry: Entry{Line: it.line, Text: shorten(plain)}, err: err})
			continue
		}
		n = closeParen(plain, n)
		if w.DateOnly && !strings.ContainsAny(plain[:n], "0123456789") {
			// A bare weekday opening a line of prose ("Monday is a
			// holiday here") is not a date someone schedules.
			continue
		}
		// A cancelled item is not a session, but its date still orders
		// the items below.
		ref.After = w.Start
		topic := strings.TrimLeftFunc(plain[n:], isConnective)
		if isStruckThrough(firstWords(it.text)) || saysNoSession(topic) || saysNoSession(plain[:n]) {
			continue
		}
		c := candidate{entry: Entry{
			Line:  it.line,
			Text:  strings.TrimSpace(plain[:n]),
			When:  w,
			Topic: topic,
			Links: links,
		}}
		c.history = r.isHistory(w)
		cands = append(cands, c)
	}
	if len(items) > 0 {
		r.judge(cands, nil, items[0].line, false)
	}
}

// isConnective reports what joins an item's time to its topic: "Thu 7:00
// ET — topic", "March 23rd: topic", "On March 26th, we will…", and the
// closing parenthesis of a weekday the time parser read ("(Tuesday)").
func isConnective(r rune) bool {
	return unicode.IsSpace(r) || strings.ContainsRune(":;,.-–—|)]", r)
}

// firstWords is the start of an item, where a struck-out date would be:
// "~~Thu 7:00 ET~~ moved to Friday".
func firstWords(s string) string {
	if !strings.HasPrefix(s, "~~") {
		return ""
	}
	end := strings.Index(s[2:], "~~")
	if end < 0 {
		return ""
	}
	return s[:end+4]
}

// closeParen extends the expression text[:n] over the ")" that closes a
// parenthesis it opened: "March 23rd at noon ET (Tuesday)".
func closeParen(text string, n int) int {
	if strings.Count(text[:n], "(") <= strings.Count(text[:n], ")") {
		return n
	}
	rest := strings.TrimLeft(text[n:], " ")
	if strings.HasPrefix(rest, ")") {
		return len(text) - len(rest) + 1
	}
	return n
}
