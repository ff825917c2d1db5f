package db

import (
	"database/sql"

	"github.com/google/uuid"
)

// rowUUIDs are the volunteers' own UUIDs an import's rows give (ChapterDesk's own
// export writes them): which the database holds already, and which volunteer each
// row became, for the recruiters the rows name by UUID (see setRecruiters).
type rowUUIDs struct {
	// taken are the database's volunteers' UUIDs, with those this import created:
	// the volunteer's id, or 0 for one in the trash. Read at the first row with a
	// UUID, when there was a roster to read.
	taken   map[uuid.UUID]int64
	roster  bool // the database had volunteers before the import
	became  map[uuid.UUID]int64
	scratch uuid.UUID
}

func newRowUUIDs(roster bool) *rowUUIDs {
	return &rowUUIDs{roster: roster, taken: map[uuid.UUID]int64{}, became: map[uuid.UUID]int64{}}
}

// load reads the database's UUIDs, once.
func (u *rowUUIDs) load(l *Loader) error {
	if !u.roster {
		return nil
	}
	u.roster = false
	// Every chapter's: a UUID another chapter's volunteer has is not a new one's to
	// take (see keep); the row is matched in the import's chapter alone (match).
	return eachVolunteerUUID(l, false, func(key uuid.UUID, id int64, live bool) {
		if !live {
			id = 0
		}
		u.taken[key] = id
	})
}

// eachVolunteerUUID calls fn with each volunteer's UUID, id and whether they are out
// of the trash, of the load's chapter alone when ownChapter: the volunteer import's
// rows and the call import's callers that name a volunteer by UUID look them up so.
func eachVolunteerUUID(l *Loader, ownChapter bool, fn func(key uuid.UUID, id int64, live bool)) error {
	q, args := `SELECT id, uuid, deleted_at IS NULL FROM volunteers`, []any(nil)
	if ownChapter {
		q, args = q+` WHERE chapter_id = ?`, []any{l.chapterID}
	}
	return eachRow(l.ctx, l.tx, func(r *sql.Rows) error {
		var id int64
		var text string
		var live bool
		if err := r.Scan(&id, &text, &live); err != nil {
			return err
		}
		if key, err := uuid.Parse(text); err == nil {
			fn(key, id, live)
		}
		return nil
	}, q, args...)
}

// match is the roster's entry with the row's UUID: the record the row was exported
// from, whatever its email, phone or name became since. nil when the row gives no
// UUID or no live volunteer has it.
func (u *rowUUIDs) match(l *Loader, ix *volunteerIndex, in *IncomingVolunteer) (*knownVolunteer, error) {
	key, ok := parseUUID(in.UUID)
	if !ok {
		return nil, nil
	}
	if err := u.load(l); err != nil {
		return nil, err
	}
	id := u.taken[key]
	if id == 0 || ix.entryOf == nil {
		return nil, nil
	}
	if e, ok := ix.entryOf(id); ok {
		return ix.at(e), nil
	}
	return nil, nil
}

// keep lets a volunteer the row creates keep the row's UUID unless the database has
// it (in the trash, say): then the store gives them a new one. On a chapter server
// they always get a new one: a lead sees only their chapter's volunteers, and a
// UUID another chapter's volunteer has (their CSV export imported here) would
// refuse the whole import as a conflict the lead cannot see.
func (u *rowUUIDs) keep(l *Loader, v *Volunteer) {
	if l.server {
		v.UUID = ""
		return
	}
	if key, ok := parseUUID(v.UUID); ok {
		if _, taken := u.taken[key]; taken {
			v.UUID = ""
		}
	}
}

// note records that the row giving UUID given became volunteer id (created with
// created as their UUID, "" when matched).
func (u *rowUUIDs) note(given, created string, id int64) {
	if key, ok := parseUUID(given); ok {
		u.became[key] = id
	}
	// Only a UUID the row gave and the volunteer kept can be given again by a later
	// row; one the store drew at random cannot (a million of them were 44 MB at the
	// peak of a NationBuilder import, which gives none).
	if key, ok := parseUUID(created); ok {
		if g, ok := parseUUID(given); ok && g == key {
			u.taken[key] = id
		}
	}
}

// volunteer is the volunteer a recruiter's UUID names: a row of the file, else a
// live volunteer of the import's chapter (a recruiter is of the same chapter); 0 for
// none.
func (u *rowUUIDs) volunteer(l *Loader, text string) (int64, error) {
	key, ok := parseUUID(text)
	if !ok {
		return 0, nil
	}
	if id, ok := u.became[key]; ok {
		return id, nil
	}
	var id int64
	err := l.tx.QueryRowContext(l.ctx, `SELECT id FROM volunteers WHERE uuid = ? AND deleted_at IS NULL AND chapter_id = ?`,
		key.String(), l.chapterID).Scan(&id)
	if err == sql.ErrNoRows {
		return 0, nil
	}
	return id, err
}

func parseUUID(s string) (uuid.UUID, bool) {
	if s == "" {
		return uuid.UUID{}, false
	}
	key, err := uuid.Parse(s)
	return key, err == nil
}
