package main

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/assets"
	"github.com/chapterdesk/chapterdesk/db"
)

// sheetDesk writes a database with a Massachusetts and a New Hampshire legislature
// (a senator and a representative each, the MA ones of the 1st and First Suffolk),
// volunteers of both (edit adds more), and the starter campaign for state; it returns
// the path and the campaign's id.
func sheetDesk(t *testing.T, state string, vols map[string][2]string) (string, string) {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "chapter.db")
	s, err := db.Open(ctx, path, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, l := range []db.Legislator{
		{State: "MA", Chamber: db.ChamberUpper, District: "First Suffolk", Name: "Mass Senator", CapitolPhone: "617-722-1000"},
		{State: "MA", Chamber: db.ChamberLower, District: "1st Suffolk", Name: "Mass Rep", CapitolPhone: "617-722-2000"},
		{State: "MA", Chamber: db.ChamberLower, District: "3rd Suffolk", Name: "Other Rep", CapitolPhone: "617-722-2003"},
		{State: "NH", Chamber: db.ChamberUpper, District: "District 16", Name: "Granite Senator", CapitolPhone: "603-271-1000"},
		{State: "NH", Chamber: db.ChamberLower, District: "Hillsborough 1", Name: "Granite Rep", CapitolPhone: "603-271-2000"},
	} {
		l.InOffice = true
		if _, err := s.CreateLegislator(ctx, l); err != nil {
			t.Fatal(err)
		}
	}
	for name, d := range vols {
		first, last, _ := strings.Cut(name, " ")
		v := db.NewVolunteer(first, last)
		v.SenateDistrict, v.HouseDistrict = d[0], d[1]
		if _, err := s.CreateVolunteer(ctx, v); err != nil {
			t.Fatal(err)
		}
	}
	c, err := db.ParseCampaignFile(assets.StarterCampaign)
	if err != nil {
		t.Fatal(err)
	}
	c.State = state
	id, err := s.SaveCampaign(ctx, c)
	if err != nil {
		t.Fatal(err)
	}
	return path, strconv.FormatInt(id, 10)
}

// TestCallSheetsOfTheCampaignsState: call sheets for a New Hampshire campaign named
// each Massachusetts volunteer's State House senator and representative, with the NH
// bill's script, without a word, while the workbook and whip board list NH members
// only. The sheets now name the campaign state's legislators; a volunteer whose
// districts are another state's gets no sheet, counted, and a run with no one left
// is refused.
func TestCallSheetsOfTheCampaignsState(t *testing.T) {
	path, id := sheetDesk(t, "NH", map[string][2]string{
		"Ann Boston": {"First Suffolk", "1st Suffolk"},
		"Ned Nashua": {"District 16", "Hillsborough 1"},
	})
	out := filepath.Join(t.TempDir(), "nh.pdf")
	code, stdout, stderr := chapterdesk(t, "callsheets", out, "--campaign", id, "--db", path)
	if code != 0 {
		t.Fatalf("exit %d, %q, %q", code, stdout, stderr)
	}
	text := pdfToText(t, out)
	if strings.Contains(text, "Mass") || strings.Contains(text, "Ann Boston") || !strings.Contains(text, "Granite Rep") || !strings.Contains(text, "Granite Senator") {
		t.Errorf("the NH campaign's sheets: %s", text)
	}
	if !strings.Contains(stdout, "1 call sheet,") || !strings.Contains(stderr, "1 volunteer got no call sheet: their districts (or, with none on file, their address) are not in NH") || !strings.Contains(stderr, "1 in MA") {
		t.Errorf("stdout %q, stderr %q; want 1 sheet and the MA volunteer counted", stdout, stderr)
	}
	path, id = sheetDesk(t, "NH", map[string][2]string{"Ann Boston": {"First Suffolk", "1st Suffolk"}})
	code, _, stderr = chapterdesk(t, "callsheets", out, "--campaign", id, "--db", path)
	if code == 0 || !strings.Contains(stderr, "no call sheets to print: 1 volunteer got no call sheet: their districts (or, with none on file, their address) are not in NH") {
		t.Errorf("only MA volunteers for an NH campaign: exit %d, %q; want a refusal saying why", code, stderr)
	}
}

// TestCallSheetsLeaveOutNoDistrictVolunteersOfAnotherState: a volunteer with no
// districts got a sheet telling them to look up their legislators, with the
// Massachusetts bill's script, though their address was in New Hampshire (tester t5):
// they are not a constituent of any MA legislator. Now such a volunteer is counted
// with those whose districts are another state's; one with no state, or a state the
// app does not know ("Mass"), still gets the sheet.
func TestCallSheetsLeaveOutNoDistrictVolunteersOfAnotherState(t *testing.T) {
	path, id := sheetDesk(t, "MA", map[string][2]string{"Ann Boston": {"First Suffolk", "1st Suffolk"}})
	ctx := context.Background()
	s, err := db.Open(ctx, path, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range [][3]string{{"Nora", "Nashua", "NH"}, {"Wes", "Worcester", "MA"}, {"Una", "Unknown", ""}, {"Moe", "Mass", "Mass"}} {
		v := db.NewVolunteer(p[0], p[1])
		v.State = p[2]
		if _, err := s.CreateVolunteer(ctx, v); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	out := filepath.Join(t.TempDir(), "ma.pdf")
	code, stdout, stderr := chapterdesk(t, "callsheets", out, "--campaign", id, "--db", path)
	if code != 0 {
		t.Fatalf("exit %d, %q, %q", code, stdout, stderr)
	}
	text := pdfToText(t, out)
	if strings.Contains(text, "Nashua") {
		t.Errorf("the New Hampshire volunteer got a Massachusetts call sheet: %s", text)
	}
	for _, name := range []string{"Ann Boston", "Wes Worcester", "Una Unknown", "Moe Mass"} {
		if !strings.Contains(text, name) {
			t.Errorf("no sheet for %s: %s", name, text)
		}
	}
	if !strings.Contains(stdout, "4 call sheets,") || !strings.Contains(stderr, "1 volunteer got no call sheet") || !strings.Contains(stderr, "1 in NH") {
		t.Errorf("stdout %q, stderr %q; want 4 sheets and the NH volunteer counted", stdout, stderr)
	}
}
