package main

import (
	"context"
	"fmt"
	"io"
	"runtime/debug"

	"curate/schema"

	"github.com/spf13/pflag"
)

func versionCommand() *command {
	return &command{
		name:  "version",
		usage: "version",
		short: "print curate's version, commit and the schema version it reads",
		long: `Version prints the module version and the commit curate was built from
(from the Go build information: "(devel)" and the commit when built from a
checkout), and the version of the schema it validates against. "curate
--version" prints the same.`,
		setup: func(fs *pflag.FlagSet) func(context.Context, *streams, []string) error {
			return func(_ context.Context, o *streams, args []string) error {
				if len(args) > 0 {
					return usagef("version takes no arguments")
				}
				return printVersion(o.stdout)
			}
		},
	}
}

// printVersion writes "curate VERSION (commit C, DATE[, modified]) schema S".
func printVersion(w io.Writer) error {
	version, commit, date, modified := "unknown", "", "", false
	if bi, ok := debug.ReadBuildInfo(); ok {
		version = bi.Main.Version
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				commit = s.Value
			case "vcs.time":
				date = s.Value
			case "vcs.modified":
				modified = s.Value == "true"
			}
		}
	}
	line := "curate " + version
	if commit != "" {
		line += " (commit " + commit
		if date != "" {
			line += ", " + date
		}
		if modified {
			line += ", modified"
		}
		line += ")"
	}
	_, err := fmt.Fprintf(w, "%s\nschema %s\n", line, schema.Version)
	return err
}
