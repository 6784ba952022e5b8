// Package safeio reads the files a pull request can name or replace
// (dataset files, source texts, schema files) the one way curate reads any
// input: opened without blocking, so that a named pipe without a writer
// cannot hang the run; only regular files, so that a device, a socket or a
// directory is refused before a byte is read; and at most a size limit,
// enforced while reading, so that a file that grows (or a symbolic link to
// /dev/zero) cannot exhaust memory. Files inside a directory are opened
// through an os.Root, so that no symbolic link can lead outside it.
package safeio

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"syscall"
)

// DefaultLimit is the largest file read when no limit is given.
const DefaultLimit = 256 << 20

// Errors Read returns for what it refuses; describe them with Describe.
var (
	ErrTooLarge   = errors.New("too large")
	ErrNotRegular = errors.New("not a regular file")
)

// Open opens the named file for reading without blocking.
func Open(name string) (*os.File, error) {
	return os.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}

// OpenIn opens the file name inside root for reading without blocking; a
// name or a symbolic link that leads outside root is an error.
func OpenIn(root *os.Root, name string) (*os.File, error) {
	return root.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}

// Read reads an opened file whole when it is a regular file of at most
// limit bytes (0: DefaultLimit), and closes it.
func Read(f *os.File, limit int64) ([]byte, error) {
	defer f.Close()
	if limit <= 0 {
		limit = DefaultLimit
	}
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%w (%s)", ErrNotRegular, fileType(info.Mode()))
	}
	if info.Size() > limit {
		return nil, fmt.Errorf("%w: %s, more than the limit of %s (--max-file-size)", ErrTooLarge, Size(info.Size()), Size(limit))
	}
	// Read into a buffer of the size Stat gave, plus one byte to see growth,
	// so that a large file is not copied while a buffer doubles.
	data := make([]byte, info.Size()+1)
	n, err := io.ReadFull(f, data)
	switch err {
	case nil: // the file grew since Stat: read on, up to the limit
		rest, err := io.ReadAll(io.LimitReader(f, limit+1-int64(n)))
		if err != nil {
			return nil, err
		}
		data = append(data, rest...)
	case io.EOF, io.ErrUnexpectedEOF:
		data = data[:n]
	default:
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%w: more than the limit of %s (--max-file-size)", ErrTooLarge, Size(limit))
	}
	return data, nil
}

// ReadFile opens and reads the named file as Read does.
func ReadFile(name string, limit int64) ([]byte, error) {
	f, err := Open(name)
	if err != nil {
		return nil, err
	}
	return Read(f, limit)
}

// ReadIn opens and reads the file name inside root as Read does.
func ReadIn(root *os.Root, name string, limit int64) ([]byte, error) {
	f, err := OpenIn(root, name)
	if err != nil {
		return nil, err
	}
	return Read(f, limit)
}

// fileType names what a non-regular file is.
func fileType(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "not a regular file"
}

// Size renders a byte count for a message: "300.0 MiB", "256 MiB", "12 bytes".
func Size(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%d bytes", n)
}

// Describe says in plain words why a file could not be read: "no such file
// or directory", "permission denied", "a named pipe, not a regular file:
// not read".
func Describe(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "no such file or directory"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	case errors.Is(err, syscall.ELOOP):
		return "too many levels of symbolic links (a symlink loop?): not read"
	case errors.Is(err, ErrTooLarge), errors.Is(err, ErrNotRegular):
		return err.Error() + ": not read"
	case errors.Is(err, syscall.EISDIR):
		return "is a directory"
	case err.Error() == "path escapes from parent":
		return "a symbolic link or path that leads outside the directory given: not read"
	}
	return "cannot read: " + err.Error()
}

// DescribeDir says in plain words why a directory given with a flag cannot
// be used: "no such directory", "not a directory", "permission denied".
func DescribeDir(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "no such directory"
	case errors.Is(err, syscall.ENOTDIR):
		return "not a directory"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	}
	return err.Error()
}
