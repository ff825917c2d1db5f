package main

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/reports"
)

// runLeaflet prints the FAQ leaflet of a campaign with the chapter's contact block.
func runLeaflet(ctx context.Context, e *env, args []string) error {
	fs := e.newFlags("leaflet")
	campaign := fs.String("campaign", "", "the campaign's ID or UUID (default: the newest; see campaign list)")
	lang := fs.String("lang", "", "the language to print, e.g. es (default: the campaign's own)")
	layout := fs.String("layout", "sheet", "sheet (one page, two-sided when needed), trifold or halfpage (two a sheet)")
	paper := fs.String("paper", "letter", "letter or a4")
	pos, err := e.parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageError{"give the PDF file to write: leaflet FILE.pdf"}
	}
	o := reports.LeafletOptions{Lang: strings.ToLower(strings.TrimSpace(*lang))}
	if o.Layout, err = reports.ParseLayout(*layout); err != nil {
		return usageError{err.Error()}
	}
	if o.Paper, err = reports.ParsePaper(*paper); err != nil {
		return usageError{err.Error()}
	}
	path, err := e.dbPath(false)
	if err != nil {
		return err
	}
	return withStore(ctx, path, db.Options{ReadOnly: true}, func(s *db.Store) error {
		c, err := pickCampaign(ctx, s, *campaign)
		if err != nil {
			return err
		}
		if o.Lang != "" && !slices.Contains(c.Languages(), o.Lang) {
			return fmt.Errorf("campaign %q has no %s texts (it has %s)", c.Name(), o.Lang, strings.Join(c.Languages(), ", "))
		}
		ch, err := s.SelfChapter(ctx)
		if err != nil {
			return err
		}
		var res reports.LeafletResult
		if err := writeFileAtomic(pos[0], func(w io.Writer) error {
			res, err = reports.Leaflet(ctx, w, c, ch, o)
			return err
		}); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "wrote %s: %s leaflet, %s, %d page(s), %gpt type\n", pos[0], o.Layout, o.Paper, res.Pages, res.BodySize)
		printWarnings(e, res.Warnings)
		return nil
	})
}

func printWarnings(e *env, warnings []string) {
	for _, w := range warnings {
		fmt.Fprintln(e.stderr, "warning:", w)
	}
}

// runCallSheets prints a phone bank's call sheets, one page per volunteer (or per
// pair of districts).
func runCallSheets(ctx context.Context, e *env, args []string) error {
	fs := e.newFlags("callsheets")
	campaign := fs.String("campaign", "", "the campaign's ID or UUID (default: the newest)")
	who := fs.String("volunteers", "", "which volunteers: tag:NAME, lang:CODE or district:NAME (default: the whole roster)")
	per := fs.String("per", "volunteer", "volunteer (a sheet each, with their name) or district (a blank sheet per pair of districts)")
	lang := fs.String("lang", "", "the language of the script (default: the campaign's own)")
	paper := fs.String("paper", "letter", "letter or a4")
	pos, err := e.parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageError{"give the PDF file to write: callsheets FILE.pdf"}
	}
	filter, err := volunteerFilter(*who)
	if err != nil {
		return err
	}
	if *per != "volunteer" && *per != "district" {
		return usageError{fmt.Sprintf("--per is volunteer or district, not %q", *per)}
	}
	o := reports.CallSheetOptions{Lang: strings.ToLower(strings.TrimSpace(*lang))}
	if o.Paper, err = reports.ParsePaper(*paper); err != nil {
		return usageError{err.Error()}
	}
	path, err := e.dbPath(false)
	if err != nil {
		return err
	}
	return withStore(ctx, path, db.Options{ReadOnly: true}, func(s *db.Store) error {
		c, err := pickCampaign(ctx, s, *campaign)
		if err != nil {
			return err
		}
		callers, err := loadCallers(ctx, s, filter, *per == "district")
		if err != nil {
			return err
		}
		if len(callers) == 0 {
			return fmt.Errorf("no volunteers match %q", *who)
		}
		var res reports.CallSheetResult
		if err := writeFileAtomic(pos[0], func(w io.Writer) error {
			res, err = reports.CallSheets(ctx, w, c, callers, o)
			return err
		}); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "wrote %s: %d call sheets, %d pages\n", pos[0], len(callers), res.Pages)
		printWarnings(e, res.Warnings)
		return nil
	})
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
// senator and representative; perDistrict folds them into one nameless sheet per
// pair of districts.
func loadCallers(ctx context.Context, s *db.Store, f db.VolunteerFilter, perDistrict bool) ([]reports.Caller, error) {
	legislators, err := s.Legislators(ctx)
	if err != nil {
		return nil, err
	}
	byDistrict := map[string][]db.Legislator{}
	for _, l := range legislators {
		k := string(l.Chamber) + "|" + strings.ToLower(l.District)
		byDistrict[k] = append(byDistrict[k], l)
	}
	var out []reports.Caller
	seen := map[string]bool{}
	const page = 1000
	for offset := 0; ; offset += page {
		rows, err := s.ListVolunteers(ctx, f, offset, page)
		if err != nil {
			return nil, err
		}
		for _, v := range rows {
			c := reports.Caller{Name: v.Name(), Town: v.City, Zip: v.Zip, SenateDistrict: v.SenateDistrict,
				HouseDistrict: v.HouseDistrict}
			if perDistrict {
				key := strings.ToLower(v.SenateDistrict + "|" + v.HouseDistrict)
				if seen[key] {
					continue
				}
				seen[key] = true
				c.Name, c.Town, c.Zip = "", "", ""
			}
			c.Legislators = append(append(c.Legislators,
				byDistrict["upper|"+strings.ToLower(v.SenateDistrict)]...),
				byDistrict["lower|"+strings.ToLower(v.HouseDistrict)]...)
			out = append(out, c)
		}
		if len(rows) < page {
			return out, nil
		}
	}
}
