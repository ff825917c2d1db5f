package format

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"
)

// ParseBool reads a yes/no cell: TRUE/FALSE (NationBuilder after a spreadsheet),
// true/false, yes/no, Y/N, T/F, 1/0, on/off, x (a ticked box), and the subscription
// words of Action Network and NGP VAN (subscribed/unsubscribed, opt-in/opt-out,
// opted in/opted out). Case and surrounding space are ignored. An empty cell, or
// anything else, gives ok=false: the export does not say.
func ParseBool(s string) (value, ok bool) {
	if value, ok := plainBool(s); ok {
		return value, true
	}
	switch strings.Join(strings.Fields(strings.ToLower(strings.ReplaceAll(s, "-", " "))), " ") {
	case "true", "t", "yes", "y", "1", "x", "on", "subscribed", "opt in", "opted in":
		return true, true
	case "false", "f", "no", "n", "0", "off", "unsubscribed", "opt out", "opted out":
		return false, true
	}
	return false, false
}

// plainBool reads the yes/no cells exports write most ("TRUE", "false", "1", "No")
// as ParseBool does, without its allocations: a NationBuilder row has a dozen of
// them, read for every row of the file. ok is false for any other cell.
func plainBool(s string) (value, ok bool) {
	switch s {
	case "TRUE", "true", "True", "1", "yes", "Yes", "YES":
		return true, true
	case "FALSE", "false", "False", "0", "no", "No", "NO":
		return false, true
	}
	return false, false
}

// consentWords are the consent cells ParseBool does not read, by the field they
// are read for (nil: every consent field): what spreadsheets and exports write
// besides a plain yes or no.
var consentWords = map[Field]map[string]bool{
	"": {"1.0": true, "0.0": false, "checked": true, "unchecked": false, "✓": true, "✔": true, "☑": true,
		"☐": false},
	DoNotCall:    {"dnc": true, "do not call": true, "don't call": true},
	DoNotEmail:   {"do not email": true, "don't email": true},
	DoNotContact: {"do not contact": true, "don't contact": true},
	DoNotText:    {"do not text": true, "don't text": true, "do not sms": true},
	// CiviCRM's on_hold: 1 a bounce, 2 an opt-out, in numbers or its labels.
	EmailOnHold: {"2": true, "on hold": true, "on hold bounce": true, "on hold opt out": true, "bounce": true,
		"bounced": true},
	// Action Network's statuses of an email address or phone (its API's "status"):
	// only subscribed is ok to send to.
	EmailOptIn: {"bouncing": false, "previous bounce": false, "spam complaint": false,
		"previous spam complaint": false},
	TextOptIn: {"bouncing": false, "previous bounce": false, "spam complaint": false,
		"previous spam complaint": false},
}

// optWords are the words of a subscription, as an opt-in column reads them.
var optWords = map[string]bool{"subscribed": true, "opt in": true, "opted in": true,
	"unsubscribed": false, "opt out": false, "opted out": false}

// notSaid are the consent cells that say the export does not know (NGP VAN's
// OptInStatus "Unknown"), read for an opt-in column as an empty cell.
var notSaid = map[string]bool{"unknown": true}

// ParseConsent reads a cell of a consent field (DoNotCall, DoNotEmail, DoNotContact, DoNotText, OKCall,
// EmailOptIn, TextOptIn, NoBulkEmail) or of a yes/no such as Deceased as yes or no: what ParseBool reads, "Yes." with its full
// stop, 1.0 and 0.0, a ticked box (checked, ✓), the field's own words ("DNC" or "Do
// not call" in a do-not-call column) and Action Network's statuses. said is false
// for an empty cell: the export does not say. A cell that is none of these is an
// error, never a guess: a wrong reading calls or emails someone who said no.
func ParseConsent(f Field, s string) (value, said bool, err error) {
	if s == "" {
		return false, false, nil
	}
	if value, ok := plainBool(s); ok { // no opt word nor consent word reads otherwise
		return value, true, nil
	}
	w := strings.Join(strings.Fields(strings.ToLower(strings.ReplaceAll(s, "’", "'"))), " ")
	w = strings.TrimRight(w, ".!")
	if w == "" {
		return false, false, nil
	}
	// "Opted out" or "unsubscribed" under do_not_call says do not: yes. ParseBool
	// reads them as an opt-in column means them (no).
	if v, ok := optWords[strings.ReplaceAll(w, "-", " ")]; ok && (f == DoNotCall || f == DoNotEmail || f == DoNotContact || f == DoNotText || f == EmailOnHold) {
		return !v, true, nil
	}
	if v, ok := ParseBool(w); ok {
		return v, true, nil
	}
	for _, words := range []map[string]bool{consentWords[""], consentWords[f]} {
		if v, ok := words[w]; ok {
			return v, true, nil
		}
	}
	if (f == EmailOptIn || f == TextOptIn) && notSaid[w] {
		return false, false, nil
	}
	return false, false, fmt.Errorf("%q is not a yes or no ChapterDesk can read as %s, and it is never guessed",
		strings.TrimSpace(s), strings.ReplaceAll(string(f), "_", " "))
}

// isoLayouts are the ISO 8601 shapes ParseDate reads, and whether each has a zone or
// offset; time.Parse also takes fractional seconds after the seconds of any of them.
var isoLayouts = []struct {
	layout string
	zoned  bool
}{
	{time.RFC3339, true}, // 2016-08-08T15:42:00Z, 2016-08-08T15:42:00-04:00
	{"2006-01-02T15:04:05Z0700", true},
	{"2006-01-02T15:04:05", false},
	{"2006-01-02T15:04Z07:00", true},
	{"2006-01-02T15:04", false},
	{"2006-01-02 15:04:05Z07:00", true},
	{"2006-01-02 15:04:05 Z07:00", true},
	{"2006-01-02 15:04:05 -0700", true},
	{"2006-01-02 15:04:05 -0700 MST", true},
	{"2006-01-02 15:04:05", false},
	{"2006-01-02 15:04", false},
	{"2006-01-02", false},
}

// wordLayouts are the dates with the month in words that ParseDate reads: the
// order of day and month is plain in each. Month names are read in any case.
var wordLayouts = []string{"Jan 2, 2006", "January 2, 2006", "Jan 2 2006", "January 2 2006", "2 Jan 2006",
	"2 January 2006", "2-Jan-2006"}

// ParseDate reads the dates and times these exports hold:
//
//   - ISO: 2016-08-08, 2016-08-08T15:42:00Z, 2016-08-08T15:42:00-04:00,
//     "2016-08-08 15:42:00", "2016-08-08 15:42";
//   - day.month.year, as German sheets write them: "07.12.2026 10:00:00" is 7
//     December (a date with dots is read day first);
//   - US month/day/year, as spreadsheets and forms write them: "8/8/16 15:42"
//     (NationBuilder), "8/8/2016", "8/8/2016 3:42 PM", "2/14/2024 13:05:22" (Google
//     Forms); a two-digit year 00-69 is 2000-2069 and 70-99 is 1970-1999 (see
//     SlashOrders for a day-first "13/02/2020", which is not read);
//   - the month in words: "Feb 3, 2020", "February 3, 2020", "3 February 2020",
//     "3 Feb 2020", "3-Feb-2020"; also "Sept. 3, 2020", "February 3rd, 2020", with a
//     weekday before and a time after: "Tues, Feb 4, 2020 10:15 AM", "Feb 3, 2020 at
//     10:15 AM", "3-Feb-2020 10:15" (see parseWordDate).
//
// The result is in UTC. A time with a zone or offset is converted to UTC; a time
// without one (every US-style cell, and ISO without an offset) is the local wall time
// of the export, taken as if it were UTC: the clock reading is kept, not shifted. A
// date alone is midnight. ok is false for an empty cell or anything else.
func ParseDate(s string) (time.Time, bool) {
	t, _, ok := ParseDateZoned(s)
	return t, ok
}

// ParseDateZoned is ParseDate, and says whether the text had a zone or offset (then
// the time is that instant) or not (then it is a wall-clock reading, see ParseDate).
func ParseDateZoned(s string) (t time.Time, zoned, ok bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false, false
	}
	if strings.Contains(s, "/") {
		t, ok := parseUSDate(s)
		return t, false, ok
	}
	if us := dottedDate(s); us != "" {
		t, ok := parseUSDate(us)
		return t, false, ok
	}
	for _, l := range isoLayouts {
		if t, err := time.Parse(l.layout, s); err == nil {
			return t.UTC(), l.zoned, true
		}
	}
	if strings.IndexFunc(s, unicode.IsLetter) >= 0 { // a month in words
		words := strings.Join(strings.Fields(s), " ")
		for _, l := range wordLayouts {
			if t, err := time.Parse(l, words); err == nil {
				return t, false, true
			}
		}
		if t, weekdayOff := parseWordDate(s); !t.IsZero() && !weekdayOff {
			return t, false, true
		}
	}
	return time.Time{}, false, false
}

// monthWords are the month names parseWordDate reads, in lower case: whole, of three
// letters, and "sept", as people write September.
var monthWords = sync.OnceValue(func() map[string]time.Month {
	m := map[string]time.Month{"sept": time.September}
	for mo := time.January; mo <= time.December; mo++ {
		name := strings.ToLower(mo.String())
		m[name], m[name[:3]] = mo, mo
	}
	return m
})

// weekdayWords are the weekday names parseWordDate reads before a date, in lower case.
var weekdayWords = sync.OnceValue(func() map[string]time.Weekday {
	m := map[string]time.Weekday{"tues": time.Tuesday, "weds": time.Wednesday, "thur": time.Thursday,
		"thurs": time.Thursday}
	for d := time.Sunday; d <= time.Saturday; d++ {
		name := strings.ToLower(d.String())
		m[name], m[name[:3]] = d, d
	}
	return m
})

// parseWordDate reads the dates with the month in words that wordLayouts do not
// hold, as people and mail-merge tools write them: the month abbreviated with a dot
// or as "Sept" ("Sept. 3, 2020", "3 Feb. 2020"), the day as an ordinal ("February
// 3rd, 2020", "3rd February 2020"), a weekday before ("Tues, Feb 4, 2020") and a
// time after ("Feb 3, 2020 10:15 AM", "February 3, 2020 at 10:15am", read as
// parseClock reads one), the date with hyphens ("3-Feb-2020 10:15"). The order of day
// and month is plain in each, as the month is a word. The year has four digits. A
// weekday that is not the date's ("Tues, Feb 3, 2020": a Monday) says one of the two
// is wrong, and which is not known: the cell is not read, and weekdayOff says why (t
// is the date without the weekday). t is zero for a cell that is no such date.
func parseWordDate(s string) (t time.Time, weekdayOff bool) {
	words := strings.Fields(strings.ReplaceAll(s, ",", " "))
	weekday := time.Weekday(-1)
	if len(words) > 0 {
		if d, ok := weekdayWords()[strings.ToLower(strings.TrimSuffix(words[0], "."))]; ok {
			weekday, words = d, words[1:]
		}
	}
	// "3-Feb-2020 10:15": the date written with hyphens, as spreadsheets export it,
	// is its three words.
	if len(words) > 0 {
		if parts := strings.Split(words[0], "-"); len(parts) == 3 {
			if _, ok := monthWord(parts[1]); ok {
				words = append(parts, words[1:]...)
			}
		}
	}
	if len(words) < 3 {
		return time.Time{}, false
	}
	month, ok := monthWord(words[0])
	dayWord := words[1]
	if !ok {
		month, ok = monthWord(words[1])
		dayWord = words[0]
	}
	day, okDay := ordinal(dayWord)
	year, okYear := number(words[2], 4, 4)
	if !ok || !okDay || !okYear {
		return time.Time{}, false
	}
	hour, minute, sec := 0, 0, 0
	if len(words) > 4 && (strings.EqualFold(words[3], "at") || words[3] == "@") {
		words = append(words[:3:3], words[4:]...) // "Feb 3, 2020 at 10:15 AM", as mail and calendars write it
	}
	if len(words) > 3 {
		if hour, minute, sec, ok = parseClock(strings.Join(words[3:], " ")); !ok {
			return time.Time{}, false
		}
	}
	t = time.Date(year, month, day, hour, minute, sec, 0, time.UTC)
	if t.Day() != day || t.Month() != month {
		return time.Time{}, false // "Sept 31"
	}
	return t, weekday >= 0 && t.Weekday() != weekday
}

// WeekdayOff reports the date a cell reads as when the weekday written before it is
// not that date's ("Tues, Feb 3, 2020" is a Monday), which ParseDate does not read.
func WeekdayOff(s string) (time.Time, bool) {
	t, off := parseWordDate(strings.TrimSpace(s))
	return t, off
}

// WeekdayOffReason says why a date WeekdayOff gave t for is not read, for the lead.
func WeekdayOffReason(t time.Time) string {
	return fmt.Sprintf("%s was a %s, not the weekday written with it; which of the two is right is not guessed",
		t.Format("January 2, 2006"), t.Weekday())
}

// monthWord reads a month name (see monthWords), with or without a dot after it.
func monthWord(w string) (time.Month, bool) {
	m, ok := monthWords()[strings.ToLower(strings.TrimSuffix(w, "."))]
	return m, ok
}

// ordinal reads a day of the month, "3" or "3rd": the suffix must be the number's
// ("3th" is not read).
func ordinal(w string) (int, bool) {
	digits := strings.TrimRight(w, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
	n, ok := number(digits, 1, 2)
	if !ok || digits == w {
		return n, ok
	}
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
	return n, strings.EqualFold(w[len(digits):], suffix)
}

// DayFirstReason says why a cell SlashOrders reads only day first ("13/02/2020") is
// not read, in every import that meets one: the order is the file's, never guessed.
const DayFirstReason = "the day is written first; ChapterDesk reads 2/3/2020 as February 3 and does not guess the order of this file"

// SlashOrders says how a day/month/year cell ("3/2/2020", with or without a time)
// reads: monthFirst when it is a date read month first, as ParseDate reads it;
// dayFirst when read day first it is a date, and another one ("13/02/2020" only day
// first, "03/02/2020" both ways, "3/3/2020" month first alone, as either order gives
// that date). Both are false for any other cell.
func SlashOrders(s string) (monthFirst, dayFirst bool) {
	s = strings.TrimSpace(s)
	datePart, timePart, _ := strings.Cut(s, " ")
	ds, n := split3(datePart, "/")
	if n != 3 {
		return false, false
	}
	_, monthFirst = parseUSDate(s)
	m, _ := number(ds[0], 1, 2)
	d, _ := number(ds[1], 1, 2)
	if m == d {
		return monthFirst, false
	}
	swapped := ds[1] + "/" + ds[0] + "/" + ds[2]
	if timePart != "" {
		swapped += " " + timePart
	}
	_, dayFirst = parseUSDate(swapped)
	return monthFirst, dayFirst
}

// DayFirst writes a d/m/y cell ("05/12/2025 14:00") as ParseDate reads it, month
// first ("12/05/2025 14:00"), for a file the lead says writes its days first; any
// other cell is returned as it is.
func DayFirst(s string) string {
	s = strings.TrimSpace(s)
	datePart, timePart, hasTime := strings.Cut(s, " ")
	ds, n := split3(datePart, "/")
	if n != 3 {
		return s
	}
	s = ds[1] + "/" + ds[0] + "/" + ds[2]
	if hasTime {
		s += " " + timePart
	}
	return s
}

// dottedDate writes a day.month.year cell ("07.12.2026 10:00:00", as a German
// sheet writes a form's Zeitstempel) month first with slashes, as parseUSDate reads
// it: a date written with dots puts its day first wherever it is written so. "" for
// any other cell.
func dottedDate(s string) string {
	datePart, timePart, hasTime := strings.Cut(s, " ")
	ds, n := split3(datePart, ".")
	if n != 3 || strings.IndexFunc(datePart, func(r rune) bool { return r != '.' && (r < '0' || r > '9') }) >= 0 {
		return ""
	}
	us := ds[1] + "/" + ds[0] + "/" + ds[2]
	if hasTime {
		us += " " + timePart
	}
	return us
}

// parseUSDate reads M/D/Y[ H:MM[:SS][ AM|PM]].
func parseUSDate(s string) (time.Time, bool) {
	datePart, timePart, _ := strings.Cut(s, " ")
	ds, n := split3(datePart, "/")
	if n != 3 {
		return time.Time{}, false
	}
	month, ok1 := number(ds[0], 1, 2)
	day, ok2 := number(ds[1], 1, 2)
	year, ok3 := number(ds[2], 2, 4)
	if !ok1 || !ok2 || !ok3 || len(ds[2]) == 3 {
		return time.Time{}, false
	}
	if len(ds[2]) == 2 {
		if year < 70 {
			year += 2000
		} else {
			year += 1900
		}
	}
	hour, minute, sec := 0, 0, 0
	if t := strings.TrimSpace(timePart); t != "" {
		var ok bool
		if hour, minute, sec, ok = parseClock(t); !ok {
			return time.Time{}, false
		}
	}
	t := time.Date(year, time.Month(month), day, hour, minute, sec, 0, time.UTC)
	if t.Year() != year || int(t.Month()) != month || t.Day() != day {
		return time.Time{}, false // 2/30/2024
	}
	return t, true
}

// parseClock reads H:MM, H:MM:SS, optionally followed (with or without a space) by AM
// or PM (also a.m./p.m.).
func parseClock(s string) (hour, minute, sec int, ok bool) {
	lower := strings.ToLower(s)
	half := ""
	for _, suffix := range []string{"a.m.", "p.m.", "am", "pm", "a", "p"} {
		if strings.HasSuffix(lower, suffix) {
			half = suffix[:1]
			lower = strings.TrimSpace(strings.TrimSuffix(lower, suffix))
			break
		}
	}
	parts, n := split3(lower, ":")
	if n < 2 || n > 3 {
		return 0, 0, 0, false
	}
	var okH, okM, okS bool
	hour, okH = number(parts[0], 1, 2)
	minute, okM = number(parts[1], 2, 2)
	okS = true
	if n == 3 {
		sec, okS = number(parts[2], 2, 2)
	}
	if !okH || !okM || !okS || minute > 59 || sec > 59 {
		return 0, 0, 0, false
	}
	switch half {
	case "":
		if hour > 23 {
			return 0, 0, 0, false
		}
	default:
		if hour < 1 || hour > 12 {
			return 0, 0, 0, false
		}
		hour %= 12
		if half == "p" {
			hour += 12
		}
	}
	return hour, minute, sec, true
}

// split3 is strings.Split(s, sep) for at most three parts, without allocating (a
// form's file has a date on every row): n is how many parts Split gives, 4 for any
// number over three.
func split3(s, sep string) (parts [3]string, n int) {
	for n = 0; n < 3; n++ {
		before, after, found := strings.Cut(s, sep)
		parts[n] = before
		if !found {
			return parts, n + 1
		}
		s = after
	}
	return parts, 4
}

// number reads an unsigned decimal of minDigits to maxDigits ASCII digits.
func number(s string, minDigits, maxDigits int) (int, bool) {
	if len(s) < minDigits || len(s) > maxDigits {
		return 0, false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
	}
	n, err := strconv.Atoi(s)
	return n, err == nil
}

// SplitList splits a list cell — NationBuilder's tag_list and Action Network's
// can2_user_tags ("a, b,c"), or a ';'-separated list — into its items, trimmed, with
// empty items dropped and the order kept. Duplicates are kept.
func SplitList(s string) []string {
	var out []string
	for _, item := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' }) {
		if item = strings.TrimSpace(item); item != "" {
			out = append(out, item)
		}
	}
	return out
}

// CleanText tidies a cell: surrounding space goes (the trailing space of a
// spreadsheet's "$0.00 " money, for one), and so does the leading ' NationBuilder puts
// before phone numbers so spreadsheets keep them as text, and ChapterDesk's own export
// before a cell a spreadsheet would run as a formula ("'-Dash", "'=Eq": see
// reports.Neutralize) — only when a digit, '(' or one of the signs =, +, -, @ follows
// it, so "'Tis" and names keep theirs.
//
// The signs are those reports.Neutralize quotes, after spaces too ("' =1+1"), or a
// tab or carriage return: a quote left there would be the export's, not the lead's
// (TestNeutralizedCellsReadBack holds the two to each other).
func CleanText(s string) string {
	s = strings.TrimSpace(s)
	if len(s) >= 2 && s[0] == '\'' {
		r, _ := utf8.DecodeRuneInString(s[1:])
		if r != '\t' && r != '\r' {
			r, _ = utf8.DecodeRuneInString(strings.TrimLeftFunc(s[1:], unicode.IsSpace))
		}
		if r >= '0' && r <= '9' || r == '(' || r == '\t' || r == '\r' || strings.ContainsRune(formulaSigns, r) {
			s = strings.TrimSpace(s[1:])
		}
	}
	return s
}

// Formula reports whether s is a spreadsheet formula calling a function, as a cell
// exported from a sheet may hold ("=HYPERLINK(\"http://…\",\"x\")", "@SUM(A1)",
// "+CONCAT(B2,C2)"): a sign, a function's name, its parenthesis. No name is one (a
// name cell holding one was stored as the first name "=HYPERLINK", tester t8), and a
// phone ("+1 (617) 555-0100") is none.
func Formula(s string) bool {
	if len(s) < 3 || !strings.ContainsRune("=+-@", rune(s[0])) {
		return false
	}
	rest := strings.TrimLeft(s[1:], " ")
	if rest == "" || !unicode.IsLetter(rune(rest[0])) {
		return false
	}
	i := strings.IndexFunc(rest, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_' && r != '.' })
	return i > 0 && strings.HasPrefix(strings.TrimLeft(rest[i:], " "), "(")
}

// FormulaStart reports whether s, trimmed, begins as a spreadsheet formula does: with
// one of the signs (=, +, -, @, or their full-width and small forms), a tab or a
// carriage return, as "=1+1", "=A2", "-1st Middlesex" and "＝A1" do. A legislator's
// name or district never does (tester t11); a volunteer's note or a phone may.
func FormulaStart(s string) bool {
	r, _ := utf8.DecodeRuneInString(strings.TrimLeft(s, " "))
	return r == '\t' || r == '\r' || strings.ContainsRune(formulaSigns, r)
}

// formulaSigns start a formula in a spreadsheet: ASCII, full-width and small forms
// (East Asian locales and LibreOffice's autocorrection read them as the ASCII ones).
const formulaSigns = "=+-@\uFF1D\uFF0B\uFF0D\uFF20\uFE66\uFE62\uFE63\uFE6B"

// fold makes an answer comparable: lowercase, accents dropped, apostrophes removed
// ("couldn't" is "couldnt"), every other run of non-letters and non-digits one space.
func fold(s string) string {
	if f, ok := foldASCII(s); ok {
		return f
	}
	return foldRunes(s)
}

// foldASCII is fold for text of ASCII characters only (every answer a report form
// offers), without the look-ups for accented letters; ok is false for any other
// text. Profiled on a million-row report form, fold was 1.2 s of the reading
// goroutine's 2.8 s, two thirds of it in the table of accented letters.
func foldASCII(s string) (string, bool) {
	b := make([]byte, 0, len(s))
	space := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 0x80:
			return "", false
		case 'A' <= c && c <= 'Z':
			b, space = append(b, c+'a'-'A'), false
		case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
			b, space = append(b, c), false
		case c == '\'' || c == '`':
			// dropped
		case !space:
			b, space = append(b, ' '), true
		}
	}
	if n := len(b); n > 0 && b[n-1] == ' ' {
		b = b[:n-1]
	}
	return string(b), true
}

// foldRunes is fold for any text.
func foldRunes(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := true
	plain := plain()
	for _, r := range s {
		r = unicode.ToLower(r)
		if f, ok := plain[r]; ok {
			r = f
		}
		switch {
		case r == '\'' || r == '’' || r == '‘' || r == '`' || r == 'ʼ' || unicode.Is(unicode.Mn, r):
			// dropped
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
			space = false
		default:
			if !space {
				b.WriteByte(' ')
				space = true
			}
		}
	}
	return strings.TrimSuffix(b.String(), " ")
}

// plain maps the accented Latin letters of the languages chapters work in (Spanish,
// Portuguese, French, Haitian Creole, Vietnamese, ...) to their base letter.
var plain = sync.OnceValue(func() map[rune]rune {
	m := map[rune]rune{}
	for base, accented := range map[rune]string{
		'a': "àáâãäåāăąạảấầẩẫậắằẳẵặǎ",
		'c': "çćĉċč",
		'd': "ďđ",
		'e': "èéêëēĕėęěẹẻẽếềểễệ",
		'g': "ĝğġģ",
		'h': "ĥħ",
		'i': "ìíîïĩīĭįıỉịǐ",
		'j': "ĵ",
		'k': "ķ",
		'l': "ĺļľŀł",
		'n': "ñńņňŉ",
		'o': "òóôõöøōŏőơọỏốồổỗộớờởỡợǒ",
		'r': "ŕŗř",
		's': "śŝşšș",
		't': "ţťŧț",
		'u': "ùúûüũūŭůűųưụủứừửữựǔ",
		'w': "ŵ",
		'y': "ýÿŷỳỵỷỹ",
		'z': "źżž",
	} {
		for _, r := range accented {
			m[r] = base
		}
	}
	return m
})

// vocab maps folded answers to codes.
type vocab map[string]string

func (v vocab) add(code string, answers ...string) vocab {
	v[fold(code)] = code
	for _, a := range answers {
		v[fold(a)] = code
	}
	return v
}

var outcomes = sync.OnceValue(func() vocab {
	v := vocab{}
	legislator := []string{"the legislator", "legislator", "the senator", "senator", "the representative",
		"representative", "the rep", "rep", "my rep", "my senator", "my representative", "my legislator"}
	staff := []string{"staff", "the staff", "a staffer", "staffer", "a staff member", "staff member",
		"an aide", "aide", "the aide", "a legislative aide", "an intern", "intern", "the office", "someone in the office"}
	var toLegislator, toStaff []string
	for _, verb := range []string{"spoke with", "spoke to", "talked to", "talked with", "spoke", "talked", "reached"} {
		for _, o := range legislator {
			toLegislator = append(toLegislator, verb+" "+o)
		}
		for _, o := range staff {
			toStaff = append(toStaff, verb+" "+o)
		}
	}
	// Spanish and Portuguese, the form's other versions: its answers (the call
	// sheets' words, reports/labels.go) and the first person a caller writes.
	esLegislator := []string{"el legislador", "la legisladora", "el la legislador a", "el senador", "la senadora",
		"el representante", "la representante", "legislador", "senador", "representante"}
	esStaff := []string{"personal", "su personal", "el personal", "un asesor", "una asesora", "asesor", "asesora",
		"un ayudante", "la oficina", "alguien de la oficina"}
	ptLegislator := []string{"o legislador", "a legisladora", "o a legislador a", "o deputado", "a deputada",
		"o senador", "a senadora", "legislador", "deputado", "senador"}
	ptStaff := []string{"assessor", "o assessor", "a assessora", "um assessor", "uma assessora", "a equipe", "equipe",
		"o gabinete", "alguem do gabinete"}
	for _, verb := range []string{"hable con", "hablo con", "hablamos con"} {
		for _, o := range esLegislator {
			toLegislator = append(toLegislator, verb+" "+o)
		}
		for _, o := range esStaff {
			toStaff = append(toStaff, verb+" "+o)
		}
	}
	for _, verb := range []string{"falei com", "falou com", "falamos com"} {
		for _, o := range ptLegislator {
			toLegislator = append(toLegislator, verb+" "+o)
		}
		for _, o := range ptStaff {
			toStaff = append(toStaff, verb+" "+o)
		}
	}
	v.add("spoke_legislator", toLegislator...)
	v.add("spoke_staff", toStaff...)
	v.add("left_voicemail", "deje mensaje", "deje un mensaje", "deje un mensaje de voz", "dejo un mensaje de voz",
		"dejo mensaje", "deje recado", "buzon de voz", "deixei recado", "deixou recado", "deixei mensagem",
		"deixei uma mensagem", "deixei mensagem de voz", "caixa postal")
	v.add("voicemail_full", "buzon lleno", "buzon de voz lleno", "no pude dejar mensaje", "caixa postal cheia",
		"nao consegui deixar recado")
	v.add("busy", "ocupado", "linea ocupada", "estaba ocupado", "linha ocupada", "estava ocupado")
	v.add("no_answer", "no contestaron", "nadie contesto", "no contesto nadie", "no respondieron",
		"ninguem atendeu", "nao atenderam", "ninguem respondeu")
	v.add("wrong_number", "numero equivocado", "numero incorrecto", "numero errado", "numero desligado")
	v.add("left_voicemail", "Left a voicemail", "left voicemail", "left a voice mail", "left voice mail",
		"left a message", "left message", "voicemail", "voice mail", "left vm", "vm")
	v.add("voicemail_full", "Mailbox full / couldn't leave a message", "voicemail full", "voice mail full",
		"mailbox full", "mailbox was full", "voicemail box full", "voicemail box was full", "voicemail was full",
		"full mailbox", "full voicemail", "couldn't leave a message", "could not leave a message",
		"couldn't leave a voicemail", "could not leave a voicemail")
	v.add("busy", "line busy", "line was busy", "busy signal", "got a busy signal", "busy tone")
	v.add("no_answer", "No one answered", "no answer", "nobody answered", "noone answered",
		"no one picked up", "nobody picked up", "didn't answer", "did not answer", "no response", "rang out")
	v.add("wrong_number", "wrong number", "wrong #", "number disconnected", "disconnected",
		"not in service", "number not in service")
	return v
})

// notCalls are answers the call form offers for a call that was not made.
var notCalls = vocab{}.add("not_a_call", "Emailed instead", "emailed", "sent an email", "email instead",
	"didn't call", "did not call",
	"envie un correo", "envie un correo electronico", "envie un email", "correo en su lugar", "no llame",
	"mandei um e-mail", "mandei e-mail", "enviei um e-mail", "enviei e-mail", "e-mail em vez disso", "nao liguei")

var stances = vocab{}.
	add("sponsor", "lead sponsor", "already a sponsor", "is the sponsor", "sponsored it", "filed the bill").
	add("cosponsor", "Already a cosponsor", "co-sponsor", "co sponsor", "already cosponsor",
		"already a co-sponsor", "is a cosponsor", "cosponsored", "cosponsored it", "co-sponsored").
	// "Will cosponsor" is a promise, support heard: only the official record makes
	// a cosponsor (see db.CallReport.WhipStance), and "cosponsor" heard moves nothing.
	add("yes", "Supports it", "supports", "support", "supportive", "supports the bill", "in favor", "in favour",
		"for it", "for", "will vote yes", "yes vote", "pro", "strongly supports", "strongly support",
		"fully supports", "hard yes", "y", "yep", "yeah", "will cosponsor", "will co-sponsor",
		"wants to cosponsor", "will sign on",
		// Spanish and Portuguese, the campaign's other languages
		"si", "apoya", "lo apoya", "a favor", "esta a favor", "favorable", "es favorable",
		"sim", "apoia", "e a favor", "favoravel", "e favoravel").
	// The call sheets' own words in Spanish and Portuguese (reports/labels.go).
	add("leaning_yes", "leaning yes", "lean yes", "leans yes", "leaning toward yes", "leaning towards yes",
		"leaning in favor", "leaning support", "probably yes", "likely yes", "leaning for", "soft yes",
		"se inclina por el si", "tende ao sim").
	// Undecided is an answer that says the legislator has not decided: it moves the
	// whip count (--update-stances). "No position" alone is refused (see
	// ambiguousStances); "no position yet" has not decided. "Will look into it" and
	// "Not sure" say no such thing: see nothingHeard.
	add("undecided", "still reviewing",
		"reviewing it", "reviewing", "on the fence", "not sure yet", "hasn't decided", "has not decided",
		"no position yet", "thinking about it",
		"indeciso", "indecisa", "indeciso a", "sin decidir", "no ha decidido", "nao decidiu").
	add("leaning_no", "leaning no", "lean no", "leans no", "leaning toward no", "leaning towards no",
		"leaning against", "probably no", "probably not", "likely no", "soft no",
		"se inclina por el no", "tende ao nao").
	add("no", "Opposes it", "opposes", "oppose", "opposed", "against", "against it", "opposes the bill",
		"will vote no", "no vote", "strongly opposes", "strongly oppose", "opposes strongly", "hard no",
		"won't support", "will not support", "n", "nope", "nah",
		// "No apoya", "não apoia" are "does not support": see ambiguousStances. A
		// refusal of the future is a No in every language, as "won't support" is.
		"no va a apoyar", "no lo va a apoyar", "no apoyara", "se opone", "en contra", "esta en contra",
		"contrario", "contraria",
		"nao", "nao vai apoiar", "se opoe", "contra", "e contra", "e contrario", "e contraria").
	// "Won't say" is "wouldn't say": the legislator kept their stance to themselves,
	// which moves no whip count. "Don't know" in the first person ("no sé", "não
	// sei") is the caller's: nothing heard. "Não sabe" is refused (see
	// ambiguousStances).
	add("unknown", "Didn't say", "did not say", "wouldn't say", "would not say", "won't say", "will not say",
		"unclear", "no comment", "didnt say", "no dijo", "nao disse").
	add("unknown", nothingHeardAnswers...)

// nothingHeardAnswers say nothing of the legislator's stance, though a lead may read
// one in them: "Will look into it" is a staffer's stock answer when taking a message
// (the call form offers it beside "Undecided"), and "not sure" or "don't know", in
// any of the campaign's languages, may be the caller's or the office's. Read as
// Didn't say, which moves no whip count — Undecided moved a counted supporter out of
// it — and listed by the import (NothingHeard), so the lead can write Undecided where
// the legislator said they have not decided.
var nothingHeardAnswers = []string{"Will look into it", "looking into it", "will look into", "will pass it on",
	"will pass the message on", "took a message", "not sure", "unsure", "don't know", "dont know",
	"no se", "no estoy seguro", "no estoy segura", "nao sei", "nao tenho certeza"}

var nothingHeard = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, a := range nothingHeardAnswers {
		m[fold(a)] = true
	}
	return m
})

// NothingHeard reports whether an answer to "what did they say about the bill" that
// ParseStance reads as Didn't say is one a lead may read a stance in (see
// nothingHeardAnswers): an import says how many it read so.
func NothingHeard(s string) bool {
	return nothingHeard()[fold(s)]
}

// ambiguousStances are answers that read as more than one stance: refused with why,
// never guessed (the lead writes the stance meant).
var ambiguousStances = map[string]string{
	"maybe":   "could be undecided or leaning either way",
	"talvez":  "could be undecided or leaning either way",
	"quizas":  "could be undecided or leaning either way",
	"tal vez": "could be undecided or leaning either way",
	// "Neutral" and "no position" are one answer: the legislator's (they take no
	// side: undecided) or the caller's (they heard none: Didn't say). Undecided
	// moves the whip count (--update-stances) and Didn't say does not, so neither
	// is guessed.
	"neutral":     "could be undecided (no position taken) or didn't say (no position heard)",
	"no position": "could be undecided (no position taken) or didn't say (no position heard)",
	// "They do not know", unlike the caller's "I don't know" (Didn't say).
	"nao sabe":                 "could be undecided (the legislator does not know yet) or didn't say (the caller does not know)",
	"doesnt know":              "could be undecided (the legislator does not know yet) or didn't say (the caller does not know)",
	"does not know":            "could be undecided (the legislator does not know yet) or didn't say (the caller does not know)",
	"not opposed":              "could be yes, leaning yes or undecided",
	"yes but":                  "a condition was heard: write Leaning yes or Undecided, and the condition in the notes",
	"yes with amendments":      "a condition was heard: write Leaning yes or Undecided, and the condition in the notes",
	"supports with amendments": "a condition was heard: write Leaning yes or Undecided, and the condition in the notes",
	// "Does not support" is said of a legislator against the bill and of one not
	// signed on yet ("does not support it at this time"): read as No, it would move
	// an undecided legislator to No without a word. So in every language: "no
	// apoya", "não apoia" were read as No while "does not support" was refused
	// (tester, s41). "Won't support" and "en contra" stay No.
	"doesnt support":   "could be no or not yet (undecided)",
	"does not support": "could be no or not yet (undecided)",
	"not supportive":   "could be no or not yet (undecided)",
	"no apoya":         "could be no or not yet (undecided)",
	"no lo apoya":      "could be no or not yet (undecided)",
	"no la apoya":      "could be no or not yet (undecided)",
	"nao apoia":        "could be no or not yet (undecided)",
	"nao o apoia":      "could be no or not yet (undecided)",
}

// noEmail are words typed in an email cell for none (besides notApplicable's).
var noEmail = vocab{}.add("", "no email", "no e-mail", "noemail", "no", "null", "unknown", "declined", "not given",
	"sin correo", "ninguno", "sem email", "sem e-mail", "nenhum")

// NoEmail reports whether a cell that is not empty says the person gave no email
// ("N/A", "none", "no email", "-"): no address, and no reason to refuse the row.
func NoEmail(s string) bool {
	if strings.TrimSpace(s) == "" {
		return false
	}
	f := fold(s)
	_, na := notApplicable[f]
	_, no := noEmail[f]
	return na || no
}

// notApplicable are answers meaning nothing was heard about the bill.
var notApplicable = vocab{}.add("", "N/A", "NA", "n.a.", "not applicable", "none", "nothing", "-", "--")

// ParseOutcome maps an answer to "what happened on the call" to an outcome code:
// spoke_legislator, spoke_staff, left_voicemail, voicemail_full, busy, no_answer or
// wrong_number. It reads the call form's answers ("Talked to staff", "Talked to the
// legislator", "Left a voicemail", "Mailbox full / couldn't leave a message", "No one
// answered"), the codes themselves, their labels ("Spoke with staff", "Voicemail
// full", "No answer") and common variants, ignoring case, accents and punctuation.
//
// "Emailed instead" (the form offers it) is not a call: ok is false, as for an empty
// or unknown answer; NotACall tells it apart.
func ParseOutcome(s string) (string, bool) {
	code, ok := outcomes()[fold(s)]
	return code, ok
}

// NotACall reports whether an answer to "what happened" says no call was made
// ("Emailed instead"): an importer skips such rows rather than calling them errors.
func NotACall(s string) bool {
	_, ok := notCalls[fold(s)]
	return ok
}

// ParseStance maps an answer to "what did they say about the bill" to a stance code:
// sponsor, cosponsor, yes, leaning_yes, undecided, leaning_no, no or unknown. It reads
// the call form's answers ("Supports it" yes, "Opposes it" no, "Undecided" undecided,
// "Will look into it" unknown (see NothingHeard), "Already a cosponsor" cosponsor,
// "Didn't say" unknown), the
// codes, their labels ("Leaning yes") and common variants, ignoring case, accents and
// punctuation. An empty answer, or "N/A", is ("", true): nothing was heard about the
// bill. Anything else is ("", false).
func ParseStance(s string) (string, bool) {
	f := fold(s)
	if f == "" {
		if code, ok := emojiStance(s); ok {
			return code, true
		}
		// An emoji or a sign not read above is an answer, not a blank: a thumbs up
		// read as no stance heard lost it without a word (tester t3, F11).
		return "", !hasSymbol(s) // empty, or only punctuation such as "-"
	}
	if _, ok := notApplicable[f]; ok {
		return "", true
	}
	code, ok := stances[f]
	return code, ok
}

// emojiStances are the stances a form's free-text answer gives as an emoji: a thumbs
// up or down, or a shrug (nothing said). Other emoji are not read (ParseStance).
var emojiStances = map[rune]string{'👍': "yes", '👎': "no", '🤷': "unknown"}

// emojiStance reads an answer that is one of emojiStances alone, or repeated, with
// any skin tone or gender sign ("👍🏽", "🤷‍♀️", "👍👍"); ok is false for any other
// text, and for two emoji of different stances ("👍👎").
func emojiStance(s string) (code string, ok bool) {
	for _, r := range s {
		switch {
		case unicode.IsSpace(r), r == '\u200d', r == '\ufe0f', r == '♀', r == '♂', '\U0001F3FB' <= r && r <= '\U0001F3FF':
			// a joiner, the emoji presentation selector, a gender sign or a skin tone
		case emojiStances[r] != "" && (code == "" || code == emojiStances[r]):
			code = emojiStances[r]
		default:
			return "", false
		}
	}
	return code, code != ""
}

// IsEmojiStance reports whether ParseStance read s from an emoji (emojiStance): an
// import says how many it read so.
func IsEmojiStance(s string) bool {
	_, ok := emojiStance(s)
	return ok && fold(s) == ""
}

// hasSymbol reports whether s holds more than spaces and punctuation: an emoji, a
// tick, a sign.
func hasSymbol(s string) bool {
	for _, r := range s {
		if !unicode.IsSpace(r) && !unicode.IsPunct(r) && !unicode.Is(unicode.Cf, r) && !unicode.Is(unicode.Mn, r) {
			return true
		}
	}
	return false
}

// StanceAmbiguity says why an answer ParseStance does not take reads as more than
// one stance ("Maybe", "Yes, but"), "" when it is simply not a stance it knows.
func StanceAmbiguity(s string) string {
	return ambiguousStances[fold(s)]
}

// ParseOffice maps an answer to "which office" to capitol, district or other:
// "State House (Boston)", "State House", "Boston office", "Capitol" are capitol;
// "District office", "local office", "District" are district; "Other", "Both" and
// "Not sure" are other (see BothOffices). The form's Spanish and Portuguese
// answers are read too (the call sheets' "Oficina en el Capitolio", "Oficina del
// distrito", "Gabinete no Capitólio", "Escritório no distrito", "Otra", "Outro").
// A call to the legislator's cell phone ("Cell phone", "Celular") reached neither
// office: other. An answer that says whose office was called but not which one
// ("Oficina", "State Senator", "Representante estatal", "Senador(a) estatal",
// "Deputado estadual": a form that asks which of the caller's two legislators) is
// other too, the office not said, as an answer left blank is; the legislator
// column says who. Case, accents and punctuation are ignored. An empty answer is
// ("", true): the form did not ask, and the importer uses its default. Anything
// else is ("", false).
func ParseOffice(s string) (string, bool) {
	code, _, ok := parseOffice(s)
	return code, ok
}

// BothOffices reports whether an answer to "which office" names both offices (the
// form's "Both", "State House and district office"): a report is one call, so
// ParseOffice reads it as other, and the importer says so.
func BothOffices(s string) bool {
	_, both, _ := parseOffice(s)
	return both
}

// officeWords are the words of an answer to "which office" that name one office
// (capitol, district) or say another line or whose office without saying which
// (other), in English, Spanish and Portuguese, folded.
var officeWords = sync.OnceValue(func() map[string]string {
	m := map[string]string{}
	for code, words := range map[string][]string{
		"capitol":  {"state house", "statehouse", "capitol", "boston", "capitolio", "casa estatal"},
		"district": {"district", "local", "distrito", "distrital"},
		// a cell phone is neither office; a title or "office" alone says whose
		// office, not which one
		"other": {"cell", "cell phone", "cellphone", "mobile", "celular", "movil", "telemovel",
			"office", "oficina", "despacho", "gabinete", "escritorio",
			"representative", "rep", "senator", "sen", "legislator", "representante", "senador", "senadora",
			"legislador", "legisladora", "deputado", "deputada", "diputado", "diputada"},
	} {
		for _, w := range words {
			m[w] = code
		}
	}
	return m
})

func parseOffice(s string) (code string, both, ok bool) {
	f := fold(s)
	switch f {
	case "":
		return "", false, true
	case "capitol", "district", "other":
		return f, false, true
	case "both", "both offices", "ambas", "ambos", "las dos", "los dos", "as duas", "os dois", "ambas oficinas",
		"ambos os gabinetes":
		return "other", true, true
	case "not sure", "unsure", "dont know", "unknown", "other office", "either",
		"otra", "otro", "otra oficina", "no se", "no estoy seguro", "no estoy segura",
		"outro", "outra", "outro gabinete", "nao sei", "nao tenho certeza":
		return "other", false, true
	}
	words := strings.Fields(f)
	found := map[string]bool{}
	for i := range words {
		for n := 1; n <= 2 && i+n <= len(words); n++ {
			if c, ok := officeWords()[strings.Join(words[i:i+n], " ")]; ok {
				found[c] = true
			}
		}
	}
	switch {
	case found["capitol"] && found["district"]:
		return "other", true, true
	case found["capitol"]:
		return "capitol", false, true
	case found["district"]:
		return "district", false, true
	case found["other"]:
		return "other", false, true
	}
	return "", false, false
}

// ParseChamber maps a chamber name to Open States' codes: "upper" for upper, Senate,
// "State Senate", Senator; "lower" for lower, House, "State House", "House of
// Representatives", Representative, Assembly, "House of Delegates". Case, accents and
// punctuation are ignored.
func ParseChamber(s string) (string, bool) {
	f := fold(s)
	switch f {
	case "upper", "senate", "state senate", "senator", "sen", "upper house", "upper chamber":
		return "upper", true
	case "lower", "house", "state house", "house of representatives", "representatives", "representative",
		"rep", "assembly", "state assembly", "house of delegates", "lower house", "lower chamber":
		return "lower", true
	}
	words := " " + f + " "
	senate := strings.Contains(words, " senate ")
	house := strings.Contains(words, " house ") || strings.Contains(words, " assembly ") ||
		strings.Contains(words, " representatives ") || strings.Contains(words, " delegates ")
	switch {
	case senate && !house:
		return "upper", true
	case house && !senate:
		return "lower", true
	}
	return "", false
}

// zeroStates are the states (and territories, and the military's Europe "state")
// whose zip codes start with 0, by code and by name as folded.
var zeroStates = map[string]bool{"ct": true, "connecticut": true, "ma": true, "massachusetts": true,
	"me": true, "maine": true, "nh": true, "new hampshire": true, "nj": true, "new jersey": true,
	"pr": true, "puerto rico": true, "ri": true, "rhode island": true, "vt": true, "vermont": true,
	"vi": true, "virgin islands": true, "us virgin islands": true, "u s virgin islands": true, "ae": true}

// puertoRico and virginIslands are the two territories whose zips start with 00
// (00601 to 00988: Puerto Rico's 006xx, 007xx and 009xx, the Virgin Islands' 008xx),
// by code and by name as folded.
var (
	puertoRico    = map[string]bool{"pr": true, "puerto rico": true}
	virginIslands = map[string]bool{"vi": true, "virgin islands": true, "us virgin islands": true, "u s virgin islands": true}
	newYork       = map[string]bool{"ny": true, "new york": true}
)

// usStates are the states, DC, the territories and the military "states" (AA, AE,
// AP), by code and by name as folded: a row naming one is a US address, whose zip has
// five digits.
var usStates = sync.OnceValue(func() map[string]string {
	m := map[string]string{}
	for _, s := range []string{"al alabama", "ak alaska", "az arizona", "ar arkansas", "ca california",
		"co colorado", "ct connecticut", "de delaware", "dc district of columbia", "fl florida", "ga georgia",
		"hi hawaii", "id idaho", "il illinois", "in indiana", "ia iowa", "ks kansas", "ky kentucky",
		"la louisiana", "me maine", "md maryland", "ma massachusetts", "mi michigan", "mn minnesota",
		"ms mississippi", "mo missouri", "mt montana", "ne nebraska", "nv nevada", "nh new hampshire",
		"nj new jersey", "nm new mexico", "ny new york", "nc north carolina", "nd north dakota", "oh ohio",
		"ok oklahoma", "or oregon", "pa pennsylvania", "ri rhode island", "sc south carolina",
		"sd south dakota", "tn tennessee", "tx texas", "ut utah", "vt vermont", "va virginia",
		"wa washington", "wv west virginia", "wi wisconsin", "wy wyoming", "pr puerto rico",
		"vi virgin islands", "gu guam", "as american samoa", "mp northern mariana islands",
		"aa armed forces americas", "ae armed forces europe", "ap armed forces pacific"} {
		code, name, _ := strings.Cut(s, " ")
		m[code], m[name] = strings.ToUpper(code), strings.ToUpper(code)
	}
	for name := range virginIslands {
		m[name] = "VI"
	}
	// The abbreviations newspapers and the Government Printing Office write (AP
	// style), with or without their periods: "Mass." is Massachusetts, whose zip
	// "2139" was stored so, its 0 not put back (tester t8).
	for _, s := range []string{"AL Ala.", "AZ Ariz.", "AR Ark.", "CA Calif. Cal.", "CO Colo.", "CT Conn.",
		"DE Del.", "DC D.C.", "FL Fla.", "IL Ill.", "IN Ind.", "KS Kan. Kans.", "MA Mass.", "MI Mich.",
		"MN Minn.", "MS Miss.", "MT Mont.", "NE Neb. Nebr.", "NV Nev.", "NH N.H.", "NJ N.J.", "NM N.M. N.Mex.",
		"NY N.Y.", "NC N.C.", "ND N.D. N.Dak.", "OK Okla.", "OR Ore. Oreg.", "PA Penn. Penna.", "RI R.I.",
		"SC S.C.", "SD S.D. S.Dak.", "TN Tenn.", "TX Tex.", "WA Wash.", "WV W.Va.", "WI Wis. Wisc.",
		"WY Wyo.", "PR P.R.", "VI V.I."} {
		code, forms, _ := strings.Cut(s, " ")
		for _, w := range strings.Fields(forms) {
			m[fold(w)], m[fold(strings.ReplaceAll(w, ".", ""))] = code, code
		}
	}
	return m
})

// StateCode is the two-letter code of a US state (DC, a territory, a military
// "state") written as its code, its name or its abbreviation in any case ("ma",
// "Massachusetts", "Mass.", "Puerto Rico", "U.S. Virgin Islands"), so that one state is stored one way and the
// roster sorts and filters by it; anything else (a province, a misspelling) is
// returned as typed, never guessed.
func StateCode(s string) string {
	if code, ok := KnownState(s); ok {
		return code
	}
	return s
}

// KnownState is StateCode's code for s and whether s names a US state (DC, a
// territory, a military "state") at all: "Mass" is, "Massachusets" or "Ontario" is not.
func KnownState(s string) (string, bool) {
	code := usStates()[fold(s)]
	return code, code != ""
}

// usCountries are the ways a row names the United States, as folded.
var usCountries = map[string]bool{"us": true, "usa": true, "u s": true, "u s a": true, "united states": true,
	"united states of america": true, "america": true}

// ZipCheck is what FixZip made of a zip code.
type ZipCheck int

const (
	ZipAsIs   ZipCheck = iota // nothing to put back: left as it is
	ZipPadded                 // a US zip of 3 or 4 digits, read with its leading zeros put back
	// ZipNotAZip: a zip of 3 or 4 digits in a US row that no zeros put back make a
	// zip of the row's state ("601" in MA, "9021" in CA). Stored as it stands it
	// would be taken for a zip; it is not stored, and listed.
	ZipNotAZip
)

// MadeUpZip says why a zip is a placeholder no one lives at ("00000", "00000-0000"),
// "" for any other: stored, it would be taken for the person's zip.
func MadeUpZip(zip string) string {
	z := strings.Map(func(r rune) rune {
		if r == '-' || r == ' ' {
			return -1
		}
		return r
	}, strings.TrimSpace(zip))
	if (len(z) == 5 || len(z) == 9) && strings.Trim(z, "0") == "" {
		return "a placeholder, no one's zip (US zips start at 00501)"
	}
	return ""
}

// MadeUpPhone says why a phone number is one typed to fill a form ("555-555-5555",
// "(222) 222-2222", "000-000-0000": one digit ten times), "" for any other: stored, it
// would be called as the person's. A North American leading 1 and an extension are
// read past.
func MadeUpPhone(phone string) string {
	p := strings.TrimSpace(phone)
	if i := strings.IndexAny(strings.ToLower(p), "x#e"); i > 0 { // "555-555-5555 x3", "ext. 3"
		p = p[:i]
	}
	// Read on every row of a roster: the digits are compared, not collected.
	d := digitCount(p)
	if d != 10 && d != 11 {
		return ""
	}
	leadingOne := d == 11
	var first byte
	seen := 0
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case c < '0' || c > '9':
		case leadingOne:
			if c != '1' {
				return ""
			}
			leadingOne = false
		case seen == 0:
			first, seen = c, 1
		case c != first:
			return ""
		default:
			seen++
		}
	}
	return fmt.Sprintf("a made-up number (the digit %c ten times), no one's phone", first)
}

// digitCount is how many ASCII digits s holds.
func digitCount(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if '0' <= s[i] && s[i] <= '9' {
			n++
		}
	}
	return n
}

// FixZip puts back the leading zeros a spreadsheet strips from a zip code it takes
// for a number, and tells a US row's zip that is none. No US zip has three or four
// digits, so:
//   - a 4-digit zip ("2134", or "2134-1234" with its +4) of a US row is a zip
//     starting with 0, of a state whose zips do (MA, NH, CT, RI, VT, ME, NJ, PR);
//   - a 3-digit zip ("601") is one starting with 00: Puerto Rico's (00601 to 00988,
//     but 008xx) or the Virgin Islands' (008xx).
//
// It is read with the zeros put back (ZipPadded) when the row's state is one whose
// zips start so, or the row names no state and no country but the US: a chapter's own
// sheet often has a zip column and no state, and its "2134" is Boston's 02134, its
// "727" Caguas' 00727 (the import lists every zip padded). In a row of another US
// state, or a 3-digit zip no state has, it is no zip at all (ZipNotAZip): listed, not
// stored as if it were one. So is any other zip of a US row that is not 5 digits, ZIP+4
// ("02134-1234", "02134 1234") or 9 digits ("021341234"): "12", "021345", "0213412345",
// "O2134" with a letter O. Many other countries' postcodes have four digits (Sydney's
// "2000"), or three once a spreadsheet drops their 0 (Darwin's "0800"), or letters
// ("SW1A 1AA"): a row of another country, or of a state that is not a US one, keeps
// its zip (ZipAsIs).
func FixZip(zip, state, country string) (string, ZipCheck) {
	z := strings.TrimSpace(zip)
	if z == "" {
		return zip, ZipAsIs
	}
	// A spreadsheet that took the zip for a number may write it as one, "2139.0":
	// that is the zip 2139, whatever follows.
	if d, ok := strings.CutSuffix(z, ".0"); ok && len(d) >= 3 && len(d) <= 5 && strings.Trim(d, "0123456789") == "" {
		z, zip = d, d
	}
	c, st := fold(country), fold(state)
	if c != "" && !usCountries[c] || st != "" && usStates()[st] == "" {
		return zip, ZipAsIs
	}
	st = strings.ToLower(usStates()[st]) // one state one way: "Mass." is "ma"
	five, rest := z, ""
	if i := strings.IndexAny(z, "- "); i >= 0 {
		five, rest = z[:i], z[i:]
	}
	digits := func(s string) bool { return strings.Trim(s, "0123456789") == "" }
	switch {
	case !digits(five) || rest != "" && (len(rest) != 5 || !digits(rest[1:])):
		return zip, ZipNotAZip // letters, or something after the zip that is no +4
	case len(five) == 5 || len(five) == 9 && rest == "":
		return zip, ZipAsIs
	case len(five) != 3 && len(five) != 4:
		return zip, ZipNotAZip
	}
	if len(five) == 4 {
		if st != "" && !zeroStates[st] {
			return zip, ZipNotAZip
		}
		return "0" + five + rest, ZipPadded
	}
	var territory map[string]bool
	switch five[0] {
	case '5':
		// 00501 and 00544 are Holtsville, NY's (the IRS): read so only in a row that
		// says New York, as no one else's "5xx" is one.
		if st == "" {
			return zip, ZipNotAZip
		}
		territory = newYork
	case '6', '7', '9':
		territory = puertoRico
	case '8':
		territory = virginIslands
	default:
		return zip, ZipNotAZip // 00001 to 00499: no zip a volunteer lives at
	}
	if st != "" && !territory[st] {
		return zip, ZipNotAZip
	}
	return "00" + five + rest, ZipPadded
}

// ToTheMinute reports whether a date and time is written with its hours and minutes
// but not its seconds ("6/2/2025 10:00", "2025-06-02T10:00Z"), as a spreadsheet
// writes a form's timestamp once re-saved: the time then stands for the whole minute.
// A date alone has no clock, and is not.
func ToTheMinute(s string) bool {
	i := strings.IndexByte(s, ':')
	if i < 0 || len(s) < i+3 {
		return false
	}
	return len(s) == i+3 || s[i+3] != ':'
}

// HoldsValue reports whether an export's cell says something of its person: not
// empty, and not what an export writes in every row of a column for nothing
// (NationBuilder's FALSE and "$0.00 ", CiviCRM's 0 for a box not ticked, No), so that
// a column of those is not said to hold values an import leaves out. Most cells are
// told by their first byte: an import asks this of the columns it does not read.
func HoldsValue(cell string) bool {
	if cell == "" {
		return false
	}
	switch cell[0] {
	case ' ', '\t', '\'', '0', '$', '.', 'f', 'F', 'n', 'N':
	default:
		return true
	}
	switch cell { // as NationBuilder writes them, in every row
	case "FALSE", "0", "$0.00 ", "false", "$0.00", "No", "no":
		return false
	}
	s := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(cell), "'"))
	if s == "" || strings.EqualFold(s, "false") || strings.EqualFold(s, "no") {
		return false
	}
	s = strings.TrimPrefix(s, "$")
	return s != "" && strings.Trim(s, "0.,") != ""
}
