package export_test

// Golden files: every export of the tiny dataset in testdata/tiny, compared
// byte for byte with the files in testdata/golden. `go test ./export
// -update` rewrites them from the current output. A changed golden file is
// a diff someone reviews: it is what users of the exports will see change,
// so commit it only when the change is meant.

import (
	"archive/zip"
	"bytes"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"curate/edtf"
	"curate/export"
	"curate/internal/golden"
	"curate/record"
	"curate/schema"
	"curate/validate"
)

const (
	tinyDir   = "testdata/tiny"
	goldenDir = "testdata/golden"
)

// loadTiny validates testdata/tiny with the embedded schema and returns its
// records; the test fails on any diagnostic, warnings included.
func loadTiny(t testing.TB) (*record.Dataset, *schema.Set) {
	t.Helper()
	set := loadSchema(t)
	res, err := validate.Run([]string{tinyDir}, validate.Options{Schema: set})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Diagnostics) > 0 {
		t.Fatalf("%s is not a clean dataset:\n%v", tinyDir, res.Diagnostics)
	}
	if !res.HasMetadata {
		t.Fatalf("%s has no dataset.json", tinyDir)
	}
	return res.Dataset, set
}

// checkGolden compares got with testdata/golden/name, creating the folder
// first so that -update can write a new file.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	p := filepath.Join(goldenDir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, p, got)
}

// TestGolden writes every CSV table and the JSON-LD document of the tiny
// dataset, and the release bundle's datapackage.json, CODEBOOK.md and
// README.md, and compares each with its golden file. The XLSX workbook and
// the Parquet files are binary: their tests read them back instead, and
// their sizes and hashes are in datapackage.json.
func TestGolden(t *testing.T) {
	ds, set := loadTiny(t)
	var names []string

	// CSV and JSON-LD, as `curate export` writes them.
	outs, _, err := export.Plan(ds, set, []string{"csv", "jsonld"}, export.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range outs {
		var b bytes.Buffer
		if err := o.Write(&b); err != nil {
			t.Fatalf("%s: %v", o.Name, err)
		}
		names = append(names, o.Name)
		t.Run(o.Name, func(t *testing.T) { checkGolden(t, o.Name, b.Bytes()) })
	}

	// The bundle's own files, as `curate release` writes them: through
	// Release, since datapackage.json holds every file's size and hash.
	dir := t.TempDir()
	w, err := export.Release(t.Context(), dir, ds, set, export.Options{})
	if err != nil {
		t.Fatal(err)
	}
	entries := unzip(t, filepath.Join(dir, w.Name))
	top := export.ReleaseName(ds.Meta.Version) + "/"
	for _, name := range []string{export.DataPackageFile, export.CodebookFile, export.ReadmeFile} {
		b, ok := entries[top+name]
		if !ok {
			t.Errorf("the bundle has no %s", top+name)
			continue
		}
		names = append(names, name)
		t.Run(name, func(t *testing.T) { checkGolden(t, name, b) })
	}
	// The bundle holds what `curate export` writes.
	for _, o := range outs {
		var b bytes.Buffer
		if err := o.Write(&b); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(entries[top+o.Name], b.Bytes()) {
			t.Errorf("the bundle's %s differs from the export's", o.Name)
		}
	}

	// No golden file is left over from a table or file that is gone.
	var have []string
	err = filepath.WalkDir(goldenDir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(goldenDir, p)
			have = append(have, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(names)
	slices.Sort(have)
	if !slices.Equal(have, names) {
		t.Errorf("golden files %q, want one per output: %q", have, names)
	}
}

// unzip returns the entries of a zip file by name.
func unzip(t *testing.T, p string) map[string][]byte {
	t.Helper()
	zr, err := zip.OpenReader(p)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	out := map[string][]byte{}
	for _, f := range zr.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		out[f.Name] = b
	}
	return out
}

// TestTinyCoversEveryField checks that the tiny dataset sets every field of
// the metadata and of every record kind (and of the structures inside
// records) at least once, so that the golden files show every column and
// property; a field added to the model fails here until the tiny dataset
// sets it.
func TestTinyCoversEveryField(t *testing.T) {
	ds, _ := loadTiny(t)
	v := reflect.ValueOf(ds).Elem()
	for i := range v.NumField() {
		name := v.Type().Field(i).Name
		for _, p := range unsetFields(name, v.Field(i)) {
			t.Errorf("no record of %s sets %s", tinyDir, p)
		}
	}
}

// unsetFields lists the paths (e.g. "Events[].Figures[].Period") under v
// that no value sets: a field is set when it is not the zero value, a slice
// when it is not empty, a pointer when it is not nil.
func unsetFields(root string, v reflect.Value) []string {
	seen := map[string]bool{}
	var walk func(p string, v reflect.Value)
	walk = func(p string, v reflect.Value) {
		switch v.Kind() {
		case reflect.Pointer:
			if !v.IsNil() {
				seen[p] = true
				walk(p, v.Elem())
			}
		case reflect.Struct:
			for i := range v.NumField() {
				walk(p+"."+v.Type().Field(i).Name, v.Field(i))
			}
		case reflect.Slice:
			if v.Len() > 0 {
				seen[p] = true
			}
			for i := range v.Len() {
				walk(p+"[]", v.Index(i))
			}
		default:
			if !v.IsZero() {
				seen[p] = true
			}
		}
	}
	walk(root, v)
	var all func(p string, t reflect.Type) []string
	all = func(p string, t reflect.Type) []string {
		switch t.Kind() {
		case reflect.Pointer:
			return append([]string{p}, all(p, t.Elem())...)
		case reflect.Struct:
			var out []string
			for i := range t.NumField() {
				out = append(out, all(p+"."+t.Field(i).Name, t.Field(i).Type)...)
			}
			return out
		case reflect.Slice:
			return append([]string{p}, all(p+"[]", t.Elem())...)
		}
		return []string{p}
	}
	var missing []string
	for _, p := range all(root, v.Type()) {
		if !seen[p] {
			missing = append(missing, p)
		}
	}
	return missing
}

// TestTinyHasEveryDateForm checks that the dates of the tiny dataset take
// every form the schema accepts, with every basis, so that the golden files
// show how each is exported.
func TestTinyHasEveryDateForm(t *testing.T) {
	ds, _ := loadTiny(t)
	var dates []*record.Date
	dates = append(dates, &ds.Sources[0].Published)
	for i := range ds.Events {
		dates = append(dates, ds.Events[i].Date)
	}
	for i := range ds.Measures {
		m := &ds.Measures[i]
		dates = append(dates, m.Announced, m.Effective, m.Ended)
	}
	for i := range ds.Statements {
		dates = append(dates, ds.Statements[i].Date)
	}
	forms := map[string]bool{}
	for _, d := range dates {
		if d == nil {
			forms["absent"] = true
			continue
		}
		p, err := edtf.Parse(d.EDTF)
		if err != nil {
			t.Fatalf("%s: %v", d.EDTF, err)
		}
		forms[string(p.Precision)] = true
		forms["basis "+d.Basis] = true
		if d.Note != "" {
			forms["with a note"] = true
		}
		if p.Precision == edtf.Set {
			for _, m := range p.Members {
				switch {
				case m.OpenStart:
					forms["set on or before"] = true
				case m.Precision == edtf.Interval:
					forms["set range"] = true
				}
			}
			if len(p.Members) > 1 {
				forms["set list"] = true
			}
		}
		if strings.Contains(d.EDTF, "X") && p.Precision != edtf.Decade && p.Precision != edtf.Century {
			forms["unspecified digits"] = true
		}
		for _, q := range []string{"?", "~", "%"} {
			if strings.HasSuffix(d.EDTF, q) {
				forms["qualified "+q] = true
			}
		}
		if p.Precision == edtf.Season && strings.HasSuffix(d.EDTF, "-24") {
			forms["winter"] = true
		}
		switch {
		case p.OpenStart:
			forms["open start"] = true
		case p.UnknownStart:
			forms["unknown start"] = true
		case p.OpenEnd:
			forms["open end"] = true
		case p.UnknownEnd:
			forms["unknown end"] = true
		case p.Precision == edtf.Interval && (p.Uncertain || p.Approximate):
			forms["qualified interval"] = true
		case p.Precision == edtf.Interval:
			forms["closed interval"] = true
		}
	}
	for _, f := range []string{
		"absent", "with a note", "day", "month", "season", "winter", "year", "decade", "century", "interval", "set",
		"set on or before", "set range", "set list", "basis stated", "basis inferred", "basis bounded",
		"unspecified digits", "qualified ?", "qualified ~", "qualified %",
		"open start", "unknown start", "open end", "unknown end", "closed interval", "qualified interval",
	} {
		if !forms[f] {
			t.Errorf("no date of %s has the form %q", tinyDir, f)
		}
	}
}
