package main

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"runtime/debug"
	"testing"
)

// TestCollectorPace: once Load says how many posts it will read, the
// collector is off for a tiny site (bounded by tinySiteMemory, or by the
// user's GOMEMLIMIT), at a fifth of the usual pace for a small one, and as
// it was for a big one; what paceCollector returns restores it.
func TestCollectorPace(t *testing.T) {
	if os.Getenv("GOGC") != "" {
		t.Skip("GOGC set: the build leaves the collector alone")
	}
	defer debug.SetGCPercent(debug.SetGCPercent(10))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	for _, tt := range []struct {
		posts     int
		env       string // GOMEMLIMIT
		limit     int64  // before
		wantGC    int
		wantLimit int64
	}{
		{60, "", math.MaxInt64, -1, tinySiteMemory},
		{tinySite, "100MiB", 100 << 20, -1, 100 << 20},
		{tinySite + 1, "", math.MaxInt64, 400, math.MaxInt64},
		{smallSite, "", math.MaxInt64, 400, math.MaxInt64},
		{smallSite + 1, "", math.MaxInt64, 10, math.MaxInt64},
	} {
		t.Setenv("GOMEMLIMIT", tt.env)
		debug.SetGCPercent(10)
		debug.SetMemoryLimit(tt.limit)
		s := &site{}
		restore := paceCollector(s)
		s.found(tt.posts)
		gc, limit := debug.SetGCPercent(-1), debug.SetMemoryLimit(-1)
		debug.SetGCPercent(gc)
		if gc != tt.wantGC || limit != tt.wantLimit {
			t.Errorf("%d posts, GOMEMLIMIT=%q: GOGC %d and limit %d, want %d and %d", tt.posts, tt.env, gc, limit, tt.wantGC, tt.wantLimit)
		}
		restore()
		if gc, limit := debug.SetGCPercent(10), debug.SetMemoryLimit(-1); gc != 10 || limit != tt.limit {
			t.Errorf("%d posts, GOMEMLIMIT=%q: restored to GOGC %d and limit %d, want 10 and %d", tt.posts, tt.env, gc, limit, tt.limit)
		}
	}

	// A whole build leaves the collector as it found it.
	t.Setenv("GOMEMLIMIT", "")
	debug.SetMemoryLimit(math.MaxInt64)
	dir := t.TempDir()
	site := filepath.Join(dir, "site")
	writeKillSite(t, site, "A", 60)
	var stderr bytes.Buffer
	if code := run([]string{"build", "-site", site, "-out", filepath.Join(dir, "out"), "-now", "2021-06-01T00:00:00Z"}, &stderr, &stderr); code != exitOK {
		t.Fatalf("build: exit %d\n%s", code, stderr.String())
	}
	if gc, limit := debug.SetGCPercent(10), debug.SetMemoryLimit(-1); gc != 10 || limit != math.MaxInt64 {
		t.Errorf("after a build: GOGC %d and limit %d, want 10 and none, as before", gc, limit)
	}
}
