package posts

import (
	"testing"
	"time"
)

func TestNextMidnight(t *testing.T) {
	saoPaulo, err := time.LoadLocation("America/Sao_Paulo")
	if err != nil {
		t.Fatal(err)
	}
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		start time.Time
		want  string
	}{
		{time.Date(2021, 4, 7, 0, 0, 0, 0, berlin), "2021-04-08T00:00:00+02:00"},
		{time.Date(2021, 3, 27, 0, 0, 0, 0, berlin), "2021-03-28T00:00:00+01:00"}, // a 23-hour day follows
		{time.Date(2021, 12, 31, 0, 0, 0, 0, time.UTC), "2022-01-01T00:00:00Z"},
		// On 2018-11-04 São Paulo's clocks jumped from 00:00 to 01:00.
		{time.Date(2018, 11, 3, 0, 0, 0, 0, saoPaulo), "2018-11-04T01:00:00-02:00"},
	} {
		if got := nextMidnight(tc.start).Format(time.RFC3339); got != tc.want {
			t.Errorf("nextMidnight(%s) = %s, want %s", tc.start.Format(time.RFC3339), got, tc.want)
		}
	}
}
