package reports

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
)

func testBoard(senators, reps int) WhipBoard {
	b := WhipBoard{Campaign: "Safe Communities Act (S.1305 / H.3269)", Marks: map[int64]db.RecordMark{}}
	b.Whip.Chambers = []db.ChamberCount{{Chamber: db.ChamberUpper, Seats: senators, VotesNeeded: 21, ByStance: map[db.Stance]int{}},
		{Chamber: db.ChamberLower, Seats: reps, VotesNeeded: 81, ByStance: map[db.Stance]int{}}}
	for i := range senators + reps {
		ch, c := db.ChamberUpper, &b.Whip.Chambers[0]
		if i >= senators {
			ch, c = db.ChamberLower, &b.Whip.Chambers[1]
		}
		st := db.Stances[i%len(db.Stances)]
		c.ByStance[st]++
		b.Whip.Legislators = append(b.Whip.Legislators, db.WhipRow{LegislatorID: int64(i + 1), Chamber: ch,
			Name: fmt.Sprintf("Member Zed%03d", i), Stance: st})
	}
	b.Marks[1] = db.RecordMark{Sponsorship: "sponsor", LastVote: "yes"}
	b.Marks[2] = db.RecordMark{Sponsorship: "cosponsor"}
	b.Marks[3] = db.RecordMark{LastVote: "no"}
	return b
}

func TestWhipBoardPDF(t *testing.T) {
	t.Run("one page holds a 40-seat Senate and a 160-seat House, every member by name, grouped by stance", func(t *testing.T) {
		var buf bytes.Buffer
		if _, err := WhipBoardPDF(context.Background(), &buf, testBoard(40, 160), PDFOptions{Created: fixedDate}); err != nil {
			t.Fatal(err)
		}
		if n := bytes.Count(buf.Bytes(), []byte("/Type /Page\n")); n != 1 {
			t.Errorf("%d pages", n)
		}
		text := pdfText(t, buf.Bytes())
		for _, want := range []string{"Whip board: Safe Communities Act (S.1305 / H.3269)", "Senate: 15 supporting of 21 needed · 40 members",
			"House:", "Sponsor (5)", "Unknown (20)", "Zed000", "Zed199"} {
			if !strings.Contains(text, want) {
				t.Errorf("no %q in %s", want, text)
			}
		}
	})
	t.Run("the record's marks are printed: S, C, Y, N", func(t *testing.T) {
		var buf bytes.Buffer
		b := testBoard(8, 0)
		b.Chamber = db.ChamberUpper
		if _, err := WhipBoardPDF(context.Background(), &buf, b, PDFOptions{Created: fixedDate}); err != nil {
			t.Fatal(err)
		}
		text := pdfText(t, buf.Bytes())
		words := map[string]int{}
		for _, w := range strings.Fields(text) {
			words[w]++
		}
		// The legend writes "S:", "C:", "(Y," and "N,": a bare letter is a mark.
		if words["S"] != 1 || words["C"] != 1 || words["Y"] != 1 || words["N"] != 1 || strings.Contains(text, "House") {
			t.Errorf("%v in %s", words, text)
		}
	})
	t.Run("a sponsorship of an earlier session's bill only is marked e, not C (t6 F6)", func(t *testing.T) {
		var buf bytes.Buffer
		b := testBoard(8, 0)
		b.Chamber = db.ChamberUpper
		b.Marks[3] = db.RecordMark{Earlier: "cosponsored SB 476 in session 2024 (an earlier session than 2025: not counted)"}
		if _, err := WhipBoardPDF(context.Background(), &buf, b, PDFOptions{Created: fixedDate}); err != nil {
			t.Fatal(err)
		}
		words := map[string]int{}
		for _, w := range strings.Fields(pdfText(t, buf.Bytes())) {
			words[w]++
		}
		if words["e"] != 1 || words["C"] != 1 {
			t.Errorf("%v", words)
		}
	})
	t.Run("a senator's vote from their term in the House is printed as a House vote", func(t *testing.T) {
		var buf bytes.Buffer
		b := testBoard(8, 0)
		b.Chamber = db.ChamberUpper
		b.Marks[3] = db.RecordMark{LastVote: "no", LastVoteChamber: db.ChamberLower}
		if _, err := WhipBoardPDF(context.Background(), &buf, b, PDFOptions{Created: fixedDate}); err != nil {
			t.Fatal(err)
		}
		text := pdfText(t, buf.Bytes())
		if !strings.Contains(text, "House N") {
			t.Errorf("no House N in %s", text)
		}
	})
	t.Run("the legend fits the page, on letter and A4, with the longest month (t3 F7)", func(t *testing.T) {
		for _, paper := range []Paper{PaperLetter, PaperA4} {
			var buf bytes.Buffer
			created := time.Date(2026, 9, 30, 15, 0, 0, 0, time.UTC)
			if _, err := WhipBoardPDF(context.Background(), &buf, testBoard(40, 160), PDFOptions{Created: created, Paper: paper}); err != nil {
				t.Fatal(err)
			}
			// pdftotext reads only what is on the page.
			text := pdfText(t, buf.Bytes())
			if !strings.Contains(text, "never one on an amendment.") || !strings.Contains(text, "September 30, 2026") {
				t.Errorf("%s: the legend runs off the page: %s", paper, text[:min(len(text), 400)])
			}
			if n := bytes.Count(buf.Bytes(), []byte("/Type /Page\n")); n != 1 {
				t.Errorf("%s: %d pages", paper, n)
			}
		}
	})
	t.Run("the same board gives the same bytes", func(t *testing.T) {
		var a, b bytes.Buffer
		WhipBoardPDF(context.Background(), &a, testBoard(40, 160), PDFOptions{Created: fixedDate})
		WhipBoardPDF(context.Background(), &b, testBoard(40, 160), PDFOptions{Created: fixedDate})
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Error("two runs differ")
		}
	})
}

// Tiles of one chamber never read alike: the Massachusetts House has three Morans,
// two Rogers and two Ramos.
func TestWhipBoardTileNames(t *testing.T) {
	rows := []db.WhipRow{
		{LegislatorID: 1, Name: "Frank A. Moran", District: "17th Essex"},
		{LegislatorID: 2, Name: "John J. Moran", District: "9th Suffolk"},
		{LegislatorID: 3, Name: "Michael J. Moran", District: "18th Suffolk"},
		{LegislatorID: 4, Name: "John Smith", District: "1st Bristol"},
		{LegislatorID: 5, Name: "Jane Smith", District: "2nd Bristol"},
		{LegislatorID: 6, Name: "Paul Tucker", District: "7th Essex"},
		{LegislatorID: 7, Name: "Paul  Tucker", District: "8th Essex"},
		{LegislatorID: 8, Name: "Ronald Mariano Jr.", District: "3rd Norfolk"},
		{LegislatorID: 9, Name: "Patricia D. Jehlen", District: "Second Middlesex"},
		// A family name of two words is Open States' to say (she was tiled "Kwoka");
		// a name the lead edited so that it no longer ends with it goes by the name.
		{LegislatorID: 10, Name: "Rebecca Perkins Kwoka", FamilyName: "Perkins Kwoka", District: "Strafford 21"},
		{LegislatorID: 11, Name: "Ana  María Luna", FamilyName: "Luna-Nájera", District: "2nd Hampden"},
	}
	got := tileLabels(rows)
	want := map[int64]string{1: "F. Moran", 2: "J. Moran", 3: "M. Moran", 4: "John Smith", 5: "Jane Smith",
		6: "Paul Tucker (7th Essex)", 7: "Paul Tucker (8th Essex)", 8: "Mariano Jr.", 9: "Jehlen", 10: "Perkins Kwoka", 11: "Luna"}
	for id, w := range want {
		if got[id] != w {
			t.Errorf("legislator %d: tile %q, want %q", id, got[id], w)
		}
	}

	t.Run("a cosponsor's badge leaves the name whole", func(t *testing.T) {
		b := WhipBoard{Campaign: "Safe Communities Act", Marks: map[int64]db.RecordMark{1: {Sponsorship: "cosponsor"}},
			Chamber: db.ChamberLower}
		b.Whip.Chambers = []db.ChamberCount{{Chamber: db.ChamberLower, Seats: 160, VotesNeeded: 81, ByStance: map[db.Stance]int{db.StanceYes: 160}}}
		for i := range 160 {
			name := fmt.Sprintf("Member Zed%03d", i)
			if i == 0 {
				name = "Carole A. Fiola-Rochefort"
			}
			b.Whip.Legislators = append(b.Whip.Legislators, db.WhipRow{LegislatorID: int64(i + 1), Chamber: db.ChamberLower,
				Name: name, Stance: db.StanceYes})
		}
		var buf bytes.Buffer
		if _, err := WhipBoardPDF(context.Background(), &buf, b, PDFOptions{Created: fixedDate}); err != nil {
			t.Fatal(err)
		}
		if text := pdfText(t, buf.Bytes()); !strings.Contains(text, "Fiola-Rochefort") {
			t.Errorf("the name is cut: %s", text)
		}
	})
}

// A character the font lacks prints as ? and is said, as on the leaflet and call
// sheets: an emoji in the campaign's name printed as an empty box without a word
// (found by the tester).
func TestWhipBoardSaysWhatTheFontLacks(t *testing.T) {
	b := testBoard(40, 160)
	b.Campaign = "Safe Communities 🚔 Act (S.1305 / H.3269)"
	b.Whip.Legislators[0].Name = "Ana Lopes 😀"
	var buf bytes.Buffer
	warnings, err := WhipBoardPDF(context.Background(), &buf, b, PDFOptions{Created: fixedDate})
	if err != nil {
		t.Fatal(err)
	}
	w := strings.Join(warnings, "\n")
	if !strings.Contains(w, "U+1F694") || !strings.Contains(w, "the campaign name") || !strings.Contains(w, "U+1F600") {
		t.Errorf("warnings: %q", w)
	}
	if text := pdfText(t, buf.Bytes()); !strings.Contains(text, "Safe Communities ? Act") {
		t.Errorf("no ? for the emoji: %s", text)
	}
}

// TestWhipBoardAsOfTheLegislatureDay: the board's "As of" is the day in the
// legislature's zone, as every other date of the app — printed at 9 PM on 2 March in
// Boston (2:00 on the 3rd in UTC) on a laptop set to UTC, it said "March 3".
func TestWhipBoardAsOfTheLegislatureDay(t *testing.T) {
	ma, _ := db.StateZone("MA")
	b := testBoard(4, 0)
	b.Zone = ma
	var buf bytes.Buffer
	printed := time.Date(2025, 3, 3, 2, 0, 0, 0, time.UTC)
	if _, err := WhipBoardPDF(context.Background(), &buf, b, PDFOptions{Created: printed}); err != nil {
		t.Fatal(err)
	}
	if text := pdfText(t, buf.Bytes()); !strings.Contains(text, "As of March 2, 2025.") {
		t.Errorf("%s", text)
	}
}

// TestWhipBoardTilesTellMembersApart: the board wrote "Marie-Ange Adams" and
// "Marie-Ange Araújo" whole, to tell them from Mary Adams and Manuel Araújo, and then
// cut both to "Marie-Ange A…" in tiles shrunk to about 4 pt, saying nothing (tester
// t5, F2): two tiles alike on the poster. A name too long for its tile goes on two
// lines (given names over the family name); one still cut keeps its tile unlike any
// other, and the warnings name every name shortened or printed small.
func TestWhipBoardTilesTellMembersApart(t *testing.T) {
	b := testBoard(40, 160)
	names := []string{"Marie-Ange Adams", "Marie-Ange Araújo", "Mary Adams", "Manuel Araújo", "Maureen Johnson", "Michael Johnson",
		"Jennifer Robinson", "Jennifer Robichaud",
		// Too long for a tile at the smallest type: shortened alike, or not.
		"Anne Wolfeschlegelsteinhausenbergerdorff", "Ben Wolfeschlegelsteinhausenbergerdorffer", "Cy Featherstonehaughingtonshire",
		"Dora Fitzgerald-Worthington"}
	for i, n := range names {
		b.Whip.Legislators[40+i*7].Name = n // spread over the House's stances
	}
	b.Marks[40+9*7+1] = db.RecordMark{Sponsorship: "sponsor", LastVote: "yes"} // less room: the badge and the band
	var buf bytes.Buffer
	warnings, err := WhipBoardPDF(context.Background(), &buf, b, PDFOptions{Created: fixedDate})
	if err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, buf.Bytes())
	if strings.Contains(text, "Marie-Ange A…") {
		t.Errorf("a tile reads Marie-Ange A…, which is Adams or Araújo:\n%s", text)
	}
	for _, family := range []string{"Adams", "Araújo", "Johnson", "Wolfeschlegelsteinhausenbergerdorff", "Worthington"} {
		if n := strings.Count(text, family); n < 1 || n < 2 && family != "Worthington" {
			t.Errorf("%s is on %d tiles, want it whole on each of its members'", family, n)
		}
	}
	for _, w := range strings.Fields(text) {
		if strings.HasSuffix(w, "…") && !strings.Contains(strings.Join(warnings, "\n"), w) {
			t.Errorf("the tile %q is cut, and the warnings do not say so: %q", w, warnings)
		}
	}
	said := strings.Join(warnings, "\n")
	if !strings.Contains(said, "for Cy Featherstonehaughingtonshire") || !strings.Contains(said, "below 5 pt") ||
		!strings.Contains(said, "Ben Wolfeschlegelsteinhausenbergerdorffer") {
		t.Errorf("the warnings %q do not name the names shortened or printed small", warnings)
	}
}

// TestWhipBoardTileOfANameWithAnEmoji: a legislator imported as "Tram Nguyen 🌸"
// (family name Nguyen) had a tile reading only "?" (tester t10): the tile read the
// name's last word, the emoji. The character no font has is left out of the name, as
// on the call sheets, the tile reads Nguyen, and the warnings say what was left out.
func TestWhipBoardTileOfANameWithAnEmoji(t *testing.T) {
	b := testBoard(40, 160)
	b.Whip.Legislators[45].Name, b.Whip.Legislators[45].FamilyName = "Tram Nguyen 🌸", "Nguyen"
	b.Whip.Legislators[46].Name = "🌸"
	b.Whip.Legislators[46].District = "Cheshire 7"
	var buf bytes.Buffer
	warnings, err := WhipBoardPDF(context.Background(), &buf, b, PDFOptions{Created: fixedDate})
	if err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, buf.Bytes())
	if !strings.Contains(text, "Nguyen") {
		t.Errorf("no tile reads Nguyen: %s", text)
	}
	if !strings.Contains(text, "Cheshire 7") {
		t.Errorf("the tile of a name of an emoji alone does not give the district: %s", text)
	}
	said := strings.Join(warnings, "\n")
	if !strings.Contains(said, "U+1F338") || !strings.Contains(said, `"Tram Nguyen 🌸" as "Nguyen"`) || strings.Contains(said, "beside") {
		t.Errorf("warnings %q", warnings)
	}
}

// TestWhipBoardSmallChamberUsesTheRoom: New Hampshire's board (24 senators, 391
// representatives) cut the Senate's sponsors to "Ros…", "Watt…", "Pren…" in tiles
// sized for the House, the Senate's rows mostly empty (tester t10). Each chamber's
// tiles are now as large as the page lets them be, and a name cut beside a sponsor's
// badge gets the tile's width (below the badge, or the badge in the vote band).
func TestWhipBoardSmallChamberUsesTheRoom(t *testing.T) {
	b := testBoard(24, 391)
	b.Marks = map[int64]db.RecordMark{}
	for i := range b.Whip.Legislators {
		r := &b.Whip.Legislators[i]
		r.Stance = db.StanceUnknown
		switch first := map[db.Chamber]int{db.ChamberUpper: 0, db.ChamberLower: 24}[r.Chamber]; {
		case i == first:
			r.Stance, b.Marks[r.LegislatorID] = db.StanceSponsor, db.RecordMark{Sponsorship: "sponsor"}
		case i <= first+5:
			r.Stance, b.Marks[r.LegislatorID] = db.StanceCosponsor, db.RecordMark{Sponsorship: "cosponsor"}
		}
	}
	senators := []string{"Cindy Rosenwald", "Shannon Fenton", "Rebecca Perkins Kwoka", "Debra Altschillerova", "David Watters", "Sue Prentiss"}
	for i, n := range senators {
		b.Whip.Legislators[i].Name = n
	}
	b.Marks[4] = db.RecordMark{Sponsorship: "cosponsor", LastVote: "yes"} // too long beside the badge: it goes in the band
	var buf bytes.Buffer
	warnings, err := WhipBoardPDF(context.Background(), &buf, b, PDFOptions{Created: fixedDate})
	if err != nil {
		t.Fatal(err)
	}
	if dir := os.Getenv("LEAFLET_DUMP"); dir != "" {
		_ = os.WriteFile(dir+"/whipboard-nh.pdf", buf.Bytes(), 0o644)
	}
	text := pdfText(t, buf.Bytes())
	for _, n := range []string{"Rosenwald", "Fenton", "Kwoka", "Altschillerova", "Watters", "Prentiss"} {
		if !strings.Contains(text, n) {
			t.Errorf("%s is cut: %s", n, text[:min(len(text), 700)])
		}
	}
	if said := strings.Join(warnings, "\n"); strings.Contains(said, "shortened") {
		t.Errorf("warnings %q", warnings)
	}
	words := map[string]int{}
	for _, w := range strings.Fields(text) {
		words[w]++
	}
	if n := bytes.Count(buf.Bytes(), []byte("/Type /Page\n")); n != 1 || words["Zed414"] != 1 || words["S"] != 2 || words["C"] != 10 || words["Y"] != 1 {
		t.Errorf("%d pages; the marks: %v", n, words)
	}
}
