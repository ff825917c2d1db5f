package db

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

// MergeResult is what one merged data file brought in: the records new to this file,
// and how many it held that were here already (matched by UUID, so merging the same
// file again adds nothing).
type MergeResult struct {
	File          string
	UpgradedFrom  int      // the schema of an older ChapterDesk's file, read from an upgraded copy; 0: this version's
	BatchID       int64    // the import batch of the merge (import undo takes it back); 0: nothing new
	Chapters      []string // the chapters whose people or reports the file holds, its own first
	NewChapters   int
	Campaigns     int
	Legislators   int // legislators new to this file (not matched by UUID, Open States id or seat and name)
	Volunteers    int
	CallReports   int
	StanceChanges int
	// Rows of the official record new to this file (see ImportSession): the session
	// bills the campaigns follow, which campaign bill each stands for, sponsorships,
	// roll calls and each member's vote; matched by Open States ids and the campaign.
	// BillLinks are the campaigns' links to a session's bill.
	SessionBills, FollowedBills, Sponsorships, RollCalls, RollCallVotes, BillLinks int
	AlreadyHere                                                                    int // volunteers, call reports and stance changes the file shared with this one, unchanged
	// UpdatedVolunteers and UpdatedCalls are records already here whose copy in the
	// file was saved later (edited in the chapter since): the file's copy came in.
	UpdatedVolunteers, UpdatedCalls int
	// ConsentNarrowed are people already here the file's copy (older or not) says
	// not to call, text, email or contact where this one still did: consent only
	// narrows, so the stricter came in.
	ConsentNarrowed int
	// KeptHere are records already here the file holds otherwise in a copy saved
	// earlier: this file's newer copy stays (a withdrawn consent still came in).
	KeptHere int
	// ChapterBatches: on a server, a merge of several chapters' records (and none of
	// the shared record) is filed as one import per chapter, BatchID the first's, each
	// undone by itself; nil otherwise.
	ChapterBatches []ChapterBatch
	// Backup: the file is a backup of a chapter of this server (its offline copy,
	// merged back): it brings new records only, and KeptHere are the records already
	// here it holds otherwise, whatever the dates (an edit in the copy comes back with
	// a checkout's push, which weighs it against the server's field by field).
	Backup bool
	// KeptApart are call reports here that another chapter's file holds otherwise: one
	// call reported to two chapters' forms has one identity, but each chapter typed its
	// own report, and the other's never replaces this one's (saved later or not). Each
	// names the report and the fields that differ, both values.
	KeptApart []string
	// Trashed are the records of UpdatedVolunteers and UpdatedCalls whose newer copy
	// is in the file's trash: in the trash here too. AddedTrashed are the records of
	// Volunteers and CallReports only ever in the file's trash: added to the trash.
	Trashed, AddedTrashed int
	// LeftOutCalls are call reports new to this file logged for a volunteer the merge
	// leaves out (see merge): not brought in, rather than in with no caller. Each
	// names the call, its legislator and time, and the file's name of its caller.
	LeftOutCalls []string
	// Retired are legislators in office here whom the file's newer list has out of
	// office (takeNewerLegislators), or whom the file retired and whose seat it gives
	// a successor this merge brought in (seatSuccessors): out of office here too.
	Retired []string
	// Moved are legislators here whom the file's newer list has in another chamber or
	// district: moved here too, each "name: House 11th Suffolk → Senate First Suffolk".
	Moved []string
	// UpdatedLegislators counts the legislators here the file's newer list changed
	// (Moved and Retired among them; see takeNewerLegislators).
	UpdatedLegislators int
	// ListKept, when the file's legislators' list and this one's cannot be ordered
	// (changed in the same second, or each changed since the other), names the
	// legislators the two lists give otherwise: none of the file's came in, this
	// file's list kept whole, and the legislators new to this file came in out of
	// office (ListKeptNew).
	ListKept, ListKeptNew []string
	// ListKeptWhy is why the list here was kept (ListKept): the two cannot be
	// ordered, or the file is a backup (Backup), which brings new records only.
	ListKeptWhy string
	// ListOlder counts the legislators the file's list gives otherwise, kept as they
	// are here: each saved later here.
	ListOlder int
	// KeptInOffice are legislators in office here whom the file has out of office
	// beside a member in office in their district, left in office: here's copy is the
	// newer, or the file still has them in office in that district under another row.
	// A two-member district's co-member is no successor: a question, to check.
	KeptInOffice []string
	// SharedSeats are districts (chamber and district, with how many members are in
	// office there now) this merge gave a member in office beside one in office here
	// that the file does not have in office there: it may be doubled, or a district
	// that elects several, which no seat count tells here; to check against the
	// directory.
	SharedSeats []string
	// SameNames are the chapter names more than one chapter of this file has after
	// the merge ("My chapter", the default, kept by two leads): the records stay apart
	// by UUID, but a workbook by chapter cannot tell them apart. Each comes with how
	// many chapters share it.
	SameNames []SharedName
	// Renamed are the chapters already here whose name the file gives otherwise: the
	// file's, when its copy of the chapter is the newer (Taken), is the name now.
	Renamed []ChapterRename
	// profiles is how many chapters' profiles came in from the file (Renamed and
	// others), which undo puts back.
	profiles int
	// TimesUnsure counts the call reports added whose time an older ChapterDesk read
	// on its computer's clock (the file lists them, see CallTimesUnsure): listed here
	// too, or on a server, which keeps no list, only counted.
	TimesUnsure int
	// SponsorsSettled counts the stances the official record brought in moved: an
	// earlier session's sponsorship no longer counted once a newer session came in.
	SponsorsSettled int
	// TimesPutRight counts the call reports here whose time came in from the file's
	// copy, put right there (see takeTimesPutRight).
	TimesPutRight int
	// NotAddedVolunteers and NotAddedCalls are the file's records not here because
	// they were deleted here for good (an import's undo, the trash emptied): left out
	// (tester t4, F4), NotAddedWhy saying when and why ("import undo 4, 7 Dec 2026").
	// MergeOptions.BringBackDeleted brings them in.
	NotAddedVolunteers, NotAddedCalls int
	NotAddedWhy                       []string
	// BroughtBack counts the records deleted here for good that the merge brought
	// back (MergeOptions.BringBackDeleted).
	BroughtBack int
	// MovedIn, on a server whose own chapter was the untouched starter, is the name
	// of the file's own chapter, which became the server's own (see moveIn).
	MovedIn string
	// Beside, on a server of one chapter (no other, no logins given) whose own chapter
	// has records, is the name of that own chapter: the file's own chapter was added
	// beside it (see moveIn).
	Beside string
}

// ChapterRename is a chapter whose name in a merged file differs from the name here:
// Old is the name here before the merge, New the file's. Taken: the file's copy of
// the chapter was saved later, so its profile (the name with it) came in; else the
// name here is the newer and stays.
type ChapterRename struct {
	Old, New string
	Taken    bool
}

// SharedName is a name several chapters have.
type SharedName struct {
	Name     string
	Chapters int
}

// RecordRows is how many rows of the official record the merge added.
func (m MergeResult) RecordRows() int {
	return m.SessionBills + m.FollowedBills + m.Sponsorships + m.RollCalls + m.RollCallVotes + m.BillLinks
}

// Total is the number of records the merge added or changed.
func (m MergeResult) Total() int {
	return m.NewChapters + m.Campaigns + m.Legislators + m.Volunteers + m.CallReports + m.StanceChanges + m.RecordRows() +
		m.Updated() + m.TimesPutRight + m.UpdatedLegislators
}

// Updated is the number of records already here the merge changed (UpdatedVolunteers,
// UpdatedCalls, ConsentNarrowed).
func (m MergeResult) Updated() int {
	return m.UpdatedVolunteers + m.UpdatedCalls + m.ConsentNarrowed
}

// Merge brings another chapter's data file into this one, in one transaction: its
// chapters, campaigns, legislators, volunteers, call reports and stance history,
// each record under the chapter it came from. Records are matched by UUID, so a
// record already here (from an earlier merge, or shared history) is left as it is;
// legislators are also matched by Open States id, then by chamber, district and
// name, so two chapters' copies of one legislature become one. The other file is
// only read.
//
// A merge of another chapter's file adds chapters and writes the shared record: on a
// coalition server it is the owner's (a lead got "permission denied for table
// chapters" halfway), and others are told what they do instead. A lead's own
// checkout comes back through Push, which merges it as that lead.
//
// A server's record a file holds in a copy saved later comes in from the file
// (takeNewerRecords), except from a backup of one of the server's chapters
// (MergeResult.Backup): that brings new records only.
func (s *Store) Merge(ctx context.Context, path string) (MergeResult, error) {
	return s.MergeWith(ctx, path, MergeOptions{})
}

// MergeOptions are a merge's choices.
type MergeOptions struct {
	// TimesAsTheyAre merges into a server the call reports new to it whose time an
	// older ChapterDesk read on its computer's clock (the file lists them, see
	// CallTimesUnsure): otherwise such a merge is refused, as a push is, since the
	// server keeps no list of them to put right later. A file merges them with
	// their marks.
	TimesAsTheyAre bool
	// BringBackDeleted adds the file's volunteers and call reports that were deleted
	// here for good (an import's undo, the trash emptied): otherwise they are left out
	// and listed, as a person who asked to be erased, or a list imported by mistake,
	// must not come back unseen.
	BringBackDeleted bool
}

// MergeWith is Merge with choices.
func (s *Store) MergeWith(ctx context.Context, path string, o MergeOptions) (MergeResult, error) {
	if err := s.refuseUnlessOwner(ctx, mergeHint); err != nil {
		return MergeResult{File: path}, fmt.Errorf("merge %s: %w", path, err)
	}
	return s.merge(ctx, path, true, nil, s.server != nil && !o.TimesAsTheyAre, o.BringBackDeleted)
}

// merge is Merge without the owner's check. takeNewer: records already here come in
// from the file's newer copies (takeNewerRecords); Push, which weighs a checkout's
// edits against the server's itself, brings only new records. leaveOut are
// volunteers', call reports' and stance changes' UUIDs not to bring in although they
// are not here (Push: deleted here since the checkout). refuseUnsure: the merge is refused when
// the file holds call reports new here whose times may read hours off
// (refuseUnsureTimes; Push checks them itself). The file's records deleted here for
// good are left out too, and listed, unless bringBack (see erasedIn).
func (s *Store) merge(ctx context.Context, path string, takeNewer bool, leaveOut []string, refuseUnsure, bringBack bool) (MergeResult, error) {
	res := MergeResult{File: path}
	abs, err := filepath.Abs(path)
	if err != nil {
		return res, fmt.Errorf("merge %s: %w", path, err)
	}
	if abs == s.path {
		return res, fmt.Errorf("merge %s: that is this chapter's own file", path)
	}
	// However long a merge takes, it ends: a file made to loop (a recursive view
	// that slipped past the check below, say) is interrupted rather than left holding
	// the write lock.
	ctx, cancel := context.WithTimeout(ctx, mergeTimeout)
	defer cancel()
	// Only ChapterDesk's own views and triggers: a view can be made to run forever
	// when read, and would be read with the write lock held.
	older, err := s.checkSourceSchema(ctx, abs)
	if err != nil {
		return res, fmt.Errorf("merge %s: %w", path, err)
	}
	if res.UpgradedFrom = older; older > 0 {
		// An older ChapterDesk's file, its views and triggers that version's own: the
		// merge reads a copy upgraded as an open would upgrade it, the file untouched.
		dir, err := os.MkdirTemp("", "chapterdesk-merge-")
		if err != nil {
			return res, fmt.Errorf("merge %s: %w", path, err)
		}
		defer os.RemoveAll(dir)
		if abs, err = upgradedCopy(ctx, abs, dir); err != nil {
			return res, fmt.Errorf("merge %s: made by an older ChapterDesk (schema %d), and upgrading a copy of it failed: %w; open it once with this version, then merge it", path, older, err)
		}
	}
	// Open it as a ChapterDesk file first: refuses other files and other versions
	// with the usual messages, and gives the campaigns in their Go form.
	src, err := Open(ctx, abs, Options{ReadOnly: true})
	if err != nil {
		return res, fmt.Errorf("merge: %w", err)
	}
	defer src.Close()
	erased, err := s.erasedIn(ctx, src)
	if err != nil {
		return res, fmt.Errorf("merge %s: records deleted here for good: %w", path, err)
	}
	if !bringBack {
		leaveOut = slices.Clone(leaveOut)
		for _, e := range erased {
			leaveOut = append(leaveOut, e.uuid)
		}
		notAddedAgain(erased, &res)
	}
	if err := s.checkSourceRecords(ctx, src, leaveOut); err != nil {
		return res, fmt.Errorf("merge %s: %w", path, err)
	}
	if refuseUnsure {
		if err := s.refuseUnsureTimes(ctx, src, "merge", path, leaveOut); err != nil {
			return res, err
		}
	}
	campaigns, err := src.fullCampaigns(ctx)
	if err != nil {
		return res, fmt.Errorf("merge %s: %w", path, err)
	}
	var fixed []fixedTime
	if s.server != nil {
		if fixed, err = src.fixedTimes(ctx); err != nil {
			return res, fmt.Errorf("merge %s: %w", path, err)
		}
	}
	if takeNewer && s.server != nil {
		if res.Backup, err = s.holdsBackupChapter(ctx, src); err != nil {
			return res, fmt.Errorf("merge %s: %w", path, err)
		}
	}
	if err := s.beforeWrite(); err != nil {
		return res, fmt.Errorf("merge %s: %w", path, err)
	}
	conn, err := s.w.Conn(ctx)
	if err != nil {
		return res, fmt.Errorf("merge %s: %w", path, err)
	}
	defer conn.Close()
	if s.server == nil {
		uri := fileURI(abs) + "?mode=ro"
		if _, err := conn.ExecContext(ctx, `ATTACH DATABASE ? AS src`, uri); err != nil {
			return res, fmt.Errorf("merge %s: %w", path, err)
		}
		defer conn.ExecContext(context.WithoutCancel(ctx), `DETACH DATABASE src`)
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return res, fmt.Errorf("merge %s: %w", path, err)
	}
	m := &merger{ctx: ctx, tx: tx, res: &res, server: s.server != nil, takeNewer: takeNewer, leaveOut: leaveOut, actor: s.actor, fixed: fixed}
	if m.server {
		m.unsure, err = src.unsureUUIDs(ctx)
	}
	if m.server && err == nil {
		// The file's tables come over as temporary tables of the transaction
		// (src_volunteers, ...), and the merge's statements name them so.
		err = s.serializeWrites(ctx, tx)
		if err == nil {
			err = stageMergeSource(ctx, conn, tx, src)
		}
	}
	if err == nil {
		err = m.run(filepath.Base(abs), campaigns)
	}
	if err == nil && bringBack {
		err = m.forgetBroughtBack(erased)
	}
	if err == nil {
		// The other chapter's volunteers, or its legislators, may spell districts
		// another way.
		_, err = fixDistricts(ctx, tx, s.actor)
	}
	if err == nil {
		err = eachRow(ctx, tx, func(r *sql.Rows) error {
			var n SharedName
			err := r.Scan(&n.Name, &n.Chapters)
			res.SameNames = append(res.SameNames, n)
			return err
		}, `SELECT min(name), count(*) FROM chapters GROUP BY lower(trim(name)) HAVING count(*) > 1 ORDER BY 1`)
	}
	if err != nil {
		tx.Rollback()
		return MergeResult{File: path}, fmt.Errorf("merge %s: %w", path, mapErr(err))
	}
	if err := tx.Commit(); err != nil {
		return MergeResult{File: path}, fmt.Errorf("merge %s: %w", path, err)
	}
	return res, nil
}

// mergeInspect, set by tests only, reads the merge's transaction before the maps are
// dropped (finish).
var mergeInspect func(context.Context, *sql.Tx) error

// mergeTimeout bounds a whole merge. A million call reports merge in well under a
// minute; tests lower it.
var mergeTimeout = 10 * time.Minute

// ErrRefusedMerge: the other file holds what a merge must not bring in (a copy of this
// chapter, dates in the future, views or triggers ChapterDesk does not make).
var ErrRefusedMerge = errors.New("refused")

// checkSourceSchema reads only the other file's sqlite_schema, on a connection of its
// own, and refuses a view or trigger that is not, word for word, one of the views and
// triggers ChapterDesk makes at the file's schema version: the merge reads the other
// file's tables by name, and a view standing in for one (a recursive one never ends)
// or a trigger is not ChapterDesk's data. A file of an older ChapterDesk is judged
// against that version's own (it has triggers later versions dropped or rewrote:
// "stance_history_no_delete" of 25 November was refused as another program's, t7 F4);
// its schema version is returned, for the merge to upgrade a copy (0: this version's).
func (s *Store) checkSourceSchema(ctx context.Context, abs string) (older int, err error) {
	c, err := sql.Open(driverName, fileURI(abs)+"?mode=ro&_pragma=busy_timeout(5000)")
	if err != nil {
		return 0, err
	}
	defer c.Close()
	var app int64
	if c.QueryRowContext(ctx, `PRAGMA application_id`).Scan(&app) == nil && app == appID {
		if v, err := schemaVersion(ctx, c, false); err == nil && v > 0 && v < latestVersion() {
			older = v
		}
	}
	ours, err := ownViewsAndTriggers(ctx, older)
	if err != nil {
		return 0, err
	}
	rows, err := c.QueryContext(ctx, `SELECT type, name, coalesce(sql, '') FROM sqlite_schema WHERE type IN ('view', 'trigger')`)
	if err != nil {
		// Not SQLite, damaged, missing: Open below says which, in its words.
		return 0, nil
	}
	defer rows.Close()
	for rows.Next() {
		var typ, name, sqlText string
		if err := rows.Scan(&typ, &name, &sqlText); err != nil {
			return 0, err
		}
		if !ours[typ+"\x00"+name+"\x00"+sqlText] {
			return 0, fmt.Errorf("%w: the file has a %s %q that ChapterDesk does not make; it was changed by another program", ErrRefusedMerge, typ, name)
		}
	}
	return older, rows.Err()
}

// ownViewsAndTriggers are the views and triggers of a new file at schema version
// (0: this version's), by type, name and text: the migrations up to it, applied to an
// empty file. A shipped migration is never edited, so an older ChapterDesk's file has
// these word for word.
func ownViewsAndTriggers(ctx context.Context, version int) (map[string]bool, error) {
	dir, err := os.MkdirTemp("", "chapterdesk-schema-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	c, err := sql.Open(driverName, fileURI(filepath.Join(dir, "schema.db")))
	if err != nil {
		return nil, err
	}
	defer c.Close()
	// As migrate makes it: a migration may read it (0015 does).
	if _, err := c.ExecContext(ctx, `CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`); err != nil {
		return nil, err
	}
	for _, m := range migrations() {
		if version > 0 && m.version > version {
			break
		}
		if _, err := c.ExecContext(ctx, m.sql); err != nil {
			return nil, fmt.Errorf("schema of version %d: migration %s: %w", version, m.name, err)
		}
	}
	ours := map[string]bool{}
	err = eachRow(ctx, c, func(r *sql.Rows) error {
		var typ, name, sqlText string
		err := r.Scan(&typ, &name, &sqlText)
		ours[typ+"\x00"+name+"\x00"+sqlText] = true
		return err
	}, `SELECT type, name, coalesce(sql, '') FROM sqlite_schema WHERE type IN ('view', 'trigger')`)
	return ours, err
}

// upgradedCopy copies the file at abs into dir as it is (its write-ahead log
// included: VACUUM INTO reads what a reader sees) and upgrades the copy to this
// version's schema, as opening it would; it returns the copy's path.
func upgradedCopy(ctx context.Context, abs, dir string) (string, error) {
	c, err := sql.Open(driverName, fileURI(abs)+"?mode=ro&_pragma=busy_timeout(5000)")
	if err != nil {
		return "", err
	}
	defer c.Close()
	cp := filepath.Join(dir, filepath.Base(abs))
	if _, err := c.ExecContext(ctx, `VACUUM INTO ?`, cp); err != nil {
		return "", err
	}
	up, err := Open(ctx, cp, Options{})
	if err != nil {
		return "", err
	}
	return cp, up.Close()
}

// checkSourceRecords refuses a file whose own chapter is this one (a copy of this
// chapter's file, started again as another chapter: merging it would file its people
// under this chapter) and a file with call reports or stance changes dated in the
// future (a stance dated next year would stay the current stance, whatever is
// recorded until then), naming them. The future starts ClockSkew past this
// computer's clock, where a coalition server's starts too (postgres/0021): a day's
// slack, before, let a push through to be refused by the server in its own words.
func (s *Store) checkSourceRecords(ctx context.Context, src *Store, leaveOut []string) error {
	self, err := s.SelfChapter(ctx)
	if err != nil {
		return err
	}
	other, err := src.SelfChapter(ctx)
	if err != nil {
		return err
	}
	moved, err := s.movedIn(ctx, self)
	if err != nil {
		return err
	}
	if other.UUID == self.UUID && !src.offlineCopyOf(ctx, self.UUID) && !moved {
		return fmt.Errorf("%w: its chapter has this chapter's id (%s): it is a copy of this chapter's file, "+
			"not another chapter's (merging it would file its people under this chapter)", ErrRefusedMerge, self.UUID)
	}
	limit := time.Now().Add(ClockSkew).Unix()
	leftOut, err := src.callsLeftOut(ctx, leaveOut)
	if err != nil {
		return err
	}
	var ahead []string
	err = src.readTx(ctx, func(tx *sql.Tx) error {
		// Only what the merge would bring in: a row here already (by UUID) is this
		// database's own, not the file's, and is left as it is. A checkout holds
		// every such row of its server (one dated in the future by a lead before the
		// server refused it): its push is not the laptop's clock. Nor a call the merge
		// leaves out (leaveOut: a push's call, or caller, deleted on the server since
		// its checkout), or the stance heard on it, which stays out with it.
		return eachRow(ctx, tx, func(r *sql.Rows) error {
			var table, uuid, call, who string
			var chamber Chamber
			var stance Stance
			var at int64
			if err := r.Scan(&table, &uuid, &call, &at, &who, &chamber, &stance); err != nil {
				return err
			}
			if leftOut[call] {
				return nil
			}
			var here int
			if err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM `+table+` WHERE uuid = ?`, uuid).Scan(&here); err != nil {
				return err
			}
			if here > 0 {
				return nil
			}
			leg := Legislator{Chamber: chamber, Name: who}.Title()
			when := fromUnix(at).Local().Format("2006-01-02 15:04 MST")
			if table == "stance_history" {
				ahead = append(ahead, fmt.Sprintf("the stance change of %s to %s dated %s", leg, strings.ToLower(stance.Label()), when))
			} else {
				ahead = append(ahead, fmt.Sprintf("the call to %s dated %s", leg, when))
			}
			return nil
		}, `SELECT 'stance_history', h.uuid, coalesce(hr.uuid, ''), h.changed_at, coalesce(l.name, 'a legislator'),
				coalesce(l.chamber, ''), h.stance
			FROM stance_history h LEFT JOIN legislators l ON l.id = h.legislator_id LEFT JOIN call_reports hr ON hr.id = h.call_report_id
			WHERE h.changed_at > ?
			UNION ALL
			SELECT 'call_reports', r.uuid, r.uuid, r.called_at, coalesce(l.name, 'a legislator'), coalesce(l.chamber, ''), ''
			FROM call_reports r LEFT JOIN legislators l ON l.id = r.legislator_id WHERE r.called_at > ?
			ORDER BY 4`, limit, limit)
	})
	if err != nil || len(ahead) == 0 {
		return err
	}
	return fmt.Errorf("%w: it holds records dated in the future, more than %d minutes past this computer's clock: %s; check the clock of the computer that recorded them",
		ErrRefusedMerge, int(ClockSkew.Minutes()), FirstOf(ahead, 10, "; "))
}

// fullCampaigns loads every campaign of the file with its texts.
func (s *Store) fullCampaigns(ctx context.Context) ([]Campaign, error) {
	var ids []int64
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		return eachRow(ctx, tx, func(r *sql.Rows) error {
			var id int64
			err := r.Scan(&id)
			ids = append(ids, id)
			return err
		}, `SELECT id FROM campaigns WHERE deleted_at IS NULL ORDER BY id`)
	})
	if err != nil {
		return nil, err
	}
	out := make([]Campaign, 0, len(ids))
	for _, id := range ids {
		c, err := s.Campaign(ctx, id)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

// merger runs one merge inside its transaction, with the other file attached as src.
// Temporary tables map the other file's row ids to this file's (merge_chapters, ...).
type merger struct {
	ctx   context.Context
	tx    *sql.Tx
	res   *MergeResult
	batch int64
	// server: the merge runs on a server, with the file's tables staged as src_NAME
	// (see stageMergeSource).
	server bool
	// takeNewer, leaveOut: see merge.
	takeNewer bool
	leaveOut  []string
	// unsure, on a server, are the UUIDs of the file's call reports whose time an
	// older ChapterDesk read on its computer's clock (see unsureCalls).
	unsure []string
	// actor is who the merge writes as (updated_by).
	actor string
	// fixed are the times calls fix-times put right in the file, for a server
	// (takeFixedTimes).
	fixed []fixedTime
	// listKept: this file's list of legislators is kept whole, the file's cannot be
	// ordered against it or is a backup's (takeNewerLegislators).
	listKept bool
}

// q gives a statement as the merge's connection names the tables: on a file the
// attached file's are src.NAME and this file's main.NAME; on a server the staged
// ones are src_NAME and the server's plain NAME.
func (m *merger) q(sql string) string {
	if !m.server {
		return sql
	}
	return strings.NewReplacer("src.", "src_", "main.", "", "temp.", "").Replace(sql)
}

// exec runs a statement and returns how many rows it changed.
func (m *merger) exec(q string, args ...any) (int, error) {
	r, err := m.tx.ExecContext(m.ctx, m.q(q), args...)
	if err != nil {
		return 0, err
	}
	n, err := r.RowsAffected()
	return int(n), err
}

// steps run in order, each one a statement; a step's count, when it has one, lands
// in the result.
func (m *merger) steps(steps []mergeStep) error {
	for _, st := range steps {
		if st.serverOnly && !m.server {
			continue
		}
		if st.onlyIf != "" && m.server {
			// A lead on a coalition server may not write this table at all, even no rows.
			var k int
			if err := m.tx.QueryRowContext(m.ctx, m.q(st.onlyIf), st.args...).Scan(&k); err != nil {
				return fmt.Errorf("%s: %w", st.what, err)
			}
			if k == 0 {
				continue
			}
		}
		n, err := m.exec(st.sql, st.args...)
		if err != nil {
			return fmt.Errorf("%s: %w", st.what, err)
		}
		if st.count != nil {
			*st.count += n
		}
	}
	return nil
}

type mergeStep struct {
	what  string
	sql   string
	args  []any
	count *int
	// onlyIf, on a server: a count of the rows the step would write (taking the same
	// args); the step is skipped when it is 0.
	onlyIf string
	// serverOnly: the step runs on a server only.
	serverOnly bool
}

// analyzeStep gives the server the statistics of temp.merge_NAME once it is filled:
// no autovacuum reads a temporary table, and a plan that takes a map of thousands of
// rows for an empty one joins it row by row (t4's F6: a push of 20,000 new volunteers
// ran ten minutes). A file's merge plans well without (its maps are searched by key).
func analyzeStep(name string) mergeStep {
	return mergeStep{what: "map " + name, sql: `ANALYZE temp.merge_` + name, serverOnly: true}
}

// mapTable builds temp.merge_NAME (src id -> this file's id) by joining on UUID.
func mapTable(name, table string) []mergeStep {
	return []mergeStep{
		{what: "map " + table, sql: `DROP TABLE IF EXISTS temp.merge_` + name},
		{what: "map " + table, sql: `CREATE TEMP TABLE merge_` + name + ` (src INTEGER PRIMARY KEY, dst INTEGER NOT NULL)`},
		{what: "map " + table, sql: `INSERT INTO temp.merge_` + name + ` (src, dst)
			SELECT s.id, d.id FROM src.` + table + ` s JOIN main.` + table + ` d ON d.uuid = s.uuid`},
		analyzeStep(name),
	}
}

func (m *merger) run(source string, campaigns []Campaign) error {
	ctx, tx, res := m.ctx, m.tx, m.res
	if err := tx.QueryRowContext(ctx, `INSERT INTO import_batches (uuid, kind, format, source_name, started_at)
		VALUES (?, 'merge', 'chapterdesk', ?, ?) RETURNING id`, newUUID(), source, nowUnix()).Scan(&m.batch); err != nil {
		return err
	}
	err := eachRow(ctx, tx, func(r *sql.Rows) error {
		var name string
		err := r.Scan(&name)
		res.Chapters = append(res.Chapters, name)
		return err
	}, m.q(`SELECT name FROM src.chapters c WHERE c.is_self = 1
		OR EXISTS (SELECT 1 FROM src.volunteers v WHERE v.chapter_id = c.id)
		OR EXISTS (SELECT 1 FROM src.call_reports r WHERE r.chapter_id = c.id)
		ORDER BY c.is_self DESC, c.name`))
	if err != nil {
		return err
	}
	for i := range campaigns {
		var n int
		if err := tx.QueryRowContext(ctx, m.q(`SELECT count(*) FROM main.campaigns WHERE uuid = ?`), campaigns[i].UUID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			if _, err := saveCampaign(ctx, tx, m.server, &campaigns[i], nil); err != nil {
				return fmt.Errorf("campaign %s: %w", campaigns[i].UUID, err)
			}
			res.Campaigns++
		}
	}
	// The chapters the merge adds are noted in the batch (addedChapters), for undo.
	var lastChapter int64
	if err := tx.QueryRowContext(ctx, m.q(`SELECT coalesce(max(id), 0) FROM main.chapters`)).Scan(&lastChapter); err != nil {
		return err
	}
	if err := m.moveIn(); err != nil {
		return fmt.Errorf("the chapter moved in: %w", err)
	}
	var steps []mergeStep
	steps = append(steps, mergeStep{what: "chapters", count: &res.NewChapters,
		sql: `INSERT INTO main.chapters (uuid, is_self, name, state, contact_name, email, phone, website, address,
			created_at, updated_at)
		SELECT uuid, 0, name, state, contact_name, email, phone, website, address, created_at, updated_at
		FROM src.chapters s WHERE NOT EXISTS (SELECT 1 FROM main.chapters d WHERE d.uuid = s.uuid)`,
		onlyIf: `SELECT count(*) FROM src.chapters s WHERE NOT EXISTS (SELECT 1 FROM main.chapters d WHERE d.uuid = s.uuid)`})
	steps = append(steps, mergeStep{what: "chapters", args: []any{m.batch, lastChapter},
		sql: `INSERT INTO main.import_changes (batch_id, table_name, row_id, before)
			SELECT ?, '` + addedChapters + `', id, '{}' FROM main.chapters WHERE id > ? AND is_self = 0`})
	steps = append(steps, mapTable("chapters", "chapters")...)
	steps = append(steps, mapTable("campaigns", "campaigns")...)
	steps = append(steps, m.legislatorSteps()...)
	steps = append(steps, m.leftOutSteps()...)
	steps = append(steps, m.volunteerSteps()...)
	steps = append(steps, m.callSteps()...)
	steps = append(steps, m.recordSteps()...)
	if err := m.steps(steps); err != nil {
		return err
	}
	if err := m.leftOutCalls(); err != nil {
		return err
	}
	if err := m.unsureCalls(); err != nil {
		return err
	}
	if err := m.takeNewerProfiles(); err != nil {
		return err
	}
	if m.takeNewer {
		if err := m.takeNewerLegislators(); err != nil {
			return err
		}
	}
	if err := m.seatSuccessors(); err != nil {
		return err
	}
	if m.server {
		if err := m.takeFixedTimes(); err != nil {
			return err
		}
	}
	if m.takeNewer {
		if err := m.takeNewerRecords("volunteers", "volunteers", mergeVolunteerCols, labelsDiffer(), "1 = 0", &m.res.UpdatedVolunteers); err != nil {
			return err
		}
		if err := m.takeNewerRecords("call_reports", "calls", mergeCallCols, "1 = 0", otherChapters, &m.res.UpdatedCalls); err != nil {
			return err
		}
		if !m.server {
			if err := m.takeTimesPutRight(); err != nil {
				return err
			}
		}
	}
	if m.res.RecordRows() > 0 {
		// A newer session's record ends the earlier sessions' sponsorships in the
		// count, as that session's import does (settleEarlierSessions).
		n, err := settleEarlierSessions(m.ctx, m.tx, m.server)
		if err != nil {
			return fmt.Errorf("settle the sponsors of the sessions merged: %w", err)
		}
		m.res.SponsorsSettled = n
		// A file an earlier version left with the record of a removed link still
		// the campaign's (merged read-only, its open's fix-up not done).
		if _, err := unlinkStaleRecord(m.ctx, m.tx, m.server); err != nil {
			return fmt.Errorf("the record of links removed in the file merged: %w", err)
		}
	}
	return m.finish()
}

// takeTimesPutRight brings in the time of each call report already here whose copy
// in the file has another time the file is sure of (not listed in its
// call_times_unsure): a time put right there (calls fix-times) when the copy here is
// still listed as maybe hours off, or the file's copy is the newer. The mark here
// goes with it. A copy the file still lists never moves a time here (it may be the
// one hours off), nor does another chapter's report of the same call. The times and
// marks before go to the batch's import_changes, for undo. A server keeps no marks:
// a file does this, not a server (its merge of such reports is refused).
func (m *merger) takeTimesPutRight() error {
	type move struct {
		id, at, was, updated, fileUpdated int64
		listed                            sql.NullInt64
	}
	var moves []move
	err := eachRow(m.ctx, m.tx, func(r *sql.Rows) error {
		var v move
		err := r.Scan(&v.id, &v.was, &v.at, &v.updated, &v.fileUpdated, &v.listed)
		moves = append(moves, v)
		return err
	}, `SELECT d.id, d.called_at, s.called_at, d.updated_at, s.updated_at, u.listed_at
		FROM src.call_reports s JOIN temp.merge_calls mp ON mp.src = s.id JOIN main.call_reports d ON d.id = mp.dst
		LEFT JOIN main.call_times_unsure u ON u.call_report_id = d.id
		WHERE d.import_batch_id IS NOT ? AND s.called_at <> d.called_at AND NOT (`+otherChapters+`)
			AND NOT EXISTS (SELECT 1 FROM src.call_times_unsure su WHERE su.call_report_id = s.id)
			AND (u.call_report_id IS NOT NULL OR s.updated_at >= d.updated_at)
		ORDER BY d.id`, m.batch)
	if err != nil {
		return fmt.Errorf("call times put right: %w", err)
	}
	counts := stancesToSettle{}
	for _, v := range moves {
		mv := timeMove{id: v.id, was: v.was, at: v.at, wasUpdated: v.updated, updated: max(v.updated, v.fileUpdated), listed: v.listed}
		// The times the file's copies of the stance changes heard on it have (moved
		// with the report by calls fix-times there).
		if err := eachRow(m.ctx, m.tx, func(r *sql.Rows) error {
			var h stanceMove
			err := r.Scan(&h.id, &h.was, &h.at, &h.campaign, &h.legislator)
			mv.stances = append(mv.stances, h)
			return err
		}, `SELECT h.id, h.changed_at, s.changed_at, h.campaign_id, h.legislator_id
			FROM main.stance_history h JOIN src.stance_history s ON s.uuid = h.uuid
			WHERE h.call_report_id = ? AND s.changed_at <> h.changed_at ORDER BY h.id`, v.id); err != nil {
			return fmt.Errorf("stance changes heard on call report %d: %w", v.id, err)
		}
		if err := moveReportTime(m.ctx, m.tx, m.batch, m.actor, mv, counts); err != nil {
			return err
		}
		m.res.TimesPutRight++
	}
	_, err = counts.settle(m.ctx, m.tx)
	return err
}

// fixedTime is a report's time calls fix-times put right in a file (was → at), with
// the stance changes heard on it it moved, by UUID.
type fixedTime struct {
	uuid    string
	was, at int64
	stances map[string][2]int64 // was, at
}

// fixedTimes are the times this file's fix-times batches (not undone) put right, of
// the reports that still have them, for a server (see takeFixedTimes).
func (s *Store) fixedTimes(ctx context.Context) ([]fixedTime, error) {
	if s.server != nil {
		return nil, nil
	}
	byID := map[string]*fixedTime{}
	var out []*fixedTime
	err := eachRow(ctx, s.r, func(r *sql.Rows) error {
		f := &fixedTime{stances: map[string][2]int64{}}
		err := r.Scan(&f.uuid, &f.was, &f.at)
		byID[f.uuid] = f
		out = append(out, f)
		return err
	}, `SELECT r.uuid, CAST(json_extract(c.before, '$.called_at') AS INTEGER), r.called_at
		FROM import_changes c JOIN import_batches b ON b.id = c.batch_id JOIN call_reports r ON r.id = c.row_id
		WHERE b.format = ? AND b.undone_at IS NULL AND c.table_name = 'call_reports'
			AND r.called_at = CAST(json_extract(c.after, '$.called_at') AS INTEGER) ORDER BY c.id`, FixCallTimesFormat)
	if err != nil {
		return nil, fmt.Errorf("call times put right in the file: %w", err)
	}
	err = eachRow(ctx, s.r, func(r *sql.Rows) error {
		var report, uuid string
		var was, at int64
		if err := r.Scan(&report, &uuid, &was, &at); err != nil {
			return err
		}
		if f := byID[report]; f != nil {
			f.stances[uuid] = [2]int64{was, at}
		}
		return nil
	}, `SELECT r.uuid, h.uuid, CAST(json_extract(c.before, '$.changed_at') AS INTEGER), h.changed_at
		FROM import_changes c JOIN import_batches b ON b.id = c.batch_id JOIN stance_history h ON h.id = c.row_id
		JOIN call_reports r ON r.id = h.call_report_id
		WHERE b.format = ? AND b.undone_at IS NULL AND c.table_name = ?
			AND h.changed_at = CAST(json_extract(c.after, '$.changed_at') AS INTEGER)`, FixCallTimesFormat, stanceHistoryChange)
	if err != nil {
		return nil, fmt.Errorf("call times put right in the file: %w", err)
	}
	res := make([]fixedTime, len(out))
	for i, f := range out {
		res[i] = *f
	}
	return res, nil
}

// takeFixedTimes brings to a server the times calls fix-times put right in the file
// (a checkout, or a chapter's file the owner merges) of reports already there at the
// time before the fix (pushed before as they were, --times-as-they-are): the
// report's time and those of the stance changes heard on it that still have theirs,
// each recorded in the batch for undo (moveReportTime). A report the server holds at
// another time (edited there) is left as it is. The server's stances follow the moved
// history by trigger (postgres/0031).
func (m *merger) takeFixedTimes() error {
	counts := stancesToSettle{}
	for _, f := range m.fixed {
		var id, at, updated int64
		err := m.tx.QueryRowContext(m.ctx, `SELECT id, called_at, updated_at FROM call_reports WHERE uuid = ? AND import_batch_id IS DISTINCT FROM ?`,
			f.uuid, m.batch).Scan(&id, &at, &updated)
		if errors.Is(err, sql.ErrNoRows) || err == nil && at != f.was {
			continue // not here before this merge (it came with the file's time), or not at the time before the fix
		}
		if err != nil {
			return fmt.Errorf("call times put right in the file: %w", err)
		}
		mv := timeMove{id: id, was: at, at: f.at, wasUpdated: updated, updated: max(updated, nowUnix())}
		for uuid, t := range f.stances {
			var h stanceMove
			err := m.tx.QueryRowContext(m.ctx, `SELECT id, changed_at, campaign_id, legislator_id FROM stance_history
				WHERE uuid = ? AND call_report_id = ? AND changed_at = ?`, uuid, id, t[0]).Scan(&h.id, &h.was, &h.campaign, &h.legislator)
			if errors.Is(err, sql.ErrNoRows) {
				continue
			}
			if err != nil {
				return fmt.Errorf("call times put right in the file: %w", err)
			}
			h.at = t[1]
			mv.stances = append(mv.stances, h)
		}
		sort.Slice(mv.stances, func(i, j int) bool { return mv.stances[i].id < mv.stances[j].id })
		if err := moveReportTime(m.ctx, m.tx, m.batch, m.actor, mv, counts); err != nil {
			return err
		}
		m.res.TimesPutRight++
	}
	return nil
}

// leftOutSteps fill temp.merge_left_out with the UUIDs of leaveOut in one statement:
// one a UUID was a round trip each to the server, with the push holding the
// coalition's write turn. A UUID given twice goes in once.
func (m *merger) leftOutSteps() []mergeStep {
	steps := []mergeStep{{what: "records left out", sql: `DROP TABLE IF EXISTS temp.merge_left_out`},
		{what: "records left out", sql: `CREATE TEMP TABLE merge_left_out (uuid TEXT PRIMARY KEY)`}}
	if len(m.leaveOut) == 0 {
		return steps
	}
	fill := mergeStep{what: "records left out"}
	if m.server {
		fill.sql, fill.args = `INSERT INTO merge_left_out (uuid) SELECT DISTINCT unnest(?::text[])`, []any{m.leaveOut}
	} else {
		js, _ := json.Marshal(m.leaveOut) // strings always marshal
		fill.sql, fill.args = `INSERT INTO temp.merge_left_out (uuid) SELECT DISTINCT value FROM json_each(?)`, []any{string(js)}
	}
	return append(steps, fill, analyzeStep("left_out"))
}

// moveIn makes the file's own chapter this server's own when the server's own is the
// untouched starter it was given ("My chapter": no volunteers, call reports or stance
// changes, its profile never saved nor filled in) and the server has no other
// chapter, lead or coordinator. A chapter moved to a server as the README says (server init, then merge
// its file) sat beside the empty "My chapter", which stayed the server's own: the same
// roster imported again was added twice, a checkout or backup was of "My chapter"
// (tester t4, F5). The starter's row takes the file's chapter's id (UUID) and profile,
// keeping its row id, so the file's records come in under it; its before is in the
// batch, for undo. A server whose own chapter has records keeps it, and the file's
// chapter comes in beside it, and the merge says so (Beside). A data file is left
// as it is (a fresh file is where a coalition's chapters' files are merged side by
// side), and so is a push's merge.
func (m *merger) moveIn() error {
	if !m.server || !m.takeNewer {
		return nil
	}
	cols := append([]string{"uuid"}, chapterProfileCols...)
	var self, here, file int64
	var touched bool
	var chapters, logins int
	mine, theirs := make([]string, len(cols)), make([]string, len(cols))
	dest := []any{&self, &here, &file, &touched, &chapters, &logins}
	for i := range cols {
		dest = append(dest, &mine[i])
	}
	for i := range cols {
		dest = append(dest, &theirs[i])
	}
	err := m.tx.QueryRowContext(m.ctx, `SELECT d.id, d.updated_at, s.updated_at,
			d.updated_at <> d.created_at OR d.name <> 'My chapter'
				OR concat(d.`+strings.Join(chapterProfileCols[1:], ", d.")+`) <> ''
				OR EXISTS (SELECT 1 FROM volunteers v WHERE v.chapter_id = d.id)
				OR EXISTS (SELECT 1 FROM call_reports r WHERE r.chapter_id = d.id)
				OR EXISTS (SELECT 1 FROM stance_history h WHERE h.chapter_id = d.id),
			(SELECT count(*) FROM chapters o WHERE o.id <> d.id),
			(SELECT count(*) FROM chapter_leads) + (SELECT count(*) FROM coalition_coordinators),
			d.`+strings.Join(cols, ", d.")+`, s.`+strings.Join(cols, ", s.")+`
		FROM chapters d, src_chapters s WHERE d.is_self = 1 AND s.is_self = 1
			AND NOT EXISTS (SELECT 1 FROM chapters x WHERE x.uuid = s.uuid)`).Scan(dest...)
	if errors.Is(err, sql.ErrNoRows) {
		return nil // the file's chapter is here already (merged before, or a backup of it)
	}
	if err != nil {
		return err
	}
	if logins > 0 || chapters > 0 {
		return nil // a coalition's: its chapters sit side by side
	}
	if touched {
		m.res.Beside = mine[1]
		return nil
	}
	before, after := map[string]string{"updated_at": strconv.FormatInt(here, 10)}, map[string]string{}
	args := []any{}
	for i, col := range cols {
		before[col], after[col] = mine[i], theirs[i]
		args = append(args, theirs[i])
	}
	snapshot, err := json.Marshal(before)
	if err != nil {
		return err
	}
	wrote, err := json.Marshal(after)
	if err != nil {
		return err
	}
	if _, err := m.exec(`UPDATE chapters SET `+strings.Join(cols, " = ?, ")+` = ?, updated_at = ? WHERE id = ?`,
		append(args, file, self)...); err != nil {
		return err
	}
	if _, err := m.exec(`INSERT INTO import_changes (batch_id, table_name, row_id, before, after) VALUES (?, 'chapters', ?, ?, ?)`,
		m.batch, self, string(snapshot), string(wrote)); err != nil {
		return err
	}
	m.res.MovedIn, m.res.profiles = theirs[1], m.res.profiles+1
	return nil
}

// movedIn reports whether this server's own chapter is the one a merge of the file
// of that chapter made its own (moveIn), not undone: that file merged again is that
// chapter's, not a copy of it started as another chapter.
func (s *Store) movedIn(ctx context.Context, self Chapter) (bool, error) {
	if s.server == nil {
		return false, nil
	}
	var n int
	err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM import_changes c JOIN import_batches b ON b.id = c.batch_id
		WHERE c.table_name = 'chapters' AND c.row_id = ? AND b.kind = 'merge' AND b.undone_at IS NULL AND c.after LIKE ?`,
		self.ID, `%"uuid":"`+self.UUID+`"%`).Scan(&n)
	return n > 0, err
}

// addedChapters is the table_name of the import_changes rows that name a chapter a
// merge added: its undo deletes the chapter when nothing is left in it.
const addedChapters = "chapters_added"

// chapterProfileCols are a chapter's profile, as the lead edits it (UpdateSelfChapter).
var chapterProfileCols = []string{"name", "state", "contact_name", "email", "phone", "website", "address"}

// takeNewerProfiles brings in the profile of each chapter already here whose copy in
// the file was saved later (a chapter renamed in its own file and sent again),
// recording the old profile in the batch so undo puts it back. A name the file gives
// otherwise is listed (Renamed) whether it came in or not: an older copy of a file
// leaves the newer name, and says so. This file's own chapter is its lead's to edit,
// and is left alone.
func (m *merger) takeNewerProfiles() error {
	type copies struct {
		id, here, file int64 // the chapter here, and when each copy was saved
		old, new       []string
	}
	var differ []copies
	cols := strings.Join(chapterProfileCols, ", s.")
	var unequal []string
	for _, c := range chapterProfileCols {
		unequal = append(unequal, "d."+c+" <> s."+c)
	}
	err := eachRow(m.ctx, m.tx, func(r *sql.Rows) error {
		c := copies{old: make([]string, len(chapterProfileCols)), new: make([]string, len(chapterProfileCols))}
		dest := []any{&c.id, &c.here, &c.file}
		for i := range c.old {
			dest = append(dest, &c.old[i])
		}
		for i := range c.new {
			dest = append(dest, &c.new[i])
		}
		err := r.Scan(dest...)
		differ = append(differ, c)
		return err
	}, m.q(`SELECT d.id, d.updated_at, s.updated_at, d.`+strings.ReplaceAll(cols, "s.", "d.")+`, s.`+cols+`
		FROM src.chapters s JOIN main.chapters d ON d.uuid = s.uuid
		WHERE d.is_self = 0 AND (`+strings.Join(unequal, " OR ")+`) ORDER BY d.name, d.id`))
	if err != nil {
		return err
	}
	for _, c := range differ {
		taken := false
		// A backup brings new records only: its chapter's profile saved later in the
		// copy renamed the chapter on the server (tester t4, F5); it is listed instead.
		if c.file > c.here && !m.res.Backup {
			before, after := map[string]string{"updated_at": strconv.FormatInt(c.here, 10)}, map[string]string{}
			for i, col := range chapterProfileCols {
				if c.old[i] != c.new[i] {
					before[col], after[col] = c.old[i], c.new[i]
				}
			}
			snapshot, err := json.Marshal(before)
			if err != nil {
				return err
			}
			wrote, err := json.Marshal(after)
			if err != nil {
				return err
			}
			args := []any{}
			for _, v := range c.new {
				args = append(args, v)
			}
			n, err := m.exec(`UPDATE main.chapters SET `+strings.Join(chapterProfileCols, " = ?, ")+` = ?, updated_at = ?
				WHERE id = ?`, append(args, c.file, c.id)...)
			if err != nil {
				return fmt.Errorf("chapter %q: %w", c.old[0], err)
			}
			if taken = n > 0; taken {
				if _, err := m.exec(`INSERT INTO main.import_changes (batch_id, table_name, row_id, before, after) VALUES (?, 'chapters', ?, ?, ?)`,
					m.batch, c.id, string(snapshot), string(wrote)); err != nil {
					return err
				}
				m.res.profiles++
			}
		}
		if c.old[0] != c.new[0] {
			m.res.Renamed = append(m.res.Renamed, ChapterRename{Old: c.old[0], New: c.new[0], Taken: taken})
		}
	}
	return nil
}

// takeNewerLegislators brings in the file's list of legislators when it is the newer
// one (tester t3, F2): every legislator here whose copy in the file differs (a value
// the file has and this one has otherwise; an empty one never erases, nor does a
// case-only difference, as in a legislators import) takes the file's values when each
// of them was saved later in the file — moves and departures alike, named in Moved
// and Retired, each before recorded in the batch for undo (the departures alone, as
// merges took them before, left a seat empty and a member counted in the other
// chamber). When this file's copies are all the newer, nothing comes in, counted
// (ListOlder). When the two lists cannot be ordered (a copy saved in the same second,
// or some newer here and others in the file), or the file is a backup (Backup: new
// records only), none of the file's values come in and the legislators the file
// brought new come in out of office: this list is kept whole, rather than half of
// each, and ListKept names the differences. The Open States id is left as it is
// here (the match may be by it). A legislator two rows of the file map to is left to
// seatSuccessors.
func (m *merger) takeNewerLegislators() error {
	cols := legislatorImportCols[1:]
	type copies struct {
		id, here, file int64
		old, new       []string
	}
	var differ []copies
	var fileNewer, hereNewer int
	err := eachRow(m.ctx, m.tx, func(r *sql.Rows) error {
		c := copies{old: make([]string, len(cols)), new: make([]string, len(cols))}
		dest := []any{&c.id, &c.here, &c.file}
		for i := range c.old {
			dest = append(dest, &c.old[i])
		}
		for i := range c.new {
			dest = append(dest, &c.new[i])
		}
		if err := r.Scan(dest...); err != nil {
			return err
		}
		changes := false
		for i := range cols {
			changes = changes || c.new[i] != "" && !strings.EqualFold(c.new[i], c.old[i])
		}
		if !changes {
			return nil
		}
		differ = append(differ, c)
		if c.file > c.here {
			fileNewer++
		} else if c.here > c.file {
			hereNewer++
		}
		return nil
	}, m.q(`SELECT d.id, d.updated_at, s.updated_at, d.`+strings.Join(cols, ", d.")+`, s.`+strings.Join(cols, ", s.")+`
		FROM src.legislators s JOIN temp.merge_legislators ml ON ml.src = s.id JOIN main.legislators d ON d.id = ml.dst
		WHERE s.deleted_at IS NULL AND d.deleted_at IS NULL
			AND NOT EXISTS (SELECT 1 FROM temp.merge_legislators o WHERE o.dst = ml.dst AND o.src <> ml.src)
		ORDER BY d.chamber, d.district, d.name, d.id`))
	if err != nil {
		return fmt.Errorf("legislators: %w", err)
	}
	col := func(name string) int { return slices.Index(cols, name) }
	ch, district, name, office := col("chamber"), col("district"), col("name"), col("in_office")
	seat := func(v []string) string {
		s := Chamber(v[ch]).Label() + " " + v[district]
		if v[office] != "1" {
			s += ", out of office"
		}
		return s
	}
	switch {
	case len(differ) == 0:
		return nil
	case hereNewer == len(differ):
		m.res.ListOlder = len(differ)
		return nil
	case fileNewer < len(differ) || m.res.Backup:
		// A backup brings new records only: a newer list imported into the copy is
		// the owner's to import on the server, not half of it to come in here.
		m.listKept = true
		m.res.ListKeptWhy = "the two lists cannot be ordered (changed in the same second, or each changed since the other)"
		if m.res.Backup {
			m.res.ListKeptWhy = "a backup brings new records only"
		}
		for _, c := range differ {
			if seat(c.old) != seat(c.new) {
				m.res.ListKept = append(m.res.ListKept, fmt.Sprintf("%s (here %s, in the file %s)", c.old[name], seat(c.old), seat(c.new)))
				continue
			}
			var fields []string
			for i, f := range cols {
				if c.new[i] != "" && !strings.EqualFold(c.new[i], c.old[i]) {
					fields = append(fields, f)
				}
			}
			m.res.ListKept = append(m.res.ListKept, fmt.Sprintf("%s (%s)", c.old[name], strings.Join(fields, ", ")))
		}
		// The legislators the file brought new are of its list: out of office here,
		// and named (an import of the list puts them in office).
		err := eachRow(m.ctx, m.tx, func(r *sql.Rows) error {
			var who, chamber, district string
			err := r.Scan(&who, &chamber, &district)
			m.res.ListKeptNew = append(m.res.ListKeptNew, who+" ("+Chamber(chamber).Label()+" "+district+")")
			return err
		}, m.q(`SELECT name, chamber, district FROM main.legislators WHERE import_batch_id = ? AND in_office = 1 ORDER BY chamber, district, name`), m.batch)
		if err != nil {
			return fmt.Errorf("legislators: %w", err)
		}
		_, err = m.exec(`UPDATE main.legislators SET in_office = 0 WHERE import_batch_id = ? AND in_office = 1`, m.batch)
		return err
	}
	for _, c := range differ {
		was := slices.Clone(c.old)
		if _, err := updateImported(m.ctx, m.tx, m.actor, m.batch, "legislators", c.id, cols, c.old, c.new); err != nil {
			return fmt.Errorf("legislator %s: %w", was[name], err)
		}
		m.res.UpdatedLegislators++
		switch {
		case was[office] == "1" && c.new[office] == "0":
			m.res.Retired = append(m.res.Retired, was[name]+" ("+was[district]+")")
		case seat(was) != seat(c.old):
			m.res.Moved = append(m.res.Moved, was[name]+": "+seat(was)+" → "+seat(c.old))
		}
	}
	return nil
}

// listed is a list for a person: how many, then the first ten of them.
func listed(items []string, noun string) string {
	return fmt.Sprintf("%d %s: %s", len(items), noun, FirstOf(items, 10, ", "))
}

// seatSuccessors retires here each legislator in office whom the file has retired
// and whose seat (chamber and district) has a member in office in the file who is in
// office here too (came in now, or earlier): a special election the file's legislator
// import knew of, which would otherwise leave two sitting members for one seat. Only
// when the file's copy is the newer and no other row of the file still has them in
// office there: else that member may be a co-member of a multi-member district, and
// the legislator is listed (KeptInOffice), not retired. The
// legislator's before goes to the batch's import_changes, for undo (not on a push,
// which leaves legislators to the owner: the seat is listed). Then it lists the
// seats where this merge brought a member in office beside one in office here whom
// the file does not have in office there (SharedSeats): the merge cannot tell a
// multi-member district from a seat changed hands, and says so rather than nothing.
func (m *merger) seatSuccessors() error {
	type retire struct {
		id, here, file int64
		name, keep     string
	}
	var out []retire
	err := eachRow(m.ctx, m.tx, func(r *sql.Rows) error {
		var x retire
		err := r.Scan(&x.id, &x.here, &x.file, &x.name, &x.keep)
		out = append(out, x)
		return err
	}, m.q(`SELECT d.id, d.updated_at, s.updated_at, d.name || ' (' || d.district || ')',
			CASE WHEN s.updated_at <= d.updated_at THEN 'the copy here is newer'
			WHEN EXISTS (SELECT 1 FROM src.legislators n LEFT JOIN temp.merge_legislators mn ON mn.src = n.id
				WHERE n.id <> s.id AND n.chamber = s.chamber AND n.district = s.district AND n.in_office = 1 AND n.deleted_at IS NULL
					AND (mn.dst = d.id OR n.openstates_id = d.openstates_id OR n.name = d.name))
			THEN 'the file still has them in office there' ELSE '' END
		FROM src.legislators s JOIN temp.merge_legislators ml ON ml.src = s.id JOIN main.legislators d ON d.id = ml.dst
		WHERE s.in_office = 0 AND d.in_office = 1 AND d.deleted_at IS NULL AND EXISTS (
			SELECT 1 FROM src.legislators n JOIN temp.merge_legislators mn ON mn.src = n.id JOIN main.legislators dn ON dn.id = mn.dst
			WHERE n.chamber = s.chamber AND n.district = s.district AND n.in_office = 1 AND n.deleted_at IS NULL
				AND dn.id <> d.id AND dn.in_office = 1 AND dn.deleted_at IS NULL)
		ORDER BY d.chamber, d.district, d.name`))
	if err != nil {
		return err
	}
	for _, x := range out {
		if m.listKept {
			break // no departure of the file's comes in: the list here is kept whole (ListKept names them)
		}
		if x.keep != "" {
			// Another member in office in the district may be a co-member (two- and
			// three-member districts), not a successor: only the file's newer word that
			// they left, with nothing in the file still seating them, retires a member.
			m.res.KeptInOffice = append(m.res.KeptInOffice, x.name+": "+x.keep)
			continue
		}
		if !m.takeNewer {
			// A push: a lead may not edit the coalition's legislators; the seat is listed.
			continue
		}
		snapshot, err := json.Marshal(map[string]string{"in_office": "1", "updated_at": strconv.FormatInt(x.here, 10)})
		if err != nil {
			return err
		}
		if _, err := m.exec(`UPDATE main.legislators SET in_office = 0, updated_at = ?, row_version = row_version + 1, updated_by = ? WHERE id = ?`, max(x.here, x.file), m.actor, x.id); err != nil {
			return fmt.Errorf("legislator %s: %w", x.name, err)
		}
		if _, err := m.exec(`INSERT INTO main.import_changes (batch_id, table_name, row_id, before) VALUES (?, 'legislators', ?, ?)`,
			m.batch, x.id, string(snapshot)); err != nil {
			return err
		}
		m.res.Retired = append(m.res.Retired, x.name)
	}
	return eachRow(m.ctx, m.tx, func(r *sql.Rows) error {
		var seat string
		err := r.Scan(&seat)
		m.res.SharedSeats = append(m.res.SharedSeats, seat)
		return err
	}, m.q(`SELECT CASE x.chamber WHEN 'upper' THEN 'Senate ' ELSE 'House ' END || x.district || ' (' ||
			CAST((SELECT count(*) FROM main.legislators o WHERE o.chamber = x.chamber AND o.district = x.district
				AND o.in_office = 1 AND o.deleted_at IS NULL) AS TEXT) || ' members in office)'
		FROM (SELECT DISTINCT d.chamber, d.district
		FROM main.legislators dn JOIN main.legislators d ON d.chamber = dn.chamber AND d.district = dn.district AND d.id <> dn.id
		WHERE dn.import_batch_id = ? AND dn.in_office = 1 AND dn.deleted_at IS NULL AND d.in_office = 1 AND d.deleted_at IS NULL
			AND NOT EXISTS (SELECT 1 FROM temp.merge_legislators ml JOIN src.legislators s ON s.id = ml.src
				WHERE ml.dst = d.id AND s.in_office = 1 AND s.deleted_at IS NULL)) AS x
		ORDER BY x.chamber, x.district`), m.batch)
}

// mergeVolunteerCols and mergeCallCols are what a chapter edits of a volunteer and a
// call report, which a newer copy in a merged file brings in: deleted_at too, so a
// record the chapter put in the trash (or took out) since is so here.
var (
	mergeVolunteerCols = []string{"first_name", "last_name", "name_key", "last_key", "email", "phone", "phone_e164",
		"mobile", "mobile_e164", "address1", "address2", "city", "state", "zip", "senate_district", "house_district",
		"ok_call", "ok_text", "ok_email", "do_not_contact", "status", "notes", "recruiter_id", "deleted_at"}
	mergeCallCols = []string{"office", "outcome", "stance_heard", "gave_name_zip", "follow_up", "follow_up_done", "notes",
		"deleted_at"}
)

// onlyConsentDiffers: the two copies of a record differ in consent columns only.
func onlyConsentDiffers(cols, a, b []string) bool {
	for i, c := range cols {
		if a[i] != b[i] && withdrawnConsent(c) == "" {
			return false
		}
	}
	return true
}

// withdrawnConsent is the value a consent column (consentCols) holds once the
// person withdrew it; "" for other columns.
func withdrawnConsent(col string) string {
	if !slices.Contains(consentCols, col) {
		return ""
	}
	if col == "do_not_contact" {
		return "1"
	}
	return "0"
}

// takeNewerRecords brings in, for each record of table already here (matched by
// UUID through temp.merge_NAME) that the file holds otherwise, the file's copy when it
// was saved later (or in the same second): a chapter's file merged again carries what
// the chapter changed since, instead of "nothing new". Of an older copy only a withdrawn consent comes in
// (do not call, text, email or contact): consent only narrows, and a person's asking
// not to be contacted must reach every copy. The values before go to the batch's
// import_changes, so an undo of the merge puts them back. count gets the records
// taken whole; ConsentNarrowed the people only narrowed; KeptHere the older copies
// that differ otherwise, whose difference stays out (said, not silent).
//
// labels is an SQL test, on the copies d (here) and s (the file's), that their
// labels differ (labelsDiffer): a newer copy brings its labels too (syncLabels).
// apart is one that they are two chapters' own records (otherChapters): nothing of
// the file's copy comes in, and the difference is listed (KeptApart).
func (m *merger) takeNewerRecords(table, name string, cols []string, labels, apart string, count *int) error {
	type pair struct {
		id, src, here, file int64
		labels, apart       bool
		old, new            []string
	}
	var differ []pair
	var dcols, scols, unequal []string
	for _, c := range cols {
		// recruiter_id, the one reference (nullableRefs), is compared as this file's
		// id of the file's recruiter, "" for none.
		d, sc := "coalesce(CAST(d."+c+" AS TEXT), '')", "coalesce(CAST(s."+c+" AS TEXT), '')"
		if c == "recruiter_id" {
			sc = "coalesce(CAST((SELECT r.dst FROM temp.merge_volunteers r WHERE r.src = s.recruiter_id) AS TEXT), '')"
		}
		dcols, scols = append(dcols, d), append(scols, sc)
		unequal = append(unequal, d+" <> "+sc)
	}
	err := eachRow(m.ctx, m.tx, func(r *sql.Rows) error {
		p := pair{old: make([]string, len(cols)), new: make([]string, len(cols))}
		dest := []any{&p.id, &p.src, &p.here, &p.file, &p.labels, &p.apart}
		for i := range cols {
			dest = append(dest, &p.old[i])
		}
		for i := range cols {
			dest = append(dest, &p.new[i])
		}
		err := r.Scan(dest...)
		differ = append(differ, p)
		return err
	}, m.q(`SELECT d.id, s.id, d.updated_at, s.updated_at, CASE WHEN `+labels+` THEN 1 ELSE 0 END,
		CASE WHEN `+apart+` THEN 1 ELSE 0 END, `+
		strings.Join(dcols, ", ")+`, `+strings.Join(scols, ", ")+`
		FROM src.`+table+` s JOIN temp.merge_`+name+` mp ON mp.src = s.id JOIN main.`+table+` d ON d.id = mp.dst
		WHERE d.import_batch_id IS DISTINCT FROM ?
			AND (`+strings.Join(unequal, " OR ")+` OR `+labels+`) ORDER BY d.id`), m.batch)
	if err != nil {
		return err
	}
	for _, p := range differ {
		if p.apart {
			if err := m.keepApart(p.id, cols, p.old, p.new); err != nil {
				return fmt.Errorf("%s %d: %w", table, p.id, err)
			}
			continue
		}
		// The same time with other content is the file's change too: the copy here
		// came from the file with the file's time, and an edit here is stamped with
		// its own; a chapter's two imports a moment apart share a second.
		// A backup's copy taken whole would revert whatever another lead changed on the
		// server since, field by field unseen (tester t4, F5): never the newer.
		newer := p.file >= p.here && !m.res.Backup
		if !newer && (p.labels || !onlyConsentDiffers(cols, p.old, p.new)) {
			m.res.KeptHere++
		}
		relabeled := false
		if newer && p.labels {
			if relabeled, err = m.syncLabels(p.src, p.id); err != nil {
				return fmt.Errorf("%s %d: %w", table, p.id, err)
			}
		}
		before := map[string]string{"updated_at": strconv.FormatInt(p.here, 10)}
		var sets []string
		var args []any
		for i, c := range cols {
			v := p.new[i]
			if !newer {
				// Only a consent the file's copy withdrew.
				if withdrawn := withdrawnConsent(c); withdrawn == "" || v != withdrawn {
					continue
				}
			}
			if v == p.old[i] {
				continue
			}
			if c == "deleted_at" && v != "" {
				m.res.Trashed++
			}
			before[c] = p.old[i]
			sets = append(sets, c+" = ?")
			if v == "" && nullableRefs[c] {
				args = append(args, nil)
			} else {
				args = append(args, v)
			}
		}
		// A copy that differs only in its labels is written too (its time, its
		// version): its tags, languages and ids changed the volunteer as a form would.
		if len(sets) == 0 && !relabeled {
			continue
		}
		// Narrowed only, the copy here keeps its time: the chapter's later edits still
		// come in as newer.
		at := max(p.file, p.here)
		snapshot, err := json.Marshal(before)
		if err != nil {
			return err
		}
		raise, by := raiseVersion(table, m.actor)
		if _, err := m.exec(`UPDATE main.`+table+` SET `+strings.Join(append(sets, "updated_at = ?"), ", ")+raise+` WHERE id = ?`,
			append(append(append(args, at), by...), p.id)...); err != nil {
			return fmt.Errorf("%s %d: %w", table, p.id, err)
		}
		if _, err := m.exec(`INSERT INTO main.import_changes (batch_id, table_name, row_id, before) VALUES (?, ?, ?, ?)`,
			m.batch, table, p.id, string(snapshot)); err != nil {
			return err
		}
		if newer {
			*count++
		} else {
			m.res.ConsentNarrowed++
		}
	}
	return nil
}

// otherChapters is the SQL test, on a call report here (d) and the file's copy (s),
// that the copy is another chapter's: each chapter imported its own form, and the
// same caller, time and legislator gave both one identity (slotID in call_import.go).
const otherChapters = `d.chapter_id IS DISTINCT FROM (SELECT c.dst FROM temp.merge_chapters c WHERE c.src = s.chapter_id)`

// keepApart lists a call report here that another chapter's copy holds otherwise
// (KeptApart): the caller, the legislator and the time, then each field that
// differs with both values.
func (m *merger) keepApart(id int64, cols, here, file []string) error {
	var caller, name string
	var ch Chamber
	var at int64
	if err := m.tx.QueryRowContext(m.ctx, m.q(`SELECT coalesce(trim(v.first_name || ' ' || v.last_name), ''), l.chamber, l.name, r.called_at
		FROM main.call_reports r JOIN main.legislators l ON l.id = r.legislator_id LEFT JOIN main.volunteers v ON v.id = r.volunteer_id
		WHERE r.id = ?`), id).Scan(&caller, &ch, &name, &at); err != nil {
		return err
	}
	if caller == "" {
		caller = "no caller"
	}
	var diffs []string
	for i, c := range cols {
		if here[i] != file[i] {
			diffs = append(diffs, fmt.Sprintf("%s: here %q, the file's %q", c, here[i], file[i]))
		}
	}
	m.res.KeptApart = append(m.res.KeptApart, fmt.Sprintf("%s called %s on %s: %s", caller,
		Legislator{Chamber: ch, Name: name}.Title(), fromUnix(at).Local().Format("2006-01-02 15:04 MST"), strings.Join(diffs, "; ")))
	return nil
}

// legislatorSteps map the other file's legislators onto this one's by UUID, then
// Open States id, then chamber, district and name; the rest come in as new.
func (m *merger) legislatorSteps() []mergeStep {
	match := `coalesce(
		(SELECT d.id FROM main.legislators d WHERE d.uuid = s.uuid),
		(SELECT d.id FROM main.legislators d WHERE s.openstates_id IS NOT NULL AND d.openstates_id = s.openstates_id),
		(SELECT d.id FROM main.legislators d WHERE d.chamber = s.chamber AND d.district = s.district
			AND d.name = s.name AND d.deleted_at IS NULL ORDER BY d.id LIMIT 1))`
	return []mergeStep{
		{what: "legislators", count: &m.res.Legislators,
			sql: `INSERT INTO main.legislators (` + legislatorCols + `)
			SELECT uuid, openstates_id, state, chamber, district, name, given_name, family_name, party, email,
				capitol_address, capitol_phone, capitol_fax, district_address, district_phone, district_fax, url,
				image_url, in_office, notes, ?, created_at, updated_at, gender
			FROM src.legislators s WHERE ` + match + ` IS NULL`, args: []any{m.batch},
			onlyIf: `SELECT count(*) FROM src.legislators s WHERE ? <> 0 AND ` + match + ` IS NULL`},
		{what: "map legislators", sql: `DROP TABLE IF EXISTS temp.merge_legislators`},
		{what: "map legislators", sql: `CREATE TEMP TABLE merge_legislators (src INTEGER PRIMARY KEY, dst INTEGER NOT NULL)`},
		{what: "map legislators", sql: `INSERT INTO temp.merge_legislators (src, dst) SELECT s.id, ` + match + `
			FROM src.legislators s`},
		analyzeStep("legislators"),
	}
}

// volunteerSteps bring in the volunteers new to this file under their chapter, then
// their recruiters, languages, tags and external ids. The new ones are listed first
// (temp.merge_new_volunteers, by the file's id), and the later steps join that list:
// found again by the batch's id, they were planned on a server as if one volunteer
// were new (its statistics know nothing of the rows just written), a temporary table
// read whole for each.
func (m *merger) volunteerSteps() []mergeStep {
	steps := []mergeStep{
		{what: "volunteers", sql: `DROP TABLE IF EXISTS temp.merge_new_volunteers`},
		{what: "volunteers", sql: `CREATE TEMP TABLE merge_new_volunteers (src INTEGER PRIMARY KEY)`},
		{what: "volunteers", sql: `INSERT INTO temp.merge_new_volunteers (src) SELECT s.id FROM src.volunteers s
			WHERE EXISTS (SELECT 1 FROM temp.merge_chapters c WHERE c.src = s.chapter_id)
				AND NOT EXISTS (SELECT 1 FROM main.volunteers d WHERE d.uuid = s.uuid)
				AND NOT EXISTS (SELECT 1 FROM temp.merge_left_out o WHERE o.uuid = s.uuid)`},
		analyzeStep("new_volunteers"),
	}
	steps = append(steps, mergeStep{what: "volunteers", count: &m.res.Volunteers,
		sql: `INSERT INTO main.volunteers (uuid, chapter_id, first_name, last_name, name_key, last_key, email, phone,
			phone_e164, mobile, mobile_e164, address1, address2, city, state, zip, senate_district, house_district,
			ok_call, ok_text, ok_email, do_not_contact, status, source, notes, joined_on, import_batch_id,
			created_at, updated_at, deleted_at)
		SELECT s.uuid, c.dst, s.first_name, s.last_name, s.name_key, s.last_key, s.email, s.phone, s.phone_e164,
			s.mobile, s.mobile_e164, s.address1, s.address2, s.city, s.state, s.zip, s.senate_district,
			s.house_district, s.ok_call * (1 - s.do_not_contact), s.ok_text * (1 - s.do_not_contact),
			s.ok_email * (1 - s.do_not_contact), s.do_not_contact, s.status, s.source, s.notes,
			s.joined_on, ?, s.created_at, s.updated_at, s.deleted_at
		FROM src.volunteers s JOIN temp.merge_new_volunteers n ON n.src = s.id JOIN temp.merge_chapters c ON c.src = s.chapter_id
		ORDER BY s.id`, args: []any{m.batch}})
	steps = append(steps, mapTable("volunteers", "volunteers")...)
	// Only the volunteers this merge created get the other file's labels (and
	// their recruiter: they came in with none).
	created := `SELECT mv.src, mv.dst FROM temp.merge_new_volunteers nv JOIN temp.merge_volunteers mv ON mv.src = nv.src`
	return append(steps, []mergeStep{
		{what: "recruiters", sql: `UPDATE main.volunteers SET recruiter_id = x.recruiter FROM (
				SELECT n.dst, r.dst AS recruiter FROM (` + created + `) n JOIN src.volunteers s ON s.id = n.src
				JOIN temp.merge_volunteers r ON r.src = s.recruiter_id) AS x
			WHERE main.volunteers.id = x.dst`},
		{what: "languages", sql: `INSERT INTO main.volunteer_languages (volunteer_id, lang)
			SELECT n.dst, l.lang FROM (` + created + `) n JOIN src.volunteer_languages l ON l.volunteer_id = n.src WHERE true ON CONFLICT DO NOTHING`},
		{what: "tags", sql: `INSERT INTO main.tags (kind, name) SELECT kind, name FROM src.tags WHERE true ON CONFLICT DO NOTHING`},
		{what: "tags", sql: `INSERT INTO main.volunteer_tags (volunteer_id, tag_id)
			SELECT n.dst, d.id FROM (` + created + `) n JOIN src.volunteer_tags vt ON vt.volunteer_id = n.src
			JOIN src.tags t ON t.id = vt.tag_id JOIN main.tags d ON d.kind = t.kind AND d.name = t.name COLLATE NOCASE WHERE true ON CONFLICT DO NOTHING`},
		{what: "external ids", sql: `INSERT INTO main.volunteer_external_ids
			(chapter_id, system, external_id, volunteer_id, imported_notes)
			SELECT d.chapter_id, e.system, e.external_id, n.dst, e.imported_notes FROM (` + created + `) n JOIN main.volunteers d ON d.id = n.dst
			JOIN src.volunteer_external_ids e ON e.volunteer_id = n.src WHERE true ON CONFLICT DO NOTHING`},
	}...)
}

// callSteps bring in the call reports and the stance history new to this file.
func (m *merger) callSteps() []mergeStep {
	steps := []mergeStep{{what: "call reports", count: &m.res.CallReports, args: []any{m.batch},
		sql: `INSERT INTO main.call_reports (` + callCols + `, deleted_at)
		SELECT s.uuid, c.dst, k.dst, v.dst, l.dst, s.called_at, s.office, s.outcome, s.stance_heard, s.gave_name_zip,
			s.follow_up, s.follow_up_done, s.notes, s.source, ?, s.created_at, s.updated_at, s.deleted_at
		FROM src.call_reports s JOIN temp.merge_chapters c ON c.src = s.chapter_id
		JOIN temp.merge_campaigns k ON k.src = s.campaign_id JOIN temp.merge_legislators l ON l.src = s.legislator_id
		LEFT JOIN temp.merge_volunteers v ON v.src = s.volunteer_id
		WHERE NOT EXISTS (SELECT 1 FROM main.call_reports d WHERE d.uuid = s.uuid) AND NOT ` + callLeftOut("s") + `
		ORDER BY s.id`}}
	steps = append(steps, mapTable("calls", "call_reports")...)
	if !m.server {
		// A report an older ChapterDesk imported keeps its mark (see CallTimesUnsure):
		// merged without it, its time hours off read as sure. A server keeps no list
		// (unsureCalls counts them there).
		steps = append(steps, mergeStep{what: "call times unsure", count: &m.res.TimesUnsure, args: []any{m.batch},
			sql: `INSERT INTO main.call_times_unsure (call_report_id, listed_at)
			SELECT c.dst, u.listed_at FROM src.call_times_unsure u JOIN temp.merge_calls c ON c.src = u.call_report_id
			JOIN main.call_reports d ON d.id = c.dst WHERE d.import_batch_id = ? ON CONFLICT DO NOTHING`})
	}
	return append(steps, mergeStep{what: "stance history", count: &m.res.StanceChanges, args: []any{m.batch},
		sql: `INSERT INTO main.stance_history (uuid, campaign_id, legislator_id, stance, changed_at, changed_by, reason,
			call_report_id, chapter_id, import_batch_id)
		SELECT s.uuid, k.dst, l.dst, s.stance, s.changed_at, s.changed_by, s.reason, r.dst,
			coalesce(c.dst, (SELECT dst FROM temp.merge_chapters WHERE src = (SELECT id FROM src.chapters WHERE is_self = 1))), ?
		FROM src.stance_history s JOIN temp.merge_campaigns k ON k.src = s.campaign_id
		JOIN temp.merge_legislators l ON l.src = s.legislator_id
		LEFT JOIN temp.merge_calls r ON r.src = s.call_report_id LEFT JOIN temp.merge_chapters c ON c.src = s.chapter_id
		WHERE NOT EXISTS (SELECT 1 FROM main.stance_history d WHERE d.uuid = s.uuid)
			AND NOT EXISTS (SELECT 1 FROM temp.merge_left_out o WHERE o.uuid = s.uuid)
			AND NOT (r.dst IS NULL AND EXISTS (SELECT 1 FROM src.call_reports sr WHERE sr.id = s.call_report_id AND ` + callLeftOut("sr") + `))
		ORDER BY s.changed_at, s.id`})
}

// unsureCalls counts, on a server, the call reports the merge added that the file
// lists as read on an older ChapterDesk's computer's clock (m.unsure): the server
// keeps no such list, so the merge's summary says how many.
func (m *merger) unsureCalls() error {
	err := inChunks(m.unsure, func(chunk []string) error {
		var n int
		if err := m.tx.QueryRowContext(m.ctx, `SELECT count(*) FROM call_reports WHERE import_batch_id = ? AND uuid IN (`+
			placeholders(len(chunk))+`)`, append([]any{m.batch}, anys(chunk)...)...).Scan(&n); err != nil {
			return fmt.Errorf("call times unsure: %w", err)
		}
		m.res.TimesUnsure += n
		return nil
	})
	m.unsure = nil
	return err
}

// callLeftOut is true of a call report (of the file, under alias) the merge leaves
// out, itself (a push's call deleted on the server since the checkout, listed by the
// push) or with its caller: the call stays out too (and the stance heard on it),
// since the LEFT JOIN on temp.merge_volunteers would bring it in as no one's call,
// and is listed (leftOutCalls).
func callLeftOut(alias string) string {
	return `(EXISTS (SELECT 1 FROM temp.merge_left_out o WHERE o.uuid = ` + alias + `.uuid)
		OR EXISTS (SELECT 1 FROM src.volunteers sv JOIN temp.merge_left_out o ON o.uuid = sv.uuid WHERE sv.id = ` + alias + `.volunteer_id))`
}

// leftOutCalls lists the call reports new to this file that callSteps left out with
// their caller, in the legislature's time of their campaign.
func (m *merger) leftOutCalls() error {
	type call struct {
		at          int64
		who, caller string
		chamber     Chamber
		campaign    int64
	}
	var calls []call
	err := eachRow(m.ctx, m.tx, func(r *sql.Rows) error {
		var c call
		err := r.Scan(&c.at, &c.who, &c.chamber, &c.caller, &c.campaign)
		calls = append(calls, c)
		return err
	}, m.q(`SELECT s.called_at, coalesce(l.name, 'a legislator'), coalesce(l.chamber, ''),
			trim(v.first_name || ' ' || v.last_name), k.dst
		FROM src.call_reports s JOIN src.volunteers v ON v.id = s.volunteer_id
		JOIN temp.merge_left_out o ON o.uuid = v.uuid JOIN temp.merge_campaigns k ON k.src = s.campaign_id
		LEFT JOIN src.legislators l ON l.id = s.legislator_id
		WHERE NOT EXISTS (SELECT 1 FROM main.call_reports d WHERE d.uuid = s.uuid)
			AND NOT EXISTS (SELECT 1 FROM temp.merge_left_out c WHERE c.uuid = s.uuid)
		ORDER BY s.called_at, s.id`))
	if err != nil {
		return fmt.Errorf("calls left out: %w", err)
	}
	for _, c := range calls {
		z, err := zoneOf(m.ctx, m.tx, c.campaign)
		if err != nil {
			return fmt.Errorf("calls left out: %w", err)
		}
		m.res.LeftOutCalls = append(m.res.LeftOutCalls, fmt.Sprintf("the call of %s to %s by %s",
			z.In(fromUnix(c.at)).Format("2006-01-02 15:04"), Legislator{Chamber: c.chamber, Name: c.who}.Title(), c.caller))
	}
	return nil
}

// recordSteps bring in the official record the other file imported from Open States
// (ImportSession), by natural keys: session bills and roll calls by their Open States
// ids, a campaign's bill by the campaign's UUID and the bill's number, a sponsorship by
// its bill, sponsor and role, a vote by its roll call and voter. Merging the same file
// again adds nothing. A sponsor or voter the other file could not match is matched here
// when one of this file's legislators has their ocd-person id. The stance changes the
// record made come with the stance history (callSteps).
func (m *merger) recordSteps() []mergeStep {
	res := m.res
	// A sponsor's or voter's legislator here: the other file's, mapped, else the one
	// with that ocd-person id.
	byPerson := func(col string) string {
		return `(SELECT d.id FROM main.legislators d WHERE ` + col + ` <> '' AND d.openstates_id = ` + col + `
			AND d.deleted_at IS NULL ORDER BY d.id LIMIT 1)`
	}
	links := `SELECT k.dst AS campaign_id, s.bill_key, s.state, s.session, s.session_number, s.session_key, s.linked_at
		FROM src.campaign_bill_links s JOIN temp.merge_campaigns k ON k.src = s.campaign_id
		WHERE NOT EXISTS (SELECT 1 FROM main.campaign_bill_links d WHERE d.campaign_id = k.dst AND d.bill_key = s.bill_key
			AND d.state = s.state AND d.session = s.session)`
	bills := `SELECT s.openstates_id, s.state, s.session, s.identifier, s.number_key, s.title, s.chamber, s.exported_on,
			s.record_at, s.session_from, s.session_to, s.created_at, s.id
		FROM src.session_bills s WHERE NOT EXISTS (SELECT 1 FROM main.session_bills d WHERE d.openstates_id = s.openstates_id)`
	follows := `SELECT k.dst AS campaign_id, s.bill_key, b.dst AS session_bill_id, s.matched_by
		FROM src.campaign_session_bills s JOIN temp.merge_campaigns k ON k.src = s.campaign_id
		JOIN temp.merge_session_bills b ON b.src = s.session_bill_id
		WHERE NOT EXISTS (SELECT 1 FROM main.campaign_session_bills d WHERE d.campaign_id = k.dst AND d.bill_key = s.bill_key
			AND d.session_bill_id = b.dst)`
	sponsors := `SELECT x.*, CASE WHEN x.leg IS NULL THEN x.src_unmatched ELSE '' END AS unmatched FROM (
		SELECT b.dst AS session_bill_id, s.sponsor_key, s.name, s.person_id, s.entity_type, s.is_primary, s.classification,
			coalesce(l.dst, ` + byPerson("s.person_id") + `) AS leg, s.unmatched AS src_unmatched, s.withdrawn_on, s.created_at, s.id
		FROM src.bill_sponsorships s JOIN temp.merge_session_bills b ON b.src = s.session_bill_id
		LEFT JOIN temp.merge_legislators l ON l.src = s.legislator_id
		WHERE NOT EXISTS (SELECT 1 FROM main.bill_sponsorships d WHERE d.session_bill_id = b.dst AND d.sponsor_key = s.sponsor_key
			AND d.classification = s.classification)) x`
	rollCalls := `SELECT s.openstates_id, b.dst AS session_bill_id, s.chamber, s.motion, s.start_date, s.voted_at, s.result,
			s.yes_count, s.no_count, s.other_count, s.not_voting_count, s.created_at, s.id
		FROM src.roll_calls s JOIN temp.merge_session_bills b ON b.src = s.session_bill_id
		WHERE NOT EXISTS (SELECT 1 FROM main.roll_calls d WHERE d.openstates_id = s.openstates_id)`
	votes := `SELECT x.roll_call_id, x.voter_key, x.voter_name, x.voter_id, x.option, x.leg,
			CASE WHEN x.mapped IS NOT NULL THEN x.matched_by WHEN x.leg IS NOT NULL THEN 'id' ELSE '' END AS matched_by,
			CASE WHEN x.leg IS NULL THEN x.src_unmatched ELSE '' END AS unmatched, x.id FROM (
		SELECT r.dst AS roll_call_id, s.voter_key, s.voter_name, s.voter_id, s.option, l.dst AS mapped, s.matched_by,
			coalesce(l.dst, ` + byPerson("s.voter_id") + `) AS leg, s.unmatched AS src_unmatched, s.id
		FROM src.roll_call_votes s JOIN temp.merge_roll_calls r ON r.src = s.roll_call_id
		LEFT JOIN temp.merge_legislators l ON l.src = s.legislator_id
		WHERE NOT EXISTS (SELECT 1 FROM main.roll_call_votes d WHERE d.roll_call_id = r.dst AND d.voter_key = s.voter_key)) x`
	mapBy := func(name, table string) []mergeStep {
		return []mergeStep{
			{what: "map " + table, sql: `DROP TABLE IF EXISTS temp.merge_` + name},
			{what: "map " + table, sql: `CREATE TEMP TABLE merge_` + name + ` (src INTEGER PRIMARY KEY, dst INTEGER NOT NULL)`},
			{what: "map " + table, sql: `INSERT INTO temp.merge_` + name + ` (src, dst)
				SELECT s.id, d.id FROM src.` + table + ` s JOIN main.` + table + ` d ON d.openstates_id = s.openstates_id`},
			analyzeStep(name),
		}
	}
	steps := []mergeStep{
		{what: "bill links", count: &res.BillLinks, args: []any{m.batch}, onlyIf: `SELECT count(*) FROM (` + links + `) AS n WHERE ? <> 0`,
			sql: `INSERT INTO main.campaign_bill_links (campaign_id, bill_key, state, session, session_number, session_key, linked_at,
				import_batch_id)
			SELECT campaign_id, bill_key, state, session, session_number, session_key, linked_at, ? FROM (` + links + `) AS x`},
		{what: "session bills", count: &res.SessionBills, args: []any{m.batch}, onlyIf: `SELECT count(*) FROM (` + bills + `) AS n WHERE ? <> 0`,
			sql: `INSERT INTO main.session_bills (openstates_id, state, session, identifier, number_key, title, chamber, exported_on,
				record_at, session_from, session_to, import_batch_id, created_at)
			SELECT openstates_id, state, session, identifier, number_key, title, chamber, exported_on, record_at, session_from,
				session_to, ?, created_at
			FROM (` + bills + `) AS x ORDER BY id`},
	}
	steps = append(steps, mapBy("session_bills", "session_bills")...)
	steps = append(steps, []mergeStep{
		{what: "campaigns' session bills", count: &res.FollowedBills, args: []any{m.batch},
			onlyIf: `SELECT count(*) FROM (` + follows + `) AS n WHERE ? <> 0`,
			sql: `INSERT INTO main.campaign_session_bills (campaign_id, bill_key, session_bill_id, matched_by, import_batch_id)
			SELECT campaign_id, bill_key, session_bill_id, matched_by, ? FROM (` + follows + `) AS x`},
		{what: "sponsorships", count: &res.Sponsorships, args: []any{m.batch},
			onlyIf: `SELECT count(*) FROM (` + sponsors + `) AS n WHERE ? <> 0`,
			sql: `INSERT INTO main.bill_sponsorships (session_bill_id, sponsor_key, name, person_id, entity_type, is_primary,
				classification, legislator_id, unmatched, withdrawn_on, import_batch_id, created_at)
			SELECT session_bill_id, sponsor_key, name, person_id, entity_type, is_primary, classification, leg, unmatched,
				withdrawn_on, ?, created_at FROM (` + sponsors + `) AS y ORDER BY id`},
		{what: "roll calls", count: &res.RollCalls, args: []any{m.batch},
			onlyIf: `SELECT count(*) FROM (` + rollCalls + `) AS n WHERE ? <> 0`,
			sql: `INSERT INTO main.roll_calls (openstates_id, session_bill_id, chamber, motion, start_date, voted_at, result,
				yes_count, no_count, other_count, not_voting_count, import_batch_id, created_at)
			SELECT openstates_id, session_bill_id, chamber, motion, start_date, voted_at, result, yes_count, no_count,
				other_count, not_voting_count, ?, created_at FROM (` + rollCalls + `) AS x ORDER BY id`},
	}...)
	steps = append(steps, mapBy("roll_calls", "roll_calls")...)
	return append(steps, mergeStep{what: "roll call votes", count: &res.RollCallVotes, args: []any{m.batch},
		onlyIf: `SELECT count(*) FROM (` + votes + `) AS n WHERE ? <> 0`,
		sql: `INSERT INTO main.roll_call_votes (roll_call_id, voter_key, voter_name, voter_id, option, legislator_id, matched_by,
			unmatched, import_batch_id)
		SELECT roll_call_id, voter_key, voter_name, voter_id, option, leg, matched_by, unmatched, ? FROM (` + votes + `) AS y
		ORDER BY id`})
}

// ChapterBatch is the import batch of one chapter's part of a merge.
type ChapterBatch struct {
	Chapter string
	BatchID int64
}

// fileUnderItsChapters files the owner's merge of chapters' records (a lead's backup
// brought back, a copy of the whole server) under those chapters, not the owner's
// own: each chapter's part is that chapter's import, its leads list and undo it, and
// the other chapters' leads see nothing of it, not even its line in the list of
// imports (t9 repro-11; s48: a merge of several chapters was one batch under the
// owner's chapter, whose leads listed it). The batch the merge wrote stays the
// first chapter's; each other chapter's records and journal rows move to a batch of
// its own, a copy of it. Each split batch counts the records of its chapter the merge
// added or changed; what was already here is the file's whole, no chapter's, and
// counted on none. A merge of any of the coalition's shared record, or of a stance of
// no chapter's (the coordinator's), stays one batch, the owner's (postgres/0036 walls
// its journal rows by their record's chapter).
func (m *merger) fileUnderItsChapters() error {
	chapterJournal := `'` + strings.Join(append(volunteerJournals, "call_reports", undoneSlots, callTimesUnsureChange, stanceHistoryChange), `', '`) + `'`
	var other int
	err := m.tx.QueryRowContext(m.ctx, `SELECT count(*) FROM import_changes WHERE batch_id = ? AND table_name NOT IN (`+chapterJournal+`)`,
		m.batch).Scan(&other)
	if err != nil || other > 0 {
		return err
	}
	type part struct {
		chapter int64
		name    string
		records int
	}
	var parts []part
	err = eachRow(m.ctx, m.tx, func(r *sql.Rows) error {
		var p part
		err := r.Scan(&p.chapter, &p.name, &p.records)
		parts = append(parts, p)
		return err
	}, `SELECT coalesce(x.chapter_id, 0), coalesce(min(c.name), ''), count(DISTINCT x.rec) FROM (
			SELECT chapter_id, 'v' || id AS rec FROM volunteers WHERE import_batch_id = ?1
			UNION ALL SELECT chapter_id, 'r' || id FROM call_reports WHERE import_batch_id = ?1
			UNION ALL SELECT chapter_id, 'h' || id FROM stance_history WHERE import_batch_id = ?1
			UNION ALL SELECT v.chapter_id, 'v' || v.id FROM import_changes c JOIN volunteers v ON v.id = c.row_id
				WHERE c.batch_id = ?1 AND c.table_name IN ('`+strings.Join(volunteerJournals, "', '")+`')
			UNION ALL SELECT r.chapter_id, 'r' || r.id FROM import_changes c JOIN call_reports r ON r.id = c.row_id
				WHERE c.batch_id = ?1 AND c.table_name IN ('call_reports', '`+undoneSlots+`', '`+callTimesUnsureChange+`')
			UNION ALL SELECT h.chapter_id, 'h' || h.id FROM import_changes c JOIN stance_history h ON h.id = c.row_id
				WHERE c.batch_id = ?1 AND c.table_name = '`+stanceHistoryChange+`') x
		LEFT JOIN chapters c ON c.id = x.chapter_id
		GROUP BY 1 ORDER BY 1`, m.batch)
	if err != nil || len(parts) == 0 || parts[0].chapter <= 0 { // 0: a stance of no chapter's (the coordinator's)
		return err
	}
	set := `chapter_id = ?`
	if len(parts) > 1 {
		set += `, created = ` + strconv.Itoa(parts[0].records) + `, skipped = 0`
	}
	if n, err := m.exec(`UPDATE import_batches SET `+set+` WHERE id = ? AND chapter_id IN (SELECT id FROM chapters WHERE is_self = 1)`,
		parts[0].chapter, m.batch); err != nil || n == 0 || len(parts) == 1 {
		return err
	}
	m.res.ChapterBatches = []ChapterBatch{{parts[0].name, m.batch}}
	for _, p := range parts[1:] {
		var id int64
		if err := m.tx.QueryRowContext(m.ctx, `INSERT INTO import_batches (uuid, kind, format, source_name, created, skipped, started_at, finished_at, chapter_id)
			SELECT ?, kind, format, source_name, ?, 0, started_at, finished_at, ? FROM import_batches WHERE id = ? RETURNING id`,
			newUUID(), p.records, p.chapter, m.batch).Scan(&id); err != nil {
			return err
		}
		for _, q := range []string{
			`UPDATE volunteers SET import_batch_id = ?1 WHERE import_batch_id = ?2 AND chapter_id = ?3`,
			`UPDATE call_reports SET import_batch_id = ?1 WHERE import_batch_id = ?2 AND chapter_id = ?3`,
			// postgres/0037 lets the history's rows move so, from a merge's batch to its part's.
			`UPDATE stance_history SET import_batch_id = ?1 WHERE import_batch_id = ?2 AND chapter_id = ?3`,
			`UPDATE import_changes c SET batch_id = ?1 WHERE c.batch_id = ?2 AND CASE
				WHEN c.table_name IN ('` + strings.Join(volunteerJournals, "', '") + `') THEN EXISTS (SELECT 1 FROM volunteers v
					WHERE v.id = c.row_id AND v.chapter_id = ?3)
				WHEN c.table_name IN ('call_reports', '` + undoneSlots + `', '` + callTimesUnsureChange + `') THEN EXISTS (SELECT 1 FROM call_reports r
					WHERE r.id = c.row_id AND r.chapter_id = ?3)
				WHEN c.table_name = '` + stanceHistoryChange + `' THEN EXISTS (SELECT 1 FROM stance_history h
					WHERE h.id = c.row_id AND h.chapter_id = ?3)
				ELSE false END`,
		} {
			if _, err := m.exec(q, id, m.batch, p.chapter); err != nil {
				return err
			}
		}
		m.res.ChapterBatches = append(m.res.ChapterBatches, ChapterBatch{p.name, id})
	}
	return nil
}

// finish counts what was already here, records the batch (or drops it when nothing
// came in) and removes the maps.
func (m *merger) finish() error {
	res := m.res
	var inFile int
	if err := m.tx.QueryRowContext(m.ctx, m.q(`SELECT (SELECT count(*) FROM src.volunteers)
		+ (SELECT count(*) FROM src.call_reports) + (SELECT count(*) FROM src.stance_history)`)).Scan(&inFile); err != nil {
		return err
	}
	if err := m.tx.QueryRowContext(m.ctx, m.q(`SELECT (SELECT count(*) FROM main.volunteers WHERE import_batch_id = ?1 AND deleted_at IS NOT NULL)
		+ (SELECT count(*) FROM main.call_reports WHERE import_batch_id = ?1 AND deleted_at IS NOT NULL)`), m.batch).Scan(&res.AddedTrashed); err != nil {
		return err
	}
	res.AlreadyHere = inFile - res.Volunteers - res.CallReports - res.StanceChanges - res.Updated() - res.KeptHere -
		res.NotAddedVolunteers - res.NotAddedCalls
	var err error
	// A merge that brought only stance changes is still one to undo: its history rows
	// name the batch (and a batch they name cannot be dropped).
	if res.Legislators+res.Volunteers+res.CallReports+res.StanceChanges+res.BillLinks+res.SessionBills+res.FollowedBills+
		res.Sponsorships+res.RollCalls+res.RollCallVotes+res.profiles+res.Updated()+res.TimesPutRight+len(res.Retired)+res.UpdatedLegislators+res.NewChapters == 0 {
		_, err = m.exec(`DELETE FROM import_batches WHERE id = ?`, m.batch)
	} else {
		res.BatchID = m.batch
		_, err = m.exec(`UPDATE import_batches SET created = ?, skipped = ?, finished_at = ? WHERE id = ?`,
			res.Total(), res.AlreadyHere, nowUnix(), m.batch)
		if err == nil && m.server && res.Legislators+res.UpdatedLegislators+res.BillLinks+res.SessionBills+res.FollowedBills+
			res.Sponsorships+res.RollCalls+res.RollCallVotes+res.profiles+res.Campaigns+res.NewChapters == 0 {
			err = m.fileUnderItsChapters()
		}
	}
	if err != nil {
		return err
	}
	if mergeInspect != nil {
		if err := mergeInspect(m.ctx, m.tx); err != nil {
			return err
		}
	}
	var errs []error
	for _, t := range []string{"chapters", "campaigns", "legislators", "volunteers", "new_volunteers", "calls", "session_bills", "roll_calls"} {
		_, err := m.exec(`DROP TABLE IF EXISTS temp.merge_` + t)
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// String is the merge as one line for a person: what came in and from whom.
func (m MergeResult) String() string {
	from := strings.Join(m.Chapters, ", ")
	var renamed string
	for _, r := range m.Renamed {
		if r.Taken {
			renamed += fmt.Sprintf("; chapter %q renamed %q, as the file has it (saved later)", r.Old, r.New)
		} else if m.Backup {
			renamed += fmt.Sprintf("; chapter %q kept its name: the backup's %q is not carried back (a backup brings new records only; rename the chapter on the server)", r.Old, r.New)
		} else {
			renamed += fmt.Sprintf("; chapter %q kept its name: the file's %q is older", r.Old, r.New)
		}
	}
	if m.MovedIn != "" {
		renamed += fmt.Sprintf("; %q is now this server's own chapter, with the file's name and contact block, in place of the empty starter chapter the server had (import undo %d puts that back)",
			m.MovedIn, m.BatchID)
	}
	if len(m.ChapterBatches) > 1 {
		var each []string
		for _, b := range m.ChapterBatches {
			each = append(each, fmt.Sprintf("%d (%s)", b.BatchID, b.Chapter))
		}
		renamed += fmt.Sprintf("; filed as one import per chapter, each listed and undone as that chapter's: %s", strings.Join(each, ", "))
	}
	if m.Beside != "" && len(m.Chapters) > 0 {
		renamed += fmt.Sprintf("; %q sits beside this server's own chapter %q, which has records of its own (the server's imports, checkouts and backups are of %q): to work on %q, give it a lead, chapterdesk server add-lead LOGIN --chapter %q",
			m.Chapters[0], m.Beside, m.Beside, m.Chapters[0], m.Chapters[0])
	}
	if m.UpdatedLegislators > 0 {
		renamed += fmt.Sprintf("; %d legislators updated from the file's newer list of legislators", m.UpdatedLegislators)
	}
	if len(m.Moved) > 0 {
		renamed += fmt.Sprintf("; moved here too, as the file's newer list has them: %s", strings.Join(m.Moved, ", "))
	}
	if len(m.Retired) > 0 {
		renamed += fmt.Sprintf("; retired here too, as the file's newer list has them: %s", strings.Join(m.Retired, ", "))
	}
	if m.ListOlder > 0 {
		renamed += fmt.Sprintf("; %d legislators the file's list gives otherwise kept as they are here (the file's list is older)", m.ListOlder)
	}
	if len(m.ListKept) > 0 {
		renamed += fmt.Sprintf("; the legislators here kept as they are, none of the file's list taken: %s, and they differ on %s",
			m.ListKeptWhy, listed(m.ListKept, "legislators"))
		if len(m.ListKeptNew) > 0 {
			renamed += fmt.Sprintf("; the file's legislators new here came in out of office, %s", listed(m.ListKeptNew, "of them"))
		}
		renamed += "; to bring the list up to date, import the current legislators list (`chapterdesk import legislators FILE --retire-missing`)"
	}
	if len(m.KeptInOffice) > 0 {
		renamed += fmt.Sprintf("; kept in office, though the file has them out of office beside another member in office in their district (check against the directory: a district may elect several members): %s",
			strings.Join(m.KeptInOffice, ", "))
	}
	if len(m.SharedSeats) > 0 {
		// No seat count is known (the Open States people file has none): a district
		// electing two or three (NH House) holds them rightly, so this is a question.
		renamed += fmt.Sprintf("; a district the merge gave another member in office beside one the file does not have there may be doubled (no seat count is known: check against the directory, a district may elect several members, or a seat changed hands): %s",
			strings.Join(m.SharedSeats, ", "))
	}
	if m.UpgradedFrom > 0 {
		renamed += fmt.Sprintf("; the file was made by an older ChapterDesk (schema %d): read from a copy upgraded to this version's schema, the file itself left as it was", m.UpgradedFrom)
	}
	if m.AddedTrashed > 0 {
		renamed += fmt.Sprintf("; %d of them in the file's trash, added to the trash", m.AddedTrashed)
	}
	if m.KeptHere > 0 && m.Backup {
		renamed += fmt.Sprintf("; %d records already here the copy holds otherwise, kept as they are here (edited in the copy, not carried back: check out and push; or changed here since the backup)", m.KeptHere)
	} else if m.KeptHere > 0 {
		renamed += fmt.Sprintf("; %d records the file holds otherwise kept as they are here (the file's copies are older)", m.KeptHere)
	}
	if len(m.KeptApart) > 0 {
		renamed += fmt.Sprintf("; %d call reports another chapter reported too, in its own words, kept as this file has them (the other chapter's report is not taken): %s",
			len(m.KeptApart), strings.Join(m.KeptApart, " | "))
	}
	if m.SponsorsSettled > 0 {
		renamed += fmt.Sprintf("; %d stances in the whip count settled by the sessions' record (an earlier session's sponsorship no longer counts)",
			m.SponsorsSettled)
	}
	if m.TimesPutRight > 0 {
		renamed += fmt.Sprintf("; %d call reports' times put right as the file has them (by calls fix-times there: the stance changes heard on them moved with them, and any mark here of a time that may read hours off cleared)",
			m.TimesPutRight)
	}
	if m.TimesUnsure > 0 {
		renamed += fmt.Sprintf("; %d of the call reports added have times that may read hours off (an older ChapterDesk read the form's time on its computer's clock)",
			m.TimesUnsure)
	}
	renamed += m.notAddedPhrase()
	if m.BroughtBack > 0 {
		renamed += fmt.Sprintf("; %d of them deleted here for good before, brought back (--bring-back-deleted)", m.BroughtBack)
	}
	if m.Total() == 0 {
		return fmt.Sprintf("%s (%s): nothing new, %d records already here%s", filepath.Base(m.File), from, m.AlreadyHere, renamed)
	}
	record := ""
	if m.RecordRows() > 0 {
		record = fmt.Sprintf(", and of the official record %d roll calls, %d votes, %d sponsorships, %d session bills, %d bill links",
			m.RollCalls, m.RollCallVotes, m.Sponsorships, m.SessionBills, m.BillLinks)
	}
	updated := ""
	if m.Updated() > 0 {
		updated = fmt.Sprintf("; updated from the file's newer copies: %d volunteers, %d call reports", m.UpdatedVolunteers, m.UpdatedCalls)
		if m.Trashed > 0 {
			updated += fmt.Sprintf(" (%d put in the trash as in the file)", m.Trashed)
		}
		if m.ConsentNarrowed > 0 {
			updated += fmt.Sprintf("; %d people no longer to be contacted as the file says (consent only narrows)", m.ConsentNarrowed)
		}
	}
	return fmt.Sprintf("%s (%s): %d chapters, %d campaigns, %d legislators, %d volunteers, %d call reports, "+
		"%d stance changes%s added%s; %d records already here%s", filepath.Base(m.File), from, m.NewChapters, m.Campaigns,
		m.Legislators, m.Volunteers, m.CallReports, m.StanceChanges, record, updated, m.AlreadyHere, renamed)
}

// mergeHint is what a login other than the owner does instead of a merge.
func mergeHint(role string) string {
	if role == RoleLead {
		return "merging chapters' data files into the coalition is the server owner's; a lead works offline on a checkout (`chapterdesk checkout --to FILE`) and brings it back with `push FILE`; a backup's new records are merged back by the owner"
	}
	return "merging chapters' data files into the coalition is the server owner's; the coordinator's are `report FILE.xlsx` (the coalition workbook) and `stats`"
}

// mergeLabels are a volunteer's labels, kept in link tables beside the row: each with
// the query of its keys (by column, as text) for a volunteer in the file (src) and
// here (main). A tag is named here by this file's id of the file's tag (the merge's
// "tags" step added every tag of the file).
var mergeLabels = []struct {
	table      string
	cols       []string
	file, here string
}{
	{table: "volunteer_tags", cols: []string{"tag_id"},
		file: `SELECT CAST(u.id AS TEXT) FROM src.volunteer_tags vt JOIN src.tags t ON t.id = vt.tag_id
			JOIN main.tags u ON u.kind = t.kind AND u.name = t.name COLLATE NOCASE WHERE vt.volunteer_id = ?`,
		here: `SELECT CAST(tag_id AS TEXT) FROM main.volunteer_tags WHERE volunteer_id = ?`},
	{table: "volunteer_languages", cols: []string{"lang"},
		file: `SELECT lang FROM src.volunteer_languages WHERE volunteer_id = ?`,
		here: `SELECT lang FROM main.volunteer_languages WHERE volunteer_id = ?`},
	{table: "volunteer_external_ids", cols: []string{"system", "external_id"},
		file: `SELECT system, external_id FROM src.volunteer_external_ids WHERE volunteer_id = ?`,
		here: `SELECT system, external_id FROM main.volunteer_external_ids WHERE volunteer_id = ?`},
}

// labelsDiffer is takeNewerRecords' test that a volunteer's copy here (d) and in the
// file (s) have other tags, languages or external ids.
func labelsDiffer() string {
	var tests []string
	for _, l := range mergeLabels {
		file, here := strings.Replace(l.file, "?", "s.id", 1), strings.Replace(l.here, "?", "d.id", 1)
		tests = append(tests, `EXISTS (`+file+` EXCEPT `+here+`)`, `EXISTS (`+here+` EXCEPT `+file+`)`)
	}
	return "(" + strings.Join(tests, " OR ") + ")"
}

// removedSuffix names, in import_changes, a link row (addedRowKeys) a merge removed
// from a volunteer whose newer copy no longer had it: "before" holds the row, which
// undo puts back.
const removedSuffix = "_removed"

// syncLabels gives the volunteer dst here the labels of its newer copy src in the
// file: those the file has and not here are added, those here the file no longer
// has removed, each recorded in the batch for undo. An external id another volunteer
// here holds in the same chapter stays theirs. It reports whether anything changed.
func (m *merger) syncLabels(src, dst int64) (bool, error) {
	changed := false
	for _, l := range mergeLabels {
		keys := func(q string, id int64) (map[string][]string, error) {
			out := map[string][]string{}
			err := eachRow(m.ctx, m.tx, func(r *sql.Rows) error {
				vals := make([]string, len(l.cols))
				dest := make([]any, len(vals))
				for i := range vals {
					dest[i] = &vals[i]
				}
				err := r.Scan(dest...)
				out[strings.Join(vals, "\x00")] = vals
				return err
			}, m.q(q), id)
			return out, err
		}
		file, err := keys(l.file, src)
		if err != nil {
			return false, err
		}
		here, err := keys(l.here, dst)
		if err != nil {
			return false, err
		}
		where := strings.Join(l.cols, " = ? AND ") + " = ?"
		for k, vals := range here {
			if _, ok := file[k]; ok {
				continue
			}
			row := map[string]string{}
			for i, c := range l.cols {
				row[c] = vals[i]
			}
			if l.table == "volunteer_external_ids" {
				// The rest of the row, for undo to put it back whole.
				var chapter int64
				var notes string
				if err := m.tx.QueryRowContext(m.ctx, m.q(`SELECT chapter_id, imported_notes FROM main.volunteer_external_ids
					WHERE volunteer_id = ? AND `+where), append([]any{dst}, anys(vals)...)...).Scan(&chapter, &notes); err != nil {
					return false, err
				}
				row["chapter_id"], row["imported_notes"] = strconv.FormatInt(chapter, 10), notes
			}
			if _, err := m.exec(`DELETE FROM main.`+l.table+` WHERE volunteer_id = ? AND `+where, append([]any{dst}, anys(vals)...)...); err != nil {
				return false, err
			}
			if err := m.recordChange(l.table+removedSuffix, dst, row); err != nil {
				return false, err
			}
			changed = true
		}
		for k, vals := range file {
			if _, ok := here[k]; ok {
				continue
			}
			cols, args := "volunteer_id, "+strings.Join(l.cols, ", "), append([]any{dst}, anys(vals)...)
			ins := `INSERT INTO main.` + l.table + ` (` + cols + `) VALUES (?` + strings.Repeat(", ?", len(vals)) + `) ON CONFLICT DO NOTHING`
			if l.table == "volunteer_external_ids" {
				ins = `INSERT INTO main.volunteer_external_ids (chapter_id, ` + cols + `)
					SELECT chapter_id, id` + strings.Repeat(", ?", len(vals)) + ` FROM main.volunteers WHERE id = ? ON CONFLICT DO NOTHING`
				args = append(anys(vals), dst)
			}
			n, err := m.exec(ins, args...)
			if err != nil {
				return false, err
			}
			if n == 0 {
				continue // another volunteer's here
			}
			row := map[string]string{}
			for i, c := range l.cols {
				row[c] = vals[i]
			}
			if err := m.recordChange(l.table, dst, row); err != nil {
				return false, err
			}
			changed = true
		}
	}
	return changed, nil
}

// recordChange notes in the batch's import_changes what the merge changed of a row.
func (m *merger) recordChange(table string, id int64, before map[string]string) error {
	snapshot, err := json.Marshal(before)
	if err != nil {
		return err
	}
	_, err = m.exec(`INSERT INTO main.import_changes (batch_id, table_name, row_id, before) VALUES (?, ?, ?, ?)`,
		m.batch, table, id, string(snapshot))
	return err
}

// anys is vals as statement arguments.
func anys(vals []string) []any {
	out := make([]any, len(vals))
	for i, v := range vals {
		out[i] = v
	}
	return out
}
