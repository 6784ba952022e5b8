package export

import (
	"encoding/csv"
	"io"
	"time"
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
	// Days repeat from row to row: each is formatted once.
	days := map[time.Time]string{}
	for row := range t.Rows {
		for i, v := range row {
			d, ok := v.(time.Time)
			if !ok {
				rec[i] = Text(v)
				continue
			}
			s, ok := days[d]
			if !ok {
				if len(days) == 4096 {
					clear(days)
				}
				s = Text(d)
				days[d] = s
			}
			rec[i] = s
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
