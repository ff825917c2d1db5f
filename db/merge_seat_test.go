package db_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// A chapter's file that retired a member and holds their successor, merged into a
// file that still has the member in office (tester, repro-6: 9th Suffolk's John
// Moran and Chris Newman): the successor comes in and the member retires here too,
// said, rather than two sitting members for one seat. Undo puts the member back.
func TestMergeTakesASuccessorsSeat(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	a := demoFile(t, "a.db", 1, 10, 20)
	if _, err := s.Merge(ctx, a); err != nil {
		t.Fatal(err)
	}
	var uuid string
	if err := dbtest.Raw(t, a).QueryRow(`SELECT uuid FROM legislators l WHERE chamber = 'lower' AND in_office = 1
		AND (SELECT count(*) FROM legislators o WHERE o.chamber = l.chamber AND o.district = l.district AND o.in_office = 1) = 1
		ORDER BY id LIMIT 1`).Scan(&uuid); err != nil {
		t.Fatal(err)
	}
	lead, err := db.Open(ctx, a, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`INSERT INTO legislators (uuid, state, chamber, district, name, given_name, family_name, in_office, created_at, updated_at)
			SELECT 'a0000000-0000-4000-8000-000000000099', state, chamber, district, 'Chris Newman', 'Chris', 'Newman', 1,
				updated_at + 100, updated_at + 100 FROM legislators WHERE uuid = '` + uuid + `'`,
		`UPDATE legislators SET in_office = 0, updated_at = updated_at + 100 WHERE uuid = '` + uuid + `'`,
	} {
		if err := db.WriteRaw(ctx, lead, q); err != nil {
			t.Fatal(err)
		}
	}
	lead.Close()
	sitting := func() string {
		t.Helper()
		var names string
		if err := dbtest.Raw(t, s.Path()).QueryRow(`SELECT coalesce(string_agg(name, ','), '') FROM (SELECT l.name FROM legislators l
			JOIN legislators m ON m.chamber = l.chamber AND m.district = l.district
			WHERE m.uuid = '` + uuid + `' AND l.in_office = 1 AND l.deleted_at IS NULL ORDER BY l.name) AS x`).Scan(&names); err != nil {
			t.Fatal(err)
		}
		return names
	}
	before := sitting()
	res, err := s.Merge(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	if got := sitting(); got != "Chris Newman" {
		t.Errorf("in office for the seat after the merge: %q (before %q)", got, before)
	}
	if res.Legislators != 1 || len(res.Retired) != 1 || !strings.Contains(res.String(), "retired") {
		t.Errorf("result %+v: %s", res, res)
	}
	if _, err := s.UndoImport(ctx, res.BatchID); err != nil {
		t.Fatal(err)
	}
	if got := sitting(); got != before {
		t.Errorf("after undo %q, want %q", got, before)
	}
}

// A merge that gives a district a second member in office (a chapter added one by
// hand, and no longer has the member here) cannot tell a doubled seat from a district
// that elects two (NH House, 2-3 per district): no seat count is in the legislator
// data. It says the seat may be doubled and how many members it now has, never that
// two members hold one seat.
func TestMergeSaysASeatMayBeDoubled(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	a := demoFile(t, "a.db", 1, 10, 20)
	if _, err := s.Merge(ctx, a); err != nil {
		t.Fatal(err)
	}
	var uuid, district string
	if err := dbtest.Raw(t, a).QueryRow(`SELECT uuid, district FROM legislators l WHERE chamber = 'lower' AND in_office = 1
		AND (SELECT count(*) FROM legislators o WHERE o.chamber = l.chamber AND o.district = l.district AND o.in_office = 1) = 1
		ORDER BY id LIMIT 1`).Scan(&uuid, &district); err != nil {
		t.Fatal(err)
	}
	lead, err := db.Open(ctx, a, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`INSERT INTO legislators (uuid, state, chamber, district, name, given_name, family_name, in_office, created_at, updated_at)
			SELECT 'a0000000-0000-4000-8000-000000000098', state, chamber, district, 'Pat Second', 'Pat', 'Second', 1,
				updated_at, updated_at FROM legislators WHERE uuid = '` + uuid + `'`,
		`UPDATE legislators SET deleted_at = updated_at WHERE uuid = '` + uuid + `'`,
	} {
		if err := db.WriteRaw(ctx, lead, q); err != nil {
			t.Fatal(err)
		}
	}
	lead.Close()
	res, err := s.Merge(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	said := res.String()
	if len(res.SharedSeats) != 1 || !strings.Contains(said, "may be doubled") || !strings.Contains(said, "House "+district+" (2 members in office)") ||
		strings.Contains(said, "for one seat") {
		t.Errorf("the merge said %q (seats %q)", said, res.SharedSeats)
	}
}

// A two-member district of the demo (both members in office here and in the file):
// the file has one of them out of office, but here's copy is newer (a directory
// import here put them back in office), or the file still has them in office there
// under another row. The co-member in office is no successor: the member stays in
// office, and the merge asks rather than retire a sitting member silently.
func TestMergeKeepsAMemberOfATwoMemberDistrict(t *testing.T) {
	for _, tc := range []struct {
		name   string
		writes func(uuid string) (file, here []string)
	}{
		{"here newer", func(uuid string) ([]string, []string) {
			return []string{`UPDATE legislators SET in_office = 0, updated_at = updated_at + 100 WHERE uuid = '` + uuid + `'`},
				[]string{`UPDATE legislators SET updated_at = updated_at + 200 WHERE uuid = '` + uuid + `'`}
		}},
		{"file still holds them", func(uuid string) ([]string, []string) {
			return []string{
				`INSERT INTO legislators (uuid, state, chamber, district, name, given_name, family_name, in_office, created_at, updated_at)
					SELECT 'a0000000-0000-4000-8000-000000000098', state, chamber, district, name, given_name, family_name, 1,
						updated_at + 100, updated_at + 100 FROM legislators WHERE uuid = '` + uuid + `'`,
				`UPDATE legislators SET in_office = 0, updated_at = updated_at + 100 WHERE uuid = '` + uuid + `'`}, nil
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			s := dbtest.Open(t)
			a := demoFile(t, "a.db", 1, 10, 20)
			if _, err := s.Merge(ctx, a); err != nil {
				t.Fatal(err)
			}
			var uuid, district string
			if err := dbtest.Raw(t, a).QueryRow(`SELECT uuid, district FROM legislators l WHERE chamber = 'lower' AND in_office = 1
				AND (SELECT count(*) FROM legislators o WHERE o.chamber = l.chamber AND o.district = l.district AND o.in_office = 1) = 2
				ORDER BY id LIMIT 1`).Scan(&uuid, &district); err != nil {
				t.Fatal(err)
			}
			file, here := tc.writes(uuid)
			lead, err := db.Open(ctx, a, db.Options{})
			if err != nil {
				t.Fatal(err)
			}
			for _, q := range file {
				if err := db.WriteRaw(ctx, lead, q); err != nil {
					t.Fatal(err)
				}
			}
			lead.Close()
			for _, q := range here {
				if err := db.WriteRaw(ctx, s, q); err != nil {
					t.Fatal(err)
				}
			}
			res, err := s.Merge(ctx, a)
			if err != nil {
				t.Fatal(err)
			}
			var inOffice int
			if err := dbtest.Raw(t, s.Path()).QueryRow(`SELECT in_office FROM legislators WHERE uuid = '` + uuid + `'`).Scan(&inOffice); err != nil {
				t.Fatal(err)
			}
			if inOffice != 1 || len(res.Retired) != 0 {
				t.Errorf("a member of two-member %s retired by the merge: in office %d, retired %v", district, inOffice, res.Retired)
			}
			if len(res.KeptInOffice) != 1 || !strings.Contains(res.String(), district) || !strings.Contains(res.String(), "kept in office") {
				t.Errorf("the merge does not ask about the member kept in office: %+v\n%s", res.KeptInOffice, res)
			}
		})
	}
}
