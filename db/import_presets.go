package db

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// ImportPreset is a column mapping a lead made for a CSV ChapterDesk does not
// recognise (a call report form with its own questions, a spreadsheet), saved under
// a name to be used again. It lives in the settings table as JSON under
// "import.preset.<name in lower case>", so no migration carries it.
type ImportPreset struct {
	Name string `json:"name"`
	// Kind is what the rows are: "volunteers", "legislators" or "calls".
	Kind string `json:"kind"`
	// Columns names, for each ChapterDesk field ("first_name", "called_at", ...),
	// the header of the column that fills it.
	Columns map[string]string `json:"columns"`
	// Header is the header row the mapping was made for: a file with the same
	// header is recognised by it.
	Header []string `json:"header"`
}

const presetKeyPrefix = "import.preset."

// maxPresetName bounds a preset's name: it is typed on a command line and shown in lists.
const maxPresetName = 60

func presetKey(name string) string {
	return presetKeyPrefix + strings.ToLower(strings.TrimSpace(name))
}

// Validate checks the name, kind and columns, trimming the name; the command line
// checks a name before it imports anything.
func (p *ImportPreset) Validate() error {
	p.Name = strings.TrimSpace(p.Name)
	switch {
	case p.Name == "":
		return &ValidationError{"name", "A column mapping needs a name."}
	case utf8.RuneCountInString(p.Name) > maxPresetName:
		return &ValidationError{"name", fmt.Sprintf("A column mapping's name is at most %d characters.", maxPresetName)}
	case strings.ContainsFunc(p.Name, func(r rune) bool { return r < ' ' }):
		return &ValidationError{"name", "A column mapping's name is one line of text."}
	case !slices.Contains([]string{"volunteers", "legislators", "calls"}, p.Kind):
		return &ValidationError{"kind", fmt.Sprintf("%q is not volunteers, legislators or calls.", p.Kind)}
	case len(p.Columns) == 0:
		return &ValidationError{"columns", "A column mapping maps at least one column."}
	}
	return nil
}

// SaveImportPreset stores a column mapping under its name, replacing one of the same
// name (letter case aside).
func (s *Store) SaveImportPreset(ctx context.Context, p ImportPreset) error {
	if err := p.Validate(); err != nil {
		return err
	}
	value, err := json.Marshal(p)
	if err != nil {
		return fmt.Errorf("save column mapping %s: %w", p.Name, err)
	}
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, presetKey(p.Name), string(value))
		return err
	})
	if err != nil {
		return fmt.Errorf("save column mapping %s: %w", p.Name, mapErr(err))
	}
	return nil
}

// ImportPresets lists the saved column mappings by name.
func (s *Store) ImportPresets(ctx context.Context) ([]ImportPreset, error) {
	var out []ImportPreset
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		return eachRow(ctx, tx, func(r *sql.Rows) error {
			var key, value string
			if err := r.Scan(&key, &value); err != nil {
				return err
			}
			var p ImportPreset
			if err := json.Unmarshal([]byte(value), &p); err != nil {
				return fmt.Errorf("setting %s: %w", key, err)
			}
			out = append(out, p)
			return nil
		}, `SELECT key, value FROM settings WHERE key >= ? AND key < ? ORDER BY key`,
			presetKeyPrefix, presetKeyPrefix+"\U0010FFFF")
	})
	if err != nil {
		return nil, fmt.Errorf("list column mappings: %w", err)
	}
	return out, nil
}

// DeleteImportPreset forgets a saved column mapping; ErrNotFound when there is none
// by that name.
func (s *Store) DeleteImportPreset(ctx context.Context, name string) error {
	if err := s.execOne(ctx, `DELETE FROM settings WHERE key = ?`, presetKey(name)); err != nil {
		return fmt.Errorf("delete column mapping %s: %w", name, mapErr(err))
	}
	return nil
}
