package db_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// rawWrite runs statements on a file outside ChapterDesk, as another program would.
func rawWrite(t *testing.T, path string, stmts ...string) {
	t.Helper()
	c, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	for _, q := range stmts {
		if _, err := c.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

// mergeRefused merges path into s, which must refuse it within a minute and change
// nothing.
func mergeRefused(t *testing.T, s *db.Store, path string) error {
	t.Helper()
	before := dbtest.Digests(t, s.Path())
	done := make(chan error, 1)
	go func() {
		_, err := s.Merge(context.Background(), path)
		done <- err
	}()
	var err error
	select {
	case err = <-done:
	case <-time.After(time.Minute):
		t.Fatal("the merge did not end")
	}
	if err == nil {
		t.Fatal("merged")
	}
	if after := dbtest.Digests(t, s.Path()); len(after) != len(before) {
		t.Errorf("the tables changed")
	} else {
		for k, v := range before {
			if after[k] != v {
				t.Errorf("table %s changed", k)
			}
		}
	}
	return err
}

func TestMergeRefuses(t *testing.T) {
	ctx := context.Background()

	t.Run("a copy of this chapter's own file, started again as another chapter", func(t *testing.T) {
		s, _, _ := demoPair(t)
		cp := filepath.Join(t.TempDir(), "copy.db")
		if err := s.Backup(ctx, cp); err != nil {
			t.Fatal(err)
		}
		c, err := db.Open(ctx, cp, db.Options{})
		if err != nil {
			t.Fatal(err)
		}
		dbtest.Volunteer(t, c, "Someone", "Else", nil)
		c.Close()
		if err := mergeRefused(t, s, cp); !errors.Is(err, db.ErrRefusedMerge) {
			t.Errorf("err = %v", err)
		}
	})

	t.Run("stance changes dated in the future", func(t *testing.T) {
		s, _, b := demoPair(t)
		future := time.Now().AddDate(1, 0, 0).Unix()
		rawWrite(t, b, `INSERT INTO stance_history (uuid, campaign_id, legislator_id, stance, changed_at, changed_by, reason, chapter_id)
			SELECT 'future-1', campaign_id, legislator_id, 'no', `+strconv.FormatInt(future, 10)+`, 'x', 'x', chapter_id FROM stance_history LIMIT 1`)
		if err := mergeRefused(t, s, b); !errors.Is(err, db.ErrRefusedMerge) {
			t.Errorf("err = %v", err)
		}
	})

	t.Run("call reports dated in the future", func(t *testing.T) {
		s, _, b := demoPair(t)
		rawWrite(t, b, `UPDATE call_reports SET called_at = `+strconv.FormatInt(time.Now().AddDate(0, 0, 3).Unix(), 10)+` WHERE id = 1`)
		if err := mergeRefused(t, s, b); !errors.Is(err, db.ErrRefusedMerge) {
			t.Errorf("err = %v", err)
		}
	})

	t.Run("many records dated in the future, the first ten named and how many more", func(t *testing.T) {
		s, _, b := demoPair(t)
		rawWrite(t, b, `UPDATE call_reports SET called_at = `+strconv.FormatInt(time.Now().AddDate(0, 0, 3).Unix(), 10)+` WHERE id <= 12`)
		err := mergeRefused(t, s, b)
		if msg := fmt.Sprint(err); strings.Count(msg, "the call to ") != 10 || !strings.Contains(msg, "; and 2 more; check the clock") {
			t.Errorf("err = %v", err)
		}
	})

	t.Run("a view standing in for a table, that never ends", func(t *testing.T) {
		s, _, b := demoPair(t)
		defer db.SetMergeTimeout(20 * time.Second)()
		rawWrite(t, b, `PRAGMA foreign_keys = OFF`, `DROP TABLE volunteer_tags`,
			`CREATE VIEW volunteer_tags (volunteer_id, tag_id) AS
				WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r) SELECT x, x FROM r`)
		if err := mergeRefused(t, s, b); !errors.Is(err, db.ErrRefusedMerge) {
			t.Errorf("err = %v", err)
		}
	})

	t.Run("a trigger ChapterDesk does not make", func(t *testing.T) {
		s, _, b := demoPair(t)
		rawWrite(t, b, `CREATE TRIGGER sneaky AFTER INSERT ON volunteers BEGIN SELECT 1; END`)
		if err := mergeRefused(t, s, b); !errors.Is(err, db.ErrRefusedMerge) {
			t.Errorf("err = %v", err)
		}
	})

	t.Run("but a merge that takes too long is interrupted", func(t *testing.T) {
		s, _, b := demoPair(t)
		defer db.SetMergeTimeout(time.Nanosecond)()
		mergeRefused(t, s, b)
	})
}
