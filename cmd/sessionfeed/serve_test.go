package main

import (
	"net/http"
	"net/http/httptest"
	"os"

	"github.com/rogpeppe/go-internal/testscript"
)

// serve DIR serves the files of DIR over HTTP for the rest of the script,
// as a published site, and sets $SERVER to its URL. /status/500 answers
// 500, as a broken server would.
func serve(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: serve DIR")
	}
	files := http.FileServer(http.Dir(ts.MkAbs(args[0])))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/status/500" {
			http.Error(w, "broken", http.StatusInternalServerError)
			return
		}
		files.ServeHTTP(w, r)
	}))
	ts.Defer(srv.Close)
	ts.Setenv("SERVER", srv.URL)
}

// subst FILE replaces $NAME and ${NAME} in FILE by the script's
// environment variables.
func subst(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: subst FILE")
	}
	name := ts.MkAbs(args[0])
	data, err := os.ReadFile(name)
	ts.Check(err)
	ts.Check(os.WriteFile(name, []byte(os.Expand(string(data), ts.Getenv)), 0o644))
}
