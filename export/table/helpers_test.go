package table_test

// The shared test data (curate/export/internal/exporttest) under the names
// the tests use.

import (
	"testing"

	"curate/export/internal/exporttest"
	"curate/record"
	"curate/schema"
)

var (
	loadSchema  = exporttest.Schema
	loadBundled = exporttest.Bundled
	loadTiny    = exporttest.Tiny
	synthetic   = exporttest.Synthetic
	csvOf       = exporttest.CSVOf
	columnNames = exporttest.ColumnNames

	longText       = exporttest.LongText
	syntheticDates = exporttest.SyntheticDates
)

const (
	hyperlinkFormula = exporttest.HyperlinkFormula
	plusSeven        = exporttest.PlusSeven
	minusOne         = exporttest.MinusOne
	atSum            = exporttest.AtSum
	leadingZero      = exporttest.LeadingZero
	cyrillic         = exporttest.Cyrillic
	emoji            = exporttest.Emoji
	syntheticURL     = exporttest.SyntheticURL
)

// datasets are the inputs every format test runs on.
func datasets(t *testing.T) []struct {
	name string
	ds   *record.Dataset
	set  *schema.Set
} {
	var out []struct {
		name string
		ds   *record.Dataset
		set  *schema.Set
	}
	for _, c := range exporttest.Datasets(t) {
		out = append(out, struct {
			name string
			ds   *record.Dataset
			set  *schema.Set
		}{c.Name, c.DS, c.Set})
	}
	return out
}

// csvTable is a CSV file read back: its header and its records.
type csvTable struct {
	name   string
	header []string
	rows   [][]string
	c      *exporttest.CSV
}

func (c *csvTable) get(row []string, col string) string { return c.c.Get(row, col) }

// readCSV parses a CSV file as written by WriteCSV.
func readCSV(t testing.TB, name string, data []byte) *csvTable {
	c := exporttest.ReadCSV(t, name, data)
	return &csvTable{c.Name, c.Header, c.Rows, c}
}
