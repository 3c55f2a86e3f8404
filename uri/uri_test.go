package uri

import "testing"

func TestCanonical(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://example.org", "https://example.org/"},
		{"https://example.org/blog/", "https://example.org/blog/"},
		{"HTTPS://Example.ORG:443/a/./b/../c", "https://example.org/a/c"},
		{"http://example.org:80/x", "http://example.org/x"},
		{"http://example.org:443/x", "http://example.org:443/x"},
		{"http://example.org:/x", "http://example.org/x"},
		{"https://example.org./x", "https://example.org/x"},
		{"https://example.org/a/..", "https://example.org/"},
		{"https://example.org/../../a", "https://example.org/a"},
		{"https://example.org/a/.", "https://example.org/a/"},
		{"https://example.org//a//b", "https://example.org//a//b"},
		{"https://example.org/%7euser/%41%2d", "https://example.org/~user/A-"},
		{"https://example.org/a%2fb", "https://example.org/a%2Fb"},
		{"https://example.org/caf%c3%a9/", "https://example.org/caf%C3%A9/"},
		{"https://example.org/café/", "https://example.org/caf%C3%A9/"},
		{"https://example.org/cafe\u0301/", "https://example.org/caf%C3%A9/"},
		{"https://example.org/a b", "https://example.org/a%20b"},
		{"https://example.org/100%", "https://example.org/100%25"},
		{"https://example.org/%zz", "https://example.org/%25zz"},
		{"https://example.org/[x]{y}|\\^`\"<>", "https://example.org/%5Bx%5D%7By%7D%7C%5C%5E%60%22%3C%3E"},
		{"https://example.org/a:b@c!$&'()*+,;=", "https://example.org/a:b@c!$&'()*+,;="},
		{"https://example.org/%3a%40", "https://example.org/%3A%40"},
		{"https://example.org/?q=a b&x=%3d&y=%7e/?", "https://example.org/?q=a%20b&x=%3D&y=~/?"},
		{"https://example.org/?", "https://example.org/?"},
		{"https://example.org/#", "https://example.org/#"},
		{"https://example.org/p#frag ment/?#", "https://example.org/p#frag%20ment/?%23"},
		{"https://bücher.example/", "https://xn--bcher-kva.example/"},
		{"https://user@example.org/", "https://user@example.org/"},
		{"  https://example.org/x  ", "https://example.org/x"},
		{"HTTP://0/%2e", "http://0/"},
		{"https://example.org/a/%2E%2e/b", "https://example.org/b"},
		{"https://example.org/a/%2e/", "https://example.org/a/"},
		{"https://example.org/a/%2e%2e%2e/", "https://example.org/a/.../"},
	}
	for _, tt := range tests {
		got, err := Canonical(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("Canonical(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
			continue
		}
		if again, _ := Canonical(got); again != got {
			t.Errorf("Canonical(%q) = %q, not a fixed point", got, again)
		}
	}
}

// TestIsCanonical: what isCanonical takes without parsing is what
// parseCanonical returns unchanged.
func TestIsCanonical(t *testing.T) {
	for _, tt := range []struct {
		in   string
		fast bool
	}{
		{"https://example.org/", true},
		{"http://example.org/blog/2021/04/07/a-b_c~d.e/", true},
		{"https://example.org//a//b", true},
		{"https://example.org/a:b@c!$&'()*+,;=", true},
		{"https://sub-1.example.org/...x/y..", true},
		{"https://example.org", false},
		{"https://Example.org/", false},
		{"HTTPS://example.org/", false},
		{"https://example.org:443/", false},
		{"https://user@example.org/", false},
		{"https://example.org./x", false},
		{"https://example.org/a/./b", false},
		{"https://example.org/a/..", false},
		{"https://example.org/%7e", false},
		{"https://example.org/a b", false},
		{"https://example.org/café/", false},
		{"https://example.org/?q", false},
		{"https://example.org/#f", false},
		{" https://example.org/", false},
		{"ftp://example.org/", false},
	} {
		if got := isCanonical(tt.in); got != tt.fast {
			t.Errorf("isCanonical(%q) = %v, want %v", tt.in, got, tt.fast)
		}
		if c, err := parseCanonical(tt.in); tt.fast && (err != nil || c != tt.in) {
			t.Errorf("parseCanonical(%q) = %q, %v; isCanonical says it is canonical", tt.in, c, err)
		}
	}
}

func TestCanonicalErrors(t *testing.T) {
	for _, in := range []string{"", "/blog/", "example.org/x", "mailto:a@example.org", "ftp://example.org/", "https://", "https:///x", "https://:80/", "https://a b/", "tag:example.org,2021:x"} {
		if got, err := Canonical(in); err == nil {
			t.Errorf("Canonical(%q) = %q, want an error", in, got)
		}
	}
}

func FuzzCanonical(f *testing.F) {
	for _, s := range []string{"https://example.org", "HTTP://A.B:80/./x/../y?q=%7e#f", "https://bücher.example/café/%zz", "https://[::1]:8080/a", "http://a/%25%32%35",
		"https://example.org/blog/2021/04/07/a-b/", "http://a.b./x/.//../y..", "https://a-b.c/:@!$&'()*+,;=~_"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if isCanonical(s) {
			if c, err := parseCanonical(s); err != nil || c != s {
				t.Fatalf("isCanonical(%q), but it is %q, %v in full", s, c, err)
			}
		}
		c, err := Canonical(s)
		if err != nil {
			return
		}
		again, err := Canonical(c)
		if err != nil || again != c {
			t.Fatalf("Canonical(%q) = %q; Canonical of that = %q, %v", s, c, again, err)
		}
		if !isASCII(c) {
			t.Fatalf("Canonical(%q) = %q is not ASCII", s, c)
		}
	})
}
