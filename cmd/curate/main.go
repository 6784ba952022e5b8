// Command curate validates the curated dataset of government responses to
// international crises and exports it for researchers.
//
// Usage:
//
//	curate <command> [flags] [PATH...]
//
// Run "curate help" for the commands and "curate <command> --help" for one.
//
// Exit status: 0 when the dataset is valid (or the output was written), 1
// when the dataset has problems, 2 for a usage or I/O error.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/pprof"
	"strings"
	"syscall"

	"github.com/spf13/pflag"
)

// Exit statuses.
const (
	exitOK      = 0
	exitInvalid = 1
	exitUsage   = 2
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	// CURATE_CPUPROFILE=FILE writes a CPU profile of the run, for
	// BENCHMARKS.md's "what dominated" (go tool pprof FILE).
	if p := os.Getenv("CURATE_CPUPROFILE"); p != "" {
		if f, err := os.Create(p); err == nil {
			pprof.StartCPUProfile(f)
			defer f.Close()
		}
	}
	status := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	pprof.StopCPUProfile()
	stop()
	os.Exit(status)
}

// command is one subcommand, shaped like cmd/go's: its usage line, short and
// long help, its flags, and the function that runs it.
type command struct {
	name  string
	usage string // the usage line after "curate ", the one source of every synopsis
	short string // one line for "curate help"
	long  string // the help text after the usage line
	// setup registers the command's flags and returns the function that
	// runs the command once they are parsed.
	setup func(fs *pflag.FlagSet) func(ctx context.Context, o *streams, args []string) error
}

// streams are where a command writes: its output and its messages.
type streams struct {
	stdout io.Writer
	stderr io.Writer
}

// commands lists the subcommands in the order help gives them.
func commands() []*command {
	return []*command{validateCommand(), exportCommand(), releaseCommand(), diffCommand(), fmtCommand(), newCommand(), versionCommand()}
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

// usageError is a misuse of the command line: exit 2 with a pointer to the
// command's help.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

// exitError ends a command with a status other than 2, or with 2 after the
// problem was already reported (a "read" diagnostic); msg, when not empty,
// is printed after the command's name.
type exitError struct {
	status int
	msg    string
}

func (e exitError) Error() string {
	if e.msg == "" {
		return fmt.Sprintf("exit status %d", e.status)
	}
	return e.msg
}

// run executes a command line and returns the exit status. It is the one
// place that turns errors into exit statuses and messages.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	out := &checkedWriter{w: stdout}
	o := &streams{stdout: out, stderr: stderr}
	if len(args) == 1 && args[0] == "--version" {
		if err := printVersion(out); err != nil {
			fmt.Fprintf(stderr, "curate: writing the output: %v\n", err)
			return exitUsage
		}
		return exitOK
	}
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		w, status := stdout, exitOK
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
			fmt.Fprintf(stderr, "curate help: unknown command %q\n", args[1])
			return exitUsage
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
			return c.fail(stderr, usageError{err.Error()})
		}
		err := do(ctx, o, fs.Args())
		if err == nil && out.err != nil {
			err = fmt.Errorf("writing the output: %w", out.err)
		}
		return c.fail(stderr, err)
	}
	fmt.Fprintf(stderr, "curate: unknown command %q\nRun \"curate help\" for usage.\n", args[0])
	return exitUsage
}

// fail reports err, prefixed with the command's name, and returns its exit
// status.
func (c *command) fail(stderr io.Writer, err error) int {
	var ue usageError
	var ee exitError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &ee):
		if ee.msg != "" {
			fmt.Fprintf(stderr, "curate %s: %s\n", c.name, ee.msg)
		}
		return ee.status
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "curate %s: %s\nRun \"curate %s --help\" for usage.\n", c.name, ue.msg, c.name)
		return exitUsage
	case errors.Is(err, context.Canceled):
		fmt.Fprintf(stderr, "curate %s: interrupted; nothing was written\n", c.name)
		return exitUsage
	}
	fmt.Fprintf(stderr, "curate %s: %v\n", c.name, err)
	return exitUsage
}

func (c *command) flagSet(w io.Writer) (*pflag.FlagSet, func(context.Context, *streams, []string) error) {
	fs := pflag.NewFlagSet("curate "+c.name, pflag.ContinueOnError)
	fs.SetOutput(w)
	fs.SortFlags = false
	do := c.setup(fs)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: curate %s\n\n%s\n\nFlags:\n%s", c.usage, strings.TrimSpace(c.long), fs.FlagUsages())
	}
	return fs, do
}

// checkedWriter remembers the first write error, so that output that could
// not be written (a full disk, a closed pipe) is exit 2, never a silent 0.
type checkedWriter struct {
	w   io.Writer
	err error
}

func (c *checkedWriter) Write(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	n, err := c.w.Write(p)
	if err != nil {
		c.err = err
	}
	return n, err
}
