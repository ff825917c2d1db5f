package importer_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
	"github.com/chapterdesk/chapterdesk/importer"
	"github.com/chapterdesk/chapterdesk/importer/format"
)

func generateCalls(t testing.TB, n int) string {
	t.Helper()
	tool := "../../shared/tools/gen_calls.py"
	if _, err := os.Stat(tool); err != nil {
		t.Skip("shared generator not here")
	}
	out := filepath.Join(t.TempDir(), "calls.csv")
	if msg, err := exec.Command("python3", tool, strconv.Itoa(n), out).CombinedOutput(); err != nil {
		t.Skipf("generator: %v %s", err, msg)
	}
	return out
}

func TestImportCallReportForm(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	dbtest.Campaign(t, s)
	if _, err := s.ImportLegislators(ctx, readLegislators(t, "ma.csv").Rows, db.ImportOptions{State: "MA"}); err != nil {
		t.Fatal(err)
	}
	file := generateCalls(t, 2000)
	f, _ := os.Open(file)
	in, err := importer.ReadCalls(f, "")
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	if in.Format.ID != "callform" || len(in.Problems) != 0 || len(in.Rows)+in.NotCalls != 2000 {
		t.Fatalf("format %q, %d rows + %d not calls, problems %v", in.Format.ID, len(in.Rows), in.NotCalls, in.Problems)
	}
	sum, err := s.ImportCalls(ctx, in.Rows, db.CallImportOptions{UpdateStances: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d rows: %d imported, %d new callers, %d unresolved, %d stance changes",
		len(in.Rows), sum.Created, sum.NewCallers, len(sum.Unresolved), sum.StanceChanges)
	for i, u := range sum.Unresolved {
		if i < 8 {
			t.Logf("  unresolved line %d %q: %s", u.Line, u.Legislator, u.Reason)
		}
	}
	if sum.Created+len(sum.Unresolved) != len(in.Rows) || sum.Created < len(in.Rows)*9/10 {
		t.Errorf("%d imported and %d unresolved of %d", sum.Created, len(sum.Unresolved), len(in.Rows))
	}
	if sum.NewCallers < 50 || sum.StanceChanges == 0 {
		t.Errorf("%d new callers, %d stance changes", sum.NewCallers, sum.StanceChanges)
	}
	t.Run("importing the same export again changes nothing", func(t *testing.T) {
		again, err := s.ImportCalls(ctx, in.Rows, db.CallImportOptions{UpdateStances: true})
		if err != nil || again.Created != 0 || again.NewCallers != 0 || again.StanceChanges != 0 || again.BatchID != 0 {
			t.Errorf("%+v %v", again.ImportSummary, err)
		}
	})
	t.Run("callers typed in another letter case are one volunteer", func(t *testing.T) {
		rows, _ := s.SearchVolunteers(ctx, "olivia.harris@", 5)
		if len(rows) > 1 {
			t.Errorf("%d volunteers for one caller", len(rows))
		}
	})
}

func TestResolveLegislators(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	dbtest.Campaign(t, s)
	if _, err := s.ImportLegislators(ctx, readLegislators(t, "ma.csv").Rows, db.ImportOptions{State: "MA"}); err != nil {
		t.Fatal(err)
	}
	for text, want := range map[string]string{
		"Sen. John Keenan":                   "Sen. John Keenan",
		"Representative Hunt (13th Suffolk)": "Rep. Dan Hunt",
		"rep. meschino":                      "Rep. Joan Meschino",
		"Senator Cyr":                        "Sen. Julian Cyr",
	} {
		sum, err := s.ImportCalls(ctx, []db.IncomingCall{{Line: 2, CallerName: "Ana Souza", Legislator: text,
			Outcome: db.OutcomeSpokeStaff}}, db.CallImportOptions{})
		if err != nil || sum.Created != 1 {
			t.Errorf("%q: %+v %v", text, sum, err)
			continue
		}
		rows, _ := s.ListCallReports(ctx, db.CallFilter{}, 0, 1)
		if rows[0].Legislator != want {
			t.Errorf("%q resolved to %q, want %q", text, rows[0].Legislator, want)
		}
	}
	sum, _ := s.ImportCalls(ctx, []db.IncomingCall{{Line: 7, CallerName: "Ana Souza", Legislator: "Rep. Nobody Atall",
		Outcome: db.OutcomeBusy}}, db.CallImportOptions{})
	if len(sum.Unresolved) != 1 || sum.Unresolved[0].Line != 7 || !strings.Contains(sum.Unresolved[0].Reason, "no legislator") {
		t.Errorf("unresolved %+v", sum.Unresolved)
	}
}

// TestDistrictWordOrderCounts: Massachusetts has three pairs of Senate districts of
// the same two counties in either order (Middlesex and Worcester, Sen. Eldridge;
// Worcester and Middlesex, Sen. Cronin). The district's words were compared sorted:
// a senator's name with the other senator's district was filed to the one named,
// without a word (tester t5). Beside a name the order counts; a district alone is
// still read in any order (a caller who gave no name may not have kept it), so it
// names either senator. A district written in an order no district has fits, with a
// note; one that leaves out a number fits every district it may be.
func TestDistrictWordOrderCounts(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	dbtest.Campaign(t, s)
	if _, err := s.ImportLegislators(ctx, readLegislators(t, "ma.csv").Rows, db.ImportOptions{State: "MA"}); err != nil {
		t.Fatal(err)
	}
	for i, c := range []struct{ typed, want, note, why string }{
		{typed: "Sen. Eldridge (Worcester and Middlesex)", why: "not in district"},
		{typed: "Sen. Spilka (Norfolk and Middlesex)", why: "not in district"},
		{typed: "Sen. Brownsberger (Middlesex and Suffolk)", why: "not in district"},
		{typed: "Senator (Worcester and Middlesex)", why: "2 legislators could be meant"},
		{typed: "Sen. Cronin (Worcester and Middlesex)", want: "Sen. John Cronin"},
		{typed: "Sen. Cronin (Middlesex and Worcester)", why: "which is Sen. Jamie Eldridge's"},
		{typed: "Sen. Eldridge (Middlesex & Worcester)", want: "Sen. Jamie Eldridge"},
		{typed: "Representative Hunt (Suffolk 13th)", want: "Rep. Dan Hunt"},
		// No district is written "Plymouth and Norfolk": the Norfolk and Plymouth one,
		// and the First and Second Plymouth and Norfolk, each fit it.
		{typed: "Senator (Plymouth and Norfolk)", why: "3 legislators could be meant"},
		{typed: "Sen. Keenan (Plymouth and Norfolk)", want: "Sen. John Keenan", note: `the form's district "Plymouth and Norfolk" is not written as theirs`},
		{typed: "Sen. O'Connor (Plymouth and Norfolk)", want: "Sen. Patrick O'Connor", note: "is not written as theirs"},
		{typed: "Sen. Eldridge (Worcester & Middlesex 2nd)", why: "not in district"},
	} {
		line := 2 + i
		sum, err := s.ImportCalls(ctx, []db.IncomingCall{{Line: line, CallerName: "Ana Souza", Legislator: c.typed,
			CalledAt: time.Date(2026, 10, 1+i, 15, 0, 0, 0, time.UTC), Outcome: db.OutcomeSpokeStaff}}, db.CallImportOptions{})
		if err != nil {
			t.Fatalf("%q: %v", c.typed, err)
		}
		if c.why != "" {
			if sum.Created != 0 || len(sum.Unresolved) != 1 || !strings.Contains(sum.Unresolved[0].Reason, c.why) {
				t.Errorf("%q: %d filed, unresolved %+v; want refused: %s", c.typed, sum.Created, sum.Unresolved, c.why)
			}
			continue
		}
		rows, _ := s.ListCallReports(ctx, db.CallFilter{}, 0, 1)
		if sum.Created != 1 || len(rows) == 0 || rows[0].Legislator != c.want {
			t.Errorf("%q: %d filed (unresolved %+v), to %v; want %s", c.typed, sum.Created, sum.Unresolved, rows, c.want)
			continue
		}
		notes := fmt.Sprint(sum.TitleCorrected)
		if c.note == "" && strings.Contains(notes, "not written as theirs") || c.note != "" && !strings.Contains(notes, c.note) {
			t.Errorf("%q: corrections %s; want a note %q", c.typed, notes, c.note)
		}
	}
}

// TestExportDistrictColumnIsRead: ChapterDesk's own call export has the legislator's
// district in a column of its own. Not read, a row edited to another legislator's
// name ("Sen. Keenan" beside the 18th Suffolk) was filed to the name without a word,
// and one whose name alone fits several ("Rep. Moran") was refused asking for the
// district it held (tester t5). A form's "District" column, which may be the
// caller's own, is not read so.
func TestExportDistrictColumnIsRead(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	dbtest.Campaign(t, s)
	if _, err := s.ImportLegislators(ctx, readLegislators(t, "ma.csv").Rows, db.ImportOptions{State: "MA"}); err != nil {
		t.Fatal(err)
	}
	export := "uuid,called_at,campaign,chapter,volunteer,legislator,chamber,district,office,outcome,reached,stance_heard,gave_name_zip,follow_up,follow_up_done,notes,source,volunteer_email,volunteer_uuid,time_may_be_off\n" +
		",2026-11-20T10:05:00-05:00,Safe Communities Act,My chapter,Ana Tester,Sen. Keenan,House,18th Suffolk,Capitol,Spoke with staff,yes,No,no,no,no,x1,report form,ana@example.org,,no\n" +
		",2026-11-20T10:10:00-05:00,Safe Communities Act,My chapter,Ana Tester,Rep. Moran,House,18th Suffolk,Capitol,Spoke with staff,yes,No,no,no,no,x2,report form,ana@example.org,,no\n" +
		",2026-11-20T10:15:00-05:00,Safe Communities Act,My chapter,Ana Tester,Sen. John Keenan,Senate,Norfolk and Plymouth,Capitol,Spoke with staff,yes,No,no,no,no,x3,report form,ana@example.org,,no\n"
	form := "Timestamp,Your name,Your email,District,Legislator called,What happened?\n" +
		"11/21/2026 10:20:00,Bo Lee,bo@example.org,18th Suffolk,Sen. Keenan,Talked to staff\n"
	var filed []string
	var refused []db.UnresolvedCall
	for _, text := range []string{export, form} {
		in, err := importer.ReadCalls(strings.NewReader(text), "")
		if err != nil || len(in.Problems) != 0 {
			t.Fatalf("%v %v", err, in.Problems)
		}
		sum, err := s.ImportCalls(ctx, in.Rows, db.CallImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		refused = append(refused, sum.Unresolved...)
	}
	rows, _ := s.ListCallReports(ctx, db.CallFilter{}, 0, 10)
	for _, r := range rows {
		filed = append(filed, r.Notes+" "+r.Legislator)
	}
	slices.Sort(filed)
	if want := []string{" Sen. John Keenan", "x2 Rep. Mike Moran", "x3 Sen. John Keenan"}; !slices.Equal(filed, want) {
		t.Errorf("filed %q, want %q", filed, want)
	}
	if len(refused) != 1 || refused[0].Line != 2 || !strings.Contains(refused[0].Reason, `the row's district column says "18th Suffolk"`) {
		t.Errorf("refused %+v, want line 2 of the export, naming its district", refused)
	}
}

func TestAmbiguousLegislatorIsListed(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	dbtest.Campaign(t, s)
	if _, err := s.ImportLegislators(ctx, readLegislators(t, "ma.csv").Rows, db.ImportOptions{State: "MA"}); err != nil {
		t.Fatal(err)
	}
	sum, err := s.ImportCalls(ctx, []db.IncomingCall{{Line: 3, CallerName: "Ana Souza", Legislator: "Rep. Moran",
		Outcome: db.OutcomeBusy}}, db.CallImportOptions{})
	if err != nil || sum.Created != 0 || len(sum.Unresolved) != 1 || !strings.Contains(sum.Unresolved[0].Reason, "could be meant") {
		t.Errorf("%+v %v", sum, err)
	}
}

// A form's time is an instant when it has a zone or offset, and the chapter's own
// wall clock when it has none, however it is written: "2025-02-03T11:00:00" was read as
// UTC (the "T") and "2025-02-03 12:00:00 -05:00" as a wall-clock reading (no "T", "Z"
// or "+"), each five hours off on a computer in Massachusetts. A time without a zone
// comes as written, for the store to read in the legislature's zone (db.Store.Zone):
// the computer's zone (here UTC) plays no part.
func TestCallTimesWithAndWithoutZone(t *testing.T) {
	defer func(l *time.Location) { time.Local = l }(time.Local)
	time.Local = time.UTC
	est := time.FixedZone("EST", -5*3600)
	form := "Timestamp,Your name,Your email,Your town,Legislator called,Which office,What happened?,What did they say about the bill?,Notes\n" +
		"2/3/2025 10:00:00,Ann One,ann@example.org,Boston,Rep. Ann Doe,State House,Left a voicemail,,us\n" +
		"2025-02-03T11:00:00,Ann One,ann@example.org,Boston,Rep. Ann Doe,State House,Left a voicemail,,iso-t\n" +
		"2025-02-03 12:00:00 -05:00,Ann One,ann@example.org,Boston,Rep. Ann Doe,State House,Left a voicemail,,iso-space-offset\n" +
		"2025-02-03T13:00:00-05:00,Ann One,ann@example.org,Boston,Rep. Ann Doe,State House,Left a voicemail,,iso-t-offset\n" +
		"2025-02-03T19:00:00Z,Ann One,ann@example.org,Boston,Rep. Ann Doe,State House,Left a voicemail,,iso-z\n" +
		"2025-02-03 15:00,Ann One,ann@example.org,Boston,Rep. Ann Doe,State House,Left a voicemail,,iso-space\n" +
		"\"Feb 3, 2025 4:00 PM\",Ann One,ann@example.org,Boston,Rep. Ann Doe,State House,Left a voicemail,,words\n" +
		"\"Mon, February 3rd, 2025 5:00 PM\",Ann One,ann@example.org,Boston,Rep. Ann Doe,State House,Left a voicemail,,weekday\n"
	in, err := importer.ReadCalls(strings.NewReader(form), "")
	if err != nil || len(in.Problems) != 0 {
		t.Fatalf("%v %v", err, in.Problems)
	}
	want := map[string]int{"us": 10, "iso-t": 11, "iso-space-offset": 12, "iso-t-offset": 13, "iso-z": 14, "iso-space": 15, "words": 16, "weekday": 17}
	if len(in.Rows) != len(want) {
		t.Fatalf("%d rows", len(in.Rows))
	}
	wall := map[string]bool{"us": true, "iso-t": true, "iso-space": true, "words": true, "weekday": true}
	for _, r := range in.Rows {
		got := r.CalledAt.In(est)
		if r.WallClock {
			got = r.WrittenAt
		}
		if got.Hour() != want[r.Notes] || got.Day() != 3 || r.WallClock != wall[r.Notes] {
			t.Errorf("%s: %s on the chapter's clock (without a zone: %v), want %d:00", r.Notes, got.Format(time.DateTime), r.WallClock, want[r.Notes])
		}
	}
}

// TestCallTimeDayFirstExplained: a call time written day first ("13/02/2025 10:00")
// is refused with why, as the volunteer import says it of a date; it was refused only
// as "is not a date and time". A time no order reads keeps the plain reason.
func TestCallTimeDayFirstExplained(t *testing.T) {
	form := "Timestamp,Your name,Your email,Your town,Legislator called,Which office,What happened?,What did they say about the bill?,Notes\n" +
		"13/02/2025 10:00,Ann One,ann@example.org,Boston,Rep. Ann Doe,State House,Left a voicemail,,a\n" +
		"13/13/2025 10:00,Ann One,ann@example.org,Boston,Rep. Ann Doe,State House,Left a voicemail,,b\n"
	in, err := importer.ReadCalls(strings.NewReader(form), "")
	if err != nil || len(in.Problems) != 2 {
		t.Fatalf("%v %v", err, in.Problems)
	}
	for i, want := range []string{`"13/02/2025 10:00": ` + format.DayFirstReason, `"13/13/2025 10:00" is not a date and time`} {
		if got := in.Problems[i].Reason; got != want {
			t.Errorf("line %d: %q; want %q", in.Problems[i].Line, got, want)
		}
	}
}

// A form that writes some of its times day first ("13/02/2025", left out) may write
// them all so: the times read month first that could be read day first ("03/02/2025"
// as March 2) are counted, so the import can say they may be on the wrong day; a time
// whose order cannot matter ("3/3/2025", "2025-03-02") is not.
func TestCallTimesEitherWayAreCounted(t *testing.T) {
	form := "Timestamp,Your name,Your email,Your town,Legislator called,Which office,What happened?,What did they say about the bill?,Notes\n" +
		"3/3/2025 10:00,Ann One,ann@example.org,Boston,Rep. Ann Doe,State House,Left a voicemail,,a\n" +
		"2025-03-02 10:00,Ann One,ann@example.org,Boston,Rep. Ann Doe,State House,Left a voicemail,,b\n" +
		"03/02/2025 10:00,Ann One,ann@example.org,Boston,Rep. Ann Doe,State House,Left a voicemail,,c\n" +
		"13/02/2025 10:00,Ann One,ann@example.org,Boston,Rep. Ann Doe,State House,Left a voicemail,,d\n" +
		"4/5/2025 10:00,Ann One,ann@example.org,Boston,Rep. Ann Doe,State House,Left a voicemail,,e\n"
	in, err := importer.ReadCalls(strings.NewReader(form), "")
	if err != nil || len(in.Problems) != 1 {
		t.Fatalf("%v %v", err, in.Problems)
	}
	if in.DayFirst != 1 || in.EitherWay != 2 {
		t.Errorf("day first %d, either way %d; want 1 and 2", in.DayFirst, in.EitherWay)
	}
	if w := in.FirstEitherWay; w.Line != 4 || w.Value != "03/02/2025 10:00" || w.Read.Month() != time.March || w.Read.Day() != 2 {
		t.Errorf("first either way: %+v", w)
	}
}

// A form's times without a zone are read on the legislature's clock (the campaign is
// Massachusetts'), not the computer's; the same file imported again on a computer in another zone (a lead in Chicago, a laptop set to
// UTC) finds the reports it gave, and a report stored before by an import in the
// zone it is imported in again keeps its UUID (the one given below was made by the
// import before the key left the zone out).
func TestImportWallClockCallsAgainInAnotherZone(t *testing.T) {
	defer func(l *time.Location) { time.Local = l }(time.Local)
	zone := func(name string) *time.Location {
		l, err := time.LoadLocation(name)
		if err != nil {
			t.Skip(err)
		}
		return l
	}
	form := "Timestamp,Your name,Your email,Your town,Legislator called,Which office,What happened?,What did they say about the bill?,Notes\n" +
		"2025-02-03 11:00,Ann One,ann@example.org,Boston,Rep. Ann Doe,State House,Left a voicemail,,\n" +
		"2/3/2025 12:30:00,Bo Two,,Boston,Rep. Ann Doe,State House,Spoke with staff,,\n" +
		"2025-02-03T13:00:00-05:00,Cy Three,cy@example.org,Boston,Rep. Ann Doe,State House,Busy,,\n"
	importIn := func(s *db.Store, loc, what string, want int) {
		t.Helper()
		time.Local = zone(loc)
		in, err := importer.ReadCalls(strings.NewReader(form), "")
		if err != nil || len(in.Problems) != 0 {
			t.Fatalf("%v %v", err, in.Problems)
		}
		sum, err := s.ImportCalls(context.Background(), in.Rows, db.CallImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if sum.Created != want {
			t.Errorf("%s in %s: %d reports created, %d unchanged, want %d created", what, loc, sum.Created, sum.Unchanged, want)
		}
	}
	setup := func() *db.Store {
		s := dbtest.Open(t)
		dbtest.Campaign(t, s)
		dbtest.Legislator(t, s, db.ChamberLower, "1st Suffolk", "Ann Doe")
		return s
	}
	s := setup()
	importIn(s, "America/New_York", "first", 3)
	importIn(s, "America/Chicago", "again", 0)
	importIn(s, "UTC", "again", 0)

	// The reports as the import before stored them in New York, each under its UUID.
	s = setup()
	time.Local = zone("America/New_York")
	in, err := importer.ReadCalls(strings.NewReader(form), "")
	if err != nil {
		t.Fatal(err)
	}
	for i, id := range []string{"be3904b9-2fa3-5c45-b269-76165fe8f47c", "c481c6a1-f5fb-5e3e-98a8-c4b280b89a86",
		"47c89c93-cd9b-53f7-9587-f0d0fac6fc19"} {
		in.Rows[i].UUID = id
	}
	if _, err := s.ImportCalls(context.Background(), in.Rows, db.CallImportOptions{}); err != nil {
		t.Fatal(err)
	}
	importIn(s, "America/New_York", "stored by the import before, again", 0)
}

// TestCallDatesOutsideAreProblems: a call dated in the future, or with a typo'd
// century ("3/16/1924", which made the workbook span 102 years), is a bad row of its
// own, with its line and why: set aside with --skip-bad-rows, every one listed
// without. The future one stopped the whole import at its line, even when skipping,
// and the 1924 one was stored.
func TestCallDatesOutsideAreProblems(t *testing.T) {
	form := "Timestamp,Your name,Your email,Your town,Legislator called,Which office,What happened?,What did they say about the bill?,Notes\n" +
		"3/14/2024 12:15 PM,Ann Lee,ann@example.org,Boston,Rep. Dan Hunt,State House (Boston),Talked to staff,Supports,d10\n" +
		"3/15/2030 10:00,Ann Lee,ann@example.org,Boston,Rep. Dan Hunt,State House (Boston),Talked to staff,Supports,d12 future\n" +
		"3/16/1924 10:00,Ann Lee,ann@example.org,Boston,Rep. Dan Hunt,State House (Boston),Talked to staff,Supports,d13 typo century\n" +
		"3/17/2099 10:00,Ann Lee,ann@example.org,Boston,Rep. Dan Hunt,State House (Boston),Talked to staff,Supports,d16 future\n"
	in, err := importer.ReadCalls(strings.NewReader(form), "")
	if err != nil {
		t.Fatal(err)
	}
	if len(in.Rows) != 1 || len(in.Problems) != 3 {
		t.Fatalf("%d rows, problems %v", len(in.Rows), in.Problems)
	}
	for i, want := range []string{`"3/15/2030 10:00": the call date is in the future`,
		`"3/16/1924 10:00": the call date is before 2000`, `"3/17/2099 10:00": the call date is in the future`} {
		if p := in.Problems[i]; p.Line != i+3 || !strings.HasPrefix(p.Reason, want) {
			t.Errorf("problem %d: line %d %q; want line %d %q", i, p.Line, p.Reason, i+3, want)
		}
	}
}

// TestAmbiguousStanceSaysWhy: an answer that reads as more than one stance is
// refused with why, not as an answer not known.
func TestAmbiguousStanceSaysWhy(t *testing.T) {
	form := "Timestamp,Your name,Your email,Your town,Legislator called,Which office,What happened?,What did they say about the bill?,Notes\n" +
		"7/22/2025 10:21,Bo Chen,bo@example.org,Boston,Rep. Dan Hunt,State House (Boston),Talked to the legislator,Maybe,t21\n"
	in, err := importer.ReadCalls(strings.NewReader(form), "")
	if err != nil || len(in.Problems) != 1 {
		t.Fatalf("%v %v", err, in.Problems)
	}
	if got := in.Problems[0].Reason; !strings.Contains(got, "could be undecided or leaning either way") {
		t.Errorf("reason %q", got)
	}
	// the tester's phrases (s35): "talvez" is "maybe"; "no position" reads as
	// "neutral" does, and both say why; "não sabe" (they do not know) may be the
	// legislator's or the caller's not knowing
	for _, c := range []struct{ said, why string }{
		{"Talvez", `"Talvez" could be undecided or leaning either way: write the stance meant`},
		{"NAO SABE", `"NAO SABE" could be undecided (the legislator does not know yet) or didn't say (the caller does not know): write the stance meant`},
		{"No position", `"No position" could be undecided (no position taken) or didn't say (no position heard): write the stance meant`},
		{"Neutral", `"Neutral" could be undecided (no position taken) or didn't say (no position heard): write the stance meant`},
	} {
		t.Run("says why "+c.said+" is refused", func(t *testing.T) {
			in, err := importer.ReadCalls(strings.NewReader(strings.Replace(form, ",Maybe,", ","+c.said+",", 1)), "")
			if err != nil || len(in.Problems) != 1 {
				t.Fatalf("%v %v", err, in.Problems)
			}
			if got := in.Problems[0].Reason; got != c.why {
				t.Errorf("reason %q\nwant   %q", got, c.why)
			}
		})
	}
}

// TestCallsSayWhatWasReadAsAnotherAnswer: a stance heard written "N/A", "-" or "none"
// is read as an empty cell is (nothing heard), and an office "Both" as Other (a
// report is one call): neither silently, the file counts them with the first, for
// the summary (s35: the tester saw them stored without a word).
func TestCallsSayWhatWasReadAsAnotherAnswer(t *testing.T) {
	form := "Timestamp,Your name,Your email,Your town,Legislator called,Which office,What happened?,What did they say about the bill?,Notes\n" +
		"7/22/2025 10:21,Bo Chen,bo@example.org,Boston,Rep. Dan Hunt,State House (Boston),Talked to the legislator,Supports it,\n" +
		"7/22/2025 10:22,Bo Chen,bo@example.org,Boston,Rep. Dan Hunt,Both,Talked to staff,N/A,\n" +
		"7/22/2025 10:23,Bo Chen,bo@example.org,Boston,Rep. Dan Hunt,District office,Left a voicemail,,\n" +
		"7/22/2025 10:24,Bo Chen,bo@example.org,Boston,Rep. Dan Hunt,Not sure,No one answered,-,\n" +
		"7/22/2025 10:25,Bo Chen,bo@example.org,Boston,Rep. Dan Hunt,State House and district office,Talked to staff,none,\n"
	in, err := importer.ReadCalls(strings.NewReader(form), "")
	if err != nil || len(in.Problems) != 0 || len(in.Rows) != 5 {
		t.Fatalf("%v %v %d rows", err, in.Problems, len(in.Rows))
	}
	if got, want := in.BlankStances, (importer.ReadAs{Count: 3, Line: 3, Value: "N/A"}); got != want {
		t.Errorf("stances read as blank: %+v, want %+v", got, want)
	}
	if got, want := in.BothOffices, (importer.ReadAs{Count: 2, Line: 3, Value: "Both"}); got != want {
		t.Errorf("offices read as Other: %+v, want %+v", got, want)
	}
	for i, want := range []db.Office{db.OfficeCapitol, db.OfficeOther, db.OfficeDistrict, db.OfficeOther, db.OfficeOther} {
		if r := in.Rows[i]; r.Office != want || (i > 0 && r.StanceHeard != "") {
			t.Errorf("row %d: office %q stance %q", i, r.Office, r.StanceHeard)
		}
	}
}

// An office left blank on a form that asks "Which office" was filed as the State
// House, as if the caller had said so (tester, s40): it is Other, not said. A form
// without the question is read as calls to the State House.
func TestCallsBlankOfficeIsNotSaid(t *testing.T) {
	asked := "Timestamp,Your name,Your email,Your town,Legislator called,Which office,What happened?,What did they say about the bill?,Notes\n" +
		"7/22/2025 10:21,Bo Chen,bo@example.org,Boston,Rep. Dan Hunt,,Talked to staff,Supports it,\n"
	notAsked := "Timestamp,Your name,Your email,Your town,Legislator called,What happened?,What did they say about the bill?,Notes\n" +
		"7/22/2025 10:21,Bo Chen,bo@example.org,Boston,Rep. Dan Hunt,Talked to staff,Supports it,\n"
	for form, want := range map[string]db.Office{asked: db.OfficeOther, notAsked: db.OfficeCapitol} {
		in, err := importer.ReadCalls(strings.NewReader(form), "")
		if err != nil || len(in.Problems) != 0 || len(in.Rows) != 1 {
			t.Fatalf("%v %v %d rows", err, in.Problems, len(in.Rows))
		}
		if got := in.Rows[0].Office; got != want {
			t.Errorf("office %q, want %q, from the form:\n%s", got, want, form)
		}
	}
}

// A lead who maps only the columns ChapterDesk could not read (--map) lost the
// caller, email and notes the file's other columns held, without a word (tester,
// s40): the columns --map does not name are read by their names, except one the lead
// named for another field; those still not read are listed.
func TestCallsMapReadsTheRestByName(t *testing.T) {
	form := "Marca temporal,Nombre,Correo electrónico,Ciudad,Legislador,Oficina,¿Qué pasó?,¿Qué dijeron sobre el proyecto?,Comentarios\n" +
		"20/11/2026 10:00:00,José Núñez,jose.nunez@example.org,Boston,Rep. Judith García,Oficina del distrito,Hablé con el personal,A favor,es2\n"
	choice := map[format.Field]string{format.CalledAt: "Marca temporal", format.Legislator: "Legislador",
		format.Outcome: "¿Qué pasó?", format.StanceHeard: "¿Qué dijeron sobre el proyecto?", format.CallNotes: "Nombre"}
	in, err := importer.ReadCallsWith(strings.NewReader(form), importer.Options{Columns: choice, GuessRest: true, DayFirst: true})
	if err != nil || len(in.Problems) != 0 || len(in.Rows) != 1 {
		t.Fatalf("%v %v %d rows", err, in.Problems, len(in.Rows))
	}
	r := in.Rows[0]
	if r.CallerEmail != "jose.nunez@example.org" || r.CallerTown != "Boston" || r.Notes != "José Núñez" {
		t.Errorf("read: caller %q email %q town %q notes %q; want the email and town by their names, and the notes from Nombre as mapped",
			r.CallerName, r.CallerEmail, r.CallerTown, r.Notes)
	}
	if r.CallerName != "" {
		t.Errorf("Nombre, mapped to the notes, was read as the caller's name too: %q", r.CallerName)
	}
	// "Oficina" is the office question of the form in Spanish, read by its name
	// (s41); "Comentarios", the notes' name, is not read, Nombre being mapped there.
	if r.Office != db.OfficeDistrict || slices.Contains(in.NotRead, "Oficina") || !slices.Contains(in.NotRead, "Comentarios") {
		t.Errorf("office %q, not read: %q; want the district office read from Oficina, and Comentarios said not read", r.Office, in.NotRead)
	}
}
