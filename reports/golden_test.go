package reports

import (
	"bytes"
	"context"
	"crypto/sha256"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// layoutDump describes where every piece of a leaflet landed, one line each, so a
// change in layout reads as a diff of positions and first words.
func layoutDump(t *testing.T, o LeafletOptions) string {
	t.Helper()
	c := starter(t)
	var g textGuard
	k := newContent(c, testChapter(), o.Lang, &g)
	lay := newLeafletLayout(o.Layout, o.Paper)
	pdf := newPDF(lay.landscape, o.PDFOptions, k.title, o.Lang)
	fit, err := fitLeaflet(context.Background(), pdf, k, lay)
	if err != nil {
		t.Fatal(err)
	}
	checkPlacement(t, fit, lay)
	var b strings.Builder
	fmt.Fprintf(&b, "body %.2fpt, %d sides\n", fit.body, max(fit.sides(), lay.minSides))
	for fi, f := range fit.flows {
		fmt.Fprintf(&b, "flow %d\n", fi)
		for _, p := range f.pieces {
			what := "[block]"
			if p.it.block == nil {
				what = fmt.Sprintf("%d lines: %.40s", len(p.lines), strings.Join(p.lines, " "))
			}
			fmt.Fprintf(&b, "  side %d  x %6.1f  y %6.1f  w %6.1f  h %6.1f  %s\n", p.side, p.x, p.y, p.w, p.h, what)
		}
	}
	return b.String()
}

// TestLeafletGolden compares each leaflet's layout, and its bytes (fixed creation
// date), with testdata/golden; go test -run Golden -update rewrites them after a
// deliberate change, and the diff shows what moved.
func TestLeafletGolden(t *testing.T) {
	each(t, func(t *testing.T, c db.Campaign, o LeafletOptions) {
		b, _ := leaflet(t, c, o)
		got := layoutDump(t, o) + fmt.Sprintf("pdf sha256 %x\n", sha256.Sum256(b))
		name := filepath.Join("testdata", "golden", fmt.Sprintf("leaflet-%s-%s-%s.txt", o.Layout, o.Paper, o.Lang))
		if *update {
			if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(name, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
		want, err := os.ReadFile(name)
		if err != nil {
			t.Fatalf("%v (run go test -run Golden -update to write it)", err)
		}
		if !bytes.Equal(want, []byte(got)) {
			t.Errorf("%s differs (go test -run Golden -update rewrites it; check the diff):\n%s", name, got)
		}
	})
}

// checkPlacement fails when a piece runs off its handout or two pieces overlap.
func checkPlacement(t *testing.T, fit *leafletFit, lay *leafletLayout) {
	t.Helper()
	var all []piece
	for _, f := range fit.flows {
		all = append(all, f.pieces...)
	}
	const eps = 0.01
	for i, p := range all {
		if p.x < -eps || p.y < -eps || p.x+p.w > lay.pageW+eps || p.y+p.h > lay.handoutH+eps {
			t.Errorf("off the page: side %d x %.1f y %.1f w %.1f h %.1f", p.side, p.x, p.y, p.w, p.h)
		}
		for _, q := range all[i+1:] {
			if p.side == q.side && p.x < q.x+q.w-eps && q.x < p.x+p.w-eps && p.y < q.y+q.h-eps && q.y < p.y+p.h-eps {
				t.Errorf("overlap on side %d: %.1f,%.1f %.1fx%.1f and %.1f,%.1f %.1fx%.1f", p.side, p.x, p.y, p.w, p.h, q.x, q.y, q.w, q.h)
			}
		}
	}
}
