package importer_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// TestUnknownLegislatorNamesTheNearSpelling: "Rep. Kate Donahue" is no one on the
// Massachusetts roll (Rep. Dan Donahue, Rep. Kate Donaghue): it was refused naming
// Dan Donahue alone, "whose first name is not Kate" (tester s46). The refusal names
// the legislator whose family name is one letter off and whose first name fits, as a
// hint: the report is never filed to them, whatever title it gives.
func TestUnknownLegislatorNamesTheNearSpelling(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	dbtest.Campaign(t, s)
	if _, err := s.ImportLegislators(ctx, readLegislators(t, "ma.csv").Rows, db.ImportOptions{State: "MA"}); err != nil {
		t.Fatal(err)
	}
	rows := []db.IncomingCall{
		{Line: 2, CallerName: "Ana Souza", Legislator: "Rep. Kate Donahue", Outcome: db.OutcomeBusy},
		{Line: 3, CallerName: "Ana Souza", Legislator: "Sen. Kate Donahue", Outcome: db.OutcomeBusy},
	}
	sum, err := s.ImportCalls(ctx, rows, db.CallImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Created != 0 || len(sum.Unresolved) != 2 {
		t.Fatalf("%d created, left out %+v: want both left out", sum.Created, sum.Unresolved)
	}
	for _, u := range sum.Unresolved {
		if !strings.Contains(u.Reason, "Rep. Kate Donaghue (19th Worcester)") || !strings.Contains(u.Reason, "not filed") {
			t.Errorf("line %d %q: %s; want the near spelling named as a hint", u.Line, u.Legislator, u.Reason)
		}
	}
}
