package schedule

import "strings"

// codeSpans finds where the code spans of one line end. A backtick run
// opens a span closed by the next run of the same length. The runs are
// listed once, each with the index of the next run of its length (found
// right to left), so finding every span of a line costs time linear in the
// line however the backticks are arranged.
type codeSpans struct {
	runs []backtickRun
	at   int // first run not before the last position asked about
}

type backtickRun struct {
	start, n int
	next     int // index of the next run of the same length; -1 if none
}

func newCodeSpans(s string) *codeSpans {
	c := &codeSpans{}
	if strings.IndexByte(s, '`') < 0 {
		return c
	}
	for i := 0; i < len(s); {
		switch s[i] {
		case '\\':
			i += 2
		case '`':
			j := i
			for j < len(s) && s[j] == '`' {
				j++
			}
			c.runs = append(c.runs, backtickRun{start: i, n: j - i})
			i = j
		default:
			i++
		}
	}
	var short [8]int // next run of lengths 1..7, as index+1
	var long map[int]int
	for k := len(c.runs) - 1; k >= 0; k-- {
		n := c.runs[k].n
		if n < len(short) {
			c.runs[k].next = short[n] - 1
			short[n] = k + 1
			continue
		}
		if long == nil {
			long = map[int]int{}
		}
		next, ok := long[n]
		if !ok {
			next = -1
		}
		c.runs[k].next = next
		long[n] = k
	}
	return c
}

// span is called at the start i of a backtick run (positions never
// decrease between calls). It returns the end of the run and, when a run of
// the same length closes it, the end of the code span (else -1).
func (c *codeSpans) span(i int) (runEnd, spanEnd int) {
	for c.at < len(c.runs) && c.runs[c.at].start < i {
		c.at++
	}
	if c.at == len(c.runs) || c.runs[c.at].start != i {
		return i + 1, -1 // not a run start (an escaped backtick)
	}
	r := c.runs[c.at]
	if r.next < 0 {
		return r.start + r.n, -1
	}
	closer := c.runs[r.next]
	return r.start + r.n, closer.start + closer.n
}

// tableRow is a table line split into cells.
type tableRow struct {
	cells    []string // trimmed, "\|" unescaped
	codePipe bool     // a pipe inside a code span was kept in its cell
}

// maxColumns bounds the cells a table line is split into; the rest of a
// longer line stays in its last cell. It keeps a line of ten million pipes
// from becoming ten million cells.
const maxColumns = 10_000

// splitRow splits a table line at its pipes into at most limit cells (the
// last holds the rest of the line). Outer pipes are optional; escaped pipes
// and pipes inside code spans belong to their cell (GFM would split at the
// latter; the author meant the code). ok is false when the line has no pipe
// that separates cells.
func splitRow(s string, limit int) (row tableRow, ok bool) {
	s = strings.TrimSpace(s)
	var seps []int
	walkMarkup(s, "|", func(i int) bool {
		seps = append(seps, i)
		return len(seps) < limit
	}, func(_ int, code string) bool {
		row.codePipe = row.codePipe || strings.IndexByte(code, '|') >= 0
		return true
	})
	if len(seps) == 0 {
		return tableRow{}, false
	}
	start := 0
	for _, i := range seps {
		row.cells = append(row.cells, s[start:i])
		start = i + 1
	}
	if start < len(s) || len(seps) == limit {
		row.cells = append(row.cells, s[start:])
	}
	if s[0] == '|' {
		row.cells = row.cells[1:]
	}
	for i, c := range row.cells {
		row.cells[i] = strings.TrimSpace(strings.ReplaceAll(c, `\|`, "|"))
	}
	return row, true
}

// hasCellPipe reports whether a line has a pipe that separates cells: the
// mark of a table line.
func hasCellPipe(s string) bool {
	found := false
	walkMarkup(s, "|", func(int) bool {
		found = true
		return false
	}, nil)
	return found
}

// walkMarkup calls mark, left to right, with the index of each byte of s
// that is one of marks and that Markdown may read as markup. It skips
// backslash escapes (the backslash and the byte after it), backtick runs
// that open no code span, and code spans, whose opening index and code
// (between the runs) go to code instead, when code is not nil. It stops
// when either returns false.
func walkMarkup(s, marks string, mark func(i int) bool, code func(i int, code string) bool) {
	var isMark [256]bool
	for j := 0; j < len(marks); j++ {
		isMark[marks[j]] = true
	}
	spans := newCodeSpans(s)
	for i := 0; i < len(s); {
		switch s[i] {
		case '\\':
			i += 2
		case '`':
			runEnd, spanEnd := spans.span(i)
			if spanEnd < 0 {
				i = runEnd
				continue
			}
			if code != nil && !code(i, s[runEnd:spanEnd-(runEnd-i)]) {
				return
			}
			i = spanEnd
		default:
			if isMark[s[i]] && !mark(i) {
				return
			}
			i++
		}
	}
}
