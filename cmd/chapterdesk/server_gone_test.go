package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
)

// A chapter server stopped in the middle of an import (tester t1, F7) showed the lead
// PostgreSQL's own words: "import volunteers: FATAL: terminating connection due to
// administrator command (SQLSTATE 57P01)". The verb now says the server went away and
// that nothing of the unfinished write was saved.
func TestServerStoppedMidWorkIsSaidPlainly(t *testing.T) {
	err := fmt.Errorf("big.csv: import volunteers: %w", &pgconn.PgError{Severity: "FATAL", Code: "57P01",
		Message: "terminating connection due to administrator command"})
	got := verbError("import", err)
	for _, want := range []string{"the chapter server stopped answering", "the write under way was not saved", "run it again"} {
		if !strings.Contains(got, want) {
			t.Errorf("the message lacks %q: %q", want, got)
		}
	}
	if strings.Contains(got, "SQLSTATE") || strings.Contains(got, "administrator command") {
		t.Errorf("the message shows the server's raw words: %q", got)
	}
	if got := verbError("report", fmt.Errorf("report: %w", fmt.Errorf("no campaign 7"))); got != "no campaign 7" {
		t.Errorf("another error: %q", got)
	}
	_, missing := os.Open(filepath.Join(t.TempDir(), "nope.csv"))
	if got := verbError("import", missing); strings.Contains(got, "server") {
		t.Errorf("a missing file: %q", got)
	}
}
