package main

import (
	"fmt"
	"io"
	"time"
)

// stages times the stages of a build, for -v: an operator whose run was
// slow sees where the time went (waiting for the lock, reading the posts,
// the calendar, the feeds, the add-to-calendar data, writing).
type stages struct {
	last  time.Time
	names []string
	took  []time.Duration
}

func newStages() *stages { return &stages{last: time.Now()} }

// done ends the stage called name, begun where the last one ended.
func (s *stages) done(name string) {
	if s == nil {
		return
	}
	now := time.Now()
	s.names = append(s.names, name)
	s.took = append(s.took, now.Sub(s.last))
	s.last = now
}

// print writes one line per stage, in the order they ran.
func (s *stages) print(w io.Writer) {
	for i, name := range s.names {
		fmt.Fprintf(w, "sessionfeed: stage %-8s %s\n", name, s.took[i].Round(time.Microsecond))
	}
}
