package synth_test

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"curate/internal/synth"
	"curate/validate"
)

// generate writes a dataset of n records into a temporary directory and
// returns the dataset and sources directories.
func generate(t *testing.T, n int, seed uint64, faults int) (dir, src string, m *synth.Manifest) {
	t.Helper()
	base := t.TempDir()
	dir, src = filepath.Join(base, "d"), filepath.Join(base, "d-sources")
	m, err := synth.Generate(dir, synth.Options{N: n, Seed: seed, Faults: faults})
	if err != nil {
		t.Fatal(err)
	}
	return dir, src, m
}

// files reads every file under dir, by slash path relative to it.
func files(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestDeterministic generates twice into different directories and
// compares every byte: the dataset, the texts and the manifest (whose
// sources directory is the one given, so it is set aside).
func TestDeterministic(t *testing.T) {
	for _, faults := range []int{0, 1} {
		d1, s1, _ := generate(t, 2000, 7, faults)
		d2, s2, _ := generate(t, 2000, 7, faults)
		for _, pair := range [][2]string{{d1, d2}, {s1, s2}} {
			a, b := files(t, pair[0]), files(t, pair[1])
			if len(a) != len(b) || len(a) < 10 {
				t.Fatalf("faults=%d: %d files, then %d", faults, len(a), len(b))
			}
			for name, x := range a {
				y := b[name]
				if name == synth.ManifestFile {
					x = bytes.Replace(x, []byte(s1), nil, 1)
					y = bytes.Replace(y, []byte(s2), nil, 1)
				}
				if !bytes.Equal(x, y) {
					t.Errorf("faults=%d: %s differs between two runs", faults, name)
				}
			}
		}
	}
	// Another seed gives another dataset.
	d3, _, _ := generate(t, 2000, 8, 0)
	d1, _, _ := generate(t, 2000, 7, 0)
	if bytes.Equal(files(t, d1)["actors/people.json"], files(t, d3)["actors/people.json"]) {
		t.Error("seeds 7 and 8 wrote the same people.json")
	}
}

// TestValid validates N=2,000 records with their texts: no diagnostic at
// all, every record read, every kind present.
func TestValid(t *testing.T) {
	dir, src, m := generate(t, 2000, 1, 0)
	res, err := validate.Run(nil, validate.Options{SourcesDir: src, Dataset: dir, MaxErrors: -1})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range res.Diagnostics {
		t.Error(d.String())
	}
	if res.Summary.Records != 2000 || m.N != 2000 {
		t.Errorf("validate read %d records, the manifest says %d; want 2000", res.Summary.Records, m.N)
	}
	ds := res.Dataset
	if len(ds.Actors) == 0 || len(ds.Sources) == 0 || len(ds.Events) == 0 || len(ds.Measures) == 0 || len(ds.Statements) == 0 {
		t.Errorf("a kind is missing: %d actors, %d sources, %d events, %d measures, %d statements",
			len(ds.Actors), len(ds.Sources), len(ds.Events), len(ds.Measures), len(ds.Statements))
	}
	if ds.Meta.SchemaVersion != "2.0.0" {
		t.Errorf("schema_version %q", ds.Meta.SchemaVersion)
	}
}

// TestCoverage checks that the data uses what the schema offers: every
// actor type, date basis and EDTF form, every measure status with ended
// only where lifted or expired, figure ranges, aliases, identifiers,
// audiences, non-ASCII names.
func TestCoverage(t *testing.T) {
	dir, src, _ := generate(t, 2000, 1, 0)
	res, err := validate.Run(nil, validate.Options{SourcesDir: src, Dataset: dir})
	if err != nil {
		t.Fatal(err)
	}
	ds := res.Dataset
	seen := map[string]bool{}
	form := func(edtf string) string {
		switch {
		case strings.HasPrefix(edtf, "[.."):
			return "set-before"
		case strings.HasPrefix(edtf, "[") && strings.Contains(edtf, ".."):
			return "set-range"
		case strings.HasPrefix(edtf, "["):
			return "set-list"
		case strings.HasPrefix(edtf, "../"):
			return "interval-open-start"
		case strings.HasSuffix(edtf, "/.."):
			return "interval-open-end"
		case strings.HasSuffix(edtf, "/"):
			return "interval-unknown-end"
		case strings.Contains(edtf, "/"):
			return "interval"
		case strings.ContainsAny(edtf, "?~%"):
			return "qualified"
		case strings.Contains(edtf, "X"):
			return "unspecified"
		case len(edtf) == 7 && edtf[5] == '2':
			return "season"
		}
		return map[int]string{4: "year", 7: "month", 10: "day"}[len(edtf)]
	}
	for _, a := range ds.Actors {
		seen["actor:"+a.ActorType] = true
		seen["alias"] = seen["alias"] || len(a.Aliases) > 0
		seen["identifier"] = seen["identifier"] || len(a.Identifiers) > 0
		if a.ActorType == "state" && a.Country == "" {
			t.Errorf("state %s has no country", a.ID)
		}
		for _, r := range a.Label {
			switch {
			case r >= 0x400 && r <= 0x4ff:
				seen["cyrillic"] = true
			case r >= 0x4e00 && r <= 0x9fff:
				seen["cjk"] = true
			case r >= 0xc0 && r <= 0x17f:
				seen["accented"] = true
			}
		}
	}
	for _, e := range ds.Events {
		if e.Date != nil {
			seen["basis:"+e.Date.Basis], seen["form:"+form(e.Date.EDTF)] = true, true
		}
		for _, f := range e.Figures {
			seen["figure-range"] = seen["figure-range"] || f.Low != ""
		}
	}
	for _, m := range ds.Measures {
		seen["status:"+m.Status] = true
		ended := m.Status == "lifted" || m.Status == "expired"
		if (m.Ended != nil) != ended {
			t.Errorf("measure %s: status %q, ended %v", m.ID, m.Status, m.Ended)
		}
		seen["announced_at"] = seen["announced_at"] || m.AnnouncedAt != ""
		seen["legal_basis"] = seen["legal_basis"] || m.LegalBasis != ""
		seen["instruments"] = seen["instruments"] || len(m.Instruments) > 0
		seen["measure-figures"] = seen["measure-figures"] || len(m.Figures) > 0
		seen["effective"] = seen["effective"] || m.Effective != nil
	}
	for _, s := range ds.Statements {
		seen["audience"] = seen["audience"] || len(s.Audience) > 0
		seen["mode:"+s.Mode] = true
	}
	want := []string{"actor:state", "actor:person", "actor:body", "actor:organisation", "actor:media", "actor:group", "actor:company",
		"alias", "identifier", "cyrillic", "cjk", "accented", "basis:stated", "basis:inferred", "basis:bounded",
		"form:day", "form:month", "form:year", "form:qualified", "form:unspecified", "form:season", "form:set-before",
		"form:set-range", "form:set-list", "form:interval", "form:interval-open-start", "form:interval-open-end",
		"form:interval-unknown-end", "figure-range", "status:threatened", "status:announced", "status:imposed",
		"status:suspended", "status:lifted", "status:expired", "announced_at", "legal_basis", "instruments",
		"measure-figures", "effective", "audience", "mode:verbatim", "mode:paraphrase"}
	for _, w := range want {
		if !seen[w] {
			t.Errorf("no %s in 2,000 records", w)
		}
	}
}

// TestFaults injects two faults of each class and checks that validate
// reports each at its file and pointer with its rule, and nothing else;
// without the sources, the faults that need them are not reported.
func TestFaults(t *testing.T) {
	const k = 2
	dir, src, m := generate(t, 2000, 3, k)
	count := map[string]int{}
	for _, f := range m.Faults {
		count[f.Class]++
	}
	for _, c := range synth.Classes {
		if count[c] != k {
			t.Errorf("%d faults of class %s, want %d", count[c], c, k)
		}
	}
	for _, withSources := range []bool{true, false} {
		opts := validate.Options{Dataset: dir, MaxErrors: -1}
		if withSources {
			opts.SourcesDir = src
		}
		res, err := validate.Run(nil, opts)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]string{} // file and pointer: rule
		for _, d := range res.Diagnostics {
			abs, _ := filepath.Abs(d.File)
			rel, _ := filepath.Rel(dir, abs)
			got[filepath.ToSlash(rel)+" "+d.Pointer] = d.Rule
		}
		want := 0
		for _, f := range m.Faults {
			key := f.File + " " + f.Pointer
			rule, ok := got[key]
			switch {
			case f.NeedsSources && !withSources:
				if ok {
					t.Errorf("without sources: %s reported at %s (%s)", f.Class, key, rule)
				}
				continue
			case !ok:
				t.Errorf("sources %v: %s fault at %s not reported", withSources, f.Class, key)
			case rule != f.Rule:
				t.Errorf("sources %v: %s fault at %s reported as %s, want %s", withSources, f.Class, key, rule, f.Rule)
			}
			want++
			delete(got, key)
		}
		for key, rule := range got {
			t.Errorf("sources %v: a diagnostic no fault explains: %s [%s]", withSources, key, rule)
		}
		if len(res.Diagnostics) != want {
			t.Errorf("sources %v: %d diagnostics, %d faults", withSources, len(res.Diagnostics), want)
		}
	}
	// The manifest is valid JSON in the dataset directory, which curate
	// does not read (a dot file).
	var back synth.Manifest
	data, err := os.ReadFile(filepath.Join(dir, synth.ManifestFile))
	if err != nil || json.Unmarshal(data, &back) != nil || len(back.Faults) != len(m.Faults) {
		t.Errorf("manifest: %v, %d faults", err, len(back.Faults))
	}
}

func TestTooSmall(t *testing.T) {
	if _, err := synth.Generate(t.TempDir(), synth.Options{N: 10}); err == nil {
		t.Error("N=10: no error")
	}
	if _, err := synth.Generate(t.TempDir()+"/d", synth.Options{N: 300, Faults: 50}); err == nil {
		t.Error("N=300 with 50 faults of each class: no error")
	}
}
