package assets

import (
	"bytes"
	"compress/gzip"
	"embed"
	"encoding/csv"
	"fmt"
	"io"
	"path"
	"slices"
	"strings"
	"sync"
)

// The current legislators of the 50 states, from the Open States people data
// (github.com/openstates/people, public domain, CC0), made by cmd/legislatorsdata
// (`make legislators-data`): one gzipped CSV named by the date of the data, in the
// Open States legislator CSV format with a leading state column.
//
//go:embed legislators/people-*.csv.gz
var legislatorsFS embed.FS

// legislatorsRoll is the bundled file read once: its header (without the state
// column) and the rows of each state.
type legislatorsRoll struct {
	date   string
	header []string
	states map[string][][]string
	err    error
}

var roll = sync.OnceValue(readRoll)

func readRoll() *legislatorsRoll {
	r := &legislatorsRoll{states: map[string][][]string{}}
	names, _ := legislatorsFS.ReadDir("legislators")
	if len(names) != 1 {
		r.err = fmt.Errorf("bundled legislators: want one file, have %d", len(names))
		return r
	}
	name := names[0].Name()
	r.date = strings.TrimSuffix(strings.TrimPrefix(name, "people-"), ".csv.gz")
	f, err := legislatorsFS.Open(path.Join("legislators", name))
	if err != nil {
		r.err = err
		return r
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		r.err = fmt.Errorf("bundled legislators: %w", err)
		return r
	}
	rows, err := csv.NewReader(zr).ReadAll()
	if err != nil || len(rows) == 0 || rows[0][0] != "state" {
		r.err = fmt.Errorf("bundled legislators: not a state,id,name,... CSV: %v", err)
		return r
	}
	r.header = rows[0][1:]
	for _, row := range rows[1:] {
		r.states[row[0]] = append(r.states[row[0]], row[1:])
	}
	return r
}

// LegislatorsDate is the date of the bundled Open States data, as 2026-08-05.
func LegislatorsDate() string { return roll().date }

// LegislatorsSource names the bundled data in an import's output and its batch.
func LegislatorsSource() string {
	return "Open States people data of " + LegislatorsDate() + " (public domain)"
}

// LegislatorStates lists the states the bundled data has, as two capital letters.
func LegislatorStates() []string {
	var out []string
	for s := range roll().states {
		out = append(out, s)
	}
	slices.Sort(out)
	return out
}

// Legislators returns the bundled current legislators of state (two letters, any
// case) as the Open States CSV of that state (people/current/<state>.csv) would have
// them, read by importer.ReadLegislators like a downloaded file.
func Legislators(state string) (io.Reader, error) {
	r := roll()
	if r.err != nil {
		return nil, r.err
	}
	rows := r.states[strings.ToUpper(strings.TrimSpace(state))]
	if len(rows) == 0 {
		return nil, fmt.Errorf("ChapterDesk has no legislators of %q: give one of the 50 states as two letters, like MA", state)
	}
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write(r.header)
	w.WriteAll(rows)
	return &b, w.Error()
}
