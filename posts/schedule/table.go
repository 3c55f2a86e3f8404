package schedule

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/sessionfeed/sessionfeed/posts/diag"
	"github.com/sessionfeed/sessionfeed/posts/timeexpr"
)

// maxShapeNotes is how many malformed rows of one table are reported one by
// one; the rest are counted in one more diagnostic.
const maxShapeNotes = 10

// maxExtraCells bounds the cells beyond the header's that a row is split
// into; they are kept as details.
const maxExtraCells = 100

// tableLayout is which columns of a table hold what.
type tableLayout struct {
	cols                  []column
	when, clock, end      int // time columns; -1 when absent
	host, topic, location int
	zone                  *time.Location // a zone the time headers name
}

// layout reads a table's header. ok is false when no column holds times.
func layout(headers []string, zones *timeexpr.Zones) (tableLayout, bool) {
	l := tableLayout{when: -1, clock: -1, end: -1, host: -1, topic: -1, location: -1}
	session := -1
	// The first column of a role is the one read for it.
	slots := map[role]*int{
		roleWhen: &l.when, roleClock: &l.clock, roleEnd: &l.end, roleSession: &session,
		roleHost: &l.host, roleTopic: &l.topic, roleLocation: &l.location,
	}
	for i, h := range headers {
		c := classifyHeader(h, zones)
		l.cols = append(l.cols, c)
		if slot := slots[c.role]; slot != nil && *slot < 0 {
			*slot = i
		}
	}
	if l.when < 0 && l.clock < 0 {
		l.when, session = session, -1
	}
	if session >= 0 && l.topic < 0 {
		l.topic = session // "Session" beside a "Date" column names the session
	}
	if l.when < 0 && l.clock < 0 {
		return l, false
	}
	for _, i := range []int{l.when, l.clock, l.end} {
		if i >= 0 && l.cols[i].zone != nil && l.zone == nil {
			l.zone = l.cols[i].zone
		}
	}
	return l, true
}

// readTable reads a pipe table: a schedule if a column's header names times
// and the table, read whole, resolves to upcoming sessions.
func (r *reader) readTable(t *rawTable) {
	head, _ := splitRow(t.header.text, maxColumns)
	headers := make([]string, len(head.cells))
	for i, c := range head.cells {
		headers[i], _ = plainText(c, r.doc.defs)
	}
	l, ok := layout(headers, r.opts.Zones)
	if !ok {
		return
	}

	var notes []Diagnostic
	if t.noDelimiter {
		notes = append(notes, Diagnostic{Line: t.header.num, Severity: diag.Warning, Message: "table has no delimiter row " +
			"(|---|---|) under its header, so it renders as text: read as a table"})
	} else if n := delimiterCells(t.delim.text); n != len(headers) {
		notes = append(notes, Diagnostic{Line: t.delim.num, Severity: diag.Warning, Message: fmt.Sprintf(
			"table delimiter row has %d cells, the header %d: columns read by the header", n, len(headers))})
	}
	if head.codePipe {
		notes = append(notes, codePipeNote(t.header.num))
	}

	ref := r.reference()
	if l.zone != nil {
		ref.Location = l.zone
	}
	dayOf := r.contextDay(t.ctx)
	// The headers other than the time's are context too: "| Milestone |
	// Date |", "| Date | Holiday |".
	tableCtx := t.ctx
	for i, h := range headers {
		if i != l.when && i != l.clock && i != l.end {
			tableCtx.lead += " " + h
		}
	}
	var (
		cands     = make([]candidate, 0, len(t.rows))
		prevDate  string // the date cell above, for rows that leave it empty (ditto)
		misshapen int
		codePipes int
	)
	for _, line := range t.rows {
		row, _ := splitRow(line.text, len(headers)+maxExtraCells)
		c, date, skip := r.readRow(row, l, line.num, prevDate)
		prevDate = date
		if skip {
			if c.cancelled {
				// Not a session, but its date still orders the rows below.
				if w, err := timeexpr.Parse(shorten(c.entry.Text), ref); err == nil {
					ref.After = w.Start
				}
			}
			continue
		}
		if len(row.cells) != len(headers) {
			misshapen++
			if misshapen <= maxShapeNotes {
				c.notes = append(c.notes, shapeNote(line.num, len(row.cells), len(headers)))
			}
		}
		if row.codePipe {
			if codePipes++; codePipes <= maxShapeNotes {
				c.notes = append(c.notes, codePipeNote(line.num))
			}
		}
		if c.entry.Text == "" {
			// No time at all: the row continues the one above.
			if len(cands) > 0 {
				continueEntry(&cands[len(cands)-1], c)
			}
			continue
		}
		if why := r.notSessionEntry(rowText(c.entry), tableCtx); why != "" {
			r.rejected = append(r.rejected, Rejection{Line: line.num, Text: shorten(c.entry.Text), Reason: why})
			continue
		}
		c.entry.Form = "table"
		r.resolveCandidate(&c, ref, dayOf)
		if c.err != nil && c.noTime && c.label {
			continue // "| **Week 2** | | |" labels the rows below it
		}
		if c.err == nil {
			ref.After = c.entry.When.Start
		}
		cands = append(cands, c)
	}
	if misshapen > maxShapeNotes {
		notes = append(notes, Diagnostic{Line: t.header.num, Severity: diag.Warning, Message: fmt.Sprintf(
			"%d more table rows have a cell count that differs from the header's", misshapen-maxShapeNotes)})
	}
	kind := kindTable
	if l.when >= 0 {
		kind = kindDatedTable
	}
	r.judge(cands, notes, t.header.num, kind)
}

// readRow turns a table row into a candidate with its time expression still
// to be resolved. It returns the row's date cell (or the one inherited from
// above) and skip for rows that are not sessions: empty or cancelled. A row
// with nothing but its time cell is marked as a possible section label
// ("**Week 2**"), which readTable drops if that cell holds no time.
func (r *reader) readRow(row tableRow, l tableLayout, line int, prevDate string) (c candidate, date string, skip bool) {
	c.entry.Line = line
	texts := make([]string, len(row.cells))
	links := make([][]Link, len(row.cells))
	filled := 0
	for i, cell := range row.cells {
		texts[i], links[i] = plainText(cell, r.doc.defs)
		if texts[i] != "" {
			filled++
		}
	}
	if filled == 0 {
		return c, prevDate, true
	}
	cell := func(i int) string {
		if i < 0 || i >= len(texts) {
			return ""
		}
		return texts[i]
	}
	date = cell(l.when)
	if date == "" && l.when >= 0 && l.clock >= 0 && cell(l.clock) != "" {
		date = prevDate
	}
	expr := date
	if t := cell(l.clock); t != "" {
		expr = joinNonEmpty(expr, " at ", t)
	}
	if t := cell(l.end); t != "" && expr != "" {
		expr += " to " + t
	}
	c.entry.Text = expr
	for _, i := range []int{l.end, l.clock, l.when} { // the cell a note would trail
		if cell(i) != "" {
			c.timeHeader = l.cols[i].header
			break
		}
	}

	for _, i := range []int{l.when, l.clock} {
		if i >= 0 && i < len(row.cells) && isStruckThrough(row.cells[i]) {
			c.cancelled = true // a struck-out date: the session is off
		}
	}
	for _, t := range texts {
		c.cancelled = c.cancelled || saysNoSession(t)
	}
	if c.cancelled {
		return c, date, true
	}
	c.label = filled == 1 && len(texts) > 1

	for _, i := range []int{l.when, l.clock, l.end} {
		if i >= 0 && i < len(links) {
			c.entry.Links = append(c.entry.Links, links[i]...)
		}
	}
	for i, text := range texts {
		if i != l.when && i != l.clock && i != l.end {
			c.entry.Links = append(c.entry.Links, links[i]...)
		}
		if isPlaceholderEmpty(text) {
			text = ""
		}
		switch {
		case i == l.when || i == l.clock || i == l.end:
		case i < len(l.cols) && l.cols[i].role == roleIndex:
		case i == l.host:
			c.entry.Host = text
		case i == l.topic:
			c.entry.Topic = text
		case i == l.location:
			c.entry.Location = text
		case text == "":
		case i >= len(l.cols) || l.cols[i].header == "":
			c.entry.Details = append(c.entry.Details, text)
		default:
			c.entry.Details = append(c.entry.Details, l.cols[i].header+": "+text)
		}
	}
	return c, date, false
}

// resolveCandidate reads the candidate's time expression. A time of day
// with no date takes the day of the table's heading or lead (dayOf).
func (r *reader) resolveCandidate(c *candidate, ref timeexpr.Reference, dayOf func() string) {
	text := c.entry.Text
	if len(text) > maxExpression {
		c.entry.Text = shorten(text) + "…"
		c.err = &timeexpr.Error{Text: c.entry.Text, Reason: "too long to be a date or time", Err: timeexpr.ErrNoTime}
		c.noTime = true
		return
	}
	w, _, err := r.resolve(text, ref, parseWhole)
	if errors.Is(err, timeexpr.ErrNoDate) && dayOf != nil {
		if day := dayOf(); day != "" {
			combined := day + " at " + text
			if w2, _, err2 := r.resolve(combined, ref, parseWhole); err2 == nil {
				c.entry.Text, w, err = combined, w2, nil
			}
		}
	}
	if err != nil && !errors.Is(err, timeexpr.ErrNoTime) && !errors.Is(err, timeexpr.ErrNoDate) {
		// "Tue 14:00 UTC (moved)", "April 8 — tentative": a time with a
		// note after it. The note is kept as a detail.
		if w2, n, err2 := r.resolve(text, ref, timeexpr.ParsePrefix); err2 == nil && n > 0 && n < len(text) && isNote(text[n:]) {
			c.entry.Text = strings.TrimSpace(text[:n])
			c.entry.Details = append([]string{joinNonEmpty(c.timeHeader, ": ", strings.TrimSpace(text[n:]))}, c.entry.Details...)
			w, err = w2, nil
		}
	}
	if err != nil {
		c.err = err
		c.noTime = errors.Is(err, timeexpr.ErrNoTime)
		return
	}
	c.entry.When = w
	c.history = r.isHistory(w)
}

// isNote reports whether what follows a time in its cell is a note set
// apart from it: in parentheses or brackets, after a dash, comma,
// semicolon, slash or bar, or a footnote mark. "Thu at 7pm XYZ" is not a
// time with a note but a time in an unknown zone.
func isNote(rest string) bool {
	t := strings.TrimLeft(rest, " \t")
	if t == "" {
		return false
	}
	switch t[0] {
	case '(', '[', '*':
		return true
	}
	for _, sep := range [...]string{"—", "–", "-", ",", ";", "/", "|", "†"} {
		if strings.HasPrefix(t, sep) && (len(t) == len(sep) || t[len(sep)] == ' ') {
			return true
		}
	}
	return false
}

// parseWhole is timeexpr.Parse in the shape resolve takes.
func parseWhole(text string, ref timeexpr.Reference) (timeexpr.When, int, error) {
	w, err := timeexpr.Parse(text, ref)
	return w, len(text), err
}

// continueEntry adds a row with no time to the entry above it: people
// split a long cell over two rows.
// A row continues the one above only so far: merged text and details stay
// bounded, so a table of a hundred thousand such rows is still read in
// linear time.
func continueEntry(prev *candidate, row candidate) {
	e := &prev.entry
	e.Topic = joinBounded(e.Topic, " ", row.entry.Topic)
	e.Host = joinBounded(e.Host, ", ", row.entry.Host)
	e.Location = joinBounded(e.Location, ", ", row.entry.Location)
	if len(e.Details) < maxMergedDetails {
		e.Details = append(e.Details, row.entry.Details...)
	}
	if len(e.Links) < maxMergedDetails {
		e.Links = append(e.Links, row.entry.Links...)
	}
	prev.notes = append(prev.notes, row.notes...)
}

const (
	maxMergedText    = 1000 // bytes of topic, host or location
	maxMergedDetails = 100
)

// joinBounded joins a and b unless a is already maxMergedText long.
func joinBounded(a, sep, b string) string {
	if len(a) >= maxMergedText {
		return a
	}
	return joinNonEmpty(a, sep, b)
}

func joinNonEmpty(a, sep, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + sep + b
}

// delimiterCells counts the cells of a delimiter row.
func delimiterCells(s string) int {
	if row, ok := splitRow(s, maxColumns); ok {
		return len(row.cells)
	}
	return len(strings.Fields(s))
}

func shapeNote(line, cells, headers int) Diagnostic {
	msg := fmt.Sprintf("table row has %d cells, the header %d: ", cells, headers)
	if cells < headers {
		msg += "missing cells read as empty"
	} else {
		msg += "extra cells kept as details"
	}
	return Diagnostic{Line: line, Severity: diag.Warning, Message: msg}
}

func codePipeNote(line int) Diagnostic {
	return Diagnostic{Line: line, Severity: diag.Warning, Message: "a pipe inside a code span was read as part of its cell; " +
		`GFM renderers split the cell there (write \| instead)`}
}

// isStruckThrough reports a cell written entirely as ~~strikethrough~~.
func isStruckThrough(cell string) bool {
	cell = strings.TrimSpace(cell)
	return len(cell) > 4 && strings.HasPrefix(cell, "~~") && strings.HasSuffix(cell, "~~")
}

// rowText is what a row says besides its time: the topic and the values of
// its other cells, without their headers ("Events: Deadline for all
// contributions" says "Deadline for all contributions").
func rowText(e Entry) string {
	parts := []string{e.Topic}
	for _, d := range e.Details {
		_, v, ok := strings.Cut(d, ": ")
		if !ok {
			v = d
		}
		parts = append(parts, v)
	}
	return strings.TrimSpace(strings.Join(parts, " "))
}
