package export

import (
	"archive/zip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"curate/record"
	"curate/schema"
)

// Bundle file names (inside the bundle's top folder).
const (
	DataPackageFile = "datapackage.json"
	CodebookFile    = "CODEBOOK.md"
	ReadmeFile      = "README.md"
	SumsFile        = "SHA256SUMS"
	SchemaDir       = "schema"
)

// zipTime is the modification time of every zip entry: the earliest a zip
// can hold, so that the bundle depends on nothing but its content.
var zipTime = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

// ReleaseName returns the bundle's base name for a dataset version, e.g.
// "curate-0.1.0".
func ReleaseName(version string) string { return "curate-" + version }

// versionPattern is the pattern schema/dataset.schema.json gives
// "version". The version names the release file and its top folder, and a
// run may validate against another schema (--schema), so Release checks it
// again before anything is written.
var versionPattern = regexp.MustCompile(`^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$`)

// Release builds the release bundle of ds in dir: one zip, named after the
// dataset's version, holding every export (CSV, XLSX, JSON-LD, Parquet), the
// schema, a Frictionless Data Package descriptor, a codebook, a README and
// SHA256SUMS, all under one top folder. The zip is deterministic: entries
// sorted by name, fixed times and modes. A version that is not
// MAJOR.MINOR.PATCH is refused before anything is written. The bundle's
// files are staged in a directory dir/.curate-stage-release-RAND, removed
// afterwards (also when ctx is cancelled, which returns ctx.Err()), and the
// zip is written to a temporary file renamed into place, so dir holds the
// previous zip or the complete new one.
func Release(ctx context.Context, dir string, ds *record.Dataset, set *schema.Set, opts Options) (Written, error) {
	version := ds.Meta.Version
	if version == "" {
		return Written{}, fmt.Errorf("the dataset has no version (dataset.json)")
	}
	if !versionPattern.MatchString(version) {
		return Written{}, fmt.Errorf("the dataset's version %q (dataset.json) is not MAJOR.MINOR.PATCH, such as 1.0.0: it names the release file, so nothing was written", version)
	}
	outs, rows, err := Plan(ds, set, Formats, opts)
	if err != nil {
		return Written{}, err
	}
	tables := Tables(ds, set)
	names, files := set.Files()
	for _, n := range names {
		b := files[n]
		outs = append(outs, Output{path.Join(SchemaDir, n), func(w io.Writer) error { _, err := w.Write(b); return err }})
	}
	outs = append(outs,
		Output{CodebookFile, func(w io.Writer) error { return WriteCodebook(w, ds.Meta, tables) }},
		Output{ReadmeFile, func(w io.Writer) error { return writeBundleReadme(w, ds, tables, baseIRI(ds, opts)) }},
	)
	name := ReleaseName(version)
	d, err := openOutDir(dir, nil)
	if err != nil {
		return Written{}, err
	}
	if err := d.makeDir(); err != nil {
		d.undo()
		return Written{}, err
	}
	st, err := newStage(d.path, "release")
	if err != nil {
		d.undo()
		return Written{}, err
	}
	written, err := func() (Written, error) {
		defer st.remove()
		if _, err := writeInto(ctx, st.path, outs); err != nil {
			return Written{}, err
		}
		// The descriptor records each resource's size and hash, so it comes
		// after the files it describes; SHA256SUMS covers everything else.
		dp, err := dataPackage(st.path, ds.Meta, tables, rows)
		if err != nil {
			return Written{}, err
		}
		if _, err := writeInto(ctx, st.path, []Output{{DataPackageFile, func(w io.Writer) error { return writeJSON(w, dp) }}}); err != nil {
			return Written{}, err
		}
		entries, err := listFiles(st.path)
		if err != nil {
			return Written{}, err
		}
		sums, err := sha256Sums(st.path, entries)
		if err != nil {
			return Written{}, err
		}
		if _, err := writeInto(ctx, st.path, []Output{{SumsFile, func(w io.Writer) error { _, err := io.WriteString(w, sums); return err }}}); err != nil {
			return Written{}, err
		}
		entries = append(entries, SumsFile)
		slices.Sort(entries)
		step("release:staged")
		return d.commitOne(ctx, Output{name + ".zip", func(w io.Writer) error { return writeZip(w, st.path, name, entries) }})
	}()
	if err != nil {
		d.undo()
		return Written{}, err
	}
	return written, nil
}

// listFiles returns the slash paths of the regular files under root, sorted.
func listFiles(root string) ([]string, error) {
	var out []string
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			rel, err := filepath.Rel(root, p)
			if err != nil {
				return err
			}
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	slices.Sort(out)
	return out, err
}

func fileSHA256(p string) (string, int64, error) {
	f, err := os.Open(p)
	if err != nil {
		return "", 0, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	return hex.EncodeToString(h.Sum(nil)), n, err
}

// sha256Sums renders the entries' hashes in the format sha256sum -c reads.
func sha256Sums(root string, entries []string) (string, error) {
	var b strings.Builder
	for _, e := range entries {
		sum, _, err := fileSHA256(filepath.Join(root, filepath.FromSlash(e)))
		if err != nil {
			return "", err
		}
		fmt.Fprintf(&b, "%s  %s\n", sum, e)
	}
	return b.String(), nil
}

func writeZip(w io.Writer, root, top string, entries []string) error {
	zw := zip.NewWriter(w)
	for _, e := range entries {
		h := &zip.FileHeader{Name: top + "/" + e, Method: zip.Deflate, Modified: zipTime}
		h.SetMode(0o644)
		fw, err := zw.CreateHeader(h)
		if err != nil {
			return err
		}
		f, err := os.Open(filepath.Join(root, filepath.FromSlash(e)))
		if err != nil {
			return err
		}
		_, err = io.Copy(fw, f)
		f.Close()
		if err != nil {
			return err
		}
	}
	return zw.Close()
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

var nonName = regexp.MustCompile(`[^a-z0-9._-]+`)

// dataPackage builds the Frictionless Data Package descriptor (v1): a
// tabular resource per CSV table with its Table Schema (field types,
// required constraints, primary and foreign keys), and a resource for each
// other data file.
func dataPackage(stage string, meta record.Metadata, tables []*Table, rows map[string]int) (map[string]any, error) {
	type field struct {
		Name        string         `json:"name"`
		Type        string         `json:"type"`
		Format      string         `json:"format,omitempty"`
		Description string         `json:"description,omitempty"`
		Constraints map[string]any `json:"constraints,omitempty"`
	}
	resource := func(name, p, format, media string) (map[string]any, error) {
		sum, n, err := fileSHA256(filepath.Join(stage, filepath.FromSlash(p)))
		if err != nil {
			return nil, err
		}
		return map[string]any{"name": name, "path": p, "format": format, "mediatype": media, "bytes": n, "hash": "sha256:" + sum}, nil
	}
	var resources []any
	for _, t := range tables {
		r, err := resource(t.Name, path.Join(CSVDir, t.Name+".csv"), "csv", "text/csv")
		if err != nil {
			return nil, err
		}
		var fields []field
		for _, c := range t.Columns {
			f := field{Name: c.Name, Type: string(c.Type), Format: c.Format, Description: c.Description}
			if c.Required {
				f.Constraints = map[string]any{"required": true}
			}
			fields = append(fields, f)
		}
		var fks []any
		for _, fk := range t.ForeignKeys {
			ref := fk.Table
			if ref == t.Name {
				ref = "" // a reference within the same resource
			}
			fks = append(fks, map[string]any{"fields": []string{fk.Column}, "reference": map[string]any{"resource": ref, "fields": []string{fk.RefColumn}}})
		}
		ts := map[string]any{"fields": fields, "primaryKey": t.PrimaryKey, "missingValues": []string{""}}
		if fks != nil {
			ts["foreignKeys"] = fks
		}
		r["profile"] = "tabular-data-resource"
		r["title"] = t.Name
		r["description"] = t.Description
		r["encoding"] = "utf-8"
		r["dialect"] = map[string]any{"delimiter": ",", "lineTerminator": "\r\n", "quoteChar": "\"", "doubleQuote": true, "header": true}
		r["schema"] = ts
		resources = append(resources, r)
	}
	others := []struct{ name, path, format, media string }{
		{"workbook", XLSXFile, "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
		{"linked-data", JSONLDFile, "jsonld", "application/ld+json"},
	}
	for _, t := range tables {
		others = append(others, struct{ name, path, format, media string }{t.Name + "-parquet", path.Join(ParquetDir, t.Name+".parquet"), "parquet", "application/vnd.apache.parquet"})
	}
	for _, o := range others {
		r, err := resource(o.name, o.path, o.format, o.media)
		if err != nil {
			return nil, err
		}
		resources = append(resources, r)
	}
	dp := map[string]any{
		"profile":     "data-package",
		"name":        strings.Trim(nonName.ReplaceAllString(strings.ToLower(meta.Title), "-"), "-"),
		"title":       meta.Title,
		"description": meta.Description,
		"version":     meta.Version,
		"licenses":    []any{map[string]any{"name": meta.Licence, "path": "https://spdx.org/licenses/" + meta.Licence + ".html"}},
		"citation":    meta.Citation,
		"resources":   resources,
	}
	return dp, nil
}

// WriteCodebook writes the codebook in Markdown: every table and column
// with its type and the description from the schema.
func WriteCodebook(w io.Writer, meta record.Metadata, tables []*Table) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# Codebook: %s (version %s)\n\n", meta.Title, meta.Version)
	b.WriteString("Every table is a CSV file in `csv/`, a Parquet file in `parquet/` and a sheet of the workbook, with the same columns in the same order. Column types are Table Schema types: `string`, `date` (YYYY-MM-DD), `integer`, `number`. An empty cell means the source does not say. Dates are kept as EDTF strings (ISO 8601-2) with derived `_earliest`, `_latest` and `_precision` columns.\n\n")
	for _, t := range tables {
		fmt.Fprintf(&b, "## %s\n\n%s\n\n", t.Name, t.Description)
		fmt.Fprintf(&b, "Primary key: %s.", codeList(t.PrimaryKey))
		for _, fk := range t.ForeignKeys {
			fmt.Fprintf(&b, " `%s` refers to `%s.%s`.", fk.Column, fk.Table, fk.RefColumn)
		}
		b.WriteString("\n\n| column | type | required | description |\n|---|---|---|---|\n")
		for _, c := range t.Columns {
			req := "no"
			if c.Required {
				req = "yes"
			}
			typ := string(c.Type)
			if c.Format != "" {
				typ += " (" + c.Format + ")"
			}
			fmt.Fprintf(&b, "| `%s` | %s | %s | %s |\n", c.Name, typ, req, strings.ReplaceAll(c.Description, "|", `\|`))
		}
		b.WriteString("\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func codeList(names []string) string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = "`" + n + "`"
	}
	return strings.Join(out, ", ")
}

func writeBundleReadme(w io.Writer, ds *record.Dataset, tables []*Table, base string) error {
	m := ds.Meta
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\nVersion %s. Licence: %s.\n\n%s\n\n", m.Title, m.Version, m.Licence, m.Description)
	fmt.Fprintf(&b, "## How to cite\n\n%s\n\n", m.Citation)
	fmt.Fprintf(&b, "## Contents\n\n%s: %s, %s, %s, %s, %s. Every record cites a source with a verbatim excerpt (table `citations`).\n\n",
		count(ds.Len(), "record"), count(len(ds.Actors), "actor"), count(len(ds.Sources), "source"), count(len(ds.Events), "event"),
		count(len(ds.Measures), "measure"), count(len(ds.Statements), "statement"))
	b.WriteString("| path | what |\n|---|---|\n")
	b.WriteString("| `csv/*.csv` | one table per record kind, registry and list (RFC 4180, UTF-8, header row, rows sorted by id) |\n")
	b.WriteString("| `parquet/*.parquet` | the same tables with typed columns (DATE, INT64, DOUBLE, STRING) |\n")
	fmt.Fprintf(&b, "| `%s` | the same tables as sheets, after an `about` sheet with the sources and the codebook |\n", XLSXFile)
	fmt.Fprintf(&b, "| `%s` | JSON-LD 1.1 with an embedded context (schema.org terms and the project vocabulary `%s`) |\n", JSONLDFile, Vocab)
	fmt.Fprintf(&b, "| `%s/` | the JSON Schema (draft 2020-12) the records were validated against |\n", SchemaDir)
	fmt.Fprintf(&b, "| `%s` | Frictionless Data Package descriptor: field types, primary and foreign keys |\n", DataPackageFile)
	fmt.Fprintf(&b, "| `%s` | every table and column, described |\n", CodebookFile)
	fmt.Fprintf(&b, "| `%s` | SHA-256 of every file: check with `sha256sum -c %s` |\n\n", SumsFile, SumsFile)
	b.WriteString("Tables: ")
	for i, t := range tables {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "`%s` (%s)", t.Name, count(t.Len, "row"))
	}
	b.WriteString(".\n\nLink tables (`event_actors`, `measure_targets`, `statement_subjects`, `citations`, ...) hold one row per list item with the keys that join them, so no cell holds a list.\n\n")
	b.WriteString("The CSV files hold every value exactly as recorded; a spreadsheet program that opens one directly may take a text starting with `=`, `+`, `-` or `@` for a formula. In a spreadsheet, use the workbook, where every text is a text cell.\n\n")
	b.WriteString("## Load\n\npandas:\n\n```python\nimport pandas as pd\nevents = pd.read_csv(\"csv/events.csv\", parse_dates=[\"date_earliest\", \"date_latest\"])\nprint(events.merge(pd.read_csv(\"csv/event_actors.csv\"), left_on=\"id\", right_on=\"event_id\"))\n```\n\n")
	b.WriteString("R:\n\n```r\nevents <- read.csv(\"csv/events.csv\", encoding = \"UTF-8\", colClasses = c(date_earliest = \"Date\", date_latest = \"Date\"))\nlinks <- read.csv(\"csv/event_actors.csv\", encoding = \"UTF-8\")\nprint(merge(events, links, by.x = \"id\", by.y = \"event_id\"))\n```\n\n")
	b.WriteString("DuckDB:\n\n```sql\nCREATE VIEW events AS SELECT * FROM 'parquet/events.parquet';\nCREATE VIEW event_actors AS SELECT * FROM read_csv_auto('csv/event_actors.csv');\nSELECT e.title, a.actor_id, a.role FROM events e JOIN event_actors a ON a.event_id = e.id;\n```\n\n")
	fmt.Fprintf(&b, "## Identifiers\n\nRecord ids (`event-...`, `actor-...`) are stable. In the JSON-LD, a record's IRI is the base IRI followed by its id; this release uses the base `%s`.", base)
	if base == DefaultBaseIRI {
		b.WriteString(" It is the default, under the reserved `.invalid` domain: it names records, it does not resolve.")
	}
	b.WriteString("\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// count renders a number of things: "1 row", "2 rows".
func count(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}
