package db

import (
	"fmt"
	"strings"
)

// noNameGiven is the first name of a caller added from a report form that gave no
// name, or gave an email or phone where the name goes: a volunteer needs a name, and
// the email itself (what was stored before) was then printed as the name, a
// coalition-safe workbook's too.
const noNameGiven = "(no name given)"

// callerName is the name a report's caller cell gives (see callerNameOf).
type callerName struct {
	rest           string // the cell less the emails and phones
	first, last    string
	emails, phones []string // typed in the name (ContactsInName)
	noName         []string // the parts that are no name, as typed ("N/A")
	lost           bool     // letters turned into "?" (LettersLost)
}

// callerNameOf is the first and family name a report's caller cell gives, as the
// import adds a caller under it (callerFromName) and fills in the family name of one
// the roster knows by the first name alone (callerIndex.correction): the cell less
// any email or phone number typed in it (ContactsInName), split as a person would
// (SplitFullName), a part that is no name empty ("N/A", "-", "02139", an emoji:
// NoName; "Dr." ending the cell: titleAlone), and a cell that is none as a whole
// ("(no name given)", "[none]", "anonymous") no name at all. lost says whether the name has letters
// turned into "?": no name is taken from it.
func callerNameOf(cell string) (n callerName) {
	n.rest, n.emails, n.phones = ContactsInName(cell)
	if strings.TrimSpace(n.rest) != "" && NoName(n.rest) { // "(no name given)", "[none]": no name, as a whole
		n.noName = append(n.noName, strings.TrimSpace(n.rest))
		return n
	}
	n.first, n.last = SplitFullName(n.rest)
	if n.first != "" && NoName(n.first) {
		n.noName, n.first = append(n.noName, n.first), ""
	}
	if n.last != "" && (NoName(n.last) || titleAlone(n.last)) {
		n.noName, n.last = append(n.noName, n.last), ""
	}
	n.lost = LettersLost(n.rest)
	return n
}

// callerFromName is the volunteer a report's caller is added as: the name the cell
// gives (callerNameOf), less any email or phone number typed in it, which go to the
// email (when the form's email is empty) and the phone, or to the notes; of an email
// cell giving several addresses (cellEmails), the first is the email, the others go
// to the notes. note says what was done, "" when the name was a name.
func callerFromName(in *IncomingCall) (v Volunteer, note string) {
	n := callerNameOf(in.CallerName)
	emails, phones := n.emails, n.phones
	v = NewVolunteer(n.first, n.last)
	if v.FirstName == "" && v.LastName == "" {
		v.FirstName = noNameGiven
	}
	v.Email = in.CallerEmail
	if more := cellEmails(v.Email); more != nil { // "a@x.org; b@y.org": the first, the others noted
		v.Email = ""
		if len(more) > 0 {
			v.Email = more[0]
		}
		if len(more) > 1 {
			v.Notes = "other email on the report form: " + strings.Join(more[1:], ", ")
		}
	}
	if _, role := NameRole(n.rest); role != "" { // "Dan Smith - Team Lead" (s48)
		v.Notes = strings.TrimPrefix(v.Notes+"; written after the name on the report form: "+role, "; ")
	}
	if len(emails) == 0 && len(phones) == 0 {
		return v, ""
	}
	var took, kept []string
	for _, e := range emails {
		if at := strings.IndexByte(e, '@'); v.Email == "" && at > 0 && strings.Contains(e[at:], ".") && !PlaceholderEmail(e) {
			v.Email = e
			took = append(took, "email "+e)
		} else if !strings.EqualFold(e, v.Email) {
			kept = append(kept, e)
		}
	}
	for _, ph := range phones {
		if _, err := NormalizePhone(ph); err == nil && v.Phone == "" {
			v.Phone = ph
			took = append(took, "phone "+ph)
		} else {
			kept = append(kept, ph)
		}
	}
	if len(kept) > 0 {
		v.Notes = strings.TrimPrefix(v.Notes+"; typed in the name on the report form: "+strings.Join(kept, ", "), "; ")
	}
	how := "taken out of the name"
	if len(took) > 0 {
		how = "taken as the " + strings.Join(took, " and ")
	}
	if len(kept) > 0 {
		how += "; " + strings.Join(kept, ", ") + " kept in the notes"
	}
	name := strings.TrimSpace(v.FirstName + " " + v.LastName)
	return v, fmt.Sprintf("the caller's name %q holds an email or phone number: %s; added as %s, set their name on the roster", in.CallerName, how, name)
}
