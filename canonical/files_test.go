package canonical

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"curate/schema"
)

// writeTree writes files (slash paths relative to dir) and returns dir.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func read(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// leftovers lists the temporary files left anywhere under dir.
func leftovers(t *testing.T, dir string) []string {
	t.Helper()
	var found []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.HasPrefix(d.Name(), TempPrefix) {
			found = append(found, p)
		}
		return nil
	})
	return found
}

const (
	unformatted = `{"records": [{"id": "event-b", "kind": "event"}, {"kind": "event", "id": "event-a"}]}`
	formatted   = "{\n  \"$schema\": \"../../schema/records.schema.json\",\n  \"records\": [\n    {\n      \"kind\": \"event\",\n      \"id\": \"event-a\"\n    },\n    {\n      \"kind\": \"event\",\n      \"id\": \"event-b\"\n    }\n  ]\n}\n"
)

// repo lays out a repository: schema/ beside dataset/, which holds a
// dataset.json.
func repo(t *testing.T, files map[string]string) string {
	t.Helper()
	all := map[string]string{
		"schema/records.schema.json": "{}",
		"schema/dataset.schema.json": "{}",
		"dataset/dataset.json":       `{"title": "t", "$schema": "../schema/dataset.schema.json"}`,
	}
	for k, v := range files {
		all[k] = v
	}
	return writeTree(t, all)
}

// TestRunWrites: curate fmt rewrites the files not in canonical form, in
// place, keeping their permissions, leaving no temporary file, and leaves
// those already canonical alone.
func TestRunWrites(t *testing.T) {
	dir := repo(t, map[string]string{"dataset/events/e.json": unformatted, "dataset/events/ok.json": formatted})
	os.Chmod(filepath.Join(dir, "dataset/events/e.json"), 0o640)
	okInfo, _ := os.Stat(filepath.Join(dir, "dataset/events/ok.json"))
	rep := formatter(t).Run(context.Background(), []string{filepath.Join(dir, "dataset")}, Options{})
	if len(rep.Diagnostics) != 0 || len(rep.WriteErrors) != 0 {
		t.Fatalf("diagnostics %v, write errors %v", rep.Diagnostics, rep.WriteErrors)
	}
	if len(rep.Formatted) != 2 || !strings.HasSuffix(rep.Formatted[1], "dataset/events/e.json") || !strings.HasSuffix(rep.Formatted[0], "dataset/dataset.json") {
		t.Errorf("formatted %v, want dataset.json and events/e.json", rep.Formatted)
	}
	if got := read(t, filepath.Join(dir, "dataset/events/e.json")); got != formatted {
		t.Errorf("got\n%s\nwant\n%s", got, formatted)
	}
	if got := read(t, filepath.Join(dir, "dataset/dataset.json")); got != "{\n  \"$schema\": \"../schema/dataset.schema.json\",\n  \"title\": \"t\"\n}\n" {
		t.Errorf("dataset.json:\n%s", got)
	}
	if info, _ := os.Stat(filepath.Join(dir, "dataset/events/e.json")); info.Mode().Perm() != 0o640 {
		t.Errorf("mode %v, want 0640 kept", info.Mode().Perm())
	}
	if info, _ := os.Stat(filepath.Join(dir, "dataset/events/ok.json")); !info.ModTime().Equal(okInfo.ModTime()) {
		t.Errorf("a file in canonical form was rewritten")
	}
	if l := leftovers(t, dir); len(l) > 0 {
		t.Errorf("temporary files left: %v", l)
	}
	if rep.Summary.Files != 3 || rep.Summary.Records != 4 {
		t.Errorf("summary %+v, want 3 files, 4 records", rep.Summary)
	}
}

// TestRunCheck: --check writes nothing and reports each file not in
// canonical form.
func TestRunCheck(t *testing.T) {
	dir := repo(t, map[string]string{"dataset/events/e.json": unformatted, "dataset/events/ok.json": formatted})
	before := read(t, filepath.Join(dir, "dataset/events/e.json"))
	rep := formatter(t).Run(context.Background(), []string{filepath.Join(dir, "dataset")}, Options{Check: true})
	if len(rep.Formatted) != 0 || read(t, filepath.Join(dir, "dataset/events/e.json")) != before {
		t.Errorf("--check wrote files: %v", rep.Formatted)
	}
	var files []string
	for _, d := range rep.Diagnostics {
		files = append(files, filepath.Base(d.File)+" "+d.Rule+" "+d.Pos.String())
	}
	if want := []string{"dataset.json fmt 1:2", "e.json fmt 1:2"}; !slices.Equal(files, want) {
		t.Errorf("diagnostics %v, want %v", files, want)
	}
}

// TestRunRefuses: a file that does not parse is reported, located, and left
// untouched; the other files are formatted.
func TestRunRefuses(t *testing.T) {
	bad := "{\"records\": [\n  {\"id\": \"event-a\", \"id\": \"event-b\"}\n]}"
	dir := repo(t, map[string]string{"dataset/events/bad.json": bad, "dataset/events/e.json": unformatted})
	rep := formatter(t).Run(context.Background(), []string{filepath.Join(dir, "dataset")}, Options{})
	if got := read(t, filepath.Join(dir, "dataset/events/bad.json")); got != bad {
		t.Errorf("a file that does not parse was rewritten:\n%s", got)
	}
	if got := read(t, filepath.Join(dir, "dataset/events/e.json")); got != formatted {
		t.Errorf("the other file was not formatted:\n%s", got)
	}
	if len(rep.Diagnostics) != 1 {
		t.Fatalf("diagnostics %v, want 1", rep.Diagnostics)
	}
	d := rep.Diagnostics[0]
	if d.Rule != "duplicate-key" || d.Pos.Line != 2 || d.Pos.Column != 21 || len(d.Related) != 1 || !strings.HasSuffix(d.File, "dataset/events/bad.json") {
		t.Errorf("got %v, want a duplicate-key error at 2:21 with the first occurrence", d)
	}
}

// TestRunPaths: files named directly, directories, missing paths, and a
// symbolic link that is not rewritten.
func TestRunPaths(t *testing.T) {
	dir := repo(t, map[string]string{"dataset/events/e.json": unformatted, "other/elsewhere/x.json": unformatted})
	f := formatter(t)
	// A file named directly gets the same $schema as when found in dataset/.
	rep := f.Run(context.Background(), []string{filepath.Join(dir, "dataset/events/e.json")}, Options{})
	if got := read(t, filepath.Join(dir, "dataset/events/e.json")); got != formatted || len(rep.Formatted) != 1 {
		t.Errorf("got\n%s", got)
	}
	// Outside a dataset, without schema/ beside it: the schema's $id.
	f.Run(context.Background(), []string{filepath.Join(dir, "other/elsewhere")}, Options{})
	if got := read(t, filepath.Join(dir, "other/elsewhere/x.json")); !strings.Contains(got, `"$schema": "`+schema.Base+`records.schema.json"`) {
		t.Errorf("got\n%s", got)
	}
	rep = f.Run(context.Background(), []string{filepath.Join(dir, "no-such")}, Options{})
	if len(rep.Diagnostics) != 1 || rep.Diagnostics[0].Rule != RuleRead || !rep.ReadFailed() {
		t.Errorf("missing path: %v", rep.Diagnostics)
	}
	// A symbolic link is read, but never replaced by a file.
	link := filepath.Join(dir, "dataset/events/link.json")
	os.WriteFile(filepath.Join(dir, "dataset/events/target.txt"), []byte(unformatted), 0o644)
	if err := os.Symlink("target.txt", link); err != nil {
		t.Skip(err)
	}
	rep = f.Run(context.Background(), []string{link}, Options{})
	if len(rep.WriteErrors) != 1 || !strings.Contains(rep.WriteErrors[0], "symbolic link") {
		t.Errorf("write errors %v, want the link refused", rep.WriteErrors)
	}
	if info, err := os.Lstat(link); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced")
	}
}

// TestWriteFileInFails: when the rename fails, the temporary file is removed
// and the target is as it was.
func TestWriteFileInFails(t *testing.T) {
	dir := writeTree(t, map[string]string{"target/keep": "x"})
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	if err := WriteFileIn(root, "target", []byte("data"), 0o644); err == nil {
		t.Errorf("renaming over a directory that holds a file succeeded")
	}
	if l := leftovers(t, dir); len(l) > 0 {
		t.Errorf("temporary files left: %v", l)
	}
	if read(t, filepath.Join(dir, "target/keep")) != "x" {
		t.Errorf("the target changed")
	}
	if err := WriteFileIn(root, "../outside.json", []byte("data"), 0o644); err == nil {
		t.Errorf("wrote outside the root")
	}
}

// TestSchemaRef: in this repository, the path from a dataset file to the
// schema beside dataset/.
func TestSchemaRef(t *testing.T) {
	for file, want := range map[string]string{
		"../dataset/events/x.json":                  "../../schema/records.schema.json",
		"../dataset/dataset.json":                   "../schema/dataset.schema.json",
		"../dataset/x.json":                         "../schema/records.schema.json",
		"../validate/testdata/base/records.json":    schema.Base + "records.schema.json",
		"../validate/testdata/base/dataset.json":    schema.Base + "dataset.schema.json",
		"../validate/testdata/base/sub/deeper.json": schema.Base + "records.schema.json",
	} {
		abs, _ := filepath.Abs(file)
		if got := SchemaRef(abs, ""); got != want {
			t.Errorf("SchemaRef(%s) = %q, want %q", file, got, want)
		}
	}
}
