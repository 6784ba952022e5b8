package jsonpos

import (
	"bytes"
	"encoding/json"
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// hostileSeeds are small inputs made to hurt, for the fuzz targets.
var hostileSeeds = []string{
	"", " ", "\xef\xbb\xbf", "\xef\xbb", "/*", "/**/", "//", "/", "\r", "\r\n", "\n\r", `"`, `"\`, `"\u`, `"\ud800\u`,
	`[`, `{`, `{"`, `{"a"`, `{"a":`, `{"a":1,`, `[1,`, `[1,]`, `{"a":1,}`, `{"a":1,"a":2,"a":{"a":[1,]}}`,
	`[1e999,-1e-999,0e999999999,12345678901234567,1e300,1e301]`, "[" + strings.Repeat("1", 40) + "]",
	strings.Repeat("[", MaxDepth+1), strings.Repeat("[", MaxDepth) + strings.Repeat("]", MaxDepth),
	strings.Repeat("/**/", 200) + "{}", `["` + strings.Repeat("\xff", 300) + `"]`, strings.Repeat(`{"a":1,`, 150) + "}",
	"{\"\x00\":1,\"\x00\":2}", "{\"a\\u0000\\n\":1,\"a\\u0000\\n\":2}", "[\"\u2028\u0085\"]", "[\u0085]", "[\x7f]",
	`{"records":1,"records":[2]}`, `{"records":[[1],{"records":[2]}],"records":[3]}`, `{"a":{"records":[1]}}`,
	`{"a/b~c":[{"":{"~1":[1,]}}]}`, "{\r\"a\":\r[\r1,\r]\r}\r// c\r", `[0,-0,0.0,-0.0e-0]`, `"\ud83d\ude00\ud83d"`,
}

// FuzzParse checks the properties of Parse on any input: no panic; errors
// within the input, with a rule of Rules and a clean message, at most
// MaxErrors and a count; the same result twice; the pointers of errors
// found by Locate and Lookup; Locate agreeing with Index; and the value
// encoding/json decodes when the input is JSON it accepts that curate
// accepts too.
func FuzzParse(f *testing.F) {
	for _, s := range hostileSeeds {
		f.Add([]byte(s))
	}
	for _, tt := range valueTests {
		f.Add([]byte(tt.in))
	}
	for _, tt := range errorTests {
		f.Add([]byte(tt.in))
	}
	files := corpus(f)
	for _, name := range slices.Sorted(maps.Keys(files)) {
		f.Add(files[name])
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		v, errs := Parse(data)
		v2, errs2 := Parse(data)
		if !reflect.DeepEqual(v, v2) || !reflect.DeepEqual(errs, errs2) {
			t.Fatalf("Parse(%q) twice gives different results", data)
		}
		if len(errs) > MaxErrors+1 {
			t.Fatalf("Parse(%q): %d errors, more than MaxErrors+1", data, len(errs))
		}
		lines := NewLines(data)
		place := func(what string, off int) {
			if off < 0 || off > len(data) {
				t.Fatalf("Parse(%q): %s %d outside the input", data, what, off)
			}
			if line, col := lines.Position(off); line < 1 || line > len(lines.starts) || col < 1 {
				t.Fatalf("Parse(%q): %s %d at line %d, column %d, of %d lines", data, what, off, line, col, len(lines.starts))
			}
		}
		tooMany, dupAt := false, []string{}
		for i, e := range errs {
			if !isRule(e.Rule) || e.Msg == "" {
				t.Fatalf("Parse(%q): error %+v has no rule of Rules or no message", data, e)
			}
			if bad := badMessage(e.Msg); bad != "" || strings.HasSuffix(e.Msg, ".") {
				t.Fatalf("Parse(%q): message %q: %s", data, e.Msg, bad)
			}
			place("offset", e.Offset)
			if e.Related != -1 {
				if e.Related >= len(data) {
					t.Fatalf("Parse(%q): related %d outside the input", data, e.Related)
				}
				place("related", e.Related)
			}
			if e.Rule == RuleTooManyErrors {
				if i != MaxErrors && (i == 0 || i != len(errs)-1) {
					t.Fatalf("Parse(%q): too-many-errors at %d of %d errors", data, i, len(errs))
				}
				tooMany = true
			}
			if e.Rule == RuleDuplicateKey {
				dupAt = append(dupAt, e.Pointer)
			}
		}
		if len(errs) == MaxErrors+1 && !tooMany {
			t.Fatalf("Parse(%q): %d errors and no count of the rest", data, len(errs))
		}

		// The errors' pointers are found.
		var pointers []string
		for _, e := range errs {
			pointers = append(pointers, e.Pointer)
		}
		found := Locate(data, pointers)
		if v != nil {
			for _, e := range errs {
				if _, ok := found[e.Pointer]; !ok {
					t.Fatalf("Parse(%q): Locate finds no %q for %+v", data, e.Pointer, e)
				}
				if _, ok := Lookup(v, e.Pointer); !ok && e.Rule != RuleDuplicateKey && !tooMany && !under(e.Pointer, dupAt) {
					t.Fatalf("Parse(%q): Lookup finds no %q for %+v", data, e.Pointer, e)
				}
			}
		}
		// Locate and Index agree.
		if len(data) < 4096 {
			index := Index(data)
			if got := Locate(data, slices.Collect(maps.Keys(index))); !reflect.DeepEqual(got, index) {
				t.Fatalf("Locate(%q) differs from Index:\n got  %v\n want %v", data, got, index)
			}
			if v != nil {
				if _, ok := index[""]; !ok {
					t.Fatalf("Index(%q) has no entry for the document", data)
				}
			}
			// Every string value of a clean parse ends, decoded, at its
			// closing quote.
			for ptr, loc := range index {
				if len(errs) > 0 {
					break
				}
				x, ok := Lookup(v, ptr)
				if !ok {
					t.Fatalf("Lookup(%q) of a pointer of Index: not found", ptr)
				}
				if s, ok := x.(string); ok {
					if off, ok := StringOffset(data, loc.Value, len(s)); !ok || data[off] != '"' {
						t.Fatalf("StringOffset(%q, %d, %d) = %d, %v: not the closing quote", data, loc.Value, len(s), off, ok)
					}
				}
			}
		}

		// ParseStream hands over the items of the first top-level
		// "records" array that Parse keeps, and the same errors.
		var items []any
		sv, serrs := ParseStream(data, "records", func(i int, x any) {
			if i != len(items) {
				t.Fatalf("ParseStream(%q): item %d arrived as number %d", data, i, len(items))
			}
			items = append(items, x)
		})
		if !reflect.DeepEqual(serrs, errs) {
			t.Fatalf("ParseStream(%q) errors differ from Parse's", data)
		}
		if m, ok := v.(map[string]any); ok {
			rest, wantItems := maps.Clone(m), []any(nil)
			if r, ok := m["records"].([]any); ok {
				rest["records"], wantItems = []any{}, r
			}
			if len(items) != len(wantItems) || len(items) > 0 && !reflect.DeepEqual(items, wantItems) || !reflect.DeepEqual(sv, rest) {
				t.Fatalf("ParseStream(%q) = %#v and items %#v; Parse = %#v", data, sv, items, v)
			}
		} else if !reflect.DeepEqual(sv, v) {
			t.Fatalf("ParseStream(%q) = %#v; Parse = %#v", data, sv, v)
		}

		// Against encoding/json.
		if len(errs) == 0 && !json.Valid(data) {
			t.Fatalf("Parse(%q) accepted what encoding/json rejects", data)
		}
		if !json.Valid(data) || hasRule(errs, RuleDuplicateKey, RuleByteOrderMark, RuleNumberRange, RuleTooManyErrors) ||
			v == nil && hasRule(errs, RuleSyntax) && strings.Contains(errs[len(errs)-1].Msg, "nesting deeper") {
			return
		}
		if v == nil && len(errs) > 0 { // a document of null is nil too
			t.Fatalf("Parse(%q) rejected what encoding/json accepts: %v", data, errs)
		}
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.UseNumber()
		var want any
		if err := dec.Decode(&want); err != nil {
			t.Fatalf("encoding/json: %v", err)
		}
		if !reflect.DeepEqual(v, want) {
			t.Fatalf("Parse(%q):\n got  %#v\n want %#v", data, v, want)
		}
	})
}

// under reports whether pointer is one of prefixes or inside one.
func under(pointer string, prefixes []string) bool {
	for _, p := range prefixes {
		if pointer == p || strings.HasPrefix(pointer, p+"/") {
			return true
		}
	}
	return false
}

// hasRule reports whether one of errs has one of the rules.
func hasRule(errs []*Error, rules ...string) bool {
	for _, e := range errs {
		if slices.Contains(rules, e.Rule) {
			return true
		}
	}
	return false
}

// FuzzLines: positions never go back as the offset grows, stay within the
// file's lines, and agree with position, which counts without an index.
func FuzzLines(f *testing.F) {
	for _, s := range hostileSeeds {
		f.Add([]byte(s))
	}
	f.Add([]byte("a\nb\r\nc\rd\n\re\xff\xfeЛ😀\r"))
	f.Add([]byte("\r\r\n\n\r\n\r"))
	f.Fuzz(func(t *testing.T, data []byte) {
		l := NewLines(data)
		prevLine, prevCol := 0, 0
		step := max(1, len(data)/4096)
		for off := -1; off <= len(data)+1; off++ {
			line, col := l.Position(off)
			if line < 1 || line > len(l.starts) || col < 1 {
				t.Fatalf("Position(%q, %d) = %d:%d, outside the %d lines", data, off, line, col, len(l.starts))
			}
			if line < prevLine || line == prevLine && col < prevCol {
				t.Fatalf("Position(%q, %d) = %d:%d goes back from %d:%d", data, off, line, col, prevLine, prevCol)
			}
			if line > prevLine+1 && off > 0 {
				t.Fatalf("Position(%q, %d) = %d:%d skips a line after %d:%d", data, off, line, col, prevLine, prevCol)
			}
			prevLine, prevCol = line, col
			if off%step == 0 {
				if wl, wc := position(data, off); wl != line || wc != col {
					t.Fatalf("Position(%q, %d) = %d:%d, position = %d:%d", data, off, line, col, wl, wc)
				}
			}
		}
		if line, _ := l.Position(len(data)); line != len(l.starts) {
			t.Fatalf("the end of %q is on line %d of %d", data, line, len(l.starts))
		}
	})
}
