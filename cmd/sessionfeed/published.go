package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/sessionfeed/sessionfeed/ical"
	"github.com/sessionfeed/sessionfeed/posts/diag"
)

// A site built in CI starts from a clean checkout: its output folder holds
// no calendar.ics, and without the published one every SEQUENCE would start
// again at 0 and removed sessions would vanish instead of being cancelled.
// So when the output folder holds no calendar.ics, the previous calendar is
// read from where it was published: -previous, else [calendar] previous,
// else, with CI=true, "auto" (base_url + calendar.path).
//
// What is fetched is as hostile as a local file and goes through the same
// reader (ical.ReadPrevious, with its size, line, event and time limits).
// A 404 or 410 means nothing was published yet: a first build. Any other
// failure, or a calendar that cannot be read whole, stops the build before
// anything is written (exit 1): a calendar written without its history
// would reset every SEQUENCE, and become the next run's previous calendar.

// fetchTimeout bounds the whole fetch of a published calendar.
const fetchTimeout = 30 * time.Second

// previousSource resolves where the previous calendar is published: a URL,
// a file path, or "" for nowhere. flagValue is -previous ("" when not
// given); ci is the CI environment variable.
func previousSource(cfg *Config, siteDir, flagValue, ci string) (string, error) {
	src := flagValue
	if src == "" && cfg.Calendar.Previous != "" {
		src = cfg.Calendar.Previous
		if !isURL(src) && src != "auto" && src != "none" && !filepath.IsAbs(src) {
			src = filepath.Join(siteDir, src) // relative to the site, like content
		}
	}
	if src == "" && strings.EqualFold(strings.TrimSpace(ci), "true") {
		src = "auto"
	}
	switch {
	case src == "" || src == "none":
		return "", nil
	case src == "auto":
		return publishedURL(cfg, cfg.Calendar.Path), nil
	case strings.Contains(src, "://") && !isURL(src):
		return "", fmt.Errorf("-previous %q: a URL must be http(s)", src)
	}
	return src, nil
}

func isURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// previousError is a published calendar that could not be read.
type previousError struct {
	src    string
	reason string
}

func (e *previousError) Error() string {
	return fmt.Sprintf("the previous calendar could not be read from %s: %s; nothing was written: fix it, or pass -previous none to build afresh (every SEQUENCE starts again at 0)", e.src, e.reason)
}

// previousCalendar is the previous calendar: the output folder's (see
// readPrevious), or, when that holds no calendar.ics, the published one.
func previousCalendar(out string, cfg *Config) (*ical.Previous, error) {
	_, err := os.Lstat(filepath.Join(out, filepath.FromSlash(cfg.Calendar.Path)))
	if cfg.previousFrom == "" || !errors.Is(err, fs.ErrNotExist) {
		return readPrevious(out, cfg), nil
	}
	prev, found, err := readPublished(context.Background(), cfg.previousFrom)
	switch {
	case err != nil:
		return nil, err
	case !found:
		return readPrevious(out, cfg), nil
	}
	if n := prev.Errors(); n > 0 {
		var reasons []string
		for _, d := range prev.Diagnostics {
			if d.Severity == diag.Error {
				reasons = append(reasons, d.String())
			}
		}
		return nil, &previousError{cfg.previousFrom, strings.Join(reasons, "; ")}
	}
	return prev, nil
}

// readPublished reads the previous calendar from src, a URL or a file.
// found is false when there is none (404, 410, no such file): a first
// build.
func readPublished(ctx context.Context, src string) (prev *ical.Previous, found bool, err error) {
	fail := func(format string, args ...any) (*ical.Previous, bool, error) {
		return nil, true, &previousError{src, fmt.Sprintf(format, args...)}
	}
	if !isURL(src) {
		f, err := openRegular(src)
		if errors.Is(err, fs.ErrNotExist) {
			return nil, false, nil
		}
		if err != nil {
			return fail("%v", reason(err))
		}
		defer f.Close()
		return ical.ReadPrevious(f, src, ical.DefaultLimits), true, nil
	}
	ctx, cancel := context.WithTimeout(ctx, fetchTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, src, nil)
	if err != nil {
		return fail("%v", err)
	}
	req.Header.Set("User-Agent", "sessionfeed/"+version)
	req.Header.Set("Accept", "text/calendar, */*;q=0.1")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fail("%v", err)
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusNotFound || resp.StatusCode == http.StatusGone:
		return nil, false, nil
	case resp.StatusCode != http.StatusOK:
		return fail("HTTP %s", resp.Status)
	}
	prev = ical.ReadPrevious(resp.Body, src, ical.DefaultLimits)
	if ctx.Err() != nil {
		return fail("no complete answer within %v", fetchTimeout)
	}
	return prev, true, nil
}
