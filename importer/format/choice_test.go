package format

import (
	"maps"
	"strings"
	"testing"
)

func TestParseChoice(t *testing.T) {
	t.Run("reads field=header pairs separated by commas", func(t *testing.T) {
		got, err := ParseChoice("first_name=First, last_name = Surname ,email=E-mail")
		want := map[Field]string{FirstName: "First", LastName: "Surname", Email: "E-mail"}
		if err != nil || !maps.Equal(got, want) {
			t.Errorf("%v %v", got, err)
		}
	})
	t.Run("keeps a comma inside a header name", func(t *testing.T) {
		got, err := ParseChoice("stance_heard=If you spoke with them, what did they say?,call_notes=Notes")
		if err != nil || got[StanceHeard] != "If you spoke with them, what did they say?" || got[CallNotes] != "Notes" {
			t.Errorf("%v %v", got, err)
		}
	})
	t.Run("passes unknown field names on for Custom to name", func(t *testing.T) {
		got, err := ParseChoice("frist_name=First")
		if err != nil || got["frist_name"] != "First" {
			t.Errorf("%v %v", got, err)
		}
	})
	t.Run("refuses a pair without = and a field given twice", func(t *testing.T) {
		for _, s := range []string{"First", "=First", "email=A,email=B"} {
			if _, err := ParseChoice(s); err == nil {
				t.Errorf("%q accepted", s)
			}
		}
	})
}

func TestSameHeader(t *testing.T) {
	a := []string{"Date of call", "Who did you ring?", "How did it go"}
	for _, b := range [][]string{
		{"How did it go", "date_of_call", "WHO DID YOU RING?"},
		{"\ufeffDate of Call", " Who did you ring? ", "How-did-it-go", ""},
	} {
		if !SameHeader(a, b) {
			t.Errorf("%q and %q differ", a, b)
		}
	}
	for _, b := range [][]string{{"Date of call", "Who did you ring?"}, {"Date of call", "Who did you ring?", "How did it go", "Notes"}, nil} {
		if SameHeader(a, b) {
			t.Errorf("%q and %q are the same", a, b)
		}
	}
}

// FuzzParseChoice: ParseChoice never panics, and every pair it returns was in the
// input.
func FuzzParseChoice(f *testing.F) {
	f.Add("first_name=First,last_name=Surname,email=E-mail")
	f.Add("stance_heard=If you spoke with them, what did they say?,call_notes=Notes")
	f.Add(",=,a=b=c,,")
	f.Fuzz(func(t *testing.T, s string) {
		choice, err := ParseChoice(s)
		if err != nil {
			return
		}
		for f, h := range choice {
			if !strings.Contains(s, h) || !strings.Contains(strings.ToLower(s), string(f)) {
				t.Errorf("%q=%q not in %q", f, h, s)
			}
		}
	})
}
