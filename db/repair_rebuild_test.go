package db_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// TestRepairOfABrokenIndexPage is tester t2's F2: 40 bytes flipped at offset 200 of a
// leaf page of an index break the page's own structure (its cell pointers). The full
// check called it index-only damage ("check --repair rebuilds them"), then the repair
// failed "database disk image is malformed": REINDEX must read the broken tree to
// drop it. Every table row is whole, so the repair now builds the copy from the
// tables when REINDEX cannot, and the quick check says what the full check says.
func TestRepairOfABrokenIndexPage(t *testing.T) {
	ctx := context.Background()
	path := chapterFile(t, t.TempDir())
	before := dbtest.Digests(t, path)
	var appID, userVersion int
	raw := dbtest.Raw(t, path)
	raw.QueryRow(`PRAGMA application_id`).Scan(&appID)
	raw.QueryRow(`PRAGMA user_version`).Scan(&userVersion)
	raw.Close()
	flipIndexLeaf(t, path, "volunteers_email", 200, 40)
	r, err := db.FullCheck(ctx, path)
	if err != nil || !r.IndexOnly {
		t.Fatalf("full check: %+v %v", r, err)
	}
	var de *db.DamagedError
	if err := db.QuickCheck(ctx, path); !errors.As(err, &de) || !de.IndexOnly {
		t.Errorf("the quick check does not say what the full check says (index only): %v", err)
	}
	if _, err := db.RepairIndexes(ctx, path); err != nil {
		t.Fatalf("repair: %v", err)
	}
	if r, err := db.FullCheck(ctx, path); err != nil || !r.Intact() {
		t.Fatalf("after repair: %+v %v", r, err)
	}
	if after := dbtest.Digests(t, path); fmt.Sprint(after) != fmt.Sprint(before) {
		t.Errorf("the repair changed the data")
	}
	var a, u int
	raw = dbtest.Raw(t, path)
	raw.QueryRow(`PRAGMA application_id`).Scan(&a)
	raw.QueryRow(`PRAGMA user_version`).Scan(&u)
	if a != appID || u != userVersion {
		t.Errorf("header: application_id %d user_version %d, want %d %d", a, u, appID, userVersion)
	}
}

// flipIndexLeaf XORs n bytes at off of the middle leaf page of the named index.
func flipIndexLeaf(t *testing.T, path, index string, off, n int) {
	t.Helper()
	page, pageSize := dbtest.IndexLeaf(t, path, index)
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	b := make([]byte, n)
	at := int64(page-1)*int64(pageSize) + int64(off)
	f.ReadAt(b, at)
	for i := range b {
		b[i] ^= 0xa5
	}
	if _, err := f.WriteAt(b, at); err != nil {
		t.Fatal(err)
	}
}
