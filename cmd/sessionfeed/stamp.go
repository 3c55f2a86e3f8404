package main

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/sessionfeed/sessionfeed/posts/diag"
	"github.com/sessionfeed/sessionfeed/posts/inputs"
)

// A stamp is what a build that found every output up to date depended on:
// the program and its options, every read of the site (package inputs), the
// span of instants at which its decisions by the current time stand, and
// the outputs as they are on disk. A later run for which all of it still
// holds would compute the same outputs again and find them up to date; it
// says the same warnings and errors, exits as that build did, and stops
// there (see README, "Reruns").
//
// Stamps live outside the output directory (which is published), in the
// user's cache directory, one per output directory; SESSIONFEED_CACHE names
// another folder, or "off".
type stamp struct {
	key      string
	span     inputs.Span
	posts    int
	sessions int
	diags    []diag.Diagnostic
	facts    []inputs.Fact
	outputs  []outputFact
}

// outputFact is an output file or folder (relative to the output
// directory, "." for itself) and its fileState.
type outputFact struct {
	name, state string
}

const stampHeader = "sessionfeed stamp 3"

// stampFile is where the stamp for the output directory out is kept, or ""
// when stamps are off or there is no cache directory.
func stampFile(out string) string { return cacheFile("stamps", out) }

// cacheFile is the file of the cache folder's subfolder kind that is kept
// for the folder dir (named by a hash of its absolute name), or "" when
// the cache is off or there is no cache directory.
func cacheFile(kind, dir string) string {
	cache := stampDir()
	if cache == "" {
		return ""
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	sum := sha256.Sum256([]byte(abs))
	return filepath.Join(cache, kind, hex.EncodeToString(sum[:16]))
}

// stampDir is the folder of the stamps, or "" when stamps are off or
// there is no cache directory.
func stampDir() string {
	dir := os.Getenv("SESSIONFEED_CACHE")
	switch dir {
	case "off":
		return ""
	case "":
		cache, err := os.UserCacheDir()
		if err != nil {
			return ""
		}
		dir = filepath.Join(cache, "sessionfeed")
	}
	return dir
}

// stampKey identifies the program and the options of a build: a stamp made
// by another binary, for another site or with other options never holds.
// The program is its executable's file state: any link to it is the same
// program, a new build of it a new file.
func stampKey(f *buildFlags, s *site, out string) (string, error) {
	exeState, err := programState()
	if err != nil {
		return "", err
	}
	abs := func(p string) string {
		if p == "" {
			return ""
		}
		a, err := filepath.Abs(p)
		if err != nil {
			return p
		}
		return a
	}
	// The folders as named, not only their absolute names: the reads the
	// stamp lists are of the names the run made of them (site/content),
	// and two names with one absolute name can be two folders on disk
	// (../site from a linked folder).
	h := sha256.New()
	for _, v := range []string{stampHeader, runtime.Version(), exeState,
		f.site, f.config, f.out, out,
		abs(f.site), abs(f.config), abs(out), strconv.FormatBool(f.future), s.cfg.previousFrom} {
		fmt.Fprintf(h, "%q\n", v)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// programState is the running executable's file state: a new build of
// the program is a new file.
func programState() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", err
	}
	fi, err := os.Stat(exe)
	if err != nil {
		return "", err
	}
	state, _ := fileState(fi)
	return state, nil
}

// holds tells whether st still describes this run: the same key, the run's
// time inside its span, the outputs and every read of the site as they
// were. why says what differs.
func (st *stamp) holds(key string, now time.Time, out string) (why string, ok bool) {
	switch {
	case st.key != key:
		return "the program or its options changed", false
	case !st.span.Holds(now):
		return "the time passed a date a post or session depends on", false
	}
	if name, ok := outputsHold(out, st.outputs); !ok {
		return name + " changed", false
	}
	if f, ok := inputs.Check(st.facts); !ok {
		return f.Path + " changed", false
	}
	return "", true
}

// outputsHold compares each output's state now with what st recorded, and
// names the first (in the stamp's order: files, then folders) that differs.
func outputsHold(out string, facts []outputFact) (changed string, ok bool) {
	i, found := inputs.FirstOf(len(facts), func(i int) bool {
		state, _, _, err := outputState(out, facts[i].name)
		return err != nil || state != facts[i].state
	})
	switch {
	case !found:
		return "", true
	case facts[i].name == ".":
		return "the output directory", false
	}
	return facts[i].name, false
}

// absent is the state of an output folder that does not exist.
const absent = "absent"

// outputState is the state of the output name below out: its fileState,
// and for a link (the output directory itself, or a folder below it) that
// of what it leads to as well, whose entries a build looks at; absent for
// a folder that does not exist.
func outputState(out, name string) (state string, changed time.Time, isDir bool, err error) {
	file := filepath.Join(out, filepath.FromSlash(name))
	fi, err := os.Lstat(file)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return absent, time.Time{}, true, nil
		}
		return "", time.Time{}, false, err
	}
	state, changed = fileState(fi)
	if fi.Mode()&fs.ModeSymlink != 0 {
		target, err := os.Stat(file)
		if err != nil {
			return state + " -> " + reason(err), changed, false, nil
		}
		to, c := fileState(target)
		state, changed, fi = state+" -> "+to, later(changed, c), target
	}
	return state, changed, fi.IsDir(), nil
}

// outputStates records the state of every output file of plan, of the
// folders holding them, of the sessions folder and the folders holding it
// (where a per-session file of ours appearing is one a build removes),
// whether they exist or not, and of every entry of the sessions folder (a
// file there that is not ours is read to tell whether to remove it). It fails
// when a file's time is not before since, the file system's time when the
// build began to look at the outputs (fileClock): changed later, it may have
// been compared before the change; changed in the same tick of the file
// system's clock, a later change could leave its times as they are. The
// next run makes the stamp.
func outputStates(p *buildPlan, sessionsDir string, since time.Time) ([]outputFact, error) {
	if since.IsZero() {
		return nil, errors.New("the output folder's file system did not tell its time")
	}
	names := map[string]bool{".": true}
	for _, f := range p.files {
		names[f.name] = true
		for d := path.Dir(f.name); d != "." && d != "/"; d = path.Dir(d) {
			names[d] = true
		}
	}
	for d := path.Clean(sessionsDir); d != "." && d != "/"; d = path.Dir(d) {
		names[d] = true
	}
	entries, err := os.ReadDir(filepath.Join(p.out, filepath.FromSlash(sessionsDir)))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	for _, e := range entries {
		names[path.Join(sessionsDir, e.Name())] = true
	}
	var facts, dirs []outputFact
	for name := range names {
		state, changed, isDir, err := outputState(p.out, name)
		if err != nil {
			return nil, err
		}
		if state != absent && !changed.Before(since) {
			return nil, fmt.Errorf("%s changed as this run began to look at it, or later", name)
		}
		if isDir {
			dirs = append(dirs, outputFact{name, state})
		} else {
			facts = append(facts, outputFact{name, state})
		}
	}
	byName := func(a, b outputFact) int { return strings.Compare(a.name, b.name) }
	slices.SortFunc(facts, byName)
	slices.SortFunc(dirs, byName)
	return append(facts, dirs...), nil
}

// fileClock is the current time of the file system of the output folder
// out, as it stamps files: the time a change of the lock file gets (a byte
// written and taken back: it stays empty). Its
// ticks are the file system's (a kernel clock tick, a second on some), so
// that an output's time before it is a time no later change can have.
func fileClock(out string) (time.Time, error) {
	f, err := os.OpenFile(filepath.Join(out, lockName), os.O_WRONLY, 0)
	if err != nil {
		return time.Time{}, err
	}
	defer f.Close()
	if _, err := f.WriteAt([]byte{'\n'}, 0); err != nil {
		return time.Time{}, err
	}
	if err := f.Truncate(0); err != nil {
		return time.Time{}, err
	}
	fi, err := f.Stat()
	if err != nil {
		return time.Time{}, err
	}
	_, now := fileState(fi)
	return now, nil
}

// encode writes st in its text form: a header, then one record a line,
// strings quoted, and last the SHA-256 of all that (a stamp cut short, or
// with a line lost, is no stamp).
func (st *stamp) encode() ([]byte, error) {
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s\nkey %s\n", stampHeader, st.key)
	lo, hi, now := "-", "-", ""
	for _, t := range []struct {
		set bool
		t   time.Time
		s   *string
	}{{st.span.HasLo, st.span.Lo, &lo}, {st.span.HasHi, st.span.Hi, &hi}, {true, st.span.Now, &now}} {
		if !t.set {
			continue
		}
		text, err := t.t.MarshalText()
		if err != nil {
			return nil, err
		}
		*t.s = string(text)
	}
	fmt.Fprintf(&b, "span %s %s %t %s\n", lo, hi, st.span.Exact, now)
	fmt.Fprintf(&b, "counts %d %d\n", st.posts, st.sessions)
	for _, d := range st.diags {
		fmt.Fprintf(&b, "diag %d %d %q %q\n", d.Severity, d.Line, d.File, d.Message)
	}
	for _, f := range st.facts {
		fmt.Fprintf(&b, "read %c %q %q\n", f.Op, f.Digest, f.Path)
	}
	for _, o := range st.outputs {
		fmt.Fprintf(&b, "output %q %q\n", o.state, o.name)
	}
	sum := sha256.Sum256(b.Bytes())
	fmt.Fprintf(&b, "end %x\n", sum)
	return b.Bytes(), nil
}

// stampBody is the records of a stamp's text form, checked against the
// SHA-256 on its last line.
func stampBody(data []byte) ([]byte, error) {
	body, ok := bytes.CutSuffix(data, []byte("\n"))
	if !ok {
		return nil, errors.New("stamp: cut short")
	}
	i := bytes.LastIndexByte(body, '\n') + 1
	sum, ok := bytes.CutPrefix(body[i:], []byte("end "))
	want := sha256.Sum256(data[:i])
	if !ok || string(sum) != hex.EncodeToString(want[:]) {
		return nil, errors.New("stamp: cut short or damaged")
	}
	return data[:i], nil
}

// decodeStamp reads a stamp's text form; any flaw makes it no stamp.
func decodeStamp(data []byte) (*stamp, error) {
	data, err := stampBody(data)
	if err != nil {
		return nil, err
	}
	st := &stamp{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	line := 0
	bad := func(format string, args ...any) (*stamp, error) {
		return nil, fmt.Errorf("stamp line %d: %s", line, fmt.Sprintf(format, args...))
	}
	for sc.Scan() {
		line++
		text := sc.Text()
		if line == 1 {
			if text != stampHeader {
				return bad("not a stamp of this version")
			}
			continue
		}
		kind, rest, _ := strings.Cut(text, " ")
		fields, err := splitFields(rest)
		if err != nil {
			return bad("%v", err)
		}
		switch {
		case kind == "key" && len(fields) == 1:
			st.key = fields[0]
		case kind == "span" && len(fields) == 4:
			var errs [3]error
			st.span.Lo, st.span.HasLo, errs[0] = parseStampTime(fields[0])
			st.span.Hi, st.span.HasHi, errs[1] = parseStampTime(fields[1])
			st.span.Exact, errs[2] = strconv.ParseBool(fields[2])
			if err := errors.Join(errs[:]...); err != nil {
				return bad("span: %v", err)
			}
			if err := st.span.Now.UnmarshalText([]byte(fields[3])); err != nil {
				return bad("span: %v", err)
			}
		case kind == "counts" && len(fields) == 2:
			var err1, err2 error
			st.posts, err1 = strconv.Atoi(fields[0])
			st.sessions, err2 = strconv.Atoi(fields[1])
			if err1 != nil || err2 != nil {
				return bad("counts")
			}
		case kind == "diag" && len(fields) == 4:
			sev, err1 := strconv.Atoi(fields[0])
			ln, err2 := strconv.Atoi(fields[1])
			if err1 != nil || err2 != nil || (diag.Severity(sev) != diag.Warning && diag.Severity(sev) != diag.Error) {
				return bad("diagnostic")
			}
			st.diags = append(st.diags, diag.Diagnostic{File: fields[2], Line: ln, Severity: diag.Severity(sev), Message: fields[3]})
		case kind == "read" && len(fields) == 3:
			op, ok := inputs.ParseOp(fields[0])
			if !ok {
				return bad("read: operation %q", fields[0])
			}
			st.facts = append(st.facts, inputs.Fact{Op: op, Digest: fields[1], Path: fields[2]})
		case kind == "output" && len(fields) == 2:
			st.outputs = append(st.outputs, outputFact{state: fields[0], name: fields[1]})
		default:
			return bad("unknown record %q", kind)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if st.key == "" || len(st.outputs) == 0 || st.span.Now.IsZero() {
		return nil, errors.New("stamp: incomplete")
	}
	return st, nil
}

// parseStampTime reads a time of a span: "-" for none.
func parseStampTime(s string) (t time.Time, set bool, err error) {
	if s == "-" {
		return time.Time{}, false, nil
	}
	err = t.UnmarshalText([]byte(s))
	return t, err == nil, err
}

// splitFields splits a record's fields: separated by one space, each one
// word or a Go-quoted string.
func splitFields(s string) ([]string, error) {
	var out []string
	for s != "" {
		if s[0] == '"' {
			q, err := strconv.QuotedPrefix(s)
			if err != nil {
				return nil, err
			}
			v, _ := strconv.Unquote(q)
			out = append(out, v)
			s = s[len(q):]
		} else {
			word, _, _ := strings.Cut(s, " ")
			out = append(out, word)
			s = s[len(word):]
		}
		if s != "" {
			if s[0] != ' ' {
				return nil, errors.New("fields must be separated by a space")
			}
			s = s[1:]
		}
	}
	return out, nil
}

// maxStampSize bounds what is read of a stamp: about 350 bytes a post, so
// a site of a million posts.
const maxStampSize = 512 << 20

// readStamp reads the stamp in file; nil when there is none or it is not
// whole.
func readStamp(file string) *stamp {
	if file == "" {
		return nil
	}
	data, ok := readCacheFile(file, maxStampSize)
	if !ok {
		return nil
	}
	st, err := decodeStamp(data)
	if err != nil {
		return nil
	}
	return st
}

// readCacheFile reads file, in the cache folder, when it is a regular file
// of at most limit bytes.
func readCacheFile(file string, limit int) ([]byte, bool) {
	f, err := openRegular(file)
	if err != nil {
		return nil, false
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, int64(limit)+1))
	if err != nil || len(data) > limit {
		return nil, false
	}
	return data, true
}

// writeStamp replaces the stamp in file with st, atomically.
func writeStamp(file string, st *stamp) error {
	data, err := st.encode()
	if err != nil {
		return err
	}
	return writeCacheFile(file, data)
}

// writeCacheFile replaces file, in the cache folder, with data,
// atomically, and trims the folder (trimStamps).
func writeCacheFile(file string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(file), ".stamp*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), file); err != nil {
		return err
	}
	trimStamps(filepath.Dir(file), time.Now())
	return nil
}

// stampsKept is how long a stamp no run has used is kept: the stamps of
// output folders long gone are removed when another stamp is written.
// A run that finds its stamp holding marks it used (its mtime).
const stampsKept = 30 * 24 * time.Hour

// trimStamps removes from dir, a folder of the cache, what no run has used
// for stampsKept, named as a stamp is: a stamp, a cache file, a site's
// copies (copies.go); and the temporary files of runs killed while writing
// one (after an hour). Nothing else is.
func trimStamps(dir string, now time.Time) {
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		fi, err := e.Info()
		if err != nil {
			continue
		}
		age := now.Sub(fi.ModTime())
		switch name := e.Name(); {
		case isStampName(name) && age > stampsKept && (fi.Mode().IsRegular() || fi.IsDir()):
			os.RemoveAll(filepath.Join(dir, name))
		case strings.HasPrefix(name, ".stamp") && age > time.Hour && fi.Mode().IsRegular():
			os.Remove(filepath.Join(dir, name))
		}
	}
}

// isStampName tells stampFile's names: 32 hexadecimal digits.
func isStampName(name string) bool {
	_, err := hex.DecodeString(name)
	return len(name) == 32 && err == nil
}

// removeStamp removes the stamp in file: a build that wrote or failed
// leaves none behind that could vouch for outputs it did not check.
func removeStamp(file string) {
	if file != "" {
		os.Remove(file)
	}
}

// later is the later of a and b.
func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}
