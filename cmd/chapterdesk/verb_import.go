package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/chapterdesk/chapterdesk/assets"
	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/importer"
	"github.com/chapterdesk/chapterdesk/importer/format"
	"github.com/chapterdesk/chapterdesk/ui"
)

// importFlags are the import verb's options.
type importFlags struct {
	format, state, skipBad string
	encoding               string
	dryRun, retire         bool
	takeFileValues         bool // volunteers: the file's value where the roster has another
	// goodRows imports the good rows alone even with no rejects file to write: the
	// window's preview, which shows what importing the good rows would do (and the
	// bad rows that stop a plain import). See skipping.
	goodRows bool
	// window is the import wizard's import: what is printed is its report, which
	// names the wizard's choices and buttons where the verb names its flags (see
	// the methods below), and leaves a dry run's list of changes out, as the wizard
	// lists them apart (db.ImportChange.String) below the notices, which the list
	// would otherwise push out of sight.
	window             bool
	updateStances      bool
	addSimilar         bool
	dayFirst           bool // --day-first: a call log writing its days first
	campaign           int64
	maps               mapFlag // --map, as typed
	preset, savePreset string
	exported           string // import session: the export's date
	// read is how the file is read: filled from the flags above by readOptions.
	read importer.Options
	// lists is where a list longer than the output prints goes whole (printList).
	lists *listFile
}

// mapFlag collects --map values; the flag may be given more than once.
type mapFlag []string

func (m *mapFlag) String() string     { return strings.Join(*m, ",") }
func (m *mapFlag) Set(v string) error { *m = append(*m, v); return nil }

// preparer reads an import file and returns the import to run on the store, which
// prints what it did and returns it.
type preparer func(context.Context, *env, io.Reader, string, importFlags) (func(*db.Store) (importOutcome, error), error)

// importOutcome is what an import did, or would do in a dry run: the verb prints it,
// the window's import wizard shows it.
type importOutcome struct {
	importer.FileInfo
	db.ImportSummary
	// Problems are the rows left out because they cannot be imported; an import
	// stops at them unless the good rows are imported alone (--skip-bad-rows).
	Problems []*importer.Problem
	// Unresolved are the call reports the store left out: which legislator was
	// called is unclear, a row may be a stored report edited or another call
	// (Similar), or a row's own UUID names a report of another legislator, caller or
	// time (Moved); NotCalls the answers that say no call was made.
	Unresolved []db.UnresolvedCall
	// Similar counts those among Unresolved that may be a stored report edited, or
	// another call: --add-similar adds them.
	Similar  int
	NotCalls int
	// NotCallsSaid quotes those answers as the file wrote them (notCallsQuoted).
	NotCallsSaid string
	// ZoneNote, for call reports, says the computer's zone stands in for the
	// legislature's, unknown (db.Zone.Unknown); "" when it is known.
	ZoneNote string
}

// skipped counts the rows an import leaves out.
func (o importOutcome) skipped() int { return len(o.Problems) + len(o.Unresolved) + o.NotCalls }

var preparers = map[string]preparer{"legislators": prepareLegislators, "volunteers": prepareVolunteers, "calls": prepareCalls}

// runImport brings a CSV export in: legislators (Open States), volunteers (roster
// exports) or call reports (a report form). A file with bad rows is refused whole,
// naming the first few, unless --skip-bad-rows is given. A file no known format fits
// is read with the lead's own column mapping (--map), which can be saved under a name
// (--save-preset) and is then used again for a file with the same header.
func runImport(ctx context.Context, e *env, args []string) error {
	fs := e.newFlags("import")
	var fl importFlags
	fs.StringVar(&fl.format, "format", "", "the file's format when detection is not wanted (openstates, nationbuilder, ...)")
	fs.BoolVar(&fl.dryRun, "dry-run", false, "show what would be created, updated or skipped, and write nothing")
	fs.StringVar(&fl.state, "state", "", "the state the legislators sit for (default: from a file name like ma.csv; a file named otherwise needs it)")
	fs.BoolVar(&fl.retire, "retire-missing", false, "mark the state's legislators the file no longer lists as out of office")
	fs.StringVar(&fl.encoding, "encoding", "", "read the file in this encoding (utf-8, windows-1252, mac-roman, utf-16le, utf-16be) instead of the one detected")
	fs.StringVar(&fl.skipBad, "skip-bad-rows", "", "import the good rows and write the others as they were, with a last column saying why, to this CSV")
	fs.Int64Var(&fl.campaign, "campaign", 0, "the campaign the calls were about (see campaign list; needed when several are active)")
	fs.BoolVar(&fl.updateStances, "update-stances", false, "move the whip count to what callers heard, newest report first")
	fs.BoolVar(&fl.dayFirst, "day-first", false, "import calls: read every d/m/y date of the file day first (05/12/2025 is 5 December)")
	fs.BoolVar(&fl.addSimilar, "add-similar", false, "import calls: add the rows that may be a stored report edited, listed as possible duplicates, as calls of their own")
	fs.BoolVar(&fl.takeFileValues, "take-file-values", false, "volunteers: where the file and the roster differ (the values listed), save the file's\n"+
		"(a roster export edited in a spreadsheet); import undo puts the roster's back. Consent is never widened")
	fs.Var(&fl.maps, "map", "your own column mapping for a file ChapterDesk does not recognise: `field=Header` pairs,\n"+
		"comma-separated, as in \"first_name=First,last_name=Surname,email=E-mail\". Fields:\n"+mapFieldsHelp())
	fs.StringVar(&fl.savePreset, "save-preset", "", "save the --map mapping under this name; a file with the same header is then recognised by it")
	fs.StringVar(&fl.preset, "preset", "", "read the file with the column mapping saved under this name (see import presets)")
	fs.StringVar(&fl.exported, "exported", "", "import session: the day Open States made the export, YYYY-MM-DD (default: a zip's date; a folder's newest roll call)")
	pos, err := e.parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) >= 1 && (pos[0] == "list" || pos[0] == "undo") {
		return runImportBatches(ctx, e, pos)
	}
	if len(pos) >= 1 && pos[0] == "presets" {
		return runImportPresets(ctx, e, pos)
	}
	if len(pos) >= 1 && pos[0] == "session" {
		return runImportSession(ctx, e, pos, fl)
	}
	if len(pos) == 1 && pos[0] == "legislators" {
		if fl.state == "" {
			return usageError{"give the state: import legislators --state XX loads the legislators that came with ChapterDesk; or give a file (import legislators FILE)"}
		}
		if len(fl.maps) > 0 || fl.preset != "" || fl.format != "" || fl.encoding != "" || fl.skipBad != "" {
			return usageError{"the legislators that came with ChapterDesk are read as they are: --map, --preset, --format, --encoding and --skip-bad-rows are for a file"}
		}
	} else if len(pos) != 2 {
		return usageError{"give what to import and the file: import legislators FILE (or import legislators --state XX for the legislators that came with ChapterDesk)"}
	}
	kind := pos[0]
	prepare := preparers[kind]
	if prepare == nil {
		return usageError{fmt.Sprintf("cannot import %q: choose legislators, volunteers, calls or session", kind)}
	}
	if fl.takeFileValues && kind != "volunteers" {
		return usageError{"--take-file-values is for volunteers: it saves a roster file's values where they differ"}
	}
	if err := fl.readOptions(ctx, e, format.Kind(kind)); err != nil {
		return err
	}
	var f io.Reader
	var path string
	if len(pos) == 1 {
		if f, path, err = bundledLegislators(fl.state); err != nil {
			return err
		}
	} else {
		path = pos[1]
		file, err := os.Open(path)
		if err != nil {
			return fmt.Errorf("open %s: %w", path, unwrapPath(err))
		}
		defer file.Close()
		f = file
	}
	fl.lists = newListFile(pos[len(pos)-1], "")
	if len(pos) == 1 {
		fl.lists.input = "" // no file of the lead's
	}
	defer fl.lists.close()
	run, err := prepare(ctx, e, f, path, fl)
	if errors.Is(err, importer.ErrUnknownFormat) {
		return fmt.Errorf("%w; on the command line: --map field=Header,... (the fields are in chapterdesk import --help)", err)
	}
	if err != nil {
		return err
	}
	dbPath, err := e.dbPath(!fl.dryRun)
	if err != nil {
		return err
	}
	fl.lists.data = newListFile("", dbPath).data // the folder a list goes to when the input's takes none
	load := func(s *db.Store) error {
		_, err := run(s)
		return err
	}
	// Into a file that does not exist yet, the import writes a new file beside it that
	// takes the name only once the import has succeeded (as demo does): a failed import
	// leaves nothing, and with no journal to keep SQLite writes each page once.
	// Measured on 100,000 NationBuilder rows: 2.1-2.3 s against 2.5-2.7 s. The new file
	// starts, as every new chapter does, with the starter campaign (a file made by an
	// import had none).
	if _, statErr := os.Stat(dbPath); !db.IsServer(dbPath) && errors.Is(statErr, os.ErrNotExist) {
		build := func(s *db.Store) error {
			if err := saveStarterCampaign(ctx, s); err != nil {
				return err
			}
			return load(s)
		}
		if fl.dryRun {
			return dryRunIntoNothing(ctx, build)
		}
		return db.Build(ctx, dbPath, build)
	}
	// The import is all this command does: a large one may have the file to itself
	// (db.Options.Alone), which writes each page it adds once instead of twice.
	return withStore(ctx, dbPath, db.Options{Alone: true}, load)
}

// dryRunIntoNothing runs a dry run meant for a file that does not exist yet: against
// a new, empty chapter in a temporary folder, removed after, so it says what the
// import would do to a new file and creates nothing where the lead looks.
func dryRunIntoNothing(ctx context.Context, load func(*db.Store) error) error {
	dir, err := os.MkdirTemp("", "chapterdesk-dry-run-")
	if err != nil {
		return fmt.Errorf("dry run: %w", err)
	}
	defer os.RemoveAll(dir)
	return db.Build(ctx, filepath.Join(dir, "chapter.db"), load)
}

// bundledLegislators returns the legislators of state that came with ChapterDesk (the
// Open States people data in assets), as an Open States CSV to import like a file, and
// the name the import gives them in its output and its batch.
func bundledLegislators(state string) (io.Reader, string, error) {
	r, err := assets.Legislators(state)
	if err != nil {
		return nil, "", err
	}
	return r, assets.LegislatorsSource(), nil
}

// mapFieldsHelp lists the fields --map knows, by kind of file.
func mapFieldsHelp() string {
	var b strings.Builder
	for _, k := range []format.Kind{format.KindVolunteers, format.KindLegislators, format.KindCalls} {
		var names []string
		for _, f := range format.Fields(k) {
			names = append(names, string(f))
		}
		fmt.Fprintf(&b, "  %s: %s\n", k, strings.Join(names, ", "))
	}
	b.WriteString("Volunteers need first_name and last_name, or full_name; legislators name, chamber and\n" +
		"district; calls called_at, legislator and outcome")
	return b.String()
}

// readOptions turns --format, --map and --preset into how the file is read. Without
// them, saved mappings are offered for a header no known format has.
func (fl *importFlags) readOptions(ctx context.Context, e *env, kind format.Kind) error {
	switch {
	case len(fl.maps) > 0 && fl.format != "":
		return usageError{"give --format or --map, not both"}
	case len(fl.maps) > 0 && fl.preset != "":
		return usageError{"give --map or --preset, not both"}
	case fl.preset != "" && fl.format != "":
		return usageError{"give --format or --preset, not both"}
	case fl.savePreset != "" && len(fl.maps) == 0:
		return usageError{"--save-preset saves the columns given with --map"}
	}
	fl.read = importer.Options{Format: fl.format, Encoding: fl.encoding, DayFirst: fl.dayFirst,
		Presets: func() ([]db.ImportPreset, error) { return savedPresets(ctx, e) }}
	if len(fl.maps) > 0 {
		choice, err := format.ParseChoice(strings.Join(fl.maps, ","))
		if err != nil {
			return usageError{"--map: " + err.Error()}
		}
		fl.read.Columns, fl.read.GuessRest = choice, true
	}
	if err := checkPresetName(fl.savePreset, kind); err != nil {
		return usageError{"--save-preset: " + err.Error()}
	}
	if fl.preset == "" {
		return nil
	}
	saved, err := savedPresets(ctx, e)
	if err != nil {
		return err
	}
	p, err := findPreset(saved, fl.preset, kind)
	if err != nil {
		return err
	}
	fl.preset = p.Name // as saved, for the output
	fl.read.Columns = map[format.Field]string{}
	for f, h := range p.Columns {
		fl.read.Columns[format.Field(f)] = h
	}
	return nil
}

func (fl importFlags) options(path string) db.ImportOptions {
	return db.ImportOptions{DryRun: fl.dryRun, Source: filepath.Base(path), State: fl.state, RetireMissing: fl.retire,
		TakeFileValues: fl.takeFileValues}
}

// takeChoice names what saves the file's values where the roster has others: the
// verb's flag, or the wizard's choice.
func (fl importFlags) takeChoice() string {
	if fl.window {
		return "“Save the file's values”"
	}
	return "--take-file-values"
}

// addSimilarChoice names what adds the rows that may be a stored report edited as
// calls of their own: the verb's flag, or the wizard's choice.
func (fl importFlags) addSimilarChoice() string {
	if fl.window {
		return "“Add the rows that may be a report already imported” in the preview"
	}
	return "--add-similar"
}

// undoHow names what undoes import batch: the verb, or the wizard's button.
func (fl importFlags) undoHow(batch int64) string {
	if fl.window {
		return "Undo this import"
	}
	return fmt.Sprintf("import undo %d", batch)
}

// explained is an error said in the import's own words (msg), which keeps the error
// it says for the window to act on (the refusal's Undo import buttons).
type explained struct {
	msg string
	err error
}

func (e explained) Error() string { return e.msg }
func (e explained) Unwrap() error { return e.err }

// undoButtons names the window's buttons that take back the imports of e, newest
// first (ui.UndoImportLabel).
func undoButtons(e *db.ReadOtherWayError) string {
	var names []string
	for i := len(e.Imports) - 1; i >= 0; i-- {
		names = append(names, "“"+ui.UndoImportLabel(e.Imports[i].ID)+"”")
	}
	if len(names) == 1 {
		return "the " + names[0] + " button below"
	}
	return "the " + strings.Join(names, ", then ") + " buttons below"
}

// readDayFirst says how to import a call form read day first (on) or month first:
// "with --day-first", or in the window with its tick box ticked.
func (fl importFlags) readDayFirst(on bool) string {
	switch {
	case fl.window && on:
		return "with “" + ui.DayFirstChoice + "” ticked"
	case fl.window:
		return "with “" + ui.DayFirstChoice + "” unticked"
	case on:
		return "with --day-first"
	}
	return "without --day-first"
}

// otherWayRefusal refuses a call form some of whose calls an earlier import filed
// with the day and month the other way round (tester s42: imported month first,
// then again with --day-first, every call was filed twice), with the way out as
// exact commands on the data file at dbPath, or in the window its buttons.
func (fl importFlags) otherWayRefusal(e *db.ReadOtherWayError, dbPath string) string {
	now, before := "month first", "day first"
	if fl.read.DayFirst {
		now, before = before, now
	}
	flags := " --db " + shellQuote(dbPath)
	if db.IsServer(dbPath) { // its address may hold a password: not repeated
		flags = " with the same --db"
	}
	again := "import it again " + fl.readDayFirst(fl.read.DayFirst)
	if fl.window {
		again = "import it again here " + fl.readDayFirst(fl.read.DayFirst)
	}
	right := "import it " + fl.readDayFirst(!fl.read.DayFirst)
	undo := e.Undo(flags)
	if fl.window {
		undo = undoButtons(e)
	}
	first := "take the earlier import back first (" + undo + ")"
	if len(e.Imports) > 1 {
		first = "take the earlier imports back first (" + undo + ")"
	}
	if len(e.Imports) == 0 { // no import filed them: nothing to undo
		first = "put those calls in the trash first"
	}
	other := ""
	if !fl.window {
		// A day-only log may hold a call on each day (2/11 and 11/2): the import
		// cannot tell, as it cannot of a possible duplicate.
		other = fmt.Sprintf("; if line %d is another call than the one filed on %s (the same legislator and outcome), --add-similar imports the file as it reads now",
			e.Line, e.FiledText())
	}
	return fmt.Sprintf("%s. If the file writes the %s, %s, then %s; if it writes the %s, its calls are in already (%s)%s",
		e.Found(now, before), now, first, again, before, right, other)
}

// refuseBadRows is the error for a file with rows that cannot be imported, when the
// lead did not choose to import the good rows.
func refuseBadRows(problems []*importer.Problem) error {
	dayFirst := ""
	if slices.ContainsFunc(problems, func(p *importer.Problem) bool { return strings.Contains(p.Reason, format.DayFirstReason) }) {
		// The way out of a file written day first, said with --skip-bad-rows only.
		dayFirst = "; if every date of the file is written day first, import it with --day-first"
	}
	return fmt.Errorf("%s; nothing was imported (fix them, or give --skip-bad-rows REJECTS.csv to import the good rows%s)",
		describeProblems(problems), dayFirst)
}

// skipping reports whether the good rows are imported without the bad ones
// (--skip-bad-rows, or the window's preview); else a bad row refuses the file.
func (fl importFlags) skipping() bool { return fl.skipBad != "" || fl.goodRows }

// checkBadRows refuses a file read whole that has bad rows, unless they are to be
// skipped. A dry run is refused as the import would be: it predicts the import,
// exit code included (--dry-run --skip-bad-rows lists every bad row).
func checkBadRows(problems []*importer.Problem, fl importFlags) error {
	if len(problems) == 0 || fl.skipping() {
		return nil
	}
	return refuseBadRows(problems)
}

// writeRejects writes the rows left out to the --skip-bad-rows file (not in a dry run).
// The file appears whole or not at all.
func writeRejects(fl importFlags, write func(io.Writer) error) error {
	if fl.skipBad == "" || fl.dryRun {
		return nil
	}
	if err := writeFileAtomic(fl.skipBad, write); err != nil {
		return fmt.Errorf("rejects file: %w", err)
	}
	return nil
}

// prepareLegislators reads a legislator file whole and returns the import to run.
func prepareLegislators(ctx context.Context, e *env, f io.Reader, path string, fl importFlags) (func(*db.Store) (importOutcome, error), error) {
	in, err := importer.ReadLegislatorsWith(f, fl.read)
	if err == nil {
		err = checkBadRows(in.Problems, fl)
	}
	if err == nil && fl.retire && len(in.Problems) > 0 {
		err = fmt.Errorf("%s; --retire-missing would take the legislators of those rows out of office: fix them, or import without --retire-missing",
			describeProblems(in.Problems))
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	opts := fl.options(path)
	opts.Format = in.Format.ID
	if opts.State == "" {
		opts.State = stateFromFileName(path)
	}
	if opts.State == "" {
		// Not the chapter's state: a file of another state's legislators would be
		// stored as the chapter's, and --retire-missing would retire the chapter's own.
		return nil, fmt.Errorf("%s: which state do these legislators sit for? The file's name does not say (as ma.csv would): give --state XX", path)
	}
	return func(s *db.Store) (importOutcome, error) {
		out := importOutcome{FileInfo: in.FileInfo, Problems: in.Problems}
		announceMapping(e, in.FileInfo, fl)
		sum, err := s.ImportLegislators(ctx, in.Rows, opts)
		if err != nil {
			return out, err
		}
		out.ImportSummary = sum
		if err := writeRejects(fl, in.WriteRejects); err != nil {
			return out, err
		}
		printImportSummary(e, "legislators", filepath.Base(path), in.Format.Name, in.Encoding, sum, fl)
		printLeftOut(e, in.Problems, fl)
		return out, savePreset(ctx, e, s, fl, "legislators", in.FileInfo)
	}, nil
}

// prepareCalls opens a call report form export; its rows are read while they are
// imported, so a million-row form history takes no more memory than a small one.
func prepareCalls(ctx context.Context, e *env, f io.Reader, path string, fl importFlags) (func(*db.Store) (importOutcome, error), error) {
	in, err := importer.OpenCallsWith(f, fl.read)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	opts := fl.options(path)
	opts.Format = in.Format.ID
	opts.ExpectedRows = expectedRows(f)
	return func(s *db.Store) (importOutcome, error) {
		out := importOutcome{FileInfo: in.FileInfo}
		announceMapping(e, in.FileInfo, fl)
		sum, err := s.ImportCallsFrom(ctx, in.Rows(fl.skipping()), db.CallImportOptions{ImportOptions: opts, CampaignID: fl.campaign,
			UpdateStances: fl.updateStances, AddSimilar: fl.addSimilar, Zoned: in.InZone})
		out.Problems, out.NotCalls = in.Problems, in.NotCalls
		out.NotCallsSaid = notCallsQuoted(in.NotCallAnswers, in.NotCalls)
		if errors.Is(err, importer.ErrBadRows) {
			return out, fmt.Errorf("%s: %w", path, refuseBadRows(in.Problems))
		}
		if other := (*db.ReadOtherWayError)(nil); errors.As(err, &other) {
			return out, explained{fmt.Sprintf("%s: %s", path, fl.otherWayRefusal(other, s.Path())), other}
		}
		if order := (*importer.DayOrderError)(nil); fl.window && errors.As(err, &order) {
			return out, explained{fmt.Sprintf("%s: %s; if every date of it is written day first, import it %s", path, order.Found(), fl.readDayFirst(true)), order}
		}
		if err != nil {
			return out, fmt.Errorf("%s: %w", path, err)
		}
		// Every row left out goes to the rejects file, to be fixed and imported again;
		// a possible duplicate says how to add it anyway, in the words of where the
		// lead imports (the store's reason does not know).
		for i := range sum.Similar {
			sum.Similar[i].Reason += " (" + fl.addSimilarChoice() + " adds it as a call of its own)"
		}
		out.ImportSummary = sum.ImportSummary
		out.Unresolved, out.Similar = slices.Concat(sum.Unresolved, sum.Similar, sum.Moved, sum.CallerDiffers, sum.CallerUnclear, sum.Garbled), len(sum.Similar)
		if err := writeRejects(fl, func(w io.Writer) error { return in.WriteRejects(w, out.Unresolved) }); err != nil {
			return out, err
		}
		in.Filed(out.Unresolved) // the checks below say the rows filed
		printImportSummary(e, "call reports", filepath.Base(path), in.Format.Name, in.Encoding, sum.ImportSummary, fl)
		where := ""
		if fl.skipBad != "" && !fl.dryRun {
			where = " (written to " + fl.skipBad + ")"
		}
		if out.ZoneNote = sum.Zone.Unknown(); out.ZoneNote != "" { // part of the summary: every time in it is on that clock
			fmt.Fprintf(e.stdout, "note: %s\n", out.ZoneNote)
		}
		if in.NotCalls > 0 {
			// The file's own words: "Emailed instead" named an answer the file may not have.
			fmt.Fprintf(e.stdout, "%s no call was made (%s) and %s left out%s\n",
				plural(in.NotCalls, "answer says", "answers say"), out.NotCallsSaid,
				map[bool]string{true: "was", false: "were"}[in.NotCalls == 1], where)
		}
		if sum.NewCallers > 0 {
			// A dry run (the window's preview) adds no one: it says what the import would.
			one, many, added := "caller was", "callers were", "added"
			if fl.dryRun {
				one, many, added = "caller is", "callers are", "would be added"
			}
			printCalls(e, fl, sum.AddedCallers, sum.AddedCallersAfter, sum.NewCallers, one, many,
				fmt.Sprintf("not on the roster and %s as volunteers (joined on the day of their first call)", added))
		}
		if sum.InTrash > 0 {
			ids := make([]string, len(sum.TrashedCallers))
			for i, id := range sum.TrashedCallers {
				ids[i] = strconv.FormatInt(id, 10)
			}
			restore := "chapterdesk trash restore volunteer ID"
			if fl.window {
				restore = "Restore in Settings › Trash" // the window's way of naming a place: its font has no "→"
			}
			fmt.Fprintf(e.stdout, "%s by volunteers in the trash (found by email; ids %s): filed under them, who stay in the trash; %s puts one back on the roster\n",
				plural(sum.InTrash, "report is", "reports are"), strings.Join(ids, ", "), restore)
		}
		if sum.StanceChanges > 0 {
			fmt.Fprintf(e.stdout, "%s recorded in the whip count\n", plural(sum.StanceChanges, "stance change", "stance changes"))
		}
		printCalls(e, fl, sum.SponsorReplacedNotes, sum.SponsorReplacedAfter, sum.SponsorsReplaced, "stance heard replaces", "stances heard replace", "a sponsor the campaign marked in the whip count")
		printCalls(e, fl, sum.StanceTiedNotes, sum.StanceTiedAfter, sum.StancesTied, "stance change replaces", "stance changes replace", "another report's of the same time")
		printCalls(e, fl, sum.StanceBehindNotes, sum.StanceBehindAfter, sum.StancesBehind, "stance heard was", "stances heard were", "put in the history only: the whip count stands on a newer stance")
		printCalls(e, fl, sum.StanceNotes, sum.StanceNotesAfter, sum.StancesNotTaken, "stance heard was", "stances heard were", "not put in the whip count (the reports keep them)")
		printLeftOut(e, in.Problems, fl)
		if in.DayFirst > 0 {
			// Those read either way with them refuse the import (see importer.CallFile.Rows).
			fmt.Fprintf(e.stdout, "%s written day first left out above: if every date of the file is written day first, import it %s\n",
				plural(in.DayFirst, "time", "times"), fl.readDayFirst(true))
		}
		if w := in.FirstEitherWay; in.EitherWay > 0 && in.DayFirst == 0 && (in.DayFirstHeader != "" || writtenPadded(w.Value)) {
			undo := "import it again"
			if !fl.dryRun && sum.BatchID != 0 {
				undo = fl.undoHow(sum.BatchID) + " and import it again"
			}
			why := fmt.Sprintf("the file's %q is a form's timestamp in %s, whose sheets often write the day first", in.DayFirstHeader, format.TimestampLanguage(in.DayFirstHeader))
			if in.DayFirstHeader == "" {
				// An English form's sheet set to a day-first country writes "02/11/2026" for
				// 2 November, filed on 11 February without a word (tester, s41); a US Google
				// Form writes "11/2/2026", no zeros.
				why = "the file writes its days and months with two digits, as sheets that put the day first do (a US form writes 11/2/2026)"
			}
			fmt.Fprintf(e.stdout, "check: %s either way%s: %s; if this one does, %s %s\n",
				plural(in.EitherWay, "call time reads", "call times read"), suchAs(w.Line, w.Value, ", read month first as "+w.Read.Format("2 January 2006")),
				why, undo, fl.readDayFirst(true))
		}
		if in.Repeated > 0 {
			w := in.FirstRepeated
			times := fmt.Sprintf("%d call times were", in.Repeated)
			if in.Repeated == 1 {
				times = "1 call time was"
			}
			std := w.Read.Add(time.Hour)
			fmt.Fprintf(e.stdout, "check: %s in the hour the clocks pass twice when they go back%s; "+
				"if the call was in the second, %s, write the time with its offset (%s)\n",
				times, suchAs(w.Line, w.Value, fmt.Sprintf(", read as the first, %s (%s)", w.Read.Format("3:04 PM MST"), w.Read.Format("-07:00"))),
				std.Format("MST"), std.Format("2006-01-02T15:04:05-07:00"))
		}
		if n := in.BlankStances; n.Count > 0 {
			fmt.Fprintf(e.stdout, "check: %s written as no answer%s, and read as blank (no stance heard), as an empty cell is\n",
				plural(n.Count, "stance heard was", "stances heard were"), suchAs(n.Line, n.Value, ""))
		}
		if n := in.DayOnly; n.Count > 0 {
			fmt.Fprintf(e.stdout, "check: %s a day without a time%s: filed at noon of that day (today's at the time of the import), as the call form of the window files one\n",
				plural(n.Count, "report gives", "reports give"), suchAs(n.Line, n.Value, ""))
		}
		if n := in.NotSaidStances; n.Count > 0 {
			fmt.Fprintf(e.stdout, "check: %s read as Didn't say%s: a message taken or an answer not known says nothing of the legislator's stance, and moves no whip count; where the legislator said they have not decided, write Undecided and import again\n",
				plural(n.Count, "stance heard was", "stances heard were"), suchAs(n.Line, n.Value, ""))
		}
		if n := in.EmojiStances; n.Count > 0 {
			fmt.Fprintf(e.stdout, "check: %s an emoji%s: read as 👍 Yes, 👎 No, 🤷 Didn't say (any other emoji is left out, as a stance not known)\n",
				plural(n.Count, "stance heard was", "stances heard were"), suchAs(n.Line, n.Value, ""))
		}
		if n := in.NoCaller; n.Count > 0 {
			fmt.Fprintf(e.stdout, "check: %s no caller (no name, email or town)%s: filed with no caller; if you know who called, write their name (or email) in the row and import the sheet again: the report moves to them\n",
				plural(n.Count, "report gives", "reports give"), suchAs(n.Line, "", ""))
		}
		if n := in.NoCallerTown; n.Count > 0 {
			fmt.Fprintf(e.stdout, "check: %s the caller's town but no name or email%s: filed with no caller, the town kept in the report's notes; if you know who called, write their name (or email) in the row and import the sheet again: the report moves to them\n",
				plural(n.Count, "report gives", "reports give"), suchAs(n.Line, n.Value, ""))
		}
		if n := in.BothOffices; n.Count > 0 {
			fmt.Fprintf(e.stdout, "check: %s both offices%s: filed under Other, as a report is one call (one row per office called keeps which)\n",
				plural(n.Count, "report names", "reports name"), suchAs(n.Line, n.Value, ""))
		}
		printCalls(e, fl, sum.Repeats, sum.RepeatsAfter, sum.RepeatCount, "row repeats", "rows repeat", "a report earlier in the file, counted once (not among the unchanged)")
		// A dry run wrote none of these: it says what the import would do.
		was, were := "was", "were"
		if fl.dryRun {
			was, were = "would be", "would be"
		}
		printCalls(e, fl, sum.TitleCorrected, nil, len(sum.TitleCorrected), "report "+was, "reports "+were, "filed with a correction; check them")
		printCalls(e, fl, sum.CallersNamed, sum.CallersNamedAfter, sum.CallersNamedCount, "caller's family name "+was, "callers' family names "+were, "filled in from their report (the roster had the first name alone)")
		printCalls(e, fl, sum.ContactNames, sum.ContactNamesAfter, sum.ContactNamesCount, "caller's name was", "callers' names were", "an email or phone number, not stored as a name; set their names")
		printCalls(e, fl, sum.CallerNotes, sum.CallerNotesAfter, sum.CallerNotesCount, "caller "+was, "callers "+were, "found otherwise than the form gives them; check them")
		printCalls(e, fl, sum.CallersBeside, sum.CallersBesideAfter, sum.CallersBesideCount, "caller "+was, "callers "+were, "added beside a roster volunteer they may be; check them")
		printCalls(e, fl, sum.NoCaller, sum.NoCallerAfter, sum.NoCallerCount, "report "+was, "reports "+were, "filed with no caller, as the name given is more than one person's (a couple, a family) or, with no email, several callers'; write the one who called (or their email) in the row and import the sheet again")
		printCalls(e, fl, sum.Edited, nil, len(sum.Edited), "report was", "reports were", "edited since imported, and updated")
		printCalls(e, fl, sum.CallerMoved, nil, len(sum.CallerMoved), "report "+was, "reports "+were, "moved to the caller the sheet now names")
		printCalls(e, fl, sum.CallerDiffers, nil, len(sum.CallerDiffers), "row names", "rows name", "another caller than its report, whom the roster does not tell: left out"+where+", the report kept")
		printCalls(e, fl, sum.CallerMovedBefore, nil, len(sum.CallerMovedBefore), "row names", "rows name", "another caller than the one an earlier import moved its report to: the report kept where it was moved")
		printCalls(e, fl, sum.ReadBefore, nil, len(sum.ReadBefore), "report is", "reports are", "as an older ChapterDesk read them (Undecided, where this version reads the answer as Didn't say): left as they are, not edited, the whip count not moved")
		printCalls(e, fl, sum.FiledElsewhere, sum.ElsewhereAfter, sum.ElsewhereCount, "row is a report", "rows are reports", "already filed under another campaign: not moved")
		printCalls(e, fl, sum.Similar, nil, len(sum.Similar), "row may be", "rows may be", "a report already imported, edited, or another call: left out"+where)
		printCalls(e, fl, sum.Moved, nil, len(sum.Moved), "row has", "rows have", "a report's own UUID but another legislator, caller or time: left out"+where)
		printCalls(e, fl, sum.Unresolved, nil, len(sum.Unresolved), "report was", "reports were", "left out"+where+": which legislator was called is unclear")
		printCalls(e, fl, sum.CallerUnclear, nil, len(sum.CallerUnclear), "report was", "reports were", "left out"+where+": who called is unclear")
		printCalls(e, fl, sum.Garbled, nil, len(sum.Garbled), "report was", "reports were", "left out"+where+": their text is damaged by the file's encoding")
		return out, savePreset(ctx, e, s, fl, "calls", in.FileInfo)
	}, nil
}

// prepareVolunteers opens a roster export; its rows are read while they are imported.
// importMemoryLimit is the Go runtime's soft memory limit for a volunteer import
// (debug.SetMemoryLimit): the runtime collects, and gives memory back to the system,
// before its own memory passes it. Without it, a million NationBuilder rows peaked at
// 257,000-261,060 KB (the match index alone is about 150 MB), over the 250 MB the
// import is to stay under; with 180 MiB 241,236-241,508 KB, with 160 MiB 226,800 KB,
// for about a second more of 25. A roster whose match index outgrows the limit is
// still imported, the collector running more often (its time is capped at half the
// processor by the runtime). Imports of 100,000 rows (130 MB) never reach it.
const importMemoryLimit = 160 << 20

// limitImportMemory sets importMemoryLimit unless the user set GOMEMLIMIT or a lower
// limit is set already, and returns what sets the previous one back.
func limitImportMemory() (restore func()) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	old := debug.SetMemoryLimit(-1)
	if old <= importMemoryLimit {
		return func() {}
	}
	debug.SetMemoryLimit(importMemoryLimit)
	return func() { debug.SetMemoryLimit(old) }
}

func prepareVolunteers(ctx context.Context, e *env, f io.Reader, path string, fl importFlags) (func(*db.Store) (importOutcome, error), error) {
	vf, err := importer.OpenVolunteersWith(f, fl.read)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	opts := fl.options(path)
	opts.Format = vf.Format.ID
	opts.ExpectedRows = expectedRows(f)
	opts.SkipBadRows = fl.skipping() // the store's bad rows too (a new volunteer's garbled text)
	return func(s *db.Store) (importOutcome, error) {
		out := importOutcome{FileInfo: vf.FileInfo}
		announceMapping(e, vf.FileInfo, fl)
		// The rows are read while they are imported, so the rejects are written as
		// they come, to a file that takes its name only once the import is done: an
		// import that fails leaves no rejects file.
		var sum db.VolunteerImportSummary
		importRows := func(rejects io.Writer) (err error) {
			defer limitImportMemory()()
			sum, err = s.ImportVolunteers(ctx, vf.Rows(fl.skipping(), rejects), opts)
			return err
		}
		var err error
		if fl.skipBad != "" && !fl.dryRun {
			err = writeFileAtomic(fl.skipBad, importRows)
		} else {
			err = importRows(nil)
		}
		out.Problems = vf.Problems
		if errors.Is(err, importer.ErrBadRows) {
			return out, fmt.Errorf("%s: %w", path, refuseBadRows(vf.Problems))
		}
		if err != nil {
			return out, fmt.Errorf("%s: %w", path, err)
		}
		out.ImportSummary = sum.ImportSummary
		printImportSummary(e, "volunteers", filepath.Base(path), vf.Format.Name, vf.Encoding, sum.ImportSummary, fl)
		printPaddedZips(e, vf.PaddedZips)
		printNotZips(e, fl, vf.NotZips)
		printValueNotes(e, fl, vf.ValueNotes, vf.ValueNoteCount)
		printSetAside(e, vf.SetAside)
		printUnread(e, fl, vf.FileInfo, vf.Unread)
		printNotVolunteers(e, fl, vf.NotVolunteers)
		printDates(e, fl, &vf.Dates)
		printVolunteerNotes(e, sum, vf.Problems, fl)
		return out, savePreset(ctx, e, s, fl, "volunteers", vf.FileInfo)
	}, nil
}

// expectedRows guesses how many rows the file being read holds from its size and
// the lines in its first 64 KiB, read without moving the reader on; 0 when it is not
// a file on disk. A quoted value running over lines makes it a little high, which is
// all it needs to be: a hint for the imports (ImportOptions.ExpectedRows).
func expectedRows(r io.Reader) int {
	if p, ok := r.(*progressReader); ok {
		r = p.r
	}
	f, ok := r.(*os.File)
	if !ok {
		return 0
	}
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() || st.Size() == 0 {
		return 0
	}
	head := make([]byte, min(st.Size(), 64<<10))
	n, _ := f.ReadAt(head, 0)
	lines := bytes.Count(head[:n], []byte{'\n'})
	if lines == 0 {
		return 1
	}
	return int(st.Size() * int64(lines) / int64(n))
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
		said, err := undoImport(ctx, s, id)
		if err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, said)
		return nil
	})
}

// recordCounts says counts of records by table: "1 call report, 2 volunteers".
func recordCounts(by map[string]int) string {
	var said []string
	for _, table := range slices.Sorted(maps.Keys(by)) {
		what := strings.ReplaceAll(table, "_", " ") // call reports, volunteers, legislators
		if by[table] == 1 {
			what = strings.TrimSuffix(what, "s")
		}
		said = append(said, fmt.Sprintf("%d %s", by[table], what))
	}
	return strings.Join(said, ", ")
}

// undoImport takes an import batch back (`import undo N`, and the window's Undo) and
// says what that did.
func undoImport(ctx context.Context, s *db.Store, id int64) (string, error) {
	sum, err := s.UndoImport(ctx, id)
	if err != nil {
		if errors.Is(err, db.ErrNotFound) {
			return "", fmt.Errorf("there is no import %d (see import list)", id)
		}
		return "", err
	}
	said := fmt.Sprintf("import %d undone: %d records it created deleted, %d it changed put back as they were", id, sum.Deleted, sum.Restored)
	if sum.StanceChanges > 0 {
		said += fmt.Sprintf(", %d stance changes taken out of the whip count", sum.StanceChanges)
	}
	if sum.StanceTimesBack > 0 {
		said += fmt.Sprintf(", %d stance changes back at the times they had (the whip count settled again)", sum.StanceTimesBack)
	}
	if len(sum.Gone) > 0 {
		said += fmt.Sprintf("; %s it changed could not be put back: no longer there (deleted since, or taken by an earlier undo)",
			recordCounts(sum.Gone))
	}
	if len(sum.ChangedSince) > 0 {
		said += fmt.Sprintf("; %s it changed keep the values of fields changed since the import (in the app, or by an earlier undo), as an undo never overwrites them: the fields it alone changed are as before",
			recordCounts(sum.ChangedSince))
	}
	if sum.Trashed > 0 {
		said += fmt.Sprintf("; %d it created are in the trash, as records made since cite them", sum.Trashed)
	}
	if sum.EditedTrashed > 0 {
		said += fmt.Sprintf("; %d it created were edited since the import: put in the trash, not deleted (restore them from there, or empty it)", sum.EditedTrashed)
	}
	if sum.KeptCallers > 0 {
		said += fmt.Sprintf("; %d volunteers it added stay on the roster, as calls of later imports are theirs (undoing those takes them too)", sum.KeptCallers)
	}
	if n := len(sum.RecordSessions); n > 0 {
		said += fmt.Sprintf("; the votes of %s were matched by name, or left unmatched, against the legislators it brought (by a "+
			"session import since), and stay so: import %s again to match them to the legislators as they are now",
			strings.Join(sum.RecordSessions, ", "), map[bool]string{true: "that session", false: "those sessions"}[n == 1])
	}
	return said, nil
}

// printVolunteerNotes tells what a volunteer import merged, left out or wants reviewed.
func printVolunteerNotes(e *env, sum db.VolunteerImportSummary, problems []*importer.Problem, fl importFlags) {
	if sum.Merged > 0 {
		fl.printList(e.stdout, rowsWere(sum.Merged)+" the same person as an earlier row and merged:", sum.Merged, len(sum.MergedRows), func(i int) string {
			m := sum.MergedRows[i]
			return fmt.Sprintf("  line %d: %s, merged with line %d (volunteer %d)", m.Line, m.Name, m.EarlierLine, m.VolunteerID)
		})
		if n := len(sum.MergedToCheck); n > 0 {
			fl.printList(e.stdout, fmt.Sprintf("%d of them to check:", n), n, n, func(i int) string {
				m := sum.MergedToCheck[i]
				return fmt.Sprintf("  line %d: %s (volunteer %d) %s", m.Line, m.Name, m.VolunteerID, m.Why)
			})
		}
	}
	if n := len(sum.Ambiguous); n > 0 {
		fl.printList(e.stdout, fmt.Sprintf("%s more than one person on its email and changed no one (give the full first name, or the volunteer's own email, in the file and import it again; or change the person in the app):",
			plural(n, "row fits", "rows fit")), n, n, func(i int) string {
			a := sum.Ambiguous[i]
			fits := make([]string, len(a.Fits))
			for j, p := range a.Fits {
				fits[j] = fmt.Sprintf("%s (volunteer %d)", p.Name, p.ID)
			}
			return fmt.Sprintf("  line %d: %s fits %s", a.Line, a.Name, strings.Join(fits, ", "))
		})
	}
	printLeftOut(e, problems, fl)
	if len(sum.MadeInactive) > 0 {
		said := fmt.Sprintf("%d volunteers on the roster are deceased in the file and were", len(sum.MadeInactive))
		if len(sum.MadeInactive) == 1 {
			said = "1 volunteer on the roster is deceased in the file and was"
		}
		fl.printList(e.stdout, said+" made inactive (not deleted):", len(sum.MadeInactive), len(sum.MadeInactive), func(i int) string {
			m := sum.MadeInactive[i]
			return fmt.Sprintf("  line %d: %s (volunteer %d)", m.Line, m.Name, m.VolunteerID)
		})
	}
	if len(sum.RecruitersNotSet) > 0 {
		n := len(sum.RecruitersNotSet)
		fl.printList(e.stdout, fmt.Sprintf("%d recruiters named in the file were not set:", n), n, n, func(i int) string {
			r := sum.RecruitersNotSet[i]
			return fmt.Sprintf("  line %d: %s, recruited by %q: %s", r.Line, r.Name, r.Recruiter, r.Why)
		})
	}
	if len(sum.BadMobiles) > 0 {
		n := len(sum.BadMobiles)
		fl.printList(e.stdout, fmt.Sprintf("%d volunteers on the roster have a mobile the file marks bad (a wrong or dead number): kept, no texts to it; check it with them:", n), n, n, func(i int) string {
			b := sum.BadMobiles[i]
			return fmt.Sprintf("  line %d: %s (volunteer %d), mobile %s", b.Line, b.Name, b.VolunteerID, b.Mobile)
		})
	}
	if len(sum.DistrictsNotRead) > 0 {
		n := sum.DistrictsNotReadCount // the list keeps the first few hundred; printList says so
		fl.printList(e.stdout, fmt.Sprintf("%d districts of the file are none the legislators' directory names, stored as the file writes them (the district filter, call sheets and By district do not find those volunteers until corrected):", n), n, len(sum.DistrictsNotRead), func(i int) string {
			d := sum.DistrictsNotRead[i]
			return fmt.Sprintf("  %s district %q: %d rows, first line %d", d.Chamber.Label(), d.District, d.Rows, d.FirstLine)
		})
	}
	if len(sum.Possible) > 0 {
		n := len(sum.Possible)
		fl.printList(e.stdout, plural(n, "new volunteer may be", "new volunteers may be")+" someone already there (review them):", n, n, func(i int) string {
			p := sum.Possible[i]
			return fmt.Sprintf("  line %d: %s (%s as volunteer %d)", p.Line, p.Name, p.Why, p.VolunteerID)
		})
	}
	if len(sum.IDsElsewhere) > 0 {
		n := len(sum.IDsElsewhere)
		fl.printList(e.stdout, fmt.Sprintf("%d rows have an id that is another person's on the roster (review them):", n), n, n, func(i int) string {
			p := sum.IDsElsewhere[i]
			return fmt.Sprintf("  line %d: %s (volunteer %d)", p.Line, p.Why, p.VolunteerID)
		})
	}
	if len(sum.InTrash) > 0 {
		n := len(sum.InTrash)
		restore := "chapterdesk trash restore volunteer ID"
		if fl.window {
			restore = "Restore in Settings › Trash" // the window's way of naming a place (see the call import's)
		}
		fl.printList(e.stdout, fmt.Sprintf("%d rows are people in the trash: not added again (%s brings one back):", n, restore), n, n, func(i int) string {
			p := sum.InTrash[i]
			return fmt.Sprintf("  line %d: %s (%s)", p.Line, p.Name, p.Why)
		})
	}
	// A value taken and one kept are told apart: with --take-file-values the roster
	// still keeps an emptied cell, a value damaged by the file's encoding and a status.
	var taken, kept []db.VolunteerConflict
	for _, c := range sum.Conflicts {
		if c.Taken {
			taken = append(taken, c)
		} else {
			kept = append(kept, c)
		}
	}
	if len(taken) > 0 {
		done := "were changed to the file's (" + fl.takeChoice() + ")"
		if !fl.dryRun && sum.BatchID != 0 {
			done += "; " + fl.undoHow(sum.BatchID) + " puts the roster's back"
		}
		printConflicts(e, fl, taken, done)
	}
	if len(kept) > 0 {
		done := "were not changed"
		if !fl.takeFileValues {
			done += " (" + fl.takeChoice() + " saves the file's, where no reason is given)"
		}
		printConflicts(e, fl, kept, done)
	}
}

// printConflicts lists values where the file and the roster differ, and what was done.
func printConflicts(e *env, fl importFlags, cs []db.VolunteerConflict, done string) {
	fl.printList(e.stdout, fmt.Sprintf("%s from the roster and %s:", plural(len(cs), "value differs", "values differ"), done), len(cs), len(cs), func(i int) string {
		c := cs[i]
		note := ""
		if c.CaseOnly {
			note = " (letter case or accents only)"
		}
		if c.Kept != "" {
			note += ": " + c.Kept
		}
		field, stored, inFile := conflictField(c)
		return fmt.Sprintf("  line %d: %s %s: roster %q, file %q%s", c.Line, c.Name, field, stored, inFile, note)
	})
}

// conflictField names a differing value's field in words, not by its column
// ("phone number", not "phone_e164"), with the two values as a person reads them: a
// phone number as it is dialled here, "(617) 555-0100", not "+16175550100".
func conflictField(c db.VolunteerConflict) (field, stored, inFile string) {
	switch c.Field {
	case "phone_e164":
		return "phone number", db.FormatPhone(c.Stored), db.FormatPhone(c.InFile)
	case "mobile_e164":
		return "mobile number", db.FormatPhone(c.Stored), db.FormatPhone(c.InFile)
	}
	return strings.ReplaceAll(c.Field, "_", " "), c.Stored, c.InFile
}

// printSetAside tells which values were not kept because their field was taken from
// another column of the file.
func printSetAside(e *env, set []importer.SetAside) {
	for _, s := range set {
		rows := fmt.Sprintf("%d rows have", s.Rows)
		if s.Rows == 1 {
			rows = "1 row has"
		}
		fmt.Fprintf(e.stdout, "not kept: %s %s in %s besides the one in %s, which is the one kept (first at line %d)\n",
			rows, strings.ReplaceAll(string(s.Field), "_", " "), s.Column, s.Kept, s.FirstLine)
	}
}

// writtenPadded reports whether a time as written gives its day or month with a
// leading zero ("02/11/2026 18:05"), as sheets set to write the day first do.
func writtenPadded(stamp string) bool {
	date, _, _ := strings.Cut(strings.TrimSpace(stamp), " ")
	parts := strings.FieldsFunc(date, func(r rune) bool { return r == '/' || r == '.' || r == '-' })
	if len(parts) != 3 || len(parts[0]) == 4 { // not d/m/y (2026-11-02 is year first)
		return false
	}
	return len(parts[0]) == 2 && parts[0][0] == '0' || len(parts[1]) == 2 && parts[1][0] == '0'
}

// printCalls lists the call reports an import has something to say about, the first
// of total, under a heading that follows how many there are. The import keeps the
// first rows of a long list whole and the lines of the rest (after): those are
// listed by their line, the heading saying so.
func printCalls(e *env, fl importFlags, calls []db.UnresolvedCall, after []int, total int, one, many, heading string) {
	if total == 0 {
		return
	}
	if total == 1 {
		heading = strings.Replace(heading, "check them", "check it", 1) // "1 report was filed with a correction; check it"
	}
	head := fmt.Sprintf("%s %s", plural(total, one, many), heading)
	if len(after) > 0 {
		head += fmt.Sprintf(" (the first %d with the legislator and why, the other %d by their line)", len(calls), len(after))
	}
	fl.printList(e.stdout, head+":", total, len(calls)+len(after), func(i int) string {
		if i >= len(calls) {
			return fmt.Sprintf("  line %d", after[i-len(calls)])
		}
		u := calls[i]
		return fmt.Sprintf("  line %d: %q: %s", u.Line, u.Legislator, u.Reason)
	})
}

// printNotVolunteers tells which contacts of the file were left out as no volunteers.
func printNotVolunteers(e *env, fl importFlags, left []importer.NotVolunteer) {
	if len(left) == 0 {
		return
	}
	fl.printList(e.stdout, fmt.Sprintf("%d contacts were left out, as they are deceased, in the trash of the system they came from, or no person (an organization or household):", len(left)), len(left), len(left), func(i int) string {
		n := left[i]
		return fmt.Sprintf("  line %d: %s (%s)", n.Line, n.Name, n.Why)
	})
}

// printDates lists every date the import could not read (its volunteer is imported
// without it), and, when the file writes some dates day first, how many that read
// either way were read month first.
func printDates(e *env, fl importFlags, d *importer.Dates) {
	datesWere := func(n int) string {
		if n == 1 {
			return "1 date was"
		}
		return fmt.Sprintf("%d dates were", n)
	}
	if n := d.UnreadCount; n > 0 {
		fl.printList(e.stdout, datesWere(n)+" not read and left empty (the volunteers were imported without them):", n, len(d.Unread), func(i int) string {
			u := d.Unread[i]
			why := "not a date ChapterDesk reads"
			if !u.Outside.IsZero() {
				why = "it reads as " + u.Outside.Format("January 2, 2006") + ", which no one joined on"
			} else if !u.WeekdayOff.IsZero() {
				why = format.WeekdayOffReason(u.WeekdayOff)
			} else if u.DayFirst {
				why = format.DayFirstReason
			}
			return fmt.Sprintf("  line %d, column %d (%s): %q: %s", u.Line, u.Column, u.Name, u.Value, why)
		})
	}
	if d.DayFirst() && d.EitherWay > 0 {
		read, _ := format.ParseDate(d.First.Value)
		fmt.Fprintf(e.stdout, "check: %s read month first though the day could come first, such as line %d, column %d (%s): %q as %s; "+
			"this file writes some dates day first, so these may be wrong\n",
			datesWere(d.EitherWay), d.First.Line, d.First.Column, d.First.Name, d.First.Value, read.Format("January 2, 2006"))
	}
}

// printPaddedZips tells which zips were read with the leading zero a spreadsheet strips.
func printPaddedZips(e *env, fixes []importer.ZipFix) {
	if len(fixes) == 0 {
		return
	}
	ex := db.FirstOfFunc(fixes, 3, ", ", func(z importer.ZipFix) string { return fmt.Sprintf("line %d: %s → %s", z.Line, z.From, z.To) })
	noun, were := "zip codes had", "were"
	if len(fixes) == 1 {
		noun, were = "zip code had", "was"
	}
	// Puerto Rico's and the Virgin Islands' zips lose two zeros, New England's one.
	var three, four bool
	for _, z := range fixes {
		three, four = three || len(z.To)-len(z.From) == 2, four || len(z.To)-len(z.From) == 1
	}
	digits, zeros, put := "4 digits", "leading zero", "the 0"
	switch {
	case three && four:
		digits, zeros, put = "3 or 4 digits", "leading zeros", "the zeros"
	case three:
		digits, zeros, put = "3 digits", "leading zeros", "the zeros"
	}
	fmt.Fprintf(e.stdout, "%d %s %s (a spreadsheet drops a zip's %s) and %s read with %s put back: %s\n",
		len(fixes), noun, digits, zeros, were, put, ex)
}

// printNotZips tells which zips were not stored, as no US zip has their digits.
func printNotZips(e *env, fl importFlags, notes []importer.ZipNote) {
	if len(notes) == 0 {
		return
	}
	heading := zipsWere(len(notes)) + " no US zip code (a US zip has 5 digits, or 9 with its +4, and no leading zeros put back make one of the row's state); " +
		"each is left out, its volunteer imported without a zip (a zip stored before is kept):"
	fl.printList(e.stdout, heading, len(notes), len(notes), func(i int) string {
		z := notes[i]
		where := "the row names no state or country"
		if len(strings.TrimSpace(z.Zip)) == 3 {
			where = "the row names no state; zips of 3 digits are Puerto Rico's 006xx, 007xx, 009xx and the Virgin Islands' 008xx"
		}
		if z.State != "" {
			where = "in " + z.State
		}
		return fmt.Sprintf("  line %d: %q (%s)", z.Line, z.Zip, where)
	})
}

// printValueNotes lists the values of rows imported that were not used as the file
// has them (a fax number, a made-up zip, an email the export marks bad), and why.
func printValueNotes(e *env, fl importFlags, notes []importer.ValueNote, total int) {
	if total == 0 {
		return
	}
	values := "1 value"
	if total > 1 {
		values = fmt.Sprintf("%d values", total)
	}
	fl.printList(e.stdout, values+" not used as the file has them (their volunteers imported with the rest of their row):", total, len(notes), func(i int) string {
		n := notes[i]
		return fmt.Sprintf("  line %d, column %d (%s): %q: %s", n.Line, n.Column, n.Name, n.Value, n.Why)
	})
}

func zipsWere(n int) string {
	if n == 1 {
		return "1 zip code is"
	}
	return fmt.Sprintf("%d zip codes are", n)
}

// printLeftOut lists the rows an import left out, and where they were written.
func printLeftOut(e *env, problems []*importer.Problem, fl importFlags) {
	if len(problems) == 0 {
		return
	}
	where := ""
	switch {
	case fl.skipBad != "" && fl.dryRun:
		where = " (an import would write them as they were with why to " + fl.skipBad + ")"
	case fl.skipBad != "":
		where = ", written as " + map[bool]string{true: "it was", false: "they were"}[len(problems) == 1] + " with why to " + fl.skipBad
	}
	// A quote never closed loses every line after it: each may have been a row of its
	// own, so each is counted (the count of rows in the file must add up).
	n := len(problems)
	for _, p := range problems {
		n += max(0, p.LastLine-p.Line)
	}
	fl.printList(e.stdout, fmt.Sprintf("%s left out%s:", rowsWere(n), where), len(problems), len(problems), func(i int) string {
		return "  " + problemText(problems[i])
	})
}

// problemText is a bad row's problem, and for a quote never closed the lines it lost.
func problemText(p *importer.Problem) string {
	if p.LastLine > p.Line {
		return fmt.Sprintf("%s: lines %d to %d, each counted as a row left out", p.Error(), p.Line, p.LastLine)
	}
	return p.Error()
}

// suchAs is a check's example: ", such as line 3: "N/A"" and what it was read as
// (more); only the line when the value was not kept (importer.CallFile.Filed: the
// rows that kept one were all left out).
func suchAs(line int, value, more string) string {
	if value == "" {
		return fmt.Sprintf(", such as line %d", line)
	}
	return fmt.Sprintf(", such as line %d: %q%s", line, value, more)
}

// notCallsQuoted names the answers that said no call was made as the file wrote
// them, with the line of the first of each: `line 4: "Sent an email"`.
func notCallsQuoted(answers []importer.ReadAs, n int) string {
	q := make([]string, len(answers))
	for i, a := range answers {
		q[i] = fmt.Sprintf("line %d: %q", a.Line, a.Value)
	}
	more := ""
	if n > len(answers) && len(answers) > 1 {
		more = ", …"
	}
	return strings.Join(q, "; ") + more
}

// plural says "1 " and one, or n and many: "1 report names", "2 reports name".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// rowsWere says "1 row was" or "N rows were".
func rowsWere(n int) string {
	if n == 1 {
		return "1 row was"
	}
	return fmt.Sprintf("%d rows were", n)
}

// describeProblems puts the problems in one line: the first shownOfList, and how many
// more, so a lead can fix a file in one go.
func describeProblems(problems []*importer.Problem) string {
	noun := "rows have problems"
	if len(problems) == 1 {
		noun = "row has a problem"
	}
	return fmt.Sprintf("%d %s: %s", len(problems), noun, db.FirstOfFunc(problems, shownOfList, "; ", problemText))
}

// defaultState is the state the import wizard suggests, in its state field, for the
// legislators of path: from a file name like ma.csv, else the chapter's. The lead sees
// it before importing; the command line takes only the file name's (see
// prepareLegislators).
func defaultState(ctx context.Context, s *db.Store, path string) string {
	if st := stateFromFileName(path); st != "" {
		return st
	}
	if c, err := s.SelfChapter(ctx); err == nil {
		return c.State
	}
	return ""
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

// printImportSummary prints what an import did, or in a dry run would do with each
// change listed (unless the window lists them: importFlags.window).
func printImportSummary(e *env, kind, file, formatName, encoding string, sum db.ImportSummary, fl importFlags) {
	verb := "imported"
	if fl.dryRun {
		verb = "dry run, nothing written; would import"
	}
	differ := ""
	if sum.Differ > 0 {
		differ = fmt.Sprintf(", %d differ from what is stored (not changed, listed below)", sum.Differ)
	}
	// Only a legislators import retires anyone: "0 retired" on a call or roster
	// import was a count of nothing that could have happened (tester, s41).
	retired := ""
	if kind == "legislators" {
		retired = fmt.Sprintf(", %d retired", sum.Retired)
	}
	fmt.Fprintf(e.stdout, "%s %s from %s (%s, %s): %d created, %d updated, %d unchanged%s%s\n",
		verb, kind, file, formatName, encoding, sum.Created, sum.Updated, sum.Unchanged, differ, retired)
	if fl.dryRun && !fl.window && len(sum.Changes) > 0 {
		total := len(sum.Changes)
		if sum.ChangesCut() {
			total = max(total, sum.Created+sum.Updated+sum.Retired)
		}
		fl.printList(e.stdout, "", total, len(sum.Changes), func(i int) string { return "  " + sum.Changes[i].String() })
	}
	for _, n := range sum.Notes {
		fmt.Fprintln(e.stdout, n)
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
