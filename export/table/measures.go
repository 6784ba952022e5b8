package table

import (
	"maps"
	"slices"
	"strings"

	"curate/record"
)

// measureTables are measures and its link tables: measure_instruments,
// measure_imposers, measure_targets, measure_coordination,
// measure_responses and measure_figures; and the flat table
// measures_flat.
func measureTables(b builder, src Source, n *names) (flat *Table, tables []*Table) {
	type M = *record.Measure
	s := b.file("measure.schema.json")
	measures := tableDef[M]{
		name:  "measures",
		desc:  s.desc(""),
		notes: []string{multilateralNote, lifeNote(s.prop("status"))},
		cols: slices.Concat(
			[]col[M]{
				propCol(s, "id", true, func(m M) string { return m.ID }),
				propCol(s, "measure_type", false, func(m M) string { return m.MeasureType }),
				propCol(s, "title", true, func(m M) string { return m.Title }),
				propCol(s, "description", false, func(m M) string { return m.Description }),
				propCol(s, "status", false, func(m M) string { return m.Status }),
			},
			dateCols(b, s.name, "announced", false, func(m M) *record.Date { return m.Announced }),
			dateCols(b, s.name, "effective", false, func(m M) *record.Date { return m.Effective }),
			dateCols(b, s.name, "ended", false, func(m M) *record.Date { return m.Ended }),
			[]col[M]{
				propCol(s, "announced_at", false, func(m M) string { return m.AnnouncedAt }),
				propCol(s, "legal_basis", false, func(m M) string { return m.LegalBasis }),
				propCol(s, "note", false, func(m M) string { return m.Note }),
			},
		),
		key: []string{"id"},
		fks: []ForeignKey{{"announced_at", "events", "id"}},
	}
	measureID := textCol("measure_id", true, "Identifier of the measure.", func(m M) string { return m.ID })
	// ids is the link table of a list of ids of refTable's records.
	ids := func(name, property, column, refTable string, list func(M) []string) *Table {
		return idList[M]{
			name: name, desc: s.prop(property),
			owner: measureID, ownerTable: "measures",
			column: column, columnDesc: "Identifier of the " + strings.TrimSuffix(refTable, "s") + ".", refTable: refTable,
			list: list,
		}.table(src.Measures())
	}
	instruments := listDef[M, string]{
		name:  "measure_instruments",
		desc:  s.prop("instruments"),
		notes: []string{gsdbNote()},
		owner: []col[M]{measureID},
		list:  func(m M) []string { return m.Instruments },
		item: []col[*string]{
			textCol("instrument", true, "The instrument, one of those the table's description lists.", func(i *string) string { return *i }),
			textCol("gsdb_type", false, "Derived from instrument: its Global Sanctions Data Base (GSDB) sanction type ("+strings.Join(gsdbTypes(), ", ")+"); empty for unspecified.",
				func(i *string) string { return record.Instruments[*i] }),
		},
		fks: []ForeignKey{{"measure_id", "measures", "id"}},
	}
	target := func(name string) string { return s.desc("/properties/targets/items/properties/" + name) }
	targets := listDef[M, record.Target]{
		name:  "measure_targets",
		desc:  s.prop("targets"),
		owner: []col[M]{measureID},
		list:  func(m M) []record.Target { return m.Targets },
		item: []col[*record.Target]{
			textCol("actor_id", true, target("actor"), func(t *record.Target) string { return t.Actor }),
			textCol("scope", false, target("scope"), func(t *record.Target) string { return t.Scope }),
		},
		fks: []ForeignKey{{"measure_id", "measures", "id"}, {"actor_id", "actors", "id"}},
	}
	flat = flatDef[M]{
		name: "measures_flat", from: "measures",
		desc: flatDesc("measure", "measures, measure_imposers, measure_targets, measure_coordination, measure_responses, "+
			"measure_instruments, actors, events and citations"),
		answers: "Which measures, imposed by whom on whom, announced, in force and ended when, with what instruments: one row per measure.",
		cols: slices.Concat(
			same("measures", measures.cols, "id", "title", "measure_type", "status"),
			sameDate("measures", measures.cols, "announced"),
			sameDate("measures", measures.cols, "effective"),
			sameDate("measures", measures.cols, "ended"),
			refList[M, string]{name: "imposed_by", ids: "imposed_by_ids", what: "the actors that imposed or announced the measure", ref: "actors",
				list: func(m M) []string { return m.ImposedBy }, id: itself, link: "measure_imposers", owner: "measure_id", column: "actor_id"}.cols(n),
			refList[M, record.Target]{name: "targets", ids: "target_ids", what: "the actors the measure is aimed at", ref: "actors",
				list: func(m M) []record.Target { return m.Targets }, id: func(t *record.Target) string { return t.Actor },
				link: "measure_targets", owner: "measure_id", column: "actor_id"}.cols(n),
			refList[M, string]{name: "coordinated_with", ids: "coordinated_with_ids", what: "the actors the measure was coordinated with", ref: "actors",
				list: func(m M) []string { return m.CoordinatedWith }, id: itself, link: "measure_coordination", owner: "measure_id", column: "actor_id"}.cols(n),
			refList[M, string]{name: "responds_to", ids: "responds_to_ids", what: "the events the measure responds to", ref: "events",
				list: func(m M) []string { return m.RespondsTo }, id: itself, link: "measure_responses", owner: "measure_id", column: "event_id"}.cols(n),
			refOne[M]{name: "announced_at", id: "announced_at_id", what: "the event at which the measure was announced", ref: "events",
				get: func(m M) string { return m.AnnouncedAt }, column: "announced_at"}.cols("measures", n),
			[]flatCol[M]{
				flatText("instruments", "the measure's instruments, in list order, joined by \"; \"; from measure_instruments.",
					func(m M) any { return joined(m.Instruments, itself) }, linkSQL("measure_instruments", "measure_id", "l.instrument")),
				flatText("gsdb_types", "the measure's distinct GSDB sanction types (the gsdb_type of its instruments, none for unspecified), in the order of their first instrument, joined by \"; \".",
					func(m M) any { return joined(gsdbTypesOf(m.Instruments), itself) },
					"(SELECT group_concat(v, '"+listSep+"') FROM (SELECT l.gsdb_type AS v FROM measure_instruments AS l "+
						"WHERE l.measure_id = r.id AND l.gsdb_type IS NOT NULL GROUP BY l.gsdb_type ORDER BY min(l.position)))"),
			},
			citeCols[M](),
		),
	}.table(src.Measures())
	return flat, []*Table{
		measures.table(src.Measures()),
		instruments.table(src.Measures()),
		ids("measure_imposers", "imposed_by", "actor_id", "actors", func(m M) []string { return m.ImposedBy }),
		targets.table(src.Measures()),
		ids("measure_coordination", "coordinated_with", "actor_id", "actors", func(m M) []string { return m.CoordinatedWith }),
		ids("measure_responses", "responds_to", "event_id", "events", func(m M) []string { return m.RespondsTo }),
		figureTable(b, "measure_figures", s.prop("figures"), "measure_id", "measures", src.Measures()),
	}
}

// multilateralNote says how to tell a unilateral measure from a
// multilateral one, as the Global Sanctions Data Base codes them.
const multilateralNote = "Unilateral or multilateral, as the Global Sanctions Data Base (GSDB) codes a case: " +
	"a measure is multilateral when `imposed_by` holds more than one actor (more than one row in `measure_imposers`) " +
	"or `coordinated_with` is not empty (at least one row in `measure_coordination`), and unilateral otherwise. " +
	"In SQL: `SELECT m.id, (SELECT count(*) FROM measure_imposers i WHERE i.measure_id = m.id) > 1 " +
	"OR EXISTS (SELECT 1 FROM measure_coordination c WHERE c.measure_id = m.id) AS multilateral FROM measures m`."

// lifeNote says how a measure's status and dates map to the stages of
// TIES and the statuses and dates of a Follow the Money (FtM) Sanction;
// statusDesc is the schema's description of status, which gives the
// mapping after its first colon.
func lifeNote(statusDesc string) string {
	if _, list, ok := strings.Cut(statusDesc, ": "); ok {
		statusDesc = list
	}
	return "The life of a measure: `status` is where the measure stands as the source reports it. " +
		"Each status maps to a stage of the Threat and Imposition of Economic Sanctions (TIES) data " +
		"or to a status or date of a FollowTheMoney (FtM) Sanction: " + statusDesc +
		" The dates `announced`, `effective` (FtM startDate) and `ended` (FtM endDate) date its steps; " +
		"`ended` is given only, and always, for a measure lifted or expired."
}

// gsdbNote lists each instrument with the GSDB type it falls under, from
// record.Instruments.
func gsdbNote() string {
	var pairs []string
	for _, i := range slices.Sorted(maps.Keys(record.Instruments)) {
		t := record.Instruments[i]
		if t == "" {
			t = "none (the source does not say)"
		}
		pairs = append(pairs, i+": "+t)
	}
	return "GSDB sanction types: `gsdb_type` is derived from `instrument` (" + strings.Join(pairs, "; ") +
		"). A measure's GSDB types are the distinct `gsdb_type` values of its rows here."
}

// gsdbTypesOf returns the distinct GSDB types of instruments, in the order
// of their first instrument, leaving out unspecified.
func gsdbTypesOf(instruments []string) []string {
	var out []string
	for _, i := range instruments {
		if t := record.Instruments[i]; t != "" && !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}

// gsdbTypes returns the GSDB types instruments fall under, sorted.
func gsdbTypes() []string {
	var out []string
	for _, t := range record.Instruments {
		if t != "" && !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	slices.Sort(out)
	return out
}
