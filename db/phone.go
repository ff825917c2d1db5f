package db

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/nyaruka/phonenumbers"
)

// DefaultRegion is the region assumed for phone numbers written without a country
// code; ChapterDesk's first campaigns are in US states.
const DefaultRegion = "US"

// NormalizePhone reads a phone number as a person or an export wrote it ("(617)
// 555-0100", "'+1 617.555.0100", "617-555-0100 x12") and returns it in E.164
// ("+16175550100"). Empty text gives "" and no error.
func NormalizePhone(text string) (string, error) {
	t := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(text), "'"))
	if t == "" {
		return "", nil
	}
	if e164, ok := northAmerican(t); ok {
		return e164, nil
	}
	if m := scientificRe().FindStringSubmatch(t); m != nil {
		// Scientific notation holding every digit ("6.175550134E+09") is the number
		// itself; one with fewer digits than the number has lost the rest, and "write
		// the area code" would send the lead to a number that had one before Excel
		// rounded it (tester, s41).
		digits := m[1] + m[2]
		exp, _ := strconv.Atoi(m[3])
		if len(m[1]) != 1 || len(digits) > exp+1 {
			return parsePhone(text, t)
		}
		if len(digits) < exp+1 {
			return "", fmt.Errorf("%q is a number Excel wrote in scientific notation, its last digits lost: format the column as text in the spreadsheet it came from and save the file again (or type the number in full)", text)
		}
		return NormalizePhone(digits)
	}
	return parsePhone(text, t)
}

// scientificRe matches a number as a spreadsheet writes a long one it took for a
// quantity: "6.17556E+09", "6,17556E+09", "1E+10". The digits past the shown ones
// are gone.
var scientificRe = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(\d+)(?:[.,](\d+))?[eE]\+?(\d+)$`) })

// northAmerican reads a number written the way nearly every number in a US roster
// is: ten digits, or a 1 and ten, the area code 2-9, with spaces, dashes, dots or
// parentheses between them and maybe a leading +1. For these the phonenumbers
// parser (parsePhone) gives the same E.164 number, at ten times the cost of this
// loop over the bytes; FuzzNorthAmerican compares the two.
func northAmerican(t string) (string, bool) {
	// The library refuses a text longer than 250 bytes however it is spaced (its
	// MAX_INPUT_STRING_LENGTH); so does the fast path, to read exactly as it does.
	if len(t) > 250 {
		return "", false
	}
	var digits [11]byte
	n := 0
	for i := 0; i < len(t); i++ {
		switch c := t[i]; {
		case '0' <= c && c <= '9':
			if n == len(digits) {
				return "", false
			}
			digits[n] = c
			n++
		case c == '+' && i == 0:
		case c == ' ' || c == '-' || c == '.' || c == '(' || c == ')':
		default:
			return "", false
		}
	}
	var national []byte
	switch {
	case n == 11 && digits[0] == '1':
		national = digits[1:11]
	case n == 10 && t[0] != '+': // "+617..." would be country 61
		national = digits[:10]
	default:
		return "", false
	}
	if national[0] < '2' || national[3] < '2' {
		return "", false // parsePhone says why
	}
	return "+1" + string(national), true
}

// parsePhone reads any number with the phonenumbers library; t is text trimmed.
func parsePhone(text, t string) (string, error) {
	unreadable := func() error {
		return fmt.Errorf("%q is not a phone number we can read; write it with its area code, like (617) 555-0100", text)
	}
	num, err := phonenumbers.Parse(t, DefaultRegion)
	// A number possible only where it is local ("555-0100", no area code) is not one
	// a phone bank can dial from elsewhere: stored, it read "+15550100".
	if err != nil || phonenumbers.IsPossibleNumberWithReason(num) != phonenumbers.IS_POSSIBLE {
		return "", unreadable()
	}
	// A North American area code or exchange never starts with 0 or 1: "000-000-0000"
	// and "(117) 555-0100" are no one's number.
	if nat := phonenumbers.GetNationalSignificantNumber(num); num.GetCountryCode() == 1 &&
		(len(nat) != 10 || nat[0] < '2' || nat[3] < '2') {
		return "", fmt.Errorf("%q is not a North American phone number: its area code and exchange (the first three digits of each) never start with 0 or 1", text)
	}
	e164 := phonenumbers.Format(num, phonenumbers.E164)
	if len(e164) > 16 { // E.164 allows at most 15 digits
		return "", unreadable()
	}
	// A stored number must read back as itself. Odd input ("+44 0 0...") can leave a
	// national prefix that a second reading strips; such a number is refused. A North
	// American number (+1, area code 2-9) always reads back, so it skips the check.
	if !(len(e164) == 12 && strings.HasPrefix(e164, "+1") && e164[2] >= '2') {
		again, err := phonenumbers.Parse(e164, DefaultRegion)
		if err != nil || phonenumbers.Format(again, phonenumbers.E164) != e164 {
			return "", unreadable()
		}
	}
	return e164, nil
}

// FormatPhone writes an E.164 number the way people in its region read it
// ("+16175550100" becomes "(617) 555-0100"; other countries keep their +code).
func FormatPhone(e164 string) string {
	if e164 == "" {
		return ""
	}
	num, err := phonenumbers.Parse(e164, DefaultRegion)
	if err != nil {
		return e164
	}
	if phonenumbers.GetRegionCodeForNumber(num) == DefaultRegion {
		return phonenumbers.Format(num, phonenumbers.NATIONAL)
	}
	return phonenumbers.Format(num, phonenumbers.INTERNATIONAL)
}
