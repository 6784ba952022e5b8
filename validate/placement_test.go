package validate_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"curate/diag"
	"curate/internal/golden"
	"curate/validate"
)

// laidOut writes the base dataset into dir laid out in kind folders:
// dataset.json, actors/people.json, and SOURCE.json in sources/, events/,
// measures/ and statements/, SOURCE being the stem of the source's text
// file ("sample").
func laidOut(t *testing.T, dir string) {
	t.Helper()
	copyFile := func(src, dst string) {
		b, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		os.MkdirAll(filepath.Dir(dst), 0o755)
		write(t, dst, b)
	}
	copyFile(filepath.Join(baseDir, "dataset.json"), filepath.Join(dir, "dataset.json"))
	copyFile(filepath.Join(baseDir, "actors.json"), filepath.Join(dir, "actors", "people.json"))
	b, _ := os.ReadFile(filepath.Join(baseDir, "records.json"))
	var doc struct{ Records []json.RawMessage }
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	byKind := map[string][]json.RawMessage{}
	for _, r := range doc.Records {
		var k struct{ Kind string }
		json.Unmarshal(r, &k)
		byKind[k.Kind] = append(byKind[k.Kind], r)
	}
	for kind, recs := range byKind {
		out, _ := json.MarshalIndent(map[string]any{"records": recs}, "", "  ")
		p := filepath.Join(dir, kind+"s", "sample.json")
		os.MkdirAll(filepath.Dir(p), 0o755)
		write(t, p, append(out, '\n'))
	}
}

func report(res *validate.Result, dir string) string {
	var b bytes.Buffer
	diag.Text{}.Write(&b, res.Diagnostics, res.Summary)
	return strings.ReplaceAll(b.String(), dir, "DATASET")
}

// TestPlacement: files and records out of their folders are reported with
// where they belong; a laid-out dataset as it should be is valid.
func TestPlacement(t *testing.T) {
	tests := []struct {
		name  string
		apply func(t *testing.T, dir string)
	}{
		{"laid out", func(t *testing.T, dir string) {}},
		{"measures file in events", func(t *testing.T, dir string) {
			os.Rename(filepath.Join(dir, "measures", "sample.json"), filepath.Join(dir, "events", "more.json"))
		}},
		{"new folder", func(t *testing.T, dir string) {
			os.Mkdir(filepath.Join(dir, "measure"), 0o755)
			os.Rename(filepath.Join(dir, "measures", "sample.json"), filepath.Join(dir, "measure", "sample.json"))
		}},
		{"file not named after a source", func(t *testing.T, dir string) {
			os.Rename(filepath.Join(dir, "events", "sample.json"), filepath.Join(dir, "events", "flood.json"))
		}},
		{"file at the root", func(t *testing.T, dir string) {
			os.Rename(filepath.Join(dir, "statements", "sample.json"), filepath.Join(dir, "statements.json"))
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			laidOut(t, dir)
			tt.apply(t, dir)
			res, err := validate.Run(nil, validate.Options{SourcesDir: sourcesDir, Dataset: dir})
			if err != nil {
				t.Fatal(err)
			}
			got := report(res, validatePath(dir))
			golden.Check(t, filepath.Join("testdata", "placement", strings.ReplaceAll(tt.name, " ", "-")+".golden"), []byte(got))
		})
	}
}

// validatePath is how the report shows dir: relative to the working
// directory, with slashes.
func validatePath(dir string) string {
	wd, _ := os.Getwd()
	rel, err := filepath.Rel(wd, dir)
	if err != nil {
		return dir
	}
	return filepath.ToSlash(rel)
}

// TestFocus: validating one file of a dataset reads the whole dataset for
// context and reports that file's problems, and a duplicate id it shares
// with another file at both places.
func TestFocus(t *testing.T) {
	dir := t.TempDir()
	laidOut(t, dir)
	events := filepath.Join(dir, "events", "sample.json")
	measures := filepath.Join(dir, "measures", "sample.json")
	// A problem in the events file, outside the focus.
	b, _ := os.ReadFile(events)
	write(t, events, bytes.Replace(b, []byte(`"event_type": "meeting"`), []byte(`"event_type": "meting"`), 1))
	// A duplicate id between the measures file (the focus) and the actors.
	b, _ = os.ReadFile(measures)
	write(t, measures, bytes.Replace(b, []byte(`"id": "measure-northvale-levee"`), []byte(`"id": "measure-northvale-levee"`), 1))
	res, err := validate.Run([]string{measures}, validate.Options{SourcesDir: sourcesDir, Dataset: dir})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Diagnostics) != 0 {
		t.Errorf("the measures file is valid in its dataset; got:\n%s", report(res, validatePath(dir)))
	}
	// The events file's problem is reported when it is the focus.
	res, _ = validate.Run([]string{events}, validate.Options{SourcesDir: sourcesDir, Dataset: dir})
	if len(res.Diagnostics) != 1 || res.Diagnostics[0].Rule != "enum" {
		t.Errorf("want the enum problem of the events file, got:\n%s", report(res, validatePath(dir)))
	}
	// A duplicate id shared by the focus file and another: both places.
	b, _ = os.ReadFile(filepath.Join(dir, "actors", "people.json"))
	write(t, filepath.Join(dir, "actors", "people.json"), bytes.Replace(b, []byte(`"id": "actor-reporters"`), []byte(`"id": "actor-water-board"`), 1))
	for _, focus := range []string{filepath.Join(dir, "actors", "people.json")} {
		res, _ = validate.Run([]string{focus}, validate.Options{SourcesDir: sourcesDir, Dataset: dir})
		text := report(res, validatePath(dir))
		if !strings.Contains(text, "duplicate id \"actor-water-board\"") {
			t.Errorf("focus %s: no duplicate id:\n%s", focus, text)
		}
	}
}
