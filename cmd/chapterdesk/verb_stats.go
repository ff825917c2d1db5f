package main

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/chapterdesk/chapterdesk/db"
)

// runStats prints one "name: count" line per kind of record (or a JSON object),
// opening the file read-only so it never creates or changes anything.
func runStats(ctx context.Context, e *env, args []string) error {
	fs := e.newFlags("stats")
	asJSON := fs.Bool("json", false, "print a JSON object instead of lines")
	pos, err := e.parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageError{fmt.Sprintf("unexpected argument %q", pos[0])}
	}
	path, err := e.dbPath(false)
	if err != nil {
		return err
	}
	return withStore(ctx, path, db.Options{ReadOnly: true}, func(s *db.Store) error {
		counts, err := s.Counts(ctx)
		if err != nil {
			return err
		}
		if *asJSON {
			return writeCountsJSON(e, counts)
		}
		for _, c := range counts {
			fmt.Fprintf(e.stdout, "%s: %d\n", c.Name, c.Count)
		}
		off, n, err := s.DistrictsNotInDirectory(ctx)
		if err != nil || n == 0 {
			return err
		}
		names := db.FirstOfFunc(off, 10, ", ", func(o db.OffDirectory) string {
			return fmt.Sprintf("%q (%s, %d)", o.District, o.Chamber.Label(), o.Volunteers)
		})
		fmt.Fprintf(e.stdout, "%d volunteers have a district not in the directory: %s\n", n, names)
		return nil
	})
}

// writeCountsJSON writes {"chapters": 1, "volunteers": 2000, ...} in the same order
// as the lines.
func writeCountsJSON(e *env, counts []db.Count) error {
	out := []byte("{")
	for i, c := range counts {
		if i > 0 {
			out = append(out, ", "...)
		}
		name, err := json.Marshal(c.Name)
		if err != nil {
			return err
		}
		out = fmt.Appendf(append(out, name...), ": %d", c.Count)
	}
	_, err := fmt.Fprintf(e.stdout, "%s}\n", out)
	return err
}
