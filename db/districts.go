package db

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
)

// A volunteer's districts are stored as the legislators' directory spells them
// ("Second Suffolk", "2nd Suffolk"), so the district filter, call sheets and the
// workbook's By district sheet, which compare stored text, find everyone. What a
// lead types ("second suffolk", "2 suffolk", "the 2nd  Suffolk") is matched to the
// directory through DistrictKey; a text that matches no district, or several, is
// kept as typed and listed by DistrictsNotInDirectory.

// numberWords are the ordinals and numbers, one to ninety-nine, people write district
// names with ("Second Suffolk", "twenty first", "twentyfirst").
var numberWords = func() map[string]int {
	m := map[string]int{}
	units := []string{"", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
		"twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"}
	unitOrds := []string{"", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
		"tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
		"eighteenth", "nineteenth"}
	for i := 1; i < 20; i++ {
		m[units[i]], m[unitOrds[i]] = i, i
	}
	tens := []string{"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}
	tensOrd := []string{"twentieth", "thirtieth", "fortieth", "fiftieth", "sixtieth", "seventieth", "eightieth", "ninetieth"}
	for i, t := range tens {
		n := 20 + 10*i
		m[t], m[tensOrd[i]] = n, n
		for u := 1; u < 10; u++ {
			m[t+units[u]], m[t+unitOrds[u]] = n+u, n+u
		}
	}
	return m
}()

// ordinalWordsPtEs are the Portuguese and Spanish ordinals to forty-nine, folded, a
// call form's callers write districts with ("Primeiro Suffolk", "Décima Essex",
// "decimoséptimo"); see spelledOrdinals.
var ordinalWordsPtEs = func() map[string]int {
	// masculine and feminine; a compound is two words ("décimo segundo") or one
	// ("decimoséptimo")
	m := map[string]int{}
	ords := [][]string{1: {"primeiro", "primeira", "primero", "primera", "primer"}, 2: {"segundo", "segunda"},
		3: {"terceiro", "terceira", "tercero", "tercera", "tercer"}, 4: {"quarto", "quarta", "cuarto", "cuarta"},
		5: {"quinto", "quinta"}, 6: {"sexto", "sexta"}, 7: {"setimo", "setima", "septimo", "septima"},
		8: {"oitavo", "oitava", "octavo", "octava"}, 9: {"nono", "nona", "noveno", "novena"}}
	ordTens := [][]string{1: {"decimo", "decima"}, 2: {"vigesimo", "vigesima"}, 3: {"trigesimo", "trigesima"},
		4: {"quadragesimo", "quadragesima", "cuadragesimo", "cuadragesima"}}
	for n, ws := range ords {
		for _, w := range ws {
			m[w] = n
		}
	}
	for t, ts := range ordTens {
		for _, tw := range ts {
			m[tw] = 10 * t
			for u, ws := range ords {
				for _, w := range ws {
					m[tw+w] = 10*t + u
				}
			}
		}
	}
	m["undecimo"], m["undecima"], m["duodecimo"], m["duodecima"] = 11, 11, 12, 12
	return m
}()

// spelledOrdinals writes the Portuguese and Spanish ordinals in s as numbers ("Décimo
// segundo Essex" is "12th essex"), folded. Only the call import's reading of a
// legislator cell uses it: DistrictKey, which the coalition server's
// chapterdesk_district_key must equal on ASCII text, does not read them.
func spelledOrdinals(s string) string {
	words := strings.FieldsFunc(fold(s), func(r rune) bool { return unicode.IsSpace(r) || r == '-' })
	out := words[:0]
	for i := 0; i < len(words); i++ {
		n, ok := ordinalWordsPtEs[words[i]]
		if !ok {
			out = append(out, words[i])
			continue
		}
		// "décimo segundo", "vigésimo primeiro": one number
		if i+1 < len(words) && n%10 == 0 {
			if u, ok := ordinalWordsPtEs[words[i+1]]; ok && u < 10 {
				n, i = n+u, i+1
			}
		}
		out = append(out, Ordinal(n))
	}
	return strings.Join(out, " ")
}

// ordinalSignRe finds a number written with the Portuguese and Spanish ordinal
// signs, or a degree sign typed for them: "12º", "12ª", "12.º", "12°".
var ordinalSignRe = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(\d)\.?[ºª°]`) })

// DistrictKey is a district name as matching compares it: case and accents folded,
// punctuation dropped, "&" read as "and", a leading "the" dropped, and every
// number, ordinal or number word written as a numeric ordinal, so "Second Suffolk",
// "2nd suffolk" and "the 2 Suffolk" have the same key.
func DistrictKey(s string) string {
	s = strings.ReplaceAll(fold(ordinalSignRe().ReplaceAllString(s, "$1")), "&", " and ")
	words := strings.FieldsFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r >= 0x80)
	})
	if len(words) > 1 && words[0] == "the" {
		words = words[1:]
	}
	words = dropChamberWords(words)
	out := words[:0]
	for i := 0; i < len(words); i++ {
		w := words[i]
		if n, ok := numberWords[w]; ok {
			// "twenty-first" came apart at the hyphen: one number.
			if i+1 < len(words) && n >= 20 && n%10 == 0 {
				if u, ok := numberWords[words[i+1]]; ok && u < 10 {
					n, i = n+u, i+1
				}
			}
			out = append(out, Ordinal(n))
		} else if n, ok := ordinalNumber(w); ok {
			out = append(out, Ordinal(n))
		} else if sub := strings.TrimLeft(w, "0"); sub != w && sub != "" && sub[0] >= '1' && sub[0] <= '9' {
			out = append(out, sub) // VAN's "027A" is Open States' "27A", a subdistrict
		} else {
			out = append(out, w)
		}
	}
	return strings.Join(out, " ")
}

// districtChamberWords are the words an export writes before a district's number to say
// its chamber: NGP VAN's "SD-02" and "HD 011", "Senate District 2", "LD 36".
var districtChamberWords = map[string]bool{"sd": true, "hd": true, "ld": true, "ad": true, "senate": true, "house": true,
	"assembly": true, "state": true, "legislative": true, "district": true, "dist": true}

// dropChamberWords drops the chamber words before a district's number ("sd 02",
// "senate district 2", "sd02" run together), so that the code reads as the number
// the directory names. Words before anything but a number are kept: they may be
// the district's name.
func dropChamberWords(words []string) []string {
	if len(words) == 1 {
		w := words[0]
		for _, p := range []string{"sd", "hd", "ld", "ad"} {
			if rest, ok := strings.CutPrefix(w, p); ok && rest != "" && rest[0] >= '0' && rest[0] <= '9' {
				return []string{rest}
			}
		}
		return words
	}
	i := 0
	for i < len(words)-1 && districtChamberWords[words[i]] {
		i++
	}
	if i > 0 && words[i][0] >= '0' && words[i][0] <= '9' {
		return words[i:]
	}
	return words
}

// ordinalNumber reads "2", "2nd", "22d" or "3rd" as its number.
func ordinalNumber(w string) (int, bool) {
	i := 0
	for i < len(w) && w[i] >= '0' && w[i] <= '9' {
		i++
	}
	if i == 0 {
		return 0, false
	}
	switch w[i:] {
	case "", "st", "nd", "rd", "th", "d":
	default:
		return 0, false
	}
	n, err := strconv.Atoi(w[:i])
	return n, err == nil
}

// Ordinal writes n as "1st", "2nd", "11th", "23rd".
func Ordinal(n int) string {
	suffix := "th"
	if n%100 < 11 || n%100 > 13 {
		switch n % 10 {
		case 1:
			suffix = "st"
		case 2:
			suffix = "nd"
		case 3:
			suffix = "rd"
		}
	}
	return strconv.Itoa(n) + suffix
}

// districtDirectory is the districts the legislators' directory names, per chamber.
type districtDirectory map[Chamber]map[string][]string // chamber -> key -> spellings

// loadDistrictDirectory reads every district the legislators table names.
func loadDistrictDirectory(ctx context.Context, q rowsQueryer) (districtDirectory, error) {
	rows, err := q.QueryContext(ctx, `SELECT DISTINCT chamber, district FROM legislators WHERE district <> ''`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	d := districtDirectory{}
	for rows.Next() {
		var ch Chamber
		var name string
		if err := rows.Scan(&ch, &name); err != nil {
			return nil, err
		}
		if d[ch] == nil {
			d[ch] = map[string][]string{}
		}
		k := DistrictKey(name)
		d[ch][k] = append(d[ch][k], name)
	}
	return d, rows.Err()
}

// resolve returns the directory's spelling of a typed district: ok when exactly
// one district of the chamber has its key (an empty text is fine as it is).
func (d districtDirectory) resolve(ch Chamber, typed string) (string, bool) {
	typed = strings.TrimSpace(typed)
	if typed == "" {
		return "", true
	}
	names := d[ch][DistrictKey(typed)]
	if len(names) != 1 {
		return typed, false
	}
	return names[0], true
}

// canonVolunteer spells the volunteer's districts as the directory does, where
// the match is certain.
func (d districtDirectory) canonVolunteer(v *Volunteer) {
	v.SenateDistrict, _ = d.resolve(ChamberUpper, v.SenateDistrict)
	v.HouseDistrict, _ = d.resolve(ChamberLower, v.HouseDistrict)
}

// speller is canonVolunteer for an import, which meets the same few hundred
// districts on every row: each typed spelling is resolved once. Profiled on 100,000
// NationBuilder rows, resolving them row by row was 7% of the writing goroutine.
// miss, when not nil, is told each district left as typed in a chamber the
// directory has districts for (so the import can list it).
func (d districtDirectory) speller(miss func(ch Chamber, typed string)) func(*Volunteer) {
	type typed struct {
		ch   Chamber
		name string
	}
	type spelt struct {
		name string
		ok   bool
	}
	memo := map[typed]spelt{}
	spell := func(ch Chamber, name string) string {
		out, ok := memo[typed{ch, name}]
		if !ok {
			out.name, out.ok = d.resolve(ch, name)
			if len(memo) < 10_000 { // a file of made-up districts does not grow it for ever
				memo[typed{ch, name}] = out
			}
		}
		if !out.ok && miss != nil && len(d[ch]) > 0 {
			miss(ch, out.name)
		}
		return out.name
	}
	return func(v *Volunteer) {
		v.SenateDistrict = spell(ChamberUpper, v.SenateDistrict)
		v.HouseDistrict = spell(ChamberLower, v.HouseDistrict)
	}
}

// canonDistricts loads the directory in tx and spells v's districts as it does.
func canonDistricts(ctx context.Context, tx *sql.Tx, v *Volunteer) error {
	d, err := loadDistrictDirectory(ctx, tx)
	if err != nil {
		return fmt.Errorf("read the districts: %w", err)
	}
	d.canonVolunteer(v)
	return nil
}

// Districts lists the districts of a chamber the directory names, in natural order
// ("2nd Essex" before "10th Essex").
func (s *Store) Districts(ctx context.Context, ch Chamber) ([]string, error) {
	out, err := strings1(ctx, s.r, `SELECT DISTINCT district FROM legislators WHERE chamber = ? AND district <> ''`, string(ch))
	if err != nil {
		return nil, fmt.Errorf("list districts: %w", err)
	}
	sort.Slice(out, func(i, j int) bool { return naturalLess(out[i], out[j]) })
	return out, nil
}

// districtColumns are the volunteer columns holding a district, with their chamber.
var districtColumns = []struct {
	col string
	ch  Chamber
}{{"senate_district", ChamberUpper}, {"house_district", ChamberLower}}

// fixDistricts rewrites, inside tx, every stored volunteer district the directory
// spells otherwise but certainly means ("second suffolk" -> "Second Suffolk"), and
// returns how many values it changed. It reads the few distinct values, not the
// roster, and updates each column in one statement. A respelling is a write like
// any other: the row's version rises and updated_by names actor.
func fixDistricts(ctx context.Context, tx *sql.Tx, actor string) (int64, error) {
	d, err := loadDistrictDirectory(ctx, tx)
	if err != nil || len(d) == 0 {
		return 0, err
	}
	var changed int64
	for _, c := range districtColumns {
		typed, err := strings1(ctx, tx, `SELECT DISTINCT `+c.col+` FROM volunteers WHERE `+c.col+` <> ''`)
		if err != nil {
			return 0, err
		}
		if _, err := tx.ExecContext(ctx, `CREATE TEMP TABLE IF NOT EXISTS district_fix (typed TEXT PRIMARY KEY, canon TEXT NOT NULL)`); err != nil {
			return 0, err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM district_fix`); err != nil {
			return 0, err
		}
		n := 0
		for _, t := range typed {
			if canon, ok := d.resolve(c.ch, t); ok && canon != t {
				if _, err := tx.ExecContext(ctx, `INSERT INTO district_fix (typed, canon) VALUES (?, ?)`, t, canon); err != nil {
					return 0, err
				}
				n++
			}
		}
		if n == 0 {
			continue
		}
		res, err := tx.ExecContext(ctx, `UPDATE volunteers SET row_version = row_version + 1, updated_by = ?,
			`+c.col+` = (SELECT canon FROM district_fix WHERE typed = `+c.col+`)
			WHERE `+c.col+` IN (SELECT typed FROM district_fix)`, actor)
		if err != nil {
			return 0, err
		}
		k, _ := res.RowsAffected()
		changed += k
	}
	return changed, nil
}

// fixDistrictsAfterImport respells the volunteers' districts once an import of
// legislators has changed the directory. The coordinator, who keeps the legislators,
// has no access to the chapters' rosters, so for it they are left as typed and its
// summary says so: the owner's next import of legislators respells them.
func (s *Store) fixDistrictsAfterImport(ctx context.Context, tx *sql.Tx, sum *ImportSummary) error {
	coordinator, err := isCoordinator(ctx, tx, s.server != nil)
	if err != nil {
		return err
	}
	if coordinator {
		if sum.Created+sum.Updated+sum.Retired > 0 {
			sum.Notes = append(sum.Notes, "the volunteers' districts are left as their chapters typed them: the coordinator "+
				"does not read the rosters; the server owner's next import of legislators spells them as the directory does")
		}
		return nil
	}
	_, err = fixDistricts(ctx, tx, s.actor)
	return err
}

// FixDistricts spells every volunteer's districts as the legislators' directory
// does where the match is certain, and returns how many values changed. Imports of
// legislators and merges call it; it is safe to run at any time.
func (s *Store) FixDistricts(ctx context.Context) (int64, error) {
	var n int64
	err := s.inTx(ctx, func(tx *sql.Tx) (err error) {
		n, err = fixDistricts(ctx, tx, s.actor)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("fix volunteer districts: %w", err)
	}
	return n, nil
}

// runFixupOnce runs a one-time data fix-up in one transaction with its row in
// data_fixups, so it runs once per file.
func (s *Store) runFixupOnce(ctx context.Context, name string, fix func(context.Context, *sql.Tx) error) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM data_fixups WHERE name = ?`, name).Scan(&n); err != nil || n > 0 {
			return err
		}
		if err := fix(ctx, tx); err != nil {
			return fmt.Errorf("fix-up %s: %w", name, err)
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO data_fixups (name, applied_at) VALUES (?, ?)`, name, nowUnix())
		return err
	})
}

// OffDirectory is a district volunteers hold that the directory does not name.
type OffDirectory struct {
	Chamber    Chamber
	District   string
	Volunteers int
}

// DistrictsNotInDirectory lists the districts live volunteers hold that no
// legislator of that chamber has (typed unrecognisably, or matching several),
// most volunteers first, and how many volunteers hold at least one. A chamber the
// directory has no legislators for is not judged.
func (s *Store) DistrictsNotInDirectory(ctx context.Context) ([]OffDirectory, int, error) {
	var out []OffDirectory
	var total int
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		// The coordinator reads no volunteer's district: nothing to judge.
		if coordinator, err := isCoordinator(ctx, tx, s.server != nil); err != nil || coordinator {
			return err
		}
		d, err := loadDistrictDirectory(ctx, tx)
		if err != nil {
			return err
		}
		// NOT INDEXED: SQLite otherwise reads the roster through the partial index on
		// zip codes (it has the same WHERE deleted_at IS NULL), a random page of the
		// table for each volunteer: `stats` on the 100,000-volunteer demo took 1.1 s,
		// nearly all of it here. In table order it is one straight read.
		var conds []string
		for _, c := range districtColumns {
			if len(d[c.ch]) == 0 {
				continue
			}
			rows, err := tx.QueryContext(ctx, `SELECT `+c.col+`, count(*) FROM volunteers NOT INDEXED
				WHERE deleted_at IS NULL AND `+c.col+` <> '' AND `+c.col+` NOT IN
				(SELECT district FROM legislators WHERE chamber = ?) GROUP BY `+c.col, string(c.ch))
			if err != nil {
				return err
			}
			for rows.Next() {
				o := OffDirectory{Chamber: c.ch}
				if err := rows.Scan(&o.District, &o.Volunteers); err != nil {
					rows.Close()
					return err
				}
				out = append(out, o)
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return err
			}
			conds = append(conds, `(`+c.col+` <> '' AND `+c.col+` NOT IN (SELECT district FROM legislators WHERE chamber = '`+string(c.ch)+`'))`)
		}
		if len(conds) == 0 {
			return nil
		}
		return tx.QueryRowContext(ctx, `SELECT count(*) FROM volunteers NOT INDEXED WHERE deleted_at IS NULL AND (`+
			strings.Join(conds, " OR ")+`)`).Scan(&total)
	})
	if err != nil {
		return nil, 0, fmt.Errorf("list districts not in the directory: %w", err)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Volunteers > out[j].Volunteers })
	return out, total, nil
}

// districtFilter reads a district typed in a filter as the directory's districts
// it means, per chamber, besides the text itself (for values kept as typed). A
// chamber word first ("House 1st Suffolk", "Senate First Suffolk") keeps to that
// chamber. Without one, a name the directory has in both chambers is refused naming
// both: "1st Suffolk" matched the House's 1st Suffolk and the Senate's First Suffolk
// at once, and call sheets for the one printed the other's volunteers too.
func (s *Store) districtFilter(ctx context.Context, f VolunteerFilter) (VolunteerFilter, error) {
	if strings.TrimSpace(f.District) == "" {
		return f, nil
	}
	d, err := loadDistrictDirectory(ctx, s.r)
	if err != nil {
		return f, err
	}
	ch, name := districtChamber(f.District)
	k := DistrictKey(name)
	senate, house := d[ChamberUpper][k], d[ChamberLower][k]
	switch {
	case ch == ChamberUpper:
		f.senate, f.house = append([]string{name}, senate...), []string{}
	case ch == ChamberLower:
		f.senate, f.house = []string{}, append([]string{name}, house...)
	case len(senate) > 0 && len(house) > 0:
		// Refused only when it matters: when the volunteers of the one are not those
		// of the other (volunteers of one chamber's district alone, or of one only).
		in := func(col string, ds []string) string { return col + ` IN (` + placeholders(len(ds)) + `)` }
		var args []any
		for _, ds := range [][]string{senate, house, senate, house} {
			for _, d := range ds {
				args = append(args, d)
			}
		}
		var n [3]int // in the Senate's district, the House's, both
		if err := s.r.QueryRowContext(ctx, `SELECT coalesce(sum(CASE WHEN `+in("senate_district", senate)+` THEN 1 ELSE 0 END), 0),
			coalesce(sum(CASE WHEN `+in("house_district", house)+` THEN 1 ELSE 0 END), 0),
			coalesce(sum(CASE WHEN `+in("senate_district", senate)+` AND `+in("house_district", house)+` THEN 1 ELSE 0 END), 0)
			FROM volunteers WHERE deleted_at IS NULL`, args...).Scan(&n[0], &n[1], &n[2]); err != nil {
			return f, err
		}
		switch {
		case n[0] > 0 && n[1] > 0 && (n[0] != n[2] || n[1] != n[2]):
			// A ValidationError: the window shows it as written, a mistake the lead can fix.
			return f, &ValidationError{"district", fmt.Sprintf("district %q is both the House's %s (volunteers: %d) and the Senate's %s (volunteers: %d): say which, \"House %s\" or \"Senate %s\"",
				f.District, strings.Join(house, ", "), n[1], strings.Join(senate, ", "), n[0], name, name)}
		case n[1] == 0:
			f.senate, f.house = append([]string{name}, senate...), []string{}
		case n[0] == 0:
			f.senate, f.house = []string{}, append([]string{name}, house...)
		default: // the same volunteers either way
			f.senate, f.house = append([]string{name}, senate...), append([]string{name}, house...)
		}
	case len(senate) > 0:
		f.senate, f.house = append([]string{name}, senate...), []string{}
	case len(house) > 0:
		f.senate, f.house = []string{}, append([]string{name}, house...)
	}
	return f, nil
}

// districtChamber reads a chamber word before a district typed in a filter
// ("House 1st Suffolk", "senate district 2"): the chamber ("" for none) and the
// district without it.
func districtChamber(typed string) (Chamber, string) {
	typed = strings.TrimSpace(typed)
	word, rest, _ := strings.Cut(typed, " ")
	var ch Chamber
	switch fold(word) {
	case "house", "rep", "rep.", "representative":
		ch = ChamberLower
	case "senate", "sen", "sen.", "senator":
		ch = ChamberUpper
	default:
		return "", typed
	}
	rest = strings.TrimSpace(rest)
	if r, ok := strings.CutPrefix(strings.ToLower(rest), "district "); ok {
		rest = strings.TrimSpace(rest[len(rest)-len(r):])
	}
	if rest == "" {
		return "", typed
	}
	return ch, rest
}
