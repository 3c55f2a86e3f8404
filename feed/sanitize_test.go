package feed

import (
	"net/url"
	"strings"
	"testing"

	"github.com/sessionfeed/sessionfeed/posts"
)

func TestSanitize(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain", "<p>Hello <em>world</em>.</p>", "<p>Hello <em>world</em>.</p>"},
		{"script", "<p>a</p><script>alert(1)</script><p>b</p>", "<p>a</p><p>b</p>"},
		{"style element", "<style>p{}</style><p>x</p>", "<p>x</p>"},
		{"style attribute", `<p style="color:red">x</p>`, "<p>x</p>"},
		{"handlers and aria", `<a href="https://a.example/" onclick="x()" role="button" aria-label="l" data-x="1">x</a>`, `<a data-x="1" href="https://a.example/">x</a>`},
		{"duplicate attribute", `<a href="https://a.example/" href="https://b.example/">x</a>`, `<a href="https://a.example/">x</a>`},
		{"comment", "<p>a<!-- secret -->b</p>", "<p>ab</p>"},
		{"iframe becomes a link", `<iframe src="https://v.example/e/1"></iframe>`, `<a href="https://v.example/e/1">https://v.example/e/1</a>`},
		{"iframe in a link goes", `<a href="https://a.example/"><iframe src="https://v.example/e/1"></iframe></a>`, `<a href="https://a.example/"></a>`},
		{"object becomes a link", `<object data="https://o.example/x.swf"><param name="a" value="b"></object>`, `<a href="https://o.example/x.swf">https://o.example/x.swf</a>`},
		{"embed without http", `<embed src="javascript:x()">`, ``},
		{"svg", `<p>a<svg><circle r="1"/></svg>b</p>`, "<p>ab</p>"},
		{"math", `<math><mi>x</mi></math>`, ""},
		{"custom element unwrapped", `<my-box class="c"><b>kept</b></my-box>`, "<b>kept</b>"},
		{"nested unwrap", `<form><label>L <select><option>o</option></select></label><button>b</button></form>`, "<label>L o</label>b"},
		{"noscript unwrapped", `<noscript><img src="https://a.example/p.gif"></noscript>`, `<img src="https://a.example/p.gif"/>`},
		{"javascript href", `<a href=" JavaScript:alert(1)">x</a>`, "<a>x</a>"},
		{"data href", `<a href="data:text/html,x">x</a>`, "<a>x</a>"},
		{"data image", `<img src="data:image/png;base64,AA">`, `<img src="data:image/png;base64,AA"/>`},
		{"relative resolved", `<a href="x/">x</a><img src="/i.png" srcset="a.png 1x, javascript:x 2x">`, `<a href="https://example.org/p/x/">x</a><img src="https://example.org/i.png" srcset="https://example.org/p/a.png 1x"/>`},
		{"controls dropped", `<video src="https://a.example/v.mp4" controls autoplay></video>`, `<video src="https://a.example/v.mp4"></video>`},
		{"unclosed tags closed", "<div><p>a<b>b", "<div><p>a<b>b</b></p></div>"},
		{"stray end tags", "</p></div>a", "<p></p>a"},
		{"bad characters", "<p title=\"a\u0085b\">c\u0000d\ufffde\u0080f\x01g\uFDD0h</p>", `<p title="ab">cdefgh</p>`},
		{"entities", "<p>&lt;&amp;&gt;&quot;&nbsp;&#128512;</p>", "<p>&lt;&amp;&gt;&#34;\u00a0😀</p>"},
		{"task list", `<li><input checked="" disabled="" type="checkbox"> done</li>`, `<li><input checked="" disabled="" type="checkbox"/> done</li>`},
		{"table align", `<table><tr><td align="left">x</td></tr></table>`, `<table><tbody><tr><td align="left">x</td></tr></tbody></table>`},
		{"head elements", `<title>t</title><meta charset="x"><link rel="x" href="y"><base href="z">`, ""},
		{"rt outside ruby", "<p><rt>a</rt><rp>(</rp></p><ruby>漢<rp>(</rp><rt>kan</rt><rp>)</rp></ruby>", "<p>a(</p><ruby>漢<rp>(</rp><rt>kan</rt><rp>)</rp></ruby>"},
		{"odd data attribute", `<p data-ok="1" data-x"y="2" data-="3">x</p>`, `<p data-ok="1">x</p>`},
		{"crlf", "<p>a\r\nb\rc</p>", "<p>a\nb\nc</p>"},
		{"too deep", strings.Repeat("<div>", 600) + "deep &amp; <b>bold</b>", "<p>deep &amp; bold</p>"},
	}
	page, _ := url.Parse("https://example.org/p/")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := sanitize(tt.in, page)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("sanitize(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
			for _, f := range htmlFindings(got) {
				t.Errorf("validator would report %s", f)
			}
		})
	}
}

// TestAllowedListsWithinValidator checks that sanitize keeps nothing the
// validator does not accept.
func TestAllowedListsWithinValidator(t *testing.T) {
	for a := range allowedElements {
		if !validatorElements[a.String()] {
			t.Errorf("element %s is allowed but the validator warns about it", a)
		}
	}
	for a := range allowedAttrs {
		if !validatorAttributes[a] || a == "style" {
			t.Errorf("attribute %s is allowed but the validator warns about it", a)
		}
	}
}

func TestCleanText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text", "plain text"},
		{"tab\tnewline\n", "tab\tnewline\n"},
		{"a\r\nb\rc", "a\nb\nc"},
		{"\x00\x01\x08\x0b\x0c\x1f\x7f", ""},
		{"\u0080\u0085\u009f", ""},
		{"a\xffb\xc3\x28c", "ab(c"},
		{"\ufffd\ufffe\uffff\U0001fffe\U0010ffff\ufdd0\ufdef", ""},
		{"\xed\xa0\x80", ""}, // a UTF-8-encoded surrogate
		{"é ✓ 😀 \u00a0 \ufdcf \ufdf0", "é ✓ 😀 \u00a0 \ufdcf \ufdf0"},
	}
	for _, tt := range tests {
		if got := cleanText(tt.in); got != tt.want {
			t.Errorf("cleanText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestPlain(t *testing.T) {
	tests := []struct{ in, typ, body string }{
		{"Hello", "text", "Hello"},
		{"Tom & Jerry", "text", "Tom &amp; Jerry"},
		{"a < b > c", "text", "a &lt; b &gt; c"},
		{"]]>", "text", "]]&gt;"},
		{"<b>bold</b>", "html", "&amp;lt;b&amp;gt;bold&amp;lt;/b&amp;gt;"},
		{"AT&T", "html", "AT&amp;amp;T"},
		{"&amp;", "html", "&amp;amp;amp;"},
		{"Q&#38;A", "html", "Q&amp;amp;#38;A"},
	}
	for _, tt := range tests {
		got := plain(tt.in)
		if got.Type != tt.typ || got.Body != tt.body {
			t.Errorf("plain(%q) = %s %q, want %s %q", tt.in, got.Type, got.Body, tt.typ, tt.body)
		}
	}
}

func TestPlainText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"  A summary,\n on two lines. ", "A summary, on two lines."},
		{"Links <em>everywhere</em> &amp; more", "Links everywhere & more"},
		{"<p>One.</p><p>Two.</p>", "One. Two."},
		{"x <script>alert(1)</script> y<style>p{}</style>", "x y"},
		{"a < b & c", "a < b & c"},
		{"\x00\u0085", ""},
	}
	for _, tt := range tests {
		if got := plainText(tt.in); got != tt.want {
			t.Errorf("plainText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestAuthor(t *testing.T) {
	tests := []struct {
		in   posts.Person
		want string // name|email|uri, or "" for none
	}{
		{posts.Person{Name: "Niko"}, "Niko||"},
		{posts.Person{Name: " Niko \n Matsakis "}, "Niko Matsakis||"},
		{posts.Person{Name: "N", Email: "n@example.org", URI: "https://example.org"}, "N|n@example.org|https://example.org/"},
		{posts.Person{Name: "N", Email: "mailto:n@example.org"}, "N|n@example.org|"},
		{posts.Person{Name: "N", Email: "n@localhost", URI: "/about/"}, "N||"},
		{posts.Person{Name: "N", Email: "not an email", URI: "javascript:x"}, "N||"},
		{posts.Person{Name: "", Email: "n@example.org"}, ""},
		{posts.Person{Name: "\x00\u0085"}, ""},
	}
	for _, tt := range tests {
		a, ok := author(tt.in)
		got := ""
		if ok {
			got = a.Name + "|" + a.Email + "|" + a.Uri
		}
		if got != tt.want {
			t.Errorf("author(%+v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSpellUpdatedApart(t *testing.T) {
	es := []*atomEntry{{Updated: "2021-01-01T00:00:00Z"}, {Updated: "2021-01-02T00:00:00Z"}, {Updated: "2021-01-01T00:00:00Z"}, {Updated: "2021-01-01T00:00:00Z"}}
	spellUpdatedApart(es)
	var got []string
	for _, e := range es {
		got = append(got, e.Updated)
	}
	want := "2021-01-01T00:00:00Z 2021-01-02T00:00:00Z 2021-01-01T00:00:00.0Z 2021-01-01T00:00:00.00Z"
	if strings.Join(got, " ") != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
