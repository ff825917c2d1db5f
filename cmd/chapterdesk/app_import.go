package main

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/importer"
	"github.com/chapterdesk/chapterdesk/importer/format"
	"github.com/chapterdesk/chapterdesk/ui"
)

// sampleRows is how many rows of a file the import wizard shows beside its mapping.
const sampleRows = 5

// InspectImport reads the header and first rows of a file as `chapterdesk import`
// would (a header a saved column mapping was made for is read with it).
func (f *dataFiles) InspectImport(ctx context.Context, kind, path string) (ui.ImportFile, error) {
	if preparers[kind] == nil {
		return ui.ImportFile{}, fmt.Errorf("cannot import %q", kind)
	}
	in, err := os.Open(path)
	if err != nil {
		return ui.ImportFile{}, fmt.Errorf("open %s: %w", path, unwrapPath(err))
	}
	defer in.Close()
	st, err := in.Stat()
	if err != nil {
		return ui.ImportFile{}, err
	}
	k := format.Kind(kind)
	got, err := importer.Inspect(in, importer.Options{Presets: f.presets(ctx)}, k, sampleRows)
	if err != nil {
		return ui.ImportFile{}, fmt.Errorf("%s: %w", filepath.Base(path), err)
	}
	out := ui.ImportFile{Kind: kind, Path: path, Size: st.Size(), FormatID: got.Format.ID, Format: got.Format.Name,
		Encoding: got.Encoding, Header: got.Header, Samples: got.Samples, Preset: got.Preset, Columns: map[string]string{},
		NotRead: got.NotRead, EncodingUndecided: got.EncodingUndecided}
	for _, e := range got.Encodings {
		out.Encodings = append(out.Encodings, ui.EncodingSample{Encoding: e.Encoding, Values: e.Values, Names: e.Names})
	}
	for _, fd := range format.Fields(k) {
		out.Fields = append(out.Fields, string(fd))
		if i, ok := got.Mapping.Columns[fd]; ok && i < len(got.Header) {
			out.Columns[string(fd)] = got.Header[i]
		}
	}
	for _, r := range format.Requirements(k) {
		var need ui.ImportNeed
		for _, alt := range r {
			var names []string
			for _, fd := range alt {
				names = append(names, string(fd))
			}
			need.Alternatives = append(need.Alternatives, names)
		}
		out.Needs = append(out.Needs, need)
	}
	if got.Unmapped != nil {
		out.Unmapped = got.Unmapped.Error()
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.s == nil {
		return out, nil
	}
	switch kind {
	case "legislators":
		out.State = defaultState(ctx, f.s, path)
	case "calls":
		if out.Campaigns, err = f.s.Campaigns(ctx); err != nil {
			return ui.ImportFile{}, err
		}
	}
	if kind == "calls" {
		out.DayFirst, out.DayFirstHeader = timesOrder(got)
	}
	return out, nil
}

// timesOrder is, for a call form, whether the first rows' times read only day first
// (one at least, none only month first), as the import reads each (format.SlashOrders),
// and the time column's name when it is a form's timestamp in a language whose
// sheets often write the day first, as the import says (format.DayFirstTimestamp).
func timesOrder(got *importer.Inspection) (dayFirst bool, header string) {
	col, ok := got.Mapping.Columns[format.CalledAt]
	if !ok || col >= len(got.Header) {
		return false, ""
	}
	if format.DayFirstTimestamp(got.Header[col]) {
		header = got.Header[col]
	}
	var dayOnly, monthOnly int
	for _, row := range got.Samples {
		if col >= len(row) {
			continue
		}
		switch m, d := format.SlashOrders(row[col]); {
		case d && !m:
			dayOnly++
		case m && !d:
			monthOnly++
		}
	}
	return dayOnly > 0 && monthOnly == 0, header
}

// presets reads the saved column mappings of the open data file.
func (f *dataFiles) presets(ctx context.Context) func() ([]db.ImportPreset, error) {
	return func() ([]db.ImportPreset, error) {
		f.mu.Lock()
		defer f.mu.Unlock()
		return f.s.ImportPresets(ctx)
	}
}

// Import runs the same import as `chapterdesk import KIND FILE` (with --map,
// --save-preset, --skip-bad-rows and --dry-run as the request says) on the data file
// the window has open. The file is read through a progressReader, which reports how
// far it got and ends the reading once ctx is cancelled; the store's transaction is
// tied to ctx too, so a cancelled import writes nothing.
func (f *dataFiles) Import(ctx context.Context, req ui.ImportRequest, progress func(done, total int64)) (ui.ImportResult, error) {
	prepare := preparers[req.Kind]
	if prepare == nil {
		return ui.ImportResult{}, fmt.Errorf("cannot import %q", req.Kind)
	}
	// The preview (a dry run) shows what importing the good rows would do, and counts
	// the bad rows that would stop a plain import (ImportResult.BadRows).
	fl := importFlags{dryRun: req.DryRun, skipBad: req.RejectsPath, goodRows: req.DryRun, window: true, savePreset: req.SaveMappingAs,
		read: importer.Options{Presets: f.presets(ctx), Encoding: req.Encoding, DayFirst: req.DayFirst}, state: req.State, retire: req.RetireMissing,
		campaign: req.CampaignID, updateStances: req.UpdateStances, addSimilar: req.AddSimilar, takeFileValues: req.TakeFileValues}
	if req.Columns != nil {
		fl.read.Columns = map[format.Field]string{}
		for fd, h := range req.Columns {
			fl.read.Columns[format.Field(fd)] = h
		}
		if _, known := format.ByID(req.FormatID); known {
			fl.read.Format = req.FormatID
		}
	}
	if fl.savePreset != "" && fl.read.Columns == nil {
		return ui.ImportResult{}, errors.New("a column mapping to save needs its columns")
	}
	if err := checkPresetName(fl.savePreset, format.Kind(req.Kind)); err != nil {
		return ui.ImportResult{}, err
	}
	in, path, size, err := openImport(req)
	if err != nil {
		return ui.ImportResult{}, err
	}
	defer in.Close()
	var out bytes.Buffer
	e := &env{stdout: &out, stderr: &out}
	counted := &progressReader{r: in, ctx: ctx, total: size, report: progress}
	fl.lists = newListFile(req.Path, f.path) // a long list is written whole, as by the verb
	if req.Bundled {
		fl.lists.input = ""
	}
	defer fl.lists.close()
	run, err := prepare(ctx, e, counted, path, fl)
	var o importOutcome
	if err == nil {
		f.mu.Lock()
		o, err = run(f.s)
		f.mu.Unlock()
	}
	switch {
	case err != nil && ctx.Err() != nil: // the reading or the store stopped at the cancel, in its own words
		return ui.ImportResult{}, fmt.Errorf("import of %s stopped: %w", filepath.Base(path), ctx.Err())
	case err != nil:
		return importResult(o, out.String()), err
	}
	return importResult(o, out.String()), nil
}

// openImport opens what req imports: the file at req.Path, or the legislators of
// req.State that came with ChapterDesk (as `import legislators --state XX` does). It
// returns the name the import is known by and its size.
func openImport(req ui.ImportRequest) (io.ReadCloser, string, int64, error) {
	if req.Bundled {
		if req.Kind != "legislators" {
			return nil, "", 0, fmt.Errorf("ChapterDesk comes with legislators, not %s", req.Kind)
		}
		r, name, err := bundledLegislators(req.State)
		if err != nil {
			return nil, "", 0, err
		}
		b, err := io.ReadAll(r)
		return io.NopCloser(bytes.NewReader(b)), name, int64(len(b)), err
	}
	in, err := os.Open(req.Path)
	if err != nil {
		return nil, "", 0, fmt.Errorf("open %s: %w", req.Path, unwrapPath(err))
	}
	st, err := in.Stat()
	if err != nil {
		in.Close()
		return nil, "", 0, err
	}
	return in, req.Path, st.Size(), nil
}

// importResult is an import's outcome for the window.
func importResult(o importOutcome, report string) ui.ImportResult {
	res := ui.ImportResult{Summary: o.ImportSummary, Skipped: o.skipped(), BadRows: len(o.Problems), NotCalls: o.NotCalls,
		NotCallsSaid: o.NotCallsSaid, ZoneNote: o.ZoneNote, Similar: o.Similar, Report: report}
	for _, p := range o.Problems {
		res.Problems = append(res.Problems, ui.ImportProblem{Line: p.Line, Column: p.Column, ColumnName: p.Name, Reason: p.Reason})
	}
	for _, u := range o.Unresolved {
		res.Problems = append(res.Problems, ui.ImportProblem{Line: u.Line,
			Reason: fmt.Sprintf("%q: %s", u.Legislator, u.Reason)})
	}
	slices.SortStableFunc(res.Problems, func(a, b ui.ImportProblem) int { return cmp.Compare(a.Line, b.Line) })
	return res
}

// UndoImport takes an import back on the open data file (`chapterdesk import undo N`).
func (f *dataFiles) UndoImport(ctx context.Context, batch int64) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return undoImport(ctx, f.s, batch)
}

// progressReader counts the bytes read from an import file and reports them to the
// window's progress bar about every hundredth of the file; once ctx is done it reads
// no more, which ends the import with ctx's error.
type progressReader struct {
	r                 io.Reader
	ctx               context.Context
	done, total, last int64
	report            func(done, total int64) // may be nil
}

func (p *progressReader) Read(b []byte) (int, error) {
	if err := p.ctx.Err(); err != nil {
		return 0, err
	}
	n, err := p.r.Read(b)
	p.done += int64(n)
	if p.report != nil && (p.done-p.last >= p.total/100 || err == io.EOF) {
		p.last = p.done
		p.report(p.done, max(p.total, p.done))
	}
	return n, err
}

// RunVerb runs a command-line verb on the data file the window has open and returns
// what it printed (its warnings included). The printing and export verbs open the
// file read-only, so they run while the window holds it.
func (f *dataFiles) RunVerb(ctx context.Context, args ...string) (string, error) {
	f.mu.Lock()
	path := f.s.Path()
	if f.addr != "" {
		path = f.addr // the verb finds the password typed this session (openStore)
	}
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
