package db

import (
	"fmt"
	"strings"

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
	unreadable := fmt.Errorf("%q is not a phone number we can read; write it with its area code, like (617) 555-0100", text)
	num, err := phonenumbers.Parse(t, DefaultRegion)
	if err != nil || !phonenumbers.IsPossibleNumber(num) {
		return "", unreadable
	}
	e164 := phonenumbers.Format(num, phonenumbers.E164)
	if len(e164) > 16 { // E.164 allows at most 15 digits
		return "", unreadable
	}
	// A stored number must read back as itself. Odd input ("+44 0 0...") can leave a
	// national prefix that a second reading strips; such a number is refused. A North
	// American number (+1, area code 2-9) always reads back, so it skips the check.
	if !(len(e164) == 12 && strings.HasPrefix(e164, "+1") && e164[2] >= '2') {
		again, err := phonenumbers.Parse(e164, DefaultRegion)
		if err != nil || phonenumbers.Format(again, phonenumbers.E164) != e164 {
			return "", unreadable
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
