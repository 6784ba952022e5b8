package diag

import (
	"bytes"
	"curate/internal/golden"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

func TestSort(t *testing.T) {
	d := func(file string, line, col int, rule, msg, ptr string) Diagnostic {
		return Diagnostic{File: file, Line: line, Column: col, Rule: rule, Message: msg, Pointer: ptr, Offset: -1}
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
	a := Diagnostic{File: "a.json", Line: 1, Column: 1, Rule: "r", Message: "m", Hint: "one"}
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
		{Diagnostic{File: "a.json", Line: 3, Column: 7}, "a.json:3:7"},
		{Diagnostic{File: "a.json", Line: 3}, "a.json:3"},
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
	e1 := Diagnostic{File: "a.json", Line: 1, Column: 2, Rule: "r", Message: "first"}
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
		{File: "dataset/actors/people.json", Line: 12, Column: 15, Offset: 301, Pointer: "/records/2", Severity: Error,
			Rule: "required", Message: `missing property "label"`, Hint: `"label": How the dataset refers to the actor.`},
		{File: "dataset/actors/people.json", Line: 20, Column: 13, Offset: 480, Pointer: "/records/3/id", Severity: Error,
			Rule: "duplicate-id", Message: `duplicate id "actor-lavrov"`, Hint: "every record needs an id of its own across the whole dataset",
			Related: []Related{{File: "dataset/actors/states.json", Line: 5, Column: 13, Pointer: "/records/0/id", Message: "first defined here"}}},
		{File: "dataset/actors/people.json", Line: 21, Column: 29, Offset: 530, Pointer: "/records/3/label", Severity: Warning,
			Rule: "style", Message: `"Лавров, 50%: the minister" is long`},
		{File: "dataset/missing.json", Offset: -1, Severity: Error, Rule: "read", Message: "no such file or directory"},
	}
	return l, Summary{Files: 9, Records: 43, Notes: []string{"evidence was not checked"}}
}

func TestWriters(t *testing.T) {
	l, s := sample()
	for _, name := range Formats {
		t.Run(name, func(t *testing.T) {
			w := ForFormat(name)
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
	if ForFormat("xml") != nil {
		t.Error(`ForFormat("xml") is not nil`)
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
	l := List{{File: "data/a:b,c%.json", Line: 3, Column: 4, Rule: "odd,rule:x", Severity: Error,
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
		{File: "b.json", Line: 2, Column: 1, Rule: "style", Severity: Warning, Message: "m"},
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
		case d.Line == 0 && loc.Region != nil:
			t.Errorf("result %d: a whole-file diagnostic has a region %+v", i, *loc.Region)
		case d.Line > 0 && (loc.Region == nil || loc.Region.StartLine != d.Line || loc.Region.StartColumn != d.Column):
			t.Errorf("result %d: region %+v, want line %d column %d", i, loc.Region, d.Line, d.Column)
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
