package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/importer"
	"github.com/chapterdesk/chapterdesk/importer/format"
)

// The import verb's saved column mappings (presets): `import presets`, --preset and
// --save-preset.

// checkPresetName checks the name a column mapping is to be saved under ("": none),
// before anything is imported.
func checkPresetName(name string, kind format.Kind) error {
	if name == "" {
		return nil
	}
	p := db.ImportPreset{Name: name, Kind: string(kind), Columns: map[string]string{"": ""}}
	return p.Validate()
}

// findPreset picks a saved mapping by name (letter case aside), of the kind wanted.
func findPreset(saved []db.ImportPreset, name string, kind format.Kind) (db.ImportPreset, error) {
	var names []string
	for _, p := range saved {
		if strings.EqualFold(strings.TrimSpace(p.Name), strings.TrimSpace(name)) {
			if p.Kind != string(kind) {
				return p, fmt.Errorf("the column mapping %s is for %s files, not %s", p.Name, p.Kind, kind)
			}
			return p, nil
		}
		names = append(names, p.Name)
	}
	if len(names) == 0 {
		return db.ImportPreset{}, fmt.Errorf("there is no saved column mapping %q (none saved yet: use --map with --save-preset)", name)
	}
	return db.ImportPreset{}, fmt.Errorf("there is no saved column mapping %q (saved: %s)", name, strings.Join(names, ", "))
}

// savedPresets reads the saved column mappings of the data file, if it exists yet.
func savedPresets(ctx context.Context, e *env) ([]db.ImportPreset, error) {
	path, err := e.dbPath(false)
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	var out []db.ImportPreset
	err = withStore(ctx, path, db.Options{ReadOnly: true}, func(s *db.Store) error {
		out, err = s.ImportPresets(ctx)
		return err
	})
	return out, err
}

// runImportPresets lists the saved column mappings (`import presets`) or forgets one
// (`import presets delete NAME`).
func runImportPresets(ctx context.Context, e *env, pos []string) error {
	switch {
	case len(pos) == 1:
		saved, err := savedPresets(ctx, e)
		if err != nil {
			return err
		}
		if len(saved) == 0 {
			fmt.Fprintln(e.stdout, "no saved column mappings (save one with --map ... --save-preset NAME)")
		}
		for _, p := range saved {
			var pairs []string
			for _, f := range format.Fields(format.Kind(p.Kind)) {
				if h, ok := p.Columns[string(f)]; ok {
					pairs = append(pairs, string(f)+"="+h)
				}
			}
			fmt.Fprintf(e.stdout, "%s: %s files with %d columns: %s\n", p.Name, p.Kind, len(p.Header), strings.Join(pairs, ","))
		}
		return nil
	case len(pos) == 3 && pos[1] == "delete":
		path, err := e.dbPath(false)
		if err != nil {
			return err
		}
		return withStore(ctx, path, db.Options{}, func(s *db.Store) error {
			if err := s.DeleteImportPreset(ctx, pos[2]); errors.Is(err, db.ErrNotFound) {
				return fmt.Errorf("there is no saved column mapping %q (see import presets)", pos[2])
			} else if err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "forgot the column mapping %s\n", pos[2])
			return nil
		})
	}
	return usageError{"import presets lists the saved column mappings; import presets delete NAME forgets one"}
}

// announceMapping tells which saved column mapping the file is read with, and which
// columns of a file recognised by their names are not read.
func announceMapping(e *env, info importer.FileInfo, fl importFlags) {
	switch {
	case info.Preset != "":
		fmt.Fprintf(e.stdout, "using your saved column mapping %s (made for this file's header)\n", info.Preset)
		return
	case fl.preset != "":
		fmt.Fprintf(e.stdout, "using your saved column mapping %s\n", fl.preset)
		return
	case info.Guessed != "":
		fmt.Fprintf(e.stdout, "read as a plain spreadsheet: %s\n", info.Guessed)
	}
	if len(info.NotRead) > 0 {
		fmt.Fprintf(e.stdout, "not read: %s — to read one, %s\n", strings.Join(info.NotRead, ", "), howToRead(info, fl))
	}
}

// howToRead tells the lead how to read a column the import does not.
func howToRead(info importer.FileInfo, fl importFlags) string {
	switch {
	case fl.window:
		return "choose the column of every field to read in the first step (The file)"
	case len(fl.maps) > 0:
		return "add it to --map (field=Header)"
	case info.Format.ID != format.PlainID && info.Format.ID != "custom":
		return "map it with --map field=Header (the export's other columns are read as they are)"
	}
	return "give your own mapping of every column to read (--map field=Header,...)"
}

// printUnread tells which of a known export's own columns the import left out that
// hold values: those a lead cares about by name, with their rows; the others summed
// up, named as far as three.
func printUnread(e *env, fl importFlags, info importer.FileInfo, u importer.UnreadColumns) {
	if len(u.Named) > 0 {
		cols := make([]string, len(u.Named))
		for i, c := range u.Named {
			cols[i] = fmt.Sprintf("%s (%s)", c.Name, plural(c.Rows, "row", "rows"))
		}
		what, them := fmt.Sprintf("%d columns of the %s hold values here", len(cols), info.Format.Name), "them"
		if len(cols) == 1 {
			what, them = fmt.Sprintf("1 column of the %s holds values here", info.Format.Name), "it"
		}
		// No field of the roster is theirs: mapped onto the notes or the tags, one would
		// take the place of the export's own notes or tags, which are read.
		fmt.Fprintf(e.stdout, "not read: %s: %s — the roster has no field for %s (mapped onto notes or tags, one would take the place of the export's own)\n",
			what, strings.Join(cols, ", "), them)
	}
	if n := len(u.Other); n > 0 {
		some := db.FirstOf(u.Other, 3, ", ")
		cols, hold, them := fmt.Sprintf("%d other columns", n), "hold", "them"
		if n == 1 {
			cols, hold, them = "1 other column", "holds", "it"
		}
		fmt.Fprintf(e.stdout, "left out: %s of the %s that %s values here (%s), as a volunteer roster does not keep %s\n",
			cols, info.Format.Name, hold, some, them)
	}
}

// savePreset remembers the --map mapping for files with this file's header, once the
// import has run.
func savePreset(ctx context.Context, e *env, s *db.Store, fl importFlags, kind string, info importer.FileInfo) error {
	if fl.savePreset == "" {
		return nil
	}
	if fl.dryRun {
		fmt.Fprintf(e.stdout, "dry run: the column mapping %s was not saved\n", fl.savePreset)
		return nil
	}
	p := db.ImportPreset{Name: fl.savePreset, Kind: kind, Header: info.Header, Columns: map[string]string{}}
	for f, h := range fl.read.Columns {
		p.Columns[string(f)] = h
	}
	for f, h := range info.Mapped { // what --map left to ChapterDesk, as it was read
		if _, chosen := p.Columns[string(f)]; !chosen {
			p.Columns[string(f)] = h
		}
	}
	if err := s.SaveImportPreset(ctx, p); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "saved the column mapping %s: a %s file with this header is recognised by it from now on\n", p.Name, kind)
	return nil
}
