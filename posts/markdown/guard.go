// Package markdown bounds what goldmark is given. goldmark's cost grows
// with the square of some shapes of input; the feed's renderer and the
// schedule reader both parse a post's Markdown, and both take it through
// Guard first.
package markdown

import (
	"bytes"
)

// goldmark's cost grows with the square of some shapes of input: containers
// nested in containers (a run of ">", a line of "- - - -", a list indented
// level after level), and long runs of emphasis and link delimiters in one
// paragraph (yuin/goldmark#555). A post is the site's own content, but one
// such post (a pasted log, a generated table of contents, a vandalized
// wiki export) would hold every cron run for minutes. So before goldmark
// sees a body, a linear pass bounds those shapes, and what is past a bound
// is rendered as plain text (its first marker is backslash-escaped, which
// makes the rest of it text to a CommonMark parser).
const (
	// MaxContainerPrefix is how many bytes of block-quote markers, list
	// markers and indentation a line may open with; a marker past it is
	// text. 64 bytes allow more nesting than any real post has.
	MaxContainerPrefix = 64

	// MaxParagraphDelims is how many emphasis and link delimiters (*, _, ~,
	// [, ]) one paragraph may hold; the rest are text.
	MaxParagraphDelims = 512

	// MaxParagraphBytes is the size past which a paragraph is split, at a
	// line break, so that no delimiter search spans more than it.
	MaxParagraphBytes = 64 << 10
)

// Guard bounds src as described above. It returns src itself when
// nothing is past a bound, and the 1-based line of the first change (0 when
// none) and how many lines changed.
func Guard(src []byte) (out []byte, first, changed int) {
	return guard(src, true)
}

// GuardBlocks bounds only the nesting of containers, for a reader that
// parses blocks and not their inline text (the schedule reader): it
// changes no line count, and leaves tables and paragraphs of any size
// whole.
func GuardBlocks(src []byte) (out []byte, first, changed int) {
	return guard(src, false)
}

func guard(src []byte, inline bool) (out []byte, first, changed int) {
	if withinBounds(src, inline) {
		return src, 0, 0
	}
	return guardLines(src, inline)
}

// withinBounds tells cheaply (bytes.Count and IndexByte, which a processor
// runs many bytes at a time, and a look at the start of each line) that
// src is within every bound, as nearly every post is: no line opens with
// MaxContainerPrefix bytes that could be container markers or indentation,
// and with inline, src holds no more emphasis and link delimiters than one
// paragraph may (wherever they are) and is no longer than a paragraph may
// be. False means only that guardLines must look.
func withinBounds(src []byte, inline bool) bool {
	if inline {
		if len(src) > MaxParagraphBytes {
			return false
		}
		delims := 0
		for _, d := range [...][]byte{{'*'}, {'_'}, {'~'}, {'['}, {']'}} {
			delims += bytes.Count(src, d)
		}
		if delims > MaxParagraphDelims {
			return false
		}
	}
	for rest := src; len(rest) > 0; {
		for lead := 0; lead < len(rest) && prefixByte[rest[lead]]; {
			if lead++; lead >= MaxContainerPrefix {
				return false
			}
		}
		i := bytes.IndexByte(rest, '\n')
		if i < 0 {
			break
		}
		rest = rest[i+1:]
	}
	return true
}

// prefixByte marks the bytes of which containerPrefix makes a line's
// container markers and indentation.
var prefixByte = func() (t [256]bool) {
	for _, c := range []byte(" \t>-*+0123456789.)") {
		t[c] = true
	}
	return t
}()

// guardLines is guard, line by line.
func guardLines(src []byte, inline bool) (out []byte, first, changed int) {
	var b []byte // nil until something changes
	paraBytes, paraDelims := 0, 0
	fence := byte(0)  // '`' or '~' inside a fenced code block
	fenceTop := false // the fence opened outside any container
	lineNo := 0
	for start := 0; start < len(src); {
		end := bytes.IndexByte(src[start:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += start + 1
		}
		line := src[start:end]
		lineNo++
		var edits []int // offsets in line before which a backslash goes

		prefix, cut := containerPrefix(line)
		if fence != 0 && fenceTop {
			// Code of a top-level fence: no container markers here.
			prefix, cut = 0, -1
		}
		if cut >= 0 {
			edits = append(edits, cut)
		}
		rest := line[prefix:]
		trimmed := bytes.TrimSpace(rest)
		switch {
		case fence != 0:
			if bytes.HasPrefix(trimmed, []byte{fence, fence, fence}) {
				fence = 0
			}
		case bytes.HasPrefix(trimmed, []byte("```")) || bytes.HasPrefix(trimmed, []byte("~~~")):
			fence, fenceTop = trimmed[0], prefix == 0
			paraBytes, paraDelims = 0, 0
		case len(trimmed) == 0:
			paraBytes, paraDelims = 0, 0
		case !inline:
		default:
			if paraBytes > 0 && paraBytes+len(line) > MaxParagraphBytes {
				// A blank line ends the paragraph here.
				if b == nil {
					b = append(make([]byte, 0, len(src)+len(src)/8), src[:start]...)
				}
				b = append(b, '\n')
				if first == 0 {
					first = lineNo
				}
				paraBytes, paraDelims = 0, 0
			}
			paraBytes += len(line)
			for i := prefix; i < len(line); i++ {
				switch line[i] {
				case '*', '_', '~', '[', ']':
					if i == cut {
						continue
					}
					paraDelims++
					if paraDelims > MaxParagraphDelims && (i == 0 || line[i-1] != '\\') {
						edits = append(edits, i)
					}
				}
			}
		}

		if len(edits) > 0 {
			if b == nil {
				b = append(make([]byte, 0, len(src)+len(src)/8), src[:start]...)
			}
			if first == 0 {
				first = lineNo
			}
			changed++
			last := 0
			if cut > MaxContainerPrefix {
				// Past the bound only white space comes before cut: drop it,
				// goldmark would only skip it line after line.
				b = append(b, line[:MaxContainerPrefix]...)
				last = cut
			}
			for _, at := range edits {
				b = append(b, line[last:at]...)
				b = append(b, '\\')
				last = at
			}
			b = append(b, line[last:]...)
		} else if b != nil {
			b = append(b, line...)
		}
		start = end
	}
	if b == nil {
		return src, 0, 0
	}
	return b, first, changed
}

// containerPrefix measures the block-quote markers, list markers and
// indentation line opens with: prefix is where they end, and cut is the
// offset of the first marker that starts past MaxContainerPrefix, or -1.
// Markers past cut are not counted: after the escape they are text.
func containerPrefix(line []byte) (prefix, cut int) {
	i := 0
	for i < len(line) {
		switch c := line[i]; {
		case c == ' ' || c == '\t':
			i++
			continue
		case c == '>':
			if i >= MaxContainerPrefix {
				return i, i
			}
			i++
			continue
		case c == '-' || c == '*' || c == '+':
			if i+1 < len(line) && (line[i+1] == ' ' || line[i+1] == '\t') || i+1 == len(line) || line[i+1] == '\n' || line[i+1] == '\r' {
				if i >= MaxContainerPrefix {
					return i, i
				}
				i++
				continue
			}
		case c >= '0' && c <= '9':
			j := i
			for j < len(line) && j-i < 9 && line[j] >= '0' && line[j] <= '9' {
				j++
			}
			if j < len(line) && (line[j] == '.' || line[j] == ')') && (j+1 == len(line) || line[j+1] == ' ' || line[j+1] == '\t' || line[j+1] == '\n' || line[j+1] == '\r') {
				if i >= MaxContainerPrefix {
					return i, i
				}
				i = j + 1
				continue
			}
		}
		break
	}
	return i, -1
}
