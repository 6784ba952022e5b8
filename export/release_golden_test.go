package export_test

// The release bundle's citation, licence, dataset and changes files:
// golden files in testdata/release (go test ./export -run
// 'TestRelease|TestCitationFile' -update rewrites them), the repository's
// CITATION.cff, the dataset/ folder read back, and the enum constraints of
// datapackage.json.

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"curate/export"
	"curate/internal/golden"
	"curate/record"
	"curate/validate"
)

// loadDir validates a dataset directory and returns its records; the test
// fails on any error.
func loadDir(t *testing.T, dir string) *record.Dataset {
	t.Helper()
	res, err := validate.Run(nil, validate.Options{Schema: loadSchema(t), Dataset: dir})
	if err != nil {
		t.Fatal(err)
	}
	if res.HasErrors() || !res.HasMetadata {
		t.Fatalf("%s is not a valid dataset:\n%v", dir, res.Diagnostics)
	}
	return res.Dataset
}

// TestReleaseChanges releases the two versions of the changes tests'
// dataset (../changes/testdata/v1 and v2), the second with the first as
// its previous release, and compares the second bundle's CHANGES.md,
// changes.csv, CITATION.cff and LICENSE with their golden files; the
// first bundle, without a previous release, has neither changes file.
func TestReleaseChanges(t *testing.T) {
	set := loadSchema(t)
	v1, v2 := loadDir(t, "../changes/testdata/v1"), loadDir(t, "../changes/testdata/v2")
	dir := t.TempDir()
	w1, err := export.Release(t.Context(), dir, v1, set, export.Options{})
	if err != nil {
		t.Fatal(err)
	}
	first := unzip(t, filepath.Join(dir, w1.Name))
	for _, n := range []string{export.ChangesFile, export.ChangesCSVFile} {
		if _, ok := first["curate-0.1.0/"+n]; ok {
			t.Errorf("a release without a previous one holds %s", n)
		}
	}
	w2, err := export.ReleaseWith(t.Context(), dir, v2, set, export.Options{}, v1)
	if err != nil {
		t.Fatal(err)
	}
	second := unzip(t, filepath.Join(dir, w2.Name))
	for _, n := range []string{export.ChangesFile, export.ChangesCSVFile, export.CitationFile, export.LicenseFile} {
		b, ok := second["curate-0.2.0/"+n]
		if !ok {
			t.Errorf("the bundle has no %s", n)
			continue
		}
		t.Run(n, func(t *testing.T) { golden.Check(t, filepath.Join("testdata", "release", "changes-"+n), b) })
	}
	// The changes are in the README, and every file in SHA256SUMS.
	if readme := string(second["curate-0.2.0/README.md"]); !strings.Contains(readme, "Since version 0.1.0: 1 record added, 1 removed, 5 changed (13 values).") {
		t.Errorf("the bundle README does not summarize the changes:\n%s", readme)
	}
	sums := string(second["curate-0.2.0/SHA256SUMS"])
	for _, n := range []string{export.ChangesFile, export.ChangesCSVFile, export.CitationFile, export.LicenseFile, "dataset/dataset.json"} {
		if !strings.Contains(sums, "  "+n+"\n") {
			t.Errorf("SHA256SUMS does not list %s", n)
		}
	}
}

// TestReleaseCitation compares the CITATION.cff and LICENSE of the tiny
// dataset's bundle, whose dataset.json sets every metadata field (a person
// with an ORCID iD and an affiliation, an entity, url, doi, keywords,
// released), with their golden files, and checks datapackage.json's
// contributors and created.
func TestReleaseCitation(t *testing.T) {
	ds, set := loadTiny(t)
	dir := t.TempDir()
	w, err := export.Release(t.Context(), dir, ds, set, export.Options{})
	if err != nil {
		t.Fatal(err)
	}
	entries := unzip(t, filepath.Join(dir, w.Name))
	top := export.ReleaseName(ds.Meta.Version) + "/"
	for _, n := range []string{export.CitationFile, export.LicenseFile} {
		b, ok := entries[top+n]
		if !ok {
			t.Errorf("the bundle has no %s", n)
			continue
		}
		t.Run(n, func(t *testing.T) { golden.Check(t, filepath.Join("testdata", "release", "tiny-"+n), b) })
	}
	var dp struct {
		Contributors []map[string]string `json:"contributors"`
		Created      string              `json:"created"`
		Licenses     []map[string]string `json:"licenses"`
	}
	if err := json.Unmarshal(entries[top+export.DataPackageFile], &dp); err != nil {
		t.Fatal(err)
	}
	want := []map[string]string{
		{"title": "curate project", "role": "author"},
		{"title": "Josiah Carberry", "role": "author", "path": "https://orcid.org/0000-0002-1825-0097", "organization": "Tiny test affiliation, “quoted”"},
	}
	if !reflect.DeepEqual(dp.Contributors, want) {
		t.Errorf("contributors %v, want %v", dp.Contributors, want)
	}
	if dp.Created != "2022-03-01T00:00:00Z" {
		t.Errorf("created %q, want the released day", dp.Created)
	}
	if len(dp.Licenses) != 1 || dp.Licenses[0]["title"] != "Creative Commons Zero v1.0 Universal" {
		t.Errorf("licenses %v", dp.Licenses)
	}
}

// TestReleaseWithoutAuthors: a dataset.json without authors (optional in
// the schema) gives a bundle without CITATION.cff, since CFF requires
// authors, and without contributors or created.
func TestReleaseWithoutAuthors(t *testing.T) {
	ds, set := loadTiny(t)
	ds.Meta.Authors, ds.Meta.Released = nil, ""
	dir := t.TempDir()
	w, err := export.Release(t.Context(), dir, ds, set, export.Options{})
	if err != nil {
		t.Fatal(err)
	}
	entries := unzip(t, filepath.Join(dir, w.Name))
	top := export.ReleaseName(ds.Meta.Version) + "/"
	if _, ok := entries[top+export.CitationFile]; ok {
		t.Error("a bundle of a dataset without authors holds CITATION.cff")
	}
	if _, ok := entries[top+export.LicenseFile]; !ok {
		t.Error("the bundle has no LICENSE")
	}
	if b := entries[top+export.DataPackageFile]; bytes.Contains(b, []byte(`"contributors"`)) || bytes.Contains(b, []byte(`"created"`)) {
		t.Error("datapackage.json has contributors or created without authors or a released day")
	}
}

// TestCitationFile: the repository's CITATION.cff is what WriteCitation
// writes from dataset/dataset.json, so that the two cannot drift. After
// editing dataset.json, regenerate it:
//
//	go test ./export -run TestCitationFile -update
func TestCitationFile(t *testing.T) {
	res, err := validate.Run([]string{"../dataset/dataset.json"}, validate.Options{Schema: loadSchema(t)})
	if err != nil {
		t.Fatal(err)
	}
	if res.HasErrors() || !res.HasMetadata {
		t.Fatalf("dataset/dataset.json:\n%v", res.Diagnostics)
	}
	var b bytes.Buffer
	if err := export.WriteCitation(&b, res.Dataset.Meta); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "../CITATION.cff", b.Bytes())
}

// TestBundleDataset: the bundle's dataset/ folder holds the repository's
// dataset files byte for byte (they are in canonical form and laid out as
// curate new places records), and the tiny dataset's bundle reads back to
// the same records and metadata.
func TestBundleDataset(t *testing.T) {
	set := loadSchema(t)
	ds := loadDir(t, "../dataset")
	dir := t.TempDir()
	w, err := export.Release(t.Context(), dir, ds, set, export.Options{})
	if err != nil {
		t.Fatal(err)
	}
	entries := unzip(t, filepath.Join(dir, w.Name))
	top := export.ReleaseName(ds.Meta.Version) + "/" + export.DatasetDir + "/"
	var inBundle, inRepo []string
	for name, b := range entries {
		rel, ok := strings.CutPrefix(name, top)
		if !ok {
			continue
		}
		inBundle = append(inBundle, rel)
		want, err := os.ReadFile(filepath.Join("..", "dataset", filepath.FromSlash(rel)))
		if err != nil {
			t.Errorf("the bundle's %s is not a file of dataset/: %v", rel, err)
			continue
		}
		if !bytes.Equal(b, want) {
			t.Errorf("the bundle's %s differs from dataset/%s", rel, rel)
		}
	}
	filepath.WalkDir("../dataset", func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".json") {
			rel, _ := filepath.Rel("../dataset", p)
			inRepo = append(inRepo, filepath.ToSlash(rel))
		}
		return err
	})
	slices.Sort(inBundle)
	slices.Sort(inRepo)
	if !slices.Equal(inBundle, inRepo) {
		t.Errorf("bundle dataset/ files %q, repository %q", inBundle, inRepo)
	}

	// The tiny dataset: written out and read back through validation.
	tiny, _ := loadTiny(t)
	outs, err := export.DatasetFiles(tiny, set)
	if err != nil {
		t.Fatal(err)
	}
	back := t.TempDir()
	for _, o := range outs {
		p := filepath.Join(back, filepath.FromSlash(strings.TrimPrefix(o.Name, export.DatasetDir+"/")))
		os.MkdirAll(filepath.Dir(p), 0o755)
		var b bytes.Buffer
		if err := o.Write(&b); err != nil {
			t.Fatal(err)
		}
		os.WriteFile(p, b.Bytes(), 0o644)
	}
	// The "$schema" paths lead to the bundle's schema/, beside dataset/:
	// validate reads the records with the embedded schema.
	got := loadDir(t, back)
	if !reflect.DeepEqual(got.Meta, tiny.Meta) {
		t.Errorf("metadata read back: %+v, want %+v", got.Meta, tiny.Meta)
	}
	if d := diffDatasets(normalized(tiny), normalized(got)); d != "" {
		t.Errorf("records read back differ: %s", d)
	}
}

// TestEnums: datapackage.json gives the values the schema allows, as enum
// constraints, on exactly the columns that hold an enumerated property, in
// the CSV and the Parquet resources alike.
func TestEnums(t *testing.T) {
	ds, set := loadTiny(t)
	dir := t.TempDir()
	w, err := export.Release(t.Context(), dir, ds, set, export.Options{})
	if err != nil {
		t.Fatal(err)
	}
	entries := unzip(t, filepath.Join(dir, w.Name))
	var dp struct {
		Resources []struct {
			Name   string
			Format string
			Schema *struct {
				Fields []struct {
					Name        string
					Constraints struct{ Enum []string }
				}
			}
		}
	}
	if err := json.Unmarshal(entries[export.ReleaseName(ds.Meta.Version)+"/"+export.DataPackageFile], &dp); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"actors.actor_type":              "person",
		"actors.country":                 "UA",
		"actor_identifiers.scheme":       "wikidata",
		"sources.source_type":            "news-article",
		"sources.published_basis":        "stated",
		"events.event_type":              "speech",
		"events.date_basis":              "bounded",
		"events.country":                 "UA",
		"event_actors.role":              "organiser",
		"event_figures.qualifier":        "at-least",
		"measures.measure_type":          "sanctions",
		"measures.status":                "lifted",
		"measures.announced_basis":       "inferred",
		"measures.effective_basis":       "inferred",
		"measures.ended_basis":           "inferred",
		"measure_instruments.instrument": "arms-embargo",
		"measure_figures.qualifier":      "up-to",
		"statements.mode":                "verbatim",
		"statements.date_basis":          "stated",
	}
	for _, format := range []string{"csv", "parquet"} {
		got := map[string][]string{}
		for _, r := range dp.Resources {
			if r.Format != format || r.Schema == nil {
				continue
			}
			for _, f := range r.Schema.Fields {
				if f.Constraints.Enum != nil {
					got[strings.TrimSuffix(r.Name, "-parquet")+"."+f.Name] = f.Constraints.Enum
				}
			}
		}
		for col, value := range want {
			if !slices.Contains(got[col], value) {
				t.Errorf("%s: %s: enum %q lacks %q", format, col, got[col], value)
			}
		}
		for col := range got {
			if _, ok := want[col]; !ok {
				t.Errorf("%s: %s has an enum constraint, not expected", format, col)
			}
		}
	}
}

func TestWriteLicense(t *testing.T) {
	var b bytes.Buffer
	m := record.Metadata{Title: "T", Version: "1.0.0", Licence: "ODbL-1.0", Citation: "C."}
	if err := export.WriteLicense(&b, m); err != nil {
		t.Fatal(err)
	}
	want := "T, version 1.0.0\n\nThe dataset in this bundle is licensed under the licence with SPDX identifier ODbL-1.0.\n\n" +
		"SPDX-License-Identifier: ODbL-1.0\nSPDX record: https://spdx.org/licenses/ODbL-1.0.html\n\nCite as: C.\n"
	if b.String() != want {
		t.Errorf("LICENSE for a licence curate has no address for:\n%s\nwant:\n%s", b.String(), want)
	}
	if err := export.WriteCitation(&b, m); err == nil {
		t.Error("WriteCitation without authors: no error")
	}
}
