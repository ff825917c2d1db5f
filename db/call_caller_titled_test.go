package db

import "testing"

// TestTitledName: which names callerNameKey splits for a title, degree or nickname,
// with no allocation (it looks at every row of a form).
func TestTitledName(t *testing.T) {
	for name, want := range map[string]bool{"Dr. Ana Silva": true, "DR Ana Silva": true, "Ana Silva PhD": true, "Ana Silva, Ph.D.": true,
		"Rev. José Núñez": true, `Robert "Bob" Jones`: true, "Thi Nguyen (Tina)": true, "Ana Silva": false, "Drake Silva": false,
		"Sam O'Brien Jr.": false, "Md Rahman": false, "Ana": false, "": false, "Professor Plum": false,
		// s48: a clergy title and a role after a dash are split off; a hyphen in a name is not
		"Father Tom Walsh": true, "Bishop Carl Moss": true, "Dan Smith - Team Lead": true, "Ana Ruiz – Organizer": true,
		"Mary Smith-Jones": false, "Amy Bishop": false} {
		if got := titledName(name); got != want {
			t.Errorf("%q: %v, want %v", name, got, want)
		}
	}
	if n := testing.AllocsPerRun(100, func() { titledName("Ana Silva") }); n != 0 {
		t.Errorf("%v allocations a name; want none", n)
	}
}
