package timeexpr

import "strings"

// The reader works on the text itself, with a byte position, rather than on
// a token list: every rule is a small function that either reads something
// at position i and returns the position after it, or reads nothing. Trying
// another reading is just calling another function with the same i.

func isLetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }
func isDigit(c byte) bool  { return c >= '0' && c <= '9' }

// word returns the run of ASCII letters at s[i:], and the position after it.
func word(s string, i int) (string, int) {
	j := i
	for j < len(s) && isLetter(s[j]) {
		j++
	}
	return s[i:j], j
}

// digits reads up to max decimal digits at s[i:]. It returns their value,
// how many there were and the position after them. A longer run of digits
// reads as none: "123456" is not an hour, a day or a year.
func digits(s string, i, max int) (n, count, j int) {
	j = i
	for j < len(s) && isDigit(s[j]) {
		if j-i == max {
			return 0, 0, i
		}
		n = n*10 + int(s[j]-'0')
		j++
	}
	return n, j - i, j
}

// spaces lists the blanks people and programs put between words, including
// line breaks (a list item may wrap) and the no-break spaces that
// typesetting and ICU ("7 PM") insert.
var spaces = []string{" ", "\t", "\n", "\r", "\u00a0", "\u202f", "\u2009", "\u2007"}

// skipSpaces returns the position after the blanks at s[i:].
func skipSpaces(s string, i int) int {
next:
	for i < len(s) {
		switch c := s[i]; {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
			continue
		case c < 0x80:
			return i
		}
		for _, sp := range spaces[4:] {
			if strings.HasPrefix(s[i:], sp) {
				i += len(sp)
				continue next
			}
		}
		break
	}
	return i
}

// hasSpaceAt reports whether a blank starts at s[i:].
func hasSpaceAt(s string, i int) bool { return skipSpaces(s, i) > i }

// dashes are the characters written between the ends of a range.
var dashes = []string{"-", "–", "—", "‒", "−", "~"}

// dash returns the position after a dash at s[i:].
func dash(s string, i int) (int, bool) {
	for _, d := range dashes {
		if strings.HasPrefix(s[i:], d) {
			return i + len(d), true
		}
	}
	return i, false
}

// wordAt reports whether s[i:] holds one of words (ASCII, lower case), in any
// case, as a whole word, and returns the position after it.
func wordAt(s string, i int, words ...string) (int, bool) {
	w, j := word(s, i)
	if w == "" {
		return i, false
	}
	for _, x := range words {
		if strings.EqualFold(w, x) {
			return j, true
		}
	}
	return i, false
}

// boundary reports whether a word or number may end before s[i].
func boundary(s string, i int) bool {
	return i >= len(s) || !(isLetter(s[i]) || isDigit(s[i]))
}

// wordStart reports whether a word or number starts at s[i].
func wordStart(s string, i int) bool {
	return !boundary(s, i) && (i == 0 || boundary(s, i-1))
}
