package db

import "testing"

// TestSetRosterIndexesAside: the roster's indexes are set aside once the import is
// to add a third as many volunteers as the roster holds, judged from the first
// thousand rows when the file's size gives an estimate, else once it has added as
// many as the roster held.
func TestSetRosterIndexesAside(t *testing.T) {
	for _, c := range []struct {
		created, seen, existing, expected int
		want                              bool
	}{
		{961, 1000, 20_000, 100_000, true},  // a big file of new people beside a chapter
		{999, 999, 20_000, 100_000, false},  // not yet a thousand rows to judge by
		{0, 5000, 20_000, 100_000, false},   // the same people again
		{30, 1000, 100_000, 100_000, false}, // 3,000 new expected: less than a third
		{400, 1000, 100_000, 100_000, true}, // 40,000 new expected
		{961, 1000, 20_000, 0, false},       // no estimate: wait
		{20_000, 21_000, 20_000, 0, true},   // as many as the roster held
		{5000, 1000, 2_000, 0, false},       // below deferIndexAfter without an estimate
		{500, 1000, 1000, 3000, false},      // 1,500 expected: below deferIndexAfter
		{10_000, 10_000, 1000, 0, true},     // deferIndexAfter reached
		{1000, 1000, 30_000, 10_500, true},  // 10,500 new: a third of the roster
		{1000, 1000, 40_000, 10_500, false}, // ... but not of a bigger one
	} {
		if got := setRosterIndexesAside(c.created, c.seen, c.existing, c.expected); got != c.want {
			t.Errorf("created %d of %d seen, roster %d, file about %d rows: %v, want %v",
				c.created, c.seen, c.existing, c.expected, got, c.want)
		}
	}
}
