package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Legislator is a member of the state senate or house, with the lead's own edits
// already laid over the imported values (see Edited).
type Legislator struct {
	// Version is the row's version when it was read (see SaveLegislatorEdits);
	// UpdatedBy who saved the lead's edits or notes last.
	Version         int64
	UpdatedBy       string
	ID              int64
	UUID            string
	OpenStatesID    string
	State           string
	Chamber         Chamber
	District        string // text: "7th Hampden", "Middlesex and Worcester"
	Name            string
	GivenName       string
	FamilyName      string
	Party           string
	Email           string
	CapitolAddress  string
	CapitolPhone    string
	CapitolFax      string
	DistrictAddress string
	DistrictPhone   string
	DistrictFax     string
	URL             string
	ImageURL        string
	InOffice        bool
	Notes           string
	Gender          string // GenderFemale, GenderMale or "" (not known)
	// Edited names the fields whose value is the lead's own edit, not the import's.
	Edited map[string]bool
}

// LegislatorField names a field a lead may edit; their value is kept apart from the
// imported one so a re-import never loses it.
type LegislatorField string

// The editable legislator fields (the CHECK on legislator_edits.field lists the same).
const (
	FieldName            LegislatorField = "name"
	FieldParty           LegislatorField = "party"
	FieldEmail           LegislatorField = "email"
	FieldCapitolAddress  LegislatorField = "capitol_address"
	FieldCapitolPhone    LegislatorField = "capitol_phone"
	FieldCapitolFax      LegislatorField = "capitol_fax"
	FieldDistrictAddress LegislatorField = "district_address"
	FieldDistrictPhone   LegislatorField = "district_phone"
	FieldDistrictFax     LegislatorField = "district_fax"
	FieldURL             LegislatorField = "url"
)

func (l *Legislator) field(f LegislatorField) *string {
	switch f {
	case FieldName:
		return &l.Name
	case FieldParty:
		return &l.Party
	case FieldEmail:
		return &l.Email
	case FieldCapitolAddress:
		return &l.CapitolAddress
	case FieldCapitolPhone:
		return &l.CapitolPhone
	case FieldCapitolFax:
		return &l.CapitolFax
	case FieldDistrictAddress:
		return &l.DistrictAddress
	case FieldDistrictPhone:
		return &l.DistrictPhone
	case FieldDistrictFax:
		return &l.DistrictFax
	case FieldURL:
		return &l.URL
	}
	return nil
}

// Title is how the legislator is addressed: "Sen. Jamie Eldridge", "Rep. Juana Matías".
func (l Legislator) Title() string {
	if l.Chamber == ChamberUpper {
		return "Sen. " + l.Name
	}
	return "Rep. " + l.Name
}

// legislatorCols are the imported columns, in the order legislatorArgs gives them.
const legislatorCols = `uuid, openstates_id, state, chamber, district, name, given_name, family_name, party, email,
	capitol_address, capitol_phone, capitol_fax, district_address, district_phone, district_fax, url, image_url,
	in_office, notes, import_batch_id, created_at, updated_at, gender`

// legislatorValues are legislatorCols' placeholders.
var legislatorValues = placeholders(strings.Count(legislatorCols, ",") + 1)

func legislatorArgs(l *Legislator, batch int64, now int64) []any {
	var osid any
	if l.OpenStatesID != "" {
		osid = l.OpenStatesID
	}
	return []any{l.UUID, osid, l.State, string(l.Chamber), l.District, l.Name, l.GivenName, l.FamilyName, l.Party,
		l.Email, l.CapitolAddress, l.CapitolPhone, l.CapitolFax, l.DistrictAddress, l.DistrictPhone, l.DistrictFax,
		l.URL, l.ImageURL, boolInt(l.InOffice), l.Notes, nullID(batch), now, now, l.Gender}
}

func (l *Legislator) normalize() error {
	l.Name, l.District = strings.TrimSpace(l.Name), strings.TrimSpace(l.District)
	if l.Name == "" {
		return &ValidationError{"name", "A legislator needs a name."}
	}
	if !l.Chamber.Valid() {
		return &ValidationError{"chamber", fmt.Sprintf("Chamber %q is neither the Senate (upper) nor the House (lower).", l.Chamber)}
	}
	if l.District == "" {
		return &ValidationError{"district", "A legislator needs a district."}
	}
	if l.UUID == "" {
		l.UUID = newUUID()
	}
	return nil
}

// CreateLegislator adds a legislator by hand (imports use their own path).
func (s *Store) CreateLegislator(ctx context.Context, l Legislator) (int64, error) {
	if err := l.normalize(); err != nil {
		return 0, err
	}
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, `INSERT INTO legislators (`+legislatorCols+`) VALUES (`+legislatorValues+`) RETURNING id`,
			legislatorArgs(&l, 0, nowUnix())...).Scan(&id)
	})
	if err != nil {
		return 0, fmt.Errorf("create legislator: %w", mapErr(err))
	}
	return id, nil
}

// EditLegislator records the lead's own value for one field; an empty value removes the
// edit so the imported value shows again.
func (s *Store) EditLegislator(ctx context.Context, id int64, f LegislatorField, value string) error {
	if (&Legislator{}).field(f) == nil {
		return &ValidationError{string(f), fmt.Sprintf("%q cannot be edited.", f)}
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		// The edit changes the legislator as read: its version rises (see versionedTables).
		res, err := tx.ExecContext(ctx, `UPDATE legislators SET row_version = row_version + 1, updated_by = ?, updated_at = ?
			WHERE id = ? AND deleted_at IS NULL`, s.actor, nowUnix(), id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		if strings.TrimSpace(value) == "" {
			_, err := tx.ExecContext(ctx, `DELETE FROM legislator_edits WHERE legislator_id = ? AND field = ?`, id, string(f))
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO legislator_edits (legislator_id, field, value, edited_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (legislator_id, field) DO UPDATE SET value = excluded.value, edited_at = excluded.edited_at`,
			id, string(f), strings.TrimSpace(value), nowUnix())
		return err
	})
	if err != nil {
		return fmt.Errorf("edit legislator %d %s: %w", id, f, mapErr(err))
	}
	return nil
}

// SetLegislatorNotes saves the lead's notes on a legislator (never imported).
func (s *Store) SetLegislatorNotes(ctx context.Context, id int64, notes string) error {
	err := s.execOne(ctx, `UPDATE legislators SET notes = ?, updated_at = ?, row_version = row_version + 1, updated_by = ?
		WHERE id = ? AND deleted_at IS NULL`, notes, nowUnix(), s.actor, id)
	if err != nil {
		return fmt.Errorf("save notes of legislator %d: %w", id, mapErr(err))
	}
	return nil
}

const legislatorSelect = `SELECT id, uuid, coalesce(openstates_id, ''), state, chamber, district, name, given_name,
	family_name, party, email, capitol_address, capitol_phone, capitol_fax, district_address, district_phone,
	district_fax, url, image_url, in_office, notes, gender, row_version, updated_by FROM legislators`

func scanLegislator(sc interface{ Scan(...any) error }) (Legislator, error) {
	var l Legislator
	err := sc.Scan(&l.ID, &l.UUID, &l.OpenStatesID, &l.State, &l.Chamber, &l.District, &l.Name, &l.GivenName,
		&l.FamilyName, &l.Party, &l.Email, &l.CapitolAddress, &l.CapitolPhone, &l.CapitolFax, &l.DistrictAddress,
		&l.DistrictPhone, &l.DistrictFax, &l.URL, &l.ImageURL, &l.InOffice, &l.Notes, &l.Gender, &l.Version, &l.UpdatedBy)
	return l, err
}

// Legislators lists the legislators in office, Senate first, by district, with the
// lead's edits applied.
func (s *Store) Legislators(ctx context.Context) ([]Legislator, error) {
	var out []Legislator
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = legislatorsIn(ctx, tx, `in_office = 1`)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("list legislators: %w", err)
	}
	return out, nil
}

// legislatorsIn lists the live legislators that where (SQL) holds of, Senate first,
// by district, with the lead's edits applied, in tx.
func legislatorsIn(ctx context.Context, tx *sql.Tx, where string) ([]Legislator, error) {
	var out []Legislator
	rows, err := tx.QueryContext(ctx, legislatorSelect+` WHERE deleted_at IS NULL AND `+where+`
		ORDER BY chamber DESC, district, name`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	byID := map[int64]int{}
	for rows.Next() {
		l, err := scanLegislator(rows)
		if err != nil {
			return nil, err
		}
		byID[l.ID] = len(out)
		out = append(out, l)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, applyEdits(ctx, tx, func(id int64) *Legislator {
		if i, ok := byID[id]; ok {
			return &out[i]
		}
		return nil
	}, `SELECT legislator_id, field, value FROM legislator_edits`)
}

// Legislator loads one legislator with the lead's edits applied.
func (s *Store) Legislator(ctx context.Context, id int64) (Legislator, error) {
	var l Legislator
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		var err error
		if l, err = scanLegislator(tx.QueryRowContext(ctx, legislatorSelect+` WHERE id = ? AND deleted_at IS NULL`, id)); err != nil {
			return err
		}
		return applyEdits(ctx, tx, func(int64) *Legislator { return &l },
			`SELECT legislator_id, field, value FROM legislator_edits WHERE legislator_id = ?`, id)
	})
	if err != nil {
		return Legislator{}, fmt.Errorf("load legislator %d: %w", id, mapErr(err))
	}
	return l, nil
}

// LegislatorsForDistricts returns the legislators in office for a senate and a house
// district (several when a district has several members).
func (s *Store) LegislatorsForDistricts(ctx context.Context, senate, house string) ([]Legislator, error) {
	all, err := s.Legislators(ctx)
	if err != nil {
		return nil, err
	}
	var out []Legislator
	for _, l := range all {
		if (l.Chamber == ChamberUpper && senate != "" && strings.EqualFold(l.District, senate)) ||
			(l.Chamber == ChamberLower && house != "" && strings.EqualFold(l.District, house)) {
			out = append(out, l)
		}
	}
	return out, nil
}

func applyEdits(ctx context.Context, tx *sql.Tx, find func(int64) *Legislator, q string, args ...any) error {
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var f, v string
		if err := rows.Scan(&id, &f, &v); err != nil {
			return err
		}
		if l := find(id); l != nil {
			if p := l.field(LegislatorField(f)); p != nil {
				*p = v
				if l.Edited == nil {
					l.Edited = map[string]bool{}
				}
				l.Edited[f] = true
			}
		}
	}
	return rows.Err()
}

// StanceChange is one row of a legislator's append-only stance history.
type StanceChange struct {
	ID           int64
	UUID         string // set by the store when empty
	CampaignID   int64
	LegislatorID int64
	Stance       Stance
	ChangedAt    time.Time
	ChangedBy    string
	Reason       string
	CallReportID int64
	// Counts is set (by the histories read) on the row the whip count stands on: by
	// its rule (stance_rule.go) not always the newest, a record's sponsorship standing
	// over a call heard after it, a call over a campaign file's newer mark.
	Counts    bool
	chapterID int64 // 0: the writer's chapter (writerChapterSQL)
}

// countedSQL is the column the histories read into StanceChange.Counts.
const countedSQL = `EXISTS (SELECT 1 FROM stances c WHERE c.history_id = stance_history.id)`

// SetChapter says which chapter records the change (a bulk load's: Loader.AddStance);
// 0, the default, is the store's own chapter.
func (c *StanceChange) SetChapter(id int64) { c.chapterID = id }

// SetStance records a new stance for a legislator on a campaign. History is never
// rewritten: the change is appended with who, when and why, and becomes current
// unless a later-dated change exists.
func (s *Store) SetStance(ctx context.Context, c StanceChange) (int64, error) {
	if !c.Stance.Valid() {
		return 0, &ValidationError{"stance", fmt.Sprintf("Unknown stance %q.", c.Stance)}
	}
	if c.ChangedAt.IsZero() {
		c.ChangedAt = time.Now()
	}
	who, err := s.WhoAmI(ctx)
	if err != nil {
		return 0, fmt.Errorf("set stance of legislator %d: %w", c.LegislatorID, err)
	}
	lead := who.Kind == LoginLead || who.CheckoutOfLead
	// A coalition server refuses a lead's sponsorship, and a lead's change over one
	// (postgres/0019), in its words; here in the app's, before the write, and in a
	// lead's checkout, whose push it would otherwise refuse whole.
	if lead && c.Stance.Sponsorship() {
		return 0, &ValidationError{"stance", fmt.Sprintf("Sponsorship is the official record's to say: a chapter's lead "+
			"records no %q stance (the coordinator's import of the session does).", c.Stance.Label())}
	}
	var id int64
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, selfChapterQuery(s.server != nil)).Scan(&c.chapterID); err != nil {
			return err
		}
		if lead {
			// A campaign file's mark is no sponsorship on record: a stance set by hand
			// stands over it (stance_rule.go), a lead's too (postgres/0026).
			var cur Stance
			var mark bool
			err := tx.QueryRowContext(ctx, `SELECT s.stance, coalesce((SELECT `+campaignMarkOf("h.")+` FROM stance_history h
				WHERE h.id = s.history_id), false) FROM stances s WHERE s.campaign_id = ? AND s.legislator_id = ? AND s.changed_at <= ?`,
				c.CampaignID, c.LegislatorID, stamp(c.ChangedAt)).Scan(&cur, &mark)
			if err != nil && !errors.Is(err, sql.ErrNoRows) {
				return err
			}
			if cur.Sponsorship() && !mark {
				return &ValidationError{"stance", fmt.Sprintf("The legislator is a %s on the official record: "+
					"a chapter's lead does not change that stance.", strings.ToLower(cur.Label()))}
			}
		}
		var err error
		id, err = insertStance(ctx, tx, s.server != nil, &c, 0)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("set stance of legislator %d: %w", c.LegislatorID, mapErr(err))
	}
	return id, nil
}

func insertStance(ctx context.Context, tx *sql.Tx, server bool, c *StanceChange, batch int64) (int64, error) {
	if c.UUID == "" {
		c.UUID = newUUID()
	}
	err := tx.QueryRowContext(ctx, `INSERT INTO stance_history (uuid, campaign_id, legislator_id, stance, changed_at,
		changed_by, reason, call_report_id, chapter_id, import_batch_id)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, coalesce(?, `+writerChapterSQL(server)+`), ?) RETURNING id`,
		c.UUID, c.CampaignID, c.LegislatorID, string(c.Stance), stamp(c.ChangedAt), c.ChangedBy, c.Reason,
		nullID(c.CallReportID), nullID(c.chapterID), nullID(batch)).Scan(&c.ID)
	return c.ID, err
}

// StanceHistory lists every stance change of a legislator on a campaign, newest first.
func (s *Store) StanceHistory(ctx context.Context, campaignID, legislatorID int64) ([]StanceChange, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT id, campaign_id, legislator_id, stance, changed_at, changed_by, reason,
		coalesce(call_report_id, 0), `+countedSQL+` FROM stance_history WHERE campaign_id = ? AND legislator_id = ?
		ORDER BY changed_at DESC, id DESC`, campaignID, legislatorID)
	if err != nil {
		return nil, fmt.Errorf("stance history of legislator %d: %w", legislatorID, err)
	}
	defer rows.Close()
	var out []StanceChange
	for rows.Next() {
		var c StanceChange
		var at int64
		if err := rows.Scan(&c.ID, &c.CampaignID, &c.LegislatorID, &c.Stance, &at, &c.ChangedBy, &c.Reason, &c.CallReportID, &c.Counts); err != nil {
			return nil, fmt.Errorf("stance history of legislator %d: %w", legislatorID, err)
		}
		c.ChangedAt = fromUnix(at)
		out = append(out, c)
	}
	return out, rows.Err()
}

// SaveLegislatorEdits saves, in one transaction, the lead's own values for some fields
// (an empty value removes the edit, so the imported value shows again) and, when notes
// is not nil, the notes. version is the legislator's Version when the page was opened:
// when someone else saved the page since, nothing is written and the error is an
// *EditConflictError whose TheirsLegislator is the legislator as it is now (0 skips
// the check).
func (s *Store) SaveLegislatorEdits(ctx context.Context, id, version int64, edits map[LegislatorField]string, notes *string) error {
	for f := range edits {
		if (&Legislator{}).field(f) == nil {
			return &ValidationError{string(f), fmt.Sprintf("%q cannot be edited.", f)}
		}
	}
	var conflict *EditConflictError
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE legislators SET row_version = row_version + 1, updated_by = ?, updated_at = ?
			WHERE id = ? AND deleted_at IS NULL AND (? = 0 OR row_version = ?)`, s.actor, nowUnix(), id, version, version)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			l, err := scanLegislator(tx.QueryRowContext(ctx, legislatorSelect+` WHERE id = ? AND deleted_at IS NULL`, id))
			if err != nil {
				return err
			}
			if err := applyEdits(ctx, tx, func(int64) *Legislator { return &l },
				`SELECT legislator_id, field, value FROM legislator_edits WHERE legislator_id = ?`, id); err != nil {
				return err
			}
			conflict = &EditConflictError{Kind: "legislator", Name: l.Name, By: l.UpdatedBy, TheirsLegislator: &l}
			return conflict
		}
		for f, value := range edits {
			if strings.TrimSpace(value) == "" {
				if _, err := tx.ExecContext(ctx, `DELETE FROM legislator_edits WHERE legislator_id = ? AND field = ?`, id, string(f)); err != nil {
					return err
				}
				continue
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO legislator_edits (legislator_id, field, value, edited_at) VALUES (?, ?, ?, ?)
				ON CONFLICT (legislator_id, field) DO UPDATE SET value = excluded.value, edited_at = excluded.edited_at`,
				id, string(f), strings.TrimSpace(value), nowUnix()); err != nil {
				return err
			}
		}
		if notes != nil {
			if _, err := tx.ExecContext(ctx, `UPDATE legislators SET notes = ? WHERE id = ?`, *notes, id); err != nil {
				return err
			}
		}
		return nil
	})
	if conflict != nil {
		return conflict
	}
	if err != nil {
		return fmt.Errorf("save legislator %d: %w", id, mapErr(err))
	}
	return nil
}
