package csvfile_test

import (
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/importer/csvfile"
)

// A Windows-1252 file whose accented capital is followed by a curly quote, a dash or
// a no-break space holds, by chance, valid UTF-8 ("Ñ’" is U+0452 "ђ"). It must never
// be stored as that character without a word.
func TestWindows1252ThatReadsAsUTF8(t *testing.T) {
	t.Run("a file whose only accented pair is valid UTF-8: the row is refused, naming both readings", func(t *testing.T) {
		in := []byte("first_name,last_name\r\nAna,MU\xd1\x92OZ\r\nAda,Lovelace\r\n")
		_, rows := readAll(t, in, csvfile.Options{})
		if len(rows) != 2 || rows[0].Err == "" || rows[1].Err != "" {
			t.Fatalf("rows %+v, want the first refused and the second read", short(rows))
		}
		for _, want := range []string{`"MUђOZ"`, `"MUÑ’OZ"`, "Windows-1252", "last_name"} {
			if !strings.Contains(rows[0].Err, want) {
				t.Errorf("the error %q does not say %s", rows[0].Err, want)
			}
		}
		_, rows = readAll(t, in, csvfile.Options{Encoding: "windows-1252"})
		checkRows(t, rows, []result{good(2, "Ana", "MUÑ’OZ"), good(3, "Ada", "Lovelace")})
		// The lead who says the text is right has it as it reads.
		_, rows = readAll(t, in, csvfile.Options{Encoding: "utf-8"})
		checkRows(t, rows, []result{good(2, "Ana", "MUђOZ"), good(3, "Ada", "Lovelace")})
	})
	t.Run("with one plain Windows-1252 accent beside it the file is Windows-1252", func(t *testing.T) {
		in := []byte("first_name,last_name\r\nJos\xe9,Garc\xeda\r\nANA,P\xc9\x94REZ\r\nL\xc9\xa0ON,X\r\n")
		r, rows := readAll(t, in, csvfile.Options{})
		checkRows(t, rows, []result{good(2, "José", "García"), good(3, "ANA", "PÉ”REZ"), good(4, "LÉ\u00a0ON", "X")})
		if r.Encoding() != "Windows-1252" {
			t.Errorf("encoding %q", r.Encoding())
		}
	})
	t.Run("C1 controls and accents that attach to nothing are refused", func(t *testing.T) {
		for _, cell := range []string{"MAR\xc2\x92A", "J\xcd\x97SE"} {
			_, rows := readAll(t, []byte("name\n"+cell+"\n"), csvfile.Options{})
			if len(rows) != 1 || rows[0].Err == "" {
				t.Errorf("%q read as %+v, want it refused", cell, short(rows))
			}
		}
	})
	t.Run("UTF-8 in other scripts, decomposed accents and symbols reads as written", func(t *testing.T) {
		cells := []string{
			"Иван", "Петров", // cells side by side: a Latin cell ends where a Cyrillic one starts
			"Ivan", "Петров",
			"Jose\u0301", "Nguye\u0323\u0302n", "Hawaiʻi", "5 µm", "Zoë", "Σωκράτης", "مُحَمَّد", "李小龍", "Ana 🙂", "O’Brien", "Łukasz",
			"支持H1234法案", "Əli Həsənov",
		}
		text := "a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p,q\n" + strings.Join(cells, ",") + "\n"
		r, rows := readAll(t, []byte(text), csvfile.Options{})
		checkRows(t, rows, []result{good(2, cells...)})
		if r.Encoding() != "UTF-8" {
			t.Errorf("encoding %q", r.Encoding())
		}
	})
}

// TestWestAfricanNames: Akan, Ewe, Ga, Dinka and Dagbani names are written with ɔ, ɛ
// and ɣ, which are also what Windows-1252's "É”", "É›" and "É£" read as in UTF-8. In a lower-case word
// they are letters; after an accented capital of an upper-case word they are misreads.
func TestWestAfricanNames(t *testing.T) {
	t.Run("ɔ and ɛ inside a word, and Ɔ, Ɛ, ŋ, read as written", func(t *testing.T) {
		cells := []string{"Kɔfi Mɛnsah", "Ɔsei", "Ɛfua Dzɔgbɛ", "Kwaku Aŋɔ", "Yaa Asantewaa", "kɔfi", "Nyamekyɛ",
			"Dɔɣu", "Seyram Aɣɔ", "Eɣa", "Mawuɣa"}
		text := "a,b,c,d,e,f,g,h,i,j,k\n" + strings.Join(cells, ",") + "\n"
		r, rows := readAll(t, []byte(text), csvfile.Options{})
		checkRows(t, rows, []result{good(2, cells...)})
		if r.Encoding() != "UTF-8" {
			t.Errorf("encoding %q", r.Encoding())
		}
	})
	t.Run("a file of such names and plain ASCII is UTF-8, not Windows-1252", func(t *testing.T) {
		r, rows := readAll(t, []byte("first_name,last_name\nKɔfi,Mɛnsah\nAda,Lovelace\n"), csvfile.Options{})
		checkRows(t, rows, []result{good(2, "Kɔfi", "Mɛnsah"), good(3, "Ada", "Lovelace")})
		if r.Encoding() != "UTF-8" {
			t.Errorf("encoding %q", r.Encoding())
		}
	})
	t.Run("an upper-case word's É and a closing quote are still a misread", func(t *testing.T) {
		// "PÉ”REZ", "JOSÉ”" and "RENÉ›" in Windows-1252 read as UTF-8; a capital and ɔ
		// alone ("Bɔ") read as "JOSÉ”" ends, so that is refused too, with its reason.
		for _, cell := range []string{"P\xc9\x94REZ", "JOS\xc9\x94", "REN\xc9\x9b", "\"\xc9\x94\"", "\xc9\x94", "B\xc9\x94",
			// "CAFÉ£", "RENÉ£5", "É£10" and "PÉ£REZ": É and a pound sign read as ɣ
			"CAF\xc9\xa3", "REN\xc9\xa35", "\xc9\xa310", "P\xc9\xa3REZ", "B\xc9\xa3", "\xc9\xa3"} {
			_, rows := readAll(t, []byte("name\n"+cell+"\n"), csvfile.Options{})
			if len(rows) != 1 || rows[0].Err == "" {
				t.Errorf("%q read as %+v, want it refused", cell, short(rows))
			}
		}
	})
}
