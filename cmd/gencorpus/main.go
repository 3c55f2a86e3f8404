// Command gencorpus writes a realistic, deterministic blog site for
// measuring and checking sessionfeed on big inputs:
//
//	go run ./cmd/gencorpus -out /tmp/site -style hugo -posts 1000 -seed 1
//	go run ./cmd/sessionfeed build -site /tmp/site -v
//
// The site follows Hugo's, Zola's or Jekyll's layout (see package corpus
// for what each holds). gencorpus prints how many posts and sessions it
// wrote; -manifest FILE also writes, as JSON, every post's intended
// permalink and every session's intended start and end, for checking a
// build's output against; check_site.py does that with independent
// parsers (feedparser, icalendar).
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"

	"github.com/sessionfeed/sessionfeed/cmd/gencorpus/corpus"
)

func main() {
	out := flag.String("out", "", "write the site into `DIR` (required)")
	style := flag.String("style", "hugo", "site layout: hugo, zola or jekyll")
	n := flag.Int("posts", 100, "number of posts")
	seed := flag.Uint64("seed", 1, "random seed: the same seed writes the same site")
	manifest := flag.String("manifest", "", "also write what was generated, as JSON, to `FILE`")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "Usage: gencorpus -out DIR [-style hugo|zola|jekyll] [-posts N] [-seed S] [-manifest FILE]\n\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if *out == "" || flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	site, err := corpus.Generate(*out, corpus.Options{Style: corpus.Style(*style), Posts: *n, Seed: *seed})
	if err != nil {
		fmt.Fprintf(os.Stderr, "gencorpus: %v\n", err)
		os.Exit(1)
	}
	if *manifest != "" {
		data, err := json.MarshalIndent(site, "", "  ")
		if err == nil {
			err = os.WriteFile(*manifest, append(data, '\n'), 0o644)
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "gencorpus: %v\n", err)
			os.Exit(1)
		}
	}
	fmt.Printf("gencorpus: wrote %d posts with %d sessions to %s\n", len(site.Posts), site.SessionCount(), *out)
}
