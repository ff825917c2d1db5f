package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// districtsFixup is the fix-up every writable open applies once per file: districts
// typed before they were matched to the directory, spelled as the directory does.
const districtsFixup = "volunteer_districts_to_directory"

// openBeside is Open's way for Options.CheckBeside, once the writer's lock is held:
// when the file can be read as it is (readyAsIs), the reading pool opens now and the
// quick check, then the writer's own checks, run in the background (checkBeside).
// It reports false, having left nothing open, when the file needs the usual open.
func (s *Store) openBeside(ctx context.Context, opts Options) (bool, error) {
	if _, marked := DamageMark(s.path); marked {
		return false, nil // the usual open refuses it, and says why
	}
	r, err := readerPool(s.path)
	if err != nil {
		return false, err
	}
	if !readyAsIs(ctx, r) {
		r.Close()
		return false, nil
	}
	// The writer's pool connects at its first use, after the check (beforeWrite).
	w, err := writerPool(s.path, dsn(s.path, false))
	if err != nil {
		r.Close()
		return false, err
	}
	s.r, s.w = r, w
	s.migratedFrom = latestVersion()
	s.checkBeside(opts)
	return true, nil
}

// readyAsIs reports whether a file, read through r, is what a writable open would
// leave it: in WAL, at the current schema, its own chapter there and the districts'
// fix-ups applied (the districts', the earlier sessions' stances and marks, the
// stances on trashed calls, the record of removed links). Any doubt (an
// error, an older schema) is a no.
func readyAsIs(ctx context.Context, r *sql.DB) bool {
	var mode string
	var version, self, fixed int
	err := r.QueryRowContext(ctx, `SELECT (SELECT journal_mode FROM pragma_journal_mode),
		(SELECT max(version) FROM schema_migrations), (SELECT count(*) FROM chapters WHERE is_self = 1),
		(SELECT count(*) FROM data_fixups WHERE name IN (?, ?, ?, ?, ?))`, districtsFixup, earlierSessionsFixup, campaignMarksFixup,
		trashedCallsFixup, unlinkedRecordFixup).Scan(&mode, &version, &self, &fixed)
	return err == nil && mode == "wal" && version == latestVersion() && self > 0 && fixed == 5
}

// checkBeside runs, in the background, what the usual open does before it writes:
// the quick check (and the full check when the rules ask for it), then the writer's
// own look at the journal and the files' modes. Writes wait for it (beforeWrite);
// damage stops the store as a full check's does.
func (s *Store) checkBeside(opts Options) {
	ctx, cancel := context.WithCancel(context.Background())
	s.opening, s.stopOpening = make(chan struct{}), cancel
	go func() {
		defer close(s.opening)
		var err error
		for attempt := 1; ; attempt++ {
			err = besideCheck(ctx, s, opts)
			if err == nil {
				err = s.checkWAL(ctx)
			}
			if err == nil {
				err = tightenModes(s.path) // the -wal and -shm, 0600 whatever the umask
			}
			var de *DamagedError
			if errors.As(err, &de) {
				s.stopped.Store(de)
			}
			// A check that could not run (a lock another program held, a read that
			// failed) is tried again before the file is taken as not writable.
			if err == nil || de != nil || ctx.Err() != nil || attempt == besideAttempts {
				break
			}
			select {
			case <-ctx.Done():
			case <-time.After(time.Duration(attempt) * time.Second):
			}
		}
		if err != nil && s.stopped.Load() == nil && ctx.Err() == nil {
			err = fmt.Errorf("%s cannot be written: its check before writing did not run (%w)", s.path, err)
		}
		s.openErr = err
	}()
}

// besideCheck is the check a CheckBeside open runs in the background (a variable
// for the tests, which hold it).
var besideCheck = func(ctx context.Context, s *Store, opts Options) error {
	return s.checkBeforeWriting(ctx, opts, false)
}

// besideAttempts is how many times a CheckBeside open's check runs before a failure
// that is not damage is taken as the file's state.
const besideAttempts = 3

// Opened waits for what an Options.CheckBeside open left running and says how it
// ended: nil when the file may be written, a *DamagedError when the check found
// damage (Damaged reports it too; every write is refused), or why else the file
// cannot be written. Any other open has nothing left to run: nil at once.
func (s *Store) Opened(ctx context.Context) error {
	if s.opening == nil {
		return nil
	}
	select {
	case <-s.opening:
		return s.openErr
	case <-ctx.Done():
		return ctx.Err()
	}
}
