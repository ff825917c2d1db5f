package reports

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/stream"
)

// WorkbookOptions tunes the coalition workbook.
type WorkbookOptions struct {
	// CoalitionSafe leaves out every personal contact detail (emails, phones,
	// addresses, notes); volunteers appear by first name and last initial.
	CoalitionSafe bool
	// Location is the zone dates and times are shown in; nil: UTC.
	Location *time.Location
	// Now is when the workbook says it was written; zero: time.Now. Tests fix it.
	Now time.Time
	// Progress, when set, is told how far the writing has come (see book.step).
	Progress stream.Progress
	// Warn, when set, is told what the workbook could not hold as the data file does
	// (a note cut at Excel's cell limit), once the workbook is written.
	Warn func(msg string)
}

// Sheet names, in the order the workbook shows them.
const (
	SheetSummary      = "Summary"
	SheetByChapter    = "By chapter"
	SheetByLegislator = "By legislator"
	SheetByDistrict   = "By district"
	SheetByVolunteer  = "By volunteer"
	SheetByWeek       = "By week"
	SheetCallLog      = "Call log"
	SheetVolunteers   = "Volunteers"
	// SheetRecord is there only when the campaign's bills have roll calls imported
	// (chapterdesk import session).
	SheetRecord = "Record vs whip count"
)

// nextTargetAfter is how long since the office was last reached before a persuadable
// legislator is flagged as a next target.
const nextTargetAfter = 14 * 24 * time.Hour

// WriteWorkbook writes the coalition workbook for r (read by db.Store.Report, and
// called inside it so the streamed sheets share its snapshot) to w. A report read
// with TallyInCallLog is summed as the call log is written, its calls read once.
func WriteWorkbook(ctx context.Context, w io.Writer, r *db.Report, opts WorkbookOptions) error {
	if opts.Location == nil {
		opts.Location = time.UTC
	}
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	f := excelize.NewFile()
	defer f.Close()
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	b := &book{ctx: ctx, f: f, st: st, loc: opts.Location}
	if r.Coalition() {
		// A coordinator's report: the database gave it no contact detail or note to
		// leave out, and no roster; the workbook says it is coalition-safe.
		opts.CoalitionSafe = true
	}
	if opts.Progress != nil {
		calls, err := r.PeriodCalls()
		if err != nil {
			return fmt.Errorf("write workbook: %w", err)
		}
		// The listed rows, and a tenth more for saving (compressing) them.
		rows := int64(calls)
		if !r.Coalition() {
			rows += int64(r.Summary.Volunteers)
		}
		b.progress, b.total = stream.Throttle(opts.Progress, 100*time.Millisecond), rows+rows/10+1
	}
	wb := &workbook{book: b, r: r, opts: opts, chapters: len(r.Chapters) > 1 || r.Coalition(), roster: !r.Coalition()}
	// Read before the sheets are streamed: they share the report's connection.
	if wb.record, err = r.RecordVsWhip(); err != nil {
		return fmt.Errorf("write workbook: %w", err)
	}
	if err := wb.write(); err != nil {
		return fmt.Errorf("write workbook: %w", err)
	}
	if err := save(f, w); err != nil {
		return err
	}
	if n := b.cut.Load(); n > 0 && opts.Warn != nil {
		what := fmt.Sprintf("%d cells longer than Excel holds (32,767 characters) were", n)
		if n == 1 {
			what = "1 cell longer than Excel holds (32,767 characters) was"
		}
		opts.Warn(fmt.Sprintf("%s cut, the end marked in the cell (first: %s); the data file keeps the text whole", what, b.firstCut.Load()))
	}
	if b.progress != nil {
		b.progress(b.total, b.total)
	}
	return nil
}

// save writes the finished workbook to w. excelize builds the whole zip in a memory
// buffer before copying it out; its ZipWriter hook lets us hand it a zip writer over
// w itself, so a million-row workbook never sits in memory, and one that compresses
// at flate.BestSpeed, which is several times faster than the default for a file
// about a fifth bigger, on every core (parallelZip).
func save(f *excelize.File, w io.Writer) error {
	var zw *parallelZip
	f.SetZipWriter(func(io.Writer) excelize.ZipWriter {
		zw = newParallelZip(w)
		return zw
	})
	var rest bytes.Buffer // what excelize's own buffer received: nothing, or a bug
	if _, err := f.WriteTo(&rest); err != nil {
		return fmt.Errorf("write workbook: %w", err)
	}
	if zw == nil || rest.Len() != 0 {
		return fmt.Errorf("write workbook: excelize no longer writes through its ZipWriter hook")
	}
	return nil
}

// workbook is one coalition workbook being written.
type workbook struct {
	*book
	r        *db.Report
	opts     WorkbookOptions
	chapters bool // more than one chapter, or a coordinator's: a By chapter sheet and chapter columns
	roster   bool // the Volunteers sheet (not in a coordinator's workbook: no roster to list)
	record   []db.RollCallCompared
}

func (wb *workbook) write() error {
	names := []string{SheetSummary}
	if wb.chapters {
		names = append(names, SheetByChapter)
	}
	names = append(names, SheetByLegislator, SheetByDistrict, SheetByVolunteer, SheetByWeek)
	if len(wb.record) > 0 {
		names = append(names, SheetRecord)
	}
	names = append(names, SheetCallLog)
	if wb.roster {
		names = append(names, SheetVolunteers)
	}
	if err := wb.f.SetSheetName("Sheet1", names[0]); err != nil {
		return err
	}
	for _, n := range names[1:] {
		if _, err := wb.f.NewSheet(n); err != nil {
			return err
		}
	}
	steps := []func() error{wb.callLog, wb.summary}
	if wb.chapters {
		steps = append(steps, wb.byChapter)
	}
	steps = append(steps, wb.byLegislator, wb.byDistrict, wb.byVolunteer, wb.byWeek)
	if len(wb.record) > 0 {
		steps = append(steps, wb.recordSheet)
	}
	// The call log before the other sheets: a report read with
	// db.ReportQuery.TallyInCallLog sums the period while its call log is listed, and
	// the other sheets show the sums. The roster, the longest sheet in a month's
	// workbook, is written beside them.
	roster := func() error { return nil }
	if wb.roster {
		roster = wb.rosterSheet
	}
	err := wb.together(func() error {
		for _, step := range steps {
			if err := step(); err != nil {
				return err
			}
		}
		return nil
	}, roster)
	if err != nil {
		return err
	}
	// The Summary is the first sheet and the template's selected tab, so it opens
	// first without f.SetActiveSheet, which would read back and parse the XML of
	// every streamed sheet still in memory (half a second and a hundred MB for a
	// month) only to change copies excelize no longer writes.
	return wb.f.SetDocProps(&excelize.DocProperties{Title: "Coalition report: " + wb.r.Summary.CampaignName,
		Creator: "ChapterDesk", Created: wb.opts.Now.UTC().Format(time.RFC3339)})
}

// together writes sheets on two goroutines: the call log and the sheets after it on
// one, the roster on the other. Each sheet is a stream writer of its own fed by its
// own query on the report's snapshot, so two cores share the work of building their
// XML. The sheets use the *excelize.File itself only while they hold the book's lock
// (a listing's start and close, the Summary's start and flush). The first error
// cancels the other goroutine's sheet, which stops within its next 10,000 rows, and
// is the one returned.
func (wb *workbook) together(a, b func() error) error {
	parent := wb.ctx
	ctx, cancel := context.WithCancel(parent)
	wb.ctx = ctx
	defer func() { cancel(); wb.ctx = parent }()
	var mu sync.Mutex
	var first error
	fail := func(err error) {
		mu.Lock()
		defer mu.Unlock()
		if err != nil && first == nil {
			first = err
			cancel()
		}
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		fail(b())
	}()
	fail(a())
	<-done
	return first
}

// person is how the workbook names a volunteer: in full, or coalition-safe as first
// name and last initial ("Maria G.").
func (wb *workbook) person(first, last string) string {
	if !wb.opts.CoalitionSafe {
		return strings.TrimSpace(first + " " + last)
	}
	return SafeName(first, last)
}

// SafeName is a volunteer's first name and last initial: "Maria G.". An email or
// phone number typed in a name field (a caller who wrote their email as "Your name")
// is left out, so that no name field ever prints one; a name that was nothing else
// is "(name withheld)".
//
// A first name of several words is given by its initials: "M. J. G. L." for María José
// García López (but "Dana R." for "Dana Q." Roe, a middle initial), the form's "Your name" split at its last word (t9 repro-13). Its
// words may hold a family name, and which word is one cannot be told ("Nguyễn Thị"
// Hương, family name first): the first word alone would still print "Nguyễn". The
// server's chapterdesk_short_name (postgres/0036) is the same rule.
func SafeName(first, last string) string {
	had := strings.TrimSpace(first+last) != ""
	first, _, _ = db.ContactsInName(first)
	last, _, _ = db.ContactsInName(last)
	first, last = strings.TrimSpace(first), strings.TrimLeftFunc(last, func(r rune) bool { return !unicode.IsLetter(r) })
	if first == "" && last == "" && had {
		return "(name withheld)"
	}
	if words := strings.Fields(first); len(words) > 1 && !db.NoName(first) && middleInitials(words[1:]) {
		first = words[0] // "Dana Q." Roe: Dana R.
	} else if len(words) > 1 && !db.NoName(first) {
		var initials []string
		for _, w := range words {
			if i := initial(w); i != "" {
				initials = append(initials, i)
			}
		}
		first = strings.Join(initials, " ")
	}
	if last == "" {
		return first
	}
	return strings.TrimSpace(first + " " + initial(last))
}

// middleInitials says whether words are initials only ("Q.", "J"): a first name
// followed by its middle initials, whose first word is a given name.
func middleInitials(words []string) bool {
	for _, w := range words {
		if utf8.RuneCountInString(strings.TrimRight(w, ".")) != 1 {
			return false
		}
	}
	return true
}

// initial is a name's first letter, upper case, and a full stop; "" if it has none.
func initial(name string) string {
	i := strings.IndexFunc(name, unicode.IsLetter)
	if i < 0 {
		return ""
	}
	r, _ := utf8.DecodeRuneInString(name[i:])
	return string(unicode.ToUpper(r)) + "."
}

// lastDay is the period's last calendar day (its end is exclusive).
func (wb *workbook) lastDay() time.Time {
	return wb.r.Summary.To.Add(-time.Second).In(wb.loc)
}

func (wb *workbook) summary() error {
	s, r := wb.r.Summary, wb.r
	sw, err := wb.stream(SheetSummary)
	if err != nil {
		return err
	}
	widths := []float64{42, 18, 14, 14, 14, 14, 14, 14, 12, 12, 12, 12, 12, 12, 12, 12}
	for i, w := range widths {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return err
		}
	}
	row := 0
	put := func(cells ...any) error {
		row++
		for i, c := range cells {
			cells[i] = wb.cell(c)
		}
		return sw.SetRow(fmt.Sprintf("A%d", row), cells)
	}
	label := func(text string) excelize.Cell { return excelize.Cell{StyleID: wb.st.label, Value: text} }
	chapter := s.Chapter.Name
	switch {
	case r.Coalition():
		chapter = fmt.Sprintf("The coalition: %d chapters", len(r.Chapters))
	case wb.chapters:
		chapter = fmt.Sprintf("%s and %d other chapters", chapter, len(r.Chapters)-1)
	}
	campaign := s.CampaignName
	if s.BillNumbers != "" {
		campaign += " (" + s.BillNumbers + ")"
	}
	lines := [][]any{
		{excelize.Cell{StyleID: wb.st.title, Value: "Coalition report"}},
		{},
		{label("Chapter"), chapter},
		{label("Campaign"), campaign},
		{label("Period from"), wb.calendarDay(s.From.In(wb.loc))},
		{label("Period to (inclusive)"), wb.calendarDay(wb.lastDay())},
		{label("Written"), wb.opts.Now},
		{},
		{label("Calls made"), s.Calls},
		{label("Reaches (spoke, or left a voicemail)"), s.Reaches},
		{label(db.LegislatorsCalledLabel), s.LegislatorsCalled},
		{label(db.LegislatorsReachedLabel), s.LegislatorsReached},
	}
	if s.LegislatorsNotCounted > 0 { // the calls and reaches above count their calls, the two lines above not them
		lines = append(lines, []any{label("Legislators called who are no longer in office, or of another state (their calls are among the calls made)"),
			s.LegislatorsNotCounted})
	}
	lines = append(lines,
		[]any{label(entriesLabel("Volunteers who called", "", len(r.Chapters))), s.VolunteersCalled},
		[]any{label(newVolunteersLabel(s, len(r.Chapters))), wb.headcount(s.NewVolunteers)})
	// Several chapters' rosters may share a person: their total says which count it
	// is (a coordinator's, from counts only, has the entries and not the people).
	switch {
	case len(r.Chapters) < 2:
		lines = append(lines, []any{label("Volunteers on the roster"), wb.headcount(s.Volunteers)})
	case s.People > 0:
		lines = append(lines, []any{label("Volunteers, each person once (matched as the roster import matches: a household's shared phone is two people)"), s.People})
		fallthrough
	default:
		lines = append(lines, []any{label("Roster entries of all chapters (a person on two rosters counts twice)"), wb.headcount(s.Volunteers)})
	}
	lines = append(lines, []any{label("Follow-ups still open from the period's calls"), s.FollowUpsOpen}, []any{})
	for _, l := range lines {
		if err := put(l...); err != nil {
			return err
		}
	}
	whipHeader := []any{"Whip count", "Members", "Votes needed", "For the bill at start", "For the bill at end",
		"Still needed", "Moved toward", "Moved away"}
	for _, st := range db.Stances {
		whipHeader = append(whipHeader, st.Label())
	}
	for i, h := range whipHeader {
		whipHeader[i] = excelize.Cell{StyleID: wb.st.header, Value: h}
	}
	row++
	if err := sw.SetRow(fmt.Sprintf("A%d", row), whipHeader, excelize.RowOpts{Height: 30}); err != nil {
		return err
	}
	for _, c := range s.Whip {
		line := []any{c.Chamber.Label(), c.Seats, c.VotesNeeded, c.SupportingStart, c.SupportingEnd,
			max(c.VotesNeeded-c.SupportingEnd, 0), c.MovedToward, c.MovedAway}
		for _, st := range db.Stances {
			line = append(line, c.End[st])
		}
		if err := put(line...); err != nil {
			return err
		}
	}
	notes := []string{"",
		"A reach is a call that spoke with the legislator or staff, or left a voicemail; voicemail full, busy, no answer and wrong number are attempts only.",
		"Stances by chamber are counted at the end of the period; \"for the bill\" is sponsor, cosponsor or yes.",
		"Moved toward and moved away count changes from one known stance to another; a first stance recorded is not a move.",
	}
	if wb.opts.CoalitionSafe {
		notes = append(notes, "Coalition-safe: no emails, phones, addresses or notes; volunteers by first name and last initial.")
	}
	if r.Coalition() {
		notes = append(notes, fmt.Sprintf("Written by the coalition's coordinator, whose login reads every chapter's calls and only counts of the rosters: no Volunteers sheet, and no recruits. A count of fewer than %d volunteers (a chapter's, a district's) is not given, nor one that with the others would give such a count by subtraction (a chapter's new volunteers when a month of them was fewer; a second chapter or district beside a small one), so that none points at a person. Every count of volunteers given is rounded to the nearest multiple of 5 and reads \"about\", each on its own (the chapters need not add up to the total), so that two workbooks written at different times give no such count by subtraction either. Calls, reaches and callers are counted exactly: this login reads every chapter's call reports, each with its caller's first name and last initial, so a count of them tells nothing the call log does not. New volunteers are counted by whole calendar months: %s.",
			db.CoalitionMinGroup, monthsOf(s)))
	}
	for _, n := range notes {
		if err := put(n); err != nil {
			return err
		}
	}
	wb.mu.Lock()
	defer wb.mu.Unlock()
	return sw.Flush()
}

// stream starts the Summary's stream writer, holding the book's lock while it uses
// the file (the roster may be written at the same time).
func (wb *workbook) stream(sheet string) (*excelize.StreamWriter, error) {
	wb.mu.Lock()
	defer wb.mu.Unlock()
	if err := wb.printLayout(sheet, false); err != nil {
		return nil, err
	}
	return wb.f.NewStreamWriter(sheet)
}

// byChapter lists each chapter's period: its roster, its calls and what they
// reached, the whip count changes it recorded, its newest call (before the period's
// end, in the period or not: a chapter gone quiet shows since when) and its calls in
// each week of the period.
func (wb *workbook) byChapter() error {
	cols := []column{{"Chapter", 34}, {"Volunteers", 12}, {"New volunteers", 12},
		{"Calls", 12}, {"Reaches", 12}, {db.LegislatorsReachedLabel, 13}, {"Volunteers who called", 13},
		{"Whip count changes", 12}, {"Follow-ups open", 11}, {"Last call", 17}}
	for _, w := range wb.r.Weeks {
		cols = append(cols, column{"Week of " + w.Start.Format(time.DateOnly), 12})
	}
	s, err := wb.listing(SheetByChapter, cols)
	if err != nil {
		return err
	}
	vals := make([]any, 0, len(cols))
	for _, c := range wb.r.Chapters {
		var last any = ""
		if !c.LastCall.IsZero() {
			last = c.LastCall
		}
		vals = append(vals[:0], c.Name, wb.headcount(c.Volunteers), wb.headcount(c.NewVolunteers), c.Calls, c.Reaches, c.LegislatorsReached,
			c.VolunteersCalled, c.StanceChanges, c.FollowUpsOpen, last)
		for i := range wb.r.Weeks {
			n := 0
			if i < len(c.WeekCalls) {
				n = c.WeekCalls[i]
			}
			vals = append(vals, n)
		}
		if err := s.add(vals...); err != nil {
			return err
		}
	}
	return s.close()
}

func (wb *workbook) byLegislator() error {
	s, err := wb.listing(SheetByLegislator, []column{{"Next target", 12}, {"Chamber", 9}, {"District", 24},
		{"Legislator", 28}, {"Party", 12}, {"Stance at start", 14}, {"Stance at end", 14}, {"Calls", 9},
		{"Reaches", 9}, {"Last contact", 17}, {"Last reached", 17}, {"Follow-ups open", 11}, {"Not in the whip count", 26}})
	if err != nil {
		return err
	}
	cutoff := wb.r.Summary.To.Add(-nextTargetAfter)
	for _, l := range wb.r.Legislators {
		var flag any = ""
		if l.Persuadable() && l.LastReached.Before(cutoff) {
			flag = excelize.Cell{StyleID: wb.st.highlight, Value: "Next target"}
		}
		if err := s.add(flag, l.Chamber.Label(), l.District, l.Title(), l.Party, l.StanceStart.Label(),
			l.StanceEnd.Label(), l.Attempts, l.Reaches, l.LastContact, l.LastReached, l.FollowUpsOpen, l.NotCounted); err != nil {
			return err
		}
	}
	return s.close()
}

// headcount is a count of volunteers as a cell: the number, or the words for one the
// coordinator's counts withhold ("not given": not always a small one, see
// db.CoalitionMinGroup, and the notes say why). The coordinator's counts are rounded
// to a multiple of 5 (postgres 0020), and their cells say so: "about 370".
func (wb *workbook) headcount(n int) any {
	if n == db.FewVolunteers {
		return "not given"
	}
	if wb.r.Coalition() {
		return excelize.Cell{StyleID: wb.st.about, Value: n}
	}
	return n
}

// monthsOf is the calendar months the summary's new volunteers count, as words.
func monthsOf(s db.ReportSummary) string {
	last := s.JoinedTo.AddDate(0, -1, 0)
	if last.Year() == s.JoinedFrom.Year() && last.Month() == s.JoinedFrom.Month() {
		return s.JoinedFrom.Format("January 2006")
	}
	return s.JoinedFrom.Format("January 2006") + " to " + last.Format("January 2006")
}

// newVolunteersLabel names the summary's new volunteers, with the months they are
// counted over when those are not the period (the coordinator's: whole months), and
// as roster entries in a workbook of several chapters (entriesLabel).
func newVolunteersLabel(s db.ReportSummary, chapters int) string {
	if s.JoinedFrom.Equal(s.From) && s.JoinedTo.Equal(s.To) {
		return entriesLabel("New volunteers", "", chapters)
	}
	return entriesLabel("New volunteers", "joined "+monthsOf(s), chapters)
}

// entriesLabel is a summary label with its note in brackets; in a workbook of several
// chapters the count is of roster entries (a person on two chapters' rosters twice),
// said beside the people counted once, so the two are not read as one count.
func entriesLabel(name, note string, chapters int) string {
	if chapters >= 2 {
		if note != "" {
			note += "; "
		}
		note += "roster entries"
	}
	if note == "" {
		return name
	}
	return name + " (" + note + ")"
}

func (wb *workbook) byDistrict() error {
	s, err := wb.listing(SheetByDistrict, []column{{"Chamber", 9}, {"District", 26}, {"Members", 34}, {"Stances", 16},
		{entriesLabel("Volunteers living there", "", len(wb.r.Chapters)), 13}, {"Calls", 9}, {"Reaches", 9}, {db.LegislatorsReachedLabel, 12}, {"Last contact", 17}})
	if err != nil {
		return err
	}
	for _, d := range wb.r.Districts {
		if err := s.add(d.Chamber.Label(), d.District, d.Members, d.Stances, wb.headcount(d.Volunteers), d.Attempts, d.Reaches,
			d.LegislatorsReached, d.LastContact); err != nil {
			return err
		}
	}
	return s.close()
}

func (wb *workbook) byVolunteer() error {
	cols := []column{{"Volunteer", 26}}
	if wb.chapters {
		cols = append(cols, column{"Chapter", 26})
	}
	cols = append(cols, column{"Calls", 9}, column{"Reaches", 9}, column{"Legislators called", 12})
	recruits := !wb.r.Coalition() // a coordinator reads no recruiters
	if recruits {
		cols = append(cols, column{"Recruits who joined", 12})
	}
	cols = append(cols, column{"Last call", 17})
	s, err := wb.listing(SheetByVolunteer, cols)
	if err != nil {
		return err
	}
	vals := make([]any, 0, len(cols))
	err = pipe(wb.r.EachVolunteerActivity, func(a *db.VolunteerActivity) error {
		vals = append(vals[:0], wb.person(a.FirstName, a.LastName))
		if wb.chapters {
			vals = append(vals, a.Chapter)
		}
		vals = append(vals, a.Calls, a.Reaches, a.Legislators)
		if recruits {
			vals = append(vals, a.Recruits)
		}
		return s.add(append(vals, a.LastCall)...)
	})
	if err != nil {
		return err
	}
	return s.close()
}

func (wb *workbook) byWeek() error {
	s, err := wb.listing(SheetByWeek, []column{{"Week of (Monday)", 16}, {"Days in period", 10}, {"Calls", 11},
		{"Reaches", 11}})
	if err != nil {
		return err
	}
	from, to := wb.r.Summary.From, wb.r.Summary.To
	for _, w := range wb.r.Weeks {
		if err := s.add(wb.calendarDay(w.Start), daysIn(w.Start, from, to), w.Calls, w.Reaches); err != nil {
			return err
		}
	}
	n := len(wb.r.Weeks)
	s.before = func(s *sheet) error {
		if n == 0 {
			return nil
		}
		series := func(col string) excelize.ChartSeries {
			return excelize.ChartSeries{Name: fmt.Sprintf("'%s'!$%s$1", SheetByWeek, col),
				Categories: fmt.Sprintf("'%s'!$A$2:$A$%d", SheetByWeek, n+1),
				Values:     fmt.Sprintf("'%s'!$%s$2:$%s$%d", SheetByWeek, col, col, n+1)}
		}
		axisFont := excelize.Font{Color: axisColor, Size: 9}
		err := wb.f.AddChart(SheetByWeek, "F2", &excelize.Chart{
			Type:      excelize.Line,
			Series:    []excelize.ChartSeries{series("C"), series("D")},
			Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "Calls and reaches per week"}}},
			Legend:    excelize.ChartLegend{Position: "bottom"},
			Dimension: excelize.ChartDimension{Width: chartWidth, Height: 360},
			XAxis: excelize.ChartAxis{NumFmt: excelize.ChartNumFmt{CustomNumFmt: "yyyy-mm-dd"},
				TickLabelSkip: weekLabelSkip(n), Alignment: excelize.Alignment{TextRotation: 45}, Font: axisFont},
			YAxis: excelize.ChartAxis{MajorGridLines: true, Font: axisFont},
		})
		if err != nil {
			return err
		}
		return weeksAsText(wb.f)
	}
	return s.close()
}

// axisColor is the By week chart's axis labels: dark grey. excelize's default is a
// grey so light (#D9D9D9) the dates could hardly be read.
const axisColor = "404040"

// weeksAsText makes the By week chart's category axis a text axis, one category a
// week. excelize marks it automatic, and an automatic axis over dates is a date axis
// to LibreOffice, which labelled every day of the period and ignored the label skip
// (the first-day walk: 29 slanted dates under five weeks). Excel shows a text axis
// the same as before.
func weeksAsText(f *excelize.File) error {
	const chart = "xl/charts/chart1.xml"
	v, ok := f.Pkg.Load(chart)
	b, isBytes := v.([]byte)
	auto := []byte(`<auto val="1"></auto>`)
	if !ok || !isBytes || bytes.Count(b, auto) != 1 {
		return fmt.Errorf("write workbook: the By week chart is not where excelize used to put it")
	}
	f.Pkg.Store(chart, bytes.Replace(b, auto, []byte(`<auto val="0"></auto>`), 1))
	return nil
}

// chartWidth is the By week chart's width in pixels; a date label ("2026-11-02") takes
// about 80 of them, so the axis labels every week or every few weeks, never overlapping.
// LibreOffice ignores the skip and makes its own date axis: the labels are slanted so
// that its labels do not overlap either.
const (
	chartWidth     = 720
	weekLabelWidth = 80
)

// weekLabelSkip is how many weeks apart the chart's date labels are: 1 while every
// week's label fits, else every 2, 4 (about a month) or more.
func weekLabelSkip(weeks int) int {
	fit := (chartWidth - 60) / weekLabelWidth
	skip := 1
	for weeks > fit*skip {
		if skip < 4 {
			skip *= 2
		} else {
			skip += 4
		}
	}
	return skip
}

// daysIn is how many days of the week starting at monday fall in the period [from, to):
// 7 but for a partial first or last week.
func daysIn(monday, from, to time.Time) int {
	n := 0
	for i := 0; i < 7; i++ {
		if d := monday.AddDate(0, 0, i); !d.Before(from) && d.Before(to) {
			n++
		}
	}
	return n
}
