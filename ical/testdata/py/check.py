"""Reads a calendar with Python's icalendar and prints, as JSON, each event's
start and end.

icalendar would resolve an IANA TZID through pytz's own database; to check
the calendar's VTIMEZONEs instead, each is turned into a tzinfo with
icalendar's Timezone.to_tz(), and zoned times are localized with it.
"""
import json
import sys
from datetime import datetime

import icalendar

with open(sys.argv[1], "rb") as f:
    cal = icalendar.Calendar.from_ical(f.read())

zones = {str(vtz["TZID"]): vtz.to_tz() for vtz in cal.walk("VTIMEZONE")}


def when(event, name):
    if name not in event:
        return None
    prop = event[name]
    value = prop.dt
    if not isinstance(value, datetime):
        return {"date": value.strftime("%Y%m%d")}
    tzid = prop.params.get("TZID")
    if tzid:
        local = zones[tzid].localize(value.replace(tzinfo=None))
        return {"unix": int(local.timestamp())}
    if value.tzinfo is None:
        raise ValueError(name + " is floating")
    return {"unix": int(value.timestamp())}


out = []
for event in cal.walk("VEVENT"):
    out.append({
        "uid": str(event["UID"]),
        "summary": str(event.get("SUMMARY", "")),
        "status": str(event.get("STATUS", "")),
        "sequence": int(event.get("SEQUENCE", 0)),
        "start": when(event, "DTSTART"),
        "end": when(event, "DTEND"),
    })
print(json.dumps(out))
