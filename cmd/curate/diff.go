package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"curate/changes"
	"curate/diag"
	"curate/internal/safeio"
	"curate/record"
	"curate/releasezip"
	"curate/schema"
	"curate/validate"

	"github.com/spf13/pflag"
)

func diffCommand() *command {
	return &command{
		name:  "diff",
		usage: "diff [--format text|json|csv] [--schema DIR] [--max-file-size SIZE] OLD NEW",
		short: "list the records added, removed and changed between two versions",
		long: `Diff compares two versions of the dataset and lists the records added, the
records removed, and for each record changed every value that differs: its
JSON pointer within the record (RFC 6901), its old and its new value. OLD
and NEW are each a dataset directory (the one holding dataset.json) or a
release zip written by "curate release" (curate-VERSION.zip), whose
dataset/ folder of dataset files is read.

Each side is validated first (schema and cross-record checks; evidence is
not checked): a side with problems is reported on stderr and nothing is
compared. A zip is read only if every entry is a regular file with a plain
relative name inside its one top folder (no absolute names, no "..", no
symbolic links), each at most --max-file-size and the dataset files at most
four times that in all; its dataset files are extracted into a temporary
directory, removed afterwards.

Records are compared in their JSON form: objects member by member, lists
item by item at the same position, numbers as written. The output is
sorted by kind (actor, source, event, measure, statement), id and pointer.

Formats:
  text  a summary line ("0.1.0 -> 0.2.0: 1 record added, 1 removed,
        2 changed (3 values)"), then "added|removed|changed KIND ID" per
        record and, below a changed one, "  /pointer: OLD -> NEW" per
        value, values as JSON, "(absent)" where there is none
  json  {"old": {"version"}, "new": {"version"}, "summary": {added,
        removed, changed, values}, "changes": [{kind, id, change,
        fields: [{pointer, old, new}]}]}; "old"/"new" left out when absent
  csv   RFC 4180: kind,id,change,pointer,old,new; one row per value
        changed, one per record added or removed; strings as they are,
        other values as JSON, an absent value empty

Exit status: 0 compared (whether or not anything changed: the output says
what did), 1 a side is not a valid dataset, 2 usage or I/O error, or a zip
refused.`,
		setup: func(fs *pflag.FlagSet) func(context.Context, *streams, []string) error {
			format := fs.String("format", "text", "output format: "+strings.Join(changes.Formats, ", "))
			schemaDir := fs.String("schema", "", "directory of *.schema.json files to use instead of the embedded schema")
			maxFileSize := sizeFlag(safeio.DefaultLimit)
			fs.Var(&maxFileSize, "max-file-size", "largest file read, also inside a zip: bytes, or with a suffix K, M or G (e.g. 512M)")
			return func(ctx context.Context, o *streams, args []string) error {
				if len(args) != 2 {
					return usagef("diff takes two arguments, OLD and NEW (dataset directories or release zips); got %d", len(args))
				}
				if !slices.Contains(changes.Formats, *format) {
					return usagef("unknown format %q: use one of %s", *format, strings.Join(changes.Formats, ", "))
				}
				set, err := schema.LoadDir(*schemaDir)
				if err != nil {
					return err
				}
				var sides [2]*record.Dataset
				for i, p := range args {
					ds, err := readVersion(o, p, set, int64(maxFileSize), "nothing was compared")
					if err != nil {
						return err
					}
					sides[i] = ds
				}
				rep, err := changes.Compare(sides[0], sides[1])
				if err != nil {
					return err
				}
				return changes.Write(o.stdout, *format, rep)
			}
		},
	}
}

// readVersion reads one version of the dataset, a dataset directory or a
// release zip, and validates it: a version with problems has its
// diagnostics written to stderr and is exit 1; nothing says what the
// command then did not do ("nothing was compared").
func readVersion(o *streams, p string, set *schema.Set, limit int64, nothing string) (*record.Dataset, error) {
	info, err := os.Stat(p)
	if err != nil {
		return nil, fmt.Errorf("%s: %s", p, safeio.DescribeDir(err))
	}
	// The dataset directory; for a zip, how its files are shown and what
	// marks them in the diagnostics' file names.
	dir, shown, marker := p, p, ""
	if !info.IsDir() {
		if !releasezip.IsZip(p) {
			return nil, usagef("%s is neither a dataset directory nor a release zip", p)
		}
		tmp, err := os.MkdirTemp("", "curate-diff-")
		if err != nil {
			return nil, err
		}
		defer os.RemoveAll(tmp)
		d, top, err := releasezip.Extract(p, tmp, releasezip.Limits{File: limit})
		if err != nil {
			return nil, err
		}
		dir, shown = d, filepath.ToSlash(p)+"/"+top+"/"+releasezip.DatasetDir
		marker = filepath.Base(tmp) + "/" + releasezip.DatasetDir
	} else if _, err := os.Stat(filepath.Join(p, validate.MetadataFile)); err != nil {
		return nil, usagef("%s is not a dataset directory: it holds no %s", p, validate.MetadataFile)
	}
	res, err := validate.Run(nil, validate.Options{Schema: set, Dataset: dir, MaxFileSize: limit})
	if err != nil {
		return nil, err
	}
	if res.HasErrors() || res.ReadFailed() {
		shownDiags(res.Diagnostics, marker, shown)
		res.Summary.Notes = nil
		if err := (diag.Text{}).Write(o.stderr, res.Diagnostics, res.Summary); err != nil {
			return nil, err
		}
		if res.ReadFailed() {
			return nil, exitError{exitUsage, fmt.Sprintf("%s could not be read; %s", p, nothing)}
		}
		return nil, exitError{exitInvalid, fmt.Sprintf("%s is not a valid dataset; %s", p, nothing)}
	}
	if !res.HasMetadata {
		return nil, fmt.Errorf("%s has no %s", p, validate.MetadataFile)
	}
	return res.Dataset, nil
}

// shownDiags names the files of diagnostics read from an extracted zip by
// their place in the zip (ZIP/TOP/dataset/...), not the temporary folder:
// marker is the end of the temporary folder's name, TMP/dataset.
func shownDiags(l diag.List, marker, shown string) {
	if marker == "" {
		return
	}
	rename := func(f string) string {
		if i := strings.Index(f, marker); i >= 0 && (i == 0 || f[i-1] == '/') {
			return shown + f[i+len(marker):]
		}
		return f
	}
	for i := range l {
		l[i].File = rename(l[i].File)
		for j := range l[i].Related {
			l[i].Related[j].File = rename(l[i].Related[j].File)
		}
	}
}
