package schedule

import (
	"bytes"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/sessionfeed/sessionfeed/posts/diag"
	"github.com/sessionfeed/sessionfeed/posts/timeexpr"
)

// testOptions is a post of Wednesday 2021-04-07 on a site in New York.
func testOptions(t testing.TB) Options {
	t.Helper()
	zones, err := timeexpr.NewZones(nil)
	if err != nil {
		t.Fatal(err)
	}
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	return Options{Post: time.Date(2021, 4, 7, 9, 0, 0, 0, ny), Location: ny, Zones: zones}
}

// describe is an entry in one line: line, start (UTC, or the date for
// all-day entries), end when written, topic and host.
func describe(e Entry) string {
	when := e.When.Start.UTC().Format(time.RFC3339)
	if e.When.DateOnly {
		when = e.When.Start.Format("2006-01-02") + " all-day"
	}
	if !e.When.End.IsZero() && !e.When.DateOnly {
		when += "/" + e.When.End.UTC().Format("15:04")
	}
	return fmt.Sprintf("%d %s %q %q", e.Line, when, e.Topic, e.Host)
}

// describeDiag is a diagnostic in one line: line, W or E, message.
func describeDiag(d Diagnostic) string {
	kind := "E"
	if d.Severity == diag.Warning {
		kind = "W"
	}
	return fmt.Sprintf("%d %s %s", d.Line, kind, d.Message)
}

func TestRead(t *testing.T) {
	tests := []struct {
		name    string
		body    string
		post    string // "2006-01-02" in New York; "" for 2021-04-07
		noZone  bool   // the site configures no zone
		entries []string
		diags   []string // each a prefix of describeDiag's line
	}{
		{
			name: "outer pipes optional",
			body: "When | Who | Topic\n---|---|---\nThu at 07:00 ET | Ryan | A\nFri 07:00 ET | Ryan | B\n",
			entries: []string{
				`3 2021-04-08T11:00:00Z "A" "Ryan"`,
				`4 2021-04-09T11:00:00Z "B" "Ryan"`,
			},
		},
		{
			name:    "delimiter row disagrees with header",
			body:    "| When | Who | Topic |\n|---|---|\n| Thu 07:00 ET | Ryan | A |\n",
			entries: []string{`3 2021-04-08T11:00:00Z "A" "Ryan"`},
			diags:   []string{"2 W table delimiter row has 2 cells, the header 3"},
		},
		{
			name: "ragged rows",
			body: "| When | Who | Topic |\n|---|---|---|\n| Thu 07:00 ET | Ryan |\n| Fri 07:00 ET | Ryan | B | extra |\n",
			entries: []string{
				`3 2021-04-08T11:00:00Z "" "Ryan"`,
				`4 2021-04-09T11:00:00Z "B" "Ryan"`,
			},
			diags: []string{
				"3 W table row has 2 cells, the header 3: missing cells read as empty",
				"4 W table row has 4 cells, the header 3: extra cells kept as details",
			},
		},
		{
			name: "no delimiter row",
			body: "Sessions:\n\n| When | Who | Topic |\n| Thu 07:00 ET | Ryan | A |\n| Fri 07:00 ET | Ryan | B |\n",
			entries: []string{
				`4 2021-04-08T11:00:00Z "A" "Ryan"`,
				`5 2021-04-09T11:00:00Z "B" "Ryan"`,
			},
			diags: []string{"3 W table has no delimiter row"},
		},
		{
			name: "pipes in prose are not a table",
			body: "Use | to pipe, as in a | b.\nAnd | When | is not a header |\n",
		},
		{
			name:    "escaped pipe is content",
			body:    "| When | Topic |\n|---|---|\n| Thu 07:00 ET | a \\| b |\n",
			entries: []string{`3 2021-04-08T11:00:00Z "a | b" ""`},
		},
		{
			name:    "pipe in code span kept with a warning",
			body:    "| When | Topic |\n|---|---|\n| Thu 07:00 ET | `a|b` operator |\n",
			entries: []string{`3 2021-04-08T11:00:00Z "a|b operator" ""`},
			diags:   []string{"3 W a pipe inside a code span"},
		},
		{
			name: "date and time columns combine",
			body: "| Date | Time | Topic |\n|---|---|---|\n| April 8 | 14:00 UTC | A |\n| | 16:00 UTC | B |\n| April 9 | 2pm-3:30pm ET | C |\n",
			entries: []string{
				`3 2021-04-08T14:00:00Z "A" ""`,
				`4 2021-04-08T16:00:00Z "B" ""`,
				`5 2021-04-09T18:00:00Z/19:30 "C" ""`,
			},
		},
		{
			name:    "start and end columns",
			body:    "| Day | Start | End | Topic |\n|---|---|---|---|\n| Thu | 10:00 | 11:30 | A |\n",
			entries: []string{`3 2021-04-08T14:00:00Z/15:30 "A" ""`},
		},
		{
			name:    "zone in the header",
			body:    "| When (UTC) | Topic |\n|---|---|\n| Thu 14:00 | A |\n",
			entries: []string{`3 2021-04-08T14:00:00Z "A" ""`},
		},
		{
			name:    "zone in the header, cell names its own",
			body:    "| Time (UTC) | Topic |\n|---|---|\n| Thu 10:00 ET | A |\n",
			entries: []string{`3 2021-04-08T14:00:00Z "A" ""`},
		},
		{
			name: "weekdays in order",
			post: "2021-04-09", // a Friday
			body: "| When | Topic |\n|---|---|\n| Mon 10:00 ET | A |\n| Fri 10:00 ET | B |\n",
			entries: []string{
				`3 2021-04-12T14:00:00Z "A" ""`,
				`4 2021-04-16T14:00:00Z "B" ""`,
			},
		},
		{
			name: "weekdays in a list after a Friday post",
			post: "2021-04-09", // a Friday: Mon is the next week's, Fri the one after the post's
			body: "- Mon 10am ET: A\n- Wed 10am ET: B\n- Fri 10am ET: C\n",
			entries: []string{
				`1 2021-04-12T14:00:00Z "A" ""`,
				`2 2021-04-14T14:00:00Z "B" ""`,
				`3 2021-04-16T14:00:00Z "C" ""`,
			},
		},
		{
			name: "bare weekdays in a table after a Friday post",
			post: "2021-04-09",
			body: "| Day | Topic |\n|---|---|\n| Mon | A |\n| Wed | B |\n| Fri | C |\n",
			entries: []string{
				`3 2021-04-12 all-day "A" ""`,
				`4 2021-04-14 all-day "B" ""`,
				`5 2021-04-16 all-day "C" ""`,
			},
			diags: []string{"1 W dates without a time of day"},
		},
		{
			name: "year-less dates in a table across New Year",
			post: "2021-12-20",
			body: "| Date | Topic |\n|---|---|\n| Dec 28 | A |\n| Jan 4 | B |\n| Jan 11 | C |\n",
			entries: []string{
				`3 2021-12-28 all-day "A" ""`,
				`4 2022-01-04 all-day "B" ""`,
				`5 2022-01-11 all-day "C" ""`,
			},
			diags: []string{"1 W dates without a time of day"},
		},
		{
			name: "year-less dates across New Year with the hours in prose",
			post: "2021-12-20",
			body: "Each meeting will run from 2pm to 3pm GMT.\n\n| Date | Topic |\n|---|---|\n| Dec 28 | A |\n| Jan 4 | B |\n| Jan 11 | C |\n",
			entries: []string{
				`5 2021-12-28T14:00:00Z/15:00 "A" ""`,
				`6 2022-01-04T14:00:00Z/15:00 "B" ""`,
				`7 2022-01-11T14:00:00Z/15:00 "C" ""`,
			},
		},
		{
			name: "date-only with hours in prose",
			body: "Each meeting will run from 2pm to 3pm GMT.\n\n| Date | Topic |\n|---|---|\n| 2021-04-12 | A |\n| 2021-04-19 | B |\n",
			entries: []string{
				`5 2021-04-12T14:00:00Z/15:00 "A" ""`,
				`6 2021-04-19T14:00:00Z/15:00 "B" ""`,
			},
		},
		{
			name: "date-only without hours",
			body: "| Date | Topic |\n|---|---|\n| April 12 | A |\n| April 19 | B |\n",
			entries: []string{
				`3 2021-04-12 all-day "A" ""`,
				`4 2021-04-19 all-day "B" ""`,
			},
			diags: []string{"1 W dates without a time of day: published as all-day events"},
		},
		{
			name:    "hours in a table cell are not the post's hours",
			body:    "| Date | Notes |\n|---|---|\n| April 12 | runs from 2pm to 3pm GMT |\n",
			entries: []string{`3 2021-04-12 all-day "" ""`},
			diags:   []string{"1 W dates without a time of day"},
		},
		{
			name: "placeholder and empty topics",
			body: "| When | Topic | Host |\n|---|---|---|\n| Thu 07:00 ET | TBD | ? |\n| Fri 07:00 ET | | - |\n| Sat 07:00 ET | - | |\n",
			entries: []string{
				`3 2021-04-08T11:00:00Z "TBD" "?"`,
				`4 2021-04-09T11:00:00Z "" ""`,
				`5 2021-04-10T11:00:00Z "" ""`,
			},
		},
		{
			name: "cancelled rows are not sessions",
			body: "| When | Topic |\n|---|---|\n| Thu 07:00 ET | No meeting |\n| ~~Fri 07:00 ET~~ | moved |\n" +
				"| Mon 07:00 ET | Holiday |\n| Tue 07:00 ET | Traits (cancelled) |\n| Wed 07:00 ET | Challenges from cancellation |\n" +
				"| Thu 07:00 ET | Off |\n",
			// The cancelled rows still order the ones below: Wed is after Tue.
			entries: []string{`7 2021-04-14T11:00:00Z "Challenges from cancellation" ""`},
		},
		{
			name:    "unreadable cells in a schedule",
			body:    "| When | Topic |\n|---|---|\n| Thu 07:00 ET | A |\n| Thu 25:00 ET | B |\n| TBD | C |\n",
			entries: []string{`3 2021-04-08T11:00:00Z "A" ""`},
			diags: []string{
				`4 E cannot read "Thu 25:00 ET" as a time:`,
				`5 E cannot read "TBD" as a time:`,
			},
		},
		{
			name: "a schedule none of whose times can be read",
			body: "| When | Topic |\n|---|---|\n| February 30th at 10am | A |\n| 2021-01-28 25:00 | B |\n| Thu at 7pm XYZ | C |\n| TBD | D |\n",
			diags: []string{
				`3 E cannot read "February 30th at 10am" as a time:`,
				`4 E cannot read "2021-01-28 25:00" as a time:`,
				`5 E cannot read "Thu at 7pm XYZ" as a time:`,
				`6 E cannot read "TBD" as a time:`,
			},
		},
		{
			name: "notes after the time",
			body: "| When | Topic |\n|---|---|\n| [Thu at 07:00 ET](https://x) (your time) | A |\n| Tue 14:00 UTC (moved) | B |\n" +
				"| Wed 14:00 UTC — tentative | C |\n| Thu at 7pm XYZ | D |\n",
			entries: []string{
				`3 2021-04-08T11:00:00Z "A" ""`,
				`4 2021-04-13T14:00:00Z "B" ""`,
				`5 2021-04-14T14:00:00Z "C" ""`,
			},
			diags: []string{`6 E cannot read "Thu at 7pm XYZ" as a time: unknown time zone "XYZ"`},
		},
		{
			name: "race results with a time column",
			body: "| Runner | Time |\n|---|---|\n| Ana | 12:34.5 |\n| Ben | 1h 20m |\n| Cy | 24h |\n",
		},
		{
			name: "a past row in an upcoming schedule",
			body: "| Date | Topic |\n|---|---|\n| 2021-04-12 10:00 ET | A |\n| 2020-04-19 10:00 ET | B |\n| 2021-04-26 10:00 ET | C |\n",
			entries: []string{
				`3 2021-04-12T14:00:00Z "A" ""`,
				`5 2021-04-26T14:00:00Z "C" ""`,
			},
			diags: []string{`4 E "2020-04-19 10:00 ET" is more than two weeks before the post`},
		},
		{
			name:    "host, location and details by header",
			body:    "| Start | Speaker | Talk | Room | Notes | |\n|---|---|---|---|---|---|\n| Thu 10:00 ET | **Ana** | _Lifetimes_ | B-12 | bring questions | x |\n",
			entries: []string{`3 2021-04-08T14:00:00Z "Lifetimes" "Ana"`},
		},
		{
			name:    "section label rows and continuation rows",
			body:    "| When | Topic |\n|---|---|\n| **Week 1** | |\n| Thu 07:00 ET | Async |\n| | traits |\n",
			entries: []string{`4 2021-04-08T11:00:00Z "Async traits" ""`},
		},
		{
			name:    "session column as the time column",
			body:    "| Session | Topic |\n|---|---|\n| Thu 07:00 ET | A |\n",
			entries: []string{`3 2021-04-08T11:00:00Z "A" ""`},
		},
		{
			name:    "session column beside a date column is the topic",
			body:    "| Date | Session |\n|---|---|\n| Thu 07:00 ET | Intro |\n",
			entries: []string{`3 2021-04-08T11:00:00Z "Intro" ""`},
		},
		{
			name:    "table in a blockquote",
			body:    "> | When | Topic |\n> |---|---|\n> | Thu 07:00 ET | A |\n",
			entries: []string{`3 2021-04-08T11:00:00Z "A" ""`},
		},
		{
			name:    "table right after a paragraph line",
			body:    "The sessions:\n| When | Topic |\n|---|---|\n| Thu 07:00 ET | A |\n",
			entries: []string{`4 2021-04-08T11:00:00Z "A" ""`},
		},
		{
			name:    "byte-order mark",
			body:    "\uFEFF| When | Topic |\n|---|---|\n| Thu 07:00 ET | A |\n",
			entries: []string{`3 2021-04-08T11:00:00Z "A" ""`},
		},
		{
			name:    "CRLF line endings",
			body:    "Intro\r\n\r\n| When | Topic |\r\n|---|---|\r\n| Thu 07:00 ET | A |\r\n",
			entries: []string{`5 2021-04-08T11:00:00Z "A" ""`},
		},
		{
			name:    "markup in cells",
			body:    "| When | Topic |\n|---|---|\n| **Thu** 07:00 ET | <b>Async</b> &amp; [traits](https://x.org) |\n",
			entries: []string{`3 2021-04-08T11:00:00Z "Async & traits" ""`},
		},
		{
			name:    "no zone and no site zone",
			noZone:  true,
			body:    "| When | Topic |\n|---|---|\n| Thu 07:00 | A |\n| Fri 07:00 | B |\n",
			entries: []string{`3 2021-04-08T07:00:00Z "A" ""`, `4 2021-04-09T07:00:00Z "B" ""`},
			diags:   []string{"3 W "}, // once per table
		},

		// Lists.
		{
			name: "list items that open with a time",
			post: "2021-03-20",
			body: "Sessions:\n\n* March 23rd at noon ET (Tuesday)\n- On March 26th at 10am ET, we will write stories.\n" +
				"1. Sunday, March 28 at 2pm PT: Wrap-up\n+ **Thu 7:00 ET** — Async traits\n* Just a note about 10am\n",
			entries: []string{
				`3 2021-03-23T16:00:00Z "Sessions" ""`,
				`4 2021-03-26T14:00:00Z "Writing stories" ""`,
				`5 2021-03-28T21:00:00Z "Wrap-up" ""`,
				`6 2021-04-01T11:00:00Z "Async traits" ""`,
			},
		},
		{
			name:    "list item links and lazy continuation",
			body:    "- [Thu at 07:00 ET](https://everytimezone.com/x): the need for\nasync traits\n- Fri 07:00 ET: cancelled\n",
			entries: []string{`1 2021-04-08T11:00:00Z "The need for async traits" ""`},
		},
		{
			name: "nested list items",
			body: "- Week 1\n  - Thu 07:00 ET: A\n  - Fri 07:00 ET: B\n",
			entries: []string{
				`2 2021-04-08T11:00:00Z "A" ""`,
				`3 2021-04-09T11:00:00Z "B" ""`,
			},
		},
		{
			name: "a list without times is prose",
			body: "- Read the RFC\n- 3 things to try\n- Tell us on Zulip\n",
		},
		{
			name: "a bare weekday opening prose is not a date",
			body: "- Monday is a holiday here, so reply on Tuesday.\n- Friday we ship.\n",
		},
		{
			name: "a log written newest first, without years",
			post: "2021-12-10",
			body: "- Dec 3: released 1.2\n- Nov 20: released 1.1\n- Oct 2: released 1.0\n",
		},
		{
			name:    "a schedule across New Year",
			post:    "2021-12-20",
			body:    "- Dec 28 at 10am ET: A\n- Jan 4 at 10am ET: B\n",
			entries: []string{`1 2021-12-28T15:00:00Z "A" ""`, `2 2022-01-04T15:00:00Z "B" ""`},
		},
		{
			name: "a changelog list is history",
			body: "- 2019-05-01: released 1.0\n- 2019-08-01: released 1.1\n- 2020-01-01: released 2.0\n",
		},
		{
			name: "list items with the date before a colon, dash or comma",
			body: "- Friday, April 9: Opening\n- April 12, 2021: A\n- 4/19 — B\n- April 26, C\n- April 27: 10:00 ET — D\n",
			entries: []string{
				`1 2021-04-09 all-day "Opening" ""`,
				`2 2021-04-12 all-day "A" ""`,
				`3 2021-04-19 all-day "B" ""`,
				`4 2021-04-26 all-day "C" ""`,
				`5 2021-04-27T14:00:00Z "D" ""`,
			},
			diags: []string{"1 W dates without a time of day"},
		},
		{
			name:    "date-only list items",
			body:    "- April 12: A\n- April 19: B\n",
			entries: []string{`1 2021-04-12 all-day "A" ""`, `2 2021-04-19 all-day "B" ""`},
			diags:   []string{"1 W dates without a time of day"},
		},

		// Reference links.
		{
			name: "full, collapsed and shortcut reference links",
			body: "| When | Topic |\n|---|---|\n| [Thu at 07:00 ET][4] | A |\n| [Fri at 07:00 ET][] | B |\n| [Mon at 07:00 ET] | C |\n\n" +
				"[4]: https://everytimezone.com/s/4\n[fri AT 07:00 et]: <https://everytimezone.com/s/fri>\n[Mon at 07:00 ET]: https://everytimezone.com/s/mon \"title\"\n",
			entries: []string{
				`3 2021-04-08T11:00:00Z "A" ""`,
				`4 2021-04-09T11:00:00Z "B" ""`,
				`5 2021-04-12T11:00:00Z "C" ""`,
			},
		},

		// Not schedules: nothing, and no noise.
		{
			name: "feature comparison",
			body: "| Feature | Go | Rust |\n|---|:-:|:-:|\n| Generics | yes | yes |\n| GC | yes | no |\n",
		},
		{
			name: "benchmark table with a time column",
			body: "| Benchmark | Time | Allocs |\n|---|---:|---:|\n| BenchmarkRead | 1.2 ms | 3 |\n| BenchmarkParse | 350 ns | 0 |\n| BenchmarkBig | 12 s | 7 |\n",
		},
		{
			name: "timeline of months",
			body: "| Date | Milestone |\n|---|---|\n| January | design |\n| Q2 2021 | beta |\n| Summer | 1.0 |\n",
		},
		{
			name: "release history",
			body: "| Version | Date | Notes |\n|---|---|---|\n| 1.0 | 2019-05-01 | first |\n| 1.1 | 2019-09-12 | fixes |\n| 2.0 | 2020-11-30 | async |\n",
		},
		{
			name: "outage timeline just before the post",
			body: "| Time (UTC) | Event |\n|---|---|\n| 2021-04-05 09:12 | alerts fire |\n| 2021-04-05 10:40 | rollback |\n",
		},
		{
			name: "a recap of sessions held",
			body: "- March 31 at 10am ET: we wrote three stories\n- April 2 at 10am ET: we wrote two more\n",
		},
		{
			name:    "a recap with one session to come",
			body:    "- March 31 at 10am ET: we wrote three stories\n- April 9 at 10am ET: next one\n",
			entries: []string{`2 2021-04-09T14:00:00Z "Next one" ""`},
		},
		{
			name: "times of day with no day anywhere",
			body: "## Talks\n\n| Time | Talk |\n|---|---|\n| 09:00 | Opening |\n| 10:00 | Keynote |\n",
		},
		{
			name: "times of day under a dated heading",
			body: "### Friday, April 9\n\n| Time | Talk |\n|---|---|\n| 09:00 | Opening |\n| 10:00 | Keynote |\n",
			entries: []string{
				`5 2021-04-09T13:00:00Z "Opening" ""`,
				`6 2021-04-09T14:00:00Z "Keynote" ""`,
			},
		},
		{
			name:    "times of day after a dated lead line",
			body:    "# Schedule\n\nOn **Friday, April 9**:\n\n* 09:00 ET: Opening\n",
			entries: []string{`5 2021-04-09T13:00:00Z "Opening" ""`},
		},
		{
			name: "a table with no time header",
			body: "| Name | Thu 07:00 ET |\n|---|---|\n| A | B |\n",
		},
		{
			name: "tables in code blocks and comments",
			body: "```markdown\n| When | Topic |\n|---|---|\n| Thu 07:00 ET | A |\n```\n\n    | When | Topic |\n    |---|---|\n    | Thu 07:00 ET | A |\n\n" +
				"~~~\n- Thu 07:00 ET: A\n~~~\n\n<!--\n| When | Topic |\n|---|---|\n| Thu 07:00 ET | A |\n-->\n<pre>\n- Thu 07:00 ET: A\n</pre>\n",
		},
		{
			name:    "a schedule after code blocks",
			body:    "```\n| When |\n```\n\n| When | Topic |\n|---|---|\n| Thu 07:00 ET | A |\n",
			entries: []string{`7 2021-04-08T11:00:00Z "A" ""`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := testOptions(t)
			if tt.post != "" {
				d, err := time.ParseInLocation("2006-01-02", tt.post, opts.Location)
				if err != nil {
					t.Fatal(err)
				}
				opts.Post = d.Add(9 * time.Hour)
			}
			if tt.noZone {
				opts.Location = nil
			}
			entries, diags := Read([]byte(tt.body), opts)
			var got []string
			for _, e := range entries {
				got = append(got, describe(e))
			}
			if !reflect.DeepEqual(got, tt.entries) {
				t.Errorf("entries:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.entries, "\n"))
			}
			var gotDiags []string
			for _, d := range diags {
				gotDiags = append(gotDiags, describeDiag(d))
			}
			ok := len(gotDiags) == len(tt.diags)
			for i := 0; ok && i < len(gotDiags); i++ {
				ok = strings.HasPrefix(gotDiags[i], tt.diags[i])
			}
			if !ok {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(gotDiags, "\n"), strings.Join(tt.diags, "\n"))
			}
		})
	}
}

// TestExamplePost is the acceptance test of issue 3: the example post's body
// gives exactly its two sessions.
func TestExamplePost(t *testing.T) {
	file, err := os.ReadFile("testdata/example.md")
	if err != nil {
		t.Fatal(err)
	}
	_, body, _ := bytes.Cut(file, []byte("-->\n")) // the options line is not part of the post
	entries, diags := Read(body, testOptions(t))
	if len(diags) != 0 {
		t.Errorf("diagnostics: %v", diags)
	}
	want := []struct {
		line         int
		start, topic string
		link         string
	}{
		{7, "2021-04-08T11:00:00Z", "The need for Async Traits", "https://everytimezone.com/s/e2dce418"},
		{8, "2021-04-09T11:00:00Z", "Challenges from cancellation", "https://everytimezone.com/s/7900bcf1"},
	}
	if len(entries) != len(want) {
		t.Fatalf("got %d entries, want %d: %v", len(entries), len(want), entries)
	}
	for i, w := range want {
		e := entries[i]
		if e.Line != w.line || e.When.Start.UTC().Format(time.RFC3339) != w.start || e.Topic != w.topic || e.Host != "Ryan" ||
			len(e.Links) != 1 || e.Links[0].URL != w.link || e.When.Start.Location().String() != "America/New_York" {
			t.Errorf("entry %d = %+v, want line %d, %s, %q, host Ryan, link %s", i, e, w.line, w.start, w.topic, w.link)
		}
	}
}

// TestScheduleTopicsAboutNonSessions: a schedule's topic may be about a
// deadline, a release or downtime; only an entry that is one is left out.
func TestScheduleTopicsAboutNonSessions(t *testing.T) {
	body := "| When | Topic |\n|---|---|\n" +
		"| Thu 07:00 ET | Design review of the downtime policy with the infra team |\n" +
		"| Fri 07:00 ET | Planning the next release |\n" +
		"| Mon 07:00 ET | Proposal deadline |\n" +
		"| Tue 07:00 ET | No meeting (holiday) |\n" +
		"| Wed 07:00 ET | Release of 2.5.0 |\n"
	entries, _ := Read([]byte(body), testOptions(t))
	var got []string
	for _, e := range entries {
		got = append(got, e.Topic)
	}
	want := []string{"Design review of the downtime policy with the infra team", "Planning the next release"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("topics %q, want %q", got, want)
	}
}

// TestHolidayGatherings: a holiday is no session, a holiday party is one.
func TestHolidayGatherings(t *testing.T) {
	body := "| When | Topic |\n|---|---|\n| Thu 07:00 ET | Holiday party |\n| Fri 07:00 ET | Holiday |\n| Mon 07:00 ET | US holiday, no meeting |\n"
	entries, _ := Read([]byte(body), testOptions(t))
	if len(entries) != 1 || entries[0].Topic != "Holiday party" {
		t.Errorf("entries %v, want the holiday party alone", entries)
	}
}
