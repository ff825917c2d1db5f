package ui

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/chapterdesk/chapterdesk/db"
)

// presetStore is what the saved column mappings dialog reads and changes.
type presetStore interface {
	ImportPresets(ctx context.Context) ([]db.ImportPreset, error)
	DeleteImportPreset(ctx context.Context, name string) error
}

// presetsDialog lists the column mappings the import wizard saved (`chapterdesk
// import presets`): what kind of file each reads and which column fills which field,
// each with a Forget button (`import presets delete NAME`).
type presetsDialog struct {
	w     fyne.Window
	store presetStore
	list  *fyne.Container
	dlg   dialog.Dialog
}

// showPresetsAsync reads the saved mappings off the UI goroutine and shows them.
func showPresetsAsync(w fyne.Window, store presetStore) *presetsDialog {
	p := &presetsDialog{w: w, store: store, list: container.NewVBox(widget.NewLabel("Reading…"))}
	p.dlg = dialog.NewCustom("Saved column mappings", "Close", container.NewVScroll(p.list), w)
	p.dlg.Resize(fyne.NewSize(min(760, w.Canvas().Size().Width-40), min(480, w.Canvas().Size().Height-40)))
	p.dlg.Show()
	p.refreshAsync()
	return p
}

func (p *presetsDialog) refreshAsync() {
	background(func() {
		saved, err := p.store.ImportPresets(context.Background())
		doUIAndWait(func() {
			if err != nil {
				p.list.Objects = []fyne.CanvasObject{wrapped("The saved column mappings cannot be read: " + err.Error())}
			} else {
				p.show(saved)
			}
			p.list.Refresh()
		})
	})
}

func (p *presetsDialog) show(saved []db.ImportPreset) {
	if len(saved) == 0 {
		p.list.Objects = []fyne.CanvasObject{wrapped("No saved column mappings. When the import wizard does not recognise a " +
			"file's columns, you choose them and can save your choice under a name: the next file with the same columns is then read with it.")}
		return
	}
	p.list.Objects = []fyne.CanvasObject{lowLabel("A file with the same columns as one of these is read with its mapping. " +
		"Forget one you no longer want; the files imported with it stay as they are.")}
	for _, ps := range saved {
		forget := widget.NewButton("Forget", func() { p.onForget(ps.Name) })
		head := container.NewBorder(nil, nil, nil, forget, boldLabel(ps.Name))
		p.list.Add(widget.NewSeparator())
		p.list.Add(head)
		p.list.Add(wrapped(describePreset(ps)))
	}
}

// describePreset says what a mapping reads: "Volunteers files with 5 columns: First
// name from “Given”, Last name from “Surname”, …".
func describePreset(ps db.ImportPreset) string {
	var pairs []string
	for f, h := range ps.Columns {
		if h != "" {
			pairs = append(pairs, fmt.Sprintf("%s from “%s”", fieldLabel(f), h))
		}
	}
	slices.Sort(pairs)
	kind := kindNoun(ps.Kind)
	return fmt.Sprintf("%s files with %d columns: %s.", strings.ToUpper(kind[:1])+kind[1:], len(ps.Header), strings.Join(pairs, ", "))
}

// onForget deletes a mapping once the lead confirms.
func (p *presetsDialog) onForget(name string) {
	dialog.ShowConfirm("Forget “"+name+"”?", "Files with its columns will have to be mapped again. Nothing imported changes.",
		func(ok bool) {
			if !ok {
				return
			}
			background(func() {
				if err := p.store.DeleteImportPreset(context.Background(), name); err != nil {
					showErrorAsync(p.w, err)
					return
				}
				p.refreshAsync()
			})
		}, p.w)
}
