package ui

import (
	"slices"

	"fyne.io/fyne/v2"

	"github.com/chapterdesk/chapterdesk/db"
)

// Preference keys, all in one place: screens read and write settings through the
// typed methods of settings, never by these strings.
const (
	prefWindowWidth  = "window.width"
	prefWindowHeight = "window.height"
	prefTheme        = "theme"
	prefStaleDays    = "dashboard.stale_days"
	prefDebugErrors  = "debug.errors"
	prefRecentDirs   = "files.recent_folders"
	prefCampaign     = "campaign.chosen"
	// prefRecentServers: chapter server addresses, never with a password.
	prefRecentServers = "servers.recent"
	// prefLeadChapter + a server's user@host/database: the chapter (its name) a lead
	// of several chapters last worked on there.
	prefLeadChapter = "servers.chapter."
)

// Theme choices for the Settings screen.
const (
	themeSystem = "system"
	themeLight  = "light"
	themeDark   = "dark"
)

// defaultWindowSize fits a 1280×800 laptop screen with room for the task bar.
var defaultWindowSize = fyne.NewSize(1100, 720)

// settings is the app's typed view of Fyne's preferences store.
type settings struct{ p fyne.Preferences }

func newSettings(a fyne.App) settings { return settings{p: a.Preferences()} }

// windowSize is the size the window had when it was last closed.
func (s settings) windowSize() fyne.Size {
	w := s.p.FloatWithFallback(prefWindowWidth, float64(defaultWindowSize.Width))
	h := s.p.FloatWithFallback(prefWindowHeight, float64(defaultWindowSize.Height))
	// A size from a larger monitor, or a broken value, must not hide the window.
	if w < 640 || h < 480 || w > 8000 || h > 8000 {
		return defaultWindowSize
	}
	return fyne.NewSize(float32(w), float32(h))
}

func (s settings) setWindowSize(size fyne.Size) {
	s.p.SetFloat(prefWindowWidth, float64(size.Width))
	s.p.SetFloat(prefWindowHeight, float64(size.Height))
}

// theme is themeSystem, themeLight or themeDark.
func (s settings) theme() string {
	switch t := s.p.StringWithFallback(prefTheme, themeSystem); t {
	case themeLight, themeDark:
		return t
	default:
		return themeSystem
	}
}

func (s settings) setTheme(t string) { s.p.SetString(prefTheme, t) }

// staleDays is how long without a call makes a legislator one of the dashboard's
// next targets.
func (s settings) staleDays() int {
	d := s.p.IntWithFallback(prefStaleDays, 14)
	if d < 1 || d > 365 {
		return 14
	}
	return d
}

func (s settings) setStaleDays(d int) { s.p.SetInt(prefStaleDays, d) }

// debugErrors shows raw errors under the friendly ones.
func (s settings) debugErrors() bool { return s.p.BoolWithFallback(prefDebugErrors, false) }

func (s settings) setDebugErrors(on bool) { s.p.SetBool(prefDebugErrors, on) }

// maxRecentFolders is how many folders the file dialogs remember.
const maxRecentFolders = 8

// recentFolders are the folders files were last opened from or saved to, newest
// first, kept from one run to the next.
func (s settings) recentFolders() []string {
	return slices.Clone(s.p.StringListWithFallback(prefRecentDirs, nil))
}

// addRecentFolder puts dir first among the recent folders.
func (s settings) addRecentFolder(dir string) {
	if dir == "" {
		return
	}
	list := []string{dir}
	for _, d := range s.recentFolders() {
		if d != dir && len(list) < maxRecentFolders {
			list = append(list, d)
		}
	}
	s.p.SetStringList(prefRecentDirs, list)
}

// chosenCampaign is the UUID of the campaign the screens work on ("" for the newest).
func (s settings) chosenCampaign() string {
	if s.p == nil {
		return ""
	}
	return s.p.StringWithFallback(prefCampaign, "")
}

func (s settings) setChosenCampaign(uuid string) {
	if s.p != nil {
		s.p.SetString(prefCampaign, uuid)
	}
}

// leadChapter is the chapter a lead of several chapters last chose on the server
// named server (db.ServerName's user@host/database), by name; "" if none.
func (s settings) leadChapter(server string) string {
	if s.p == nil || server == "" {
		return ""
	}
	return s.p.StringWithFallback(prefLeadChapter+server, "")
}

func (s settings) setLeadChapter(server, chapter string) {
	if s.p != nil && server != "" {
		s.p.SetString(prefLeadChapter+server, chapter)
	}
}

// maxRecentServers is how many chapter servers the connect dialog remembers.
const maxRecentServers = 6

// recentServers are the chapter servers last connected to, newest first: addresses
// without a password (one that holds a password is never kept, nor offered).
func (s settings) recentServers() []string {
	var out []string
	for _, a := range s.p.StringListWithFallback(prefRecentServers, nil) {
		if db.IsServer(a) && !db.PasswordIn(a) {
			out = append(out, a)
		}
	}
	return out
}

// addRecentServer puts addr first among the recent servers; an address that holds a
// password is not kept.
func (s settings) addRecentServer(addr string) {
	if addr == "" || !db.IsServer(addr) || db.PasswordIn(addr) {
		return
	}
	list := []string{addr}
	for _, a := range s.recentServers() {
		if a != addr && len(list) < maxRecentServers {
			list = append(list, a)
		}
	}
	s.p.SetStringList(prefRecentServers, list)
}
