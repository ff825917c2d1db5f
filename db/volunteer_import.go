package db

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"hash/maphash"
	"math/bits"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"
)

// IncomingVolunteer is a volunteer read from an import file, with where it came from.
type IncomingVolunteer struct {
	Line int
	Volunteer
	System     string // the export's system ("nationbuilder", "ngpvan", ...), for ExternalID
	ExternalID string // the person's id in that system
	// OptOutEmail and OptOutText say the file has the person opted out of email or
	// texts, not merely silent about it: a merge then closes that channel of the
	// person already on the roster (an opt-in never opens one).
	OptOutEmail, OptOutText bool
	// BadEmails are the addresses the file marks as not reaching the person
	// (NationBuilder's email1_is_bad ...): a person on the roster with one of them
	// is not emailed, whichever address the row gives.
	BadEmails []string
	// BadMobile is the mobile number the file marks as not reaching the person
	// (NationBuilder's is_mobile_bad), as the file writes it: the row does not give
	// it as the mobile; a person on the roster with that mobile keeps it, with texts
	// closed (OptOutText), and is listed (VolunteerImportSummary.BadMobiles).
	BadMobile string
	// BirthDate is the person's date of birth as the file gives it (YYYY-MM-DD when
	// read): not stored, only compared between rows of the file merged as one person
	// (see VolunteerImportSummary.MergedToCheck).
	BirthDate string
	// Deceased says the file has the person deceased: they are not added, and
	// someone already on the roster is made inactive (never deleted).
	Deceased bool
	// ConsentOnly says the row is of a contact the file leaves out otherwise (in its
	// system's trash, an organization): it adds no one and fills nothing, but what it
	// closes of the consent of the person it is on the roster is taken (see
	// narrowConsent), as a "do not call" always is.
	ConsentOnly bool
	// StatusSaid says the file gave the status (Volunteer.Status); otherwise it is
	// the default, active, which never differs from the roster's.
	StatusSaid bool
	// Recruiter is the name of who recruited the person, as ChapterDesk's own export
	// writes it; it is taken once all rows are in, when exactly one volunteer on the
	// roster has that name (see setRecruiters).
	Recruiter string
	// RecruiterUUID is the recruiter's UUID, as ChapterDesk's own export writes it
	// beside the name: when given, it alone says who recruited the person (a
	// volunteer of the file with that UUID, or one on the roster), never the name.
	// Volunteer.UUID, when given, is the person's own: a volunteer created keeps it
	// unless the database has it already (or is a chapter server: see rowUUIDs.keep).
	RecruiterUUID string
	// TagsWithSkills says the row's tags may hold skills too, as ChapterDesk's own
	// export wrote them before skills had a column: a tag the person has as a skill
	// is not added as a tag (it would be the skill twice).
	TagsWithSkills bool
	// Garbled is set by the import when it leaves the row out (see
	// VolunteerImportSummary.Garbled): a source that writes the rows left out to a
	// rejects file reads it once the row is handed over. nil for a row taken.
	Garbled *GarbledRow
	keys    incomingKeys
}

// incomingKeys is what matching needs of a row (see knownVolunteer), from Prepare.
type incomingKeys struct {
	ready                      bool
	email, phone, mobile, name uint64
	nameZip, external          uint64
	valuesHash, labelHash      uint64
	exactHash                  uint64 // of the values as written (see knownVolunteer.exactHash)
	first                      firstStem
	system                     string // the system of the row's external id; "" without one
	// byUUID says the row was matched by its UUID: it is of the app's own export,
	// which writes every field, so an empty cell is one emptied (see fillVolunteer).
	byUUID bool
	// badEmails are the keys of BadEmails (emailKey).
	badEmails []uint64
	// damage is what damagedValue found in the row: looked at once, by Prepare.
	damage rowDamage
}

// Prepare checks and normalizes the row as the store will (see Volunteer.Normalize)
// and works out what matching needs of it. An importer calls it on the goroutine
// that reads the file, which leaves less to the one writing the rows; the import
// prepares a row that was not.
func (in *IncomingVolunteer) Prepare() error {
	if in.OptOutEmail {
		in.OKEmail = false
	}
	if in.OptOutText {
		in.OKText = false
	}
	if err := in.normalize(); err != nil {
		return err
	}
	name, _ := in.nameKeys()
	k := &in.keys
	k.email, k.phone, k.mobile = emailKey(in.Email), key64(in.PhoneE164), key64(in.MobileE164)
	k.name = key64(name)
	k.nameZip = nameZipKey(k.name, in.Zip)
	k.external, k.system = 0, ""
	if in.ExternalID != "" {
		k.external, k.system = key64(in.System, in.ExternalID), in.System
	}
	k.first = stemOf(in.FirstName)
	k.badEmails = k.badEmails[:0]
	for _, e := range in.BadEmails {
		k.badEmails = append(k.badEmails, emailKey(strings.TrimSpace(e)))
	}
	values := volunteerFillValues(&in.Volunteer)
	k.valuesHash, k.exactHash, k.labelHash = hashValues(values), hashExact(values), incomingLabelHash(in)
	k.damage = damagedValue(&in.Volunteer)
	k.ready = true
	return nil
}

// VolunteerConflict is a field where the file and the roster disagree. The roster
// keeps its value; the lead decides.
type VolunteerConflict struct {
	Line   int
	Name   string
	Field  string
	Stored string
	InFile string
	// Taken says the file's value was written (ImportOptions.TakeFileValues).
	Taken bool
	// CaseOnly says the two differ only in letter case or accents ("greenfield" and
	// "Greenfield"), which a lead's edit in a spreadsheet may well be.
	CaseOnly bool
	// Kept says why the roster's value was kept, TakeFileValues or not: the file's
	// cell was empty (an import never erases), the file's value lost letters to its
	// encoding, or a status (never taken from a file). "" for a value taken with
	// TakeFileValues.
	Kept string
}

// VolunteerImportSummary is what a volunteer import did, or would do in a dry run.
type VolunteerImportSummary struct {
	ImportSummary
	Merged    int // rows that were the same person as an earlier row of the file
	Conflicts []VolunteerConflict
	// Possible lists new volunteers who may be someone already there: the same name
	// and zip and nothing to tell them apart, or the same email or phone and another
	// first name or id (see match). Created, for the lead to review.
	Possible []PossibleDuplicate
	// IDsElsewhere lists the rows whose id in their system is someone else's on the
	// roster (see strangers): added as new people (or matched by email or phone), the
	// id not stored. NationBuilder ids are small integers that another nation's
	// export reuses.
	IDsElsewhere []PossibleDuplicate
	// InTrash lists the rows that are a person the lead put in the trash (found by
	// their id in the file's system, their email, or their phone and name; see
	// trashedVolunteers): left in the trash, not added again, VolunteerID theirs.
	InTrash []PossibleDuplicate
	// MadeInactive lists the volunteers on the roster the file has deceased, made
	// inactive (and counted in Updated).
	MadeInactive []MadeInactive
	// RecruitersNotSet lists the recruiters named in the file that were not set,
	// and why.
	RecruitersNotSet []RecruiterNotSet
	// DistrictsNotRead lists the districts of the file that no district of the
	// legislators' directory reads as (an unknown code, "099"): stored as the file
	// writes them, so the district filter, call sheets and the By district sheet do
	// not find those volunteers until the lead corrects them. A chamber the directory
	// has no legislators for is not judged.
	DistrictsNotRead []DistrictNotRead
	// DistrictsNotReadCount counts every such district; DistrictsNotRead lists the
	// first maxListedChanges (a file of made-up districts would list one a row).
	DistrictsNotReadCount int
	notReadSeen           map[uint64]int // the districts counted, by hash: their index in DistrictsNotRead, -1 past it
	notReadSeed           maphash.Seed
	// BadMobiles lists the volunteers on the roster whose mobile the file marks bad
	// (IncomingVolunteer.BadMobile): the number is kept, as it is shown, and no text
	// goes to it.
	BadMobiles []BadMobile
	// MergedToCheck lists the rows merged with an earlier row of the file though
	// they differ in what tells two people apart (a birth date, an email): a father
	// and son of one name on one household phone, for the lead to split.
	MergedToCheck []PossibleDuplicate
	// MergedRows lists every row merged with an earlier row of the file (counted in
	// Merged), with that row's line.
	MergedRows []MergedRow
	// Garbled lists the new volunteers left out (ImportOptions.SkipBadRows) as a
	// value of theirs is UTF-8 read as Windows-1252 (see DoubleEncoded) in a file
	// whose other accented text is right: one record saved so where it came from.
	// Stored, "MarÃ­a" would be the name on every call sheet; repaired, a wrong
	// guess would be silent. (A file with no accented text right is refused whole.)
	Garbled []GarbledRow
	// Ambiguous lists the rows that fit two or more people on the roster or of the
	// file's earlier rows, on one email (Sam, on the address Samuel and Samantha Lee
	// share): they changed no one, as a "do not call" must not go to the wrong one.
	Ambiguous []AmbiguousRow
}

// AmbiguousRow is a row that fits several people (VolunteerImportSummary.Ambiguous).
type AmbiguousRow struct {
	Line int
	Name string
	Fits []RosterPerson // in the order they were added
}

// MergedRow is a row of a file merged with an earlier row of it: one person twice.
type MergedRow struct {
	Line        int
	Name        string
	EarlierLine int   // the line of the row it was merged with (the first of that person)
	VolunteerID int64 // the volunteer the earlier row added
}

// RosterPerson is a volunteer named for the lead.
type RosterPerson struct {
	ID   int64
	Name string
}

// BadMobile is a volunteer on the roster whose mobile an import's file marks bad.
type BadMobile struct {
	Line        int
	Name        string
	VolunteerID int64
	Mobile      string // as the roster has it
}

// notRead counts a district of line not found in the directory.
func (s *VolunteerImportSummary) notRead(ch Chamber, typed string, line int) {
	if s.notReadSeen == nil {
		s.notReadSeen, s.notReadSeed = map[uint64]int{}, maphash.MakeSeed()
	}
	// Every district is counted once, by a hash of it (8 bytes, not its text): a
	// file of made-up districts lists the first few hundred, and counts them all.
	key := maphash.String(s.notReadSeed, string(ch)+"\x00"+typed)
	i, seen := s.notReadSeen[key]
	if !seen {
		s.DistrictsNotReadCount++
		i = -1
		if len(s.DistrictsNotRead) < maxListedChanges {
			s.DistrictsNotRead = append(s.DistrictsNotRead, DistrictNotRead{Chamber: ch, District: typed, FirstLine: line})
			i = len(s.DistrictsNotRead) - 1
		}
		s.notReadSeen[key] = i
	}
	if i >= 0 {
		s.DistrictsNotRead[i].Rows++
	}
}

// DistrictNotRead is a district of an import's file not found in the directory.
type DistrictNotRead struct {
	Chamber   Chamber
	District  string // as the file writes it
	Rows      int
	FirstLine int
}

// GarbledRow is a row left out as a value of it is damaged by an encoding.
type GarbledRow struct {
	Line    int
	Name    string // the volunteer's name as the file has it
	UUID    string // the row's own UUID, "" for none (a recruiter may name it)
	Field   string // the column of the store the value is for ("first_name", "tags")
	Value   string // as the file has it: "MarÃ­a"
	ReadsAs string // what it reads as: "María"
	Why     string // the value, what it reads as and the way out, said (not the field)
}

// ErrBadRows says an import was refused as rows of its file cannot be imported as
// they are, and it was not to leave them out (ImportOptions.SkipBadRows): nothing was
// written. The importer's bad rows are the same error.
var ErrBadRows = errors.New("the file has rows that cannot be imported")

// RecruiterNotSet is a recruiter named in the file and not set: no volunteer, or
// several, have that name.
type RecruiterNotSet struct {
	Line      int
	Name      string // the volunteer recruited
	Recruiter string // as the file names them
	Why       string
}

// MadeInactive is a volunteer made inactive by an import, as the file has them deceased.
type MadeInactive struct {
	Line        int
	Name        string
	VolunteerID int64
}

// PossibleDuplicate is a new volunteer who may be someone already on the roster.
type PossibleDuplicate struct {
	Line        int
	Name        string
	VolunteerID int64  // the one already there
	Why         string // what they share: "same name and zip", "same email or phone"
}

// VolunteerSource hands an import's rows to fn one at a time, stopping at fn's first
// error; an error of its own (a bad row, a file that cannot be read) aborts the whole
// import, which then writes nothing. A file can so be read while it is imported.
type VolunteerSource func(fn func(*IncomingVolunteer) error) error

// VolunteerRows is a source over rows already in memory.
func VolunteerRows(rows []IncomingVolunteer) VolunteerSource {
	return func(fn func(*IncomingVolunteer) error) error {
		for i := range rows {
			if err := fn(&rows[i]); err != nil {
				return err
			}
		}
		return nil
	}
}

// maxListedChanges bounds the changes a summary lists (its counts are complete): a
// preview shows a lead the first few hundred, not a hundred thousand lines.
const maxListedChanges = 500

func (s *ImportSummary) list(c ImportChange) {
	if len(s.Changes) < maxListedChanges {
		s.Changes = append(s.Changes, c)
	}
}

// volunteerFillCols are the text fields an import may fill when the roster has them
// empty; it never overwrites one the roster has (that is a conflict). The notes come
// last: a record's match by its values (byRecord) leaves them out (see hashValues).
var volunteerFillCols = []string{"first_name", "last_name", "email", "phone", "phone_e164", "mobile", "mobile_e164",
	"address1", "address2", "city", "state", "zip", "senate_district", "house_district", "joined_on", "notes"}

func volunteerFillValues(v *Volunteer) []string {
	a := volunteerFillArray(v)
	return a[:]
}

// volunteerFillArray is volunteerFillValues without a slice to allocate: a check of
// every row of a file (damagedValue) keeps it on the stack.
func volunteerFillArray(v *Volunteer) [16]string {
	return [...]string{v.FirstName, v.LastName, v.Email, v.Phone, v.PhoneE164, v.Mobile, v.MobileE164, v.Address1,
		v.Address2, v.City, v.State, v.Zip, v.SenateDistrict, v.HouseDistrict, v.JoinedOn, v.Notes}
}

// notesCol is the notes' place in volunteerFillCols.
const notesCol = 15

// conflictCols are the fields whose disagreement is worth telling the lead about
// (a phone written another way, or the normalized number, is not). A name or notes
// edited in the app's own export are the lead's edits as much as a city.
var conflictCols = map[string]bool{"first_name": true, "last_name": true, "email": true, "phone_e164": true,
	"mobile_e164": true, "address1": true, "city": true, "zip": true, "senate_district": true, "house_district": true,
	"notes": true}

// caseListed are the conflictCols whose difference in letter case or accents alone
// is listed too: what a person reads on a call sheet. An email's case means nothing,
// and zips and districts are numbers.
var caseListed = map[string]bool{"first_name": true, "last_name": true, "city": true, "address1": true}

// knownVolunteer is what matching needs of a roster entry: its match keys and a
// fingerprint of the rest, each as a 64-bit hash (see key64), not the values
// themselves. It holds no pointer, so a 100,000-person roster is a few megabytes the
// garbage collector never scans, where the strings took tens. The fields are read
// from the database only when a row's fingerprint says something may change.
type knownVolunteer struct {
	id            int64
	email         uint64 // key64 of the lower-case address; 0 when none
	phone, mobile uint64 // key64 of the E.164 numbers; 0 when none
	name          uint64 // key64 of fold(first + " " + last)
	external      uint64 // key64(system, id) of its first id in another system (see byExternal); 0 when none
	nameZip       uint64 // nameZipKey of the name and zip it was added with (or town: rosterPlace)
	first         firstStem
	labelHash     uint64
	// exactHash is the values' hash with letter case kept: a row that differs from
	// the roster only in case ("greenfield", "Greenfield") is read and its difference
	// listed, where matching is blind to case. (The case-blind hash of the values,
	// valuesHash, is not kept: only the byRecord table needs it, as its key, so an
	// entry is 8 bytes less: 7.6 MB at the peak of a million-row import.)
	exactHash uint64
	num       entryNum // its place in the index (set by add; it fits the padding)
	consent   consent
	thisFile  bool // created by this import
	// status is the volunteer's status as statusCode writes it, for a file that
	// gives statuses to be compared without a query a row (it fits the padding).
	status uint8
	// systems are the systems the entry has an id in, a bit each (systemBits; it
	// fits the padding): a row of that system with another id is another person.
	systems uint8
}

// statusCode is a status as one byte: its place in VolunteerStatuses, from 1; 0 for
// one not there, which is read from the database when needed.
func statusCode(st VolunteerStatus) uint8 {
	if i := slices.Index(VolunteerStatuses, st); i >= 0 {
		return uint8(i + 1)
	}
	return 0
}

// consent is what a roster entry may be contacted by, as bits (one byte, where four
// bools would take the entry past its padding).
type consent uint8

const (
	mayCall consent = 1 << iota
	mayEmail
	mayText
	doNotContact
)

// consentOf is the consent of a volunteer's flags.
func consentOf(okCall, okEmail, okText, dnc bool) consent {
	var c consent
	for _, f := range []struct {
		on  bool
		bit consent
	}{{okCall, mayCall}, {okEmail, mayEmail}, {okText, mayText}, {dnc, doNotContact}} {
		if f.on {
			c |= f.bit
		}
	}
	return c
}

// after is c made as strict as the row says, never less: a "do not call", an
// opt-out of email or texts or a "do not contact" closes its channels; a "yes"
// opens none, so a person who opted out stays out whatever a later export says.
// email is the roster entry's address (its emailKey): one the row marks bad
// (BadEmails) closes email too.
func (c consent) after(in *IncomingVolunteer, email uint64) consent {
	if !in.OKCall {
		c &^= mayCall
	}
	if in.OptOutEmail || email != 0 && slices.Contains(in.keys.badEmails, email) {
		c &^= mayEmail
	}
	if in.OptOutText {
		c &^= mayText
	}
	if in.DoNotContact {
		c = c&^(mayCall|mayEmail|mayText) | doNotContact
	}
	return c
}

// NarrowsConsent reports whether the row closes a way to contact the person (see
// consent.after), whatever the roster allows now.
func (in *IncomingVolunteer) NarrowsConsent() bool {
	return !in.OKCall || in.OptOutEmail || in.OptOutText || in.DoNotContact || len(in.BadEmails) > 0
}

// columns are the consent's values as the volunteers table's ok_call, ok_email,
// ok_text and do_not_contact hold them.
func (c consent) columns() []string {
	return []string{boolText(c&mayCall != 0), boolText(c&mayEmail != 0), boolText(c&mayText != 0),
		boolText(c&doNotContact != 0)}
}

// consentCols are the columns of consent.columns.
var consentCols = []string{"ok_call", "ok_email", "ok_text", "do_not_contact"}

// keySeed seeds key64. It is new in every process: a key is only ever compared
// with keys of the same import.
var keySeed = maphash.MakeSeed()

// emailKey is the key of an email address: in lower case and one form of each
// accented letter (NFC), as the volunteers' normalize stores it.
// A placeholder address (none@none.com) is no one's: its key is 0, as for none, so
// that it matches no one (two people who typed it are not one).
func emailKey(email string) uint64 {
	if PlaceholderEmail(email) {
		return 0
	}
	return key64(strings.ToLower(norm.NFC.String(email)))
}

// placeholderLocal are the words typed for "no email" before the @ (noemail@...,
// none@...), and placeholderDomain those after it (test@test.com, x@none.com).
var (
	placeholderLocal = map[string]bool{"none": true, "noemail": true, "no-email": true, "no_email": true, "no.email": true, "nomail": true,
		"donotemail": true, "na": true, "n/a": true, "noone": true, "nobody": true, "null": true, "unknown": true, "no": true,
		"noreply": true, "no-reply": true, "declined": true, "refused": true, "fake": true, "dummy": true, "xxx": true, "asdf": true}
	placeholderDomain = map[string]bool{"none": true, "noemail": true, "nomail": true, "test": true, "na": true, "fake": true}
)

// PlaceholderEmail reports whether an address is one typed into a form that requires
// one by a person who has none (none@none.com, no@email.com, noemail@gmail.com,
// na@na.com, test@test.com): no one's, so never stored nor matched on.
func PlaceholderEmail(email string) bool {
	local, domain, ok := strings.Cut(strings.ToLower(strings.TrimSpace(email)), "@")
	if !ok {
		return false
	}
	first, _, _ := strings.Cut(domain, ".")
	return placeholderLocal[local] || placeholderDomain[first]
}

// key64 is the match key of a value: 0 for none, otherwise a 64-bit hash. Two
// different values share a key with odds of about one in 10^9 over a 100,000-person
// roster, and as the seed changes with every run, a coincidence cannot repeat.
func key64(parts ...string) uint64 {
	if len(parts) == 1 && parts[0] == "" {
		return 0
	}
	var h maphash.Hash
	h.SetSeed(keySeed)
	for _, p := range parts {
		h.WriteString(p)
		h.WriteByte(0)
	}
	if k := h.Sum64(); k != 0 {
		return k
	}
	return 1
}

// hashValues is a fingerprint of fillable values but the notes, blind to letter case
// (as matching is): a record without email or phone whose notes were edited is still
// the one already there.
func hashValues(values []string) uint64 { return hashWith(values[:notesCol], true) }

// hashExact is a fingerprint of fillable values as they are written.
func hashExact(values []string) uint64 { return hashWith(values, false) }

// hashWith is FNV-1a over each value and a 0 after it, each value in lower case when
// lower says so: a value of ASCII is lowered a byte at a time as it is hashed, with
// no copy (the fingerprints of every row of an import), any other through
// strings.ToLower.
func hashWith(values []string, lower bool) uint64 {
	const offset, prime = 14695981039346656037, 1099511628211
	h := uint64(offset)
	for _, v := range values {
		if lower && !isASCII(v) {
			v = strings.ToLower(v)
		}
		for i := 0; i < len(v); i++ {
			c := v[i]
			if lower && 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			h = (h ^ uint64(c)) * prime
		}
		h *= prime // the 0 after the value
	}
	return h
}

// labelHash is an order-blind fingerprint of labels: the sum of each one's hash.
func labelHash(sum uint64, kind, name string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(kind + "\x00" + strings.ToLower(name)))
	return sum + h.Sum64()
}

func incomingLabelHash(in *IncomingVolunteer) uint64 {
	var sum uint64
	for _, t := range in.Tags {
		sum = labelHash(sum, "tag", t)
	}
	for _, t := range in.Skills {
		sum = labelHash(sum, "skill", t)
	}
	for _, l := range in.Languages {
		sum = labelHash(sum, "lang", l)
	}
	return sum
}

func zip5(z string) string {
	z = strings.TrimSpace(z)
	if len(z) > 5 && (z[5] == '-' || z[5] == ' ') {
		return z[:5]
	}
	return z
}

// sameImported reports whether a value in an import file and the roster's are the
// same once written alike, so a file re-saved by a spreadsheet is not a list of
// "values differ": case, accents and spaces aside everywhere; a zip compared by its
// first five digits with the leading zero a spreadsheet strips put back ("2134" is
// "02134"); a district's numbers without their leading zeros ("002" is "2"). Phones
// are compared in E.164 (their columns hold it), emails in any letter case.
func sameImported(col, a, b string) bool {
	switch col {
	case "zip":
		return padZip(zip5(a)) == padZip(zip5(b))
	case "senate_district", "house_district":
		return districtNumbers(a) == districtNumbers(b)
	}
	return a == b || fold(a) == fold(b)
}

// padZip puts back the leading zero of a 4-digit zip.
func padZip(z string) string {
	if len(z) == 4 && strings.Trim(z, "0123456789") == "" {
		return "0" + z
	}
	return z
}

// districtNumbers is a district folded, with leading zeros dropped from its numbers.
func districtNumbers(d string) string {
	f := fold(d)
	var b strings.Builder
	b.Grow(len(f))
	for i := 0; i < len(f); i++ {
		c := f[i]
		startsNumber := c == '0' && (i == 0 || f[i-1] < '0' || f[i-1] > '9')
		if startsNumber {
			j := i
			for j+1 < len(f) && f[j] == '0' && f[j+1] >= '0' && f[j+1] <= '9' {
				j++
			}
			i = j
			c = f[i]
		}
		b.WriteByte(c)
	}
	return b.String()
}

// nameZipKey is the key of a name and zip (or a town, townPlace), 0 when either is missing.
func nameZipKey(name uint64, zip string) uint64 {
	place := zip5(zip)
	if strings.HasPrefix(zip, townPrefix) {
		place = zip
	}
	if name == 0 || place == "" {
		return 0
	}
	return key64(strconv.FormatUint(name, 16), place)
}

// townPrefix marks a town where nameZipKey takes a zip.
const townPrefix = "town:"

// townPlace is a town as nameZipKey takes it ("" for none).
func townPlace(city string) string {
	if c := fold(city); c != "" {
		return townPrefix + c
	}
	return ""
}

// rosterPlace is where a roster entry is indexed by name (byNameZip): its zip, or its
// town when it has no zip, email or phone — a caller a call form added by name and
// town, whom a roster export bringing the same name and town may be (possible).
func rosterPlace(k *knownVolunteer, zip, city string) string {
	if zip5(zip) == "" && k.email == 0 && k.phone == 0 && k.mobile == 0 {
		return townPlace(city)
	}
	return zip
}

// add stores an entry, indexed by its email, phones and name and zip, or, with none
// of email and phones, by valuesHash, its values' case-blind hash (hashValues).
func (ix *volunteerIndex) add(k knownVolunteer, zip string, valuesHash uint64) *knownVolunteer {
	first := ix.grow(1)
	e := ix.at(entryNum(first))
	*e = k
	e.num = entryNum(first)
	e.nameZip = nameZipKey(e.name, zip)
	ix.index(e, valuesHash)
	return e
}

// grow makes room for n more entries and returns the place of the first; the
// caller fills them, then indexes each (index).
func (ix *volunteerIndex) grow(n int) int {
	if ix.n+n > maxEntries {
		panic("volunteer index: more than 2^31 volunteers")
	}
	first := ix.n
	ix.n += n
	grown := false
	for len(ix.blocks)*indexBlock < ix.n {
		ix.blocks = append(ix.blocks, new([indexBlock]knownVolunteer))
		grown = true
	}
	if grown {
		ix.gc.sized(ix.bytes())
	}
	return first
}

// index enters the filled entry e in the index's tables; valuesHash is as for add.
func (ix *volunteerIndex) index(e *knownVolunteer, valuesHash uint64) {
	if e.email != 0 {
		ix.byEmail.add(e.email, uint32(e.num))
	}
	ix.addPhone(e.phone, e)
	if e.mobile != e.phone {
		ix.addPhone(e.mobile, e)
	}
	ix.byNameZip.add(e.nameZip, uint32(e.num))
	if e.email == 0 && e.phone == 0 && e.mobile == 0 {
		ix.byRecord.set(valuesHash, uint32(e.num))
		if e.nameZip != 0 {
			ix.byTown++ // may be indexed by town (rosterPlace): possible looks there too
		}
	}
}

// match finds the roster entry an incoming row is: by its id in the export's system,
// then by email (any letter case), then by phone when the names agree too (case and
// accents ignored: households share a phone, and two people on one line are two
// volunteers). Households and couples share an email too: an entry with the row's
// email or phone is another person when the first names clearly differ (see
// firstStem.differs), or when it has another id in the row's system and the names
// are not the same. (The same name, email and another id is the other system's own
// duplicate record, which NationBuilder and VAN exports hold plenty of: merged, as
// TestImportNationBuilder's truth file says.) The first entry found to be another
// person is returned as other, for the lead to review the new person beside.
//
// An entry with the row's id whose name differs and that shares no email or phone
// with the row (strangers) is not the row's person: it is returned as taken, and the
// row is matched as one without an id.
//
// A row that fits two or more people on its email who are not one person (Sam, on
// the address Samuel and Samantha share) is none of them: they are returned as
// ambiguous, k nil, unless one of them has the row's very name.
func (ix *volunteerIndex) match(in *incomingKeys) (k, other, taken *knownVolunteer, ambiguous []*knownVolunteer) {
	if k := ix.external(in.external); k != nil {
		if !strangers(k, in) {
			return k, nil, nil, nil
		}
		taken = k
	}
	fits := func(k *knownVolunteer) bool {
		return sameByEmail(k.first, in.first) && (k.name == in.name || !ix.otherID(k, in.system))
	}
	samePerson := func(k *knownVolunteer) bool {
		if fits(k) {
			return true
		}
		if other == nil {
			other = k
		}
		return false
	}
	if k := ix.find(&ix.byEmail, plainEntry, in.email, samePerson); k != nil {
		if k.name == in.name && in.name != 0 {
			return k, nil, taken, nil
		}
		switch all := ix.allFitting(in, fits); len(all) {
		case 0:
			return k, nil, taken, nil
		case 1: // the row's very name
			return all[0], nil, taken, nil
		default:
			return nil, nil, taken, all
		}
	}
	// Another name on a shared phone is a household member, not news to the lead.
	sameName := func(k *knownVolunteer) bool { return sameByPhone(k.name, in.name) && samePerson(k) }
	for _, p := range []uint64{in.phone, in.mobile} {
		if k := ix.find(&ix.byPhone, phoneEntry, p, sameName); k != nil {
			return k, nil, taken, nil
		}
	}
	// A record with no email or phone ("Jo Ames, Boston") is the one already there
	// that has the same name and every other value: the same file imported again.
	if in.email == 0 && in.phone == 0 && in.mobile == 0 {
		if r, ok := ix.byRecord.get(in.valuesHash); ok {
			if k := ix.at(entryNum(r)); k.name == in.name && k.email == 0 && k.phone == 0 && k.mobile == 0 {
				return k, nil, taken, nil
			}
		}
	}
	return nil, other, taken, nil
}

// allFitting returns the entries on the row's email that fit it, when two of them are
// not one person (their first names differ): ambiguous, in the order they were added.
// An entry with the row's very name is the row's: it is returned alone. Otherwise nil.
func (ix *volunteerIndex) allFitting(in *incomingKeys, fits func(*knownVolunteer) bool) []*knownVolunteer {
	var all []*knownVolunteer
	ix.find(&ix.byEmail, plainEntry, in.email, func(k *knownVolunteer) bool {
		if fits(k) {
			all = append(all, k)
		}
		return false // on to the next
	})
	for _, k := range all {
		if k.name == in.name && in.name != 0 {
			return []*knownVolunteer{k}
		}
	}
	for i, a := range all {
		for _, b := range all[i+1:] {
			if a.first.differs(b.first) {
				slices.SortFunc(all, func(a, b *knownVolunteer) int { return cmp.Compare(a.num, b.num) })
				return all
			}
		}
	}
	return nil
}

// sameByEmail: two people with one email address are one person unless their first
// names clearly differ (a couple's, a household's shared address). The import's match
// and the coalition's count of people (countPeople) both decide so.
func sameByEmail(a, b firstStem) bool { return !a.differs(b) }

// sameByPhone: two people with one phone number are one person only with the same
// name (name keys, fold of first and last) too: households share a phone. sameByEmail
// holds as well where the import's match asks it.
func sameByPhone(aName, bName uint64) bool { return aName == bName }

// firstStem is the start of a first name, folded and with only its letters and
// digits, up to 8 bytes packed high byte first (0: no first name): enough to tell
// John from Jane, and small enough to keep in every index entry.
type firstStem uint64

func stemOf(first string) firstStem {
	var s firstStem
	n := 0
	f := fold(first)
	for i := 0; i < len(f) && n < 8; i++ {
		if c := f[i]; c >= 0x80 || ('a' <= c && c <= 'z') || ('0' <= c && c <= '9') {
			s |= firstStem(c) << (56 - 8*n)
			n++
		}
	}
	return s
}

// differs reports whether two first names clearly belong to two people: both are
// there, neither is the start of the other (Pat and Patricia may be one person), and
// they are not a nickname and its name (Bob and Robert, Liz and Elizabeth): John and
// Jane differ. So do Mark and Mary, one letter apart: a couple on one email, kept as
// two people and listed for the lead, is better than two people made one.
func (a firstStem) differs(b firstStem) bool {
	if a == 0 || b == 0 || a.startOf(b) || b.startOf(a) {
		return false
	}
	return !slices.Contains(stemNicknames[a.String()], b.String())
}

// String is the stem's letters.
func (a firstStem) String() string {
	var b [8]byte
	n := 0
	for ; n < 8 && byte(a>>(56-8*n)) != 0; n++ {
		b[n] = byte(a >> (56 - 8*n))
	}
	return string(b[:n])
}

// stemNicknames is nicknames (see resolve.go) with every name cut to a stem's 8 bytes.
var stemNicknames = func() map[string][]string {
	cut := func(s string) string { return s[:min(len(s), 8)] }
	m := map[string][]string{}
	for name, others := range nicknames {
		for _, o := range others {
			m[cut(name)] = append(m[cut(name)], cut(o))
		}
	}
	return m
}()

// startOf reports whether a's letters begin b's.
func (a firstStem) startOf(b firstStem) bool {
	pad := bits.TrailingZeros64(uint64(a)) / 8 * 8 // the unused bytes; every used one is not 0
	return pad == 64 || a>>pad == b>>pad
}

// possible finds a roster entry with the same name and zip that nothing tells apart
// from the row. Common names repeat within a zip, so this is never merged on its own:
// the import lists it for the lead to review.
// Of an entry with no zip, email or phone (rosterPlace), the same name and town is
// enough to list; the town's key is worked out only when the roster has such entries.
func (ix *volunteerIndex) possible(in *incomingKeys, city string) (*knownVolunteer, string) {
	notOther := func(k *knownVolunteer) bool { return !contradicts(k, in) }
	if k := ix.find(&ix.byNameZip, plainEntry, in.nameZip, notOther); k != nil {
		return k, "same name and zip"
	}
	if ix.byTown > 0 {
		if k := ix.find(&ix.byNameZip, plainEntry, nameZipKey(in.name, townPlace(city)), notOther); k != nil {
			return k, "same name and town"
		}
	}
	return nil, ""
}

// alikeOnPhone finds the entry, the first added, on the row's phone or mobile whose
// name is not the row's but whose first name fits it (see firstStem.differs): Rob
// or Bob for Robert, Mary for Mary Ann, Mary-Ann for Maryann, Robert J. for Robert,
// Linda Smith for Linda Jones (a married name). match takes a phone's person only
// by the very name, as households share a phone; such a row is added, and listed
// for the lead. A clearly other first name (Jane beside John) is the household's
// second person: nil.
func (ix *volunteerIndex) alikeOnPhone(in *incomingKeys) *knownVolunteer {
	var alike *knownVolunteer
	for _, p := range []uint64{in.phone, in.mobile} {
		ix.find(&ix.byPhone, phoneEntry, p, func(k *knownVolunteer) bool {
			if k.name != in.name && !k.first.differs(in.first) && (alike == nil || k.num < alike.num) {
				alike = k
			}
			return false // on to the next
		})
	}
	return alike
}

// contradicts reports whether two records with the same name and zip cannot be one
// person: each has an email and they differ, or each has a phone and none is shared.
func contradicts(k *knownVolunteer, in *incomingKeys) bool {
	if in.email != 0 && k.email != 0 && in.email != k.email {
		return true
	}
	if (in.phone == 0 && in.mobile == 0) || (k.phone == 0 && k.mobile == 0) {
		return false
	}
	return !sharePhone(k, in)
}

// sharePhone reports whether the entry and the row have a phone number in common.
func sharePhone(k *knownVolunteer, in *incomingKeys) bool {
	for _, a := range []uint64{in.phone, in.mobile} {
		for _, b := range []uint64{k.phone, k.mobile} {
			if a != 0 && a == b {
				return true
			}
		}
	}
	return false
}

// strangers reports whether the entry that has the row's external id is another
// person all the same: the names differ (case and accents aside) and they share
// neither email nor phone. Nothing then says the id is the same record's, and the
// ids of small systems repeat across exports (NationBuilder's nations count from 1):
// a person merged into another takes their numbers and address, or their name.
func strangers(k *knownVolunteer, in *incomingKeys) bool {
	return k.name != in.name && (in.email == 0 || in.email != k.email) && !sharePhone(k, in)
}

// ImportVolunteers brings a roster export in, in one transaction recorded as an import
// batch (and, for a first import into an empty roster, as a fast bulk load). A row
// that is someone already on the roster, or an earlier row of the same file (see
// match; a mere same name and zip is only listed in Possible), fills
// that person's empty fields and adds tags and languages; where both have a value and
// they differ, the roster keeps its own and the difference is listed as a conflict.
// Consent only ever gets stricter: a "do not call", an opt-out of email or texts or a
// "do not contact" in the file is taken, an opt-in is not (see consent.after). A row
// the file has deceased adds no one, and makes the person already on the roster
// inactive (listed in MadeInactive). Importing the same file again changes nothing.
func (s *Store) ImportVolunteers(ctx context.Context, src VolunteerSource, opts ImportOptions) (VolunteerImportSummary, error) {
	var sum VolunteerImportSummary
	// The references the import writes are its own: the chapter and the import batch
	// read or made in its transaction, the tags it makes, the volunteers it adds or
	// matched in the roster it read (SQLite need not look each one up).
	err := s.load(ctx, LoadOptions{DeferIndexes: true, CacheMiB: 8, RefsChecked: true, BatchRoster: true,
		JournalsInMemory: true, Large: opts.large()}, func(l *Loader) error {
		var err error
		if sum, err = importVolunteers(l, src, opts); err == nil && opts.DryRun {
			return errDryRun
		}
		return err
	})
	if errors.Is(err, errDryRun) {
		err, sum.BatchID = nil, 0
	}
	if err != nil {
		return VolunteerImportSummary{}, fmt.Errorf("import volunteers: %w", mapErr(err))
	}
	return sum, nil
}

// loadVolunteerIndex reads into the match index the live roster of chapter, the one
// the import's rows go to: on a file that holds several chapters (a coordinator's,
// after merges) and for a server's owner, whom row-level security does not hold,
// another chapter's person with the row's email, phone, id or name is not the
// row's, and matching them updated that chapter's person instead of adding this
// chapter's.
func loadVolunteerIndex(ctx context.Context, tx *sql.Tx, side *sql.DB, chapter int64, r rosterSpan, gc *gcBudget) (*volunteerIndex, error) {
	ix := newVolunteerIndex()
	ix.gc = gc
	people := int(r.people)
	ix.reserve(people, int(r.ids))
	gc.sized(ix.bytes())
	// The ids come in order: an entry is found by its id without a map. Without the
	// ORDER BY, SQLite read the roster through the partial index on zip codes (in
	// zip order, a random look-up in the table for each row): a million-row roster
	// took 8 s to read, and its map of ids 30 MB more. In id order it reads the table
	// straight through.
	var err error
	if side != nil && people >= sideRosterMin {
		err = readRosterInHalves(ctx, tx, side, chapter, r, ix)
	} else {
		err = readRoster(ctx, tx, chapter, "ORDER BY id", nil, func(k knownVolunteer, zip string, valuesHash uint64) { ix.add(k, zip, valuesHash) })
	}
	if err != nil {
		return nil, err
	}
	ascending := true
	for i := 1; i < ix.n; i++ {
		if ix.at(entryNum(i)).id <= ix.at(entryNum(i-1)).id {
			ascending = false
			break
		}
	}
	byID := ix.byID(ascending)
	ix.entryOf = byID
	err = eachRow(ctx, tx, func(r *sql.Rows) error {
		var id int64
		var kind, name string
		if err := r.Scan(&id, &kind, &name); err != nil {
			return err
		}
		if i, ok := byID(id); ok {
			k := ix.at(i)
			k.labelHash = labelHash(k.labelHash, kind, name)
		}
		return nil
	}, `SELECT vt.volunteer_id, t.kind, t.name FROM volunteer_tags vt JOIN tags t ON t.id = vt.tag_id
		UNION ALL SELECT volunteer_id, 'lang', lang FROM volunteer_languages`)
	if err != nil {
		return nil, err
	}
	err = eachRow(ctx, tx, func(r *sql.Rows) error {
		var id int64
		var system, ext string
		if err := r.Scan(&id, &system, &ext); err != nil {
			return err
		}
		if i, ok := byID(id); ok {
			ix.setExternal(key64(system, ext), system, i)
		}
		return nil
	}, `SELECT volunteer_id, system, external_id FROM volunteer_external_ids`)
	return ix, err
}

// readRoster reads chapter's live roster, what the match index holds, on q: all of
// it, or the part that where ("AND id < ?" and the like) with args says, in the order
// it gives ("ORDER BY id": see loadVolunteerIndex). It hands each row to put as an
// entry and its zip code.
func readRoster(ctx context.Context, q interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}, chapter int64, where string, args []any, put func(k knownVolunteer, zip string, valuesHash uint64)) error {
	rows, err := q.QueryContext(ctx, `SELECT id, name_key, ok_call, ok_email, ok_text, do_not_contact, status, `+strings.Join(volunteerFillCols, ", ")+`
		FROM volunteers WHERE deleted_at IS NULL AND chapter_id = ? `+where, append([]any{chapter}, args...)...)
	if err != nil {
		return err
	}
	defer rows.Close()
	values := make([]string, len(volunteerFillCols))
	var nameKey string
	var okCall, okEmail, okText, dnc bool
	var status VolunteerStatus
	dest := []any{nil, &nameKey, &okCall, &okEmail, &okText, &dnc, &status}
	for i := range values {
		dest = append(dest, &values[i])
	}
	for rows.Next() {
		k := knownVolunteer{}
		dest[0] = &k.id
		if err := rows.Scan(dest...); err != nil {
			return err
		}
		k.consent, k.status = consentOf(okCall, okEmail, okText, dnc), statusCode(status)
		k.name, k.exactHash, k.first = key64(nameKey), hashExact(values), stemOf(values[0])
		k.email, k.phone, k.mobile = emailKey(values[2]), key64(values[4]), key64(values[6])
		var valuesHash uint64
		if k.email == 0 && k.phone == 0 && k.mobile == 0 {
			valuesHash = hashValues(values) // only such an entry is found by it
		}
		put(k, rosterPlace(&k, values[11], values[9]), valuesHash)
	}
	return rows.Err()
}

// sideRosterMin is the roster from which an import reads it in two halves at once
// (see readRosterInHalves).
var sideRosterMin = 20_000

// rosterSpan is what one pass over the roster counts (spanRoster): a chapter's
// volunteers, those not in the trash, and its lowest and highest ids; the other
// chapters' volunteers not in the trash; the ids elsewhere.
type rosterSpan struct{ people, live, lo, hi, others, ids int64 }

// spanRoster reads a rosterSpan of chapter in one pass over the volunteers: each
// count reads the whole table (nothing indexes the chapter), and the four an import
// took before it read the roster were half of the time to read a 100,000-volunteer
// one.
func spanRoster(ctx context.Context, tx *sql.Tx, chapter int64) (rosterSpan, error) {
	var r rosterSpan
	err := tx.QueryRowContext(ctx, `SELECT count(*) FILTER (WHERE chapter_id = ?), count(*) FILTER (WHERE chapter_id = ? AND deleted_at IS NULL),
		coalesce(min(id) FILTER (WHERE chapter_id = ?), 0), coalesce(max(id) FILTER (WHERE chapter_id = ?), 0),
		count(*) FILTER (WHERE chapter_id <> ? AND deleted_at IS NULL), (SELECT count(*) FROM volunteer_external_ids)
		FROM volunteers`, chapter, chapter, chapter, chapter, chapter).Scan(&r.people, &r.live, &r.lo, &r.hi, &r.others, &r.ids)
	return r, err
}

// readRosterInHalves fills the match index from the roster read in two halves at
// once, by id: the lower one in the import's transaction, the upper one on a
// connection of the store's reading pool, on another core. The file is SQLite's and
// the import holds its write lock: nothing can change the roster between the two
// reads, and the import has not written to it yet. Each half goes straight into the
// entries it will take: the lower one from the first up, the upper one read from its
// highest id down, from the last down, so neither needs to know where the other
// ends; the index's tables are filled after, in order. Measured on a 100,000-row
// NationBuilder export imported again, reading the roster took 0.6 s on one core.
func readRosterInHalves(ctx context.Context, tx *sql.Tx, side *sql.DB, chapter int64, span rosterSpan, ix *volunteerIndex) error {
	live := int(span.live)
	mid := span.lo + (span.hi-span.lo+1)/2
	first := ix.grow(live)
	// records are the valuesHash of each half's entries with no email or phone, by
	// their place: few, and indexed with the rest below.
	records := [2]map[int]uint64{{}, {}}
	// lower counts the entries the lower half filled, upper those the upper half did.
	var lower, upper int
	fill := func(n *int, place func(int) int, records map[int]uint64) func(knownVolunteer, string, uint64) {
		return func(k knownVolunteer, zip string, valuesHash uint64) {
			if *n < live { // more rows than counted are caught below
				at := place(*n)
				e := ix.at(entryNum(first + at))
				*e = k
				e.num = entryNum(first + at)
				e.nameZip = nameZipKey(e.name, zip)
				if valuesHash != 0 {
					records[at] = valuesHash
				}
			}
			*n++
		}
	}
	upperErr := make(chan error, 1)
	go func() {
		upperErr <- readRoster(ctx, side, chapter, `AND id >= ? ORDER BY id DESC`, []any{mid},
			fill(&upper, func(n int) int { return live - 1 - n }, records[1]))
	}()
	err := readRoster(ctx, tx, chapter, `AND id < ? ORDER BY id`, []any{mid}, fill(&lower, func(n int) int { return n }, records[0]))
	if uerr := <-upperErr; err == nil {
		err = uerr
	}
	if err != nil {
		return err
	}
	if lower+upper != live {
		return fmt.Errorf("read the roster: %d and %d volunteers in its halves, %d counted", lower, upper, live)
	}
	for i := range live {
		h, ok := records[0][i]
		if !ok {
			h = records[1][i]
		}
		ix.index(ix.at(entryNum(first+i)), h)
	}
	return nil
}

func importVolunteers(l *Loader, src VolunteerSource, opts ImportOptions) (VolunteerImportSummary, error) {
	var sum VolunteerImportSummary
	ctx, tx := l.ctx, l.tx
	gc := &gcBudget{}
	defer gc.restore()
	span, err := spanRoster(ctx, tx, l.chapterID)
	if err != nil {
		return sum, err
	}
	ix, err := loadVolunteerIndex(ctx, tx, l.side, l.chapterID, span, gc)
	if err != nil {
		return sum, err
	}
	elsewhere, err := loadOtherChapters(ctx, tx, l.chapterID, span.others)
	if err != nil {
		return sum, err
	}
	if sum.BatchID, err = startBatch(ctx, tx, "volunteers", opts); err != nil {
		return sum, err
	}
	l.batch = sum.BatchID
	fetch, err := tx.PrepareContext(ctx, `SELECT `+strings.Join(volunteerFillCols, ", ")+` FROM volunteers WHERE id = ?`)
	if err != nil {
		return sum, err
	}
	defer fetch.Close()
	fetchStatus, err := tx.PrepareContext(ctx, `SELECT status FROM volunteers WHERE id = ?`)
	if err != nil {
		return sum, err
	}
	defer fetchStatus.Close()
	districts, err := loadDistrictDirectory(ctx, tx)
	if err != nil {
		return sum, err
	}
	line := 0 // the line of the row being spelt, for DistrictsNotRead
	spellDistricts := districts.speller(func(ch Chamber, typed string) {
		sum.notRead(ch, typed, line)
	})
	var existing int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM volunteers`).Scan(&existing); err != nil {
		return sum, err
	}
	var indexes []string // the roster's indexes once dropped (deferRosterIndexes)
	var recruited []recruitedBy
	uuids := newRowUUIDs(existing > 0)
	trash, err := loadTrashedVolunteers(l)
	if err != nil {
		return sum, err
	}
	var births birthDates // of the volunteers this file created, for MergedToCheck
	var lines []int32     // the line of each entry this file created, by entry number, for MergedRows
	seen := 0
	accented := false // some value of the file has accented text that is right (see damagedValue)
	err = src(func(in *IncomingVolunteer) error {
		seen++
		if in.Source == "" {
			in.Source = opts.Format
		}
		if !in.keys.ready {
			if err := in.Prepare(); err != nil {
				return fmt.Errorf("line %d: %w", in.Line, err)
			}
		}
		// Districts as the directory spells them ("2 suffolk" is "2nd Suffolk"); the
		// keys were worked out from the file's text, which only costs a closer look.
		line = in.Line
		spellDistricts(&in.Volunteer)
		keys := &in.keys
		accented = accented || keys.damage.accented
		given := in.UUID
		k, err := uuids.match(l, ix, in)
		if err != nil {
			return err
		}
		var other, taken *knownVolunteer
		keys.byUUID = k != nil
		var ambiguous []*knownVolunteer
		if k == nil {
			k, other, taken, ambiguous = ix.match(keys)
		}
		if ambiguous != nil {
			a := AmbiguousRow{Line: in.Line, Name: strings.Clone(in.Name())}
			for _, k := range ambiguous {
				a.Fits = append(a.Fits, RosterPerson{ID: k.id})
			}
			sum.Ambiguous = append(sum.Ambiguous, a)
			return nil
		}
		if taken != nil {
			if err := idElsewhere(l, taken, in, &sum); err != nil {
				return err
			}
			keys.external = 0 // the id stays the roster person's
		}
		if in.Deceased {
			return deceased(l, fetchStatus, k, in, &sum)
		}
		if in.ConsentOnly {
			return narrowConsent(l, k, in, &sum)
		}
		created, unchanged, differ := k == nil, false, false
		if created {
			if id, why := trash.find(in); id != 0 {
				trash.leftInTrash(in, id, why, &sum)
				return nil
			}
			if d := keys.damage; d.col != "" {
				why := leftOutGarbled(d.value, d.was)
				if d.lost {
					why = leftOutLettersLost(d.value)
				}
				in.Garbled = &GarbledRow{Line: in.Line, Name: strings.Clone(in.Name()), UUID: strings.Clone(given), Field: d.col,
					Value: strings.Clone(d.value), ReadsAs: d.was, Why: why}
				sum.Garbled = append(sum.Garbled, *in.Garbled)
				return nil
			}
			maybe, why := ix.possible(keys, in.City)
			if maybe == nil {
				maybe, why = other, "same email or phone"
			}
			if maybe == nil {
				if maybe = ix.alikeOnPhone(keys); maybe != nil {
					why = "same phone and a name alike"
					if carried, err := carryNoCall(l, maybe, in, &sum); err != nil {
						return fmt.Errorf("line %d: %w", in.Line, err)
					} else if carried {
						why = `"do not call" taken for both: ` + why
					}
				}
			}
			if maybe == nil && elsewhere != nil {
				if maybe, why, err = elsewhere.onOtherRoster(l, keys); err != nil {
					return fmt.Errorf("line %d: %w", in.Line, err)
				}
			}
			uuids.keep(l, &in.Volunteer)
			if err := l.insertVolunteer(&in.Volunteer); err != nil { // normalized just above
				return fmt.Errorf("line %d: %w", in.Line, err)
			}
			k = ix.add(knownVolunteer{id: in.ID, email: keys.email, phone: keys.phone, mobile: keys.mobile,
				name: keys.name, first: keys.first, exactHash: keys.exactHash, labelHash: keys.labelHash,
				consent: consentOf(in.OKCall, in.OKEmail, in.OKText, in.DoNotContact), thisFile: true,
				status: statusCode(in.Status)}, in.Zip, keys.valuesHash)
			sum.Created++
			// (A server keeps its indexes: other leads search the roster meanwhile.)
			if indexes == nil && l.deferred == nil && !l.server && setRosterIndexesAside(sum.Created, seen, existing, opts.ExpectedRows) {
				if indexes, err = deferRosterIndexes(l); err != nil {
					return err
				}
			}
			sum.list(ImportChange{Line: in.Line, Action: "create", Name: in.Name()})
			if maybe != nil {
				sum.Possible = append(sum.Possible, PossibleDuplicate{Line: in.Line, Name: in.Name(), VolunteerID: maybe.id, Why: why})
			}
			if in.BirthDate != "" {
				births.set(k.num, in.BirthDate)
			}
			if int(k.num) >= len(lines) {
				lines = append(lines, make([]int32, int(k.num)+1-len(lines))...)
			}
			lines[k.num] = int32(in.Line)
		} else {
			if k.thisFile {
				mergedToCheck(k, in, &births, &sum)
				sum.MergedRows = append(sum.MergedRows, MergedRow{Line: in.Line, Name: strings.Clone(in.Name()),
					EarlierLine: int(lines[k.num]), VolunteerID: k.id})
			}
			listed := len(sum.Conflicts)
			changed, err := mergeVolunteer(l, ix, fetch, k, in, opts.TakeFileValues, &sum)
			if err != nil {
				return fmt.Errorf("line %d: %w", in.Line, err)
			}
			// The status is compared before the row is counted: a row whose only
			// difference is its status is not "unchanged".
			if in.StatusSaid {
				if err := compareStatus(l, fetchStatus, k, in, &sum); err != nil {
					return err
				}
			}
			if !k.thisFile {
				compareConsent(k, in, &sum)
			}
			if in.BadMobile != "" && !k.thisFile {
				if err := badMobile(l, k, in, &sum); err != nil {
					return err
				}
			}
			switch {
			case k.thisFile:
				sum.Merged++
			case len(changed) > 0:
				sum.Updated++
				sum.list(ImportChange{Line: in.Line, Action: "update", Name: in.Name(), Fields: changed})
			case len(sum.Conflicts) > listed: // the row and the roster do not agree, and the roster kept its own
				sum.Differ++
				unchanged, differ = true, true
			default:
				sum.Unchanged++
				unchanged = true
			}
		}
		if created {
			uuids.note(given, in.UUID, k.id)
		} else {
			uuids.note(given, "", k.id)
		}
		if in.Recruiter != "" || in.RecruiterUUID != "" {
			recruited = append(recruited, recruitedBy{line: in.Line, name: in.Name(), id: k.id, thisFile: k.thisFile,
				unchanged: unchanged, differ: differ, recruiter: strings.Clone(in.Recruiter), recruiterUUID: strings.Clone(in.RecruiterUUID)})
		}
		if key := keys.external; key != 0 {
			if ix.external(key) == nil {
				if err := addExternalID(l, k, in.System, in.ExternalID, in.Notes); err != nil {
					return err
				}
				ix.setExternal(key, in.System, k.num)
			} else if in.Notes != "" && !k.thisFile {
				// An empty cell leaves the note kept: most rows have none, and statements
				// for each would slow a big import.
				if err := keepImportedNotes(l, k, in); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return sum, err
	}
	if err := refuseGarbled(sum.Garbled, accented, opts.SkipBadRows); err != nil {
		return sum, err
	}
	if err := nameAmbiguous(l, sum.Ambiguous); err != nil {
		return sum, err
	}
	// The rows are in; what is left (the indexes rebuilt, the commit) needs no match
	// index, and SQLite's sort takes memory of its own, not the Go heap's: the index's
	// memory goes back to the system first, not to sit beside the sort. On a million
	// NationBuilder rows the sort's 60 MB came on top of the index's 170.
	if ix.n >= releaseIndexAfter {
		ix = nil
		debug.FreeOSMemory()
	}
	if indexes != nil {
		if err := l.flushRoster(); err != nil { // the last rows, before the indexes are built
			return sum, err
		}
		if err := rebuildIndexes(ctx, l.conn, tx, indexes, sortRunMiB); err != nil {
			return sum, err
		}
	}
	if err := setRecruiters(l, recruited, uuids, &sum); err != nil {
		return sum, err
	}
	return sum, finishBatch(ctx, tx, sum.BatchID, &sum.ImportSummary)
}

// nameAmbiguous fills in the names of the people the ambiguous rows fit, once the
// rows are in (some may be of the file).
func nameAmbiguous(l *Loader, rows []AmbiguousRow) error {
	if len(rows) == 0 {
		return nil
	}
	if err := l.flushRoster(); err != nil {
		return err
	}
	name, err := l.tx.PrepareContext(l.ctx, `SELECT first_name, last_name FROM volunteers WHERE id = ?`)
	if err != nil {
		return err
	}
	defer name.Close()
	for _, a := range rows {
		for i := range a.Fits {
			var first, last string
			if err := name.QueryRowContext(l.ctx, a.Fits[i].ID).Scan(&first, &last); err != nil {
				return fmt.Errorf("line %d: %w", a.Line, err)
			}
			a.Fits[i].Name = strings.TrimSpace(first + " " + last)
		}
	}
	return nil
}

// otherRosters is the match index of the other chapters' rosters a file holds
// (merged in) or a login reads: their people are never matched (see
// loadVolunteerIndex), but a new volunteer whom one of them may be is listed.
type otherRosters struct{ ix *volunteerIndex }

// loadOtherChapters reads the live rosters of the chapters other than chapter (nil
// when they have none: others, their volunteers not in the trash, is 0).
func loadOtherChapters(ctx context.Context, tx *sql.Tx, chapter, others int64) (*otherRosters, error) {
	if others == 0 {
		return nil, nil
	}
	var chapters []int64
	err := eachRow(ctx, tx, func(r *sql.Rows) error {
		var id int64
		if err := r.Scan(&id); err != nil {
			return err
		}
		chapters = append(chapters, id)
		return nil
	}, `SELECT DISTINCT chapter_id FROM volunteers WHERE deleted_at IS NULL AND chapter_id <> ? ORDER BY chapter_id`, chapter)
	if err != nil || len(chapters) == 0 {
		return nil, err
	}
	ix := newVolunteerIndex()
	for _, c := range chapters {
		if err := readRoster(ctx, tx, c, "ORDER BY id", nil, func(k knownVolunteer, zip string, valuesHash uint64) { ix.add(k, zip, valuesHash) }); err != nil {
			return nil, err
		}
	}
	return &otherRosters{ix}, nil
}

// onOtherRoster finds a volunteer of another chapter the row may be: the one its
// email or phone finds (by match's rules), or one with its email or phone and
// another first name. The reason names their chapter.
func (o *otherRosters) onOtherRoster(l *Loader, in *incomingKeys) (*knownVolunteer, string, error) {
	if in.email == 0 && in.phone == 0 && in.mobile == 0 {
		return nil, "", nil
	}
	keys := *in
	keys.external = 0 // ids are each chapter's own
	k, other, _, ambiguous := o.ix.match(&keys)
	switch {
	case k != nil:
	case len(ambiguous) > 0:
		k = ambiguous[0]
	case other != nil:
		k = other
	default:
		return nil, "", nil
	}
	var chapter string
	if err := l.tx.QueryRowContext(l.ctx, `SELECT c.name FROM volunteers v JOIN chapters c ON c.id = v.chapter_id WHERE v.id = ?`, k.id).Scan(&chapter); err != nil {
		return nil, "", err
	}
	return k, fmt.Sprintf("same email or phone, on another chapter's roster (%q),", chapter), nil
}

// mergedToCheck lists a row merged with k, an earlier row of the file, when the two
// give different birth dates or emails: two people, perhaps, of one name and phone.
// It runs before the merge fills k's empty values from the row.
func mergedToCheck(k *knownVolunteer, in *IncomingVolunteer, births *birthDates, sum *VolunteerImportSummary) {
	var differ []string
	if born, ok := births.get(k.num); ok && in.BirthDate != "" && born != in.BirthDate {
		differ = append(differ, fmt.Sprintf("different birth dates (%s, %s)", born, in.BirthDate))
	} else if !ok && in.BirthDate != "" {
		births.set(k.num, in.BirthDate)
	}
	if k.email != 0 && in.keys.email != 0 && k.email != in.keys.email {
		differ = append(differ, "different emails")
	}
	if len(differ) > 0 {
		sum.MergedToCheck = append(sum.MergedToCheck, PossibleDuplicate{Line: in.Line, Name: in.Name(), VolunteerID: k.id,
			Why: "merged with an earlier row of the file — check: " + strings.Join(differ, ", ") +
				" (a father and son of one name and phone?): if they are two people, add the other by hand"})
	}
}

// birthDates are birth dates by index entry, in four bytes each: a date as yyyymmdd
// (the importer writes every date it can read as YYYY-MM-DD), other text aside. A
// map of a million-row NationBuilder export's born_at strings held about 40 MB at
// the import's peak (issue 20's bar: a 1M-row import under 250 MB).
type birthDates struct {
	packed []uint32            // by entry number; 0 none, textBirth: in text
	text   map[entryNum]string // a birth date that is not YYYY-MM-DD, as written
}

const textBirth = 1

func (b *birthDates) set(e entryNum, date string) {
	if int(e) >= len(b.packed) {
		b.packed = append(b.packed, make([]uint32, int(e)+1-len(b.packed))...)
	}
	if t, err := time.Parse(time.DateOnly, date); err == nil && t.Year() > 0 {
		b.packed[e] = uint32(t.Year()*10000 + int(t.Month())*100 + t.Day())
		return
	}
	if b.text == nil {
		b.text = map[entryNum]string{}
	}
	b.packed[e], b.text[e] = textBirth, strings.Clone(date)
}

func (b *birthDates) get(e entryNum) (string, bool) {
	if int(e) >= len(b.packed) || b.packed[e] == 0 {
		return "", false
	}
	if v := b.packed[e]; v != textBirth {
		return fmt.Sprintf("%04d-%02d-%02d", v/10000, v/100%100, v%100), true
	}
	return b.text[e], true
}

// badMobile lists the roster person k when the mobile the row marks bad is theirs.
func badMobile(l *Loader, k *knownVolunteer, in *IncomingVolunteer, sum *VolunteerImportSummary) error {
	e164, err := NormalizePhone(in.BadMobile)
	if err != nil || e164 == "" || key64(e164) != k.mobile {
		return nil // not the roster's number: nothing of theirs to mark
	}
	b := BadMobile{Line: in.Line, Name: in.Name(), VolunteerID: k.id}
	if err := l.tx.QueryRowContext(l.ctx, `SELECT mobile FROM volunteers WHERE id = ?`, k.id).Scan(&b.Mobile); err != nil {
		return fmt.Errorf("line %d: %w", in.Line, err)
	}
	sum.BadMobiles = append(sum.BadMobiles, b)
	return nil
}

// idElsewhere lists a row whose id is that of taken, another person on the roster.
func idElsewhere(l *Loader, taken *knownVolunteer, in *IncomingVolunteer, sum *VolunteerImportSummary) error {
	var first, last string
	if err := l.tx.QueryRowContext(l.ctx, `SELECT first_name, last_name FROM volunteers WHERE id = ?`, taken.id).Scan(&first, &last); err != nil {
		return fmt.Errorf("line %d: %w", in.Line, err)
	}
	sum.IDsElsewhere = append(sum.IDsElsewhere, PossibleDuplicate{Line: in.Line, Name: in.Name(), VolunteerID: taken.id,
		Why: fmt.Sprintf("%s id %s names %s on the roster; this row is %s: not merged, id not stored",
			systemLabel(in.System), in.ExternalID, strings.TrimSpace(first+" "+last), in.Name())})
	return nil
}

// releaseIndexAfter is the size of a match index whose memory an import gives back
// before its last steps: a forced collection costs milliseconds, which a small
// import's few megabytes are not worth.
const releaseIndexAfter = 50_000

// setRosterIndexesAside says whether an import into a live roster of existing
// volunteers, which has created volunteers from the first seen rows of a file of
// about expected rows (0: not known), should set the roster's indexes aside and build
// them again at the end (deferRosterIndexes). Adding a row to the eight live indexes
// costs about four times what it costs to build them again for a row at the end
// (measured beside a 20,000-volunteer chapter: 22 µs against 5): that pays once the
// import is to add a third as many as the roster holds. From the first thousand
// rows on, the rows still to come are taken to be new as often as those seen were.
// Without an estimate, it waits until as many as the roster holds were added.
func setRosterIndexesAside(created, seen, existing, expected int) bool {
	if created >= max(existing, deferIndexAfter) {
		return true
	}
	const sample = 1000
	if expected <= 0 || seen < sample || created == 0 {
		return false
	}
	coming := created + max(expected-seen, 0)*created/seen
	return coming >= deferIndexAfter && 3*coming >= existing
}

// deferRosterIndexes drops the roster's secondary indexes (not the unique ones), and
// those of its tags, languages and ids elsewhere, once setRosterIndexesAside says an
// import into a live roster adds enough to pay for it, and returns their definitions
// to rebuild at the end, in the same transaction (the link tables' keys stay: the
// import adds to them by key). Beside the 20,000-volunteer demo the link tables'
// indexes left live cost 0.08 s of 3.05. The import itself never reads them: it
// matches rows against the roster it holds in memory (loadVolunteerIndex) and reads
// volunteers by id. Adding each new volunteer to eight live indexes, a random place
// in each, was half of a 100,000-row NationBuilder import beside the 20,000-volunteer
// demo; building them once, sorted, is a fraction of that.
func deferRosterIndexes(l *Loader) ([]string, error) {
	var names, restore []string
	err := eachRow(l.ctx, l.tx, func(r *sql.Rows) error {
		var name, q string
		err := r.Scan(&name, &q)
		names, restore = append(names, name), append(restore, q)
		return err
	}, `SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE INDEX%'
		AND tbl_name IN ('volunteers', 'volunteer_tags', 'volunteer_languages', 'volunteer_external_ids')
		AND name NOT IN `+keptLiveRosterIndexes+` ORDER BY name`)
	if err != nil {
		return nil, err
	}
	for _, n := range names {
		if _, err := l.tx.ExecContext(l.ctx, `DROP INDEX "`+n+`"`); err != nil {
			return nil, err
		}
	}
	return restore, nil
}

// keptLiveRosterIndexes are the roster's indexes a load that sets the others aside
// (deferRosterIndexes, startDeferred) keeps live, as adding its rows to them costs
// less than a pass over the table to build them again:
//   - volunteers_batch: every volunteer a load adds has its batch, the newest, and an
//     id above the others', so each entry goes at the index's end;
//   - volunteers_recruiter: a load adds its volunteers with no recruiter (they are
//     set after the indexes are rebuilt, see setRecruiters), and the index leaves
//     those out.
//
// Measured on a 100,000-row NationBuilder export, building them again took about a
// tenth of a second of the rebuild's second.
const keptLiveRosterIndexes = `('volunteers_batch', 'volunteers_recruiter')`

// mergeVolunteer fills the roster entry k from a row that is the same person and
// returns the fields it changed. When the row's values and labels hash like the
// entry's, nothing can change and the database is not touched.
func mergeVolunteer(l *Loader, ix *volunteerIndex, fetch *sql.Stmt, k *knownVolunteer, in *IncomingVolunteer, take bool, sum *VolunteerImportSummary) ([]string, error) {
	stricter := k.consent.after(in, k.email) != k.consent
	var changed []string
	if stricter || in.keys.exactHash != k.exactHash {
		incoming := volunteerFillValues(&in.Volunteer)
		if err := l.written(k.id); err != nil {
			return nil, err
		}
		stored := make([]string, len(volunteerFillCols))
		dest := make([]any, len(stored))
		for i := range stored {
			dest[i] = &stored[i]
		}
		if err := fetch.QueryRowContext(l.ctx, k.id).Scan(dest...); err != nil {
			return nil, err
		}
		var err error
		if changed, err = fillVolunteer(l, ix, k, in, incoming, stored, take, sum); err != nil {
			return nil, err
		}
	}
	if lh := in.keys.labelHash; lh != 0 && lh != k.labelHash {
		added, err := addLabels(l, k, in, sum)
		if err != nil {
			return nil, err
		}
		changed = append(changed, added...)
		k.labelHash = 0 // the union is no longer known; a later row checks again
	}
	return changed, nil
}

// capitalizes says whether the file's value gives capitals to a roster value typed
// without any ("greenfield", "Greenfield"), or normal capitals to one typed in
// capitals ("MARIA", "Maria"): worth a line. A spreadsheet that saved the roster's
// "Boston" as "BOSTON", or "12 Centre St" as "12  centre st", is not: every row of
// such a file would be listed.
func capitalizes(stored, incoming string) bool {
	oneCase := stored == strings.ToLower(stored) || stored == strings.ToUpper(stored)
	return oneCase && incoming != strings.ToLower(incoming) && incoming != strings.ToUpper(incoming)
}

// lostToEncoding says whether the file's value is the roster's with letters turned
// into "?" ("Th?o" for "Thảo"): what Excel writes when it saves a sheet as CSV in
// Windows-1252, which has no such letter. Never taken: the roster's is the right one.
func lostToEncoding(stored, incoming string) bool { return lostTo(stored, incoming, "?") }

// lostTo says whether incoming is stored with some of its letters not ASCII turned
// into one of marks ("?", or also "�" for a legislator file), each for one letter.
func lostTo(stored, incoming, marks string) bool {
	a, b := []rune(norm.NFC.String(stored)), []rune(norm.NFC.String(incoming))
	if len(a) != len(b) || !strings.ContainsAny(incoming, marks) {
		return false
	}
	lost := false // the same value ("what?" both) lost nothing
	for i := range a {
		if a[i] != b[i] {
			if !strings.ContainsRune(marks, b[i]) || a[i] < 0x80 {
				return false
			}
			lost = true
		}
	}
	return lost
}

// doubleEncoded is DoubleEncoded, which a test counts (TestVolunteerRowScannedOnce).
var doubleEncoded = DoubleEncoded

// rowDamage is what damagedValue found in a row: col, value and was name the first
// value that is UTF-8 read as Windows-1252 (col "" for none) and what it reads as,
// or, lost set and was "", a name with letters turned into "?" (LettersLost); cols
// has bit i set for each of volunteerFillCols so damaged (tagsDamaged and
// skillsDamaged for a tag or skill); accented says whether some value holds
// accented text that is right.
type rowDamage struct {
	col, value, was string
	cols            uint32
	accented        bool
	lost            bool
}

// The bits of rowDamage.cols past volunteerFillCols'.
const (
	tagsDamaged   = 1 << 16
	skillsDamaged = 1 << 17
)

// damagedValue looks at each of a volunteer's values once for the damage of a UTF-8
// text read as Windows-1252 and saved again (see DoubleEncoded). Stored, "MarÃ­a"
// would be the name on every call sheet.
func damagedValue(v *Volunteer) (d rowDamage) {
	look := func(c string, bit uint32, s string) {
		if s == "" || isASCII(s) {
			return
		}
		if w, ok := doubleEncoded(s); ok {
			if d.col == "" {
				d.col, d.value, d.was = c, s, w
			}
			d.cols |= bit
		} else {
			d.accented = true
		}
	}
	for i, s := range volunteerFillArray(v) {
		look(volunteerFillCols[i], 1<<i, s)
	}
	for _, l := range [...]struct {
		col    string
		bit    uint32
		values []string
	}{{"tags", tagsDamaged, v.Tags}, {"skills", skillsDamaged, v.Skills}} {
		for _, s := range l.values {
			look(l.col, l.bit, s)
		}
	}
	// A name with letters turned into "?" ("Zo? M?ller") was added as it stood: the
	// check beside the roster's value (lostToEncoding) has nothing to weigh a new
	// volunteer's against. Only the names: a note may hold a "?".
	for i, s := range [...]string{v.FirstName, v.LastName} {
		if LettersLost(s) {
			if d.col == "" {
				d.col, d.value, d.lost = volunteerFillCols[i], s, true
			}
			d.cols |= 1 << i
		}
	}
	return d
}

// Damaged says whether a value of the row is UTF-8 read as Windows-1252 (see
// damagedValue): the import leaves the row out when it is a new volunteer's. What
// Prepare found is kept; a row not prepared is looked at now.
func (in *IncomingVolunteer) Damaged() bool {
	if !in.keys.ready {
		return damagedValue(&in.Volunteer).col != ""
	}
	return in.keys.damage.col != ""
}

// refuseGarbled ends an import that has new volunteers whose text is damaged by an
// encoding (garbled): with no accented text right anywhere, the file was read or
// saved in the wrong encoding as a whole, and is refused whole; otherwise each such
// row is a bad row, which refuses the import unless it is to be left out (skip).
func refuseGarbled(garbled []GarbledRow, accented, skip bool) error {
	if len(garbled) == 0 {
		return nil
	}
	if !accented { // a name with letters turned into "?" (no ReadsAs) says nothing of the file's encoding
		if i := slices.IndexFunc(garbled, func(g GarbledRow) bool { return g.ReadsAs != "" }); i >= 0 {
			return fmt.Errorf("line %d: %w", garbled[i].Line, WrongEncodingError(garbled[i].Value, garbled[i].ReadsAs))
		}
	}
	g := garbled[0]
	if skip {
		return nil
	}
	more := ""
	if len(garbled) > 1 {
		more = fmt.Sprintf(" (and %d more rows so)", len(garbled)-1)
	}
	return fmt.Errorf("%w: line %d (%s): %s%s; nothing was imported", ErrBadRows, g.Line, g.Field, g.Why, more)
}

// leftOutGarbled says why a new volunteer's row is left out: a value of it damaged
// by an encoding, in a file whose other accented text is right, so the row alone
// was saved so (where it came from, or by hand); and the way to bring it in.
func leftOutGarbled(value, was string) string {
	return fmt.Sprintf("damaged by an encoding: \"%s\" is \"%s\" (UTF-8 read as Windows-1252), while the file's other accented text is right: "+
		"this row alone was saved so; correct it where it came from (or in this row) and import it again", value, was)
}

// leftOutLettersLost says why a new volunteer's row is left out: a name of it with
// letters turned into "?" (see LettersLost), which no one can read back.
func leftOutLettersLost(value string) string {
	return fmt.Sprintf("the name \"%s\" has letters turned into \"?\" (the file was saved in an encoding that has no such letter; or a \"?\" was typed for a name not known): "+
		"left out, as no volunteer is added under a damaged name; write the name right (or export the file again as CSV UTF-8) and import the row again", value)
}

// WrongEncodingError refuses a file read, or saved by a spreadsheet, in the wrong
// encoding, naming one of its values so damaged and what it reads as, and both ways
// out: every import of people's or legislators' text says it in these words.
func WrongEncodingError(value, was string) error {
	return fmt.Errorf("this file was read, or saved by a spreadsheet, in the wrong encoding: \"%s\" is \"%s\" "+
		"(UTF-8 read as Windows-1252); nothing was imported. If it was read as Windows-1252, read it as UTF-8 "+
		"(--encoding utf-8); if a spreadsheet saved it so, export it again, or open it as UTF-8 (in Excel: Data > "+
		"From Text/CSV, File Origin 65001: Unicode (UTF-8)) and save it as CSV UTF-8, then import it", value, was)
}

// leftOutDoubled says why a row was left out: what (its caller's name, its notes) is
// damaged by the file's encoding, and how to import the row.
func leftOutDoubled(what, value, was string) string {
	return fmt.Sprintf("%s damaged by the file's encoding: \"%s\" is \"%s\" (UTF-8 read as Windows-1252), left out; "+
		"open the file as UTF-8, save it again and import it again to take the row", what, value, was)
}

// keptDoubled says why a value the file's encoding damaged (see DoubleEncoded) was
// not taken: the roster's own, or another the file cannot give as it is.
func keptDoubled(incoming, was string, roster bool) string {
	if roster {
		return fmt.Sprintf("the roster's \"%s\" damaged by the file's encoding (saved as \"%s\": UTF-8 read as Windows-1252), roster kept", was, incoming)
	}
	return fmt.Sprintf("damaged by the file's encoding: \"%s\" is \"%s\" (UTF-8 read as Windows-1252), not taken; "+
		"open the file as UTF-8 and save it again to take it", incoming, was)
}

// Why an import keeps the roster's value, listed beside it (VolunteerConflict.Kept).
const (
	keptEmpty    = "file empty, roster kept (an import never erases)"
	keptEncoding = "probably damaged by the file's encoding (a letter saved as ?), roster kept"
	keptStatus   = "a status is not taken from a file: change it on the volunteer"
)

// fillVolunteer writes the empty fields the row can fill and the stricter consent,
// listing the fields where the roster and the row disagree; with take, it writes
// the file's value of those too (ImportOptions.TakeFileValues).
func fillVolunteer(l *Loader, ix *volunteerIndex, k *knownVolunteer, in *IncomingVolunteer, incoming, stored []string, take bool, sum *VolunteerImportSummary) ([]string, error) {
	fill := make([]string, len(incoming))
	for i, col := range volunteerFillCols {
		same := incoming[i] == "" || sameImported(col, incoming[i], stored[i])
		caseOnly := same && caseListed[col] && incoming[i] != "" && incoming[i] != stored[i] && capitalizes(stored[i], incoming[i])
		// The app's own export writes every field: an emptied cell there is an edit,
		// which the roster does not take, and says so.
		emptied := incoming[i] == "" && stored[i] != "" && in.keys.byUUID
		var kept string
		was, doubled := "", false
		if !same && in.keys.damage.cols&(1<<i) != 0 { // the value Prepare found damaged, looked at again for what it reads as
			was, doubled = doubleEncoded(incoming[i])
		}
		// A name with letters turned into "?" never fills the roster's empty one
		// ("Tr?n" for Lan, known by the first name alone).
		lost := !same && i < 2 && LettersLost(incoming[i])
		switch {
		case emptied:
			kept = keptEmpty
		case lost || !same && lostToEncoding(stored[i], incoming[i]):
			kept = keptEncoding
		case doubled:
			kept = keptDoubled(incoming[i], was, sameImported(col, was, stored[i]))
		}
		switch {
		case same && !caseOnly && !emptied:
		case i == notesCol && stored[i] != "" && !same:
			// A note the lead edited in the app is not listed again and again when the
			// system gives the note it gave last time.
			last, known, err := importedNotes(l, k, in)
			if err != nil {
				return nil, err
			}
			// The person came from this system, but no note was kept (imported before
			// migration 0013): a roster note that holds the file's whole is one the lead
			// added to in the app, and not listing it loses nothing.
			added := known && last == "" && incoming[i] != "" && strings.Contains(fold(stored[i]), fold(incoming[i]))
			if !sameImported(col, incoming[i], last) && !added {
				listConflict(sum, in, col, stored[i], incoming[i], take && kept == "", caseOnly, kept, fill, i)
			}
		case doubled || lost: // never written, even where the roster has nothing
			listConflict(sum, in, col, stored[i], incoming[i], false, false, kept, fill, i)
		case stored[i] == "":
			fill[i] = incoming[i]
		case conflictCols[col]:
			listConflict(sum, in, col, stored[i], incoming[i], take && kept == "", caseOnly, kept, fill, i)
		}
	}
	// A number taken is taken as the file writes it too (phone beside phone_e164).
	for _, p := range [][2]int{{3, 4}, {5, 6}} {
		if take && fill[p[1]] != "" && stored[p[1]] != "" {
			fill[p[0]] = incoming[p[0]]
		}
	}
	batch := l.batch
	if k.thisFile {
		batch = 0 // undo removes the whole record; no earlier values to keep
	}
	// Consent only gets stricter (see consent.after); updateImported writes the
	// flags that differ.
	cols := append(append([]string(nil), volunteerFillCols...), consentCols...)
	old := append(append([]string(nil), stored...), k.consent.columns()...)
	k.consent = k.consent.after(in, k.email)
	fill = append(fill, k.consent.columns()...)
	// fill holds only what is to be written: a value the roster lacks, or one taken
	// (a change of letter case too).
	changed, err := updateImportedAs(l.ctx, l.tx, l.actor, batch, "volunteers", k.id, cols, old, fill, func(a, b string) bool { return a == b })
	if err != nil {
		return nil, err
	}
	// old now holds the values after the update.
	k.exactHash = hashExact(old[:len(stored)])
	// A filled (or taken) email or phone is a way to match later rows too.
	if e := emailKey(old[2]); e != k.email && e != 0 {
		k.email = e
		ix.byEmail.add(k.email, uint32(k.num))
	}
	if p := key64(old[4]); p != k.phone && p != 0 {
		k.phone = p
		ix.addPhone(k.phone, k)
	}
	if m := key64(old[6]); m != k.mobile && m != 0 {
		k.mobile = m
		ix.addPhone(k.mobile, k)
	}
	if fill[0] != "" || fill[1] != "" { // a name filled in: search and matching keys follow
		nameKey := fold(old[0] + " " + old[1])
		k.name, k.first = key64(nameKey), stemOf(old[0])
		if _, err := l.tx.ExecContext(l.ctx, `UPDATE volunteers SET name_key = ?, last_key = ? WHERE id = ?`,
			nameKey, fold(old[1]), k.id); err != nil {
			return nil, err
		}
	}
	return changed, nil
}

// listConflict lists a field where the roster and the row disagree; taken, the
// file's value is to be written (fill[i]).
func listConflict(sum *VolunteerImportSummary, in *IncomingVolunteer, col, stored, incoming string, taken, caseOnly bool, kept string, fill []string, i int) {
	if taken {
		fill[i] = incoming
	}
	sum.Conflicts = append(sum.Conflicts, VolunteerConflict{Line: in.Line, Name: in.Name(), Field: col,
		Stored: stored, InFile: strings.Clone(incoming), // not the whole row it was cut from
		Taken: taken, CaseOnly: caseOnly, Kept: kept})
}

// importedNotes is the note the row's system gave the person last time (see
// migration 0013); "" when none did, or the row has no id in a system, or is of the
// app's own export (found by its UUID), whose notes are the lead's.
func importedNotes(l *Loader, k *knownVolunteer, in *IncomingVolunteer) (notes string, known bool, err error) {
	if in.ExternalID == "" || in.System == "" || in.keys.byUUID {
		return "", false, nil
	}
	err = l.tx.QueryRowContext(l.ctx, `SELECT imported_notes FROM volunteer_external_ids
		WHERE chapter_id = ? AND system = ? AND external_id = ? AND volunteer_id = ?`,
		l.chapterID, in.System, in.ExternalID, k.id).Scan(&notes)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	return notes, err == nil, err
}

// importedNotesChange is the table_name of the import_changes rows that hold the
// note a system gave before an import kept the file's (row_id is the volunteer,
// before the system, external_id and imported_notes): undo puts it back.
const importedNotesChange = "volunteer_external_ids.imported_notes"

// keepImportedNotes keeps the row's note as the one its system gave last, for the
// next import to compare with (see importedNotes), recording the one before.
func keepImportedNotes(l *Loader, k *knownVolunteer, in *IncomingVolunteer) error {
	last, _, err := importedNotes(l, k, in)
	if err != nil || last == in.Notes {
		return err
	}
	res, err := l.tx.ExecContext(l.ctx, `UPDATE volunteer_external_ids SET imported_notes = ?
		WHERE chapter_id = ? AND system = ? AND external_id = ? AND volunteer_id = ?`,
		in.Notes, l.chapterID, in.System, in.ExternalID, k.id)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil
	}
	return recordAdded(l, importedNotesChange, k.id, map[string]string{"system": in.System,
		"external_id": in.ExternalID, "imported_notes": last})
}

// addLabels adds the row's tags, skills and languages the person lacks, returning
// the fields it added to ("tags", "languages"). On a person the import did not
// create, each one added is recorded so that undoing the import takes it back.
func addLabels(l *Loader, k *knownVolunteer, in *IncomingVolunteer, sum *VolunteerImportSummary) ([]string, error) {
	var added []string
	insert := func(st *sql.Stmt, table, col string, value any) error {
		res, err := st.ExecContext(l.ctx, k.id, value)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n > 0 {
			field := "tags" // skills are tags of their own kind
			if table == "volunteer_languages" {
				field = "languages"
			}
			if !slices.Contains(added, field) {
				added = append(added, field)
			}
			if !k.thisFile {
				return recordAdded(l, table, k.id, map[string]string{col: fmt.Sprint(value)})
			}
		}
		return nil
	}
	// The person's labels on the roster, read once and only when a row needs them: an
	// old export's tags column holding skills, or a label with a "?" in it.
	var own map[string][]string
	ownLabels := func() (map[string][]string, error) {
		var err error
		if own == nil {
			own, err = labelsOf(l, k.id)
		}
		return own, err
	}
	for kind, names := range map[string][]string{"tag": in.Tags, "skill": in.Skills} {
		for _, name := range names {
			if kind == "tag" && in.TagsWithSkills && !k.thisFile {
				own, err := ownLabels()
				if err != nil {
					return nil, err
				}
				if slices.ContainsFunc(own["skill"], func(s string) bool { return strings.EqualFold(s, name) }) {
					continue // the skill, read from an old export's tags column
				}
			}
			if in.keys.damage.cols&(tagsDamaged|skillsDamaged) != 0 { // Prepare found one so: which, and what it reads as
				if was, ok := doubleEncoded(name); ok { // never added beside the right one
					listConflict(sum, in, kind+"s", "", name, false, false, keptDoubled(name, was, false), nil, 0)
					continue
				}
			}
			if strings.Contains(name, "?") && !k.thisFile {
				// One of the person's own labels with letters saved as "?" ("?" for
				// "🌻"): a spreadsheet's encoding damage, as lostToEncoding finds in
				// the names; never added beside the right one. (A person this file
				// added is not asked: a first import of a million rows does no query a row.)
				own, err := ownLabels()
				if err != nil {
					return nil, err
				}
				if i := slices.IndexFunc(own[kind], func(s string) bool { return lostToEncoding(s, name) }); i >= 0 {
					listConflict(sum, in, kind+"s", own[kind][i], name, false, false, keptEncoding, nil, 0)
					continue
				}
			}
			tag, err := l.tagID(kind, name)
			if err != nil {
				return nil, err
			}
			if err := insert(l.volTag, "volunteer_tags", "tag_id", tag); err != nil {
				return nil, err
			}
		}
	}
	for _, lang := range in.Languages {
		if err := insert(l.volLang, "volunteer_languages", "lang", lang); err != nil {
			return nil, err
		}
	}
	if len(added) > 0 && !k.thisFile { // a change of the person as read (see versionedTables)
		if _, err := l.tx.ExecContext(l.ctx, `UPDATE volunteers SET updated_at = ?, row_version = row_version + 1, updated_by = ? WHERE id = ?`,
			nowUnix(), l.actor, k.id); err != nil {
			return nil, err
		}
	}
	return added, nil
}

// labelsOf reads the tags and skills of a volunteer on the roster, by kind.
func labelsOf(l *Loader, id int64) (map[string][]string, error) {
	labels := map[string][]string{}
	err := eachRow(l.ctx, l.tx, func(r *sql.Rows) error {
		var kind, name string
		err := r.Scan(&kind, &name)
		labels[kind] = append(labels[kind], name)
		return err
	}, `SELECT t.kind, t.name FROM volunteer_tags vt JOIN tags t ON t.id = vt.tag_id WHERE vt.volunteer_id = ?`, id)
	return labels, err
}

// addExternalID records the person's id in the export's system; on a person the
// import did not create, so that undoing the import takes it back.
func addExternalID(l *Loader, k *knownVolunteer, system, externalID, notes string) error {
	if k.thisFile {
		return l.AddExternalID(k.id, system, externalID, notes)
	}
	ctx, err := l.rowContext()
	if err != nil {
		return err
	}
	res, err := l.external.ExecContext(ctx, l.chapterID, k.id, system, externalID, notes) // k is of the import's chapter
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil // the id is another record's (one in the trash)
	}
	return recordAdded(l, "volunteer_external_ids", k.id, map[string]string{"system": system, "external_id": externalID})
}

// addedRowKeys are the tables whose rows an import may add to a person it did not
// create, with the columns besides volunteer_id that name such a row. import_changes
// records each one added (see recordAdded); undo deletes it.
var addedRowKeys = map[string][]string{
	"volunteer_tags":         {"tag_id"},
	"volunteer_languages":    {"lang"},
	"volunteer_external_ids": {"external_id", "system"},
}

// recordAdded notes in import_changes a row the import added to a link table for a
// volunteer it did not create: row_id is the volunteer and "before" holds the added
// row's other key columns (there was no row before). It records importedNotesChange
// too.
func recordAdded(l *Loader, table string, volunteerID int64, key map[string]string) error {
	if l.batch == 0 {
		return nil
	}
	snapshot, err := json.Marshal(key)
	if err != nil {
		return err
	}
	_, err = l.tx.ExecContext(l.ctx, `INSERT INTO import_changes (batch_id, table_name, row_id, before) VALUES (?, ?, ?, ?)`,
		l.batch, table, volunteerID, string(snapshot))
	return err
}

func boolText(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

// systemNames are the external systems as a lead knows them.
var systemNames = map[string]string{"nationbuilder": "NationBuilder", "ngpvan": "VAN", "civicrm": "CiviCRM", "actionnetwork": "Action Network"}

// systemLabel is the name of an external system for a message: as a lead knows it,
// or as stored.
func systemLabel(system string) string {
	if n, ok := systemNames[system]; ok {
		return n
	}
	return system
}
