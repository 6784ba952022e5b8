package scaffold

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"curate/canonical"
	"curate/schema"
	"curate/validate"
)

func loadSchema(t *testing.T) *schema.Set {
	t.Helper()
	set, err := schema.LoadDir("")
	if err != nil {
		t.Fatal(err)
	}
	return set
}

// newDataset copies validate's valid test dataset into dataset/ of a
// temporary repository, its records split into the files where curate new
// puts them, and returns the dataset directory.
func newDataset(t *testing.T) string {
	t.Helper()
	repo := t.TempDir()
	dir := filepath.Join(repo, "dataset")
	files := map[string]string{}
	for _, name := range []string{"dataset.json", "actors.json", "records.json"} {
		b, err := os.ReadFile(filepath.Join("../validate/testdata/base", name))
		if err != nil {
			t.Fatal(err)
		}
		files[name] = string(b)
	}
	// The base dataset keeps its actors and other records in two files;
	// curate new writes to sources/, events/, ... and actors/TYPE.json.
	files["actors/people.json"] = `{"records": []}`
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func open(t *testing.T, dir string) *Dataset {
	t.Helper()
	d, err := Open(dir, loadSchema(t), 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	return d
}

// recordOf returns the record with the id in the records file at p, and
// checks the file is in canonical form.
func recordOf(t *testing.T, p, id string) map[string]any {
	t.Helper()
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	f, err := canonical.New(loadSchema(t))
	if err != nil {
		t.Fatal(err)
	}
	abs, _ := filepath.Abs(p)
	if res, errs := f.Format(p, data, canonical.SchemaRef(abs, "")); errs != nil || res.Changed() {
		t.Errorf("%s is not in canonical form", p)
	}
	var doc struct{ Records []map[string]any }
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	var ids []string
	var found map[string]any
	for _, r := range doc.Records {
		rid, _ := r["id"].(string)
		ids = append(ids, rid)
		if rid == id {
			found = r
		}
	}
	if !slices.IsSorted(ids) {
		t.Errorf("%s: records not sorted by id: %v", p, ids)
	}
	if found == nil {
		t.Fatalf("%s has no record %s", p, id)
	}
	return found
}

// toFill validates the dataset and returns what it reports about the stub,
// as "rule message" lines; it fails the test if any is not about a
// property to add.
func toFill(t *testing.T, dir string, stub *Stub) []string {
	t.Helper()
	res, err := validate.Run([]string{dir}, validate.Options{MaxErrors: -1})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range res.Diagnostics {
		if d.File == stub.File && (d.Pointer == stub.Pointer || strings.HasPrefix(d.Pointer, stub.Pointer+"/")) {
			got = append(got, d.Rule+" "+d.Message+" at "+d.Pointer)
			if d.Rule != "required" {
				t.Errorf("validate reports about the stub something other than a missing property: %v", d)
			}
		}
	}
	slices.Sort(got)
	return got
}

// TestNewSource: the source record holds the text's hash and file name and
// nothing the curator must supply; validate fails on it until source_type,
// title and published are added.
func TestNewSource(t *testing.T) {
	dir := newDataset(t)
	text := filepath.Join(t.TempDir(), "2024-05-01-river-report.txt")
	os.WriteFile(text, []byte("The river rose by two metres.\n"), 0o644)
	stub, err := open(t, dir).NewSource(text, "")
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256([]byte("The river rose by two metres.\n"))
	want := map[string]any{"kind": "source", "id": "source-2024-05-01-river-report", "file": "2024-05-01-river-report.txt", "sha256": hex.EncodeToString(sum[:])}
	p := filepath.Join(dir, "sources/2024-05-01-river-report.json")
	got := recordOf(t, p, "source-2024-05-01-river-report")
	if !equalJSON(got, want) {
		t.Errorf("record %v, want %v", got, want)
	}
	if !stub.Created || stub.Pointer != "/records/0" || stub.TextFile != "2024-05-01-river-report.txt" || stub.SHA256 != want["sha256"] {
		t.Errorf("stub %+v", stub)
	}
	if !strings.HasSuffix(stub.File, "dataset/sources/2024-05-01-river-report.json") {
		t.Errorf("stub file %s", stub.File)
	}
	wantFill := []string{
		`required missing property "published" at /records/0`,
		`required missing property "source_type" at /records/0`,
		`required missing property "title" at /records/0`,
	}
	if got := toFill(t, dir, stub); !slices.Equal(got, wantFill) {
		t.Errorf("validate reports %q, want %q", got, wantFill)
	}

	// Another id, the same text: refused, as is the same file name.
	d := open(t, dir)
	if _, err := d.NewSource(text, "source-other"); !isRefusal(err) || !strings.Contains(err.Error(), "same SHA-256") {
		t.Errorf("the same text again: %v, want refused", err)
	}
	other := filepath.Join(t.TempDir(), "2024-05-01-river-report.txt")
	os.WriteFile(other, []byte("another text"), 0o644)
	if _, err := d.NewSource(other, "source-other"); !isRefusal(err) || !strings.Contains(err.Error(), "already has the text file") {
		t.Errorf("the same file name again: %v, want refused", err)
	}
	// An id that exists, a file name that makes no id, a missing file.
	third := filepath.Join(t.TempDir(), "Third_Text.txt")
	os.WriteFile(third, []byte("third"), 0o644)
	if _, err := d.NewSource(third, "source-sample"); !isRefusal(err) {
		t.Errorf("an existing id: %v, want refused", err)
	}
	stub, err = d.NewSource(third, "")
	if err != nil || stub.ID != "source-third-text" {
		t.Errorf("id from Third_Text.txt: %v, %v", stub, err)
	}
	for _, name := range []string{"no-extension", "with space.txt", "missing.txt"} {
		p := filepath.Join(t.TempDir(), name)
		if name != "missing.txt" {
			os.WriteFile(p, []byte("x"), 0o644)
		}
		var u *UsageError
		if _, err := d.NewSource(p, ""); !errors.As(err, &u) {
			t.Errorf("%s: %v, want a usage error", name, err)
		}
	}
}

func isRefusal(err error) bool {
	var r *Refusal
	return errors.As(err, &r)
}

func equalJSON(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
}

// TestNewRecord: each kind's skeleton lands in its file, appended and
// sorted, in canonical form, holding only the kind, the id, the cited
// source and the actor type chosen; validate lists the rest.
func TestNewRecord(t *testing.T) {
	dir := newDataset(t)
	// The base dataset's source has file sample.txt: its records go to
	// KIND/sample.json. The second event sorts before the first.
	tests := []struct {
		kind, id, source, typ string
		file                  string
		want                  map[string]any
		fill                  []string
	}{
		{"event", "event-zz-later", "source-sample", "", "events/sample.json",
			map[string]any{"kind": "event", "id": "event-zz-later", "citations": []any{map[string]any{"source": "source-sample"}}},
			[]string{`required missing property "event_type" at /records/0`, `required missing property "evidence" at /records/0/citations/0`, `required missing property "title" at /records/0`}},
		{"event", "event-aa-first", "source-sample", "", "events/sample.json",
			map[string]any{"kind": "event", "id": "event-aa-first", "citations": []any{map[string]any{"source": "source-sample"}}},
			[]string{`required missing property "event_type" at /records/0`, `required missing property "evidence" at /records/0/citations/0`, `required missing property "title" at /records/0`}},
		{"measure", "measure-new", "source-sample", "", "measures/sample.json",
			map[string]any{"kind": "measure", "id": "measure-new", "citations": []any{map[string]any{"source": "source-sample"}}},
			[]string{`required missing property "evidence" at /records/0/citations/0`, `required missing property "imposed_by" at /records/0`, `required missing property "title" at /records/0`}},
		{"statement", "statement-new", "source-sample", "", "statements/sample.json",
			map[string]any{"kind": "statement", "id": "statement-new", "citations": []any{map[string]any{"source": "source-sample"}}},
			[]string{`required missing property "evidence" at /records/0/citations/0`, `required missing property "mode" at /records/0`,
				`required missing property "speaker" at /records/0`, `required missing property "text" at /records/0`}},
		{"actor", "actor-new-person", "", "people", "actors/people.json",
			map[string]any{"kind": "actor", "id": "actor-new-person", "actor_type": "person"},
			[]string{`required missing property "citations" at /records/0`, `required missing property "label" at /records/0`}},
		{"actor", "actor-new-body", "source-sample", "body", "actors/organisations.json",
			map[string]any{"kind": "actor", "id": "actor-new-body", "actor_type": "body", "citations": []any{map[string]any{"source": "source-sample"}}},
			[]string{`required missing property "evidence" at /records/0/citations/0`, `required missing property "label" at /records/0`}},
		{"actor", "actor-new-org", "", "organisations", "actors/organisations.json",
			map[string]any{"kind": "actor", "id": "actor-new-org"},
			[]string{`required missing property "actor_type" at /records/1`, `required missing property "citations" at /records/1`, `required missing property "label" at /records/1`}},
		{"actor", "actor-new-state", "", "states", "actors/states.json",
			map[string]any{"kind": "actor", "id": "actor-new-state", "actor_type": "state"},
			[]string{`required missing property "citations" at /records/0`, `required missing property "country" at /records/0`, `required missing property "label" at /records/0`}},
		{"actor", "actor-new-company", "", "company", "actors/companies.json",
			map[string]any{"kind": "actor", "id": "actor-new-company", "actor_type": "company"},
			[]string{`required missing property "citations" at /records/0`, `required missing property "label" at /records/0`}},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			stub, err := open(t, dir).NewRecord(tt.kind, tt.id, tt.source, tt.typ)
			if err != nil {
				t.Fatal(err)
			}
			got := recordOf(t, filepath.Join(dir, tt.file), tt.id)
			if !equalJSON(got, tt.want) {
				t.Errorf("record %v, want %v", got, tt.want)
			}
			if fill := toFill(t, dir, stub); !slices.Equal(fill, tt.fill) {
				t.Errorf("validate reports %q, want %q", fill, tt.fill)
			}
		})
	}
}

// TestNewRecordRefuses: nothing is written for an id that exists anywhere,
// a source that does not exist, missing or wrong flags, or a dataset with a
// file that does not parse.
func TestNewRecordRefuses(t *testing.T) {
	dir := newDataset(t)
	d := open(t, dir)
	before := snapshot(t, dir)
	for _, tt := range []struct {
		kind, id, source, typ string
		refusal               bool
		msg                   string
	}{
		{"event", "event-northvale-council-meeting", "source-sample", "", true, "already exists, in "},
		{"actor", "actor-northvale", "", "people", true, "already exists"},
		{"event", "event-new", "source-nope", "", true, "no such source"},
		{"event", "event-new", "actor-northvale", "", true, "not a source record"},
		{"event", "event-new", "", "", false, "--source is required"},
		{"actor", "actor-new", "", "", false, "--type is required"},
		{"actor", "actor-new", "", "planets", false, "unknown --type"},
		{"event", "event-new", "source-sample", "people", false, "--type is for actors only"},
		{"event", "measure-new", "source-sample", "", false, "is not a event id"},
		{"event", "event-Upper", "source-sample", "", false, "is not a event id"},
		{"event", "", "source-sample", "", false, "--id is required"},
		{"source", "source-x", "", "", false, "unknown kind"},
	} {
		_, err := d.NewRecord(tt.kind, tt.id, tt.source, tt.typ)
		if err == nil || isRefusal(err) != tt.refusal || !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("new %s --id %s --source %s --type %s: %v, want %q (refusal %v)", tt.kind, tt.id, tt.source, tt.typ, err, tt.msg, tt.refusal)
		}
	}
	if after := snapshot(t, dir); !equalJSON(before, after) {
		t.Errorf("the dataset changed")
	}
	// A file that does not parse: Open refuses, located.
	os.WriteFile(filepath.Join(dir, "broken.json"), []byte("{\"records\": [\n  {\"id\": \"event-a\",}\n]}"), 0o644)
	_, err := Open(dir, loadSchema(t), 0)
	var p *ParseError
	if !errors.As(err, &p) || len(p.Diagnostics) == 0 || p.Diagnostics[0].Pos.Line != 2 {
		t.Errorf("Open with a broken file: %v, want a located ParseError", err)
	}
}

// snapshot maps every file under dir to its text.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	filepath.WalkDir(dir, func(p string, e os.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			b, _ := os.ReadFile(p)
			m[p] = string(b)
		}
		return nil
	})
	return m
}
