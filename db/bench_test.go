package db_test

import (
	"context"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// benchStore is the large demo database of make bench (dbtest.BenchStore).
func benchStore(b *testing.B) *db.Store { return dbtest.BenchStore(b) }

// BenchmarkSearchVolunteers is the search-as-you-type query (DESIGN: under 20 ms on
// 100,000 volunteers), one sub-benchmark per kind of prefix.
func BenchmarkSearchVolunteers(b *testing.B) {
	s := benchStore(b)
	ctx := context.Background()
	for _, q := range []struct{ name, query string }{
		{"name-1-letter", "m"},
		{"name-3-letters", "mar"},
		{"name-accented", "nguyễ"},
		{"first-and-last", "maria gon"},
		{"letter-and-last", "m gon"},
		{"two-letters", "m g"},
		{"three-words", "maria gonzalez boston"},
		{"email", "jose.garcia"},
		{"email-with-at", "maria@"},
		{"phone", "617555"},
		{"phone-formatted", "(508) 555-01"},
		{"zip", "0213"},
		{"name-and-zip", "garcia 021"},
		{"no-match", "zzzzq"},
	} {
		b.Run(q.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := s.SearchVolunteers(ctx, q.query, 50); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkWhipCount is the dashboard's whip count over a million call reports
// (DESIGN: under 100 ms): stance per legislator, calls and legislators reached.
func BenchmarkWhipCount(b *testing.B) {
	s := benchStore(b)
	ctx := context.Background()
	list, err := s.Campaigns(ctx)
	if err != nil || len(list) == 0 {
		b.Fatal("no campaign", err)
	}
	for b.Loop() {
		w, err := s.WhipCount(ctx, list[0].ID)
		if err != nil || w.Calls == 0 {
			b.Fatal(w.Calls, err)
		}
	}
}

// BenchmarkListVolunteersPage is one page of the roster list, deep in the list.
func BenchmarkListVolunteersPage(b *testing.B) {
	s := benchStore(b)
	ctx := context.Background()
	for b.Loop() {
		if _, err := s.ListVolunteers(ctx, db.VolunteerFilter{}, 50_000, 100); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCounts is what `chapterdesk stats` and the home screen read.
func BenchmarkCounts(b *testing.B) {
	s := benchStore(b)
	ctx := context.Background()
	for b.Loop() {
		if _, err := s.Counts(ctx); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDashboard is what the dashboard reads (DESIGN: fills under 300 ms on the
// 1,000,000-call database): the whip count, eight weeks of calls, the roster size and
// the newest reports.
func BenchmarkDashboard(b *testing.B) {
	s := benchStore(b)
	ctx := context.Background()
	camps, err := s.Campaigns(ctx)
	if err != nil || len(camps) == 0 {
		b.Fatal(camps, err)
	}
	now := time.Unix(1795564789, 0) // the demo's newest call
	for _, part := range []struct {
		name string
		run  func() error
	}{
		{"whip-count", func() error { _, err := s.WhipCount(ctx, camps[0].ID); return err }},
		{"calls-per-week", func() error { _, err := s.CallsPerWeek(ctx, camps[0].ID, 8, now); return err }},
		{"count-volunteers", func() error { _, err := s.CountVolunteers(ctx, db.VolunteerFilter{}); return err }},
		{"newest-reports", func() error {
			_, err := s.ListCallReports(ctx, db.CallFilter{CampaignID: camps[0].ID}, 0, 8)
			return err
		}},
	} {
		b.Run(part.name, func(b *testing.B) {
			for b.Loop() {
				if err := part.run(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkCountVolunteersFiltered is the count the roster screen shows under a
// filter no index serves (a status, the contact flags): one read of the table.
func BenchmarkCountVolunteersFiltered(b *testing.B) {
	s := benchStore(b)
	ctx := context.Background()
	for _, f := range []struct {
		name string
		f    db.VolunteerFilter
	}{{"status", db.VolunteerFilter{Status: db.StatusActive}}, {"contactable", db.VolunteerFilter{Contactable: true}}} {
		b.Run(f.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := s.CountVolunteers(ctx, f.f); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkListVolunteersFiltered is a page of the roster screen under a condition no
// index serves (a house district, a status): the first page, and the last one, as
// scrolling to the end of the list reads it.
func BenchmarkListVolunteersFiltered(b *testing.B) {
	s := benchStore(b)
	ctx := context.Background()
	first, err := s.ListVolunteers(ctx, db.VolunteerFilter{}, 0, 1)
	if err != nil || len(first) == 0 || first[0].HouseDistrict == "" {
		b.Fatal("no volunteer with a house district", err)
	}
	for _, f := range []struct {
		name string
		f    db.VolunteerFilter
	}{{"house-district", db.VolunteerFilter{District: first[0].HouseDistrict}}, {"moved", db.VolunteerFilter{Status: "moved"}}} {
		n, err := s.CountVolunteers(ctx, f.f)
		if err != nil || n < 200 {
			b.Fatal(f.name, n, err)
		}
		for _, p := range []struct {
			name   string
			offset int
		}{{"first-page", 0}, {"last-page", n - 100}} {
			b.Run(f.name+"/"+p.name, func(b *testing.B) {
				for b.Loop() {
					if rows, err := s.ListVolunteers(ctx, f.f, p.offset, 100); err != nil || len(rows) != 100 {
						b.Fatal(len(rows), err)
					}
				}
			})
		}
	}
}
