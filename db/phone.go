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
	num, err := phonenumbers.Parse(t, DefaultRegion)
	if err != nil || !phonenumbers.IsPossibleNumber(num) {
		return "", fmt.Errorf("%q is not a phone number we can read; write it with its area code, like (617) 555-0100", text)
	}
	return phonenumbers.Format(num, phonenumbers.E164), nil
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
