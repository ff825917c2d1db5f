// Command legislatorsdata turns the Open States people data (the openstates/people
// repository, public domain, CC0) into the legislator roll ChapterDesk ships with:
// one gzipped CSV, assets/legislators/people-YYYY-MM-DD.csv.gz, dated by the data's
// commit, in the Open States legislator CSV format with a leading state column.
//
// Usage (see `make legislators-data`):
//
//	go run ./cmd/legislatorsdata -repo /path/to/openstates/people[.git] -out assets/legislators
//
// The repository may be a clone or a bare mirror: the data is read with git archive
// at -rev. A person is kept when they have a role of type upper or lower (Nebraska's
// unicameral "legislature" counts as upper) that has no end date or ends after the
// date of the data. Only the columns ChapterDesk reads are filled, to keep the file
// small; of the links, the first (the profile page).
package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

// header is the Open States legislator CSV's, after the state column.
var header = []string{"id", "name", "current_party", "current_district", "current_chamber", "given_name", "family_name",
	"gender", "email", "biography", "birth_date", "death_date", "image", "links", "sources", "capitol_address",
	"capitol_voice", "capitol_fax", "district_address", "district_voice", "district_fax", "twitter", "youtube",
	"instagram", "facebook", "wikidata"}

// person is the part of a data/<state>/legislature/*.yml file that is kept.
type person struct {
	ID         string `yaml:"id"`
	Name       string `yaml:"name"`
	GivenName  string `yaml:"given_name"`
	FamilyName string `yaml:"family_name"`
	Gender     string `yaml:"gender"`
	Email      string `yaml:"email"`
	Image      string `yaml:"image"`
	Party      []struct {
		Name    string `yaml:"name"`
		EndDate string `yaml:"end_date"`
	} `yaml:"party"`
	Roles []struct {
		Type     string `yaml:"type"`
		District string `yaml:"district"`
		EndDate  string `yaml:"end_date"`
	} `yaml:"roles"`
	Offices []struct {
		Classification string `yaml:"classification"`
		Address        string `yaml:"address"`
		Voice          string `yaml:"voice"`
		Fax            string `yaml:"fax"`
	} `yaml:"offices"`
	Links []struct {
		URL string `yaml:"url"`
	} `yaml:"links"`
}

func main() {
	repo := flag.String("repo", "", "the openstates/people repository (a clone or a bare mirror)")
	rev := flag.String("rev", "HEAD", "the commit to read")
	out := flag.String("out", "assets/legislators", "the folder to write people-DATE.csv.gz to (older people-*.csv.gz there are removed)")
	asOf := flag.String("as-of", "", "keep the roles that end after this day, YYYY-MM-DD (default: the date of the data)")
	flag.Parse()
	if *repo == "" {
		fmt.Fprintln(os.Stderr, "legislatorsdata: give -repo, the openstates/people repository")
		os.Exit(2)
	}
	if err := run(*repo, *rev, *out, *asOf); err != nil {
		fmt.Fprintln(os.Stderr, "legislatorsdata:", err)
		os.Exit(1)
	}
}

// run writes the roll of the data at rev. The file is named by the date of the data;
// a role counts as current when it ends after asOf (default: that date, so that the
// roll is the legislature as the data saw it, whenever it is made).
func run(repo, rev, outDir, asOf string) error {
	date, err := git(repo, "log", "-1", "--format=%cs", rev)
	if err != nil {
		return err
	}
	date = strings.TrimSpace(date)
	if asOf == "" {
		asOf = date
	}
	archive, err := git(repo, "archive", "--format=tar", rev, "data")
	if err != nil {
		return err
	}
	rows, counts, err := convert(tar.NewReader(strings.NewReader(archive)), asOf)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	cw := csv.NewWriter(zw)
	cw.Write(append([]string{"state"}, header...))
	cw.WriteAll(rows)
	if err := cw.Error(); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	old, _ := filepath.Glob(filepath.Join(outDir, "people-*.csv.gz"))
	for _, f := range old {
		if err := os.Remove(f); err != nil {
			return err
		}
	}
	name := filepath.Join(outDir, "people-"+date+".csv.gz")
	if err := os.WriteFile(name, buf.Bytes(), 0o644); err != nil {
		return err
	}
	fmt.Printf("%s: %d legislators of %d states, %d bytes\n", name, len(rows), len(counts), buf.Len())
	return nil
}

// git runs a git command on repo and returns its output.
func git(repo string, args ...string) (string, error) {
	cmd := exec.Command("git", append([]string{"-C", repo}, args...)...)
	var errb bytes.Buffer
	cmd.Stderr = &errb
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("git %s: %v: %s", strings.Join(args, " "), err, strings.TrimSpace(errb.String()))
	}
	return string(out), nil
}

// convert reads the people of each state's legislature from the tar of data/ and
// returns the current ones as CSV rows (state first), sorted by state, chamber,
// district and name, with how many each state has.
func convert(tr *tar.Reader, date string) ([][]string, map[string]int, error) {
	var rows [][]string
	counts := map[string]int{}
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, nil, err
		}
		// data/<state>/legislature/<person>.yml; data/us is Congress, not a state.
		parts := strings.Split(h.Name, "/")
		if len(parts) != 4 || parts[0] != "data" || parts[2] != "legislature" || path.Ext(parts[3]) != ".yml" ||
			len(parts[1]) != 2 || parts[1] == "us" || parts[1] == "dc" || parts[1] == "pr" {
			continue
		}
		b, err := io.ReadAll(tr)
		if err != nil {
			return nil, nil, err
		}
		var p person
		if err := yaml.Unmarshal(b, &p); err != nil {
			return nil, nil, fmt.Errorf("%s: %w", h.Name, err)
		}
		row, ok := current(p, date)
		if !ok {
			continue
		}
		state := strings.ToUpper(parts[1])
		counts[state]++
		rows = append(rows, append([]string{state}, row...))
	}
	slices.SortFunc(rows, func(a, b []string) int {
		for _, i := range []int{0, 5, 4, 2, 1} { // state, chamber, district, name, id
			if c := strings.Compare(a[i], b[i]); c != 0 {
				return c
			}
		}
		return 0
	})
	return rows, counts, nil
}

// current returns the person's CSV row if they sit in a chamber on date.
func current(p person, date string) ([]string, bool) {
	chamber, district := "", ""
	for _, r := range p.Roles {
		t := r.Type
		if t == "legislature" {
			t = "upper"
		}
		if (t == "upper" || t == "lower") && (r.EndDate == "" || r.EndDate > date) {
			chamber, district = t, r.District
		}
	}
	if chamber == "" {
		return nil, false
	}
	party := ""
	for _, pa := range p.Party {
		if pa.EndDate == "" || pa.EndDate > date {
			party = pa.Name
		}
	}
	var link string
	if len(p.Links) > 0 {
		link = p.Links[0].URL
	}
	row := make([]string, len(header))
	set := func(col, v string) { row[slices.Index(header, col)] = v }
	set("id", p.ID)
	set("name", p.Name)
	set("current_party", party)
	set("current_district", district)
	set("current_chamber", chamber)
	set("given_name", p.GivenName)
	set("family_name", p.FamilyName)
	set("gender", p.Gender)
	set("email", p.Email)
	set("image", p.Image)
	set("links", link)
	for _, o := range p.Offices {
		if o.Classification != "capitol" && o.Classification != "district" {
			continue
		}
		if row[slices.Index(header, o.Classification+"_address")] != "" {
			continue // the first office of its kind, as Open States' CSV has it
		}
		set(o.Classification+"_address", o.Address)
		set(o.Classification+"_voice", o.Voice)
		set(o.Classification+"_fax", o.Fax)
	}
	return row, true
}
