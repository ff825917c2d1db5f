package db

import (
	"context"
	"database/sql"
	"path/filepath"
	"sync"
	"testing"
	"unsafe"

	"modernc.org/libc"
	sqlite3 "modernc.org/sqlite/lib"
)

// Every connection of a store, the writer's and the readers', runs without SQLite's
// connection mutex (dropConnMutex), and the store still serves readers on several
// goroutines beside a writer (the race detector watches the transpiled SQLite too).
func TestConnectionsWithoutMutex(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "m.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for name, pool := range map[string]*sql.DB{"writer": s.w, "reader": s.r} {
		c, err := pool.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		err = c.Raw(func(dc any) error {
			db := sqliteHandle(dc)
			if db == nil {
				t.Fatalf("%s: the driver's connection has no db handle: %T", name, dc)
			}
			tls := libc.NewTLS()
			defer tls.Close()
			if m := sqlite3.Xsqlite3_db_mutex(tls, uintptr(unsafe.Pointer(db))); m != 0 {
				t.Errorf("%s: the connection has a mutex", name)
			}
			if db.Fmutex != 0 {
				t.Errorf("%s: Fmutex set", name)
			}
			return nil
		})
		c.Close()
		if err != nil {
			t.Fatal(err)
		}
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 50 {
				if g == 0 {
					if _, err := s.CreateVolunteer(ctx, NewVolunteer("Ana", "Lima")); err != nil {
						t.Error(err)
						return
					}
					continue
				}
				if _, err := s.CountVolunteers(ctx, VolunteerFilter{Query: "ana"}); err != nil {
					t.Error(i, err)
					return
				}
			}
		}()
	}
	wg.Wait()
	if n, err := s.CountVolunteers(ctx, VolunteerFilter{}); err != nil || n != 50 {
		t.Errorf("%d volunteers, want 50 (%v)", n, err)
	}
}
