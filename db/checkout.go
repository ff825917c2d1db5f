package db

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
)

// The settings a checkout writes into its file, beside offline_copy_of.
const (
	checkedOutAtSetting   = "checked_out_at"   // Unix seconds, taken before the snapshot
	checkedOutFromSetting = "checked_out_from" // the server's name (ServerName)
	// checkoutVersionsSetting holds each volunteer's row_version at the checkout
	// (JSON, uuid -> version): a side changed a volunteer when its version passed it.
	// Seconds alone cannot tell an edit made in the checkout's own second.
	checkoutVersionsSetting = "checkout_versions"
	// The same for the legislators and the campaigns (shared by a coalition: their
	// versions are the server's, which a lead's edits never move).
	checkoutLegislatorVersionsSetting = "checkout_legislator_versions"
	checkoutCampaignVersionsSetting   = "checkout_campaign_versions"
	// The call reports (uuid -> checkedOutCall), legislators and campaigns (uuid ->
	// contentDigest) as checked out (checkoutDigests): a push tells by content what
	// the server changed since, and which calls it deleted since.
	checkoutCallsSetting             = "checkout_call_reports"
	checkoutLegislatorDigestsSetting = "checkout_legislator_digests"
	checkoutCampaignDigestsSetting   = "checkout_campaign_digests"
	// checkoutTrashedSetting lists the volunteers in the trash at the checkout (JSON,
	// UUIDs): a push tells from it who the file put in the trash or took out of it,
	// which a deleted_at in the checkout's own second cannot tell.
	checkoutTrashedSetting = "checkout_trashed_volunteers"
	// checkoutStancesSetting lists the stance changes of the checkout's own chapter
	// and of none (the coalition's) (JSON, UUIDs): a push tells from it which of them the server deleted since
	// (ownStancesGone) from those made in the file, whatever their dates.
	checkoutStancesSetting = "checkout_stance_changes"
	// checkoutVolunteersSetting holds each live volunteer as checked out (JSON, uuid
	// -> checkedOutVolunteer): a push tells from it which fields each side changed, so
	// a field only the server changed is kept.
	checkoutVolunteersSetting = "checkout_volunteers"
	// checkedOutAsSetting is what the login that took the checkout is (a LoginKind):
	// what the file records goes back as theirs (see Login.CheckoutOfLead).
	checkedOutAsSetting = "checked_out_as"
)

// checkedOutVolunteer is a volunteer as the checkout had it, its recruiter by UUID
// (the ids of the file and the server differ once either adds volunteers).
type checkedOutVolunteer struct {
	Volunteer
	Recruiter string `json:",omitempty"`
	// ExternalIDs are the volunteer's ids in other systems ("system=id", see
	// externalIDsOf): [] for none; absent (nil) in a checkout made before they were
	// kept, when a push cannot tell which side changed them.
	ExternalIDs []string
}

// externalIDsOf is a volunteer's ids in other systems (NationBuilder, VAN, CiviCRM)
// as "system=id", sorted: what a push compares of the file's, the server's and the
// checkout's.
func externalIDsOf(ctx context.Context, q rowsQueryer, volunteer int64) ([]string, error) {
	ids, err := strings1(ctx, q, `SELECT system || '=' || external_id FROM volunteer_external_ids WHERE volunteer_id = ? ORDER BY 1`, volunteer)
	if ids == nil {
		ids = []string{}
	}
	return ids, err
}

// externalIDsByVolunteer is every volunteer's ids in other systems, as externalIDsOf
// gives one's, by volunteer id, read in one query (a volunteer without any is not in
// it: externalIDsOf's [] is theirs). They are sorted here, not by the database: a
// file's and a server's are compared, and their collations may differ.
func externalIDsByVolunteer(ctx context.Context, q rowsQueryer) (map[int64][]string, error) {
	out := map[int64][]string{}
	err := eachRow(ctx, q, func(r *sql.Rows) error {
		var id int64
		var ext string
		err := r.Scan(&id, &ext)
		out[id] = append(out[id], ext)
		return err
	}, `SELECT volunteer_id, system || '=' || external_id FROM volunteer_external_ids`)
	for _, ids := range out {
		slices.Sort(ids)
	}
	return out, err
}

// idsOf is a volunteer's ids from externalIDsByVolunteer: [] for none.
func idsOf(all map[int64][]string, volunteer int64) []string {
	if ids := all[volunteer]; ids != nil {
		return ids
	}
	return []string{}
}

// volunteersAsCheckedOut reads every live volunteer of the file in tx, for
// checkoutVolunteersSetting.
func volunteersAsCheckedOut(ctx context.Context, tx readQueryer) (map[string]checkedOutVolunteer, error) {
	type row struct {
		id        int64
		recruiter string
	}
	var rows []row
	err := eachRow(ctx, tx, func(r *sql.Rows) error {
		var x row
		err := r.Scan(&x.id, &x.recruiter)
		rows = append(rows, x)
		return err
	}, `SELECT v.id, coalesce(r.uuid, '') FROM volunteers v LEFT JOIN volunteers r ON r.id = v.recruiter_id
		WHERE v.deleted_at IS NULL ORDER BY v.id`)
	if err != nil {
		return nil, err
	}
	ids, err := externalIDsByVolunteer(ctx, tx)
	if err != nil {
		return nil, err
	}
	out := make(map[string]checkedOutVolunteer, len(rows))
	for _, x := range rows {
		v, err := loadVolunteer(ctx, tx, x.id)
		if err != nil {
			return nil, err
		}
		out[v.UUID] = checkedOutVolunteer{v, x.recruiter, idsOf(ids, x.id)}
	}
	return out, nil
}

// Checkout writes this server's chapter (what this login can read) as a ChapterDesk
// data file at dest, to work on where there is no network, and records in it when
// and from which server it was taken and each volunteer's version then, so Push can
// tell what changed on each side since.
func (s *Store) Checkout(ctx context.Context, dest string) error {
	if s.server == nil {
		return errors.New("checkout: give a chapter server (--db postgres://...); a data file is already offline: copy it with backup")
	}
	who, err := s.WhoAmI(ctx)
	if err != nil {
		return fmt.Errorf("checkout: %w", err)
	}
	at := time.Now().Unix()
	server := serverName(s.server)
	return s.writeServerCopy(ctx, dest, func(src *sql.Tx) (func(dst *sql.Tx) error, error) {
		settings := map[string]string{checkedOutAtSetting: strconv.FormatInt(at, 10), checkedOutFromSetting: server,
			checkedOutAsSetting: string(who.Kind)}
		for key, table := range map[string]string{checkoutVersionsSetting: "volunteers",
			checkoutLegislatorVersionsSetting: "legislators", checkoutCampaignVersionsSetting: "campaigns"} {
			versions := map[string]int64{}
			err := eachRow(ctx, src, func(r *sql.Rows) error {
				var uuid string
				var v int64
				err := r.Scan(&uuid, &v)
				versions[uuid] = v
				return err
			}, `SELECT uuid, row_version FROM `+table)
			if err != nil {
				return nil, err
			}
			js, err := json.Marshal(versions)
			if err != nil {
				return nil, err
			}
			settings[key] = string(js)
		}
		digests, err := checkoutDigests(ctx, src)
		if err != nil {
			return nil, err
		}
		for k, v := range digests {
			settings[k] = v
		}
		trashed, err := strings1(ctx, src, `SELECT uuid FROM volunteers WHERE deleted_at IS NOT NULL ORDER BY uuid`)
		if err != nil {
			return nil, err
		}
		js, err := json.Marshal(append([]string{}, trashed...))
		if err != nil {
			return nil, err
		}
		settings[checkoutTrashedSetting] = string(js)
		return func(dst *sql.Tx) error {
			as, err := volunteersAsCheckedOut(ctx, dst)
			if err != nil {
				return err
			}
			js, err := json.Marshal(as)
			if err != nil {
				return err
			}
			settings[checkoutVolunteersSetting] = string(js)
			stances, err := strings1(ctx, dst, `SELECT h.uuid FROM stance_history h LEFT JOIN chapters c ON c.id = h.chapter_id
				WHERE c.is_self = 1 OR h.chapter_id IS NULL ORDER BY h.uuid`)
			if err != nil {
				return err
			}
			if js, err = json.Marshal(append([]string{}, stances...)); err != nil {
				return err
			}
			settings[checkoutStancesSetting] = string(js)
			for k, v := range settings {
				if _, err := dst.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
					ON CONFLICT (key) DO UPDATE SET value = excluded.value`, k, v); err != nil {
					return err
				}
			}
			return nil
		}, nil
	})
}

// PushChoice says what Push does with a volunteer changed on both sides.
type PushChoice int

const (
	PushList       PushChoice = iota // list it, change nothing
	PushTakeMine                     // the file's version over the server's
	PushTakeTheirs                   // keep the server's (listed as kept)
)

// The kinds of record a push brings back edits of.
const (
	PushVolunteer  = "volunteer"
	PushCallReport = "call report"
	PushLegislator = "legislator"
	PushCampaign   = "campaign"
)

// PushConflict is a record changed both in the file and on the server since the
// checkout, in parts that now differ.
type PushConflict struct {
	Kind  string // PushVolunteer, PushCallReport, PushLegislator or PushCampaign
	Name  string
	Parts []string // for a volunteer VolunteerChanges(server's, file's); what differs
}

// PushRefused is an edit made in the file that the push cannot bring back, and why.
type PushRefused struct {
	Kind, Name, Reason string
}

// PushUpdate is a record changed only in the file, now changed on the server.
type PushUpdate struct {
	Kind, Name string
}

// PushResult is what a push did.
type PushResult struct {
	Merge     MergeResult    // the records new by UUID
	Updated   []string       // volunteers changed only in the file, now changed on the server
	Others    []PushUpdate   // call reports, legislators and campaigns changed only in the file, now on the server
	Conflicts []PushConflict // changed on both sides (with PushTakeMine: taken from the file; PushTakeTheirs: kept)
	Choice    PushChoice
	Gone      []string // changed in the file, but trashed or deleted on the server: not brought back
	// LeftOut are the volunteers the checkout had, not edited in the file, that are no
	// longer on the server in this chapter (deleted, by an import's undo say, or moved
	// away since the checkout), by the file's names: not brought back.
	LeftOut []string
	Refused []PushRefused // edited in the file, not brought back, with the reason
	// OtherStancesGone counts the other chapters' stance changes the checkout had
	// that the server deleted since (that chapter's import undone, say): not brought
	// back, as they are that chapter's.
	OtherStancesGone int
	// OwnStancesGone are the chapter's own stance changes the checkout had that the
	// server deleted since (an import taken back there, say), by legislator, stance
	// and day: not brought back unless PushOptions.BringBackDeleted, which counts
	// them in OwnStancesBroughtBack.
	OwnStancesGone        []string
	OwnStancesBroughtBack int
	// CoalitionStancesGone are the coalition's stance changes, of no chapter (the
	// coordinator's, the official record's), the checkout had that the server deleted
	// since: never brought back (a push would file them under its own chapter).
	CoalitionStancesGone []string
	// AlreadyOnServer are the call reports new in the file that the server holds
	// already under another id (the same call form imported on both sides): the same
	// legislator, time, caller and outcome. Not added again: by legislator, time and caller.
	AlreadyOnServer []string
}

// Push brings a checkout back into this server's chapter: the records new by UUID
// through Merge, then the volunteers changed in the file since the checkout. One
// changed only in the file is saved over the server's (at its current version); one
// changed on both sides is listed, and changed only as choice says. Pushing the same
// file again adds and changes nothing. A file that is not a checkout of this chapter
// is refused.
//
// A volunteer new in the file whose email (in any case) or phone is a volunteer's
// of their chapter on the server, live or in the trash, is a likely duplicate (the
// same person added on both sides, or added again after a lead trashed them): unless addDuplicates, the push is refused with a
// *PushDuplicatesError listing both records, and nothing is written.
func (s *Store) Push(ctx context.Context, path string, choice PushChoice, addDuplicates bool) (PushResult, error) {
	return s.PushWith(ctx, path, PushOptions{Choice: choice, AddDuplicates: addDuplicates})
}

// PushOptions are what a lead chooses for a push (see Push).
type PushOptions struct {
	Choice        PushChoice
	AddDuplicates bool
	// TimesAsTheyAre pushes the call reports new in the file whose time an older
	// ChapterDesk read on its computer's clock (the file lists them, see
	// CallTimesUnsure) as they are: without it the push is refused, as the server
	// keeps no such list and no push can put their times right afterwards.
	TimesAsTheyAre bool
	// BringBackDeleted adds the file's records deleted for good on the server (see
	// MergeOptions.BringBackDeleted).
	BringBackDeleted bool
}

// PushWith is Push with all of its options.
func (s *Store) PushWith(ctx context.Context, path string, opts PushOptions) (PushResult, error) {
	choice, addDuplicates := opts.Choice, opts.AddDuplicates
	res := PushResult{Choice: choice}
	if s.server == nil {
		return res, errors.New("push: give the chapter server the file was checked out from (--db postgres://...)")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return res, fmt.Errorf("push %s: %w", path, err)
	}
	src, err := Open(ctx, abs, Options{ReadOnly: true})
	if err != nil {
		return res, fmt.Errorf("push: %w", err)
	}
	defer src.Close()
	self, err := s.SelfChapter(ctx)
	if err != nil {
		return res, fmt.Errorf("push %s: %w", path, err)
	}
	set := func(key string) string {
		var v string
		src.r.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, key).Scan(&v)
		return v
	}
	of, atText := set(offlineCopySetting), set(checkedOutAtSetting)
	fileSelf, err := src.SelfChapter(ctx)
	if err != nil {
		return res, fmt.Errorf("push %s: %w", path, err)
	}
	// A checkout's own chapter is the one it was taken of: a file where they differ
	// was changed since, and would file its people under a chapter the server's
	// row-level security refuses halfway (or a name beside another chapter's id).
	if of != "" && of != fileSelf.UUID {
		return res, fmt.Errorf("push %s: %w: its own chapter is %s (%s) but it says it is a checkout of %s: "+
			"it was changed since the checkout; take a fresh checkout", path, ErrRefusedMerge, fileSelf.Name, fileSelf.UUID, of)
	}
	// A backup is no checkout: said of one, "checkout" sent a lead looking for a
	// checkout no one took (tester t4, F5).
	if of != "" && of != self.UUID && atText == "" {
		return res, fmt.Errorf("push %s: %w: it is a backup of another chapter (%s, %s), not a checkout of %s (%s); "+
			"another chapter's file is merged in by the server's owner", path, ErrRefusedMerge, fileSelf.Name, fileSelf.UUID, self.Name, self.UUID)
	}
	if of != "" && of != self.UUID {
		return res, fmt.Errorf("push %s: %w: it is a checkout of another chapter (%s, %s), not of %s (%s)",
			path, ErrRefusedMerge, fileSelf.Name, fileSelf.UUID, self.Name, self.UUID)
	}
	// A lead may not merge (the owner's), so neither refusal sends a lead to it.
	if of != "" && atText == "" {
		return res, fmt.Errorf("push %s: %w: it is a backup of this chapter, not a checkout: to work offline and bring edits back, "+
			"take `chapterdesk checkout --to FILE` and push that file; a backup's new records are merged back by the server's owner "+
			"(`chapterdesk merge FILE`)", path, ErrRefusedMerge)
	}
	if of == "" {
		return res, fmt.Errorf("push %s: %w: it is not a checkout of this chapter (made with chapterdesk checkout --to FILE); "+
			"another chapter's file is merged in by the server's owner", path, ErrRefusedMerge)
	}
	at, err := strconv.ParseInt(atText, 10, 64)
	if err != nil {
		return res, fmt.Errorf("push %s: %w: its checked_out_at %q is not a time", path, ErrRefusedMerge, atText)
	}
	// Another chapter's records in the file (an older coalition-wide backup merged
	// into it) are refused, by name and count, before anything is written: the
	// server's row-level security refused them halfway, in its own words.
	goneStances, err := s.otherChapters(ctx, src, path, self)
	if err != nil {
		return res, err
	}
	var base map[string]int64
	if js := set(checkoutVersionsSetting); js != "" {
		if err := json.Unmarshal([]byte(js), &base); err != nil {
			return res, fmt.Errorf("push %s: %w: its checkout_versions do not read: %v", path, ErrRefusedMerge, err)
		}
	}
	// The push takes its turn before it reads what the server changed, and keeps it to
	// the end: read earlier, another lead's write that went in while the push waited
	// was overwritten unseen, "conflicts: none" (tester t4, F1), and a duplicate
	// added at the same time was not seen (F9).
	ctx, release, err := s.holdWriteTurn(ctx)
	if err != nil {
		return res, fmt.Errorf("push %s: %w", path, err)
	}
	defer release()
	// The server's versions before this push writes: its own writes (the merge's
	// withdrawn consents, the trash step) raise them, and are not the server's changes.
	before := map[string]int64{}
	err = s.readTx(ctx, func(tx *sql.Tx) error {
		return eachRow(ctx, tx, func(r *sql.Rows) error {
			var uuid string
			var v int64
			err := r.Scan(&uuid, &v)
			before[uuid] = v
			return err
		}, `SELECT uuid, row_version FROM volunteers`)
	})
	if err != nil {
		return res, fmt.Errorf("push %s: %w", path, err)
	}
	// changed: a version newer than the checkout's; without the versions, saved after it.
	changed := func(v Volunteer) bool {
		if b, ok := base[v.UUID]; ok {
			if was, ok := before[v.UUID]; ok {
				return was > b
			}
			return v.Version > b
		}
		return v.UpdatedAt.Unix() > at
	}

	// A volunteer new to this login whose UUID the server holds out of its sight
	// (another chapter's) failed the whole push with a raw duplicate key that named no
	// one (tester t4, F11): it is left out and listed, the rest pushed, and its calls
	// go out with it. Each is found by a probe (a write), so only when a refusal or
	// the merge's conflict calls for it; the refusals judge only what the push would
	// bring (reviewer, s41).
	var hidden map[string]string
	probeHidden := func() (bool, error) {
		if hidden != nil {
			return false, nil
		}
		var err error
		if hidden, err = s.uuidsOutOfSight(ctx, src, self.ID, base, before); err != nil {
			return false, fmt.Errorf("push %s: %w", path, err)
		}
		return len(hidden) > 0, nil
	}
	if !addDuplicates {
		dups, err := s.likelyDuplicates(ctx, src, base, at)
		if err != nil {
			return res, fmt.Errorf("push %s: %w", path, err)
		}
		if len(dups) > 0 {
			if _, err := probeHidden(); err != nil {
				return res, err
			}
			dups = slices.DeleteFunc(dups, func(d PushDuplicate) bool { _, out := hidden[d.File.UUID]; return out })
		}
		if len(dups) > 0 {
			return res, &PushDuplicatesError{Path: path, Duplicates: dups}
		}
	}
	// A volunteer the checkout had that is not on the server now was deleted there
	// since (an import's undo), or moved out of this login's sight: the merge would
	// add it again as new, the undo silently undone (tester t4, F6). One edited in
	// the file is listed as gone below.
	var deletedSince []string
	for uuid := range base {
		if _, ok := before[uuid]; !ok {
			deletedSince = append(deletedSince, uuid)
		}
	}
	// So with a call report the checkout had that the server deleted since: it is
	// left out of the merge and listed (pusher.calls), not brought back unseen.
	var checkedCalls map[string]checkedOutCall
	if js := set(checkoutCallsSetting); js != "" {
		if err := json.Unmarshal([]byte(js), &checkedCalls); err != nil {
			return res, fmt.Errorf("push %s: %w: its %s do not read: %v", path, ErrRefusedMerge, checkoutCallsSetting, err)
		}
	}
	goneCalls := map[string]bool{}
	if len(checkedCalls) > 0 {
		onServer := map[string]bool{}
		err := s.readTx(ctx, func(tx *sql.Tx) error {
			return eachRow(ctx, tx, func(r *sql.Rows) error {
				var uuid string
				err := r.Scan(&uuid)
				onServer[uuid] = true
				return err
			}, `SELECT uuid FROM call_reports`)
		})
		if err != nil {
			return res, fmt.Errorf("push %s: %w", path, err)
		}
		for uuid := range checkedCalls {
			if !onServer[uuid] {
				goneCalls[uuid] = true
				deletedSince = append(deletedSince, uuid)
			}
		}
	}
	// The chapter's own stance changes the checkout had that the server deleted since
	// (ownStancesGone): left out, and listed, unless brought back on purpose.
	// The coalition's (of no chapter) it always leaves out: brought back, they would
	// be this chapter's.
	ownGone, noChapterGone, err := s.ownStancesGone(ctx, src, self, at, set(checkoutStancesSetting), checkedCalls, goneCalls)
	if err != nil {
		return res, fmt.Errorf("push %s: %w", path, err)
	}
	if opts.BringBackDeleted {
		res.OwnStancesBroughtBack = len(ownGone.uuids)
	} else {
		deletedSince = append(deletedSince, ownGone.uuids...)
		res.OwnStancesGone = ownGone.lines
	}
	deletedSince = append(deletedSince, noChapterGone.uuids...)
	res.CoalitionStancesGone = noChapterGone.lines
	// Another chapter's stance changes the server deleted since (otherChapters).
	deletedSince = append(deletedSince, goneStances...)
	res.OtherStancesGone = len(goneStances)
	// The file's new calls the server holds under another id (the same form imported
	// on both sides): left out and listed, not added twice (sameCallsOnServer).
	same, already, refusedCalls, err := s.sameCallsOnServer(ctx, src, checkedCalls, base, at)
	if err != nil {
		return res, fmt.Errorf("push %s: %w", path, err)
	}
	deletedSince = append(deletedSince, same...)
	res.AlreadyOnServer, res.Refused = already, append(res.Refused, refusedCalls...)
	// leaveOut: what the merge leaves out, the volunteers out of sight once probed.
	leaveOut := func() []string {
		out := slices.Clone(deletedSince)
		for uuid := range hidden {
			out = append(out, uuid)
		}
		return out
	}
	if !opts.TimesAsTheyAre {
		err := s.refuseUnsureTimes(ctx, src, "push", path, leaveOut())
		if errors.Is(err, ErrRefusedMerge) {
			if more, herr := probeHidden(); herr != nil {
				return res, herr
			} else if more {
				err = s.refuseUnsureTimes(ctx, src, "push", path, leaveOut())
			}
		}
		if err != nil {
			return res, err
		}
	}
	res.Merge, err = s.merge(ctx, abs, false, leaveOut(), false, opts.BringBackDeleted)
	if errors.Is(err, ErrConflict) || errors.Is(err, ErrRefusedMerge) {
		more, herr := probeHidden()
		if herr != nil {
			return res, herr
		}
		if more {
			res.Merge, err = s.merge(ctx, abs, false, leaveOut(), false, opts.BringBackDeleted)
		}
	}
	for _, name := range hidden {
		res.Refused = append(res.Refused, PushRefused{Kind: PushVolunteer, Name: name,
			Reason: "the server holds its id (UUID) for a record outside your chapter; add the person again in a fresh checkout"})
	}
	if err != nil {
		return res, err
	}
	for _, c := range res.Merge.LeftOutCalls {
		res.Refused = append(res.Refused, PushRefused{Kind: PushCallReport, Name: c,
			Reason: "its caller is not brought back (deleted on the server since the checkout, or under an id another chapter holds): " +
				"log the call again in a fresh checkout"})
	}
	p := &pusher{s: s, src: src, at: at, choice: choice, res: &res, before: before, checkedCalls: checkedCalls, goneCalls: goneCalls}
	for key, into := range map[string]*map[string]string{checkoutLegislatorDigestsSetting: &p.legDigests,
		checkoutCampaignDigestsSetting: &p.campDigests} {
		if js := set(key); js != "" {
			if err := json.Unmarshal([]byte(js), into); err != nil {
				return res, fmt.Errorf("push %s: %w: its %s do not read: %v", path, ErrRefusedMerge, key, err)
			}
		}
	}
	// Before the edits: a volunteer taken out of the trash in the file is live again
	// on the server when its edits are compared.
	var opened map[string]checkedOutVolunteer
	if js := set(checkoutVolunteersSetting); js != "" {
		if err := json.Unmarshal([]byte(js), &opened); err != nil {
			return res, fmt.Errorf("push %s: %w: its %s do not read: %v", path, ErrRefusedMerge, checkoutVolunteersSetting, err)
		}
	}
	var trashedAtCheckout map[string]bool
	if js := set(checkoutTrashedSetting); js != "" {
		var uuids []string
		if err := json.Unmarshal([]byte(js), &uuids); err != nil {
			return res, fmt.Errorf("push %s: %w: its %s do not read: %v", path, ErrRefusedMerge, checkoutTrashedSetting, err)
		}
		trashedAtCheckout = map[string]bool{}
		for _, u := range uuids {
			trashedAtCheckout[u] = true
		}
	}
	if err := p.volunteerTrash(ctx, base, trashedAtCheckout); err != nil {
		return res, fmt.Errorf("push %s: %w", path, err)
	}

	// The file's volunteers that were on the server at the checkout and changed since.
	type fileRow struct {
		id, version, updated int64
		uuid                 string
	}
	var rows []fileRow
	err = src.readTx(ctx, func(tx *sql.Tx) error {
		return eachRow(ctx, tx, func(r *sql.Rows) error {
			var f fileRow
			err := r.Scan(&f.id, &f.uuid, &f.version, &f.updated)
			rows = append(rows, f)
			return err
		}, `SELECT id, uuid, row_version, updated_at FROM volunteers WHERE deleted_at IS NULL ORDER BY id`)
	})
	if err != nil {
		return res, fmt.Errorf("push %s: %w", path, err)
	}
	moved, err := labelsMoved(ctx, src, opened)
	if err != nil {
		return res, fmt.Errorf("push %s: %w", path, err)
	}
	// Both sides' external ids, each in one query (a volunteer's own write below
	// changes only theirs).
	fileIDs, err := externalIDsByVolunteer(ctx, src.r)
	if err != nil {
		return res, fmt.Errorf("push %s: %w", path, err)
	}
	serverIDs, err := externalIDsByVolunteer(ctx, s.r)
	if err != nil {
		return res, fmt.Errorf("push %s: %w", path, err)
	}
	gone := map[string]bool{} // listed in res.Gone
	for _, f := range rows {
		b, known := base[f.uuid]
		if base != nil && !known {
			continue // new in the file: the merge brought it
		}
		if (known && f.version <= b || !known && f.updated <= at) && !moved[f.uuid] {
			continue
		}
		mine, err := src.Volunteer(ctx, f.id)
		if err != nil {
			return res, fmt.Errorf("push %s: %w", path, err)
		}
		serverID, err := s.volunteerIDByUUID(ctx, f.uuid)
		if errors.Is(err, ErrNotFound) {
			res.Gone = append(res.Gone, mine.Name())
			gone[f.uuid] = true
			continue
		}
		if err != nil {
			return res, fmt.Errorf("push %s: %w", path, err)
		}
		theirs, err := s.Volunteer(ctx, serverID)
		if err != nil {
			return res, fmt.Errorf("push %s: %w", path, err)
		}
		// The file's recruiter is one of the file's ids: the server's is found by UUID,
		// in the trash too (a trashed recruiter read as none on both sides but the
		// server's, "recruiter (changed on the server)": tester t9, repro-15).
		recruiterOnServer := func(uuid string) int64 {
			var rid int64
			if uuid != "" {
				err := s.r.QueryRowContext(ctx, `SELECT id FROM volunteers WHERE uuid = ?`, uuid).Scan(&rid)
				if err != nil {
					return 0
				}
			}
			return rid
		}
		if mine.RecruiterID != 0 {
			var ruuid string
			src.r.QueryRowContext(ctx, `SELECT uuid FROM volunteers WHERE id = ?`, mine.RecruiterID).Scan(&ruuid)
			mine.RecruiterID = recruiterOnServer(ruuid)
		}
		// A recruiter this login may not read (another chapter's volunteer) came over
		// empty in the checkout: empty there is not the lead's edit, and the server's
		// stays.
		if mine.RecruiterID == 0 && theirs.RecruiterID != 0 {
			var one int
			if err := s.r.QueryRowContext(ctx, `SELECT 1 FROM volunteers WHERE id = ?`, theirs.RecruiterID).Scan(&one); errors.Is(err, sql.ErrNoRows) {
				mine.RecruiterID = theirs.RecruiterID
			}
		}
		// External ids are no field of the row: weighed here by the same rules, the
		// checkout's as the base where it kept them.
		// the file's, the server's, the checkout's (nil: not kept)
		ids := [3][]string{idsOf(fileIDs, f.id), idsOf(serverIDs, serverID), opened[f.uuid].ExternalIDs}
		takeIDs, idsPart, idsBoth := false, "", false
		if !slices.Equal(ids[0], ids[1]) {
			// A checkout that kept no ids cannot tell who changed them: both, listed.
			byFile, byServer := ids[2] == nil || !slices.Equal(ids[2], ids[0]), ids[2] == nil || !slices.Equal(ids[2], ids[1])
			takeIDs, idsBoth = byFile, byFile && byServer
			switch {
			case idsBoth:
				idsPart = "external ids (changed on both)"
			case byFile:
				idsPart = "external ids (changed in the file)"
			default:
				idsPart = "external ids (changed on the server)"
			}
		}
		diff := VolunteerChanges(theirs, mine)
		if len(diff) == 0 && !takeIDs {
			continue // already so on the server (pushed before, or the same edit on both sides)
		}
		save := mine
		parts := diff
		serverChanged := false
		// atCheckout is the volunteer as checked out, where the checkout kept it
		// (threeWay); overlap the fields both sides changed, to different values.
		atCheckout, threeWay := theirs, false
		var overlap []string
		if was, ok := opened[f.uuid]; ok && len(diff) > 0 {
			// Three ways: the fields the file changed go over the server's, a field only
			// the server changed is kept, and the listing says which side changed which.
			base := was.Volunteer
			base.RecruiterID = recruiterOnServer(was.Recruiter)
			if base.RecruiterID == 0 && mine.RecruiterID == theirs.RecruiterID {
				base.RecruiterID = theirs.RecruiterID // hidden from this login at the checkout too
			}
			save, overlap = WithMyChanges(base, mine, theirs)
			atCheckout, threeWay = base, true
			if len(VolunteerChanges(theirs, save)) == 0 && !takeIDs {
				continue // the file's changes are on the server already
			}
			parts = whoChanged(base, mine, theirs)
			// Judged by content too, not by the version alone: a server restored
			// from a backup hands the same versions out again for other content
			// (tester t4, F3).
			serverChanged = changedOnServer(base, mine, theirs)
		}
		if idsPart != "" {
			parts = append(parts, idsPart)
		}
		save.ID, save.ChapterID, save.Version = theirs.ID, theirs.ChapterID, theirs.Version
		// Weighed three ways, a conflict is a field both sides changed to different
		// values: a field only the server changed is kept in save, and held the file's
		// other fields back (tester t9, repro-22). Without the checkout's copy, any
		// change on the server since is one.
		conflict := idsBoth || len(overlap) > 0 || !threeWay && (changed(theirs) || serverChanged)
		if conflict {
			res.Conflicts = append(res.Conflicts, PushConflict{Kind: PushVolunteer, Name: theirs.Name(), Parts: parts})
			if choice != PushTakeMine {
				// A consent withdrawn in the file goes through all the same: consent
				// only narrows, as merge and import have it.
				if narrowed, ok := consentWithdrawn(atCheckout, mine, theirs); ok {
					err := s.UpdateVolunteer(ctx, narrowed)
					if err != nil && !errors.As(err, new(*EditConflictError)) {
						return res, fmt.Errorf("push %s: %w", path, err)
					}
					if err == nil {
						res.Others = append(res.Others, PushUpdate{PushVolunteer, theirs.Name() +
							" (the consent withdrawn in the file: consent only narrows)"})
					}
				}
				continue
			}
		}
		if len(VolunteerChanges(theirs, save)) > 0 { // not only the external ids
			if err := s.UpdateVolunteer(ctx, save); err != nil {
				var ce *EditConflictError
				if errors.As(err, &ce) {
					// Saved on the server while this push ran: listed, not overwritten.
					res.Conflicts = append(res.Conflicts, PushConflict{Kind: PushVolunteer, Name: ce.Name, Parts: VolunteerChanges(ce.Theirs, save)})
					continue
				}
				return res, fmt.Errorf("push %s: %w", path, err)
			}
		}
		if takeIDs {
			if err := s.setExternalIDs(ctx, src, f.id, theirs, pushedIDs(ids)); err != nil {
				res.Refused = append(res.Refused, PushRefused{Kind: PushVolunteer, Name: theirs.Name(),
					Reason: fmt.Sprintf("its external ids (%s) were not brought, the server's kept: %v", strings.Join(ids[0], ", "), err)})
				continue
			}
		}
		if !conflict {
			res.Updated = append(res.Updated, theirs.Name())
		}
	}
	// The rest of those the merge left out, not edited in the file, were left out
	// without a word (tester t4, F6/F11): listed by the file's names, the server's
	// record being out of this login's sight or gone.
	for _, f := range rows {
		if _, had := base[f.uuid]; !had || gone[f.uuid] {
			continue
		}
		if _, ok := before[f.uuid]; !ok {
			v, err := src.Volunteer(ctx, f.id)
			if err != nil {
				return res, fmt.Errorf("push %s: %w", path, err)
			}
			res.LeftOut = append(res.LeftOut, v.Name())
		}
	}
	slices.Sort(res.LeftOut)
	versions := func(key string) (map[string]int64, error) {
		var m map[string]int64
		if js := set(key); js != "" {
			if err := json.Unmarshal([]byte(js), &m); err != nil {
				return nil, fmt.Errorf("push %s: %w: its %s do not read: %v", path, ErrRefusedMerge, key, err)
			}
		}
		return m, nil
	}
	legBase, err := versions(checkoutLegislatorVersionsSetting)
	if err != nil {
		return res, err
	}
	campBase, err := versions(checkoutCampaignVersionsSetting)
	if err != nil {
		return res, err
	}
	for _, step := range []func(context.Context) error{p.calls, func(ctx context.Context) error { return p.legislators(ctx, legBase) },
		func(ctx context.Context) error { return p.campaigns(ctx, campBase) }} {
		if err := step(ctx); err != nil {
			return res, fmt.Errorf("push %s: %w", path, err)
		}
	}
	return res, nil
}

// labelsMoved are the file's volunteers whose tags, skills, languages or external
// ids are not those of the checkout (opened): a roster import into the checkout adds
// them without saving the volunteer, whose version then says nothing changed.
func labelsMoved(ctx context.Context, src *Store, opened map[string]checkedOutVolunteer) (map[string]bool, error) {
	if opened == nil {
		return nil, nil
	}
	now := map[string][]string{}
	err := src.readTx(ctx, func(tx *sql.Tx) error {
		for _, q := range []string{
			`SELECT v.uuid, t.kind || ':' || t.name FROM volunteer_tags vt JOIN tags t ON t.id = vt.tag_id JOIN volunteers v ON v.id = vt.volunteer_id`,
			`SELECT v.uuid, 'lang:' || l.lang FROM volunteer_languages l JOIN volunteers v ON v.id = l.volunteer_id`,
			`SELECT v.uuid, 'id:' || e.system || '=' || e.external_id FROM volunteer_external_ids e JOIN volunteers v ON v.id = e.volunteer_id`,
		} {
			if err := eachRow(ctx, tx, func(r *sql.Rows) error {
				var uuid, label string
				err := r.Scan(&uuid, &label)
				now[uuid] = append(now[uuid], label)
				return err
			}, q); err != nil {
				return err
			}
		}
		return nil
	})
	moved := map[string]bool{}
	for uuid, was := range opened {
		var then []string
		for _, t := range was.Tags {
			then = append(then, "tag:"+t)
		}
		for _, t := range was.Skills {
			then = append(then, "skill:"+t)
		}
		for _, l := range was.Languages {
			then = append(then, "lang:"+l)
		}
		for _, id := range was.ExternalIDs {
			then = append(then, "id:"+id)
		}
		labels := now[uuid]
		if was.ExternalIDs == nil { // a checkout that kept none: ids are not compared
			labels = slices.DeleteFunc(slices.Clone(labels), func(l string) bool { return strings.HasPrefix(l, "id:") })
		}
		slices.Sort(then)
		slices.Sort(labels)
		if !slices.Equal(then, labels) {
			moved[uuid] = true
		}
	}
	return moved, err
}

// pushedIDs are the external ids a push gives a volunteer, from the file's, the
// server's and the checkout's (ids, as in Push): item by item as tags are, so an id
// the server added since the checkout stays beside one the file added, and one the
// file removed goes. A checkout that kept none cannot tell which side added an id:
// the file's are taken whole, as before.
func pushedIDs(ids [3][]string) []string {
	if ids[2] == nil {
		return ids[0]
	}
	out := takeItems(ids[1], ids[2], ids[0])
	slices.Sort(out)
	return out
}

// setExternalIDs makes a server volunteer's external ids the file's (ids, as
// "system=id", of the file's volunteer fileID), in their chapter: an id the file
// no longer has goes, one new comes with the note its system gave (imported_notes),
// one on both sides keeps the server's note. An id another volunteer of the chapter
// holds refuses it whole.
func (s *Store) setExternalIDs(ctx context.Context, src *Store, fileID int64, v Volunteer, ids []string) error {
	notes := map[string]string{}
	if err := src.readTx(ctx, func(tx *sql.Tx) error {
		return eachRow(ctx, tx, func(r *sql.Rows) error {
			var id, note string
			err := r.Scan(&id, &note)
			notes[id] = note
			return err
		}, `SELECT system || '=' || external_id, imported_notes FROM volunteer_external_ids WHERE volunteer_id = ?`, fileID)
	}); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		here, err := externalIDsOf(ctx, tx, v.ID)
		if err != nil {
			return err
		}
		changed := false
		for _, id := range here {
			if !slices.Contains(ids, id) {
				changed = true
				system, ext, _ := strings.Cut(id, "=")
				if _, err := tx.ExecContext(ctx, `DELETE FROM volunteer_external_ids WHERE volunteer_id = ? AND system = ? AND external_id = ?`,
					v.ID, system, ext); err != nil {
					return err
				}
			}
		}
		for _, id := range ids {
			if slices.Contains(here, id) {
				continue
			}
			system, ext, _ := strings.Cut(id, "=")
			if _, err := tx.ExecContext(ctx, `INSERT INTO volunteer_external_ids (chapter_id, system, external_id, volunteer_id, imported_notes)
				VALUES (?, ?, ?, ?, ?)`, v.ChapterID, system, ext, v.ID, notes[id]); err != nil {
				return fmt.Errorf("%s: %w", id, err)
			}
			changed = true
		}
		if !changed {
			return nil
		}
		// The ids are the volunteer's as their fields are: another lead's save, or
		// a push of another checkout, must see that the volunteer changed.
		_, err = tx.ExecContext(ctx, `UPDATE volunteers SET row_version = row_version + 1, updated_at = ?, updated_by = ? WHERE id = ?`,
			nowUnix(), s.actor, v.ID)
		return err
	})
}

// volunteerIDByUUID finds a live volunteer by UUID (ErrNotFound: none, or in the trash).
func (s *Store) volunteerIDByUUID(ctx context.Context, uuid string) (int64, error) {
	var id int64
	err := s.r.QueryRowContext(ctx, `SELECT id FROM volunteers WHERE uuid = ? AND deleted_at IS NULL`, uuid).Scan(&id)
	if err != nil {
		return 0, mapErr(err)
	}
	return id, nil
}

// whoChanged names the fields of a volunteer that differ between the server's
// (theirs) and the file's (mine), each with the side that changed it since the
// checkout (opened): what a conflict's listing says. Fields, not the form's parts:
// --take-mine takes them one by one, so "address" would hide which are whose.
func whoChanged(opened, mine, theirs Volunteer) []string {
	var out []string
	for _, p := range volunteerParts {
		for _, f := range p.fields {
			if f.same(&mine, &theirs) {
				continue
			}
			name := cmp.Or(f.name, p.label)
			byFile, byServer := !f.same(&opened, &mine), !f.same(&opened, &theirs)
			switch {
			case byFile && byServer:
				out = append(out, name+" (changed on both)")
			case byFile:
				out = append(out, name+" (changed in the file)")
			default:
				out = append(out, name+" (changed on the server)")
			}
		}
	}
	return out
}

// uuidsOutOfSight are the file's volunteers (uuid -> name) new since the checkout
// (not in base) and not on the server as this login sees it (seen: uuid -> version)
// whose UUID the server holds nonetheless, for a record row-level security hides:
// each is tried as a new volunteer of chapter, and all of it rolled back. The server
// does not tell whose record it is, nor does this. One the checkout had is left out
// of the push already (deleted or moved since) and listed as such: probed, it was
// listed again, advised to be added anew (a duplicate of another chapter's person).
func (s *Store) uuidsOutOfSight(ctx context.Context, src *Store, chapter int64, base, seen map[string]int64) (map[string]string, error) {
	names := map[string]string{}
	err := src.readTx(ctx, func(tx *sql.Tx) error {
		return eachRow(ctx, tx, func(r *sql.Rows) error {
			var uuid, name string
			err := r.Scan(&uuid, &name)
			_, had := base[uuid]
			if _, ok := seen[uuid]; !ok && !had {
				names[uuid] = name
			}
			return err
		}, `SELECT uuid, trim(first_name || ' ' || last_name) FROM volunteers`)
	})
	if err != nil {
		return nil, err
	}
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	hidden := map[string]string{}
	for uuid, name := range names {
		if _, err := tx.ExecContext(ctx, `SAVEPOINT probe`); err != nil {
			return nil, err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO volunteers (uuid, chapter_id, first_name, last_name, created_at, updated_at)
			VALUES (?, ?, 'probe', 'probe', 0, 0)`, uuid, chapter)
		var pe *pgconn.PgError
		if errors.As(err, &pe) && pe.Code == "23505" && pe.ConstraintName == "volunteers_uuid" {
			hidden[uuid] = name
		}
		if _, err := tx.ExecContext(ctx, `ROLLBACK TO SAVEPOINT probe`); err != nil {
			return nil, err
		}
	}
	return hidden, nil
}

// consentWithdrawn is the server's volunteer (theirs) with the consents the file
// withdrew since the checkout (from opened to mine: do not contact set, ok to call,
// text or email taken away) withdrawn too, and whether that changes theirs.
func consentWithdrawn(opened, mine, theirs Volunteer) (Volunteer, bool) {
	out := theirs
	for _, ok := range []func(*Volunteer) *bool{
		func(v *Volunteer) *bool { return &v.OKCall }, func(v *Volunteer) *bool { return &v.OKText },
		func(v *Volunteer) *bool { return &v.OKEmail },
	} {
		if *ok(&opened) && !*ok(&mine) {
			*ok(&out) = false
		}
	}
	if !opened.DoNotContact && mine.DoNotContact {
		out.DoNotContact = true
	}
	return out, out.OKCall != theirs.OKCall || out.OKText != theirs.OKText || out.OKEmail != theirs.OKEmail ||
		out.DoNotContact != theirs.DoNotContact
}

// changedOnServer reports whether the server's copy of a volunteer (theirs) holds a
// part otherwise than the checkout did (opened) and than the file does (mine).
func changedOnServer(opened, mine, theirs Volunteer) bool {
	for _, p := range volunteerParts {
		if !p.same(&mine, &theirs) && !p.same(&opened, &theirs) {
			return true
		}
	}
	return false
}

// PushDuplicate is a volunteer new in a checkout and the live volunteer of the same
// chapter on the server with the same email or phone.
type PushDuplicate struct {
	File, Server Volunteer
	By           string // "email" or "phone"
	Trashed      bool   // the server's is in the trash
}

// PushDuplicatesError refuses a push that would add likely duplicates.
type PushDuplicatesError struct {
	Path       string
	Duplicates []PushDuplicate
}

func (e *PushDuplicatesError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "push %s: %v: %d volunteers added in the file are likely duplicates of volunteers on the server (the same %s); nothing was pushed",
		e.Path, ErrRefusedMerge, len(e.Duplicates), "email or phone")
	show := func(v Volunteer, by string) string {
		if by == "email" {
			return v.Name() + " (" + v.Email + ")"
		}
		return v.Name() + " (" + v.Phone + ")"
	}
	trashed := false
	for _, d := range e.Duplicates {
		where := "on the server"
		if d.Trashed {
			where, trashed = "in the trash on the server (not added again)", true
		}
		fmt.Fprintf(&b, "; %s added in the file, %s %s", show(d.File, d.By), show(d.Server, d.By), where)
	}
	if trashed {
		b.WriteString(". A person in the trash on the server was put there by a lead: if they are back, take them out of the trash there")
	}
	b.WriteString(". Put the file's copy in the trash (or correct it) and push again, or push with --add-duplicates to add them anyway")
	return b.String()
}

func (e *PushDuplicatesError) Unwrap() error { return ErrRefusedMerge }

// likelyDuplicates are the file's live volunteers new since the checkout (not on the
// server by UUID) whose email, in any case, or phone is a volunteer's of their
// chapter on the server, live or in the trash.
func (s *Store) likelyDuplicates(ctx context.Context, src *Store, base map[string]int64, at int64) ([]PushDuplicate, error) {
	type fileNew struct {
		id      int64
		uuid    string
		chapter string
	}
	var news []fileNew
	err := src.readTx(ctx, func(tx *sql.Tx) error {
		return eachRow(ctx, tx, func(r *sql.Rows) error {
			var n fileNew
			err := r.Scan(&n.id, &n.uuid, &n.chapter)
			if _, known := base[n.uuid]; !known {
				news = append(news, n)
			}
			return err
		}, `SELECT v.id, v.uuid, c.uuid FROM volunteers v JOIN chapters c ON c.id = v.chapter_id
			WHERE v.deleted_at IS NULL AND (v.email <> '' OR v.phone_e164 <> '') ORDER BY v.id`)
	})
	if err != nil {
		return nil, err
	}
	var out []PushDuplicate
	for _, n := range news {
		if _, err := s.volunteerIDByUUID(ctx, n.uuid); err == nil {
			continue // on the server already (pushed before): the merge adds nothing
		}
		mine, err := src.Volunteer(ctx, n.id)
		if err != nil {
			return nil, err
		}
		// In the trash too, as an import looks (people in the trash are not added
		// again): a person another lead trashed came back live (tester t9, repro-23).
		var theirs Volunteer
		var by string
		var trashed bool
		err = s.r.QueryRowContext(ctx, `SELECT id, CASE WHEN ? <> '' AND lower(email) = lower(?) THEN 'email' ELSE 'phone' END,
			deleted_at IS NOT NULL, first_name, last_name, email, phone
			FROM volunteers WHERE chapter_id = (SELECT id FROM chapters WHERE uuid = ?)
			AND (? <> '' AND lower(email) = lower(?) OR ? <> '' AND phone_e164 = ?) ORDER BY deleted_at IS NOT NULL, id LIMIT 1`,
			mine.Email, mine.Email, n.chapter, mine.Email, mine.Email, mine.PhoneE164, mine.PhoneE164).Scan(&theirs.ID, &by,
			&trashed, &theirs.FirstName, &theirs.LastName, &theirs.Email, &theirs.Phone)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		}
		if err != nil {
			return nil, err
		}
		if !trashed {
			if theirs, err = s.Volunteer(ctx, theirs.ID); err != nil {
				return nil, err
			}
		}
		out = append(out, PushDuplicate{File: mine, Server: theirs, By: by, Trashed: trashed})
	}
	return out, nil
}
