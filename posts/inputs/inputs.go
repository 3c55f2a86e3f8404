// Package inputs reads a site's files for package posts and the build, and
// records what each read saw, so that a later run can tell, by looking
// again, whether anything a build depended on has changed since.
//
// Every read of the site (configuration files, the content folder's
// listings, posts, the existence of a file) goes through this package: a
// read that bypassed it would be a dependency nobody checks. A test of this
// package fails when package posts calls the os package for a read.
//
// While a Log is recording (Record), each read is noted in it as a fact: an
// operation on a path and a digest of what it returned (a file's SHA-256, a
// listing's names and types, a stat's type, size and time, or the error).
// Check redoes every operation of a set of facts and reports the first one
// whose answer differs. Reads are noted in every Log recording at the time:
// two builds in one process see each other's reads, which can only make
// their logs stricter, never let a change through.
package inputs

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
)

// Op is what was done to a path.
type Op byte

const (
	OpRead     Op = 'F' // ReadFile: the file's bytes
	OpStat     Op = 'S' // Stat: type, and size and time of a regular file
	OpLstat    Op = 'L' // Lstat: the same, not following a link
	OpReadDir  Op = 'D' // ReadDir: the names and types of the entries
	OpEvalLink Op = 'E' // EvalSymlinks: the path it resolves to
)

// ParseOp reads an Op written as its letter.
func ParseOp(s string) (Op, bool) {
	if len(s) == 1 && strings.IndexByte("FSLDE", s[0]) >= 0 {
		return Op(s[0]), true
	}
	return 0, false
}

// A Fact is one read and a digest of its answer.
type Fact struct {
	Op     Op
	Path   string
	Digest string
}

// A Log collects the facts of the reads made while it records.
type Log struct {
	mu     sync.Mutex
	facts  map[factKey]string
	differ string // the first path read twice with two answers
}

type factKey struct {
	op   Op
	path string
}

var (
	recMu     sync.Mutex
	recording []*Log
	anyLog    atomic.Bool // len(recording) > 0, read without the lock
)

// Record starts a Log: every read from now until its Stop is noted in it.
func Record() *Log {
	l := &Log{facts: make(map[factKey]string)}
	recMu.Lock()
	recording = append(recording, l)
	anyLog.Store(true)
	recMu.Unlock()
	return l
}

// Stop ends the recording of l; its facts stay.
func (l *Log) Stop() {
	recMu.Lock()
	recording = slices.DeleteFunc(recording, func(r *Log) bool { return r == l })
	anyLog.Store(len(recording) > 0)
	recMu.Unlock()
}

// Facts returns what l recorded, sorted by path, then operation.
func (l *Log) Facts() []Fact {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := make([]Fact, 0, len(l.facts))
	for k, d := range l.facts {
		out = append(out, Fact{Op: k.op, Path: k.path, Digest: d})
	}
	slices.SortFunc(out, func(a, b Fact) int {
		return cmp.Or(strings.Compare(a.Path, b.Path), cmp.Compare(a.Op, b.Op))
	})
	return out
}

// Consistent fails when the run read a path twice and got two answers
// (a post edited while it was read): its facts then vouch for no single
// state of the files.
func (l *Log) Consistent() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.differ != "" {
		return fmt.Errorf("%s changed while it was read", l.differ)
	}
	return nil
}

// note records a fact in every recording Log. digest is computed only when
// some Log records.
func note(op Op, path string, digest func() string) {
	if !anyLog.Load() {
		return
	}
	d := digest()
	recMu.Lock()
	logs := slices.Clone(recording)
	recMu.Unlock()
	for _, l := range logs {
		k := factKey{op, path}
		l.mu.Lock()
		if old, ok := l.facts[k]; ok && old != d && l.differ == "" {
			l.differ = path
		}
		l.facts[k] = d
		l.mu.Unlock()
	}
}

// ReadFile reads the regular file name, at most limit bytes and one more
// (so that the caller can tell a file over the limit). It fails for a file
// that is not regular (a FIFO would block; a device never ends).
func ReadFile(name string, limit int64) ([]byte, error) {
	data, err := readFile(name, limit)
	note(OpRead, name, func() string { return fileDigest(limit, data, err) })
	return data, err
}

// ErrNotRegular is ReadFile's error for a file that is not a regular file.
var ErrNotRegular = errors.New("not a regular file")

func readFile(name string, limit int64) ([]byte, error) {
	// O_NONBLOCK: opening a FIFO does not wait for a writer (and is then
	// refused as not regular).
	f, err := os.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, &fs.PathError{Op: "read", Path: name, Err: ErrNotRegular}
	}
	size := min(fi.Size(), limit+1)
	buf := bytes.NewBuffer(make([]byte, 0, size+bytes.MinRead))
	if _, err := buf.ReadFrom(io.LimitReader(f, limit+1)); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// fileDigest is the limit a file was read with (Check reads it again with
// the same), and the size and SHA-256 of what was read, or the error.
func fileDigest(limit int64, data []byte, err error) string {
	d := strconv.FormatInt(limit, 10) + " "
	if err != nil {
		return d + errDigest(err)
	}
	sum := sha256.Sum256(data)
	return d + strconv.Itoa(len(data)) + " " + hex.EncodeToString(sum[:])
}

// readSize is the limit and the number of bytes of a file's read in its
// digest; ok is false for a read that failed.
func readSize(digest string) (limit, size int64, ok bool) {
	l, rest, _ := strings.Cut(digest, " ")
	s, _, _ := strings.Cut(rest, " ")
	limit, err1 := strconv.ParseInt(l, 10, 64)
	size, err2 := strconv.ParseInt(s, 10, 64)
	return limit, size, err1 == nil && err2 == nil && limit >= 0 && size >= 0
}

// errDigest is the digest of a failed read: its reason, without the path.
func errDigest(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		err = le.Err
	}
	return "error: " + err.Error()
}

// Stat is os.Stat.
func Stat(name string) (fs.FileInfo, error) {
	fi, err := os.Stat(name)
	note(OpStat, name, func() string { return statDigest(fi, err) })
	return fi, err
}

// Lstat is os.Lstat.
func Lstat(name string) (fs.FileInfo, error) {
	fi, err := os.Lstat(name)
	note(OpLstat, name, func() string { return statDigest(fi, err) })
	return fi, err
}

// statDigest is what a caller may learn from a stat: the type of the file,
// and for a regular file its size and modification time (a post may take its
// date from it).
func statDigest(fi fs.FileInfo, err error) string {
	if err != nil {
		return errDigest(err)
	}
	if fi.Mode().IsRegular() {
		return fmt.Sprintf("file %d %d", fi.Size(), fi.ModTime().UnixNano())
	}
	return "type " + fi.Mode().Type().String()
}

// ReadDir is os.ReadDir: the entries sorted by name.
func ReadDir(name string) ([]fs.DirEntry, error) {
	entries, err := os.ReadDir(name)
	note(OpReadDir, name, func() string { return dirDigest(entries, err) })
	return entries, err
}

func dirDigest(entries []fs.DirEntry, err error) string {
	if err != nil {
		return errDigest(err)
	}
	h := sha256.New()
	for _, e := range entries {
		fmt.Fprintf(h, "%s\x00%v\n", e.Name(), e.Type())
	}
	return hex.EncodeToString(h.Sum(nil))
}

// EvalSymlinks is filepath.EvalSymlinks.
func EvalSymlinks(name string) (string, error) {
	p, err := filepath.EvalSymlinks(name)
	note(OpEvalLink, name, func() string {
		if err != nil {
			return errDigest(err)
		}
		return "path " + p
	})
	return p, err
}

// WalkDir is filepath.WalkDir, reading each folder through ReadDir: the
// same calls of fn, in the same order, with the same errors.
func WalkDir(root string, fn fs.WalkDirFunc) error {
	info, err := Lstat(root)
	if err != nil {
		err = fn(root, nil, err)
	} else {
		err = walkDir(root, fs.FileInfoToDirEntry(info), fn)
	}
	if errors.Is(err, filepath.SkipDir) || errors.Is(err, filepath.SkipAll) {
		return nil
	}
	return err
}

func walkDir(path string, d fs.DirEntry, fn fs.WalkDirFunc) error {
	if err := fn(path, d, nil); err != nil || !d.IsDir() {
		if errors.Is(err, filepath.SkipDir) && d.IsDir() {
			err = nil
		}
		return err
	}
	entries, err := ReadDir(path)
	if err != nil {
		// A second call, to report the failed ReadDir.
		if err = fn(path, d, err); err != nil {
			if errors.Is(err, filepath.SkipDir) && d.IsDir() {
				err = nil
			}
			return err
		}
	}
	for _, e := range entries {
		if err := walkDir(filepath.Join(path, e.Name()), e, fn); err != nil {
			if errors.Is(err, filepath.SkipDir) {
				break
			}
			return err
		}
	}
	return nil
}

// Check redoes the reads of facts and returns the first fact whose answer
// is not the same now, or ok when all are. It looks twice, several facts at
// a time: first at everything but the files' bytes (listings, stats, and
// each file's size), which finds a post added, removed or grown without
// reading one; then at the bytes. Either time, the first in the order
// given is named.
func Check(facts []Fact) (changed Fact, ok bool) {
	i, found := FirstOf(len(facts), func(i int) bool {
		if f := facts[i]; f.Op == OpRead {
			return sizeDiffers(f)
		}
		return digestNow(facts[i]) != facts[i].Digest
	})
	if !found {
		i, found = FirstOf(len(facts), func(i int) bool {
			return facts[i].Op == OpRead && digestNow(facts[i]) != facts[i].Digest
		})
	}
	if found {
		return facts[i], false
	}
	return Fact{}, true
}

// sizeDiffers tells, from the file's size alone, that a read of it would
// not be what f says; false when only its bytes can tell.
func sizeDiffers(f Fact) bool {
	limit, size, ok := readSize(f.Digest)
	if !ok {
		return digestNow(f) != f.Digest // a failed read: cheap to redo
	}
	fi, err := os.Stat(f.Path)
	switch {
	case err != nil || !fi.Mode().IsRegular():
		return true
	case size > limit: // read past its limit: any size past it reads alike
		return fi.Size() <= limit
	}
	return fi.Size() != size
}

// FirstOf calls differs with 0, 1, … n-1, on every core, and returns the
// first i (in that order) for which it is true. Once one is found no new i
// is begun; every i before it has been tried, as they are begun in order
// and each begun is finished.
func FirstOf(n int, differs func(i int) bool) (int, bool) {
	bad := make([]bool, n)
	var next atomic.Int64
	var failed atomic.Bool
	var wg sync.WaitGroup
	for range min(n, runtime.GOMAXPROCS(0)) {
		wg.Go(func() {
			for !failed.Load() {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				if differs(i) {
					bad[i] = true
					failed.Store(true)
				}
			}
		})
	}
	wg.Wait()
	i := slices.Index(bad, true)
	return i, i >= 0
}

// digestNow redoes the read of f, without recording it.
func digestNow(f Fact) string {
	switch f.Op {
	case OpRead:
		limit, _, _ := strings.Cut(f.Digest, " ")
		n, err := strconv.ParseInt(limit, 10, 64)
		if err != nil || n < 0 {
			return "bad limit"
		}
		data, err := readFile(f.Path, n)
		return fileDigest(n, data, err)
	case OpStat:
		fi, err := os.Stat(f.Path)
		return statDigest(fi, err)
	case OpLstat:
		fi, err := os.Lstat(f.Path)
		return statDigest(fi, err)
	case OpReadDir:
		entries, err := os.ReadDir(f.Path)
		return dirDigest(entries, err)
	case OpEvalLink:
		p, err := filepath.EvalSymlinks(f.Path)
		if err != nil {
			return errDigest(err)
		}
		return "path " + p
	}
	return "unknown operation " + strconv.Quote(string(f.Op))
}
