package bundle

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// chapter is a store with a little of everything: a campaign, volunteers, calls,
// stance changes, something in the trash.
func chapter(t *testing.T) *db.Store {
	t.Helper()
	ctx := context.Background()
	s := dbtest.Open(t)
	camp := dbtest.Campaign(t, s)
	leg := dbtest.Legislator(t, s, db.ChamberUpper, "Second Suffolk", "Liz Miranda")
	for i := range 50 {
		v := dbtest.Volunteer(t, s, "Ana", fmt.Sprint("Souza ", i), func(v *db.Volunteer) {
			v.Phone, v.Tags, v.Languages = "617-555-0134", []string{"phonebank"}, []string{"pt"}
		})
		if _, err := s.CreateCallReport(ctx, db.CallReport{CampaignID: camp, LegislatorID: leg, VolunteerID: v,
			Outcome: db.OutcomeSpokeStaff, StanceHeard: db.StanceUndecided, CalledAt: time.Now().Add(-time.Hour)}, true); err != nil {
			t.Fatal(err)
		}
		if i%10 == 0 {
			if err := s.TrashVolunteer(ctx, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	return s
}

func mode(t *testing.T, path string) os.FileMode {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Mode().Perm()
}

func TestRoundTrip(t *testing.T) {
	ctx := context.Background()
	s := chapter(t)
	want, err := s.TableDigests(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, pass := range []string{"", "correct horse battery staple"} {
		name := map[bool]string{true: "with a passphrase", false: "without a passphrase"}[pass != ""]
		t.Run("every table's rows come back the same, "+name, func(t *testing.T) {
			dir := t.TempDir()
			out, dest := filepath.Join(dir, "chapter.cdbundle"), filepath.Join(dir, "new", "chapter.db")
			os.Mkdir(filepath.Dir(dest), 0o700)
			opts := Options{Passphrase: pass, AppVersion: "0.1.0", WorkFactor: 10}
			m, err := Export(ctx, s, out, opts)
			if err != nil {
				t.Fatal(err)
			}
			if m.Chapter.Name == "" || m.SchemaVersion != db.SchemaVersion() || !maps.Equal(m.Tables, want) {
				t.Errorf("manifest %+v", m)
			}
			if locked, err := Locked(out); err != nil || locked != (pass != "") {
				t.Errorf("locked %v, %v", locked, err)
			}
			if _, err := Open(ctx, out, dest, Options{Passphrase: pass}); err != nil {
				t.Fatal(err)
			}
			got := dbtest.Digests(t, dest)
			for table, d := range want {
				if got[table] != d {
					t.Errorf("%s: %s before, %s after", table, d, got[table])
				}
			}
			if len(got) != len(want) || len(want) < 20 {
				t.Errorf("%d tables after, %d before", len(got), len(want))
			}
			if mode(t, out) != 0o600 || mode(t, dest) != 0o600 {
				t.Errorf("modes: bundle %v, database %v", mode(t, out), mode(t, dest))
			}
			if entries, _ := os.ReadDir(filepath.Dir(dest)); len(entries) != 1 {
				t.Errorf("left beside the database: %v", entries)
			}
		})
	}
}

func TestOpenRefuses(t *testing.T) {
	ctx := context.Background()
	s := chapter(t)
	dir := t.TempDir()
	plain, locked := filepath.Join(dir, "plain.cdbundle"), filepath.Join(dir, "locked.cdbundle")
	if _, err := Export(ctx, s, plain, Options{}); err != nil {
		t.Fatal(err)
	}
	if _, err := Export(ctx, s, locked, Options{Passphrase: "correct horse battery staple", WorkFactor: 10}); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(plain)
	short := filepath.Join(dir, "short.cdbundle")
	os.WriteFile(short, data[:len(data)*2/3], 0o600)
	csv := filepath.Join(dir, "roster.csv")
	os.WriteFile(csv, []byte("first_name,last_name\nAna,Souza\n"), 0o600)

	for _, c := range []struct {
		name, in, pass string
		want           error
	}{
		{"the wrong passphrase", locked, "wrong horse", ErrWrongPassphrase},
		{"a locked bundle without a passphrase", locked, "", ErrNeedsPassphrase},
		{"a bundle cut short", short, "", ErrNotBundle},
		{"a file that is not a bundle", csv, "", ErrNotBundle},
		{"a database file instead of a bundle", s.Path(), "", ErrNotBundle},
	} {
		t.Run("refuses "+c.name+", writing nothing", func(t *testing.T) {
			dest := filepath.Join(t.TempDir(), "chapter.db")
			_, err := Open(ctx, c.in, dest, Options{Passphrase: c.pass})
			if !errors.Is(err, c.want) {
				t.Fatalf("got %v, want %v", err, c.want)
			}
			if entries, _ := os.ReadDir(filepath.Dir(dest)); len(entries) != 0 {
				t.Errorf("left behind: %v", entries)
			}
		})
	}
	t.Run("never overwrites a file", func(t *testing.T) {
		dest := filepath.Join(t.TempDir(), "chapter.db")
		os.WriteFile(dest, []byte("a lead's data"), 0o600)
		if _, err := Open(ctx, plain, dest, Options{}); !errors.Is(err, ErrExists) {
			t.Errorf("open over a file: %v", err)
		}
		if b, _ := os.ReadFile(dest); string(b) != "a lead's data" {
			t.Errorf("the file was changed")
		}
		if _, err := Export(ctx, s, plain, Options{}); !errors.Is(err, ErrExists) {
			t.Errorf("export over a file: %v", err)
		}
	})
}
