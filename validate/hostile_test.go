package validate_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"

	"curate/diag"
	"curate/validate"
)

// The bad-input corpus: each case builds a dataset directory from the valid
// base plus one hostile file (or a hostile source text), validates it, and
// states the outcome a user relies on: the rules reported (each at least
// once, nothing else), that the run ends, and that the report holds no
// control character. The promise under test is README's "What curate
// promises".

// hostileCase is one bad input and its expected outcome.
type hostileCase struct {
	name string
	// setup writes the hostile input into dir (a copy of the base) and
	// sources (a copy of the sources); it returns extra PATH arguments.
	setup func(t *testing.T, dir, sources string) []string
	rules []string // the rules reported, each at least once, and no other
	// check looks at the result further, when set.
	check func(t *testing.T, res *validate.Result, text string)
}

// templateRecord returns the base's event record as a JSON object, to build
// large valid files from whatever shape the schema gives records.
func templateRecord(t testing.TB, kind string) map[string]any {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(baseDir, "records.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct{ Records []map[string]any }
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	for _, r := range doc.Records {
		if r["kind"] == kind {
			return r
		}
	}
	t.Fatalf("no %s in the base", kind)
	return nil
}

// bigRecords returns a records file of about size bytes: copies of the
// base's event, each with an id of its own.
func bigRecords(t testing.TB, size int) []byte {
	rec := templateRecord(t, "event")
	var b bytes.Buffer
	b.WriteString("{\n  \"records\": [\n")
	for i := 0; b.Len() < size; i++ {
		rec["id"] = fmt.Sprintf("event-copy-%d", i)
		one, _ := json.MarshalIndent(rec, "    ", "  ")
		if i > 0 {
			b.WriteString(",\n")
		}
		b.WriteString("    ")
		b.Write(one)
	}
	b.WriteString("\n  ]\n}\n")
	return b.Bytes()
}

func write(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// copyDir copies the regular files of src into dst.
func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		write(t, filepath.Join(dst, e.Name()), b)
	}
}

// withSource rewrites the base's source record to name file.
func withSource(t *testing.T, dir, file string) {
	p := filepath.Join(dir, "records.json")
	b, _ := os.ReadFile(p)
	write(t, p, bytes.Replace(b, []byte(`"file": "sample.txt"`), []byte(`"file": `+quote(file)), 1))
}

func quote(s string) string { b, _ := json.Marshal(s); return string(b) }

func hostileCases() []hostileCase {
	file := func(name, content string) func(*testing.T, string, string) []string {
		return func(t *testing.T, dir, _ string) []string {
			write(t, filepath.Join(dir, name), []byte(content))
			return nil
		}
	}
	event := func(t *testing.T, field string, value string) []byte {
		rec := templateRecord(t, "event")
		rec["id"] = "event-hostile"
		rec[field] = json.RawMessage(value)
		b, _ := json.Marshal(rec)
		return []byte(`{"records": [` + string(b) + `]}`)
	}
	return []hostileCase{
		{name: "empty file", setup: file("x.json", ""), rules: []string{"syntax"}},
		{name: "empty array", setup: file("x.json", "[]"), rules: []string{"type"}},
		{name: "top-level scalar", setup: file("x.json", "42"), rules: []string{"type"}},
		{name: "truncated file", setup: file("x.json", `{"records": [{"kind": "event", "id": "ev`), rules: []string{"syntax"}},
		{name: "not JSON", setup: file("x.json", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), rules: []string{"syntax"}},
		{name: "NUL bytes", setup: file("x.json", `{"records": [], "a": "x`+strings.Repeat("\x00", 500)+`"}`), rules: []string{"syntax", "too-many-errors", "additionalProperties"}},
		{name: "overlong UTF-8", setup: file("x.json", "{\"records\": [], \"\xc0\xaf\": 1}"), rules: []string{"invalid-utf8", "additionalProperties"}},
		{name: "deep nesting", setup: file("x.json", strings.Repeat("[", 100000)+strings.Repeat("]", 100000)), rules: []string{"syntax"}},
		{name: "CR-only lines", setup: file("x.json", "{\r\"records\": [\r],\r\"bad\": 1\r}\r"), rules: []string{"additionalProperties"},
			check: func(t *testing.T, res *validate.Result, _ string) {
				if d := res.Diagnostics[0]; d.Pos.Line != 4 || d.Pos.Column != 1 {
					t.Errorf("CR-only file: reported at %s, want line 4, column 1 as an editor shows it", d.Pos)
				}
			}},
		{name: "CRLF lines", setup: file("x.json", "{\r\n\"records\": [\r\n],\r\n\"bad\": 1\r\n}\r\n"), rules: []string{"additionalProperties"},
			check: func(t *testing.T, res *validate.Result, _ string) {
				if d := res.Diagnostics[0]; d.Pos.Line != 4 || d.Pos.Column != 1 {
					t.Errorf("CRLF file: reported at %s, want 4:1", d.Pos)
				}
			}},
		{name: "number out of range", setup: func(t *testing.T, dir, _ string) []string {
			write(t, filepath.Join(dir, "x.json"), event(t, "figures", `[{"metric": "m", "quantity": 1e1000001, "unit": "u"}]`))
			return nil
		}, rules: []string{"number-range"}},
		{name: "thousands of huge exponents", setup: func(t *testing.T, dir, _ string) []string {
			write(t, filepath.Join(dir, "x.json"), []byte(`{"records": [], "x": [`+strings.Repeat("1e999999,", 5000)+`1]}`))
			return nil
		}, rules: []string{"number-range", "too-many-errors", "additionalProperties"}},
		{name: "invalid bytes in one string", setup: func(t *testing.T, dir, _ string) []string {
			write(t, filepath.Join(dir, "x.json"), []byte(`{"records": [], "x": "`+strings.Repeat("\xff", 5<<20)+`"}`))
			return nil
		}, rules: []string{"invalid-utf8", "too-many-errors", "additionalProperties"},
			check: func(t *testing.T, res *validate.Result, _ string) {
				if n := len(res.Diagnostics); n > 200 {
					t.Errorf("%d diagnostics for one string; the parser caps them", n)
				}
			}},
		{name: "comments", setup: file("x.json", `{"records": []`+strings.Repeat("/**/", 400000)+`}`), rules: []string{"comment", "too-many-errors"}},
		{name: "many bad references", setup: func(t *testing.T, dir, _ string) []string {
			rec := templateRecord(t, "measure")
			var recs []string
			for i := range 6000 {
				rec["id"] = fmt.Sprintf("measure-m-%d", i)
				rec["imposed_by"] = []string{fmt.Sprintf("actor-nobody-%d", i)}
				b, _ := json.Marshal(rec)
				recs = append(recs, string(b))
			}
			write(t, filepath.Join(dir, "x.json"), []byte(`{"records": [`+strings.Join(recs, ",")+`]}`))
			return nil
		}, rules: []string{"reference"}, check: func(t *testing.T, res *validate.Result, _ string) {
			if res.Summary.Omitted.Errors == 0 {
				t.Errorf("6000 bad references all shown; the limit counts the rest")
			}
		}},
		{name: "newline and escapes in a key", setup: file("x.json", "{\"records\": [], \"k\\n::error file=forged::x\\u001b[31m\": 1}"), rules: []string{"additionalProperties"}},
		{name: "newline in a file name", setup: file("a\n::error file=forged.json::x.json", `{"records": [], "bad": 1}`), rules: []string{"additionalProperties"}},
		{name: "named pipe", setup: func(t *testing.T, dir, _ string) []string {
			if err := syscall.Mkfifo(filepath.Join(dir, "x.json"), 0o644); err != nil {
				t.Skip(err)
			}
			return nil
		}, rules: []string{"read"}, check: wantMessage("not a regular file (a named pipe): not read")},
		{name: "named pipe given by name", setup: func(t *testing.T, dir, _ string) []string {
			p := filepath.Join(t.TempDir(), "x.json")
			if err := syscall.Mkfifo(p, 0o644); err != nil {
				t.Skip(err)
			}
			return []string{p}
		}, rules: []string{"read"}},
		{name: "symlink to a device", setup: func(t *testing.T, dir, _ string) []string {
			os.Symlink("/dev/zero", filepath.Join(dir, "z.json"))
			return nil
		}, rules: []string{"read"}, check: wantMessage("leads outside the directory given: not read")},
		{name: "symlink out of the dataset", setup: func(t *testing.T, dir, _ string) []string {
			secret := filepath.Join(t.TempDir(), "secret.json")
			write(t, secret, []byte(`{"records": [], "password": "hunter2"}`))
			os.Symlink(secret, filepath.Join(dir, "s.json"))
			return nil
		}, rules: []string{"read"}, check: wantNot("password")},
		{name: "symlink loop", setup: func(t *testing.T, dir, _ string) []string {
			os.Symlink("b.json", filepath.Join(dir, "a.json"))
			os.Symlink("a.json", filepath.Join(dir, "b.json"))
			return nil
		}, rules: []string{"read"}, check: wantMessage("symbolic link")},
		{name: "directory named like a file", setup: func(t *testing.T, dir, _ string) []string {
			d := filepath.Join(t.TempDir(), "x.json")
			os.Mkdir(d, 0o755)
			return []string{d}
		}, rules: []string{"read"}, check: wantMessage("no .json files")},
		{name: "source file outside --sources", setup: func(t *testing.T, dir, sources string) []string {
			secret := filepath.Join(filepath.Dir(sources), "secret.txt")
			write(t, secret, []byte("the launch code is 0000"))
			withSource(t, dir, "../secret.txt")
			return nil
		}, rules: []string{"pattern"}, check: wantNot("launch code", "5b7a")},
		{name: "absolute source file", setup: func(t *testing.T, dir, _ string) []string {
			withSource(t, dir, "/etc/passwd")
			return nil
		}, rules: []string{"pattern"}, check: wantNot("root:")},
		{name: "source text is a named pipe", setup: func(t *testing.T, dir, sources string) []string {
			os.Remove(filepath.Join(sources, "sample.txt"))
			if err := syscall.Mkfifo(filepath.Join(sources, "sample.txt"), 0o644); err != nil {
				t.Skip(err)
			}
			return nil
		}, rules: []string{"source-file"}, check: wantMessage("named pipe")},
		{name: "source text links to a device", setup: func(t *testing.T, dir, sources string) []string {
			os.Remove(filepath.Join(sources, "sample.txt"))
			os.Symlink("/dev/zero", filepath.Join(sources, "sample.txt"))
			return nil
		}, rules: []string{"source-file"}, check: wantMessage("leads outside")},
		{name: "source text links outside", setup: func(t *testing.T, dir, sources string) []string {
			secret := filepath.Join(filepath.Dir(sources), "secret.txt")
			write(t, secret, []byte("the launch code is 0000"))
			os.Remove(filepath.Join(sources, "sample.txt"))
			os.Symlink(secret, filepath.Join(sources, "sample.txt"))
			return nil
		}, rules: []string{"source-file"}, check: wantNot("launch code")},
		{name: "text longer than a cell", setup: func(t *testing.T, dir, _ string) []string {
			write(t, filepath.Join(dir, "x.json"), event(t, "description", quote(strings.Repeat("é", 45000))))
			return nil
		}, rules: []string{"maxLength"}},
	}
}

func wantMessage(s string) func(*testing.T, *validate.Result, string) {
	return func(t *testing.T, _ *validate.Result, text string) {
		if !strings.Contains(text, s) {
			t.Errorf("the report does not say %q:\n%s", s, text)
		}
	}
}

func wantNot(ss ...string) func(*testing.T, *validate.Result, string) {
	return func(t *testing.T, _ *validate.Result, text string) {
		for _, s := range ss {
			if strings.Contains(text, s) {
				t.Errorf("the report reveals %q from a file it was not given:\n%s", s, text)
			}
		}
	}
}

func TestHostileInputs(t *testing.T) {
	for _, tc := range hostileCases() {
		t.Run(tc.name, func(t *testing.T) {
			dir, sources := t.TempDir(), filepath.Join(t.TempDir(), "sources")
			os.Mkdir(sources, 0o755)
			copyDir(t, baseDir, dir)
			copyDir(t, sourcesDir, sources)
			args := append([]string{dir}, tc.setup(t, dir, sources)...)
			type outcome struct {
				res *validate.Result
				err error
			}
			done := make(chan outcome, 1)
			go func() {
				res, err := validate.Run(args, validate.Options{SourcesDir: sources})
				done <- outcome{res, err}
			}()
			var o outcome
			select {
			case o = <-done:
			case <-time.After(60 * time.Second):
				t.Fatal("validate did not finish within 60 s")
			}
			if o.err != nil {
				t.Fatalf("Run: %v", o.err)
			}
			var b bytes.Buffer
			for _, f := range diag.Formats {
				b.Reset()
				diag.ForFormat(f, validate.Rules).Write(&b, o.res.Diagnostics, o.res.Summary)
				for i, r := range b.String() {
					if r != '\n' && (r < 0x20 || r >= 0x7f && r <= 0x9f) {
						t.Fatalf("%s output has the control character %U at byte %d", f, r, i)
					}
				}
				if !utf8.Valid(b.Bytes()) {
					t.Fatalf("%s output is not valid UTF-8", f)
				}
				if f == "github" && strings.Contains(b.String(), "\n::error file=forged") {
					t.Fatalf("a forged workflow command:\n%s", b.String())
				}
			}
			b.Reset()
			diag.Text{}.Write(&b, o.res.Diagnostics, o.res.Summary)
			text := b.String()
			got := map[string]bool{}
			for _, d := range o.res.Diagnostics {
				got[d.Rule] = true
			}
			for _, r := range tc.rules {
				if !got[r] {
					t.Errorf("no %q diagnostic:\n%s", r, text)
				}
				delete(got, r)
			}
			for r := range got {
				t.Errorf("unexpected %q diagnostic:\n%s", r, text)
			}
			if tc.check != nil {
				tc.check(t, o.res, text)
			}
		})
	}
}

// TestLargeInputMemory validates generated 100 MB inputs in a child process
// and holds its peak RSS to the bound README states: at most 8 times the
// largest file plus 100 MB.
func TestLargeInputMemory(t *testing.T) {
	if os.Getenv("CURATE_MEMORY_CHILD") != "" {
		res, err := validate.Run([]string{os.Getenv("CURATE_MEMORY_CHILD")}, validate.Options{CheckOnly: true})
		if err != nil {
			fmt.Println(err)
			os.Exit(3)
		}
		// The peak RSS of this process since exec (getrusage of a child
		// can count the parent's pages it was forked from).
		status, _ := os.ReadFile("/proc/self/status")
		var hwm int64
		for _, line := range strings.Split(string(status), "\n") {
			if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
				fmt.Sscan(strings.TrimSuffix(strings.TrimSpace(v), " kB"), &hwm)
			}
		}
		fmt.Printf("%d records, %d errors\nVmHWM %d\n", res.Summary.Records, res.Diagnostics.Errors()+res.Summary.Omitted.Errors, hwm)
		os.Exit(0)
	}
	if testing.Short() {
		t.Skip("generates 100 MB inputs")
	}
	const size = 100 << 20
	cases := map[string][]byte{
		"records":     bigRecords(t, size),
		"long string": []byte(`{"records": [], "x": "` + strings.Repeat("a", 50<<20) + `"}`),
		"deep arrays": []byte(`{"records": [` + strings.Repeat(strings.Repeat("[", 900)+strings.Repeat("]", 900)+",", size/1801) + `1]}`),
	}
	for name, data := range cases {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			write(t, filepath.Join(dir, "x.json"), data)
			runtime.GC()
			cmd := exec.Command(os.Args[0], "-test.run=^TestLargeInputMemory$")
			cmd.Env = append(os.Environ(), "CURATE_MEMORY_CHILD="+dir)
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("child: %v\n%s", err, out)
			}
			var rss int64
			if _, after, ok := strings.Cut(string(out), "VmHWM "); ok {
				fmt.Sscan(after, &rss)
			}
			rss <<= 10
			if rss == 0 {
				t.Skip("no VmHWM in /proc/self/status")
			}
			bound := 8*int64(len(data)) + 100<<20
			t.Logf("%s: %d MB input, peak RSS %d MB (%s)", name, len(data)>>20, rss>>20, strings.ReplaceAll(strings.TrimSpace(string(out)), "\n", "; "))
			if rss > bound {
				t.Errorf("peak RSS %d MB for a %d MB file; the bound is %d MB", rss>>20, len(data)>>20, bound>>20)
			}
		})
	}
}
