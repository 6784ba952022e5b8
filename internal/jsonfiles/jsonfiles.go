// Package jsonfiles lists the JSON files a run reads: the files named, and
// the *.json files found recursively in the directories named (hidden
// files and folders skipped), each with the path reports show and a way to
// open it. Files found in a directory are opened through an os.Root of it,
// so that no symbolic link in it can lead outside; every file is opened
// without blocking (package safeio).
package jsonfiles

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"curate/internal/safeio"
)

// File is one JSON file to read.
type File struct {
	Path string                   // the path reports show (see Display)
	Open func() (*os.File, error) // opens it for reading
}

// Problem is a path given, or found, that cannot be read.
type Problem struct {
	Path string // as Display shows it
	Msg  string // why, in plain words
}

// Find expands paths into the JSON files to read, in lexical order of
// their paths, each once. done must be called once the files are read:
// it closes the directories opened.
func Find(paths []string) (files []File, problems []Problem, done func()) {
	var roots []*os.Root
	seen := map[string]bool{}
	add := func(f File) {
		if !seen[f.Path] {
			seen[f.Path] = true
			files = append(files, f)
		}
	}
	problem := func(p string, msg string) { problems = append(problems, Problem{Display(p), msg}) }
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			problem(p, safeio.Describe(err))
			continue
		}
		if !info.IsDir() {
			add(File{Display(p), func() (*os.File, error) { return safeio.Open(p) }})
			continue
		}
		root, err := os.OpenRoot(p)
		if err != nil {
			problem(p, safeio.Describe(err))
			continue
		}
		roots = append(roots, root)
		found := len(files)
		err = fs.WalkDir(root.FS(), ".", func(rel string, d fs.DirEntry, err error) error {
			if err != nil {
				problem(filepath.Join(p, rel), safeio.Describe(err))
				return nil
			}
			if d.IsDir() && rel != "." && strings.HasPrefix(d.Name(), ".") {
				return fs.SkipDir
			}
			if !d.IsDir() && strings.HasSuffix(d.Name(), ".json") && !strings.HasPrefix(d.Name(), ".") {
				add(File{Display(filepath.Join(p, filepath.FromSlash(rel))), func() (*os.File, error) {
					return safeio.OpenIn(root, rel)
				}})
			}
			return nil
		})
		if err != nil {
			problem(p, safeio.Describe(err))
		} else if len(files) == found {
			problem(p, "no .json files in this directory")
		}
	}
	slices.SortFunc(files, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	return files, problems, func() {
		for _, r := range roots {
			r.Close()
		}
	}
}

// Display makes a path relative to the working directory, with forward
// slashes, so reports read the same on every machine.
func Display(p string) string {
	if wd, err := os.Getwd(); err == nil {
		if abs, err := filepath.Abs(p); err == nil {
			if rel, err := filepath.Rel(wd, abs); err == nil {
				p = rel
			}
		}
	}
	return filepath.ToSlash(filepath.Clean(p))
}
