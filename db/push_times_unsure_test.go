package db_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// A checkout an older ChapterDesk imported a form into lists, once upgraded, the
// reports whose time it read on its computer's clock; the push brought them to the
// server, which keeps no such list, without a word, where no push could put their
// times right afterwards (a push brings no later edit of a report) (tester, s39).
// The push is refused, saying how to put them right in the file first, unless the
// lead pushes them as they are, and then its summary counts them.
func TestPushOfCallsWithUnsureTimes(t *testing.T) {
	ctx := context.Background()
	s := dbtest.OpenServer(t)
	dbtest.Campaign(t, s)
	dbtest.Legislator(t, s, db.ChamberUpper, "Second Suffolk", "Liz Miranda")
	file := filepath.Join(t.TempDir(), "canvass.db")
	if err := s.Checkout(ctx, file); err != nil {
		t.Fatal(err)
	}
	addFormReports(t, file, "form")

	_, err := s.Push(ctx, file, db.PushList, false)
	if err == nil || !errors.Is(err, db.ErrRefusedMerge) {
		t.Fatalf("push: %v; want it refused", err)
	}
	for _, want := range []string{"1 call reports new in the file", "hours off", "chapterdesk calls fix-times --imported-on-zone", "--times-as-they-are"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the refusal %q does not say %q", err, want)
		}
	}
	if n, err := db.QueryStrings(ctx, s, `SELECT uuid FROM call_reports`); err != nil || len(n) != 0 {
		t.Errorf("call reports on the server after the refusal: %v (%v)", n, err)
	}

	res, err := s.PushWith(ctx, file, db.PushOptions{Choice: db.PushList, TimesAsTheyAre: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.Merge.CallReports != 2 || res.Merge.TimesUnsure != 1 ||
		!strings.Contains(res.Merge.String(), "1 of the call reports added have times that may read hours off") {
		t.Errorf("push: %s", res.Merge)
	}
}

// The owner's merge of a chapter's file into the server brought the reports an older
// ChapterDesk imported in without a word but a count in its summary, where, as with a
// push, nothing could put their times right afterwards (the server keeps no list of
// them). It is refused the same way, unless the owner merges them as they are.
func TestOwnerMergeOfCallsWithUnsureTimes(t *testing.T) {
	ctx := context.Background()
	s := dbtest.OpenServer(t)
	file := filepath.Join(t.TempDir(), "north.db")
	f, err := db.Open(ctx, file, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	dbtest.Campaign(t, f)
	dbtest.Legislator(t, f, db.ChamberUpper, "Second Suffolk", "Liz Miranda")
	f.Close()
	addFormReports(t, file, "north")

	_, err = s.Merge(ctx, file)
	if err == nil || !errors.Is(err, db.ErrRefusedMerge) {
		t.Fatalf("merge: %v; want it refused", err)
	}
	for _, want := range []string{"merge ", "1 call reports new in the file", "hours off", "chapterdesk calls fix-times --imported-on-zone",
		"then merge it", "--times-as-they-are"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the refusal %q does not say %q", err, want)
		}
	}
	if n, err := db.QueryStrings(ctx, s, `SELECT uuid FROM call_reports`); err != nil || len(n) != 0 {
		t.Errorf("call reports on the server after the refusal: %v (%v)", n, err)
	}

	res, err := s.MergeWith(ctx, file, db.MergeOptions{TimesAsTheyAre: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.CallReports != 2 || res.TimesUnsure != 1 ||
		!strings.Contains(res.String(), "1 of the call reports added have times that may read hours off") {
		t.Errorf("merge: %s", res)
	}
}

// addFormReports writes two report-form call reports, uuid-1 and uuid-2, into the
// file at path, the first listed as read on an older ChapterDesk's computer's clock.
func addFormReports(t *testing.T, path, uuid string) {
	t.Helper()
	fileExec(t, path,
		`INSERT INTO call_reports (uuid, chapter_id, campaign_id, legislator_id, called_at, outcome, source, created_at, updated_at)
		VALUES ('`+uuid+`-1', (SELECT id FROM chapters WHERE is_self = 1), (SELECT min(id) FROM campaigns), (SELECT min(id) FROM legislators),
			1705397771, 'spoke_staff', 'report form', 1705400000, 1705400000),
		('`+uuid+`-2', (SELECT id FROM chapters WHERE is_self = 1), (SELECT min(id) FROM campaigns), (SELECT min(id) FROM legislators),
			1705397000, 'spoke_staff', 'report form', 1705400000, 1705400000)`,
		`INSERT INTO call_times_unsure (call_report_id, listed_at) SELECT id, 1 FROM call_reports WHERE uuid = '`+uuid+`-1'`)
}

// The push's refusals counted the file's reports it would leave out anyway: a call
// whose caller was deleted on the server since the checkout, or is under a UUID
// another chapter holds, goes out with its caller, yet "3 call reports new in the
// file" were said to need their times put right, and a call of such a caller dated in
// the future refused the whole push. Only the reports that would go are counted, and
// judged (reviewer, s41).
func TestPushRefusalsCountOnlyTheCallsThatWouldGo(t *testing.T) {
	sc := newCoalition(t)
	ctx := context.Background()
	for _, v := range []struct {
		uuid, first string
		chapter     int64
	}{{"vol-Uma", "Uma", sc.a.ID}, {"vol-hidden", "Hester", sc.b.ID}} {
		if _, err := sc.admin.Exec(ctx, `INSERT INTO volunteers (uuid, chapter_id, first_name, last_name, created_at, updated_at)
			VALUES ($1, $2, $3, 'Left', 0, 0)`, v.uuid, v.chapter, v.first); err != nil {
			t.Fatal(err)
		}
	}
	ls, dest := pushRaceCheckout(t, sc, "Mine")
	f, err := db.Open(ctx, dest, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	// Olive, new in the file, under the UUID Springfield's Hester has on the server.
	dbtest.Volunteer(t, f, "Olive", "Own", func(v *db.Volunteer) { v.UUID = "vol-hidden" })
	f.Close()
	call := func(uuid, caller string, at int64) string {
		return `INSERT INTO call_reports (uuid, chapter_id, campaign_id, volunteer_id, legislator_id, called_at, outcome, source,
			created_at, updated_at) VALUES ('` + uuid + `', (SELECT id FROM chapters WHERE is_self = 1), (SELECT id FROM campaigns WHERE uuid = 'camp-1'),
			(SELECT id FROM volunteers WHERE uuid = '` + caller + `'), (SELECT id FROM legislators WHERE uuid = 'leg-1'), ` +
			fmt.Sprint(at) + `, 'spoke_staff', 'report form', 1705400000, 1705400000)`
	}
	fileExec(t, dest, call("by-ann", "vol-a", 1705397771), call("by-uma", "vol-Uma", 1705397000),
		call("by-olive", "vol-hidden", 1705396000), call("by-uma-ahead", "vol-Uma", time.Now().Add(48*time.Hour).Unix()),
		`INSERT INTO call_times_unsure (call_report_id, listed_at) SELECT id, 1 FROM call_reports WHERE uuid IN ('by-ann', 'by-uma', 'by-olive')`)
	if _, err := sc.admin.Exec(ctx, `DELETE FROM volunteers WHERE uuid = 'vol-Uma'`); err != nil {
		t.Fatal(err)
	}

	_, err = ls.Push(ctx, dest, db.PushList, false)
	if err == nil || !strings.Contains(err.Error(), "1 call reports new in the file") {
		t.Errorf("push: %v; want it refused for Ann's call alone", err)
	}
	res, err := ls.PushWith(ctx, dest, db.PushOptions{Choice: db.PushList, TimesAsTheyAre: true})
	if err != nil {
		t.Fatalf("push as they are: %v; want Uma's call dated ahead left out with her, not the push refused", err)
	}
	if res.Merge.CallReports != 1 || res.Merge.TimesUnsure != 1 || len(callRefusals(res)) != 3 {
		t.Errorf("push: %d call reports added, %d unsure, listed %+v; want Ann's added, Uma's and Olive's listed", res.Merge.CallReports,
			res.Merge.TimesUnsure, res.Refused)
	}
}

// The likely-duplicates refusal named a volunteer new in the file whom the push
// leaves out anyway (their UUID is another chapter's on the server): the lead was
// told to look at a duplicate the push would never add. Only those it would add are
// named (reviewer, s41).
func TestPushDuplicatesRefusalLeavesOutWhoWouldNotGo(t *testing.T) {
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
	// Olive has Ann Archer's email, under the UUID Springfield's Hester has.
	dbtest.Volunteer(t, f, "Olive", "Own", func(v *db.Volunteer) { v.UUID, v.Email = "vol-hidden", "ann@example.org" })
	f.Close()
	res, err := ls.Push(ctx, dest, db.PushList, false)
	if err != nil {
		t.Fatalf("push: %v; want Olive left out as another chapter's id, not named as a duplicate", err)
	}
	if len(res.Refused) != 1 || res.Refused[0].Name != "Olive Own" {
		t.Errorf("refused %+v; want Olive Own", res.Refused)
	}
}
