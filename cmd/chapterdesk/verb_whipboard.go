package main

import (
	"context"
	"fmt"
	"io"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/reports"
)

// runWhipBoard prints the whip board poster of a campaign (`whipboard FILE.pdf
// [--campaign ID] [--chamber upper|lower]`).
func runWhipBoard(ctx context.Context, e *env, args []string) error {
	j := e.newPrintJob("whipboard")
	chamber := j.fs.String("chamber", "", "upper or lower (default: both)")
	check := func() error {
		if *chamber != "" && !db.Chamber(*chamber).Valid() {
			return usageError{fmt.Sprintf("--chamber %q: upper or lower", *chamber)}
		}
		return nil
	}
	return j.run(ctx, args, check, func(s *db.Store, c db.Campaign, w io.Writer, paper reports.Paper, _ string) (string, []string, error) {
		whip, err := s.WhipCount(ctx, c.ID)
		if err != nil {
			return "", nil, err
		}
		marks, err := s.RecordMarks(ctx, c.ID)
		if err != nil {
			return "", nil, err
		}
		zone, err := s.Zone(ctx, c.ID)
		if err != nil {
			return "", nil, err
		}
		b := reports.WhipBoard{Campaign: c.Name() + " (" + c.BillNumbers() + ")", Whip: whip, Marks: marks, Chamber: db.Chamber(*chamber),
			Zone: zone}
		warnings, err := reports.WhipBoardPDF(ctx, w, b, reports.PDFOptions{Paper: paper})
		if err != nil {
			return "", nil, err
		}
		n, marked := boardCounts(whip, marks, db.Chamber(*chamber))
		return fmt.Sprintf("whip board of %s, %d legislators, %d marked by the record", c.Name(), n, marked), warnings, nil
	})
}

// boardCounts is how many legislators the board shows (of chamber, or both when it
// is "") and how many of those the record marks. The record marks members the board
// leaves out too (the other chamber's, those no longer in office): "24 legislators,
// 25 marked" counted them.
func boardCounts(whip db.WhipCount, marks map[int64]db.RecordMark, chamber db.Chamber) (n, marked int) {
	for _, r := range whip.Legislators {
		if chamber == "" || r.Chamber == chamber {
			n++
			if _, ok := marks[r.LegislatorID]; ok {
				marked++
			}
		}
	}
	return n, marked
}
