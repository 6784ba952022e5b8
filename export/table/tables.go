// Package table is the model of every tabular export: the dataset as
// tables (Tables), with their columns, types, keys and cells. The CSV
// files, the workbook's sheets, the Parquet files, the SQLite database and
// the bundle's datapackage.json and CODEBOOK.md are views of them, so they
// agree column for column and cell for cell. Each table is declared once,
// as a list of columns that each carry their name, type, codebook
// description and the function giving their cell, so a header cannot drift
// from its cells. The flat tables (measures_flat, events_flat,
// statements_flat) are derived from the normalised ones, each column with
// the SQL that gives it (Derived). A date's derived fields are computed
// here once, for the tables and for JSON-LD (DateColumns).
//
// The tables read their records from a Source: a dataset in memory or a
// store on disk.
package table

import (
	"encoding/json"
	"iter"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"curate/internal/iso3166"
	"curate/record"
	"curate/schema"
)

// Type is a column's type, as Table Schema (Frictionless) names it.
type Type string

// Column types.
const (
	String  Type = "string"
	Date    Type = "date"    // a day; cells hold time.Time (UTC midnight)
	Number  Type = "number"  // cells hold json.Number
	Integer Type = "integer" // cells hold int
)

// Column describes one column of a table.
type Column struct {
	Name        string
	Type        Type
	Format      string // "uri" for web addresses, "" otherwise
	Required    bool   // never empty
	Description string // from the schema: the codebook
}

// ForeignKey says that a column holds ids of another table's rows.
type ForeignKey struct {
	Column    string
	Table     string
	RefColumn string
}

// Table is one table of the export: a record kind, a registry, or a link
// table for a list inside records.
type Table struct {
	Name        string
	Description string
	// Notes are paragraphs for researchers beyond the column descriptions
	// (how to derive a classification from the table, what a value maps
	// to in other datasets), shown in the codebook and the workbook.
	Notes       []string
	Columns     []Column
	PrimaryKey  []string
	ForeignKeys []ForeignKey
	// Rows yields the rows in order (sorted by id, then position). A cell is
	// nil when empty, otherwise a string, a time.Time (Date), a json.Number
	// (Number) or an int (Integer). A row is the iterator's: it may be
	// reused for the next, so a caller that keeps one copies it.
	Rows iter.Seq[[]any]
	// Len is the number of rows.
	Len int
	// Derived is set for a flat table, derived from the normalised
	// tables (the SQLite database holds it as a view); nil for those.
	Derived *Derived
	// count gives the number of rows a record has in the table (0 for a
	// record of another kind): the rows are counted in one pass over
	// the records for every table.
	count func(record.Record) int
}

// Tables returns the dataset as tables, in a fixed order: first the flat
// tables (measures_flat, events_flat, statements_flat: one row per record,
// with names beside ids, derived from the others), then the normalised
// tables: for each kind its main table followed by its link tables, then
// the citations of all kinds.
func Tables(ds *record.Dataset, set *schema.Set) []*Table {
	return FromSource(datasetSource{ds}, set)
}

// FromSource returns the tables of the records of src (see Tables). One pass
// over the records, a goroutine per kind, counts every table's rows and
// gathers the names the flat tables show.
func FromSource(src Source, set *schema.Set) []*Table {
	b := builder{set}
	n := &names{actor: map[string]string{}, event: map[string]string{}, measure: map[string]string{}}
	eventsFlat, events := eventTables(b, src, n)
	measuresFlat, measures := measureTables(b, src, n)
	statementsFlat, statements := statementTables(b, src, n)
	ts := slices.Concat(
		[]*Table{measuresFlat, eventsFlat, statementsFlat},
		actorTables(b, src),
		sourceTables(b, src),
		events,
		measures,
		statements,
		[]*Table{citationTable(b, src)},
	)
	counts := make([][]int, len(record.Kinds))
	var wg sync.WaitGroup
	for k, kind := range record.Kinds {
		counts[k] = make([]int, len(ts))
		wg.Go(func() {
			c := counts[k]
			add := func(r record.Record) {
				for i, t := range ts {
					c[i] += t.count(r)
				}
			}
			switch kind {
			case record.KindActor:
				n.actor = make(map[string]string, src.Count(kind))
				for a := range src.Actors() {
					n.actor[strings.Clone(a.ID)] = strings.Clone(a.Label)
					add(a)
				}
			case record.KindSource:
				for s := range src.Sources() {
					add(s)
				}
			case record.KindEvent:
				n.event = make(map[string]string, src.Count(kind))
				for e := range src.Events() {
					n.event[strings.Clone(e.ID)] = strings.Clone(e.Title)
					add(e)
				}
			case record.KindMeasure:
				n.measure = make(map[string]string, src.Count(kind))
				for m := range src.Measures() {
					n.measure[strings.Clone(m.ID)] = strings.Clone(m.Title)
					add(m)
				}
			case record.KindStatement:
				for s := range src.Statements() {
					add(s)
				}
			}
		})
	}
	wg.Wait()
	for _, c := range counts {
		for i, x := range c {
			ts[i].Len += x
		}
	}
	return ts
}

// col is a column of a table whose rows are values of R (a pointer to a
// record or to a list item, or a record.Record): the column's definition and
// the function giving its cell from a row's value, declared together. A
// cell is nil when empty; see Table.Rows for the other values.
type col[R any] struct {
	Column
	cell func(R) any
}

// uri marks a column as holding web addresses.
func (c col[R]) uri() col[R] {
	c.Format = "uri"
	return c
}

// textCol is a column of strings: required, the value as it is; optional, nil
// (the empty cell) for "".
func textCol[R any](name string, required bool, desc string, get func(R) string) col[R] {
	c := col[R]{Column: Column{Name: name, Type: String, Required: required, Description: desc}}
	if required {
		c.cell = func(r R) any { return get(r) }
	} else {
		c.cell = func(r R) any { return str(get(r)) }
	}
	return c
}

// propCol is a string column taken from a record property of the same name,
// described by the schema.
func propCol[R any](s schemaFile, name string, required bool, get func(R) string) col[R] {
	return textCol(name, required, s.prop(name), get)
}

// numberCol is a column of numbers as written in the dataset.
func numberCol[R any](name string, required bool, desc string, get func(R) json.Number) col[R] {
	return col[R]{
		Column: Column{Name: name, Type: Number, Required: required, Description: desc},
		cell:   func(r R) any { return num(get(r)) },
	}
}

// idCol is the column of a list of ids: the item itself.
func idCol(name, desc string) col[*string] {
	return textCol(name, true, desc, func(s *string) string { return *s })
}

// countryCols are the columns of a country property: the ISO 3166-1
// alpha-2 code as recorded, then country_name, derived from it.
func countryCols[R any](s schemaFile, get func(R) string) []col[R] {
	return []col[R]{
		propCol(s, "country", false, get),
		textCol("country_name", false, countryNameDesc, func(r R) string { return CountryName(get(r)) }),
	}
}

// countryNameDesc describes a country_name column.
const countryNameDesc = "Derived from country: the country's English short name in ISO 3166-1 (from Debian's iso-codes), e.g. \"Ukraine\" for UA."

// CountryName is the English short name of an ISO 3166-1 alpha-2 code; ""
// for "" (and for a code the list lacks, which validation refuses).
func CountryName(code string) string {
	n, _ := iso3166.Name(code)
	return n
}

// positionCol is the column of a link table that keeps list order.
var positionCol = Column{Name: "position", Type: Integer, Required: true, Description: "Order of the item in the record's list, from 1."}

// tableDef declares a record kind's main table: one row per record.
// Its rows are values of R, *record.Actor for actors.
type tableDef[R any] struct {
	name, desc string
	notes      []string
	cols       []col[R]
	key        []string
	fks        []ForeignKey
}

// table makes the table of records, one row each, in order.
func (d tableDef[R]) table(records iter.Seq[R]) *Table {
	return &Table{
		Name:        d.name,
		Description: d.desc,
		Notes:       d.notes,
		Columns:     columns(d.cols),
		PrimaryKey:  d.key,
		ForeignKeys: d.fks,
		Rows: func(yield func([]any) bool) {
			row := make([]any, len(d.cols))
			for r := range records {
				for i, c := range d.cols {
					row[i] = c.cell(r)
				}
				if !yield(row) {
					return
				}
			}
		},
		count: func(r record.Record) int {
			if _, ok := any(r).(R); ok {
				return 1
			}
			return 0
		},
	}
}

// listDef declares a link table: one row per item of a list inside each
// owner record. A row is the owner's key columns, the item's position in the
// list (from 1), then the item's columns; the primary key is the first owner
// column and the position. Owners are values of O (*record.Event, or
// record.Record); an item's columns read a pointer to it.
type listDef[O, I any] struct {
	name, desc string
	notes      []string
	owner      []col[O]
	list       func(O) []I
	item       []col[*I]
	fks        []ForeignKey
}

// table makes the link table of the owners' lists, in the owners' order.
func (d listDef[O, I]) table(owners iter.Seq[O]) *Table {
	width := len(d.owner) + 1 + len(d.item)
	return &Table{
		Name:        d.name,
		Description: d.desc,
		Notes:       d.notes,
		Columns:     slices.Concat(columns(d.owner), []Column{positionCol}, columns(d.item)),
		PrimaryKey:  []string{d.owner[0].Name, positionCol.Name},
		ForeignKeys: d.fks,
		Rows: func(yield func([]any) bool) {
			row := make([]any, 0, width)
			for o := range owners {
				items := d.list(o)
				for i := range items {
					row = row[:0]
					for _, c := range d.owner {
						row = append(row, c.cell(o))
					}
					row = append(row, i+1)
					for _, c := range d.item {
						row = append(row, c.cell(&items[i]))
					}
					if !yield(row) {
						return
					}
				}
			}
		},
		count: func(r record.Record) int {
			if o, ok := any(r).(O); ok {
				return len(d.list(o))
			}
			return 0
		},
	}
}

// each yields a pointer to each element of s, in order.
func each[T any](s []T) iter.Seq[*T] {
	return func(yield func(*T) bool) {
		for i := range s {
			if !yield(&s[i]) {
				return
			}
		}
	}
}

// columns returns the definitions of cols.
func columns[R any](cols []col[R]) []Column {
	out := make([]Column, len(cols))
	for i, c := range cols {
		out[i] = c.Column
	}
	return out
}

// builder describes columns from the schema.
type builder struct {
	set *schema.Set // nil: no descriptions (JSON-LD reads columns without them)
}

// file returns the descriptions of one schema file.
func (b builder) file(name string) schemaFile { return schemaFile{b.set, name} }

// schemaFile gives the descriptions in one schema file.
type schemaFile struct {
	set  *schema.Set
	name string
}

// desc is the description at a JSON pointer of the file ("" for the whole
// schema).
func (s schemaFile) desc(ptr string) string {
	if s.set == nil {
		return ""
	}
	return s.set.Describe(schema.Base + s.name + "#" + ptr)
}

// prop is the description of a top-level property.
func (s schemaFile) prop(name string) string { return s.desc("/properties/" + name) }

// str turns "" into nil, the empty cell.
func str(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// num turns "" into nil, the empty cell.
func num(n json.Number) any {
	if n == "" {
		return nil
	}
	return n
}

// Text renders a cell as CSV text: dates as YYYY-MM-DD, numbers as written
// in the dataset, empty cells as "".
func Text(v any) string {
	switch t := v.(type) {
	case nil:
		return ""
	case string:
		return t
	case time.Time:
		return t.Format(time.DateOnly) // not edtf.ISO: 0001-01-01 is a day too
	case json.Number:
		return string(t)
	case int:
		return strconv.Itoa(t)
	}
	return ""
}
