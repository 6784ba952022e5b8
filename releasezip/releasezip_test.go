package releasezip_test

import (
	"archive/zip"
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"curate/releasezip"
)

// entry is one entry of a test zip.
type entry struct {
	name string
	data string
	mode fs.FileMode // 0: a regular file
}

// build writes a zip of the entries and returns its path.
func build(t *testing.T, entries []entry) string {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, e := range entries {
		h := &zip.FileHeader{Name: e.name, Method: zip.Deflate}
		mode := e.mode
		if mode == 0 {
			mode = 0o644
		}
		h.SetMode(mode)
		w, err := zw.CreateHeader(h)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(e.data)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "curate-1.0.0.zip")
	if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

var good = []entry{
	{name: "curate-1.0.0/README.md", data: "hello"},
	{name: "curate-1.0.0/dataset/dataset.json", data: "{}"},
	{name: "curate-1.0.0/dataset/events/a.json", data: `{"records": []}`},
}

func TestExtract(t *testing.T) {
	p := build(t, good)
	if !releasezip.IsZip(p) {
		t.Fatal("IsZip: false for a zip")
	}
	dir := t.TempDir()
	ds, top, err := releasezip.Extract(p, dir, releasezip.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if top != "curate-1.0.0" || ds != filepath.Join(dir, "dataset") {
		t.Errorf("Extract gives %s, %s", ds, top)
	}
	b, err := os.ReadFile(filepath.Join(ds, "events", "a.json"))
	if err != nil || string(b) != `{"records": []}` {
		t.Errorf("events/a.json: %q, %v", b, err)
	}
	if _, err := os.Stat(filepath.Join(dir, "README.md")); err == nil {
		t.Error("a file outside dataset/ was extracted")
	}
}

// TestHostile: zips that could write outside the folder, hold links or
// other special files, or inflate past the limits are refused, each with
// an error naming the entry and the reason, and nothing is written.
func TestHostile(t *testing.T) {
	with := func(extra ...entry) []entry { return append(append([]entry{}, good...), extra...) }
	huge := strings.Repeat("0", 64<<10)
	cases := []struct {
		name    string
		entries []entry
		limits  releasezip.Limits
		want    string
	}{
		{"traversal", with(entry{name: "curate-1.0.0/dataset/../../evil.json", data: "{}"}), releasezip.Limits{}, `".." segment`},
		{"traversal at the top", with(entry{name: "../evil.json", data: "{}"}), releasezip.Limits{}, `".." segment`},
		{"absolute", with(entry{name: "/etc/evil.json", data: "{}"}), releasezip.Limits{}, "absolute name"},
		{"drive letter", with(entry{name: "C:/evil.json", data: "{}"}), releasezip.Limits{}, "drive letter"},
		{"backslash", with(entry{name: `curate-1.0.0\dataset\..\..\evil.json`, data: "{}"}), releasezip.Limits{}, "backslash"},
		{"control character", with(entry{name: "curate-1.0.0/dataset/a\x1b.json", data: "{}"}), releasezip.Limits{}, "control character"},
		{"symbolic link", with(entry{name: "curate-1.0.0/dataset/link.json", data: "/etc/passwd", mode: fs.ModeSymlink | 0o777}), releasezip.Limits{}, "symbolic link"},
		{"device", with(entry{name: "curate-1.0.0/dataset/dev.json", mode: fs.ModeDevice | 0o644}), releasezip.Limits{}, "not a regular file"},
		{"second top folder", with(entry{name: "other/dataset/dataset.json", data: "{}"}), releasezip.Limits{}, "outside the bundle's one top folder"},
		{"named twice", with(entry{name: "curate-1.0.0/dataset/dataset.json", data: "{}"}), releasezip.Limits{}, "named twice"},
		{"huge entry", with(entry{name: "curate-1.0.0/dataset/huge.json", data: huge}), releasezip.Limits{File: 32 << 10}, "more than the limit of 32768 bytes per file"},
		{"huge in all", with(entry{name: "curate-1.0.0/dataset/b.json", data: huge}, entry{name: "curate-1.0.0/dataset/c.json", data: huge}), releasezip.Limits{File: 100 << 10, Total: 100 << 10}, "in all"},
		{"too many entries", good, releasezip.Limits{Entries: 2}, "3 entries, more than the limit of 2"},
		{"no dataset", []entry{{name: "curate-1.0.0/README.md", data: "x"}}, releasezip.Limits{}, "holds no curate-1.0.0/dataset/ folder"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := build(t, c.entries)
			dir := t.TempDir()
			_, _, err := releasezip.Extract(p, dir, c.limits)
			var ze *releasezip.Error
			if !errors.As(err, &ze) {
				t.Fatalf("Extract: %v, want a *releasezip.Error", err)
			}
			if !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), p+": ") {
				t.Errorf("error %q, want the zip and %q", err, c.want)
			}
			if left, _ := os.ReadDir(dir); len(left) > 0 {
				t.Errorf("a refused zip left %d files", len(left))
			}
		})
	}
}

// TestLyingHeader: an entry whose header claims fewer bytes than it
// inflates to is stopped at the limit while inflating.
func TestLyingHeader(t *testing.T) {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, e := range good {
		w, _ := zw.Create(e.name)
		w.Write([]byte(e.data))
	}
	data := bytes.Repeat([]byte("x"), 64<<10)
	h := &zip.FileHeader{Name: "curate-1.0.0/dataset/liar.json", Method: zip.Store, CompressedSize64: uint64(len(data)), UncompressedSize64: 10}
	w, err := zw.CreateRaw(h)
	if err != nil {
		t.Fatal(err)
	}
	w.Write(data)
	zw.Close()
	p := filepath.Join(t.TempDir(), "liar.zip")
	os.WriteFile(p, b.Bytes(), 0o644)
	dir := t.TempDir()
	_, _, err = releasezip.Extract(p, dir, releasezip.Limits{File: 1 << 10, Zip: 1 << 20})
	if err == nil || !strings.Contains(err.Error(), `entry "curate-1.0.0/dataset/liar.json"`) {
		t.Errorf("Extract: %v, want the entry refused", err)
	}
	if left, _ := os.ReadDir(dir); len(left) > 0 {
		t.Errorf("a refused zip left %d files", len(left))
	}
}

func TestNotAZip(t *testing.T) {
	p := filepath.Join(t.TempDir(), "x.zip")
	os.WriteFile(p, []byte("PK\x03\x04 not really"), 0o644)
	if _, _, err := releasezip.Extract(p, t.TempDir(), releasezip.Limits{}); err == nil || !strings.Contains(err.Error(), "not a zip file") {
		t.Errorf("Extract: %v", err)
	}
	if releasezip.IsZip(t.TempDir()) {
		t.Error("IsZip: true for a directory")
	}
}
