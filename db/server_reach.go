package db

import (
	"database/sql/driver"
	"errors"
	"io"
	"net"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
)

// OnServer reports whether the store is on a PostgreSQL server rather than a data
// file (the window's title and Settings say which).
func (s *Store) OnServer() bool { return s.server != nil }

// Unreachable reports whether err says the chapter server cannot be reached: it could
// not be connected to (down, the network gone, the database closed to connections), or
// the connection was lost in the middle of the work (the server restarted, the backend
// terminated). The work did not happen; trying again once the server answers is safe.
// A refused login (ErrPassword) is not unreachable: trying again would not help.
func Unreachable(err error) bool {
	if err == nil || errors.Is(err, ErrPassword) {
		return false
	}
	var pe *pgconn.PgError
	var ce *pgconn.ConnectError
	if errors.As(err, &ce) {
		// A login refused while reconnecting is not a network matter.
		return !(errors.As(err, &pe) && strings.HasPrefix(pe.Code, "28"))
	}
	if errors.As(err, &pe) {
		switch {
		case strings.HasPrefix(pe.Code, "08"), // connection exception
			pe.Code == "57P01", // admin shutdown: the backend was terminated
			pe.Code == "57P02", // crash shutdown
			pe.Code == "57P03": // cannot connect now: the server is starting or stopping
			return true
		}
		return false
	}
	var ne net.Error
	switch {
	case errors.Is(err, driver.ErrBadConn), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, net.ErrClosed),
		errors.As(err, &ne):
		return true
	}
	// pgx says so in words when the connection closed under a query.
	msg := err.Error()
	return strings.Contains(msg, "conn closed") || strings.Contains(msg, "unexpected EOF")
}
