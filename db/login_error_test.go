package db

import (
	"errors"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
)

// With no password anywhere (no PGPASSWORD, no ~/.pgpass line for that server and
// database, no terminal to ask), a login the server refused said "wrong user name or
// password" (tester t1, F7): no password had been given to be wrong. It now says the
// server asks for one and where to give it; with a password given, the refusal
// stays a wrong password.
func TestLoginRefusedWithoutAPassword(t *testing.T) {
	refused := &pgconn.PgError{Severity: "FATAL", Code: "28P01", Message: `password authentication failed for user "alice"`}
	err := connectError("alice@/nosuchdb", "", refused)
	if !errors.Is(err, ErrPassword) || !strings.Contains(err.Error(), "the server asks for a password and none was given") ||
		strings.Contains(err.Error(), "wrong") {
		t.Errorf("no password given: %v", err)
	}
	err = connectError("alice@/coal", "s3cret", refused)
	if !errors.Is(err, ErrPassword) || !strings.Contains(err.Error(), "wrong user name or password") {
		t.Errorf("a wrong password: %v", err)
	}
}
