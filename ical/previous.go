package ical

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"
)

// previousCalendar is what the previous run wrote, as far as Calendar needs it.
type previousCalendar struct {
	events []*event // in file order
	byUID  map[string]*event
}

// readPrevious parses the previous calendar with golang-ical. Anything it
// cannot read makes the whole file count as absent, with a warning; an event
// that cannot be carried over (no UID, no readable DTSTART, a TZID the tz
// database does not know, a UID seen before) is left out, with a warning.
func (b *builder) readPrevious(data []byte) previousCalendar {
	prev := previousCalendar{byUID: make(map[string]*event)}
	if len(bytes.TrimSpace(data)) == 0 {
		return prev
	}
	// A byte-order mark (an editor's doing) is no reason to lose the history.
	cal, err := parseCalendar(bytes.TrimPrefix(data, []byte("\ufeff")))
	if err != nil {
		b.warn("the previous calendar cannot be read (%v); written afresh, without its SEQUENCEs and cancellations", err)
		return prev
	}
	for i, c := range cal.Components {
		ve, ok := c.(*ics.VEvent)
		if !ok {
			continue
		}
		e, err := b.previousEvent(ve)
		if err != nil {
			b.warn("previous calendar, event %d: %v; left out", i+1, err)
			continue
		}
		if prev.byUID[e.uid] != nil {
			b.warn("previous calendar, event %d: UID %q seen before; left out", i+1, e.uid)
			continue
		}
		prev.byUID[e.uid] = e
		prev.events = append(prev.events, e)
	}
	return prev
}

// parseCalendar is ics.ParseCalendar, which must not take the run down
// whatever the file holds: a panic in it is an unreadable file.
func parseCalendar(data []byte) (cal *ics.Calendar, err error) {
	defer func() {
		if r := recover(); r != nil {
			cal, err = nil, fmt.Errorf("parser failure: %v", r)
		}
	}()
	cal, err = ics.ParseCalendar(bytes.NewReader(data))
	if err == nil && cal == nil {
		err = errors.New("no calendar")
	}
	return cal, err
}

// previousEvent turns a parsed VEVENT back into our model: values to wire
// form (golang-ical unescapes TEXT values as it parses), and the facts that
// decide what happens to it.
func (b *builder) previousEvent(ve *ics.VEvent) (*event, error) {
	toWireForm(&ve.ComponentBase)
	e := &event{vevent: ve, zones: map[string]*time.Location{}}
	if p := ve.GetProperty(ics.ComponentPropertyUniqueId); p != nil {
		e.uid = unescapeWire(p.Value)
	}
	if strings.TrimSpace(e.uid) == "" {
		return nil, errors.New("no UID")
	}
	if err := b.previousZones(&ve.ComponentBase, e.zones); err != nil {
		return nil, err
	}
	start, err := b.previousTime(ve.GetProperty(ics.ComponentPropertyDtStart))
	if err != nil {
		return nil, fmt.Errorf("DTSTART: %w", err)
	}
	e.start, e.last = start, start
	if p := ve.GetProperty(ics.ComponentPropertyDtEnd); p != nil {
		if end, err := b.previousTime(p); err == nil && end.After(start) {
			e.last = end
		}
	}
	if !inRange(e.start) || !inRange(e.last) {
		return nil, fmt.Errorf("dated outside the years %d-%d", minYear, maxYear)
	}
	if p := ve.GetProperty(ics.ComponentPropertySequence); p != nil {
		n, err := strconv.Atoi(strings.TrimSpace(p.Value))
		if err != nil || n < 0 || n > 1<<30 {
			return nil, fmt.Errorf("SEQUENCE %q is not a sequence number", p.Value)
		}
		e.seq = n
	}
	for _, prop := range []ics.ComponentProperty{ics.ComponentPropertyLastModified, ics.ComponentPropertyDtstamp} {
		if p := ve.GetProperty(prop); p != nil {
			if t, err := time.Parse(utcFormat, strings.TrimSpace(p.Value)); err == nil {
				e.lastMod = t
				break
			}
		}
	}
	if p := ve.GetProperty(ics.ComponentPropertyStatus); p != nil {
		e.cancelled = strings.EqualFold(strings.TrimSpace(p.Value), string(ics.ObjectStatusCancelled))
	}
	return e, nil
}

// toWireForm re-escapes the TEXT values golang-ical unescaped, so that an
// event read back compares equal to the one we would write.
func toWireForm(cb *ics.ComponentBase) {
	for i := range cb.Properties {
		if p := &cb.Properties[i]; p.GetValueType() == ics.ValueDataTypeText {
			p.Value = escapeText(p.Value)
		}
	}
	for _, c := range cb.Components {
		if _, sub := componentName(c); sub != nil {
			toWireForm(sub)
		}
	}
}

// unescapeWire reads a wire-form TEXT value back.
func unescapeWire(s string) string { return ics.FromText(s) }

// param is the first value of p's parameter name, matched regardless of case.
func param(p *ics.IANAProperty, name string) string {
	for k, v := range p.ICalParameters {
		if strings.EqualFold(k, name) && len(v) > 0 {
			return v[0]
		}
	}
	return ""
}

// previousZones collects the zones the TZID parameters of cb name; the new
// calendar must define each.
func (b *builder) previousZones(cb *ics.ComponentBase, zones map[string]*time.Location) error {
	for i := range cb.Properties {
		tzid := param(&cb.Properties[i], "TZID")
		if tzid == "" {
			continue
		}
		loc, err := b.loadZone(tzid)
		if err != nil {
			return err
		}
		zones[tzid] = loc
	}
	for _, c := range cb.Components {
		if _, sub := componentName(c); sub != nil {
			if err := b.previousZones(sub, zones); err != nil {
				return err
			}
		}
	}
	return nil
}

// loadZone is time.LoadLocation for a TZID, a session's or one found in
// the previous calendar, remembered for the rest of the call; "Local" and ""
// name no zone here.
func (b *builder) loadZone(tzid string) (*time.Location, error) {
	loc, seen := b.zones[tzid]
	if !seen {
		if l, err := time.LoadLocation(tzid); err == nil && tzid != "Local" && tzid != "" {
			loc = l
		}
		b.zones[tzid] = loc
	}
	if loc == nil {
		return nil, fmt.Errorf("TZID %q is not in the tz database", tzid)
	}
	return loc, nil
}

// previousTime reads a DATE or DATE-TIME value: UTC, local with TZID, or
// floating (read as UTC, which is good enough to order and expire it).
func (b *builder) previousTime(p *ics.IANAProperty) (time.Time, error) {
	if p == nil {
		return time.Time{}, errors.New("missing")
	}
	v := strings.TrimSpace(p.Value)
	switch {
	case strings.EqualFold(param(p, "VALUE"), "DATE") || len(v) == len(dateFormat):
		return time.Parse(dateFormat, v)
	case strings.HasSuffix(v, "Z"):
		return time.Parse(utcFormat, v)
	}
	loc := time.UTC
	if tzid := param(p, "TZID"); tzid != "" {
		var err error
		if loc, err = b.loadZone(tzid); err != nil {
			return time.Time{}, err
		}
	}
	return time.ParseInLocation(localFormat, v, loc)
}
