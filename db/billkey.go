package db

import (
	"strings"
	"unicode"
)

// BillKey normalizes a bill number so the ways people and legislatures write it
// compare equal: "S.1305", "S 1305" and "s1305" are S1305; "S.B. 354" and "SB 354"
// are SB354; leading zeros of the number go ("HB 0012" is HB12). Only letters and
// digits are kept, upper case. Words are not translated: "Senate Bill 354" is not
// taken for SB 354 (Massachusetts writes that bill S 354), so such a number is
// simply not found. A text without a digit gives "".
func BillKey(s string) string {
	var b strings.Builder
	digits := false
	for _, r := range strings.ToUpper(s) {
		switch {
		case r >= '0' && r <= '9':
			if r == '0' && !digits {
				continue // a leading zero of the number
			}
			digits = true
			b.WriteRune(r)
		case unicode.IsLetter(r) && r < 0x80:
			if digits {
				// A letter after the number ("H 4000A") is part of it; a later
				// number starts anew.
				b.WriteRune(r)
				continue
			}
			b.WriteRune(r)
		}
	}
	key := b.String()
	if !strings.ContainsAny(key, "123456789") {
		return ""
	}
	return key
}

// billPrefix is the letters before a bill key's number ("HD" of HD2885).
func billPrefix(key string) string {
	if i := strings.IndexAny(key, "0123456789"); i >= 0 {
		return key[:i]
	}
	return key
}

// isDocket reports whether a bill key of a state is a docket number: Massachusetts
// files a proposal as HD/SD nnnn before it gets its bill number.
func isDocket(state, key string) bool {
	if !strings.EqualFold(state, "MA") || key == "" {
		return false
	}
	p := billPrefix(key)
	return p == "HD" || p == "SD"
}
