package main

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"sync"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/ui"
)

// Passwords typed in the window's *Connect to a chapter server…* dialog are kept in
// this process's memory for the session, by server address (which never holds one),
// and nowhere else: not in the preferences, not in the environment (where programs
// the app starts would inherit them), not in a log. Every open of that address in
// this process (the window's store, the printing and export verbs it runs) finds it
// here; pgx carries it from there into the connection, as PGPASSWORD or ~/.pgpass
// would be.
var sessionPasswords sync.Map // address -> password

// rememberPassword keeps password for addr for the rest of the session ("" forgets).
func rememberPassword(addr, password string) {
	if password == "" {
		sessionPasswords.Delete(addr)
		return
	}
	sessionPasswords.Store(addr, password)
}

// sessionPassword is the password typed for addr this session, if any.
func sessionPassword(addr string) string {
	if v, ok := sessionPasswords.Load(addr); ok {
		return v.(string)
	}
	return ""
}

// orSessionPassword is password, or when the dialog's Password was left empty the one
// typed for this very address this session (at the terminal, when the window started
// on it): never one typed for another address.
func orSessionPassword(addr, password string) string {
	if password == "" {
		return sessionPassword(addr)
	}
	return password
}

// connectString is addr with password added, for pgx only: it lives in memory for the
// length of the open and is never shown (db names a server by db.ServerName). With no
// password, or not a server, it is addr.
func connectString(addr, password string) string {
	if password == "" || !db.IsServer(addr) || db.PasswordIn(addr) {
		return addr
	}
	if strings.Contains(addr, "://") {
		u, err := url.Parse(addr)
		if err != nil {
			return addr
		}
		user := ""
		if u.User != nil {
			user = u.User.Username()
		}
		u.User = url.UserPassword(user, password)
		return u.String()
	}
	// libpq's keyword form: a quoted value, backslash and quote escaped.
	q := strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(password)
	return addr + " password='" + q + "'"
}

// withSessionPassword is the string to open addr with: addr and, for a server whose
// password was typed in the window this session, that password.
func withSessionPassword(addr string) string {
	return connectString(addr, sessionPassword(addr))
}

// scrubbed is err with every occurrence of a password taken out of its text (the
// chain stays for errors.Is and errors.As): db never puts one in an error, and this
// makes sure of it before anything is shown or logged.
func scrubbed(err error, password string) error {
	if err == nil || password == "" || !strings.Contains(err.Error(), password) {
		return err
	}
	return scrubbedError{err, password}
}

type scrubbedError struct {
	err      error
	password string
}

func (e scrubbedError) Error() string { return strings.ReplaceAll(e.err.Error(), e.password, "***") }
func (e scrubbedError) Unwrap() error { return e.err }

// errOnServer: a restore or repair is for a data file; a chapter server keeps its own
// backups.
var errOnServer = errors.New("the window is on a chapter server, which its owner backs up; restore and repair are for a data file")

// openWithSessionPassword opens target, with the password typed for it in the window
// this session if there is one; the error never holds that password.
func openWithSessionPassword(ctx context.Context, target string, opts db.Options) (*db.Store, error) {
	pw := sessionPassword(target)
	s, err := db.Open(ctx, connectString(target, pw), opts)
	return s, scrubbed(err, pw)
}

// TestServer opens the chapter database at addr with password (none: PGPASSWORD or
// ~/.pgpass) and closes it again: the window's *Test connection*. Nothing switches.
func (f *dataFiles) TestServer(ctx context.Context, addr, password string) error {
	if err := checkServerAddr(addr); err != nil {
		return err
	}
	password = orSessionPassword(addr, password)
	s, err := db.Open(ctx, connectString(addr, password), appOpen)
	if err != nil {
		return scrubbed(err, password)
	}
	return s.Close()
}

// ConnectServer switches the window to the chapter database at addr: it is opened
// (and so tested) first, and only then is the store before closed, so a server that
// cannot be used leaves the lead where they were. The password is kept in memory for
// the session, for the verbs the window runs on that server.
func (f *dataFiles) ConnectServer(ctx context.Context, addr, password string) (ui.Store, error) {
	if err := checkServerAddr(addr); err != nil {
		return nil, err
	}
	password = orSessionPassword(addr, password)
	s, err := db.Open(ctx, connectString(addr, password), appOpen)
	if err != nil {
		return nil, scrubbed(err, password)
	}
	rememberPassword(addr, password)
	f.mu.Lock()
	defer f.mu.Unlock()
	f.adopt(ctx, s, addr)
	return s, nil
}

// UseDataFile switches the window back to the lead's own data file.
func (f *dataFiles) UseDataFile(ctx context.Context) (ui.Store, error) {
	return f.Open(ctx, f.ownFile)
}

// Server is the address of the chapter server the window is on (or was started on and
// could not open), "" on a data file.
func (f *dataFiles) Server() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.s == nil {
		return serverAddr(f.path)
	}
	return f.addr
}

// checkServerAddr refuses what is not a server address, or one holding a password.
func checkServerAddr(addr string) error {
	if !db.IsServer(addr) {
		return fmt.Errorf("%q is not a chapter server's address", addr)
	}
	if db.PasswordIn(addr) {
		return errors.New("the server address holds a password; type it in the password field instead")
	}
	return nil
}
