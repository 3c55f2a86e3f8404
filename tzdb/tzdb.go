// Package tzdb loads time zones from the tz database embedded in the binary
// (a copy of Go's lib/time/zoneinfo.zip, release 2025c), never from the
// machine's zoneinfo. time.LoadLocation prefers the system's files, so the
// same site built on a laptop and on CI would get different VTIMEZONEs, and
// calendar.ics would churn, whenever their tz releases differ.
//
// To update: copy $(go env GOROOT)/lib/time/zoneinfo.zip over zoneinfo.zip
// and change the release named above and in README.md.
package tzdb

import (
	"archive/zip"
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"sync"
	"time"
)

// Release is the tz database release embedded.
const Release = "2025c"

//go:embed zoneinfo.zip
var zipData []byte

var (
	openOnce sync.Once
	files    map[string]*zip.File
	openErr  error

	cache sync.Map // name → *time.Location, or error
)

// ErrUnknownZone is returned for a name that the embedded tz database does
// not have.
var ErrUnknownZone = errors.New("not in the tz database")

// Load returns the zone called name ("Europe/Berlin", "UTC") from the
// embedded tz database. "" and "Local" name no zone here: they would mean
// the machine's.
func Load(name string) (*time.Location, error) {
	if name == "UTC" {
		return time.UTC, nil
	}
	if v, ok := cache.Load(name); ok {
		if err, bad := v.(error); bad {
			return nil, err
		}
		return v.(*time.Location), nil
	}
	loc, err := load(name)
	if err != nil {
		cache.Store(name, err)
		return nil, err
	}
	cache.Store(name, loc)
	return loc, nil
}

func load(name string) (*time.Location, error) {
	openOnce.Do(func() {
		r, err := zip.NewReader(bytes.NewReader(zipData), int64(len(zipData)))
		if err != nil {
			openErr = err
			return
		}
		files = make(map[string]*zip.File, len(r.File))
		for _, f := range r.File {
			files[f.Name] = f
		}
	})
	if openErr != nil {
		return nil, fmt.Errorf("tz database: %w", openErr)
	}
	f := files[name]
	if name == "" || name == "Local" || f == nil || f.UncompressedSize64 > 1<<20 {
		return nil, fmt.Errorf("time zone %q: %w", name, ErrUnknownZone)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, 1<<20))
	if err != nil {
		return nil, err
	}
	return time.LoadLocationFromTZData(name, data)
}
