package ical

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/sessionfeed/sessionfeed/posts/diag"
	"github.com/sessionfeed/sessionfeed/tzdb"
)

// The previous calendar is hostile input: it sits in a folder a web server
// serves, other tools and people write there, and disks fill up. It is read
// by a line scanner (linear in its size, unlike golang-ical's parser, which
// is quadratic in the parameters of a line) under Limits, and only what this
// tool writes is taken from it:
//
//   - the calendar's PRODID must be ProdID; VTIMEZONEs are dropped (they are
//     generated anew) and so are other components;
//   - a VEVENT is kept when its UID has the form of ours (see plainUID) and
//     it has a readable DTSTART; only the properties sessionEvent writes are
//     kept (each once, but CATEGORIES), with only TZID and VALUE parameters;
//     nested components (VALARM…) are dropped;
//   - whatever cannot be read is an Error diagnostic: the rest of the file
//     is still read, so that the history it holds is kept where it can be.

// Limits bound what reading a previous calendar may cost.
type Limits struct {
	MaxBytes  int64         // the whole stream; more is an error, and the rest is not read
	MaxLine   int           // octets of one unfolded content line
	MaxParams int           // parameters of one property
	MaxEvents int           // VEVENTs kept
	Budget    time.Duration // wall-clock time for the whole read
}

// DefaultLimits fit a site with a hundred thousand sessions (a calendar of
// about 100 MB would be needed to hold more) while keeping a hostile file
// well under the memory and time one run may take.
var DefaultLimits = Limits{
	MaxBytes:  32 << 20,
	MaxLine:   256 << 10,
	MaxParams: 16,
	MaxEvents: 100_000,
	Budget:    5 * time.Second,
}

func (l Limits) orDefault() Limits {
	d := DefaultLimits
	if l.MaxBytes <= 0 {
		l.MaxBytes = d.MaxBytes
	}
	if l.MaxLine <= 0 {
		l.MaxLine = d.MaxLine
	}
	if l.MaxParams <= 0 {
		l.MaxParams = d.MaxParams
	}
	if l.MaxEvents <= 0 {
		l.MaxEvents = d.MaxEvents
	}
	if l.Budget <= 0 {
		l.Budget = d.Budget
	}
	return l
}

// Previous is what an earlier run published, as far as it could be read:
// the events this tool wrote, by UID.
type Previous struct {
	events []*event // in the order read
	byUID  map[string]*event

	// Diagnostics tell what could not be read (Error: some history may be
	// lost) and what was left out on purpose (Warning). Their File is the
	// name given to ReadPrevious.
	Diagnostics []diag.Diagnostic
}

// Len is the number of events kept.
func (p *Previous) Len() int {
	if p == nil {
		return 0
	}
	return len(p.events)
}

// UIDs lists the UIDs of the events kept, in the order read.
func (p *Previous) UIDs() []string {
	if p == nil {
		return nil
	}
	uids := make([]string, len(p.events))
	for i, e := range p.events {
		uids[i] = e.uid
	}
	return uids
}

// Merge adds the events of other whose UIDs p does not hold, or holds at a
// lower SEQUENCE (other is a later copy, as a per-session file can be of a
// calendar.ics that was cut short), and its diagnostics.
func (p *Previous) Merge(other *Previous) {
	if other == nil {
		return
	}
	if p.byUID == nil {
		p.byUID = make(map[string]*event)
	}
	for _, e := range other.events {
		old := p.byUID[e.uid]
		switch {
		case old == nil:
			p.events = append(p.events, e)
		case e.seq > old.seq || e.seq == old.seq && old.partial && !e.partial:
			for i := range p.events {
				if p.events[i] == old {
					p.events[i] = e
				}
			}
		default:
			continue
		}
		p.byUID[e.uid] = e
	}
	p.Diagnostics = append(p.Diagnostics, other.Diagnostics...)
}

// Errors is the number of Error diagnostics: parts of the history that
// could not be read.
func (p *Previous) Errors() int {
	if p == nil {
		return 0
	}
	return diag.Errors(p.Diagnostics)
}

// ErrLimit is wrapped by the diagnostics of a calendar that went past its
// Limits.
var ErrLimit = errors.New("limit exceeded")

// ReadPrevious reads a calendar this tool wrote, from r, within lim (zero
// fields take DefaultLimits'). name is the file's name in diagnostics. It
// never fails as a whole: what it could read is in the result, and what it
// could not is in its Diagnostics.
func ReadPrevious(r io.Reader, name string, lim Limits) *Previous {
	lim = lim.orDefault()
	s := &scanner{
		name:     name,
		lim:      lim,
		deadline: time.Now().Add(lim.Budget),
		r:        bufio.NewReaderSize(io.LimitReader(r, lim.MaxBytes+1), 64<<10),
		prev:     &Previous{byUID: make(map[string]*event)},
		zones:    make(map[string]*time.Location),
	}
	s.read()
	return s.prev
}

// scanner is the state of one ReadPrevious.
type scanner struct {
	name     string
	lim      Limits
	deadline time.Time
	r        *bufio.Reader
	read_    int64 // octets read
	lineNo   int   // physical line of the last line read
	pending  []byte
	pendNo   int
	eof      bool
	stop     bool // a limit was hit: read no further
	prev     *Previous
	zones    map[string]*time.Location
	params   map[paramsKey]map[string][]string // the events' parameters, shared (share)

	dropped    map[string]int // what was left out on purpose, counted: "X-FOO property" → n
	lineErrors int            // lines that could not be read
	foreign    int            // VEVENTs whose UID is not of our form
}

func (s *scanner) errorf(line int, format string, args ...any) {
	s.prev.Diagnostics = append(s.prev.Diagnostics, diag.Errorf(s.name, line, format, args...))
}

// maxLineErrors is how many unreadable lines are reported one by one; the
// rest are counted.
const maxLineErrors = 10

func (s *scanner) lineError(line int, format string, args ...any) {
	s.lineErrors++
	if s.lineErrors <= maxLineErrors {
		s.errorf(line, format, args...)
	}
}

func (s *scanner) warnf(line int, format string, args ...any) {
	s.prev.Diagnostics = append(s.prev.Diagnostics, diag.Warnf(s.name, line, format, args...))
}

func (s *scanner) drop(what string) {
	if s.dropped == nil {
		s.dropped = make(map[string]int)
	}
	s.dropped[what]++
}

// physical reads one physical line without its line end; ok is false at the
// end of the input (or of what the limits let be read).
func (s *scanner) physical() (line []byte, ok bool) {
	if s.eof || s.stop {
		return nil, false
	}
	var buf []byte
	for {
		chunk, err := s.r.ReadSlice('\n')
		s.read_ += int64(len(chunk))
		if s.read_ > s.lim.MaxBytes {
			s.errorf(s.lineNo+1, "larger than %d MB: %v; the rest of the file is not read", s.lim.MaxBytes>>20, ErrLimit)
			s.stop = true
			return nil, false
		}
		if len(buf)+len(chunk) <= s.lim.MaxLine+2 {
			buf = append(buf, chunk...)
		} else if buf == nil || len(buf) <= s.lim.MaxLine+2 {
			buf = append(buf, chunk[:min(len(chunk), s.lim.MaxLine+3-len(buf))]...)
		}
		switch {
		case err == bufio.ErrBufferFull:
			continue
		case err == io.EOF:
			s.eof = true
			if len(buf) == 0 {
				return nil, false
			}
		case err != nil:
			s.errorf(s.lineNo+1, "cannot read further: %v", err)
			s.stop = true
			return nil, false
		}
		s.lineNo++
		if s.lineNo%1024 == 0 && time.Now().After(s.deadline) {
			s.errorf(s.lineNo, "reading took longer than %v: %v; the rest of the file is not read", s.lim.Budget, ErrLimit)
			s.stop = true
			return nil, false
		}
		buf = bytes.TrimSuffix(buf, []byte("\n"))
		return bytes.TrimSuffix(buf, []byte("\r")), true
	}
}

// contentLine reads the next unfolded content line and the number of its
// first physical line. Blank lines are skipped. A line longer than
// MaxLine comes back as nil with tooLong set.
func (s *scanner) contentLine() (line []byte, no int, tooLong, ok bool) {
	for {
		var first []byte
		if s.pending != nil {
			first, no = s.pending, s.pendNo
			s.pending = nil
		} else {
			l, ok := s.physical()
			if !ok {
				return nil, 0, false, false
			}
			first, no = l, s.lineNo
		}
		if len(bytes.TrimSpace(first)) == 0 {
			continue
		}
		line = append([]byte(nil), first...)
		for {
			next, ok := s.physical()
			if !ok {
				break
			}
			if len(next) > 0 && (next[0] == ' ' || next[0] == '\t') {
				if len(line) <= s.lim.MaxLine {
					line = append(line, next[1:]...)
				}
				continue
			}
			s.pending, s.pendNo = append([]byte(nil), next...), s.lineNo
			break
		}
		if len(line) > s.lim.MaxLine {
			return nil, no, true, true
		}
		return line, no, false, true
	}
}

// property is one content line, split.
type property struct {
	name   string // upper case
	params map[string][]string
	value  string
	line   int
}

// parseLine splits a content line (RFC 5545 §3.1): name, parameters
// (quoted values may hold ":", ";" and ","), value.
func parseLine(line []byte, maxParams int) (property, error) {
	var p property
	i := 0
	for i < len(line) && (isAlnum(line[i]) || line[i] == '-') {
		i++
	}
	if i == 0 {
		return p, errors.New("not a content line")
	}
	p.name = strings.ToUpper(string(line[:i]))
	for i < len(line) && line[i] == ';' {
		i++
		j := i
		for i < len(line) && (isAlnum(line[i]) || line[i] == '-') {
			i++
		}
		if i == j || i >= len(line) || line[i] != '=' {
			return p, errors.New("a parameter without a name or \"=\"")
		}
		key := strings.ToUpper(string(line[j:i]))
		i++
		var values []string
		for {
			if i < len(line) && line[i] == '"' {
				k := bytes.IndexByte(line[i+1:], '"')
				if k < 0 {
					return p, errors.New("an unclosed quote in a parameter")
				}
				values = append(values, string(line[i+1:i+1+k]))
				i += k + 2
			} else {
				j := i
				for i < len(line) && line[i] != ';' && line[i] != ':' && line[i] != ',' && line[i] != '"' {
					i++
				}
				values = append(values, string(line[j:i]))
			}
			if i < len(line) && line[i] == ',' {
				i++
				continue
			}
			break
		}
		if p.params == nil {
			p.params = make(map[string][]string)
		}
		if len(p.params) >= maxParams {
			return p, fmt.Errorf("more than %d parameters: %w", maxParams, ErrLimit)
		}
		if _, dup := p.params[key]; dup {
			return p, fmt.Errorf("parameter %s given twice", key)
		}
		p.params[key] = values
	}
	if i >= len(line) || line[i] != ':' {
		return p, errors.New(`no ":" before the value`)
	}
	p.value = string(line[i+1:])
	return p, nil
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// eventProperties are the properties sessionEvent writes, and whether one
// may appear more than once.
var eventProperties = map[string]bool{
	"UID": false, "DTSTAMP": false, "LAST-MODIFIED": false, "SEQUENCE": false,
	"DTSTART": false, "DTEND": false, "STATUS": false, "SUMMARY": false,
	"DESCRIPTION": false, "LOCATION": false, "URL": false, "CATEGORIES": true,
}

// read scans the whole stream.
func (s *scanner) read() {
	// A byte-order mark (an editor's doing) is no reason to lose the history.
	if b, err := s.r.Peek(3); err == nil && string(b) == "\ufeff" {
		s.r.Discard(3)
	}
	state := "start" // start, calendar, event, skip, end
	var ev *rawEvent
	var skip []string // names of the components being skipped, innermost last
	prodID := ""
	sawAny := false
	for {
		line, no, tooLong, ok := s.contentLine()
		if !ok {
			break
		}
		sawAny = true
		if tooLong {
			s.lineError(no, "a line longer than %d octets: %v", s.lim.MaxLine, ErrLimit)
			if ev != nil {
				ev.broken = true
			}
			continue
		}
		p, err := parseLine(line, s.lim.MaxParams)
		if err != nil && state == "start" {
			s.errorf(no, "not an iCalendar file: it does not start with BEGIN:VCALENDAR")
			return
		}
		if err != nil {
			s.lineError(no, "cannot read line %q: %v", clip(line), err)
			if ev != nil {
				ev.broken = true
			}
			continue
		}
		p.line = no
		begin, end := p.name == "BEGIN", p.name == "END"
		comp := strings.ToUpper(strings.TrimSpace(p.value))
		switch state {
		case "start":
			if begin && comp == "VCALENDAR" {
				state = "calendar"
				continue
			}
			s.errorf(no, "not an iCalendar file: it does not start with BEGIN:VCALENDAR")
			return
		case "end":
			s.errorf(no, "text after END:VCALENDAR; ignored")
			return
		case "skip":
			switch {
			case begin:
				if len(skip) >= 8 {
					s.errorf(no, "components nested deeper than 8: %v; the rest of the file is not read", ErrLimit)
					return
				}
				skip = append(skip, comp)
			case end && comp == skip[len(skip)-1]:
				skip = skip[:len(skip)-1]
				if len(skip) == 0 {
					state = "calendar"
					if ev != nil {
						state = "event"
					}
				}
			case end && comp == "VCALENDAR", begin && comp == "VEVENT" && ev == nil:
				s.errorf(no, "%s inside an unclosed %s", line, skip[len(skip)-1])
				skip = nil
				state = "calendar"
				if ev != nil {
					ev.broken = true
					s.finish(ev)
					ev = nil
				}
				if end {
					state = "end"
				}
			}
		case "calendar":
			switch {
			case begin && comp == "VEVENT" && prodID == "":
				s.errorf(no, "no PRODID before the first event: this calendar was not written by sessionfeed, and nothing is taken from it")
				return
			case begin && comp == "VEVENT":
				ev = &rawEvent{line: no}
				state = "event"
			case begin:
				if comp != "VTIMEZONE" {
					s.drop(comp + " component")
				}
				skip = []string{comp}
				state = "skip"
			case end && comp == "VCALENDAR":
				state = "end"
			case end:
				s.errorf(no, "END:%s without its BEGIN", comp)
			case p.name == "PRODID":
				prodID = p.value
				if prodID != ProdID {
					s.errorf(no, "PRODID %q is not sessionfeed's (%s): this calendar was not written by sessionfeed, and nothing is taken from it", clip([]byte(prodID)), ProdID)
					return
				}
			}
		case "event":
			switch {
			case end && comp == "VEVENT":
				s.finish(ev)
				ev = nil
				state = "calendar"
			case begin && comp == "VEVENT":
				s.errorf(no, "BEGIN:VEVENT inside the event that begins on line %d", ev.line)
				ev.broken = true
				s.finish(ev)
				ev = &rawEvent{line: no}
			case end && comp == "VCALENDAR":
				s.errorf(no, "the event that begins on line %d has no END:VEVENT", ev.line)
				ev.broken = true
				s.finish(ev)
				ev = nil
				state = "end"
			case begin:
				s.drop(comp + " component")
				skip = []string{comp}
				state = "skip"
			case end:
				s.errorf(no, "END:%s inside an event", comp)
				ev.broken = true
			default:
				ev.add(s, p)
			}
		}
		if s.stop {
			break
		}
	}
	switch {
	case !sawAny && !s.stop:
		// An empty file: a first run, or nothing was ever written.
	case state == "start" && !s.stop:
		s.errorf(0, "not an iCalendar file: it does not start with BEGIN:VCALENDAR")
	case state != "end" && !s.stop:
		if ev != nil {
			// Its last line may have been cut in the middle of its value.
			ev.props = ev.props[:max(0, len(ev.props)-1)]
			ev.broken = true
			s.finish(ev)
		}
		s.errorf(s.lineNo, "cut short: no END:VCALENDAR (a full disk, or an interrupted copy?)")
	}
	if n := s.lineErrors - maxLineErrors; n > 0 {
		s.errorf(0, "%d more lines could not be read", n)
	}
	if s.foreign > 0 {
		s.warnf(0, "%d events whose UIDs sessionfeed did not make were left out", s.foreign)
	}
	for what, n := range s.dropped {
		s.warnf(0, "left out %d× %s that sessionfeed does not write", n, what)
	}
	diag.Sort(s.prev.Diagnostics)
}

// rawEvent is a VEVENT as read, before it is checked.
type rawEvent struct {
	line   int
	props  []property
	seen   map[string]bool
	broken bool // something in it could not be read
}

func (ev *rawEvent) add(s *scanner, p property) {
	multi, known := eventProperties[p.name]
	if !known {
		s.drop(p.name + " property")
		return
	}
	if ev.seen == nil {
		ev.seen = make(map[string]bool)
	}
	if ev.seen[p.name] && !multi {
		s.errorf(p.line, "%s given twice in the event that begins on line %d; the first is kept", p.name, ev.line)
		return
	}
	ev.seen[p.name] = true
	for k := range p.params {
		if k != "TZID" && k != "VALUE" || len(p.params[k]) != 1 {
			s.drop("parameter " + k)
			delete(p.params, k)
		}
	}
	p.params = s.share(p.params)
	ev.props = append(ev.props, p)
}

// paramsKey tells apart the parameters an event's property may keep: TZID
// and VALUE, one value each.
type paramsKey struct {
	tzid, value       string
	hasTZID, hasValue bool
}

// share returns a map equal to params, which holds only TZID and VALUE,
// one value each (rawEvent.add): the same map for all the lines with the
// same parameters, as most DTSTARTs and DTENDs of a calendar are (a map
// each was 25 MB at 35,000 events). Parameter maps are never changed in
// place once read.
func (s *scanner) share(params map[string][]string) map[string][]string {
	if len(params) == 0 {
		return params
	}
	var k paramsKey
	if v, ok := params["TZID"]; ok {
		k.tzid, k.hasTZID = v[0], true
	}
	if v, ok := params["VALUE"]; ok {
		k.value, k.hasValue = v[0], true
	}
	if shared, ok := s.params[k]; ok {
		return shared
	}
	if s.params == nil {
		s.params = make(map[paramsKey]map[string][]string)
	}
	s.params[k] = params
	return params
}

// finish checks ev and keeps it when it is one of ours.
func (s *scanner) finish(ev *rawEvent) {
	e, err := s.check(ev)
	if err != nil {
		if errors.Is(err, errForeign) && !ev.broken {
			s.foreign++
			return
		}
		s.errorf(ev.line, "event: %v; left out", err)
		return
	}
	if old := s.prev.byUID[e.uid]; old != nil {
		s.errorf(ev.line, "UID %q seen before (line %d); the first is kept", e.uid, old.line)
		return
	}
	if len(s.prev.events) >= s.lim.MaxEvents {
		s.errorf(ev.line, "more than %d events: %v; the rest of the file is not read", s.lim.MaxEvents, ErrLimit)
		s.stop = true
		return
	}
	s.prev.byUID[e.uid] = e
	s.prev.events = append(s.prev.events, e)
}

var errForeign = errors.New("not one of ours")

// check turns a VEVENT as read into our model, in wire form: values are
// kept as written, so that an event carried over is written byte for byte
// as before.
func (s *scanner) check(ev *rawEvent) (*event, error) {
	e := &event{line: ev.line, partial: ev.broken}
	get := func(name string) *property {
		for i := range ev.props {
			if ev.props[i].name == name {
				return &ev.props[i]
			}
		}
		return nil
	}
	if p := get("UID"); p != nil {
		e.uid = p.value
	}
	if !ourUID(e.uid) {
		return nil, errForeign
	}
	start, err := s.time(get("DTSTART"), e)
	if err != nil {
		return nil, fmt.Errorf("UID %s: DTSTART: %w", e.uid, err)
	}
	e.start, e.last = start, start
	if p := get("DTEND"); p != nil {
		end, err := s.time(p, e)
		if err != nil {
			return nil, fmt.Errorf("UID %s: DTEND: %w", e.uid, err)
		}
		if end.After(start) {
			e.last = end
		}
	}
	if !inRange(e.start) || !inRange(e.last) {
		return nil, fmt.Errorf("UID %s: dated outside the years %d-%d", e.uid, minYear, maxYear)
	}
	if p := get("SEQUENCE"); p != nil {
		n, err := strconv.Atoi(strings.TrimSpace(p.value))
		if err != nil || n < 0 || n > 1<<30 {
			return nil, fmt.Errorf("UID %s: SEQUENCE %q is not a sequence number", e.uid, clip([]byte(p.value)))
		}
		e.seq = n
	}
	for _, name := range []string{"LAST-MODIFIED", "DTSTAMP"} {
		if p := get(name); p != nil {
			if t, err := time.Parse(utcFormat, strings.TrimSpace(p.value)); err == nil {
				e.lastMod = t
				break
			}
		}
	}
	if p := get("STATUS"); p != nil {
		e.cancelled = strings.EqualFold(strings.TrimSpace(p.value), string(ics.ObjectStatusCancelled))
	}
	if p := get("URL"); p != nil {
		e.url = p.value
	}
	if p := get("SUMMARY"); p != nil {
		e.summary = p.value
	}
	ve := &ics.VEvent{}
	ve.Properties = make([]ics.IANAProperty, 0, len(ev.props))
	for _, p := range ev.props {
		ve.Properties = append(ve.Properties, ics.IANAProperty{BaseProperty: ics.BaseProperty{
			IANAToken: p.name, ICalParameters: p.params, Value: p.value,
		}})
	}
	e.vevent = ve
	return e, nil
}

// ourUID reports whether uid has the form of the UIDs sessionEvents makes:
// <start>[-<slug>]-<hash>[.N]@<host>, with <start> a date or a UTC
// date-time, or uid-<slug>-<hash>[.N]@<host> for a session's explicit uid.
func ourUID(uid string) bool {
	if !plainUID(uid) {
		return false
	}
	local, host, ok := strings.Cut(uid, "@")
	if !ok || host == "" {
		return false
	}
	if i := strings.LastIndexByte(local, '.'); i >= 0 {
		if n, err := strconv.Atoi(local[i+1:]); err != nil || n < 2 {
			return false
		}
		local = local[:i]
	}
	first, rest, ok := strings.Cut(local, "-")
	if !ok {
		return false
	}
	if first+"-" != explicitPrefix {
		if _, err := time.Parse(utcFormat, first); err != nil {
			if _, err := time.Parse(dateFormat, first); err != nil {
				return false
			}
		}
	}
	hash := rest[strings.LastIndexByte(rest, '-')+1:]
	if len(hash) != 8 {
		return false
	}
	for i := 0; i < len(hash); i++ {
		if !(hash[i] >= '0' && hash[i] <= '9' || hash[i] >= 'a' && hash[i] <= 'f') {
			return false
		}
	}
	return true
}

// time reads a DATE or DATE-TIME value: UTC, local with TZID, or floating
// (read as UTC, which is good enough to order and expire it). The zone of a
// TZID is noted in e's zones: the new calendar must define it.
func (s *scanner) time(p *property, e *event) (time.Time, error) {
	if p == nil {
		return time.Time{}, errors.New("missing")
	}
	v := strings.TrimSpace(p.value)
	value, tzid := first(p.params["VALUE"]), first(p.params["TZID"])
	switch {
	case strings.EqualFold(value, "DATE") || len(v) == len(dateFormat):
		if tzid != "" {
			return time.Time{}, errors.New("a date with a TZID")
		}
		return time.Parse(dateFormat, v)
	case strings.HasSuffix(v, "Z"):
		if tzid != "" {
			return time.Time{}, errors.New("a UTC time with a TZID")
		}
		return time.Parse(utcFormat, v)
	}
	loc := time.UTC
	if tzid != "" {
		l, seen := s.zones[tzid]
		if !seen {
			l, _ = tzdb.Load(tzid)
			s.zones[tzid] = l
		}
		if l == nil {
			return time.Time{}, fmt.Errorf("TZID %q is not in the tz database", clip([]byte(tzid)))
		}
		loc = l
		e.useZone(tzid, l)
	}
	return time.ParseInLocation(localFormat, v, loc)
}

func first(vs []string) string {
	if len(vs) == 0 {
		return ""
	}
	return vs[0]
}

// clip shortens b for a message.
func clip(b []byte) string {
	const max = 60
	s := strings.ToValidUTF8(string(b[:min(len(b), max+4)]), "?")
	if len(b) > max {
		s = s[:min(len(s), max)] + "…"
	}
	return s
}
