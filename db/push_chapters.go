package db

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// OtherChapterRecords is what a checkout holds of one chapter other than its own
// that a push would write on the server.
type OtherChapterRecords struct {
	Chapter     string // its name in the file
	NotOnServer bool   // the server has no chapter of its id (UUID)
	Volunteers  int
	CallReports int
	// StanceChanges are those a merge into the file brought that the server does not
	// have (the coalition's history, which every lead reads, came with the checkout).
	StanceChanges int
}

// PushOtherChaptersError refuses a chapter lead's push of a checkout that holds
// records of other chapters (an older coalition-wide backup merged into it, say):
// her login writes her chapter's records only, and the server's row-level security
// refused the push halfway with its own words ("new row violates row-level security
// policy"). It is found before anything is written.
type PushOtherChaptersError struct {
	Path    string
	Chapter string // the checkout's own chapter, the one the push writes
	Others  []OtherChapterRecords
	// Merges are the file's merges, not undone, that brought the records in: taking
	// them back in the file takes the records out.
	Merges []int64
}

func (e *PushOtherChaptersError) Error() string {
	var held []string
	for _, o := range e.Others {
		name := o.Chapter
		if o.NotOnServer {
			name += " (a chapter the server does not have)"
		}
		var parts []string
		for _, p := range []struct {
			n    int
			noun string
		}{{o.Volunteers, "volunteer"}, {o.CallReports, "call report"}, {o.StanceChanges, "stance change"}} {
			if p.n > 0 {
				parts = append(parts, plural(p.n, p.noun))
			}
		}
		if len(parts) == 0 {
			parts = []string{"no records, but a push would add the chapter"}
		}
		held = append(held, name+": "+strings.Join(parts, ", "))
	}
	what := "another chapter"
	if len(e.Others) > 1 {
		what = "other chapters"
	}
	msg := fmt.Sprintf("push %s: refused, nothing was written: the file holds records of %s, which a chapter lead's login "+
		"may not write on the server: %s. A push brings back %s's records only", e.Path, what, strings.Join(held, "; "), e.Chapter)
	switch len(e.Merges) {
	case 0:
		msg += "; take them out of the file"
	case 1:
		msg += fmt.Sprintf("; they came into the file with its merge of another file (import %d there): take it back with "+
			"`chapterdesk import undo %d --db %s` (what else it brought goes too) and push again", e.Merges[0], e.Merges[0], e.Path)
	default:
		ids := make([]string, len(e.Merges))
		for i, id := range e.Merges {
			ids[i] = fmt.Sprint(id)
		}
		msg += fmt.Sprintf("; they came into the file with its merges of other files (imports %s there): take them back with "+
			"`chapterdesk import undo N --db %s`, newest first (what else they brought goes too), and push again",
			strings.Join(ids, ", "), e.Path)
	}
	return msg + ". Another chapter's records are its lead's to push, or the server's owner merges the backup itself " +
		"(`chapterdesk merge FILE`), each chapter's records under its own chapter"
}

func (e *PushOtherChaptersError) Unwrap() error { return ErrRefusedMerge }

// otherChapters refuses (*PushOtherChaptersError) the push of src, a checkout of the
// chapter self, by a chapter's lead when the file holds volunteers or call reports
// under any other chapter, stance changes of another chapter that a merge into the
// file brought and the server does not have, or a chapter the server does not have:
// a lead's checkout holds none of these (she reads her chapter's people alone), so
// they came from elsewhere, and her login may not write them. The server's owner,
// whose checkout is the whole server's, is not refused.
//
// It returns the other chapters' stance changes that came with the checkout (the
// coalition's history, which every lead reads) and that the server no longer has:
// deleted there since (that chapter's import undone), they are that chapter's to
// bring back, and the push leaves them out (her login could not write them either).
func (s *Store) otherChapters(ctx context.Context, src *Store, path string, self Chapter) (gone []string, err error) {
	role, err := s.CoalitionRole(ctx)
	if err != nil || role != RoleLead {
		return nil, err
	}
	type held struct {
		OtherChapterRecords
		uuid string
	}
	var others []*held
	byUUID := map[string]*held{}
	type stance struct {
		chapter string
		batch   sql.NullInt64
	}
	stances := map[string]stance{} // of the other chapters, by UUID
	merges := map[int64]bool{}     // the file's merges not undone
	batches := map[int64]bool{}    // those of the other chapters' volunteers and call reports
	err = src.readTx(ctx, func(tx *sql.Tx) error {
		err := eachRow(ctx, tx, func(r *sql.Rows) error {
			h := &held{}
			if err := r.Scan(&h.uuid, &h.Chapter, &h.Volunteers, &h.CallReports); err != nil {
				return err
			}
			others = append(others, h)
			byUUID[h.uuid] = h
			return nil
		}, `SELECT c.uuid, c.name, (SELECT count(*) FROM volunteers v WHERE v.chapter_id = c.id),
			(SELECT count(*) FROM call_reports r WHERE r.chapter_id = c.id)
			FROM chapters c WHERE c.uuid <> ? ORDER BY c.name, c.uuid`, self.UUID)
		if err != nil {
			return err
		}
		err = eachRow(ctx, tx, func(r *sql.Rows) error {
			var uuid string
			var st stance
			err := r.Scan(&uuid, &st.chapter, &st.batch)
			stances[uuid] = st
			return err
		}, `SELECT h.uuid, c.uuid, h.import_batch_id FROM stance_history h JOIN chapters c ON c.id = h.chapter_id
			WHERE c.uuid <> ?`, self.UUID)
		if err != nil {
			return err
		}
		for _, q := range []struct {
			into  map[int64]bool
			query string
			args  []any
		}{
			{merges, `SELECT id FROM import_batches WHERE kind = 'merge' AND undone_at IS NULL`, nil},
			{batches, `SELECT v.import_batch_id FROM volunteers v JOIN chapters c ON c.id = v.chapter_id
				WHERE c.uuid <> ?1 AND v.import_batch_id IS NOT NULL
				UNION SELECT r.import_batch_id FROM call_reports r JOIN chapters c ON c.id = r.chapter_id
				WHERE c.uuid <> ?1 AND r.import_batch_id IS NOT NULL`, []any{self.UUID}},
		} {
			err := eachRow(ctx, tx, func(r *sql.Rows) error {
				var id int64
				err := r.Scan(&id)
				q.into[id] = true
				return err
			}, q.query, q.args...)
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("push %s: %w", path, err)
	}
	if len(others) == 0 {
		return nil, nil
	}
	// What the server has of them: its chapters (every lead reads them all) and the
	// stance changes (the coalition's history, read in full).
	serverChapters := map[string]bool{}
	known, err := strings1(ctx, s.r, `SELECT uuid FROM chapters`)
	if err != nil {
		return nil, fmt.Errorf("push %s: %w", path, err)
	}
	for _, u := range known {
		serverChapters[u] = true
	}
	uuids := make([]string, 0, len(stances))
	for u := range stances {
		uuids = append(uuids, u)
	}
	onServer := map[string]bool{}
	if err := inChunks(uuids, func(chunk []string) error {
		there, err := strings1(ctx, s.r, `SELECT uuid FROM stance_history WHERE uuid IN (`+placeholders(len(chunk))+`)`, anys(chunk)...)
		for _, u := range there {
			onServer[u] = true
		}
		return err
	}); err != nil {
		return nil, fmt.Errorf("push %s: %w", path, err)
	}
	for u, st := range stances {
		switch {
		case onServer[u]:
		case st.batch.Valid && merges[st.batch.Int64]:
			byUUID[st.chapter].StanceChanges++
			batches[st.batch.Int64] = true
		default:
			gone = append(gone, u)
		}
	}
	slices.Sort(gone)
	e := &PushOtherChaptersError{Path: path, Chapter: self.Name}
	for _, h := range others {
		h.NotOnServer = !serverChapters[h.uuid]
		if h.NotOnServer || h.Volunteers+h.CallReports+h.StanceChanges > 0 {
			e.Others = append(e.Others, h.OtherChapterRecords)
		}
	}
	if len(e.Others) == 0 {
		return gone, nil
	}
	for id := range batches {
		if merges[id] {
			e.Merges = append(e.Merges, id)
		}
	}
	slices.Sort(e.Merges)
	return nil, e
}

// stancesGone are stance changes a checkout had that the server deleted since: their
// UUIDs, and a line each for the push's output.
type stancesGone struct {
	uuids, lines []string
}

// ownStancesGone finds the stance changes of the chapter self that the checkout src
// had and the server no longer has: deleted there since (an import taken back, by
// another lead of the chapter or on the coordinator's word), on purpose. A push
// brought them back silently; it leaves them out (unless told to bring back the
// deleted), as it leaves out the other chapters' (otherChapters) and the call
// reports the server deleted since, whose stance changes go with them and are not
// named here. It finds the coalition's too, of no chapter (the coordinator's, the
// official record's: an import of hers taken back), which a push brought back under
// the pushing login's chapter: those it always leaves out (coalition).
//
// What the checkout had is its record (checkoutStancesSetting, recorded); a
// checkout taken before it was kept is judged by time: a change of an import begun
// before the checkout, of a call the checkout had (checkedCalls), or, of neither,
// dated before the checkout came with it. A change made in the file since (by hand,
// heard on a call logged or imported there, a merge's) is new, and goes up.
func (s *Store) ownStancesGone(ctx context.Context, src *Store, self Chapter, at int64, recorded string,
	checkedCalls map[string]checkedOutCall, goneCalls map[string]bool) (own, coalition stancesGone, err error) {
	var had map[string]bool
	if recorded != "" {
		var list []string
		if err := json.Unmarshal([]byte(recorded), &list); err != nil {
			return own, coalition, fmt.Errorf("%w: its %s do not read: %v", ErrRefusedMerge, checkoutStancesSetting, err)
		}
		had = make(map[string]bool, len(list))
		for _, u := range list {
			had[u] = true
		}
	}
	type change struct {
		uuid, line string
		ofNone     bool // of no chapter: the coalition's
	}
	var came []change
	err = src.readTx(ctx, func(tx *sql.Tx) error {
		return eachRow(ctx, tx, func(r *sql.Rows) error {
			var c change
			var name, call string
			var chamber Chamber
			var stance Stance
			var changed int64
			var batchStarted sql.NullInt64
			if err := r.Scan(&c.uuid, &c.ofNone, &changed, &stance, &name, &chamber, &batchStarted, &call); err != nil {
				return err
			}
			var with bool
			switch {
			case goneCalls[call]:
				return nil // left out with its call, which the push lists
			case had != nil:
				with = had[c.uuid]
			case batchStarted.Valid:
				with = batchStarted.Int64 < at
			case call != "" && checkedCalls != nil:
				_, with = checkedCalls[call]
			default:
				with = changed < at
			}
			if with {
				c.line = fmt.Sprintf("%s: %s, %s", Legislator{Chamber: chamber, Name: name}.Title(),
					strings.ToLower(stance.Label()), fromUnix(changed).Format(dateLayout))
				came = append(came, c)
			}
			return nil
		}, `SELECT h.uuid, h.chapter_id IS NULL, h.changed_at, h.stance, coalesce(l.name, 'a legislator'), coalesce(l.chamber, ''),
				b.started_at, coalesce(r.uuid, '')
			FROM stance_history h LEFT JOIN chapters c ON c.id = h.chapter_id
			LEFT JOIN legislators l ON l.id = h.legislator_id LEFT JOIN import_batches b ON b.id = h.import_batch_id
			LEFT JOIN call_reports r ON r.id = h.call_report_id
			WHERE c.uuid = ? OR h.chapter_id IS NULL ORDER BY h.changed_at, h.id`, self.UUID)
	})
	if err != nil || len(came) == 0 {
		return own, coalition, err
	}
	all := make([]string, len(came))
	for i, c := range came {
		all[i] = c.uuid
	}
	onServer := map[string]bool{}
	if err := inChunks(all, func(chunk []string) error {
		there, err := strings1(ctx, s.r, `SELECT uuid FROM stance_history WHERE uuid IN (`+placeholders(len(chunk))+`)`, anys(chunk)...)
		for _, u := range there {
			onServer[u] = true
		}
		return err
	}); err != nil {
		return own, coalition, err
	}
	for _, c := range came {
		into := &own
		if c.ofNone {
			into = &coalition
		}
		if !onServer[c.uuid] {
			into.uuids = append(into.uuids, c.uuid)
			into.lines = append(into.lines, c.line)
		}
	}
	return own, coalition, nil
}
