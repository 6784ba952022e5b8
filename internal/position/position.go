// Package position turns places in a JSON document into the positions a
// report shows: the value at a JSON pointer, the property name it ends in,
// a character inside its string value, or a known byte offset, each as a
// line, a column and a byte offset. A pointer whose value is missing falls
// back to the nearest enclosing value that is there.
package position

import (
	"strings"

	"curate/diag"
	"curate/jsonpos"
)

// Doc is a document's text with the locations of some of its values.
type Doc struct {
	data  []byte
	lines *jsonpos.Lines
	locs  map[string]jsonpos.Loc
}

// New locates pointers in data (see jsonpos.Locate), for Of.
func New(data []byte, pointers []string) *Doc {
	return &Doc{data: data, lines: jsonpos.NewLines(data), locs: jsonpos.Locate(data, pointers)}
}

// Of returns the position (see jsonpos.Lines.Position) of offset, when it
// is not negative; otherwise of the value at pointer (one of those
// located), of its property name with atKey, or, when inner is not
// negative, of the byte at inner in its decoded string value (see
// jsonpos.StringOffset). For a pointer whose value is missing it falls back
// to the nearest enclosing value that was located, the value itself. It
// returns diag.NoPos when there is none, and for a nil *Doc (a document
// that could not be read back).
func (d *Doc) Of(pointer string, atKey bool, offset, inner int) diag.Position {
	if d == nil {
		return diag.NoPos
	}
	if offset < 0 {
		loc, ok := d.locs[pointer]
		for !ok && pointer != "" {
			pointer = pointer[:strings.LastIndexByte(pointer, '/')]
			loc, ok = d.locs[pointer]
			atKey, inner = false, -1
		}
		if !ok {
			return diag.NoPos
		}
		offset = loc.Value
		if atKey && loc.Key >= 0 {
			offset = loc.Key
		}
		if inner >= 0 {
			if off, ok := jsonpos.StringOffset(d.data, loc.Value, inner); ok {
				offset = off
			}
		}
	}
	line, col := d.lines.Position(offset)
	return diag.Position{Line: line, Column: col, Offset: offset}
}
