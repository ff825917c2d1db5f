package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"golang.org/x/term"

	"github.com/chapterdesk/chapterdesk/db"
)

// showDB is how a verb names the database it worked on: the file's path, or the
// server's user@host/database (never a password).
func showDB(path string) string {
	if db.IsServer(path) {
		return db.ServerName(path)
	}
	return path
}

// runServer sets up a PostgreSQL server database for a chapter: `server init` creates
// the schema, or upgrades it, each migration in one transaction with its bookkeeping.
// A database of another program or of a newer ChapterDesk is refused unchanged.
func runServer(ctx context.Context, e *env, args []string) error {
	e.help = "A chapter server is an existing PostgreSQL database, made for ChapterDesk by its owner:\n" +
		"  createdb chapterdesk   (or your host's control panel)\n" +
		"  chapterdesk server init --db postgres://USER@HOST/chapterdesk?sslmode=require\n" +
		"The password comes from PGPASSWORD, ~/.pgpass or a prompt."
	e.help += "\n\n" + coalitionHelp
	fs := e.newFlags("server")
	chapter := &e.chapter // --chapter: the chapter a new lead works on (server add-lead)
	pos, err := e.parse(fs, args)
	if err != nil {
		return err
	}
	verbChapter = "" // the server verbs' --chapter names the chapter they set up, not one to work in
	if len(pos) > 0 && pos[0] != "init" {
		return runServerCoalition(ctx, e, pos, *chapter)
	}
	if len(pos) != 1 {
		return usageError{"give what to do: server init | add-chapter | add-lead | add-coordinator | list | remove"}
	}
	path, err := e.dbPath(false)
	if err != nil {
		return err
	}
	if e.db == "" && !db.IsServer(path) {
		return usageError{"give the server: server init --db postgres://USER@HOST/DATABASE"}
	}
	if !db.IsServer(path) {
		return fmt.Errorf("%s is a data file, which ChapterDesk sets up by itself on first use; server init is for a PostgreSQL server (--db postgres://...)", path)
	}
	from, to, err := withPassword(e, func() (int, int, error) { return db.InitServer(ctx, path) })
	if err != nil {
		return err
	}
	name := db.ServerName(path)
	switch {
	case from == 0:
		// A new chapter starts, as a new file does, on the starter campaign.
		err := withStore(ctx, path, db.Options{}, func(s *db.Store) error { return saveStarterCampaign(ctx, s) })
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "set up ChapterDesk on %s (schema version %d), with the starter campaign\n", name, to)
	case from < to:
		fmt.Fprintf(e.stdout, "upgraded ChapterDesk on %s from schema version %d to %d\n", name, from, to)
	default:
		fmt.Fprintf(e.stdout, "ChapterDesk on %s is already current (schema version %d): nothing changed\n", name, to)
	}
	// The coalition's roles, when this login may make them: the logins of
	// add-lead and add-coordinator are members of them.
	return withStore(ctx, path, db.Options{}, func(s *db.Store) error {
		made, err := s.PrepareCoalitionRoles(ctx)
		if err != nil {
			return err
		}
		if made {
			fmt.Fprintln(e.stdout, "the coalition's roles chapterdesk_lead and chapterdesk_coordinator are ready, with their grants: "+
				"add chapters and logins with server add-chapter, add-lead and add-coordinator")
		} else {
			fmt.Fprintln(e.stdout, "this login may not create roles (CREATEROLE), so the coalition's roles were not made: "+
				"a single chapter needs none; for leads' and coordinators' logins, give it CREATEROLE and run server init again")
		}
		return nil
	})
}

// withPassword runs connect; when the server asks for a password it was not given and
// a person is at the terminal, it asks once (not echoed) and tries again.
func withPassword[T, U any](e *env, connect func() (T, U, error)) (T, U, error) {
	a, b, err := connect()
	if err == nil || !errors.Is(err, db.ErrPassword) {
		return a, b, err
	}
	if !askPassword(e) {
		return a, b, err
	}
	return connect()
}

// askPassword asks for the server's password at the terminal (not echoed) and keeps
// it for this process only, where pgx looks (PGPASSWORD). It reports whether it got
// one. Only the server verbs use it: each runs on one server and the process ends.
func askPassword(e *env) bool {
	pw := promptPassword(e)
	if pw == "" {
		return false
	}
	os.Setenv("PGPASSWORD", pw)
	return true
}

// askPasswordFor asks for the password of the server at addr, the one being opened,
// and keeps it for addr only (rememberPassword), not in PGPASSWORD: the window started
// on addr may connect to other servers later, and pgx would hand PGPASSWORD to each.
// It reports whether it got one.
func askPasswordFor(addr string) bool {
	pw := promptPassword(nil)
	if pw == "" {
		return false
	}
	rememberPassword(addr, pw)
	return true
}

// promptPassword reads a password at the terminal, not echoed ("" when there is no
// terminal or none was typed); a variable so that tests can type one.
var promptPassword = func(e *env) string {
	fd := int(os.Stdin.Fd())
	if !term.IsTerminal(fd) {
		return ""
	}
	stderr := io.Writer(os.Stderr)
	if e != nil {
		stderr = e.stderr
	}
	fmt.Fprint(stderr, "Password for the chapter server: ")
	pw, err := term.ReadPassword(fd)
	fmt.Fprintln(stderr)
	if err != nil {
		return ""
	}
	return string(pw)
}
