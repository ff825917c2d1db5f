package db

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"testing"
)

// The match index read in two halves at once (readRosterInHalves) is the one read in
// one pass: the same entries in the same places, so the same tables, whatever the
// ids' gaps and the volunteers in the trash (left out of both).
func TestRosterReadInHalves(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "halves.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var rows []IncomingVolunteer
	for i := range 2500 {
		v := NewVolunteer(fmt.Sprintf("Ana%d", i%700), fmt.Sprintf("Souza%d", i%900))
		switch i % 4 {
		case 0:
			v.Email = fmt.Sprintf("ana%d@example.org", i)
		case 1:
			v.Phone = fmt.Sprintf("(617) 555-%04d", i)
		case 2:
			v.Mobile, v.Zip = fmt.Sprintf("(508) 555-%04d", i), fmt.Sprintf("02%03d", i%500)
		}
		v.Tags = []string{fmt.Sprintf("team %d", i%5)}
		rows = append(rows, IncomingVolunteer{Line: i + 2, Volunteer: v, System: "nationbuilder", ExternalID: fmt.Sprint(i)})
	}
	if _, err := s.ImportVolunteers(ctx, VolunteerRows(rows), ImportOptions{Format: "nationbuilder"}); err != nil {
		t.Fatal(err)
	}
	for id := int64(3); id < 2500; id += 97 { // gaps in the ids read
		if err := s.TrashVolunteer(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	var chapter int64
	if err := tx.QueryRowContext(ctx, selfChapterQuery(false)).Scan(&chapter); err != nil {
		t.Fatal(err)
	}
	span, err := spanRoster(ctx, tx, chapter)
	if err != nil {
		t.Fatal(err)
	}
	whole, err := loadVolunteerIndex(ctx, tx, nil, chapter, span, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer func(n int) { sideRosterMin = n }(sideRosterMin)
	sideRosterMin = 1
	halves, err := loadVolunteerIndex(ctx, tx, s.r, chapter, span, nil)
	if err != nil {
		t.Fatal(err)
	}
	if whole.n != 2500-26 || halves.n != whole.n {
		t.Fatalf("%d entries read whole, %d in halves, want %d", whole.n, halves.n, 2500-26)
	}
	for i := range whole.n {
		if a, b := *whole.at(entryNum(i)), *halves.at(entryNum(i)); a != b {
			t.Fatalf("entry %d: %+v whole, %+v in halves", i, a, b)
		}
	}
	// The entries with no email or phone (a quarter) are found by their values alone.
	if whole.byRecord.n < 600 || !slices.Equal(whole.byRecord.keys, halves.byRecord.keys) || !slices.Equal(whole.byRecord.slots, halves.byRecord.slots) {
		t.Fatalf("the records without email or phone: %d indexed whole, %d in halves, or not alike", whole.byRecord.n, halves.byRecord.n)
	}
	matched := 0
	for i := 0; i < whole.n; i += 7 {
		e := whole.at(entryNum(i))
		keys := &incomingKeys{email: e.email, phone: e.phone, mobile: e.mobile, name: e.name, nameZip: e.nameZip,
			external: key64("nationbuilder", fmt.Sprint(e.id-1))} // the rows' ids elsewhere, as imported
		a, _, _, _ := whole.match(keys)
		b, _, _, _ := halves.match(keys)
		if a == nil || b == nil || a.id != e.id || b.id != e.id {
			t.Fatalf("entry %d (volunteer %d) matched %v whole, %v in halves", i, e.id, a, b)
		}
		if a.labelHash == 0 || a.labelHash != b.labelHash {
			t.Errorf("entry %d: label hashes %x whole, %x in halves", i, a.labelHash, b.labelHash)
		}
		matched++
	}
	if matched < 300 {
		t.Errorf("%d entries looked up", matched)
	}
	// The same rows without their ids, imported again (the roster read in halves):
	// each is found, those without email or phone by their values.
	tx.Rollback()
	for i := range rows {
		rows[i].System, rows[i].ExternalID = "", ""
	}
	sum, err := s.ImportVolunteers(ctx, VolunteerRows(rows[:2000]), ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// The 21 of the first 2000 in the trash are found there (the rows hold the UUIDs
	// the first import gave them) and left in it, not added again (t7 F9).
	if len(sum.InTrash) != 21 || sum.Created != 0 {
		t.Errorf("imported again: %d created, %d left in the trash, %d updated, %d unchanged; want the 21 in the trash",
			sum.Created, len(sum.InTrash), sum.Updated, sum.Unchanged)
	}
}
