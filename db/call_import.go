package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"
)

// IncomingCall is one row of a call report form export.
type IncomingCall struct {
	Line        int
	CallerName  string
	CallerEmail string
	CallerTown  string
	Legislator  string // as the volunteer typed it: "Rep. Jane Doe", "doe", "Senator Doe (2nd Essex)"
	CalledAt    time.Time
	Office      Office
	Outcome     Outcome
	StanceHeard Stance
	Notes       string
}

// CallImportOptions describes a call report import.
type CallImportOptions struct {
	ImportOptions
	CampaignID int64 // 0: the newest campaign
	// UpdateStances moves the whip count to what callers heard (newest report wins),
	// each change citing its report in the history; a call that heard nothing
	// ("Didn't say") leaves it.
	UpdateStances bool
}

// UnresolvedCall is a report whose legislator could not be told from the text.
type UnresolvedCall struct {
	Line       int
	Legislator string
	Reason     string
}

// CallImportSummary is what a call report import did, or would do in a dry run.
type CallImportSummary struct {
	ImportSummary
	NewCallers    int // callers not on the roster, added as volunteers (source: report form)
	StanceChanges int
	Unresolved    []UnresolvedCall // rows left out
	// TitleCorrected are reports filed by the legislator's full name although their
	// title named the other chamber, for the lead to look over (Reason says so).
	TitleCorrected []UnresolvedCall
}

// callNamespace makes the UUID of an imported report from its row, so importing the
// same export again finds the reports already there.
var callNamespace = uuid.MustParse("0b2c6a0e-4f53-4d4a-9e1d-63686170746b")

// ImportCalls brings the reports of an online call report form in, in one transaction
// recorded as an import batch. The caller is found on the roster by email, then by
// name, or added; the legislator is resolved from what the caller typed, and a row
// whose legislator cannot be resolved is left out and listed with its line.
func (s *Store) ImportCalls(ctx context.Context, rows []IncomingCall, opts CallImportOptions) (CallImportSummary, error) {
	var sum CallImportSummary
	err := s.load(ctx, LoadOptions{}, func(l *Loader) error {
		var err error
		if sum, err = importCalls(l, rows, opts); err == nil && opts.DryRun {
			return errDryRun
		}
		return err
	})
	if errors.Is(err, errDryRun) {
		err, sum.BatchID = nil, 0
	}
	if err != nil {
		return CallImportSummary{}, fmt.Errorf("import call reports: %w", mapErr(err))
	}
	return sum, nil
}

func importCalls(l *Loader, rows []IncomingCall, opts CallImportOptions) (CallImportSummary, error) {
	var sum CallImportSummary
	ctx, tx := l.ctx, l.tx
	campaign := opts.CampaignID
	if campaign == 0 {
		if err := tx.QueryRowContext(ctx, `SELECT id FROM campaigns WHERE deleted_at IS NULL ORDER BY id DESC LIMIT 1`).Scan(&campaign); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return sum, fmt.Errorf("%w: no campaign to file the calls under", ErrNotFound)
			}
			return sum, err
		}
	}
	resolver, err := newLegislatorResolver(ctx, tx, campaign)
	if err != nil {
		return sum, err
	}
	callers, err := newCallerIndex(ctx, tx)
	if err != nil {
		return sum, err
	}
	current := map[int64]Stance{}
	if err := eachRow(ctx, tx, func(r *sql.Rows) error {
		var id int64
		var st Stance
		err := r.Scan(&id, &st)
		current[id] = st
		return err
	}, `SELECT legislator_id, stance FROM stances WHERE campaign_id = ?`, campaign); err != nil {
		return sum, err
	}
	if sum.BatchID, err = startBatch(ctx, tx, "calls", opts.ImportOptions); err != nil {
		return sum, err
	}
	l.batch = sum.BatchID
	seen, err := tx.PrepareContext(ctx, `SELECT count(*) FROM call_reports WHERE uuid = ?`)
	if err != nil {
		return sum, err
	}
	defer seen.Close()
	stats, err := suspendStatsTrigger(ctx, tx)
	if err != nil {
		return sum, err
	}
	for i := range rows {
		in := &rows[i]
		leg, note, why := resolver.resolve(in.Legislator)
		if leg == 0 {
			sum.Unresolved = append(sum.Unresolved, UnresolvedCall{Line: in.Line, Legislator: in.Legislator, Reason: why})
			continue
		}
		key := strings.Join([]string{in.CalledAt.UTC().Format(time.RFC3339), strings.ToLower(in.CallerEmail),
			fold(in.CallerName), fold(in.Legislator), string(in.Outcome)}, "|")
		id := uuid.NewSHA1(callNamespace, []byte(key)).String()
		// A report imported before (or earlier in this file: the query sees the
		// transaction's own rows) is left as it is, and its caller is not looked
		// for: one no longer on the roster would be added again for nothing.
		var there int
		if err := seen.QueryRowContext(ctx, id).Scan(&there); err != nil {
			return sum, err
		}
		if there > 0 {
			sum.Unchanged++
			continue
		}
		caller, created, err := callers.find(l, in)
		if err != nil {
			return sum, fmt.Errorf("line %d: %w", in.Line, err)
		}
		if created {
			sum.NewCallers++
		}
		r := CallReport{UUID: id, CampaignID: campaign,
			VolunteerID: caller, LegislatorID: leg, CalledAt: in.CalledAt, Office: in.Office, Outcome: in.Outcome,
			StanceHeard: in.StanceHeard, Notes: in.Notes, Source: "report form", ChapterID: l.chapterID}
		if err := r.normalize(); err != nil {
			return sum, fmt.Errorf("line %d: %w", in.Line, err)
		}
		// The statement is prepared once (l.call) and has no ON CONFLICT clause and,
		// with the stats trigger suspended, no trigger: SQLite then needs no
		// statement journal for it (see suspendStatsTrigger).
		res, err := l.call.ExecContext(ctx, callArgs(&r, sum.BatchID, l.now)...)
		if err != nil {
			return sum, fmt.Errorf("line %d: %w", in.Line, err)
		}
		r.ID, _ = res.LastInsertId()
		stats.add(&r)
		sum.Created++
		change := in.CallerName + " called " + resolver.names[leg]
		if note != "" {
			change += " (" + note + ")"
			sum.TitleCorrected = append(sum.TitleCorrected, UnresolvedCall{Line: in.Line, Legislator: in.Legislator, Reason: note})
		}
		sum.list(ImportChange{Line: in.Line, Action: "create", Name: change})
		// "Didn't say" is no news: it leaves the whip count where it stands.
		if opts.UpdateStances && r.StanceHeard != "" && r.StanceHeard != StanceUnknown && r.StanceHeard != current[leg] {
			if err := l.AddStance(&StanceChange{CampaignID: campaign, LegislatorID: leg, Stance: r.StanceHeard,
				ChangedAt: r.CalledAt, ChangedBy: in.CallerName, Reason: "heard on a call (report form)", CallReportID: r.ID}); err != nil {
				return sum, err
			}
			current[leg] = r.StanceHeard
			sum.StanceChanges++
		}
	}
	if err := stats.resume(ctx, tx); err != nil {
		return sum, err
	}
	return sum, finishBatch(ctx, tx, sum.BatchID, &sum.ImportSummary)
}

// statsTrigger is the trigger that keeps call_stats as reports are added one by one.
const statsTrigger = "call_reports_stats_insert"

// suspendedStats stands in for the call_stats insert trigger during an import: the
// import tallies the reports it adds per campaign and legislator and writes the
// tallies once at the end, in the same transaction, before the trigger is put back.
type suspendedStats struct {
	restore string // the trigger's CREATE statement, as the schema has it
	tally   map[[2]int64]*callStat
}

// suspendStatsTrigger drops the call_stats insert trigger inside the import's
// transaction. Profiled on 100,000 reports, the trigger made every INSERT a
// two-statement program SQLite journals each row of (its statement journal), and it
// wrote call_stats a row at a time for a table of a few hundred rows. The trigger is
// read from the schema, so the migrations stay the one place it is written; an
// import that fails or is killed rolls back with its transaction, trigger and all,
// and other writers wait for the transaction, so none sees the table without it.
func suspendStatsTrigger(ctx context.Context, tx *sql.Tx) (*suspendedStats, error) {
	s := &suspendedStats{tally: map[[2]int64]*callStat{}}
	err := tx.QueryRowContext(ctx, `SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = ?`, statsTrigger).Scan(&s.restore)
	if err != nil {
		return nil, fmt.Errorf("read trigger %s: %w", statsTrigger, err)
	}
	if _, err := tx.ExecContext(ctx, `DROP TRIGGER `+statsTrigger); err != nil {
		return nil, err
	}
	return s, nil
}

// add counts a live report added while the trigger is suspended, as the trigger would.
func (s *suspendedStats) add(r *CallReport) {
	k := [2]int64{r.CampaignID, r.LegislatorID}
	st := s.tally[k]
	if st == nil {
		st = &callStat{}
		s.tally[k] = st
	}
	at := stamp(r.CalledAt)
	st.attempts++
	st.lastCalled = max(st.lastCalled, at)
	if r.Outcome.Reached() {
		st.reaches++
		st.lastReach = max(st.lastReach, at)
	}
}

// resume adds the tallies to call_stats and puts the trigger back.
func (s *suspendedStats) resume(ctx context.Context, tx *sql.Tx) error {
	if err := addCallStats(ctx, tx, s.tally); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, s.restore)
	return err
}

// callerIndex finds the volunteer who made a call, adding callers not yet on the roster.
type callerIndex struct {
	byEmail map[string]int64
	byName  map[string][]int64
	// joined holds the joined date of each caller this import added: the day of their
	// first call in the file, so the workbook counts them new in the period they
	// started calling (not when the form was imported, which may be weeks later).
	joined map[int64]string
}

func newCallerIndex(ctx context.Context, tx *sql.Tx) (*callerIndex, error) {
	c := &callerIndex{byEmail: map[string]int64{}, byName: map[string][]int64{}, joined: map[int64]string{}}
	err := eachRow(ctx, tx, func(r *sql.Rows) error {
		var id int64
		var email, name string
		if err := r.Scan(&id, &email, &name); err != nil {
			return err
		}
		if email != "" {
			c.byEmail[strings.ToLower(email)] = id
		}
		c.byName[name] = append(c.byName[name], id)
		return nil
	}, `SELECT id, email, name_key FROM volunteers WHERE deleted_at IS NULL`)
	return c, err
}

// find returns the caller's volunteer id: by email, else by a name only one volunteer
// has, else a new volunteer from the form (source "report form").
func (c *callerIndex) find(l *Loader, in *IncomingCall) (int64, bool, error) {
	day := in.CalledAt.Local().Format(time.DateOnly)
	if id := c.byEmail[strings.ToLower(in.CallerEmail)]; in.CallerEmail != "" && id != 0 {
		return id, false, c.calledOn(l, id, day)
	}
	name := fold(in.CallerName)
	if ids := c.byName[name]; len(ids) == 1 && in.CallerEmail == "" {
		return ids[0], false, c.calledOn(l, ids[0], day)
	}
	if name == "" && in.CallerEmail == "" {
		return 0, false, nil // an anonymous report
	}
	first, last := in.CallerName, ""
	if i := strings.LastIndexByte(strings.TrimSpace(in.CallerName), ' '); i > 0 {
		first, last = in.CallerName[:i], in.CallerName[i+1:]
	}
	v := NewVolunteer(first, last)
	if v.FirstName == "" && v.LastName == "" {
		v.FirstName = in.CallerEmail
	}
	v.Email, v.City, v.Source = in.CallerEmail, in.CallerTown, "report form"
	if !in.CalledAt.IsZero() {
		v.JoinedOn = day
	}
	if err := v.normalize(); err != nil {
		var ve *ValidationError
		if errors.As(err, &ve) && ve.Field == "email" {
			v.Email, v.OKEmail = "", false // keep the report; the bad address stays in the notes
			v.Notes = "email on the report form: " + in.CallerEmail
		} else {
			return 0, false, err
		}
	}
	if err := l.AddVolunteer(&v); err != nil {
		return 0, false, err
	}
	if v.Email != "" {
		c.byEmail[strings.ToLower(v.Email)] = v.ID
	}
	c.byName[name] = append(c.byName[name], v.ID)
	if v.JoinedOn != "" {
		c.joined[v.ID] = v.JoinedOn
	}
	return v.ID, true, nil
}

// calledOn moves the joined date of a caller this import added back to the day of
// an earlier call found further down the file (forms are not always in date order).
func (c *callerIndex) calledOn(l *Loader, id int64, day string) error {
	joined, added := c.joined[id]
	if !added || day >= joined {
		return nil
	}
	c.joined[id] = day
	_, err := l.tx.ExecContext(l.ctx, `UPDATE volunteers SET joined_on = ? WHERE id = ?`, day, id)
	return err
}
