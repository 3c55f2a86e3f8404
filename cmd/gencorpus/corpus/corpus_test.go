package corpus

import (
	"bytes"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/sessionfeed/sessionfeed/posts"
	"github.com/sessionfeed/sessionfeed/posts/timeexpr"
)

var allStyles = []Style{Hugo, Zola, Jekyll}

// A longer check of generator against reader: go test -seeds=50 -posts=1000.
var (
	seeds     = flag.Int("seeds", 2, "TestLoadFindsWhatWasWritten: seeds per style")
	seedPosts = flag.Int("posts", 150, "TestLoadFindsWhatWasWritten: posts per site")
)

// readTree returns every file under dir, by slash-separated relative name.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := make(map[string][]byte)
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestGenerateIsDeterministic(t *testing.T) {
	for _, style := range allStyles {
		t.Run(string(style), func(t *testing.T) {
			gen := func(seed uint64) map[string][]byte {
				dir := t.TempDir()
				if _, err := Generate(dir, Options{Style: style, Posts: 80, Seed: seed}); err != nil {
					t.Fatal(err)
				}
				return readTree(t, dir)
			}
			a, b, other := gen(7), gen(7), gen(8)
			if len(a) != len(b) {
				t.Fatalf("same seed: %d files, then %d", len(a), len(b))
			}
			for name, data := range a {
				if !bytes.Equal(data, b[name]) {
					t.Errorf("same seed, %s differs", name)
				}
			}
			differ := 0
			for name, data := range a {
				if !bytes.Equal(data, other[name]) {
					differ++
				}
			}
			if differ < len(a)/2 {
				t.Errorf("seeds 7 and 8 share %d of %d files", len(a)-differ, len(a))
			}
		})
	}
}

func TestGenerateRejectsUnknownStyle(t *testing.T) {
	if _, err := Generate(t.TempDir(), Options{Style: "wordpress", Posts: 1}); err == nil {
		t.Error("Generate with style wordpress: no error")
	}
}

// siteConfig is the part of sessionfeed.toml that posts.Load needs.
type siteConfig struct {
	BaseURL   string            `toml:"base_url"`
	Content   string            `toml:"content"`
	Permalink string            `toml:"permalink"`
	Timezone  string            `toml:"timezone"`
	Zones     map[string]string `toml:"zones"`
}

// loadGenerated reads a generated site the way sessionfeed build does.
func loadGenerated(t testing.TB, dir string) ([]*posts.Post, []posts.Diagnostic) {
	t.Helper()
	var cfg siteConfig
	if _, err := toml.DecodeFile(filepath.Join(dir, "sessionfeed.toml"), &cfg); err != nil {
		t.Fatal(err)
	}
	loc, err := time.LoadLocation(cfg.Timezone)
	if err != nil {
		t.Fatal(err)
	}
	zones, err := timeexpr.NewZones(cfg.Zones)
	if err != nil {
		t.Fatal(err)
	}
	ps, diags, err := posts.Load(&posts.Site{
		Dir: dir, ContentDir: cfg.Content, BaseURL: cfg.BaseURL, Permalink: cfg.Permalink,
		Location: loc, Zones: zones, DefaultDuration: DefaultDuration,
		Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
	})
	if err != nil {
		t.Fatal(err)
	}
	return ps, diags
}

// TestLoadFindsWhatWasWritten checks the generator against the reader:
// every post is read, with its intended permalink, and every session at
// its intended instants, nothing more. A failure is a bug in one of the
// two; the message shows the post's file and the text as read.
func TestLoadFindsWhatWasWritten(t *testing.T) {
	for _, style := range allStyles {
		for seed := range uint64(*seeds) {
			t.Run(fmt.Sprintf("%s/seed%d", style, seed), func(t *testing.T) {
				dir := t.TempDir()
				site, err := Generate(dir, Options{Style: style, Posts: *seedPosts, Seed: seed})
				if err != nil {
					t.Fatal(err)
				}
				if site.SessionCount() < *seedPosts/3 {
					t.Fatalf("only %d sessions in %d posts", site.SessionCount(), *seedPosts)
				}
				got, diags := loadGenerated(t, dir)
				warnings := 0
				for _, d := range diags {
					if d.Severity == posts.Error {
						t.Errorf("error: %s", d)
					} else {
						warnings++
						t.Logf("warning: %s", d)
					}
				}
				if len(got) != len(site.Posts) {
					t.Errorf("Load read %d posts; %d written", len(got), len(site.Posts))
				}
				bySource := make(map[string]*posts.Post)
				sessions := 0
				for _, p := range got {
					bySource[p.Source] = p
					sessions += len(p.Sessions)
				}
				if sessions != site.SessionCount() {
					t.Errorf("Load found %d sessions; %d written", sessions, site.SessionCount())
				}
				for _, want := range site.Posts {
					p := bySource[want.Source]
					if p == nil {
						t.Errorf("%s: not read", want.Source)
						continue
					}
					if p.URL != want.URL {
						t.Errorf("%s: URL %s; want %s", want.Source, p.URL, want.URL)
					}
					if !p.Date.Equal(want.Date) {
						t.Errorf("%s: date %v; want %v", want.Source, p.Date, want.Date)
					}
					compareSessions(t, want, p)
				}
			})
		}
	}
}

func compareSessions(t *testing.T, want Post, p *posts.Post) {
	t.Helper()
	show := func(ss []*posts.Session) string {
		var b strings.Builder
		for _, s := range ss {
			fmt.Fprintf(&b, "\n\t\tline %d %q → %s – %s", s.Line, s.Text, s.Start.UTC().Format(time.RFC3339), s.End.UTC().Format(time.RFC3339))
		}
		return b.String()
	}
	if len(p.Sessions) != len(want.Sessions) {
		t.Errorf("%s (%s): %d sessions; want %d%s", want.Source, want.Schedule, len(p.Sessions), len(want.Sessions), show(p.Sessions))
		return
	}
	for i, w := range want.Sessions {
		s := p.Sessions[i]
		if !s.Start.Equal(w.Start) || !s.End.Equal(w.End) {
			t.Errorf("%s (%s) line %d %q: %s – %s; want %s – %s", want.Source, want.Schedule, s.Line, s.Text,
				s.Start.UTC().Format(time.RFC3339), s.End.UTC().Format(time.RFC3339),
				w.Start.UTC().Format(time.RFC3339), w.End.UTC().Format(time.RFC3339))
		}
	}
}

// TestEveryFormIsWritten guards the generator's variety: every schedule
// form appears, in zones whose clocks change while the schedule runs.
func TestEveryFormIsWritten(t *testing.T) {
	for _, style := range allStyles {
		site, err := Generate(t.TempDir(), Options{Style: style, Posts: 200, Seed: 3})
		if err != nil {
			t.Fatal(err)
		}
		forms := make(map[string]int)
		acrossDST := 0
		for _, p := range site.Posts {
			forms[p.Schedule]++
			if n := len(p.Sessions); n > 1 {
				_, a := p.Sessions[0].Start.Zone()
				_, b := p.Sessions[n-1].Start.Zone()
				if a != b {
					acrossDST++
				}
			}
		}
		for _, f := range []string{"", FormTable, FormDateTime, FormList, FormProseHours, FormFrontMatter} {
			if forms[f] == 0 {
				t.Errorf("%s: no post with schedule form %q", style, f)
			}
		}
		if acrossDST == 0 {
			t.Errorf("%s: no schedule runs across a change of the clocks", style)
		}
	}
}
