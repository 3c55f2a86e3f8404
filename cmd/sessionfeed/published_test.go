package main

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/sessionfeed/sessionfeed/ical"
)

// TestReadPublishedHostile: a server that never answers, or answers with
// more than the reader's limit, gives an error, never a calendar.
func TestReadPublishedHostile(t *testing.T) {
	hang := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/slow":
			w.Write([]byte("BEGIN:VCALENDAR\r\n"))
			w.(http.Flusher).Flush()
			select {
			case <-hang:
			case <-r.Context().Done():
			}
		case "/huge":
			w.Write([]byte("BEGIN:VCALENDAR\r\nPRODID:" + ical.ProdID + "\r\nVERSION:2.0\r\n"))
			line := []byte("X-PAD:" + strings.Repeat("x", 1000) + "\r\n")
			for n := 0; n <= int(ical.DefaultLimits.MaxBytes)/len(line)+1; n++ {
				if _, err := w.Write(line); err != nil {
					return
				}
			}
		}
	}))
	defer srv.Close()
	defer close(hang)

	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, found, err := readPublished(ctx, srv.URL+"/slow")
	var pe *previousError
	if !found || !errors.As(err, &pe) || time.Since(start) > 5*time.Second {
		t.Errorf("slow server: found %v, err %v after %v", found, err, time.Since(start))
	}

	prev, found, err := readPublished(context.Background(), srv.URL+"/huge")
	if err != nil || !found || prev.Errors() == 0 {
		t.Fatalf("huge calendar: found %v, err %v", found, err)
	}
	limited := false
	for _, d := range prev.Diagnostics {
		limited = limited || strings.Contains(d.Message, ical.ErrLimit.Error())
	}
	if !limited {
		t.Errorf("huge calendar: no limit diagnostic in %v", prev.Diagnostics)
	}
}

func TestPreviousSource(t *testing.T) {
	cfg := &Config{Title: "t", BaseURL: "https://example.org/blog/"}
	cfg.defaults()
	for _, tt := range []struct {
		flag, config, ci, want string
		bad                    bool
	}{
		{"", "", "", "", false},
		{"", "", "true", "https://example.org/blog/calendar.ics", false},
		{"none", "", "true", "", false},
		{"auto", "", "", "https://example.org/blog/calendar.ics", false},
		{"", "prev/calendar.ics", "true", "site/prev/calendar.ics", false},
		{"x.ics", "prev/calendar.ics", "", "x.ics", false},
		{"", "https://cdn.example.org/c.ics", "", "https://cdn.example.org/c.ics", false},
		{"ftp://example.org/c.ics", "", "", "", true},
	} {
		c := *cfg
		c.Calendar.Previous = tt.config
		got, err := previousSource(&c, "site", tt.flag, tt.ci)
		if got != tt.want || (err != nil) != tt.bad {
			t.Errorf("flag %q, config %q, CI %q: %q, %v; want %q", tt.flag, tt.config, tt.ci, got, err, tt.want)
		}
	}
}
