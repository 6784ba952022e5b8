package export

// The bundle's own files, written from the tables: the Frictionless Data
// Package descriptor, the codebook and the README.

import (
	"curate/browse"
	"curate/export/jsonld"
	"curate/export/table"
	"fmt"
	"io"
	"path"
	"path/filepath"
	"regexp"
	"strings"

	"curate/changes"
	"curate/internal/words"
	"curate/record"
	"curate/schema"
)

var nonName = regexp.MustCompile(`[^a-z0-9._-]+`)

// dataPackage builds the Frictionless Data Package descriptor (v1): a
// tabular resource per CSV table with its Table Schema (field types,
// required constraints, the values the schema allows as enum constraints,
// primary and foreign keys), a resource for each other data file (each
// Parquet table with the same Table Schema as its CSV table, its foreign
// keys naming the Parquet resources), the dataset's authors as
// contributors, its release day as created (only when dataset.json gives
// one: never the clock), and the custom property schemaVersion, the
// version of curate's schema the records follow.
func dataPackage(stage string, meta record.Metadata, set *schema.Set, tables []*table.Table, rows map[string]int) (map[string]any, error) {
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
	enums := enumFinder{set}
	// tableSchema is a table's Table Schema; its foreign keys name the
	// resources of the referred tables as suffix gives them ("" for CSV,
	// "-parquet" for Parquet).
	tableSchema := func(t *table.Table, suffix string) map[string]any {
		var fields []field
		for _, c := range t.Columns {
			f := field{Name: c.Name, Type: string(c.Type), Format: c.Format, Description: c.Description}
			cons := map[string]any{}
			if c.Required {
				cons["required"] = true
			}
			if values := enums.column(t.Name, c.Name); values != nil {
				cons["enum"] = values
			}
			if len(cons) > 0 {
				f.Constraints = cons
			}
			fields = append(fields, f)
		}
		var fks []any
		for _, fk := range t.ForeignKeys {
			ref := fk.Table + suffix
			if fk.Table == t.Name {
				ref = "" // a reference within the same resource
			}
			fks = append(fks, map[string]any{"fields": []string{fk.Column}, "reference": map[string]any{"resource": ref, "fields": []string{fk.RefColumn}}})
		}
		ts := map[string]any{"fields": fields, "primaryKey": t.PrimaryKey, "missingValues": []string{""}}
		if fks != nil {
			ts["foreignKeys"] = fks
		}
		return ts
	}
	var resources []any
	for _, t := range tables {
		r, err := resource(t.Name, path.Join(CSVDir, t.Name+".csv"), "csv", "text/csv")
		if err != nil {
			return nil, err
		}
		ts := tableSchema(t, "")
		r["profile"] = "tabular-data-resource"
		r["title"] = t.Name
		r["description"] = t.Description
		r["encoding"] = "utf-8"
		r["dialect"] = map[string]any{"delimiter": ",", "lineTerminator": "\r\n", "quoteChar": "\"", "doubleQuote": true, "header": true}
		r["schema"] = ts
		resources = append(resources, r)
	}
	type other struct {
		name, path, format, media string
		table                     *table.Table // a Parquet table's, for its Table Schema
	}
	others := []other{
		{"workbook", XLSXFile, "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", nil},
		{"linked-data", JSONLDFile, "jsonld", "application/ld+json", nil},
		{"database", SQLiteFile, "sqlite", "application/vnd.sqlite3", nil},
	}
	for _, t := range tables {
		others = append(others, other{t.Name + "-parquet", path.Join(ParquetDir, t.Name+".parquet"), "parquet", "application/vnd.apache.parquet", t})
	}
	for _, o := range others {
		r, err := resource(o.name, o.path, o.format, o.media)
		if err != nil {
			return nil, err
		}
		if o.table != nil {
			// The same fields as the CSV table's: a Data Resource may carry
			// a Table Schema whatever its format.
			r["schema"] = tableSchema(o.table, "-parquet")
		}
		resources = append(resources, r)
	}
	dp := map[string]any{
		"profile":     "data-package",
		"name":        strings.Trim(nonName.ReplaceAllString(strings.ToLower(meta.Title), "-"), "-"),
		"title":       meta.Title,
		"description": meta.Description,
		"version":     meta.Version,
		// The version of the curate schema the records follow (schema/):
		// a custom property, which Frictionless allows.
		"schemaVersion": schema.Version,
		"licenses":      []any{map[string]any{"name": meta.Licence, "path": SPDXURL(meta.Licence)}},
		"citation":      meta.Citation,
		"resources":     resources,
	}
	if l, ok := licences[meta.Licence]; ok {
		dp["licenses"] = []any{map[string]any{"name": meta.Licence, "path": SPDXURL(meta.Licence), "title": l.name}}
	}
	if len(meta.Authors) > 0 {
		var cs []any
		for _, a := range meta.Authors {
			c := map[string]any{"title": a.Display(), "role": "author"}
			if a.ORCID != "" {
				c["path"] = a.ORCID
			}
			if a.Affiliation != "" {
				c["organization"] = a.Affiliation
			}
			cs = append(cs, c)
		}
		dp["contributors"] = cs
	}
	if meta.Released != "" {
		dp["created"] = meta.Released + "T00:00:00Z" // the day, as RFC 3339 date-time
	}
	if len(meta.Keywords) > 0 {
		dp["keywords"] = meta.Keywords
	}
	if meta.URL != "" {
		dp["homepage"] = meta.URL
	}
	return dp, nil
}

// WriteCodebook writes the codebook in Markdown: how to read the tables
// and their dates, then every table with its notes and every column with
// its type and its description (from the schema).
func WriteCodebook(w io.Writer, meta record.Metadata, tables []*table.Table) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# Codebook: %s (version %s, schema %s)\n\n", meta.Title, meta.Version, schema.Version)
	for _, p := range codebookIntro {
		b.WriteString(p + "\n\n")
	}
	b.WriteString("## Dates\n\n")
	for _, p := range table.DatesNotes {
		b.WriteString(p + "\n\n")
	}
	for _, t := range tables {
		fmt.Fprintf(&b, "## %s\n\n%s\n\n", t.Name, t.Description)
		for _, n := range t.Notes {
			b.WriteString(n + "\n\n")
		}
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

// codebookIntro are the codebook's first paragraphs: what the tables are.
var codebookIntro = []string{
	"Every table is a CSV file in `csv/`, a Parquet file in `parquet/` and a sheet of the workbook, with the same columns in the same order. " +
		"Column types are Table Schema types: `string`, `date` (YYYY-MM-DD), `integer`, `number`. An empty cell means the source does not say. " +
		"A list inside records is a link table, one row per item, with the owner's id and the item's `position` (from 1).",
	"Columns whose description begins \"Derived from\" are computed by curate from another column of the same row " +
		"(a date's bounds and precision, a country's name, an instrument's GSDB type, the kind a record id names); " +
		"every other column holds what the curator recorded from the sources.",
}

func codeList(names []string) string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = "`" + n + "`"
	}
	return strings.Join(out, ", ")
}

// kindCounts is the number of records of each kind, in the order of
// record.Kinds, and in all.
type kindCounts struct {
	all                                           int
	actors, sources, events, measures, statements int
}

func counts(src table.Source) kindCounts {
	return kindCounts{table.RecordCount(src), src.Count(record.KindActor), src.Count(record.KindSource),
		src.Count(record.KindEvent), src.Count(record.KindMeasure), src.Count(record.KindStatement)}
}

func writeBundleReadme(w io.Writer, m record.Metadata, c kindCounts, tables []*table.Table, base string, report *changes.Report) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\nVersion %s, following schema version %s (in `%s/`). Licence: %s.\n\n%s\n\n",
		m.Title, m.Version, schema.Version, SchemaDir, m.Licence, m.Description)
	fmt.Fprintf(&b, "## How to cite\n\n%s\n\n", m.Citation)
	if len(m.Authors) > 0 {
		fmt.Fprintf(&b, "`%s` gives the same in the Citation File Format (CFF %s), for reference managers and citation tools. ", CitationFile, CFFVersion)
	}
	fmt.Fprintf(&b, "`%s` names the licence, %s, and its address.\n\n", LicenseFile, m.Licence)
	if report != nil {
		fmt.Fprintf(&b, "## Changes\n\nSince version %s: %s. `%s` lists them record by record, `%s` value by value.\n\n", report.Old, report.Summary(), ChangesFile, ChangesCSVFile)
	}
	// Every excerpt is a row of citations or, for an alias, of
	// actor_aliases.
	excerpts := 0
	for _, t := range tables {
		if t.Name == "citations" || t.Name == "actor_aliases" {
			excerpts += t.Len
		}
	}
	fmt.Fprintf(&b, "## Contents\n\n%s: %s, %s, %s, %s, %s. Every record cites a source with a verbatim excerpt: %s in all, "+
		"in table `citations` and, for the other names of actors, `actor_aliases`.\n\n",
		words.Count(c.all, "record"), words.Count(c.actors, "actor"), words.Count(c.sources, "source"),
		words.Count(c.events, "event"), words.Count(c.measures, "measure"), words.Count(c.statements, "statement"),
		words.Count(excerpts, "excerpt"))
	b.WriteString("| path | what |\n|---|---|\n")
	b.WriteString("| `csv/*.csv` | one table per record kind, registry and list (RFC 4180, UTF-8, header row, rows sorted by id) |\n")
	b.WriteString("| `parquet/*.parquet` | the same tables with typed columns (DATE, INT64, DOUBLE, STRING) |\n")
	fmt.Fprintf(&b, "| `%s` | the same tables as sheets, after an `about` sheet with the sources and the codebook |\n", XLSXFile)
	fmt.Fprintf(&b, "| `%s` | JSON-LD 1.1 with an embedded context (schema.org terms and the project vocabulary `%s`) |\n", JSONLDFile, jsonld.Vocab)
	fmt.Fprintf(&b, "| `%s` | the same tables in one SQLite database (types, primary and foreign keys, indexes), the flat tables as views, a `codebook` table |\n", SQLiteFile)
	if c.all <= BrowseLimit {
		fmt.Fprintf(&b, "| `%s` | a page to browse in any web browser, offline: every record with its evidence excerpts and links, a filter box, a timeline of the dated events, measures and statements |\n", browse.File)
	}
	fmt.Fprintf(&b, "| `%s/` | the JSON Schema (draft 2020-12) the records were validated against |\n", SchemaDir)
	fmt.Fprintf(&b, "| `%s/` | the records as dataset files (JSON, in curate's canonical form, valid against `%s/`): the source of every other file, and what `curate diff` reads |\n", DatasetDir, SchemaDir)
	fmt.Fprintf(&b, "| `%s` | Frictionless Data Package descriptor: field types, primary and foreign keys |\n", DataPackageFile)
	fmt.Fprintf(&b, "| `%s` | every table and column, described |\n", CodebookFile)
	fmt.Fprintf(&b, "| `%s` | the licence: its SPDX identifier and address |\n", LicenseFile)
	if len(m.Authors) > 0 {
		fmt.Fprintf(&b, "| `%s` | how to cite, in the Citation File Format %s |\n", CitationFile, CFFVersion)
	}
	if report != nil {
		fmt.Fprintf(&b, "| `%s` | the records added, removed and changed since version %s |\n", ChangesFile, report.Old)
		fmt.Fprintf(&b, "| `%s` | every value changed since version %s: kind, id, change, JSON pointer, old, new |\n", ChangesCSVFile, report.Old)
	}
	fmt.Fprintf(&b, "| `%s` | SHA-256 of every file: check with `sha256sum -c %s` |\n\n", SumsFile, SumsFile)
	b.WriteString("Tables: ")
	for i, t := range tables {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "`%s` (%s)", t.Name, words.Count(t.Len, "row"))
	}
	fmt.Fprintf(&b, ".\n\nLink tables (`actor_aliases`, `event_actors`, `measure_instruments`, `measure_targets`, `statement_audience`, `citations`, ...) hold one row per list item with the keys that join them, so no cell holds a list. `%s` says how to read each column, the dates above all: `date_precision == \"day\" and date_basis == \"stated\"` keeps the dates known to the day and stated by the source.\n\n", CodebookFile)
	b.WriteString("The CSV files hold every value exactly as recorded; a spreadsheet program that opens one directly may take a text starting with `=`, `+`, `-` or `@` for a formula. In a spreadsheet, use the workbook, where every text is a text cell.\n\n")
	b.WriteString("## Load\n\npandas:\n\n```python\nimport pandas as pd\nevents = pd.read_csv(\"csv/events.csv\", parse_dates=[\"date_earliest\", \"date_latest\"])\nprint(events.merge(pd.read_csv(\"csv/event_actors.csv\"), left_on=\"id\", right_on=\"event_id\"))\nstated_days = events[(events.date_precision == \"day\") & (events.date_basis == \"stated\")]\nprint(stated_days[[\"id\", \"date_earliest\"]])\n```\n\n")
	b.WriteString("R:\n\n```r\nevents <- read.csv(\"csv/events.csv\", encoding = \"UTF-8\", na.strings = \"\", colClasses = c(date_earliest = \"Date\", date_latest = \"Date\"))\nlinks <- read.csv(\"csv/event_actors.csv\", encoding = \"UTF-8\", na.strings = \"\")\nprint(merge(events, links, by.x = \"id\", by.y = \"event_id\"))\n```\n\n")
	b.WriteString("DuckDB:\n\n```sql\nCREATE VIEW events AS SELECT * FROM 'parquet/events.parquet';\nCREATE VIEW event_actors AS SELECT * FROM read_csv_auto('csv/event_actors.csv');\nSELECT e.title, a.actor_id, a.role FROM events e JOIN event_actors a ON a.event_id = e.id;\n```\n\n")
	fmt.Fprintf(&b, "## Identifiers\n\nRecord ids (`event-...`, `actor-...`) are stable. In the JSON-LD, a record's IRI is the base IRI followed by its id; this release uses the base `%s`.", base)
	if base == jsonld.DefaultBaseIRI {
		b.WriteString(" It is the default, under the reserved `.invalid` domain: it names records, it does not resolve.")
	}
	b.WriteString("\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// enumFinder finds the values the schema allows for a table's column: the
// "enum" of the record property the column holds. A kind's main table
// ("events") holds its record's properties, a link table ("event_actors")
// the properties of the items of the list it is named after ("actors"),
// or, for a list of values ("instruments"), the item itself in the column
// named in the singular ("instrument"); a date's NAME_basis column holds
// the date's "basis". Derived columns, and columns whose property has no
// enum, have none.
type enumFinder struct {
	set *schema.Set // nil: no enums
}

// column returns the allowed values of the column, nil when the schema
// gives no enum for it.
func (f enumFinder) column(table, column string) []string {
	if f.set == nil {
		return nil
	}
	for _, k := range record.Kinds {
		root := schema.Base + string(k) + ".schema.json#"
		if table == string(k)+"s" {
			return f.property(root, column)
		}
		list, ok := strings.CutPrefix(table, string(k)+"_")
		if !ok {
			continue
		}
		prop := f.follow(root + "/properties/" + list)
		if prop == "" {
			return nil
		}
		items := f.follow(prop + "/items")
		if items == "" {
			return nil
		}
		if column+"s" == list {
			return f.enum(items)
		}
		return f.property(items, column)
	}
	return nil
}

// property returns the enum of the property column of the schema object at
// loc, or of the basis of the date property that a NAME_basis column
// names.
func (f enumFinder) property(loc, column string) []string {
	if p := f.follow(loc + "/properties/" + column); p != "" {
		return f.enum(p)
	}
	if date, ok := strings.CutSuffix(column, "_basis"); ok {
		if p := f.follow(loc + "/properties/" + date); p != "" {
			if b := f.follow(p + "/properties/basis"); b != "" {
				return f.enum(b)
			}
		}
	}
	return nil
}

// follow returns the location of the schema object at loc, after the
// $refs of objects that have no "enum" or "properties" of their own, or ""
// when there is none.
func (f enumFinder) follow(loc string) string {
	for range 8 {
		v, ok := f.set.Resolve(loc)
		if !ok {
			return ""
		}
		m, ok := v.(map[string]any)
		if !ok {
			return ""
		}
		ref, isRef := m["$ref"].(string)
		_, hasEnum := m["enum"]
		_, hasProps := m["properties"]
		if !isRef || hasEnum || hasProps {
			return loc
		}
		doc, _, _ := strings.Cut(loc, "#")
		switch file, frag, _ := strings.Cut(ref, "#"); {
		case file == "":
			loc = doc + "#" + frag
		case strings.Contains(file, "://"):
			loc = ref
		default:
			loc = doc[:strings.LastIndexByte(doc, '/')+1] + file + "#" + frag
		}
	}
	return ""
}

// enum returns the string values of the "enum" of the schema object at
// loc, nil when it has none.
func (f enumFinder) enum(loc string) []string {
	v, _ := f.set.Resolve(loc + "/enum")
	list, ok := v.([]any)
	if !ok {
		return nil
	}
	out := make([]string, 0, len(list))
	for _, x := range list {
		s, ok := x.(string)
		if !ok {
			return nil
		}
		out = append(out, s)
	}
	return out
}
