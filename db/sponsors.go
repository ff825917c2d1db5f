package db

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// SponsorCheck is what the legislators' directory says of a bill's sponsor as the
// campaign names them: the legislator in office they are, or why no one is.
type SponsorCheck struct {
	Sponsor string // as the campaign has it: "Rep. Juana Matías"
	// Checked is false when the campaign's state has no legislator in office yet:
	// nothing can be said of anyone.
	Checked      bool
	LegislatorID int64  // 0: not a legislator in office here
	Title        string // "Sen. Jamie Eldridge", when found
	District     string
	Stance       Stance // the whip count's stance of the legislator ("" when none)
	Why          string // when not found: "no legislator in office by that name"
}

// CheckSponsors looks each sponsor name up among the campaign's state's
// legislators, as a legislator import does before marking sponsors in the whip
// count (markSponsors), so the Campaign screen can say who is not in office.
func (s *Store) CheckSponsors(ctx context.Context, campaign int64, sponsors ...string) ([]SponsorCheck, error) {
	out := make([]SponsorCheck, 0, len(sponsors))
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		r, err := newLegislatorResolver(ctx, tx, campaign)
		if err != nil {
			return err
		}
		for _, name := range sponsors {
			c := SponsorCheck{Sponsor: strings.TrimSpace(name), Checked: r.inOffice() > 0}
			if c.Sponsor == "" || !c.Checked {
				out = append(out, c)
				continue
			}
			id, _, why := r.resolve(c.Sponsor)
			if id == 0 {
				c.Why = why
				out = append(out, c)
				continue
			}
			c.LegislatorID, c.Title = id, r.names[id]
			if err := tx.QueryRowContext(ctx, `SELECT l.district, coalesce((SELECT stance FROM stances WHERE campaign_id = ? AND legislator_id = l.id), '')
				FROM legislators l WHERE l.id = ?`, campaign, id).Scan(&c.District, &c.Stance); err != nil {
				return err
			}
			out = append(out, c)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("check sponsors of campaign %d: %w", campaign, err)
	}
	return out, nil
}
