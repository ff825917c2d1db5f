package db

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// A merge brought a listed report in without its mark: its time, hours off, then
// read as sure (tester, s39).
func TestMergeCarriesCallTimesUnsure(t *testing.T) {
	ctx := context.Background()
	old, oldPath := oldFormFile(t)
	old.Close()
	path := filepath.Join(t.TempDir(), "coalition.db")
	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	res, err := s.Merge(ctx, oldPath)
	if err != nil {
		t.Fatal(err)
	}
	for uuid, want := range map[string]bool{"r1": true, "r2": true, "r3": false} {
		if _, listed := calledAt(t, s, uuid); listed != want {
			t.Errorf("%s listed %v after the merge, want %v", uuid, listed, want)
		}
	}
	if res.TimesUnsure != 2 || !strings.Contains(res.String(), "2 of the call reports added have times that may read hours off") {
		t.Errorf("merge says: %s", res)
	}
	if n, _, _ := s.CallTimesUnsure(ctx); n != 2 {
		t.Errorf("unsure after the merge: %d", n)
	}
	if _, err := s.UndoImport(ctx, res.BatchID); err != nil {
		t.Fatal(err)
	}
	if n, _, _ := s.CallTimesUnsure(ctx); n != 0 {
		t.Errorf("unsure after the merge's undo: %d", n)
	}
	var marks int
	s.r.QueryRow(`SELECT count(*) FROM call_times_unsure`).Scan(&marks)
	if marks != 0 {
		t.Errorf("%d marks left of reports the undo took", marks)
	}
}
