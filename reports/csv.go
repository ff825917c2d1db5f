package reports

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/chapterdesk/chapterdesk/db"
)

// Neutralize makes a CSV cell inert in a spreadsheet. A cell that begins with =, +,
// -, @, a tab or a carriage return can be run as a formula (or a DDE command) by
// Excel and LibreOffice; such a cell gets a single quote in front, as OWASP
// recommends ("CSV injection"); so does one whose first sign comes after spaces
// (" =1+1", a no-break space before "@SUM"), which a spreadsheet that trims a cell
// before reading it runs too. Nothing else changes.
//
// Phone numbers are the common honest case: "+1 617 555 0100" exports as
// "'+1 617 555 0100". We keep the quote rather than dropping the "+" or guessing
// which cells "look like" phone numbers: the digits stay exactly as typed and a
// person reads the number at once, while any rule that lets some "+..." cells
// through unquoted is a rule an attacker can aim at (`+1+cmd|' /C calc'!A0`).
// ChapterDesk's phone reader ignores the quote, so a number imported back
// normalizes as before.
func Neutralize(s string) string {
	if s == "" {
		return s
	}
	r, _ := utf8.DecodeRuneInString(s)
	if r != '\t' && r != '\r' {
		r, _ = utf8.DecodeRuneInString(strings.TrimLeftFunc(s, unicode.IsSpace))
	}
	switch r {
	case '=', '+', '-', '@', '\t', '\r',
		// Full-width and small forms: spreadsheets in East Asian locales (and
		// LibreOffice's input autocorrection) read them as the ASCII signs.
		'\uFF1D', '\uFF0B', '\uFF0D', '\uFF20', '\uFE66', '\uFE62', '\uFE63', '\uFE6B':
		return "'" + s
	}
	return s
}

// csvWriter writes neutralized rows, checking the context every 10,000 rows.
type csvWriter struct {
	ctx  context.Context
	w    *csv.Writer
	n    int
	cell []string
}

// newCSV starts a CSV file: a UTF-8 byte-order mark (without it Excel reads the file
// as Windows-1252 and mangles every accented name) and the header.
func newCSV(ctx context.Context, w io.Writer, header ...string) (*csvWriter, error) {
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return nil, err
	}
	c := &csvWriter{ctx: ctx, w: csv.NewWriter(w)}
	return c, c.w.Write(header)
}

func (c *csvWriter) row(cells ...string) error {
	c.n++
	if c.n%10_000 == 0 {
		if err := c.ctx.Err(); err != nil {
			return err
		}
	}
	c.cell = c.cell[:0]
	for _, s := range cells {
		c.cell = append(c.cell, Neutralize(s))
	}
	return c.w.Write(c.cell)
}

func (c *csvWriter) close() error {
	c.w.Flush()
	return c.w.Error()
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

// WriteVolunteersCSV writes the roster, one row a volunteer, from each (for example
// db.Store.EachRosterVolunteer).
func WriteVolunteersCSV(ctx context.Context, w io.Writer, each func(func(*db.RosterRow) error) error) error {
	c, err := newCSV(ctx, w, "uuid", "first_name", "last_name", "chapter", "email", "phone", "mobile", "address1",
		"address2", "city", "state", "zip", "senate_district", "house_district", "languages", "tags", "skills",
		"status", "ok_call", "ok_text", "ok_email", "do_not_contact", "recruiter", "recruiter_uuid", "joined_on", "notes")
	if err != nil {
		return fmt.Errorf("export volunteers: %w", err)
	}
	err = each(func(v *db.RosterRow) error {
		return c.row(v.UUID, v.FirstName, v.LastName, v.Chapter, v.Email, v.Phone, v.Mobile, v.Address1, v.Address2,
			v.City, v.State, v.Zip, v.SenateDistrict, v.HouseDistrict, v.Languages, v.Tags, v.Skills, v.Status.Label(),
			yesNo(v.OKCall), yesNo(v.OKText), yesNo(v.OKEmail), yesNo(v.DoNotContact),
			joinName(v.RecruiterFirst, v.RecruiterLast), v.RecruiterUUID, day(v.JoinedOn), v.Notes)
	})
	if err == nil {
		err = c.close()
	}
	if err != nil {
		return fmt.Errorf("export volunteers: %w", err)
	}
	return nil
}

// WriteCallsCSV writes call reports, one row a call, from each (for example
// db.Store.EachCallReport); times are shown in loc, with its offset (RFC 3339): a time
// without one was read back in the zone of the computer importing it, hours off. The
// caller's email and volunteer UUID come after the rest (the columns before keep their
// places): imported into another file, they tell apart callers who share a name. Last,
// time_may_be_off says "yes" of a time an older ChapterDesk read on its computer's
// clock, hours off unless that computer was on the legislature's (calls fix-times).
func WriteCallsCSV(ctx context.Context, w io.Writer, loc *time.Location, each func(func(*db.CallLogRow) error) error) error {
	if loc == nil {
		loc = time.UTC
	}
	c, err := newCSV(ctx, w, "uuid", "called_at", "campaign", "chapter", "volunteer", "legislator", "chamber",
		"district", "office", "outcome", "reached", "stance_heard", "gave_name_zip", "follow_up", "follow_up_done",
		"notes", "source", "volunteer_email", "volunteer_uuid", "time_may_be_off")
	if err != nil {
		return fmt.Errorf("export call reports: %w", err)
	}
	err = each(func(r *db.CallLogRow) error {
		return c.row(r.UUID, r.CalledAt.In(loc).Format(time.RFC3339), r.Campaign, r.Chapter,
			joinName(r.VolunteerFirst, r.VolunteerLast), r.Legislator, r.Chamber.Label(), r.District, r.Office.Label(),
			r.Outcome.Label(), yesNo(r.Outcome.Reached()), r.StanceHeard.Label(), yesNo(r.GaveNameZip),
			yesNo(r.FollowUp), yesNo(r.FollowUpDone), r.Notes, r.Source, r.VolunteerEmail, r.VolunteerUUID, yesNo(r.TimeMayBeOff))
	})
	if err == nil {
		err = c.close()
	}
	if err != nil {
		return fmt.Errorf("export call reports: %w", err)
	}
	return nil
}

// WriteLegislatorsCSV writes legislators, one row each, with the lead's edits as
// given (db.Store.Legislators applies them).
func WriteLegislatorsCSV(ctx context.Context, w io.Writer, ls []db.Legislator) error {
	c, err := newCSV(ctx, w, "uuid", "openstates_id", "state", "chamber", "district", "name", "party", "email",
		"capitol_phone", "capitol_address", "district_phone", "district_address", "url", "in_office", "notes")
	if err != nil {
		return fmt.Errorf("export legislators: %w", err)
	}
	for _, l := range ls {
		if err := c.row(l.UUID, l.OpenStatesID, l.State, l.Chamber.Label(), l.District, l.Name, l.Party, l.Email,
			l.CapitolPhone, l.CapitolAddress, l.DistrictPhone, l.DistrictAddress, l.URL, yesNo(l.InOffice),
			l.Notes); err != nil {
			return fmt.Errorf("export legislators: %w", err)
		}
	}
	if err := c.close(); err != nil {
		return fmt.Errorf("export legislators: %w", err)
	}
	return nil
}

// joinLists joins two ", "-joined lists (tags, then skills) into one.
func joinLists(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + ", " + b
}

func joinName(first, last string) string {
	switch {
	case first == "":
		return last
	case last == "":
		return first
	}
	return first + " " + last
}
