package db_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
)

// TestPushRefusesToAddAPersonTheServerPutInTheTrash (tester t9, repro-23): another
// lead put a volunteer in the trash on the server; offline, a lead adds the person
// again (a sign-up at an event: her email in another case, her name without its
// accents), and the push added her, live again, with no word: the likely-duplicate
// check looked only at live volunteers. It looks at the trash too, as an import
// does, and refuses the push, naming the person in the trash.
func TestPushRefusesToAddAPersonTheServerPutInTheTrash(t *testing.T) {
	sc := newCoalition(t)
	ctx := context.Background()
	alice := sc.openAs(t, sc.leadA)
	file := filepath.Join(t.TempDir(), "alice.db")
	if err := alice.Checkout(ctx, file); err != nil {
		t.Fatal(err)
	}
	if _, err := sc.admin.Exec(ctx, `UPDATE volunteers SET deleted_at = 1700000500, row_version = row_version + 1
		WHERE uuid = 'vol-a'`); err != nil {
		t.Fatal(err)
	}
	f, err := db.Open(ctx, file, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.CreateVolunteer(ctx, db.Volunteer{FirstName: "Ann", LastName: "Archer",
		Email: "ANN@Example.org"}); err != nil {
		t.Fatal(err)
	}
	f.Close()
	live := `SELECT count(*) FROM volunteers WHERE lower(email) = 'ann@example.org' AND deleted_at IS NULL`
	_, err = alice.Push(ctx, file, db.PushList, false)
	var dup *db.PushDuplicatesError
	if !errors.As(err, &dup) || !strings.Contains(err.Error(), "trash") {
		t.Errorf("the push of a person the server has in the trash: %v; want it refused as a likely duplicate, in the trash", err)
	}
	if n := coalCount(t, sc.admin, live); n != 0 {
		t.Errorf("%d live volunteers with her email after the push; want 0 (she is in the trash)", n)
	}
}
