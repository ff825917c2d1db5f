package db_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// massachusetts is the zone of the Massachusetts legislature, where the tests'
// campaigns are: a date of theirs starts there.
var massachusetts, _ = time.LoadLocation("America/New_York")

// setLocal makes this computer's zone name for the test (t.Setenv("TZ") does not
// change time.Local once the process runs).
func setLocal(t *testing.T, name string) {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	was := time.Local
	time.Local = loc
	t.Cleanup(func() { time.Local = was })
}

// TestCallTimesInTheLegislatureZone: a Massachusetts campaign works on Boston's clock
// whatever the computer's zone: a report form's "3/8/2024 23:30" is 04:30Z on 9 March,
// its report has the same UUID, its caller joined on 8 March, and the whole campaign's
// report starts on 8 March; a time with an offset is that instant, filed on its
// Boston day.
func TestCallTimesInTheLegislatureZone(t *testing.T) {
	ctx := context.Background()
	written := time.Date(2024, 3, 8, 23, 30, 0, 0, time.UTC)
	zoned := time.Date(2024, 3, 8, 23, 40, 0, 0, time.FixedZone("", -5*3600))
	boston := massachusetts
	var uuids []string
	for _, computer := range []string{"UTC", "America/New_York", "Pacific/Kiritimati", "America/Los_Angeles"} {
		t.Run("on a computer in "+computer, func(t *testing.T) {
			setLocal(t, computer)
			s := dbtest.Open(t)
			campaign := dbtest.Campaign(t, s)
			// With the Open States id every file of hers gives him, her report's UUID is
			// the same in each (one typed in by hand is keyed by his UUID in that file).
			if _, err := s.CreateLegislator(ctx, db.Legislator{OpenStatesID: "ocd-person/0d4a0000-0000-4000-8000-00000000d4a7",
				State: "MA", Chamber: db.ChamberLower, District: "1st Suffolk", Name: "Dan Hunt", InOffice: true}); err != nil {
				t.Fatal(err)
			}
			if z, err := s.Zone(ctx, campaign); err != nil || z.State != "MA" || z.Loc.String() != "America/New_York" {
				t.Fatalf("zone %+v %v", z, err)
			}
			// As the importer hands it before the store reads it in its zone.
			asRead := time.Date(2024, 3, 8, 23, 30, 0, 0, time.Local)
			rows := []db.IncomingCall{
				{Line: 2, CallerName: "Ann Lee", CallerEmail: "ann@example.org", Legislator: "Rep. Dan Hunt",
					CalledAt: asRead, WallClock: true, WrittenAt: written, Office: db.OfficeCapitol, Outcome: db.OutcomeSpokeStaff},
				{Line: 3, CallerName: "Ann Lee", CallerEmail: "ann@example.org", Legislator: "Rep. Dan Hunt",
					CalledAt: zoned, Office: db.OfficeCapitol, Outcome: db.OutcomeSpokeStaff},
			}
			sum, err := s.ImportCalls(ctx, rows, db.CallImportOptions{CampaignID: campaign})
			if err != nil || sum.Created != 2 || sum.NewCallers != 1 {
				t.Fatalf("%+v %v", sum, err)
			}
			var got []*db.CallLogRow
			var caller int64
			if err := s.EachCallReport(ctx, func(r *db.CallLogRow) error {
				c := *r
				got, caller = append(got, &c), r.VolunteerID
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			if len(got) != 2 {
				t.Fatalf("%d reports", len(got))
			}
			want := map[string]time.Time{"04:30": time.Date(2024, 3, 9, 4, 30, 0, 0, time.UTC), "04:40": time.Date(2024, 3, 9, 4, 40, 0, 0, time.UTC)}
			for _, r := range got {
				if w, ok := want[r.CalledAt.UTC().Format("15:04")]; !ok || !r.CalledAt.Equal(w) {
					t.Errorf("stored at %s, want 04:30Z and 04:40Z on 9 March", r.CalledAt.UTC())
				}
				if r.CalledAt.Equal(want["04:30"]) {
					uuids = append(uuids, r.UUID)
				}
			}
			if v, err := s.Volunteer(ctx, caller); err != nil || v.JoinedOn != "2024-03-08" {
				t.Errorf("the caller joined on %q (%v), the day of her calls in Boston is 2024-03-08", v.JoinedOn, err)
			}
			if err := s.Report(ctx, db.ReportQuery{CampaignID: campaign, To: time.Date(2024, 3, 10, 0, 0, 0, 0, boston)}, func(r *db.Report) error {
				if from := time.Date(2024, 3, 8, 0, 0, 0, 0, boston); !r.Summary.From.Equal(from) || r.Summary.Calls != 2 {
					t.Errorf("the campaign's report from %s with %d calls, want from %s with 2", r.Summary.From, r.Summary.Calls, from)
				}
				return nil
			}); err != nil {
				t.Fatal(err)
			}
		})
	}
	for _, u := range uuids {
		if len(uuids) != 4 || u != uuids[0] {
			t.Errorf("the report's UUID depends on the computer's zone: %v", uuids)
		}
	}
}

// TestStateZone: every state, DC and Puerto Rico have a zone that loads (the binary
// carries them: time/tzdata), a state over two zones its capital's; a code it does not
// know falls back to this computer's zone, which Unknown says.
func TestStateZone(t *testing.T) {
	for _, st := range []string{"AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN",
		"IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY",
		"NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "PR"} {
		if z, ok := db.StateZone(st); !ok || z.Loc == nil || z.State != st || z.Unknown() != "" {
			t.Errorf("%s: %+v %v", st, z, ok)
		}
	}
	for st, want := range map[string]string{"ma": "America/New_York", " TX ": "America/Chicago", "FL": "America/New_York"} {
		if z, _ := db.StateZone(st); z.Loc.String() != want {
			t.Errorf("%q: %s, want %s", st, z.Loc, want)
		}
	}
	if z, ok := db.StateZone("Massachusettes"); ok || z.Loc != time.Local || z.Unknown() == "" {
		t.Errorf("an unknown state: %+v %v %q", z, ok, z.Unknown())
	}
}

// TestStoreZone: the zone is the campaign's state's, else the newest campaign's, the
// legislators', the chapter profile's; with no state known, this computer's, and
// Unknown says so.
func TestStoreZone(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	zone := func(campaign int64) db.Zone {
		t.Helper()
		z, err := s.Zone(ctx, campaign)
		if err != nil {
			t.Fatal(err)
		}
		return z
	}
	if z := zone(0); z.State != "" || z.Loc != time.Local || z.Unknown() == "" {
		t.Errorf("an empty file: %+v %q", z, z.Unknown())
	}
	if err := s.UpdateSelfChapter(ctx, db.Chapter{Name: "Phoenix", State: "az"}); err != nil {
		t.Fatal(err)
	}
	if z := zone(0); z.State != "AZ" || z.Loc.String() != "America/Phoenix" {
		t.Errorf("the chapter's profile: %+v", z)
	}
	if _, err := s.CreateLegislator(ctx, db.Legislator{State: "TX", Chamber: db.ChamberLower, District: "1", Name: "A B", InOffice: true}); err != nil {
		t.Fatal(err)
	}
	if z := zone(0); z.State != "TX" || z.Loc.String() != "America/Chicago" {
		t.Errorf("the legislators': %+v", z)
	}
	camp := func(state string) int64 {
		id, err := s.SaveCampaign(ctx, db.Campaign{State: state, DefaultLang: "en", Texts: map[string]db.CampaignTexts{"en": {Name: "C " + state}}})
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	ca, none := camp("CA"), camp("")
	if z := zone(0); z.State != "CA" {
		t.Errorf("the newest campaign naming a state: %+v", z)
	}
	if z := zone(none); z.State != "CA" {
		t.Errorf("a campaign of no state: %+v", z)
	}
	ny := camp("NY")
	if z := zone(ca); z.State != "CA" || z.Loc.String() != "America/Los_Angeles" {
		t.Errorf("a campaign's own state before the newest's: %+v", z)
	}
	if z := zone(ny); z.State != "NY" {
		t.Errorf("%+v", z)
	}
}

// TestZoneUnknownNamesTheComputerZone: with no state known, Unknown names the zone the
// times are read and shown in, as a lead can check it ("America/Chicago"), never Go's
// "Local", and says how to set the legislature's.
func TestZoneUnknownNamesTheComputerZone(t *testing.T) {
	setLocal(t, "America/Chicago")
	why := db.Zone{Loc: time.Local}.Unknown()
	for _, want := range []string{"this computer's zone (America/Chicago)", "no state is known", "import the legislators", "campaign's state"} {
		if !strings.Contains(why, want) {
			t.Errorf("%q does not say %q", why, want)
		}
	}
	// The zone Go names "Local" (no TZ: /etc/localtime, or Windows') is named by its
	// file, or else by its abbreviation and offset.
	time.Local = time.FixedZone("Local", 14*3600)
	if why := (db.Zone{Loc: time.Local}).Unknown(); strings.Contains(why, "Local") || !strings.Contains(why, "UTC+14:00") {
		t.Errorf("%q, want the offset UTC+14:00, not Local", why)
	}
}
