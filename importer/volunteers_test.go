package importer_test

import (
	"context"
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
	"github.com/chapterdesk/chapterdesk/importer"
)

// generateNationBuilder writes a synthetic NationBuilder export with known duplicates
// using the shared generator, returning the file and its truth file.
func generateNationBuilder(t testing.TB, n int) (string, string) {
	t.Helper()
	tool := "../../shared/tools/gen_nationbuilder.py"
	if _, err := os.Stat(tool); err != nil {
		t.Skip("shared generator not here")
	}
	dir := t.TempDir()
	out, truth := filepath.Join(dir, "nb.csv"), filepath.Join(dir, "truth.csv")
	cmd := exec.Command("python3", tool, strconv.Itoa(n), out, "--truth", truth)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Skipf("generator: %v %s", err, msg)
	}
	return out, truth
}

func readVolunteers(t testing.TB, path string) *importer.Volunteers {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	in, err := importer.ReadVolunteers(f, "")
	if err != nil {
		t.Fatal(err)
	}
	return in
}

func TestImportNationBuilder(t *testing.T) {
	ctx := context.Background()
	file, truthFile := generateNationBuilder(t, 2000)
	in := readVolunteers(t, file)
	if in.Format.ID != "nationbuilder" || len(in.Problems) != 0 || len(in.Rows) != 2000 {
		t.Fatalf("format %q, %d rows, problems %v", in.Format.ID, len(in.Rows), in.Problems)
	}
	s := dbtest.Open(t)
	sum, err := s.ImportVolunteers(ctx, db.VolunteerRows(in.Rows), db.ImportOptions{Format: "nationbuilder", Source: "nb.csv"})
	if err != nil {
		t.Fatal(err)
	}

	tf, _ := os.Open(truthFile)
	defer tf.Close()
	truth, _ := csv.NewReader(tf).ReadAll()
	pairs := truth[1:]

	t.Run("merges every known duplicate and nobody else", func(t *testing.T) {
		if sum.Created != 2000-len(pairs) || sum.Merged != len(pairs) {
			t.Errorf("created %d, merged %d; want %d and %d", sum.Created, sum.Merged, 2000-len(pairs), len(pairs))
		}
		raw := dbtest.Raw(t, s.Path())
		for _, p := range pairs {
			var a, b int64
			raw.QueryRow(`SELECT volunteer_id FROM volunteer_external_ids WHERE system = 'nationbuilder' AND external_id = ?`, p[0]).Scan(&a)
			raw.QueryRow(`SELECT volunteer_id FROM volunteer_external_ids WHERE system = 'nationbuilder' AND external_id = ?`, p[1]).Scan(&b)
			if a == 0 || a != b {
				t.Errorf("duplicate %s (%s) not merged with %s: volunteers %d and %d", p[0], p[2], p[1], a, b)
			}
		}
		if n, _ := s.CountVolunteers(ctx, db.VolunteerFilter{}); n != 2000-len(pairs) {
			t.Errorf("%d volunteers, want %d", n, 2000-len(pairs))
		}
	})

	t.Run("keeps names, phones, tags and districts searchable", func(t *testing.T) {
		rows, _ := s.ListVolunteers(ctx, db.VolunteerFilter{}, 0, 5)
		v, err := s.Volunteer(ctx, rows[0].ID)
		if err != nil || v.Source != "nationbuilder" {
			t.Fatalf("%+v %v", v, err)
		}
		var withPhone, withTags, withDistrict int
		raw := dbtest.Raw(t, s.Path())
		raw.QueryRow(`SELECT count(*) FROM volunteers WHERE phone_e164 <> '' OR mobile_e164 <> ''`).Scan(&withPhone)
		raw.QueryRow(`SELECT count(DISTINCT volunteer_id) FROM volunteer_tags`).Scan(&withTags)
		raw.QueryRow(`SELECT count(*) FROM volunteers WHERE house_district <> ''`).Scan(&withDistrict)
		if withPhone < 1000 || withTags < 500 || withDistrict < 1000 {
			t.Errorf("%d with a phone, %d with tags, %d with a district", withPhone, withTags, withDistrict)
		}
		var quoted int
		raw.QueryRow(`SELECT count(*) FROM volunteers WHERE phone LIKE '''%'`).Scan(&quoted)
		if quoted != 0 {
			t.Errorf("%d phones kept NationBuilder's leading quote", quoted)
		}
	})

	t.Run("importing the same file again changes nothing", func(t *testing.T) {
		again, err := s.ImportVolunteers(ctx, db.VolunteerRows(readVolunteers(t, file).Rows), db.ImportOptions{Format: "nationbuilder"})
		if err != nil || again.Created+again.Updated != 0 || again.BatchID != 0 {
			t.Errorf("second import: %d created, %d updated, batch %d, err %v; changes %v",
				again.Created, again.Updated, again.BatchID, err, firstChanges(again.Changes))
		}
	})

	t.Run("the import can be undone", func(t *testing.T) {
		if _, err := s.UndoImport(ctx, sum.BatchID); err != nil {
			t.Fatal(err)
		}
		if n, _ := s.CountVolunteers(ctx, db.VolunteerFilter{}); n != 0 {
			t.Errorf("%d volunteers after undo", n)
		}
	})
}

func TestImportVolunteersIntoARoster(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	ana := dbtest.Volunteer(t, s, "Ana", "Souza", func(v *db.Volunteer) {
		v.Email, v.Zip, v.City = "ana@example.org", "02130", "Jamaica Plain"
	})
	dbtest.Volunteer(t, s, "Bo", "Li", func(v *db.Volunteer) { v.Phone = "617-555-0100" })
	csvText := "first_name,last_name,email,phone_number,primary_zip,primary_city,tag_list,do_not_call,nationbuilder_id,created_at\n" +
		"ANA,SOUZA,Ana@Example.org,,02130-1234,Boston,\"canvass, phonebank\",TRUE,11,8/8/16 15:42\n" + // Ana: email in capitals
		"Bo,Li,,(617) 555-0100,,,,,12,\n" + // Bo: the same phone and name
		"Wen,Li,,617.555.0100,,,,,13,\n" + // same phone, another name: a household member
		"Ana,Souza,,(617) 555-0199,02130,,,,14,\n" + // same name and zip, nothing tells them apart: listed, not merged
		"Ana,Souza,ana.s@other.org,,02130,,,,15,\n" // same name and zip but another email: another Ana
	in, err := importer.ReadVolunteers(strings.NewReader(csvText), "nationbuilder")
	if err != nil || len(in.Problems) != 0 {
		t.Fatalf("%v %v", err, in.Problems)
	}
	sum, err := s.ImportVolunteers(ctx, db.VolunteerRows(in.Rows), db.ImportOptions{Format: "nationbuilder"})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Created != 3 || sum.Updated+sum.Unchanged != 2 {
		t.Errorf("created %d (want 3: Wen and two other Anas), updated %d, unchanged %d", sum.Created, sum.Updated, sum.Unchanged)
	}
	// Line 5 may be the stored Ana; line 6 differs from her by email but not from line 5.
	if len(sum.Possible) != 2 || sum.Possible[0].Line != 5 || sum.Possible[0].VolunteerID != ana || sum.Possible[1].Line != 6 {
		t.Errorf("possible duplicates %+v", sum.Possible)
	}
	v, _ := s.Volunteer(ctx, ana)
	if v.City != "Jamaica Plain" || v.OKCall || strings.Join(v.Tags, ",") != "canvass,phonebank" || v.Email != "ana@example.org" {
		t.Errorf("Ana after import %+v", v)
	}
	if len(sum.Conflicts) != 1 || sum.Conflicts[0].Field != "city" || sum.Conflicts[0].InFile != "Boston" {
		t.Errorf("conflicts %+v", sum.Conflicts)
	}
}

func TestReadVolunteersProblems(t *testing.T) {
	csvText := "first_name,last_name,email,phone_number,nationbuilder_id\n" +
		"Ana,Souza,ana@example.org,617-555-0100,1\n" +
		"Bad,Email,not an email,,2\n" +
		",,,,3\n" +
		"Bad,Phone,,555-01,4\n"
	in, err := importer.ReadVolunteers(strings.NewReader(csvText), "nationbuilder")
	if err != nil {
		t.Fatal(err)
	}
	if len(in.Rows) != 1 || len(in.Problems) != 3 {
		t.Fatalf("%d rows, problems %v", len(in.Rows), in.Problems)
	}
	for i, want := range []string{"line 3, column 3 (email)", "line 4, column 1 (first_name)", "line 5, column 4 (phone_number)"} {
		if got := in.Problems[i].Error(); !strings.HasPrefix(got, want) {
			t.Errorf("problem %d: %q, want it to start with %q", i, got, want)
		}
	}
}

func firstChanges(c []db.ImportChange) []db.ImportChange {
	if len(c) > 5 {
		return c[:5]
	}
	return c
}

// A name in one cell is split as a person would (db.SplitFullName): "Smith, John" was
// first name "Smith,", "Robert Smith Jr." family name "Jr.".
func TestVolunteerFullNameSplit(t *testing.T) {
	csv := "Full name,Email\n\"Smith, John\",js@example.org\nRobert Smith Jr.,rs@example.org\nMary Ann de la Cruz,mc@example.org\n"
	in, err := importer.ReadVolunteers(strings.NewReader(csv), "")
	if err != nil || len(in.Problems) != 0 || len(in.Rows) != 3 {
		t.Fatalf("%v %v %d rows", err, in.Problems, len(in.Rows))
	}
	want := [][2]string{{"John", "Smith"}, {"Robert", "Smith Jr."}, {"Mary Ann", "de la Cruz"}}
	for i, r := range in.Rows {
		if got := [2]string{r.FirstName, r.LastName}; got != want[i] {
			t.Errorf("row %d: %q, want %q", i+2, got, want[i])
		}
	}
}

// TestStatesAndNumberZips: a state written out or in lower case is stored as its code
// (it was stored as typed: "Puerto Rico", "ma"), and the zip rules go by it; a zip a
// spreadsheet saved as a number ("2139.0") is read as that number (it was stored as
// "2139.0"); Holtsville, NY's 00501 reads from "501" in NY (it was refused).
func TestStatesAndNumberZips(t *testing.T) {
	in, err := importer.ReadVolunteersWith(strings.NewReader("first_name,last_name,email,state,zip\n"+
		"Ana,Rivera,a@x.org,Puerto Rico,601\nBo,Li,b@x.org,ma,2139.0\nCy,Ng,c@x.org,Massachusetts,2139\n"+
		"Di,Ox,d@x.org,NY,501\nEd,Yu,e@x.org,Ontario,K1A 0A6\nFa,Wu,f@x.org,California,90210.0\n"), importer.Options{})
	if err != nil || len(in.Problems) != 0 || len(in.NotZips) != 0 {
		t.Fatalf("%v %v %v", err, in.Problems, in.NotZips)
	}
	want := []string{"PR 00601", "MA 02139", "MA 02139", "NY 00501", "Ontario K1A 0A6", "CA 90210"}
	for i, r := range in.Rows {
		if got := r.State + " " + r.Zip; i >= len(want) || got != want[i] {
			t.Errorf("row %d: %q; want %q", i+2, got, want[min(i, len(want)-1)])
		}
	}
}
