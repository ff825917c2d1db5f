package db_test

import (
	"context"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// A push that failed on a file's volunteer under another chapter's UUID probed every
// file volunteer it could not see, the one moved to another chapter since the
// checkout too (listed already as not brought back), and listed it a second time
// advising to add the person again in a fresh checkout: a duplicate of someone in
// another chapter.
func TestPushListsAVolunteerMovedAwayOnce(t *testing.T) {
	sc := newCoalition(t)
	ctx := context.Background()
	if _, err := sc.admin.Exec(ctx, `INSERT INTO volunteers (uuid, chapter_id, first_name, last_name, created_at, updated_at)
		VALUES ('vol-hidden', $1, 'Hester', 'Hidden', 0, 0)`, sc.b.ID); err != nil {
		t.Fatal(err)
	}
	ls, dest := pushRaceCheckout(t, sc, "Mine")
	f, err := db.Open(ctx, dest, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	dbtest.Volunteer(t, f, "Olive", "Own", func(v *db.Volunteer) { v.UUID = "vol-hidden" })
	dbtest.Volunteer(t, f, "Nell", "New", nil)
	f.Close()
	if _, err := sc.admin.Exec(ctx, `UPDATE volunteers SET chapter_id = $1 WHERE uuid = 'vol-a'`, sc.b.ID); err != nil {
		t.Fatal(err)
	}
	res, err := ls.Push(ctx, dest, db.PushList, false)
	if err != nil {
		t.Fatalf("push: %v", err)
	}
	if len(res.Refused) != 1 || res.Refused[0].Name != "Olive Own" || len(res.Gone) != 1 || res.Gone[0] != "Ann Archer" ||
		res.Merge.Volunteers != 1 {
		t.Errorf("refused %+v, gone %v, added %d; want Olive Own refused, Ann Archer listed once as gone, Nell added",
			res.Refused, res.Gone, res.Merge.Volunteers)
	}
}
