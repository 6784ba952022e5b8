package tabular

import (
	"curate/export/table"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"time"

	"github.com/parquet-go/parquet-go"
)

// parquetNode returns the Parquet column type of a table column: DATE for
// dates, INT64 for integers, DOUBLE for numbers (exact for integers up to
// 2^53, the figures the dataset records), UTF-8 strings elsewhere. Every
// column is OPTIONAL except those never empty.
func parquetNode(c table.Column) parquet.Node {
	var n parquet.Node
	switch c.Type {
	case table.Date:
		n = parquet.Date()
	case table.Integer:
		n = parquet.Int(64)
	case table.Number:
		n = parquet.Leaf(parquet.DoubleType)
	default:
		n = parquet.String()
	}
	if c.Required {
		return parquet.Required(n)
	}
	return parquet.Optional(n)
}

// orderedGroup is a Parquet group whose fields keep the table's column
// order (parquet.Group sorts them by name).
type orderedGroup struct {
	parquet.Group
	fields []parquet.Field
}

func (g orderedGroup) Fields() []parquet.Field { return g.fields }

type orderedField struct {
	parquet.Node
	name string
}

func (f orderedField) Name() string { return f.name }

func (f orderedField) Value(base reflect.Value) reflect.Value {
	return base.MapIndex(reflect.ValueOf(f.name))
}

// ParquetSchema returns the Parquet schema of a table: its columns in order.
func ParquetSchema(t *table.Table) *parquet.Schema {
	g := orderedGroup{Group: parquet.Group{}}
	for _, c := range t.Columns {
		n := parquetNode(c)
		g.Group[c.Name] = n
		g.fields = append(g.fields, orderedField{n, c.Name})
	}
	return parquet.NewSchema(t.Name, g)
}

const parquetBatch = 1024

// ParquetRowGroupRows is the most rows in a Parquet row group: DuckDB's
// own row group size, so that a reader of a large table (DuckDB, Spark,
// Arrow) reads its row groups in parallel, one per thread, and a query
// skips those whose column statistics rule them out.
const ParquetRowGroupRows = 122880

// parquetRowGroupRows is ParquetRowGroupRows (a test lowers it).
var parquetRowGroupRows int64 = ParquetRowGroupRows

// WriteParquet writes a table as a Parquet file (Snappy-compressed, in row
// groups of at most ParquetRowGroupRows rows), with the same columns and
// rows as its CSV file, typed as ParquetSchema says.
func WriteParquet(w io.Writer, t *table.Table) error {
	s := ParquetSchema(t)
	pw := parquet.NewWriter(w, s, parquet.Compression(&parquet.Snappy), parquet.CreatedBy("curate", "", ""),
		parquet.MaxRowsPerRowGroup(parquetRowGroupRows))
	// The rows of a batch, and the bytes of their texts, are reused once
	// the batch is written: WriteRows copies what it is given into the
	// column buffers.
	width := len(t.Columns)
	rows := make([]parquet.Value, parquetBatch*width)
	batch := make([]parquet.Row, 0, parquetBatch)
	var texts []byte
	flush := func() error {
		if _, err := pw.WriteRows(batch); err != nil {
			return err
		}
		batch, texts = batch[:0], texts[:0]
		return nil
	}
	for cells := range t.Rows {
		n := len(batch)
		row := parquet.Row(rows[n*width : (n+1)*width : (n+1)*width])
		for i, v := range cells {
			c := t.Columns[i]
			var pv parquet.Value
			switch x := v.(type) {
			case nil:
				if c.Required {
					return fmt.Errorf("column %s: empty value in a required column", c.Name)
				}
				pv = parquet.NullValue()
			case string:
				start := len(texts)
				texts = append(texts, x...)
				pv = parquet.ByteArrayValue(texts[start:len(texts):len(texts)])
			case time.Time:
				pv = parquet.Int32Value(int32(x.Unix() / 86400)) // UTC midnights: exact
			case int:
				pv = parquet.Int64Value(int64(x))
			case json.Number:
				f, err := strconv.ParseFloat(string(x), 64)
				if err != nil {
					return fmt.Errorf("column %s: %v", c.Name, err)
				}
				pv = parquet.DoubleValue(f)
			default:
				return fmt.Errorf("column %s: unexpected %T", c.Name, v)
			}
			def := 0
			if !c.Required && v != nil {
				def = 1
			}
			row[i] = pv.Level(0, def, i)
		}
		batch = append(batch, row)
		if len(batch) == parquetBatch {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if err := flush(); err != nil {
		return err
	}
	return pw.Close()
}
