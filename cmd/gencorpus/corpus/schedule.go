package corpus

import (
	"fmt"
	"strings"
	"time"
)

// zoneNames is a zone and the ways authors write it.
type zoneNames struct {
	loc      *time.Location
	regional []string // names that hold all year: "ET", "Berlin time", "Europe/Berlin"
	std, dst string   // the season's abbreviations ("EST", "EDT"); "" when the zone has none
}

// name is how an author writes the zone for an instant t: a name that holds
// all year, or the abbreviation of t's season.
func (z *zoneNames) name(g *generator, t time.Time) string {
	if z.std != "" && g.chance(0.4) {
		if t.IsDST() {
			return z.dst
		}
		return z.std
	}
	return pick(g, z.regional)
}

// sessionZones are the zones sessions are scheduled in.
var sessionZones = []struct {
	iana     string
	regional []string
	std, dst string
}{
	{"America/New_York", []string{"ET", "ET", "Eastern time", "US Eastern", "America/New_York"}, "EST", "EDT"},
	{"America/Los_Angeles", []string{"PT", "PT", "Pacific time", "US Pacific", "America/Los_Angeles"}, "PST", "PDT"},
	{"America/Chicago", []string{"CT", "US Central", "America/Chicago"}, "CST", "CDT"},
	{"Europe/Berlin", []string{"Berlin time", "Europe/Berlin", "Central European time"}, "CET", "CEST"},
	{"Europe/London", []string{"UK time", "London time", "Europe/London"}, "GMT", "BST"},
	{"UTC", []string{"UTC", "UTC", "GMT"}, "", ""},
	{"Asia/Tokyo", []string{"JST", "Japan time", "Asia/Tokyo"}, "", ""},
	{"Australia/Sydney", []string{"AET", "Sydney time", "Australia/Sydney"}, "AEST", "AEDT"},
	{"Asia/Kolkata", []string{"IST", "India time", "Asia/Kolkata"}, "", ""},
}

// zoneTable loads sessionZones, plus the zones the site's [zones] table
// adds (the Zola site's "HQ").
func zoneTable(st *style) []*zoneNames {
	var zs []*zoneNames
	for _, z := range sessionZones {
		zs = append(zs, &zoneNames{loc: mustLoad(z.iana), regional: z.regional, std: z.std, dst: z.dst})
	}
	if st.name == Zola {
		zs = append(zs, &zoneNames{loc: mustLoad("Europe/Amsterdam"), regional: []string{"HQ"}})
	}
	return zs
}

// scheduleForm decides whether a post announces sessions, and how.
func (g *generator) scheduleForm() string {
	if !g.chance(1.0 / 3) {
		return ""
	}
	return pick(g, []string{FormTable, FormTable, FormDateTime, FormList, FormProseHours, FormFrontMatter})
}

// writtenSession is a session as the post writes it.
type writtenSession struct {
	when  string // the time expression (the date alone in a date column)
	clock string // the Time column of a date-time table, the end of a front matter entry
	topic string
	host  string
	link  string // a converter link on the time, "" for none
}

// sessions picks the sessions of d's schedule and how each is written.
func (g *generator) sessions(d *draft) {
	if d.form == "" {
		return
	}
	z := g.zoneFor(d)
	d.zone = z
	// The day relative dates count from: the post's day as written, or
	// its day in the sessions' zone when that is later.
	day := civil(d.date)
	if local := civil(d.date.In(z.loc)); local.After(day) {
		day = local
	}
	postDay := day

	n := g.between(1, 4)
	if d.form == FormProseHours {
		n = g.between(2, 5)
	}
	weekly := g.chance(0.5)
	hour, minute := g.between(7, 19), 0
	if g.chance(0.2) {
		minute = 30
	}
	length := DefaultDuration
	explicit := g.chance(0.4) // the end is written
	if explicit || d.form == FormProseHours {
		length = pick(g, []time.Duration{30 * time.Minute, 90 * time.Minute, 2 * time.Hour, time.Hour})
	}
	if d.form == FormProseHours && length == DefaultDuration && !explicit {
		explicit = true
	}
	day = day.AddDate(0, 0, g.between(1, 6))
	for range n {
		if !weekly && d.form != FormProseHours && g.chance(0.3) {
			hour = g.between(7, 19) // not every session at the same hour
		}
		start := time.Date(day.Year(), day.Month(), day.Day(), hour, minute, 0, 0, z.loc)
		s := Session{Start: start, End: start.Add(length), Topic: g.topic(), Host: pick(g, hosts)}
		d.sessions = append(d.sessions, s)
		offset := int(day.Sub(postDay).Hours()/24 + 0.5)
		d.written = append(d.written, g.writeSession(d, s, explicit, offset >= 1 && offset <= 6))
		if weekly {
			day = day.AddDate(0, 0, 7)
		} else {
			day = day.AddDate(0, 0, g.between(1, 7))
		}
	}
}

// zoneFor picks the zone of a post's sessions: a quarter of the schedules
// in a zone whose clocks change within the four weeks after the post.
func (g *generator) zoneFor(d *draft) *zoneNames {
	if g.chance(0.25) {
		from := civil(d.date)
		for _, i := range g.r.Perm(len(g.zones)) {
			z := g.zones[i]
			a := time.Date(from.Year(), from.Month(), from.Day()+1, 12, 0, 0, 0, z.loc)
			b := time.Date(from.Year(), from.Month(), from.Day()+28, 12, 0, 0, 0, z.loc)
			_, oa := a.Zone()
			_, ob := b.Zone()
			if oa != ob {
				return z
			}
		}
	}
	return pick(g, g.zones)
}

// civil is t's calendar day, as a UTC midnight (for day arithmetic).
func civil(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// writeSession writes a session's time the way the post's form does.
// weekday tells whether a weekday alone names its day unambiguously (it is
// 1 to 6 days after the post's day).
func (g *generator) writeSession(d *draft, s Session, explicitEnd, weekday bool) writtenSession {
	w := writtenSession{topic: s.Topic, host: s.Host}
	z := d.zone
	switch d.form {
	case FormTable, FormList:
		w.when = g.dateText(s.Start, weekday) + pick(g, []string{" at ", ", ", " "}) +
			g.clockText(s, explicitEnd) + " " + z.name(g, s.Start)
		if d.form == FormTable && g.chance(0.6) {
			w.link = fmt.Sprintf("https://everytimezone.com/s/%08x", g.r.Uint32())
		}
	case FormDateTime:
		w.when = g.dateText(s.Start, false)
		w.clock = g.clockText(s, explicitEnd)
	case FormProseHours:
		w.when = g.dateText(s.Start, false)
	case FormFrontMatter:
		w.when, w.clock = g.frontMatterTimes(d, s, explicitEnd)
	}
	return w
}

// dateText writes a day: a weekday alone when allowed, else a month and
// day in one of the shapes people write.
func (g *generator) dateText(t time.Time, weekday bool) string {
	wd := t.Weekday().String()
	if weekday && g.chance(0.5) {
		return pick(g, []string{wd[:3], wd, wd[:3] + "."})
	}
	month, day := t.Month().String(), t.Day()
	var s string
	switch g.intn(6) {
	case 0:
		s = fmt.Sprintf("%s %s", month, ordinal(day))
	case 1:
		s = fmt.Sprintf("%s %d", month[:3], day)
	case 2:
		s = fmt.Sprintf("%d %s", day, month)
	case 3:
		s = fmt.Sprintf("%s, %s %d", wd, month, day)
	case 4:
		return t.Format("2006-01-02")
	default:
		return fmt.Sprintf("%s %d, %d", month, day, t.Year())
	}
	if g.chance(0.2) {
		s += fmt.Sprintf(", %d", t.Year())
	}
	return s
}

func ordinal(n int) string {
	suffix := "th"
	switch {
	case n%100 >= 11 && n%100 <= 13:
	case n%10 == 1:
		suffix = "st"
	case n%10 == 2:
		suffix = "nd"
	case n%10 == 3:
		suffix = "rd"
	}
	return fmt.Sprint(n, suffix)
}

// clockText writes a session's time of day, or its range when the end is
// written.
func (g *generator) clockText(s Session, explicitEnd bool) string {
	if !explicitEnd {
		if s.Start.Hour() == 12 && s.Start.Minute() == 0 && g.chance(0.5) {
			return "noon"
		}
		if g.chance(0.5) {
			return s.Start.Format("15:04")
		}
		return twelveHour(s.Start, g.chance(0.3))
	}
	switch g.intn(3) {
	case 0:
		return s.Start.Format("15:04") + "-" + s.End.Format("15:04")
	case 1:
		return s.Start.Format("15:04") + "–" + s.End.Format("15:04")
	default:
		return twelveHour(s.Start, false) + " to " + twelveHour(s.End, false)
	}
}

// twelveHour writes "7am", "7:30pm" or, with space, "7:30 pm".
func twelveHour(t time.Time, space bool) string {
	h, suffix := t.Hour()%12, "am"
	if h == 0 {
		h = 12
	}
	if t.Hour() >= 12 {
		suffix = "pm"
	}
	if space {
		suffix = " " + suffix
	}
	if t.Minute() != 0 {
		return fmt.Sprintf("%d:%02d%s", h, t.Minute(), suffix)
	}
	return fmt.Sprintf("%d%s", h, suffix)
}

// frontMatterTimes writes a sessions-array entry's start and its end or
// duration (clock holds "end=…" or "duration=…", or nothing for the
// default length). Values meant as TOML datetimes are bare; others are text.
func (g *generator) frontMatterTimes(d *draft, s Session, explicitEnd bool) (start, end string) {
	switch {
	case g.style.name == Zola && g.chance(0.5):
		if s.Start.Location().String() == g.loc.String() && g.chance(0.5) {
			start = "=" + s.Start.Format("2006-01-02T15:04:05") // local: the site's zone
		} else {
			start = "=" + s.Start.Format(time.RFC3339)
		}
	case g.chance(0.4):
		start = s.Start.Format(time.RFC3339)
	case g.chance(0.5):
		start = s.Start.Format("2006-01-02 15:04 ") + s.Start.Location().String()
	default:
		start = fmt.Sprintf("%s %d, %d at %s %s", s.Start.Month(), s.Start.Day(), s.Start.Year(),
			twelveHour(s.Start, false), d.zone.name(g, s.Start))
	}
	if !explicitEnd {
		return start, ""
	}
	switch {
	case strings.HasPrefix(start, "=") && g.chance(0.5):
		return start, "end=" + s.End.In(s.Start.Location()).Format("2006-01-02T15:04:05Z07:00")
	case g.chance(0.5):
		return start, "duration=" + shortDuration(s.End.Sub(s.Start))
	default:
		// The end's date and time, read in the start's zone. (A time alone,
		// end = "08:30", is what posts documents, but posts.Load rejects it:
		// "no date given".)
		return start, "end=" + s.End.Format("2006-01-02 15:04")
	}
}

// shortDuration writes "90m", "2h", "30m" as authors do.
func shortDuration(d time.Duration) string {
	if d%time.Hour == 0 {
		return fmt.Sprintf("%dh", d/time.Hour)
	}
	return fmt.Sprintf("%dm", d/time.Minute)
}

// scheduleBlock is the Markdown of a body schedule.
func (g *generator) scheduleBlock(d *draft) string {
	var b strings.Builder
	ws := d.written
	switch d.form {
	case FormTable:
		b.WriteString(pick(g, []string{
			"We have scheduled the following sessions:\n\n",
			"If you would like to join, here is the plan:\n\n",
			"The sessions this round:\n\n"}))
		head := pick(g, [][3]string{{"When", "Who", "Topic"}, {"Date and time", "Host", "Meeting topic"}, {"When", "Speaker", "What"}})
		fmt.Fprintf(&b, "| %s | %s | %s |\n|---|---|---|\n", head[0], head[1], head[2])
		var refs []string
		for _, w := range ws {
			when := w.when
			if w.link != "" {
				n := len(refs) + 1
				when = fmt.Sprintf("[%s][%d]", when, n)
				refs = append(refs, fmt.Sprintf("[%d]: %s", n, w.link))
			}
			fmt.Fprintf(&b, "| %s | %s | %s |\n", when, w.host, w.topic)
		}
		if len(refs) > 0 {
			b.WriteString("\n" + strings.Join(refs, "\n") + "\n")
		}
	case FormDateTime:
		fmt.Fprintf(&b, "Talks this month, all times in %s:\n\n", d.zone.regional[0])
		fmt.Fprintf(&b, "| Date | Time (%s) | Speaker | Talk |\n|------|------|---------|------|\n", d.zone.regional[0])
		for _, w := range ws {
			fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", w.when, w.clock, w.host, w.topic)
		}
	case FormList:
		b.WriteString(pick(g, []string{"Upcoming sessions:\n\n", "Mark your calendars:\n\n"}))
		bullet := pick(g, []string{"-", "*"})
		for _, w := range ws {
			switch g.intn(3) {
			case 0:
				fmt.Fprintf(&b, "%s %s: %s\n", bullet, w.when, w.topic)
			case 1:
				fmt.Fprintf(&b, "%s **%s**: %s, with %s\n", bullet, w.when, w.topic, w.host)
			default:
				fmt.Fprintf(&b, "%s %s — %s (hosted by %s)\n", bullet, w.when, w.topic, w.host)
			}
		}
	case FormProseHours:
		s := d.sessions[0]
		zone := pick(g, d.zone.regional)
		switch g.intn(3) {
		case 0:
			fmt.Fprintf(&b, "Each meeting will run from %s to %s %s.", twelveHour(s.Start, false), twelveHour(s.End, false), zone)
		case 1:
			fmt.Fprintf(&b, "All sessions start at %s %s and last %d minutes.", twelveHour(s.Start, false), zone, int(s.End.Sub(s.Start).Minutes()))
		default:
			fmt.Fprintf(&b, "Sessions run %s–%s %s.", s.Start.Format("15:04"), s.End.Format("15:04"), zone)
		}
		b.WriteString(" Everyone is welcome, and no preparation is needed.\n\n")
		b.WriteString("| Date | Topic | Host |\n|------|-------|------|\n")
		for _, w := range ws {
			fmt.Fprintf(&b, "| %s | %s | %s |\n", w.when, w.topic, w.host)
		}
	}
	return b.String()
}

// frontMatterSessions writes the sessions array: YAML for Hugo and Jekyll,
// TOML for Zola.
func (g *generator) frontMatterSessions(d *draft) string {
	var b strings.Builder
	if g.style.name == Zola {
		for _, w := range d.written {
			b.WriteString("\n[[sessions]]\n")
			if v, ok := strings.CutPrefix(w.when, "="); ok {
				fmt.Fprintf(&b, "start = %s\n", v)
			} else {
				fmt.Fprintf(&b, "start = %s\n", quote(w.when))
			}
			if key, v, ok := strings.Cut(w.clock, "="); ok {
				if key == "end" && strings.Contains(v, "T") {
					fmt.Fprintf(&b, "end = %s\n", v)
				} else {
					fmt.Fprintf(&b, "%s = %s\n", key, quote(v))
				}
			}
			fmt.Fprintf(&b, "topic = %s\nhost = %s\nlocation = \"Zoom\"\n", quote(w.topic), quote(w.host))
		}
		return b.String()
	}
	b.WriteString("sessions:\n")
	for _, w := range d.written {
		start := strings.TrimPrefix(w.when, "=")
		if !strings.Contains(start, " ") && g.chance(0.5) {
			fmt.Fprintf(&b, "  - start: %s\n", start) // a bare RFC 3339 timestamp
		} else {
			fmt.Fprintf(&b, "  - start: %s\n", quote(start))
		}
		if key, v, ok := strings.Cut(w.clock, "="); ok {
			fmt.Fprintf(&b, "    %s: %s\n", key, quote(v))
		}
		fmt.Fprintf(&b, "    topic: %s\n    host: %s\n", quote(w.topic), quote(w.host))
	}
	return b.String()
}
