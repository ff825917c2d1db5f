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

// TestImportOwnExportKeepsStatusAndRecruiter: ChapterDesk's own volunteer export,
// imported into a new chapter file, keeps each person's status and recruiter (both
// were lost: everyone came back active and recruited by no one). A recruiter later
// in the file is found; of two volunteers sharing a name, the recruiter is the one
// the recruiter_uuid column names, and in an older export without it the name is
// listed, not guessed; a
// status the roster has otherwise is listed as a conflict, the roster keeping its
// own; undoing the import takes a recruiter it set back.
func TestImportOwnExportKeepsStatusAndRecruiter(t *testing.T) {
	ctx := context.Background()
	from := dbtest.Open(t)
	zed := dbtest.Volunteer(t, from, "Zed", "Zimmer", func(v *db.Volunteer) { v.Email = "zed@example.org" })
	ann := dbtest.Volunteer(t, from, "Ann", "Rec", func(v *db.Volunteer) { v.Email = "ann@example.org" })
	dbtest.Volunteer(t, from, "Al", "Adams", func(v *db.Volunteer) { v.Email, v.RecruiterID = "al@example.org", zed })
	dbtest.Volunteer(t, from, "Bo", "Li", func(v *db.Volunteer) {
		v.Email, v.Status, v.RecruiterID = "bo@example.org", db.StatusInactive, ann
	})
	dbtest.Volunteer(t, from, "Cy", "Ng", func(v *db.Volunteer) { v.Email, v.Status, v.RecruiterID = "cy@example.org", db.StatusMoved, ann })
	dbtest.Volunteer(t, from, "Di", "Ox", func(v *db.Volunteer) { v.Email, v.Status = "di@example.org", db.StatusProspect })
	sam := dbtest.Volunteer(t, from, "Sam", "Lee", func(v *db.Volunteer) { v.Email = "sam1@example.org" })
	dbtest.Volunteer(t, from, "Sam", "Lee", func(v *db.Volunteer) { v.Email = "sam2@example.org" })
	dbtest.Volunteer(t, from, "Eve", "Fox", func(v *db.Volunteer) { v.Email, v.RecruiterID = "eve@example.org", sam })
	var export bytes.Buffer
	if err := reports.WriteVolunteersCSV(ctx, &export, func(fn func(*db.RosterRow) error) error {
		return from.EachRosterVolunteer(ctx, fn)
	}); err != nil {
		t.Fatal(err)
	}
	type kept struct {
		status    db.VolunteerStatus
		recruiter string
	}
	byEmail := func(s *db.Store) map[string]kept {
		m := map[string]kept{}
		for _, r := range dbtest.Roster(t, s) {
			m[r.Email] = kept{r.Status, strings.TrimSpace(r.RecruiterFirst + " " + r.RecruiterLast)}
		}
		return m
	}
	to := dbtest.Open(t)
	bo := dbtest.Volunteer(t, to, "Bo", "Li", func(v *db.Volunteer) { v.Email = "bo@example.org" })
	sum := importCSV(t, to, export.String(), importer.Options{})
	t.Run("keeps each status and recruiter", func(t *testing.T) {
		want, got := byEmail(from), byEmail(to)
		want["eve@example.org"] = kept{db.StatusActive, "Sam Lee"} // of two, the one recruiter_uuid says (below)
		want["bo@example.org"] = kept{db.StatusActive, "Ann Rec"}  // on the roster already: keeps its status
		if len(got) != len(want) {
			t.Fatalf("roster %+v; want %+v", got, want)
		}
		for email, w := range want {
			if got[email] != w {
				t.Errorf("%s: %+v; want %+v", email, got[email], w)
			}
		}
	})
	t.Run("takes the recruiter two volunteers are called by their UUID", func(t *testing.T) {
		var eve, sam1 string
		for _, r := range dbtest.Roster(t, to) {
			switch r.Email {
			case "eve@example.org":
				eve = r.RecruiterUUID
			case "sam1@example.org":
				sam1 = r.UUID
			}
		}
		if eve == "" || eve != sam1 {
			t.Errorf("Eve recruited by %q; want the first Sam Lee, %q", eve, sam1)
		}
	})
	t.Run("lists a recruiter two volunteers share in an older export, and a status the roster has otherwise", func(t *testing.T) {
		old := importCSV(t, dbtest.Open(t), oldExport(t, export.String()), importer.Options{})
		if n := old.RecruitersNotSet; len(n) != 1 || n[0].Name != "Eve Fox" || n[0].Recruiter != "Sam Lee" ||
			!strings.HasPrefix(n[0].Why, "2 volunteers on the roster have that name (") {
			t.Errorf("recruiters not set %+v", n)
		}
		if n := sum.RecruitersNotSet; len(n) != 0 {
			t.Errorf("recruiters not set %+v", n)
		}
		if c := sum.Conflicts; len(c) != 1 || c[0] != (db.VolunteerConflict{Line: c[0].Line, Name: "Bo Li", Field: "status",
			Stored: "Active", InFile: "Inactive", Kept: c[0].Kept}) || c[0].Kept == "" {
			t.Errorf("conflicts %+v", c)
		}
	})
	t.Run("changes nothing imported into the roster it came from", func(t *testing.T) {
		again := importCSV(t, from, export.String(), importer.Options{})
		if again.Updated != 0 || again.Created != 0 || len(again.Conflicts) != 0 {
			t.Errorf("%d created, %d updated, conflicts %+v", again.Created, again.Updated, again.Conflicts)
		}
	})
	t.Run("takes the recruiter it set back when undone", func(t *testing.T) {
		if _, err := to.UndoImport(ctx, sum.BatchID); err != nil {
			t.Fatal(err)
		}
		v, err := to.Volunteer(ctx, bo)
		if err != nil || v.RecruiterID != 0 {
			t.Errorf("Bo's recruiter %d, %v; want none", v.RecruiterID, err)
		}
	})
}

// TestImportRefusesUnknownStatus: in ChapterDesk's own export (its ok_call column
// says so), a status ChapterDesk does not know refuses its row, naming the line,
// column and the statuses it knows; it is never guessed. A lead's own sheet's
// "Status" is not a volunteer's status, and is not read.
func TestImportRefusesUnknownStatus(t *testing.T) {
	t.Run("a sheet's own Status column is not read", func(t *testing.T) {
		in, err := importer.ReadVolunteers(strings.NewReader("First Name,Last Name,Email,Status,Recruiter\n"+
			"Ann,A,ann@example.org,Confirmed,Bo B\nBo,B,bo@example.org,RSVP'd,\n"), "")
		if err != nil {
			t.Fatal(err)
		}
		if len(in.Problems) != 0 || len(in.Rows) != 2 || in.Rows[0].StatusSaid || in.Rows[0].Recruiter != "" {
			t.Fatalf("problems %v, rows %+v", in.Problems, in.Rows)
		}
	})
	in, err := importer.ReadVolunteers(strings.NewReader("first_name,last_name,email,status,ok_call\n"+
		"Ann,A,ann@example.org,Retired,yes\nBo,B,bo@example.org,inactive,yes\n"), "")
	if err != nil {
		t.Fatal(err)
	}
	if len(in.Problems) != 1 || len(in.Rows) != 1 || in.Rows[0].Status != db.StatusInactive {
		t.Fatalf("problems %v, %d rows", in.Problems, len(in.Rows))
	}
	want := `line 2, column 4 (status): "Retired" is not a volunteer status ChapterDesk knows (prospect, active, inactive, moved), and it is never guessed`
	if got := in.Problems[0].Error(); got != want {
		t.Errorf("%s\nwant %s", got, want)
	}
}

// TestOwnExportListCellsReadBack: a volunteer whose tags or skills begin with a
// formula sign ("+a", "=b") is exported with the protective quote before the list
// cell ("'+a, =b"); imported back, the quote is the export's, not the tag's. It used
// to stay on the first tag: a new file got the tag "'+a", and the same file gave the
// volunteer both "+a" and "'+a".
func TestOwnExportListCellsReadBack(t *testing.T) {
	ctx := context.Background()
	from := dbtest.Open(t)
	dbtest.Volunteer(t, from, "Ama", "Owusu", func(v *db.Volunteer) {
		v.Email, v.Tags, v.Skills = "ama@example.org", []string{"+a", "=b"}, []string{"-s", "zz"}
	})
	dbtest.Volunteer(t, from, "Kofi", "Mensah", func(v *db.Volunteer) {
		v.Email, v.Tags, v.Skills = "kofi@example.org", []string{"@d"}, []string{"@t"}
	})
	var export bytes.Buffer
	if err := reports.WriteVolunteersCSV(ctx, &export, func(fn func(*db.RosterRow) error) error {
		return from.EachRosterVolunteer(ctx, fn)
	}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(export.String(), "'") {
		t.Fatalf("the export quotes no cell; the test tests nothing:\n%s", export.String())
	}
	lists := func(s *db.Store) map[string][2]string {
		m := map[string][2]string{}
		for _, r := range dbtest.Roster(t, s) {
			m[r.Email] = [2]string{r.Tags, r.Skills}
		}
		return m
	}
	want := lists(from)
	for _, c := range []struct {
		name string
		to   *db.Store
	}{{"new file", dbtest.Open(t)}, {"same file", from}} {
		importCSV(t, c.to, export.String(), importer.Options{})
		if got := lists(c.to); len(got) != len(want) {
			t.Errorf("%s: %v; want %v", c.name, got, want)
		} else {
			for email, w := range want {
				if got[email] != w {
					t.Errorf("%s: %s has tags, skills %q; want %q", c.name, email, got[email], w)
				}
			}
		}
	}
}
