package validate_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"curate/diag"
	"curate/validate"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/cases from the current output")

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
			if !res.Diagnostics.HasErrors() {
				t.Errorf("%s: no error reported; every case is a broken file", file)
			}
			for _, d := range res.Diagnostics {
				if d.File == "" || d.Rule == "" || d.Message == "" {
					t.Errorf("diagnostic without file, rule or message: %#v", d)
				}
			}
			var b bytes.Buffer
			if err := (diag.Text{}).Write(&b, res.Diagnostics, res.Summary); err != nil {
				t.Fatal(err)
			}
			golden(t, strings.TrimSuffix(file, ".json")+".golden", b.Bytes())
		})
	}
}

// golden compares got with the golden file, or rewrites it under -update.
func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (go test -update rewrites it)\n--- got:\n%s\n--- want:\n%s\n%s", path, got, want, firstDiff(string(got), string(want)))
	}
}

// firstDiff names the first line where got and want differ.
func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < max(len(g), len(w)); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return fmt.Sprintf("first difference at line %d:\n  got:  %q\n  want: %q", i+1, gl, wl)
		}
	}
	return "no line differs"
}
