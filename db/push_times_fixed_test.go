package db_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// A checkout whose reports an older ChapterDesk imported was pushed as it was
// (--times-as-they-are), then put right with calls fix-times and pushed again: the
// stance changes heard on those calls stayed hours off on the server (and the
// reports with them, the push saying "nothing new"), so the whip count kept ranking
// the calls at their old times (s41). The push brings the times the file's fix-times
// put right, the report's and its stance changes', where the server still has the
// times before the fix; the whip count follows; an undo of the push moves them back.
func TestPushBringsTimesPutRight(t *testing.T) {
	t.Run("the owner's", func(t *testing.T) {
		s := dbtest.OpenServer(t)
		dbtest.Campaign(t, s)
		dbtest.Legislator(t, s, db.ChamberUpper, "Second Suffolk", "Liz Miranda")
		pushTimesPutRight(t, s)
	})
	// A lead's login may move a stance change's time only so (postgres/0031).
	t.Run("a lead's on a coalition server", func(t *testing.T) {
		sc := newCoalition(t)
		if _, err := sc.admin.Exec(context.Background(), `UPDATE campaigns SET state = 'MA'`); err != nil {
			t.Fatal(err)
		}
		ls, err := db.Open(context.Background(), coalAs(t, sc.url, sc.leadA), db.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer ls.Close()
		pushTimesPutRight(t, ls)
	})
}

// pushTimesPutRight is TestPushBringsTimesPutRight on server s, as its login.
func pushTimesPutRight(t *testing.T, s *db.Store) {
	ctx := context.Background()
	file := filepath.Join(t.TempDir(), "canvass.db")
	if err := s.Checkout(ctx, file); err != nil {
		t.Fatal(err)
	}
	addFormReports(t, file, "form")
	// form-1 heard "Yes" at 9:36:11 AM, stored as 4:36:11 AM; the lead set "No" at 9:00 AM.
	fileExec(t, file, `INSERT INTO stance_history (uuid, campaign_id, legislator_id, stance, changed_at, changed_by, reason, call_report_id)
		SELECT 'heard-1', campaign_id, legislator_id, 'yes', called_at, 'Ann', 'heard on a call', id FROM call_reports WHERE uuid = 'form-1'`,
		`INSERT INTO stance_history (uuid, campaign_id, legislator_id, stance, changed_at, changed_by, reason, chapter_id)
		SELECT 'set-1', campaign_id, legislator_id, 'no', called_at + 4*3600 + 23*60 + 49, 'Lead', 'set by hand', chapter_id FROM call_reports WHERE uuid = 'form-1'`)
	if _, err := s.PushWith(ctx, file, db.PushOptions{Choice: db.PushList, TimesAsTheyAre: true}); err != nil {
		t.Fatal(err)
	}
	onServer := func() string {
		t.Helper()
		got, err := db.QueryStrings(ctx, s, `SELECT r.called_at::text || ' ' || h.changed_at::text || ' ' || st.stance
			FROM call_reports r JOIN stance_history h ON h.call_report_id = r.id
			JOIN stances st ON st.campaign_id = r.campaign_id AND st.legislator_id = r.legislator_id WHERE r.uuid = 'form-1'`)
		if err != nil || len(got) != 1 {
			t.Fatalf("%v, %v", got, err)
		}
		return got[0]
	}
	if got := onServer(); got != "1705397771 1705397771 no" {
		t.Fatalf("on the server after the first push: %s", got)
	}
	f, err := db.Open(ctx, file, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	fix, err := f.FixCallTimes(ctx, db.FixCallTimesOptions{Zone: "UTC", FormsGaveNoZone: true})
	f.Close()
	if err != nil || fix.Moved != 1 || fix.StanceChanges != 1 {
		t.Fatalf("fix: %+v, %v", fix, err)
	}
	res, err := s.Push(ctx, file, db.PushList, false)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := onServer(), "1705415771 1705415771 yes"; got != want {
		t.Errorf("on the server after the push of the fix: %s; want %s (9:36:11 AM EST, the count Yes)", got, want)
	}
	if res.Merge.TimesPutRight != 1 || !strings.Contains(res.Merge.String(), "times put right as the file has them") {
		t.Errorf("push: %s", res.Merge)
	}
	again, err := s.Push(ctx, file, db.PushList, false)
	if err != nil || again.Merge.TimesPutRight != 0 {
		t.Errorf("pushed again: %s, %v", again.Merge, err)
	}
	sum, err := s.UndoImport(ctx, res.Merge.BatchID)
	if err != nil {
		t.Fatal(err)
	}
	if got := onServer(); got != "1705397771 1705397771 no" || sum.StanceTimesBack != 1 {
		t.Errorf("after the push's undo: %s, %+v", got, sum)
	}
}
