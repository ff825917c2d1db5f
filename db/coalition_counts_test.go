package db_test

import (
	"context"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
	"github.com/chapterdesk/chapterdesk/demo"
	"github.com/jackc/pgx/v5"
)

// coalitionOfThree is a demo server of 300 volunteers spread over three chapters,
// with a coordinator; it returns the owner's store and the coordinator's login.
func coalitionOfThree(t *testing.T) (url string, owner *db.Store, coord string) {
	t.Helper()
	ctx := context.Background()
	url = dbtest.ServerURL(t)
	owner, err := db.Open(ctx, url, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { owner.Close() })
	if err := demo.Generate(ctx, owner, demo.Options{Volunteers: 300, Calls: 3000, Seed: 5}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []string{"Worcester", "Springfield"} {
		if _, err := owner.AddChapter(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	coord = coalLogin("carol")
	if _, err := owner.AddCoordinator(ctx, coord); err != nil {
		t.Fatal(err)
	}
	// A few volunteers of the coalition's smallest chapter make it one of fewer than 5.
	dbtest.ServerAdmin(t, url, `UPDATE volunteers SET recruiter_id = NULL;
		UPDATE volunteers SET chapter_id = (SELECT id FROM chapters WHERE name = 'Worcester') WHERE id % 2 = 1;
		UPDATE volunteers SET chapter_id = (SELECT id FROM chapters WHERE name = 'Springfield') WHERE id IN (2, 4, 6);
		UPDATE call_reports r SET chapter_id = v.chapter_id FROM volunteers v
			WHERE v.id = r.volunteer_id AND r.chapter_id <> v.chapter_id`)
	return url, owner, coord
}

// The coordinator's counts of the rosters hold no group of fewer than 5 volunteers
// (0007's view grouped by chapter, day joined and both districts: nearly every row
// was one person), and the workbook's totals are still the roster's.
func TestCoalitionCountsHaveNoSmallGroups(t *testing.T) {
	ctx := context.Background()
	url, owner, coord := coalitionOfThree(t)
	carol := coalConnect(t, url, coord)
	var rows, small int
	if err := carol.QueryRow(ctx, `SELECT count(*), count(*) FILTER (WHERE volunteers < 5)
		FROM coalition_volunteer_counts`).Scan(&rows, &small); err != nil {
		t.Fatal(err)
	}
	if rows == 0 || small != 0 {
		t.Errorf("coalition_volunteer_counts: %d of its %d rows are a group of fewer than 5", small, rows)
	}
	// (0 joiners is given since 0015: it names nobody.)
	if err := carol.QueryRow(ctx, `SELECT count(*), count(*) FILTER (WHERE volunteers < 5 OR joined BETWEEN 1 AND 4)
		FROM coalition_chapter_volunteers('2000-01-01', '2100-01-01')`).Scan(&rows, &small); err != nil {
		t.Fatal(err)
	}
	if rows == 0 || small != 0 {
		t.Errorf("coalition_chapter_volunteers: %d of its %d rows are a group of fewer than 5", small, rows)
	}
	cs, err := db.Open(ctx, coalAs(t, url, coord), db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer cs.Close()
	// Whole months, which the coordinator's counts of joiners are (0015).
	now := time.Now().UTC()
	to := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC)
	q := db.ReportQuery{From: to.AddDate(0, -2, 0), To: to, Location: time.UTC}
	var mine, theirs *db.Report
	for _, s := range []struct {
		store *db.Store
		into  **db.Report
	}{{owner, &mine}, {cs, &theirs}} {
		if err := s.store.Report(ctx, q, func(r *db.Report) error { *s.into = r; return nil }); err != nil {
			t.Fatal(err)
		}
	}
	// The coalition's volunteers are the owner's rounded to a multiple of 5 (0020; 300
	// is one), given beside a small chapter (a second one is withheld, 0015); its
	// joiners rounded or withheld.
	if theirs.Summary.Volunteers != rounded(mine.Summary.Volunteers) || mine.Summary.Volunteers != 300 ||
		theirs.Summary.NewVolunteers != rounded(mine.Summary.NewVolunteers) && theirs.Summary.NewVolunteers != db.FewVolunteers {
		t.Errorf("the coordinator's totals: %d volunteers, %d new; the owner's: %d, %d", theirs.Summary.Volunteers,
			theirs.Summary.NewVolunteers, mine.Summary.Volunteers, mine.Summary.NewVolunteers)
	}
	// A chapter's and a district's counts are the owner's rounded, or withheld: always
	// when under 5, and when with the others it would give one under 5 (0015).
	want := func(n int) int {
		if n < db.CoalitionMinGroup {
			return db.FewVolunteers
		}
		return rounded(n)
	}
	orWithheld := func(got, n int) bool { return got == n || got == db.FewVolunteers }
	var withheld int
	for i, c := range mine.Chapters {
		got := theirs.Chapters[i]
		if got.ID != c.ID || !orWithheld(got.Volunteers, want(c.Volunteers)) ||
			!orWithheld(got.NewVolunteers, rounded(c.NewVolunteers)) && !orWithheld(got.NewVolunteers, want(c.NewVolunteers)) {
			t.Errorf("chapter %s: the coordinator reads %d volunteers, %d new; the owner %d, %d", c.Name,
				got.Volunteers, got.NewVolunteers, c.Volunteers, c.NewVolunteers)
		}
		if got.Volunteers == db.FewVolunteers {
			withheld++
		}
	}
	for i, d := range mine.Districts {
		got := theirs.Districts[i]
		if got.District != d.District || !orWithheld(got.Volunteers, want(d.Volunteers)) {
			t.Errorf("district %s: the coordinator reads %d volunteers, the owner %d", d.District, got.Volunteers, d.Volunteers)
		}
		if got.Volunteers == db.FewVolunteers && d.Volunteers > 0 {
			withheld++
		}
	}
	if withheld == 0 {
		t.Errorf("no chapter or district was under 5: the scene tests nothing withheld")
	}
	// A lead may not run the coordinator's count of every chapter.
	lead := coalLogin("lena")
	if _, err := owner.AddLead(ctx, lead, "Worcester"); err != nil {
		t.Fatal(err)
	}
	if _, err := coalConnect(t, url, lead).Exec(ctx, `SELECT * FROM coalition_chapter_volunteers('2000-01-01', '2100-01-01')`); !coalDenied(err) {
		t.Errorf("a lead counts every chapter's volunteers: %v", err)
	}
}

// chapterCounts is one answer of coalition_chapter_volunteers: per chapter (0: the
// coalition's row) its volunteers and joiners, -1 where withheld.
type chapterCounts map[int64][2]int64

func coordCounts(t *testing.T, conn interface {
	Query(context.Context, string, ...any) (pgx.Rows, error)
}, from, to string) chapterCounts {
	t.Helper()
	rows, err := conn.Query(context.Background(), `SELECT coalesce(chapter_id, 0), coalesce(volunteers, -1), coalesce(joined, -1)
		FROM coalition_chapter_volunteers($1, $2)`, from, to)
	if err != nil {
		t.Fatalf("%s to %s: %v", from, to, err)
	}
	out := chapterCounts{}
	for rows.Next() {
		var id, v, j int64
		if err := rows.Scan(&id, &v, &j); err != nil {
			t.Fatal(err)
		}
		out[id] = [2]int64{v, j}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// rounded is a count as the coordinator reads it (0020): the nearest multiple of 5.
func rounded(n int) int { return (n + 2) / 5 * 5 }

// small is a count that points at a person: 1 to 4 (0 names nobody).
func small(n int64) bool { return n > 0 && n < db.CoalitionMinGroup }

// The coordinator cannot learn a group of fewer than 5 by subtracting one count from
// another of the same chapter: a period is whole calendar months (a day's joiners
// were [a, b+1) less [a, b)), and no two periods' joiners, nor the volunteers less a
// period's joiners, differ by 1 to 4.
func TestCoalitionCountsResistDifferencing(t *testing.T) {
	ctx := context.Background()
	url, _, coord := coalitionOfThree(t)
	carol := coalConnect(t, url, coord)
	// Worcester's volunteers joined in three months, 50 or so in each: its joiners
	// are given (the demo's chapters have months of 1 to 4, and so are withheld).
	dbtest.ServerAdmin(t, url, `UPDATE volunteers SET joined_on = '2025-0' || (id % 3 + 1) || '-1' || (id % 9)
		WHERE chapter_id = (SELECT id FROM chapters WHERE name = 'Worcester')`)
	for _, p := range [][2]string{{"2024-03-01", "2024-03-13"}, {"2024-03-02", "2024-04-01"}, {"2024-04-01", "2024-04-01"},
		{"2024-05-01", "2024-04-01"}, {"2024-13-01", "2025-01-01"}, {"", ""}} {
		if _, err := carol.Exec(ctx, `SELECT * FROM coalition_chapter_volunteers($1, $2)`, p[0], p[1]); !coalDenied(err) {
			t.Errorf("the period %q to %q, not whole months, is answered: %v", p[0], p[1], err)
		}
	}
	admin, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close(ctx)
	var lo, hi string
	if err := admin.QueryRow(ctx, `SELECT min(joined_on), max(joined_on) FROM volunteers WHERE joined_on <> ''`).Scan(&lo, &hi); err != nil {
		t.Fatal(err)
	}
	var months []string
	start, _ := time.Parse(time.DateOnly, lo[:7]+"-01")
	end, _ := time.Parse(time.DateOnly, hi[:7]+"-01")
	for m := start.AddDate(0, -1, 0); !m.After(end.AddDate(0, 2, 0)); m = m.AddDate(0, 1, 0) {
		months = append(months, m.Format(time.DateOnly))
	}
	// Every value the coordinator reads of a chapter: its volunteers, and its joiners
	// in each period of whole months.
	values := map[int64][]int64{}
	for i := range months {
		for j := i + 1; j < len(months); j++ {
			for id, c := range coordCounts(t, carol, months[i], months[j]) {
				if i == 0 && j == 1 && c[0] >= 0 {
					values[id] = append(values[id], c[0])
				}
				if c[1] >= 0 {
					values[id] = append(values[id], c[1])
				}
			}
		}
	}
	given := 0
	for _, vs := range values {
		given += len(vs)
	}
	if given < 10 {
		t.Errorf("only %d counts given over %d periods: the test tests little", given, len(months)*(len(months)-1)/2)
	}
	for id, vs := range values {
		seen := map[int64]bool{}
		for _, a := range vs {
			seen[a] = true
		}
		for a := range seen {
			for b := range seen {
				if small(a - b) {
					t.Errorf("chapter %d (0: the coalition): %d less %d is a group of %d", id, a, b, a-b)
					return
				}
			}
		}
	}
}

// The coalition's exact totals less the chapters shown do not give a chapter's
// withheld count (the one chapter of fewer than 5, when it is the only one withheld).
func TestCoalitionCountsHideTheComplement(t *testing.T) {
	ctx := context.Background()
	url, _, coord := coalitionOfThree(t)
	carol := coalConnect(t, url, coord)
	// Every volunteer joined in one of four months, the small chapter's too: the
	// chapters' joiners and the coalition's are given, and so subtracted.
	dbtest.ServerAdmin(t, url, `UPDATE volunteers SET joined_on = '2025-0' || (id % 4 + 1) || '-15'`)
	admin, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close(ctx)
	var chapters []int64
	rows, _ := admin.Query(ctx, `SELECT id FROM chapters`)
	if chapters, err = pgx.CollectRows(rows, pgx.RowTo[int64]); err != nil {
		t.Fatal(err)
	}
	totals := 0
	for _, p := range [][2]string{{"2000-01-01", "2100-01-01"}, {"2025-01-01", "2026-01-01"}, {"2025-02-01", "2025-04-01"}} {
		counts := coordCounts(t, carol, p[0], p[1])
		if c := counts[0]; c[0] >= 0 && c[1] >= 0 {
			totals++
		}
		for col, name := range []string{"volunteers", "joiners"} {
			total, ok := counts[0]
			if !ok || total[col] < 0 {
				continue // no total: nothing to subtract from
			}
			rest, hidden := total[col], 0
			for _, c := range chapters {
				n, ok := counts[c]
				if !ok || n[col] < 0 {
					hidden++
					continue
				}
				rest -= n[col]
			}
			if hidden == 1 || small(rest) {
				t.Errorf("%s to %s, %s: the coalition's %d less the chapters shown leaves %d in %d chapter(s) withheld",
					p[0], p[1], name, total[col], rest, hidden)
			}
		}
	}
	if totals == 0 {
		t.Errorf("the coalition's totals are never given: the test subtracts from nothing")
	}
}

// Nor do the coalition's exact volunteers less the districts listed give the
// volunteers of the districts not listed (with the legislators' list, which are
// they): 2 volunteers in a third senate district were the coalition's 300 less the
// 298 of the two listed.
func TestCoalitionDistrictsHideTheComplement(t *testing.T) {
	ctx := context.Background()
	url, _, coord := coalitionOfThree(t)
	carol := coalConnect(t, url, coord)
	dbtest.ServerAdmin(t, url, `UPDATE volunteers SET senate_district = CASE WHEN id IN (7, 9) THEN 'Third' WHEN id % 2 = 0 THEN 'First' ELSE 'Second' END`)
	var total int64
	if err := carol.QueryRow(ctx, `SELECT volunteers FROM coalition_chapter_volunteers('2000-01-01', '2000-02-01')
		WHERE chapter_id IS NULL`).Scan(&total); err != nil {
		t.Fatal(err)
	}
	rows, err := carol.Query(ctx, `SELECT chamber, sum(volunteers)::bigint, count(*) FROM coalition_volunteer_counts GROUP BY chamber`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var chamber string
		var listed, n int64
		if err := rows.Scan(&chamber, &listed, &n); err != nil {
			t.Fatal(err)
		}
		if small(total - listed) {
			t.Errorf("%s: the coalition's %d less the %d of its %d districts listed leaves %d", chamber, total, listed, n, total-listed)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
}

// districtCounts is one reading of coalition_volunteer_counts: chamber and district
// to volunteers.
func districtCounts(t *testing.T, conn *pgx.Conn) map[[2]string]int64 {
	t.Helper()
	rows, err := conn.Query(context.Background(), `SELECT chamber, district, volunteers FROM coalition_volunteer_counts`)
	if err != nil {
		t.Fatal(err)
	}
	out := map[[2]string]int64{}
	for rows.Next() {
		var ch, d string
		var n int64
		if err := rows.Scan(&ch, &d, &n); err != nil {
			t.Fatal(err)
		}
		out[[2]string{ch, d}] = n
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// Two readings a day apart do not give a withheld chapter's count by subtraction
// (tester, F9: 370 in total with Springfield 160 and Worcester 210; after Tiny's lead
// imported 3, Tiny and Worcester withheld, 373 in total and Springfield 160: Tiny was
// 3). Here the small chapter's 3 volunteers go to the trash between the readings:
// the coalition's total less the chapters shown both times, and each district shown
// both times, must not move by 1 to 4.
func TestCoalitionCountsResistDifferencingOverTime(t *testing.T) {
	url, _, coord := coalitionOfThree(t)
	carol := coalConnect(t, url, coord)
	const period = "2000-01-01"
	before, districtsBefore := coordCounts(t, carol, period, "2000-02-01"), districtCounts(t, carol)
	dbtest.ServerAdmin(t, url, `UPDATE volunteers SET deleted_at = 1 WHERE id IN (2, 4, 6)`)
	after, districtsAfter := coordCounts(t, carol, period, "2000-02-01"), districtCounts(t, carol)
	a, okA := before[0]
	b, okB := after[0]
	if !okA || !okB || a[0] < 0 || b[0] < 0 {
		t.Fatalf("the coalition's total is not given in both readings (%v, %v): the test subtracts nothing", a, b)
	}
	moved := a[0] - b[0]
	for id, c := range before {
		if d, ok := after[id]; id != 0 && ok && c[0] >= 0 && d[0] >= 0 {
			moved -= c[0] - d[0]
		}
	}
	if small(moved) {
		t.Errorf("the coalition's total went from %d to %d, the chapters shown both times moved by %d: the chapters not shown lost %d",
			a[0], b[0], a[0]-b[0]-moved, moved)
	}
	compared := 0
	for k, n := range districtsBefore {
		if m, ok := districtsAfter[k]; ok {
			compared++
			if small(n-m) || small(m-n) {
				t.Errorf("%s district %s: %d, then %d", k[0], k[1], n, m)
			}
		}
	}
	if compared == 0 {
		t.Errorf("no district was shown in both readings: the test compares nothing")
	}
	// The exact counts the rounded ones are made of are the owner's only.
	for _, q := range []string{`SELECT * FROM coalition_volunteer_counts_exact`,
		`SELECT * FROM coalition_chapter_volunteers_exact('2000-01-01', '2000-02-01')`} {
		if _, err := carol.Exec(context.Background(), q); !coalDenied(err) {
			t.Errorf("the coordinator reads %s: %v", q, err)
		}
	}
}

// A district typed two ways on the rosters ("Second Suffolk", "second suffolk", "the
// 2nd Suffolk") is one district in the coordinator's counts, under the directory's
// spelling: the coordinator's import of legislators leaves the rosters' districts as
// typed, and the districts were counted as typed, the directory's spelling short of
// those typed otherwise (and those, a group of their own, often withheld).
func TestCoalitionDistrictsCountedAsTheDirectorySpellsThem(t *testing.T) {
	url, _, coord := coalitionOfThree(t)
	carol := coalConnect(t, url, coord)
	want := districtCounts(t, carol)
	dbtest.ServerAdmin(t, url, `UPDATE volunteers SET senate_district = lower(senate_district) WHERE id % 3 = 0;
		UPDATE volunteers SET house_district = 'the ' || upper(house_district) || ' ' WHERE id % 2 = 0;
		UPDATE volunteers SET senate_district = replace(replace(senate_district, 'First', '1st'), 'Second', 'second')
			WHERE id % 5 = 0`)
	got := districtCounts(t, carol)
	for k, n := range want {
		if got[k] != n {
			t.Errorf("%s district %s: %d typed the directory's way, %d typed otherwise", k[0], k[1], n, got[k])
		}
	}
	for k, n := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("%s district %q (%d) is not the directory's spelling", k[0], k[1], n)
		}
	}
}

// The server's district key is db.DistrictKey on every text of ASCII (it folds no
// accents, so it matches less there, never more).
func TestServerDistrictKeyIsDistrictKey(t *testing.T) {
	url := dbtest.ServerURL(t)
	owner, err := db.Open(context.Background(), url, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	owner.Close()
	conn, err := pgx.Connect(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	for _, s := range []string{"Second Suffolk", "2nd suffolk", "the 2 Suffolk", "  THE  2ND   SUFFOLK ", "Twenty-First Middlesex",
		"twentyfirst Middlesex", "twenty first", "22d Essex", "11th Essex", "113th", "3rd Berkshire, Hampshire, Franklin & Hampden",
		"Franklin and Essex", "the", "The Hague", "Hillsborough 1", "LD 26", "Fifth Middlesex", "ninetieth", "twenty", "twentyten",
		"0002nd", "12345678901 Essex", "1st-Worcester", "Barnstable, Dukes and Nantucket", "",
		"SD-02", "HD 011", "sd02", "HD 027A", "027a", "Senate District 2", "State Senate District 12", "house district", "District of Columbia", "ad5x"} {
		var got string
		if err := conn.QueryRow(context.Background(), `SELECT chapterdesk_district_key($1)`, s).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if want := db.DistrictKey(s); got != want {
			t.Errorf("%q: the server's key %q, DistrictKey %q", s, got, want)
		}
	}
}
