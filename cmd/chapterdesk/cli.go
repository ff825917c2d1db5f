package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/chapterdesk/chapterdesk/db"
)

// Exit codes: 0 done, 1 the job failed (bad input, bad file), 2 the command line
// itself is wrong; 3 and 4 (exitDamaged, exitDamagedIndexOnly) the data file is
// damaged, whichever verb found it.
const (
	exitOK    = 0
	exitFail  = 1
	exitUsage = 2
)

// verb is one job the binary does headless.
type verb struct {
	name    string
	args    string // the positional arguments and flags, for the usage line
	summary string
	run     func(ctx context.Context, e *env, args []string) error
}

// verbs lists every verb in help order.
var verbs = []verb{
	{name: "demo", args: "[--volunteers N] [--calls N] [--seed S] [--as-of YYYY-MM-DD]",
		summary: "write a realistic synthetic chapter into a new database", run: runDemo},
	{name: "stats", args: "[--json]", summary: "print how many records of each kind the database holds", run: runStats},
	{name: "import", args: "legislators|volunteers|calls FILE [--format F | --map field=Header,... [--save-preset NAME] | --preset NAME] [--dry-run] [--skip-bad-rows REJECTS.csv] [--state XX] [--retire-missing] [--campaign ID] [--update-stances] | legislators --state XX [--dry-run] [--retire-missing] | session DIR|ZIP [--dry-run] [--exported YYYY-MM-DD] | list | undo N | presets [delete NAME]",
		summary: "import a CSV export: legislators, volunteers or call reports; any other CSV with your own column mapping; without a file, the legislators of a state that came with ChapterDesk; an Open States session export (the official record of the campaigns' bills)", run: runImport},
	{name: "export", args: "volunteers|calls|legislators FILE.csv | record FILE.csv [--campaign ID]", summary: "export records as CSV (formula-safe); record: the official record beside the whip count", run: runExport},
	{name: "report", args: "FILE.xlsx [--campaign ID] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--all] [--coalition-safe]",
		summary: "write the coalition workbook (default: the last 30 days, today included)", run: runReport},
	{name: "calls", args: "fix-times --imported-on-zone ZONE [--dry-run]",
		summary: "put right the call times an older ChapterDesk read on its computer's clock (the zone that computer was set to)", run: runCalls},
	{name: "merge", args: "FILE... [--times-as-they-are] [--bring-back-deleted]", summary: "merge other chapters' data files (matched by UUID: merging again adds nothing)", run: runMerge},
	{name: "leaflet", args: "FILE.pdf [--campaign ID] [--lang es] [--layout sheet|trifold|halfpage] [--paper letter|a4]",
		summary: "print the campaign's FAQ leaflet with the chapter's contact block and a QR code", run: runLeaflet},
	{name: "callsheets", args: "FILE.pdf [--campaign ID] [--volunteers tag:phonebank] [--per volunteer|district] [--include-do-not-contact] [--lang es] [--paper letter|a4] [--yes]",
		summary: "print phone-bank call sheets: each caller's own legislators, the script filled in, tick boxes", run: runCallSheets},
	{name: "whipboard", args: "FILE.pdf [--campaign ID] [--chamber upper|lower] [--paper letter|a4]",
		summary: "print the whip board: every legislator a tile coloured by stance, with the record's sponsors and votes", run: runWhipBoard},
	{name: "campaign", args: "list | export ID FILE.json | import FILE.json | link ID BILL --session S [--to NUMBER] | unlink ID BILL --session S | links [ID] | archive ID | activate ID | set ID [--state XX] [--votes-upper N] [--votes-lower N]",
		summary: "list campaigns, share one as a campaign file, link its bills to a session, archive it, set its state and votes needed", run: runCampaign},
	{name: "checkout", args: "--to FILE.db", summary: "write your chapter on a chapter server (--db postgres://...) as a data file to work on offline", run: runCheckout},
	{name: "push", args: "FILE.db [--take-mine | --take-theirs] [--times-as-they-are] [--bring-back-deleted]", summary: "bring a checkout back to its chapter server: what was added, the edits, and the conflicts listed", run: runPush},
	{name: "backup", args: "FILE", summary: "write a consistent copy of the database and check it (works while the app is open)", run: runBackup},
	{name: "check", args: "[--full] [--repair]",
		summary: "check the database for damage (exit 0 intact, 1 could not check, 3 damaged, 4 damaged only in indexes: --repair)", run: runCheck},
	{name: "restore", args: "FILE", summary: "replace the database with a checked backup, keeping the replaced file", run: runRestore},
	{name: "trash", args: "[list | restore volunteer|call|faq ID | empty]",
		summary: "list deleted records, restore one, or delete them for good", run: runTrash},
	{name: "server", args: "init | add-chapter NAME | add-lead LOGIN --chapter NAME | add-coordinator LOGIN | list | remove LOGIN",
		summary: "set up (or upgrade) the ChapterDesk schema on a PostgreSQL server database (--db postgres://USER@HOST/DB), and give a coalition's chapters and logins", run: runServer},
	{name: "bundle", args: "export OUT.cdbundle | open IN.cdbundle --to NEWDB [--passphrase-file F | --passphrase-env VAR | --ask-passphrase]",
		summary: "hand the chapter to a new lead: one file with the database and settings, optionally locked", run: runBundle},
}

// env is what every verb gets: where to write, and the database path once parsed.
type env struct {
	stdout, stderr io.Writer
	db             string // --db, or "" for the default data file
	chapter        string // --chapter: on a coalition server, which of a lead's chapters
	verb           verb   // the verb running, for its --help
	help           string // more for the verb's --help, after its flags
}

// usageError is a mistake on the command line: printed with a hint, exit code 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// sweepAtStart removes what a killed ChapterDesk was writing (a backup's or report's
// temporary file in the lead's folder, a bundle's unlocked work copy): every start,
// verb or app.
func sweepAtStart() {
	// One sweep, by the record each process keeps of what it writes: a guess by age
	// would take what a long job still running is writing.
	db.RemoveDeadTemps()
}

// run is the whole command line; main only adds the process around it.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	e := &env{stdout: stdout, stderr: stderr}
	sweepAtStart()
	verbChapter = ""
	verbStderr = stderr
	// Global flags before the verb: --db, --version, --help.
	for len(args) > 0 && strings.HasPrefix(args[0], "-") {
		name, value, hasValue := strings.Cut(strings.TrimLeft(args[0], "-"), "=")
		switch name {
		case "version":
			fmt.Fprintln(stdout, "chapterdesk", version)
			return exitOK
		case "h", "help":
			printHelp(stdout)
			return exitOK
		case "db":
			if !hasValue {
				if len(args) < 2 {
					fmt.Fprintln(stderr, "chapterdesk: --db needs a file path")
					return exitUsage
				}
				value, args = args[1], args[1:]
			}
			e.db = value
			args = args[1:]
		default:
			fmt.Fprintf(stderr, "chapterdesk: unknown option %s (see chapterdesk --help)\n", args[0])
			return exitUsage
		}
	}
	if len(args) == 0 {
		return onMainThread(func() int { return runApp(ctx, e) })
	}
	if args[0] == "help" {
		printHelp(stdout)
		return exitOK
	}
	for _, v := range verbs {
		if v.name != args[0] {
			continue
		}
		e.verb = v
		err := v.run(ctx, e, args[1:])
		var ue usageError
		var xe exitError
		var de *db.DamagedError
		switch {
		case err == nil:
			return exitOK
		case errors.As(err, &xe):
			if xe.msg != "" {
				fmt.Fprintf(stderr, "chapterdesk %s: %s\n", v.name, xe.msg)
			}
			return xe.code
		case errors.As(err, &de):
			// Damage met by any verb exits as check says it: 3, or 4 when a full
			// check found it only in indexes, so scripts read one code for it.
			fmt.Fprintf(stderr, "chapterdesk %s: %s\n", v.name, strings.TrimPrefix(oneLine(err), v.name+": "))
			if de.IndexOnly {
				return exitDamagedIndexOnly
			}
			return exitDamaged
		case errors.Is(err, flag.ErrHelp):
			return exitOK
		case errors.As(err, &ue):
			fmt.Fprintf(stderr, "chapterdesk %s: %s (see chapterdesk %s --help)\n", v.name, ue.msg, v.name)
			return exitUsage
		default:
			fmt.Fprintf(stderr, "chapterdesk %s: %s\n", v.name, verbError(v.name, err))
			return exitFail
		}
	}
	fmt.Fprintf(stderr, "chapterdesk: unknown verb %q (see chapterdesk --help)\n", args[0])
	return exitUsage
}

// verbError is the line a verb's failure shows. The store names what failed
// ("report: ..."), as the verb's name already has. A chapter server that went away in
// the middle (stopped, restarted, the network gone) is said so: PostgreSQL's own words
// ("terminating connection due to administrator command (SQLSTATE 57P01)") do not
// tell a lead that the write was rolled back whole; a refused login or an address
// that does not answer already says so in its own sentence (db.ServerError).
func verbError(verb string, err error) string {
	var se *db.ServerError
	var pe *pgconn.PgError
	var oe *net.OpError
	// A file's error (a syscall.Errno has Timeout) passes db.Unreachable too: only the
	// server's or the network's words say the server went away.
	fromServer := errors.As(err, &pe) || errors.As(err, &oe) || errors.Is(err, io.ErrUnexpectedEOF) ||
		strings.Contains(err.Error(), "conn closed")
	if db.Unreachable(err) && fromServer && !errors.As(err, &se) {
		return "the chapter server stopped answering in the middle (it was stopped or restarted, or the network went away): " +
			"the write under way was not saved (a write is saved whole or not at all, and an import is one); run it again once the server answers"
	}
	return strings.TrimPrefix(oneLine(err), verb+": ")
}

func printHelp(w io.Writer) {
	fmt.Fprintf(w, "ChapterDesk %s: volunteers, call reports, whip count and printables for a chapter.\n\n", version)
	fmt.Fprintln(w, "Usage:")
	fmt.Fprintln(w, "  chapterdesk [--db FILE]              open the desktop app")
	fmt.Fprintln(w, "  chapterdesk VERB [arguments] [--db FILE]")
	fmt.Fprintln(w, "\nVerbs:")
	for _, v := range verbs {
		fmt.Fprintf(w, "  %-11s %s\n", v.name, v.summary)
	}
	fmt.Fprintln(w, "\nEvery verb takes --db FILE (default: the app's own data file,")
	fmt.Fprintf(w, "%s) and --help.\n", defaultDBHint())
	fmt.Fprintln(w, "--db also takes a chapter server: postgres://USER@HOST:PORT/DATABASE?sslmode=require,")
	fmt.Fprintln(w, "postgres://USER@/DATABASE?host=/run/postgresql (a Unix socket), or libpq's \"host=... dbname=...\";")
	fmt.Fprintln(w, "the password comes from PGPASSWORD, ~/.pgpass or a prompt, never from the command line.")
}

// newFlags starts a verb's flag set with the flags every verb has.
func (e *env) newFlags(v string) *flag.FlagSet {
	fs := flag.NewFlagSet(v, flag.ContinueOnError)
	fs.SetOutput(io.Discard) // errors are reported by run, in one line
	fs.StringVar(&e.db, "db", e.db, "the database file")
	fs.StringVar(&e.chapter, "chapter", e.chapter, "on a coalition server, the chapter this is for (a lead of several chapters)")
	fs.Usage = func() {}
	return fs
}

// parse reads flags wherever they stand among the arguments, as in
// "chapterdesk import volunteers FILE --db X", and returns the positional ones.
// --help prints the verb's usage and its flags.
func (e *env) parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				e.printUsage(fs)
				return nil, err
			}
			return nil, usageError{err.Error()}
		}
		rest := fs.Args()
		if len(rest) == 0 {
			verbChapter = e.chapter
			return pos, nil
		}
		if len(args) > len(rest) && args[len(args)-len(rest)-1] == "--" {
			verbChapter = e.chapter
			return append(pos, rest...), nil // everything after -- is positional
		}
		pos, args = append(pos, rest[0]), rest[1:]
	}
}

func (e *env) printUsage(fs *flag.FlagSet) {
	v := e.verb
	fmt.Fprintf(e.stdout, "Usage: chapterdesk %s %s [--db FILE]\n\n%s.\n\nFlags:\n", v.name, v.args, capitalize(v.summary))
	fs.SetOutput(e.stdout)
	fs.PrintDefaults()
	fs.SetOutput(io.Discard)
	if e.help != "" {
		fmt.Fprintf(e.stdout, "\n%s\n", e.help)
	}
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// dbPath is the database file the verb works on: --db, else $CHAPTERDESK_DB, else the
// app's data file in the user's configuration folder. create makes that folder
// (mode 0700) when the default is used.
//
// A PostgreSQL server may stand in its place (postgres://..., postgresql://...,
// "host=... dbname=..."), without a password: that comes from PGPASSWORD, ~/.pgpass
// or a prompt, never from the command line.
func (e *env) dbPath(create bool) (string, error) {
	p := e.db
	if p == "" {
		p = os.Getenv("CHAPTERDESK_DB")
	}
	if p != "" && db.IsServer(p) && db.PasswordIn(p) {
		return "", errors.New("the server address holds a password, which other users of this computer could read; " +
			"leave it out and set PGPASSWORD, add a line to ~/.pgpass, or type it when asked")
	}
	if p != "" {
		return p, nil
	}
	return defaultDataFile(create)
}

// defaultDataFile is the lead's own data file in the user's configuration folder;
// create makes the folder.
func defaultDataFile(create bool) (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("no data folder for this user (%v); give --db FILE", err)
	}
	dir = filepath.Join(dir, "ChapterDesk")
	if create {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return "", fmt.Errorf("create data folder: %w", err)
		}
	}
	return filepath.Join(dir, "chapterdesk.db"), nil
}

func defaultDBHint() string {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "in the user's configuration folder"
	}
	return filepath.Join(dir, "ChapterDesk", "chapterdesk.db")
}

// oneLine flattens an error to the single line a person reads.
func oneLine(err error) string {
	return strings.Join(strings.Fields(err.Error()), " ")
}
