package jsonld_test

import (
	"bytes"
	"curate/export/internal/exporttest"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"curate/edtf"
	"curate/export"
	"curate/export/jsonld"
	"curate/record"
	"curate/schema"

	"github.com/piprate/json-gold/ld"
)

const (
	rdfType   = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
	schemaOrg = "https://schema.org/"
	xsdNS     = "http://www.w3.org/2001/XMLSchema#"
	nquadsFmt = "application/n-quads"
)

// offline is a document loader that refuses every document: the export's
// context is embedded, so a processor must never need to fetch one.
type offline struct {
	mu   sync.Mutex
	urls []string
}

func (o *offline) LoadDocument(u string) (*ld.RemoteDocument, error) {
	o.mu.Lock()
	o.urls = append(o.urls, u)
	o.mu.Unlock()
	return nil, ld.NewJsonLdError(ld.LoadingDocumentFailed, "test loader refuses remote document "+u)
}

// rdf is a JSON-LD export converted to RDF by json-gold.
type rdf struct {
	nquads string
	lines  map[string]bool // N-Quads lines, without the final newline
	quads  []*ld.Quad      // the default graph, parsed back from nquads
}

// toRDF expands a JSON-LD document and converts it to N-Quads with
// json-gold, offline and in safe mode (a property the context does not
// define is an error rather than silently dropped); the N-Quads are then
// parsed back.
func toRDF(t *testing.T, doc []byte) *rdf {
	t.Helper()
	var input map[string]any
	if err := json.Unmarshal(doc, &input); err != nil {
		t.Fatalf("the JSON-LD document is not JSON: %v", err)
	}
	loader := &offline{}
	opts := ld.NewJsonLdOptions("")
	opts.DocumentLoader = loader
	opts.ProcessingMode = ld.JsonLd_1_1
	opts.SafeMode = true
	proc := ld.NewJsonLdProcessor()
	expanded, err := proc.Expand(input, opts)
	if err != nil {
		t.Fatalf("expand: %v", err)
	}
	if len(expanded) == 0 {
		t.Fatal("expand: empty result")
	}
	opts.Format = nquadsFmt
	out, err := proc.ToRDF(expanded, opts)
	if err != nil {
		t.Fatalf("toRDF: %v", err)
	}
	if len(loader.urls) > 0 {
		t.Errorf("the processor tried to load %q: the context must be embedded", loader.urls)
	}
	nq, ok := out.(string)
	if !ok || nq == "" {
		t.Fatalf("toRDF: got %T, want N-Quads text", out)
	}
	parsed, err := ld.ParseNQuads(nq)
	if err != nil {
		t.Fatalf("parsing the N-Quads back: %v", err)
	}
	r := &rdf{nquads: nq, lines: map[string]bool{}, quads: parsed.GetQuads("@default")}
	for _, l := range strings.Split(strings.TrimSuffix(nq, "\n"), "\n") {
		r.lines[l] = true
	}
	if len(r.quads) != len(r.lines) {
		t.Errorf("%d N-Quads lines, %d quads parsed back", len(r.lines), len(r.quads))
	}
	return r
}

// N-Quads terms.
func iri(s string) string              { return "<" + s + ">" }
func typed(v, datatype string) string  { return fmt.Sprintf("%q^^<%s>", v, datatype) }
func triple(s, p, o string) string     { return fmt.Sprintf("%s %s %s .", iri(s), iri(p), o) }
func (r *rdf) has(s, p, o string) bool { return r.lines[triple(s, p, o)] }

// objects returns the objects of a subject's predicate.
func (r *rdf) objects(s, p string) []ld.Node {
	var out []ld.Node
	for _, q := range r.quads {
		if sub, ok := q.Subject.(ld.IRI); ok && sub.Value == s {
			if pred, ok := q.Predicate.(ld.IRI); ok && pred.Value == p {
				out = append(out, q.Object)
			}
		}
	}
	return out
}

// blankObjects follows a predicate from a subject to blank nodes and
// returns the quads of each, by blank node.
func (r *rdf) blankObjects(s, p string) [][]*ld.Quad {
	var out [][]*ld.Quad
	for _, o := range r.objects(s, p) {
		b, ok := o.(ld.BlankNode)
		if !ok {
			continue
		}
		var qs []*ld.Quad
		for _, q := range r.quads {
			if sb, ok := q.Subject.(ld.BlankNode); ok && sb.Attribute == b.Attribute {
				qs = append(qs, q)
			}
		}
		out = append(out, qs)
	}
	return out
}

func literalValues(nodes []ld.Node) []string {
	var out []string
	for _, n := range nodes {
		if l, ok := n.(ld.Literal); ok {
			out = append(out, l.Value)
		}
	}
	slices.Sort(out)
	return out
}

func writeJSONLD(t *testing.T, ds *record.Dataset, base string) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := jsonld.Write(&buf, ds, base); err != nil {
		t.Fatalf("WriteJSONLD: %v", err)
	}
	return buf.Bytes()
}

func cur(term string) string { return jsonld.Vocab + term }

// kindTypes is the class every record of a kind has.
var kindTypes = map[record.Kind]string{
	record.KindActor: "Actor", record.KindSource: "Source", record.KindEvent: "Event",
	record.KindMeasure: "Measure", record.KindStatement: "Statement",
}

// recordIDs lists every record id of the dataset with its kind.
func recordIDs(ds *record.Dataset) map[string]record.Kind {
	ids := map[string]record.Kind{}
	for _, a := range ds.Actors {
		ids[a.ID] = record.KindActor
	}
	for _, s := range ds.Sources {
		ids[s.ID] = record.KindSource
	}
	for _, e := range ds.Events {
		ids[e.ID] = record.KindEvent
	}
	for _, m := range ds.Measures {
		ids[m.ID] = record.KindMeasure
	}
	for _, s := range ds.Statements {
		ids[s.ID] = record.KindStatement
	}
	return ids
}

// TestJSONLDSampleTriples converts the bundled dataset's JSON-LD to RDF and
// checks the triples of sample records.
func TestJSONLDSampleTriples(t *testing.T) {
	ds, _ := exporttest.Bundled(t)
	g := toRDF(t, writeJSONLD(t, ds, ""))
	base := jsonld.DefaultBaseIRI
	if ds.Meta.BaseIRI != "" {
		base = ds.Meta.BaseIRI
	}
	want := func(s, p, o string) {
		t.Helper()
		if !g.has(s, p, o) {
			t.Errorf("missing triple %s", triple(s, p, o))
		}
	}

	// The event of Biden's speech: an Event with its day, its EDTF date,
	// its actors as links and its source.
	const speech = "event-2022-02-24-biden-white-house-speech"
	i := slices.IndexFunc(ds.Events, func(e record.Event) bool { return e.ID == speech })
	if i < 0 {
		t.Fatalf("the bundled dataset has no %s", speech)
	}
	ev := ds.Events[i]
	s := base + speech
	want(s, rdfType, iri(schemaOrg+"Event"))
	want(s, rdfType, iri(cur("Event")))
	want(s, schemaOrg+"startDate", typed("2022-02-24", xsdNS+"date"))
	want(s, cur("date"), typed("2022-02-24", jsonld.EDTFDatatype))
	want(s, cur("dateEarliest"), typed("2022-02-24", xsdNS+"date"))
	want(s, cur("dateLatest"), typed("2022-02-24", xsdNS+"date"))
	want(s, cur("datePrecision"), `"day"`)
	want(s, cur("dateBasis"), fmt.Sprintf("%q", ev.Date.Basis))
	want(s, schemaOrg+"name", fmt.Sprintf("%q", ev.Title))
	want(s, cur("involves"), iri(base+"actor-joe-biden"))
	for _, p := range ev.Actors {
		want(s, cur("involves"), iri(base+p.Actor))
	}
	for _, c := range ev.Citations {
		want(s, schemaOrg+"citation", iri(base+c.Source))
	}
	if n := len(g.blankObjects(s, cur("participation"))); n != len(ev.Actors) {
		t.Errorf("%s: %d participation nodes, want %d", speech, n, len(ev.Actors))
	}
	cits := g.blankObjects(s, cur("citationDetail"))
	if len(cits) != len(ev.Citations) {
		t.Errorf("%s: %d citation nodes, want %d", speech, len(cits), len(ev.Citations))
	}
	for _, c := range ev.Citations {
		found := false
		for _, qs := range cits {
			var src, evidence bool
			for _, q := range qs {
				p := q.Predicate.(ld.IRI).Value
				if o, ok := q.Object.(ld.IRI); ok && p == cur("source") && o.Value == base+c.Source {
					src = true
				}
				if o, ok := q.Object.(ld.Literal); ok && p == cur("evidence") && o.Value == c.Evidence {
					evidence = true
				}
			}
			found = found || src && evidence
		}
		if !found {
			t.Errorf("%s: no citation node with source %s and evidence %q", speech, c.Source, c.Evidence)
		}
	}

	// A verbatim statement is a Quotation with its text.
	i = slices.IndexFunc(ds.Statements, func(s record.Statement) bool { return s.Mode == "verbatim" })
	if i < 0 {
		t.Fatal("the bundled dataset has no verbatim statement")
	}
	st := ds.Statements[i]
	s = base + st.ID
	want(s, rdfType, iri(schemaOrg+"Quotation"))
	want(s, rdfType, iri(cur("Statement")))
	if got := literalValues(g.objects(s, schemaOrg+"text")); !slices.Equal(got, []string{st.Text}) {
		t.Errorf("%s: schema:text %q, want %q", st.ID, got, st.Text)
	}
	want(s, cur("speaker"), iri(base+st.Speaker))
	want(s, cur("mode"), `"verbatim"`)
	// A paraphrase is not a Quotation.
	for _, p := range ds.Statements {
		if p.Mode != "verbatim" && g.has(base+p.ID, rdfType, iri(schemaOrg+"Quotation")) {
			t.Errorf("%s (%s) is typed schema:Quotation", p.ID, p.Mode)
		}
	}

	// A measure links the actors that imposed it.
	if len(ds.Measures) == 0 {
		t.Fatal("the bundled dataset has no measure")
	}
	for _, m := range ds.Measures {
		s = base + m.ID
		want(s, rdfType, iri(cur("Measure")))
		for _, a := range m.ImposedBy {
			want(s, cur("imposedBy"), iri(base+a))
		}
		for _, e := range m.RespondsTo {
			want(s, cur("respondsTo"), iri(base+e))
		}
	}

	// A person is a schema:Person.
	i = slices.IndexFunc(ds.Actors, func(a record.Actor) bool { return a.ActorType == "person" })
	if i < 0 {
		t.Fatal("the bundled dataset has no person")
	}
	want(base+ds.Actors[i].ID, rdfType, iri(schemaOrg+"Person"))
	want(base+ds.Actors[i].ID, schemaOrg+"name", fmt.Sprintf("%q", ds.Actors[i].Label))

	// The dataset node.
	want(base+"dataset", rdfType, iri(schemaOrg+"Dataset"))
	want(base+"dataset", schemaOrg+"version", fmt.Sprintf("%q", ds.Meta.Version))
	want(base+"dataset", schemaOrg+"schemaVersion", fmt.Sprintf("%q", schema.Version))
}

// lexical holds the lexical forms of the typed literals the export writes.
var lexical = map[string]*regexp.Regexp{
	xsdNS + "decimal": regexp.MustCompile(`^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)$`),
	xsdNS + "date":    regexp.MustCompile(`^-?([1-9][0-9]{3,}|0[0-9]{3})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$`),
}

// TestJSONLDEveryRecord checks, for the bundled and the synthetic dataset,
// that every record is a subject typed with its kind's class, that
// references are links (no literal holds an id), and that no triple was
// lost to an invalid IRI.
func TestJSONLDEveryRecord(t *testing.T) {
	for _, tc := range exporttest.Datasets(t) {
		t.Run(tc.Name, func(t *testing.T) {
			doc := writeJSONLD(t, tc.DS, "")
			g := toRDF(t, doc)
			base := jsonld.DefaultBaseIRI
			if tc.DS.Meta.BaseIRI != "" {
				base = tc.DS.Meta.BaseIRI
			}
			ids := recordIDs(tc.DS)
			for id, k := range ids {
				if !g.has(base+id, rdfType, iri(cur(kindTypes[k]))) {
					t.Errorf("%s is not a subject of type cur:%s", id, kindTypes[k])
				}
			}
			subjects := map[string]bool{}
			for _, q := range g.quads {
				if s, ok := q.Subject.(ld.IRI); ok {
					subjects[s.Value] = true
				}
				if l, ok := q.Object.(ld.Literal); ok {
					if re, typed := lexical[l.Datatype]; typed && !re.MatchString(l.Value) {
						t.Errorf("ill-typed literal %q^^<%s> (predicate %v)", l.Value, l.Datatype, q.Predicate)
					}
					if _, isID := ids[l.Value]; isID || strings.HasPrefix(l.Value, base) {
						t.Errorf("literal %q (predicate %v): a reference must be a link", l.Value, q.Predicate)
					}
				}
				if o, ok := q.Object.(ld.IRI); ok && strings.HasPrefix(o.Value, base) {
					if id := strings.TrimPrefix(o.Value, base); ids[id] == "" && id != "dataset" {
						t.Errorf("link to %s, which is not a record", o.Value)
					}
				}
			}
			// Every subject IRI is a record (or the dataset).
			for s := range subjects {
				id, ok := strings.CutPrefix(s, base)
				if !ok || (ids[id] == "" && id != "dataset") {
					t.Errorf("subject %s is not a record of the dataset", s)
				}
			}
			if want := len(ids) + 1; len(subjects) != want {
				t.Errorf("%d IRI subjects, want %d (the records and the dataset)", len(subjects), want)
			}
			// No node of the document was dropped: each @graph node gives
			// a subject.
			var parsed struct {
				Graph []map[string]any `json:"@graph"`
			}
			if err := json.Unmarshal(doc, &parsed); err != nil {
				t.Fatal(err)
			}
			if len(parsed.Graph) != len(ids)+1 {
				t.Errorf("@graph has %d nodes, want %d", len(parsed.Graph), len(ids)+1)
			}
		})
	}
}

// TestJSONLDBaseIRI checks that a custom base IRI names every record, and
// that Plan picks the base from its options, else the dataset's metadata,
// else DefaultBaseIRI.
func TestJSONLDBaseIRI(t *testing.T) {
	ds, set := exporttest.Bundled(t)
	const custom = "https://example.org/curate/"
	g := toRDF(t, writeJSONLD(t, ds, custom))
	for id, k := range recordIDs(ds) {
		if !g.has(custom+id, rdfType, iri(cur(kindTypes[k]))) {
			t.Errorf("%s: no typed subject %s", id, custom+id)
		}
	}
	for _, q := range g.quads {
		if s, ok := q.Subject.(ld.IRI); ok && !strings.HasPrefix(s.Value, custom) {
			t.Errorf("subject %s does not use the base %s", s.Value, custom)
		}
		for _, n := range []ld.Node{q.Subject, q.Object} {
			if o, ok := n.(ld.IRI); ok && strings.HasPrefix(o.Value, jsonld.DefaultBaseIRI) {
				t.Errorf("IRI %s uses the default base", o.Value)
			}
		}
	}

	plan := func(ds *record.Dataset, opts export.Options) string {
		outs, _, err := export.Plan(ds, set, []string{"jsonld"}, opts)
		if err != nil || len(outs) != 1 || outs[0].Name != export.JSONLDFile {
			t.Fatalf("Plan jsonld: %v %v", outs, err)
		}
		var buf bytes.Buffer
		if err := outs[0].Write(&buf); err != nil {
			t.Fatal(err)
		}
		return buf.String()
	}
	withMeta := *ds
	withMeta.Meta.BaseIRI = "https://meta.example/id/"
	for _, c := range []struct {
		name string
		ds   *record.Dataset
		opts export.Options
		want string
	}{
		{"default", ds, export.Options{}, jsonld.DefaultBaseIRI},
		{"metadata", &withMeta, export.Options{}, "https://meta.example/id/"},
		{"option over metadata", &withMeta, export.Options{BaseIRI: custom}, custom},
	} {
		if ds.Meta.BaseIRI != "" && c.name == "default" {
			continue
		}
		doc := plan(c.ds, c.opts)
		id := `"@id":"` + c.want + ds.Events[0].ID + `"`
		if !strings.Contains(doc, id) {
			t.Errorf("%s: document has no %s", c.name, id)
		}
	}
}

// TestJSONLDSynthetic checks awkward values of the synthetic dataset in
// RDF: text survives exactly, figures are decimals, every date form is an
// EDTF literal, and day dates alone have a schema:startDate.
func TestJSONLDSynthetic(t *testing.T) {
	ds := exporttest.Synthetic()
	g := toRDF(t, writeJSONLD(t, ds, ""))
	base := jsonld.DefaultBaseIRI
	lit := func(s, p string) []string { return literalValues(g.objects(base+s, p)) }
	check := func(what string, got, want []string) {
		t.Helper()
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("%s: %q, want %q", what, got, want)
		}
	}
	check("event-a-full name", lit("event-a-full", schemaOrg+"name"), []string{exporttest.HyperlinkFormula})
	check("event-a-full description", lit("event-a-full", schemaOrg+"description"), []string{exporttest.LongText})
	check("event-a-full location", lit("event-a-full", schemaOrg+"location"), []string{exporttest.Cyrillic})
	check("statement-a text", lit("statement-a-verbatim", schemaOrg+"text"), []string{exporttest.LongText})
	check("statement-b text", lit("statement-b-paraphrase", schemaOrg+"text"), []string{"=1+1"})
	check("actor-a name", lit("actor-a-person", cur("properName")), []string{"Іван Петрович Петренко " + exporttest.Emoji})
	check("actor-b label", lit("actor-b-body", schemaOrg+"name"), []string{exporttest.MinusOne})
	check("actor-d label", lit("actor-d-media", schemaOrg+"name"), []string{exporttest.LeadingZero})
	check("source-a headline", lit("source-a-news", schemaOrg+"headline"), []string{exporttest.HyperlinkFormula})
	if !g.has(base+"source-a-news", schemaOrg+"url", iri(exporttest.SyntheticURL)) {
		t.Errorf("source-a-news: no schema:url link to %s", exporttest.SyntheticURL)
	}
	if !g.has(base+"source-a-news", schemaOrg+"datePublished", typed("2022-02-26", xsdNS+"date")) {
		t.Error("source-a-news: no schema:datePublished")
	}
	for _, a := range []string{"actor-d-media", "actor-e-group", "actor-a-person"} {
		if !g.has(base+"source-a-news", cur("credits"), iri(base+a)) {
			t.Errorf("source-a-news: no cur:credits link to %s", a)
		}
	}

	// The same actor twice: two participations, one involves link.
	if n := len(g.blankObjects(base+"event-a-full", cur("participation"))); n != 3 {
		t.Errorf("event-a-full: %d participation nodes, want 3", n)
	}
	if n := len(g.objects(base+"event-a-full", cur("involves"))); n != 2 {
		t.Errorf("event-a-full: %d cur:involves links, want 2 (distinct actors)", n)
	}
	// Citations: three nodes, two distinct sources cited.
	if n := len(g.blankObjects(base+"event-a-full", cur("citationDetail"))); n != 3 {
		t.Errorf("event-a-full: %d citation nodes, want 3", n)
	}
	if n := len(g.objects(base+"event-a-full", schemaOrg+"citation")); n != 2 {
		t.Errorf("event-a-full: %d schema:citation links, want 2", n)
	}
	// Figures: decimal quantities as written.
	var quantities []string
	for _, fig := range g.blankObjects(base+"event-a-full", cur("figure")) {
		for _, q := range fig {
			if q.Predicate.(ld.IRI).Value != schemaOrg+"value" {
				continue
			}
			l, ok := q.Object.(ld.Literal)
			if !ok || l.Datatype != xsdNS+"decimal" {
				t.Errorf("figure value %v is not an xsd:decimal literal", q.Object)
				continue
			}
			quantities = append(quantities, l.Value)
		}
		for _, q := range fig {
			if q.Predicate.(ld.IRI).Value == cur("attributedTo") {
				if o, ok := q.Object.(ld.IRI); !ok || o.Value != base+"actor-d-media" {
					t.Errorf("figure attributed_to %v, want a link to actor-d-media", q.Object)
				}
			}
		}
	}
	check("event-a-full figure values", sortedCopy(quantities), []string{"0.5", "12345678901", "0", "1500"})

	// Every date form.
	for i, d := range exporttest.SyntheticDates {
		id := base + fmt.Sprintf("event-date-%02d", i+1)
		if !g.has(id, cur("date"), typed(d, jsonld.EDTFDatatype)) {
			t.Errorf("%s: no cur:date %s", id, typed(d, jsonld.EDTFDatatype))
		}
		p, err := edtf.Parse(d)
		if err != nil {
			t.Fatal(err)
		}
		starts := g.objects(id, schemaOrg+"startDate")
		exactDay := p.Precision == edtf.Day && !p.Uncertain && !p.Approximate
		if exactDay && !g.has(id, schemaOrg+"startDate", typed(d, xsdNS+"date")) {
			t.Errorf("%s (%s): no schema:startDate", id, d)
		}
		if !exactDay && len(starts) > 0 {
			t.Errorf("%s (%s): schema:startDate %v for a date not known to the day", id, d, starts)
		}
		earliest := g.objects(id, cur("dateEarliest"))
		if known := !p.OpenStart && !p.UnknownStart; known != (len(earliest) == 1) {
			t.Errorf("%s (%s): cur:dateEarliest %v", id, d, earliest)
		}
		latest := g.objects(id, cur("dateLatest"))
		if known := !p.OpenEnd && !p.UnknownEnd; known != (len(latest) == 1) {
			t.Errorf("%s (%s): cur:dateLatest %v", id, d, latest)
		}
	}
	// Statement subjects of every kind are links.
	for _, a := range []string{"event-a-full", "measure-a-full", "actor-c-state"} {
		if !g.has(base+"statement-a-verbatim", schemaOrg+"about", iri(base+a)) {
			t.Errorf("statement-a-verbatim: no schema:about link to %s", a)
		}
	}
	if !g.has(base+"statement-a-verbatim", cur("occasion"), iri(base+"event-a-full")) {
		t.Error("statement-a-verbatim: no cur:occasion link")
	}
	if !g.has(base+"actor-b-body", cur("partOf"), iri(base+"actor-c-state")) {
		t.Error("actor-b-body: no cur:partOf link")
	}
	for _, tg := range []string{"actor-a-person", "actor-e-group"} {
		found := false
		for _, node := range g.blankObjects(base+"measure-a-full", cur("target")) {
			for _, q := range node {
				if o, ok := q.Object.(ld.IRI); ok && q.Predicate.(ld.IRI).Value == cur("actor") && o.Value == base+tg {
					found = true
				}
			}
		}
		if !found {
			t.Errorf("measure-a-full: no target node linking %s", tg)
		}
	}
}

func sortedCopy(s []string) []string {
	c := slices.Clone(s)
	slices.Sort(c)
	return c
}

// TestJSONLDModelV2 checks in RDF the properties of data model v2 on the
// synthetic dataset: dates' bases and the measures' dates, countries and
// their names, aliases with their citations, identifiers, figure ranges,
// the measures' instruments, legal basis and announcing event, statements'
// audience and the schema version on the dataset node.
func TestJSONLDModelV2(t *testing.T) {
	ds := exporttest.Synthetic()
	g := toRDF(t, writeJSONLD(t, ds, ""))
	base := jsonld.DefaultBaseIRI
	lit := func(s, p string) []string { return literalValues(g.objects(base+s, p)) }
	check := func(what string, got, want []string) {
		t.Helper()
		want = sortedCopy(want)
		if !slices.Equal(got, want) {
			t.Errorf("%s: %q, want %q", what, got, want)
		}
	}
	want := func(s, p, o string) {
		t.Helper()
		if !g.has(s, p, o) {
			t.Errorf("missing triple %s", triple(s, p, o))
		}
	}

	want(base+"dataset", schemaOrg+"schemaVersion", fmt.Sprintf("%q", schema.Version))

	// Every date has its basis, as the tables' _basis column.
	for _, e := range ds.Events {
		if e.Date != nil {
			check(e.ID+" cur:dateBasis", lit(e.ID, cur("dateBasis")), []string{e.Date.Basis})
		}
	}
	check("source-b cur:publishedBasis", lit("source-b-report", cur("publishedBasis")), []string{"stated"})

	// Countries, with the name derived from the code.
	check("actor-a country", lit("actor-a-person", cur("country")), []string{"UA"})
	check("actor-a country name", lit("actor-a-person", cur("countryName")), []string{"Ukraine"})
	check("actor-c country name", lit("actor-c-state", cur("countryName")), []string{"United Kingdom"})
	check("event-a country", lit("event-a-full", cur("country")), []string{"UA"})
	want(base+"actor-g-company", rdfType, iri(schemaOrg+"Corporation"))

	// Aliases: every name on the actor, and a node per alias keeping its
	// citation.
	a := ds.Actors[slices.IndexFunc(ds.Actors, func(a record.Actor) bool { return a.ID == "actor-a-person" })]
	check("actor-a alternateName", lit(a.ID, schemaOrg+"alternateName"), []string{exporttest.HyperlinkFormula, "Ваня"})
	nodes := g.blankObjects(base+a.ID, cur("alias"))
	if len(nodes) != len(a.Aliases) {
		t.Errorf("%s: %d alias nodes, want %d", a.ID, len(nodes), len(a.Aliases))
	}
	var evidence []string
	for _, n := range nodes {
		for _, q := range n {
			if b, ok := q.Object.(ld.BlankNode); ok && q.Predicate.(ld.IRI).Value == cur("citationDetail") {
				for _, c := range g.quads {
					if sb, ok := c.Subject.(ld.BlankNode); ok && sb.Attribute == b.Attribute && c.Predicate.(ld.IRI).Value == cur("evidence") {
						evidence = append(evidence, c.Object.(ld.Literal).Value)
					}
				}
			}
		}
	}
	var wantEvidence []string
	for _, al := range a.Aliases {
		wantEvidence = append(wantEvidence, al.Citation.Evidence)
	}
	check("actor-a alias evidence", sortedCopy(evidence), wantEvidence)

	// Identifiers: a PropertyValue each, and schema:sameAs the Wikidata
	// entity.
	for _, id := range []string{"Q145", "Q174193"} {
		want(base+"actor-c-state", schemaOrg+"sameAs", iri("http://www.wikidata.org/entity/"+id))
	}
	var ids []string
	for _, n := range g.blankObjects(base+"actor-c-state", schemaOrg+"identifier") {
		var scheme, value string
		for _, q := range n {
			switch q.Predicate.(ld.IRI).Value {
			case schemaOrg + "propertyID":
				scheme = q.Object.(ld.Literal).Value
			case schemaOrg + "value":
				value = q.Object.(ld.Literal).Value
			}
		}
		ids = append(ids, scheme+":"+value)
	}
	check("actor-c identifiers", sortedCopy(ids), []string{"wikidata:Q145", "wikidata:Q174193"})

	// Measures: life, instruments and their GSDB types, legal basis, the
	// announcing event, figures with ranges.
	m := base + "measure-a-full"
	want(m, cur("status"), `"lifted"`)
	want(m, cur("effective"), typed("[2022-02-21..2022-02-26]", jsonld.EDTFDatatype))
	want(m, cur("effectivePrecision"), `"set"`)
	want(m, cur("effectiveEarliest"), typed("2022-02-21", xsdNS+"date"))
	want(m, cur("ended"), typed("[..2022-03-01]", jsonld.EDTFDatatype))
	want(m, cur("endedLatest"), typed("2022-03-01", xsdNS+"date"))
	want(m, cur("endedBasis"), `"bounded"`)
	if n := g.objects(m, cur("endedEarliest")); len(n) != 0 {
		t.Errorf("measure-a-full: cur:endedEarliest %v for a set open at its start", n)
	}
	want(m, cur("announcedAt"), iri(base+"event-a-full"))
	check("measure-a instruments", lit("measure-a-full", cur("instrument")), []string{"asset-freeze", "unspecified", "travel-ban"})
	check("measure-a GSDB types", lit("measure-a-full", cur("gsdbType")), []string{"financial", "travel"})
	check("measure-a legal basis", lit("measure-a-full", cur("legalBasis")), []string{exporttest.HyperlinkFormula + ", Article 2"})
	ranges := func(s string) []string {
		var out []string
		for _, fig := range g.blankObjects(base+s, cur("figure")) {
			lo, hi := "", ""
			for _, q := range fig {
				l, ok := q.Object.(ld.Literal)
				switch p := q.Predicate.(ld.IRI).Value; {
				case p != schemaOrg+"minValue" && p != schemaOrg+"maxValue":
					continue
				case !ok || l.Datatype != xsdNS+"decimal":
					t.Errorf("%s: figure %s %v is not an xsd:decimal literal", s, p, q.Object)
				case p == schemaOrg+"minValue":
					lo = l.Value
				default:
					hi = l.Value
				}
			}
			out = append(out, lo+".."+hi)
		}
		return sortedCopy(out)
	}
	check("measure-a figure ranges", ranges("measure-a-full"), []string{"0..1000"})
	check("event-a figure ranges", ranges("event-a-full"), []string{"..", "..", "..", "12000000000..13000000000"})

	// Statements: the audience as links.
	for _, x := range []string{"actor-e-group", "actor-c-state"} {
		want(base+"statement-a-verbatim", schemaOrg+"audience", iri(base+x))
	}
}
