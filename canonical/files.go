package canonical

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"curate/diag"
	"curate/internal/safeio"
	"curate/schema"
)

// RuleRead is the rule of a path that cannot be read, as validate names it.
const RuleRead = "read"

// TempPrefix starts the name of every temporary file WriteFileIn makes
// beside its target. The name starts with a dot, so that no command takes
// a leftover for a dataset file.
const TempPrefix = ".curate-tmp-"

// Options configure Run.
type Options struct {
	// Check, when set, writes nothing: each file not in canonical form is a
	// diagnostic.
	Check bool
	// MaxFileSize is the largest file read (0: safeio.DefaultLimit).
	MaxFileSize int64
}

// Report is what Run did.
type Report struct {
	// Diagnostics lists the files that do not parse, cannot be read and,
	// with Check, are not in canonical form.
	Diagnostics diag.List
	// Summary counts the files and records read.
	Summary diag.Summary
	// Formatted lists the files rewritten (never with Check).
	Formatted []string
	// WriteErrors says, one line each, which files could not be written;
	// they were left as they were.
	WriteErrors []string
}

// ReadFailed reports whether a path could not be read.
func (r *Report) ReadFailed() bool {
	return slices.ContainsFunc(r.Diagnostics, func(d diag.Diagnostic) bool { return d.Rule == RuleRead })
}

// Run formats the JSON files at paths (files, or directories searched
// recursively for *.json files, leaving out names that start with a dot),
// each read as safeio reads any input (files found in a directory through
// an os.Root of it) and written in place with WriteFileIn, or only checked
// with opts.Check. A file that does not parse is reported and left as it
// is.
func (f *Formatter) Run(ctx context.Context, paths []string, opts Options) *Report {
	rep := &Report{}
	ins, roots, l := inputs(paths)
	defer func() {
		for _, r := range roots {
			r.Close()
		}
	}()
	rep.Diagnostics = l
	for _, in := range ins {
		if ctx.Err() != nil {
			rep.WriteErrors = append(rep.WriteErrors, "interrupted: the files not listed as formatted are as they were")
			break
		}
		data, err := safeio.ReadIn(in.root, in.name, opts.MaxFileSize)
		if err != nil {
			rep.Diagnostics = append(rep.Diagnostics, fileDiag(in.path, safeio.Describe(err)))
			continue
		}
		rep.Summary.Files++
		ref := SchemaRef(in.abs, in.top)
		res, ds := f.Check(in.path, data, ref)
		if res != nil {
			rep.Summary.Records += res.Records
		}
		if opts.Check || res == nil {
			rep.Diagnostics = append(rep.Diagnostics, ds...)
			continue
		}
		if !res.Changed() {
			continue
		}
		if err := writeInPlace(in.root, in.name, res.Output); err != nil {
			rep.WriteErrors = append(rep.WriteErrors, fmt.Sprintf("%s: %v; the file is as it was", diag.Escape(in.path), err))
			continue
		}
		rep.Formatted = append(rep.Formatted, in.path)
	}
	rep.Diagnostics.Sort()
	return rep
}

// input is one file to format: the path reports show, where it is (its
// absolute path, and the directory given that holds it, "" for a file
// named directly) and how to reach it (a root and a name inside it).
type input struct {
	path, abs, top string
	root           *os.Root
	name           string
}

// inputs expands paths into the JSON files to format, in lexical order of
// their display paths, as validate does, and returns the roots to close.
func inputs(paths []string) (ins []input, roots []*os.Root, l diag.List) {
	seen := map[string]bool{}
	add := func(in input) {
		if !seen[in.path] {
			seen[in.path] = true
			ins = append(ins, in)
		}
	}
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			l = append(l, fileDiag(DisplayPath(p), safeio.Describe(err)))
			continue
		}
		abs, err := filepath.Abs(p)
		if err != nil {
			l = append(l, fileDiag(DisplayPath(p), safeio.Describe(err)))
			continue
		}
		if !info.IsDir() {
			root, err := os.OpenRoot(filepath.Dir(abs))
			if err != nil {
				l = append(l, fileDiag(DisplayPath(p), safeio.Describe(err)))
				continue
			}
			roots = append(roots, root)
			add(input{DisplayPath(p), abs, "", root, filepath.Base(abs)})
			continue
		}
		root, err := os.OpenRoot(p)
		if err != nil {
			l = append(l, fileDiag(DisplayPath(p), safeio.Describe(err)))
			continue
		}
		roots = append(roots, root)
		found := len(ins)
		err = fs.WalkDir(root.FS(), ".", func(rel string, d fs.DirEntry, err error) error {
			if err != nil {
				l = append(l, fileDiag(DisplayPath(filepath.Join(p, rel)), safeio.Describe(err)))
				return nil
			}
			if d.IsDir() && rel != "." && strings.HasPrefix(d.Name(), ".") {
				return fs.SkipDir
			}
			if !d.IsDir() && strings.HasSuffix(d.Name(), ".json") && !strings.HasPrefix(d.Name(), ".") {
				name := filepath.FromSlash(rel)
				add(input{DisplayPath(filepath.Join(p, name)), filepath.Join(abs, name), abs, root, name})
			}
			return nil
		})
		if err != nil {
			l = append(l, fileDiag(DisplayPath(p), safeio.Describe(err)))
		} else if len(ins) == found {
			l = append(l, fileDiag(DisplayPath(p), "no .json files in this directory"))
		}
	}
	slices.SortFunc(ins, func(a, b input) int { return strings.Compare(a.path, b.path) })
	return ins, roots, l
}

// DisplayPath makes a path relative to the working directory, with forward
// slashes, as reports show it.
func DisplayPath(p string) string {
	if wd, err := os.Getwd(); err == nil {
		if abs, err := filepath.Abs(p); err == nil {
			if rel, err := filepath.Rel(wd, abs); err == nil {
				p = rel
			}
		}
	}
	return filepath.ToSlash(filepath.Clean(p))
}

func fileDiag(file, msg string) diag.Diagnostic {
	return diag.Diagnostic{File: file, Pos: diag.NoPos, Severity: diag.Error, Rule: RuleRead, Message: msg}
}

// SchemaRef returns the "$schema" a dataset file at the absolute path file
// gets when it has none: the relative path from the file to the schema
// file it follows (schema/records.schema.json, or schema/dataset.schema.json
// for dataset.json) when that file exists beside the dataset's root, else
// the schema's $id. The dataset's root is the nearest directory above the
// file that holds a dataset.json, else top (the directory the file was
// found in, when not ""), else the file's directory.
func SchemaRef(file, top string) string {
	name := SchemaFile(file)
	dir := filepath.Dir(file)
	root := ""
	for d := dir; ; d = filepath.Dir(d) {
		if info, err := os.Stat(filepath.Join(d, MetadataFile)); err == nil && info.Mode().IsRegular() {
			root = d
			break
		}
		if filepath.Dir(d) == d {
			break
		}
	}
	if root == "" {
		root = cmpOr(top, dir)
	}
	target := filepath.Join(filepath.Dir(root), "schema", name)
	if info, err := os.Stat(target); err == nil && info.Mode().IsRegular() {
		if rel, err := filepath.Rel(dir, target); err == nil {
			return filepath.ToSlash(rel)
		}
	}
	return schema.Base + name
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// writeInPlace replaces the file name inside root with data, keeping its
// permissions; a symbolic link is refused rather than replaced by a file.
func writeInPlace(root *os.Root, name string, data []byte) error {
	info, err := root.Lstat(name)
	if err != nil {
		return errors.New(safeio.Describe(err))
	}
	if info.Mode()&fs.ModeSymlink != 0 {
		return errors.New("a symbolic link: not rewritten (format the file it points to)")
	}
	if !info.Mode().IsRegular() {
		return errors.New("not a regular file: not rewritten")
	}
	return WriteFileIn(root, name, data, info.Mode().Perm())
}

// WriteFileIn writes data to the file name inside root atomically: to a
// temporary file beside it (named TempPrefix, the file's name and a random
// suffix), synced to disk, then renamed over name, so that name holds either
// its old bytes or all of data, also when the run is interrupted. perm is
// the new file's permissions. On an error the temporary file is removed and
// name is untouched.
func WriteFileIn(root *os.Root, name string, data []byte, perm fs.FileMode) (err error) {
	dir, base := filepath.Split(name)
	var tmp string
	var f *os.File
	for range 100 {
		var rnd [6]byte
		if _, err := rand.Read(rnd[:]); err != nil {
			return err
		}
		tmp = filepath.Join(dir, TempPrefix+base+"-"+hex.EncodeToString(rnd[:]))
		f, err = root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
		if !errors.Is(err, fs.ErrExist) {
			break
		}
	}
	if err != nil {
		return fmt.Errorf("creating a temporary file beside it: %s", safeio.Describe(err))
	}
	defer func() {
		if err != nil {
			f.Close()
			root.Remove(tmp)
		}
	}()
	if _, err = f.Write(data); err != nil {
		return err
	}
	// OpenFile applied the umask: give the file the permissions asked for.
	if err = f.Chmod(perm); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	if err = root.Rename(tmp, name); err != nil {
		return err
	}
	// The rename is durable once the directory is synced; a failure here
	// leaves the new file in place, so it is not an error.
	if d, err := root.Open(cmpOr(path.Clean(filepath.ToSlash(dir)), ".")); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}
