package validate

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"curate/diag"
	"curate/internal/safeio"
)

// DefaultMaxFileSize is the largest file curate reads when no limit is
// given: a dataset file, a source text or a schema file. A larger file is a
// located "read" error, never read into memory; --max-file-size raises it.
const DefaultMaxFileSize = safeio.DefaultLimit

// input is one dataset file to read: the path reports show and how to open
// it. Files found inside a directory are opened through an os.Root of that
// directory, so that no symbolic link in it can lead outside; a file named
// on the command line is opened as named.
type input struct {
	path string
	open func() (*os.File, error)
}

// inputs expands paths into the JSON files to read, in lexical order of
// their display paths, and returns the roots to close after the run.
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
			l = append(l, fileDiag(p, RuleRead, describeIOError(err)))
			continue
		}
		if !info.IsDir() {
			add(input{displayPath(p), func() (*os.File, error) { return safeio.Open(p) }})
			continue
		}
		root, err := os.OpenRoot(p)
		if err != nil {
			l = append(l, fileDiag(p, RuleRead, describeIOError(err)))
			continue
		}
		roots = append(roots, root)
		found := len(ins)
		err = fs.WalkDir(root.FS(), ".", func(rel string, d fs.DirEntry, err error) error {
			if err != nil {
				l = append(l, fileDiag(filepath.Join(p, rel), RuleRead, describeIOError(err)))
				return nil
			}
			if d.IsDir() && rel != "." && strings.HasPrefix(d.Name(), ".") {
				return fs.SkipDir
			}
			if !d.IsDir() && strings.HasSuffix(d.Name(), ".json") && !strings.HasPrefix(d.Name(), ".") {
				add(input{displayPath(filepath.Join(p, filepath.FromSlash(rel))), func() (*os.File, error) {
					return safeio.OpenIn(root, rel)
				}})
			}
			return nil
		})
		if err != nil {
			l = append(l, fileDiag(p, RuleRead, describeIOError(err)))
		} else if len(ins) == found {
			l = append(l, fileDiag(p, RuleRead, "no .json files in this directory"))
		}
	}
	slices.SortFunc(ins, func(a, b input) int { return strings.Compare(a.path, b.path) })
	return ins, roots, l
}

// displayPath makes a path relative to the working directory,
// with forward slashes, so reports read the same on every machine.
func displayPath(p string) string {
	if wd, err := os.Getwd(); err == nil {
		if abs, err := filepath.Abs(p); err == nil {
			if rel, err := filepath.Rel(wd, abs); err == nil {
				p = rel
			}
		}
	}
	return filepath.ToSlash(filepath.Clean(p))
}

func fileDiag(p, rule, msg string) diag.Diagnostic {
	return diag.Diagnostic{File: displayPath(p), Pos: diag.NoPos, Severity: diag.Error, Rule: rule, Message: msg}
}

// describeIOError says in plain words why a file could not be read.
func describeIOError(err error) string { return safeio.Describe(err) }
