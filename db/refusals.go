package db

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5/pgconn"
)

// ErrRefused: a coalition login asked for what its role may not do. errors.As with a
// *RefusedError gives the sentence for a person.
var ErrRefused = errors.New("not this login's to do")

// RefusedError says, in a sentence, that the coalition server refused a login what
// its role may not do, and what that role may do instead. It stands in for
// PostgreSQL's "permission denied for table ..." (insufficient privilege, the
// row-level security's refusals included), which names a table, not a way forward.
type RefusedError struct {
	Role string // RoleLead, RoleCoordinator or RoleOwner
	Hint string // what to do instead, for this request; "" for the role's general one
	Err  error  // the server's own error, for logs
}

func (e *RefusedError) Error() string {
	msg, hint := "", e.Hint
	switch e.Role {
	case RoleCoordinator:
		msg = "the coalition's coordinator may not do that: this login reads every chapter's call reports " +
			"(callers as first name and initial), the whip count and the coalition's counts, and keeps the shared " +
			"legislators and campaigns; a chapter's volunteers, its profile and what prints them are its lead's"
		if hint == "" {
			hint = "the coordinator's are `report FILE.xlsx` (the coalition workbook), `stats` and the app's coalition screens"
		}
	case RoleLead:
		msg = "a chapter's lead may not do that: this login works on its own chapter's volunteers, call reports " +
			"and profile; the coalition's chapters, legislators and campaigns are the server owner's to change"
		if hint == "" {
			hint = "ask the server's owner, or connect as the owner"
		}
	default:
		msg = "the coalition server refused this login that"
		var pe *pgconn.PgError
		if errors.As(e.Err, &pe) {
			msg += " (" + pe.Message + ")"
		}
	}
	if hint != "" {
		msg += "; " + hint
	}
	return msg
}

func (e *RefusedError) Unwrap() []error { return []error{ErrRefused, e.Err} }

// refused turns the server's refusal of a privilege into a RefusedError naming what
// the login's role may do; any other error is returned as it is.
func (s *Store) refused(ctx context.Context, err error) error {
	var pe *pgconn.PgError
	if s.server == nil || !errors.As(err, &pe) || pe.Code != "42501" {
		return err
	}
	var re *RefusedError
	if errors.As(err, &re) {
		return err
	}
	role, rerr := s.CoalitionRole(ctx)
	if rerr != nil {
		role = RoleOwner // the server's own words, then
	}
	return &RefusedError{Role: role, Err: err}
}

// refuseUnlessOwner refuses, with hint, a coalition login that is not the server's
// owner: for what only the owner does, asked before any work starts.
func (s *Store) refuseUnlessOwner(ctx context.Context, hint func(role string) string) error {
	role, err := s.CoalitionRole(ctx)
	if err != nil || role == RoleFile || role == RoleOwner {
		return err
	}
	return &RefusedError{Role: role, Hint: hint(role)}
}
