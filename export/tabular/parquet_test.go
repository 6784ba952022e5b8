package tabular_test

import (
	"bytes"
	"curate/export/internal/exporttest"
	"errors"
	"io"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"curate/export/table"
	"curate/export/tabular"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/format"
)

// TestParquetEqualsCSV reads every Parquet file back with parquet-go and
// compares its schema with the table's columns and its values with the CSV
// table's.
func TestParquetEqualsCSV(t *testing.T) {
	for _, tc := range exporttest.Datasets(t) {
		t.Run(tc.Name, func(t *testing.T) {
			tables := table.Tables(tc.DS, tc.Set)
			files := exporttest.CSVOf(t, tables)
			for _, tb := range tables {
				var buf bytes.Buffer
				if err := tabular.WriteParquet(&buf, tb); err != nil {
					t.Fatalf("WriteParquet %s: %v", tb.Name, err)
				}
				checkParquet(t, tb, buf.Bytes(), exporttest.ReadCSV(t, tb.Name, files[tb.Name]))
			}
		})
	}
}

func checkParquet(t *testing.T, tb *table.Table, data []byte, c *exporttest.CSV) {
	t.Helper()
	f, err := parquet.OpenFile(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("%s: parquet.OpenFile: %v", tb.Name, err)
	}
	if !strings.HasPrefix(f.Metadata().CreatedBy, "curate") {
		t.Errorf("%s: created_by %q", tb.Name, f.Metadata().CreatedBy)
	}
	cols := f.Root().Columns()
	var names []string
	for _, pc := range cols {
		names = append(names, pc.Name())
	}
	if want := exporttest.ColumnNames(tb); !slices.Equal(names, want) {
		t.Fatalf("%s: Parquet columns %q, want %q", tb.Name, names, want)
	}
	for i, col := range tb.Columns {
		pc := cols[i]
		typ := pc.Type()
		lt := typ.LogicalType()
		var ok bool
		switch col.Type {
		case table.Date:
			_, isDate := logicalValue(lt).(*format.DateType)
			ok = typ.Kind() == parquet.Int32 && isDate
		case table.Integer:
			ok = typ.Kind() == parquet.Int64
		case table.Number:
			ok = typ.Kind() == parquet.Double
		default:
			_, isString := logicalValue(lt).(*format.StringType)
			ok = typ.Kind() == parquet.ByteArray && isString
		}
		if !ok {
			t.Errorf("%s.%s (%s): Parquet type %v (logical %v)", tb.Name, col.Name, col.Type, typ.Kind(), lt)
		}
		if pc.Required() != col.Required || pc.Optional() == col.Required || pc.Repeated() {
			t.Errorf("%s.%s: required %v optional %v repeated %v, want required %v", tb.Name, col.Name, pc.Required(), pc.Optional(), pc.Repeated(), col.Required)
		}
	}
	if f.NumRows() != int64(tb.Len) {
		t.Errorf("%s: %d rows, want %d", tb.Name, f.NumRows(), tb.Len)
	}
	for _, rg := range f.Metadata().RowGroups {
		for _, cc := range rg.Columns {
			if cc.MetaData.Codec != format.Snappy {
				t.Errorf("%s: column chunk %v compressed with %v, want Snappy", tb.Name, cc.MetaData.PathInSchema, cc.MetaData.Codec)
			}
		}
	}

	r := parquet.NewReader(f)
	defer r.Close()
	rows := make([]parquet.Row, 64)
	n := 0
	for {
		k, err := r.ReadRows(rows)
		for _, row := range rows[:k] {
			if n >= len(c.Rows) {
				t.Fatalf("%s: more Parquet rows than CSV rows", tb.Name)
			}
			checkParquetRow(t, tb, n, row, c.Rows[n])
			n++
		}
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("%s: reading rows: %v", tb.Name, err)
		}
	}
	if n != len(c.Rows) {
		t.Errorf("%s: %d Parquet rows, %d CSV rows", tb.Name, n, len(c.Rows))
	}
}

func logicalValue(lt *format.LogicalType) any {
	if lt == nil {
		return nil
	}
	return lt.Value
}

func checkParquetRow(t *testing.T, tb *table.Table, n int, row parquet.Row, want []string) {
	t.Helper()
	if len(row) != len(tb.Columns) {
		t.Errorf("%s row %d: %d values, want %d", tb.Name, n+1, len(row), len(tb.Columns))
		return
	}
	for _, v := range row {
		i := v.Column()
		col := tb.Columns[i]
		w := want[i]
		if v.IsNull() {
			if w != "" {
				t.Errorf("%s row %d %s: null, want %q", tb.Name, n+1, col.Name, w)
			}
			continue
		}
		var got string
		switch col.Type {
		case table.Date:
			got = time.Unix(int64(v.Int32())*86400, 0).UTC().Format(time.DateOnly)
		case table.Integer:
			got = strconv.FormatInt(v.Int64(), 10)
		case table.Number:
			x, err := strconv.ParseFloat(w, 64)
			if err != nil || x != v.Double() {
				t.Errorf("%s row %d %s: %v, want %q", tb.Name, n+1, col.Name, v.Double(), w)
			}
			continue
		default:
			got = string(v.ByteArray())
		}
		if got != w {
			t.Errorf("%s row %d %s: %q, want %q", tb.Name, n+1, col.Name, got, w)
		}
	}
}

// TestParquetNumbers checks the synthetic figures: quantities are exact
// doubles, including one above 2^32.
func TestParquetNumbers(t *testing.T) {
	ds := exporttest.Synthetic()
	for _, tb := range table.Tables(ds, exporttest.Schema(t)) {
		if tb.Name != "event_figures" {
			continue
		}
		var buf bytes.Buffer
		if err := tabular.WriteParquet(&buf, tb); err != nil {
			t.Fatal(err)
		}
		type fig struct {
			Quantity float64 `parquet:"quantity"`
			Position int64   `parquet:"position"`
		}
		got, err := parquet.Read[fig](bytes.NewReader(buf.Bytes()), int64(buf.Len()))
		if err != nil {
			t.Fatal(err)
		}
		var q []float64
		for _, g := range got {
			q = append(q, g.Quantity)
		}
		if want := []float64{0.5, 12345678901, 0, 1500}; !slices.Equal(q, want) {
			t.Errorf("quantities %v, want %v", q, want)
		}
		return
	}
	t.Fatal("no event_figures table")
}

// TestParquetRowGroups lowers the rows of a row group to two and checks
// that every table is written in row groups of at most that many rows,
// each full but the last, and reads back equal to its CSV table.
func TestParquetRowGroups(t *testing.T) {
	const limit = 2
	for _, tc := range exporttest.Datasets(t) {
		t.Run(tc.Name, func(t *testing.T) {
			tables := table.Tables(tc.DS, tc.Set)
			files := exporttest.CSVOf(t, tables)
			defer tabular.SetRowGroupRows(limit)()
			for _, tb := range tables {
				var buf bytes.Buffer
				if err := tabular.WriteParquet(&buf, tb); err != nil {
					t.Fatalf("WriteParquet %s: %v", tb.Name, err)
				}
				f, err := parquet.OpenFile(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
				if err != nil {
					t.Fatal(err)
				}
				groups := f.Metadata().RowGroups
				if want := (tb.Len + limit - 1) / limit; len(groups) != want {
					t.Errorf("%s: %d rows in %d row groups, want %d", tb.Name, tb.Len, len(groups), want)
				}
				for i, g := range groups {
					if g.NumRows > limit || i < len(groups)-1 && g.NumRows != limit {
						t.Errorf("%s: row group %d of %d has %d rows", tb.Name, i, len(groups), g.NumRows)
					}
				}
				checkParquet(t, tb, buf.Bytes(), exporttest.ReadCSV(t, tb.Name, files[tb.Name]))
			}
		})
	}
}

// TestParquetManyBatches writes a table of many more rows than one batch
// of WriteParquet (whose rows and texts are reused from batch to batch),
// every text different and of varied length, its iterator reusing its row
// as the tables' do, and reads every value back.
func TestParquetManyBatches(t *testing.T) {
	const n = 5000
	text := func(i int) string { return strings.Repeat(strconv.Itoa(i)+"é", i%7) + "#" + strconv.Itoa(i) }
	tb := &table.Table{Name: "t", Len: n,
		Columns: []table.Column{{Name: "id", Type: table.String, Required: true}, {Name: "note", Type: table.String}, {Name: "position", Type: table.Integer, Required: true}},
		Rows: func(yield func([]any) bool) {
			row := make([]any, 3)
			for i := range n {
				row[0], row[1], row[2] = text(i), nil, i
				if i%3 != 0 {
					row[1] = text(n - i)
				}
				if !yield(row) {
					return
				}
			}
		}}
	var buf bytes.Buffer
	if err := tabular.WriteParquet(&buf, tb); err != nil {
		t.Fatal(err)
	}
	f, err := parquet.OpenFile(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	r := parquet.NewReader(f)
	defer r.Close()
	rows := make([]parquet.Row, 100)
	i := 0
	for {
		k, err := r.ReadRows(rows)
		for _, row := range rows[:k] {
			note := ""
			if i%3 != 0 {
				note = text(n - i)
			}
			if got := row[0].String(); got != text(i) {
				t.Fatalf("row %d: id %q, want %q", i, got, text(i))
			}
			if got := row[1]; got.IsNull() != (i%3 == 0) || !got.IsNull() && got.String() != note {
				t.Fatalf("row %d: note %v, want %q", i, got, note)
			}
			if got := row[2].Int64(); got != int64(i) {
				t.Fatalf("row %d: position %d", i, got)
			}
			i++
		}
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if i != n {
		t.Errorf("%d rows read back, want %d", i, n)
	}
}
