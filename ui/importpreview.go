package ui

import (
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/chapterdesk/chapterdesk/db"
)

// previewStep shows what importing the file would do, as a dry run found it: the
// counts at a glance, every row that would be left out with its line, column and
// reason, and the report. A file with bad rows can only be imported by choosing to
// import the good rows and save the others to a file the lead can fix.
type previewStep struct {
	z            *importWizard
	res          ImportResult
	content      fyne.CanvasObject
	skipBad      *widget.Check // import the good rows; nil when no row is left out
	rejects      string        // where the rows left out go, once chosen
	rejectsNote  *widget.Label
	refusal      *widget.Label // why Import is disabled
	importButton *widget.Button
	// takeFile saves the file's values where it and the roster differ; nil unless a
	// volunteer preview found rows that differ.
	takeFile     *widget.Check
	takeFileNote *widget.Label
	// addSimilar adds the call reports that may be one already imported as calls
	// of their own; nil unless a call preview left such rows out.
	addSimilar *widget.Check
}

func newPreviewStep(z *importWizard, res ImportResult) *previewStep {
	p := &previewStep{z: z, res: res}
	p.importButton = widget.NewButton("Import", z.onImport)
	p.importButton.Importance = widget.HighImportance
	p.buildUI()
	return p
}

func (p *previewStep) buildUI() {
	res := p.res
	top := []fyne.CanvasObject{
		boldLabel(fmt.Sprintf("Nothing has been written yet. Importing %s would do this:", filepath.Base(p.z.path))),
		countsRow(res, true),
		zoneNoteOf(res.ZoneNote),
	}
	if res.NotCalls > 0 {
		top = append(top, lowLabel(fmt.Sprintf("Skipped among them: %s saying no call was made (%s).", answers(res.NotCalls), res.NotCallsSaid)))
	}
	p.refusal = widget.NewLabel("")
	p.refusal.Importance = widget.DangerImportance
	p.refusal.Wrapping = fyne.TextWrapWord
	p.refusal.Hide()
	var bottom []fyne.CanvasObject
	if res.Skipped > 0 && len(res.Problems) > 0 {
		p.skipBad = widget.NewCheck("Import the good rows and save the rejected ones to a file I can fix…", p.onSkipBad)
		p.rejectsNote = lowLabel("")
		p.rejectsNote.Hide()
		bottom = append(bottom, p.skipBad, p.rejectsNote)
	}
	if p.z.kind == "volunteers" && res.Summary.Differ > 0 {
		p.takeFile = widget.NewCheck(fmt.Sprintf("Save the file's values where it and the roster differ (%s)", rowsNoun(res.Summary.Differ)), nil)
		p.takeFileNote = lowLabel("As listed in the detail below (a roster export edited in a spreadsheet). Unticked, the roster keeps its values; Undo import puts them back. Consent is never widened.")
		bottom = append(bottom, p.takeFile, p.takeFileNote)
	}
	if p.z.kind == "calls" && res.Similar > 0 {
		// The report names this choice by its words (importFlags.addSimilarChoice).
		p.addSimilar = widget.NewCheck(fmt.Sprintf("Add the rows that may be a report already imported (%d) as calls of their own", res.Similar), nil)
		bottom = append(bottom, p.addSimilar, lowLabel("Listed above as left out: each may be a report already imported, edited, or another call. Unticked, they are left out."))
	}
	bottom = append(bottom, p.refusal)
	details := p.z.reportSection("What would change, in detail", "preview", res.Report+changesText(res.Summary),
		reportWithChanges(res))
	center := fyne.CanvasObject(details)
	if len(res.Problems) > 0 {
		split := container.NewVSplit(problemList(res.Problems, res.BadRows > 0), details)
		// A row or two left out take the top no more than they need, so the report,
		// with its check: lines, keeps the room; many rows share it half and half.
		split.SetOffset(min(0.5, 0.15+0.1*float64(len(res.Problems))))
		center = split
	}
	p.content = container.NewBorder(container.NewVBox(top...), container.NewVBox(bottom...), nil, nil, center)
}

// reportWithChanges is the preview's report, with what to check, and beside it, in a
// tab of its own, each change: hundreds of them would push the report's notices out
// of sight.
func reportWithChanges(res ImportResult) fyne.CanvasObject {
	report := reportView(res.Report)
	changes := res.Summary.Changes
	if len(changes) == 0 {
		return report
	}
	lines := make([]string, len(changes), len(changes)+1)
	for i, c := range changes {
		lines[i] = drawable(c.String())
	}
	if res.Summary.ChangesCut() {
		lines = append(lines, fmt.Sprintf("… the first %d changes are listed; the counts above are complete", len(changes)))
	}
	list := widget.NewList(func() int { return len(lines) }, func() fyne.CanvasObject {
		l := widget.NewLabel("")
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}, func(i widget.ListItemID, o fyne.CanvasObject) {
		o.(*widget.Label).SetText(lines[i])
	})
	list.OnSelected = func(i widget.ListItemID) { list.Unselect(i) }
	return container.NewAppTabs(container.NewTabItem("Report", report),
		container.NewTabItem(fmt.Sprintf("Each change (%d)", len(changes)), list))
}

// changesText is the changes as the saved preview lists them, after its report.
func changesText(s db.ImportSummary) string {
	if len(s.Changes) == 0 {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, "\nthe changes, %d listed:\n", len(s.Changes))
	for _, c := range s.Changes {
		fmt.Fprintf(&b, "  %s\n", c)
	}
	return b.String()
}

// countsRow is an import's counts at a glance: big numbers with what they count.
func countsRow(res ImportResult, preview bool) fyne.CanvasObject {
	s := res.Summary
	created, updated := "created", "updated"
	if preview {
		created, updated = "new", "to update"
	}
	count := func(n int, what string, imp widget.Importance) fyne.CanvasObject {
		num := widget.NewLabelWithStyle(fmt.Sprint(n), fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
		num.SizeName = theme.SizeNameHeadingText
		num.Importance = imp
		return container.NewVBox(num, widget.NewLabelWithStyle(what, fyne.TextAlignCenter, fyne.TextStyle{}))
	}
	skippedImp := widget.MediumImportance
	if res.Skipped > 0 {
		skippedImp = widget.WarningImportance
	}
	counts := []fyne.CanvasObject{count(s.Created, created, widget.MediumImportance),
		count(s.Updated, updated, widget.MediumImportance), count(s.Unchanged, "unchanged", widget.MediumImportance),
		count(res.Skipped, "skipped", skippedImp)}
	if s.Retired > 0 { // legislators the file no longer lists, with RetireMissing
		retired := "out of office"
		if preview {
			retired = "to go out of office"
		}
		counts = append(counts, count(s.Retired, retired, widget.WarningImportance))
	}
	return container.NewGridWithColumns(len(counts), counts...)
}

// problemList lists every row left out, however many: a widget.List builds only the
// rows on screen.
func problemList(problems []ImportProblem, bad bool) fyne.CanvasObject {
	list := widget.NewList(func() int { return len(problems) }, func() fyne.CanvasObject {
		l := widget.NewLabel("")
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}, func(i widget.ListItemID, o fyne.CanvasObject) {
		o.(*widget.Label).SetText(describeProblem(problems[i]))
	})
	list.OnSelected = func(i widget.ListItemID) { list.Unselect(i) }
	what := "will be left out"
	if bad {
		what = "cannot be imported"
	}
	head := boldLabel(fmt.Sprintf("%s %s:", rowsNoun(len(problems)), what))
	return container.NewBorder(head, nil, nil, nil, list)
}

// describeProblem says where a row left out is and why: "Line 4, column 3 (Email):
// "ana@" is not an email address".
func describeProblem(p ImportProblem) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Line %d", p.Line)
	if p.Column > 0 {
		fmt.Fprintf(&b, ", column %d", p.Column)
		if p.ColumnName != "" {
			fmt.Fprintf(&b, " (%s)", p.ColumnName)
		}
	}
	b.WriteString(": " + p.Reason)
	return drawable(b.String())
}

// answers says "1 answer" or "N answers".
func answers(n int) string {
	if n == 1 {
		return "1 answer"
	}
	return fmt.Sprintf("%d answers", n)
}

// oneOrAll says "a row" or "N rows".
func oneOrAll(n int) string {
	if n == 1 {
		return "a row"
	}
	return fmt.Sprintf("%d rows", n)
}

// onSkipBad asks where to save the rows left out when the lead ticks the choice.
func (p *previewStep) onSkipBad(on bool) {
	if !on {
		p.check()
		return
	}
	if p.rejects != "" {
		p.check()
		return
	}
	base := strings.TrimSuffix(filepath.Base(p.z.path), filepath.Ext(p.z.path))
	pickSaveFileInAsync(p.z.w, filepath.Dir(p.z.path), base+"-rejected.csv", ".csv", func(path string) {
		p.setRejects(path)
	}, func() {
		p.skipBad.SetChecked(false)
	})
}

// setRejects takes the file the rows left out go to.
func (p *previewStep) setRejects(path string) {
	if path == p.z.path {
		dialog.ShowInformation("Choose another file", "The rejected rows cannot be saved over the file being imported.", p.z.w)
		p.skipBad.SetChecked(false)
		return
	}
	p.rejects = path
	p.rejectsNote.SetText("The rejected rows, with a last column saying why, go to " + path)
	p.rejectsNote.Show()
	p.check()
}

// rejectsPath is where the rows left out go, "" when the lead did not choose to import
// the good rows.
func (p *previewStep) rejectsPath() string {
	if p.skipBad == nil || !p.skipBad.Checked {
		return ""
	}
	return p.rejects
}

// check enables Import unless bad rows would stop it, and then says why.
func (p *previewStep) check() {
	if p.res.BadRows > 0 && p.rejectsPath() == "" {
		p.refusal.SetText(fmt.Sprintf("Nothing is imported while %s cannot be: fix the file and read it again, or tick “Import the good rows” above.",
			oneOrAll(p.res.BadRows)))
		p.refusal.Show()
		p.importButton.Disable()
		return
	}
	p.refusal.Hide()
	p.importButton.Enable()
}
