package main

import (
	"archive/zip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"curate/export"
	"curate/schema"
	"curate/validate"
)

// The two versions of the changes tests' dataset, and the golden outputs
// of comparing them (package changes writes them).
const (
	changesV1     = "../../changes/testdata/v1"
	changesV2     = "../../changes/testdata/v2"
	changesGolden = "../../changes/testdata/golden/v1-v2."
)

// releaseOf writes the release zip of a dataset directory with Release,
// into dir, and returns its path.
func releaseOf(t *testing.T, src, dir string) string {
	t.Helper()
	set, err := schema.LoadDir("")
	if err != nil {
		t.Fatal(err)
	}
	res, err := validate.Run(nil, validate.Options{Schema: set, Dataset: src})
	if err != nil || res.HasErrors() {
		t.Fatalf("%s: %v %v", src, err, res.Diagnostics)
	}
	w, err := export.Release(t.Context(), dir, res.Dataset, set, export.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return filepath.Join(dir, w.Name)
}

// TestDiff compares the two versions as directories, as release zips built
// by Release, and one of each, in every format: the output is the golden
// file's whatever the sides are, and the exit status 0.
func TestDiff(t *testing.T) {
	dir := t.TempDir()
	z1, z2 := releaseOf(t, changesV1, dir), releaseOf(t, changesV2, dir)
	pairs := map[string][2]string{
		"directories":       {changesV1, changesV2},
		"zips":              {z1, z2},
		"zip and directory": {z1, changesV2},
		"directory and zip": {changesV1, z2},
	}
	for name, p := range pairs {
		for _, format := range []string{"text", "json", "csv"} {
			want, err := os.ReadFile(changesGolden + format)
			if err != nil {
				t.Fatal(err)
			}
			args := []string{"diff", p[0], p[1]}
			if format != "text" {
				args = []string{"diff", "--format", format, p[0], p[1]}
			}
			r := runInProcess(args...)
			if r.status != 0 || r.stdout != string(want) || r.stderr != "" {
				t.Errorf("%s, %s:\n%s\nwant stdout:\n%s", name, format, r, want)
			}
		}
	}
	// No change: exit 0 and a summary saying so.
	r := runBinary(t, "diff", z2, changesV2)
	if r.status != 0 || r.stdout != "0.2.0 -> 0.2.0: 0 records added, 0 removed, 0 changed (0 values)\n" {
		t.Errorf("diff of a version with itself:\n%s", r)
	}
}

// TestDiffRefuses: misuse and unreadable sides are exit 2, hostile zips
// are refused with the entry named, an invalid dataset is exit 1 with its
// diagnostics on stderr (named by their place in the zip), and nothing is
// left in the temporary directory.
func TestDiffRefuses(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("TMPDIR", filepath.Join(dir, "tmp"))
	os.Mkdir(filepath.Join(dir, "tmp"), 0o755)
	hostile := filepath.Join(dir, "hostile.zip")
	writeZip(t, hostile, map[string]string{"curate-1.0.0/dataset/dataset.json": "{}", "curate-1.0.0/../../evil.json": "{}"})
	invalid := filepath.Join(dir, "invalid.zip")
	writeZip(t, invalid, map[string]string{"curate-1.0.0/dataset/dataset.json": `{"title": "x"}`})
	notZip := filepath.Join(dir, "notes.txt")
	os.WriteFile(notZip, []byte("hello"), 0o644)
	tests := []struct {
		name   string
		args   []string
		status int
		stderr []string
	}{
		{"one argument", []string{"diff", changesV1}, 2, []string{"diff takes two arguments"}},
		{"unknown format", []string{"diff", "--format", "xml", changesV1, changesV2}, 2, []string{`unknown format "xml"`}},
		{"missing", []string{"diff", changesV1, filepath.Join(dir, "nothing")}, 2, []string{"nothing"}},
		{"not a dataset", []string{"diff", changesV1, dir}, 2, []string{"holds no dataset.json"}},
		{"not a zip", []string{"diff", notZip, changesV2}, 2, []string{"neither a dataset directory nor a release zip"}},
		{"hostile zip", []string{"diff", hostile, changesV2}, 2, []string{`entry "curate-1.0.0/../../evil.json"`, `".." segment`}},
		{"invalid dataset", []string{"diff", invalid, changesV2}, 1, []string{
			filepath.ToSlash(invalid) + "/curate-1.0.0/dataset/dataset.json:", "[required]", "is not a valid dataset; nothing was compared"}},
	}
	for _, tc := range tests {
		r := runInProcess(tc.args...)
		if r.status != tc.status || r.stdout != "" {
			t.Errorf("%s:\n%s", tc.name, r)
		}
		for _, s := range tc.stderr {
			if !strings.Contains(r.stderr, s) {
				t.Errorf("%s: stderr lacks %q:\n%s", tc.name, s, r)
			}
		}
	}
	if left, _ := os.ReadDir(filepath.Join(dir, "tmp")); len(left) > 0 {
		t.Errorf("diff left %d temporary files", len(left))
	}
}

func writeZip(t *testing.T, p string, files map[string]string) {
	t.Helper()
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	for name, data := range files {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(data))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
}

// TestReleasePrevious: release --previous puts CHANGES.md and changes.csv
// in the bundle, the same as the export tests' golden files.
func TestReleasePrevious(t *testing.T) {
	dir := t.TempDir()
	z1 := releaseOf(t, changesV1, dir)
	out := filepath.Join(dir, "out")
	r := runInProcess("release", "--out", out, "--previous", z1, changesV2)
	if r.status != 0 {
		t.Fatalf("release --previous:\n%s", r)
	}
	zr, err := zip.OpenReader(filepath.Join(out, "curate-0.2.0.zip"))
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, n := range []string{"CHANGES.md", "changes.csv"} {
		want, err := os.ReadFile("../../export/testdata/release/changes-" + n)
		if err != nil {
			t.Fatal(err)
		}
		f, err := zr.Open("curate-0.2.0/" + n)
		if err != nil {
			t.Fatalf("the bundle has no %s: %v", n, err)
		}
		got, _ := io.ReadAll(f)
		f.Close()
		if string(got) != string(want) {
			t.Errorf("%s:\n%s\nwant:\n%s", n, got, want)
		}
	}
	if r := runInProcess("release", "--out", out, "--previous", filepath.Join(dir, "missing.zip"), changesV2); r.status != 2 {
		t.Errorf("release --previous of a missing file:\n%s", r)
	}
}
