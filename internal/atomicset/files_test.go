package atomicset_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	"curate/internal/atomicset"
)

var errInjected = errors.New("injected failure")

var ctx = context.Background()

// content returns an output writing s.
func content(name, s string) atomicset.Output {
	return atomicset.Output{Name: name, Write: func(w io.Writer) error {
		_, err := io.WriteString(w, s)
		return err
	}}
}

// failing returns an output that writes n bytes, then fails.
func failing(name string, n int) atomicset.Output {
	return atomicset.Output{Name: name, Write: func(w io.Writer) error {
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

// readTree returns every regular file under dir, by slash-separated
// relative name; it fails the test on anything else but directories.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		if !d.Type().IsRegular() {
			t.Errorf("%s: not a regular file", rel)
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		files[filepath.ToSlash(rel)] = b
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
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
		written, err := atomicset.WriteAll(ctx, dir, []atomicset.Output{
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
// missing directory and its missing parents are not left behind.
func TestWriteAllFirstFails(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "new", "out")
	if _, err := atomicset.WriteAll(ctx, dir, []atomicset.Output{failing("a.csv", 5), content("b.csv", "b")}); !errors.Is(err, errInjected) {
		t.Fatalf("error %v, want the injected failure", err)
	}
	sameEntries(t, root, nil)
}

// TestWriteAllIntoFile checks that an output directory that is a regular
// file is an error, and the file is left as it was.
func TestWriteAllIntoFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "out")
	writeFile(t, p, "a file")
	if _, err := atomicset.WriteAll(ctx, p, []atomicset.Output{content("a.csv", "a")}); err == nil {
		t.Error("WriteAll into a regular file succeeded")
	}
	if b, err := os.ReadFile(p); err != nil || string(b) != "a file" {
		t.Errorf("the file now holds %q (%v)", b, err)
	}
	// The same for an output's folder.
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "csv"), "a file named like the csv folder")
	_, err := atomicset.WriteAll(ctx, dir, []atomicset.Output{content("a.txt", "a"), content("csv/x.csv", "x")})
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
	_, err := atomicset.WriteAll(ctx, dir, []atomicset.Output{content("a.csv", "new a"), content("b.csv", "new b")})
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
	outs := []atomicset.Output{content("a.csv", "new a"), content("sub/b.csv", big), content("sub/deeper/c.csv", "")}
	written, err := atomicset.WriteAll(ctx, dir, outs)
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
		if w.Name != outs[i].Name || w.Bytes != fi.Size() {
			t.Errorf("written[%d] = %+v, want %s with %d bytes", i, w, outs[i].Name, fi.Size())
		}
		if fi.Mode().Perm() != 0o644 {
			t.Errorf("%s: mode %v, want 0644", outs[i].Name, fi.Mode().Perm())
		}
	}
	// Again, over the files just written.
	if _, err := atomicset.WriteAll(ctx, dir, outs[:1]); err != nil {
		t.Fatal(err)
	}
	sameTree(t, dir, map[string]string{"a.csv": "new a", "sub/b.csv": big, "sub/deeper/c.csv": ""})
}

// entries returns every name under root (slash paths; folders end in "/",
// symbolic links as "name -> target").
func entries(t *testing.T, root string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == root {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		switch {
		case d.IsDir():
			rel += "/"
		case d.Type()&fs.ModeSymlink != 0:
			target, _ := os.Readlink(p)
			rel += " -> " + target
		}
		out = append(out, rel)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// sameEntries fails the test unless root holds exactly the names want.
func sameEntries(t *testing.T, root string, want []string) {
	t.Helper()
	if got := entries(t, root); !slices.Equal(got, want) {
		t.Errorf("%s holds %q, want %q", root, got, want)
	}
}

// TestWriteAllRefusesEscapingNames checks that no output name can reach
// outside the output directory or take a temporary's name, and that a
// refused export writes nothing, not even the directory.
func TestWriteAllRefusesEscapingNames(t *testing.T) {
	for _, name := range []string{"", "/etc/x.csv", "../x.csv", "csv/../../x.csv", "csv/../x.csv", "./x.csv", "csv//x.csv", "csv/", ".", "..", ".curate-tmp-x", "csv/.curate-stage-x/y", ".curate-commit"} {
		root := t.TempDir()
		dir := filepath.Join(root, "out")
		_, err := atomicset.WriteAll(ctx, dir, []atomicset.Output{content("a.csv", "a"), content(name, "escaped")})
		if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("%q", name)) {
			t.Errorf("output name %q: error %v, want one naming it", name, err)
		}
		sameEntries(t, root, nil)
	}
	// Names that clash.
	for _, outs := range [][]atomicset.Output{
		{content("a.csv", "1"), content("a.csv", "2")},
		{content("csv", "1"), content("csv/a.csv", "2")},
	} {
		root := t.TempDir()
		if _, err := atomicset.WriteAll(ctx, filepath.Join(root, "out"), outs); err == nil {
			t.Errorf("outputs %q and %q: WriteAll succeeded", outs[0].Name, outs[1].Name)
		}
		sameEntries(t, root, nil)
	}
}

// TestWriteAllKeepsUserFiles checks that an export replaces its own files
// only: a user's files in the directory, in a folder the export writes
// into and in folders of their own survive with their content (the very
// same files), a symbolic link stays a link, and folder modes are kept.
func TestWriteAllKeepsUserFiles(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "out")
	writeFile(t, filepath.Join(dir, "a.csv"), "old a")
	writeFile(t, filepath.Join(dir, "notes.txt"), "my notes")
	writeFile(t, filepath.Join(dir, "csv", "mine.txt"), "my own table")
	writeFile(t, filepath.Join(dir, "mine", "deep", "f.txt"), "deep")
	writeFile(t, filepath.Join(dir, ".curate-notes"), "not a temporary")
	if err := os.Symlink("notes.txt", filepath.Join(dir, "link")); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(filepath.Join(dir, "mine"), 0o700); err != nil {
		t.Fatal(err)
	}
	before, err := os.Stat(filepath.Join(dir, "csv", "mine.txt"))
	if err != nil {
		t.Fatal(err)
	}
	outs := []atomicset.Output{content("a.csv", "new a"), content("csv/t.csv", "new t"), content("parquet/t.parquet", "new p")}
	if _, err := atomicset.WriteAll(ctx, dir, outs); err != nil {
		t.Fatal(err)
	}
	sameEntries(t, root, []string{"out/", "out/.curate-notes", "out/a.csv", "out/csv/", "out/csv/mine.txt", "out/csv/t.csv", "out/link -> notes.txt",
		"out/mine/", "out/mine/deep/", "out/mine/deep/f.txt", "out/notes.txt", "out/parquet/", "out/parquet/t.parquet"})
	for name, want := range map[string]string{".curate-notes": "not a temporary", "a.csv": "new a", "csv/mine.txt": "my own table", "csv/t.csv": "new t",
		"mine/deep/f.txt": "deep", "notes.txt": "my notes", "parquet/t.parquet": "new p"} {
		if b, err := os.ReadFile(filepath.Join(dir, name)); err != nil || string(b) != want {
			t.Errorf("%s: %q (%v), want %q", name, b, err, want)
		}
	}
	after, err := os.Stat(filepath.Join(dir, "csv", "mine.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if !os.SameFile(before, after) {
		t.Error("csv/mine.txt is another file now, want the user's own file")
	}
	if fi, err := os.Stat(filepath.Join(dir, "mine")); err != nil || fi.Mode().Perm() != 0o700 {
		t.Errorf("mine/: mode %v (%v), want 0700", fi.Mode().Perm(), err)
	}
}

// enospc returns an output that writes n bytes, then fails as a full disk
// does.
func enospc(name string, n int) atomicset.Output {
	return atomicset.Output{Name: name, Write: func(w io.Writer) error {
		if _, err := w.Write(bytes.Repeat([]byte("x"), n)); err != nil {
			return err
		}
		return &fs.PathError{Op: "write", Path: name, Err: syscall.ENOSPC}
	}}
}

// TestWriteAllFullDisk checks that a full disk leaves no new directory:
// neither a missing output directory and its parents, nor a new folder of
// an output in an existing directory.
func TestWriteAllFullDisk(t *testing.T) {
	root := t.TempDir()
	outs := []atomicset.Output{content("a.csv", "a"), content("csv/t.csv", "t"), enospc("parquet/t.parquet", 10)}
	if _, err := atomicset.WriteAll(ctx, filepath.Join(root, "new", "deeper", "out"), outs); !errors.Is(err, syscall.ENOSPC) {
		t.Errorf("error %v, want ENOSPC", err)
	}
	sameEntries(t, root, nil)

	writeFile(t, filepath.Join(root, "out", "a.csv"), "old a")
	if _, err := atomicset.WriteAll(ctx, filepath.Join(root, "out"), outs); !errors.Is(err, syscall.ENOSPC) {
		t.Errorf("error %v, want ENOSPC", err)
	}
	sameEntries(t, root, []string{"out/", "out/a.csv"})
	sameTree(t, filepath.Join(root, "out"), map[string]string{"a.csv": "old a"})
}

// TestWriteAllCancelled checks that a cancelled context (the command
// cancels it on SIGINT and SIGTERM) stops an export mid-file: WriteAll
// returns the context's error, the old files are intact and no temporary
// is left.
func TestWriteAllCancelled(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "out")
	writeFile(t, filepath.Join(dir, "a.csv"), "old a")
	c, cancel := context.WithCancel(ctx)
	defer cancel()
	long := atomicset.Output{Name: "csv/long.csv", Write: func(w io.Writer) error {
		for i := 0; ; i++ {
			if i == 10 {
				cancel() // as a signal would, mid-file
			}
			if _, err := w.Write(bytes.Repeat([]byte("x"), 1<<16)); err != nil {
				return err
			}
		}
	}}
	if _, err := atomicset.WriteAll(c, dir, []atomicset.Output{content("a.csv", "new a"), long}); !errors.Is(err, context.Canceled) {
		t.Errorf("error %v, want context.Canceled", err)
	}
	sameEntries(t, root, []string{"out/", "out/a.csv"})
	sameTree(t, dir, map[string]string{"a.csv": "old a"})
}
