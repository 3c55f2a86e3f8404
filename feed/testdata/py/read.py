"""Reads a feed with Python's feedparser (what many readers and tools use)
and prints, as JSON, what a reader gets: the feed's version and title, and
each entry's id, link, title, publication date and author names."""
import calendar
import json
import sys

import feedparser

with open(sys.argv[1], "rb") as f:
    d = feedparser.parse(f.read())

out = {
    "bozo": bool(d.bozo),
    "bozo_exception": str(d.get("bozo_exception", "")),
    "version": d.version,
    "title": d.feed.get("title", ""),
    "entries": [],
}
for e in d.entries:
    published = e.get("published_parsed")
    out["entries"].append({
        "id": e.get("id", ""),
        "link": e.get("link", ""),
        "title": e.get("title", ""),
        "published": calendar.timegm(published) if published else None,
        "authors": [a.get("name", "") for a in e.get("authors", [])],
    })
json.dump(out, sys.stdout)
