package db_test

import (
	"strconv"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
)

func TestFirstOf(t *testing.T) {
	abc := []string{"a", "b", "c", "d", "e"}
	for _, c := range []struct {
		name  string
		items []string
		shown int
		sep   string
		want  string
	}{
		{"lists all when there are no more than shown", abc[:3], 3, ", ", "a, b, c"},
		{"says how many more there are, after the separator", abc, 3, ", ", "a, b, c, and 2 more"},
		{"keeps the separator asked for", abc, 2, "; ", "a; b; and 3 more"},
		{"names one alone", abc[:1], 3, ", ", "a"},
		{"is empty for none", nil, 3, ", ", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := db.FirstOf(c.items, c.shown, c.sep); got != c.want {
				t.Errorf("FirstOf(%q, %d, %q) = %q, want %q", c.items, c.shown, c.sep, got, c.want)
			}
		})
	}
	t.Run("writes only the items shown", func(t *testing.T) {
		written := 0
		got := db.FirstOfFunc(make([]int, 1000), 2, ", ", func(int) string { written++; return strconv.Itoa(written) })
		if got != "1, 2, and 998 more" || written != 2 {
			t.Errorf("%q, %d items written", got, written)
		}
	})
}
