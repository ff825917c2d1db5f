package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// ErrOlderRevision is returned when a campaign file is an older revision of a campaign
// this file already holds: importing it would undo the coalition's newer content.
var ErrOlderRevision = errors.New("older revision")

// CampaignImport is what importing a campaign file did.
type CampaignImport struct {
	ID          int64
	Created     bool // a campaign this file did not have
	OldRevision int  // the revision it replaced; 0 when created
	Revision    int
}

// ImportCampaign saves a campaign read from a campaign file. The campaign is matched
// by its UUID: a new one is created; the same or a newer revision updates it, keeping
// the chapter's own additions (its languages, FAQ entries and help steps the file does
// not have, see SaveCampaign); an older revision is refused with ErrOlderRevision.
func (s *Store) ImportCampaign(ctx context.Context, c Campaign) (CampaignImport, error) {
	if err := c.validate(); err != nil {
		return CampaignImport{}, err
	}
	res := CampaignImport{Revision: c.Revision}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `SELECT revision FROM campaigns WHERE uuid = ?`, c.UUID).Scan(&res.OldRevision)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			res.Created = true
		case err != nil:
			return err
		case res.OldRevision > c.Revision:
			return fmt.Errorf("%w: the file is revision %d, this chapter already has revision %d",
				ErrOlderRevision, c.Revision, res.OldRevision)
		}
		res.ID, err = saveCampaign(ctx, tx, &c)
		return err
	})
	if err != nil {
		return CampaignImport{}, fmt.Errorf("import campaign %s: %w", c.UUID, mapErr(err))
	}
	return res, nil
}
