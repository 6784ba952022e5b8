// Package export writes a validated dataset for researchers: CSV tables, an
// XLSX workbook, JSON-LD, Parquet, a SQLite database and the release
// bundle. Plan lists the files of an export in the formats asked for, each
// written by its package (tabular for CSV and Parquet, xlsx, jsonld, the
// SQLite glue here over package sqlite); Release builds the bundle, with
// its own files (datapackage.json, CODEBOOK.md, README.md, CITATION.cff,
// the dataset files) written here.
//
// The tables (curate/export/table) are the model of every tabular format:
// the CSV files, the workbook's sheets, the Parquet files, the SQLite
// database, and the bundle's datapackage.json and CODEBOOK.md are views of
// them, so they agree column for column and cell for cell. JSON-LD is not
// a view of the tables: it is built from the record model, through the
// same helpers (a date's derived fields come from the same date columns).
// Records are read from a table.Source: a dataset in memory, or a
// store.Store on disk for a large one (PlanSource, ReleaseSource). All
// output is deterministic, and written atomically
// (curate/internal/atomicset).
package export

import (
	"fmt"
	"io"
	"path"
	"slices"

	"curate/export/jsonld"
	"curate/export/table"
	"curate/export/tabular"
	"curate/export/xlsx"
	"curate/internal/atomicset"
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
	// dataset's base_iri, or jsonld.DefaultBaseIRI.
	BaseIRI string
}

// Plan lists the files that exporting ds in the given formats writes, with
// the number of data rows of each table file (-1 for others).
func Plan(ds *record.Dataset, set *schema.Set, formats []string, opts Options) ([]atomicset.Output, map[string]int, error) {
	outs, rows, _, err := plan(table.DatasetSource(ds), set, formats, opts)
	return outs, rows, err
}

// PlanSource is Plan for the records of src, such as a store.Store; the
// outputs read them from it as they are written, so src must stay open
// until then.
func PlanSource(src table.Source, set *schema.Set, formats []string, opts Options) ([]atomicset.Output, map[string]int, error) {
	outs, rows, _, err := plan(src, set, formats, opts)
	return outs, rows, err
}

// plan lists the outputs of the formats, the rows of each table file, and
// the tables.
func plan(src table.Source, set *schema.Set, formats []string, opts Options) ([]atomicset.Output, map[string]int, []*table.Table, error) {
	for _, f := range formats {
		if !slices.Contains(Formats, f) {
			return nil, nil, nil, fmt.Errorf("unknown format %q", f)
		}
	}
	tables := table.FromSource(src, set)
	if err := src.Err(); err != nil {
		return nil, nil, nil, err
	}
	rows := map[string]int{}
	var outs []atomicset.Output
	// add adds an output that reads the records: it fails when reading
	// them failed, which ends their iteration early.
	add := func(name string, cost int64, write func(w io.Writer) error) {
		outs = append(outs, atomicset.Output{Name: name, Cost: cost, Write: func(w io.Writer) error {
			if err := write(w); err != nil {
				return err
			}
			return src.Err()
		}})
	}
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
			add(name, int64(t.Len), func(w io.Writer) error { return tabular.WriteCSV(w, t) })
		}
	}
	meta := src.Metadata()
	if slices.Contains(formats, "xlsx") {
		add(XLSXFile, 6*all, func(w io.Writer) error { return xlsx.WriteFrom(w, meta, src.Sources(), tables) })
	}
	if slices.Contains(formats, "jsonld") {
		base := baseIRI(meta, opts)
		add(JSONLDFile, 3*int64(table.RecordCount(src)), func(w io.Writer) error { return jsonld.WriteSource(w, src, base) })
	}
	if slices.Contains(formats, "parquet") {
		for _, t := range tables {
			name := path.Join(ParquetDir, t.Name+".parquet")
			rows[name] = t.Len
			add(name, 2*int64(t.Len), func(w io.Writer) error { return tabular.WriteParquet(w, t) })
		}
	}
	if slices.Contains(formats, "sqlite") {
		add(SQLiteFile, 5*all, func(w io.Writer) error { return WriteSQLite(w, tables) })
	}
	return outs, rows, tables, nil
}

// baseIRI returns the base of record IRIs: the option, the dataset's
// base_iri, or jsonld.DefaultBaseIRI.
func baseIRI(meta record.Metadata, opts Options) string {
	if opts.BaseIRI != "" {
		return opts.BaseIRI
	}
	if meta.BaseIRI != "" {
		return meta.BaseIRI
	}
	return jsonld.DefaultBaseIRI
}
