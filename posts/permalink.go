package posts

import (
	"fmt"
	"net/url"
	"path"
	"strings"
	"time"
)

// A post's permalink is the site's base URL joined with a path that comes
// either from the site's permalink pattern or from an explicit url/path in
// the front matter.
//
// Every piece of that path comes from text an author controls, so it is
// built segment by segment: each piece is cleaned (control characters
// removed), "." and ".." segments are dropped, and what remains is
// percent-encoded as a single path segment. No slug or path, however
// hostile, can produce a URL outside the base URL's path.

// DefaultPermalink is the pattern used when the site sets none.
const DefaultPermalink = "/:year/:month/:day/:slug/"

// permalinkVars are the values of a pattern's tokens for one post.
type permalinkVars struct {
	date     time.Time // in the zone it was written in
	slug     string    // cleaned (see cleanSlug)
	filename string
	section  string
}

// expandPermalink turns a pattern such as "/blog/:year/:month/:slug/" into
// a path relative to the base URL ("blog/2021/04/async-sessions/"). Unknown
// tokens are kept as written.
//
// :slug, :filename and :section are lower-cased, as Hugo (unless
// disablePathToLower), Jekyll and Zola all publish them; an explicit
// url/path is kept as written, as they do.
func expandPermalink(pattern string, v permalinkVars) string {
	if strings.TrimSpace(pattern) == "" {
		pattern = DefaultPermalink
	}
	values := map[string]string{
		"year":     fmt.Sprintf("%04d", v.date.Year()),
		"month":    fmt.Sprintf("%02d", int(v.date.Month())),
		"day":      fmt.Sprintf("%02d", v.date.Day()),
		"slug":     strings.ToLower(v.slug),
		"filename": strings.ToLower(v.filename),
		"section":  strings.ToLower(v.section),
	}
	var segs []string
	for _, seg := range strings.Split(strings.ReplaceAll(pattern, `\`, "/"), "/") {
		var b strings.Builder
		for seg != "" {
			i := strings.IndexByte(seg, ':')
			if i < 0 {
				b.WriteString(escapeSegment(seg))
				break
			}
			b.WriteString(escapeSegment(seg[:i]))
			j := i + 1
			for j < len(seg) && seg[j] >= 'a' && seg[j] <= 'z' {
				j++
			}
			if val, ok := values[seg[i+1:j]]; ok {
				b.WriteString(escapeSegment(val))
			} else {
				b.WriteString(escapeSegment(seg[i:j]))
			}
			seg = seg[j:]
		}
		if s := b.String(); s != "" && s != "." && s != ".." {
			segs = append(segs, s)
		}
	}
	return joinSegments(segs, strings.HasSuffix(pattern, "/") || strings.HasSuffix(pattern, `\`))
}

// explicitPath cleans a url/path/permalink key into a path relative to the
// base URL. A path with no file extension gets a trailing slash, as Hugo
// and Zola publish it ("blog/x" is served as "blog/x/"). base is the site's
// base URL: an absolute URL inside it is accepted; one outside it gives a
// warning and only its path is used. Dropped ".." segments give a warning.
func explicitPath(raw, base string) (string, []string) {
	var warnings []string
	p := strings.TrimSpace(raw)
	if b := strings.TrimSuffix(base, "/"); b != "" && (p == b || strings.HasPrefix(p, b+"/")) {
		p = strings.TrimPrefix(p, b)
	} else if u, err := url.Parse(p); err == nil && (u.Scheme != "" || u.Host != "") {
		warnings = append(warnings, fmt.Sprintf("%s is not under the site's base URL %s; only its path is used", short(raw), base))
		p = u.EscapedPath()
	}
	// Decoding before splitting makes "%2F" a separator and "%2E%2E" a
	// "..", as a web server would read them.
	p = strings.ReplaceAll(unescape(p), `\`, "/")
	var segs []string
	dotdot := false
	for _, seg := range strings.Split(p, "/") {
		s := cleanText(seg)
		switch s {
		case "", ".":
			continue
		case "..":
			dotdot = true
			continue
		}
		segs = append(segs, url.PathEscape(s))
	}
	if dotdot {
		warnings = append(warnings, fmt.Sprintf("%s climbs out of its folder with ..; read as %s", short(raw), short("/"+joinSegments(segs, true))))
	}
	trailing := strings.HasSuffix(p, "/") || len(segs) == 0 || path.Ext(segs[len(segs)-1]) == ""
	return joinSegments(segs, trailing), warnings
}

func joinSegments(segs []string, trailing bool) string {
	p := strings.Join(segs, "/")
	if trailing && p != "" {
		p += "/"
	}
	return p
}

// joinBase joins the site's base URL and a relative path.
// aliasURLs makes absolute URLs of a post's aliases: site-relative paths
// ("/old/path/", Hugo's and Jekyll's way) resolve against base; absolute
// http(s) URLs are kept; anything else is dropped.
func aliasURLs(base string, aliases []string) []string {
	var out []string
	for _, a := range aliases {
		a = strings.TrimSpace(a)
		u, err := url.Parse(a)
		switch {
		case a == "" || err != nil:
		case u.Scheme == "http" || u.Scheme == "https":
			if u.Host != "" {
				out = append(out, a)
			}
		case u.Scheme == "" && u.Host == "":
			out = append(out, joinBase(base, strings.TrimPrefix(a, "/")))
		}
	}
	return out
}

func joinBase(base, rel string) string {
	return strings.TrimSuffix(base, "/") + "/" + rel
}

// cleanSlug makes one path segment of a slug, file name or folder name:
// separators and white space become "-", and a name made only of dots and
// dashes (such as "..") is no name at all (""). Percent-escapes written in
// it are decoded first, so that escaping the result does not double them.
func cleanSlug(s string) string {
	s = cleanText(unescape(s))
	var b strings.Builder
	dash := false
	for _, r := range s {
		if r == '/' || r == '\\' || r == ' ' || r == '\t' || r == '\n' || r == '\u00a0' || r == '\u3000' {
			if !dash {
				b.WriteByte('-')
			}
			dash = true
			continue
		}
		dash = false
		b.WriteRune(r)
	}
	s = b.String()
	if strings.Trim(s, ".-") == "" {
		return ""
	}
	return s
}

// escapeSegment percent-encodes text as one path segment.
func escapeSegment(s string) string { return url.PathEscape(s) }

// unescape decodes percent-escapes, keeping text that is not validly
// escaped as written ("100%").
func unescape(s string) string {
	if u, err := url.PathUnescape(s); err == nil {
		return u
	}
	return s
}
