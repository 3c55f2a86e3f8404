"""Check a sessionfeed build of a gencorpus site against the generator's manifest,
with independent parsers (Debian: python3-feedparser, python3-icalendar):

    go run ./cmd/gencorpus -out /tmp/site -style zola -posts 1000 -manifest /tmp/site.json
    go run ./cmd/sessionfeed build -site /tmp/site
    /usr/bin/python3 cmd/gencorpus/check_site.py /tmp/site.json /tmp/site/public

Every feed entry's id and link must be the intended permalink of one of the
newest FEED_LIMIT (default 20) posts, in order, with its title; calendar.ics
must hold exactly the intended sessions (post URL, start and end instants),
and every file under sessions/ one event.

usage: check_site.py MANIFEST OUTDIR [FEED_LIMIT]
"""
import datetime, glob, html, json, os, sys
from collections import Counter
import feedparser, icalendar

manifest, out = sys.argv[1], sys.argv[2]
limit = int(sys.argv[3]) if len(sys.argv) > 3 else 20
site = json.load(open(manifest))
utc = datetime.timezone.utc
def inst(s):
    return datetime.datetime.fromisoformat(s.replace("Z", "+00:00")).astimezone(utc)

posts = site["Posts"]
byurl = {p["URL"]: p for p in posts}
assert len(byurl) == len(posts), "duplicate intended permalinks"
problems = 0
def bad(msg):
    global problems
    problems += 1
    if problems <= 20:
        print("PROBLEM:", msg)

# Atom
f = feedparser.parse(os.path.join(out, "atom.xml"))
if f.bozo:
    bad("feedparser: %s" % f.bozo_exception)
newest = sorted(posts, key=lambda p: (-inst(p["Date"]).timestamp(), p["Source"]))[:limit]
want_urls = [p["URL"] for p in newest]
got_ids = [e.id for e in f.entries]
links = [e.link for e in f.entries]
if len(f.entries) != min(limit, len(posts)):
    bad("feed has %d entries, want %d" % (len(f.entries), min(limit, len(posts))))
for e in f.entries:
    if e.id not in byurl:
        bad("entry id %s is no intended permalink" % e.id)
    if e.link != e.id:
        bad("entry link %s != id %s" % (e.link, e.id))
    else:
        title = e.title
        if e.title_detail.type == "text/html":  # type="html": the title is markup
            title = html.unescape(title)
        if title != byurl[e.id]["Title"]:
            bad("entry %s title %r, want %r" % (e.id, title, byurl[e.id]["Title"]))
if got_ids != want_urls:
    bad("feed entries (newest first) differ from the newest %d posts" % limit)
print("atom: %d entries, ids/links checked against manifest" % len(f.entries))

# Calendar
want = Counter()
for p in posts:
    for s in p.get("Sessions") or []:
        want[(p["URL"], inst(s["Start"]), inst(s["End"]))] += 1
cal = icalendar.Calendar.from_ical(open(os.path.join(out, "calendar.ics"), "rb").read())
got = Counter()
events = 0
def utcof(v):
    d = v.dt
    if d.tzinfo is None:
        raise ValueError("floating time %r" % d)
    return d.astimezone(utc)
for ev in cal.walk("VEVENT"):
    events += 1
    try:
        got[(str(ev["URL"]), utcof(ev["DTSTART"]), utcof(ev["DTEND"]))] += 1
    except Exception as x:
        bad("event %s: %s" % (ev.get("UID"), x))
tzids = [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")]
if got != want:
    bad("calendar events differ from manifest: %d missing, %d extra" % (sum((want - got).values()), sum((got - want).values())))
    for k in list((want - got))[:5]: print("  missing", k)
    for k in list((got - want))[:5]: print("  extra  ", k)
print("calendar.ics: %d VEVENTs imported (manifest: %d sessions), VTIMEZONEs: %s" % (events, sum(want.values()), ", ".join(sorted(tzids))))

files = glob.glob(os.path.join(out, "sessions", "*.ics"))
n = 0
for name in files:
    c = icalendar.Calendar.from_ical(open(name, "rb").read())
    evs = c.walk("VEVENT")
    if len(evs) != 1:
        bad("%s: %d events" % (name, len(evs)))
    n += len(evs)
print("sessions/: %d files, %d VEVENTs imported" % (len(files), n))
print("problems: %d" % problems)
sys.exit(1 if problems else 0)
