package db

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
	"time"
)

// TrashKind names a kind of record that goes to the trash when deleted.
type TrashKind string

// The kinds of record the trash holds.
const (
	TrashVolunteers  TrashKind = "volunteer"
	TrashCallReports TrashKind = "call"
	TrashFAQEntries  TrashKind = "faq"
)

// TrashKinds lists the kinds of record the trash holds, in the order Trash lists them.
var TrashKinds = []TrashKind{TrashVolunteers, TrashCallReports, TrashFAQEntries}

// table is the table that holds records of the kind.
func (k TrashKind) table() (string, bool) {
	switch k {
	case TrashVolunteers:
		return "volunteers", true
	case TrashCallReports:
		return "call_reports", true
	case TrashFAQEntries:
		return "faq_entries", true
	}
	return "", false
}

// ParseTrashKind reads a kind as typed on the command line: "volunteer", "call" or
// "faq" (plurals and the table names are accepted too).
func ParseTrashKind(s string) (TrashKind, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "volunteer", "volunteers":
		return TrashVolunteers, nil
	case "call", "calls", "call_report", "call_reports", "report", "reports":
		return TrashCallReports, nil
	case "faq", "faqs", "faq_entry", "faq_entries":
		return TrashFAQEntries, nil
	}
	return "", &ValidationError{"kind", fmt.Sprintf("%q is not a kind of record the trash holds (volunteer, call or faq).", s)}
}

// TrashItem is one record in the trash, as the trash list shows it.
type TrashItem struct {
	Kind      TrashKind
	ID        int64
	Label     string // "María Souza", "call to Rep. Jane Doe on 2026-03-04 by Ana Lima", an FAQ question
	DeletedAt time.Time
	// Kept, when set, says why emptying the trash leaves this record in it.
	Kept string
	// NotYours, when set, says why this login may neither take the record out of the
	// trash nor delete it for good (a coalition's FAQ entry, for a chapter's lead):
	// the database would refuse it.
	NotYours string
}

// keptCited is why a call report that the whip count history names as the reason of a
// stance change survives emptying the trash: that history is append-only.
const keptCited = "the whip count history cites it"

// keptCampaign is why a chapter's lead leaves an FAQ entry in the trash when she
// empties it, and may not take it out either: the campaigns are the coalition's,
// which her login reads and does not change.
const keptCampaign = "the coalition's campaign: the server's owner or the coordinator restores or deletes it"

// trashScope says what of the trash this login may touch on a coalition server (a
// data file: all of it). faq is why it leaves the FAQ entries in the trash
// (keptCampaign), or "" when it restores and deletes them: a login that may not
// delete from faq_entries (a chapter's lead). chapters is whether it lists and
// empties the chapters' volunteers and call reports: not the coordinator, who reads
// no roster and only reads call reports (postgres/0004); the FAQ entries of the
// campaigns she keeps are her trash.
func trashScope(ctx context.Context, q queryer, server bool) (faq string, chapters bool, err error) {
	if !server {
		return "", true, nil
	}
	var may bool
	if err := q.QueryRowContext(ctx, `SELECT has_table_privilege('faq_entries', 'DELETE'),
		has_table_privilege('volunteers', 'SELECT')`).Scan(&may, &chapters); err != nil {
		return "", false, err
	}
	if !may {
		faq = keptCampaign
	}
	return faq, chapters, nil
}

// trashQueries read each kind's trashed rows as (id, label, deleted_at, kept).
var trashQueries = map[TrashKind]string{
	TrashVolunteers: `SELECT id, trim(first_name || ' ' || last_name) || CASE WHEN email <> '' THEN ' <' || email || '>' ELSE '' END,
		deleted_at, '' FROM volunteers WHERE deleted_at IS NOT NULL`,
	TrashCallReports: `SELECT r.id, CASE l.chamber WHEN 'upper' THEN 'Sen. ' ELSE 'Rep. ' END ||
		coalesce((SELECT value FROM legislator_edits e WHERE e.legislator_id = l.id AND e.field = 'name'), l.name),
		r.called_at, r.campaign_id, coalesce(trim(v.first_name || ' ' || v.last_name), ''), r.deleted_at,
		CASE WHEN EXISTS (SELECT 1 FROM stance_history h WHERE h.call_report_id = r.id) THEN '` + keptCited + `' ELSE '' END
		FROM call_reports r JOIN legislators l ON l.id = r.legislator_id LEFT JOIN volunteers v ON v.id = r.volunteer_id
		WHERE r.deleted_at IS NOT NULL`,
	TrashFAQEntries: `SELECT e.id, coalesce(
			(SELECT t.question FROM faq_entry_texts t WHERE t.entry_id = e.id AND t.lang = c.default_lang),
			(SELECT t.question FROM faq_entry_texts t WHERE t.entry_id = e.id ORDER BY t.lang LIMIT 1), ''),
		e.deleted_at, '' FROM faq_entries e JOIN faq_sections s ON s.id = e.section_id JOIN campaigns c ON c.id = s.campaign_id
		WHERE e.deleted_at IS NOT NULL`,
}

// Trash lists what is in the trash, most recently deleted first.
func (s *Store) Trash(ctx context.Context) ([]TrashItem, error) {
	var out []TrashItem
	// A call's label names its day in its campaign's legislature's zone, found once the
	// rows are read (a second query while they are open would wait on PostgreSQL).
	type call struct {
		item             int
		leg, caller      string
		called, campaign int64
	}
	var calls []call
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		faq, chapters, err := trashScope(ctx, tx, s.server != nil)
		if err != nil {
			return err
		}
		for _, k := range TrashKinds {
			if k != TrashFAQEntries && !chapters {
				continue
			}
			err := eachRow(ctx, tx, func(r *sql.Rows) error {
				it := TrashItem{Kind: k}
				var deleted int64
				if k == TrashCallReports {
					c := call{item: len(out)}
					if err := r.Scan(&it.ID, &c.leg, &c.called, &c.campaign, &c.caller, &deleted, &it.Kept); err != nil {
						return err
					}
					calls = append(calls, c)
				} else if err := r.Scan(&it.ID, &it.Label, &deleted, &it.Kept); err != nil {
					return err
				}
				if k == TrashFAQEntries && faq != "" {
					it.Kept, it.NotYours = faq, faq
				}
				it.DeletedAt = fromUnix(deleted)
				out = append(out, it)
				return nil
			}, trashQueries[k])
			if err != nil {
				return err
			}
		}
		zones := map[int64]Zone{}
		for _, c := range calls {
			z, ok := zones[c.campaign]
			if !ok {
				var err error
				if z, err = zoneOf(ctx, tx, c.campaign); err != nil {
					return err
				}
				zones[c.campaign] = z
			}
			out[c.item].Label = callLabel(c.leg, z.In(fromUnix(c.called)), c.caller)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list trash: %w", err)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].DeletedAt.After(out[j].DeletedAt) })
	return out, nil
}

// callLabel names a call report for a person: "call to Rep. Jane Doe on 2026-03-04 by
// Ana Lima", on the day of at's zone (the legislature's).
func callLabel(legislator string, at time.Time, caller string) string {
	l := "call to " + legislator + " on " + at.Format(dateLayout)
	if caller != "" {
		l += " by " + caller
	}
	return l
}

// RestoreFromTrash takes one record of the given kind out of the trash. A record that
// is not in the trash is ErrNotFound.
func (s *Store) RestoreFromTrash(ctx context.Context, kind TrashKind, id int64) error {
	table, ok := kind.table()
	if !ok {
		return fmt.Errorf("restore %s %d: %w", kind, id, ErrNotFound)
	}
	if kind == TrashCallReports {
		_, err := s.RestoreCallReport(ctx, id) // the whip count with it
		return err
	}
	return s.setDeleted(ctx, table, id, false)
}

// TrashFAQEntry moves an FAQ entry to the trash: it leaves the campaign's FAQ (and
// its leaflets) until restored.
func (s *Store) TrashFAQEntry(ctx context.Context, id int64) error {
	return s.setDeleted(ctx, "faq_entries", id, true)
}

// RestoreFAQEntry takes an FAQ entry out of the trash.
func (s *Store) RestoreFAQEntry(ctx context.Context, id int64) error {
	return s.setDeleted(ctx, "faq_entries", id, false)
}

// emptyTrashSteps are EmptyTrash's statements, in order, in one transaction. Foreign
// keys stay on, so a reference this list forgot fails the whole transaction instead
// of leaving a dangling row.
//
//   - Call reports by a trashed volunteer that are not themselves in the trash stay:
//     the calls happened and still count. They lose their caller (volunteer_id NULL,
//     "caller unknown"), as removing a person's record should remove them.
//   - A trashed call report that stance_history names as the reason for a stance
//     change stays in the trash: that history is append-only and keeps its reason.
//   - A trashed volunteer's tags, languages and external ids go with them (ON DELETE
//     CASCADE); people they recruited lose the link (ON DELETE SET NULL).
//   - A trashed FAQ entry goes with its texts (ON DELETE CASCADE); a chapter's lead
//     on a coalition server leaves it (campaign: the coalition's, see trashScope).
//   - The coalition's coordinator empties the FAQ entries alone (chapters: the steps
//     she skips, see trashScope): the chapters' volunteers and call reports stay.
//   - Each volunteer and call report deleted is remembered (rememberErased, ?1 who), so
//     no merge of a file that still holds them brings them back.
var emptyTrashSteps = []struct {
	what     string
	count    bool // the rows it touches are trashed records removed
	campaign bool // it deletes what is the campaign's (see trashScope)
	query    string
}{
	{"detach calls of trashed volunteers", false, false, `UPDATE call_reports SET volunteer_id = NULL, updated_at = unixepoch()
		WHERE volunteer_id IN (SELECT id FROM volunteers WHERE deleted_at IS NOT NULL)`},
	{"remember deleted call reports", false, false, rememberErased("call_reports", trashedCalls, erasedByTrash, "NULL", "unixepoch()", "?1")},
	{"delete call reports", true, false, `DELETE FROM call_reports WHERE ` + trashedCalls},
	{"delete faq entries", true, true, `DELETE FROM faq_entries WHERE deleted_at IS NOT NULL`},
	{"remember deleted volunteers", false, false, rememberErased("volunteers", `deleted_at IS NOT NULL`, erasedByTrash, "NULL", "unixepoch()", "?1")},
	{"delete volunteers", true, false, `DELETE FROM volunteers WHERE deleted_at IS NOT NULL`},
}

// trashedCalls are the call reports EmptyTrash deletes (see emptyTrashSteps).
const trashedCalls = `deleted_at IS NOT NULL
		AND id NOT IN (SELECT call_report_id FROM stance_history WHERE call_report_id IS NOT NULL)`

// EmptyTrash deletes for good what is in the trash, in one transaction, and returns how
// many records it removed. It is the only hard delete of these records. See
// emptyTrashSteps for what happens to the records that point at them; nothing live is
// removed.
//
// A chapter's lead on a coalition server empties her chapters' trash: row-level
// security (postgres/0004's lead_own policies on volunteers and call_reports, 0034's on
// erased_records) lets her statements see, delete and remember only her chapters'
// records, so another chapter's trash stays as it is. The campaigns' FAQ entries in the
// trash stay (trashScope), and she makes no lookup indexes (only the tables' owner may):
// the server looks the references up without them.
//
// The coalition's coordinator empties the campaigns' FAQ entries in the trash,
// which she keeps; the chapters' volunteers and call reports, which her login may
// not delete (nor read, the volunteers), stay for their leads or the owner to empty.
func (s *Store) EmptyTrash(ctx context.Context) (int, error) {
	n := 0
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		faq, chapters, err := trashScope(ctx, tx, s.server != nil)
		if err != nil {
			return err
		}
		var drop []string
		if s.server == nil || copyAllowed(ctx, tx) {
			if drop, err = lookupIndexes(ctx, tx); err != nil {
				return err
			}
		}
		for _, st := range emptyTrashSteps {
			if st.campaign && faq != "" || !st.campaign && !chapters {
				continue
			}
			var args []any
			if strings.Contains(st.query, "?1") {
				args = append(args, s.actor)
			}
			res, err := tx.ExecContext(ctx, st.query, args...)
			if err != nil {
				return fmt.Errorf("%s: %w", st.what, err)
			}
			if st.count {
				k, _ := res.RowsAffected()
				n += int(k)
			}
		}
		for _, name := range drop {
			if _, err := tx.ExecContext(ctx, `DROP INDEX `+name); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("empty trash: %w", mapErr(err))
	}
	return n, nil
}

// trashLookups are indexes EmptyTrash and UndoImport make, inside their transaction,
// when they delete many rows: SQLite checks every deleted row's references by
// searching the tables that point at it, and the only indexes on
// call_reports.volunteer_id, call_reports.legislator_id and volunteers.recruiter_id
// are partial (live rows, set recruiters), which that search cannot use, while
// stance_history.call_report_id and stance_history.legislator_id have none. Without
// them each volunteer deleted scans every call report: on a million reports, emptying
// 200 volunteers took 17 s without them and 2.1 s with them (2,000 volunteers: 2.5 s).
// They are dropped before the commit, so the file never keeps them. of is the table
// whose deleted rows they serve.
var trashLookups = []struct {
	name, create, of string
}{
	{"empty_trash_calls_volunteer", `CREATE INDEX empty_trash_calls_volunteer ON call_reports (volunteer_id)`, "volunteers"},
	{"empty_trash_volunteers_recruiter", `CREATE INDEX empty_trash_volunteers_recruiter ON volunteers (recruiter_id)`, "volunteers"},
	{"empty_trash_stance_call", `CREATE INDEX empty_trash_stance_call ON stance_history (call_report_id)`, "call_reports"},
	{"undo_calls_legislator", `CREATE INDEX undo_calls_legislator ON call_reports (legislator_id)`, "legislators"},
	{"undo_stance_legislator", `CREATE INDEX undo_stance_legislator ON stance_history (legislator_id)`, "legislators"},
}

// manyTrashed is how many trashed rows make building a lookup index (a second or two
// on a million rows) cheaper than searching without it.
const manyTrashed = 20

// lookupIndexes makes the lookup indexes the trash's size calls for and returns
// their names, to drop.
func lookupIndexes(ctx context.Context, tx *sql.Tx) ([]string, error) {
	var volunteers, calls int
	if err := tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM volunteers WHERE deleted_at IS NOT NULL),
		(SELECT count(*) FROM call_reports WHERE deleted_at IS NOT NULL)`).Scan(&volunteers, &calls); err != nil {
		return nil, err
	}
	return lookupIndexesFor(ctx, tx, map[string]int{"volunteers": volunteers, "call_reports": calls})
}

// lookupIndexesFor makes the lookup indexes that deleting this many rows of each
// table calls for and returns their names, to drop.
func lookupIndexesFor(ctx context.Context, tx *sql.Tx, deleting map[string]int) ([]string, error) {
	var made []string
	for _, ix := range trashLookups {
		if deleting[ix.of] < manyTrashed {
			continue
		}
		if _, err := tx.ExecContext(ctx, ix.create); err != nil {
			return nil, err
		}
		made = append(made, ix.name)
	}
	return made, nil
}
