// Package wire is the compact binary form in which a build keeps what it
// read from a post for the next build (see posts.ScanCache): unsigned and
// signed varints, strings and flags, appended to a byte slice and read
// back by a Reader that checks every length against what is left, so that
// a damaged or hostile cache file gives an error, never a panic or a huge
// allocation.
package wire

import (
	"encoding/binary"
	"errors"
)

// ErrBad is the error of a Reader whose data is not what was written.
var ErrBad = errors.New("wire: malformed data")

// AppendUint appends v.
func AppendUint(b []byte, v uint64) []byte { return binary.AppendUvarint(b, v) }

// AppendInt appends v.
func AppendInt(b []byte, v int64) []byte { return binary.AppendVarint(b, v) }

// AppendBool appends v as one byte.
func AppendBool(b []byte, v bool) []byte {
	if v {
		return append(b, 1)
	}
	return append(b, 0)
}

// AppendString appends s, after its length.
func AppendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// AppendLen appends the length of a list, and whether it is nil (which
// an empty list is not: encoding/json writes them apart, as null and []).
func AppendLen(b []byte, n int, isNil bool) []byte {
	if isNil {
		return append(b, 0)
	}
	return binary.AppendUvarint(b, uint64(n)+1)
}

// AppendStrings appends ss, after their AppendLen.
func AppendStrings(b []byte, ss []string) []byte {
	b = AppendLen(b, len(ss), ss == nil)
	for _, s := range ss {
		b = AppendString(b, s)
	}
	return b
}

// A Reader reads back what the Append functions wrote, in the same order.
// After the first problem every read returns a zero value and Err says why.
type Reader struct {
	data []byte
	err  error
}

// NewReader reads data.
func NewReader(data []byte) *Reader { return &Reader{data: data} }

// Err is the first problem met, or nil.
func (r *Reader) Err() error { return r.err }

// Done is Err, and an error too when data is left unread.
func (r *Reader) Done() error {
	if r.err == nil && len(r.data) > 0 {
		r.err = ErrBad
	}
	return r.err
}

// Fail marks the data as malformed: a value read is out of its range.
func (r *Reader) Fail() { r.err, r.data = ErrBad, nil }

// Uint reads an AppendUint.
func (r *Reader) Uint() uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.data)
	if n <= 0 {
		r.Fail()
		return 0
	}
	r.data = r.data[n:]
	return v
}

// Int reads an AppendInt.
func (r *Reader) Int() int64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Varint(r.data)
	if n <= 0 {
		r.Fail()
		return 0
	}
	r.data = r.data[n:]
	return v
}

// Small reads an AppendInt that must fit an int of 32 bits (a line
// number, a severity).
func (r *Reader) Small() int {
	v := r.Int()
	if v < -1<<31 || v >= 1<<31 {
		r.Fail()
		return 0
	}
	return int(v)
}

// Bool reads an AppendBool.
func (r *Reader) Bool() bool {
	if r.err != nil {
		return false
	}
	if len(r.data) == 0 || r.data[0] > 1 {
		r.Fail()
		return false
	}
	v := r.data[0] == 1
	r.data = r.data[1:]
	return v
}

// String reads an AppendString.
func (r *Reader) String() string {
	n := r.Uint()
	if r.err != nil {
		return ""
	}
	if n > uint64(len(r.data)) {
		r.Fail()
		return ""
	}
	s := string(r.data[:n])
	r.data = r.data[n:]
	return s
}

// Len reads an AppendLen of a list whose items take at least min bytes
// each, failing when the data left cannot hold that many.
func (r *Reader) Len(min int) (n int, isNil bool) {
	v := r.Uint()
	if r.err != nil || v == 0 {
		return 0, true
	}
	if v-1 > uint64(len(r.data)/max(min, 1)) {
		r.Fail()
		return 0, true
	}
	return int(v - 1), false
}

// Strings reads an AppendStrings.
func (r *Reader) Strings() []string {
	n, isNil := r.Len(1)
	if isNil {
		return nil
	}
	ss := make([]string, n)
	for i := range ss {
		ss[i] = r.String()
	}
	return ss
}
