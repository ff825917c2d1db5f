package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"reflect"
	"sync"

	"github.com/chapterdesk/chapterdesk/assets"
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
	BatchID     int64 // the import batch of the sponsors it marked, which undo takes back; 0: it marked none
	// Notes say what else the import did or found: the bills' sponsors it marked in
	// the whip count, or could not (see markSponsors).
	Notes []string
}

// ImportCampaign saves a campaign read from a campaign file. The campaign is matched
// by its UUID: a new one is created; the same or a newer revision updates it, keeping
// the chapter's own additions (its languages, FAQ entries and help steps the file does
// not have, see SaveCampaign); an older revision is refused with ErrOlderRevision.
// The bills' sponsors are marked in the whip count as a legislator import marks them
// (markSponsors), and Notes say so.
func (s *Store) ImportCampaign(ctx context.Context, c Campaign) (CampaignImport, error) {
	if err := c.validate(); err != nil {
		return CampaignImport{}, err
	}
	// Text damaged by the file's encoding ("PolÃ­tica") would replace the campaign's
	// good texts, and print on every leaflet.
	if value, was, ok := doubledIn(reflect.ValueOf(c)); ok {
		return CampaignImport{}, fmt.Errorf("import campaign %s: this file was saved in the wrong encoding: \"%s\" is \"%s\" "+
			"(UTF-8 read as Windows-1252); nothing was imported. Export the campaign again, or open the file as UTF-8 and save it as UTF-8, then import it",
			c.UUID, value, was)
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
		if err := checkOwnContent(ctx, tx, &c); err != nil {
			return err
		}
		if res.ID, err = saveCampaign(ctx, tx, s.server != nil, &c, &res.Notes); err != nil {
			return err
		}
		if res.Created {
			if err := besideStarter(ctx, tx, s.server != nil, c.UUID, &res.Notes); err != nil {
				return err
			}
		} else { // a change of the campaign as read (see versionedTables)
			if _, err := tx.ExecContext(ctx, `UPDATE campaigns SET row_version = row_version + 1, updated_by = ? WHERE id = ?`,
				s.actor, res.ID); err != nil {
				return err
			}
		}
		// The legislators may be here already: their import marked no sponsor of a
		// campaign it did not know yet. The marks are an import's, which undo takes
		// back; a batch that marked none is dropped (finishBatch). The campaign itself
		// is the lead's to archive, and undo leaves it.
		batch, err := startBatch(ctx, tx, "campaign", ImportOptions{Format: "chapterdesk campaign", Source: c.Name()})
		if err != nil {
			return err
		}
		if err := markSponsors(ctx, tx, s.server != nil, "", res.ID, batch, &res.Notes); err != nil {
			return err
		}
		sum := ImportSummary{BatchID: batch}
		err = finishBatch(ctx, tx, batch, &sum)
		res.BatchID = sum.BatchID
		return err
	})
	if err != nil {
		return CampaignImport{}, fmt.Errorf("import campaign %s: %w", c.UUID, mapErr(err))
	}
	return res, nil
}

// checkOwnContent refuses a file whose FAQ sections, entries or help steps carry the
// UUID of another campaign's (a campaign file copied and given a new campaign UUID
// only): saving it would move them out of the other campaign, or leave them there
// and the new campaign without them.
func checkOwnContent(ctx context.Context, tx *sql.Tx, c *Campaign) error {
	check := func(what, uuid, q string) error {
		if uuid == "" {
			return nil
		}
		var other string
		err := tx.QueryRowContext(ctx, q, uuid, c.UUID).Scan(&other)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return err
		}
		return fmt.Errorf("%w: %s %s belongs to campaign %s; a copied campaign file needs new UUIDs for its content",
			ErrConflict, what, uuid, other)
	}
	for _, sec := range c.FAQ {
		if err := check("FAQ section", sec.UUID, `SELECT c.uuid FROM faq_sections s JOIN campaigns c ON c.id = s.campaign_id
			WHERE s.uuid = ? AND c.uuid != ?`); err != nil {
			return err
		}
		for _, e := range sec.Entries {
			if err := check("FAQ entry", e.UUID, `SELECT c.uuid FROM faq_entries e JOIN faq_sections s ON s.id = e.section_id
				JOIN campaigns c ON c.id = s.campaign_id WHERE e.uuid = ? AND c.uuid != ?`); err != nil {
				return err
			}
		}
	}
	for _, st := range c.HelpSteps {
		if err := check("help step", st.UUID, `SELECT c.uuid FROM help_steps h JOIN campaigns c ON c.id = h.campaign_id
			WHERE h.uuid = ? AND c.uuid != ?`); err != nil {
			return err
		}
	}
	return nil
}

// starterUUID is the UUID of the starter campaign every new chapter file gets.
var starterUUID = sync.OnceValue(func() string {
	c, err := ParseCampaignFile(assets.StarterCampaign)
	if err != nil {
		return "" // the bundled file is checked by its own tests
	}
	return c.UUID
})

// besideStarter archives the starter campaign when a campaign file brings another
// and the starter is untouched: no call reports, no stance set by hand (an import's
// sponsor marks aside), never edited (updated when created). Left active beside the
// imported campaign, it made every call import ask which campaign. A starter the lead
// worked on stays; notes say which was done. On a coalition server the campaigns
// are the coalition's: both stay there, and the note says so.
func besideStarter(ctx context.Context, tx *sql.Tx, server bool, imported string, notes *[]string) error {
	if starterUUID() == "" || imported == starterUUID() {
		return nil
	}
	var id int64
	var touched bool
	err := tx.QueryRowContext(ctx, `SELECT id, updated_at <> created_at
		OR EXISTS (SELECT 1 FROM call_reports r WHERE r.campaign_id = c.id)
		OR EXISTS (SELECT 1 FROM stance_history h WHERE h.campaign_id = c.id AND h.import_batch_id IS NULL)
		FROM campaigns c WHERE uuid = ? AND deleted_at IS NULL AND status = 'active'`, starterUUID()).Scan(&id, &touched)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	if touched || server {
		why := "it has calls, stances or edits"
		if server {
			why = "the coalition server's campaigns are the coalition's"
		}
		*notes = append(*notes, fmt.Sprintf("the starter campaign is kept beside it, as %s: a call import asks which campaign (archive one in Campaigns to stop that)", why))
		return nil
	}
	if _, err := tx.ExecContext(ctx, `UPDATE campaigns SET status = 'archived', updated_at = ? WHERE id = ?`, nowUnix(), id); err != nil {
		return err
	}
	*notes = append(*notes, "the starter campaign, untouched (no calls, stances or edits), was archived: the imported campaign takes its place (set it active again in Campaigns to bring it back)")
	return nil
}
