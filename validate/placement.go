package validate

import (
	"curate/internal/placement"
	"curate/record"
)

// placement checks where each file of the dataset rooted at root (a display
// path) sits (see package placement).
func (c *crossCheck) placement(root string) {
	files := make([]placement.File, len(c.files))
	for i, f := range c.files {
		files[i] = f
	}
	sources := map[string]string{} // the text file of each source, by id
	for id, e := range c.byID {
		if e.more != nil && e.source != nil {
			sources[id] = e.source.File
		}
	}
	for _, p := range placement.Check(root, files, sources) {
		f := c.files[p.File]
		ptr := ""
		if p.Record >= 0 {
			ptr = f.records[p.Record].ptr("/kind")
		}
		fd := at(ptr, RulePlacement, p.Msg)
		fd.hint = p.Hint
		f.add(fd)
	}
}

// Path is the file's display path (placement.File).
func (f *file) Path() string { return f.path }

// Len is how many records the file holds (placement.File).
func (f *file) Len() int { return len(f.records) }

// Record returns what placement needs of record i (placement.File).
func (f *file) Record(i int) (kind record.Kind, id, cited string) {
	e := f.records[i]
	return e.kind, e.id, e.cited
}
