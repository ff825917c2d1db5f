package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/importer"
)

// Import runs the same import as `chapterdesk import KIND FILE` on the data file the
// window has open, and returns what the verb would print. With dryRun nothing is
// written: the window shows the preview and asks before the real run.
func (f *dataFiles) Import(ctx context.Context, kind, path string, dryRun bool) (string, error) {
	prepare := preparers[kind]
	if prepare == nil {
		return "", fmt.Errorf("cannot import %q", kind)
	}
	in, err := os.Open(path)
	if err != nil {
		return "", fmt.Errorf("open %s: %w", path, unwrapPath(err))
	}
	defer in.Close()
	var out bytes.Buffer
	e := &env{stdout: &out, stderr: &out}
	// A file whose header a saved column mapping was made for is read with it.
	presets := func() ([]db.ImportPreset, error) {
		f.mu.Lock()
		defer f.mu.Unlock()
		return f.s.ImportPresets(ctx)
	}
	run, err := prepare(ctx, e, in, path, importFlags{dryRun: dryRun, read: importer.Options{Presets: presets}})
	if err != nil {
		return "", err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, err := run(f.s); err != nil {
		return out.String(), err
	}
	return out.String(), nil
}

// RunVerb runs a command-line verb on the data file the window has open and returns
// what it printed (its warnings included). The printing and export verbs open the
// file read-only, so they run while the window holds it.
func (f *dataFiles) RunVerb(ctx context.Context, args ...string) (string, error) {
	f.mu.Lock()
	path := f.s.Path()
	f.mu.Unlock()
	var out, errs bytes.Buffer
	if code := run(ctx, append([]string{"--db", path}, args...), &out, &errs); code != exitOK {
		msg := strings.TrimSpace(strings.ReplaceAll(errs.String(), "chapterdesk: ", ""))
		return out.String(), errors.New(msg)
	}
	return strings.TrimSpace(out.String() + "\n" + strings.ReplaceAll(errs.String(), "warning: ", "")), nil
}

// Merge brings another chapter's data file into the one the window has open (the
// `merge` verb's work, on the open store) and says what came in.
func (f *dataFiles) Merge(ctx context.Context, path string) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	res, err := f.s.Merge(ctx, path)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("merged %s", res), nil
}
