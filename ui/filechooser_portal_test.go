//go:build (linux || freebsd || netbsd || openbsd) && !android

package ui

import (
	"bufio"
	"context"
	"errors"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"
)

// fakePortal is an XDG desktop portal's FileChooser on a private session bus: it
// answers each request with the file it was given, as GNOME's portal does (a
// request handle, then a Response signal sent to the caller on that handle).
type fakePortal struct {
	conn   *dbus.Conn
	answer string // the file:// URI chosen; "" to cancel
	mu     sync.Mutex
	asked  []map[string]dbus.Variant
	stop   chan struct{}  // ends the current request's responses
	sent   sync.WaitGroup // the responder goroutine
}

func (p *fakePortal) OpenFile(sender dbus.Sender, parent, title string, opts map[string]dbus.Variant) (dbus.ObjectPath, *dbus.Error) {
	return p.request(sender, opts), nil
}

func (p *fakePortal) SaveFile(sender dbus.Sender, parent, title string, opts map[string]dbus.Variant) (dbus.ObjectPath, *dbus.Error) {
	return p.request(sender, opts), nil
}

// Get is org.freedesktop.DBus.Properties.Get: the FileChooser's version.
func (p *fakePortal) Get(iface, prop string) (dbus.Variant, *dbus.Error) {
	if iface == portalFileIface && prop == "version" {
		return dbus.MakeVariant(uint32(4)), nil
	}
	return dbus.Variant{}, dbus.MakeFailedError(errors.New("no such property"))
}

// request records the options and sends the response. The caller listens for it
// only after the call returns, so it is sent again until the next request (the
// caller takes the first it gets); the responses to the request before have all
// been sent by the time this one is answered, so none of them reaches this caller.
func (p *fakePortal) request(sender dbus.Sender, opts map[string]dbus.Variant) dbus.ObjectPath {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.asked = append(p.asked, opts)
	p.endResponses()
	stop := make(chan struct{})
	p.stop = stop
	handle := dbus.ObjectPath("/org/freedesktop/portal/desktop/request/1_1/chapterdesk")
	status, results := uint32(0), map[string]dbus.Variant{"uris": dbus.MakeVariant([]string{p.answer})}
	if p.answer == "" {
		status, results = 1, map[string]dbus.Variant{}
	}
	p.sent.Add(1)
	go func() {
		defer p.sent.Done()
		for {
			msg := &dbus.Message{Type: dbus.TypeSignal, Headers: map[dbus.HeaderField]dbus.Variant{
				dbus.FieldPath:        dbus.MakeVariant(handle),
				dbus.FieldInterface:   dbus.MakeVariant("org.freedesktop.portal.Request"),
				dbus.FieldMember:      dbus.MakeVariant("Response"),
				dbus.FieldDestination: dbus.MakeVariant(string(sender)),
				dbus.FieldSignature:   dbus.MakeVariant(dbus.SignatureOf(status, results)),
			}, Body: []any{status, results}}
			p.conn.Send(msg, nil)
			select {
			case <-stop:
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	}()
	return handle
}

// setAnswer sets the URI the next request is answered with.
func (p *fakePortal) setAnswer(uri string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.answer = uri
}

// lastAsked is the options of the last request.
func (p *fakePortal) lastAsked() map[string]dbus.Variant {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.asked[len(p.asked)-1]
}

// endResponses stops the responses to the last request and waits for them.
func (p *fakePortal) endResponses() {
	if p.stop != nil {
		close(p.stop)
		p.stop = nil
	}
	p.sent.Wait()
}

// startPortalBus starts a private session bus with a fake portal on it and points
// the process at it; without dbus-daemon the test is skipped.
func startPortalBus(t *testing.T) *fakePortal {
	t.Helper()
	daemon, err := exec.LookPath("dbus-daemon")
	if err != nil {
		t.Skip("no dbus-daemon to run a session bus on")
	}
	cmd := exec.Command(daemon, "--session", "--nofork", "--print-address=1")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	addr, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	addr = strings.TrimSpace(addr)
	conn, err := dbus.Connect(addr)
	if err != nil {
		t.Fatal(err)
	}
	p := &fakePortal{conn: conn}
	t.Cleanup(func() { p.mu.Lock(); p.endResponses(); p.mu.Unlock(); conn.Close() })
	if err := conn.Export(p, portalObjectPath, portalFileIface); err != nil {
		t.Fatal(err)
	}
	if err := conn.Export(p, portalObjectPath, "org.freedesktop.DBus.Properties"); err != nil {
		t.Fatal(err)
	}
	if reply, err := conn.RequestName(portalBusName, dbus.NameFlagDoNotQueue); err != nil || reply != dbus.RequestNameReplyPrimaryOwner {
		t.Fatal(reply, err)
	}
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", addr)
	return p
}

// TestPortalChooser asks a portal on a real (private) session bus: the probe finds
// it, the request carries the folder, the name and the filter, and the URI answered
// becomes the path, spaces and accents included.
func TestPortalChooser(t *testing.T) {
	p := startPortalBus(t)
	p.setAnswer("file:///home/lead/Descargas/formulario de llamadas – José.csv")
	c := &portalChooser{}
	path, err := c.choose(context.Background(), "", fileRequest{title: "Open a CSV file", exts: []string{".csv", ".txt"}, folder: "/home/lead/Descargas"})
	if err != nil || path != "/home/lead/Descargas/formulario de llamadas – José.csv" {
		t.Fatalf("%q %v", path, err)
	}
	opts := p.lastAsked()
	if folder := opts["current_folder"].Value().([]byte); string(folder) != "/home/lead/Descargas\x00" {
		t.Errorf("current_folder %q", folder)
	}
	if f := opts["current_filter"].String(); !strings.Contains(f, "*.csv") || !strings.Contains(f, "*.TXT") {
		t.Errorf("current_filter %s", f)
	}
	t.Run("a save names the file suggested", func(t *testing.T) {
		p.setAnswer("file:///home/lead/leaflet-es-trifold-letter.pdf")
		path, err := c.choose(context.Background(), "", fileRequest{save: true, title: "Save the PDF", exts: []string{".pdf"}, name: "leaflet-es-trifold-letter.pdf"})
		if err != nil || path != "/home/lead/leaflet-es-trifold-letter.pdf" {
			t.Fatalf("%q %v", path, err)
		}
		if name := p.lastAsked()["current_name"].Value(); name != "leaflet-es-trifold-letter.pdf" {
			t.Errorf("current_name %v", name)
		}
	})
	t.Run("cancelled in the portal's dialog, no path and no error", func(t *testing.T) {
		p.setAnswer("")
		path, err := c.choose(context.Background(), "", fileRequest{exts: []string{".csv"}})
		if path != "" || err != nil {
			t.Errorf("%q %v", path, err)
		}
	})
}

// TestNoPortal: without a session bus the probe says there is no system chooser
// (and launches no bus of its own); the dialogs then show ChapterDesk's own.
func TestNoPortal(t *testing.T) {
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "")
	t.Setenv("XDG_RUNTIME_DIR", t.TempDir())
	_, err := (&portalChooser{}).choose(context.Background(), "", fileRequest{exts: []string{".csv"}})
	if !errors.Is(err, errNoSystemChooser) {
		t.Errorf("%v, want errNoSystemChooser", err)
	}
}
