package validate

import (
	"fmt"
	"maps"
	"path"
	"slices"
	"strings"

	"curate/internal/didyoumean"
	"curate/record"
)

// Placement: in a dataset laid out in kind folders (dataset.json beside any
// of actors/, sources/, events/, measures/, statements/), each record sits
// in its kind's folder, the events, measures and statements drawn from one
// source sit in a file named after that source's text file, and nothing
// sits outside the known folders.

// kindFolder is the folder of a record kind: its name plus "s".
func kindFolder(k record.Kind) string { return string(k) + "s" }

// placement checks where each file of the dataset rooted at root (a display
// path) sits.
func (c *crossCheck) placement(root string) {
	prefix := strings.TrimSuffix(root, "/") + "/"
	if root == "." {
		prefix = ""
	}
	folders := map[string]record.Kind{}
	for _, k := range record.Kinds {
		folders[kindFolder(k)] = k
	}
	laidOut := false
	for _, f := range c.files {
		if rel, ok := strings.CutPrefix(f.path, prefix); ok {
			if dir, _, ok := strings.Cut(rel, "/"); ok && folders[dir] != "" {
				laidOut = true
			}
		}
	}
	if !laidOut {
		return
	}
	stems := map[string]bool{} // stems of the sources' text files
	for _, e := range c.byID {
		if e.more != nil && e.source != nil {
			stems[strings.TrimSuffix(e.source.File, path.Ext(e.source.File))] = true
		}
	}
	for _, f := range c.files {
		rel, ok := strings.CutPrefix(f.path, prefix)
		if !ok || rel == MetadataFile {
			continue
		}
		dir, name, nested := strings.Cut(rel, "/")
		kind, known := folders[dir]
		if !nested || !known || strings.Contains(name, "/") {
			fd := at("", RulePlacement, fmt.Sprintf("%s is outside the dataset's folders (%s)", f.path, knownFolders()))
			if k := c.fileKind(f); k != "" {
				fd.hint = fmt.Sprintf("its records are %ss: move it to %s%s/", k, prefix, kindFolder(k))
			} else if s := didyoumean.Closest(dir, slices.Sorted(maps.Keys(folders))); s != "" && nested {
				fd.hint = fmt.Sprintf("did you mean %s%s/?", prefix, s)
			}
			f.add(fd)
			continue
		}
		if k := c.fileKind(f); k != "" && k != kind {
			fd := at("", RulePlacement, fmt.Sprintf("%s holds %ss, not %ss", f.path, k, kind))
			fd.hint = fmt.Sprintf("move it to %s%s/", prefix, kindFolder(k))
			f.add(fd)
			continue
		}
		for _, e := range f.records {
			if e.kind != kind {
				fd := at(e.ptr("/kind"), RulePlacement, fmt.Sprintf("%s %q is in %s%s/, the folder of %ss", withArticle(string(e.kind)), e.id, prefix, dir, kind))
				fd.hint = fmt.Sprintf("move the record to a file in %s%s/", prefix, kindFolder(e.kind))
				f.add(fd)
			}
		}
		stem := strings.TrimSuffix(name, ".json")
		if kind == record.KindEvent || kind == record.KindMeasure || kind == record.KindStatement {
			if len(stems) > 0 && !stems[stem] {
				fd := at("", RulePlacement, fmt.Sprintf("%s is not named after a source: %ss drawn from a source go in %s%s/SOURCE.json, SOURCE being the stem of the source's text file", f.path, kind, prefix, dir))
				if s := c.citedStem(f); s != "" {
					fd.hint = fmt.Sprintf("its records cite the source whose text is %s.txt: name the file %s%s/%s.json", s, prefix, dir, s)
				}
				f.add(fd)
			}
		}
	}
}

func knownFolders() string {
	var names []string
	for _, k := range record.Kinds {
		names = append(names, kindFolder(k)+"/")
	}
	return strings.Join(names, ", ")
}

// fileKind is the kind of all the records of a file, or "" when they differ.
func (c *crossCheck) fileKind(f *file) record.Kind {
	var k record.Kind
	for _, e := range f.records {
		if k != "" && e.kind != k {
			return ""
		}
		k = e.kind
	}
	return k
}

// citedStem is the text file stem of the source the file's first record
// cites first, or "".
func (c *crossCheck) citedStem(f *file) string {
	for _, e := range f.records {
		if e.cited == "" {
			continue
		}
		if s, ok := c.byID[e.cited]; ok && s.more != nil && s.source != nil && s.source.File != "" {
			return strings.TrimSuffix(s.source.File, path.Ext(s.source.File))
		}
		return ""
	}
	return ""
}
