package ui

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/importer"
)

// sessionStore is what the Record screen's session import and bill links need: the
// store methods `chapterdesk import session`, `import undo` and `campaign link` call.
type sessionStore interface {
	ImportSession(ctx context.Context, exp *db.SessionExport, opts db.ImportOptions) (db.SessionImportSummary, error)
	UndoImport(ctx context.Context, batchID int64) (db.UndoSummary, error)
	LinkBill(ctx context.Context, l db.BillLink) (db.BillLink, error)
	BillLinks(ctx context.Context, campaignID int64) ([]db.BillLink, error)
}

// maxUnmatchedShown is how many groups of unmatched rows the import dialog lists
// (a group: one table, name and reason); the rest are counted.
const maxUnmatchedShown = 60

// sessionImport is the dialog of one session import: the dry run's summary, then
// the import's result and its Undo.
type sessionImport struct {
	r      *recordScreen
	target string // the zip, or the folder of CSV tables
	d      dialog.Dialog
	text   *widget.Label
	status *widget.Label
	run    *widget.Button // Import
	undo   *widget.Button
	close  *widget.Button
	row    *fyne.Container // the buttons, laid out again when one shows or hides
	batch  int64

	// exported is the day Open States made the export, as the lead reads it there:
	// the app's `import session --exported`. Only a date given so withdraws the
	// sponsorships a newer export no longer lists; the files' own date is a guess.
	exported *widget.Entry
	dateNote *widget.Label // what the date does, or why it is refused
	// when is the date the summary shown was worked out with (zero: the files'
	// guess): Import imports with it, so it does what the summary said.
	when time.Time
	gen  int // the latest date typed; a dry run for an earlier one is dropped
}

// exportedHint is what the Exported on field does, under it.
const exportedHint = "The day Open States made the export, as its download page shows it. Only a date typed here " +
	"withdraws the sponsorships a newer export no longer lists: the files' own date is a guess."

// nothingWritten is the dialog's status before Import.
const nothingWritten = "Nothing is written yet. Import keeps it as one import, which Undo takes back."

// appWording puts the command line's advice in the app's words: here the date is
// typed in the dialog, not given with --exported.
var appWording = strings.NewReplacer("give --exported DATE", "type the date in Exported on")

// sessionTarget is what to read for the file the lead chose: a zip as it is, a CSV
// (any table of an unpacked export) its folder.
func sessionTarget(path string) string {
	if strings.EqualFold(filepath.Ext(path), ".csv") {
		return filepath.Dir(path)
	}
	return path
}

// onImportSession asks for the export: the zip as downloaded, or any CSV of its
// unpacked folder (the folder is read).
func (r *recordScreen) onImportSession() {
	prefs := newSettings(fyne.CurrentApp())
	chooseFileAsync(r.w, prefs, fileRequest{title: "Open a session export (its .zip, or any CSV of its folder)",
		exts: []string{".zip", ".csv"}, folder: startFolder(prefs, false)}, func(path string) { r.dryRunSessionAsync(path) }, nil)
}

// dryRunSessionAsync reads the export and works out, writing nothing, what importing
// it would keep; the dialog shows that with Import and Cancel. The channel closes
// once the dialog is shown (or the error).
func (r *recordScreen) dryRunSessionAsync(path string) <-chan struct{} {
	si := &sessionImport{r: r, target: sessionTarget(path)}
	r.session = si
	done := make(chan struct{})
	background(func() {
		defer close(done)
		text, _, err := si.work(true, time.Time{})
		if err != nil {
			showErrorAsync(r.w, err)
			return
		}
		doUIAndWait(func() { si.show(text) })
	})
	return done
}

// work reads the export and imports it (a dry run when dry), dated when (zero: by
// its files, a guess). Off the UI goroutine.
func (si *sessionImport) work(dry bool, when time.Time) (string, db.SessionImportSummary, error) {
	ss, ok := si.r.store.(sessionStore)
	if !ok {
		return "", db.SessionImportSummary{}, errors.New("this data file cannot import a session export")
	}
	sf, err := importer.ReadSession(si.target, when, "")
	if err != nil {
		return "", db.SessionImportSummary{}, err
	}
	sum, err := ss.ImportSession(context.Background(), &sf.SessionExport, db.ImportOptions{DryRun: dry, Source: sf.Source})
	if err != nil {
		return "", sum, err
	}
	return sessionSummaryText(sf, sum, dry), sum, nil
}

// show opens the dialog on the dry run's summary. UI goroutine only.
func (si *sessionImport) show(text string) {
	si.text = widget.NewLabel(text)
	si.text.Wrapping = fyne.TextWrapWord
	si.status = lowLabel(nothingWritten)
	si.status.Wrapping = fyne.TextWrapWord
	si.run = widget.NewButtonWithIcon("Import", theme.DownloadIcon(), si.onImport)
	si.run.Importance = widget.HighImportance
	si.undo = widget.NewButtonWithIcon("Undo", theme.ContentUndoIcon(), si.onUndo)
	si.undo.Hide()
	si.close = widget.NewButton("Cancel", func() { si.d.Hide() })
	scroll := container.NewVScroll(si.text)
	scroll.SetMinSize(fyne.NewSize(640, 380))
	si.row = container.NewHBox(layout.NewSpacer(), si.close, si.undo, si.run)
	si.exported = widget.NewEntry()
	si.exported.PlaceHolder = "YYYY-MM-DD, e.g. 2026-04-05 (empty: the files' date, a guess)"
	si.exported.OnChanged = func(text string) { si.redateAsync(text) }
	si.dateNote = lowLabel(exportedHint)
	dated := container.NewBorder(nil, si.dateNote, widget.NewLabel("Exported on"), nil, si.exported)
	body := container.NewBorder(dated, container.NewVBox(si.status, si.row),
		nil, nil, scroll)
	si.d = dialog.NewCustomWithoutButtons("Import the session export "+filepath.Base(si.target), body, si.r.w)
	si.d.Show()
}

// redateAsync works the dry run out again with the date typed in Exported on, so the
// summary says what Import will do with it (what it withdraws, or why it withdraws
// nothing); Import waits for it, and for a date it can read. The channel closes once
// the summary is shown (or why not).
func (si *sessionImport) redateAsync(text string) <-chan struct{} {
	done := make(chan struct{})
	si.gen++
	gen := si.gen
	si.run.Disable()
	var when time.Time
	if text = strings.TrimSpace(text); text != "" {
		var err error
		if when, err = time.ParseInLocation(time.DateOnly, text, time.Local); err != nil {
			si.dateNote.Importance = widget.DangerImportance
			si.dateNote.SetText(fmt.Sprintf("%q is not a date like 2026-04-05: Import waits for one (or for the field to be empty).", text))
			close(done)
			return done
		}
	}
	si.dateNote.Importance = widget.LowImportance
	si.dateNote.SetText(exportedHint)
	si.status.SetText("Reading the export again with this date…")
	background(func() {
		defer close(done)
		summary, _, err := si.work(true, when)
		doUIAndWait(func() {
			if gen != si.gen {
				return // another date was typed meanwhile; its dry run says
			}
			if err != nil {
				si.status.SetText("Not read: " + oneLine(err))
				return
			}
			si.when = when
			si.text.SetText(summary)
			si.status.SetText(nothingWritten)
			si.run.Enable()
		})
	})
	return done
}

// onImport runs the import and shows its result, with Undo.
func (si *sessionImport) onImport() {
	si.runAsync()
}

// runAsync imports the export; the channel closes once the result is shown.
func (si *sessionImport) runAsync() <-chan struct{} {
	si.run.Disable()
	si.close.Disable()
	si.exported.Disable() // the import is dated by the summary's date
	si.status.SetText("Importing…")
	when := si.when
	done := make(chan struct{})
	background(func() {
		defer close(done)
		text, sum, err := si.work(false, when)
		doUIAndWait(func() {
			si.close.Enable()
			si.close.SetText("Close")
			if err != nil {
				si.run.Enable()
				si.exported.Enable()
				si.status.SetText("Not imported: " + oneLine(err))
				return
			}
			si.run.Hide()
			si.text.SetText(text)
			si.batch = sum.BatchID
			if sum.BatchID != 0 {
				si.status.SetText(fmt.Sprintf("Imported as import %d. Undo takes it back as if it never happened.", sum.BatchID))
				si.undo.Show()
			} else {
				si.status.SetText("0 changed: everything in this export was already here.")
			}
			si.row.Refresh()
			si.r.refreshAsync()
		})
	})
	return done
}

// onUndo takes the import back.
func (si *sessionImport) onUndo() { si.undoAsync() }

// undoAsync takes the import back through the store's import undo; the channel
// closes once what it did is said.
func (si *sessionImport) undoAsync() <-chan struct{} {
	si.undo.Disable()
	batch := si.batch
	done := make(chan struct{})
	background(func() {
		defer close(done)
		ss := si.r.store.(sessionStore)
		sum, err := ss.UndoImport(context.Background(), batch)
		doUIAndWait(func() {
			if err != nil {
				si.undo.Enable()
				si.status.SetText("Not undone: " + oneLine(err))
				return
			}
			si.undo.Hide()
			si.row.Refresh()
			said := fmt.Sprintf("Import %d undone: %d records it created deleted, %d it changed put back as they were", batch, sum.Deleted, sum.Restored)
			if sum.StanceChanges > 0 {
				said += fmt.Sprintf(", %d stance changes taken out of the whip count", sum.StanceChanges)
			}
			if sum.Trashed > 0 {
				said += fmt.Sprintf("; %d it created are in the trash, as records made since cite them", sum.Trashed)
			}
			si.status.SetText(said + ".")
			si.r.refreshAsync()
		})
	})
	return done
}

// oneLine is an error as one line.
func oneLine(err error) string {
	return strings.Join(strings.Fields(err.Error()), " ")
}

// sessionSummaryText says what a session import kept (or would keep), as the
// command line's `import session` does: the bills taken, the counts, what the export
// lacked, every unmatched row (one name and reason a line, with its lines) and the
// notes (a campaign bill the session has under its number but no link names).
func sessionSummaryText(sf *importer.SessionFile, sum db.SessionImportSummary, dry bool) string {
	var b strings.Builder
	verb := "Imported"
	if dry {
		verb = "Dry run, nothing written. Would import"
	}
	fmt.Fprintf(&b, "%s session %s of %s from %s (exported %s, %s): %d bills in the export.\n", verb, sf.Session, sf.State,
		sf.Source, sum.Zone.In(sf.ExportedAt).Format(time.DateOnly), sf.ExportedFrom, len(sf.Bills))
	if len(sum.Bills) == 0 {
		b.WriteString("\nNo campaign bill is matched to a bill of this session.\n")
	} else {
		b.WriteString("\nMatched:\n")
	}
	for _, t := range sum.Bills {
		how := map[string]string{"number": "its own number", "link": "linked by hand", "docket": "through its docket"}[t.MatchedBy]
		fmt.Fprintf(&b, "  campaign %d, %s: %s %q (%s)\n", t.CampaignID, t.CampaignBill, t.Identifier, t.Title, how)
	}
	fmt.Fprintf(&b, "\nNew: %d sponsorships (%d matched to legislators), %d roll calls, %d votes (%d by voter_id, %d by name), "+
		"%d stance changes; %d already there.\n", sum.Sponsorships, sum.SponsorshipsMatched, sum.RollCalls, sum.Votes,
		sum.VotesMatched, sum.VotesByName, sum.StanceChanges, sum.Unchanged)
	if line := sum.RematchedLine(); line != "" {
		b.WriteString(strings.ToUpper(line[:1]) + line[1:] + ".\n")
	}
	if len(sf.Missing) > 0 {
		fmt.Fprintf(&b, "Not in the export: %s (a zip leaves out tables without rows).\n", strings.Join(sf.Missing, ", "))
	}
	if len(sf.Ignored) > 0 {
		fmt.Fprintf(&b, "Left out, not tables of a session export: %s.\n", strings.Join(sf.Ignored, ", "))
	}
	if len(sum.Notes) > 0 || len(sum.NotTaken) > 0 {
		b.WriteString("\n")
		for _, n := range sum.Notes {
			b.WriteString(n + "\n")
		}
		for _, n := range sum.NotTaken {
			how := fmt.Sprintf("click Link a bill to a session… on the Record screen, choose %s, type %s as the session", n.CampaignBill, n.Session)
			if !n.NamesCampaign {
				how += " and its number there"
			}
			b.WriteString(n.Note(how+", save, then import the export again") + ".\n")
		}
	}
	if note := sum.NoneLinkedNote(sf.State, sf.Session, func(c db.CampaignBillRef) string {
		return fmt.Sprintf("click Link a bill to a session… on the Record screen, choose %s, type %s as the session and its number there, save", c.Bill, sf.Session)
	}); note != "" {
		b.WriteString("\n" + strings.ToUpper(note[:1]) + note[1:] + ".\n")
	}
	writeUnmatched(&b, sum.Unmatched)
	return appWording.Replace(strings.TrimRight(b.String(), "\n"))
}

// writeUnmatched lists the rows not tied to a legislator: rows of one table, name and
// reason on one line with their line numbers, the largest groups first.
func writeUnmatched(b *strings.Builder, list []db.Unmatched) {
	if len(list) == 0 {
		return
	}
	groups := db.GroupUnmatched(list)
	fmt.Fprintf(b, "\nNot matched to a legislator: %d rows, and why:\n", len(list))
	for i, g := range groups {
		if i == maxUnmatchedShown {
			fmt.Fprintf(b, "  … and %d more names\n", len(groups)-i)
			break
		}
		where := fmt.Sprintf("line %d", g.Lines[0])
		if len(g.Lines) > 1 {
			var ls []string
			for j, l := range g.Lines {
				if j == 8 {
					ls = append(ls, fmt.Sprintf("… %d lines in all", len(g.Lines)))
					break
				}
				ls = append(ls, fmt.Sprint(l))
			}
			where = "lines " + strings.Join(ls, ", ")
		}
		fmt.Fprintf(b, "  %s %q (%s): %s\n", g.Table, g.Name, where, g.Reason)
	}
}

var _ sessionStore = (*db.Store)(nil)
