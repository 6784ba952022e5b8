package export

import (
	"encoding/json"
	"slices"
	"strings"

	"curate/record"
)

// The tables of each record kind: its main table, then its link tables.
// Each column is declared once, with its cell; a column taken from a
// property of the same name uses propCol, which describes it from the schema.

// actorTables are actors and actor_roles.
func actorTables(b builder, ds *record.Dataset) []*Table {
	type A = *record.Actor
	s := b.file("actor.schema.json")
	actors := tableDef[A]{
		name: "actors",
		desc: s.desc(""),
		cols: []col[A]{
			propCol(s, "id", true, func(a A) string { return a.ID }),
			propCol(s, "actor_type", true, func(a A) string { return a.ActorType }),
			propCol(s, "label", true, func(a A) string { return a.Label }),
			propCol(s, "name", false, func(a A) string { return a.Name }),
			propCol(s, "description", false, func(a A) string { return a.Description }),
			propCol(s, "part_of", false, func(a A) string { return a.PartOf }),
			propCol(s, "note", false, func(a A) string { return a.Note }),
		},
		key: []string{"id"},
		fks: []ForeignKey{{"part_of", "actors", "id"}},
	}
	role := func(name string) string { return s.desc("/properties/roles/items/properties/" + name) }
	roles := listDef[A, record.Role]{
		name:  "actor_roles",
		desc:  s.prop("roles"),
		owner: []col[A]{textCol("actor_id", true, "Identifier of the actor holding the position.", func(a A) string { return a.ID })},
		list:  func(a A) []record.Role { return a.Roles },
		item: []col[*record.Role]{
			textCol("title", true, role("title"), func(r *record.Role) string { return r.Title }),
			textCol("of", false, role("of"), func(r *record.Role) string { return r.Of }),
		},
		fks: []ForeignKey{{"actor_id", "actors", "id"}, {"of", "actors", "id"}},
	}
	return []*Table{actors.table(each(ds.Actors)), roles.table(each(ds.Actors))}
}

// sourceTables are sources and source_credits.
func sourceTables(b builder, ds *record.Dataset) []*Table {
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
	return []*Table{sources.table(each(ds.Sources)), credits.table(each(ds.Sources))}
}

// eventTables are events, event_actors and event_figures.
func eventTables(b builder, ds *record.Dataset) []*Table {
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
			[]col[E]{
				propCol(s, "place", false, func(e E) string { return e.Place }),
				propCol(s, "note", false, func(e E) string { return e.Note }),
			},
		),
		key: []string{"id"},
	}
	eventID := []col[E]{textCol("event_id", true, "Identifier of the event.", func(e E) string { return e.ID })}
	part := func(name string) string { return s.desc("/properties/actors/items/properties/" + name) }
	actors := listDef[E, record.Participant]{
		name:  "event_actors",
		desc:  s.prop("actors"),
		owner: eventID,
		list:  func(e E) []record.Participant { return e.Actors },
		item: []col[*record.Participant]{
			textCol("actor_id", true, part("actor"), func(p *record.Participant) string { return p.Actor }),
			textCol("role", true, part("role"), func(p *record.Participant) string { return p.Role }),
		},
		fks: []ForeignKey{{"event_id", "events", "id"}, {"actor_id", "actors", "id"}},
	}
	type F = record.Figure
	fig := func(name string) string { return s.desc("/$defs/figure/properties/" + name) }
	figures := listDef[E, F]{
		name:  "event_figures",
		desc:  s.prop("figures"),
		owner: eventID,
		list:  func(e E) []F { return e.Figures },
		item: []col[*F]{
			textCol("metric", true, fig("metric"), func(f *F) string { return f.Metric }),
			numberCol("quantity", true, fig("quantity"), func(f *F) json.Number { return f.Quantity }),
			textCol("unit", true, fig("unit"), func(f *F) string { return f.Unit }),
			textCol("qualifier", false, fig("qualifier"), func(f *F) string { return f.Qualifier }),
			textCol("period", false, fig("period"), func(f *F) string { return f.Period }),
			textCol("place", false, fig("place"), func(f *F) string { return f.Place }),
			textCol("attributed_to", false, fig("attributed_to"), func(f *F) string { return f.AttributedTo }),
		},
		fks: []ForeignKey{{"event_id", "events", "id"}, {"attributed_to", "actors", "id"}},
	}
	return []*Table{events.table(each(ds.Events)), actors.table(each(ds.Events)), figures.table(each(ds.Events))}
}

// measureTables are measures and its four link tables.
func measureTables(b builder, ds *record.Dataset) []*Table {
	type M = *record.Measure
	s := b.file("measure.schema.json")
	measures := tableDef[M]{
		name: "measures",
		desc: s.desc(""),
		cols: slices.Concat(
			[]col[M]{
				propCol(s, "id", true, func(m M) string { return m.ID }),
				propCol(s, "measure_type", false, func(m M) string { return m.MeasureType }),
				propCol(s, "title", true, func(m M) string { return m.Title }),
				propCol(s, "description", false, func(m M) string { return m.Description }),
				propCol(s, "status", false, func(m M) string { return m.Status }),
			},
			dateCols(b, s.name, "announced", false, func(m M) *record.Date { return m.Announced }),
			[]col[M]{propCol(s, "note", false, func(m M) string { return m.Note })},
		),
		key: []string{"id"},
	}
	measureID := []col[M]{textCol("measure_id", true, "Identifier of the measure.", func(m M) string { return m.ID })}
	// ids is a link table for a list of ids of refTable's records.
	ids := func(name, property, column, refTable string, list func(M) []string) *Table {
		return listDef[M, string]{
			name:  name,
			desc:  s.prop(property),
			owner: measureID,
			list:  list,
			item:  []col[*string]{idCol(column, "Identifier of the "+strings.TrimSuffix(refTable, "s")+".")},
			fks:   []ForeignKey{{"measure_id", "measures", "id"}, {column, refTable, "id"}},
		}.table(each(ds.Measures))
	}
	target := func(name string) string { return s.desc("/properties/targets/items/properties/" + name) }
	targets := listDef[M, record.Target]{
		name:  "measure_targets",
		desc:  s.prop("targets"),
		owner: measureID,
		list:  func(m M) []record.Target { return m.Targets },
		item: []col[*record.Target]{
			textCol("actor_id", true, target("actor"), func(t *record.Target) string { return t.Actor }),
			textCol("scope", false, target("scope"), func(t *record.Target) string { return t.Scope }),
		},
		fks: []ForeignKey{{"measure_id", "measures", "id"}, {"actor_id", "actors", "id"}},
	}
	return []*Table{
		measures.table(each(ds.Measures)),
		ids("measure_imposers", "imposed_by", "actor_id", "actors", func(m M) []string { return m.ImposedBy }),
		targets.table(each(ds.Measures)),
		ids("measure_coordination", "coordinated_with", "actor_id", "actors", func(m M) []string { return m.CoordinatedWith }),
		ids("measure_responses", "responds_to", "event_id", "events", func(m M) []string { return m.RespondsTo }),
	}
}

// statementTables are statements and statement_subjects.
func statementTables(b builder, ds *record.Dataset) []*Table {
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
	subjects := listDef[T, string]{
		name:  "statement_subjects",
		desc:  s.prop("about"),
		owner: []col[T]{textCol("statement_id", true, "Identifier of the statement.", func(t T) string { return t.ID })},
		list:  func(t T) []string { return t.About },
		item: []col[*string]{
			idCol("subject_id", "Identifier of the event, measure or actor the statement is about."),
			textCol("subject_kind", true, "The kind of record subject_id names: event, measure or actor.",
				func(id *string) string { k, _ := record.KindOf(*id); return string(k) }),
		},
		fks: []ForeignKey{{"statement_id", "statements", "id"}},
	}
	return []*Table{statements.table(each(ds.Statements)), subjects.table(each(ds.Statements))}
}

// citationTable is the citations of every record, in the order of
// Dataset.All: by kind, then id (kinds are id prefixes, so by id).
func citationTable(b builder, ds *record.Dataset) *Table {
	type C = record.Citation
	s := b.file("defs.schema.json")
	cit := func(name string) string { return s.desc("/$defs/citation/properties/" + name) }
	return listDef[record.Record, C]{
		name: "citations",
		desc: s.desc("/$defs/citations"),
		owner: []col[record.Record]{
			textCol("record_id", true, "Identifier of the citing record (an actor, event, measure or statement).", record.Record.RecordID),
			textCol("record_kind", true, "The kind of the citing record: actor, event, measure or statement.", func(r record.Record) string { return string(r.RecordKind()) }),
		},
		list: record.Record.Cites,
		item: []col[*C]{
			textCol("source_id", true, cit("source"), func(c *C) string { return c.Source }),
			textCol("evidence", true, cit("evidence"), func(c *C) string { return c.Evidence }),
			textCol("locator", false, cit("locator"), func(c *C) string { return c.Locator }),
		},
		fks: []ForeignKey{{"source_id", "sources", "id"}},
	}.table(ds.All())
}
