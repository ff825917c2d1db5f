package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// formHeader is a call report form asked in its own words.
const formHeader = "Submitted at,Full name,E-mail address,City you live in,Which lawmaker did you reach out to," +
	"Office,Outcome of your call,Their position on the bill,Comments"

const formMap = "called_at=Submitted at,caller_name=Full name,caller_email=E-mail address,caller_town=City you live in," +
	"legislator=Which lawmaker did you reach out to,office=Office,outcome=Outcome of your call," +
	"stance_heard=Their position on the bill,call_notes=Comments"

// callForm writes gen_calls.py's export with formHeader for its header.
func callForm(t *testing.T, dir, name string, n int, seed string) string {
	t.Helper()
	tool := "../../../shared/tools/gen_calls.py"
	if _, err := os.Stat(tool); err != nil {
		t.Skip("shared generator not here")
	}
	raw := filepath.Join(dir, name+".raw")
	if msg, err := exec.Command("python3", tool, strconv.Itoa(n), raw, "--seed", seed).CombinedOutput(); err != nil {
		t.Skipf("generator: %v %s", err, msg)
	}
	data, _ := os.ReadFile(raw)
	_, rest, _ := strings.Cut(string(data), "\r\n")
	out := filepath.Join(dir, name)
	os.WriteFile(out, []byte(formHeader+"\r\n"+rest), 0o600)
	return out
}

// chapterWithLegislators makes a data file with a campaign and the Massachusetts legislators.
func chapterWithLegislators(t *testing.T, dir string) string {
	t.Helper()
	path := filepath.Join(dir, "c.db")
	if code, _, errOut := chapterdesk(t, "demo", "--volunteers", "0", "--calls", "0", "--db", path); code != 0 {
		t.Fatalf("demo: %s", errOut)
	}
	if code, _, errOut := chapterdesk(t, "import", "legislators", "../../../shared/data/openstates/ma.csv", "--state", "MA", "--db", path); code != 0 {
		t.Skipf("legislators: %s", errOut)
	}
	return path
}

func TestImportColumnMappings(t *testing.T) {
	dir := t.TempDir()
	path := chapterWithLegislators(t, dir)
	form := callForm(t, dir, "form.csv", 200, "7")

	t.Run("a form with its own questions is refused, pointing at --map", func(t *testing.T) {
		code, _, errOut := chapterdesk(t, "import", "calls", form, "--db", path)
		if code != 1 || !strings.Contains(errOut, "header not recognised") || !strings.Contains(errOut, "--map") {
			t.Errorf("exit %d, %q", code, errOut)
		}
	})
	t.Run("a bad mapping says what is wrong and imports nothing", func(t *testing.T) {
		for m, want := range map[string]string{
			"called_at=Submitted at,legislator=Who,outcome=Outcome of your call":                                                      `no column named "Who"`,
			"called_at=Submitted at,legislator=Which lawmaker did you reach out to,outcome=Outcome of your call,frist_name=Full name": "not fields of calls rows: frist_name",
			"called_at=Submitted at,outcome=Outcome of your call":                                                                     "no column chosen for legislator",
		} {
			code, _, errOut := chapterdesk(t, "import", "calls", form, "--map", m, "--save-preset", "Spring form", "--db", path)
			if code != 1 || !strings.Contains(errOut, want) {
				t.Errorf("%s: exit %d, %q", m, code, errOut)
			}
		}
		if _, out, _ := chapterdesk(t, "import", "presets", "--db", path); !strings.Contains(out, "no saved column mappings") {
			t.Errorf("presets after bad mappings: %q", out)
		}
	})
	t.Run("refuses --save-preset without --map or without a name, and --map with --format", func(t *testing.T) {
		for _, args := range [][]string{{"--save-preset", "X"}, {"--map", formMap, "--format", "callform"},
			{"--map", formMap, "--save-preset", " "}} {
			code, _, errOut := chapterdesk(t, append([]string{"import", "calls", form, "--db", path}, args...)...)
			if code != 2 {
				t.Errorf("%v: exit %d, %q", args, code, errOut)
			}
		}
	})
	t.Run("mapped once with --map and --save-preset", func(t *testing.T) {
		code, out, errOut := chapterdesk(t, "import", "calls", form, "--map", formMap, "--save-preset", "Spring form", "--db", path)
		if code != 0 || !strings.Contains(out, "Custom column mapping") || !strings.Contains(out, "saved the column mapping Spring form") {
			t.Fatalf("exit %d, %q %q", code, out, errOut)
		}
		_, out, _ = chapterdesk(t, "import", "presets", "--db", path)
		if !strings.HasPrefix(out, "Spring form: calls files with 9 columns: called_at=Submitted at,") {
			t.Errorf("presets: %q", out)
		}
	})
	t.Run("the next export of the same form is recognised by the saved mapping", func(t *testing.T) {
		next := callForm(t, dir, "form2.csv", 150, "9")
		code, out, errOut := chapterdesk(t, "import", "calls", next, "--db", path)
		if code != 0 || !strings.HasPrefix(out, "using your saved column mapping Spring form") || !strings.Contains(out, "created") {
			t.Errorf("exit %d, %q %q", code, out, errOut)
		}
	})
	t.Run("--preset names a saved mapping, of the right kind", func(t *testing.T) {
		code, out, _ := chapterdesk(t, "import", "calls", form, "--preset", "spring form", "--dry-run", "--db", path)
		if code != 0 || !strings.Contains(out, "using your saved column mapping Spring form") || !strings.Contains(out, "0 created") {
			t.Errorf("exit %d, %q", code, out)
		}
		if code, _, errOut := chapterdesk(t, "import", "volunteers", form, "--preset", "Spring form", "--db", path); code != 1 ||
			!strings.Contains(errOut, "is for calls files, not volunteers") {
			t.Errorf("exit %d, %q", code, errOut)
		}
		if code, _, errOut := chapterdesk(t, "import", "calls", form, "--preset", "Autumn", "--db", path); code != 1 ||
			!strings.Contains(errOut, `no saved column mapping "Autumn" (saved: Spring form)`) {
			t.Errorf("exit %d, %q", code, errOut)
		}
	})
	t.Run("a forgotten mapping is no longer used", func(t *testing.T) {
		if code, out, errOut := chapterdesk(t, "import", "presets", "delete", "Spring form", "--db", path); code != 0 || !strings.Contains(out, "forgot") {
			t.Fatalf("exit %d, %q %q", code, out, errOut)
		}
		if code, _, errOut := chapterdesk(t, "import", "calls", form, "--db", path); code != 1 || !strings.Contains(errOut, "header not recognised") {
			t.Errorf("exit %d, %q", code, errOut)
		}
	})
}
