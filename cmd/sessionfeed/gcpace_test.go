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
// runBuild), even where the collector was set to run at ten times the
// usual pace, and leaves it as it found it.
func TestCollectorPace(t *testing.T) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		t.Skip("GOGC or GOMEMLIMIT set: the build leaves the collector alone")
	}
	dir := t.TempDir()
	site := filepath.Join(dir, "site")
	writeKillSite(t, site, "A", 60)
	defer debug.SetGCPercent(debug.SetGCPercent(10))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))

	cycles := []metrics.Sample{{Name: "/gc/cycles/total:gc-cycles"}}
	runtime.GC()
	metrics.Read(cycles)
	before := cycles[0].Value.Uint64()
	var stderr bytes.Buffer
	if code := run([]string{"build", "-site", site, "-out", filepath.Join(dir, "out"), "-now", "2021-06-01T00:00:00Z"}, &stderr, &stderr); code != exitOK {
		t.Fatalf("build: exit %d\n%s", code, stderr.String())
	}
	metrics.Read(cycles)
	if n := cycles[0].Value.Uint64() - before; n != 0 {
		t.Errorf("a build of 60 posts ran %d collections, want none", n)
	}
	if got := debug.SetGCPercent(10); got != 10 {
		t.Errorf("after the build, GOGC is %d, want 10 as before", got)
	}
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Errorf("after the build, the memory limit is %d, want none as before", got)
	}
}
