package db_test

import (
	"context"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
)

// A sponsor the campaign's file names (a legislator import's mark, "sponsor of S.1305
// (the campaign)") is no sponsorship on record: a stance set by hand stands over it
// (0015/0025). A lead's was refused as "a sponsor on the official record", which it
// is not, by the app and by the server's guard.
func TestCoalitionLeadSetsAStanceOverACampaignMark(t *testing.T) {
	sc := newCoalition(t)
	ctx := context.Background()
	ls, err := db.Open(ctx, coalAs(t, sc.url, sc.leadA), db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ls.Close()
	if _, err := sc.admin.Exec(ctx, `INSERT INTO stance_history (uuid, campaign_id, legislator_id, stance, changed_at,
		changed_by, reason) VALUES ('campaign-mark', $1, $2, 'sponsor', $3, 'ChapterDesk', 'sponsor of S.1305 (the campaign)')`,
		sc.campaign, sc.legislator, time.Now().Add(-time.Hour).Unix()); err != nil {
		t.Fatal(err)
	}
	if _, err := ls.SetStance(ctx, db.StanceChange{CampaignID: sc.campaign, LegislatorID: sc.legislator,
		Stance: db.StanceNo, ChangedBy: "chapter lead", Reason: "told us at the town hall"}); err != nil {
		t.Fatalf("a lead's stance over a campaign file's mark: %v", err)
	}
	var now string
	if err := sc.admin.QueryRow(ctx, `SELECT stance FROM stances WHERE campaign_id = $1 AND legislator_id = $2`,
		sc.campaign, sc.legislator).Scan(&now); err != nil || now != "no" {
		t.Errorf("the count is %q (%v), want the lead's no", now, err)
	}
}
