package export_test

import (
	"bytes"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"curate/edtf"
	"curate/export"
	"curate/export/table"
	"curate/internal/iso3166"
	"curate/record"
)

// TestCSVRoundTrip writes every table as CSV, reads the files back with
// encoding/csv and rebuilds the dataset from them alone: the rebuilt records
// equal the input field for field.
func TestCSVRoundTrip(t *testing.T) {
	for _, tc := range datasets(t) {
		t.Run(tc.name, func(t *testing.T) {
			tables := table.Tables(tc.ds, tc.set)
			files := csvOf(t, tables)
			read := map[string]*csvTable{}
			for _, tb := range tables {
				data := files[tb.Name]
				checkCSVBytes(t, tb.Name, data)
				c := readCSV(t, tb.Name, data)
				if want := columnNames(tb); !slices.Equal(c.header, want) {
					t.Errorf("%s: header %q, want %q", tb.Name, c.header, want)
				}
				if len(c.rows) != tb.Len {
					t.Errorf("%s: %d data rows, Table.Len says %d", tb.Name, len(c.rows), tb.Len)
				}
				for i, r := range c.rows {
					if len(r) != len(c.header) {
						t.Errorf("%s row %d: %d fields, header has %d", tb.Name, i+2, len(r), len(c.header))
					}
				}
				checkSortedByKey(t, tb, c)
				checkRequired(t, tb, c)
				read[tb.Name] = c
			}
			got := rebuild(t, read)
			if d := diffDatasets(normalized(tc.ds), normalized(got)); d != "" {
				t.Errorf("dataset rebuilt from the CSV tables differs from the input: %s", d)
			}
		})
	}
}

// TestCSVRoundTripHasEveryTable guards the round trip itself: it must know
// every table the export writes, so a new table cannot be skipped silently.
func TestCSVRoundTripHasEveryTable(t *testing.T) {
	ds, set := loadBundled(t)
	var names []string
	for _, tb := range table.Tables(ds, set) {
		if tb.Derived == nil { // the flat tables are derived from the others
			names = append(names, tb.Name)
		}
	}
	want := []string{
		"actors", "actor_aliases", "actor_roles", "actor_identifiers", "sources", "source_credits",
		"events", "event_actors", "event_figures",
		"measures", "measure_instruments", "measure_imposers", "measure_targets", "measure_coordination", "measure_responses", "measure_figures",
		"statements", "statement_audience", "statement_subjects", "citations",
	}
	if !slices.Equal(names, want) {
		t.Errorf("tables %q, the round trip rebuilds %q: update rebuild", names, want)
	}
}

// checkCSVBytes checks the file's encoding: UTF-8 without a byte-order mark,
// every line ended by CRLF.
func checkCSVBytes(t *testing.T, name string, data []byte) {
	t.Helper()
	if bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) {
		t.Errorf("%s: starts with a byte-order mark", name)
	}
	if !utf8.Valid(data) {
		t.Errorf("%s: not valid UTF-8", name)
	}
	if !bytes.HasSuffix(data, []byte("\r\n")) {
		t.Errorf("%s: last line not ended by CRLF", name)
	}
	if lf, crlf := bytes.Count(data, []byte("\n")), bytes.Count(data, []byte("\r\n")); lf != crlf {
		t.Errorf("%s: %d line feeds, only %d of them in CRLF", name, lf, crlf)
	}
	if cr, crlf := bytes.Count(data, []byte("\r")), bytes.Count(data, []byte("\r\n")); cr != crlf {
		t.Errorf("%s: %d carriage returns outside CRLF", name, cr-crlf)
	}
}

// checkSortedByKey checks that rows are in strictly increasing order of the
// primary key (position compared as a number).
func checkSortedByKey(t *testing.T, tb *table.Table, c *csvTable) {
	t.Helper()
	if len(tb.PrimaryKey) == 0 {
		t.Errorf("%s: no primary key", tb.Name)
		return
	}
	key := func(r []string) []string {
		var k []string
		for _, col := range tb.PrimaryKey {
			k = append(k, c.get(r, col))
		}
		return k
	}
	cmp := func(a, b []string) int {
		for i, col := range tb.PrimaryKey {
			if col == "position" {
				x, _ := strconv.Atoi(a[i])
				y, _ := strconv.Atoi(b[i])
				if x != y {
					return x - y
				}
				continue
			}
			if d := strings.Compare(a[i], b[i]); d != 0 {
				return d
			}
		}
		return 0
	}
	for i := 1; i < len(c.rows); i++ {
		if a, b := key(c.rows[i-1]), key(c.rows[i]); cmp(a, b) >= 0 {
			t.Errorf("%s: row %d key %q is not after row %d key %q", tb.Name, i+2, b, i+1, a)
		}
	}
}

// checkRequired checks that required columns are never empty.
func checkRequired(t *testing.T, tb *table.Table, c *csvTable) {
	t.Helper()
	for _, col := range tb.Columns {
		if !col.Required {
			continue
		}
		for i, r := range c.rows {
			if c.get(r, col.Name) == "" {
				t.Errorf("%s row %d: required column %s is empty", tb.Name, i+2, col.Name)
			}
		}
	}
}

// rebuilder turns CSV tables back into records, reporting problems.
type rebuilder struct {
	t    *testing.T
	tabs map[string]*csvTable
}

func (b rebuilder) table(name string) *csvTable {
	c, ok := b.tabs[name]
	if !ok {
		b.t.Fatalf("no table %s", name)
	}
	return c
}

// date rebuilds a date from its six columns and checks the derived ones.
func (b rebuilder) date(c *csvTable, row []string, name string) *record.Date {
	v := c.get(row, name)
	earliest, latest := c.get(row, name+"_earliest"), c.get(row, name+"_latest")
	precision, basis, note := c.get(row, name+"_precision"), c.get(row, name+"_basis"), c.get(row, name+"_note")
	if v == "" {
		if earliest != "" || latest != "" || precision != "" || basis != "" || note != "" {
			b.t.Errorf("%s %s: %s is empty but its other columns are not: %q %q %q %q %q", c.name, row[0], name, earliest, latest, precision, basis, note)
		}
		return nil
	}
	p, err := edtf.Parse(v)
	if err != nil {
		b.t.Errorf("%s %s: %s %q: %v", c.name, row[0], name, v, err)
		return &record.Date{EDTF: v, Basis: basis, Note: note}
	}
	wantEarliest, wantLatest := "", ""
	if !p.OpenStart && !p.UnknownStart {
		wantEarliest = p.Earliest.Format("2006-01-02")
	}
	if !p.OpenEnd && !p.UnknownEnd {
		wantLatest = p.Latest.Format("2006-01-02")
	}
	if earliest != wantEarliest || latest != wantLatest || precision != string(p.Precision) {
		b.t.Errorf("%s %s: %s %q derived columns %q %q %q, want %q %q %q", c.name, row[0], name, v,
			earliest, latest, precision, wantEarliest, wantLatest, p.Precision)
	}
	return &record.Date{EDTF: v, Basis: basis, Note: note}
}

// country reads a country code and checks the derived country_name.
func (b rebuilder) country(c *csvTable, row []string) string {
	code, name := c.get(row, "country"), c.get(row, "country_name")
	want, _ := iso3166.Name(code)
	if code != "" && want == "" {
		b.t.Errorf("%s %s: country %q is not an ISO 3166-1 code", c.name, row[0], code)
	}
	if name != want {
		b.t.Errorf("%s %s: country_name %q, want %q for %q", c.name, row[0], name, want, code)
	}
	return code
}

// figures rebuilds the figures of a figure table's rows.
func (b rebuilder) figures(ft *csvTable, rows [][]string) []record.Figure {
	var out []record.Figure
	for _, x := range rows {
		out = append(out, record.Figure{
			Metric: ft.get(x, "metric"), Quantity: json.Number(ft.get(x, "quantity")),
			Low: json.Number(ft.get(x, "low")), High: json.Number(ft.get(x, "high")), Unit: ft.get(x, "unit"),
			Qualifier: ft.get(x, "qualifier"), Period: ft.get(x, "period"), Place: ft.get(x, "place"),
			AttributedTo: ft.get(x, "attributed_to"),
		})
	}
	return out
}

// links groups a link table's rows by owner id, checking that positions run
// 1, 2, 3... within each owner and that each owner exists.
func (b rebuilder) links(name, owner string, owners map[string]bool) map[string][][]string {
	c := b.table(name)
	out := map[string][][]string{}
	for _, r := range c.rows {
		id := c.get(r, owner)
		if !owners[id] {
			b.t.Errorf("%s: row for %s %q, which is not in its main table", name, owner, id)
		}
		pos, err := strconv.Atoi(c.get(r, "position"))
		if want := len(out[id]) + 1; err != nil || pos != want {
			b.t.Errorf("%s: %s position %q, want %d", name, id, c.get(r, "position"), want)
		}
		out[id] = append(out[id], r)
	}
	return out
}

func idsOf(c *csvTable) map[string]bool {
	m := map[string]bool{}
	for _, r := range c.rows {
		m[c.get(r, "id")] = true
	}
	return m
}

// rebuild makes a dataset from the CSV tables alone.
func rebuild(t *testing.T, tabs map[string]*csvTable) *record.Dataset {
	b := rebuilder{t, tabs}
	ds := &record.Dataset{}

	// Citations of every kind, by record id.
	cit := b.table("citations")
	allIDs := map[string]bool{}
	for _, name := range []string{"actors", "events", "measures", "statements"} {
		for id := range idsOf(b.table(name)) {
			allIDs[id] = true
		}
	}
	citations := map[string][]record.Citation{}
	for id, rows := range b.links("citations", "record_id", allIDs) {
		for _, r := range rows {
			if k, _ := record.KindOf(id); cit.get(r, "record_kind") != string(k) {
				t.Errorf("citations: %s record_kind %q, want %q", id, cit.get(r, "record_kind"), k)
			}
			citations[id] = append(citations[id], record.Citation{
				Source: cit.get(r, "source_id"), Evidence: cit.get(r, "evidence"), Locator: cit.get(r, "locator"),
			})
		}
	}

	// Actors.
	at := b.table("actors")
	aliases := b.links("actor_aliases", "actor_id", idsOf(at))
	alt := b.table("actor_aliases")
	roles := b.links("actor_roles", "actor_id", idsOf(at))
	rt := b.table("actor_roles")
	idents := b.links("actor_identifiers", "actor_id", idsOf(at))
	it := b.table("actor_identifiers")
	for _, r := range at.rows {
		a := record.Actor{
			Kind: record.KindActor, ID: at.get(r, "id"), ActorType: at.get(r, "actor_type"), Label: at.get(r, "label"),
			Name: at.get(r, "name"), Description: at.get(r, "description"), PartOf: at.get(r, "part_of"),
			Country: b.country(at, r), Note: at.get(r, "note"),
		}
		for _, x := range aliases[a.ID] {
			a.Aliases = append(a.Aliases, record.Alias{Alias: alt.get(x, "alias"), Citation: record.Citation{
				Source: alt.get(x, "source_id"), Evidence: alt.get(x, "evidence"), Locator: alt.get(x, "locator"),
			}})
		}
		for _, x := range roles[a.ID] {
			a.Roles = append(a.Roles, record.Role{Title: rt.get(x, "title"), Of: rt.get(x, "of")})
		}
		for _, x := range idents[a.ID] {
			a.Identifiers = append(a.Identifiers, record.Identifier{Scheme: it.get(x, "scheme"), ID: it.get(x, "identifier")})
		}
		a.Citations = citations[a.ID]
		ds.Actors = append(ds.Actors, a)
	}

	// Sources.
	st := b.table("sources")
	credits := b.links("source_credits", "source_id", idsOf(st))
	ct := b.table("source_credits")
	for _, r := range st.rows {
		s := record.Source{
			Kind: record.KindSource, ID: st.get(r, "id"), SourceType: st.get(r, "source_type"), Title: st.get(r, "title"),
			Headline: st.get(r, "headline"), Publisher: st.get(r, "publisher"), URL: st.get(r, "url"),
			Language: st.get(r, "language"), File: st.get(r, "file"), SHA256: st.get(r, "sha256"), Note: st.get(r, "note"),
		}
		if d := b.date(st, r, "published"); d != nil {
			s.Published = *d
		}
		for _, x := range credits[s.ID] {
			s.Credits = append(s.Credits, ct.get(x, "actor_id"))
		}
		if len(citations[s.ID]) > 0 {
			t.Errorf("citations: rows for source %s, which has no citations", s.ID)
		}
		ds.Sources = append(ds.Sources, s)
	}

	// Events.
	et := b.table("events")
	parts := b.links("event_actors", "event_id", idsOf(et))
	pt := b.table("event_actors")
	figs := b.links("event_figures", "event_id", idsOf(et))
	ft := b.table("event_figures")
	for _, r := range et.rows {
		e := record.Event{
			Kind: record.KindEvent, ID: et.get(r, "id"), EventType: et.get(r, "event_type"), Title: et.get(r, "title"),
			Description: et.get(r, "description"), Date: b.date(et, r, "date"), Place: et.get(r, "place"),
			Country: b.country(et, r), Note: et.get(r, "note"),
		}
		for _, x := range parts[e.ID] {
			e.Actors = append(e.Actors, record.Participant{Actor: pt.get(x, "actor_id"), Role: pt.get(x, "role")})
		}
		e.Figures = b.figures(ft, figs[e.ID])
		e.Citations = citations[e.ID]
		ds.Events = append(ds.Events, e)
	}

	// Measures.
	mt := b.table("measures")
	mids := idsOf(mt)
	idList := func(table, col string) map[string][]string {
		c := b.table(table)
		out := map[string][]string{}
		for id, rows := range b.links(table, "measure_id", mids) {
			for _, x := range rows {
				out[id] = append(out[id], c.get(x, col))
			}
		}
		return out
	}
	instruments := idList("measure_instruments", "instrument")
	imposers := idList("measure_imposers", "actor_id")
	coord := idList("measure_coordination", "actor_id")
	responses := idList("measure_responses", "event_id")
	targets := b.links("measure_targets", "measure_id", mids)
	tt := b.table("measure_targets")
	mfigs := b.links("measure_figures", "measure_id", mids)
	mft := b.table("measure_figures")
	ins := b.table("measure_instruments")
	for _, x := range ins.rows {
		if i, g := ins.get(x, "instrument"), ins.get(x, "gsdb_type"); g != record.Instruments[i] {
			t.Errorf("measure_instruments: %s gsdb_type %q, want %q", i, g, record.Instruments[i])
		}
	}
	for _, r := range mt.rows {
		id := mt.get(r, "id")
		m := record.Measure{
			Kind: record.KindMeasure, ID: id, MeasureType: mt.get(r, "measure_type"), Title: mt.get(r, "title"),
			Description: mt.get(r, "description"), Status: mt.get(r, "status"), Announced: b.date(mt, r, "announced"),
			Effective: b.date(mt, r, "effective"), Ended: b.date(mt, r, "ended"), AnnouncedAt: mt.get(r, "announced_at"),
			Instruments: instruments[id], ImposedBy: imposers[id], CoordinatedWith: coord[id], RespondsTo: responses[id],
			LegalBasis: mt.get(r, "legal_basis"), Figures: b.figures(mft, mfigs[id]), Note: mt.get(r, "note"),
		}
		for _, x := range targets[m.ID] {
			m.Targets = append(m.Targets, record.Target{Actor: tt.get(x, "actor_id"), Scope: tt.get(x, "scope")})
		}
		m.Citations = citations[m.ID]
		ds.Measures = append(ds.Measures, m)
	}

	// Statements.
	smt := b.table("statements")
	subjects := b.links("statement_subjects", "statement_id", idsOf(smt))
	audience := b.links("statement_audience", "statement_id", idsOf(smt))
	aut := b.table("statement_audience")
	sst := b.table("statement_subjects")
	for _, r := range smt.rows {
		s := record.Statement{
			Kind: record.KindStatement, ID: smt.get(r, "id"), Speaker: smt.get(r, "speaker"), Mode: smt.get(r, "mode"),
			Text: smt.get(r, "text"), Language: smt.get(r, "language"), Date: b.date(smt, r, "date"),
			Place: smt.get(r, "place"), Occasion: smt.get(r, "occasion"), Channel: smt.get(r, "channel"), Note: smt.get(r, "note"),
		}
		for _, x := range audience[s.ID] {
			s.Audience = append(s.Audience, aut.get(x, "actor_id"))
		}
		for _, x := range subjects[s.ID] {
			id := sst.get(x, "subject_id")
			if k, _ := record.KindOf(id); sst.get(x, "subject_kind") != string(k) {
				t.Errorf("statement_subjects: %s subject_kind %q, want %q", id, sst.get(x, "subject_kind"), k)
			}
			s.About = append(s.About, id)
		}
		s.Citations = citations[s.ID]
		ds.Statements = append(ds.Statements, s)
	}
	return ds
}

// TestCSVSyntheticAwkwardText checks a few cells of the synthetic dataset
// directly, so that a round trip that loses a value both ways cannot hide it.
func TestCSVSyntheticAwkwardText(t *testing.T) {
	ds := synthetic()
	tables := table.Tables(ds, loadSchema(t))
	files := csvOf(t, tables)
	for _, want := range []string{
		`"=HYPERLINK(""http://x"")"`, // quotes doubled, field quoted
		"+7", "-1", "@SUM(A1)", "007", cyrillic, "0.5", "12345678901", syntheticURL,
	} {
		found := false
		for _, data := range files {
			if bytes.Contains(data, []byte(want)) {
				found = true
			}
		}
		if !found {
			t.Errorf("no CSV file contains %q verbatim", want)
		}
	}
	// Dates of every form: the EDTF string and its derived bounds.
	ev := readCSV(t, "events", files["events"])
	want := map[string][3]string{
		"2022-02-24":                       {"2022-02-24", "2022-02-24", "day"},
		"2022-02":                          {"2022-02-01", "2022-02-28", "month"},
		"2022":                             {"2022-01-01", "2022-12-31", "year"},
		"2022-21":                          {"2022-03-01", "2022-05-31", "season"},
		"2022-24":                          {"2022-12-01", "2023-02-28", "season"},
		"2022-02-25~":                      {"2022-02-25", "2022-02-25", "day"},
		"2022-02-25?":                      {"2022-02-25", "2022-02-25", "day"},
		"../2022-02-26":                    {"", "2022-02-26", "interval"},
		"/2022-02-26":                      {"", "2022-02-26", "interval"},
		"2022-02-21/..":                    {"2022-02-21", "", "interval"},
		"2022-02-21/":                      {"2022-02-21", "", "interval"},
		"2022-02-XX":                       {"2022-02-01", "2022-02-28", "month"},
		"202X":                             {"2020-01-01", "2029-12-31", "decade"},
		"2022-02-21/2022-02-26":            {"2022-02-21", "2022-02-26", "interval"},
		"[..2022-02-26]":                   {"", "2022-02-26", "set"},
		"[2022-02-21..2022-02-26]":         {"2022-02-21", "2022-02-26", "set"},
		"[2022-02-24,2022-02-25]":          {"2022-02-24", "2022-02-25", "set"},
		"[2022-02-24..]":                   {"2022-02-24", "", "set"},
		"[2022-01,2022-02-20..2022-02-22]": {"2022-01-01", "2022-02-22", "set"},
	}
	seen := map[string]bool{}
	for _, r := range ev.rows {
		d := ev.get(r, "date")
		w, ok := want[d]
		if !ok {
			continue
		}
		seen[d] = true
		got := [3]string{ev.get(r, "date_earliest"), ev.get(r, "date_latest"), ev.get(r, "date_precision")}
		if got != w {
			t.Errorf("events %s date %q: earliest, latest, precision %q, want %q", ev.get(r, "id"), d, got, w)
		}
	}
	for d := range want {
		if !seen[d] {
			t.Errorf("no event with date %q", d)
		}
	}
	// Figures keep the number as written.
	fg := readCSV(t, "event_figures", files["event_figures"])
	var q []string
	for _, r := range fg.rows {
		q = append(q, fg.get(r, "quantity"))
	}
	if w := []string{"0.5", "12345678901", "0", "1.5e3"}; !slices.Equal(q, w) {
		t.Errorf("event_figures quantities %q, want %q", q, w)
	}
	// Ranges too, and a measure's figures have the same columns.
	mf := readCSV(t, "measure_figures", files["measure_figures"])
	if !slices.Equal(fg.header, slices.Replace(slices.Clone(mf.header), 0, 1, "event_id")) {
		t.Errorf("event_figures columns %q, measure_figures %q: want the same after the owner's id", fg.header, mf.header)
	}
	var lh []string
	for _, r := range fg.rows {
		lh = append(lh, fg.get(r, "low")+".."+fg.get(r, "high"))
	}
	for _, r := range mf.rows {
		lh = append(lh, mf.get(r, "low")+".."+mf.get(r, "high"))
	}
	if w := []string{"..", "12000000000..1.3e10", "..", "..", "0..1e3"}; !slices.Equal(lh, w) {
		t.Errorf("figure ranges %q, want %q", lh, w)
	}
}

// TestPlanRows checks that Plan reports each CSV and Parquet file's rows as
// the table's length, and names the files after the tables.
func TestPlanRows(t *testing.T) {
	ds, set := loadBundled(t)
	outs, rows, err := export.Plan(ds, set, export.Formats, export.Options{})
	if err != nil {
		t.Fatal(err)
	}
	tables := table.Tables(ds, set)
	var names []string
	for _, o := range outs {
		names = append(names, o.Name)
	}
	for _, tb := range tables {
		for _, n := range []string{"csv/" + tb.Name + ".csv", "parquet/" + tb.Name + ".parquet"} {
			if !slices.Contains(names, n) {
				t.Errorf("Plan has no %s", n)
			}
			if r, ok := rows[n]; !ok || r != tb.Len {
				t.Errorf("Plan rows[%s] = %d, %v; want %d", n, r, ok, tb.Len)
			}
		}
	}
	for _, n := range []string{export.XLSXFile, export.JSONLDFile, export.SQLiteFile} {
		if !slices.Contains(names, n) {
			t.Errorf("Plan has no %s", n)
		}
	}
	if want := 2*len(tables) + 3; len(outs) != want {
		t.Errorf("Plan lists %d files, want %d", len(outs), want)
	}
	if _, _, err := export.Plan(ds, set, []string{"csv", "pdf"}, export.Options{}); err == nil {
		t.Error("Plan accepted the unknown format pdf")
	}
}
