package importer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/nyaruka/phonenumbers"
	"golang.org/x/text/language"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/importer/csvfile"
	"github.com/chapterdesk/chapterdesk/importer/format"
	"github.com/chapterdesk/chapterdesk/stream"
)

// VolunteerFile is a roster export (NationBuilder, Action Network, NGP VAN, CiviCRM)
// opened for import: its format is known, its rows are read while they are imported.
type VolunteerFile struct {
	FileInfo
	lastJoin time.Time // the latest joined date taken (see readJoined)
	// Problems lists the rows left out, with their line and column; complete once the
	// source from Rows has run.
	Problems []*Problem
	// PaddedZips lists the zips read with the leading zero a spreadsheet had stripped
	// (see format.FixZip); complete once the source from Rows has run.
	PaddedZips []ZipFix
	// NotZips lists the zips no US zip can be ("601" in MA: see format.ZipNotAZip),
	// each volunteer imported without one; complete once the source from Rows has run.
	NotZips []ZipNote
	// SetAside counts the values not kept because another column of the same field
	// was taken (an email1 besides the email; see format.Mapping.SetAside); complete
	// once the source from Rows has run.
	SetAside []SetAside
	// ValueNotes lists the values of rows kept that were not used as they stand (a
	// fax number, a made-up zip, an email the export marks bad), each with why: the
	// first maxUnreadDates of them, ValueNoteCount counts them all. Complete once
	// the source from Rows has run.
	ValueNotes     []ValueNote
	ValueNoteCount int
	// NotVolunteers lists the contacts left out as no volunteers to import (deceased,
	// in the other system's trash, an organization or household); complete once the
	// source from Rows has run.
	NotVolunteers []NotVolunteer
	// Dates lists the dates not read, and those read one of two ways; complete once
	// the source from Rows has run.
	Dates Dates
	// Unread are the export's own columns no field reads that hold a value in some
	// row; complete once the source from Rows has run.
	Unread UnreadColumns
	unread unreadWatch
	t      *table
	// header is the file's header, read once: the reader's Header is a new copy at
	// every call, which was 3.4 GB of garbage over a million rows of 218 columns.
	header []string
}

// UnreadColumns are the columns of a known export (NationBuilder, NGP VAN, CiviCRM,
// Action Network) that are the export's own, that no field reads, and that hold a
// value in some row (see format.HoldsValue). Its custom fields are FileInfo.NotRead,
// from the header alone.
type UnreadColumns struct {
	// Named are those a lead would want to know are left out (an employer, a
	// volunteer's availability; see format.OwnNotRead), in header order.
	Named []UnreadColumn
	// Other are the names of the rest, in header order: summed up, as an export has
	// many a roster has no use for (NationBuilder's voter file and donations).
	Other []string
}

// UnreadColumn is a column not read, with the rows that hold a value in it.
type UnreadColumn struct {
	Name      string
	Rows      int
	FirstLine int
}

// unreadWatch tells which of an export's own columns not read hold a value (see
// UnreadColumns) as the rows go by. The named columns are counted in every row;
// each other column is looked at only until a row holds a value in it: the 100,000
// rows of a NationBuilder export have some 150 columns not read.
type unreadWatch struct {
	named       []int
	rows, first []int // of each named column
	pending     []int // the other columns not yet seen holding a value
	held        []int // those seen
}

func newUnreadWatch(named, other []int) unreadWatch {
	return unreadWatch{named: named, rows: make([]int, len(named)), first: make([]int, len(named)), pending: other}
}

// see looks at the row's cells of the columns watched.
func (w *unreadWatch) see(row csvfile.Row) {
	for k, i := range w.named {
		if i < len(row.Cells) && format.HoldsValue(row.Cells[i]) {
			if w.rows[k]++; w.first[k] == 0 {
				w.first[k] = row.Line
			}
		}
	}
	cells := row.Cells
	for k := 0; k < len(w.pending); {
		// Most of these cells are empty in every row: told so without a call.
		if i := w.pending[k]; i < len(cells) && cells[i] != "" && format.HoldsValue(cells[i]) {
			w.held = append(w.held, i)
			last := len(w.pending) - 1
			w.pending[k], w.pending = w.pending[last], w.pending[:last]
			continue
		}
		k++
	}
}

// columns are the columns seen holding a value, by their names in header.
func (w *unreadWatch) columns(header []string) UnreadColumns {
	var out UnreadColumns
	for k, i := range w.named {
		if w.rows[k] > 0 {
			out.Named = append(out.Named, UnreadColumn{Name: strings.TrimSpace(header[i]), Rows: w.rows[k], FirstLine: w.first[k]})
		}
	}
	slices.Sort(w.held)
	for _, i := range w.held {
		out.Other = append(out.Other, strings.TrimSpace(header[i]))
	}
	return out
}

// SetAside is a column whose values were not kept in some rows, because the field
// it fills was taken from another column.
type SetAside struct {
	Field     format.Field
	Column    string // the column not kept
	Kept      string // the column kept (the first filled; usually the export's preferred)
	Rows      int
	FirstLine int
}

// ValueNote is a value of a row that was imported without it, or with it but not
// for what it would be used for (an email kept, with email closed), and why.
type ValueNote struct {
	Line   int
	Column int    // 1-based, as a Problem's
	Name   string // the column's header
	Value  string
	Why    string
}

// NotVolunteer is a contact of the file left out, and why.
type NotVolunteer struct {
	Line int
	Name string
	Why  string // "deceased", "in the trash", "an organization", "a household"
}

// Dates are the date cells of a roster not read as a date, and a count of those read
// month first that read day first too.
type Dates struct {
	// Unread are the cells no date was read from, the first maxUnreadDates of them:
	// each volunteer is imported with the date left empty. UnreadCount counts them
	// all, and UnreadDayFirst those that read only day first.
	Unread                      []DateNote
	UnreadCount, UnreadDayFirst int
	// EitherWay counts the dates read month first that are another date read day
	// first ("03/02/2020"); First is the first of them.
	EitherWay int
	First     DateNote
}

// DayFirst reports whether some unread dates read only day first: then the file may
// write all its dates so, and those read month first (EitherWay) may be wrong.
func (d *Dates) DayFirst() bool { return d.UnreadDayFirst > 0 }

// maxUnreadDates is how many unread dates Dates keeps, and value notes a file: a
// file whose every date is unreadable must not hold a note per row.
const maxUnreadDates = 1000

// DateNote is a date cell, with its place in the file.
type DateNote struct {
	Line   int
	Column int    // 1-based, as a Problem's
	Name   string // the column's header
	Value  string
	// DayFirst says the cell reads only day first ("13/02/2020"). A day/month/year
	// date is read month first, as US exports write it. A file is read while it is
	// imported, before its later rows can tell which order it writes, so a cell the
	// other way is not guessed at: it is listed, as every unread date is.
	DayFirst bool
	// Outside is the date the cell reads as when that is no day anyone joined on (in
	// the future, or before 1900); zero otherwise.
	Outside time.Time
	// WeekdayOff is the date the cell reads as when the weekday written before it is
	// another day's ("Tues, Feb 3, 2020", a Monday: see format.WeekdayOff); zero
	// otherwise.
	WeekdayOff time.Time
}

// ZipFix is a zip code read with its leading zero put back.
type ZipFix struct {
	Line     int
	From, To string
}

// ZipNote is a zip code not stored, as no US zip has its digits (see
// format.ZipNotAZip), with the state its row names ("" for none).
type ZipNote struct {
	Line       int
	Zip, State string
}

// ErrBadRows: the file has rows that cannot be imported, and the import was told not
// to skip them, so nothing was written. The file's Problems say which.
// The store's refusal of rows it cannot import as they are is the same error.
var ErrBadRows = db.ErrBadRows

// OpenVolunteers reads the header of a roster export and works out its format (or
// takes the one given by id in forced).
func OpenVolunteers(r io.Reader, forced string) (*VolunteerFile, error) {
	return OpenVolunteersWith(r, Options{Format: forced})
}

// OpenVolunteersWith is OpenVolunteers for a roster read with a column mapping of the
// lead's, or recognised by a saved one (see Options).
func OpenVolunteersWith(r io.Reader, opts Options) (*VolunteerFile, error) {
	t, err := open(r, opts, format.KindVolunteers)
	if err != nil {
		return nil, err
	}
	f := &VolunteerFile{FileInfo: t.info(), t: t, header: t.r.Header()}
	if t.preset == "" {
		f.unread = newUnreadWatch(format.OwnNotRead(t.f, f.header, t.m))
	}
	return f, nil
}

// Rows is the file as a db.VolunteerSource. The file is read and each row checked
// on a goroutine of its own while the store writes the rows before it. A row that
// cannot be imported ends the import with ErrBadRows once the rest of the file is
// read (so Problems lists every bad row, for the lead to fix them in one go), unless
// skipBad is set: then it is left out, listed in Problems and, when rejects is not
// nil, written there as a CSV the lead can fix and import again (see rejectsWriter).
func (f *VolunteerFile) Rows(skipBad bool, rejects io.Writer) db.VolunteerSource {
	return func(fn func(*db.IncomingVolunteer) error) error {
		var rw *rejectsWriter
		if rejects != nil {
			var err error
			if rw, err = newRejectsWriter(rejects, f.Header); err != nil {
				return err
			}
		}
		var readErr error
		var garbled []Rejected // the rows the store left out (db.GarbledRow): the writing goroutine's
		err := stream.Pipe(context.Background(), func(emit func(volunteerRow) bool) {
			bad := false // a row is bad and not to be skipped: the rest is only checked
			readErr = f.each(func(in db.IncomingVolunteer, cells []string, p *Problem) bool {
				if p == nil {
					return bad || emit(volunteerRow{in, mayBeGarbled(&in, cells)})
				}
				if !skipBad {
					bad = true
					return true
				}
				if rw != nil {
					rw.write(cells, p) // an error stays in the writer until flush
				}
				return true
			})
		}, func(r *volunteerRow) error {
			err := fn(&r.in)
			if g := r.in.Garbled; g != nil {
				garbled = append(garbled, Rejected{Cells: r.cells, Problem: f.garbledProblem(g, r.cells)})
			}
			return err
		})
		// The problems the reader found decide the end (the store refuses its own bad
		// rows, db.ErrBadRows, once it has seen every row); the store's are listed
		// with them, in file order, and written to the rejects file after them.
		problems := len(f.Problems)
		for _, g := range garbled {
			f.Problems = append(f.Problems, g.Problem)
			if rw != nil {
				rw.write(g.Cells, g.Problem)
			}
		}
		slices.SortStableFunc(f.Problems, func(a, b *Problem) int { return a.Line - b.Line })
		if rw != nil {
			if ferr := rw.flush(); err == nil {
				err = ferr
			}
		}
		return streamEnd(err, readErr, problems, skipBad)
	}
}

// volunteerRow is a row on its way to the store, with its cells when the store may
// leave it out for its text (see mayBeGarbled), for the rejects file.
type volunteerRow struct {
	in    db.IncomingVolunteer
	cells []string
}

// mayBeGarbled is a copy of a row's cells when a value of it is damaged by an
// encoding (IncomingVolunteer.Damaged), which the store leaves out if the row is a
// new volunteer's; nil otherwise: the reader's cells are not kept for every row.
func mayBeGarbled(in *db.IncomingVolunteer, cells []string) []string {
	if in.Damaged() {
		return slices.Clone(cells)
	}
	return nil
}

// garbledProblem is a row the store left out as its text is damaged by an encoding,
// as a bad row: at the first cell that holds the damaged value.
func (f *VolunteerFile) garbledProblem(g *db.GarbledRow, cells []string) *Problem {
	p := &Problem{Line: g.Line, Reason: g.Why}
	for i, c := range cells {
		if strings.Contains(c, g.Value) {
			p.Column, p.Name = i+1, f.Header[i]
			break
		}
	}
	return p
}

// each reads the rows, calling fn with each checked row or its problem (which it
// also adds to Problems), until fn returns false or the file ends. A fatal problem
// is returned.
func (f *VolunteerFile) each(fn func(in db.IncomingVolunteer, cells []string, p *Problem) bool) error {
	defer func() { f.Unread = f.unread.columns(f.header) }()
	return f.t.each(func(row csvfile.Row, p *Problem) bool {
		var in db.IncomingVolunteer
		var leftOut string
		var notes []ValueNote
		if p == nil {
			f.unread.see(row)
			in, leftOut, notes, p = volunteerFromRow(f.t, row)
		}
		if p == nil && leftOut != "" {
			return f.leaveOut(row, in, leftOut, fn)
		}
		if p == nil {
			f.noteSetAside(row, &in)
			f.readJoined(row, &in)
			from := in.Zip
			z, check := format.FixZip(in.Zip, in.State, f.t.m.Get(row.Cells, format.Country))
			in.Zip = z // "90210.0", a 5-digit zip a spreadsheet wrote as a number, is 90210
			if check == format.ZipNotAZip {
				in.Zip = ""
			} else if why := format.MadeUpZip(in.Zip); why != "" {
				col, name := f.t.columnIn(row.Cells, format.Zip)
				notes = append(notes, ValueNote{Line: row.Line, Column: col, Name: name, Value: strings.Clone(in.Zip), Why: why})
				in.Zip = ""
			}
			if err := in.Prepare(); err != nil {
				p = &Problem{Line: row.Line, Reason: err.Error()}
				var ve *db.ValidationError
				if errors.As(err, &ve) {
					p.Column, p.Name = f.t.columnIn(row.Cells, validationColumns[ve.Field])
					p.Reason = strings.TrimSuffix(ve.Message, ".")
				}
			}
			// The notes on zips are of rows kept: a row left out is listed with why. A cell
			// is a slice of its whole row's text: a copy keeps the zip, not the row.
			if p == nil {
				f.ValueNoteCount += len(notes)
				f.ValueNotes = append(f.ValueNotes, notes[:min(len(notes), max(0, maxUnreadDates-len(f.ValueNotes)))]...)
			}
			switch {
			case p != nil:
			case check == format.ZipPadded:
				f.PaddedZips = append(f.PaddedZips, ZipFix{Line: row.Line, From: strings.Clone(from), To: z})
			case check == format.ZipNotAZip:
				f.NotZips = append(f.NotZips, ZipNote{Line: row.Line, Zip: strings.Clone(from), State: strings.Clone(in.State)})
			}
		}
		if p != nil {
			f.Problems = append(f.Problems, p)
		}
		return fn(in, row.Cells, p)
	})
}

// leaveOut lists a contact that is no volunteer to import, and why. A deceased one
// goes on to fn all the same, as IncomingVolunteer.Deceased: the store adds no one
// for it and makes the person inactive if they are on the roster. So does one that
// closes a way to contact them (a trashed contact's "Do Not Phone"), as
// IncomingVolunteer.ConsentOnly: a "do not call" is always taken.
func (f *VolunteerFile) leaveOut(row csvfile.Row, in db.IncomingVolunteer, why string, fn func(db.IncomingVolunteer, []string, *Problem) bool) bool {
	n := NotVolunteer{Line: row.Line, Name: strings.Clone(in.Name()), Why: why}
	switch {
	case why == whyDeceased:
		in.Deceased = true
	case in.NarrowsConsent():
		in.ConsentOnly = true
		n.Why += "; what it closes (calls, email, texts) is taken for them if they are on the roster"
	default:
		f.NotVolunteers = append(f.NotVolunteers, n)
		return true
	}
	err := in.Prepare()
	if err != nil {
		n.Why += "; not looked for on the roster, as " + strings.TrimSuffix(err.Error(), ".")
	}
	f.NotVolunteers = append(f.NotVolunteers, n)
	return err != nil || fn(in, row.Cells, nil)
}

// readJoined reads the row's joined date into in. A cell that is no date
// ChapterDesk reads is left empty and listed in Dates, with the volunteer imported.
func (f *VolunteerFile) readJoined(row csvfile.Row, in *db.IncomingVolunteer) {
	cell := format.CleanText(f.t.pl.Get(row.Cells, format.JoinedOn))
	if cell == "" {
		return
	}
	note := func(dayFirst bool) DateNote {
		col, name := f.t.columnIn(row.Cells, format.JoinedOn)
		// A cell is a slice of its whole row's text: a copy keeps the date, not the row.
		return DateNote{Line: row.Line, Column: col, Name: name, Value: strings.Clone(cell), DayFirst: dayFirst}
	}
	monthFirst, dayFirst := format.SlashOrders(cell)
	d, ok := format.ParseDate(cell)
	// A date no one joined on: "1/1/45" reads as 2045, "1/2/1899" as 1899.
	if f.lastJoin.IsZero() {
		f.lastJoin = time.Now().AddDate(0, 0, 1) // once a file, not once a row
	}
	outside := ok && (d.Year() < 1900 || d.After(f.lastJoin))
	switch {
	case !ok || outside:
		if f.Dates.UnreadCount++; dayFirst {
			f.Dates.UnreadDayFirst++
		}
		if len(f.Dates.Unread) < maxUnreadDates {
			n := note(dayFirst)
			if outside {
				n.Outside = d
			}
			if off, ok := format.WeekdayOff(cell); ok {
				n.WeekdayOff = off
			}
			f.Dates.Unread = append(f.Dates.Unread, n)
		}
		return
	case monthFirst && dayFirst:
		if f.Dates.EitherWay++; f.Dates.EitherWay == 1 {
			f.Dates.First = note(false)
		}
	}
	in.JoinedOn = d.Format(time.DateOnly)
}

// setAsideFields are the fields whose other candidate columns are checked.
var setAsideFields = []format.Field{format.Email, format.Phone, format.Mobile, format.FullName, format.Notes,
	format.SenateDistrict, format.HouseDistrict, format.JoinedOn}

// noteSetAside counts the values of a row not kept (see SetAside).
func (f *VolunteerFile) noteSetAside(row csvfile.Row, in *db.IncomingVolunteer) {
	if f.t.m.Alts == nil {
		return
	}
	header := f.header
	for _, fd := range setAsideFields {
		// A value no one is reached at (an email marked bad, a made-up phone) is listed
		// on its own (ValueNotes), and the one kept may be another column's than Get's.
		if _, ok := f.t.m.Alts[fd]; !ok {
			continue
		}
		kept, _ := f.t.m.Col(row.Cells, fd)
		var skip func(string) bool
		if fd == format.Email && len(in.BadEmails) > 0 || (fd == format.Phone || fd == format.Mobile) && format.MadeUpPhone(f.t.m.Get(row.Cells, fd)) != "" {
			ok := usable(fd, in.BadEmails)
			if i, _, found := f.t.m.FirstWhere(row.Cells, fd, ok); found {
				kept = i
			}
			skip = func(v string) bool { return !ok(v) }
		}
		for _, i := range f.t.m.SetAsideBeside(row.Cells, fd, kept, skip) {
			j := slices.IndexFunc(f.SetAside, func(s SetAside) bool { return s.Field == fd && s.Column == header[i] && s.Kept == header[kept] })
			if j < 0 {
				f.SetAside = append(f.SetAside, SetAside{Field: fd, Column: header[i], Kept: header[kept], FirstLine: row.Line})
				j = len(f.SetAside) - 1
			}
			f.SetAside[j].Rows++
		}
	}
}

// Volunteers is a whole roster export read into memory: for small files and tests.
type Volunteers struct {
	FileInfo
	// Rows are the rows to import, with those of the deceased (see
	// db.IncomingVolunteer.Deceased), which are listed in NotVolunteers too.
	Rows       []db.IncomingVolunteer
	Problems   []*Problem  // rows left out, with why
	PaddedZips []ZipFix    // zips read with the leading zero a spreadsheet stripped
	NotZips    []ZipNote   // zips no US zip can be, not stored
	SetAside   []SetAside  // values not kept as another column of their field was taken
	ValueNotes []ValueNote // values not used as they stand (see VolunteerFile.ValueNotes)
	// NotVolunteers are the contacts left out: deceased, in the other system's trash,
	// or an organization or household.
	NotVolunteers []NotVolunteer
	Dates         Dates // dates not read, and read one of two ways
	// Unread are the export's own columns not read that hold values (see
	// VolunteerFile.Unread).
	Unread UnreadColumns
}

// validationColumns ties the store's field names to the export fields they come from,
// so a problem points at the column a person must fix.
var validationColumns = map[string]format.Field{"name": format.FirstName, "email": format.Email,
	"phone": format.Phone, "mobile": format.Mobile, "joined_on": format.JoinedOn}

// ReadVolunteers reads a whole roster export; rows that cannot be used are listed in
// Problems, not in Rows. An unreadable file is an error.
func ReadVolunteers(r io.Reader, forced string) (*Volunteers, error) {
	return ReadVolunteersWith(r, Options{Format: forced})
}

// ReadVolunteersWith is ReadVolunteers for a roster read with a column mapping of the
// lead's, or recognised by a saved one (see Options).
func ReadVolunteersWith(r io.Reader, opts Options) (*Volunteers, error) {
	f, err := OpenVolunteersWith(r, opts)
	if err != nil {
		return nil, err
	}
	out := &Volunteers{FileInfo: f.FileInfo}
	err = f.each(func(in db.IncomingVolunteer, _ []string, p *Problem) bool {
		if p == nil {
			out.Rows = append(out.Rows, in)
		}
		return true
	})
	out.Problems, out.PaddedZips, out.SetAside, out.NotVolunteers = f.Problems, f.PaddedZips, f.SetAside, f.NotVolunteers
	out.NotZips, out.ValueNotes = f.NotZips, f.ValueNotes
	out.Dates, out.Unread = f.Dates, f.Unread
	return out, err
}

// volunteerFromRow reads a row; a consent cell it cannot read as yes or no is a
// problem, never a guess. leftOut says why the row is no volunteer to import
// ("deceased", "in the trash", "an organization"); "" for one. notes are the row's
// values not used as they stand (see VolunteerFile.ValueNotes).
func volunteerFromRow(t *table, row csvfile.Row) (in db.IncomingVolunteer, leftOut string, notes []ValueNote, p *Problem) {
	cells := row.Cells
	get := func(f format.Field) string { return format.CleanText(t.pl.Get(cells, f)) }
	// note lists the value of column i (0-based) not used as it stands. A cell is a
	// slice of its whole row's text: a copy keeps the value, not the row.
	note := func(i int, value, why string) {
		n := ValueNote{Line: row.Line, Value: strings.Clone(value), Why: why}
		if h := t.r.Header(); i >= 0 && i < len(h) {
			n.Column, n.Name = i+1, h[i]
		}
		notes = append(notes, n)
	}
	col := func(f format.Field) int {
		if i, ok := t.pl.Col(cells, f); ok {
			return i
		}
		return -1
	}
	// says reads the yes/no cell of column i as read for f (see format.ParseConsent).
	says := func(f format.Field, cell string, i int) (value, said bool) {
		value, said, err := format.ParseConsent(f, cell)
		if err != nil && p == nil {
			p = &Problem{Line: row.Line, Reason: err.Error(), Column: i + 1}
			if h := t.r.Header(); i < len(h) {
				p.Name = h[i]
			}
		}
		return value, said
	}
	// A spreadsheet formula in a name column is no name (format.Formula): read as
	// empty and listed, as a word typed for none is below.
	nameCell := func(f format.Field, what string) string {
		cell := get(f)
		if !format.Formula(cell) {
			return cell
		}
		note(col(f), cell, "a spreadsheet formula, no name: not stored as the "+what)
		return ""
	}
	first, last, ofFirst, ofLast := db.NameColumnTitles(nameCell(format.FirstName, "first name"), nameCell(format.LastName, "family name"))
	v := db.NewVolunteer(first, last)
	// A title or degree in a name column ("Dr. José", "Lee PhD") is set apart and
	// listed, as in a one-column name: kept, "Dr. José" would be another person
	// than the roster's José Núñez of the same email. A role after it ("Smith - Team
	// Lead") is kept in the notes.
	var roles []string // written after the name, for the notes (db.NameRole, db.ColumnRole)
	for _, f := range [...]struct {
		col    format.Field
		titles []string
	}{{format.FirstName, ofFirst}, {format.LastName, ofLast}} {
		if len(f.titles) > 0 {
			_, role := db.ColumnRole(get(f.col))
			if role != "" {
				roles = append(roles, role)
			}
			note(col(f.col), get(f.col), fmt.Sprintf("%s: stored as %s", db.SetApart(f.titles, role), v.Name()))
		}
	}
	nameCol := format.FirstName // the column the first name was read from
	if v.FirstName == "" && v.LastName == "" {
		nameCol = format.FullName
		full := nameCell(format.FullName, "name")
		v.FirstName, v.LastName = db.SplitFullName(full)
		// The roster has no field for a title or a degree: the lead is told what the
		// name lost ("Dr. Kim Lee PhD" is Kim Lee). A role after the name ("Dan Smith -
		// Team Lead") is kept in the notes.
		if _, titles := db.NameTitles(full); len(titles) > 0 {
			_, role := db.NameRole(full)
			if role != "" {
				roles = append(roles, role)
			}
			note(col(format.FullName), full, fmt.Sprintf("%s: stored as %s", db.SetApart(titles, role), strings.TrimSpace(v.FirstName+" "+v.LastName)))
		}
		// A spaced or long dash that sets no role apart is the name's hyphen ("Mary
		// Smith - Jones" is Mary Smith-Jones): listed, as it may have meant otherwise.
		if db.DashAsHyphen(full) {
			note(col(format.FullName), full, "a dash between name words read as the name's hyphen: stored as "+strings.TrimSpace(v.FirstName+" "+v.LastName))
		}
	}
	// A word typed for no name ("N/A", "none", "-", "Unknown"), text with no letter
	// (".", a phone number) or an email in a name is no name (db.NoName,
	// db.ContactsInName): read as empty and listed,
	// as a report form's caller is named; stored, "Lin N/A" was the name on every call
	// sheet (tester t5). A "?" is left to the store's damage check (db.LettersLost).
	for _, f := range [...]struct {
		col   format.Field
		value *string
		what  string
	}{{format.FirstName, &v.FirstName, "first name"}, {format.LastName, &v.LastName, "family name"}} {
		rest, emails, phones := db.ContactsInName(*f.value)
		contact := strings.TrimSpace(rest) == "" && len(emails)+len(phones) > 0 // "lin@example.org" as the family name
		if *f.value == "" || !contact && !db.NoName(*f.value) || db.LettersLost(*f.value) {
			continue
		}
		c, why := f.col, "no name: not stored as the "+f.what
		if contact {
			why = "an email or phone number, no name: not stored as the " + f.what
		}
		if nameCol == format.FullName {
			c, why = format.FullName, fmt.Sprintf("%q is %s", *f.value, why)
		}
		note(col(c), get(c), why)
		*f.value = ""
	}
	// A household on one line ("Bob & Linda Jones") is imported as one volunteer, as
	// which name is whose is no guess to make, and listed for the lead to split.
	if db.TwoPeople(v.FirstName + " " + v.LastName) {
		if nameCol == format.FirstName && !db.TwoPeople(v.FirstName) && db.TwoPeople(v.LastName) {
			nameCol = format.LastName // the sign is in the family name ("Jones & Smith")
		}
		note(col(nameCol), get(nameCol), fmt.Sprintf("may be two people (a household on one line): imported as one volunteer, %s; split them in the app", v.Name()))
	}
	// The roster has no field for a suffix: it stays with the family name, as a full
	// name's does ("Jones Jr."), and tells the son from the father on one household line.
	// A degree in the column ("PhD") is no part of the name: set apart and listed, as
	// in a one-column name ("Dr. Kim Lee PhD").
	if suffix := get(format.NameSuffix); suffix != "" && v.LastName != "" {
		switch {
		case db.Postnominals(suffix):
			note(col(format.NameSuffix), suffix, fmt.Sprintf("%s set apart from the name (no field for it): stored as %s", suffix, v.Name()))
		case !strings.HasSuffix(strings.ToLower(v.LastName), " "+strings.ToLower(suffix)):
			v.LastName += " " + suffix
		}
	}
	v.Email, v.Phone, v.Mobile = get(format.Email), get(format.Phone), get(format.Mobile)
	if cell := get(format.PhoneExt); cell != "" && v.Phone != "" {
		phone, why := withExtension(v.Phone, cell)
		if why != "" {
			p = &Problem{Line: row.Line, Reason: why}
			p.Column, p.Name = t.columnIn(cells, format.PhoneExt)
		}
		v.Phone = phone
	}
	if v.Phone != "" {
		typ := get(format.PhoneType)
		switch kind := phoneKind(typ); {
		case kind == "mobile" && v.Mobile == "":
			v.Phone, v.Mobile = "", v.Phone
		case kind != "" && kind != "phone" && kind != "mobile":
			// The person and their other values are kept; the number is no one's to call.
			note(col(format.Phone), v.Phone, fmt.Sprintf("its Phone Type is %q, a number no one calls: not stored as the phone", typ))
			v.Phone = ""
		}
	}
	// A number of one digit ten times is one typed to fill a form: the person is
	// kept, the number is not stored as theirs; another column's real one is taken.
	for _, ph := range []struct {
		f format.Field
		v *string
	}{{format.Phone, &v.Phone}, {format.Mobile, &v.Mobile}} {
		why := format.MadeUpPhone(*ph.v)
		if why == "" {
			continue
		}
		i := col(ph.f)
		own := get(ph.f) == *ph.v
		if !own {
			i = col(format.Phone) // a phone taken as the mobile (its type)
		}
		value := *ph.v
		*ph.v = ""
		if j, other, ok := t.m.FirstWhere(cells, ph.f, usable(ph.f, nil)); own && ok {
			why += ": " + t.r.Header()[j] + " taken instead"
			*ph.v = format.CleanText(other)
		}
		note(i, value, why)
	}
	// The same number as phone and mobile is one number: kept once, as the mobile
	// (the column that says it takes texts), so call sheets and exports do not give
	// it twice. Compared by its digits: parsing both would cost every row a parse.
	if v.Phone != "" && sameDigits(v.Phone, v.Mobile) {
		v.Phone = ""
	}
	// A placeholder typed where a form asks for an email (none@none.com,
	// no@email.com) is no one's address: not stored, listed; another email column's
	// real one is taken instead.
	if db.PlaceholderEmail(v.Email) || format.NoEmail(v.Email) {
		// "N/A" or "none" in the email refused the whole file as a bad address (tester, s41).
		why := "a placeholder typed for no email: not stored as the email"
		value := v.Email
		v.Email = ""
		if j, other, ok := t.m.FirstWhere(cells, format.Email, func(e string) bool { return !db.PlaceholderEmail(e) && !format.NoEmail(e) }); ok {
			why += ": " + t.r.Header()[j] + " taken instead"
			v.Email = format.CleanText(other)
		}
		note(col(format.Email), value, why)
	}
	// NGP VAN says which of its phones are on a cell exchange: the number is a
	// mobile's, the mobile when the row has none (texts still need an opt-in for it).
	for _, mc := range t.m.MarkCells(cells, format.PhoneIsCell) {
		if cell, _ := says(format.PhoneIsCell, mc.Mark, mc.MarkCol); cell && v.Mobile == "" && samePhone(mc.Value, v.Phone) {
			v.Phone, v.Mobile = "", v.Phone
		}
	}
	v.Address1, v.Address2, v.City, v.State, v.Zip = get(format.Address1), get(format.Address2), get(format.City),
		format.StateCode(get(format.State)), get(format.Zip)
	v.SenateDistrict, v.HouseDistrict = get(format.SenateDistrict), get(format.HouseDistrict)
	v.Notes = get(format.Notes)
	if len(roles) > 0 {
		v.Notes = strings.TrimPrefix(v.Notes+"; written after the name: "+strings.Join(roles, ", "), "; ")
	}
	// Each tags cell is cleaned as a whole before it is split: the export's quote
	// against a formula ("'+a, =b") stands before the cell, so it sits on the first tag.
	for _, cell := range t.m.GetAll(cells, format.Tags) {
		v.Tags = append(v.Tags, format.SplitList(format.CleanText(cell))...)
	}
	v.Skills = format.SplitList(get(format.Skills))
	for _, name := range format.SplitList(get(format.Languages)) {
		if code := languageCode(name); code != "" {
			v.Languages = append(v.Languages, code)
		} else {
			// Listed, not dropped: the volunteer would lose the language without a word.
			note(col(format.Languages), name, languageNotRead(name))
		}
	}
	// Consent: a "do not" in the file always counts; an opt-in column, when present,
	// says yes or no. An opt-out is told to the store as such (OptOutEmail,
	// OptOutText), so that it closes the channel of someone already on the roster.
	in = db.IncomingVolunteer{Line: row.Line, System: t.f.System, ExternalID: get(format.ExternalID),
		TagsWithSkills: tagsWithSkills(t.m)}
	flag := func(f format.Field) (value, said bool) {
		value, said, err := format.ParseConsent(f, get(f))
		if err != nil && p == nil {
			p = &Problem{Line: row.Line, Reason: err.Error()}
			p.Column, p.Name = t.columnIn(cells, f)
		}
		return value, said
	}
	if dnc, _ := flag(format.DoNotCall); dnc {
		v.OKCall = false
	}
	// ok_call says the opposite of do_not_call: "no" is the do not call.
	if may, said := flag(format.OKCall); said && !may {
		v.OKCall = false
	}
	if dne, _ := flag(format.DoNotEmail); dne {
		in.OptOutEmail = true
	}
	if nbe, _ := flag(format.NoBulkEmail); nbe {
		in.OptOutEmail = true
	}
	if held, _ := flag(format.EmailOnHold); held {
		in.OptOutEmail = true // CiviCRM sends an address on hold nothing: nor does the chapter
	}
	// A date of unsubscribing, or anything but a plain no, is an opt-out: a cell
	// misread here can only close email, never open it.
	if when := get(format.EmailUnsubscribedAt); when != "" {
		if yes, said := format.ParseBool(when); yes || !said {
			in.OptOutEmail = true
		}
	}
	if dnc, _ := flag(format.FederalDoNotCall); dnc {
		v.OKCall = false
	}
	if dnc, _ := flag(format.DoNotContact); dnc {
		v.DoNotContact = true
	}
	// NationBuilder marks each emailN that bounces (emailN_is_bad); its "email" is
	// one of them. A bad address is not taken when the row has a good one; alone, it
	// is kept, as the person is known by it, with email closed.
	var bad []string
	for _, mc := range t.m.MarkCells(cells, format.EmailIsBad) {
		if yes, _ := says(format.EmailIsBad, mc.Mark, mc.MarkCol); yes {
			bad = append(bad, mc.Value)
		}
	}
	for _, b := range bad {
		in.BadEmails = append(in.BadEmails, strings.Clone(format.CleanText(b))) // not the whole row it was cut from
	}
	if v.Email != "" && !usable(format.Email, bad)(v.Email) {
		const why = "marked bad in the export (mail to it does not arrive)"
		if i, good, ok := t.m.FirstWhere(cells, format.Email, usable(format.Email, bad)); ok {
			note(col(format.Email), v.Email, fmt.Sprintf("%s: %s taken instead", why, t.r.Header()[i]))
			v.Email = format.CleanText(good)
		} else {
			note(col(format.Email), v.Email, why+": kept, not emailed")
			in.OptOutEmail = true
		}
	}
	emailYes := false
	if yes, said := flag(format.EmailOptIn); said && !yes {
		in.OptOutEmail = true
	} else if said {
		emailYes = true
	}
	if yes, said := flag(format.TextOptIn); said {
		v.OKText, in.OptOutText = yes, !yes
		// NGP VAN's opt-in is of one number (OptInPhone): it opens no texts to another.
		if on := get(format.TextOptInPhone); yes && on != "" && !samePhone(on, v.Mobile) {
			why := fmt.Sprintf("the text opt-in is for this number, not the mobile %q: texts not opened", v.Mobile)
			if v.Mobile == "" {
				why = "the text opt-in is for this number, which is not the row's mobile: texts not opened"
			}
			note(col(format.TextOptInPhone), on, why)
			v.OKText = false
		}
	}
	if dnt, _ := flag(format.DoNotText); dnt {
		v.OKText, in.OptOutText = false, true
	}
	// A mobile NationBuilder marks bad (is_mobile_bad) is no one's to text or call:
	// it is not taken from the file, and texts are closed; a person on the roster
	// with that number keeps it (the lead sees it and decides) and is listed.
	if bad, _ := flag(format.MobileIsBad); bad && v.Mobile != "" {
		note(col(format.Mobile), v.Mobile, "marked bad in the export (a wrong or dead number): not taken, no texts (a volunteer on the roster with it keeps it, listed)")
		in.BadMobile = strings.Clone(v.Mobile)
		v.Mobile, v.OKText, in.OptOutText = "", false, true
	}
	// Without an address, "may email" is no one's answer but the default's; a file
	// that says yes (ChapterDesk's own export) is kept, for the day one is given.
	if v.Email == "" && !emailYes || in.OptOutEmail {
		v.OKEmail = false
	}
	if status := get(format.Status); status != "" {
		var err error
		if v.Status, err = db.ParseVolunteerStatus(status); err == nil {
			in.StatusSaid = true
		} else if p == nil {
			p = &Problem{Line: row.Line, Reason: fmt.Sprintf("%q is not a volunteer status ChapterDesk knows (%s), and it is never guessed",
				status, statusNames)}
			p.Column, p.Name = t.columnIn(cells, format.Status)
		}
	}
	// The birth date only tells two rows merged as one apart: a date read is compared
	// as a date ("3/14/1950" and "1950-03-14" are one), any other text as it stands.
	if born := get(format.BirthDate); born != "" {
		in.BirthDate = strings.Clone(born)
		if d, ok := format.ParseDate(born); ok {
			in.BirthDate = d.Format(time.DateOnly)
		}
	}
	in.Recruiter = get(format.Recruiter)
	// A UUID that is none (a cell a lead edited) is as good as no UUID: the volunteer
	// gets a new one, the recruiter is looked for by name.
	v.UUID, in.RecruiterUUID = canonicalUUID(get(format.UUID)), canonicalUUID(get(format.RecruiterUUID))
	in.Volunteer = v
	if dead, _ := flag(format.Deceased); dead {
		leftOut = whyDeceased
	} else if trashed, _ := flag(format.InTrash); trashed {
		leftOut = "in the trash"
	} else {
		leftOut = notAPerson(get(format.ContactType))
	}
	return in, leftOut, notes, p
}

// usable says whether a cell of f is a value to take: not an email the row marks
// bad (one of bad), nor a made-up phone number (see format.MadeUpPhone).
func usable(f format.Field, bad []string) func(string) bool {
	switch f {
	case format.Email:
		return func(e string) bool {
			return !slices.ContainsFunc(bad, func(b string) bool { return format.SameValue(b, e) })
		}
	case format.Phone, format.Mobile:
		return func(p string) bool { return format.MadeUpPhone(p) == "" }
	}
	return func(string) bool { return true }
}

// sameDigits reports whether two phone cells give the same digits (a leading 1 of
// eleven aside): "617-555-0142" and "(617) 555 0142", "+1 617 555 0142".
func sameDigits(a, b string) bool {
	digits := func(s string) string {
		d := strings.Map(func(r rune) rune {
			if '0' <= r && r <= '9' {
				return r
			}
			return -1
		}, s)
		if len(d) == 11 && d[0] == '1' {
			d = d[1:]
		}
		return d
	}
	x := digits(a)
	return len(x) >= 7 && x == digits(b)
}

// samePhone reports whether two cells are the same phone number, however written.
func samePhone(a, b string) bool {
	x, errA := db.NormalizePhone(a)
	y, errB := db.NormalizePhone(b)
	if errA == nil && errB == nil {
		return x != "" && x == y
	}
	return format.SameValue(a, b)
}

// phoneKind reads a phone type (CiviCRM's "Phone Type", in the site's language) as
// "phone" or "mobile", "" when the file does not say, or names the kind in lower case
// ("fax", "pager") for a number no one calls.
func phoneKind(t string) string {
	switch k := strings.ToLower(strings.TrimSpace(t)); k {
	case "":
		return ""
	case "phone", "landline", "home", "work", "main", "voicemail", "voice", "teléfono", "telefono", "telefone", "téléphone":
		return "phone"
	case "mobile", "cell", "cell phone", "mobile phone", "móvil", "movil", "celular", "portable", "mobil":
		return "mobile"
	default:
		return k
	}
}

// canonicalUUID is s as ChapterDesk writes a UUID (lower case, with hyphens), or ""
// when s is no UUID.
func canonicalUUID(s string) string {
	u, err := uuid.Parse(s)
	if err != nil || len(s) != 36 {
		return ""
	}
	return u.String()
}

// tagsWithSkills says whether a file's tags column may hold skills too: ChapterDesk's
// own volunteer export (its ok_call column says so) written before skills had a
// column of their own.
func tagsWithSkills(m format.Mapping) bool {
	_, own := m.Columns[format.OKCall]
	_, tags := m.Columns[format.Tags]
	_, skills := m.Columns[format.Skills]
	return own && tags && !skills
}

// statusNames lists the statuses a file may give, for a problem.
var statusNames = func() string {
	var names []string
	for _, st := range db.VolunteerStatuses {
		names = append(names, string(st))
	}
	return strings.Join(names, ", ")
}()

// whyDeceased is why a deceased contact is no volunteer (NotVolunteer.Why).
const whyDeceased = "deceased"

// notAPerson says why a contact of this type (CiviCRM's "Contact Type") is no
// volunteer: "an organization", "a household"; "" for a person (Individual) or a
// file that does not say. A type ChapterDesk does not know is left out too, named.
func notAPerson(contactType string) string {
	// CiviCRM writes the type in the site's language.
	switch strings.ToLower(strings.TrimSpace(contactType)) {
	case "", "individual", "individu", "einzelperson", "individuo", "persona", "pessoa", "person":
		return ""
	case "organization", "organisation", "organización", "organizacion", "organização", "organizacao", "organisatie":
		return "an organization"
	case "household", "ménage", "menage", "foyer", "haushalt", "hogar", "domicílio", "domicilio", "huishouden":
		return "a household"
	}
	return fmt.Sprintf("contact type %q, not a person", contactType)
}

// languageNames are the language names exports write, for the languages chapters meet.
var languageNames = map[string]string{"english": "en", "spanish": "es", "español": "es", "portuguese": "pt",
	"português": "pt", "vietnamese": "vi", "tiếng việt": "vi", "haitian creole": "ht", "kreyòl": "ht",
	"chinese": "zh", "mandarin": "zh", "cantonese": "yue", "cape verdean creole": "kea", "french": "fr",
	"arabic": "ar", "russian": "ru", "khmer": "km", "somali": "so", "korean": "ko"}

// languageCode reads a language name ("Spanish") or code ("es", "pt-BR") as a BCP 47
// base code; "" when it is neither.
func languageCode(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if code, ok := languageNames[s]; ok {
		return code
	}
	if tag, err := language.Parse(s); err == nil {
		base, _ := tag.Base()
		return base.String()
	}
	return ""
}

// languageNotRead says why a language of the file is not added: letters a
// spreadsheet saved in Windows-1252 turned into "?" ("Ti?ng Vi?t"), as the store
// finds in the names, tags and skills, or a name ChapterDesk does not know.
func languageNotRead(name string) string {
	if strings.Contains(name, "?") {
		return `letters turned into "?" (a spreadsheet saved the file in an encoding that has no such letter): not added, the roster's languages kept; save the file as UTF-8 and import it again`
	}
	return `not a language ChapterDesk reads: not added (write its name in English, or its code, such as "vi")`
}

// extensionPrefix is what an extension cell may start with besides its digits
// ("x12", "ext. 9", "Extension 44", "#3").
var extensionPrefix = regexp.MustCompile(`(?i)^(extension|ext\.?|x|#)\s*:?\s*`)

// withExtension is phone with the extension of its own cell (CiviCRM's "Phone
// Extension") written after it as the app keeps one ("617-555-0104 x3"), which
// NormalizePhone reads past; the cell's own "x" or "ext." is read past first. A
// phone that has that extension already is kept as it is; one with another, or a
// cell that is no extension, is a contradiction the lead settles: why says so.
func withExtension(phone, cell string) (string, string) {
	ext := strings.TrimSpace(extensionPrefix.ReplaceAllString(strings.TrimSpace(cell), ""))
	if ext == "" || strings.Trim(ext, "0123456789") != "" {
		return phone, fmt.Sprintf("the phone extension %q is not an extension's digits (write it like 12 or x12)", cell)
	}
	if num, err := phonenumbers.Parse(strings.TrimPrefix(strings.TrimSpace(phone), "'"), db.DefaultRegion); err == nil && num.GetExtension() != "" {
		if num.GetExtension() == ext {
			return phone, ""
		}
		return phone, fmt.Sprintf("the phone %q has the extension %s and the phone extension cell says %q: which one is right is for you to say (clear one)",
			phone, num.GetExtension(), cell)
	}
	return phone + " x" + ext, ""
}
