package db_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
)

// A call report dated in the future, written by a lead with psql (or pushed), pinned
// last_called_at in call_stats, the "last called" every chapter sees, until its date:
// the database refuses it as it does a stance change (0019), on insert and on an edit
// of its date, with the same skew (db.ClockSkew) as the app's own check.
func TestCoalitionLeadCannotDateCallsAhead(t *testing.T) {
	sc := newCoalition(t)
	ctx := context.Background()
	alice := coalConnect(t, sc.url, sc.leadA)
	insert := func(uuid string, at int64) error {
		_, err := alice.Exec(ctx, `INSERT INTO call_reports (uuid, campaign_id, legislator_id, chapter_id, called_at, outcome,
			office, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, 'spoke_legislator', 'capitol', 1, 1)`,
			uuid, sc.campaign, sc.legislator, sc.a.ID, at)
		return err
	}
	var last0 int64
	if err := sc.admin.QueryRow(ctx, `SELECT coalesce(max(last_called_at), 0) FROM call_stats`).Scan(&last0); err != nil {
		t.Fatal(err)
	}
	beyond := time.Now().Add(db.ClockSkew + 5*time.Minute).Unix()
	for i, at := range []int64{4102444800, beyond} {
		if err := insert(fmt.Sprint("pin-call-", i), at); err == nil || !strings.Contains(err.Error(), "a call report dated in the future") {
			t.Errorf("a lead's call report dated %s: %v, want refused as dated in the future", time.Unix(at, 0).UTC(), err)
		}
	}
	// A few minutes ahead is a laptop's clock, not a pin.
	if err := insert("skew-call", time.Now().Add(db.ClockSkew-3*time.Minute).Unix()); err != nil {
		t.Errorf("a lead's call report a few minutes ahead: %v", err)
	}
	// Nor may an edit move a report's date ahead; an edit of anything else is free.
	if _, err := alice.Exec(ctx, `UPDATE call_reports SET called_at = 4102444800 WHERE uuid = 'skew-call'`); err == nil ||
		!strings.Contains(err.Error(), "a call report dated in the future") {
		t.Errorf("a lead's edit of a report's date to 2100: %v, want refused", err)
	}
	var last int64
	if err := sc.admin.QueryRow(ctx, `SELECT coalesce(max(last_called_at), 0) FROM call_stats`).Scan(&last); err != nil {
		t.Fatal(err)
	}
	if last > time.Now().Add(db.ClockSkew).Unix() {
		t.Errorf("call_stats' last call is %s, in the future (was %s)", time.Unix(last, 0).UTC(), time.Unix(last0, 0).UTC())
	}
}

// The coordinator imports legislators and the official record's stances: none is
// ever dated ahead of now, and one that is (a clock set wrong, a date typed in psql)
// would be every chapter's current stance until its date. Held to the same limit.
func TestCoalitionCoordinatorCannotDateStancesAhead(t *testing.T) {
	sc := newCoalition(t)
	ctx := context.Background()
	carol := coalConnect(t, sc.url, sc.coord)
	insert := func(uuid string, at int64) error {
		_, err := carol.Exec(ctx, `INSERT INTO stance_history (uuid, campaign_id, legislator_id, stance, changed_at,
			changed_by, reason) VALUES ($1, $2, $3, 'sponsor', $4, 'Open States', 'sponsor of the bill')`,
			uuid, sc.campaign, sc.legislator, at)
		return err
	}
	if err := insert("coord-2100", 4102444800); err == nil || !strings.Contains(err.Error(), "dated in the future") {
		t.Errorf("the coordinator's stance change dated 2100: %v, want refused as dated in the future", err)
	}
	if err := insert("coord-now", time.Now().Unix()); err != nil {
		t.Errorf("the coordinator's sponsor stance dated now: %v", err)
	}
}

// A checkout's stance change or call dated two hours ahead passed the push's own check
// (it allowed a day) and was then refused by the server in PostgreSQL's words, naming
// one row. The push refuses it first, with the database's limit, naming every row.
func TestCoalitionPushRefusesAheadInItsOwnWords(t *testing.T) {
	sc := newCoalition(t)
	ctx := context.Background()
	ls, err := db.Open(ctx, coalAs(t, sc.url, sc.leadA), db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ls.Close()
	dest := filepath.Join(t.TempDir(), "worcester.db")
	if err := ls.Checkout(ctx, dest); err != nil {
		t.Fatal(err)
	}
	ahead := strconv.FormatInt(time.Now().Add(2*time.Hour).Unix(), 10)
	rawWrite(t, dest,
		`INSERT INTO stance_history (uuid, campaign_id, legislator_id, stance, changed_at, changed_by, reason, chapter_id)
			SELECT 'ahead-stance', campaign_id, legislator_id, 'leaning_no', `+ahead+`, 'chapter lead', 'set by hand', chapter_id
			FROM call_reports LIMIT 1`,
		`INSERT INTO call_reports (uuid, chapter_id, campaign_id, volunteer_id, legislator_id, called_at, outcome, created_at, updated_at)
			SELECT 'ahead-call', chapter_id, campaign_id, volunteer_id, legislator_id, `+ahead+`, outcome, 1, 1
			FROM call_reports LIMIT 1`)
	_, err = ls.Push(ctx, dest, db.PushList, false)
	if !errors.Is(err, db.ErrRefusedMerge) {
		t.Fatalf("push of a checkout with a stance change and a call two hours ahead: %v, want refused by the app", err)
	}
	for _, want := range []string{"the stance change of", "Jane Doe to leaning no dated", "the call to", "more than 10 minutes",
		"check the clock of the computer that recorded"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the refusal %q does not say %q", err, want)
		}
	}
	if strings.Contains(err.Error(), "SQLSTATE") {
		t.Errorf("the refusal is the database's: %v", err)
	}
}

// A lead's SetStance of sponsor or cosponsor (the legislator page offers neither to a
// lead; another program, or an older one, may send it) is a validation error in the
// app's words, not the database's refusal.
func TestCoalitionLeadSetStanceSponsorIsValidation(t *testing.T) {
	sc := newCoalition(t)
	ctx := context.Background()
	ls, err := db.Open(ctx, coalAs(t, sc.url, sc.leadA), db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ls.Close()
	for _, s := range []db.Stance{db.StanceSponsor, db.StanceCosponsor} {
		_, err := ls.SetStance(ctx, db.StanceChange{CampaignID: sc.campaign, LegislatorID: sc.legislator, Stance: s,
			ChangedBy: "chapter lead", Reason: "filed the bill"})
		var ve *db.ValidationError
		if !errors.As(err, &ve) || !strings.Contains(ve.Message, "official record") {
			t.Errorf("a lead's SetStance %s: %v, want a validation error saying it is the official record's", s, err)
		}
	}
	if _, err := ls.SetStance(ctx, db.StanceChange{CampaignID: sc.campaign, LegislatorID: sc.legislator,
		Stance: db.StanceLeaningYes, ChangedBy: "chapter lead", Reason: "town hall"}); err != nil {
		t.Errorf("a lead's SetStance leaning yes: %v", err)
	}
	// Over a sponsor the official record named (another legislator), likewise.
	var sponsor int64
	if err := sc.admin.QueryRow(ctx, `INSERT INTO legislators (uuid, chamber, district, name, created_at, updated_at)
		VALUES ('leg-2', 'lower', '2nd Worcester', 'John Roe', 0, 0) RETURNING id`).Scan(&sponsor); err != nil {
		t.Fatal(err)
	}
	if _, err := sc.admin.Exec(ctx, `INSERT INTO stance_history (uuid, campaign_id, legislator_id, stance, changed_at,
		changed_by, reason) VALUES ('record-sponsor', $1, $2, 'sponsor', $3, 'Open States', 'sponsor of the bill')`,
		sc.campaign, sponsor, time.Now().Add(-time.Minute).Unix()); err != nil {
		t.Fatal(err)
	}
	_, err = ls.SetStance(ctx, db.StanceChange{CampaignID: sc.campaign, LegislatorID: sponsor,
		Stance: db.StanceNo, ChangedBy: "chapter lead", Reason: "town hall"})
	var ve *db.ValidationError
	if !errors.As(err, &ve) || !strings.Contains(ve.Message, "a sponsor on the official record") {
		t.Errorf("a lead's SetStance over a sponsor: %v, want a validation error", err)
	}
}

// A lead's checkout took a sponsor or cosponsor stance (the data file's rules, not the
// server's), and its push was then refused whole by the server: the file says it is a
// lead's checkout, and refuses them as the server would, in the app's words.
func TestCoalitionLeadCheckoutRefusesSponsorship(t *testing.T) {
	sc := newCoalition(t)
	ctx := context.Background()
	ls, err := db.Open(ctx, coalAs(t, sc.url, sc.leadA), db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ls.Close()
	dest := filepath.Join(t.TempDir(), "worcester.db")
	if err := ls.Checkout(ctx, dest); err != nil {
		t.Fatal(err)
	}
	f, err := db.Open(ctx, dest, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	camps, err := f.Campaigns(ctx)
	if err != nil || len(camps) != 1 {
		t.Fatalf("the checkout's campaigns: %v, %v", camps, err)
	}
	legs, err := f.Legislators(ctx)
	if err != nil || len(legs) != 1 {
		t.Fatalf("the checkout's legislators: %v, %v", legs, err)
	}
	if who, err := f.WhoAmI(ctx); err != nil || !who.CheckoutOfLead {
		t.Errorf("WhoAmI on a lead's checkout: %+v, %v; want CheckoutOfLead", who, err)
	}
	_, err = f.SetStance(ctx, db.StanceChange{CampaignID: camps[0].ID, LegislatorID: legs[0].ID, Stance: db.StanceCosponsor,
		ChangedBy: "chapter lead", Reason: "filed the bill"})
	var ve *db.ValidationError
	if !errors.As(err, &ve) || !strings.Contains(ve.Message, "official record") {
		t.Errorf("SetStance cosponsor in a lead's checkout: %v, want a validation error saying it is the official record's", err)
	}
	if _, err := f.SetStance(ctx, db.StanceChange{CampaignID: camps[0].ID, LegislatorID: legs[0].ID,
		Stance: db.StanceLeaningYes, ChangedBy: "chapter lead", Reason: "town hall"}); err != nil {
		t.Errorf("SetStance leaning yes in a lead's checkout: %v", err)
	}
	if _, err := ls.Push(ctx, dest, db.PushList, false); err != nil {
		t.Errorf("push of the checkout: %v", err)
	}
}
