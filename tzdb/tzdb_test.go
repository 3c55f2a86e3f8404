package tzdb

import (
	"errors"
	"testing"
	"time"
)

func TestLoad(t *testing.T) {
	for _, tt := range []struct {
		name string
		ok   bool
	}{
		{"Europe/Berlin", true},
		{"America/New_York", true},
		{"Asia/Kolkata", true},
		{"UTC", true},
		{"", false},
		{"Local", false},
		{"Nowhere/City", false},
		{"../../etc/passwd", false},
	} {
		loc, err := Load(tt.name)
		if (err == nil) != tt.ok {
			t.Errorf("Load(%q) = %v, %v", tt.name, loc, err)
			continue
		}
		if !tt.ok && !errors.Is(err, ErrUnknownZone) {
			t.Errorf("Load(%q) error %v is not ErrUnknownZone", tt.name, err)
		}
		if tt.ok && loc.String() != tt.name {
			t.Errorf("Load(%q).String() = %q", tt.name, loc)
		}
	}
	// Twice: from the cache, the same zone.
	a, _ := Load("Europe/Berlin")
	b, _ := Load("Europe/Berlin")
	if a != b {
		t.Error("a second Load made a second Location")
	}
	summer := time.Date(2021, 7, 1, 12, 0, 0, 0, a)
	if _, off := summer.Zone(); off != 2*3600 {
		t.Errorf("Berlin in July: offset %d", off)
	}
}

// TestIgnoresMachineZoneinfo: ZONEINFO pointing at another database does
// not change what Load returns (it is read from the binary).
func TestIgnoresMachineZoneinfo(t *testing.T) {
	t.Setenv("ZONEINFO", t.TempDir())
	if _, err := Load("Australia/Lord_Howe"); err != nil {
		t.Fatal(err)
	}
}
