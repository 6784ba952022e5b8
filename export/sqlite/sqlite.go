// Package sqlite writes tables and views into a SQLite database file, the
// same bytes for the same input: typed columns, primary and foreign keys,
// an index on every foreign-key column, views, and nothing that depends on
// the time, the machine or a random choice.
//
// It knows nothing of curate's records: package table declares the tables
// (table.Tables), package export turns them and their views into this
// package's (export.SQLiteSchema) and hands them to Write. The
// driver is modernc.org/sqlite, SQLite compiled to pure Go, so the export
// builds without cgo on every machine curate builds on.
package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"iter"
	"os"
	"path/filepath"
	"strings"

	_ "modernc.org/sqlite" // registers the driver "sqlite"
)

// Column types, as SQLite declares them.
const (
	Text    = "TEXT"
	Integer = "INTEGER"
	Real    = "REAL"
)

// Column is a column of a table.
type Column struct {
	Name    string
	Type    string // Text, Integer or Real
	NotNull bool
	// Check is an SQL expression every row satisfies (a CHECK constraint),
	// or "".
	Check string
}

// ForeignKey says that a column holds keys of another table's rows.
type ForeignKey struct {
	Column    string
	Table     string
	RefColumn string
}

// Table is a table of the database and its rows.
type Table struct {
	Name        string
	Columns     []Column
	PrimaryKey  []string
	ForeignKeys []ForeignKey
	// Rows yields the rows in the order they are inserted, one cell per
	// column: nil (NULL), a string, an int, an int64 or a float64.
	Rows iter.Seq[[]any]
}

// View is a view of the database: its name and its SELECT statement.
type View struct {
	Name string
	SQL  string
}

// PageSize is the database's page size in bytes, fixed so that the file
// does not depend on the default SQLite was built with.
const PageSize = 4096

// Quote quotes an SQL identifier.
func Quote(name string) string { return `"` + strings.ReplaceAll(name, `"`, `""`) + `"` }

// Schema returns the statements that create the tables, then the indexes
// (one per foreign-key column that is not the first column of its table's
// primary key, which its primary key's index already serves), then the
// views, in order. Write runs them.
func Schema(tables []Table, views []View) []string {
	var out []string
	for _, t := range tables {
		out = append(out, createTable(t))
	}
	for _, t := range tables {
		out = append(out, createIndexes(t)...)
	}
	for _, v := range views {
		out = append(out, "CREATE VIEW "+Quote(v.Name)+" AS\n"+v.SQL)
	}
	return out
}

func createTable(t Table) string {
	var b strings.Builder
	b.WriteString("CREATE TABLE " + Quote(t.Name) + " (")
	for i, c := range t.Columns {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString("\n  " + Quote(c.Name) + " " + c.Type)
		if c.NotNull {
			b.WriteString(" NOT NULL")
		}
		if c.Check != "" {
			b.WriteString(" CHECK (" + c.Check + ")")
		}
	}
	if len(t.PrimaryKey) > 0 {
		b.WriteString(",\n  PRIMARY KEY (" + quoteList(t.PrimaryKey) + ")")
	}
	for _, fk := range t.ForeignKeys {
		b.WriteString(",\n  FOREIGN KEY (" + Quote(fk.Column) + ") REFERENCES " + Quote(fk.Table) + " (" + Quote(fk.RefColumn) + ")")
	}
	b.WriteString("\n)")
	return b.String()
}

// IndexName is the name of the index on a foreign-key column.
func IndexName(table, column string) string { return table + "_" + column + "_fk" }

func createIndexes(t Table) []string {
	var out []string
	for _, fk := range t.ForeignKeys {
		if len(t.PrimaryKey) > 0 && t.PrimaryKey[0] == fk.Column {
			continue
		}
		out = append(out, "CREATE INDEX "+Quote(IndexName(t.Name, fk.Column))+" ON "+Quote(t.Name)+" ("+Quote(fk.Column)+")")
	}
	return out
}

func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = Quote(n)
	}
	return strings.Join(q, ", ")
}

// Write builds the database of the tables and views in a temporary file
// and copies it into w. The file is the same, byte for byte, for the same
// tables and rows: a fixed page size, no journal (so no WAL and no
// rollback file), rows inserted in the order given, the tables first, then
// the indexes and the views, and a VACUUM at the end, which rebuilds the
// file page by page in that order; SQLite stores no time. The foreign keys
// are declared, not enforced while rows go in (a table may refer to itself
// or to a later table); PRAGMA foreign_key_check runs before the VACUUM,
// and a violation is an error.
func Write(w io.Writer, tables []Table, views []View) (err error) {
	dir, err := os.MkdirTemp("", "curate-sqlite-*")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	p := filepath.Join(dir, "db.sqlite")
	if err := build(p, tables, views); err != nil {
		return err
	}
	f, err := os.Open(p)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = io.Copy(w, f)
	return err
}

// build writes the database into a new file p.
func build(p string, tables []Table, views []View) (err error) {
	ctx := context.Background()
	db, err := sql.Open("sqlite", p)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, db.Close()) }()
	// One connection: the pragmas hold per connection.
	db.SetMaxOpenConns(1)
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	for _, s := range []string{
		fmt.Sprintf("PRAGMA page_size = %d", PageSize),
		"PRAGMA journal_mode = OFF",
		"PRAGMA synchronous = OFF",
		"PRAGMA foreign_keys = OFF",
		"PRAGMA encoding = 'UTF-8'",
	} {
		if _, err := conn.ExecContext(ctx, s); err != nil {
			return fmt.Errorf("%s: %w", s, err)
		}
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, t := range tables {
		if _, err := tx.ExecContext(ctx, createTable(t)); err != nil {
			return fmt.Errorf("table %s: %w", t.Name, err)
		}
		if err := insert(ctx, tx, t); err != nil {
			return fmt.Errorf("table %s: %w", t.Name, err)
		}
	}
	for _, t := range tables {
		for _, s := range createIndexes(t) {
			if _, err := tx.ExecContext(ctx, s); err != nil {
				return fmt.Errorf("%s: %w", s, err)
			}
		}
	}
	for _, v := range views {
		if _, err := tx.ExecContext(ctx, "CREATE VIEW "+Quote(v.Name)+" AS\n"+v.SQL); err != nil {
			return fmt.Errorf("view %s: %w", v.Name, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	if err := foreignKeyCheck(ctx, conn); err != nil {
		return err
	}
	_, err = conn.ExecContext(ctx, "VACUUM")
	return err
}

// insert inserts the table's rows in order.
func insert(ctx context.Context, tx *sql.Tx, t Table) error {
	marks := strings.TrimSuffix(strings.Repeat("?, ", len(t.Columns)), ", ")
	cols := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		cols[i] = c.Name
	}
	stmt, err := tx.PrepareContext(ctx, "INSERT INTO "+Quote(t.Name)+" ("+quoteList(cols)+") VALUES ("+marks+")")
	if err != nil {
		return err
	}
	defer stmt.Close()
	n := 0
	for row := range t.Rows {
		n++
		if len(row) != len(t.Columns) {
			return fmt.Errorf("row %d has %d cells for %d columns", n, len(row), len(t.Columns))
		}
		if _, err := stmt.ExecContext(ctx, row...); err != nil {
			return fmt.Errorf("row %d: %w", n, err)
		}
	}
	return nil
}

// foreignKeyCheck runs PRAGMA foreign_key_check and returns an error naming
// the first violations.
func foreignKeyCheck(ctx context.Context, conn *sql.Conn) error {
	rows, err := conn.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		return err
	}
	defer rows.Close()
	var bad []string
	n := 0
	for rows.Next() {
		var table, parent string
		var rowid sql.NullInt64
		var fkid int
		if err := rows.Scan(&table, &rowid, &parent, &fkid); err != nil {
			return err
		}
		if n++; n <= 3 {
			bad = append(bad, fmt.Sprintf("%s row %d refers to a missing row of %s", table, rowid.Int64, parent))
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if n > 0 {
		return fmt.Errorf("foreign_key_check: %d violations: %s", n, strings.Join(bad, "; "))
	}
	return nil
}
