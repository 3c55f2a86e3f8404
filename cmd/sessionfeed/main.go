// Command sessionfeed publishes a blog's posts as an Atom feed and the
// sessions its posts schedule as iCalendar files.
package main

import (
	"fmt"
	"io"
	"os"
)

const usage = `sessionfeed publishes a site's posts as an Atom feed, and the sessions the
posts schedule ("| Thu at 07:00 ET | Ryan | Async traits |") as iCalendar files.

Usage:
    sessionfeed build    [-site DIR] [-config FILE] [-out DIR] [flags]
    sessionfeed sessions [-site DIR] [-config FILE] [-json] [flags]
    sessionfeed config   [-site DIR] [-config FILE]
    sessionfeed version

Commands:
    build      Write the feed, calendar.ics and one .ics per session.
    sessions   List the sessions each post schedules, and what could not be
               read: how an author checks a post before publishing.
    config     Print the configuration in use, read from the site's Hugo,
               Jekyll or Zola configuration and sessionfeed.toml, with where
               each value came from.

Run "sessionfeed COMMAND -h" for a command's flags.

Examples:
    $ sessionfeed build -site ~/blog
    $ sessionfeed build -site ~/blog -check   # in CI: fail if outputs are stale
    $ sessionfeed sessions -site ~/blog -json | jq .start_utc
    $ sessionfeed config -site ~/blog            # what was read from hugo.toml

Exit status:
    0  outputs are up to date (warnings allowed)
    1  some posts, entries or the previous calendar could not be read; the
       outputs were still written, and the events of what could not be read
       kept as they were
    2  usage or configuration error; nothing was written
    3  another run holds the output directory (see -wait); nothing was written
    4  reading the site or writing an output failed (disk full, permissions):
       every file is whole, old or new, but not all are new
    5  with -check: some output would change
`

// Exit codes, a contract with cron jobs and CI scripts.
const (
	exitOK     = 0 // up to date
	exitErrors = 1 // read errors; outputs written, unreadable posts' events kept
	exitUsage  = 2 // usage or configuration; nothing written
	exitBusy   = 3 // the output directory is locked by another run
	exitIO     = 4 // an I/O failure stopped the run
	exitStale  = 5 // -check: some output would change
)

// version is the version written into generated files.
const version = "0.1.0"

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	switch args[0] {
	case "build":
		return runBuild(args[1:], stdout, stderr)
	case "sessions":
		return runSessions(args[1:], stdout, stderr)
	case "config":
		return runConfig(args[1:], stdout, stderr)
	case "version", "-version", "--version":
		fmt.Fprintf(stdout, "sessionfeed %s\n", version)
		return exitOK
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, usage)
		return exitOK
	default:
		fmt.Fprintf(stderr, "sessionfeed: unknown command %q\nRun \"sessionfeed -h\" for usage.\n", args[0])
		return exitUsage
	}
}
