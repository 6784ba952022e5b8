package main

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"curate/canonical"
	"curate/diag"
	"curate/schema"
	"curate/validate"

	"github.com/spf13/pflag"
)

func fmtCommand() *command {
	return &command{
		name:  "fmt",
		usage: "fmt [--check] [--format text|json|github|sarif] [PATH...]",
		short: "rewrite dataset files in canonical form, or check that they are",
		long: `Fmt rewrites the JSON files at each PATH (files, or directories searched
recursively for *.json; default "dataset") in the one canonical form:
  - "$schema" first; added when missing, as the relative path to
    schema/records.schema.json (schema/dataset.schema.json for dataset.json)
    when the repository's schema/ is beside the dataset, else the schema's $id;
  - then every object's keys in the order of the schema's properties, at
    every level (each record by its kind's schema: dates, citations,
    figures, targets, aliases, ...); keys the schema does not know follow,
    in the order they were written;
  - records sorted by id (stably; records without an id last);
  - two spaces of indent, one member or item per line, characters written
    as themselves (only ", \ and control characters escaped), numbers
    exactly as written, one final newline.
It never changes a value, and formatting its output changes nothing. A file
that does not parse strictly (see "curate validate") is reported with its
line and column and left as it is. Each file is written to a temporary file
beside it (.curate-tmp-...), synced, and renamed over it; the files rewritten
are listed.

With --check, fmt writes nothing and reports each file not in canonical form
at the first line and column that differ, with what differs (rule "fmt"), in
the --format of "curate validate".

Exit status: 0 formatted (or, with --check, every file in canonical form), 1
a file does not parse (or, with --check, is not in canonical form), 2 usage
or I/O error (a PATH that cannot be read, a file that cannot be written).`,
		setup: func(fs *pflag.FlagSet) func(context.Context, *streams, []string) error {
			check := fs.Bool("check", false, "write nothing; report each file not in canonical form")
			format := fs.String("format", "text", "output format of the problems: "+strings.Join(diag.Formats, ", "))
			return func(ctx context.Context, o *streams, args []string) error {
				w := diag.ForFormat(*format, rules())
				if w == nil {
					return usagef("unknown format %q: use one of %s", *format, strings.Join(diag.Formats, ", "))
				}
				set, err := schema.LoadDir("")
				if err != nil {
					return err
				}
				f, err := canonical.New(set)
				if err != nil {
					return err
				}
				if len(args) == 0 {
					args = slices.Clone(defaultPaths)
				}
				rep := f.Run(ctx, args, canonical.Options{Check: *check})
				if *format == "text" {
					for _, name := range rep.Formatted {
						fmt.Fprintf(o.stdout, "formatted %s\n", diag.Escape(name))
					}
				}
				if *check || len(rep.Diagnostics) > 0 {
					if err := w.Write(o.stdout, rep.Diagnostics, rep.Summary); err != nil {
						return fmt.Errorf("writing the report: %w", err)
					}
				}
				for _, e := range rep.WriteErrors {
					fmt.Fprintf(o.stderr, "curate fmt: %s\n", e)
				}
				switch {
				case len(rep.WriteErrors) > 0 || rep.ReadFailed():
					return exitError{exitUsage, ""}
				case len(rep.Diagnostics) > 0:
					return exitError{exitInvalid, ""}
				}
				return nil
			}
		},
	}
}

// rules is the catalogue of every rule curate reports: validate's (the
// parser's rules and "read" among them) and the canonical form's.
func rules() diag.Catalogue {
	rules := slices.Clone(validate.Rules)
	if _, ok := rules.Lookup(canonical.RuleID); !ok {
		rules = append(rules, canonical.Rule)
	}
	return rules.Sorted()
}
