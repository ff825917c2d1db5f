package ui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/chapterdesk/chapterdesk/db"
)

// wizardFiles answers the wizard as DataFiles would, and records its requests.
type wizardFiles struct {
	DataFiles
	file     ImportFile
	inspect  error
	result   ImportResult
	requests []ImportRequest
	undone   []int64 // the batches UndoImport took back
	undoErr  error   // what UndoImport answers, if not nil
}

func (f *wizardFiles) InspectImport(_ context.Context, kind, path string) (ImportFile, error) {
	file := f.file
	file.Kind, file.Path = kind, path
	return file, f.inspect
}

func (f *wizardFiles) Import(_ context.Context, req ImportRequest, progress func(done, total int64)) (ImportResult, error) {
	f.requests = append(f.requests, req)
	progress(50, 200)
	return f.result, nil
}

func (f *wizardFiles) UndoImport(_ context.Context, batch int64) (string, error) {
	if f.undoErr != nil {
		return "", f.undoErr
	}
	f.undone = append(f.undone, batch)
	return fmt.Sprintf("import %d undone: 3 records it created deleted", batch), nil
}

// After Undo the done step said "3 created" still, and to import the rows left out:
// what the import did is no longer shown as standing once undone.
func TestImportWizardUndoneSaysSo(t *testing.T) {
	files := &wizardFiles{file: inspectedOpenStates(), result: ImportResult{Summary: db.ImportSummary{Created: 3, BatchID: 9}, Skipped: 1}}
	t.Cleanup(RunWorkInline())
	z, w := newTestWizard(t, files, filepath.Join(t.TempDir(), "ma.csv"))
	z.result = files.result
	z.showResult(ImportRequest{RejectsPath: "/tmp/rejects.csv"})
	shown := func() string {
		var b strings.Builder
		for _, o := range test.LaidOutObjects(z.body) {
			if l, ok := o.(*widget.Label); ok && l.Visible() {
				b.WriteString(l.Text + "\n")
			}
		}
		return b.String()
	}
	if before := shown(); !strings.Contains(before, "rejects.csv") {
		t.Fatalf("before the undo:\n%s", before)
	}
	test.Tap(z.undo)
	confirm := w.Canvas().Overlays().Top()
	if asked := strings.Join(visibleTexts(confirm), " "); !strings.Contains(asked, "Undo import 9?") ||
		!strings.Contains(asked, "What it created is deleted; what it changed or added to records already there is put back as it was.") {
		t.Fatalf("asked %q", asked)
	}
	test.Tap(findButton(confirm, "Yes"))
	if !slices.Equal(files.undone, []int64{9}) || !z.undo.Disabled() {
		t.Errorf("undone %v; the button disabled %v", files.undone, z.undo.Disabled())
	}
	after := shown()
	if !strings.Contains(after, "Import number 9 of legislators from ma.csv is undone") ||
		!strings.Contains(after, "3 records it created deleted") || strings.Contains(after, "rejects.csv") || z.standing[0].Visible() {
		t.Errorf("after the undo:\n%s", after)
	}
}

// A call form refused because earlier imports read its dates the other way offers a
// button undoing each of them, newest first; each asks first, naming the import, and
// once done says so and how to go on. One that cannot be undone says why and can be
// tried again.
func TestImportWizardUndoesAnEarlierImport(t *testing.T) {
	files := &wizardFiles{file: inspectedOpenStates()}
	t.Cleanup(RunWorkInline())
	z, w := newTestWizard(t, files, filepath.Join(t.TempDir(), "calls.csv"))
	at := time.Date(2026, 12, 7, 15, 0, 0, 0, time.UTC)
	z.showFailure(stepPreview, "ChapterDesk cannot import this file", &db.ReadOtherWayError{Rows: 2,
		Imports: []db.OtherWayImport{{ID: 3, Source: "respuestas.csv", At: at, Reports: 1}, {ID: 5, Source: "form.csv", At: at, Reports: 1}}}, nil)
	wizard := w.Canvas().Overlays().Top()
	three, five := findButton(wizard, "Undo import 3"), findButton(wizard, "Undo import 5")
	if three == nil || five == nil {
		t.Fatal("no button for each import")
	}
	if first := findButton(wizard, "Undo import"); first != five {
		t.Errorf("%q first, not the newest import", first.Text)
	}
	confirmed := func(t *testing.T, b *widget.Button, want string) {
		t.Helper()
		test.Tap(b)
		confirm := w.Canvas().Overlays().Top()
		if said := strings.Join(visibleTexts(confirm), " "); !strings.Contains(said, want) {
			t.Fatalf("asked %q, not %q", said, want)
		}
		test.Tap(findButton(confirm, "Yes"))
	}

	t.Run("one that cannot be undone says why and can be tried again", func(t *testing.T) {
		files.undoErr = errors.New("import 5 is undone already")
		defer func() { files.undoErr = nil }()
		confirmed(t, five, "Import 5 (form.csv, 7 December 2026) is taken back: what it created is deleted")
		told := w.Canvas().Overlays().Top()
		if said := strings.Join(visibleTexts(told), " "); !strings.Contains(said, "Cannot undo") || !strings.Contains(said, "undone already") {
			t.Errorf("told %q", said)
		}
		if five.Disabled() || five.Text != "Undo import 5" {
			t.Errorf("the button reads %q, disabled %v", five.Text, five.Disabled())
		}
		told.Hide()
		w.Canvas().Overlays().Remove(told)
	})
	t.Run("an import undone is said so on its button and in a message", func(t *testing.T) {
		confirmed(t, three, "Undo import 3?")
		if !slices.Equal(files.undone, []int64{3}) {
			t.Errorf("undone %v", files.undone)
		}
		told := strings.Join(visibleTexts(w.Canvas().Overlays().Top()), " ")
		if !strings.Contains(told, "Import 3 undone: 3 records it created deleted.") || !strings.Contains(told, "Go Back to say how the file writes its dates") {
			t.Errorf("told %q", told)
		}
		if !three.Disabled() || three.Text != "Import 3 undone" {
			t.Errorf("the button reads %q, disabled %v", three.Text, three.Disabled())
		}
	})
}

// inspectedOpenStates is a legislator file as InspectImport reports a recognised one.
func inspectedOpenStates() ImportFile {
	return ImportFile{FormatID: "openstates", Format: "Open States legislators", Encoding: "UTF-8", Size: 2048, State: "MA",
		Header:  []string{"id", "name", "current_chamber", "current_district", "email", "email"},
		Samples: [][]string{{"ocd-1", "Jo Ames", "upper", "1st Suffolk", "jo@example.gov", ""}},
		Fields:  []string{"openstates_id", "name", "chamber", "district", "legislator_email"},
		Needs:   []ImportNeed{{[][]string{{"name"}}}, {[][]string{{"chamber"}}}, {[][]string{{"district"}}}},
		Columns: map[string]string{"openstates_id": "id", "name": "name", "chamber": "current_chamber",
			"district": "current_district", "legislator_email": "email"}}
}

func newTestWizard(t *testing.T, files *wizardFiles, path string) (*importWizard, fyne.Window) {
	t.Helper()
	test.NewTempApp(t)
	w := test.NewWindow(nil)
	w.Resize(fyne.NewSize(1100, 720))
	t.Cleanup(w.Close)
	z := (&importFlow{w: w, files: files}).open("legislators", path)
	return z, w
}

func TestImportWizardMapping(t *testing.T) {
	files := &wizardFiles{file: inspectedOpenStates()}
	z, _ := newTestWizard(t, files, "/data/ma.csv")
	m := z.mapping

	t.Run("a recognised file shows its format, its columns and what they hold", func(t *testing.T) {
		if got := m.describeFile(); got != "ma.csv: Open States legislators, UTF-8, 6 columns, 2 KB" {
			t.Errorf("described as %q", got)
		}
		if got := m.columns["chamber"].Selected; got != "current_chamber" {
			t.Errorf("chamber from %q", got)
		}
		if got := m.samples["district"].Text; got != "1st Suffolk" {
			t.Errorf("district sample %q", got)
		}
		if got := len(m.columns["name"].Options); got != 6 { // "(not in this file)" and each name once
			t.Errorf("%d column choices: %q", got, m.columns["name"].Options)
		}
		if m.saveAs != nil {
			t.Error("a recognised export offers to save its mapping")
		}
	})
	t.Run("unchanged, the file is read as detected", func(t *testing.T) {
		if cols, name := m.chosen(); cols != nil || name != "" {
			t.Errorf("sends %v, %q", cols, name)
		}
	})
	t.Run("a column the file lacks refuses the preview, saying so by the field", func(t *testing.T) {
		m.columns["district"].SetSelected(notInFile)
		if !z.mapping.next.Disabled() || !m.reasons["district"].Visible() ||
			m.reasons["district"].Text != "Required: choose the column that holds District." {
			t.Errorf("next disabled %v, reason %q", z.mapping.next.Disabled(), m.reasons["district"].Text)
		}
		if m.samples["district"].Text != "" {
			t.Errorf("a sample for no column: %q", m.samples["district"].Text)
		}
	})
	t.Run("changed, every field goes with its column and the format stays", func(t *testing.T) {
		m.columns["district"].SetSelected("current_district")
		m.columns["legislator_email"].SetSelected(notInFile)
		if z.mapping.next.Disabled() {
			t.Fatal("Preview disabled")
		}
		req := z.request(true)
		if req.FormatID != "openstates" || len(req.Columns) != 5 || req.Columns["legislator_email"] != "" || req.Columns["name"] != "name" {
			t.Errorf("request %+v", req)
		}
	})
}

func TestImportWizardSteps(t *testing.T) {
	files := &wizardFiles{file: inspectedOpenStates(), result: ImportResult{Summary: db.ImportSummary{Created: 2},
		Skipped: 1, BadRows: 1, Problems: []ImportProblem{{Line: 3, Column: 3, ColumnName: "current_chamber", Reason: `"council" is neither`}},
		Report: "dry run"}}
	dir := t.TempDir()
	z, _ := newTestWizard(t, files, filepath.Join(dir, "ma.csv"))

	t.Run("the progress bar shows the share of the file read", func(t *testing.T) {
		z.onPreview()
		if z.bar.Value != 0.25 || files.requests[0].DryRun != true {
			t.Errorf("bar at %v, request %+v", z.bar.Value, files.requests[0])
		}
	})
	t.Run("a bad row refuses the import until the good rows are chosen", func(t *testing.T) {
		p := z.preview
		if !p.importButton.Disabled() || !strings.Contains(p.refusal.Text, "Nothing is imported while a row cannot be") {
			t.Errorf("import disabled %v, %q", p.importButton.Disabled(), p.refusal.Text)
		}
		if got := describeProblem(p.res.Problems[0]); got != `Line 3, column 3 (current_chamber): "council" is neither` {
			t.Errorf("problem shown as %q", got)
		}
		rejects := filepath.Join(dir, "rejects.csv")
		os.WriteFile(rejects, nil, 0o600) // as the save dialog leaves it
		p.setRejects(rejects)
		p.skipBad.SetChecked(true)
		if p.importButton.Disabled() || p.refusal.Visible() {
			t.Error("import still refused")
		}
		if z.request(false).RejectsPath != rejects {
			t.Errorf("request %+v", z.request(false))
		}
	})
	t.Run("going back and previewing again drops the unused, empty rejects file", func(t *testing.T) {
		z.showFileStep()
		z.onPreview()
		if _, err := os.Stat(filepath.Join(dir, "rejects.csv")); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("the empty rejects file is still there: %v", err)
		}
	})
}

func TestImportWizardUnreadableFile(t *testing.T) {
	files := &wizardFiles{inspect: errors.New(`notes.csv: line 1: the file is empty`)}
	z, w := newTestWizard(t, files, "/data/notes.csv")
	if z.mapping != nil {
		t.Fatal("a mapping for a file that cannot be read")
	}
	if said, _ := onTop(t, w); !strings.Contains(said, "notes.csv: line 1: the file is empty") {
		t.Errorf("the wizard says %q", said)
	}
}

// TestImportWizardCallsWithoutCampaign: call reports need a campaign to go under;
// without one the preview is refused, saying what to do.
func TestImportWizardCallsWithoutCampaign(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewWindow(nil)
	w.Resize(fyne.NewSize(1100, 720))
	t.Cleanup(w.Close)
	files := &wizardFiles{file: ImportFile{FormatID: "callform", Format: "Call report form", Encoding: "UTF-8",
		Header: []string{"Timestamp", "Legislator called"}, Fields: []string{"called_at", "legislator"},
		Columns: map[string]string{"called_at": "Timestamp", "legislator": "Legislator called"}}}
	z := (&importFlow{w: w, files: files}).open("calls", "/data/form.csv")
	if !z.mapping.next.Disabled() || !strings.Contains(z.mapping.missing.Text, "no campaign to file the calls under") {
		t.Errorf("Preview disabled %v, says %q", z.mapping.next.Disabled(), z.mapping.missing.Text)
	}
	files.file.Campaigns = []db.CampaignSummary{{ID: 7, Name: "Safe Communities Act", BillNumbers: "S.1305 / H.3269", Status: "active"}}
	z = (&importFlow{w: w, files: files}).open("calls", "/data/form.csv")
	if z.mapping.next.Disabled() {
		t.Errorf("Preview disabled with a campaign: %q", z.mapping.missing.Text)
	}
	if req := z.request(true); req.CampaignID != 7 || req.UpdateStances {
		t.Errorf("request %+v", req)
	}
}

func TestImportWizardEncodingPreview(t *testing.T) {
	file := inspectedOpenStates()
	file.Encodings = []EncodingSample{
		{Encoding: "UTF-8", Values: []string{"José Núñez", "Ana L\uFFFDcia"}, Names: true},
		{Encoding: "Windows-1252", Values: []string{"JosÃ© NÃºÃ±ez", "Ana Lúcia"}, Names: true},
	}
	z, _ := newTestWizard(t, &wizardFiles{file: file}, "/data/ma.csv")
	m := z.mapping

	t.Run("the detected encoding is chosen, with the names as it reads them", func(t *testing.T) {
		if m.encoding.Selected != "UTF-8" || m.asRead.Text != "Names as read: José Núñez, Ana L\uFFFDcia" {
			t.Errorf("%q: %q", m.encoding.Selected, m.asRead.Text)
		}
		if req := z.request(true); req.Encoding != "" {
			t.Errorf("the detected encoding sent as %q", req.Encoding)
		}
	})
	t.Run("choosing another shows the names as it reads them, and the import reads the file so", func(t *testing.T) {
		m.encoding.SetSelected("Windows-1252")
		if m.asRead.Text != "Names as read: JosÃ© NÃºÃ±ez, Ana Lúcia" {
			t.Errorf("%q", m.asRead.Text)
		}
		if req := z.request(true); req.Encoding != "Windows-1252" {
			t.Errorf("request encoding %q", req.Encoding)
		}
		m.encoding.SetSelected("UTF-8")
		if req := z.request(false); req.Encoding != "" {
			t.Errorf("request encoding %q", req.Encoding)
		}
	})
	t.Run("a file with no accented letters says so", func(t *testing.T) {
		file := inspectedOpenStates()
		file.Encodings = []EncodingSample{{Encoding: "UTF-8"}, {Encoding: "Windows-1252"}}
		z, _ := newTestWizard(t, &wizardFiles{file: file}, "/data/ma.csv")
		if got := z.mapping.asRead.Text; !strings.HasPrefix(got, "No accented letters in the first rows") {
			t.Errorf("%q", got)
		}
	})
}

func TestImportWizardPlainSpreadsheet(t *testing.T) {
	files := &wizardFiles{file: ImportFile{FormatID: "plain", Format: "plain spreadsheet", Encoding: "UTF-8", Size: 100, State: "MA",
		Header:  []string{"Legislator", "Chamber", "District", "Status"},
		Samples: [][]string{{"Jo Ames", "Senate", "1st Suffolk", "Confirmed"}},
		Fields:  []string{"name", "chamber", "district", "party"},
		Needs:   []ImportNeed{{[][]string{{"name"}}}, {[][]string{{"chamber"}}}, {[][]string{{"district"}}}},
		Columns: map[string]string{"name": "Legislator", "chamber": "Chamber", "district": "District"},
		NotRead: []string{"Status"}}}
	z, _ := newTestWizard(t, files, "/data/list.csv")
	m := z.mapping
	t.Run("shows the mapping guessed from the column names, pre-filled", func(t *testing.T) {
		if got := m.columns["chamber"].Selected; got != "Chamber" {
			t.Errorf("chamber from %q", got)
		}
		if got := m.columns["party"].Selected; got != notInFile {
			t.Errorf("party from %q", got)
		}
		if !strings.Contains(m.explain(), "plain spreadsheet") || m.saveAs == nil || z.mapping.next.Disabled() {
			t.Errorf("explained %q, save offered %v, next disabled %v", m.explain(), m.saveAs != nil, z.mapping.next.Disabled())
		}
	})
	// The columns left out were not shown at all, as the import's output did not
	// list them either ("Status" of a sheet is not a volunteer's status).
	t.Run("lists the columns no field takes, as the lead's choices change", func(t *testing.T) {
		if m.notRead == nil || !m.notRead.Visible() || !strings.HasPrefix(m.notRead.Text, "Not read: Status.") {
			t.Fatalf("not-read line %v", m.notRead)
		}
		m.columns["party"].SetSelected("Status")
		if m.notRead.Visible() {
			t.Errorf("Status chosen for party, still listed: %q", m.notRead.Text)
		}
		m.columns["district"].SetSelected(notInFile)
		if !m.notRead.Visible() || !strings.HasPrefix(m.notRead.Text, "Not read: District.") {
			t.Errorf("District left out: %q", m.notRead.Text)
		}
		m.columns["party"].SetSelected(notInFile)
		m.columns["district"].SetSelected("District")
		if !strings.HasPrefix(m.notRead.Text, "Not read: Status.") {
			t.Errorf("as read again: %q", m.notRead.Text)
		}
	})
}

// TestImportWizardCallsTakeTheChosenCampaign: the call import files the reports under
// the campaign the app's campaign menu has chosen, and shows it; it used to preselect
// the newest whatever the lead was working on.
func TestImportWizardCallsTakeTheChosenCampaign(t *testing.T) {
	a := test.NewTempApp(t)
	w := test.NewWindow(nil)
	w.Resize(fyne.NewSize(1100, 720))
	t.Cleanup(w.Close)
	prefs := newSettings(a)
	prefs.setChosenCampaign("uuid-1")
	files := &wizardFiles{file: ImportFile{FormatID: "callform", Format: "Call report form", Encoding: "UTF-8",
		Header: []string{"Timestamp", "Legislator called"}, Fields: []string{"called_at", "legislator"},
		Columns: map[string]string{"called_at": "Timestamp", "legislator": "Legislator called"},
		Campaigns: []db.CampaignSummary{
			{ID: 2, UUID: "uuid-2", Name: "Safe Communities Act", BillNumbers: "S.1305 / H.3269", Status: "active"},
			{ID: 1, UUID: "uuid-1", Name: "Safe Communities Act", BillNumbers: "S.1234", Status: "active"}}}}
	z := (&importFlow{w: w, files: files, choice: newCampaignPicker(prefs, nil)}).open("calls", "/data/form.csv")
	if req := z.request(true); req.CampaignID != 1 {
		t.Errorf("request %+v", req)
	}
	if got := z.mapping.options.campaign.Selected; got != "Safe Communities Act (S.1234)" {
		t.Errorf("the window shows %q", got)
	}
	t.Run("without a choice, the newest active campaign", func(t *testing.T) {
		z := (&importFlow{w: w, files: files}).open("calls", "/data/form.csv")
		if req := z.request(true); req.CampaignID != 2 {
			t.Errorf("request %+v", req)
		}
	})
}

// TestImportWizardTakeFileValues: a roster export edited in a spreadsheet differs from
// the roster; the preview offers what the verb's --take-file-values does, and the
// import asks for it only when ticked. A preview with nothing differing offers nothing.
func TestImportWizardTakeFileValues(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewWindow(nil)
	w.Resize(fyne.NewSize(1100, 720))
	t.Cleanup(w.Close)
	files := &wizardFiles{file: ImportFile{FormatID: "chapterdesk", Format: "ChapterDesk volunteers", Encoding: "UTF-8",
		Header: []string{"first_name", "email"}, Fields: []string{"first_name", "email"},
		Columns: map[string]string{"first_name": "first_name", "email": "email"}},
		result: ImportResult{Summary: db.ImportSummary{Unchanged: 12, Differ: 3}, Report: "3 rows differ from the roster"}}
	z := (&importFlow{w: w, files: files}).open("volunteers", "/data/roster.csv")
	z.onPreview()
	p := z.preview
	if p.takeFile == nil || !p.takeFile.Visible() || !strings.Contains(p.takeFileNote.Text, "Undo import") {
		t.Fatalf("no choice to take the file's values offered (%v)", p.takeFile)
	}
	if z.request(false).TakeFileValues {
		t.Error("the file's values taken unticked")
	}
	p.takeFile.SetChecked(true)
	z.onImport()
	if last := files.requests[len(files.requests)-1]; !last.TakeFileValues || last.DryRun {
		t.Errorf("import request %+v", last)
	}

	files.result = ImportResult{Summary: db.ImportSummary{Unchanged: 15}}
	z = (&importFlow{w: w, files: files}).open("volunteers", "/data/roster.csv")
	z.onPreview()
	if z.preview.takeFile != nil {
		t.Error("the choice offered with nothing differing")
	}
}

// TestImportWizardSavesTheWholeReport: a report longer than the window shows is cut
// with how many lines more, and the lead saves it whole from the preview and from
// the result, rather than being sent to the command line for the rest.
func TestImportWizardSavesTheWholeReport(t *testing.T) {
	var lines []string
	for i := range maxReportLines + 250 {
		lines = append(lines, fmt.Sprintf("  line %d: Ana Souza email: roster \"a@example.org\", file \"b@example.org\"", i+2))
	}
	lines = append(lines, "check: the last line of the report")
	report := strings.Join(lines, "\n") + "\n"
	dir := t.TempDir()
	files := &wizardFiles{file: inspectedOpenStates(), result: ImportResult{Report: report,
		Summary: db.ImportSummary{Created: 1, Changes: []db.ImportChange{{Line: 2, Action: "create", Name: "Rep. Jo Ames"}}}}}
	z, w := newTestWizard(t, files, filepath.Join(dir, "ma.csv"))
	for _, step := range []struct {
		name, saved, want string
		run               func()
	}{
		// The preview's changes are listed apart in the window; the file has them after the report.
		{"preview", "ma-import-preview.txt", report + "\nthe changes, 1 listed:\n  line 2: create Rep. Jo Ames\n", z.onPreview},
		{"result", "ma-import-report.txt", report, z.onImport},
	} {
		t.Run(step.name, func(t *testing.T) {
			step.run()
			shown := strings.Join(visibleTexts(w.Canvas().Overlays().Top()), "\n")
			if strings.Contains(shown, "check: the last line") || !strings.Contains(shown, "… and 251 more lines") ||
				strings.Contains(shown, "chapterdesk import") {
				t.Errorf("the report is not cut as it should be:\n%s", shown[max(0, len(shown)-400):])
			}
			save := findButton(w.Canvas().Overlays().Top(), "Save the report")
			if save == nil {
				t.Fatal("no button to save the report")
			}
			test.Tap(save)
			test.Tap(overlayButton(t, w, "Save")) // the file picker, with the name suggested
			got, err := os.ReadFile(filepath.Join(dir, step.saved))
			if err != nil || string(got) != step.want {
				t.Fatalf("saved %d bytes ending %q, %v; want %d", len(got), got[max(0, len(got)-80):], err, len(step.want))
			}
			if !strings.Contains(strings.Join(visibleTexts(w.Canvas().Overlays().Top()), "\n"), "Saved to "+filepath.Join(dir, step.saved)) {
				t.Error("the wizard does not say where the report went")
			}
		})
	}
}

// TestImportPreviewGivesTheReportRoom: a row or two left out take the top of the
// preview's split no more than they need, so the report below, with its check: lines,
// is not cut to three lines; many rows share it half and half.
func TestImportPreviewGivesTheReportRoom(t *testing.T) {
	for _, c := range []struct {
		rows int
		most float64
	}{{1, 0.3}, {2, 0.4}, {40, 0.5}} {
		files := &wizardFiles{file: inspectedOpenStates(), result: ImportResult{Report: "check: read", Skipped: c.rows}}
		for i := range c.rows {
			files.result.Problems = append(files.result.Problems, ImportProblem{Line: i + 2, Reason: "does not name a legislator"})
		}
		z, _ := newTestWizard(t, files, "/data/ma.csv")
		z.onPreview()
		var split *container.Split
		for _, o := range test.LaidOutObjects(z.preview.content) {
			if s, ok := o.(*container.Split); ok {
				split = s
			}
		}
		if split == nil || split.Offset > c.most || split.Offset < 0.15 {
			t.Errorf("%d rows left out: the split %v, want at most %.2f", c.rows, split, c.most)
		}
	}
}

// TestImportPreviewListsEachChange: the preview's changes are in a tab of their own,
// in the verb's words, and a list the store stopped at its first few hundred says so
// rather than pass for all of them.
func TestImportPreviewListsEachChange(t *testing.T) {
	test.NewTempApp(t)
	var sum db.ImportSummary
	for i := range 500 {
		sum.Created++
		sum.Changes = append(sum.Changes, db.ImportChange{Line: i + 2, Action: "create", Name: fmt.Sprintf("Volunteer %d", i)})
	}
	sum.Created += 700
	tabs, ok := reportWithChanges(ImportResult{Summary: sum, Report: "check: read"}).(*container.AppTabs)
	if !ok || len(tabs.Items) != 2 || tabs.Items[1].Text != "Each change (500)" {
		t.Fatalf("no tab of the changes: %#v", tabs)
	}
	list := tabs.Items[1].Content.(*widget.List)
	row := func(i int) string {
		l := list.CreateItem().(*widget.Label)
		list.UpdateItem(i, l)
		return l.Text
	}
	if n := list.Length(); n != 501 || row(0) != "line 2: create Volunteer 0" ||
		row(500) != "… the first 500 changes are listed; the counts above are complete" {
		t.Errorf("%d rows: %q … %q", n, row(0), row(n-1))
	}
	sum.Changes = sum.Changes[:3]
	tabs = reportWithChanges(ImportResult{Summary: sum}).(*container.AppTabs)
	if n := tabs.Items[1].Content.(*widget.List).Length(); n != 3 {
		t.Errorf("a list of 3 changes has %d rows", n)
	}
}

// TestImportWizardUndecidedEncoding: a file whose encoding the bytes do not tell
// (Mac Roman or Windows-1252) chooses none for the lead: the reason is shown, the
// preview waits for a choice, and the one chosen, the first of the list too, is
// the one the import is asked to read the file in.
func TestImportWizardUndecidedEncoding(t *testing.T) {
	file := inspectedOpenStates()
	file.Encoding = "Mac Roman"
	file.EncodingUndecided = `cannot tell whether it is Mac Roman ("Zoë") or Windows-1252 ("Zo‘")`
	file.Encodings = []EncodingSample{
		{Encoding: "Mac Roman", Values: []string{"Zoë"}, Names: true},
		{Encoding: "Windows-1252", Values: []string{"Zo‘"}, Names: true},
	}
	z, _ := newTestWizard(t, &wizardFiles{file: file}, "/data/ma.csv")
	m := z.mapping
	if m.encoding.SelectedIndex() >= 0 || !strings.Contains(m.asRead.Text, "cannot tell") {
		t.Errorf("chosen %q, says %q", m.encoding.Selected, m.asRead.Text)
	}
	if !m.next.Disabled() || !strings.Contains(m.missing.Text, "Choose the file's encoding") {
		t.Errorf("Preview disabled %v, says %q", m.next.Disabled(), m.missing.Text)
	}
	m.encoding.SetSelected("Mac Roman")
	if m.next.Disabled() || m.asRead.Text != "Names as read: Zoë" {
		t.Errorf("Preview disabled %v (%q), as read %q", m.next.Disabled(), m.missing.Text, m.asRead.Text)
	}
	if req := z.request(true); req.Encoding != "Mac Roman" {
		t.Errorf("request encoding %q", req.Encoding)
	}
}
