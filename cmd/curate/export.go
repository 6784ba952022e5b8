package main

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"curate/export"
	"curate/schema"
	"curate/validate"

	"github.com/spf13/pflag"
)

func exportCommand() *command {
	return &command{
		name:  "export",
		usage: "export --format csv|xlsx|jsonld|parquet|all --out DIR [--sources DIR] [--schema DIR] [--base-iri IRI] [PATH...]",
		short: "write the dataset as CSV, XLSX, JSON-LD and Parquet",
		long: `Export validates the dataset at PATH (default "dataset") first and refuses
to export a dataset with problems: it prints the same diagnostics as
"curate validate" and exits 1. Otherwise it writes, into DIR:

  csv/TABLE.csv          one RFC 4180 table per record kind, registry and
                         list (link tables), UTF-8, header row, rows by id
  curate.xlsx            the same tables as sheets, after an "about" sheet
                         with the title, version, sources and codebook
  curate.jsonld          JSON-LD 1.1 with an embedded context; record IRIs
                         are the base IRI followed by the id
  parquet/TABLE.parquet  the same tables with typed columns

and prints each file with its rows and bytes. --format takes a
comma-separated list, or "all". Every file is written to a temporary file
first and renamed into place only when all are written: a failed export
leaves DIR as it was.

Exit status: 0 written, 1 the dataset has problems, 2 usage or I/O error.`,
		flags: func(fs *pflag.FlagSet) func([]string, io.Writer, io.Writer) int {
			formats := fs.StringSlice("format", nil, "formats to write: "+strings.Join(export.Formats, ", ")+", or all")
			o := outputFlags(fs, "exporting")
			return func(args []string, stdout, stderr io.Writer) int {
				if status := o.check(stderr, "export"); status != exitOK {
					return status
				}
				if len(*formats) == 0 {
					return usageError(stderr, "export", "--format is required: %s, or all", strings.Join(export.Formats, ", "))
				}
				var fmts []string
				for _, f := range *formats {
					if f == "all" {
						fmts = append(fmts, export.Formats...)
						continue
					}
					if !slices.Contains(export.Formats, f) {
						return usageError(stderr, "export", "unknown format %q: use %s, or all", f, strings.Join(export.Formats, ", "))
					}
					fmts = append(fmts, f)
				}
				res, set, status := validated(args, o.sources, o.schema, stdout, stderr, "export")
				if res == nil {
					return status
				}
				outs, rows, err := export.Plan(res.Dataset, set, fmts, export.Options{BaseIRI: o.base})
				if err != nil {
					return usageError(stderr, "export", "%v", err)
				}
				return writeOutputs(o.out, outs, rows, stdout, stderr, "export")
			}
		},
	}
}

// outputs holds the flags export and release share.
type outputs struct {
	out, sources, schema, base string
}

// outputFlags registers the shared flags; verb says what the sources are
// checked before ("exporting").
func outputFlags(fs *pflag.FlagSet, verb string) *outputs {
	o := &outputs{}
	fs.StringVar(&o.out, "out", "", "output directory (created if missing)")
	fs.StringVar(&o.sources, "sources", "", "directory of the sources' texts: check evidence before "+verb)
	fs.StringVar(&o.schema, "schema", "", "directory of *.schema.json files to use instead of the embedded schema")
	fs.StringVar(&o.base, "base-iri", "", "base IRI of record IRIs in JSON-LD (default: base_iri in dataset.json, else "+export.DefaultBaseIRI+")")
	return o
}

// check reports misuse of the shared flags.
func (o *outputs) check(stderr io.Writer, cmd string) int {
	if o.out == "" {
		return usageError(stderr, cmd, "--out DIR is required")
	}
	if o.base != "" && !validBase(o.base) {
		return usageError(stderr, cmd, "--base-iri %q must be an absolute IRI ending in / or #", o.base)
	}
	return exitOK
}

// validBase reports whether s looks like an absolute IRI usable as a base.
func validBase(s string) bool {
	i := strings.Index(s, ":")
	return i > 0 && !strings.ContainsAny(s, " <>\"{}|\\^`") && (strings.HasSuffix(s, "/") || strings.HasSuffix(s, "#"))
}

// validated runs validation for export and release: on problems it prints
// the diagnostics (text format) and returns a nil result with exit status 1.
func validated(args []string, sources, schemaDir string, stdout, stderr io.Writer, cmd string) (*validate.Result, *schema.Set, int) {
	set, err := schema.LoadDir(schemaDir)
	if err != nil {
		fmt.Fprintf(stderr, "curate %s: schema: %v\n", cmd, err)
		return nil, nil, exitUsage
	}
	res, status := runValidateWith(args, sources, set, stderr)
	if res == nil {
		return nil, nil, status
	}
	if status != exitOK {
		validateWriter(stdout, res)
		what := "the dataset has problems"
		if status == exitUsage {
			what = "the dataset could not be read"
		}
		fmt.Fprintf(stderr, "curate %s: %s; nothing was written\n", cmd, what)
		return nil, nil, status
	}
	if !res.HasMetadata {
		fmt.Fprintf(stderr, "curate %s: no %s among the inputs: the export needs the dataset's title, version and licence\n", cmd, validate.MetadataFile)
		return nil, nil, exitInvalid
	}
	return res, set, exitOK
}

// writeOutputs writes the files and prints what was written.
func writeOutputs(dir string, outs []export.Output, rows map[string]int, stdout, stderr io.Writer, cmd string) int {
	written, err := export.WriteAll(dir, outs)
	if err != nil {
		fmt.Fprintf(stderr, "curate %s: %v\nnothing was written; %s is as it was\n", cmd, err, dir)
		return exitUsage
	}
	for _, w := range written {
		r, ok := rows[w.Name]
		if ok {
			fmt.Fprintf(stdout, "%s\t%s\t%d bytes\n", pathJoin(dir, w.Name), plural(r, "row"), w.Bytes)
		} else {
			fmt.Fprintf(stdout, "%s\t\t%d bytes\n", pathJoin(dir, w.Name), w.Bytes)
		}
	}
	return exitOK
}

func releaseCommand() *command {
	return &command{
		name:  "release",
		usage: "release --out DIR [--sources DIR] [--schema DIR] [--base-iri IRI] [PATH...]",
		short: "write the release bundle (a zip) for bulk download",
		long: `Release validates the dataset at PATH (default "dataset"), refusing a
dataset with problems as export does, and writes DIR/curate-VERSION.zip,
VERSION being the version in dataset/dataset.json. The zip holds, under one
folder curate-VERSION/: the CSV tables, Parquet tables, XLSX workbook and
JSON-LD that "curate export --format all" writes, the schema, a Frictionless
datapackage.json (field types, primary and foreign keys), CODEBOOK.md,
README.md (contents, how to cite, how to load in pandas, R and DuckDB) and
SHA256SUMS. The same input gives a byte-identical zip. The zip is written to
a temporary file and renamed into place.

Exit status: 0 written, 1 the dataset has problems, 2 usage or I/O error.`,
		flags: func(fs *pflag.FlagSet) func([]string, io.Writer, io.Writer) int {
			o := outputFlags(fs, "releasing")
			return func(args []string, stdout, stderr io.Writer) int {
				if status := o.check(stderr, "release"); status != exitOK {
					return status
				}
				res, set, status := validated(args, o.sources, o.schema, stdout, stderr, "release")
				if res == nil {
					return status
				}
				w, err := export.Release(o.out, res.Dataset, set, export.Options{BaseIRI: o.base})
				if err != nil {
					fmt.Fprintf(stderr, "curate release: %v\nnothing was written; %s is as it was\n", err, o.out)
					return exitUsage
				}
				fmt.Fprintf(stdout, "%s\t\t%d bytes\n", pathJoin(o.out, w.Name), w.Bytes)
				return exitOK
			}
		},
	}
}
