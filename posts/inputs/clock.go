package inputs

import (
	"sync"
	"time"
)

// A Clock is a run's "now", and keeps the span of instants that would have
// answered every question asked of it the same way: a later run at an
// instant inside that span, with the same files, makes the same outputs.
//
// Code that decides anything by the current time asks the Clock (Before,
// After) instead of comparing with a time.Time.
type Clock struct {
	now time.Time

	mu   sync.Mutex
	span Span // of the answers so far
}

// NewClock returns a Clock that takes now as the current time.
func NewClock(now time.Time) *Clock { return &Clock{now: now} }

// Now is the current time of the run.
func (c *Clock) Now() time.Time { return c.now }

// Before reports whether now is before t.
func (c *Clock) Before(t time.Time) bool { return c.compare(t) < 0 }

// After reports whether now is after t.
func (c *Clock) After(t time.Time) bool { return c.compare(t) > 0 }

func (c *Clock) compare(t time.Time) int {
	r := c.now.Compare(t)
	c.mu.Lock()
	s := &c.span
	switch {
	case r == 0:
		s.Exact = true
	case r > 0 && (!s.HasLo || t.After(s.Lo)):
		s.Lo, s.HasLo = t, true
	case r < 0 && (!s.HasHi || t.Before(s.Hi)):
		s.Hi, s.HasHi = t, true
	}
	c.mu.Unlock()
	return r
}

// Span is a span of instants at which every question asked of a Clock gets
// the answer it got: the instants after Lo (if HasLo) and before Hi (if
// HasHi). When a question was about now itself (Exact), only now answers the
// same.
type Span struct {
	Lo, Hi       time.Time
	HasLo, HasHi bool
	Exact        bool
	Now          time.Time // the Clock's now, which alone is in an Exact span
}

// Span returns the span of c's answers so far.
func (c *Clock) Span() Span {
	c.mu.Lock()
	defer c.mu.Unlock()
	s := c.span
	s.Now = c.now
	return s
}

// Holds reports whether t is in s.
func (s Span) Holds(t time.Time) bool {
	if s.Exact {
		return t.Equal(s.Now)
	}
	return (!s.HasLo || t.After(s.Lo)) && (!s.HasHi || t.Before(s.Hi))
}
