package export_test

import (
	"bytes"
	"errors"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"curate/export"
)

var errInjected = errors.New("injected failure")

// content returns an output writing s.
func content(name, s string) export.Output {
	return export.Output{Name: name, Write: func(w io.Writer) error {
		_, err := io.WriteString(w, s)
		return err
	}}
}

// failing returns an output that writes n bytes, then fails.
func failing(name string, n int) export.Output {
	return export.Output{Name: name, Write: func(w io.Writer) error {
		if _, err := w.Write(bytes.Repeat([]byte("x"), n)); err != nil {
			return err
		}
		return errInjected
	}}
}

func writeFile(t *testing.T, p, s string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(s), 0o600); err != nil {
		t.Fatal(err)
	}
}

// sameTree fails the test unless dir holds exactly the files of want.
func sameTree(t *testing.T, dir string, want map[string]string) {
	t.Helper()
	got := readTree(t, dir)
	names := slices.Sorted(maps.Keys(got))
	if w := slices.Sorted(maps.Keys(want)); !slices.Equal(names, w) {
		t.Errorf("files %q, want exactly %q", names, w)
	}
	for n, s := range want {
		if b, ok := got[n]; ok && string(b) != s {
			t.Errorf("%s: %q, want %q", n, b, s)
		}
	}
}

// TestWriteAllFailureKeepsPrevious injects a failure into the third of
// three outputs, after it has written more than a buffer's worth: the first
// two files keep their previous content and no temporary file is left.
func TestWriteAllFailureKeepsPrevious(t *testing.T) {
	for _, n := range []int{0, 10, 1 << 20} {
		dir := t.TempDir()
		before := map[string]string{"a.csv": "old a\r\n", "sub/b.csv": "old b\r\n", "other.txt": "not an output"}
		for name, s := range before {
			writeFile(t, filepath.Join(dir, name), s)
		}
		written, err := export.WriteAll(dir, []export.Output{
			content("a.csv", "new a\r\n"),
			content("sub/b.csv", "new b\r\n"),
			failing("sub/c.csv", n),
		})
		if err == nil {
			t.Fatalf("after %d bytes: WriteAll succeeded, want the injected failure", n)
		}
		if !errors.Is(err, errInjected) || !strings.Contains(err.Error(), "sub/c.csv") {
			t.Errorf("after %d bytes: error %q does not wrap the failure and name sub/c.csv", n, err)
		}
		if written != nil {
			t.Errorf("after %d bytes: WriteAll reported %v written", n, written)
		}
		sameTree(t, dir, before)
	}
}

// TestWriteAllFirstFails checks a failure before anything was written: a
// missing directory is created but holds nothing.
func TestWriteAllFirstFails(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "new", "out")
	if _, err := export.WriteAll(dir, []export.Output{failing("a.csv", 5), content("b.csv", "b")}); !errors.Is(err, errInjected) {
		t.Fatalf("error %v, want the injected failure", err)
	}
	sameTree(t, dir, map[string]string{})
}

// TestWriteAllIntoFile checks that an output directory that is a regular
// file is an error, and the file is left as it was.
func TestWriteAllIntoFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "out")
	writeFile(t, p, "a file")
	if _, err := export.WriteAll(p, []export.Output{content("a.csv", "a")}); err == nil {
		t.Error("WriteAll into a regular file succeeded")
	}
	if b, err := os.ReadFile(p); err != nil || string(b) != "a file" {
		t.Errorf("the file now holds %q (%v)", b, err)
	}
	// The same for an output's folder.
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "csv"), "a file named like the csv folder")
	_, err := export.WriteAll(dir, []export.Output{content("a.txt", "a"), content("csv/x.csv", "x")})
	if err == nil {
		t.Error("WriteAll with a file in the way of an output's folder succeeded")
	}
	sameTree(t, dir, map[string]string{"csv": "a file named like the csv folder"})
}

// TestWriteAllTargetIsDirectory checks an output whose target is an
// existing directory: the export fails, and the outputs before it must not
// have been replaced.
func TestWriteAllTargetIsDirectory(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "a.csv"), "old a")
	writeFile(t, filepath.Join(dir, "b.csv", "inside"), "a directory named like an output")
	_, err := export.WriteAll(dir, []export.Output{content("a.csv", "new a"), content("b.csv", "new b")})
	if err == nil {
		t.Fatal("WriteAll over a directory succeeded")
	}
	sameTree(t, dir, map[string]string{"a.csv": "old a", "b.csv/inside": "a directory named like an output"})
}

// TestWriteAllReplaces checks a successful export: files are replaced,
// created with mode 0644, reported with their sizes, and no temporary file
// is left.
func TestWriteAllReplaces(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "a.csv"), "old a, longer than the new content")
	writeFile(t, filepath.Join(dir, "sub", "b.csv"), "old b")
	big := strings.Repeat("0123456789", 20000) // more than one buffer
	outs := []export.Output{content("a.csv", "new a"), content("sub/b.csv", big), content("sub/deeper/c.csv", "")}
	written, err := export.WriteAll(dir, outs)
	if err != nil {
		t.Fatal(err)
	}
	sameTree(t, dir, map[string]string{"a.csv": "new a", "sub/b.csv": big, "sub/deeper/c.csv": ""})
	if len(written) != len(outs) {
		t.Fatalf("written %v, want %d files", written, len(outs))
	}
	for i, w := range written {
		p := filepath.Join(dir, filepath.FromSlash(outs[i].Name))
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if w.Name != outs[i].Name || w.Bytes != fi.Size() || w.Rows != -1 {
			t.Errorf("written[%d] = %+v, want %s with %d bytes and Rows -1", i, w, outs[i].Name, fi.Size())
		}
		if fi.Mode().Perm() != 0o644 {
			t.Errorf("%s: mode %v, want 0644", outs[i].Name, fi.Mode().Perm())
		}
	}
	// Again, over the files just written.
	if _, err := export.WriteAll(dir, outs[:1]); err != nil {
		t.Fatal(err)
	}
	sameTree(t, dir, map[string]string{"a.csv": "new a", "sub/b.csv": big, "sub/deeper/c.csv": ""})
}
