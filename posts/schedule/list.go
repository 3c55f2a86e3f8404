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
	if len(items) == 0 {
		return
	}
	ref := r.reference()
	dayOf := r.contextDay(items[0].ctx)
	var cands []candidate
	for _, it := range items {
		plain, links := plainText(it.text, r.doc.defs)
		if plain == "" {
			continue
		}
		text, w, n, err := r.itemTime(plain, ref, dayOf)
		if err != nil {
			if errors.Is(err, timeexpr.ErrNoTime) {
				continue // prose
			}
			cands = append(cands, candidate{entry: Entry{Line: it.line, Text: shorten(plain)}, err: err})
			continue
		}
		if w.DateOnly && !strings.ContainsAny(text, "0123456789") {
			// A bare weekday opening a line of prose ("Monday is a
			// holiday here") is not a date someone schedules.
			continue
		}
		// A cancelled item is not a session, but its date still orders
		// the items below.
		ref.After = w.Start
		topic := restTopic(dropConverterText(strings.TrimLeftFunc(plain[n:], isConnective), links))
		if isStruckThrough(firstWords(it.text)) || saysNoSession(topic) || saysNoSession(plain[:n]) {
			continue
		}
		if why := r.notSessionEntry(plain, items[0].ctx); why != "" {
			r.rejected = append(r.rejected, Rejection{Line: it.line, Text: shorten(plain), Reason: why})
			continue
		}
		c := candidate{entry: Entry{Line: it.line, Text: text, When: w, Topic: topic, Links: links, Form: "list"}}
		c.history = r.isHistory(w)
		cands = append(cands, c)
	}
	r.judge(cands, nil, items[0].line, kindList)
}

// itemTime reads the time expression that opens a list item: the longest
// prefix the time parser reads ("April 12" of "April 12: topic"). A time of
// day with no date ("10:00 — topic") takes the day of the list's heading or
// lead (dayOf).
// It returns the expression as read, its resolution, and where the rest of
// the item starts.
func (r *reader) itemTime(plain string, ref timeexpr.Reference, dayOf func() string) (string, timeexpr.When, int, error) {
	w, n, err := r.resolve(shorten(plain), ref, timeexpr.ParsePrefix)
	if err == nil && (n <= 0 || n > len(plain)) {
		err = &timeexpr.Error{Text: shorten(plain), Reason: "no date or time", Err: timeexpr.ErrNoTime}
	}
	if n > 0 && n <= len(plain) {
		n = closeParen(plain, n)
	}
	text := ""
	if n > 0 && n <= len(plain) {
		text = strings.TrimSpace(plain[:n])
	}
	if errors.Is(err, timeexpr.ErrNoDate) && text != "" {
		if day := dayOf(); day != "" {
			combined := day + " at " + text
			if w2, _, err2 := r.resolve(combined, ref, parseWhole); err2 == nil {
				return combined, w2, n, nil
			}
		}
	}
	return text, w, n, err
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
