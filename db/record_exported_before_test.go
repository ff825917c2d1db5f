package db_test

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
	"github.com/chapterdesk/chapterdesk/importer"
)

// TestExportedBeforeItsNewestRollCall: tester t10 imported nh-2024 with --exported
// 2020-01-01, years before its newest roll call (2024-10-10, a veto override), and it was taken: a
// mistyped old date makes a newer export read as older, which withdraws nothing. A
// date before the export's own newest roll call is refused, as a future one is,
// saying why; the day of that roll call is taken.
func TestExportedBeforeItsNewestRollCall(t *testing.T) {
	dir := "../../shared/data/openstates-sessions/nh-2024"
	if _, err := os.Stat(dir); err != nil {
		t.Skip("no real session export here:", err)
	}
	ctx := context.Background()
	s := dbtest.Open(t)
	for _, c := range []struct {
		day  time.Time
		want string // "": taken
	}{
		{time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), "before its newest roll call (2024-10-10)"},
		{time.Date(2024, 10, 9, 0, 0, 0, 0, time.UTC), "before its newest roll call (2024-10-10)"},
		{time.Date(2024, 10, 10, 0, 0, 0, 0, time.UTC), ""},
	} {
		sf, err := importer.ReadSession(dir, c.day, "")
		if err != nil {
			t.Fatal(err)
		}
		_, err = s.ImportSession(ctx, &sf.SessionExport, db.ImportOptions{})
		var v *db.ValidationError
		switch {
		case c.want == "" && err != nil:
			t.Errorf("exported %s: %v", c.day.Format(time.DateOnly), err)
		case c.want != "" && (!errors.As(err, &v) || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "--exported")):
			t.Errorf("exported %s: %v; want refused, saying %q", c.day.Format(time.DateOnly), err, c.want)
		}
	}
}
