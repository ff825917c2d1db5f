package db_test

import (
	"context"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
)

// TestLeadEmptiesOwnChapterTrash: on a coalition server a chapter's lead could not
// empty her trash ("a chapter's lead may not do that"): the trash held a campaign's
// FAQ entry, which is the coalition's and not hers to delete, and a trash of 20 or
// more records made lookup indexes, which only the tables' owner may. A volunteer who
// asked to be deleted for good stayed in the database. Now her trash empties: her
// chapter's trashed volunteers and call reports go, listed in erased_records under
// her chapter; another chapter's trashed records stay, unseen; the FAQ entry stays,
// listed with why. The walls are the database's: with plain SQL as her login she
// deletes, detaches or restores nothing of the other chapter.
func TestLeadEmptiesOwnChapterTrash(t *testing.T) {
	sc := newCoalition(t)
	ctx := context.Background()
	admin := func(q string, args ...any) {
		t.Helper()
		if _, err := sc.admin.Exec(ctx, q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	// A call report of each chapter no stance change cites, and 25 more of A's
	// volunteers (enough for the lookup indexes), all in the trash with A's and B's
	// volunteer; a trashed FAQ entry of the coalition's campaign.
	for _, c := range []struct {
		uuid         string
		chapter, vol int64
	}{{"call-a2", sc.a.ID, sc.volA}, {"call-b2", sc.b.ID, sc.volB}} {
		admin(`INSERT INTO call_reports (uuid, chapter_id, campaign_id, volunteer_id, legislator_id, called_at, outcome,
			created_at, updated_at, deleted_at) VALUES ($1, $2, $3, $4, $5, 1700000100, 'no_answer', 0, 0, 1700000200)`,
			c.uuid, c.chapter, sc.campaign, c.vol, sc.legislator)
	}
	admin(`INSERT INTO volunteers (uuid, chapter_id, first_name, last_name, created_at, updated_at, deleted_at)
		SELECT 'vol-a-' || i, $1, 'Gone', 'Number ' || i, 0, 0, 1700000200 FROM generate_series(1, 25) i`, sc.a.ID)
	admin(`UPDATE volunteers SET deleted_at = 1700000200 WHERE id IN ($1, $2)`, sc.volA, sc.volB)
	admin(`WITH s AS (INSERT INTO faq_sections (uuid, campaign_id, created_at, updated_at) VALUES ('faq-s', $1, 0, 0) RETURNING id)
		INSERT INTO faq_entries (uuid, section_id, created_at, updated_at, deleted_at) SELECT 'faq-e', id, 0, 0, 1700000200 FROM s`,
		sc.campaign)

	ls := sc.openAs(t, sc.leadA)
	before, err := ls.Trash(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(before) != 28 {
		t.Errorf("alice's trash lists %d records, want her 26 volunteers, her call report and the FAQ entry", len(before))
	}
	n, err := ls.EmptyTrash(ctx)
	if err != nil {
		t.Fatalf("alice empties her chapter's trash: %v", err)
	}
	if n != 27 {
		t.Errorf("alice's emptying deleted %d records, want 27 (26 volunteers, 1 call report)", n)
	}
	left, err := ls.Trash(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(left) != 1 || left[0].Kind != db.TrashFAQEntries || left[0].Kept == "" {
		t.Errorf("alice's trash after emptying: %+v, want the FAQ entry alone, saying why it stays", left)
	}

	count := func(q string, args ...any) int { t.Helper(); return coalCount(t, sc.admin, q, args...) }
	if n := count(`SELECT count(*) FROM volunteers WHERE chapter_id = $1`, sc.a.ID); n != 0 {
		t.Errorf("%d of A's volunteers are left, want none (all were in the trash)", n)
	}
	if n := count(`SELECT count(*) FROM call_reports WHERE uuid = 'call-a2'`); n != 0 {
		t.Errorf("A's trashed call report is still there")
	}
	if n := count(`SELECT count(*) FROM call_reports WHERE uuid = 'call-a' AND volunteer_id IS NULL AND deleted_at IS NULL`); n != 1 {
		t.Errorf("A's live call report cited by the whip count is not kept with its caller unknown")
	}
	if n := count(`SELECT count(*) FROM erased_records WHERE chapter_id = $1 AND reason = 'trash emptied'
		AND (uuid IN ('vol-a', 'call-a2') OR uuid LIKE 'vol-a-%')`, sc.a.ID); n != 27 {
		t.Errorf("%d of A's deletions are in erased_records, want 27", n)
	}
	if n := count(`SELECT count(*) FROM erased_records WHERE chapter_id <> $1`, sc.a.ID); n != 0 {
		t.Errorf("%d erased records of another chapter after alice emptied her trash", n)
	}
	checkB := func(when string) {
		t.Helper()
		if n := count(`SELECT count(*) FROM volunteers WHERE id = $1 AND deleted_at IS NOT NULL`, sc.volB); n != 1 {
			t.Errorf("%s: B's trashed volunteer is gone or restored", when)
		}
		if n := count(`SELECT count(*) FROM call_reports WHERE uuid = 'call-b2' AND deleted_at IS NOT NULL`); n != 1 {
			t.Errorf("%s: B's trashed call report is gone or restored", when)
		}
		if n := count(`SELECT count(*) FROM call_reports WHERE uuid = 'call-b' AND volunteer_id = $1`, sc.volB); n != 1 {
			t.Errorf("%s: B's call report lost its caller", when)
		}
		if n := count(`SELECT count(*) FROM volunteer_tags WHERE volunteer_id = $1`, sc.volB); n != 1 {
			t.Errorf("%s: B's volunteer lost their tag", when)
		}
		if n := count(`SELECT count(*) FROM faq_entries WHERE uuid = 'faq-e' AND deleted_at IS NOT NULL`); n != 1 {
			t.Errorf("%s: the campaign's trashed FAQ entry is gone", when)
		}
	}
	checkB("after alice emptied her trash")

	// Every way at B's trash with plain SQL as alice: nothing moves.
	alice := coalConnect(t, sc.url, sc.leadA)
	for _, q := range []string{
		`DELETE FROM volunteers WHERE deleted_at IS NOT NULL OR id = ` + itoa(sc.volB),
		`DELETE FROM call_reports WHERE deleted_at IS NOT NULL OR uuid IN ('call-b', 'call-b2')`,
		`UPDATE call_reports SET volunteer_id = NULL WHERE volunteer_id = ` + itoa(sc.volB),
		`UPDATE volunteers SET deleted_at = NULL WHERE id = ` + itoa(sc.volB),
		`UPDATE call_reports SET deleted_at = NULL WHERE uuid = 'call-b2'`,
		`DELETE FROM volunteer_tags WHERE volunteer_id = ` + itoa(sc.volB),
	} {
		if tag, err := alice.Exec(ctx, q); err == nil && tag.RowsAffected() != 0 {
			t.Errorf("as alice, %s: %d rows", q, tag.RowsAffected())
		}
	}
	if _, err := alice.Exec(ctx, `DELETE FROM faq_entries WHERE uuid = 'faq-e'`); !coalDenied(err) {
		t.Errorf("alice deleted the campaign's FAQ entry: %v", err)
	}
	checkB("after alice's plain SQL")

	// B's lead empties his: his go, under his chapter.
	bs := sc.openAs(t, sc.leadB)
	if n, err := bs.EmptyTrash(ctx); err != nil || n != 2 {
		t.Errorf("bob empties his trash: %d, %v; want 2", n, err)
	}
	if n := count(`SELECT count(*) FROM erased_records WHERE chapter_id = $1 AND uuid IN ('vol-b', 'call-b2')`, sc.b.ID); n != 2 {
		t.Errorf("%d of B's deletions are in erased_records, want 2", n)
	}
}

// TestCoordinatorEmptiesCampaignTrash: the coalition's coordinator's `trash empty`
// failed with the role's refusal, whatever the trash held: the statements deleted
// the chapters' trashed volunteers and call reports, which her login may neither read
// (volunteers) nor delete. She keeps the coalition's campaigns: their FAQ entries in
// the trash (hers to put there, from the Campaign screen) she lists and deletes for
// good; every chapter's trashed volunteers and call reports stay, their leads' (or
// the owner's) to empty, and nothing is written to erased_records.
func TestCoordinatorEmptiesCampaignTrash(t *testing.T) {
	sc := newCoalition(t)
	ctx := context.Background()
	admin := func(q string, args ...any) {
		t.Helper()
		if _, err := sc.admin.Exec(ctx, q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	for _, c := range []struct {
		uuid         string
		chapter, vol int64
	}{{"call-a2", sc.a.ID, sc.volA}, {"call-b2", sc.b.ID, sc.volB}} {
		admin(`INSERT INTO call_reports (uuid, chapter_id, campaign_id, volunteer_id, legislator_id, called_at, outcome,
			created_at, updated_at, deleted_at) VALUES ($1, $2, $3, $4, $5, 1700000100, 'no_answer', 0, 0, 1700000200)`,
			c.uuid, c.chapter, sc.campaign, c.vol, sc.legislator)
	}
	admin(`UPDATE volunteers SET deleted_at = 1700000200 WHERE id IN ($1, $2)`, sc.volA, sc.volB)
	admin(`WITH s AS (INSERT INTO faq_sections (uuid, campaign_id, created_at, updated_at) VALUES ('faq-s', $1, 0, 0) RETURNING id)
		INSERT INTO faq_entries (uuid, section_id, created_at, updated_at, deleted_at) SELECT 'faq-e', id, 0, 0, 1700000200 FROM s`,
		sc.campaign)

	cs := sc.openAs(t, sc.coord)
	items, err := cs.Trash(ctx)
	if err != nil {
		t.Fatalf("the coordinator lists her trash: %v", err)
	}
	if len(items) != 1 || items[0].Kind != db.TrashFAQEntries {
		t.Fatalf("the coordinator's trash: %+v, want the campaign's FAQ entry alone", items)
	}
	// She takes it out of the trash and puts it back, as the Campaign screen does.
	if err := cs.RestoreFromTrash(ctx, db.TrashFAQEntries, items[0].ID); err != nil {
		t.Errorf("the coordinator restores the FAQ entry: %v", err)
	}
	if err := cs.TrashFAQEntry(ctx, items[0].ID); err != nil {
		t.Errorf("the coordinator trashes the FAQ entry: %v", err)
	}
	n, err := cs.EmptyTrash(ctx)
	if err != nil {
		t.Fatalf("the coordinator empties her trash: %v", err)
	}
	if n != 1 {
		t.Errorf("the coordinator's emptying deleted %d records, want 1 (the FAQ entry)", n)
	}
	count := func(q string, args ...any) int { t.Helper(); return coalCount(t, sc.admin, q, args...) }
	if n := count(`SELECT count(*) FROM faq_entries WHERE uuid = 'faq-e'`); n != 0 {
		t.Errorf("the campaign's trashed FAQ entry is still there")
	}
	if n := count(`SELECT count(*) FROM volunteers WHERE deleted_at IS NOT NULL`); n != 2 {
		t.Errorf("%d of the chapters' trashed volunteers are left, want both", n)
	}
	if n := count(`SELECT count(*) FROM call_reports WHERE uuid IN ('call-a2', 'call-b2') AND deleted_at IS NOT NULL`); n != 2 {
		t.Errorf("%d of the chapters' trashed call reports are left, want both", n)
	}
	if n := count(`SELECT count(*) FROM call_reports WHERE volunteer_id IS NULL`); n != 0 {
		t.Errorf("%d call reports lost their caller", n)
	}
	if n := count(`SELECT count(*) FROM erased_records`); n != 0 {
		t.Errorf("%d erased records after the coordinator's emptying, want none", n)
	}
	if left, err := cs.Trash(ctx); err != nil || len(left) != 0 {
		t.Errorf("the coordinator's trash after emptying: %+v, %v", left, err)
	}
}
