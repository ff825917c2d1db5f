package db_test

import (
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
)

func TestBillKey(t *testing.T) {
	same := [][]string{
		{"S.1305", "S 1305", "s1305", "S1305", " S. 1305 "},
		{"S.B. 354", "SB 354", "sb354", "S.B.354"},
		{"H 5293", "H.5293", "h. 5293"},
		{"HB 12", "HB 0012"},
		{"HD 2885", "hd2885"},
	}
	for _, group := range same {
		for _, n := range group {
			if db.BillKey(n) != db.BillKey(group[0]) || db.BillKey(n) == "" {
				t.Errorf("%q gives %q, %q gives %q", n, db.BillKey(n), group[0], db.BillKey(group[0]))
			}
		}
	}
	t.Run("numbers of other bills stay apart", func(t *testing.T) {
		apart := []string{"S 1305", "SB 1305", "H 1305", "S 130", "S 13050", "HD 1305", "CACR 1305"}
		seen := map[string]string{}
		for _, n := range apart {
			k := db.BillKey(n)
			if other, ok := seen[k]; ok {
				t.Errorf("%q and %q both give %q", n, other, k)
			}
			seen[k] = n
		}
	})
	t.Run("a text without a number is no bill", func(t *testing.T) {
		for _, n := range []string{"", "Senate Bill", "H.", "S 0"} {
			if k := db.BillKey(n); k != "" {
				t.Errorf("%q gives %q", n, k)
			}
		}
	})
}
