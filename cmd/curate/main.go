// Command curate validates the curated dataset of government responses to
// international crises and exports it for researchers.
//
// Usage:
//
//	curate validate [--sources DIR] [--format text|json|github|sarif] [--schema DIR] [PATH...]
//	curate export --format csv|xlsx|jsonld|parquet|all --out DIR [PATH...]
//	curate release --out DIR [PATH...]
//
// Exit status: 0 when the dataset is valid (or the output was written), 1
// when the dataset has problems, 2 for a usage or I/O error.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/pflag"
)

// Exit statuses.
const (
	exitOK      = 0
	exitInvalid = 1
	exitUsage   = 2
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// command is one subcommand.
type command struct {
	name  string
	usage string // the usage line after "curate "
	short string
	long  string
	flags func(*pflag.FlagSet) func(args []string, stdout, stderr io.Writer) int
}

func commands() []*command {
	return []*command{validateCommand(), exportCommand(), releaseCommand()}
}

const overview = `curate checks and exports a curated dataset of events, measures and
statements (see dataset/ and schema/).

Usage:
  curate <command> [flags] [PATH...]

Commands:
%s
Run "curate <command> --help" for a command's flags.

Exit status: 0 valid / written, 1 the dataset has problems, 2 usage or I/O error.
`

// run executes a command line and returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		w := stdout
		status := exitOK
		if len(args) == 0 {
			w, status = stderr, exitUsage
		}
		if len(args) > 1 {
			for _, c := range commands() {
				if c.name == args[1] {
					fs, _ := c.flagSet(w)
					fs.Usage()
					return exitOK
				}
			}
		}
		var b strings.Builder
		for _, c := range commands() {
			fmt.Fprintf(&b, "  %-9s %s\n", c.name, c.short)
		}
		fmt.Fprintf(w, overview, b.String())
		return status
	}
	for _, c := range commands() {
		if c.name != args[0] {
			continue
		}
		// pflag prints the usage itself on --help (and on nothing else
		// with ContinueOnError): on stdout, once.
		fs, do := c.flagSet(stdout)
		if err := fs.Parse(args[1:]); err != nil {
			if errors.Is(err, pflag.ErrHelp) {
				return exitOK
			}
			fmt.Fprintf(stderr, "curate %s: %v\nRun \"curate %s --help\" for usage.\n", c.name, err, c.name)
			return exitUsage
		}
		return do(fs.Args(), stdout, stderr)
	}
	fmt.Fprintf(stderr, "curate: unknown command %q\nRun \"curate help\" for usage.\n", args[0])
	return exitUsage
}

func (c *command) flagSet(w io.Writer) (*pflag.FlagSet, func([]string, io.Writer, io.Writer) int) {
	fs := pflag.NewFlagSet("curate "+c.name, pflag.ContinueOnError)
	fs.SetOutput(w)
	fs.SortFlags = false
	do := c.flags(fs)
	fs.Usage = func() {
		out := fs.Output()
		fmt.Fprintf(out, "Usage: curate %s\n\n%s\n\nFlags:\n%s", c.usage, strings.TrimSpace(c.long), fs.FlagUsages())
	}
	return fs, do
}

// usageError prints a misuse message and returns exitUsage.
func usageError(stderr io.Writer, cmd, format string, args ...any) int {
	fmt.Fprintf(stderr, "curate %s: %s\nRun \"curate %s --help\" for usage.\n", cmd, fmt.Sprintf(format, args...), cmd)
	return exitUsage
}
