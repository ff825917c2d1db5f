package ui

import (
	"github.com/chapterdesk/chapterdesk/db"

	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
)

// screenshotSettle is how long each screen gets to load its data and draw before
// it is captured.
const screenshotSettle = 2 * time.Second

// captureScreensAsync shows every screen in turn for `make screenshots`, then calls
// done. For each screen it prints "shot PATH" on stdout and waits for PATH to appear:
// the script that started the app (.ci/screenshots.sh) captures the X display into
// it, so the picture is what the real window drew.
func (m *mainWindow) captureScreensAsync(dir string, done func(error)) {
	go func() {
		err := m.captureScreens(dir)
		doUI(func() { done(err) })
	}()
}

// shot is one screen to capture: show brings it up (on the UI goroutine), settle is
// how long it gets to draw (0: screenshotSettle).
type shot struct {
	name   string
	show   func()
	settle time.Duration
	// before runs ahead of show and after once the shot is taken, both off the UI
	// goroutine (database work); an error stops the shots.
	before, after func() error
}

func (m *mainWindow) captureScreens(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	var shots []shot
	for i, tab := range m.tabs.Items {
		shots = append(shots, shot{name: tab.Text, show: func() { m.tabs.SelectIndex(i) }})
	}
	if m.who.Kind == db.LoginCoordinator || (m.who.Kind == db.LoginLead && len(m.who.Chapters) > 1) {
		// The coalition's logins (issue 18): their own shots only; the rest would
		// import into, and change, a server others share.
		shots = append(shots, m.coalitionShots()...)
		return m.takeShots(dir, shots)
	}
	shots = append(shots, shot{name: "Volunteer form", show: func() { m.show(screenVolunteers); m.volunteers.list.Select(0) }},
		// "lean" then Enter in Stance heard: two choices begin so, and the form says so
		// instead of taking one (issue 15).
		shot{name: "Call form, a stance typed that two choices begin", show: func() {
			m.show(screenCalls)
			f := m.calls.form
			m.w.Canvas().Focus(f.stance)
			f.stance.SetText("lean")
			f.stance.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
		}})
	shots = append(shots, shot{name: "Dashboard, the whip board", show: func() {
		m.show(screenDashboard)
		done := m.home.refreshAsync()
		go func() {
			<-done
			doUI(func() {
				if sc, ok := m.home.content.(*container.Scroll); ok {
					sc.ScrollToOffset(fyne.NewPos(0, 300))
				}
			})
		}()
	}})
	shots = append(shots, shot{name: "Legislator, the official record", show: func() {
		m.show(screenLegislators)
		for i, r := range m.legislators.shown {
			if r.Chamber == db.ChamberLower {
				m.legislators.list.Select(i)
				loaded := m.legislators.loaded
				go func() {
					<-loaded
					doUI(func() {
						if sc, ok := m.legislators.detail.content.(*container.Scroll); ok {
							sc.ScrollToBottom()
						}
					})
				}()
				break
			}
		}
	}})
	shots = append(shots, m.recordShots()...)
	if m.files != nil {
		files, err := os.MkdirTemp("", "chapterdesk-shots-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(files)
		wizard, err := m.importShots(files)
		if err != nil {
			return err
		}
		shots = append(shots, wizard...)
		// After the wizard's shots: these import a session's record (and undo that
		// when done).
		shots = append(shots, m.sessionShots()...)
		firstDay, restore := m.firstDayShots(files)
		defer doUIAndWait(restore)
		shots = append(shots, firstDay...)
		server, restoreServers := m.serverShots()
		defer doUIAndWait(restoreServers)
		shots = append(shots, server...)
	}
	return m.takeShots(dir, shots)
}

// takeShots shows each shot in turn and waits for its picture.
func (m *mainWindow) takeShots(dir string, shots []shot) error {
	time.Sleep(screenshotSettle)
	for i, s := range shots {
		if s.before != nil {
			if err := s.before(); err != nil {
				return fmt.Errorf("shot %q: %w", s.name, err)
			}
		}
		doUIAndWait(s.show)
		settle := s.settle
		if settle == 0 {
			settle = screenshotSettle
		}
		time.Sleep(settle)
		name := fmt.Sprintf("%02d-%s.png", i+1, strings.NewReplacer(" ", "-", "&", "and", ",", "", "'", "").Replace(strings.ToLower(s.name)))
		path := filepath.Join(dir, name)
		fmt.Println("shot", path)
		if err := waitForFile(path, 15*time.Second); err != nil {
			return err
		}
		if s.after != nil {
			if err := s.after(); err != nil {
				return fmt.Errorf("shot %q: %w", s.name, err)
			}
		}
	}
	return nil
}

// screenshotSignUp is a sign-up sheet no known export has, with one bad row: the
// import wizard's shots map, preview, import and undo it.
const screenshotSignUp = "Given,Surname,E-mail,Cell,Town,Languages spoken\r\n" +
	"Rosa,Almeida,rosa.almeida@example.org,508-555-0142,Framingham,Portuguese\r\n" +
	"Tomás,Guerrero,tomas.g@example.org,,Worcester,Spanish\r\n" +
	"Keisha,Brown,keisha@example.org,617-555-0190,Dorchester,\r\n" +
	"Minh,Tran,minh.tran-at-example.org,617-555-0177,Quincy,Vietnamese\r\n"

// screenshotCalls is the call report form's export, as a Google Form writes it,
// naming legislators of the demo chapter (seed 1).
const screenshotCalls = "Timestamp,Your name,Your email,Your town,Legislator called,Which office,What happened?,What did they say about the bill?,Notes\r\n" +
	"11/18/2026 18:02:11,Rosa Almeida,rosa.almeida@example.org,Framingham,Sen. Liam Magalhães,State House (Boston),Talked to staff,Undecided,Staff took my name and zip\r\n" +
	"11/18/2026 18:40:52,Keisha Brown,keisha@example.org,Dorchester,Rep. Liam Scott,District office,Left a voicemail,Didn't say,\r\n" +
	"11/19/2026 12:15:03,Tomás Guerrero,tomas.g@example.org,Worcester,Sen. Aisha Torres,Both,Talked to the legislator,Supports the bill,\"She will sign on as a cosponsor\"\r\n" +
	// Answers the summary has a check: line for, and a row left out (s35): the
	// preview and the result show them as the command line prints them.
	"11/19/2026 12:40:18,Keisha Brown,keisha@example.org,Dorchester,Rep. Liam Scott,State House (Boston),Talked to staff,N/A,\r\n" +
	"11/19/2026 13:02:44,Rosa Almeida,rosa.almeida@example.org,Framingham,my rep,District office,Left a voicemail,,\r\n" +
	// A staffer's answer read as Didn't say, and a family name one letter off the
	// directory's (Sen. Luis Pereira), filed with a correction: both listed.
	"11/19/2026 13:20:05,Tomás Guerrero,tomas.g@example.org,Worcester,Sen. Perreira,District office,Talked to staff,Will look into it,\r\n"

// importShots writes the files the import wizard's shots open into dir and returns
// the shots: the file step before and after mapping, the preview with its bad row,
// the result, the undo, and the progress bar (the dry run of a large file, cancelled).
func (m *mainWindow) importShots(dir string) ([]shot, error) {
	small := filepath.Join(dir, "spring-sign-ups.csv")
	if err := os.WriteFile(small, []byte(screenshotSignUp), 0o600); err != nil {
		return nil, err
	}
	var b strings.Builder
	b.WriteString("nationbuilder_id,first_name,last_name,email,phone_number,primary_city,tag_list\r\n")
	for i := range 400000 {
		fmt.Fprintf(&b, "%d,Shot%d,Volunteer,shot%d@example.org,617-555-%04d,Boston,\"phonebank, spanish\"\r\n", 900000+i, i, i, i%10000)
	}
	large := filepath.Join(dir, "nationbuilder-export.csv")
	if err := os.WriteFile(large, []byte(b.String()), 0o600); err != nil {
		return nil, err
	}
	calls := filepath.Join(dir, "call-report-form.csv")
	if err := os.WriteFile(calls, []byte(screenshotCalls), 0o600); err != nil {
		return nil, err
	}
	var z *importWizard
	var presets *presetsDialog
	var workbook <-chan struct{} // closed once the workbook is written and said
	mapped := map[string]string{"first_name": "Given", "last_name": "Surname", "email": "E-mail", "mobile": "Cell",
		"city": "Town", "languages": "Languages spoken"}
	return []shot{
		{name: "Import, the file", show: func() { m.show(screenExport); z = m.export.imports.open("volunteers", small) }},
		{name: "Import, the file mapped", show: func() {
			// No name to save the mapping under: a saved one would recognise the file
			// in the next run's first shot.
			for f, col := range mapped {
				z.mapping.columns[f].SetSelected(col)
			}
		}},
		{name: "Import, preview", show: func() { z.onPreview() }},
		{name: "Import, good rows chosen", show: func() {
			z.preview.setRejects(filepath.Join(dir, "spring-sign-ups-rejected.csv"))
			z.preview.skipBad.SetChecked(true)
		}},
		{name: "Import, done", show: func() { z.onImport() }},
		{name: "Import, undo", show: func() { z.onUndo() }},
		{name: "Import, undone", show: func() {
			if top := m.w.Canvas().Overlays().Top(); top != nil { // the confirmation, answered below
				top.Hide()
				m.w.Canvas().Overlays().Remove(top)
			}
			z.undoAsync(z.undo, z.result.Summary.BatchID, z.showUndone)
		}},
		{name: "Import, reading a large file", settle: 3 * time.Second, show: func() {
			z.close()
			z = m.export.imports.open("volunteers", large)
			go func() { // the file step shows once the header is read; then the dry run starts
				time.Sleep(500 * time.Millisecond)
				doUI(z.onPreview)
			}()
		}},
		{name: "Import, preview stopped", show: func() { z.onCancel() }},
		{name: "Print and export after the imports", show: func() { z.close() }},
		{name: "Import call reports, options", show: func() {
			z = m.export.imports.open("calls", calls)
		}},
		// The demo's 200,000 reports take the dry run and the import some seconds.
		{name: "Import call reports, preview", settle: 10 * time.Second, show: func() {
			z.mapping.options.stances.SetChecked(true)
			z.onPreview()
		}},
		{name: "Import call reports, done", settle: 10 * time.Second, show: func() { z.onImport() }},
		{name: "Import call reports, undone", settle: 5 * time.Second, show: func() {
			if z.undo != nil && !z.undo.Disabled() { // the import done (its shot shows it if not)
				z.undoAsync(z.undo, z.result.Summary.BatchID, z.showUndone)
			}
		}},
		{name: "Print and export after the call reports", show: func() { z.close() }},
		{name: "Saved column mappings", show: func() { presets = showPresetsAsync(m.w, m.export.store) }},
		{name: "Print and export after the mappings", show: func() { presets.dlg.Hide() }},
		{name: "Workbook, writing", settle: 1500 * time.Millisecond, show: func() {
			// The whole campaign, so the bar has time to move.
			m.export.from.SetText("2000-01-01")
			book := filepath.Join(dir, "coalition-workbook.xlsx")
			args := m.export.workbookArgs(book)
			workbook = m.export.runAsync("Writing the workbook", func(ctx context.Context) (string, error) {
				return m.files.RunVerb(ctx, args...)
			}, book)
		}},
		// Waits for the workbook: on a busy machine it took longer than the shot's
		// wait, and its "Saved" dialog came up over the shots after.
		{name: "Workbook, saved", before: func() error {
			select {
			case <-workbook:
				return nil
			case <-time.After(2 * time.Minute):
				return errors.New("the workbook was not written in 2 minutes")
			}
		}, show: func() {}},
	}, nil
}

func waitForFile(path string, limit time.Duration) error {
	for end := time.Now().Add(limit); time.Now().Before(end); time.Sleep(100 * time.Millisecond) {
		if _, err := os.Stat(path); err == nil {
			return nil
		}
	}
	return fmt.Errorf("no screenshot was written to %s", path)
}
