// Package diag defines the one type through which curate reports problems to
// users, Diagnostic, the sorted List of them, and the writers that render a
// List as text, JSON, GitHub Actions workflow commands or SARIF.
//
// Positions are 1-based lines and 1-based columns counted in Unicode
// characters (code points), so a Cyrillic or accented name earlier on the line
// does not shift the column; Offset is the 0-based byte offset.
package diag

import (
	"cmp"
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

// Position is a place in a file.
type Position struct {
	Line   int // 1-based; 0 when the problem concerns the whole file
	Column int // 1-based, in Unicode characters; 0 when unknown
	Offset int // 0-based byte offset; -1 when unknown
}

// Related points at a second place that explains a diagnostic, such as the
// first occurrence of a duplicated id.
type Related struct {
	File    string `json:"file"`
	Line    int    `json:"line,omitempty"`
	Column  int    `json:"column,omitempty"`
	Pointer string `json:"pointer,omitempty"`
	Message string `json:"message"`
}

// Diagnostic is one problem found in the dataset or its inputs.
type Diagnostic struct {
	File     string    `json:"file"`              // slash path, relative to the working directory
	Line     int       `json:"line,omitempty"`    // 1-based; 0 when the whole file is concerned
	Column   int       `json:"column,omitempty"`  // 1-based, in Unicode characters
	Offset   int       `json:"offset"`            // 0-based byte offset, -1 when unknown
	Pointer  string    `json:"pointer"`           // RFC 6901 JSON pointer to the value, "" for the document
	Severity Severity  `json:"severity"`          // error or warning
	Rule     string    `json:"rule"`              // the schema keyword or the check that failed
	Message  string    `json:"message"`           // one line, lower case, no final period
	Hint     string    `json:"hint,omitempty"`    // what to do, when there is something to say
	Related  []Related `json:"related,omitempty"` // other places that explain the problem
}

// Location renders the diagnostic's place as file:line:col, file:line or file.
func (d Diagnostic) Location() string {
	switch {
	case d.Line > 0 && d.Column > 0:
		return fmt.Sprintf("%s:%d:%d", d.File, d.Line, d.Column)
	case d.Line > 0:
		return fmt.Sprintf("%s:%d", d.File, d.Line)
	}
	return d.File
}

// String renders the diagnostic as one line of the text format.
func (d Diagnostic) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s: %s [%s]", d.Location(), d.Severity, d.Message, d.Rule)
	if d.Pointer != "" {
		fmt.Fprintf(&b, " at %s", d.Pointer)
	}
	return b.String()
}

// Error makes a Diagnostic usable as an error.
func (d Diagnostic) Error() string { return d.String() }

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
		cmp.Compare(a.Line, b.Line),
		cmp.Compare(a.Column, b.Column),
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
