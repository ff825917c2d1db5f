package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// FixCallTimesFormat is the format a FixCallTimes is recorded with among the imports
// (kind calls), so `import list` names it and `import undo` takes it back.
const FixCallTimesFormat = "fix-times"

// callTimesUnsureChange is the import_changes table name of a report's mark in
// call_times_unsure that FixCallTimes cleared: undo puts the mark back.
const callTimesUnsureChange = "call_times_unsure"

// CallTimesFix is what FixCallTimes moved, or would move (DryRun).
type CallTimesFix struct {
	Zone string // the zone the lead says the old ChapterDesk's computer was on
	// Legislature names the legislature's zone the reports were read on ("Massachusetts").
	Legislature string
	DryRun      bool
	// Moved are the reports whose time moved; Right those the zone read as the
	// legislature's clock does (the times were right): their marks clear, nothing
	// moves. Trashed counts those of both in the trash.
	Moved, Right, Trashed int
	// Shifts are how far the times moved, by how many reports: a zone with daylight
	// time and a legislature without (or changing on other days) moves January's and
	// July's reports by different hours.
	Shifts []CallTimeShift
	// Examples are a few reports before and after, on the legislature's clock.
	Examples []CallTimeMove
	// Skipped are reports left listed, with why: the form's time, read on the zone's
	// clock, is one the legislature's clocks skipped (today's import refuses it too).
	Skipped []string
	// StanceChanges counts the whip count's history rows heard on a moved report:
	// each moves with its report (by the same shift, recorded for an undo), so the
	// count ranks the call at its time put right.
	StanceChanges int
	// Recounted are the legislators whose whip count the moved history changed (none
	// for a dry run, which moves nothing).
	Recounted []StanceRecount
	// BatchID is the import batch `import undo` takes it back with; 0 for a dry run
	// or when nothing was listed.
	BatchID int64
	// ZoneGiven counts the reports whose row in the form files (Forms) wrote the time
	// with its own offset or zone: every version read it right, so it is not moved,
	// and its mark clears.
	ZoneGiven int
	// NotInForms counts the reports no row of the form files gives the time of: left
	// as they are, still marked; NotFound names a few.
	NotInForms int
	NotFound   []string
	// Unverified says a dry run was asked with neither the form files nor the lead's
	// word that their times had no zone: it shows every listed report moved, though
	// one whose form gave its zone must not be.
	Unverified bool
	// Sources are the imports the listed reports came from, as the file recorded
	// them ("responses.csv, imported 12 January 2024: 40 reports"): the files to give.
	Sources []string
}

// FixCallTimesOptions are what a lead tells FixCallTimes.
type FixCallTimesOptions struct {
	// Zone is the zone the older ChapterDesk's computer was set to (tz database name).
	Zone   string
	DryRun bool
	// Forms are the rows of the form files the reports were imported from (--from):
	// a listed report moves only when a row wrote its time without a zone, and is
	// found by the instant the old import stored (that time read on Zone's clock); a
	// row that gave its zone says the report was read right. The file keeps neither
	// a report's time as written nor its row, so nothing else can tell.
	Forms []FormTime
	// FormsGaveNoZone is the lead's word, without the files, that every form they
	// imported wrote its times without a zone (a Google Form's "1/16/2024 9:36:11"):
	// every listed report is then moved. With neither, only a dry run is done.
	FormsGaveNoZone bool
}

// FormTime is one row's time in a form file, as FixCallTimes matches it.
type FormTime struct {
	File string
	Line int
	// Zoned: the row wrote the time with its offset or zone ("2024-01-16T09:36:11-05:00",
	// "…Z", "9:36 EST"), At the instant. Otherwise Written is the time as written, its
	// fields in UTC.
	Zoned       bool
	At, Written time.Time
}

// ofSource keeps the rows of the file named source when files (the form files given)
// has it: a report is found only in the form it was imported from, none when its form
// is not among those given. A report whose file's name was not kept is found in any.
func ofSource(rows []FormTime, source string, files map[string]bool) []FormTime {
	if source == "" || len(rows) == 0 {
		return rows
	}
	if !files[source] {
		return nil
	}
	var out []FormTime
	for _, f := range rows {
		if f.File == source {
			out = append(out, f)
		}
	}
	return out
}

// where names the row: "responses.csv line 2".
func (f FormTime) where() string { return fmt.Sprintf("%s line %d", f.File, f.Line) }

// errFormsNeeded is FixCallTimes' refusal to move times with neither the form files
// nor the lead's word that they gave no zone.
const errFormsNeeded = "a form whose times carried their own offset or zone (2024-01-16T09:36:11-05:00, 2024-01-16T14:36:11Z, " +
	"9:36 AM EST) was read right by every ChapterDesk, and its reports must not be moved; the file does not keep the time " +
	"as the form wrote it. Give the form files the reports were imported from, --from FILE (as often as needed): only the " +
	"reports whose time there had no zone move, those whose time gave one lose their mark, the rest stay marked. Open a " +
	"file to tell: a time like 1/16/2024 9:36:11 has no zone. If every form you imported wrote its times so, and the files " +
	"are gone, say so with --forms-gave-no-zone; --dry-run shows what would move"

// StanceRecount is a legislator's whip count before and after FixCallTimes moved the
// stance changes heard on their calls.
type StanceRecount struct {
	Legislator    string
	Before, After Stance
}

// CallTimeShift is one distance the times moved, and how many reports moved by it.
type CallTimeShift struct {
	By      time.Duration
	Reports int
}

// CallTimeMove is one report's time before and after, on the legislature's clock.
type CallTimeMove struct {
	Legislator, Before, After string
}

// unsureCall is a report of call_times_unsure, as FixCallTimes reads it.
type unsureCall struct {
	id, at, updated, listed, campaign int64
	deleted                           bool
	legislator                        string
	chamber                           Chamber
	// source is the name of the file its import read (import_batches.source_name),
	// "" when not kept: a row of another form file given is not its row.
	source string
}

// FixCallTimes moves the times of the reports an older ChapterDesk imported (those
// call_times_unsure lists, see CallTimesUnsure) as if the form's time had been read
// on zone's clock instead of the legislature's: the old ChapterDesk read "9:36" on
// the clock of the computer importing it, so the stored instant shows that
// computer's wall clock in zone, and that wall clock, read on the legislature's
// clock (each report's campaign's, as today's import reads it), is the form's time.
// Each report moves by its own day's offsets (a January and a July report differ by
// daylight time). A zone that reads as the legislature's moves nothing: the marks
// clear. In one transaction, recorded as an import batch (FixCallTimesFormat) that
// `import undo` takes back, marks included; the call stats follow by trigger. With
// dryRun nothing is written.
func (s *Store) FixCallTimes(ctx context.Context, opts FixCallTimesOptions) (CallTimesFix, error) {
	zone, dryRun := opts.Zone, opts.DryRun
	res := CallTimesFix{Zone: zone, DryRun: dryRun, Unverified: len(opts.Forms) == 0 && !opts.FormsGaveNoZone}
	if s.server != nil {
		return res, errors.New("fix call times: a coalition server keeps no list of call times an older ChapterDesk read " +
			"(only a data file's upgrade makes one): run it on the data file, before it is pushed or merged")
	}
	loc, err := loadZone(zone)
	if err != nil {
		return res, fmt.Errorf("fix call times: %w", err)
	}
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		z, err := zoneOf(ctx, tx, 0)
		if err != nil {
			return err
		}
		res.Legislature = z.place()
		var calls []unsureCall
		if err := eachRow(ctx, tx, func(r *sql.Rows) error {
			var c unsureCall
			err := r.Scan(&c.id, &c.at, &c.updated, &c.listed, &c.campaign, &c.deleted, &c.legislator, &c.chamber, &c.source)
			calls = append(calls, c)
			return err
		}, `SELECT r.id, r.called_at, r.updated_at, u.listed_at, r.campaign_id, r.deleted_at IS NOT NULL,
				coalesce(l.name, 'a legislator'), coalesce(l.chamber, ''), coalesce(b.source_name, '')
			FROM call_times_unsure u JOIN call_reports r ON r.id = u.call_report_id
			LEFT JOIN legislators l ON l.id = r.legislator_id
			LEFT JOIN import_batches b ON b.id = r.import_batch_id ORDER BY r.called_at, r.id`); err != nil {
			return err
		}
		if len(calls) == 0 {
			return nil
		}
		if res.Sources, err = unsureSources(ctx, tx); err != nil {
			return err
		}
		if res.Unverified && !dryRun {
			from := ""
			if len(res.Sources) > 0 {
				from = " (they came from: " + strings.Join(res.Sources, "; ") + ")"
			}
			return fmt.Errorf("nothing moved: %s%s", errFormsNeeded, from)
		}
		zoned, wall, files := map[int64][]FormTime{}, map[int64][]FormTime{}, map[string]bool{}
		for _, f := range opts.Forms {
			files[f.File] = true
			if f.Zoned {
				zoned[f.At.Unix()] = append(zoned[f.At.Unix()], f)
				continue
			}
			w := f.Written
			at := time.Date(w.Year(), w.Month(), w.Day(), w.Hour(), w.Minute(), w.Second(), 0, loc).Unix()
			wall[at] = append(wall[at], f)
		}
		if !dryRun {
			if err := tx.QueryRowContext(ctx, `INSERT INTO import_batches (uuid, kind, format, source_name, started_at)
				VALUES (?, 'calls', ?, ?, ?) RETURNING id`, newUUID(), FixCallTimesFormat,
				"--imported-on-zone "+loc.String(), nowUnix()).Scan(&res.BatchID); err != nil {
				return err
			}
		}
		zones := map[int64]Zone{}
		counts := stancesToSettle{}
		shifts := map[time.Duration]int{}
		now := nowUnix()
		for _, c := range calls {
			z, ok := zones[c.campaign]
			if !ok {
				if z, err = zoneOf(ctx, tx, c.campaign); err != nil {
					return err
				}
				zones[c.campaign] = z
			}
			name := Legislator{Chamber: c.chamber, Name: c.legislator}.Title()
			if len(opts.Forms) > 0 {
				// Only the rows of the file the report was imported from, when its name
				// was kept and a file of that name is given: a report of a form not given
				// moved when another form had a row of its instant (tester, s41).
				zr, wr := ofSource(zoned[c.at], c.source, files), ofSource(wall[c.at], c.source, files)
				what := fmt.Sprintf("the call to %s of %s", name, z.Clock(fromUnix(c.at)))
				switch {
				case len(zr) > 0 && len(wr) > 0:
					res.Skipped = append(res.Skipped, fmt.Sprintf("%s: %s gives it with its zone, %s without: "+
						"which row it is cannot be told", what, zr[0].where(), wr[0].where()))
					continue
				case len(zr) > 0:
					res.ZoneGiven++
					if !dryRun {
						if err := clearTimeMark(ctx, tx, res.BatchID, c.id, c.listed); err != nil {
							return err
						}
					}
					continue
				case len(wr) == 0:
					res.NotInForms++
					if len(res.NotFound) < 5 {
						res.NotFound = append(res.NotFound, what)
					}
					continue
				}
			}
			w := fromUnix(c.at).In(loc)
			at, skipped, _ := z.ReadWallClock(time.Date(w.Year(), w.Month(), w.Day(), w.Hour(), w.Minute(), w.Second(), 0, time.UTC))
			if skipped != "" {
				res.Skipped = append(res.Skipped, fmt.Sprintf("the call to %s of %s: %s", name, z.Clock(fromUnix(c.at)), skipped))
				continue
			}
			by := time.Duration(stamp(at)-c.at) * time.Second
			if by == 0 {
				res.Right++
			} else {
				res.Moved++
				shifts[by]++
				if len(res.Examples) < 5 {
					res.Examples = append(res.Examples, CallTimeMove{name, z.Clock(fromUnix(c.at)), z.Clock(at)})
				}
			}
			if c.deleted {
				res.Trashed++
			}
			if dryRun {
				if by != 0 {
					var n int
					if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM stance_history WHERE call_report_id = ?`, c.id).Scan(&n); err != nil {
						return err
					}
					res.StanceChanges += n
				}
				continue
			}
			if by == 0 {
				if err := clearTimeMark(ctx, tx, res.BatchID, c.id, c.listed); err != nil {
					return err
				}
				continue
			}
			mv := timeMove{id: c.id, was: c.at, at: stamp(at), wasUpdated: c.updated, updated: now,
				listed: sql.NullInt64{Int64: c.listed, Valid: true}}
			shift := int64(by / time.Second)
			if err := eachRow(ctx, tx, func(r *sql.Rows) error {
				var h stanceMove
				err := r.Scan(&h.id, &h.was, &h.campaign, &h.legislator)
				h.at = h.was + shift
				mv.stances = append(mv.stances, h)
				return err
			}, `SELECT id, changed_at, campaign_id, legislator_id FROM stance_history WHERE call_report_id = ? ORDER BY id`, c.id); err != nil {
				return err
			}
			if err := moveReportTime(ctx, tx, res.BatchID, s.actor, mv, counts); err != nil {
				return err
			}
			res.StanceChanges += len(mv.stances)
		}
		if res.Recounted, err = counts.settle(ctx, tx); err != nil {
			return err
		}
		for by, n := range shifts {
			res.Shifts = append(res.Shifts, CallTimeShift{by, n})
		}
		sort.Slice(res.Shifts, func(i, j int) bool { return res.Shifts[i].By < res.Shifts[j].By })
		if dryRun || res.Moved+res.Right+res.ZoneGiven == 0 {
			if res.BatchID != 0 {
				_, err := tx.ExecContext(ctx, `DELETE FROM import_batches WHERE id = ?`, res.BatchID)
				res.BatchID = 0
				return err
			}
			return nil
		}
		_, err = tx.ExecContext(ctx, `UPDATE import_batches SET updated = ?, finished_at = ? WHERE id = ?`,
			res.Moved+res.Right+res.ZoneGiven, nowUnix(), res.BatchID)
		return err
	})
	if err != nil {
		return CallTimesFix{}, fmt.Errorf("fix call times: %w", mapErr(err))
	}
	return res, nil
}

// clearTimeMark takes report id's mark off (call_times_unsure, listed then), recorded
// in batch for undo.
func clearTimeMark(ctx context.Context, tx *sql.Tx, batch, id, listed int64) error {
	if err := recordChange(ctx, tx, batch, callTimesUnsureChange, id,
		map[string]string{"listed_at": strconv.FormatInt(listed, 10)}, nil); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `DELETE FROM call_times_unsure WHERE call_report_id = ?`, id)
	return err
}

// timeMove is a report's time put right: from was to at, saved at updated (before:
// wasUpdated), its mark cleared when it has one (listed), and the stance changes
// heard on it each to its own time.
type timeMove struct {
	id, was, at, wasUpdated, updated int64
	listed                           sql.NullInt64
	stances                          []stanceMove
}

// stanceMove is a whip count history row heard on a call, from was to at.
type stanceMove struct{ id, was, at, campaign, legislator int64 }

// moveReportTime moves a report's time, its stance changes' and clears its mark,
// as FixCallTimes and a merge bringing a time put right in the file
// (takeTimesPutRight) both do: each change recorded in batch's import_changes before
// it is made (migration 0018 lets a recorded move of the history through, and
// `import undo` moves it all back), and the counts of the history moved noted to
// settle again. actor is who writes it, for a versioned table.
func moveReportTime(ctx context.Context, tx *sql.Tx, batch int64, actor string, mv timeMove, counts stancesToSettle) error {
	if err := recordChange(ctx, tx, batch, "call_reports", mv.id,
		map[string]string{"called_at": strconv.FormatInt(mv.was, 10), "updated_at": strconv.FormatInt(mv.wasUpdated, 10)},
		map[string]string{"called_at": strconv.FormatInt(mv.at, 10), "updated_at": strconv.FormatInt(mv.updated, 10)}); err != nil {
		return err
	}
	raise, by := raiseVersion("call_reports", actor)
	if _, err := tx.ExecContext(ctx, `UPDATE call_reports SET called_at = ?, updated_at = ?`+raise+` WHERE id = ?`,
		append(append([]any{mv.at, mv.updated}, by...), mv.id)...); err != nil {
		return fmt.Errorf("call report %d: %w", mv.id, err)
	}
	for _, h := range mv.stances {
		if err := counts.note(ctx, tx, h.campaign, h.legislator); err != nil {
			return err
		}
		if err := recordChange(ctx, tx, batch, stanceHistoryChange, h.id,
			map[string]string{"changed_at": strconv.FormatInt(h.was, 10)},
			map[string]string{"changed_at": strconv.FormatInt(h.at, 10)}); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE stance_history SET changed_at = ? WHERE id = ?`, h.at, h.id); err != nil {
			return fmt.Errorf("move stance change %d: %w", h.id, err)
		}
	}
	if mv.listed.Valid {
		return clearTimeMark(ctx, tx, batch, mv.id, mv.listed.Int64)
	}
	return nil
}

// unsureSources are the imports the listed reports came from, as the file recorded
// them ("responses.csv, imported 16 January 2024: 2 reports"), the oldest first.
func unsureSources(ctx context.Context, tx *sql.Tx) ([]string, error) {
	var out []string
	err := eachRow(ctx, tx, func(r *sql.Rows) error {
		var name string
		var at int64
		var n int
		if err := r.Scan(&name, &at, &n); err != nil {
			return err
		}
		if name == "" {
			name = "a file whose name was not kept"
		}
		out = append(out, fmt.Sprintf("%s, imported %s: %d reports", name, fromUnix(at).UTC().Format("2 January 2006"), n))
		return nil
	}, `SELECT b.source_name, b.started_at, count(*) FROM call_times_unsure u JOIN call_reports r ON r.id = u.call_report_id
		JOIN import_batches b ON b.id = r.import_batch_id GROUP BY b.id, b.source_name, b.started_at ORDER BY b.started_at, b.id`)
	return out, err
}

// loadZone is the IANA zone a lead named, refused with a reason when it is none:
// "" and "Local" name no zone (Go reads them as UTC and this computer's).
func loadZone(name string) (*time.Location, error) {
	name = strings.TrimSpace(name)
	if name == "" || strings.EqualFold(name, "local") {
		return nil, errors.New("name the zone the computer that imported them was set to, as the tz database spells it " +
			"(America/New_York, America/Chicago, America/Los_Angeles, UTC, Europe/Lisbon)")
	}
	for abbr, places := range fixedAbbreviations {
		if strings.EqualFold(name, abbr) {
			return nil, fmt.Errorf("%q names a fixed offset from UTC, the same all year, not a place's clock, which keeps "+
				"summer time where the place does: give the place the computer was set to, %s", name, places)
		}
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("%q is no time zone this ChapterDesk knows: give it as the tz database spells it "+
			"(America/New_York, America/Chicago, America/Los_Angeles, UTC, Europe/Lisbon)", name)
	}
	return loc, nil
}

// fixedAbbreviations are the zones of fixed offset the tz database keeps under a
// clock's abbreviation (Go's LoadLocation knows them), with the places a lead typing
// one means: "EST" read as the fixed UTC-5 moves July's right reports an hour and
// calls January's right, where America/New_York reads both right.
var fixedAbbreviations = map[string]string{
	"EST": "America/New_York (Eastern, with summer time)",
	"MST": "America/Denver (Mountain, with summer time) or America/Phoenix (Arizona, none)",
	"HST": "Pacific/Honolulu",
}

// Hours writes a shift as a person says it: "4 hours later", "1 hour 30 minutes earlier".
func (c CallTimeShift) Hours() string {
	d, dir := c.By, "later"
	if d < 0 {
		d, dir = -d, "earlier"
	}
	h, m := int(d/time.Hour), int(d%time.Hour/time.Minute)
	var parts []string
	if h > 0 {
		parts = append(parts, plural(h, "hour"))
	}
	if m > 0 || h == 0 {
		parts = append(parts, plural(m, "minute"))
	}
	return strings.Join(parts, " ") + " " + dir
}

// plural is "1 hour", "4 hours".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
