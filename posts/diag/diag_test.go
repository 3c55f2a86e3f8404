package diag

import (
	"slices"
	"testing"
)

func TestString(t *testing.T) {
	for _, tt := range []struct {
		d    Diagnostic
		want string
	}{
		{Errorf("a.md", 3, "bad %s", "time"), "a.md:3: bad time"},
		{Warnf("a.md", 0, "odd"), "a.md: odd"},
		{Diagnostic{Line: 2, Message: "x"}, "2: x"},
		{Diagnostic{Message: "x"}, "x"},
	} {
		if got := tt.d.String(); got != tt.want {
			t.Errorf("%#v.String() = %q; want %q", tt.d, got, tt.want)
		}
		if got := tt.d.Error(); got != tt.want {
			t.Errorf("%#v.Error() = %q; want %q", tt.d, got, tt.want)
		}
	}
}

func TestZeroSeverityIsError(t *testing.T) {
	if (Diagnostic{}).Severity != Error {
		t.Fatal("the zero Severity must be Error: an unmarked problem must not pass as a warning")
	}
}

func TestSort(t *testing.T) {
	got := Sort([]Diagnostic{
		Warnf("b.md", 1, "x"),
		Warnf("a.md", 2, "x"),
		Errorf("a.md", 2, "x"),
		Errorf("a.md", 2, "x"),
		Warnf("a.md", 0, "z"),
	})
	want := []Diagnostic{Warnf("a.md", 0, "z"), Errorf("a.md", 2, "x"), Warnf("a.md", 2, "x"), Warnf("b.md", 1, "x")}
	if !slices.Equal(got, want) {
		t.Errorf("Sort = %v; want %v", got, want)
	}
	if n := Errors(got); n != 1 {
		t.Errorf("Errors = %d; want 1", n)
	}
}
