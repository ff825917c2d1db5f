package ui

import (
	"context"
	"errors"
	"net/url"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// The window's own checks of its server run only when a test asks (checkAsync).
func init() { serverCheck = 0; serverBackShown = 0 }

// serversOn is ChapterServers straight on db.Open, as cmd/ does it (less the
// session's passwords); err, when set, is what every test and connect answers.
type serversOn struct {
	DataFiles
	err       error
	addr      string // the server switched to
	tested    []string
	passwords []string
	file      Store
}

func (f *serversOn) TestServer(ctx context.Context, addr, password string) error {
	f.tested, f.passwords = append(f.tested, addr), append(f.passwords, password)
	if f.err != nil {
		return f.err
	}
	s, err := db.Open(ctx, addr, db.Options{})
	if err != nil {
		return err
	}
	return s.Close()
}

func (f *serversOn) ConnectServer(ctx context.Context, addr, password string) (Store, error) {
	f.tested, f.passwords = append(f.tested, addr), append(f.passwords, password)
	if f.err != nil {
		return nil, f.err
	}
	s, err := db.Open(ctx, addr, db.Options{})
	if err != nil {
		return nil, err
	}
	f.addr = addr
	return s, nil
}

func (f *serversOn) UseDataFile(context.Context) (Store, error) { f.addr = ""; return f.file, nil }
func (f *serversOn) Server() string                             { return f.addr }

// socketFields are the dialog's fields for a dbtest server URL
// (postgres://postgres@/NAME?host=DIR&sslmode=disable).
func socketFields(t *testing.T, addr string) serverFields {
	t.Helper()
	u, err := url.Parse(addr)
	if err != nil {
		t.Fatal(err)
	}
	return serverFields{host: u.Query().Get("host"), port: "5432", database: strings.TrimPrefix(u.Path, "/"), user: u.User.Username()}
}

func (sd *serverDialog) type_(f serverFields, password string) {
	sd.host.SetText(f.host)
	sd.port.SetText(f.port)
	sd.database.SetText(f.database)
	sd.user.SetText(f.user)
	sd.password.SetText(password)
}

func TestServerAddress(t *testing.T) {
	for _, c := range []struct {
		name string
		f    serverFields
		want string // the address, or the start of the line saying what to fix
	}{
		{"a host with the usual port", serverFields{host: "db.example.org", port: "5432", database: "chapterdesk", user: "ana", sslMode: "require"},
			"postgres://ana@db.example.org/chapterdesk?sslmode=require"},
		{"another port", serverFields{host: "db.example.org", port: " 6543 ", database: "chapter", user: "ana", sslMode: "verify-full"},
			"postgres://ana@db.example.org:6543/chapter?sslmode=verify-full"},
		{"a socket folder is this computer, without TLS", serverFields{host: "/run/postgresql", port: "5432", database: "chapterdesk", user: "postgres", sslMode: "require"},
			"postgres://postgres@/chapterdesk?host=/run/postgresql&sslmode=disable"},
		{"no host", serverFields{port: "5432", database: "chapterdesk", user: "ana"}, "Give the server's host name"},
		{"a whole address in Host", serverFields{host: "ana@db.example.org:5432", port: "5432", database: "c", user: "ana"}, "Give only the server's host name"},
		{"a port that is not one", serverFields{host: "db.example.org", port: "54x2", database: "chapterdesk", user: "ana"}, "The port is a number from 1 to 65535"},
		{"a port too large", serverFields{host: "db.example.org", port: "70000", database: "chapterdesk", user: "ana"}, "The port is a number from 1 to 65535"},
		{"no database", serverFields{host: "db.example.org", port: "5432", user: "ana"}, "Give the database's name"},
		{"no user", serverFields{host: "db.example.org", port: "5432", database: "chapterdesk"}, "Give your user name"},
	} {
		t.Run(c.name, func(t *testing.T) {
			addr, err := c.f.address()
			got := addr
			if err != nil {
				got = err.Error()
			}
			if !strings.HasPrefix(got, c.want) {
				t.Errorf("got %q, want %q", got, c.want)
			}
			if err == nil {
				if !db.IsServer(addr) || db.PasswordIn(addr) {
					t.Errorf("%q: server %v, password in it %v", addr, db.IsServer(addr), db.PasswordIn(addr))
				}
				back, _, ok := parseServerAddr(addr)
				if c.f.sslMode == "require" && strings.HasPrefix(c.f.host, "/") {
					c.f.sslMode = "disable"
				}
				c.f.port = strings.TrimSpace(c.f.port)
				if !ok || back != c.f {
					t.Errorf("read back as %+v, want %+v", back, c.f)
				}
			}
		})
	}
}

func TestServerDialog(t *testing.T) {
	a := test.NewTempApp(t)
	w := test.NewWindow(nil)
	defer w.Close()
	w.Resize(fyne.NewSize(1000, 700))
	prefs := newSettings(a)
	passwords := map[string]string{}
	servers := &serversOn{}
	var switched Store
	open := func() *serverDialog {
		sd := newServerDialog(w, servers, prefs, passwords, func(s Store, _ string) { switched = s })
		sd.show("")
		return sd
	}

	t.Run("a field missing or wrong is said, and nothing connects", func(t *testing.T) {
		sd := open()
		defer sd.d.Hide()
		sd.type_(serverFields{host: "db.example.org", port: "5432", user: "ana"}, "")
		wait(t, sd.tryAsync(false))
		if sd.message.Text != "Give the database's name (e.g. chapterdesk)." || sd.message.Importance != widget.DangerImportance {
			t.Errorf("line %q (%v)", sd.message.Text, sd.message.Importance)
		}
		sd.database.SetText("chapterdesk")
		sd.port.SetText("five")
		wait(t, sd.tryAsync(true))
		if !strings.HasPrefix(sd.message.Text, "The port is a number") {
			t.Errorf("line %q", sd.message.Text)
		}
		if len(servers.tested) != 0 || switched != nil {
			t.Errorf("connected anyway: %q", servers.tested)
		}
	})

	t.Run("each failure is one line, never with the password", func(t *testing.T) {
		for _, c := range []struct {
			err      error
			password string
			want     string
		}{
			{&db.ServerError{Server: "ana@db.example.org/chapterdesk", Reason: "the server refused the login (wrong user name or password)", Err: db.ErrPassword},
				"s3cret-'pw", "The server refused the login: check the user name and the password."},
			{&db.ServerError{Server: "ana@db.example.org/chapterdesk", Reason: "the server asks for a password: set PGPASSWORD or a ~/.pgpass line", Err: db.ErrPassword},
				"", "The server asks for a password: type it in Password."},
			{&db.ServerError{Server: "ana@db.example.org/chapterdesk", Reason: "cannot reach the server (is it running, and is the address right?)"},
				"pw", "Cannot reach the server (is it running, and is the address right?)"},
			{&db.ServerError{Server: "ana@db.example.org/chapterdesk", Reason: "the database's schema is version 9, this ChapterDesk knows 3: update ChapterDesk", Err: db.ErrNewerSchema},
				"pw", "The database's schema is version 9, this ChapterDesk knows 3: update ChapterDesk."},
			{errors.New("cannot connect: failed\n\tfor password s3cret-'pw"), "s3cret-'pw", "Cannot connect: failed for password ***."},
		} {
			sd := open()
			servers.err = c.err
			sd.type_(serverFields{host: "db.example.org", port: "5432", database: "chapterdesk", user: "ana"}, c.password)
			wait(t, sd.tryAsync(true))
			if sd.message.Text != c.want || strings.Contains(sd.message.Text, "\n") {
				t.Errorf("%v: line %q, want %q", c.err, sd.message.Text, c.want)
			}
			if switched != nil || sd.connect.Disabled() || sd.test.Disabled() {
				t.Errorf("switched %v, buttons disabled %v %v", switched, sd.connect.Disabled(), sd.test.Disabled())
			}
			if got := servers.passwords[len(servers.passwords)-1]; got != c.password {
				t.Errorf("password handed on %q", got)
			}
			sd.d.Hide()
		}
		servers.err = nil
		if got := prefs.recentServers(); len(got) != 0 {
			t.Errorf("a server that failed is among the recent ones: %q", got)
		}
	})

	t.Run("real failures of a real server", func(t *testing.T) {
		empty := socketFields(t, dbtest.EmptyServerURL(t))
		sd := open()
		defer sd.d.Hide()
		sd.type_(empty, "")
		wait(t, sd.tryAsync(false))
		if !strings.HasPrefix(sd.message.Text, "The database is empty: set it up first with `chapterdesk server init") {
			t.Errorf("empty database: %q", sd.message.Text)
		}
		sd.database.SetText("no_such_chapter")
		wait(t, sd.tryAsync(false))
		if sd.message.Text != "The server has no such database." {
			t.Errorf("no such database: %q", sd.message.Text)
		}
		sd.host.SetText(t.TempDir()) // a folder with no server's socket in it
		wait(t, sd.tryAsync(false))
		if !strings.HasPrefix(sd.message.Text, "Cannot reach the server") {
			t.Errorf("no server: %q", sd.message.Text)
		}
	})

	var addr string
	t.Run("Test connection says it works; Connect switches and remembers the server", func(t *testing.T) {
		url := dbtest.ServerURL(t)
		f := socketFields(t, url)
		sd := open()
		sd.type_(f, "typed-in-memory")
		wait(t, sd.tryAsync(false))
		if !strings.HasPrefix(sd.message.Text, "The connection works: postgres@") || sd.message.Importance != widget.SuccessImportance {
			t.Errorf("line %q", sd.message.Text)
		}
		if switched != nil {
			t.Error("Test connection switched")
		}
		wait(t, sd.tryAsync(true))
		if switched == nil || !onServer(switched) {
			t.Fatalf("Connect did not switch: %v (line %q)", switched, sd.message.Text)
		}
		defer switched.(*db.Store).Close()
		if w.Canvas().Overlays().Top() != nil {
			t.Error("the dialog is still open")
		}
		addr = servers.addr
		if want, _ := f.address(); addr != want {
			t.Errorf("connected to %q, want %q", addr, want)
		}
		recent := prefs.recentServers()
		if len(recent) != 1 || recent[0] != addr {
			t.Errorf("recent servers %q", recent)
		}
		for _, k := range []string{prefRecentServers} {
			for _, v := range prefs.p.StringList(k) {
				if strings.Contains(v, "typed-in-memory") {
					t.Errorf("the password is in the preferences: %q", v)
				}
			}
		}
	})

	t.Run("the recent servers are offered, with the password typed this session", func(t *testing.T) {
		prefs.addRecentServer("postgres://ana@db.example.org/chapterdesk?sslmode=require")
		prefs.addRecentServer("postgres://bo:hunter2@db.example.org/chapterdesk") // holds a password: never kept
		sd := open()
		defer sd.d.Hide()
		if got := sd.recent.Options; len(got) != 2 || got[0] != "ana@db.example.org/chapterdesk" || !strings.HasPrefix(got[1], "postgres@[") {
			t.Fatalf("offered %q", got)
		}
		if sd.host.Text != "db.example.org" || sd.user.Text != "ana" || sd.password.Text != "" {
			t.Errorf("filled with the newest: host %q user %q password %q", sd.host.Text, sd.user.Text, sd.password.Text)
		}
		sd.recent.SetSelectedIndex(1)
		if !strings.HasPrefix(sd.host.Text, "/") || sd.password.Text != "typed-in-memory" || sd.sslMode.SelectedIndex() != 3 {
			t.Errorf("the recent server: host %q password %q ssl %d", sd.host.Text, sd.password.Text, sd.sslMode.SelectedIndex())
		}
	})

	t.Run("a whole address pasted in Host is spread over the fields", func(t *testing.T) {
		sd := open()
		defer sd.d.Hide()
		servers.err = errors.New("stop here")
		defer func() { servers.err = nil }()
		sd.host.SetText("postgresql://lee:pa55@db.example.org:6543/coalition?sslmode=verify-full")
		wait(t, sd.tryAsync(false))
		if sd.host.Text != "db.example.org" || sd.port.Text != "6543" || sd.database.Text != "coalition" || sd.user.Text != "lee" ||
			sd.password.Text != "pa55" || sslModes[sd.sslMode.SelectedIndex()].value != "verify-full" {
			t.Errorf("fields %q %q %q %q %q", sd.host.Text, sd.port.Text, sd.database.Text, sd.user.Text, sd.password.Text)
		}
		if got := servers.tested[len(servers.tested)-1]; got != "postgres://lee@db.example.org:6543/coalition?sslmode=verify-full" {
			t.Errorf("tested %q", got)
		}
	})
}

func TestRecentServers(t *testing.T) {
	a := test.NewTempApp(t)
	p := newSettings(a)
	for i := range maxRecentServers + 2 {
		p.addRecentServer("postgres://ana@db" + string(rune('a'+i)) + ".example.org/chapterdesk")
	}
	p.addRecentServer("postgres://ana@dbc.example.org/chapterdesk")
	p.addRecentServer("host=/run/pg dbname=c password=hunter2")
	p.addRecentServer("/home/ana/chapterdesk.db")
	got := p.recentServers()
	if len(got) != maxRecentServers || got[0] != "postgres://ana@dbc.example.org/chapterdesk" || got[1] != "postgres://ana@dbh.example.org/chapterdesk" {
		t.Errorf("recent %q", got)
	}
	for _, s := range got {
		if strings.Count(strings.Join(got, " "), s) != 1 || db.PasswordIn(s) || !db.IsServer(s) {
			t.Errorf("%q kept", s)
		}
	}
}

func TestWindowTitleSaysWhere(t *testing.T) {
	a := test.NewTempApp(t)
	t.Run("a data file", func(t *testing.T) {
		s := dbtest.OpenFile(t) // on either test backend
		m := newMainWindow(a, s, "0.1.0", nil)
		defer m.w.Close()
		wait(t, m.home.refreshAsync())
		if want := "ChapterDesk 0.1.0 — My chapter — " + fileBase(s.Path()); m.w.Title() != want {
			t.Errorf("title %q, want %q", m.w.Title(), want)
		}
	})
	t.Run("a chapter server", func(t *testing.T) {
		s := dbtest.OpenServer(t)
		if err := s.UpdateSelfChapter(context.Background(), db.Chapter{Name: "Worcester Chapter"}); err != nil {
			t.Fatal(err)
		}
		m := newMainWindow(a, s, "0.1.0", nil)
		defer m.w.Close()
		wait(t, m.home.refreshAsync())
		want := "ChapterDesk 0.1.0 — Worcester Chapter — chapter server " + s.Path()
		if m.w.Title() != want || !strings.HasPrefix(s.Path(), "postgres@[/") {
			t.Errorf("title %q, want %q", m.w.Title(), want)
		}
	})
}

func fileBase(p string) string { return p[strings.LastIndexAny(p, `/\`)+1:] }

// openServer opens a store on a new test database of the test PostgreSQL server and
// returns its address too.
func openServer(t *testing.T) (*db.Store, string) {
	t.Helper()
	addr := dbtest.ServerURL(t)
	s, err := db.Open(context.Background(), addr, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, addr
}

// terminate ends ChapterDesk's connections to the test database at addr and, with
// shut, lets no new one in (the server as good as gone), or lets them in again.
func terminate(t *testing.T, addr string, shut bool) {
	t.Helper()
	u, err := url.Parse(addr)
	if err != nil {
		t.Fatal(err)
	}
	name := strings.TrimPrefix(u.Path, "/")
	u.Path = "/postgres"
	admin := u.String()
	dbtest.ServerAdmin(t, admin, "ALTER DATABASE "+name+" WITH ALLOW_CONNECTIONS "+map[bool]string{true: "false", false: "true"}[shut])
	if !shut {
		return
	}
	dbtest.ServerAdmin(t, admin, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
		WHERE application_name = 'ChapterDesk' AND datname = '`+name+`'`)
	// pg_terminate_backend only signals: wait for the backends to be gone.
	for {
		raw, err := db.RawServer(admin)
		if err != nil {
			t.Fatal(err)
		}
		var n int
		err = raw.QueryRow(`SELECT count(*) FROM pg_stat_activity WHERE application_name = 'ChapterDesk' AND datname = '` + name + `'`).Scan(&n)
		raw.Close()
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			return
		}
	}
}

func TestConnectionBand(t *testing.T) {
	ctx := context.Background()
	a := test.NewTempApp(t)
	s, addr := openServer(t)
	camp := dbtest.Campaign(t, s)
	dbtest.Legislator(t, s, db.ChamberUpper, "First Worcester", "Robyn Kennedy")
	dbtest.Volunteer(t, s, "Ana", "Souza", nil)
	m := newMainWindow(a, s, "test", nil)
	defer m.w.Close()
	m.w.Resize(fyne.NewSize(1100, 800))
	if m.conn == nil {
		t.Fatal("no watch of the server's connection")
	}
	<-m.conn.checkAsync()
	if m.banded != nil {
		t.Fatal("a band while the server answers")
	}

	// A report half typed when the server goes.
	m.onNewCallReport()
	f := m.calls.form
	typeIn(t, m.w, f.volunteer, "souz")
	enter(m.w)
	typeIn(t, m.w, f.legislator, "kenn")
	enter(m.w)
	typeIn(t, m.w, f.outcome, "staff")
	enter(m.w)
	m.w.Canvas().Focus(f.notes)
	test.Type(f.notes, "Aide took my zip")

	terminate(t, addr, true)
	<-m.conn.checkAsync()
	band := strings.Join(visibleTexts(m.w.Content()), "\n")
	if !strings.Contains(band, "The chapter server "+s.Path()+" cannot be reached since") || !strings.Contains(band, "retrying") {
		t.Fatalf("no band saying the server is gone:\n%s", band)
	}
	if m.w.Canvas().Focused() != f.notes || f.notes.Text != "Aide took my zip" || f.volunteer.chosen == nil {
		t.Errorf("the form changed: focus %T, notes %q, caller %v", m.w.Canvas().Focused(), f.notes.Text, f.volunteer.chosen)
	}

	t.Run("a save that fails keeps the form and says the server cannot be reached", func(t *testing.T) {
		wait(t, f.saveAsync())
		top := m.w.Canvas().Overlays().Top()
		if top == nil {
			t.Fatal("no message")
		}
		msg := strings.Join(visibleTexts(top), "\n")
		if !strings.Contains(msg, "The chapter server cannot be reached; retrying") {
			t.Errorf("message:\n%s", msg)
		}
		top.Hide()
		m.w.Canvas().Overlays().Remove(top)
		if f.notes.Text != "Aide took my zip" || f.volunteer.chosen == nil || f.legislator.chosen == nil {
			t.Errorf("the form was reset: notes %q", f.notes.Text)
		}
		if !strings.HasPrefix(f.message.Text, "Not saved: the chapter server cannot be reached") {
			t.Errorf("the form's line %q", f.message.Text)
		}
	})

	t.Run("a second failure in the same outage is left to the band: no pile of dialogs", func(t *testing.T) {
		wait(t, f.saveAsync())
		if top := m.w.Canvas().Overlays().Top(); top != nil {
			t.Errorf("another dialog: %q", visibleTexts(top))
			top.Hide()
			m.w.Canvas().Overlays().Remove(top)
		}
		if f.notes.Text != "Aide took my zip" || !strings.HasPrefix(f.message.Text, "Not saved") {
			t.Errorf("notes %q, line %q", f.notes.Text, f.message.Text)
		}
	})

	t.Run("the dashboard's refresh says so in the band, not in a dialog", func(t *testing.T) {
		m.show(screenDashboard)
		wait(t, m.home.refreshAsync())
		if top := m.w.Canvas().Overlays().Top(); top != nil {
			t.Errorf("a dialog: %q", visibleTexts(top))
			top.Hide()
			m.w.Canvas().Overlays().Remove(top)
		}
		if !strings.HasPrefix(m.home.status.Text, "Not updated since") {
			t.Errorf("status %q", m.home.status.Text)
		}
		m.show(screenCalls)
	})

	terminate(t, addr, false)
	<-m.conn.checkAsync()
	band = strings.Join(visibleTexts(m.w.Content()), "\n")
	if !strings.Contains(band, "Connected again to the chapter server "+s.Path()) {
		t.Fatalf("the band does not say the server is back:\n%s", band)
	}

	t.Run("the same report saves once the server is back", func(t *testing.T) {
		wait(t, f.saveAsync())
		rows, err := s.ListCallReports(ctx, db.CallFilter{CampaignID: camp}, 0, 10)
		if err != nil || len(rows) != 1 || rows[0].Notes != "Aide took my zip" {
			t.Errorf("stored %+v, %v", rows, err)
		}
	})
}

func TestSettingsOnAServer(t *testing.T) {
	a := test.NewTempApp(t)
	s, addr := openServer(t)
	file := dbtest.OpenFile(t) // the data file to go back to, on either test backend
	servers := &serversOn{addr: addr, file: file}
	m := newMainWindow(a, s, "test", servers)
	defer m.w.Close()
	m.show(screenSettings)
	wait(t, m.settings.refreshAsync())
	text := strings.Join(visibleTexts(m.settings.content), "\n")
	if !strings.Contains(text, "Chapter server "+s.Path()) || !strings.Contains(text, "backed up by whoever runs it") ||
		strings.Contains(text, "full check") {
		t.Errorf("settings on a server:\n%s", text)
	}
	test.Tap(findButton(m.settings.content, "Connect to a chapter server"))
	if m.serverDlg == nil || m.serverDlg.database.Text == "" || m.serverDlg.host.Text == "" {
		t.Fatal("the dialog is not filled with the server the window is on")
	}
	m.serverDlg.d.Hide()
	use := findButton(m.settings.content, "Use my data file")
	if use == nil {
		t.Fatal("no way back to the data file")
	}
	test.Tap(use)
	if m.conn != nil || onServer(m.settings.store) || !strings.Contains(strings.Join(visibleTexts(m.settings.content), "\n"), file.Path()) {
		t.Errorf("still on the server")
	}
	if findButton(m.settings.content, "Use my data file") != nil {
		t.Error("Use my data file offered on the data file")
	}
}

// Started on a server that will not open (here: no such database), the window offers
// the connect dialog, filled with that server, and the data file.
func TestServerProblemAtStart(t *testing.T) {
	a := test.NewTempApp(t)
	_, addr := openServer(t)
	bad := strings.Replace(addr, "/t", "/gone_", 1)
	_, openErr := db.Open(context.Background(), bad, db.Options{})
	if openErr == nil {
		t.Fatal("a database that is not there opened")
	}
	file := dbtest.Open(t)
	dbtest.Volunteer(t, file, "Ana", "Souza", nil)
	servers := &serversOn{addr: bad, file: file}
	opened := make(chan struct{})
	w := OpenMainWindow(a, "test", WindowOptions{Files: servers}, func(context.Context) (Store, error) {
		defer close(opened)
		return nil, openErr
	})
	defer w.Close()
	<-opened
	if w.Title() != "ChapterDesk cannot open the chapter server" {
		t.Errorf("title %q", w.Title())
	}
	test.Tap(findButton(w.Content(), "Connect to a chapter server"))
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog")
	}
	var database string
	for _, o := range test.LaidOutObjects(top) {
		if e, ok := o.(*widget.Entry); ok && strings.HasPrefix(e.Text, "gone_") {
			database = e.Text
		}
	}
	if database == "" {
		t.Error("the dialog is not filled with the server started on")
	}
	top.Hide()
	w.Canvas().Overlays().Remove(top)
	test.Tap(findButton(w.Content(), "Use my data file"))
	if !strings.Contains(w.Title(), fileBase(file.Path())) {
		t.Errorf("not on the data file: title %q", w.Title())
	}
}

// TestServerDialogRecentFollowsTheFields: the dialog kept "ana@db.example.org/
// chapterdesk" chosen in Recent servers while the fields named another server
// (127.0.0.1, port 1: the screenshot of a server that cannot be reached), as if the
// test were of the recent one. A field changed off the recent server clears the
// choice; choosing a recent server, or typing its fields back, shows it again.
func TestServerDialogRecentFollowsTheFields(t *testing.T) {
	a := test.NewTempApp(t)
	w := test.NewWindow(nil)
	defer w.Close()
	prefs := newSettings(a)
	prefs.addRecentServer("postgres://ana@db.example.org/chapterdesk?sslmode=require")
	sd := newServerDialog(w, &serversOn{}, prefs, map[string]string{}, func(Store, string) {})
	sd.show("")
	defer sd.d.Hide()
	if sd.recent.SelectedIndex() != 0 || sd.host.Text != "db.example.org" {
		t.Fatalf("opened on %q, host %q", sd.recent.Selected, sd.host.Text)
	}
	sd.host.SetText("127.0.0.1")
	if sd.recent.SelectedIndex() != -1 || sd.recent.PlaceHolder == "(none yet)" {
		t.Errorf("the fields name 127.0.0.1, Recent servers shows %q (%q)", sd.recent.Selected, sd.recent.PlaceHolder)
	}
	sd.host.SetText("db.example.org")
	if sd.recent.SelectedIndex() != 0 {
		t.Errorf("the fields name the recent server again, Recent servers shows %q", sd.recent.Selected)
	}
	sd.port.SetText("1")
	sd.recent.SetSelectedIndex(0)
	if sd.recent.SelectedIndex() != 0 || sd.port.Text != "" && sd.port.Text != "5432" {
		t.Errorf("chosen again: shows %q, port %q", sd.recent.Selected, sd.port.Text)
	}
}

// TestServerDialogFilledPasswordStaysWithItsServer: a password filled in from Recent
// servers stayed in the field when the lead changed the host (or port, or user), and
// Test connection then handed it to the new host. A password the dialog filled in is
// for the server it was typed for: a field changed off that server clears it, and it
// is never handed on with another address; one the lead types stays as typed.
func TestServerDialogFilledPasswordStaysWithItsServer(t *testing.T) {
	a := test.NewTempApp(t)
	w := test.NewWindow(nil)
	defer w.Close()
	prefs := newSettings(a)
	const saved = "postgres://ana@db.example.org/chapterdesk?sslmode=require"
	prefs.addRecentServer(saved)
	passwords := map[string]string{saved: "s3cret-for-db"}
	servers := &serversOn{err: errors.New("stop here")}
	open := func() *serverDialog {
		sd := newServerDialog(w, servers, prefs, passwords, func(Store, string) {})
		sd.show("")
		if sd.password.Text != "s3cret-for-db" {
			t.Fatalf("opened with password %q", sd.password.Text)
		}
		return sd
	}
	for _, c := range []struct {
		name   string
		change func(sd *serverDialog)
	}{
		{"another host", func(sd *serverDialog) { sd.host.SetText("evil.example.net") }},
		{"another port", func(sd *serverDialog) { sd.port.SetText("6543") }},
		{"another user", func(sd *serverDialog) { sd.user.SetText("bo") }},
		{"a connection without encryption", func(sd *serverDialog) { sd.setSSLMode("disable") }},
		{"a whole address pasted in Host", func(sd *serverDialog) { sd.host.SetText("postgres://ana@evil.example.net/chapterdesk") }},
	} {
		t.Run("clears it for "+c.name, func(t *testing.T) {
			sd := open()
			defer sd.d.Hide()
			c.change(sd)
			if sd.password.Text != "" {
				t.Errorf("the password filled for db.example.org is still there")
			}
			wait(t, sd.tryAsync(false))
			if got := servers.passwords[len(servers.passwords)-1]; got != "" {
				t.Errorf("handed %q to %q", got, servers.tested[len(servers.tested)-1])
			}
		})
	}
	t.Run("keeps it for another database of the same server and user", func(t *testing.T) {
		sd := open()
		defer sd.d.Hide()
		sd.database.SetText("coalition")
		if sd.password.Text != "s3cret-for-db" {
			t.Errorf("password %q", sd.password.Text)
		}
	})
	t.Run("keeps a password the lead typed for the new host", func(t *testing.T) {
		sd := open()
		defer sd.d.Hide()
		sd.host.SetText("other.example.org")
		sd.password.SetText("typed-for-other")
		sd.user.SetText("bo")
		wait(t, sd.tryAsync(false))
		if got := servers.passwords[len(servers.passwords)-1]; got != "typed-for-other" {
			t.Errorf("handed %q", got)
		}
	})
}
