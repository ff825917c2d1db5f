package main

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

func TestTrashVerb(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "chapter.db")
	s, err := db.Open(ctx, path, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"Ana", "Rosa"} {
		id, err := s.CreateVolunteer(ctx, db.NewVolunteer(name, "Souza"))
		if err != nil {
			t.Fatal(err)
		}
		if err := s.TrashVolunteer(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()

	t.Run("lists what is in the trash, one line each", func(t *testing.T) {
		code, out, _ := chapterdesk(t, "trash", "--db", path)
		if code != 0 || strings.Count(out, "\n") != 2 || !strings.Contains(out, "volunteer") || !strings.Contains(out, "Ana Souza") {
			t.Errorf("exit %d:\n%s", code, out)
		}
	})
	t.Run("restores one record by kind and number", func(t *testing.T) {
		code, out, errOut := chapterdesk(t, "trash", "restore", "volunteer", "1", "--db", path)
		if code != 0 || !strings.Contains(out, "volunteer 1 is back") {
			t.Errorf("exit %d: %q %q", code, out, errOut)
		}
		code, _, errOut = chapterdesk(t, "trash", "restore", "volunteer", "1", "--db", path)
		if code != 1 || !strings.Contains(errOut, "there is no volunteer 1 in the trash") {
			t.Errorf("restoring twice: exit %d: %q", code, errOut)
		}
	})
	t.Run("refuses a kind or number it cannot read", func(t *testing.T) {
		for _, args := range [][]string{{"restore", "legislator", "1"}, {"restore", "volunteer", "x"}, {"burn"}} {
			if code, _, errOut := chapterdesk(t, append(append([]string{"trash"}, args...), "--db", path)...); code != 2 {
				t.Errorf("%v: exit %d, %q", args, code, errOut)
			}
		}
	})
	t.Run("empties the trash for good", func(t *testing.T) {
		code, out, errOut := chapterdesk(t, "trash", "empty", "--db", path)
		if code != 0 || !strings.Contains(out, "deleted 1 records for good") {
			t.Errorf("exit %d: %q %q", code, out, errOut)
		}
		if _, out, _ := chapterdesk(t, "trash", "list", "--db", path); out != "the trash is empty\n" {
			t.Errorf("after emptying: %q", out)
		}
		if _, out, _ := chapterdesk(t, "stats", "--db", path); !strings.Contains(out, "volunteers: 1\n") {
			t.Errorf("stats after emptying:\n%s", out)
		}
	})
}

// trash restore call N says how the whip count moved: the call's stance counts again
// (a call in the trash sets no count).
func TestTrashRestoreCallSaysTheCount(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "chapter.db")
	s, err := db.Open(ctx, path, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	camp := dbtest.Campaign(t, s)
	leg, err := s.CreateLegislator(ctx, db.Legislator{Chamber: db.ChamberLower, District: "26th Middlesex", Name: "Jane Doe"})
	if err != nil {
		t.Fatal(err)
	}
	id, err := s.CreateCallReport(ctx, db.CallReport{CampaignID: camp, LegislatorID: leg, Outcome: db.OutcomeSpokeStaff,
		StanceHeard: db.StanceNo, CalledAt: time.Date(2026, 3, 3, 15, 0, 0, 0, time.UTC)}, true)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.TrashCallReport(ctx, id); err != nil {
		t.Fatal(err)
	}
	s.Close()
	code, out, errOut := chapterdesk(t, "trash", "restore", "call", fmt.Sprint(id), "--db", path)
	if code != 0 || !strings.Contains(out, "is back out of the trash\nRep. Jane Doe's whip count is No again (heard on this call).") {
		t.Errorf("exit %d: %q %q", code, out, errOut)
	}
}
