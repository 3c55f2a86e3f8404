package main

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sync"
	"syscall"
	"time"
)

// A file is replaced atomically: readers see the complete old file or the
// complete new one, never a mix, even if the process is killed or the
// machine loses power. A file that already holds its data is not touched
// (see sameContent), so its mtime (and the ETag/Last-Modified a web server
// derives from it) stays valid. The steps, for any number of files:
// stageFile writes each under a temporary name beside it (or stageFolder,
// all the files of a folder that does not exist yet into a new folder
// under a temporary name), syncStaged makes their contents durable,
// os.Rename puts each file (or folder) in place, and syncDir makes the
// renames durable, once per folder.

// stagedFile is a file written whole under a temporary name, not yet in
// place.
type stagedFile struct {
	tmp  string // ".NAME.tmp…" beside name (removeLeftovers knows the form)
	name string
}

// stagedFolder is a folder that did not exist, written whole with all its
// files under a temporary name beside it (".NAME.tmp…"): one rename puts
// it and every file in it in place, where a file at a time would cost a
// rename each (a fresh build writes one file per session).
type stagedFolder struct {
	tmp, name string
	files     []string // in tmp, for fsyncAll
}

// A staging is the files of a build written under temporary names, and
// what commit needs to put them in place.
type staging struct {
	files     []stagedFile
	folders   []stagedFolder
	unchanged int        // files that already held their data
	committed int        // of files, renamed into place
	copies    *copyStore // where stageFolder finds files to link, or nil
}

// stage writes each of files (paths below out) that does not already hold
// its data beside it under a temporary name.
func (g *staging) stage(out string, files []planFile) error {
	made := make(map[string]bool)
	for _, f := range files {
		name := filepath.Join(out, filepath.FromSlash(f.name))
		if sameContent(name, f.data) {
			g.unchanged++
			continue
		}
		if dir := filepath.Dir(name); !made[dir] {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return err
			}
			made[dir] = true
		}
		tmp, err := stageFile(name, f.data)
		if err != nil {
			return err
		}
		g.files = append(g.files, stagedFile{tmp: tmp, name: name})
	}
	return nil
}

// stageFolder writes files, all in the folder dir (below out), which does
// not exist yet, into a new folder under a temporary name beside it.
func (g *staging) stageFolder(out, dir string, files []planFile) error {
	name := filepath.Join(out, filepath.FromSlash(dir))
	parent := filepath.Dir(name)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(name)+".tmp*")
	if err != nil {
		return err
	}
	g.folders = append(g.folders, stagedFolder{tmp: tmp, name: name})
	folder := &g.folders[len(g.folders)-1]
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	g.copies.made()
	for _, f := range files {
		if path.Dir(f.name) != dir {
			return fmt.Errorf("staging %s: %s is not in it", dir, f.name)
		}
		file := filepath.Join(tmp, path.Base(f.name))
		if err := g.copies.place(file, f.data); err != nil {
			return err
		}
		folder.files = append(folder.files, file)
	}
	g.copies.trim()
	return nil
}

// writeNew writes data to a file that must not exist yet, readable by all
// like the rest of a site.
func writeNew(name string, data []byte) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	return fill(f, data)
}

// fill writes data to the new file f, makes it readable by all (whatever
// the umask) and closes it.
func fill(f *os.File, data []byte) error {
	_, err := f.Write(data)
	if err == nil {
		err = f.Chmod(0o644)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// commit puts the staged folders and files in place (folders first: they
// hold per-session files, which go before the calendar that lists them;
// files in the order staged), once all of them are durable; then removes
// the files in remove, and syncs each folder whose entries changed. It
// returns how many files it put in place.
func (g *staging) commit(remove []string) (written int, err error) {
	var all []stagedFile
	for _, d := range g.folders {
		for _, f := range d.files {
			all = append(all, stagedFile{tmp: f})
		}
	}
	if err := syncStaged(append(all, g.files...)); err != nil {
		return 0, err
	}
	changed := make(map[string]bool) // folders whose entries changed
	for len(g.folders) > 0 {
		d := g.folders[0]
		if err := syncDir(d.tmp); err != nil {
			return written, err
		}
		if err := os.Rename(d.tmp, d.name); err != nil {
			return written, err
		}
		g.folders = g.folders[1:]
		written += len(d.files)
		changed[filepath.Dir(d.name)] = true
	}
	for _, f := range g.files[g.committed:] {
		if err := os.Rename(f.tmp, f.name); err != nil {
			return written, err
		}
		g.committed++
		written++
		changed[filepath.Dir(f.name)] = true
	}
	for _, name := range remove {
		if err := os.Remove(name); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return written, err
		}
		changed[filepath.Dir(name)] = true
	}
	for _, dir := range slices.Sorted(maps.Keys(changed)) {
		if err := syncDir(dir); err != nil {
			return written, err
		}
	}
	return written, nil
}

// discard removes what is staged and not in place.
func (g *staging) discard() {
	for _, d := range g.folders {
		os.RemoveAll(d.tmp)
	}
	g.folders = nil
	for _, f := range g.files[g.committed:] {
		os.Remove(f.tmp)
	}
	g.files = g.files[:g.committed]
}

// stageFile writes data to a new temporary file beside name, readable by
// all like the rest of a site, and returns its name. Its folder exists.
// Its contents are not yet durable.
func stageFile(name string, data []byte) (string, error) {
	dir := filepath.Dir(name)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(name)+".tmp*")
	if err != nil {
		return "", err
	}
	if err := fill(tmp, data); err != nil {
		os.Remove(tmp.Name())
		return "", err
	}
	return tmp.Name(), nil
}

// fewFiles is how many staged files are synced one by one: for a run that
// changed a handful of files, flushing the whole file system (which other
// programs write to as well) costs more than their own fsyncs.
const fewFiles = 16

// syncStaged makes the contents of the staged files durable before any is
// renamed into place: each file's fsync when there are few, else one
// syncfs(2) per file system they are on, where the system has it, else
// fsyncs in parallel (the file system's journal commits them together).
func syncStaged(staged []stagedFile) error {
	if len(staged) == 0 {
		return nil
	}
	if len(staged) > fewFiles {
		err := syncFileSystems(staged)
		if !errors.Is(err, errors.ErrUnsupported) {
			return err
		}
	}
	return fsyncAll(staged)
}

// syncFileSystems flushes every file system holding a staged file, once
// each. It returns errors.ErrUnsupported where syncfs does not exist.
func syncFileSystems(staged []stagedFile) error {
	seenDir := make(map[string]bool)
	seenDev := make(map[uint64]bool)
	for _, f := range staged {
		dir := filepath.Dir(f.tmp)
		if seenDir[dir] {
			continue
		}
		seenDir[dir] = true
		fi, err := os.Stat(dir)
		if err != nil {
			return err
		}
		st, ok := fi.Sys().(*syscall.Stat_t)
		if !ok {
			return errors.ErrUnsupported
		}
		if seenDev[uint64(st.Dev)] {
			continue
		}
		seenDev[uint64(st.Dev)] = true
		if err := syncfs(dir); err != nil {
			return err
		}
	}
	return nil
}

// fsyncAll fsyncs the staged files, several at a time.
func fsyncAll(staged []stagedFile) error {
	workers := min(len(staged), 32)
	next := make(chan string)
	errs := make(chan error, workers)
	for range workers {
		go func() {
			var first error
			for name := range next {
				if first == nil {
					first = fsyncFile(name)
				}
			}
			errs <- first
		}()
	}
	for _, f := range staged {
		next <- f.tmp
	}
	close(next)
	var err error
	for range workers {
		if e := <-errs; err == nil {
			err = e
		}
	}
	return err
}

func fsyncFile(name string) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

// syncDir makes a rename in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, syscall.EINVAL) {
		return err
	}
	return nil
}

// sameContent reports whether name is a regular file that already holds
// exactly data. Anything else (a FIFO, a device, a link) is replaced.
func sameContent(name string, data []byte) bool { return fileHolds(name, data, false) }

// fileHolds reports whether name is a regular file, not a link to one,
// that holds exactly data, and with mode0644, whose permissions are 0644.
// A whole build of 35,000 posts compares 31,000 files, and a fresh one
// checks every per-session file it links (copies.go): so one open (which
// neither follows a link nor waits for a FIFO's writer), one fstat, reads
// a piece at a time into a buffer used again, one close; an os.File would
// add system calls of its own.
func fileHolds(name string, data []byte, mode0644 bool) bool {
	fd, err := syscall.Open(name, syscall.O_RDONLY|syscall.O_NONBLOCK|syscall.O_NOFOLLOW|syscall.O_CLOEXEC, 0)
	if err != nil {
		return false
	}
	defer syscall.Close(fd)
	var st syscall.Stat_t
	if syscall.Fstat(fd, &st) != nil || st.Mode&syscall.S_IFMT != syscall.S_IFREG || st.Size != int64(len(data)) ||
		mode0644 && st.Mode&0o7777 != 0o644 {
		return false
	}
	buf := compareBufs.Get().(*[32 << 10]byte)
	defer compareBufs.Put(buf)
	for rest := data; ; {
		// One byte past data's end is asked for: a file grown since its
		// size was read holds more.
		want := min(len(buf), len(rest)+1)
		n, err := readOnce(fd, buf[:want])
		if err != nil || n > len(rest) || !bytes.Equal(buf[:n], rest[:n]) {
			return false
		}
		if n < want { // the end of the file
			return n == len(rest)
		}
		rest = rest[n:]
	}
}

// readOnce reads into p, in one read(2) unless a signal cuts it short: a
// regular file gives less than asked only at its end. On a file system
// that gives less anyway the file reads as different, and is written again.
func readOnce(fd int, p []byte) (int, error) {
	for {
		n, err := syscall.Read(fd, p)
		if err != syscall.EINTR {
			return n, err
		}
	}
}

var compareBufs = sync.Pool{New: func() any { return new([32 << 10]byte) }}

// errNotRegular is why a file that is not a regular file is not read.
var errNotRegular = errors.New("not a regular file")

// openRegular opens name for reading only if it is a regular file, not a
// symbolic link: a FIFO would block the run forever (and with it the
// lock), a device such as /dev/zero never ends.
func openRegular(name string) (*os.File, error) {
	fi, err := os.Lstat(name)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fmt.Errorf("%w (%s)", errNotRegular, kind(fi.Mode()))}
	}
	// O_NONBLOCK: should name become a FIFO after the Lstat, opening it
	// does not wait for a writer; O_NOFOLLOW: nor a link.
	f, err := os.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK|syscall.O_NOFOLLOW, 0)
	if err != nil {
		return nil, err
	}
	if fi2, err := f.Stat(); err != nil || !fi2.Mode().IsRegular() || !os.SameFile(fi, fi2) {
		f.Close()
		return nil, &fs.PathError{Op: "open", Path: name, Err: errNotRegular}
	}
	return f, nil
}

// kind names a file mode's type for messages.
func kind(m fs.FileMode) string {
	switch {
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	case m&fs.ModeNamedPipe != 0:
		return "a FIFO"
	case m&fs.ModeDevice != 0, m&fs.ModeCharDevice != 0:
		return "a device"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m.IsDir():
		return "a folder"
	}
	return "not a regular file"
}

// errLocked is returned when another run holds the output directory.
var errLocked = errors.New("locked")

// lockName is the lock file in the output directory. It stays behind
// (removing it would race with a waiting run); it is empty and harmless
// (a stamping run changes it to read the file system's clock: fileClock).
const lockName = ".sessionfeed.lock"

// lockDir takes an exclusive lock on the output directory so that two runs
// never interleave their writes. It waits up to wait for a run in progress
// to finish.
func lockDir(dir string, wait time.Duration) (unlock func(), err error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(filepath.Join(dir, lockName), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	return flock(f, syscall.LOCK_EX, wait)
}

// readLockDir takes a shared lock on the output directory, for a run that
// only reads it (-check): it waits for a writing run to finish, and writes
// nothing itself. Where no run ever locked the directory there is nothing to
// wait for.
func readLockDir(dir string, wait time.Duration) (unlock func(), err error) {
	f, err := os.Open(filepath.Join(dir, lockName))
	if errors.Is(err, fs.ErrNotExist) {
		return func() {}, nil
	}
	if err != nil {
		return nil, err
	}
	return flock(f, syscall.LOCK_SH, wait)
}

func flock(f *os.File, how int, wait time.Duration) (unlock func(), err error) {
	deadline := time.Now().Add(wait)
	for {
		err := syscall.Flock(int(f.Fd()), how|syscall.LOCK_NB)
		if err == nil {
			return func() { f.Close() }, nil
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) {
			f.Close()
			return nil, fmt.Errorf("locking %s: %w", filepath.Dir(f.Name()), err)
		}
		if !time.Now().Before(deadline) {
			f.Close()
			return nil, errLocked
		}
		time.Sleep(50 * time.Millisecond)
	}
}
