package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"

	"golang.org/x/term"

	"github.com/chapterdesk/chapterdesk/bundle"
	"github.com/chapterdesk/chapterdesk/db"
)

// scryptWorkFactor is the bundle's scrypt cost; 0 is age's default. Tests lower it.
var scryptWorkFactor = 0

// minPassphrase is the shortest passphrase a bundle is locked with: the bundle
// carries people's phone numbers and addresses.
const minPassphrase = 8

// passphraseFlags are where a passphrase comes from. Never the command line itself:
// other users of the machine can read a process's arguments.
type passphraseFlags struct {
	file, env string
	ask       bool
}

func (p *passphraseFlags) add(fs *flag.FlagSet) {
	fs.StringVar(&p.file, "passphrase-file", "", "read the passphrase from the first line of this file")
	fs.StringVar(&p.env, "passphrase-env", "", "read the passphrase from this environment variable")
	fs.BoolVar(&p.ask, "ask-passphrase", false, "ask for the passphrase on the terminal")
}

// given reports whether a source of the passphrase was named.
func (p *passphraseFlags) given() bool { return p.file != "" || p.env != "" || p.ask }

// read returns the passphrase from the one source given, "" when none is; confirm
// asks twice on the terminal.
func (p *passphraseFlags) read(e *env, confirm bool) (string, error) {
	n := 0
	for _, set := range []bool{p.file != "", p.env != "", p.ask} {
		if set {
			n++
		}
	}
	switch {
	case n > 1:
		return "", usageError{"give the passphrase one way: --passphrase-file, --passphrase-env or --ask-passphrase"}
	case p.file != "":
		b, err := os.ReadFile(p.file)
		if err != nil {
			return "", fmt.Errorf("read the passphrase from %s: %w", p.file, unwrapPath(err))
		}
		line, _, _ := strings.Cut(string(b), "\n")
		return strings.TrimSuffix(line, "\r"), nil
	case p.env != "":
		v, ok := os.LookupEnv(p.env)
		if !ok {
			return "", usageError{fmt.Sprintf("the environment variable %s is not set", p.env)}
		}
		return v, nil
	case p.ask:
		return askPassphrase(e, confirm)
	}
	return "", nil
}

// askPassphrase reads a passphrase on the terminal without echoing it.
func askPassphrase(e *env, confirm bool) (string, error) {
	fd := int(os.Stdin.Fd())
	if !term.IsTerminal(fd) {
		return "", usageError{"there is no terminal to ask for the passphrase; use --passphrase-file or --passphrase-env"}
	}
	read := func(prompt string) (string, error) {
		fmt.Fprint(e.stderr, prompt)
		b, err := term.ReadPassword(fd)
		fmt.Fprintln(e.stderr)
		return string(b), err
	}
	p, err := read("Passphrase: ")
	if err != nil || !confirm {
		return p, err
	}
	again, err := read("The same passphrase again: ")
	if err != nil {
		return "", err
	}
	if again != p {
		return "", errors.New("the two passphrases differ; nothing was written")
	}
	return p, nil
}

// runBundle writes a hand-off bundle (`bundle export OUT`) or opens one into a new
// data file (`bundle open IN --to NEWDB`).
func runBundle(ctx context.Context, e *env, args []string) error {
	fs := e.newFlags("bundle")
	var pf passphraseFlags
	pf.add(fs)
	to := fs.String("to", "", "bundle open: the new database file to open the bundle into (must not exist)")
	pos, err := e.parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 || (pos[0] != "export" && pos[0] != "open") {
		return usageError{"use bundle export OUT.cdbundle or bundle open IN.cdbundle --to NEWDB"}
	}
	if pos[0] == "open" {
		return openBundle(ctx, e, pos[1], *to, &pf)
	}
	if *to != "" {
		return usageError{"--to is for bundle open"}
	}
	pass, err := pf.read(e, true)
	if err != nil {
		return err
	}
	if pass == "" && pf.given() {
		// An empty file or variable is a mistake, not a choice to leave the roster
		// unlocked.
		return usageError{"the passphrase given is empty; nothing was written"}
	}
	if pass != "" && len([]rune(pass)) < minPassphrase {
		return usageError{fmt.Sprintf("choose a passphrase of at least %d characters", minPassphrase)}
	}
	path, err := e.dbPath(false)
	if err != nil {
		return err
	}
	// A file its last full check found damaged is not handed over; the copy of any
	// other is checked in full by Export.
	if r, ok := db.DamageMark(path); ok {
		code, todo := exitDamaged, "run chapterdesk check --full, which names the newest good backup to restore"
		if r.IndexOnly {
			code, todo = exitDamagedIndexOnly, "chapterdesk check --repair rebuilds its indexes"
		}
		return exitError{code: code, msg: fmt.Sprintf("%s was found damaged by its last full check (%s); nothing was bundled: %s",
			showDB(path), r.Problems[0], todo)}
	}
	// The copy is checked in full below (not the file first: CheckChangedUpTo -1).
	return withStore(ctx, path, db.Options{ReadOnly: true, CheckChangedUpTo: -1}, func(s *db.Store) error {
		m, err := bundle.Export(ctx, s, pos[1], bundle.Options{Passphrase: pass, AppVersion: version,
			WorkFactor: scryptWorkFactor})
		if errors.Is(err, bundle.ErrDamagedCopy) {
			return exitError{code: exitDamaged, msg: fmt.Sprintf("%s; nothing was written: the data file itself is probably damaged; "+
				"run chapterdesk check --full", oneLine(err))}
		}
		if err != nil {
			return err
		}
		lock := "locked with a passphrase"
		if pass == "" {
			lock = "NOT locked: anyone who gets the file can read the roster (--passphrase-file locks it)"
		}
		fmt.Fprintf(e.stdout, "bundled chapter %q into %s, %s\n", m.Chapter.Name, pos[1], lock)
		return nil
	})
}

// openBundle unpacks a bundle into a new data file, asking for the passphrase on the
// terminal when the bundle is locked and none was given.
func openBundle(ctx context.Context, e *env, in, to string, pf *passphraseFlags) error {
	if to == "" {
		return usageError{"give the new database file: bundle open IN.cdbundle --to NEWDB"}
	}
	locked, err := bundle.Locked(in)
	if err != nil {
		if errors.Is(err, bundle.ErrNotBundle) {
			return fmt.Errorf("%s is %w", in, err)
		}
		return fmt.Errorf("open bundle: %w", unwrapPath(err))
	}
	pass, err := pf.read(e, false)
	if err != nil {
		return err
	}
	if locked && pass == "" {
		if !term.IsTerminal(int(os.Stdin.Fd())) {
			return fmt.Errorf("%s: %w; give it with --passphrase-file or --passphrase-env", in, bundle.ErrNeedsPassphrase)
		}
		if pass, err = askPassphrase(e, false); err != nil {
			return err
		}
	}
	m, err := bundle.Open(ctx, in, to, bundle.Options{Passphrase: pass})
	if err != nil {
		if errors.Is(err, bundle.ErrWrongPassphrase) {
			return bundle.ErrWrongPassphrase // the whole message a person needs
		}
		return err
	}
	fmt.Fprintf(e.stdout, "opened the bundle of chapter %q (made %s) into %s; start ChapterDesk with --db %s\n",
		m.Chapter.Name, m.CreatedAt.Local().Format("2006-01-02 15:04"), to, shellQuote(to))
	return nil
}
