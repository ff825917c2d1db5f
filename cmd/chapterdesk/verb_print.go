package main

import (
	"cmp"
	"context"
	"flag"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/importer/format"
	"github.com/chapterdesk/chapterdesk/reports"
)

// printJob is what the printing verbs share: --campaign, --lang and --paper, one
// FILE.pdf, the database opened read-only and the campaign found.
type printJob struct {
	e                     *env
	fs                    *flag.FlagSet
	campaign, lang, paper *string
}

func (e *env) newPrintJob(verb string) *printJob {
	fs := e.newFlags(verb)
	return &printJob{e: e, fs: fs,
		campaign: fs.String("campaign", "", "the campaign's ID or UUID (default: the newest; see campaign list)"),
		lang:     fs.String("lang", "", "the language to print, e.g. es (default: the campaign's own)"),
		paper:    fs.String("paper", "letter", "letter or a4"),
	}
}

// run parses the command line, checks the flags with check, then calls print with the
// campaign and the file to write; print returns what to say on stdout and the warnings.
func (j *printJob) run(ctx context.Context, args []string, check func() error,
	print func(s *db.Store, c db.Campaign, w io.Writer, paper reports.Paper, lang string) (string, []string, error)) error {
	pos, err := j.e.parse(j.fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageError{fmt.Sprintf("give the PDF file to write: %s FILE.pdf", j.fs.Name())}
	}
	paper, err := reports.ParsePaper(*j.paper)
	if err != nil {
		return usageError{err.Error()}
	}
	if err := check(); err != nil {
		return err
	}
	path, err := j.e.dbPath(false)
	if err != nil {
		return err
	}
	lang := strings.ToLower(strings.TrimSpace(*j.lang))
	return withStore(ctx, path, db.Options{ReadOnly: true}, func(s *db.Store) error {
		c, err := pickCampaign(ctx, s, *j.campaign)
		if err != nil {
			return err
		}
		if lang != "" && !slices.Contains(c.Languages(), lang) {
			return fmt.Errorf("campaign %q has no %s texts (it has %s)", c.Name(), lang, strings.Join(c.Languages(), ", "))
		}
		var said string
		var warnings []string
		if err := writeFileAtomic(pos[0], func(w io.Writer) error {
			said, warnings, err = print(s, c, w, paper, lang)
			return err
		}); err != nil {
			return err
		}
		renumbered, err := renumberNotes(ctx, s, c)
		if err != nil {
			return err
		}
		warnings = append(warnings, renumbered...)
		note, err := defaultCampaignNote(ctx, s, strings.TrimSpace(*j.campaign) != "", c.ID)
		if err != nil {
			return err
		}
		fmt.Fprintf(j.e.stdout, "wrote %s: %s\n%s\n", pos[0], said, note)
		for _, w := range warnings {
			fmt.Fprintln(j.e.stderr, "warning:", w)
		}
		return nil
	})
}

// renumberNotes are the RenumberNotes of the campaign's links for the bills it still
// has: what is printed names the campaign's numbers.
func renumberNotes(ctx context.Context, s *db.Store, c db.Campaign) ([]string, error) {
	links, err := s.BillLinks(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, l := range links {
		if note := l.RenumberNote(); note != "" && slices.ContainsFunc(c.Bills, func(b db.Bill) bool { return db.BillKey(b.Number) == db.BillKey(l.CampaignBill) }) {
			out = append(out, note)
		}
	}
	return out, nil
}

// runLeaflet prints the FAQ leaflet of a campaign with the chapter's contact block.
func runLeaflet(ctx context.Context, e *env, args []string) error {
	j := e.newPrintJob("leaflet")
	layoutFlag := j.fs.String("layout", "sheet", "sheet (one page, two-sided when needed), trifold or halfpage (two a sheet)")
	var layout reports.Layout
	check := func() (err error) {
		if layout, err = reports.ParseLayout(*layoutFlag); err != nil {
			return usageError{err.Error()}
		}
		return nil
	}
	// The collector runs as usual here: paused for the print (an earlier try), the
	// heap grew into fresh memory, and the page faults of this virtual machine cost the
	// whole process more (median 102 ms against 95) than the collection saved.
	return j.run(ctx, args, check, func(s *db.Store, c db.Campaign, w io.Writer, paper reports.Paper, lang string) (string, []string, error) {
		ch, err := s.SelfChapter(ctx)
		if err != nil {
			return "", nil, err
		}
		o := reports.LeafletOptions{PDFOptions: reports.PDFOptions{Paper: paper}, Layout: layout, Lang: lang}
		res, err := reports.Leaflet(ctx, w, c, ch, o)
		return fmt.Sprintf("%s leaflet, %s, %d page(s), %gpt type", layout, paper, res.Pages, res.BodySize), res.Warnings, err
	})
}

// maxSheetsUnasked is how many call sheets the callsheets verb prints without --yes.
var maxSheetsUnasked = 1000

// runCallSheets prints a phone bank's call sheets, one page per volunteer (or per
// pair of districts).
func runCallSheets(ctx context.Context, e *env, args []string) error {
	j := e.newPrintJob("callsheets")
	who := j.fs.String("volunteers", "", "which volunteers: tag:NAME, lang:CODE or district:NAME (\"district:House 1st Suffolk\", \"district:Senate First Suffolk\"; default: the whole roster)")
	everyone := j.fs.Bool("include-do-not-contact", false, "print sheets for do-not-contact, moved and inactive volunteers too (left out by default)")
	per := j.fs.String("per", "volunteer", "volunteer (a sheet each, with their name) or district (a blank sheet per pair of districts)")
	yes := j.fs.Bool("yes", false, fmt.Sprintf("print even more than %d call sheets (a sheet is a page or more)", maxSheetsUnasked))
	var filter db.VolunteerFilter
	check := func() (err error) {
		if filter, err = volunteerFilter(*who); err != nil {
			return err
		}
		filter.Contactable = !*everyone
		if *per != "volunteer" && *per != "district" {
			return usageError{fmt.Sprintf("--per is volunteer or district, not %q", *per)}
		}
		return nil
	}
	return j.run(ctx, args, check, func(s *db.Store, c db.Campaign, w io.Writer, paper reports.Paper, lang string) (string, []string, error) {
		callers, elsewhere, err := loadCallers(ctx, s, c, filter, *per == "district")
		if err != nil {
			return "", nil, err
		}
		away := elsewhereNote(c, elsewhere)
		if len(callers) == 0 && away != "" {
			return "", nil, fmt.Errorf("no call sheets to print: %s", away)
		}
		if len(callers) == 0 && *who == "" {
			return "", nil, fmt.Errorf("the roster has no volunteers yet")
		}
		if len(callers) == 0 && filter.Contactable {
			return "", nil, fmt.Errorf("no volunteers match %q who may be contacted (do-not-contact, moved and inactive volunteers are left out; --include-do-not-contact prints them)", *who)
		}
		if len(callers) == 0 {
			return "", nil, fmt.Errorf("no volunteers match %q", *who)
		}
		// A run over the whole roster once made 20,377 pages without a word: say how
		// many before printing, and print that many only when asked to.
		fmt.Fprintf(e.stdout, "printing %s (%s or more)\n", counted(len(callers), "call sheet"), counted(len(callers), "page"))
		if len(callers) > maxSheetsUnasked && !*yes {
			return "", nil, usageError{fmt.Sprintf("that is %d call sheets, %d pages or more: add --yes to print them all, "+
				"or print fewer, e.g. --volunteers tag:phonebank", len(callers), len(callers))}
		}
		o := reports.CallSheetOptions{PDFOptions: reports.PDFOptions{Paper: paper}, Lang: lang}
		res, err := reports.CallSheets(ctx, w, c, callers, o)
		if away != "" {
			res.Warnings = append(res.Warnings, away)
		}
		return counted(len(callers), "call sheet") + ", " + counted(res.Pages, "page"), res.Warnings, err
	})
}

// counted is n things, in the singular for one: "1 call sheet", "2 pages" (a
// one-volunteer phone bank printed "1 call sheets (1 pages or more)").
func counted(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return fmt.Sprintf("%d %ss", n, thing)
}

// volunteerFilter reads --volunteers: tag:NAME, lang:CODE, district:NAME or "".
func volunteerFilter(spec string) (db.VolunteerFilter, error) {
	kind, value, _ := strings.Cut(strings.TrimSpace(spec), ":")
	value = strings.TrimSpace(value)
	switch {
	case spec == "" || spec == "all":
		return db.VolunteerFilter{}, nil
	case kind == "tag" && value != "":
		return db.VolunteerFilter{Tag: value}, nil
	case kind == "lang" && value != "":
		return db.VolunteerFilter{Language: value}, nil
	case kind == "district" && value != "":
		return db.VolunteerFilter{District: value}, nil
	}
	return db.VolunteerFilter{}, usageError{fmt.Sprintf("--volunteers %q: use tag:NAME, lang:CODE or district:NAME", spec)}
}

// loadCallers reads the chosen volunteers page by page and gives each their own
// senator and representative among the legislators campaign c counts (its state's:
// a New Hampshire campaign's sheets once named each Massachusetts volunteer's State
// House members, with the NH bill's script); perDistrict folds them into one nameless
// sheet per pair of districts. A volunteer whose districts are only another state's
// legislators' gets no sheet: elsewhere counts them, by that state.
func loadCallers(ctx context.Context, s *db.Store, c db.Campaign, f db.VolunteerFilter, perDistrict bool) (out []reports.Caller, elsewhere map[string]int, err error) {
	legislators, err := s.Legislators(ctx)
	if err != nil {
		return nil, nil, err
	}
	byDistrict := map[string][]db.Legislator{}
	otherState := map[string]string{} // districts only another state's legislators sit for: the state
	for _, l := range legislators {
		k := string(l.Chamber) + "|" + strings.ToLower(l.District)
		if c.Counts(l) {
			byDistrict[k] = append(byDistrict[k], l)
		} else {
			otherState[k] = strings.ToUpper(l.State)
		}
	}
	elsewhere = map[string]int{}
	seen := map[string]bool{}
	const page = 1000
	for offset := 0; ; offset += page {
		rows, err := s.ListVolunteers(ctx, f, offset, page)
		if err != nil {
			return nil, nil, err
		}
		for _, v := range rows {
			upper, lower := "upper|"+strings.ToLower(v.SenateDistrict), "lower|"+strings.ToLower(v.HouseDistrict)
			own := append(slices.Clone(byDistrict[upper]), byDistrict[lower]...)
			if len(own) == 0 && otherState[upper]+otherState[lower] != "" {
				elsewhere[cmp.Or(otherState[upper], otherState[lower])]++
				continue
			}
			// No legislator of the campaign's state, and an address in another: a sheet
			// telling them to look theirs up would send them to call a legislature they
			// are no constituent of (tester t5). A state the app does not know is no
			// reason to leave someone out.
			if st, known := format.KnownState(v.State); len(own) == 0 && known && c.State != "" && !strings.EqualFold(st, c.State) {
				elsewhere[st]++
				continue
			}
			cl := reports.Caller{ID: v.ID, Name: v.Name(), Town: v.City, Zip: v.Zip, SenateDistrict: v.SenateDistrict,
				HouseDistrict: v.HouseDistrict, Legislators: own}
			if perDistrict {
				key := strings.ToLower(v.SenateDistrict + "|" + v.HouseDistrict)
				if seen[key] {
					continue
				}
				seen[key] = true
				cl.ID, cl.Name, cl.Town, cl.Zip = 0, "", "", ""
			}
			out = append(out, cl)
		}
		if len(rows) < page {
			return out, elsewhere, nil
		}
	}
}

// elsewhereNote says which volunteers got no call sheet as their districts are
// another state's than campaign c's (or, with no district on file, whose address is), "" for none.
func elsewhereNote(c db.Campaign, elsewhere map[string]int) string {
	if len(elsewhere) == 0 {
		return ""
	}
	var parts []string
	n := 0
	for _, st := range slices.Sorted(maps.Keys(elsewhere)) {
		parts = append(parts, fmt.Sprintf("%d in %s", elsewhere[st], st))
		n += elsewhere[st]
	}
	return fmt.Sprintf("%s got no call sheet: their districts (or, with none on file, their address) are not in %s, the state of campaign %q (%s)",
		counted(n, "volunteer"), strings.ToUpper(c.State), c.Name(), strings.Join(parts, ", "))
}
