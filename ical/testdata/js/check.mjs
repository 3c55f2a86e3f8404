// Reads a calendar with ical.js (Mozilla's parser, the one Thunderbird uses)
// and prints, as JSON, each event's start and end as ical.js computes them.
// Zoned times must resolve through the calendar's own VTIMEZONEs, registered
// with ICAL.TimezoneService here: ical.js ships no zone data of its own, and
// a TZID it cannot resolve would silently become floating time, so that is
// reported as an error instead.
import fs from "node:fs";
import ICAL from "ical.js";

const text = fs.readFileSync(process.argv[2], "utf8");
const root = new ICAL.Component(ICAL.parse(text));

const ours = new Map();
for (const vtz of root.getAllSubcomponents("vtimezone")) {
  const tz = new ICAL.Timezone(vtz);
  ICAL.TimezoneService.register(tz);
  ours.set(tz.tzid, tz);
}

function when(event, name) {
  const prop = event.getFirstProperty(name);
  if (!prop) return null;
  const t = prop.getFirstValue();
  if (t.isDate) return { date: t.toString().replaceAll("-", "") };
  const tzid = prop.getParameter("tzid");
  if (tzid) {
    const zone = t.zone;
    if (!ours.has(tzid) || !zone || zone.tzid !== tzid || !zone.component ||
        zone.component.getFirstPropertyValue("tzid") !== tzid) {
      throw new Error(`${name};TZID=${tzid} did not resolve to the calendar's VTIMEZONE`);
    }
  } else if (t.zone !== ICAL.Timezone.utcTimezone) {
    throw new Error(`${name} is floating`);
  }
  return { unix: t.toUnixTime() };
}

const out = [];
for (const vevent of root.getAllSubcomponents("vevent")) {
  const ev = new ICAL.Event(vevent);
  out.push({
    uid: ev.uid,
    summary: ev.summary,
    status: vevent.getFirstPropertyValue("status"),
    sequence: ev.sequence,
    dtstamp: vevent.getFirstPropertyValue("dtstamp")?.toUnixTime() ?? null,
    start: when(vevent, "dtstart"),
    end: when(vevent, "dtend"),
  });
}
console.log(JSON.stringify(out));
