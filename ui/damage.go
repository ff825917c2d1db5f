package ui

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/chapterdesk/chapterdesk/db"
)

// damageNotice is the band above the screens once a background check (the full
// check, or the quick check of a start that did not wait for it) has found the open
// file damaged: what was found, that nothing more is saved, and what
// the lead can do (restore the newest good backup; for damage only in indexes,
// repair them), the same offer the window makes when the quick check finds damage
// at start.
type damageNotice struct {
	content fyne.CanvasObject
	message *widget.Label
	restore *widget.Button // nil without a good backup
	repair  *widget.Button // nil unless the damage lies only in indexes
}

// onDamageFound shows the notice over the screens; call it on the UI goroutine.
func (m *mainWindow) onDamageFound(de *db.DamagedError) {
	// Damage found before the screens were built is shown with them (buildScreens
	// asks the store); damage of a file another has taken the place of is not shown.
	if de == nil || m.tabs == nil || m.store == nil || de.Path != m.store.Path() {
		return
	}
	n := m.newDamageNotice(de, m.restoreAtStartAsync, m.repairAsync)
	m.damage = n
	m.w.SetTitle(damagedTitle)
	m.w.SetContent(container.NewBorder(n.content, nil, nil, nil, m.tabs))
}

// damagedTitle is the window's title while the open file is damaged.
const damagedTitle = "ChapterDesk — the data file is damaged; nothing more is saved"

// damageOf is the damage a check found in the file of store s, nil while none was.
func damageOf(s any) *db.DamagedError {
	if d, ok := s.(interface{ Damaged() *db.DamagedError }); ok {
		return d.Damaged()
	}
	return nil
}

// titleFor is the window's title for a store showing chapter: it names the chapter,
// unless a check found the file damaged (the dashboard's refresh keeps saying so).
func titleFor(s any, chapter string) string {
	if damageOf(s) != nil {
		return damagedTitle
	}
	return windowTitle(chapter)
}

// newDamageNotice builds the notice and its buttons; restore and repair do the work.
func (m *mainWindow) newDamageNotice(de *db.DamagedError, restore func(string) <-chan struct{}, repair func() <-chan struct{}) *damageNotice {
	n := &damageNotice{}
	n.message = widget.NewLabel(damageText(de))
	n.message.Wrapping = fyne.TextWrapWord
	n.message.Importance = widget.DangerImportance
	buttons := container.NewHBox()
	if de.Backup != "" && m.files != nil {
		n.restore = widget.NewButton("Restore the backup of "+de.BackupTime.Local().Format("Jan 2, 15:04"), func() {
			restore(de.Backup)
		})
		n.restore.Importance = widget.HighImportance
		buttons.Add(n.restore)
	}
	if de.IndexOnly && m.files != nil {
		n.repair = widget.NewButton("Repair the indexes…", func() {
			dialog.ShowConfirm("Repair the data file",
				"The damage lies only in the file's indexes, which SQLite can build again from the\n"+
					"tables (REINDEX). ChapterDesk first keeps a copy of the file as it is now in the\n"+
					"backups folder, then rebuilds the indexes and checks the whole file again.\n\nRepair it now?",
				func(ok bool) {
					if ok {
						repair()
					}
				}, m.w)
		})
		buttons.Add(n.repair)
	}
	title := widget.NewLabelWithStyle("The data file is damaged", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	n.content = container.NewPadded(container.NewVBox(title, n.message, buttons))
	return n
}

// damageText is what the notice says.
func damageText(de *db.DamagedError) string {
	var b strings.Builder
	fmt.Fprintf(&b, "SQLite's check found damage in %s (%s). ChapterDesk has stopped saving changes to it, "+
		"so nothing is written on top of the damage; you can still look and print.", de.Path, firstProblem(de.Problem))
	if de.IndexOnly {
		b.WriteString(" The damage lies only in the file's indexes: repairing rebuilds them from the data, after keeping a copy.")
	}
	if de.Backup != "" {
		fmt.Fprintf(&b, " The newest good backup is %s, made %s; restoring it keeps the damaged file in the backups folder.",
			de.Backup, de.BackupTime.Local().Format("Mon Jan 2 2006, 15:04"))
	} else {
		b.WriteString(" No good backup of it was found: copy the file somewhere safe and ask for help.")
	}
	return b.String()
}

// firstProblem is the first thing the check said, without its prefix.
func firstProblem(p string) string {
	p = strings.TrimPrefix(strings.TrimPrefix(p, "full check: "), "quick check: ")
	first, _, _ := strings.Cut(p, "; ")
	return first
}

// repairAsync rebuilds the indexes of the damaged file (DataFiles.Repair closes and
// reopens it) and shows the screens on the repaired file.
func (m *mainWindow) repairAsync() <-chan struct{} {
	done := make(chan struct{})
	bar := widget.NewProgressBarInfinite()
	wait := dialog.NewCustomWithoutButtons("Repairing the data file", bar, m.w)
	wait.Show()
	background(func() {
		defer close(done)
		s, err := m.files.Repair(context.Background())
		doUIAndWait(func() {
			bar.Stop() // hidden with its dialog, it would go on animating (see stopEndlessBars)
			wait.Hide()
			if err != nil {
				showError(m.w, err)
				return
			}
			m.w.SetTitle(windowTitle(""))
			m.setStore(s)
			dialog.ShowInformation("Repaired", "The file's indexes were rebuilt and the full check passes. "+
				"The file as it was is kept in the backups folder.", m.w)
		})
	})
	return done
}
