package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
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
	resolver, err := newLegislatorResolver(ctx, tx)
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
	for i := range rows {
		in := &rows[i]
		leg, why := resolver.resolve(in.Legislator)
		if leg == 0 {
			sum.Unresolved = append(sum.Unresolved, UnresolvedCall{Line: in.Line, Legislator: in.Legislator, Reason: why})
			continue
		}
		key := strings.Join([]string{in.CalledAt.UTC().Format(time.RFC3339), strings.ToLower(in.CallerEmail),
			fold(in.CallerName), fold(in.Legislator), string(in.Outcome)}, "|")
		id := uuid.NewSHA1(callNamespace, []byte(key)).String()
		// A report imported before is left as it is, and its caller is not looked
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
		res, err := tx.ExecContext(ctx, `INSERT INTO call_reports (`+callCols+`) VALUES (`+placeholders(17)+`)
			ON CONFLICT (uuid) DO NOTHING`, callArgs(&r, sum.BatchID, nowUnix())...)
		if err != nil {
			return sum, fmt.Errorf("line %d: %w", in.Line, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			sum.Unchanged++ // imported before
			continue
		}
		r.ID, _ = res.LastInsertId()
		sum.Created++
		sum.list(ImportChange{Line: in.Line, Action: "create", Name: in.CallerName + " called " + resolver.names[leg]})
		// "Didn't say" is no news: it leaves the whip count where it stands.
		if opts.UpdateStances && r.StanceHeard != "" && r.StanceHeard != StanceUnknown && r.StanceHeard != current[leg] {
			if _, err := insertStance(ctx, tx, &StanceChange{CampaignID: campaign, LegislatorID: leg, Stance: r.StanceHeard,
				ChangedAt: r.CalledAt, ChangedBy: in.CallerName, Reason: "heard on a call (report form)", CallReportID: r.ID}, sum.BatchID); err != nil {
				return sum, err
			}
			current[leg] = r.StanceHeard
			sum.StanceChanges++
		}
	}
	return sum, finishBatch(ctx, tx, sum.BatchID, &sum.ImportSummary)
}

// legislatorResolver tells which legislator a caller meant.
type legislatorResolver struct {
	all   []resolvable
	names map[int64]string // id -> "Rep. Jane Doe"
}

type resolvable struct {
	id       int64
	chamber  Chamber
	district string // folded
	full     string // folded
	family   string // folded last word of the name
}

func newLegislatorResolver(ctx context.Context, tx *sql.Tx) (*legislatorResolver, error) {
	r := &legislatorResolver{names: map[int64]string{}}
	err := eachRow(ctx, tx, func(rows *sql.Rows) error {
		var x resolvable
		var name, district, family string
		if err := rows.Scan(&x.id, &x.chamber, &district, &name, &family); err != nil {
			return err
		}
		x.district, x.full = fold(district), fold(name)
		if family == "" {
			family = name[strings.LastIndexByte(name, ' ')+1:]
		}
		x.family = fold(family)
		r.all = append(r.all, x)
		r.names[x.id] = Legislator{Chamber: x.chamber, Name: name}.Title()
		return nil
	}, `SELECT l.id, l.chamber, l.district,
		coalesce((SELECT value FROM legislator_edits e WHERE e.legislator_id = l.id AND e.field = 'name'), l.name),
		l.family_name FROM legislators l WHERE l.deleted_at IS NULL AND l.in_office = 1`)
	return r, err
}

var (
	titleRe    = regexp.MustCompile(`(?i)^\s*(state\s+)?(rep\.?|representative|sen\.?|senator)\s+`)
	districtRe = regexp.MustCompile(`\(([^)]*)\)`)
)

// resolve reads "Rep. Jane Doe", "Senator Doe (2nd Essex)", "doe" or "Jane Doe" and
// returns the legislator's id, or 0 and why not.
func (r *legislatorResolver) resolve(text string) (int64, string) {
	var chamber Chamber
	t := text
	if m := titleRe.FindStringSubmatch(t); m != nil {
		if strings.HasPrefix(strings.ToLower(m[2]), "s") {
			chamber = ChamberUpper
		} else {
			chamber = ChamberLower
		}
		t = t[len(m[0]):]
	}
	district := ""
	if m := districtRe.FindStringSubmatch(t); m != nil {
		district = fold(m[1])
		t = districtRe.ReplaceAllString(t, "")
	}
	name := fold(t)
	if name == "" && district == "" {
		return 0, "no legislator named"
	}
	fits := func(x resolvable) bool {
		return (chamber == "" || x.chamber == chamber) && (district == "" || x.district == district)
	}
	family := name[strings.LastIndexByte(name, ' ')+1:]
	// Tried in order: the full name, the family name, the family name with one letter
	// wrong ("Philips" for Phillips), the district alone. A rule that fits several
	// legislators is not an answer.
	for _, same := range []func(x resolvable) bool{
		func(x resolvable) bool { return name != "" && x.full == name },
		func(x resolvable) bool { return family != "" && x.family == family },
		func(x resolvable) bool { return len(family) >= 5 && oneEditApart(x.family, family) },
		func(x resolvable) bool { return name == "" },
	} {
		var found []int64
		for _, x := range r.all {
			if fits(x) && same(x) {
				found = append(found, x.id)
			}
		}
		switch len(found) {
		case 1:
			return found[0], ""
		case 0:
			continue
		default:
			return 0, fmt.Sprintf("%d legislators could be meant; give a first name or the district", len(found))
		}
	}
	return 0, "no legislator in office by that name"
}

// oneEditApart reports whether a and b differ by one inserted, deleted or changed
// letter.
func oneEditApart(a, b string) bool {
	ra, rb := []rune(a), []rune(b)
	if len(ra) < len(rb) {
		ra, rb = rb, ra
	}
	if len(ra)-len(rb) > 1 || a == b {
		return false
	}
	i := 0
	for i < len(rb) && ra[i] == rb[i] {
		i++
	}
	if len(ra) == len(rb) {
		return string(ra[i+1:]) == string(rb[i+1:])
	}
	return string(ra[i+1:]) == string(rb[i:])
}

// callerIndex finds the volunteer who made a call, adding callers not yet on the roster.
type callerIndex struct {
	byEmail map[string]int64
	byName  map[string][]int64
}

func newCallerIndex(ctx context.Context, tx *sql.Tx) (*callerIndex, error) {
	c := &callerIndex{byEmail: map[string]int64{}, byName: map[string][]int64{}}
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
	if id := c.byEmail[strings.ToLower(in.CallerEmail)]; in.CallerEmail != "" && id != 0 {
		return id, false, nil
	}
	name := fold(in.CallerName)
	if ids := c.byName[name]; len(ids) == 1 && in.CallerEmail == "" {
		return ids[0], false, nil
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
	return v.ID, true, nil
}
