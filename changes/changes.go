// Package changes says what changed between two versions of the dataset:
// the records added, the records removed, and for each record changed, every
// value that differs, named by its JSON pointer within the record (RFC 6901)
// with its old and new values. Compare builds the one list, a Report; its
// writers (text, JSON, CSV, and the release bundle's CHANGES.md) are views
// of it.
//
// Records are compared as the dataset files hold them: each record's JSON
// form (the record model, field for field as the schema defines it), so a
// pointer is the one a curator would find in the file. Objects are compared
// member by member; lists item by item, at the same position (an item
// inserted at the front shows as a change at every position after it, then
// an addition at the end); a number differs when it is written differently
// (1.5 and 1.50 differ, as the files and the exports keep numbers as
// written). An absent value and an empty list are the same: the model does
// not tell them apart.
//
// The order is fixed: by kind in the order of record.Kinds (actors,
// sources, events, measures, statements), then by id, then by pointer,
// segment by segment, list positions in numeric order.
package changes

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"curate/record"
)

// The three kinds of change to a record.
const (
	Added   = "added"
	Removed = "removed"
	Changed = "changed"
)

// Field is one value that differs within a changed record.
type Field struct {
	// Pointer is the value's JSON pointer within the record, e.g.
	// "/citations/0/evidence".
	Pointer string
	// Old and New are the values as compact JSON; nil where the value is
	// absent (a property added or removed, an item beyond the end of a
	// list).
	Old, New json.RawMessage
}

// Record is a record added, removed or changed.
type Record struct {
	Kind   record.Kind
	ID     string
	Change string  // Added, Removed or Changed
	Fields []Field // the values that differ, for Changed; sorted by pointer
}

// Report is what changed from one version of the dataset to another.
type Report struct {
	// Old and New are the versions compared (dataset.json's version).
	Old, New string
	// Records are the records added, removed or changed, sorted by kind,
	// then id.
	Records []Record
}

// Counts are the numbers of records added, removed and changed, and of the
// values changed in them.
type Counts struct {
	Added, Removed, Changed, Values int
}

// Counts counts the report's records, of every kind when kind is "", else
// of that kind.
func (r *Report) Counts(kind record.Kind) Counts {
	var c Counts
	for _, rec := range r.Records {
		if kind != "" && rec.Kind != kind {
			continue
		}
		switch rec.Change {
		case Added:
			c.Added++
		case Removed:
			c.Removed++
		case Changed:
			c.Changed++
			c.Values += len(rec.Fields)
		}
	}
	return c
}

// Compare returns what changed from old to new.
func Compare(old, new *record.Dataset) (*Report, error) {
	rep := &Report{Old: old.Meta.Version, New: new.Meta.Version}
	before, err := byKind(old)
	if err != nil {
		return nil, err
	}
	after, err := byKind(new)
	if err != nil {
		return nil, err
	}
	for _, k := range record.Kinds {
		a, b := before[k], after[k]
		ids := make([]string, 0, len(a)+len(b))
		for id := range a {
			ids = append(ids, id)
		}
		for id := range b {
			if _, ok := a[id]; !ok {
				ids = append(ids, id)
			}
		}
		slices.Sort(ids)
		for _, id := range ids {
			x, inOld := a[id]
			y, inNew := b[id]
			switch {
			case !inOld:
				rep.Records = append(rep.Records, Record{Kind: k, ID: id, Change: Added})
			case !inNew:
				rep.Records = append(rep.Records, Record{Kind: k, ID: id, Change: Removed})
			default:
				var fields []Field
				diff("", x, y, &fields)
				if len(fields) > 0 {
					slices.SortFunc(fields, func(p, q Field) int { return ComparePointers(p.Pointer, q.Pointer) })
					rep.Records = append(rep.Records, Record{Kind: k, ID: id, Change: Changed, Fields: fields})
				}
			}
		}
	}
	return rep, nil
}

// byKind returns each record's JSON form (as encoding/json decodes it, with
// numbers as json.Number), by kind and id.
func byKind(ds *record.Dataset) (map[record.Kind]map[string]any, error) {
	out := map[record.Kind]map[string]any{}
	for r := range ds.All() {
		b, err := json.Marshal(r)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", r.RecordID(), err)
		}
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.UseNumber()
		var v any
		if err := dec.Decode(&v); err != nil {
			return nil, fmt.Errorf("%s: %w", r.RecordID(), err)
		}
		m := out[r.RecordKind()]
		if m == nil {
			m = map[string]any{}
			out[r.RecordKind()] = m
		}
		m[r.RecordID()] = v
	}
	return out, nil
}

// diff appends to out every value that differs between a and b (nil:
// absent) at or below the pointer ptr.
func diff(ptr string, a, b any, out *[]Field) {
	switch x := a.(type) {
	case map[string]any:
		if y, ok := b.(map[string]any); ok {
			for k, v := range x {
				diff(ptr+"/"+escape(k), v, y[k], out)
			}
			for k, v := range y {
				if _, ok := x[k]; !ok {
					diff(ptr+"/"+escape(k), nil, v, out)
				}
			}
			return
		}
	case []any:
		if y, ok := b.([]any); ok {
			for i := range max(len(x), len(y)) {
				var v, w any
				if i < len(x) {
					v = x[i]
				}
				if i < len(y) {
					w = y[i]
				}
				diff(ptr+"/"+strconv.Itoa(i), v, w, out)
			}
			return
		}
	}
	if equal(a, b) {
		return
	}
	*out = append(*out, Field{Pointer: ptr, Old: encode(a), New: encode(b)})
}

// equal reports whether two decoded JSON values are the same, numbers
// compared as written.
func equal(a, b any) bool {
	switch x := a.(type) {
	case nil:
		return b == nil
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for k, v := range x {
			w, ok := y[k]
			if !ok || !equal(v, w) {
				return false
			}
		}
		return true
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !equal(x[i], y[i]) {
				return false
			}
		}
		return true
	}
	return a == b
}

// encode returns v as compact JSON, characters written as themselves
// (control characters escaped), object members sorted by name; nil for nil.
func encode(v any) json.RawMessage {
	if v == nil {
		return nil
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic(err) // decoded JSON always encodes
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

// escape escapes a property name as a JSON pointer segment.
func escape(s string) string {
	return strings.NewReplacer("~", "~0", "/", "~1").Replace(s)
}

// ComparePointers orders JSON pointers segment by segment: list positions
// (segments of digits) by number, names by their bytes, a pointer before
// the pointers below it.
func ComparePointers(p, q string) int {
	a, b := strings.Split(p, "/"), strings.Split(q, "/")
	for i := range min(len(a), len(b)) {
		if c := compareSegment(a[i], b[i]); c != 0 {
			return c
		}
	}
	return cmp.Compare(len(a), len(b))
}

func compareSegment(a, b string) int {
	if isIndex(a) && isIndex(b) {
		if c := cmp.Compare(len(a), len(b)); c != 0 {
			return c // no leading zeros: the longer is the larger
		}
	}
	return strings.Compare(a, b)
}

func isIndex(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
