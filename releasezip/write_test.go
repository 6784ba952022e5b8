package releasezip

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestWrite writes a bundle of files, deflated and stored, and reads it
// back with archive/zip: every entry's name, method, time, mode and bytes,
// the same bytes from a second run, and nothing left in the folder but the
// files.
func TestWrite(t *testing.T) {
	root := t.TempDir()
	files := map[string]string{
		"README.md":               strings.Repeat("a readme line\n", 1000),
		"csv/events.csv":          "id,name\r\nevent-a,\"Ä, b\"\r\n",
		"parquet/events.parquet":  "PAR1 not really",
		"curate.xlsx":             "PK not really",
		"dataset/événements.json": "{}\n",
		"empty.txt":               "",
	}
	var entries []string
	for name, data := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	entries = []string{"README.md", "csv/events.csv", "curate.xlsx", "dataset/événements.json", "empty.txt", "parquet/events.parquet"}
	when := time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	var first, second bytes.Buffer
	if err := Write(&first, root, "curate-1.0.0", entries, when); err != nil {
		t.Fatal(err)
	}
	if err := Write(&second, root, "curate-1.0.0", entries, when); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first.Bytes(), second.Bytes()) {
		t.Error("two runs over the same files gave different bytes")
	}
	zr, err := zip.NewReader(bytes.NewReader(first.Bytes()), int64(first.Len()))
	if err != nil {
		t.Fatal(err)
	}
	if len(zr.File) != len(entries) {
		t.Fatalf("%d entries, want %d", len(zr.File), len(entries))
	}
	for i, f := range zr.File {
		if want := "curate-1.0.0/" + entries[i]; f.Name != want {
			t.Errorf("entry %d: %q, want %q", i, f.Name, want)
		}
		method := zip.Deflate
		if strings.HasSuffix(f.Name, ".xlsx") || strings.HasSuffix(f.Name, ".parquet") {
			method = zip.Store
		}
		if f.Method != method {
			t.Errorf("%s: method %d, want %d", f.Name, f.Method, method)
		}
		if !f.Modified.Equal(when) || f.Mode() != 0o644 {
			t.Errorf("%s: modified %v mode %v", f.Name, f.Modified, f.Mode())
		}
		if strings.Contains(f.Name, "é") && f.Flags&0x800 == 0 {
			t.Errorf("%s: no UTF-8 flag", f.Name)
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(rc) // checks the CRC-32 too
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		if string(got) != files[entries[i]] {
			t.Errorf("%s: %d bytes back, want %d", f.Name, len(got), len(files[entries[i]]))
		}
	}
	left, _ := filepath.Glob(filepath.Join(root, ".zip-entry-*"))
	if len(left) > 0 {
		t.Errorf("temporary files left: %q", left)
	}
}

// TestWriteMissingFile: a missing file fails the zip and leaves no
// temporary file behind.
func TestWriteMissingFile(t *testing.T) {
	root := t.TempDir()
	for _, n := range []string{"a.csv", "c.csv"} {
		if err := os.WriteFile(filepath.Join(root, n), bytes.Repeat([]byte("x,y\r\n"), 100000), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	err := Write(io.Discard, root, "top", []string{"a.csv", "b.csv", "c.csv"}, time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC))
	if err == nil || !strings.Contains(err.Error(), "b.csv") {
		t.Errorf("Write with a missing file: %v", err)
	}
	left, _ := filepath.Glob(filepath.Join(root, ".zip-entry-*"))
	if len(left) > 0 {
		t.Errorf("temporary files left: %q", left)
	}
}
