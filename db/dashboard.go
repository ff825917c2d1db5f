package db

import (
	"context"
	"fmt"
	"time"
)

// WeekCount is the calling of one week.
type WeekCount struct {
	Start   time.Time // the Monday the week starts, in now's zone (see CallsPerWeek)
	Calls   int
	Reaches int
}

// weekStart is the Monday 00:00 of t's week, in t's zone.
func weekStart(t time.Time) time.Time {
	y, m, d := t.Date()
	day := time.Date(y, m, d, 0, 0, 0, 0, t.Location())
	return day.AddDate(0, 0, -((int(day.Weekday()) + 6) % 7))
}

// CallsPerWeek counts a campaign's calls and reaches in each of the last n weeks,
// oldest first, the last one being the week of now (so far), the weeks those of now's
// zone: give now in the legislature's (Store.Zone), not the computer's. Each week is one range
// count over the called_at index, which holds the outcome too: no table rows are read.
func (s *Store) CallsPerWeek(ctx context.Context, campaignID int64, n int, now time.Time) ([]WeekCount, error) {
	out := make([]WeekCount, n)
	start := weekStart(now).AddDate(0, 0, -7*(n-1))
	for i := range out {
		out[i].Start = start.AddDate(0, 0, 7*i)
	}
	stmt, err := s.r.PrepareContext(ctx, `SELECT count(*), coalesce(sum(CASE WHEN outcome IN (`+reachedList+`) THEN 1 ELSE 0 END), 0)
		FROM call_reports WHERE deleted_at IS NULL AND called_at >= ? AND called_at < ? AND campaign_id = ?`)
	if err != nil {
		return nil, fmt.Errorf("calls per week: %w", err)
	}
	defer stmt.Close()
	for i := range out {
		end := out[i].Start.AddDate(0, 0, 7)
		if err := stmt.QueryRowContext(ctx, stamp(out[i].Start), stamp(end), campaignID).
			Scan(&out[i].Calls, &out[i].Reaches); err != nil {
			return nil, fmt.Errorf("calls per week: %w", err)
		}
	}
	return out, nil
}

// reachedList is the outcomes that reach an office, as an SQL list (Outcome.Reached).
var reachedList = func() string {
	var l string
	for _, o := range Outcomes {
		if o.Reached() {
			if l != "" {
				l += ", "
			}
			l += "'" + string(o) + "'"
		}
	}
	return l
}()
