package table

import (
	"iter"
	"strings"

	"curate/record"
)

// The flat tables: measures_flat, events_flat and statements_flat, one row
// per record with the names (labels, titles) of the records it refers to
// beside their ids, its date columns and its first excerpt, for analysts who
// filter and read rather than join. They are derived from the normalised
// tables, which stay for those who join. Each flat column is declared once
// with its cell in Go and the SQL expression that gives the same cell from
// the normalised tables: the SQLite database holds the flat tables as
// views of these expressions, and a test holds the views' rows to the
// tables' cell for cell.

// Derived describes a derived table: what it answers and the query that
// gives its rows from the normalised tables.
type Derived struct {
	// Answers says in one line what the table answers (the workbook's
	// about sheet lists it).
	Answers string
	// SQL is a SELECT over the normalised tables, as the SQLite database
	// names them, giving the table's rows in order.
	SQL string
}

// listSep separates the items of a list in one cell of a flat table.
const listSep = "; "

// names gives the name of each record a flat table names: an actor's
// label, an event's or a measure's title (gathered by tables).
type names struct {
	actor, event, measure map[string]string
}

// of returns the name of the record id in the table ref (actors, events,
// measures; "" for the table its kind names).
func (n *names) of(ref, id string) string {
	if ref == "" {
		k, _ := record.KindOf(id)
		ref = string(k) + "s"
	}
	switch ref {
	case "actors":
		return n.actor[id]
	case "events":
		return n.event[id]
	case "measures":
		return n.measure[id]
	}
	return ""
}

// nameSQL returns the SQL of the name of the record whose id is the SQL
// expression id, in the table ref ("" for any of actors, events and
// measures).
func nameSQL(ref, id string) string {
	one := func(t string) string {
		col := "title"
		if t == "actors" {
			col = "label"
		}
		return "(SELECT x." + col + " FROM " + t + " AS x WHERE x.id = " + id + ")"
	}
	if ref != "" {
		return one(ref)
	}
	return "coalesce(" + one("events") + ", " + one("measures") + ", " + one("actors") + ")"
}

// joined joins f of each item with listSep, in one allocation; nil (the
// empty cell) for none.
func joined[I any](items []I, f func(*I) string) any {
	switch len(items) {
	case 0:
		return nil
	case 1:
		return str(f(&items[0]))
	}
	n := len(listSep) * (len(items) - 1)
	for i := range items {
		n += len(f(&items[i]))
	}
	var b strings.Builder
	b.Grow(n)
	for i := range items {
		if i > 0 {
			b.WriteString(listSep)
		}
		b.WriteString(f(&items[i]))
	}
	return b.String()
}

// itself is the item of a list of strings.
func itself(s *string) string { return *s }

// linkSQL returns the SQL of a list cell: the values of expr over the rows
// l of the link table whose owner column holds the row's id, in list order,
// joined with listSep; NULL for none. (Ordered in a subquery rather than
// with group_concat(... ORDER BY ...), which SQLite reads only since 3.44:
// an aggregate's subquery keeps its ORDER BY, as SQLite never flattens it.)
func linkSQL(link, owner, expr string) string {
	return "(SELECT group_concat(v, '" + listSep + "') FROM (SELECT " + expr + " AS v FROM " + link +
		" AS l WHERE l." + owner + " = r.id ORDER BY l.position))"
}

// flatCol is a column of a flat table: the column with its cell in Go, and
// the SQL expression giving the same cell from the normalised tables, the
// row's record being r.
type flatCol[R any] struct {
	col[R]
	sql string
}

// flatDef declares a flat table: one row per record of the table from
// (its rows are values of R).
type flatDef[R any] struct {
	name, from, desc, answers string
	cols                      []flatCol[R]
}

// table makes the flat table of the records, one row each, in order.
func (d flatDef[R]) table(records iter.Seq[R]) *Table {
	cols := make([]col[R], len(d.cols))
	var q strings.Builder
	q.WriteString("SELECT ")
	for i, c := range d.cols {
		cols[i] = c.col
		if i > 0 {
			q.WriteString(",\n  ")
		}
		q.WriteString(c.sql + " AS " + quoteSQL(c.Name))
	}
	q.WriteString("\nFROM " + d.from + " AS r\nORDER BY r.id")
	t := tableDef[R]{name: d.name, desc: d.desc, cols: cols, key: []string{"id"}}.table(records)
	t.Derived = &Derived{Answers: d.answers, SQL: q.String()}
	return t
}

// quoteSQL quotes an SQL identifier.
func quoteSQL(name string) string { return `"` + strings.ReplaceAll(name, `"`, `""`) + `"` }

// same returns the columns of the main table (whose columns are cols) of
// the given names, as they are there, marked derived.
func same[R any](table string, cols []col[R], names ...string) []flatCol[R] {
	out := make([]flatCol[R], 0, len(names))
	for _, n := range names {
		i := 0
		for i < len(cols) && cols[i].Name != n {
			i++
		}
		if i == len(cols) {
			panic("export: table " + table + " has no column " + n)
		}
		c := cols[i]
		c.Description = "Derived: as " + table + "." + n + ". " + c.Description
		out = append(out, flatCol[R]{c, "r." + quoteSQL(n)})
	}
	return out
}

// sameDate returns the columns of a date of the main table analysts filter
// on: the EDTF text, its first and last day, its precision and basis.
func sameDate[R any](table string, cols []col[R], name string) []flatCol[R] {
	return same(table, cols, name, name+"_earliest", name+"_latest", name+"_precision", name+"_basis")
}

// flatText is a text column of a flat table.
func flatText[R any](name, desc string, cell func(R) any, sql string) flatCol[R] {
	return flatCol[R]{col[R]{Column{Name: name, Type: String, Description: "Derived: " + desc}, cell}, sql}
}

// refList declares the two columns of a list in a record (of items I,
// each naming a record by the id id gives): name, the names of the
// records, and ids, their ids, each in list order joined by "; ". The list
// is also the link table link, whose column owner holds the record's id and
// column the item's id.
type refList[R, I any] struct {
	name, ids   string
	what        string // what the list holds, e.g. "the actors that imposed the measure"
	ref         string // the table the ids are of: actors, events; "" for any kind
	list        func(R) []I
	id          func(*I) string
	link, owner string
	column      string
}

func (l refList[R, I]) cols(n *names) []flatCol[R] {
	name := func(x *I) string { return n.of(l.ref, l.id(x)) }
	return []flatCol[R]{
		flatText(l.name, "the names of "+l.what+" (labels of actors, titles of events and measures), in list order, joined by \"; \"; from "+l.link+".",
			func(r R) any { return joined(l.list(r), name) },
			linkSQL(l.link, l.owner, nameSQL(l.ref, "l."+l.column))),
		flatText(l.ids, "the identifiers of "+l.what+", in list order, joined by \"; \" (in "+l.link+", one row each, to join on).",
			func(r R) any { return joined(l.list(r), l.id) },
			linkSQL(l.link, l.owner, "l."+l.column)),
	}
}

// refOne declares the two columns of one id in a record: name, the name of
// the record, and id, its id (the main table's column column).
type refOne[R any] struct {
	name, id string
	what     string
	ref      string
	get      func(R) string
	column   string
}

func (o refOne[R]) cols(table string, n *names) []flatCol[R] {
	return []flatCol[R]{
		flatText(o.name, "the name of "+o.what+" (its label or title).",
			func(r R) any { return str(n.of(o.ref, o.get(r))) },
			nameSQL(o.ref, "r."+quoteSQL(o.column))),
		flatText(o.id, "the identifier of "+o.what+" (as "+table+"."+o.column+").",
			func(r R) any { return str(o.get(r)) },
			"r."+quoteSQL(o.column)),
	}
}

// citeCols are the columns of a record's citations: how many, and the
// first one's excerpt and source.
func citeCols[R record.Record]() []flatCol[R] {
	first := func(r R) *record.Citation {
		if cs := r.Cites(); len(cs) > 0 {
			return &cs[0]
		}
		return nil
	}
	one := func(col string) string {
		return "(SELECT c." + col + " FROM citations AS c WHERE c.record_id = r.id AND c.position = 1)"
	}
	return []flatCol[R]{
		{col[R]{Column{Name: "citation_count", Type: Integer, Required: true, Description: "Derived: the number of the record's citations (its rows in citations)."},
			func(r R) any { return len(r.Cites()) }},
			"(SELECT count(*) FROM citations AS c WHERE c.record_id = r.id)"},
		{col[R]{Column{Name: "first_evidence", Type: String, Required: true, Description: "Derived: the excerpt of the record's first citation, verbatim from its source (the others are in citations)."},
			func(r R) any {
				if c := first(r); c != nil {
					return c.Evidence
				}
				return nil
			}},
			one("evidence")},
		{col[R]{Column{Name: "first_evidence_source_id", Type: String, Required: true, Description: "Derived: the identifier of the source of first_evidence."},
			func(r R) any {
				if c := first(r); c != nil {
					return c.Source
				}
				return nil
			}},
			one("source_id")},
	}
}

// flatDesc is the description of a flat table of kind, built from the
// tables from.
func flatDesc(kind, from string) string {
	return "Derived: one row per " + kind + ", with the names of the records it refers to beside their identifiers, its dates and its first excerpt; " +
		"built from " + from + ", which stay for those who join. Lists are joined by \"; \" in list order."
}
