package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fmtTree writes a small repository (schema/ beside dataset/) and returns
// its dataset directory.
func fmtTree(t *testing.T, files map[string]string) string {
	t.Helper()
	repo := t.TempDir()
	all := map[string]string{"schema/records.schema.json": "{}", "schema/dataset.schema.json": "{}"}
	for k, v := range files {
		all[k] = v
	}
	for name, text := range all {
		p := filepath.Join(repo, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return filepath.Join(repo, "dataset")
}

const canonicalEvents = "{\n  \"$schema\": \"../../schema/records.schema.json\",\n  \"records\": [\n    {\n      \"kind\": \"event\",\n      \"id\": \"event-a\"\n    }\n  ]\n}\n"

// TestFmt: curate fmt rewrites, --check reports and exits 1, a file that
// does not parse is reported and left alone, in every format.
func TestFmt(t *testing.T) {
	messy := `{"records": [{"id": "event-a", "kind": "event"}]}`
	broken := "{\"records\": [\n  {\"id\": \"event-a\",}\n]}"
	for _, run := range []struct {
		name string
		run  func(t *testing.T, args ...string) result
	}{
		{"binary", runBinary},
		{"in-process", func(t *testing.T, args ...string) result { return runInProcess(args...) }},
	} {
		t.Run(run.name, func(t *testing.T) {
			dir := fmtTree(t, map[string]string{"dataset/events/e.json": messy, "dataset/events/ok.json": canonicalEvents})
			e := filepath.Join(dir, "events/e.json")

			r := run.run(t, "fmt", "--check", dir)
			if r.status != 1 || !strings.Contains(r.stdout, `e.json:1:2: error: not in canonical form: no "$schema"; keys out of the schema's order; indentation and line breaks`) ||
				!strings.Contains(r.stdout, "[fmt]\n    hint: run curate fmt ") || strings.Contains(r.stdout, "ok.json") ||
				!strings.HasSuffix(r.stdout, "1 error, 0 warnings in 2 files (2 records)\n") || r.stderr != "" {
				t.Errorf("fmt --check: want exit 1 and one diagnostic\n%s", r)
			}
			if b, _ := os.ReadFile(e); string(b) != messy {
				t.Errorf("--check wrote the file")
			}
			r = run.run(t, "fmt", "--check", "--format", "github", dir)
			if r.status != 1 || !strings.Contains(r.stdout, "::error file=") || !strings.Contains(r.stdout, ",line=1,col=2,title=fmt::not in canonical form") {
				t.Errorf("fmt --check --format github: want an ::error command\n%s", r)
			}

			r = run.run(t, "fmt", dir)
			if r.status != 0 || !strings.HasPrefix(r.stdout, "formatted ") || !strings.HasSuffix(r.stdout, "events/e.json\n") || strings.Count(r.stdout, "\n") != 1 || r.stderr != "" {
				t.Errorf("fmt: want exit 0 and the file formatted\n%s", r)
			}
			if b, _ := os.ReadFile(e); string(b) != canonicalEvents {
				t.Errorf("fmt wrote\n%s\nwant\n%s", b, canonicalEvents)
			}
			if r := run.run(t, "fmt", "--check", dir); r.status != 0 || !strings.HasSuffix(r.stdout, "0 errors, 0 warnings in 2 files (2 records)\n") {
				t.Errorf("fmt --check after fmt: want exit 0\n%s", r)
			}
			if r := run.run(t, "fmt", dir); r.status != 0 || r.stdout != "" {
				t.Errorf("fmt twice: want nothing to do\n%s", r)
			}

			os.WriteFile(e, []byte(broken), 0o644)
			r = run.run(t, "fmt", dir)
			if r.status != 1 || !strings.Contains(r.stdout, "e.json:2:19: error: ") || !strings.Contains(r.stdout, "[trailing-comma]") {
				t.Errorf("fmt of a file that does not parse: want exit 1 and the error located\n%s", r)
			}
			if b, _ := os.ReadFile(e); string(b) != broken {
				t.Errorf("a file that does not parse was rewritten")
			}
		})
	}
}

// TestFmtUsage: bad flags and paths.
func TestFmtUsage(t *testing.T) {
	if r := runInProcess("fmt", "--format", "xml"); r.status != 2 || !strings.Contains(r.stderr, `unknown format "xml"`) {
		t.Errorf("unknown format\n%s", r)
	}
	if r := runInProcess("fmt", "--check", "no-such-dir"); r.status != 2 || !strings.Contains(r.stdout, "no-such-dir: error: no such file or directory [read]") {
		t.Errorf("missing path\n%s", r)
	}
	if r := runInProcess("fmt", "--help"); r.status != 0 || !strings.Contains(r.stdout, "Usage: curate fmt [--check]") {
		t.Errorf("--help\n%s", r)
	}
}

// TestFmtSARIF: the fmt rule is described in SARIF output.
func TestFmtSARIF(t *testing.T) {
	dir := fmtTree(t, map[string]string{"dataset/e.json": `{"records": []}`})
	r := runInProcess("fmt", "--check", "--format", "sarif", dir)
	if r.status != 1 || !strings.Contains(r.stdout, `"ruleId": "fmt"`) || !strings.Contains(r.stdout, "every dataset file is in canonical form") {
		t.Errorf("want a SARIF result of rule fmt, described\n%s", r)
	}
}
