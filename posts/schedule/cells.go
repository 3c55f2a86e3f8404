package schedule

import "strings"

// codeSpans finds where the code spans of one line end. A backtick run opens
// a span closed by the next run of the same length; the runs are listed once
// and, per length, a cursor only moves forward, so finding every span of a
// line costs time linear in the line however the backticks are arranged.
type codeSpans struct {
	runs   []backtickRun
	byLen  map[int][]int // run length → indexes into runs
	cursor map[int]int   // run length → first candidate in byLen
	at     int           // first run not before the last position asked about
}

type backtickRun struct{ start, n int }

func newCodeSpans(s string) *codeSpans {
	c := &codeSpans{}
	for i := 0; i < len(s); {
		switch s[i] {
		case '\\':
			i += 2
		case '`':
			j := i
			for j < len(s) && s[j] == '`' {
				j++
			}
			if c.byLen == nil {
				c.byLen, c.cursor = map[int][]int{}, map[int]int{}
			}
			c.byLen[j-i] = append(c.byLen[j-i], len(c.runs))
			c.runs = append(c.runs, backtickRun{i, j - i})
			i = j
		default:
			i++
		}
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
	list := c.byLen[r.n]
	k := c.cursor[r.n]
	for k < len(list) && list[k] <= c.at {
		k++
	}
	c.cursor[r.n] = k
	if k == len(list) {
		return r.start + r.n, -1
	}
	closer := c.runs[list[k]]
	return r.start + r.n, closer.start + closer.n
}

// tableRow is a table line split into cells.
type tableRow struct {
	cells    []string // trimmed, "\|" unescaped
	codePipe bool     // a pipe inside a code span was kept in its cell
}

// splitRow splits a table line at its pipes. Outer pipes are optional;
// escaped pipes and pipes inside code spans belong to their cell (GFM would
// split at the latter; the author meant the code). ok is false when the line
// has no pipe that separates cells.
func splitRow(s string) (tableRow, bool) {
	s = strings.TrimSpace(s)
	var (
		row     tableRow
		spans   = newCodeSpans(s)
		start   int
		pipes   int
		lastSep = -1
	)
	for i := 0; i < len(s); {
		switch s[i] {
		case '\\':
			i += 2
			continue
		case '`':
			runEnd, spanEnd := spans.span(i)
			if spanEnd < 0 {
				i = runEnd
				continue
			}
			if strings.IndexByte(s[runEnd:spanEnd], '|') >= 0 {
				row.codePipe = true
			}
			i = spanEnd
			continue
		case '|':
			row.cells = append(row.cells, s[start:i])
			start, lastSep = i+1, i
			pipes++
		}
		i++
	}
	if pipes == 0 {
		return tableRow{}, false
	}
	if lastSep != len(s)-1 {
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
