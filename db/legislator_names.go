package db

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"
)

// How a legislator file's value is a good value damaged on its way (tester t5,
// defect 2): taken, "Judith Garc?a" replaced the stored "Judith García", and calls
// to "Gómez" went to the one Gomez left.
type textDamage int

const (
	notDamaged textDamage = iota
	// lettersLost: a letter became "?" (a file saved in an encoding without it, as
	// ASCII or Windows-1252 for "ễ") or "�" (bytes of another encoding read as UTF-8).
	lettersLost
	// readAsMacRoman: a file saved as Mac Roman (old Mac Excel's CSV) read as
	// Windows-1252: "García" is "Garc’a", "Gómez" "G—mez".
	readAsMacRoman
	// accentsDropped: the stored value without its accents ("Gomez" for "Gómez"). Not
	// the file's encoding, and not refusing a file: such a value is only not taken.
	accentsDropped
)

// damagedCopy tells how incoming is stored damaged, if it is.
func damagedCopy(stored, incoming string) textDamage {
	if isASCII(stored) || incoming == "" || strings.EqualFold(stored, incoming) {
		return notDamaged
	}
	switch {
	case lostTo(stored, incoming, "?\uFFFD"):
		return lettersLost
	case macRomanAs1252(incoming) == norm.NFC.String(stored):
		return readAsMacRoman
	case fold(stored) == fold(incoming) && accentedLetters(incoming) < accentedLetters(stored):
		return accentsDropped
	}
	return notDamaged
}

// macRomanAs1252 is what s, a Mac Roman file's text read as Windows-1252, was ("" if
// it cannot be).
func macRomanAs1252(s string) string {
	b := make([]byte, 0, len(s))
	for _, r := range s {
		c, ok := charmap.Windows1252.EncodeRune(r)
		switch {
		case ok:
		case r == 0x81 || r == 0x8d || r == 0x8f || r == 0x90 || r == 0x9d: // Windows reads its undefined bytes so
			c = byte(r)
		default:
			return ""
		}
		b = append(b, c)
	}
	was, err := charmap.Macintosh.NewDecoder().Bytes(b)
	if err != nil {
		return ""
	}
	return norm.NFC.String(string(was))
}

// macJunk are the Windows-1252 characters a Mac Roman file's accented small letters
// read as that are no letters ("—" for "ó", "‡" for "á", "–" for "ñ", "™" for "ô").
// "’" and "‘" (í, ë) are left out, as an apostrophe inside a word is one ("Kaʻu",
// "D’angelo"), and "Ž", "Š", "š", "œ" (é, ä, ö, ú) too, which are letters of names:
// against the stored name (damagedCopy) they are found all the same.
const macJunk = "—–‡†™•…„‚‰‹›ˆ˜"

// damagedName tells how a new name, with no stored one to compare with, is damaged:
// a "?" or "�" in a name is a letter lost, and one of macJunk between a letter and a
// small letter ("G—mez") is a Mac Roman letter.
func damagedName(s string) textDamage {
	if strings.ContainsAny(s, "?\uFFFD") {
		return lettersLost
	}
	rs := []rune(s)
	for i := 1; i+1 < len(rs); i++ {
		if strings.ContainsRune(macJunk, rs[i]) && unicode.IsLetter(rs[i-1]) && unicode.IsLower(rs[i+1]) {
			return readAsMacRoman
		}
	}
	return notDamaged
}

// accentedLetters counts s's letters that are not ASCII.
func accentedLetters(s string) int {
	n := 0
	for _, r := range s {
		if r >= utf8.RuneSelf && unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

// rightlyAccented says whether s holds an accented letter that is no sign of a Mac
// Roman file read as Windows-1252 (where "é" is "Ž"): a file that has one was read
// in the encoding it was saved in.
func rightlyAccented(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool {
		return r >= utf8.RuneSelf && unicode.IsLetter(r) && !strings.ContainsRune("ŽžŠšŒœŸƒ", r)
	})
}

// nameCols are the columns of legislatorImportCols that hold a name.
var nameCols = []int{4, 5, 6}

// damagedLegValue is a value of a legislator file not taken, as damaged.
type damagedLegValue struct {
	line        int
	value, kept string // kept: the stored value, "" for a legislator new here
	who         string // the stored member, "" for one new here
	how         textDamage
}

// why says, briefly, what the value is: `"ó" became "?"`.
func (d damagedLegValue) why() string {
	switch {
	case d.how == accentsDropped:
		return fmt.Sprintf("it is %q without its accents", d.kept)
	case d.how == readAsMacRoman && d.kept != "":
		return fmt.Sprintf("it is %q saved as Mac Roman and read as Windows-1252", d.kept)
	case d.how == readAsMacRoman:
		return fmt.Sprintf("%q is a letter of a Mac Roman file read as Windows-1252", lostMark(d.value))
	case lostTo(d.kept, d.value, "?\uFFFD"): // not for a stored name without the letter ("Garcia", "Garc?a")
		a, b := []rune(norm.NFC.String(d.kept)), []rune(norm.NFC.String(d.value))
		for i := range a {
			if a[i] != b[i] {
				return fmt.Sprintf("%q became %q", string(a[i]), string(b[i]))
			}
		}
	}
	return fmt.Sprintf("%q stands for a letter lost", lostMark(d.value))
}

// wayOut is what a note adds to why: how it came about, and what the lead may do.
func (d damagedLegValue) wayOut() string {
	switch d.how {
	case lettersLost:
		return " (a file saved in an encoding without the letter)"
	case accentsDropped:
		return " (if the member dropped them, edit the legislator's name)"
	}
	return ""
}

// lostMark is the "?", "�" or Mac Roman letter in s that damagedName found.
func lostMark(s string) string {
	if i := strings.IndexAny(s, "?\uFFFD"); i >= 0 {
		r, _ := utf8.DecodeRuneInString(s[i:])
		return string(r)
	}
	if i := strings.IndexAny(s, macJunk); i >= 0 {
		r, _ := utf8.DecodeRuneInString(s[i:])
		return string(r)
	}
	return ""
}

// said is the value as a list names it: `line 2: "Adam G?mez" for Sen. Adam Gómez`.
func (d damagedLegValue) said() string {
	if d.who == "" {
		return fmt.Sprintf("line %d: %q, a legislator new here", d.line, d.value)
	}
	return fmt.Sprintf("line %d: %q for %s", d.line, d.value, d.who)
}

// judgeValues looks at a row's values (legislatorImportCols' order) against the stored
// member's (nil for one new here) and empties each that is a stored value damaged, or
// a name damaged (damagedName), so that it is not taken. It returns what it found, and
// whether a value holds accented letters that are right.
func judgeValues(line int, who string, stored, values []string) (found []damagedLegValue, accented bool) {
	for i, v := range values {
		if v == "" {
			continue
		}
		kept := ""
		if stored != nil {
			kept = stored[i]
		}
		how := notDamaged
		if !strings.EqualFold(kept, v) {
			how = damagedCopy(kept, v)
		}
		if how == notDamaged && slices.Contains(nameCols, i) {
			how = damagedName(v)
		}
		if how == notDamaged {
			accented = accented || rightlyAccented(v)
			continue
		}
		// A damaged name stored already is not news; a row is listed once, by its
		// first value so (its name, before the given and family names).
		if !strings.EqualFold(kept, v) && len(found) == 0 {
			found = append(found, damagedLegValue{line: line, value: v, kept: kept, who: who, how: how})
		}
		values[i] = ""
	}
	return found, accented
}

// refuseDamaged ends a legislator import whose values damaged by an encoding say the
// file as a whole was read or saved in the wrong one (none of its accented text is
// right), as the mojibake file is refused; or that has a new legislator so named, who
// cannot be added so nor left out unsaid. The others are listed in notes, not taken.
func refuseDamaged(found []damagedLegValue, accented bool, notes *[]string) error {
	var encoding, added []damagedLegValue
	for _, d := range found {
		if d.how != accentsDropped {
			encoding = append(encoding, d)
		}
		if d.who == "" {
			added = append(added, d)
		}
	}
	list := func(ds []damagedLegValue) string {
		var said []string
		for _, d := range ds[:min(len(ds), 3)] {
			said = append(said, d.said()+" ("+d.why()+")")
		}
		rows := ""
		if len(ds) > 1 {
			rows = fmt.Sprintf(" (%d rows)", len(ds))
		}
		return strings.Join(said, ", ") + rows
	}
	const wayOut = `export the file again, or open it in a spreadsheet in the encoding it was saved in and save it as "CSV UTF-8", then import it`
	switch {
	case len(encoding) > 0 && !accented:
		return fmt.Errorf("this file's accented letters are damaged, as when it is saved in an encoding without them or read in another than its own: %s; "+
			"nothing was imported, so no good name is replaced by a damaged one. To import it, %s", list(encoding), wayOut)
	case len(added) > 0:
		return fmt.Errorf("%w: %s: a name damaged so is not added; correct it where it came from (or in the file), or %s; nothing was imported",
			ErrBadRows, list(added), wayOut)
	}
	for _, d := range found {
		*notes = append(*notes, fmt.Sprintf("line %d: %q not taken for %s: %s%s; the stored value is kept", d.line, d.value, d.who, d.why(), d.wayOut()))
	}
	return nil
}

// renamedNote says how a re-import renamed a member (before and after are its values
// in legislatorImportCols' order), "" when it did not: "1 updated" alone hides it.
func renamedNote(line int, before, after []string) string {
	title := func(v []string) string { return Legislator{Chamber: Chamber(v[2]), Name: v[4]}.Title() }
	if before[4] != after[4] {
		return fmt.Sprintf("line %d: %s renamed %s (%s)", line, title(before), title(after), after[3])
	}
	var parts []string
	for i, what := range map[int]string{5: "given name", 6: "family name"} {
		if before[i] != after[i] {
			parts = append(parts, fmt.Sprintf("%s %q → %q", what, before[i], after[i]))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	slices.Sort(parts)
	return fmt.Sprintf("line %d: %s (%s): %s", line, title(after), after[3], strings.Join(parts, ", "))
}

// sameSeatVariant finds the member in office a row matched neither by id nor by name
// is by another form of their name: of the same seat and family name, with a given
// name that is the row's, shortened or a nickname of it (Open States' "Mike Moran",
// a file's "Michael Moran"). Without it the row added a second member to the seat.
// A row and a member that both have an Open States id are two people. Two members
// it may be refuse the row: which one is not for a guess.
func sameSeatVariant(all []*storedLegislator, in *IncomingLegislator) (*storedLegislator, error) {
	given, family := nameParts(in.Name, in.GivenName, in.FamilyName)
	if family == "" {
		return nil, nil
	}
	var fit []*storedLegislator
	for _, st := range all {
		v := st.values
		if st.seen || v[17] != "1" || in.OpenStatesID != "" && v[0] != "" || !strings.EqualFold(st.state, in.State) ||
			v[2] != string(in.Chamber) || fold(v[3]) != fold(in.District) {
			continue
		}
		if g, f := nameParts(v[4], v[5], v[6]); f == family && givenVariant(g, given) {
			fit = append(fit, st)
		}
	}
	switch len(fit) {
	case 0:
		return nil, nil
	case 1:
		return fit[0], nil
	}
	var names []string
	for _, st := range fit {
		names = append(names, Legislator{Chamber: Chamber(st.values[2]), Name: st.values[4]}.Title())
	}
	return nil, fmt.Errorf("%q of %s may be %s: give the row its Open States id, or the name as stored; nothing was imported",
		in.Name, in.District, strings.Join(names, " or "))
}

// nameParts are a legislator's given and family name folded, from the name when not given.
func nameParts(name, given, family string) (string, string) {
	words := strings.Fields(fold(name))
	if given == "" && len(words) > 1 {
		given = words[0]
	}
	if family == "" && len(words) > 1 {
		family = words[len(words)-1]
	}
	return fold(given), fold(family)
}

// givenVariant says whether two folded given names are forms of one: the same, one
// the other's start ("Sam", "Samantha"), or a nickname of it ("Mike", "Michael").
func givenVariant(a, b string) bool {
	return a == b || min(len(a), len(b)) >= 3 && (strings.HasPrefix(a, b) || strings.HasPrefix(b, a)) ||
		slices.Contains(nicknames[a], b)
}
