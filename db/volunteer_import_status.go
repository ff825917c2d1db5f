package db

import (
	"cmp"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// What a volunteer import does besides filling fields: a status and a recruiter the
// file gives, and the deceased it names.

// deceased makes the roster entry k (nil: none) inactive, as the row has the person
// deceased; one already inactive is left as it is. The row adds no one.
func deceased(l *Loader, fetchStatus *sql.Stmt, k *knownVolunteer, in *IncomingVolunteer, sum *VolunteerImportSummary) error {
	if k == nil {
		return nil
	}
	if err := l.written(k.id); err != nil {
		return err
	}
	var status string
	if err := fetchStatus.QueryRowContext(l.ctx, k.id).Scan(&status); err != nil {
		return fmt.Errorf("line %d: %w", in.Line, err)
	}
	batch := l.batch
	if k.thisFile {
		batch = 0 // undo removes the whole record
	}
	changed, err := updateImported(l.ctx, l.tx, l.actor, batch, "volunteers", k.id, []string{"status"}, []string{status},
		[]string{string(StatusInactive)})
	if err != nil || len(changed) == 0 {
		return err
	}
	sum.Updated++
	sum.list(ImportChange{Line: in.Line, Action: "update", Name: in.Name(), Fields: changed})
	sum.MadeInactive = append(sum.MadeInactive, MadeInactive{Line: in.Line, Name: in.Name(), VolunteerID: k.id})
	k.status = statusCode(StatusInactive)
	return nil
}

// narrowConsent takes from a row left out otherwise (IncomingVolunteer.ConsentOnly)
// what it closes of the consent of the roster entry k it is (nil: no one, and
// nothing is done), recorded for undo as any import's change is.
func narrowConsent(l *Loader, k *knownVolunteer, in *IncomingVolunteer, sum *VolunteerImportSummary) error {
	if k == nil {
		return nil
	}
	after := k.consent.after(in, k.email)
	if after == k.consent {
		return nil
	}
	if err := l.written(k.id); err != nil {
		return err
	}
	batch := l.batch
	if k.thisFile {
		batch = 0 // undo removes the whole record
	}
	changed, err := updateImported(l.ctx, l.tx, l.actor, batch, "volunteers", k.id, consentCols, k.consent.columns(), after.columns())
	if err != nil {
		return fmt.Errorf("line %d: %w", in.Line, err)
	}
	k.consent = after
	sum.Updated++
	sum.list(ImportChange{Line: in.Line, Action: "update", Name: in.Name(), Fields: changed})
	return nil
}

// carryNoCall takes the "do not call" (or "do not contact") of the row, added as a
// new volunteer beside k, a person on its phone whose name is alike (alikeOnPhone),
// for k too: k may be the row's person under another name, and either way calling
// k rings the number the file says not to call. Refusing the row instead would
// leave the "do not call" on no one's record; consent only narrows (consent.after),
// so a wrong guess costs a call not made, never one made. It reports whether k's
// calls were closed (the import lists the row, saying so).
func carryNoCall(l *Loader, k *knownVolunteer, in *IncomingVolunteer, sum *VolunteerImportSummary) (bool, error) {
	if in.OKCall && !in.DoNotContact || k.consent&mayCall == 0 {
		return false, nil
	}
	if err := l.written(k.id); err != nil {
		return false, err
	}
	var first, last string
	if err := l.tx.QueryRowContext(l.ctx, `SELECT first_name, last_name FROM volunteers WHERE id = ?`, k.id).Scan(&first, &last); err != nil {
		return false, err
	}
	batch := l.batch
	if k.thisFile {
		batch = 0 // undo removes the whole record
	}
	after := k.consent &^ mayCall
	changed, err := updateImported(l.ctx, l.tx, l.actor, batch, "volunteers", k.id, consentCols, k.consent.columns(), after.columns())
	if err != nil {
		return false, err
	}
	k.consent = after
	sum.Updated++
	sum.list(ImportChange{Line: in.Line, Action: "update", Name: strings.TrimSpace(first + " " + last), Fields: changed})
	return true, nil
}

// compareStatus lists the status the row gives the roster entry k as a conflict
// when it differs from the roster's, which keeps its own. The entry holds the
// status, read with the roster: a query a row (and, for a volunteer this file
// created, writing out the rows held back first) cost a round trip a matched row.
func compareStatus(l *Loader, fetchStatus *sql.Stmt, k *knownVolunteer, in *IncomingVolunteer, sum *VolunteerImportSummary) error {
	var stored VolunteerStatus
	if k.status != 0 {
		stored = VolunteerStatuses[k.status-1]
	} else {
		if err := l.written(k.id); err != nil {
			return err
		}
		if err := fetchStatus.QueryRowContext(l.ctx, k.id).Scan(&stored); err != nil {
			return fmt.Errorf("line %d: %w", in.Line, err)
		}
	}
	if stored != in.Status {
		sum.Conflicts = append(sum.Conflicts, VolunteerConflict{Line: in.Line, Name: in.Name(), Field: "status",
			Stored: stored.Label(), InFile: in.Status.Label(), Kept: keptStatus})
	}
	return nil
}

// keptConsent is why a consent the file opens is not taken (VolunteerConflict.Kept).
const keptConsent = "consent is opened only in the app (Volunteers → May we), never from a file"

// compareConsent lists each way to contact a person that a row of the app's own
// export opens where the roster has it closed: consent only narrows (consent.after),
// but a lead who ticked "yes" in the spreadsheet is told it was not taken. Only that
// export writes every consent column; another system's defaults would list every row.
// It reads k's consent as held in memory: no query.
func compareConsent(k *knownVolunteer, in *IncomingVolunteer, sum *VolunteerImportSummary) {
	if !in.keys.byUUID {
		return
	}
	file := consentOf(in.OKCall, in.OKEmail, in.OKText, in.DoNotContact).columns()
	for i, stored := range k.consent.columns() {
		opens := file[i] == "1" && stored == "0"
		if consentCols[i] == "do_not_contact" {
			opens = file[i] == "0" && stored == "1"
		}
		if opens {
			sum.Conflicts = append(sum.Conflicts, VolunteerConflict{Line: in.Line, Name: in.Name(), Field: consentCols[i],
				Stored: yesNo(stored), InFile: yesNo(file[i]), Kept: keptConsent})
		}
	}
}

// yesNo is a consent column's value as the export writes it.
func yesNo(b string) string {
	if b == "1" {
		return "yes"
	}
	return "no"
}

// recruitedBy is a row that names its recruiter, and the volunteer it is.
type recruitedBy struct {
	line      int
	name      string
	id        int64
	thisFile  bool // the volunteer was created by this import
	unchanged bool // the row was counted unchanged, or as differing (differ)
	differ    bool
	recruiter string
	// recruiterUUID, when the row gives it, says who the recruiter is; the name
	// is only shown.
	recruiterUUID string
}

// setRecruiters sets the recruiters the rows name, once all rows are in (a
// recruiter may come later in the file). A recruiter's UUID names them: the row of
// the file with that UUID, or the live volunteer with it. Without one, a name must
// be the name of exactly one live volunteer to be taken. A volunteer without a
// recruiter gets it; one with another keeps theirs, listed as a conflict; a UUID
// no one has, or a name that is nobody's or several people's, is listed in
// RecruitersNotSet (a name several people share is not listed when the volunteer's
// recruiter is one of them: the file says nothing else).
func setRecruiters(l *Loader, recruited []recruitedBy, uuids *rowUUIDs, sum *VolunteerImportSummary) error {
	if len(recruited) == 0 {
		return nil
	}
	if err := l.flushRoster(); err != nil {
		return err
	}
	named := map[string][]int64{} // a recruiter's folded name: the volunteers with it
	for _, r := range recruited {
		if r.recruiterUUID == "" {
			named[fold(r.recruiter)] = nil
		}
	}
	err := eachRow(l.ctx, l.tx, func(r *sql.Rows) error {
		var id int64
		var key string
		if err := r.Scan(&id, &key); err != nil {
			return err
		}
		if ids, ok := named[key]; ok {
			named[key] = append(ids, id)
		}
		return nil
	}, `SELECT id, name_key FROM volunteers WHERE deleted_at IS NULL AND chapter_id = ?`, l.chapterID) // a recruiter is of the same chapter
	if err != nil {
		return err
	}
	for _, r := range recruited {
		notSet := func(why string) {
			sum.RecruitersNotSet = append(sum.RecruitersNotSet, RecruiterNotSet{Line: r.line, Name: r.name, Recruiter: r.recruiter, Why: why})
		}
		if r.recruiterUUID != "" {
			id, err := uuids.volunteer(l, r.recruiterUUID)
			switch {
			case err != nil:
				return fmt.Errorf("line %d: %w", r.line, err)
			case id == 0 && garbledRecruiter(sum.Garbled, r) != "":
				notSet(garbledRecruiter(sum.Garbled, r))
			case id == 0:
				notSet(fmt.Sprintf("no volunteer of the file or on the roster has the recruiter's UUID (%s)", r.recruiterUUID))
			case id == r.id:
				notSet("that is the volunteer themselves")
			default:
				if err := setRecruiter(l, r, id, sum); err != nil {
					return fmt.Errorf("line %d: %w", r.line, err)
				}
			}
			continue
		}
		ids := named[fold(r.recruiter)]
		switch {
		case len(ids) == 0:
			why := garbledRecruiter(sum.Garbled, r)
			if was, ok := DoubleEncoded(r.recruiter); ok && why == "" {
				why = fmt.Sprintf("the name is damaged by an encoding: \"%s\" is \"%s\" (UTF-8 read as Windows-1252), and no one has it", r.recruiter, was)
			}
			notSet(cmp.Or(why, "no one on the roster has that name"))
			continue
		case len(ids) > 1:
			var current sql.NullInt64
			if err := l.tx.QueryRowContext(l.ctx, `SELECT recruiter_id FROM volunteers WHERE id = ?`, r.id).Scan(&current); err != nil {
				return fmt.Errorf("line %d: %w", r.line, err)
			}
			if slices.Contains(ids, current.Int64) {
				continue // recruited by one of them already: nothing to set, nothing to ask
			}
			which := make([]string, 0, min(len(ids), 5))
			for _, id := range ids[:cap(which)] {
				which = append(which, strconv.FormatInt(id, 10))
			}
			if len(ids) > len(which) {
				which = append(which, "…")
			}
			notSet(fmt.Sprintf("%d volunteers on the roster have that name (%s): which one is for you to say", len(ids), strings.Join(which, ", ")))
			continue
		case ids[0] == r.id:
			notSet("that is the volunteer themselves")
			continue
		}
		if err := setRecruiter(l, r, ids[0], sum); err != nil {
			return fmt.Errorf("line %d: %w", r.line, err)
		}
	}
	return nil
}

// garbledRecruiter says why r's recruiter, named by UUID or by name, is not set when
// their row was left out as its text is damaged by an encoding (garbled); "" when
// no such row is the recruiter. Not "no one has that name": the file has them.
func garbledRecruiter(garbled []GarbledRow, r recruitedBy) string {
	for _, g := range garbled {
		if r.recruiterUUID != "" && g.UUID == r.recruiterUUID || r.recruiterUUID == "" && fold(g.Name) == fold(r.recruiter) {
			what := fmt.Sprintf("\"%s\" is \"%s\"", g.Value, g.ReadsAs)
			if g.ReadsAs == "" {
				what = fmt.Sprintf("\"%s\" has letters turned into \"?\"", g.Value)
			}
			return fmt.Sprintf("the recruiter's row (line %d) was left out, its text damaged by an encoding (%s): "+
				"set once that row is imported", g.Line, what)
		}
	}
	return ""
}

// setRecruiter makes recruiter the recruiter of r's volunteer, who has none; one who
// has another keeps theirs, listed as a conflict.
func setRecruiter(l *Loader, r recruitedBy, recruiter int64, sum *VolunteerImportSummary) error {
	var current sql.NullInt64
	if err := l.tx.QueryRowContext(l.ctx, `SELECT recruiter_id FROM volunteers WHERE id = ?`, r.id).Scan(&current); err != nil {
		return err
	}
	switch {
	case current.Int64 == recruiter:
		return nil
	case current.Valid:
		var first, last string
		if err := l.tx.QueryRowContext(l.ctx, `SELECT first_name, last_name FROM volunteers WHERE id = ?`, current.Int64).Scan(&first, &last); err != nil {
			return err
		}
		sum.Conflicts = append(sum.Conflicts, VolunteerConflict{Line: r.line, Name: r.name, Field: "recruiter",
			Stored: strings.TrimSpace(first + " " + last), InFile: r.recruiter})
		return nil
	}
	batch := l.batch
	if r.thisFile {
		batch = 0 // undo removes the whole record
	}
	if _, err := updateImported(l.ctx, l.tx, l.actor, batch, "volunteers", r.id, []string{"recruiter_id"}, []string{""},
		[]string{strconv.FormatInt(recruiter, 10)}); err != nil {
		return err
	}
	if r.unchanged {
		if r.differ {
			sum.Differ--
		} else {
			sum.Unchanged--
		}
		sum.Updated++
		sum.list(ImportChange{Line: r.line, Action: "update", Name: r.name, Fields: []string{"recruiter_id"}})
	}
	return nil
}
