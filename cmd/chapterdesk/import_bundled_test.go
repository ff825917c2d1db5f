package main

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/assets"
	"github.com/chapterdesk/chapterdesk/ui"
)

// bundledCount is how many legislators of state came with ChapterDesk.
func bundledCount(t *testing.T, state string) int {
	t.Helper()
	r, err := assets.Legislators(state)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(r).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return len(rows) - 1
}

// TestImportBundledLegislators: `import legislators --state NH` with no file imports
// the NH legislators that came with ChapterDesk, as a file import would: dry run,
// re-import, --retire-missing and undo.
func TestImportBundledLegislators(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "c.db")
	n := bundledCount(t, "NH")
	if n < 380 {
		t.Fatalf("only %d NH legislators came with ChapterDesk", n)
	}
	source := "Open States people data of " + assets.LegislatorsDate() + " (public domain)"
	imp := func(args ...string) string {
		t.Helper()
		code, out, errOut := chapterdesk(t, append([]string{"import", "legislators", "--db", db}, args...)...)
		if code != 0 {
			t.Fatalf("import %v: exit %d: %s", args, code, errOut)
		}
		return out
	}
	stats := func() string {
		_, out, _ := chapterdesk(t, "stats", "--db", db)
		return out
	}
	if out := imp("--state", "NH", "--dry-run"); !strings.Contains(out, fmt.Sprintf("would import legislators from %s (Open States legislators, UTF-8): %d created", source, n)) {
		t.Errorf("dry run:\n%s", out)
	}
	if _, err := os.Stat(db); !os.IsNotExist(err) {
		t.Errorf("after the dry run the chapter file is there: %v", err)
	}
	if out := imp("--state", "NH"); !strings.Contains(out, fmt.Sprintf("imported legislators from %s (Open States legislators, UTF-8): %d created, 0 updated", source, n)) {
		t.Errorf("first import:\n%s", out)
	}
	if out := imp("--state", "nh"); !strings.Contains(out, fmt.Sprintf(": 0 created, 0 updated, %d unchanged, 0 retired", n)) {
		t.Errorf("second import changed something:\n%s", out)
	}
	// A legislator the bundled roll does not list (from a file) is retired by
	// --retire-missing, and only by it.
	r, _ := assets.Legislators("NH")
	header, _ := io.ReadAll(io.LimitReader(r, 10000))
	head, _, _ := strings.Cut(string(header), "\n")
	extra := filepath.Join(dir, "nh.csv")
	row := "ocd-person/00000000-0000-0000-0000-000000000001,Pat Gone,Democratic,Hillsborough 99,lower" + strings.Repeat(",", strings.Count(head, ",")-4)
	if err := os.WriteFile(extra, []byte(head+"\n"+row+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if out := imp(extra); !strings.Contains(out, "1 created") {
		t.Fatalf("the extra legislator:\n%s", out)
	}
	if out := imp("--state", "NH"); !strings.Contains(out, "0 retired") {
		t.Errorf("without --retire-missing:\n%s", out)
	}
	if out := imp("--state", "NH", "--retire-missing"); !strings.Contains(out, fmt.Sprintf("0 created, 0 updated, %d unchanged, 1 retired", n)) {
		t.Errorf("--retire-missing:\n%s", out)
	}
	if code, out, errOut := chapterdesk(t, "import", "undo", "1", "--db", db); code != 0 ||
		!strings.Contains(out, fmt.Sprintf("import 1 undone: %d records it created deleted", n)) {
		t.Fatalf("undo: exit %d, %q %q", code, out, errOut)
	}
	if out := stats(); !strings.Contains(out, "legislators: 1\n") {
		t.Errorf("after the undo:\n%s", out)
	}
	for _, bad := range [][]string{{}, {"--state", "XX"}, {"--state", "NH", "--map", "name=Name"}} {
		if code, _, errOut := chapterdesk(t, append([]string{"import", "legislators", "--db", db}, bad...)...); code == 0 {
			t.Errorf("import legislators %v: exit 0: %s", bad, errOut)
		}
	}
}

// TestWindowImportsBundledLegislators: the window's import (what Start my chapter and
// Legislators → Load the legislators that came with ChapterDesk call) brings the
// bundled legislators in as the verb does, and undoes them.
func TestWindowImportsBundledLegislators(t *testing.T) {
	_, f := wizardWindow(t)
	ctx := context.Background()
	n := bundledCount(t, "MA")
	req := ui.ImportRequest{Kind: "legislators", Bundled: true, State: "MA"}
	res, err := f.Import(ctx, req, nil)
	if err != nil || res.Summary.Created != n || !strings.Contains(res.Report, "Open States people data of "+assets.LegislatorsDate()+" (public domain)") {
		t.Fatalf("first: %v, %+v", err, res)
	}
	res, err = f.Import(ctx, req, nil)
	if err != nil || res.Summary.Created+res.Summary.Updated != 0 || res.Summary.Unchanged != n {
		t.Fatalf("again: %v, %+v", err, res.Summary)
	}
	msg, err := f.UndoImport(ctx, 1)
	if err != nil || !strings.Contains(msg, fmt.Sprintf("%d records it created deleted", n)) {
		t.Errorf("undo: %v, %q", err, msg)
	}
	if _, err := f.Import(ctx, ui.ImportRequest{Kind: "legislators", Bundled: true, State: "PR"}, nil); err == nil {
		t.Error("PR: no error")
	}
}
