package importer_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
	"github.com/chapterdesk/chapterdesk/importer"
	"github.com/chapterdesk/chapterdesk/reports"
)

// TestExportDistrictEditedIsNotUnchanged: ChapterDesk's call export imported again
// with a row whose report's UUID is there and whose district cell alone was edited
// (the call moved to another district's legislator, the name left as it was, or
// written as a family name the district would decide) was counted "unchanged", the
// edit lost without a word (tester s46): the name found the report's legislator, and
// the district column was read only for rows without a report's UUID. Such a row is
// left out saying the name and the district disagree; so is one whose chamber cell
// alone was edited; a row edited nowhere is still unchanged.
func TestExportDistrictEditedIsNotUnchanged(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	dbtest.Campaign(t, s)
	if _, err := s.ImportLegislators(ctx, readLegislators(t, "ma.csv").Rows, db.ImportOptions{State: "MA"}); err != nil {
		t.Fatal(err)
	}
	form := "Timestamp,Your name,Your email,Legislator called,What happened?,What did they say about the bill?\n" +
		"12/1/2026 10:00:00,Rosa Almeida,rosa@example.org,Rep. Mike Connolly,Spoke with staff,Supports\n" +
		"12/2/2026 11:00:00,Rosa Almeida,rosa@example.org,Rep. Dan Donahue,Spoke with staff,Supports\n"
	in, err := importer.ReadCalls(strings.NewReader(form), "")
	if err != nil || len(in.Problems) != 0 {
		t.Fatalf("%v %v", err, in.Problems)
	}
	if sum, err := s.ImportCalls(ctx, in.Rows, db.CallImportOptions{}); err != nil || sum.Created != 2 {
		t.Fatalf("%+v %v", sum, err)
	}
	zone, err := s.Zone(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := reports.WriteCallsCSV(ctx, &buf, zone.Loc, func(fn func(*db.CallLogRow) error) error {
		return s.EachCallReport(ctx, fn)
	}); err != nil {
		t.Fatal(err)
	}
	export := buf.String()
	if !strings.Contains(export, ",Rep. Mike Connolly,House,26th Middlesex,") || !strings.Contains(export, ",Rep. Dan Donahue,House,16th Worcester,") {
		t.Fatalf("export:\n%s", export)
	}
	for _, c := range []struct{ name, from, to string }{
		{"the district alone moved to another legislator's", ",Rep. Mike Connolly,House,26th Middlesex,", ",Rep. Mike Connolly,House,16th Worcester,"},
		{"a family name, the district moved", ",Rep. Mike Connolly,House,26th Middlesex,", ",Connolly,House,16th Worcester,"},
		{"the district to one of a legislator of a near name", ",Rep. Dan Donahue,House,16th Worcester,", ",Donahue,House,19th Worcester,"},
		{"the chamber alone", ",Rep. Mike Connolly,House,26th Middlesex,", ",Rep. Mike Connolly,Senate,26th Middlesex,"},
	} {
		t.Run(c.name, func(t *testing.T) {
			edited := strings.Replace(export, c.from, c.to, 1)
			in, err := importer.ReadCalls(strings.NewReader(edited), "")
			if err != nil || len(in.Problems) != 0 {
				t.Fatalf("%v %v", err, in.Problems)
			}
			sum, err := s.ImportCalls(ctx, in.Rows, db.CallImportOptions{ImportOptions: db.ImportOptions{DryRun: true}})
			if err != nil {
				t.Fatal(err)
			}
			if sum.Unchanged != 1 || len(sum.Unresolved) != 1 || !strings.Contains(sum.Unresolved[0].Reason, "column says") {
				t.Errorf("%d unchanged, left out %+v: want the edited row left out saying the district disagrees", sum.Unchanged, sum.Unresolved)
			}
		})
	}
	t.Run("the export as it was is unchanged", func(t *testing.T) {
		in, err := importer.ReadCalls(strings.NewReader(export), "")
		if err != nil {
			t.Fatal(err)
		}
		sum, err := s.ImportCalls(ctx, in.Rows, db.CallImportOptions{ImportOptions: db.ImportOptions{DryRun: true}})
		if err != nil || sum.Unchanged != 2 || len(sum.Unresolved) != 0 {
			t.Errorf("%+v %v", sum, err)
		}
	})
}
