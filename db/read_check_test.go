package db_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// TestReadingOpenChecksChangedFile is tester t7's d07/d08: index keys changed
// outside ChapterDesk pass the quick check, and a report read through the index
// counts wrong numbers. A reading open of a file changed outside runs the full check.
func TestReadingOpenChecksChangedFile(t *testing.T) {
	ctx := context.Background()
	path := chapterFile(t, t.TempDir())
	s, err := db.Open(ctx, path, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for j := 0; j < 40; j++ {
		dbtest.Volunteer(t, s, fmt.Sprintf("F%d", j), "L", func(v *db.Volunteer) { v.Email = fmt.Sprintf("p%d@example.org", j) })
	}
	s.Close()
	read := db.Options{ReadOnly: true, CheckChangedUpTo: 512 << 20}

	t.Run("a clean file changed outside is checked once, then sealed", func(t *testing.T) {
		later := time.Now().Add(time.Minute)
		os.Chtimes(path, later, later) // as a copy or a sync tool leaves it
		s, err := db.Open(ctx, path, read)
		if err != nil {
			t.Fatal(err)
		}
		s.Close()
		if db.LastFullCheck(path).IsZero() {
			t.Error("no full check recorded")
		}
		before, _ := os.ReadFile(path + ".checked")
		s, err = db.Open(ctx, path, read)
		if err != nil {
			t.Fatal(err)
		}
		s.Close()
		if after, _ := os.ReadFile(path + ".checked"); string(after) != string(before) {
			t.Errorf("checked again: %s, then %s", before, after)
		}
	})
	t.Run("a flipped index key is refused", func(t *testing.T) {
		dbtest.CorruptIndex(t, path, "volunteers_email")
		if err := db.QuickCheck(ctx, path); err != nil {
			t.Fatalf("quick check: %v", err)
		}
		_, err := db.Open(ctx, path, read)
		var de *db.DamagedError
		if !errors.As(err, &de) || !de.IndexOnly {
			t.Fatalf("reading open: %v", err)
		}
		if _, ok := db.DamageMark(path); !ok {
			t.Error("no damage marker")
		}
		if s, err := db.Open(ctx, path, db.Options{ReadOnly: true}); err != nil {
			t.Errorf("an open without the check: %v", err)
		} else {
			s.Close()
		}
	})
}
