package db_test

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// A server's chapter taken offline (backup) and merged back by the server's owner
// (tester t4, F5): a volunteer edited in the copy after another lead changed another
// field on the server came in whole as "saved later", reverting that lead's city, and
// the merge said only "updated from the file's newer copies: 1 volunteers". A backup
// merged back brings new records only, as the README says; a record already on the
// server stays as it is there, and the merge says how many the copy holds otherwise.
func TestMergeOfAServerBackupBringsNewRecordsOnly(t *testing.T) {
	ctx := context.Background()
	s := dbtest.OpenServer(t)
	id := dbtest.Volunteer(t, s, "Linda", "Adams", func(v *db.Volunteer) { v.City = "Boston" })
	linda, err := s.Volunteer(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "canvass.db")
	if err := s.Backup(ctx, file); err != nil {
		t.Fatal(err)
	}
	// Another lead changes her city on the server; later the copy gets a note.
	if err := db.WriteRaw(ctx, s, `UPDATE volunteers SET city = 'Quincy', updated_at = updated_at + 10 WHERE id = `+strconv.FormatInt(id, 10)); err != nil {
		t.Fatal(err)
	}
	f, err := db.Open(ctx, file, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.WriteRaw(ctx, f, `UPDATE volunteers SET notes = 'met at the canvass', updated_at = updated_at + 100 WHERE uuid = '`+linda.UUID+`'`); err != nil {
		t.Fatal(err)
	}
	dbtest.Volunteer(t, f, "Newly", "Met", nil)
	f.Close()

	res, err := s.Merge(ctx, file)
	if err != nil {
		t.Fatal(err)
	}
	after, err := s.Volunteer(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if after.City != "Quincy" || after.Notes != linda.Notes {
		t.Errorf("Linda on the server after the merge: city %q, notes %q (want Quincy, %q)", after.City, after.Notes, linda.Notes)
	}
	if res.Volunteers != 1 || res.UpdatedVolunteers != 0 || res.KeptHere != 1 {
		t.Errorf("result %+v", res)
	}
	if out := res.String(); !strings.Contains(out, "1 records already here the copy holds otherwise, kept as they are here (edited in the copy, not carried back: check out and push") || strings.Contains(out, "newer copies") {
		t.Errorf("the merge said %q", out)
	}
}
