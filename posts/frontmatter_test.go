package posts

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestSplitFrontMatter(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		format   string
		text     string
		line     int
		body     string
		bodyLine int
		errLine  int    // > 0: splitting fails at this line
		err      string // substring of the error
	}{
		{name: "TOML", in: "+++\ntitle = \"x\"\n+++\nbody\n", format: "toml", text: "title = \"x\"\n", line: 2, body: "body\n", bodyLine: 4},
		{name: "YAML", in: "---\ntitle: x\ndate: 2021-04-07\n---\n\nbody", format: "yaml", text: "title: x\ndate: 2021-04-07\n", line: 2, body: "\nbody", bodyLine: 5},
		{name: "YAML closed by ...", in: "---\ntitle: x\n...\nbody", format: "yaml", text: "title: x\n", line: 2, body: "body", bodyLine: 4},
		{name: "JSON", in: "{\n  \"title\": \"x\"\n}\nbody\n", format: "json", text: "{\n  \"title\": \"x\"\n}", line: 1, body: "body\n", bodyLine: 4},
		{name: "JSON on one line", in: "{\"title\": \"x\"}\nbody", format: "json", text: "{\"title\": \"x\"}", line: 1, body: "body", bodyLine: 2},
		{name: "JSON with text after the brace", in: "{\"title\": \"x\"} body", format: "json", text: "{\"title\": \"x\"}", line: 1, body: " body", bodyLine: 1},
		{name: "JSON holding braces in strings", in: "{\"title\": \"}{\"}\nbody", format: "json", text: "{\"title\": \"}{\"}", line: 1, body: "body", bodyLine: 2},
		{name: "empty JSON", in: "{}\nbody", format: "json", text: "{}", line: 1, body: "body", bodyLine: 2},
		{name: "shortcode is not JSON", in: "{{< youtube x >}}\nbody", body: "{{< youtube x >}}\nbody", bodyLine: 1},
		{name: "none", in: "# Title\n\nbody\n", body: "# Title\n\nbody\n", bodyLine: 1},
		{name: "empty file", in: "", body: "", bodyLine: 1},
		{name: "blank lines before", in: "\n  \n+++\ntitle = \"x\"\n+++\nbody", format: "toml", text: "title = \"x\"\n", line: 4, body: "body", bodyLine: 6},
		{name: "trailing spaces on delimiters", in: "---  \ntitle: x\n--- \t\nbody", format: "yaml", text: "title: x\n", line: 2, body: "body", bodyLine: 4},
		{name: "empty YAML", in: "---\n---\nbody", format: "yaml", text: "", line: 2, body: "body", bodyLine: 3},
		{name: "closing delimiter at end of file", in: "+++\ntitle = \"x\"\n+++", format: "toml", text: "title = \"x\"\n", line: 2, body: "", bodyLine: 3},
		{name: "JSON at end of file", in: "{\"a\": 1}  ", format: "json", text: "{\"a\": 1}", line: 1, body: "", bodyLine: 1},
		{name: "horizontal rule later is body", in: "---\na: 1\n---\ntext\n---\nmore", format: "yaml", text: "a: 1\n", line: 2, body: "text\n---\nmore", bodyLine: 4},
		{name: "TOML never closed", in: "+++\ntitle = \"x\"\nbody\n", errLine: 1, err: "never closed"},
		{name: "YAML never closed", in: "\n---\ntitle: x\n", errLine: 2, err: "never closed"},
		{name: "YAML delimiter indented is not closing", in: "---\ntitle: x\n ---\n", errLine: 1, err: "never closed"},
		{name: "JSON never closed", in: "{\"title\": \"x\",\n\"tags\": [\"a\"\n", errLine: 1, err: "never closed"},
		{name: "JSON unclosed before body", in: "{\"title\": \"x\"\nbody\n", errLine: 2, err: "invalid character 'b'"},
		{name: "JSON syntax error", in: "{\n  \"title\": \"x\",\n  \"date\": \"2021\"\n  \"slug\": \"y\"\n}\n", errLine: 4, err: "after object key:value pair"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fm, err := splitFrontMatter([]byte(tt.in))
			if tt.errLine > 0 {
				le, ok := err.(*lineError)
				if !ok || le.line != tt.errLine || !strings.Contains(le.msg, tt.err) {
					t.Fatalf("splitFrontMatter error = %v; want line %d: …%s…", err, tt.errLine, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got := []any{fm.format, string(fm.text), fm.line, string(fm.body), fm.bodyLine}
			want := []any{tt.format, tt.text, tt.line, tt.body, tt.bodyLine}
			if tt.format == "" {
				got, want = got[3:], want[3:]
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("splitFrontMatter = %q; want %q", got, want)
			}
		})
	}
}

// TestFrontMatterSyntaxErrors checks that a broken front matter is
// reported at the line of the file where its parser failed.
func TestFrontMatterSyntaxErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		line int
		msg  string
	}{
		{"TOML missing value", "+++\ntitle = \"x\"\ndate = \n+++\n", 3, "TOML front matter: expected value"},
		{"TOML unclosed array", "+++\ntitle = \"x\"\n\ntags = [\"a\", \"b\"\nslug = \"y\"\n+++\n", 5, "TOML front matter: expected a comma"},
		{"TOML unterminated string", "+++\ntitle = \"unterminated\ndate = 2021-04-07\n+++\n", 2, "strings cannot contain newlines"},
		{"TOML duplicate key", "+++\ntitle = \"x\"\ntitle = \"y\"\n+++\n", 3, "'title' has already been defined"},
		{"TOML after blank lines", "\n\n+++\na = 1\nb = = 2\n+++\n", 5, "TOML front matter"},
		{"TOML YAML-style", "+++\ntitle: x\n+++\n", 2, "TOML front matter"},
		{"YAML bad indentation", "---\ntitle: x\ndate: 2021-04-07\n  bad: y\n---\n", 4, "YAML front matter: mapping values are not allowed"},
		{"YAML duplicate key", "---\ntitle: x\ntitle: y\n---\n", 3, `key "title" is already defined at line 2`},
		{"YAML tab", "---\ntitle: x\n\ttags: [a]\n---\n", 3, "tab character"},
		{"YAML unterminated quote", "---\ntitle: \"unterminated\ndate: x\n---\n", 4, "quote or bracket left open"},
		{"YAML unclosed flow list", "---\ntags: [a, b\ntitle: x\n---\n", 2, "did not find expected ',' or ']'"},
		{"YAML list", "---\n- a\n- b\n---\n", 2, "YAML front matter is a list, not keys and values"},
		{"YAML plain text", "---\njust text\n---\n", 2, "YAML front matter is text"},
		{"YAML TOML-style", "---\ntitle = \"x\"\n---\n", 2, "YAML front matter is text"},
		{"JSON missing comma", "\n\n{\n  \"title\": \"x\",\n  \"date\": \"2021\"\n  \"slug\": \"y\"\n}\n", 6, "JSON front matter: invalid character"},
		{"JSON trailing comma", "{\n  \"title\": \"x\",\n}\n", 3, "JSON front matter: invalid character '}'"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fm, err := splitFrontMatter([]byte(tt.in))
			if err == nil {
				_, err = fm.decode()
			}
			le, ok := err.(*lineError)
			if !ok {
				t.Fatalf("got error %v; want a lineError at line %d", err, tt.line)
			}
			if le.line != tt.line || !strings.Contains(le.msg, tt.msg) {
				t.Errorf("got line %d: %s; want line %d: …%s…", le.line, le.msg, tt.line, tt.msg)
			}
		})
	}
}

// readTestMeta reads the front matter of a whole post.
func readTestMeta(t *testing.T, in string, jekyll bool) (meta, []Diagnostic) {
	t.Helper()
	fm, err := splitFrontMatter([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	m, err := fm.decode()
	if err != nil {
		t.Fatal(err)
	}
	return readMeta(fm, m, jekyll)
}

func TestReadMeta(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		jekyll bool
		want   meta
		diags  []string // "line: message" substrings, in order
	}{
		{
			name: "TOML, every key",
			in: `+++
title = "Async <Vision> & Doc"
date = 2021-04-07T10:00:00-04:00
lastmod = 2021-04-08
draft = false
slug = "async-vision"
url = "/blog/async/"
tags = ["rust", "async", "rust"]
categories = "news"
author = "Niko Matsakis"
summary = "Sessions this week."
layout = "post"
[params]
x = 1
+++
`,
			want: meta{title: "Async <Vision> & Doc", hasTitle: true, dateKey: "date", lastmodKey: "lastmod", slug: "async-vision",
				path: "/blog/async/", pathKey: "url", tags: []string{"rust", "async"}, categories: []string{"news"},
				authors: []Person{{Name: "Niko Matsakis"}}, summary: "Sessions this week."},
		},
		{
			name: "YAML, Jekyll",
			in: `---
layout: post
title:  "Welcome to Jekyll!"
date:   2019-12-31 23:30:00 -0800
last_modified_at: 2020-01-02
categories: jekyll update
tags: [a, b]
author: Jane Doe <jane@example.org>
description: First post.
permalink: /welcome/
---
`,
			jekyll: true,
			want: meta{title: "Welcome to Jekyll!", hasTitle: true, dateKey: "date", lastmodKey: "last_modified_at", path: "/welcome/",
				pathKey: "permalink", tags: []string{"a", "b"}, categories: []string{"jekyll", "update"},
				authors: []Person{{Name: "Jane Doe", Email: "jane@example.org"}}, summary: "First post."},
		},
		{
			name: "YAML, Hugo categories string is one category",
			in:   "---\ntitle: x\ncategories: jekyll update\n---\n",
			want: meta{title: "x", hasTitle: true, categories: []string{"jekyll update"}},
		},
		{
			name: "JSON, authors as tables",
			in: `{
  "Title": "JSON post",
  "date": "2021-05-01",
  "updated": "2021-05-02",
  "authors": [{"name": "Ann", "email": "ann@example.org", "url": "https://ann.example"}, {"email": "bob@example.org"}, "Cy"],
  "Draft": true,
  "description": "d"
}
`,
			want: meta{title: "JSON post", hasTitle: true, dateKey: "date", lastmodKey: "updated", draft: true, summary: "d",
				authors: []Person{{Name: "Ann", Email: "ann@example.org", URI: "https://ann.example"}, {Name: "bob@example.org", Email: "bob@example.org"}, {Name: "Cy"}}},
		},
		{
			name: "Zola taxonomies and extra",
			in: `+++
title = "Zola"
path = "2021/02/03/zola-style"
[taxonomies]
tags = ["a"]
categories = ["c"]
[extra]
author = "Zed"
+++
`,
			want: meta{title: "Zola", hasTitle: true, path: "2021/02/03/zola-style", pathKey: "path",
				tags: []string{"a"}, categories: []string{"c"}, authors: []Person{{Name: "Zed"}}},
		},
		{
			name: "Jekyll unpublished",
			in:   "---\ntitle: x\npublished: false\n---\n",
			want: meta{title: "x", hasTitle: true, draft: true},
		},
		{
			name: "draft written as text",
			in:   "---\ntitle: x\ndraft: \"yes\"\n---\n",
			want: meta{title: "x", hasTitle: true, draft: true},
		},
		{
			name: "control characters and broken UTF-8 in text",
			in:   "+++\ntitle = \"a\\u0000b\\u0007c\\td\\u007f\\u0085e\\uFFFF\"\nsummary = \"\\n line \\n\"\n+++\n",
			want: meta{title: "abc\tde", hasTitle: true, summary: "line"},
		},
		{
			name: "numbers where text was meant",
			in:   "---\ntitle: 2021\ntags: [2021, rust]\n---\n",
			want: meta{title: "2021", hasTitle: true, tags: []string{"2021", "rust"}},
		},
		{
			name:  "wrong types are warnings",
			in:    "---\ntitle: [a, b]\ntags: {a: 1}\ndraft: maybe\nauthor: 3.5\nsessions: 7\n---\n",
			want:  meta{hasSessions: true},
			diags: []string{"2: title: expected text, found a list", "4: draft: expected true or false", "3: tags: expected text or a list of text, found a table", "5: author: expected a name", "6: sessions: expected a list of tables"},
		},
		{
			name:  "empty title is no title",
			in:    "---\ntitle: \"  \"\n---\n",
			want:  meta{},
			diags: nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, diags := readTestMeta(t, tt.in, tt.jekyll)
			got.date, got.lastmod, got.sessions = nil, nil, nil
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("readMeta =\n%+v\nwant\n%+v", got, tt.want)
			}
			var gotDiags []string
			for _, d := range diags {
				gotDiags = append(gotDiags, d.String())
			}
			if len(gotDiags) != len(tt.diags) {
				t.Fatalf("diagnostics = %q; want %q", gotDiags, tt.diags)
			}
			for i := range tt.diags {
				if !strings.Contains(":"+gotDiags[i], ":"+tt.diags[i]) {
					t.Errorf("diagnostic %d = %q; want …%s…", i, gotDiags[i], tt.diags[i])
				}
			}
		})
	}
}

// TestYAMLTimestampsStayText checks that unquoted YAML timestamps reach
// parseDate as written, so that a date without a zone is read in the
// site's zone rather than in UTC.
func TestYAMLTimestampsStayText(t *testing.T) {
	md, _ := readTestMeta(t, "---\ndate: 2021-04-07 10:00:00\nlastmod: 2021-04-08\nbase: &b {title: merged, slug: s}\n<<: *b\nslug: own\n---\n", false)
	if md.date != "2021-04-07 10:00:00" || md.lastmod != "2021-04-08" {
		t.Fatalf("date, lastmod = %#v, %#v; want the text as written", md.date, md.lastmod)
	}
	if md.title != "merged" || md.slug != "own" {
		t.Errorf("merge keys: title %q slug %q; want merged, own", md.title, md.slug)
	}
	d, err := parseDate(md.date, mustLoad(t, "America/New_York"), nil)
	if err != nil || d.Format(time.RFC3339) != "2021-04-07T10:00:00-04:00" {
		t.Errorf("parseDate = %v, %v", d, err)
	}
}

// TestYAMLAliasBomb checks that aliases expanding without end are refused
// rather than exhausting memory.
func TestYAMLAliasBomb(t *testing.T) {
	var b strings.Builder
	b.WriteString("---\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n")
	for i := 1; i < 12; i++ {
		fmt.Fprintf(&b, "a%d: &a%d [*a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d]\n", i, i, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1)
	}
	b.WriteString("---\n")
	fm, err := splitFrontMatter([]byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fm.decode(); err == nil {
		t.Fatal("an alias bomb decoded")
	}
}

func TestKeyLine(t *testing.T) {
	tests := []struct {
		in, key string
		want    int
	}{
		{"---\nsubtitle: a\ntitle_x: b\ntitle: c\n---\n", "title", 4},
		{"---\nTitle : c\n---\n", "title", 2},
		{"{\n  \"a\": 1,\n  \"slug\": \"x\"\n}\n", "slug", 3},
		{"+++\n[extra]\nx = { 'date' = 1 }\n+++\n", "date", 3},
		{"+++\na = 1\n+++\n", "date", 2}, // not found: the front matter's first line
	}
	for _, tt := range tests {
		fm, err := splitFrontMatter([]byte(tt.in))
		if err != nil {
			t.Fatal(err)
		}
		if got := fm.keyLine(tt.key); got != tt.want {
			t.Errorf("keyLine(%q) in %q = %d; want %d", tt.key, tt.in, got, tt.want)
		}
	}
}

func TestSessionLine(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []int
	}{
		{"TOML array of tables", "+++\ntitle = \"x\"\n[[sessions]]\nstart = 1\n[[sessions]]\ntopic = \"t\"\nstart = 2\n  [[ sessions ]]\n+++\n", []int{3, 5, 8}},
		{"TOML inline tables", "+++\nstart = 0\nsessions = [\n  { start = 1 },\n  { topic = \"x\", start = 2 },\n]\n+++\n", []int{4, 5}},
		{"YAML", "---\nsessions:\n  - start: a\n    topic: x\n  - topic: y\n    start: b\n---\n", []int{3, 6}},
		{"JSON", "{\n\"sessions\": [\n {\"start\": \"a\"},\n {\"start\": \"b\"}\n]}\n", []int{3, 4}},
		{"entry without start falls back to the sessions key", "---\nsessions:\n  - start: a\n  - topic: x\n---\n", []int{3, 2}},
		{"no sessions key found", "---\n\"sess\\u0069ons\": [{}]\n---\n", []int{2}},
	}
	for _, tt := range tests {
		fm, err := splitFrontMatter([]byte(tt.in))
		if err != nil {
			t.Fatal(err)
		}
		if got := fm.sessionLines(len(tt.want)); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: sessionLines = %v; want %v", tt.name, got, tt.want)
		}
	}
}

// FuzzFrontMatter checks that no input makes front matter reading panic,
// and that the body and its line number always agree with the input.
func FuzzFrontMatter(f *testing.F) {
	for _, s := range []string{
		"+++\ntitle = \"x\"\ndate = 2021-04-07T10:00:00Z\ntags = [\"a\"]\n[[sessions]]\nstart = \"Thu at 07:00 ET\"\n+++\nbody\n",
		"---\ntitle: x\ndate: 2021-04-07\nauthors:\n  - name: A\n    email: a@b\nsessions:\n  - start: 2021-04-08 07:00\n---\nbody",
		"{\n\"title\": \"x\", \"tags\": \"a b\", \"author\": {\"name\": \"n\"}\n}\nbody",
		"{{< shortcode >}}", "---\n- a\n---\n", "+++\n+++", "---\n", "{", "\n\n\n---\n---\n", "---\na: &a [*a]\n---\n",
		"---\nx: &a [a, a]\ny: &b [*a, *a]\nz: [*b, *b]\n---\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fm, err := splitFrontMatter(data)
		if err != nil {
			if le, ok := err.(*lineError); ok && (le.line < 1 || le.line > bytes.Count(data, []byte("\n"))+1) {
				t.Fatalf("error at line %d of a %d-line input", le.line, bytes.Count(data, []byte("\n"))+1)
			}
			return
		}
		if !bytes.HasSuffix(data, fm.body) {
			t.Fatalf("body %q is not the end of the input", fm.body)
		}
		head := data[:len(data)-len(fm.body)]
		if want := 1 + bytes.Count(head, []byte("\n")); fm.bodyLine != want {
			t.Fatalf("bodyLine = %d; the body starts on line %d", fm.bodyLine, want)
		}
		m, err := fm.decode()
		if err != nil {
			if le, ok := err.(*lineError); !ok || le.line < 1 || le.line > bytes.Count(data, []byte("\n"))+1 {
				t.Fatalf("decode error %v is not positioned in the input", err)
			}
			return
		}
		md, diags := readMeta(fm, m, len(data)%2 == 0)
		for _, d := range diags {
			if d.Line < 1 || d.Line > bytes.Count(data, []byte("\n"))+1 {
				t.Fatalf("diagnostic %v is not positioned in the input", d)
			}
		}
		for _, s := range append([]string{md.title, md.slug, md.summary}, md.tags...) {
			if strings.ContainsAny(s, "\x00\r\x7f") || strings.TrimSpace(s) != s {
				t.Fatalf("text %q was not cleaned", s)
			}
		}
	})
}
