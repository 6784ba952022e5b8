package export

import (
	"encoding/csv"
	"io"
)

// WriteCSV writes a table as RFC 4180 CSV in UTF-8 without a byte-order
// mark: a header row of column names, then one row per record or list item,
// fields quoted only where needed, lines ended by CRLF as RFC 4180 says.
// Dates are YYYY-MM-DD, numbers as written in the dataset, empty cells
// empty.
func WriteCSV(w io.Writer, t *Table) error {
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	header := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		header[i] = c.Name
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	rec := make([]string, len(t.Columns))
	for row := range t.Rows {
		for i, v := range row {
			rec[i] = Text(v)
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
