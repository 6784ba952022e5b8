// Package exporttest holds the test data and helpers that the tests of
// export and of its format packages share: the bundled dataset (validated
// with the embedded schema), a synthetic dataset that exercises every field
// of every record kind with awkward text, every date form and empty lists,
// and CSV files read back.
package exporttest

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"curate/export/table"
	"curate/export/tabular"
	"curate/record"
	"curate/schema"
	"curate/validate"
)

// datasetDir is the repository's dataset directory, wherever the test
// runs.
func datasetDir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "..", "dataset")
}

// TinyDir is the tiny dataset of the golden files, export/testdata/tiny,
// wherever the test runs.
func TinyDir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "testdata", "tiny")
}

// Tiny validates the tiny dataset (TinyDir) with the embedded schema and
// returns its records; the test fails on any diagnostic, warnings
// included.
func Tiny(t testing.TB) (*record.Dataset, *schema.Set) {
	t.Helper()
	set := Schema(t)
	res, err := validate.Run([]string{TinyDir()}, validate.Options{Schema: set})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Diagnostics) > 0 {
		t.Fatalf("%s is not a clean dataset:\n%v", TinyDir(), res.Diagnostics)
	}
	if !res.HasMetadata {
		t.Fatalf("%s has no dataset.json", TinyDir())
	}
	return res.Dataset, set
}

var (
	schemaOnce sync.Once
	schemaSet  *schema.Set
	schemaErr  error

	bundledOnce sync.Once
	bundledDS   *record.Dataset
	bundledErr  error
)

// Schema returns the embedded schema.
func Schema(t testing.TB) *schema.Set {
	t.Helper()
	schemaOnce.Do(func() { schemaSet, schemaErr = schema.LoadDir("") })
	if schemaErr != nil {
		t.Fatalf("schema.LoadDir: %v", schemaErr)
	}
	return schemaSet
}

// Bundled validates the repository's dataset directory and returns its records; the test fails
// when the dataset has errors. Callers must not modify the result.
func Bundled(t testing.TB) (*record.Dataset, *schema.Set) {
	t.Helper()
	set := Schema(t)
	bundledOnce.Do(func() {
		res, err := validate.Run([]string{datasetDir()}, validate.Options{Schema: set})
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

// Awkward values used in the synthetic dataset, which the tests look for
// in the outputs.
const (
	HyperlinkFormula = `=HYPERLINK("http://x")`
	PlusSeven        = "+7"
	MinusOne         = "-1"
	AtSum            = "@SUM(A1)"
	LeadingZero      = "007"
	Cyrillic         = "Київ, Україна — «Зеленський»"
	Emoji            = "Flag 🇺🇦 and 🙂, with \"quotes\""
	SyntheticURL     = "https://example.org/news/2022/02/26/sanctions?id=1&lang=uk#p4"
)

// LongText is a long single-line text with commas and quotes, under the
// schema's 2000-character limit for text.
var LongText = strings.TrimSpace(strings.Repeat(`Long text, with "quotes", commas; and more — `, 40))

// SyntheticDates lists every date form the dataset accepts, each used by one
// event of the synthetic dataset (event-date-NN).
var SyntheticDates = []string{
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

// Synthetic returns a new dataset, sorted by id, that exercises every field
// of every record kind. It is a valid dataset (export's TestSyntheticIsValid checks
// it against the schema and the cross-record rules).
func Synthetic() *record.Dataset {
	cite := func(evidence string) []record.Citation {
		return []record.Citation{{Source: "source-a-news", Evidence: evidence, Locator: "paragraph 1"}}
	}
	ds := &record.Dataset{
		Meta: record.Metadata{
			Title:         "Synthetic, \"awkward\" dataset — тест 🙂",
			Version:       "1.2.3",
			SchemaVersion: schema.Version,
			Licence:       "CC-BY-4.0",
			Description:   "Test data: " + LongText,
			Citation:      "Test, A. (2024). Synthetic dataset, version 1.2.3.",
		},
		Actors: []record.Actor{
			{
				Kind: record.KindActor, ID: "actor-a-person", ActorType: "person",
				Label: "Іван Петренко",
				Name:  "Іван Петрович Петренко " + Emoji,
				Aliases: []record.Alias{
					{Alias: HyperlinkFormula, Citation: record.Citation{Source: "source-a-news", Evidence: "called " + HyperlinkFormula, Locator: "paragraph 9"}},
					{Alias: "Ваня", Citation: record.Citation{Source: "source-b-report", Evidence: "Ваня"}},
					{Alias: "Ваня", Citation: record.Citation{Source: "source-a-news", Evidence: "Ваня again"}}, // the same name twice
				},
				Description: LongText,
				Roles: []record.Role{
					{Title: HyperlinkFormula, Of: "actor-c-state"},
					{Title: `Minister, "acting"`},
					{Title: PlusSeven, Of: "actor-b-body"},
				},
				PartOf:      "actor-b-body",
				Country:     "UA",
				Identifiers: []record.Identifier{{Scheme: "wikidata", ID: "Q1"}},
				Citations: []record.Citation{
					{Source: "source-a-news", Evidence: `He said, "no", twice.`, Locator: "paragraph 2"},
					{Source: "source-a-news", Evidence: "Second excerpt from the same source"},
					{Source: "source-b-report", Evidence: AtSum},
				},
				Note: MinusOne,
			},
			{
				Kind: record.KindActor, ID: "actor-b-body", ActorType: "body", Label: MinusOne,
				Roles: []record.Role{}, PartOf: "actor-c-state",
				Citations: cite("The ministry"),
			},
			{Kind: record.KindActor, ID: "actor-c-state", ActorType: "state", Label: AtSum, Country: "GB", Citations: cite(Cyrillic),
				Identifiers: []record.Identifier{{Scheme: "wikidata", ID: "Q145"}, {Scheme: "wikidata", ID: "Q174193"}}},
			{Kind: record.KindActor, ID: "actor-g-company", ActorType: "company", Label: "Company, \"AG\"", Country: "CH", Citations: cite("a company")},
			{Kind: record.KindActor, ID: "actor-d-media", ActorType: "media", Label: LeadingZero, Citations: cite(LeadingZero)},
			{Kind: record.KindActor, ID: "actor-e-group", ActorType: "group", Label: "Banks, \"several\"", Citations: cite("banks")},
			{Kind: record.KindActor, ID: "actor-f-organisation", ActorType: "organisation", Label: PlusSeven, Name: HyperlinkFormula, Citations: cite("=1+1")},
		},
		Sources: []record.Source{
			{
				Kind: record.KindSource, ID: "source-a-news", SourceType: "news-article",
				Title: `News, "with quotes" — ` + Cyrillic, Headline: HyperlinkFormula, Publisher: LeadingZero,
				URL:       SyntheticURL,
				Published: record.Date{EDTF: "2022-02-26", Basis: record.BasisInferred, Note: "as printed, \"26 Feb\""},
				Language:  "uk", File: "a-news.txt",
				SHA256:  strings.Repeat("0a", 32),
				Credits: []string{"actor-d-media", "actor-e-group", "actor-a-person"},
				Note:    Emoji,
			},
			{
				Kind: record.KindSource, ID: "source-b-report", SourceType: "report", Title: PlusSeven,
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
				Title: HyperlinkFormula, Description: LongText,
				Date:    &record.Date{EDTF: "2022-02-24", Basis: record.BasisInferred, Note: "'on Thursday', \"before\""},
				Place:   Cyrillic,
				Country: "UA",
				Actors: []record.Participant{
					{Actor: "actor-a-person", Role: "agent"},
					{Actor: "actor-c-state", Role: "audience"},
					{Actor: "actor-a-person", Role: "participant"}, // the same actor twice
				},
				Figures: []record.Figure{
					{Metric: "killed, \"at least\"", Quantity: "0.5", Unit: "km", Qualifier: "about", Period: "2022-02", Place: Cyrillic, AttributedTo: "actor-d-media"},
					{Metric: "spent", Quantity: "12345678901", Low: "12000000000", High: "1.3e10", Unit: "USD"},
					{Metric: PlusSeven, Quantity: "0", Unit: LeadingZero, Qualifier: "more-than"},
					{Metric: "written with an exponent", Quantity: "1.5e3", Unit: "people", Qualifier: "up-to"},
				},
				Citations: []record.Citation{
					{Source: "source-a-news", Evidence: "first"},
					{Source: "source-b-report", Evidence: "second", Locator: MinusOne},
					{Source: "source-a-news", Evidence: "third, same source again"},
				},
				Note: AtSum,
			},
			{
				Kind: record.KindEvent, ID: "event-b-minimal", EventType: "other", Title: LeadingZero,
				Actors: []record.Participant{}, Figures: []record.Figure{},
				Citations: cite("minimal"),
			},
		},
		Measures: []record.Measure{
			{
				Kind: record.KindMeasure, ID: "measure-a-full", MeasureType: "sanctions",
				Title: PlusSeven, Description: Emoji, Status: "lifted",
				Announced:   &record.Date{EDTF: "2022-02-25?", Basis: record.BasisInferred, Note: "uncertain"},
				Effective:   &record.Date{EDTF: "[2022-02-21..2022-02-26]", Basis: record.BasisInferred, Note: "'this week'"},
				Ended:       &record.Date{EDTF: "[..2022-03-01]", Basis: record.BasisBounded, Note: "on or before " + MinusOne},
				AnnouncedAt: "event-a-full",
				Instruments: []string{"asset-freeze", "unspecified", "travel-ban"},
				ImposedBy:   []string{"actor-c-state", "actor-f-organisation"},
				Targets: []record.Target{
					{Actor: "actor-a-person", Scope: "assets, \"all\""},
					{Actor: "actor-e-group"},
				},
				CoordinatedWith: []string{"actor-b-body"},
				RespondsTo:      []string{"event-date-09", "event-a-full"},
				LegalBasis:      HyperlinkFormula + ", Article 2",
				Figures: []record.Figure{
					{Metric: "assets frozen", Quantity: "2.5", Low: "0", High: "1e3", Unit: "EUR bn", Qualifier: "about", Period: "so far", Place: Emoji, AttributedTo: "actor-d-media"},
				},
				Citations: cite("imposed"),
				Note:      HyperlinkFormula,
			},
			{
				Kind: record.KindMeasure, ID: "measure-b-minimal", Title: MinusOne,
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
				Text: LongText, Language: "en",
				Date:     &record.Date{EDTF: "2022-02-24", Basis: record.BasisStated, Note: "same day"},
				Place:    Emoji,
				Occasion: "event-a-full", Channel: AtSum,
				Audience:  []string{"actor-e-group", "actor-c-state"},
				About:     []string{"event-a-full", "measure-a-full", "actor-c-state"},
				Citations: cite(Emoji),
				Note:      LeadingZero,
			},
			{
				Kind: record.KindStatement, ID: "statement-b-paraphrase", Speaker: "actor-b-body", Mode: "paraphrase",
				Text: "=1+1", About: []string{}, Citations: cite("=1+1"),
			},
			{
				Kind: record.KindStatement, ID: "statement-c-unknown-start", Speaker: "actor-c-state", Mode: "verbatim",
				Text: PlusSeven, Date: &record.Date{EDTF: "/2022-02-26", Basis: record.BasisBounded, Note: "before"},
				About:     []string{"actor-a-person"},
				Citations: cite(PlusSeven),
			},
		},
	}
	for i, d := range SyntheticDates {
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

// Case is an input every format test runs on.
type Case struct {
	Name string
	DS   *record.Dataset
	Set  *schema.Set
}

// Datasets are the inputs every format test runs on: the bundled dataset
// and the synthetic one.
func Datasets(t testing.TB) []Case {
	t.Helper()
	b, set := Bundled(t)
	return []Case{{"bundled", b, set}, {"synthetic", Synthetic(), set}}
}

// CSV is a CSV file read back: its header and its records.
type CSV struct {
	Name   string
	Header []string
	Rows   [][]string
	Index  map[string]int // of each column name in Header
}

// Get returns the cell of the column col in row.
func (c *CSV) Get(row []string, col string) string {
	i, ok := c.Index[col]
	if !ok {
		panic(fmt.Sprintf("table %s has no column %s", c.Name, col))
	}
	return row[i]
}

// ReadCSV parses a CSV file as written by tabular.WriteCSV.
func ReadCSV(t testing.TB, name string, data []byte) *CSV {
	t.Helper()
	r := csv.NewReader(bytes.NewReader(data))
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("%s: reading CSV: %v", name, err)
	}
	if len(recs) == 0 {
		t.Fatalf("%s: empty CSV, no header row", name)
	}
	c := &CSV{Name: name, Header: recs[0], Rows: recs[1:], Index: map[string]int{}}
	for i, h := range c.Header {
		c.Index[h] = i
	}
	return c
}

// CSVOf writes every table with tabular.WriteCSV and returns the bytes by table name.
func CSVOf(t testing.TB, tables []*table.Table) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for _, tb := range tables {
		var buf bytes.Buffer
		if err := tabular.WriteCSV(&buf, tb); err != nil {
			t.Fatalf("WriteCSV %s: %v", tb.Name, err)
		}
		out[tb.Name] = buf.Bytes()
	}
	return out
}

// ColumnNames returns a table's column names in order.
func ColumnNames(tb *table.Table) []string {
	var n []string
	for _, c := range tb.Columns {
		n = append(n, c.Name)
	}
	return n
}
