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
)

// An entryCache is a file of the cache folder that keeps values by a
// SHA-256 of everything they depend on, for the next build of a site by
// the same program (the scan cache, the render cache).
//
// The file: a header naming its kind and the program (as a stamp's key
// does: the executable's file state and the Go version), the entries (a
// key and a value each), and a SHA-256 of all of that. Anything else (cut
// short, another program's, damaged) is no cache. A build writes it again,
// with the entries it used, when it used one it did not find or left one
// unused.
type entryCache[K ~[sha256.Size]byte] struct {
	file   string
	header string

	old map[K][]byte // as read, never changed

	mu         sync.Mutex
	used       map[K][]byte
	changed    bool // an entry was added, or one that failed to read dropped
	hits, puts int  // for -v
}

// openEntryCache reads the cache of the kind named by header in file, at
// most limit bytes of it; an empty one when there is none that this
// program wrote.
func openEntryCache[K ~[sha256.Size]byte](file, header string, limit int) *entryCache[K] {
	c := &entryCache[K]{file: file, header: programHeader(header), old: map[K][]byte{}, used: map[K][]byte{}}
	data, ok := readCacheFile(file, limit)
	if !ok {
		return c
	}
	if entries, err := decodeEntryCache[K](data, c.header); err == nil {
		c.old = entries
	}
	return c
}

// programHeader is the first line of the caches of the kind named by
// header this program writes: what a cache holds is only true of the
// program that wrote it.
func programHeader(header string) string {
	state, err := programState()
	if err != nil {
		return ""
	}
	return fmt.Sprintf("%s%q %q\n", header, runtime.Version(), state)
}

// get is the entry of key, as read or as put, which is then used.
func (c *entryCache[K]) get(key K) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	data, ok := c.used[key]
	if !ok {
		data, ok = c.old[key]
	}
	if ok {
		c.used[key] = data
		c.hits++
	}
	return data, ok
}

// drop forgets the entry of key, which get returned and could not be read.
func (c *entryCache[K]) drop(key K) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.used, key)
	c.hits--
	c.changed = true
}

// put keeps data as the entry of key.
func (c *entryCache[K]) put(key K, data []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.used[key] = data
	c.changed = true
	c.puts++
}

// counts says how many entries were put, and how many found.
func (c *entryCache[K]) counts() (puts, hits int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.puts, c.hits
}

// save writes the cache with the entries this build used, when they are
// not those it read, atomically.
func (c *entryCache[K]) save() error {
	if c.header == "" {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.changed && len(c.used) == len(c.old) {
		// Used as it is: trimStamps keeps it another 30 days.
		now := time.Now()
		return os.Chtimes(c.file, now, now)
	}
	return writeCacheFile(c.file, encodeEntryCache(c.used, c.header))
}

func encodeEntryCache[K ~[sha256.Size]byte](entries map[K][]byte, header string) []byte {
	size := len(header) + 16 + sha256.Size
	for _, data := range entries {
		size += sha256.Size + binary.MaxVarintLen64 + len(data)
	}
	b := make([]byte, 0, size)
	b = append(b, header...)
	b = binary.AppendUvarint(b, uint64(len(entries)))
	keys := make([]K, 0, len(entries))
	for k := range entries {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b K) int { return bytes.Compare(a[:], b[:]) })
	for _, k := range keys {
		b = append(b, k[:]...)
		b = binary.AppendUvarint(b, uint64(len(entries[k])))
		b = append(b, entries[k]...)
	}
	sum := sha256.Sum256(b)
	return append(b, sum[:]...)
}

var errEntryCache = errors.New("not a whole cache file of this program")

// decodeEntryCache reads an encodeEntryCache written with header. The
// entries are slices of data.
func decodeEntryCache[K ~[sha256.Size]byte](data []byte, header string) (map[K][]byte, error) {
	if header == "" || len(data) < len(header)+sha256.Size {
		return nil, errEntryCache
	}
	body, sum := data[:len(data)-sha256.Size], data[len(data)-sha256.Size:]
	if got := sha256.Sum256(body); !bytes.Equal(got[:], sum) {
		return nil, errEntryCache
	}
	rest, ok := bytes.CutPrefix(body, []byte(header))
	if !ok {
		return nil, errEntryCache
	}
	return decodeEntries[K](rest)
}

// decodeEntries reads the entries of a cache file, past its header.
func decodeEntries[K ~[sha256.Size]byte](rest []byte) (map[K][]byte, error) {
	n, k := binary.Uvarint(rest)
	if k <= 0 || n > uint64(len(rest)/(sha256.Size+1)) {
		return nil, errEntryCache
	}
	rest = rest[k:]
	entries := make(map[K][]byte, n)
	for range n {
		if len(rest) < sha256.Size {
			return nil, errEntryCache
		}
		key := K(rest[:sha256.Size])
		rest = rest[sha256.Size:]
		size, k := binary.Uvarint(rest)
		if k <= 0 || size > uint64(len(rest)-k) {
			return nil, errEntryCache
		}
		entries[key] = rest[k : k+int(size) : k+int(size)]
		rest = rest[k+int(size):]
	}
	if len(rest) != 0 {
		return nil, errEntryCache
	}
	return entries, nil
}
