package db

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// pusher brings back the edits of a checkout's call reports, legislators and
// campaigns (Store.Push does the volunteers), by UUID and by the rules the
// volunteers follow: changed only in the file, the record is saved at the server's
// current version; changed on both sides, it is listed and written only with
// PushTakeMine; already so on the server (a second push), nothing is written. An
// edit this login may not make on the server (a coalition's lead and the shared
// legislators and campaigns) is listed in Refused with the reason, never dropped
// silently.
type pusher struct {
	s, src *Store
	at     int64 // the checkout's time: a record saved at or after it changed since
	choice PushChoice
	res    *PushResult
	// before holds the server's volunteer versions before the push wrote (uuid ->
	// row_version): what the server changed since the checkout is measured by them.
	before map[string]int64
	// The checkout's record of the call reports, legislators and campaigns as they
	// were (checkoutDigests; nil for a checkout made before it was kept): "changed on
	// the server since the checkout" is judged by content, whatever the version says.
	checkedCalls map[string]checkedOutCall
	goneCalls    map[string]bool // of checkedCalls, those no longer on the server (left out of the merge)
	legDigests   map[string]string
	campDigests  map[string]string
}

// checkedOutCall is a call report as the checkout had it: its content's digest and
// whether it was in the trash.
type checkedOutCall struct {
	Digest  string `json:"d"`
	Trashed bool   `json:"t,omitempty"`
}

// contentDigest is a short digest of a record's parts, in order: the checkout keeps
// one a record instead of a copy, and a push compares the server's with it. A
// server restored from a backup hands the same row versions out again for other
// content (tester t4, F3): the version alone cannot say the server changed it.
func contentDigest(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		fmt.Fprintf(h, "%d:%s;", len(p), p)
	}
	return hex.EncodeToString(h.Sum(nil)[:12])
}

// legislatorDigest digests what a push compares of a legislator (legislatorDiff).
func legislatorDigest(l Legislator) string {
	parts := []string{l.Notes}
	for _, f := range legislatorFields {
		parts = append(parts, *l.field(f), strconv.FormatBool(l.Edited[string(f)]))
	}
	return contentDigest(parts...)
}

// campaignDigest digests what a push compares of a campaign: its campaign file.
func campaignDigest(c Campaign) (string, error) {
	js, err := MarshalCampaignFile(c)
	return contentDigest(string(js)), err
}

// checkoutDigests are the settings a checkout records of the call reports,
// legislators and campaigns of the server's snapshot (tx), setting -> JSON.
func checkoutDigests(ctx context.Context, tx *sql.Tx) (map[string]string, error) {
	calls := map[string]checkedOutCall{}
	err := eachRow(ctx, tx, func(r *sql.Rows) error {
		var uuid string
		var trashed bool
		c, err := scanCallContent(r, &uuid, &trashed)
		calls[uuid] = checkedOutCall{contentDigest(c[:]...), trashed}
		return err
	}, `SELECT uuid, deleted_at IS NOT NULL, `+callContent+` FROM call_reports`)
	if err != nil {
		return nil, err
	}
	legs, err := legislatorsIn(ctx, tx, `1 = 1`)
	if err != nil {
		return nil, err
	}
	legDigests := map[string]string{}
	for _, l := range legs {
		legDigests[l.UUID] = legislatorDigest(l)
	}
	ids, err := strings1(ctx, tx, `SELECT CAST(id AS TEXT) FROM campaigns WHERE deleted_at IS NULL`)
	if err != nil {
		return nil, err
	}
	campDigests := map[string]string{}
	for _, id := range ids {
		n, _ := strconv.ParseInt(id, 10, 64)
		c, err := loadCampaign(ctx, tx, n)
		if err != nil {
			return nil, err
		}
		if campDigests[c.UUID], err = campaignDigest(c); err != nil {
			return nil, err
		}
	}
	out := map[string]string{}
	for key, v := range map[string]any{checkoutCallsSetting: calls, checkoutLegislatorDigestsSetting: legDigests,
		checkoutCampaignDigestsSetting: campDigests} {
		js, err := json.Marshal(v)
		if err != nil {
			return nil, err
		}
		out[key] = string(js)
	}
	return out, nil
}

// movedSince reports whether the server's record of uuid, whose content digests to
// now, is not as the checkout recorded it (digests; unknown: false).
func movedSince(digests map[string]string, uuid, now string) bool {
	was, ok := digests[uuid]
	return ok && was != now
}

// errPushNoChange rolls back a save that turned out to change nothing.
var errPushNoChange = errors.New("nothing to change")

// mayUpdate reports whether this login may update table on the server (a data file:
// always).
func (p *pusher) mayUpdate(ctx context.Context, table string) (bool, error) {
	if p.s.server == nil {
		return true, nil
	}
	var ok bool
	err := p.s.r.QueryRowContext(ctx, `SELECT has_table_privilege(current_user, ?, 'UPDATE')`, table).Scan(&ok)
	return ok, err
}

// conflict lists a record changed on both sides and says whether to write it anyway.
func (p *pusher) conflict(kind, name string, parts []string) bool {
	p.res.Conflicts = append(p.res.Conflicts, PushConflict{Kind: kind, Name: name, Parts: parts})
	return p.choice == PushTakeMine
}

// callContent is what a call report says, read the same way from the file and the
// server: the parts a push compares to tell an edit of a call report.
const callContent = `called_at, office, outcome, stance_heard, gave_name_zip, follow_up, follow_up_done, notes`

// callParts name callContent's columns as a listing says them.
var callParts = []string{"time", "office", "outcome", "stance heard", "gave name and zip", "follow-up", "follow-up done", "notes"}

// scanCallContent reads a row of the lead columns then callContent's, the latter as text.
func scanCallContent(r interface{ Scan(...any) error }, lead ...any) ([8]string, error) {
	var c [8]string
	var called, gave, fu, fud int64
	err := r.Scan(append(lead, &called, &c[1], &c[2], &c[3], &gave, &fu, &fud, &c[7])...)
	c[0], c[4], c[5], c[6] = fmt.Sprint(called), fmt.Sprint(gave), fmt.Sprint(fu), fmt.Sprint(fud)
	return c, err
}

// calls brings back the call reports put in the trash or taken out of it in the file
// (the one edit of a call report a push carries). Any other edit of a call report
// made in the file (its notes, follow-up, outcome...) is listed as not brought back,
// never dropped silently. With the checkout's record of the calls (checkedCalls),
// which side changed what is told by content: a call the server deleted since the
// checkout (an import's undo) is listed, left out of the merge (Push), and a trash
// state or content the server's differs in from the checkout's changed there,
// whatever its times say (tester t4, F6 and F3).
func (p *pusher) calls(ctx context.Context) error {
	type fileCall struct {
		uuid, name string
		deleted    bool
		content    [8]string
	}
	var changed []fileCall
	// Without the checkout's record, the calls saved since it; with it, every call
	// (compared below, in memory: no round trip for one the file did not change).
	since := p.at
	if p.checkedCalls != nil {
		since = math.MinInt64
	}
	err := p.src.readTx(ctx, func(tx *sql.Tx) error {
		return eachRow(ctx, tx, func(r *sql.Rows) error {
			var c fileCall
			var who string
			var chamber Chamber
			var err error
			if c.content, err = scanCallContent(r, &c.uuid, &c.deleted, &who, &chamber); err != nil {
				return err
			}
			was, had := p.checkedCalls[c.uuid]
			asChecked := had && was.Trashed == c.deleted && was.Digest == contentDigest(c.content[:]...)
			at, _ := strconv.ParseInt(c.content[0], 10, 64)
			c.name = fmt.Sprintf("the call of %s to %s", fromUnix(at).Format(dateLayout), Legislator{Chamber: chamber, Name: who}.Title())
			switch {
			case p.goneCalls[c.uuid] && !c.deleted:
				reason := "deleted on the server since the checkout (an import taken back, say): not brought back"
				if !asChecked {
					reason += "; it was edited in the file: log it again if the call should be on the server"
				}
				p.res.Refused = append(p.res.Refused, PushRefused{PushCallReport, c.name, reason})
			case p.goneCalls[c.uuid]:
				// in the trash in the file, gone on the server: nothing is lost
			case p.checkedCalls == nil || had && !asChecked:
				changed = append(changed, c)
			}
			// Otherwise new in the file (the merge's), or as checked out.
			return nil
		}, `SELECT r.uuid, r.deleted_at IS NOT NULL, coalesce(l.name, 'a legislator'), coalesce(l.chamber, ''), r.`+
			strings.ReplaceAll(callContent, ", ", ", r.")+`
			FROM call_reports r LEFT JOIN legislators l ON l.id = r.legislator_id
			WHERE r.updated_at >= ? ORDER BY r.called_at, r.id`, since)
	})
	if err != nil {
		return err
	}
	state := map[bool]string{true: "in the trash", false: "not in the trash"}
	for _, c := range changed {
		was, had := p.checkedCalls[c.uuid]
		var id, updated int64
		var deleted bool
		theirs, err := scanCallContent(p.s.r.QueryRowContext(ctx, `SELECT id, deleted_at IS NOT NULL, updated_at, `+callContent+`
			FROM call_reports WHERE uuid = ?`, c.uuid), &id, &deleted, &updated)
		if errors.Is(err, sql.ErrNoRows) {
			continue // not on the server (the merge would have added it; a lead sees only their chapter's)
		}
		if err != nil {
			return err
		}
		var edited []string
		if !had || was.Digest != contentDigest(c.content[:]...) { // edited in the file
			for i, part := range callParts {
				if c.content[i] != theirs[i] {
					edited = append(edited, part)
				}
			}
		}
		if len(edited) > 0 {
			p.res.Refused = append(p.res.Refused, PushRefused{PushCallReport, c.name,
				"a push does not bring back edits of a call report (only putting it in the trash or taking it out); " +
					"the server's differs in " + strings.Join(edited, ", ") + ": make the change there"})
		}
		if deleted == c.deleted || had && was.Trashed == c.deleted {
			continue // already so, or not moved in the file
		}
		// Saved there since the checkout, or (as volunteers are judged, by content as
		// well as by version) not as the checkout had it, whatever its times say.
		serverChanged := updated >= p.at || had && (deleted != was.Trashed || was.Digest != contentDigest(theirs[:]...))
		if serverChanged {
			if !p.conflict(PushCallReport, c.name, []string{"the file has it " + state[c.deleted] + ", the server " + state[deleted]}) {
				continue
			}
		} else {
			p.res.Others = append(p.res.Others, PushUpdate{PushCallReport, c.name + " (" + map[bool]string{true: "put in the trash", false: "taken out of the trash"}[c.deleted] + ")"})
		}
		// The server's whip count moves with it, as a trash in the app moves it.
		moved, err := p.s.trashCall(ctx, id, c.deleted)
		if err != nil {
			return err
		}
		if moved.Moved() {
			p.res.Others = append(p.res.Others, PushUpdate{PushCallReport, c.name + " (" + moved.Legislator +
				"'s whip count " + moved.Before.Label() + " to " + moved.After.Label() + ")"})
		}
	}
	return nil
}

// volunteerTrash brings back the volunteers put in the trash in the file since the
// checkout (someone who asked to be removed) and those taken out of it, by the call
// reports' rules: a volunteer the server changed since the checkout is listed as a
// conflict and moved only with PushTakeMine. trashed are the volunteers in the trash
// at the checkout (nil for a checkout that did not record them: then the times
// tell). A volunteer the server put in the trash after the checkout is the edits'
// business (listed as gone when edited in the file).
func (p *pusher) volunteerTrash(ctx context.Context, base map[string]int64, trashed map[string]bool) error {
	type fileVol struct {
		uuid, name string
		deleted    bool
	}
	var rows []fileVol
	err := p.src.readTx(ctx, func(tx *sql.Tx) error {
		return eachRow(ctx, tx, func(r *sql.Rows) error {
			var v fileVol
			var first, last string
			var deletedAt sql.NullInt64
			if err := r.Scan(&v.uuid, &deletedAt, &first, &last); err != nil {
				return err
			}
			v.deleted = deletedAt.Valid
			v.name = Volunteer{FirstName: first, LastName: last}.Name()
			if trashed != nil && v.deleted != trashed[v.uuid] || trashed == nil && (!v.deleted || deletedAt.Int64 >= p.at) {
				rows = append(rows, v) // moved in the file (or, without the record, perhaps)
			}
			return nil
		}, `SELECT uuid, deleted_at, first_name, last_name FROM volunteers
			WHERE deleted_at >= ? OR deleted_at IS NULL AND updated_at >= ? OR deleted_at IS NOT NULL AND ? ORDER BY id`,
			p.at, p.at, trashed != nil)
	})
	if err != nil {
		return err
	}
	for _, v := range rows {
		var id, version, updated int64
		var deletedAt sql.NullInt64
		err := p.s.r.QueryRowContext(ctx, `SELECT id, row_version, updated_at, deleted_at FROM volunteers WHERE uuid = ?`,
			v.uuid).Scan(&id, &version, &updated, &deletedAt)
		if errors.Is(err, sql.ErrNoRows) {
			continue // new in the file: the merge brought it
		}
		if err != nil {
			return err
		}
		if v.deleted == deletedAt.Valid {
			continue // already so
		}
		if !v.deleted && (trashed != nil && !trashed[v.uuid] || trashed == nil && deletedAt.Int64 >= p.at) {
			continue // put in the trash on the server since the checkout: not the file's change
		}
		// Changed on the server since the checkout: its version moved, or (without the
		// checkout's versions) saved since.
		b, known := base[v.uuid]
		if was, ok := p.before[v.uuid]; ok {
			version = was
		}
		serverChanged := known && version > b || !known && updated >= p.at
		what := map[bool]string{true: "put in the trash", false: "taken out of the trash"}[v.deleted]
		if serverChanged {
			if !p.conflict(PushVolunteer, v.name, []string{what + " in the file, changed on the server since the checkout"}) {
				continue
			}
		} else {
			p.res.Others = append(p.res.Others, PushUpdate{PushVolunteer, v.name + " (" + what + ")"})
		}
		if err := p.s.setDeleted(ctx, "volunteers", id, v.deleted); err != nil {
			return err
		}
	}
	return nil
}

// changedRows lists the file's live rows of table saved since the checkout: a row
// version past the checkout's (base), or, for a checkout that did not record them,
// saved at or after its time.
func (p *pusher) changedRows(ctx context.Context, table string, base map[string]int64) (map[int64]string, error) {
	out := map[int64]string{}
	err := p.src.readTx(ctx, func(tx *sql.Tx) error {
		return eachRow(ctx, tx, func(r *sql.Rows) error {
			var id, version, updated int64
			var uuid string
			if err := r.Scan(&id, &uuid, &version, &updated); err != nil {
				return err
			}
			if b, ok := base[uuid]; ok && version > b || !ok && updated >= p.at {
				out[id] = uuid
			}
			return nil
		}, `SELECT id, uuid, row_version, updated_at FROM `+table+` WHERE deleted_at IS NULL`)
	})
	return out, err
}

// serverChanged finds a live row of table by UUID on the server and says whether it
// was saved there since the checkout.
func (p *pusher) serverRow(ctx context.Context, table, uuid string, base map[string]int64) (id int64, changed bool, err error) {
	var version, updated int64
	err = p.s.r.QueryRowContext(ctx, `SELECT id, row_version, updated_at FROM `+table+` WHERE uuid = ? AND deleted_at IS NULL`,
		uuid).Scan(&id, &version, &updated)
	if err != nil {
		return 0, false, err
	}
	if b, ok := base[uuid]; ok {
		return id, version > b, nil
	}
	return id, updated >= p.at, nil
}

// legislatorFields are the fields a lead edits on a legislator's page.
var legislatorFields = []LegislatorField{FieldName, FieldParty, FieldEmail, FieldCapitolAddress, FieldCapitolPhone,
	FieldCapitolFax, FieldDistrictAddress, FieldDistrictPhone, FieldDistrictFax, FieldURL}

// legislatorDiff is what saving mine's edits and notes over theirs changes: the
// edits to save (an empty value takes an edit away), the notes (nil: the same) and
// the parts, for a listing.
func legislatorDiff(theirs, mine Legislator) (map[LegislatorField]string, *string, []string) {
	edits := map[LegislatorField]string{}
	var parts []string
	for _, f := range legislatorFields {
		m, t := *mine.field(f), *theirs.field(f)
		switch {
		case mine.Edited[string(f)] && (!theirs.Edited[string(f)] || m != t):
			edits[f] = m
		case !mine.Edited[string(f)] && theirs.Edited[string(f)]:
			edits[f] = ""
		default:
			continue
		}
		parts = append(parts, strings.ReplaceAll(string(f), "_", " "))
	}
	var notes *string
	if mine.Notes != theirs.Notes {
		notes = &mine.Notes
		parts = append(parts, "notes")
	}
	return edits, notes, parts
}

// legislators brings back the lead's own edits and notes of legislators.
func (p *pusher) legislators(ctx context.Context, base map[string]int64) error {
	rows, err := p.changedRows(ctx, "legislators", base)
	if err != nil {
		return err
	}
	if len(rows) == 0 {
		return nil
	}
	may, err := p.mayUpdate(ctx, "legislators")
	if err != nil {
		return err
	}
	for _, fileID := range sortedIDs(rows) {
		uuid := rows[fileID]
		mine, err := p.src.Legislator(ctx, fileID)
		if err != nil {
			return err
		}
		id, changed, err := p.serverRow(ctx, "legislators", uuid, base)
		if errors.Is(err, sql.ErrNoRows) {
			p.res.Gone = append(p.res.Gone, mine.Title())
			continue
		}
		if err != nil {
			return err
		}
		theirs, err := p.s.Legislator(ctx, id)
		if err != nil {
			return err
		}
		changed = changed || movedSince(p.legDigests, uuid, legislatorDigest(theirs))
		edits, notes, parts := legislatorDiff(theirs, mine)
		if len(parts) == 0 {
			continue // already so
		}
		if !may {
			p.res.Refused = append(p.res.Refused, PushRefused{PushLegislator, mine.Title(),
				"this login may not edit the coalition's legislators (the coordinator does): ask them for " + strings.Join(parts, ", ")})
			continue
		}
		if changed && !p.conflict(PushLegislator, theirs.Title(), parts) {
			continue
		}
		err = p.s.SaveLegislatorEdits(ctx, id, theirs.Version, edits, notes)
		var ce *EditConflictError
		if errors.As(err, &ce) { // saved on the server while this push ran
			p.conflict(PushLegislator, theirs.Title(), parts)
			continue
		}
		if err != nil {
			return err
		}
		if !changed {
			p.res.Others = append(p.res.Others, PushUpdate{PushLegislator, theirs.Title() + " (" + strings.Join(parts, ", ") + ")"})
		}
	}
	return nil
}

// campaigns brings back the campaigns edited in the file: saved over the server's
// as the Campaign screen saves (content matched by UUID), and only when that changes
// something. What the save cannot carry, content removed in the file, is listed.
func (p *pusher) campaigns(ctx context.Context, base map[string]int64) error {
	rows, err := p.changedRows(ctx, "campaigns", base)
	if err != nil {
		return err
	}
	if len(rows) == 0 {
		return nil
	}
	may, err := p.mayUpdate(ctx, "campaigns")
	if err != nil {
		return err
	}
	for _, fileID := range sortedIDs(rows) {
		uuid := rows[fileID]
		mine, err := p.src.Campaign(ctx, fileID)
		if err != nil {
			return err
		}
		id, changed, err := p.serverRow(ctx, "campaigns", uuid, base)
		if errors.Is(err, sql.ErrNoRows) {
			p.res.Gone = append(p.res.Gone, "the campaign "+mine.Name())
			continue
		}
		if err != nil {
			return err
		}
		theirs, err := p.s.Campaign(ctx, id)
		if err != nil {
			return err
		}
		mineJS, err := MarshalCampaignFile(mine)
		if err != nil {
			return err
		}
		theirsJS, err := MarshalCampaignFile(theirs)
		if err != nil {
			return err
		}
		changed = changed || movedSince(p.campDigests, uuid, contentDigest(string(theirsJS)))
		if bytes.Equal(mineJS, theirsJS) {
			continue
		}
		name := mine.Name()
		if !may {
			p.res.Refused = append(p.res.Refused, PushRefused{PushCampaign, name,
				"this login may not edit the coalition's campaigns (the coordinator does): ask them to make the change, or share the campaign as a file"})
			continue
		}
		// Written and read back in one transaction: a save that would change nothing
		// (the file's content is on the server already) is rolled back.
		var conflict, partial bool
		err = p.s.inTx(ctx, func(tx *sql.Tx) error {
			var version int64
			if err := tx.QueryRowContext(ctx, `SELECT row_version FROM campaigns WHERE id = ?`, id).Scan(&version); err != nil {
				return err
			}
			if version != theirs.Version {
				conflict = true // saved on the server while this push ran
				return errPushNoChange
			}
			if changed && p.choice != PushTakeMine {
				return errPushNoChange
			}
			save := mine
			if _, err := saveCampaign(ctx, tx, p.s.server != nil, &save, nil); err != nil {
				return err
			}
			after, err := loadCampaign(ctx, tx, id)
			if err != nil {
				return err
			}
			afterJS, err := MarshalCampaignFile(after)
			if err != nil {
				return err
			}
			partial = !bytes.Equal(afterJS, mineJS)
			if bytes.Equal(afterJS, theirsJS) {
				return errPushNoChange
			}
			_, err = tx.ExecContext(ctx, `UPDATE campaigns SET row_version = row_version + 1, updated_by = ? WHERE id = ?`,
				p.s.actor, id)
			return err
		})
		switch {
		case errors.Is(err, errPushNoChange) && (changed || conflict):
			p.conflict(PushCampaign, name, []string{"its texts, FAQ, help steps, bills or votes needed"})
			continue
		case errors.Is(err, errPushNoChange):
		case err != nil:
			return err
		default:
			if changed {
				p.conflict(PushCampaign, name, []string{"its texts, FAQ, help steps, bills or votes needed"})
			} else {
				p.res.Others = append(p.res.Others, PushUpdate{PushCampaign, name})
			}
		}
		if partial {
			p.res.Refused = append(p.res.Refused, PushRefused{PushCampaign, name,
				"what was removed from it in the file (FAQ entries, sections, help steps, a language) stays on the server: a push adds and changes, it does not remove; remove it there"})
		}
	}
	return nil
}

// sortedIDs are a map's keys in order.
func sortedIDs(m map[int64]string) []int64 {
	out := make([]int64, 0, len(m))
	for id := range m {
		out = append(out, id)
	}
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j] < out[j-1]; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}
