package ui

import (
	"context"
	"errors"
	"net"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"github.com/chapterdesk/chapterdesk/db"
)

// ChapterServers moves the window between the lead's data file and chapter servers
// (a PostgreSQL database several leads share); cmd/'s DataFiles implements it. Its
// methods are slow (they connect to servers): call them off the UI goroutine. An
// address never holds a password: the password travels beside it, and is kept in
// memory only.
type ChapterServers interface {
	// TestServer connects to the chapter database at addr with password ("" for none:
	// PGPASSWORD or ~/.pgpass), checks it is a current ChapterDesk database and
	// disconnects. Nothing switches.
	TestServer(ctx context.Context, addr, password string) error
	// ConnectServer switches to the chapter database at addr; on failure the current
	// store stays open.
	ConnectServer(ctx context.Context, addr, password string) (Store, error)
	// UseDataFile switches back to the lead's own data file.
	UseDataFile(ctx context.Context) (Store, error)
	// Server is the address of the server the window is on (or was started on and
	// could not open), "" on a data file.
	Server() string
}

// onServer reports whether s is on a chapter server rather than a data file.
func onServer(s any) bool {
	o, ok := s.(interface{ OnServer() bool })
	return ok && o.OnServer()
}

// SSL modes the dialog offers, as libpq names them, with what each means.
var sslModes = []struct{ value, label string }{
	{"require", "require (encrypted)"},
	{"verify-full", "verify-full (encrypted, certificate checked)"},
	{"prefer", "prefer (encrypted if the server offers it)"},
	{"disable", "disable (not encrypted: this computer or a private network only)"},
}

// serverFields are the dialog's fields, as typed.
type serverFields struct {
	host, port, database, user, sslMode string
}

// serverTimeout bounds a test or a connect from the dialog.
var serverTimeout = 20 * time.Second

// address is the server address the fields make (a postgres:// URL, never with a
// password), or the one line that says what to fix.
func (f serverFields) address() (string, error) {
	host, port := strings.TrimSpace(f.host), strings.TrimSpace(f.port)
	database, user := strings.TrimSpace(f.database), strings.TrimSpace(f.user)
	switch {
	case host == "":
		return "", errors.New("Give the server's host name (e.g. db.example.org) or its socket folder (e.g. /run/postgresql).")
	case strings.ContainsAny(host, " /:?@") && !strings.HasPrefix(host, "/") && !isIPv6(host):
		return "", errors.New("Give only the server's host name in Host (db.example.org), without a user, port or database.")
	case database == "":
		return "", errors.New("Give the database's name (e.g. chapterdesk).")
	case user == "":
		return "", errors.New("Give your user name on the server.")
	}
	n := 5432
	if port != "" {
		var err error
		if n, err = strconv.Atoi(port); err != nil || n < 1 || n > 65535 {
			return "", errors.New("The port is a number from 1 to 65535 (PostgreSQL's usual port is 5432).")
		}
	}
	u := url.URL{Scheme: "postgres", User: url.User(user), Path: "/" + database}
	q := []string{}
	mode := f.sslMode
	if mode == "" {
		mode = "require"
	}
	if strings.HasPrefix(host, "/") {
		// A Unix socket folder: this computer, no TLS.
		q = append(q, "host="+strings.ReplaceAll(url.QueryEscape(host), "%2F", "/"))
		if n != 5432 {
			q = append(q, "port="+strconv.Itoa(n))
		}
		mode = "disable"
	} else {
		u.Host = host
		if n != 5432 {
			u.Host = net.JoinHostPort(host, strconv.Itoa(n))
		} else if isIPv6(host) {
			u.Host = "[" + host + "]"
		}
	}
	q = append(q, "sslmode="+mode)
	u.RawQuery = strings.Join(q, "&")
	return u.String(), nil
}

func isIPv6(host string) bool {
	ip := net.ParseIP(strings.Trim(host, "[]"))
	return ip != nil && ip.To4() == nil
}

// parseServerAddr reads an address back into the dialog's fields (a recent server,
// or a whole postgres:// URL pasted into Host); password is one the URL held, to be
// moved to the password field.
func parseServerAddr(addr string) (f serverFields, password string, ok bool) {
	addr = strings.TrimSpace(addr)
	f.port = "5432"
	if strings.HasPrefix(addr, "postgres://") || strings.HasPrefix(addr, "postgresql://") {
		u, err := url.Parse(addr)
		if err != nil {
			return f, "", false
		}
		if u.User != nil {
			f.user = u.User.Username()
			password, _ = u.User.Password()
		}
		f.host = u.Hostname()
		if p := u.Port(); p != "" {
			f.port = p
		}
		f.database = strings.TrimPrefix(u.Path, "/")
		q := u.Query()
		if h := q.Get("host"); h != "" {
			f.host = h
		}
		if p := q.Get("port"); p != "" {
			f.port = p
		}
		if u := q.Get("user"); u != "" {
			f.user = u
		}
		if d := q.Get("dbname"); d != "" {
			f.database = d
		}
		if p := q.Get("password"); p != "" {
			password = p
		}
		f.sslMode = q.Get("sslmode")
		return f, password, true
	}
	if !db.IsServer(addr) {
		return f, "", false
	}
	for _, kv := range strings.Fields(addr) {
		k, v, _ := strings.Cut(kv, "=")
		v = strings.Trim(v, "'")
		switch k {
		case "host":
			f.host = v
		case "port":
			f.port = v
		case "dbname":
			f.database = v
		case "user":
			f.user = v
		case "sslmode":
			f.sslMode = v
		case "password":
			password = v
		}
	}
	return f, password, true
}

// serverDialog is *Settings → Connect to a chapter server…*: host (or socket folder),
// port, database, user, password and SSL mode; *Test connection* tries them and
// *Connect* switches the window to that server once they work. Each failure is one
// line in the dialog; the lead's data stays open until the new one is.
type serverDialog struct {
	w         fyne.Window
	servers   ChapterServers
	prefs     settings
	passwords map[string]string // typed this session, by address: memory only
	connected func(Store, string)

	d                          dialog.Dialog
	recent                     *widget.Select
	recentAddrs                []string
	host, port, database, user *widget.Entry
	password                   *widget.Entry
	sslMode                    *widget.Select
	message                    *widget.Label
	test, connect              *widget.Button

	// done closes when the latest test or connect has shown its result (tests wait on it).
	done <-chan struct{}
	// filling is set while the fields and Recent servers are set to each other, so
	// that neither sets the other back (see onFieldsChanged).
	filling bool
	// filledFor is the login (serverFields.login) the password in the field was
	// filled in for from this session's passwords, "" when the lead typed it (or
	// there is none): see dropFilledPassword.
	filledFor string
}

func newServerDialog(w fyne.Window, servers ChapterServers, prefs settings, passwords map[string]string, connected func(Store, string)) *serverDialog {
	sd := &serverDialog{w: w, servers: servers, prefs: prefs, passwords: passwords, connected: connected}
	sd.build()
	return sd
}

func (sd *serverDialog) build() {
	entry := func(placeholder string) *widget.Entry {
		e := widget.NewEntry()
		e.PlaceHolder = placeholder
		return e
	}
	sd.host = entry("db.example.org, or a socket folder such as /run/postgresql")
	sd.port = entry("5432")
	sd.port.SetText("5432")
	sd.database = entry("chapterdesk")
	sd.user = entry("your user name on the server")
	sd.password = widget.NewPasswordEntry()
	sd.password.PlaceHolder = "none: PGPASSWORD or ~/.pgpass"
	var labels []string
	for _, m := range sslModes {
		labels = append(labels, m.label)
	}
	sd.sslMode = widget.NewSelect(labels, nil)
	sd.sslMode.SetSelectedIndex(0)
	sd.message = widget.NewLabel("")
	sd.message.Wrapping = fyne.TextWrapWord

	sd.recentAddrs = sd.prefs.recentServers()
	var names []string
	for _, a := range sd.recentAddrs {
		names = append(names, db.ServerName(a))
	}
	sd.recent = widget.NewSelect(names, func(string) { sd.onRecent(sd.recent.SelectedIndex()) })
	// Shown when none is chosen: also once the fields name another server than the
	// recent ones, where "(none yet)" read as if the saved servers were gone.
	sd.recent.PlaceHolder = "(another server: choose one to fill the fields)"
	if len(names) == 0 {
		sd.recent.PlaceHolder = "(none yet)"
		sd.recent.Disable()
	}
	// Enter in any field tests, as the button does.
	for _, e := range []*widget.Entry{sd.host, sd.port, sd.database, sd.user, sd.password} {
		e.OnSubmitted = func(string) { sd.onTest() }
	}
	for _, e := range []*widget.Entry{sd.host, sd.port, sd.database, sd.user} {
		e.OnChanged = func(string) { sd.onFieldsChanged() }
	}
	sd.password.OnChanged = func(string) {
		if !sd.filling {
			sd.filledFor = "" // typed by the lead: theirs to send where they choose
		}
	}
	sd.sslMode.OnChanged = func(string) { sd.onFieldsChanged() }

	form := container.New(layout.NewFormLayout(),
		widget.NewLabel("Recent servers"), sd.recent,
		widget.NewLabel("Host"), sd.host,
		widget.NewLabel("Port"), sd.port,
		widget.NewLabel("Database"), sd.database,
		widget.NewLabel("User"), sd.user,
		widget.NewLabel("Password"), sd.password,
		widget.NewLabel("SSL"), sd.sslMode)
	sd.test = widget.NewButton("Test connection", sd.onTest)
	sd.connect = widget.NewButton("Connect", sd.onConnect)
	sd.connect.Importance = widget.HighImportance
	cancel := widget.NewButton("Cancel", func() { sd.d.Hide() })
	body := container.NewVBox(
		lowLabel("A chapter server is a PostgreSQL database the chapter's leads share, set up once with `chapterdesk server init`. "+
			"The password is kept in memory until ChapterDesk closes, never on disk."),
		form, sd.message,
		container.NewHBox(layout.NewSpacer(), cancel, sd.test, sd.connect))
	sd.d = dialog.NewCustomWithoutButtons("Connect to a chapter server", container.NewPadded(body), sd.w)
	sd.d.Resize(fyne.NewSize(640, 0))
}

// show opens the dialog, filled with addr (the server the window is on, or the
// newest recent one) when there is one.
func (sd *serverDialog) show(addr string) {
	if addr == "" && len(sd.recentAddrs) > 0 {
		addr = sd.recentAddrs[0]
	}
	if addr != "" {
		sd.fill(addr)
		for i, a := range sd.recentAddrs {
			if a == addr {
				sd.recent.SetSelectedIndex(i)
			}
		}
	}
	sd.d.Show()
	sd.w.Canvas().Focus(sd.host)
}

// onRecent fills the fields from the recent server i.
func (sd *serverDialog) onRecent(i int) {
	if !sd.filling && i >= 0 && i < len(sd.recentAddrs) {
		sd.fill(sd.recentAddrs[i])
	}
}

// fill puts addr in the fields, with the password typed for it this session.
func (sd *serverDialog) fill(addr string) {
	f, _, ok := parseServerAddr(addr)
	if !ok {
		return
	}
	sd.filling = true
	defer func() { sd.filling = false }()
	sd.host.SetText(f.host)
	sd.port.SetText(f.port)
	sd.database.SetText(f.database)
	sd.user.SetText(f.user)
	sd.password.SetText(sd.passwords[addr])
	sd.filledFor = ""
	if sd.password.Text != "" {
		sd.filledFor = f.login()
	}
	sd.setSSLMode(f.sslMode)
	sd.say("", widget.MediumImportance)
}

// login is the server and role a password is for: the address the fields make,
// whatever the database (a role's password is the same for all of a server's
// databases), with its TLS mode (a password typed for an encrypted connection must not
// go out over one that is not); "" when the fields make no address.
func (f serverFields) login() string {
	f.database = "-"
	addr, err := f.address()
	if err != nil {
		return ""
	}
	return addr
}

// dropFilledPassword clears a password the dialog filled in (from Recent servers or
// the server the window is on) once the fields name another host, port, user or TLS
// mode: it was typed for that server only, and Test or Connect would hand it to the
// new one.
func (sd *serverDialog) dropFilledPassword() {
	if sd.filledFor == "" || sd.typed().login() == sd.filledFor {
		return
	}
	sd.filledFor = ""
	sd.password.SetText("")
}

func (sd *serverDialog) setSSLMode(mode string) {
	for i, m := range sslModes {
		if m.value == mode {
			sd.sslMode.SetSelectedIndex(i)
			return
		}
	}
	sd.sslMode.SetSelectedIndex(0)
}

// fields reads the form; a whole address pasted into Host is spread over the fields
// first (its password, if it held one, moved to the password field).
func (sd *serverDialog) fields() serverFields {
	if h := strings.TrimSpace(sd.host.Text); strings.Contains(h, "://") || db.IsServer(h) && strings.Contains(h, "=") {
		if f, pw, ok := parseServerAddr(h); ok {
			sd.host.SetText(f.host)
			sd.port.SetText(f.port)
			if f.database != "" {
				sd.database.SetText(f.database)
			}
			if f.user != "" {
				sd.user.SetText(f.user)
			}
			if pw != "" {
				sd.password.SetText(pw)
			}
			if f.sslMode != "" {
				sd.setSSLMode(f.sslMode)
			}
		}
	}
	if strings.HasPrefix(strings.TrimSpace(sd.host.Text), "/") {
		sd.setSSLMode("disable") // a socket folder: this computer, no TLS
	}
	return sd.typed()
}

// typed is the fields as they are.
func (sd *serverDialog) typed() serverFields {
	mode := ""
	if i := sd.sslMode.SelectedIndex(); i >= 0 {
		mode = sslModes[i].value
	}
	return serverFields{host: sd.host.Text, port: sd.port.Text, database: sd.database.Text, user: sd.user.Text, sslMode: mode}
}

// onFieldsChanged shows in Recent servers the recent server the fields name, or
// none: a choice left standing over fields typed for another server read as if that
// one were the server tested. UI goroutine only.
func (sd *serverDialog) onFieldsChanged() {
	if sd.filling || sd.recent == nil {
		return
	}
	sd.dropFilledPassword()
	i := -1
	if addr, err := sd.typed().address(); err == nil {
		i = slices.Index(sd.recentAddrs, addr)
	}
	if i == sd.recent.SelectedIndex() {
		return
	}
	sd.filling = true // the fields stay as typed, and a password the lead typed
	defer func() { sd.filling = false }()
	if i < 0 {
		sd.recent.ClearSelected()
	} else {
		sd.recent.SetSelectedIndex(i)
	}
}

// say puts one line in the dialog.
func (sd *serverDialog) say(text string, importance widget.Importance) {
	sd.message.Importance = importance
	sd.message.SetText(text)
}

func (sd *serverDialog) onTest()    { sd.tryAsync(false) }
func (sd *serverDialog) onConnect() { sd.tryAsync(true) }

// tryAsync checks the fields, then tests the connection (and with connect switches to
// it) off the UI goroutine; the result is one line in the dialog, or the window on
// the server.
func (sd *serverDialog) tryAsync(connect bool) <-chan struct{} {
	done := make(chan struct{})
	sd.done = done
	f := sd.fields()
	sd.dropFilledPassword() // checked again here: the password goes out with addr
	addr, err := f.address()
	if err != nil {
		sd.say(err.Error(), widget.DangerImportance)
		close(done)
		return done
	}
	password := sd.password.Text
	name := db.ServerName(addr)
	verb := "Testing the connection to "
	if connect {
		verb = "Connecting to "
	}
	sd.say(verb+name+"…", widget.MediumImportance)
	sd.test.Disable()
	sd.connect.Disable()
	background(func() {
		defer close(done)
		ctx, cancel := context.WithTimeout(context.Background(), serverTimeout)
		defer cancel()
		var s Store
		var err error
		if connect {
			s, err = sd.servers.ConnectServer(ctx, addr, password)
		} else {
			err = sd.servers.TestServer(ctx, addr, password)
		}
		doUIAndWait(func() {
			sd.test.Enable()
			sd.connect.Enable()
			if err != nil {
				sd.say(serverProblem(err, password), widget.DangerImportance)
				return
			}
			sd.passwords[addr] = password
			sd.prefs.addRecentServer(addr)
			if !connect {
				sd.say("The connection works: "+name+" is a ChapterDesk chapter. Connect to switch to it.", widget.SuccessImportance)
				return
			}
			sd.d.Hide()
			sd.connected(s, addr)
		})
	})
	return done
}

// serverProblem is the one line the dialog shows for a failed test or connect; it
// never holds the password.
func serverProblem(err error, password string) string {
	var se *db.ServerError
	msg := err.Error()
	switch {
	case errors.Is(err, db.ErrPassword) && password == "":
		msg = "The server asks for a password: type it in Password."
	case errors.Is(err, db.ErrPassword):
		msg = "The server refused the login: check the user name and the password."
	case errors.As(err, &se):
		msg = se.Reason
	case errors.Is(err, context.DeadlineExceeded):
		msg = "The server did not answer in time (is the address right, and is the network up?)."
	case db.Unreachable(err):
		msg = "Cannot reach the server (is it running, and is the address right?)."
	}
	msg = strings.Join(strings.Fields(msg), " ")
	if password != "" {
		msg = strings.ReplaceAll(msg, password, "***")
	}
	if msg != "" {
		msg = strings.ToUpper(msg[:1]) + msg[1:]
	}
	if !strings.HasSuffix(msg, ".") && !strings.HasSuffix(msg, ")") && !strings.HasSuffix(msg, "`") {
		msg += "."
	}
	return msg
}
