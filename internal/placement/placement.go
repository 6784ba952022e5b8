// Package placement checks where the files and records of a dataset laid
// out in kind folders sit. In such a dataset (MetadataFile beside any of
// actors/, sources/, events/, measures/, statements/), each record sits in
// its kind's folder, the events, measures and statements drawn from one
// source sit in a file named after that source's text file, and nothing
// sits outside the known folders. A dataset with no file in a kind folder
// is not laid out, and nothing is checked.
package placement

import (
	"fmt"
	"maps"
	"path"
	"slices"
	"strings"

	"curate/internal/didyoumean"
	"curate/internal/words"
	"curate/record"
)

// MetadataFile is the name of the file at the dataset's root that holds
// its metadata rather than records.
const MetadataFile = "dataset.json"

// Rule is the rule of every problem Check reports.
const Rule = "placement"

// File is a file of the dataset, as Check sees it: its path and its
// records.
type File interface {
	// Path is the file's path, as reports show it.
	Path() string
	// Len is how many records the file holds.
	Len() int
	// Record returns the kind and id of record i, and the id of the first
	// source it cites ("" when none).
	Record(i int) (kind record.Kind, id, cited string)
}

// Problem is a file, or a record in it, out of place.
type Problem struct {
	File   int // index of the file among those checked
	Record int // index of the record in the file, -1 for the file itself
	Msg    string
	Hint   string
}

// kindFolder is the folder of a record kind: its name plus "s".
func kindFolder(k record.Kind) string { return string(k) + "s" }

// Check checks where each file of the dataset rooted at root (a path as
// reports show it) sits. sources gives the text file ("file") of each
// source of the dataset, by id.
func Check(root string, files []File, sources map[string]string) []Problem {
	prefix := strings.TrimSuffix(root, "/") + "/"
	if root == "." {
		prefix = ""
	}
	folders := map[string]record.Kind{}
	for _, k := range record.Kinds {
		folders[kindFolder(k)] = k
	}
	laidOut := false
	for _, f := range files {
		if rel, ok := strings.CutPrefix(f.Path(), prefix); ok {
			if dir, _, ok := strings.Cut(rel, "/"); ok && folders[dir] != "" {
				laidOut = true
			}
		}
	}
	if !laidOut {
		return nil
	}
	stems := map[string]bool{} // stems of the sources' text files
	for _, file := range sources {
		stems[strings.TrimSuffix(file, path.Ext(file))] = true
	}
	var ps []Problem
	for fi, f := range files {
		problem := func(msg, hint string) { ps = append(ps, Problem{fi, -1, msg, hint}) }
		rel, ok := strings.CutPrefix(f.Path(), prefix)
		if !ok || rel == MetadataFile {
			continue
		}
		dir, name, nested := strings.Cut(rel, "/")
		kind, known := folders[dir]
		if !nested || !known || strings.Contains(name, "/") {
			var hint string
			if k := fileKind(f); k != "" {
				hint = fmt.Sprintf("its records are %ss: move it to %s%s/", k, prefix, kindFolder(k))
			} else if s := didyoumean.Closest(dir, slices.Sorted(maps.Keys(folders))); s != "" && nested {
				hint = fmt.Sprintf("did you mean %s%s/?", prefix, s)
			}
			problem(fmt.Sprintf("%s is outside the dataset's folders (%s)", f.Path(), knownFolders()), hint)
			continue
		}
		if k := fileKind(f); k != "" && k != kind {
			problem(fmt.Sprintf("%s holds %ss, not %ss", f.Path(), k, kind), fmt.Sprintf("move it to %s%s/", prefix, kindFolder(k)))
			continue
		}
		for i := range f.Len() {
			if k, id, _ := f.Record(i); k != kind {
				ps = append(ps, Problem{fi, i, fmt.Sprintf("%s %q is in %s%s/, the folder of %ss", withArticle(string(k)), id, prefix, dir, kind),
					fmt.Sprintf("move the record to a file in %s%s/", prefix, kindFolder(k))})
			}
		}
		stem := strings.TrimSuffix(name, ".json")
		if kind == record.KindEvent || kind == record.KindMeasure || kind == record.KindStatement {
			if len(stems) > 0 && !stems[stem] {
				var hint string
				if s := citedStem(f, sources); s != "" {
					hint = fmt.Sprintf("its records cite the source whose text is %s.txt: name the file %s%s/%s.json", s, prefix, dir, s)
				}
				problem(fmt.Sprintf("%s is not named after a source: %ss drawn from a source go in %s%s/SOURCE.json, SOURCE being the stem of the source's text file", f.Path(), kind, prefix, dir), hint)
			}
		}
	}
	return ps
}

func knownFolders() string {
	var names []string
	for _, k := range record.Kinds {
		names = append(names, kindFolder(k)+"/")
	}
	return strings.Join(names, ", ")
}

// fileKind is the kind of all the records of a file, or "" when they differ.
func fileKind(f File) record.Kind {
	var k record.Kind
	for i := range f.Len() {
		rk, _, _ := f.Record(i)
		if k != "" && rk != k {
			return ""
		}
		k = rk
	}
	return k
}

// citedStem is the text file stem of the source the file's first record
// that cites one cites first, or "".
func citedStem(f File, sources map[string]string) string {
	for i := range f.Len() {
		_, _, cited := f.Record(i)
		if cited == "" {
			continue
		}
		if file := sources[cited]; file != "" {
			return strings.TrimSuffix(file, path.Ext(file))
		}
		return ""
	}
	return ""
}

func withArticle(k string) string {
	if k == "" {
		return "a record of unknown kind"
	}
	return words.Article(k)
}
