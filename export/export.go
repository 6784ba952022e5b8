package export

import (
	"fmt"
	"io"
	"path"
	"slices"

	"curate/record"
	"curate/schema"
)

// Formats lists the export formats by name; "all" selects every one.
var Formats = []string{"csv", "xlsx", "jsonld", "parquet", "sqlite"}

// File names inside an export directory (and a release bundle).
const (
	CSVDir     = "csv"
	ParquetDir = "parquet"
	XLSXFile   = "curate.xlsx"
	JSONLDFile = "curate.jsonld"
)

// Options configure an export.
type Options struct {
	// BaseIRI is the base of record IRIs in JSON-LD; empty means the
	// dataset's base_iri, or DefaultBaseIRI.
	BaseIRI string
}

// Plan lists the files that exporting ds in the given formats writes, with
// the number of data rows of each table file (-1 for others).
func Plan(ds *record.Dataset, set *schema.Set, formats []string, opts Options) ([]Output, map[string]int, error) {
	for _, f := range formats {
		if !slices.Contains(Formats, f) {
			return nil, nil, fmt.Errorf("unknown format %q", f)
		}
	}
	tables := Tables(ds, set)
	rows := map[string]int{}
	var outs []Output
	// The outputs' costs, in rows of a CSV file, as measured at a million
	// records: a Parquet row costs about two, a workbook's six, a
	// database's five, a JSON-LD record three.
	all := int64(0)
	for _, t := range tables {
		all += int64(t.Len)
	}
	if slices.Contains(formats, "csv") {
		for _, t := range tables {
			name := path.Join(CSVDir, t.Name+".csv")
			rows[name] = t.Len
			outs = append(outs, Output{Name: name, Write: func(w io.Writer) error { return WriteCSV(w, t) }, Cost: int64(t.Len)})
		}
	}
	if slices.Contains(formats, "xlsx") {
		outs = append(outs, Output{Name: XLSXFile, Write: func(w io.Writer) error { return WriteXLSX(w, ds.Meta, ds.Sources, tables) }, Cost: 6 * all})
	}
	if slices.Contains(formats, "jsonld") {
		base := baseIRI(ds, opts)
		outs = append(outs, Output{Name: JSONLDFile, Write: func(w io.Writer) error { return WriteJSONLD(w, ds, base) }, Cost: 3 * int64(ds.Len())})
	}
	if slices.Contains(formats, "parquet") {
		for _, t := range tables {
			name := path.Join(ParquetDir, t.Name+".parquet")
			rows[name] = t.Len
			outs = append(outs, Output{Name: name, Write: func(w io.Writer) error { return WriteParquet(w, t) }, Cost: 2 * int64(t.Len)})
		}
	}
	if slices.Contains(formats, "sqlite") {
		outs = append(outs, Output{Name: SQLiteFile, Write: func(w io.Writer) error { return WriteSQLite(w, tables) }, Cost: 5 * all})
	}
	return outs, rows, nil
}

// baseIRI returns the base of record IRIs: the option, the dataset's
// base_iri, or DefaultBaseIRI.
func baseIRI(ds *record.Dataset, opts Options) string {
	if opts.BaseIRI != "" {
		return opts.BaseIRI
	}
	if ds.Meta.BaseIRI != "" {
		return ds.Meta.BaseIRI
	}
	return DefaultBaseIRI
}
