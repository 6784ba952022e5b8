package table_test

import (
	"curate/export/internal/exporttest"
	"slices"
	"strings"
	"testing"

	"curate/export/table"
	"curate/record"
)

// TestTableKeys checks every table's declaration against itself: unique
// column names, a primary key and foreign keys naming its own columns, and
// foreign keys referring to a column of a table that exists; and that every
// row has one cell per column.
func TestTableKeys(t *testing.T) {
	ds, set := exporttest.Tiny(t)
	tables := table.Tables(ds, set)
	byName := map[string]*table.Table{}
	for _, tb := range tables {
		byName[tb.Name] = tb
	}
	for _, tb := range tables {
		names := exporttest.ColumnNames(tb)
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
			if !slices.Contains(exporttest.ColumnNames(ref), fk.RefColumn) {
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

// TestEveryExcerptExported checks that every excerpt a record holds
// (record.Record.Excerpts: its citations, and an actor's alias citations)
// is a row of the tables, citations or actor_aliases, and that these
// tables hold nothing else.
func TestEveryExcerptExported(t *testing.T) {
	tiny, set := exporttest.Tiny(t)
	for _, tc := range []struct {
		name string
		ds   *record.Dataset
	}{{"tiny", tiny}, {"synthetic", exporttest.Synthetic()}} {
		t.Run(tc.name, func(t *testing.T) {
			files := exporttest.CSVOf(t, table.Tables(tc.ds, set))
			var rows []string
			for _, x := range []struct{ table, owner string }{{"citations", "record_id"}, {"actor_aliases", "actor_id"}} {
				c := exporttest.ReadCSV(t, x.table, files[x.table])
				for _, r := range c.Rows {
					rows = append(rows, strings.Join([]string{c.Get(r, x.owner), c.Get(r, "source_id"), c.Get(r, "evidence"), c.Get(r, "locator")}, "\x00"))
				}
			}
			var want []string
			for r := range tc.ds.All() {
				for _, e := range r.Excerpts() {
					want = append(want, strings.Join([]string{r.RecordID(), e.Source, e.Evidence, e.Locator}, "\x00"))
				}
			}
			slices.Sort(rows)
			slices.Sort(want)
			if !slices.Equal(rows, want) {
				t.Errorf("citations and actor_aliases hold %d excerpts, the records %d; they differ", len(rows), len(want))
			}
		})
	}
}
