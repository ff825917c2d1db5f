package db

import (
	"bytes"
	"context"
	"crypto/sha1"
	"database/sql"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"hash/fnv"
	"hash/maphash"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
)

// IncomingCall is one row of a call report form export.
type IncomingCall struct {
	Line int
	// UUID is the report's own, when the file has it (ChapterDesk's call export): the
	// report is then that one, found again, not one made from the row (see prepare).
	UUID string
	// CallerUUID is the caller's volunteer UUID, when the file has it (ChapterDesk's
	// call export): the caller is that volunteer if the roster has them, before the
	// email and the name are asked (two callers may share a name).
	CallerUUID  string
	CallerName  string
	CallerEmail string
	CallerTown  string
	Legislator  string // as the volunteer typed it: "Rep. Jane Doe", "doe", "Senator Doe (2nd Essex)"
	// LegislatorDistrict is the legislator's district in a column of its own
	// (ChapterDesk's call export): it decides between legislators the name fits, and a
	// row whose name is another district's legislator is refused (see withDistrict).
	LegislatorDistrict string
	// LegislatorChamber is the legislator's chamber in a column of its own
	// (ChapterDesk's call export, "House" or "Senate"): one the legislator the row
	// names did not sit in on the call's date is refused as a district is.
	LegislatorChamber Chamber
	CalledAt          time.Time
	// WallClock: the file gave the time without a zone ("2025-02-03 11:00"); the
	// import reads it on the legislature's clock (Store.Zone), whatever this
	// computer's zone, and CalledAt becomes that instant. The report's key then has
	// the time as written, so the file gives the same reports in any zone (see keys).
	WallClock bool
	// WrittenAt is, for a WallClock time, the time as written, its fields in UTC: the
	// reading before a zone made it an instant, which moves a time the zone skips
	// ("2025-03-09 02:30" in New York is 03:30). Zero: CalledAt's fields.
	WrittenAt time.Time
	// OtherWay is, for a WallClock time written d/m/y that reads as another day
	// with its day and month the other way round ("02/11/2026": 11 February month
	// first, 2 November day first), that other reading, its fields in UTC as
	// WrittenAt's; zero for a time that reads one way. A report an earlier import
	// filed under it is this row's call read the other way (see findOtherWay).
	OtherWay time.Time
	// DayOnly says the row gives the day of the call without a time ("12/4/2026",
	// read as its start): filed at noon of that day on the legislature's clock, as the
	// window's call form files a day (today's at the time it is filed). The report's
	// key keeps the day as written (WrittenAt), so a file imported before is found.
	DayOnly bool
	// NoSeconds: the file wrote the time to the minute ("6/2/2025 10:00"), as a sheet
	// re-saved in Excel or Sheets writes a form's timestamp that had its seconds: the
	// report may be stored at any second of that minute (see findByTime).
	NoSeconds   bool
	Office      Office
	Outcome     Outcome
	StanceHeard Stance
	// StanceNotSaid says the row's stance heard is an answer that says nothing of a
	// stance ("Will look into it", "Not sure"), read as Didn't say: ChapterDesk read
	// some as Undecided before 14f7b66, and a report so stored is the same report
	// read under the older rule, not one edited since (see applyEdits).
	StanceNotSaid bool
	Notes         string
	// Cells is the row as the file had it, handed back in UnresolvedCall for a file
	// of the rows left out; the import keeps it only for those.
	Cells []string
}

// CallImportOptions describes a call report import.
type CallImportOptions struct {
	ImportOptions
	CampaignID int64 // 0: the only active campaign (ErrWhichCampaign when several are)
	// UpdateStances moves the whip count to what callers heard (newest report wins),
	// each change citing its report in the history; a call that heard nothing
	// ("Didn't say") leaves it.
	UpdateStances bool
	// AddSimilar adds the rows the import cannot tell from an edit of a stored report
	// (see CallImportSummary.Similar) as calls of their own, instead of leaving them out.
	AddSimilar bool
	// Zoned, when set, is told the legislature's zone before the first row is read: a
	// source that checks its rows (importer.CallFile.InZone) reads a time written
	// without a zone on that clock, as the import will.
	Zoned func(Zone)
}

// UnresolvedCall is a report whose legislator could not be told from the text.
type UnresolvedCall struct {
	Line       int
	Legislator string
	Reason     string
	Cells      []string // the row as the file had it (IncomingCall.Cells)
}

// ErrWhichCampaign is returned by a call import told no campaign while more than one
// is active: filing the reports under the newest would move a whip count the lead
// may not have meant.
var ErrWhichCampaign = errors.New("which campaign")

// CallImportSummary is what a call report import did, or would do in a dry run.
type CallImportSummary struct {
	ImportSummary
	// askOthers: the reports another chapter has too are asked of the server once the
	// import is committed (see listOtherChapters).
	askOthers bool
	// Campaign is the campaign the reports are filed under; a note names it too.
	Campaign      CampaignSummary
	NewCallers    int // callers not on the roster, added as volunteers (source: report form)
	CallerNames       // the callers added, named; the reports filed with no caller
	StanceChanges int
	Unresolved    []UnresolvedCall // rows left out
	// TitleCorrected are reports filed with a correction, for the lead to look over
	// (Reason says which): by the legislator's full name although their title named
	// the other chamber, or to the one legislator by the family name although the
	// first name was not quite theirs; or under a roster volunteer whose family name
	// the report gives otherwise (found by the email despite a typo, or by the name
	// but for apostrophes, hyphens or spaces: see callerIndex.correction).
	TitleCorrected []UnresolvedCall
	// StancesNotTaken counts the reports imported with a stance heard that did not
	// move the whip count (UpdateStances: see CallReport.WhipStance); StanceNotes
	// lists the first of them (up to maxListedChanges), Reason saying why.
	StancesNotTaken  int
	StanceNotes      []UnresolvedCall
	StanceNotesAfter []int // the lines of the rest (see moreLines)
	// StancesBehind counts the stances heard that went into the history but not the
	// whip count, as a newer report's stands (a call older than it: see weighStance),
	// StanceBehindNotes listing the first; StancesTied the stances that took the
	// count from another report's of the very same time (the last recorded of one
	// time stands), StanceTiedNotes listing them. Neither is more than a note.
	// SponsorsReplaced counts the stances heard that took the whip count from a
	// sponsor the campaign's file marked (no sponsorship on record holds them),
	// SponsorReplacedNotes listing the first.
	SponsorsReplaced                   int
	SponsorReplacedNotes               []UnresolvedCall
	SponsorReplacedAfter               []int
	StancesBehind, StancesTied         int
	StanceBehindNotes, StanceTiedNotes []UnresolvedCall
	StanceBehindAfter, StanceTiedAfter []int // the lines of the rest (see moreLines)
	// InOtherChapters counts the reports the import added that another chapter of
	// the file or server has too (see listOtherChapters): a note names the chapters.
	InOtherChapters int
	// InTrash counts the reports filed under volunteers in the trash, found by their
	// email (see callerIndex.find), and TrashedCallers lists those volunteers' ids: not
	// added a second time, nor taken out of the trash unasked.
	InTrash        int
	TrashedCallers []int64
	// Edited are the rows that are a stored report edited (the notes, the office, the
	// outcome corrected), which the import updated (Updated), Reason saying which
	// report and what changed; Similar the rows that may be such an edit or another
	// call, of which the import cannot tell: left out, unless AddSimilar.
	Edited, Similar []UnresolvedCall
	// ReadBefore are the rows whose stored report an older ChapterDesk read as
	// Undecided from an answer this one reads as Didn't say (IncomingCall.StanceNotSaid):
	// left as they are, counted unchanged, the whip count not moved.
	ReadBefore []UnresolvedCall
	// CallersBeside are the callers the import added as new volunteers beside a
	// roster volunteer they may be (Reason names both): one of the same name whose
	// email is another (one person with two emails, or two people), or, for a caller
	// with no email, one whose name is one letter off ("Ann Jhonson" beside Ann
	// Johnson). Listed once a caller, at their first report; CallersBesideCount
	// counts them all, the list keeps the first maxListedChanges.
	CallersBeside      []UnresolvedCall
	CallersBesideCount int
	CallersBesideAfter []int // the lines of the rest (see moreLines)
	// CallersNamed are the roster volunteers known by the first name alone whose
	// report gave the family name too, which the import filled in (Reason says so):
	// a family name the roster has is never overwritten. CallersNamedCount counts
	// them all, the list keeps the first maxListedChanges.
	CallersNamed      []UnresolvedCall
	CallersNamedCount int
	CallersNamedAfter []int // the lines of the rest (see moreLines)
	// CallerNotes are the callers found on the roster otherwise than the form gives
	// them (Reason says how): an email given on a later form joined to the volunteer
	// an earlier one added by name and town, an email that is no address not kept (the
	// caller found by the name), a town misspelt or given as a zip read as the
	// volunteer's. Listed once a caller; CallerNotesCount counts them all, the list
	// keeps the first maxListedChanges.
	CallerNotes      []UnresolvedCall
	CallerNotesCount int
	CallerNotesAfter []int // the lines of the rest (see moreLines)
	// ContactNames are the callers added whose name on the form was (or held) an
	// email or phone number, taken as such and never stored as a name (Reason says
	// how). ContactNamesCount counts them all, the list keeps the first maxListedChanges.
	ContactNames      []UnresolvedCall
	ContactNamesCount int
	ContactNamesAfter []int // the lines of the rest (see moreLines)
	// CallerUnclear are the rows left out as their caller cannot be told (Reason says
	// why): the roster person the email finds has another name (a shared family
	// address, or a typo), or no email and a name several volunteers have. Filed to
	// the person found, or under a new one, the calls would be someone else's.
	CallerUnclear []UnresolvedCall
	// Garbled are the rows left out as a caller's name, town, the notes or the
	// legislator are UTF-8 read as Windows-1252 (see DoubleEncoded), Reason saying
	// what the text reads as and how to import the row: stored, "MarÃ­a" would be a new volunteer beside
	// María, or the report's notes garbled. A file with no good accented text at all
	// is refused whole (see WrongEncodingError).
	Garbled []UnresolvedCall
	// CallerMoved are the rows that are a stored report (its time, legislator,
	// outcome and content) with the caller corrected in the sheet, to another name
	// or another name and email, that names one roster volunteer: the report is moved
	// to them (counted updated, undone with the import), Reason naming both.
	// CallerDiffers are such rows whose caller the roster does not tell (no
	// volunteer, or several, has that name and email): left out, the report kept
	// under its caller, Reason saying how to set it. Neither is "unchanged".
	CallerMoved, CallerDiffers []UnresolvedCall
	// CallerMovedBefore are the rows found unchanged whose report an earlier
	// import moved to another caller (CallerMoved), who the row does not name: a
	// sheet older than the correction. Counted unchanged, the report kept where the
	// correction put it; Reason names both and the import to undo.
	CallerMovedBefore []UnresolvedCall
	// Zone is the zone the times written without one were read in (see Zone.Unknown).
	Zone Zone
	// Moved are the rows with a report's own UUID (ChapterDesk's call export) that
	// name another legislator, caller or time than the report: no edit of its
	// content, and an import does not move a report unasked. Left out, Reason saying
	// what differs; the report is kept as it is.
	Moved []UnresolvedCall
	// FiledElsewhere are the rows whose report is there already (unchanged, or
	// edited) under another campaign than Campaign: a report's campaign is no part of
	// its key, and an import does not move a report unasked. Reason names the
	// campaign; the first maxListedChanges are listed, ElsewhereCount counts them all.
	FiledElsewhere []UnresolvedCall
	ElsewhereCount int
	ElsewhereAfter []int // the lines of the rest (see moreLines)
	// Repeats are the rows alike in all of it to a report earlier in the file (a form
	// submitted twice): counted once, and not "unchanged", which says the report was
	// there before. The first maxListedChanges are listed, RepeatCount counts them all.
	Repeats      []UnresolvedCall
	RepeatCount  int
	RepeatsAfter []int // the lines of the rest (see moreLines)
}

// moreLines says whether a list of an import, holding list, takes another row whole
// (the first maxListedChanges: its reason and more), else keeps its line alone in
// after: a line number is 8 bytes, and a million-row form's list would otherwise
// hold a million reasons, or stop at the first few hundred with the rest nowhere.
func moreLines(list []UnresolvedCall, after *[]int, line int) bool {
	if len(list) < maxListedChanges {
		return true
	}
	*after = append(*after, line)
	return false
}

// callNamespace makes the UUID of an imported report from its row, so importing the
// same export again finds the reports already there.
var callNamespace = uuid.MustParse("0b2c6a0e-4f53-4d4a-9e1d-63686170746b")

// CallSource hands an import's rows to fn one at a time, stopping at fn's first
// error; an error of its own (a bad row, a file that cannot be read) aborts the whole
// import, which then writes nothing. A file can so be read while it is imported.
// fn keeps nothing of the row it is handed past its call (the import copies what it
// keeps): a source may hand the next row in the same place (stream.PipeReusing).
type CallSource func(fn func(*IncomingCall) error) error

// CallRows is a source over rows already in memory.
func CallRows(rows []IncomingCall) CallSource {
	return func(fn func(*IncomingCall) error) error {
		for i := range rows {
			if err := fn(&rows[i]); err != nil {
				return err
			}
		}
		return nil
	}
}

// ImportCalls brings the reports of an online call report form in, in one transaction
// recorded as an import batch. The caller is found on the roster by email, then by
// name, or added; the legislator is resolved from what the caller typed, and a row
// whose legislator cannot be resolved is left out and listed with its line.
func (s *Store) ImportCalls(ctx context.Context, rows []IncomingCall, opts CallImportOptions) (CallImportSummary, error) {
	return s.ImportCallsFrom(ctx, CallRows(rows), opts)
}

// ImportCallsFrom is ImportCalls for rows read while they are imported: memory stays
// flat however long the file is.
func (s *Store) ImportCallsFrom(ctx context.Context, src CallSource, opts CallImportOptions) (CallImportSummary, error) {
	var sum CallImportSummary
	// Every reference a report holds is an id read or written in the transaction
	// (the chapter, the campaign, the resolved legislator, the caller, the batch).
	// The callers it adds wait in batches (BatchRoster): profiled on a million-row form
	// from 50,000 callers not on the roster, one INSERT each was 0.7 s.
	err := s.load(ctx, LoadOptions{RefsChecked: true, BatchRoster: true, Large: opts.large()}, func(l *Loader) error {
		var err error
		if sum, err = importCalls(l, src, opts); err == nil && opts.DryRun {
			return errDryRun
		}
		return err
	})
	if errors.Is(err, errDryRun) {
		err, sum.BatchID, sum.askOthers = nil, 0, false
	}
	if err == nil && sum.askOthers { // a coalition's lead: the server tells once the import is committed
		err = s.readTx(ctx, func(tx *sql.Tx) error { return listOtherChapters(ctx, tx, &sum, true, true) })
	}
	if err != nil {
		return CallImportSummary{}, fmt.Errorf("import call reports: %w", mapErr(err))
	}
	return sum, nil
}

// callChunk is how many rows an import looks up together: one query finds which of
// them were imported before. Profiled, a query per row cost more in the driver than
// in SQLite (10 us a row). The reports themselves go in one row per INSERT: a
// multi-row INSERT made SQLite keep a statement journal (23% of the time, in pwrite).
const callChunk = 512

// callImport is the state of one call report import.
type callImport struct {
	l        *Loader
	names    callerNames // the reading goroutine's (see prepare)
	opts     CallImportOptions
	sum      CallImportSummary
	campaign int64
	resolver *legislatorResolver
	callers  *callerIndex
	guesses  []nameGuess // the reports filed by a name alone to a caller the import added (see refileGuesses)
	current  map[int64]Stance
	since    map[int64]int64 // when the stance current has was heard (unix seconds): see weighStance
	// sponsoredBy are the legislators a sponsorship on record keeps at sponsor or
	// cosponsor (see WhipStance): a call to them goes into the history only.
	sponsoredBy map[int64]timedStance
	// marked are the sponsors the campaign's file marked whom no call replaced yet (the
	// count stands on the mark): the first call heard otherwise is said (SponsorsReplaced).
	marked map[int64]Stance
	zone   *time.Location // the legislature's: a time written without one is read there, a call's day is its
	stats  *suspendedStats
	// existing is how many reports the table held; indexes the indexes dropped once
	// the import outgrew them (see deferIndexes), to rebuild at the end; known the
	// UUIDs of the reports in the table then, which with inFile stand in for the
	// unique index.
	// lookedUp counts the UUIDs looked up in the table (see lookUp),
	// until known stands in for it (see loadKnown).
	existing int
	indexes  []string
	order    timeOrder
	// chapterKey is the importing chapter's UUID and "|", which leads a report's key
	// when chapterFirst, for a coalition's lead (see keys).
	chapterKey   []byte
	chapterFirst bool
	// roster is how many volunteers the roster held, rosterIndexes its indexes
	// dropped once the import added as many callers (see flush).
	roster        int
	rosterIndexes []string
	known         *uuidSet
	lookedUp      int
	// table is known, for the reading goroutine once the writing one has read it;
	// until then the reading goroutine asks the writing one (lookups, see
	// tableContent). inFile are the reports the import adds, each with what it holds
	// (see contentOf); only the reading goroutine touches it, and asked.
	table   atomic.Pointer[uuidSet]
	lookups chan lookup
	inFile  map[uuid.UUID]fileReport
	// gc paces the collector to what the import holds (see gcBudget): inFile, the
	// one index that grows with the file, or known, the table's UUIDs; it is sized
	// again to the live heap every inFileStep rows find looks at (found, the count).
	gc    *gcBudget
	found int
	// undone are the slots of the reports undone imports deleted, with what each
	// held (contentHash): read once before the rows (see loadUndone), then only read.
	undone map[uuid.UUID]int64
	// times are the table's reports by time (see findByTime), nil for an empty table;
	// timesWanted says they are still to be read (see needTimes).
	times       reportTimes
	timesWanted bool
	// stored are the rows whose reports were there, to weigh (see weighStored).
	stored []storedCall
	asked  map[uuid.UUID]knownReport // the chunk's look-ups answered: what the report holds, 0 not there
	seed   maphash.Seed
	// batch writes the reports batchRows at a time once the indexes are dropped,
	// with the ids nextID on (named on a server; given by SQLite and checked on a
	// file, see givesIDs): with no index to update, SQLite's statement journal for a
	// multi-row INSERT stays a few pages, in memory.
	batch  *batchInsert
	nextID int64
	// matched are the reports of the table rows of the file are (idKey), while the
	// table had reports; held the rows that may be a stored report edited (similar),
	// written or not once the file is read (see settleSimilar), and edits and similar
	// what became of them.
	matched     []uint64
	matchedSeen keySet // the keys of matched, for placeFound
	// timeMates are the table's live reports a new row of the file has the time (to
	// the second, or the minute) and legislator of, by idKey: the line of that row,
	// -1 when several rows have (see findByTime); with matched, what tells a sheet
	// imported again (see sameSheet). sheets caches sameSheet's answer by import.
	timeMates      map[uint64]int
	sheets         map[int64][]sheetMate
	held           []pendingCall
	edits, similar []*pendingCall
	recalled       []*pendingCall   // held rows that are a report with the caller corrected (see moveCallers)
	moved          map[string]int64 // the reports an import moved to another caller, by UUID: its batch (see movedBefore)
	settling       bool
	seen           *sql.Stmt     // which of callChunk UUIDs are there, with what they hold (see lookUp)
	stop           chan struct{} // closed when the writing goroutine has failed (see pump)
	chunk          []pendingCall // rows found (see findAll), waiting to be written
	// others: the table held reports under another campaign than the import's when
	// it began; elsewhere then the rows whose report the table has, which may be one
	// of those (see listElsewhere), and elsewhereBy how many are under each other
	// campaign. filedNote is the note that says where the reports are filed.
	others      bool
	elsewhere   []elsewhereRow
	elsewhereBy map[int64]int
	filedNote   int
	titles      map[int64]string // the campaigns' titles, read once (see campaignTitle)
	// garbled are the rows left out as their text is damaged by the file's encoding
	// (see garbled), firstGarbled the first such value and what it reads as, and
	// accented whether some row had accented text that is not: without any, the file
	// was read or saved in the wrong encoding as a whole. The reading goroutine's.
	garbled      []UnresolvedCall
	firstGarbled [2]string
	accented     bool
	// otherWay are the rows whose call an earlier import filed read with the day and
	// month the other way round (see findOtherWay): the import is refused. The
	// reading goroutine's.
	otherWay otherWayRows
}

// fileReport is a report an import adds, as find tells it from the file's other rows:
// what it holds (contentOf) and what it holds but for the stance heard (sans).
type fileReport struct{ what, sans uint32 }

// elsewhereRow is a row whose report the table has, by its UUID, line and legislator.
type elsewhereRow struct {
	id   uuid.UUID
	line int
	leg  int64
}

// pendingCall is a resolved row waiting in a chunk, with what finding its caller
// needs (see callerIndex.find).
type pendingCall struct {
	in    IncomingCall
	leg   int64
	note  string
	uuid  string
	key   uuid.UUID
	email uint64 // key64 of the caller's email in lower case
	name  uint64 // key64 of the caller's name folded
	loose uint64 // looseNameKey of the caller's name folded
	// titled is why the caller's name cannot be a caller's, "" for none (titleInName)
	titled string
	day    int32 // the local day of the call (see callDay)
	// keys are the keys the report may be stored under, its own first (see
	// callImport.keys); what is what it holds (contentOf). Both are the reading
	// goroutine's, until it has found the report (see find).
	keys [][]byte
	what uint32
	sans uint32 // what it holds but for the stance heard (see twin)
	// again: an earlier row of the file is the same report; inTable: the table
	// has it (see find); own: the row has the UUID of a report of the table, and
	// holds something else (an export edited in a spreadsheet): an edit of it, or a
	// row moved to another legislator, caller or time (see applyEdits); byOwn: the
	// row has the UUID of a report of the table and holds what it holds, but for the
	// caller, which the writing goroutine checks (see checkOwnCallers).
	again, inTable, own, byOwn bool
	// twin: a report of the row's key, another row of the file, holds what it holds
	// but for the stance heard (see find and settleSimilar): one call's row sent twice
	// with its stance changed, or two calls of the same second the import cannot tell
	// apart. Left out, listed with why (twinOf names the report when the table has
	// it), unless AddSimilar.
	twin   bool
	twinOf string
	// similar are the table's reports of the row's key, or of its key with another
	// outcome, that hold something else (see find): the row may be one of them edited.
	similar []uuid.UUID
	// near are the table's live reports of the caller at the row's second, or of the
	// caller and legislator within nearWindow (see findByTime): the row may be one of
	// them with its time, email or legislator edited.
	near []uuid.UUID
	// recaller are the table's live reports of the row's time, legislator, outcome
	// and content filed under another caller than the row names (see findByTime):
	// the row may be one of them, its caller corrected in the sheet (see moveCallers).
	recaller []uuid.UUID
	// recallEdited are those of recaller that hold something else than the row: its
	// caller and another cell corrected together (see moveCallers).
	recallEdited []uuid.UUID
	// movedCaller: moveCallers moved the row's report to its caller, and applyEdits
	// edits it, counting the row once.
	movedCaller bool
	// otherSheet: the row would move and edit its recaller, but no other row of the
	// file is a report of the import that filed it (see sameSheet): held.
	otherSheet bool
	// resolved is how the row's legislator was resolved, kept for a row that reads
	// the other way too (IncomingCall.OtherWay): findOtherWay makes the keys of that
	// reading, for the rows new to the table only.
	resolved resolved
	// disagree is why the district column of a row with a report's UUID names
	// another legislator than its name (see withDistrict), "" when it agrees or is
	// not there: see districtDisagrees.
	disagree string
	// r is the report as it is to be stored, but for its caller and id, which the
	// writing goroutine finds (flush); bad, why it cannot be.
	r   CallReport
	bad error
}

func importCalls(l *Loader, src CallSource, opts CallImportOptions) (CallImportSummary, error) {
	c := &callImport{l: l, opts: opts, inFile: map[uuid.UUID]fileReport{}, asked: map[uuid.UUID]knownReport{},
		lookups: make(chan lookup), seed: maphash.MakeSeed(), gc: &gcBudget{}}
	defer c.gc.restore()
	sum := &c.sum
	ctx, tx := l.ctx, l.tx
	// The campaign is checked here: SQLite does not check the reports' references
	// during the import (see ImportCallsFrom).
	camp, err := importCampaign(ctx, tx, opts.CampaignID, "calls")
	if err != nil {
		return *sum, err
	}
	c.campaign, sum.Campaign = camp.ID, camp
	c.filedNote = len(sum.Notes) // said again at the end, if reports are under other campaigns (see noteElsewhere)
	sum.Notes = append(sum.Notes, "the reports "+c.areFiled()+" under "+camp.Title())
	if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM call_reports WHERE campaign_id <> ?)`, c.campaign).Scan(&c.others); err != nil {
		return *sum, err
	}
	zone, err := zoneOf(ctx, tx, c.campaign)
	if err != nil {
		return *sum, err
	}
	c.zone, sum.Zone = zone.Loc, zone
	if opts.Zoned != nil {
		opts.Zoned(zone)
	}
	if c.resolver, err = newLegislatorResolver(ctx, tx, c.campaign); err != nil {
		return *sum, err
	}
	if err = c.resolver.readPastSeats(ctx, tx, l.server); err != nil {
		return *sum, err
	}
	if c.resolver.inOffice() == 0 {
		if st := c.resolver.state; st != "" {
			return *sum, fmt.Errorf("%w: the campaign is for %s and no legislator of %s is in office here: import %s's legislators first (chapterdesk import legislators --state %[2]s), or file the calls under another campaign (--campaign)",
				ErrNotFound, st, st, st)
		}
		return *sum, fmt.Errorf("%w: no legislator is in office here to file the calls to: import the legislators first (chapterdesk import legislators)", ErrNotFound)
	}
	if c.callers, err = newCallerIndex(ctx, tx, l.chapterID); err != nil {
		return *sum, err
	}
	c.callers.dry = opts.DryRun
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM volunteers`).Scan(&c.roster); err != nil {
		return *sum, err
	}
	c.current, c.since, c.sponsoredBy, c.marked = map[int64]Stance{}, map[int64]int64{}, map[int64]timedStance{}, map[int64]Stance{}
	if err := eachRow(ctx, tx, func(r *sql.Rows) error {
		var id, at int64
		var st Stance
		var record, mark bool
		err := r.Scan(&id, &st, &at, &record, &mark)
		switch {
		case record && (st == StanceSponsor || st == StanceCosponsor):
			c.sponsoredBy[id] = timedStance{at, st}
		case !record && !mark:
			c.current[id], c.since[id] = st, at
		case mark && st.Sponsorship():
			c.marked[id] = st
		}
		// Else the count stands on the record's withdrawal or the campaign file's
		// mark with nothing else known, which any call replaces (stance_rule.go).
		return err
	}, `SELECT s.legislator_id, s.stance, s.changed_at, `+recordRowOf("h.")+`, `+campaignMarkOf("h.")+` FROM stances s
		JOIN stance_history h ON h.id = s.history_id WHERE s.campaign_id = ?`, c.campaign); err != nil {
		return *sum, err
	}
	if sum.BatchID, err = startBatch(ctx, tx, "calls", opts.ImportOptions); err != nil {
		return *sum, err
	}
	l.batch = sum.BatchID
	if c.seen, err = tx.PrepareContext(ctx, seenQuery(callChunk)); err != nil {
		return *sum, err
	}
	defer c.seen.Close()
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM call_reports`).Scan(&c.existing); err != nil {
		return *sum, err
	}
	var chapterUUID string
	if err := tx.QueryRowContext(ctx, `SELECT uuid FROM chapters WHERE id = ?`, l.chapterID).Scan(&chapterUUID); err != nil {
		return *sum, err
	}
	c.chapterKey = []byte(chapterUUID + "|")
	c.chapterFirst = l.server && !copyAllowed(ctx, tx) // row-level security applies: a lead
	if c.stats, err = suspendStatsTrigger(ctx, tx, l.server); err != nil {
		return *sum, err
	}
	if c.undone, err = loadUndone(ctx, tx); err != nil {
		return *sum, err
	}
	c.timesWanted = c.existing > 0 // read at the first row no key finds (see needTimes)
	if err := c.pump(src); err != nil {
		return *sum, err
	}
	if sum.Garbled = c.garbled; len(c.garbled) > 0 && !c.accented {
		return *sum, fmt.Errorf("line %d: %w", c.garbled[0].Line, WrongEncodingError(c.firstGarbled[0], c.firstGarbled[1]))
	}
	if err := c.refuseOtherWay(); err != nil {
		return *sum, err
	}
	if err := c.settleSimilar(); err != nil {
		return *sum, err
	}
	near, err := c.callers.nearRoster(l) // the roster before the import: written, the callers added need not be
	if err != nil {
		return *sum, err
	}
	sum.CallersBesideCount += len(near)
	for _, u := range near {
		if moreLines(sum.CallersBeside, &sum.CallersBesideAfter, u.Line) {
			sum.CallersBeside = append(sum.CallersBeside, u)
		}
	}
	slices.SortStableFunc(sum.CallersBeside, func(a, b UnresolvedCall) int { return a.Line - b.Line })
	slices.Sort(sum.CallersBesideAfter)
	for id := range c.callers.used {
		sum.TrashedCallers = append(sum.TrashedCallers, id)
	}
	slices.Sort(sum.TrashedCallers)
	if c.batch != nil {
		defer c.batch.close()
		if err := c.batch.flush(ctx, tx); err != nil {
			return *sum, err
		}
	}
	if err := l.flushRoster(); err != nil { // the callers added, before their indexes are rebuilt
		return *sum, err
	}
	// The indexes are sorted in runs of 2 MB: measured on a million reports (the
	// median of four runs each), 7.66 s on one thread, 7.31 s with SQLite's worker
	// threads sorting the runs on the other core, for the same peak memory (152 MB).
	// Runs of 8 MB took 35 MB more.
	if err := rebuildIndexes(ctx, l.conn, tx, append(c.indexes, c.rosterIndexes...), 2); err != nil {
		return *sum, err
	}
	if err := c.refileGuesses(); err != nil { // the reports written, their indexes too
		return *sum, err
	}
	if err := c.moveCallers(); err != nil { // before weighStored: a report moved is weighed as one there
		return *sum, err
	}
	if err := c.weighStored(); err != nil {
		return *sum, err
	}
	if err := c.stats.resume(ctx, tx); err != nil {
		return *sum, err
	}
	if err := c.listElsewhere(); err != nil {
		return *sum, err
	}
	if err := c.applyEdits(); err != nil { // with the stats trigger back: an outcome edited moves the counts
		return *sum, err
	}
	c.sayWhereFiled()
	if err := c.listOtherChapters(); err != nil {
		return *sum, err
	}
	if err := l.resyncIDs(); err != nil {
		return *sum, err
	}
	return *sum, finishBatch(ctx, tx, sum.BatchID, &sum.ImportSummary)
}

// loadUndone reads the slots of the reports undone imports deleted (see
// undoer.retireCalls), nil when there are none. The undone call imports are found
// first: their rows are then read by the batch's index.
func loadUndone(ctx context.Context, tx *sql.Tx) (map[uuid.UUID]int64, error) {
	var undone map[uuid.UUID]int64
	err := eachRow(ctx, tx, func(r *sql.Rows) error {
		var before string
		if err := r.Scan(&before); err != nil {
			return err
		}
		var slot map[string]string
		if err := json.Unmarshal([]byte(before), &slot); err != nil {
			return fmt.Errorf("undone call slot: %w", err)
		}
		id, err := uuid.Parse(slot["uuid"])
		what, werr := strconv.ParseInt(slot["content"], 10, 64)
		if err != nil || werr != nil {
			return fmt.Errorf("undone call slot %q: not a UUID and content", before)
		}
		if undone == nil {
			undone = map[uuid.UUID]int64{}
		}
		undone[id] = what
		return nil
	}, `SELECT before FROM import_changes WHERE table_name = ? AND batch_id IN (SELECT id FROM import_batches
		WHERE kind = 'calls' AND undone_at IS NOT NULL)`, undoneSlots)
	return undone, err
}

// seenQuery finds which of n UUIDs are call reports already there, with what they
// hold (see contentOf).
func seenQuery(n int) string {
	return `SELECT ` + knownCols + ` FROM call_reports WHERE uuid IN (` + placeholders(n) + `)`
}

// callChunksAhead is how many chunks the reading goroutine may have ready before the
// writing one takes them (see pump).
const callChunksAhead = 4

// errPumpStopped ends the reading of a file whose writing failed.
var errPumpStopped = errors.New("call import stopped")

// pump reads the rows and prepares them (prepare) on a goroutine of its own, and
// writes them on this one (flush) callChunk at a time, in the order of the file.
// Profiled on a million rows, preparing them (the legislator's text looked up, the
// UUID hashed, the caller's name folded) was a sixth of the writing goroutine's time,
// which the other core now spends while this one writes. Only the reading goroutine
// touches the resolver's memo and Unresolved until it ends; only this one the
// database: it answers the reading goroutine's look-ups in the table (lookUp) between
// chunks, as the reading goroutine finds a chunk's reports before it hands it over
// (findAll) — which report a row is depends on what the table's reports of its key hold.
func (c *callImport) pump(src CallSource) error {
	chunks := make(chan []pendingCall, callChunksAhead)
	free := make(chan []pendingCall, callChunksAhead+2) // written chunks, to fill again
	stop := make(chan struct{})
	c.stop = stop
	var unresolved []UnresolvedCall
	var srcErr error
	go func() {
		defer close(chunks)
		var chunk []pendingCall
		send := func() bool {
			if err := c.findAll(chunk); err != nil {
				srcErr = err
				return false
			}
			select {
			case chunks <- chunk:
				chunk = nil
				return true
			case <-stop:
				return false
			}
		}
		err := src(func(in *IncomingCall) error {
			if chunk == nil {
				select {
				case chunk = <-free:
				default:
					chunk = make([]pendingCall, 0, callChunk)
				}
			}
			if !c.prepare(in, &chunk, &unresolved) || len(chunk) < callChunk {
				return nil
			}
			if !send() {
				return errPumpStopped
			}
			return nil
		})
		if err == nil && len(chunk) > 0 {
			send()
		}
		if srcErr == nil {
			srcErr = err
		}
	}()
	var err error
	for chunks != nil {
		select {
		case q := <-c.lookups: // the reading goroutine waits for the answer
			if err != nil {
				q.reply <- lookupAnswer{err: errPumpStopped}
				continue
			}
			var found map[uuid.UUID]knownReport
			var lerr error
			if q.times {
				lerr = c.loadTimes()
			} else {
				found, lerr = c.lookUp(q.ids)
			}
			q.reply <- lookupAnswer{found, lerr}
			if lerr != nil {
				err = lerr
				close(stop)
			}
		case chunk, ok := <-chunks:
			if !ok {
				chunks = nil
				continue
			}
			if err != nil {
				continue // the reader stops at its next chunk
			}
			c.chunk = chunk
			if err = c.flush(); err != nil {
				close(stop)
				continue
			}
			clear(chunk) // no strings of the file kept alive by a chunk waiting to be reused
			select {
			case free <- chunk[:0]:
			default:
			}
		}
	}
	// chunks is closed: the reading goroutine has ended.
	c.sum.Unresolved = append(c.sum.Unresolved, unresolved...)
	if err != nil {
		return err
	}
	return srcErr
}

// lookup is the reading goroutine's question to the writing one: which of ids are
// reports in the table, and what each holds (see tableContent).
type lookup struct {
	ids   []uuid.UUID
	times bool // read reportTimes (see needTimes), not ids
	reply chan lookupAnswer
}

type lookupAnswer struct {
	found map[uuid.UUID]knownReport
	err   error
}

// callerNameKey is the folded name a caller typed, as the roster keeps a volunteer's
// (name_key): "Núñez, José" is "jose nunez", as the volunteer the form adds for it
// (see SplitFullName), and "Dr. Ana Silva" or "Ana Silva PhD" is "ana silva", the
// title or degree set apart (see titledName). folded is fold(typed), which it is for
// a name without a comma, an invisible character or those: the split keeps the words
// in their order.
func callerNameKey(typed, folded string) string {
	if !strings.Contains(typed, ",") && !hasInvisibles(typed) && !titledName(typed) {
		return folded
	}
	first, last := SplitFullName(typed)
	return fold(first + " " + last)
}

// contentOf is what a report holds besides its key (see keys): the office, the stance
// heard and the notes, as stored (see CallReport.normalize), every apostrophe the
// straight one (the notes typed on a phone and on a desktop are one text). It tells
// the calls of one key apart (see find), a row's and a stored report's alike.
func (c *callImport) contentOf(office Office, stance Stance, notes string) uint32 {
	var buf [256]byte                                                                       // on the stack: a million rows hashed through a maphash.Hash made 280 MB of garbage
	return uint32(maphash.Bytes(c.seed, appendContent(buf[:0], office, stance, notes))) | 1 // never 0, which is "not there" (see tableContent)
}

// appendContent appends to b what contentOf and contentHash hash: the office, the
// stance heard and the notes, made alike as contentOf says.
func appendContent(b []byte, office Office, stance Stance, notes string) []byte {
	if office == "" {
		office = OfficeCapitol
	}
	b = append(append(b, office...), 0)
	b = append(append(b, stance...), 0)
	notes = strings.TrimSpace(notes)
	if strings.ContainsAny(notes, nameApostrophes) {
		notes = straightApostrophes.Replace(notes)
	}
	return append(b, notes...)
}

// contentHash is contentOf as it stays from one run to the next (FNV-1a, where
// contentOf's seed is the import's own): what an undo keeps of a report it deletes
// (see undoer.retireCalls), for a later import to know it again. It is
// worked out only for the reports an undo deletes and the rows that meet their slots.
func contentHash(office Office, stance Stance, notes string) int64 {
	h := fnv.New64a()
	h.Write(appendContent(nil, office, stance, notes))
	return int64(h.Sum64())
}

// straightApostrophes makes every apostrophe of nameApostrophes the straight one.
var straightApostrophes = strings.NewReplacer("\u2019", "'", "\u2018", "'", "\u02bc", "'", "`", "'")

// keyApostrophes are the apostrophes a key made before fc3ca82 kept as typed (see
// keyFold), the straight one first.
var keyApostrophes = []string{"'", "\u2019", "\u2018", "\u02bc", "`"}

// keys returns the keys of a row's report: its time, email, name, legislator and
// outcome, joined by "|", the UUID being made from the key (see find).
// The first is the key the import gives a report now: the legislator the row was
// filed to (legislatorIdent), not the text typed, so "Rep. Tony Cabral" in one export
// and "Tony Cabral (13th Bristol)" in the next are one report; the names folded (fold:
// every apostrophe the straight one); for a time written without a zone, the time as
// written (WrittenAt). The others are the keys a report of the row may be stored under
// by the imports before, found again so that a file imported again adds nothing: the
// legislator by their UUID (8385ac0 named one without an Open States id so, see
// legislatorIdent; or given the id since); the legislator as typed,
// folded (a.canon), as every key had it before legislatorIdent; the time as this
// computer's clock read it (see WrittenAt: it differs in a time the zone skips); the
// names folded by keyFold (a curly apostrophe as typed) and the time as the instant
// it was on this computer's clock; and, for names with an apostrophe, each apostrophe
// keyFold kept, typed throughout the name (the row typed straight, its report stored
// from a phone's "O’Brien"). A report stored under a key by the typed text is found
// by these keys only by a row that types the legislator alike (folded): the text is
// not in the table; a row that types them otherwise finds it by its time, caller and
// legislator (see findByTime). A key's form must never change: add a key, never edit one.
func (c *callImport) keys(in *IncomingCall, email, name string, a resolved) [][]byte {
	// The times are written into arrays of this call, not strings: a million rows'
	// Format took 70 MB for the collector.
	var instantText, clockText, atText [len(time.RFC3339) + 10]byte
	instant := in.CalledAt.UTC().AppendFormat(instantText[:0], time.RFC3339)
	at, clock := instant, instant
	if in.WallClock {
		// clock is the reading of the clock the time was read on (this computer's,
		// before Store.Zone), which the keys before WrittenAt had: the same as
		// written but for a time the zone skips.
		t := in.CalledAt
		clock = time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, time.UTC).AppendFormat(clockText[:0], time.RFC3339)
		at = clock
		if w := in.WrittenAt; !w.IsZero() {
			at = time.Date(w.Year(), w.Month(), w.Day(), w.Hour(), w.Minute(), w.Second(), 0, time.UTC).AppendFormat(atText[:0], time.RFC3339)
		}
	}
	key := func(at []byte, name, leg string) []byte {
		k := make([]byte, 0, len(at)+len(email)+len(name)+len(leg)+len(in.Outcome)+4)
		k = append(k, at...)
		for _, part := range [...]string{email, name, leg, string(in.Outcome)} {
			k = append(append(k, '|'), part...)
		}
		return k
	}
	// For a coalition's lead the chapter's UUID leads the key: two chapters importing
	// the same row each have their report, and a report's UUID, unique over the
	// server, must not collide with (and, refused, reveal) another chapter's. The
	// owner's chapter (the one chapter of a chapter server) and a data file keep the
	// key they always gave; each also finds the reports given under the other key (an
	// offline copy of a lead's chapter, the lead's reports given before).
	chapterKey := func(k []byte) []byte { return append(slices.Clip(c.chapterKey), k...) }
	filed := key(at, name, a.ident.key)
	keys := [][]byte{filed}
	if c.chapterFirst {
		keys[0] = chapterKey(filed)
	}
	if c.existing == 0 && len(c.undone) == 0 {
		return keys // the keys of the imports before only find the table's reports
	}
	add := func(k []byte) {
		for _, had := range keys {
			if bytes.Equal(had, k) {
				return
			}
		}
		keys = append(keys, k)
	}
	add(filed)
	add(chapterKey(filed))
	if a.ident.uuidKey != a.ident.key {
		byUUID := key(at, name, a.ident.uuidKey)
		add(byUUID)
		add(chapterKey(byUUID))
	}
	add(key(clock, name, a.ident.key)) // a row given without WrittenAt (a caller of ImportCalls)
	plain := key(at, name, a.canon)
	add(plain)
	add(chapterKey(plain))
	typedName := name
	if strings.ContainsAny(in.CallerName, nameApostrophes) {
		typedName = keyFold(in.CallerName)
	}
	add(key(clock, name, a.canon))
	add(key(instant, typedName, a.folded))
	if !strings.Contains(name, "'") && !strings.Contains(a.canon, "'") {
		return keys
	}
	for _, n := range keyApostrophes {
		for _, l := range keyApostrophes {
			add(key(instant, strings.ReplaceAll(name, "'", n), strings.ReplaceAll(a.canon, "'", l)))
			if !strings.Contains(a.canon, "'") {
				break
			}
		}
		if !strings.Contains(name, "'") {
			break
		}
	}
	return keys
}

// slotID is the UUID of the n-th call of a key (n from 1): several calls of one key
// that hold different things (see contentOf: a voicemail at the State House and one
// at the district office, on a form that asks only the day) are reports of their own,
// the n-th with "|#n" after the key.
func slotID(key []byte, n int) uuid.UUID {
	h := slotHashes.Get().(hash.Hash)
	defer slotHashes.Put(h)
	if n == 1 {
		return uuid.NewHash(h, callNamespace, key, 5) // as uuid.NewSHA1, with a hash used again
	}
	var buf [128]byte
	return uuid.NewHash(h, callNamespace, strconv.AppendInt(append(append(buf[:0], key...), "|#"...), int64(n), 10), 5)
}

// slotHashes are SHA-1 hashes for slotID, which a million-row import calls a million
// times and more: uuid.NewSHA1 makes a new one each time.
var slotHashes = sync.Pool{New: func() any { return sha1.New() }}

// prepare resolves a row's legislator and appends the row to chunk, or to unresolved
// when its legislator cannot be told; it reports whether the row was appended. It
// runs on the reading goroutine (see pump) and touches no database; findAll then finds
// which of the chunk's reports are there.
func (c *callImport) prepare(in *IncomingCall, chunk *[]pendingCall, unresolved *[]UnresolvedCall) bool {
	if in.WallClock {
		w := in.WrittenAt
		if w.IsZero() {
			w = in.CalledAt
		}
		in.CalledAt = time.Date(w.Year(), w.Month(), w.Day(), w.Hour(), w.Minute(), w.Second(), 0, c.zone)
	}
	if c.leftGarbled(in) {
		return false
	}
	// The legislator is the one who served when the call is filed: a day alone is read
	// as its midnight, before a member retired that day was out of office (t6 F7).
	at := in.CalledAt
	if in.DayOnly {
		at = DayNoon(at, time.Now())
	}
	a := c.resolver.resolveAt(in.Legislator, at)
	// A row with a report's UUID whose name finds a legislator is judged against its
	// report (find): another legislator than the report's is a row moved, listed so;
	// a district that disagrees with the name is judged once the report is known
	// (districtDisagrees), as the cell edited may be either.
	disagree := ""
	if d := strings.TrimSpace(in.LegislatorDistrict); d != "" && !strings.Contains(in.Legislator, "(") {
		b := c.resolver.withDistrict(a, in.Legislator, d, at)
		if in.UUID != "" && a.id != 0 && b.id == 0 {
			disagree = b.why
		} else {
			a = b
		}
	}
	if ch := in.LegislatorChamber; ch != "" && a.id != 0 && disagree == "" {
		if was := c.resolver.chamberAt(a.id, at); was != ch {
			why := fmt.Sprintf("the row's chamber column says %q, and %s sat in the %s on the call's date", ch.Label(), c.resolver.titleAt(a.id, at), was.Label())
			if in.UUID != "" {
				disagree = why
			} else {
				a = resolved{folded: a.folded, canon: a.canon, why: why}
			}
		}
	}
	leg, note := a.id, a.note
	if leg == 0 {
		*unresolved = append(*unresolved, UnresolvedCall{Line: in.Line, Legislator: in.Legislator, Reason: a.why, Cells: in.Cells})
		return false
	}
	email, callerEmail := strings.ToLower(in.CallerEmail), emailKey(in.CallerEmail)
	var named nameFacts
	if callerEmail == 0 && strings.Contains(in.CallerName, "@") {
		// The caller typed their email as their name ("rosa@x.org", "Rosa Parks
		// <rosa@x.org>") and the form's email is empty: it finds them on the roster as
		// the form's would, and the name is what is left (tester t5: a second Rosa,
		// "(no name given)", was added beside her). The report's own keys (below)
		// stay as they were, so a file imported before is still known.
		rest, emails, _ := ContactsInName(in.CallerName)
		for _, e := range emails {
			if callerEmail = emailKey(e); callerEmail != 0 {
				break
			}
		}
		named = nameFactsOf(in.CallerName, rest)
	} else {
		named = c.names.of(in.CallerName)
	}
	name := named.folded
	*chunk = append(*chunk, pendingCall{in: *in, leg: leg, note: note, disagree: disagree,
		email: callerEmail, name: named.key, loose: named.loose, titled: named.titled, day: callDay(in.CalledAt, c.zone)})
	p := &(*chunk)[len(*chunk)-1]
	if town := strings.TrimSpace(in.CallerTown); named.key == 0 && callerEmail == 0 && in.CallerUUID == "" && town != "" {
		// A town alone is no one: the report is filed with no caller, the town kept in
		// its notes (it was dropped without a word, s47). The row's copy: the source's
		// row may be read again.
		p.in.Notes = strings.TrimPrefix(in.Notes+"; "+NoCallerTownNote+town, "; ")
	}
	p.what = c.contentOf(in.Office, in.StanceHeard, p.in.Notes)
	p.sans = c.contentOf(in.Office, "", p.in.Notes)
	if _, err := uuid.Parse(in.UUID); err != nil { // no UUID of its own (or not one)
		p.keys = c.keys(in, email, name, a)
		if !in.OtherWay.IsZero() {
			p.resolved = a
		}
	}
	if in.DayOnly { // after the keys, which read the day as written
		p.in.CalledAt = DayNoon(p.in.CalledAt, time.Now())
	}
	return true
}

// nameFacts is what prepare works out of a caller's name cell: the cell folded (for
// the report's keys), the key64 and looseNameKey of its name key (callerNameKey; 0
// for a cell that is no name, NoName: "(no name given)", "[none]", "n/a", as an empty
// one: the report's keys keep the cell), and why the name cannot be a caller's
// (titleInName), "" for none.
type nameFacts struct {
	folded     string
	key, loose uint64
	titled     string
}

// nameFactsOf works out the facts of the name cell typed, given being the name it
// gives (typed less an email typed in it).
func nameFactsOf(typed, given string) nameFacts {
	f := nameFacts{folded: fold(typed), titled: titleInName(typed)}
	if NoName(given) {
		return f
	}
	key := f.folded
	if given != typed {
		key = fold(given)
	}
	key = callerNameKey(given, key)
	f.key, f.loose = key64(key), looseNameKey(key)
	return f
}

// callerNames remembers the facts of each distinct name cell (nameFactsOf), up to
// maxCallerNames of them: a million-row form has some 20,000, and working them out
// on every row was 0.8 s of CPU a million rows (profiled). It is the reading
// goroutine's.
type callerNames map[string]nameFacts

const maxCallerNames = 1 << 16

func (m *callerNames) of(typed string) nameFacts {
	if f, ok := (*m)[typed]; ok {
		return f
	}
	f := nameFactsOf(typed, typed)
	if *m == nil {
		*m = callerNames{}
	}
	if len(*m) < maxCallerNames {
		// Cloned: the cell may share its memory with the rest of its row.
		f.folded = strings.Clone(f.folded)
		(*m)[strings.Clone(typed)] = f
	}
	return f
}

// NoCallerTownNote begins the words a report filed with no caller keeps the town
// its row gave in (no name, no email: see callImport.prepare).
const NoCallerTownNote = "caller's town on the report form: "

// DayNoon is when a call given by its day alone is filed: noon of that day, in its
// zone, as the window's call form files one; today's is filed at now, never later
// than the import.
func DayNoon(day, now time.Time) time.Time {
	now = now.In(day.Location())
	if y, m, d := now.Date(); y == day.Year() && m == day.Month() && d == day.Day() {
		return now.Truncate(time.Second)
	}
	return time.Date(day.Year(), day.Month(), day.Day(), 12, 0, 0, 0, day.Location())
}

// leftGarbled leaves a row out (Garbled) when the text a person wrote in it, which
// the report or a caller added for it would keep, is UTF-8 read as Windows-1252 (see
// DoubleEncoded): "MarÃ­a Silva" added beside the roster's María Silva, or the notes
// stored garbled; and when the legislator's name is, as "Rep. JosÃ© Tosado" would be
// filed to the one Tosado loosely, or left out as no one's name, without a word of
// the damage. Not repaired: a wrong guess would be silent. Left out, the row is
// in the rejects file; the file saved right again brings it in.
func (c *callImport) leftGarbled(in *IncomingCall) bool {
	for _, f := range [...][2]string{{"the caller's name", in.CallerName}, {"the caller's town", in.CallerTown}, {"the notes", in.Notes},
		{"the legislator's name", in.Legislator}} {
		was, ok := DoubleEncoded(f[1])
		if !ok {
			c.accented = c.accented || strings.ContainsFunc(f[1], func(r rune) bool { return r >= utf8.RuneSelf })
			continue
		}
		if len(c.garbled) == 0 {
			c.firstGarbled = [2]string{f[1], was}
		}
		c.garbled = append(c.garbled, UnresolvedCall{Line: in.Line, Legislator: in.Legislator, Reason: leftOutDoubled(f[0], f[1], was), Cells: in.Cells})
		return true
	}
	return false
}

// findAll finds which of a chunk's reports the table or the file has had (find), the
// table's reports looked up together: one question to the writing goroutine for the
// first UUID of every key of the chunk. Profiled, a query per row cost more in the
// driver than in SQLite.
func (c *callImport) findAll(chunk []pendingCall) error {
	clear(c.asked)
	if c.table.Load() == nil && c.existing > 0 {
		var ids []uuid.UUID
		for i := range chunk {
			p := &chunk[i]
			if own, err := uuid.Parse(p.in.UUID); err == nil {
				ids = append(ids, own)
			}
			for _, k := range p.keys {
				ids = append(ids, slotID(k, 1))
			}
		}
		if err := c.ask(ids); err != nil {
			return err
		}
	}
	for i := range chunk {
		if err := c.find(&chunk[i]); err != nil {
			return err
		}
	}
	if err := c.findOtherOutcomes(chunk); err != nil {
		return err
	}
	return c.findOtherWay(chunk)
}

// dropCells lets go of a row's cells, kept only for a row that may be left out (see
// applyEdits and checkOwnCallers, and a caller who cannot be told: callerIndex.find),
// for the file of the rows left out: kept for every row, a million-row file's cells
// would all stay in memory. The writing goroutine decides, once the row's caller is
// known: the callers it adds are in callerIndex, which the reading one may not read.
func (p *pendingCall) dropCells() {
	if len(p.similar) == 0 && len(p.near) == 0 && len(p.recaller) == 0 && !p.byOwn {
		p.in.Cells = nil
	}
}

// find tells whether a row's report is there, and gives it its UUID. A row with the
// report's own UUID (ChapterDesk's export) is that report. Any other is the report
// that has its key and holds what it holds (contentOf), among the n calls of each of
// its keys (see slotID), in the file or the table, whichever order the files list
// them in; a row that is none of them is a report of its own, under the first UUID of
// its first key that no report has. Rows alike in all of it are one report sent twice.
func (c *callImport) find(p *pendingCall) error {
	if c.found++; c.found%inFileStep == 0 {
		c.gc.sized(liveHeap())
	}
	if own, err := uuid.Parse(p.in.UUID); err == nil {
		if _, ok := c.inFile[own]; ok {
			p.again = true
			return nil
		}
		k, err := c.tableReport(own)
		if err != nil || k.what == 0 {
			return errors.Join(err, c.place(p, own, false))
		}
		c.match(own)
		if k.what == p.what && k.ident == identOf(p.in.Outcome, p.leg, p.in.CalledAt) {
			p.byOwn = true
			return c.place(p, own, true)
		}
		// Edited since it was exported: held, as a row that may edit a report of its
		// key is (see settleSimilar), though a row with the report's UUID can be
		// nothing else; applyEdits tells an edit from a row moved to another
		// legislator, caller or time. Not in inFile: the report is not added.
		p.own, p.similar = true, []uuid.UUID{own}
		err = c.place(p, own, false)
		delete(c.inFile, own)
		return err
	}
	var free uuid.UUID
	var similar []uuid.UUID
	twin := false
	for i, k := range p.keys {
		for n := 1; ; n++ {
			id := slotID(k, n)
			if f, ok := c.inFile[id]; ok {
				if f.what == p.what {
					p.again = true
					return nil
				}
				twin = twin || f.sans == p.sans
				continue
			}
			what, err := c.tableContent(id)
			if err != nil {
				return err
			}
			if what == p.what {
				return c.placeFound(p, id)
			}
			if what == 0 {
				// A report an undo deleted (see undone) keeps its slot: the same call is
				// added back under it; another goes on to the key's later slots, which a
				// later import may hold.
				if was, ok := c.undone[id]; ok {
					if was == contentHash(p.in.Office, p.in.StanceHeard, p.in.Notes) {
						return c.place(p, id, false)
					}
					continue
				}
				// no report has it: the key's calls end here
				if i == 0 {
					free = id
				}
				break
			}
			similar = append(similar, id) // a stored call of the key holding something else
		}
	}
	if err := c.needTimes(); err != nil {
		return err
	}
	if c.times != nil {
		id, ok, more, near, recaller, edited := c.findByTime(p)
		if ok {
			return c.placeFound(p, id)
		}
		// A report of its key is a row of the same caller as typed (the key names
		// them): edited, not its caller corrected.
		p.recaller = slices.DeleteFunc(recaller, func(id uuid.UUID) bool { return slices.Contains(similar, id) })
		p.recallEdited = edited
		if len(similar) == 0 { // else another call of its key, or one of them edited
			p.near = near
		}
		for _, id := range more { // a report of its key at its second is found by both
			if !slices.Contains(similar, id) {
				similar = append(similar, id)
			}
		}
	}
	if twin && !c.opts.AddSimilar {
		p.twin = true // not placed: left out (see flush)
		return nil
	}
	p.similar = similar
	return c.place(p, free, false)
}

// match notes a report of the table a row of the file is: not one another row may
// have edited (see settleSimilar). A first import into an empty table notes none.
func (c *callImport) match(id uuid.UUID) {
	if c.existing > 0 {
		c.matched = append(c.matched, idKey(id))
	}
}

// placeFound places a row whose key or time found report id of the table holding what
// it holds: that report unchanged, or, when an earlier row of the file found it
// already, a repeat of the file (a form sent twice), as on the file's first import
// (see inFile), not a second report unchanged.
func (c *callImport) placeFound(p *pendingCall, id uuid.UUID) error {
	if c.existing > 0 && c.matchedSeen.add(idKey(id), c.existing) {
		p.again = true
		return nil
	}
	c.match(id)
	return c.place(p, id, true)
}

// keySet is the set of the keys of matched (idKey), for placeFound: open addressing
// with linear probing, 16 bytes a report of the table for a million where a map of
// the keys took 38 MB. Exact: a file whose every row is there twice looks each
// repeat up in one probe or a few, not along matched.
type keySet struct {
	slots []uint64 // 0 is an empty slot; the key 0 is zero
	zero  bool
	n     int
}

// add adds k, sizing the set for n keys the first time, and tells whether it was
// there already.
func (s *keySet) add(k uint64, n int) bool {
	if k == 0 {
		had := s.zero
		s.zero = true
		return had
	}
	if s.slots == nil || 4*(s.n+1) > 3*len(s.slots) {
		s.grow(max(n, 2*s.n))
	}
	mask := uint64(len(s.slots) - 1)
	for i := (k * 0x9E3779B97F4A7C15) >> 32 & mask; ; i = (i + 1) & mask { // idKey's low bits hold the UUID's version
		switch s.slots[i] {
		case k:
			return true
		case 0:
			s.slots[i] = k
			s.n++
			return false
		}
	}
}

// grow makes room for n keys at three quarters full at most, keeping those held.
func (s *keySet) grow(n int) {
	size := 64
	for 3*size < 4*(n+1) {
		size *= 2
	}
	old := s.slots
	s.slots, s.n = make([]uint64, size), 0
	for _, k := range old {
		if k != 0 {
			s.add(k, 0)
		}
	}
}

// idKey is a UUID's first 8 bytes: matched keeps 8 bytes a report where a map of
// UUIDs took about 50 (a million-row file imported again).
func idKey(id uuid.UUID) uint64 { return binary.BigEndian.Uint64(id[:8]) }

// findOtherOutcomes adds to the similar of the chunk's new rows the table's reports
// of their key with another outcome: the outcome is in the key, so a report whose
// outcome was corrected ("Talked to staff" to "Talked to the legislator") has a key of
// its own. Their first slots are looked up together, as findAll does; a first import
// into an empty table looks up none.
func (c *callImport) findOtherOutcomes(chunk []pendingCall) error {
	if c.existing == 0 {
		return nil
	}
	other := func(p *pendingCall, fn func(key []byte) error) error {
		for _, o := range Outcomes {
			if o == p.in.Outcome {
				continue
			}
			for _, k := range p.keys { // each key ends with the outcome (see keys)
				if err := fn(append(slices.Clip(k[:len(k)-len(p.in.Outcome)]), o...)); err != nil {
					return err
				}
			}
		}
		return nil
	}
	var ids []uuid.UUID
	for i := range chunk {
		if p := &chunk[i]; !p.again && !p.inTable {
			other(p, func(k []byte) error { ids = append(ids, slotID(k, 1)); return nil })
		}
	}
	if len(ids) == 0 {
		return nil
	}
	if err := c.ask(ids); err != nil {
		return err
	}
	for i := range chunk {
		p := &chunk[i]
		if p.again || p.inTable {
			continue
		}
		if err := other(p, func(k []byte) error {
			for n := 1; ; n++ {
				id := slotID(k, n)
				what, err := c.tableContent(id)
				if err != nil || what == 0 {
					return err
				}
				p.similar = append(p.similar, id)
			}
		}); err != nil {
			return err
		}
	}
	return nil
}

// place gives a row the UUID of its report, there already or to be added.
func (c *callImport) place(p *pendingCall, id uuid.UUID, there bool) error {
	p.key, p.uuid = id, id.String()
	if there {
		p.inTable = true
		return nil
	}
	c.inFile[id] = fileReport{p.what, p.sans}
	c.newReport(p)
	return nil
}

// inFileStep is how many rows find looks at between two sizings of the collector's
// pace. At GOGC=100 the Go heap of a million-row import grew to 124 MB for 57-72 MB
// live (inFile 34 MB of it), and its peak memory to 200-214 MB.
const inFileStep = 1 << 16

// newReport makes the report a row is to store, under the row's UUID (p.uuid).
func (c *callImport) newReport(p *pendingCall) {
	in := &p.in
	p.r = CallReport{UUID: p.uuid, CampaignID: c.campaign, LegislatorID: p.leg, CalledAt: in.CalledAt, Office: in.Office,
		Outcome: in.Outcome, StanceHeard: in.StanceHeard, Notes: in.Notes, Source: reportFormSource, ChapterID: c.l.chapterID}
	p.bad = p.r.normalize()
}

// tableContent is what the report of this UUID in the table holds (contentOf), 0
// when the table has none: from the table's UUIDs once the writing goroutine has read
// them (known), else as it answered for the chunk (asked), else asked now. It runs on
// the reading goroutine.
func (c *callImport) tableContent(id uuid.UUID) (uint32, error) {
	k, err := c.tableReport(id)
	return k.what, err
}

// tableReport is tableContent with the report's identOf, for a row with the
// report's own UUID (see find).
func (c *callImport) tableReport(id uuid.UUID) (knownReport, error) {
	if c.existing == 0 {
		return knownReport{}, nil // the reports the import adds are in inFile
	}
	if k := c.table.Load(); k != nil {
		return k.find(id), nil
	}
	if k, ok := c.asked[id]; ok {
		return k, nil
	}
	if err := c.ask([]uuid.UUID{id}); err != nil {
		return knownReport{}, err
	}
	return c.tableReport(id)
}

// ask has the writing goroutine look ids up in the table (see pump) and keeps the
// answers in asked (0 for a UUID not there).
func (c *callImport) ask(ids []uuid.UUID) error {
	if c.table.Load() != nil {
		return nil // known: tableContent reads the table's UUIDs
	}
	q := lookup{ids: ids, reply: make(chan lookupAnswer, 1)}
	select {
	case c.lookups <- q:
	case <-c.stop:
		return errPumpStopped
	}
	a := <-q.reply
	if a.err != nil {
		return a.err
	}
	for _, id := range ids {
		c.asked[id] = a.found[id]
	}
	return nil
}

// flush writes the queued rows: a report imported before (or earlier in the file) is
// left as it is, and its caller is not looked for: one no longer on the roster would
// be added again for nothing.
func (c *callImport) flush() error {
	if len(c.chunk) == 0 {
		return nil
	}
	ctx, sum := c.l.ctx, &c.sum
	if err := c.checkOwnCallers(); err != nil {
		return err
	}
	for i := range c.chunk {
		p := &c.chunk[i]
		in := &p.in
		if p.again { // see find: a row of the file sent twice
			if sum.RepeatCount++; moreLines(sum.Repeats, &sum.RepeatsAfter, in.Line) {
				sum.Repeats = append(sum.Repeats, UnresolvedCall{Line: in.Line, Legislator: in.Legislator,
					Reason: "the same report as a row before it in the file (a form sent twice): counted once"})
			}
			continue
		}
		if p.twin { // see find
			c.listTwin(p)
			continue
		}
		if p.disagree != "" {
			if left, err := c.districtDisagrees(p); err != nil || left {
				if err != nil {
					return err
				}
				continue
			}
		}
		if p.inTable { // see find
			sum.Unchanged++
			if err := c.movedBefore(p); err != nil {
				return err
			}
			if c.others {
				c.elsewhere = append(c.elsewhere, elsewhereRow{id: p.key, line: in.Line, leg: p.leg})
			}
			if c.opts.UpdateStances && in.StanceHeard != "" && in.StanceHeard != StanceUnknown {
				c.stored = append(c.stored, storedCall{uuid: p.uuid, line: in.Line, legislator: in.Legislator, caller: in.CallerName})
			}
			continue
		}
		if (len(p.similar) > 0 || len(p.near) > 0 || len(p.recaller) > 0) && !c.settling { // may be a stored report edited: known once the file is read
			c.held = append(c.held, *p)
			continue
		}
		caller, created, unclear, err := c.callers.find(c.l, p)
		if err != nil {
			return fmt.Errorf("line %d: %w", in.Line, err)
		}
		if unclear != "" {
			sum.CallerUnclear = append(sum.CallerUnclear, UnresolvedCall{Line: in.Line, Legislator: in.Legislator, Reason: unclear, Cells: in.Cells})
			continue
		}
		var callerNote, filled string
		if !created {
			if callerNote, filled, err = c.callers.correction(c.l, p, caller); err != nil {
				return fmt.Errorf("line %d: %w", in.Line, err)
			}
			if filled != "" {
				if sum.CallersNamedCount++; moreLines(sum.CallersNamed, &sum.CallersNamedAfter, in.Line) {
					sum.CallersNamed = append(sum.CallersNamed, UnresolvedCall{Line: in.Line, Legislator: in.Legislator, Reason: filled})
				}
			}
		} else if at, ok := c.callers.besideOf(p); ok {
			if sum.CallersBesideCount++; moreLines(sum.CallersBeside, &sum.CallersBesideAfter, in.Line) {
				why, err := c.callers.besideNote(c.l, p, caller, at)
				if err != nil {
					return fmt.Errorf("line %d: %w", in.Line, err)
				}
				sum.CallersBeside = append(sum.CallersBeside, UnresolvedCall{Line: in.Line, Legislator: in.Legislator, Reason: why})
			}
		} else if why := c.callers.besideTown; why != "" {
			if sum.CallersBesideCount++; moreLines(sum.CallersBeside, &sum.CallersBesideAfter, in.Line) {
				sum.CallersBeside = append(sum.CallersBeside, UnresolvedCall{Line: in.Line, Legislator: in.Legislator, Reason: why})
			}
		}
		if why := c.callers.callerNote; why != "" {
			if sum.CallerNotesCount++; moreLines(sum.CallerNotes, &sum.CallerNotesAfter, in.Line) {
				sum.CallerNotes = append(sum.CallerNotes, UnresolvedCall{Line: in.Line, Legislator: in.Legislator, Reason: why})
			}
		}
		if why := c.callers.contactName; created && why != "" {
			if sum.ContactNamesCount++; moreLines(sum.ContactNames, &sum.ContactNamesAfter, in.Line) {
				sum.ContactNames = append(sum.ContactNames, UnresolvedCall{Line: in.Line, Legislator: in.Legislator, Reason: why})
			}
		}
		c.listCaller(p, caller, created)
		p.dropCells()
		if c.callers.used[caller] {
			sum.InTrash++
		}
		if created {
			sum.NewCallers++
			// As a volunteer import does (see deferRosterIndexes): the import finds
			// callers in memory (callerIndex) and writes volunteers by id, so the
			// roster's secondary indexes can wait for the end once it has added as
			// many callers as the roster held. Profiled on the 1M-row form, adding
			// its 50,000 callers to the nine live indexes was 1.1 s of 14.
			if c.rosterIndexes == nil && !c.l.server && sum.NewCallers >= max(c.roster, deferIndexAfter) {
				if c.rosterIndexes, err = deferRosterIndexes(c.l); err != nil {
					return err
				}
			}
		}
		if p.bad != nil {
			return fmt.Errorf("line %d: %w", in.Line, p.bad)
		}
		r := &p.r // not a copy: one that escaped cost an allocation a row (160 MB over 1M rows)
		r.VolunteerID = caller
		c.order.saw(stamp(r.CalledAt))
		// The statement is prepared once (l.call) and has no ON CONFLICT clause and,
		// with the stats trigger suspended, no trigger: SQLite then needs no
		// statement journal for it (see suspendStatsTrigger).
		if c.batch != nil {
			r.ID = c.nextID
			var err error
			if c.l.server {
				err = c.batch.add(ctx, append([]any{r.ID}, callArgs(r, sum.BatchID, c.l.now)...)...)
			} else if r.ChapterID != c.l.chapterID || r.CampaignID != c.campaign || r.Source != reportFormSource {
				err = fmt.Errorf("line %d: the report is not the import's (chapter %d, campaign %d, source %q)",
					in.Line, r.ChapterID, r.CampaignID, r.Source) // see callBatchRow
			} else if office, ok1 := codeOf(Offices, r.Office); !ok1 {
				err = fmt.Errorf("line %d: %q is no office ChapterDesk stores", in.Line, r.Office)
			} else if outcome, ok2 := codeOf(Outcomes, r.Outcome); !ok2 {
				err = fmt.Errorf("line %d: %q is no outcome ChapterDesk stores", in.Line, r.Outcome)
			} else if stance, ok3 := codeOf(heardStances, r.StanceHeard); !ok3 {
				err = fmt.Errorf("line %d: %q is no stance ChapterDesk stores", in.Line, r.StanceHeard)
			} else {
				err = c.batch.add(ctx, r.UUID, nullID(r.VolunteerID), r.LegislatorID, stamp(r.CalledAt),
					office, outcome, stance, boolInt(r.GaveNameZip), boolInt(r.FollowUp), boolInt(r.FollowUpDone), r.Notes)
			}
			if err != nil {
				return fmt.Errorf("add call reports: %w", err)
			}
			c.nextID++
		} else {
			if err := c.l.insertID(ctx, c.l.call, &r.ID, callArgs(r, sum.BatchID, c.l.now)...); err != nil {
				return fmt.Errorf("line %d: %w", in.Line, err)
			}
		}
		c.stats.add(r)
		c.keepGuess(p, r)
		sum.Created++
		if p.note != "" {
			sum.TitleCorrected = append(sum.TitleCorrected, UnresolvedCall{Line: in.Line, Legislator: in.Legislator, Reason: p.note})
		}
		if callerNote != "" {
			sum.TitleCorrected = append(sum.TitleCorrected, UnresolvedCall{Line: in.Line, Legislator: in.Legislator, Reason: callerNote})
		}
		if len(sum.Changes) < maxListedChanges { // the text only for a change listed
			change := in.CallerName + " called " + c.resolver.titleAt(p.leg, p.in.CalledAt)
			if p.note != "" {
				change += " (" + p.note + ")"
			}
			sum.list(ImportChange{Line: in.Line, Action: "create", Name: change})
		}
		if c.opts.UpdateStances {
			if err := c.weighStance(r, in.Line, in.Legislator, in.CallerName, false); err != nil {
				return err
			}
		}
	}
	c.chunk = c.chunk[:0]
	if err := c.deferIndexes(); err != nil {
		return err
	}
	return c.timeIndexOutOfOrder()
}

// timeOrder follows the times of the reports an import adds, in the order it adds
// them: a form's export lists its answers as they came, and a report whose time is
// in that order goes at the end of the index of times, as the batch's goes at the end
// of its own (appendOnlyCallIndex). A report more than lateBy before the latest one
// added is late.
type timeOrder struct {
	last        int64
	rows, late  int
	live        bool   // the index of times is kept live (see deferIndexes)
	index, name string // its definition, to rebuild it when it is dropped after all
}

const (
	timeIndex = "call_reports_called_at"
	lateBy    = 3600 // seconds: a form's answers an hour apart are still near the index's end
	// A file with more late reports than one in lateShare drops the index of times
	// (see timeIndexOutOfOrder), once it has added deferIndexAfter reports.
	lateShare = 50
)

func (o *timeOrder) saw(at int64) {
	o.rows++
	switch {
	case at > o.last:
		o.last = at
	case at < o.last-lateBy:
		o.late++
	}
}

func (o *timeOrder) inOrder() bool { return o.late*lateShare <= o.rows }

// timeIndexOutOfOrder drops the index of times that deferIndexes kept live, when the
// reports turn out not to come in time order: each would be a search through the
// whole index, and sorting them all at the end costs less. It is rebuilt with the
// others. Measured on a million reports in a form's order, kept live it saved about
// half a second of the rebuild's three.
func (c *callImport) timeIndexOutOfOrder() error {
	o := &c.order
	if !o.live || o.rows < deferIndexAfter || o.inOrder() {
		return nil
	}
	if _, err := c.l.tx.ExecContext(c.l.ctx, `DROP INDEX "`+o.name+`"`); err != nil {
		return err
	}
	o.live, c.indexes = false, append(c.indexes, o.index)
	return nil
}

// weighStance moves the whip count to the stance a report heard (UpdateStances), as
// WhipStance and the newest report say, the change citing the report; line,
// legislator and caller are the row's, for the notes and the history. corrected says
// the count stands on this very report, whose stance heard a row corrected (see
// applyEdits): the stance it replaces is the report's own, not another's of its time.
func (c *callImport) weighStance(r *CallReport, line int, legislator, caller string, corrected bool) error {
	sum := &c.sum
	// "Didn't say" is no news: it leaves the whip count where it stands.
	leg := r.LegislatorID
	stance, why := r.WhipStance("")
	sponsored, held := c.sponsoredBy[leg]
	at := stamp(r.CalledAt)
	if stance != "" && held && at >= sponsored.at {
		_, why = r.WhipStance(sponsored.stance)
	}
	if why != "" {
		if moreLines(sum.StanceNotes, &sum.StanceNotesAfter, line) {
			sum.StanceNotes = append(sum.StanceNotes, UnresolvedCall{Line: line, Legislator: legislator, Reason: why})
		}
		sum.StancesNotTaken++
	}
	// A call older than the stance the count stands on is weighed against the stance
	// of its own time (of the changes neither the record's nor a campaign file's mark,
	// as c.current is), as had it been imported first: the same stance as today's may
	// be news then, and the stance at a vote between the two rests on it (t6 F4).
	was := c.current[leg]
	if at < c.since[leg] {
		err := c.l.tx.QueryRowContext(c.l.ctx, `SELECT h.stance FROM stance_history h WHERE h.campaign_id = ? AND h.legislator_id = ?
			AND h.changed_at <= ? AND NOT `+recordRowOf("h.")+` AND NOT `+campaignMarkOf("h.")+`
			ORDER BY h.changed_at DESC, h.id DESC LIMIT 1`, c.campaign, leg, at).Scan(&was)
		if errors.Is(err, sql.ErrNoRows) {
			was = ""
		} else if err != nil {
			return err
		}
	}
	if stance == "" || stance == was {
		return nil
	}
	// Held by a sponsorship, the stance heard still goes into the history: it counts
	// once no sponsorship stands (withdrawn, or its import undone), as it would had
	// the record never been imported, whichever came first (stance_rule.go).
	if err := c.l.AddStance(&StanceChange{CampaignID: c.campaign, LegislatorID: leg, Stance: stance,
		ChangedAt: r.CalledAt, ChangedBy: caller, Reason: "heard on a call (report form)", CallReportID: r.ID}); err != nil {
		return err
	}
	if held {
		if at >= c.since[leg] {
			c.current[leg], c.since[leg] = stance, at
		}
		if at < sponsored.at {
			// Made before the record named them: under the sponsorship in the history.
			c.behind(line, legislator, stance, sponsored)
		}
		return nil
	}
	// The whip count is the stance of the newest history row, of rows of one time
	// the last recorded (stances, kept by a trigger): a call older than the report it
	// stands on is history only, and is not told it moved the count.
	since, standing := c.since[leg], c.current[leg]
	if standing != "" && at < since {
		c.behind(line, legislator, stance, timedStance{since, standing})
		return nil
	}
	if standing != "" && at == since && !corrected {
		if sum.StancesTied++; moreLines(sum.StanceTiedNotes, &sum.StanceTiedAfter, line) {
			sum.StanceTiedNotes = append(sum.StanceTiedNotes, UnresolvedCall{Line: line, Legislator: legislator,
				Reason: fmt.Sprintf("%q heard replaces %q heard at the same time (%s) in another report: of one time's reports the last recorded stands",
					stance.Label(), standing.Label(), sum.Zone.Clock(fromUnix(since)))})
		}
	}
	if mark, ok := c.marked[leg]; ok && !stance.Sponsorship() {
		// A sponsor only the campaign's file marked (a sponsorship on record holds,
		// above): the first call heard otherwise takes the count, said by name
		// (tester, s40: "6 stance changes recorded" was all).
		delete(c.marked, leg)
		if sum.SponsorsReplaced++; moreLines(sum.SponsorReplacedNotes, &sum.SponsorReplacedAfter, line) {
			sum.SponsorReplacedNotes = append(sum.SponsorReplacedNotes, UnresolvedCall{Line: line, Legislator: legislator,
				Reason: fmt.Sprintf("counted %q as heard on this call, in place of %q (the campaign's mark of the bill's sponsors, not the official record's)",
					stance.Label(), mark.Label())})
		}
	}
	c.current[leg], c.since[leg] = stance, at
	sum.StanceChanges++
	return nil
}

// behind lists a call older than the change the whip count stands on (standing), whose
// stance went into the history only.
func (c *callImport) behind(line int, legislator string, stance Stance, standing timedStance) {
	sum := &c.sum
	if sum.StancesBehind++; moreLines(sum.StanceBehindNotes, &sum.StanceBehindAfter, line) {
		sum.StanceBehindNotes = append(sum.StanceBehindNotes, UnresolvedCall{Line: line, Legislator: legislator,
			Reason: fmt.Sprintf("%q heard is in the history, but the whip count stays %q, as it stands from %s, after this call",
				stance.Label(), standing.stance.Label(), sum.Zone.Clock(fromUnix(standing.at)))})
	}
}

// storedCall is a row with a stance heard whose report an earlier import stored
// (UpdateStances: see weighStored).
type storedCall struct {
	uuid, legislator, caller string
	line                     int
}

// weighStored weighs the stances of the reports an import found already stored, as
// those it adds (weighStance): a file imported first without --update-stances moves
// the whip count when imported again with it. A report the whip count history cites
// already was weighed by an import before, and is not again (a second run adds
// nothing); nor is one that heard the stance the whip count had on its day: an
// import before weighed it and, finding the same stance, cited none; weighed again
// against today's stance, it added a history row on a second run
// (TestImportCallReportForm). One in the trash, or filed
// under another campaign, is left. It runs once
// the reports are written and the indexes are back, each report found by its UUID.
func (c *callImport) weighStored() error {
	for _, sc := range c.stored {
		r := CallReport{UUID: sc.uuid}
		var at int64
		err := c.l.tx.QueryRowContext(c.l.ctx, `SELECT r.id, r.legislator_id, r.called_at, r.outcome, r.stance_heard
			FROM call_reports r WHERE r.uuid = ? AND r.campaign_id = ? AND r.deleted_at IS NULL
			AND NOT EXISTS (SELECT 1 FROM stance_history h WHERE h.call_report_id = r.id)
			AND r.stance_heard <> coalesce((SELECT h.stance FROM stance_history h
				WHERE h.campaign_id = r.campaign_id AND h.legislator_id = r.legislator_id AND h.changed_at <= r.called_at
				ORDER BY h.changed_at DESC, h.id DESC LIMIT 1), '')`, sc.uuid, c.campaign).Scan(
			&r.ID, &r.LegislatorID, &at, &r.Outcome, &r.StanceHeard)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		}
		if err != nil {
			return err
		}
		r.CalledAt = fromUnix(at)
		if err := c.weighStance(&r, sc.line, sc.legislator, sc.caller, false); err != nil {
			return err
		}
	}
	return nil
}

// deferIndexAfter is how many reports an import adds to the live indexes of
// call_reports before it drops them and rebuilds them at the end instead.
var deferIndexAfter = 10_000

// deferIndexes drops the indexes of call_reports once the import has added more
// reports than the table held before (and at least deferIndexAfter): from then on,
// sorting every report into the rebuilt indexes once costs less than adding the rest
// to them one by one. Profiled on a million reports, the UUID index's inserts (the
// UUIDs are hashes, spread over the whole index) and the caller index's spilled
// SQLite's page cache and read it back for a third of the time. The UUIDs of the
// reports there are then kept in memory (16 bytes each) to find those imported
// before; rebuilding the unique index at the end checks them again. A small import
// into a big table keeps the indexes. Everything happens in the import's
// transaction, so an import that fails or is killed leaves them as they were.
func (c *callImport) deferIndexes() error {
	ctx, tx := c.l.ctx, c.l.tx
	if c.l.server {
		// A server keeps its indexes (other leads read them meanwhile); the reports
		// go in batches from the first, with ids of their own (see Loader.server).
		if c.batch != nil || !c.l.copy {
			return nil // a lead on a coalition server adds them one by one (see Store.load)
		}
		if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) + 1 FROM call_reports`).Scan(&c.nextID); err != nil {
			return err
		}
		var err error
		c.batch, err = newBatchInsert(ctx, tx, `INSERT INTO call_reports (id, `+callCols+`) VALUES`, 18, ``)
		if err == nil {
			c.batch.useCopy(c.l.conn, c.l.copy)
		}
		return err
	}
	if c.indexes != nil || c.sum.Created < max(c.existing, deferIndexAfter) {
		return nil
	}
	if err := c.loadKnown(); err != nil {
		return err
	}
	var names []string
	c.indexes = []string{} // not nil: deferred, even with every index kept live
	err := eachRow(ctx, tx, func(r *sql.Rows) error {
		var name, q string
		err := r.Scan(&name, &q)
		if name == timeIndex && c.order.inOrder() {
			c.order.live, c.order.name, c.order.index = true, name, q
			return err
		}
		names, c.indexes = append(names, name), append(c.indexes, q)
		return err
	}, `SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'call_reports' AND sql IS NOT NULL
		AND name <> ?
		ORDER BY name`, appendOnlyCallIndex)
	if err != nil {
		return err
	}
	for _, n := range names {
		if _, err := tx.ExecContext(ctx, `DROP INDEX "`+n+`"`); err != nil {
			return err
		}
	}
	// From here the reports are appended; the page cache holds the roster's pages
	// for the callers added, and a smaller one keeps the import's memory flat.
	if _, err := tx.ExecContext(ctx, `PRAGMA cache_size = -8192`); err != nil {
		return err
	}
	// The ids after the largest one there, as SQLite would give them.
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) + 1 FROM call_reports`).Scan(&c.nextID); err != nil {
		return err
	}
	c.batch, err = newBatchInsertRow(ctx, tx, `INSERT INTO call_reports (`+callCols+`) VALUES`, c.callBatchRow(), 11, ``)
	if err == nil {
		c.batch.givesIDs(c.nextID)
		err = c.l.atDriver(c.batch)
	}
	return err
}

// reportFormSource is the source of the reports a call import adds.
const reportFormSource = "report form"

// appendOnlyCallIndex is the one index of the reports an import keeps live: every
// report it adds has the import's batch, the newest, so each entry goes at the index's
// end, where SQLite appends without a search. Rebuilt, it cost a whole pass over the
// table: on a million reports, about a second of CPU against a tenth kept live.
const appendOnlyCallIndex = "call_reports_batch"

// callBatchRow is the row of values of the reports' batches on SQLite (see
// deferIndexes), in the order of callCols (SQLite gives the ids, see givesIDs): the
// chapter, the campaign, the source, the import batch and the time of the import are
// the same for every report of an import and are written into the statement.
// Profiled on a million reports, handing SQLite all 18 values of each row was a third
// of the time its INSERT took; flush checks each report has the values written here.
func (c *callImport) callBatchRow() string {
	batch := "NULL" // as nullID
	if c.sum.BatchID != 0 {
		batch = strconv.FormatInt(c.sum.BatchID, 10)
	}
	return fmt.Sprintf(`(?, %d, %d, ?, ?, ?, %s, %s, %s, ?, ?, ?, ?, '%s', %s, %d, %d)`,
		c.l.chapterID, c.campaign, wordOfCode(Offices), wordOfCode(Outcomes), wordOfCode(heardStances),
		reportFormSource, batch, c.l.now, c.l.now)
}

// A report's office, outcome and stance heard are bound to the import's batches as
// their place in these lists (codeOf), which the statement turns back into the word
// (wordOfCode): bound as text, each was a copy into C memory and a slice grown at
// every row (the driver's), 0.3 s of the million-row import's writing goroutine and
// 250 MB of garbage, profiled.
var heardStances = append([]Stance{""}, Stances...) // "": nothing heard

// wordOfCode is SQL that gives the word of list whose place is bound to its
// placeholder: CASE ? WHEN 0 THEN 'capitol' … END (NULL for any other place, which
// the column refuses).
func wordOfCode[T ~string](list []T) string {
	var b strings.Builder
	b.WriteString("CASE ?")
	for i, w := range list {
		fmt.Fprintf(&b, " WHEN %d THEN '%s'", i, strings.ReplaceAll(string(w), "'", "''"))
	}
	b.WriteString(" END")
	return b.String()
}

// codeOf is w's place in list, for wordOfCode; ok false when list lacks it.
func codeOf[T ~string](list []T, w T) (code int64, ok bool) {
	i := slices.Index(list, w)
	return int64(i), i >= 0
}

// knownRatio and knownMaxReports: an import that has looked up as many rows as an
// eighth of the reports in the table reads all their UUIDs once (known) and looks the
// rest of its rows up in memory, when the table holds at most knownMaxReports (about
// 32 MB of UUIDs). Profiled importing the same million-row file again, the lookups,
// each a read of a random page of the UUID index (60 MB, larger than SQLite's cache),
// took 5 s of its 10.6 s; the table's UUIDs are read in order at a fraction of the
// cost of a lookup each.
const (
	knownRatio      = 8
	knownMaxReports = 2_000_000
)

// loadKnown reads the UUIDs of the reports in the table, with what each holds
// (contentOf), into known, unless it is there already. A text that is not a UUID as
// the import writes them (uuid.NewSHA1, then UUID.String) cannot be any row's, and is
// left out, as the unique index, which compares texts, would never find a row's UUID
// in it. The table is read straight through, not in the unique index's order: the
// notes are not in the index, and reading them by it would read the table's pages at
// random; the UUIDs are sorted here, into one array of 20 bytes a report, where a map
// held about 90 (measured: 87 MB more peak memory importing a 1M-row file again).
func (c *callImport) loadKnown() error {
	if c.known != nil {
		return nil
	}
	k := &uuidSet{sorted: make([]knownReport, 0, c.existing)}
	err := eachRow(c.l.ctx, c.l.tx, func(r *sql.Rows) error {
		id, text, kr, err := c.scanKnown(r)
		if err == nil && id != uuid.Nil && id.String() == text {
			k.sorted = append(k.sorted, kr)
		}
		return err
	}, `SELECT `+knownCols+` FROM call_reports`)
	if err != nil {
		return err
	}
	slices.SortFunc(k.sorted, func(a, b knownReport) int { return bytes.Compare(a.id[:], b.id[:]) })
	c.known = k
	c.table.Store(k) // for the reading goroutine (see tableContent)
	return nil
}

// uuidSet is the reports in the table when loadKnown read it, sorted by UUID. The
// reports added after that, the reading goroutine keeps in inFile (see find).
type uuidSet struct {
	sorted []knownReport
}

// knownReport is a report of the table: its UUID, what it holds (contentOf) and
// whose call to whom it is (identOf).
type knownReport struct {
	id          uuid.UUID
	what, ident uint32
}

// knownCols are the columns scanKnown reads.
const knownCols = `uuid, office, stance_heard, notes, outcome, legislator_id, called_at`

// scanKnown reads a report of knownCols; id is nil for a text that is not a UUID.
func (c *callImport) scanKnown(r *sql.Rows) (uuid.UUID, string, knownReport, error) {
	var text, notes string
	var office Office
	var stance Stance
	var outcome Outcome
	var leg, at int64
	if err := r.Scan(&text, &office, &stance, &notes, &outcome, &leg, &at); err != nil {
		return uuid.Nil, "", knownReport{}, err
	}
	id, err := uuid.Parse(text)
	if err != nil {
		return uuid.Nil, text, knownReport{}, nil
	}
	return id, text, knownReport{id: id, what: c.contentOf(office, stance, notes), ident: identOf(outcome, leg, fromUnix(at))}, nil
}

// identOf is what a report holds besides contentOf that a row with its own UUID
// must hold too to be unchanged: the outcome, the legislator and the time (the
// other rows have them in their key). 20 bytes a report became 24 in known.
func identOf(outcome Outcome, legislator int64, at time.Time) uint32 {
	h := fnv.New32a()
	var b [16]byte
	binary.BigEndian.PutUint64(b[:8], uint64(legislator))
	binary.BigEndian.PutUint64(b[8:], uint64(stamp(at)))
	h.Write(b[:])
	h.Write([]byte(outcome))
	return h.Sum32()
}

// find tells the report of UUID id, its what 0 when the table has none.
func (s *uuidSet) find(id uuid.UUID) knownReport {
	i, ok := slices.BinarySearchFunc(s.sorted, id, func(a knownReport, b uuid.UUID) int { return bytes.Compare(a.id[:], b[:]) })
	if !ok {
		return knownReport{}
	}
	return s.sorted[i]
}

// lookUp answers the reading goroutine's look-up (see tableContent) on the writing
// goroutine, which alone touches the database: which of ids are reports in the table,
// with what each holds. An import that has looked up as many UUIDs as an eighth of the
// reports in the table reads them all once (known), as knownRatio says.
func (c *callImport) lookUp(ids []uuid.UUID) (map[uuid.UUID]knownReport, error) {
	if c.known == nil && !c.l.server && c.existing <= knownMaxReports && c.lookedUp*knownRatio >= c.existing {
		if err := c.loadKnown(); err != nil {
			return nil, err
		}
	}
	found := make(map[uuid.UUID]knownReport, len(ids))
	if c.known != nil {
		for _, id := range ids {
			if k := c.known.find(id); k.what != 0 {
				found[id] = k
			}
		}
		return found, nil
	}
	c.lookedUp += len(ids)
	for len(ids) > 0 {
		n := min(len(ids), callChunk)
		args := make([]any, n)
		for i, id := range ids[:n] {
			args[i] = id.String()
		}
		ids = ids[n:]
		var rows *sql.Rows
		var err error
		if n == callChunk {
			rows, err = c.seen.QueryContext(c.l.ctx, args...)
		} else {
			rows, err = c.l.tx.QueryContext(c.l.ctx, seenQuery(n), args...)
		}
		if err != nil {
			return nil, err
		}
		err = func() error {
			defer rows.Close()
			for rows.Next() {
				id, _, k, err := c.scanKnown(rows)
				if err != nil {
					return err
				}
				if id != uuid.Nil {
					found[id] = k
				}
			}
			return rows.Err()
		}()
		if err != nil {
			return nil, err
		}
	}
	return found, nil
}

// statsTrigger is the trigger that keeps call_stats as reports are added one by one.
const statsTrigger = "call_reports_stats_insert"

// suspendedStats stands in for the call_stats insert trigger during an import: the
// import tallies the reports it adds per campaign and legislator and writes the
// tallies once at the end, in the same transaction, before the trigger is put back.
type suspendedStats struct {
	server  bool
	restore string // the trigger's CREATE statement, as the schema has it
	tally   map[[2]int64]*callStat
}

// suspendStatsTrigger drops the call_stats insert trigger inside the import's
// transaction. Profiled on 100,000 reports, the trigger made every INSERT a
// two-statement program SQLite journals each row of (its statement journal), and it
// wrote call_stats a row at a time for a table of a few hundred rows. The trigger is
// read from the schema, so the migrations stay the one place it is written; an
// import that fails or is killed rolls back with its transaction, trigger and all,
// and other writers wait for the transaction, so none sees the table without it.
//
// A server's trigger stays; the transaction tells it to leave the counting to the
// import (deferServerStats). A login that does not own the tables (a coalition's
// lead) may not write the counters: its trigger counts, with the owner's rights, and
// nothing is suspended (nil).
func suspendStatsTrigger(ctx context.Context, tx *sql.Tx, server bool) (*suspendedStats, error) {
	if server && !copyAllowed(ctx, tx) {
		return nil, nil
	}
	s := &suspendedStats{tally: map[[2]int64]*callStat{}, server: server}
	if server {
		return s, deferServerStats(ctx, tx, true, true)
	}
	err := tx.QueryRowContext(ctx, `SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = ?`, statsTrigger).Scan(&s.restore)
	if err != nil {
		return nil, fmt.Errorf("read trigger %s: %w", statsTrigger, err)
	}
	if _, err := tx.ExecContext(ctx, `DROP TRIGGER `+statsTrigger); err != nil {
		return nil, err
	}
	return s, nil
}

// add counts a live report added while the trigger is suspended, as the trigger would.
func (s *suspendedStats) add(r *CallReport) {
	if s == nil {
		return
	}
	k := [2]int64{r.CampaignID, r.LegislatorID}
	st := s.tally[k]
	if st == nil {
		st = &callStat{}
		s.tally[k] = st
	}
	at := stamp(r.CalledAt)
	st.attempts++
	st.lastCalled = max(st.lastCalled, at)
	if r.Outcome.Reached() {
		st.reaches++
		st.lastReach = max(st.lastReach, at)
	}
}

// resume adds the tallies to call_stats and puts the trigger back.
func (s *suspendedStats) resume(ctx context.Context, tx *sql.Tx) error {
	if s == nil {
		return nil
	}
	if err := addCallStats(ctx, tx, s.tally); err != nil {
		return err
	}
	if s.server {
		return deferServerStats(ctx, tx, true, false)
	}
	_, err := tx.ExecContext(ctx, s.restore)
	return err
}

// callerIndex finds the volunteer who made a call, adding callers not yet on the roster.
// It is keyed by key64 hashes of the email and the folded name, which the reading
// goroutine computes (see callImport.prepare): profiled on a million-row form, the
// writing goroutine's look-ups by text, and a second map for the joined dates, were a
// quarter of its time besides SQLite's.
type callerIndex struct {
	callers []knownCaller
	byEmail map[uint64]int32 // key64 of the email in lower case: the place in callers (the first with it)
	byName  map[uint64]int32 // key64 of the folded name: the place in callers, or manyNamed
	// byLoose is byName by looseNameKey: "Sam O'Brien" on a report is the roster's
	// one "Sam Obrien" (see find).
	byLoose map[uint64]int32
	// shared are the emails several volunteers have (a household's: see
	// volunteerIndex.match), by email and name (and by email and looseNameKey in
	// sharedLoose): the place in callers.
	shared, sharedLoose map[[2]uint64]int32
	// sharers are the places in callers of the volunteers of an email several have
	// (made when the second is added); wordOwners the answers of emailAndWord, by email
	// and name key.
	sharers    map[uint64][]int32
	wordOwners map[[2]uint64]wordOwner
	fullNames  map[uint64]bool // the folded names oneWord found to be more than a word
	// trashed are the volunteers in the trash, by the key64 of their email: the id
	// (the first); used the ids of those a report was filed under.
	trashed map[uint64]int64
	used    map[int64]bool
	// byUUID are the volunteers by their UUID, the trash's as -id (see byUUIDOf):
	// read at the first row that names its caller's UUID.
	byUUID map[uuid.UUID]int64
	// found is the place of the caller find last found by email or name, -1 for
	// one found otherwise (see correction).
	found int32
	// noted are the callers and the names (key64 of the folded name) correction has
	// listed: a caller who writes their name otherwise writes it so on every form.
	noted map[[2]uint64]bool
	// before is how many of callers were on the roster when the import began;
	// rosterMany the names (key64) several of them have, besideRoster the names one
	// of them has that a caller the import added has too, with that one's place: byName
	// no longer tells them once it says manyNamed (see besideOf).
	before       int32
	rosterMany   map[uint64]bool
	besideRoster map[uint64]int32
	// nameless are the callers the import added with a name and no email, for
	// nearRoster to weigh against the roster's names at the end, in one reading.
	nameless []addedCaller
	// cities are the cities of the callers a report with no email but a town found
	// by the name (see otherTown), by place; byNameTown the callers added as of
	// another town than theirs, by the name and town keys, and besideTown the line
	// saying so of the caller find has just added (see addBesideTown). alone are
	// the one-word names asked about (see familyAlone), with why they tell no one.
	cities     map[int32][2]string // city, zip
	townNoted  map[[2]uint64]bool  // the names and towns otherTown took as the city's
	byNameTown map[[2]uint64]int32
	besideTown string
	alone      map[uint64]string
	// dry is set in a dry run, whose rows are rolled back: unwritten are the ids of
	// the callers it added, which its notes must not give (see ref).
	dry       bool
	unwritten map[int64]bool
	// contactName says that the caller find has just added typed an email or phone
	// as their name (see callerFromName).
	contactName string
	// noCaller says why find filed the report it has just weighed with no caller
	// (see addNew, sameNameAdded), for the import to list.
	noCaller string
	// byNameOnly is the place of the caller this import added whom find has just
	// found by the name alone, the report giving no email (-1: none); alike the
	// volunteers of a name several have, as namedAlike names them (see
	// call_caller_same_name.go).
	byNameOnly int32
	alike      map[uint64]string
	// callerNote says what find took otherwise than the form gave for the caller it
	// has just found (an email joined or not kept, a town read as the roster's), for
	// the import to list (CallerNotes); badEmails are the emails judged no address
	// (see notAnAddress), badNoted those listed, by email and name.
	callerNote string
	badEmails  map[uint64]string
	badNoted   map[[2]uint64]bool
}

// ref is how a note names volunteer id: "volunteer 12"; a caller a dry run added is
// "a new volunteer", as the number it had is no one's once the run is rolled back (and
// another person's after the real import).
func (c *callerIndex) ref(id int64) string {
	if c.unwritten[id] {
		return "a new volunteer"
	}
	return "volunteer " + strconv.FormatInt(id, 10)
}

// did is what a note says the import did (done) or, in a dry run, would do.
func (c *callerIndex) did(done, would string) string {
	if c.dry {
		return would
	}
	return done
}

// knownCaller is a volunteer who may have made a call. joined is set for a caller
// this import added: the day of their first call in the file (days since 1970, see
// callDay), so the workbook counts them new in the period they started calling, not
// when the form was imported, which may be weeks later. It is 0 for a volunteer on the
// roster before, and for a caller whose first report had no time.
type knownCaller struct {
	id     int64
	joined int32
	name   uint64 // key64 of the folded name (see callerIndex.add)
	loose  uint64 // looseNameKey of the folded name
	first  firstStem
	last   uint64 // familyKey of the family name (see emailAndWord)
}

// familyKey is the key of a family name as emailAndWord weighs a one-word caller
// against it: its letters folded; 0 for none.
func familyKey(last string) uint64 { return key64(nameLetters(fold(last))) }

// manyNamed marks a name several volunteers have: it tells none of them.
const manyNamed = -1

// newCallerIndex reads the callers a report may name: chapter's volunteers, the
// chapter the reports go to. Another chapter's volunteer with the caller's email or
// name is not the caller (a file holding several chapters, or a server's owner,
// whom row-level security does not hold, found them, and filed the report under
// another chapter's person).
func newCallerIndex(ctx context.Context, tx *sql.Tx, chapter int64) (*callerIndex, error) {
	c := &callerIndex{byEmail: map[uint64]int32{}, byName: map[uint64]int32{}, byLoose: map[uint64]int32{},
		shared: map[[2]uint64]int32{}, sharedLoose: map[[2]uint64]int32{}, trashed: map[uint64]int64{}, used: map[int64]bool{},
		rosterMany: map[uint64]bool{}, besideRoster: map[uint64]int32{}}
	err := eachRow(ctx, tx, func(r *sql.Rows) error {
		var id int64
		var email, name, first, last string
		if err := r.Scan(&id, &email, &name, &first, &last); err != nil {
			return err
		}
		k := key64(name)
		c.add(knownCaller{id: id, first: stemOf(first), last: familyKey(last)}, emailKey(email), k, looseNameKey(fold(first+" "+last)))
		if k != 0 && c.byName[k] == manyNamed {
			c.rosterMany[k] = true
		}
		return nil
	}, `SELECT id, email, name_key, first_name, last_name FROM volunteers WHERE deleted_at IS NULL AND chapter_id = ? ORDER BY id`, chapter) // the table straight through, not by zip (see loadVolunteerIndex)
	if err != nil {
		return nil, err
	}
	c.before = int32(len(c.callers))
	err = eachRow(ctx, tx, func(r *sql.Rows) error {
		var id int64
		var email string
		if err := r.Scan(&id, &email); err != nil {
			return err
		}
		if _, ok := c.trashed[emailKey(email)]; !ok {
			c.trashed[emailKey(email)] = id
		}
		return nil
	}, `SELECT id, email FROM volunteers WHERE deleted_at IS NOT NULL AND email <> '' AND chapter_id = ? ORDER BY id`, chapter)
	return c, err
}

// add indexes a caller by the keys of their email (0 for none), name and loose
// name (looseNameKey).
func (c *callerIndex) add(k knownCaller, email, name, loose uint64) {
	at := int32(len(c.callers))
	k.name, k.loose = name, loose
	c.callers = append(c.callers, k)
	if email != 0 {
		if first, ok := c.byEmail[email]; ok {
			if c.sharers == nil {
				c.sharers = map[uint64][]int32{}
			}
			if c.sharers[email] == nil {
				c.sharers[email] = []int32{first}
			}
			c.sharers[email] = append(c.sharers[email], at)
			// Several have this email: each is found by it and the name. The first
			// was added by the email alone; it joins them by its own name key.
			if _, ok := c.shared[[2]uint64{email, c.callers[first].name}]; !ok {
				c.shared[[2]uint64{email, c.callers[first].name}] = first
				placeOnce(c.sharedLoose, [2]uint64{email, c.callers[first].loose}, first)
			}
			c.shared[[2]uint64{email, name}] = at
			placeOnce(c.sharedLoose, [2]uint64{email, loose}, at)
		} else {
			c.byEmail[email] = at
		}
	}
	if had, ok := c.byName[name]; ok && had >= 0 && had < c.before && at >= c.before {
		c.besideRoster[name] = had // a caller added beside the roster's one of this name
	}
	placeOnce(c.byName, name, at)
	placeOnce(c.byLoose, loose, at)
}

// placeOnce indexes a caller's place under key, or manyNamed where another's is:
// a key several callers have tells none of them.
func placeOnce[K comparable](m map[K]int32, key K, at int32) {
	if had, ok := m[key]; ok && had != at {
		m[key] = manyNamed
	} else {
		m[key] = at
	}
}

// looseNameKey is the key64 of a folded name without its apostrophes, hyphens,
// dashes, dots and spaces (see nameLetters), 0 for no name: "Sam O'Brien", "Sam O
// Brien" and "Sam Obrien" (and "Lee-Ross", "Lee–Ross", "Lee Ross") have one. find
// takes it only when the roster person's first name agrees too (looseAgrees).
func looseNameKey(folded string) uint64 {
	loose := nameLetters(folded)
	if loose == "" {
		return 0
	}
	return key64(loose)
}

// find returns the caller's volunteer id: by email, else by a name only one volunteer
// has, else a new volunteer from the form (source "report form"). p holds the keys of
// the caller's email and folded name and the day of the call (see callImport.prepare).
//
// The caller is not told (unclear says why, and the row is left out) when the roster
// person the email finds clearly has another first name (see firstStem.differs: a
// family's shared address, or a typo, as a volunteer import lists such a person),
// or when the report has no email and several volunteers on the roster the name,
// or the name holds a title no name has there (titleInName: "Oz Rep. Moran"). A
// report with no email whose name this import made several volunteers' is filed
// with no caller and listed (see call_caller_same_name.go). A placeholder email
// (none@none.com: see PlaceholderEmail) is no email, a name typed for none
// ("(no name given)", see NoName) no name.
func (c *callerIndex) find(l *Loader, p *pendingCall) (id int64, created bool, unclear string, err error) {
	in := &p.in
	c.found, c.besideTown, c.contactName, c.callerNote, c.byNameOnly = -1, "", "", "", -1
	if in.CallerUUID != "" {
		id, ok, err := c.byUUIDOf(l, in.CallerUUID)
		if err != nil || ok {
			return id, false, "", err
		}
	}
	if why := p.titled; why != "" { // titleInName
		return 0, false, why, nil
	}
	c.pickEmail(p)
	badEmail, badKey := "", p.email
	if p.email != 0 && p.name != 0 { // with no name, the caller is added with it in the notes
		if badEmail = c.notAnAddress(p); badEmail != "" {
			p.email = 0 // found by the name and town, or added with it in the notes
		}
	}
	if at, many := c.unclearAt(p); many && !c.rosterMany[p.name] && badEmail == "" {
		return 0, false, "", c.sameNameAdded(l, p) // filed with no caller, listed
	} else if many {
		gives := "the report gives no email"
		if badEmail != "" {
			gives = fmt.Sprintf("the report's email %q is no address (%s)", in.CallerEmail, badEmail)
		}
		return 0, false, fmt.Sprintf("more than one volunteer on the roster is named %s and %s: left out, as whose call it is cannot be told", in.CallerName, gives), nil
	} else if at >= 0 {
		first, last, err := c.rosterNames(l, at)
		if err != nil {
			return 0, false, "", err
		}
		name := strings.TrimSpace(first + " " + last)
		// Else theirs: the name damaged, or their name family name first ("王 小明",
		// "Silva Ana Maria"), the email theirs.
		if !lettersLostFrom(name, in.CallerName) && !reorderedName(in.CallerName, first, last) {
			return 0, false, fmt.Sprintf("the caller %s is not %s (%s), whose email %s the report gives: left out, for the lead to tell whose call it is",
				in.CallerName, name, c.ref(c.callers[at].id), in.CallerEmail), nil
		}
	}
	if p.email != 0 {
		at, why, err := c.emailAndWord(l, p)
		if err != nil || why != "" {
			return 0, false, why, err
		}
		if at >= 0 {
			id, created, err := c.calledOn(l, at, p.day)
			return id, created, "", err
		}
		// An email several volunteers share tells the one by the name.
		if at, ok := c.shared[[2]uint64{p.email, p.name}]; ok {
			id, created, err := c.calledOn(l, at, p.day)
			return id, created, "", err
		}
		if at, ok := c.sharedLoose[[2]uint64{p.email, p.loose}]; ok && at != manyNamed {
			if ok, err := c.looseAgrees(l, p, at); err != nil || ok {
				id, created, err := c.calledOn(l, at, p.day)
				return id, created, "", err
			}
		}
		if at, ok := c.byEmail[p.email]; ok {
			id, created, err := c.calledOn(l, at, p.day)
			return id, created, "", err
		}
		// A volunteer in the trash with the email: the report is theirs. Added again,
		// they would be on the roster twice once restored; restored here, a volunteer
		// the lead put in the trash would come back unasked. The import lists them.
		if id, ok := c.trashed[p.email]; ok {
			c.used[id] = true
			return id, false, "", nil
		}
		if at, ok := c.byName[p.name]; ok && at != manyNamed && p.name != 0 {
			if id, ok, err := c.joinEmail(l, p, at); err != nil || ok {
				return id, false, "", err
			}
		}
	} else if p.name == 0 {
		return 0, false, "", nil // an anonymous report (or one with a placeholder email only)
	} else if at, ok := c.byName[p.name]; ok && at != manyNamed {
		city, err := c.otherTown(l, p, at)
		if err != nil {
			return 0, false, "", err
		}
		if city == "" {
			if badEmail != "" {
				if err := c.noteBadEmail(l, p, at, badKey, badEmail); err != nil {
					return 0, false, "", err
				}
			}
			if at >= c.before {
				c.byNameOnly = at // a guess if the import adds another of the name (refileGuesses)
			}
			id, created, err := c.calledOn(l, at, p.day)
			return id, created, "", err
		}
		town := [2]uint64{p.name, townKey(in.CallerTown)}
		if at, ok := c.byNameTown[town]; ok {
			id, created, err := c.calledOn(l, at, p.day)
			return id, created, "", err
		}
		return c.addBesideTown(l, p, at, town, city)
	} else if why, err := c.familyAlone(l, p); err != nil || why != "" {
		return 0, false, why, err
	} else if at, ok := c.byLoose[p.loose]; !ok {
	} else if at == manyNamed {
		var names []string
		for i := range c.callers {
			if c.callers[i].loose == p.loose && len(names) < maxLooseNamed {
				name, err := c.rosterName(l, int32(i))
				if err != nil {
					return 0, false, "", err
				}
				names = append(names, fmt.Sprintf("%s (%s)", name, c.ref(c.callers[i].id)))
			}
		}
		return 0, false, fmt.Sprintf("the caller %s could be %s (the names differ only by apostrophes, hyphens, dots or spaces) and the report gives no email: left out, as whose call it is cannot be told",
			in.CallerName, strings.Join(names, " or ")), nil
	} else if ok, err := c.looseAgrees(l, p, at); err != nil {
		return 0, false, "", err
	} else if ok {
		id, created, err := c.calledOn(l, at, p.day)
		return id, created, "", err
	}
	return c.addNew(l, p)
}

// addCaller adds the report's caller as a new volunteer (source "report form"),
// indexed as find will look for them.
func (c *callerIndex) addCaller(l *Loader, p *pendingCall) (int64, error) {
	in := &p.in
	v, note := callerFromName(in)
	c.contactName = note
	v.City, v.Source = in.CallerTown, "report form"
	v.JoinedOn = dayText(p.day)
	if PlaceholderEmail(in.CallerEmail) {
		v.Email = "" // no one's: the notes keep it
		v.Notes = "email on the report form: " + in.CallerEmail
	}
	if err := v.normalize(); err != nil {
		var ve *ValidationError
		if errors.As(err, &ve) && ve.Field == "email" {
			v.Email, v.OKEmail = "", false // keep the report; the bad address stays in the notes
			v.Notes = "email on the report form: " + in.CallerEmail
		} else {
			return 0, err
		}
	}
	if err := l.AddVolunteer(&v); err != nil {
		return 0, err
	}
	if c.dry {
		if c.unwritten == nil {
			c.unwritten = map[int64]bool{}
		}
		c.unwritten[v.ID] = true
	}
	email := uint64(0)
	if v.Email != "" {
		email = p.email
		if v.Email != in.CallerEmail { // normalize tidied it
			email = emailKey(v.Email)
		}
	}
	c.add(knownCaller{id: v.ID, joined: p.day, first: stemOf(v.FirstName), last: familyKey(v.LastName)}, email, p.name,
		looseNameKey(fold(v.FirstName+" "+v.LastName)))
	if p.email == 0 && p.name != 0 {
		// Copies: the row's cells share one string with its whole record, notes too,
		// which would stay in memory as long as the caller is kept.
		c.nameless = append(c.nameless, addedCaller{id: int(v.ID), line: in.Line, key: strings.Clone(callerNameKey(in.CallerName, fold(in.CallerName))),
			name: strings.Clone(in.CallerName), legislator: strings.Clone(in.Legislator)})
	}
	return v.ID, nil
}

// maxLooseNamed is how many volunteers a caller's name could be find names.
const maxLooseNamed = 3

// rosterName is the name of the caller at place at, as the roster has it.
func (c *callerIndex) rosterName(l *Loader, at int32) (string, error) {
	first, last, err := c.rosterNames(l, at)
	return strings.TrimSpace(first + " " + last), err
}

// rosterNames is rosterName, the first and family names apart.
func (c *callerIndex) rosterNames(l *Loader, at int32) (first, last string, err error) {
	id := c.callers[at].id
	if err := l.written(id); err != nil { // a caller this import added may still wait in a batch
		return "", "", err
	}
	err = l.tx.QueryRowContext(l.ctx, `SELECT first_name, last_name FROM volunteers WHERE id = ?`, id).Scan(&first, &last)
	return first, last, err
}

// looseAgrees reports whether the caller at place at, whose name has the report's
// looseNameKey, is the report's caller: the report's name begins with their first
// name, so only the family name differs, by its apostrophes, hyphens or spaces
// ("Sam O Brien" is Sam Obrien; "Samo Brien" is not).
func (c *callerIndex) looseAgrees(l *Loader, p *pendingCall, at int32) (bool, error) {
	id := c.callers[at].id
	if err := l.written(id); err != nil {
		return false, err
	}
	var first string
	if err := l.tx.QueryRowContext(l.ctx, `SELECT first_name FROM volunteers WHERE id = ?`, id).Scan(&first); err != nil {
		return false, err
	}
	typed := callerNameKey(p.in.CallerName, fold(p.in.CallerName))
	return first != "" && strings.HasPrefix(typed, fold(first)+" "), nil
}

// correction says why a report filed under the volunteer id (found, not added) needs
// the lead's look: the report gives a family name that is not the roster's (found by
// the email despite a typo, "Ann Jhonson" for Ann Johnson; or by the name but for its
// apostrophes, hyphens or spaces), "" when the names agree (folded) or the report
// gives no family name.
//
// A roster volunteer known by the first name alone ("Sarah", from a form that gave
// no more) whose report gives the family name too ("Sarah Harris") has it filled in
// (fillFamily), and filled says so. The family name is read as a caller added is
// named (callerNameOf): an email, a phone, "N/A" or a title is none, and a name with
// letters turned into "?" fills nothing, the note saying so ("Pedro 617-555-0123"
// made Pedro's family name "617-555-0123", tester t5).
func (c *callerIndex) correction(l *Loader, p *pendingCall, id int64) (note, filled string, err error) {
	if p.name == 0 {
		return "", "", nil
	}
	at := c.found
	if at < 0 || c.callers[at].id != id || c.callers[at].name == p.name {
		return "", "", nil // a volunteer in the trash or by UUID (no name on the report to weigh), or the name itself
	}
	n := callerNameOf(p.in.CallerName)
	first, last := n.first, n.last
	if last == "" {
		return "", "", nil // "Sam": the first name alone, which the email finds
	}
	// One line a caller and way of writing their name, at its first report: the
	// 100,000-row form listed 2,711 reports, many of them one caller's (and a line
	// kept for every one of them grew the import's memory with its rows).
	noted := [2]uint64{uint64(id), p.name}
	if _, seen := c.noted[noted]; seen {
		return "", "", nil
	}
	if c.noted == nil {
		c.noted = map[[2]uint64]bool{}
	}
	c.noted[noted] = true // asked once, whatever the answer: a query a caller and name
	rosterFirst, rosterLast, err := c.rosterNames(l, at)
	if err != nil {
		return "", "", err
	}
	if rosterLast == "" {
		// The roster has the first name alone and the report gives a family name
		// too: nothing to correct, and the family name is filled in when the first
		// names are one (another is no sure sign the report is theirs).
		if fold(first) != fold(rosterFirst) {
			return "", "", nil
		}
		if n.lost {
			return fmt.Sprintf(`%s under %s (%s), on the roster by the first name alone, whose email the report gives: the form's caller %q has letters turned into "?" (the form was saved in an encoding that has no such letter), so no family name was filled in from it; write it on the roster`,
				c.did("filed", "would be filed"), rosterFirst, c.ref(id), p.in.CallerName), "", nil
		}
		if err := c.fillFamily(l, at, rosterFirst, last); err != nil {
			return "", "", err
		}
		return "", fmt.Sprintf("%s (%s), on the roster by the first name alone, %s %s %s, as the report gives it (their email found them)",
			rosterFirst, c.ref(id), c.did("is now", "would be"), rosterFirst, last), nil
	}
	if reorderedName(p.in.CallerName, rosterFirst, rosterLast) {
		return "", "", nil // their name, family name first ("王 小明" for 小明 王)
	}
	how := "whose email the report gives"
	if c.callers[at].loose == p.loose {
		how = "the one volunteer of that name but for apostrophes, hyphens, dots or spaces"
	}
	return fmt.Sprintf("%s under %s (%s), %s: the form's caller %q is not quite theirs",
		c.did("filed", "would be filed"), strings.TrimSpace(rosterFirst+" "+rosterLast), c.ref(id), how, p.in.CallerName), "", nil
}

// fillFamily gives the caller at place at, whose family name the roster has empty,
// the family name last: written as an import's update (undo empties it again; the
// row version raised, so an edit open elsewhere does not overwrite it unseen), the
// search keys and the index's keys following.
func (c *callerIndex) fillFamily(l *Loader, at int32, first, last string) error {
	k := &c.callers[at]
	batch := l.batch
	if at >= c.before {
		batch = 0 // a caller this import added: undo removes them whole
	}
	if _, err := updateImportedAs(l.ctx, l.tx, l.actor, batch, "volunteers", k.id, []string{"last_name"}, []string{""}, []string{last},
		func(a, b string) bool { return a == b }); err != nil {
		return err
	}
	nameKey := fold(first + " " + last)
	if _, err := l.tx.ExecContext(l.ctx, `UPDATE volunteers SET name_key = ?, last_key = ? WHERE id = ?`, nameKey, fold(last), k.id); err != nil {
		return err
	}
	k.name, k.loose = key64(nameKey), looseNameKey(nameKey)
	placeOnce(c.byName, k.name, at)
	placeOnce(c.byLoose, k.loose, at)
	return nil
}

// unclearAt finds why a report's caller cannot be told (see find): at is the place
// of the roster person the email finds who has another first name (-1: none), many
// that the report has no email and a name several volunteers have.
func (c *callerIndex) unclearAt(p *pendingCall) (at int32, many bool) {
	if p.email == 0 {
		return -1, p.name != 0 && c.byName[p.name] == manyNamed
	}
	if _, ok := c.shared[[2]uint64{p.email, p.name}]; ok || p.name == 0 {
		return -1, false
	}
	if at, ok := c.sharedLoose[[2]uint64{p.email, p.loose}]; ok && at != manyNamed {
		return -1, false // find weighs it
	}
	at, ok := c.byEmail[p.email]
	if !ok || c.callers[at].name == p.name || c.callers[at].loose == p.loose {
		return -1, false
	}
	// A name of one word ("Smith") may be the family name: it tells no one apart.
	first, last := SplitFullName(p.in.CallerName)
	if last == "" || !c.callers[at].first.differs(stemOf(first)) {
		return -1, false
	}
	return at, false
}

// wordOwner is emailAndWord's answer for an email and a name.
type wordOwner struct {
	at  int32
	why string
}

// emailAndWord weighs a report whose caller's name is one word, or none, against the
// volunteers its email finds: a word alone was taken as "maybe the family name", and
// the report filed under the email's volunteer whatever the word ("Linda" with Robert
// Jones's email went to Robert; "Pedro" or no name with the Silvas' shared address to
// the first Silva). The report is theirs when the word is one of them's first name (as
// firstStem weighs it) or family name, and only one's; when it is no one's, or several's
// (a family's shared address), or the report gives no name and several share the
// email, it is left out with why (the reason, -1). A full name is weighed elsewhere
// (unclearAt, shared): -1 and "". Answered once per email and name.
func (c *callerIndex) emailAndWord(l *Loader, p *pendingCall) (int32, string, error) {
	owners := c.sharers[p.email]
	if owners == nil {
		at, ok := c.byEmail[p.email]
		if !ok {
			return -1, "", nil
		}
		owners = []int32{at}
	}
	in := &p.in
	if p.name == 0 && len(owners) == 1 {
		return -1, "", nil
	}
	key := [2]uint64{p.email, p.name}
	if w, ok := c.wordOwners[key]; ok {
		return w.at, w.why, nil
	}
	first, ok := c.oneWord(p)
	if !ok {
		return -1, "", nil
	}
	var fits []int32
	word := familyKey(first)
	for _, at := range owners {
		if word != 0 && (!c.callers[at].first.differs(stemOf(first)) || word == c.callers[at].last) {
			fits = append(fits, at)
		} else if word != 0 && strings.ContainsFunc(first, unspacedScript) {
			// "王小明", 小明 王's family and given name run together (reorderedName).
			f, last, err := c.rosterNames(l, at)
			if err != nil {
				return -1, "", err
			}
			if reorderedName(first, f, last) {
				fits = append(fits, at)
			}
		}
	}
	w := wordOwner{at: -1}
	if len(fits) == 1 && p.name != 0 {
		w.at = fits[0]
		c.keepWordOwner(key, w)
		return w.at, "", nil
	}
	// Left out: the message names the email's volunteers, as the roster has them.
	var names []string
	for _, at := range owners {
		name, err := c.rosterName(l, at)
		if err != nil {
			return -1, "", err
		}
		names = append(names, fmt.Sprintf("%s (%s)", name, c.ref(c.callers[at].id)))
	}
	switch {
	case p.name == 0:
		w.why = fmt.Sprintf("the report gives no name, and its email %s is that of %s: left out, as whose call it is cannot be told",
			in.CallerEmail, strings.Join(names, ", "))
	case len(fits) == 1:
		w.at = fits[0]
	case len(fits) == 0 && len(owners) == 1:
		w.why = fmt.Sprintf("the caller %s is neither the first nor the family name of %s, whose email %s the report gives: left out, for the lead to tell whose call it is",
			in.CallerName, names[0], in.CallerEmail)
	case len(fits) == 0:
		w.why = fmt.Sprintf("the caller %s is the name of none of %s, whose email %s the report gives: left out, for the lead to tell whose call it is",
			in.CallerName, strings.Join(names, ", "), in.CallerEmail)
	default:
		w.why = fmt.Sprintf("the caller %s could be any of %s, whose email %s the report gives: left out, as whose call it is cannot be told",
			in.CallerName, strings.Join(names, ", "), in.CallerEmail)
	}
	c.keepWordOwner(key, w)
	return w.at, w.why, nil
}

// keepWordOwner keeps emailAndWord's answer for an email and a name.
func (c *callerIndex) keepWordOwner(key [2]uint64, w wordOwner) {
	if c.wordOwners == nil {
		c.wordOwners = map[[2]uint64]wordOwner{}
	}
	c.wordOwners[key] = w
}

// oneWord is the caller's name when it is one word or none (SplitFullName gives no
// family name), and false for a full name. Splitting is the dearest part of finding a
// caller, and a file names the same callers again and again: the answer is kept by
// the folded name's key, for the names of more than one word.
func (c *callerIndex) oneWord(p *pendingCall) (string, bool) {
	if p.name != 0 && c.fullNames[p.name] {
		return "", false
	}
	first, last := SplitFullName(p.in.CallerName)
	if last != "" {
		if p.name != 0 {
			if c.fullNames == nil {
				c.fullNames = map[uint64]bool{}
			}
			c.fullNames[p.name] = true
		}
		return "", false
	}
	return first, true
}

// byUUIDOf finds the volunteer of a caller's UUID (ChapterDesk's call export names
// it): two callers who share a name, and have no email, are still two. A volunteer
// in the trash is used as callerIndex.find says for one found by email. The volunteers
// this import adds have UUIDs of their own, never the file's.
func (c *callerIndex) byUUIDOf(l *Loader, text string) (int64, bool, error) {
	vid, ok, err := c.volunteerOf(l, text)
	if vid < 0 {
		vid = -vid
		c.used[vid] = true
	}
	return vid, ok, err
}

// volunteerOf is the volunteer of a UUID the roster has, -id for one in the trash,
// ok false for a UUID it has not (or not a UUID).
func (c *callerIndex) volunteerOf(l *Loader, text string) (vid int64, ok bool, err error) {
	id, err := uuid.Parse(text)
	if err != nil {
		return 0, false, nil
	}
	if c.byUUID == nil {
		c.byUUID = map[uuid.UUID]int64{}
		if err := eachVolunteerUUID(l, true, func(key uuid.UUID, vid int64, live bool) {
			if !live {
				vid = -vid
			}
			c.byUUID[key] = vid
		}); err != nil {
			return 0, false, err
		}
	}
	vid, ok = c.byUUID[id]
	return vid, ok, nil
}

// calledOn returns the caller at place at, first moving the joined date of a caller
// this import added back to day when the call is earlier (forms are not always in
// date order).
func (c *callerIndex) calledOn(l *Loader, at int32, day int32) (int64, bool, error) {
	c.found = at
	k := &c.callers[at]
	if k.joined == 0 || day == 0 || day >= k.joined {
		return k.id, false, nil
	}
	k.joined = day
	if err := l.written(k.id); err != nil { // the caller may still wait in a batch
		return 0, false, err
	}
	_, err := l.tx.ExecContext(l.ctx, `UPDATE volunteers SET joined_on = ? WHERE id = ?`, dayText(day), k.id)
	return k.id, false, err
}

// callDay is the day of a call in the legislature's zone as days since 1970 (0 for
// a call with no time).
func callDay(t time.Time, zone *time.Location) int32 {
	if t.IsZero() {
		return 0
	}
	y, m, d := t.In(zone).Date()
	return int32(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// dayText is the date of a callDay, as joined_on holds it ("" for 0).
func dayText(day int32) string {
	if day == 0 {
		return ""
	}
	return time.Unix(int64(day)*86400, 0).UTC().Format(time.DateOnly)
}

// areFiled is how the summary says the reports are filed: "would be filed" in a dry run.
func (c *callImport) areFiled() string {
	if c.opts.DryRun {
		return "would be filed"
	}
	return "are filed"
}

// listElsewhere lists the rows whose report the table has under another campaign
// (noteElsewhere), the reports looked up callChunk at a time once the indexes are
// back. A report's campaign is no part of its key, so such a row is that report,
// counted unchanged; the import does not move it to its own campaign unasked.
func (c *callImport) listElsewhere() error {
	for rows := c.elsewhere; len(rows) > 0; {
		n := min(len(rows), callChunk)
		args := []any{c.campaign}
		for _, r := range rows[:n] {
			args = append(args, r.id.String())
		}
		under := map[string]int64{}
		if err := eachRow(c.l.ctx, c.l.tx, func(r *sql.Rows) error {
			var id string
			var campaign int64
			err := r.Scan(&id, &campaign)
			under[id] = campaign
			return err
		}, `SELECT uuid, campaign_id FROM call_reports WHERE campaign_id <> ? AND uuid IN (`+placeholders(n)+`)`, args...); err != nil {
			return err
		}
		for _, r := range rows[:n] {
			if campaign, ok := under[r.id.String()]; ok {
				if err := c.noteElsewhere(r.line, r.leg, campaign); err != nil {
					return err
				}
			}
		}
		rows = rows[n:]
	}
	c.elsewhere = nil
	return nil
}

// noteElsewhere lists a row whose report is under another campaign than the import's.
func (c *callImport) noteElsewhere(line int, leg, campaign int64) error {
	sum := &c.sum
	if c.elsewhereBy == nil {
		c.elsewhereBy = map[int64]int{}
	}
	c.elsewhereBy[campaign]++
	sum.ElsewhereCount++
	if !moreLines(sum.FiledElsewhere, &sum.ElsewhereAfter, line) {
		return nil
	}
	title, err := c.campaignTitle(campaign)
	if err != nil {
		return err
	}
	sum.FiledElsewhere = append(sum.FiledElsewhere, UnresolvedCall{Line: line, Legislator: c.legislatorName(leg),
		Reason: "already filed under " + title + "; not moved"})
	return nil
}

// campaignTitle is a campaign's title (CampaignSummary.Title), for a message.
func (c *callImport) campaignTitle(id int64) (string, error) {
	if c.titles == nil {
		list, err := campaignList(c.l.ctx, c.l.tx)
		if err != nil {
			return "", err
		}
		c.titles = map[int64]string{}
		for _, camp := range list {
			c.titles[camp.ID] = camp.Title()
		}
	}
	if t, ok := c.titles[id]; ok {
		return t, nil
	}
	return fmt.Sprintf("campaign %d", id), nil
}

// sayWhereFiled says again where the reports are once some were found under other
// campaigns (noteElsewhere): "filed under" the import's campaign was said of them too.
func (c *callImport) sayWhereFiled() {
	sum := &c.sum
	if sum.ElsewhereCount == 0 {
		return
	}
	slices.SortStableFunc(sum.FiledElsewhere, func(a, b UnresolvedCall) int { return a.Line - b.Line })
	var under []string
	for _, id := range slices.Sorted(maps.Keys(c.elsewhereBy)) {
		title, err := c.campaignTitle(id)
		if err != nil {
			title = fmt.Sprintf("campaign %d", id)
		}
		if len(c.elsewhereBy) > 1 {
			title += fmt.Sprintf(" (%d)", c.elsewhereBy[id])
		}
		under = append(under, title)
	}
	said := fmt.Sprintf("%d reports were already filed under %s, and stay there (not moved); the others %s under %s",
		sum.ElsewhereCount, strings.Join(under, " and "), c.areFiled(), sum.Campaign.Title())
	if sum.Created == 0 && sum.ElsewhereCount >= sum.Unchanged+sum.Updated {
		said = fmt.Sprintf("the reports are filed under %s, where they already were (not moved to %s)",
			strings.Join(under, " and "), sum.Campaign.Title())
	}
	sum.Notes[c.filedNote] = said
}

// listOtherChapters says how many of the reports the import added another chapter of
// the file or server has too, alike in all the form gives (legislator, time, office,
// outcome, stance heard, notes): the same form imported by two chapters, which the
// coalition's numbers then count twice. Each chapter keeps its own (a report's UUID
// is its chapter's, see keys); the lead is told, the other chapter named and none of
// its people. A lead reads no other chapter's reports: the server's function reads
// them for the lead's own (postgres/0022). One query an import, after the reports
// are written; none at all when the file or server has one chapter.
//
// A coalition's lead is told once the import is committed (askOthers): the server's
// function answers only in a transaction that has written nothing, so that a lead
// cannot insert a guess of another chapter's report, ask, and roll back (t9 repro-9).
func (c *callImport) listOtherChapters() error {
	var others bool // a file or server of one chapter (the chapters are few): nothing to read
	if err := c.l.tx.QueryRowContext(c.l.ctx, `SELECT EXISTS (SELECT 1 FROM chapters WHERE id <> ?)`, c.l.chapterID).Scan(&others); err != nil || !others || c.sum.Created == 0 {
		return err
	}
	if c.chapterFirst {
		c.sum.askOthers = true
		return nil
	}
	return listOtherChapters(c.l.ctx, c.l.tx, &c.sum, c.l.server, false)
}

// listOtherChapters reads and says what listOtherChapters tells of sum's batch: by
// the server's function for a coalition's lead (lead), else from the reports.
func listOtherChapters(ctx context.Context, tx rowsQueryer, sum *CallImportSummary, server, lead bool) error {
	// The reports alike: each chapter's count, then (name NULL) how many of the
	// import's another chapter has, one each however many have it.
	alike := `FROM call_reports r
		JOIN call_reports o ON o.legislator_id = r.legislator_id AND o.called_at = r.called_at
			AND o.chapter_id <> r.chapter_id AND o.deleted_at IS NULL
			AND o.office = r.office AND o.outcome = r.outcome AND o.stance_heard = r.stance_heard AND o.notes = r.notes
		JOIN chapters c ON c.id = o.chapter_id
		WHERE r.import_batch_id = ? AND r.deleted_at IS NULL`
	q := `SELECT c.name, count(DISTINCT r.id) ` + alike + ` GROUP BY c.name
		UNION ALL SELECT NULL, count(DISTINCT r.id) ` + alike + ` ORDER BY 1`
	args := []any{sum.BatchID, sum.BatchID}
	if lead {
		q, args = `SELECT chapter, reports FROM chapterdesk_calls_in_other_chapters(?)`, args[:1]
	}
	var chapters []string
	err := eachRow(ctx, tx, func(r *sql.Rows) error {
		var name sql.NullString
		var n int
		if err := r.Scan(&name, &n); err != nil {
			return err
		}
		if !name.Valid {
			sum.InOtherChapters = n
		} else {
			chapters = append(chapters, fmt.Sprintf("%s (%d)", name.String, n))
		}
		return nil
	}, q, args...)
	if err != nil || len(chapters) == 0 {
		return err
	}
	// A server's counters count such a call once (postgres/0029); a file's whip count
	// counts each report.
	counts := "the same call filed by two chapters counts twice in the coalition's numbers"
	if server {
		counts = "the coalition's numbers count the same call filed by two chapters once, and each chapter's own its report"
	}
	sum.Notes = append(sum.Notes, fmt.Sprintf("%d of the reports added are another chapter's too, alike in all the form gives: %s; "+
		"%s (if the form is the other chapter's, undo this import)", sum.InOtherChapters, strings.Join(chapters, ", "), counts))
	return nil
}
