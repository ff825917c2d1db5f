package db

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strings"
	"time"
)

// IncomingLegislator is a legislator read from an import file, with the line it came from.
type IncomingLegislator struct {
	Line int
	Legislator
}

// ImportOptions describes an import run.
type ImportOptions struct {
	DryRun bool   // work out everything, write nothing
	Format string // the detected or forced format, recorded with the batch
	Source string // the file's name, recorded with the batch
	// State is the state the file's legislators sit for ("MA"), given to each row
	// that lacks one; a file whose state is not known is refused. RetireMissing
	// touches only this state's legislators.
	State string
	// RetireMissing marks the state's legislators that the file no longer lists as out
	// of office (a full, current legislature file was imported).
	RetireMissing bool
	// ExpectedRows is about how many rows the file holds (0: not known), from its
	// size: a large volunteer import sets the roster's indexes aside from the start,
	// and a large import of volunteers or calls may have the file to itself
	// (LoadOptions.Large).
	ExpectedRows int
	// TakeFileValues has a volunteer import take the file's value where the roster
	// has another (the values it lists as VolunteerConflict), as when a lead edited
	// the roster's own export in a spreadsheet; each is recorded, so that undoing the
	// import puts the roster's back. Consent is not among them: it only ever gets
	// stricter (see consent.after).
	TakeFileValues bool
	// SkipBadRows has a volunteer import leave out the rows the store finds it cannot
	// import as they are (a new volunteer whose text is damaged by an encoding:
	// VolunteerImportSummary.Garbled) and go on; without it such a row refuses the
	// import (ErrBadRows), as the importer's bad rows do.
	SkipBadRows bool
}

// ImportChange is one record an import creates, updates or retires.
type ImportChange struct {
	Line   int      // the file line; 0 for a record the file does not list
	Action string   // "create", "update", "retire"
	Name   string   // the record as a person knows it
	Fields []string // for an update, the fields that change
}

// String is the change as `chapterdesk import --dry-run` lists it and the import
// wizard's preview shows it: "line 4: update Ana Souza (email, city)".
func (c ImportChange) String() string {
	line := ""
	if c.Line > 0 {
		line = fmt.Sprintf("line %d: ", c.Line)
	}
	fields := ""
	if len(c.Fields) > 0 {
		fields = " (" + strings.Join(c.Fields, ", ") + ")"
	}
	return line + c.Action + " " + c.Name + fields
}

// ImportSummary is what an import did, or would do in a dry run.
type ImportSummary struct {
	BatchID   int64 // 0 in a dry run
	Created   int
	Updated   int
	Unchanged int
	Retired   int
	// Differ counts the rows of records already there that changed nothing, though
	// some of their values are not the stored ones (a volunteer import lists them
	// in its Conflicts): not "unchanged", which says the file and the store agree.
	Differ  int
	Changes []ImportChange
	Notes   []string // what else the import did or found, for the lead to read
}

// ChangesCut reports whether Changes holds only the first of the changes (the
// counts are complete): the list stops at a few hundred.
func (s ImportSummary) ChangesCut() bool { return len(s.Changes) >= maxListedChanges }

// legislatorImportCols are the columns an import may set; the lead's own values live
// in legislator_edits and notes, which an import never touches.
var legislatorImportCols = []string{"openstates_id", "state", "chamber", "district", "name", "given_name", "family_name",
	"party", "email", "capitol_address", "capitol_phone", "capitol_fax", "district_address", "district_phone",
	"district_fax", "url", "image_url", "in_office", "gender"}

func legislatorImportValues(l *Legislator) []string {
	return []string{l.OpenStatesID, l.State, string(l.Chamber), l.District, l.Name, l.GivenName, l.FamilyName,
		l.Party, l.Email, l.CapitolAddress, l.CapitolPhone, l.CapitolFax, l.DistrictAddress, l.DistrictPhone,
		l.DistrictFax, l.URL, l.ImageURL, "1", l.Gender}
}

// ImportLegislators brings a legislator file in, in one transaction recorded as an
// import batch. A row matches a stored legislator by Open States id, else by state,
// chamber, district and name (case and accents ignored; a stored legislator without a
// state matches any). A match is updated where the file has a
// different, non-empty value: an empty cell never erases (Open States' own exporter
// leaves the capitol office empty). The lead's edits and notes are never touched, so a
// second import of the same file changes nothing.
func (s *Store) ImportLegislators(ctx context.Context, rows []IncomingLegislator, opts ImportOptions) (ImportSummary, error) {
	var sum ImportSummary
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		sum, err = importLegislators(ctx, tx, s.server != nil, s.actor, rows, opts)
		if err == nil && !opts.DryRun {
			err = s.fixDistrictsAfterImport(ctx, tx, &sum)
		}
		if err == nil && opts.DryRun {
			return errDryRun
		}
		return err
	})
	if err == errDryRun {
		err, sum.BatchID = nil, 0
	}
	if err != nil {
		return ImportSummary{}, fmt.Errorf("import legislators: %w", mapErr(err))
	}
	return sum, nil
}

// errDryRun rolls a dry run's transaction back.
var errDryRun = fmt.Errorf("dry run")

// seatMove is a member a row moved to another district of the same chamber.
type seatMove struct {
	line int
	st   *storedLegislator
	from string
}

// movedNotes lists the members the import moved to another district (tester t11: a
// re-import said only "1 updated", and the seat moved to had two members in office
// without a word, calls by district going to either), each with the member in office
// the new seat already has, when it has one, as the import left them all.
func movedNotes(moves []seatMove, all []*storedLegislator) []string {
	var notes []string
	title := func(v []string) string { return Legislator{Chamber: Chamber(v[2]), Name: v[4]}.Title() }
	for _, m := range moves {
		v := m.st.values
		note := fmt.Sprintf("line %d: %s moved from %s to %s", m.line, title(v), m.from, v[3])
		var beside []string
		for _, o := range all {
			if o != m.st && o.values[17] == "1" && strings.EqualFold(o.state, m.st.state) && o.values[2] == v[2] && fold(o.values[3]) == fold(v[3]) {
				beside = append(beside, title(o.values)+" (in office)")
			}
		}
		if len(beside) > 0 {
			note += ", where " + strings.Join(beside, " and ") + " sits too"
		}
		notes = append(notes, note)
	}
	return notes
}

type storedLegislator struct {
	id     int64
	values []string
	state  string
	seen   bool
}

// legislatorKey names a seat and its holder within a state: two states' legislatures
// may both have a "1st District" senator called John Smith.
func legislatorKey(state string, ch Chamber, district, name string) string {
	return strings.ToUpper(state) + "|" + string(ch) + "|" + fold(district) + "|" + fold(name)
}

func importLegislators(ctx context.Context, tx *sql.Tx, server bool, actor string, rows []IncomingLegislator, opts ImportOptions) (ImportSummary, error) {
	var sum ImportSummary
	byOSID, byKey := map[string]*storedLegislator{}, map[string]*storedLegislator{}
	var all []*storedLegislator
	var moves []seatMove // members a row moved to another district (see movedNotes)
	err := eachRow(ctx, tx, func(r *sql.Rows) error {
		st := &storedLegislator{values: make([]string, len(legislatorImportCols))}
		dest := []any{&st.id}
		for i := range st.values {
			dest = append(dest, &st.values[i])
		}
		if err := r.Scan(dest...); err != nil {
			return err
		}
		st.state = st.values[1]
		if st.values[0] != "" {
			byOSID[st.values[0]] = st
		}
		byKey[legislatorKey(st.state, Chamber(st.values[2]), st.values[3], st.values[4])] = st
		all = append(all, st)
		return nil
	}, `SELECT id, coalesce(openstates_id, ''), `+strings.Join(legislatorImportCols[1:], ", ")+`
		FROM legislators WHERE deleted_at IS NULL`)
	if err != nil {
		return sum, err
	}
	if err := checkImportState(rows, &opts); err != nil {
		return sum, err
	}
	batch, err := startBatch(ctx, tx, "legislators", opts)
	if err != nil {
		return sum, err
	}
	sum.BatchID = batch
	// A legislator file is one legislature, from one source: a name damaged by its
	// encoding ("JosÃ© Tosado") means the file was read or saved wrong, and would
	// replace the good name. Refused before any row is written.
	for _, in := range rows {
		if value, was, ok := doubledIn(reflect.ValueOf(in.Legislator)); ok {
			return sum, fmt.Errorf("line %d: %w", in.Line, WrongEncodingError(value, was))
		}
	}
	var arrivals []arrival
	// Values damaged on the file's way ("Garc?a" for "García") are not taken (see
	// judgeValues); accented says some of the file's accented text is right.
	var damaged []damagedLegValue
	accented := false
	for i := range rows {
		in := &rows[i]
		if err := in.normalize(); err != nil {
			return sum, fmt.Errorf("line %d: %w", in.Line, err)
		}
		st := byOSID[in.OpenStatesID]
		if st == nil {
			st = byKey[legislatorKey(in.State, in.Chamber, in.District, in.Name)]
		}
		if st == nil { // one typed in by hand, or stored before states were required
			st = byKey[legislatorKey("", in.Chamber, in.District, in.Name)]
		}
		variant := false
		if st == nil {
			if st, err = sameSeatVariant(all, in); err != nil {
				return sum, fmt.Errorf("line %d: %w", in.Line, err)
			}
			variant = st != nil
		}
		values := legislatorImportValues(&in.Legislator)
		var stored []string
		who := ""
		if st != nil {
			stored, who = st.values, Legislator{Chamber: Chamber(st.values[2]), Name: st.values[4]}.Title()
		}
		found, right := judgeValues(in.Line, who, stored, values)
		damaged, accented = append(damaged, found...), accented || right
		if st == nil && len(found) > 0 {
			continue // refused below: a new legislator so named is not added
		}
		if st == nil {
			if _, err := tx.ExecContext(ctx, `INSERT INTO legislators (`+legislatorCols+`) VALUES (`+legislatorValues+`)
				`+reviveLegislator, append(legislatorArgs(&in.Legislator, batch, nowUnix()), actor)...); err != nil {
				return sum, fmt.Errorf("line %d: %w", in.Line, err)
			}
			sum.Created++
			sum.Changes = append(sum.Changes, ImportChange{Line: in.Line, Action: "create", Name: in.Title()})
			arrivals = append(arrivals, arrival{sessionLegislator{osid: in.OpenStatesID, state: in.State, chamber: string(in.Chamber),
				name: in.Name, given: in.GivenName, family: in.FamilyName, inOffice: true}.spelled(), in.Title(), "new here", ""})
			st = &storedLegislator{values: legislatorImportValues(&in.Legislator), seen: true}
			if in.OpenStatesID != "" {
				byOSID[in.OpenStatesID] = st
			}
			byKey[legislatorKey(in.State, in.Chamber, in.District, in.Name)] = st
			continue
		}
		st.seen = true
		before := slices.Clone(st.values)
		changed, err := updateImported(ctx, tx, actor, batch, "legislators", st.id, legislatorImportCols, st.values, values)
		if err != nil {
			return sum, fmt.Errorf("line %d: %w", in.Line, err)
		}
		if len(changed) == 0 {
			if len(found) > 0 {
				sum.Differ++
			} else {
				sum.Unchanged++
			}
			continue
		}
		sum.Updated++
		sum.Changes = append(sum.Changes, ImportChange{Line: in.Line, Action: "update",
			Name: Legislator{Chamber: Chamber(st.values[2]), Name: st.values[4]}.Title(), Fields: changed})
		if before[3] != st.values[3] && before[2] == st.values[2] {
			moves = append(moves, seatMove{line: in.Line, st: st, from: before[3]})
		}
		if note := renamedNote(in.Line, before, st.values); note != "" {
			if variant {
				note += ", the member of that seat by that family name (the row has no Open States id to tell)"
			}
			sum.Notes = append(sum.Notes, note)
		}
		// st.values are the member's values now.
		a := arrival{sessionLegislator{id: st.id, osid: st.values[0], state: st.values[1], chamber: st.values[2], name: st.values[4],
			given: st.values[5], family: st.values[6], inOffice: st.values[17] == "1"}.spelled(),
			Legislator{Chamber: Chamber(st.values[2]), Name: st.values[4]}.Title(), "", ""}
		switch {
		case slices.Contains(changed, "chamber"):
			a.how, a.from = "now in "+chamberWords(st.values[2]), before[2]
		case slices.Contains(changed, "in_office"):
			a.how = "back in office"
		case slices.Contains(changed, "name") || slices.Contains(changed, "given_name") || slices.Contains(changed, "family_name"):
			a.how = "by the name this import gives"
		}
		if a.how != "" {
			arrivals = append(arrivals, a)
		}
	}
	sum.Notes = append(sum.Notes, movedNotes(moves, all)...)
	if err := refuseDamaged(damaged, accented, &sum.Notes); err != nil {
		return sum, err
	}
	if err := noteVotesAtStake(ctx, tx, arrivals, &sum.Notes); err != nil {
		return sum, err
	}
	if opts.RetireMissing {
		for _, st := range all {
			if st.seen || st.values[17] != "1" || !strings.EqualFold(st.state, opts.State) {
				continue
			}
			retired := append([]string(nil), st.values...)
			retired[17] = "0"
			if _, err := updateImported(ctx, tx, actor, batch, "legislators", st.id, legislatorImportCols, st.values, retired); err != nil {
				return sum, err
			}
			sum.Retired++
			title := Legislator{Chamber: Chamber(st.values[2]), Name: st.values[4]}.Title() + " (" + st.values[3] + ")"
			sum.Changes = append(sum.Changes, ImportChange{Action: "retire", Name: title})
			if err := noteRetiredSponsor(ctx, tx, st.id, title, &sum.Notes); err != nil {
				return sum, err
			}
		}
	} else {
		// A member in office the file does not list stays in office, but is named: the
		// file may be the whole legislature, and they left (t6 F12).
		var missing []string
		for _, st := range all {
			if !st.seen && st.values[17] == "1" && strings.EqualFold(st.state, opts.State) {
				missing = append(missing, Legislator{Chamber: Chamber(st.values[2]), Name: st.values[4]}.Title()+" ("+st.values[3]+")")
			}
		}
		if n := len(missing); n > 0 {
			sort.Strings(missing)
			who := map[bool]string{true: "legislator in office here is", false: "legislators in office here are"}[n == 1]
			sum.Notes = append(sum.Notes, fmt.Sprintf("%d %s not in this file: %s — kept in office; give --retire-missing "+
				"if the file is the whole legislature", n, who, FirstOf(missing, 10, ", ")))
		}
	}
	if err := markSponsors(ctx, tx, server, opts.State, 0, batch, &sum.Notes); err != nil {
		return sum, err
	}
	return sum, finishBatch(ctx, tx, batch, &sum)
}

// arrival is a member this import puts where a name on a roll call may now fit them:
// new here, moved to the other chamber (from), back in office or renamed (how says).
type arrival struct {
	leg        sessionLegislator
	title, how string
	from       string
}

// noteVotesAtStake names the votes a session import matched by name that this
// import leaves in question (t3 F3): a moved member's votes of their former chamber
// that a surname alone tied to them (a vote of the other chamber is kept only by the
// member's voter_id or full name), and votes of another member of the chamber whose
// name fits an arrival too (two "Garcia"s of the House). Importing the session again
// judges them, as it would have had the legislators come first (see keepRollCalls);
// this import does not: it has not the export's own evidence of who sat when.
func noteVotesAtStake(ctx context.Context, tx *sql.Tx, arrivals []arrival, notes *[]string) error {
	if len(arrivals) == 0 {
		return nil
	}
	type stakeRow struct {
		state, session, chamber, name, how, legName, legChamber string
		leg                                                     int64
		n                                                       int
	}
	var rows []stakeRow
	if err := eachRow(ctx, tx, func(r *sql.Rows) error {
		var x stakeRow
		err := r.Scan(&x.state, &x.session, &x.chamber, &x.name, &x.how, &x.leg, &x.legName, &x.legChamber, &x.n)
		rows = append(rows, x)
		return err
	}, `SELECT sb.state, sb.session, rc.chamber, v.voter_name, v.matched_by, l.id, l.name, l.chamber, count(*)
		FROM roll_call_votes v JOIN roll_calls rc ON rc.id = v.roll_call_id JOIN session_bills sb ON sb.id = rc.session_bill_id
		JOIN legislators l ON l.id = v.legislator_id
		WHERE v.matched_by IN ('name', ?) AND rc.chamber <> ''
		GROUP BY sb.state, sb.session, rc.chamber, v.voter_name, v.matched_by, l.id, l.name, l.chamber
		ORDER BY l.id, v.voter_name, sb.session`, matchedOtherChamber); err != nil {
		return err
	}
	// stake counts the votes of one note, with their names and sessions as said.
	type stake struct {
		n               int
		names, sessions []string
		state           string
	}
	add := func(s *stake, x stakeRow) {
		s.n += x.n
		s.state = x.state
		if name := readVoterName(x.name).name; !slices.Contains(s.names, name) {
			s.names = append(s.names, name)
		}
		if !slices.Contains(s.sessions, x.session) {
			s.sessions = append(s.sessions, x.session)
		}
	}
	// said words a stake: `1 House vote`, `"Garcia"`, `session 194th of MA`, `it`.
	said := func(s stake, chamber string) (votes, names, sessions, it string) {
		votes, it = fmt.Sprintf("%d %s votes", s.n, Chamber(chamber).Label()), "them"
		if s.n == 1 {
			votes, it = fmt.Sprintf("1 %s vote", Chamber(chamber).Label()), "it"
		}
		if len(s.names) > 3 {
			s.names = append(s.names[:3:3], "…")
		}
		sessions = "session " + s.sessions[0]
		if len(s.sessions) > 1 {
			sessions = "sessions " + strings.Join(s.sessions, ", ")
		}
		return votes, `"` + strings.Join(s.names, `", "`) + `"`, sessions + " of " + s.state, it
	}
	for _, a := range arrivals {
		l := &a.leg
		if a.from != "" {
			var own stake
			for _, x := range rows {
				if x.leg == l.id && x.chamber == a.from && x.how == "name" && !readVoterName(x.name).whole(l) {
					add(&own, x)
				}
			}
			if own.n > 0 {
				votes, names, sessions, it := said(own, a.from)
				*notes = append(*notes, fmt.Sprintf("%s, %s, has %s matched by a surname alone while in %s (%s): import %s again "+
					"to take %s off their record (a vote of the other chamber is kept only by the member's voter_id or full name)",
					a.title, a.how, votes, chamberWords(a.from), names, sessions, it))
			}
		}
		if !l.inOffice {
			continue
		}
		// Another member's votes the arrival's name fits too, one note a member (the
		// rows come by member).
		var other stake
		for i, x := range rows {
			vn := readVoterName(x.name)
			if x.leg != l.id && x.chamber == l.chamber && strings.EqualFold(x.state, l.state) && (vn.fullName(l) || vn.bySurname(l)) {
				add(&other, x)
			}
			if other.n > 0 && (i == len(rows)-1 || rows[i+1].leg != x.leg) {
				votes, names, sessions, it := said(other, l.chamber)
				verb := "fit"
				if other.n == 1 {
					verb = "fits"
				}
				*notes = append(*notes, fmt.Sprintf("%s matched by name to %s (%s) %s %s too, %s: import %s again to check %s "+
					"(a name that fits two members is unmatched)", votes, Legislator{Chamber: Chamber(x.legChamber), Name: x.legName}.Title(),
					names, verb, a.title, a.how, sessions, it))
				other = stake{}
			}
		}
	}
	return nil
}

// noteRetiredSponsor says when a member retired is, by the official record, a sponsor
// or cosponsor of a campaign's bill: the count and the record go on naming them, and
// "1 retired" alone does not tell the lead the bill lost its sponsor (t6 F5).
func noteRetiredSponsor(ctx context.Context, tx *sql.Tx, id int64, title string, notes *[]string) error {
	var roles []string
	err := eachRow(ctx, tx, func(r *sql.Rows) error {
		var bill, session string
		var primary bool
		err := r.Scan(&bill, &session, &primary)
		// The session said: a sponsor of an earlier session's bill only is no sponsor now.
		roles = append(roles, map[bool]string{true: "sponsor", false: "cosponsor"}[primary]+" of "+bill+" (session "+session+")")
		return err
	}, `SELECT DISTINCT sb.identifier, sb.session, p.is_primary = 1 FROM bill_sponsorships p JOIN session_bills sb ON sb.id = p.session_bill_id
		WHERE p.legislator_id = ? AND p.withdrawn_on = ''
		  AND EXISTS (SELECT 1 FROM campaign_session_bills m WHERE m.session_bill_id = sb.id)
		ORDER BY 1, 2, 3`, id)
	if len(roles) > 0 {
		*notes = append(*notes, fmt.Sprintf("%s, no longer in office, is by the official record the %s (a campaign's bill)",
			title, strings.Join(roles, ", ")))
	}
	return err
}

// markSponsors records, for each campaign of the state (campaign 0) or for that one
// campaign, its bills' sponsors as sponsors in the whip count, once their names are in
// office: a legislator the whip count knows nothing of yet gets a "sponsor" change
// (part of the import's batch, if any, so undo takes it back); one the lead has
// judged otherwise is left as the lead said, with a note. A sponsor who is not in
// office is said, not silently dropped. Both imports call it, the legislators' and
// the campaign's, so the whip count does not depend on which came first.
func markSponsors(ctx context.Context, tx *sql.Tx, server bool, state string, campaign, batch int64, notes *[]string) error {
	type bill struct {
		campaign        int64
		number, sponsor string
	}
	var bills []bill
	if err := eachRow(ctx, tx, func(r *sql.Rows) error {
		var b bill
		err := r.Scan(&b.campaign, &b.number, &b.sponsor)
		bills = append(bills, b)
		return err
	}, `SELECT b.campaign_id, b.number, b.sponsor FROM campaign_bills b JOIN campaigns c ON c.id = b.campaign_id
		WHERE c.deleted_at IS NULL AND trim(b.sponsor) <> ''
			AND (?2 = 0 AND (c.state = '' OR upper(c.state) = upper(?1)) OR c.id = ?2)
		ORDER BY b.campaign_id, b.position`, state, campaign); err != nil {
		return err
	}
	resolvers := map[int64]*legislatorResolver{}
	now := time.Now()
	for _, b := range bills {
		r := resolvers[b.campaign]
		if r == nil {
			var err error
			if r, err = newLegislatorResolver(ctx, tx, b.campaign); err != nil {
				return err
			}
			resolvers[b.campaign] = r
		}
		if r.inOffice() == 0 {
			continue // the campaign's legislators are not here yet
		}
		id, _, why := r.resolve(b.sponsor)
		if id == 0 {
			*notes = append(*notes, fmt.Sprintf("%s, the sponsor of %s, is not a legislator in office here (%s)", b.sponsor, b.number, why))
			continue
		}
		var current Stance
		var changes int
		// fromCall is the caller and time of the call report the whip count stands
		// on, "" when it stands on no report: a stance heard on a call is not the
		// lead's, and the note must not say so (t7 F8). Nor does a mark replace it:
		// a campaign's file is no record of sponsorship, and its mark counts only
		// while nothing else is known (stance_rule.go, t6 F1).
		var fromCall string
		var calledAt int64
		// fromRecord is the reason of the official record's change the count stands
		// on ("cosponsor of H 5293 (Open States, session 194th, exported …)"), "" when it stands on
		// none: the record's stance is not the lead's either (t3 F6).
		var fromRecord string
		if err := tx.QueryRowContext(ctx, `SELECT coalesce((SELECT stance FROM stances WHERE campaign_id = ?1 AND legislator_id = ?2), ''),
			(SELECT count(*) FROM stance_history WHERE campaign_id = ?1 AND legislator_id = ?2),
			coalesce((SELECT h.changed_by FROM stances st JOIN stance_history h ON h.id = st.history_id
				WHERE st.campaign_id = ?1 AND st.legislator_id = ?2 AND h.call_report_id IS NOT NULL), ''),
			coalesce((SELECT h.changed_at FROM stances st JOIN stance_history h ON h.id = st.history_id
				WHERE st.campaign_id = ?1 AND st.legislator_id = ?2 AND h.call_report_id IS NOT NULL), 0),
			coalesce((SELECT h.reason FROM stances st JOIN stance_history h ON h.id = st.history_id
				WHERE st.campaign_id = ?1 AND st.legislator_id = ?2 AND `+recordRowOf("h.")+`), '')`,
			b.campaign, id).Scan(&current, &changes, &fromCall, &calledAt, &fromRecord); err != nil {
			return err
		}
		if calledAt != 0 {
			fromCall = fmt.Sprintf("%s, %s", cmp.Or(fromCall, "a caller"), time.Unix(calledAt, 0).UTC().Format("2 January 2006"))
		}
		switch {
		case current == StanceSponsor:
		case fromRecord != "":
			*notes = append(*notes, fmt.Sprintf("%s, the sponsor of %s in the campaign's file, stands at %q in the whip count by the "+
				"official record: %s; left as it is", r.names[id], b.number, current.Label(), fromRecord))
		case changes > 0 && fromCall == "":
			*notes = append(*notes, fmt.Sprintf("%s, the sponsor of %s, stands at %q in the whip count, as the lead set it; left as it is",
				r.names[id], b.number, current.Label()))
		case fromCall != "":
			*notes = append(*notes, fmt.Sprintf("%s, the sponsor of %s in the campaign's file, stands at %q in the whip count from a call report (%s); left as it is: "+
				"the campaign's file is no record of sponsorship (`import session` brings the official record)", r.names[id], b.number, current.Label(), fromCall))
		default:
			if _, err := insertStance(ctx, tx, server, &StanceChange{CampaignID: b.campaign, LegislatorID: id, Stance: StanceSponsor,
				ChangedAt: now, ChangedBy: campaignMarkBy, Reason: campaignMarkReason + b.number + campaignMarkFrom}, batch); err != nil {
				return err
			}
			*notes = append(*notes, fmt.Sprintf("%s marked as the sponsor of %s in the whip count", r.names[id], b.number))
		}
	}
	return nil
}

// reviveLegislator brings back, as new, a legislator an undo before version 0004
// left soft-deleted (out of every list, the trash included), which would otherwise
// refuse the import of the same file again with its Open States id. The lead's notes
// and edits on it stay. Its last argument is who the import writes as.
var reviveLegislator = `ON CONFLICT (openstates_id) DO UPDATE SET ` + reviveSets +
	`, row_version = legislators.row_version + 1, updated_by = ? WHERE legislators.deleted_at IS NOT NULL`

// reviveSets are reviveLegislator's columns taken from the file.
var reviveSets = func() string {
	var sets []string
	for _, col := range legislatorImportCols[1:] {
		sets = append(sets, col+` = excluded.`+col)
	}
	return strings.Join(sets, ", ")
}() + `, import_batch_id = excluded.import_batch_id, created_at = excluded.created_at,
	updated_at = excluded.updated_at, deleted_at = NULL`

// checkImportState gives the rows without a state opts.State, and refuses a file
// whose legislators' state is not known: stored without one, they would join every
// campaign's whip count, and retiring those a file no longer lists would reach
// another state's. Retiring needs opts.State, and touches only that state.
func checkImportState(rows []IncomingLegislator, opts *ImportOptions) error {
	opts.State = strings.ToUpper(strings.TrimSpace(opts.State))
	if opts.State != "" && !isStateCode(opts.State) {
		return &ValidationError{"state", fmt.Sprintf("%q is not a state's two-letter code (MA, NH, NY...).", opts.State)}
	}
	if opts.RetireMissing && opts.State == "" {
		return &ValidationError{"state", "Say which state's legislators the file lists, so only theirs go out of office."}
	}
	for i := range rows {
		in := &rows[i]
		in.State = strings.ToUpper(strings.TrimSpace(in.State))
		if in.State == "" {
			in.State = opts.State
		}
		if in.State == "" {
			return &ValidationError{"state", "Say which state these legislators sit for: the file does not."}
		}
	}
	return nil
}

// isStateCode reports whether s can be a state's two-letter code.
func isStateCode(s string) bool {
	return len(s) == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z'
}

// updateImported sets the columns whose new value is non-empty and differs from the
// old other than in letter case, recording the old values so the batch can be undone. It returns the columns set.
func updateImported(ctx context.Context, tx *sql.Tx, actor string, batch int64, table string, id int64, cols, old, new []string) ([]string, error) {
	// A case-only difference ("7TH HAMPDEN") is how someone typed it, not news;
	// an accent added ("Gomez" to "Gómez") is a correction and is taken.
	return updateImportedAs(ctx, tx, actor, batch, table, id, cols, old, new, strings.EqualFold)
}

// updateImportedAs is updateImported where same says which new values are the old
// ones: a volunteer import's new values are those it chose to write, a change of
// letter case among them (ImportOptions.TakeFileValues).
func updateImportedAs(ctx context.Context, tx *sql.Tx, actor string, batch int64, table string, id int64, cols, old, new []string,
	same func(a, b string) bool) ([]string, error) {
	var sets, changed []string
	var args []any
	before, after := map[string]string{}, map[string]string{}
	for i, col := range cols {
		if new[i] == "" || same(new[i], old[i]) {
			continue
		}
		sets = append(sets, col+" = ?")
		args = append(args, new[i])
		changed = append(changed, col)
		before[col], after[col] = old[i], new[i]
		old[i] = new[i]
	}
	if len(sets) == 0 {
		return nil, nil
	}
	if batch != 0 { // 0: the record is the import's own, and undo removes it whole
		if err := recordChange(ctx, tx, batch, table, id, before, after); err != nil {
			return nil, err
		}
	}
	// The import's own record (batch 0) keeps the version it was created at: a raised
	// one tells an undo it was edited since (see removeCreated).
	raise, by := "", []any(nil)
	if batch != 0 {
		raise, by = raiseVersion(table, actor)
	}
	args = append(append(append(args, nowUnix()), by...), id)
	_, err := tx.ExecContext(ctx, `UPDATE `+table+` SET `+strings.Join(sets, ", ")+`, updated_at = ?`+raise+` WHERE id = ?`, args...)
	return changed, err
}

// startBatch records the start of an import.
func startBatch(ctx context.Context, tx *sql.Tx, kind string, opts ImportOptions) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, `INSERT INTO import_batches (uuid, kind, format, source_name, started_at)
		VALUES (?, ?, ?, ?, ?) RETURNING id`, newUUID(), kind, opts.Format, opts.Source, nowUnix()).Scan(&id)
	return id, err
}

// finishBatch records an import's counts; a batch that changed nothing is dropped, so
// importing the same file again leaves no trace. A batch whose only change is to the
// whip count (a campaign's sponsor marked once the legislators are in, markSponsors)
// stays: its stance changes name it, and undo takes them back with it.
func finishBatch(ctx context.Context, tx *sql.Tx, batch int64, sum *ImportSummary) error {
	var stances bool
	if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM stance_history WHERE import_batch_id = ?)`,
		batch).Scan(&stances); err != nil {
		return err
	}
	if sum.Created+sum.Updated+sum.Retired == 0 && !stances {
		sum.BatchID = 0
		_, err := tx.ExecContext(ctx, `DELETE FROM import_batches WHERE id = ?`, batch)
		return err
	}
	_, err := tx.ExecContext(ctx, `UPDATE import_batches SET created = ?, updated = ?, skipped = ?, finished_at = ?
		WHERE id = ?`, sum.Created, sum.Updated+sum.Retired, sum.Unchanged, nowUnix(), batch)
	return err
}

// importTables are the tables whose rows an import creates (marked with
// import_batch_id) or updates (recorded in import_changes).
// A merge updates chapters (a profile saved later in the merged file).
var importTables = map[string]bool{"legislators": true, "volunteers": true, "call_reports": true, "chapters": true}

// ImportBatch is one import as the list of imports shows it.
type ImportBatch struct {
	ID        int64
	Kind      string
	Format    string
	Source    string
	Created   int
	Updated   int
	Unchanged int
	StartedAt time.Time
	UndoneAt  time.Time // zero while the import stands
}

// ImportBatches lists the imports, newest first.
func (s *Store) ImportBatches(ctx context.Context) ([]ImportBatch, error) {
	var out []ImportBatch
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		return eachRow(ctx, tx, func(r *sql.Rows) error {
			var b ImportBatch
			var started int64
			var undone sql.NullInt64
			if err := r.Scan(&b.ID, &b.Kind, &b.Format, &b.Source, &b.Created, &b.Updated, &b.Unchanged, &started, &undone); err != nil {
				return err
			}
			b.StartedAt, b.UndoneAt = fromUnix(started), fromUnix(undone.Int64)
			out = append(out, b)
			return nil
		}, `SELECT id, CASE format WHEN ? THEN 'session' WHEN '`+FixCallTimesFormat+`' THEN format ELSE kind END, format, source_name, created, updated, skipped,
			started_at, undone_at FROM import_batches ORDER BY id DESC`, SessionImportFormat)
	})
	if err != nil {
		return nil, fmt.Errorf("list imports: %w", err)
	}
	return out, nil
}
