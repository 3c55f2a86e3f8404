//go:build wip

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

var kills = flag.Int("kills", 40, "how many builds TestKilledBuilds kills")

// TestKilledBuilds starts builds and kills them (SIGKILL) at random moments.
// After every kill each output must be the complete old or the complete new
// version, never a mix or a truncation; and a later build must finish the job.
func TestKilledBuilds(t *testing.T) {
	if testing.Short() {
		t.Skip("kills processes; skipped with -short")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	site := filepath.Join(dir, "site")
	writeKillSite(t, site, "A", 60)

	// The two versions every output may hold: built from edition A and from B.
	versions := map[string][2][]byte{}
	refA, refB := filepath.Join(dir, "refA"), filepath.Join(dir, "refB")
	runBuildProcess(t, exe, site, refA)
	writeKillSite(t, site, "B", 60)
	runBuildProcess(t, exe, site, refB)
	names := outputFiles(t, refA)
	for _, name := range names {
		a, _ := os.ReadFile(filepath.Join(refA, name))
		b, _ := os.ReadFile(filepath.Join(refB, name))
		if bytes.Equal(a, b) {
			continue // the same in both editions: nothing to tell apart
		}
		versions[name] = [2][]byte{a, b}
	}
	if len(versions) == 0 {
		t.Fatal("editions A and B give identical outputs; the test would prove nothing")
	}

	out := filepath.Join(dir, "out")
	writeKillSite(t, site, "A", 60)
	runBuildProcess(t, exe, site, out)
	rng := rand.New(rand.NewPCG(1, 2))
	edition := "A"
	killed := 0
	for i := 0; i < *kills; i++ {
		if edition == "A" {
			edition = "B"
		} else {
			edition = "A"
		}
		writeKillSite(t, site, edition, 60)
		cmd := buildCommand(exe, site, out)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(rng.IntN(30000)) * time.Microsecond)
		if cmd.Process.Signal(syscall.SIGKILL) == nil {
			killed++
		}
		cmd.Wait()
		for name, v := range versions {
			got, err := os.ReadFile(filepath.Join(out, name))
			if err != nil {
				t.Fatalf("kill %d: %s: %v", i, name, err)
			}
			if !bytes.Equal(got, v[0]) && !bytes.Equal(got, v[1]) {
				t.Fatalf("kill %d: %s is neither the old nor the new version (%d bytes)", i, name, len(got))
			}
		}
	}
	// A run after the kills completes the job and leaves no temporary files.
	runBuildProcess(t, exe, site, out)
	for name, v := range versions {
		got, _ := os.ReadFile(filepath.Join(out, name))
		want := v[0]
		if edition == "B" {
			want = v[1]
		}
		if !bytes.Equal(got, want) {
			t.Errorf("after the kills, a full build left %s stale", name)
		}
	}
	for _, name := range outputFiles(t, out) {
		if strings.Contains(filepath.Base(name), ".tmp") {
			t.Errorf("temporary file left behind: %s", name)
		}
	}
	t.Logf("%d builds killed, every output whole after each", killed)
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

func outputFiles(t *testing.T, dir string) []string {
	t.Helper()
	var names []string
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() == ".sessionfeed.lock" {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		names = append(names, rel)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return names
}
