package export_test

// The shared test data (curate/export/internal/exporttest) under the names
// the tests use, and the helpers only these tests need.

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"curate/export/internal/exporttest"
	"curate/record"
	"curate/schema"
	"curate/validate"
)

var (
	loadSchema  = exporttest.Schema
	loadBundled = exporttest.Bundled
	synthetic   = exporttest.Synthetic
	csvOf       = exporttest.CSVOf
	columnNames = exporttest.ColumnNames

	longText       = exporttest.LongText
	syntheticDates = exporttest.SyntheticDates
)

const (
	hyperlinkFormula = exporttest.HyperlinkFormula
	plusSeven        = exporttest.PlusSeven
	minusOne         = exporttest.MinusOne
	atSum            = exporttest.AtSum
	leadingZero      = exporttest.LeadingZero
	cyrillic         = exporttest.Cyrillic
	emoji            = exporttest.Emoji
	syntheticURL     = exporttest.SyntheticURL
)

// datasets are the inputs every format test runs on.
func datasets(t *testing.T) []struct {
	name string
	ds   *record.Dataset
	set  *schema.Set
} {
	var out []struct {
		name string
		ds   *record.Dataset
		set  *schema.Set
	}
	for _, c := range exporttest.Datasets(t) {
		out = append(out, struct {
			name string
			ds   *record.Dataset
			set  *schema.Set
		}{c.Name, c.DS, c.Set})
	}
	return out
}

// csvTable is a CSV file read back: its header and its records.
type csvTable struct {
	name   string
	header []string
	rows   [][]string
	c      *exporttest.CSV
}

func (c *csvTable) get(row []string, col string) string { return c.c.Get(row, col) }

// readCSV parses a CSV file as written by WriteCSV.
func readCSV(t testing.TB, name string, data []byte) *csvTable {
	c := exporttest.ReadCSV(t, name, data)
	return &csvTable{c.Name, c.Header, c.Rows, c}
}

// normalized returns a deep copy of ds in which every empty list is nil:
// the tables (like the JSON files, where an empty optional list may be left
// out) cannot tell an empty list from an absent one. Metadata is dropped:
// it is not in the tables.
func normalized(ds *record.Dataset) *record.Dataset {
	var c record.Dataset
	b, err := json.Marshal(ds)
	if err != nil {
		panic(err)
	}
	if err := json.Unmarshal(b, &c); err != nil {
		panic(err)
	}
	nilEmpty(reflect.ValueOf(&c).Elem())
	c.Meta = record.Metadata{}
	return &c
}

func nilEmpty(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			nilEmpty(v.Elem())
		}
	case reflect.Struct:
		for i := range v.NumField() {
			nilEmpty(v.Field(i))
		}
	case reflect.Slice:
		if v.Len() == 0 {
			v.Set(reflect.Zero(v.Type()))
			return
		}
		for i := range v.Len() {
			nilEmpty(v.Index(i))
		}
	}
}

// diffDatasets returns "" when want and got are deeply equal, otherwise a
// readable account of the first difference.
func diffDatasets(want, got *record.Dataset) string {
	if reflect.DeepEqual(want, got) {
		return ""
	}
	return firstDiff(want, got)
}

// firstDiff marshals both values to indented JSON and shows the first line
// that differs, with some context.
func firstDiff(want, got any) string {
	wb, _ := json.MarshalIndent(want, "", "  ")
	gb, _ := json.MarshalIndent(got, "", "  ")
	wl := strings.Split(string(wb), "\n")
	gl := strings.Split(string(gb), "\n")
	for i := 0; i < max(len(wl), len(gl)); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			lo := max(0, i-6)
			var ctx strings.Builder
			for j := lo; j < i && j < len(wl); j++ {
				fmt.Fprintf(&ctx, "      %s\n", wl[j])
			}
			after := func(l []string) string {
				var b strings.Builder
				for j := i; j < min(i+4, len(l)); j++ {
					fmt.Fprintf(&b, "\n      %s", l[j])
				}
				return b.String()
			}
			return fmt.Sprintf("first difference at line %d of the JSON form, after:\n%s want:%s\n got:%s", i+1, ctx.String(), after(wl), after(gl))
		}
	}
	return "values differ (not visible in their JSON form: nil versus empty, or a pointer)"
}

// writeDatasetFiles writes ds as dataset files (dataset.json and one file
// per kind) into dir, as a curator would.
func writeDatasetFiles(t testing.TB, dir string, ds *record.Dataset) {
	t.Helper()
	write := func(name string, v any) {
		b, err := json.MarshalIndent(v, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), append(b, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	type file struct {
		Records any `json:"records"`
	}
	write("dataset.json", ds.Meta)
	write("actors/actors.json", file{ds.Actors})
	write("sources/sources.json", file{ds.Sources})
	write("events/events.json", file{ds.Events})
	write("measures/measures.json", file{ds.Measures})
	write("statements/statements.json", file{ds.Statements})
}

// TestSyntheticIsValid checks that the synthetic dataset is a valid dataset
// (schema and cross-record checks), so that the export tests exercise data
// the exporter can meet, and that validation reads it back unchanged.
func TestSyntheticIsValid(t *testing.T) {
	ds := synthetic()
	dir := t.TempDir()
	writeDatasetFiles(t, dir, ds)
	res, err := validate.Run([]string{dir}, validate.Options{Schema: loadSchema(t)})
	if err != nil {
		t.Fatal(err)
	}
	if res.Diagnostics.HasErrors() {
		t.Fatalf("synthetic dataset is not valid:\n%v", res.Diagnostics)
	}
	if !reflect.DeepEqual(res.Dataset.Meta, ds.Meta) {
		t.Errorf("metadata read back differs: %s", firstDiff(ds.Meta, res.Dataset.Meta))
	}
	if d := diffDatasets(normalized(ds), normalized(res.Dataset)); d != "" {
		t.Errorf("validation reads the synthetic dataset differently: %s", d)
	}
}

// TestSyntheticCoversEveryField checks that every field of every record
// kind (and of the structures inside records) is set in at least one record
// of the synthetic dataset, so that a field added to the model is exported
// and tested, not silently skipped.
func TestSyntheticCoversEveryField(t *testing.T) {
	ds := synthetic()
	seen := map[string]bool{}
	var walk func(path string, v reflect.Value)
	walk = func(path string, v reflect.Value) {
		switch v.Kind() {
		case reflect.Pointer:
			if !v.IsNil() {
				seen[path] = true
				walk(path, v.Elem())
			}
		case reflect.Struct:
			for i := range v.NumField() {
				walk(path+"."+v.Type().Field(i).Name, v.Field(i))
			}
		case reflect.Slice:
			if v.Len() > 0 {
				seen[path] = true
			}
			for i := range v.Len() {
				walk(path+"[]", v.Index(i))
			}
		default:
			if !v.IsZero() {
				seen[path] = true
			}
		}
	}
	var all func(path string, t reflect.Type) []string
	all = func(path string, t reflect.Type) []string {
		var out []string
		switch t.Kind() {
		case reflect.Pointer:
			out = append(out, path)
			out = append(out, all(path, t.Elem())...)
		case reflect.Struct:
			for i := range t.NumField() {
				out = append(out, all(path+"."+t.Field(i).Name, t.Field(i).Type)...)
			}
		case reflect.Slice:
			out = append(out, path)
			out = append(out, all(path+"[]", t.Elem())...)
		default:
			out = append(out, path)
		}
		return out
	}
	v := reflect.ValueOf(ds).Elem()
	for _, kind := range []string{"Actors", "Sources", "Events", "Measures", "Statements"} {
		walk(kind, v.FieldByName(kind))
		for _, p := range all(kind, v.FieldByName(kind).Type()) {
			if !seen[p] {
				t.Errorf("no record of the synthetic dataset sets %s", p)
			}
		}
	}
}
