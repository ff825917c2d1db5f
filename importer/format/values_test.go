package format

import (
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestParseBool(t *testing.T) {
	cases := []struct {
		in        string
		value, ok bool
	}{
		{"TRUE", true, true}, {"FALSE", false, true}, {"true", true, true}, {"false", false, true},
		{"Yes", true, true}, {"no", false, true}, {"Y", true, true}, {"n", false, true},
		{"1", true, true}, {"0", false, true}, {"x", true, true}, {"X", true, true},
		{" TRUE ", true, true}, {"t", true, true}, {"F", false, true}, {"on", true, true}, {"off", false, true},
		{"subscribed", true, true}, {"Unsubscribed", false, true},
		{"Opt-In", true, true}, {"opt-out", false, true}, {"Opted out", false, true},
		{"", false, false}, {"  ", false, false}, {"maybe", false, false}, {"2", false, false},
		{"bouncing", false, false},
	}
	for _, c := range cases {
		t.Run("reads "+quote(c.in), func(t *testing.T) {
			v, ok := ParseBool(c.in)
			if v != c.value || ok != c.ok {
				t.Fatalf("got %v, %v; want %v, %v", v, ok, c.value, c.ok)
			}
		})
	}
}

func quote(s string) string { return "\"" + s + "\"" }

func TestParseDate(t *testing.T) {
	at := func(y, mo, d, h, mi, s int) time.Time { return time.Date(y, time.Month(mo), d, h, mi, s, 0, time.UTC) }
	cases := []struct {
		in   string
		want time.Time
		ok   bool
	}{
		{"2016-08-08", at(2016, 8, 8, 0, 0, 0), true},
		{"2016-08-08T15:42:00Z", at(2016, 8, 8, 15, 42, 0), true},
		{"2016-08-08T15:42:00-04:00", at(2016, 8, 8, 19, 42, 0), true},
		{"2016-08-08T15:42:00+0200", at(2016, 8, 8, 13, 42, 0), true},
		{"2016-08-08T15:42:00.5Z", at(2016, 8, 8, 15, 42, 0).Add(500 * time.Millisecond), true},
		{"2016-08-08T15:42:00", at(2016, 8, 8, 15, 42, 0), true},
		{"2016-08-08 15:42:00", at(2016, 8, 8, 15, 42, 0), true},
		{"2016-08-08 15:42", at(2016, 8, 8, 15, 42, 0), true},
		{"2016-08-08 15:42:00 -0500", at(2016, 8, 8, 20, 42, 0), true},
		{"8/8/16 15:42", at(2016, 8, 8, 15, 42, 0), true},
		{"12/31/99 23:59", at(1999, 12, 31, 23, 59, 0), true},
		{"1/1/00", at(2000, 1, 1, 0, 0, 0), true},
		{"1/1/69", at(2069, 1, 1, 0, 0, 0), true},
		{"1/1/70", at(1970, 1, 1, 0, 0, 0), true},
		{"8/8/2016", at(2016, 8, 8, 0, 0, 0), true},
		{"3/14/1982", at(1982, 3, 14, 0, 0, 0), true},
		{"8/8/2016 3:42 PM", at(2016, 8, 8, 15, 42, 0), true},
		{"8/8/2016 3:42:10 pm", at(2016, 8, 8, 15, 42, 10), true},
		{"8/8/2016 12:05 AM", at(2016, 8, 8, 0, 5, 0), true},
		{"8/8/2016 12:05 PM", at(2016, 8, 8, 12, 5, 0), true},
		{"8/8/2016 9:05AM", at(2016, 8, 8, 9, 5, 0), true},
		{"2/14/2024 13:05:22", at(2024, 2, 14, 13, 5, 22), true},
		{" 09/05/2023 8:30:00 ", at(2023, 9, 5, 8, 30, 0), true},
		{"2/29/2024", at(2024, 2, 29, 0, 0, 0), true},
		{"", time.Time{}, false},
		{"2/30/2024", time.Time{}, false},
		{"13/1/2024", time.Time{}, false},
		{"1/1/202", time.Time{}, false},
		{"8/8/2016 25:00", time.Time{}, false},
		{"8/8/2016 13:00 PM", time.Time{}, false},
		{"8/8/2016 3:4", time.Time{}, false},
		{"8/8", time.Time{}, false},
		{"8/8/2016/1", time.Time{}, false},
		{"8//2016", time.Time{}, false},
		{"8/8/2016 3:42:10:05", time.Time{}, false},
		{"8/8/2016 3", time.Time{}, false},
		{"8/8/2016 :", time.Time{}, false},
		{"2016-13-01", time.Time{}, false},
		{"Feb 3, 2020", at(2020, 2, 3, 0, 0, 0), true},
		{"February 3, 2020", at(2020, 2, 3, 0, 0, 0), true},
		{"february 3 2020", at(2020, 2, 3, 0, 0, 0), true},
		{"3 February 2020", at(2020, 2, 3, 0, 0, 0), true},
		{" 3  Feb  2020 ", at(2020, 2, 3, 0, 0, 0), true},
		{"3-Feb-2020", at(2020, 2, 3, 0, 0, 0), true},
		{"2020-02-03T10:15:00.000Z", at(2020, 2, 3, 10, 15, 0), true},
		// Abbreviations with a dot, "Sept", ordinals, a weekday before and a time after.
		{"Sept 3, 2020", at(2020, 9, 3, 0, 0, 0), true},
		{"Sept. 3, 2020", at(2020, 9, 3, 0, 0, 0), true},
		{"3 Feb. 2020", at(2020, 2, 3, 0, 0, 0), true},
		{"February 3rd, 2020", at(2020, 2, 3, 0, 0, 0), true},
		{"3rd February 2020", at(2020, 2, 3, 0, 0, 0), true},
		{"March 1st, 2021", at(2021, 3, 1, 0, 0, 0), true},
		{"Feb 22nd 2020", at(2020, 2, 22, 0, 0, 0), true},
		{"Feb 3, 2020 10:15 AM", at(2020, 2, 3, 10, 15, 0), true},
		{"Feb 3, 2020 at 10:15 AM", at(2020, 2, 3, 10, 15, 0), true},
		{"February 3, 2020 at 10:15am", at(2020, 2, 3, 10, 15, 0), true},
		{"Feb 3, 2020 @ 10:15 PM", at(2020, 2, 3, 22, 15, 0), true},
		{"3-Feb-2020 10:15", at(2020, 2, 3, 10, 15, 0), true},
		{"03-feb-2020 3:05 pm", at(2020, 2, 3, 15, 5, 0), true},
		{"Feb 3, 2020 at", time.Time{}, false},
		{"Feb 3, 2020 at noon", time.Time{}, false},
		{"3-Feb-2020 10:15 XM", time.Time{}, false},
		{"3-Feb-20 10:15", time.Time{}, false},
		{"3-2-2020", time.Time{}, false},
		{"February 3rd, 2020 3:05:09 p.m.", at(2020, 2, 3, 15, 5, 9), true},
		{"3 Feb 2020 14:30", at(2020, 2, 3, 14, 30, 0), true},
		{"Tues, Feb 4, 2020", at(2020, 2, 4, 0, 0, 0), true},
		{"Mon, Feb 3, 2020", at(2020, 2, 3, 0, 0, 0), true},
		{"Monday, February 3rd, 2020 10:15 AM", at(2020, 2, 3, 10, 15, 0), true},
		{"Thurs. 3 Sept 2020", at(2020, 9, 3, 0, 0, 0), true},
		{"Tues, Feb 3, 2020", time.Time{}, false}, // February 3, 2020 was a Monday: which is meant?
		{"Feb 3rd", time.Time{}, false},
		{"February 3th, 2020", time.Time{}, false},
		{"Sept 31, 2020", time.Time{}, false},
		{"Feb 3, 20", time.Time{}, false},
		{"Febr 3, 2020", time.Time{}, false},
		{"Feb 3, 2020 10:15 XM", time.Time{}, false},
		{"Feb 3, 2020 later", time.Time{}, false},
		{"3 4 2020", time.Time{}, false},
		{"Feb 30, 2020", time.Time{}, false},
		{"sometime 2019", time.Time{}, false},
		{"13/02/2020", time.Time{}, false},
		{"yesterday", time.Time{}, false},
		{"$0.00 ", time.Time{}, false},
	}
	for _, c := range cases {
		t.Run("reads "+quote(c.in), func(t *testing.T) {
			got, ok := ParseDate(c.in)
			if ok != c.ok || !got.Equal(c.want) {
				t.Fatalf("got %v, %v; want %v, %v", got, ok, c.want, c.ok)
			}
			if ok && got.Location() != time.UTC {
				t.Fatalf("location %v", got.Location())
			}
		})
	}
}

// SlashOrders tells a day-first date from a month-first one, and both from one that
// reads either way.
func TestSlashOrders(t *testing.T) {
	for _, c := range []struct {
		in                   string
		monthFirst, dayFirst bool
	}{
		{"2/14/2024", true, false},
		{"13/02/2020", false, true},
		{"13/02/2020 15:42", false, true},
		{"03/02/2020", true, true},
		{"3/3/2020", true, false},
		{"03/3/2020", true, false},
		{"31/02/2020", false, false},
		{"2020-02-03", false, false},
		{"Feb 3, 2020", false, false},
		{"", false, false},
	} {
		if m, d := SlashOrders(c.in); m != c.monthFirst || d != c.dayFirst {
			t.Errorf("%q: month first %v, day first %v; want %v, %v", c.in, m, d, c.monthFirst, c.dayFirst)
		}
	}
}

// split3 gives the parts strings.Split gives, up to three, and counts more as 4.
func TestSplit3(t *testing.T) {
	for _, s := range []string{"", "/", "//", "///", "a", "a/b", "a/b/c", "a/b/c/d", "/a/", "a//", "12/31/1999",
		"ä/€/🙂", "a/b/c/d/e/f"} {
		want := strings.Split(s, "/")
		got, n := split3(s, "/")
		if len(want) > 3 {
			if n != 4 {
				t.Errorf("%q: %d parts, want 4 (more than three)", s, n)
			}
			continue
		}
		if n != len(want) || !slices.Equal(got[:n], want) {
			t.Errorf("%q: %q (%d), want %q", s, got[:min(n, 3)], n, want)
		}
	}
}

func TestParseDateOpenStatesBirthDates(t *testing.T) {
	requireShared(t)
	f, err := os.Open(filepath.Join(sharedData, "openstates/ma.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := slices.Index(rows[0], "birth_date")
	n := 0
	for _, r := range rows[1:] {
		if r[col] == "" {
			continue
		}
		n++
		if _, ok := ParseDate(r[col]); !ok {
			t.Errorf("birth date %q not read", r[col])
		}
	}
	if n == 0 {
		t.Fatal("no birth dates in the file")
	}
}

func TestSplitList(t *testing.T) {
	cases := []struct {
		in   string
		want []string
	}{
		{"volunteer, spanish, phonebank", []string{"volunteer", "spanish", "phonebank"}},
		{"a, b,c", []string{"a", "b", "c"}},
		{"a; b ;c", []string{"a", "b", "c"}},
		{" a ,, ,b, ", []string{"a", "b"}},
		{"rally-2023", []string{"rally-2023"}},
		{"b, a, b", []string{"b", "a", "b"}},
		{"", nil},
		{" , ; ", nil},
	}
	for _, c := range cases {
		t.Run("splits "+quote(c.in), func(t *testing.T) {
			if got := SplitList(c.in); !slices.Equal(got, c.want) {
				t.Fatalf("got %q, want %q", got, c.want)
			}
		})
	}
}

func TestCleanText(t *testing.T) {
	cases := []struct{ in, want string }{
		{"'617 555-0100", "617 555-0100"},
		{"'+16175550100", "+16175550100"},
		{"'(617) 555-0100", "(617) 555-0100"},
		{" '6175550100 ", "6175550100"},
		{"$0.00 ", "$0.00"},
		{"$1,250.00 ", "$1,250.00"},
		{"  Ana  ", "Ana"},
		{"'Tis the season", "'Tis the season"},
		{"'-Dash", "-Dash"}, {"'=Eq", "=Eq"}, {"'@home", "@home"}, {"'＝1", "＝1"}, {"'-called twice", "-called twice"},
		{"O'Brien", "O'Brien"},
		{"'", "'"},
		{"''617", "''617"},
		{"", ""},
	}
	for _, c := range cases {
		t.Run("cleans "+quote(c.in), func(t *testing.T) {
			if got := CleanText(c.in); got != c.want {
				t.Fatalf("got %q, want %q", got, c.want)
			}
		})
	}
}

// The answers gen_calls.py writes (shared/tools/gen_calls.py: OFFICES, HAPPENED, SAID).
var (
	formOffices  = []string{"State House (Boston)", "District office", "Both", "Not sure"}
	formHappened = []string{"Talked to staff", "Talked to the legislator", "Left a voicemail",
		"Mailbox full / couldn't leave a message", "No one answered", "Emailed instead"}
	formSaid = []string{"Supports it", "Opposes it", "Undecided", "Will look into it",
		"Already a cosponsor", "Didn't say", "N/A"}
)

func TestFormAnswersMatchTheGenerator(t *testing.T) {
	requireShared(t)
	src, err := os.ReadFile(filepath.Join(sharedData, "../tools/gen_calls.py"))
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string][]string{"OFFICES": formOffices, "HAPPENED": formHappened, "SAID": formSaid} {
		t.Run("the tested "+name+" answers are the generator's", func(t *testing.T) {
			if got := pyStrings(t, string(src), name); !slices.Equal(got, want) {
				t.Fatalf("gen_calls.py writes %q", got)
			}
		})
	}
}

func TestParseOutcome(t *testing.T) {
	cases := []struct {
		in, want string
		ok       bool
	}{
		// the call form's answers
		{"Talked to staff", "spoke_staff", true},
		{"Talked to the legislator", "spoke_legislator", true},
		{"Left a voicemail", "left_voicemail", true},
		{"Mailbox full / couldn't leave a message", "voicemail_full", true},
		{"Mailbox full / couldn’t leave a message", "voicemail_full", true},
		{"No one answered", "no_answer", true},
		{"Emailed instead", "", false},
		// codes and labels
		{"spoke_legislator", "spoke_legislator", true},
		{"SPOKE_STAFF", "spoke_staff", true},
		{"left_voicemail", "left_voicemail", true},
		{"voicemail_full", "voicemail_full", true},
		{"busy", "busy", true},
		{"no_answer", "no_answer", true},
		{"wrong_number", "wrong_number", true},
		{"Spoke with the legislator", "spoke_legislator", true},
		{"Spoke with staff", "spoke_staff", true},
		{"Voicemail full", "voicemail_full", true},
		{"No answer", "no_answer", true},
		{"Wrong number", "wrong_number", true},
		{"Busy signal", "busy", true},
		// variants
		{"  talked to an aide. ", "spoke_staff", true},
		{"Spoke to the Senator", "spoke_legislator", true},
		{"left message", "left_voicemail", true},
		{"Nobody answered", "no_answer", true},
		{"Número equivocado", "wrong_number", true}, // the Spanish form's answer (refused before: the defect)
		{"Nos invitaron a cenar", "", false},
		{"", "", false},
		{"it went fine", "", false},
	}
	for _, c := range cases {
		t.Run("maps "+quote(c.in), func(t *testing.T) {
			got, ok := ParseOutcome(c.in)
			if got != c.want || ok != c.ok {
				t.Fatalf("got %q, %v; want %q, %v", got, ok, c.want, c.ok)
			}
		})
	}
	t.Run("every form answer but Emailed instead is an outcome", func(t *testing.T) {
		for _, a := range formHappened {
			_, ok := ParseOutcome(a)
			if ok == (a == "Emailed instead") {
				t.Errorf("%q: ok %v", a, ok)
			}
		}
	})
	t.Run("Emailed instead is not a call, and calls are", func(t *testing.T) {
		if !NotACall("Emailed instead") || !NotACall("emailed INSTEAD.") {
			t.Error("Emailed instead is taken for a call")
		}
		for _, a := range formHappened[:5] {
			if NotACall(a) {
				t.Errorf("%q taken for not a call", a)
			}
		}
	})
}

func TestParseStance(t *testing.T) {
	cases := []struct {
		in, want string
		ok       bool
	}{
		// the call form's answers
		{"Supports it", "yes", true},
		{"Opposes it", "no", true},
		{"Undecided", "undecided", true},
		{"Will look into it", "unknown", true}, // a message taken, no stance heard (t3 F11)
		{"Already a cosponsor", "cosponsor", true},
		{"Didn't say", "unknown", true},
		{"N/A", "", true},
		{"", "", true},
		// codes and labels
		{"sponsor", "sponsor", true},
		{"cosponsor", "cosponsor", true},
		{"Co-sponsor", "cosponsor", true},
		{"yes", "yes", true},
		{"leaning_yes", "leaning_yes", true},
		{"Leaning yes", "leaning_yes", true},
		{"LEANING NO", "leaning_no", true},
		{"leaning_no", "leaning_no", true},
		{"No", "no", true},
		{"Unknown", "unknown", true},
		{"undecided", "undecided", true},
		// case, accents and punctuation
		{"  supports it!  ", "yes", true},
		{"Ündecided", "undecided", true},
		{"Didn’t say", "unknown", true},
		{"-", "", true},
		{"They love puppies", "", false},
		// the tester's phrases (calls_st2.csv): "not sure" may be the caller's or
		// the office's, as "no sé" and "não sei" are: Didn't say, listed by the
		// import (t3 F11: it moved the whip count, "no sé" did not)
		{"Not sure", "unknown", true},
		{"Unsure", "unknown", true},
		{"Not sure yet", "undecided", true},
		{"Strongly supports", "yes", true},
		{"Strongly opposes", "no", true},
		// a promise to cosponsor is support: the list of sponsors is the record's
		{"Will cosponsor", "yes", true},
		{"Won't support", "no", true},
		{"Y", "yes", true},
		{"N", "no", true},
		{"Nope", "no", true},
		{"Soft yes", "leaning_yes", true},
		{"Soft no", "leaning_no", true},
		// the campaign's other languages
		{"Sí", "yes", true},
		{"Apoya", "yes", true},
		// "No apoya", "Não apoia" are "does not support": refused as it is (s41)
		{"No apoya", "", false},
		{"No va a apoyar", "no", true},
		{"Se opone", "no", true},
		{"Se inclina por el sí", "leaning_yes", true},
		{"Sin decidir", "undecided", true},
		{"Se inclina por el no", "leaning_no", true},
		{"Tende ao sim", "leaning_yes", true},
		{"Indeciso(a)", "undecided", true},
		{"Tende ao não", "leaning_no", true},
		{"Não vai apoiar", "no", true},
		{"En contra", "no", true},
		{"Indeciso", "undecided", true},
		{"Indecisa", "undecided", true},
		{"sim", "yes", true},
		{"Apoia", "yes", true},
		{"Não apoia", "", false},
		{"Não", "no", true},
		// the tester's phrases (s35): Portuguese "favorável" and "contrário", with
		// their accents, without them or in capitals; a caller's "I don't know"
		// ("no sé", "não sei") is "Don't know": nothing heard; "won't say" is
		// "wouldn't say"
		{"Favorável", "yes", true},
		{"favoravel", "yes", true},
		{"É favorável", "yes", true},
		{"Contrário", "no", true},
		{"CONTRARIO", "no", true},
		{"Contrária", "no", true},
		{"No sé", "unknown", true},
		{"no se", "unknown", true},
		{"Não sei", "unknown", true},
		{"Won't say", "unknown", true},
		{"Will not say", "unknown", true},
		{"No position yet", "undecided", true},
		// ambiguous: refused, never guessed
		{"Maybe", "", false},
		{"Talvez", "", false},
		{"Quizás", "", false},
		{"Neutral", "", false},
		{"No position", "", false},
		{"Não sabe", "", false},
		{"NAO SABE", "", false},
		{"Doesn't know", "", false},
		{"Yes, but", "", false},
		{"Not opposed", "", false},
		{"Does not support", "", false},
	}
	for _, c := range cases {
		t.Run("maps "+quote(c.in), func(t *testing.T) {
			got, ok := ParseStance(c.in)
			if got != c.want || ok != c.ok {
				t.Fatalf("got %q, %v; want %q, %v", got, ok, c.want, c.ok)
			}
		})
	}
	t.Run("every form answer is understood", func(t *testing.T) {
		for _, a := range formSaid {
			if _, ok := ParseStance(a); !ok {
				t.Errorf("%q not understood", a)
			}
		}
	})
}

func TestParseOffice(t *testing.T) {
	cases := []struct {
		in, want string
		ok       bool
	}{
		{"State House (Boston)", "capitol", true},
		{"State House", "capitol", true},
		{"Boston office", "capitol", true},
		{"the Capitol", "capitol", true},
		{"capitol", "capitol", true},
		{"District office", "district", true},
		{"local office", "district", true},
		{"DISTRICT", "district", true},
		{"Both", "other", true},
		{"Not sure", "other", true},
		{"other", "other", true},
		{"State House and district office", "other", true},
		{"", "", true},
		{"the moon", "", false},
		// the form in Spanish and Portuguese (the call sheets' words), a cell phone,
		// and answers that say whose office but not which (s41)
		{"Oficina en el Capitolio", "capitol", true},
		{"Capitolio", "capitol", true},
		{"Oficina del distrito", "district", true},
		{"Distrito", "district", true},
		{"Otra", "other", true},
		{"Ambas", "other", true},
		{"Gabinete no Capitólio", "capitol", true},
		{"Escritório no distrito", "district", true},
		{"Outro", "other", true},
		{"Não sei", "other", true},
		{"Cell phone", "other", true},
		{"Celular", "other", true},
		{"Oficina", "other", true},
		{"Representante estatal", "other", true},
		{"Senador(a) estatal", "other", true},
		{"Deputado estadual", "other", true},
		{"State Senator", "other", true},
		{"Oficina del senador en el distrito", "district", true},
	}
	for _, c := range cases {
		t.Run("maps "+quote(c.in), func(t *testing.T) {
			got, ok := ParseOffice(c.in)
			if got != c.want || ok != c.ok {
				t.Fatalf("got %q, %v; want %q, %v", got, ok, c.want, c.ok)
			}
		})
	}
	t.Run("every form answer is understood", func(t *testing.T) {
		for _, a := range formOffices {
			if got, ok := ParseOffice(a); !ok || got == "" {
				t.Errorf("%q: %q, %v", a, got, ok)
			}
		}
	})
}

func TestParseChamber(t *testing.T) {
	cases := []struct {
		in, want string
		ok       bool
	}{
		{"upper", "upper", true}, {"lower", "lower", true},
		{"Senate", "upper", true}, {"House", "lower", true},
		{"State Senate", "upper", true}, {"House of Representatives", "lower", true},
		{" UPPER ", "upper", true}, {"State House", "lower", true}, {"Assembly", "lower", true},
		{"Massachusetts Senate", "upper", true}, {"Massachusetts House of Representatives", "lower", true},
		{"House of Delegates", "lower", true},
		{"", "", false}, {"Congress", "", false}, {"Senate and House", "", false},
	}
	for _, c := range cases {
		t.Run("maps "+quote(c.in), func(t *testing.T) {
			got, ok := ParseChamber(c.in)
			if got != c.want || ok != c.ok {
				t.Fatalf("got %q, %v; want %q, %v", got, ok, c.want, c.ok)
			}
		})
	}
	t.Run("every chamber in the Massachusetts file is read", func(t *testing.T) {
		requireShared(t)
		f, err := os.Open(filepath.Join(sharedData, "openstates/ma.csv"))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		rows, err := csv.NewReader(f).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		_, m, err := Detect(rows[0])
		if err != nil {
			t.Fatal(err)
		}
		count := map[string]int{}
		for _, r := range rows[1:] {
			c, ok := ParseChamber(m.Get(r, Chamber))
			if !ok {
				t.Fatalf("chamber %q", m.Get(r, Chamber))
			}
			count[c]++
		}
		if count["upper"] != 40 || count["lower"] != 158 {
			t.Fatalf("counts %v", count)
		}
	})
}

func TestStateCode(t *testing.T) {
	for in, want := range map[string]string{"MA": "MA", "ma": "MA", "Massachusetts": "MA", "MASSACHUSETTS": "MA",
		" puerto rico ": "PR", "Puerto Rico": "PR", "U.S. Virgin Islands": "VI", "District of Columbia": "DC", "ny": "NY",
		"Mass.": "MA", "Mass": "MA", "MASS.": "MA", "Ma.": "MA", "Calif.": "CA", "N.H.": "NH", "N. Y.": "NY", "W.Va.": "WV", "Penna.": "PA",
		"Massachusets": "Massachusets", "Mas": "Mas", "NSW": "NSW", "Ontario": "Ontario", "": "", "Bayern": "Bayern"} {
		if got := StateCode(in); got != want {
			t.Errorf("StateCode(%q) = %q; want %q", in, got, want)
		}
	}
}

func TestFixZip(t *testing.T) {
	for _, c := range []struct {
		zip, state, country, want string
		check                     ZipCheck
	}{
		{"2134", "MA", "", "02134", ZipPadded},
		{"2139", "Mass.", "US", "02139", ZipPadded}, // tester t8: stored as "2139", nothing listed
		{"2139", "Mass", "", "02139", ZipPadded},
		{"2139", "Ma.", "", "02139", ZipPadded},
		{"3301", "N.H.", "", "03301", ZipPadded},
		{"2139", "Calif.", "", "2139", ZipNotAZip},
		{"901", "P.R.", "", "00901", ZipPadded},
		{"2134-1234", "ma", "", "02134-1234", ZipPadded},
		{"3301", "New Hampshire", "", "03301", ZipPadded},
		{"7102", "NJ", "", "07102", ZipPadded},
		{"2134", "MA", "US", "02134", ZipPadded},
		{"2134", "", "United States", "02134", ZipPadded},
		{"2134", "", "U.S.A.", "02134", ZipPadded},
		{"2134", "", "", "02134", ZipPadded}, // a chapter's own sheet: no state, no country
		{"2000", "", "Australia", "2000", ZipAsIs},
		{"2000", "NSW", "AU", "2000", ZipAsIs},
		{"2000", "NSW", "", "2000", ZipAsIs},
		{"1010", "MA", "Austria", "1010", ZipAsIs},
		{"02134", "MA", "", "02134", ZipAsIs},
		{"9021", "CA", "", "9021", ZipNotAZip}, // no California zip starts with 0
		{"9021", "California", "US", "9021", ZipNotAZip},
		// Puerto Rico's 006xx, 007xx, 009xx and the Virgin Islands' 008xx lose two zeros.
		{"601", "PR", "", "00601", ZipPadded},
		{"988-1234", "Puerto Rico", "US", "00988-1234", ZipPadded},
		{"802", "VI", "", "00802", ZipPadded},
		{"820", "U.S. Virgin Islands", "", "00820", ZipPadded},
		{"727", "", "", "00727", ZipPadded}, // no state: as a 4-digit zip without one
		{"601", "", "USA", "00601", ZipPadded},
		{"820", "PR", "", "820", ZipNotAZip}, // 00820 is the Virgin Islands'
		{"601", "VI", "", "601", ZipNotAZip},
		{"123", "PR", "", "123", ZipNotAZip},
		{"601", "MA", "", "601", ZipNotAZip},
		{"601", "Texas", "", "601", ZipNotAZip},
		{"123", "", "", "123", ZipNotAZip},
		{"800", "NT", "", "800", ZipAsIs}, // Darwin's 0800, in Australia's Northern Territory
		{"800", "", "Australia", "800", ZipAsIs},
		{"601", "PR", "Mexico", "601", ZipAsIs},
		{"90210", "CA", "", "90210", ZipAsIs},
		{"90210", "", "", "90210", ZipAsIs},
		{"", "MA", "", "", ZipAsIs},
		// ZIP+4 as people write it.
		{"02134-1234", "MA", "", "02134-1234", ZipAsIs},
		{"02134 1234", "MA", "", "02134 1234", ZipAsIs},
		{"021341234", "", "", "021341234", ZipAsIs},
		{" 02134 ", "MA", "US", " 02134 ", ZipAsIs},
		// No US zip: listed, not stored.
		{"1", "MA", "", "1", ZipNotAZip},
		{"12", "MA", "", "12", ZipNotAZip},
		{"021345", "MA", "", "021345", ZipNotAZip},
		{"02134123", "", "", "02134123", ZipNotAZip},
		{"0213412345", "MA", "", "0213412345", ZipNotAZip},
		{"abcd", "MA", "", "abcd", ZipNotAZip},
		{"O2134", "MA", "USA", "O2134", ZipNotAZip}, // a letter O
		{"02134-12", "MA", "", "02134-12", ZipNotAZip},
		{"2134-12", "MA", "", "2134-12", ZipNotAZip},
		{"SW1A 1AA", "", "", "SW1A 1AA", ZipNotAZip}, // no state, no country: a US row
		// Another country's postcode is kept.
		{"SW1A 1AA", "", "United Kingdom", "SW1A 1AA", ZipAsIs},
		{"75008", "Île-de-France", "", "75008", ZipAsIs},
		{"1234567", "", "Israel", "1234567", ZipAsIs},
		{"K1A 0B1", "ON", "Canada", "K1A 0B1", ZipAsIs},
		// A zip a spreadsheet saved as a number, "2139.0", is that number.
		{"2139.0", "MA", "", "02139", ZipPadded},
		{"2139.0", "", "", "02139", ZipPadded},
		{"90210.0", "CA", "", "90210", ZipAsIs},
		{"601.0", "PR", "", "00601", ZipPadded},
		{"9021.0", "CA", "", "9021", ZipNotAZip},
		{"2139.5", "MA", "", "2139.5", ZipNotAZip},
		{"2000.0", "NSW", "", "2000", ZipAsIs},
		// Holtsville, NY's 00501 and 00544 (the IRS), only where the row says NY.
		{"501", "NY", "", "00501", ZipPadded},
		{"544", "New York", "", "00544", ZipPadded},
		{"501", "MA", "", "501", ZipNotAZip},
		{"501", "", "", "501", ZipNotAZip},
		{"401", "NY", "", "401", ZipNotAZip},
	} {
		if got, check := FixZip(c.zip, c.state, c.country); got != c.want || check != c.check {
			t.Errorf("FixZip(%q, %q, %q) = %q, %v; want %q, %v", c.zip, c.state, c.country, got, check, c.want, c.check)
		}
	}
}

// The ASCII path of fold gives what the general one gives, for every kind of ASCII
// character, and leaves other text to the general one.
func TestFoldASCII(t *testing.T) {
	for r := rune(0); r < 0x80; r++ {
		if _, ok := plain()[r]; ok {
			t.Errorf("the table of accented letters has the ASCII %q, which foldASCII does not look up", r)
		}
	}
	all := make([]byte, 0, 128)
	for c := 0; c < 0x80; c++ {
		all = append(all, byte(c))
	}
	for _, s := range []string{"", " ", "Left a voicemail", "  Talked to STAFF  ", "Couldn't get through",
		"Didn`t say", "voicemail -- full!!", "Sen. O'Connor", "Rep.Smith", "2nd Suffolk", "a\tb\nc", "'", "x'", " -'- ",
		string(all), string(all[32:]) + string(all)} {
		got, ok := foldASCII(s)
		if want := foldRunes(s); !ok || got != want {
			t.Errorf("foldASCII(%q) = %q, %v; foldRunes gives %q", s, got, ok, want)
		}
	}
	for _, s := range []string{"Dejó un mensaje", "Nguyễn", "Talked to staff’s aide", "🙂"} {
		if _, ok := foldASCII(s); ok {
			t.Errorf("foldASCII(%q) took text that is not ASCII", s)
		}
		if fold(s) != foldRunes(s) {
			t.Errorf("fold(%q) = %q, foldRunes gives %q", s, fold(s), foldRunes(s))
		}
	}
}

func TestParseConsent(t *testing.T) {
	cases := []struct {
		f           Field
		in          string
		value, said bool
	}{
		{DoNotCall, "yes", true, true}, {DoNotCall, "No", false, true}, {DoNotCall, "", false, false},
		{DoNotCall, "1.0", true, true}, {DoNotCall, "0.0", false, true}, {DoNotCall, "Yes.", true, true},
		{DoNotCall, "checked", true, true}, {DoNotCall, "Unchecked", false, true}, {DoNotCall, "✓", true, true},
		{DoNotCall, "x", true, true}, {DoNotCall, "DNC", true, true}, {DoNotCall, "Do not call", true, true},
		{DoNotCall, "Don’t call", true, true}, {DoNotEmail, "do not email", true, true},
		{DoNotContact, "Do Not Contact", true, true},
		{EmailOptIn, "subscribed", true, true}, {EmailOptIn, "unsubscribed", false, true},
		{DoNotCall, "Opted out", true, true}, {DoNotEmail, "unsubscribed", true, true}, {DoNotEmail, "Opt-out", true, true},
		{DoNotContact, "opted in", false, true}, {DoNotEmail, "Subscribed", false, true}, {TextOptIn, "opted out", false, true},
		{EmailOptIn, "bouncing", false, true}, {EmailOptIn, "spam complaint", false, true},
		{EmailOptIn, "previous bounce", false, true}, {EmailOptIn, "Previous spam complaint", false, true},
		{TextOptIn, "Opt-In", true, true}, {TextOptIn, "Opt-Out", false, true}, {TextOptIn, "bouncing", false, true},
		{TextOptIn, "Unknown", false, false},
	}
	for _, c := range cases {
		t.Run(fmt.Sprintf("reads %q in %s", c.in, c.f), func(t *testing.T) {
			v, said, err := ParseConsent(c.f, c.in)
			if err != nil || v != c.value || said != c.said {
				t.Fatalf("got %v, %v, %v; want %v, %v", v, said, err, c.value, c.said)
			}
		})
	}
	for _, c := range []struct {
		f  Field
		in string
	}{
		{DoNotCall, "maybe"}, {DoNotCall, "2"}, {DoNotCall, "✗"}, {DoNotCall, "unknown"},
		{DoNotEmail, "Do not call"}, {DoNotContact, "DNC"}, {EmailOptIn, "pending"}, {TextOptIn, "checked?"},
	} {
		t.Run(fmt.Sprintf("refuses %q in %s", c.in, c.f), func(t *testing.T) {
			if v, said, err := ParseConsent(c.f, c.in); err == nil || v || said {
				t.Fatalf("got %v, %v, %v; want an error", v, said, err)
			}
		})
	}
}

func TestMadeUpPhoneAndZip(t *testing.T) {
	for s, want := range map[string]bool{"555-555-5555": true, "1-555-555-5555": true, "+1 (222) 222-2222 x5": true,
		"9999999999": true, "617-555-0100": false, "555-5555": false, "+44 5555 555555": false, "": false,
		"2222222222 ext. 2": true, "12222222222": true, "15555555550": false} {
		if got := MadeUpPhone(s) != ""; got != want {
			t.Errorf("MadeUpPhone(%q): %v, want %v", s, got, want)
		}
	}
	for s, want := range map[string]bool{"00000": true, "00000-0000": true, "000000000": true, "00501": false,
		"0000": false, "12345": false} {
		if got := MadeUpZip(s) != ""; got != want {
			t.Errorf("MadeUpZip(%q): %v, want %v", s, got, want)
		}
	}
}

// TestParseOutcomeSpanishPortuguese: the form's Spanish and Portuguese answers (the
// call sheets' words, and the first person a caller writes) are read as their
// English ones; an answer that says no call was made is one in those languages too,
// and anything else is still refused.
func TestParseOutcomeSpanishPortuguese(t *testing.T) {
	for in, want := range map[string]string{
		"Dejé mensaje": "left_voicemail", "dejé un mensaje de voz": "left_voicemail", "Dejó un mensaje de voz": "left_voicemail",
		"Deixei recado": "left_voicemail", "Deixou recado": "left_voicemail",
		"Hablé con personal": "spoke_staff", "Habló con su personal": "spoke_staff", "hablé con un asesor": "spoke_staff",
		"Falei com assessor": "spoke_staff", "Falou com a equipe": "spoke_staff",
		"Hablé con el legislador": "spoke_legislator", "Habló con el/la legislador(a)": "spoke_legislator",
		"Falei com o deputado": "spoke_legislator", "Falou com o(a) legislador(a)": "spoke_legislator",
		"Buzón lleno": "voicemail_full", "Caixa postal cheia": "voicemail_full",
		"Ocupado": "busy", "No contestaron": "no_answer", "Nadie contestó": "no_answer", "Ninguém atendeu": "no_answer",
		"Número equivocado": "wrong_number", "Número errado": "wrong_number",
	} {
		if got, ok := ParseOutcome(in); !ok || got != want {
			t.Errorf("ParseOutcome(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"Envié un correo", "Mandei um e-mail"} {
		if !NotACall(in) {
			t.Errorf("NotACall(%q) = false", in)
		}
	}
	if _, ok := ParseOutcome("Canté una canción"); ok {
		t.Error("an unknown Spanish answer was read")
	}
}

// TestPlainBoolReadsAsTheWholeReading: the cells read without allocating (plainBool)
// read as the same cell does through the whole reading, which a space around it
// takes: for every consent field and for ParseBool. A word given a meaning of its own
// for a field ("2" under on hold) must not be one of them.
func TestPlainBoolReadsAsTheWholeReading(t *testing.T) {
	cells := []string{"TRUE", "true", "True", "1", "yes", "Yes", "YES", "FALSE", "false", "False", "0", "no", "No", "NO"}
	for _, c := range cells {
		if _, ok := plainBool(c); !ok {
			t.Fatalf("%q is not read by plainBool", c)
		}
		v, ok := ParseBool(c)
		if wv, wok := ParseBool(" " + c + " "); v != wv || ok != wok {
			t.Errorf("ParseBool(%q) = %v, %v; the whole reading %v, %v", c, v, ok, wv, wok)
		}
		for _, fd := range []Field{DoNotCall, DoNotEmail, DoNotContact, OKCall, EmailOptIn, TextOptIn, NoBulkEmail, EmailOnHold, DoNotText, Deceased} {
			v, said, err := ParseConsent(fd, c)
			wv, wsaid, werr := ParseConsent(fd, " "+c+" ")
			if v != wv || said != wsaid || (err == nil) != (werr == nil) {
				t.Errorf("%s %q: %v, %v, %v; the whole reading %v, %v, %v", fd, c, v, said, err, wv, wsaid, werr)
			}
		}
	}
}

func TestHoldsValue(t *testing.T) {
	for cell, want := range map[string]bool{"": false, " ": false, "FALSE": false, "false": false, "No": false,
		"0": false, "0.00": false, "$0.00 ": false, "'0": false, " FALSE ": false, "$": false,
		"TRUE": true, "1": true, "Nurse": true, "02130": true, "$25.00": true, "'617-555-0100": true, "N/A": true,
		"Faith": true, " Boston": true, "0.5": true} {
		if got := HoldsValue(cell); got != want {
			t.Errorf("HoldsValue(%q) = %v, want %v", cell, got, want)
		}
	}
}
