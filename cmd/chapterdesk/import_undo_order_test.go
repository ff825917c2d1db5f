package main

import (
	"context"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
)

// The tester's repro-8: three roster imports taking the file's values changed one
// person's email and city a -> b -> c; 'import undo' of the middle one put back a
// and wiped c, and the undo of the last then put back b. The middle undo is refused
// now, naming the import to undo first; and a city the lead edited in the app after
// the last import stays when it is undone, the output saying so.
func TestUndoOfTheMiddleOfThreeImports(t *testing.T) {
	path := filepath.Join(t.TempDir(), "r.db")
	run := verbRunner(t)
	var batches []string
	for i, v := range [][2]string{{"a@example.org", "Boston"}, {"b@example.org", "Cambridge"}, {"c@example.org", "Somerville"}} {
		f := writeFile(t, "f.csv", "nationbuilder_id,first_name,last_name,email,primary_city,primary_zip\n1,Al,Doe,"+v[0]+","+v[1]+",02130\n")
		m := regexp.MustCompile(`import batch (\d+)`).FindStringSubmatch(run(0, "import", "volunteers", f, "--take-file-values", "--db", path))
		if m == nil {
			t.Fatalf("import %d: no batch", i)
		}
		batches = append(batches, m[1])
	}
	if out := run(1, "import", "undo", batches[1], "--db", path); !strings.Contains(out, "undo import "+batches[2]+" first") {
		t.Errorf("undo of the middle import:\n%s", out)
	}
	ctx := context.Background()
	s, err := db.Open(ctx, path, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	found, err := s.ListVolunteers(ctx, db.VolunteerFilter{}, 0, 10)
	if err != nil || len(found) != 1 {
		t.Fatalf("%d volunteers, %v", len(found), err)
	}
	v, err := s.Volunteer(ctx, found[0].ID)
	if err != nil || v.Email != "c@example.org" || v.City != "Somerville" {
		t.Fatalf("after the refused undo: %q %q %v", v.Email, v.City, err)
	}
	v.City = "Medford"
	if err := s.UpdateVolunteer(ctx, v); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if out := run(0, "import", "undo", batches[2], "--db", path); !strings.Contains(out, "1 volunteer it changed keep the values of fields changed since the import") {
		t.Errorf("undo of the last import, its city edited since:\n%s", out)
	}
	s, err = db.Open(ctx, path, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if v, err = s.Volunteer(ctx, found[0].ID); err != nil || v.Email != "b@example.org" || v.City != "Medford" {
		t.Errorf("after the undo: %q %q %v, want b@example.org and the city edited in the app", v.Email, v.City, err)
	}
}
