package main

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/sessionfeed/sessionfeed/ical"
	"github.com/sessionfeed/sessionfeed/posts/diag"
)

// sessionFileLimits bound the reading of one per-session file, which holds
// one event.
var sessionFileLimits = ical.Limits{MaxBytes: 1 << 20, MaxEvents: 1, Budget: time.Second}

// maxSessionFiles bounds how many per-session files are read to recover a
// previous calendar.
const maxSessionFiles = 200_000

// readPrevious reads what the last run published: calendar.ics, checked
// and within limits. When it is missing or could not be read whole, the
// per-session files, each a copy of one of its events, give back what they
// can: the calendar's history survives a truncated or clobbered
// calendar.ics.
func readPrevious(out string, cfg *Config) *ical.Previous {
	name := cfg.Calendar.Path
	prev := &ical.Previous{}
	f, err := openRegular(filepath.Join(out, filepath.FromSlash(name)))
	missing := errors.Is(err, fs.ErrNotExist)
	switch {
	case missing:
	case err != nil:
		prev.Diagnostics = append(prev.Diagnostics, diag.Errorf(name, 0, "cannot read the previous calendar: %v; what the per-session files hold is recovered", reason(err)))
	default:
		prev = ical.ReadPrevious(f, name, ical.DefaultLimits)
		f.Close()
	}
	if !missing && prev.Errors() == 0 {
		return prev
	}
	dir := filepath.Join(out, filepath.FromSlash(cfg.Calendar.SessionsDir))
	entries, err := os.ReadDir(dir)
	if err != nil {
		return prev
	}
	deadline := time.Now().Add(ical.DefaultLimits.Budget)
	for i, e := range entries {
		if i >= maxSessionFiles || time.Now().After(deadline) {
			prev.Diagnostics = append(prev.Diagnostics, diag.Warnf(cfg.Calendar.SessionsDir, 0, "only %d per-session files were read to recover the calendar's history", i))
			break
		}
		if !strings.HasSuffix(e.Name(), ".ics") || !e.Type().IsRegular() {
			continue
		}
		f, err := openRegular(filepath.Join(dir, e.Name()))
		if err != nil {
			continue
		}
		one := ical.ReadPrevious(f, path.Join(cfg.Calendar.SessionsDir, e.Name()), sessionFileLimits)
		f.Close()
		// A per-session file that is not ours, or broken, is no loss: its
		// problems are not the run's.
		one.Diagnostics = nil
		prev.Merge(one)
	}
	return prev
}

// reason is err without the path a PathError repeats.
func reason(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
