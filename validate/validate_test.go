package validate_test

import (
	"bytes"
	"curate/internal/golden"
	"path/filepath"
	"strings"
	"testing"

	"curate/diag"
	"curate/validate"
)

// The test corpus: testdata/base is a small valid dataset whose only source
// text is testdata/sources/sample.txt; each testdata/cases/NAME.json is a
// broken file validated together with the base, and NAME.golden holds the
// text report of that run.
const (
	baseDir    = "testdata/base"
	sourcesDir = "testdata/sources"
	casesDir   = "testdata/cases"
)

func runCase(t *testing.T, file string) *validate.Result {
	t.Helper()
	res, err := validate.Run([]string{baseDir, file}, validate.Options{SourcesDir: sourcesDir})
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	return res
}

func TestBaseIsValid(t *testing.T) {
	res, err := validate.Run([]string{baseDir}, validate.Options{SourcesDir: sourcesDir})
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	if len(res.Diagnostics) != 0 {
		var b strings.Builder
		diag.Text{}.Write(&b, res.Diagnostics, res.Summary)
		t.Fatalf("the base dataset has diagnostics; it must be valid:\n%s", b.String())
	}
	if !res.HasMetadata {
		t.Error("HasMetadata is false; the base has a dataset.json")
	}
	if got, want := res.Summary.Files, 3; got != want {
		t.Errorf("Summary.Files = %d, want %d", got, want)
	}
	if got, want := res.Dataset.Len(), 8; got != want {
		t.Errorf("Dataset.Len() = %d, want %d", got, want)
	}
	if len(res.Summary.Notes) != 0 {
		t.Errorf("with a sources directory, no note is expected, got %q", res.Summary.Notes)
	}
}

// TestCases validates each broken file of testdata/cases with the base and
// compares the text report with its golden file. Run with -update to rewrite
// the golden files after a deliberate change, and review the diff.
func TestCases(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(casesDir, "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no cases found in " + casesDir)
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".json")
		t.Run(name, func(t *testing.T) {
			res := runCase(t, filepath.ToSlash(file))
			if len(res.Diagnostics) == 0 {
				t.Errorf("%s: nothing reported; every case is a broken file", file)
			}
			for _, d := range res.Diagnostics {
				if d.File == "" || d.Rule == "" || d.Message == "" {
					t.Errorf("diagnostic without file, rule or message: %#v", d)
				}
				if _, ok := validate.Rules.Lookup(d.Rule); !ok {
					t.Errorf("rule %q is not in the catalogue (validate.Rules): %v", d.Rule, d)
				}
			}
			var b bytes.Buffer
			if err := (diag.Text{}).Write(&b, res.Diagnostics, res.Summary); err != nil {
				t.Fatal(err)
			}
			golden.Check(t, strings.TrimSuffix(file, ".json")+".golden", b.Bytes())
		})
	}
}

// TestCatalogue: every rule has a summary and help, IDs are unique, and the
// catalogue is sorted for lookup.
func TestCatalogue(t *testing.T) {
	seen := map[string]bool{}
	for i, r := range validate.Rules {
		if r.ID == "" || r.Summary == "" || r.Help == "" {
			t.Errorf("rule %q lacks a summary or help: %+v", r.ID, r)
		}
		if seen[r.ID] {
			t.Errorf("rule %q is listed twice", r.ID)
		}
		seen[r.ID] = true
		if i > 0 && validate.Rules[i-1].ID > r.ID {
			t.Errorf("the catalogue is not sorted at %q", r.ID)
		}
	}
}

// TestSchemaVersion: a dataset.json naming a schema version this curate
// does not read is reported at that line.
func TestSchemaVersion(t *testing.T) {
	res, err := validate.Run([]string{"testdata/schema-version"}, validate.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	diag.Text{}.Write(&b, res.Diagnostics, res.Summary)
	golden.Check(t, "testdata/schema-version.golden", b.Bytes())
}
