package main

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/BurntSushi/toml"
)

// Configuration that cannot destroy. A build removes the per-session files
// it no longer needs and replaces its outputs; these checks keep that from
// reaching what is not its own.

// checkSafety rejects settings that would lose data.
func (c *Config) checkSafety() *checkError {
	// Every other run would remove an output inside sessions_dir as a
	// per-session file that is no longer needed, and calendar.ics with it
	// its history.
	if dir := cmp.Or(c.Calendar.SessionsDir, "sessions"); dir != "" {
		for _, o := range []struct {
			key   toml.Key
			value string
		}{
			{toml.Key{"calendar", "path"}, cmp.Or(c.Calendar.Path, "calendar.ics")},
			{toml.Key{"feed", "path"}, cmp.Or(c.Feed.Path, "atom.xml")},
			{toml.Key{"feed", "rss_path"}, deref(c.Feed.RSSPath)},
			{toml.Key{"feed", "json_path"}, deref(c.Feed.JSONPath)},
		} {
			if o.value != "" && inside(o.value, dir) {
				return &checkError{o.key, fmt.Sprintf("%s %q is inside calendar.sessions_dir %q, whose files sessionfeed removes when their sessions are gone; put it elsewhere", strings.Join(o.key, "."), o.value, dir)}
			}
		}
		if inside(dir, cmp.Or(c.Calendar.Path, "calendar.ics")) {
			return &checkError{toml.Key{"calendar", "sessions_dir"}, fmt.Sprintf("calendar.sessions_dir %q is inside calendar.path", dir)}
		}
	}
	// A zero duration would silently mean the default before; now it is
	// refused, since each would do harm: keep_cancelled = "0d" would drop a
	// removed session without telling subscribers.
	for _, d := range []struct {
		key   toml.Key
		value Duration
		why   string
	}{
		{toml.Key{"calendar", "keep_cancelled"}, c.Calendar.KeepCancelled, "a removed session would vanish without subscribers being told it is cancelled; write at least \"1d\" (the default is \"30d\")"},
		{toml.Key{"calendar", "refresh"}, c.Calendar.Refresh, "calendars would re-fetch without pause; write how often the site is rebuilt, e.g. \"1h\""},
		{toml.Key{"calendar", "default_duration"}, c.Calendar.DefaultDuration, "sessions without an end would last no time; write e.g. \"1h\""},
	} {
		if _, set := c.origin[d.key.String()]; set && d.value == 0 {
			return &checkError{d.key, fmt.Sprintf("%s must not be zero: %s", strings.Join(d.key, "."), d.why)}
		}
	}
	return nil
}

// inside reports whether the slash-separated path p is dir or below it.
func inside(p, dir string) bool {
	p, dir = path.Clean(p), path.Clean(dir)
	return p == dir || strings.HasPrefix(p, dir+"/")
}

// checkOutputDir refuses an output directory at the root of the file
// system, whatever said so, and one outside the site that only the
// configuration names (flagOut is -out).
func checkOutputDir(out, flagOut string, c *Config) error {
	if flagOut == "" && c.Output != "" && !isLocalPath(filepath.ToSlash(c.Output)) {
		return fmt.Errorf("%s: output %q must be a folder inside the site; to write elsewhere, say so on the command line with -out",
			cmp.Or(c.origin["output"], "configuration"), c.Output)
	}
	abs, err := filepath.Abs(out)
	if err != nil {
		return err
	}
	if filepath.Dir(abs) == abs {
		return fmt.Errorf("refusing to write at the root of the file system (%s): give the site's output folder, e.g. -out public", abs)
	}
	return nil
}

// errSymlink is why a folder that is a symbolic link is not written through.
var errSymlink = errors.New("is a symbolic link")

// checkNoLinks refuses outputs whose folders below out are symbolic links
// (sessions_dir, the folders of calendar.path and the feeds): a link there
// would send writes and removals somewhere else. out itself may be a link.
func checkNoLinks(out string, names ...string) error {
	for _, name := range names {
		if name == "" {
			continue
		}
		dir := path.Dir(path.Clean(name))
		for dir != "." && dir != "/" {
			fi, err := os.Lstat(filepath.Join(out, filepath.FromSlash(dir)))
			switch {
			case errors.Is(err, fs.ErrNotExist):
			case err != nil:
				return err
			case fi.Mode()&fs.ModeSymlink != 0:
				return fmt.Errorf("%s %w; sessionfeed does not write through links (replace it with a folder, or point -out at the real one)", filepath.Join(out, filepath.FromSlash(dir)), errSymlink)
			}
			dir = path.Dir(dir)
		}
	}
	return nil
}
