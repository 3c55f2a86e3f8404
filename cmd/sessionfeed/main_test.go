package main

import (
	"errors"
	"flag"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
)

var update = flag.Bool("update", false, "rewrite the cmp files of testscript scenarios with the actual output")

// runMainEnv makes the test binary run the command itself, for tests that
// start it as a process of its own (and kill it).
const runMainEnv = "SESSIONFEED_TEST_RUN_MAIN"

func TestMain(m *testing.M) {
	// CI=true makes build fetch the published calendar (-previous auto); the
	// tests say -previous where they mean it, whatever machine runs them.
	os.Unsetenv("CI")
	// Builds run in this process leave no stamps in the user's cache; the
	// tests of stamps say where theirs go.
	if os.Getenv("SESSIONFEED_CACHE") == "" {
		os.Setenv("SESSIONFEED_CACHE", "off")
	}
	if os.Getenv(runMainEnv) == "1" {
		os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
	}
	testscript.Main(m, map[string]func(){
		"sessionfeed": func() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs the CLI scenarios in testdata/script: each is a short
// story about one behaviour, usually tied to a bug it keeps fixed.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:           "testdata/script",
		UpdateScripts: *update,
		Setup: func(env *testscript.Env) error {
			env.Setenv("TZ", "UTC")
			// Stamps (stamp.go) only where a scenario turns them on:
			// whether one is made depends on how long ago outputs changed.
			env.Setenv("SESSIONFEED_CACHE", "off")
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"backdate": backdate,
			"sleep":    sleep,
			"lock":     holdLock,
			"status":   exitStatus,
			"serve":    serve,
			"subst":    subst,
			"exitcode": exitCode,
			"mkfifo":   cmdMkfifo,
			"truncate": cmdTruncate,
			"replace":  cmdReplace,
		},
	})
}

// long ago is the mtime backdate gives files, so that a later run that
// rewrites them is seen.
var longAgo = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// backdate FILE... sets each file's mtime to 2000-01-01;
// "backdate -check FILE..." asserts that it is still that (nothing rewrote it);
// "! backdate -check FILE..." asserts that something did.
func backdate(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) > 0 && args[0] == "-check" {
		for _, name := range args[1:] {
			fi, err := os.Stat(ts.MkAbs(name))
			ts.Check(err)
			kept := fi.ModTime().Equal(longAgo)
			if kept == neg {
				ts.Fatalf("%s: mtime %v (backdated: %v, want %v)", name, fi.ModTime(), kept, !neg)
			}
		}
		return
	}
	if neg {
		ts.Fatalf("unsupported: ! backdate")
	}
	for _, name := range args {
		ts.Check(os.Chtimes(ts.MkAbs(name), longAgo, longAgo))
	}
}

// sleep DURATION waits, as a later run would come later.
func sleep(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: sleep DURATION")
	}
	d, err := time.ParseDuration(args[0])
	ts.Check(err)
	time.Sleep(d)
}

// lock DIR holds the output directory's lock for the rest of the script,
// as a concurrent run would.
func holdLock(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: lock DIR")
	}
	unlock, err := lockDir(ts.MkAbs(args[0]), 0)
	ts.Check(err)
	ts.Defer(unlock)
}

// status N ARGS... runs "sessionfeed ARGS" and checks that it exits with
// status N (the exit status is a contract: 0, 1 or 2); its output is
// there for stdout and stderr as after exec.
func exitStatus(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: status N ARGS...")
	}
	want, err := strconv.Atoi(args[0])
	ts.Check(err)
	cmd := exec.Command(os.Args[0], args[1:]...)
	cmd.Dir = ts.MkAbs(".")
	cmd.Env = append(os.Environ(), runMainEnv+"=1", "TZ=UTC", "SESSIONFEED_CACHE="+ts.Getenv("SESSIONFEED_CACHE"))
	cmd.Stdout, cmd.Stderr = ts.Stdout(), ts.Stderr()
	got := 0
	var ee *exec.ExitError
	if err := cmd.Run(); errors.As(err, &ee) {
		got = ee.ExitCode()
	} else {
		ts.Check(err)
	}
	if got != want {
		ts.Fatalf("sessionfeed %s: exit status %d, want %d", strings.Join(args[1:], " "), got, want)
	}
}

// exitcode N COMMAND ARGS... runs COMMAND like exec and checks that it exits
// with status N; stdout and stderr are then checked as after exec.
func exitCode(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exitcode N COMMAND [ARGS...]")
	}
	want, err := strconv.Atoi(args[0])
	ts.Check(err)
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			ts.Fatalf("%s: %v", args[1], err)
		}
		got = ee.ExitCode()
	}
	if got != want {
		ts.Fatalf("%s exited with status %d, want %d", args[1], got, want)
	}
}
