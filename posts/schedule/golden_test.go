package schedule

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/sessionfeed/sessionfeed/internal/golden"
	"github.com/sessionfeed/sessionfeed/posts/diag"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden from the current output")

// optionsComment is the first line of a testdata post: the post's date and
// the site's zone ("none" for no zone). Read skips HTML comments, so the
// line is part of the body like any other.
var optionsComment = regexp.MustCompile(`^<!-- options: post=(\S+) zone=(\S+) -->`)

// TestGolden reads every testdata/*.md and compares what Read finds with
// testdata/*.golden. Run `go test ./posts/schedule/ -run Golden -update`
// to rewrite the golden files after a deliberate change, and read the diff.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*.md")
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata: %v", err)
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".md")
		t.Run(name, func(t *testing.T) {
			body, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			opts := goldenOptions(t, body)
			entries, diags := Read(body, opts)
			got := formatResult(entries, diags)
			golden.Check(t, strings.TrimSuffix(file, ".md")+".golden", got, *update)
		})
	}
}

func goldenOptions(t *testing.T, body []byte) Options {
	opts := testOptions(t)
	m := optionsComment.FindSubmatch(body)
	if m == nil {
		t.Fatal("first line must be <!-- options: post=RFC3339 zone=IANA|none -->")
	}
	post, err := time.Parse(time.RFC3339, string(m[1]))
	if err != nil {
		t.Fatal(err)
	}
	opts.Post = post
	opts.Location = nil
	if zone := string(m[2]); zone != "none" {
		if opts.Location, err = time.LoadLocation(zone); err != nil {
			t.Fatal(err)
		}
	}
	return opts
}

// formatResult writes entries and diagnostics one fact per line.
func formatResult(entries []Entry, diags []Diagnostic) []byte {
	var b bytes.Buffer
	for _, e := range entries {
		fmt.Fprintf(&b, "entry line %d: %q\n", e.Line, e.Text)
		w := e.When
		if w.DateOnly {
			fmt.Fprintf(&b, "\tall-day %s until %s (%s)\n", w.Start.Format("2006-01-02"), w.End.Format("2006-01-02 15:04"), w.Start.Location())
		} else {
			fmt.Fprintf(&b, "\tstart %s %s = %s\n", w.Start.Format(time.RFC3339), w.Start.Location(), w.Start.UTC().Format(time.RFC3339))
			if !w.End.IsZero() {
				fmt.Fprintf(&b, "\tend   %s %s = %s\n", w.End.Format(time.RFC3339), w.End.Location(), w.End.UTC().Format(time.RFC3339))
			}
		}
		if w.ZoneWritten {
			fmt.Fprintf(&b, "\tzone written\n")
		}
		for _, s := range w.Warnings {
			fmt.Fprintf(&b, "\ttime warning %q\n", s)
		}
		for _, f := range []struct{ name, value string }{{"topic", e.Topic}, {"host", e.Host}, {"location", e.Location}} {
			if f.value != "" {
				fmt.Fprintf(&b, "\t%s %q\n", f.name, f.value)
			}
		}
		for _, d := range e.Details {
			fmt.Fprintf(&b, "\tdetail %q\n", d)
		}
		for _, l := range e.Links {
			fmt.Fprintf(&b, "\tlink %q <%s>\n", l.Text, l.URL)
		}
	}
	for _, d := range diags {
		kind := "error"
		if d.Severity == diag.Warning {
			kind = "warning"
		}
		fmt.Fprintf(&b, "%s line %d: %s\n", kind, d.Line, d.Message)
	}
	if b.Len() == 0 {
		b.WriteString("no entries, no diagnostics\n")
	}
	return b.Bytes()
}
