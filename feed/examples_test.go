package feed

import (
	"os"
	"path/filepath"
	"testing"
)

// TestExampleSiteFeedsValid runs the validator's checks on the Atom feeds
// sessionfeed builds for the Hugo, Jekyll and Zola example sites with no
// sessionfeed.toml (cmd/sessionfeed's TestExampleSiteFeeds keeps them).
func TestExampleSiteFeedsValid(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "cmd", "sessionfeed", "testdata", "golden", "*.atom.xml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no example feeds (%v)", err)
	}
	for _, name := range files {
		doc, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range validatorFindings(doc) {
			t.Errorf("%s: %s", filepath.Base(name), f)
		}
	}
}
