package main

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"testing"
)

// TestCollectorPace: a build of a tiny site runs no collection (see
// paceCollector), even where the collector was set to run at ten times the
// usual pace, and leaves it as it found it: its pace, and the memory limit,
// the user's GOMEMLIMIT or none.
func TestCollectorPace(t *testing.T) {
	if os.Getenv("GOGC") != "" {
		t.Skip("GOGC set: the build leaves the collector alone")
	}
	dir := t.TempDir()
	site := filepath.Join(dir, "site")
	writeKillSite(t, site, "A", 60)
	defer debug.SetGCPercent(debug.SetGCPercent(10))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))

	for _, tt := range []struct {
		env   string
		limit int64
	}{
		{"", math.MaxInt64},
		{"100MiB", 100 << 20},
	} {
		t.Setenv("GOMEMLIMIT", tt.env)
		debug.SetMemoryLimit(tt.limit)
		cycles := []metrics.Sample{{Name: "/gc/cycles/total:gc-cycles"}}
		runtime.GC()
		metrics.Read(cycles)
		before := cycles[0].Value.Uint64()
		var stderr bytes.Buffer
		out := filepath.Join(dir, "out"+tt.env)
		if code := run([]string{"build", "-site", site, "-out", out, "-now", "2021-06-01T00:00:00Z"}, &stderr, &stderr); code != exitOK {
			t.Fatalf("build: exit %d\n%s", code, stderr.String())
		}
		metrics.Read(cycles)
		if n := cycles[0].Value.Uint64() - before; n != 0 {
			t.Errorf("GOMEMLIMIT=%q: a build of 60 posts ran %d collections, want none", tt.env, n)
		}
		if got := debug.SetGCPercent(10); got != 10 {
			t.Errorf("GOMEMLIMIT=%q: after the build, GOGC is %d, want 10 as before", tt.env, got)
		}
		if got := debug.SetMemoryLimit(-1); got != tt.limit {
			t.Errorf("GOMEMLIMIT=%q: after the build, the memory limit is %d, want %d as before", tt.env, got, tt.limit)
		}
	}
}
