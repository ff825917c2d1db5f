package db_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// TestImportCallsDoubleEncoded: a report form's row whose caller name, town or notes
// are UTF-8 read as Windows-1252 ("MarÃ­a") added a volunteer "MarÃ­a Silva" beside
// the roster's María Silva, or stored the garbled note. Such a row is left out now,
// listed with its line, what the text reads as and how to import it (Garbled, which
// the rejects file gets); the file's other rows, its good accented names among them,
// are imported. A file with no good accented text at all was read or saved in the
// wrong encoding as a whole: refused, nothing imported.
func TestImportCallsDoubleEncoded(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	dbtest.Campaign(t, s)
	dbtest.Legislator(t, s, db.ChamberLower, "1st Suffolk", "Jim O'Day")
	dbtest.Volunteer(t, s, "María", "Silva", func(v *db.Volunteer) { v.Email = "maria@example.org" })
	at := time.Date(2025, 3, 3, 10, 0, 0, 0, time.UTC)
	call := func(line int, name, notes string) db.IncomingCall {
		return db.IncomingCall{Line: line, CallerName: name, Legislator: "Rep. Jim O'Day", Notes: notes,
			CalledAt: at.Add(time.Duration(line) * time.Minute), Outcome: db.OutcomeSpokeStaff, Cells: []string{name, notes}}
	}
	rows := []db.IncomingCall{call(2, mojibake(t, "María Silva"), ""), call(3, "Zoë Park", mojibake(t, "Staffer said she’s undecided")),
		call(4, "João Lima", "Staffer said he’s a yes"), call(5, "Bo Diaz", "")}
	sum, err := s.ImportCalls(ctx, rows, db.CallImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	left := map[int]db.UnresolvedCall{}
	for _, u := range sum.Garbled {
		left[u.Line] = u
	}
	if u := left[2]; !strings.Contains(u.Reason, `"María Silva"`) || !strings.Contains(u.Reason, "UTF-8") || len(u.Cells) != 2 {
		t.Errorf("line 2 (garbled caller): left out %+v; want it left out with what the name reads as, how to import it and its cells", u)
	}
	if u := left[3]; !strings.Contains(u.Reason, "she’s undecided") {
		t.Errorf("line 3 (garbled notes): left out %+v; want it left out saying what the notes read as", u)
	}
	if len(sum.Garbled) != 2 || sum.Created != 2 {
		t.Errorf("%d left out as garbled, %d created; want lines 2 and 3 left out, 4 and 5 in", len(sum.Garbled), sum.Created)
	}
	var names []string
	for _, r := range dbtest.Roster(t, s) {
		names = append(names, r.FirstName+" "+r.LastName)
	}
	if got := strings.Join(names, ", "); got != "Bo Diaz, João Lima, María Silva" {
		t.Errorf("roster %s; want Bo Diaz, João Lima, María Silva (no garbled caller added, Zoë's row left out)", got)
	}
	calls, err := s.ListCallReports(ctx, db.CallFilter{}, 0, 10)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range calls {
		if _, ok := db.DoubleEncoded(c.Notes); ok {
			t.Errorf("report stored with notes %q", c.Notes)
		}
	}

	t.Run("refuses a file whose every accented text is garbled", func(t *testing.T) {
		s := dbtest.Open(t)
		dbtest.Campaign(t, s)
		dbtest.Legislator(t, s, db.ChamberLower, "1st Suffolk", "Jim O'Day")
		_, err := s.ImportCalls(ctx, []db.IncomingCall{call(2, "Bo Diaz", ""), call(3, mojibake(t, "Zoë Park"), ""), call(4, "Al Ng", mojibake(t, "Voicemail – full"))}, db.CallImportOptions{})
		if err == nil {
			t.Fatal("imported; want the file refused")
		}
		for _, want := range []string{"line 3", "ZoÃ«", "Zoë", "wrong encoding", "nothing was imported", "--encoding utf-8"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("error %q; want %q in it", err, want)
			}
		}
		if n, err := s.ListCallReports(ctx, db.CallFilter{}, 0, 10); err != nil || len(n) != 0 || len(dbtest.Roster(t, s)) != 0 {
			t.Errorf("%d reports, %d volunteers (%v); want none", len(n), len(dbtest.Roster(t, s)), err)
		}
	})
}

// TestImportCallsLegislatorDoubleEncoded: a form row naming "Rep. JosÃ© Tosado" (UTF-8
// read as Windows-1252) was resolved loosely to the one Tosado, or left out as a name
// no legislator has: either way nothing said the text was damaged. It is left out now
// as the caller's garbled name is, saying what the legislator's name reads as; the
// row typed right is filed.
func TestImportCallsLegislatorDoubleEncoded(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	dbtest.Campaign(t, s)
	dbtest.Legislator(t, s, db.ChamberLower, "1st Suffolk", "José Tosado")
	at := time.Date(2025, 3, 3, 10, 0, 0, 0, time.UTC)
	rows := []db.IncomingCall{
		{Line: 2, CallerName: "Bo Diaz", Legislator: mojibake(t, "Rep. José Tosado"), CalledAt: at, Outcome: db.OutcomeSpokeStaff, Cells: []string{"x"}},
		{Line: 3, CallerName: "Al Ng", Legislator: "Rep. José Tosado", CalledAt: at, Outcome: db.OutcomeSpokeStaff},
	}
	sum, err := s.ImportCalls(ctx, rows, db.CallImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(sum.Garbled) != 1 || sum.Garbled[0].Line != 2 || !strings.Contains(sum.Garbled[0].Reason, `"Rep. José Tosado"`) ||
		!strings.Contains(sum.Garbled[0].Reason, "legislator") || len(sum.Garbled[0].Cells) != 1 {
		t.Errorf("left out as garbled %+v; want line 2, saying the legislator's name reads as \"Rep. José Tosado\", with its cells", sum.Garbled)
	}
	if sum.Created != 1 || len(sum.Unresolved) != 0 {
		t.Errorf("%d created, unresolved %+v; want line 3 filed, nothing else", sum.Created, sum.Unresolved)
	}
}
