package ical

import (
	ics "github.com/arran4/golang-ical"
)

// addLinks writes where the calendar is published (SOURCE), the site
// (URL) and its Atom feed (LINK), each a URI value (RFC 7986 §5.7 and
// §5.8, RFC 9253 §6.2), when Options gives them.
func (b *builder) addLinks(cal *ics.Calendar) {
	add := func(name, value string, params map[string][]string) {
		if value == "" {
			return
		}
		ps := map[string][]string{"VALUE": {"URI"}}
		for k, v := range params {
			ps[k] = v
		}
		cal.CalendarProperties = append(cal.CalendarProperties, ics.CalendarProperty{BaseProperty: ics.BaseProperty{
			IANAToken: name, ICalParameters: ps, Value: value,
		}})
	}
	add("SOURCE", b.opts.Source, nil)
	add("URL", b.opts.URL, nil)
	add("LINK", b.opts.FeedURL, map[string][]string{"LINKREL": {"related"}, "FMTTYPE": {"application/atom+xml"}})
}
