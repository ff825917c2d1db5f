package db

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"
)

// The form's 9:36:11 of 16 January and of 16 July 2024, as an older ChapterDesk on a
// laptop set to UTC stored them (09:36:11Z), now read 4:36 and 5:36 in Massachusetts.
const (
	januaryOnUTC = 1705397771 // 2024-01-16 09:36:11 UTC
	julyOnUTC    = 1721122571 // 2024-07-16 09:36:11 UTC
)

// oldFormFile is a data file of an older ChapterDesk with two reports its import of a
// form read on a UTC laptop (r1 in January, r2 in July, r2 in the trash), and one
// entered by hand (r3, not listed), opened (so upgraded: r1 and r2 listed).
func oldFormFile(t *testing.T) (*Store, string) {
	t.Helper()
	report := func(uuid string, at int64, source, deleted string) string {
		return fmt.Sprintf(`INSERT INTO call_reports (uuid, chapter_id, campaign_id, legislator_id, called_at, outcome, source,
			created_at, updated_at, deleted_at) VALUES ('%s', 1, 1, 1, %d, 'spoke_staff', '%s', 2, 2, %s)`, uuid, at, source, deleted)
	}
	path := versionTwoFile(t,
		`INSERT INTO campaigns (uuid, state, created_at, updated_at) VALUES ('k', 'MA', 1, 1)`,
		`INSERT INTO legislators (uuid, chamber, district, name, created_at, updated_at) VALUES ('l1', 'upper', 'Second Suffolk', 'Liz Miranda', 0, 0)`,
		report("r1", januaryOnUTC, "report form", "NULL"),
		report("r2", julyOnUTC, "report form", "NULL"),
		report("r3", julyOnUTC-3600, "manual", "NULL"))
	s, err := Open(context.Background(), path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, path
}

// calledAt is a report's stored time, and whether it is listed as unsure.
func calledAt(t *testing.T, s *Store, uuid string) (int64, bool) {
	t.Helper()
	var at int64
	var listed bool
	if err := s.r.QueryRow(`SELECT called_at, EXISTS (SELECT 1 FROM call_times_unsure u WHERE u.call_report_id = r.id)
		FROM call_reports r WHERE uuid = ?`, uuid).Scan(&at, &listed); err != nil {
		t.Fatal(err)
	}
	return at, listed
}

// A lead whose laptop was set to UTC when an older ChapterDesk imported the form
// could not say so: the times stayed hours off for ever (tester, s39).
func TestFixCallTimes(t *testing.T) {
	ctx := context.Background()

	t.Run("moves each listed report by its own day's offset and clears its mark", func(t *testing.T) {
		s, _ := oldFormFile(t)
		if _, err := s.w.Exec(`UPDATE call_reports SET deleted_at = 5 WHERE uuid = 'r2'`); err != nil {
			t.Fatal(err)
		}
		if _, err := s.w.Exec(`INSERT INTO stance_history (uuid, campaign_id, legislator_id, stance, changed_at, call_report_id)
			VALUES ('h1', 1, 1, 'yes', ?, (SELECT id FROM call_reports WHERE uuid = 'r1'))`, januaryOnUTC); err != nil {
			t.Fatal(err)
		}
		fix, err := s.FixCallTimes(ctx, FixCallTimesOptions{Zone: "UTC", FormsGaveNoZone: true})
		if err != nil {
			t.Fatal(err)
		}
		// 9:36:11 EST is 14:36:11Z (5 hours on), 9:36:11 EDT 13:36:11Z (4 hours on).
		if at, listed := calledAt(t, s, "r1"); at != januaryOnUTC+5*3600 || listed {
			t.Errorf("r1 at %s, listed %v; want 9:36:11 EST, no longer listed", time.Unix(at, 0).UTC(), listed)
		}
		if at, listed := calledAt(t, s, "r2"); at != julyOnUTC+4*3600 || listed {
			t.Errorf("r2 at %s, listed %v; want 9:36:11 EDT, no longer listed", time.Unix(at, 0).UTC(), listed)
		}
		if at, _ := calledAt(t, s, "r3"); at != julyOnUTC-3600 {
			t.Errorf("r3, entered by hand, moved to %s", time.Unix(at, 0).UTC())
		}
		if fix.Moved != 2 || fix.Right != 0 || fix.Trashed != 1 || len(fix.Shifts) != 2 || fix.Shifts[0].Hours() != "4 hours later" ||
			fix.Shifts[1].Hours() != "5 hours later" || fix.BatchID == 0 || fix.StanceChanges != 1 {
			t.Errorf("fix: %+v", fix)
		}
		if len(fix.Examples) != 2 || fix.Examples[0].Before != "16 January 2024, 4:36:11 AM EST" || fix.Examples[0].After != "16 January 2024, 9:36:11 AM EST" {
			t.Errorf("examples: %+v", fix.Examples)
		}
		// The stats follow the live report: r3 (08:36Z) and r1, now 14:36Z.
		var last int64
		s.r.QueryRow(`SELECT last_called_at FROM call_stats`).Scan(&last)
		if last != januaryOnUTC+5*3600 && last != julyOnUTC-3600 {
			t.Errorf("call_stats last called at %s", time.Unix(last, 0).UTC())
		}
		if n, note, _ := s.CallTimesUnsure(ctx); n != 0 || note != "" {
			t.Errorf("still unsure: %d %q", n, note)
		}
		again, err := s.FixCallTimes(ctx, FixCallTimesOptions{Zone: "UTC", FormsGaveNoZone: true})
		if err != nil || again.Moved+again.Right != 0 || again.BatchID != 0 {
			t.Errorf("a second run moved again: %+v, %v", again, err)
		}
		batches, _ := s.ImportBatches(ctx)
		if len(batches) != 1 || batches[0].Kind != FixCallTimesFormat || batches[0].Updated != 2 {
			t.Errorf("import list: %+v", batches)
		}

		t.Run("and import undo takes it back, marks included", func(t *testing.T) {
			if _, err := s.UndoImport(ctx, fix.BatchID); err != nil {
				t.Fatal(err)
			}
			for uuid, want := range map[string]int64{"r1": januaryOnUTC, "r2": julyOnUTC} {
				if at, listed := calledAt(t, s, uuid); at != want || !listed {
					t.Errorf("%s at %s, listed %v after the undo", uuid, time.Unix(at, 0).UTC(), listed)
				}
			}
		})
	})

	// Report r1 heard "Yes" at 9:36 AM, stored as 4:36 AM; a "No" set at 9:00 AM stood
	// over it. Put right, r1 is the newest: the history row heard on it moves with it,
	// and the count is "Yes" (reviewer, s40: the count stayed "No").
	t.Run("moves the stance changes heard on a moved report and settles the count again", func(t *testing.T) {
		s, _ := oldFormFile(t)
		nineAM := int64(januaryOnUTC + 4*3600 + 23*60 + 49) // 16 January 2024, 9:00 AM EST
		if _, err := s.w.Exec(`INSERT INTO stance_history (uuid, campaign_id, legislator_id, stance, changed_at, changed_by, reason, call_report_id)
			VALUES ('h1', 1, 1, 'yes', ?1, 'Ann', 'heard on a call', (SELECT id FROM call_reports WHERE uuid = 'r1')),
			('h2', 1, 1, 'no', ?2, 'Lead', 'set by hand', NULL)`, januaryOnUTC, nineAM); err != nil {
			t.Fatal(err)
		}
		count := func() (string, int64, int64) {
			t.Helper()
			var st string
			var at, h1 int64
			if err := s.r.QueryRow(`SELECT s.stance, s.changed_at, (SELECT changed_at FROM stance_history WHERE uuid = 'h1')
				FROM stances s WHERE s.campaign_id = 1 AND s.legislator_id = 1`).Scan(&st, &at, &h1); err != nil {
				t.Fatal(err)
			}
			return st, at, h1
		}
		if st, _, _ := count(); st != "no" {
			t.Fatalf("count %q before the fix, want no", st)
		}
		fix, err := s.FixCallTimes(ctx, FixCallTimesOptions{Zone: "UTC", FormsGaveNoZone: true})
		if err != nil {
			t.Fatal(err)
		}
		if st, at, h1 := count(); st != "yes" || at != januaryOnUTC+5*3600 || h1 != januaryOnUTC+5*3600 {
			t.Errorf("after the fix: count %q since %s, h1 at %s; want yes, both at r1's 9:36:11 AM EST",
				st, time.Unix(at, 0).UTC(), time.Unix(h1, 0).UTC())
		}
		if fix.StanceChanges != 1 || len(fix.Recounted) != 1 || fix.Recounted[0].Before != StanceNo || fix.Recounted[0].After != StanceYes ||
			fix.Recounted[0].Legislator != "Sen. Liz Miranda" {
			t.Errorf("fix: %d stance changes, recounted %+v; want 1, Sen. Liz Miranda no to yes", fix.StanceChanges, fix.Recounted)
		}
		for _, q := range []string{`UPDATE stance_history SET stance = 'no' WHERE uuid = 'h1'`,
			`UPDATE stance_history SET changed_at = changed_at + 1 WHERE uuid = 'h2'`} {
			if _, err := s.w.Exec(q); err == nil || !strings.Contains(err.Error(), "append-only") {
				t.Errorf("%s: %v; want the history append-only but for a fix's recorded move", q, err)
			}
		}
		t.Run("and import undo puts the history and the count back", func(t *testing.T) {
			sum, err := s.UndoImport(ctx, fix.BatchID)
			if err != nil {
				t.Fatal(err)
			}
			// The undo's summary did not count the history it moved back (s41).
			if sum.StanceTimesBack != 1 || sum.Restored != 2 {
				t.Errorf("undo: %+v; want 1 stance change moved back, the 2 reports restored", sum)
			}
			if st, at, h1 := count(); st != "no" || at != nineAM || h1 != januaryOnUTC {
				t.Errorf("after the undo: count %q since %s, h1 at %s; want no since 9:00 AM, h1 at 4:36 AM",
					st, time.Unix(at, 0).UTC(), time.Unix(h1, 0).UTC())
			}
		})
	})

	t.Run("a dry run shows before and after and writes nothing", func(t *testing.T) {
		s, _ := oldFormFile(t)
		fix, err := s.FixCallTimes(ctx, FixCallTimesOptions{Zone: "Europe/Lisbon", DryRun: true, FormsGaveNoZone: true})
		if err != nil {
			t.Fatal(err)
		}
		// Lisbon keeps summer time as Boston does: 9:36 WET and 10:36 WEST, read as
		// 9:36 EST and 10:36 EDT, both move 5 hours.
		if fix.Moved != 2 || !fix.DryRun || fix.BatchID != 0 || len(fix.Examples) != 2 || len(fix.Shifts) != 1 ||
			fix.Shifts[0].Hours() != "5 hours later" {
			t.Errorf("dry run: %+v", fix)
		}
		for uuid, want := range map[string]int64{"r1": januaryOnUTC, "r2": julyOnUTC} {
			if at, listed := calledAt(t, s, uuid); at != want || !listed {
				t.Errorf("%s moved by a dry run to %s (listed %v)", uuid, time.Unix(at, 0).UTC(), listed)
			}
		}
		if b, _ := s.ImportBatches(ctx); len(b) != 0 {
			t.Errorf("a dry run left a batch: %+v", b)
		}
	})

	t.Run("the legislature's own zone moves nothing and clears the marks", func(t *testing.T) {
		s, _ := oldFormFile(t)
		fix, err := s.FixCallTimes(ctx, FixCallTimesOptions{Zone: "America/New_York", FormsGaveNoZone: true})
		if err != nil || fix.Moved != 0 || fix.Right != 2 {
			t.Fatalf("%+v, %v", fix, err)
		}
		for uuid, want := range map[string]int64{"r1": januaryOnUTC, "r2": julyOnUTC} {
			if at, listed := calledAt(t, s, uuid); at != want || listed {
				t.Errorf("%s at %s, listed %v", uuid, time.Unix(at, 0).UTC(), listed)
			}
		}
	})

	t.Run("refuses a zone it does not know, moving nothing", func(t *testing.T) {
		s, _ := oldFormFile(t)
		for _, z := range []string{"Mars/Olympus_Mons", "", "Local", "EST5EDT6"} {
			if _, err := s.FixCallTimes(ctx, FixCallTimesOptions{Zone: z, FormsGaveNoZone: true}); err == nil || !strings.Contains(err.Error(), "America/New_York") {
				t.Errorf("zone %q: %v", z, err)
			}
		}
		if at, listed := calledAt(t, s, "r1"); at != januaryOnUTC || !listed {
			t.Errorf("r1 moved by a refused fix")
		}
	})

	// Go knows EST, MST and HST as fixed offsets: a lead typing EST meaning Eastern
	// had July's right reports moved an hour and January's declared right (s40).
	t.Run("refuses a fixed abbreviation a lead means as a place's clock, naming the place", func(t *testing.T) {
		s, _ := oldFormFile(t)
		for z, want := range map[string][]string{"EST": {"America/New_York"}, "MST": {"America/Denver", "America/Phoenix"},
			"HST": {"Pacific/Honolulu"}, "est": {"America/New_York"}} {
			_, err := s.FixCallTimes(ctx, FixCallTimesOptions{Zone: z, FormsGaveNoZone: true})
			for _, w := range want {
				if err == nil || !strings.Contains(err.Error(), w) {
					t.Errorf("zone %q: %v; want a refusal naming %s", z, err, w)
				}
			}
		}
		if at, listed := calledAt(t, s, "r2"); at != julyOnUTC || !listed {
			t.Errorf("r2 moved by a refused fix")
		}
		for _, z := range []string{"Etc/UTC", "UTC"} {
			if _, err := s.FixCallTimes(ctx, FixCallTimesOptions{Zone: z, DryRun: true, FormsGaveNoZone: true}); err != nil {
				t.Errorf("zone %q refused: %v", z, err)
			}
		}
	})
}

// The upgrade listed every report an older ChapterDesk imported from a form, also
// those whose form wrote the time with its own offset ("2024-07-16T05:36:11-04:00"),
// which every version read right; fix-times --imported-on-zone UTC moved those hours
// off too, without a word (reviewer, s41). The lead gives the form files the reports
// came from: only a report whose row wrote its time without a zone moves; one whose
// row gave its zone loses its mark, unmoved; one found in none stays marked, listed.
// Without the files, a fix is refused unless the lead says the forms gave no zone.
func TestFixCallTimesFromTheFormFiles(t *testing.T) {
	ctx := context.Background()
	noZone := FormTime{File: "responses.csv", Line: 2, Written: time.Date(2024, 1, 16, 9, 36, 11, 0, time.UTC)}
	withZone := FormTime{File: "export.csv", Line: 7, Zoned: true, At: time.Unix(julyOnUTC, 0)}

	t.Run("moves only the reports whose form time had no zone", func(t *testing.T) {
		s, _ := oldFormFile(t)
		fix, err := s.FixCallTimes(ctx, FixCallTimesOptions{Zone: "UTC", Forms: []FormTime{noZone, withZone}})
		if err != nil {
			t.Fatal(err)
		}
		if at, listed := calledAt(t, s, "r1"); at != januaryOnUTC+5*3600 || listed {
			t.Errorf("r1 at %s, listed %v; want 9:36:11 EST, no longer listed", time.Unix(at, 0).UTC(), listed)
		}
		if at, listed := calledAt(t, s, "r2"); at != julyOnUTC || listed {
			t.Errorf("r2, whose form gave its offset, at %s, listed %v; want unmoved, no longer listed", time.Unix(at, 0).UTC(), listed)
		}
		if fix.Moved != 1 || fix.ZoneGiven != 1 || fix.NotInForms != 0 {
			t.Errorf("fix: %+v", fix)
		}
		t.Run("and undo puts the mark of the report whose form gave its zone back", func(t *testing.T) {
			if _, err := s.UndoImport(ctx, fix.BatchID); err != nil {
				t.Fatal(err)
			}
			if at, listed := calledAt(t, s, "r2"); at != julyOnUTC || !listed {
				t.Errorf("r2 at %s, listed %v after the undo", time.Unix(at, 0).UTC(), listed)
			}
		})
	})

	t.Run("leaves a report found in no form file marked, and names it", func(t *testing.T) {
		s, _ := oldFormFile(t)
		fix, err := s.FixCallTimes(ctx, FixCallTimesOptions{Zone: "UTC", Forms: []FormTime{noZone}})
		if err != nil {
			t.Fatal(err)
		}
		if at, listed := calledAt(t, s, "r2"); at != julyOnUTC || !listed {
			t.Errorf("r2, in no form given, at %s, listed %v; want unmoved and still listed", time.Unix(at, 0).UTC(), listed)
		}
		if fix.Moved != 1 || fix.NotInForms != 1 || len(fix.NotFound) != 1 || !strings.Contains(fix.NotFound[0], "Sen. Liz Miranda") {
			t.Errorf("fix: %+v", fix)
		}
	})

	t.Run("a report is found only in the form file it was imported from", func(t *testing.T) {
		// r2 came from formB.csv, which the lead did not give; formA.csv has a row of
		// no zone at r2's instant. r2 moved 4 hours, its right time and form aside
		// (tester, s41).
		s, _ := oldFormFile(t)
		for _, q := range []string{
			`INSERT INTO import_batches (uuid, kind, format, source_name, started_at) VALUES ('b1', 'calls', 'report form', 'formA.csv', 3)`,
			`INSERT INTO import_batches (uuid, kind, format, source_name, started_at) VALUES ('b2', 'calls', 'report form', 'formB.csv', 4)`,
			`UPDATE call_reports SET import_batch_id = (SELECT id FROM import_batches WHERE uuid = 'b1') WHERE uuid = 'r1'`,
			`UPDATE call_reports SET import_batch_id = (SELECT id FROM import_batches WHERE uuid = 'b2') WHERE uuid = 'r2'`,
		} {
			if _, err := s.w.Exec(q); err != nil {
				t.Fatal(err)
			}
		}
		rowA := noZone
		rowA.File = "formA.csv"
		atR2 := FormTime{File: "formA.csv", Line: 3, Written: time.Unix(julyOnUTC, 0).UTC()}
		fix, err := s.FixCallTimes(ctx, FixCallTimesOptions{Zone: "UTC", Forms: []FormTime{rowA, atR2}})
		if err != nil {
			t.Fatal(err)
		}
		if at, listed := calledAt(t, s, "r2"); at != julyOnUTC || !listed {
			t.Errorf("r2, of a form not given, at %s, listed %v; want unmoved and still listed", time.Unix(at, 0).UTC(), listed)
		}
		if at, _ := calledAt(t, s, "r1"); at != januaryOnUTC+5*3600 {
			t.Errorf("r1, of formA.csv, at %s; want moved", time.Unix(at, 0).UTC())
		}
		if fix.Moved != 1 || fix.NotInForms != 1 {
			t.Errorf("fix: %+v", fix)
		}
	})

	t.Run("a time both a zoned and a zone-less row give is not guessed", func(t *testing.T) {
		s, _ := oldFormFile(t)
		alsoZoned := FormTime{File: "export.csv", Line: 3, Zoned: true, At: time.Unix(januaryOnUTC, 0)}
		fix, err := s.FixCallTimes(ctx, FixCallTimesOptions{Zone: "UTC", Forms: []FormTime{noZone, alsoZoned, withZone}})
		if err != nil {
			t.Fatal(err)
		}
		if at, listed := calledAt(t, s, "r1"); at != januaryOnUTC || !listed {
			t.Errorf("r1 at %s, listed %v; want unmoved and still listed", time.Unix(at, 0).UTC(), listed)
		}
		if fix.Moved != 0 || len(fix.Skipped) != 1 || !strings.Contains(fix.Skipped[0], "responses.csv line 2") ||
			!strings.Contains(fix.Skipped[0], "export.csv line 3") {
			t.Errorf("fix: %+v", fix)
		}
	})

	t.Run("without the form files a fix is refused, saying why and how to tell", func(t *testing.T) {
		s, _ := oldFormFile(t)
		_, err := s.FixCallTimes(ctx, FixCallTimesOptions{Zone: "UTC"})
		for _, want := range []string{"--from", "-05:00", "must not be moved", "--forms-gave-no-zone"} {
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("fix without the forms: %v; want a refusal saying %q", err, want)
			}
		}
		if at, listed := calledAt(t, s, "r1"); at != januaryOnUTC || !listed {
			t.Errorf("r1 moved by a refused fix")
		}
		dry, err := s.FixCallTimes(ctx, FixCallTimesOptions{Zone: "UTC", DryRun: true})
		if err != nil || dry.Moved != 2 || !dry.Unverified {
			t.Errorf("dry run without the forms: %+v, %v; want it shown, marked unverified", dry, err)
		}
		if _, note, _ := s.CallTimesUnsure(ctx); !strings.Contains(note, "must not be moved") || !strings.Contains(note, "--from") {
			t.Errorf("the note on opening does not warn of forms that gave their zone: %q", note)
		}
	})
}
