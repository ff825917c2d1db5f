package db

import (
	"database/sql/driver"
	"strings"
	"unicode"

	"modernc.org/sqlite"
)

// wordMatchFunc is the SQL function that checks one more typed word against a
// volunteer's fields: wordmatch(word, name_key, email, phone, mobile, zip, city).
const wordMatchFunc = "chapterdesk_wordmatch"

func init() {
	sqlite.MustRegisterDeterministicScalarFunction(wordMatchFunc, 7, wordMatchSQL)
}

// registerFuncs gives a driver of its own (the guarded one) the store's SQL functions.
func registerFuncs(d *sqlite.Driver) {
	if err := d.RegisterDeterministicScalarFunction(wordMatchFunc, 7, wordMatchSQL); err != nil {
		panic(err)
	}
}

func wordMatchSQL(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
	s := make([]string, len(args))
	for i, a := range args {
		switch a := a.(type) {
		case string:
			s[i] = a
		case []byte:
			s[i] = string(a)
		}
	}
	if wordMatches(s[0], s[1], s[2], s[3], s[4], s[5], s[6]) {
		return int64(1), nil
	}
	return int64(0), nil
}

// wordMatches reports whether the typed word starts a word of the folded name, of the
// city (accents and case folded), or starts the email, the zip or a phone number.
func wordMatches(word, nameKey, email, phone, mobile, zip, city string) bool {
	w := fold(word)
	if w == "" {
		return true
	}
	if startsAWord(nameKey, w) || startsAWord(fold(city), w) || strings.HasPrefix(fold(email), w) {
		return true
	}
	if digits, ok := phoneish(word); ok {
		if strings.HasPrefix(zip, digits) {
			return true
		}
		if len(digits) >= 3 {
			p := phonePrefix(word, digits)
			if (phone != "" && strings.HasPrefix(phone, p)) || (mobile != "" && strings.HasPrefix(mobile, p)) {
				return true
			}
		}
	}
	return false
}

// startsAWord reports whether p (folded) starts one of the words of folded text s;
// hyphens and apostrophes part words ("garcia-lopez", "o'brien").
func startsAWord(s, p string) bool {
	if strings.HasPrefix(s, p) {
		return true
	}
	for i, r := range s {
		if i > 0 && !unicode.IsLetter(r) && !unicode.IsDigit(r) && strings.HasPrefix(s[i+len(string(r)):], p) {
			return true
		}
	}
	return false
}
