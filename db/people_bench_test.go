package db_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// sharedKeyRoster fills s with n roster entries of two chapters that share one
// office phone and one email, each with a first name of its own (a union's hall
// line, an organization's info@ address): n people.
func sharedKeyRoster(tb testing.TB, s *db.Store, n int) {
	tb.Helper()
	ctx := context.Background()
	for _, q := range []string{
		`INSERT INTO chapters (uuid, is_self, name, created_at, updated_at) VALUES ('c0000000-0000-4000-8000-000000000002', 0, 'Other', 1, 1)`,
		fmt.Sprintf(`WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < %d)
		INSERT INTO volunteers (uuid, chapter_id, first_name, last_name, name_key, last_key, email, phone, phone_e164, created_at, updated_at)
		SELECT 'v-' || i, CASE WHEN i %% 2 = 0 THEN (SELECT id FROM chapters WHERE is_self = 1) ELSE (SELECT max(id) FROM chapters) END,
			'p' || char(97 + i %% 26) || char(97 + (i / 26) %% 26) || char(97 + (i / 676) %% 26) || 'x', 'Hall',
			'p' || char(97 + i %% 26) || char(97 + (i / 26) %% 26) || char(97 + (i / 676) %% 26) || 'x hall', 'hall',
			'info@local1.example.org', '(617) 555-0100', '+16175550100', 1, 1 FROM k`, n),
	} {
		if err := db.WriteRaw(ctx, s, q); err != nil {
			tb.Fatal(err)
		}
	}
}

// The people count over 5,000 roster entries sharing one phone and one email
// (distinct_people): each holder of a key was compared with every other (O(n²)).
// Timed here, not asserted on time: the count is.
func TestCountPeopleOfASharedLine(t *testing.T) {
	s := dbtest.OpenFile(t)
	const n = 5000
	sharedKeyRoster(t, s, n)
	start := time.Now()
	got, err := s.CountPeople(context.Background())
	t.Logf("%d roster entries on one phone and email: counted in %v", n, time.Since(start))
	if err != nil || got != n {
		t.Errorf("%d people (%v), want %d", got, err, n)
	}
}

func BenchmarkCountPeopleOfASharedLine(b *testing.B) {
	s := dbtest.OpenFile(b)
	sharedKeyRoster(b, s, 5000)
	for b.Loop() {
		if _, err := s.CountPeople(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
}
