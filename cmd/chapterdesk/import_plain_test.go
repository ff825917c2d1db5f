package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
	"github.com/chapterdesk/chapterdesk/ui"
)

func TestImportPlainSpreadsheet(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "c.db")
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	t.Run("reads it, saying how it mapped the columns and which zips it read with their 0 put back", func(t *testing.T) {
		f := write("sheet.csv", "First Name,Last Name,E-mail Address,Cell Phone,Zip Code\r\nAna,Souza,ana@example.org,(617) 555-0100,2134\r\n")
		code, out, errOut := chapterdesk(t, "import", "volunteers", f, "--db", db)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		for _, want := range []string{
			"read as a plain spreadsheet: First Name → first name, Last Name → last name, E-mail Address → email, Cell Phone → mobile, Zip Code → zip\n",
			"(plain spreadsheet, UTF-8): 1 created",
			"1 zip code had 4 digits (a spreadsheet drops a zip's leading zero) and was read with the 0 put back: line 2: 2134 → 02134\n",
		} {
			if !strings.Contains(out, want) {
				t.Errorf("no %q in\n%s", want, out)
			}
		}
	})
	t.Run("reads a Puerto Rico zip of 3 digits with its zeros put back, and lists one no US zip can be", func(t *testing.T) {
		f := write("pr.csv", "First Name,Last Name,E-mail Address,State,Zip Code\r\nAna,Rivera,rivera@example.org,PR,601\r\nDi,Lee,lee@example.org,MA,601\r\n")
		code, out, errOut := chapterdesk(t, "import", "volunteers", f, "--db", db, "--dry-run")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		for _, want := range []string{
			"1 zip code had 3 digits (a spreadsheet drops a zip's leading zeros) and was read with the zeros put back: line 2: 601 → 00601\n",
			"1 zip code is no US zip code",
			"  line 3: \"601\" (in MA)\n",
		} {
			if !strings.Contains(out, want) {
				t.Errorf("no %q in\n%s", want, out)
			}
		}
	})
	t.Run("lists every column it does not read, and reads a Skills column as skills", func(t *testing.T) {
		// status and recruiter were left out without a word (they are read by name
		// only in ChapterDesk's own export), and so was skills.
		f := write("cols.csv", "first_name,last_name,email,skills,status,recruiter,tags,ok_email\r\nAna,Souza,ana@example.org,\"driving, Spanish\",Confirmed,Bo Li,canvass,yes\r\n")
		code, out, errOut := chapterdesk(t, "import", "volunteers", f, "--db", db, "--dry-run")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		for _, want := range []string{
			"read as a plain spreadsheet: first_name → first name, last_name → last name, email → email, skills → skills, tags → tags, ok_email → email opt in\n",
			"not read: status, recruiter — to read one, give your own mapping of every column to read (--map field=Header,...)\n",
		} {
			if !strings.Contains(out, want) {
				t.Errorf("no %q in\n%s", want, out)
			}
		}
	})
	t.Run("refuses one without a name, naming it, the file's columns and --map", func(t *testing.T) {
		f := write("noname.csv", "Nickname,E-mail\r\nAnnie,ana@example.org\r\n")
		code, _, errOut := chapterdesk(t, "import", "volunteers", f, "--db", db)
		if code != 1 || !strings.Contains(errOut, "no column could be taken for a name") ||
			!strings.Contains(errOut, `"Nickname", "E-mail"`) || !strings.Contains(errOut, "--map") {
			t.Errorf("exit %d: %s", code, errOut)
		}
	})
	t.Run("says which values of a field with several columns were not kept", func(t *testing.T) {
		f := write("nb.csv", "nationbuilder_id,first_name,last_name,email,email1\r\n1,Ana,Souza,ana@example.org,ana@work.example\r\n2,Bo,Li,,bo@example.org\r\n")
		code, out, errOut := chapterdesk(t, "import", "volunteers", f, "--db", db, "--dry-run")
		want := "not kept: 1 row has email in email1 besides the one in email, which is the one kept (first at line 2)\n"
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("exit %d %s: no %q in\n%s", code, errOut, want, out)
		}
	})
}

// TestImportListsUnreadableDates: the import verb, and the window's import result,
// name every date not read (line, column, value) and keep its volunteer.
func TestImportListsUnreadableDates(t *testing.T) {
	dir := t.TempDir()
	f := filepath.Join(dir, "dates.csv")
	text := "First Name,Last Name,Email,Date Joined\r\nAnn,A,ann@example.org,13/02/2020\r\n" +
		"Bo,B,bo@example.org,\"Feb 3, 2020\"\r\nCy,C,cy@example.org,sometime 2019\r\nFlo,F,flo@example.org,03/02/2020\r\n"
	if err := os.WriteFile(f, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	wants := []string{
		"2 dates were not read and left empty (the volunteers were imported without them):\n",
		`  line 2, column 4 (Date Joined): "13/02/2020": the day is written first`,
		`  line 4, column 4 (Date Joined): "sometime 2019": not a date ChapterDesk reads` + "\n",
		`check: 1 date was read month first though the day could come first, such as line 5, column 4 (Date Joined): "03/02/2020" as March 2, 2020`,
	}
	code, out, errOut := chapterdesk(t, "import", "volunteers", f, "--db", filepath.Join(dir, "c.db"))
	if code != 0 || !strings.Contains(out, "4 created") {
		t.Fatalf("exit %d %s:\n%s", code, errOut, out)
	}
	for _, want := range wants {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in\n%s", want, out)
		}
	}
	s, err := openStore(context.Background(), filepath.Join(dir, "app.db"), db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	files := &dataFiles{s: s, demoPath: filepath.Join(dir, "demo.db")}
	defer files.close()
	res, err := files.Import(context.Background(), ui.ImportRequest{Kind: "volunteers", Path: f}, nil)
	if err != nil || res.Summary.Created != 4 {
		t.Fatalf("%+v, %v", res.Summary, err)
	}
	for _, want := range wants {
		if !strings.Contains(res.Report, want) {
			t.Errorf("the window's result: no %q in\n%s", want, res.Report)
		}
	}
}

// TestImportDeceasedOnRoster: a CiviCRM contact the file has deceased who is already
// on the roster is made inactive, and the import says so; they stay on the roster.
func TestImportDeceasedOnRoster(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "c.db")
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	roster := write("roster.csv", "First Name,Last Name,Email\r\nBo,Li,bo@example.org\r\n")
	if code, out, errOut := chapterdesk(t, "import", "volunteers", roster, "--db", dbPath); code != 0 {
		t.Fatalf("exit %d %s: %s", code, errOut, out)
	}
	civi := write("civi.csv", "Contact ID,Contact Type,Display Name,First Name,Last Name,Email,Is Deceased\r\n"+
		"7,Individual,Bo Li,Bo,Li,bo@example.org,1\r\n")
	code, out, errOut := chapterdesk(t, "import", "volunteers", civi, "--db", dbPath)
	want := "1 volunteer on the roster is deceased in the file and was made inactive (not deleted):\n  line 2: Bo Li (volunteer 1)\n"
	if code != 0 || !strings.Contains(out, want) || !strings.Contains(out, "0 created, 1 updated") {
		t.Errorf("exit %d %s: no %q in\n%s", code, errOut, want, out)
	}
	code, out, _ = chapterdesk(t, "export", "volunteers", filepath.Join(dir, "out.csv"), "--db", dbPath)
	b, _ := os.ReadFile(filepath.Join(dir, "out.csv"))
	if code != 0 || !strings.Contains(string(b), "bo@example.org") || !strings.Contains(string(b), ",Inactive,") {
		t.Errorf("exit %d %s; the roster now:\n%s", code, out, b)
	}
}

// TestExportImportRoundTrip: the volunteer export imported into a new data file
// gives back the same export, status and recruiter included (both were lost); a
// status ChapterDesk does not know is refused with why.
func TestExportImportRoundTrip(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	from := filepath.Join(dir, "from.db")
	s, err := openStore(ctx, from, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ann := dbtest.Volunteer(t, s, "Ann", "Rec", func(v *db.Volunteer) { v.Email = "ann@example.org" })
	dbtest.Volunteer(t, s, "Bo", "Li", func(v *db.Volunteer) { v.Email, v.Status, v.RecruiterID = "bo@example.org", db.StatusInactive, ann })
	dbtest.Volunteer(t, s, "Cy", "Ng", func(v *db.Volunteer) { v.Email, v.Status = "cy@example.org", db.StatusMoved })
	s.Close()
	export := func(dbPath, out string) string {
		t.Helper()
		if code, said, errOut := chapterdesk(t, "export", "volunteers", out, "--db", dbPath); code != 0 {
			t.Fatalf("exit %d %s: %s", code, errOut, said)
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		var rows []string
		for _, line := range strings.Split(string(b), "\n") {
			if _, rest, ok := strings.Cut(line, ","); ok { // each volunteer's uuid is new in the new file
				rows = append(rows, rest)
			}
		}
		return strings.Join(rows, "\n")
	}
	first := filepath.Join(dir, "first.csv")
	want := export(from, first)
	to := filepath.Join(dir, "to.db")
	if code, out, errOut := chapterdesk(t, "import", "volunteers", first, "--db", to); code != 0 {
		t.Fatalf("exit %d %s: %s", code, errOut, out)
	}
	if got := export(to, filepath.Join(dir, "second.csv")); got != want {
		t.Errorf("exported again:\n%s\nwant:\n%s", got, want)
	}
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("first_name,last_name,email,status,ok_call\nDi,Ox,di@example.org,Retired,yes\n"), 0o600)
	code, _, errOut := chapterdesk(t, "import", "volunteers", bad, "--db", to)
	if code != 1 || !strings.Contains(errOut, `line 2, column 4 (status): "Retired" is not a volunteer status ChapterDesk knows`) {
		t.Errorf("exit %d: %s", code, errOut)
	}
}

// A file whose every joined date is unreadable lists the first of them, counts the
// rest and names the file holding those the import kept: a million rows must not
// print a million lines.
func TestImportUnreadableDatesAreCounted(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("First Name,Last Name,Email,Joined\r\n")
	for i := range 250 {
		fmt.Fprintf(&b, "Ana,Lee%d,ana%d@example.org,sometime\r\n", i, i)
	}
	sheet := filepath.Join(dir, "sheet.csv")
	if err := os.WriteFile(sheet, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := chapterdesk(t, "import", "volunteers", sheet, "--db", filepath.Join(dir, "c.db"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "250 dates were not read") ||
		!strings.Contains(out, "  and 230 more: all 250 listed in "+filepath.Join(dir, "sheet-import-lists.txt")+"\n") ||
		strings.Count(out, `"sometime"`) != 20 {
		t.Errorf("%d lines quoting the date:\n%s", strings.Count(out, `"sometime"`), out[:min(len(out), 600)])
	}
}

// A joined date in the future or before 1900 is no day anyone joined on: "1/1/45"
// reads as 2045. It is listed, as an unreadable date is, not stored.
func TestImportJoinedDatesOutsideAreListed(t *testing.T) {
	dir := t.TempDir()
	sheet := filepath.Join(dir, "sheet.csv")
	if err := os.WriteFile(sheet, []byte("First Name,Last Name,Email,Joined\r\n"+
		"Ana,Lee,ana@example.org,1/1/45\r\nBo,Li,bo@example.org,1/2/1899\r\nCy,Ng,cy@example.org,3/4/2021\r\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "c.db")
	code, out, errOut := chapterdesk(t, "import", "volunteers", sheet, "--db", path)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"2 dates were not read", `"1/1/45": it reads as January 1, 2045, which no one joined on`,
		`"1/2/1899": it reads as January 2, 1899`} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in\n%s", want, out)
		}
	}
	export := filepath.Join(dir, "v.csv")
	chapterdesk(t, "export", "volunteers", export, "--db", path)
	data, _ := os.ReadFile(export)
	if strings.Contains(string(data), "2045") || strings.Contains(string(data), "1899") || !strings.Contains(string(data), "2021-03-04") {
		t.Errorf("exported:\n%s", data)
	}
}
