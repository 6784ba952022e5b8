package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNew: a curator's session. A source from a text file, an event drawn
// from it, an actor; each lands in its file in canonical form, new lists
// what to fill in, validate fails until it is filled, an existing id is
// refused.
func TestNew(t *testing.T) {
	repo := t.TempDir()
	dataset := filepath.Join(repo, "dataset")
	sources := filepath.Join(repo, "texts")
	os.MkdirAll(filepath.Join(dataset, "actors"), 0o755)
	os.MkdirAll(sources, 0o755)
	os.WriteFile(filepath.Join(dataset, "dataset.json"), []byte(`{"title": "Test", "version": "1.0.0", "schema_version": "2.0.0", "licence": "CC-BY-4.0", "description": "A test.", "citation": "Test."}`), 0o644)
	text := filepath.Join(sources, "2024-05-01-river-report.txt")
	os.WriteFile(text, []byte("The river rose by two metres, the mayor said.\n"), 0o644)

	r := runBinary(t, "new", "source", "--dataset", dataset, "--file", text, "--sources", sources)
	for _, want := range []string{
		"wrote source-2024-05-01-river-report to ", "dataset/sources/2024-05-01-river-report.json (a new file)\n",
		"the text: ", "texts/2024-05-01-river-report.txt holds this text (sha256 ",
		"to fill in from the source (curate validate reports each until it is there):\n",
		`error: missing property "published" [required] at /records/0`,
		`error: missing property "source_type" [required] at /records/0`,
		`error: missing property "title" [required] at /records/0`,
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("new source: stdout lacks %q\n%s", want, r)
		}
	}
	if r.status != 0 || r.stderr != "" {
		t.Errorf("new source: want exit 0\n%s", r)
	}

	r = runBinary(t, "new", "event", "--dataset", dataset, "--id", "event-2024-05-01-river-rises", "--source", "source-2024-05-01-river-report")
	if r.status != 0 || !strings.Contains(r.stdout, "dataset/events/2024-05-01-river-report.json (a new file)") ||
		!strings.Contains(r.stdout, `missing property "event_type" [required] at /records/0`) ||
		!strings.Contains(r.stdout, `missing property "evidence" [required] at /records/0/citations/0`) {
		t.Errorf("new event\n%s", r)
	}
	r = runBinary(t, "new", "actor", "--dataset", dataset, "--id", "actor-mayor", "--type", "person", "--source", "source-2024-05-01-river-report")
	if r.status != 0 || !strings.Contains(r.stdout, "dataset/actors/people.json (a new file)") || !strings.Contains(r.stdout, `missing property "label"`) {
		t.Errorf("new actor\n%s", r)
	}

	// What was written is in canonical form, and fails validation until it
	// is filled in.
	if r := runBinary(t, "fmt", "--check", filepath.Join(dataset, "sources"), filepath.Join(dataset, "events"), filepath.Join(dataset, "actors")); r.status != 0 {
		t.Errorf("fmt --check of what new wrote: want exit 0\n%s", r)
	}
	if r := runBinary(t, "validate", "--sources", sources, dataset); r.status != 1 || !strings.Contains(r.stdout, "[required]") {
		t.Errorf("validate of the stubs: want exit 1 with required properties missing\n%s", r)
	}

	// Refused: an id that exists; a source that does not. Misuse: exit 2.
	before, _ := os.ReadFile(filepath.Join(dataset, "events/2024-05-01-river-report.json"))
	for _, tt := range []struct {
		args   []string
		status int
		stderr string
	}{
		{[]string{"event", "--id", "event-2024-05-01-river-rises", "--source", "source-2024-05-01-river-report"}, 1, "event-2024-05-01-river-rises already exists, in "},
		{[]string{"measure", "--id", "actor-mayor", "--source", "source-2024-05-01-river-report"}, 2, `--id "actor-mayor" is not a measure id`},
		{[]string{"statement", "--id", "statement-x", "--source", "source-none"}, 1, "--source source-none: no such source"},
		{[]string{"event", "--id", "event-x"}, 2, "--source is required"},
		{[]string{"actor", "--id", "actor-x"}, 2, "--type is required"},
		{[]string{"source"}, 2, "--file is required"},
		{[]string{"planet", "--id", "planet-x"}, 2, `unknown kind "planet"`},
		{nil, 2, "give one kind"},
	} {
		args := append([]string{"new", "--dataset", dataset}, tt.args...)
		r := runInProcess(args...)
		if r.status != tt.status || !strings.Contains(r.stderr, tt.stderr) {
			t.Errorf("curate %s: want exit %d and %q\n%s", strings.Join(args, " "), tt.status, tt.stderr, r)
		}
	}
	if after, _ := os.ReadFile(filepath.Join(dataset, "events/2024-05-01-river-report.json")); string(after) != string(before) {
		t.Errorf("a refused new changed the file")
	}
}
