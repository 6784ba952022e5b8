package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestExportCommand checks export end to end: what it writes, what it
// prints, and its exit status on a broken dataset and on misuse.
func TestExportCommand(t *testing.T) {
	out := t.TempDir()
	r := runBinary(t, "export", "--format", "csv,jsonld", "--out", out, "--sources", testSources, testBase)
	if r.status != 0 {
		t.Fatalf("export of a valid dataset:\n%s", r)
	}
	for _, name := range []string{"csv/events.csv", "csv/citations.csv", "curate.jsonld"} {
		if _, err := os.Stat(filepath.Join(out, name)); err != nil {
			t.Errorf("%s not written: %v", name, err)
		}
		if !strings.Contains(r.stdout, filepath.ToSlash(filepath.Join(out, name))+"\t") {
			t.Errorf("stdout does not list %s:\n%s", name, r.stdout)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "curate.xlsx")); err == nil {
		t.Errorf("curate.xlsx written though not asked for")
	}
	if !strings.Contains(r.stdout, "events.csv\t1 row\t") {
		t.Errorf("stdout does not give the row count of events.csv:\n%s", r.stdout)
	}

	// A broken dataset: the diagnostics, exit 1, and the directory as it was.
	before := listDir(t, out)
	eventsBefore, _ := os.ReadFile(filepath.Join(out, "csv/events.csv"))
	r = runBinary(t, "export", "--format", "all", "--out", out, testBase, testCase)
	if r.status != 1 || !strings.Contains(r.stdout, "schema-required.json:") || !strings.Contains(r.stderr, "nothing was written") {
		t.Errorf("export of a broken dataset:\n%s", r)
	}
	if after := listDir(t, out); !slices.Equal(before, after) {
		t.Errorf("a refused export changed the output directory:\nbefore %v\nafter  %v", before, after)
	}
	if eventsAfter, _ := os.ReadFile(filepath.Join(out, "csv/events.csv")); string(eventsAfter) != string(eventsBefore) {
		t.Errorf("a refused export changed csv/events.csv")
	}

	// Misuse and unwritable outputs: exit 2 with a message.
	file := filepath.Join(t.TempDir(), "a-file")
	os.WriteFile(file, []byte("x"), 0o644)
	for _, tc := range []struct {
		name   string
		args   []string
		stderr string
	}{
		{"no --out", []string{"export", "--format", "csv", testBase}, "--out DIR is required"},
		{"no --format", []string{"export", "--out", out, testBase}, "--format is required"},
		{"unknown format", []string{"export", "--format", "ods", "--out", out, testBase}, `unknown format "ods"`},
		{"bad base IRI", []string{"export", "--format", "jsonld", "--base-iri", "not an iri", "--out", out, testBase}, "--base-iri"},
		{"out is a file", []string{"export", "--format", "csv", "--out", file, testBase}, "nothing was written"},
		{"release without --out", []string{"release", testBase}, "--out DIR is required"},
		{"release into a file", []string{"release", "--out", file, testBase}, "nothing was written"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := runInProcess(tc.args...)
			if r.status != 2 || !strings.Contains(r.stderr, tc.stderr) {
				t.Errorf("want exit 2 and %q on stderr, got:\n%s", tc.stderr, r)
			}
		})
	}
}

// TestReleaseCommand checks that release writes one zip named after the
// version, the same bytes twice, and nothing else in the directory.
func TestReleaseCommand(t *testing.T) {
	out := t.TempDir()
	var zips [2][]byte
	for i := range zips {
		r := runBinary(t, "release", "--out", out, "--sources", testSources, testBase)
		if r.status != 0 {
			t.Fatalf("release:\n%s", r)
		}
		names := listDir(t, out)
		if len(names) != 1 || !strings.HasPrefix(names[0], "curate-") || !strings.HasSuffix(names[0], ".zip") {
			t.Fatalf("release wrote %v, want one curate-VERSION.zip", names)
		}
		if !strings.Contains(r.stdout, names[0]) {
			t.Errorf("stdout does not name %s:\n%s", names[0], r.stdout)
		}
		zips[i], _ = os.ReadFile(filepath.Join(out, names[0]))
	}
	if string(zips[0]) != string(zips[1]) {
		t.Errorf("two releases of the same dataset differ")
	}
}

func listDir(t *testing.T, dir string) []string {
	t.Helper()
	var names []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			names = append(names, filepath.ToSlash(rel))
		}
		return nil
	})
	slices.Sort(names)
	return names
}
