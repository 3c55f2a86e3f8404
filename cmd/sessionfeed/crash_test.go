package main

import (
	"bytes"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

var kills = flag.Int("kills", 25, "how many builds TestKilledBuilds kills")

// TestKilledBuilds starts builds and kills them (SIGKILL) at random moments.
// After every kill each output must be the complete old or the complete new
// version, never a mix or a truncation; and a later build must finish the job.
func TestKilledBuilds(t *testing.T) {
	exe, dir, site, out := killSetup(t)
	runBuildProcess(t, exe, site, out)
	rng := rand.New(rand.NewPCG(1, 2))
	edition := "A"
	killed, interrupted, midway := 0, 0, 0
	for i := 0; i < *kills; i++ {
		if edition == "A" {
			edition = "B"
		} else {
			edition = "A"
		}
		writeKillSite(t, site, edition, 60)

		// Each output may be as it is now, or as a complete build would
		// leave it: that build runs on a copy of the output directory,
		// since the calendar depends on the previous one.
		old := readTree(t, out)
		began := time.Now()
		want := buildCopy(t, exe, site, out, filepath.Join(dir, fmt.Sprintf("scratch%d", i)))
		took := time.Since(began)

		cmd := buildCommand(exe, site, out)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(rng.Int64N(int64(took))))
		if cmd.Process.Signal(syscall.SIGKILL) == nil {
			killed++
		}
		if err := cmd.Wait(); err != nil {
			interrupted++
		}
		now := readTree(t, out)
		if differs(now, old) && differs(now, want) {
			midway++ // killed between two files: some old, some new
		}
		for name, got := range now {
			if temporary(name) {
				continue // a killed run's temporary file, removed by the next run
			}
			if o, ok := old[name]; ok && bytes.Equal(got, o) {
				continue
			}
			if w, ok := want[name]; ok && bytes.Equal(got, w) {
				continue
			}
			t.Fatalf("kill %d (edition %s): %s is neither the old nor the new version (%d bytes)", i, edition, name, len(got))
		}
	}
	// A run after the kills completes the job as an undisturbed run would,
	// and leaves no temporary files.
	want := buildCopy(t, exe, site, out, filepath.Join(dir, "final"))
	runBuildProcess(t, exe, site, out)
	got := readTree(t, out)
	for name := range want {
		if !bytes.Equal(got[name], want[name]) {
			t.Errorf("after the kills, a full build left %s different from an undisturbed one", name)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("left behind: %s", name)
		}
	}
	t.Logf("%d builds killed: %d before they finished, %d between writing two files; every output whole after each",
		killed, interrupted, midway)
}

// TestKilledFreshBuilds kills first builds into an empty output directory,
// which write the per-session files into a new folder under a temporary
// name: after every kill, each output is missing or complete, and a later
// build leaves what an undisturbed one does and no temporary folder; with
// the cache off, and on (the files linked to the copies of earlier builds).
func TestKilledFreshBuilds(t *testing.T) {
	for _, cache := range []string{"off", "on"} {
		t.Run("cache "+cache, func(t *testing.T) {
			exe, dir, site, out := killSetup(t)
			if cache == "on" {
				// The per-session files are linked to the copies the first
				// build left in the cache (copies.go) and the copies trimmed.
				t.Setenv("SESSIONFEED_CACHE", filepath.Join(dir, "cache"))
			}
			killFreshBuilds(t, exe, site, out)
		})
	}
}

func killFreshBuilds(t *testing.T, exe, site, out string) {
	began := time.Now()
	runBuildProcess(t, exe, site, out)
	took := time.Since(began)
	want := readTree(t, out)
	rng := rand.New(rand.NewPCG(3, 4))
	whole, halfway := 0, 0
	for i := 0; i < *kills; i++ {
		if err := os.RemoveAll(out); err != nil {
			t.Fatal(err)
		}
		cmd := buildCommand(exe, site, out)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(rng.Int64N(int64(took))))
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		now := map[string][]byte{} // killed before the lock made out
		if _, err := os.Stat(out); err == nil {
			now = readTree(t, out)
		}
		staged := false
		for name, got := range now {
			if temporary(name) {
				staged = true
				continue
			}
			if !bytes.Equal(got, want[name]) {
				t.Fatalf("kill %d: %s is not the complete output (%d bytes)", i, name, len(got))
			}
		}
		if staged {
			halfway++
		}
		if _, err := os.Stat(filepath.Join(out, "sessions")); err == nil {
			// The folder appears whole, with every per-session file.
			whole++
			for name := range want {
				if _, ok := now[name]; !ok && strings.HasPrefix(name, "sessions"+string(filepath.Separator)) {
					t.Fatalf("kill %d: sessions/ is there without %s", i, name)
				}
			}
		}
		runBuildProcess(t, exe, site, out)
		got := readTree(t, out)
		for name := range want {
			if !bytes.Equal(got[name], want[name]) {
				t.Fatalf("kill %d: the build after it left %s different from an undisturbed one", i, name)
			}
		}
		for name := range got {
			if _, ok := want[name]; !ok {
				t.Fatalf("kill %d: left behind: %s", i, name)
			}
		}
	}
	t.Logf("%d fresh builds killed: %d left temporary files or folders (removed by the next build), %d the sessions folder whole", *kills, halfway, whole)
}

// temporary reports whether name (below an output directory) is a killed
// run's temporary file, or in its temporary folder: some element of it
// starts with a dot.
func temporary(name string) bool {
	for _, elem := range strings.Split(name, string(filepath.Separator)) {
		if strings.HasPrefix(elem, ".") {
			return true
		}
	}
	return false
}

// killSetup is what a test that kills builds starts from: this test
// binary (which runs as sessionfeed), a temporary folder dir with a site
// of 60 posts in dir/site, and dir/out for the outputs. It skips the test
// with -short.
func killSetup(t *testing.T) (exe, dir, site, out string) {
	t.Helper()
	if testing.Short() {
		t.Skip("kills processes; skipped with -short")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	dir = t.TempDir()
	site = filepath.Join(dir, "site")
	writeKillSite(t, site, "A", 60)
	return exe, dir, site, filepath.Join(dir, "out")
}

// buildCopy copies out to scratch, runs a complete build there and returns
// what it wrote.
func buildCopy(t *testing.T, exe, site, out, scratch string) map[string][]byte {
	t.Helper()
	if err := os.CopyFS(scratch, os.DirFS(out)); err != nil {
		t.Fatal(err)
	}
	runBuildProcess(t, exe, site, scratch)
	files := readTree(t, scratch)
	os.RemoveAll(scratch)
	return files
}

// differs reports whether the outputs in a and b differ, temporary files aside.
func differs(a, b map[string][]byte) bool {
	for name, data := range a {
		if !temporary(name) && !bytes.Equal(data, b[name]) {
			return true
		}
	}
	return false
}

// readTree reads every file below dir but the lock file.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() == lockName {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		files[rel], err = os.ReadFile(path)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func writeKillSite(t *testing.T, dir, edition string, n int) {
	t.Helper()
	content := filepath.Join(dir, "content")
	if err := os.MkdirAll(content, 0o755); err != nil {
		t.Fatal(err)
	}
	cfg := "base_url = \"https://example.org/\"\ntitle = \"kills\"\ntimezone = \"Europe/Berlin\"\n[feed]\nlimit = 50\n"
	if err := os.WriteFile(filepath.Join(dir, "sessionfeed.toml"), []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	for i := range n {
		post := fmt.Sprintf("+++\ntitle = \"Post %d, edition %s\"\n+++\n\n%s\n\n| When | Topic |\n| --- | --- |\n| 2021-06-%02d 17:00 | Topic %d (%s) |\n",
			i, edition, strings.Repeat("Some words of body text. ", 200), i%28+1, i, edition)
		name := filepath.Join(content, fmt.Sprintf("2021-05-%02d-post-%d.md", i%28+1, i))
		if err := os.WriteFile(name, []byte(post), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func buildCommand(exe, site, out string) *exec.Cmd {
	cmd := exec.Command(exe, "build", "-site", site, "-out", out, "-now", "2021-06-01T00:00:00Z", "-wait", "10s")
	cmd.Env = append(os.Environ(), runMainEnv+"=1")
	return cmd
}

func runBuildProcess(t *testing.T, exe, site, out string) {
	t.Helper()
	if b, err := buildCommand(exe, site, out).CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, b)
	}
}
