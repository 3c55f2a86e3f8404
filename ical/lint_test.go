package ical

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"
)

// This file is a strict RFC 5545 checker written for the tests, independent
// of golang-ical and of the package's own writer: a content-line reader
// (node, prop) and lint, which checks what calendars rely on.

// node is a component: its properties in order and its sub-components.
type node struct {
	name     string
	props    []prop
	children []*node
}

// prop is a property as written: value still in wire form.
type prop struct {
	name   string
	params map[string]string // upper-case names; values unquoted
	value  string
	line   int // physical line it starts on
}

func (n *node) all(name string) []prop {
	var ps []prop
	for _, p := range n.props {
		if p.name == name {
			ps = append(ps, p)
		}
	}
	return ps
}

// get is the value of n's first property name, "" when absent.
func (n *node) get(name string) string {
	if ps := n.all(name); len(ps) > 0 {
		return ps[0].value
	}
	return ""
}

func (n *node) sub(name string) []*node {
	var ns []*node
	for _, c := range n.children {
		if c.name == name {
			ns = append(ns, c)
		}
	}
	return ns
}

// logicalLine is an unfolded content line and where it started.
type logicalLine struct {
	text string
	line int
}

// physicalLines checks line endings and lengths, and unfolds.
func physicalLines(data []byte) ([]logicalLine, []error) {
	var errs []error
	if len(data) == 0 || !bytes.HasSuffix(data, []byte("\r\n")) {
		errs = append(errs, errors.New("does not end with CRLF"))
	}
	var out []logicalLine
	for i, raw := range bytes.SplitAfter(data, []byte("\n")) {
		n := i + 1
		if len(raw) == 0 {
			continue
		}
		line, ok := bytes.CutSuffix(raw, []byte("\r\n"))
		if !ok {
			if bytes.HasSuffix(raw, []byte("\n")) {
				errs = append(errs, fmt.Errorf("line %d: LF without CR", n))
			}
			line = bytes.TrimSuffix(raw, []byte("\n"))
		}
		if bytes.IndexByte(line, '\r') >= 0 {
			errs = append(errs, fmt.Errorf("line %d: bare CR", n))
		}
		if len(line) > 75 {
			errs = append(errs, fmt.Errorf("line %d: %d octets, more than 75", n, len(line)))
		}
		if !utf8.Valid(line) {
			errs = append(errs, fmt.Errorf("line %d: invalid UTF-8 (a fold split a character?)", n))
		}
		switch {
		case len(line) == 0:
			errs = append(errs, fmt.Errorf("line %d: empty line", n))
		case line[0] == ' ' || line[0] == '\t':
			if len(out) == 0 {
				errs = append(errs, fmt.Errorf("line %d: continuation of nothing", n))
				continue
			}
			out[len(out)-1].text += string(line[1:])
		default:
			out = append(out, logicalLine{string(line), n})
		}
	}
	return out, errs
}

var nameRE = regexp.MustCompile(`^[A-Za-z0-9-]+$`)

// parseContentLine splits name *(";" param) ":" value (§3.1).
func parseContentLine(l logicalLine) (prop, error) {
	p := prop{params: map[string]string{}, line: l.line}
	s := l.text
	i := strings.IndexAny(s, ";:")
	if i <= 0 || !nameRE.MatchString(s[:i]) {
		return p, fmt.Errorf("line %d: no property name in %q", l.line, s)
	}
	p.name = strings.ToUpper(s[:i])
	s = s[i:]
	for s[0] == ';' {
		s = s[1:]
		eq := strings.IndexByte(s, '=')
		if eq <= 0 || !nameRE.MatchString(s[:eq]) {
			return p, fmt.Errorf("line %d: bad parameter in %q", l.line, l.text)
		}
		key := strings.ToUpper(s[:eq])
		s = s[eq+1:]
		var vals []string
		for {
			if strings.HasPrefix(s, `"`) {
				end := strings.IndexByte(s[1:], '"')
				if end < 0 {
					return p, fmt.Errorf("line %d: unterminated quoted parameter", l.line)
				}
				vals = append(vals, s[1:end+1])
				s = s[end+2:]
			} else {
				end := strings.IndexAny(s, `;:,"`)
				if end < 0 {
					return p, fmt.Errorf("line %d: parameter runs off the line", l.line)
				}
				if s[end] == '"' {
					return p, fmt.Errorf("line %d: DQUOTE inside a parameter value", l.line)
				}
				vals = append(vals, s[:end])
				s = s[end:]
			}
			if s == "" {
				return p, fmt.Errorf("line %d: no value", l.line)
			}
			if s[0] != ',' {
				break
			}
			s = s[1:]
		}
		p.params[key] = strings.Join(vals, ",")
		if s[0] != ';' && s[0] != ':' {
			return p, fmt.Errorf("line %d: junk after parameter %s", l.line, key)
		}
	}
	p.value = s[1:]
	for _, r := range p.value {
		if r != '\t' && unicode.IsControl(r) {
			return p, fmt.Errorf("line %d: control character %U in value", l.line, r)
		}
	}
	return p, nil
}

// parseICS reads a calendar stream into its VCALENDAR node.
func parseICS(data []byte) (*node, []error) {
	lines, errs := physicalLines(data)
	var root *node
	var stack []*node
	for _, l := range lines {
		p, err := parseContentLine(l)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		switch p.name {
		case "BEGIN":
			n := &node{name: strings.ToUpper(p.value)}
			switch {
			case len(stack) > 0:
				top := stack[len(stack)-1]
				top.children = append(top.children, n)
			case root == nil && n.name == "VCALENDAR":
				root = n
			default:
				errs = append(errs, fmt.Errorf("line %d: BEGIN:%s outside the VCALENDAR", l.line, n.name))
			}
			stack = append(stack, n)
		case "END":
			if len(stack) == 0 || stack[len(stack)-1].name != strings.ToUpper(p.value) {
				errs = append(errs, fmt.Errorf("line %d: unbalanced END:%s", l.line, p.value))
				continue
			}
			stack = stack[:len(stack)-1]
		default:
			if len(stack) == 0 {
				errs = append(errs, fmt.Errorf("line %d: %s outside any component", l.line, p.name))
				continue
			}
			top := stack[len(stack)-1]
			top.props = append(top.props, p)
		}
	}
	if len(stack) > 0 {
		errs = append(errs, fmt.Errorf("%s not ended", stack[len(stack)-1].name))
	}
	if root == nil {
		errs = append(errs, errors.New("no VCALENDAR"))
		root = &node{name: "VCALENDAR"}
	}
	return root, errs
}

var (
	utcRE    = regexp.MustCompile(`^\d{8}T\d{6}Z$`)
	localRE  = regexp.MustCompile(`^\d{8}T\d{6}$`)
	dateRE   = regexp.MustCompile(`^\d{8}$`)
	offsetRE = regexp.MustCompile(`^[+-]\d{4}(\d{2})?$`)
	textRE   = regexp.MustCompile(`^([^\\;,]|\\[\\;,nN])*$`)
	durRE    = regexp.MustCompile(`^[+-]?P(\d+W|(\d+D)?(T(\d+H)?(\d+M)?(\d+S)?)?)$`)
)

// lint checks one .ics stream; no error means it passed.
func lint(data []byte) []error {
	cal, errs := parseICS(data)
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	once := func(n *node, name string, required bool) {
		switch k := len(n.all(name)); {
		case k == 0 && required:
			bad("%s: no %s", n.name, name)
		case k > 1:
			bad("%s: %d %s properties", n.name, k, name)
		}
	}
	text := func(n *node, names ...string) {
		for _, name := range names {
			for _, p := range n.all(name) {
				v := p.value
				if name == "CATEGORIES" {
					v = strings.ReplaceAll(v, ",", "") // the list separator
				}
				if !textRE.MatchString(v) {
					bad("line %d: %s is not escaped TEXT: %q", p.line, name, p.value)
				}
			}
		}
	}

	once(cal, "PRODID", true)
	once(cal, "VERSION", true)
	if len(cal.children) == 0 {
		bad("VCALENDAR: no component (RFC 5545 section 3.6 requires one)")
	}
	if v := cal.get("VERSION"); v != "2.0" {
		bad("VERSION %q", v)
	}
	once(cal, "CALSCALE", false)
	once(cal, "METHOD", false)
	for _, p := range cal.all("REFRESH-INTERVAL") {
		if p.params["VALUE"] != "DURATION" || !durRE.MatchString(p.value) {
			bad("line %d: REFRESH-INTERVAL must be VALUE=DURATION with a duration", p.line)
		}
	}
	text(cal, "NAME", "X-WR-CALNAME", "X-WR-CALDESC", "DESCRIPTION")

	zones := make(map[string]bool)
	for _, tz := range cal.sub("VTIMEZONE") {
		once(tz, "TZID", true)
		tzid := tz.get("TZID")
		if zones[tzid] {
			bad("VTIMEZONE %s defined twice", tzid)
		}
		zones[tzid] = true
		if len(tz.children) == 0 {
			bad("VTIMEZONE %s has no STANDARD or DAYLIGHT", tzid)
		}
		for _, o := range tz.children {
			if o.name != "STANDARD" && o.name != "DAYLIGHT" {
				bad("VTIMEZONE %s holds a %s", tzid, o.name)
			}
			for _, name := range []string{"DTSTART", "TZOFFSETFROM", "TZOFFSETTO"} {
				once(o, name, true)
			}
			if !localRE.MatchString(o.get("DTSTART")) {
				bad("VTIMEZONE %s: observance DTSTART %q is not a local date-time", tzid, o.get("DTSTART"))
			}
			for _, name := range []string{"TZOFFSETFROM", "TZOFFSETTO"} {
				if v := o.get(name); !offsetRE.MatchString(v) || v == "-0000" {
					bad("VTIMEZONE %s: %s %q", tzid, name, v)
				}
			}
			text(o, "TZNAME")
		}
	}

	uids := make(map[string]bool)
	for _, c := range cal.children {
		switch c.name {
		case "VTIMEZONE":
			continue
		case "VEVENT":
		default:
			bad("unexpected component %s", c.name)
			continue
		}
		for _, name := range []string{"UID", "DTSTAMP", "DTSTART"} {
			once(c, name, true)
		}
		for _, name := range []string{"CLASS", "CREATED", "DESCRIPTION", "GEO", "LAST-MODIFIED", "LOCATION",
			"ORGANIZER", "PRIORITY", "SEQUENCE", "STATUS", "SUMMARY", "TRANSP", "URL", "RECURRENCE-ID", "DTEND", "DURATION"} {
			once(c, name, false)
		}
		uid := c.get("UID")
		if uids[uid] {
			bad("UID %q twice", uid)
		}
		uids[uid] = true
		if len(c.all("DTEND")) > 0 && len(c.all("DURATION")) > 0 {
			bad("%s: both DTEND and DURATION", uid)
		}
		for _, name := range []string{"DTSTAMP", "LAST-MODIFIED"} {
			if ps := c.all(name); len(ps) > 0 && !utcRE.MatchString(ps[0].value) {
				bad("%s: %s %q is not UTC", uid, name, ps[0].value)
			}
		}
		if s := c.get("SEQUENCE"); s != "" {
			if n, err := strconv.Atoi(s); err != nil || n < 0 {
				bad("%s: SEQUENCE %q", uid, s)
			}
		}
		if s := c.get("STATUS"); s != "" && !slices.Contains([]string{"TENTATIVE", "CONFIRMED", "CANCELLED"}, s) {
			bad("%s: STATUS %q is not one of a VEVENT's", uid, s)
		}
		text(c, "SUMMARY", "DESCRIPTION", "LOCATION", "CATEGORIES", "UID")
		var start, end prop
		for _, p := range c.props {
			switch p.name {
			case "DTSTART":
				start = p
			case "DTEND":
				end = p
			}
			if tzid, ok := p.params["TZID"]; ok {
				if !zones[tzid] {
					bad("%s: %s uses TZID %q, which has no VTIMEZONE", uid, p.name, tzid)
				}
				if !localRE.MatchString(p.value) {
					bad("%s: %s;TZID=%s:%s is not a local date-time", uid, p.name, tzid, p.value)
				}
			}
			if p.params["VALUE"] == "DATE" && !dateRE.MatchString(p.value) {
				bad("%s: %s;VALUE=DATE:%s", uid, p.name, p.value)
			}
		}
		if start.name == "" {
			continue
		}
		if isDate(start) != isDate(end) && end.name != "" {
			bad("%s: DTSTART and DTEND of different value types", uid)
		}
		if !isDate(start) && !utcRE.MatchString(start.value) && start.params["TZID"] == "" {
			bad("%s: floating DTSTART %q", uid, start.value)
		}
		if end.name != "" {
			s, err1 := instant(start, nil)
			e, err2 := instant(end, nil)
			if err1 == nil && err2 == nil && !e.After(s) && start.params["TZID"] == end.params["TZID"] {
				bad("%s: DTEND %s not after DTSTART %s", uid, end.value, start.value)
			}
		}
	}
	return errs
}

func isDate(p prop) bool { return p.params["VALUE"] == "DATE" }

// instant reads a DATE-TIME; a TZID is resolved through zones (nil: read as
// UTC wall clock, enough to compare two times of one zone).
func instant(p prop, zones map[string]*tzdef) (time.Time, error) {
	switch {
	case isDate(p):
		return time.Parse(dateFormat, p.value)
	case strings.HasSuffix(p.value, "Z"):
		return time.Parse(utcFormat, p.value)
	}
	wall, err := time.Parse(localFormat, p.value)
	if err != nil || zones == nil {
		return wall, err
	}
	def := zones[p.params["TZID"]]
	if def == nil {
		return time.Time{}, fmt.Errorf("no VTIMEZONE %q", p.params["TZID"])
	}
	return def.toUTC(wall)
}

func TestLintCatches(t *testing.T) {
	good := strings.Join([]string{
		"BEGIN:VCALENDAR", "PRODID:x", "VERSION:2.0",
		"BEGIN:VTIMEZONE", "TZID:Z1", "BEGIN:STANDARD", "DTSTART:19700101T000000",
		"TZOFFSETFROM:+0100", "TZOFFSETTO:+0100", "END:STANDARD", "END:VTIMEZONE",
		"BEGIN:VEVENT", "UID:a", "DTSTAMP:20210101T000000Z", "DTSTART;TZID=Z1:20210101T100000",
		"DTEND;TZID=Z1:20210101T110000", "SUMMARY:a\\, b", "END:VEVENT",
		"END:VCALENDAR", "",
	}, "\r\n")
	if errs := lint([]byte(good)); len(errs) > 0 {
		t.Fatalf("lint(good) = %v", errs)
	}
	tests := []struct {
		name, old, new string
	}{
		{"LF only", "VERSION:2.0\r\n", "VERSION:2.0\n"},
		{"bare CR", "SUMMARY:a", "SUMMARY:\ra"},
		{"long line", "SUMMARY:a", "SUMMARY:" + strings.Repeat("a", 70)},
		{"split UTF-8", "SUMMARY:a", "SUMMARY:\xc3\r\n \xa9"},
		{"no VERSION", "VERSION:2.0\r\n", ""},
		{"no UID", "UID:a\r\n", ""},
		{"no DTSTAMP", "DTSTAMP:20210101T000000Z\r\n", ""},
		{"DTEND and DURATION", "SUMMARY:", "DURATION:PT1H\r\nSUMMARY:"},
		{"undefined TZID", "DTSTART;TZID=Z1", "DTSTART;TZID=Z2"},
		{"empty VTIMEZONE", "BEGIN:STANDARD\r\nDTSTART:19700101T000000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0100\r\nEND:STANDARD\r\n", ""},
		{"bad offset", "TZOFFSETTO:+0100", "TZOFFSETTO:+1"},
		{"unescaped comma", `a\, b`, "a, b"},
		{"unquoted colon in parameter", "DTSTART;TZID=Z1", "DTSTART;X-A=a:b;TZID=Z1"},
		{"end before start", "DTEND;TZID=Z1:20210101T110000", "DTEND;TZID=Z1:20210101T090000"},
		{"two UIDs", "UID:a\r\n", "UID:a\r\nUID:b\r\n"},
		{"unbalanced", "END:VEVENT\r\n", ""},
		{"floating", "DTSTART;TZID=Z1:20210101T100000\r\nDTEND;TZID=Z1:20210101T110000", "DTSTART:20210101T100000\r\nDTEND:20210101T110000"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := strings.Replace(good, tt.old, tt.new, 1)
			if doc == good {
				t.Fatalf("%q not in the document", tt.old)
			}
			if errs := lint([]byte(doc)); len(errs) == 0 {
				t.Errorf("lint passed:\n%s", doc)
			}
		})
	}
	// A duplicate UID needs two events.
	ev := good[strings.Index(good, "BEGIN:VEVENT"):strings.Index(good, "END:VCALENDAR")]
	dup := strings.Replace(good, "END:VCALENDAR", ev+"END:VCALENDAR", 1)
	if errs := lint([]byte(dup)); len(errs) == 0 {
		t.Error("lint passed a duplicate UID")
	}
}
