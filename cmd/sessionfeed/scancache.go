package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"runtime"
	"slices"
	"sync"
	"time"

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
// The file: a header naming the program (as a stamp's key does: the
// executable's file state and the Go version), the entries (a key and a
// schedule.AppendResult each), and a SHA-256 of all of that. Anything else
// (cut short, another program's, damaged) is no cache: every post is read.
// A build writes it again, with the entries it used, when it used one it
// did not find or left one unused.
type scanCache struct {
	file   string
	header string

	old map[posts.ScanKey][]byte // as read, never changed

	mu         sync.Mutex
	used       map[posts.ScanKey][]byte
	changed    bool // an entry was added, or one that failed to read dropped
	hits, puts int  // for -v
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
	c := &scanCache{file: file, header: programHeader(), old: map[posts.ScanKey][]byte{}, used: map[posts.ScanKey][]byte{}}
	data, ok := readCacheFile(file, maxScanCacheSize)
	if !ok {
		return c
	}
	if entries, err := decodeScanCache(data, c.header); err == nil {
		c.old = entries
	}
	return c
}

// programHeader is the first line of the scan caches this program writes:
// what a cache holds is only true of the program that wrote it.
func programHeader() string {
	state, err := programState()
	if err != nil {
		return ""
	}
	return fmt.Sprintf("%s%q %q\n", scanCacheHeader, runtime.Version(), state)
}

// Get is a copy of the entry of key, as read or as put.
func (c *scanCache) Get(key posts.ScanKey) (schedule.Result, bool) {
	c.mu.Lock()
	data, ok := c.used[key]
	if !ok {
		data, ok = c.old[key]
	}
	c.mu.Unlock()
	if !ok {
		return schedule.Result{}, false
	}
	r, err := schedule.ReadResult(data)
	c.mu.Lock()
	defer c.mu.Unlock()
	if err != nil {
		c.changed = true // dropped
		return schedule.Result{}, false
	}
	c.used[key] = data
	c.hits++
	return r, true
}

// Put keeps r as the entry of key.
func (c *scanCache) Put(key posts.ScanKey, r schedule.Result) {
	data, err := schedule.AppendResult(nil, r)
	if err != nil {
		return // a zone that cannot be written: read again next time
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.used[key] = data
	c.changed = true
	c.puts++
}

// summary says, for -v, how many posts' sessions were read, and how many
// were taken as an earlier run read them.
func (c *scanCache) summary() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return fmt.Sprintf("posts' sessions: %d read, %d as read before (%s)", c.puts, c.hits, c.file)
}

// save writes the cache with the entries this build used, when they are
// not those it read, atomically.
func (c *scanCache) save() error {
	if c.header == "" {
		return nil
	}
	if !c.changed && len(c.used) == len(c.old) {
		// Used as it is: trimStamps keeps it another 30 days.
		now := time.Now()
		return os.Chtimes(c.file, now, now)
	}
	return writeCacheFile(c.file, encodeScanCache(c.used, c.header))
}

func encodeScanCache(entries map[posts.ScanKey][]byte, header string) []byte {
	size := len(header) + 16 + sha256.Size
	for _, data := range entries {
		size += len(posts.ScanKey{}) + binary.MaxVarintLen64 + len(data)
	}
	b := make([]byte, 0, size)
	b = append(b, header...)
	b = binary.AppendUvarint(b, uint64(len(entries)))
	keys := make([]posts.ScanKey, 0, len(entries))
	for k := range entries {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b posts.ScanKey) int { return bytes.Compare(a[:], b[:]) })
	for _, k := range keys {
		b = append(b, k[:]...)
		b = binary.AppendUvarint(b, uint64(len(entries[k])))
		b = append(b, entries[k]...)
	}
	sum := sha256.Sum256(b)
	return append(b, sum[:]...)
}

var errScanCache = errors.New("not a whole scan cache of this program")

// decodeScanCache reads an encodeScanCache written with header. The
// entries are slices of data.
func decodeScanCache(data []byte, header string) (map[posts.ScanKey][]byte, error) {
	if header == "" || len(data) < len(header)+sha256.Size {
		return nil, errScanCache
	}
	body, sum := data[:len(data)-sha256.Size], data[len(data)-sha256.Size:]
	if got := sha256.Sum256(body); !bytes.Equal(got[:], sum) {
		return nil, errScanCache
	}
	rest, ok := bytes.CutPrefix(body, []byte(header))
	if !ok {
		return nil, errScanCache
	}
	return decodeScanEntries(rest)
}

// decodeScanEntries reads the entries of a scan cache, past its header.
func decodeScanEntries(rest []byte) (map[posts.ScanKey][]byte, error) {
	n, k := binary.Uvarint(rest)
	if k <= 0 || n > uint64(len(rest)/(len(posts.ScanKey{})+1)) {
		return nil, errScanCache
	}
	rest = rest[k:]
	entries := make(map[posts.ScanKey][]byte, n)
	for range n {
		if len(rest) < len(posts.ScanKey{}) {
			return nil, errScanCache
		}
		key := posts.ScanKey(rest[:len(posts.ScanKey{})])
		rest = rest[len(key):]
		size, k := binary.Uvarint(rest)
		if k <= 0 || size > uint64(len(rest)-k) {
			return nil, errScanCache
		}
		entries[key] = rest[k : k+int(size) : k+int(size)]
		rest = rest[k+int(size):]
	}
	if len(rest) != 0 {
		return nil, errScanCache
	}
	return entries, nil
}
