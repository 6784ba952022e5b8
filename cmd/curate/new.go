package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"curate/diag"
	"curate/internal/safeio"
	"curate/scaffold"
	"curate/schema"
	"curate/validate"

	"github.com/spf13/pflag"
)

func newCommand() *command {
	return &command{
		name:  "new",
		usage: "new source|event|measure|statement|actor [--id ID] [--file PATH] [--source ID] [--type TYPE] [--sources DIR] [--dataset DIR]",
		short: "add a source record, or the skeleton of an event, measure, statement or actor",
		long: `New adds one record to the dataset (--dataset, default "dataset"), in the file
where it belongs, in canonical form (see "curate fmt"):

  curate new source --file PATH [--id ID] [--sources DIR]
      a source record for the text file PATH: its SHA-256 and file name, in
      sources/STEM.json (STEM: the file name without .txt); the id is
      "source-STEM" unless --id gives one. The text itself stays outside the
      repository: it must be in the sources directory, under the same name,
      for "curate validate --sources DIR" (and CI) to check the hash and every
      excerpt; with --sources DIR, new says whether it is there.
  curate new event|measure|statement --id ID --source ID
      the skeleton of a record drawn from the source, in KINDs/STEM.json
      (STEM: the source's text file name without .txt), citing the source.
  curate new actor --id ID --type TYPE [--source ID]
      the skeleton of an actor in actors/TYPE.json, TYPE one of people,
      states, organisations, groups, companies (or an actor type: person,
      state, organisation, body, media, group, company, which is also set).

A stub holds only what curate knows, never a value the source must supply:
the other required properties are left out, and "curate validate" reports
each of them until it is there. New prints that list after writing. It
refuses an id that already exists anywhere in the dataset, a source that does
not exist, and a dataset whose files do not all parse; the file is written
to a temporary file beside it and renamed into place.

Exit status: 0 written, 1 refused (the id exists, the source does not, a
file does not parse), 2 usage or I/O error.`,
		setup: func(fs *pflag.FlagSet) func(context.Context, *streams, []string) error {
			id := fs.String("id", "", "the new record's id (required, except for a source: source-STEM)")
			file := fs.String("file", "", "source: the text file to hash (required)")
			src := fs.String("source", "", "the id of the source the record is drawn from (required for events, measures, statements)")
			typ := fs.String("type", "", "actor: the file of actors/ (people, states, organisations, groups, companies) or the actor type")
			sources := fs.String("sources", "", "source: the directory of the sources' texts, to check the text is there")
			dataset := fs.String("dataset", defaultPaths[0], "the dataset directory")
			return func(ctx context.Context, o *streams, args []string) error {
				if len(args) != 1 {
					return usagef("give one kind: source, %s", strings.Join(scaffold.Kinds, ", "))
				}
				kind := args[0]
				set, err := schema.LoadDir("")
				if err != nil {
					return err
				}
				if kind == "source" {
					switch {
					case *file == "":
						return usagef("--file is required: the source's text file")
					case *src != "" || *typ != "":
						return usagef("--source and --type are not for a source")
					}
				} else if *file != "" || *sources != "" {
					return usagef("--file and --sources are for a source only")
				}
				ds, err := scaffold.Open(*dataset, set, 0)
				if err != nil {
					return scaffoldError(o, err)
				}
				defer ds.Close()
				var stub *scaffold.Stub
				if kind == "source" {
					stub, err = ds.NewSource(*file, *id)
				} else {
					stub, err = ds.NewRecord(kind, *id, *src, *typ)
				}
				if err != nil {
					return scaffoldError(o, err)
				}
				how := "added to the file; records sorted by id"
				if stub.Created {
					how = "a new file"
				}
				fmt.Fprintf(o.stdout, "wrote %s to %s (%s)\n", stub.ID, diag.Escape(stub.File), how)
				if kind == "source" {
					fmt.Fprint(o.stdout, textAdvice(*file, *sources, stub))
				}
				return listToFill(o.stdout, *dataset, set, stub)
			}
		},
	}
}

// scaffoldError turns scaffold's errors into the command's: a refusal is
// exit 1, files that do not parse are listed and exit 1, a usage error is
// exit 2.
func scaffoldError(o *streams, err error) error {
	var r *scaffold.Refusal
	var u *scaffold.UsageError
	var p *scaffold.ParseError
	switch {
	case errors.As(err, &r):
		return exitError{exitInvalid, r.Msg + "; nothing was written"}
	case errors.As(err, &u):
		return usagef("%s", u.Msg)
	case errors.As(err, &p):
		if err := (diag.Text{}).Write(o.stdout, p.Diagnostics, diag.Summary{}); err != nil {
			return fmt.Errorf("writing the report: %w", err)
		}
		return exitError{exitInvalid, "fix the files that do not parse first; nothing was written"}
	}
	return err
}

// textAdvice says where the source's text must be for CI: in the sources
// directory, under its file name, unchanged.
func textAdvice(file, sources string, stub *scaffold.Stub) string {
	short := stub.SHA256[:12]
	if sources == "" {
		return fmt.Sprintf("the text: CI checks it as %s in the sources directory (curate validate --sources DIR): put %s there under that name, unchanged (sha256 %s...)\n",
			stub.TextFile, diag.Escape(file), short)
	}
	there := filepath.Join(sources, stub.TextFile)
	root, err := os.OpenRoot(sources)
	if err != nil {
		return fmt.Sprintf("the text: --sources %s: %s; the text must be there as %s\n", diag.Escape(sources), safeio.DescribeDir(err), stub.TextFile)
	}
	defer root.Close()
	data, err := safeio.ReadIn(root, stub.TextFile, 0)
	switch {
	case err != nil:
		return fmt.Sprintf("the text: %s is not there (%s): copy %s to it, unchanged, for curate validate --sources %s and CI\n",
			diag.Escape(there), safeio.Describe(err), diag.Escape(file), diag.Escape(sources))
	case !bytes.Equal(sha(data), sha256Hex(stub.SHA256)):
		return fmt.Sprintf("the text: %s differs from %s: replace it with the text hashed, or run curate new source on the text in the sources directory\n",
			diag.Escape(there), diag.Escape(file))
	}
	return fmt.Sprintf("the text: %s holds this text (sha256 %s...), where curate validate --sources %s and CI check it\n", diag.Escape(there), short, diag.Escape(sources))
}

func sha(data []byte) []byte {
	s := sha256.Sum256(data)
	return s[:]
}

func sha256Hex(h string) []byte {
	b, _ := hex.DecodeString(h)
	return b
}

// listToFill validates the dataset and prints what it reports about the new
// record: the properties the curator must add from the source.
func listToFill(w io.Writer, dataset string, set *schema.Set, stub *scaffold.Stub) error {
	res, err := validate.Run([]string{dataset}, validate.Options{Schema: set, MaxErrors: -1})
	if err != nil {
		return err
	}
	var todo diag.List
	for _, d := range res.Diagnostics {
		if d.File == stub.File && (d.Pointer == stub.Pointer || strings.HasPrefix(d.Pointer, stub.Pointer+"/")) {
			todo = append(todo, d)
		}
	}
	if len(todo) == 0 {
		fmt.Fprintln(w, "curate validate reports nothing about it")
		return nil
	}
	fmt.Fprintln(w, "to fill in from the source (curate validate reports each until it is there):")
	for _, d := range todo {
		fmt.Fprintf(w, "%s\n", d)
		if d.Hint != "" {
			fmt.Fprintf(w, "    hint: %s\n", diag.Escape(d.Hint))
		}
	}
	return nil
}
