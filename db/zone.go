package db

import (
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	// The zones of the states travel in the binary: Windows has no zoneinfo files
	// for time.LoadLocation to read, and a Unix system may lack them too.
	_ "time/tzdata"
)

// stateZones is the IANA zone of each state's legislature (and DC's council, Puerto
// Rico's assembly), by postal code. A state over two zones has its capital's, where
// the legislature sits and the calls go: Alaska (Juneau), Florida (Tallahassee,
// Eastern; the western panhandle is Central), Idaho (Boise, Mountain; the north is
// Pacific), Indiana (Indianapolis, Eastern), Kansas (Topeka, Central), Kentucky
// (Frankfort, Eastern), Michigan (Lansing, Eastern), Nebraska (Lincoln, Central),
// Nevada (Carson City, Pacific), North Dakota (Bismarck, Central), Oregon (Salem,
// Pacific), South Dakota (Pierre, Central), Tennessee (Nashville, Central), Texas
// (Austin, Central).
var stateZones = map[string]string{
	"AL": "America/Chicago", "AK": "America/Juneau", "AZ": "America/Phoenix", "AR": "America/Chicago",
	"CA": "America/Los_Angeles", "CO": "America/Denver", "CT": "America/New_York", "DE": "America/New_York",
	"DC": "America/New_York", "FL": "America/New_York", "GA": "America/New_York", "HI": "Pacific/Honolulu",
	"ID": "America/Boise", "IL": "America/Chicago", "IN": "America/Indiana/Indianapolis", "IA": "America/Chicago",
	"KS": "America/Chicago", "KY": "America/New_York", "LA": "America/Chicago", "ME": "America/New_York",
	"MD": "America/New_York", "MA": "America/New_York", "MI": "America/Detroit", "MN": "America/Chicago",
	"MS": "America/Chicago", "MO": "America/Chicago", "MT": "America/Denver", "NE": "America/Chicago",
	"NV": "America/Los_Angeles", "NH": "America/New_York", "NJ": "America/New_York", "NM": "America/Denver",
	"NY": "America/New_York", "NC": "America/New_York", "ND": "America/Chicago", "OH": "America/New_York",
	"OK": "America/Chicago", "OR": "America/Los_Angeles", "PA": "America/New_York", "RI": "America/New_York",
	"SC": "America/New_York", "SD": "America/Chicago", "TN": "America/Chicago", "TX": "America/Chicago",
	"UT": "America/Denver", "VT": "America/New_York", "VA": "America/New_York", "WA": "America/Los_Angeles",
	"WV": "America/New_York", "WI": "America/Chicago", "WY": "America/Denver", "PR": "America/Puerto_Rico",
}

// Zone is the time zone a chapter works in: its legislature's. Times written without
// a zone are read there, and a call's or a vote's day, a report's period and its weeks
// are that zone's days, whatever the zone of the computer (a lead travelling, a
// laptop set to UTC, a coalition server's clients).
type Zone struct {
	Loc *time.Location
	// State is the state (postal code) whose zone Loc is; "" when no state is known
	// and Loc is this computer's zone (time.Local).
	State string
}

// StateZone is the zone of a state's legislature, by postal code ("MA"); false for a
// code it does not know.
func StateZone(state string) (Zone, bool) {
	state = strings.ToUpper(strings.TrimSpace(state))
	name, ok := stateZones[state]
	if !ok {
		return Zone{Loc: time.Local}, false
	}
	loc, err := time.LoadLocation(name)
	if err != nil { // cannot happen: time/tzdata is in the binary
		return Zone{Loc: time.Local}, false
	}
	return Zone{Loc: loc, State: state}, true
}

// Unknown says, for a Zone of no known state, that this computer's zone stands in,
// in a sentence a lead can act on; "" when the zone is a state's. The import's
// summary and the screens that show calls say it, in these words.
func (z Zone) Unknown() string {
	if z.State != "" {
		return ""
	}
	return fmt.Sprintf("times are read and shown in this computer's zone (%s): no state is known — "+
		"import the legislators, or set the campaign's state (or the chapter's, in Settings)", computerZone())
}

// computerZone names this computer's zone as a lead can check it: "America/Chicago".
// Go names the zone it read from /etc/localtime (no TZ set) or from Windows "Local":
// that file's name then, when it is the zone in use, else its abbreviation and offset
// ("CST, UTC-06:00").
func computerZone() string {
	if name := time.Local.String(); name != "Local" {
		return name
	}
	if link, err := os.Readlink("/etc/localtime"); err == nil {
		if _, name, ok := strings.Cut(link, "zoneinfo/"); ok {
			if loc, err := time.LoadLocation(name); err == nil && sameRules(loc, time.Local) {
				return name
			}
		}
	}
	now := time.Now()
	offset := "UTC" + now.Format("-07:00")
	if abbr, _ := now.Zone(); abbr != "Local" && strings.Trim(abbr, "+-0123456789") == abbr {
		return abbr + ", " + offset
	}
	return offset
}

// sameRules says whether two zones agree now and in January and July, whatever their
// names.
func sameRules(a, b *time.Location) bool {
	now := time.Now()
	for _, t := range []time.Time{now, time.Date(now.Year(), 1, 1, 12, 0, 0, 0, time.UTC), time.Date(now.Year(), 7, 1, 12, 0, 0, 0, time.UTC)} {
		_, x := t.In(a).Zone()
		if _, y := t.In(b).Zone(); x != y {
			return false
		}
	}
	return true
}

// Zone is the zone of a campaign's legislature (campaign 0: the chapter's; see zoneOf).
func (s *Store) Zone(ctx context.Context, campaign int64) (Zone, error) {
	z, err := zoneOf(ctx, s.r, campaign)
	if err != nil {
		return z, fmt.Errorf("time zone: %w", mapErr(err))
	}
	return z, nil
}

// zoneOf is the zone of the legislature of campaign (0: of the chapter): the state of
// that campaign, else of the newest campaign naming one, else the state most of the
// legislators are of, else the chapter's own (its profile); this computer's zone when
// none names a state the table knows.
func zoneOf(ctx context.Context, q queryer, campaign int64) (Zone, error) {
	var state string
	err := q.QueryRowContext(ctx, `SELECT coalesce(
		(SELECT upper(trim(state)) FROM campaigns WHERE id = ?1 AND trim(state) <> ''),
		(SELECT upper(trim(state)) FROM campaigns WHERE deleted_at IS NULL AND trim(state) <> ''
			ORDER BY `+newestCampaignOrder+` LIMIT 1),
		(SELECT upper(trim(state)) FROM legislators WHERE deleted_at IS NULL AND trim(state) <> ''
			GROUP BY upper(trim(state)) ORDER BY count(*) DESC, upper(trim(state)) LIMIT 1),
		(SELECT upper(trim(state)) FROM chapters WHERE is_self = 1 AND trim(state) <> ''),
		'')`, campaign).Scan(&state)
	if err != nil {
		return Zone{Loc: time.Local}, err
	}
	z, _ := StateZone(state)
	return z, nil
}

// stateNames are the states of stateZones by name, for a message.
var stateNames = map[string]string{
	"AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California", "CO": "Colorado",
	"CT": "Connecticut", "DE": "Delaware", "DC": "the District of Columbia", "FL": "Florida", "GA": "Georgia",
	"HI": "Hawaii", "ID": "Idaho", "IL": "Illinois", "IN": "Indiana", "IA": "Iowa", "KS": "Kansas",
	"KY": "Kentucky", "LA": "Louisiana", "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts",
	"MI": "Michigan", "MN": "Minnesota", "MS": "Mississippi", "MO": "Missouri", "MT": "Montana",
	"NE": "Nebraska", "NV": "Nevada", "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico",
	"NY": "New York", "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma",
	"OR": "Oregon", "PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota",
	"TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VT": "Vermont", "VA": "Virginia", "WA": "Washington",
	"WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming", "PR": "Puerto Rico",
}

// place names the zone's state for a message, or this computer's zone.
func (z Zone) place() string {
	if n, ok := stateNames[z.State]; ok {
		return n
	}
	if z.loc() != time.Local {
		return z.loc().String()
	}
	return fmt.Sprintf("this computer's zone (%s)", computerZone())
}

// In is t on the zone's clock, for a day or a time shown to a lead (the zero Zone's:
// this computer's).
func (z Zone) In(t time.Time) time.Time { return t.In(z.loc()) }

// Clock writes t on the zone's clock with the zone's abbreviation, as the import's
// lines do: "2 June 2025, 10:05 AM EDT", its seconds when it has some ("10:05:04 AM"),
// so two times a few seconds apart do not read the same.
func (z Zone) Clock(t time.Time) string {
	t = z.In(t)
	if t.Second() != 0 {
		return t.Format("2 January 2006, 3:04:05 PM MST")
	}
	return t.Format("2 January 2006, 3:04 PM MST")
}

func (z Zone) loc() *time.Location {
	if z.Loc == nil {
		return time.Local
	}
	return z.Loc
}

// ReadWallClock is the instant a time written without a zone is on the zone's clock
// (written: its fields in UTC, as IncomingCall.WrittenAt). skipped says why, for a
// time the clocks skip when they go forward ("2:30 AM did not happen on 9 March 2025
// in Massachusetts: ..."), which time.Date would silently move by the hour; repeated
// is set for a time the clocks pass twice when they go back (1:30 on the night of
// November), read as the first of the two, daylight time.
func (z Zone) ReadWallClock(written time.Time) (at time.Time, skipped string, repeated bool) {
	loc, w := z.loc(), written
	at = time.Date(w.Year(), w.Month(), w.Day(), w.Hour(), w.Minute(), w.Second(), 0, loc)
	if at.Hour() != w.Hour() || at.Minute() != w.Minute() || at.Day() != w.Day() {
		// The change is within hours of it (time.Date moves the time to either side):
		// found by the minute, once a row.
		for x := at.Add(-3 * time.Hour).Truncate(time.Minute); x.Before(at.Add(3 * time.Hour)); x = x.Add(time.Minute) {
			_, before := x.Add(-time.Minute).In(loc).Zone()
			if _, after := x.In(loc).Zone(); after != before {
				return at, fmt.Sprintf("%s did not happen on %s in %s: the clocks went from %s to %s",
					w.Format("3:04 PM"), w.Format("2 January 2006"), z.place(),
					x.In(time.FixedZone("", before)).Format("3:04"), x.In(loc).Format("3:04")), false
			}
		}
		return at, fmt.Sprintf("%s did not happen on %s in %s: the clocks skipped it", w.Format("3:04 PM"), w.Format("2 January 2006"), z.place()), false
	}
	later := at.Add(time.Hour).In(loc)
	repeated = later.Hour() == w.Hour() && later.Minute() == w.Minute() && later.Day() == w.Day()
	return at, "", repeated
}
