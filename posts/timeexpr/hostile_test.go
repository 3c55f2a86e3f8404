package timeexpr

import (
	"strings"
	"testing"
)

// hostile are inputs shaped to make a reader do more work than it should:
// long runs of filler, of digits, of zone-like words.
var hostile = []string{
	strings.Repeat("Thu 9am Aa/Bb ", 300),
	strings.Repeat("9am Europe/Nowhere ", 3000),
	strings.Repeat("1", 4000),
	strings.Repeat("1-", 2000),
	strings.Repeat("Thu ", 1000),
	strings.Repeat("9 ", 30000),
	strings.Repeat("on ", 30000),
	strings.Repeat("sessions at 9am ET ", 3000),
}

// BenchmarkHostile measures Parse, ParsePrefix and FindHours on hostile
// inputs; every op reads all of them.
func BenchmarkHostile(b *testing.B) {
	zones := defaultZones()
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range hostile {
			Parse(s, Reference{Zones: zones})
			ParsePrefix(s, Reference{Zones: zones})
			FindHours(s, zones)
		}
	}
}
