// Package export writes a validated dataset for researchers: CSV tables,
// an XLSX workbook, JSON-LD, Parquet and the release bundle. Every format is
// a view of the same tables (Tables), built from the same record model, so
// that they agree cell for cell; all output is deterministic and written
// atomically.
package export

import (
	"encoding/json"
	"iter"
	"strconv"
	"strings"
	"time"

	"curate/edtf"
	"curate/record"
	"curate/schema"
)

// Type is a column's type, as Table Schema (Frictionless) names it.
type Type string

// Column types.
const (
	String  Type = "string"
	Date    Type = "date"    // a day; cells hold time.Time (UTC midnight)
	Number  Type = "number"  // cells hold json.Number
	Integer Type = "integer" // cells hold int
)

// Column describes one column of a table.
type Column struct {
	Name        string
	Type        Type
	Format      string // "uri" for web addresses, "" otherwise
	Required    bool   // never empty
	Description string // from the schema: the codebook
}

// ForeignKey says that a column holds ids of another table's rows.
type ForeignKey struct {
	Column    string
	Table     string
	RefColumn string
}

// Table is one table of the export: a record kind, a registry, or a link
// table for a list inside records.
type Table struct {
	Name        string
	Description string
	Columns     []Column
	PrimaryKey  []string
	ForeignKeys []ForeignKey
	// Rows yields the rows in order (sorted by id, then position). A cell is
	// nil when empty, otherwise a string, a time.Time (Date), a json.Number
	// (Number) or an int (Integer).
	Rows iter.Seq[[]any]
	// Len is the number of rows.
	Len int
}

// builder collects column definitions with descriptions from the schema.
type builder struct {
	set *schema.Set
}

func (b builder) desc(file, ptr string) string {
	return b.set.Describe(schema.Base + file + "#" + ptr)
}

func (b builder) col(name string, t Type, required bool, description string) Column {
	return Column{Name: name, Type: t, Required: required, Description: description}
}

// prop is a column taken from a record property, described by the schema.
func (b builder) prop(file, name string, required bool) Column {
	return b.col(name, String, required, b.desc(file, "/properties/"+name))
}

// dateCols are the five columns of a date property.
func (b builder) dateCols(file, name string, required bool) []Column {
	d := b.desc(file, "/properties/"+name)
	return []Column{
		b.col(name, String, required, d+" As an EDTF (ISO 8601-2 level 1) string."),
		b.col(name+"_earliest", Date, false, "First day "+name+" can denote, derived from the EDTF value; empty when that end is open or unknown."),
		b.col(name+"_latest", Date, false, "Last day "+name+" can denote, derived from the EDTF value; empty when that end is open or unknown."),
		b.col(name+"_precision", String, false, "How finely "+name+" is known: day, month, season, year, decade, century or interval."),
		b.col(name+"_note", String, false, b.desc("defs.schema.json", "/$defs/date/properties/note")),
	}
}

// dateCells are the five cells of a date.
func dateCells(d *record.Date) []any {
	if d == nil || d.EDTF == "" {
		return []any{nil, nil, nil, nil, nil}
	}
	out := []any{d.EDTF, nil, nil, nil, str(d.Note)}
	if p, err := edtf.Parse(d.EDTF); err == nil {
		out[1], out[2] = bounds(p)
		out[3] = string(p.Precision)
	}
	return out
}

// bounds returns the first and last day a date can denote, each nil when
// that end is open or unknown. (Not IsZero: 0001-01-01 is the zero time.)
func bounds(p edtf.Date) (earliest, latest any) {
	if !p.OpenStart && !p.UnknownStart {
		earliest = p.Earliest
	}
	if !p.OpenEnd && !p.UnknownEnd {
		latest = p.Latest
	}
	return earliest, latest
}

// str turns "" into nil, the empty cell.
func str(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func num(n json.Number) any {
	if n == "" {
		return nil
	}
	return n
}

func positionCol() Column {
	return Column{Name: "position", Type: Integer, Required: true, Description: "Order of the item in the record's list, from 1."}
}

// rowsOf makes a row iterator from a slice and a function giving each
// element's rows.
func rowsOf[T any](items []T, rows func(*T, func([]any) bool) bool) iter.Seq[[]any] {
	return func(yield func([]any) bool) {
		for i := range items {
			if !rows(&items[i], yield) {
				return
			}
		}
	}
}

// listed fills a link table's rows: one per item of a list inside each
// owner record, the owner's id and the item's position (from 1) first, then
// the item's cells.
func listed[T, I any](t *Table, owners []T, id func(*T) string, list func(*T) []I, cells func(I) []any) *Table {
	t.Rows = func(yield func([]any) bool) {
		for i := range owners {
			o := &owners[i]
			for j, item := range list(o) {
				if !yield(append([]any{id(o), j + 1}, cells(item)...)) {
					return
				}
			}
		}
	}
	t.Len = countOf(owners, func(o *T) int { return len(list(o)) })
	return t
}

// ids is the cells of a list item that is an id.
func ids(id string) []any { return []any{id} }

func one[T any](f func(*T) []any) func(*T, func([]any) bool) bool {
	return func(r *T, yield func([]any) bool) bool { return yield(f(r)) }
}

func countOf[T any](items []T, n func(*T) int) int {
	c := 0
	for i := range items {
		c += n(&items[i])
	}
	return c
}

func concat(parts ...[]any) []any {
	var out []any
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

func concatCols(parts ...[]Column) []Column {
	var out []Column
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// Tables returns the dataset as tables, in a fixed order: for each kind its
// main table followed by its link tables, then the citations of all kinds.
func Tables(ds *record.Dataset, set *schema.Set) []*Table {
	b := builder{set}
	const (
		af = "actor.schema.json"
		sf = "source.schema.json"
		ef = "event.schema.json"
		mf = "measure.schema.json"
		tf = "statement.schema.json"
	)
	var ts []*Table

	// Actors.
	ts = append(ts, &Table{
		Name:        "actors",
		Description: b.desc(af, ""),
		Columns: []Column{
			b.prop(af, "id", true), b.prop(af, "actor_type", true), b.prop(af, "label", true),
			b.prop(af, "name", false), b.prop(af, "description", false), b.prop(af, "part_of", false), b.prop(af, "note", false),
		},
		PrimaryKey:  []string{"id"},
		ForeignKeys: []ForeignKey{{"part_of", "actors", "id"}},
		Rows: rowsOf(ds.Actors, one(func(a *record.Actor) []any {
			return []any{a.ID, a.ActorType, a.Label, str(a.Name), str(a.Description), str(a.PartOf), str(a.Note)}
		})),
		Len: len(ds.Actors),
	})
	actorID := func(a *record.Actor) string { return a.ID }
	ts = append(ts, listed(&Table{
		Name:        "actor_roles",
		Description: b.desc(af, "/properties/roles"),
		Columns: []Column{
			b.col("actor_id", String, true, "Identifier of the actor holding the position."), positionCol(),
			b.col("title", String, true, b.desc(af, "/properties/roles/items/properties/title")),
			b.col("of", String, false, b.desc(af, "/properties/roles/items/properties/of")),
		},
		PrimaryKey:  []string{"actor_id", "position"},
		ForeignKeys: []ForeignKey{{"actor_id", "actors", "id"}, {"of", "actors", "id"}},
	}, ds.Actors, actorID, func(a *record.Actor) []record.Role { return a.Roles },
		func(r record.Role) []any { return []any{r.Title, str(r.Of)} }))

	// Sources.
	urlCol := b.prop(sf, "url", false)
	urlCol.Format = "uri"
	ts = append(ts, &Table{
		Name:        "sources",
		Description: b.desc(sf, ""),
		Columns: concatCols([]Column{
			b.prop(sf, "id", true), b.prop(sf, "source_type", true), b.prop(sf, "title", true),
			b.prop(sf, "headline", false), b.prop(sf, "publisher", false), urlCol,
		}, b.dateCols(sf, "published", true), []Column{
			b.prop(sf, "language", false), b.prop(sf, "file", true), b.prop(sf, "sha256", true), b.prop(sf, "note", false),
		}),
		PrimaryKey: []string{"id"},
		Rows: rowsOf(ds.Sources, one(func(s *record.Source) []any {
			return concat([]any{s.ID, s.SourceType, s.Title, str(s.Headline), str(s.Publisher), str(s.URL)},
				dateCells(&s.Published), []any{str(s.Language), s.File, s.SHA256, str(s.Note)})
		})),
		Len: len(ds.Sources),
	})
	ts = append(ts, listed(&Table{
		Name:        "source_credits",
		Description: b.desc(sf, "/properties/credits"),
		Columns: []Column{
			b.col("source_id", String, true, "Identifier of the source."), positionCol(),
			b.col("actor_id", String, true, "Identifier of the credited actor."),
		},
		PrimaryKey:  []string{"source_id", "position"},
		ForeignKeys: []ForeignKey{{"source_id", "sources", "id"}, {"actor_id", "actors", "id"}},
	}, ds.Sources, func(s *record.Source) string { return s.ID }, func(s *record.Source) []string { return s.Credits }, ids))

	// Events.
	ts = append(ts, &Table{
		Name:        "events",
		Description: b.desc(ef, ""),
		Columns: concatCols([]Column{
			b.prop(ef, "id", true), b.prop(ef, "event_type", true), b.prop(ef, "title", true), b.prop(ef, "description", false),
		}, b.dateCols(ef, "date", false), []Column{b.prop(ef, "place", false), b.prop(ef, "note", false)}),
		PrimaryKey: []string{"id"},
		Rows: rowsOf(ds.Events, one(func(e *record.Event) []any {
			return concat([]any{e.ID, e.EventType, e.Title, str(e.Description)}, dateCells(e.Date), []any{str(e.Place), str(e.Note)})
		})),
		Len: len(ds.Events),
	})
	eventID := func(e *record.Event) string { return e.ID }
	ts = append(ts, listed(&Table{
		Name:        "event_actors",
		Description: b.desc(ef, "/properties/actors"),
		Columns: []Column{
			b.col("event_id", String, true, "Identifier of the event."), positionCol(),
			b.col("actor_id", String, true, b.desc(ef, "/properties/actors/items/properties/actor")),
			b.col("role", String, true, b.desc(ef, "/properties/actors/items/properties/role")),
		},
		PrimaryKey:  []string{"event_id", "position"},
		ForeignKeys: []ForeignKey{{"event_id", "events", "id"}, {"actor_id", "actors", "id"}},
	}, ds.Events, eventID, func(e *record.Event) []record.Participant { return e.Actors },
		func(p record.Participant) []any { return []any{p.Actor, p.Role} }))
	fig := func(name string) string { return b.desc(ef, "/$defs/figure/properties/"+name) }
	ts = append(ts, listed(&Table{
		Name:        "event_figures",
		Description: b.desc(ef, "/properties/figures"),
		Columns: []Column{
			b.col("event_id", String, true, "Identifier of the event."), positionCol(),
			b.col("metric", String, true, fig("metric")), b.col("quantity", Number, true, fig("quantity")),
			b.col("unit", String, true, fig("unit")), b.col("qualifier", String, false, fig("qualifier")),
			b.col("period", String, false, fig("period")), b.col("place", String, false, fig("place")),
			b.col("attributed_to", String, false, fig("attributed_to")),
		},
		PrimaryKey:  []string{"event_id", "position"},
		ForeignKeys: []ForeignKey{{"event_id", "events", "id"}, {"attributed_to", "actors", "id"}},
	}, ds.Events, eventID, func(e *record.Event) []record.Figure { return e.Figures },
		func(f record.Figure) []any {
			return []any{f.Metric, num(f.Quantity), f.Unit, str(f.Qualifier), str(f.Period), str(f.Place), str(f.AttributedTo)}
		}))

	// Measures.
	ts = append(ts, &Table{
		Name:        "measures",
		Description: b.desc(mf, ""),
		Columns: concatCols([]Column{
			b.prop(mf, "id", true), b.prop(mf, "measure_type", false), b.prop(mf, "title", true),
			b.prop(mf, "description", false), b.prop(mf, "status", false),
		}, b.dateCols(mf, "announced", false), []Column{b.prop(mf, "note", false)}),
		PrimaryKey: []string{"id"},
		Rows: rowsOf(ds.Measures, one(func(m *record.Measure) []any {
			return concat([]any{m.ID, str(m.MeasureType), m.Title, str(m.Description), str(m.Status)}, dateCells(m.Announced), []any{str(m.Note)})
		})),
		Len: len(ds.Measures),
	})
	measureID := func(m *record.Measure) string { return m.ID }
	// idList is a link table for a list of ids in measures.
	idList := func(name, col, refTable, description string, get func(*record.Measure) []string) *Table {
		return listed(&Table{
			Name:        name,
			Description: description,
			Columns: []Column{
				b.col("measure_id", String, true, "Identifier of the measure."), positionCol(),
				b.col(col, String, true, "Identifier of the "+strings.TrimSuffix(refTable, "s")+"."),
			},
			PrimaryKey:  []string{"measure_id", "position"},
			ForeignKeys: []ForeignKey{{"measure_id", "measures", "id"}, {col, refTable, "id"}},
		}, ds.Measures, measureID, get, ids)
	}
	ts = append(ts, idList("measure_imposers", "actor_id", "actors", b.desc(mf, "/properties/imposed_by"),
		func(m *record.Measure) []string { return m.ImposedBy }))
	ts = append(ts, listed(&Table{
		Name:        "measure_targets",
		Description: b.desc(mf, "/properties/targets"),
		Columns: []Column{
			b.col("measure_id", String, true, "Identifier of the measure."), positionCol(),
			b.col("actor_id", String, true, b.desc(mf, "/properties/targets/items/properties/actor")),
			b.col("scope", String, false, b.desc(mf, "/properties/targets/items/properties/scope")),
		},
		PrimaryKey:  []string{"measure_id", "position"},
		ForeignKeys: []ForeignKey{{"measure_id", "measures", "id"}, {"actor_id", "actors", "id"}},
	}, ds.Measures, measureID, func(m *record.Measure) []record.Target { return m.Targets },
		func(t record.Target) []any { return []any{t.Actor, str(t.Scope)} }))
	ts = append(ts, idList("measure_coordination", "actor_id", "actors", b.desc(mf, "/properties/coordinated_with"),
		func(m *record.Measure) []string { return m.CoordinatedWith }))
	ts = append(ts, idList("measure_responses", "event_id", "events", b.desc(mf, "/properties/responds_to"),
		func(m *record.Measure) []string { return m.RespondsTo }))

	// Statements.
	ts = append(ts, &Table{
		Name:        "statements",
		Description: b.desc(tf, ""),
		Columns: concatCols([]Column{
			b.prop(tf, "id", true), b.prop(tf, "speaker", true), b.prop(tf, "mode", true), b.prop(tf, "text", true), b.prop(tf, "language", false),
		}, b.dateCols(tf, "date", false), []Column{
			b.prop(tf, "place", false), b.prop(tf, "occasion", false), b.prop(tf, "channel", false), b.prop(tf, "note", false),
		}),
		PrimaryKey:  []string{"id"},
		ForeignKeys: []ForeignKey{{"speaker", "actors", "id"}, {"occasion", "events", "id"}},
		Rows: rowsOf(ds.Statements, one(func(s *record.Statement) []any {
			return concat([]any{s.ID, s.Speaker, s.Mode, s.Text, str(s.Language)}, dateCells(s.Date),
				[]any{str(s.Place), str(s.Occasion), str(s.Channel), str(s.Note)})
		})),
		Len: len(ds.Statements),
	})
	ts = append(ts, listed(&Table{
		Name:        "statement_subjects",
		Description: b.desc(tf, "/properties/about"),
		Columns: []Column{
			b.col("statement_id", String, true, "Identifier of the statement."), positionCol(),
			b.col("subject_id", String, true, "Identifier of the event, measure or actor the statement is about."),
			b.col("subject_kind", String, true, "The kind of record subject_id names: event, measure or actor."),
		},
		PrimaryKey:  []string{"statement_id", "position"},
		ForeignKeys: []ForeignKey{{"statement_id", "statements", "id"}},
	}, ds.Statements, func(s *record.Statement) string { return s.ID }, func(s *record.Statement) []string { return s.About },
		func(id string) []any { k, _ := record.KindOf(id); return []any{id, string(k)} }))

	// Citations of every kind, sorted by record id (kinds are prefixes, so
	// the order is by kind, then id).
	type cited struct {
		id   string
		kind record.Kind
		cs   []record.Citation
	}
	cit := func(name string) string { return b.desc("defs.schema.json", "/$defs/citation/properties/"+name) }
	ts = append(ts, &Table{
		Name:        "citations",
		Description: b.desc("defs.schema.json", "/$defs/citations"),
		Columns: []Column{
			b.col("record_id", String, true, "Identifier of the citing record (an actor, event, measure or statement)."),
			b.col("record_kind", String, true, "The kind of the citing record: actor, event, measure or statement."),
			positionCol(),
			b.col("source_id", String, true, cit("source")), b.col("evidence", String, true, cit("evidence")),
			b.col("locator", String, false, cit("locator")),
		},
		PrimaryKey:  []string{"record_id", "position"},
		ForeignKeys: []ForeignKey{{"source_id", "sources", "id"}},
		Rows: func(yield func([]any) bool) {
			emit := func(c cited) bool {
				for i, x := range c.cs {
					if !yield([]any{c.id, string(c.kind), i + 1, x.Source, x.Evidence, str(x.Locator)}) {
						return false
					}
				}
				return true
			}
			// Kinds in id order: actor-, event-, measure-, statement-.
			for i := range ds.Actors {
				if !emit(cited{ds.Actors[i].ID, record.KindActor, ds.Actors[i].Citations}) {
					return
				}
			}
			for i := range ds.Events {
				if !emit(cited{ds.Events[i].ID, record.KindEvent, ds.Events[i].Citations}) {
					return
				}
			}
			for i := range ds.Measures {
				if !emit(cited{ds.Measures[i].ID, record.KindMeasure, ds.Measures[i].Citations}) {
					return
				}
			}
			for i := range ds.Statements {
				if !emit(cited{ds.Statements[i].ID, record.KindStatement, ds.Statements[i].Citations}) {
					return
				}
			}
		},
		Len: countOf(ds.Actors, func(a *record.Actor) int { return len(a.Citations) }) +
			countOf(ds.Events, func(e *record.Event) int { return len(e.Citations) }) +
			countOf(ds.Measures, func(m *record.Measure) int { return len(m.Citations) }) +
			countOf(ds.Statements, func(s *record.Statement) int { return len(s.Citations) }),
	})
	return ts
}

// Text renders a cell as CSV text: dates as YYYY-MM-DD, numbers as written
// in the dataset, empty cells as "".
func Text(v any) string {
	switch t := v.(type) {
	case nil:
		return ""
	case string:
		return t
	case time.Time:
		return t.Format(time.DateOnly) // not edtf.ISO: 0001-01-01 is a day too
	case json.Number:
		return string(t)
	case int:
		return strconv.Itoa(t)
	}
	return ""
}
