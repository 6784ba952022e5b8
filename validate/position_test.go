package validate_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"curate/diag"
	"curate/validate"
)

// TestPositions asserts the exact place of a few diagnostics directly, not
// only through the golden files: file, line, column (in characters), byte
// offset, pointer and rule, and the related place where there is one.
func TestPositions(t *testing.T) {
	type related struct {
		file       string
		line, col  int
		pointerRel string
	}
	tests := []struct {
		name      string
		file      string
		rule      string
		pointer   string
		line, col int
		related   *related
	}{
		// "Лавров" before the value on the same line: 6 characters, 12
		// bytes, so the byte column would be 85.
		{"non-ASCII before the value", "column-non-ascii.json", "enum", "/records/0/actor_type", 3, 79, nil},
		// Inside a string, after Cyrillic text that does not match.
		{"non-ASCII inside the evidence", "column-non-ascii.json", "evidence", "/records/1/citations/0/evidence", 4, 158, nil},
		// A missing property is reported at the object that lacks it.
		{"missing property at its object", "schema-required.json", "required", "/records/1", 8, 5, nil},
		// An unknown property is reported at its name.
		{"unknown property at its name", "schema-additional-properties.json", "additionalProperties", "/records/0/lable", 7, 7, nil},
		// An EDTF error is reported at the character where the date goes wrong (the day 30).
		{"date error inside the string", "schema-format-edtf-calendar.json", "edtf-calendar", "/records/0/date/edtf", 8, 34, nil},
		// Evidence is reported where it stops matching the source.
		{"evidence where it stops matching", "evidence-not-in-source.json", "evidence", "/records/0/citations/0/evidence", 13, 51, nil},
		// Escapes before that place (\" and \u0066) count as what they are in the file.
		{"evidence after escapes", "evidence-escaped-quotes.json", "evidence", "/records/0/citations/0/evidence", 12, 79, nil},
		// A quote mark that differs from the source's is pointed at.
		{"evidence at the differing quote mark", "evidence-quote-marks.json", "evidence", "/records/0/citations/0/evidence", 11, 44, nil},
		// A trailing comma is reported at the comma.
		{"trailing comma at the comma", "syntax-trailing-comma.json", "trailing-comma", "/records/0/citations/0", 11, 49, nil},
		{"unterminated string at its opening quote", "syntax-unterminated-string.json", "syntax", "/records/0/id", 5, 13, nil},
		{"duplicate id with its first definition", "cross-duplicate-id.json", "duplicate-id", "/records/0/id", 5, 13,
			&related{"testdata/base/actors.json", 5, 13, "/records/0/id"}},
		{"duplicate key with its first occurrence", "duplicate-key-nested.json", "duplicate-key", "/records/0/label", 8, 7,
			&related{"testdata/cases/duplicate-key-nested.json", 7, 7, "/records/0/label"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := casesDir + "/" + tt.file
			res := runCase(t, file)
			var d *diag.Diagnostic
			for i := range res.Diagnostics {
				if res.Diagnostics[i].Rule == tt.rule && res.Diagnostics[i].Pointer == tt.pointer {
					d = &res.Diagnostics[i]
					break
				}
			}
			if d == nil {
				t.Fatalf("no %s diagnostic at %s; got:\n%s", tt.rule, tt.pointer, list(res.Diagnostics))
			}
			if d.File != file || d.Pos.Line != tt.line || d.Pos.Column != tt.col {
				t.Errorf("got %s, want %s:%d:%d", d.Location(), file, tt.line, tt.col)
			}
			// The offset is the byte offset of the same place.
			data, err := os.ReadFile(filepath.FromSlash(file))
			if err != nil {
				t.Fatal(err)
			}
			lines := strings.SplitAfter(string(data), "\n")
			lineStart := len(strings.Join(lines[:tt.line-1], ""))
			if d.Pos.Offset < lineStart || d.Pos.Offset > len(data) || utf8.RuneCount(data[lineStart:d.Pos.Offset])+1 != tt.col {
				t.Errorf("offset %d is not at line %d, column %d", d.Pos.Offset, tt.line, tt.col)
			}
			if tt.related != nil {
				if len(d.Related) != 1 {
					t.Fatalf("related: got %+v, want one place", d.Related)
				}
				r := d.Related[0]
				if r.File != tt.related.file || r.Pos.Line != tt.related.line || r.Pos.Column != tt.related.col || r.Pointer != tt.related.pointerRel {
					t.Errorf("related: got %s:%d:%d %s, want %s:%d:%d %s", r.File, r.Pos.Line, r.Pos.Column, r.Pointer,
						tt.related.file, tt.related.line, tt.related.col, tt.related.pointerRel)
				}
			}
		})
	}
}

func list(l diag.List) string {
	var b strings.Builder
	for _, d := range l {
		b.WriteString(d.String() + "\n")
	}
	return b.String()
}

// TestMissingPath: a path that does not exist is a diagnostic naming it,
// not a failure of the run.
func TestMissingPath(t *testing.T) {
	res, err := validate.Run([]string{"testdata/no-such-dir"}, validate.Options{})
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	if len(res.Diagnostics) != 1 {
		t.Fatalf("got %d diagnostics, want 1:\n%s", len(res.Diagnostics), list(res.Diagnostics))
	}
	d := res.Diagnostics[0]
	if d.File != "testdata/no-such-dir" || d.Rule != "read" || d.Pos.Line != 0 || d.Message != "no such file or directory" {
		t.Errorf("got %s, want testdata/no-such-dir: error: no such file or directory [read]", d)
	}
}

// TestNoSourcesNote: without a sources directory, evidence is not checked
// and the summary says so.
func TestNoSourcesNote(t *testing.T) {
	res, err := validate.Run([]string{baseDir, casesDir + "/evidence-not-in-source.json"}, validate.Options{})
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	if len(res.Diagnostics) != 0 {
		t.Errorf("evidence was checked without a sources directory:\n%s", list(res.Diagnostics))
	}
	if len(res.Summary.Notes) != 1 || res.Summary.Notes[0] != validate.NoEvidenceNote {
		t.Errorf("notes: got %q, want the no-evidence note", res.Summary.Notes)
	}
}

// TestSecondMetadataFile: a dataset has one dataset.json.
func TestSecondMetadataFile(t *testing.T) {
	dir := t.TempDir()
	data, err := os.ReadFile(filepath.Join(baseDir, "dataset.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "dataset.json"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := validate.Run([]string{baseDir, dir}, validate.Options{SourcesDir: sourcesDir})
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	if len(res.Diagnostics) != 1 || res.Diagnostics[0].Rule != "duplicate-metadata" {
		t.Errorf("got:\n%s\nwant one duplicate-metadata error", list(res.Diagnostics))
	}
}

// TestDataset: a valid run returns every record, each kind sorted by id.
func TestDataset(t *testing.T) {
	res, err := validate.Run([]string{baseDir}, validate.Options{})
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	ds := res.Dataset
	if ds.Meta.Version != "0.0.1" {
		t.Errorf("Meta.Version = %q, want 0.0.1", ds.Meta.Version)
	}
	var ids []string
	for _, a := range ds.Actors {
		ids = append(ids, a.ID)
	}
	want := "actor-ana-rivers actor-northvale actor-reporters actor-water-board"
	if got := strings.Join(ids, " "); got != want {
		t.Errorf("actor ids: got %s, want %s", got, want)
	}
	if len(ds.Sources) != 1 || ds.Sources[0].File != "sample.txt" {
		t.Errorf("sources: got %+v", ds.Sources)
	}
	if len(ds.Events) != 1 || len(ds.Events[0].Figures) != 1 || ds.Events[0].Figures[0].Quantity != "0.5" {
		t.Errorf("events: got %+v, want one with the figure 0.5 kept as written", ds.Events)
	}
	if len(ds.Measures) != 1 || len(ds.Statements) != 1 || ds.Statements[0].Speaker != "actor-ana-rivers" {
		t.Errorf("measures %+v, statements %+v", ds.Measures, ds.Statements)
	}
}

// TestEmptyDirectory checks that a directory without JSON files is an error,
// not a silent success: a mistyped path must not pass CI.
func TestEmptyDirectory(t *testing.T) {
	dir := t.TempDir()
	res, err := validate.Run([]string{dir}, validate.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Diagnostics) != 1 || res.Diagnostics[0].Rule != "read" || res.Diagnostics[0].Message != "no .json files in this directory" {
		t.Errorf("got %v, want one read error saying the directory has no .json files", res.Diagnostics)
	}
}

// TestLargeFile checks a file large enough to be validated on several
// goroutines: every fault is still found, once, at its place, in order.
func TestLargeFile(t *testing.T) {
	const n = 3000
	faulty := map[int]bool{7: true, 1500: true, n - 1: true}
	var b strings.Builder
	b.WriteString("{\"records\": [\n")
	for i := range n {
		if i > 0 {
			b.WriteString(",\n")
		}
		label := `"label": "group ` + strconv.Itoa(i) + `", `
		if faulty[i] {
			label = ""
		}
		fmt.Fprintf(&b, `{"kind": "actor", "id": "actor-group-%d", "actor_type": "group", %s"citations": [{"source": "source-sample", "evidence": "The town council of Northvale met on Tuesday"}]}`, i, label)
	}
	b.WriteString("\n]}\n")
	path := filepath.Join(t.TempDir(), "large.json")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := validate.Run([]string{"testdata/base", path}, validate.Options{SourcesDir: "testdata/sources"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range res.Diagnostics {
		got = append(got, fmt.Sprintf("%d:%d %s %s", d.Pos.Line, d.Pos.Column, d.Rule, d.Pointer))
	}
	want := []string{"9:1 required /records/7", "1502:1 required /records/1500", "3001:1 required /records/2999"}
	if !slices.Equal(got, want) {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if res.Summary.Records != n+8 {
		t.Errorf("%d records read, want %d", res.Summary.Records, n+8)
	}
}
