package reports

import (
	"context"
	"io"
	"strconv"

	"github.com/chapterdesk/chapterdesk/db"
)

// WriteRecordCSV writes the official record of the campaigns' bills: one row per
// legislator and roll call or sponsorship, with the whip count's stance at its date
// (what callers heard and the lead set, the record's own stance changes left out) and
// today's. A row not matched to a legislator here keeps the name the export gave and
// says why in unmatched_reason. A roll call the export gives by its counts only (the
// Massachusetts Senate's) is a row per member of its chamber, its vote "not
// published", and its note says what is known ("Senate roll call 2025-07-31, passed
// 38–2: members' votes not published").
func WriteRecordCSV(ctx context.Context, w io.Writer, each func(func(*db.RecordRow) error) error) error {
	c, err := newCSV(ctx, w, "campaign_id", "kind", "bill", "session", "date", "motion", "result", "legislator",
		"chamber", "district", "party", "vote_or_role", "whip_stance_at_date", "whip_stance_set_on", "stance_now",
		"matched_by", "unmatched_reason", "note")
	if err != nil {
		return err
	}
	if err := each(func(r *db.RecordRow) error {
		note := r.OtherChamber() // a vote of their term in the other chamber: district is today's
		if r.CountsOnly() {
			note = r.CountsOnlyNote()
		}
		return c.row(strconv.FormatInt(r.CampaignID, 10), r.Kind, r.Bill, r.Session, r.Date, r.Motion, r.Result, r.Name,
			string(r.Chamber), r.District, r.Party, r.RoleText(), string(r.Counted), day(r.CountedAt), string(r.Now),
			r.MatchedBy, r.Unmatched, note)
	}); err != nil {
		return err
	}
	return c.close()
}
