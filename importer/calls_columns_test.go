package importer_test

import (
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/importer"
)

// A lead's own call log names the caller's column its own way ("Volunteer name",
// "Nombre", "Nome"): read it, or refuse the file naming the column not read — never
// file the calls with no caller (or a caller named by their email) without a word.
func TestCallFormCallerColumnIsReadOrRefused(t *testing.T) {
	for _, h := range []string{"Volunteer name", "Nombre", "Tu nombre", "Nombre del voluntario", "Nome", "Seu nome",
		"Nome do voluntário", "Caller name", "Caller's name"} {
		t.Run("reads the caller from "+h, func(t *testing.T) {
			csv := "Legislator name," + h + ",Volunteer email,Date,Outcome,Stance,Comments\n" +
				"Sen. Pat Jehlen,Nora Quinn,nora@example.org,12/05/2025 13:20,Spoke with staff,Yes,g3\n"
			in, err := importer.ReadCalls(strings.NewReader(csv), "")
			if err != nil {
				t.Fatal(err)
			}
			if len(in.Rows) != 1 || in.Rows[0].CallerName != "Nora Quinn" || in.Rows[0].CallerEmail != "nora@example.org" {
				t.Fatalf("rows %+v, problems %v", in.Rows, in.Problems)
			}
		})
	}
	t.Run("refuses a form whose caller's column it cannot read, naming it", func(t *testing.T) {
		csv := "Legislator name,Quien hizo la llamada,Volunteer email,Date,Outcome\n" +
			"Sen. Pat Jehlen,Nora Quinn,nora@example.org,12/05/2025 13:20,Spoke with staff\n"
		_, err := importer.ReadCalls(strings.NewReader(csv), "")
		if err == nil || !strings.Contains(err.Error(), "Quien hizo la llamada") || !strings.Contains(err.Error(), "caller_name=") {
			t.Fatalf("err %v, want a refusal naming the column not read and how to map it", err)
		}
	})
}
