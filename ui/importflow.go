package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// importKinds are what can be imported, as the buttons name them.
var importKinds = []struct{ kind, label, hint string }{
	{"legislators", "Legislators…", "Your state's Open States CSV (people/ma.csv)"},
	{"volunteers", "Volunteers…", "A NationBuilder, Action Network, NGP VAN or CiviCRM export, or any CSV with names"},
	{"calls", "Call reports…", "The CSV of your online call report form"},
}

// importFlow is picking a file, reading a preview of what it would change, and
// importing it once the lead agrees: the same import as the command line.
type importFlow struct {
	w      fyne.Window
	files  DataFiles
	onDone func() // after a real import, on the UI goroutine
}

// start asks for the file to import as kind.
func (f *importFlow) start(kind string) {
	if f.files == nil {
		return
	}
	pickFile(f.w, []string{".csv", ".txt", ".tsv"}, func(path string) { f.previewAsync(kind, path) })
}

// previewAsync reads the file without writing and shows what would happen.
func (f *importFlow) previewAsync(kind, path string) <-chan struct{} {
	return f.runAsync(kind, path, true, func(report string) {
		d := dialog.NewCustomConfirm("Import preview", "Import", "Cancel", reportView(report), func(ok bool) {
			if ok {
				f.runAsync(kind, path, false, func(report string) {
					dialog.ShowCustom("Imported", "Close", reportView(report), f.w)
					if f.onDone != nil {
						f.onDone()
					}
				})
			}
		}, f.w)
		d.Resize(fyne.NewSize(640, 420))
		d.Show()
	})
}

// runAsync imports off the UI goroutine with a busy dialog, then shows the report
// (then) or the error.
func (f *importFlow) runAsync(kind, path string, dryRun bool, then func(string)) <-chan struct{} {
	done := make(chan struct{})
	busy := dialog.NewCustomWithoutButtons("Reading "+shortName(path), widget.NewProgressBarInfinite(), f.w)
	busy.Show()
	background(func() {
		defer close(done)
		report, err := f.files.Import(context.Background(), kind, path, dryRun)
		fyne.DoAndWait(func() {
			busy.Hide()
			if err != nil {
				msg := err.Error()
				if report != "" {
					msg = report + "\n" + msg
				}
				dialog.ShowCustom("Nothing was imported", "Close", reportView(msg), f.w)
				return
			}
			then(report)
		})
	})
	return done
}

// reportView shows an import report, scrollable when long.
func reportView(text string) fyne.CanvasObject {
	l := widget.NewLabel(strings.TrimSpace(text))
	l.Wrapping = fyne.TextWrapWord
	s := container.NewVScroll(l)
	s.SetMinSize(fyne.NewSize(560, 280))
	return s
}

func shortName(path string) string {
	if i := strings.LastIndexAny(path, `/\`); i >= 0 {
		return path[i+1:]
	}
	return path
}
