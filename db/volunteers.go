package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"net/mail"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"golang.org/x/text/unicode/norm"
)

// Volunteer is one person on the chapter's roster.
type Volunteer struct {
	ID             int64
	UUID           string
	ChapterID      int64
	FirstName      string
	LastName       string
	Email          string
	Phone          string // as given
	PhoneE164      string // normalized; set by the store from Phone
	Mobile         string // as given
	MobileE164     string // normalized; set by the store from Mobile
	Address1       string
	Address2       string
	City           string
	State          string
	Zip            string
	SenateDistrict string
	HouseDistrict  string
	OKCall         bool
	OKText         bool
	OKEmail        bool
	DoNotContact   bool
	Status         VolunteerStatus
	RecruiterID    int64 // 0: nobody
	Source         string
	Notes          string
	JoinedOn       string // YYYY-MM-DD or ""
	Tags           []string
	Skills         []string
	Languages      []string // BCP 47 codes: en, es, pt, ht, vi
	CreatedAt      time.Time
	UpdatedAt      time.Time
	// Version is the row's version when it was read; UpdateVolunteer refuses to save
	// over a newer one (EditConflictError). 0 saves whatever is there.
	Version int64
	// UpdatedBy is who saved the row last: the server login, or the computer's user.
	UpdatedBy string

	// parsedPhone and parsedMobile are the texts PhoneE164 and MobileE164 were read
	// from, so checking a volunteer twice (importer, then store) parses once; an
	// edited number is read again.
	parsedPhone, parsedMobile string
	// nameKey and lastKey are the folded names search and matching use, worked out
	// by nameKeys from keyFirst and keyLast.
	nameKey, lastKey, keyFirst, keyLast string
}

// nameKeys returns the folded full name and last name, working them out once per name.
func (v *Volunteer) nameKeys() (name, last string) {
	if v.nameKey == "" || v.keyFirst != v.FirstName || v.keyLast != v.LastName {
		v.nameKey, v.lastKey = fold(v.FirstName+" "+v.LastName), fold(v.LastName)
		v.keyFirst, v.keyLast = v.FirstName, v.LastName
	}
	return v.nameKey, v.lastKey
}

// Name is the volunteer's full name.
func (v Volunteer) Name() string { return strings.TrimSpace(v.FirstName + " " + v.LastName) }

// ValidationError is a mistake a person can fix, tied to the field it is about.
type ValidationError struct {
	Field   string
	Message string
}

func (e *ValidationError) Error() string { return e.Message }

// NewVolunteer is a volunteer with the defaults a lead expects of a new record: active,
// may be called and emailed.
func NewVolunteer(first, last string) Volunteer {
	return Volunteer{FirstName: first, LastName: last, Status: StatusActive, OKCall: true, OKEmail: true}
}

// Normalize trims the fields, fills the E.164 phones and checks what a person could
// have mistyped, as the store does before every write. It returns a *ValidationError
// naming the first bad field.
func (v *Volunteer) Normalize() error { return v.normalize() }

func (v *Volunteer) normalize() error {
	for _, f := range []*string{&v.FirstName, &v.LastName, &v.Email, &v.Phone, &v.Mobile, &v.Address1,
		&v.Address2, &v.City, &v.State, &v.Zip, &v.SenateDistrict, &v.HouseDistrict, &v.Source, &v.JoinedOn} {
		// One form of each accented letter (NFC): "José" typed and "Jose" with a
		// combining accent pasted are the same text, stored and matched alike; and
		// none of the characters pasted unseen ("Park\u200b", see dropInvisibles),
		// which made a look-alike of a volunteer on the roster.
		*f = norm.NFC.String(strings.TrimSpace(dropInvisibles(*f)))
	}
	if v.FirstName == "" && v.LastName == "" {
		return &ValidationError{"name", "A volunteer needs a first or last name."}
	}
	if v.Email != "" && !emailAddress(v.Email) {
		return &ValidationError{"email", fmt.Sprintf("%q does not look like an email address (name@example.org).", v.Email)}
	}
	var err error
	if v.Phone != v.parsedPhone || v.PhoneE164 == "" {
		if v.PhoneE164, err = NormalizePhone(v.Phone); err != nil {
			return &ValidationError{"phone", "Phone: " + err.Error() + "."}
		}
		v.parsedPhone = v.Phone
	}
	if v.Mobile != v.parsedMobile || v.MobileE164 == "" {
		if v.MobileE164, err = NormalizePhone(v.Mobile); err != nil {
			return &ValidationError{"mobile", "Mobile: " + err.Error() + "."}
		}
		v.parsedMobile = v.Mobile
	}
	if v.Status == "" {
		v.Status = StatusActive
	}
	// Do not contact overrides every channel: a person who asked not to be contacted
	// is never "may call" or "may email" too, whoever writes the record.
	if v.DoNotContact {
		v.OKCall, v.OKText, v.OKEmail = false, false, false
	}
	if !v.Status.Valid() {
		return &ValidationError{"status", fmt.Sprintf("Unknown status %q.", v.Status)}
	}
	if v.JoinedOn != "" {
		if _, err := time.Parse(dateLayout, v.JoinedOn); err != nil {
			return &ValidationError{"joined_on", fmt.Sprintf("Joined date %q is not a date (YYYY-MM-DD).", v.JoinedOn)}
		}
	}
	if v.ID != 0 && v.RecruiterID == v.ID {
		return &ValidationError{"recruiter", "A volunteer cannot be their own recruiter."}
	}
	v.Tags, v.Skills, v.Languages = cleanList(v.Tags), cleanList(v.Skills), cleanList(v.Languages)
	for i, l := range v.Languages {
		v.Languages[i] = strings.ToLower(l)
	}
	return nil
}

// cleanList trims, drops empties and duplicates (case-insensitively), and sorts.
func cleanList(in []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range in {
		s = strings.TrimSpace(s)
		if s == "" || seen[strings.ToLower(s)] {
			continue
		}
		seen[strings.ToLower(s)] = true
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

// emailAddress reports whether e is one address as a person writes it
// (name@example.org): no display name or angle brackets, no space, a dot after the @.
func emailAddress(e string) bool {
	if plainAddress(e) {
		return true
	}
	a, err := mail.ParseAddress(e)
	return err == nil && a.Address == e && strings.Contains(e[strings.IndexByte(e, '@'):], ".")
}

// plainAddress reports whether e is an address of the plainest shape
// ("ana.silva+sca@mail.example.org": words of letters, digits, "_", "+" and "-"
// joined by single dots, an @, then two or more such words of letters, digits and
// "-"), which emailAddress takes without mail.ParseAddress: its allocations were a
// seventh of reading a NationBuilder row. False says nothing: ParseAddress decides.
func plainAddress(e string) bool {
	at := strings.IndexByte(e, '@')
	if at <= 0 || !dotWords(e[:at], "_+-") {
		return false
	}
	domain := e[at+1:]
	return strings.IndexByte(domain, '.') > 0 && dotWords(domain, "-")
}

// dotWords reports whether s is one or more words of ASCII letters, digits and the
// bytes of extra, joined by single dots.
func dotWords(s, extra string) bool {
	word := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', strings.IndexByte(extra, c) >= 0:
			word++
		case c == '.' && word > 0:
			word = 0
		default:
			return false
		}
	}
	return word > 0
}

// volunteerCols are the stored columns, in the order volunteerArgs gives them.
const volunteerCols = `uuid, chapter_id, first_name, last_name, name_key, last_key, email, phone, phone_e164,
	mobile, mobile_e164, address1, address2, city, state, zip, senate_district, house_district,
	ok_call, ok_text, ok_email, do_not_contact, status, recruiter_id, source, notes, joined_on,
	import_batch_id, created_at, updated_at`

func volunteerArgs(v *Volunteer, batch int64, created, updated int64) []any {
	name, last := v.nameKeys()
	return []any{v.UUID, v.ChapterID, v.FirstName, v.LastName, name, last,
		v.Email, v.Phone, v.PhoneE164, v.Mobile, v.MobileE164, v.Address1, v.Address2, v.City, v.State, v.Zip,
		v.SenateDistrict, v.HouseDistrict, boolInt(v.OKCall), boolInt(v.OKText), boolInt(v.OKEmail),
		boolInt(v.DoNotContact), string(v.Status), nullID(v.RecruiterID), v.Source, v.Notes, v.JoinedOn,
		nullID(batch), created, updated}
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// CreateVolunteer adds a volunteer to this chapter's roster and returns its id.
func (s *Store) CreateVolunteer(ctx context.Context, v Volunteer) (int64, error) {
	if err := v.normalize(); err != nil {
		return 0, err
	}
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if err := canonDistricts(ctx, tx, &v); err != nil {
			return err
		}
		if v.ChapterID == 0 {
			if err := tx.QueryRowContext(ctx, selfChapterQuery(s.server != nil)).Scan(&v.ChapterID); err != nil {
				return err
			}
		}
		var err error
		id, err = insertVolunteer(ctx, tx, &v, 0)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("create volunteer: %w", mapErr(err))
	}
	return id, nil
}

// insertVolunteer writes a normalized volunteer and its labels inside tx.
func insertVolunteer(ctx context.Context, tx *sql.Tx, v *Volunteer, batch int64) (int64, error) {
	if v.UUID == "" {
		v.UUID = newUUID()
	}
	if v.ChapterID == 0 {
		if err := tx.QueryRowContext(ctx, `SELECT id FROM chapters WHERE is_self = 1`).Scan(&v.ChapterID); err != nil {
			return 0, err
		}
	}
	now := nowUnix()
	if err := tx.QueryRowContext(ctx, `INSERT INTO volunteers (`+volunteerCols+`) VALUES (`+placeholders(30)+`) RETURNING id`,
		volunteerArgs(v, batch, now, now)...).Scan(&v.ID); err != nil {
		return 0, err
	}
	return v.ID, setVolunteerLabels(ctx, tx, v)
}

// UpdateVolunteer saves every field of v (found by its ID).
func (s *Store) UpdateVolunteer(ctx context.Context, v Volunteer) error {
	if err := v.normalize(); err != nil {
		return err
	}
	var conflict *EditConflictError
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if err := canonDistricts(ctx, tx, &v); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE volunteers SET first_name = ?, last_name = ?, name_key = ?, last_key = ?,
			email = ?, phone = ?, phone_e164 = ?, mobile = ?, mobile_e164 = ?, address1 = ?, address2 = ?, city = ?,
			state = ?, zip = ?, senate_district = ?, house_district = ?, ok_call = ?, ok_text = ?, ok_email = ?,
			do_not_contact = ?, status = ?, recruiter_id = ?, source = ?, notes = ?, joined_on = ?, updated_at = ?,
			row_version = row_version + 1, updated_by = ?
			WHERE id = ? AND deleted_at IS NULL AND (? = 0 OR row_version = ?)`,
			v.FirstName, v.LastName, fold(v.FirstName+" "+v.LastName), fold(v.LastName), v.Email, v.Phone, v.PhoneE164,
			v.Mobile, v.MobileE164, v.Address1, v.Address2, v.City, v.State, v.Zip, v.SenateDistrict, v.HouseDistrict,
			boolInt(v.OKCall), boolInt(v.OKText), boolInt(v.OKEmail), boolInt(v.DoNotContact), string(v.Status),
			nullID(v.RecruiterID), v.Source, v.Notes, v.JoinedOn, nowUnix(), s.actor, v.ID, v.Version, v.Version)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			current, err := loadVolunteer(ctx, tx, v.ID)
			if err != nil {
				return err // ErrNotFound: gone, or in the trash
			}
			conflict = &EditConflictError{Kind: "volunteer", Name: current.Name(), By: current.UpdatedBy,
				At: current.UpdatedAt, Theirs: current}
			return conflict
		}
		return setVolunteerLabels(ctx, tx, &v)
	})
	if conflict != nil {
		return conflict
	}
	if err != nil {
		return fmt.Errorf("update volunteer %d: %w", v.ID, mapErr(err))
	}
	return nil
}

// EditConflictError: the record was changed by someone else (another lead, another
// window, an import) since it was read, so the save was refused and nothing written.
// Theirs is the record as it is now, to show what they changed and let the lead
// choose: keep theirs, or save again over it (with Theirs' Version).
type EditConflictError struct {
	Kind   string // "volunteer"
	Name   string
	By     string // who saved it last ("" when not known)
	At     time.Time
	Theirs Volunteer
	// TheirsLegislator is the legislator as it is now, for a conflict on one.
	TheirsLegislator *Legislator
}

func (e *EditConflictError) Error() string {
	who := e.By
	if who == "" {
		who = "someone else"
	}
	if e.At.IsZero() {
		return fmt.Sprintf("%s %s was changed by %s since you opened it; nothing was saved", e.Kind, e.Name, who)
	}
	return fmt.Sprintf("%s %s was changed by %s at %s since you opened it; nothing was saved",
		e.Kind, e.Name, who, e.At.Local().Format("2006-01-02 15:04"))
}

// Is makes errors.Is(err, ErrConflict) true for an edit conflict.
func (e *EditConflictError) Is(target error) bool { return target == ErrConflict }

// volunteerField is one field of a volunteer: how to tell two versions of it apart,
// and how to carry the change one side made to it (from opened to mine) into dst,
// saying whether that overrode another change dst had made.
type volunteerField struct {
	name string // in a part of several fields; "": the part's label
	same func(a, b *Volunteer) bool
	take func(dst, opened, mine *Volunteer) (overrode bool)
}

// named gives a field of a part of several its own name, so that what a push lists
// is the field that differs ("zip"), not the part ("address").
func (f volunteerField) named(name string) volunteerField {
	f.name = name
	return f
}

// scalarField is a field taken whole: mine's value over dst's.
func scalarField[T comparable](get func(*Volunteer) *T) volunteerField {
	return volunteerField{
		same: func(a, b *Volunteer) bool { return *get(a) == *get(b) },
		take: func(d, o, m *Volunteer) bool {
			overrode := *get(d) != *get(o) && *get(d) != *get(m)
			*get(d) = *get(m)
			return overrode
		},
	}
}

// setField is a list taken item by item: what mine added since opened is added to
// dst's, what it removed goes, and dst's own additions and removals stay (a tag
// another lead gave the volunteer is not lost to a lead who removed another).
func setField(get func(*Volunteer) *[]string) volunteerField {
	return volunteerField{
		same: func(a, b *Volunteer) bool { return slices.Equal(*get(a), *get(b)) },
		take: func(d, o, m *Volunteer) bool {
			*get(d) = takeItems(*get(d), *get(o), *get(m))
			return false
		},
	}
}

// takeItems is dst with what changed from was to now carried over item by item:
// an item now added is added, one it removed goes, and dst's own stay.
func takeItems(dst, was, now []string) []string {
	out := slices.DeleteFunc(slices.Clone(dst), func(x string) bool {
		return slices.Contains(was, x) && !slices.Contains(now, x)
	})
	for _, x := range now {
		if !slices.Contains(was, x) && !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}

// volunteerPart is a part of a volunteer as the form labels it, made of fields.
type volunteerPart struct {
	label  string
	fields []volunteerField
}

// same reports whether a and b agree in every field of the part.
func (p volunteerPart) same(a, b *Volunteer) bool {
	for _, f := range p.fields {
		if !f.same(a, b) {
			return false
		}
	}
	return true
}

// volunteerParts are the parts of a volunteer a person edits, as the form labels
// them. A change is carried over field by field (the address's street, city and
// zip each), so a field only the other side changed keeps its value.
var volunteerParts = []volunteerPart{
	{"first name", []volunteerField{scalarField(func(v *Volunteer) *string { return &v.FirstName })}},
	{"last name", []volunteerField{scalarField(func(v *Volunteer) *string { return &v.LastName })}},
	{"email", []volunteerField{scalarField(func(v *Volunteer) *string { return &v.Email })}},
	{"phone", []volunteerField{scalarField(func(v *Volunteer) *string { return &v.Phone })}},
	{"mobile", []volunteerField{scalarField(func(v *Volunteer) *string { return &v.Mobile })}},
	{"address", []volunteerField{
		scalarField(func(v *Volunteer) *string { return &v.Address1 }).named("street"),
		scalarField(func(v *Volunteer) *string { return &v.Address2 }).named("street line 2"),
		scalarField(func(v *Volunteer) *string { return &v.City }).named("city"),
		scalarField(func(v *Volunteer) *string { return &v.State }).named("state"),
		scalarField(func(v *Volunteer) *string { return &v.Zip }).named("zip"),
	}},
	{"districts", []volunteerField{
		scalarField(func(v *Volunteer) *string { return &v.SenateDistrict }).named("senate district"),
		scalarField(func(v *Volunteer) *string { return &v.HouseDistrict }).named("house district"),
	}},
	{"consent", []volunteerField{
		scalarField(func(v *Volunteer) *bool { return &v.OKCall }).named("ok to call"),
		scalarField(func(v *Volunteer) *bool { return &v.OKText }).named("ok to text"),
		scalarField(func(v *Volunteer) *bool { return &v.OKEmail }).named("ok to email"),
		scalarField(func(v *Volunteer) *bool { return &v.DoNotContact }).named("do not contact"),
	}},
	{"status", []volunteerField{scalarField(func(v *Volunteer) *VolunteerStatus { return &v.Status })}},
	{"recruiter", []volunteerField{scalarField(func(v *Volunteer) *int64 { return &v.RecruiterID })}},
	{"notes", []volunteerField{scalarField(func(v *Volunteer) *string { return &v.Notes })}},
	{"joined", []volunteerField{scalarField(func(v *Volunteer) *string { return &v.JoinedOn })}},
	{"tags", []volunteerField{
		setField(func(v *Volunteer) *[]string { return &v.Tags }).named("tags"),
		setField(func(v *Volunteer) *[]string { return &v.Skills }).named("skills"),
	}},
	{"languages", []volunteerField{setField(func(v *Volunteer) *[]string { return &v.Languages })}},
}

// VolunteerChanges names the parts that differ between two versions of a volunteer,
// as the form labels them: what another lead changed, for the conflict's message.
func VolunteerChanges(a, b Volunteer) []string {
	var out []string
	for _, p := range volunteerParts {
		if !p.same(&a, &b) {
			out = append(out, p.label)
		}
	}
	return out
}

// WithMyChanges is theirs with the fields the lead changed (from opened to mine)
// carried over, ready to save at theirs' version: a field only they changed keeps
// their value, where both changed a field the lead's value wins, and overlap names
// those parts so the lead is told. Tags, skills and languages are carried item by
// item (see setField), so neither side's additions or removals are lost.
func WithMyChanges(opened, mine, theirs Volunteer) (merged Volunteer, overlap []string) {
	merged = theirs
	merged.Tags, merged.Skills, merged.Languages = slices.Clone(theirs.Tags), slices.Clone(theirs.Skills), slices.Clone(theirs.Languages)
	for _, p := range volunteerParts {
		both := false
		for _, f := range p.fields {
			if !f.same(&opened, &mine) && f.take(&merged, &opened, &mine) {
				both = true
			}
		}
		if both {
			overlap = append(overlap, p.label)
		}
	}
	return merged, overlap
}

// setVolunteerLabels replaces the volunteer's tags, skills and languages.
func setVolunteerLabels(ctx context.Context, tx *sql.Tx, v *Volunteer) error {
	for _, q := range []string{`DELETE FROM volunteer_tags WHERE volunteer_id = ?`, `DELETE FROM volunteer_languages WHERE volunteer_id = ?`} {
		if _, err := tx.ExecContext(ctx, q, v.ID); err != nil {
			return err
		}
	}
	for kind, names := range map[string][]string{"tag": v.Tags, "skill": v.Skills} {
		for _, name := range names {
			tagID, err := ensureTag(ctx, tx, kind, name)
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO volunteer_tags (volunteer_id, tag_id) VALUES (?, ?) ON CONFLICT DO NOTHING`, v.ID, tagID); err != nil {
				return err
			}
		}
	}
	for _, l := range v.Languages {
		if _, err := tx.ExecContext(ctx, `INSERT INTO volunteer_languages (volunteer_id, lang) VALUES (?, ?) ON CONFLICT DO NOTHING`, v.ID, l); err != nil {
			return err
		}
	}
	return nil
}

// ensureTag returns the id of the tag or skill called name, creating it if needed.
func ensureTag(ctx context.Context, tx *sql.Tx, kind, name string) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, `INSERT INTO tags (kind, name) VALUES (?, ?)
		ON CONFLICT (kind, name COLLATE NOCASE) DO UPDATE SET name = tags.name RETURNING id`, kind, name).Scan(&id)
	return id, err
}

// Volunteer loads one live volunteer with their tags, skills and languages.
func (s *Store) Volunteer(ctx context.Context, id int64) (Volunteer, error) {
	var v Volunteer
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		var err error
		v, err = loadVolunteer(ctx, tx, id)
		return err
	})
	if err != nil {
		return Volunteer{}, fmt.Errorf("load volunteer %d: %w", id, mapErr(err))
	}
	return v, nil
}

// loadVolunteer reads a live volunteer with its labels in tx.
func loadVolunteer(ctx context.Context, tx readQueryer, id int64) (Volunteer, error) {
	var v Volunteer
	err := func() error {
		var recruiter sql.NullInt64
		var created, updated int64
		err := tx.QueryRowContext(ctx, `SELECT id, uuid, chapter_id, first_name, last_name, email, phone, phone_e164,
			mobile, mobile_e164, address1, address2, city, state, zip, senate_district, house_district, ok_call,
			ok_text, ok_email, do_not_contact, status, recruiter_id, source, notes, joined_on, created_at, updated_at,
			row_version, updated_by
			FROM volunteers WHERE id = ? AND deleted_at IS NULL`, id).Scan(&v.ID, &v.UUID, &v.ChapterID,
			&v.FirstName, &v.LastName, &v.Email, &v.Phone, &v.PhoneE164, &v.Mobile, &v.MobileE164, &v.Address1,
			&v.Address2, &v.City, &v.State, &v.Zip, &v.SenateDistrict, &v.HouseDistrict, &v.OKCall, &v.OKText,
			&v.OKEmail, &v.DoNotContact, &v.Status, &recruiter, &v.Source, &v.Notes, &v.JoinedOn, &created, &updated,
			&v.Version, &v.UpdatedBy)
		if err != nil {
			return err
		}
		v.RecruiterID, v.CreatedAt, v.UpdatedAt = recruiter.Int64, fromUnix(created), fromUnix(updated)
		rows, err := tx.QueryContext(ctx, `SELECT t.kind, t.name FROM volunteer_tags vt JOIN tags t ON t.id = vt.tag_id
			WHERE vt.volunteer_id = ? ORDER BY t.name`, id)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var kind, name string
			if err := rows.Scan(&kind, &name); err != nil {
				return err
			}
			if kind == "skill" {
				v.Skills = append(v.Skills, name)
			} else {
				v.Tags = append(v.Tags, name)
			}
		}
		if err := rows.Err(); err != nil {
			return err
		}
		v.Languages, err = strings1(ctx, tx, `SELECT lang FROM volunteer_languages WHERE volunteer_id = ? ORDER BY lang`, id)
		return err
	}()
	return v, err
}

// TrashVolunteer moves a volunteer to the trash; RestoreVolunteer brings them back.
func (s *Store) TrashVolunteer(ctx context.Context, id int64) error {
	return s.setDeleted(ctx, "volunteers", id, true)
}

// RestoreVolunteer takes a volunteer out of the trash.
func (s *Store) RestoreVolunteer(ctx context.Context, id int64) error {
	return s.setDeleted(ctx, "volunteers", id, false)
}

// versionedTables are the tables whose rows carry a row version (row_version, see
// migration 0007). Every write that changes such a row raises it, whatever the path
// (a form, an import, its undo, a merge, the trash): a save (EditConflictError) and a
// push compare it with the version they read, and a change that left it as it was
// was written over without a word (an import's values pushed over by an older
// checkout, tester t1 F2; an import inside a checkout never pushed, F3).
var versionedTables = map[string]bool{"volunteers": true, "legislators": true, "campaigns": true}

// raiseVersion is the SET items (", row_version = row_version + 1, updated_by = ?")
// that raise the row version of an UPDATE of table and name who wrote it, with that
// name (actor) as their argument; empty for a table without a version. The name is
// bound, never spelled into the statement: a login is text the database did not
// choose, and a quoted literal is only as safe as the server's string settings.
func raiseVersion(table, actor string) (string, []any) {
	if versionedTables[strings.TrimPrefix(table, "main.")] {
		return ", row_version = row_version + 1, updated_by = ?", []any{actor}
	}
	return "", nil
}

// setDeleted moves a row of a trash-capable table in or out of the trash.
func (s *Store) setDeleted(ctx context.Context, table string, id int64, deleted bool) error {
	if err := s.inTx(ctx, func(tx *sql.Tx) error { return markDeleted(ctx, tx, s.actor, table, id, deleted) }); err != nil {
		return trashErr(table, id, deleted, err)
	}
	return nil
}

// markDeleted moves a row of a trash-capable table in or out of the trash, written by
// actor; ErrNotFound when it is not there to move (already in the trash, or out).
func markDeleted(ctx context.Context, tx *sql.Tx, actor, table string, id int64, deleted bool) error {
	raise, by := raiseVersion(table, actor)
	q := `UPDATE ` + table + ` SET deleted_at = ?, updated_at = ?` + raise + ` WHERE id = ? AND deleted_at IS NULL`
	var at any = nowUnix()
	if !deleted {
		q = `UPDATE ` + table + ` SET deleted_at = ?, updated_at = ?` + raise + ` WHERE id = ? AND deleted_at IS NOT NULL`
		at = nil
	}
	res, err := tx.ExecContext(ctx, q, append(append([]any{at, nowUnix()}, by...), id)...)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}

// rowsQueryer is a transaction or a connection pool.
type rowsQueryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// readQueryer is a transaction or a pool, for reads of rows and of one row.
type readQueryer interface {
	rowsQueryer
	queryer
}

// strings1 runs a query returning one text column, in a transaction or on a pool.
func strings1(ctx context.Context, q rowsQueryer, query string, args ...any) ([]string, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

func placeholders(n int) string { return strings.TrimSuffix(strings.Repeat("?, ", n), ", ") }

// inListChunk is how many values one "IN (?, ...)" list takes (see inChunks): well
// under SQLite's and PostgreSQL's limits on a statement's parameters.
const inListChunk = 500

// inChunks hands fn list in pieces of at most inListChunk, in order, for a query
// whose "IN (...)" list (placeholders) takes them; it stops at fn's first error.
func inChunks[T any](list []T, fn func(chunk []T) error) error {
	for len(list) > 0 {
		chunk := list[:min(len(list), inListChunk)]
		list = list[len(chunk):]
		if err := fn(chunk); err != nil {
			return err
		}
	}
	return nil
}

// mapErr turns driver errors into the package's sentinels.
func mapErr(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, sql.ErrNoRows):
		return ErrNotFound
	case strings.Contains(err.Error(), "UNIQUE constraint failed"):
		return fmt.Errorf("%w (%v)", ErrConflict, err)
	}
	return brokenRule(pgErr(err))
}

// brokenRule turns a failed foreign key, check or not-null rule of either backend
// into ErrIntegrity, logging the driver's words: they mean nothing to a lead, and the
// fault is ChapterDesk's, not theirs. Every write transaction (inTx) passes its error
// through here, so no raw constraint error reaches a person.
func brokenRule(err error) error {
	var pe *pgconn.PgError
	switch {
	case err == nil || strings.Contains(err.Error(), "UNIQUE constraint failed"): // mapErr's ErrConflict
		return err
	case strings.Contains(err.Error(), "constraint failed"),
		errors.As(err, &pe) && strings.HasPrefix(pe.Code, "23") && pe.Code != "23505":
		slog.Error("a write broke a rule of the database", "err", err)
		return ErrIntegrity
	}
	return err
}
