package db

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
)

// FileDigests reads the schema version and the TableDigests of the database file at
// path, of any ChapterDesk schema version (Open, read-only, wants the current one),
// on a read-only connection of its own. A bundle's database is checked with it
// whatever its manifest claims.
func FileDigests(ctx context.Context, path string) (schema int, digests map[string]string, err error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return 0, nil, err
	}
	c, err := sql.Open(driverName, dsn(abs, true))
	if err != nil {
		return 0, nil, fmt.Errorf("open %s: %w", abs, err)
	}
	defer c.Close()
	if schema, err = schemaVersion(ctx, c, false); err != nil {
		return 0, nil, fmt.Errorf("%s: %w (%v)", abs, ErrNotDatabase, err)
	}
	s := &Store{path: abs, r: c}
	digests, err = s.TableDigests(ctx)
	return schema, digests, err
}
