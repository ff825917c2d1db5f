package db

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/google/uuid"
)

// CampaignFileFormat and CampaignFileVersion identify a campaign file, the JSON a
// coalition writes once and every chapter loads (docs in README, "Campaign files").
const (
	CampaignFileFormat  = "chapterdesk-campaign"
	CampaignFileVersion = 1
)

// Translated is one text in several languages, keyed by BCP 47 code ("en", "es").
type Translated map[string]string

// In returns the text in lang, falling back to fallback and then to any language.
func (t Translated) In(lang, fallback string) string {
	if s := t[lang]; s != "" {
		return s
	}
	if s := t[fallback]; s != "" {
		return s
	}
	for _, k := range sortedKeys(t) {
		if t[k] != "" {
			return t[k]
		}
	}
	return ""
}

// CampaignTexts are a campaign's texts in one language.
type CampaignTexts struct {
	Name          string `json:"name"`
	Summary       string `json:"summary"`
	CallScript    string `json:"call_script"`
	ScriptKeyLine string `json:"script_key_line"`
	HelpIntro     string `json:"help_intro"`
}

// Bill is one bill of a campaign.
type Bill struct {
	Chamber Chamber `json:"chamber"`
	Number  string  `json:"number"`
	Sponsor string  `json:"sponsor"`
}

// FAQEntry is a question and its answer, in every language the campaign has.
type FAQEntry struct {
	ID       int64      `json:"-"`
	UUID     string     `json:"uuid"`
	Question Translated `json:"question"`
	Answer   Translated `json:"answer"`
}

// FAQSection is a titled, ordered group of FAQ entries.
type FAQSection struct {
	ID      int64      `json:"-"`
	UUID    string     `json:"uuid"`
	Title   Translated `json:"title"`
	Entries []FAQEntry `json:"entries"`
}

// HelpStep is one "how you can help" step.
type HelpStep struct {
	ID   int64      `json:"-"`
	UUID string     `json:"uuid"`
	Text Translated `json:"text"`
}

// VotesNeeded is how many votes the bill needs in each chamber.
type VotesNeeded struct {
	Upper int `json:"upper"`
	Lower int `json:"lower"`
}

// Campaign is a campaign with all its content and translations: what the Campaign
// screen edits, what leaflets print, and what a campaign file carries.
type Campaign struct {
	ID          int64                    `json:"-"`
	UUID        string                   `json:"uuid"`
	Revision    int                      `json:"revision"`
	State       string                   `json:"state"`
	DefaultLang string                   `json:"default_lang"`
	ActionURL   string                   `json:"action_url"`
	VotesNeeded VotesNeeded              `json:"votes_needed"`
	Bills       []Bill                   `json:"bills"`
	Texts       map[string]CampaignTexts `json:"texts"`
	FAQ         []FAQSection             `json:"faq"`
	HelpSteps   []HelpStep               `json:"help_steps"`
	// Version is the campaign's row version when it was read: SaveCampaign refuses to
	// save over a newer one (EditConflictError); 0 (a campaign file, a merge) saves
	// whatever is there. UpdatedBy is who saved it last.
	Version   int64  `json:"-"`
	UpdatedBy string `json:"-"`
}

// Name is the campaign's name in its default language.
func (c Campaign) Name() string { return c.TextsIn(c.DefaultLang).Name }

// Counts reports whether the campaign's whip count has legislator l: one of its
// state, or of no known state; every legislator when the campaign names no state.
// It is campaignStateSQL's condition, for what is read into memory (call sheets).
func (c Campaign) Counts(l Legislator) bool {
	return c.State == "" || l.State == "" || strings.EqualFold(l.State, c.State)
}

// TextsIn returns the campaign's texts in lang, or in its default language.
func (c Campaign) TextsIn(lang string) CampaignTexts {
	if t, ok := c.Texts[lang]; ok {
		return t
	}
	return c.Texts[c.DefaultLang]
}

// Languages lists the languages the campaign has texts in, default first.
func (c Campaign) Languages() []string {
	out := []string{c.DefaultLang}
	for _, l := range sortedKeys(c.Texts) {
		if l != c.DefaultLang {
			out = append(out, l)
		}
	}
	return out
}

// BillFor returns the campaign's bill in a chamber.
func (c Campaign) BillFor(ch Chamber) (Bill, bool) {
	for _, b := range c.Bills {
		if b.Chamber == ch {
			return b, true
		}
	}
	return Bill{}, false
}

// BillNumberFor is the bill a call script names to a legislator of chamber ch: their
// chamber's, else all the campaign's (a campaign of Senate bills only: those come to the
// House too), so a script never reads "stand on ?".
func (c Campaign) BillNumberFor(ch Chamber) string {
	if b, ok := c.BillFor(ch); ok {
		return b.Number
	}
	return c.BillNumbers()
}

// BillNumbers joins the bill numbers: "S.1305 / H.3269".
func (c Campaign) BillNumbers() string {
	var nums []string
	for _, b := range c.Bills {
		nums = append(nums, b.Number)
	}
	return strings.Join(nums, " / ")
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

type campaignFile struct {
	Format   string   `json:"format"`
	Version  int      `json:"version"`
	Campaign Campaign `json:"campaign"`
}

// ParseCampaignFile reads a campaign file, refusing other formats and newer versions.
func ParseCampaignFile(data []byte) (Campaign, error) {
	var f campaignFile
	if err := json.Unmarshal(data, &f); err != nil {
		return Campaign{}, fmt.Errorf("read campaign file: %w", err)
	}
	if f.Format != CampaignFileFormat {
		return Campaign{}, fmt.Errorf("read campaign file: not a ChapterDesk campaign file (format %q)", f.Format)
	}
	if f.Version > CampaignFileVersion {
		return Campaign{}, fmt.Errorf("read campaign file: version %d is newer than this ChapterDesk reads (%d)", f.Version, CampaignFileVersion)
	}
	return f.Campaign, f.Campaign.validate()
}

// MarshalCampaignFile writes c as a campaign file.
func MarshalCampaignFile(c Campaign) ([]byte, error) {
	return json.MarshalIndent(campaignFile{CampaignFileFormat, CampaignFileVersion, c}, "", "  ")
}

func (c *Campaign) validate() error {
	if c.UUID == "" {
		c.UUID = newUUID()
	}
	if _, err := uuid.Parse(c.UUID); err != nil {
		return &ValidationError{"uuid", fmt.Sprintf("Campaign id %q is not a UUID.", c.UUID)}
	}
	if c.DefaultLang == "" {
		c.DefaultLang = "en"
	}
	if strings.TrimSpace(c.TextsIn(c.DefaultLang).Name) == "" {
		return &ValidationError{"name", "The campaign needs a name in its default language."}
	}
	for _, b := range c.Bills {
		if !b.Chamber.Valid() || strings.TrimSpace(b.Number) == "" {
			return &ValidationError{"bills", fmt.Sprintf("Bill %q needs a number and a chamber (upper or lower).", b.Number)}
		}
	}
	if c.VotesNeeded.Upper < 0 || c.VotesNeeded.Lower < 0 {
		return &ValidationError{"votes_needed", "Votes needed cannot be negative."}
	}
	if c.Revision <= 0 {
		c.Revision = 1
	}
	return nil
}

// SaveCampaign creates or updates a campaign and all its content, matching the
// campaign, its sections, entries and steps by UUID. Content the file no longer has is
// left alone, so a chapter's own additions survive a newer revision. It returns the
// campaign's id.
func (s *Store) SaveCampaign(ctx context.Context, c Campaign) (int64, error) {
	id, _, err := s.SaveCampaignSaying(ctx, c)
	return id, err
}

// SaveCampaignSaying is SaveCampaign, and says what became of the session links of a
// bill whose number c no longer has, and of their record (see followRenumbered), as
// campaign import does: the campaign screen's save.
func (s *Store) SaveCampaignSaying(ctx context.Context, c Campaign) (int64, []string, error) {
	var notes []string
	if err := c.validate(); err != nil {
		return 0, nil, err
	}
	var id int64
	var conflict *EditConflictError
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		notes = nil
		if c.Version != 0 {
			// Someone else saved it since it was read: nothing is written.
			var now int64
			var by string
			err := tx.QueryRowContext(ctx, `SELECT row_version, updated_by FROM campaigns WHERE uuid = ?`, c.UUID).Scan(&now, &by)
			if err == nil && now != c.Version {
				conflict = &EditConflictError{Kind: "campaign", Name: c.Name(), By: by}
				return conflict
			}
		}
		// A number changed here is checked; a campaign new to the file is as its
		// author set it, whatever part of the roll is loaded yet.
		was := c.VotesNeeded
		err := tx.QueryRowContext(ctx, `SELECT votes_needed_upper, votes_needed_lower FROM campaigns WHERE uuid = ?`, c.UUID).
			Scan(&was.Upper, &was.Lower)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if err := checkVotesNeeded(ctx, tx, c.State, c.VotesNeeded, was); err != nil {
			return err
		}
		if id, err = saveCampaign(ctx, tx, s.server != nil, &c, &notes); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE campaigns SET row_version = row_version + 1, updated_by = ? WHERE id = ?`, s.actor, id)
		return err
	})
	if conflict != nil {
		return 0, nil, conflict
	}
	if err != nil {
		return 0, nil, fmt.Errorf("save campaign %s: %w", c.UUID, mapErr(err))
	}
	return id, notes, nil
}

// saveCampaign writes c (see SaveCampaign; server: the store is PostgreSQL); notes (nil: none wanted) get what became
// of the session links of a bill whose number c no longer has (see followRenumbered).
func saveCampaign(ctx context.Context, tx *sql.Tx, server bool, c *Campaign, notes *[]string) (int64, error) {
	now := nowUnix()
	var id int64
	err := tx.QueryRowContext(ctx, `INSERT INTO campaigns (uuid, revision, state, default_lang, action_url,
		votes_needed_upper, votes_needed_lower, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (uuid) DO UPDATE SET revision = excluded.revision, state = excluded.state,
			default_lang = excluded.default_lang, action_url = excluded.action_url,
			votes_needed_upper = excluded.votes_needed_upper, votes_needed_lower = excluded.votes_needed_lower,
			updated_at = excluded.updated_at, deleted_at = NULL
		RETURNING id`, c.UUID, c.Revision, c.State, c.DefaultLang, c.ActionURL, c.VotesNeeded.Upper,
		c.VotesNeeded.Lower, now, now).Scan(&id)
	if err != nil {
		return 0, err
	}
	c.ID = id
	var before []Bill
	if err := eachRow(ctx, tx, func(r *sql.Rows) error {
		var b Bill
		err := r.Scan(&b.Chamber, &b.Number)
		before = append(before, b)
		return err
	}, `SELECT chamber, number FROM campaign_bills WHERE campaign_id = ? ORDER BY position`, id); err != nil {
		return 0, err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM campaign_bills WHERE campaign_id = ?`, id); err != nil {
		return 0, err
	}
	for i, b := range c.Bills {
		if _, err := tx.ExecContext(ctx, `INSERT INTO campaign_bills (campaign_id, chamber, number, sponsor, position)
			VALUES (?, ?, ?, ?, ?)`, id, string(b.Chamber), strings.TrimSpace(b.Number), b.Sponsor, i); err != nil {
			return 0, err
		}
	}
	if err := followRenumbered(ctx, tx, server, id, before, c.Bills, notes); err != nil {
		return 0, err
	}
	for lang, t := range c.Texts {
		if _, err := tx.ExecContext(ctx, `INSERT INTO campaign_texts (campaign_id, lang, name, summary, call_script,
			script_key_line, help_intro, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (campaign_id, lang) DO UPDATE SET name = excluded.name, summary = excluded.summary,
				call_script = excluded.call_script, script_key_line = excluded.script_key_line,
				help_intro = excluded.help_intro, updated_at = excluded.updated_at`,
			id, lang, t.Name, t.Summary, t.CallScript, t.ScriptKeyLine, t.HelpIntro, now); err != nil {
			return 0, err
		}
	}
	for si := range c.FAQ {
		sec := &c.FAQ[si]
		if sec.UUID == "" {
			sec.UUID = newUUID()
		}
		if err := tx.QueryRowContext(ctx, `INSERT INTO faq_sections (uuid, campaign_id, position, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?) ON CONFLICT (uuid) DO UPDATE SET position = excluded.position,
			updated_at = excluded.updated_at RETURNING id`, sec.UUID, id, si, now, now).Scan(&sec.ID); err != nil {
			return 0, err
		}
		if err := upsertTexts(ctx, tx, `faq_section_texts`, `section_id`, sec.ID, map[string]Translated{"title": sec.Title}); err != nil {
			return 0, err
		}
		for ei := range sec.Entries {
			e := &sec.Entries[ei]
			if e.UUID == "" {
				e.UUID = newUUID()
			}
			if err := tx.QueryRowContext(ctx, `INSERT INTO faq_entries (uuid, section_id, position, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?) ON CONFLICT (uuid) DO UPDATE SET section_id = excluded.section_id,
				position = excluded.position, updated_at = excluded.updated_at RETURNING id`,
				e.UUID, sec.ID, ei, now, now).Scan(&e.ID); err != nil {
				return 0, err
			}
			if err := upsertTexts(ctx, tx, `faq_entry_texts`, `entry_id`, e.ID,
				map[string]Translated{"question": e.Question, "answer": e.Answer}); err != nil {
				return 0, err
			}
		}
	}
	for i := range c.HelpSteps {
		st := &c.HelpSteps[i]
		if st.UUID == "" {
			st.UUID = newUUID()
		}
		if err := tx.QueryRowContext(ctx, `INSERT INTO help_steps (uuid, campaign_id, position, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?) ON CONFLICT (uuid) DO UPDATE SET position = excluded.position,
			updated_at = excluded.updated_at RETURNING id`, st.UUID, id, i, now, now).Scan(&st.ID); err != nil {
			return 0, err
		}
		if err := upsertTexts(ctx, tx, `help_step_texts`, `step_id`, st.ID, map[string]Translated{"body": st.Text}); err != nil {
			return 0, err
		}
	}
	return id, nil
}

// upsertTexts writes translated columns (column name to its texts) of one row of a
// *_texts table, one row per language.
func upsertTexts(ctx context.Context, tx *sql.Tx, table, key string, id int64, cols map[string]Translated) error {
	names := sortedKeys(cols)
	langs := map[string]bool{}
	for _, n := range names {
		for l := range cols[n] {
			langs[l] = true
		}
	}
	var sets []string
	for _, n := range names {
		sets = append(sets, n+" = excluded."+n)
	}
	q := `INSERT INTO ` + table + ` (` + key + `, lang, ` + strings.Join(names, ", ") + `) VALUES (?, ?, ` +
		placeholders(len(names)) + `) ON CONFLICT (` + key + `, lang) DO UPDATE SET ` + strings.Join(sets, ", ")
	for l := range langs {
		args := []any{id, l}
		for _, n := range names {
			args = append(args, cols[n][l])
		}
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			return err
		}
	}
	return nil
}

// CampaignSummary is a campaign as a list shows it.
type CampaignSummary struct {
	ID          int64
	UUID        string
	Name        string
	BillNumbers string
	Status      string
}

// newestCampaignOrder orders campaigns as the app offers them: the campaigns being
// worked on, newest first, then the archived ones. The first is what a verb or
// screen takes when no campaign is named.
const newestCampaignOrder = `(CASE WHEN status = 'archived' THEN 1 ELSE 0 END), id DESC`

// Campaigns lists the live campaigns, newest first, archived ones last.
func (s *Store) Campaigns(ctx context.Context) ([]CampaignSummary, error) {
	var out []CampaignSummary
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = campaignList(ctx, tx)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("list campaigns: %w", err)
	}
	return out, nil
}

// campaignList lists the live campaigns in tx as Campaigns does.
func campaignList(ctx context.Context, tx *sql.Tx) ([]CampaignSummary, error) {
	var out []CampaignSummary
	err := eachRow(ctx, tx, func(r *sql.Rows) error {
		var c CampaignSummary
		err := r.Scan(&c.ID, &c.UUID, &c.Name, &c.Status, &c.BillNumbers)
		out = append(out, c)
		return err
	}, `SELECT c.id, c.uuid, coalesce(t.name, ''), c.status,
		coalesce((SELECT string_agg(number, ' / ' ORDER BY position) FROM campaign_bills WHERE campaign_id = c.id), '')
		FROM campaigns c LEFT JOIN campaign_texts t ON t.campaign_id = c.id AND t.lang = c.default_lang
		WHERE c.deleted_at IS NULL ORDER BY (CASE WHEN c.status = 'archived' THEN 1 ELSE 0 END), c.id DESC`)
	return out, err
}

// Title names a campaign for a sentence: "campaign 2, Safe Communities Act (S.1305 /
// H.3269)", its ID first since two campaigns may share a name.
func (c CampaignSummary) Title() string {
	t := fmt.Sprintf("campaign %d", c.ID)
	if c.Name != "" {
		t += ", " + c.Name
	}
	if c.BillNumbers != "" {
		t += " (" + c.BillNumbers + ")"
	}
	if c.Status == "archived" {
		t += ", archived"
	}
	return t
}

// importCampaign is the campaign an import files its rows under: the one asked for
// (id), else the only active one (the newest archived one when none is active).
// More than one active and none asked for is a question, ErrWhichCampaign naming
// them: filing under the newest moved a whip count the lead may not have meant.
func importCampaign(ctx context.Context, tx *sql.Tx, id int64, what string) (CampaignSummary, error) {
	list, err := campaignList(ctx, tx)
	if err != nil {
		return CampaignSummary{}, err
	}
	if id != 0 {
		for _, c := range list {
			if c.ID == id {
				return c, nil
			}
		}
		return CampaignSummary{}, fmt.Errorf("%w: there is no campaign %d to file the %s under (chapterdesk campaign list names them)", ErrNotFound, id, what)
	}
	if len(list) == 0 {
		return CampaignSummary{}, fmt.Errorf("%w: no campaign to file the %s under", ErrNotFound, what)
	}
	var active []string
	for _, c := range list {
		if c.Status != "archived" {
			active = append(active, c.Title())
		}
	}
	if len(active) > 1 {
		return CampaignSummary{}, fmt.Errorf("%w: %d campaigns are active here (%s): say which the %s are about (--campaign ID)",
			ErrWhichCampaign, len(active), strings.Join(active, "; "), what)
	}
	return list[0], nil
}

// Campaign loads a campaign with all its live content and translations.
func (s *Store) Campaign(ctx context.Context, id int64) (Campaign, error) {
	var c Campaign
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		var err error
		c, err = loadCampaign(ctx, tx, id)
		return err
	})
	if err != nil {
		return Campaign{}, fmt.Errorf("load campaign %d: %w", id, mapErr(err))
	}
	return c, nil
}

// loadCampaign reads a campaign with its live content in tx.
func loadCampaign(ctx context.Context, tx *sql.Tx, id int64) (Campaign, error) {
	c := Campaign{ID: id, Texts: map[string]CampaignTexts{}}
	err := func() error {
		if err := tx.QueryRowContext(ctx, `SELECT uuid, revision, state, default_lang, action_url, votes_needed_upper,
			votes_needed_lower, row_version, updated_by FROM campaigns WHERE id = ? AND deleted_at IS NULL`, id).Scan(&c.UUID, &c.Revision,
			&c.State, &c.DefaultLang, &c.ActionURL, &c.VotesNeeded.Upper, &c.VotesNeeded.Lower, &c.Version, &c.UpdatedBy); err != nil {
			return err
		}
		if err := eachRow(ctx, tx, func(r *sql.Rows) error {
			var b Bill
			err := r.Scan(&b.Chamber, &b.Number, &b.Sponsor)
			c.Bills = append(c.Bills, b)
			return err
		}, `SELECT chamber, number, sponsor FROM campaign_bills WHERE campaign_id = ? ORDER BY position`, id); err != nil {
			return err
		}
		if err := eachRow(ctx, tx, func(r *sql.Rows) error {
			var lang string
			var t CampaignTexts
			err := r.Scan(&lang, &t.Name, &t.Summary, &t.CallScript, &t.ScriptKeyLine, &t.HelpIntro)
			c.Texts[lang] = t
			return err
		}, `SELECT lang, name, summary, call_script, script_key_line, help_intro FROM campaign_texts WHERE campaign_id = ?`, id); err != nil {
			return err
		}
		if err := eachRow(ctx, tx, func(r *sql.Rows) error {
			var sec FAQSection
			err := r.Scan(&sec.ID, &sec.UUID)
			sec.Title = Translated{}
			c.FAQ = append(c.FAQ, sec)
			return err
		}, `SELECT id, uuid FROM faq_sections WHERE campaign_id = ? AND deleted_at IS NULL ORDER BY position, id`, id); err != nil {
			return err
		}
		for i := range c.FAQ {
			sec := &c.FAQ[i]
			if err := eachRow(ctx, tx, func(r *sql.Rows) error {
				var lang, title string
				err := r.Scan(&lang, &title)
				sec.Title[lang] = title
				return err
			}, `SELECT lang, title FROM faq_section_texts WHERE section_id = ?`, sec.ID); err != nil {
				return err
			}
			if err := eachRow(ctx, tx, func(r *sql.Rows) error {
				var e FAQEntry
				err := r.Scan(&e.ID, &e.UUID)
				e.Question, e.Answer = Translated{}, Translated{}
				sec.Entries = append(sec.Entries, e)
				return err
			}, `SELECT id, uuid FROM faq_entries WHERE section_id = ? AND deleted_at IS NULL ORDER BY position, id`, sec.ID); err != nil {
				return err
			}
			for j := range sec.Entries {
				e := &sec.Entries[j]
				if err := eachRow(ctx, tx, func(r *sql.Rows) error {
					var lang, q, a string
					err := r.Scan(&lang, &q, &a)
					e.Question[lang], e.Answer[lang] = q, a
					return err
				}, `SELECT lang, question, answer FROM faq_entry_texts WHERE entry_id = ?`, e.ID); err != nil {
					return err
				}
			}
		}
		if err := eachRow(ctx, tx, func(r *sql.Rows) error {
			var st HelpStep
			err := r.Scan(&st.ID, &st.UUID)
			st.Text = Translated{}
			c.HelpSteps = append(c.HelpSteps, st)
			return err
		}, `SELECT id, uuid FROM help_steps WHERE campaign_id = ? AND deleted_at IS NULL ORDER BY position, id`, id); err != nil {
			return err
		}
		for i := range c.HelpSteps {
			st := &c.HelpSteps[i]
			if err := eachRow(ctx, tx, func(r *sql.Rows) error {
				var lang, body string
				err := r.Scan(&lang, &body)
				st.Text[lang] = body
				return err
			}, `SELECT lang, body FROM help_step_texts WHERE step_id = ?`, st.ID); err != nil {
				return err
			}
		}
		return nil
	}()
	return c, err
}

// eachRow runs q and calls fn for every row.
func eachRow(ctx context.Context, tx rowsQueryer, fn func(*sql.Rows) error, q string, args ...any) error {
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// CampaignStatuses are the states a campaign can be in: active is worked on, won and
// lost are over, archived leaves every chooser (its reports still count in its own
// workbook).
var CampaignStatuses = []string{"active", "won", "lost", "archived"}

// SetCampaignStatus moves a campaign to a status (see CampaignStatuses).
func (s *Store) SetCampaignStatus(ctx context.Context, id int64, status string) error {
	ok := false
	for _, st := range CampaignStatuses {
		ok = ok || st == status
	}
	if !ok {
		return &ValidationError{"status", fmt.Sprintf("%q is not a campaign status (%s).", status, strings.Join(CampaignStatuses, ", "))}
	}
	err := s.execOne(ctx, `UPDATE campaigns SET status = ?, updated_at = ?, row_version = row_version + 1, updated_by = ?
		WHERE id = ? AND deleted_at IS NULL`, status, nowUnix(), s.actor, id)
	if err != nil {
		return fmt.Errorf("set status of campaign %d: %w", id, mapErr(err))
	}
	return nil
}

// SetCampaignTarget sets a campaign's state (its whip count is that state's
// legislators) and the votes it needs in each chamber.
func (s *Store) SetCampaignTarget(ctx context.Context, id int64, state string, need VotesNeeded) error {
	state = strings.ToUpper(strings.TrimSpace(state))
	if state != "" && !isStateCode(state) {
		return &ValidationError{"state", fmt.Sprintf("%q is not a state's two-letter code (MA, NH, NY...).", state)}
	}
	if need.Upper < 0 || need.Lower < 0 {
		return &ValidationError{"votes_needed", "Votes needed cannot be negative."}
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var was string
		var wasNeed VotesNeeded
		if err := tx.QueryRowContext(ctx, `SELECT state, votes_needed_upper, votes_needed_lower FROM campaigns
			WHERE id = ? AND deleted_at IS NULL`, id).Scan(&was, &wasNeed.Upper, &wasNeed.Lower); err != nil {
			return err
		}
		if err := VotesCarriedOver(was, state, wasNeed, need); err != nil {
			return err
		}
		if err := checkVotesNeeded(ctx, tx, state, need, wasNeed); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `UPDATE campaigns SET state = ?, votes_needed_upper = ?, votes_needed_lower = ?, updated_at = ?,
			row_version = row_version + 1, updated_by = ? WHERE id = ?`, state, need.Upper, need.Lower, nowUnix(), s.actor, id)
		return err
	})
	if err != nil {
		return fmt.Errorf("set the target of campaign %d: %w", id, mapErr(err))
	}
	return nil
}

// VotesCarriedOver refuses a change of a campaign's state from was to state that
// keeps a chamber's votes needed as they were set for the old one: another state's
// legislature needs other numbers, and they are not kept for it without a word. The
// campaign screen asks it too.
func VotesCarriedOver(was, state string, wasNeed, need VotesNeeded) error {
	if was == "" || strings.EqualFold(was, state) {
		return nil
	}
	for _, c := range []struct {
		ch        Chamber
		now, then int
	}{{ChamberUpper, need.Upper, wasNeed.Upper}, {ChamberLower, need.Lower, wasNeed.Lower}} {
		if c.now != 0 && c.now == c.then {
			return &ValidationError{"votes_needed", fmt.Sprintf("The %d %s votes needed were set for %s: say how many %s needs, "+
				"or 0 to leave it unset.", c.now, c.ch.Label(), strings.ToUpper(was), stateOrNone(state))}
		}
	}
	return nil
}

// stateOrNone names a campaign's state in a sentence.
func stateOrNone(state string) string {
	if state == "" {
		return "a campaign without a state"
	}
	return state
}

// checkVotesNeeded refuses a number of votes needed changed from was that a chamber
// cannot give: more than the members of the campaign's state the database has in
// office there, when it has any (a chamber with vacant seats has fewer members than
// seats, so the check is on the safe side of a two-thirds vote).
func checkVotesNeeded(ctx context.Context, tx *sql.Tx, state string, need, was VotesNeeded) error {
	if state == "" || need == was {
		return nil
	}
	return eachRow(ctx, tx, func(r *sql.Rows) error {
		var ch Chamber
		var members int
		if err := r.Scan(&ch, &members); err != nil {
			return err
		}
		n, before := need.Upper, was.Upper
		if ch == ChamberLower {
			n, before = need.Lower, was.Lower
		}
		if n != before && n > members {
			return &ValidationError{"votes_needed", fmt.Sprintf("%d %s votes needed, but %s has %d %s members in office on file.",
				n, ch.Label(), strings.ToUpper(state), members, ch.Label())}
		}
		return nil
	}, `SELECT l.chamber, count(*) FROM legislators l WHERE l.deleted_at IS NULL AND l.in_office = 1 AND `+
		campaignStateSQL("?1")+` GROUP BY l.chamber`, state)
}
