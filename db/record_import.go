package db

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// SessionExport is an Open States session export as read from its CSV tables: the
// session's bills (all of them), how bills relate, sponsorships, roll calls and each
// member's vote. The importer fills it; ImportSession keeps what the campaigns follow.
type SessionExport struct {
	Source     string    // the zip or folder, as the lead named it
	State      string    // two-letter code, upper case
	Session    string    // Open States' session identifier ("194th")
	ExportedAt time.Time // when Open States wrote it; dates the stance changes it brings
	// DateGuessed says ExportedAt is a guess (from a folder's or a zip's file times,
	// or the newest roll call), not a date the lead gave. Such an export cannot be told
	// newer than the one a bill's sponsorships come from: it withdraws none and brings
	// none back, and does not date the bill's record.
	DateGuessed bool
	Bills       []SessionBill
	Related     []RelatedBill
	// Sponsorships, RollCalls and Votes are nil when their table is missing from the
	// export (a zip leaves out tables without rows); Missing names those tables.
	Sponsorships []IncomingSponsorship
	RollCalls    []IncomingRollCall
	Votes        []IncomingVote
	Missing      []string
}

// SessionBill is one bill of a session export.
type SessionBill struct {
	OpenStatesID string // ocd-bill/...
	Identifier   string // "H 5293"
	Title        string
	Chamber      string // upper, lower or ''
}

// RelatedBill is a row of bill_related_bills: BillID relates to the bill Identifier
// (in Massachusetts a bill "replaces" its docket).
type RelatedBill struct {
	BillID     string
	Identifier string
	Relation   string
}

// IncomingSponsorship is a row of bill_sponsorships.
type IncomingSponsorship struct {
	Line           int
	Name           string
	EntityType     string // person or organization
	PersonID       string // ocd-person/..., may be empty
	BillID         string
	Primary        bool
	Classification string // primary, cosponsor, ...
}

// IncomingRollCall is a row of votes, with its counts from vote_counts.
type IncomingRollCall struct {
	Line                      int
	ID                        string // ocd-vote/...
	BillID                    string
	Chamber                   string // from the organization that voted: upper, lower or ''
	Motion                    string
	StartDate                 string
	VotedAt                   time.Time
	Result                    string
	Yes, No, Other, NotVoting int
	// VotesDiffer says how the members' votes vote_people lists differ from the counts,
	// by one member at most ("H 4000, \"…\" (2025-04-28): 145 yes listed, the counts say
	// 144"); "" when they agree. The importer refuses an export whose lists differ more.
	VotesDiffer string
}

// IncomingVote is a row of vote_people: one member's vote on a roll call.
type IncomingVote struct {
	Line      int
	VoteID    string
	Option    string // yes, no, other, not voting
	VoterName string
	VoterID   string // ocd-person/..., empty on about 4% of Massachusetts rows
}

// SessionBillTaken is a campaign bill and the session bill kept for it.
type SessionBillTaken struct {
	CampaignID   int64
	CampaignBill string // as the campaign writes it
	Identifier   string // the session's bill
	Title        string
	MatchedBy    string // number, link or docket
}

// Unmatched is a row of the export that could not be tied to a legislator here.
type Unmatched struct {
	Table  string // bill_sponsorships or vote_people
	Line   int
	Name   string
	Reason string
}

// SessionImportSummary is what a session import kept, or would keep in a dry run.
type SessionImportSummary struct {
	BatchID int64 // 0 in a dry run or when nothing was new
	Bills   []SessionBillTaken
	// New rows; what was already there from an earlier import counts as Unchanged.
	Sponsorships        int
	SponsorshipsMatched int
	RollCalls           int
	Votes               int
	VotesMatched        int // of Votes: by voter_id
	VotesByName         int // of Votes: by the one member the name fits
	StanceChanges       int
	// Withdrawn are the sponsorships a newer export of their bill no longer lists,
	// kept as withdrawn ("Ann Yes, cosponsor of H 100"); the notes say so.
	Withdrawn []string
	// Rows an earlier import kept unmatched that this one matched (legislators
	// loaded since, say); they count in neither the new rows nor Unchanged.
	VotesRematched        int
	SponsorshipsRematched int
	// VotesChanged and RollCallsChanged are the votes and roll calls an earlier
	// import kept that this export, the newest of their bill, gives otherwise (a
	// member's vote, a roll call's result or counts corrected): taken, listed in the
	// notes. Counted in neither the new rows nor Unchanged.
	VotesChanged, RollCallsChanged int
	// Of Unchanged: rows an earlier import kept unmatched that are still unmatched
	// (listed by that import, and by export record).
	StillUnmatched int
	Unchanged      int
	Unmatched      []Unmatched
	Notes          []string
	// NotTaken are the campaign bills whose number the export has but that no link
	// ties to its session: each front end says how to link one (BillNotTaken.Note).
	NotTaken []BillNotTaken
	// Zone is the legislature's, whose days the record's dates are (the export's state's).
	Zone Zone
	// NoneLinked is set when no live campaign links a bill to the export's session:
	// nothing of it is kept (tester t10: "0 changed", and no word why). Unlinked are
	// the bills of the campaigns of its state (or of none), each front end saying how
	// to link one (NoneLinkedNote).
	NoneLinked bool
	Unlinked   []CampaignBillRef
}

// CampaignBillRef is a campaign's bill, as the campaign writes it.
type CampaignBillRef struct {
	CampaignID int64
	Bill       string
}

// NoneLinkedNote says that no campaign bill is linked to the export's session, so
// nothing of it was kept, and how to link one: how(bill) is the front end's way to
// link a campaign's bill ("chapterdesk campaign link 1 H.3269 --session 2024 ...").
// "" when a bill is linked.
func (sum SessionImportSummary) NoneLinkedNote(state, session string, how func(CampaignBillRef) string) string {
	if !sum.NoneLinked {
		return ""
	}
	note := fmt.Sprintf("no campaign bill is linked to session %s of %s, so nothing of this export was kept "+
		"(its bills are not remembered). ", session, state)
	if len(sum.Unlinked) == 0 {
		return note + fmt.Sprintf("No live campaign of %s has a bill: add the bill to a campaign, link it to the session, "+
			"then import the export again", state)
	}
	var ways []string
	for _, b := range sum.Unlinked {
		ways = append(ways, how(b))
	}
	return note + "Link the campaign's bill to the session's bill (by the number it has in this session), " +
		"then import the export again: " + strings.Join(ways, "; ")
}

// BillNotTaken is a campaign bill whose number the export's session has but that no
// link ties to the session. Bill numbers are reused from one session to the next, so
// the session's bill may be another one altogether: it is named, never taken on a
// guess, and a link is advised only when its title names the campaign.
type BillNotTaken struct {
	CampaignID   int64
	CampaignName string // in the campaign's default language
	CampaignBill string // as the campaign writes it ("S.1305")
	Session      string
	Bills        []SessionBill // the export's bills of that number
	// NamesCampaign is set when a bill's title names the campaign (its name in one of
	// its languages): then the bill plausibly is the campaign's.
	NamesCampaign bool
}

// SessionImportFormat is the format an Open States session import is recorded with.
const SessionImportFormat = "openstates-session"

// ImportSession keeps, in one transaction recorded as one import batch, the official
// record of the campaigns' bills in an Open States session export: the bills the lead
// linked to the session (LinkBill), their sponsorships and their roll calls with each
// member's vote. Rows already there (by their Open States ids) are left, so the same
// export again changes nothing and a newer one adds what is new; a newer export of a
// bill is its record, so a sponsorship it no longer lists is withdrawn (kept, marked
// with its day), and an older one changes no sponsorship (see withdrawUnlisted). Sponsors and
// cosponsors matched to a legislator by ocd-person id become stance changes dated by
// the export; a stance the lead set later stays current (the history holds both).
// Voters are matched by voter_id, else by name where exactly one member of the
// chamber who may have cast the vote fits (see matchVoter); every row not matched is
// listed with its reason.
func (s *Store) ImportSession(ctx context.Context, exp *SessionExport, opts ImportOptions) (SessionImportSummary, error) {
	var sum SessionImportSummary
	if exp.ExportedAt.IsZero() {
		return sum, &ValidationError{"exported", "Say when the export was made (--exported YYYY-MM-DD): it dates the stance changes it brings."}
	}
	// Its date dates the sponsors' stance changes: one ahead would be the whip count's
	// current stance until then (a coalition server refuses it, postgres/0021).
	if exp.ExportedAt.After(time.Now().Add(ClockSkew)) {
		return sum, &ValidationError{"exported", fmt.Sprintf("The export is dated %s, in the future: it dates the stance changes it brings. "+
			"Give the day Open States made it (--exported YYYY-MM-DD), or check the computer's clock.", exp.ExportedAt.Format(dateLayout))}
	}
	if !isStateCode(exp.State) || exp.Session == "" {
		return sum, &ValidationError{"session", "The export does not say its state and session."}
	}
	// Nor before its own newest roll call (tester t10: nh-2024 given 2020-01-01): a date
	// mistyped so old makes a newer export read as older than the one a bill's record
	// comes from, and it withdraws nothing. A guessed date is not the lead's to retype.
	if !exp.DateGuessed {
		zone, _ := StateZone(exp.State)
		day := exp.ExportedAt.In(zone.Loc).Format(dateLayout)
		var newest time.Time
		for _, rc := range exp.RollCalls {
			if rc.VotedAt.After(newest) {
				newest = rc.VotedAt
			}
		}
		if last := newest.In(zone.Loc).Format(dateLayout); !newest.IsZero() && last > day {
			return sum, &ValidationError{"exported", fmt.Sprintf("The export is dated %s, before its newest roll call (%s): it cannot have been made "+
				"before the votes it holds. Give the day Open States made it (--exported YYYY-MM-DD), "+
				"or leave --exported out to date it by its newest roll call.", day, last)}
		}
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		im := &sessionImport{ctx: ctx, tx: tx, server: s.server != nil, exp: exp, sum: &sum, now: nowUnix()}
		zone, known := StateZone(exp.State)
		if !known {
			var err error
			if zone, err = zoneOf(ctx, tx, 0); err != nil {
				return err
			}
		}
		im.zone, sum.Zone = zone.Loc, zone
		opts.Format = SessionImportFormat
		batch, err := startBatch(ctx, tx, "legislators", opts)
		if err != nil {
			return err
		}
		im.batch = batch
		for _, step := range []func() error{im.takeBills, im.dateSession, im.loadLegislators, im.keepSponsorships, im.keepRollCalls, im.dateRecord} {
			if err := step(); err != nil {
				return err
			}
		}
		if im.created+im.rematched+len(sum.Withdrawn)+sum.StanceChanges == 0 {
			sum.BatchID = 0
			if _, err := tx.ExecContext(ctx, `DELETE FROM import_batches WHERE id = ?`, batch); err != nil {
				return err
			}
		} else {
			sum.BatchID = batch
			if _, err := tx.ExecContext(ctx, `UPDATE import_batches SET created = ?, updated = ?, skipped = ?, finished_at = ? WHERE id = ?`,
				im.created, im.rematched+len(sum.Withdrawn), sum.Unchanged, nowUnix(), batch); err != nil {
				return err
			}
		}
		if opts.DryRun {
			return errDryRun
		}
		return nil
	})
	if err == errDryRun {
		err, sum.BatchID = nil, 0
	}
	if err != nil {
		return SessionImportSummary{}, fmt.Errorf("import session %s %s: %w", exp.State, exp.Session, mapErr(err))
	}
	return sum, nil
}

// sessionImport is one ImportSession inside its transaction.
type sessionImport struct {
	ctx       context.Context
	tx        *sql.Tx
	server    bool // on a coalition server (insertStance)
	exp       *SessionExport
	zone      *time.Location // the export's state's legislature's: its days are that zone's
	sum       *SessionImportSummary
	batch     int64
	now       int64
	created   int
	rematched int // rows kept unmatched before, matched now
	// source, when set, is what the stance changes cite in place of the export (see
	// cite): a link replaced or taken back (unlinkRecord).
	source string

	bills map[string]*keptBill // by ocd-bill id: the bills kept
	legs  []sessionLegislator
	byOS  map[string]*sessionLegislator
	// settle are the legislators whose record stance this import may move, in the order
	// met (see settleStance).
	settle []*stanceToSettle
	// standing is, by campaign, the session whose sponsorships stand (see settleAll);
	// earlierOnly the sponsors whose sponsorships of an earlier session this import
	// stopped counting.
	standing    map[int64]*sessionsStanding
	earlierOnly map[int64][]string
	// named is every ocd-person id the export names as a voter or a sponsor: the
	// members it shows serving in the session (see matchVoter).
	named map[string]bool
	// seated is, by ocd-person id and chamber, the first and last roll call of the
	// export on which the member votes by voter_id in that chamber: when the export
	// shows them sitting there (see notSeated).
	seated map[[2]string]*[2]time.Time
	// rolls are the export's roll calls by chamber, with who is on each (see notSeated).
	rolls map[string][]exportRoll
}

// exportRoll is a roll call of the export and who is on it: the voter_ids, and the
// surnames of its rows without one ("name:" and spelledKey).
type exportRoll struct {
	at      time.Time
	present map[string]bool
}

// keptBill is a session bill kept, with the campaigns that follow it.
type keptBill struct {
	id         int64
	identifier string
	// storedAt is the bill's record_at as stored: when the newest export that brought
	// any of its record was made (see dateRecord; 0: on the day exported_on, before migration
	// 0011; recordAtGuessed: a guessed day). recordAt is the earliest instant that
	// export can have been made, recordDay its day.
	storedAt, recordAt int64
	recordDay          string
	// older is set when this export is older than the one the sponsorships come from,
	// and changes none of them; record when it is known to be the bill's newest
	// export, and so withdraws those it does not list and brings back those it lists
	// again. Neither: which is newer is not known (why says so), and it does neither.
	older, record bool
	why           string
	campaigns     []int64 // every campaign following it
	newFor        []int64 // campaigns that took it in this import
}

type sessionLegislator struct {
	id                   int64
	osid, state, chamber string
	name, given, family  string
	nameKey, given1      string
	// The name (as written and as given and family name) and the family name with
	// no hyphen, space or apostrophe (spelledKey): how a journal spells them.
	names    [2]string
	famKey   string
	inOffice bool
}

// spelled is l with their name folded and spelled as a journal may write it.
func (l sessionLegislator) spelled() sessionLegislator {
	l.nameKey = fold(l.name)
	if l.family == "" {
		// The last word of the name (the index is the trimmed name's).
		name := strings.TrimSpace(l.name)
		l.family = name[strings.LastIndexByte(name, ' ')+1:]
	}
	l.famKey = spelledKey(l.family)
	l.names = [2]string{spelledKey(l.name), spelledKey(l.given + " " + l.family)}
	first := l.given
	if first == "" {
		first = l.name
	}
	if f := fold(first); f != "" {
		l.given1 = f[:1]
	}
	return l
}

// voterName is a vote's journal name ("Moran, M.", "Garcia *", "Phyllis M.
// Katsakiores", "Farley Bouvier") read for matching to legislators (see matchVoter).
type voterName struct {
	name, folded, key       string
	surname, initial, given string
	// double: a double family name alone, spaced otherwise ("Farley Bouvier"), when no
	// word of it is an initial ("Ho, A." is not "Hoa").
	double bool
}

// readVoterName reads a vote_people voter_name, its asterisk and commas aside.
func readVoterName(raw string) voterName {
	n := voterName{name: strings.TrimSpace(strings.TrimRight(strings.TrimSpace(raw), "*, "))}
	n.folded = fold(n.name)
	n.key = spelledKey(n.name)
	n.surname, n.initial, n.given = journalName(n.folded)
	n.surname = spelledKey(n.surname)
	n.double = !strings.Contains(n.folded, ",") && !slices.ContainsFunc(nameWords(n.name), func(w string) bool { return len([]rune(w)) < 2 })
	return n
}

// fullName says whether the name is l's full name as the directory writes it, its
// hyphens and spaces aside (see spelledKey).
func (n voterName) fullName(l *sessionLegislator) bool {
	return l.names[0] == n.key || l.names[1] == n.key
}

// bySurname says whether the name fits l by family name (and initial, and a first
// name written out) or as a double family name alone.
func (n voterName) bySurname(l *sessionLegislator) bool {
	if n.double && l.famKey == n.key {
		return true
	}
	if l.famKey != n.surname || (n.initial != "" && l.given1 != n.initial) {
		return false
	}
	// A first name written out must be theirs ("Phyllis M. Katsakiores" is not Peter
	// Katsakiores), as the directory writes it or as the name begins.
	return n.given == "" || fold(l.given) == n.given || strings.HasPrefix(l.nameKey, n.given+" ")
}

// whole says whether the name names l in full (given and family name), not by a
// surname and initial: the one evidence of a vote from a term in the other chamber.
// A first name written out is the name whole too ("Phyllis M. Katsakiores").
func (n voterName) whole(l *sessionLegislator) bool {
	return n.fullName(l) || (n.given != "" && !n.double)
}

// spelledKey is a name folded with its hyphens, dashes, spaces, apostrophes and dots
// gone (nameWords, nameLetters: as the call import finds a caller) ("farleybouvier"): the journal and the directory write a double name one with a
// hyphen, the other with a space ("Farley Bouvier", "Tricia Farley-Bouvier";
// "Perkins-Kwoka", "Rebecca Perkins Kwoka"), and the vote must still find its member.
func spelledKey(s string) string { return strings.Join(nameWords(s), "") }

// source is how a stance change cites the record: the export, or why the record no
// longer counts (unlinkRecord).
func (im *sessionImport) cite() string {
	if im.source != "" {
		return im.source
	}
	return fmt.Sprintf("Open States, session %s, exported %s", im.exp.Session, im.exp.ExportedAt.In(im.zone).Format(dateLayout))
}

// takeBills finds, for every link of a live campaign to this state and session, the
// session bill it names, and keeps it. A campaign bill that the session has under the
// same number but that no link ties to this session is named, not taken.
func (im *sessionImport) takeBills() error {
	ctx, tx, exp := im.ctx, im.tx, im.exp
	byKey := map[string][]*SessionBill{}
	byID := map[string]*SessionBill{}
	for i := range exp.Bills {
		b := &exp.Bills[i]
		byKey[BillKey(b.Identifier)] = append(byKey[BillKey(b.Identifier)], b)
		byID[b.OpenStatesID] = b
	}
	replacedBy := map[string][]string{} // docket key -> ids of bills that replace it
	for _, r := range exp.Related {
		if r.Relation == "replaces" {
			k := BillKey(r.Identifier)
			replacedBy[k] = append(replacedBy[k], r.BillID)
		}
	}
	type link struct {
		campaign                    int64
		billKey, number, sessionKey string
		name                        string
	}
	var links []link
	numbers, err := campaignBillNumbers(ctx, tx)
	if err != nil {
		return err
	}
	if err := eachRow(ctx, tx, func(r *sql.Rows) error {
		var l link
		err := r.Scan(&l.campaign, &l.billKey, &l.number, &l.sessionKey)
		if n := numbers[l.campaign][l.billKey]; n != "" {
			l.name = n
		} else {
			l.name = l.billKey
		}
		links = append(links, l)
		return err
	}, `SELECT k.campaign_id, k.bill_key, k.session_number, k.session_key
		FROM campaign_bill_links k JOIN campaigns c ON c.id = k.campaign_id
		WHERE c.deleted_at IS NULL AND k.state = ? AND k.session = ? ORDER BY k.campaign_id, k.bill_key`,
		exp.State, exp.Session); err != nil {
		return err
	}
	linked := map[[2]string]bool{}
	im.bills = map[string]*keptBill{}
	if len(links) == 0 {
		im.sum.NoneLinked = true
		if err := eachRow(ctx, tx, func(r *sql.Rows) error {
			var b CampaignBillRef
			err := r.Scan(&b.CampaignID, &b.Bill)
			im.sum.Unlinked = append(im.sum.Unlinked, b)
			return err
		}, `SELECT b.campaign_id, b.number FROM campaign_bills b JOIN campaigns c ON c.id = b.campaign_id
			WHERE c.deleted_at IS NULL AND c.status <> 'archived' AND (c.state = '' OR upper(c.state) = ?)
			ORDER BY b.campaign_id, b.position`, exp.State); err != nil {
			return err
		}
	}
	// The campaign bill each session bill stands for, by campaign: a file linked twice
	// before campaign link refused it (tester t10) is told.
	standsFor := map[string]string{}
	for _, l := range links {
		linked[[2]string{fmt.Sprint(l.campaign), l.billKey}] = true
		bill, how, note := im.pick(l.sessionKey, l.billKey, byKey, byID, replacedBy)
		if note != "" {
			im.sum.Notes = append(im.sum.Notes, fmt.Sprintf("campaign %d, %s: %s", l.campaign, l.name, note))
		}
		if bill == nil {
			continue
		}
		if k := fmt.Sprint(l.campaign) + "\x00" + bill.OpenStatesID; standsFor[k] == "" {
			standsFor[k] = l.name
		} else {
			im.sum.Notes = append(im.sum.Notes, fmt.Sprintf("campaign %d: %s and %s are both linked to %s of session %s, which stands for one "+
				"of them; take back the link of the one it is not: chapterdesk campaign unlink %d BILL --session %s",
				l.campaign, standsFor[k], l.name, bill.Identifier, exp.Session, l.campaign, quoteArg(exp.Session)))
		}
		kb, err := im.keepBill(bill)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO campaign_session_bills (campaign_id, bill_key, session_bill_id, matched_by,
			import_batch_id) VALUES (?, ?, ?, ?, ?) ON CONFLICT (campaign_id, bill_key, session_bill_id) DO NOTHING`,
			l.campaign, l.billKey, kb.id, how, im.batch)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n > 0 {
			im.created++
			kb.newFor = append(kb.newFor, l.campaign)
		}
		im.sum.Bills = append(im.sum.Bills, SessionBillTaken{CampaignID: l.campaign, CampaignBill: l.name,
			Identifier: bill.Identifier, Title: bill.Title, MatchedBy: how})
	}
	for _, kb := range im.bills {
		if err := eachRow(ctx, tx, func(r *sql.Rows) error {
			var c int64
			err := r.Scan(&c)
			kb.campaigns = append(kb.campaigns, c)
			return err
		}, `SELECT DISTINCT m.campaign_id FROM campaign_session_bills m JOIN campaigns c ON c.id = m.campaign_id
			WHERE m.session_bill_id = ? AND c.deleted_at IS NULL ORDER BY m.campaign_id`, kb.id); err != nil {
			return err
		}
	}
	return im.nameNotTaken(byKey, linked)
}

// pick finds the session bill a link names: by its number, and for a Massachusetts
// docket number the bill that replaces it. It returns the bill (nil: none taken), how
// it was found, and a note for the lead.
func (im *sessionImport) pick(sessionKey, billKey string, byKey map[string][]*SessionBill, byID map[string]*SessionBill,
	replacedBy map[string][]string) (*SessionBill, string, string) {
	how := "number"
	if sessionKey != billKey {
		how = "link"
	}
	found := byKey[sessionKey]
	if len(found) > 1 {
		return nil, "", fmt.Sprintf("the export has %d bills numbered %s; none taken", len(found), found[0].Identifier)
	}
	if isDocket(im.exp.State, sessionKey) {
		ids := replacedBy[sessionKey]
		switch {
		case len(ids) == 1 && byID[ids[0]] != nil:
			b := byID[ids[0]]
			return b, "docket", fmt.Sprintf("docket %s became bill %s", sessionKey, b.Identifier)
		case len(ids) > 1:
			var names []string
			for _, id := range ids {
				if b := byID[id]; b != nil {
					names = append(names, b.Identifier)
				}
			}
			return nil, "", fmt.Sprintf("docket %s is replaced by %d bills (%s); none taken: link the one you follow",
				sessionKey, len(ids), strings.Join(names, ", "))
		}
		if len(found) == 1 {
			return found[0], how, fmt.Sprintf("docket %s has no bill number in this export; the docket itself is kept", found[0].Identifier)
		}
	}
	if len(found) == 0 {
		return nil, "", fmt.Sprintf("no bill %s in this export of session %s", sessionKey, im.exp.Session)
	}
	return found[0], how, ""
}

// recordAtGuessed is the record_at of a bill whose sponsorships come from an export
// dated by a guess (SessionExport.DateGuessed): no export is older or newer than it.
const recordAtGuessed = -1

// keepBill stores a session bill once.
func (im *sessionImport) keepBill(b *SessionBill) (*keptBill, error) {
	if kb := im.bills[b.OpenStatesID]; kb != nil {
		return kb, nil
	}
	kb := &keptBill{identifier: b.Identifier}
	at := stamp(im.exp.ExportedAt)
	if im.exp.DateGuessed {
		at = recordAtGuessed
	}
	err := im.tx.QueryRowContext(im.ctx, `INSERT INTO session_bills (openstates_id, state, session, identifier, number_key,
		title, chamber, exported_on, record_at, import_batch_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (openstates_id) DO NOTHING RETURNING id`, b.OpenStatesID, im.exp.State, im.exp.Session, b.Identifier,
		BillKey(b.Identifier), b.Title, b.Chamber, im.exp.ExportedAt.In(im.zone).Format(dateLayout), at,
		im.batch, im.now).Scan(&kb.id)
	switch {
	case err == sql.ErrNoRows:
		var exportedOn string
		err = im.tx.QueryRowContext(im.ctx, `SELECT id, record_at, exported_on FROM session_bills WHERE openstates_id = ?`,
			b.OpenStatesID).Scan(&kb.id, &kb.storedAt, &exportedOn)
		if err == nil {
			im.placeExport(kb, exportedOn)
		}
	case err == nil:
		kb.storedAt, kb.recordAt, kb.record = at, at, true
		im.created++
	}
	if err != nil {
		return nil, err
	}
	im.bills[b.OpenStatesID] = kb
	return kb, nil
}

// placeExport decides, for a bill kept by an earlier import, whether this export is
// older than the one its sponsorships come from, known to be newer (its record), or
// neither. Only exports whose dates are known are ordered: a guessed date (a copied
// folder looks newer) must not withdraw cosponsors. A bill kept before migration 0011
// (PostgreSQL 0010) has only exported_on, the day of that export: the UTC day in
// versions before a912a1c, the computer's local day since, the legislature's day
// later, so it spans the earliest and the latest instant any can mean, and the same
// export imported again is never older than itself.
func (im *sessionImport) placeExport(kb *keptBill, exportedOn string) {
	now := stamp(im.exp.ExportedAt)
	kb.recordAt = kb.storedAt
	kb.recordDay = fromUnix(kb.storedAt).In(im.zone).Format(dateLayout)
	latest := kb.storedAt
	if kb.storedAt == 0 {
		kb.recordDay = exportedOn
		for i, loc := range []*time.Location{time.UTC, time.Local, im.zone} {
			day, err := time.ParseInLocation(dateLayout, exportedOn, loc)
			if err != nil {
				kb.why = "the export its sponsorships come from has no date"
				return
			}
			if i == 0 {
				kb.recordAt, latest = stamp(day), stamp(day.AddDate(0, 0, 1))
			}
			kb.recordAt, latest = min(kb.recordAt, stamp(day)), max(latest, stamp(day.AddDate(0, 0, 1)))
		}
	}
	switch {
	case im.exp.DateGuessed:
		kb.why = "this export's date is a guess (its files' date or its newest roll call), so it cannot be told newer " +
			"than the one they come from; give --exported DATE"
	case kb.storedAt == recordAtGuessed:
		kb.why = "the export they come from was dated by a guess, so this one cannot be told newer; it dates the bill's record now"
	case now < kb.recordAt:
		kb.older = true
	case now < latest:
		kb.why = fmt.Sprintf("the export they come from is of the same day (%s), and which is newer is not known", kb.recordDay)
	default:
		kb.record = true
	}
}

// dateSession widens the dates of the export's session (session_bills.session_from
// and session_to) to its first and last roll call, of every bill of the export: the
// order of a campaign's sessions is read from them (see campaignSessions).
func (im *sessionImport) dateSession() error {
	var from, to int64
	for _, rc := range im.exp.RollCalls {
		if rc.VotedAt.IsZero() {
			continue
		}
		at := stamp(rc.VotedAt)
		if from == 0 || at < from {
			from = at
		}
		to = max(to, at)
	}
	if from == 0 {
		return nil
	}
	_, err := im.tx.ExecContext(im.ctx, `UPDATE session_bills SET
		session_from = CASE WHEN session_from = 0 OR session_from > ?1 THEN ?1 ELSE session_from END,
		session_to = CASE WHEN session_to < ?2 THEN ?2 ELSE session_to END
		WHERE state = ?3 AND session = ?4`, from, to, im.exp.State, im.exp.Session)
	return err
}

// nameNotTaken tells the lead of campaign bills whose number the session has but
// that no link ties to it (BillNotTaken): numbers are reused between sessions, so the
// bill may be another one altogether, and is not taken on a guess.
func (im *sessionImport) nameNotTaken(byKey map[string][]*SessionBill, linked map[[2]string]bool) error {
	type bill struct {
		campaign     int64
		number, name string
	}
	var bills []bill
	if err := eachRow(im.ctx, im.tx, func(r *sql.Rows) error {
		var b bill
		err := r.Scan(&b.campaign, &b.number, &b.name)
		bills = append(bills, b)
		return err
	}, `SELECT b.campaign_id, b.number, coalesce((SELECT t.name FROM campaign_texts t
			WHERE t.campaign_id = c.id AND t.lang = c.default_lang), '')
		FROM campaign_bills b JOIN campaigns c ON c.id = b.campaign_id
		WHERE c.deleted_at IS NULL AND c.status <> 'archived' AND (c.state = '' OR upper(c.state) = ?)
		ORDER BY b.campaign_id, b.position`, im.exp.State); err != nil {
		return err
	}
	names := map[int64][][]string{} // a campaign's names, in every language, as words
	for _, b := range bills {
		key := BillKey(b.number)
		if linked[[2]string{fmt.Sprint(b.campaign), key}] || len(byKey[key]) == 0 {
			continue
		}
		if _, ok := names[b.campaign]; !ok {
			names[b.campaign] = nil
			if err := eachRow(im.ctx, im.tx, func(r *sql.Rows) error {
				var name string
				err := r.Scan(&name)
				if w := titleWords(name); namesSomething(w) {
					names[b.campaign] = append(names[b.campaign], w)
				}
				return err
			}, `SELECT name FROM campaign_texts WHERE campaign_id = ? ORDER BY lang`, b.campaign); err != nil {
				return err
			}
		}
		n := BillNotTaken{CampaignID: b.campaign, CampaignName: b.name, CampaignBill: b.number, Session: im.exp.Session}
		for _, sb := range byKey[key] {
			n.Bills = append(n.Bills, *sb)
			title := titleWords(sb.Title)
			for _, name := range names[b.campaign] {
				n.NamesCampaign = n.NamesCampaign || containsWords(title, name)
			}
		}
		im.sum.NotTaken = append(im.sum.NotTaken, n)
	}
	return nil
}

// Note says that the bill is not taken, naming the session's bills of its number with
// their titles, and whether one is plausibly the campaign's: then how (the front end's
// way to link a campaign bill to a session, with its own number) links it; otherwise
// how is the way to link the campaign's bill under its number in this session.
func (n BillNotTaken) Note(how string) string {
	var found []string
	for _, b := range n.Bills {
		found = append(found, fmt.Sprintf("%s (%q)", b.Identifier, shortTitle(b.Title)))
	}
	what := fmt.Sprintf("campaign %d, %s: not taken. Session %s has ", n.CampaignID, n.CampaignBill, n.Session)
	if n.NamesCampaign {
		return what + fmt.Sprintf("%s, whose title names the campaign, but bill numbers are reused from one session to the next, "+
			"so only a link takes it; if it is the campaign's bill, link it: %s", strings.Join(found, " and "), how)
	}
	campaign := "this campaign's"
	if n.CampaignName != "" {
		campaign = "the " + n.CampaignName + "'s"
	}
	bills, its := "a bill numbered alike", "its title does not name the campaign, so do not link it unless you know it is"
	if len(found) > 1 {
		bills, its = "bills numbered alike", "their titles do not name the campaign, so do not link one unless you know it is"
	}
	return what + fmt.Sprintf("%s, %s, not known to be %s: bill numbers are reused from one session to the next, and %s. "+
		"If the campaign's bill is in session %s under another number (a bill refiled gets a new one), link that one: %s",
		bills, strings.Join(found, " and "), campaign, its, n.Session, how)
}

// CutValue is a value of a file as a message quotes it: cut to its first 80
// characters when longer than 120, saying how long it was (tester t10: a voter_name of
// 100 KB was echoed whole, twice, on one line of the import's output).
func CutValue(s string) string {
	if utf8.RuneCountInString(s) <= 120 {
		return s
	}
	r := []rune(s)
	return fmt.Sprintf("%s… (cut: %d characters in all)", string(r[:80]), len(r))
}

// shortTitle is a bill's title cut to 160 characters.
func shortTitle(s string) string {
	if r := []rune(s); len(r) > 160 {
		return string(r[:157]) + "..."
	}
	return s
}

// titleWords are a title's or a name's words, folded, letters and digits only.
func titleWords(s string) []string {
	return strings.FieldsFunc(fold(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// namesSomething reports whether a campaign's name has a word that is not one every
// bill's title has ("an", "act"): "Act" alone would name every bill.
func namesSomething(words []string) bool {
	for _, w := range words {
		switch w {
		case "a", "an", "the", "act", "bill", "of", "for", "to", "and", "ley", "lei", "de", "da", "do", "la", "el":
		default:
			return true
		}
	}
	return false
}

// containsWords reports whether words holds part, its words in a row.
func containsWords(words, part []string) bool {
	for i := 0; len(part) > 0 && i+len(part) <= len(words); i++ {
		if slices.Equal(words[i:i+len(part)], part) {
			return true
		}
	}
	return false
}

// quoteArg quotes a command-line argument with a space in it.
func quoteArg(s string) string {
	if strings.ContainsAny(s, " '\"") {
		return `"` + s + `"`
	}
	return s
}

// loadLegislators reads the legislators the record's rows may name.
func (im *sessionImport) loadLegislators() error {
	im.byOS = map[string]*sessionLegislator{}
	err := eachRow(im.ctx, im.tx, func(r *sql.Rows) error {
		var l sessionLegislator
		if err := r.Scan(&l.id, &l.osid, &l.state, &l.chamber, &l.name, &l.given, &l.family, &l.inOffice); err != nil {
			return err
		}
		im.legs = append(im.legs, l.spelled())
		return nil
	}, `SELECT id, coalesce(openstates_id, ''), state, chamber,
			coalesce((SELECT value FROM legislator_edits e WHERE e.legislator_id = legislators.id AND e.field = 'name'), name),
			given_name, family_name, in_office = 1
		FROM legislators WHERE deleted_at IS NULL ORDER BY id`)
	for i := range im.legs {
		if im.legs[i].osid != "" {
			im.byOS[im.legs[i].osid] = &im.legs[i]
		}
	}
	im.named = map[string]bool{}
	im.seated = map[[2]string]*[2]time.Time{}
	rollCalls := map[string]*IncomingRollCall{}
	for i := range im.exp.RollCalls {
		rollCalls[im.exp.RollCalls[i].ID] = &im.exp.RollCalls[i]
	}
	present := map[string]map[string]bool{}
	for _, v := range im.exp.Votes {
		if present[v.VoteID] == nil {
			present[v.VoteID] = map[string]bool{}
		}
		if v.VoterID == "" {
			name := strings.TrimSpace(strings.TrimRight(strings.TrimSpace(v.VoterName), "*, "))
			surname, _, _ := journalName(fold(name))
			present[v.VoteID]["name:"+spelledKey(surname)] = true
			present[v.VoteID]["name:"+spelledKey(name)] = true
		}
		if v.VoterID != "" {
			present[v.VoteID][v.VoterID] = true
			im.named[v.VoterID] = true
			if rc := rollCalls[v.VoteID]; rc != nil && rc.Chamber != "" && !rc.VotedAt.IsZero() {
				k := [2]string{v.VoterID, rc.Chamber}
				if sp := im.seated[k]; sp == nil {
					im.seated[k] = &[2]time.Time{rc.VotedAt, rc.VotedAt}
				} else if rc.VotedAt.Before(sp[0]) {
					sp[0] = rc.VotedAt
				} else if rc.VotedAt.After(sp[1]) {
					sp[1] = rc.VotedAt
				}
			}
		}
	}
	for _, sp := range im.exp.Sponsorships {
		if sp.PersonID != "" {
			im.named[sp.PersonID] = true
		}
	}
	im.rolls = map[string][]exportRoll{}
	for _, rc := range im.exp.RollCalls {
		if rc.Chamber != "" && !rc.VotedAt.IsZero() && present[rc.ID] != nil {
			im.rolls[rc.Chamber] = append(im.rolls[rc.Chamber], exportRoll{rc.VotedAt, present[rc.ID]})
		}
	}
	return err
}

// keepSponsorships stores the sponsorships of the kept bills and turns those matched
// to a legislator into stance changes for each campaign following the bill.
func (im *sessionImport) keepSponsorships() error {
	if im.exp.Sponsorships == nil {
		if len(im.bills) > 0 {
			im.sum.Notes = append(im.sum.Notes, "the export has no bill_sponsorships table: no sponsors or cosponsors taken")
		}
		return im.settleAll()
	}
	// The sponsorships kept by earlier imports: those kept unmatched, to match now if
	// they can be; those a newer export no longer lists, to withdraw.
	stored := map[[3]string]*storedSponsorship{}
	// byName finds a name-only sponsorship's stored key by fold's form of it, whatever
	// apostrophe the export that stored it had (see sponsorNameKey).
	byName := map[[3]string]string{}
	for _, kb := range im.bills {
		if err := eachRow(im.ctx, im.tx, func(r *sql.Rows) error {
			var k [3]string
			u := &storedSponsorship{bill: kb}
			var leg sql.NullInt64
			err := r.Scan(&u.id, &k[1], &k[2], &u.reason, &leg, &u.withdrawnOn, &u.name, &u.primary)
			k[0], u.leg = fmt.Sprint(kb.id), leg.Int64
			stored[k] = u
			if strings.HasPrefix(k[1], "name:") {
				byName[[3]string{k[0], fold(k[1]), k[2]}] = k[1]
			}
			return err
		}, `SELECT id, sponsor_key, classification, unmatched, legislator_id, withdrawn_on, name, is_primary = 1
			FROM bill_sponsorships WHERE session_bill_id = ? ORDER BY id`, kb.id); err != nil {
			return err
		}
	}
	for _, sp := range im.exp.Sponsorships {
		kb := im.bills[sp.BillID]
		if kb == nil {
			continue
		}
		key := sp.PersonID
		if key == "" {
			key = sponsorNameKey(stored, byName, kb.id, sp)
		}
		var legID int64
		reason := ""
		switch l := im.byOS[sp.PersonID]; {
		case sp.EntityType != "" && sp.EntityType != "person":
			article := "a"
			if strings.ContainsRune("aeiouAEIOU", []rune(sp.EntityType)[0]) {
				article = "an" // "an organization"
			}
			reason = fmt.Sprintf("%s %s, not a legislator", article, sp.EntityType)
		case sp.PersonID == "":
			reason = "no ocd-person id in the export"
		case l == nil:
			reason = sp.PersonID + " is not among the legislators here"
		default:
			legID = l.id
		}
		withdrawnOn := ""
		if kb.older { // the newer export kept does not list it
			withdrawnOn = kb.recordDay
		}
		var id int64
		err := im.tx.QueryRowContext(im.ctx, `INSERT INTO bill_sponsorships (session_bill_id, sponsor_key, name, person_id,
			entity_type, is_primary, classification, legislator_id, unmatched, withdrawn_on, import_batch_id, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (session_bill_id, sponsor_key, classification) DO NOTHING RETURNING id`,
			kb.id, key, sp.Name, sp.PersonID, sp.EntityType, boolInt(sp.Primary), sp.Classification, nullID(legID), reason,
			withdrawnOn, im.batch, im.now).Scan(&id)
		isNew := err == nil
		if err != nil && err != sql.ErrNoRows {
			return err
		}
		u := stored[[3]string{fmt.Sprint(kb.id), key, sp.Classification}]
		if u != nil {
			u.listed = true
		}
		rematched, reinstated := false, false
		if !isNew && u != nil && u.leg == 0 && legID != 0 {
			// Unmatched when an earlier import kept it; its legislator is here now.
			if err := im.rematch("bill_sponsorships", u.id, map[string]string{"unmatched": u.reason},
				`UPDATE bill_sponsorships SET legislator_id = ?, unmatched = '' WHERE id = ? AND legislator_id IS NULL`,
				legID, u.id); err != nil {
				return err
			}
			rematched = true
			im.rematched++
			im.sum.SponsorshipsRematched++
		}
		if !isNew && u != nil && u.leg == 0 && !rematched {
			im.sum.StillUnmatched++
		}
		if !isNew && u != nil && u.withdrawnOn != "" && kb.record {
			// Withdrawn by an earlier export, listed again by this one.
			if err := im.rematch("bill_sponsorships", u.id, map[string]string{"withdrawn_on": u.withdrawnOn},
				`UPDATE bill_sponsorships SET withdrawn_on = '' WHERE id = ?`, u.id); err != nil {
				return err
			}
			reinstated = true
			im.rematched++
			im.sum.Notes = append(im.sum.Notes, fmt.Sprintf("%s, %s of %s, withdrawn by the export of %s, is listed again",
				sp.Name, sponsorRole(sp.Primary), kb.identifier, u.withdrawnOn))
		}
		switch {
		case isNew:
			im.created++
			im.sum.Sponsorships++
			if legID != 0 {
				im.sum.SponsorshipsMatched++
			}
		case !rematched && !reinstated:
			im.sum.Unchanged++
		}
		if legID == 0 {
			if isNew {
				im.sum.Unmatched = append(im.sum.Unmatched, Unmatched{"bill_sponsorships", sp.Line, sp.Name, reason})
			}
			continue
		}
		if kb.older {
			continue
		}
		campaigns := kb.newFor
		if isNew || rematched || reinstated {
			campaigns = kb.campaigns
		}
		for _, c := range campaigns {
			im.toSettle(c, legID, sp.Name).listed = true
		}
		// The others are settled too, which moves only a stance the record gave that
		// is not the strongest sponsorship's: one the versions that let the last
		// sponsorship imported win left wrong is mended by the same export again.
		for _, c := range kb.campaigns {
			im.toSettle(c, legID, sp.Name)
		}
	}
	if err := im.withdrawUnlisted(stored); err != nil {
		return err
	}
	return im.settleAll()
}

// settleAll settles the stances this import moves. A campaign whose bills' records
// come from several sessions has every sponsor of them settled: a session new to it
// may make another one's sponsorships earlier, and no longer counted (see
// campaignSessions).
func (im *sessionImport) settleAll() error {
	im.standing = map[int64]*sessionsStanding{}
	var campaigns []int64
	for _, kb := range im.bills {
		for _, c := range kb.campaigns {
			if !slices.Contains(campaigns, c) {
				campaigns = append(campaigns, c)
			}
		}
	}
	slices.Sort(campaigns)
	for _, c := range campaigns {
		st, err := campaignSessions(im.ctx, im.tx, c)
		if err != nil {
			return err
		}
		im.standing[c] = st
		if len(st.sessions) < 2 {
			continue
		}
		if st.newest == nil {
			im.sum.Notes = append(im.sum.Notes, fmt.Sprintf("campaign %d: %s", c, st.why))
		}
		if err := im.settleSponsorsOf(c); err != nil {
			return err
		}
	}
	for _, p := range im.settle {
		if err := im.settleStance(p); err != nil {
			return err
		}
	}
	for _, c := range campaigns {
		st := im.standing[c]
		if len(st.sessions) > 1 && st.newest != nil && !st.stands(im.exp.State, im.exp.Session) {
			im.sum.Notes = append(im.sum.Notes, fmt.Sprintf("campaign %d: session %s is earlier than session %s: its sponsorships are kept "+
				"and shown as the earlier session's, and do not count in the whip count", c, im.exp.Session, st.newest.session))
		}
	}
	for _, c := range campaigns {
		if names := im.earlierOnly[c]; len(names) > 0 {
			im.sum.Notes = append(im.sum.Notes, fmt.Sprintf("campaign %d: %d sponsors of an earlier session's bill only no longer count "+
				"(session %s is the newest): %s", c, len(names), im.standing[c].newest.session, strings.Join(names, ", ")))
		}
	}
	return nil
}

// settleSponsorsOf has every legislator the record names as a sponsor of one of the
// campaign's bills, of any session, settled.
func (im *sessionImport) settleSponsorsOf(campaign int64) error {
	type sponsor struct {
		leg  int64
		name string
	}
	var sponsors []sponsor
	if err := eachRow(im.ctx, im.tx, func(r *sql.Rows) error {
		var p sponsor
		err := r.Scan(&p.leg, &p.name)
		sponsors = append(sponsors, p)
		return err
	}, `SELECT p.legislator_id, min(p.name) FROM bill_sponsorships p JOIN campaign_session_bills m ON m.session_bill_id = p.session_bill_id
		WHERE m.campaign_id = ? AND p.legislator_id IS NOT NULL GROUP BY p.legislator_id ORDER BY p.legislator_id`, campaign); err != nil {
		return err
	}
	for _, p := range sponsors {
		im.toSettle(campaign, p.leg, p.name)
	}
	return nil
}

// stanceToSettle is a legislator whose sponsorships of a campaign's bills this import
// listed (new to the campaign) or withdrew: their record stance is settled once every
// sponsorship is read, as the strongest of those that stand (see settleStance).
type stanceToSettle struct {
	campaign, leg int64
	name          string   // as the export writes it
	listed        bool     // a sponsorship this import brings to the campaign
	withdrawn     []string // "sponsor of SB 403", withdrawn by this import
	unlinked      []string // "sponsor of H 5151", a bill no longer linked (unlinkRecord)
}

// toSettle is the legislator's stanceToSettle in a campaign, added on first use.
func (im *sessionImport) toSettle(campaign, leg int64, name string) *stanceToSettle {
	for _, p := range im.settle {
		if p.campaign == campaign && p.leg == leg {
			return p
		}
	}
	p := &stanceToSettle{campaign: campaign, leg: leg, name: name}
	im.settle = append(im.settle, p)
	return p
}

// sponsorNameKey is the sponsor_key of a sponsorship without an ocd-person id:
// "name:" and the name folded as keyFold does, with a curly apostrophe kept, as every
// version stored it before fold made the apostrophes one; with fold's key, a stored
// "name:mary o’brien" no longer matched a newer export's "Mary O’Brien", which
// withdrew it and added her again. A sponsorship stored under another apostrophe
// (an export with "Mary O'Brien" after one with "Mary O’Brien", or the other way, or
// a key in fold's form stored by the versions that used it) is found by fold's form
// of its key (byName), and keeps the key it has.
func sponsorNameKey(stored map[[3]string]*storedSponsorship, byName map[[3]string]string, bill int64, sp IncomingSponsorship) string {
	key := "name:" + keyFold(sp.Name)
	b := fmt.Sprint(bill)
	if stored[[3]string{b, key, sp.Classification}] != nil {
		return key
	}
	if had, ok := byName[[3]string{b, "name:" + fold(sp.Name), sp.Classification}]; ok {
		return had
	}
	return key
}

// storedSponsorship is a sponsorship an earlier import kept, while an export is read.
type storedSponsorship struct {
	bill        *keptBill
	id, leg     int64
	reason      string // why it is unmatched
	withdrawnOn string
	name        string
	primary     bool
	listed      bool // this export lists it
}

// sponsorRole names a sponsorship's role.
func sponsorRole(primary bool) string {
	if primary {
		return "sponsor"
	}
	return "cosponsor"
}

// withdrawUnlisted withdraws the sponsorships this export no longer lists on a bill
// whose record it is (it is not older than the export the bill's sponsorships come
// from): the newer export of a bill is the record. Each is kept, marked withdrawn
// with the export's day; a stance the record gave stops standing (see withdrawStance).
// An older export changes none of them, and the lead is told.
func (im *sessionImport) withdrawUnlisted(stored map[[3]string]*storedSponsorship) error {
	var list, kept []*storedSponsorship
	for _, u := range stored {
		switch {
		case u.listed || u.withdrawnOn != "" || u.bill.older:
		case u.bill.record:
			list = append(list, u)
		default:
			kept = append(kept, u)
		}
	}
	sort.Slice(list, func(i, j int) bool { return list[i].id < list[j].id })
	sort.Slice(kept, func(i, j int) bool { return kept[i].id < kept[j].id })
	im.noteNotWithdrawn(kept)
	day := im.exp.ExportedAt.In(im.zone).Format(dateLayout)
	for _, u := range list {
		if err := im.rematch("bill_sponsorships", u.id, map[string]string{"withdrawn_on": ""},
			`UPDATE bill_sponsorships SET withdrawn_on = ? WHERE id = ?`, day, u.id); err != nil {
			return err
		}
		im.sum.Withdrawn = append(im.sum.Withdrawn, fmt.Sprintf("%s, %s of %s", u.name, sponsorRole(u.primary), u.bill.identifier))
		if u.leg == 0 {
			continue
		}
		for _, c := range u.bill.campaigns {
			p := im.toSettle(c, u.leg, u.name)
			p.withdrawn = append(p.withdrawn, sponsorRole(u.primary)+" of "+u.bill.identifier)
		}
	}
	if len(list) > 0 {
		what := "sponsorship"
		if len(list) > 1 {
			what += "s"
		}
		im.sum.Notes = append([]string{fmt.Sprintf("%d %s withdrawn: %s (not in this export of %s, the newest of the bill)",
			len(list), what, strings.Join(im.sum.Withdrawn, "; "), day)}, im.sum.Notes...)
	}
	for _, kb := range im.bills {
		if kb.older {
			im.sum.Notes = append(im.sum.Notes, fmt.Sprintf("%s: this export (%s) is older than the one its record comes from (%s): "+
				"it withdraws none and brings none back", kb.identifier, day, kb.recordDay))
		}
	}
	return nil
}

// dateRecord dates the record of each kept bill by this export when it is newer than
// the export the record comes from and brought any of it: its sponsorships (the
// export has the table) or a roll call of it. Its votes as much as its sponsorships:
// an export that only corrected a vote left the date behind, and an older export
// imported next passed for the newest and took its vote back (tester t11, D3).
// Not counted as a change: the record of the bill is the same, only newer (or, after
// a guess or a day, dated).
func (im *sessionImport) dateRecord() error {
	if im.exp.DateGuessed {
		return nil
	}
	brought := map[string]bool{}
	for _, rc := range im.exp.RollCalls {
		brought[rc.BillID] = true
	}
	at := stamp(im.exp.ExportedAt)
	for _, osid := range slices.Sorted(maps.Keys(im.bills)) {
		kb := im.bills[osid]
		if kb.older || at <= kb.storedAt || (im.exp.Sponsorships == nil && !brought[osid]) {
			continue
		}
		if err := im.rematch("session_bills", kb.id, map[string]string{"record_at": fmt.Sprint(kb.storedAt)},
			`UPDATE session_bills SET record_at = ? WHERE id = ?`, at, kb.id); err != nil {
			return err
		}
	}
	return nil
}

// noteNotWithdrawn tells the lead of the sponsorships this export does not list but
// does not withdraw, since it is not known to be newer than the export they come from
// (see placeExport), bill by bill with the reason.
func (im *sessionImport) noteNotWithdrawn(kept []*storedSponsorship) {
	var bills []*keptBill
	byBill := map[*keptBill][]string{}
	for _, u := range kept {
		if byBill[u.bill] == nil {
			bills = append(bills, u.bill)
		}
		byBill[u.bill] = append(byBill[u.bill], fmt.Sprintf("%s, %s", u.name, sponsorRole(u.primary)))
	}
	for _, kb := range bills {
		list := byBill[kb]
		what := "sponsorship"
		if len(list) > 1 {
			what += "s"
		}
		verb := "is"
		if len(list) > 1 {
			verb = "are"
		}
		im.sum.Notes = append(im.sum.Notes, fmt.Sprintf("%s: %d %s this export does not list %s not withdrawn (%s): %s",
			kb.identifier, len(list), what, verb, strings.Join(list, "; "), kb.why))
	}
}

// settleStance gives a legislator, in a campaign's whip count, the stance of the
// strongest sponsorship of the campaign's bills that stands (sponsor over cosponsor),
// whatever order the export lists them in, dated by the export: a sponsor of one bill
// who cosponsors another is a sponsor. It is weighed against the record's own newest
// change, not the count: a "sponsor" the campaign's file marked, or a call, does not
// stand for the record. When none stands any more (all withdrawn), a record row says
// so, and the count is again the newest change not the record's (unknown when there
// is none): the calls heard meanwhile count again (the rule: stance_rule.go).
func (im *sessionImport) settleStance(p *stanceToSettle) error {
	var primary, stands bool
	var bill, earlier string
	st := im.standing[p.campaign]
	if st == nil {
		var err error
		if st, err = campaignSessions(im.ctx, im.tx, p.campaign); err != nil {
			return err
		}
		im.standing[p.campaign] = st
	}
	if err := eachRow(im.ctx, im.tx, func(r *sql.Rows) error {
		var isPrimary bool
		var identifier, state, session string
		if err := r.Scan(&isPrimary, &identifier, &state, &session); err != nil {
			return err
		}
		switch {
		case st.stands(state, session):
			if !stands {
				stands, primary, bill = true, isPrimary, identifier
			}
		case earlier == "":
			// Of an earlier session (or of one not known to be the newest): said, not counted.
			earlier = fmt.Sprintf("%s of %s in session %s, %s", sponsorRole(isPrimary), identifier, session, st.notCounted())
		}
		return nil
	}, `SELECT p.is_primary = 1, b.identifier, b.state, b.session FROM bill_sponsorships p
		JOIN campaign_session_bills m ON m.session_bill_id = p.session_bill_id JOIN session_bills b ON b.id = p.session_bill_id
		WHERE m.campaign_id = ? AND p.legislator_id = ? AND p.withdrawn_on = ''
		ORDER BY p.is_primary DESC, p.id`, p.campaign, p.leg); err != nil {
		return err
	}
	// What the record last said, and the newest change not the record's: the count
	// when no sponsorship stands.
	var recorded, other Stance
	var recordedAt, otherAt int64
	var otherBy string
	var otherCall int64 // 0: set by hand
	var markAt int64    // the newest campaign file's mark of them as sponsor, 0: none
	var onMark bool     // the count stands on such a mark
	if err := im.tx.QueryRowContext(im.ctx, `SELECT
			coalesce((SELECT stance FROM stance_history WHERE campaign_id = ?1 AND legislator_id = ?2 AND `+fromRecord+`
				ORDER BY changed_at DESC, id DESC LIMIT 1), ''),
			coalesce((SELECT changed_at FROM stance_history WHERE campaign_id = ?1 AND legislator_id = ?2 AND `+fromRecord+`
				ORDER BY changed_at DESC, id DESC LIMIT 1), 0),
			coalesce((SELECT stance FROM stance_history WHERE campaign_id = ?1 AND legislator_id = ?2 AND NOT `+fromRecord+` AND NOT `+campaignMarkOf("")+`
				ORDER BY changed_at DESC, id DESC LIMIT 1), 'unknown'),
			coalesce((SELECT changed_at FROM stance_history WHERE campaign_id = ?1 AND legislator_id = ?2 AND NOT `+fromRecord+` AND NOT `+campaignMarkOf("")+`
				ORDER BY changed_at DESC, id DESC LIMIT 1), 0),
			coalesce((SELECT changed_by FROM stance_history WHERE campaign_id = ?1 AND legislator_id = ?2 AND NOT `+fromRecord+` AND NOT `+campaignMarkOf("")+`
				ORDER BY changed_at DESC, id DESC LIMIT 1), ''),
			coalesce((SELECT call_report_id FROM stance_history WHERE campaign_id = ?1 AND legislator_id = ?2 AND NOT `+fromRecord+` AND NOT `+campaignMarkOf("")+`
				ORDER BY changed_at DESC, id DESC LIMIT 1), 0),
			coalesce((SELECT max(changed_at) FROM stance_history WHERE campaign_id = ?1 AND legislator_id = ?2 AND `+campaignMarkOf("")+`), 0),
			EXISTS (SELECT 1 FROM stances st JOIN stance_history h ON h.id = st.history_id
				WHERE st.campaign_id = ?1 AND st.legislator_id = ?2 AND `+campaignMarkOf("h.")+`)`,
		p.campaign, p.leg).Scan(&recorded, &recordedAt, &other, &otherAt, &otherBy, &otherCall, &markAt, &onMark); err != nil {
		return err
	}
	recordGave := recorded == StanceSponsor || recorded == StanceCosponsor
	// A sponsor the campaign's file marked whom the record shows on an earlier
	// session's bill only (t6 F4): the mark is no sponsorship on record, and the
	// record says theirs does not count; a record row, dated no earlier than the
	// mark, ends it as it ends the record's own (the mark is newer than the export).
	endsMark := !stands && earlier != "" && markAt > 0 && (recorded == "" || markAt > recordedAt)
	reason := ""
	if len(p.withdrawn) > 0 {
		reason = strings.Join(p.withdrawn, ", ") + " withdrawn"
	}
	if len(p.unlinked) > 0 {
		reason = strings.TrimPrefix(reason+"; "+strings.Join(p.unlinked, ", ")+" no longer counted", "; ")
	}
	if !stands && earlier != "" {
		reason = strings.TrimPrefix(reason+"; "+earlier, "; ")
		if (recordGave || onMark) && st.newest != nil {
			if im.earlierOnly == nil {
				im.earlierOnly = map[int64][]string{}
			}
			im.earlierOnly[p.campaign] = append(im.earlierOnly[p.campaign], p.name)
		}
	}
	stance := other
	switch {
	case stands:
		stance = StanceCosponsor
		if primary {
			stance = StanceSponsor
		}
		reason = strings.TrimPrefix(reason+"; "+sponsorRole(primary)+" of "+bill, "; ")
	case !recordGave && !endsMark:
		return nil
	}
	if recorded == stance && !endsMark {
		return nil
	}
	// Dated by the export, and never before the record's change it follows: an earlier
	// session's export may be dated after this one (downloaded later), and the
	// record's newest change is what the count reads (stanceRowAt); nor before a
	// campaign's mark it ends (of one time, the later row counts).
	at := im.exp.ExportedAt
	if recordedAt > stamp(at) {
		at = fromUnix(recordedAt)
	}
	if !stands && markAt > stamp(at) {
		at = fromUnix(markAt)
	}
	c := StanceChange{CampaignID: p.campaign, LegislatorID: p.leg, Stance: stance, ChangedAt: at,
		ChangedBy: RecordChangedBy, Reason: fmt.Sprintf("%s (%s)", reason, im.cite())}
	if _, err := insertStance(im.ctx, im.tx, im.server, &c, im.batch); err != nil {
		return err
	}
	im.sum.StanceChanges++
	switch {
	case !stands || otherAt <= stamp(im.exp.ExportedAt) || other == stance:
	case otherCall == 0:
		im.sum.Notes = append(im.sum.Notes, fmt.Sprintf("campaign %d: %s is %s of %s by the record, but the whip count's newer %q (%s, %s), set by hand, stays",
			p.campaign, p.name, sponsorRole(primary), bill, other.Label(), fromUnix(otherAt).In(im.zone).Format(dateLayout), otherBy))
	default:
		im.sum.Notes = append(im.sum.Notes, fmt.Sprintf("campaign %d: %s is %s of %s by the record, which the whip count follows: "+
			"the newer %q (%s, %s) stays in the history, and counts again if the sponsorship is withdrawn",
			p.campaign, p.name, sponsorRole(primary), bill, other.Label(), fromUnix(otherAt).In(im.zone).Format(dateLayout), otherBy))
	}
	return nil
}

// keepRollCalls stores the roll calls on the kept bills and each member's vote.
func (im *sessionImport) keepRollCalls() error {
	if im.exp.RollCalls == nil {
		if len(im.bills) > 0 {
			im.sum.Notes = append(im.sum.Notes, "the export has no votes table: no roll calls taken")
		}
		return nil
	}
	kept := map[string]*rollCall{}
	var differ []string // the kept roll calls' VotesDiffer
	copies := im.rollCallCopies()
	for _, rc := range im.exp.RollCalls {
		kb := im.bills[rc.BillID]
		if kb == nil {
			continue
		}
		if of, ok := copies[rc.ID]; ok {
			im.sum.Notes = append(im.sum.Notes, fmt.Sprintf("%s, %q (%s): roll call %s (line %d) is a copy of %s (the same "+
				"chamber, motion, time, result and every member's vote): kept once", kb.identifier, rc.Motion, im.when(rc.StartDate, rc.VotedAt), rc.ID, rc.Line, of))
			continue
		}
		var id int64
		err := im.tx.QueryRowContext(im.ctx, `INSERT INTO roll_calls (openstates_id, session_bill_id, chamber, motion, start_date,
			voted_at, result, yes_count, no_count, other_count, not_voting_count, import_batch_id, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (openstates_id) DO NOTHING RETURNING id`,
			rc.ID, kb.id, rc.Chamber, rc.Motion, rc.StartDate, stamp(rc.VotedAt), rc.Result, rc.Yes, rc.No, rc.Other,
			rc.NotVoting, im.batch, im.now).Scan(&id)
		switch {
		case err == sql.ErrNoRows:
			id, err = im.rollCallAgain(rc, kb)
		case err == nil:
			im.created++
			im.sum.RollCalls++
		}
		if err != nil {
			return err
		}
		kept[rc.ID] = &rollCall{id: id, chamber: rc.Chamber, at: rc.VotedAt, ids: map[string]bool{}, billID: rc.BillID,
			motion: rc.Motion, startDate: rc.StartDate}
		if rc.VotesDiffer != "" {
			differ = append(differ, rc.VotesDiffer)
		}
	}
	if len(differ) > 0 {
		im.sum.Notes = append(im.sum.Notes, fmt.Sprintf("on %d %s the members' votes listed differ from the counts by one member, "+
			"kept as listed (check the journal): %s", len(differ), map[bool]string{true: "roll call", false: "roll calls"}[len(differ) == 1],
			strings.Join(differ, "; ")))
	}
	if err := im.noteRollCallsNotListed(); err != nil {
		return err
	}
	if len(kept) == 0 {
		return nil
	}
	if im.exp.Votes == nil {
		im.sum.Notes = append(im.sum.Notes, "the export has no vote_people table: roll calls kept with their counts only")
		return nil
	}
	// The votes kept unmatched by an earlier import, to match now if they can be.
	type keptUnmatched struct {
		id     int64
		reason string
	}
	unmatchedBefore := map[string]keptUnmatched{}
	// The votes an earlier import matched by name (or an earlier version across
	// chambers, as 5054438 did on a surname alone): matched anew, as they would be
	// had the legislators here now come first, so the record does not depend on the
	// order of the imports. A legislators import may have moved the member to the
	// other chamber, added another member the name fits, or moved one in (see
	// matchVoter, and noteVotesAtStake).
	type keptByName struct {
		id, leg int64
		how     string
	}
	byNameBefore := map[string]keptByName{}
	// Every vote an earlier import kept, by roll call and voter_key: the vote it gave.
	optionBefore := map[string]keptOption{}
	for _, rc := range kept {
		if err := eachRow(im.ctx, im.tx, func(r *sql.Rows) error {
			var key string
			var o keptOption
			err := r.Scan(&o.id, &key, &o.option)
			optionBefore[fmt.Sprint(rc.id)+"\x00"+key] = o
			return err
		}, `SELECT id, voter_key, option FROM roll_call_votes WHERE roll_call_id = ?`, rc.id); err != nil {
			return err
		}
		if err := eachRow(im.ctx, im.tx, func(r *sql.Rows) error {
			var key, how string
			var leg sql.NullInt64
			var u keptUnmatched
			err := r.Scan(&u.id, &key, &u.reason, &leg, &how)
			if !leg.Valid {
				unmatchedBefore[fmt.Sprint(rc.id)+"\x00"+key] = u
			} else {
				byNameBefore[fmt.Sprint(rc.id)+"\x00"+key] = keptByName{u.id, leg.Int64, how}
			}
			return err
		}, `SELECT id, voter_key, unmatched, legislator_id, matched_by FROM roll_call_votes
			WHERE roll_call_id = ? AND (legislator_id IS NULL OR matched_by IN (?, 'name'))`, rc.id, matchedOtherChamber); err != nil {
			return err
		}
	}
	var unguessed, unmatchedNow, movedNow countedNames
	// Who voted by id on each roll call: a name never matches someone already there.
	for _, v := range im.exp.Votes {
		if rc := kept[v.VoteID]; rc != nil && v.VoterID != "" {
			rc.ids[v.VoterID] = true
		}
	}
	// Names are matched before any is kept: two names on one roll call that fit the
	// same member are neither taken.
	type match struct {
		leg         int64
		how, reason string
	}
	matches := make([]match, len(im.exp.Votes))
	byName := map[[2]int64]int{}
	for i, v := range im.exp.Votes {
		if rc := kept[v.VoteID]; rc != nil {
			m := &matches[i]
			m.leg, m.how, m.reason = im.matchVoter(v, rc)
			if m.how == "name" || m.how == matchedOtherChamber {
				byName[[2]int64{rc.id, m.leg}]++
			}
		}
	}
	// A member listed more than once by voter_id on one roll call: with different
	// votes the export contradicts itself, and neither vote is taken (each row kept
	// unmatched, naming the others); with the same vote it is kept once, said once.
	conflict, twice := im.votesGivenTwice(kept)
	for i, why := range conflict {
		matches[i] = match{reason: why}
	}
	// seen counts the rows of each name without a voter_id on a roll call so far (and
	// of each voter_id given with different votes).
	seen := map[string]int{}
	var acrossChambers countedNames
	// unproven are the votes taken by name for a member the export never lists by
	// voter_id: nothing in it says they sat in the chamber on the vote's day.
	var unproven countedNames
	for i, v := range im.exp.Votes {
		rc := kept[v.VoteID]
		if rc == nil {
			continue
		}
		leg, how, reason := matches[i].leg, matches[i].how, matches[i].reason
		if (how == "name" || how == matchedOtherChamber) && byName[[2]int64{rc.id, leg}] > 1 {
			leg, how, reason = 0, "", fmt.Sprintf("%d names on this roll call fit the same member", byName[[2]int64{rc.id, leg}])
		}
		crossed := "" // whose vote across chambers it was taken for, said once the row is kept
		if how == matchedOtherChamber {
			crossed, reason = reason, ""
		}
		if twice[i] {
			continue
		}
		key := v.VoterID
		if _, ok := conflict[i]; ok {
			// The first row keeps the key a vote by id has, the others "#2", "#3".
			n := seen[fmt.Sprint(rc.id)+"\x00"+key] + 1
			seen[fmt.Sprint(rc.id)+"\x00"+key] = n
			if n > 1 {
				key += fmt.Sprintf("#%d", n)
			}
		}
		if key == "" {
			// Two rows written the same way on one roll call are two votes (two
			// members named Moran, or one written twice: both kept, neither matched):
			// the second is "name:Moran#2", the first keeps the key every version gave it.
			key = "name:" + v.VoterName
			n := seen[fmt.Sprint(rc.id)+"\x00"+key] + 1
			seen[fmt.Sprint(rc.id)+"\x00"+key] = n
			if n > 1 {
				key += fmt.Sprintf("#%d", n)
			}
		}
		res, err := im.tx.ExecContext(im.ctx, `INSERT INTO roll_call_votes (roll_call_id, voter_key, voter_name, voter_id,
			option, legislator_id, matched_by, unmatched, import_batch_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (roll_call_id, voter_key) DO NOTHING`,
			rc.id, key, v.VoterName, v.VoterID, v.Option, nullID(leg), how, reason, im.batch)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			changed, err := im.voteAgain(v, rc, optionBefore[fmt.Sprint(rc.id)+"\x00"+key])
			if err != nil {
				return err
			}
			if u, ok := unmatchedBefore[fmt.Sprint(rc.id)+"\x00"+key]; ok && leg != 0 {
				// Unmatched when an earlier import kept it; its legislator is here now.
				if err := im.rematch("roll_call_votes", u.id, map[string]string{"unmatched": u.reason}, `UPDATE roll_call_votes SET legislator_id = ?, matched_by = ?,
					unmatched = '' WHERE id = ? AND legislator_id IS NULL`, leg, how, u.id); err != nil {
					return err
				}
				im.rematched++
				im.sum.VotesRematched++
				acrossChambers.add(crossed)
				continue
			} else if ok {
				im.sum.StillUnmatched++
			} else if c, ok := byNameBefore[fmt.Sprint(rc.id)+"\x00"+key]; ok && leg != c.leg {
				// Matched by name to a member it no longer names alone (or, by an earlier
				// version, across chambers on what is no evidence): unmatched, or the one
				// member it names now.
				was := map[string]string{"unmatched": "", "legislator_id": fmt.Sprint(c.leg), "matched_by": c.how}
				if err := im.rematch("roll_call_votes", c.id, was, `UPDATE roll_call_votes SET legislator_id = ?, matched_by = ?,
					unmatched = ? WHERE id = ?`, nullID(leg), how, reason, c.id); err != nil {
					return err
				}
				im.rematched++
				line := fmt.Sprintf("%s, on a %s roll call, was %s", CutValue(readVoterName(v.VoterName).name), Chamber(rc.chamber).Label(), im.titleOf(c.leg))
				if leg != 0 {
					movedNow.add(line + ", is " + im.titleOf(leg))
					acrossChambers.add(crossed)
					continue
				}
				im.sum.Unmatched = append(im.sum.Unmatched, Unmatched{"vote_people", v.Line, v.VoterName, reason})
				if l := im.legByID(c.leg); c.how == matchedOtherChamber || (l != nil && rc.chamber != "" && l.chamber != rc.chamber) {
					unguessed.add(line)
				} else {
					unmatchedNow.add(line)
				}
				continue
			}
			if !changed {
				im.sum.Unchanged++
			}
			continue
		}
		im.created++
		im.sum.Votes++
		switch how {
		case "id":
			im.sum.VotesMatched++
		case "name", matchedOtherChamber:
			im.sum.VotesByName++
			acrossChambers.add(crossed)
			if l := im.legByID(leg); how == "name" && l != nil && !im.votesByID(l.osid) {
				unproven.add(fmt.Sprintf("%s is %s", CutValue(readVoterName(v.VoterName).name), im.titleOf(leg)))
			}
		default:
			im.sum.Unmatched = append(im.sum.Unmatched, Unmatched{"vote_people", v.Line, v.VoterName, reason})
		}
	}
	if n := acrossChambers.total(); n > 0 {
		votes := "votes"
		if n == 1 {
			votes = "vote"
		}
		im.sum.Notes = append(im.sum.Notes, fmt.Sprintf("%d %s matched by name to a member now in the other chamber, from their "+
			"term there (the directory keeps no terms: check): %s", n, votes, acrossChambers))
	}
	if n := unproven.total(); n > 0 {
		im.sum.Notes = append(im.sum.Notes, fmt.Sprintf("%d %s matched by name to a member this export never lists by voter_id, "+
			"so nothing in it says they sat then (the directory keeps no terms: check): %s", n,
			map[bool]string{true: "vote", false: "votes"}[n == 1], unproven))
	}
	if n := unguessed.total(); n > 0 {
		votes := "votes"
		if n == 1 {
			votes = "vote"
		}
		im.sum.Notes = append(im.sum.Notes, fmt.Sprintf("%d %s an earlier import matched by a surname alone to a member now in "+
			"the other chamber %s unmatched: %s", n, votes, map[bool]string{true: "is", false: "are"}[n == 1], unguessed))
	}
	if n := unmatchedNow.total(); n > 0 {
		im.sum.Notes = append(im.sum.Notes, fmt.Sprintf("%d %s an earlier import matched by name %s unmatched now, "+
			"the name no longer telling whose (each listed with why): %s", n, map[bool]string{true: "vote", false: "votes"}[n == 1],
			map[bool]string{true: "is", false: "are"}[n == 1], unmatchedNow))
	}
	if n := movedNow.total(); n > 0 {
		im.sum.Notes = append(im.sum.Notes, fmt.Sprintf("%d %s an earlier import matched by name %s matched now to the one member "+
			"the name fits: %s", n, map[bool]string{true: "vote", false: "votes"}[n == 1],
			map[bool]string{true: "is", false: "are"}[n == 1], movedNow))
	}
	return nil
}

// noteRollCallsNotListed lists the roll calls an earlier import kept on a bill whose
// newest export this is that this export does not give (Open States took out a copy
// of a roll call, say). They are kept, as nothing in the export says why: the lead is
// told, with what each holds, to check the official journal.
func (im *sessionImport) noteRollCallsNotListed() error {
	listed := map[string]bool{}
	for _, rc := range im.exp.RollCalls {
		listed[rc.ID] = true
	}
	for _, osid := range slices.Sorted(maps.Keys(im.bills)) {
		kb := im.bills[osid]
		if !kb.record {
			continue
		}
		var gone []string
		if err := eachRow(im.ctx, im.tx, func(r *sql.Rows) error {
			var id, motion, result string
			var at int64
			err := r.Scan(&id, &motion, &at, &result)
			if !listed[id] {
				gone = append(gone, fmt.Sprintf("%s, %q (%s, %s)", id, motion, fromUnix(at).In(im.zone).Format("2 January 2006"), orNone(result)))
			}
			return err
		}, `SELECT openstates_id, motion, voted_at, result FROM roll_calls WHERE session_bill_id = ? ORDER BY voted_at, id`, kb.id); err != nil {
			return err
		}
		if len(gone) > 0 {
			im.sum.Notes = append(im.sum.Notes, fmt.Sprintf("%s: %d %s an earlier export gave %s not in this one, the newest of the bill: "+
				"kept, with its votes (check the journal): %s", kb.identifier, len(gone), map[bool]string{true: "roll call", false: "roll calls"}[len(gone) == 1],
				map[bool]string{true: "is", false: "are"}[len(gone) == 1], strings.Join(gone, "; ")))
		}
	}
	return nil
}

// rollCallCopies finds the roll calls the export gives twice under two ids: the same
// bill, chamber, motion, time, result and counts, and every member's vote the same.
// It returns, by id, the roll call each later one copies (tester t6: a copy was a
// second roll call, each of its votes judged twice against the whip count). Roll calls
// given by their counts alone are never taken for copies: two votes of one day may
// have the same counts.
func (im *sessionImport) rollCallCopies() map[string]string {
	type alike struct {
		bill, chamber, motion, result string
		at                            int64
		counts                        [4]int
	}
	groups := map[alike][]int{}
	for i, rc := range im.exp.RollCalls {
		k := alike{rc.BillID, rc.Chamber, rc.Motion, rc.Result, rc.VotedAt.Unix(), [4]int{rc.Yes, rc.No, rc.Other, rc.NotVoting}}
		groups[k] = append(groups[k], i)
	}
	var votesOf map[string][]string
	copies := map[string]string{}
	for _, g := range groups {
		if len(g) < 2 {
			continue
		}
		if votesOf == nil {
			votesOf = map[string][]string{}
			for _, v := range im.exp.Votes {
				votesOf[v.VoteID] = append(votesOf[v.VoteID], v.VoterID+"\x00"+v.VoterName+"\x00"+v.Option)
			}
			for _, vs := range votesOf {
				slices.Sort(vs)
			}
		}
		for j, b := range g {
			vb := votesOf[im.exp.RollCalls[b].ID]
			for _, a := range g[:j] {
				id := im.exp.RollCalls[a].ID
				if _, copied := copies[id]; !copied && len(vb) > 0 && slices.Equal(votesOf[id], vb) {
					copies[im.exp.RollCalls[b].ID] = id
					break
				}
			}
		}
	}
	return copies
}

// keptOption is a vote an earlier import kept: its row and the vote it gave.
type keptOption struct {
	id     int64
	option string
}

// rollCallAgain returns the id of a roll call an earlier import kept, and takes this
// export's result and counts when they differ and the export is the newest of its
// bill (kb.record): the newer export is the record, a result or a count corrected in
// it as much as a sponsorship withdrawn (tester t6: a result corrected from pass to
// fail was ignored). An older export, or one not known to be newer, changes nothing
// and says so. Each change is listed in the notes and undone with the import.
func (im *sessionImport) rollCallAgain(rc IncomingRollCall, kb *keptBill) (int64, error) {
	var id int64
	var result string
	var counts [4]int
	if err := im.tx.QueryRowContext(im.ctx, `SELECT id, result, yes_count, no_count, other_count, not_voting_count
		FROM roll_calls WHERE openstates_id = ?`, rc.ID).Scan(&id, &result, &counts[0], &counts[1], &counts[2], &counts[3]); err != nil {
		return 0, err
	}
	now := [4]int{rc.Yes, rc.No, rc.Other, rc.NotVoting}
	if result == rc.Result && counts == now {
		im.sum.Unchanged++
		return id, nil
	}
	var what []string
	if result != rc.Result {
		what = append(what, fmt.Sprintf("result %s → %s", orNone(result), orNone(rc.Result)))
	}
	if counts != now {
		what = append(what, fmt.Sprintf("yes %d → %d, no %d → %d, other %d → %d, not voting %d → %d",
			counts[0], now[0], counts[1], now[1], counts[2], now[2], counts[3], now[3]))
	}
	line := fmt.Sprintf("%s, %q (%s): %s", kb.identifier, rc.Motion, im.when(rc.StartDate, rc.VotedAt), strings.Join(what, "; "))
	if !kb.record {
		im.sum.Notes = append(im.sum.Notes, fmt.Sprintf("a roll call this export gives otherwise, not taken (%s): %s",
			im.notNewer(kb), line))
		im.sum.Unchanged++
		return id, nil
	}
	was := map[string]string{"result": result, "yes_count": fmt.Sprint(counts[0]), "no_count": fmt.Sprint(counts[1]),
		"other_count": fmt.Sprint(counts[2]), "not_voting_count": fmt.Sprint(counts[3])}
	if err := im.rematch("roll_calls", id, was, `UPDATE roll_calls SET result = ?, yes_count = ?, no_count = ?, other_count = ?,
		not_voting_count = ? WHERE id = ?`, rc.Result, rc.Yes, rc.No, rc.Other, rc.NotVoting, id); err != nil {
		return 0, err
	}
	im.rematched++
	im.sum.RollCallsChanged++
	im.sum.Notes = append(im.sum.Notes, fmt.Sprintf("a roll call this export, the newest of %s, gives otherwise: %s", kb.identifier, line))
	return id, nil
}

// voteAgain takes this export's vote of a member that an earlier import kept
// otherwise (was) when the export is the newest of the roll call's bill, as
// rollCallAgain takes a result: "no" corrected to "yes" (tester t6: ignored, the
// record judging the member on the old vote). It reports whether the vote changed;
// an export not known to be newer changes nothing and says so.
func (im *sessionImport) voteAgain(v IncomingVote, rc *rollCall, was keptOption) (bool, error) {
	if was.id == 0 || was.option == v.Option {
		return false, nil
	}
	kb := im.bills[rc.billID]
	line := fmt.Sprintf("%s on %s, %q (%s): %s → %s", CutValue(v.VoterName), kb.identifier, rc.motion, im.when(rc.startDate, rc.at),
		orNone(was.option), orNone(v.Option))
	if !kb.record {
		im.sum.Notes = append(im.sum.Notes, fmt.Sprintf("a vote this export gives otherwise, not taken (%s): %s", im.notNewer(kb), line))
		return false, nil
	}
	if err := im.rematch("roll_call_votes", was.id, map[string]string{"option": was.option},
		`UPDATE roll_call_votes SET option = ? WHERE id = ?`, v.Option, was.id); err != nil {
		return false, err
	}
	im.rematched++
	im.sum.VotesChanged++
	im.sum.Notes = append(im.sum.Notes, fmt.Sprintf("a vote this export, the newest of %s, gives otherwise: %s", kb.identifier, line))
	return true, nil
}

// when is a roll call's day and time as the output says them: on the legislature's
// clock (im.zone), as every other day of the output is, not the export's UTC stamp
// (tester t11: "(2026-02-27T01:00:00+00:00)" beside "(2026-02-26)"); a start_date
// that is a day alone is that day.
func (im *sessionImport) when(start string, at time.Time) string {
	if len(start) <= len(dateLayout) || at.IsZero() {
		return start
	}
	return at.In(im.zone).Format(dateLayout + " 3:04 PM MST")
}

// notNewer says why an export that is not its bill's record changes none of its
// roll calls.
func (im *sessionImport) notNewer(kb *keptBill) string {
	if kb.older {
		return fmt.Sprintf("this export is older than the one the bill's record comes from, of %s", kb.recordDay)
	}
	if kb.why != "" {
		return kb.why
	}
	return "this export is not known to be newer than the one the bill's record comes from"
}

// orNone is a value of the record as a listing writes it: "(none)" for "".
func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

// votesGivenTwice finds the members listed more than once by voter_id on a kept roll
// call. conflict holds, by row of exp.Votes, why none of a member's rows with
// different votes is taken; twice the rows after the first of a member listed with
// the same vote each time, which a note lists.
func (im *sessionImport) votesGivenTwice(kept map[string]*rollCall) (conflict map[int]string, twice map[int]bool) {
	rows := map[[2]string][]int{}
	var order [][2]string
	for i, v := range im.exp.Votes {
		if kept[v.VoteID] == nil || v.VoterID == "" {
			continue
		}
		k := [2]string{v.VoteID, v.VoterID}
		if rows[k] == nil {
			order = append(order, k)
		}
		rows[k] = append(rows[k], i)
	}
	conflict, twice = map[int]string{}, map[int]bool{}
	var same countedNames
	for _, k := range order {
		idx := rows[k]
		if len(idx) < 2 {
			continue
		}
		var given, lines []string
		differ := false
		first := im.exp.Votes[idx[0]]
		for _, i := range idx {
			v := im.exp.Votes[i]
			differ = differ || v.Option != first.Option
			given = append(given, fmt.Sprintf("%s (line %d)", v.Option, v.Line))
			lines = append(lines, fmt.Sprint(v.Line))
		}
		if !differ {
			for _, i := range idx[1:] {
				twice[i] = true
			}
			// A row naming another member (a voter_id swapped) is that member's vote
			// lost: named, not kept once in silence (tester t11).
			var others []string
			for _, i := range idx[1:] {
				if v := im.exp.Votes[i]; !strings.EqualFold(strings.TrimSpace(v.VoterName), strings.TrimSpace(first.VoterName)) {
					n := CutValue(strings.TrimSpace(v.VoterName))
					others = append(others, fmt.Sprintf("line %d names %q: %s has no vote on this roll call (check the export)", v.Line, n, n))
				}
			}
			what := fmt.Sprintf("%s (%s), %s, lines %s", strings.TrimSpace(first.VoterName), k[1], first.Option,
				strings.Join(lines[:len(lines)-1], ", ")+" and "+lines[len(lines)-1])
			if len(others) > 0 {
				what += " (" + strings.Join(others, "; ") + ")"
			}
			same.add(what)
			continue
		}
		for _, i := range idx {
			conflict[i] = fmt.Sprintf("%s is listed %d times on this roll call with different votes, %s: none taken",
				k[1], len(idx), strings.Join(given, ", "))
		}
	}
	if n := same.total(); n > 0 {
		im.sum.Notes = append(im.sum.Notes, fmt.Sprintf("%d %s listed more than once on a roll call with the same vote, kept once: %s",
			n, map[bool]string{true: "member", false: "members"}[n == 1], same))
	}
	return conflict, twice
}

// titleOf names a legislator here by id with their title ("Sen. Vanna Howard").
func (im *sessionImport) titleOf(id int64) string {
	if l := im.legByID(id); l != nil {
		return Legislator{Chamber: Chamber(l.chamber), Name: l.name}.Title()
	}
	return fmt.Sprintf("legislator %d", id)
}

// legByID is the legislator here by id, nil when none.
func (im *sessionImport) legByID(id int64) *sessionLegislator {
	for i := range im.legs {
		if l := &im.legs[i]; l.id == id {
			return l
		}
	}
	return nil
}

// votesByID reports whether the export lists osid by voter_id on any roll call.
func (im *sessionImport) votesByID(osid string) bool {
	return osid != "" && (im.seated[[2]string{osid, "upper"}] != nil || im.seated[[2]string{osid, "lower"}] != nil)
}

// rematch changes a row an earlier import kept (update): ties one kept unmatched to
// its legislator, withdraws a sponsorship or lists it again; it notes in
// import_changes what the row was (before), so undoing this import puts it back.
func (im *sessionImport) rematch(table string, id int64, was map[string]string, update string, args ...any) error {
	if _, err := im.tx.ExecContext(im.ctx, update, args...); err != nil {
		return err
	}
	before, err := json.Marshal(was)
	if err != nil {
		return err
	}
	if _, err := im.tx.ExecContext(im.ctx, `INSERT INTO import_changes (batch_id, table_name, row_id, before) VALUES (?, ?, ?, ?)`,
		im.batch, table, id, string(before)); err != nil {
		return err
	}
	return nil
}

// countedNames counts how often each of a few lines was said, in the order first said.
type countedNames struct {
	order []string
	n     map[string]int
}

func (c *countedNames) add(s string) {
	if s == "" {
		return
	}
	if c.n == nil {
		c.n = map[string]int{}
	}
	if c.n[s] == 0 {
		c.order = append(c.order, s)
	}
	c.n[s]++
}

func (c countedNames) total() (n int) {
	for _, k := range c.n {
		n += k
	}
	return n
}

// String lists the lines, each with its count when more than one: "Howard, on a House
// roll call, is Sen. Vanna Howard (140)".
func (c countedNames) String() string {
	var parts []string
	for _, s := range c.order {
		if c.n[s] > 1 {
			s += fmt.Sprintf(" (%d)", c.n[s])
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, "; ")
}

// rollCall is a kept roll call while its votes are read.
type rollCall struct {
	id      int64
	chamber string
	at      time.Time
	ids     map[string]bool // voter_ids on it
	// billID, motion and startDate are the export's: its bill's Open States id, as
	// the lines that name the roll call say them.
	billID, motion, startDate string
}

// matchedOtherChamber is how a vote is matched (roll_call_votes.matched_by) to the
// one member of the other chamber its name fits (see matchVoter).
const matchedOtherChamber = "name, other chamber"

// matchVoter ties a vote to a legislator: by voter_id; without one, by the journal
// name ("Moran, M.", "Garcia", "Phyllis M. Katsakiores") where exactly one member of
// the chamber who may have cast it fits it and that member is not on the roll call by
// id already.
//
// Who may have cast it: a member in office at the vote. The directory keeps no terms,
// only who is in office now (in_office, which an import with --retire-missing clears
// for those its file no longer lists), and the export shows who served in its
// session by naming them by ocd-person id as a voter or a sponsor. So a member in
// office now may have cast it (the session imported is most often the current one);
// a member no longer in office only when the export names them, as they may have
// left before the session began (a file's former members, or the demo's, often share
// a surname with today's). Such a member who served in the session and fits the name
// beside one in office now makes the name a question, not a match: the directory
// cannot say which of the two sat on the vote's day.
func (im *sessionImport) matchVoter(v IncomingVote, rc *rollCall) (int64, string, string) {
	if v.VoterID != "" {
		if l := im.byOS[v.VoterID]; l != nil {
			return l.id, "id", ""
		}
		return 0, "", v.VoterID + " is not among the legislators here"
	}
	vn := readVoterName(v.VoterName)
	name, folded := CutValue(vn.name), vn.folded // name: for the reasons
	if folded == "" {
		return 0, "", "no name and no voter_id"
	}
	if strings.HasPrefix(folded, "mr. ") || strings.HasPrefix(folded, "madam ") || strings.HasPrefix(folded, "mrs. ") ||
		strings.HasPrefix(folded, "ms. ") {
		return 0, "", "a title, not a name: the export does not say who"
	}
	// byName finds the members of the state who fit the name, of the roll call's chamber
	// (inChamber) or of the others, and says whether they fit it whole (given and
	// family name, not a surname and initial).
	byName := func(inChamber bool) (found []*sessionLegislator, whole bool) {
		var pool []*sessionLegislator
		for i := range im.legs {
			l := &im.legs[i]
			if l.state != im.exp.State && l.state != "" {
				continue
			}
			if rc.chamber != "" && (l.chamber == rc.chamber) != inChamber {
				continue
			}
			pool = append(pool, l)
		}
		// The full name as the directory writes it first (a name two members fit so is
		// a question, as any other), then the surname.
		for _, fits := range []func(*sessionLegislator) bool{vn.fullName, vn.bySurname} {
			for _, l := range pool {
				if fits(l) {
					found = append(found, l)
				}
			}
			if len(found) > 0 {
				return found, vn.whole(found[0])
			}
		}
		return nil, false
	}
	found, _ := byName(true)
	where := chamberWords(rc.chamber)
	if len(found) == 0 {
		if rc.chamber != "" {
			// Someone of that name sits in the other chamber now (MA's Vanna Howard, a
			// representative in 2025, a senator in the directory). No member of the
			// roll call's chamber here fits it, in office or not. The directory keeps
			// no terms, so only the name can say they sat there: written whole and
			// fitting exactly one of the other chamber's members who may have cast it,
			// the vote is theirs, from their term there (the import says so, to check,
			// and their record calls it a House vote). A surname (and initial) may as
			// well be a former member the directory does not know: the vote stays
			// unmatched, naming whom it fits, as when several fit.
			if other, whole := byName(false); len(other) > 0 {
				if l := other[0]; whole && len(other) == 1 && (l.inOffice || (l.osid != "" && im.named[l.osid])) && (l.osid == "" || !rc.ids[l.osid]) {
					return l.id, matchedOtherChamber, fmt.Sprintf("%s, on a %s roll call, is %s", name,
						Chamber(rc.chamber).Label(), Legislator{Chamber: Chamber(l.chamber), Name: l.name}.Title())
				}
				var names []string
				for _, l := range other {
					n := Legislator{Chamber: Chamber(l.chamber), Name: l.name}.Title() + ", now in " + chamberWords(l.chamber)
					if !l.inOffice {
						n = Legislator{Chamber: Chamber(l.chamber), Name: l.name}.Title() + ", of " + chamberWords(l.chamber) + ", no longer in office"
					}
					names = append(names, n)
				}
				sort.Strings(names)
				reason := fmt.Sprintf("%s fits %s — not matched: no member of %s here is named %s, "+
					"and the directory keeps no terms to say who sat in %s then", name, strings.Join(names, "; "), where, name, where)
				if len(other) == 1 && !whole {
					reason += " (a vote of the other chamber is taken only by the member's voter_id or full name)"
				}
				return 0, "", reason
			}
		}
		return 0, "", fmt.Sprintf("no member of %s here is named %s", where, name)
	}
	var then, gone []*sessionLegislator // who may have cast it; who left before, for all the export says
	var notThen []string                // who the export's own votes by id show elsewhere at the vote
	for _, l := range found {
		if why := im.notSeated(l, rc); why != "" {
			notThen = append(notThen, why)
		} else if l.inOffice || (l.osid != "" && im.named[l.osid]) {
			then = append(then, l)
		} else {
			gone = append(gone, l)
		}
	}
	switch {
	case len(then) == 0 && len(notThen) > 0:
		sort.Strings(notThen)
		return 0, "", fmt.Sprintf("%s fits %s: not a member of %s on %s, as far as this export shows", name,
			strings.Join(notThen, "; "), where, rc.at.In(im.zone).Format(dateLayout))
	}
	switch len(then) {
	case 0:
		return 0, "", fmt.Sprintf("%s fits no member of %s in office, only %s, no longer in office, whom this export of "+
			"session %s does not name: they may have left before it", name, where, nameList(gone, false), im.exp.Session)
	case 1:
		if rc.ids[then[0].osid] && then[0].osid != "" {
			return 0, "", fmt.Sprintf("%s fits %s, who is on this roll call by id already", name, then[0].name)
		}
		return then[0].id, "name", ""
	}
	return 0, "", fmt.Sprintf("%s fits %d members of %s (%s)", name, len(then), where, nameList(then, true))
}

// notSeated says why the export's own votes by voter_id show l was not a member of
// rc's chamber at rc's time (the directory keeps no terms: this is the one evidence
// of them there is): l votes by id in that chamber only before or only after it, or
// only in the other chamber, around it. "" when they may have sat there then.
func (im *sessionImport) notSeated(l *sessionLegislator, rc *rollCall) string {
	if l.osid == "" || rc.chamber == "" || rc.at.IsZero() {
		return ""
	}
	title := Legislator{Chamber: Chamber(l.chamber), Name: l.name}.Title()
	day := func(t time.Time) string { return t.In(im.zone).Format(dateLayout) }
	// A roll call of the chamber between the vote and the member's first (or last)
	// vote by id on which no row is theirs, by id or by their surname: they did not
	// sit there yet (or any more). Without one, the rows without an id at the ends of
	// their term may be theirs (Massachusetts' "Silvia," after his last by id).
	absentBetween := func(from, to time.Time) bool {
		for _, o := range im.rolls[rc.chamber] {
			if o.at.After(from) && o.at.Before(to) && !o.present[l.osid] && !o.present["name:"+l.famKey] {
				return true
			}
		}
		return false
	}
	if sp := im.seated[[2]string{l.osid, rc.chamber}]; sp != nil {
		switch {
		case rc.at.Before(sp[0]) && absentBetween(rc.at, sp[0]):
			return fmt.Sprintf("%s, whom it lists by voter_id in %s only from %s", title, chamberWords(rc.chamber), day(sp[0]))
		case rc.at.After(sp[1]) && absentBetween(sp[1], rc.at):
			return fmt.Sprintf("%s, whom it lists by voter_id in %s only until %s", title, chamberWords(rc.chamber), day(sp[1]))
		}
		return ""
	}
	for _, other := range []string{"upper", "lower"} {
		if sp := im.seated[[2]string{l.osid, other}]; other != rc.chamber && sp != nil && !rc.at.Before(sp[0]) && !rc.at.After(sp[1]) {
			return fmt.Sprintf("%s, whom it lists by voter_id in %s from %s to %s", title, chamberWords(other), day(sp[0]), day(sp[1]))
		}
	}
	return ""
}

// nameList names legislators in a sentence, alphabetically; mark says which are no
// longer in office.
func nameList(ls []*sessionLegislator, mark bool) string {
	var names []string
	for _, l := range ls {
		n := l.name
		if mark && !l.inOffice {
			n += " (no longer in office)"
		}
		names = append(names, n)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

// journalName reads a folded journal name: "moran, m." and "moran m." are the
// surname moran with the initial m; "garcia" is a surname alone; a full name
// ("phyllis m. katsakiores") gives its last word, its initial and its first name.
func journalName(folded string) (surname, initial, given string) {
	if before, after, ok := strings.Cut(folded, ","); ok {
		after = strings.TrimSpace(after)
		if after != "" {
			initial = after[:1]
		}
		return strings.TrimSpace(before), initial, ""
	}
	words := strings.Fields(folded)
	if len(words) >= 2 {
		last := strings.TrimSuffix(words[len(words)-1], ".")
		if len(last) == 1 {
			return strings.Join(words[:len(words)-1], " "), last, ""
		}
		first := strings.TrimSuffix(words[0], ".")
		if len(first) > 1 {
			given = first
		}
		return words[len(words)-1], first[:1], given
	}
	return folded, "", ""
}

// chamberWords names a chamber in a sentence.
func chamberWords(ch string) string {
	switch ch {
	case "upper":
		return "the Senate"
	case "lower":
		return "the House"
	}
	return "the legislature"
}

// UnmatchedGroup is the unmatched rows of one table that share a name and a reason,
// with their line numbers.
type UnmatchedGroup struct {
	Table, Name, Reason string
	Lines               []int
}

// RematchedLine says what a re-import matched that an earlier one kept unmatched, and
// how many such rows are still unmatched; "" when there were none.
func (sum SessionImportSummary) RematchedLine() string {
	var parts []string
	if sum.VotesRematched > 0 {
		parts = append(parts, fmt.Sprintf("%d votes", sum.VotesRematched))
	}
	if sum.SponsorshipsRematched > 0 {
		parts = append(parts, fmt.Sprintf("%d sponsorships", sum.SponsorshipsRematched))
	}
	line := ""
	if len(parts) > 0 {
		line = strings.Join(parts, " and ") + " matched now that were unmatched before"
	}
	if sum.StillUnmatched > 0 {
		if line != "" {
			line += "; "
		}
		line += fmt.Sprintf("%d rows kept unmatched by an earlier import still match no legislator here "+
			"(chapterdesk export record lists them with their reasons)", sum.StillUnmatched)
	}
	return line
}

// GroupUnmatched groups unmatched rows by table, name and reason, the largest groups
// first (rows in their order within a group), as the verb and the window list them.
func GroupUnmatched(list []Unmatched) []*UnmatchedGroup {
	var groups []*UnmatchedGroup
	byKey := map[string]*UnmatchedGroup{}
	for _, u := range list {
		k := u.Table + "\x00" + u.Name + "\x00" + u.Reason
		g := byKey[k]
		if g == nil {
			g = &UnmatchedGroup{Table: u.Table, Name: CutValue(u.Name), Reason: u.Reason}
			byKey[k] = g
			groups = append(groups, g)
		}
		g.Lines = append(g.Lines, u.Line)
	}
	sort.SliceStable(groups, func(i, j int) bool { return len(groups[i].Lines) > len(groups[j].Lines) })
	return groups
}
