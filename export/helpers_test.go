package export_test

// Shared test data for the export tests: the bundled dataset (validated with
// the embedded schema) and a synthetic dataset that exercises every field of
// every record kind with awkward text, every date form and empty lists.

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"curate/export"
	"curate/export/table"
	"curate/record"
	"curate/schema"
	"curate/validate"
)

var (
	schemaOnce sync.Once
	schemaSet  *schema.Set
	schemaErr  error

	bundledOnce sync.Once
	bundledDS   *record.Dataset
	bundledErr  error
)

// loadSchema returns the embedded schema.
func loadSchema(t testing.TB) *schema.Set {
	t.Helper()
	schemaOnce.Do(func() { schemaSet, schemaErr = schema.LoadDir("") })
	if schemaErr != nil {
		t.Fatalf("schema.LoadDir: %v", schemaErr)
	}
	return schemaSet
}

// loadBundled validates ../dataset and returns its records; the test fails
// when the dataset has errors. Callers must not modify the result.
func loadBundled(t testing.TB) (*record.Dataset, *schema.Set) {
	t.Helper()
	set := loadSchema(t)
	bundledOnce.Do(func() {
		res, err := validate.Run([]string{"../dataset"}, validate.Options{Schema: set})
		if err != nil {
			bundledErr = err
			return
		}
		if res.Diagnostics.HasErrors() {
			bundledErr = fmt.Errorf("bundled dataset has errors:\n%v", res.Diagnostics)
			return
		}
		if !res.HasMetadata {
			bundledErr = fmt.Errorf("bundled dataset has no dataset.json")
			return
		}
		bundledDS = res.Dataset
	})
	if bundledErr != nil {
		t.Fatal(bundledErr)
	}
	if bundledDS.Len() == 0 {
		t.Fatal("bundled dataset has no records")
	}
	return bundledDS, set
}

// Awkward values used in the synthetic dataset.
const (
	hyperlinkFormula = `=HYPERLINK("http://x")`
	plusSeven        = "+7"
	minusOne         = "-1"
	atSum            = "@SUM(A1)"
	leadingZero      = "007"
	cyrillic         = "Київ, Україна — «Зеленський»"
	emoji            = "Flag 🇺🇦 and 🙂, with \"quotes\""
	syntheticURL     = "https://example.org/news/2022/02/26/sanctions?id=1&lang=uk#p4"
)

// longText is a long single-line text with commas and quotes, under the
// schema's 2000-character limit for text.
var longText = strings.TrimSpace(strings.Repeat(`Long text, with "quotes", commas; and more — `, 40))

// syntheticDates lists every date form the dataset accepts, each used by one
// event of the synthetic dataset (event-date-NN).
var syntheticDates = []string{
	"2022-02-24",                       // day
	"2022-02",                          // month
	"2022",                             // year
	"2022-21",                          // season (spring)
	"2022-24",                          // season (winter, ends the next year)
	"2022-02-25~",                      // approximate
	"2022-02-25?",                      // uncertain
	"2022-02-25%",                      // both
	"../2022-02-26",                    // open start
	"/2022-02-26",                      // unknown start
	"2022-02-21/..",                    // open end
	"2022-02-21/",                      // unknown end
	"2022-02-XX",                       // unspecified day
	"202X",                             // unspecified year digit: a decade
	"2022-02-21/2022-02-26",            // closed interval
	"2022-02~/2022-03-01?",             // interval with qualified ends
	"1900-02-28",                       // the last day before Excel's phantom 1900-02-29
	"1899-12-31",                       // before the first day Excel can show as a date
	"0001-01-01",                       // the zero time.Time: still a known day
	"0000/0001",                        // year 0, and an interval ending on year 1
	"[..2022-02-26]",                   // one day of a set: on or before
	"[2022-02-21..2022-02-26]",         // one day of a set: within a range
	"[2022-02-24,2022-02-25]",          // one day of a set: one of two
	"[2022-02-24..]",                   // one day of a set: on or after
	"[2022-01,2022-02-20..2022-02-22]", // a month or a day of a range
}

// synthetic returns a new dataset, sorted by id, that exercises every field
// of every record kind. It is a valid dataset (TestSyntheticIsValid checks
// it against the schema and the cross-record rules).
func synthetic() *record.Dataset {
	cite := func(evidence string) []record.Citation {
		return []record.Citation{{Source: "source-a-news", Evidence: evidence, Locator: "paragraph 1"}}
	}
	ds := &record.Dataset{
		Meta: record.Metadata{
			Title:         "Synthetic, \"awkward\" dataset — тест 🙂",
			Version:       "1.2.3",
			SchemaVersion: schema.Version,
			Licence:       "CC-BY-4.0",
			Description:   "Test data: " + longText,
			Citation:      "Test, A. (2024). Synthetic dataset, version 1.2.3.",
		},
		Actors: []record.Actor{
			{
				Kind: record.KindActor, ID: "actor-a-person", ActorType: "person",
				Label: "Іван Петренко",
				Name:  "Іван Петрович Петренко " + emoji,
				Aliases: []record.Alias{
					{Alias: hyperlinkFormula, Citation: record.Citation{Source: "source-a-news", Evidence: "called " + hyperlinkFormula, Locator: "paragraph 9"}},
					{Alias: "Ваня", Citation: record.Citation{Source: "source-b-report", Evidence: "Ваня"}},
					{Alias: "Ваня", Citation: record.Citation{Source: "source-a-news", Evidence: "Ваня again"}}, // the same name twice
				},
				Description: longText,
				Roles: []record.Role{
					{Title: hyperlinkFormula, Of: "actor-c-state"},
					{Title: `Minister, "acting"`},
					{Title: plusSeven, Of: "actor-b-body"},
				},
				PartOf:      "actor-b-body",
				Country:     "UA",
				Identifiers: []record.Identifier{{Scheme: "wikidata", ID: "Q1"}},
				Citations: []record.Citation{
					{Source: "source-a-news", Evidence: `He said, "no", twice.`, Locator: "paragraph 2"},
					{Source: "source-a-news", Evidence: "Second excerpt from the same source"},
					{Source: "source-b-report", Evidence: atSum},
				},
				Note: minusOne,
			},
			{
				Kind: record.KindActor, ID: "actor-b-body", ActorType: "body", Label: minusOne,
				Roles: []record.Role{}, PartOf: "actor-c-state",
				Citations: cite("The ministry"),
			},
			{Kind: record.KindActor, ID: "actor-c-state", ActorType: "state", Label: atSum, Country: "GB", Citations: cite(cyrillic),
				Identifiers: []record.Identifier{{Scheme: "wikidata", ID: "Q145"}, {Scheme: "wikidata", ID: "Q174193"}}},
			{Kind: record.KindActor, ID: "actor-g-company", ActorType: "company", Label: "Company, \"AG\"", Country: "CH", Citations: cite("a company")},
			{Kind: record.KindActor, ID: "actor-d-media", ActorType: "media", Label: leadingZero, Citations: cite(leadingZero)},
			{Kind: record.KindActor, ID: "actor-e-group", ActorType: "group", Label: "Banks, \"several\"", Citations: cite("banks")},
			{Kind: record.KindActor, ID: "actor-f-organisation", ActorType: "organisation", Label: plusSeven, Name: hyperlinkFormula, Citations: cite("=1+1")},
		},
		Sources: []record.Source{
			{
				Kind: record.KindSource, ID: "source-a-news", SourceType: "news-article",
				Title: `News, "with quotes" — ` + cyrillic, Headline: hyperlinkFormula, Publisher: leadingZero,
				URL:       syntheticURL,
				Published: record.Date{EDTF: "2022-02-26", Basis: record.BasisInferred, Note: "as printed, \"26 Feb\""},
				Language:  "uk", File: "a-news.txt",
				SHA256:  strings.Repeat("0a", 32),
				Credits: []string{"actor-d-media", "actor-e-group", "actor-a-person"},
				Note:    emoji,
			},
			{
				Kind: record.KindSource, ID: "source-b-report", SourceType: "report", Title: plusSeven,
				Published: record.Date{EDTF: "2022", Basis: record.BasisStated}, File: "b.txt", SHA256: strings.Repeat("f", 64),
			},
			{
				Kind: record.KindSource, ID: "source-c-other", SourceType: "other", Title: "Other",
				URL:       "http://example.com/",
				Published: record.Date{EDTF: "2022-21", Basis: record.BasisInferred, Note: "spring"}, File: "c.txt", SHA256: strings.Repeat("1", 64),
				Credits: []string{},
			},
		},
		Events: []record.Event{
			{
				Kind: record.KindEvent, ID: "event-a-full", EventType: "speech",
				Title: hyperlinkFormula, Description: longText,
				Date:    &record.Date{EDTF: "2022-02-24", Basis: record.BasisInferred, Note: "'on Thursday', \"before\""},
				Place:   cyrillic,
				Country: "UA",
				Actors: []record.Participant{
					{Actor: "actor-a-person", Role: "agent"},
					{Actor: "actor-c-state", Role: "audience"},
					{Actor: "actor-a-person", Role: "participant"}, // the same actor twice
				},
				Figures: []record.Figure{
					{Metric: "killed, \"at least\"", Quantity: "0.5", Unit: "km", Qualifier: "about", Period: "2022-02", Place: cyrillic, AttributedTo: "actor-d-media"},
					{Metric: "spent", Quantity: "12345678901", Low: "12000000000", High: "1.3e10", Unit: "USD"},
					{Metric: plusSeven, Quantity: "0", Unit: leadingZero, Qualifier: "more-than"},
					{Metric: "written with an exponent", Quantity: "1.5e3", Unit: "people", Qualifier: "up-to"},
				},
				Citations: []record.Citation{
					{Source: "source-a-news", Evidence: "first"},
					{Source: "source-b-report", Evidence: "second", Locator: minusOne},
					{Source: "source-a-news", Evidence: "third, same source again"},
				},
				Note: atSum,
			},
			{
				Kind: record.KindEvent, ID: "event-b-minimal", EventType: "other", Title: leadingZero,
				Actors: []record.Participant{}, Figures: []record.Figure{},
				Citations: cite("minimal"),
			},
		},
		Measures: []record.Measure{
			{
				Kind: record.KindMeasure, ID: "measure-a-full", MeasureType: "sanctions",
				Title: plusSeven, Description: emoji, Status: "lifted",
				Announced:   &record.Date{EDTF: "2022-02-25?", Basis: record.BasisInferred, Note: "uncertain"},
				Effective:   &record.Date{EDTF: "[2022-02-21..2022-02-26]", Basis: record.BasisInferred, Note: "'this week'"},
				Ended:       &record.Date{EDTF: "[..2022-03-01]", Basis: record.BasisBounded, Note: "on or before " + minusOne},
				AnnouncedAt: "event-a-full",
				Instruments: []string{"asset-freeze", "unspecified", "travel-ban"},
				ImposedBy:   []string{"actor-c-state", "actor-f-organisation"},
				Targets: []record.Target{
					{Actor: "actor-a-person", Scope: "assets, \"all\""},
					{Actor: "actor-e-group"},
				},
				CoordinatedWith: []string{"actor-b-body"},
				RespondsTo:      []string{"event-date-09", "event-a-full"},
				LegalBasis:      hyperlinkFormula + ", Article 2",
				Figures: []record.Figure{
					{Metric: "assets frozen", Quantity: "2.5", Low: "0", High: "1e3", Unit: "EUR bn", Qualifier: "about", Period: "so far", Place: emoji, AttributedTo: "actor-d-media"},
				},
				Citations: cite("imposed"),
				Note:      hyperlinkFormula,
			},
			{
				Kind: record.KindMeasure, ID: "measure-b-minimal", Title: minusOne,
				ImposedBy: []string{"actor-c-state"}, Targets: []record.Target{}, CoordinatedWith: []string{}, RespondsTo: []string{},
				Citations: cite("minimal"),
			},
			{
				Kind: record.KindMeasure, ID: "measure-c-open", MeasureType: "diplomatic", Title: "Open", Status: "announced",
				Announced:   &record.Date{EDTF: "2022-02-21/..", Basis: record.BasisBounded, Note: "from"},
				Instruments: []string{"diplomatic"}, Figures: []record.Figure{},
				ImposedBy: []string{"actor-f-organisation"},
				Citations: cite("announced"),
			},
		},
		Statements: []record.Statement{
			{
				Kind: record.KindStatement, ID: "statement-a-verbatim", Speaker: "actor-a-person", Mode: "verbatim",
				Text: longText, Language: "en",
				Date:     &record.Date{EDTF: "2022-02-24", Basis: record.BasisStated, Note: "same day"},
				Place:    emoji,
				Occasion: "event-a-full", Channel: atSum,
				Audience:  []string{"actor-e-group", "actor-c-state"},
				About:     []string{"event-a-full", "measure-a-full", "actor-c-state"},
				Citations: cite(emoji),
				Note:      leadingZero,
			},
			{
				Kind: record.KindStatement, ID: "statement-b-paraphrase", Speaker: "actor-b-body", Mode: "paraphrase",
				Text: "=1+1", About: []string{}, Citations: cite("=1+1"),
			},
			{
				Kind: record.KindStatement, ID: "statement-c-unknown-start", Speaker: "actor-c-state", Mode: "verbatim",
				Text: plusSeven, Date: &record.Date{EDTF: "/2022-02-26", Basis: record.BasisBounded, Note: "before"},
				About:     []string{"actor-a-person"},
				Citations: cite(plusSeven),
			},
		},
	}
	for i, d := range syntheticDates {
		ds.Events = append(ds.Events, record.Event{
			Kind: record.KindEvent, ID: fmt.Sprintf("event-date-%02d", i+1), EventType: "meeting",
			Title:     "Date form " + d,
			Date:      &record.Date{EDTF: d, Basis: record.BasisInferred, Note: "form " + d},
			Actors:    []record.Participant{{Actor: "actor-c-state", Role: "participant"}},
			Citations: cite(d),
		})
	}
	ds.Sort()
	return ds
}

// normalized returns a deep copy of ds in which every empty list is nil:
// the tables (like the JSON files, where an empty optional list may be left
// out) cannot tell an empty list from an absent one. Metadata is dropped:
// it is not in the tables.
func normalized(ds *record.Dataset) *record.Dataset {
	var c record.Dataset
	b, err := json.Marshal(ds)
	if err != nil {
		panic(err)
	}
	if err := json.Unmarshal(b, &c); err != nil {
		panic(err)
	}
	nilEmpty(reflect.ValueOf(&c).Elem())
	c.Meta = record.Metadata{}
	return &c
}

func nilEmpty(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			nilEmpty(v.Elem())
		}
	case reflect.Struct:
		for i := range v.NumField() {
			nilEmpty(v.Field(i))
		}
	case reflect.Slice:
		if v.Len() == 0 {
			v.Set(reflect.Zero(v.Type()))
			return
		}
		for i := range v.Len() {
			nilEmpty(v.Index(i))
		}
	}
}

// diffDatasets returns "" when want and got are deeply equal, otherwise a
// readable account of the first difference.
func diffDatasets(want, got *record.Dataset) string {
	if reflect.DeepEqual(want, got) {
		return ""
	}
	return firstDiff(want, got)
}

// firstDiff marshals both values to indented JSON and shows the first line
// that differs, with some context.
func firstDiff(want, got any) string {
	wb, _ := json.MarshalIndent(want, "", "  ")
	gb, _ := json.MarshalIndent(got, "", "  ")
	wl := strings.Split(string(wb), "\n")
	gl := strings.Split(string(gb), "\n")
	for i := 0; i < max(len(wl), len(gl)); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			lo := max(0, i-6)
			var ctx strings.Builder
			for j := lo; j < i && j < len(wl); j++ {
				fmt.Fprintf(&ctx, "      %s\n", wl[j])
			}
			after := func(l []string) string {
				var b strings.Builder
				for j := i; j < min(i+4, len(l)); j++ {
					fmt.Fprintf(&b, "\n      %s", l[j])
				}
				return b.String()
			}
			return fmt.Sprintf("first difference at line %d of the JSON form, after:\n%s want:%s\n got:%s", i+1, ctx.String(), after(wl), after(gl))
		}
	}
	return "values differ (not visible in their JSON form: nil versus empty, or a pointer)"
}

// writeDatasetFiles writes ds as dataset files (dataset.json and one file
// per kind) into dir, as a curator would.
func writeDatasetFiles(t testing.TB, dir string, ds *record.Dataset) {
	t.Helper()
	write := func(name string, v any) {
		b, err := json.MarshalIndent(v, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), append(b, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	type file struct {
		Records any `json:"records"`
	}
	write("dataset.json", ds.Meta)
	write("actors/actors.json", file{ds.Actors})
	write("sources/sources.json", file{ds.Sources})
	write("events/events.json", file{ds.Events})
	write("measures/measures.json", file{ds.Measures})
	write("statements/statements.json", file{ds.Statements})
}

// TestSyntheticIsValid checks that the synthetic dataset is a valid dataset
// (schema and cross-record checks), so that the export tests exercise data
// the exporter can meet, and that validation reads it back unchanged.
func TestSyntheticIsValid(t *testing.T) {
	ds := synthetic()
	dir := t.TempDir()
	writeDatasetFiles(t, dir, ds)
	res, err := validate.Run([]string{dir}, validate.Options{Schema: loadSchema(t)})
	if err != nil {
		t.Fatal(err)
	}
	if res.Diagnostics.HasErrors() {
		t.Fatalf("synthetic dataset is not valid:\n%v", res.Diagnostics)
	}
	if !reflect.DeepEqual(res.Dataset.Meta, ds.Meta) {
		t.Errorf("metadata read back differs: %s", firstDiff(ds.Meta, res.Dataset.Meta))
	}
	if d := diffDatasets(normalized(ds), normalized(res.Dataset)); d != "" {
		t.Errorf("validation reads the synthetic dataset differently: %s", d)
	}
}

// datasets are the inputs every format test runs on.
func datasets(t *testing.T) []struct {
	name string
	ds   *record.Dataset
	set  *schema.Set
} {
	t.Helper()
	b, set := loadBundled(t)
	return []struct {
		name string
		ds   *record.Dataset
		set  *schema.Set
	}{
		{"bundled", b, set},
		{"synthetic", synthetic(), set},
	}
}

// csvTable is a CSV file read back: its header and its records.
type csvTable struct {
	name   string
	header []string
	rows   [][]string
	index  map[string]int
}

func (c *csvTable) get(row []string, col string) string {
	i, ok := c.index[col]
	if !ok {
		panic(fmt.Sprintf("table %s has no column %s", c.name, col))
	}
	return row[i]
}

// readCSV parses a CSV file as written by WriteCSV.
func readCSV(t testing.TB, name string, data []byte) *csvTable {
	t.Helper()
	r := csv.NewReader(bytes.NewReader(data))
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("%s: reading CSV: %v", name, err)
	}
	if len(recs) == 0 {
		t.Fatalf("%s: empty CSV, no header row", name)
	}
	c := &csvTable{name: name, header: recs[0], rows: recs[1:], index: map[string]int{}}
	for i, h := range c.header {
		c.index[h] = i
	}
	return c
}

// csvOf writes every table with WriteCSV and returns the bytes by table name.
func csvOf(t testing.TB, tables []*table.Table) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for _, tb := range tables {
		var buf bytes.Buffer
		if err := export.WriteCSV(&buf, tb); err != nil {
			t.Fatalf("WriteCSV %s: %v", tb.Name, err)
		}
		out[tb.Name] = buf.Bytes()
	}
	return out
}

// columnNames returns a table's column names in order.
func columnNames(tb *table.Table) []string {
	var n []string
	for _, c := range tb.Columns {
		n = append(n, c.Name)
	}
	return n
}

// TestSyntheticCoversEveryField checks that every field of every record
// kind (and of the structures inside records) is set in at least one record
// of the synthetic dataset, so that a field added to the model is exported
// and tested, not silently skipped.
func TestSyntheticCoversEveryField(t *testing.T) {
	ds := synthetic()
	seen := map[string]bool{}
	var walk func(path string, v reflect.Value)
	walk = func(path string, v reflect.Value) {
		switch v.Kind() {
		case reflect.Pointer:
			if !v.IsNil() {
				seen[path] = true
				walk(path, v.Elem())
			}
		case reflect.Struct:
			for i := range v.NumField() {
				walk(path+"."+v.Type().Field(i).Name, v.Field(i))
			}
		case reflect.Slice:
			if v.Len() > 0 {
				seen[path] = true
			}
			for i := range v.Len() {
				walk(path+"[]", v.Index(i))
			}
		default:
			if !v.IsZero() {
				seen[path] = true
			}
		}
	}
	var all func(path string, t reflect.Type) []string
	all = func(path string, t reflect.Type) []string {
		var out []string
		switch t.Kind() {
		case reflect.Pointer:
			out = append(out, path)
			out = append(out, all(path, t.Elem())...)
		case reflect.Struct:
			for i := range t.NumField() {
				out = append(out, all(path+"."+t.Field(i).Name, t.Field(i).Type)...)
			}
		case reflect.Slice:
			out = append(out, path)
			out = append(out, all(path+"[]", t.Elem())...)
		default:
			out = append(out, path)
		}
		return out
	}
	v := reflect.ValueOf(ds).Elem()
	for _, kind := range []string{"Actors", "Sources", "Events", "Measures", "Statements"} {
		walk(kind, v.FieldByName(kind))
		for _, p := range all(kind, v.FieldByName(kind).Type()) {
			if !seen[p] {
				t.Errorf("no record of the synthetic dataset sets %s", p)
			}
		}
	}
}
