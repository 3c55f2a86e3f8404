package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/sessionfeed/sessionfeed/posts"
)

const sessionsHelp = `Usage: sessionfeed sessions [-site DIR] [-config FILE] [-json] [flags]

Lists every session the site's posts schedule, one a line, in the post's
order: where it is written, how (table, list, heading, sentence, title,
front matter), the time as written, the start and end in the session's own
zone and in UTC, the topic and the host, and where the date, hours or zone
came from when the line itself does not say them. Then the warnings and
errors, as file:line: message. With -v, also every dated line that was
considered and left out (a deadline, a release, a past meeting), and why.
Nothing is written.

Flags:
    -site DIR      the site's root (default ".")
    -config FILE   the configuration (default DIR/sessionfeed.toml)
    -json          one JSON object a line instead of text
    -v             also list what was considered and left out, and why
    -future        include posts dated in the future
    -strict        treat warnings as errors (exit 1)
    -now TIME      take TIME (RFC 3339) as the current time
    -q             print errors only

Examples:
    $ sessionfeed sessions -site ~/blog -future
    $ sessionfeed sessions -json | jq -r 'select(.zone == "UTC") | .file'

Exit status: 0 no errors; 1 some entries or posts could not be read;
2 usage or configuration error.
`

// sessionJSON is one line of "sessions -json". Its keys are a contract.
type sessionJSON struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Text     string `json:"text"`
	Start    string `json:"start"`
	End      string `json:"end"`
	StartUTC string `json:"start_utc"`
	EndUTC   string `json:"end_utc"`
	Zone     string `json:"zone"`
	AllDay   bool   `json:"all_day"`
	Topic    string `json:"topic"`
	Host     string `json:"host"`
	PostURL  string `json:"post_url"`
	Form     string `json:"form"`
	From     string `json:"from,omitempty"`
}

func runSessions(args []string, stdout, stderr io.Writer) int {
	var f siteFlags
	var asJSON, verbose bool
	fs := flag.NewFlagSet("sessions", flag.ContinueOnError)
	f.register(fs)
	fs.BoolVar(&asJSON, "json", false, "print JSON lines")
	fs.BoolVar(&verbose, "v", false, "list what was considered and left out")
	if code, ok := parseFlags(fs, sessionsHelp, args, stdout, stderr); !ok {
		return code
	}
	s, err := loadSite(&f)
	if err != nil {
		fmt.Fprintf(stderr, "sessionfeed: %v\n", err)
		return exitUsage
	}
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	for _, p := range s.posts {
		for _, ss := range p.Sessions {
			if asJSON {
				if err := enc.Encode(toJSON(ss)); err != nil {
					fmt.Fprintf(stderr, "sessionfeed: %v\n", err)
					return exitErrors
				}
				continue
			}
			fmt.Fprintln(stdout, formatSession(ss))
		}
		if verbose {
			for _, r := range p.Rejected {
				where := fmt.Sprintf("%s:%d", p.Source, r.Line)
				if r.Line == 0 {
					where = p.Source
				}
				fmt.Fprintf(stderr, "%s: not a session: %s: %q\n", where, r.Reason, r.Text)
			}
		}
	}
	if printDiagnostics(stderr, s.diags, f.quiet, f.strict) > 0 {
		return exitErrors
	}
	return exitOK
}

func toJSON(s *posts.Session) sessionJSON {
	j := sessionJSON{
		File:    s.Post.Source,
		Line:    s.Line,
		Text:    s.Text,
		Zone:    s.Start.Location().String(),
		AllDay:  s.AllDay,
		Topic:   s.Topic,
		Host:    s.Host,
		PostURL: s.Post.URL,
		Form:    s.Form,
		From:    s.From,
	}
	if s.AllDay {
		j.Start = s.Start.Format(time.DateOnly)
		j.End = s.End.Format(time.DateOnly)
		j.StartUTC, j.EndUTC = j.Start, j.End
	} else {
		j.Start = s.Start.Format(time.RFC3339)
		j.End = s.End.Format(time.RFC3339)
		j.StartUTC = s.Start.UTC().Format(time.RFC3339)
		j.EndUTC = s.End.UTC().Format(time.RFC3339)
	}
	return j
}

// formatSession is the text form of one session:
//
//	content/blog/x.md:12  table  "Thu at 07:00 ET"  2021-04-08 07:00–08:00 EDT (America/New_York) = 11:00Z  The need for Async Traits (Ryan)
func formatSession(s *posts.Session) string {
	var when string
	if s.AllDay {
		when = s.Start.Format("Mon 2006-01-02") + " all day"
		if last := s.End.AddDate(0, 0, -1); !last.Equal(s.Start) {
			when += " to " + last.Format("Mon 2006-01-02")
		}
	} else {
		end := s.End.Format("15:04")
		if s.End.Format(time.DateOnly) != s.Start.Format(time.DateOnly) {
			end = s.End.Format("2006-01-02 15:04")
		}
		when = fmt.Sprintf("%s–%s %s (%s) = %s–%s UTC",
			s.Start.Format("Mon 2006-01-02 15:04"), end, s.Start.Format("MST"), s.Start.Location(),
			s.Start.UTC().Format("2006-01-02 15:04"), s.End.UTC().Format("15:04"))
	}
	what := s.Topic
	if what == "" {
		what = "(no topic)"
	}
	if s.Host != "" {
		what += " (" + s.Host + ")"
	}
	where := fmt.Sprintf("%s:%d", s.Post.Source, s.Line)
	if s.Line == 0 {
		where = s.Post.Source // the title, in the front matter
	}
	line := fmt.Sprintf("%s  %s  %q  %s  %s", where, s.Form, s.Text, when, what)
	if s.From != "" {
		line += "  [" + s.From + "]"
	}
	return line
}
