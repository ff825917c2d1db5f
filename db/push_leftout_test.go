package db_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// A call the checkout logged for a volunteer the push leaves out (deleted on the
// server since the checkout) came in with no caller ("volunteer_id NULL"), and the
// push said nothing: it is left out, and listed as not brought back by the file's
// name of its caller; the stance heard on it stays out with it.
func TestPushLeavesOutTheCallsOfAVolunteerLeftOut(t *testing.T) {
	sc := newCoalition(t)
	ctx := context.Background()
	if _, err := sc.admin.Exec(ctx, `INSERT INTO volunteers (uuid, chapter_id, first_name, last_name, created_at, updated_at)
		VALUES ('vol-Uma', $1, 'Uma', 'Imported', 0, 0)`, sc.a.ID); err != nil {
		t.Fatal(err)
	}
	ls, dest := pushRaceCheckout(t, sc, "Mine")
	raw := dbtest.Raw(t, dest)
	var uma, camp, leg int64
	err := raw.QueryRowContext(ctx, `SELECT (SELECT id FROM volunteers WHERE uuid = 'vol-Uma'),
		(SELECT id FROM campaigns WHERE uuid = 'camp-1'), (SELECT id FROM legislators WHERE uuid = 'leg-1')`).Scan(&uma, &camp, &leg)
	raw.Close()
	if err != nil {
		t.Fatal(err)
	}
	f, err := db.Open(ctx, dest, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	called := time.Date(2026, 3, 4, 15, 30, 0, 0, time.UTC)
	if _, err := f.CreateCallReport(ctx, db.CallReport{CampaignID: camp, VolunteerID: uma, LegislatorID: leg,
		CalledAt: called, Outcome: db.OutcomeSpokeStaff, StanceHeard: db.StanceLeaningYes}, true); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if _, err := sc.admin.Exec(ctx, `DELETE FROM volunteers WHERE uuid = 'vol-Uma'`); err != nil {
		t.Fatal(err)
	}
	res, err := ls.Push(ctx, dest, db.PushList, false)
	if err != nil {
		t.Fatal(err)
	}
	if n := coalCount(t, sc.admin, `SELECT count(*) FROM call_reports WHERE volunteer_id IS NULL`); n != 0 || res.Merge.CallReports != 0 {
		t.Errorf("%d call reports with no caller on the server, %d added; want Uma's call left out", n, res.Merge.CallReports)
	}
	if n := coalCount(t, sc.admin, `SELECT count(*) FROM stance_history WHERE stance = 'leaning_yes'`); n != 0 {
		t.Errorf("the stance heard on Uma's call came in without the call (%d rows)", n)
	}
	var listed []db.PushRefused
	for _, r := range res.Refused {
		if r.Kind == db.PushCallReport {
			listed = append(listed, r)
		}
	}
	if len(listed) != 1 || !strings.Contains(listed[0].Name, "Uma Imported") || !strings.Contains(listed[0].Name, "Jane Doe") ||
		!strings.Contains(listed[0].Name, "2026-03-04") {
		t.Errorf("refused %+v; want Uma Imported's call to Rep. Jane Doe of 2026-03-04 listed as not brought back", res.Refused)
	}
	if len(res.Updated) != 1 {
		t.Errorf("updated %v; want Ann Archer's edit pushed", res.Updated)
	}
}

// A push that failed on a file's volunteer under another chapter's UUID probed every
// file volunteer it could not see, the one moved to another chapter since the
// checkout too (listed already as not brought back), and listed it a second time
// advising to add the person again in a fresh checkout: a duplicate of someone in
// another chapter.
func TestPushListsAVolunteerMovedAwayOnce(t *testing.T) {
	sc := newCoalition(t)
	ctx := context.Background()
	if _, err := sc.admin.Exec(ctx, `INSERT INTO volunteers (uuid, chapter_id, first_name, last_name, created_at, updated_at)
		VALUES ('vol-hidden', $1, 'Hester', 'Hidden', 0, 0)`, sc.b.ID); err != nil {
		t.Fatal(err)
	}
	ls, dest := pushRaceCheckout(t, sc, "Mine")
	f, err := db.Open(ctx, dest, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	dbtest.Volunteer(t, f, "Olive", "Own", func(v *db.Volunteer) { v.UUID = "vol-hidden" })
	dbtest.Volunteer(t, f, "Nell", "New", nil)
	f.Close()
	if _, err := sc.admin.Exec(ctx, `UPDATE volunteers SET chapter_id = $1 WHERE uuid = 'vol-a'`, sc.b.ID); err != nil {
		t.Fatal(err)
	}
	res, err := ls.Push(ctx, dest, db.PushList, false)
	if err != nil {
		t.Fatalf("push: %v", err)
	}
	if len(res.Refused) != 1 || res.Refused[0].Name != "Olive Own" || len(res.Gone) != 1 || res.Gone[0] != "Ann Archer" ||
		res.Merge.Volunteers != 1 {
		t.Errorf("refused %+v, gone %v, added %d; want Olive Own refused, Ann Archer listed once as gone, Nell added",
			res.Refused, res.Gone, res.Merge.Volunteers)
	}
}
