package csvfile_test

import (
	"bytes"
	"errors"
	"testing"

	"github.com/chapterdesk/chapterdesk/importer/csvfile"
)

// A quote never closed swallows the rest of the file into one cell: the error says
// the last line it read (tester t3 F19: "1 row was left out" for three reports), with
// or without a line break at the end of the file.
func TestUnclosedQuoteSaysItsLastLine(t *testing.T) {
	for _, in := range []string{"name,notes\nAda,ok\n\nBob,\"never closed\nCarl,x\nDan,y\n",
		"name,notes\r\nAda,ok\r\n\r\nBob,\"never closed\r\nCarl,x\r\nDan,y"} {
		r, err := csvfile.NewReader(bytes.NewReader([]byte(in)), csvfile.Options{})
		if err != nil {
			t.Fatal(err)
		}
		var e *csvfile.Error
		for range 10 {
			if _, err := r.Next(); errors.As(err, &e) {
				break
			}
		}
		if e == nil || e.Line != 4 || e.LastLine != 6 {
			t.Errorf("%q: error %+v, want line 4 to 6", in, e)
		}
	}
}
