package export_test

import (
	"slices"
	"testing"

	"curate/export"
)

// TestTableKeys checks every table's declaration against itself: unique
// column names, a primary key and foreign keys naming its own columns, and
// foreign keys referring to a column of a table that exists; and that every
// row has one cell per column.
func TestTableKeys(t *testing.T) {
	ds, set := loadTiny(t)
	tables := export.Tables(ds, set)
	byName := map[string]*export.Table{}
	for _, tb := range tables {
		byName[tb.Name] = tb
	}
	for _, tb := range tables {
		names := columnNames(tb)
		seen := map[string]bool{}
		for _, n := range names {
			if seen[n] {
				t.Errorf("%s: column %s twice", tb.Name, n)
			}
			seen[n] = true
		}
		if len(tb.PrimaryKey) == 0 {
			t.Errorf("%s: no primary key", tb.Name)
		}
		for _, k := range tb.PrimaryKey {
			if !seen[k] {
				t.Errorf("%s: primary key column %s is not a column", tb.Name, k)
			}
		}
		for _, fk := range tb.ForeignKeys {
			if !seen[fk.Column] {
				t.Errorf("%s: foreign key column %s is not a column", tb.Name, fk.Column)
			}
			ref, ok := byName[fk.Table]
			if !ok {
				t.Errorf("%s: foreign key %s refers to no table %s", tb.Name, fk.Column, fk.Table)
				continue
			}
			if !slices.Contains(columnNames(ref), fk.RefColumn) {
				t.Errorf("%s: foreign key %s refers to %s.%s, not a column", tb.Name, fk.Column, fk.Table, fk.RefColumn)
			}
		}
		n := 0
		for row := range tb.Rows {
			n++
			if len(row) != len(tb.Columns) {
				t.Errorf("%s row %d: %d cells, %d columns", tb.Name, n, len(row), len(tb.Columns))
			}
		}
		if n != tb.Len {
			t.Errorf("%s: %d rows, Len %d", tb.Name, n, tb.Len)
		}
	}
}
