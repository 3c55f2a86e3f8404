package feed

import "github.com/sessionfeed/sessionfeed/uri"

// canonicalURI is the form the feed writes every URL in: ids, links and
// authors' URIs alike (uri.Canonical), the form in which the W3C feed
// validator expects an id.
func canonicalURI(s string) (string, error) { return uri.Canonical(s) }
