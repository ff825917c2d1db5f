package format

import (
	"encoding/csv"
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// The project's shared reference data, beside the repository (see its README).
const sharedData = "../../../shared/data"

// requireShared skips a test when the shared reference data is not beside this clone.
func requireShared(t testing.TB) {
	t.Helper()
	if _, err := os.Stat(sharedData); errors.Is(err, os.ErrNotExist) {
		t.Skipf("no shared reference data at %s", sharedData)
	}
}

// readHeader reads the first record of a CSV file.
func readHeader(t testing.TB, path string) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rec, err := csv.NewReader(f).Read()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return rec
}

// named turns a mapping's Columns into field -> header name.
func named(header []string, m Mapping) map[Field]string {
	out := map[Field]string{}
	for f, i := range m.Columns {
		out[f] = header[i]
	}
	return out
}

func checkMapping(t *testing.T, header []string, m Mapping, want map[Field]string) {
	t.Helper()
	got := named(header, m)
	for _, f := range slices.Sorted(maps.Keys(want)) {
		if got[f] != want[f] {
			t.Errorf("%s: got column %q, want %q", f, got[f], want[f])
		}
	}
	for _, f := range slices.Sorted(maps.Keys(got)) {
		if _, ok := want[f]; !ok {
			t.Errorf("%s: mapped to %q, which the test does not expect", f, got[f])
		}
	}
}

var nationBuilderWant = map[Field]string{
	ExternalID: "nationbuilder_id", FirstName: "first_name", LastName: "last_name", NameSuffix: "suffix", Email: "email",
	Phone: "phone_number", Mobile: "mobile_number", Address1: "primary_address1",
	Address2: "primary_address2", City: "primary_city", State: "primary_state", Zip: "primary_zip",
	SenateDistrict: "state_upper_district", HouseDistrict: "state_lower_district", Tags: "tag_list",
	Languages: "language", Notes: "note", JoinedOn: "created_at", DoNotCall: "do_not_call",
	DoNotContact: "do_not_contact", EmailOptIn: "email_opt_in", TextOptIn: "mobile_opt_in",
	RecruiterExternalID: "recruiter_id", Country: "primary_country_code", Deceased: "is_deceased",
	EmailUnsubscribedAt: "unsubscribed_at", FederalDoNotCall: "federal_donotcall", MobileIsBad: "is_mobile_bad",
	BirthDate: "born_at",
}

var actionNetworkWant = map[Field]string{
	ExternalID: "uuid", FirstName: "first_name", LastName: "last_name", Email: "email", Zip: "zip_code",
	Address1: "can2_user_address", City: "can2_user_city", State: "can2_state_abbreviated",
	Mobile: "can2_phone", TextOptIn: "can2_sms_status", EmailOptIn: "can2_subscription_status",
	Tags: "can2_user_tags", Country: "country",
}

var openStatesWant = map[Field]string{
	OpenStatesID: "id", Name: "name", Party: "current_party", District: "current_district",
	Chamber: "current_chamber", GivenName: "given_name", FamilyName: "family_name",
	LegislatorEmail: "email", ImageURL: "image", URL: "links", CapitolAddress: "capitol_address",
	CapitolPhone: "capitol_voice", CapitolFax: "capitol_fax", DistrictAddress: "district_address",
	DistrictPhone: "district_voice", DistrictFax: "district_fax", Gender: "gender",
}

var callFormWant = map[Field]string{
	CalledAt: "Timestamp", CallerName: "Your name", CallerEmail: "Your email", CallerTown: "Your town",
	Legislator: "Legislator called", Office: "Which office", Outcome: "What happened?",
	StanceHeard: "What did they say about the bill?", CallNotes: "Notes",
}

// The header gen_calls.py writes (shared/tools/gen_calls.py, HEADER).
var callFormHeader = []string{"Timestamp", "Your name", "Your email", "Your town", "Legislator called",
	"Which office", "What happened?", "What did they say about the bill?", "Notes"}

func TestDetectRealHeaders(t *testing.T) {
	requireShared(t)
	cases := []struct {
		name, file, id string
		kind           Kind
		system         string
		want           map[Field]string
	}{
		{"recognises a NationBuilder people export", "formats/nationbuilder-people-export.header.csv",
			"nationbuilder", KindVolunteers, "nationbuilder", nationBuilderWant},
		{"recognises an Action Network report", "formats/actionnetwork-report.header.csv",
			"actionnetwork", KindVolunteers, "actionnetwork", actionNetworkWant},
		{"recognises an NGP VAN export job", "formats/ngpvan-export-job.header.csv",
			"ngpvan", KindVolunteers, "ngpvan", map[Field]string{
				ExternalID: "VanID", FirstName: "FirstName", LastName: "LastName", Email: "Email",
				Phone: "Phone", Mobile: "CellPhone", Address1: "StreetAddress", City: "City",
				State: "State", Zip: "ZipOrPostal", SenateDistrict: "StateSenate",
				HouseDistrict: "StateHouse", TextOptIn: "OptInStatus", TextOptInPhone: "OptInPhone",
			}},
		{"recognises a CiviCRM contact export", "formats/civicrm-contact-export.header.csv",
			"civicrm", KindVolunteers, "civicrm", map[Field]string{
				ExternalID: "Contact ID", FirstName: "First Name", LastName: "Last Name",
				FullName: "Display Name", NameSuffix: "Individual Suffix", Email: "Email", Phone: "Phone", Address1: "Street Address",
				Address2: "Supplemental Address 1", City: "City", State: "State", Zip: "Postal Code", Country: "Country",
				Tags: "Tag(s)", Languages: "Preferred Language", Notes: "Note(s)",
				JoinedOn: "Created Date", BirthDate: "Birth Date", DoNotCall: "Do Not Phone", DoNotEmail: "Do Not Email", DoNotText: "Do Not Sms",
				NoBulkEmail: "No Bulk Emails (User Opt Out)", Deceased: "Deceased", InTrash: "Contact is in Trash",
				EmailOnHold: "On Hold", PhoneType: "Phone Type", PhoneExt: "Phone Extension",
				ContactType: "Contact Type",
			}},
		{"recognises the Open States header", "formats/openstates-people.header.csv",
			"openstates", KindLegislators, "", openStatesWant},
		{"recognises the Massachusetts Open States file", "openstates/ma.csv",
			"openstates", KindLegislators, "", openStatesWant},
		{"recognises Open States' own exact download", "openstates/ma.upstream-exact.csv",
			"openstates", KindLegislators, "", openStatesWant},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			header := readHeader(t, filepath.Join(sharedData, c.file))
			f, m, err := Detect(header)
			if err != nil {
				t.Fatal(err)
			}
			if f.ID != c.id || f.Kind != c.kind || f.System != c.system {
				t.Fatalf("got %+v, want id %s kind %s system %q", f, c.id, c.kind, c.system)
			}
			checkMapping(t, header, m, c.want)
			if _, missing := MapColumns(f, header); len(missing) > 0 {
				t.Errorf("MapColumns reports missing %v", missing)
			}
		})
	}
}

func TestNationBuilderHeader(t *testing.T) {
	requireShared(t)
	header := readHeader(t, filepath.Join(sharedData, "formats/nationbuilder-people-export.header.csv"))
	t.Run("the real header has 218 columns", func(t *testing.T) {
		if len(header) != 218 {
			t.Fatalf("%d columns", len(header))
		}
	})
	t.Run("tags come from tag_list alone, not the custom checkbox columns", func(t *testing.T) {
		_, m, err := Detect(header)
		if err != nil {
			t.Fatal(err)
		}
		if got := m.Multi[Tags]; len(got) != 1 || header[got[0]] != "tag_list" {
			t.Fatalf("Multi[Tags] = %v", got)
		}
	})
	t.Run("an older export with a plain id column is still NationBuilder", func(t *testing.T) {
		h := slices.Clone(header)
		h[0] = "id"
		f, m, err := Detect(h)
		if err != nil || f.ID != "nationbuilder" {
			t.Fatalf("got %s, %v", f.ID, err)
		}
		if got := m.Get(h, ExternalID); got != "id" {
			t.Fatalf("external id column %q", got)
		}
	})
	t.Run("upper-case names, stray spaces and a BOM change nothing", func(t *testing.T) {
		h := make([]string, len(header))
		for i, n := range header {
			h[i] = "  " + strings.ToUpper(n) + " "
		}
		h[0] = "\ufeff" + h[0]
		f, m, err := Detect(h)
		if err != nil || f.ID != "nationbuilder" {
			t.Fatalf("got %s, %v", f.ID, err)
		}
		for fld, name := range nationBuilderWant {
			if i, ok := m.Columns[fld]; !ok || header[i] != name {
				t.Errorf("%s: column %d", fld, i)
			}
		}
	})
	t.Run("a cut-down export keeps what it has", func(t *testing.T) {
		h := []string{"nationbuilder_id", "first_name", "last_name", "email", "tag_list", "address_city", "address_zip"}
		f, m, err := Detect(h)
		if err != nil || f.ID != "nationbuilder" {
			t.Fatalf("got %s, %v", f.ID, err)
		}
		checkMapping(t, h, m, map[Field]string{ExternalID: "nationbuilder_id", FirstName: "first_name",
			LastName: "last_name", Email: "email", Tags: "tag_list", City: "address_city", Zip: "address_zip"})
	})
}

func TestActionNetwork(t *testing.T) {
	base := []string{"uuid", "first_name", "last_name", "email", "zip_code", "can2_user_address",
		"can2_user_city", "can2_state_abbreviated", "country", "can2_phone", "can2_sms_status",
		"can2_subscription_status", "can2_user_tags"}
	t.Run("the header in the test matches the real one", func(t *testing.T) {
		requireShared(t)
		if got := readHeader(t, filepath.Join(sharedData, "formats/actionnetwork-report.header.csv")); !slices.Equal(got, base) {
			t.Fatalf("real header now %q", got)
		}
	})
	t.Run("columns in any order map the same", func(t *testing.T) {
		rng := rand.New(rand.NewPCG(1, 2))
		for range 20 {
			h := slices.Clone(base)
			rng.Shuffle(len(h), func(i, j int) { h[i], h[j] = h[j], h[i] })
			f, m, err := Detect(h)
			if err != nil || f.ID != "actionnetwork" {
				t.Fatalf("%q: got %s, %v", h, f.ID, err)
			}
			checkMapping(t, h, m, actionNetworkWant)
		}
	})
	t.Run("an older download with can2_user_state maps the state", func(t *testing.T) {
		h := slices.Clone(base)
		h[slices.Index(h, "can2_state_abbreviated")] = "can2_user_state"
		slices.Reverse(h)
		f, m, err := Detect(h)
		if err != nil || f.ID != "actionnetwork" {
			t.Fatalf("got %s, %v", f.ID, err)
		}
		if got := named(h, m)[State]; got != "can2_user_state" {
			t.Fatalf("state from %q", got)
		}
	})
	t.Run("custom questions are extra columns nobody maps", func(t *testing.T) {
		h := append(slices.Clone(base), "Which issues matter most to you?", "Can you host a house party?")
		f, m, err := Detect(h)
		if err != nil || f.ID != "actionnetwork" {
			t.Fatalf("got %s, %v", f.ID, err)
		}
		checkMapping(t, h, m, actionNetworkWant)
	})
	t.Run("a report with only a few columns is still recognised", func(t *testing.T) {
		h := []string{"email", "can2_user_tags", "last_name", "first_name"}
		f, m, err := Detect(h)
		if err != nil || f.ID != "actionnetwork" {
			t.Fatalf("got %s, %v", f.ID, err)
		}
		checkMapping(t, h, m, map[Field]string{Email: "email", Tags: "can2_user_tags",
			LastName: "last_name", FirstName: "first_name"})
	})
	t.Run("a report without names is recognised but says what it lacks", func(t *testing.T) {
		f, _, err := Detect([]string{"email", "zip_code", "can2_user_tags"})
		if f.ID != "actionnetwork" || err == nil {
			t.Fatalf("got %s, %v", f.ID, err)
		}
		if errors.Is(err, ErrUnrecognised) || !strings.Contains(err.Error(), "a name") {
			t.Fatalf("error %q", err)
		}
	})
}

func TestCallForm(t *testing.T) {
	t.Run("the form header is recognised with every column mapped", func(t *testing.T) {
		f, m, err := Detect(callFormHeader)
		if err != nil || f.ID != "callform" || f.Kind != KindCalls || f.System != "" {
			t.Fatalf("got %+v, %v", f, err)
		}
		checkMapping(t, callFormHeader, m, callFormWant)
	})
	t.Run("the header gen_calls.py writes is the one tested", func(t *testing.T) {
		requireShared(t)
		src, err := os.ReadFile(filepath.Join(sharedData, "../tools/gen_calls.py"))
		if err != nil {
			t.Fatal(err)
		}
		got := pyStrings(t, string(src), "HEADER")
		if !slices.Equal(got, callFormHeader) {
			t.Fatalf("gen_calls.py writes %q", got)
		}
	})
	t.Run("a call date question wins over the submission timestamp", func(t *testing.T) {
		h := append(slices.Clone(callFormHeader), "When did you call?")
		_, m, err := Detect(h)
		if err != nil {
			t.Fatal(err)
		}
		if got := named(h, m)[CalledAt]; got != "When did you call?" {
			t.Fatalf("called_at from %q", got)
		}
	})
	t.Run("a form collecting email addresses itself is recognised", func(t *testing.T) {
		h := []string{"Timestamp", "Email Address", "Legislator called", "What happened?"}
		_, m, err := Detect(h)
		if err != nil {
			t.Fatal(err)
		}
		if got := named(h, m)[CallerEmail]; got != "Email Address" {
			t.Fatalf("caller email from %q", got)
		}
	})
	// Google Forms writes its submission time "Marca temporal" in Spanish and
	// "Carimbo de data/hora" in Portuguese; the form's questions in those languages
	// ask as the call sheets do (s41: the forms were refused for want of called_at).
	for _, h := range [][]string{
		{"Marca temporal", "Nombre", "Correo electrónico", "Legislador", "Oficina", "¿Qué pasó?", "¿Qué dijeron sobre el proyecto de ley?"},
		{"Carimbo de data/hora", "Nome", "Seu e-mail", "Legislador(a)", "Gabinete", "O que aconteceu?", "O que disseram sobre o projeto de lei?"},
		{"Completion time", "Your name", "Legislator called", "What happened?"},
		{"Marca temporal", "Tu nombre", "A quién llamó?", "Qué pasó?"},
	} {
		t.Run("the "+h[0]+" form is read whole", func(t *testing.T) {
			f, m, err := Detect(h)
			if err != nil || f.ID != "callform" {
				t.Fatalf("got %s, %v", f.ID, err)
			}
			got := named(h, m)
			if got[CalledAt] != h[0] || got[CallerName] != h[1] || got[Outcome] == "" || got[Legislator] == "" {
				t.Fatalf("read %v", got)
			}
			if len(h) > 4 && (got[Office] != h[4] || got[StanceHeard] != h[6]) {
				t.Fatalf("office from %q, stance from %q", got[Office], got[StanceHeard])
			}
		})
	}
	t.Run("a form without a timestamp says it lacks called_at", func(t *testing.T) {
		f, _, err := Detect([]string{"Your name", "Legislator called", "What happened?"})
		if f.ID != "callform" || err == nil || !strings.Contains(err.Error(), "called_at") {
			t.Fatalf("got %s, %v", f.ID, err)
		}
	})
}

// pyStrings returns the string literals of a Python assignment NAME = [...] or NAME = ([...], ...).
func pyStrings(t *testing.T, src, name string) []string {
	t.Helper()
	block := regexp.MustCompile(`(?ms)^` + name + ` = \(?\[(.*?)\]`).FindStringSubmatch(src)
	if block == nil {
		t.Fatalf("no %s in the script", name)
	}
	var out []string
	for _, m := range regexp.MustCompile(`"((?:[^"\\]|\\.)*)"`).FindAllStringSubmatch(block[1], -1) {
		s, err := strconv.Unquote(`"` + m[1] + `"`)
		if err != nil {
			t.Fatalf("%s: %v", m[1], err)
		}
		out = append(out, s)
	}
	return out
}

func TestDetectUnknown(t *testing.T) {
	t.Run("an unknown header is an error naming some of its columns", func(t *testing.T) {
		h := []string{"Volunteer", "Cell", "Zip", "Shirt size", "Favourite colour", "Pronouns", "Team"}
		f, m, err := Detect(h)
		if err == nil {
			t.Fatalf("recognised as %s", f.ID)
		}
		if !errors.Is(err, ErrUnrecognised) {
			t.Errorf("error %q does not wrap ErrUnrecognised", err)
		}
		for _, want := range []string{`"Volunteer"`, `"Cell"`, `"Shirt size"`, "2 more", "--format", "custom"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("error %q does not mention %s", err, want)
			}
		}
		if f != (Format{}) || m.Columns != nil {
			t.Errorf("got %+v, %+v with the error", f, m)
		}
	})
	t.Run("an empty header is an error", func(t *testing.T) {
		if _, _, err := Detect(nil); err == nil || !errors.Is(err, ErrUnrecognised) {
			t.Fatalf("got %v", err)
		}
		if _, _, err := Detect([]string{"", " "}); err == nil {
			t.Fatal("no error")
		}
	})
	t.Run("a generic people list is not mistaken for an export", func(t *testing.T) {
		if f, _, err := Detect([]string{"first_name", "last_name", "email", "phone", "zip"}); err == nil {
			t.Fatalf("recognised as %s", f.ID)
		}
	})
}

func TestMapColumns(t *testing.T) {
	nb, _ := ByID("nationbuilder")
	ost, _ := ByID("openstates")
	cf, _ := ByID("callform")
	t.Run("a volunteers format without names reports the name fields missing", func(t *testing.T) {
		_, missing := MapColumns(nb, []string{"nationbuilder_id", "email"})
		if !slices.Equal(missing, []Field{FirstName, LastName, FullName}) {
			t.Fatalf("missing %v", missing)
		}
	})
	t.Run("a first name alone is not a name", func(t *testing.T) {
		_, missing := MapColumns(nb, []string{"first_name", "email"})
		if !slices.Equal(missing, []Field{LastName, FullName}) {
			t.Fatalf("missing %v", missing)
		}
	})
	t.Run("a full name alone is enough", func(t *testing.T) {
		civi, _ := ByID("civicrm")
		if _, missing := MapColumns(civi, []string{"Display Name", "Email"}); missing != nil {
			t.Fatalf("missing %v", missing)
		}
	})
	t.Run("Open States without chamber and district reports both", func(t *testing.T) {
		m, missing := MapColumns(ost, []string{"id", "name", "email"})
		if !slices.Equal(missing, []Field{Chamber, District}) {
			t.Fatalf("missing %v", missing)
		}
		if !m.Has(Name) || !m.Has(OpenStatesID) || !m.Has(LegislatorEmail) {
			t.Fatalf("mapping %v", m.Columns)
		}
	})
	t.Run("a call form without an outcome reports it", func(t *testing.T) {
		_, missing := MapColumns(cf, []string{"Timestamp", "Legislator called", "Notes"})
		if !slices.Equal(missing, []Field{Outcome}) {
			t.Fatalf("missing %v", missing)
		}
	})
	t.Run("forcing the wrong format maps what it can and reports the rest", func(t *testing.T) {
		m, missing := MapColumns(ost, callFormHeader)
		if !slices.Equal(missing, []Field{Name, Chamber, District}) {
			t.Fatalf("missing %v", missing)
		}
		if len(m.Columns) != 0 {
			t.Fatalf("mapped %v", named(callFormHeader, m))
		}
	})
	t.Run("an unknown format maps nothing", func(t *testing.T) {
		m, missing := MapColumns(CustomFormat(KindCalls), callFormHeader)
		if len(m.Columns) != 0 || len(missing) != 3 {
			t.Fatalf("got %v, missing %v", m.Columns, missing)
		}
	})
}

func TestCustom(t *testing.T) {
	h := []string{"Volunteer First", "Volunteer Last", "E-mail", "Cell", "Labels"}
	t.Run("a lead's choice becomes a mapping", func(t *testing.T) {
		m, err := Custom(KindVolunteers, h, map[Field]string{FirstName: "Volunteer First",
			LastName: "volunteer_last", Mobile: "Cell", Tags: "Labels", Email: ""})
		if err != nil {
			t.Fatal(err)
		}
		checkMapping(t, h, m, map[Field]string{FirstName: "Volunteer First", LastName: "Volunteer Last",
			Mobile: "Cell", Tags: "Labels"})
		if got := m.Multi[Tags]; !slices.Equal(got, []int{4}) {
			t.Fatalf("Multi[Tags] = %v", got)
		}
	})
	t.Run("unknown header names are an error naming them", func(t *testing.T) {
		_, err := Custom(KindVolunteers, h, map[Field]string{FirstName: "Volunteer First",
			LastName: "Surname", Phone: "Home phone"})
		if err == nil {
			t.Fatal("no error")
		}
		for _, want := range []string{`"Surname"`, `"Home phone"`} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("error %q does not name %s", err, want)
			}
		}
	})
	t.Run("a field of another kind is an error", func(t *testing.T) {
		_, err := Custom(KindVolunteers, h, map[Field]string{FullName: "Volunteer First", Outcome: "Cell"})
		if err == nil || !strings.Contains(err.Error(), "outcome") {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("leaving out a required field is an error", func(t *testing.T) {
		_, err := Custom(KindCalls, []string{"When", "Who", "Result"}, map[Field]string{CalledAt: "When", Legislator: "Who"})
		if err == nil || !strings.Contains(err.Error(), "outcome") {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("an unknown kind is an error", func(t *testing.T) {
		if _, err := Custom("donors", h, nil); err == nil {
			t.Fatal("no error")
		}
	})
}

func TestOverride(t *testing.T) {
	h := []string{"nationbuilder_id", "first_name", "last_name", "email", "phone_number", "mobile_number", "tag_list", "tags"}
	f, base, err := Detect(h)
	if err != nil || f.ID != "nationbuilder" {
		t.Fatalf("detect: %v %v", f, err)
	}
	t.Run("the chosen columns replace the export's, the others stay", func(t *testing.T) {
		m, err := Override(KindVolunteers, h, base, map[Field]string{Phone: "mobile_number", Mobile: ""})
		if err != nil {
			t.Fatal(err)
		}
		if m.Columns[Phone] != 5 || m.Has(Mobile) || m.Columns[Email] != 3 {
			t.Errorf("columns %v", m.Columns)
		}
		if base.Columns[Phone] != 4 || !base.Has(Mobile) {
			t.Errorf("the base mapping was changed: %v", base.Columns)
		}
	})
	t.Run("a field chosen as the export maps it keeps all its columns", func(t *testing.T) {
		m, err := Override(KindVolunteers, h, base, map[Field]string{Tags: "tag_list", FirstName: "first_name"})
		if err != nil {
			t.Fatal(err)
		}
		if got := m.Multi[Tags]; !slices.Equal(got, []int{6, 7}) {
			t.Errorf("Multi[Tags] = %v", got)
		}
	})
	t.Run("another tag column replaces them all", func(t *testing.T) {
		m, err := Override(KindVolunteers, h, base, map[Field]string{Tags: "tags"})
		if err != nil {
			t.Fatal(err)
		}
		if got := m.Multi[Tags]; !slices.Equal(got, []int{7}) || m.Columns[Tags] != 7 {
			t.Errorf("Multi[Tags] = %v, Columns[Tags] = %d", got, m.Columns[Tags])
		}
	})
	t.Run("unmapping the name is refused", func(t *testing.T) {
		_, err := Override(KindVolunteers, h, base, map[Field]string{LastName: ""})
		if err == nil || !strings.Contains(err.Error(), "a name") {
			t.Fatalf("got %v", err)
		}
	})
}

func TestRequirements(t *testing.T) {
	t.Run("a volunteer needs a first and last name, or a full name", func(t *testing.T) {
		r := Requirements(KindVolunteers)
		if len(r) != 1 || len(r[0]) != 2 {
			t.Fatalf("%v", r)
		}
		for _, c := range []struct {
			fields []Field
			met    bool
		}{{[]Field{FirstName}, false}, {[]Field{FirstName, LastName}, true}, {[]Field{FullName}, true}, {[]Field{Email}, false}} {
			m := Mapping{Columns: map[Field]int{}}
			for i, f := range c.fields {
				m.Columns[f] = i
			}
			if got := r[0].Met(m); got != c.met {
				t.Errorf("%v: met %v", c.fields, got)
			}
			if missing := missingFor(KindVolunteers, m); (len(missing) == 0) != c.met {
				t.Errorf("%v: missing %v", c.fields, missing)
			}
		}
	})
	t.Run("call reports need when, whom and how it went", func(t *testing.T) {
		if got := fmt.Sprint(Requirements(KindCalls)); got != "[[[called_at]] [[legislator]] [[outcome]]]" {
			t.Errorf("%s", got)
		}
	})
	t.Run("a changed copy leaves the rule alone", func(t *testing.T) {
		Requirements(KindLegislators)[0][0][0] = Email
		if Requirements(KindLegislators)[0][0][0] != Name {
			t.Error("the requirements were changed through a copy")
		}
	})
}

func TestMappingGet(t *testing.T) {
	m := Mapping{Columns: map[Field]int{FirstName: 0, Email: 2, Tags: 1},
		Multi: map[Field][]int{Tags: {1, 3}}}
	row := []string{"  Ana ", "volunteer, spanish", " ana@example.org\t", " "}
	t.Run("a mapped cell comes back trimmed", func(t *testing.T) {
		if got := m.Get(row, FirstName); got != "Ana" {
			t.Fatalf("%q", got)
		}
		if got := m.Get(row, Email); got != "ana@example.org" {
			t.Fatalf("%q", got)
		}
	})
	t.Run("an unmapped field or a short row gives an empty string", func(t *testing.T) {
		if got := m.Get(row, LastName); got != "" {
			t.Fatalf("%q", got)
		}
		if got := m.Get(row[:1], Email); got != "" {
			t.Fatalf("%q", got)
		}
		if got := (Mapping{}).Get(row, Email); got != "" {
			t.Fatalf("%q", got)
		}
	})
	t.Run("GetAll reads every column of a multi-column field, skipping empties", func(t *testing.T) {
		if got := m.GetAll(row, Tags); !slices.Equal(got, []string{"volunteer, spanish"}) {
			t.Fatalf("%q", got)
		}
		if got := m.GetAll(row, Email); !slices.Equal(got, []string{"ana@example.org"}) {
			t.Fatalf("%q", got)
		}
		if got := m.GetAll(row, LastName); got != nil {
			t.Fatalf("%q", got)
		}
	})
}

func TestFormats(t *testing.T) {
	t.Run("the formats come in detection order", func(t *testing.T) {
		var ids []string
		for _, f := range Formats() {
			ids = append(ids, f.ID)
		}
		want := []string{"nationbuilder", "actionnetwork", "ngpvan", "civicrm", "openstates", "callform"}
		if !slices.Equal(ids, want) {
			t.Fatalf("%v", ids)
		}
	})
	t.Run("each format is found by its id and volunteers formats name their system", func(t *testing.T) {
		for _, f := range Formats() {
			got, ok := ByID(f.ID)
			if !ok || got != f {
				t.Errorf("ByID(%s) = %+v, %v", f.ID, got, ok)
			}
			if (f.Kind == KindVolunteers) != (f.System != "") || f.Name == "" {
				t.Errorf("%+v", f)
			}
		}
		if f, ok := ByID(" NationBuilder "); !ok || f.Name != "NationBuilder people export" {
			t.Errorf("ByID is not case-insensitive: %+v", f)
		}
	})
	t.Run("custom and unknown ids are not known formats", func(t *testing.T) {
		for _, id := range []string{"custom", "", "salesforce"} {
			if _, ok := ByID(id); ok {
				t.Errorf("ByID(%q) found", id)
			}
		}
		if f := CustomFormat(KindLegislators); f.ID != "custom" || f.Kind != KindLegislators {
			t.Errorf("%+v", f)
		}
	})
	t.Run("every format's fields belong to its kind", func(t *testing.T) {
		for _, s := range keyedSpecs() {
			for f := range s.aliases {
				if !slices.Contains(Fields(s.f.Kind), f) {
					t.Errorf("%s maps %s, not a %s field", s.f.ID, f, s.f.Kind)
				}
			}
		}
		if len(Fields(KindVolunteers)) != 45 || len(Fields(KindLegislators)) != 17 || len(Fields(KindCalls)) != 11 {
			t.Errorf("field counts %d %d %d", len(Fields(KindVolunteers)), len(Fields(KindLegislators)), len(Fields(KindCalls)))
		}
	})
}
