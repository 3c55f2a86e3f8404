package posts

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"time"

	"github.com/sessionfeed/sessionfeed/posts/schedule"
)

// ScanCache keeps what schedule.Scan found in posts' bodies, by a key of
// everything Scan reads (the body, the post's date and title, the site's
// zone and zone table): reading the sessions of an unchanged post again
// then costs a lookup, where reading them is half of what loading a post
// costs. Load calls Get and Put from several goroutines at once. A Result
// passed to Put or returned by Get is the caller's own: Load changes the
// entries it is given.
type ScanCache interface {
	Get(key ScanKey) (schedule.Result, bool)
	Put(key ScanKey, r schedule.Result)
}

// ScanKey is a SHA-256 of what schedule.Scan reads. It holds for one
// program: a cache of them says which program made it.
type ScanKey [sha256.Size]byte

// scanKeyVersion changes when what goes into a ScanKey does, or what is
// read from it: 2, the body as written (before its placeholders are
// compacted).
const scanKeyVersion = "sessionfeed scan key 2\n"

// scanKey is the key of Scan(body, opts); false when opts holds a zone
// whose name does not say what it is (time.Local: the machine's).
func scanKey(body []byte, opts schedule.Options) (ScanKey, bool) {
	if opts.Post.Location() == time.Local || opts.Location == time.Local {
		return ScanKey{}, false
	}
	h := sha256.New()
	var b []byte
	field := func(s string) {
		b = binary.AppendUvarint(b[:0], uint64(len(s)))
		h.Write(b)
		h.Write([]byte(s))
	}
	field(scanKeyVersion)
	// The post's instant and zone: its name, and its offset then (a
	// fixed zone from a written offset has no other rule).
	name, off := opts.Post.Zone()
	field(opts.Post.Location().String())
	field(name)
	b = binary.AppendVarint(b[:0], int64(off))
	b = binary.AppendVarint(b, opts.Post.Unix())
	b = binary.AppendVarint(b, int64(opts.Post.Nanosecond()))
	h.Write(b)
	site := "-" // no zone configured
	if opts.Location != nil {
		site = "zone " + opts.Location.String()
	}
	field(site)
	field(opts.Zones.Key())
	field(opts.Title)
	b = binary.AppendUvarint(b[:0], uint64(len(body)))
	h.Write(b)
	h.Write(body)
	var key ScanKey
	h.Sum(key[:0])
	return key, true
}

// scan reads the schedules of a post's body as written, through the
// site's ScanCache when it has one: keyed by the body as written, which
// says what it reads as.
func (l *loader) scan(body []byte, opts schedule.Options) schedule.Result {
	c := l.site.Scans
	if c == nil {
		return readSchedules(body, opts)
	}
	key, ok := scanKey(body, opts)
	if !ok {
		return readSchedules(body, opts)
	}
	if r, ok := c.Get(key); ok {
		return r
	}
	r := readSchedules(body, opts)
	c.Put(key, r)
	return r
}

// readSchedules is schedule.Scan of body as the feed reads it.
func readSchedules(body []byte, opts schedule.Options) schedule.Result {
	if bytes.Contains(body, []byte("{{")) {
		// "[slides]({{ site.baseurl }}/slides.pdf)": read as the feed reads it.
		body = []byte(compactPlaceholders(string(body)))
	}
	return schedule.Scan(body, opts)
}
