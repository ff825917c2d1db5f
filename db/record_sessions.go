package db

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
)

// A campaign follows its bill from one session to the next (the Safe Communities Act
// was S.1305 in the 193rd session, 2023-24, and is H 5293 in the 194th), and the
// record keeps every session's sponsorships. Only those of the newest session stand
// in the whip count: a legislator who cosponsored the earlier session's bill and not
// (yet) the newest one's is one the lead must call, not a sponsor (tester t6, F6).
// Their earlier sponsorship is shown as such. Which session is the newest is read
// from the dates the exports give (session_bills.session_from and session_to, their
// first and last roll call, migration 0017); where the data gives none, from the
// session identifiers only when both are of one plain kind ("193rd" and "194th",
// "2024" and "2025"); otherwise it is not known, and no sponsorship counts until it is.

// recordSession is a session of a campaign's bills, with the dates its exports give.
type recordSession struct {
	state, session string
	from, to       int64 // its first and last roll call (Unix); 0: none known
}

// label names the session in a sentence: "session 2024".
func (s recordSession) label() string { return "session " + s.session }

var (
	ordinalSession = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(\d+)(st|nd|rd|th)$`) })
	yearsSession   = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(\d{4})(?:[-–_]?(\d{4})|[-–_](\d{2}))?$`) })
)

// sessionSpan reads a session identifier of a plain kind: an ordinal ("194th", kind
// "ordinal", from = to) or years ("2024", "2023-2024", California's "20232024",
// "2023-24", kind "years"). kind "": neither (Texas' "89", "891": a plain number may
// be a legislature or its special session).
func sessionSpan(id string) (kind string, from, to int) {
	id = strings.TrimSpace(id)
	if m := ordinalSession().FindStringSubmatch(id); m != nil {
		n, _ := strconv.Atoi(m[1])
		return "ordinal", n, n
	}
	if m := yearsSession().FindStringSubmatch(id); m != nil {
		from, _ = strconv.Atoi(m[1])
		to = from
		if m[2] != "" {
			to, _ = strconv.Atoi(m[2])
		} else if m[3] != "" {
			short, _ := strconv.Atoi(m[3])
			to = from/100*100 + short
		}
		if to < from {
			return "", 0, 0
		}
		return "years", from, to
	}
	return "", 0, 0
}

// sessionBefore says whether a is known to come before b. By their dates when both
// have them (overlapping dates: not known, whatever the names say); else by their
// identifiers when both are of one plain kind and do not overlap; else, one with
// dates and one named by its years (a new session's export before its first roll
// call), by the dates against those years, a day's margin either side. Sessions of two
// states are never ordered.
func sessionBefore(a, b recordSession) bool {
	if a.state != b.state {
		return false
	}
	if a.from > 0 && b.from > 0 {
		return a.to < b.from
	}
	ka, _, ta := sessionSpan(a.session)
	kb, fb, _ := sessionSpan(b.session)
	switch {
	case ka != "" && ka == kb:
		return ta < fb
	case a.from > 0 && kb == "years":
		return a.to < yearStart(fb)-86400
	case b.from > 0 && ka == "years":
		return yearStart(ta+1)+86400 < b.from
	}
	return false
}

// yearStart is the first instant of year y, UTC (Unix).
func yearStart(y int) int64 { return time.Date(y, time.January, 1, 0, 0, 0, 0, time.UTC).Unix() }

// sessionsStanding is, for a campaign, the session whose sponsorships stand in its
// whip count: the newest of those its bills' records come from.
type sessionsStanding struct {
	sessions []recordSession
	newest   *recordSession // nil: none known newest (why says so), or no session
	why      string
}

// stands says whether the sponsorships of the session stand in the count.
func (st *sessionsStanding) stands(state, session string) bool {
	return st.newest != nil && st.newest.state == state && st.newest.session == session
}

// notCounted says why a sponsorship of the session does not count:
// "an earlier session than 2025" or the reason no session is known newest.
func (st *sessionsStanding) notCounted() string {
	if st.newest != nil {
		return "an earlier session than " + st.newest.session + ": not counted"
	}
	return st.why
}

// campaignSessions reads the sessions of a campaign's bills kept by session imports,
// and which of them is the newest.
func campaignSessions(ctx context.Context, tx *sql.Tx, campaign int64) (*sessionsStanding, error) {
	st := &sessionsStanding{}
	err := eachRow(ctx, tx, func(r *sql.Rows) error {
		var s recordSession
		err := r.Scan(&s.state, &s.session, &s.from, &s.to)
		st.sessions = append(st.sessions, s)
		return err
	}, `SELECT sb.state, sb.session, coalesce(min(CASE WHEN sb.session_from > 0 THEN sb.session_from END), 0), max(sb.session_to)
		FROM campaign_session_bills m JOIN session_bills sb ON sb.id = m.session_bill_id
		WHERE m.campaign_id = ? GROUP BY sb.state, sb.session ORDER BY sb.state, sb.session`, campaign)
	if err != nil {
		return nil, err
	}
	for i := range st.sessions {
		s := &st.sessions[i]
		newest := true
		for _, o := range st.sessions {
			if o != *s && !sessionBefore(o, *s) {
				newest = false
			}
		}
		if newest {
			st.newest = s
			return st, nil
		}
	}
	if len(st.sessions) > 1 {
		var names []string
		for _, s := range st.sessions {
			names = append(names, s.state+" "+s.session)
		}
		st.why = fmt.Sprintf("which of sessions %s is the newest is not known (their exports' roll call dates overlap or are "+
			"missing, and the names do not say): no sponsorship counts until they do; import the newest session's export "+
			"again once it holds a roll call", strings.Join(names, ", "))
	}
	return st, nil
}

// earlierSessionsFixup is the fix-up that settles, once per file, the stances an
// earlier version left standing on an earlier session's sponsorship; a server's are
// settled at every server init (settling what is settled moves nothing, and an init
// cut off half way is mended by the next).
const earlierSessionsFixup = "sponsorships_of_earlier_sessions"

// campaignMarksFixup settles them again, once per file, for the stances an earlier
// version left on a campaign file's sponsor mark the record shows to be of an earlier
// session's bill only (t6 F4: settleStance ends such a mark since).
const campaignMarksFixup = "campaign_marks_of_earlier_sessions"

// settleEarlierSessions settles, in every campaign whose bills' records come from
// several sessions, the stance of each legislator the record names as a sponsor, as
// an import of the newest session's export does (settleStance): a version before
// schema 17 counted an earlier session's sponsorship as a current one, and the
// chapter's count would stay so until the next session import. Each stance moved is
// a record row dated by the newest session's export (the day its record was known),
// of no import (undo does not take it back: nothing put it there but the rule).
func settleEarlierSessions(ctx context.Context, tx *sql.Tx, server bool) (int, error) {
	var campaigns []int64
	if err := eachRow(ctx, tx, func(r *sql.Rows) error {
		var c int64
		err := r.Scan(&c)
		campaigns = append(campaigns, c)
		return err
	}, `SELECT DISTINCT campaign_id FROM campaign_session_bills ORDER BY campaign_id`); err != nil {
		return 0, err
	}
	moved := 0
	for _, c := range campaigns {
		st, err := campaignSessions(ctx, tx, c)
		if err != nil || len(st.sessions) < 2 {
			if err != nil {
				return moved, err
			}
			continue
		}
		last := st.sessions[len(st.sessions)-1]
		if st.newest != nil {
			last = *st.newest
		}
		var at int64
		if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(sb.record_at), 0) FROM session_bills sb
			JOIN campaign_session_bills m ON m.session_bill_id = sb.id
			WHERE m.campaign_id = ? AND sb.state = ? AND sb.session = ?`, c, last.state, last.session).Scan(&at); err != nil {
			return moved, err
		}
		when := time.Now()
		if at > 0 && at < when.Unix() {
			when = fromUnix(at)
		}
		zone, known := StateZone(last.state)
		if !known {
			if zone, err = zoneOf(ctx, tx, c); err != nil {
				return moved, err
			}
		}
		im := &sessionImport{ctx: ctx, tx: tx, server: server, zone: zone.Loc, sum: &SessionImportSummary{},
			exp:      &SessionExport{State: last.state, Session: last.session, ExportedAt: when},
			standing: map[int64]*sessionsStanding{c: st}}
		if err := im.settleSponsorsOf(c); err != nil {
			return moved, err
		}
		for _, p := range im.settle {
			if err := im.settleStance(p); err != nil {
				return moved, err
			}
		}
		moved += im.sum.StanceChanges
	}
	return moved, nil
}
