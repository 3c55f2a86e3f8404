package corpus

import (
	"fmt"
	"strings"
	"time"
)

// The prose is made of sentences assembled from these parts. None of them
// names a day, a month or a time of day, so that a post's prose never
// states hours its schedule would take.
var (
	subjects = []string{"The team", "Our working group", "Everyone who joined", "The compiler", "This design",
		"The new runtime", "A reader", "The proposal", "The borrow checker", "Our test suite", "The release process",
		"The scheduler", "Nobody on the call"}
	verbs = []string{"needs", "explores", "changes", "keeps", "simplifies", "revisits", "breaks", "improves",
		"questions", "documents", "rewrites", "depends on"}
	objects = []string{"async traits", "error handling", "the build pipeline", "cancellation", "the release notes",
		"memory use", "the public API", "trait objects", "the type checker", "incremental builds",
		"the feed reader", "our calendar export", "lifetime elision", "the standard library"}
	tails = []string{"", " in ways we did not expect", " for most users", " without much fuss", ", at least for now",
		" once again", " in the long run", " when nobody is looking", ", as the issue tracker shows"}
	adjectives = []string{"Async", "Incremental", "Fearless", "Structured", "Portable", "Zero-cost", "Generic",
		"Safe", "Faster", "Better", "Smaller", "Shiny"}
	nouns = []string{"Traits", "Closures", "Builds", "Iterators", "Errors", "Streams", "Executors", "Lifetimes",
		"Macros", "Calendars", "Feeds", "Benchmarks", "Allocators", "Vec<T> & Friends", "Tests", "\"Pin\" Explained"}
	topics = []string{"The need for async traits", "Challenges from cancellation", "Error handling in practice",
		"Reviewing the RFC draft", "Status quo stories", "Shiny future stories", "Triage of open issues",
		"Writing the vision doc", "Async closures", "Streams and iterators", "Benchmarks & profiling",
		"Onboarding new contributors", "Q&A with the team", "Planning the next release", "Design review: <Pin>"}
	hosts = []string{"Ryan", "Niko", "Jane Doe", "Amélie Dupont", "Kenji Sato", "Priya", "Olu Adeyemi",
		"María José", "Tyler"}
	tagWords = []string{"rust", "async", "compiler", "release", "design", "community", "performance", "go",
		"tooling", "meetings"}
	romans = []string{"I", "II", "III", "IV", "V", "VI"}
)

// title is a post's title; a few carry markup characters (&, <, quotes)
// that feeds must escape.
func (g *generator) title() string {
	switch g.intn(4) {
	case 0:
		return fmt.Sprintf("%s %s", pick(g, adjectives), pick(g, nouns))
	case 1:
		return fmt.Sprintf("%s writing sessions %s", pick(g, topics), pick(g, romans))
	case 2:
		return fmt.Sprintf("%s %s, part %d", pick(g, adjectives), pick(g, nouns), g.between(1, 9))
	default:
		return fmt.Sprintf("Notes on %s", strings.ToLower(pick(g, topics)))
	}
}

func (g *generator) topic() string {
	if g.chance(0.2) {
		return fmt.Sprintf("%s (part %d)", pick(g, topics), g.between(2, 4))
	}
	return pick(g, topics)
}

// sentence is one sentence; with links true it may carry a link of one of
// the kinds real posts have.
func (g *generator) sentence(d *draft, links bool) string {
	obj := pick(g, objects)
	if links && g.chance(0.25) {
		obj = fmt.Sprintf("[%s](%s)", obj, g.linkTarget(d))
	} else if g.chance(0.1) {
		obj = "`" + obj + "`"
	} else if g.chance(0.1) {
		obj = "*" + obj + "*"
	}
	return fmt.Sprintf("%s %s %s%s.", pick(g, subjects), pick(g, verbs), obj, pick(g, tails))
}

// linkTarget is a link as found in real posts: absolute, root-relative,
// relative to the post, or through a template placeholder.
func (g *generator) linkTarget(d *draft) string {
	switch g.intn(5) {
	case 0:
		return fmt.Sprintf("https://github.com/example/project/issues/%d", g.between(1, 9999))
	case 1:
		return fmt.Sprintf("/%s/", pick(g, tagWords))
	case 2:
		return "../" + slugify(pick(g, topics)) + "/"
	case 3:
		return "{{ site.baseurl }}/about/"
	default:
		return "https://example.com/docs/" + slugify(pick(g, objects)) + ".html#details"
	}
}

func (g *generator) paragraph(d *draft) string {
	n := g.between(2, 5)
	s := make([]string, n)
	for i := range s {
		s[i] = g.sentence(d, true)
	}
	return strings.Join(s, " ")
}

// decoy is a table, list or code block that is not a schedule: a reader
// must find no session in it.
func (g *generator) decoy(d *draft) string {
	switch g.intn(6) {
	case 0:
		return "| Feature | Before | After |\n|---------|:------:|:-----:|\n| Async traits | no | yes |\n| Cancellation | partial | yes |\n| Streams | no | planned |\n"
	case 1:
		var b strings.Builder
		b.WriteString("| Benchmark | Time | Allocs |\n|-----------|-----:|-------:|\n")
		for _, name := range []string{"Parse", "Load/100", "Load/1000", "Render"} {
			fmt.Fprintf(&b, "| Benchmark%s | %d.%d ms | %d |\n", name, g.between(1, 99), g.intn(10), g.between(10, 99999))
		}
		return b.String()
	case 2:
		var b strings.Builder
		b.WriteString("| Version | Date | Highlights |\n|---|---|---|\n")
		day := d.date.AddDate(-g.between(1, 3), 0, 0)
		for i := range 4 {
			fmt.Fprintf(&b, "| 1.%d | %s | %s |\n", i, day.Format("2006-01-02"), pick(g, objects))
			day = day.AddDate(0, g.between(2, 5), g.intn(20))
		}
		return b.String()
	case 3:
		return "| Month | Milestone |\n|-------|-----------|\n| January | design review |\n| February | first prototype |\n| March | public beta |\n"
	case 4:
		var b strings.Builder
		b.WriteString("What happened so far:\n\n")
		day := d.date.AddDate(0, -g.between(6, 30), 0)
		for range 3 {
			fmt.Fprintf(&b, "- %s: %s landed\n", day.Format("2006-01-02"), pick(g, objects))
			day = day.AddDate(0, 1, g.intn(10))
		}
		return b.String()
	default:
		return "A schedule is written like this:\n\n```markdown\n| When | Who | Topic |\n|------|-----|-------|\n| Thu at 07:00 ET | Ryan | Async traits |\n```\n"
	}
}

var codeBlocks = []string{
	"```go\nfunc main() {\n\tstart := time.Date(2021, 4, 8, 7, 0, 0, 0, time.UTC)\n\tfmt.Println(start.Format(time.RFC3339))\n}\n```\n",
	"```rust\nasync fn fetch(url: &str) -> Result<String, Error> {\n    let body = client.get(url).send().await?.text().await?;\n    Ok(body)\n}\n```\n",
	"```toml\n[dependencies]\ntokio = { version = \"1\", features = [\"full\"] }\n```\n",
	"    $ cargo build --release\n    $ ./target/release/app --help\n",
}

// render is the post's file: front matter, then the body.
func (g *generator) render(d *draft) []byte {
	var b strings.Builder
	g.frontMatter(&b, d)
	b.WriteString("\n")
	b.WriteString(g.paragraph(d) + "\n\n")
	if d.form != "" && d.form != FormFrontMatter {
		b.WriteString(g.scheduleBlock(d) + "\n")
	}
	for i := range g.between(1, 3) {
		fmt.Fprintf(&b, "## %s %s\n\n", pick(g, adjectives), strings.ToLower(pick(g, nouns)))
		for range g.between(1, 3) {
			b.WriteString(g.paragraph(d) + "\n\n")
		}
		switch {
		case i == 0 && d.bundle:
			b.WriteString("![The cover picture](cover.png)\n\n")
		case g.chance(0.2):
			fmt.Fprintf(&b, "![A diagram of %s](/images/%s.png)\n\n", pick(g, objects), slugify(pick(g, nouns)))
		}
		if g.chance(0.3) {
			b.WriteString(pick(g, codeBlocks) + "\n")
		}
		if d.form != FormProseHours && g.chance(0.15) {
			b.WriteString(g.decoy(d) + "\n")
		}
	}
	fmt.Fprintf(&b, "Questions? Ask on [the forum](https://forum.example.org/t/%d) or read [the archive]({{ site.baseurl }}/archive/).\n", g.between(100, 99999))
	return []byte(b.String())
}

// frontMatter writes the post's front matter in its style's syntax.
func (g *generator) frontMatter(b *strings.Builder, d *draft) {
	tags := make([]string, g.between(0, 3))
	for i := range tags {
		tags[i] = pick(g, tagWords)
	}
	author := pick(g, hosts)
	switch g.style.name {
	case Zola:
		b.WriteString("+++\n")
		fmt.Fprintf(b, "title = %s\n", quote(d.title))
		if d.dateInFM {
			fmt.Fprintf(b, "date = %s\n", d.published.Format(time.RFC3339))
		}
		if d.urlPath != "" {
			fmt.Fprintf(b, "path = %s\n", quote(d.urlPath))
		}
		if g.chance(0.3) {
			fmt.Fprintf(b, "description = %s\n", quote(g.sentence(d, false)))
		}
		fmt.Fprintf(b, "\n[taxonomies]\ntags = %s\ncategories = [\"blog\"]\n", tomlList(tags))
		fmt.Fprintf(b, "\n[extra]\nauthor = %s\n", quote(author))
		if d.form == FormFrontMatter {
			b.WriteString(g.frontMatterSessions(d))
		}
		b.WriteString("+++\n")
	case Hugo, Jekyll:
		b.WriteString("---\n")
		if g.style.name == Jekyll {
			b.WriteString("layout: post\n")
		}
		fmt.Fprintf(b, "title: %s\n", quote(d.title))
		if d.dateInFM && g.style.name == Jekyll {
			fmt.Fprintf(b, "date: %s\n", d.published.Format("2006-01-02 15:04:05 -0700"))
		} else if d.dateInFM {
			fmt.Fprintf(b, "date: %s\n", d.published.Format(time.RFC3339))
			if g.chance(0.2) {
				fmt.Fprintf(b, "lastmod: %s\n", d.published.AddDate(0, 0, g.between(1, 30)).Format(time.RFC3339))
			}
		}
		if d.fmSlug != "" {
			fmt.Fprintf(b, "slug: %s\n", d.fmSlug)
		}
		if d.urlPath != "" {
			fmt.Fprintf(b, "url: /%s\n", d.urlPath)
		}
		if g.chance(0.3) {
			fmt.Fprintf(b, "description: %s\n", quote(g.sentence(d, false)))
		}
		switch {
		case len(tags) == 0:
		case g.style.name == Jekyll && g.chance(0.5):
			fmt.Fprintf(b, "tags: %s\n", strings.Join(tags, " "))
		case g.chance(0.5):
			fmt.Fprintf(b, "tags: [%s]\n", strings.Join(tags, ", "))
		default:
			b.WriteString("tags:\n")
			for _, t := range tags {
				fmt.Fprintf(b, "  - %s\n", t)
			}
		}
		b.WriteString("categories: [blog]\n")
		if g.chance(0.5) {
			fmt.Fprintf(b, "authors: [%s]\n", quote(author))
		} else {
			fmt.Fprintf(b, "author: %s\n", quote(author))
		}
		if d.form == FormFrontMatter {
			b.WriteString(g.frontMatterSessions(d))
		}
		b.WriteString("---\n")
	}
}

func tomlList(xs []string) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = quote(x)
	}
	return "[" + strings.Join(q, ", ") + "]"
}
