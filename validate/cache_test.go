package validate_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"curate/diag"
	"curate/internal/synth"
	"curate/validate"
)

// report renders a result in every format, for comparing runs.
func allFormats(t *testing.T, res *validate.Result) string {
	var b bytes.Buffer
	for _, name := range diag.Formats {
		if err := diag.ForFormat(name, validate.Rules).Write(&b, res.Diagnostics, res.Summary); err != nil {
			t.Fatal(err)
		}
	}
	return b.String()
}

// TestCacheDifferential: on a dataset with every class of fault, a run that
// fills the cache, a run that reads it, a run after one file changed and a
// run with corrupt entries all report byte for byte what a run without the
// cache reports.
func TestCacheDifferential(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "d")
	m, err := synth.Generate(dir, synth.Options{N: 3000, Seed: 7, PerFile: 500, Faults: 2})
	if err != nil {
		t.Fatal(err)
	}
	cacheDir := t.TempDir()
	run := func(cache string) string {
		t.Helper()
		res, err := validate.Run(nil, validate.Options{SourcesDir: m.Sources, Dataset: dir, CheckOnly: true, Cache: cache, MaxErrors: -1})
		if err != nil {
			t.Fatal(err)
		}
		return allFormats(t, res)
	}
	want := run("")
	if !strings.Contains(want, "error") {
		t.Fatal("the faulty dataset reports no error")
	}
	for i, name := range []string{"cold", "warm"} {
		if got := run(cacheDir); got != want {
			t.Errorf("%s cache (run %d): the report differs from a run without the cache", name, i)
		}
	}
	entries := 0
	filepath.WalkDir(cacheDir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			entries++
		}
		return nil
	})
	if entries == 0 {
		t.Fatal("the cache holds no entry")
	}
	// One file changes: a new problem in it, and the rest from the cache.
	var changed string
	filepath.WalkDir(filepath.Join(dir, "events"), func(p string, d os.DirEntry, err error) error {
		if changed == "" && err == nil && strings.HasSuffix(p, ".json") {
			changed = p
		}
		return nil
	})
	b, _ := os.ReadFile(changed)
	os.WriteFile(changed, bytes.Replace(b, []byte(`"event_type": "`), []byte(`"event_type": "x`), 1), 0o644)
	want = run("")
	if got := run(cacheDir); got != want {
		t.Errorf("after a change: the report differs from a run without the cache")
	}
	// Corrupt, truncated and foreign entries are ignored and rebuilt.
	i := 0
	filepath.WalkDir(cacheDir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		b, _ := os.ReadFile(p)
		switch i % 3 {
		case 0:
			b[len(b)/2] ^= 0xff
		case 1:
			b = b[:len(b)/2]
		case 2:
			b = []byte("not a cache entry")
		}
		os.WriteFile(p, b, 0o644)
		i++
		return nil
	})
	if got := run(cacheDir); got != want {
		t.Errorf("with corrupt entries: the report differs from a run without the cache")
	}
	if got := run(cacheDir); got != want {
		t.Errorf("after rebuilding: the report differs from a run without the cache")
	}
}

// TestCacheCases: every broken-file case reports the same with a cold and a
// warm cache as without one.
func TestCacheCases(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(casesDir, "*.json"))
	cacheDir := t.TempDir()
	for _, file := range files {
		run := func(cache string) string {
			res, err := validate.Run([]string{baseDir, file}, validate.Options{SourcesDir: sourcesDir, CheckOnly: true, Cache: cache})
			if err != nil {
				t.Fatal(err)
			}
			return allFormats(t, res)
		}
		want := run("")
		for _, pass := range []string{"cold", "warm"} {
			if got := run(cacheDir); got != want {
				t.Errorf("%s, %s cache: the report differs from a run without the cache:\n%s\n---\n%s", file, pass, got, want)
			}
		}
	}
}
