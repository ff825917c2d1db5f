package db

import "testing"

// TestSessionBefore: sessions are ordered by the dates their exports give; by their
// names only when the data gives none and both names are of one plain kind.
func TestSessionBefore(t *testing.T) {
	day := int64(86400)
	for _, c := range []struct {
		name   string
		a, b   recordSession
		before bool
	}{
		{"dates apart", recordSession{"MA", "193rd", 10 * day, 20 * day}, recordSession{"MA", "194th", 30 * day, 40 * day}, true},
		{"dates say so whatever the names", recordSession{"NH", "2025", 10 * day, 20 * day}, recordSession{"NH", "2024", 30 * day, 40 * day}, true},
		{"dates overlap", recordSession{"NH", "2024", 10 * day, 30 * day}, recordSession{"NH", "2025", 20 * day, 40 * day}, false},
		{"ordinals", recordSession{"MA", "193rd", 0, 0}, recordSession{"MA", "194th", 30 * day, 40 * day}, true},
		{"ordinals, the other way", recordSession{"MA", "194th", 0, 0}, recordSession{"MA", "193rd", 0, 0}, false},
		{"years", recordSession{"NH", "2023-2024", 0, 0}, recordSession{"NH", "2025-2026", 0, 0}, true},
		{"years that overlap", recordSession{"NH", "2023-2024", 0, 0}, recordSession{"NH", "2024", 0, 0}, false},
		{"two kinds", recordSession{"MA", "2024", 0, 0}, recordSession{"MA", "194th", 0, 0}, false},
		{"a special session", recordSession{"NH", "2024", 0, 0}, recordSession{"NH", "2024S1", 0, 0}, false},
		{"two states", recordSession{"NH", "2024", 0, 0}, recordSession{"MA", "2025", 0, 0}, false},
		{"years written together", recordSession{"CA", "20232024", 0, 0}, recordSession{"CA", "20252026", 0, 0}, true},
		{"years, the second in two digits", recordSession{"GA", "2023-24", 0, 0}, recordSession{"GA", "2025_26", 0, 0}, true},
		{"two digits, the other way", recordSession{"GA", "2025-26", 0, 0}, recordSession{"GA", "2023-24", 0, 0}, false},
		{"dated, then a new session by its years (no roll call yet)", recordSession{"CA", "20232024", yearStart(2023) + 90*day, yearStart(2024) + 200*day},
			recordSession{"CA", "20252026", 0, 0}, true},
		{"by its years, then dated", recordSession{"CA", "20232024", 0, 0}, recordSession{"CA", "20252026", yearStart(2025) + 30*day, yearStart(2025) + 90*day}, true},
		{"dated within the years", recordSession{"NH", "2025", yearStart(2025) + 30*day, yearStart(2025) + 90*day}, recordSession{"NH", "2025", 0, 0}, false},
		{"dated to the new year's first day", recordSession{"MA", "193rd", yearStart(2024) + 30*day, yearStart(2025)}, recordSession{"MA", "2025-2026", 0, 0}, false},
		{"dated to the year before", recordSession{"MA", "193rd", yearStart(2023) + 30*day, yearStart(2024) + 300*day}, recordSession{"MA", "2025-2026", 0, 0}, true},
		{"a plain number", recordSession{"TX", "88", 0, 0}, recordSession{"TX", "89", 0, 0}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := sessionBefore(c.a, c.b); got != c.before {
				t.Errorf("%+v before %+v: %v, want %v", c.a, c.b, got, c.before)
			}
		})
	}
}
