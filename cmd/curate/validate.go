package main

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"curate/diag"
	"curate/schema"
	"curate/validate"

	"github.com/spf13/pflag"
)

// defaultPaths is what commands read when no PATH is given.
var defaultPaths = []string{"dataset"}

func validateCommand() *command {
	return &command{
		name:  "validate",
		usage: "validate [--sources DIR] [--format text|json|github|sarif] [--schema DIR] [PATH...]",
		short: "check the dataset and report every problem with its location",
		long: `Validate reads the JSON files at each PATH (files, or directories searched
recursively for *.json; default "dataset") and reports, in one run, every
problem it finds, sorted by file, line and column:

  - JSON syntax, read strictly: duplicate keys, invalid UTF-8, a byte-order
    mark, comments, trailing commas and trailing content are errors;
  - the JSON Schema (draft 2020-12, embedded in the binary; --schema DIR
    replaces it), with formats asserted: dates are EDTF level 1 strings,
    checked against the calendar;
  - across records: ids unique in the whole dataset, every reference
    resolving to a record of the right kind;
  - with --sources DIR: each source's text file exists in DIR with the
    recorded SHA-256, and every evidence excerpt (and statement text) occurs
    in it verbatim, where runs of white space match any run of white space.
    Without --sources the report says that evidence was not checked.

Each diagnostic has the file, the line and column (1-based; the column counts
Unicode characters, not bytes), the JSON pointer of the value, the rule that
failed (a schema keyword such as "required", or a check such as
"duplicate-id") and a message. For a missing property the position is the
object that lacks it; for an unknown property, its name.

Formats:
  text    file:line:col: error: message [rule] at /pointer, then a count
  json    {"diagnostics": [{file, line, column, offset, pointer, severity,
          rule, message, hint, related}], "summary": {files, records, errors,
          warnings, notes}}
  github  GitHub Actions ::error workflow commands (annotations on the pull
          request; GitHub shows only the first 10), then the text list
  sarif   SARIF 2.1.0 for code scanning

Exit status: 0 valid, 1 the dataset has problems, 2 usage or I/O error (a
PATH that does not exist or cannot be read is reported as a "read"
diagnostic in the chosen format, with status 2).`,
		flags: func(fs *pflag.FlagSet) func([]string, io.Writer, io.Writer) int {
			sources := fs.String("sources", "", "directory of the sources' text files; check hashes and evidence against it")
			format := fs.String("format", "text", "output format: "+strings.Join(diag.Formats, ", "))
			schemaDir := fs.String("schema", "", "directory of *.schema.json files to use instead of the embedded schema")
			return func(args []string, stdout, stderr io.Writer) int {
				w := diag.ForFormat(*format, nil)
				if w == nil {
					return usageError(stderr, "validate", "unknown format %q: use one of %s", *format, strings.Join(diag.Formats, ", "))
				}
				res, status := runValidate(args, *sources, *schemaDir, stderr)
				if res == nil {
					return status
				}
				if err := w.Write(stdout, res.Diagnostics, res.Summary); err != nil {
					fmt.Fprintf(stderr, "curate validate: %v\n", err)
					return exitUsage
				}
				return status
			}
		},
	}
}

// runValidate validates paths and returns the result and the exit status it
// calls for; a nil result means a usage or I/O error already reported.
func runValidate(args []string, sources, schemaDir string, stderr io.Writer) (*validate.Result, int) {
	set, err := schema.LoadDir(schemaDir)
	if err != nil {
		fmt.Fprintf(stderr, "curate: schema: %v\n", err)
		return nil, exitUsage
	}
	return runValidateWith(args, sources, set, stderr)
}

// runValidateWith is runValidate with a compiled schema.
func runValidateWith(args []string, sources string, set *schema.Set, stderr io.Writer) (*validate.Result, int) {
	if len(args) == 0 {
		args = slices.Clone(defaultPaths)
	}
	if sources != "" {
		if err := checkDir(sources); err != nil {
			fmt.Fprintf(stderr, "curate: --sources: %v\n", err)
			return nil, exitUsage
		}
	}
	res, err := validate.Run(args, validate.Options{Schema: set, SourcesDir: sources})
	if err != nil {
		fmt.Fprintf(stderr, "curate: %v\n", err)
		return nil, exitUsage
	}
	return res, status(res)
}

// status is the exit status a validation result calls for: 2 when a path
// could not be read (an I/O error, reported as a "read" diagnostic), 1 when
// the dataset has problems, 0 when it is valid.
func status(res *validate.Result) int {
	for _, d := range res.Diagnostics {
		if d.Rule == validate.RuleRead {
			return exitUsage
		}
	}
	if res.Diagnostics.HasErrors() {
		return exitInvalid
	}
	return exitOK
}

// validateWriter prints a result as text.
func validateWriter(w io.Writer, res *validate.Result) {
	diag.Text{}.Write(w, res.Diagnostics, res.Summary)
}
