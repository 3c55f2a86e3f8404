package main

import (
	"fmt"
	"io"
	"syscall"
	"time"
)

// stages times the stages of a build, for -v: an operator whose run was
// slow sees where the time went (waiting for the lock, reading the posts,
// the calendar, the feeds, the add-to-calendar data, writing), in wall
// time and in processor time (user and system, on all cores: more than
// the wall time where a stage runs on several, less where it waits).
type stages struct {
	last    time.Time
	lastCPU time.Duration
	names   []string
	took    []time.Duration
	cpu     []time.Duration
}

func newStages() *stages { return &stages{last: time.Now(), lastCPU: cpuTime()} }

// done ends the stage called name, begun where the last one ended.
func (s *stages) done(name string) {
	if s == nil {
		return
	}
	now, cpu := time.Now(), cpuTime()
	s.names = append(s.names, name)
	s.took = append(s.took, now.Sub(s.last))
	s.cpu = append(s.cpu, cpu-s.lastCPU)
	s.last, s.lastCPU = now, cpu
}

// print writes one line per stage, in the order they ran.
func (s *stages) print(w io.Writer) {
	for i, name := range s.names {
		fmt.Fprintf(w, "sessionfeed: stage %-8s %s, cpu %s\n", name, s.took[i].Round(time.Microsecond), s.cpu[i].Round(time.Millisecond))
	}
}

// cpuTime is the processor time the process has used so far, user and
// system; 0 where the system does not say.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
