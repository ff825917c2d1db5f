package db

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
)

// legislatorResolver tells which legislator a caller meant from what they typed on a
// report form: "Rep. Jane Doe", "doe", "Senator Doe (2nd Essex)", "Rep Crews (LD 26)",
// "Katherine Prudhomme OBrien", "Tim Manion".
//
// It never guesses between people. A report is filed only when exactly one legislator
// fits everything the caller wrote that can be checked: the family name (hyphens,
// apostrophes, spaces and accents aside), the first name (a nickname, an initial or a
// shortened form fits; another name rules the legislator out; a slip of one letter is
// taken only for the one legislator by the family name, and said), and the district. The
// title (Rep./Sen.) is the one thing callers get wrong most: it decides only between
// people who fit otherwise, and a full name that fits one legislator wins over it. When
// no one fits, or several do, the reason names who was considered.
type legislatorResolver struct {
	all   []resolvable
	names map[int64]string // id -> "Rep. Jane Doe"
	seen  map[string]resolved
	state string // the campaign's state ("" for any)
	// zone is the legislature's, whose day a former member is said to have left by.
	zone *time.Location
	// elsewhere are the legislators of other states: never filed to, only named
	// when a report's legislator sits for another state than the campaign's.
	elsewhere []resolvable
	// lefts are the times former members were retired (leftAt), sorted: how many of
	// them are after a call's time tells which former members served then, and is
	// part of the memo's key (see resolveAt).
	lefts []int64
	// idents name each legislator in a call report's key (see callImport.keys).
	idents map[int64]legislatorIdent
}

// legislatorIdent is how a call report's key names the legislator the report was
// filed to, whatever the caller typed. key is the Open States person id when the
// legislator has one: it is the same in every chapter's file that imported the roll
// (each file gives its legislators UUIDs of their own, and a merge or a checkout maps
// a legislator by it), so one export imported into two chapters' files gives the same
// reports, which a merge then holds once. A legislator typed in by hand has no such
// id, and their UUID differs from one chapter's file to the next (each lead typed
// them in), so the merge of two files held each call to them twice: key names them by
// their seat and name (seatKey), which a merge matches them by too. The database id
// is no identity: it differs from file to file.
// uuidKey is the key by the UUID, which named every legislator without an Open States
// id before seatKey (and one given the id by a later legislators import): the reports
// keyed by it are looked for still. Each starts with "@", which no legislator's folded
// text as typed starts with in practice; the keys that named a legislator by that
// text (a.canon) came before these, and stay beside them.
type legislatorIdent struct {
	key, uuidKey string
}

// seatKey names a legislator typed in by hand in a call report's key: "@", their
// state (else the campaign's, which the resolver takes them for), chamber, district
// and name folded, joined by "/" ("@MA/upper/1st bristol and plymouth/mark cabral").
// The name is the one typed in, not the lead's edit of it: a merge matches
// legislators by it (see merger.legislatorSteps). It never looks like "@" and a UUID
// or an Open States id ("ocd-person/..."). A key's form must never change.
func seatKey(state, campaignState string, chamber Chamber, district, name string) string {
	if state == "" {
		state = campaignState
	}
	return "@" + strings.ToUpper(state) + "/" + string(chamber) + "/" + fold(district) + "/" + fold(name)
}

// resolved is an answer given before: a form repeats the same few hundred names.
type resolved struct {
	id        int64
	note, why string
	// folded is the text folded as the call import's report keys had it (keyFold),
	// canon as they had it next (fold); ident names the legislator as they have it
	// now: see callImport.keys.
	folded, canon string
	ident         legislatorIdent
}

type resolvable struct {
	id       int64
	chamber  Chamber
	inOffice bool
	// leftAt is when a former member was found out of office (Unix seconds): the
	// start of the legislators import that retired them, the latest not undone; 0 when
	// in office or not known (retired by hand, or before imports were recorded). For a
	// seat the member held before (moved), when an import moved them from it.
	leftAt int64
	// from is when the member took this seat as far as the database knows: the
	// legislators import that moved them to it (0: held before any move on file).
	from int64
	// moved: a seat the member held before a legislators import moved them to
	// another (see readPastSeats), searched only for a call of its time; now names
	// the member's seat now ("Sen. Mike Connolly (Second Middlesex)").
	moved bool
	now   string
	// past are the seats a member held before, for a reason to name (see noneFits).
	past     []pastSeat
	district string   // as the directory has it
	distKey  string   // districtMatchKey of it
	distAny  string   // its words in any order (see districtMatchKey)
	distNums []string // the numbers in it
	first    []string // folded first names it answers to: the given name, the name's first word
	family   string   // folded family name, letters and digits only: "prudhommeobrien"
	parts    []string // the family name's own words, when it has several: "prudhomme", "obrien"
	title    string   // "Rep. Jane Doe"
	name     string   // "Jane Doe"
	state    string   // set for another state's legislator only
}

// newLegislatorResolver reads the legislators a caller may have meant. Only the
// legislators of the campaign's state are considered (and those with no
// state, typed in by hand), so a chapter with two states' rolls files a Massachusetts
// campaign's calls among Massachusetts legislators.
func newLegislatorResolver(ctx context.Context, tx *sql.Tx, campaign int64) (*legislatorResolver, error) {
	r := &legislatorResolver{names: map[int64]string{}, seen: map[string]resolved{}, idents: map[int64]legislatorIdent{}}
	if err := tx.QueryRowContext(ctx, `SELECT upper(state) FROM campaigns WHERE id = ?`, campaign).Scan(&r.state); err != nil &&
		!errors.Is(err, sql.ErrNoRows) {
		return nil, err
	}
	zone, err := zoneOf(ctx, tx, campaign)
	if err != nil {
		return nil, err
	}
	r.zone = zone.Loc
	elsewhere := legislatorResolver{names: map[int64]string{}} // the other states' legislators, only to say why no one fits
	err = eachRow(ctx, tx, func(rows *sql.Rows) error {
		var name, given, family, state, osID, id, typed string
		var x resolvable
		if err := rows.Scan(&x.id, &x.chamber, &x.district, &name, &given, &family, &x.inOffice, &state, &osID, &id, &typed); err != nil {
			return err
		}
		if r.state == "" || state == "" || strings.EqualFold(state, r.state) {
			r.add(x, name, given, family)
			ident := legislatorIdent{key: "@" + osID, uuidKey: "@" + id}
			if osID == "" {
				ident.key = seatKey(state, r.state, x.chamber, x.district, typed)
			}
			r.idents[x.id] = ident
		} else {
			x.state = strings.ToUpper(state)
			elsewhere.add(x, name, given, family)
		}
		return nil
	}, `SELECT l.id, l.chamber, l.district,
		coalesce((SELECT value FROM legislator_edits e WHERE e.legislator_id = l.id AND e.field = 'name'), l.name),
		l.given_name, l.family_name, l.in_office, l.state, coalesce(l.openstates_id, ''), l.uuid, l.name
		FROM legislators l WHERE l.deleted_at IS NULL`)
	r.elsewhere = elsewhere.all
	if err != nil {
		return r, err
	}
	return r, r.readLeftOffice(ctx, tx)
}

// readLeftOffice finds when each former member left office. The roll says only who is
// in office now, so the one date there is is the legislators import that found a
// member missing from it (--retire-missing): its changes hold the member as they were,
// in office. A call dated before then was made while they served.
func (r *legislatorResolver) readLeftOffice(ctx context.Context, tx *sql.Tx) error {
	former := map[int64]*resolvable{}
	for i := range r.all {
		if !r.all[i].inOffice {
			former[r.all[i].id] = &r.all[i]
		}
	}
	if len(former) == 0 {
		return nil
	}
	err := eachRow(ctx, tx, func(rows *sql.Rows) error {
		var id, at int64
		var before string
		if err := rows.Scan(&id, &before, &at); err != nil {
			return err
		}
		x := former[id]
		if x == nil || at <= x.leftAt {
			return nil
		}
		var was map[string]string
		if json.Unmarshal([]byte(before), &was) == nil && was["in_office"] == "1" {
			x.leftAt = at
		}
		return nil
	}, `SELECT c.row_id, c.before, b.started_at FROM import_changes c JOIN import_batches b ON b.id = c.batch_id
		JOIN legislators l ON l.id = c.row_id
		WHERE c.table_name = 'legislators' AND b.undone_at IS NULL AND l.in_office = 0 AND l.deleted_at IS NULL`)
	for _, x := range former {
		if x.leftAt != 0 && !slices.Contains(r.lefts, x.leftAt) {
			r.lefts = append(r.lefts, x.leftAt)
		}
	}
	slices.Sort(r.lefts)
	return err
}

// served reports whether x was in office, in this seat, at the time at (Unix
// seconds; 0: now).
func (x *resolvable) served(at int64) bool {
	if at != 0 && at < x.from {
		return false
	}
	return x.inOffice || at != 0 && at < x.leftAt
}

// seatElsewhere reports whether x is a seat its member did not hold at the time at
// (0: now) while holding another: the entry of that other seat stands for them then,
// and this one is no one to name.
func (x *resolvable) seatElsewhere(at int64) bool {
	if x.moved {
		return at == 0 || at >= x.leftAt || at < x.from
	}
	return at != 0 && at < x.from
}

// readPastSeats adds the seats legislators held before a legislators import moved
// them to another chamber or district (see pastSeats), each searched for the calls
// of its time: a call to "Rep. Connolly (26th Middlesex)" made before he moved to the
// Senate is his, its title and district those of its date, as the call log shows it
// (t6 F9; tester s46: it was refused as "not in district"). server says the tx is a
// coalition server's.
func (r *legislatorResolver) readPastSeats(ctx context.Context, tx *sql.Tx, server bool) error {
	at := map[int64]int{}
	for i := range r.all {
		at[r.all[i].id] = i
	}
	seats, err := pastSeats(ctx, tx, server, func(id int64) (Chamber, string, bool) {
		i, ok := at[id]
		if !ok {
			return "", "", false
		}
		return r.all[i].chamber, r.all[i].district, true
	})
	if err != nil {
		return err
	}
	for id, past := range seats {
		i := at[id]
		r.all[i].past, r.all[i].from = past, past[len(past)-1].until
		x := r.all[i] // a copy: r.all grows below
		from := int64(0)
		for _, p := range past {
			y := x
			y.past, y.inOffice, y.moved, y.now = nil, false, true, x.seat()
			y.chamber, y.district, y.from, y.leftAt = p.chamber, p.district, from, p.until
			y.distKey, y.distAny, y.distNums = districtMatchKey(p.district)
			y.title = Legislator{Chamber: p.chamber, Name: x.name}.Title()
			r.all = append(r.all, y)
			from = p.until
			if !slices.Contains(r.lefts, p.until) {
				r.lefts = append(r.lefts, p.until)
			}
		}
	}
	slices.Sort(r.lefts)
	clear(r.seen)
	return nil
}

// inOffice counts the legislators in office a report can be filed to.
func (r *legislatorResolver) inOffice() int {
	n := 0
	for i := range r.all {
		if r.all[i].inOffice {
			n++
		}
	}
	return n
}

// add indexes one legislator under the names a caller may use.
func (r *legislatorResolver) add(x resolvable, name, given, family string) {
	words := nameWords(name)
	famWords := nameWords(family)
	if len(famWords) == 0 && len(words) > 0 {
		famWords = words[len(words)-1:]
	}
	x.family = strings.Join(famWords, "")
	if len(famWords) > 1 {
		x.parts = famWords
	}
	// The given name always counts ("Yusuf Yusuf"); of the name's words, those that are
	// not the family name.
	givenWords := nameWords(given)
	for i, w := range append(givenWords, words...) {
		if len(w) > 1 && !slices.Contains(x.first, w) && (i < len(givenWords) || w != x.family && !slices.Contains(famWords, w)) {
			x.first = append(x.first, w)
			if len(x.first) == 2 {
				break
			}
		}
	}
	x.distKey, x.distAny, x.distNums = districtMatchKey(x.district)
	x.title, x.name = Legislator{Chamber: x.chamber, Name: name}.Title(), name
	r.all = append(r.all, x)
	r.names[x.id] = x.title
}

// typedName is what a caller wrote, taken apart.
type typedName struct {
	chamber  Chamber  // from the title, "" when none
	district string   // as written, "" when none
	distKey  string   // districtMatchKey of it
	distAny  string   // its words in any order (see districtMatchKey)
	distNums []string // the numbers in it
	// distAnyOrder: no district here is written as distKey says, so one of the same
	// words in another order, or with a number the caller left out, fits (see
	// settleDistrict); the report is then filed with a note, or refused if several fit.
	distAnyOrder bool
	words        []string // folded name words, without titles, initials after the first word and suffixes
	rest         string   // the name as written, without the title and what is in parentheses
	// eitherTitle is a title written that names neither chamber ("Legislador(a)",
	// "Legislator"): it decides nothing, and a report it leaves two legislators for
	// says so.
	eitherTitle string
}

var (
	// The titles in English, and in Spanish and Portuguese as the call sheets print
	// them ("Senador(a)", "la representante", "Deputado(a) estadual") and as callers
	// shorten them ("Dep.", "Dip." as "Rep."), with "state"
	// before or "estatal", "estadual" after; "Legislator", "Legislador(a)" name
	// neither chamber (see titleChamber).
	titleRe = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)^\s*(?:the\s+)?(?:(?:el|la|o|a)\s+)?(?:hon\.?\s+|honorable\s+)?(state\s+)?` +
			`(rep\b\.?|dep\b\.?|dip\b\.?|representative\b|representante\b|assembly\s*(?:member|man|woman)\b|delegate\b|del\.|sen\b\.?|senator\b|` +
			`senador(?:\(a\)|a\b|\b)|deputad[oa](?:\(a\)|\b)|diputad[oa](?:\(a\)|\b)|(?:state\s+)?legislator\b|legislador(?:\(a\)|a\b|\b))` +
			`(?:\s+(?:estatal|estadual))?\s*`)
	})
	// whose office was called, written around the name: "Rep. Walsh's office",
	// "Office of Sen. Keenan", "Oficina del representante Walsh", "Gabinete do
	// deputado Walsh". The office column says which office.
	officeOfRe = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)^\s*(?:(?:the\s+)?(?:(?:district|capitol|state\s*house|local)\s+)?office\s+of\s+(?:the\s+)?|` +
			`(?:la\s+)?oficina\s+(?:del?|de\s+la)\s+|(?:o\s+)?(?:gabinete|escrit[óo]rio)\s+d[oa]s?\s+)`)
	})
	officeSuffixRe = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)['’]s\s+(?:(?:district|capitol|local|state\s*house|boston)\s+)?office\s*$`)
	})
	parenRe = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\(([^)]*)\)`) })
	// a district written after the name without parentheses: "Rep. Crews LD 26",
	// "Sen. Doe, District 7", "Rep. Doe - 2nd Essex" is left to the parentheses.
	trailingDistrictRe = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)[\s,;-]+((?:ld|hd|sd|district|dist\.?)\s*#?\s*\d+(?:st|nd|rd|th)?)\s*$`)
	})
	// what joins two legislators' names in one cell: "Tarr and Walsh", "Tarr & Walsh",
	// "Tarr y Walsh", "Tarr e Walsh", "Tarr/Walsh", "Rep. Santos, Sen. Lewis"
	namesJoinRe = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?i)\s*[,;&/+]\s*|\s+(?:and|y|e)\s+`) })
	partyRe     = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)^\s*(d|r|i|u|l|g|dem|gop|rep|democrat|democratic|republican|independent|libertarian|green)\s*(?:[-–,/:]\s*(.*))?$`)
	})
)

// titleChamber is the chamber a title names: the Senate for "Sen."/"Senator"/
// "Senador(a)", none for "Legislator"/"Legislador(a)", else the House
// ("Representante", "Deputado(a)": Massachusetts' state representative is a
// "deputado estadual" in Portuguese, see reports/labels.go).
func titleChamber(word string) Chamber {
	w := strings.ToLower(word)
	switch {
	case strings.Contains(w, "legisla"):
		return ""
	case strings.HasPrefix(w, "sen"):
		return ChamberUpper
	}
	return ChamberLower
}

// parseTyped reads a legislator's name as a caller typed it.
func parseTyped(text string) typedName {
	var t typedName
	s := strings.TrimSpace(text)
	if m := officeOfRe().FindStringIndex(s); m != nil && m[1] < len(s) {
		s = s[m[1]:]
	}
	if m := officeSuffixRe().FindStringIndex(s); m != nil && m[0] > 0 {
		s = s[:m[0]]
	}
	if m := titleRe().FindStringSubmatchIndex(s); m != nil {
		if t.chamber = titleChamber(s[m[4]:m[5]]); t.chamber == "" {
			t.eitherTitle = strings.TrimSpace(s[:m[1]])
		}
		s = s[m[1]:]
	}
	for _, m := range parenRe().FindAllStringSubmatch(s, -1) {
		inside := strings.TrimSpace(m[1])
		if p := partyRe().FindStringSubmatch(inside); p != nil {
			// "(D)", "(R-Concord)", "(D-26)": a party, then perhaps a town or a district
			inside = ""
			if strings.ContainsAny(p[2], "0123456789") {
				inside = p[2]
			}
		}
		if inside != "" && t.district == "" {
			t.district = inside
		}
	}
	s = parenRe().ReplaceAllString(s, " ")
	if m := trailingDistrictRe().FindStringSubmatchIndex(s); m != nil && t.district == "" {
		t.district = s[m[2]:m[3]]
		s = s[:m[0]]
	}
	t.rest = strings.Join(strings.Fields(s), " ")
	// "Doe, Jane" is Jane Doe; "Doe, Jr." is not a first name, and neither is the party
	// of "Doe, D-Norwood" (or "Doe, D"): a party letter read as an initial would pick
	// the Doe whose name starts with D.
	if before, after, ok := strings.Cut(s, ","); ok {
		if m := titleRe().FindStringSubmatchIndex(after); m != nil && strings.TrimSpace(after[m[1]:]) == "" {
			// "Keenan, Sen.": the title after the name
			if t.chamber == "" {
				t.chamber = titleChamber(after[m[4]:m[5]])
			}
			s = before
		} else if p := partyRe().FindStringSubmatch(after); p != nil {
			if strings.ContainsAny(p[2], "0123456789") && t.district == "" {
				t.district = strings.TrimSpace(p[2])
			}
			s = before
		} else if w := nameWords(after); len(w) > 0 && !strings.Contains(after, ",") {
			s = after + " " + before
		} else {
			s = before
		}
	}
	t.words = nameWords(s)
	// Middle initials say nothing we can check: "Katherine J. Prudhomme-O'Brien".
	if len(t.words) > 2 {
		kept := t.words[:1]
		for _, w := range t.words[1:] {
			if len(w) > 1 {
				kept = append(kept, w)
			}
		}
		t.words = kept
	}
	if t.district != "" {
		t.distKey, t.distAny, t.distNums = districtMatchKey(t.district)
	}
	return t
}

var nameSuffixes = map[string]bool{"jr": true, "sr": true, "ii": true, "iii": true, "iv": true, "esq": true,
	"mr": true, "mrs": true, "ms": true, "miss": true, "dr": true, "hon": true}

// nameLetters is a name with only its letters and digits: every space, hyphen and
// dash ("Lee-Ross", "Lee–Ross", "Lee Ross"), apostrophe, straight or typographic
// ("O'Brien", "O’Brien"), and dot ("St. John") gone. Two names it makes one differ
// only in how they were typed; the call import's caller (looseNameKey) and the
// record import's member (spelledKey) are found by it.
func nameLetters(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return -1
	}, s)
}

// nameWords folds a name into its words, letters and digits only: apostrophes and dots
// vanish ("O'Brien" is "obrien", "J." is "j"), hyphens split ("Luna-Nájera" is "luna",
// "najera"), accents fold, and suffixes and courtesy titles go.
func nameWords(s string) []string {
	var words []string
	for _, w := range strings.FieldsFunc(fold(s), func(r rune) bool {
		return unicode.IsSpace(r) || r == '-' || r == '‐' || r == '–' || r == '/' || r == ','
	}) {
		if w = nameLetters(w); w != "" && !nameSuffixes[w] {
			words = append(words, w)
		}
	}
	return words
}

var districtFiller = map[string]bool{"the": true, "district": true, "dist": true, "ld": true, "hd": true, "sd": true,
	"no": true, "number": true, "legislative": true, "house": true, "senate": true, "of": true, "county": true}

// districtMatchKey makes a district name comparable however it is written: "2nd Essex",
// "Second Essex", "Essex 2", "essex (2nd)", "12º Essex", "Segundo Essex" have one key; so have "Middlesex & Worcester"
// and "Middlesex and Worcester", "LD 26" and "26", "007" and "7". It returns the key
// (its numbers first, then its other words in their order), the same words in any
// order, without the numbers ("and middlesex worcester"), and the numbers in it.
//
// The order of the places counts: Massachusetts has a Middlesex and Worcester
// district and a Worcester and Middlesex one, each its own senator's (three such
// pairs). With the words sorted, "Sen. Eldridge (Worcester and Middlesex)" (the other
// senator's district) was filed to Sen. Eldridge without a word (tester t5).
func districtMatchKey(s string) (key, anyOrder string, nums []string) {
	var places []string
	for _, w := range strings.Fields(DistrictKey(spelledOrdinals(s))) {
		if districtFiller[w] {
			continue
		}
		if n, ok := ordinalNumber(w); ok {
			nums = append(nums, strconv.Itoa(n))
			continue
		}
		places = append(places, w)
	}
	slices.Sort(nums)
	key = strings.Join(append(slices.Clone(nums), places...), " ")
	slices.Sort(places)
	return key, strings.Join(places, " "), nums
}

// settleDistrict says whether t's district is to be read in any order
// (distAnyOrder): when no legislator here, in office or not, has a district written
// as t's is. "Plymouth and Norfolk" then fits the Norfolk and Plymouth district, and
// the First and the Second Plymouth and Norfolk ones, the number left out: the name
// decides, or the report is refused naming them.
func (r *legislatorResolver) settleDistrict(t *typedName) {
	t.distAnyOrder = false
	if t.distKey == "" || t.distAny == "" {
		return // no district, or a bare number ("(7th)"), which districtFits reads
	}
	for i := range r.all {
		if r.all[i].distKey == t.distKey {
			return
		}
	}
	t.distAnyOrder = true
}

// districtFits reports whether a district the caller wrote names x's district: the
// same key, or a bare number ("(7th)", "(LD 26)") that is x's district number.
func (t *typedName) districtFits(x *resolvable) bool {
	if t.distKey == "" {
		return true
	}
	if t.distKey == x.distKey {
		return true
	}
	if t.distAnyOrder {
		return t.distAny == x.distAny && (len(t.distNums) == 0 || slices.Equal(t.distNums, x.distNums))
	}
	return len(t.distNums) == 1 && t.distKey == t.distNums[0] && slices.Contains(x.distNums, t.distNums[0])
}

// nicknames pairs the short forms people use with the names on the roll (both ways).
var nicknames = func() map[string][]string {
	pairs := map[string]string{
		"bob": "robert", "rob": "robert", "bobby": "robert", "bill": "william", "will": "william", "billy": "william",
		"liam": "william", "jim": "james", "jimmy": "james", "jamie": "james", "mike": "michael", "mick": "michael",
		"dick": "richard", "rick": "richard", "rich": "richard", "ted": "edward", "ed": "edward", "eddie": "edward",
		"ned": "edward", "jack": "john", "johnny": "john", "chuck": "charles", "charlie": "charles", "tony": "anthony",
		"kate": "katherine", "kathy": "katherine", "katie": "katherine", "kat": "katherine", "cathy": "catherine",
		"liz": "elizabeth", "beth": "elizabeth", "betsy": "elizabeth", "lisa": "elizabeth", "eliza": "elizabeth",
		"peggy": "margaret", "maggie": "margaret", "meg": "margaret", "peg": "margaret", "sue": "susan", "suzy": "susan",
		"patty": "patricia", "pat": "patricia", "trish": "patricia", "becky": "rebecca", "becca": "rebecca",
		"jen": "jennifer", "jenny": "jennifer", "chris": "christopher", "topher": "christopher", "nick": "nicholas",
		"nicky": "nicholas", "matt": "matthew", "dave": "david", "steve": "steven", "stevie": "stephen",
		"joe": "joseph", "joey": "joseph", "sam": "samuel", "sammy": "samantha", "tom": "thomas", "tommy": "thomas",
		"tim": "timothy", "timmy": "timothy", "greg": "gregory", "jeff": "jeffrey", "geoff": "geoffrey",
		"ken": "kenneth", "kenny": "kenneth", "larry": "lawrence", "hank": "henry", "harry": "henry", "andy": "andrew",
		"drew": "andrew", "dan": "daniel", "danny": "daniel", "don": "donald", "doug": "douglas", "fred": "frederick",
		"frank": "francis", "gerry": "gerald", "jerry": "gerald", "ron": "ronald", "ronnie": "ronald", "ray": "raymond",
		"sandy": "sandra", "cindy": "cynthia", "debbie": "deborah", "deb": "deborah", "barb": "barbara",
		"vicky": "victoria", "tori": "victoria", "abby": "abigail", "mandy": "amanda", "mel": "melissa",
		"manny": "manuel", "paco": "francisco", "pancho": "francisco", "pepe": "jose", "lupe": "guadalupe",
		"chuy": "jesus", "memo": "guillermo", "beto": "roberto", "quique": "enrique", "nacho": "ignacio",
		"lalo": "eduardo", "toni": "antonia", "al": "albert", "alex": "alexander", "sasha": "alexandra",
		"ben": "benjamin", "benny": "benjamin", "phil": "philip", "walt": "walter", "wally": "walter",
		"ginny": "virginia", "nancy": "ann", "nan": "ann", "annie": "ann", "jon": "john",
	}
	m := map[string][]string{}
	for short, long := range pairs {
		m[short] = append(m[short], long)
		m[long] = append(m[long], short)
	}
	return m
}()

// How the first name a caller typed meets a legislator's.
const (
	firstNone = iota // another name: "Mark" is not Mary, "Josephine" is not Joseph
	// firstNear may be a slip or another person: one letter off in a name of four
	// letters or more ("Jon" for John, but also Mark for Mary), or the legislator's
	// name with letters added ("Danielle" for Dan). It is enough only for the one
	// legislator by that family name, and the report says so (see resolveText).
	firstNear
	firstFits // the same name, an initial of it, a shortened form ("Dan" for Daniel), a nickname ("Bob" for Robert)
)

// firstMeets tells how the first name a caller typed meets x's.
func firstMeets(typed string, x *resolvable) int {
	how := firstNone
	for _, f := range x.first {
		switch {
		case typed == f:
			return firstFits
		case len(typed) == 1:
			if typed[0] == f[0] {
				return firstFits
			}
		case len(typed) >= 3 && len(f) >= 3 && strings.HasPrefix(f, typed):
			return firstFits
		case slices.Contains(nicknames[typed], f):
			return firstFits
		case len(typed) >= 3 && len(f) >= 3 && strings.HasPrefix(typed, f),
			max(len(typed), len(f)) >= 4 && oneEditApart(typed, f):
			how = firstNear
		}
	}
	return how
}

// firstIs reports whether the first name a caller typed is x's exactly.
func firstIs(typed string, x *resolvable) bool { return slices.Contains(x.first, typed) }

// How a typed family name meets a legislator's.
const (
	familyNone  = iota
	familyExact // "Prudhomme OBrien" is Prudhomme-O'Brien
	familyPart  // "Luna" is Luna-Nájera
	familyNear  // "Manion" is Mannion: one letter off, in a name of five letters or more
)

// familyMatch finds x's family name at the end of the typed words and returns how it
// meets and the words before it (the first name, if any).
func familyMatch(words []string, x *resolvable) (int, []string) {
	for k := 0; k < len(words); k++ {
		if strings.Join(words[k:], "") == x.family {
			return familyExact, words[:k]
		}
	}
	if n := len(words); n > 0 && len(x.parts) > 1 && slices.Contains(x.parts, words[n-1]) && len(words[n-1]) >= 3 {
		return familyPart, words[:n-1]
	}
	for k := 0; k < len(words); k++ {
		if tail := strings.Join(words[k:], ""); len(x.family) >= 5 && oneEditApart(tail, x.family) {
			return familyNear, words[:k]
		}
	}
	return familyNone, nil
}

// resolve reads "Rep. Jane Doe", "Senator Doe (2nd Essex)", "doe" or "Jane Doe" and
// returns the legislator in office's id and, when it filed the report despite a title
// that names the other chamber, a note saying so; or 0 and why not, naming who was
// considered.
func (r *legislatorResolver) resolve(text string) (id int64, note, why string) {
	a := r.resolveAt(text, time.Time{})
	return a.id, a.note, a.why
}

// resolveAt is resolve among the legislators who served at the time at (the zero
// time: now), and keyFold of the text, once per text and set of former members who
// served then: a form has a few hundred ways of writing its legislators in a million
// rows, and few members leave office.
func (r *legislatorResolver) resolveAt(text string, at time.Time) resolved {
	var unix int64
	key := text
	if len(r.lefts) > 0 && !at.IsZero() {
		unix = at.Unix()
		n, _ := slices.BinarySearch(r.lefts, unix+1) // the retirements at or before the call
		key = strconv.Itoa(len(r.lefts)-n) + "\x00" + text
	}
	if a, ok := r.seen[key]; ok {
		return a
	}
	var a resolved
	a.id, a.note, a.why = r.resolveText(text, unix)
	a.folded, a.canon, a.ident = keyFold(text), fold(text), r.idents[a.id]
	r.seen[key] = a
	return a
}

// titleAt is legislator id's title on the date of a call made at the time at: the
// seat they held then ("Rep. Mike Connolly" before he moved to the Senate), as the
// call log shows the call (see readPastSeats).
func (r *legislatorResolver) titleAt(id int64, at time.Time) string {
	if !at.IsZero() {
		for i := range r.all {
			if x := &r.all[i]; x.id == id && x.moved && !x.seatElsewhere(at.Unix()) {
				return x.title
			}
		}
	}
	return r.names[id]
}

// chamberAt is legislator id's chamber on the date of a call made at the time at
// (see titleAt).
func (r *legislatorResolver) chamberAt(id int64, at time.Time) Chamber {
	var now Chamber
	for i := range r.all {
		if x := &r.all[i]; x.id == id {
			if !at.IsZero() && x.moved && !x.seatElsewhere(at.Unix()) {
				return x.chamber
			}
			if !x.moved {
				now = x.chamber
			}
		}
	}
	return now
}

// withDistrict checks a, text resolved, against the district a column of the row
// gives (ChapterDesk's call export has one): text with the district resolved must be
// a's legislator. A name the district decides ("Rep. Moran", 18th Suffolk) is filed
// to that one; a name of another district's legislator ("Sen. Keenan", 18th Suffolk)
// is refused, the district naming its own, where the column was not read and the
// report filed to the name (tester t5). The report keeps text's keys.
func (r *legislatorResolver) withDistrict(a resolved, text, district string, at time.Time) resolved {
	b := r.resolveAt(text+" ("+district+")", at)
	switch {
	case b.id == a.id:
		return a
	case a.id == 0 && b.id != 0:
		a.id, a.note, a.why, a.ident = b.id, b.note, "", b.ident
		return a
	}
	why := b.why
	if b.id != 0 {
		why = "it names " + r.titleAt(b.id, at) + " with that district"
	}
	return resolved{folded: a.folded, canon: a.canon,
		why: fmt.Sprintf("the row's district column says %q, and %s is not its legislator: %s", district, r.titleAt(a.id, at), why)}
}

// resolveText resolves text among the legislators who served at the time at (Unix
// seconds; 0: now). A text that names several legislators (see namesSeveral) is
// refused saying so.
func (r *legislatorResolver) resolveText(text string, at int64) (id int64, note, why string) {
	parts := namedParts(text)
	if len(parts) > 1 && slices.ContainsFunc(parts[1:], startsWithTitle) {
		return 0, "", r.namesSeveral(parts, at)
	}
	id, note, why = r.resolveOne(text, at)
	if id == 0 && len(parts) > 1 && !r.isDistrict(parseTyped(text).rest) && !slices.ContainsFunc(parts, func(p string) bool {
		return !r.hasFamilyName(p, at)
	}) {
		return 0, "", r.namesSeveral(parts, at)
	}
	return id, note, why
}

// namedParts splits text where a conjunction or a sign joins two names, outside
// parentheses ("Tarr (1st Essex & Middlesex)" is one): "Tarr and Walsh", "Tarr y
// Walsh", "Tarr e Walsh", "Tarr & Walsh", "Tarr/Walsh", "Walsh, Hogan".
func namedParts(text string) []string {
	var parts []string
	start := 0
	for _, m := range namesJoinRe().FindAllStringIndex(text, -1) {
		if strings.Count(text[:m[0]], "(") > strings.Count(text[:m[0]], ")") {
			continue // inside parentheses
		}
		if p := strings.TrimSpace(text[start:m[0]]); p != "" {
			parts = append(parts, p)
		}
		start = m[1]
	}
	if p := strings.TrimSpace(text[start:]); p != "" {
		parts = append(parts, p)
	}
	return parts
}

// startsWithTitle reports whether a part of a cell begins with a legislator's title
// followed by a name or a district: "Sen. Lewis" in "Rep. Santos, Sen. Lewis", not
// "Sen." in "Keenan, Sen.".
func startsWithTitle(part string) bool {
	m := titleRe().FindStringIndex(part)
	return m != nil && strings.IndexFunc(part[m[1]:], unicode.IsLetter) == 0
}

// hasFamilyName reports whether the name in part is the family name of a legislator
// who served at the time at.
func (r *legislatorResolver) hasFamilyName(part string, at int64) bool {
	words := parseTyped(part).words
	for i := range r.all {
		if k, _ := familyMatch(words, &r.all[i]); k == familyExact && r.all[i].served(at) {
			return true
		}
	}
	return false
}

// namesSeveral is why a cell naming several legislators is refused: each is named
// when the part of the cell found one alone, else quoted as typed.
func (r *legislatorResolver) namesSeveral(parts []string, at int64) string {
	var names []string
	for _, p := range parts {
		if id, _, _ := r.resolveOne(p, at); id != 0 {
			names = append(names, r.names[id])
		} else {
			names = append(names, strconv.Quote(p))
		}
	}
	n := strconv.Itoa(len(names))
	if len(names) == 2 {
		n = "two"
	}
	return fmt.Sprintf("names %s legislators: %s and %s; a report is one call: give one row per legislator called",
		n, strings.Join(names[:len(names)-1], ", "), names[len(names)-1])
}

// resolveOne resolves text as one legislator's name.
func (r *legislatorResolver) resolveOne(text string, at int64) (id int64, note, why string) {
	t := parseTyped(text)
	if t.distKey == "" {
		r.districtAfterName(&t)
	}
	r.settleDistrict(&t)
	id, note, why = r.resolveTyped(&t, at)
	if id != 0 && t.distAnyOrder {
		// Filed by a district written otherwise: the lead checks it, as other corrections.
		for i := range r.all {
			if x := &r.all[i]; x.id == id && !x.seatElsewhere(at) {
				if note == "" {
					note = fmt.Sprintf("filed to %s (%s)", x.title, x.district)
				}
				note += fmt.Sprintf("; the form's district %q is not written as theirs", t.district)
				break
			}
		}
	}
	return id, note, why
}

// resolveTyped resolves what a caller wrote, taken apart, as one legislator's name.
func (r *legislatorResolver) resolveTyped(t *typedName, at int64) (id int64, note, why string) {
	if len(t.words) == 0 && t.distKey == "" {
		return 0, "", "does not name a legislator: give the legislator's name"
	}
	if len(t.words) == 0 {
		return r.byDistrict(t, at)
	}
	// Tried in order: the family name as written, one part of a double family name, one
	// letter off. A kind of match that finds anyone by that family name ends the search
	// with an answer or a reason, except that a first name that rules out everyone found
	// lets one part of a double family name with that first name be tried. A family name
	// one letter off is tried only when no legislator has the family name as written
	// ("Tim Manion" when the roll has Mannions but no Manion): "Kevin Hogan" is not
	// Kevin Honan when the roll has a Kate Hogan.
	var seen []*resolvable // legislators with the family name, ruled out by something else
	for _, kind := range []int{familyExact, familyPart, familyNear} {
		if kind == familyNear && len(seen) > 0 {
			break
		}
		var fit, ruledOutByFirst, ruledOutOther, near []*resolvable
		first := ""
		named := 0 // legislators by this family name whom the district and office leave
		// Words between the first name and the family name that the legislator's name
		// does not explain: "Terri Leo Wilson" is Terri Leo-Wilson with none, and Terry
		// Wilson with one ("leo"); only the best explained are kept.
		fewest := len(t.words)
		for i := range r.all {
			x := &r.all[i]
			k, before := familyMatch(t.words, x)
			if k != kind || x.seatElsewhere(at) {
				continue
			}
			f := ""
			if len(before) > 0 {
				f = before[0]
			}
			how := firstFits
			if f != "" {
				how = firstMeets(f, x)
			}
			if t.districtFits(x) && x.served(at) {
				named++
			}
			switch {
			case how == firstNone:
				ruledOutByFirst = append(ruledOutByFirst, x)
			case !t.districtFits(x) || !x.served(at):
				ruledOutOther = append(ruledOutOther, x)
			case how == firstNear:
				near = append(near, x)
			default:
				n := 0
				for _, w := range before[min(1, len(before)):] {
					if !slices.Contains(x.first, w) {
						n++
					}
				}
				if n < fewest {
					fit, fewest = fit[:0], n
				}
				if n == fewest {
					fit = append(fit, x)
				}
				first = f
			}
		}
		// Words the fit leaves unexplained while someone else by the family name was
		// ruled out by the first name: "Sean Fluker-Reid" is not Sean Reid when the
		// roll has a Brandy Fluker-Reid.
		if len(fit) > 0 && fewest > 0 && len(ruledOutByFirst) > 0 {
			return 0, "", couldBeMeant(t, append(fit, ruledOutByFirst...))
		}
		// A former member who served at the call's time and one in office now who both
		// fit: the title or a district number would not tell a successor from the one
		// they followed reliably enough to file a call.
		if len(fit) > 1 && slices.ContainsFunc(fit, func(x *resolvable) bool { return !x.inOffice }) {
			return 0, "", couldBeMeant(t, fit)
		}
		if len(fit) > 0 && kind == familyNear {
			return r.chooseNear(t, fit, first)
		}
		// A word that is one legislator's whole family name and one part of another's
		// ("Reid": Sean Reid, Brandy Fluker-Reid) names either (t6 F11).
		if len(fit) > 0 && kind == familyExact {
			if part := r.partFits(t, at); len(part) > 0 {
				return 0, "", couldBeMeant(t, append(fit, part...))
			}
		}
		if len(fit) > 0 && kind == familyPart {
			return r.choosePart(t, fit, first)
		}
		if len(fit) > 0 {
			return r.choose(t, fit, first)
		}
		// A first name near the legislator's files the report only when nobody else
		// has the family name, every other word is explained, and the title agrees;
		// the lead is told, as the name may be another person's.
		if len(near) == 1 && named == 1 && (t.chamber == "" || near[0].chamber == t.chamber) {
			x := near[0]
			if _, before := familyMatch(t.words, x); len(before) == 1 {
				return x.id, fmt.Sprintf("filed to %s (%s), the one legislator by that family name: the form's first name %q is not quite theirs",
					x.title, x.district, before[0]), ""
			}
		}
		seen = append(seen, ruledOutOther...)
		seen = append(seen, near...)
		seen = append(seen, ruledOutByFirst...)
		if len(ruledOutOther) > 0 {
			break
		}
	}
	if len(seen) == 0 {
		// No one by that family name: the words may name no one ("my rep"), or a
		// district ("9th Suffolk"), which was never a family name.
		if generic, chamber := nobodysName(t.words); generic {
			if t.chamber == "" {
				t.chamber = chamber
			}
			if t.distKey == "" {
				return 0, "", "does not name a legislator: give the legislator's name"
			}
			return r.byDistrict(t, at)
		}
		if t.distKey == "" && r.isDistrict(t.rest) {
			t.district = t.rest
			t.distKey, t.distAny, t.distNums = districtMatchKey(t.rest)
			r.settleDistrict(t)
			return r.byDistrict(t, at)
		}
		// Words after a family name that no one's name explains ("Rep. Ramos Essex":
		// a piece of a district): name who has the family name, not "no one by that name".
		for k := len(t.words) - 1; k > 0; k-- {
			var named []*resolvable
			for i := range r.all {
				if x := &r.all[i]; x.served(at) && (t.chamber == "" || x.chamber == t.chamber) {
					if kind, _ := familyMatch(t.words[:k], x); kind == familyExact {
						named = append(named, x)
					}
				}
			}
			if len(named) > 0 {
				var b strings.Builder
				fmt.Fprintf(&b, "no legislator in office is named all of it; %q is not a district here as written, and by the family name: ",
					strings.Join(t.words[k:], " "))
				b.WriteString(listResolvable(named))
				b.WriteString(": give the first name, or the district whole in parentheses")
				return 0, "", b.String()
			}
		}
	}
	return 0, "", r.noneFits(t, seen, at)
}

// districtAfterName reads a district written after the name without parentheses,
// "Rep Moran 9th Suffolk" or "Rep. Moran, Ninth Suffolk", as one in parentheses: the
// words from one on that hold a number and are a district here (in office or not).
// Without it "9th Suffolk" was read as part of the name, which no one has.
func (r *legislatorResolver) districtAfterName(t *typedName) {
	f := strings.Fields(t.rest)
	for k := 1; k < len(f); k++ {
		tail := strings.Join(f[k:], " ")
		if _, _, nums := districtMatchKey(tail); len(nums) == 0 || !r.isDistrict(tail) {
			continue
		}
		name := strings.Join(f[:k], " ")
		if words := nameWords(name); len(words) > 0 {
			t.district, t.rest, t.words = tail, strings.TrimRight(name, " ,;-"), words
			t.distKey, t.distAny, t.distNums = districtMatchKey(tail)
		}
		return
	}
}

// notNames are the words a caller writes for a legislator without naming one: "my
// rep", "our state senator", "the legislator". A title among them names the chamber.
var notNames = map[string]Chamber{"my": "", "our": "", "the": "", "their": "", "his": "", "her": "", "your": "",
	"state": "", "local": "", "district": "", "legislator": "", "legislators": "", "both": "", "all": "",
	"rep": ChamberLower, "reps": ChamberLower, "representative": ChamberLower, "representatives": ChamberLower,
	"house": ChamberLower, "sen": ChamberUpper, "senator": ChamberUpper, "senators": ChamberUpper, "senate": ChamberUpper,
	// in Spanish and Portuguese: "mi representante", "meu deputado estadual", "su senador(a)"
	"mi": "", "mis": "", "su": "", "nuestro": "", "nuestra": "", "meu": "", "minha": "", "nosso": "", "nossa": "",
	"el": "", "la": "", "o": "", "a": "", "estatal": "", "estadual": "", "legislador": "", "legisladora": "",
	"representante": ChamberLower, "dep": ChamberLower, "dip": ChamberLower, "deputado": ChamberLower, "deputada": ChamberLower, "diputado": ChamberLower,
	"diputada": ChamberLower, "senador": ChamberUpper, "senadora": ChamberUpper}

// nobodysName reports whether every word is one of notNames, and the chamber the
// words name ("" for none, or both).
func nobodysName(words []string) (bool, Chamber) {
	chambers := map[Chamber]bool{}
	for _, w := range words {
		c, ok := notNames[w]
		if !ok {
			return false, ""
		}
		if c != "" {
			chambers[c] = true
		}
	}
	if len(chambers) == 1 {
		for c := range chambers {
			return true, c
		}
	}
	return true, ""
}

// isDistrict reports whether text is written as the district of a legislator here
// (in office or not): "9th Suffolk", "Ninth Suffolk", "Suffolk and Middlesex", or
// its words in another order.
func (r *legislatorResolver) isDistrict(text string) bool {
	key, anyOrder, _ := districtMatchKey(text)
	if key == "" {
		return false
	}
	for i := range r.all {
		if x := &r.all[i]; x.distKey == key || anyOrder != "" && x.distAny == anyOrder {
			return true
		}
	}
	return false
}

// choose picks among legislators who fit the name and district. A first name that is
// exactly some legislators' wins over one that only fits ("Randy Boyd" is not Andy
// Boyd). The title is what callers get wrong most, so it decides only between people
// who fit: when it names the other chamber, the report is filed only if something
// besides the family name agrees (a first name, or the district), with a note saying
// so, and is otherwise left out with why. When the title points to one legislator and
// the exact first name to another ("Rep. Pat Long": Sen. Pat Long, Rep. Patrick
// Long), the report is left out naming both.
func (r *legislatorResolver) choose(t *typedName, fit []*resolvable, first string) (int64, string, string) {
	titled := func(xs []*resolvable) []*resolvable {
		var out []*resolvable
		for _, x := range xs {
			if t.chamber == "" || x.chamber == t.chamber {
				out = append(out, x)
			}
		}
		return out
	}
	var exact []*resolvable
	for _, x := range fit {
		if len(first) > 1 && firstIs(first, x) {
			exact = append(exact, x)
		}
	}
	pool := fit
	if len(exact) > 0 {
		if byTitle := titled(fit); len(byTitle) > 0 && len(titled(exact)) == 0 {
			return 0, "", couldBeMeant(t, fit)
		}
		pool = exact
	}
	byTitle := titled(pool)
	switch {
	case len(pool) == 1 && len(byTitle) == 1:
		return pool[0].id, "", ""
	case len(pool) == 1 && (len(first) > 1 || t.distKey != ""):
		return pool[0].id, fmt.Sprintf("filed to %s (%s): the form says %s", pool[0].title, pool[0].district, chamberTitle(t.chamber)), ""
	case len(pool) == 1:
		return 0, "", fmt.Sprintf("no %s by that name is in office; %s (%s) has that family name: give the first name or check the title",
			chamberTitle(t.chamber), pool[0].title, pool[0].district)
	case len(byTitle) == 1:
		return byTitle[0].id, "", ""
	case len(byTitle) > 1:
		return 0, "", couldBeMeant(t, byTitle)
	case t.chamber != "":
		// None of them has the title: that is the first thing wrong, not which of
		// them was meant ("Senator Rogers" where two Representatives are Rogers).
		var b strings.Builder
		fmt.Fprintf(&b, "no %s by that name is in office; ", chamberTitle(t.chamber))
		b.WriteString(listResolvable(pool))
		b.WriteString(" have that family name: give the first name or check the title")
		return 0, "", b.String()
	}
	return 0, "", couldBeMeant(t, pool)
}

// chooseNear picks among legislators whose family name is one letter off the form's
// ("Silva" for Silvia): a guess, as the form may name another person (Silva is a
// common name), so it is filed only when one legislator fits, never chosen by the
// title alone between several, and the report is listed with the spelling.
func (r *legislatorResolver) chooseNear(t *typedName, fit []*resolvable, first string) (int64, string, string) {
	if len(fit) > 1 {
		return 0, "", couldBeMeant(t, fit)
	}
	id, note, why := r.choose(t, fit, first)
	if id == 0 {
		return id, note, why
	}
	x := fit[0]
	_, before := familyMatch(t.words, x)
	spelled := fmt.Sprintf("filed to %s (%s): the form's family name %q is spelled otherwise", x.title, x.district,
		strings.Join(t.words[len(before):], " "))
	if note != "" {
		spelled += "; " + note
	}
	return id, spelled, ""
}

// partFits are the legislators who served at the time at whose double family name
// has the typed one as a part, and whom nothing else typed rules out: the first name,
// the district or the title.
func (r *legislatorResolver) partFits(t *typedName, at int64) []*resolvable {
	var out []*resolvable
	for i := range r.all {
		x := &r.all[i]
		k, before := familyMatch(t.words, x)
		if k != familyPart || !x.served(at) || !t.districtFits(x) || (t.chamber != "" && x.chamber != t.chamber) {
			continue
		}
		if len(before) == 0 || firstMeets(before[0], x) == firstFits {
			out = append(out, x)
		}
	}
	return out
}

// choosePart is choose for a family name typed as one part of a legislator's double
// one ("Rep. Sullivan" for Alyson Sullivan-Almeida): the form may name someone else,
// so a report filed so is listed with the part typed.
func (r *legislatorResolver) choosePart(t *typedName, fit []*resolvable, first string) (int64, string, string) {
	id, note, why := r.choose(t, fit, first)
	if id == 0 {
		return id, note, why
	}
	x := fit[slices.IndexFunc(fit, func(x *resolvable) bool { return x.id == id })]
	part := fmt.Sprintf("filed to %s (%s): the form's family name %q is one part of theirs", x.title, x.district, t.words[len(t.words)-1])
	if note != "" {
		part += "; " + note
	}
	return id, part, ""
}

// chamberTitle is how a title names a chamber's members.
func chamberTitle(c Chamber) string {
	if c == ChamberUpper {
		return "Senator"
	}
	return "Representative"
}

// byDistrict resolves a report that names only a district ("Senator (2nd Essex)",
// "9th Suffolk"): filed when the district and the title name one legislator who
// served at the call's time (Unix seconds; 0: now), with a note, as the caller did
// not write whom they called; refused saying so otherwise.
func (r *legislatorResolver) byDistrict(t *typedName, at int64) (int64, string, string) {
	// A district alone is read in any order: "Suffolk and Middlesex" is one
	// senator's district and "Middlesex and Suffolk" another's, and a caller who
	// wrote no name may not have kept the order. With a name, the order counts.
	anyOrder := *t
	anyOrder.distAnyOrder = t.distAny != ""
	fit := r.holders(&anyOrder, at)
	const why = "names a district, not a legislator: "
	switch len(fit) {
	case 1:
		who := "legislator"
		if t.chamber != "" {
			who = chamberTitle(t.chamber)
		}
		// A former member served at the call's time: not "in office", which they are not.
		held := "in office for that district"
		switch {
		case fit[0].moved:
			held = "for that district on the call's date, who has since moved (" + fit[0].now + ")"
		case !fit[0].inOffice:
			held = "for that district on the call's date, who has since left office"
		}
		return fit[0].id, fmt.Sprintf("filed to %s (%s), the one %s %s: the form names a district, not a legislator",
			fit[0].title, fit[0].district, who, held), ""
	case 0:
		return 0, "", why + fmt.Sprintf("no legislator in office for district %q", t.district)
	}
	return 0, "", why + couldBeMeant(t, fit)
}

// holders are the legislators of t's district (and chamber, if written) who served
// at the call's time.
func (r *legislatorResolver) holders(t *typedName, at int64) []*resolvable {
	var fit []*resolvable
	for i := range r.all {
		if x := &r.all[i]; x.served(at) && t.districtFits(x) && (t.chamber == "" || x.chamber == t.chamber) {
			fit = append(fit, x)
		}
	}
	return fit
}

// listResolvable names the first legislators of xs with their districts.
func listResolvable(xs []*resolvable) string {
	return FirstOfFunc(xs, 6, ", ", (*resolvable).seat)
}

// seat is the legislator with their district: "Rep. Mike Day (31st Middlesex)".
func (x *resolvable) seat() string { return x.title + " (" + x.district + ")" }

// couldBeMeant names the legislators a report could be about.
func couldBeMeant(t *typedName, xs []*resolvable) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d legislators could be meant: ", len(xs))
	b.WriteString(listResolvable(xs))
	switch {
	case len(t.words) == 0:
		b.WriteString("; give the name")
	case t.distKey != "":
		b.WriteString("; give the first name")
	default:
		b.WriteString("; give the first name or the district")
	}
	if t.eitherTitle != "" {
		fmt.Fprintf(&b, " (%s names either chamber)", t.eitherTitle)
	}
	// A former member is here only for a call made while they served: say so, as the
	// lead would otherwise look for them on today's roll.
	var former []string
	for _, x := range xs {
		if x.moved {
			fmt.Fprintf(&b, " (%s has since moved: %s)", x.title, x.now)
		} else if !x.inOffice {
			former = append(former, x.title)
		}
	}
	if len(former) > 0 {
		fmt.Fprintf(&b, " (%s has since left office)", strings.Join(former, ", "))
	}
	return b.String()
}

// noneFits says truly why no legislator was found: nobody by that name, or who has
// the name and what rules them out (another first name, another district, out of
// office).
func (r *legislatorResolver) noneFits(t *typedName, seen []*resolvable, at int64) string {
	if len(seen) == 0 {
		for i := range r.elsewhere {
			if x := &r.elsewhere[i]; x.inOffice {
				if k, _ := familyMatch(t.words, x); k == familyExact {
					seen = append(seen, x)
				}
			}
		}
		if len(seen) == 0 {
			// Nor anyone who left office: the roll may predate a new member.
			return "no legislator in office by that name, nor a former one on file: check the spelling, or import the legislators again if they are new" +
				r.nearSpelling(t, nil, at)
		}
		return fmt.Sprintf("no legislator of %s (the campaign's state) by that name; %s (%s) sits for %s", r.state,
			seen[0].title, seen[0].district, seen[0].state)
	}
	// The district's own legislator is named once, at the first ruled out by it: a
	// senator's name beside another senator's district is one of the two.
	holders := r.holders(t, at)
	// "; " between them: what rules one out may hold a comma of its own.
	hint := r.nearSpelling(t, seen, at)
	return "no legislator in office fits all of it; by that family name: " + FirstOfFunc(seen, 4, "; ", func(x *resolvable) string {
		s := x.seat()
		switch {
		case !x.served(at) && x.leftAt != 0 && at != 0: // a call's date: say when they left
			s += " left office by " + time.Unix(x.leftAt, 0).In(r.zone).Format("2 Jan 2006") + ", before the call"
		case !x.served(at):
			s += " is no longer in office"
		case !t.districtFits(x):
			s += fmt.Sprintf(" is not in district %q", t.district)
			if len(holders) == 1 {
				s += ", which is " + holders[0].title + "'s"
				holders = nil
			}
			s += r.otherSeats(t, x, at)
		default:
			// ruled out by the first name written: say so, or the lead is left to
			// guess whether the legislator meant left office or sits in the other
			// chamber (s41: "Rep. Frank Day" named Rep. Mike Day and nothing more)
			if _, before := familyMatch(t.words, x); len(before) > 0 {
				switch firstMeets(before[0], x) {
				case firstNone:
					s += fmt.Sprintf(", whose first name is not %q", t.firstAsWritten(before[0]))
				case firstNear:
					s += fmt.Sprintf(", whose first name is not quite %q", t.firstAsWritten(before[0]))
				}
			}
		}
		return s
	}) + hint
}

// nearSpelling names, as a hint after a refusal, the legislators who served at the
// time at whose family name is one letter off the one written and whose first name
// fits the one written (if any), beside those already named (seen): "Rep. Kate
// Donahue" is neither Rep. Dan Donahue nor, as written, Rep. Kate Donaghue (tester
// s46). Only a hint: the report stays left out, a near spelling may be another person.
func (r *legislatorResolver) nearSpelling(t *typedName, seen []*resolvable, at int64) string {
	var near []*resolvable
	for i := range r.all {
		x := &r.all[i]
		if !x.served(at) || len(x.family) < 4 || slices.ContainsFunc(seen, func(y *resolvable) bool { return y.id == x.id }) {
			continue
		}
		for k := 0; k < len(t.words); k++ {
			if tail := strings.Join(t.words[k:], ""); oneEditApart(tail, x.family) && (k == 0 || firstMeets(t.words[0], x) == firstFits) {
				near = append(near, x)
				break
			}
		}
	}
	if len(near) == 0 {
		return ""
	}
	return "; one letter off that family name: " + listResolvable(near) + " (not filed to them: if that is who was called, correct the name and import the row again)"
}

// otherSeats says, of x ruled out by the district a call gives, what the database
// knows of their other seats: when they held that district, if they did before the
// call's time (at, Unix seconds; 0: now), or, when the title written names another
// chamber than x's, that no other seat of theirs is on file (a member who moved
// before the legislators were first imported): the lead is not left to guess why a
// call to a former seat was refused (tester s46).
func (r *legislatorResolver) otherSeats(t *typedName, x *resolvable, at int64) string {
	for _, p := range x.past {
		var was resolvable
		was.distKey, was.distAny, was.distNums = districtMatchKey(p.district)
		if t.districtFits(&was) && (t.chamber == "" || t.chamber == p.chamber) {
			return fmt.Sprintf(" on the call's date: they held it until %s (%s), before the call",
				time.Unix(p.until, 0).In(r.zone).Format("2 Jan 2006"), Legislator{Chamber: p.chamber, Name: x.name}.Title())
		}
	}
	if t.chamber != "" && t.chamber != x.chamber {
		return fmt.Sprintf("; no other seat of theirs is on file (no legislators import here had them as a %s), so a call made when they held one cannot be checked against it: if the call was theirs, give the name without the district",
			chamberTitle(t.chamber))
	}
	return ""
}

// firstAsWritten is the word of the name as the caller wrote it ("Frank") that
// folds to w ("frank"), w itself if none does.
func (t *typedName) firstAsWritten(w string) string {
	for _, f := range strings.Fields(t.rest) {
		if words := nameWords(f); len(words) == 1 && words[0] == w {
			return strings.Trim(f, ",;")
		}
	}
	return w
}

// oneEditApart reports whether a and b differ by one inserted, deleted or changed
// letter.
func oneEditApart(a, b string) bool {
	ra, rb := []rune(a), []rune(b)
	if len(ra) < len(rb) {
		ra, rb = rb, ra
	}
	if len(ra)-len(rb) > 1 || a == b {
		return false
	}
	i := 0
	for i < len(rb) && ra[i] == rb[i] {
		i++
	}
	if len(ra) == len(rb) {
		return string(ra[i+1:]) == string(rb[i+1:])
	}
	return string(ra[i+1:]) == string(rb[i:])
}
