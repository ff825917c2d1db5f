package db_test

import (
	"context"
	"slices"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// Several words narrow the search: each word must start some field of the volunteer
// (name, email, phone, zip, city), accents and case folded (issue 15).
func TestSearchSeveralWords(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	add := func(first, last, zip, city, email, phone string) {
		dbtest.Volunteer(t, s, first, last, func(v *db.Volunteer) {
			v.Zip, v.City, v.Email, v.Phone = zip, city, email, phone
		})
	}
	add("María", "García", "02130", "Jamaica Plain", "maria@example.org", "617 555 0134")
	add("José", "Garcia-Lopez", "01602", "Worcester", "jose@example.org", "508 555 0100")
	add("Ana", "Garcia", "02139", "Cambridge", "ana@example.org", "")
	add("Maria", "Souza", "02130", "Boston", "ms@example.org", "")

	names := func(rows []db.VolunteerRow) []string {
		var out []string
		for _, r := range rows {
			out = append(out, r.Name())
		}
		slices.Sort(out)
		return out
	}
	for _, c := range []struct {
		query string
		want  []string
	}{
		{"garcia 021", []string{"Ana Garcia", "María García"}},
		{"GARCÍA 0213", []string{"Ana Garcia", "María García"}},
		{"garcia 02139", []string{"Ana Garcia"}},
		{"021 garcia", []string{"Ana Garcia", "María García"}},
		{"garcia worc", []string{"José Garcia-Lopez"}},
		{"508 lopez", []string{"José Garcia-Lopez"}},
		{"maria jamaica", []string{"María García"}},
		{"maria garcia", []string{"María García"}},
		{"garcia, maria", []string{"María García"}},
		{"maria 617555", []string{"María García"}},
		{"maria ms@", []string{"Maria Souza"}},
		{"garcia boston", nil},
		{"617 555 0134", []string{"María García"}},
		{"garcia", []string{"Ana Garcia", "José Garcia-Lopez", "María García"}},
	} {
		rows, err := s.ListVolunteers(ctx, db.VolunteerFilter{Query: c.query}, 0, 50)
		if err != nil {
			t.Fatal(err)
		}
		if got := names(rows); !slices.Equal(got, c.want) {
			t.Errorf("list %q: %v, want %v", c.query, got, c.want)
		}
		n, err := s.CountVolunteers(ctx, db.VolunteerFilter{Query: c.query})
		if err != nil || n != len(c.want) {
			t.Errorf("count %q: %d, %v", c.query, n, err)
		}
		rows, err = s.SearchVolunteers(ctx, c.query, 10)
		if err != nil {
			t.Fatal(err)
		}
		if got := names(rows); !slices.Equal(got, c.want) {
			t.Errorf("search %q: %v, want %v", c.query, got, c.want)
		}
	}
}
