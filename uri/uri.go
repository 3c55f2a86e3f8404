// Package uri puts absolute http(s) URLs in canonical form: the form in
// which two URLs that name the same resource compare equal as strings
// (RFC 3986 section 6.2.2). posts tells apart permalinks by it (two posts
// whose permalinks name the same page are one too many); feed writes its
// ids and links in it.
package uri

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/idna"
	"golang.org/x/text/unicode/norm"
)

// Canonical returns the canonical form of an absolute http(s) URL. Atom
// ids are compared character by character, and the W3C feed validator
// warns (NonCanonicalURI) about an id that is not in this form, so ids and
// the links that repeat them are written canonically.
//
// The rules follow the validator's (src/feedvalidator/uri.py): scheme and
// host in lower case, internationalized host names in Punycode, the
// default port and an empty path ("" → "/") normalized, "." and ".."
// segments removed; in path, query and fragment, percent-escapes of
// unreserved characters decoded, the others in upper case, and every
// character that is not allowed there (spaces, non-ASCII, a stray "%")
// percent-encoded as UTF-8 after NFC normalization. The result is ASCII.
func Canonical(s string) (string, error) {
	if isCanonical(s) {
		return s, nil // most permalinks: posts compares them all
	}
	return parseCanonical(s)
}

// parseCanonical is Canonical the long way, for any URL.
func parseCanonical(s string) (string, error) {
	m := uriParts.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil || m[2] == "" || m[3] == "" {
		return "", fmt.Errorf("%q is not an absolute URL", s)
	}
	scheme := strings.ToLower(m[2])
	if scheme != "http" && scheme != "https" {
		return "", fmt.Errorf("%q is not an http or https URL", s)
	}
	auth, err := canonicalAuthority(m[4], scheme)
	if err != nil {
		return "", fmt.Errorf("%q: %v", s, err)
	}
	var b strings.Builder
	b.WriteString(scheme)
	b.WriteString("://")
	b.WriteString(auth)
	b.WriteString(canonicalPath(m[5]))
	if m[6] != "" {
		b.WriteByte('?')
		b.WriteString(canonicalComponent(m[7], pchar+"/?"))
	}
	if m[8] != "" {
		b.WriteByte('#')
		b.WriteString(canonicalComponent(m[9], pchar+"/?"))
	}
	return b.String(), nil
}

// isCanonical tells, without parsing, whether s is a URL that Canonical
// returns as it is: http or https, a host of lower-case letters, digits,
// dots and dashes (no port, no user), and a path of characters that need
// no escaping and no "." or ".." segments, without query or fragment.
func isCanonical(s string) bool {
	rest, ok := strings.CutPrefix(s, "https://")
	if !ok {
		if rest, ok = strings.CutPrefix(s, "http://"); !ok {
			return false
		}
	}
	slash := strings.IndexByte(rest, '/')
	if slash <= 0 || rest[slash-1] == '.' {
		return false
	}
	for i := 0; i < slash; i++ {
		if c := rest[i]; !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '.' || c == '-') {
			return false
		}
	}
	path := rest[slash:]
	for i := 0; i < len(path); i++ {
		if !plainPathChar[path[i]] {
			return false
		}
	}
	for seg := range strings.SplitSeq(path, "/") {
		if seg == "." || seg == ".." {
			return false
		}
	}
	return true
}

// plainPathChar tells the bytes a canonical path holds as they are:
// unreserved characters, pchar and "/".
var plainPathChar = func() (t [256]bool) {
	for _, c := range []byte(unreserved + pchar + "/") {
		t[c] = true
	}
	return t
}()

// uriParts is the regular expression of RFC 3986 appendix B.
var uriParts = regexp.MustCompile(`^(([^:/?#]+):)?(//([^/?#]*))?([^?#]*)(\?([^#]*))?(?s:(#(.*)))?$`)

var ipLiteral = regexp.MustCompile(`^\[[0-9A-Fa-f:.]+\]$`)

const (
	unreserved = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~"
	subDelims  = "!$&'()*+,;="
	genDelims  = ":/?#[]@"
	reserved   = genDelims + subDelims
	pchar      = subDelims + ":@" // besides unreserved characters
)

func canonicalAuthority(a, scheme string) (string, error) {
	userinfo, host := "", a
	if i := strings.LastIndexByte(a, '@'); i >= 0 {
		userinfo, host = a[:i], a[i+1:]
		if userinfo == ":" {
			userinfo = ""
		}
	}
	port := ""
	if i := strings.LastIndexByte(host, ':'); i >= 0 && strings.Trim(host[i+1:], "0123456789") == "" {
		host, port = host[:i], host[i+1:]
	}
	if host == "" {
		return "", fmt.Errorf("no host")
	}
	if strings.ContainsAny(host, "[]") && !ipLiteral.MatchString(host) ||
		strings.Contains(host, ":") && !strings.HasPrefix(host, "[") {
		return "", fmt.Errorf("invalid host %q", host)
	}
	if !isASCII(host) {
		h, err := idna.Lookup.ToASCII(host)
		if err != nil {
			return "", fmt.Errorf("host %q: %v", host, err)
		}
		host = h
	}
	host = strings.ToLower(host)
	if n := len(host); n >= 2 && host[n-1] == '.' && strings.Contains(host[:n-2], ".") {
		host = host[:len(host)-1]
	}
	if port == "80" && scheme == "http" || port == "443" && scheme == "https" {
		port = ""
	}
	if port != "" {
		host += ":" + port
	}
	if userinfo != "" {
		host = userinfo + "@" + host
	}
	for i := 0; i < len(host); i++ {
		if strings.IndexByte(unreserved+subDelims+":@[]%", host[i]) < 0 {
			return "", fmt.Errorf("invalid character %q in %q", host[i], host)
		}
	}
	return host, nil
}

// canonicalPath removes dot segments (RFC 3986 section 5.2.4) and
// normalizes each segment.
func canonicalPath(p string) string {
	segs := strings.Split(p, "/")
	var out []string
	for i, s := range segs {
		last := i == len(segs)-1
		// Percent-encoding first, dot segments after (RFC 3986, 6.2.2):
		// "%2e" is "." and "%2E%2e" "..", as browsers read them.
		s = canonicalComponent(s, pchar)
		switch s {
		case ".":
			if last {
				out = append(out, "")
			}
		case "..":
			if len(out) > 1 {
				out = out[:len(out)-1]
			}
			if last {
				out = append(out, "")
			}
		default:
			out = append(out, s)
		}
	}
	if len(out) < 2 {
		return "/" // "" and "/" alike
	}
	return strings.Join(out, "/")
}

// canonicalComponent normalizes the percent-encoding of one path segment,
// query or fragment. Reserved characters in safe keep their form (literal,
// or escaped in upper case): they may be delimiters. Every other run of
// octets is decoded, NFC-normalized when it is UTF-8, and encoded again,
// leaving unreserved characters and those in safe literal.
func canonicalComponent(s, safe string) string {
	var b strings.Builder
	var run []byte
	flush := func() {
		if len(run) == 0 {
			return
		}
		if utf8.Valid(run) {
			run = norm.NFC.Bytes(run)
		}
		for _, c := range run {
			if strings.IndexByte(unreserved, c) >= 0 || strings.IndexByte(safe, c) >= 0 {
				b.WriteByte(c)
			} else {
				b.WriteString(percent(c))
			}
		}
		run = run[:0]
	}
	for i := 0; i < len(s); i++ {
		c, form := s[i], s[i:i+1]
		if c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			c, form = unhex(s[i+1])<<4|unhex(s[i+2]), strings.ToUpper(s[i:i+3])
			i += 2
		}
		if strings.IndexByte(reserved, c) >= 0 && strings.IndexByte(safe, c) >= 0 {
			flush()
			b.WriteString(form)
			continue
		}
		run = append(run, c)
	}
	flush()
	return b.String()
}

func percent(c byte) string {
	const hex = "0123456789ABCDEF"
	return string([]byte{'%', hex[c>>4], hex[c&15]})
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c >= 'a':
		return c - 'a' + 10
	}
	return c - 'A' + 10
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
