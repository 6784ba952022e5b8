package main

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// onTerminal runs the built curate under a pseudo-terminal (script(1)), with
// progress shown at once, and returns what the terminal received, line ends
// as written by the program.
func onTerminal(t *testing.T, env []string, args ...string) string {
	t.Helper()
	if _, err := exec.LookPath("script"); err != nil {
		t.Skip("script(1) is not installed")
	}
	quoted := []string{binary}
	for _, a := range args {
		quoted = append(quoted, "'"+strings.ReplaceAll(a, "'", `'\''`)+"'")
	}
	cmd := exec.Command("script", "-qec", strings.Join(quoted, " "), "/dev/null")
	cmd.Env = append(os.Environ(), append([]string{"CURATE_PROGRESS_DELAY=0", "CI=", "TERM=xterm"}, env...)...)
	out, _ := cmd.Output()
	return strings.ReplaceAll(string(out), "\r\n", "\n") // the terminal's line discipline adds CR
}

// TestProgress: on a terminal, validate shows progress on stderr (redrawn
// in place and erased at the end); never with --quiet, in CI, through a
// pipe, or in the formats meant for machines, whose bytes are the same with
// and without a terminal.
func TestProgress(t *testing.T) {
	args := []string{"validate", "--no-cache", "--sources", testSources, testBase, testCase}
	tty := onTerminal(t, nil, args...)
	if !strings.Contains(tty, "\rvalidating: ") || !strings.Contains(tty, "records, ") || !strings.Contains(tty, "MB/s") {
		t.Errorf("no progress line on a terminal:\n%q", tty)
	}
	if !strings.Contains(tty, "\r\x1b[K") {
		t.Errorf("the progress line is not erased at the end:\n%q", tty)
	}
	for name, env := range map[string][]string{"--quiet": nil, "CI": {"CI=true"}} {
		a := args
		if name == "--quiet" {
			a = append([]string{"validate", "--quiet"}, args[1:]...)
		}
		if out := onTerminal(t, env, a...); strings.Contains(out, "validating:") {
			t.Errorf("%s: progress shown:\n%q", name, out)
		}
	}
	if r := runBinary(t, args...); strings.Contains(r.stderr, "validating:") {
		t.Errorf("progress through a pipe:\n%s", r)
	}
	for _, format := range []string{"json", "github", "sarif"} {
		a := append([]string{"validate", "--format", format}, args[1:]...)
		piped := runBinary(t, a...)
		tty := onTerminal(t, nil, a...)
		if tty != piped.stdout {
			t.Errorf("--format %s: the output on a terminal differs from the output through a pipe:\n%q\n---\n%q", format, tty, piped.stdout)
		}
	}
}
