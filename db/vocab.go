package db

import (
	"fmt"
	"strings"
)

// Stance is where a legislator stands on a campaign's bill.
type Stance string

// The whip-count vocabulary, strongest support first.
const (
	StanceSponsor    Stance = "sponsor"
	StanceCosponsor  Stance = "cosponsor"
	StanceYes        Stance = "yes"
	StanceLeaningYes Stance = "leaning_yes"
	StanceUndecided  Stance = "undecided"
	StanceLeaningNo  Stance = "leaning_no"
	StanceNo         Stance = "no"
	StanceUnknown    Stance = "unknown"
)

// Stances lists every stance in whip-count order.
var Stances = []Stance{StanceSponsor, StanceCosponsor, StanceYes, StanceLeaningYes,
	StanceUndecided, StanceLeaningNo, StanceNo, StanceUnknown}

var stanceLabels = map[Stance]string{
	StanceSponsor: "Sponsor", StanceCosponsor: "Cosponsor", StanceYes: "Yes",
	StanceLeaningYes: "Leaning yes", StanceUndecided: "Undecided", StanceLeaningNo: "Leaning no",
	StanceNo: "No", StanceUnknown: "Unknown",
}

// Label is the stance as a person reads it.
func (s Stance) Label() string { return stanceLabels[s] }

// Valid reports whether s is in the vocabulary.
func (s Stance) Valid() bool { _, ok := stanceLabels[s]; return ok }

// Supports reports whether the stance counts as a vote for the bill (sponsor,
// cosponsor or yes; leaning yes is not yet a vote).
func (s Stance) Supports() bool {
	return s == StanceSponsor || s == StanceCosponsor || s == StanceYes
}

// Sponsorship reports whether the stance is the official record's to say (sponsor or
// cosponsor): a session import records it, never a call or a chapter's lead.
func (s Stance) Sponsorship() bool { return s == StanceSponsor || s == StanceCosponsor }

// ParseStance accepts a stance code or its label, case-insensitively.
func ParseStance(text string) (Stance, error) {
	return parseVocab(text, Stances, Stance.Label, "stance")
}

// Outcome is what happened on a call.
type Outcome string

// The call outcomes of a report.
const (
	OutcomeSpokeLegislator Outcome = "spoke_legislator"
	OutcomeSpokeStaff      Outcome = "spoke_staff"
	OutcomeLeftVoicemail   Outcome = "left_voicemail"
	OutcomeVoicemailFull   Outcome = "voicemail_full"
	OutcomeBusy            Outcome = "busy"
	OutcomeNoAnswer        Outcome = "no_answer"
	OutcomeWrongNumber     Outcome = "wrong_number"
)

// Outcomes lists every outcome, reaches first.
var Outcomes = []Outcome{OutcomeSpokeLegislator, OutcomeSpokeStaff, OutcomeLeftVoicemail,
	OutcomeVoicemailFull, OutcomeBusy, OutcomeNoAnswer, OutcomeWrongNumber}

var outcomeLabels = map[Outcome]string{
	OutcomeSpokeLegislator: "Spoke with the legislator", OutcomeSpokeStaff: "Spoke with staff",
	OutcomeLeftVoicemail: "Left a voicemail", OutcomeVoicemailFull: "Voicemail full",
	OutcomeBusy: "Busy", OutcomeNoAnswer: "No answer", OutcomeWrongNumber: "Wrong number",
}

// Label is the outcome as a person reads it.
func (o Outcome) Label() string { return outcomeLabels[o] }

// Valid reports whether o is in the vocabulary.
func (o Outcome) Valid() bool { _, ok := outcomeLabels[o]; return ok }

// Reached reports whether the call reached the office: spoke with the legislator or
// staff, or left a voicemail. Voicemail full, busy, no answer and a wrong number are
// attempts only. The call_stats triggers in 0001_init.sql encode the same rule.
func (o Outcome) Reached() bool {
	return o == OutcomeSpokeLegislator || o == OutcomeSpokeStaff || o == OutcomeLeftVoicemail
}

// Spoke reports whether someone at the office spoke with the caller: the legislator or
// staff. Only then can a stance have been heard; a voicemail left reaches the office
// but no one answered it.
func (o Outcome) Spoke() bool {
	return o == OutcomeSpokeLegislator || o == OutcomeSpokeStaff
}

// ParseOutcome accepts an outcome code or its label, case-insensitively.
func ParseOutcome(text string) (Outcome, error) {
	return parseVocab(text, Outcomes, Outcome.Label, "outcome")
}

// Chamber is a legislative chamber, named as Open States names them.
type Chamber string

// The two chambers of a state legislature.
const (
	ChamberUpper Chamber = "upper" // the Senate
	ChamberLower Chamber = "lower" // the House
)

// Chambers lists both chambers, Senate first.
var Chambers = []Chamber{ChamberUpper, ChamberLower}

// Label is the chamber's everyday name.
func (c Chamber) Label() string {
	switch c {
	case ChamberUpper:
		return "Senate"
	case ChamberLower:
		return "House"
	}
	return string(c)
}

// Title is how a member of the chamber is addressed ("Senator", "Representative").
func (c Chamber) Title() string {
	if c == ChamberUpper {
		return "Senator"
	}
	return "Representative"
}

// Valid reports whether c names a chamber.
func (c Chamber) Valid() bool { return c == ChamberUpper || c == ChamberLower }

// Office is which legislator office a call went to.
type Office string

// The offices a volunteer can call.
const (
	OfficeCapitol  Office = "capitol"
	OfficeDistrict Office = "district"
	OfficeOther    Office = "other"
)

// Offices lists the offices.
var Offices = []Office{OfficeCapitol, OfficeDistrict, OfficeOther}

var officeLabels = map[Office]string{OfficeCapitol: "Capitol", OfficeDistrict: "District", OfficeOther: "Other"}

// Label is the office as a person reads it ("Capitol"); "" stays "".
func (o Office) Label() string {
	if l, ok := officeLabels[o]; ok {
		return l
	}
	return string(o)
}

// Valid reports whether o names an office.
func (o Office) Valid() bool { return o == OfficeCapitol || o == OfficeDistrict || o == OfficeOther }

// VolunteerStatus is where a volunteer is in their life with the chapter.
type VolunteerStatus string

// The volunteer statuses.
const (
	StatusProspect VolunteerStatus = "prospect"
	StatusActive   VolunteerStatus = "active"
	StatusInactive VolunteerStatus = "inactive"
	StatusMoved    VolunteerStatus = "moved"
)

// VolunteerStatuses lists the statuses.
var VolunteerStatuses = []VolunteerStatus{StatusProspect, StatusActive, StatusInactive, StatusMoved}

var statusLabels = map[VolunteerStatus]string{StatusProspect: "Prospect", StatusActive: "Active",
	StatusInactive: "Inactive", StatusMoved: "Moved"}

// Label is the status as a person reads it ("Active"); "" stays "".
func (v VolunteerStatus) Label() string {
	if l, ok := statusLabels[v]; ok {
		return l
	}
	return string(v)
}

// Valid reports whether v is a status.
func (v VolunteerStatus) Valid() bool {
	return v == StatusProspect || v == StatusActive || v == StatusInactive || v == StatusMoved
}

// ParseVolunteerStatus accepts a status code or its label ("Active"), case-insensitively.
func ParseVolunteerStatus(text string) (VolunteerStatus, error) {
	return parseVocab(text, VolunteerStatuses, VolunteerStatus.Label, "status")
}

func parseVocab[T ~string](text string, all []T, label func(T) string, what string) (T, error) {
	f := fold(text)
	for _, v := range all {
		if f == string(v) || f == fold(label(v)) || f == fold(string(v)) {
			return v, nil
		}
	}
	return "", fmt.Errorf("unknown %s %q", what, text)
}

// The genders a legislator's record can carry, as Open States gives them (lower-cased);
// "" is not known. The call sheets' Spanish and Portuguese titles agree with it.
const (
	GenderFemale = "female"
	GenderMale   = "male"
)

// ParseGender reads Open States' gender column ("Female", "Male", "F", "M"); anything
// else is "" (not known).
func ParseGender(text string) string {
	switch fold(strings.TrimSpace(text)) {
	case "female", "f", "woman":
		return GenderFemale
	case "male", "m", "man":
		return GenderMale
	}
	return ""
}
