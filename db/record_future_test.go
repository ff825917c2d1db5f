package db_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// A session export dated in the future (--exported typed a year ahead, a clock set
// wrong) dated its sponsors' stance changes there: each stayed the whip count's
// current stance until that day, and a coalition server refuses the coordinator's
// (postgres/0021) in its words. The import refuses it first, in the app's.
func TestImportSessionDatedAheadIsRefused(t *testing.T) {
	s := dbtest.Open(t)
	exp := db.SessionExport{Source: "test", State: "MA", Session: "194th", ExportedAt: time.Now().AddDate(1, 0, 0)}
	_, err := s.ImportSession(context.Background(), &exp, db.ImportOptions{})
	var ve *db.ValidationError
	if !errors.As(err, &ve) || !strings.Contains(ve.Message, "in the future") {
		t.Errorf("a session export dated a year ahead: %v, want a validation error saying it is in the future", err)
	}
}
