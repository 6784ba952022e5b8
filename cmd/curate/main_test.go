package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The test corpus of the validate package: a small valid dataset, its
// source texts and broken files.
const (
	testBase    = "../../validate/testdata/base"
	testSources = "../../validate/testdata/sources"
	testCase    = "../../validate/testdata/cases/schema-required.json"
	// The bundled dataset and, where the checkout has it, its source texts.
	dataset        = "../../dataset"
	datasetSources = "../../../shared/sources"
)

// binary is the curate command built once for the end-to-end tests.
var binary string

func TestMain(m *testing.M) {
	os.Exit(buildAndRun(m))
}

func buildAndRun(m *testing.M) int {
	dir, err := os.MkdirTemp("", "curate-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	// The validate cache goes to a directory of the test's, not the user's.
	os.Setenv("XDG_CACHE_HOME", filepath.Join(dir, "cache"))
	binary = filepath.Join(dir, "curate")
	if out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "go build: %v\n%s", err, out)
		return 1
	}
	return m.Run()
}

// result is what one run of the command gave.
type result struct {
	status         int
	stdout, stderr string
}

func (r result) String() string {
	return fmt.Sprintf("exit %d\n--- stdout:\n%s--- stderr:\n%s", r.status, r.stdout, r.stderr)
}

// runBinary runs the built command.
func runBinary(t *testing.T, args ...string) result {
	t.Helper()
	cmd := exec.Command(binary, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	status := 0
	if err != nil {
		var exit *exec.ExitError
		if !errors.As(err, &exit) {
			t.Fatalf("running %s: %v", binary, err)
		}
		status = exit.ExitCode()
	}
	return result{status, stdout.String(), stderr.String()}
}

// runInProcess calls run directly.
func runInProcess(args ...string) result {
	var stdout, stderr bytes.Buffer
	status := run(context.Background(), args, &stdout, &stderr)
	return result{status, stdout.String(), stderr.String()}
}

// TestCommandLine runs each command line both through the built binary and
// in process, and checks the exit status and what is printed where.
func TestCommandLine(t *testing.T) {
	tests := []struct {
		name       string
		args       []string
		status     int
		stdout     []string // substrings of stdout
		stderr     []string // substrings of stderr
		quietOut   bool     // nothing on stdout
		quietError bool     // nothing on stderr
	}{
		{"valid dataset", []string{"validate", "--sources", testSources, testBase}, 0,
			[]string{"0 errors, 0 warnings in 3 files (8 records)\n"}, nil, false, true},
		{"valid without sources notes it", []string{"validate", testBase}, 0,
			[]string{"0 errors, 0 warnings in 3 files (8 records)\n", "note: evidence was not checked: pass --sources DIR"}, nil, false, true},
		{"broken file", []string{"validate", "--sources", testSources, testBase, testCase}, 1,
			[]string{testCase + `:8:5: error: missing property "imposed_by" [required] at /records/1` + "\n", "5 errors, 0 warnings in 4 files (10 records)\n"}, nil, false, true},
		{"missing path is a diagnostic and an I/O error", []string{"validate", "no-such-dir"}, 2,
			[]string{"no-such-dir: error: no such file or directory [read]\n", "1 error, 0 warnings in 0 files (0 records)"}, nil, false, true},
		{"unknown flag", []string{"validate", "--nope", testBase}, 2,
			nil, []string{"curate validate: unknown flag: --nope", `Run "curate validate --help" for usage.`}, true, false},
		{"unknown format", []string{"validate", "--format", "xml", testBase}, 2,
			nil, []string{`curate validate: unknown format "xml": use one of text, json, github, sarif`}, true, false},
		{"unknown command", []string{"check", testBase}, 2,
			nil, []string{`curate: unknown command "check"`, `Run "curate help" for usage.`}, true, false},
		{"missing sources directory", []string{"validate", "--sources", "no-such-dir", testBase}, 2,
			nil, []string{"curate validate: --sources no-such-dir: no such directory\n"}, true, false},
		{"sources is a file", []string{"validate", "--sources", "main.go", testBase}, 2,
			nil, []string{"curate validate: --sources main.go: not a directory\n"}, true, false},
		{"missing schema directory", []string{"validate", "--schema", "no-such-dir", testBase}, 2,
			nil, []string{"curate validate: --schema no-such-dir: no such directory\n"}, true, false},
		{"export: missing sources directory", []string{"export", "--format", "csv", "--out", "/nonexistent/x", "--sources", "no-such-dir", testBase}, 2,
			nil, []string{"curate export: --sources no-such-dir: no such directory\n"}, true, false},
		{"bad --max-file-size", []string{"validate", "--max-file-size", "lots", testBase}, 2,
			nil, []string{`curate validate: invalid argument "lots" for "--max-file-size" flag`}, true, false},
		{"a file over --max-file-size", []string{"validate", "--max-file-size", "100", testBase}, 2,
			[]string{"actors.json: error: too large: ", "more than the limit of 100 bytes (--max-file-size): not read [read]"}, nil, false, true},
		{"validate --help", []string{"validate", "--help"}, 0,
			[]string{"Usage: curate validate", "Exit status: 0 valid, 1 the dataset has problems, 2 usage or I/O error",
				"text ", "json ", "github ", "sarif ", "--sources", "--format", "--schema"}, nil, false, true},
		{"validate -h", []string{"validate", "-h"}, 0, []string{"Usage: curate validate"}, nil, false, true},
		{"help validate", []string{"help", "validate"}, 0, []string{"Usage: curate validate"}, nil, false, true},
		{"help", []string{"--help"}, 0, []string{"Commands:", "validate", "Exit status:"}, nil, false, true},
		{"version", []string{"version"}, 0, []string{"curate ", "schema 2.0.0\n"}, nil, false, true},
		{"--version", []string{"--version"}, 0, []string{"curate ", "schema 2.0.0\n"}, nil, false, true},
		{"help for an unknown command", []string{"help", "nope"}, 2, nil, []string{`curate help: unknown command "nope"`}, true, false},
		{"no command", nil, 2, nil, []string{"Commands:", "validate"}, true, false},
	}
	for _, tt := range tests {
		check := func(t *testing.T, r result) {
			t.Helper()
			if r.status != tt.status {
				t.Errorf("exit status %d, want %d\n%s", r.status, tt.status, r)
			}
			for _, s := range tt.stdout {
				if !strings.Contains(r.stdout, s) {
					t.Errorf("stdout lacks %q\n%s", s, r)
				}
			}
			for _, s := range tt.stderr {
				if !strings.Contains(r.stderr, s) {
					t.Errorf("stderr lacks %q\n%s", s, r)
				}
			}
			// Help is printed once, however it was asked for.
			if n := strings.Count(r.stdout+r.stderr, "Usage: curate validate"); n > 1 {
				t.Errorf("the usage is printed %d times\n%s", n, r)
			}
			if tt.quietOut && r.stdout != "" {
				t.Errorf("stdout is not empty\n%s", r)
			}
			if tt.quietError && r.stderr != "" {
				t.Errorf("stderr is not empty\n%s", r)
			}
		}
		t.Run(tt.name+"/binary", func(t *testing.T) { check(t, runBinary(t, tt.args...)) })
		t.Run(tt.name+"/in-process", func(t *testing.T) { check(t, runInProcess(tt.args...)) })
	}
}

// TestBundledDataset: the dataset shipped in the repository is valid, with
// its evidence checked when the source texts are at hand.
func TestBundledDataset(t *testing.T) {
	args := []string{"validate", dataset}
	if info, err := os.Stat(datasetSources); err == nil && info.IsDir() {
		args = []string{"validate", "--sources", datasetSources, dataset}
	} else {
		t.Logf("%s not found: evidence not checked", datasetSources)
	}
	r := runBinary(t, args...)
	if r.status != 0 || !strings.HasPrefix(r.stdout, "0 errors, 0 warnings in ") {
		t.Errorf("curate %s: want exit 0 and no diagnostics\n%s", strings.Join(args, " "), r)
	}
}

// TestFormats runs the binary on a broken file in each output format: every
// format exits 1 and carries the diagnostic's file, line, column and pointer.
func TestFormats(t *testing.T) {
	args := func(format string) []string {
		return []string{"validate", "--format", format, "--sources", testSources, testBase, testCase}
	}
	const (
		line, col = 8, 5
		pointer   = "/records/1"
	)
	t.Run("text", func(t *testing.T) {
		r := runBinary(t, args("text")...)
		want := fmt.Sprintf("%s:%d:%d: error: missing property %q [required] at %s\n", testCase, line, col, "imposed_by", pointer)
		if r.status != 1 || !strings.Contains(r.stdout, want) || !strings.HasSuffix(r.stdout, "5 errors, 0 warnings in 4 files (10 records)\n") {
			t.Errorf("want exit 1 with %q and the count\n%s", want, r)
		}
	})
	t.Run("json", func(t *testing.T) {
		r := runBinary(t, args("json")...)
		if r.status != 1 {
			t.Errorf("exit %d, want 1", r.status)
		}
		var out struct {
			Diagnostics []struct {
				File, Pointer, Rule, Message, Severity string
				Line, Column, Offset                   int
			}
			Summary struct{ Files, Records, Errors, Warnings int }
		}
		if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
			t.Fatalf("output does not parse: %v\n%s", err, r)
		}
		if out.Summary.Errors != 5 || len(out.Diagnostics) != 5 || out.Summary.Files != 4 || out.Summary.Records != 10 {
			t.Errorf("summary %+v with %d diagnostics, want 5 errors in 4 files (10 records)", out.Summary, len(out.Diagnostics))
		}
		found := false
		for _, d := range out.Diagnostics {
			if d.File == testCase && d.Line == line && d.Column == col && d.Pointer == pointer && d.Rule == "required" &&
				d.Severity == "error" && d.Message == `missing property "imposed_by"` && d.Offset > 0 {
				found = true
			}
		}
		if !found {
			t.Errorf("no diagnostic %s:%d:%d at %s\n%s", testCase, line, col, pointer, r)
		}
	})
	t.Run("github", func(t *testing.T) {
		r := runBinary(t, args("github")...)
		command := fmt.Sprintf("::error file=%s,line=%d,col=%d,title=required::missing property \"imposed_by\" at %s%%0A\"imposed_by\": ", testCase, line, col, pointer)
		plain := fmt.Sprintf("%s:%d:%d: error: missing property \"imposed_by\" [required]", testCase, line, col)
		if r.status != 1 || !strings.Contains(r.stdout, command) || !strings.Contains(r.stdout, plain) ||
			!strings.HasSuffix(r.stdout, "5 errors, 0 warnings in 4 files (10 records)\n") {
			t.Errorf("want exit 1 with the command %q, the plain list and the count\n%s", command, r)
		}
		if n := len(regexp.MustCompile(`(?m)^::error file=[^,]+,line=\d+,col=\d+,title=[^:]+::`).FindAllString(r.stdout, -1)); n != 5 {
			t.Errorf("got %d ::error commands, want 5\n%s", n, r)
		}
	})
	t.Run("sarif", func(t *testing.T) {
		r := runBinary(t, args("sarif")...)
		var log struct {
			Version string
			Runs    []struct {
				Results []struct {
					RuleID    string
					Locations []struct {
						PhysicalLocation struct {
							ArtifactLocation struct{ URI string }
							Region           struct{ StartLine, StartColumn int }
						}
					}
				}
			}
		}
		if err := json.Unmarshal([]byte(r.stdout), &log); err != nil {
			t.Fatalf("output does not parse: %v\n%s", err, r)
		}
		if r.status != 1 || log.Version != "2.1.0" || len(log.Runs) != 1 || len(log.Runs[0].Results) != 5 {
			t.Fatalf("want exit 1 and a SARIF 2.1.0 run with 5 results\n%s", r)
		}
		found := false
		for _, res := range log.Runs[0].Results {
			loc := res.Locations[0].PhysicalLocation
			if res.RuleID == "required" && loc.ArtifactLocation.URI == testCase && loc.Region.StartLine == line && loc.Region.StartColumn == col {
				found = true
			}
		}
		if !found {
			t.Errorf("no result at %s:%d:%d\n%s", testCase, line, col, r)
		}
	})
}

// TestUsageLines: each command's usage line, the one source of its
// synopsis, appears as is in --help and in README.md.
func TestUsageLines(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range commands() {
		synopsis := "curate " + c.usage
		if !strings.Contains(string(readme), synopsis+"\n") {
			t.Errorf("README.md lacks the synopsis of %s, as --help gives it:\n%s", c.name, synopsis)
		}
		r := runInProcess(c.name, "--help")
		if !strings.HasPrefix(r.stdout, "Usage: "+synopsis+"\n") {
			t.Errorf("curate %s --help does not start with its usage line:\n%s", c.name, r)
		}
	}
}

// TestUnwritableOutput: output that cannot be written is exit 2 with a
// message, never a silent 0.
func TestUnwritableOutput(t *testing.T) {
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skip("no /dev/full:", err)
	}
	defer full.Close()
	cmd := exec.Command(binary, "validate", "--sources", testSources, testBase)
	cmd.Stdout = full
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err = cmd.Run()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 2 || !strings.Contains(stderr.String(), "curate validate: writing the report: ") {
		t.Errorf("validate into /dev/full: %v, stderr %q; want exit 2 and a message", err, stderr.String())
	}
}

var updateReadme = flag.Bool("update", false, "rewrite README.md's table of rules from the catalogue")

// TestReadmeRules: README's table of rules is the catalogue, rule for rule.
func TestReadmeRules(t *testing.T) {
	const path = "../../README.md"
	readme, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	begin, end := "<!-- rules: begin -->\n", "<!-- rules: end -->"
	i, j := strings.Index(string(readme), begin), strings.Index(string(readme), end)
	if i < 0 || j < i {
		t.Fatalf("README.md lacks the markers %q and %q", begin, end)
	}
	var b strings.Builder
	b.WriteString("| rule | what holds when it passes |\n|---|---|\n")
	for _, r := range rules() {
		fmt.Fprintf(&b, "| `%s` | %s |\n", r.ID, r.Summary)
	}
	got := string(readme[:i+len(begin)]) + b.String() + string(readme[j:])
	if *updateReadme {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if got != string(readme) {
		t.Errorf("README.md's table of rules differs from the catalogue (go test ./cmd/curate -run TestReadmeRules -update rewrites it)")
	}
}
