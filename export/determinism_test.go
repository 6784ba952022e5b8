package export_test

import (
	"archive/zip"
	"bytes"
	"context"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"curate/export"
	"curate/export/jsonld"
	"curate/export/table"
	"curate/export/tabular"
	"curate/export/xlsx"
	"curate/internal/atomicset"
	"curate/record"
	"curate/schema"
)

// exportAll plans every format and writes it into a new directory; it
// returns the directory and its files' contents by slash-separated name.
func exportAll(t *testing.T, ds *record.Dataset, set *schema.Set) (string, map[string][]byte) {
	t.Helper()
	outs, _, err := export.Plan(ds, set, export.Formats, export.Options{})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	written, err := atomicset.WriteAll(context.Background(), dir, outs)
	if err != nil {
		t.Fatalf("WriteAll: %v", err)
	}
	files := readTree(t, dir)
	if len(written) != len(outs) || len(files) != len(outs) {
		t.Errorf("%d outputs planned, %d written, %d files in the directory", len(outs), len(written), len(files))
	}
	for _, w := range written {
		if b, ok := files[w.Name]; !ok || int64(len(b)) != w.Bytes {
			t.Errorf("written %s: %d bytes reported, %d on disk (present %v)", w.Name, w.Bytes, len(b), ok)
		}
	}
	return dir, files
}

// readTree returns every regular file under dir, by slash-separated
// relative name; it fails the test on anything else but directories.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		if !d.Type().IsRegular() {
			t.Errorf("%s: not a regular file", rel)
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		files[filepath.ToSlash(rel)] = b
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestDeterministic exports every format twice, the second time in another
// time zone, and compares the files byte for byte.
func TestDeterministic(t *testing.T) {
	for _, tc := range datasets(t) {
		t.Run(tc.name, func(t *testing.T) {
			_, first := exportAll(t, tc.ds, tc.set)
			local := time.Local
			time.Local = time.FixedZone("UTC+05:30", 5*3600+1800)
			_, second := exportAll(t, tc.ds, tc.set)
			time.Local = local

			names := slices.Sorted(maps.Keys(first))
			if got := slices.Sorted(maps.Keys(second)); !slices.Equal(names, got) {
				t.Fatalf("files differ: %q and %q", names, got)
			}
			want := []string{export.XLSXFile, export.JSONLDFile, export.SQLiteFile}
			for _, tb := range table.Tables(tc.ds, tc.set) {
				want = append(want, "csv/"+tb.Name+".csv", "parquet/"+tb.Name+".parquet")
			}
			slices.Sort(want)
			if !slices.Equal(names, want) {
				t.Errorf("files %q, want %q", names, want)
			}
			for _, n := range names {
				if !bytes.Equal(first[n], second[n]) {
					t.Errorf("%s differs between two exports (%d and %d bytes, first difference at byte %d)", n, len(first[n]), len(second[n]), firstDifference(first[n], second[n]))
				}
			}
			// The workbook's zip entries carry one fixed time, not the
			// time of the export.
			x := first[export.XLSXFile]
			zr, err := zip.NewReader(bytes.NewReader(x), int64(len(x)))
			if err != nil {
				t.Fatal(err)
			}
			var entries []string
			for _, f := range zr.File {
				entries = append(entries, f.Name)
				if f.Modified.Year() != 1980 || !f.Modified.Equal(zr.File[0].Modified) {
					t.Errorf("%s: zip entry %s modified %v", export.XLSXFile, f.Name, f.Modified)
				}
			}
			if !slices.IsSorted(entries) {
				t.Errorf("%s: zip entries not sorted: %q", export.XLSXFile, entries)
			}
		})
	}
}

// TestDeterministicWriters calls each writer twice on the same tables and
// compares the bytes: the tables' row iterators can be run more than once.
func TestDeterministicWriters(t *testing.T) {
	ds := synthetic()
	tables := table.Tables(ds, loadSchema(t))
	twice := func(name string, write func(*bytes.Buffer) error) {
		var a, b bytes.Buffer
		if err := write(&a); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := write(&b); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if a.Len() == 0 || !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Errorf("%s: two writes differ (%d and %d bytes)", name, a.Len(), b.Len())
		}
	}
	for _, tb := range tables {
		twice("csv "+tb.Name, func(w *bytes.Buffer) error { return tabular.WriteCSV(w, tb) })
		twice("parquet "+tb.Name, func(w *bytes.Buffer) error { return tabular.WriteParquet(w, tb) })
	}
	twice("xlsx", func(w *bytes.Buffer) error { return xlsx.Write(w, ds.Meta, ds.Sources, tables) })
	twice("jsonld", func(w *bytes.Buffer) error { return jsonld.Write(w, ds, "") })
}

func firstDifference(a, b []byte) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}
