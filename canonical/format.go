// Package canonical owns the canonical form of dataset files, the one way
// "curate fmt" writes them and "curate fmt --check" holds them to:
//
//   - "$schema" first (added when missing: see SchemaRef), then every
//     object's keys in the order the schema's "properties" give them, at
//     every level (each record by its kind's schema, following $ref, items,
//     allOf and if/then into dates, citations, figures, targets, aliases,
//     ...); keys the schema does not know follow the known ones, in the
//     order they were written;
//   - the records of a records file sorted by id (stably: records with
//     equal ids keep their order, records without an id follow the others
//     in their order);
//   - two spaces of indent, one member or item per line, as encoding/json's
//     MarshalIndent lays them out;
//   - strings with only '"', '\\' and control characters escaped, every
//     other character (accented, Cyrillic, emoji, U+2028) written as itself,
//     and no HTML escaping;
//   - numbers exactly as written (1.50 stays 1.50, 1e3 stays 1e3);
//   - one final newline, LF line endings.
//
// Formatting never changes a value: it moves keys and records and rewrites
// white space and escapes, nothing else, and formatting its own output gives
// the same bytes. It refuses a file that jsonpos.Parse finds any problem in.
package canonical

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"strings"

	"curate/diag"
	"curate/jsonpos"
	"curate/schema"
)

// Rule is the catalogue entry of the diagnostics Check reports.
var Rule = diag.Rule{
	ID:      RuleID,
	Summary: "every dataset file is in canonical form (curate fmt)",
	Help: "The file differs from what curate fmt writes: keys in the schema's order, records sorted by id, " +
		"two-space indent with one member or item per line, characters written as themselves, numbers as written, " +
		"one final newline. Run curate fmt on the file: it changes no value, only the layout and the order of keys and records.",
}

// RuleID is the rule of a file not in canonical form.
const RuleID = "fmt"

// MetadataFile is the name of the dataset's metadata file, which follows the
// dataset schema; every other file follows the records schema.
const MetadataFile = "dataset.json"

// SchemaFile returns the schema file a dataset file follows, by its name:
// schema.DatasetFile for dataset.json, schema.RecordsFile for any other.
func SchemaFile(name string) string {
	if baseName(name) == MetadataFile {
		return schema.DatasetFile
	}
	return schema.RecordsFile
}

func baseName(name string) string {
	name = strings.ReplaceAll(name, "\\", "/")
	return name[strings.LastIndexByte(name, '/')+1:]
}

// Formatter puts dataset files into canonical form with a schema's key
// order.
type Formatter struct {
	schemas *Schemas
}

// New returns a Formatter that orders keys as the schema files of set
// order their properties.
func New(set *schema.Set) (*Formatter, error) {
	names, files := set.Files()
	s, err := NewSchemas(schema.Base, names, files)
	if err != nil {
		return nil, err
	}
	for _, name := range []string{schema.RecordsFile, schema.DatasetFile} {
		if _, ok := s.Root(schema.Base + name); !ok {
			return nil, fmt.Errorf("the schema has no %s", name)
		}
	}
	return &Formatter{schemas: s}, nil
}

// Result is a file in canonical form and what formatting changed.
type Result struct {
	Output []byte // the canonical form
	// Records counts the items of the records array of a records file.
	Records int
	// SchemaAdded reports that "$schema" was missing and was added.
	SchemaAdded bool
	// KeysMoved reports that some object's keys were out of the schema's
	// order.
	KeysMoved bool
	// RecordsMoved reports that the records were not sorted by id.
	RecordsMoved bool
	// Layout reports that the text differs from the canonical layout of
	// its own keys and records: indent, line breaks, escapes, the final
	// newline.
	Layout bool
}

// Changed reports whether the file was not in canonical form.
func (r *Result) Changed() bool { return r.SchemaAdded || r.KeysMoved || r.RecordsMoved || r.Layout }

// Format returns the canonical form of data, a dataset file named name
// (dataset.json follows the dataset schema, any other name the records
// schema). schemaRef is the "$schema" to add when the file has none (""
// adds none). When jsonpos.Parse finds any problem in data, Format returns
// its errors and no result.
func (f *Formatter) Format(name string, data []byte, schemaRef string) (*Result, []*jsonpos.Error) {
	if _, errs := jsonpos.Parse(data); len(errs) > 0 {
		return nil, errs
	}
	v, err := Decode(data)
	if err != nil {
		// jsonpos accepted what encoding/json refuses: report it as
		// jsonpos would, at the start.
		return nil, []*jsonpos.Error{{Offset: 0, Rule: jsonpos.RuleSyntax, Msg: "cannot be read: " + err.Error(), Related: -1}}
	}
	res := &Result{}
	res.Layout = !bytes.Equal(Encode(v), data)
	root, _ := f.schemas.Root(schema.Base + SchemaFile(name))
	top, isObject := v.(*Object)
	if isObject && schemaRef != "" {
		if _, ok := top.Get("$schema"); !ok {
			top.Members = slices.Insert(top.Members, 0, Member{"$schema", schemaRef})
			res.SchemaAdded = true
		}
	}
	v = f.schemas.reorder(v, []Loc{root}, &res.KeysMoved)
	if isObject {
		top = v.(*Object)
		// "$schema" first, whatever the schema's order.
		if i := slices.IndexFunc(top.Members, func(m Member) bool { return m.Key == "$schema" }); i > 0 {
			m := top.Members[i]
			top.Members = slices.Insert(slices.Delete(top.Members, i, i+1), 0, m)
			res.KeysMoved = true
		}
		if SchemaFile(name) == schema.RecordsFile {
			if recs, ok := top.Get("records"); ok {
				if a, ok := recs.([]any); ok {
					res.Records = len(a)
					res.RecordsMoved = SortRecords(a)
				}
			}
		}
	}
	res.Output = Encode(v)
	return res, nil
}

// reorder puts the keys of v's objects in the order the schemas at locs
// give, at every level, and sets *moved when a key moved.
func (s *Schemas) reorder(v any, locs []Loc, moved *bool) any {
	switch t := v.(type) {
	case *Object:
		sh := s.expand(locs, v)
		members := make([]Member, 0, len(t.Members))
		for _, k := range sh.order {
			if val, ok := t.Get(k); ok {
				members = append(members, Member{k, s.reorder(val, sh.props[k], moved)})
			}
		}
		for _, m := range t.Members {
			if _, known := sh.props[m.Key]; !known {
				members = append(members, Member{m.Key, s.reorder(m.Value, sh.extra, moved)})
			}
		}
		for i := range members {
			if members[i].Key != t.Members[i].Key {
				*moved = true
				break
			}
		}
		t.Members = members
		return t
	case []any:
		items := s.expand(locs, v).items
		for i, x := range t {
			t[i] = s.reorder(x, items, moved)
		}
		return t
	}
	return v
}

// SortRecords sorts records by their "id" in place, stably: records with
// equal ids keep their order, and records without a string id follow the
// others in their order. It reports whether any record moved.
func SortRecords(records []any) bool {
	type rec struct {
		id    string
		hasID bool
		v     any
	}
	rs := make([]rec, len(records))
	for i, r := range records {
		rs[i].v = r
		if o, ok := r.(*Object); ok {
			rs[i].id, rs[i].hasID = getString(o, "id")
		}
	}
	slices.SortStableFunc(rs, func(a, b rec) int {
		if a.hasID != b.hasID {
			if a.hasID {
				return -1
			}
			return 1
		}
		return cmp.Compare(a.id, b.id)
	})
	moved := false
	for i := range rs {
		if rs[i].v != records[i] {
			moved = true
		}
		records[i] = rs[i].v
	}
	return moved
}

// Check formats data (see Format) and returns the result with what is
// wrong with the file as diagnostics of the file file: jsonpos's errors
// when it does not parse (and then no result), or one diagnostic of rule
// "fmt" at the first line and column that differ from the canonical form.
func (f *Formatter) Check(file string, data []byte, schemaRef string) (*Result, diag.List) {
	res, errs := f.Format(file, data, schemaRef)
	if errs != nil {
		return nil, ParseDiagnostics(file, data, errs)
	}
	if !res.Changed() {
		return res, nil
	}
	off := firstDifference(data, res.Output)
	line, col := jsonpos.NewLines(data).Position(off)
	return res, diag.List{{
		File:     file,
		Pos:      diag.Position{Line: line, Column: col, Offset: off},
		Severity: diag.Error,
		Rule:     RuleID,
		Message:  "not in canonical form: " + strings.Join(reasons(res, data), "; "),
		Hint:     "run curate fmt " + file,
	}}
}

// ParseDiagnostics turns jsonpos's errors in data into diagnostics of the
// file file, located by line and column.
func ParseDiagnostics(file string, data []byte, errs []*jsonpos.Error) diag.List {
	lines := jsonpos.NewLines(data)
	var l diag.List
	for _, e := range errs {
		line, col := lines.Position(e.Offset)
		d := diag.Diagnostic{File: file, Pos: diag.Position{Line: line, Column: col, Offset: e.Offset}, Pointer: e.Pointer,
			Severity: diag.Error, Rule: e.Rule, Message: e.Msg, Hint: "curate fmt rewrites only a file that parses: fix this first"}
		if e.Related >= 0 {
			rl, rc := lines.Position(e.Related)
			d.Related = []diag.Related{{File: file, Pos: diag.Position{Line: rl, Column: rc, Offset: e.Related}, Pointer: e.Pointer, Message: "first occurrence"}}
		}
		l = append(l, d)
	}
	return l
}

// firstDifference returns the offset of the first byte where a and b
// differ (the length of the shorter when one is a prefix of the other).
func firstDifference(a, b []byte) int {
	n := min(len(a), len(b))
	for i := range n {
		if a[i] != b[i] {
			return i
		}
	}
	return n
}

// reasons says what makes a file differ from its canonical form: what
// moved, and what in the layout differs.
func reasons(res *Result, data []byte) []string {
	var rs []string
	if res.SchemaAdded {
		rs = append(rs, `no "$schema"`)
	}
	if res.KeysMoved {
		rs = append(rs, "keys out of the schema's order")
	}
	if res.RecordsMoved {
		rs = append(rs, "records not sorted by id")
	}
	if res.Layout {
		rs = append(rs, layoutReason(data))
	}
	return rs
}

// layoutReason names what differs first between data and the canonical
// layout of its own keys and records (without moving any).
func layoutReason(data []byte) string {
	v, err := Decode(data)
	if err != nil {
		return "layout"
	}
	out := Encode(v)
	off := firstDifference(data, out)
	switch {
	case bytes.IndexByte(data[:min(off+1, len(data))], '\r') >= 0:
		return "line endings (write LF, not CRLF or CR)"
	case off >= len(data):
		return "no final newline"
	case off >= len(out):
		return "white space after the final newline"
	case data[off] == '\\' || out[off] == '\\' || off > 0 && data[off-1] == '\\':
		return `escapes (write characters as themselves; escape only ", \ and control characters)`
	}
	return "indentation and line breaks (two spaces, one member or item per line)"
}
