package db

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// Why a record was deleted for good (erased_records.reason, migrations 0019 and
// postgres/0034).
const (
	erasedByUndo  = "import undo"
	erasedByTrash = "trash emptied"
)

// rememberErased is the statement that notes in erased_records the records of table
// (volunteers or call_reports) that where selects, before they are deleted for good,
// in the deleting transaction: a merge of a file that still holds them then leaves
// them out (tester t4, F4). batch, at and by are SQL expressions for the import
// undone (NULL for the trash), the time and who. A UUID erased again (brought back,
// then deleted) takes the newer reason.
func rememberErased(table, where, reason, batch, at, by string) string {
	kind := "volunteer"
	if table == "call_reports" {
		kind = "call report"
	}
	return `INSERT INTO erased_records (uuid, kind, chapter_id, reason, batch_id, erased_at, erased_by)
		SELECT uuid, '` + kind + `', chapter_id, '` + reason + `', CAST(` + batch + ` AS BIGINT), CAST(` + at + ` AS BIGINT),
			CAST(` + by + ` AS TEXT)
		FROM ` + table + ` WHERE ` + where + `
		ON CONFLICT (uuid) DO UPDATE SET kind = excluded.kind, chapter_id = excluded.chapter_id, reason = excluded.reason,
			batch_id = excluded.batch_id, erased_at = excluded.erased_at, erased_by = excluded.erased_by`
}

// erasedRecord is a record of the other file a merge would add that was deleted for
// good here.
type erasedRecord struct {
	uuid, kind, reason string
	batch              sql.NullInt64
	at                 int64
}

// erasedIn lists the volunteers and call reports of the file src that are not here
// because they were deleted for good here (an import's undo, the trash emptied).
func (s *Store) erasedIn(ctx context.Context, src *Store) ([]erasedRecord, error) {
	byUUID := map[string]erasedRecord{}
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		return eachRow(ctx, tx, func(r *sql.Rows) error {
			var e erasedRecord
			err := r.Scan(&e.uuid, &e.kind, &e.reason, &e.batch, &e.at)
			byUUID[e.uuid] = e
			return err
		}, `SELECT e.uuid, e.kind, e.reason, e.batch_id, e.erased_at FROM erased_records e
			WHERE NOT EXISTS (SELECT 1 FROM volunteers v WHERE v.uuid = e.uuid)
				AND NOT EXISTS (SELECT 1 FROM call_reports r WHERE r.uuid = e.uuid)`)
	})
	if err != nil || len(byUUID) == 0 {
		return nil, err
	}
	uuids := make([]string, 0, len(byUUID))
	for u := range byUUID {
		uuids = append(uuids, u)
	}
	js, err := json.Marshal(uuids)
	if err != nil {
		return nil, err
	}
	var out []erasedRecord
	err = src.readTx(ctx, func(tx *sql.Tx) error {
		return eachRow(ctx, tx, func(r *sql.Rows) error {
			var u string
			err := r.Scan(&u)
			out = append(out, byUUID[u])
			return err
		}, `SELECT uuid FROM volunteers WHERE uuid IN (SELECT value FROM json_each(?1))
			UNION ALL SELECT uuid FROM call_reports WHERE uuid IN (SELECT value FROM json_each(?1))`, string(js))
	})
	return out, err
}

// notAddedAgain sums up erased records for MergeResult: how many of each kind, and
// why, one phrase per undo and per day the trash was emptied.
func notAddedAgain(erased []erasedRecord, res *MergeResult) {
	seen := map[string]int64{}
	for _, e := range erased {
		if e.kind == "volunteer" {
			res.NotAddedVolunteers++
		} else {
			res.NotAddedCalls++
		}
		day := fromUnix(e.at).Local().Format("2 Jan 2006")
		why := "emptied from the trash " + day
		if e.reason == erasedByUndo {
			why = fmt.Sprintf("import undo %d, %s", e.batch.Int64, day)
		}
		if at, ok := seen[why]; !ok || e.at < at {
			seen[why] = e.at
		}
	}
	for why := range seen {
		res.NotAddedWhy = append(res.NotAddedWhy, why)
	}
	sort.Slice(res.NotAddedWhy, func(i, j int) bool {
		a, b := res.NotAddedWhy[i], res.NotAddedWhy[j]
		if seen[a] != seen[b] {
			return seen[a] < seen[b]
		}
		return a < b
	})
}

// notAddedPhrase is the clause of MergeResult.String for the records deleted for
// good here that the merge left out.
func (m MergeResult) notAddedPhrase() string {
	if m.NotAddedVolunteers+m.NotAddedCalls == 0 {
		return ""
	}
	var what []string
	if m.NotAddedVolunteers > 0 {
		what = append(what, fmt.Sprintf("%d volunteers", m.NotAddedVolunteers))
	}
	if m.NotAddedCalls > 0 {
		what = append(what, fmt.Sprintf("%d call reports", m.NotAddedCalls))
	}
	return fmt.Sprintf("; not added again: %s deleted here for good (%s); to bring them back on purpose, "+
		"merge (or push) the file again with --bring-back-deleted, or import them again", strings.Join(what, " and "), strings.Join(m.NotAddedWhy, "; "))
}

// forgetBroughtBack removes from erased_records the records of erased the merge
// brought back (MergeOptions.BringBackDeleted): here again, they are no longer
// deleted for good.
func (m *merger) forgetBroughtBack(erased []erasedRecord) error {
	return inChunks(erased, func(chunk []erasedRecord) error {
		args := make([]any, len(chunk))
		for i, e := range chunk {
			args[i] = e.uuid
		}
		in := placeholders(len(chunk))
		n, err := m.exec(`DELETE FROM main.erased_records WHERE uuid IN (`+in+`)
			AND (uuid IN (SELECT uuid FROM main.volunteers WHERE uuid IN (`+in+`))
				OR uuid IN (SELECT uuid FROM main.call_reports WHERE uuid IN (`+in+`)))`, append(append(args, args...), args...)...)
		if err != nil {
			return fmt.Errorf("records brought back: %w", err)
		}
		m.res.BroughtBack += n
		return nil
	})
}
