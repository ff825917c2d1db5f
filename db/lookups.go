package db

import (
	"context"
	"database/sql"
	"fmt"
)

// Tags lists the tag names in use on live volunteers, for filter menus.
func (s *Store) Tags(ctx context.Context) ([]string, error) {
	return s.strings(ctx, "list tags", `SELECT t.name FROM tags t
		WHERE EXISTS (SELECT 1 FROM volunteer_tags vt JOIN volunteers v ON v.id = vt.volunteer_id
			WHERE vt.tag_id = t.id AND v.deleted_at IS NULL)
		ORDER BY t.name COLLATE NOCASE`)
}

// VolunteerLanguages lists the language codes live volunteers speak, for filter menus.
func (s *Store) VolunteerLanguages(ctx context.Context) ([]string, error) {
	return s.strings(ctx, "list languages", `SELECT DISTINCT lang FROM volunteer_languages ORDER BY lang`)
}

// strings runs a one-column query on the reader pool.
func (s *Store) strings(ctx context.Context, op, query string, args ...any) ([]string, error) {
	rows, err := s.r.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	out, err := scanStrings(rows)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	return out, nil
}

func scanStrings(rows *sql.Rows) ([]string, error) {
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
