package db_test

import (
	"context"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
)

// TestSponsorshipDateIsTheExportsThatListsIt: a sponsorship is dated by the export
// that lists it, not by the first export of its bill. The 5 April export had no
// sponsorships table; the 6 April one lists García's sponsorship, and the record said
// 2026-04-05 (t3 F5): that export listed no sponsors. A later export that lists it
// again dates it anew.
func TestSponsorshipDateIsTheExportsThatListsIt(t *testing.T) {
	ctx := context.Background()
	rc := newRecordChapter(t)
	day := func(d int) time.Time { return time.Date(2026, 4, d, 0, 0, 0, 0, massachusetts) }
	without := rc.exp
	without.Sponsorships = nil
	if _, err := rc.s.ImportSession(ctx, &without, db.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	dates := func() map[string]string {
		got := map[string]string{}
		if err := rc.s.EachRecordRow(ctx, db.RecordFilter{CampaignID: rc.campaign}, func(r *db.RecordRow) error {
			if r.Kind == "sponsorship" {
				got[r.Name] = r.Date
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		return got
	}
	for _, d := range []int{6, 10} {
		exp := rc.exp
		exp.ExportedAt = day(d)
		if _, err := rc.s.ImportSession(ctx, &exp, db.ImportOptions{}); err != nil {
			t.Fatal(err)
		}
		want := exp.ExportedAt.Format("2006-01-02")
		if got := dates(); got["Judith García"] != want || got["Ann Yes"] != want {
			t.Errorf("after the export of %s: %v", want, got)
		}
	}
}
