package db

import (
	"context"
	"fmt"
	"strings"

	"golang.org/x/text/unicode/norm"
)

// OnRoster finds the live volunteer a volunteer import would take v for (see match):
// the same email, letter case aside, unless the first names clearly differ
// (sameByEmail: a household's shared address), or the same phone or mobile with the
// same name (sameByPhone). v is normalized (its E.164 phones set); v itself (its ID)
// is not counted. The window asks before it adds such a person a second time.
func (s *Store) OnRoster(ctx context.Context, v Volunteer) (VolunteerRow, bool, error) {
	email := v.Email
	if PlaceholderEmail(email) {
		email = ""
	}
	phones := []string{v.PhoneE164, v.MobileE164}
	if email == "" && phones[0] == "" && phones[1] == "" {
		return VolunteerRow{}, false, nil
	}
	// The indexes on email (case-insensitive), phone and mobile find the candidates;
	// the names are compared here, as the import compares them. All of them: an
	// office's number may be dozens of people's, and the one of this name the last
	// (a limit of 50 missed her, and the form saved a second person unasked).
	rows, err := s.r.QueryContext(ctx, `SELECT `+volunteerRowCols+` FROM volunteers v
		WHERE v.deleted_at IS NULL AND v.id <> ? AND (? <> '' AND v.email = ? COLLATE NOCASE
			OR v.phone_e164 IN (?, ?) AND v.phone_e164 <> '' OR v.mobile_e164 IN (?, ?) AND v.mobile_e164 <> '')
		ORDER BY v.id`, v.ID, email, email, phones[0], phones[1], phones[0], phones[1])
	if err != nil {
		return VolunteerRow{}, false, fmt.Errorf("find %s on the roster: %w", v.Name(), err)
	}
	found, err := scanVolunteerRows(rows)
	if err != nil {
		return VolunteerRow{}, false, fmt.Errorf("find %s on the roster: %w", v.Name(), err)
	}
	name, _ := v.nameKeys()
	for _, r := range found {
		// A row not found by its email was found by a phone: the name must be the same.
		if email != "" && strings.EqualFold(norm.NFC.String(r.Email), email) {
			if sameByEmail(stemOf(v.FirstName), stemOf(r.FirstName)) {
				return r, true, nil
			}
		} else if sameByPhone(key64(name), key64(fold(r.FirstName+" "+r.LastName))) {
			return r, true, nil
		}
	}
	return VolunteerRow{}, false, nil
}
