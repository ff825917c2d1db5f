package db_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
	"github.com/jackc/pgx/v5"
)

// pushRaceCheckout is a checkout of lead alice's chapter in sc, with the city of
// volunteer vol-a changed in it to city; it returns the lead's store and the file.
func pushRaceCheckout(t *testing.T, sc *coalScene, city string) (*db.Store, string) {
	return pushCheckoutEditing(t, sc, "vol-a", city)
}

// pushCheckoutEditing is pushRaceCheckout editing the volunteer of UUID uuid.
func pushCheckoutEditing(t *testing.T, sc *coalScene, uuid, city string) (*db.Store, string) {
	t.Helper()
	ctx := context.Background()
	ls, err := db.Open(ctx, coalAs(t, sc.url, sc.leadA), db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ls.Close() })
	dest := filepath.Join(t.TempDir(), "checkout.db")
	if err := ls.Checkout(ctx, dest); err != nil {
		t.Fatal(err)
	}
	var id int64
	raw := dbtest.Raw(t, dest)
	err = raw.QueryRowContext(ctx, `SELECT id FROM volunteers WHERE uuid = ?`, uuid).Scan(&id)
	raw.Close()
	if err != nil {
		t.Fatal(err)
	}
	f, err := db.Open(ctx, dest, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	v, err := f.Volunteer(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	v.City = city
	if err := f.UpdateVolunteer(ctx, v); err != nil {
		t.Fatal(err)
	}
	return ls, dest
}

// pushWhileHeld starts push while another connection holds the server's write turn
// (the advisory lock the Store's writes take) in a transaction that runs write; once
// the push waits for its turn, that transaction commits and the push goes on.
func pushWhileHeld(t *testing.T, sc *coalScene, push func() error, write func(tx pgx.Tx)) error {
	t.Helper()
	ctx := context.Background()
	holder := coalConnect(t, sc.url, "postgres")
	tx, err := holder.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(4408141137)`); err != nil {
		t.Fatal(err)
	}
	write(tx)
	done := make(chan error, 1)
	go func() { done <- push() }()
	for waited := 0; ; waited++ {
		if coalCount(t, sc.admin, `SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`) > 0 {
			break
		}
		select {
		case err := <-done:
			tx.Rollback(ctx)
			t.Fatalf("the push ended without waiting for its turn: %v", err)
		case <-time.After(20 * time.Millisecond):
		}
		if waited > 500 {
			t.Fatal("the push never waited for its turn")
		}
	}
	if err := tx.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	return <-done
}

// Tester t4's F1/F12/F8/F2: a push decided which records the server changed before
// its turn to write came, and never looked again: another lead's write that went in
// while the push waited was overwritten, and the push said "conflicts: none".
func TestPushComparesAfterItsTurn(t *testing.T) {
	sc := newCoalition(t)
	ctx := context.Background()
	ls, dest := pushRaceCheckout(t, sc, "Mine")
	var res db.PushResult
	err := pushWhileHeld(t, sc, func() (err error) {
		res, err = ls.Push(ctx, dest, db.PushList, false)
		return err
	}, func(tx pgx.Tx) {
		if _, err := tx.Exec(ctx, `UPDATE volunteers SET city = 'Theirs', row_version = row_version + 1 WHERE uuid = 'vol-a'`); err != nil {
			t.Fatal(err)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	var city string
	if err := sc.admin.QueryRow(ctx, `SELECT city FROM volunteers WHERE uuid = 'vol-a'`).Scan(&city); err != nil {
		t.Fatal(err)
	}
	if city != "Theirs" || len(res.Conflicts) != 1 || len(res.Updated) != 0 {
		t.Errorf("push while another write held the turn: server city %q, updated %v, conflicts %+v; "+
			"want the other write's city kept and Ann Archer listed as changed on both sides", city, res.Updated, res.Conflicts)
	}
}

// Tester t4's F9: two leads adding the same person in their checkouts and pushing at
// once both got her added: the duplicate check read the server before the other
// push's rows went in.
func TestPushSeesDuplicatesAddedWhileItWaited(t *testing.T) {
	sc := newCoalition(t)
	ctx := context.Background()
	ls, dest := pushRaceCheckout(t, sc, "Mine")
	f, err := db.Open(ctx, dest, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	dbtest.Volunteer(t, f, "Dana", "Dup", func(v *db.Volunteer) { v.Email = "dana@example.org" })
	f.Close()
	err = pushWhileHeld(t, sc, func() error {
		_, err := ls.Push(ctx, dest, db.PushList, false)
		return err
	}, func(tx pgx.Tx) {
		if _, err := tx.Exec(ctx, `INSERT INTO volunteers (uuid, chapter_id, first_name, last_name, email, created_at, updated_at)
			VALUES ('dana-bob', $1, 'Dana', 'Dup', 'dana@example.org', 0, 0)`, sc.a.ID); err != nil {
			t.Fatal(err)
		}
	})
	var dup *db.PushDuplicatesError
	if !errors.As(err, &dup) || len(dup.Duplicates) != 1 {
		t.Errorf("push adding Dana while another write added her: %v, want refused as a likely duplicate", err)
	}
	if n := coalCount(t, sc.admin, `SELECT count(*) FROM volunteers WHERE email = 'dana@example.org'`); n != 1 {
		t.Errorf("%d volunteers of Dana's email on the server, want 1", n)
	}
}

// Tester t4's F6: volunteers an import added were deleted by its undo on the server
// after a lead's checkout; the checkout's push added them all again as new, the one
// the lead edited and the ones she never touched, "conflicts: none".
func TestPushLeavesOutWhatTheServerDeletedSince(t *testing.T) {
	sc := newCoalition(t)
	ctx := context.Background()
	for _, name := range []string{"Uma", "Vic"} {
		if _, err := sc.admin.Exec(ctx, `INSERT INTO volunteers (uuid, chapter_id, first_name, last_name, created_at, updated_at)
			VALUES ($1, $2, $3, 'Imported', 0, 0)`, "vol-"+name, sc.a.ID, name); err != nil {
			t.Fatal(err)
		}
	}
	ls, dest := pushCheckoutEditing(t, sc, "vol-Uma", "Mine")
	if _, err := sc.admin.Exec(ctx, `DELETE FROM volunteers WHERE last_name = 'Imported'`); err != nil {
		t.Fatal(err)
	}
	res, err := ls.Push(ctx, dest, db.PushList, false)
	if err != nil {
		t.Fatal(err)
	}
	if n := coalCount(t, sc.admin, `SELECT count(*) FROM volunteers WHERE last_name = 'Imported'`); n != 0 || res.Merge.Volunteers != 0 ||
		len(res.Gone) != 1 || res.Gone[0] != "Uma Imported" {
		t.Errorf("push of a checkout taken before Uma and Vic were deleted: %d of them on the server, %d added, gone %v; "+
			"want none added and Uma (edited in the file) listed as not brought back", n, res.Merge.Volunteers, res.Gone)
	}
}

// Tester t4's F3: the server restored from a backup hands out the row versions again
// (Linda's 3 held one email, then after the restore and another lead's edit another),
// and a push of a checkout taken between compared the numbers alone: the other lead's
// edit was overwritten, "conflicts: none". The checkout keeps each volunteer as it
// was: a server's copy that differs from it changed on the server, whatever its
// version says.
func TestPushSeesTheServersChangeUnderTheSameVersion(t *testing.T) {
	sc := newCoalition(t)
	ctx := context.Background()
	ls, dest := pushRaceCheckout(t, sc, "Mine")
	// What a restore and another lead's edit leave: other content, the version of the checkout.
	if _, err := sc.admin.Exec(ctx, `UPDATE volunteers SET city = 'Theirs' WHERE uuid = 'vol-a'`); err != nil {
		t.Fatal(err)
	}
	res, err := ls.Push(ctx, dest, db.PushList, false)
	if err != nil {
		t.Fatal(err)
	}
	var city string
	if err := sc.admin.QueryRow(ctx, `SELECT city FROM volunteers WHERE uuid = 'vol-a'`).Scan(&city); err != nil {
		t.Fatal(err)
	}
	if city != "Theirs" || len(res.Conflicts) != 1 || len(res.Updated) != 0 {
		t.Errorf("push over a server copy changed under the checkout's version: server city %q, updated %v, conflicts %+v; "+
			"want the server's city kept and Ann Archer listed as changed on both sides", city, res.Updated, res.Conflicts)
	}
}

// Tester t4's F11: a volunteer this lead can no longer see on the server (moved to
// another chapter since the checkout), or a file's volunteer whose UUID is another
// chapter's, failed the whole push with a raw "duplicate key ... volunteers_uuid" that
// named no one and spoke of a merge.
func TestPushOfAVolunteerOutOfSight(t *testing.T) {
	sc := newCoalition(t)
	ctx := context.Background()
	t.Run("moved to another chapter since the checkout: not brought back, the rest pushed", func(t *testing.T) {
		ls, dest := pushRaceCheckout(t, sc, "Mine")
		f, err := db.Open(ctx, dest, db.Options{})
		if err != nil {
			t.Fatal(err)
		}
		dbtest.Volunteer(t, f, "Nell", "New", nil)
		f.Close()
		if _, err := sc.admin.Exec(ctx, `UPDATE volunteers SET chapter_id = $1 WHERE uuid = 'vol-a'`, sc.b.ID); err != nil {
			t.Fatal(err)
		}
		res, err := ls.Push(ctx, dest, db.PushList, false)
		if err != nil {
			t.Fatalf("push: %v", err)
		}
		if res.Merge.Volunteers != 1 || len(res.Gone) != 1 || res.Gone[0] != "Ann Archer" || len(res.Refused) != 0 {
			t.Errorf("added %d, gone %v, refused %+v; want Nell added and Ann Archer listed once, as not brought back",
				res.Merge.Volunteers, res.Gone, res.Refused)
		}
		if n := coalCount(t, sc.admin, `SELECT count(*) FROM volunteers WHERE uuid = 'vol-a' AND city <> 'Mine' AND chapter_id = $1`, sc.b.ID); n != 1 {
			t.Errorf("Ann Archer in the other chapter was changed")
		}
	})
	t.Run("a file's new volunteer under another chapter's UUID: listed by the file's name, the rest pushed", func(t *testing.T) {
		if _, err := sc.admin.Exec(ctx, `UPDATE volunteers SET chapter_id = $1 WHERE uuid = 'vol-a'`, sc.a.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := sc.admin.Exec(ctx, `INSERT INTO volunteers (uuid, chapter_id, first_name, last_name, created_at, updated_at)
			VALUES ('vol-hidden', $1, 'Hester', 'Hidden', 0, 0)`, sc.b.ID); err != nil {
			t.Fatal(err)
		}
		ls, dest := pushRaceCheckout(t, sc, "Mine again")
		f, err := db.Open(ctx, dest, db.Options{})
		if err != nil {
			t.Fatal(err)
		}
		dbtest.Volunteer(t, f, "Olive", "Own", func(v *db.Volunteer) { v.UUID = "vol-hidden" })
		f.Close()
		res, err := ls.Push(ctx, dest, db.PushList, false)
		if err != nil {
			t.Fatalf("push: %v; want Olive Own listed as not brought back, the rest pushed", err)
		}
		if len(res.Refused) != 1 || res.Refused[0].Name != "Olive Own" || strings.Contains(res.Refused[0].Reason, "Hester") ||
			strings.Contains(res.Refused[0].Reason, "Springfield") || len(res.Updated) != 1 {
			t.Errorf("refused %+v, updated %v; want Olive Own (the file's) refused naming nothing of the other chapter's record, "+
				"Ann Archer updated", res.Refused, res.Updated)
		}
		if n := coalCount(t, sc.admin, `SELECT count(*) FROM volunteers WHERE uuid = 'vol-hidden' AND first_name = 'Hester'`); n != 1 {
			t.Errorf("the other chapter's Hester Hidden changed")
		}
	})
}

// Tester t4's F6/F11: a volunteer the server deleted since the checkout, or moved to
// another chapter, that the lead did not edit was left out of the push without a
// word; only the edited one was listed. Each is listed, by the file's name.
func TestPushListsTheUneditedVolunteersLeftOut(t *testing.T) {
	sc := newCoalition(t)
	ctx := context.Background()
	for _, name := range []string{"Uma", "Vic", "Wes"} {
		if _, err := sc.admin.Exec(ctx, `INSERT INTO volunteers (uuid, chapter_id, first_name, last_name, created_at, updated_at)
			VALUES ($1, $2, $3, 'Imported', 0, 0)`, "vol-"+name, sc.a.ID, name); err != nil {
			t.Fatal(err)
		}
	}
	ls, dest := pushCheckoutEditing(t, sc, "vol-Uma", "Mine")
	if _, err := sc.admin.Exec(ctx, `DELETE FROM volunteers WHERE uuid IN ('vol-Uma', 'vol-Vic')`); err != nil {
		t.Fatal(err)
	}
	// Renamed on the server, then moved away: the listing names the file's Wes.
	if _, err := sc.admin.Exec(ctx, `UPDATE volunteers SET chapter_id = $1, first_name = 'Walter' WHERE uuid = 'vol-Wes'`, sc.b.ID); err != nil {
		t.Fatal(err)
	}
	res, err := ls.Push(ctx, dest, db.PushList, false)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(res.LeftOut, ", ") != "Vic Imported, Wes Imported" || len(res.Gone) != 1 || res.Gone[0] != "Uma Imported" {
		t.Errorf("left out %v, gone %v; want Vic and Wes (not edited) listed as left out, Uma (edited) as gone", res.LeftOut, res.Gone)
	}
	if n := coalCount(t, sc.admin, `SELECT count(*) FROM volunteers WHERE last_name = 'Imported'`); n != 1 {
		t.Errorf("%d of them on the server, want Wes alone (in the other chapter)", n)
	}
}
