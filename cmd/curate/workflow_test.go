package main

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/rhysd/actionlint"
)

// workflowPath is the CI recipe of a dataset repository.
const workflowPath = "../../.github/workflows/validate.yml"

// lintWorkflow runs actionlint (the linter GitHub workflows are checked
// with) on a workflow's text, with shellcheck on its run: scripts where
// shellcheck is installed, and returns the errors as lines.
func lintWorkflow(t *testing.T, path string, content []byte) []string {
	t.Helper()
	opts := &actionlint.LinterOptions{}
	if sc, err := exec.LookPath("shellcheck"); err == nil {
		opts.Shellcheck = sc
	}
	l, err := actionlint.NewLinter(io.Discard, opts)
	if err != nil {
		t.Fatal(err)
	}
	errs, err := l.Lint(path, content, nil)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, e := range errs {
		lines = append(lines, e.Error())
	}
	return lines
}

// TestWorkflowLint: actionlint finds no error in the workflow, and finds
// the errors of a broken one, so that this test fails when the workflow is
// broken.
func TestWorkflowLint(t *testing.T) {
	content, err := os.ReadFile(workflowPath)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range lintWorkflow(t, workflowPath, content) {
		t.Errorf("actionlint: %s", e)
	}
	breakages := []struct{ from, to, want string }{
		{"steps.files.outputs.count", "steps.file.outputs.count", `property "file" is not defined`},
		{"go-version-file: go.mod", "go-version-fil: go.mod", `input "go-version-fil" is not defined`},
		{"on:\n  pull_request:", "on:\n  pull-request:", `unknown Webhook event "pull-request"`},
		{"runs-on: ubuntu-latest", "runs_on: ubuntu-latest", `unexpected key "runs_on"`},
	}
	if _, err := exec.LookPath("shellcheck"); err == nil {
		breakages = append(breakages, struct{ from, to, want string }{`-- "${files[@]}"`, `-- ${files[@]}`, "SC2068"})
	} else {
		t.Log("shellcheck is not installed: the run: scripts are checked by bash -n only (apt-get install shellcheck)")
	}
	for _, breakage := range breakages {
		broken := strings.Replace(string(content), breakage.from, breakage.to, 1)
		if broken == string(content) {
			t.Errorf("the workflow has no %q to break", breakage.from)
			continue
		}
		errs := lintWorkflow(t, workflowPath, []byte(broken))
		if !slices.ContainsFunc(errs, func(e string) bool { return strings.Contains(e, breakage.want) }) {
			t.Errorf("%q for %q: actionlint reports %q, want %q", breakage.to, breakage.from, errs, breakage.want)
		}
	}
}

// TestWorkflowSteps: on a pull request, the workflow checks out the history
// to the base, sets Go up from go.mod, builds curate, picks the dataset
// files the pull request changes, runs curate fmt --check and curate
// validate --format github on them, and uploads SARIF whatever happened;
// every curate command line in it names a command and flags that exist,
// and every script is valid bash.
func TestWorkflowSteps(t *testing.T) {
	content, err := os.ReadFile(workflowPath)
	if err != nil {
		t.Fatal(err)
	}
	wf, errs := actionlint.Parse(content)
	if len(errs) > 0 {
		t.Fatalf("actionlint.Parse: %v", errs[0])
	}
	onPR := false
	for _, ev := range wf.On {
		if w, ok := ev.(*actionlint.WebhookEvent); ok && w.Hook.Value == "pull_request" {
			onPR = true
		}
	}
	if !onPR {
		t.Errorf("the workflow does not run on pull_request")
	}
	var runs []string
	actions := map[string][]*actionlint.Step{} // by action, without its version
	for _, job := range wf.Jobs {
		for _, s := range job.Steps {
			switch e := s.Exec.(type) {
			case *actionlint.ExecRun:
				runs = append(runs, e.Run.Value)
			case *actionlint.ExecAction:
				name, _, _ := strings.Cut(e.Uses.Value, "@")
				actions[name] = append(actions[name], s)
			}
		}
	}
	input := func(s *actionlint.Step, name string) string {
		if in, ok := s.Exec.(*actionlint.ExecAction).Inputs[name]; ok {
			return in.Value.Value
		}
		return ""
	}
	if c := actions["actions/checkout"]; len(c) == 0 || input(c[0], "fetch-depth") != "0" {
		t.Errorf("the first checkout must fetch the history (fetch-depth: 0), for git diff against the base")
	}
	if g := actions["actions/setup-go"]; len(g) != 1 || input(g[0], "go-version-file") != "go.mod" {
		t.Errorf("want Go set up from go.mod (actions/setup-go with go-version-file: go.mod)")
	}
	// The validation cache: kept across runs, filled by the pushes to main
	// that pull requests are based on.
	if c := actions["actions/cache"]; len(c) != 1 || input(c[0], "path") != "~/.cache/curate" || !strings.HasPrefix(input(c[0], "restore-keys"), "curate-validate-") {
		t.Errorf("want curate's cache directory (~/.cache/curate) kept with actions/cache and restored from the newest run")
	}
	onPush := false
	for _, ev := range wf.On {
		if w, ok := ev.(*actionlint.WebhookEvent); ok && w.Hook.Value == "push" {
			onPush = slices.ContainsFunc(w.Branches.Values, func(v *actionlint.String) bool { return v.Value == "main" })
		}
	}
	if !onPush {
		t.Errorf("the workflow does not run on a push to main, which fills the cache pull requests restore")
	}
	if u := actions["github/codeql-action/upload-sarif"]; len(u) != 1 || !strings.Contains(u[0].If.Value, "always()") || input(u[0], "sarif_file") != "curate.sarif" {
		t.Errorf("want curate.sarif uploaded with github/codeql-action/upload-sarif under if: always()")
	}
	script := strings.Join(runs, "\n")
	for _, want := range []string{
		`go build -o bin/curate ./cmd/curate`,
		`git diff --name-only --diff-filter=d "$BASE_SHA"...HEAD`,
		`^dataset/.*\.json$`,
		`^(schema/|`,
		`bin/curate fmt --check --format github -- "${files[@]}"`,
		`bin/curate validate --format github "${sources[@]}" -- "${files[@]}"`,
		`bin/curate validate --format sarif "${sources[@]}" -- "${files[@]}" >curate.sarif`,
	} {
		if !strings.Contains(script, want) {
			t.Errorf("no step runs %s", want)
		}
	}
	if !strings.Contains(string(content), "BASE_SHA: ${{ github.event.pull_request.base.sha }}") {
		t.Errorf("the changed files must be those since the pull request's base")
	}

	// Every curate command line: a command that exists, flags it has.
	calls := regexp.MustCompile(`bin/curate ([a-z]+)((?: [^ ;|&<>\n]+)*)`).FindAllStringSubmatch(script, -1)
	if len(calls) < 3 {
		t.Errorf("found %d curate command lines, want at least 3", len(calls))
	}
	for _, call := range calls {
		var cmd *command
		for _, c := range commands() {
			if c.name == call[1] {
				cmd = c
			}
		}
		if cmd == nil {
			t.Errorf("%s: curate has no command %q", call[0], call[1])
			continue
		}
		fs, _ := cmd.flagSet(io.Discard)
		for _, arg := range strings.Fields(call[2]) {
			if arg == "--" {
				break
			}
			name, _, _ := strings.Cut(strings.TrimPrefix(arg, "--"), "=")
			if strings.HasPrefix(arg, "--") && fs.Lookup(name) == nil {
				t.Errorf("%s: curate %s has no flag --%s", call[0], call[1], name)
			}
		}
	}

	// Every script parses as bash (expressions stand for words).
	expr := regexp.MustCompile(`\$\{\{[^}]*\}\}`)
	for _, r := range runs {
		cmd := exec.Command("bash", "-n")
		cmd.Stdin = strings.NewReader(expr.ReplaceAllString(r, "x"))
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Run(); err != nil {
			t.Errorf("bash -n: %v: %s\n%s", err, stderr.String(), r)
		}
	}
}
