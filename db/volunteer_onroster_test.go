package db_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// TestOnRoster: the window's "already on the roster?" question uses the import's rule
// (tester t3's F16): the same email, letter case aside, unless the first names clearly
// differ; or the same phone with the same name. On either backend (dbtest.Open).
func TestOnRoster(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	kim := dbtest.Volunteer(t, s, "Kim", "Lee", func(v *db.Volunteer) { v.Email = "kim.lee@example.org"; v.Mobile = "617-555-0101" })
	for _, c := range []struct {
		name                string
		first, email, phone string
		want                bool
	}{
		{"the same email in capitals", "Kim", "Kim.Lee@Example.org", "", true},
		{"the same email, a nickname's start", "Kimberly", "kim.lee@example.org", "", true},
		{"a household's address, another first name", "Joe", "kim.lee@example.org", "", false},
		{"her mobile typed as a phone, the same name", "Kim", "", "(617) 555-0101", true},
		{"her mobile, another name", "Joe", "", "617-555-0101", false},
		{"nothing in common", "Kim", "kim@example.net", "", false},
		{"a placeholder email", "Kim", "none@none.com", "", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			v := db.NewVolunteer(c.first, "Lee")
			v.Email, v.Phone = c.email, c.phone
			if err := v.Normalize(); err != nil {
				t.Fatal(err)
			}
			r, found, err := s.OnRoster(ctx, v)
			if err != nil || found != c.want || found && r.ID != kim {
				t.Errorf("found %v (%d), %v; want %v", found, r.ID, err, c.want)
			}
		})
	}
	t.Run("behind many others on one line", func(t *testing.T) {
		for i := range 60 { // an office's number, the people on it added before her
			dbtest.Volunteer(t, s, fmt.Sprint("Person", i), "Office", func(v *db.Volunteer) { v.Phone = "617-555-0199" })
		}
		dora := dbtest.Volunteer(t, s, "Dora", "Diaz", func(v *db.Volunteer) { v.Phone = "617-555-0199" })
		v := db.NewVolunteer("Dora", "Diaz")
		v.Phone = "(617) 555-0199"
		if err := v.Normalize(); err != nil {
			t.Fatal(err)
		}
		if r, found, err := s.OnRoster(ctx, v); !found || r.ID != dora || err != nil {
			t.Errorf("found %v (%d), %v; want Dora (%d)", found, r.ID, err, dora)
		}
	})
	t.Run("not herself", func(t *testing.T) {
		v, _ := s.Volunteer(ctx, kim)
		if _, found, err := s.OnRoster(ctx, v); found || err != nil {
			t.Errorf("found %v, %v", found, err)
		}
	})
}
