package importer_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
	"github.com/chapterdesk/chapterdesk/importer"
	"github.com/chapterdesk/chapterdesk/reports"
)

// person is what a round trip must give back of a volunteer: every field a lead
// sees, the recruiter by their email or phone (row ids differ between databases;
// so do UUIDs on a chapter server, where a volunteer created gets a new one).
type person struct {
	UUID, First, Last, Email, Phone, Mobile, Address1, Address2, City, State, Zip string
	Senate, House                                                                 string
	OKCall, OKText, OKEmail, DoNotContact                                         bool
	Status                                                                        db.VolunteerStatus
	Recruiter, Notes, JoinedOn                                                    string
	Tags, Skills, Languages                                                       string
}

// people reads every live volunteer of s, by UUID.
func people(t *testing.T, s *db.Store) map[string]person {
	t.Helper()
	ctx := context.Background()
	byID := map[int64]db.Volunteer{}
	for _, r := range dbtest.Roster(t, s) {
		v, err := s.Volunteer(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		byID[v.ID] = v
	}
	_, server := dbtest.URLOf(s)
	key := func(v db.Volunteer) string {
		if v.ID == 0 {
			return "" // nobody
		}
		return v.Email + "|" + v.Phone + "|" + v.Mobile
	}
	out := map[string]person{}
	for _, v := range byID {
		if server {
			v.UUID = "(new on a server)"
		}
		out[key(v)] = person{UUID: v.UUID, First: v.FirstName, Last: v.LastName, Email: v.Email, Phone: v.Phone,
			Mobile: v.Mobile, Address1: v.Address1, Address2: v.Address2, City: v.City, State: v.State, Zip: v.Zip,
			Senate: v.SenateDistrict, House: v.HouseDistrict, OKCall: v.OKCall, OKText: v.OKText, OKEmail: v.OKEmail,
			DoNotContact: v.DoNotContact, Status: v.Status, Recruiter: key(byID[v.RecruiterID]), Notes: v.Notes,
			JoinedOn: v.JoinedOn, Tags: sortedList(v.Tags), Skills: sortedList(v.Skills), Languages: sortedList(v.Languages)}
	}
	return out
}

func sortedList(s []string) string {
	s = slices.Clone(s)
	slices.Sort(s)
	return strings.Join(s, "|")
}

// samePeople reports every volunteer of want that got differs, field by field.
func samePeople(t *testing.T, got, want map[string]person) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%d volunteers; want %d", len(got), len(want))
	}
	for id, w := range want {
		g, ok := got[id]
		if !ok {
			t.Errorf("%s %s (%s): not there", w.First, w.Last, id)
			continue
		}
		if g != w {
			t.Errorf("%s %s:\n got %+v\nwant %+v", w.First, w.Last, g, w)
		}
	}
}

// exportVolunteers is `chapterdesk export volunteers` into a string.
func exportVolunteers(t *testing.T, s *db.Store) string {
	t.Helper()
	var b bytes.Buffer
	if err := reports.WriteVolunteersCSV(context.Background(), &b, func(fn func(*db.RosterRow) error) error {
		return s.EachRosterVolunteer(context.Background(), fn)
	}); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// recordChapter is a chapter with what a round trip can lose: tags and skills (one
// name both), two recruiters called Maria Santos, every status, notes with commas,
// quotes, newlines and emoji, accented names, a cell a spreadsheet would run.
func recordChapter(t *testing.T, s *db.Store) {
	t.Helper()
	maria1 := dbtest.Volunteer(t, s, "Maria", "Santos", func(v *db.Volunteer) {
		v.Email, v.Zip, v.Skills = "maria.s@example.org", "02130", []string{"public speaking"}
	})
	maria2 := dbtest.Volunteer(t, s, "Maria", "Santos", func(v *db.Volunteer) {
		v.Email, v.Zip, v.Status = "msantos@example.net", "01840", db.StatusProspect
	})
	dbtest.Volunteer(t, s, "José", "Núñez-Pérez", func(v *db.Volunteer) {
		v.Email, v.Phone, v.RecruiterID, v.Status = "jose@example.org", "+1 617 555 0100", maria1, db.StatusInactive
		v.Tags, v.Skills, v.Languages = []string{"canvass", "new volunteer"}, []string{"public speaking", "translation"}, []string{"es", "pt"}
		v.Notes = "He said \"call me, later\";\nafter 6pm 🎉, not Sundays"
		v.OKText, v.JoinedOn = false, "2024-03-09"
		v.Address1, v.Address2, v.City, v.State, v.Zip = "12 Centre St", "Apt 3", "Jamaica Plain", "MA", "02130"
		v.SenateDistrict, v.HouseDistrict = "Second Suffolk", "15th Suffolk"
	})
	dbtest.Volunteer(t, s, "Zoë", "Đặng", func(v *db.Volunteer) {
		v.Mobile, v.RecruiterID, v.Status, v.DoNotContact = "(978) 555-0199", maria2, db.StatusMoved, true
		v.Tags, v.Skills = []string{"public speaking"}, []string{"public speaking"}
		v.Notes, v.OKEmail = "-moved to Lowell; =ask Maria", false
	})
	dbtest.Volunteer(t, s, "Ana Lúcia", "Gonçalves", func(v *db.Volunteer) { // no email: may be emailed once given one
		v.Phone, v.Notes, v.OKText = "617.555.0142", "two  spaces,\ta tab", true
	})
	dbtest.Volunteer(t, s, "Siobhán", "O'Connor", func(v *db.Volunteer) {
		v.Email, v.OKCall, v.RecruiterID = "siobhan@example.org", false, maria2
		v.Skills, v.Languages = []string{"driver"}, []string{"ga"}
	})
}

// oldExport is export as ChapterDesk wrote it before skills and recruiters' UUIDs had
// columns of their own: the skills joined into the tags, the recruiter by name only.
func oldExport(t *testing.T, export string) string {
	t.Helper()
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(export, "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	tags, skills := slices.Index(rows[0], "tags"), slices.Index(rows[0], "skills")
	if tags < 0 || skills < 0 {
		t.Fatalf("the export has no tags or skills column: %v", rows[0])
	}
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	for i, row := range rows {
		if i > 0 && row[skills] != "" {
			row[tags] = strings.TrimPrefix(row[tags]+", "+row[skills], ", ")
		}
		var out []string
		for j, cell := range row {
			if j != skills && rows[0][j] != "recruiter_uuid" {
				out = append(out, cell)
			}
		}
		if err := w.Write(out); err != nil {
			t.Fatal(err)
		}
	}
	w.Flush()
	return b.String()
}

// TestOwnExportKeepsSkillsApart: the export writes skills in a column of their own
// and the import reads them back as skills. They were joined into the tags column
// and came back as tags: a skill "public speaking" became a tag beside the skill
// (re-imported into the same database) or a tag only (into a fresh one). An older
// export, whose tags column holds the skills, adds no skill as a tag to the person
// who has it.
func TestOwnExportKeepsSkillsApart(t *testing.T) {
	labels := func(t *testing.T, s *db.Store) map[string]string {
		m := map[string]string{}
		for _, p := range people(t, s) {
			m[p.Email+p.Mobile] = "tags " + p.Tags + "; skills " + p.Skills
		}
		return m
	}
	dbtest.Each(t, func(t *testing.T, open func(testing.TB) *db.Store) {
		from := open(t)
		recordChapter(t, from)
		want := labels(t, from)
		export := exportVolunteers(t, from)
		check := func(t *testing.T, s *db.Store, sum db.VolunteerImportSummary, created int) {
			t.Helper()
			if sum.Created != created || sum.Updated != 0 {
				t.Errorf("%d created, %d updated; want %d created, none updated", sum.Created, sum.Updated, created)
			}
			got := labels(t, s)
			for k, w := range want {
				if got[k] != w {
					t.Errorf("%s: %s; want %s", k, got[k], w)
				}
			}
		}
		t.Run("into the database it came from", func(t *testing.T) {
			check(t, from, importCSV(t, from, export, importer.Options{}), 0)
		})
		t.Run("an older export into the database it came from", func(t *testing.T) {
			check(t, from, importCSV(t, from, oldExport(t, export), importer.Options{}), 0)
		})
		t.Run("into a fresh database", func(t *testing.T) {
			to := open(t)
			check(t, to, importCSV(t, to, export, importer.Options{}), len(want))
		})
	})
}

// TestOwnExportRoundTrip: ChapterDesk's own volunteer export, imported back into the
// database it came from and into a fresh one, gives back every volunteer as they
// were, field by field; imported again it changes nothing.
func TestOwnExportRoundTrip(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, open func(testing.TB) *db.Store) {
		from := open(t)
		recordChapter(t, from)
		want := people(t, from)
		export := exportVolunteers(t, from)
		t.Run("imported into the database it came from changes nothing", func(t *testing.T) {
			sum := importCSV(t, from, export, importer.Options{})
			if sum.Created != 0 || sum.Updated != 0 || len(sum.Conflicts) != 0 || len(sum.RecruitersNotSet) != 0 {
				t.Errorf("%d created, %d updated, conflicts %+v, recruiters not set %+v", sum.Created, sum.Updated,
					sum.Conflicts, sum.RecruitersNotSet)
			}
			samePeople(t, people(t, from), want)
		})
		t.Run("imported into a fresh database gives back every volunteer", func(t *testing.T) {
			to := open(t)
			sum := importCSV(t, to, export, importer.Options{})
			if sum.Created != len(want) || len(sum.Conflicts) != 0 || len(sum.RecruitersNotSet) != 0 {
				t.Errorf("%d created, conflicts %+v, recruiters not set %+v", sum.Created, sum.Conflicts, sum.RecruitersNotSet)
			}
			samePeople(t, people(t, to), want)
			again := importCSV(t, to, exportVolunteers(t, to), importer.Options{})
			if again.Created != 0 || again.Updated != 0 || len(again.Conflicts) != 0 || len(again.RecruitersNotSet) != 0 {
				t.Errorf("again: %d created, %d updated, conflicts %+v, recruiters not set %+v", again.Created,
					again.Updated, again.Conflicts, again.RecruitersNotSet)
			}
			samePeople(t, people(t, to), want)
		})
	})
}

// TestOldOwnExportRoundTrip: an export written before skills and recruiters' UUIDs
// had columns of their own (its tags column holds the skills too, its recruiter is a
// name) imported back into the database it came from doubles nothing, and a
// recruiter two volunteers are called is listed, not linked; into a fresh database
// that row is listed too, never linked to one of the two.
func TestOldOwnExportRoundTrip(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, open func(testing.TB) *db.Store) {
		from := open(t)
		recordChapter(t, from)
		want := people(t, from)
		old := oldExport(t, exportVolunteers(t, from))
		t.Run("imported into the database it came from doubles nothing", func(t *testing.T) {
			sum := importCSV(t, from, old, importer.Options{})
			if sum.Created != 0 || sum.Updated != 0 || len(sum.Conflicts) != 0 || len(sum.RecruitersNotSet) != 0 {
				t.Errorf("%d created, %d updated, conflicts %+v, recruiters not set %+v", sum.Created, sum.Updated,
					sum.Conflicts, sum.RecruitersNotSet)
			}
			samePeople(t, people(t, from), want)
		})
		t.Run("a recruiter two volunteers are called is listed, never linked", func(t *testing.T) {
			to := open(t)
			sum := importCSV(t, to, old, importer.Options{})
			var listed []string
			for _, n := range sum.RecruitersNotSet {
				if n.Recruiter != "Maria Santos" || !strings.HasPrefix(n.Why, "2 volunteers on the roster have that name") {
					t.Errorf("listed %+v", n)
				}
				listed = append(listed, n.Name)
			}
			slices.Sort(listed)
			if fmt.Sprint(listed) != "[José Núñez-Pérez Siobhán O'Connor Zoë Đặng]" {
				t.Errorf("listed %v; want José, Siobhán and Zoë", listed)
			}
			for _, p := range people(t, to) {
				if p.Recruiter != "" {
					t.Errorf("%s %s linked to a recruiter", p.First, p.Last)
				}
			}
		})
	})
}

// TestOwnExportNamesByUUID: the export's uuid and recruiter_uuid columns say who is
// who. A volunteer on the roster whose every other value changed since the export
// is the one the row's UUID names, not a new one; a recruiter UUID no one has is
// listed, never taken for someone of that name.
func TestOwnExportNamesByUUID(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, open func(testing.TB) *db.Store) {
		ctx := context.Background()
		s := open(t)
		jo := dbtest.Volunteer(t, s, "Jo", "Ames", func(v *db.Volunteer) { v.City, v.Zip = "Boston", "02118" })
		dbtest.Volunteer(t, s, "Al", "Bee", func(v *db.Volunteer) { v.Email, v.RecruiterID = "al@example.org", jo })
		export := exportVolunteers(t, s)
		v, err := s.Volunteer(ctx, jo)
		if err != nil {
			t.Fatal(err)
		}
		v.City, v.Zip, v.Notes = "Chelsea", "02150", "moved"
		if err := s.UpdateVolunteer(ctx, v); err != nil {
			t.Fatal(err)
		}
		t.Run("a volunteer whose values changed is found by their UUID", func(t *testing.T) {
			sum := importCSV(t, s, export, importer.Options{})
			if sum.Created != 0 || len(dbtest.Roster(t, s)) != 2 {
				t.Errorf("%d created, roster of %d; want Jo found again", sum.Created, len(dbtest.Roster(t, s)))
			}
		})
		t.Run("a recruiter UUID no one has is listed, not taken by name", func(t *testing.T) {
			to := open(t)
			dbtest.Volunteer(t, to, "Jo", "Ames", func(v *db.Volunteer) { v.Email = "other.jo@example.org" })
			lines := strings.Split(export, "\n")
			var only []string // the header and Al's row: Jo, the recruiter, is not in the file
			for _, line := range lines {
				if !strings.Contains(line, ",Jo,Ames,") {
					only = append(only, line)
				}
			}
			sum := importCSV(t, to, strings.Join(only, "\n"), importer.Options{})
			if n := sum.RecruitersNotSet; len(n) != 1 || n[0].Name != "Al Bee" ||
				!strings.HasPrefix(n[0].Why, "no volunteer of the file or on the roster has the recruiter's UUID") {
				t.Errorf("recruiters not set %+v", n)
			}
			for _, r := range dbtest.Roster(t, to) {
				if r.RecruiterFirst != "" {
					t.Errorf("%s %s recruited by %s %s", r.FirstName, r.LastName, r.RecruiterFirst, r.RecruiterLast)
				}
			}
		})
	})
}

// TestOwnExportStatusConflicts: the statuses a file gives are compared with those the
// import read with the roster, and with those of the volunteers it created or made
// inactive itself: each one that differs is a conflict, the roster keeping its own.
func TestOwnExportStatusConflicts(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, open func(testing.TB) *db.Store) {
		s := open(t)
		dbtest.Volunteer(t, s, "Bo", "Li", func(v *db.Volunteer) { v.Email, v.Status = "bo@example.org", db.StatusMoved })
		dbtest.Volunteer(t, s, "Cy", "Ng", func(v *db.Volunteer) { v.Email, v.Status = "cy@example.org", db.StatusProspect })
		sum := importCSV(t, s, "first_name,last_name,email,status,ok_call\n"+
			"Bo,Li,bo@example.org,Moved,yes\n"+ // as stored
			"Cy,Ng,cy@example.org,Active,yes\n"+ // stored prospect
			"Di,Ox,di@example.org,Inactive,yes\n"+ // created inactive
			"Di,Ox,di@example.org,Active,yes\n", importer.Options{})
		var got []string
		for _, c := range sum.Conflicts {
			got = append(got, fmt.Sprintf("%d %s %s/%s", c.Line, c.Name, c.Stored, c.InFile))
		}
		if want := "[3 Cy Ng Prospect/Active 5 Di Ox Inactive/Active]"; fmt.Sprint(got) != want {
			t.Errorf("conflicts %v; want %s", got, want)
		}
	})
}
