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
// says why in its last column.
func WriteRecordCSV(ctx context.Context, w io.Writer, each func(func(*db.RecordRow) error) error) error {
	c, err := newCSV(ctx, w, "campaign_id", "kind", "bill", "session", "date", "motion", "result", "legislator",
		"chamber", "district", "party", "vote_or_role", "whip_stance_at_date", "whip_stance_set_on", "stance_now",
		"matched_by", "unmatched_reason")
	if err != nil {
		return err
	}
	if err := each(func(r *db.RecordRow) error {
		return c.row(strconv.FormatInt(r.CampaignID, 10), r.Kind, r.Bill, r.Session, r.Date, r.Motion, r.Result, r.Name,
			string(r.Chamber), r.District, r.Party, r.Role, string(r.Counted), day(r.CountedAt), string(r.Now),
			r.MatchedBy, r.Unmatched)
	}); err != nil {
		return err
	}
	return c.close()
}
