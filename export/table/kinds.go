package table

import (
	"encoding/json"
	"iter"
	"slices"

	"curate/record"
)

// The tables of each record kind: its main table, then its link tables in
// the order of the properties they hold. Each column is declared once,
// with its cell; a column taken from a property of the same name uses
// propCol, which describes it from the schema. Measures are in
// measures.go.

// actorTables are actors, actor_aliases, actor_roles and actor_identifiers.
func actorTables(b builder, src Source) []*Table {
	type A = *record.Actor
	s := b.file("actor.schema.json")
	actors := tableDef[A]{
		name: "actors",
		desc: s.desc(""),
		cols: slices.Concat(
			[]col[A]{
				propCol(s, "id", true, func(a A) string { return a.ID }),
				propCol(s, "actor_type", true, func(a A) string { return a.ActorType }),
				propCol(s, "label", true, func(a A) string { return a.Label }),
				propCol(s, "name", false, func(a A) string { return a.Name }),
				propCol(s, "description", false, func(a A) string { return a.Description }),
				propCol(s, "part_of", false, func(a A) string { return a.PartOf }),
			},
			countryCols(s, func(a A) string { return a.Country }),
			[]col[A]{propCol(s, "note", false, func(a A) string { return a.Note })},
		),
		key: []string{"id"},
		fks: []ForeignKey{{"part_of", "actors", "id"}},
	}
	actorID := func(desc string) []col[A] {
		return []col[A]{textCol("actor_id", true, desc, func(a A) string { return a.ID })}
	}
	item := func(list, name string) string { return s.desc("/properties/" + list + "/items/properties/" + name) }
	cit := citationDesc(b)
	type L = record.Alias
	aliases := listDef[A, L]{
		name:  "actor_aliases",
		desc:  s.prop("aliases"),
		owner: actorID("Identifier of the actor the name refers to."),
		list:  func(a A) []L { return a.Aliases },
		item: []col[*L]{
			textCol("alias", true, item("aliases", "alias"), func(l *L) string { return l.Alias }),
			textCol("source_id", true, cit("source"), func(l *L) string { return l.Citation.Source }),
			textCol("evidence", true, cit("evidence"), func(l *L) string { return l.Citation.Evidence }),
			textCol("locator", false, cit("locator"), func(l *L) string { return l.Citation.Locator }),
		},
		fks: []ForeignKey{{"actor_id", "actors", "id"}, {"source_id", "sources", "id"}},
	}
	roles := listDef[A, record.Role]{
		name:  "actor_roles",
		desc:  s.prop("roles"),
		owner: actorID("Identifier of the actor holding the position."),
		list:  func(a A) []record.Role { return a.Roles },
		item: []col[*record.Role]{
			textCol("title", true, item("roles", "title"), func(r *record.Role) string { return r.Title }),
			textCol("of", false, item("roles", "of"), func(r *record.Role) string { return r.Of }),
		},
		fks: []ForeignKey{{"actor_id", "actors", "id"}, {"of", "actors", "id"}},
	}
	type I = record.Identifier
	identifiers := listDef[A, I]{
		name:  "actor_identifiers",
		desc:  s.prop("identifiers"),
		owner: actorID("Identifier of the actor in this dataset."),
		list:  func(a A) []I { return a.Identifiers },
		item: []col[*I]{
			textCol("scheme", true, item("identifiers", "scheme"), func(x *I) string { return x.Scheme }),
			textCol("identifier", true, item("identifiers", "id"), func(x *I) string { return x.ID }),
		},
		fks: []ForeignKey{{"actor_id", "actors", "id"}},
	}
	return []*Table{
		actors.table(src.Actors()),
		aliases.table(src.Actors()),
		roles.table(src.Actors()),
		identifiers.table(src.Actors()),
	}
}

// sourceTables are sources and source_credits.
func sourceTables(b builder, src Source) []*Table {
	type S = *record.Source
	s := b.file("source.schema.json")
	sources := tableDef[S]{
		name: "sources",
		desc: s.desc(""),
		cols: slices.Concat(
			[]col[S]{
				propCol(s, "id", true, func(x S) string { return x.ID }),
				propCol(s, "source_type", true, func(x S) string { return x.SourceType }),
				propCol(s, "title", true, func(x S) string { return x.Title }),
				propCol(s, "headline", false, func(x S) string { return x.Headline }),
				propCol(s, "publisher", false, func(x S) string { return x.Publisher }),
				propCol(s, "url", false, func(x S) string { return x.URL }).uri(),
			},
			dateCols(b, s.name, "published", true, func(x S) *record.Date { return &x.Published }),
			[]col[S]{
				propCol(s, "language", false, func(x S) string { return x.Language }),
				propCol(s, "file", true, func(x S) string { return x.File }),
				propCol(s, "sha256", true, func(x S) string { return x.SHA256 }),
				propCol(s, "note", false, func(x S) string { return x.Note }),
			},
		),
		key: []string{"id"},
	}
	credits := listDef[S, string]{
		name:  "source_credits",
		desc:  s.prop("credits"),
		owner: []col[S]{textCol("source_id", true, "Identifier of the source.", func(x S) string { return x.ID })},
		list:  func(x S) []string { return x.Credits },
		item:  []col[*string]{idCol("actor_id", "Identifier of the credited actor.")},
		fks:   []ForeignKey{{"source_id", "sources", "id"}, {"actor_id", "actors", "id"}},
	}
	return []*Table{sources.table(src.Sources()), credits.table(src.Sources())}
}

// eventTables are events, event_actors and event_figures, and the flat
// table events_flat.
func eventTables(b builder, src Source, n *names) (flat *Table, tables []*Table) {
	type E = *record.Event
	s := b.file("event.schema.json")
	events := tableDef[E]{
		name: "events",
		desc: s.desc(""),
		cols: slices.Concat(
			[]col[E]{
				propCol(s, "id", true, func(e E) string { return e.ID }),
				propCol(s, "event_type", true, func(e E) string { return e.EventType }),
				propCol(s, "title", true, func(e E) string { return e.Title }),
				propCol(s, "description", false, func(e E) string { return e.Description }),
			},
			dateCols(b, s.name, "date", false, func(e E) *record.Date { return e.Date }),
			[]col[E]{propCol(s, "place", false, func(e E) string { return e.Place })},
			countryCols(s, func(e E) string { return e.Country }),
			[]col[E]{propCol(s, "note", false, func(e E) string { return e.Note })},
		),
		key: []string{"id"},
	}
	part := func(name string) string { return s.desc("/properties/actors/items/properties/" + name) }
	actors := listDef[E, record.Participant]{
		name:  "event_actors",
		desc:  s.prop("actors"),
		owner: []col[E]{textCol("event_id", true, "Identifier of the event.", func(e E) string { return e.ID })},
		list:  func(e E) []record.Participant { return e.Actors },
		item: []col[*record.Participant]{
			textCol("actor_id", true, part("actor"), func(p *record.Participant) string { return p.Actor }),
			textCol("role", true, part("role"), func(p *record.Participant) string { return p.Role }),
		},
		fks: []ForeignKey{{"event_id", "events", "id"}, {"actor_id", "actors", "id"}},
	}
	flat = flatDef[E]{
		name: "events_flat", from: "events",
		desc:    flatDesc("event", "events, event_actors, actors and citations"),
		answers: "What happened when, where, and who took part (with their roles): one row per event.",
		cols: slices.Concat(
			same("events", events.cols, "id", "title", "event_type"),
			sameDate("events", events.cols, "date"),
			same("events", events.cols, "place", "country", "country_name"),
			refList[E, record.Participant]{name: "actors", ids: "actor_ids", what: "the actors taking part in the event", ref: "actors",
				list: func(e E) []record.Participant { return e.Actors }, id: func(p *record.Participant) string { return p.Actor },
				link: "event_actors", owner: "event_id", column: "actor_id"}.cols(n),
			[]flatCol[E]{flatText("actor_roles", "the role of each actor in actors, in the same order, joined by \"; \"; from event_actors.",
				func(e E) any { return joined(e.Actors, func(p *record.Participant) string { return p.Role }) }, linkSQL("event_actors", "event_id", "l.role"))},
			citeCols[E](),
		),
	}.table(src.Events())
	return flat, []*Table{
		events.table(src.Events()),
		actors.table(src.Events()),
		figureTable(b, "event_figures", s.prop("figures"), "event_id", "events", src.Events()),
	}
}

// figured is a record kind with figures (events, measures).
type figured interface {
	record.Record
	record.Figured
}

// figureTable is the link table of the owners' figures, with the same
// columns for every kind that has figures: the owner's id (ownerCol,
// referring to ownerTable), position, then the figure.
func figureTable[O figured](b builder, name, desc, ownerCol, ownerTable string, owners iter.Seq[O]) *Table {
	type F = record.Figure
	s := b.file("defs.schema.json")
	fig := func(name string) string { return s.desc("/$defs/figure/properties/" + name) }
	kind := ownerTable[:len(ownerTable)-1]
	return listDef[O, F]{
		name:  name,
		desc:  desc,
		owner: []col[O]{textCol(ownerCol, true, "Identifier of the "+kind+".", func(o O) string { return o.RecordID() })},
		list:  func(o O) []F { return o.FigureList() },
		item: []col[*F]{
			textCol("metric", true, fig("metric"), func(f *F) string { return f.Metric }),
			numberCol("quantity", true, fig("quantity"), func(f *F) json.Number { return f.Quantity }),
			numberCol("low", false, fig("low"), func(f *F) json.Number { return f.Low }),
			numberCol("high", false, fig("high"), func(f *F) json.Number { return f.High }),
			textCol("unit", true, fig("unit"), func(f *F) string { return f.Unit }),
			textCol("qualifier", false, fig("qualifier"), func(f *F) string { return f.Qualifier }),
			textCol("period", false, fig("period"), func(f *F) string { return f.Period }),
			textCol("place", false, fig("place"), func(f *F) string { return f.Place }),
			textCol("attributed_to", false, fig("attributed_to"), func(f *F) string { return f.AttributedTo }),
		},
		fks: []ForeignKey{{ownerCol, ownerTable, "id"}, {"attributed_to", "actors", "id"}},
	}.table(owners)
}

// idList declares the link table of a list of ids inside each owner: the
// owner's key column (referring to ownerTable), position, then the id in
// column, which refers to refTable.
type idList[O any] struct {
	name, desc         string
	owner              col[O]
	ownerTable         string
	column, columnDesc string
	refTable           string
	list               func(O) []string
}

// table makes the link table of the owners' lists, in the owners' order.
func (d idList[O]) table(owners iter.Seq[O]) *Table {
	return listDef[O, string]{
		name:  d.name,
		desc:  d.desc,
		owner: []col[O]{d.owner},
		list:  d.list,
		item:  []col[*string]{idCol(d.column, d.columnDesc)},
		fks:   []ForeignKey{{d.owner.Name, d.ownerTable, "id"}, {d.column, d.refTable, "id"}},
	}.table(owners)
}

// statementTables are statements, statement_audience and
// statement_subjects, and the flat table statements_flat.
func statementTables(b builder, src Source, n *names) (flat *Table, tables []*Table) {
	type T = *record.Statement
	s := b.file("statement.schema.json")
	statements := tableDef[T]{
		name: "statements",
		desc: s.desc(""),
		cols: slices.Concat(
			[]col[T]{
				propCol(s, "id", true, func(t T) string { return t.ID }),
				propCol(s, "speaker", true, func(t T) string { return t.Speaker }),
				propCol(s, "mode", true, func(t T) string { return t.Mode }),
				propCol(s, "text", true, func(t T) string { return t.Text }),
				propCol(s, "language", false, func(t T) string { return t.Language }),
			},
			dateCols(b, s.name, "date", false, func(t T) *record.Date { return t.Date }),
			[]col[T]{
				propCol(s, "place", false, func(t T) string { return t.Place }),
				propCol(s, "occasion", false, func(t T) string { return t.Occasion }),
				propCol(s, "channel", false, func(t T) string { return t.Channel }),
				propCol(s, "note", false, func(t T) string { return t.Note }),
			},
		),
		key: []string{"id"},
		fks: []ForeignKey{{"speaker", "actors", "id"}, {"occasion", "events", "id"}},
	}
	statementID := textCol("statement_id", true, "Identifier of the statement.", func(t T) string { return t.ID })
	subjects := listDef[T, string]{
		name:  "statement_subjects",
		desc:  s.prop("about"),
		owner: []col[T]{statementID},
		list:  func(t T) []string { return t.About },
		item: []col[*string]{
			idCol("subject_id", "Identifier of the event, measure or actor the statement is about."),
			textCol("subject_kind", true, "Derived from subject_id: the kind of record it names: event, measure or actor.",
				func(id *string) string { k, _ := record.KindOf(*id); return string(k) }),
		},
		fks: []ForeignKey{{"statement_id", "statements", "id"}},
	}
	flat = flatDef[T]{
		name: "statements_flat", from: "statements",
		desc:    flatDesc("statement", "statements, statement_audience, statement_subjects, actors, events, measures and citations"),
		answers: "Who said what, when, to whom and about what: one row per statement.",
		cols: slices.Concat(
			same("statements", statements.cols, "id"),
			refOne[T]{name: "speaker", id: "speaker_id", what: "the actor who made the statement", ref: "actors",
				get: func(t T) string { return t.Speaker }, column: "speaker"}.cols("statements", n),
			same("statements", statements.cols, "mode", "text", "language"),
			sameDate("statements", statements.cols, "date"),
			same("statements", statements.cols, "place", "channel"),
			refOne[T]{name: "occasion", id: "occasion_id", what: "the event at which the statement was made", ref: "events",
				get: func(t T) string { return t.Occasion }, column: "occasion"}.cols("statements", n),
			refList[T, string]{name: "audience", ids: "audience_ids", what: "the actors the statement was addressed to", ref: "actors",
				list: func(t T) []string { return t.Audience }, id: itself, link: "statement_audience", owner: "statement_id", column: "actor_id"}.cols(n),
			refList[T, string]{name: "about", ids: "about_ids", what: "the events, measures and actors the statement is about", ref: "",
				list: func(t T) []string { return t.About }, id: itself, link: "statement_subjects", owner: "statement_id", column: "subject_id"}.cols(n),
			citeCols[T](),
		),
	}.table(src.Statements())
	return flat, []*Table{
		statements.table(src.Statements()),
		idList[T]{
			name: "statement_audience", desc: s.prop("audience"),
			owner: statementID, ownerTable: "statements",
			column: "actor_id", columnDesc: "Identifier of an actor the statement was addressed to.", refTable: "actors",
			list: func(t T) []string { return t.Audience },
		}.table(src.Statements()),
		subjects.table(src.Statements()),
	}
}

// citationDesc returns the description of a citation's property.
func citationDesc(b builder) func(name string) string {
	s := b.file("defs.schema.json")
	return func(name string) string { return s.desc("/$defs/citation/properties/" + name) }
}

// citationTable is the citations of every record, in the order of
// Dataset.All: by kind, then id (kinds are id prefixes, so by id). An
// alias's citation is in actor_aliases, beside the name it supports.
func citationTable(b builder, src Source) *Table {
	type C = record.Citation
	cit := citationDesc(b)
	return listDef[record.Record, C]{
		name: "citations",
		desc: b.file("defs.schema.json").desc("/$defs/citations"),
		owner: []col[record.Record]{
			textCol("record_id", true, "Identifier of the citing record (an actor, event, measure or statement).", record.Record.RecordID),
			textCol("record_kind", true, "Derived from record_id: the kind of the citing record: actor, event, measure or statement.", func(r record.Record) string { return string(r.RecordKind()) }),
		},
		list: record.Record.Cites,
		item: []col[*C]{
			textCol("source_id", true, cit("source"), func(c *C) string { return c.Source }),
			textCol("evidence", true, cit("evidence"), func(c *C) string { return c.Evidence }),
			textCol("locator", false, cit("locator"), func(c *C) string { return c.Locator }),
		},
		fks: []ForeignKey{{"source_id", "sources", "id"}},
	}.table(Records(src))
}
