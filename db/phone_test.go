package db_test

import (
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
)

func TestNormalizePhone(t *testing.T) {
	for in, want := range map[string]string{
		"(617) 555-0134":    "+16175550134",
		"'617-555-0134":     "+16175550134",
		"617.555.0134":      "+16175550134",
		"+1 617 555 0134":   "+16175550134",
		"1-617-555-0134":    "+16175550134",
		"6175550134":        "+16175550134",
		"617-555-0134 x12":  "+16175550134",
		"+44 20 7946 0958":  "+442079460958",
		"+55 11 91234-5678": "+5511912345678",
		// Excel's scientific notation holding every digit is the number (s41)
		"6.175550134E+09": "+16175550134",
		"  ":              "",
	} {
		got, err := db.NormalizePhone(in)
		if err != nil || got != want {
			t.Errorf("NormalizePhone(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	// No one's number, which the library finds possible: no area code, an area code
	// or exchange starting with 0 or 1.
	for _, bad := range []string{"555-0100", "000-000-0000", "(117) 555-0100", "(617) 155-0100", "+1 617 055 0100", "1-017-555-0100"} {
		if got, err := db.NormalizePhone(bad); err == nil {
			t.Errorf("NormalizePhone(%q) = %q, want an error", bad, got)
		}
	}
	for _, bad := range []string{"555-01", "call me", "12", "+", "617-555-01345678901"} {
		if got, err := db.NormalizePhone(bad); err == nil {
			t.Errorf("NormalizePhone(%q) = %q, want an error", bad, got)
		} else if !strings.Contains(err.Error(), "area code") {
			t.Errorf("message for %q does not say how to fix it: %v", bad, err)
		}
	}
	// Excel's scientific notation that lost digits says so, not "write the area
	// code" (s41)
	for _, bad := range []string{"6.17556E+09", "6,17556E+09", "1E+10"} {
		if _, err := db.NormalizePhone(bad); err == nil || !strings.Contains(err.Error(), "scientific notation, its last digits lost") {
			t.Errorf("NormalizePhone(%q): %v, want it said that Excel lost the digits", bad, err)
		}
	}
	if got := db.FormatPhone("+16175550134"); got != "(617) 555-0134" {
		t.Errorf("FormatPhone = %q", got)
	}
}

func FuzzNormalizePhone(f *testing.F) {
	for _, seed := range []string{"(617) 555-0134", "'617-555-0134", "+44 20 7946 0958", "", "x", "617-555-0134 ext. 9",
		"٦١٧٥٥٥٠١٣٤", "+1 (617) 555-0134\x00"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, in string) {
		e164, err := db.NormalizePhone(in)
		if err != nil || e164 == "" {
			return
		}
		if e164[0] != '+' || len(e164) > 16 {
			t.Errorf("NormalizePhone(%q) = %q is not E.164", in, e164)
		}
		// A normalized number normalizes to itself.
		if again, err := db.NormalizePhone(e164); err != nil || again != e164 {
			t.Errorf("NormalizePhone(%q) = %q, %v; want it unchanged", e164, again, err)
		}
	})
}

// FuzzNorthAmerican checks that the fast path for North American numbers reads every
// number it takes as the phonenumbers library does.
func FuzzNorthAmerican(f *testing.F) {
	for _, seed := range []string{"(617) 555-0134", "617.555.0134", "+1 617 555 0134", "1-617-555-0134", "6175550134",
		"16175550134", "+6175550134", "1175550134", "(011) 555-0134", "617 555 0134 ", "+1-800-555-0199", "2125550100"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, in string) {
		fast, ok := db.NorthAmerican(in)
		if !ok {
			return
		}
		slow, err := db.PhoneByLibrary(in)
		if err != nil || slow != fast {
			t.Errorf("%q: fast path %q, library %q, %v", in, fast, slow, err)
		}
	})
}
