package export_test

import (
	"bytes"
	"database/sql"
	"encoding/binary"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"curate/export"
	"curate/export/sqlite"
	"curate/export/table"
	"curate/record"
	"curate/schema"
)

// openSQLite writes the database of the tables into a temporary file and
// opens it; it returns the database and the file's bytes.
func openSQLite(t *testing.T, tables []*table.Table) (*sql.DB, []byte) {
	t.Helper()
	var buf bytes.Buffer
	if err := export.WriteSQLite(&buf, tables); err != nil {
		t.Fatalf("WriteSQLite: %v", err)
	}
	p := filepath.Join(t.TempDir(), export.SQLiteFile)
	if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", "file:"+p+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	t.Cleanup(func() { db.Close() })
	return db, buf.Bytes()
}

// query returns every row of a query, each cell as text: NULL as "",
// integers in decimal, doubles in the shortest form that reads back.
func query(t *testing.T, db *sql.DB, q string, args ...any) (cols []string, rows [][]string) {
	t.Helper()
	rs, err := db.Query(q, args...)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rs.Close()
	cols, err = rs.Columns()
	if err != nil {
		t.Fatal(err)
	}
	for rs.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rs.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		row := make([]string, len(cols))
		for i, v := range vals {
			switch x := v.(type) {
			case nil:
			case int64:
				row[i] = strconv.FormatInt(x, 10)
			case float64:
				row[i] = strconv.FormatFloat(x, 'g', -1, 64)
			case string:
				row[i] = x
			case []byte:
				row[i] = string(x)
			default:
				t.Fatalf("%s: column %s: unexpected %T", q, cols[i], v)
			}
		}
		rows = append(rows, row)
	}
	if err := rs.Err(); err != nil {
		t.Fatal(err)
	}
	return cols, rows
}

// sameCell reports whether a database cell, as query renders it, is the
// table cell v: the same text (dates YYYY-MM-DD), or for a number the same
// double.
func sameCell(got string, v any) bool {
	if n, ok := v.(json.Number); ok {
		want, err := strconv.ParseFloat(string(n), 64)
		f, err2 := strconv.ParseFloat(got, 64)
		return err == nil && err2 == nil && f == want
	}
	return got == table.Text(v)
}

// TestSQLiteEqualsTables checks that every table of the database holds the
// rows of its table (types, order, cells), and that every flat view gives
// the rows of the flat table the Go code builds, cell for cell: the views
// are SQL over the normalised tables, so the two derivations must agree.
func TestSQLiteEqualsTables(t *testing.T) {
	tiny, set := loadTiny(t)
	cases := datasets(t)
	cases = append(cases, struct {
		name string
		ds   *record.Dataset
		set  *schema.Set
	}{"tiny", tiny, set})
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tables := table.Tables(tc.ds, tc.set)
			db, _ := openSQLite(t, tables)
			views := 0
			for _, tb := range tables {
				q := "SELECT * FROM " + sqlite.Quote(tb.Name) + " ORDER BY rowid"
				if tb.Derived != nil {
					views++
					q = "SELECT * FROM " + sqlite.Quote(tb.Name) // the view's own order
				}
				cols, rows := query(t, db, q)
				if !slices.Equal(cols, columnNames(tb)) {
					t.Errorf("%s: columns %q, want %q", tb.Name, cols, columnNames(tb))
					continue
				}
				if len(rows) != tb.Len {
					t.Errorf("%s: %d rows, the table has %d", tb.Name, len(rows), tb.Len)
					continue
				}
				i := 0
				bad := 0
				for want := range tb.Rows {
					for j, v := range want {
						if !sameCell(rows[i][j], v) && bad < 5 {
							bad++
							t.Errorf("%s row %d (%s) column %s: database %q, table %q", tb.Name, i+1, table.Text(want[0]), cols[j], rows[i][j], table.Text(v))
						}
					}
					i++
				}
			}
			if views != 3 {
				t.Errorf("%d flat views, want 3", views)
			}
		})
	}
}

// TestSQLiteSchema checks the database's structure against the tables'
// declarations: column types and NOT NULL, primary keys, foreign keys
// (declared, and PRAGMA foreign_key_check finds no violation), an index on
// every foreign-key column, the flat tables as views, the codebook; and
// the file itself: integrity_check ok, a 4096-byte page, no WAL.
func TestSQLiteSchema(t *testing.T) {
	ds, set := loadTiny(t)
	tables := table.Tables(ds, set)
	db, data := openSQLite(t, tables)

	if _, r := query(t, db, "PRAGMA integrity_check"); len(r) != 1 || r[0][0] != "ok" {
		t.Errorf("integrity_check: %q", r)
	}
	if _, r := query(t, db, "PRAGMA foreign_key_check"); len(r) != 0 {
		t.Errorf("foreign_key_check: %q", r)
	}
	if len(data) < 100 || string(data[:16]) != "SQLite format 3\x00" {
		t.Fatalf("not a SQLite file")
	}
	if size := binary.BigEndian.Uint16(data[16:18]); size != sqlite.PageSize {
		t.Errorf("page size %d, want %d", size, sqlite.PageSize)
	}
	if data[18] != 1 || data[19] != 1 {
		t.Errorf("file format versions %d, %d: want 1, 1 (rollback journal; 2 is WAL)", data[18], data[19])
	}
	if len(data)%sqlite.PageSize != 0 {
		t.Errorf("%d bytes: not whole pages", len(data))
	}

	_, objs := query(t, db, "SELECT type, name FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")
	have := map[string]string{}
	for _, o := range objs {
		have[o[1]] = o[0]
	}
	for _, tb := range tables {
		want := "table"
		if tb.Derived != nil {
			want = "view"
		}
		if have[tb.Name] != want {
			t.Errorf("%s is a %q in the database, want a %s", tb.Name, have[tb.Name], want)
		}
		if tb.Derived != nil {
			continue
		}
		_, info := query(t, db, "SELECT name, type, \"notnull\", pk FROM pragma_table_info(?) ORDER BY cid", tb.Name)
		var pk []string
		pkPos := map[string]int{}
		for i, c := range tb.Columns {
			if i >= len(info) {
				t.Errorf("%s: no column %s", tb.Name, c.Name)
				break
			}
			wantType := map[table.Type]string{table.String: "TEXT", table.Date: "TEXT", table.Integer: "INTEGER", table.Number: "REAL"}[c.Type]
			notNull := "0"
			if c.Required {
				notNull = "1"
			}
			if got := info[i]; got[0] != c.Name || got[1] != wantType || got[2] != notNull {
				t.Errorf("%s column %d: %q, want %s %s notnull %s", tb.Name, i+1, got, c.Name, wantType, notNull)
			}
			if n, _ := strconv.Atoi(info[i][3]); n > 0 {
				pkPos[c.Name] = n
				pk = append(pk, c.Name)
			}
		}
		slices.SortFunc(pk, func(a, b string) int { return pkPos[a] - pkPos[b] })
		if !slices.Equal(pk, tb.PrimaryKey) {
			t.Errorf("%s: primary key %q, want %q", tb.Name, pk, tb.PrimaryKey)
		}
		_, fks := query(t, db, "SELECT \"from\", \"table\", \"to\" FROM pragma_foreign_key_list(?) ORDER BY id DESC", tb.Name)
		var got []string
		for _, fk := range fks {
			got = append(got, strings.Join(fk, " "))
		}
		var want2 []string
		for _, fk := range tb.ForeignKeys {
			want2 = append(want2, fk.Column+" "+fk.Table+" "+fk.RefColumn)
		}
		slices.Sort(got)
		slices.Sort(want2)
		if !slices.Equal(got, want2) {
			t.Errorf("%s: foreign keys %q, want %q", tb.Name, got, want2)
		}
		// Each foreign-key column leads an index: its own, or the
		// primary key's.
		for _, fk := range tb.ForeignKeys {
			_, idx := query(t, db, "SELECT il.name FROM pragma_index_list(?) AS il, pragma_index_info(il.name) AS ii WHERE ii.seqno = 0 AND ii.name = ?", tb.Name, fk.Column)
			if len(idx) == 0 {
				t.Errorf("%s: no index leads with the foreign-key column %s", tb.Name, fk.Column)
			}
		}
	}

	// The codebook: a row per table and view, a row per column.
	_, ct := query(t, db, "SELECT table_name, kind, description FROM codebook_tables ORDER BY rowid")
	_, cb := query(t, db, "SELECT table_name, column_name, type, required, description FROM codebook ORDER BY rowid")
	var wantCT, wantCB [][]string
	for _, tb := range tables {
		kind := "table"
		if tb.Derived != nil {
			kind = "view"
		}
		wantCT = append(wantCT, []string{tb.Name, kind, tb.Description})
		for _, c := range tb.Columns {
			req := "0"
			if c.Required {
				req = "1"
			}
			wantCB = append(wantCB, []string{tb.Name, c.Name, string(c.Type), req, c.Description})
		}
	}
	if !slices.EqualFunc(ct, wantCT, slices.Equal) {
		t.Errorf("codebook_tables differs from the tables' declarations")
	}
	if !slices.EqualFunc(cb, wantCB, slices.Equal) {
		t.Errorf("codebook differs from the tables' columns")
	}

	// A view cannot be written to, and a date column holds days only.
	rw, err := sql.Open("sqlite", filepath.Join(t.TempDir(), "rw.sqlite"))
	if err != nil {
		t.Fatal(err)
	}
	defer rw.Close()
	ts, vs := export.SQLiteSchema(tables)
	for _, s := range sqlite.Schema(ts, vs) {
		if _, err := rw.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
	if _, err := rw.Exec(`INSERT INTO events (id, event_type, title, date_earliest) VALUES ('event-x', 'call', 'x', '2022-02-30')`); err == nil {
		t.Error("events.date_earliest accepted 2022-02-30")
	}
	if _, err := rw.Exec(`INSERT INTO events (id, event_type, title, date_earliest) VALUES ('event-x', 'call', 'x', '2022-2-3')`); err == nil {
		t.Error("events.date_earliest accepted 2022-2-3")
	}
	if _, err := rw.Exec(`INSERT INTO events (id, event_type, title, date_earliest) VALUES ('event-x', 'call', 'x', '2022-02-28')`); err != nil {
		t.Errorf("events.date_earliest refused 2022-02-28: %v", err)
	}
}

// TestSQLiteDeterministic writes the database twice and compares the bytes.
func TestSQLiteDeterministic(t *testing.T) {
	for _, tc := range datasets(t) {
		t.Run(tc.name, func(t *testing.T) {
			var a, b bytes.Buffer
			if err := export.WriteSQLite(&a, table.Tables(tc.ds, tc.set)); err != nil {
				t.Fatal(err)
			}
			if err := export.WriteSQLite(&b, table.Tables(tc.ds, tc.set)); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a.Bytes(), b.Bytes()) {
				t.Errorf("two databases differ (%d and %d bytes, first difference at byte %d)", a.Len(), b.Len(), firstDifference(a.Bytes(), b.Bytes()))
			}
		})
	}
}

// PutinQuery answers, on the database, "which measures targeted Putin,
// imposed by whom, announced when": the query the report and the bundle's
// examples give.
const PutinQuery = `SELECT f.id, f.imposed_by, f.announced, f.announced_earliest, f.announced_latest, f.announced_basis
FROM measures_flat AS f JOIN measure_targets AS t ON t.measure_id = f.id
WHERE t.actor_id = 'actor-vladimir-putin'
ORDER BY f.announced_latest, f.id`

// TestSQLitePutin runs PutinQuery on the bundled dataset's database and
// compares its answer with the records themselves.
func TestSQLitePutin(t *testing.T) {
	ds, set := loadBundled(t)
	db, _ := openSQLite(t, table.Tables(ds, set))
	_, got := query(t, db, PutinQuery)
	labels := map[string]string{}
	for _, a := range ds.Actors {
		labels[a.ID] = a.Label
	}
	var want [][]string
	for _, m := range ds.Measures {
		if !slices.ContainsFunc(m.Targets, func(x record.Target) bool { return x.Actor == "actor-vladimir-putin" }) {
			continue
		}
		var by []string
		for _, id := range m.ImposedBy {
			by = append(by, labels[id])
		}
		row := []string{m.ID, strings.Join(by, "; "), "", "", "", ""}
		if m.Announced != nil {
			row[2], row[5] = m.Announced.EDTF, m.Announced.Basis
		}
		want = append(want, row)
	}
	if len(want) == 0 {
		t.Fatal("no measure of the bundled dataset targets actor-vladimir-putin")
	}
	if len(got) != len(want) {
		t.Fatalf("the query gives %d measures, the records %d:\n%q", len(got), len(want), got)
	}
	for _, g := range got {
		i := slices.IndexFunc(want, func(w []string) bool { return w[0] == g[0] })
		if i < 0 {
			t.Errorf("the query gives %s, which does not target Putin", g[0])
			continue
		}
		w := want[i]
		if g[1] != w[1] || g[2] != w[2] || g[5] != w[5] {
			t.Errorf("%s: query %q, records %q", g[0], g, w)
		}
	}
	for _, g := range got {
		t.Logf("%q", g)
	}
}
