package db

import (
	"context"
	"fmt"
)

// Tags lists the tag names in use on live volunteers, for filter menus.
func (s *Store) Tags(ctx context.Context) ([]string, error) {
	out, err := strings1(ctx, s.r, `SELECT t.name FROM tags t
		WHERE EXISTS (SELECT 1 FROM volunteer_tags vt JOIN volunteers v ON v.id = vt.volunteer_id
			WHERE vt.tag_id = t.id AND v.deleted_at IS NULL)
		ORDER BY t.name COLLATE NOCASE`)
	if err != nil {
		return nil, fmt.Errorf("list tags: %w", err)
	}
	return out, nil
}

// VolunteerLanguages lists the language codes live volunteers speak, for filter menus.
func (s *Store) VolunteerLanguages(ctx context.Context) ([]string, error) {
	out, err := strings1(ctx, s.r, `SELECT DISTINCT lang FROM volunteer_languages ORDER BY lang`)
	if err != nil {
		return nil, fmt.Errorf("list languages: %w", err)
	}
	return out, nil
}
