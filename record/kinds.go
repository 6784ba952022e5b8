package record

import (
	"iter"
	"strconv"
)

// Record is what every record kind has in common: an id, a kind, the
// citations that support it and the references it makes to other records.
// Every kind's type implements it on its pointer; commands that treat all
// records alike go through it, so that a new kind needs its type, its schema
// and its tables, and no type switch elsewhere.
type Record interface {
	// RecordID is the record's id.
	RecordID() string
	// RecordKind is the record's kind.
	RecordKind() Kind
	// Cites returns the record's citations (nil for a kind without any).
	Cites() []Citation
	// Refs lists the references the record makes, in the order of its
	// properties, each with its pointer below the record.
	Refs() []Ref
	// Excerpts lists every citation the record holds, its own and those
	// inside its parts (an alias's), each with its pointer below the
	// record: the evidence to check against the sources.
	Excerpts() []Excerpt
}

// Figured is a record that holds figures (events, measures).
type Figured interface {
	// FigureList returns the record's figures, at "/figures" below it.
	FigureList() []Figure
}

// FigureList implements Figured.
func (e *Event) FigureList() []Figure { return e.Figures }

// FigureList implements Figured.
func (m *Measure) FigureList() []Figure { return m.Figures }

// Excerpt is a citation with its place in the record.
type Excerpt struct {
	Pointer string // pointer of the citation object below the record, e.g. "/citations/0"
	Citation
}

// Ref is one reference from a record to another record.
type Ref struct {
	Pointer string // JSON pointer of the referring value below the record, e.g. "/targets/0/actor"
	ID      string // the id referred to
	Kinds   []Kind // the kinds the referred record may have
}

// Quoter is a record whose own text must occur in a source it cites (a
// statement's text).
type Quoter interface {
	// Quote returns the pointer of the text below the record and the text.
	Quote() (pointer, text string)
}

// New returns a new, empty record of kind k, ready to be decoded into, and
// false for an unknown kind.
func New(k Kind) (Record, bool) {
	switch k {
	case KindActor:
		return &Actor{}, true
	case KindSource:
		return &Source{}, true
	case KindEvent:
		return &Event{}, true
	case KindMeasure:
		return &Measure{}, true
	case KindStatement:
		return &Statement{}, true
	}
	return nil, false
}

// Add appends r to the dataset's records of its kind.
func (d *Dataset) Add(r Record) {
	switch r := r.(type) {
	case *Actor:
		d.Actors = append(d.Actors, *r)
	case *Source:
		d.Sources = append(d.Sources, *r)
	case *Event:
		d.Events = append(d.Events, *r)
	case *Measure:
		d.Measures = append(d.Measures, *r)
	case *Statement:
		d.Statements = append(d.Statements, *r)
	}
}

// All visits every record of the dataset, kind by kind in the order of
// Kinds, each kind in its stored order (by id once sorted).
func (d *Dataset) All() iter.Seq[Record] {
	return func(yield func(Record) bool) {
		_ = each(d.Actors, yield) && each(d.Sources, yield) && each(d.Events, yield) &&
			each(d.Measures, yield) && each(d.Statements, yield)
	}
}

func each[T any, P interface {
	*T
	Record
}](items []T, yield func(Record) bool) bool {
	for i := range items {
		if !yield(P(&items[i])) {
			return false
		}
	}
	return true
}

// refs builds a record's reference list.
type refs []Ref

func (rs *refs) one(id string, kinds []Kind, ptr string) {
	if id != "" {
		*rs = append(*rs, Ref{ptr, id, kinds})
	}
}

func (rs *refs) list(ids []string, kinds []Kind, field string) {
	for i, id := range ids {
		rs.one(id, kinds, "/"+field+"/"+strconv.Itoa(i))
	}
}

// excerpts lists citations under a field ("citations").
func excerpts(field string, cs []Citation) []Excerpt {
	out := make([]Excerpt, len(cs))
	for i, c := range cs {
		out[i] = Excerpt{"/" + field + "/" + strconv.Itoa(i), c}
	}
	return out
}

func (rs *refs) cites(cs []Citation) {
	for i, c := range cs {
		rs.one(c.Source, sourceKind, "/citations/"+strconv.Itoa(i)+"/source")
	}
}

var (
	actorKind    = []Kind{KindActor}
	eventKind    = []Kind{KindEvent}
	sourceKind   = []Kind{KindSource}
	subjectKinds = []Kind{KindEvent, KindMeasure, KindActor}
)

func idx(field string, i int, sub string) string {
	return "/" + field + "/" + strconv.Itoa(i) + "/" + sub
}

// RecordID implements Record.
func (a *Actor) RecordID() string { return a.ID }

// RecordKind implements Record.
func (a *Actor) RecordKind() Kind { return KindActor }

// Cites implements Record.
func (a *Actor) Cites() []Citation { return a.Citations }

// Refs implements Record.
func (a *Actor) Refs() []Ref {
	var rs refs
	for i, role := range a.Roles {
		rs.one(role.Of, actorKind, idx("roles", i, "of"))
	}
	rs.one(a.PartOf, actorKind, "/part_of")
	for i, al := range a.Aliases {
		rs.one(al.Citation.Source, sourceKind, idx("aliases", i, "citation/source"))
	}
	rs.cites(a.Citations)
	return rs
}

// Excerpts implements Record: the citations, then each alias's.
func (a *Actor) Excerpts() []Excerpt {
	out := excerpts("citations", a.Citations)
	for i, al := range a.Aliases {
		out = append(out, Excerpt{idx("aliases", i, "citation"), al.Citation})
	}
	return out
}

// RecordID implements Record.
func (s *Source) RecordID() string { return s.ID }

// RecordKind implements Record.
func (s *Source) RecordKind() Kind { return KindSource }

// Cites implements Record: a source cites nothing.
func (s *Source) Cites() []Citation { return nil }

// Excerpts implements Record: a source holds none.
func (s *Source) Excerpts() []Excerpt { return nil }

// Refs implements Record.
func (s *Source) Refs() []Ref {
	var rs refs
	rs.list(s.Credits, actorKind, "credits")
	return rs
}

// RecordID implements Record.
func (e *Event) RecordID() string { return e.ID }

// RecordKind implements Record.
func (e *Event) RecordKind() Kind { return KindEvent }

// Cites implements Record.
func (e *Event) Cites() []Citation { return e.Citations }

// Refs implements Record.
func (e *Event) Refs() []Ref {
	var rs refs
	for i, p := range e.Actors {
		rs.one(p.Actor, actorKind, idx("actors", i, "actor"))
	}
	for i, f := range e.Figures {
		rs.one(f.AttributedTo, actorKind, idx("figures", i, "attributed_to"))
	}
	rs.cites(e.Citations)
	return rs
}

// Excerpts implements Record.
func (e *Event) Excerpts() []Excerpt { return excerpts("citations", e.Citations) }

// RecordID implements Record.
func (m *Measure) RecordID() string { return m.ID }

// RecordKind implements Record.
func (m *Measure) RecordKind() Kind { return KindMeasure }

// Cites implements Record.
func (m *Measure) Cites() []Citation { return m.Citations }

// Refs implements Record.
func (m *Measure) Refs() []Ref {
	var rs refs
	rs.one(m.AnnouncedAt, eventKind, "/announced_at")
	rs.list(m.ImposedBy, actorKind, "imposed_by")
	for i, t := range m.Targets {
		rs.one(t.Actor, actorKind, idx("targets", i, "actor"))
	}
	rs.list(m.CoordinatedWith, actorKind, "coordinated_with")
	rs.list(m.RespondsTo, eventKind, "responds_to")
	for i, f := range m.Figures {
		rs.one(f.AttributedTo, actorKind, idx("figures", i, "attributed_to"))
	}
	rs.cites(m.Citations)
	return rs
}

// Excerpts implements Record.
func (m *Measure) Excerpts() []Excerpt { return excerpts("citations", m.Citations) }

// RecordID implements Record.
func (s *Statement) RecordID() string { return s.ID }

// RecordKind implements Record.
func (s *Statement) RecordKind() Kind { return KindStatement }

// Cites implements Record.
func (s *Statement) Cites() []Citation { return s.Citations }

// Refs implements Record.
func (s *Statement) Refs() []Ref {
	var rs refs
	rs.one(s.Speaker, actorKind, "/speaker")
	rs.one(s.Occasion, eventKind, "/occasion")
	rs.list(s.Audience, actorKind, "audience")
	rs.list(s.About, subjectKinds, "about")
	rs.cites(s.Citations)
	return rs
}

// Excerpts implements Record.
func (s *Statement) Excerpts() []Excerpt { return excerpts("citations", s.Citations) }

// Quote implements Quoter: a statement's text, quotation or paraphrase,
// must occur in a source it cites.
func (s *Statement) Quote() (pointer, text string) { return "/text", s.Text }
