//go:build (linux || freebsd || netbsd || openbsd) && !android

package ui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/godbus/dbus/v5"
	"github.com/rymdport/portal/filechooser"
)

func init() { systemFiles = &portalChooser{} }

// portalChooser asks the XDG desktop portal's FileChooser for the file: the
// desktop's own dialog (GNOME's, KDE's), also in a Flatpak sandbox. Fyne uses the
// portal only in a flatpak build and never falls back, so ChapterDesk asks it
// itself, once it knows a portal answers.
type portalChooser struct {
	mu     sync.Mutex
	probed bool
	err    error // why no portal answers (errNoSystemChooser wrapped), after the probe
}

// portalProbeTimeout bounds the probe: a session bus that starts the portal on
// demand answers within a second or two; one that never answers must not leave
// the lead waiting for a dialog.
const portalProbeTimeout = 5 * time.Second

const (
	portalBusName    = "org.freedesktop.portal.Desktop"
	portalObjectPath = "/org/freedesktop/portal/desktop"
	portalFileIface  = "org.freedesktop.portal.FileChooser"
)

// available probes the session bus, once per run, for a portal with a FileChooser.
func (c *portalChooser) available(ctx context.Context) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.probed {
		c.err = probePortal(ctx)
		c.probed = true
	}
	return c.err
}

func probePortal(ctx context.Context) error {
	if !sessionBusKnown() {
		return fmt.Errorf("%w: no session bus", errNoSystemChooser)
	}
	conn, err := dbus.SessionBus()
	if err != nil {
		return fmt.Errorf("%w: %v", errNoSystemChooser, err)
	}
	ctx, cancel := context.WithTimeout(ctx, portalProbeTimeout)
	defer cancel()
	var version dbus.Variant
	err = conn.Object(portalBusName, portalObjectPath).
		CallWithContext(ctx, "org.freedesktop.DBus.Properties.Get", 0, portalFileIface, "version").Store(&version)
	if err != nil {
		return fmt.Errorf("%w: %v", errNoSystemChooser, err)
	}
	return nil
}

// sessionBusKnown reports whether the session bus has an address, where godbus
// looks for one. Without one, godbus would launch a bus of its own (dbus-launch), on
// which no desktop answers.
func sessionBusKnown() bool {
	if a := os.Getenv("DBUS_SESSION_BUS_ADDRESS"); a != "" && a != "autolaunch:" {
		return true
	}
	dir := os.Getenv("XDG_RUNTIME_DIR")
	if dir == "" {
		dir = fmt.Sprintf("/run/user/%d", os.Getuid())
	}
	for _, f := range []string{"bus", "dbus-session"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err == nil {
			return true
		}
	}
	return false
}

func (c *portalChooser) choose(ctx context.Context, parent string, r fileRequest) (string, error) {
	if err := c.available(ctx); err != nil {
		return "", err
	}
	filters := portalFilters(r.exts)
	var uris []string
	var err error
	if r.save {
		uris, err = filechooser.SaveFile(parent, r.title, &filechooser.SaveFileOptions{
			AcceptLabel: "Save", CurrentFolder: r.folder, CurrentName: r.name, Filters: filters, CurrentFilter: filters[0]})
	} else {
		uris, err = filechooser.OpenFile(parent, r.title, &filechooser.OpenFileOptions{
			AcceptLabel: "Open", CurrentFolder: r.folder, Filters: filters, CurrentFilter: filters[0]})
	}
	if err != nil {
		return "", fmt.Errorf("portal file chooser: %w", err)
	}
	if len(uris) == 0 {
		return "", nil // cancelled
	}
	// The library has unescaped the URI already: what follows file:// is the path.
	path, ok := strings.CutPrefix(uris[0], "file://")
	if !ok {
		return "", fmt.Errorf("portal file chooser: %q is not a file", uris[0])
	}
	return path, nil
}

// portalFilters is the filter of the request's extensions, in either case
// ("*.csv", "*.CSV"), named as the dialog's title names the file.
func portalFilters(exts []string) []*filechooser.Filter {
	f := &filechooser.Filter{Name: kindOfFile(exts[0]) + " (" + strings.Join(exts, ", ") + ")"}
	for _, e := range exts {
		f.Rules = append(f.Rules,
			filechooser.Rule{Type: filechooser.GlobPattern, Pattern: "*" + strings.ToLower(e)},
			filechooser.Rule{Type: filechooser.GlobPattern, Pattern: "*" + strings.ToUpper(e)})
	}
	return []*filechooser.Filter{f}
}
