package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sessionfeed/sessionfeed/internal/golden"
)

// FuzzConfig feeds arbitrary files to loadConfig: it must never panic, and
// a configuration it accepts must be usable as it stands: an absolute base
// URL ending in "/", output paths that stay in the output directory, and
// every default filled in.
func FuzzConfig(f *testing.F) {
	for _, seed := range []string{
		"title = \"t\"\nbase_url = \"https://example.org/blog\"\n",
		"title = \"t\"\nbase_url = \"https://example.org/\"\ntimezone = \"Europe/Berlin\"\n[feed]\npath = \"feeds/atom.xml\"\nlimit = 5\n",
		"title = \"t\"\nbase_url = \"https://example.org/\"\n[calendar]\ndefault_duration = \"90m\"\nkeep_cancelled = \"30d\"\nsessions_dir = \"../x\"\n",
		"title = \"t\"\nbase_url = \"https://example.org/\"\n[zones]\nIST = \"Asia/Kolkata\"\n",
		"title = \"t\"\nbase_url = \"https://example.org/\"\n[feed]\nlmit = 1\n",
		"[calendar\npath=",
	} {
		f.Add(seed)
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data string) {
		name := filepath.Join(dir, "sessionfeed.toml")
		if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		c, err := loadConfig(name)
		if err != nil {
			if !strings.HasPrefix(err.Error(), name+":") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		if !strings.HasSuffix(c.BaseURL, "/") || !strings.HasPrefix(c.BaseURL, "http") {
			t.Errorf("accepted base_url %q", c.BaseURL)
		}
		for _, p := range []string{c.Feed.Path, c.Calendar.Path, c.Calendar.SessionsDir} {
			if !isLocalPath(p) {
				t.Errorf("accepted output path %q", p)
			}
		}
		if c.Feed.Limit <= 0 || c.Calendar.DefaultDuration <= 0 || time.Duration(c.Calendar.KeepCancelled) <= 0 || c.Calendar.Name == "" {
			t.Errorf("defaults missing: %+v", c)
		}
	})
}

func TestDuration(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"1h", time.Hour, true},
		{"90m", 90 * time.Minute, true},
		{"1h30m", 90 * time.Minute, true},
		{"30d", 30 * 24 * time.Hour, true},
		{" 2d ", 48 * time.Hour, true},
		{"0d", 0, true},
		{"-1h", 0, false},
		{"-3d", 0, false},
		{"1.5d", 0, false},
		{"an hour", 0, false},
		{"", 0, false},
	} {
		var d Duration
		err := d.UnmarshalText([]byte(tc.in))
		if (err == nil) != tc.ok || (tc.ok && time.Duration(d) != tc.want) {
			t.Errorf("Duration(%q) = %v, %v; want %v (ok %v)", tc.in, time.Duration(d), err, tc.want, tc.ok)
		}
	}
}

// TestConfigRoundTrip saves what "sessionfeed config" prints for each
// example site as a sessionfeed.toml, reads it back alone, and checks that
// every value is the same: the printout is a configuration a user can keep.
func TestConfigRoundTrip(t *testing.T) {
	values := func(c *Config, site string) []string {
		var b strings.Builder
		writeEffectiveConfig(&b, c, site)
		var out []string
		for _, line := range strings.Split(b.String(), "\n") {
			if strings.HasPrefix(line, "#") || strings.HasPrefix(line, "permalink =") {
				continue
			}
			if v, _, ok := strings.Cut(line, " # "); ok {
				line = strings.TrimSpace(v)
			}
			out = append(out, line)
		}
		return out
	}
	for _, name := range []string{"site", "hugo", "jekyll", "zola"} {
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join("..", "..", "testdata", name)
			c, err := readSiteConfig(dir, "")
			if err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			writeEffectiveConfig(&b, c, dir)
			saved := filepath.Join(t.TempDir(), "sessionfeed.toml")
			if err := os.WriteFile(saved, []byte(b.String()), 0o644); err != nil {
				t.Fatal(err)
			}
			back, err := loadConfig(saved)
			if err != nil {
				t.Fatalf("the printed configuration does not load: %v\n%s", err, b.String())
			}
			want, got := values(c, dir), values(back, dir)
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("read back:\n%s\nprinted:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}

// TestExampleSiteFeeds builds each generator's example site, which has no
// sessionfeed.toml, and compares its Atom feed with
// testdata/golden/NAME.atom.xml (go test -update rewrites them).
func TestExampleSiteFeeds(t *testing.T) {
	for _, name := range []string{"hugo", "jekyll", "zola"} {
		t.Run(name, func(t *testing.T) {
			out := t.TempDir()
			var stdout, stderr strings.Builder
			args := []string{"build", "-site", filepath.Join("..", "..", "testdata", name), "-out", out,
				"-now", "2026-01-01T00:00:00Z", "-previous", "none", "-strict"}
			if code := run(args, &stdout, &stderr); code != exitOK {
				t.Fatalf("sessionfeed %s: exit %d\n%s", strings.Join(args, " "), code, stderr.String())
			}
			got, err := os.ReadFile(filepath.Join(out, "atom.xml"))
			if err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join("testdata", "golden", name+".atom.xml"), got, *update)
		})
	}
}
