package feed

import (
	"strings"
	"testing"
)

// FuzzCanonicalURI: what canonicalURI accepts, the validator takes for a
// full URI.
func FuzzCanonicalURI(f *testing.F) {
	for _, s := range []string{"https://example.org", "HTTP://A.B:80/./x/../y?q=%7e#f", "https://bücher.example/café/%zz", "https://[::1]:8080/a", "http://a/%25%32%35"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := canonicalURI(s)
		if err != nil {
			return
		}
		if !strings.Contains(c, "[") && !fullURI.MatchString(c) {
			t.Fatalf("canonicalURI(%q) = %q is not a full URI to the validator", s, c)
		}
	})
}
