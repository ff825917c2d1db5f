package reports

import (
	"github.com/chapterdesk/chapterdesk/db"
)

// callLog lists every call of the period, oldest first. Coalition-safe, it leaves
// out the notes (callers write names and numbers in them) and names the caller by
// first name and last initial. A last column, "Time may be off", marks the calls
// whose time an older ChapterDesk read on its computer's clock, when the period has
// any.
func (wb *workbook) callLog() error {
	cols := []column{{"Called at", 17}, {"Volunteer", 24}}
	if wb.chapters {
		cols = append(cols, column{"Chapter", 24})
	}
	cols = append(cols, column{"Legislator", 28}, column{"Chamber", 9}, column{"District", 24}, column{"Party", 11},
		column{"Office", 9}, column{"Outcome", 24}, column{"Reached", 9}, column{"Stance heard", 13},
		column{"Gave name and zip", 10}, column{"Follow-up", 10}, column{"Follow-up done", 10})
	if !wb.opts.CoalitionSafe {
		cols = append(cols, column{"Notes", 40})
	}
	// A time an older ChapterDesk read on its computer's clock is marked while the
	// file lists it (chapterdesk calls fix-times puts it right); no column otherwise.
	unsure, err := wb.r.TimesMayBeOff()
	if err != nil {
		return err
	}
	if unsure > 0 {
		cols = append(cols, column{"Time may be off", 10})
	}
	s, err := wb.listing(SheetCallLog, cols)
	if err != nil {
		return err
	}
	vals := make([]any, 0, len(cols))
	err = pipe(wb.r.EachCall, func(c *db.CallLogRow) error {
		vals = append(vals[:0], c.CalledAt, wb.person(c.VolunteerFirst, c.VolunteerLast))
		if wb.chapters {
			vals = append(vals, c.Chapter)
		}
		vals = append(vals, c.Legislator, c.Chamber.Label(), c.District, c.Party, c.Office.Label(), c.Outcome.Label(),
			c.Outcome.Reached(), c.StanceHeard.Label(), c.GaveNameZip, c.FollowUp, c.FollowUpDone)
		if !wb.opts.CoalitionSafe {
			vals = append(vals, c.Notes)
		}
		if unsure > 0 {
			mark := ""
			if c.TimeMayBeOff {
				mark = "yes"
			}
			vals = append(vals, mark)
		}
		return s.add(vals...)
	})
	if err != nil {
		return err
	}
	return s.close()
}

// roster lists the live volunteers. Coalition-safe, it keeps what organizing needs
// (chapter, districts, languages, status) and drops every contact detail and note.
func (wb *workbook) rosterSheet() error {
	safe := wb.opts.CoalitionSafe
	cols := []column{{"Volunteer", 26}}
	if wb.chapters {
		cols = append(cols, column{"Chapter", 24})
	}
	if !safe {
		cols = append(cols, column{"Email", 30}, column{"Phone", 16}, column{"Mobile", 16}, column{"Address", 28},
			column{"Address 2", 14}, column{"City", 16}, column{"State", 7}, column{"Zip", 8})
	}
	cols = append(cols, column{"Senate district", 22}, column{"House district", 22}, column{"Languages", 12},
		column{"Tags and skills", 24}, column{"Status", 10}, column{"Joined", 12}, column{"Recruited by", 24})
	if !safe {
		cols = append(cols, column{"OK to call", 9}, column{"OK to text", 9}, column{"OK to email", 9},
			column{"Do not contact", 9}, column{"Notes", 40})
	}
	s, err := wb.listing(SheetVolunteers, cols)
	if err != nil {
		return err
	}
	vals := make([]any, 0, len(cols))
	err = pipe(wb.r.EachVolunteer, func(v *db.RosterRow) error {
		vals = append(vals[:0], wb.person(v.FirstName, v.LastName))
		if wb.chapters {
			vals = append(vals, v.Chapter)
		}
		if !safe {
			vals = append(vals, v.Email, v.Phone, v.Mobile, v.Address1, v.Address2, v.City, v.State, v.Zip)
		}
		vals = append(vals, v.SenateDistrict, v.HouseDistrict, v.Languages, joinLists(v.Tags, v.Skills), v.Status.Label(),
			wb.calendarDay(v.JoinedOn), wb.person(v.RecruiterFirst, v.RecruiterLast))
		if !safe {
			vals = append(vals, v.OKCall, v.OKText, v.OKEmail, v.DoNotContact, v.Notes)
		}
		return s.add(vals...)
	})
	if err != nil {
		return err
	}
	return s.close()
}
