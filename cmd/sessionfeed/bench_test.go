package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/sessionfeed/sessionfeed/cmd/gencorpus/corpus"
)

// Big sites are measured on request only, so that go test ./... stays fast:
//
//	go test ./cmd/sessionfeed -run '^$' -bench Build -corpus-posts=10000 -count=3
var (
	corpusPosts = flag.String("corpus-posts", "100,1000", "BenchmarkBuild: comma-separated site sizes, in posts")
	corpusStyle = flag.String("corpus-style", "hugo", "BenchmarkBuild: site layout (hugo, zola, jekyll)")
)

// BenchmarkBuild runs "sessionfeed build" on sites written by gencorpus:
// cold, into an empty output directory, nothing cached; fresh, into a new
// one, the cache kept; warm, a second run on unchanged
// posts that must write nothing; stamped, a run that finds the stamp of
// such a run still holds (stamp.go).
func BenchmarkBuild(b *testing.B) {
	for _, field := range strings.Split(*corpusPosts, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(field))
		if err != nil || n <= 0 {
			b.Fatalf("-corpus-posts: %q is not a number of posts", field)
		}
		dir := b.TempDir()
		site, err := corpus.Generate(dir, corpus.Options{Style: corpus.Style(*corpusStyle), Posts: n, Seed: 1})
		if err != nil {
			b.Fatal(err)
		}
		name := fmt.Sprintf("%s/posts=%d", *corpusStyle, n)
		perPost := func(b *testing.B) {
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/post")
		}
		b.Run(name+"/cold", func(b *testing.B) {
			out := filepath.Join(b.TempDir(), "public")
			b.ReportAllocs()
			for range b.N {
				b.StopTimer()
				if err := os.RemoveAll(out); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				benchBuild(b, dir, out, len(site.Posts), site.SessionCount(), "")
			}
			perPost(b)
		})
		// fresh: into a new output folder each time, with what an earlier
		// build left in the cache: the sessions read from the posts
		// (scancache.go), the feeds' entries (rendercache.go), copies of
		// the per-session files (copies.go).
		b.Run(name+"/fresh", func(b *testing.B) {
			b.Setenv("SESSIONFEED_CACHE", b.TempDir())
			outs := b.TempDir()
			benchBuild(b, dir, filepath.Join(outs, "0"), len(site.Posts), site.SessionCount(), "")
			b.ReportAllocs()
			b.ResetTimer()
			for i := range b.N {
				benchBuild(b, dir, filepath.Join(outs, strconv.Itoa(i+1)), len(site.Posts), site.SessionCount(), "")
			}
			perPost(b)
		})
		b.Run(name+"/warm", func(b *testing.B) {
			out := filepath.Join(b.TempDir(), "public")
			benchBuild(b, dir, out, len(site.Posts), site.SessionCount(), "")
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				benchBuild(b, dir, out, len(site.Posts), site.SessionCount(), " 0 files written,")
			}
			perPost(b)
		})
		b.Run(name+"/stamped", func(b *testing.B) {
			b.Setenv("SESSIONFEED_CACHE", b.TempDir())
			out := filepath.Join(b.TempDir(), "public")
			benchBuild(b, dir, out, len(site.Posts), site.SessionCount(), "")
			time.Sleep(10 * time.Millisecond) // outputs older than a tick of the file clock
			benchBuild(b, dir, out, len(site.Posts), site.SessionCount(), " 0 files written,")
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				benchBuild(b, dir, out, len(site.Posts), site.SessionCount(), "up to date: nothing")
			}
			perPost(b)
		})
	}
}

// benchBuild runs one build of the site in dir into out, and checks that it
// succeeded, read every post and session, and, when want is set, printed
// it in its summary.
func benchBuild(b *testing.B, dir, out string, posts, sessions int, want string) {
	var stderr bytes.Buffer
	code := run([]string{"build", "-site", dir, "-out", out, "-now", "2026-01-01T00:00:00Z", "-v"}, &stderr, &stderr)
	summary := fmt.Sprintf("sessionfeed: %d posts, %d sessions;", posts, sessions)
	if code != exitOK || !strings.Contains(stderr.String(), summary) || !strings.Contains(stderr.String(), want) {
		b.Fatalf("build: exit %d, want 0 and %q%s in:\n%s", code, summary, want, stderr.String())
	}
}
