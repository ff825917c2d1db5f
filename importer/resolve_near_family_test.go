package importer_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// TestNearFamilyNameIsNoted: a report filed to a legislator whose family name is one
// letter off the form's ("Rep. Silva" for Rep. Alan Silvia: Silva is another common
// name) is listed among the reports filed with a correction, naming the spelling, as
// a first name not quite theirs is (tester t3 F7: filed without a line); the name as
// the directory spells it is not listed.
func TestNearFamilyNameIsNoted(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	stateCampaign(t, s, "MA")
	importStateRoll(t, s, openStatesDir+"ma.csv", "MA")
	rows := []db.IncomingCall{
		{Line: 2, CallerName: "Ana Souza", Legislator: "Rep. Silva", Outcome: db.OutcomeLeftVoicemail},
		{Line: 3, CallerName: "Ana Souza", Legislator: "Rep. Donohue", Outcome: db.OutcomeBusy},
		{Line: 4, CallerName: "Ana Souza", Legislator: "Rep. Kate Hogan", Outcome: db.OutcomeBusy},
	}
	sum, err := s.ImportCalls(ctx, rows, db.CallImportOptions{})
	if err != nil || len(sum.Changes) != 3 {
		t.Fatalf("%+v %v", sum, err)
	}
	if len(sum.TitleCorrected) != 2 {
		t.Fatalf("corrected %+v, want lines 2 and 3", sum.TitleCorrected)
	}
	for i, want := range []string{`filed to Rep. Alan Silvia (7th Bristol): the form's family name "silva" is spelled otherwise`,
		`filed to Rep. Dan Donahue`} {
		if c := sum.TitleCorrected[i]; c.Line != i+2 || !strings.Contains(c.Reason, want) {
			t.Errorf("corrected line %d %q, want line %d %q", c.Line, c.Reason, i+2, want)
		}
	}
}

// TestDistrictAfterTheName: a district written after the name without parentheses
// ("Rep Moran 9th Suffolk") chooses among the legislators of that name, as one in
// parentheses does; it was refused as "no legislator in office by that name" although
// three Rep. Morans are (tester t3 F8).
func TestDistrictAfterTheName(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	stateCampaign(t, s, "MA")
	importStateRoll(t, s, openStatesDir+"ma.csv", "MA")
	rows := []db.IncomingCall{
		{Line: 2, CallerName: "Ana Souza", Legislator: "Rep Moran 9th Suffolk", Outcome: db.OutcomeLeftVoicemail},
		{Line: 3, CallerName: "Ana Souza", Legislator: "Rep. Moran, Ninth Suffolk", Outcome: db.OutcomeBusy},
		{Line: 4, CallerName: "Ana Souza", Legislator: "Rep. Moran 2nd Essex", Outcome: db.OutcomeBusy},
	}
	sum, err := s.ImportCalls(ctx, rows, db.CallImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(sum.Changes) != 2 || !strings.HasSuffix(sum.Changes[0].Name, "called Rep. John Moran") ||
		!strings.HasSuffix(sum.Changes[1].Name, "called Rep. John Moran") {
		t.Errorf("changes %+v, unresolved %+v", sum.Changes, sum.Unresolved)
	}
	if len(sum.Unresolved) != 1 || !strings.Contains(sum.Unresolved[0].Reason, `is not in district "2nd Essex"`) {
		t.Errorf("unresolved %+v, want line 4: no Moran in the 2nd Essex", sum.Unresolved)
	}
}
