package db_test

import (
	"context"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// TestReportDistrictLeavesOutTheMoved: the workbook's By district "Volunteers living
// there" counted volunteers marked Moved (Barnstable and Franklin: 75, of whom 10 had
// moved away), while call sheets leave them out. Both count by one definition now
// (livesThereSQL): a moved volunteer lives in none of their old districts; an
// inactive one still lives there.
func TestReportDistrictLeavesOutTheMoved(t *testing.T) {
	ctx := context.Background()
	dbtest.Each(t, func(t *testing.T, open func(testing.TB) *db.Store) {
		s := open(t)
		dbtest.Campaign(t, s)
		dbtest.Legislator(t, s, db.ChamberLower, "2nd Essex", "Ray Roe")
		for i, st := range []db.VolunteerStatus{db.StatusActive, db.StatusMoved, db.StatusInactive} {
			dbtest.Volunteer(t, s, "Vol", string(st), func(v *db.Volunteer) {
				v.HouseDistrict, v.Status, v.JoinedOn = "2nd Essex", st, "2025-01-0"+string(rune('1'+i))
			})
		}
		from := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
		var living int
		err := s.Report(ctx, db.ReportQuery{From: from, To: from.AddDate(0, 1, 0), Location: time.UTC}, func(r *db.Report) error {
			for _, d := range r.Districts {
				if d.District == "2nd Essex" {
					living = d.Volunteers
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if living != 2 {
			t.Errorf("2nd Essex: %d volunteers living there; want 2 (the active and the inactive, not the moved)", living)
		}
		sheets, err := s.ListVolunteers(ctx, db.VolunteerFilter{District: "2nd Essex", Contactable: true}, 0, 10)
		if err != nil || len(sheets) != 1 || sheets[0].LastName != "active" {
			t.Errorf("call sheets' volunteers %+v (%v); want the active one alone", sheets, err)
		}
	})
}
