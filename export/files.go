package export

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// Output is one file an export writes: its name in the output directory and
// the function that writes its content.
type Output struct {
	Name  string
	Write func(w io.Writer) error
}

// Written describes a file an export wrote.
type Written struct {
	Name  string // file name in the output directory
	Rows  int    // data rows, for tables; -1 for other files
	Bytes int64
}

// WriteAll writes every output into dir as one unit: each file goes to a
// temporary file beside its target first, and only when all of them have
// been written and synced are they renamed into place. When any write
// fails, every temporary file is removed and the files already in dir are
// left as they were. Files are created with mode 0644; dir is created when
// missing.
func WriteAll(dir string, outs []Output) ([]Written, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	type pending struct {
		tmp, target string
		size        int64
	}
	var done []pending
	cleanup := func() {
		for _, p := range done {
			os.Remove(p.tmp)
		}
	}
	for _, o := range outs {
		target := filepath.Join(dir, o.Name)
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			cleanup()
			return nil, err
		}
		// A directory in the way would make its rename fail after earlier
		// files were renamed into place: refuse it before anything moves.
		if fi, err := os.Lstat(target); err == nil && fi.IsDir() {
			cleanup()
			return nil, fmt.Errorf("%s: is a directory", o.Name)
		}
		tmp, size, err := writeTemp(target, o.Write)
		if err != nil {
			cleanup()
			return nil, fmt.Errorf("%s: %w", o.Name, err)
		}
		done = append(done, pending{tmp, target, size})
	}
	var written []Written
	for i, p := range done {
		if err := os.Rename(p.tmp, p.target); err != nil {
			// Renames already made cannot be undone without the old
			// content; remove what is left and report.
			for _, q := range done[i:] {
				os.Remove(q.tmp)
			}
			return nil, err
		}
		written = append(written, Written{Name: outs[i].Name, Rows: -1, Bytes: p.size})
	}
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
	return written, nil
}

// writeTemp writes a temporary file beside target and returns its name.
func writeTemp(target string, write func(io.Writer) error) (string, int64, error) {
	f, err := os.CreateTemp(filepath.Dir(target), "."+filepath.Base(target)+".tmp-*")
	if err != nil {
		return "", 0, err
	}
	name := f.Name()
	fail := func(err error) (string, int64, error) {
		f.Close()
		os.Remove(name)
		return "", 0, err
	}
	cw := &countingWriter{w: f}
	bw := bufio.NewWriterSize(cw, 1<<16)
	if err := write(bw); err != nil {
		return fail(err)
	}
	if err := bw.Flush(); err != nil {
		return fail(err)
	}
	if err := f.Chmod(0o644); err != nil {
		return fail(err)
	}
	if err := f.Sync(); err != nil {
		return fail(err)
	}
	if err := f.Close(); err != nil {
		os.Remove(name)
		return "", 0, err
	}
	return name, cw.n, nil
}

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
