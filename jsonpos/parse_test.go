package jsonpos

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// valueTests are inputs that parse without error, with their values.
var valueTests = []struct {
	in   string
	want any
}{
	{`{}`, map[string]any{}},
	{`[]`, []any{}},
	{` {"a": [1, -2.5e3, "x", true, false, null]} `, map[string]any{"a": []any{json.Number("1"), json.Number("-2.5e3"), "x", true, false, nil}}},
	{`"top-level string"`, "top-level string"},
	{`0`, json.Number("0")},
	{`-0.0E+1`, json.Number("-0.0E+1")},
	{"\t\r\n[1]\n", []any{json.Number("1")}},
	{`{"a": {"b": {"c": []}}}`, map[string]any{"a": map[string]any{"b": map[string]any{"c": []any{}}}}},
	// Escapes, including a surrogate pair and non-ASCII text.
	{`"\" \\ \/ \b \f \n \r \t \u00e9 \ud83d\ude00 Лавров ’"`, "\" \\ / \b \f \n \r \t é 😀 Лавров ’"},
	// Keys with ~ and / are ordinary keys.
	{`{"a/b": 1, "m~n": 2}`, map[string]any{"a/b": json.Number("1"), "m~n": json.Number("2")}},
	// Numbers in range, as written.
	{`[123456789012345, 1e300, -1e-300, 0e99999, 1.5e10, 100000000000000000000]`, []any{json.Number("123456789012345"),
		json.Number("1e300"), json.Number("-1e-300"), json.Number("0e99999"), json.Number("1.5e10"), json.Number("100000000000000000000")}},
	// Line breaks of any kind between tokens.
	{"{\r\"a\":\r[1,\r\n2]\r}\r", map[string]any{"a": []any{json.Number("1"), json.Number("2")}}},
}

func TestParseValues(t *testing.T) {
	for _, tt := range valueTests {
		got, errs := Parse([]byte(tt.in))
		if len(errs) > 0 {
			t.Errorf("Parse(%q): unexpected errors %v", tt.in, errs)
			continue
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Parse(%q):\n got  %#v\n want %#v", tt.in, got, tt.want)
		}
	}
}

// An error as the tests expect it: offset, rule and pointer, and a part of
// the message.
type wantErr struct {
	off     int
	rule    string
	pointer string
	msg     string
}

func (w wantErr) String() string {
	return fmt.Sprintf("offset %d [%s] at %q: ...%s...", w.off, w.rule, w.pointer, w.msg)
}

func showErrs(errs []*Error) string {
	var b strings.Builder
	for _, e := range errs {
		fmt.Fprintf(&b, "\n    offset %d [%s] at %q: %s", e.Offset, e.Rule, e.Pointer, e.Msg)
	}
	return b.String()
}

// errorTests are inputs with errors: whether the value is nil (a fatal
// error) and the errors expected.
var errorTests = []struct {
	name  string
	in    string
	fatal bool // the value is nil
	want  []wantErr
}{
	{"empty file", ``, true, []wantErr{{0, "syntax", "", "empty file"}}},
	{"only white space", "  \n", true, []wantErr{{3, "syntax", "", "empty file"}}},
	{"unexpected token", `{"a": @}`, true, []wantErr{{6, "syntax", "/a", `unexpected "@": expected a value`}}},
	{"unquoted word", `{"a": yes}`, true, []wantErr{{6, "syntax", "/a", "unexpected word yes: expected a value (a string must be in double quotes"}}},
	{"misspelt literal", `[True]`, true, []wantErr{{1, "syntax", "/0", "unexpected word True"}}},
	{"truncated literal", `[nul]`, true, []wantErr{{1, "syntax", "/0", "unexpected word nul"}}},
	{"single quotes", `{"a": 'x'}`, true, []wantErr{{6, "syntax", "/a", "strings must be in double quotes"}}},
	{"unquoted key", `{a: 1}`, true, []wantErr{{1, "syntax", "", "unexpected word a: expected a property name in double quotes"}}},
	{"missing colon", `{"a" 1}`, true, []wantErr{{5, "syntax", "", `unexpected "1": expected ":" after property name "a"`}}},
	{"missing colon before a string", `{"a" "b"}`, true, []wantErr{{5, "syntax", "", `missing ":" after property name "a"`}}},
	{"missing comma between properties", "{\"a\": 1\n \"b\": 2}", true, []wantErr{{9, "syntax", "", "missing comma between properties"}}},
	{"missing comma between items", `["a" "b"]`, true, []wantErr{{5, "syntax", "", "missing comma between array items"}}},
	{"bad separator in object", `{"a": 1;}`, true, []wantErr{{7, "syntax", "", `unexpected ";": expected "," or "}"`}}},
	{"bad separator in array", `[1;]`, true, []wantErr{{2, "syntax", "", `unexpected ";": expected "," or "]"`}}},
	{"unclosed object", "{\n  \"a\": 1\n", true, []wantErr{{11, "syntax", "", "the object opened at line 1, column 1 is not closed"}}},
	{"unclosed array", "{\"a\": [1,\n 2", true, []wantErr{{12, "syntax", "/a", "the array opened at line 1, column 7 is not closed"}}},
	{"unclosed object after comma", `{"a": 1,`, true, []wantErr{{8, "syntax", "", "the object opened at line 1, column 1 is not closed"}}},
	{"value missing at end", `{"a": `, true, []wantErr{{6, "syntax", "/a", "unexpected end of file: expected a value"}}},
	{"unterminated string at end of line", "[\"abc\n\"]", true, []wantErr{{1, "syntax", "/0", "string is not closed before the end of the line"}}},
	{"unterminated string at end of file", `["abc`, true, []wantErr{{1, "syntax", "/0", "string is not closed before the end of the file"}}},
	{"escaped line break", "[\"abc\\\n\"]", true, []wantErr{{1, "syntax", "/0", "string is not closed before the end of the line"}}},
	{"leading zero", `[012]`, true, []wantErr{{1, "syntax", "/0", "leading zeros are not allowed"}}},
	{"negative leading zero", `[-012]`, true, []wantErr{{2, "syntax", "/0", "leading zeros are not allowed"}}},
	{"lone minus", `[-]`, true, []wantErr{{2, "syntax", "/0", "invalid number: expected a digit"}}},
	{"no digit after point", `[1.]`, true, []wantErr{{3, "syntax", "/0", "expected a digit after the decimal point"}}},
	{"no digit in exponent", `[1e+]`, true, []wantErr{{4, "syntax", "/0", "expected a digit in the exponent"}}},
	{"leading point", `[.5]`, true, []wantErr{{1, "syntax", "/0", `unexpected ".": expected a value`}}},
	{"plus sign", `[+1]`, true, []wantErr{{1, "syntax", "/0", `unexpected "+": expected a value`}}},
	{"unterminated comment", `{} /* x`, true, []wantErr{{3, "comment", "", "unterminated comment"}}},
	{"lone slash", `[/]`, true, []wantErr{{1, "syntax", "/0", `unexpected "/": expected a value`}}},
	{"control character outside a string", "[\x01]", true, []wantErr{{1, "syntax", "/0", "unexpected control character U+0001"}}},
	{"invalid UTF-8 outside a string", "[\xff]", true, []wantErr{{1, "syntax", "/0", "byte 0xff (invalid UTF-8)"}}},
	{"too deep", strings.Repeat("[", MaxDepth+1) + strings.Repeat("]", MaxDepth+1), true,
		[]wantErr{{MaxDepth, "syntax", strings.Repeat("/0", MaxDepth), "nesting deeper than 1000 levels"}}},

	// Recoverable errors: parsing goes on and the value is returned.
	{"byte-order mark", "\xef\xbb\xbf{}", false, []wantErr{{0, "byte-order-mark", "", "byte-order mark"}}},
	{"line comment", "{\n// c\n\"a\": 1}", false, []wantErr{{2, "comment", "", "comments are not allowed"}}},
	{"block comment", `[1, /* c */ 2]`, false, []wantErr{{4, "comment", "", "comments are not allowed"}}},
	{"trailing comma in object", `{"a": 1, }`, false, []wantErr{{7, "trailing-comma", "", `trailing comma before "}"`}}},
	{"trailing comma in array", "[1,\n]", false, []wantErr{{2, "trailing-comma", "", `trailing comma before "]"`}}},
	{"trailing content", "{}\n{}", false, []wantErr{{3, "trailing-content", "", `unexpected "{" after the end of the top-level value`}}},
	{"trailing word", `{} x`, false, []wantErr{{3, "trailing-content", "", `unexpected word x after the end`}}},
	{"invalid UTF-8 in a string", "[\"a\xe9b\"]", false, []wantErr{{3, "invalid-utf8", "/0", "invalid UTF-8 byte 0xe9 in string"}}},
	{"truncated UTF-8 in a string", "[\"\xd0\"]", false, []wantErr{{2, "invalid-utf8", "/0", "invalid UTF-8 byte 0xd0"}}},
	{"control character in a string", "[\"a\tb\"]", false, []wantErr{{3, "syntax", "/0", "control character U+0009 in string"}}},
	{"invalid escape", `["a\x"]`, false, []wantErr{{3, "syntax", "/0", `invalid escape \x in string: write \\ for a backslash`}}},
	{"invalid escape of a non-ASCII character", `["\é"]`, false, []wantErr{{2, "syntax", "/0", `invalid escape: a backslash followed by "é" in string`}}},
	{"short unicode escape", `["\u12"]`, false, []wantErr{{2, "syntax", "/0", `\u must be followed by four hexadecimal digits`}}},
	{"non-hex unicode escape", `["\u12G4"]`, false, []wantErr{{2, "syntax", "/0", `\u must be followed by four hexadecimal digits`}}},
	{"signed unicode escape", `["\u+123"]`, false, []wantErr{{2, "syntax", "/0", `\u must be followed by four hexadecimal digits`}}},
	{"lone high surrogate", `["\ud83d"]`, false, []wantErr{{2, "invalid-utf8", "/0", `unpaired surrogate \ud83d`}}},
	{"lone low surrogate", `["\ude00x"]`, false, []wantErr{{2, "invalid-utf8", "/0", `unpaired surrogate \ude00`}}},
	{"high surrogate then a letter", `["\ud83d\u0041"]`, false, []wantErr{{2, "invalid-utf8", "/0", `unpaired surrogate \ud83d`}}},
	{"error in a key", "{\"a\tb\": 1}", false, []wantErr{{3, "syntax", "", "control character U+0009"}}},
	{"pointer escapes", `{"a/b": {"m~n": [1,]}}`, false, []wantErr{{18, "trailing-comma", "/a~1b/m~0n", "trailing comma"}}},
	{"several recoverable errors", "\xef\xbb\xbf{\"a\": [1,], // c\n\"b\": \"\xff\",}", false, []wantErr{
		{0, "byte-order-mark", "", ""},
		{11, "trailing-comma", "/a", ""},
		{15, "comment", "", ""},
		{26, "invalid-utf8", "/b", ""},
		{28, "trailing-comma", "", ""},
	}},
	{"recoverable then trailing content", `[1,] x`, false, []wantErr{{2, "trailing-comma", "", ""}, {5, "trailing-content", "", ""}}},
	{"fatal after a comma", `[1,, 2]`, true, []wantErr{{3, "syntax", "/1", `unexpected ","`}}},

	// Line breaks: "\r" ends a line comment and a line, as "\n" does.
	{"line comment in a CR-only file", "{\r// c\r\"a\": 1}", false, []wantErr{{2, "comment", "", "comments are not allowed"}}},
	{"line comment before CRLF", "[1, // c\r\n2]", false, []wantErr{{4, "comment", "", "comments are not allowed"}}},
	{"line break CR in a string", "[\"abc\r\"]", true, []wantErr{{1, "syntax", "/0", "string is not closed before the end of the line"}}},
	{"line break CRLF in a string", "[\"abc\r\n\"]", true, []wantErr{{1, "syntax", "/0", "string is not closed before the end of the line"}}},
	{"escaped CR", "[\"abc\\\r\"]", true, []wantErr{{1, "syntax", "/0", "string is not closed before the end of the line"}}},
	{"unclosed object in a CR-only file", "[1,\r {\"a\": 1\r", true, []wantErr{{13, "syntax", "/1", "the object opened at line 2, column 2 is not closed"}}},
	{"unclosed array in a CRLF file", "{\"a\":\r\n  [\"Лé\", [1\r\n", true, []wantErr{{22, "syntax", "/a/1", "the array opened at line 2, column 10 is not closed"}}},

	// Numbers out of range are read as 0.
	{"number out of range", `{"n": 1e1000001}`, false, []wantErr{{6, "number-range", "/n",
		"number 1e1000001 is out of range: curate accepts at most 15 significant digits and a magnitude between 1e-300 and 1e300 (what a spreadsheet cell and a 64-bit float hold exactly)"}}},
	{"16 significant digits", `[1, 1234567890123456]`, false, []wantErr{{4, "number-range", "/1", "number 1234567890123456 is out of range"}}},
	{"too small", `[-1e-301]`, false, []wantErr{{1, "number-range", "/0", "number -1e-301 is out of range"}}},
	{"long literal cut in the message", "[1." + strings.Repeat("1", 30) + "]", false, []wantErr{{1, "number-range", "/0", "number 1." + strings.Repeat("1", 21) + "… is out"}}},

	// What the input holds reaches a message quoted, cut or described.
	{"duplicate name with control characters", `{"a\u0000\n": 1, "a\u0000\n": 2}`, false, []wantErr{{17, "duplicate-key", "/a\x00\n", `duplicate property "a\x00\n": only`}}},
	{"duplicate name with invalid UTF-8", "{\"\xff\": 1, \"\xff\": 2}", false, []wantErr{
		{2, "invalid-utf8", "", ""}, {10, "invalid-utf8", "", ""}, {9, "duplicate-key", "/\ufffd", "duplicate property \"\ufffd\""}}},
	{"duplicate long name cut", `{"` + strings.Repeat("é", 50) + `": 1, "` + strings.Repeat("é", 50) + `": 2}`, false, []wantErr{
		{108, "duplicate-key", "/" + strings.Repeat("é", 50), `duplicate property "` + strings.Repeat("é", 39) + `…": only the first is kept`}}},
	{"missing colon after an escaped line break", `{"a\nb\u2028" 1}`, true, []wantErr{{14, "syntax", "", `expected ":" after property name "a\nb\u2028"`}}},
	{"C1 control character outside a string", "[\u0085]", true, []wantErr{{1, "syntax", "/0", "unexpected control character U+0085"}}},
	{"DEL outside a string", "[\x7f]", true, []wantErr{{1, "syntax", "/0", "unexpected control character U+007F"}}},
	{"line separator outside a string", "[\u2028]", true, []wantErr{{1, "syntax", "/0", `unexpected "\u2028"`}}},
}

func TestParseErrors(t *testing.T) {
	for _, tt := range errorTests {
		t.Run(tt.name, func(t *testing.T) {
			v, errs := Parse([]byte(tt.in))
			if (v == nil) != tt.fatal {
				t.Errorf("Parse(%q) value = %#v, want nil: %v", tt.in, v, tt.fatal)
			}
			ok := len(errs) == len(tt.want)
			for i := 0; ok && i < len(errs); i++ {
				e, w := errs[i], tt.want[i]
				ok = e.Offset == w.off && e.Rule == w.rule && e.Pointer == w.pointer && strings.Contains(e.Msg, w.msg)
			}
			if !ok {
				t.Errorf("Parse(%q) errors:\n  got:%s\n  want: %v", tt.in, showErrs(errs), tt.want)
			}
			for _, e := range errs {
				if e.Msg != strings.TrimSpace(e.Msg) || strings.ContainsAny(e.Msg, "\n\r") || strings.HasSuffix(e.Msg, ".") {
					t.Errorf("message %q is not one line without a final period", e.Msg)
				}
				if bad := badMessage(e.Msg); bad != "" {
					t.Errorf("message %q: %s", e.Msg, bad)
				}
				if !isRule(e.Rule) {
					t.Errorf("rule %q of %q is not in Rules", e.Rule, e.Msg)
				}
			}
		})
	}
}

// badMessage says what is wrong with a message for a curator: a control
// character (C0, DEL or C1) or invalid UTF-8 taken from the input; "" when
// nothing is.
func badMessage(msg string) string {
	if !utf8.ValidString(msg) {
		return "invalid UTF-8"
	}
	for _, r := range msg {
		if r < 0x20 || r >= 0x7f && r < 0xa0 {
			return fmt.Sprintf("control character U+%04X", r)
		}
	}
	return ""
}

// isRule reports whether name is a rule of Rules.
func isRule(name string) bool {
	for _, r := range Rules {
		if r.Name == name {
			return true
		}
	}
	return false
}

// A duplicate key keeps the first value, points at the first occurrence and
// parsing goes on to report the problems after it.
func TestParseDuplicateKey(t *testing.T) {
	in := `{"a": 1, "b": {"c": 1, "c": [2,]}, "a": {"x": 3}, "d": 4,}`
	v, errs := Parse([]byte(in))
	want := map[string]any{
		"a": json.Number("1"),
		"b": map[string]any{"c": json.Number("1")},
		"d": json.Number("4"),
	}
	if !reflect.DeepEqual(v, want) {
		t.Errorf("value:\n got  %#v\n want %#v", v, want)
	}
	wantErrs := []struct {
		off, related int
		rule, ptr    string
	}{
		{23, 15, "duplicate-key", "/b/c"},
		{30, -1, "trailing-comma", "/b/c"},
		{35, 1, "duplicate-key", "/a"},
		{56, -1, "trailing-comma", ""},
	}
	if len(errs) != len(wantErrs) {
		t.Fatalf("got %d errors, want %d:%s", len(errs), len(wantErrs), showErrs(errs))
	}
	for i, w := range wantErrs {
		e := errs[i]
		if e.Offset != w.off || e.Related != w.related || e.Rule != w.rule || e.Pointer != w.ptr {
			t.Errorf("error %d: got offset %d related %d [%s] at %q, want offset %d related %d [%s] at %q",
				i, e.Offset, e.Related, e.Rule, e.Pointer, w.off, w.related, w.rule, w.ptr)
		}
	}
	if !strings.Contains(errs[0].Msg, `duplicate property "c"`) {
		t.Errorf("message %q does not name the property", errs[0].Msg)
	}
}

func TestLinesPosition(t *testing.T) {
	data := []byte("ab\n\"Лавров\": x\n\xff\xfez\n")
	tests := []struct {
		off, line, col int
	}{
		{0, 1, 1},
		{1, 1, 2},
		{2, 1, 3}, // the line break itself
		{3, 2, 1},
		{4, 2, 2},   // Л, 2 bytes
		{5, 2, 2},   // inside Л: its column
		{6, 2, 3},   // а
		{16, 2, 8},  // the closing quote: 1 + 6 characters, 13 bytes, after the line start
		{19, 2, 11}, // x
		{21, 3, 1},  // invalid byte
		{22, 3, 2},  // invalid bytes count one column each
		{23, 3, 3},  // z
		{25, 4, 1},  // end of file, after the final line break
		{99, 4, 1},  // past the end: at the end
		{-5, 1, 1},  // before the start: at the start
	}
	l := NewLines(data)
	for _, tt := range tests {
		line, col := l.Position(tt.off)
		if line != tt.line || col != tt.col {
			t.Errorf("Position(%d) = %d:%d, want %d:%d", tt.off, line, col, tt.line, tt.col)
		}
	}
	if line, col := NewLines(nil).Position(0); line != 1 || col != 1 {
		t.Errorf("empty file: Position(0) = %d:%d, want 1:1", line, col)
	}
}

func TestStringOffset(t *testing.T) {
	data := []byte(`{"s": "a\"b\u00e9c\ud83d\ude00dЛe\x f"}`)
	const quote = 6
	tests := []struct {
		inner, want int
		ok          bool
	}{
		{0, 7, true},   // a
		{1, 8, true},   // \"
		{2, 10, true},  // b
		{3, 11, true},  // \u00e9, 2 bytes decoded
		{5, 17, true},  // c
		{6, 18, true},  // the surrogate pair, 4 bytes decoded
		{10, 30, true}, // d
		{11, 31, true}, // Л
		{13, 33, true}, // e
		{14, 34, true}, // x, after the invalid escape: at its backslash, which Parse drops
		{16, 37, true}, // f
		{17, 38, true}, // the end of the string
		{4, 0, false},  // inside é
		{18, 0, false}, // past the end
		{-1, 0, false},
	}
	for _, tt := range tests {
		got, ok := StringOffset(data, quote, tt.inner)
		if ok != tt.ok || ok && got != tt.want {
			t.Errorf("StringOffset(%d) = %d, %v; want %d, %v", tt.inner, got, ok, tt.want, tt.ok)
		}
	}
	// The decoded string agrees with Parse.
	v, _ := Parse(data)
	if s := v.(map[string]any)["s"].(string); len(s) != 17 {
		t.Errorf("Parse decoded %q (%d bytes), want 17 bytes", s, len(s))
	}
	if _, ok := StringOffset(data, 0, 0); ok {
		t.Error("StringOffset at a non-string: ok")
	}
}

func TestEscape(t *testing.T) {
	for in, want := range map[string]string{"a": "a", "a/b": "a~1b", "m~n": "m~0n", "~/": "~0~1", "~1": "~01", "": ""} {
		if got := Escape(in); got != want {
			t.Errorf("Escape(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestLinesLongLine checks columns far into one long line, with multi-byte
// characters across the checkpoints, against a plain count.
func TestLinesLongLine(t *testing.T) {
	var b []byte
	for i := 0; len(b) < 5*checkpointStep; i++ {
		b = append(b, "aЛ€😀\xff"[i%5:]...)
	}
	b = append([]byte("first line\n"), b...)
	b = append(b, "\nlast"...)
	l := NewLines(b)
	for off := 11; off <= len(b)-5; off += 97 {
		for !utf8.RuneStart(b[off]) {
			off++ // a character's first byte
		}
		want := utf8.RuneCount(b[11:off]) + 1
		if line, col := l.Position(off); line != 2 || col != want {
			t.Fatalf("Position(%d) = %d:%d, want 2:%d", off, line, col, want)
		}
	}
	// Inside a character too, through the checkpoints or not.
	for off := 0; off <= len(b); off += 13 {
		line, col := l.Position(off)
		if wl, wc := position(b, off); line != wl || col != wc {
			t.Fatalf("Position(%d) = %d:%d, position = %d:%d", off, line, col, wl, wc)
		}
	}
	if line, col := l.Position(len(b)); line != 3 || col != 5 {
		t.Errorf("Position(end) = %d:%d, want 3:5", line, col)
	}
}

// TestParseStream: the items of the streamed array arrive in order, equal
// to what Parse gives, and the returned value holds an empty array there;
// nested arrays of the same name are not streamed.
func TestParseStream(t *testing.T) {
	data := []byte(`{"a": 1, "records": [{"x": [1, 2]}, [3], "s", {"records": [4]}], "z": true}`)
	whole, errs := Parse(data)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var got []any
	v, errs := ParseStream(data, "records", func(i int, item any) {
		if i != len(got) {
			t.Errorf("item %d arrived as number %d", i, len(got))
		}
		got = append(got, item)
	})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	want := whole.(map[string]any)["records"]
	if !reflect.DeepEqual(got, want) {
		t.Errorf("streamed items %v, want %v", got, want)
	}
	m := v.(map[string]any)
	if r, ok := m["records"].([]any); !ok || len(r) != 0 || m["a"] == nil || m["z"] != true {
		t.Errorf("value after streaming: %v", v)
	}
	// A duplicate key keeps its first value: the second array is not streamed.
	n := 0
	ParseStream([]byte(`{"records": [1], "records": [2, 3]}`), "records", func(int, any) { n++ })
	if n != 1 {
		t.Errorf("a duplicate records key: %d items streamed, want the first array's 1", n)
	}
	// Nor when the first value is not an array.
	n = 0
	v, _ = ParseStream([]byte(`{"records": 1, "records": [2, 3], "x": [4]}`), "records", func(int, any) { n++ })
	if n != 0 || !reflect.DeepEqual(v, map[string]any{"records": json.Number("1"), "x": []any{json.Number("4")}}) {
		t.Errorf("a duplicate records key after a number: %d items streamed, value %v", n, v)
	}
	// A fatal error stops the stream at the item it is in.
	n = 0
	_, errs = ParseStream([]byte(`{"records": [1, 2, {"x": }]}`), "records", func(int, any) { n++ })
	if n != 2 || len(errs) != 1 {
		t.Errorf("stream with a broken third item: %d items, errors %v", n, errs)
	}
}
