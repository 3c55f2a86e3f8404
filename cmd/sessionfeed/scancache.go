package main

import (
	"fmt"

	"github.com/sessionfeed/sessionfeed/posts"
	"github.com/sessionfeed/sessionfeed/posts/schedule"
)

// A scan cache keeps, beside the stamps, what the sessions of each post of
// a site read as (posts.ScanCache), for the next build of the site by the
// same program: a build after an edit, or into an emptied or new output
// folder, reads the sessions of the posts that did not change from it
// rather than again (half of loading a post). Two builds of one site into
// two output folders at once may each write it: the last one's stays, and
// the other's new entries are read again next time.
//
// Its entries (entryCache) are schedule.AppendResult's; a file that is not
// this program's whole cache is none: every post is read.
type scanCache struct {
	*entryCache[posts.ScanKey]
}

const scanCacheHeader = "sessionfeed scans 1\n"

// maxScanCacheSize bounds what is read of a scan cache: a few hundred bytes
// a post with sessions (an entry of a post without is 34 bytes).
const maxScanCacheSize = 512 << 20

// scanCacheFile is where the scan cache of the site in dir is kept (its
// entries hold for any output folder: a build into a new one finds them),
// or "" when stamps are off (SESSIONFEED_CACHE=off).
func scanCacheFile(dir string) string { return cacheFile("scans", dir) }

// openScanCache reads the scan cache in file; an empty one when there is
// none that this program wrote.
func openScanCache(file string) *scanCache {
	return &scanCache{openEntryCache[posts.ScanKey](file, scanCacheHeader, maxScanCacheSize)}
}

// Get is a copy of the entry of key, as read or as put.
func (c *scanCache) Get(key posts.ScanKey) (schedule.Result, bool) {
	data, ok := c.get(key)
	if !ok {
		return schedule.Result{}, false
	}
	r, err := schedule.ReadResult(data)
	if err != nil {
		c.drop(key)
		return schedule.Result{}, false
	}
	return r, true
}

// Put keeps r as the entry of key.
func (c *scanCache) Put(key posts.ScanKey, r schedule.Result) {
	data, err := schedule.AppendResult(nil, r)
	if err != nil {
		return // a zone that cannot be written: read again next time
	}
	c.put(key, data)
}

// summary says, for -v, how many posts' sessions were read, and how many
// were taken as an earlier run read them.
func (c *scanCache) summary() string {
	puts, hits := c.counts()
	return fmt.Sprintf("posts' sessions: %d read, %d as read before (%s)", puts, hits, c.file)
}
