package wire

import (
	"math"
	"reflect"
	"testing"
)

// TestRoundTrip: each value reads back as written, nil and empty lists
// apart, and the end of the data is where the writing ended.
func TestRoundTrip(t *testing.T) {
	var b []byte
	b = AppendUint(b, math.MaxUint64)
	b = AppendInt(b, math.MinInt64)
	b = AppendInt(b, -7)
	b = AppendBool(b, true)
	b = AppendString(b, "zürich")
	b = AppendStrings(b, nil)
	b = AppendStrings(b, []string{})
	b = AppendStrings(b, []string{"a", ""})
	r := NewReader(b)
	if v := r.Uint(); v != math.MaxUint64 {
		t.Errorf("Uint = %d", v)
	}
	if v := r.Int(); v != math.MinInt64 {
		t.Errorf("Int = %d", v)
	}
	if v := r.Small(); v != -7 {
		t.Errorf("Small = %d", v)
	}
	if !r.Bool() {
		t.Error("Bool = false")
	}
	if s := r.String(); s != "zürich" {
		t.Errorf("String = %q", s)
	}
	if ss := r.Strings(); ss != nil {
		t.Errorf("nil Strings = %#v", ss)
	}
	if ss := r.Strings(); ss == nil || len(ss) != 0 {
		t.Errorf("empty Strings = %#v", ss)
	}
	if ss := r.Strings(); !reflect.DeepEqual(ss, []string{"a", ""}) {
		t.Errorf("Strings = %#v", ss)
	}
	if err := r.Done(); err != nil {
		t.Error(err)
	}
}

// TestMalformed: whatever is wrong, the Reader says so and hands out zero
// values, never a panic or an allocation the data cannot back.
func TestMalformed(t *testing.T) {
	for name, read := range map[string]func(*Reader){
		"string longer than the data": func(r *Reader) { _ = r.String() },
		"list longer than the data":   func(r *Reader) { r.Len(1) },
		"bool not 0 or 1":             func(r *Reader) { r.Bool() },
		"small beyond 32 bits":        func(r *Reader) { r.Small() },
		"left over":                   func(r *Reader) { r.Uint() },
	} {
		data := map[string][]byte{
			"string longer than the data": AppendUint(nil, 5),
			"list longer than the data":   AppendLen(nil, 1<<40, false),
			"bool not 0 or 1":             {2},
			"small beyond 32 bits":        AppendInt(nil, 1<<40),
			"left over":                   {1, 2},
		}[name]
		r := NewReader(data)
		read(r)
		if r.Done() == nil {
			t.Errorf("%s: no error", name)
		}
		if r.String() != "" || r.Uint() != 0 || r.Strings() != nil {
			t.Errorf("%s: values after the error", name)
		}
	}
	if r := NewReader(nil); r.Uint() != 0 || r.Err() == nil {
		t.Error("a read past the end: no error")
	}
}
