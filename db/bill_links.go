package db

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// BillLink ties a campaign's bill to a bill of one legislative session.
type BillLink struct {
	CampaignID    int64
	CampaignBill  string // as the campaign writes it ("H.3269")
	State         string
	Session       string // Open States' session identifier ("194th")
	SessionNumber string // the session's bill ("H 5293"); the campaign's own number when it kept it
	// Waiting is set by LinkBill when no export of the session for the state has
	// brought a bill here yet: the link waits for one (import session), and Sessions
	// are the state's sessions that have.
	Waiting  bool
	Sessions []string
	// Here is set by BillLinks when an export of the session has brought the linked
	// bill here (its record, if the export had one, is in); ExportedOn is the day of
	// the first export that did (YYYY-MM-DD, the legislature's day).
	Here       bool
	ExportedOn string
	// Replaced is, when LinkBill replaced a link of the campaign bill to the session
	// under another number, that number ("H 5151"); NoLongerCounted are the session
	// bills whose record the link replaced (or UnlinkBill took back) no longer counts
	// as the campaign's: kept, as history, but no longer its roll calls, votes or
	// sponsorships; StanceChanges the whip count stances their sponsorships gave that
	// fell back (see unlinkRecord).
	Replaced        string
	NoLongerCounted []string
	// NotHere is set by LinkBill when an export of the session is imported here but
	// none brought a bill of the link's number (see NotHereNote).
	NotHere       bool
	StanceChanges int
}

// ReplacedNote says, for a link that replaced another, which bill it replaced and
// what of that bill's record no longer counts; "" when it replaced none.
func (l BillLink) ReplacedNote() string {
	if l.Replaced == "" && len(l.NoLongerCounted) == 0 {
		return ""
	}
	var notes []string
	if l.Replaced != "" {
		notes = append(notes, fmt.Sprintf("it was %s until now: this link replaces that one", l.Replaced))
	}
	if note := l.UnlinkedNote(); note != "" {
		notes = append(notes, note)
	}
	return strings.Join(notes, "; ")
}

// UnlinkedNote says whose record no longer counts as the campaign's after a link was
// replaced or taken back; "" when none had been imported.
func (l BillLink) UnlinkedNote() string {
	if len(l.NoLongerCounted) == 0 {
		return ""
	}
	note := fmt.Sprintf("the record of %s imported here is kept but no longer counts as the campaign's "+
		"(its roll calls, votes and sponsorships)", strings.Join(l.NoLongerCounted, ", "))
	if l.StanceChanges > 0 {
		note += fmt.Sprintf(", and %d whip count %s its sponsorships gave fell back to the stance before",
			l.StanceChanges, map[bool]string{true: "stance", false: "stances"}[l.StanceChanges == 1])
	}
	return note
}

// WaitingNote says, for a link LinkBill saved to a session no export has brought
// yet, that it waits for one and which sessions of its state are here; "" otherwise.
func (l BillLink) WaitingNote() string {
	if !l.Waiting {
		return ""
	}
	here := "none yet"
	if len(l.Sessions) > 0 {
		here = strings.Join(l.Sessions, ", ")
	}
	return fmt.Sprintf("no export of session %s of %s is imported here yet (%s sessions here: %s): the link waits for it; "+
		"check the session's name and state if that is not the one you mean", l.Session, l.State, l.State, here)
}

// RenumberNote says, for a link to a session where the campaign's bill has another
// number (refiled: H.3269 is H 5293 in the 194th), that printed material names the
// campaign's own number; "" when the numbers agree. The printer does not swap in the
// session's number itself: a campaign may be linked to several sessions, old ones too,
// and its texts name its own numbers.
func (l BillLink) RenumberNote() string {
	if BillKey(l.SessionNumber) == BillKey(l.CampaignBill) {
		return ""
	}
	return fmt.Sprintf("the campaign's bill %s is followed as %s in session %s of %s: this prints %s; "+
		"edit the campaign's bill numbers if the new number should be printed", l.CampaignBill, l.SessionNumber, l.Session, l.State, l.CampaignBill)
}

// sessionsHere sets l.Waiting and l.Sessions from the sessions whose bills are here,
// and refuses a session known here only as another state's ("2024" is New Hampshire's,
// not the Massachusetts campaign's): a link to it would wait for ever.
func sessionsHere(ctx context.Context, tx *sql.Tx, l *BillLink) error {
	var others []string
	l.Waiting, l.Sessions = true, nil
	if err := eachRow(ctx, tx, func(r *sql.Rows) error {
		var state, session string
		if err := r.Scan(&state, &session); err != nil {
			return err
		}
		switch {
		case state == l.State && session == l.Session:
			l.Waiting = false
		case state == l.State:
			l.Sessions = append(l.Sessions, session)
		case session == l.Session:
			others = append(others, state)
		}
		return nil
	}, `SELECT DISTINCT state, session FROM session_bills ORDER BY state, session`); err != nil {
		return err
	}
	if l.Waiting && len(others) > 0 {
		here := "none yet"
		if len(l.Sessions) > 0 {
			here = strings.Join(l.Sessions, ", ")
		}
		return &ValidationError{"session", fmt.Sprintf("Session %s is %s's here, not %s's: say --state %s, or a session of %s (here: %s).",
			l.Session, strings.Join(others, " and "), l.State, others[0], l.State, here)}
	}
	return nil
}

// LinkBill says which bill of a session stands for a campaign's bill. The campaign
// bill is named as the campaign writes it, in any spelling of its number; the state
// defaults to the campaign's. The session number defaults to the campaign's own. A
// link for the same campaign bill and session is replaced.
func (s *Store) LinkBill(ctx context.Context, l BillLink) (BillLink, error) {
	l.Session = strings.TrimSpace(l.Session)
	if l.Session == "" {
		return l, &ValidationError{"session", "Say which session the bill is of (as Open States names it: 194th, 2024, 2025-2026)."}
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var state string
		if err := tx.QueryRowContext(ctx, `SELECT state FROM campaigns WHERE id = ? AND deleted_at IS NULL`, l.CampaignID).Scan(&state); err != nil {
			if err == sql.ErrNoRows {
				return &ValidationError{"campaign", fmt.Sprintf("There is no campaign %d.", l.CampaignID)}
			}
			return err
		}
		if l.State == "" {
			l.State = state
		}
		l.State = strings.ToUpper(strings.TrimSpace(l.State))
		if !isStateCode(l.State) {
			return &ValidationError{"state", "The campaign has no state: say the session's state (--state XX)."}
		}
		key := BillKey(l.CampaignBill)
		var numbers []string
		if err := eachRow(ctx, tx, func(r *sql.Rows) error {
			var n string
			err := r.Scan(&n)
			numbers = append(numbers, n)
			return err
		}, `SELECT number FROM campaign_bills WHERE campaign_id = ? ORDER BY position`, l.CampaignID); err != nil {
			return err
		}
		found := ""
		for _, n := range numbers {
			if BillKey(n) == key && key != "" {
				found = n
			}
		}
		if found == "" {
			return &ValidationError{"bill", fmt.Sprintf("Campaign %d has no bill %s (its bills: %s).", l.CampaignID,
				l.CampaignBill, strings.Join(numbers, ", "))}
		}
		l.CampaignBill = found
		if strings.TrimSpace(l.SessionNumber) == "" {
			l.SessionNumber = found
		}
		l.SessionNumber = strings.TrimSpace(l.SessionNumber)
		if BillKey(l.SessionNumber) == "" {
			return &ValidationError{"to", fmt.Sprintf("%q is not a bill number.", l.SessionNumber)}
		}
		if err := sessionsHere(ctx, tx, &l); err != nil {
			return err
		}
		// One session bill stands for one of the campaign's bills: a second would count
		// its record twice, for two bills (tester t10).
		var other string
		if err := tx.QueryRowContext(ctx, `SELECT bill_key FROM campaign_bill_links WHERE campaign_id = ? AND state = ? AND session = ?
			AND session_key = ? AND bill_key <> ? ORDER BY bill_key LIMIT 1`, l.CampaignID, l.State, l.Session, BillKey(l.SessionNumber), key).
			Scan(&other); err != nil && err != sql.ErrNoRows {
			return err
		}
		if other != "" {
			for _, n := range numbers {
				if BillKey(n) == other {
					other = n
				}
			}
			return &ValidationError{"to", fmt.Sprintf("In session %s of %s, %s already stands for the campaign's %s: a session bill stands for one "+
				"of the campaign's bills, or its record would count for both. If it is %s's, first take back %s's link: "+
				"chapterdesk campaign unlink %d %s --session %s (or link %s to its own bill of the session).",
				l.Session, l.State, l.SessionNumber, other, l.CampaignBill, other, l.CampaignID, quoteArg(other), quoteArg(l.Session), other)}
		}
		if !l.Waiting {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM session_bills WHERE state = ? AND session = ? AND number_key = ?`,
				l.State, l.Session, BillKey(l.SessionNumber)).Scan(&n); err != nil {
				return err
			}
			l.NotHere = n == 0
		}
		var was string
		if err := tx.QueryRowContext(ctx, `SELECT session_number FROM campaign_bill_links WHERE campaign_id = ? AND bill_key = ?
			AND state = ? AND session = ?`, l.CampaignID, key, l.State, l.Session).Scan(&was); err != nil && err != sql.ErrNoRows {
			return err
		}
		if was != "" && BillKey(was) != BillKey(l.SessionNumber) {
			l.Replaced = was
			if err := unlinkRecord(ctx, tx, s.server != nil, &l, BillKey(l.SessionNumber)); err != nil {
				return err
			}
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO campaign_bill_links (campaign_id, bill_key, state, session, session_number,
			session_key, linked_at) VALUES (?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (campaign_id, bill_key, state, session) DO UPDATE SET session_number = excluded.session_number,
				session_key = excluded.session_key, linked_at = excluded.linked_at`,
			l.CampaignID, key, l.State, l.Session, l.SessionNumber, BillKey(l.SessionNumber), nowUnix())
		return err
	})
	if err != nil {
		return l, fmt.Errorf("link bill %s of campaign %d: %w", l.CampaignBill, l.CampaignID, mapErr(err))
	}
	return l, nil
}

// UnlinkBill removes a campaign bill's link to a session. The record already kept
// stays, as history, until the import that brought it is undone, but no longer
// counts as the campaign's (see unlinkRecord); the link returned says what no longer
// counts.
func (s *Store) UnlinkBill(ctx context.Context, campaignID int64, bill, state, session string) (BillLink, error) {
	l := BillLink{CampaignID: campaignID, CampaignBill: bill, State: strings.ToUpper(strings.TrimSpace(state)), Session: strings.TrimSpace(session)}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM campaign_bill_links WHERE campaign_id = ? AND bill_key = ? AND state = ? AND session = ?`,
			campaignID, BillKey(bill), l.State, l.Session)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return notLinked(ctx, tx, l)
		}
		return unlinkRecord(ctx, tx, s.server != nil, &l, "")
	})
	if err != nil {
		return l, fmt.Errorf("unlink bill %s of campaign %d: %w", bill, campaignID, mapErr(err))
	}
	return l, nil
}

// notLinked refuses to unlink a campaign bill from a session it is not linked to,
// naming the links it has (tester t11: "not found" alone).
func notLinked(ctx context.Context, tx *sql.Tx, l BillLink) error {
	var links []string
	if err := eachRow(ctx, tx, func(r *sql.Rows) error {
		var state, session, number string
		err := r.Scan(&state, &session, &number)
		links = append(links, fmt.Sprintf("%s %s (%s)", state, session, number))
		return err
	}, `SELECT state, session, session_number FROM campaign_bill_links WHERE campaign_id = ? AND bill_key = ?
		ORDER BY state, session`, l.CampaignID, BillKey(l.CampaignBill)); err != nil {
		return err
	}
	has := "it is linked to no session"
	if len(links) > 0 {
		has = "its links: " + strings.Join(links, ", ")
	}
	return &ValidationError{"session", fmt.Sprintf("Campaign %d's %s is not linked to session %s of %s (%s; see campaign links).",
		l.CampaignID, l.CampaignBill, l.Session, l.State, has)}
}

// unlinkRecord stops counting as the campaign's the record of the session bills an
// import took for l's campaign bill in l's session, but the one numbered keep (the
// bill the link names now; "": none): a link replaced or taken back (tester t10: H.3269
// linked to H 4000 after H 5151 kept H 5151's roll calls in export record and its votes
// on the whip board). The record stays, as history (the session's bills, roll calls,
// votes and sponsorships; an undo of its import still takes it back); only the
// campaign's tie to the bill goes, and the stances its sponsorships gave fall back as
// a withdrawal's do (settleStance), dated now, a record row saying why. Linked again
// and the session imported again, the bill is the campaign's again.
func unlinkRecord(ctx context.Context, tx *sql.Tx, server bool, l *BillLink, keep string) error {
	key := BillKey(l.CampaignBill)
	type tied struct {
		id         int64
		identifier string
	}
	var ties []tied
	if err := eachRow(ctx, tx, func(r *sql.Rows) error {
		var t tied
		err := r.Scan(&t.id, &t.identifier)
		ties = append(ties, t)
		return err
	}, `SELECT DISTINCT sb.id, sb.identifier FROM campaign_session_bills m JOIN session_bills sb ON sb.id = m.session_bill_id
		WHERE m.campaign_id = ? AND m.bill_key = ? AND sb.state = ? AND sb.session = ? AND sb.number_key <> ? ORDER BY sb.identifier, sb.id`,
		l.CampaignID, key, l.State, l.Session, keep); err != nil {
		return err
	}
	if len(ties) == 0 {
		return nil
	}
	zone, _ := StateZone(l.State)
	im := &sessionImport{ctx: ctx, tx: tx, server: server, sum: &SessionImportSummary{}, zone: zone.Loc,
		standing: map[int64]*sessionsStanding{},
		exp:      &SessionExport{State: l.State, Session: l.Session, ExportedAt: time.Now()}}
	for _, t := range ties {
		l.NoLongerCounted = append(l.NoLongerCounted, t.identifier)
		if err := eachRow(ctx, tx, func(r *sql.Rows) error {
			var leg int64
			var name string
			var primary bool
			if err := r.Scan(&leg, &name, &primary); err != nil {
				return err
			}
			p := im.toSettle(l.CampaignID, leg, name)
			p.unlinked = append(p.unlinked, sponsorRole(primary)+" of "+t.identifier)
			return nil
		}, `SELECT legislator_id, name, is_primary = 1 FROM bill_sponsorships WHERE session_bill_id = ? AND legislator_id IS NOT NULL
			AND withdrawn_on = '' ORDER BY is_primary DESC, id`, t.id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM campaign_session_bills WHERE campaign_id = ? AND bill_key = ? AND session_bill_id = ?`,
			l.CampaignID, key, t.id); err != nil {
			return err
		}
	}
	im.source = fmt.Sprintf("no longer linked to the campaign's %s in session %s, %s", l.CampaignBill, l.Session,
		im.exp.ExportedAt.In(im.zone).Format(dateLayout))
	for _, p := range im.settle {
		if err := im.settleStance(p); err != nil {
			return err
		}
	}
	l.StanceChanges = im.sum.StanceChanges
	return nil
}

// BillLinks lists a campaign's links (campaignID 0: every campaign's).
func (s *Store) BillLinks(ctx context.Context, campaignID int64) ([]BillLink, error) {
	var out []BillLink
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		numbers, err := campaignBillNumbers(ctx, tx)
		if err != nil {
			return err
		}
		return eachRow(ctx, tx, func(r *sql.Rows) error {
			var l BillLink
			var key string
			var exported sql.NullString
			err := r.Scan(&l.CampaignID, &key, &l.State, &l.Session, &l.SessionNumber, &exported)
			l.Here, l.ExportedOn = exported.Valid, exported.String
			l.CampaignBill = numbers[l.CampaignID][key]
			if l.CampaignBill == "" {
				l.CampaignBill = key // the campaign no longer has the bill
			}
			out = append(out, l)
			return err
		}, `SELECT l.campaign_id, l.bill_key, l.state, l.session, l.session_number,
				(SELECT MIN(b.exported_on) FROM campaign_session_bills c JOIN session_bills b ON b.id = c.session_bill_id
				WHERE c.campaign_id = l.campaign_id AND c.bill_key = l.bill_key AND b.state = l.state AND b.session = l.session)
			FROM campaign_bill_links l
			WHERE ? = 0 OR l.campaign_id = ? ORDER BY l.campaign_id, l.state, l.session, l.bill_key`, campaignID, campaignID)
	})
	if err != nil {
		return nil, fmt.Errorf("list bill links: %w", err)
	}
	return out, nil
}

// unlinkedRecordFixup stops counting, once per file (a server: at every init), the
// record an earlier version left counting for a campaign after removing the link
// that brought it (a bill dropped from the campaign before followRenumbered went
// through unlinkRecord): see unlinkStaleRecord.
const unlinkedRecordFixup = "record_of_removed_links"

// unlinkStaleRecord applies unlinkRecord to every campaign's tie to a session bill
// whose campaign bill has no link to that session any more: the record (roll calls,
// votes, sponsorships) stays as history but no longer counts as the campaign's, and
// the stances its sponsorships gave fall back, a record row saying why. It says how
// many campaign bills' ties it took back; none is left to find the next time.
func unlinkStaleRecord(ctx context.Context, tx *sql.Tx, server bool) (int, error) {
	var stale []BillLink
	if err := eachRow(ctx, tx, func(r *sql.Rows) error {
		var l BillLink
		err := r.Scan(&l.CampaignID, &l.CampaignBill, &l.State, &l.Session)
		stale = append(stale, l)
		return err
	}, `SELECT DISTINCT m.campaign_id, m.bill_key, sb.state, sb.session FROM campaign_session_bills m
		JOIN session_bills sb ON sb.id = m.session_bill_id
		WHERE NOT EXISTS (SELECT 1 FROM campaign_bill_links k WHERE k.campaign_id = m.campaign_id AND k.bill_key = m.bill_key
			AND k.state = sb.state AND k.session = sb.session)
		ORDER BY m.campaign_id, m.bill_key, sb.state, sb.session`); err != nil {
		return 0, err
	}
	if len(stale) == 0 {
		return 0, nil
	}
	numbers, err := campaignBillNumbers(ctx, tx)
	if err != nil {
		return 0, err
	}
	for i := range stale {
		l := &stale[i]
		if n := numbers[l.CampaignID][l.CampaignBill]; n != "" {
			l.CampaignBill = n // the bill still in the campaign, as it writes it
		}
		if err := unlinkRecord(ctx, tx, server, l, ""); err != nil {
			return i, err
		}
	}
	return len(stale), nil
}

// campaignBillNumbers gives each campaign's bill numbers by their key.
func campaignBillNumbers(ctx context.Context, tx *sql.Tx) (map[int64]map[string]string, error) {
	out := map[int64]map[string]string{}
	err := eachRow(ctx, tx, func(r *sql.Rows) error {
		var c int64
		var n string
		if err := r.Scan(&c, &n); err != nil {
			return err
		}
		if out[c] == nil {
			out[c] = map[string]string{}
		}
		if k := BillKey(n); out[c][k] == "" {
			out[c][k] = n
		}
		return nil
	}, `SELECT campaign_id, number FROM campaign_bills ORDER BY campaign_id, position`)
	return out, err
}

// followRenumbered moves the session links of a bill the campaign no longer has
// (before, and not in after) to the bill that took its place: the one number new in
// the same chamber (H.3269 renumbered H.5293, as RenumberNote advises), when that
// number is the session bill's the link points to (H.3269 linked to the session's
// H 5293). A link left on the old number stood for a bill the campaign does not have,
// and the session import then called the same session bill both linked and not
// taken. The record matched through a link that moves moves with it. A new number
// that is not the session bill's is no evidence of a renumbering (H.3269 swapped for
// an unrelated H.4000 took the link, and H 3269's sponsors and votes counted for
// H.4000): such a link is removed, as is one with no one bill to go to (the bill
// dropped, or several new ones in its chamber) or whose new bill has a link of its
// own to that session; as with UnlinkBill, the record stays until its import is undone
// but no longer counts as the campaign's, the stances it gave falling back
// (unlinkRecord; server: the store is PostgreSQL), and the note says so and how to
// link again. notes (nil: none wanted) get a
// line for each link.
func followRenumbered(ctx context.Context, tx *sql.Tx, server bool, campaign int64, before, after []Bill, notes *[]string) error {
	had, has := map[string]bool{}, map[string]bool{}
	for _, b := range before {
		had[BillKey(b.Number)] = true
	}
	for _, b := range after {
		has[BillKey(b.Number)] = true
	}
	say := func(format string, args ...any) {
		if notes != nil {
			*notes = append(*notes, fmt.Sprintf("campaign %d: bill "+format, append([]any{campaign}, args...)...))
		}
	}
	for _, old := range before {
		key := BillKey(old.Number)
		if key == "" || has[key] {
			continue
		}
		var to []Bill
		for _, b := range after {
			if b.Chamber == old.Chamber && !had[BillKey(b.Number)] {
				to = append(to, b)
			}
		}
		var links []BillLink
		if err := eachRow(ctx, tx, func(r *sql.Rows) error {
			var l BillLink
			err := r.Scan(&l.State, &l.Session, &l.SessionNumber)
			links = append(links, l)
			return err
		}, `SELECT state, session, session_number FROM campaign_bill_links WHERE campaign_id = ? AND bill_key = ? ORDER BY state, session`,
			campaign, key); err != nil {
			return err
		}
		moved := false
		for _, l := range links {
			if len(to) == 1 && BillKey(to[0].Number) == BillKey(l.SessionNumber) {
				newKey := BillKey(to[0].Number)
				res, err := tx.ExecContext(ctx, `UPDATE campaign_bill_links SET bill_key = ?
					WHERE campaign_id = ? AND bill_key = ? AND state = ? AND session = ? AND NOT EXISTS (SELECT 1 FROM campaign_bill_links d
						WHERE d.campaign_id = ? AND d.bill_key = ? AND d.state = ? AND d.session = ?)`,
					newKey, campaign, key, l.State, l.Session, campaign, newKey, l.State, l.Session)
				if err != nil {
					return err
				}
				if n, err := res.RowsAffected(); err != nil {
					return err
				} else if n == 1 {
					say("%s is now %s: its link to session %s (%s) moved with it", old.Number, to[0].Number, l.Session, l.SessionNumber)
					moved = true
					continue
				}
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM campaign_bill_links WHERE campaign_id = ? AND bill_key = ? AND state = ? AND session = ?`,
				campaign, key, l.State, l.Session); err != nil {
				return err
			}
			// As campaign unlink: the record the link brought no longer counts.
			l.CampaignID, l.CampaignBill = campaign, old.Number
			if err := unlinkRecord(ctx, tx, server, &l, ""); err != nil {
				return err
			}
			unlinked := ""
			if n := l.UnlinkedNote(); n != "" {
				unlinked = "; " + n
			}
			say("%s is no longer among the campaign's bills: its link to session %s (%s) was removed%s; if one of the campaign's bills is that session's %s, "+
				"link it: chapterdesk campaign link %d BILL --session %s --to %s", old.Number, l.Session, l.SessionNumber, unlinked, l.SessionNumber,
				campaign, quoteArg(l.Session), quoteArg(l.SessionNumber))
		}
		if moved {
			newKey := BillKey(to[0].Number)
			if _, err := tx.ExecContext(ctx, `UPDATE campaign_session_bills SET bill_key = ? WHERE campaign_id = ? AND bill_key = ?
				AND NOT EXISTS (SELECT 1 FROM campaign_session_bills d WHERE d.campaign_id = campaign_session_bills.campaign_id
					AND d.bill_key = ? AND d.session_bill_id = campaign_session_bills.session_bill_id)`, newKey, campaign, key, newKey); err != nil {
				return err
			}
		}
	}
	return nil
}

// NotHereNote warns, for a link to a session an export of which is imported here,
// that no import of it brought a bill of that number (a number mistyped, say), and
// names the link it replaced, with the way back; "" otherwise (tester t11: a working
// link to SB 604 replaced by one to SB 9999 without a word). Only the bills a campaign
// links are kept, so the export may still have it: its next import says.
func (l BillLink) NotHereNote() string {
	if !l.NotHere {
		return ""
	}
	note := fmt.Sprintf("no bill %s of session %s of %s has been imported here: check the number; if the session's export has it, "+
		"importing the export again brings its record, and if not, the import says so", l.SessionNumber, l.Session, l.State)
	if l.Replaced != "" {
		note += fmt.Sprintf(". It replaced the link to %s; to go back: campaign link %d %s --session %s --to %q",
			l.Replaced, l.CampaignID, l.CampaignBill, l.Session, l.Replaced)
	}
	return note
}
