package importer_test

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
	"github.com/chapterdesk/chapterdesk/importer"
)

const openStatesDir = "../../shared/data/openstates/"

func readLegislators(t testing.TB, name string) *importer.Legislators {
	t.Helper()
	f, err := os.Open(openStatesDir + name)
	if err != nil {
		t.Skipf("shared data not here: %v", err)
	}
	defer f.Close()
	in, err := importer.ReadLegislators(f, "")
	if err != nil {
		t.Fatal(err)
	}
	return in
}

func TestImportOpenStates(t *testing.T) {
	ctx := context.Background()
	opts := db.ImportOptions{State: "MA", Format: "openstates"}

	t.Run("ma.csv brings 198 legislators, 40 senators and 158 representatives, with 197 phones", func(t *testing.T) {
		in := readLegislators(t, "ma.csv")
		if in.Format.ID != "openstates" || len(in.Problems) != 0 || len(in.Rows) != 198 {
			t.Fatalf("format %q, %d rows, problems %v", in.Format.ID, len(in.Rows), in.Problems)
		}
		s := dbtest.Open(t)
		sum, err := s.ImportLegislators(ctx, in.Rows, opts)
		if err != nil || sum.Created != 198 {
			t.Fatalf("summary %+v, err %v", sum, err)
		}
		all, _ := s.Legislators(ctx)
		chambers, phones := map[db.Chamber]int{}, 0
		for _, l := range all {
			chambers[l.Chamber]++
			if l.CapitolPhone != "" || l.DistrictPhone != "" {
				phones++
			}
			if l.State != "MA" || !strings.HasPrefix(l.OpenStatesID, "ocd-person/") || strings.Contains(l.URL, ";") {
				t.Errorf("legislator %+v", l)
				break
			}
		}
		if chambers[db.ChamberUpper] != 40 || chambers[db.ChamberLower] != 158 || phones != 197 {
			t.Errorf("chambers %v, %d with a phone", chambers, phones)
		}
		t.Run("and importing it again changes nothing", func(t *testing.T) {
			again, err := s.ImportLegislators(ctx, readLegislators(t, "ma.csv").Rows, opts)
			if err != nil || again.Unchanged != 198 || again.Created+again.Updated != 0 {
				t.Errorf("second import %+v, err %v", again, err)
			}
		})
		t.Run("and the upstream-exact file matches the same people, erasing no phone", func(t *testing.T) {
			up, err := s.ImportLegislators(ctx, readLegislators(t, "ma.upstream-exact.csv").Rows, opts)
			if err != nil || up.Created != 0 || up.Unchanged+up.Updated != 198 {
				t.Errorf("upstream import %+v, err %v", up, err)
			}
			all, _ := s.Legislators(ctx)
			withPhone := 0
			for _, l := range all {
				if l.CapitolPhone != "" || l.DistrictPhone != "" {
					withPhone++
				}
			}
			if len(all) != 198 || withPhone != 197 {
				t.Errorf("%d legislators, %d with a phone", len(all), withPhone)
			}
		})
	})

	t.Run("ma.upstream-exact.csv alone imports the same 198 people, and again changes nothing", func(t *testing.T) {
		in := readLegislators(t, "ma.upstream-exact.csv")
		s := dbtest.Open(t)
		sum, err := s.ImportLegislators(ctx, in.Rows, opts)
		if err != nil || sum.Created != 198 || len(in.Problems) != 0 {
			t.Fatalf("summary %+v, problems %v, err %v", sum, in.Problems, err)
		}
		again, err := s.ImportLegislators(ctx, in.Rows, opts)
		if err != nil || again.Unchanged != 198 {
			t.Errorf("second import %+v, err %v", again, err)
		}
	})

	t.Run("a volunteer file is not taken for legislators", func(t *testing.T) {
		_, err := importer.ReadLegislators(strings.NewReader("first_name,last_name,email\nAna,Souza,a@example.org\n"), "")
		if err == nil {
			t.Error("no error")
		}
	})

	t.Run("a row with a chamber nobody knows is a problem with its line and column", func(t *testing.T) {
		csv := "id,name,current_party,current_district,current_chamber\n" +
			"ocd-person/1,Ana Souza,Democratic,1st Essex,lower\n" +
			"ocd-person/2,Bo Li,Democratic,2nd Essex,council\n"
		in, err := importer.ReadLegislators(strings.NewReader(csv), "openstates")
		if err != nil {
			t.Fatal(err)
		}
		if len(in.Rows) != 1 || len(in.Problems) != 1 || in.Problems[0].Line != 3 || in.Problems[0].Column != 5 {
			t.Fatalf("rows %d, problems %+v", len(in.Rows), in.Problems)
		}
		if msg := in.Problems[0].Error(); !strings.Contains(msg, "current_chamber") || !strings.Contains(msg, "council") {
			t.Errorf("message %q", msg)
		}
	})

	// Tester t10: a legislators file whose name cell held '=HYPERLINK("http://x","Ana")'
	// was imported with that formula as the legislator's name, which the call form's
	// rows were then matched against and the whip board printed. A formula in a
	// name or district cell is no value: the row is a problem, named by its column.
	t.Run("a spreadsheet formula for a name or a district is a problem with its column", func(t *testing.T) {
		csv := "id,name,given_name,family_name,current_party,current_district,current_chamber\n" +
			"ocd-person/1,Ana Souza,Ana,Souza,Democratic,1st Essex,lower\n" +
			"ocd-person/2,\"=HYPERLINK(\"\"http://evil\"\",\"\"Bo Li\"\")\",Bo,Li,Democratic,2nd Essex,lower\n" +
			"ocd-person/3,Cy Dorn,@SUM(A1),Dorn,Democratic,3rd Essex,lower\n" +
			"ocd-person/4,Di Earl,Di,Earl,Democratic,\"=CONCAT(\"\"4th\"\",\"\" Essex\"\")\",lower\n" +
			"ocd-person/5,Ed Fox,Ed,Fox,Democratic,-1st Middlesex,lower\n" +
			"ocd-person/6, =1+1,Fay,Gold,Democratic,6th Essex,lower\n" +
			"ocd-person/7,Gus Hart,Gus,=B2,Democratic,7th Essex,lower\n" +
			"ocd-person/8,Hal Ives,Hal,Ives,Democratic,\uFF1DA1,lower\n" +
			"ocd-person/9,Ida Jay,Ida,Jay,Democratic,\"\t=7th Hampden\",lower\n" +
			"ocd-person/10,Al-Amin Kerr,Al-Amin,Kerr,Democratic,10th Essex,lower\n"
		in, err := importer.ReadLegislators(strings.NewReader(csv), "openstates")
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, r := range in.Rows {
			names = append(names, r.Legislator.Name+"/"+r.Legislator.District)
		}
		if got := strings.Join(names, "; "); got != "Ana Souza/1st Essex; Al-Amin Kerr/10th Essex" {
			t.Errorf("rows %s", got)
		}
		want := []struct {
			line int
			col  string
		}{{3, "name"}, {4, "given_name"}, {5, "current_district"}, {6, "current_district"}, {7, "name"},
			{8, "family_name"}, {9, "current_district"}, {10, "current_district"}}
		if len(in.Problems) != len(want) {
			t.Fatalf("problems %+v", in.Problems)
		}
		for i, w := range want {
			p := in.Problems[i]
			if msg := p.Error(); p.Line != w.line || !strings.Contains(msg, w.col) || !strings.Contains(msg, "formula") {
				t.Errorf("problem %d: line %d, %q; want line %d naming %s and the formula", i, p.Line, msg, w.line, w.col)
			}
		}
	})
}

// TestImportKeepsGender: the Open States gender column is kept, and a file imported
// before ChapterDesk kept it gets it from a re-import.
func TestImportKeepsGender(t *testing.T) {
	ctx := context.Background()
	f, err := os.Open("testdata/openstates/nh.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	in, err := importer.ReadLegislators(f, "")
	if err != nil {
		t.Fatal(err)
	}
	genders := map[string]int{}
	for _, r := range in.Rows {
		genders[r.Gender]++
	}
	if genders[db.GenderFemale] < 100 || genders[db.GenderMale] < 100 || genders[""] > 5 {
		t.Fatalf("genders read %v", genders)
	}
	s := dbtest.Open(t)
	opts := db.ImportOptions{State: "NH", Format: "openstates"}
	older := make([]db.IncomingLegislator, len(in.Rows))
	for i, r := range in.Rows {
		r.Gender = "" // as an import before the gender column was kept
		older[i] = r
	}
	if _, err := s.ImportLegislators(ctx, older, opts); err != nil {
		t.Fatal(err)
	}
	sum, err := s.ImportLegislators(ctx, in.Rows, opts)
	if err != nil || sum.Updated != len(in.Rows)-genders[""] {
		t.Fatalf("re-import %+v, err %v", sum.Updated, err)
	}
	all, _ := s.Legislators(ctx)
	stored := map[string]int{}
	for _, l := range all {
		stored[l.Gender]++
	}
	if stored[db.GenderFemale] != genders[db.GenderFemale] || stored[db.GenderMale] != genders[db.GenderMale] {
		t.Errorf("stored %v, read %v", stored, genders)
	}
	if again, _ := s.ImportLegislators(ctx, in.Rows, opts); again.Updated != 0 {
		t.Errorf("a third import updated %d", again.Updated)
	}
}
