package db_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

func incoming(line int, osid string, ch db.Chamber, district, name, phone string) db.IncomingLegislator {
	return db.IncomingLegislator{Line: line, Legislator: db.Legislator{OpenStatesID: osid, Chamber: ch,
		District: district, Name: name, CapitolPhone: phone, Party: "Democratic", InOffice: true}}
}

func TestImportLegislators(t *testing.T) {
	ctx := context.Background()
	file := []db.IncomingLegislator{
		incoming(2, "ocd-person/1", db.ChamberLower, "7th Hampden", "Aaron Saunders", "617-722-2320"),
		incoming(3, "ocd-person/2", db.ChamberUpper, "Second Middlesex", "Patricia D. Jehlen", "617-722-1578"),
		incoming(4, "ocd-person/3", db.ChamberLower, "3rd Bristol", "Lisa Field", ""),
	}
	opts := db.ImportOptions{Format: "openstates", Source: "ma.csv", State: "MA", RetireMissing: true}

	t.Run("a dry run says what would happen and writes nothing", func(t *testing.T) {
		s := dbtest.Open(t)
		sum, err := s.ImportLegislators(ctx, file, db.ImportOptions{DryRun: true, State: "MA"})
		if err != nil || sum.Created != 3 || sum.BatchID != 0 || len(sum.Changes) != 3 {
			t.Fatalf("summary %+v, err %v", sum, err)
		}
		if all, _ := s.Legislators(ctx); len(all) != 0 {
			t.Errorf("%d legislators written by a dry run", len(all))
		}
	})

	s := dbtest.Open(t)
	first, err := s.ImportLegislators(ctx, file, opts)
	if err != nil || first.Created != 3 || first.BatchID == 0 {
		t.Fatalf("first import %+v, err %v", first, err)
	}
	all, _ := s.Legislators(ctx)
	byName := map[string]db.Legislator{}
	for _, l := range all {
		byName[l.Name] = l
	}

	t.Run("importing the same file again changes nothing and leaves no batch", func(t *testing.T) {
		again, err := s.ImportLegislators(ctx, file, opts)
		if err != nil || again.Created+again.Updated+again.Retired != 0 || again.Unchanged != 3 || again.BatchID != 0 {
			t.Errorf("second import %+v, err %v", again, err)
		}
		counts, _ := s.Counts(ctx)
		if countOf(counts, "import_batches") != 1 {
			t.Errorf("%d import batches", countOf(counts, "import_batches"))
		}
	})

	t.Run("a re-import updates imported values and keeps the lead's edits and notes", func(t *testing.T) {
		jehlen := byName["Patricia D. Jehlen"]
		if err := s.EditLegislator(ctx, jehlen.ID, db.FieldCapitolPhone, "617-722-1578 (ask for Sam)"); err != nil {
			t.Fatal(err)
		}
		s.SetLegislatorNotes(ctx, jehlen.ID, "Met at the town hall")
		newer := append([]db.IncomingLegislator(nil), file...)
		newer[1].Name, newer[1].CapitolPhone = "Pat Jehlen", "617-722-9999"
		sum, err := s.ImportLegislators(ctx, newer, opts)
		if err != nil || sum.Updated != 1 || len(sum.Changes) != 1 {
			t.Fatalf("summary %+v, err %v", sum, err)
		}
		got, _ := s.Legislator(ctx, jehlen.ID)
		if got.Name != "Pat Jehlen" || got.CapitolPhone != "617-722-1578 (ask for Sam)" || got.Notes != "Met at the town hall" {
			t.Errorf("after re-import %+v", got)
		}
	})

	t.Run("an empty cell never erases a stored value", func(t *testing.T) {
		blank := append([]db.IncomingLegislator(nil), file...)
		blank[0].CapitolPhone = ""
		if _, err := s.ImportLegislators(ctx, blank, opts); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.Legislator(ctx, byName["Aaron Saunders"].ID); got.CapitolPhone != "617-722-2320" {
			t.Errorf("phone %q", got.CapitolPhone)
		}
	})

	t.Run("matches by chamber, district and name when there is no Open States id", func(t *testing.T) {
		noID := []db.IncomingLegislator{incoming(2, "", db.ChamberLower, "7TH HAMPDEN", "aaron saunders", "")}
		sum, err := s.ImportLegislators(ctx, noID, db.ImportOptions{State: "MA"})
		if err != nil || sum.Created != 0 || sum.Unchanged != 1 {
			t.Errorf("summary %+v, err %v", sum, err)
		}
	})

	var retireBatch int64
	t.Run("a full file retires the members it no longer lists", func(t *testing.T) {
		sum, err := s.ImportLegislators(ctx, file[:2], opts)
		if err != nil || sum.Retired != 1 || sum.Changes[0].Action != "retire" {
			t.Fatalf("summary %+v, err %v", sum, err)
		}
		retireBatch = sum.BatchID
		if all, _ := s.Legislators(ctx); len(all) != 2 {
			t.Errorf("%d legislators in office, want 2", len(all))
		}
	})

	t.Run("an import can be undone", func(t *testing.T) {
		if _, err := s.UndoImport(ctx, retireBatch); err != nil {
			t.Fatal(err)
		}
		if all, _ := s.Legislators(ctx); len(all) != 3 {
			t.Errorf("%d legislators in office after undo, want 3", len(all))
		}
		if _, err := s.UndoImport(ctx, retireBatch); !errors.Is(err, db.ErrConflict) {
			t.Errorf("undo twice: %v", err)
		}
		// The imports since the first changed its legislators (a name, a phone): the
		// first is undone after them, newest first, or its undo would take their
		// changes along with it.
		if _, err := s.UndoImport(ctx, first.BatchID); !errors.Is(err, db.ErrConflict) || !strings.Contains(err.Error(), "first") {
			t.Errorf("undo of the first import before the later ones: %v", err)
		}
		batches, err := s.ImportBatches(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range batches { // newest first
			if b.ID != first.BatchID && b.UndoneAt.IsZero() {
				if _, err := s.UndoImport(ctx, b.ID); err != nil {
					t.Fatalf("undo import %d: %v", b.ID, err)
				}
			}
		}
		if _, err := s.UndoImport(ctx, first.BatchID); err != nil {
			t.Fatal(err)
		}
		all, _ := s.Legislators(ctx)
		if len(all) != 0 {
			t.Errorf("%d legislators after undoing the first import", len(all))
		}
	})

	t.Run("refuses a row without chamber or district, naming its line", func(t *testing.T) {
		bad := []db.IncomingLegislator{incoming(7, "ocd-person/9", "", "1st Essex", "No Chamber", "")}
		_, err := dbtest.Open(t).ImportLegislators(ctx, bad, opts)
		var ve *db.ValidationError
		if !errors.As(err, &ve) || !bytesContains(err.Error(), "line 7") {
			t.Errorf("err = %v", err)
		}
	})
}

func TestImportLegislatorsOfAState(t *testing.T) {
	ctx := context.Background()
	ma := []db.IncomingLegislator{
		incoming(2, "ocd-person/1", db.ChamberLower, "7th Hampden", "Aaron Saunders", ""),
		incoming(3, "ocd-person/2", db.ChamberUpper, "Second Middlesex", "Patricia D. Jehlen", ""),
	}
	nh := []db.IncomingLegislator{
		incoming(2, "ocd-person/10", db.ChamberUpper, "1", "Regina Birdsell", ""),
		incoming(3, "ocd-person/11", db.ChamberLower, "Hillsborough 1", "Jo Brown", ""),
		// Another state's member with the same seat name and name as one of Massachusetts'.
		incoming(4, "ocd-person/12", db.ChamberLower, "7th Hampden", "Aaron Saunders", ""),
	}
	s := dbtest.Open(t)

	t.Run("a file whose state is not known is refused, and nothing is written", func(t *testing.T) {
		_, err := s.ImportLegislators(ctx, ma, db.ImportOptions{})
		var ve *db.ValidationError
		if !errors.As(err, &ve) || ve.Field != "state" {
			t.Fatalf("got %v", err)
		}
		if all, _ := s.Legislators(ctx); len(all) != 0 {
			t.Errorf("%d legislators written", len(all))
		}
	})
	t.Run("retiring without a state is refused", func(t *testing.T) {
		rows := append([]db.IncomingLegislator(nil), ma...)
		rows[0].State, rows[1].State = "MA", "MA"
		if _, err := s.ImportLegislators(ctx, rows, db.ImportOptions{RetireMissing: true}); err == nil {
			t.Fatal("imported")
		}
	})
	if _, err := s.ImportLegislators(ctx, ma, db.ImportOptions{State: "ma"}); err != nil {
		t.Fatal(err)
	}
	t.Run("retiring the legislators a second state's file lacks leaves the first state's in office", func(t *testing.T) {
		sum, err := s.ImportLegislators(ctx, nh, db.ImportOptions{State: "NH", RetireMissing: true})
		if err != nil || sum.Created != 3 || sum.Retired != 0 {
			t.Fatalf("%+v %v", sum, err)
		}
		all, _ := s.Legislators(ctx)
		for _, l := range all {
			if !l.InOffice || (l.State != "MA" && l.State != "NH") {
				t.Errorf("%s: state %q, in office %v", l.Name, l.State, l.InOffice)
			}
		}
		if len(all) != 5 {
			t.Errorf("%d legislators, want Massachusetts' 2 and New Hampshire's 3", len(all))
		}
	})
}

// TestReimportAfterCampaign: a campaign whose sponsor was not yet in office when the
// legislators came in gets its sponsor marked by the next import of the same file,
// which changes no legislator: that import (and its dry run) used to drop its batch
// under the stance change that names it and fail on the foreign key.
func TestReimportAfterCampaign(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	file := []db.IncomingLegislator{
		incoming(2, "ocd-person/1", db.ChamberUpper, "Middlesex and Worcester", "Jamie Eldridge", ""),
		incoming(3, "ocd-person/2", db.ChamberLower, "7th Hampden", "Aaron Saunders", ""),
	}
	opts := db.ImportOptions{Format: "openstates", Source: "ma.csv", State: "MA"}
	if _, err := s.ImportLegislators(ctx, file, opts); err != nil {
		t.Fatal(err)
	}
	campaign := dbtest.Campaign(t, s)
	t.Run("a dry run says the sponsor would be marked and writes nothing", func(t *testing.T) {
		dry := opts
		dry.DryRun = true
		sum, err := s.ImportLegislators(ctx, file, dry)
		if err != nil || sum.Unchanged != 2 || !bytesContains(strings.Join(sum.Notes, "\n"), "Sen. Jamie Eldridge marked as the sponsor of S.1305") {
			t.Fatalf("%+v %v", sum, err)
		}
	})
	sum, err := s.ImportLegislators(ctx, file, opts)
	if err != nil || sum.Unchanged != 2 || sum.BatchID == 0 {
		t.Fatalf("%+v %v", sum, err)
	}
	all, _ := s.Legislators(ctx)
	var eldridge int64
	for _, l := range all {
		if l.Name == "Jamie Eldridge" {
			eldridge = l.ID
		}
	}
	stances, err := s.StanceHistory(ctx, campaign, eldridge)
	if err != nil || len(stances) != 1 || stances[0].Stance != db.StanceSponsor {
		t.Fatalf("history %+v %v", stances, err)
	}
	t.Run("undoing that import takes the mark back", func(t *testing.T) {
		if _, err := s.UndoImport(ctx, sum.BatchID); err != nil {
			t.Fatal(err)
		}
		if stances, err := s.StanceHistory(ctx, campaign, eldridge); err != nil || len(stances) != 0 {
			t.Errorf("history %+v %v", stances, err)
		}
	})
}

// TestBrokenRuleIsNotShown: a write that breaks a foreign key says so in words, on
// either backend; the driver's "FOREIGN KEY constraint failed (787)" is logged, not shown.
func TestBrokenRuleIsNotShown(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	campaign := dbtest.Campaign(t, s)
	err := db.WriteRaw(ctx, s, `INSERT INTO stance_history (uuid, campaign_id, legislator_id, stance, changed_at)
		VALUES ('x', ?, 999, 'yes', 1)`, campaign)
	if !errors.Is(err, db.ErrIntegrity) || strings.Contains(err.Error(), "constraint") {
		t.Errorf("err = %v", err)
	}
	if err := db.WriteRaw(ctx, s, `INSERT INTO campaigns (uuid, created_at, updated_at) SELECT uuid, 1, 1 FROM campaigns`); err == nil || errors.Is(err, db.ErrIntegrity) {
		t.Errorf("a duplicate is not a broken rule: %v", err)
	}
}
