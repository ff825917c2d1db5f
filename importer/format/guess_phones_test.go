package format

import "testing"

// TestGuessPhoneHeaders: the usual spellings of a phone's kind in a sheet's header
// map ("Phone (cell)" and "Phone (home)" were "not read": the tester's vol_fullname.csv).
func TestGuessPhoneHeaders(t *testing.T) {
	for _, c := range []struct {
		header        []string
		phone, mobile string
	}{
		{[]string{"Name", "Email", "Phone (cell)", "Phone (home)"}, "Phone (home)", "Phone (cell)"},
		{[]string{"Name", "Cell phone", "Home phone"}, "Home phone", "Cell phone"},
		{[]string{"Name", "Mobile number", "Phone (work)"}, "Phone (work)", "Mobile number"},
		{[]string{"Name", "Phone (mobile)", "Work number"}, "Work number", "Phone (mobile)"},
		{[]string{"Name", "Cell", "Home number"}, "Home number", "Cell"},
	} {
		_, m, err := Guess(KindVolunteers, c.header)
		if err != nil {
			t.Errorf("%q: %v", c.header, err)
			continue
		}
		name := func(f Field) string {
			if i, ok := m.Columns[f]; ok {
				return c.header[i]
			}
			return ""
		}
		if name(Phone) != c.phone || name(Mobile) != c.mobile {
			t.Errorf("%q: phone from %q, mobile from %q; want %q and %q", c.header, name(Phone), name(Mobile), c.phone, c.mobile)
		}
	}
}
