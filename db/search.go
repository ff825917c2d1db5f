package db

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// VolunteerRow is the summary of a volunteer a list or a search result shows.
type VolunteerRow struct {
	ID             int64
	FirstName      string
	LastName       string
	Email          string
	PhoneE164      string
	City           string
	State          string // as stored: a state's code where the import knew it (format.StateCode)
	Zip            string
	SenateDistrict string
	HouseDistrict  string
	Status         VolunteerStatus
	OKCall         bool
	DoNotContact   bool
}

// Name is the volunteer's full name.
func (r VolunteerRow) Name() string { return strings.TrimSpace(r.FirstName + " " + r.LastName) }

const volunteerRowCols = `v.id, v.first_name, v.last_name, v.email, coalesce(nullif(v.phone_e164, ''), v.mobile_e164),
	v.city, v.state, v.zip, v.senate_district, v.house_district, v.status, v.ok_call, v.do_not_contact`

func scanVolunteerRows(rows *sql.Rows) ([]VolunteerRow, error) {
	defer rows.Close()
	var out []VolunteerRow
	for rows.Next() {
		var r VolunteerRow
		if err := rows.Scan(&r.ID, &r.FirstName, &r.LastName, &r.Email, &r.PhoneE164, &r.City, &r.State, &r.Zip,
			&r.SenateDistrict, &r.HouseDistrict, &r.Status, &r.OKCall, &r.DoNotContact); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// SearchVolunteers finds live volunteers whose name (first or last, accents and case
// ignored), email, phone or zip starts with what was typed, in roster order.
// Each kind of match is an index range scan, so it stays fast on a large roster.
func (s *Store) SearchVolunteers(ctx context.Context, query string, limit int) ([]VolunteerRow, error) {
	q := strings.TrimSpace(query)
	if q == "" || limit <= 0 {
		return nil, nil
	}
	ids, args := matchSQL(q, limit)
	rows, err := s.r.QueryContext(ctx, `SELECT `+volunteerRowCols+` FROM volunteers v WHERE v.id IN (`+ids+`)
		ORDER BY v.last_key, v.name_key, v.id LIMIT ?`, append(args, limit)...)
	if err != nil {
		return nil, fmt.Errorf("search volunteers %q: %w", query, err)
	}
	out, err := scanVolunteerRows(rows)
	if err != nil {
		return nil, fmt.Errorf("search volunteers %q: %w", query, err)
	}
	return out, nil
}

// matchBranch is one way typed text can match a volunteer: an index range.
type matchBranch struct {
	where string
	args  []any
}

// matchBranches reads the typed text q as a name, an email, a phone or a zip prefix:
// one index range scan each. Several words ("garcia 021") narrow the search: the
// first word is read as above, by index, and every other word must start a word of
// some field of the same volunteer (name, email, phone, zip or city), checked on the
// rows the first word's ranges yield.
func matchBranches(q string) []matchBranch {
	words := strings.FieldsFunc(q, func(r rune) bool { return unicode.IsSpace(r) || r == ',' })
	if _, phone := phoneish(q); phone || len(words) < 2 {
		return wordBranches(q)
	}
	var cond strings.Builder
	var rest []any
	for _, w := range words[1:] {
		cond.WriteString(` AND ` + wordMatchFunc + `(?, v.name_key, v.email, v.phone_e164, v.mobile_e164, v.zip, v.city)`)
		rest = append(rest, fold(w)) // folded once here, not per row (fold is idempotent)
	}
	// The first word's index ranges give the candidates, by id alone (their indexes
	// hold it), so each candidate's row is read once, in the table's order, to check
	// the other words: "maria gon" has 1,189 Marias by name and 1,128 by email on the
	// 100,000-volunteer demo, mostly the same people, and a branch per range read
	// each of them twice, from random pages.
	var union []string
	var args []any
	for _, b := range wordBranches(words[0]) {
		union = append(union, `SELECT v.id FROM volunteers v WHERE v.deleted_at IS NULL AND `+b.where)
		args = append(args, b.args...)
	}
	return []matchBranch{{`v.id IN (` + strings.Join(union, ` UNION ALL `) + `)` + cond.String(), append(args, rest...)}}
}

// wordBranches reads one typed word or phone number q as a name, an email, a phone
// or a zip prefix: one index range scan each.
func wordBranches(q string) []matchBranch {
	rangeOn := func(col, p string) matchBranch {
		return matchBranch{col + ` >= ? AND ` + col + ` < ?`, []any{p, prefixEnd(p)}}
	}
	email := matchBranch{`v.email >= ? COLLATE NOCASE AND v.email < ? COLLATE NOCASE`, []any{q, prefixEnd(q)}}
	var branches []matchBranch
	if strings.Contains(q, "@") {
		branches = append(branches, email)
	} else if digits, ok := phoneish(q); ok {
		if len(digits) <= 5 && !strings.HasPrefix(q, "+") {
			branches = append(branches, rangeOn("v.zip", digits))
		}
		if len(digits) >= 3 {
			// "<> ''" restates the partial indexes' condition: SQLite cannot prove it from
			// a bound range, and without it scans the roster.
			p := phonePrefix(q, digits)
			for _, col := range []string{"v.phone_e164", "v.mobile_e164"} {
				b := rangeOn(col, p)
				b.where += " AND " + col + " <> ''"
				branches = append(branches, b)
			}
		}
	} else {
		f := fold(q)
		branches = append(branches, rangeOn("v.name_key", f), rangeOn("v.last_key", f), email)
	}
	return branches
}

// matchSQL selects the ids of live volunteers matching the typed text q: the union
// of one index range scan per way the text can be read (name, email, phone, zip).
// With limit > 0 each scan stops there, so a one-letter query never walks the roster.
func matchSQL(q string, limit int) (string, []any) {
	var parts []string
	var args []any
	for _, b := range matchBranches(q) {
		part := `SELECT v.id FROM volunteers v WHERE v.deleted_at IS NULL AND ` + b.where
		args = append(args, b.args...)
		if limit > 0 {
			part = `SELECT * FROM (` + part + ` LIMIT ?) AS b`
			args = append(args, limit)
		}
		parts = append(parts, part)
	}
	return strings.Join(parts, " UNION "), args
}

// matchOr is the same match as a condition on each row, for walking the roster in
// its order when the text matches so many volunteers that collecting and sorting
// them all would cost more than finding the first page on the way.
func matchOr(q string) (string, []any) {
	var parts []string
	var args []any
	for _, b := range matchBranches(q) {
		parts = append(parts, "("+b.where+")")
		args = append(args, b.args...)
	}
	return "(" + strings.Join(parts, " OR ") + ")", args
}

// phoneish reports whether q is made of digits and phone punctuation only, and
// returns its digits.
func phoneish(q string) (string, bool) {
	var b strings.Builder
	for _, r := range q {
		switch {
		case unicode.IsDigit(r):
			b.WriteRune(r)
		case strings.ContainsRune("+()-. '", r):
		default:
			return "", false
		}
	}
	return b.String(), b.Len() > 0
}

// phonePrefix turns typed digits into the start of an E.164 number: "+44 20" stays
// international, "1617..." and "617..." become "+1617...".
func phonePrefix(q, digits string) string {
	if strings.HasPrefix(strings.TrimSpace(q), "+") {
		return "+" + digits
	}
	if strings.HasPrefix(digits, "1") && len(digits) > 1 {
		return "+" + digits
	}
	return "+1" + digits
}

// VolunteerFilter narrows the roster list. Zero values do not filter.
type VolunteerFilter struct {
	Query    string // a name, email, phone or zip prefix
	Tag      string
	Language string
	District string // senate or house district
	Status   VolunteerStatus
	MayCall  bool // ok to call and not do-not-contact
	// Contactable leaves out whoever must not be asked to do anything: do not
	// contact, moved and inactive volunteers (call sheets, lists for phoning).
	Contactable bool

	// senate and house are the stored spellings District stands for, set by the
	// store from the directory ("second suffolk" is "Second Suffolk").
	senate, house []string
}

// livesThereSQL is the condition on volunteers v that they live where their districts
// say: not marked Moved. Call sheets (Contactable) and the workbook's volunteers
// living in a district (loadRosterIndex) both count by it; the workbook once counted
// moved volunteers there too. The coordinator's counts on a server, which the
// coordinator cannot read volunteers to make, hold the same condition in the view
// coalition_volunteer_counts_exact (postgres/0028).
const livesThereSQL = `v.status <> 'moved'`

// denseMatches is how many matches make a search "dense": from there the roster is
// walked in order (the first page is found after a few hundred rows) rather than the
// matches collected and sorted. Below it, walking could cross the whole roster to
// find a handful, and collecting is cheap. 2,000 measured best of 300 to 8,000 on the
// 100,000-volunteer demo (BenchmarkVolunteerSearchKeystroke).
var denseMatches = 2000

// ListVolunteers returns one page of the filtered roster, ordered by last name.
func (s *Store) ListVolunteers(ctx context.Context, f VolunteerFilter, offset, limit int) ([]VolunteerRow, error) {
	f, err := s.districtFilter(ctx, f)
	if err != nil {
		return nil, fmt.Errorf("list volunteers: %w", err)
	}
	where, args := f.sql()
	if strings.TrimSpace(f.Query) != "" {
		n, err := s.CountVolunteersUpTo(ctx, f, denseMatches)
		if err != nil {
			return nil, fmt.Errorf("list volunteers: %w", err)
		}
		if n >= denseMatches {
			where, args = f.sqlWith(matchOr)
		}
	}
	args = append(args, limit, offset)
	page := func(from string) ([]VolunteerRow, error) {
		rows, err := s.r.QueryContext(ctx, `SELECT `+volunteerRowCols+` FROM `+from+` WHERE `+where+
			` ORDER BY v.last_key, v.name_key, v.id LIMIT ? OFFSET ?`, args...)
		if err != nil {
			return nil, fmt.Errorf("list volunteers: %w", s.refused(ctx, err))
		}
		out, err := scanVolunteerRows(rows)
		if err != nil {
			return nil, fmt.Errorf("list volunteers: %w", err)
		}
		return out, nil
	}
	if !f.checkedRowByRow() || s.server != nil { // a server plans these from its statistics
		return page("volunteers v")
	}
	// Walked in roster order, the first walkCap volunteers hold the page when the
	// filter is not sparse there; then it is exact, as those are the first in order.
	if offset+limit <= walkCap {
		out, err := page(`(SELECT * FROM volunteers v WHERE v.deleted_at IS NULL ORDER BY v.last_key, v.name_key, v.id
			LIMIT ` + strconv.Itoa(walkCap) + `) AS v`)
		if err != nil || len(out) == limit {
			return out, err
		}
	}
	return page("volunteers v NOT INDEXED")
}

// walkCap bounds how far a roster list on a file walks the roster in its order when a
// condition must be checked on each volunteer's row (a district, a status, the
// contact flags: no index serves them); SQLite keeps no statistics to choose between
// walking and sorting, a server does. Each step reads the volunteer from a random
// page of the table, about 5 us on the 100,000-volunteer demo; past that, one read of
// the table in order, with the matches sorted, costs less. Walking the whole roster
// took 440 ms for a page of a house district's 1,283 volunteers far down their list
// or 300 ms for a senate district's, where the walk and then the sort take 40-50 ms.
var walkCap = 5000

// checkedRowByRow reports whether the filter has a condition no index serves and
// nothing that an index narrows first (typed text, a tag, a language).
func (f VolunteerFilter) checkedRowByRow() bool {
	return strings.TrimSpace(f.Query) == "" && f.Tag == "" && f.Language == "" &&
		(f.District != "" || f.Status != "" || f.MayCall || f.Contactable)
}

// CountVolunteersUpTo counts the filtered roster, stopping at limit: enough for "more
// than 5,000 match" at a fraction of an exact count's cost on a big roster.
func (s *Store) CountVolunteersUpTo(ctx context.Context, f VolunteerFilter, limit int) (int, error) {
	f, err := s.districtFilter(ctx, f)
	if err != nil {
		return 0, fmt.Errorf("count volunteers: %w", err)
	}
	if q := strings.TrimSpace(f.Query); q != "" && f.onlyQuery() {
		// Each way of matching is an index range that can stop at limit: one of them
		// reaching it settles the answer without collecting a large union.
		for _, b := range matchBranches(q) {
			var n int
			if err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT 1 FROM volunteers v
				WHERE v.deleted_at IS NULL AND `+b.where+` LIMIT ?) AS n`, append(b.args, limit)...).Scan(&n); err != nil {
				return 0, fmt.Errorf("count volunteers: %w", err)
			}
			if n >= limit {
				return limit, nil
			}
		}
	}
	where, args := f.sql()
	var n int
	if err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT 1 FROM `+f.countFrom()+` WHERE `+where+` LIMIT ?) AS n`,
		append(args, limit)...).Scan(&n); err != nil {
		return 0, fmt.Errorf("count volunteers: %w", err)
	}
	return n, nil
}

// CountVolunteers counts the filtered roster.
func (s *Store) CountVolunteers(ctx context.Context, f VolunteerFilter) (int, error) {
	f, err := s.districtFilter(ctx, f)
	if err != nil {
		return 0, fmt.Errorf("count volunteers: %w", err)
	}
	where, args := f.sql()
	var n int
	if err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM `+f.countFrom()+` WHERE `+where, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("count volunteers: %w", err)
	}
	return n, nil
}

func (f VolunteerFilter) sql() (string, []any) {
	return f.sqlWith(func(q string) (string, []any) {
		ids, args := matchSQL(q, 0)
		return `v.id IN (` + ids + `)`, args
	})
}

// countFrom is the roster as a count of the filtered volunteers reads it. When no
// index serves the filter (no typed text, tag or language; a status, a district or
// the contact flags), NOT INDEXED: SQLite otherwise walks the partial index on zip
// codes for its WHERE deleted_at IS NULL and reads each volunteer from a random page
// of the table. On the 100,000-volunteer demo a count of the active ones took 300 ms
// so, against one read of the table in order.
func (f VolunteerFilter) countFrom() string {
	if strings.TrimSpace(f.Query) == "" && f.Tag == "" && f.Language == "" && !f.onlyQuery() {
		return "volunteers v NOT INDEXED"
	}
	return "volunteers v"
}

// onlyQuery reports whether the typed text is the filter's only condition.
func (f VolunteerFilter) onlyQuery() bool {
	return f.Tag == "" && f.Language == "" && f.District == "" && f.Status == "" && !f.MayCall && !f.Contactable
}

// sqlWith is the filter's condition with the typed text matched by match.
func (f VolunteerFilter) sqlWith(match func(q string) (string, []any)) (string, []any) {
	conds := []string{"v.deleted_at IS NULL"}
	var args []any
	if q := strings.TrimSpace(f.Query); q != "" {
		cond, qArgs := match(q)
		conds = append(conds, cond)
		args = append(args, qArgs...)
	}
	if f.Tag != "" {
		conds = append(conds, `v.id IN (SELECT vt.volunteer_id FROM volunteer_tags vt JOIN tags t ON t.id = vt.tag_id
			WHERE t.name = ? COLLATE NOCASE)`)
		args = append(args, f.Tag)
	}
	if f.Language != "" {
		conds = append(conds, `v.id IN (SELECT volunteer_id FROM volunteer_languages WHERE lang = ?)`)
		args = append(args, strings.ToLower(f.Language))
	}
	if f.District != "" {
		senate, house := f.senate, f.house
		if senate == nil && house == nil {
			senate, house = []string{f.District}, []string{f.District}
		}
		var in []string // one chamber's column when the district is one chamber's (see districtFilter)
		for _, c := range []struct {
			col string
			ds  []string
		}{{"v.senate_district", senate}, {"v.house_district", house}} {
			if len(c.ds) > 0 {
				in = append(in, c.col+` IN (`+placeholders(len(c.ds))+`)`)
				for _, d := range c.ds {
					args = append(args, d)
				}
			}
		}
		conds = append(conds, `(`+strings.Join(in, " OR ")+`)`)
	}
	if f.Status != "" {
		conds = append(conds, `v.status = ?`)
		args = append(args, string(f.Status))
	}
	if f.MayCall {
		conds = append(conds, `v.ok_call = 1 AND v.do_not_contact = 0`)
	}
	if f.Contactable {
		conds = append(conds, `v.do_not_contact = 0 AND v.status <> 'inactive' AND `+livesThereSQL)
	}
	return strings.Join(conds, " AND "), args
}
