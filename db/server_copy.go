package db

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
)

// derivedTables are kept by the schema's triggers from the tables they follow
// (call_stats from call_reports, stances from stance_history): a copy writes the
// tables they follow and lets the triggers make them again.
var derivedTables = map[string]bool{"call_stats": true, "stances": true, "schema_migrations": true}

// fileOnlyTables are a data file's own, which a server does not have: the copy of a
// server's chapter has none of their rows (call_times_unsure lists what an upgrade
// of a file found, migrations/0016).
var fileOnlyTables = map[string]bool{"call_times_unsure": true}

// backupServer writes the server's chapter as an ordinary ChapterDesk data file at
// dest: the offline copy a lead takes to a canvass. It reads one snapshot (a
// repeatable-read transaction), writes a new file beside dest and renames it into
// place once it is whole and its foreign keys check, so a failed backup leaves no
// file behind.
func (s *Store) backupServer(ctx context.Context, dest string) error {
	return s.writeServerCopy(ctx, dest, nil)
}

// writeServerCopy is backupServer; more, when not nil, reads the same snapshot (src)
// and writes into the copy's transaction (dst) before it is committed: a checkout
// records there what it needs to push the copy back.
func (s *Store) writeServerCopy(ctx context.Context, dest string, more func(src *sql.Tx) (func(dst *sql.Tx) error, error)) error {
	abs, err := filepath.Abs(dest)
	if err != nil {
		return fmt.Errorf("backup to %s: %w", dest, err)
	}
	if _, err := os.Stat(abs); err == nil {
		return fmt.Errorf("backup to %s: the file already exists", abs)
	}
	tmp := abs + ".partial"
	removeDBFiles(tmp)
	f, err := Open(ctx, tmp, Options{})
	if err != nil {
		return fmt.Errorf("backup to %s: %w", abs, err)
	}
	var write func(dst *sql.Tx) error
	err = s.readTx(ctx, func(src *sql.Tx) error {
		if err := copyChapter(ctx, src, f); err != nil {
			return err
		}
		if more != nil {
			var err error
			write, err = more(src)
			return err
		}
		return nil
	})
	if err == nil {
		// The copy says whose it is, so merging it back brings what was added to it
		// under this chapter (a merge refuses any other file of this chapter's id).
		var self Chapter
		if self, err = s.SelfChapter(ctx); err == nil {
			err = f.inTx(ctx, func(tx *sql.Tx) error {
				_, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
					ON CONFLICT (key) DO UPDATE SET value = excluded.value`, offlineCopySetting, self.UUID)
				if err != nil {
					return err
				}
				// On a coalition server the server's is_self chapter is the owner's: the
				// copy's own chapter is the one this login works on.
				if _, err := tx.ExecContext(ctx, `UPDATE chapters SET is_self = 0 WHERE uuid <> ?`, self.UUID); err != nil {
					return err
				}
				if _, err := tx.ExecContext(ctx, `UPDATE chapters SET is_self = 1 WHERE uuid = ?`, self.UUID); err != nil {
					return err
				}
				if write != nil {
					return write(tx)
				}
				return nil
			})
		}
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		if err = os.Rename(tmp, abs); err == nil {
			removeDBFiles(tmp) // what is left of the partial file's own: its lock file
		}
	}
	// The check's record of the partial file (written when it was opened) goes with
	// it, whether the copy was put in place or given up.
	os.Remove(checkedPath(tmp))
	if err != nil {
		removeDBFiles(tmp)
		return fmt.Errorf("backup to %s: %w", abs, err)
	}
	return sealFile(abs)
}

// copyChapter copies every table of the new file f that the source has, row by row in
// id order, in one transaction of f with its foreign keys checked at the end.
func copyChapter(ctx context.Context, src *sql.Tx, f *Store) error {
	conn, err := f.w.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `PRAGMA foreign_keys = OFF`); err != nil {
		return err
	}
	defer conn.ExecContext(context.Background(), `PRAGMA foreign_keys = ON`)
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	tables, err := strings1(ctx, tx, `SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
	if err != nil {
		return err
	}
	// The new file's own chapter row gives way to the source's.
	if _, err := tx.ExecContext(ctx, `DELETE FROM chapters`); err != nil {
		return err
	}
	for _, t := range tables {
		if derivedTables[t] || fileOnlyTables[t] {
			continue
		}
		if err := copyTable(ctx, src, tx, t); err != nil {
			return fmt.Errorf("copy %s: %w", t, err)
		}
	}
	rows, err := tx.QueryContext(ctx, `PRAGMA foreign_key_check`)
	if err != nil {
		return err
	}
	broken := map[string]bool{}
	for rows.Next() {
		var table, parent string
		var rowid sql.NullInt64
		var fkid int64
		if err := rows.Scan(&table, &rowid, &parent, &fkid); err != nil {
			rows.Close()
			return err
		}
		broken[table+" -> "+parent] = true
	}
	rows.Close()
	if len(broken) > 0 {
		var which []string
		for k := range broken {
			which = append(which, k)
		}
		sort.Strings(which)
		return fmt.Errorf("the copy's references do not hold (foreign_key_check: %s)", strings.Join(which, ", "))
	}
	return tx.Commit()
}

// emptiableRefs are the references of the copy's table that may be empty (column ->
// the table and column it names), read from the file's schema. A copy keeps such a
// reference only when the row it names is in the copy: on a coalition server a lead
// reads every legislator but not the owner's import batch they came from, every
// chapter's stance history but only their own chapter's calls, and a volunteer of
// their chapter recruited by another chapter's. Those references come over empty, so
// the copy's foreign keys hold; the rows themselves are as the server has them. A
// reference that may not be empty is copied as it is, and a copy it breaks is
// refused by the foreign key check.
func emptiableRefs(ctx context.Context, dst *sql.Tx, table string) (map[string][2]string, error) {
	out := map[string][2]string{}
	err := eachRow(ctx, dst, func(r *sql.Rows) error {
		var col, parent, to string
		if err := r.Scan(&col, &parent, &to); err != nil {
			return err
		}
		out[col] = [2]string{parent, to}
		return nil
	}, `SELECT f."from", f."table", coalesce(f."to", 'id') FROM pragma_foreign_key_list(?) f
		JOIN pragma_table_info(?) c ON c.name = f."from" WHERE c."notnull" = 0`, table, table)
	return out, err
}

// copyTable copies the columns table has in both databases.
func copyTable(ctx context.Context, src, dst *sql.Tx, table string) error {
	want, err := strings1(ctx, dst, `SELECT name FROM pragma_table_info(?)`, table)
	if err != nil {
		return err
	}
	cols, err := sharedColumns(ctx, src, table, want)
	if err != nil {
		return err
	}
	hasID := slices.Contains(cols, "id")
	if len(cols) == 0 {
		return nil
	}
	refs, err := emptiableRefs(ctx, dst, table)
	if err != nil {
		return err
	}
	list := strings.Join(cols, ", ")
	exprs := make([]string, len(cols))
	for i, c := range cols {
		exprs[i] = c
		if ref, ok := refs[c]; ok {
			exprs[i] = `CASE WHEN EXISTS (SELECT 1 FROM ` + ref[0] + ` p WHERE p.` + ref[1] + ` = ` + table + `.` + c + `) THEN ` + c + ` END`
		}
	}
	order := ""
	if hasID {
		order = " ORDER BY id"
	}
	rows, err := src.QueryContext(ctx, `SELECT `+strings.Join(exprs, ", ")+` FROM `+table+order)
	if err != nil {
		return err
	}
	defer rows.Close()
	b, err := newBatchInsert(ctx, dst, `INSERT INTO `+table+` (`+list+`) VALUES`, len(cols), ``)
	if err != nil {
		return err
	}
	defer b.close()
	return pump(ctx, rows, b, dst)
}

// sharedColumns are the columns of want (the receiving table's, in its order) that
// the source's table has too.
func sharedColumns(ctx context.Context, src *sql.Tx, table string, want []string) ([]string, error) {
	probe, err := src.QueryContext(ctx, `SELECT * FROM `+table+` WHERE 1 = 0`)
	if err != nil {
		return nil, err
	}
	have, err := probe.Columns()
	probe.Close()
	if err != nil {
		return nil, err
	}
	var cols []string
	for _, c := range want {
		if slices.Contains(have, c) {
			cols = append(cols, c)
		}
	}
	return cols, nil
}

// pump writes every row of rows through b, then what b still holds.
func pump(ctx context.Context, rows *sql.Rows, b *batchInsert, dst *sql.Tx) error {
	vals := make([]any, b.cols)
	ptrs := make([]any, b.cols)
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		if err := b.add(ctx, vals...); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return b.flush(ctx, dst)
}

// mergeSourceTables are the file's tables a merge reads.
var mergeSourceTables = []string{"chapters", "campaigns", "legislators", "volunteers", "volunteer_languages", "tags",
	"volunteer_tags", "volunteer_external_ids", "call_reports", "stance_history", "campaign_bill_links", "session_bills",
	"campaign_session_bills", "bill_sponsorships", "roll_calls", "roll_call_votes"}

// stageMergeSource copies the tables a merge reads from the other chapter's file into
// temporary tables of the server transaction (src_chapters, ...: dropped at its end),
// with COPY, so the merge's statements run on the server as they run on a file with
// the other file attached.
func stageMergeSource(ctx context.Context, conn *sql.Conn, tx *sql.Tx, src *Store) error {
	return src.readTx(ctx, func(from *sql.Tx) error {
		for _, t := range mergeSourceTables {
			if _, err := tx.ExecContext(ctx, `CREATE TEMP TABLE src_`+t+` (LIKE `+t+`) ON COMMIT DROP`); err != nil {
				return fmt.Errorf("stage %s: %w", t, err)
			}
			have, err := strings1(ctx, tx, `SELECT column_name FROM information_schema.columns
				WHERE table_name = ? AND table_schema LIKE 'pg_temp%' ORDER BY ordinal_position`, "src_"+t)
			if err != nil {
				return err
			}
			cols, err := sharedColumns(ctx, from, t, have)
			if err != nil {
				return err
			}
			b := &batchInsert{prefix: `INSERT INTO src_` + t + ` (` + strings.Join(cols, ", ") + `) VALUES`, cols: len(cols)}
			b.useCopy(conn, true)
			rows, err := from.QueryContext(ctx, `SELECT `+strings.Join(cols, ", ")+` FROM `+t)
			if err != nil {
				return err
			}
			err = pump(ctx, rows, b, tx)
			rows.Close()
			if err != nil {
				return fmt.Errorf("stage %s: %w", t, err)
			}
			if _, err := tx.ExecContext(ctx, `ANALYZE src_`+t); err != nil {
				return err
			}
		}
		return nil
	})
}

// offlineCopySetting marks a data file written by backup from a server: its value is
// the chapter's id.
const offlineCopySetting = "offline_copy_of"

// offlineCopyOf reports whether this file is an offline copy of the chapter chapterUUID
// (backup from its server), which may be merged back into it.
func (s *Store) offlineCopyOf(ctx context.Context, chapterUUID string) bool {
	var v string
	err := s.r.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, offlineCopySetting).Scan(&v)
	return err == nil && v == chapterUUID
}

// holdsBackupChapter reports whether src is a backup of one of this server's
// chapters: its own chapter is the one it says it is an offline copy of (backup
// wrote it so), and that chapter is here.
func (s *Store) holdsBackupChapter(ctx context.Context, src *Store) (bool, error) {
	own, err := src.SelfChapter(ctx)
	if err != nil || !src.offlineCopyOf(ctx, own.UUID) {
		return false, err
	}
	var n int
	err = s.r.QueryRowContext(ctx, `SELECT count(*) FROM chapters WHERE uuid = ?`, own.UUID).Scan(&n)
	return n > 0, err
}
