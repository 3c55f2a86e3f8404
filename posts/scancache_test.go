package posts

import (
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/sessionfeed/sessionfeed/posts/schedule"
	"github.com/sessionfeed/sessionfeed/posts/timeexpr"
)

// TestScanKey: the key changes with everything Scan reads, and only with
// that; a zone that is the machine's has none.
func TestScanKey(t *testing.T) {
	zones := testZones(t)
	dublin, err := timeexpr.NewZones(map[string]string{"IST": "Europe/Dublin"})
	if err != nil {
		t.Fatal(err)
	}
	ny, berlin := mustLoad(t, "America/New_York"), mustLoad(t, "Europe/Berlin")
	post := time.Date(2024, 3, 1, 10, 0, 0, 0, ny)
	base := schedule.Options{Post: post, Location: ny, Zones: zones, Title: "Weekly sync"}
	body := []byte("The next meeting is tomorrow at 15:00.\n")
	key := func(body []byte, o schedule.Options) ScanKey {
		k, ok := scanKey(body, o)
		if !ok {
			t.Fatalf("%+v: no key", o)
		}
		return k
	}
	want := key(body, base)
	again := base
	again.Zones = testZones(t) // another table with the same entries
	if key([]byte(string(body)), again) != want {
		t.Error("the same inputs gave another key")
	}
	for name, o := range map[string]schedule.Options{
		"title":          {Post: post, Location: ny, Zones: zones, Title: "Weekly sync 2"},
		"post date":      {Post: post.Add(24 * time.Hour), Location: ny, Zones: zones, Title: "Weekly sync"},
		"post zone":      {Post: post.In(berlin), Location: ny, Zones: zones, Title: "Weekly sync"},
		"post offset":    {Post: post.In(time.FixedZone("", -5*3600)), Location: ny, Zones: zones, Title: "Weekly sync"},
		"site zone":      {Post: post, Location: berlin, Zones: zones, Title: "Weekly sync"},
		"no site zone":   {Post: post, Zones: zones, Title: "Weekly sync"},
		"[zones] table":  {Post: post, Location: ny, Zones: dublin, Title: "Weekly sync"},
		"title and body": {Post: post, Location: ny, Zones: zones, Title: "Weekly sync The next"},
	} {
		b := body
		if name == "title and body" {
			b = []byte("meeting is tomorrow at 15:00.\n")
		}
		if key(b, o) == want {
			t.Errorf("%s changed: the same key", name)
		}
	}
	if key([]byte("The next meeting is tomorrow at 16:00.\n"), base) == want {
		t.Error("body changed: the same key")
	}
	local := base
	local.Location = time.Local
	if _, ok := scanKey(body, local); ok {
		t.Error("time.Local: a key")
	}
}

// memoryScans is a ScanCache in memory, counting its hits.
type memoryScans struct {
	mu   sync.Mutex
	m    map[ScanKey]schedule.Result
	hits int
}

func (c *memoryScans) Get(k ScanKey) (schedule.Result, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	r, ok := c.m[k]
	if !ok {
		return r, false
	}
	c.hits++
	b, err := schedule.AppendResult(nil, r) // a copy of its own, as the file cache gives
	if err != nil {
		panic(err)
	}
	r, err = schedule.ReadResult(b)
	if err != nil {
		panic(err)
	}
	return r, true
}

func (c *memoryScans) Put(k ScanKey, r schedule.Result) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[k] = r
}

// TestLoadWithScanCache: a Load that takes every post's sessions from the
// cache gives what a Load that reads them gives.
func TestLoadWithScanCache(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"content/blog/2025-06-01-a.md": "---\ntitle: Community call\ndate: 2025-06-01T10:00:00Z\n---\nThe next call is tomorrow at 15:00 UTC, notes [here](notes/).\n",
		"content/blog/2025-06-02-b.md": "+++\ntitle = \"Office hours\"\ndate = 2025-06-02T09:00:00+02:00\n+++\n| When | Topic |\n|---|---|\n| Thu at 07:00 ET | Traits |\n| Fri 10am CET | Async |\n",
		"content/blog/2025-06-03-c.md": "---\ntitle: Release notes\ndate: 2025-06-03\n---\nVersion 1.2 is out.\n",
	})
	load := func(scans ScanCache) ([]*Post, []Diagnostic) {
		site := testSite(t, dir)
		site.Zones = testZones(t)
		site.Scans = scans
		ps, diags, err := Load(site)
		if err != nil {
			t.Fatal(err)
		}
		return ps, diags
	}
	want, wantDiags := load(nil)
	cache := &memoryScans{m: map[ScanKey]schedule.Result{}}
	load(cache)
	if cache.hits != 0 || len(cache.m) != 3 {
		t.Fatalf("first load: %d hits, %d entries; want 0, 3", cache.hits, len(cache.m))
	}
	got, gotDiags := load(cache)
	if cache.hits != 3 {
		t.Fatalf("second load: %d hits, want 3", cache.hits)
	}
	if len(got) != len(want) || !reflect.DeepEqual(gotDiags, wantDiags) {
		t.Fatalf("got %d posts, diagnostics %v; want %d, %v", len(got), gotDiags, len(want), wantDiags)
	}
	sessions := 0
	for i := range want {
		for j, s := range want[i].Sessions {
			g := got[i].Sessions[j]
			if !g.Start.Equal(s.Start) || g.Start.Location() != s.Start.Location() || !g.End.Equal(s.End) ||
				g.Topic != s.Topic || !reflect.DeepEqual(g.Links, s.Links) || g.Line != s.Line || g.Form != s.Form {
				t.Errorf("%s: session %d = %+v, want %+v", want[i].Source, j, g, s)
			}
			sessions++
		}
	}
	if sessions < 3 {
		t.Errorf("%d sessions: the site should announce three", sessions)
	}
}
