package diag

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// Summary is what a run looked at, printed beside the diagnostics.
type Summary struct {
	Files   int      `json:"files"`   // files read
	Records int      `json:"records"` // records read
	Notes   []string `json:"notes"`   // remarks on what was not checked, one line each
}

// Writer renders a sorted list of diagnostics in one format.
type Writer interface {
	Write(w io.Writer, l List, s Summary) error
}

// Formats lists the output formats by name, in the order --help gives them.
var Formats = []string{"text", "json", "github", "sarif"}

// ForFormat returns the writer for a format name, or nil for an unknown name.
func ForFormat(name string) Writer {
	switch name {
	case "text":
		return Text{}
	case "json":
		return JSON{}
	case "github":
		return GitHub{}
	case "sarif":
		return SARIF{}
	}
	return nil
}

// Text writes one line per diagnostic, file:line:col: severity: message
// [rule] at pointer, each followed by its hint and related places indented,
// then a count and the summary's notes.
type Text struct{}

// Write implements Writer.
func (Text) Write(w io.Writer, l List, s Summary) error {
	var b strings.Builder
	for _, d := range l {
		b.WriteString(d.String())
		b.WriteByte('\n')
		if d.Hint != "" {
			fmt.Fprintf(&b, "    hint: %s\n", d.Hint)
		}
		for _, r := range d.Related {
			fmt.Fprintf(&b, "    %s: %s\n", Diagnostic{File: r.File, Line: r.Line, Column: r.Column}.Location(), r.Message)
		}
	}
	b.WriteString(count(l, s))
	b.WriteByte('\n')
	for _, n := range s.Notes {
		fmt.Fprintf(&b, "note: %s\n", n)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func count(l List, s Summary) string {
	errs := l.Errors()
	warns := len(l) - errs
	return fmt.Sprintf("%s, %s in %s (%s)", plural(errs, "error"), plural(warns, "warning"), plural(s.Files, "file"), plural(s.Records, "record"))
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// JSON writes {"diagnostics": [...], "summary": {...}}. Field names are
// stable: file, line, column, offset, pointer, severity, rule, message, hint,
// related; summary has files, records, errors, warnings and notes.
// diagnostics and notes are always arrays; line and column are left out when
// a diagnostic concerns a whole file.
type JSON struct{}

// Write implements Writer.
func (JSON) Write(w io.Writer, l List, s Summary) error {
	type summary struct {
		Summary
		Errors   int `json:"errors"`
		Warnings int `json:"warnings"`
	}
	out := struct {
		Diagnostics List    `json:"diagnostics"`
		Summary     summary `json:"summary"`
	}{l, summary{s, l.Errors(), len(l) - l.Errors()}}
	if out.Diagnostics == nil {
		out.Diagnostics = List{}
	}
	if out.Summary.Notes == nil {
		out.Summary.Notes = []string{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

// GitHub writes GitHub Actions workflow commands (::error file=…,line=…,
// col=…,title=…::message), escaped as the Actions toolkit escapes them, so
// that problems show inline on a pull request. GitHub shows only the first
// annotations of a step, so the plain text list and count follow.
type GitHub struct{}

// Write implements Writer.
func (GitHub) Write(w io.Writer, l List, s Summary) error {
	var b strings.Builder
	for _, d := range l {
		cmd := "error"
		if d.Severity == Warning {
			cmd = "warning"
		}
		props := []string{"file=" + escapeProperty(d.File)}
		if d.Line > 0 {
			props = append(props, fmt.Sprintf("line=%d", d.Line))
		}
		if d.Column > 0 {
			props = append(props, fmt.Sprintf("col=%d", d.Column))
		}
		props = append(props, "title="+escapeProperty(d.Rule))
		msg := d.Message
		if d.Pointer != "" {
			msg += " at " + d.Pointer
		}
		if d.Hint != "" {
			msg += "\n" + d.Hint
		}
		fmt.Fprintf(&b, "::%s %s::%s\n", cmd, strings.Join(props, ","), escapeData(msg))
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return err
	}
	return Text{}.Write(w, l, s)
}

// escapeData escapes a workflow command's message as @actions/core does.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a workflow command's property value as
// @actions/core does.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// SARIF writes a SARIF 2.1.0 log for code scanning, with one result per
// diagnostic. Columns are declared as Unicode code points.
type SARIF struct{}

// Write implements Writer.
func (SARIF) Write(w io.Writer, l List, s Summary) error {
	type message struct {
		Text string `json:"text"`
	}
	type region struct {
		StartLine   int `json:"startLine"`
		StartColumn int `json:"startColumn,omitempty"`
	}
	type artifact struct {
		URI       string `json:"uri"`
		URIBaseID string `json:"uriBaseId"`
	}
	type physical struct {
		ArtifactLocation artifact `json:"artifactLocation"`
		Region           *region  `json:"region,omitempty"`
	}
	type logical struct {
		FullyQualifiedName string `json:"fullyQualifiedName"`
		Kind               string `json:"kind"`
	}
	type location struct {
		PhysicalLocation physical  `json:"physicalLocation"`
		LogicalLocations []logical `json:"logicalLocations,omitempty"`
	}
	type result struct {
		RuleID    string     `json:"ruleId"`
		RuleIndex int        `json:"ruleIndex"`
		Level     string     `json:"level"`
		Message   message    `json:"message"`
		Locations []location `json:"locations"`
	}
	type rule struct {
		ID               string  `json:"id"`
		ShortDescription message `json:"shortDescription"`
	}
	var rules []rule
	index := map[string]int{}
	results := []result{}
	for _, d := range l {
		i, ok := index[d.Rule]
		if !ok {
			i = len(rules)
			index[d.Rule] = i
			rules = append(rules, rule{d.Rule, message{"curate check " + d.Rule}})
		}
		loc := location{PhysicalLocation: physical{ArtifactLocation: artifact{d.File, "%SRCROOT%"}}}
		if d.Line > 0 {
			loc.PhysicalLocation.Region = &region{d.Line, d.Column}
		}
		if d.Pointer != "" {
			loc.LogicalLocations = []logical{{d.Pointer, "object"}}
		}
		text := d.Message
		if d.Hint != "" {
			text += " (" + d.Hint + ")"
		}
		results = append(results, result{d.Rule, i, d.Severity.String(), message{text}, []location{loc}})
	}
	if rules == nil {
		rules = []rule{}
	}
	log := map[string]any{
		"$schema": "https://json.schemastore.org/sarif-2.1.0.json",
		"version": "2.1.0",
		"runs": []any{map[string]any{
			"tool": map[string]any{"driver": map[string]any{
				"name":  "curate",
				"rules": rules,
			}},
			"columnKind": "unicodeCodePoints",
			"results":    results,
		}},
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(log)
}
