package main

import (
	"io"

	"github.com/spf13/pflag"
)

func exportCommand() *command {
	return &command{name: "export", usage: "export --format csv|xlsx|jsonld|parquet|all --out DIR [PATH...]", short: "write the dataset as CSV, XLSX, JSON-LD and Parquet",
		flags: func(fs *pflag.FlagSet) func([]string, io.Writer, io.Writer) int {
			return func(args []string, stdout, stderr io.Writer) int { return usageError(stderr, "export", "not built yet") }
		}}
}

func releaseCommand() *command {
	return &command{name: "release", usage: "release --out DIR [PATH...]", short: "write the release bundle (a zip) for bulk download",
		flags: func(fs *pflag.FlagSet) func([]string, io.Writer, io.Writer) int {
			return func(args []string, stdout, stderr io.Writer) int { return usageError(stderr, "release", "not built yet") }
		}}
}
