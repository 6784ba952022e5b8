package changes

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"curate/internal/words"
	"curate/record"
)

// Formats are the output formats of Write, in the order help lists them.
var Formats = []string{"text", "json", "csv"}

// Write writes the report in a format of Formats; an unknown format is an
// error.
func Write(w io.Writer, format string, r *Report) error {
	switch format {
	case "text":
		return WriteText(w, r)
	case "json":
		return WriteJSON(w, r)
	case "csv":
		return WriteCSV(w, r)
	}
	return fmt.Errorf("unknown format %q: use %s", format, strings.Join(Formats, ", "))
}

// Summary is the report in one line: "1 record added, 2 removed, 3 changed
// (5 values)".
func (r *Report) Summary() string {
	c := r.Counts("")
	return fmt.Sprintf("%s added, %d removed, %d changed (%s)",
		words.Count(c.Added, "record"), c.Removed, c.Changed, words.Count(c.Values, "value"))
}

// WriteText writes the report for a person at a terminal: a summary line,
// then one line per record ("changed actor actor-x") and, below a changed
// record, one indented line per value ("  /label: "old" -> "new""), values
// as JSON ("(absent)" where there is none). Every value is JSON text, so no
// control character reaches the terminal.
func WriteText(w io.Writer, r *Report) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s -> %s: %s\n", orUnknown(r.Old), orUnknown(r.New), r.Summary())
	for _, rec := range r.Records {
		fmt.Fprintf(&b, "%s %s %s\n", rec.Change, rec.Kind, rec.ID)
		for _, f := range rec.Fields {
			fmt.Fprintf(&b, "  %s: %s -> %s\n", pointerText(f.Pointer), textValue(f.Old), textValue(f.New))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func orUnknown(v string) string {
	if v == "" {
		return "(no version)"
	}
	return v
}

// pointerText is a pointer as text output shows it: "" (the whole record)
// as "(record)", any other as it is, with control characters escaped.
func pointerText(p string) string {
	if p == "" {
		return "(record)"
	}
	q := string(encode(p))
	return q[1 : len(q)-1]
}

func textValue(v json.RawMessage) string {
	if v == nil {
		return "(absent)"
	}
	return string(v)
}

// jsonReport is the JSON form of a report.
type jsonReport struct {
	Old     jsonVersion  `json:"old"`
	New     jsonVersion  `json:"new"`
	Summary jsonSummary  `json:"summary"`
	Changes []jsonRecord `json:"changes"`
}

type jsonVersion struct {
	Version string `json:"version"`
}

type jsonSummary struct {
	Added   int `json:"added"`
	Removed int `json:"removed"`
	Changed int `json:"changed"`
	Values  int `json:"values"`
}

type jsonRecord struct {
	Kind   record.Kind `json:"kind"`
	ID     string      `json:"id"`
	Change string      `json:"change"`
	Fields []jsonField `json:"fields,omitempty"`
}

type jsonField struct {
	Pointer string          `json:"pointer"`
	Old     json.RawMessage `json:"old,omitempty"`
	New     json.RawMessage `json:"new,omitempty"`
}

// WriteJSON writes the report as one JSON object: {"old": {"version"},
// "new": {"version"}, "summary": {added, removed, changed, values},
// "changes": [{kind, id, change, fields: [{pointer, old, new}]}]}.
// "changes" is always an array; "fields" is there for changed records
// only; "old" or "new" is left out where the value is absent, and holds the
// value itself (a string, number, object or list) where there is one.
func WriteJSON(w io.Writer, r *Report) error {
	c := r.Counts("")
	out := jsonReport{
		Old:     jsonVersion{r.Old},
		New:     jsonVersion{r.New},
		Summary: jsonSummary{c.Added, c.Removed, c.Changed, c.Values},
		Changes: []jsonRecord{},
	}
	for _, rec := range r.Records {
		jr := jsonRecord{Kind: rec.Kind, ID: rec.ID, Change: rec.Change}
		for _, f := range rec.Fields {
			jr.Fields = append(jr.Fields, jsonField{f.Pointer, f.Old, f.New})
		}
		out.Changes = append(out.Changes, jr)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

// CSVHeader is the header row of WriteCSV.
var CSVHeader = []string{"kind", "id", "change", "pointer", "old", "new"}

// WriteCSV writes the report as an RFC 4180 table (CRLF line ends, UTF-8,
// a header row), one row per value changed and one per record added or
// removed (its pointer, old and new empty): kind, id, change, pointer, old,
// new. A string value is written as it is, any other value (a number, an
// object, a list) as compact JSON, and an absent value as an empty cell.
func WriteCSV(w io.Writer, r *Report) error {
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write(CSVHeader); err != nil {
		return err
	}
	for _, rec := range r.Records {
		if len(rec.Fields) == 0 {
			if err := cw.Write([]string{string(rec.Kind), rec.ID, rec.Change, "", "", ""}); err != nil {
				return err
			}
			continue
		}
		for _, f := range rec.Fields {
			if err := cw.Write([]string{string(rec.Kind), rec.ID, rec.Change, f.Pointer, cell(f.Old), cell(f.New)}); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// cell is a value as a CSV cell: a string as itself, another value as its
// JSON, an absent value empty.
func cell(v json.RawMessage) string {
	if v == nil {
		return ""
	}
	if len(v) > 0 && v[0] == '"' {
		var s string
		if json.Unmarshal(v, &s) == nil {
			return s
		}
	}
	return string(v)
}

// WriteMarkdown writes CHANGES.md for the release bundle: a title naming
// the dataset and both versions, the counts (in all and per kind), the
// records added and removed, then each record changed with a table of its
// values (pointer, old, new). Values are shown as JSON, escaped so that
// Markdown shows them as they are.
func WriteMarkdown(w io.Writer, title string, r *Report) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# Changes in %s, version %s\n\n", mdText(title), mdText(orUnknown(r.New)))
	c := r.Counts("")
	if len(r.Records) == 0 {
		fmt.Fprintf(&b, "Compared with version %s: no record was added, removed or changed.\n", mdText(orUnknown(r.Old)))
		_, err := io.WriteString(w, b.String())
		return err
	}
	fmt.Fprintf(&b, "Compared with version %s: %s. `changes.csv` lists the same changes, one row per value: "+
		"kind, id, change (added, removed, changed), the value's JSON pointer within the record, its old and its new value.\n\n",
		mdText(orUnknown(r.Old)), r.Summary())
	b.WriteString("| kind | added | removed | changed | values changed |\n|---|---:|---:|---:|---:|\n")
	for _, k := range record.Kinds {
		kc := r.Counts(k)
		fmt.Fprintf(&b, "| %s | %d | %d | %d | %d |\n", k, kc.Added, kc.Removed, kc.Changed, kc.Values)
	}
	fmt.Fprintf(&b, "| all | %d | %d | %d | %d |\n", c.Added, c.Removed, c.Changed, c.Values)
	for _, change := range []string{Added, Removed} {
		first := true
		for _, rec := range r.Records {
			if rec.Change != change {
				continue
			}
			if first {
				fmt.Fprintf(&b, "\n## Records %s\n\n", change)
				first = false
			}
			fmt.Fprintf(&b, "- %s `%s`\n", rec.Kind, rec.ID)
		}
	}
	if c.Changed > 0 {
		b.WriteString("\n## Records changed\n")
		for _, rec := range r.Records {
			if rec.Change != Changed {
				continue
			}
			fmt.Fprintf(&b, "\n### %s `%s`\n\n| pointer | old | new |\n|---|---|---|\n", rec.Kind, rec.ID)
			for _, f := range rec.Fields {
				fmt.Fprintf(&b, "| %s | %s | %s |\n", mdText(pointerText(f.Pointer)), mdValue(f.Old), mdValue(f.New))
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func mdValue(v json.RawMessage) string {
	if v == nil {
		return "*absent*"
	}
	return mdText(string(v))
}

// mdEscaper backslash-escapes the characters that Markdown (CommonMark,
// GitHub's tables) would read as markup inside a table cell, and writes
// line breaks as escapes, so that a value shows as it is.
var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`,
	"<", `\<`, ">", `\>`, "|", `\|`, "~", `\~`, "&", `\&`, "#", `\#`,
	"\n", `\n`, "\r", `\r`,
)

func mdText(s string) string { return mdEscaper.Replace(s) }
