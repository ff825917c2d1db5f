package db

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// pushCall is a call report as sameCalls compares it: its key (legislator, time,
// outcome) and its caller by UUID, email (folded to lower case) and name key.
type pushCall struct {
	uuid, leg, outcome         string
	at, campaign               int64
	caller, email, nameKey     string
	callerTrashed              bool
	legName, legChamber, named string
}

// callKeyRows reads the call reports of s that where picks, with
// their caller and legislator.
func callKeyRows(ctx context.Context, s *Store, where string, args ...any) ([]pushCall, error) {
	var out []pushCall
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		return eachRow(ctx, tx, func(r *sql.Rows) error {
			var c pushCall
			err := r.Scan(&c.uuid, &c.at, &c.outcome, &c.campaign, &c.leg, &c.legName, &c.legChamber,
				&c.caller, &c.email, &c.nameKey, &c.named, &c.callerTrashed)
			c.email = strings.ToLower(strings.TrimSpace(c.email))
			out = append(out, c)
			return err
		}, `SELECT r.uuid, r.called_at, r.outcome, r.campaign_id, coalesce(l.uuid, ''), coalesce(l.name, 'a legislator'),
			coalesce(l.chamber, ''), coalesce(v.uuid, ''), coalesce(v.email, ''), coalesce(v.name_key, ''),
			coalesce(trim(v.first_name || ' ' || v.last_name), 'no one'), v.deleted_at IS NOT NULL
			FROM call_reports r LEFT JOIN legislators l ON l.id = r.legislator_id
			LEFT JOIN volunteers v ON v.id = r.volunteer_id WHERE `+where+` ORDER BY r.called_at, r.id`, args...)
	})
	return out, err
}

// sameCaller reports whether two reports' callers are one person: the same
// volunteer, or, added on each side apart, the same email or name.
func sameCaller(a, b pushCall) bool {
	return a.caller != "" && a.caller == b.caller || a.email != "" && a.email == b.email ||
		a.nameKey != "" && a.nameKey == b.nameKey
}

// sameCallsOnServer are the file's call reports new since the checkout (not in
// checked; without it, saved since at) and not on the server by UUID that the server
// holds under another id: the same legislator, time, outcome and caller (the caller
// the same volunteer, or one of the same email or name added on each side), as a
// call import finds a report by its key. The same form imported in the checkout and
// on the server gives its reports different UUIDs; the push added each call twice
// (tester t9, repro-17). They are left out and named (already). Of the rest, a call
// whose caller is new in the file and in its trash (a duplicate put there, as the
// push's refusal advises) would be filed to that trashed copy: it is left out too,
// and listed in refused.
func (s *Store) sameCallsOnServer(ctx context.Context, src *Store, checked map[string]checkedOutCall, base map[string]int64, at int64) (
	leave, already []string, refused []PushRefused, err error) {
	all, err := callKeyRows(ctx, src, `r.deleted_at IS NULL AND (? OR r.updated_at >= ?)`, checked != nil, at)
	if err != nil {
		return nil, nil, nil, err
	}
	var news []pushCall
	for _, c := range all {
		if _, had := checked[c.uuid]; !had {
			news = append(news, c)
		}
	}
	if len(news) == 0 {
		return nil, nil, nil, nil
	}
	onServer := map[string]bool{}
	err = s.readTx(ctx, func(tx *sql.Tx) error {
		return eachRow(ctx, tx, func(r *sql.Rows) error {
			var uuid string
			err := r.Scan(&uuid)
			onServer[uuid] = true
			return err
		}, `SELECT uuid FROM call_reports`)
	})
	if err != nil {
		return nil, nil, nil, err
	}
	all, news = news, nil
	lo, hi := int64(0), int64(0)
	for _, c := range all {
		if onServer[c.uuid] {
			continue // on the server already (pushed before): the merge adds nothing
		}
		if len(news) == 0 || c.at < lo {
			lo = c.at
		}
		if len(news) == 0 || c.at > hi {
			hi = c.at
		}
		news = append(news, c)
	}
	if len(news) == 0 {
		return nil, nil, nil, nil
	}
	theirs, err := callKeyRows(ctx, s, `r.called_at BETWEEN ? AND ?`, lo, hi)
	if err != nil {
		return nil, nil, nil, err
	}
	byKey := map[string][]pushCall{}
	key := func(c pushCall) string { return fmt.Sprintf("%s|%d|%s", c.leg, c.at, c.outcome) }
	for _, c := range theirs {
		byKey[key(c)] = append(byKey[key(c)], c)
	}
	for _, c := range news {
		z, err := zoneOf(ctx, src.r, c.campaign)
		if err != nil {
			return nil, nil, nil, err
		}
		name := fmt.Sprintf("the call of %s to %s by %s", z.In(fromUnix(c.at)).Format("2006-01-02 15:04"),
			Legislator{Chamber: Chamber(c.legChamber), Name: c.legName}.Title(), c.named)
		matched := false
		for _, t := range byKey[key(c)] {
			if sameCaller(c, t) {
				matched = true
				break
			}
		}
		if matched {
			leave, already = append(leave, c.uuid), append(already, name)
			continue
		}
		if c.callerTrashed && c.caller != "" {
			// New in the file: not in the checkout (base), or, without its record, not
			// on the server (a push puts the trashed copy in the server's trash, so
			// the checkout's record is what keeps a second push from filing the call).
			_, had := base[c.caller]
			var one int
			err := s.r.QueryRowContext(ctx, `SELECT 1 FROM volunteers WHERE uuid = ?`, c.caller).Scan(&one)
			if base != nil && !had || base == nil && err == sql.ErrNoRows {
				leave = append(leave, c.uuid)
				refused = append(refused, PushRefused{Kind: PushCallReport, Name: name,
					Reason: "its caller was added in the file and is in the file's trash (a duplicate put there?): " +
						"not filed to that trashed copy; log the call again for the right caller"})
				continue
			}
			if err != nil && err != sql.ErrNoRows {
				return nil, nil, nil, err
			}
		}
	}
	return leave, already, refused, nil
}
