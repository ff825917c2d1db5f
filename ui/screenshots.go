package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
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
		fyne.Do(func() { done(err) })
	}()
}

func (m *mainWindow) captureScreens(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	type shot struct {
		name string
		show func()
	}
	var shots []shot
	for i, tab := range m.tabs.Items {
		shots = append(shots, shot{tab.Text, func() { m.show(i) }})
	}
	shots = append(shots, shot{"Volunteer form", func() { m.show(screenVolunteers); m.volunteers.list.Select(0) }})
	time.Sleep(screenshotSettle)
	for i, s := range shots {
		fyne.DoAndWait(s.show)
		time.Sleep(screenshotSettle)
		name := fmt.Sprintf("%02d-%s.png", i+1, strings.NewReplacer(" ", "-", "&", "and").Replace(strings.ToLower(s.name)))
		path := filepath.Join(dir, name)
		fmt.Println("shot", path)
		if err := waitForFile(path, 15*time.Second); err != nil {
			return err
		}
	}
	return nil
}

func waitForFile(path string, limit time.Duration) error {
	for end := time.Now().Add(limit); time.Now().Before(end); time.Sleep(100 * time.Millisecond) {
		if _, err := os.Stat(path); err == nil {
			return nil
		}
	}
	return fmt.Errorf("no screenshot was written to %s", path)
}
