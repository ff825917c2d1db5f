package format

import (
	"slices"
	"strings"
	"sync"
)

// The exports ChapterDesk recognises: for each, the columns that identify it and the
// header names (as the export spells them) of the columns that fill each field.

// spec is what ChapterDesk knows of one export: the header names that fill each field,
// most preferred first, and the columns whose presence identifies the export.
type spec struct {
	f       Format
	aliases map[Field][]string // header keys, preferred first; the first present wins
	multi   map[Field][]string // header keys whose columns all fill the field
	// blocks are fields read together from one source, their aliases aligned: the
	// k-th alias of each is the k-th source's column (see Mapping.Blocks).
	blocks [][]Field
	// marks are the mark columns (see Mapping.Marks): by the mark's field, the header
	// key of each value column and of the yes/no column that says something of it.
	marks map[Field]map[string]string
	// sign reports whether the header is this export's; Detect scores only those.
	sign func(h header) bool
	// own reports whether a header key not read is one of the export's own columns,
	// left on purpose; a column neither read nor the export's own is an extra one (a
	// custom question), listed as not read (see ExtraColumns). nil: not known.
	own func(key string) bool
	// named are own columns not read whose values a lead would want to know are left
	// out (an employer, a volunteer's availability): named when they hold one, where
	// the export's other own columns are summed up (see OwnNotRead). Header keys.
	named map[string]bool
	// known holds every header key of aliases and multi (filled by init).
	known map[string]bool
}

// columnSet is a set of header names by key, for spec.own and spec.named.
func columnSet(names ...string) map[string]bool {
	set := make(map[string]bool, len(names))
	for _, n := range names {
		set[key(n)] = true
	}
	return set
}

// ownColumns is spec.own for an export whose own columns are names (by key), keyed at
// the first question (see keyedSpecs).
func ownColumns(names ...string) func(string) bool {
	set := sync.OnceValue(func() map[string]bool { return columnSet(names...) })
	return func(k string) bool { return set()[k] }
}

// nationBuilderOwn are the columns of NationBuilder's "export people" (its 211
// standard columns; an export adds the nation's custom fields after them).
var nationBuilderOwn = ownColumns(slices.Concat(strings.Fields(`nationbuilder_id first_name last_name
	suffix email email_opt_in email1 email1_is_bad email2 email2_is_bad email3 email3_is_bad email4
	email4_is_bad unsubscribed_at phone_number work_phone_number mobile_number mobile_opt_in
	is_mobile_bad fax_number do_not_call do_not_contact federal_donotcall website facebook_username
	twitter_login meetup_id supranational_district federal_district state_upper_district
	state_lower_district county_district city_district city_sub_district village_district
	judicial_district school_district school_sub_district fire_district precinct_name precinct_code
	media_market_name signup_type tag_list note employer occupation marital_status sex demo ethnicity
	language religion church born_at is_deceased is_prospect is_supporter support_level
	inferred_support_level priority_level created_at updated_at recruiter_name_or_email recruiter_id
	point_person_name_or_email parent_id capital_amount spent_capital_amount received_capital_amount
	is_donor is_fundraiser is_ignore_donation_limits first_donated_at last_donated_at donations_count
	donations_amount donations_raised_count donations_raised_amount donations_pledged_amount
	donations_count_this_cycle donations_amount_this_cycle donations_raised_count_this_cycle
	donations_raised_amount_this_cycle party previous_party inferred_party party_member registered_at
	is_active_voter is_early_voter is_absentee_voter is_permanent_absentee_voter
	support_probability_score turnout_probability_score is_customer first_invoice_at last_invoice_at
	active_customer_started_at active_customer_expires_at invoices_count closed_invoices_count
	outstanding_invoices_count invoices_amount closed_invoices_amount outstanding_invoices_amount
	is_volunteer availability membership_names`),
	nationBuilderAddresses())...)

// nationBuilderAddresses are the columns of NationBuilder's seven addresses
// (primary_city, registered_zip4, ...): the voter file's and the mailing one with
// their street's parts.
func nationBuilderAddresses() []string {
	parts := strings.Fields("address1 address2 address3 city county state zip country_code country fips submitted_address")
	street := strings.Fields(`street_number street_prefix street_name street_type street_suffix unit_number
		zip5 zip4 sort_sequence delivery_point lot carrier_route`)
	var out []string
	for _, a := range strings.Fields("primary address registered billing work mailing user_submitted") {
		ps := parts
		if a == "registered" || a == "mailing" {
			ps = slices.Concat(parts, street)
		}
		for _, p := range ps {
			out = append(out, a+"_"+p)
		}
	}
	return out
}

var specs = []spec{
	{
		f: Format{ID: "nationbuilder", Name: "NationBuilder people export", Kind: KindVolunteers, System: "nationbuilder"},
		aliases: map[Field][]string{
			ExternalID: {"nationbuilder_id", "id"},
			FirstName:  {"first_name"},
			LastName:   {"last_name"},
			FullName:   {"full_name"},
			NameSuffix: {"suffix"},
			Email:      {"email", "email1", "email2", "email3", "email4"},
			Phone:      {"phone_number", "work_phone_number"},
			Mobile:     {"mobile_number"},
			// The address blocks, the primary one first; see blocks.
			Address1: {"primary_address1", "address_address1", "registered_address1", "mailing_address1",
				"user_submitted_address1"},
			Address2: {"primary_address2", "address_address2", "registered_address2", "mailing_address2",
				"user_submitted_address2"},
			City: {"primary_city", "address_city", "registered_city", "mailing_city", "user_submitted_city"},
			State: {"primary_state", "address_state", "registered_state", "mailing_state",
				"user_submitted_state"},
			Zip:                 {"primary_zip", "address_zip", "registered_zip", "mailing_zip", "user_submitted_zip"},
			Country:             {"primary_country_code", "primary_country"}, // of the primary address only (see FixZip)
			SenateDistrict:      {"state_upper_district"},
			HouseDistrict:       {"state_lower_district"},
			Tags:                {"tag_list", "tags"},
			Languages:           {"language"},
			Notes:               {"note"},
			JoinedOn:            {"created_at"},
			BirthDate:           {"born_at"},
			DoNotCall:           {"do_not_call"},
			DoNotContact:        {"do_not_contact"},
			EmailOptIn:          {"email_opt_in"},
			TextOptIn:           {"mobile_opt_in"},
			RecruiterExternalID: {"recruiter_id"},
			Deceased:            {"is_deceased"},
			EmailUnsubscribedAt: {"unsubscribed_at"},
			FederalDoNotCall:    {"federal_donotcall"},
			MobileIsBad:         {"is_mobile_bad"},
		},
		multi:  map[Field][]string{Tags: {"tag_list", "tags"}},
		blocks: [][]Field{{Address1, Address2, City, State, Zip}},
		// The "email" column has no mark of its own: it is bad when it is a bad emailN.
		marks: map[Field]map[string]string{
			EmailIsBad: {"email1": "email1_is_bad", "email2": "email2_is_bad", "email3": "email3_is_bad",
				"email4": "email4_is_bad"},
		},
		sign: func(h header) bool {
			if h.has("nationbuilder_id") {
				return true
			}
			// Older exports name the id column plain "id": ask for some of NationBuilder's own columns too.
			return h.has("id") && h.count("tag_list", "primary_address1", "primary_city", "primary_zip",
				"state_upper_district", "state_lower_district", "email_opt_in", "mobile_opt_in",
				"do_not_contact", "recruiter_id", "signup_type", "support_level", "mobile_number") >= 3
		},
		own: nationBuilderOwn,
		named: columnSet("fax_number", "website", "facebook_username", "twitter_login", "employer", "occupation",
			"support_level", "priority_level", "point_person_name_or_email", "is_volunteer", "availability",
			"membership_names"),
	},
	{
		f: Format{ID: "actionnetwork", Name: "Action Network report", Kind: KindVolunteers, System: "actionnetwork"},
		aliases: map[Field][]string{
			ExternalID: {"uuid"},
			FirstName:  {"first_name"},
			LastName:   {"last_name"},
			Email:      {"email"},
			// Action Network keeps one phone per person, the number it texts.
			Mobile:     {"can2_phone", "phone", "phone_number", "mobile"},
			Address1:   {"can2_user_address", "address"},
			City:       {"can2_user_city", "city"},
			State:      {"can2_state_abbreviated", "can2_user_state", "state"},
			Zip:        {"zip_code", "zip", "postal_code"},
			Country:    {"country"},
			Tags:       {"can2_user_tags", "tags"},
			Languages:  {"language"},
			JoinedOn:   {"created_at", "created_date"},
			EmailOptIn: {"can2_subscription_status"},
			TextOptIn:  {"can2_sms_status"},
		},
		multi: map[Field][]string{Tags: {"can2_user_tags", "tags"}},
		sign: func(h header) bool {
			for _, k := range h.keys {
				if strings.HasPrefix(k, "can2") {
					return true
				}
			}
			return h.has("uuid") && h.has("email") && h.has("zip_code")
		},
		// A report's own fields are can2_…; custom questions come under their titles.
		own: func(k string) bool { return strings.HasPrefix(k, "can2") },
	},
	{
		f: Format{ID: "ngpvan", Name: "NGP VAN / EveryAction export", Kind: KindVolunteers, System: "ngpvan"},
		aliases: map[Field][]string{
			ExternalID: {"VanID", "Voter File VANID"},
			FirstName:  {"FirstName"},
			LastName:   {"LastName"},
			Email:      {"Email"},
			// Phone is the number VAN prefers for the person; many have no HomePhone.
			Phone:          {"Phone", "HomePhone", "WorkPhone"},
			Mobile:         {"CellPhone"},
			Address1:       {"StreetAddress", "Address"},
			City:           {"City"},
			State:          {"State"},
			Zip:            {"ZipOrPostal", "Zip5", "Zip"},
			Country:        {"Country", "CountryCode"},
			SenateDistrict: {"StateSenate"},
			HouseDistrict:  {"StateHouse"},
			TextOptIn:      {"OptInStatus"},
			TextOptInPhone: {"OptInPhone"},
			Notes:          {"Notes"},
		},
		marks: map[Field]map[string]string{PhoneIsCell: {"HomePhone": "IsHomePhoneACellExchange",
			"WorkPhone": "IsWorkPhoneACellExchange"}},
		sign: func(h header) bool { return h.has("VanID") || h.has("Voter File VANID") },
		// An export job's columns; an activist code or survey question comes as a
		// column of its own name.
		own: ownColumns("CanvassFileRequestID", "VanID", "Address", "FirstName", "LastName", "StreetAddress",
			"City", "State", "ZipOrPostal", "County", "Employer", "Occupation", "Email", "HomePhone",
			"IsHomePhoneACellExchange", "CellPhone", "WorkPhone", "IsWorkPhoneACellExchange", "Phone", "OptInPhone",
			"OptInStatus", "OptInPhoneType", "CongressionalDistrict", "StateHouse", "StateSenate", "Party",
			"PollingLocation", "PollingAddress", "PollingCity"),
		named: columnSet("Employer", "Occupation"),
	},
	{
		f: Format{ID: "civicrm", Name: "CiviCRM contact export", Kind: KindVolunteers, System: "civicrm"},
		aliases: map[Field][]string{
			ExternalID:  {"Contact ID"},
			FirstName:   {"First Name"},
			LastName:    {"Last Name"},
			FullName:    {"Display Name"},
			NameSuffix:  {"Individual Suffix"},
			Email:       {"Email"},
			Phone:       {"Phone"},
			Address1:    {"Street Address"},
			Address2:    {"Supplemental Address 1"},
			City:        {"City"},
			State:       {"State", "State/Province"},
			Zip:         {"Postal Code"},
			Country:     {"Country"},
			Tags:        {"Tag(s)", "Tags"},
			Languages:   {"Preferred Language"},
			Notes:       {"Note(s)", "Notes"},
			JoinedOn:    {"Created Date"},
			BirthDate:   {"Birth Date"},
			DoNotCall:   {"Do Not Phone"},
			DoNotEmail:  {"Do Not Email"},
			DoNotText:   {"Do Not Sms"},
			NoBulkEmail: {"No Bulk Emails (User Opt Out)"},
			Deceased:    {"Deceased", "Is Deceased"},
			InTrash:     {"Contact is in Trash"},
			ContactType: {"Contact Type"},
			EmailOnHold: {"On Hold"},
			PhoneType:   {"Phone Type"},
			PhoneExt:    {"Phone Extension"},
		},
		multi: map[Field][]string{Tags: {"Tag(s)", "Tags"}},
		sign: func(h header) bool {
			return h.has("Contact ID") && (h.has("Display Name") || h.has("Sort Name") || h.has("Contact Type"))
		},
		// "Export primary fields"; a custom field comes under its own label.
		own: ownColumns("Contact ID", "Contact Type", "Contact Subtype", "Do Not Email", "Do Not Phone",
			"Do Not Mail", "Do Not Sms", "Do Not Trade", "No Bulk Emails (User Opt Out)", "Legal Identifier",
			"External Identifier", "Sort Name", "Display Name", "Nickname", "Legal Name", "Image Url",
			"Preferred Communication Method", "Preferred Language", "Preferred Mail Format", "Contact Hash",
			"Contact Source", "First Name", "Middle Name", "Last Name", "Individual Prefix", "Individual Suffix",
			"Formal Title", "Communication Style", "Email Greeting ID", "Postal Greeting ID", "Addressee ID",
			"Job Title", "Gender", "Birth Date", "Deceased", "Deceased Date", "Household Name", "Organization Name",
			"Sic Code", "Unique ID (OpenID)", "Current Employer ID", "Contact is in Trash", "Created Date",
			"Modified Date", "Addressee", "Email Greeting", "Postal Greeting", "Current Employer", "Location Type",
			"Street Address", "Street Number", "Street Number Suffix", "Street Name", "Street Unit",
			"Supplemental Address 1", "Supplemental Address 2", "Supplemental Address 3", "City",
			"Postal Code Suffix", "Postal Code", "Latitude", "Longitude", "Is Manually Geocoded", "Address Name",
			"Master Address Belongs To", "County", "State", "Country", "Phone", "Phone Extension", "Phone Type",
			"Email", "On Hold", "Use for Bulk Mail", "Signature Text", "Signature Html", "IM Provider",
			"IM Screen Name", "OpenID", "World Region", "Website", "Group(s)", "Tag(s)", "Note(s)"),
		named: columnSet("Nickname", "Preferred Communication Method", "Job Title",
			"Current Employer", "Website", "Group(s)"),
	},
	{
		f: Format{ID: "openstates", Name: "Open States legislators", Kind: KindLegislators},
		aliases: map[Field][]string{
			OpenStatesID:    {"id"},
			Name:            {"name"},
			GivenName:       {"given_name"},
			FamilyName:      {"family_name"},
			Party:           {"current_party", "party"},
			Chamber:         {"current_chamber", "chamber"},
			District:        {"current_district", "district"},
			LegislatorEmail: {"email"},
			CapitolAddress:  {"capitol_address"},
			CapitolPhone:    {"capitol_voice", "capitol_phone"},
			CapitolFax:      {"capitol_fax"},
			DistrictAddress: {"district_address"},
			DistrictPhone:   {"district_voice", "district_phone"},
			DistrictFax:     {"district_fax"},
			URL:             {"links", "url"},
			ImageURL:        {"image", "image_url"},
			Gender:          {"gender"},
		},
		sign: func(h header) bool { return h.has("current_chamber") && h.has("current_district") },
	},
	{
		f: Format{ID: "callform", Name: "Call report form", Kind: KindCalls},
		aliases: map[Field][]string{
			// A question about when the call happened beats the form's submission Timestamp.
			CalledAt: {"called_at", "When did you call?", "Date of call", "Call date", "Date of the call",
				"Date", "Timestamp",
				// Google Forms' submission time in its Spanish, Portuguese, French and
				// German exports, and Microsoft Forms' (in English, Spanish and Portuguese)
				"Marca temporal", "Carimbo de data/hora", "Horodateur", "Zeitstempel", "Completion time",
				"Hora de finalización", "Hora de conclusão",
				"Fecha de la llamada", "¿Cuándo llamó?", "Data da ligação", "Quando você ligou?"},
			// A lead's own call log names the caller's columns its own way, in English,
			// Spanish or Portuguese; a column none of these names is left unread, and a
			// form with no caller's name read is refused (see OpenCallsWith).
			CallerName: {"Your name", "caller_name", "Caller", "Name", "Full name", "volunteer",
				"Volunteer name", "Caller's name", "Callers name", "Your full name", "Name of caller",
				"Nombre", "Tu nombre", "Su nombre", "Nombre completo", "Nombre del voluntario",
				"Nombre de la voluntaria", "Voluntario", "Voluntaria",
				"Nome", "Seu nome", "Nome completo", "Nome do voluntário", "Nome da voluntária", "Voluntário", "Voluntária"},
			CallerEmail: {"Your email", "Your email address", "caller_email", "Email Address", "Email",
				"volunteer_email", // ChapterDesk's own export
				"Volunteer email address", "Caller's email", "Correo", "Correo electrónico", "Tu correo",
				"Tu correo electrónico", "Seu e-mail", "Seu email", "E-mail do voluntário"},
			CallerTown: {"Your town", "Your town or city", "caller_town", "Town", "City", "Town/City",
				"Volunteer town", "Caller's town", "Ciudad", "Tu ciudad", "Pueblo", "Cidade", "Sua cidade"},
			Legislator: callLegislatorHeaders,
			// The form's versions in Spanish and Portuguese ask as the call sheets do
			// (reports/labels.go: "Oficina:", "Gabinete:", "¿Qué pasó?", ...).
			Office: {"Which office", "office", "Which office did you call?", "Oficina", "¿A qué oficina llamó?",
				"Gabinete", "Para qual gabinete você ligou?"},
			Outcome: callOutcomeHeaders,
			StanceHeard: {"What did they say about the bill?", "stance_heard", "What did they say?",
				"Stance", "Position", "¿Qué dijeron sobre el proyecto de ley?", "¿Qué dijeron sobre el proyecto?",
				"¿Qué dijeron?", "Postura", "O que disseram sobre o projeto de lei?", "O que disseram?", "Posição"},
			CallNotes: {"Notes", "call_notes", "Note", "Comments", "Anything else?", "Comentarios", "Notas",
				"Observaciones", "Comentários", "Observações"},
			ReportUUID: {"uuid"},           // ChapterDesk's own export
			CallerUUID: {"volunteer_uuid"}, // ChapterDesk's own export
		},
		sign: func(h header) bool {
			return h.any(callLegislatorHeaders...) && h.any(callOutcomeHeaders...)
		},
	},
}

// DayFirstTimestamp reports whether a call form's time column is named as Google
// or Microsoft Forms name it in Spanish, Portuguese or French ("Marca temporal",
// "Carimbo de data/hora", "Horodateur"; German's "Zeitstempel" too, though its sheets
// write dates with dots, read day first): the sheets of those languages often write
// the day first, so a time that reads either way may be another day than the one
// read (month first). TimestampLanguage names the language.
func DayFirstTimestamp(header string) bool { return TimestampLanguage(header) != "" }

// TimestampLanguage is the language a form's timestamp column named so is in, as
// a message names it ("Spanish or Portuguese", "French", "German"), "" for any
// other column.
func TimestampLanguage(header string) string {
	switch key(header) {
	case key("Marca temporal"), key("Carimbo de data/hora"), key("Hora de finalización"), key("Hora de conclusão"):
		return "Spanish or Portuguese"
	case key("Horodateur"):
		return "French"
	case key("Zeitstempel"):
		return "German"
	}
	return ""
}

// callLegislatorHeaders and callOutcomeHeaders name a call report form's legislator
// and outcome columns, in English, Spanish and Portuguese: a file with both is one.
var (
	callLegislatorHeaders = []string{"Legislator called", "legislator", "Which legislator?", "Who did you call?",
		"Legislator name", "Legislador", "Legislador(a)", "¿A quién llamó?", "Legislador llamado",
		"Para quem você ligou?", "Legislador(a) que você ligou"}
	callOutcomeHeaders = []string{"What happened?", "outcome", "Call outcome", "Result", "Call result",
		"How did the call go?", "¿Qué pasó?", "Resultado", "O que aconteceu?"}
)

// inBlock reports whether f is read with others from one source (see blocks).
func (s *spec) inBlock(f Field) bool {
	for _, b := range s.blocks {
		for _, g := range b {
			if g == f {
				return true
			}
		}
	}
	return false
}

// keyedSpecs returns specs with their aliases, written above the way the exports
// spell them, turned into keys to compare by: at the first use rather than at every
// start of the program, where it cost a few tenths of a millisecond of every verb.
var keyedSpecs = sync.OnceValue(func() []spec {
	for i := range specs {
		specs[i].known = map[string]bool{}
		for _, m := range []map[Field][]string{specs[i].aliases, specs[i].multi} {
			for _, names := range m {
				for j, n := range names {
					names[j] = key(n)
					specs[i].known[names[j]] = true
				}
			}
		}
		for mark, pairs := range specs[i].marks {
			keyed := map[string]string{}
			for v, c := range pairs {
				keyed[key(v)] = key(c)
			}
			specs[i].marks[mark] = keyed
		}
	}
	return specs
})
