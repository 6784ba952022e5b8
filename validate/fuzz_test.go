package validate_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"curate/diag"
	"curate/jsonpos"
	"curate/schema"
	"curate/validate"
)

// FuzzValidate runs the whole pipeline on one file, bytes in, diagnostics
// out, and checks what a curator relies on: every diagnostic's line and
// column lie inside the file, its pointer resolves in the parsed document
// when the file parsed, a second run gives the same report, and no output
// format holds a control character.
func FuzzValidate(f *testing.F) {
	for _, glob := range []string{casesDir + "/*.json", baseDir + "/*.json"} {
		names, _ := filepath.Glob(glob)
		for _, n := range names {
			if b, err := os.ReadFile(n); err == nil {
				f.Add(b)
			}
		}
	}
	f.Add([]byte(`{"records": [{"kind": "event", "id": "event-x", "date": {"edtf": "[..2022-02-26]"}}]}`))
	f.Add([]byte("{\"records\": [], \"k\\n::error::x\": 1e999}"))
	dir := f.TempDir()
	set, err := schema.LoadDir("")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(dir, "x.json")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		run := func() (*validate.Result, map[string][]byte) {
			res, err := validate.Run([]string{path}, validate.Options{Schema: set})
			if err != nil {
				t.Fatalf("Run: %v", err)
			}
			out := map[string][]byte{}
			for _, name := range diag.Formats {
				var b bytes.Buffer
				if err := diag.ForFormat(name, validate.Rules).Write(&b, res.Diagnostics, res.Summary); err != nil {
					t.Fatal(err)
				}
				out[name] = b.Bytes()
			}
			return res, out
		}
		res, out := run()
		_, again := run()
		for name, b := range out {
			if !bytes.Equal(b, again[name]) {
				t.Fatalf("%s output differs between two runs:\n%s\n---\n%s", name, b, again[name])
			}
			for i, r := range string(b) {
				if r != '\n' && (r < 0x20 || r >= 0x7f && r <= 0x9f) {
					t.Fatalf("%s output has the control character %U at byte %d", name, r, i)
				}
			}
			if !utf8.Valid(b) {
				t.Fatalf("%s output is not valid UTF-8", name)
			}
		}
		lines := editorLines(data)
		doc, errs := jsonpos.Parse(data)
		parsed := doc != nil
		for _, d := range res.Diagnostics {
			if d.Pos.Line == 0 {
				continue
			}
			if d.Pos.Line > len(lines) || d.Pos.Column < 1 || d.Pos.Column > utf8.RuneCount(lines[d.Pos.Line-1])+1 {
				t.Errorf("%s: outside the file (%d lines)", d, len(lines))
			}
			if d.Pos.Offset < 0 || d.Pos.Offset > len(data) {
				t.Errorf("%s: offset %d outside the file (%d bytes)", d, d.Pos.Offset, len(data))
			}
			if parsed && d.Pointer != "" && !isParserRule(d.Rule) {
				if _, ok := jsonpos.Lookup(doc, d.Pointer); !ok {
					t.Errorf("%s: pointer %q does not resolve in the parsed file", d, d.Pointer)
				}
			}
		}
		_ = errs
	})
}

// isParserRule reports whether a rule comes from the JSON parser, whose
// pointers may name a value the parse dropped (a duplicate key).
func isParserRule(rule string) bool {
	for _, r := range jsonpos.Rules {
		if r.Name == rule {
			return true
		}
	}
	return false
}

// editorLines splits data into lines as editors count them: \n, \r\n and a
// lone \r each end a line.
func editorLines(data []byte) [][]byte {
	s := strings.ReplaceAll(string(data), "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	var out [][]byte
	for _, l := range strings.Split(s, "\n") {
		out = append(out, []byte(l))
	}
	return out
}
