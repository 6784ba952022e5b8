package main

import (
	"context"
	"errors"
	"fmt"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"curate/diag"
	"curate/export"
	"curate/export/jsonld"
	"curate/export/store"
	"curate/internal/atomicset"
	"curate/internal/words"
	"curate/record"
	"curate/schema"
	"curate/validate"

	"github.com/spf13/pflag"
)

func exportCommand() *command {
	return &command{
		name:  "export",
		usage: "export --format csv|xlsx|jsonld|parquet|sqlite|all --out DIR [--sources DIR] [--schema DIR] [--base-iri IRI] [PATH...]",
		short: "write the dataset as CSV, XLSX, JSON-LD, Parquet and SQLite",
		long: `Export validates the dataset at PATH (default "dataset") first and refuses
to export a dataset with problems: it prints the same diagnostics as
"curate validate" and exits 1. Otherwise it writes, into DIR:

  csv/TABLE.csv          one RFC 4180 table per record kind, registry and
                         list (link tables), UTF-8, header row, rows by id;
                         first the flat tables (measures_flat, events_flat,
                         statements_flat: one row per record, with names)
  curate.xlsx            the same tables as sheets, after an "about" sheet
                         with the title, version, sources and codebook
  curate.jsonld          JSON-LD 1.1 with an embedded context; record IRIs
                         are the base IRI followed by the id
  parquet/TABLE.parquet  the same tables with typed columns
  curate.sqlite          the tables in one SQLite database (types, primary
                         and foreign keys, indexes), the flat tables as
                         views over them, and a codebook table

and prints each file with its rows and bytes. --format takes a
comma-separated list, or "all". The files are written as one set: DIR holds
either the previous files or the complete new set, also when the run is
interrupted or killed; temporary files are removed on an interrupt and by
the next run.

Exit status: 0 written, 1 the dataset has problems, 2 usage or I/O error.`,
		setup: func(fs *pflag.FlagSet) func(context.Context, *streams, []string) error {
			formats := fs.StringSlice("format", nil, "formats to write: "+strings.Join(export.Formats, ", ")+", or all")
			out := outputFlags(fs, "exporting")
			return func(ctx context.Context, o *streams, args []string) error {
				if err := out.check(); err != nil {
					return err
				}
				if len(*formats) == 0 {
					return usagef("--format is required: %s, or all", strings.Join(export.Formats, ", "))
				}
				var fmts []string
				for _, f := range *formats {
					if f == "all" {
						fmts = append(fmts, export.Formats...)
						continue
					}
					if !slices.Contains(export.Formats, f) {
						return usagef("unknown format %q: use %s, or all", f, strings.Join(export.Formats, ", "))
					}
					fmts = append(fmts, f)
				}
				st, err := out.store()
				if err != nil {
					return err
				}
				defer st.Close()
				defer collectAtLimit(exportMemoryLimit)()
				res, set, err := out.validated(o, args)
				if err != nil {
					return err
				}
				st.SetMeta(res.Dataset.Meta)
				outs, rows, err := export.PlanSource(st, set, fmts, export.Options{BaseIRI: out.base})
				if err != nil {
					return err
				}
				written, err := atomicset.WriteAll(ctx, out.dir, outs)
				if err != nil {
					return writeError(err, out.dir)
				}
				for _, w := range written {
					r, ok := rows[w.Name]
					name := path.Join(filepath.ToSlash(out.dir), w.Name)
					if ok {
						fmt.Fprintf(o.stdout, "%s\t%s\t%d bytes\n", name, words.Count(r, "row"), w.Bytes)
					} else {
						fmt.Fprintf(o.stdout, "%s\t\t%d bytes\n", name, w.Bytes)
					}
				}
				return nil
			}
		},
	}
}

func releaseCommand() *command {
	return &command{
		name:  "release",
		usage: "release --out DIR [--previous OLD] [--sources DIR] [--schema DIR] [--base-iri IRI] [PATH...]",
		short: "write the release bundle (a zip) for bulk download",
		long: `Release validates the dataset at PATH (default "dataset"), refusing a
dataset with problems as export does, and writes DIR/curate-VERSION.zip,
VERSION being the version in dataset/dataset.json. The zip holds, under one
folder curate-VERSION/: the CSV tables, Parquet tables, XLSX workbook,
JSON-LD and SQLite database that "curate export --format all" writes, the
schema, a Frictionless datapackage.json (field types, primary and foreign
keys), CODEBOOK.md, README.md (contents, how to cite, how to load in
pandas, R and DuckDB), LICENSE (the licence's SPDX identifier and
address), CITATION.cff (Citation File Format 1.2.0, from dataset.json's
authors), dataset/ (the records as canonical dataset files, which "curate
diff" reads) and SHA256SUMS. The same input gives a byte-identical zip. The
zip is written to a temporary file and renamed into place.

With --previous OLD (the previous release's zip, or a dataset directory),
the bundle also holds CHANGES.md, the records added, removed and changed
since OLD, and changes.csv, every value changed (as "curate diff --format
csv" writes it). OLD is read and validated as "curate diff" reads it.

Exit status: 0 written, 1 the dataset has problems, 2 usage or I/O error.`,
		setup: func(fs *pflag.FlagSet) func(context.Context, *streams, []string) error {
			out := outputFlags(fs, "releasing")
			previous := fs.String("previous", "", "the previous release, its zip or dataset directory: the bundle says what changed since (CHANGES.md, changes.csv)")
			return func(ctx context.Context, o *streams, args []string) error {
				if err := out.check(); err != nil {
					return err
				}
				st, err := out.store()
				if err != nil {
					return err
				}
				defer st.Close()
				defer collectAtLimit(exportMemoryLimit)()
				res, set, err := out.validated(o, args)
				if err != nil {
					return err
				}
				st.SetMeta(res.Dataset.Meta)
				var prev *record.Dataset
				if *previous != "" {
					if prev, err = readVersion(o, *previous, set, int64(out.maxFileSize), "nothing was written"); err != nil {
						return err
					}
				}
				w, err := export.ReleaseSource(ctx, out.dir, st, set, export.Options{BaseIRI: out.base}, prev)
				if err != nil {
					return writeError(err, out.dir)
				}
				fmt.Fprintf(o.stdout, "%s\t\t%d bytes\n", path.Join(filepath.ToSlash(out.dir), w.Name), w.Bytes)
				return nil
			}
		},
	}
}

// outputs holds the flags export and release share.
type outputs struct {
	*inputs
	dir, base string
}

// outputFlags registers the shared flags; verb says what the sources are
// checked before ("exporting").
func outputFlags(fs *pflag.FlagSet, verb string) *outputs {
	o := &outputs{}
	fs.StringVar(&o.dir, "out", "", "output directory (created if missing)")
	o.inputs = inputFlags(fs, verb)
	fs.StringVar(&o.base, "base-iri", "", "base IRI of record IRIs in JSON-LD (default: base_iri in dataset.json, else "+jsonld.DefaultBaseIRI+")")
	return o
}

// check reports misuse of the shared flags.
func (o *outputs) check() error {
	if o.dir == "" {
		return usagef("--out DIR is required")
	}
	if o.base != "" && !validBase(o.base) {
		return usagef("--base-iri %q must be an absolute IRI ending in / or #", o.base)
	}
	return nil
}

// validBase reports whether s looks like an absolute IRI usable as a base.
func validBase(s string) bool {
	i := strings.Index(s, ":")
	return i > 0 && !strings.ContainsAny(s, " <>\"{}|\\^`") && (strings.HasSuffix(s, "/") || strings.HasSuffix(s, "#"))
}

// store makes the store that validation hands each record to (in the
// system's temporary directory, $TMPDIR): export and release read the
// records back from it, so that memory never holds them all.
func (o *outputs) store() (*store.Store, error) {
	st, err := store.New("")
	if err != nil {
		return nil, fmt.Errorf("a temporary store for the records: %w", err)
	}
	o.records = st.Add
	return st, nil
}

// validated runs validation for export and release: on problems it prints
// the diagnostics (text format) and says that nothing was written.
func (o *outputs) validated(s *streams, args []string) (*validate.Result, *schema.Set, error) {
	res, set, err := o.validate(args, false)
	if err != nil {
		return nil, nil, err
	}
	if err := resultError(res); err != nil {
		if err := (diag.Text{}).Write(s.stdout, res.Diagnostics, res.Summary); err != nil {
			return nil, nil, fmt.Errorf("writing the report: %w", err)
		}
		if res.ReadFailed() {
			return nil, nil, exitError{exitUsage, "the dataset could not be read; nothing was written"}
		}
		return nil, nil, exitError{exitInvalid, "the dataset has problems; nothing was written"}
	}
	for _, n := range res.Summary.Notes {
		if n == validate.NoEvidenceNote {
			fmt.Fprintf(s.stderr, "note: %s\n", n)
		}
	}
	if !res.HasMetadata {
		return nil, nil, fmt.Errorf("no %s among the inputs: the export needs the dataset's title, version and licence", validate.MetadataFile)
	}
	return res, set, nil
}

// writeError says what a failed write left: nothing, or (past the commit
// point) a set the next run completes.
func writeError(err error, dir string) error {
	if errors.Is(err, atomicset.ErrUnfinished) {
		return fmt.Errorf("%w\nthe new files are written but not all in place; the next run into %s completes them", err, dir)
	}
	return fmt.Errorf("%w\nnothing was written; %s is as it was", err, dir)
}
