package diag

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"curate/internal/words"
)

// Summary is what a run looked at, printed beside the diagnostics.
type Summary struct {
	Files   int      // files read
	Records int      // records read
	Omitted Omitted  // diagnostics left out of the list by a limit
	Notes   []string // remarks on what was not checked, one line each
}

// Writer renders a sorted list of diagnostics in one format.
type Writer interface {
	Write(w io.Writer, l List, s Summary) error
}

// Formats lists the output formats by name, in the order --help gives them.
var Formats = []string{"text", "json", "github", "sarif"}

// ForFormat returns the writer for a format name, or nil for an unknown
// name. rules describes the rules for the formats that carry descriptions
// (SARIF).
func ForFormat(name string, rules Catalogue) Writer {
	switch name {
	case "text":
		return Text{}
	case "json":
		return JSON{}
	case "github":
		return GitHub{}
	case "sarif":
		return SARIF{Rules: rules}
	}
	return nil
}

// Text writes one line per diagnostic, file:line:col: severity: message
// [rule] at pointer, each followed by its hint and related places indented,
// then a count and the summary's notes. Every text from the input is
// escaped (see Escape), so each diagnostic is exactly one line a problem
// matcher can read.
type Text struct{}

// Write implements Writer.
func (Text) Write(w io.Writer, l List, s Summary) error {
	var b strings.Builder
	for _, d := range l {
		b.WriteString(d.String())
		b.WriteByte('\n')
		if d.Hint != "" {
			fmt.Fprintf(&b, "    hint: %s\n", Escape(d.Hint))
		}
		for _, r := range d.Related {
			fmt.Fprintf(&b, "    %s: %s\n", r.Location(), Escape(r.Message))
		}
	}
	if n := s.Omitted.Total(); n > 0 {
		fmt.Fprintf(&b, "%s not shown (--max-errors sets the limit)\n", words.Count(n, "more problem"))
	}
	b.WriteString(count(l, s))
	b.WriteByte('\n')
	for _, n := range s.Notes {
		fmt.Fprintf(&b, "note: %s\n", Escape(n))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// count is the last line of the text format: every error and warning found,
// shown or not.
func count(l List, s Summary) string {
	errs := l.Errors() + s.Omitted.Errors
	warns := len(l) - l.Errors() + s.Omitted.Warnings
	return fmt.Sprintf("%s, %s in %s (%s)", words.Count(errs, "error"), words.Count(warns, "warning"),
		words.Count(s.Files, "file"), words.Count(s.Records, "record"))
}

// JSON writes {"diagnostics": [...], "summary": {...}}. Field names are
// stable: file, line, column, offset, pointer, severity, rule, message, hint,
// related; summary has files, records, errors, warnings (every one found,
// shown or not), omitted (those a limit left out) and notes. diagnostics and
// notes are always arrays; line and column are left out when a diagnostic
// concerns a whole file.
type JSON struct{}

// Write implements Writer.
func (JSON) Write(w io.Writer, l List, s Summary) error {
	type summary struct {
		Files    int      `json:"files"`
		Records  int      `json:"records"`
		Notes    []string `json:"notes"`
		Errors   int      `json:"errors"`
		Warnings int      `json:"warnings"`
		Omitted  int      `json:"omitted"`
	}
	out := struct {
		Diagnostics List    `json:"diagnostics"`
		Summary     summary `json:"summary"`
	}{l, summary{s.Files, s.Records, s.Notes, l.Errors() + s.Omitted.Errors, len(l) - l.Errors() + s.Omitted.Warnings, s.Omitted.Total()}}
	if out.Diagnostics == nil {
		out.Diagnostics = List{}
	}
	if out.Summary.Notes == nil {
		out.Summary.Notes = []string{}
	}
	return writeJSON(w, out)
}

// writeJSON writes v indented, without HTML escaping, with no control
// character left raw in strings (see inertJSON).
func writeJSON(w io.Writer, v any) error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := w.Write(inertJSON(b.Bytes()))
	return err
}

// GitHub writes GitHub Actions workflow commands (::error file=…,line=…,
// col=…,title=…::message), escaped as the Actions toolkit escapes them (and
// every other control character as %XX, which the runner leaves as text),
// so that problems show inline on a pull request. GitHub shows only the
// first annotations of a step, so the plain text list and count follow.
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
		if d.Pos.Line > 0 {
			props = append(props, fmt.Sprintf("line=%d", d.Pos.Line))
		}
		if d.Pos.Column > 0 {
			props = append(props, fmt.Sprintf("col=%d", d.Pos.Column))
		}
		props = append(props, "title="+escapeProperty(d.Rule))
		msg := d.Message
		if d.Pointer != "" {
			msg += " at " + d.Pointer
		}
		if d.Hint != "" {
			msg += "\n" + d.Hint
		}
		for _, r := range d.Related {
			msg += "\n" + r.File
			if p := r.Pos.String(); p != "" {
				msg += ":" + p
			}
			msg += ": " + r.Message
		}
		fmt.Fprintf(&b, "::%s %s::%s\n", cmd, strings.Join(props, ","), escapeData(msg))
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return err
	}
	return Text{}.Write(w, l, s)
}
