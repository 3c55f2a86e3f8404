package ical

import (
	"bytes"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	ics "github.com/arran4/golang-ical"
)

// This file is the serializer. The document model is golang-ical's
// (ics.Calendar, ics.VEvent, ics.VTimezone, ics.Standard, ics.Daylight and
// their ics.IANAProperty lists), and so is the parser that reads the previous
// calendar, but the bytes are written here, because golang-ical v0.3.4's
// Calendar.SerializeTo gets several things wrong that calendars care about:
//
//   - it ends lines with LF on every platform but Windows (ics.NewLine),
//     where RFC 5545 §3.1 requires CRLF;
//   - it backslash-escapes parameter values, where RFC 5545 §3.2 has no escapes
//     in parameters: a value containing ":", ";" or "," must be DQUOTE-quoted
//     (and backslashes are then taken literally by other parsers);
//   - its TEXT escaping (ics.ToText) passes CR and other control characters
//     through, and a lone CR ends the line for lenient parsers: a topic could
//     then inject properties; it does not drop invalid UTF-8 either;
//   - it decides whether to escape from the property's default value type,
//     so a multi-valued TEXT property (CATEGORIES:a,b) cannot be written.
//
// Convention: every property Value in our model is already in wire form
// (TEXT values went through escapeText); writeProperty only quotes
// parameters, drops what must never reach the wire (control characters,
// invalid UTF-8), folds at 75 octets without splitting a UTF-8 sequence, and
// ends lines with CRLF.

const (
	crlf       = "\r\n"
	lineOctets = 75 // RFC 5545 §3.1: lines SHOULD NOT be longer than 75 octets
)

// dropControls drops invalid UTF-8 and the control characters but those in
// keep from s.
func dropControls(s, keep string) string {
	if plain(s, keep) {
		return s // most values: nothing to drop, nothing to look up
	}
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) && !strings.ContainsRune(keep, r) {
			return -1
		}
		return r
	}, strings.ToValidUTF8(s, ""))
}

// plain tells whether s is all printable ASCII (space to "~") but for
// characters in keep.
func plain(s, keep string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < ' ' || c > '~') && strings.IndexByte(keep, c) < 0 {
			return false
		}
	}
	return true
}

// cleanText drops invalid UTF-8 and control characters from s, keeping
// newlines (which TEXT can carry, escaped) and tabs. CR is dropped too, so
// "a\r\nb" becomes "a\nb".
func cleanText(s string) string { return dropControls(s, "\n\t") }

// escapeText renders s as an RFC 5545 TEXT value (§3.3.11): cleaned, then
// backslash, semicolon, comma and newline escaped.
func escapeText(s string) string {
	s = cleanText(s)
	if !strings.ContainsAny(s, "\\;,\n") {
		return s
	}
	// The characters escaped are ASCII: the bytes between them are copied
	// as they are.
	var b strings.Builder
	b.Grow(len(s) + 8)
	last := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\', ';', ',':
			b.WriteString(s[last:i])
			b.WriteByte('\\')
			b.WriteByte(c)
			last = i + 1
		case '\n':
			b.WriteString(s[last:i])
			b.WriteString(`\n`)
			last = i + 1
		}
	}
	b.WriteString(s[last:])
	return b.String()
}

// cleanValue makes a wire-form value safe to write: no invalid UTF-8, no
// control characters but HTAB (a TEXT newline is already the two characters
// `\n` here).
func cleanValue(s string) string { return dropControls(s, "\t") }

// paramValue renders one parameter value: cleaned, with DQUOTE (which no
// parameter value may contain, §3.1) turned into an apostrophe, and quoted
// when it contains ":", ";" or ",".
func paramValue(s string) string {
	s = strings.ReplaceAll(cleanValue(s), `"`, "'")
	if strings.ContainsAny(s, ":;,") {
		return `"` + s + `"`
	}
	return s
}

// cleanName keeps the characters of an iana-token or x-name (§3.1:
// ALPHA, DIGIT and "-"), upper-cased. golang-ical's parser can hand over a
// parameter name with junk in front of it, so names are not trusted either.
func cleanName(s string) string {
	if isName(s) {
		return s // as golang-ical's constants and our own names are
	}
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z':
			return r - 'a' + 'A'
		case r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-':
			return r
		}
		return -1
	}, s)
}

// isName tells whether s is all upper-case ALPHA, DIGIT and "-".
func isName(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// contentLine renders p unfolded, without the line break; "" when p has no
// usable name.
func contentLine(p *ics.BaseProperty) string { return string(appendContentLine(nil, p)) }

// appendContentLine appends p unfolded, without the line break, to dst; it
// appends nothing when p has no usable name.
func appendContentLine(dst []byte, p *ics.BaseProperty) []byte {
	name := cleanName(p.IANAToken)
	if name == "" {
		return dst
	}
	dst = append(dst, name...)
	keys := make([]string, 0, len(p.ICalParameters))
	for k := range p.ICalParameters {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		key := cleanName(k)
		if key == "" {
			continue
		}
		dst = append(dst, ';')
		dst = append(dst, key...)
		dst = append(dst, '=')
		for i, v := range p.ICalParameters[k] {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = append(dst, paramValue(v)...)
		}
	}
	dst = append(dst, ':')
	return append(dst, cleanValue(p.Value)...)
}

// writeFolded writes line folded (§3.1): at most 75 octets per physical line,
// continuation lines starting with one space, never splitting a UTF-8
// sequence; every line ends with CRLF.
func writeFolded(w *bytes.Buffer, line []byte) {
	limit := lineOctets
	for len(line) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(line[cut]) {
			cut--
		}
		w.Write(line[:cut])
		w.WriteString(crlf + " ")
		line = line[cut:]
		limit = lineOctets - 1 // the leading space counts
	}
	w.Write(line)
	w.WriteString(crlf)
}

// writeProperty writes p as a folded content line. line is room to render
// it in; it is returned, to be passed again.
func writeProperty(w *bytes.Buffer, p *ics.BaseProperty, line []byte) []byte {
	if line = appendContentLine(line[:0], p); len(line) > 0 {
		writeFolded(w, line)
	}
	return line
}

// writeProperties writes each property of ps as a folded content line.
func writeProperties(w *bytes.Buffer, ps []ics.IANAProperty) {
	var line []byte
	for i := range ps {
		line = writeProperty(w, &ps[i].BaseProperty, line)
	}
}

// componentName is the name a golang-ical component is written under.
func componentName(c ics.Component) (string, *ics.ComponentBase) {
	switch c := c.(type) {
	case *ics.VEvent:
		return string(ics.ComponentVEvent), &c.ComponentBase
	case *ics.VTimezone:
		return string(ics.ComponentVTimezone), &c.ComponentBase
	case *ics.Standard:
		return string(ics.ComponentStandard), &c.ComponentBase
	case *ics.Daylight:
		return string(ics.ComponentDaylight), &c.ComponentBase
	case *ics.VAlarm:
		return string(ics.ComponentVAlarm), &c.ComponentBase
	case *ics.VTodo:
		return string(ics.ComponentVTodo), &c.ComponentBase
	case *ics.VJournal:
		return string(ics.ComponentVJournal), &c.ComponentBase
	case *ics.VBusy:
		return string(ics.ComponentVFreeBusy), &c.ComponentBase
	case *ics.GeneralComponent:
		return c.Token, &c.ComponentBase
	}
	return "", nil
}

// writeComponent writes c and its sub-components.
func writeComponent(w *bytes.Buffer, c ics.Component) {
	name, cb := componentName(c)
	if name = cleanName(name); name == "" || cb == nil {
		return
	}
	w.WriteString("BEGIN:" + name + crlf)
	writeProperties(w, cb.Properties)
	for _, sub := range cb.Components {
		writeComponent(w, sub)
	}
	w.WriteString("END:" + name + crlf)
}

// serialize writes cal as an RFC 5545 stream. The calendar and the session
// files share their VEVENTs and VTIMEZONEs: written, when not nil, keeps
// the bytes of each top-level component by identity, so that each is
// written once (a component must not change once written).
func serialize(cal *ics.Calendar, written map[ics.Component][]byte) []byte {
	const end = "END:VCALENDAR" + crlf
	var head bytes.Buffer
	head.WriteString("BEGIN:VCALENDAR" + crlf)
	var line []byte
	for i := range cal.CalendarProperties {
		line = writeProperty(&head, &cal.CalendarProperties[i].BaseProperty, line)
	}
	if written == nil {
		for _, c := range cal.Components {
			writeComponent(&head, c)
		}
		head.WriteString(end)
		return head.Bytes()
	}
	var scratch bytes.Buffer // each component is written here, then kept at its size
	bytesOf := func(c ics.Component) []byte {
		data, ok := written[c]
		if !ok {
			scratch.Reset()
			writeComponent(&scratch, c)
			data = bytes.Clone(scratch.Bytes())
			written[c] = data
		}
		return data
	}
	// The components first, so that the stream is allocated once at its
	// size (the calendar at 35,000 events is 20 MB, a session's file 1 kB).
	size := head.Len() + len(end)
	for _, c := range cal.Components {
		size += len(bytesOf(c))
	}
	data := make([]byte, 0, size)
	data = append(data, head.Bytes()...)
	for _, c := range cal.Components {
		data = append(data, bytesOf(c)...)
	}
	return append(data, end...)
}
