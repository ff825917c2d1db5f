package db

import (
	"reflect"
	"unsafe"

	"modernc.org/libc"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// dropConnMutex turns a new SQLite connection's mutex off, as SQLITE_OPEN_NOMUTEX
// would have at its open. modernc opens every connection SQLITE_OPEN_FULLMUTEX, so
// every call into it (each column read, each value bound) entered and left a
// recursive mutex, emulated in Go: 37% of `export calls` of a million reports, 10% of
// the month's workbook, 5% of an import. database/sql hands a connection to one
// goroutine at a time, and modernc's own per-connection state already requires that
// (its documentation); sqlite3_interrupt, the one call made from another goroutine,
// takes no mutex. It does nothing when the driver's connection is not the shape it
// knows (TestConnectionsWithoutMutex fails then).
func dropConnMutex(c sqlite.ExecQuerierContext, _ string) error {
	db := sqliteHandle(c)
	if db == nil {
		return nil
	}
	m := db.Fmutex
	if m == 0 {
		return nil
	}
	db.Fmutex = 0
	tls := libc.NewTLS()
	sqlite3.Xsqlite3_mutex_free(tls, m)
	tls.Close()
	return nil
}

// sqliteHandle is the SQLite connection behind a modernc driver connection, read
// from its unexported db field; nil when the connection is not that shape.
func sqliteHandle(c any) *sqlite3.Tsqlite3 {
	v := reflect.ValueOf(c)
	if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct {
		return nil
	}
	f := v.Elem().FieldByName("db")
	if !f.IsValid() || f.Kind() != reflect.Uintptr || f.Uint() == 0 {
		return nil
	}
	handle := uintptr(f.Uint())
	return (*sqlite3.Tsqlite3)(*(*unsafe.Pointer)(unsafe.Pointer(&handle)))
}

func init() { sqlite.RegisterConnectionHook(dropConnMutex) }
