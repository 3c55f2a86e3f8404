package main

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"time"
)

// A copyStore is a folder of the cache (SESSIONFEED_CACHE/copies/, one per
// site) that holds a copy of each per-session file the site's last build
// into a new sessions folder wrote, named by the SHA-256 of its contents.
// A later build into a new folder (after "rm -rf public", in a fresh
// checkout's CI with the cache kept) gives a session file whose copy is
// there a hard link to it: one directory entry, where a new file costs an
// inode. Creating hundreds of files is most of a fresh build of a small
// site, and on a file system that steps over recently freed inodes (ext4
// without a journal) it grows with every rm -rf before it: 300 files cost
// 12 to 200 ms here, 300 links 3.5 ms.
//
// A link shares its file with the store (and with any other output folder
// linked to the same copy), so an output edited in place changes the copy
// too. sessionfeed never edits a file in place (write.go), and it checks
// every linked file before it is published: a regular file, readable by
// all, holding exactly the data; anything else is replaced by a file of
// its own, and the copy with it. Where links cannot be made (the cache on
// another file system, one without hard links) files are written as
// without a store. SESSIONFEED_CACHE=off turns it off with the rest of the
// cache.
//
// A build places its files from one goroutine, and reads what -v says
// once they are placed: a copyStore is not safe for concurrent use.
type copyStore struct {
	dir     string
	off     bool            // a link failed for good: write files
	kept    map[string]bool // the copies of this build's files
	linked  int             // for -v
	written int
}

// copiesDir is the copy store of the site in dir, or "" when the cache is
// off.
func copiesDir(dir string) string { return cacheFile("copies", dir) }

// openCopyStore returns the copy store in dir (made when a file is first
// placed); nil when dir is "".
func openCopyStore(dir string) *copyStore {
	if dir == "" {
		return nil
	}
	return &copyStore{dir: dir, kept: make(map[string]bool)}
}

// made makes the store's folder, and turns the store off if it cannot.
func (c *copyStore) made() {
	if c != nil && os.MkdirAll(c.dir, 0o755) != nil {
		c.off = true
	}
}

// copyName names the copy of data: its SHA-256, in hexadecimal.
func copyName(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// place makes name, which must not exist, a file holding data readable by
// all: a link to the store's copy of data when it has one that holds it
// still, else a new file (writeNew), which then becomes the copy. A nil
// store writes.
func (c *copyStore) place(name string, data []byte) error {
	if c == nil {
		return writeNew(name, data)
	}
	key := copyName(data)
	stored := filepath.Join(c.dir, key)
	c.kept[key] = true
	if c.off {
		return writeNew(name, data)
	}
	err := os.Link(stored, name)
	switch {
	case err == nil && fileHolds(name, data, true):
		c.linked++
		return nil
	case err == nil:
		// Edited in place, or not ours: neither this output nor later ones
		// get it.
		os.Remove(stored)
		if err := os.Remove(name); err != nil {
			return err
		}
	case cannotLink(err):
		c.off = true
		return writeNew(name, data)
	case !errors.Is(err, fs.ErrNotExist):
		os.Remove(stored) // too many links to it, say: a new copy
	}
	if err := writeNew(name, data); err != nil {
		return err
	}
	c.written++
	if err := os.Link(name, stored); cannotLink(err) {
		c.off = true
	}
	return nil
}

// cannotLink tells the errors of a file system that makes no hard links
// between the store and the output folder, for any file.
func cannotLink(err error) bool {
	return errors.Is(err, syscall.EXDEV) || errors.Is(err, syscall.EPERM) ||
		errors.Is(err, errors.ErrUnsupported) || errors.Is(err, syscall.ENOTSUP) ||
		errors.Is(err, syscall.ENOSYS) || errors.Is(err, syscall.EROFS)
}

// trim removes from the store the copies that this run did not place: the
// store holds one build's files, not every file a site ever had. Copies
// of other sites' stores that no run has used for stampsKept go as well.
func (c *copyStore) trim() {
	if c == nil {
		return
	}
	entries, _ := os.ReadDir(c.dir)
	for _, e := range entries {
		if isCopyName(e.Name()) && !c.kept[e.Name()] {
			os.Remove(filepath.Join(c.dir, e.Name()))
		}
	}
	now := time.Now()
	os.Chtimes(c.dir, now, now) // used: not to be trimmed
	trimStamps(filepath.Dir(c.dir), now)
}

// isCopyName tells copyName's names: 64 hexadecimal digits.
func isCopyName(name string) bool {
	_, err := hex.DecodeString(name)
	return len(name) == 64 && err == nil
}

// used tells whether any file was placed through the store.
func (c *copyStore) used() bool { return c != nil && len(c.kept) > 0 }

// summary says, for -v, how many per-session files were linked to copies
// and how many written.
func (c *copyStore) summary() string {
	if c.off {
		return fmt.Sprintf("session files: %d linked, %d written; no links from %s to the outputs", c.linked, c.written, c.dir)
	}
	return fmt.Sprintf("session files: %d linked to copies, %d written (%s)", c.linked, c.written, c.dir)
}
