package jsonpos

import (
	"fmt"
	"strings"
	"testing"
)

// repeat returns prefix, then item n times separated by sep, then suffix.
func repeat(prefix, item, sep string, n int, suffix string) []byte {
	return []byte(prefix + strings.Repeat(item+sep, n-1) + item + suffix)
}

// TestParseHostile: inputs made to hurt finish in linear time with
// MaxErrors errors and a last one counting the rest, and allocate a small
// multiple of their size; Locate allocates almost nothing.
func TestParseHostile(t *testing.T) {
	const million = 1000000
	bigKey := strings.Repeat("k", 1<<20)
	tests := []struct {
		name     string
		in       []byte
		errs     int     // number of errors
		last     wantErr // the last error
		perByte  float64 // bytes Parse may allocate per input byte, beyond the text of the errors
		valueNil bool
	}{
		{"400,000 block comments", []byte(strings.Repeat("/**/", 400000) + "{}"), MaxErrors + 1,
			wantErr{400, "too-many-errors", "", "399900 more problems in this file are not shown"}, 0.1, false},
		{"400,000 line comments ending in CR", []byte(strings.Repeat("//\r", 400000) + "{}"), MaxErrors + 1,
			wantErr{300, "too-many-errors", "", "399900 more problems"}, 0.1, false},
		{"an unterminated comment after 400,000", []byte(strings.Repeat("/**/", 400000) + "/*"), MaxErrors + 1,
			wantErr{400, "too-many-errors", "", "399901 more problems"}, 0.1, true},
		{"5 MB of invalid UTF-8 in one string", []byte(`["` + strings.Repeat("\xff", 5<<20) + `"]`), MaxErrors + 1,
			wantErr{102, "too-many-errors", "/0", fmt.Sprintf("%d more problems", 5<<20-MaxErrors)}, 4, false},
		{"a million control characters in a string", []byte(`{"s": "` + strings.Repeat("\x01", million) + `"}`), MaxErrors + 1,
			wantErr{107, "too-many-errors", "/s", fmt.Sprintf("%d more problems", million-MaxErrors)}, 3, false},
		{"a million invalid escapes", []byte(`["` + strings.Repeat(`\x`, million) + `"]`), MaxErrors + 1,
			wantErr{202, "too-many-errors", "/0", fmt.Sprintf("%d more problems", million-MaxErrors)}, 3, false},
		{"a million unpaired surrogates", []byte(`["` + strings.Repeat(`\ud800`, million) + `"]`), MaxErrors + 1,
			wantErr{602, "too-many-errors", "/0", fmt.Sprintf("%d more problems", million-MaxErrors)}, 3, false},
		{"a million duplicate keys", repeat("{", `"a":1`, ",", million, "}"), MaxErrors + 1,
			wantErr{607, "too-many-errors", "/a", fmt.Sprintf("%d more problems", million-1-MaxErrors)}, 0.5, false},
		{"half a million trailing commas", repeat("[", "[1,]", ",", million/2, "]"), MaxErrors + 1,
			wantErr{503, "too-many-errors", "/100", fmt.Sprintf("%d more problems", million/2-MaxErrors)}, 30, false},
		{"half a million numbers out of range", repeat("[", "1e999", ",", million/2, "]"), MaxErrors + 1,
			wantErr{601, "too-many-errors", "/100", fmt.Sprintf("%d more problems", million/2-MaxErrors)}, 20, false},
		{"a megabyte-long number", []byte("[1" + strings.Repeat("1", 1<<20) + "]"), 1,
			wantErr{1, "number-range", "/0", "number 11111111111111111111111… is out of range"}, 0.1, false},
		{"a megabyte-long exponent", []byte("[1e" + strings.Repeat("9", 1<<20) + "]"), 1,
			wantErr{1, "number-range", "/0", "number 1e999999999999999999999… is out of range"}, 0.1, false},
		// The pointers of recorded errors take at most about a megabyte.
		{"errors under a megabyte-long name", repeat(`{"`+bigKey+`": [`, "[1,]", ",", 1000, "]}"), 2,
			wantErr{1<<20 + 13, "too-many-errors", "/" + bigKey + "/1", "999 more problems"}, 8, false},
		{"a hundred duplicate 100 kB names", repeat("{", `"`+bigKey[:100<<10]+`": 1`, ",", 100, "}"), 12,
			wantErr{12*(100<<10+6) + 1, "too-many-errors", "/" + bigKey[:100<<10], "88 more problems"}, 8, false},
		// Every nesting level has a trailing comma: the pointers are long.
		{"trailing commas at every level", []byte(strings.Repeat("[", MaxDepth) + "1" + strings.Repeat(",]", MaxDepth)), MaxErrors + 1,
			wantErr{MaxDepth + 1 + 2*MaxErrors, "too-many-errors", strings.Repeat("/0", MaxDepth-MaxErrors-1), fmt.Sprintf("%d more problems", MaxDepth-MaxErrors)}, 2, false},
		{"nesting too deep", []byte(strings.Repeat("[", 5<<20)), 1,
			wantErr{MaxDepth, "syntax", strings.Repeat("/0", MaxDepth), "nesting deeper than 1000 levels"}, 0.1, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var v any
			var errs []*Error
			n := allocated(func() { v, errs = Parse(tt.in) })
			if (v == nil) != tt.valueNil {
				t.Errorf("value is nil: %v, want %v", v == nil, tt.valueNil)
			}
			if len(errs) != tt.errs {
				t.Fatalf("%d errors, want %d", len(errs), tt.errs)
			}
			last, w := errs[len(errs)-1], tt.last
			if last.Offset != w.off || last.Rule != w.rule || last.Pointer != w.pointer || !strings.Contains(last.Msg, w.msg) {
				t.Errorf("last error: offset %d [%s] at %.40q (%d bytes): %s\n want offset %d [%s] at %.40q (%d bytes): ...%s...",
					last.Offset, last.Rule, last.Pointer, len(last.Pointer), last.Msg, w.off, w.rule, w.pointer, len(w.pointer), w.msg)
			}
			for _, e := range errs[:len(errs)-1] {
				if e.Rule == RuleTooManyErrors {
					t.Errorf("too-many-errors before the end: %v", e)
				}
			}
			// The errors' pointers and messages take up to maxErrorText
			// bytes (and one more pointer): 100 errors 1000 levels deep take
			// 200 kB for 3 kB of input.
			t.Logf("%d bytes: Parse allocated %d bytes (%.2f per input byte)", len(tt.in), n, float64(n)/float64(len(tt.in)))
			if limit := tt.perByte*float64(len(tt.in)) + maxErrorText; float64(n) > limit {
				t.Errorf("Parse allocated %d bytes for %d, want at most %.0f (%.2f per input byte and %d for the errors)",
					n, len(tt.in), limit, tt.perByte, maxErrorText)
			}
			// Locate walks the same text building nothing.
			n = allocated(func() { Locate(tt.in, []string{"/0", "/a/0"}) })
			if n > 128<<10 {
				t.Errorf("Locate allocated %d bytes, want at most 128 kB", n)
			}
		})
	}
}
