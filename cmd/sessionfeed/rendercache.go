package main

import (
	"fmt"

	"github.com/sessionfeed/sessionfeed/feed"
)

// A render cache keeps, beside the scan cache, the HTML of the feeds'
// entries (feed.RenderCache), for the next build of the site by the same
// program: a build into an emptied or new output folder, or after an edit,
// renders again only the entries whose post changed (rendering the
// Markdown and sanitizing it for feed readers costs more than reading the
// calendar's sessions of all posts). Its entries (entryCache) are the
// HTML; a file that is not this program's whole cache is none.
type renderCache struct {
	*entryCache[feed.RenderKey]
}

const renderCacheHeader = "sessionfeed renders 1\n"

// maxRenderCacheSize bounds what is read of a render cache: a feed holds
// tens of entries, which a 9 MB post may be one of.
const maxRenderCacheSize = 256 << 20

// renderCacheFile is where the render cache of the site in dir is kept, or
// "" when the cache is off.
func renderCacheFile(dir string) string { return cacheFile("renders", dir) }

func openRenderCache(file string) *renderCache {
	return &renderCache{openEntryCache[feed.RenderKey](file, renderCacheHeader, maxRenderCacheSize)}
}

// Get is the HTML kept for key.
func (c *renderCache) Get(key feed.RenderKey) (string, bool) {
	data, ok := c.get(key)
	return string(data), ok
}

// Put keeps html for key.
func (c *renderCache) Put(key feed.RenderKey, html string) { c.put(key, []byte(html)) }

// summary says, for -v, how many entries were rendered, and how many taken
// as an earlier run rendered them.
func (c *renderCache) summary() string {
	puts, hits := c.counts()
	return fmt.Sprintf("feed entries: %d rendered, %d as rendered before (%s)", puts, hits, c.file)
}
