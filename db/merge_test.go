package db_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/demo"
)

// demoFile writes a demo chapter into a new file and returns its path.
func demoFile(t testing.TB, name string, seed uint64, volunteers, calls int) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	s, err := db.Open(context.Background(), path, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	err = demo.Generate(context.Background(), s, demo.Options{Volunteers: volunteers, Calls: calls, Seed: seed,
		AsOf: time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	return path
}

func counts(t *testing.T, s *db.Store) map[string]int {
	t.Helper()
	cs, err := s.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]int{}
	for _, c := range cs {
		m[c.Name] = c.Count
	}
	return m
}

// demoPair makes two demo chapters (120 volunteers and 900 calls, 80 and 600) and
// opens the first; a and b are their files.
func demoPair(t *testing.T) (s *db.Store, a, b string) {
	t.Helper()
	a, b = demoFile(t, "a.db", 1, 120, 900), demoFile(t, "b.db", 2, 80, 600)
	s, err := db.Open(context.Background(), a, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, a, b
}

func TestMerge(t *testing.T) {
	ctx := context.Background()
	s, a, b := demoPair(t)
	before := counts(t, s)

	res, err := s.Merge(ctx, b)
	if err != nil {
		t.Fatal(err)
	}
	after := counts(t, s)
	t.Run("adds the other chapter's records under its own chapter", func(t *testing.T) {
		if after["volunteers"] != 200 || after["call_reports"] != 1500 || after["chapters"] != 2 || after["campaigns"] != 1 {
			t.Errorf("after merge %v", after)
		}
		if res.Volunteers != 80 || res.CallReports != 600 || res.NewChapters != 1 || res.BatchID == 0 {
			t.Errorf("result %+v", res)
		}
		if after["stance_changes"] != before["stance_changes"]+res.StanceChanges || res.StanceChanges == 0 {
			t.Errorf("stance changes %d -> %d, result %d", before["stance_changes"], after["stance_changes"], res.StanceChanges)
		}
	})
	t.Run("keeps every reference inside the file", func(t *testing.T) {
		err := s.Report(ctx, db.ReportQuery{To: time.Now()}, func(r *db.Report) error {
			if len(r.Chapters) != 2 || r.Chapters[1].Volunteers != 80 || r.Chapters[1].Calls != 600 ||
				r.Chapters[0].Calls != 900 {
				t.Errorf("chapters %+v", r.Chapters)
			}
			n := 0
			err := r.EachCall(func(c *db.CallLogRow) error {
				if c.Legislator == "" || (c.VolunteerID != 0 && c.VolunteerFirst == "") {
					t.Errorf("call %d lost a reference: %+v", c.ID, c)
				}
				n++
				return nil
			})
			if n != 1500 {
				t.Errorf("%d calls in the log", n)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		w, err := s.WhipCount(ctx, 1)
		if err != nil || w.Calls != 1500 {
			t.Errorf("whip count calls %d, %v", w.Calls, err)
		}
	})
	t.Run("adds nothing when the same file is merged again", func(t *testing.T) {
		again, err := s.Merge(ctx, b)
		if err != nil {
			t.Fatal(err)
		}
		if again.Total() != 0 || again.BatchID != 0 || again.AlreadyHere != 80+600+res.StanceChanges {
			t.Errorf("second merge %+v", again)
		}
		if c := counts(t, s); c["volunteers"] != 200 || c["call_reports"] != 1500 || c["stance_changes"] != after["stance_changes"] ||
			c["import_batches"] != after["import_batches"] {
			t.Errorf("after second merge %v", c)
		}
	})
	t.Run("refuses its own file and a file that is not a chapter's", func(t *testing.T) {
		if _, err := s.Merge(ctx, a); err == nil {
			t.Error("merged itself")
		}
		if _, err := s.Merge(ctx, filepath.Join(t.TempDir(), "missing.db")); err == nil {
			t.Error("merged a missing file")
		}
	})
}
