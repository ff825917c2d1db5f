package db

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// SplitFullName splits a person's name written in one cell, as a report form's
// "Your name" or an export's full-name column has it, into first and family name:
//
//   - "José Núñez" is José / Núñez: the family name is the last word;
//   - "Núñez, José" is José / Núñez: a comma after the first word(s) puts the
//     family name first;
//   - "Robert Smith Jr." (or "Robert Smith, Jr.", "Smith, Robert Jr.", "Smith,
//     Robert, Jr.") is Robert / Smith Jr.: a suffix stays with the family name (the
//     roster has no field of its own for it);
//   - "Mary Ann de la Cruz" is Mary Ann / de la Cruz: the particles before the family
//     name (de, la, van, von, ...) belong to it, as long as a first name is left;
//   - any kind of space separates words (a no-break space too), and the invisible
//     characters a copy and paste brings along (zero-width spaces, a byte-order mark)
//     are dropped;
//   - a title before the name (Dr., Rev., Mr., Ms., Mx., Hon., Fr., Father, Rabbi, Sister, Mother, Col.) and the letters after
//     it (PhD, MD, Esq., RN) are no part of it: "Dr. Kim Lee PhD" is Kim / Lee (see
//     NameTitles, which says what was set apart); nor is a role written after it
//     ("Dan Smith - Team Lead", "Lee Chan, captain": see NameRole).
//
// A name of one word is a first name, unless a title came with it ("Ms. Lee"; but
// "Sr. Mary", a religious sister, is Mary's first name) or it is a family name with
// its particles ("van der Berg").
func SplitFullName(full string) (first, last string) {
	full, before, _ := nameTitles(dropInvisibles(full))
	if len(before) > 0 && !strings.ContainsAny(full, " ,") {
		// A title goes with a family name ("Dr. Lee"), a religious sister's or
		// brother's with the first ("Sr. Mary", s48); a degree ("Ian PhD") or suffix
		// goes with neither.
		if isTitle(givenNameTitles, before[len(before)-1]) {
			return strings.TrimSpace(full), ""
		}
		return "", strings.TrimSpace(full)
	}
	// "Sr. Mary Kate": a religious name of two given names is the first name, as
	// "Sister Mary" is (tester t11: it was Mary / Kate); "Sister Mary Walsh" keeps
	// her family name. A second word is a given name when the nickname table knows it.
	if len(before) > 0 && isTitle(givenNameTitles, before[len(before)-1]) && !strings.Contains(full, ",") {
		if w := strings.Fields(full); len(w) == 2 && nicknames[strings.ToLower(w[1])] != nil {
			return strings.Join(w, " "), ""
		}
	}
	// "Jones, Robert, Jr.": the family name first, the suffix last, after a comma of its own.
	if parts := strings.Split(full, ","); len(parts) == 3 && generational(parts[2]) && strings.TrimSpace(parts[0]) != "" {
		full = parts[0] + "," + parts[1] + " " + parts[2]
	}
	if before, after, ok := strings.Cut(full, ","); ok && !strings.Contains(after, ",") {
		before, after = strings.TrimSpace(before), strings.TrimSpace(after)
		switch {
		case after == "":
			full = before
		case nameSuffix(after):
			full = before + " " + after
		case before != "":
			// "JONES, ROBERT JR": the suffix ends the cell but goes with the family name.
			first := strings.Fields(after)
			last := strings.Fields(before)
			if n := len(first); n > 1 && generational(first[n-1]) {
				first, last = first[:n-1], append(last, first[n-1])
			}
			return strings.Join(first, " "), strings.Join(last, " ")
		}
	}
	words := strings.FieldsFunc(full, func(r rune) bool { return unicode.IsSpace(r) || r == ',' })
	n := len(words)
	if n == 0 {
		return "", ""
	}
	if n == 1 {
		return words[0], ""
	}
	at := n - 1 // where the family name starts
	if nameParticles[words[0]] && !slices.ContainsFunc(words[:n-1], func(w string) bool { return !nameParticles[strings.ToLower(w)] }) {
		return "", strings.Join(words, " ") // "van der Berg": a family name alone
	}
	if nameSuffix(words[at]) && at > 1 {
		at--
	}
	for at > 1 && nameParticles[strings.ToLower(words[at-1])] {
		at--
	}
	return strings.Join(words[:at], " "), strings.Join(words[at:], " ")
}

// namePrefixes are the titles written before a name, dots aside.
var namePrefixes = map[string]bool{"dr": true, "rev": true, "mr": true, "mrs": true, "ms": true, "mx": true,
	"miss": true, "hon": true, "prof": true, "sister": true, "mother": true, // tester t11: "Mother Teresa Lopez"
	// clergy (s48: "Father Tom Walsh" was first name "Father Tom")
	"father": true, "brother": true, "reverend": true, "revd": true, "rabbi": true, "msgr": true, "monsignor": true, "chaplain": true}

// dottedPrefixes are titles written before a name that are one only with their dot
// ("Fr. Tom Walsh", "Col. Ann Park"): without it the word may be a name (Col, short
// for Colin), and "Sr." at the start is Sister where it ends a name as Senior.
var dottedPrefixes = map[string]bool{"fr": true, "sr": true, "br": true, "col": true, "capt": true, "sgt": true, "lt": true,
	"dcn": true, "bp": true}

// namedPrefixes are titles written before a name that are names too: Bishop,
// Pastor, Imam and Sheikh are family names ("Amy Bishop", "Ana Pastor", "Sheikh
// Hasina"), Deacon a first name. Set apart only before a whole name ("Bishop Carl
// Moss"), or before a first name whose family name is written apart ("Moss, Bishop
// Carl", or in a column of its own); "Deacon Phillippe" stays as typed. Never a
// stray title in the middle of a name (strayTitle): "Ana Pastor Silva" is a name.
var namedPrefixes = map[string]bool{"bishop": true, "deacon": true, "pastor": true, "imam": true, "sheikh": true, "shaykh": true,
	"cantor": true}

// givenNameTitles are the titles that go with a first name ("Sr. Mary", "Brother
// Luke": a religious sister's or brother's name) where the others go with a family
// name ("Dr. Lee", "Rabbi Klein"), as a title and one word have them.
var givenNameTitles = map[string]bool{"sister": true, "sr": true, "brother": true, "br": true, "mother": true}

// namePrefix reports whether the word w is a title written before a name
// (namePrefixes, or dottedPrefixes written with the dot), without allocating.
func namePrefix(w string) bool {
	return isTitle(namePrefixes, w) || strings.HasSuffix(strings.TrimRight(w, ","), ".") && isTitle(dottedPrefixes, w)
}

// namePostnominals are the degrees and licences written after a name, dots aside.
// The generational suffixes (Jr., III) are not: they stay with the family name.
var namePostnominals = map[string]bool{"phd": true, "md": true, "esq": true, "rn": true, "dds": true, "dmd": true,
	"jd": true, "mba": true, "cpa": true, "lcsw": true, "lpn": true, "edd": true, "dnp": true, "msw": true}

// titleKey is w as namePrefixes and namePostnominals know it: "Ph.D." is "phd".
func titleKey(w string) string {
	return strings.ReplaceAll(strings.ToLower(strings.Trim(w, " ,")), ".", "")
}

// Postnominals reports whether every word of s is a degree or licence written after
// a name ("PhD", "M.D., RN"): what an export's suffix column holds beside Jr. and III,
// set apart as in a one-column name, not joined to the family name.
func Postnominals(s string) bool {
	words := strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == ',' })
	return len(words) > 0 && !slices.ContainsFunc(words, func(w string) bool { return !namePostnominals[titleKey(w)] })
}

// NameTitles is a name written in one cell without the titles before it (Dr., Rev.,
// Mr., Ms., Mx., Hon.; "Rev. Dr." both), the degrees after it (PhD, MD, Esq., RN) and
// a nickname in parentheses or quotes ("Thi Nguyen (Tina)", `Robert "Bob" Jones`),
// and those, as written. A title is set apart only where a name is left: "Hon" alone
// stays, and "Chan, Wing Hon" ends in a given name. A prefix right after the comma
// of "Lee, Dr. Kim" is one too.
//
// A generational suffix after a single word ("Ian Jr.") is set apart too: it goes
// with a family name, and there is none ("Jr." was stored as Ian's, tester s46).
func NameTitles(full string) (string, []string) {
	full, before, others := nameTitles(full)
	return full, slices.Concat(before, others)
}

// nameTitles is NameTitles, the titles before the name (before) apart from the
// nicknames, degrees, suffixes and pronouns (others).
func nameTitles(full string) (rest string, before, others []string) {
	full, role := cutRole(full, true)
	full, nicknames := cutNicknames(full)
	full, pronouns := cutPronouns(full)
	full, after := cutPostnominals(full)
	if !strings.Contains(full, ",") {
		if w, sfx, ok := strings.Cut(strings.TrimSpace(full), " "); ok && !strings.ContainsRune(strings.TrimSpace(sfx), ' ') && generational(sfx) {
			full, after = w, append([]string{strings.TrimSpace(sfx)}, after...)
		}
	}
	after = append(after, pronouns...)
	switch head, tail, ok := strings.Cut(full, ","); {
	case TwoPeople(full):
		// "Mr. & Mrs. Chen" is a household's name, listed for the lead to split: its
		// first title set apart left "& Mrs." for a first name (tester t8).
	case ok:
		tail, before = cutPrefixes(tail, 1)
		full = head + ", " + tail
	default:
		full, before = cutPrefixes(full, 2)
	}
	if role != "" {
		after = append(after, role)
	}
	return strings.TrimSpace(full), before, slices.Concat(nicknames, after)
}

// NameRole is a name written in one cell without a role typed after it, and the
// role, "" for none (s48: "Dan Smith - Team Lead" was stored as "Dan Smith - Team" /
// "Lead", "Lee Chan, captain" as "captain" / "Lee Chan"):
//
//   - what follows the last dash with a space on either side of it, or an em dash,
//     when it reads as a role (roleWords: "Dan Smith - Team Lead", "Ana Ruiz –
//     Organizer"); the part before the dash when that one reads as a role and the
//     other does not ("Team Lead - Dan Smith"). Any other dash between letters is
//     the name's hyphen ("Mary Smith - Jones" is Mary Smith-Jones, see joinDashes);
//   - a role after the last comma or in parentheses at the end ("Lee Chan,
//     captain", "Chan, Lee, Phone Bank Captain", "Lee Chan (captain)"): there, only
//     words ending in a role (roleWords), as "Chan, Lee" and "Thi Nguyen (Tina)" are
//     a name and a nickname.
//
// NameTitles lists the role with what else it sets apart; an import keeps it in the
// volunteer's notes.
func NameRole(full string) (name, role string) {
	return cutRole(dropInvisibles(full), true)
}

// ColumnRole is NameRole of a first or family name written in a column of its own
// ("Smith - Team Lead", "Chan, captain"), where only what reads as a role is set
// apart: a spaced hyphen in a family name column ("Smith - Jones") is the name's.
func ColumnRole(cell string) (name, role string) {
	return cutRole(dropInvisibles(cell), false)
}

// roleWords are the words a role typed beside a name ends in ("Team Lead", "Phone
// Bank Captain", "organizer"), lower case; a plural or a "co-" before it counts.
var roleWords = map[string]bool{"lead": true, "leader": true, "captain": true, "organizer": true, "organiser": true,
	"coordinator": true, "chair": true, "cochair": true, "chairperson": true, "chairman": true, "chairwoman": true,
	"president": true, "treasurer": true, "secretary": true, "director": true, "manager": true, "volunteer": true,
	"member": true, "intern": true, "staff": true, "facilitator": true, "liaison": true, "founder": true, "cofounder": true,
	"delegate": true, "convener": true, "convenor": true, "moderator": true, "admin": true, "administrator": true,
	"trainer": true, "canvasser": true, "organizadora": true, "organizador": true, "coordinadora": true, "coordinador": true,
	"voluntaria": true, "voluntario": true, "líder": true, "lider": true, "capitana": true, "capitán": true,
	"منسق": true, "منسقة": true} // Arabic: coordinator (tester t11: "محمد علي - منسق")

// roleLike reports whether s reads as a role: one to four words, the last a role
// word ("Team Lead", "captain", "co-organizers").
func roleLike(s string) bool {
	words := strings.Fields(s)
	if len(words) == 0 || len(words) > 4 {
		return false
	}
	w := strings.ToLower(strings.Trim(words[len(words)-1], ".,;:!"))
	w = strings.TrimPrefix(w, "co-")
	return roleWords[w] || roleWords[strings.TrimSuffix(w, "s")]
}

// cutRole is NameRole, less the invisible characters' dropping; ColumnRole
// unless anyAfterDash. A dash that sets no role apart is the name's hyphen
// (joinDashes): "Mary Smith - Jones" is Mary Smith-Jones, "Jean - Pierre Roy"
// Jean-Pierre Roy (tester t11: they were Mary Smith and Jean, "Jones" and "Pierre
// Roy" set apart as roles, and a caller so written was filed to Mary Smith).
func cutRole(full string, anyAfterDash bool) (name, role string) {
	name, role, _ = cutRoleJoined(full, anyAfterDash)
	// A role before the one cut is one too, in the order written: "Lee Chan
	// (Captain) - Team Lead" is Lee Chan, "Captain, Team Lead" (tester t11:
	// "(Captain)" was set apart as a nickname, and lost).
	for role != "" {
		n, r, _ := cutRoleJoined(name, anyAfterDash)
		if r == "" || len(n) >= len(name) {
			break
		}
		name, role = n, r+", "+role
	}
	return name, role
}

// cutRoleJoined is cutRole, and whether a dash with a space beside it, or a long
// one, was read as the name's hyphen (see DashAsHyphen).
func cutRoleJoined(full string, anyAfterDash bool) (name, role string, joined bool) {
	letters := func(s string) bool { return strings.ContainsFunc(s, unicode.IsLetter) }
	if i, j := spacedDash(full); i >= 0 {
		li, lj := lastSpacedDash(full)
		head, tail := strings.TrimSpace(full[:li]), strings.TrimSpace(full[lj:])
		first, rest := strings.TrimSpace(full[:i]), strings.TrimSpace(full[j:])
		switch {
		case letters(head) && tail == "": // "Dan Smith -"
			name, joined = joinDashes(head)
			return name, "", joined
		case !letters(head) || !letters(tail):
		case roleLike(tail) && !strings.Contains(tail, ","): // "Dan Smith - Team Lead", not "Smith - Jones, Mary"
			name, joined = joinDashes(head)
			return name, tail, joined
		case !anyAfterDash:
		case roleLike(first) && !roleLike(rest): // "Team Lead - Dan Smith"
			name, joined = joinDashes(rest)
			return name, first, joined
		case NoName(tail): // "Dan Smith - n/a": no role, no name
			name, joined = joinDashes(head)
			return name, "", joined
		}
	}
	full, joined = joinDashes(full)
	if t := strings.TrimSpace(full); strings.HasSuffix(t, ")") {
		if i := strings.LastIndexByte(t, '('); i > 0 && roleLike(t[i+1:len(t)-1]) && letters(t[:i]) {
			return strings.TrimSpace(t[:i]), strings.TrimSpace(t[i+1 : len(t)-1]), joined
		}
	}
	if i := strings.LastIndexByte(full, ','); i > 0 && roleLike(full[i+1:]) && letters(full[:i]) {
		return strings.TrimSpace(full[:i]), strings.TrimSpace(full[i+1:]), joined
	}
	return full, "", joined
}

// hyphens are the characters typed for a hyphen or a dash in a name: the hyphen,
// the Unicode hyphens (U+2010, the non-breaking U+2011), the figure, en and em
// dashes, the horizontal bar, the minus sign, and the small and full-width
// hyphen-minus.
const hyphens = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"

func isHyphen(r rune) bool { return strings.ContainsRune(hyphens, r) }

// joinDashes is full with each run of hyphens or dashes between two letters, with
// spaces beside it or not, made the one hyphen "-" ("Jean - Pierre", "Jean—Luc",
// "Jean\u2011Pierre" are "Jean-Pierre"): one name however its hyphen was typed. A
// dash with no letter on one side ("Dan Smith - 02139") stays. spaced says whether
// a dash with a space beside it, or a long one, was so joined.
func joinDashes(full string) (_ string, spaced bool) {
	if !strings.ContainsFunc(full, func(r rune) bool { return r != '-' && isHyphen(r) }) &&
		!strings.Contains(full, " -") && !strings.Contains(full, "- ") {
		return full, false
	}
	var b strings.Builder
	for i := 0; i < len(full); {
		r, n := utf8.DecodeRuneInString(full[i:])
		if !isHyphen(r) {
			b.WriteString(full[i : i+n])
			i += n
			continue
		}
		j := i + n
		for j < len(full) {
			r2, n2 := utf8.DecodeRuneInString(full[j:])
			if !isHyphen(r2) {
				break
			}
			j += n2
		}
		k := j
		for k < len(full) {
			r2, n2 := utf8.DecodeRuneInString(full[k:])
			if !unicode.IsSpace(r2) {
				break
			}
			k += n2
		}
		before := strings.TrimRightFunc(b.String(), unicode.IsSpace)
		lb, _ := utf8.DecodeLastRuneInString(before)
		la, _ := utf8.DecodeRuneInString(full[k:])
		if unicode.IsLetter(lb) && unicode.IsLetter(la) {
			long := strings.ContainsAny(full[i:j], "\u2014\u2015") || j-i > 1 && strings.Count(full[i:j], "-") > 1
			spaced = spaced || k > j || len(before) < b.Len() || long
			b.Reset()
			b.WriteString(before)
			b.WriteByte('-')
			i = k
			continue
		}
		b.WriteString(full[i:j])
		i = j
	}
	return b.String(), spaced
}

// DashAsHyphen reports whether a name in one cell has a dash with a space beside it
// ("Mary Smith - Jones") or a long one ("Jean—Luc") that NameRole read as the
// name's hyphen, no role following it: an import lists the name so stored, as such
// a dash may have meant something else ("Dan Smith - Boston").
func DashAsHyphen(full string) bool {
	_, _, joined := cutRoleJoined(dropInvisibles(full), true)
	return joined
}

// lastSpacedDash is spacedDash's last dash in full, -1, -1 for none.
func lastSpacedDash(full string) (i, j int) {
	i, j = -1, -1
	for from := 0; ; {
		a, b := spacedDash(full[from:])
		if a < 0 {
			return i, j
		}
		i, j, from = from+a, from+b, from+b
	}
}

// spacedDash finds the first dash in full that parts a name from what follows it,
// as NameRole says: i and j bound the dashes ("--" is one), -1, -1 for none.
func spacedDash(full string) (i, j int) {
	isDash := isHyphen
	for i = 0; i < len(full); {
		r, n := utf8.DecodeRuneInString(full[i:])
		if !isDash(r) {
			i += n
			continue
		}
		j = i + n
		long := r == '—' || r == '―'
		for j < len(full) {
			r2, n2 := utf8.DecodeRuneInString(full[j:])
			if !isDash(r2) {
				break
			}
			long, j = true, j+n2
		}
		before, _ := utf8.DecodeLastRuneInString(full[:i])
		after, _ := utf8.DecodeRuneInString(full[j:])
		if long || i > 0 && unicode.IsSpace(before) || j < len(full) && unicode.IsSpace(after) {
			return i, j
		}
		i = j
	}
	return -1, -1
}

// SetApart says, for an import's output, what was set apart from a name: the
// titles, degrees and nicknames (apart, as NameTitles gives them) and the role among
// them (NameRole), which the import keeps in the notes.
func SetApart(apart []string, role string) string {
	why := strings.Join(apart, ", ") + " set apart from the name"
	switch {
	case role == "":
		return why + " (no field for it)"
	case len(apart) == 1:
		return why + " (written after it: kept in the notes)"
	}
	return why + fmt.Sprintf(" (no field for it; %s, written after it, kept in the notes)", role)
}

// NameColumnTitles is a name given in two columns, the first and the family name,
// without what NameTitles sets apart of a name in one: the titles before the first
// name and a nickname in it ("Dr. José", `Robert "Bob"`: ofFirst), and the degrees
// after the family name ("Lee PhD", "O'Brien Esq.": ofLast), as written. A title is
// set apart only where a first name is left: "Hon" or "Rev." alone in the column is
// what the first name is, as far as anyone can tell. A role after either ("Smith -
// Team Lead", see ColumnRole) is set apart too, last.
func NameColumnTitles(first, last string) (f, l string, ofFirst, ofLast []string) {
	first, roleFirst := cutRole(first, false)
	last, roleLast := cutRole(last, false)
	first, nicknames := cutNicknames(first)
	first, before := cutPrefixes(first, 1)
	last, after := cutPostnominals(last)
	ofFirst, ofLast = slices.Concat(before, nicknames), after
	if roleFirst != "" {
		ofFirst = append(ofFirst, roleFirst)
	}
	if roleLast != "" {
		ofLast = append(ofLast, roleLast)
	}
	return strings.TrimSpace(first), strings.TrimSpace(last), ofFirst, ofLast
}

// cutNicknames takes every nickname in parentheses or quotes out of full (see
// cutNickname): a nickname is no family name, "(Tina)" was one.
func cutNicknames(full string) (string, []string) {
	var nicknames []string
	for {
		rest, nick, ok := cutNickname(full)
		if !ok {
			return full, nicknames
		}
		full, nicknames = rest, append(nicknames, nick)
	}
}

// cutPostnominals takes the degrees and licences at the end of full out of it, from
// the end ("Kim Lee, PhD, MD"), where a name is left.
func cutPostnominals(full string) (string, []string) {
	var after []string
	for {
		s := strings.TrimRight(full, " ,")
		i := strings.LastIndexAny(s, " ,")
		if i < 0 || !namePostnominals[titleKey(s[i+1:])] || strings.Trim(s[:i], " ,") == "" {
			return full, after
		}
		after = append([]string{s[i+1:]}, after...)
		full = strings.TrimRight(s[:i], " ,")
	}
}

// cutPronouns takes the pronouns at the end of full out of it ("Beth Kline, she/her",
// "Sam Lee they/them"), where a name is left: after a comma they read as a first name
// of their own, and "she/her" was stored as Beth Kline's first name (tester, s41).
// "(she/her)" in parentheses is cut as cutNicknames cuts any.
func cutPronouns(full string) (string, []string) {
	var pronouns []string
	for {
		s := strings.TrimRight(full, " ,")
		i := strings.LastIndexAny(s, " ,")
		if i < 0 || !pronounSet(s[i+1:]) || strings.Trim(s[:i], " ,") == "" {
			return full, pronouns
		}
		pronouns = append([]string{s[i+1:]}, pronouns...)
		full = strings.TrimRight(s[:i], " ,")
	}
}

// pronounSet reports whether w is a set of pronouns written with slashes ("she/her",
// "they/them/theirs", "he/they", "ella/ela").
func pronounSet(w string) bool {
	parts := strings.Split(strings.ToLower(w), "/")
	if len(parts) < 2 {
		return false
	}
	for _, p := range parts {
		switch p {
		case "she", "her", "hers", "he", "him", "his", "they", "them", "theirs", "ze", "zir", "hir", "xe", "xem",
			"any", "all", "ella", "él", "el", "elle", "ele", "ela", "dela", "dele", "elu", "ellx":
		default:
			return false
		}
	}
	return true
}

// cutPrefixes takes the titles at the start of s out of it ("Rev. Dr. Martin
// King"), where a name is left: after a title that is a name too (namedPrefixes),
// named words or more.
func cutPrefixes(s string, named int) (string, []string) {
	var before []string
	for {
		s = strings.TrimLeft(s, " ")
		w, rest, ok := strings.Cut(s, " ")
		if !ok || strings.TrimSpace(rest) == "" {
			return s, before
		}
		if !namePrefix(w) && !(isTitle(namedPrefixes, w) && len(strings.Fields(rest)) >= named) {
			return s, before
		}
		before = append(before, w)
		s = rest
	}
}

// cutNickname takes the first part of full in parentheses or quotes out of it, where
// a name is left: "Thi Nguyen (Tina)" is "Thi Nguyen" and "(Tina)". Single quotes
// count only around whole words ("Sam 'Sammy' Ng", tester t8), never an apostrophe
// of a name ("O'Brien", "D'Angelo 'Dee' Smith").
func cutNickname(full string) (rest, nick string, ok bool) {
	for _, pair := range [...][2]string{{"(", ")"}, {`"`, `"`}, {"“", "”"}, {"'", "'"}, {"‘", "’"}} {
		i, end := -1, -1
		if pair[0] == "'" || pair[0] == "‘" {
			i, end = quotedWords(full, pair[0], pair[1])
		} else if i = strings.Index(full, pair[0]); i >= 0 {
			if j := strings.Index(full[i+len(pair[0]):], pair[1]); j >= 0 {
				end = i + len(pair[0]) + j + len(pair[1])
			}
		}
		if i < 0 || end < 0 {
			continue
		}
		rest = strings.Join(strings.Fields(full[:i]+" "+full[end:]), " ")
		if strings.Trim(rest, " ,") == "" {
			return full, "", false
		}
		return rest, full[i:end], true
	}
	return full, "", false
}

// quotedWords finds words in single quotes in full, open and close being the marks:
// the opening one at the start or after a space, before a letter; the closing one
// after a letter, at the end or before a space. i and end bound the quote and its
// marks; -1, -1 for none.
func quotedWords(full, open, close string) (i, end int) {
	for from := 0; from < len(full); {
		k := strings.Index(full[from:], open)
		if k < 0 {
			return -1, -1
		}
		i = from + k
		from = i + len(open)
		if i > 0 && full[i-1] != ' ' {
			continue
		}
		if r, _ := utf8.DecodeRuneInString(full[from:]); !unicode.IsLetter(r) {
			continue
		}
		for at := from; at < len(full); {
			c := strings.Index(full[at:], close)
			if c < 0 {
				break
			}
			c += at
			at = c + len(close)
			if r, _ := utf8.DecodeLastRuneInString(full[:c]); unicode.IsLetter(r) && (at == len(full) || full[at] == ' ') {
				return i, at
			}
		}
	}
	return -1, -1
}

// TwoPeople reports whether a name is written as two people's, a household on one
// line ("Bob & Linda Jones", "Bob and Linda Jones", "Mr. and Mrs. Chen", "Mr/Mrs
// Chen"), or a family's ("The Chens", "The Chen family", "Familia López"; "The Anh
// Nguyen" is Thế Anh's name without its accent): stored
// as one volunteer, to be listed for the lead to split. "y" is no sign of it ("María
// García y López"). "The Chens" was a volunteer "The" / "Chens" (tester, s46).
func TwoPeople(name string) bool {
	if strings.ContainsAny(name, "&+") {
		return true
	}
	words := strings.Fields(name)
	for i, w := range words {
		switch {
		case strings.EqualFold(w, "and"),
			len(words) > 1 && (strings.EqualFold(w, "family") || strings.EqualFold(w, "familia") || strings.EqualFold(w, "família")),
			i == 0 && len(words) == 2 && strings.EqualFold(w, "the") && strings.HasSuffix(strings.ToLower(words[1]), "s"): // not "The Anh Nguyen"
			return true
		}
		if a, b, ok := strings.Cut(w, "/"); ok && isTitle(namePrefixes, a) && isTitle(namePrefixes, b) {
			return true // "Mr/Mrs"
		}
	}
	return false
}

// dropInvisibles is s without the characters a copy and paste brings into a name,
// email or phone unseen: the format characters (Unicode category Cf: zero-width
// spaces and joiners, a byte-order mark, a soft hyphen, the direction marks). One of
// them in "Park\u200b" made a look-alike of the roster's Leo Park (tester t8). A
// zero-width joiner or non-joiner between two characters beyond ASCII stays: Persian
// ("علی\u200cرضا") and the scripts of India write with them, and an emoji sequence
// ("👩\u200d💻") is one picture by them. So does a soft hyphen in UTF-8 read as
// Windows-1252 ("MarÃ\u00ada" for "María", see DoubleEncoded): it is a byte of the
// letter there, and without it the damage would no longer show.
func dropInvisibles(s string) string {
	if !hasInvisibles(s) {
		return s
	}
	t := dropFormat(s, true)
	if strings.ContainsRune(t, '\u00ad') {
		if _, ok := DoubleEncoded(t); !ok {
			t = dropFormat(t, false)
		}
	}
	return t
}

// dropFormat is s without its format characters, as dropInvisibles says, keeping
// the soft hyphens if softHyphens.
func dropFormat(s string, softHyphens bool) string {
	var b strings.Builder
	prev := rune(0) // the last character kept
	for i, r := range s {
		if unicode.Is(unicode.Cf, r) && !(softHyphens && r == '\u00ad') {
			next, _ := utf8.DecodeRuneInString(s[i+utf8.RuneLen(r):])
			if (r == '\u200c' || r == '\u200d') && prev >= utf8.RuneSelf && next >= utf8.RuneSelf && !unicode.Is(unicode.Cf, next) {
				b.WriteRune(r)
			}
			continue
		}
		b.WriteRune(r)
		prev = r
	}
	return b.String()
}

// hasInvisibles reports whether s holds a format character (see dropInvisibles).
func hasInvisibles(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.Is(unicode.Cf, r) }) >= 0
}

// nameSuffix reports whether w is a generational or courtesy suffix: Jr., Sr., III.
func nameSuffix(w string) bool {
	return nameSuffixes[strings.TrimSuffix(strings.ToLower(strings.TrimSpace(w)), ".")]
}

// generational reports whether w is a suffix that follows a whole name (Jr., Sr.,
// II, III, IV, Esq.), not a title: "Chan, Wing Hon" ends in a given name, not "Hon."
func generational(w string) bool {
	switch strings.TrimSuffix(strings.ToLower(strings.TrimSpace(w)), ".") {
	case "jr", "sr", "ii", "iii", "iv", "esq":
		return true
	}
	return false
}

// nameParticles are the words that begin a family name: "de la Cruz", "van der Berg".
var nameParticles = map[string]bool{"de": true, "del": true, "della": true, "la": true, "las": true, "los": true,
	"da": true, "das": true, "do": true, "dos": true, "di": true, "du": true, "le": true, "van": true, "von": true,
	"der": true, "den": true, "ter": true, "ten": true, "bin": true, "ibn": true, "al": true, "st": true, "st.": true}

// LettersLost reports whether a name has letters turned into "?" ("Tr?n V?n Minh",
// "Zo? M?ller", "?" for a family name of one Chinese letter): what a sheet saved in
// an encoding that has no such letter writes for it (Excel's CSV in Windows-1252). No
// name holds a "?" of its own, so any is taken for one lost: a volunteer is never
// added, nor a family name filled in, under such a name (a wrong one, unseen). Only
// names are so read: a note may well hold a "?".
func LettersLost(name string) bool { return strings.ContainsRune(name, '?') }

// NoName reports whether a name cell, or a part of one, holds no name: a word typed
// for none ("N/A", "none", "unknown", "-"), or text with no letter at all ("02139",
// ".", an emoji), in brackets or not ("(no name given)", "[none]"). Read as empty:
// "Kim N/A" is Kim, of no family name given. ("NA" and "Null" are people's family
// names, and stay.)
func NoName(s string) bool {
	s = strings.TrimFunc(s, func(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune("()[]{}<>*_", r) })
	// Looked at for every name of a volunteer import: no allocation (EqualFold).
	if slices.ContainsFunc(noNames, func(w string) bool { return strings.EqualFold(s, w) }) {
		return true
	}
	return !strings.ContainsFunc(s, unicode.IsLetter)
}

// noNames are the words typed for no name, as written or in brackets ("(no name
// given)", "[none]": stored as a caller's name, tester s46).
var noNames = []string{"n/a", "n.a.", "n.a", "not applicable", "none", "unknown", "no name", "not given", "no name given",
	"name not given", "none given", "not provided", "anonymous", "anon.", "withheld", "name withheld", "prefer not to say"}

// titleAlone reports whether the family name part of a name in one cell is a title
// written before a name ("Uma Dr.": the title the cell ends with), no family name.
// "Hon" is a family name as well as a title: it stays.
func titleAlone(last string) bool {
	return !strings.EqualFold(strings.Trim(last, " ."), "hon") && isTitle(namePrefixes, strings.TrimSpace(last))
}

// legislatorTitles are the titles of a legislator, as a caller writes them before
// the legislator's name: "Sen" only with its dot ("Amartya Sen").
var legislatorTitles = []string{"rep", "reps", "representative", "senator", "assemblymember", "assemblyman", "assemblywoman",
	"senador", "senadora", "representante", "deputado", "deputada", "diputado", "diputada", "legislator"}

// strayTitle is the title a caller's name cell holds where no title of a person's
// name goes, "" for none: a legislator's title anywhere ("Oz Rep. Moran", "Rep.
// Moran": the legislator typed in the caller's place, or beside the caller's name),
// or a title written before a name in the middle of it ("Ana Dr. Silva"). "Oz Rep.
// Moran" was added as a volunteer "Oz Rep." / "Moran" (tester, s46). The titles
// that begin a name ("Rev. Dr. Ana Silva", "Silva, Dr. Ana") and one ending it ("Uma
// Dr.", no family name) are no stray; nor is "Hon", a given name too.
func strayTitle(name string) string {
	lead, pending := true, "" // in the titles that begin the name; a title after a word
	for w := range strings.FieldsSeq(name) {
		if pending != "" {
			return pending
		}
		bare := strings.Trim(w, ".,")
		if slices.ContainsFunc(legislatorTitles, func(t string) bool { return strings.EqualFold(bare, t) }) ||
			strings.EqualFold(bare, "sen") && strings.HasSuffix(strings.TrimRight(w, ","), ".") {
			return w
		}
		switch prefix := isTitle(namePrefixes, w) && !strings.EqualFold(bare, "hon"); {
		case prefix && lead: // "Rev. Dr. Ana Silva"
		case prefix:
			pending = w // stray when a word follows: "Uma Dr." ends in it
		default:
			lead = strings.HasSuffix(w, ",") // "Silva, Dr. Ana"
		}
	}
	return ""
}

// wordsKey is the key of a name's words as a multiset, folded (see nameWords): "Silva
// Ana Maria" and Ana Maria Silva have one, as have "Nguyễn Thị Hương" and Hương
// Nguyễn Thị. 0 for a name of fewer than two words, or with a word of one letter (an
// initial: aliasKeys weighs those).
func wordsKey(name string) uint64 {
	w := nameWords(name)
	if len(w) < 2 || slices.ContainsFunc(w, func(s string) bool { return len(s) < 2 }) {
		return 0
	}
	slices.Sort(w)
	return key64(append([]string{"\x00words"}, w...)...)
}

// reorderedName reports whether typed is the roster's name first last with its words
// in another order (not in the same: "Sam O'Brien" is Sam Obrien typed otherwise) ("Silva Ana Maria" for Ana Maria Silva; "王 小明" for 小明 王), or,
// in a script that writes names without spaces (Chinese, Japanese, Korean), the
// family and given name run together in either order ("王小明", "小明王"):
// family-name-first is how many callers write their name.
func reorderedName(typed, first, last string) bool {
	w := nameWords(typed)
	if k := wordsKey(typed); k != 0 && k == wordsKey(first+" "+last) {
		return !inRosterOrder(typed, first, last)
	}
	if len(w) != 1 || last == "" || !strings.ContainsFunc(w[0], unspacedScript) {
		return false
	}
	f, l := strings.Join(nameWords(first), ""), strings.Join(nameWords(last), "")
	return f != "" && l != "" && (w[0] == l+f || w[0] == f+l)
}

// unspacedScript reports whether r is of a script whose names are written without
// spaces between the family and the given name.
func unspacedScript(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
}
