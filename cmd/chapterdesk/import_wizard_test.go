package main

import (
	"context"
	"encoding/csv"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"golang.org/x/image/font/sfnt"

	"github.com/chapterdesk/chapterdesk/assets"
	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
	"github.com/chapterdesk/chapterdesk/importer"
	"github.com/chapterdesk/chapterdesk/ui"
)

// The import wizard, driven as a lead would through its widgets, on the real import
// behind the window (dataFiles) and a real data file.

// signUpHeader is a spreadsheet's header no known export has, in words no column
// name is guessed from (see format.Guess).
const signUpHeader = "Vorname,Nachname,Kontakt,Handy,Wohnort"

// signUpRows are three good rows under signUpHeader.
const signUpRows = "Ana,Souza,ana@example.org,617-555-0101,Worcester\r\n" +
	"Bo,Lee,bo@example.org,,Boston\r\n" +
	"Cy,Ng,cy@example.org,617-555-0103,Lowell\r\n"

// wizardWindow is a test window on a new data file, with the screens' work run
// inline so each tap's step is finished when it returns.
func wizardWindow(t *testing.T) (fyne.Window, *dataFiles) {
	t.Helper()
	test.NewTempApp(t)
	t.Cleanup(ui.RunWorkInline())
	s, err := openStore(context.Background(), filepath.Join(t.TempDir(), "chapter.db"), db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	f := &dataFiles{s: s}
	t.Cleanup(f.close)
	w := test.NewWindow(nil)
	w.Resize(fyne.NewSize(1100, 720))
	t.Cleanup(w.Close)
	return w, f
}

func writeFile(t *testing.T, name, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// dialogShown lists the objects of the topmost dialog that are on screen.
func dialogShown(t *testing.T, w fyne.Window) []fyne.CanvasObject {
	t.Helper()
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog is open")
	}
	var out []fyne.CanvasObject
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if !o.Visible() {
			return
		}
		out = append(out, o)
		switch o := o.(type) {
		case *fyne.Container:
			for _, c := range o.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(o).Objects() {
				walk(c)
			}
		}
	}
	walk(top)
	return out
}

// texts is what the lead reads in the topmost dialog, one label a line.
func texts(t *testing.T, w fyne.Window) string {
	t.Helper()
	var lines []string
	for _, o := range dialogShown(t, w) {
		if l, ok := o.(*widget.Label); ok && l.Text != "" {
			lines = append(lines, l.Text)
		}
	}
	return strings.Join(lines, "\n")
}

func mustSee(t *testing.T, w fyne.Window, want ...string) {
	t.Helper()
	got := texts(t, w)
	for _, s := range want {
		if !strings.Contains(got, s) {
			t.Errorf("the wizard does not say %q; it says:\n%s", s, got)
		}
	}
}

// find is the first object of type T on show in the topmost dialog that is accepts;
// what names it for the failure.
func find[T fyne.CanvasObject](t *testing.T, w fyne.Window, what string, is func(T) bool) T {
	t.Helper()
	for _, o := range dialogShown(t, w) {
		if x, ok := o.(T); ok && is(x) {
			return x
		}
	}
	t.Fatalf("no %s; the wizard says:\n%s", what, texts(t, w))
	var none T
	return none
}

func button(t *testing.T, w fyne.Window, label string) *widget.Button {
	t.Helper()
	return find(t, w, fmt.Sprintf("%q button", label), func(b *widget.Button) bool { return b.Text == label })
}

// columnOf is the choice shown after the label field: the column of a field in the
// mapping form, or an option under it ("The calls were about").
func columnOf(t *testing.T, w fyne.Window, field string) *widget.Select {
	t.Helper()
	objs := dialogShown(t, w)
	for i, o := range objs {
		if l, ok := o.(*widget.Label); ok && l.Text == field {
			for _, next := range objs[i+1:] {
				if s, ok := next.(*widget.Select); ok {
					return s
				}
			}
		}
	}
	t.Fatalf("no field %q in the mapping", field)
	return nil
}

// shownCount is the number the preview or result shows above caption ("new", "skipped").
func shownCount(t *testing.T, w fyne.Window, caption string) string {
	t.Helper()
	var last string
	for _, o := range dialogShown(t, w) {
		if l, ok := o.(*widget.Label); ok {
			if l.Text == caption && last != "" {
				return last
			}
			if l.SizeName != "" {
				last = l.Text
			}
		}
	}
	t.Fatalf("no count of %q; the wizard says:\n%s", caption, texts(t, w))
	return ""
}

func counts(t *testing.T, w fyne.Window, captions ...string) string {
	t.Helper()
	var out []string
	for _, c := range captions {
		out = append(out, shownCount(t, w, c)+" "+c)
	}
	return strings.Join(out, ", ")
}

func tap(t *testing.T, w fyne.Window, label string) {
	t.Helper()
	b := button(t, w, label)
	if b.Disabled() {
		t.Fatalf("%q is disabled; the wizard says:\n%s", label, texts(t, w))
	}
	test.Tap(b)
}

func volunteers(t *testing.T, f *dataFiles) int {
	t.Helper()
	n, err := f.s.CountVolunteers(context.Background(), db.VolunteerFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// mapSignUp maps signUpHeader as a lead would.
func mapSignUp(t *testing.T, w fyne.Window) {
	t.Helper()
	for field, col := range map[string]string{"First name": "Vorname", "Last name": "Nachname", "Email": "Kontakt", "Mobile": "Handy", "City": "Wohnort"} {
		columnOf(t, w, field).SetSelected(col)
	}
}

func TestImportWizardMapsPreviewsImportsAndUndoes(t *testing.T) {
	ctx := context.Background()
	w, f := wizardWindow(t)
	imports := 0
	path := writeFile(t, "sign-up.csv", signUpHeader+"\r\n"+signUpRows)
	ui.ShowImportWizard(w, f, "volunteers", path, func() { imports++ })

	t.Run("an unrecognised header must be mapped, with the reason by the name", func(t *testing.T) {
		mustSee(t, w, "sign-up.csv: columns not recognised, UTF-8, 5 columns",
			"Required: choose the columns that hold First name and Last name, or Full name.")
		if !button(t, w, "Preview").Disabled() {
			t.Error("Preview is enabled without a name")
		}
		columnOf(t, w, "First name").SetSelected("Vorname")
		if !button(t, w, "Preview").Disabled() {
			t.Error("Preview is enabled with a first name only")
		}
		mapSignUp(t, w)
		if button(t, w, "Preview").Disabled() {
			t.Errorf("Preview is disabled once mapped:\n%s", texts(t, w))
		}
		mustSee(t, w, "Ana · Bo · Cy", "617-555-0101 · 617-555-0103")
		if strings.Contains(texts(t, w), "Required:") {
			t.Errorf("a reason is still shown:\n%s", texts(t, w))
		}
	})
	t.Run("the preview counts what would change and writes nothing", func(t *testing.T) {
		for _, o := range dialogShown(t, w) {
			if e, ok := o.(*widget.Entry); ok && strings.Contains(e.PlaceHolder, "sign-up sheet") {
				test.Type(e, "Sign-up sheet")
			}
		}
		tap(t, w, "Preview")
		mustSee(t, w, "Nothing has been written yet")
		if got := counts(t, w, "new", "to update", "unchanged", "skipped"); got != "3 new, 0 to update, 0 unchanged, 0 skipped" {
			t.Errorf("preview counts: %s", got)
		}
		if n := volunteers(t, f); n != 0 {
			t.Errorf("the preview wrote %d volunteers", n)
		}
		if p, _ := f.s.ImportPresets(ctx); len(p) != 0 {
			t.Errorf("the preview saved the mapping: %v", p)
		}
	})
	var batch int64
	t.Run("the import writes the rows as mapped and saves the mapping", func(t *testing.T) {
		tap(t, w, "Import")
		batches, err := f.s.ImportBatches(ctx)
		if err != nil || len(batches) != 1 {
			t.Fatalf("batches %v, %v", batches, err)
		}
		batch = batches[0].ID
		mustSee(t, w, fmt.Sprintf("Imported volunteers from sign-up.csv: import number %d", batch), "saved as “Sign-up sheet”")
		if got := counts(t, w, "created", "updated", "skipped"); got != "3 created, 0 updated, 0 skipped" {
			t.Errorf("result counts: %s", got)
		}
		rows, err := f.s.SearchVolunteers(ctx, "Souza", 10)
		if err != nil || len(rows) != 1 {
			t.Fatalf("found %v, %v", rows, err)
		}
		v, err := f.s.Volunteer(ctx, rows[0].ID)
		if err != nil || v.FirstName != "Ana" || v.Email != "ana@example.org" || v.City != "Worcester" || v.Mobile == "" {
			t.Errorf("stored %+v, %v", v, err)
		}
		if imports != 1 {
			t.Errorf("the screens were told of %d imports", imports)
		}
	})
	t.Run("a second file with the same header is recognised by the saved mapping", func(t *testing.T) {
		again := writeFile(t, "sign-up-may.csv", strings.ToLower(signUpHeader)+"\r\n"+signUpRows+"Di,Paz,di@example.org,,Salem\r\n")
		ui.ShowImportWizard(w, f, "volunteers", again, nil)
		mustSee(t, w, "Custom column mapping, UTF-8", "Recognised by your saved column mapping “Sign-up sheet”")
		if got := columnOf(t, w, "Last name").Selected; got != "nachname" {
			t.Errorf("last name from %q", got)
		}
		tap(t, w, "Preview")
		if got := counts(t, w, "new", "unchanged"); got != "1 new, 3 unchanged" {
			t.Errorf("preview counts: %s", got)
		}
		tap(t, w, "Cancel")
	})
	t.Run("undo, once confirmed, takes the import back", func(t *testing.T) {
		tap(t, w, "Undo this import") // the first wizard, at its result
		tap(t, w, "No")
		if n := volunteers(t, f); n != 3 {
			t.Fatalf("undo without confirming: %d volunteers", n)
		}
		tap(t, w, "Undo this import")
		tap(t, w, "Yes")
		if n := volunteers(t, f); n != 0 {
			t.Errorf("after the undo, %d volunteers", n)
		}
		batches, _ := f.s.ImportBatches(ctx)
		if len(batches) != 1 || batches[0].ID != batch || batches[0].UndoneAt.IsZero() {
			t.Errorf("batches %+v", batches)
		}
		mustSee(t, w, fmt.Sprintf("Import %d undone", batch))
		if !button(t, w, "Undo this import").Disabled() {
			t.Error("the import can be undone twice")
		}
		if imports != 2 {
			t.Errorf("the screens were told of %d imports and undos", imports)
		}
	})
}

func TestImportWizardBadRows(t *testing.T) {
	ctx := context.Background()
	w, f := wizardWindow(t)
	path := writeFile(t, "sign-up.csv", signUpHeader+"\r\n"+signUpRows+"Di,Paz,di-at-example.org,,Salem\r\n")
	ui.ShowImportWizard(w, f, "volunteers", path, nil)
	mapSignUp(t, w)
	tap(t, w, "Preview")

	t.Run("the preview lists the bad row with its line, column and reason", func(t *testing.T) {
		if got := shownCount(t, w, "new") + " new, " + shownCount(t, w, "skipped") + " skipped"; got != "3 new, 1 skipped" {
			t.Errorf("preview counts: %s", got)
		}
		// A widget.List draws its rows once laid out: the wizard's dialog is.
		mustSee(t, w, "1 row cannot be imported:",
			`Line 5, column 3 (Kontakt): "di-at-example.org" does not look like an email address (name@example.org)`)
	})
	t.Run("import is refused with the reason until the good rows are chosen", func(t *testing.T) {
		if !button(t, w, "Import").Disabled() {
			t.Error("Import is enabled with a bad row")
		}
		mustSee(t, w, "Nothing is imported while a row cannot be")
	})
	rejects := filepath.Join(filepath.Dir(path), "sign-up-rejected.csv")
	t.Run("importing the good rows asks where the rejected ones go and writes them there", func(t *testing.T) {
		var check *widget.Check
		for _, o := range dialogShown(t, w) {
			if c, ok := o.(*widget.Check); ok && strings.HasPrefix(c.Text, "Import the good rows and save the rejected ones") {
				check = c
			}
		}
		if check == nil {
			t.Fatalf("no choice to import the good rows:\n%s", texts(t, w))
		}
		test.Tap(check)
		tap(t, w, "Save") // the save dialog, in the file's folder with a name suggested
		if button(t, w, "Import").Disabled() {
			t.Fatalf("Import is still disabled:\n%s", texts(t, w))
		}
		mustSee(t, w, "go to "+rejects)
		tap(t, w, "Import")
		if n := volunteers(t, f); n != 3 {
			t.Errorf("%d volunteers imported", n)
		}
		got, err := os.ReadFile(rejects)
		want := signUpHeader + ",problem\nDi,Paz,di-at-example.org,,Salem," +
			`"line 5, column 3 (Kontakt): ""di-at-example.org"" does not look like an email address (name@example.org)"` + "\n"
		if err != nil || string(got) != want {
			t.Errorf("rejects file %q, %v; want %q", got, err, want)
		}
		mustSee(t, w, "1 row left out, as in your file with a last column saying why, in "+rejects)
		if b, _ := f.s.ImportBatches(ctx); len(b) != 1 || b[0].Created != 3 {
			t.Errorf("batches %+v", b)
		}
	})
}

// cancellingFiles taps the wizard's Cancel as soon as a real import has read part of
// the file, as a lead would while the bar moves.
type cancellingFiles struct {
	*dataFiles
	t      *testing.T
	w      fyne.Window
	atBar  float64 // the bar when Cancel was tapped
	tapped bool
}

func (c *cancellingFiles) Import(ctx context.Context, req ui.ImportRequest, progress func(done, total int64)) (ui.ImportResult, error) {
	return c.dataFiles.Import(ctx, req, func(done, total int64) {
		progress(done, total)
		if req.DryRun || c.tapped {
			return
		}
		for _, o := range dialogShown(c.t, c.w) {
			if b, ok := o.(*widget.ProgressBar); ok {
				c.atBar = b.Value
			}
		}
		c.tapped = true
		test.Tap(button(c.t, c.w, "Cancel"))
	})
}

func TestImportWizardCancel(t *testing.T) {
	ctx := context.Background()
	w, f := wizardWindow(t)
	var b strings.Builder
	b.WriteString(signUpHeader + "\r\n")
	for i := range 5000 {
		fmt.Fprintf(&b, "Volunteer%d,Tester,v%d@example.org,617-555-%04d,Worcester\r\n", i, i, i%10000)
	}
	path := writeFile(t, "big.csv", b.String())
	raw := dbtest.Raw(t, f.s.Path())
	schema := func() int {
		return count(t, raw, `SELECT count(*) FROM sqlite_schema WHERE type IN ('index', 'trigger')`)
	}
	indexes, before := schema(), dbtest.Digests(t, f.s.Path())
	files := &cancellingFiles{dataFiles: f, t: t, w: w}
	imports := 0
	ui.ShowImportWizard(w, files, "volunteers", path, func() { imports++ })
	mapSignUp(t, w)
	tap(t, w, "Preview")
	if got := shownCount(t, w, "new"); got != "5000" {
		t.Fatalf("the preview would create %s", got)
	}
	tap(t, w, "Import")

	t.Run("Cancel stops the import while the bar moves", func(t *testing.T) {
		if !files.tapped || files.atBar <= 0 || files.atBar >= 1 {
			t.Errorf("Cancel tapped %v with the bar at %.2f", files.tapped, files.atBar)
		}
		mustSee(t, w, "Import stopped", "Nothing was imported: your data is as it was before.")
	})
	t.Run("nothing of it is in the data file", func(t *testing.T) {
		if n := volunteers(t, f); n != 0 {
			t.Errorf("%d volunteers after the cancel", n)
		}
		if b, _ := f.s.ImportBatches(ctx); len(b) != 0 || imports != 0 {
			t.Errorf("batches %+v; the screens were told of %d imports", b, imports)
		}
		if n := schema(); n != indexes {
			t.Errorf("%d indexes and triggers after the cancel, %d before", n, indexes)
		}
		if after := dbtest.Digests(t, f.s.Path()); !maps.Equal(before, after) {
			t.Errorf("the tables changed:\n%v\n%v", before, after)
		}
		integrityOK(t, raw)
	})
	t.Run("the file imports afterwards from the preview", func(t *testing.T) {
		files.tapped = true // no more cancelling
		tap(t, w, "Back to the preview")
		tap(t, w, "Import")
		if n := volunteers(t, f); n != 5000 || imports != 1 {
			t.Errorf("%d volunteers, %d imports told", n, imports)
		}
	})
}

func TestImportWizardRecognisesNationBuilder(t *testing.T) {
	ctx := context.Background()
	header, err := os.ReadFile("../../../shared/data/formats/nationbuilder-people-export.header.csv")
	if err != nil {
		t.Skipf("shared data not here: %v", err)
	}
	names := strings.Split(strings.TrimRight(string(header), "\r\n"), ",")
	values := map[string]string{"nationbuilder_id": "4711", "first_name": "Marisol", "last_name": "Reyes",
		"email": "marisol@example.org", "phone_number": "508-555-0199", "primary_city": "Framingham"}
	row := make([]string, len(names))
	for i, n := range names {
		row[i] = values[n]
	}
	w, f := wizardWindow(t)
	path := writeFile(t, "nationbuilder.csv", strings.Join(names, ",")+"\r\n"+strings.Join(row, ",")+"\r\n")
	ui.ShowImportWizard(w, f, "volunteers", path, nil)

	t.Run("its format, encoding and mapping are shown", func(t *testing.T) {
		mustSee(t, w, fmt.Sprintf("nationbuilder.csv: NationBuilder people export, UTF-8, %d columns", len(names)),
			"ChapterDesk recognised the file and chose these columns.", "Marisol", "508-555-0199")
		for field, col := range map[string]string{"ID in the other system": "nationbuilder_id", "First name": "first_name",
			"Email": "email", "Phone": "phone_number", "Mobile": "mobile_number", "City": "primary_city", "Senate district": "state_upper_district"} {
			if got := columnOf(t, w, field).Selected; got != col {
				t.Errorf("%s from %q, want %q", field, got, col)
			}
		}
		if strings.Contains(texts(t, w), "Save this mapping as") {
			t.Error("a recognised export offers to save its mapping")
		}
	})
	t.Run("a column changed by the lead keeps the file a NationBuilder export", func(t *testing.T) {
		columnOf(t, w, "Phone").SetSelected("work_phone_number")
		columnOf(t, w, "Mobile").SetSelected("phone_number")
		tap(t, w, "Preview")
		tap(t, w, "Import")
		b, err := f.s.ImportBatches(ctx)
		if err != nil || len(b) != 1 || b[0].Format != "nationbuilder" || b[0].Created != 1 {
			t.Fatalf("batches %+v, %v", b, err)
		}
		rows, _ := f.s.SearchVolunteers(ctx, "Reyes", 1)
		if len(rows) != 1 {
			t.Fatal("not imported")
		}
		v, _ := f.s.Volunteer(ctx, rows[0].ID)
		if v.Phone != "" || v.Mobile == "" || v.City != "Framingham" {
			t.Errorf("stored phone %q, mobile %q, city %q", v.Phone, v.Mobile, v.City)
		}
	})
}

func TestImportWizardRefusals(t *testing.T) {
	w, f := wizardWindow(t)
	t.Run("a quote never closed past the first rows is a bad row of the preview, with where", func(t *testing.T) {
		path := writeFile(t, "broken.csv", signUpHeader+"\r\n"+signUpRows+"Di,\"Paz,di@example.org,,Salem\r\n")
		ui.ShowImportWizard(w, f, "volunteers", path, nil)
		mapSignUp(t, w)
		tap(t, w, "Preview")
		mustSee(t, w, "1 row cannot be imported", "line 5, column 2 (Nachname): a quote opened here is never closed",
			"Nothing is imported while a row cannot be")
		tap(t, w, "Back")
		if columnOf(t, w, "First name").Selected != "Vorname" {
			t.Error("Back lost the mapping")
		}
		tap(t, w, "Cancel")
	})
	t.Run("a name too long for a saved mapping is refused before anything is read", func(t *testing.T) {
		path := writeFile(t, "sign-up.csv", signUpHeader+"\r\n"+signUpRows)
		ui.ShowImportWizard(w, f, "volunteers", path, nil)
		mapSignUp(t, w)
		for _, o := range dialogShown(t, w) {
			if e, ok := o.(*widget.Entry); ok && strings.Contains(e.PlaceHolder, "sign-up sheet") {
				test.Type(e, strings.Repeat("Sign-up ", 10))
			}
		}
		tap(t, w, "Preview")
		mustSee(t, w, "A column mapping's name is at most 60 characters.")
		if n := volunteers(t, f); n != 0 {
			t.Errorf("%d volunteers", n)
		}
	})
}

// shownEntry is the entry of the topmost dialog whose placeholder is placeholder.
func shownEntry(t *testing.T, w fyne.Window, placeholder string) *widget.Entry {
	t.Helper()
	return find(t, w, fmt.Sprintf("entry for %q", placeholder), func(e *widget.Entry) bool { return e.PlaceHolder == placeholder })
}

// shownCheck is the check box of the topmost dialog whose text begins with text.
func shownCheck(t *testing.T, w fyne.Window, text string) *widget.Check {
	t.Helper()
	return find(t, w, fmt.Sprintf("check box %q", text), func(c *widget.Check) bool { return strings.HasPrefix(c.Text, text) })
}

// TestImportWizardLegislatorOptions: the wizard takes the state and "the whole
// legislature" as --state and --retire-missing do.
func TestImportWizardLegislatorOptions(t *testing.T) {
	ctx := context.Background()
	w, f := wizardWindow(t)
	ma, err := os.ReadFile("../../../shared/data/openstates/ma.csv")
	if err != nil {
		t.Fatal(err)
	}
	ui.ShowImportWizard(w, f, "legislators", writeFile(t, "ma.csv", string(ma)), nil)
	if got := shownEntry(t, w, "e.g. MA").Text; got != "MA" {
		t.Errorf("the state is %q, not the file name's", got)
	}
	tap(t, w, "Preview")
	tap(t, w, "Import")
	if got := counts(t, w, "created", "updated"); got != "198 created, 0 updated" {
		t.Fatalf("first import: %s", got)
	}

	// The same legislature without its last three rows.
	r := csv.NewReader(strings.NewReader(string(ma)))
	records, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	gone := map[string]bool{}
	for _, rec := range records[len(records)-3:] {
		gone[rec[0]] = true
	}
	var fewer strings.Builder
	cw := csv.NewWriter(&fewer)
	cw.WriteAll(records[:len(records)-3])
	ui.ShowImportWizard(w, f, "legislators", writeFile(t, "ma.csv", fewer.String()), nil)

	t.Run("a state that is no state's code refuses the preview", func(t *testing.T) {
		state := shownEntry(t, w, "e.g. MA")
		state.SetText("Massachusetts")
		if !button(t, w, "Preview").Disabled() {
			t.Error("Preview is enabled")
		}
		mustSee(t, w, "“MASSACHUSETTS” is not a state's two-letter code")
		state.SetText("ma")
		if button(t, w, "Preview").Disabled() {
			t.Errorf("Preview is disabled for ma:\n%s", texts(t, w))
		}
	})
	t.Run("no state refuses the preview, saying so", func(t *testing.T) {
		state := shownEntry(t, w, "e.g. MA")
		state.SetText("")
		if !button(t, w, "Preview").Disabled() {
			t.Error("Preview is enabled")
		}
		mustSee(t, w, "Say which state these legislators sit for")
		state.SetText("MA")
	})
	t.Run("without the box ticked, nobody goes out of office", func(t *testing.T) {
		tap(t, w, "Preview")
		if got := counts(t, w, "new", "unchanged"); got != "0 new, 195 unchanged" {
			t.Errorf("preview: %s", got)
		}
		if strings.Contains(texts(t, w), "out of office") {
			t.Errorf("the preview retires:\n%s", texts(t, w))
		}
		tap(t, w, "Back")
	})
	t.Run("ticked, the three the file no longer lists go out of office", func(t *testing.T) {
		test.Tap(shownCheck(t, w, "This file is the whole legislature"))
		tap(t, w, "Preview")
		if got := counts(t, w, "unchanged", "to go out of office"); got != "195 unchanged, 3 to go out of office" {
			t.Errorf("preview: %s", got)
		}
		if n, _ := f.s.Legislators(ctx); len(n) != 198 {
			t.Errorf("the preview retired: %d in office", len(n))
		}
		tap(t, w, "Import")
		if got := counts(t, w, "out of office"); got != "3 out of office" {
			t.Errorf("result: %s", got)
		}
		in, err := f.s.Legislators(ctx)
		if err != nil || len(in) != 195 {
			t.Fatalf("%d in office, %v", len(in), err)
		}
		for _, l := range in {
			if gone[l.OpenStatesID] {
				t.Errorf("%s (%s) is still in office", l.Name, l.OpenStatesID)
			}
		}
	})
}

// TestImportWizardCallOptions: the wizard files calls under the campaign chosen and
// moves the whip count when asked, as --campaign and --update-stances do.
func TestImportWizardCallOptions(t *testing.T) {
	ctx := context.Background()
	w, f := wizardWindow(t)
	first := dbtest.Campaign(t, f.s)
	c, err := db.ParseCampaignFile(assets.StarterCampaign)
	if err != nil {
		t.Fatal(err)
	}
	c.UUID = "7c1d7f4e-1b1a-4f57-9a55-3a0b2f2a9c11"
	texts := c.Texts[c.DefaultLang]
	texts.Name = "Second campaign"
	c.Texts[c.DefaultLang] = texts
	second, err := f.s.SaveCampaign(ctx, c)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.ImportLegislators(ctx, readOpenStates(t), db.ImportOptions{State: "MA"}); err != nil {
		t.Fatal(err)
	}
	tool := "../../../shared/tools/gen_calls.py"
	calls := filepath.Join(t.TempDir(), "calls.csv")
	if msg, err := exec.Command("python3", tool, "300", calls).CombinedOutput(); err != nil {
		t.Fatalf("%s: %v %s", tool, err, msg)
	}
	ui.ShowImportWizard(w, f, "calls", calls, nil)

	campaign := columnOf(t, w, "The calls were about") // the choice after the label
	if len(campaign.Options) != 2 || !strings.HasPrefix(campaign.Selected, "Second campaign") {
		t.Fatalf("campaigns %q, chosen %q", campaign.Options, campaign.Selected)
	}
	campaign.SetSelectedIndex(1) // the older one
	test.Tap(shownCheck(t, w, "Move the whip count"))
	tap(t, w, "Preview")
	tap(t, w, "Import")
	mustSee(t, w, "stance changes recorded in the whip count")
	// The form's "Already a cosponsor" and stances written on voicemails are listed.
	mustSee(t, w, "stances heard were not put in the whip count")

	older, err := f.s.WhipCount(ctx, first)
	if err != nil {
		t.Fatal(err)
	}
	newer, err := f.s.WhipCount(ctx, second)
	if err != nil {
		t.Fatal(err)
	}
	if older.Calls < 250 || newer.Calls != 0 {
		t.Errorf("%d calls under the campaign chosen, %d under the newest", older.Calls, newer.Calls)
	}
	moved := 0
	for _, l := range older.Legislators {
		if l.Stance != "" && l.Stance != db.StanceUnknown {
			moved++
		}
	}
	if moved == 0 {
		t.Error("no stance moved in the campaign chosen")
	}
}

// readOpenStates reads the real Massachusetts legislators.
func readOpenStates(t *testing.T) []db.IncomingLegislator {
	t.Helper()
	in, err := os.Open("../../../shared/data/openstates/ma.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	got, err := importer.ReadLegislatorsWith(in, importer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return got.Rows
}

func TestImportWizardEncoding(t *testing.T) {
	w, f := wizardWindow(t)
	path := writeFile(t, "roster.csv", "first_name,last_name,email,nationbuilder_id\r\n"+
		"José,Núñez,jose@example.org,1\r\nAna L\xfacia,Santos,analucia@example.org,2\r\nCy,Ng,cy@example.org,3\r\n")
	ui.ShowImportWizard(w, f, "volunteers", path, nil)
	t.Run("the names show as the detected encoding reads them", func(t *testing.T) {
		mustSee(t, w, "roster.csv: NationBuilder people export, UTF-8", "Names as read: José, Núñez, Ana L\uFFFDcia")
	})
	t.Run("read as UTF-8, the row with the stray byte cannot be imported", func(t *testing.T) {
		tap(t, w, "Preview")
		mustSee(t, w, "1 row cannot be imported", `line 3, column 1 (first_name): the bytes here are not valid UTF-8 ("Ana L\xfacia")`)
		tap(t, w, "Back")
	})
	// Read as Windows-1252, the UTF-8 "José" is "JosÃ©", and "Ana Lúcia" right: the
	// preview reads the file so and leaves line 2 out as a row that cannot be
	// imported, saying what the name is, as reading it as UTF-8 left line 3 out; no
	// garbled name is imported. (A file none of whose accented text is right is
	// refused whole: TestImportVolunteersGarbledRowIsABadRow.)
	t.Run("choosing Windows-1252 shows its reading, and the preview reads the file so", func(t *testing.T) {
		columnOf(t, w, "Encoding").SetSelected("Windows-1252")
		mustSee(t, w, "Names as read: JosÃ©, NÃºÃ±ez, Ana Lúcia")
		tap(t, w, "Preview")
		mustSee(t, w, "1 row cannot be imported", `line 2, column 1 (first_name): damaged by an encoding: "JosÃ©" is "José"`)
	})
	if n := volunteers(t, f); n != 0 {
		t.Errorf("%d volunteers written before the import", n)
	}
}

func TestImportWizardPlainSpreadsheet(t *testing.T) {
	w, f := wizardWindow(t)
	path := writeFile(t, "sheet.csv", "First Name,Last Name,E-mail Address,Cell Phone,Zip Code\r\n"+
		"Ana,Souza,ana@example.org,617-555-0101,2134\r\n")
	ui.ShowImportWizard(w, f, "volunteers", path, func() {})
	t.Run("shows the columns guessed from their names in the mapping form", func(t *testing.T) {
		mustSee(t, w, "sheet.csv: plain spreadsheet, UTF-8, 5 columns", "Read as a plain spreadsheet")
		for field, col := range map[string]string{"First name": "First Name", "Email": "E-mail Address", "Mobile": "Cell Phone", "Zip": "Zip Code"} {
			if got := columnOf(t, w, field).Selected; got != col {
				t.Errorf("%s from %q, want %q", field, got, col)
			}
		}
		if button(t, w, "Preview").Disabled() {
			t.Errorf("Preview is disabled:\n%s", texts(t, w))
		}
	})
}

// TestImportWizardSaysTheComputerZoneStandsIn: with no state known (a campaign and a
// legislator that name none, no chapter profile), the wizard's preview of a call
// import says, in a line of its own, in which zone the times are read and how to set
// the legislature's.
func TestImportWizardSaysTheComputerZoneStandsIn(t *testing.T) {
	dbtest.LocalZone(t, "America/Chicago")
	ctx := context.Background()
	w, f := wizardWindow(t)
	c, err := db.ParseCampaignFile(assets.StarterCampaign)
	if err != nil {
		t.Fatal(err)
	}
	c.State = ""
	if _, err := f.s.SaveCampaign(ctx, c); err != nil {
		t.Fatal(err)
	}
	dbtest.Legislator(t, f.s, db.ChamberLower, "13th Suffolk", "Dan Hunt")
	calls := writeFile(t, "form.csv", "Timestamp,Your name,Your email,Your town,Legislator called,Which office,What happened?,What did they say about the bill?,Notes\n"+
		"3/8/2024 23:30:00,Ann Lee,ann@example.org,Boston,Rep. Dan Hunt,State House (Boston),Talked to staff,Yes,\n")
	ui.ShowImportWizard(w, f, "calls", calls, nil)
	tap(t, w, "Preview")
	const want = "Note: times are read and shown in this computer's zone (America/Chicago): no state is known"
	find(t, w, "a line on the zone", func(l *widget.Label) bool { return strings.HasPrefix(l.Text, want) })
}

// TestImportWizardShowsWhatToCheck: the notices the command line prints after its
// summary (check: lines, reports filed with a correction, rows left out) are what the
// wizard shows first, in the preview and after the import, in the verb's words; the
// preview's list of changes, as long as the file, is apart, below them, and does not
// push them out of sight (s35: a stance "N/A", an office "Both", a district alone).
func TestImportWizardShowsWhatToCheck(t *testing.T) {
	w, f := wizardWindow(t)
	dbtest.Campaign(t, f.s)
	dbtest.Legislator(t, f.s, db.ChamberLower, "9th Suffolk", "John Moran")
	dbtest.Legislator(t, f.s, db.ChamberLower, "14th Essex", "Frank Moran")
	var b strings.Builder
	b.WriteString("Timestamp,Your name,Your email,Your town,Legislator called,Which office,What happened?,What did they say about the bill?,Notes\n" +
		"12/1/2026 10:05,Ana Perez,ana@example.org,Lawrence,Rep. Frank Moran,Both,Talked to staff,N/A,\n" +
		"12/1/2026 10:10,Ana Perez,ana@example.org,Lawrence,9th Suffolk,District office,Left a voicemail,-,\n" +
		"12/1/2026 10:15,Ana Perez,ana@example.org,Lawrence,my rep,District office,Left a voicemail,,\n")
	for i := range 60 { // more changes than the window shows at once
		fmt.Fprintf(&b, "12/2/2026 %d:%02d,Bo Lee,bo@example.org,Salem,Rep. Frank Moran,State House (Boston),Talked to staff,Supports it,\n", 9+i/60, i%60)
	}
	path := writeFile(t, "calls.csv", b.String())
	checks := []string{
		`check: 2 stances heard were written as no answer, such as line 2: "N/A", and read as blank (no stance heard), as an empty cell is`,
		`check: 1 report names both offices, such as line 2: "Both": filed under Other, as a report is one call (one row per office called keeps which)`,
		`line 3: "9th Suffolk": filed to Rep. John Moran (9th Suffolk), the one legislator in office for that district`,
	}
	ui.ShowImportWizard(w, f, "calls", path, nil)
	tap(t, w, "Preview")
	t.Run("the preview shows the checks before the changes", func(t *testing.T) {
		mustSee(t, w, checks...)
		got := texts(t, w)
		if i, j := strings.Index(got, "check: 2 stances"), strings.Index(got, "create Bo Lee"); j >= 0 && j < i {
			t.Errorf("the changes come before the checks:\n%s", got)
		}
		tabs := find(t, w, "tabs of the report and the changes", func(*container.AppTabs) bool { return true })
		tabs.SelectIndex(1)
		mustSee(t, w, "line 5: create Bo Lee called Rep. Frank Moran")
		tabs.SelectIndex(0)
	})
	tap(t, w, "Import")
	t.Run("the result shows them too", func(t *testing.T) {
		mustSee(t, w, checks...)
		mustSee(t, w, `line 4: "my rep": does not name a legislator: give the legislator's name`)
	})
}

// TestImportWizardShowsWhyAValueIsKept: a roster export edited in a spreadsheet, its
// status and city changed: the preview lists both differences, the status with why
// the file's is not taken, and, the file's values chosen, the result says which were
// taken and which kept, as the verb's --take-file-values does, naming the wizard's
// choice and Undo where the verb names its flag and undo verb.
func TestImportWizardShowsWhyAValueIsKept(t *testing.T) {
	ctx := context.Background()
	w, f := wizardWindow(t)
	const header = "uuid,first_name,last_name,chapter,email,phone,mobile,address1,address2,city,state,zip,senate_district,house_district,languages,tags,skills,status,ok_call,ok_text,ok_email,do_not_contact,recruiter,recruiter_uuid,joined_on,notes\r\n"
	first := writeFile(t, "roster.csv", header+",Sean,O'Neil,,sean@example.org,,,,,Somerville,,,,,,,,Active,yes,no,yes,no,,,,\r\n")
	if _, err := f.Import(ctx, ui.ImportRequest{Kind: "volunteers", Path: first}, nil); err != nil {
		t.Fatal(err)
	}
	edited := writeFile(t, "roster.csv", header+",Sean,O'Neil,,sean@example.org,,,,,Cambridge,,,,,,,,Inactive,yes,no,yes,no,,,,\r\n")
	ui.ShowImportWizard(w, f, "volunteers", edited, nil)
	tap(t, w, "Preview")
	kept := `line 2: Sean O'Neil status: roster "Active", file "Inactive": a status is not taken`
	mustSee(t, w, kept, `line 2: Sean O'Neil city: roster "Somerville", file "Cambridge"`,
		"were not changed (“Save the file's values” saves the file's, where no reason is given)")
	test.Tap(shownCheck(t, w, "Save the file's values"))
	tap(t, w, "Import")
	got := texts(t, w)
	// The window's report names its own choice and button, not the verb's flags.
	if strings.Contains(got, "--take-file-values") || strings.Contains(got, "import undo") || strings.Contains(got, "--map") {
		t.Errorf("the wizard speaks of the command line:\n%s", got)
	}
	mustSee(t, w, "were changed to the file's (“Save the file's values”); Undo this import puts the roster's back",
		"not read: chapter — to read one, choose the column of every field to read in the first step (The file)")
	_, listed, _ := strings.Cut(got, "were changed to the file's")
	taken, keptList, ok := strings.Cut(listed, "were not changed:")
	if !ok || !strings.Contains(taken, `city: roster "Somerville", file "Cambridge"`) || !strings.Contains(keptList, kept) {
		t.Errorf("the city taken, the status kept, with why:\n%s", got)
	}
}

// TestImportWizardNamesTheTrashCard: reports by a volunteer in the trash are filed
// under them, and the wizard says where the lead puts one back: the Settings
// screen's Trash, not the verb that does it on the command line.
func TestImportWizardNamesTheTrashCard(t *testing.T) {
	ctx := context.Background()
	w, f := wizardWindow(t)
	dbtest.Campaign(t, f.s)
	dbtest.Legislator(t, f.s, db.ChamberLower, "14th Essex", "Frank Moran")
	ana := dbtest.Volunteer(t, f.s, "Ana", "Perez", func(v *db.Volunteer) { v.Email = "ana@example.org" })
	if err := f.s.TrashVolunteer(ctx, ana); err != nil {
		t.Fatal(err)
	}
	path := writeFile(t, "calls.csv", "Timestamp,Your name,Your email,Your town,Legislator called,Which office,What happened?,What did they say about the bill?,Notes\n"+
		"12/1/2026 10:05,Ana Perez,ana@example.org,Lawrence,Rep. Frank Moran,District office,Talked to staff,Supports it,\n")
	ui.ShowImportWizard(w, f, "calls", path, nil)
	tap(t, w, "Preview")
	tap(t, w, "Import")
	mustSee(t, w, fmt.Sprintf("1 report is by volunteers in the trash (found by email; ids %d): filed under them, who stay in the trash; "+
		"Restore in Settings › Trash puts one back on the roster", ana))
}

// TestImportWizardAddsSimilarRows: a row the import cannot tell from a stored report
// (its time moved a few minutes) is left out as a possible duplicate; the preview
// offers what the verb's --add-similar does, and the import adds it when ticked.
func TestImportWizardAddsSimilarRows(t *testing.T) {
	ctx := context.Background()
	w, f := wizardWindow(t)
	dbtest.Campaign(t, f.s)
	dbtest.Legislator(t, f.s, db.ChamberLower, "14th Essex", "Frank Moran")
	const header = "Timestamp,Your name,Your email,Your town,Legislator called,Which office,What happened?,What did they say about the bill?,Notes\n"
	first := writeFile(t, "calls.csv", header+"12/1/2026 10:05,Ana Perez,ana@example.org,Lawrence,Rep. Frank Moran,District office,Talked to staff,Supports it,\n")
	if _, err := f.Import(ctx, ui.ImportRequest{Kind: "calls", Path: first}, nil); err != nil {
		t.Fatal(err)
	}
	moved := writeFile(t, "calls.csv", header+"12/1/2026 10:08,Ana Perez,ana@example.org,Lawrence,Rep. Frank Moran,District office,Talked to staff,Supports it,\n")
	ui.ShowImportWizard(w, f, "calls", moved, nil)
	tap(t, w, "Preview")
	mustSee(t, w, "1 row may be a report already imported, edited, or another call: left out:",
		"or another call: left out (“Add the rows that may be a report already imported” in the preview adds it as a call of its own)")
	if got := texts(t, w); strings.Contains(got, "--add-similar") {
		t.Errorf("the wizard speaks of the command line:\n%s", got)
	}
	test.Tap(shownCheck(t, w, "Add the rows that may be a report already imported (1)"))
	tap(t, w, "Import")
	rows, err := f.s.ListCallReports(ctx, db.CallFilter{}, 0, 10)
	if err != nil || len(rows) != 2 {
		t.Errorf("%d reports, %v; want the row added as a call of its own", len(rows), err)
	}
}

// TestImportCallsSaysHowToAddSimilar: the verb says of a possible duplicate left out
// that --add-similar adds it, in its output and its rejects file (the window names
// its own choice: TestImportWizardAddsSimilarRows).
func TestImportCallsSaysHowToAddSimilar(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "chapter.db")
	s, err := db.Open(ctx, path, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	dbtest.Campaign(t, s)
	dbtest.Legislator(t, s, db.ChamberLower, "14th Essex", "Frank Moran")
	s.Close()
	const header = "Timestamp,Your name,Your email,Your town,Legislator called,Which office,What happened?,What did they say about the bill?,Notes\n"
	first := writeFile(t, "calls.csv", header+"12/1/2026 10:05,Ana Perez,ana@example.org,Lawrence,Rep. Frank Moran,District office,Talked to staff,Supports it,\n")
	if code, out, errOut := chapterdesk(t, "import", "calls", first, "--db", path); code != 0 {
		t.Fatalf("exit %d: %s%s", code, out, errOut)
	}
	moved := writeFile(t, "calls.csv", header+"12/1/2026 10:08,Ana Perez,ana@example.org,Lawrence,Rep. Frank Moran,District office,Talked to staff,Supports it,\n")
	rejects := filepath.Join(dir, "rejects.csv")
	_, out, _ := chapterdesk(t, "import", "calls", moved, "--db", path, "--skip-bad-rows", rejects)
	const hint = "or another call: left out (--add-similar adds it as a call of its own)"
	got, err := os.ReadFile(rejects)
	if !strings.Contains(out, hint) || err != nil || !strings.Contains(string(got), hint) {
		t.Errorf("no %q in the output:\n%s\nor the rejects file (%v):\n%s", hint, out, err, got)
	}
}

// TestImportWizardShowsWhatTheVerbPrints: the wizard's preview and result show every
// line `chapterdesk import calls` prints for the same file, the stance lists among
// them: answers read as Didn't say ("Will look into it", "no sé": a check: line) and
// reports filed with a correction ("Rep. Silva" filed to Rep. Alan Silvia).
func TestImportWizardShowsWhatTheVerbPrints(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	cli := filepath.Join(dir, "cli.db")
	s, err := db.Open(ctx, cli, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	w, f := wizardWindow(t)
	for _, s := range []*db.Store{s, f.s} {
		dbtest.Campaign(t, s)
		dbtest.Legislator(t, s, db.ChamberLower, "7th Bristol", "Alan Silvia")
		dbtest.Legislator(t, s, db.ChamberLower, "13th Suffolk", "Dan Hunt")
	}
	s.Close()
	path := writeFile(t, "calls.csv", "Timestamp,Your name,Your email,Your town,Legislator called,Which office,What happened?,What did they say about the bill?,Notes\n"+
		"12/1/2026 10:05,Ana Perez,ana@example.org,Lawrence,Rep. Silva,District office,Talked to staff,Will look into it,\n"+
		"12/1/2026 10:10,Ana Perez,ana@example.org,Lawrence,Rep. Dan Hunt,District office,Talked to staff,No sé,\n"+
		"12/1/2026 10:15,Bo Lee,bo@example.org,Salem,Rep. Dan Hunt,District office,Talked to staff,Supports it,\n"+
		"12/1/2026 10:20,Bo Lee,bo@example.org,Salem,my rep,District office,Talked to staff,Supports it,\n")
	verbSays := func(args ...string) []string {
		t.Helper()
		code, out, errOut := chapterdesk(t, append([]string{"import", "calls", path, "--db", cli, "--update-stances"}, args...)...)
		if code != 0 {
			t.Fatalf("exit %d: %s%s", code, out, errOut)
		}
		var lines []string
		for _, l := range strings.Split(out, "\n") {
			if l = strings.TrimSpace(l); l != "" {
				lines = append(lines, l)
			}
		}
		return lines
	}
	preview := verbSays("--dry-run")
	for _, want := range []string{`check: 2 stances heard were read as Didn't say, such as line 2: "Will look into it"`,
		`filed to Rep. Alan Silvia (7th Bristol)`} {
		if !strings.Contains(strings.Join(preview, "\n"), want) {
			t.Fatalf("the verb does not say %q:\n%s", want, strings.Join(preview, "\n"))
		}
	}
	ui.ShowImportWizard(w, f, "calls", path, nil)
	test.Tap(shownCheck(t, w, "Move the whip count to what callers heard"))
	tap(t, w, "Preview")
	t.Run("the preview shows every line of the verb's dry run", func(t *testing.T) {
		// The changes the verb lists under its first line are in a tab of their own.
		report := texts(t, w)
		tabs := find(t, w, "tabs of the report and the changes", func(*container.AppTabs) bool { return true })
		tabs.SelectIndex(1)
		shown := report + "\n" + texts(t, w)
		tabs.SelectIndex(0)
		for _, l := range preview {
			if !strings.Contains(shown, l) {
				t.Errorf("the wizard does not say %q; it says:\n%s", l, shown)
			}
		}
	})
	imported := verbSays()
	tap(t, w, "Import")
	t.Run("the result shows every line of the verb's import", func(t *testing.T) {
		mustSee(t, w, imported...)
	})
}

// TestImportWizardDrawsEveryCharacter: the wizard shows the verb's own lines, and
// those wrote "→" ("Given → first name", "2134 → 02134", "Settings → Trash"), which
// the window's font does not have: it was drawn "→�" with a gap (the screenshots'
// import preview and result). Every character the wizard shows is now in the font.
func TestImportWizardDrawsEveryCharacter(t *testing.T) {
	font, err := sfnt.Parse(theme.DefaultTextFont().Content())
	if err != nil {
		t.Fatal(err)
	}
	drawn := func(t *testing.T, w fyne.Window) {
		t.Helper()
		var buf sfnt.Buffer
		got := texts(t, w)
		if tabs := findAll[*container.AppTabs](t, w); len(tabs) > 0 {
			tabs[0].SelectIndex(1)
			got += "\n" + texts(t, w)
			tabs[0].SelectIndex(0)
		}
		for _, line := range strings.Split(got, "\n") {
			for _, r := range line {
				if g, err := font.GlyphIndex(&buf, r); r >= 0x80 && (err != nil || g == 0) {
					t.Errorf("%q (U+%04X) is not in the font: %q", r, r, line)
					break
				}
			}
		}
	}
	t.Run("a plain spreadsheet's columns and a zip read with its zero", func(t *testing.T) {
		w, f := wizardWindow(t)
		path := writeFile(t, "sheet.csv", "First Name,Last Name,E-mail Address,Zip Code\r\nAna,Souza,ana@example.org,2134\r\n")
		ui.ShowImportWizard(w, f, "volunteers", path, func() {})
		tap(t, w, "Preview")
		mustSee(t, w, "First Name", "02134")
		drawn(t, w)
		tap(t, w, "Import")
		drawn(t, w)
	})
	t.Run("reports by a volunteer in the trash", func(t *testing.T) {
		w, f := wizardWindow(t)
		dbtest.Campaign(t, f.s)
		dbtest.Legislator(t, f.s, db.ChamberLower, "14th Essex", "Frank Moran")
		ana := dbtest.Volunteer(t, f.s, "Ana", "Perez", func(v *db.Volunteer) { v.Email = "ana@example.org" })
		if err := f.s.TrashVolunteer(context.Background(), ana); err != nil {
			t.Fatal(err)
		}
		path := writeFile(t, "calls.csv", "Timestamp,Your name,Your email,Your town,Legislator called,Which office,What happened?,What did they say about the bill?,Notes\n"+
			"12/1/2026 10:05,Ana Perez,ana@example.org,Lawrence,Rep. Frank Moran,District office,Talked to staff,Supports it,\n")
		ui.ShowImportWizard(w, f, "calls", path, nil)
		tap(t, w, "Preview")
		tap(t, w, "Import")
		mustSee(t, w, "Restore in Settings")
		drawn(t, w)
	})
}

// findAll is every object of type T on show in the topmost dialog.
func findAll[T fyne.CanvasObject](t *testing.T, w fyne.Window) []T {
	t.Helper()
	var out []T
	for _, o := range dialogShown(t, w) {
		if x, ok := o.(T); ok {
			out = append(out, x)
		}
	}
	return out
}

// TestImportCallsDryRunAddsNoCaller: the dry run (the wizard's preview) said "2
// callers were not on the roster and added as volunteers" under "Nothing has been
// written yet" (shot 27): it says they would be; the import says they were, and
// names each with the line of their first report (it only counted them).
func TestImportCallsDryRunAddsNoCaller(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "chapter.db")
	s, err := db.Open(ctx, path, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	dbtest.Campaign(t, s)
	dbtest.Legislator(t, s, db.ChamberLower, "14th Essex", "Frank Moran")
	s.Close()
	calls := writeFile(t, "calls.csv", "Timestamp,Your name,Your email,Your town,Legislator called,Which office,What happened?,What did they say about the bill?,Notes\n"+
		"12/1/2026 10:05,Ana Perez,ana@example.org,Lawrence,Rep. Frank Moran,District office,Talked to staff,Supports it,\n"+
		"12/1/2026 10:08,Bo Lee,bo@example.org,Salem,Rep. Frank Moran,District office,Talked to staff,Supports it,\n")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--dry-run"}, "2 callers are not on the roster and would be added as volunteers (joined on the day of their first call):\n" +
			"  line 2: \"Rep. Frank Moran\": would add Ana Perez (a new volunteer, of Lawrence, email ana@example.org)\n"},
		{nil, "2 callers were not on the roster and added as volunteers (joined on the day of their first call):\n" +
			"  line 2: \"Rep. Frank Moran\": added Ana Perez (volunteer 1, of Lawrence, email ana@example.org)\n" +
			"  line 3: \"Rep. Frank Moran\": added Bo Lee (volunteer 2, of Salem, email bo@example.org)\n"},
	} {
		code, out, errOut := chapterdesk(t, append([]string{"import", "calls", calls, "--db", path}, c.args...)...)
		if code != 0 || !strings.Contains(out, c.want) {
			t.Errorf("%v: exit %d, no %q in:\n%s%s", c.args, code, c.want, out, errOut)
		}
	}
}
