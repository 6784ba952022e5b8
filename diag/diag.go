// Package diag defines the one type through which curate reports problems to
// users, Diagnostic, the sorted List of them, the Catalogue of the rules
// that produce them, and the writers that render a List as text, JSON,
// GitHub Actions workflow commands or SARIF.
//
// Positions are 1-based lines and 1-based columns counted in Unicode
// characters (code points), so a Cyrillic or accented name earlier on the line
// does not shift the column; Offset is the 0-based byte offset.
//
// Every writer makes its output inert: no byte of a file name, a pointer or a
// message taken from the input can start a line, a workflow command or a
// terminal escape sequence (see Escape).
package diag

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// Severity says how bad a problem is.
type Severity int

// Severities, most severe first.
const (
	Error Severity = iota
	Warning
)

// String returns "error" or "warning".
func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// MarshalText renders the severity as its name.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Position is a place in a file. The zero Position (with Offset 0) is not
// "unknown": use NoPos for a problem that concerns a whole file.
type Position struct {
	Line   int // 1-based; 0 when the problem concerns the whole file
	Column int // 1-based, in Unicode characters; 0 when unknown
	Offset int // 0-based byte offset; -1 when unknown
}

// NoPos is the position of a problem that concerns a whole file.
var NoPos = Position{Offset: -1}

// IsValid reports whether the position names a line.
func (p Position) IsValid() bool { return p.Line > 0 }

// String renders the position as "line:col", "line", or "" for a whole file.
func (p Position) String() string {
	switch {
	case p.Line > 0 && p.Column > 0:
		return fmt.Sprintf("%d:%d", p.Line, p.Column)
	case p.Line > 0:
		return fmt.Sprint(p.Line)
	}
	return ""
}

// Related points at a second place that explains a diagnostic, such as the
// first occurrence of a duplicated id.
type Related struct {
	File    string
	Pos     Position
	Pointer string
	Message string
}

// Location renders the related place as file:line:col, file:line or file.
func (r Related) Location() string { return location(r.File, r.Pos) }

// Diagnostic is one problem found in the dataset or its inputs.
type Diagnostic struct {
	File     string    // slash path, relative to the working directory
	Pos      Position  // where in File; NoPos when the whole file is concerned
	Pointer  string    // RFC 6901 JSON pointer to the value, "" for the document
	Severity Severity  // error or warning
	Rule     string    // the rule that failed: an ID of the Catalogue
	Message  string    // one line, lower case, no final period
	Hint     string    // what to do, when there is something to say
	Related  []Related // other places that explain the problem
}

// Location renders the diagnostic's place as file:line:col, file:line or
// file, escaped (see Escape).
func (d Diagnostic) Location() string { return location(d.File, d.Pos) }

func location(file string, p Position) string {
	if s := p.String(); s != "" {
		return Escape(file) + ":" + s
	}
	return Escape(file)
}

// String renders the diagnostic as one line of the text format, with every
// text from the input escaped.
func (d Diagnostic) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s: %s [%s]", d.Location(), d.Severity, Escape(d.Message), Escape(d.Rule))
	if d.Pointer != "" {
		fmt.Fprintf(&b, " at %s", Escape(d.Pointer))
	}
	return b.String()
}

// Error makes a Diagnostic usable as an error.
func (d Diagnostic) Error() string { return d.String() }

// jsonRelated is Related as the JSON format writes it.
type jsonRelated struct {
	File    string `json:"file"`
	Line    int    `json:"line,omitempty"`
	Column  int    `json:"column,omitempty"`
	Pointer string `json:"pointer,omitempty"`
	Message string `json:"message"`
}

// jsonDiagnostic is Diagnostic as the JSON format writes it: the position
// flattened into line, column and offset.
type jsonDiagnostic struct {
	File     string        `json:"file"`
	Line     int           `json:"line,omitempty"`
	Column   int           `json:"column,omitempty"`
	Offset   int           `json:"offset"`
	Pointer  string        `json:"pointer"`
	Severity Severity      `json:"severity"`
	Rule     string        `json:"rule"`
	Message  string        `json:"message"`
	Hint     string        `json:"hint,omitempty"`
	Related  []jsonRelated `json:"related,omitempty"`
}

// MarshalJSON writes file, line, column, offset, pointer, severity, rule,
// message, hint and related; line and column are left out for a whole file.
func (d Diagnostic) MarshalJSON() ([]byte, error) {
	j := jsonDiagnostic{File: d.File, Line: d.Pos.Line, Column: d.Pos.Column, Offset: d.Pos.Offset, Pointer: d.Pointer,
		Severity: d.Severity, Rule: d.Rule, Message: d.Message, Hint: d.Hint}
	for _, r := range d.Related {
		j.Related = append(j.Related, jsonRelated{r.File, r.Pos.Line, r.Pos.Column, r.Pointer, r.Message})
	}
	return json.Marshal(j)
}

// List is a list of diagnostics. Sort orders it for reporting.
type List []Diagnostic

// Sort orders the list by file, line, column, rule and message, and drops
// exact repeats.
func (l *List) Sort() {
	slices.SortStableFunc(*l, compare)
	*l = slices.CompactFunc(*l, func(a, b Diagnostic) bool { return compare(a, b) == 0 })
}

// compare orders by file, line, column, rule and message, then by pointer
// and hint so that repeats end up next to each other.
func compare(a, b Diagnostic) int {
	return cmp.Or(
		cmp.Compare(a.File, b.File),
		cmp.Compare(a.Pos.Line, b.Pos.Line),
		cmp.Compare(a.Pos.Column, b.Pos.Column),
		cmp.Compare(a.Rule, b.Rule),
		cmp.Compare(a.Message, b.Message),
		cmp.Compare(a.Pointer, b.Pointer),
		cmp.Compare(a.Hint, b.Hint),
	)
}

// Errors counts the diagnostics of severity Error.
func (l List) Errors() int {
	n := 0
	for _, d := range l {
		if d.Severity == Error {
			n++
		}
	}
	return n
}

// HasErrors reports whether any diagnostic is an error.
func (l List) HasErrors() bool { return l.Errors() > 0 }

// Err returns the list as an error when it holds an error, nil otherwise.
func (l List) Err() error {
	if l.HasErrors() {
		return l
	}
	return nil
}

// Error summarises the list; writers render it in full.
func (l List) Error() string {
	switch n := l.Errors(); n {
	case 0:
		return "no errors"
	case 1:
		return l.first().String()
	default:
		return fmt.Sprintf("%s (and %d more errors)", l.first(), n-1)
	}
}

func (l List) first() Diagnostic {
	for _, d := range l {
		if d.Severity == Error {
			return d
		}
	}
	return Diagnostic{}
}

// OfFiles keeps the diagnostics in the files given and those with a
// related place in one (both places of a duplicate id), in their order.
func (l List) OfFiles(files map[string]bool) List {
	var out List
	for _, d := range l {
		keep := files[d.File]
		for _, r := range d.Related {
			keep = keep || files[r.File]
		}
		if keep {
			out = append(out, d)
		}
	}
	return out
}

// Limit keeps, of a sorted list, at most perFile diagnostics of each file
// and at most total in all (0 means no limit), and returns what it kept and
// how many errors and warnings it left out. Errors are kept before warnings
// of the same file, so a limit never hides an error behind warnings.
func (l List) Limit(perFile, total int) (kept List, omitted Omitted) {
	if perFile <= 0 && total <= 0 {
		return l, Omitted{}
	}
	keep := make([]bool, len(l))
	n := 0
	count := map[string]int{}
	for _, sev := range []Severity{Error, Warning} {
		for i, d := range l {
			if d.Severity != sev {
				continue
			}
			if (perFile <= 0 || count[d.File] < perFile) && (total <= 0 || n < total) {
				keep[i] = true
				count[d.File]++
				n++
			}
		}
	}
	for i, d := range l {
		switch {
		case keep[i]:
			kept = append(kept, d)
		case d.Severity == Error:
			omitted.Errors++
		default:
			omitted.Warnings++
		}
	}
	return kept, omitted
}

// Omitted counts the diagnostics a limit left out of a report.
type Omitted struct {
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
}

// Total is the number of diagnostics left out.
func (o Omitted) Total() int { return o.Errors + o.Warnings }
