// Package releasezip writes the zip of a release bundle
// (curate-VERSION.zip, written by curate release: Write) and reads one
// back: Extract takes the dataset files the bundle holds under dataset/
// into a directory, so that they can be validated and compared like any
// dataset directory.
//
// A zip is input anyone can hand over, so Extract trusts nothing in it:
// before anything is written it refuses the whole zip when any entry's name
// is absolute, holds a ".." segment, a backslash, a drive letter or a
// control character, names the same file twice, or leaves the one top
// folder; when an entry is a symbolic link or another non-regular file;
// when the zip holds too many entries, or an entry or all of them together
// would be larger than the limits (declared sizes are checked first, and
// the sizes are enforced again while inflating, so a header that lies
// gains nothing). Files are then written through an os.Root of the target
// directory, which refuses any path leading out of it.
package releasezip

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"strings"

	"curate/internal/safeio"
)

// DatasetDir is the bundle's folder of dataset files, below its top folder.
const DatasetDir = "dataset"

// Limits bound what Extract reads.
type Limits struct {
	// File is the largest entry, uncompressed (0: safeio.DefaultLimit).
	File int64
	// Total is the most that all the extracted entries may hold together,
	// uncompressed (0: 4 times File).
	Total int64
	// Entries is the most entries the zip may hold (0: 100,000).
	Entries int
	// Zip is the largest zip file read (0: 4 times Total).
	Zip int64
}

func (l Limits) withDefaults() Limits {
	if l.File <= 0 {
		l.File = safeio.DefaultLimit
	}
	if l.Total <= 0 {
		l.Total = 4 * l.File
	}
	if l.Entries <= 0 {
		l.Entries = 100_000
	}
	if l.Zip <= 0 {
		l.Zip = 4 * l.Total
	}
	return l
}

// Error is a zip that Extract refuses: Name is the entry at fault ("" for
// the zip as a whole).
type Error struct {
	Zip, Name, Msg string
}

func (e *Error) Error() string {
	if e.Name == "" {
		return fmt.Sprintf("%s: %s", e.Zip, e.Msg)
	}
	return fmt.Sprintf("%s: entry %s: %s", e.Zip, quote(e.Name), e.Msg)
}

// ErrNoDataset is the error of a zip that holds no dataset folder (a
// bundle from before releases held the dataset files, or another zip).
var ErrNoDataset = errors.New("no dataset")

// quote shows a name with control characters and quotes escaped.
func quote(s string) string { return fmt.Sprintf("%q", s) }

// IsZip reports whether the file at p starts as a zip file does.
func IsZip(p string) bool {
	f, err := safeio.Open(p)
	if err != nil {
		return false
	}
	defer f.Close()
	if info, err := f.Stat(); err != nil || !info.Mode().IsRegular() {
		return false
	}
	var magic [4]byte
	_, err = io.ReadFull(f, magic[:])
	return err == nil && string(magic[:]) == "PK\x03\x04"
}

// Extract checks the release zip at zipPath and extracts the files of its
// dataset folder (TOP/dataset/..., TOP being the zip's one top folder) into
// dir, which must exist and be empty. It returns the extracted dataset
// folder (dir/dataset) and the zip's top folder name. A refused zip is an
// *Error; on any error, dir is left empty.
func Extract(zipPath, dir string, limits Limits) (datasetDir, top string, err error) {
	l := limits.withDefaults()
	refuse := func(name, format string, args ...any) error {
		return &Error{Zip: zipPath, Name: name, Msg: fmt.Sprintf(format, args...)}
	}
	f, err := safeio.Open(zipPath)
	if err != nil {
		return "", "", err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return "", "", err
	}
	if !info.Mode().IsRegular() {
		return "", "", refuse("", "not a regular file")
	}
	if info.Size() > l.Zip {
		return "", "", refuse("", "%s, more than the limit of %s", safeio.Size(info.Size()), safeio.Size(l.Zip))
	}
	zr, err := zip.NewReader(f, info.Size())
	if err != nil {
		return "", "", refuse("", "not a zip file that can be read: %v", err)
	}
	if len(zr.File) > l.Entries {
		return "", "", refuse("", "%d entries, more than the limit of %d", len(zr.File), l.Entries)
	}

	// Check every entry before writing anything.
	seen := map[string]bool{}
	var files []*zip.File
	var total uint64
	for _, e := range zr.File {
		name := e.Name
		if msg := badName(name); msg != "" {
			return "", "", refuse(name, "%s", msg)
		}
		clean := strings.TrimSuffix(name, "/")
		first, rest, _ := strings.Cut(clean, "/")
		if top == "" {
			top = first
		} else if first != top {
			return "", "", refuse(name, "outside the bundle's one top folder %s", quote(top))
		}
		if seen[clean] {
			return "", "", refuse(name, "named twice")
		}
		seen[clean] = true
		mode := e.Mode()
		if mode&fs.ModeSymlink != 0 {
			return "", "", refuse(name, "a symbolic link; a bundle holds regular files only")
		}
		if e.FileInfo().IsDir() || strings.HasSuffix(name, "/") {
			continue
		}
		if !mode.IsRegular() {
			return "", "", refuse(name, "not a regular file (%v); a bundle holds regular files only", mode.Type())
		}
		if e.UncompressedSize64 > uint64(l.File) {
			return "", "", refuse(name, "%s uncompressed, more than the limit of %s per file", safeio.Size(int64(min(e.UncompressedSize64, 1<<62))), safeio.Size(l.File))
		}
		if rest == DatasetDir || !strings.HasPrefix(rest, DatasetDir+"/") || !strings.HasSuffix(rest, ".json") {
			continue
		}
		total += e.UncompressedSize64
		if total > uint64(l.Total) {
			return "", "", refuse(name, "the dataset files hold more than the limit of %s in all", safeio.Size(l.Total))
		}
		files = append(files, e)
	}
	if len(files) == 0 {
		return "", "", &Error{Zip: zipPath, Msg: fmt.Sprintf("%v: the zip holds no %s/%s/ folder of dataset files (a release bundle from curate release holds one; an older bundle does not: compare its dataset directory instead)", ErrNoDataset, top, DatasetDir)}
	}

	if left, err := os.ReadDir(dir); err != nil {
		return "", "", err
	} else if len(left) > 0 {
		return "", "", fmt.Errorf("extracting %s: %s is not empty", zipPath, dir)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return "", "", err
	}
	defer root.Close()
	// An entry that fails while inflating (a header that lies about its
	// size, a bad checksum) leaves nothing behind either.
	defer func() {
		if err != nil {
			os.RemoveAll(path.Join(dir, DatasetDir))
		}
	}()
	var written int64
	for _, e := range files {
		rel := strings.TrimPrefix(e.Name, top+"/")
		if err := root.MkdirAll(path.Dir(rel), 0o755); err != nil {
			return "", "", err
		}
		n, err := extractOne(root, rel, e, l.File, l.Total-written)
		written += n
		if err != nil {
			var le *limitError
			if errors.As(err, &le) {
				return "", "", refuse(e.Name, "%s", le.msg)
			}
			return "", "", fmt.Errorf("%s: entry %s: %w", zipPath, quote(e.Name), err)
		}
	}
	return path.Join(dir, DatasetDir), top, nil
}

// limitError is an entry that inflated past a limit.
type limitError struct{ msg string }

func (e *limitError) Error() string { return e.msg }

// extractOne writes the entry e to rel inside root, at most limit bytes
// and at most left in all, and returns how much it wrote.
func extractOne(root *os.Root, rel string, e *zip.File, limit, left int64) (int64, error) {
	r, err := e.Open()
	if err != nil {
		return 0, err
	}
	defer r.Close()
	out, err := root.OpenFile(rel, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return 0, err
	}
	max := min(limit, left)
	n, err := io.Copy(out, io.LimitReader(r, max+1))
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return n, err
	}
	if n > max {
		if n > limit {
			return n, &limitError{fmt.Sprintf("inflates to more than the limit of %s per file (its header says %s)", safeio.Size(limit), safeio.Size(int64(min(e.UncompressedSize64, 1<<62))))}
		}
		return n, &limitError{"the dataset files inflate to more than the limit in all"}
	}
	return n, nil
}

// badName says what is wrong with an entry name, "" when nothing is: a
// name must be a relative slash path of plain segments.
func badName(name string) string {
	switch {
	case name == "":
		return "an empty name"
	case strings.ContainsRune(name, '\\'):
		return "a backslash in the name (zip names use /)"
	case strings.HasPrefix(name, "/"):
		return "an absolute name; a bundle's names are relative to its top folder"
	case len(name) >= 2 && name[1] == ':':
		return "a drive letter in the name; a bundle's names are relative to its top folder"
	}
	for _, c := range name {
		if c < 0x20 || c == 0x7f {
			return "a control character in the name"
		}
	}
	for _, seg := range strings.Split(strings.TrimSuffix(name, "/"), "/") {
		switch seg {
		case "":
			return "an empty segment (//) in the name"
		case ".", "..":
			return fmt.Sprintf("a %q segment in the name: a path that could leave the folder it is extracted into", seg)
		}
	}
	return ""
}
