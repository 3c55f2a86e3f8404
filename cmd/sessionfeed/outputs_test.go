package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestCalendarSizeWarning(t *testing.T) {
	if w := calendarSizeWarning(bytes.Repeat([]byte("x"), maxCalendarSize)); w != "" {
		t.Errorf("1 MB exactly: %q", w)
	}
	w := calendarSizeWarning(bytes.Repeat([]byte("x"), maxCalendarSize+1))
	if !strings.Contains(w, "1048577 bytes") || !strings.Contains(w, `past = "365d"`) {
		t.Errorf("over 1 MB: %q", w)
	}
}
