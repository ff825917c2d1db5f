package db

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// countingQueryer counts the statements that read a table.
type countingQueryer struct {
	q     readQueryer
	table string
	n     int
}

func (c *countingQueryer) count(q string) {
	if strings.Contains(q, c.table) {
		c.n++
	}
}

func (c *countingQueryer) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	c.count(q)
	return c.q.QueryContext(ctx, q, args...)
}

func (c *countingQueryer) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	c.count(q)
	return c.q.QueryRowContext(ctx, q, args...)
}

// A checkout recorded each volunteer's external ids with a query per volunteer (100,000
// queries for a large chapter): one reads them all, and each volunteer still has theirs.
func TestVolunteersAsCheckedOutReadsExternalIDsOnce(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "c.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var ids []int64
	for _, name := range []string{"Ada", "Ben", "Cy", "Dee", "Eve"} {
		id, err := s.CreateVolunteer(ctx, NewVolunteer(name, "Tester"))
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	if _, err := s.w.ExecContext(ctx, `INSERT INTO volunteer_external_ids (chapter_id, system, external_id, volunteer_id)
		SELECT chapter_id, 'van', 'V-' || id, id FROM volunteers WHERE id IN (?, ?)`, ids[1], ids[3]); err != nil {
		t.Fatal(err)
	}
	err = s.readTx(ctx, func(tx *sql.Tx) error {
		c := &countingQueryer{q: tx, table: "volunteer_external_ids"}
		as, err := volunteersAsCheckedOut(ctx, c)
		if err != nil {
			return err
		}
		if c.n != 1 {
			t.Errorf("%d queries read the external ids of 5 volunteers, want 1", c.n)
		}
		got := map[string]string{}
		for _, v := range as {
			if v.ExternalIDs == nil {
				t.Errorf("%s: ExternalIDs nil, want [] (nil says the checkout kept none)", v.Name())
			}
			got[v.FirstName] = strings.Join(v.ExternalIDs, ",")
		}
		want := map[string]string{"Ada": "", "Ben": fmt.Sprintf("van=V-%d", ids[1]), "Cy": "", "Dee": fmt.Sprintf("van=V-%d", ids[3]), "Eve": ""}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("external ids as checked out: %v, want %v", got, want)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
