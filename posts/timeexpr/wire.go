package timeexpr

import (
	"errors"
	"time"

	"github.com/sessionfeed/sessionfeed/posts/internal/wire"
	"github.com/sessionfeed/sessionfeed/tzdb"
)

// errZone is why a time whose zone cannot be written so that it reads
// back as itself is not appended.
var errZone = errors.New("timeexpr: a zone that does not read back as itself")

// AppendWhen appends w in the wire form ReadWhen reads back as the same
// When: the same instants in the same zones (the same *time.Location for
// UTC and tz database zones), flags and warnings. Zones this package makes
// all can be; another (time.Local) is an error.
func AppendWhen(b []byte, w When) ([]byte, error) {
	var err error
	if b, err = appendTime(b, w.Start); err != nil {
		return nil, err
	}
	if b, err = appendTime(b, w.End); err != nil {
		return nil, err
	}
	b = wire.AppendBool(b, w.DateOnly)
	b = wire.AppendBool(b, w.ZoneWritten)
	return wire.AppendStrings(b, w.Warnings), nil
}

// ReadWhen reads an AppendWhen.
func ReadWhen(r *wire.Reader) When {
	var w When
	w.Start = readTime(r)
	w.End = readTime(r)
	w.DateOnly = r.Bool()
	w.ZoneWritten = r.Bool()
	w.Warnings = r.Strings()
	return w
}

// The zone of a time, on the wire.
const (
	wireZero  = 0 // the zero time
	wireUTC   = 1 // time.UTC
	wireTZ    = 2 // a tz database zone, by name (tzdb.Load)
	wireFixed = 3 // a fixed offset, named as fixedZone names it
)

func appendTime(b []byte, t time.Time) ([]byte, error) {
	if t.IsZero() {
		return append(b, wireZero), nil
	}
	loc := t.Location()
	_, off := t.Zone()
	switch {
	case loc == time.UTC:
		b = append(b, wireUTC)
	case isTZ(loc):
		b = wire.AppendString(append(b, wireTZ), loc.String())
	case loc.String() == offsetName(off):
		b = wire.AppendInt(append(b, wireFixed), int64(off))
	default:
		return nil, errZone
	}
	b = wire.AppendInt(b, t.Unix())
	return wire.AppendUint(b, uint64(t.Nanosecond())), nil
}

// isTZ tells whether loc is the tz database zone of its name, as loaded
// by tzdb.Load (which hands out one *time.Location a name).
func isTZ(loc *time.Location) bool {
	l, err := tzdb.Load(loc.String())
	return err == nil && l == loc
}

func readTime(r *wire.Reader) time.Time {
	kind := r.Uint()
	var loc *time.Location
	switch kind {
	case wireZero:
		return time.Time{}
	case wireUTC:
		loc = time.UTC
	case wireTZ:
		name := r.String()
		if r.Err() != nil {
			return time.Time{}
		}
		l, err := loadIANA(name)
		if err != nil {
			r.Fail()
			return time.Time{}
		}
		loc = l
	case wireFixed:
		off := r.Int()
		if off == 0 || off <= -24*3600 || off >= 24*3600 {
			r.Fail()
			return time.Time{}
		}
		loc = time.FixedZone(offsetName(int(off)), int(off))
	default:
		r.Fail()
		return time.Time{}
	}
	sec, nsec := r.Int(), r.Uint()
	if r.Err() != nil || nsec >= 1e9 {
		r.Fail()
		return time.Time{}
	}
	t := time.Unix(sec, int64(nsec)).In(loc)
	if t.IsZero() {
		r.Fail() // the zero instant is written as wireZero
		return time.Time{}
	}
	return t
}
