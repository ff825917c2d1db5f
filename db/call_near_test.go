package db_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// nearSetup is a store with a campaign and the three legislators the rows name.
func nearSetup(t *testing.T) *db.Store {
	t.Helper()
	s := dbtest.Open(t)
	dbtest.Campaign(t, s)
	dbtest.Legislator(t, s, db.ChamberLower, "13th Suffolk", "Dan Hunt")
	dbtest.Legislator(t, s, db.ChamberLower, "23rd Middlesex", "Sean Garballey")
	dbtest.Legislator(t, s, db.ChamberUpper, "Norfolk and Plymouth", "John Keenan")
	return s
}

// wallRow is a form's row with its time written without a zone at h:m:sec on 2 June
// 2025, as the importer hands it over (WallClock, WrittenAt).
func wallRow(line int, name, email, legislator string, h, m, sec int, notes string) db.IncomingCall {
	w := time.Date(2025, 6, 2, h, m, sec, 0, time.UTC)
	return db.IncomingCall{Line: line, CallerName: name, CallerEmail: email, Legislator: legislator, CalledAt: w,
		WallClock: true, WrittenAt: w, Outcome: db.OutcomeSpokeStaff, StanceHeard: db.StanceYes, Notes: notes}
}

// A sheet re-saved in Excel or Sheets writes a form's timestamp without its seconds
// ("6/2/2025 10:00" for 10:00:04): imported again, its calls are the reports stored
// from the sheet before, not calls a second time; and a report stored from such a
// sheet is found by the row that has the seconds.
func TestImportCallsTimeWithoutSecondsFindsTheReport(t *testing.T) {
	secs := wallRow(2, "Ann Lee", "ann@example.org", "Rep. Dan Hunt", 10, 0, 4, "first call")
	minute := secs
	minute.CalledAt = time.Date(2025, 6, 2, 10, 0, 0, 0, time.UTC)
	minute.WrittenAt, minute.NoSeconds = minute.CalledAt, true
	t.Run("with seconds, then without", func(t *testing.T) {
		s := nearSetup(t)
		importCallsAgain(t, s, "with seconds", 1, secs)
		if sum := importCallsAgain(t, s, "re-saved, without seconds", 0, minute); sum.Unchanged != 1 {
			t.Errorf("%d unchanged, want 1", sum.Unchanged)
		}
	})
	t.Run("without seconds, then with", func(t *testing.T) {
		s := nearSetup(t)
		importCallsAgain(t, s, "without seconds", 1, minute)
		importCallsAgain(t, s, "with seconds", 0, secs)
	})
	t.Run("another minute is another call", func(t *testing.T) {
		s := nearSetup(t)
		importCallsAgain(t, s, "with seconds", 1, secs)
		other := minute
		other.CalledAt = other.CalledAt.Add(20 * time.Minute)
		other.WrittenAt, other.Office = other.CalledAt, db.OfficeDistrict
		importCallsAgain(t, s, "20 minutes later", 1, other)
	})
}

// A call edited in the form's sheet in its time, its caller's email or its legislator
// has a key of its own, and was added as a second call, unlisted. A new row with a
// stored report no row of the file is, of the same caller at the same second, or of
// the same caller and legislator a few minutes apart, is listed as possibly that
// report and left out, unless AddSimilar; one whose near report is a row of the file
// too is another call.
func TestImportCallsEditedTimeEmailOrLegislatorIsListed(t *testing.T) {
	ctx := context.Background()
	stored := []db.IncomingCall{
		wallRow(2, "Ann Lee", "ann@example.org", "Rep. Dan Hunt", 10, 0, 0, "first call"),
		wallRow(3, "Bob Ray", "bob@example.org", "Sen. John Keenan", 11, 0, 0, ""),
		wallRow(4, "Dev Patel", "dev@example.org", "Rep. Sean Garballey", 13, 0, 0, "week2 b"),
	}
	edited := []db.IncomingCall{
		wallRow(2, "Ann Lee", "ann@example.org", "Rep. Dan Hunt", 10, 5, 0, "first call"),
		wallRow(3, "Bob Ray", "bobray@example.org", "Sen. John Keenan", 11, 0, 0, ""),
		wallRow(4, "Dev Patel", "dev@example.org", "Rep. Dan Hunt", 13, 0, 0, "week2 b"),
	}
	for i := range edited {
		edited[i].Cells = []string{"row", "cells"}
	}
	t.Run("listed and left out", func(t *testing.T) {
		s := nearSetup(t)
		importCallsAgain(t, s, "first", 3, stored...)
		sum := importCallsAgain(t, s, "edited", 0, edited...)
		if len(sum.Similar) != 3 {
			t.Fatalf("%d rows listed as possible duplicates, want 3: %+v", len(sum.Similar), sum.Similar)
		}
		for i, want := range []string{"another time", "another email", "another legislator"} {
			if u := sum.Similar[i]; !strings.Contains(u.Reason, want) || len(u.Cells) == 0 {
				t.Errorf("line %d: %q (cells %q) does not say %q", u.Line, u.Reason, u.Cells, want)
			}
		}
		// The stored report is named by its caller, not by its UUID (s41).
		for i, want := range []string{"may be Ann Lee's report (ann@example.org) with", "may be Bob Ray's report (bob@example.org) with",
			"may be Dev Patel's report (dev@example.org) with"} {
			if u := sum.Similar[i]; !strings.Contains(u.Reason, want) || strings.Contains(u.Reason, "may be report ") {
				t.Errorf("line %d: %q does not name the report %q", u.Line, u.Reason, want)
			}
		}
		if n := len(dbtest.Roster(t, s)); n != 3 {
			t.Errorf("%d volunteers, want 3 (no second Bob Ray)", n)
		}
	})
	t.Run("added with AddSimilar", func(t *testing.T) {
		s := nearSetup(t)
		importCallsAgain(t, s, "first", 3, stored...)
		sum, err := s.ImportCalls(ctx, edited, db.CallImportOptions{AddSimilar: true})
		if err != nil || sum.Created != 3 {
			t.Errorf("with AddSimilar: %d created (%v), want 3", sum.Created, err)
		}
	})
	t.Run("another call when the report is a row of the file", func(t *testing.T) {
		s := nearSetup(t)
		importCallsAgain(t, s, "first", 3, stored...)
		sum := importCallsAgain(t, s, "cumulative", 1, stored[0], edited[0])
		if len(sum.Similar) != 0 {
			t.Errorf("listed %+v, want none", sum.Similar)
		}
	})
}

// TestImportCallsNearListedOnTheLegislatureClock: a possible duplicate's times are
// the legislature's clock with its zone (10:05 AM EDT in Boston), whatever the
// computer's zone (here Kiritimati, UTC+14), as the import's other lines write them;
// not an instant with an offset, nor UTC, which a lead reads as hours off.
func TestImportCallsNearListedOnTheLegislatureClock(t *testing.T) {
	setLocal(t, "Pacific/Kiritimati")
	s := nearSetup(t)
	importCallsAgain(t, s, "first", 1, wallRow(2, "Ann Lee", "ann@example.org", "Rep. Dan Hunt", 10, 0, 0, "first call"))
	sum := importCallsAgain(t, s, "edited", 0, wallRow(2, "Ann Lee", "ann@example.org", "Rep. Dan Hunt", 10, 5, 0, "first call"))
	if len(sum.Similar) != 1 {
		t.Fatalf("%d possible duplicates, want 1: %+v", len(sum.Similar), sum.Similar)
	}
	why := sum.Similar[0].Reason
	if want := "another time (2 June 2025, 10:05 AM EDT, the report's 2 June 2025, 10:00 AM EDT)"; !strings.Contains(why, want) {
		t.Errorf("%q does not say %q", why, want)
	}
}
