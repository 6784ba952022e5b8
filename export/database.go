package export

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"curate/export/sqlite"
	"curate/export/table"
)

// SQLiteFile is the SQLite database's name inside an export directory
// (and a release bundle).
const SQLiteFile = "curate.sqlite"

// Names of the SQLite database's codebook tables.
const (
	CodebookTablesTable = "codebook_tables"
	CodebookTable       = "codebook"
)

// sqlType returns the SQLite type of a column: TEXT for strings and dates
// (ISO 8601, YYYY-MM-DD, which sort and compare as dates and which
// SQLite's date functions read), INTEGER, REAL (a double, as in Parquet).
func sqlType(c table.Column) string {
	switch c.Type {
	case table.Integer:
		return sqlite.Integer
	case table.Number:
		return sqlite.Real
	}
	return sqlite.Text
}

// sqlColumn returns the database column of a table column: a date column
// is checked to hold a day as YYYY-MM-DD (date() gives the same text back
// for such a day only).
func sqlColumn(c table.Column) sqlite.Column {
	col := sqlite.Column{Name: c.Name, Type: sqlType(c), NotNull: c.Required}
	if c.Type == table.Date {
		q := sqlite.Quote(c.Name)
		col.Check = q + " IS NULL OR date(" + q + ") IS " + q
	}
	return col
}

// sqlCell converts a table cell to the value stored: dates as YYYY-MM-DD
// text, numbers as doubles. A number that is no double (validation lets
// none through: see the number-range rule) is kept as written, as text.
func sqlCell(v any) any {
	switch t := v.(type) {
	case time.Time:
		return table.Text(t)
	case json.Number:
		if f, err := strconv.ParseFloat(string(t), 64); err == nil {
			return f
		}
		return string(t)
	}
	return v
}

// SQLiteSchema returns the database's tables (without their rows) and
// views: each normalised table with its types, keys and foreign keys; the
// codebook tables; and each flat table as a view over the normalised ones.
func SQLiteSchema(tables []*table.Table) ([]sqlite.Table, []sqlite.View) {
	var ts []sqlite.Table
	var vs []sqlite.View
	for _, t := range tables {
		if t.Derived != nil {
			vs = append(vs, sqlite.View{Name: t.Name, SQL: t.Derived.SQL})
			continue
		}
		st := sqlite.Table{Name: t.Name, PrimaryKey: t.PrimaryKey}
		for _, c := range t.Columns {
			st.Columns = append(st.Columns, sqlColumn(c))
		}
		for _, fk := range t.ForeignKeys {
			st.ForeignKeys = append(st.ForeignKeys, sqlite.ForeignKey{Column: fk.Column, Table: fk.Table, RefColumn: fk.RefColumn})
		}
		st.Rows = func(yield func([]any) bool) {
			out := make([]any, len(t.Columns))
			for row := range t.Rows {
				for i, v := range row {
					out[i] = sqlCell(v)
				}
				if !yield(out) {
					return
				}
			}
		}
		ts = append(ts, st)
	}
	ts = append(ts, codebookTables(tables)...)
	return ts, vs
}

// codebookTables are the database's own codebook: codebook_tables, a row
// per table and view with its description and notes, and codebook, a row
// per column with its type, whether it is required and its description.
func codebookTables(tables []*table.Table) []sqlite.Table {
	text := func(name string, notNull bool) sqlite.Column {
		return sqlite.Column{Name: name, Type: sqlite.Text, NotNull: notNull}
	}
	return []sqlite.Table{
		{
			Name: CodebookTablesTable,
			Columns: []sqlite.Column{
				text("table_name", true),
				{Name: "kind", Type: sqlite.Text, NotNull: true, Check: `"kind" IN ('table', 'view')`},
				text("description", true),
				text("notes", false),
				text("primary_key", true),
			},
			PrimaryKey: []string{"table_name"},
			Rows: func(yield func([]any) bool) {
				for _, t := range tables {
					kind := "table"
					if t.Derived != nil {
						kind = "view"
					}
					var notes any
					if len(t.Notes) > 0 {
						notes = strings.Join(t.Notes, "\n\n")
					}
					if !yield([]any{t.Name, kind, t.Description, notes, strings.Join(t.PrimaryKey, ", ")}) {
						return
					}
				}
			},
		},
		{
			Name: CodebookTable,
			Columns: []sqlite.Column{
				text("table_name", true),
				{Name: "position", Type: sqlite.Integer, NotNull: true},
				text("column_name", true),
				text("type", true),
				text("sql_type", true),
				{Name: "required", Type: sqlite.Integer, NotNull: true, Check: `"required" IN (0, 1)`},
				text("description", true),
			},
			PrimaryKey:  []string{"table_name", "position"},
			ForeignKeys: []sqlite.ForeignKey{{Column: "table_name", Table: CodebookTablesTable, RefColumn: "table_name"}},
			Rows: func(yield func([]any) bool) {
				for _, t := range tables {
					for i, c := range t.Columns {
						req := 0
						if c.Required {
							req = 1
						}
						if !yield([]any{t.Name, i + 1, c.Name, string(c.Type), sqlType(c), req, c.Description}) {
							return
						}
					}
				}
			},
		},
	}
}

// WriteSQLite writes the tables as one SQLite database (SQLiteSchema):
// the normalised tables with their rows, the codebook, and the flat
// tables as views. The same tables give the same bytes.
func WriteSQLite(w io.Writer, tables []*table.Table) error {
	ts, vs := SQLiteSchema(tables)
	if err := sqlite.Write(w, ts, vs); err != nil {
		return fmt.Errorf("%s: %w", SQLiteFile, err)
	}
	return nil
}
