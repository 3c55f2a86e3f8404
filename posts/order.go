package posts

import (
	"cmp"
	"slices"

	"github.com/sessionfeed/sessionfeed/uri"
)

// newestFirst puts the pages in the order Load returns them: newest first,
// pages of the same instant as the generator lists them. The generator's
// order alone is not newest first: Hugo lists weighted pages before the
// others, and compares dates to the second.
func (l *loader) newestFirst() {
	slices.SortStableFunc(l.pages, func(a, b *Page) int {
		return cmp.Or(b.Date.Compare(a.Date), l.gen.Compare(a, b))
	})
}

// dropEquivalentPermalinks leaves out every post whose permalink names the
// same page as a newer post's (one before it in the order of newestFirst)
// though it is written apart: "https://example.org/caf%c3%a9/" and
// "https://example.org/café/", "/a/./b/" and "/a/b/". A feed would give the
// two one id, and a subscriber could tell only one of them. Permalinks
// written alike are dropDuplicatePermalinks's; a permalink that is no
// absolute http(s) URL is the feed's to report.
func (l *loader) dropEquivalentPermalinks() {
	owner := make(map[string]string, len(l.pages))
	kept := l.pages[:0]
	for _, pg := range l.pages {
		key, err := uri.Canonical(pg.URL)
		if err == nil {
			if first, dup := owner[key]; dup {
				l.report(pg.Source, 0, Error, "permalink %s is already %s's; left out (give it another slug or url)", pg.URL, first)
				continue
			}
			owner[key] = pg.Source
		}
		kept = append(kept, pg)
	}
	l.pages = kept
}
