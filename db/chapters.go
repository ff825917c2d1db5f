package db

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// Chapter is a chapter's profile: its name and the contact block printed on leaflets.
type Chapter struct {
	ID          int64
	UUID        string
	IsSelf      bool // the chapter that owns this file
	Name        string
	State       string
	ContactName string
	Email       string
	Phone       string
	Website     string
	Address     string
}

// ensureSelfChapter gives a new file its own chapter row, so every record has an owner.
// Every open that may write asks it. On a server it looks first, with a read, and
// writes only when the row is missing and this login may add it: a server's write
// waits its turn behind every other lead's writes, and here, at open, before the app
// can say why it waits, every verb of every lead sat silent behind another's import
// (tester t4).
func (s *Store) ensureSelfChapter(ctx context.Context) error {
	if s.server != nil {
		// A coalition's lead or coordinator adds no chapter (the owner does).
		var has, may bool
		if err := s.r.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM chapters WHERE is_self = 1),
			has_table_privilege('chapters', 'INSERT')`).Scan(&has, &may); err != nil || has || !may {
			return err
		}
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		now := nowUnix()
		_, err := tx.ExecContext(ctx, `INSERT INTO chapters (uuid, is_self, name, created_at, updated_at)
			SELECT ?, 1, 'My chapter', ?, ? WHERE NOT EXISTS (SELECT 1 FROM chapters WHERE is_self = 1)`,
			newUUID(), now, now)
		return err
	})
}

// SelfChapter is the profile of the chapter that owns this file.
func (s *Store) SelfChapter(ctx context.Context) (Chapter, error) {
	var c Chapter
	err := s.r.QueryRowContext(ctx, `SELECT id, uuid, 1, name, state, contact_name, email, phone, website, address
		FROM chapters WHERE id = (`+selfChapterQuery(s.server != nil)+`)`).Scan(&c.ID, &c.UUID, &c.IsSelf, &c.Name, &c.State, &c.ContactName,
		&c.Email, &c.Phone, &c.Website, &c.Address)
	if err != nil {
		return Chapter{}, fmt.Errorf("load chapter profile: %w", s.refused(ctx, mapErr(err)))
	}
	return c, nil
}

// UpdateSelfChapter saves the chapter profile.
func (s *Store) UpdateSelfChapter(ctx context.Context, c Chapter) error {
	if err := c.validate(); err != nil {
		return err
	}
	if err := s.inTx(ctx, func(tx *sql.Tx) error { return updateSelfChapter(ctx, tx, c, s.server != nil) }); err != nil {
		return fmt.Errorf("update chapter profile: %w", err)
	}
	return nil
}

func updateSelfChapter(ctx context.Context, tx *sql.Tx, c Chapter, server bool) error {
	_, err := tx.ExecContext(ctx, `UPDATE chapters SET name = ?, state = ?, contact_name = ?, email = ?, phone = ?,
		website = ?, address = ?, updated_at = ? WHERE id = (`+selfChapterQuery(server)+`)`, c.Name, strings.TrimSpace(c.State),
		strings.TrimSpace(c.ContactName), strings.TrimSpace(c.Email), strings.TrimSpace(c.Phone),
		strings.TrimSpace(c.Website), strings.TrimSpace(c.Address), nowUnix())
	return err
}

func (c *Chapter) validate() error {
	c.Name = strings.TrimSpace(c.Name)
	if c.Name == "" {
		return &ValidationError{"name", "The chapter needs a name."}
	}
	return nil
}
