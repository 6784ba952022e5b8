package diag

import (
	"bytes"
	"curate/internal/golden"
	"encoding/json"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSort(t *testing.T) {
	d := func(file string, line, col int, rule, msg, ptr string) Diagnostic {
		return Diagnostic{File: file, Pos: Position{Line: line, Column: col, Offset: -1}, Rule: rule, Message: msg, Pointer: ptr}
	}
	l := List{
		d("b.json", 1, 1, "type", "m", "/x"),
		d("a.json", 10, 2, "type", "m", "/x"),
		d("a.json", 9, 30, "type", "m", "/x"),
		d("a.json", 10, 1, "type", "m", "/x"),
		d("a.json", 10, 1, "enum", "m", "/y"),
		d("a.json", 10, 1, "enum", "a", "/y"),
		d("a.json", 0, 0, "read", "m", ""),
		d("a.json", 10, 1, "enum", "a", "/y"), // an exact repeat: dropped
		d("a.json", 10, 1, "enum", "a", "/z"), // same place and message, other pointer: kept
	}
	l.Sort()
	want := []string{
		"a.json: error: m [read]",
		"a.json:9:30: error: m [type] at /x",
		"a.json:10:1: error: a [enum] at /y",
		"a.json:10:1: error: a [enum] at /z",
		"a.json:10:1: error: m [enum] at /y",
		"a.json:10:1: error: m [type] at /x",
		"a.json:10:2: error: m [type] at /x",
		"b.json:1:1: error: m [type] at /x",
	}
	var got []string
	for _, x := range l {
		got = append(got, x.String())
	}
	if g, w := strings.Join(got, "\n"), strings.Join(want, "\n"); g != w {
		t.Errorf("sorted list:\n--- got:\n%s\n--- want:\n%s\n%s", g, w, golden.FirstDiff(g, w))
	}
}

func TestSortKeepsDifferentHints(t *testing.T) {
	a := Diagnostic{File: "a.json", Pos: Position{Line: 1, Column: 1}, Rule: "r", Message: "m", Hint: "one"}
	b := a
	b.Hint = "two"
	l := List{a, b, a}
	l.Sort()
	if len(l) != 2 {
		t.Errorf("got %d diagnostics, want 2 (the exact repeat dropped, the other hint kept): %+v", len(l), l)
	}
}

func TestLocation(t *testing.T) {
	tests := []struct {
		d    Diagnostic
		want string
	}{
		{Diagnostic{File: "a.json", Pos: Position{Line: 3, Column: 7}}, "a.json:3:7"},
		{Diagnostic{File: "a.json", Pos: Position{Line: 3}}, "a.json:3"},
		{Diagnostic{File: "a.json"}, "a.json"},
	}
	for _, tt := range tests {
		if got := tt.d.Location(); got != tt.want {
			t.Errorf("Location() = %q, want %q", got, tt.want)
		}
	}
}

func TestListError(t *testing.T) {
	warn := Diagnostic{File: "w.json", Severity: Warning, Rule: "r", Message: "a warning"}
	e1 := Diagnostic{File: "a.json", Pos: Position{Line: 1, Column: 2}, Rule: "r", Message: "first"}
	e2 := Diagnostic{File: "b.json", Rule: "r", Message: "second"}
	if err := (List{warn}).Err(); err != nil {
		t.Errorf("a list of warnings: Err() = %v, want nil", err)
	}
	if got, want := (List{warn, e1}).Error(), "a.json:1:2: error: first [r]"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if got, want := (List{warn, e1, e2}).Err().Error(), "a.json:1:2: error: first [r] (and 1 more errors)"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if n := (List{warn, e1, e2}).Errors(); n != 2 {
		t.Errorf("Errors() = %d, want 2", n)
	}
}

// sample is a fixed list covering what the writers render: a hint, a
// related place, a warning, a whole-file diagnostic without line, a column
// after non-ASCII text and characters that need escaping.
func sample() (List, Summary) {
	l := List{
		{File: "dataset/actors/people.json", Pos: Position{Line: 12, Column: 15, Offset: 301}, Pointer: "/records/2", Severity: Error,
			Rule: "required", Message: `missing property "label"`, Hint: `"label": How the dataset refers to the actor.`},
		{File: "dataset/actors/people.json", Pos: Position{Line: 20, Column: 13, Offset: 480}, Pointer: "/records/3/id", Severity: Error,
			Rule: "duplicate-id", Message: `duplicate id "actor-lavrov"`, Hint: "every record needs an id of its own across the whole dataset",
			Related: []Related{{File: "dataset/actors/states.json", Pos: Position{Line: 5, Column: 13}, Pointer: "/records/0/id", Message: "first defined here"}}},
		{File: "dataset/actors/people.json", Pos: Position{Line: 21, Column: 29, Offset: 530}, Pointer: "/records/3/label", Severity: Warning,
			Rule: "style", Message: `"Лавров, 50%: the minister" is long`},
		{File: "dataset/missing.json", Pos: NoPos, Severity: Error, Rule: "read", Message: "no such file or directory"},
	}
	return l, Summary{Files: 9, Records: 43, Notes: []string{"evidence was not checked"}}
}

// sampleRules describes some of sample's rules, as a program's catalogue does.
var sampleRules = Catalogue{
	{ID: "duplicate-id", Summary: "every id is unique across the dataset", Help: "Give each record an id of its own."},
	{ID: "required", Summary: "required properties are present", Help: "Add the property the schema requires."},
}.Sorted()

func TestWriters(t *testing.T) {
	l, s := sample()
	for _, name := range Formats {
		t.Run(name, func(t *testing.T) {
			w := ForFormat(name, sampleRules)
			if w == nil {
				t.Fatalf("ForFormat(%q) = nil", name)
			}
			var b bytes.Buffer
			if err := w.Write(&b, l, s); err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join("testdata", name+".golden"), b.Bytes())
		})
	}
	if ForFormat("xml", nil) != nil {
		t.Error(`ForFormat("xml", nil) is not nil`)
	}
}

func TestTextCount(t *testing.T) {
	tests := []struct {
		l    List
		s    Summary
		want string
	}{
		{nil, Summary{Files: 1, Records: 1}, "0 errors, 0 warnings in 1 file (1 record)\n"},
		{List{{File: "a", Rule: "r", Message: "m"}}, Summary{Files: 2, Records: 0},
			"a: error: m [r]\n1 error, 0 warnings in 2 files (0 records)\n"},
		{List{{File: "a", Rule: "r", Message: "m", Severity: Warning}}, Summary{Files: 1, Records: 3, Notes: []string{"n"}},
			"a: warning: m [r]\n0 errors, 1 warning in 1 file (3 records)\nnote: n\n"},
	}
	for _, tt := range tests {
		var b strings.Builder
		if err := (Text{}).Write(&b, tt.l, tt.s); err != nil {
			t.Fatal(err)
		}
		if b.String() != tt.want {
			t.Errorf("Text:\n--- got:\n%s--- want:\n%s", b.String(), tt.want)
		}
	}
}

// The GitHub writer escapes as @actions/core does: in properties
// (toCommandProperties/escapeProperty) % \r \n : and , ; in the message
// (escapeData) only % \r \n.
func TestGitHubEscaping(t *testing.T) {
	l := List{{File: "data/a:b,c%.json", Pos: Position{Line: 3, Column: 4}, Rule: "odd,rule:x", Severity: Error,
		Message: "50% done: a, b\r\nnext", Pointer: "/a~1b", Hint: "hint: x, y"}}
	var b strings.Builder
	if err := (GitHub{}).Write(&b, l, Summary{Files: 1}); err != nil {
		t.Fatal(err)
	}
	first, _, _ := strings.Cut(b.String(), "\n")
	want := "::error file=data/a%3Ab%2Cc%25.json,line=3,col=4,title=odd%2Crule%3Ax::50%25 done: a, b%0D%0Anext at /a~1b%0Ahint: x, y"
	if first != want {
		t.Errorf("GitHub command:\n got  %s\n want %s", first, want)
	}
	for in, want := range map[string]string{"%": "%25", "\r": "%0D", "\n": "%0A", ":": "%3A", ",": "%2C", "a%0A": "a%250A", "plain/path.json": "plain/path.json"} {
		if got := escapeProperty(in); got != want {
			t.Errorf("escapeProperty(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{"%": "%25", "\r": "%0D", "\n": "%0A", ":": ":", ",": ",", "%0A": "%250A"} {
		if got := escapeData(in); got != want {
			t.Errorf("escapeData(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestGitHubWarningAndWholeFile(t *testing.T) {
	l := List{
		{File: "a.json", Rule: "read", Severity: Error, Message: "no such file or directory"},
		{File: "b.json", Pos: Position{Line: 2, Column: 1}, Rule: "style", Severity: Warning, Message: "m"},
	}
	var b strings.Builder
	if err := (GitHub{}).Write(&b, l, Summary{Files: 2}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(b.String(), "\n")
	if want := "::error file=a.json,title=read::no such file or directory"; lines[0] != want {
		t.Errorf("whole-file command:\n got  %s\n want %s", lines[0], want)
	}
	if want := "::warning file=b.json,line=2,col=1,title=style::m"; lines[1] != want {
		t.Errorf("warning command:\n got  %s\n want %s", lines[1], want)
	}
	if !strings.Contains(b.String(), "1 error, 1 warning in 2 files (0 records)\n") {
		t.Errorf("the plain list and count do not follow the commands:\n%s", b.String())
	}
}

func TestJSONEmpty(t *testing.T) {
	var b bytes.Buffer
	if err := (JSON{}).Write(&b, nil, Summary{Files: 3, Records: 8}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"diagnostics": []`, `"notes": []`, `"errors": 0`, `"files": 3`} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("JSON output lacks %s:\n%s", want, b.String())
		}
	}
}

func TestJSONRoundTrip(t *testing.T) {
	l, s := sample()
	var b bytes.Buffer
	if err := (JSON{}).Write(&b, l, s); err != nil {
		t.Fatal(err)
	}
	var out struct {
		Diagnostics []map[string]any
		Summary     map[string]any
	}
	if err := json.Unmarshal(b.Bytes(), &out); err != nil {
		t.Fatalf("output does not parse: %v\n%s", err, b.String())
	}
	if len(out.Diagnostics) != len(l) {
		t.Fatalf("got %d diagnostics, want %d", len(out.Diagnostics), len(l))
	}
	d := out.Diagnostics[0]
	if d["file"] != "dataset/actors/people.json" || d["line"] != 12.0 || d["column"] != 15.0 || d["pointer"] != "/records/2" ||
		d["severity"] != "error" || d["rule"] != "required" || d["offset"] != 301.0 {
		t.Errorf("first diagnostic: %v", d)
	}
	whole := out.Diagnostics[3]
	if _, ok := whole["line"]; ok {
		t.Errorf("a whole-file diagnostic has a line: %v", whole)
	}
	if whole["offset"] != -1.0 {
		t.Errorf("unknown offset: got %v, want -1", whole["offset"])
	}
	if out.Summary["errors"] != 3.0 || out.Summary["warnings"] != 1.0 || out.Summary["records"] != 43.0 {
		t.Errorf("summary: %v", out.Summary)
	}
}

func TestSARIF(t *testing.T) {
	l, s := sample()
	var b bytes.Buffer
	if err := (SARIF{}).Write(&b, l, s); err != nil {
		t.Fatal(err)
	}
	var log struct {
		Version string
		Runs    []struct {
			ColumnKind string
			Tool       struct {
				Driver struct {
					Name  string
					Rules []struct{ ID string }
				}
			}
			Results []struct {
				RuleID    string
				RuleIndex int
				Level     string
				Message   struct{ Text string }
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string }
						Region           *struct{ StartLine, StartColumn int }
					}
					LogicalLocations []struct{ FullyQualifiedName string }
				}
			}
		}
	}
	if err := json.Unmarshal(b.Bytes(), &log); err != nil {
		t.Fatalf("SARIF does not parse: %v\n%s", err, b.String())
	}
	if log.Version != "2.1.0" || len(log.Runs) != 1 {
		t.Fatalf("version %q with %d runs, want 2.1.0 with one run", log.Version, len(log.Runs))
	}
	run := log.Runs[0]
	if run.ColumnKind != "unicodeCodePoints" {
		t.Errorf("columnKind = %q, want unicodeCodePoints", run.ColumnKind)
	}
	if len(run.Results) != len(l) {
		t.Fatalf("got %d results, want one per diagnostic (%d)", len(run.Results), len(l))
	}
	for i, r := range run.Results {
		d := l[i]
		if r.RuleID != d.Rule || run.Tool.Driver.Rules[r.RuleIndex].ID != d.Rule {
			t.Errorf("result %d: rule %q (index %d), want %q", i, r.RuleID, r.RuleIndex, d.Rule)
		}
		if r.Level != d.Severity.String() {
			t.Errorf("result %d: level %q, want %q", i, r.Level, d.Severity)
		}
		loc := r.Locations[0].PhysicalLocation
		if loc.ArtifactLocation.URI != d.File {
			t.Errorf("result %d: uri %q, want %q", i, loc.ArtifactLocation.URI, d.File)
		}
		switch {
		case d.Pos.Line == 0 && loc.Region != nil:
			t.Errorf("result %d: a whole-file diagnostic has a region %+v", i, *loc.Region)
		case d.Pos.Line > 0 && (loc.Region == nil || loc.Region.StartLine != d.Pos.Line || loc.Region.StartColumn != d.Pos.Column):
			t.Errorf("result %d: region %+v, want line %d column %d", i, loc.Region, d.Pos.Line, d.Pos.Column)
		}
		if d.Pointer != "" && (len(r.Locations[0].LogicalLocations) != 1 || r.Locations[0].LogicalLocations[0].FullyQualifiedName != d.Pointer) {
			t.Errorf("result %d: logical locations %+v, want the pointer %s", i, r.Locations[0].LogicalLocations, d.Pointer)
		}
	}
	// An empty run still has results and rules arrays.
	b.Reset()
	if err := (SARIF{}).Write(&b, nil, Summary{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `"results": []`) || !strings.Contains(b.String(), `"rules": []`) {
		t.Errorf("empty SARIF lacks results or rules arrays:\n%s", b.String())
	}
}

// hostile is a diagnostic whose every text comes from a hostile input: line
// breaks that would start a workflow command, terminal escapes, a
// bidirectional override, DEL, a C1 control and invalid UTF-8.
func hostile() List {
	return List{{
		File: "data/x\n::error file=forged.json::owned\x1b[31m.json", Pos: Position{Line: 1, Column: 2, Offset: 1}, Pointer: "/records/0/a\rb",
		Severity: Error, Rule: "additionalProperties", Message: "unknown property \"k\n::warning::x\x07\u202e\x7f\u0085\xff\"",
		Hint:    "did you mean \"\x1b]0;title\x07\"?",
		Related: []Related{{File: "y\r\n::error::z.json", Pos: Position{Line: 3, Column: 1}, Message: "first\ndefined"}},
	}}
}

// TestOutputIsInert: no byte of input starts a line, a workflow command or
// a terminal sequence in any format; every output line is either ours or a
// whole diagnostic.
func TestOutputIsInert(t *testing.T) {
	for _, name := range Formats {
		t.Run(name, func(t *testing.T) {
			var b bytes.Buffer
			if err := ForFormat(name, nil).Write(&b, hostile(), Summary{Files: 1, Records: 1, Notes: []string{"a\nnote"}}); err != nil {
				t.Fatal(err)
			}
			out := b.String()
			for i, r := range out {
				if r != '\n' && (r < 0x20 || r >= 0x7f && r <= 0x9f || r == 0x202e) {
					t.Errorf("output has the control character %U at byte %d:\n%q", r, i, out)
				}
			}
			if !utf8.ValidString(out) {
				t.Errorf("output is not valid UTF-8:\n%q", out)
			}
			lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
			commands := 0
			for _, line := range lines {
				if strings.HasPrefix(line, "::") {
					commands++
				}
				if strings.Contains(line, "forged") && strings.HasPrefix(line, "::error file=forged") {
					t.Errorf("a forged workflow command: %q", line)
				}
			}
			if want := map[string]int{"github": 1}[name]; commands != want {
				t.Errorf("%d lines start a workflow command, want %d:\n%s", commands, want, out)
			}
			if name == "text" || name == "github" {
				// text: the diagnostic, hint, related, count, note.
				tail := lines[len(lines)-5:]
				if !strings.HasPrefix(tail[0], `data/x\n::error file=forged.json::owned\x1b[31m.json:1:2: error: unknown property "k\n::warning::x\x07\u202e\x7f\u0085\xff"`) {
					t.Errorf("text line: %q", tail[0])
				}
				if tail[4] != `note: a\nnote` {
					t.Errorf("note line: %q", tail[4])
				}
			}
			if name == "json" || name == "sarif" {
				var v any
				if err := json.Unmarshal(b.Bytes(), &v); err != nil {
					t.Fatalf("output does not parse: %v", err)
				}
			}
		})
	}
}

func TestJSONKeepsValues(t *testing.T) {
	var b bytes.Buffer
	if err := (JSON{}).Write(&b, hostile(), Summary{}); err != nil {
		t.Fatal(err)
	}
	var out struct {
		Diagnostics []struct{ File, Message string }
	}
	if err := json.Unmarshal(b.Bytes(), &out); err != nil {
		t.Fatal(err)
	}
	want := hostile()[0]
	if out.Diagnostics[0].File != want.File {
		t.Errorf("file = %q, want %q: JSON escapes, it does not rewrite", out.Diagnostics[0].File, want.File)
	}
	if m := strings.ToValidUTF8(want.Message, "\uFFFD"); out.Diagnostics[0].Message != m {
		t.Errorf("message = %q, want %q", out.Diagnostics[0].Message, m)
	}
}

func TestURIReference(t *testing.T) {
	for in, want := range map[string]string{
		"dataset/events/a.json": "dataset/events/a.json",
		"c:d.json":              "c%3Ad.json",
		"h#ash?.json":           "h%23ash%3F.json",
		"sp ace 100%.json":      "sp%20ace%20100%25.json",
		"Лавров.json":           "%D0%9B%D0%B0%D0%B2%D1%80%D0%BE%D0%B2.json",
		"a\nb.json":             "a%0Ab.json",
		"../up/x.json":          "../up/x.json",
	} {
		got := URIReference(in)
		if got != want {
			t.Errorf("URIReference(%q) = %q, want %q", in, got, want)
		}
		u, err := url.Parse(got)
		if err != nil || u.Scheme != "" || u.Opaque != "" {
			t.Errorf("%q does not parse as a relative reference: %v %+v", got, err, u)
		} else if u.Path != in {
			t.Errorf("%q decodes to %q, want %q", got, u.Path, in)
		}
	}
}

func TestLimit(t *testing.T) {
	var l List
	for _, f := range []string{"a", "b"} {
		for i := range 5 {
			l = append(l, Diagnostic{File: f, Pos: Position{Line: i + 1, Offset: -1}, Rule: "r", Message: "m", Severity: Severity(i % 2)})
		}
	}
	tests := []struct {
		perFile, total int
		kept           int
		omitted        Omitted
	}{
		{0, 0, 10, Omitted{}},
		{2, 0, 4, Omitted{Errors: 2, Warnings: 4}},
		{0, 3, 3, Omitted{Errors: 3, Warnings: 4}},
		{4, 7, 7, Omitted{Warnings: 3}},
	}
	for _, tt := range tests {
		kept, omitted := l.Limit(tt.perFile, tt.total)
		if len(kept) != tt.kept || omitted != tt.omitted {
			t.Errorf("Limit(%d, %d): kept %d, omitted %+v; want %d, %+v", tt.perFile, tt.total, len(kept), omitted, tt.kept, tt.omitted)
		}
		// Errors before warnings: with room for 2 per file, both are errors.
		if tt.perFile == 2 {
			for _, d := range kept {
				if d.Severity != Error {
					t.Errorf("Limit(2, 0) kept a warning while errors were left out: %v", d)
				}
			}
		}
		if !slices.IsSortedFunc(kept, compare) {
			t.Errorf("Limit(%d, %d) broke the order", tt.perFile, tt.total)
		}
	}
	var b strings.Builder
	kept, omitted := l.Limit(1, 0)
	(Text{}).Write(&b, kept, Summary{Files: 2, Omitted: omitted})
	if want := "8 more problems not shown (--max-errors sets the limit)\n6 errors, 4 warnings in 2 files (0 records)\n"; !strings.HasSuffix(b.String(), want) {
		t.Errorf("text with a limit ends:\n%s\nwant the suffix:\n%s", b.String(), want)
	}
}

func TestCatalogueLookup(t *testing.T) {
	if r, ok := sampleRules.Lookup("required"); !ok || r.Summary != "required properties are present" {
		t.Errorf("Lookup(required) = %+v, %v", r, ok)
	}
	if _, ok := sampleRules.Lookup("nope"); ok {
		t.Error("Lookup(nope) found a rule")
	}
}

// TestOfFiles: the diagnostics of the files given, and those related to
// one of them, in their order.
func TestOfFiles(t *testing.T) {
	l := List{
		{File: "a", Message: "1"},
		{File: "b", Message: "2"},
		{File: "c", Message: "3", Related: []Related{{File: "a"}}},
		{File: "a", Message: "4"},
		{File: "c", Message: "5", Related: []Related{{File: "b"}}},
	}
	var got []string
	for _, d := range l.OfFiles(map[string]bool{"a": true}) {
		got = append(got, d.Message)
	}
	if want := []string{"1", "3", "4"}; !slices.Equal(got, want) {
		t.Errorf("OfFiles(a) = %q, want %q", got, want)
	}
	if l.OfFiles(nil) != nil {
		t.Error("OfFiles(nil) keeps diagnostics")
	}
}
