package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/importer"
)

// importFlags are the import verb's options.
type importFlags struct {
	format, state, skipBad string
	dryRun, retire         bool
	updateStances          bool
	campaign               int64
}

// runImport brings a CSV export in: legislators (Open States), volunteers (roster
// exports) or call reports (a report form). A file with bad rows is refused whole,
// naming the first few, unless --skip-bad-rows is given for a roster.
func runImport(ctx context.Context, e *env, args []string) error {
	fs := e.newFlags("import")
	var fl importFlags
	fs.StringVar(&fl.format, "format", "", "the file's format when detection is not wanted (openstates, nationbuilder, ...)")
	fs.BoolVar(&fl.dryRun, "dry-run", false, "show what would be created, updated or skipped, and write nothing")
	fs.StringVar(&fl.state, "state", "", "the state the legislators sit for (default: from a file name like ma.csv, else the chapter's)")
	fs.BoolVar(&fl.retire, "retire-missing", false, "mark the state's legislators the file no longer lists as out of office")
	fs.StringVar(&fl.skipBad, "skip-bad-rows", "", "import the good rows and write the others, with why, to this CSV")
	fs.Int64Var(&fl.campaign, "campaign", 0, "the campaign the calls were about (default: the newest)")
	fs.BoolVar(&fl.updateStances, "update-stances", false, "move the whip count to what callers heard, newest report first")
	pos, err := e.parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) >= 1 && (pos[0] == "list" || pos[0] == "undo") {
		return runImportBatches(ctx, e, pos)
	}
	if len(pos) != 2 {
		return usageError{"give what to import and the file: import legislators FILE"}
	}
	kind, path := pos[0], pos[1]
	prepare := map[string]func(context.Context, *env, io.Reader, string, importFlags) (func(*db.Store) error, error){
		"legislators": prepareLegislators, "volunteers": prepareVolunteers, "calls": prepareCalls}[kind]
	if prepare == nil {
		return usageError{fmt.Sprintf("cannot import %q: choose legislators, volunteers or calls", kind)}
	}
	if fl.skipBad != "" && kind != "volunteers" {
		return usageError{"--skip-bad-rows is for volunteer files; fix this file and import it whole"}
	}
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("open %s: %w", path, unwrapPath(err))
	}
	defer f.Close()
	run, err := prepare(ctx, e, f, path, fl)
	if err != nil {
		return err
	}
	dbPath, err := e.dbPath(true)
	if err != nil {
		return err
	}
	return withStore(ctx, dbPath, db.Options{}, run)
}

func (fl importFlags) options(path string) db.ImportOptions {
	return db.ImportOptions{DryRun: fl.dryRun, Source: filepath.Base(path), State: fl.state, RetireMissing: fl.retire}
}

// badRows refuses a file with rows that cannot be imported: such a file (legislators,
// call reports) is imported whole or not at all.
func badRows(problems []*importer.Problem) error {
	if len(problems) == 0 {
		return nil
	}
	return fmt.Errorf("%s; nothing was imported", describeProblems(problems))
}

// prepareLegislators reads a legislator file whole and returns the import to run.
func prepareLegislators(ctx context.Context, e *env, f io.Reader, path string, fl importFlags) (func(*db.Store) error, error) {
	in, err := importer.ReadLegislators(f, fl.format)
	if err == nil {
		err = badRows(in.Problems)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	opts := fl.options(path)
	opts.Format = in.Format.ID
	return func(s *db.Store) error {
		if opts.State == "" {
			opts.State = stateFromFileName(path)
		}
		if opts.State == "" {
			if c, err := s.SelfChapter(ctx); err == nil {
				opts.State = c.State
			}
		}
		sum, err := s.ImportLegislators(ctx, in.Rows, opts)
		if err == nil {
			printImportSummary(e, "legislators", filepath.Base(path), in.Format.Name, in.Encoding, sum, fl.dryRun)
		}
		return err
	}, nil
}

// prepareCalls reads a call report form export whole and returns the import to run.
func prepareCalls(ctx context.Context, e *env, f io.Reader, path string, fl importFlags) (func(*db.Store) error, error) {
	in, err := importer.ReadCalls(f, fl.format)
	if err == nil {
		err = badRows(in.Problems)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	opts := fl.options(path)
	opts.Format = in.Format.ID
	return func(s *db.Store) error {
		sum, err := s.ImportCalls(ctx, in.Rows, db.CallImportOptions{ImportOptions: opts, CampaignID: fl.campaign,
			UpdateStances: fl.updateStances})
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		printImportSummary(e, "call reports", filepath.Base(path), in.Format.Name, in.Encoding, sum.ImportSummary, fl.dryRun)
		if in.NotCalls > 0 {
			fmt.Fprintf(e.stdout, "%d answers say no call was made (\"Emailed instead\") and were left out\n", in.NotCalls)
		}
		if sum.NewCallers > 0 {
			fmt.Fprintf(e.stdout, "%d callers were not on the roster and were added as volunteers\n", sum.NewCallers)
		}
		if sum.StanceChanges > 0 {
			fmt.Fprintf(e.stdout, "%d stance changes recorded in the whip count\n", sum.StanceChanges)
		}
		if len(sum.Unresolved) > 0 {
			fmt.Fprintf(e.stdout, "%d reports were left out: which legislator was called is unclear:\n", len(sum.Unresolved))
			for _, u := range sum.Unresolved {
				fmt.Fprintf(e.stdout, "  line %d: %q: %s\n", u.Line, u.Legislator, u.Reason)
			}
		}
		return nil
	}, nil
}

// prepareVolunteers opens a roster export; its rows are read while they are imported.
func prepareVolunteers(ctx context.Context, e *env, f io.Reader, path string, fl importFlags) (func(*db.Store) error, error) {
	vf, err := importer.OpenVolunteers(f, fl.format)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	opts := fl.options(path)
	opts.Format = vf.Format.ID
	return func(s *db.Store) error {
		var rejects io.Writer
		if fl.skipBad != "" && !fl.dryRun {
			rf, err := os.OpenFile(fl.skipBad, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
			if err != nil {
				return fmt.Errorf("rejects file: %w", unwrapPath(err))
			}
			defer rf.Close()
			rejects = rf
		}
		// A dry run reads past bad rows so it can list them all.
		sum, err := s.ImportVolunteers(ctx, vf.Rows(fl.skipBad != "" || fl.dryRun, rejects), opts)
		if errors.Is(err, importer.ErrBadRows) {
			return fmt.Errorf("%s: %s; nothing was imported (fix them, or give --skip-bad-rows REJECTS.csv to import the good rows)",
				path, describeProblems(vf.Problems))
		}
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		printImportSummary(e, "volunteers", filepath.Base(path), vf.Format.Name, vf.Encoding, sum.ImportSummary, fl.dryRun)
		printVolunteerNotes(e, sum, vf.Problems, fl.skipBad, fl.dryRun)
		return nil
	}, nil
}

// runImportBatches lists the imports (`import list`) or takes one back
// (`import undo N`).
func runImportBatches(ctx context.Context, e *env, pos []string) error {
	path, err := e.dbPath(false)
	if err != nil {
		return err
	}
	if pos[0] == "list" {
		if len(pos) != 1 {
			return usageError{"import list takes no argument"}
		}
		return withStore(ctx, path, db.Options{ReadOnly: true}, func(s *db.Store) error {
			batches, err := s.ImportBatches(ctx)
			if err != nil {
				return err
			}
			if len(batches) == 0 {
				fmt.Fprintln(e.stdout, "no imports yet")
			}
			for _, b := range batches {
				state := ""
				if !b.UndoneAt.IsZero() {
					state = " (undone " + b.UndoneAt.Local().Format("2006-01-02 15:04") + ")"
				}
				fmt.Fprintf(e.stdout, "%d  %s  %s from %s: %d created, %d updated%s\n", b.ID,
					b.StartedAt.Local().Format("2006-01-02 15:04"), b.Kind, b.Source, b.Created, b.Updated, state)
			}
			return nil
		})
	}
	var id int64
	if len(pos) != 2 {
		return usageError{"give the import to undo: import undo N (see import list)"}
	}
	if _, err := fmt.Sscan(pos[1], &id); err != nil || id <= 0 {
		return usageError{fmt.Sprintf("%q is not an import number (see import list)", pos[1])}
	}
	return withStore(ctx, path, db.Options{}, func(s *db.Store) error {
		if err := s.UndoImport(ctx, id); err != nil {
			if errors.Is(err, db.ErrNotFound) {
				return fmt.Errorf("there is no import %d (see import list)", id)
			}
			return err
		}
		fmt.Fprintf(e.stdout, "import %d undone: what it created is in the trash, what it changed is as before\n", id)
		return nil
	})
}

// printVolunteerNotes tells what a volunteer import merged, left out or wants reviewed.
func printVolunteerNotes(e *env, sum db.VolunteerImportSummary, problems []*importer.Problem, rejects string, dryRun bool) {
	if sum.Merged > 0 {
		fmt.Fprintf(e.stdout, "%d rows were the same person as an earlier row and were merged\n", sum.Merged)
	}
	if len(problems) > 0 {
		where := ""
		if rejects != "" && !dryRun {
			where = ", written with why to " + rejects
		}
		fmt.Fprintf(e.stdout, "%d rows were left out%s:\n", len(problems), where)
		for i, p := range problems {
			if i == 20 {
				fmt.Fprintf(e.stdout, "  ... and %d more\n", len(problems)-i)
				break
			}
			fmt.Fprintf(e.stdout, "  %s\n", p.Error())
		}
	}
	if len(sum.Possible) > 0 {
		fmt.Fprintf(e.stdout, "%d new volunteers have the same name and zip as someone already there (review them):\n", len(sum.Possible))
		for _, p := range sum.Possible {
			fmt.Fprintf(e.stdout, "  line %d: %s (compare with volunteer %d)\n", p.Line, p.Name, p.VolunteerID)
		}
	}
	if len(sum.Conflicts) > 0 {
		fmt.Fprintf(e.stdout, "%d values differ from the roster and were not changed:\n", len(sum.Conflicts))
		for _, c := range sum.Conflicts {
			fmt.Fprintf(e.stdout, "  line %d: %s %s: roster %q, file %q\n", c.Line, c.Name, c.Field, c.Stored, c.InFile)
		}
	}
}

// describeProblems puts the first few problems in one line.
func describeProblems(problems []*importer.Problem) string {
	const shown = 3
	var parts []string
	for i, p := range problems {
		if i == shown {
			parts = append(parts, fmt.Sprintf("and %d more", len(problems)-shown))
			break
		}
		parts = append(parts, p.Error())
	}
	noun := "rows have problems"
	if len(problems) == 1 {
		noun = "row has a problem"
	}
	return fmt.Sprintf("%d %s: %s", len(problems), noun, strings.Join(parts, "; "))
}

// stateFromFileName reads the state of an Open States download named like ma.csv.
func stateFromFileName(path string) string {
	base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	base, _, _ = strings.Cut(base, ".")
	if len(base) == 2 {
		return strings.ToUpper(base)
	}
	return ""
}

func printImportSummary(e *env, kind, file, formatName, encoding string, sum db.ImportSummary, dryRun bool) {
	verb := "imported"
	if dryRun {
		verb = "dry run, nothing written; would import"
	}
	fmt.Fprintf(e.stdout, "%s %s from %s (%s, %s): %d created, %d updated, %d unchanged, %d retired\n",
		verb, kind, file, formatName, encoding, sum.Created, sum.Updated, sum.Unchanged, sum.Retired)
	if dryRun {
		for _, c := range sum.Changes {
			line := ""
			if c.Line > 0 {
				line = fmt.Sprintf("line %d: ", c.Line)
			}
			fields := ""
			if len(c.Fields) > 0 {
				fields = " (" + strings.Join(c.Fields, ", ") + ")"
			}
			fmt.Fprintf(e.stdout, "  %s%s %s%s\n", line, c.Action, c.Name, fields)
		}
	}
	if sum.BatchID != 0 {
		fmt.Fprintf(e.stdout, "import batch %d\n", sum.BatchID)
	}
}

// unwrapPath drops the path an *os.PathError repeats.
func unwrapPath(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}
