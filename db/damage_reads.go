package db

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
)

// Damaged turns an error that reading the file at path met into Open's *DamagedError
// (naming the newest good backup) when SQLite said the file is damaged; any other
// error comes back as it is. A read-only open does not run the quick check (it would
// cost every read a second on a large file), so a damaged page is first met by the
// query that reads it, and the lead should then hear what Open would have said.
func Damaged(ctx context.Context, path string, err error) error {
	var de *DamagedError
	if err == nil || !isCorrupt(err) || errors.As(err, &de) {
		return err
	}
	abs, aerr := filepath.Abs(path)
	if aerr != nil {
		return err
	}
	return damaged(context.WithoutCancel(ctx), abs, fmt.Errorf("%s: %w (%v)", abs, ErrDamaged, err))
}
