package db_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// seatedMA is four Massachusetts members with accented names, one without, and Rep.
// Mike Moran of 18th Suffolk, as Open States gives them (ids, given and family names).
func seatedMA() []db.IncomingLegislator {
	row := func(line int, osid string, ch db.Chamber, district, given, family string) db.IncomingLegislator {
		return db.IncomingLegislator{Line: line, Legislator: db.Legislator{OpenStatesID: "ocd-person/" + osid, State: "MA",
			Chamber: ch, District: district, Name: given + " " + family, GivenName: given, FamilyName: family,
			Party: "Democratic", CapitolPhone: "617-722-2000", InOffice: true}}
	}
	return []db.IncomingLegislator{
		row(2, "adam", db.ChamberUpper, "Hampden", "Adam", "Gómez"),
		row(3, "carlos", db.ChamberLower, "10th Hampden", "Carlos", "González"),
		row(4, "judith", db.ChamberLower, "11th Suffolk", "Judith", "García"),
		row(5, "sam", db.ChamberLower, "15th Suffolk", "Sam", "Montaño"),
		row(6, "homar", db.ChamberLower, "2nd Hampshire", "Homar", "Gomez"),
		row(7, "mike", db.ChamberLower, "18th Suffolk", "Mike", "Moran"),
	}
}

// damaged is seatedMA with each name and family name as the file damaged it, the
// given names too, and every phone changed (news the import should take).
func damaged(names map[string]string) []db.IncomingLegislator {
	rows := seatedMA()
	for i := range rows {
		l := &rows[i].Legislator
		for good, bad := range names {
			l.Name = strings.ReplaceAll(l.Name, good, bad)
			l.GivenName = strings.ReplaceAll(l.GivenName, good, bad)
			l.FamilyName = strings.ReplaceAll(l.FamilyName, good, bad)
		}
		l.CapitolPhone = "617-722-2999"
	}
	return rows
}

func legislatorNames(t *testing.T, s *db.Store) map[string]db.Legislator {
	t.Helper()
	all, err := s.Legislators(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	by := map[string]db.Legislator{}
	for _, l := range all {
		by[l.OpenStatesID] = l
	}
	return by
}

// TestImportLegislatorsLettersLostRefused (tester t5, defect 2): ma.csv saved as ASCII
// ("Judith Garc?a"), or as Mac Roman and read as Windows-1252 ("Adam G—mez"), or with
// "�" for the letters, imported again replaced the four accented names with the
// damaged ones and said "4 updated"; calls to "Gómez" then went to Homar Gomez alone.
// Such a file, none of whose accented text is right, is refused whole, naming its
// first rows and the way out, as the mojibake file is; every name stays.
func TestImportLegislatorsLettersLostRefused(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	opts := db.ImportOptions{State: "MA", Source: "ma.csv"}
	if _, err := s.ImportLegislators(ctx, seatedMA(), opts); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		how   string
		names map[string]string
		says  []string
	}{
		{"saved as ASCII", map[string]string{"ó": "?", "á": "?", "í": "?", "ñ": "?"},
			[]string{`line 2: "Adam G?mez" for Sen. Adam Gómez`, `("ó" became "?")`, `line 3: "Carlos Gonz?lez"`}},
		{"Mac Roman read as Windows-1252", map[string]string{"ó": "—", "á": "‡", "í": "’", "ñ": "–"},
			[]string{`line 2: "Adam G—mez" for Sen. Adam Gómez`, "Mac Roman"}},
		{"letters read as U+FFFD", map[string]string{"ó": "\uFFFD", "á": "\uFFFD", "í": "\uFFFD", "ñ": "\uFFFD"},
			[]string{`line 2: "Adam G` + "\uFFFD" + `mez"`}},
	} {
		t.Run(c.how, func(t *testing.T) {
			sum, err := s.ImportLegislators(ctx, damaged(c.names), opts)
			if err == nil {
				t.Fatalf("imported: %+v %v; want the file refused", sum, sum.Notes)
			}
			for _, want := range append(c.says, "nothing was imported", "UTF-8", "4 rows") {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("the refusal does not say %q:\n%v", want, err)
				}
			}
			by := legislatorNames(t, s)
			for _, l := range seatedMA() {
				got := by[l.OpenStatesID]
				if got.Name != l.Name || got.FamilyName != l.FamilyName || got.CapitolPhone != "617-722-2000" {
					t.Errorf("%s is now %q (%q, %s); want it as it was", l.Name, got.Name, got.FamilyName, got.CapitolPhone)
				}
			}
		})
	}
}

// TestImportLegislatorsDamagedNameLeftOut: in a file whose other accented text is right,
// a name that lost its letters, one read as Mac Roman, or one that only drops the
// accents of the stored name ("Gomez" for "Gómez": calls to "Gomez" alone would then
// fit two members) is not taken and is listed with the reason; the rest of the row is.
func TestImportLegislatorsDamagedNameLeftOut(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	opts := db.ImportOptions{State: "MA", Source: "ma.csv"}
	if _, err := s.ImportLegislators(ctx, seatedMA(), opts); err != nil {
		t.Fatal(err)
	}
	rows := damaged(map[string]string{"Gómez": "Gomez", "González": "Gonz?lez", "García": "Garc’a"})
	sum, err := s.ImportLegislators(ctx, rows, opts)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Updated != 6 {
		t.Errorf("%d updated; want the 6 phones", sum.Updated)
	}
	notes := strings.Join(sum.Notes, "\n")
	for _, want := range []string{
		`line 2: "Adam Gomez" not taken for Sen. Adam Gómez`, "without its accents",
		`line 3: "Carlos Gonz?lez" not taken for Rep. Carlos González: "á" became "?"`,
		`line 4: "Judith Garc’a" not taken for Rep. Judith García`, "Mac Roman",
	} {
		if !strings.Contains(notes, want) {
			t.Errorf("the notes do not say %q:\n%s", want, notes)
		}
	}
	if strings.Contains(notes, "Montaño") {
		t.Errorf("the notes name Sam Montaño, whose name is right:\n%s", notes)
	}
	by := legislatorNames(t, s)
	for _, l := range seatedMA() {
		if got := by[l.OpenStatesID]; got.Name != l.Name || got.FamilyName != l.FamilyName || got.CapitolPhone != "617-722-2999" {
			t.Errorf("%s is now %q (%q, %s); want the name kept and the phone taken", l.Name, got.Name, got.FamilyName, got.CapitolPhone)
		}
	}
}

// TestImportLegislatorsNewDamagedName: a legislator new here whose name has a "?" for
// a letter is not added so named: with the file's other accented text right, the row
// is named and the import refused.
func TestImportLegislatorsNewDamagedName(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	rows := append(seatedMA(), db.IncomingLegislator{Line: 8, Legislator: db.Legislator{OpenStatesID: "ocd-person/ana", State: "MA",
		Chamber: db.ChamberLower, District: "1st Essex", Name: "Ana Mu?oz", GivenName: "Ana", FamilyName: "Mu?oz", InOffice: true}})
	_, err := s.ImportLegislators(ctx, rows, db.ImportOptions{State: "MA"})
	if err == nil || !errors.Is(err, db.ErrBadRows) || !strings.Contains(err.Error(), `line 8: "Ana Mu?oz"`) ||
		!strings.Contains(err.Error(), "nothing was imported") {
		t.Errorf("%v; want the import refused naming line 8", err)
	}
	if n := len(legislatorNames(t, s)); n != 0 {
		t.Errorf("%d legislators written", n)
	}
}

// TestImportLegislatorsRenamesListed: a re-import said "1 updated" for a member it
// renamed; the old and new name are listed now.
func TestImportLegislatorsRenamesListed(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	opts := db.ImportOptions{State: "MA"}
	if _, err := s.ImportLegislators(ctx, seatedMA(), opts); err != nil {
		t.Fatal(err)
	}
	rows := seatedMA()
	rows[5].Name, rows[5].GivenName = "Michael Moran", "Michael"
	rows[4].FamilyName = "Gómez" // a correction: an accent added is taken
	sum, err := s.ImportLegislators(ctx, rows, opts)
	if err != nil || sum.Updated != 2 {
		t.Fatalf("%+v, %v; want 2 updated", sum, err)
	}
	notes := strings.Join(sum.Notes, "\n")
	for _, want := range []string{`line 7: Rep. Mike Moran renamed Rep. Michael Moran (18th Suffolk)`,
		`line 6: Rep. Homar Gomez (2nd Hampshire): family name "Gomez" → "Gómez"`} {
		if !strings.Contains(notes, want) {
			t.Errorf("the notes do not say %q:\n%s", want, notes)
		}
	}
}

// TestImportLegislatorsMovesListed (tester t11, D5): a re-import that moved a member
// to another district said only "1 updated", and the seat the member moved to then
// had two members in office without a word (calls by district went to either). A
// move is listed with both districts, and a seat it shares with another member in
// office says so.
func TestImportLegislatorsMovesListed(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	opts := db.ImportOptions{State: "MA"}
	if _, err := s.ImportLegislators(ctx, seatedMA(), opts); err != nil {
		t.Fatal(err)
	}
	rows := seatedMA()
	rows[3].District = "11th Suffolk" // Sam Montaño into Judith García's seat
	rows[1].District = "12th Hampden" // Carlos González into a seat of no one's
	sum, err := s.ImportLegislators(ctx, rows, opts)
	if err != nil || sum.Updated != 2 {
		t.Fatalf("%+v, %v; want 2 updated", sum, err)
	}
	notes := strings.Join(sum.Notes, "\n")
	for _, want := range []string{
		`line 5: Rep. Sam Montaño moved from 15th Suffolk to 11th Suffolk, where Rep. Judith García (in office) sits too`,
		`line 3: Rep. Carlos González moved from 10th Hampden to 12th Hampden`} {
		if !strings.Contains(notes, want) {
			t.Errorf("the notes do not say %q:\n%s", want, notes)
		}
	}
	if strings.Contains(notes, "12th Hampden, where") {
		t.Errorf("a seat of no one's is said shared:\n%s", notes)
	}
}

// TestImportLegislatorsWithoutIDsNameVariant: a file without ids (ma_noid.csv) whose
// "Michael Moran" is Rep. Mike Moran of 18th Suffolk added a second member there, and
// its "Adam Gomez" and "Judith Garcia" took the accents off the stored names. The row
// updates the member now, listed as renamed, and the accents stay.
func TestImportLegislatorsWithoutIDsNameVariant(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	opts := db.ImportOptions{State: "MA"}
	if _, err := s.ImportLegislators(ctx, seatedMA(), opts); err != nil {
		t.Fatal(err)
	}
	rows := damaged(map[string]string{"Gómez": "Gomez", "García": "Garcia", "Mike": "Michael"})
	for i := range rows {
		rows[i].OpenStatesID = ""
	}
	sum, err := s.ImportLegislators(ctx, rows, opts)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Created != 0 || sum.Updated != 6 {
		t.Errorf("%d created, %d updated; want the 6 members updated, none added", sum.Created, sum.Updated)
	}
	notes := strings.Join(sum.Notes, "\n")
	for _, want := range []string{`line 7: Rep. Mike Moran renamed Rep. Michael Moran (18th Suffolk)`,
		`line 2: "Adam Gomez" not taken for Sen. Adam Gómez`, `line 4: "Judith Garcia" not taken for Rep. Judith García`} {
		if !strings.Contains(notes, want) {
			t.Errorf("the notes do not say %q:\n%s", want, notes)
		}
	}
	by := legislatorNames(t, s)
	if len(by) != 6 || by["ocd-person/mike"].Name != "Michael Moran" || by["ocd-person/adam"].Name != "Adam Gómez" ||
		by["ocd-person/judith"].Name != "Judith García" {
		t.Errorf("legislators %v; want the six, Michael Moran renamed, the accents kept", by)
	}

	t.Run("two members of the seat the name may be: refused", func(t *testing.T) {
		s := dbtest.Open(t)
		seated := seatedMA()
		mick := seated[5]
		mick.OpenStatesID, mick.Line, mick.Name, mick.GivenName = "ocd-person/mick", 8, "Mick Moran", "Mick"
		if _, err := s.ImportLegislators(ctx, append(seated, mick), opts); err != nil {
			t.Fatal(err)
		}
		row := seatedMA()[5]
		row.OpenStatesID, row.Name, row.GivenName = "", "Michael Moran", "Michael"
		_, err := s.ImportLegislators(ctx, []db.IncomingLegislator{row}, opts)
		if err == nil || !strings.Contains(err.Error(), "line 7") || !strings.Contains(err.Error(), "Mike Moran") ||
			!strings.Contains(err.Error(), "Mick Moran") {
			t.Errorf("%v; want the row refused naming both", err)
		}
		if n := len(legislatorNames(t, s)); n != 7 {
			t.Errorf("%d legislators; want 7", n)
		}
	})
}

// TestImportLegislatorsLostLetterOverPlainName: a "?" in a name whose stored form has
// no accent ("Judith Garcia", from a file without them) is not taken either, and the
// note does not say a letter of the stored name became "?" ("i" did not).
func TestImportLegislatorsLostLetterOverPlainName(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	opts := db.ImportOptions{State: "MA"}
	rows := seatedMA()
	rows[2].Name, rows[2].FamilyName = "Judith Garcia", "Garcia"
	if _, err := s.ImportLegislators(ctx, rows, opts); err != nil {
		t.Fatal(err)
	}
	rows[2].Name, rows[2].FamilyName = "Judith Garc?a", "Garc?a"
	sum, err := s.ImportLegislators(ctx, rows, opts)
	if err != nil {
		t.Fatal(err)
	}
	notes := strings.Join(sum.Notes, "\n")
	if want := `line 4: "Judith Garc?a" not taken for Rep. Judith Garcia: "?" stands for a letter lost`; !strings.Contains(notes, want) ||
		strings.Contains(notes, "became") {
		t.Errorf("the notes do not say %q alone:\n%s", want, notes)
	}
	if got := legislatorNames(t, s)["ocd-person/judith"]; got.Name != "Judith Garcia" {
		t.Errorf("her name is %q", got.Name)
	}
}
