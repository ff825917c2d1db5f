package db_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
	"github.com/google/uuid"
)

// cabrals sets up a store with two legislators whose names a caller may type alike:
// Rep. Tony Cabral (13th Bristol, with an Open States id) and Sen. Mark Cabral (typed
// in by hand, no Open States id). It returns their ids.
func cabrals(t *testing.T) (*db.Store, int64, int64) {
	t.Helper()
	s := dbtest.Open(t)
	dbtest.Campaign(t, s)
	tony, err := s.CreateLegislator(context.Background(), db.Legislator{OpenStatesID: "ocd-person/5e1f0c7a-cabr-al00-0000-000000000013",
		Chamber: db.ChamberLower, District: "13th Bristol", Name: "Tony Cabral", GivenName: "Antonio", FamilyName: "Cabral", InOffice: true})
	if err != nil {
		t.Fatal(err)
	}
	mark := dbtest.Legislator(t, s, db.ChamberUpper, "1st Bristol and Plymouth", "Mark Cabral")
	return s, tony, mark
}

// callsTo counts the reports filed to each legislator.
func callsTo(t *testing.T, s *db.Store) map[int64]int {
	t.Helper()
	r, err := dbtest.Raw(t, s.Path()).Query(`SELECT legislator_id, count(*) FROM call_reports GROUP BY legislator_id`)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	got := map[int64]int{}
	for r.Next() {
		var id int64
		var n int
		if err := r.Scan(&id, &n); err != nil {
			t.Fatal(err)
		}
		got[id] = n
	}
	return got
}

// cabralCalls are one caller's two calls at one time, one to each Cabral, the
// legislator typed as given.
func cabralCalls(tony, mark string) []db.IncomingCall {
	at := time.Date(2026, 11, 18, 18, 5, 7, 0, time.FixedZone("EST", -5*3600))
	return []db.IncomingCall{
		{Line: 2, CallerName: "Ann Lee", CallerEmail: "ann@example.org", Legislator: tony, CalledAt: at, Outcome: db.OutcomeSpokeStaff},
		{Line: 3, CallerName: "Ann Lee", CallerEmail: "ann@example.org", Legislator: mark, CalledAt: at, Outcome: db.OutcomeSpokeStaff},
	}
}

// A report's identity is the legislator the row was filed to, not the text the caller
// typed: the same calls exported again with the legislators spelled otherwise are
// found, not added a second time (the whip count and the workbook would count them
// twice); two legislators typed alike stay two reports.
func TestImportCallsLegislatorSpellingsAreOneReport(t *testing.T) {
	s, tony, mark := cabrals(t)
	importCallsAgain(t, s, "first export", 2, cabralCalls("Rep. Tony Cabral", "Sen. Cabral")...)
	for _, again := range [][2]string{
		{"Tony Cabral (13th Bristol)", "Senator Mark Cabral"},
		{"Representative Antonio Cabral", "Sen. Mark Cabral (1st Bristol and Plymouth)"},
		{"rep cabral", "sen cabral"},
	} {
		sum := importCallsAgain(t, s, again[0]+" / "+again[1], 0, cabralCalls(again[0], again[1])...)
		if len(sum.Unresolved) != 0 {
			t.Errorf("%s / %s: left out %+v", again[0], again[1], sum.Unresolved)
		}
	}
	if got := callsTo(t, s); got[tony] != 1 || got[mark] != 1 || len(got) != 2 {
		t.Errorf("reports per legislator %v, want one each for %d and %d", got, tony, mark)
	}
}

// legacyCallID is the UUID the imports before this change gave a report: the key
// named the legislator by the text typed, folded (see callImport.keys).
func legacyCallID(in db.IncomingCall, typedFolded string) string {
	key := in.CalledAt.UTC().Format(time.RFC3339) + "|" + in.CallerEmail + "|" + db.Fold(in.CallerName) + "|" + typedFolded +
		"|" + string(in.Outcome)
	return uuid.NewSHA1(uuid.MustParse("0b2c6a0e-4f53-4d4a-9e1d-63686170746b"), []byte(key)).String()
}

// Reports stored by the imports before, under the UUID the typed text gave, keep it,
// and are found again by an export that types the legislators alike (folded: "REP.
// TONY CABRAL" too). An export that spells them otherwise finds them by their time
// (TestImportCallsStoredUnderTypedLegislatorFoundSpelledOtherwise).
func TestImportCallsStoredUnderTypedLegislatorAreFound(t *testing.T) {
	ctx := context.Background()
	s, tony, mark := cabrals(t)
	rows := cabralCalls("Rep. Tony Cabral", "Sen. Cabral")
	old := []string{legacyCallID(rows[0], "rep. tony cabral"), legacyCallID(rows[1], "sen. cabral")}
	stored := append([]db.IncomingCall(nil), rows...)
	for i := range stored {
		stored[i].UUID = old[i] // as the import before stored them
	}
	if _, err := s.ImportCalls(ctx, stored, db.CallImportOptions{}); err != nil {
		t.Fatal(err)
	}
	importCallsAgain(t, s, "the same export", 0, rows...)
	importCallsAgain(t, s, "typed in capitals", 0, cabralCalls("REP. TONY  CABRAL", "SEN. CABRAL")...)
	if got := callsTo(t, s); got[tony] != 1 || got[mark] != 1 || len(got) != 2 {
		t.Errorf("reports per legislator %v, want one each for %d and %d", got, tony, mark)
	}
	ids := map[string]bool{}
	r, err := dbtest.Raw(t, s.Path()).Query(`SELECT uuid FROM call_reports`)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	for r.Next() {
		var id string
		if err := r.Scan(&id); err != nil {
			t.Fatal(err)
		}
		ids[id] = true
	}
	for _, id := range old {
		if !ids[id] {
			t.Errorf("report %s lost its UUID: the table has %v", id, ids)
		}
	}
}

// A legislator typed in by hand is named in the keys by their UUID; a legislators
// import that later finds them in the Open States roll gives them its id, which names
// them from then on: the reports filed to them before are found by the UUID still.
func TestImportCallsFindReportsOfALegislatorGivenAnOpenStatesID(t *testing.T) {
	ctx := context.Background()
	s, _, mark := cabrals(t)
	rows := cabralCalls("Rep. Tony Cabral", "Sen. Mark Cabral")
	importCallsAgain(t, s, "first export", 2, rows...)
	if _, err := s.ImportLegislators(ctx, []db.IncomingLegislator{{Line: 2, Legislator: db.Legislator{
		OpenStatesID: "ocd-person/9a3b2c1d-0000-4000-8000-00000000cab1", State: "MA", Chamber: db.ChamberUpper,
		District: "1st Bristol and Plymouth", Name: "Mark Cabral", InOffice: true}}}, db.ImportOptions{Format: "openstates"}); err != nil {
		t.Fatal(err)
	}
	var osID string
	if err := dbtest.Raw(t, s.Path()).QueryRow(`SELECT coalesce(openstates_id, '') FROM legislators WHERE id = ?`, mark).Scan(&osID); err != nil || osID == "" {
		t.Fatalf("the legislators import did not give Mark Cabral the Open States id (%q, %v)", osID, err)
	}
	importCallsAgain(t, s, "the export again", 0, cabralCalls("Tony Cabral", "Senator Cabral")...)
}

// A report stored under the UUID the typed text gave (the imports before the key named
// the legislator it was filed to) is found by a row of the same caller, time and
// resolved legislator however it types the legislator: "Rep. Tony Cabral" stored,
// "Tony Cabral (13th Bristol)" in the next export. It was added a second time, and
// the whip count and the workbook counted the call twice; a row written to the
// minute (a sheet re-saved in Excel) finds it too.
func TestImportCallsStoredUnderTypedLegislatorFoundSpelledOtherwise(t *testing.T) {
	ctx := context.Background()
	s, tony, mark := cabrals(t)
	rows := cabralCalls("Rep. Tony Cabral", "Sen. Cabral")
	stored := append([]db.IncomingCall(nil), rows...)
	stored[0].UUID, stored[1].UUID = legacyCallID(rows[0], "rep. tony cabral"), legacyCallID(rows[1], "sen. cabral")
	if _, err := s.ImportCalls(ctx, stored, db.CallImportOptions{}); err != nil {
		t.Fatal(err)
	}
	for _, again := range [][2]string{
		{"Tony Cabral (13th Bristol)", "Senator Mark Cabral"},
		{"rep cabral", "Sen. Mark Cabral (1st Bristol and Plymouth)"},
	} {
		sum := importCallsAgain(t, s, again[0]+" / "+again[1], 0, cabralCalls(again[0], again[1])...)
		if sum.Unchanged != 2 || len(sum.Similar) != 0 || len(sum.Unresolved) != 0 {
			t.Errorf("%s / %s: %d unchanged, similar %+v, left out %+v; want both unchanged", again[0], again[1],
				sum.Unchanged, sum.Similar, sum.Unresolved)
		}
	}
	// Nor is it taken for another call when the lead asks to add the rows the import
	// cannot tell from an edit: it was added a second time.
	if sum, err := s.ImportCalls(ctx, cabralCalls("Tony Cabral (13th Bristol)", "Senator Mark Cabral"),
		db.CallImportOptions{AddSimilar: true}); err != nil || sum.Created != 0 || sum.Unchanged != 2 {
		t.Errorf("with AddSimilar: %d created, %d unchanged (%v); want 0 and 2", sum.Created, sum.Unchanged, err)
	}
	minute := cabralCalls("Tony Cabral (13th Bristol)", "Senator Mark Cabral")
	for i := range minute {
		minute[i].CalledAt, minute[i].NoSeconds = minute[i].CalledAt.Truncate(time.Minute), true
	}
	if sum := importCallsAgain(t, s, "written to the minute", 0, minute...); sum.Unchanged != 2 {
		t.Errorf("written to the minute: %d unchanged, similar %+v; want both unchanged", sum.Unchanged, sum.Similar)
	}
	if got := callsTo(t, s); got[tony] != 1 || got[mark] != 1 || len(got) != 2 {
		t.Errorf("reports per legislator %v, want one each for %d and %d", got, tony, mark)
	}
}

// A legislator typed in by hand (no Open States id) has a UUID of each file's own, so
// the key names them by what two chapters' files both have: their state, chamber,
// district and name, folded. The same export imported into two chapters' files gave
// two UUIDs for each call to them, and the merge of the files held the call twice
// (the legislators themselves are one, matched by seat and name).
func TestImportCallsHandTypedLegislatorOneReportAcrossFiles(t *testing.T) {
	ctx := context.Background()
	chapter := func(t *testing.T) *db.Store {
		s := dbtest.OpenFile(t)
		dbtest.Campaign(t, s)
		if _, err := s.CreateLegislator(ctx, db.Legislator{OpenStatesID: "ocd-person/5e1f0c7a-cabr-al00-0000-000000000013",
			Chamber: db.ChamberLower, District: "13th Bristol", Name: "Tony Cabral", InOffice: true}); err != nil {
			t.Fatal(err)
		}
		dbtest.Legislator(t, s, db.ChamberUpper, "1st Bristol and Plymouth", "Mark Cabral")
		return s
	}
	a, b := chapter(t), chapter(t)
	importCallsAgain(t, a, "chapter a", 2, cabralCalls("Rep. Tony Cabral", "Sen. Mark Cabral")...)
	importCallsAgain(t, b, "chapter b", 2, cabralCalls("Tony Cabral (13th Bristol)", "Senator Cabral")...)
	bPath := b.Path()
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Merge(ctx, bPath); err != nil {
		t.Fatal(err)
	}
	var legislators, reports int
	raw := dbtest.Raw(t, a.Path())
	if err := raw.QueryRow(`SELECT count(*) FROM legislators`).Scan(&legislators); err != nil {
		t.Fatal(err)
	}
	if err := raw.QueryRow(`SELECT count(*) FROM call_reports`).Scan(&reports); err != nil {
		t.Fatal(err)
	}
	if legislators != 2 || reports != 2 {
		t.Errorf("after the merge %d legislators and %d reports, want 2 and 2: %v", legislators, reports, callsTo(t, a))
	}
	importCallsAgain(t, a, "the export again", 0, cabralCalls("Rep. Tony Cabral", "Sen. Mark Cabral")...)

	// A report stored under the legislator's UUID (the key of 8385ac0) keeps it, found again.
	c := chapter(t)
	var legislator string
	if err := dbtest.Raw(t, c.Path()).QueryRow(`SELECT uuid FROM legislators WHERE name = 'Mark Cabral'`).Scan(&legislator); err != nil {
		t.Fatal(err)
	}
	row := cabralCalls("", "Sen. Mark Cabral")[1]
	stored := row
	stored.UUID = legacyCallID(row, "@"+legislator)
	importCallsAgain(t, c, "stored under the UUID", 1, stored)
	importCallsAgain(t, c, "the row again", 0, row)
	if got := storedCalls(t, c); len(got) != 1 || !strings.HasPrefix(got[0], stored.UUID+" ") {
		t.Errorf("stored %q, want the one report %s", got, stored.UUID)
	}
}
