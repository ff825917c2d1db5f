package db

import (
	"database/sql"
	"fmt"
	"hash/maphash"
	"slices"
	"strings"
	"unicode/utf8"
)

// The callers a call import adds beside a roster volunteer they may be (see
// CallImportSummary.CallersBeside): never a silent second person.

// addedCaller is a caller the import added with no email (see nearRoster): the
// name folded (key) and typed, and where they were added.
type addedCaller struct {
	id, line              int
	key, name, legislator string
}

// besideOf finds the roster volunteer of the name of a caller with an email that
// find has just added: the place of the one on the roster before the import, or
// manyNamed for several; ok false for none, or a caller with no email (see
// nearRoster: without one, find takes the roster's one of the name).
func (c *callerIndex) besideOf(p *pendingCall) (at int32, ok bool) {
	if p.email == 0 || p.name == 0 {
		return 0, false
	}
	if at, ok := c.besideRoster[p.name]; ok {
		return at, true
	}
	return manyNamed, c.rosterMany[p.name]
}

// besideNote says why the caller id, whom find has just added beside the roster's
// volunteer at place at of the same name (see besideOf), needs the lead's look: the
// email found no one, and a person may write from two addresses. Not filed under
// the roster's one: two people of one name are as common.
func (c *callerIndex) besideNote(l *Loader, p *pendingCall, id int64, at int32) (string, error) {
	added := fmt.Sprintf("%s %s (%s, email %s)", c.did("added", "would add"), p.in.CallerName, c.ref(id), p.in.CallerEmail)
	if at == manyNamed {
		return added + " beside the roster's volunteers of that name, none with that email: one of them with another email, or another person?", nil
	}
	var first, last, email string
	if err := l.tx.QueryRowContext(l.ctx, `SELECT first_name, last_name, email FROM volunteers WHERE id = ?`, c.callers[at].id).Scan(&first, &last, &email); err != nil {
		return "", err
	}
	if email == "" {
		email = "none"
	}
	return fmt.Sprintf("%s beside the roster's %s (%s, email %s): one person with two emails, or two people?",
		added, strings.TrimSpace(first+" "+last), c.ref(c.callers[at].id), email), nil
}

// nearRoster lists the callers the import added with no email (nameless) whose name
// is one letter off the name of a volunteer on the roster before the import ("Ann
// Jhonson", the roster's Ann Johnson), up to maxLooseNamed of them a caller: a typo
// the form kept, or another person. One reading of the roster at the end, the
// names compared by their one-letter deletions (see deletionKeys; then oneEditApart
// and swappedApart tell), so a form of a
// million rows costs no query a row, nor a key a roster letter.
func (c *callerIndex) nearRoster(l *Loader) ([]UnresolvedCall, error) {
	if len(c.nameless) == 0 || c.before == 0 {
		return nil, nil
	}
	byKey := map[uint64][]int32{}
	for i, n := range c.nameless {
		deletionKeys(n.key, func(k uint64) {
			if at := byKey[k]; len(at) == 0 || at[len(at)-1] != int32(i) {
				byKey[k] = append(at, int32(i))
			}
		})
	}
	byAlias := map[uint64][]int32{}
	for i, n := range c.nameless {
		for _, k := range aliasKeys(n.name) {
			byAlias[k] = append(byAlias[k], int32(i))
		}
	}
	near, alike := make([][]string, len(c.nameless)), make([][]string, len(c.nameless))
	err := eachRow(l.ctx, l.tx, func(r *sql.Rows) error {
		var id int64
		var key, first, last string
		if err := r.Scan(&id, &key, &first, &last); err != nil {
			return err
		}
		var took []int32 // the added callers this volunteer is named for already
		deletionKeys(key, func(k uint64) {
			for _, i := range byKey[k] {
				if !slices.Contains(took, i) && len(near[i]) < maxLooseNamed && (oneEditApart(c.nameless[i].key, key) || swappedApart(c.nameless[i].key, key)) {
					took = append(took, i)
					near[i] = append(near[i], fmt.Sprintf("%s (volunteer %d)", strings.TrimSpace(first+" "+last), id))
				}
			}
		})
		if len(byAlias) == 0 {
			return nil
		}
		for _, k := range rosterAliasKeys(first, last) {
			for _, i := range byAlias[k] {
				if !slices.Contains(took, i) && len(alike[i]) < maxLooseNamed && !inRosterOrder(c.nameless[i].name, first, last) {
					took = append(took, i)
					alike[i] = append(alike[i], fmt.Sprintf("%s (volunteer %d)", strings.TrimSpace(first+" "+last), id))
				}
			}
		}
		return nil
	}, `SELECT id, name_key, first_name, last_name FROM volunteers WHERE deleted_at IS NULL AND chapter_id = ? AND id <= ? ORDER BY id`,
		l.chapterID, c.callers[c.before-1].id)
	var out []UnresolvedCall
	for i, names := range near {
		n := c.nameless[i]
		if len(alike[i]) > 0 {
			out = append(out, UnresolvedCall{Line: n.line, Legislator: n.legislator,
				Reason: fmt.Sprintf("%s %s (%s, no email) beside the roster's %s, whose name it may be (a short form, initial or part of it, or its words in another order): the same person, or another?",
					c.did("added", "would add"), n.name, c.ref(int64(n.id)), strings.Join(slices.Concat(names, alike[i]), " or "))})
		} else if len(names) > 0 {
			out = append(out, UnresolvedCall{Line: n.line, Legislator: n.legislator,
				Reason: fmt.Sprintf("%s %s (%s, no email) beside the roster's %s, a name one letter off: the same person misspelt, or another?",
					c.did("added", "would add"), n.name, c.ref(int64(n.id)), strings.Join(names, " or "))})
		}
	}
	return out, err
}

// aliasKeys are the keys of the names a caller's name typed (see nearRoster) may be
// the roster's of, for rosterAliasKeys to meet: its words in another order ("Silva
// Ana" for Ana Silva, "Nguyen Thi Huong" for Huong Nguyen Thi: wordsKey), its first name's full forms or short forms ("Bob
// Jones" for Robert Jones, see nicknames), and an initial as the first or family name
// ("Ana S.", "A. Silva").
func aliasKeys(typed string) []uint64 {
	w := nameWords(typed)
	if len(w) < 2 {
		return nil
	}
	first, last := w[0], w[len(w)-1]
	rest := strings.Join(w[1:], " ")
	var keys []uint64
	if k := wordsKey(typed); k != 0 {
		keys = append(keys, k) // its words in another order, however many (see wordsKey)
	}
	for _, n := range nicknames[first] {
		keys = append(keys, key64(n+" "+rest))
	}
	if utf8.RuneCountInString(last) == 1 && utf8.RuneCountInString(first) > 1 {
		keys = append(keys, key64("\x00initial", first, last))
	}
	if utf8.RuneCountInString(first) == 1 && utf8.RuneCountInString(last) > 1 {
		keys = append(keys, key64("\x00initial", first, last))
	}
	return keys
}

// inRosterOrder reports whether typed has the words of the roster's name first last
// in its order ("Sam O'Brien Jr." and Sam O'Brien: the suffix aside, see nameWords),
// which aliasKeys' words in another order (wordsKey) do not make an alias of: such a
// caller is listed beside them as their name otherwise written, if at all.
func inRosterOrder(typed, first, last string) bool {
	return slices.Equal(nameWords(typed), nameWords(first+" "+last))
}

// rosterAliasKeys are the keys a roster volunteer's name meets aliasKeys by: the name
// itself, its words in any order (wordsKey), with the family or first name cut to
// its initial, and, for a name of three words or more, each word of the first name
// with each of the family name, in any order: Mary Lee and Ann Lee for Mary Ann
// Lee, Jean Roy for Jean-Pierre Roy, Huong Nguyen for Nguyen / Thi Huong (a short
// form of a compound first name, a middle name left out).
func rosterAliasKeys(first, last string) []uint64 {
	w := nameWords(first + " " + last)
	if len(w) < 2 {
		return nil
	}
	f, l := w[0], w[len(w)-1]
	fi, li := string([]rune(f)[:1]), string([]rune(l)[:1])
	keys := []uint64{key64(strings.Join(w, " ")), key64("\x00initial", f, li), key64("\x00initial", fi, l)}
	if k := wordsKey(first + " " + last); k != 0 {
		keys = append(keys, k)
	}
	if fw, lw := nameWords(first), nameWords(last); len(w) > 2 && len(fw) <= maxNameParts && len(lw) <= maxNameParts {
		for _, a := range fw {
			for _, b := range lw {
				if k := wordsKey(a + " " + b); k != 0 {
					keys = append(keys, k)
				}
			}
		}
	}
	return keys
}

// maxNameParts bounds the words of a first or family name rosterAliasKeys pairs.
const maxNameParts = 4

// deletionKeys calls fn with the key of s and of s without each of its letters in
// turn: two names one letter apart (one changed, added, left out, or two swapped)
// share one of these keys.
func deletionKeys(s string, fn func(uint64)) {
	var h maphash.Hash
	h.SetSeed(keySeed)
	h.WriteString(s)
	fn(h.Sum64())
	for i, r := range s {
		h.Reset()
		h.WriteString(s[:i])
		h.WriteString(s[i+utf8.RuneLen(r):])
		fn(h.Sum64())
	}
}

// swappedApart says whether a and b differ only by two letters side by side
// swapped ("jhonson", "johnson"): a typo oneEditApart does not count.
func swappedApart(a, b string) bool {
	x, y := []rune(a), []rune(b)
	if len(x) != len(y) {
		return false
	}
	i := 0
	for i < len(x) && x[i] == y[i] {
		i++
	}
	return i+1 < len(x) && x[i] == y[i+1] && x[i+1] == y[i] && slices.Equal(x[i+2:], y[i+2:])
}

// townKey is the key64 of a town as a form or the roster writes it, 0 for none: folded,
// the state after a comma or as a last word of two letters dropped ("Worcester, MA",
// "Worcester MA"), then its letters alone ("St. Louis", "Saint-Louis" aside).
func townKey(town string) uint64 { return key64(townLetters(town)) }

// townLetters is the text townKey hashes: "Worcester, MA" is "worcester".
func townLetters(town string) string {
	town, _, _ = strings.Cut(fold(town), ",")
	if words := strings.Fields(town); len(words) > 1 && utf8.RuneCountInString(words[len(words)-1]) == 2 {
		town = strings.Join(words[:len(words)-1], " ")
	}
	return nameLetters(town)
}

// townAsTheirs says how a report's town that is not the volunteer's city as written
// is theirs all the same, "" when it is not: one letter off a town name of five
// letters or more ("Sommerville" for Somerville; letters swapped count), or their zip
// ("02143", "2143" as a spreadsheet keeps it, "02143-1234").
func townAsTheirs(typed, city, zip string) string {
	t, c := townLetters(typed), townLetters(city)
	if digits := strings.TrimLeft(strings.ReplaceAll(zip5(typed), "-", ""), "0"); digits != "" && strings.Trim(digits, "0123456789") == "" {
		if z := zip5(zip); z != "" && strings.TrimLeft(z, "0") == digits {
			return fmt.Sprintf("the town %q is their zip", strings.TrimSpace(typed))
		}
		return ""
	}
	if utf8.RuneCountInString(c) >= 5 && (oneEditApart(t, c) || swappedApart(t, c)) {
		return fmt.Sprintf("the town %q is one letter off their %s", strings.TrimSpace(typed), city)
	}
	return ""
}

// otherTown is the city of the caller at place at, whom a report with no email names,
// when the report's town is clearly another ("Robert Jones, Pittsfield" and the
// roster's Robert Jones of Worcester): two people of one name, or one who moved, for
// the lead to tell. "" when either has no town or they are one. The city is read once
// a caller (cities).
func (c *callerIndex) otherTown(l *Loader, p *pendingCall, at int32) (string, error) {
	town := townKey(p.in.CallerTown)
	if town == 0 {
		return "", nil
	}
	place, ok := c.cities[at]
	if !ok {
		id := c.callers[at].id
		if err := l.written(id); err != nil {
			return "", err
		}
		if err := l.tx.QueryRowContext(l.ctx, `SELECT city, zip FROM volunteers WHERE id = ?`, id).Scan(&place[0], &place[1]); err != nil {
			return "", err
		}
		if c.cities == nil {
			c.cities = map[int32][2]string{}
		}
		c.cities[at] = place
	}
	city := place[0]
	if k := townKey(city); k == 0 || k == town {
		return "", nil
	}
	if how := townAsTheirs(p.in.CallerTown, city, place[1]); how != "" {
		// Theirs, listed once a caller and town: a second volunteer beside them for a
		// typo would split one person's calls, and their next report be left out.
		seen := [2]uint64{p.name, town}
		if !c.townNoted[seen] {
			if c.townNoted == nil {
				c.townNoted = map[[2]uint64]bool{}
			}
			c.townNoted[seen] = true
			name, err := c.rosterName(l, at)
			if err != nil {
				return "", err
			}
			c.callerNote = fmt.Sprintf("%s under %s (%s, of %s) by the name: %s", c.did("filed", "would be filed"), name, c.ref(c.callers[at].id), city, how)
		}
		return "", nil
	}
	return city, nil
}

// addBesideTown adds the report's caller, whose name is that of the caller at place
// at of another town (city, see otherTown), as a volunteer of their own, and says so
// in besideTown for the import to list. Not filed under the one of the name: one
// person's calls credited to another is the wrong answer no line would show, where a
// second volunteer listed is the lead's to merge. The name still finds the one it
// found (byName, byLoose); the name and town (byNameTown) the one added.
func (c *callerIndex) addBesideTown(l *Loader, p *pendingCall, at int32, town [2]uint64, city string) (int64, bool, string, error) {
	loose, hadLoose := c.byLoose[p.loose]
	name, err := c.rosterName(l, at)
	if err != nil {
		return 0, false, "", err
	}
	id, err := c.addCaller(l, p)
	if err != nil {
		return 0, false, "", err
	}
	added := int32(len(c.callers) - 1)
	c.nameless = c.nameless[:len(c.nameless)-1] // listed here: not as a name one letter off
	c.byName[p.name] = at
	if hadLoose && c.callers[added].loose == p.loose {
		c.byLoose[p.loose] = loose
	}
	if c.byNameTown == nil {
		c.byNameTown = map[[2]uint64]int32{}
	}
	c.byNameTown[town] = added
	c.besideTown = fmt.Sprintf("%s %s (%s, no email, of %s) beside %s (%s, of %s), as the report's town is another: two people of one name, or one who moved?",
		c.did("added", "would add"), p.in.CallerName, c.ref(id), strings.TrimSpace(p.in.CallerTown), name, c.ref(c.callers[at].id), city)
	return id, true, "", nil
}

// familyAlone says why a report with no email whose caller is a word alone cannot
// be told ("" when the caller is more than a word): a family name ("Jones") names the
// volunteers on the roster before the import who have it, a first name ("Robert")
// those who have it as theirs; with none, the report says no more who called. A
// volunteer "Jones" or "Robert" added would be no one, beside the real one (tester
// t3). Asked once a name (alone), a query or two each.
func (c *callerIndex) familyAlone(l *Loader, p *pendingCall) (string, error) {
	first, last := SplitFullName(p.in.CallerName)
	if first == "" { // "Dr. Silva": a title goes with a family name, as alone as "Silva"
		first, last = last, ""
	}
	if last != "" || first == "" || strings.ContainsRune(first, ' ') {
		return "", nil
	}
	// An email or phone typed as the name tells who called: the caller is added
	// with it (callerFromName), and listed.
	if _, emails, phones := ContactsInName(p.in.CallerName); len(emails)+len(phones) > 0 {
		return "", nil
	}
	// What follows the cell is remembered by the name, the cell is each row's own:
	// "Jean - Roy" and "Jean—Dupont" were listed under the first row's cell (tester t11).
	if why, ok := c.alone[p.name]; ok {
		return "the caller " + p.in.CallerName + why, nil
	}
	key := fold(first)
	// The family name first: "Jones" is more often a surname than a first name.
	names, err := c.rosterNamed(l, `last_key = ?`, key)
	what := "a family name alone"
	if err == nil && len(names) == 0 {
		// name_key is "first last" folded: those whose first name is the word.
		names, err = c.rosterNamed(l, `name_key >= ? AND name_key < ?`, key+" ", key+"!")
		what = "a first name alone"
	}
	if err != nil {
		return "", err
	}
	why := fmt.Sprintf(" is %s, that of %s, and the report gives no email: left out, as whose call it is cannot be told",
		what, strings.Join(names, " or "))
	if len(names) == 0 {
		why = " is a name alone, no volunteer on the roster has that name, and the report gives no email: left out, as whose call it is cannot be told (write the caller's full name or email and import it again)"
	}
	if c.alone == nil {
		c.alone = map[uint64]string{}
	}
	c.alone[p.name] = why
	return "the caller " + p.in.CallerName + why, nil
}

// rosterNamed names the first few volunteers on the roster before the import (and
// "others" past them) whose keys fit where, for a reason that names who may be meant.
func (c *callerIndex) rosterNamed(l *Loader, where string, args ...any) ([]string, error) {
	if c.before == 0 {
		return nil, nil
	}
	var names []string
	err := eachRow(l.ctx, l.tx, func(r *sql.Rows) error {
		var id int64
		var first, last string
		if err := r.Scan(&id, &first, &last); err != nil {
			return err
		}
		if len(names) == maxLooseNamed {
			names = append(names, "others")
		} else {
			names = append(names, fmt.Sprintf("%s (volunteer %d)", strings.TrimSpace(first+" "+last), id))
		}
		return nil
	}, `SELECT id, first_name, last_name FROM volunteers WHERE deleted_at IS NULL AND chapter_id = ? AND `+where+` AND id <= ? ORDER BY id LIMIT ?`,
		append(append([]any{l.chapterID}, args...), c.callers[c.before-1].id, maxLooseNamed+1)...)
	return names, err
}
