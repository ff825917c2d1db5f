package importer_test

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
	"github.com/chapterdesk/chapterdesk/importer"
	"github.com/chapterdesk/chapterdesk/importer/format"
)

// snapshot is the meaningful content of a file, as sorted lines per part: what the
// roster, the legislators, the call log, the whip count (stances, history, call stats)
// and the trash say, without row ids, UUIDs made at random and timestamps of when a
// row was written, which legitimately differ between two runs of the same import.
type snapshot map[string][]string

// snapshotQueries read the parts of a snapshot. A volunteer is named by their name
// key and email, a legislator by chamber, district and name.
var snapshotQueries = map[string]string{
	"volunteers": `SELECT v.name_key, v.email, v.first_name, v.last_name, v.phone, v.phone_e164, v.mobile, v.mobile_e164,
		v.address1, v.address2, v.city, v.state, v.zip, v.senate_district, v.house_district, v.ok_call, v.ok_text,
		v.ok_email, v.do_not_contact, v.status, v.source, v.notes, v.joined_on, v.deleted_at IS NOT NULL,
		coalesce(r.name_key, ''),
		coalesce((SELECT group_concat(x, ' ') FROM (SELECT t.kind || ':' || t.name AS x FROM volunteer_tags vt
			JOIN tags t ON t.id = vt.tag_id WHERE vt.volunteer_id = v.id ORDER BY 1)), ''),
		coalesce((SELECT group_concat(lang, ' ') FROM (SELECT lang FROM volunteer_languages WHERE volunteer_id = v.id ORDER BY 1)), ''),
		coalesce((SELECT group_concat(x, ' ') FROM (SELECT system || ':' || external_id AS x FROM volunteer_external_ids
			WHERE volunteer_id = v.id ORDER BY 1)), '')
		FROM volunteers v LEFT JOIN volunteers r ON r.id = v.recruiter_id`,
	"legislators": `SELECT coalesce(openstates_id, ''), state, chamber, district, name, given_name, family_name, party,
		email, capitol_address, capitol_phone, capitol_fax, district_address, district_phone, district_fax, url,
		image_url, in_office, notes, deleted_at IS NOT NULL FROM legislators`,
	"call_reports": `SELECT r.called_at, l.chamber, l.district, l.name, coalesce(v.name_key, ''), coalesce(v.email, ''),
		r.office, r.outcome, r.stance_heard, r.gave_name_zip, r.follow_up, r.follow_up_done, r.notes, r.source,
		r.deleted_at IS NOT NULL
		FROM call_reports r JOIN legislators l ON l.id = r.legislator_id LEFT JOIN volunteers v ON v.id = r.volunteer_id`,
	// A change ChapterDesk made itself (a sponsor marked by a legislator import) is
	// dated when the import ran: its time is not compared.
	"stances": `SELECT s.campaign_id, l.chamber, l.district, l.name, s.stance,
		CASE h.changed_by WHEN 'ChapterDesk' THEN 0 ELSE s.changed_at END, h.changed_by, h.reason
		FROM stances s JOIN legislators l ON l.id = s.legislator_id JOIN stance_history h ON h.id = s.history_id`,
	"stance_history": `SELECT h.campaign_id, l.chamber, l.district, l.name, h.stance,
		CASE h.changed_by WHEN 'ChapterDesk' THEN 0 ELSE h.changed_at END, h.changed_by, h.reason,
		coalesce(r.called_at, 0), coalesce(r.outcome, '')
		FROM stance_history h JOIN legislators l ON l.id = h.legislator_id LEFT JOIN call_reports r ON r.id = h.call_report_id`,
	"call_stats": `SELECT c.campaign_id, l.chamber, l.district, l.name, c.attempts, c.reaches, c.last_called_at,
		c.last_reached_at FROM call_stats c JOIN legislators l ON l.id = c.legislator_id`,
}

func takeSnapshot(t *testing.T, s *db.Store, campaign int64) snapshot {
	t.Helper()
	ctx := context.Background()
	raw := dbtest.Raw(t, s.Path())
	snap := snapshot{}
	for part, q := range snapshotQueries {
		rows, err := raw.Query(q)
		if err != nil {
			t.Fatalf("%s: %v", part, err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]sql.NullString, len(cols))
			dest := make([]any, len(cols))
			for i := range vals {
				dest[i] = &vals[i]
			}
			if err := rows.Scan(dest...); err != nil {
				t.Fatal(err)
			}
			var cells []string
			for _, v := range vals {
				cells = append(cells, v.String)
			}
			snap[part] = append(snap[part], strings.Join(cells, "|"))
		}
		rows.Close()
		slices.Sort(snap[part])
	}
	trash, err := s.Trash(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range trash {
		snap["trash"] = append(snap["trash"], fmt.Sprintf("%s|%s|%s", it.Kind, it.Label, it.Kept))
	}
	slices.Sort(snap["trash"])
	whip, err := s.WhipCount(ctx, campaign)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range whip.Chambers {
		snap["whip"] = append(snap["whip"], fmt.Sprintf("%s seats %d needed %d supporting %d %v", c.Chamber, c.Seats,
			c.VotesNeeded, c.Supporting(), c.ByStance))
	}
	for _, r := range whip.Legislators {
		snap["whip"] = append(snap["whip"], fmt.Sprintf("%s %s %s %s %d %d %d %d", r.Chamber, r.District, r.Name,
			r.Stance, r.Attempts, r.Reaches, r.LastCalledAt.Unix(), r.LastReachedAt.Unix()))
	}
	snap["whip"] = append(snap["whip"], fmt.Sprintf("calls %d reaches %d reached %d", whip.Calls, whip.Reaches,
		whip.LegislatorsReached))
	return snap
}

// diff says where two snapshots differ, one line per part.
func (a snapshot) diff(b snapshot) []string {
	var out []string
	for _, part := range []string{"volunteers", "legislators", "call_reports", "stances", "stance_history", "call_stats",
		"trash", "whip"} {
		if slices.Equal(a[part], b[part]) {
			continue
		}
		var only []string
		for _, l := range a[part] {
			if !slices.Contains(b[part], l) {
				only = append(only, "- "+l)
			}
		}
		for _, l := range b[part] {
			if !slices.Contains(a[part], l) {
				only = append(only, "+ "+l)
			}
		}
		if len(only) > 6 {
			only = append(only[:6], fmt.Sprintf("... %d lines in all", len(only)))
		}
		out = append(out, fmt.Sprintf("%s (%d vs %d rows):\n  %s", part, len(a[part]), len(b[part]), strings.Join(only, "\n  ")))
	}
	return out
}

// undoCase is one kind of import: a file set up with what a chapter typically has,
// and the import run on it.
type undoCase struct {
	name string
	// run imports into s and returns the batch to undo.
	run func(t *testing.T, s *db.Store) int64
}

// undoBaseline is a chapter before the import: the starter campaign, the
// Massachusetts legislature, a few people typed in by hand (one of whom the files
// know), a stance the lead recorded and a call made by hand.
func undoBaseline(t *testing.T, s *db.Store) int64 {
	t.Helper()
	ctx := context.Background()
	campaign := dbtest.Campaign(t, s)
	if _, err := s.ImportLegislators(ctx, readLegislators(t, "ma.csv").Rows, db.ImportOptions{State: "MA"}); err != nil {
		t.Fatal(err)
	}
	ana := dbtest.Volunteer(t, s, "Ana", "Lima", func(v *db.Volunteer) { v.Email, v.Zip = "ana@example.org", "02130" })
	dbtest.Volunteer(t, s, "Bo", "Chen", func(v *db.Volunteer) { v.Phone = "617-555-0101" })
	whip, err := s.WhipCount(ctx, campaign)
	if err != nil {
		t.Fatal(err)
	}
	saunders := legislatorNamed(t, whip, "Aaron Saunders")
	if _, err := s.SetStance(ctx, db.StanceChange{CampaignID: campaign, LegislatorID: saunders, Stance: db.StanceUndecided,
		ChangedAt: time.Date(2026, 2, 1, 12, 0, 0, 0, time.UTC), ChangedBy: "the lead", Reason: "town hall"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateCallReport(ctx, db.CallReport{CampaignID: campaign, LegislatorID: saunders, VolunteerID: ana,
		CalledAt: time.Date(2026, 2, 20, 15, 0, 0, 0, time.UTC), Outcome: db.OutcomeSpokeStaff}, false); err != nil {
		t.Fatal(err)
	}
	return campaign
}

func legislatorNamed(t *testing.T, w db.WhipCount, name string) int64 {
	t.Helper()
	for _, r := range w.Legislators {
		if r.Name == name {
			return r.LegislatorID
		}
	}
	t.Fatalf("no legislator %s", name)
	return 0
}

// callForm is ten answers of a call report form: callers on the roster and new ones,
// stances heard and not.
const callForm = "Timestamp,Your name,Your email,Your town,Legislator called,What happened?,What did they say about the bill?\r\n" +
	"2026-03-02 10:00,Ana Lima,ana@example.org,Boston,Rep. Aaron Saunders,Spoke with staff,Yes\r\n" +
	"2026-03-02 11:00,Bo Chen,,Lowell,Rep. Aaron Michlewitz,Left voicemail,\r\n" +
	"2026-03-02 12:00,Cy Diaz,cy@example.org,Salem,Sen. Adam Gómez,Spoke with the legislator,Leaning yes\r\n" +
	"2026-03-03 09:00,Ana Lima,ana@example.org,Boston,Rep. Adam Scanlon,Busy,\r\n" +
	"2026-03-03 10:00,Dee Ro,dee@example.org,Quincy,Rep. Adrian Madaro,Spoke with staff,Undecided\r\n" +
	"2026-03-03 11:00,Cy Diaz,cy@example.org,Salem,Rep. Adrianne Ramos,No answer,\r\n" +
	"2026-03-04 09:00,Eve Sun,eve@example.org,Lynn,Rep. Alan Silvia,Spoke with staff,No\r\n" +
	"2026-03-04 10:00,Cy Diaz,cy@example.org,Salem,Rep. Aaron Saunders,Left voicemail,Leaning no\r\n" +
	"2026-03-04 11:00,Fay Wu,fay@example.org,Newton,Rep. Amy Sangiolo,Spoke with the legislator,Didn't say\r\n" +
	"2026-03-04 12:00,Dee Ro,dee@example.org,Quincy,Rep. Andy Vargas,Spoke with staff,Leaning no\r\n"

func importCallForm(updateStances bool) func(t *testing.T, s *db.Store) int64 {
	return func(t *testing.T, s *db.Store) int64 {
		in, err := importer.ReadCalls(strings.NewReader(callForm), "")
		if err != nil || len(in.Problems) > 0 {
			t.Fatalf("%v %v", err, in.Problems)
		}
		sum, err := s.ImportCalls(context.Background(), in.Rows, db.CallImportOptions{UpdateStances: updateStances})
		if err != nil || sum.Created != 10 || len(sum.Unresolved) > 0 {
			t.Fatalf("%+v %v", sum, err)
		}
		return sum.BatchID
	}
}

func importRoster(header string, opts importer.Options, rows ...map[string]string) func(t *testing.T, s *db.Store) int64 {
	return func(t *testing.T, s *db.Store) int64 {
		text := ""
		if header != "" {
			text = exportWithRows(t, header, rows...)
		} else {
			text = "First,Surname,E-mail,Mobile,Skills\r\n"
			for _, r := range rows {
				text += r["First"] + "," + r["Surname"] + "," + r["E-mail"] + "," + r["Mobile"] + "," + r["Skills"] + "\r\n"
			}
		}
		in, err := importer.ReadVolunteersWith(strings.NewReader(text), opts)
		if err != nil || len(in.Problems) > 0 {
			t.Fatalf("%v %v", err, in.Problems)
		}
		sum, err := s.ImportVolunteers(context.Background(), db.VolunteerRows(in.Rows), db.ImportOptions{Format: in.Format.ID})
		if err != nil || sum.Created == 0 || sum.Updated == 0 {
			t.Fatalf("the file should add someone and fill in Ana: %+v %v", sum.ImportSummary, err)
		}
		return sum.BatchID
	}
}

// otherChapter writes another chapter's file to merge: its own people, a legislator
// typed in by hand, calls with the stances they heard.
func otherChapter(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "worcester.db")
	o, err := db.Open(ctx, path, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer o.Close()
	campaign := dbtest.Campaign(t, o)
	if _, err := o.ImportLegislators(ctx, readLegislators(t, "ma.csv").Rows, db.ImportOptions{State: "MA"}); err != nil {
		t.Fatal(err)
	}
	dbtest.Legislator(t, o, db.ChamberLower, "99th Worcester", "Pat Newseat")
	in, err := importer.ReadCalls(strings.NewReader(callForm+
		"2026-03-05 10:00,Gus Ortiz,gus@example.org,Worcester,Rep. Pat Newseat,Spoke with staff,Yes\r\n"), "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := o.ImportCalls(ctx, in.Rows, db.CallImportOptions{CampaignID: campaign, UpdateStances: true}); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestUndoThenImportAgainIsOneImport: for every kind of import, importing a file,
// undoing it and importing it again leaves the same file as importing it once; and
// the undo alone leaves the file as it was before.
func TestUndoThenImportAgainIsOneImport(t *testing.T) {
	ctx := context.Background()
	other := otherChapter(t)
	cases := []undoCase{
		{"legislators (Open States)", func(t *testing.T, s *db.Store) int64 {
			in := readLegislators(t, "ma.csv")
			// The file also brings a phone the first import did not have.
			in.Rows[0].DistrictPhone = "413-555-0100"
			in.Rows = append(in.Rows, db.IncomingLegislator{Line: 999, Legislator: db.Legislator{Chamber: db.ChamberLower,
				District: "99th Worcester", Name: "Pat Newseat", InOffice: true}})
			sum, err := s.ImportLegislators(ctx, in.Rows, db.ImportOptions{State: "MA", Source: "ma.csv"})
			if err != nil || sum.Created != 1 || sum.Updated != 1 {
				t.Fatalf("%+v %v", sum, err)
			}
			return sum.BatchID
		}},
		{"call reports", importCallForm(false)},
		{"call reports that move the whip count", importCallForm(true)},
		{"a NationBuilder export", importRoster("nationbuilder-people-export.header.csv", importer.Options{},
			map[string]string{"nationbuilder_id": "1", "first_name": "Ana", "last_name": "Lima", "email": "ana@example.org",
				"phone_number": "617-555-0142", "tag_list": "canvass, phonebank", "language": "Portuguese"},
			map[string]string{"nationbuilder_id": "2", "first_name": "Rosa", "last_name": "Medeiros",
				"email": "rosa@example.org", "tag_list": "canvass", "recruiter_id": "1"})},
		{"an Action Network report", importRoster("actionnetwork-report.header.csv", importer.Options{},
			map[string]string{"uuid": "an-1", "first_name": "Ana", "last_name": "Lima", "email": "ana@example.org",
				"can2_phone": "617-555-0142", "can2_user_tags": "canvass"},
			map[string]string{"uuid": "an-2", "first_name": "Rosa", "last_name": "Medeiros", "email": "rosa@example.org"})},
		{"an NGP VAN export", importRoster("ngpvan-export-job.header.csv", importer.Options{},
			map[string]string{"VanID": "1001", "FirstName": "Ana", "LastName": "Lima", "Email": "ana@example.org",
				"HomePhone": "(617) 555-0150", "StateHouse": "15th Suffolk"},
			map[string]string{"VanID": "1002", "FirstName": "Thảo", "LastName": "Nguyễn", "Email": "thao@example.org"})},
		{"a CiviCRM contact export", importRoster("civicrm-contact-export.header.csv", importer.Options{},
			map[string]string{"Contact ID": "76", "Contact Type": "Individual", "First Name": "Ana", "Last Name": "Lima",
				"Email": "ana@example.org", "City": "Boston"},
			map[string]string{"Contact ID": "77", "Contact Type": "Individual", "First Name": "Jean-Baptiste",
				"Last Name": "Désir", "Email": "jb@example.org", "Phone": "508-555-0160", "Do Not Phone": "1"})},
		{"a CSV read with the lead's own mapping", importRoster("", importer.Options{Columns: map[format.Field]string{
			format.FirstName: "First", format.LastName: "Surname", format.Email: "E-mail", format.Mobile: "Mobile",
			format.Tags: "Skills"}},
			map[string]string{"First": "Ana", "Surname": "Lima", "E-mail": "ana@example.org", "Mobile": "617-555-0199",
				"Skills": "spanish"},
			map[string]string{"First": "Lee", "Surname": "Park", "E-mail": "lee@example.org", "Skills": "driving"})},
		// A merge's undo remembers the records it deleted (erased_records), and a merge
		// leaves those out unless asked: the same merge again brings them back so.
		{"a merge of another chapter's file", func(t *testing.T, s *db.Store) int64 {
			res, err := s.MergeWith(ctx, other, db.MergeOptions{BringBackDeleted: true})
			if err != nil || res.BatchID == 0 || res.CallReports == 0 || res.StanceChanges == 0 || res.Legislators != 1 {
				t.Fatalf("%+v %v", res, err)
			}
			return res.BatchID
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			once := dbtest.Open(t)
			campaign := undoBaseline(t, once)
			c.run(t, once)
			want := takeSnapshot(t, once, campaign)

			s := dbtest.Open(t)
			campaign = undoBaseline(t, s)
			before := takeSnapshot(t, s, campaign)
			batch := c.run(t, s)
			if _, err := s.UndoImport(ctx, batch); err != nil {
				t.Fatal(err)
			}
			if d := before.diff(takeSnapshot(t, s, campaign)); len(d) > 0 {
				t.Errorf("after undo, the file is not as before the import:\n%s", strings.Join(d, "\n"))
			}
			c.run(t, s)
			if d := want.diff(takeSnapshot(t, s, campaign)); len(d) > 0 {
				t.Errorf("import, undo and import again differs from one import:\n%s", strings.Join(d, "\n"))
			}
			var dangling int
			dbtest.Raw(t, s.Path()).QueryRow(`SELECT count(*) FROM pragma_foreign_key_check`).Scan(&dangling)
			if dangling != 0 {
				t.Errorf("%d rows point at rows that are gone", dangling)
			}
		})
	}
}
