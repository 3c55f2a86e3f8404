// Package markdown bounds what goldmark is given. goldmark's block parser
// costs time cubic in the depth of nested containers (block quotes, list
// items, indentation): a post of a few megabytes nested three thousand
// levels deep takes a minute to parse, and one such post would stall every
// run. People do not write Markdown nested deeper than a handful of levels,
// so Guard caps the container prefix of each line; a line past the cap
// keeps its text, at the depth the cap allows. Everything else is left as
// written, and line numbers do not change.
package markdown

// MaxPrefix is the longest container prefix (indentation, ">" markers,
// list markers) a line keeps: about thirty levels of nesting.
const MaxPrefix = 64

// Guard returns src with every line's container prefix cut to MaxPrefix
// bytes, and whether it cut anything. It looks at each byte once; when
// nothing is cut it returns src itself.
func Guard(src []byte) ([]byte, bool) {
	var out []byte // nil until the first cut
	copied := 0    // src[:copied] is in out
	for start := 0; start < len(src); {
		end := start
		for end < len(src) && src[end] != '\n' && src[end] != '\r' {
			end++
		}
		if cut, n := prefixCut(src[start:end]); cut {
			if out == nil {
				out = make([]byte, 0, len(src))
			}
			out = append(out, src[copied:start+n]...)
			// The rest of the prefix is dropped but for its last list
			// marker: an item nested too deep stays an item, at the
			// deepest level kept.
			rest, last := start+n, ""
			for rest < end {
				m := markerLen(src[rest:end])
				if m == 0 {
					break
				}
				if c := src[rest]; c != ' ' && c != '\t' && c != '>' {
					last = string(src[rest : rest+m])
				}
				rest += m
			}
			if last != "" {
				out = append(out[:len(out)-min(n, len(last)+1)], last...)
				out = append(out, ' ')
			}
			copied = rest
		}
		start = end + 1
	}
	if out == nil {
		return src, false
	}
	return append(out, src[copied:]...), true
}

// prefixCut reports whether line's container prefix is longer than
// MaxPrefix, and where to cut it: at the end of the last whole marker or
// blank that fits.
func prefixCut(line []byte) (bool, int) {
	n, cut := 0, 0
	for n < len(line) && n <= MaxPrefix {
		m := markerLen(line[n:])
		if m == 0 {
			break
		}
		n += m
		if n <= MaxPrefix {
			cut = n
		}
	}
	if n <= MaxPrefix {
		return false, 0
	}
	return true, cut
}

// markerLen returns the length of the container marker that opens s: a
// blank, a ">", a bullet followed by a blank, or an ordered marker ("12.",
// "3)") followed by a blank; 0 when s opens with text.
func markerLen(s []byte) int {
	switch {
	case len(s) == 0:
		return 0
	case s[0] == ' ' || s[0] == '\t' || s[0] == '>':
		return 1
	case s[0] == '-' || s[0] == '*' || s[0] == '+':
		if len(s) == 1 || s[1] == ' ' || s[1] == '\t' {
			return 1
		}
		return 0
	}
	d := 0
	for d < len(s) && d < 9 && s[d] >= '0' && s[d] <= '9' {
		d++
	}
	if d == 0 || d >= len(s) || (s[d] != '.' && s[d] != ')') {
		return 0
	}
	if d+1 == len(s) || s[d+1] == ' ' || s[d+1] == '\t' {
		return d + 1
	}
	return 0
}
