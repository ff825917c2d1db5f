package db_test

import (
	"context"
	"testing"
)

// TestCoalitionCallerNamesHideFamilyNames: a caller whose form name was split at its
// last word ("María José García" López) showed to the coordinator, and in the shared
// stance history to every lead, as "María José García L.": a family name whole (t9
// repro-13). A first name of several words shows by its initials, as the workbook's
// reports.SafeName does: which of its words is a family name cannot be told
// ("Nguyễn Thị" Hương).
func TestCoalitionCallerNamesHideFamilyNames(t *testing.T) {
	sc := newCoalition(t)
	ctx := context.Background()
	callers := []struct{ first, last, want string }{
		{"María José García", "López", "M. J. G. L."},
		{"Nguyễn Thị", "Hương", "N. T. H."},
		{"Chiamaka Adaeze", "Okafor", "C. A. O."},
		{"Jean-Baptiste", "Van Der Berg", "Jean-Baptiste V."},
	}
	for i, c := range callers {
		var report int64
		if err := sc.admin.QueryRow(ctx, `WITH v AS (INSERT INTO volunteers (uuid, chapter_id, first_name, last_name, created_at, updated_at)
				VALUES ('vol-n' || $1::int, $2, $3, $4, 0, 0) RETURNING id)
			INSERT INTO call_reports (uuid, chapter_id, campaign_id, volunteer_id, legislator_id, called_at, outcome, created_at, updated_at)
			SELECT 'call-n' || $1::int, $2, $5, v.id, $6, 1700000100 + $1::int, 'spoke_staff', 0, 0 FROM v RETURNING id`,
			i, sc.b.ID, c.first, c.last, sc.campaign, sc.legislator).Scan(&report); err != nil {
			t.Fatal(err)
		}
		if _, err := sc.admin.Exec(ctx, `INSERT INTO stance_history (uuid, campaign_id, legislator_id, stance, changed_at, changed_by,
			reason, call_report_id, chapter_id) VALUES ('stance-n' || $1::int, $2, $3, 'yes', 1700000100 + $1::int, $4, 'heard on a call', $5, $6)`,
			i, sc.campaign, sc.legislator, c.first+" "+c.last, report, sc.b.ID); err != nil {
			t.Fatal(err)
		}
	}
	// Each query reads the caller's index and the name shown.
	for _, q := range []struct{ who, q string }{
		{sc.coord, `SELECT substr(uuid, 7)::int, caller FROM coalition_call_reports WHERE uuid LIKE 'call-n%'`},
		{sc.coord, `SELECT substr(r.uuid, 7)::int, v.first_name || CASE WHEN v.last_initial <> '' THEN ' ' || v.last_initial || '.' ELSE '' END
			FROM coalition_callers v JOIN call_reports r ON r.volunteer_id = v.id WHERE r.uuid LIKE 'call-n%'`},
		{sc.leadA, `SELECT substr(uuid, 9)::int, changed_by FROM stance_history WHERE uuid LIKE 'stance-n%'`},
	} {
		rows, err := coalConnect(t, sc.url, q.who).Query(ctx, q.q)
		if err != nil {
			t.Fatalf("%s: %v", q.q, err)
		}
		seen := 0
		for rows.Next() {
			var i int
			var shown string
			if err := rows.Scan(&i, &shown); err != nil {
				t.Fatal(err)
			}
			seen++
			if c := callers[i]; shown != c.want {
				t.Errorf("%s reads %s %s as %q, want %q (%s)", q.who, c.first, c.last, shown, c.want, q.q)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil || seen != len(callers) {
			t.Errorf("%s read %d callers (%v), want %d", q.q, seen, err, len(callers))
		}
	}
}
