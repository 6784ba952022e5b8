// Package jsonld writes a dataset as one JSON-LD 1.1 document, with an
// embedded context that maps each property to a schema.org term where one
// fits, otherwise to the project vocabulary. JSON-LD is not a view of the
// tables (curate/export/table): it is built from the record model, through
// the same helpers, so that a date's derived fields and a country's name
// are those of the tables.
package jsonld

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"curate/export/table"
	"curate/record"
	"curate/schema"
)

// DefaultBaseIRI is the base of record IRIs when neither the dataset's
// metadata (base_iri) nor the caller gives one. Its host is reserved
// (.invalid): it names records, it does not pretend to resolve.
const DefaultBaseIRI = "https://curate.invalid/id/"

// Vocab is the IRI of the project vocabulary: the terms schema.org has no
// fitting property for. Like DefaultBaseIRI, it names, it does not resolve.
const Vocab = "https://curate.invalid/vocab#"

// EDTFDatatype is the Library of Congress datatype IRI for EDTF literals.
const EDTFDatatype = "http://id.loc.gov/datatypes/edtf/EDTF"

// Context is the JSON-LD context embedded in every document: each property
// of the dataset mapped to a schema.org term where one fits, otherwise to
// the project vocabulary; references are IRIs (@type @id).
func Context() map[string]any {
	id := func(iri string) map[string]any { return map[string]any{"@id": iri, "@type": "@id"} }
	typed := func(iri, t string) map[string]any { return map[string]any{"@id": iri, "@type": t} }
	ctx := map[string]any{
		"@version": 1.1,
		"schema":   "https://schema.org/",
		"cur":      Vocab,
		"xsd":      "http://www.w3.org/2001/XMLSchema#",

		// Names and text.
		"title":       "schema:name",
		"label":       "schema:name",
		"name":        "cur:properName",
		"description": "schema:description",
		"note":        "cur:note",
		"text":        "schema:text",
		"language":    "schema:inLanguage",
		"headline":    "schema:headline",
		"publisher":   "schema:publisher",
		"url":         id("schema:url"),
		"place":       "schema:location",
		"version":     "schema:version",
		// The version of the schema the records were validated against.
		"schema_version": "schema:schemaVersion",
		"license":        id("schema:license"),
		"citation":       "schema:citation",
		"legal_basis":    "cur:legalBasis",
		// Another name of an actor: on the actor (every alias) and on the
		// alias node that keeps its citation.
		"alternateName": "schema:alternateName",
		"alias":         "schema:alternateName",
		// An ISO 3166-1 alpha-2 code, and its English short name.
		"country":      "cur:country",
		"country_name": "cur:countryName",

		// Kinds of things.
		"actor_type":   "cur:actorType",
		"event_type":   "cur:eventType",
		"measure_type": "cur:measureType",
		"source_type":  "cur:sourceType",
		"status":       "cur:status",
		"mode":         "cur:mode",
		"instruments":  "cur:instrument",
		"gsdb_type":    "cur:gsdbType",

		// References.
		"part_of":          id("cur:partOf"),
		"of":               id("cur:roleOf"),
		"actor":            id("cur:actor"),
		"involves":         id("cur:involves"),
		"imposed_by":       id("cur:imposedBy"),
		"coordinated_with": id("cur:coordinatedWith"),
		"responds_to":      id("cur:respondsTo"),
		"speaker":          id("cur:speaker"),
		"occasion":         id("cur:occasion"),
		"announced_at":     id("cur:announcedAt"),
		"audience":         id("schema:audience"),
		"sameAs":           id("schema:sameAs"),
		"about":            id("schema:about"),
		"attributed_to":    id("cur:attributedTo"),
		"credits":          id("cur:credits"),
		"cites":            id("schema:citation"),
		"source":           id("cur:source"),

		// Structured parts.
		"roles":         "cur:role",
		"actors":        "cur:participation",
		"role":          "cur:participantRole",
		"figures":       "cur:figure",
		"metric":        "cur:metric",
		"quantity":      typed("schema:value", "xsd:decimal"),
		"low":           typed("schema:minValue", "xsd:decimal"),
		"high":          typed("schema:maxValue", "xsd:decimal"),
		"unit":          "schema:unitText",
		"qualifier":     "cur:qualifier",
		"period":        "cur:period",
		"targets":       "cur:target",
		"scope":         "cur:scope",
		"citations":     "cur:citationDetail",
		"aliases":       "cur:alias",
		"identifiers":   "schema:identifier",
		"scheme":        "schema:propertyID",
		"identifier":    "schema:value",
		"evidence":      "cur:evidence",
		"locator":       "cur:locator",
		"channel":       "cur:channel",
		"file":          "cur:file",
		"sha256":        "cur:sha256",
		"startDate":     typed("schema:startDate", "xsd:date"),
		"datePublished": typed("schema:datePublished", "xsd:date"),
	}
	// A date's properties are its date columns: the EDTF string, its
	// derived days (xsd:date), precision, basis and note.
	for _, name := range dateProps {
		for _, c := range table.DateColumns(name) {
			term := "cur:" + camel(c.Name)
			switch {
			case c.Name == name:
				ctx[c.Name] = typed(term, EDTFDatatype)
			case c.Type == table.Date:
				ctx[c.Name] = typed(term, "xsd:date")
			default:
				ctx[c.Name] = term
			}
		}
	}
	return ctx
}

// dateProps are the date properties of the record kinds.
var dateProps = []string{"published", "date", "announced", "effective", "ended"}

// camel turns a column name into a vocabulary term: "date_earliest" is
// "dateEarliest".
func camel(name string) string {
	parts := strings.Split(name, "_")
	for i := 1; i < len(parts); i++ {
		if p := parts[i]; p != "" {
			parts[i] = strings.ToUpper(p[:1]) + p[1:]
		}
	}
	return strings.Join(parts, "")
}

// ld builds JSON-LD nodes for records.
type ld struct {
	base  string
	dates map[string][]table.DateColumn // the date columns of each of dateProps
}

func newLD(base string) ld {
	l := ld{base: base, dates: map[string][]table.DateColumn{}}
	for _, name := range dateProps {
		l.dates[name] = table.DateColumns(name)
	}
	return l
}

func (l ld) iri(id string) string {
	if id == "" {
		return ""
	}
	return l.base + id
}

func (l ld) iris(ids []string) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = l.iri(id)
	}
	return out
}

// date adds the date property name: a property for each of its date
// columns, named and valued as in the tables, and before the note dayKey
// (schema:startDate, schema:datePublished), if given, when the date is one
// day known exactly.
func (l ld) date(o obj, name string, d *record.Date, dayKey string) obj {
	if d == nil || d.EDTF == "" {
		return o
	}
	cols := l.dates[name]
	for i, c := range cols {
		if i == len(cols)-1 && dayKey != "" {
			o = o.add(dayKey, table.Text(table.Day(d.EDTF)))
		}
		v := c.Cell(d) // nil or a string, but for days
		if c.Type == table.Date {
			v = table.Text(v)
		}
		o = o.add(c.Name, v)
	}
	return o
}

// citation is the node of one citation.
func (l ld) citation(c record.Citation) obj {
	return obj{}.add("@type", "cur:Citation").add("source", l.iri(c.Source)).add("evidence", c.Evidence).add("locator", c.Locator)
}

// citations adds a record's citations: a link to each source cited
// (schema:citation), then a node for each citation with its excerpt.
func (l ld) citations(o obj, cs []record.Citation) obj {
	var nodes []any
	var cites []string
	seen := map[string]bool{}
	for _, c := range cs {
		nodes = append(nodes, l.citation(c))
		if !seen[c.Source] {
			seen[c.Source] = true
			cites = append(cites, l.iri(c.Source))
		}
	}
	return o.add("cites", cites).add("citations", nodes)
}

// country adds a country code and, derived from it, the country's name,
// as the tables' country and country_name columns.
func country(o obj, code string) obj {
	return o.add("country", code).add("country_name", table.CountryName(code))
}

// figures adds the figures of an event or a measure.
func (l ld) figures(o obj, r record.Figured) obj {
	var figs []any
	for _, f := range r.FigureList() {
		figs = append(figs, obj{}.add("@type", "cur:Figure").add("metric", f.Metric).add("quantity", decimal(f.Quantity)).
			add("low", decimal(f.Low)).add("high", decimal(f.High)).add("unit", f.Unit).
			add("qualifier", f.Qualifier).add("period", f.Period).add("place", f.Place).add("attributed_to", l.iri(f.AttributedTo)))
	}
	return o.add("figures", figs)
}

var actorTypes = map[string]string{
	"person":       "schema:Person",
	"state":        "schema:Country",
	"organisation": "schema:Organization",
	"body":         "schema:GovernmentOrganization",
	"group":        "cur:Group",
	"media":        "schema:NewsMediaOrganization",
	"company":      "schema:Corporation",
}

// identifierIRIs gives the IRI an identifier scheme names an entity by,
// for schema:sameAs.
var identifierIRIs = map[string]string{
	"wikidata": "http://www.wikidata.org/entity/",
}

func (l ld) actor(a *record.Actor) obj {
	o := obj{{"@id", l.iri(a.ID)}, {"@type", []string{"cur:Actor", actorTypes[a.ActorType]}}}
	o = o.add("actor_type", a.ActorType).add("label", a.Label).add("name", a.Name)
	var names []string
	var aliases []any
	for _, al := range a.Aliases {
		if !slices.Contains(names, al.Alias) {
			names = append(names, al.Alias)
		}
		aliases = append(aliases, l.citations(obj{}.add("@type", "cur:Alias").add("alias", al.Alias), []record.Citation{al.Citation}))
	}
	o = o.add("alternateName", names).add("aliases", aliases).add("description", a.Description)
	var roles []any
	for _, r := range a.Roles {
		roles = append(roles, obj{}.add("@type", "cur:Role").add("title", r.Title).add("of", l.iri(r.Of)))
	}
	o = country(o.add("roles", roles).add("part_of", l.iri(a.PartOf)), a.Country)
	var ids []any
	var same []string
	for _, x := range a.Identifiers {
		ids = append(ids, obj{}.add("@type", "schema:PropertyValue").add("scheme", x.Scheme).add("identifier", x.ID))
		if base, ok := identifierIRIs[x.Scheme]; ok {
			same = append(same, base+x.ID)
		}
	}
	o = o.add("identifiers", ids).add("sameAs", same)
	return l.citations(o, a.Citations).add("note", a.Note)
}

func (l ld) source(s *record.Source) obj {
	t := "schema:CreativeWork"
	if s.SourceType == "news-article" {
		t = "schema:NewsArticle"
	}
	o := obj{{"@id", l.iri(s.ID)}, {"@type", []string{"cur:Source", t}}}
	o = o.add("source_type", s.SourceType).add("title", s.Title).add("headline", s.Headline).add("publisher", s.Publisher).add("url", s.URL)
	o = l.date(o, "published", &s.Published, "datePublished")
	return o.add("language", s.Language).add("file", s.File).add("sha256", s.SHA256).add("credits", l.iris(s.Credits)).add("note", s.Note)
}

func (l ld) event(e *record.Event) obj {
	o := obj{{"@id", l.iri(e.ID)}, {"@type", []string{"cur:Event", "schema:Event"}}}
	o = o.add("event_type", e.EventType).add("title", e.Title).add("description", e.Description)
	o = country(l.date(o, "date", e.Date, "startDate").add("place", e.Place), e.Country)
	var parts []any
	var involved []string
	seen := map[string]bool{}
	for _, p := range e.Actors {
		parts = append(parts, obj{}.add("@type", "cur:Participation").add("actor", l.iri(p.Actor)).add("role", p.Role))
		if !seen[p.Actor] {
			seen[p.Actor] = true
			involved = append(involved, l.iri(p.Actor))
		}
	}
	o = l.figures(o.add("involves", involved).add("actors", parts), e)
	return l.citations(o, e.Citations).add("note", e.Note)
}

func (l ld) measure(m *record.Measure) obj {
	o := obj{{"@id", l.iri(m.ID)}, {"@type", []string{"cur:Measure"}}}
	o = o.add("measure_type", m.MeasureType).add("title", m.Title).add("description", m.Description).add("status", m.Status)
	o = l.date(o, "announced", m.Announced, "")
	o = l.date(o, "effective", m.Effective, "")
	o = l.date(o, "ended", m.Ended, "")
	var gsdb []string
	for _, i := range m.Instruments {
		if t := record.Instruments[i]; t != "" && !slices.Contains(gsdb, t) {
			gsdb = append(gsdb, t)
		}
	}
	o = o.add("announced_at", l.iri(m.AnnouncedAt)).add("instruments", m.Instruments).add("gsdb_type", gsdb)
	o = o.add("imposed_by", l.iris(m.ImposedBy))
	var targets []any
	for _, t := range m.Targets {
		targets = append(targets, obj{}.add("@type", "cur:Target").add("actor", l.iri(t.Actor)).add("scope", t.Scope))
	}
	o = o.add("targets", targets).add("coordinated_with", l.iris(m.CoordinatedWith)).add("responds_to", l.iris(m.RespondsTo))
	o = l.figures(o.add("legal_basis", m.LegalBasis), m)
	return l.citations(o, m.Citations).add("note", m.Note)
}

func (l ld) statement(s *record.Statement) obj {
	types := []string{"cur:Statement"}
	if s.Mode == "verbatim" {
		types = append(types, "schema:Quotation")
	}
	o := obj{{"@id", l.iri(s.ID)}, {"@type", types}}
	o = o.add("speaker", l.iri(s.Speaker)).add("mode", s.Mode).add("text", s.Text).add("language", s.Language)
	o = l.date(o, "date", s.Date, "")
	o = o.add("place", s.Place).add("occasion", l.iri(s.Occasion)).add("audience", l.iris(s.Audience)).add("channel", s.Channel).add("about", l.iris(s.About))
	return l.citations(o, s.Citations).add("note", s.Note)
}

// decimal writes a JSON number in the lexical form of xsd:decimal, which
// has no exponent: "1.5e3" becomes "1500"; other numbers stay as written.
func decimal(n json.Number) string {
	if !strings.ContainsAny(string(n), "eE") {
		return string(n)
	}
	if f, err := strconv.ParseFloat(string(n), 64); err == nil {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	return string(n)
}

// Write writes the dataset as one JSON-LD 1.1 document: the embedded
// context, then a @graph of one node per record (and one for the dataset
// itself, with the version of the schema the records follow,
// schema:schemaVersion), each with the IRI base+id. Nodes are written one at a time, in
// kind order and by id within a kind.
func Write(w io.Writer, ds *record.Dataset, base string) error {
	return WriteSource(w, table.DatasetSource(ds), base)
}

// WriteSource writes the records of src as Write does.
func WriteSource(w io.Writer, src table.Source, base string) error {
	if base == "" {
		base = DefaultBaseIRI
	}
	l := newLD(base)
	ctx, err := json.MarshalIndent(Context(), "  ", "  ")
	if err != nil {
		return err
	}
	if _, err := io.WriteString(w, "{\n  \"@context\": "+string(ctx)+",\n  \"@graph\": [\n"); err != nil {
		return err
	}
	first := true
	var buf []byte
	emit := func(o obj) error {
		sep := ",\n    "
		if first {
			sep, first = "    ", false
		}
		var err error
		if buf, err = o.appendJSON(append(buf[:0], sep...)); err != nil {
			return err
		}
		_, err = w.Write(buf)
		return err
	}
	meta := src.Metadata()
	lic := ""
	if meta.Licence != "" && !strings.ContainsAny(meta.Licence, " /") {
		lic = "https://spdx.org/licenses/" + meta.Licence + ".html"
	}
	if err := emit(obj{{"@id", l.iri("dataset")}, {"@type", "schema:Dataset"}}.add("title", meta.Title).
		add("version", meta.Version).add("schema_version", schema.Version).add("license", lic).add("description", meta.Description).add("citation", meta.Citation)); err != nil {
		return err
	}
	for r := range table.Records(src) {
		n, err := l.node(r)
		if err != nil {
			return err
		}
		if err := emit(n); err != nil {
			return err
		}
	}
	_, err = io.WriteString(w, "\n  ]\n}\n")
	return err
}

// node returns the JSON-LD node of a record.
func (l ld) node(r record.Record) (obj, error) {
	switch r := r.(type) {
	case *record.Actor:
		return l.actor(r), nil
	case *record.Source:
		return l.source(r), nil
	case *record.Event:
		return l.event(r), nil
	case *record.Measure:
		return l.measure(r), nil
	case *record.Statement:
		return l.statement(r), nil
	}
	return nil, fmt.Errorf("%s %s: no JSON-LD node for this kind of record", r.RecordKind(), r.RecordID())
}
