package jsonfiles

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestFind: files named and *.json files found in directories, sorted,
// each once; hidden files and folders skipped; a path that cannot be read
// and a directory without a JSON file are problems.
func TestFind(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	for _, p := range []string{"d/b.json", "d/sub/a.json", "d/.hidden.json", "d/.git/c.json", "d/notes.txt", "e/readme.md", "x.json"} {
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte("{}"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	files, problems, done := Find([]string{"x.json", "d", filepath.Join(dir, "d", "b.json"), "missing", "e"})
	defer done()
	var paths []string
	for _, f := range files {
		paths = append(paths, f.Path)
		h, err := f.Open()
		if err != nil {
			t.Errorf("%s: %v", f.Path, err)
			continue
		}
		h.Close()
	}
	if want := []string{"d/b.json", "d/sub/a.json", "x.json"}; !slices.Equal(paths, want) {
		t.Errorf("files %q, want %q", paths, want)
	}
	if len(problems) != 2 || problems[0].Path != "missing" || problems[1].Path != "e" || problems[1].Msg != "no .json files in this directory" {
		t.Errorf("problems %+v", problems)
	}
}
