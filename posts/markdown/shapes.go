package markdown

import "strings"

// Shapes returns, at about n bytes each, the inputs Guard exists for: the
// shapes goldmark takes quadratic time or worse on. The tests and
// benchmarks of everything that parses a post's Markdown take them from
// here, so that a shape found later is checked everywhere at once.
func Shapes(n int) map[string]string {
	var nested strings.Builder
	for i := 0; nested.Len() < n; i++ {
		nested.WriteString(strings.Repeat("  ", i) + "- item\n")
	}
	return map[string]string{
		"nested list":   nested.String(),
		"run of >":      strings.Repeat(">", n) + " x\n",
		"- on one line": strings.Repeat("- ", n/2) + "x\n",
		"emphasis":      strings.Repeat("*a_b*c_d**e_f*g**h*i_j** ", n/25),
		"links":         strings.Repeat("[a](", n/4) + strings.Repeat(")", n/4),
		"quotes nested": strings.Repeat("> ", n/2) + "x\n",
	}
}
