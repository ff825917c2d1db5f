package db_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

func TestVolunteers(t *testing.T) {
	ctx := context.Background()

	t.Run("stores every field and reads it back, phones normalized to E.164", func(t *testing.T) {
		s := dbtest.Open(t)
		recruiter := dbtest.Volunteer(t, s, "Rosa", "Medeiros", nil)
		v := db.NewVolunteer(" María José ", "Nguyễn")
		v.Email, v.Phone, v.Mobile = "mj@example.org", "'(617) 555-0134", "+1 857.555.0199"
		v.Address1, v.City, v.State, v.Zip = "12 Centre St", "Jamaica Plain", "MA", "02130"
		v.SenateDistrict, v.HouseDistrict = "Second Suffolk", "15th Suffolk"
		v.OKText, v.DoNotContact, v.Status = true, false, db.StatusProspect
		v.RecruiterID, v.Source, v.Notes, v.JoinedOn = recruiter, "house meeting", "Speaks at church", "2026-03-01"
		v.Tags, v.Skills, v.Languages = []string{"phonebank", "canvass", "Phonebank"}, []string{"translation"}, []string{"ES", "en"}
		id, err := s.CreateVolunteer(ctx, v)
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.Volunteer(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if got.FirstName != "María José" || got.LastName != "Nguyễn" || got.PhoneE164 != "+16175550134" ||
			got.MobileE164 != "+18575550199" || got.Phone != "'(617) 555-0134" || got.RecruiterID != recruiter ||
			got.Status != db.StatusProspect || !got.OKText || got.JoinedOn != "2026-03-01" || got.UUID == "" {
			t.Errorf("read back %+v", got)
		}
		if !slices.Equal(got.Tags, []string{"canvass", "phonebank"}) || !slices.Equal(got.Skills, []string{"translation"}) ||
			!slices.Equal(got.Languages, []string{"en", "es"}) {
			t.Errorf("labels: tags %v skills %v languages %v", got.Tags, got.Skills, got.Languages)
		}
	})

	t.Run("refuses what a person could have mistyped, naming the field", func(t *testing.T) {
		s := dbtest.Open(t)
		for _, c := range []struct {
			field string
			edit  func(*db.Volunteer)
		}{
			{"name", func(v *db.Volunteer) { v.FirstName, v.LastName = " ", "" }},
			{"email", func(v *db.Volunteer) { v.Email = "ana at example" }},
			{"email", func(v *db.Volunteer) { v.Email = "Ana <ana@example.org>" }},
			{"phone", func(v *db.Volunteer) { v.Phone = "555-01" }},
			{"mobile", func(v *db.Volunteer) { v.Mobile = "call me" }},
			{"status", func(v *db.Volunteer) { v.Status = "retired" }},
			{"joined_on", func(v *db.Volunteer) { v.JoinedOn = "3/1/26" }},
		} {
			v := db.NewVolunteer("Ana", "Souza")
			c.edit(&v)
			_, err := s.CreateVolunteer(ctx, v)
			var ve *db.ValidationError
			if !errors.As(err, &ve) || ve.Field != c.field || ve.Message == "" {
				t.Errorf("%s: err = %v", c.field, err)
			}
		}
		if n, _ := s.CountVolunteers(ctx, db.VolunteerFilter{}); n != 0 {
			t.Errorf("%d volunteers stored", n)
		}
	})

	t.Run("updates a volunteer and their labels", func(t *testing.T) {
		s := dbtest.Open(t)
		id := dbtest.Volunteer(t, s, "Ana", "Souza", func(v *db.Volunteer) { v.Tags = []string{"canvass"} })
		v, _ := s.Volunteer(ctx, id)
		v.LastName, v.Phone, v.Tags = "Souza-Lima", "508 555 0100", []string{"host"}
		if err := s.UpdateVolunteer(ctx, v); err != nil {
			t.Fatal(err)
		}
		got, _ := s.Volunteer(ctx, id)
		if got.LastName != "Souza-Lima" || got.PhoneE164 != "+15085550100" || !slices.Equal(got.Tags, []string{"host"}) {
			t.Errorf("after update %+v", got)
		}
		if rows, _ := s.SearchVolunteers(ctx, "souza-l", 10); len(rows) != 1 {
			t.Errorf("search by the new name found %d", len(rows))
		}
	})

	t.Run("refuses to make a volunteer their own recruiter", func(t *testing.T) {
		s := dbtest.Open(t)
		id := dbtest.Volunteer(t, s, "Ana", "Souza", nil)
		v, _ := s.Volunteer(ctx, id)
		v.RecruiterID = id
		var ve *db.ValidationError
		if err := s.UpdateVolunteer(ctx, v); !errors.As(err, &ve) {
			t.Errorf("err = %v", err)
		}
	})

	t.Run("moves a volunteer to the trash and back", func(t *testing.T) {
		s := dbtest.Open(t)
		id := dbtest.Volunteer(t, s, "Ana", "Souza", nil)
		if err := s.TrashVolunteer(ctx, id); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Volunteer(ctx, id); !errors.Is(err, db.ErrNotFound) {
			t.Errorf("trashed volunteer loads: %v", err)
		}
		if rows, _ := s.SearchVolunteers(ctx, "Ana", 10); len(rows) != 0 {
			t.Errorf("trashed volunteer found by search")
		}
		if err := s.TrashVolunteer(ctx, id); !errors.Is(err, db.ErrNotFound) {
			t.Errorf("trashing twice: %v", err)
		}
		if err := s.RestoreVolunteer(ctx, id); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Volunteer(ctx, id); err != nil {
			t.Errorf("restored volunteer: %v", err)
		}
		counts, _ := s.Counts(ctx)
		if countOf(counts, "volunteers") != 1 || countOf(counts, "trash") != 0 {
			t.Errorf("counts %v", counts)
		}
	})
}

func TestSearchVolunteers(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	people := []struct{ first, last, email, phone, zip string }{
		{"María", "Nguyễn", "maria.n@example.org", "(617) 555-0134", "02130"},
		{"Mario", "Rossi", "MRossi@Example.org", "508-555-0177", "01602"},
		{"Thảo", "Trần", "thao@example.org", "+1 857 555 0102", "02128"},
		{"Ana", "Marquez", "ana@example.org", "", "02130"},
		{"Kevin", "O'Brien", "", "413.555.0150", "01103"},
	}
	for _, p := range people {
		dbtest.Volunteer(t, s, p.first, p.last, func(v *db.Volunteer) { v.Email, v.Phone, v.Zip = p.email, p.phone, p.zip })
	}
	for _, c := range []struct {
		query string
		want  []string
	}{
		{"mar", []string{"Ana Marquez", "María Nguyễn", "Mario Rossi"}},
		{"maria", []string{"María Nguyễn"}},
		{"MARÍA ngu", []string{"María Nguyễn"}},
		{"nguyen", []string{"María Nguyễn"}},
		{"tran", []string{"Thảo Trần"}},
		{"thao tr", []string{"Thảo Trần"}},
		{"o'bri", []string{"Kevin O'Brien"}},
		{"mrossi@", []string{"Mario Rossi"}},
		{"ana@ex", []string{"Ana Marquez"}},
		{"617555", []string{"María Nguyễn"}},
		{"(508) 555", []string{"Mario Rossi"}},
		{"+1857", []string{"Thảo Trần"}},
		{"0213", []string{"Ana Marquez", "María Nguyễn"}},
		{"zzz", nil},
		{"  ", nil},
	} {
		t.Run(fmt.Sprintf("finds %q", c.query), func(t *testing.T) {
			rows, err := s.SearchVolunteers(ctx, c.query, 20)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, r := range rows {
				got = append(got, r.Name())
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
	t.Run("stops at the limit", func(t *testing.T) {
		rows, _ := s.SearchVolunteers(ctx, "m", 2)
		if len(rows) != 2 {
			t.Errorf("%d rows, want 2", len(rows))
		}
	})
}

func TestListVolunteers(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	for i := range 25 {
		dbtest.Volunteer(t, s, "Vol", fmt.Sprintf("Number%02d", i), func(v *db.Volunteer) {
			if i%2 == 0 {
				v.Tags, v.Languages = []string{"phonebank"}, []string{"pt"}
			}
			if i%5 == 0 {
				v.DoNotContact = true
			}
			v.HouseDistrict = fmt.Sprintf("%dth Middlesex", i%3+4)
		})
	}
	t.Run("pages through the roster in name order", func(t *testing.T) {
		page1, _ := s.ListVolunteers(ctx, db.VolunteerFilter{}, 0, 10)
		page3, _ := s.ListVolunteers(ctx, db.VolunteerFilter{}, 20, 10)
		if len(page1) != 10 || len(page3) != 5 || page1[0].LastName != "Number00" || page3[4].LastName != "Number24" {
			t.Errorf("page1 %d rows from %v, page3 %d rows", len(page1), page1[0].LastName, len(page3))
		}
	})
	for _, c := range []struct {
		name string
		f    db.VolunteerFilter
		want int
	}{
		{"by tag", db.VolunteerFilter{Tag: "PhoneBank"}, 13},
		{"by language", db.VolunteerFilter{Language: "pt"}, 13},
		{"by district", db.VolunteerFilter{District: "4th Middlesex"}, 9},
		{"who may be called", db.VolunteerFilter{MayCall: true}, 20},
		{"by search text", db.VolunteerFilter{Query: "number1"}, 10},
		{"combined", db.VolunteerFilter{Tag: "phonebank", MayCall: true}, 10},
	} {
		t.Run("filters "+c.name, func(t *testing.T) {
			n, err := s.CountVolunteers(ctx, c.f)
			rows, _ := s.ListVolunteers(ctx, c.f, 0, 100)
			if err != nil || n != c.want || len(rows) != c.want {
				t.Errorf("count %d, listed %d, want %d (err %v)", n, len(rows), c.want, err)
			}
		})
	}
}

func countOf(counts []db.Count, name string) int {
	for _, c := range counts {
		if c.Name == name {
			return c.Count
		}
	}
	return -1
}

func TestNormalizeReadsAnEditedPhoneAgain(t *testing.T) {
	v := db.NewVolunteer("Ana", "Souza")
	v.Phone = "617-555-0100"
	if err := v.Normalize(); err != nil || v.PhoneE164 != "+16175550100" {
		t.Fatalf("%q %v", v.PhoneE164, err)
	}
	v.Phone = "508-555-0199"
	if err := v.Normalize(); err != nil || v.PhoneE164 != "+15085550199" {
		t.Errorf("after editing the phone: %q %v", v.PhoneE164, err)
	}
	v.Phone = "nope"
	if err := v.Normalize(); err == nil {
		t.Error("an edited, unreadable phone was accepted")
	}
}

func TestListVolunteersDenseAndSparse(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	for _, n := range [][2]string{{"Maria", "Silva"}, {"Mario", "Costa"}, {"Ana", "Martins"}, {"Bruno", "Mota"},
		{"Carla", "Alves"}, {"Marta", "Zimmer"}, {"José", "Maçedo"}} {
		dbtest.Volunteer(t, s, n[0], n[1], nil)
	}
	names := func(f db.VolunteerFilter, offset, limit int) []string {
		rows, err := s.ListVolunteers(ctx, f, offset, limit)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, r := range rows {
			out = append(out, r.Name())
		}
		return out
	}
	for _, q := range []string{"ma", "m", "mar", "zz", "ma s", "m m", "mar z", "m zz"} {
		f := db.VolunteerFilter{Query: q}
		sparse := names(f, 0, 100)
		sparsePage := names(f, 1, 2)
		restore := db.SetDenseMatches(1)
		dense := names(f, 0, 100)
		densePage := names(f, 1, 2)
		restore()
		if !slices.Equal(sparse, dense) || !slices.Equal(sparsePage, densePage) {
			t.Errorf("%q: collected %q / %q, walked %q / %q", q, sparse, sparsePage, dense, densePage)
		}
		if n, _ := s.CountVolunteersUpTo(ctx, f, 2); n > 2 {
			t.Errorf("%q: count up to 2 gave %d", q, n)
		}
	}
	want := []string{"Mario Costa", "José Maçedo", "Ana Martins", "Maria Silva", "Marta Zimmer"}
	if got := names(db.VolunteerFilter{Query: "ma"}, 0, 100); !slices.Equal(got, want) {
		t.Errorf("ma: %q, want %q", got, want)
	}
}

func TestDoNotContactClosesEveryChannel(t *testing.T) {
	ctx := context.Background()
	s := dbtest.OpenFile(t)
	t.Run("the store clears call, text and email of a do-not-contact volunteer", func(t *testing.T) {
		v := db.NewVolunteer("Rui", "Dias")
		v.OKCall, v.OKText, v.OKEmail, v.DoNotContact = true, true, true, true
		id, err := s.CreateVolunteer(ctx, v)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := s.Volunteer(ctx, id)
		if got.OKCall || got.OKText || got.OKEmail || !got.DoNotContact {
			t.Errorf("stored call %v text %v email %v dnc %v", got.OKCall, got.OKText, got.OKEmail, got.DoNotContact)
		}
		got.OKEmail = true
		if err := s.UpdateVolunteer(ctx, got); err != nil {
			t.Fatal(err)
		}
		if got, _ = s.Volunteer(ctx, id); got.OKEmail {
			t.Error("an update reopened email")
		}
	})
	t.Run("a writer going around the store cannot make such a row either", func(t *testing.T) {
		id := dbtest.Volunteer(t, s, "Eva", "Reis", nil)
		raw, err := sql.Open("sqlite", "file:"+s.Path()+"?_pragma=busy_timeout(5000)")
		if err != nil {
			t.Fatal(err)
		}
		defer raw.Close()
		if _, err := raw.Exec(`UPDATE volunteers SET do_not_contact = 1 WHERE id = ?`, id); err != nil {
			t.Fatal(err)
		}
		var open int
		raw.QueryRow(`SELECT ok_call + ok_text + ok_email FROM volunteers WHERE id = ?`, id).Scan(&open)
		if open != 0 {
			t.Errorf("%d channels open", open)
		}
	})
	t.Run("a load into a live roster keeps the rule, and the trigger it suspends is back after", func(t *testing.T) {
		s := dbtest.OpenFile(t)
		var id int64
		err := s.Load(ctx, db.LoadOptions{}, func(l *db.Loader) error { // into the live indexes
			v := db.NewVolunteer("Lia", "Lote")
			v.OKCall, v.OKText, v.OKEmail, v.DoNotContact = true, true, true, true
			err := l.AddVolunteer(&v)
			id = v.ID
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if got, _ := s.Volunteer(ctx, id); got.OKCall || got.OKText || got.OKEmail || !got.DoNotContact {
			t.Errorf("loaded: call %v text %v email %v dnc %v", got.OKCall, got.OKText, got.OKEmail, got.DoNotContact)
		}
		raw, err := sql.Open("sqlite", "file:"+s.Path()+"?_pragma=busy_timeout(5000)")
		if err != nil {
			t.Fatal(err)
		}
		defer raw.Close()
		if _, err := raw.Exec(`INSERT INTO volunteers (uuid, chapter_id, first_name, ok_call, do_not_contact, created_at, updated_at)
			SELECT 'raw-after-load', id, 'Raw', 1, 1, 0, 0 FROM chapters WHERE is_self = 1`); err != nil {
			t.Fatal(err)
		}
		var open int
		raw.QueryRow(`SELECT ok_call FROM volunteers WHERE uuid = 'raw-after-load'`).Scan(&open)
		if open != 0 {
			t.Error("after the load, an insert around the store kept ok_call: the trigger is gone")
		}
	})
	t.Run("lists for phoning leave out do-not-contact, moved and inactive volunteers", func(t *testing.T) {
		s := dbtest.OpenFile(t)
		dbtest.Volunteer(t, s, "Ana", "Ativa", nil)
		dbtest.Volunteer(t, s, "Bia", "Bloqueio", func(v *db.Volunteer) { v.DoNotContact = true })
		dbtest.Volunteer(t, s, "Caio", "Mudou", func(v *db.Volunteer) { v.Status = db.StatusMoved })
		dbtest.Volunteer(t, s, "Duda", "Parou", func(v *db.Volunteer) { v.Status = db.StatusInactive })
		dbtest.Volunteer(t, s, "Edu", "Novo", func(v *db.Volunteer) { v.Status = db.StatusProspect })
		rows, err := s.ListVolunteers(ctx, db.VolunteerFilter{Contactable: true}, 0, 10)
		var names []string
		for _, r := range rows {
			names = append(names, r.Name())
		}
		if err != nil || !slices.Equal(names, []string{"Ana Ativa", "Edu Novo"}) {
			t.Errorf("contactable: %q, %v", names, err)
		}
	})
}

// A list under a condition no index serves (a district, a status, the contact flags)
// walks the roster in order only as far as walkCap, then reads the table and sorts
// the matches: every page is the same either way, and the last one too.
func TestListVolunteersWalkedOrSorted(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	statuses := []db.VolunteerStatus{db.StatusActive, db.StatusActive, "moved", "inactive", db.StatusActive}
	for i := range 60 {
		dbtest.Volunteer(t, s, fmt.Sprintf("Vol%02d", (i*37)%60), []string{"Silva", "Costa", "Alves", "Mota"}[i%4], func(v *db.Volunteer) {
			v.Status = statuses[i%len(statuses)]
			v.DoNotContact = i%7 == 0
			if i%3 == 0 {
				v.SenateDistrict = "First Suffolk"
			}
		})
	}
	ids := func(f db.VolunteerFilter, offset, limit int) []int64 {
		rows, err := s.ListVolunteers(ctx, f, offset, limit)
		if err != nil {
			t.Fatal(err)
		}
		var out []int64
		for _, r := range rows {
			out = append(out, r.ID)
		}
		return out
	}
	for _, f := range []db.VolunteerFilter{{Status: "moved"}, {District: "First Suffolk"}, {Contactable: true},
		{MayCall: true, Status: db.StatusActive}, {District: "First Suffolk", Status: "inactive"}} {
		all := ids(f, 0, 1000)
		if n, err := s.CountVolunteers(ctx, f); err != nil || n != len(all) || n == 0 || n == 60 {
			t.Fatalf("%+v: listed %d, counted %d (%v); want the same, some of the 60", f, len(all), n, err)
		}
		for _, walk := range []int{0, 5, 12, 10_000} {
			restore := db.SetWalkCap(walk)
			for offset := 0; offset <= len(all)+1; offset += 3 {
				want := all[min(offset, len(all)):min(offset+4, len(all))]
				if got := ids(f, offset, 4); !slices.Equal(got, want) {
					t.Errorf("%+v, walk %d, offset %d: %v, want %v", f, walk, offset, got, want)
				}
			}
			restore()
		}
	}
}
