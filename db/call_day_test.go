package db

import (
	"testing"
	"time"
)

// A call's day, kept as a number while the import runs, is written as the date of the
// call in the legislature's zone, as it was when the import kept the text: across
// midnight, the turn of the year and the clocks' changes, whatever this computer's zone.
func TestCallDay(t *testing.T) {
	for _, zone := range []string{"America/New_York", "Pacific/Kiritimati", "UTC"} {
		loc, err := time.LoadLocation(zone)
		if err != nil {
			t.Skipf("no zone %s: %v", zone, err)
		}
		for _, at := range []time.Time{
			time.Date(2025, 3, 9, 1, 59, 0, 0, loc), time.Date(2025, 3, 9, 3, 0, 0, 0, loc), // spring forward
			time.Date(2025, 11, 2, 1, 30, 0, 0, loc), time.Date(2025, 12, 31, 23, 59, 59, 0, loc),
			time.Date(2026, 1, 1, 0, 0, 0, 0, loc), time.Date(2024, 2, 29, 12, 0, 0, 0, loc),
			time.Date(2026, 7, 4, 23, 30, 0, 0, time.UTC),
		} {
			if got, want := dayText(callDay(at, loc)), at.In(loc).Format(time.DateOnly); got != want {
				t.Errorf("%s: day %q, want %q", at, got, want)
			}
		}
	}
	if callDay(time.Time{}, time.UTC) != 0 || dayText(0) != "" {
		t.Errorf("a call with no time: day %d, text %q", callDay(time.Time{}, time.UTC), dayText(0))
	}
	a, b := callDay(time.Date(2025, 6, 1, 23, 0, 0, 0, time.Local), time.Local), callDay(time.Date(2025, 6, 2, 1, 0, 0, 0, time.Local), time.Local)
	if b != a+1 {
		t.Errorf("the next day is %d, not %d + 1", b, a)
	}
}
