package store

// How a Store keeps a record on disk: its fields in the order the record
// model declares them, each string as its length (a uvarint) and its bytes,
// each list as its length plus one (0 for a nil list, so that nil and empty
// come back as they went in) and its items, an optional date as a byte
// (0 absent, 1 present) and its fields. Decoding makes one string of the
// whole record and slices every text out of it: one allocation for all of a
// record's texts. TestCodecEveryField fills every field of every kind by
// reflection and holds the round trip to it, so a field added to the model
// and not here fails a test.

import (
	"encoding/json"
	"errors"
	"math"

	"curate/record"
)

// errCorrupt is the error of a stored record that does not decode.
var errCorrupt = errors.New("a stored record does not decode")

// appendRecord appends the encoding of r to b.
func appendRecord(b []byte, r record.Record) []byte {
	e := enc{b}
	switch r := r.(type) {
	case *record.Actor:
		e.actor(r)
	case *record.Source:
		e.source(r)
	case *record.Event:
		e.event(r)
	case *record.Measure:
		e.measure(r)
	case *record.Statement:
		e.statement(r)
	}
	return e.b
}

type enc struct{ b []byte }

func (e *enc) uint(n uint64) {
	for n >= 0x80 {
		e.b = append(e.b, byte(n)|0x80)
		n >>= 7
	}
	e.b = append(e.b, byte(n))
}

func (e *enc) str(s string) {
	e.uint(uint64(len(s)))
	e.b = append(e.b, s...)
}

// count writes a list's length plus one, 0 for nil.
func (e *enc) count(n int, isNil bool) {
	if isNil {
		e.uint(0)
		return
	}
	e.uint(uint64(n) + 1)
}

func (e *enc) strs(ss []string) {
	e.count(len(ss), ss == nil)
	for _, s := range ss {
		e.str(s)
	}
}

func (e *enc) date(d *record.Date) {
	if d == nil {
		e.b = append(e.b, 0)
		return
	}
	e.b = append(e.b, 1)
	e.dateValue(d)
}

func (e *enc) dateValue(d *record.Date) {
	e.str(d.EDTF)
	e.str(d.Basis)
	e.str(d.Note)
}

func (e *enc) citation(c *record.Citation) {
	e.str(c.Source)
	e.str(c.Evidence)
	e.str(c.Locator)
}

func (e *enc) citations(cs []record.Citation) {
	e.count(len(cs), cs == nil)
	for i := range cs {
		e.citation(&cs[i])
	}
}

func (e *enc) figures(fs []record.Figure) {
	e.count(len(fs), fs == nil)
	for i := range fs {
		f := &fs[i]
		e.str(f.Metric)
		e.str(string(f.Quantity))
		e.str(string(f.Low))
		e.str(string(f.High))
		e.str(f.Unit)
		e.str(f.Qualifier)
		e.str(f.Period)
		e.str(f.Place)
		e.str(f.AttributedTo)
	}
}

func (e *enc) actor(a *record.Actor) {
	e.str(string(a.Kind))
	e.str(a.ID)
	e.str(a.ActorType)
	e.str(a.Label)
	e.str(a.Name)
	e.count(len(a.Aliases), a.Aliases == nil)
	for i := range a.Aliases {
		e.str(a.Aliases[i].Alias)
		e.citation(&a.Aliases[i].Citation)
	}
	e.str(a.Description)
	e.count(len(a.Roles), a.Roles == nil)
	for _, r := range a.Roles {
		e.str(r.Title)
		e.str(r.Of)
	}
	e.str(a.PartOf)
	e.str(a.Country)
	e.count(len(a.Identifiers), a.Identifiers == nil)
	for _, x := range a.Identifiers {
		e.str(x.Scheme)
		e.str(x.ID)
	}
	e.citations(a.Citations)
	e.str(a.Note)
}

func (e *enc) source(s *record.Source) {
	e.str(string(s.Kind))
	e.str(s.ID)
	e.str(s.SourceType)
	e.str(s.Title)
	e.str(s.Headline)
	e.str(s.Publisher)
	e.str(s.URL)
	e.dateValue(&s.Published)
	e.str(s.Language)
	e.str(s.File)
	e.str(s.SHA256)
	e.strs(s.Credits)
	e.str(s.Note)
}

func (e *enc) event(v *record.Event) {
	e.str(string(v.Kind))
	e.str(v.ID)
	e.str(v.EventType)
	e.str(v.Title)
	e.str(v.Description)
	e.date(v.Date)
	e.str(v.Place)
	e.str(v.Country)
	e.count(len(v.Actors), v.Actors == nil)
	for _, p := range v.Actors {
		e.str(p.Actor)
		e.str(p.Role)
	}
	e.figures(v.Figures)
	e.citations(v.Citations)
	e.str(v.Note)
}

func (e *enc) measure(m *record.Measure) {
	e.str(string(m.Kind))
	e.str(m.ID)
	e.str(m.MeasureType)
	e.str(m.Title)
	e.str(m.Description)
	e.str(m.Status)
	e.date(m.Announced)
	e.date(m.Effective)
	e.date(m.Ended)
	e.str(m.AnnouncedAt)
	e.strs(m.Instruments)
	e.strs(m.ImposedBy)
	e.count(len(m.Targets), m.Targets == nil)
	for _, t := range m.Targets {
		e.str(t.Actor)
		e.str(t.Scope)
	}
	e.strs(m.CoordinatedWith)
	e.strs(m.RespondsTo)
	e.str(m.LegalBasis)
	e.figures(m.Figures)
	e.citations(m.Citations)
	e.str(m.Note)
}

func (e *enc) statement(s *record.Statement) {
	e.str(string(s.Kind))
	e.str(s.ID)
	e.str(s.Speaker)
	e.str(s.Mode)
	e.str(s.Text)
	e.str(s.Language)
	e.date(s.Date)
	e.str(s.Place)
	e.str(s.Occasion)
	e.strs(s.Audience)
	e.str(s.Channel)
	e.strs(s.About)
	e.citations(s.Citations)
	e.str(s.Note)
}

// dec reads a record's encoding from s, which every text it returns is a
// part of. A malformed encoding sets bad and gives zero values.
type dec struct {
	s   string
	i   int
	bad bool
}

func (d *dec) uint() uint64 {
	var n uint64
	for shift := 0; shift < 64; shift += 7 {
		if d.i >= len(d.s) {
			d.bad = true
			return 0
		}
		c := d.s[d.i]
		d.i++
		n |= uint64(c&0x7f) << shift
		if c < 0x80 {
			return n
		}
	}
	d.bad = true
	return 0
}

func (d *dec) str() string {
	n := d.uint()
	if n > uint64(len(d.s)-d.i) {
		d.bad = true
		return ""
	}
	s := d.s[d.i : d.i+int(n)]
	d.i += int(n)
	return s
}

// count reads a list's length; -1 for nil.
func (d *dec) count() int {
	n := d.uint()
	// Every item takes a byte at least: a longer list is malformed.
	if n > uint64(len(d.s)-d.i)+1 || n > math.MaxInt32 {
		d.bad = true
		return -1
	}
	return int(n) - 1
}

// list makes the slice of n items (nil for -1).
func list[T any](n int) []T {
	if n < 0 {
		return nil
	}
	return make([]T, n)
}

func (d *dec) strs() []string {
	out := list[string](d.count())
	for i := range out {
		out[i] = d.str()
	}
	return out
}

func (d *dec) date() *record.Date {
	if d.i >= len(d.s) {
		d.bad = true
		return nil
	}
	present := d.s[d.i]
	d.i++
	if present == 0 {
		return nil
	}
	v := &record.Date{}
	d.dateValue(v)
	return v
}

func (d *dec) dateValue(v *record.Date) {
	v.EDTF = d.str()
	v.Basis = d.str()
	v.Note = d.str()
}

func (d *dec) citation(c *record.Citation) {
	c.Source = d.str()
	c.Evidence = d.str()
	c.Locator = d.str()
}

func (d *dec) citations() []record.Citation {
	out := list[record.Citation](d.count())
	for i := range out {
		d.citation(&out[i])
	}
	return out
}

func (d *dec) figures() []record.Figure {
	out := list[record.Figure](d.count())
	for i := range out {
		f := &out[i]
		f.Metric = d.str()
		f.Quantity = json.Number(d.str())
		f.Low = json.Number(d.str())
		f.High = json.Number(d.str())
		f.Unit = d.str()
		f.Qualifier = d.str()
		f.Period = d.str()
		f.Place = d.str()
		f.AttributedTo = d.str()
	}
	return out
}

func (d *dec) actor() *record.Actor {
	a := &record.Actor{}
	a.Kind = record.Kind(d.str())
	a.ID = d.str()
	a.ActorType = d.str()
	a.Label = d.str()
	a.Name = d.str()
	a.Aliases = list[record.Alias](d.count())
	for i := range a.Aliases {
		a.Aliases[i].Alias = d.str()
		d.citation(&a.Aliases[i].Citation)
	}
	a.Description = d.str()
	a.Roles = list[record.Role](d.count())
	for i := range a.Roles {
		a.Roles[i].Title = d.str()
		a.Roles[i].Of = d.str()
	}
	a.PartOf = d.str()
	a.Country = d.str()
	a.Identifiers = list[record.Identifier](d.count())
	for i := range a.Identifiers {
		a.Identifiers[i].Scheme = d.str()
		a.Identifiers[i].ID = d.str()
	}
	a.Citations = d.citations()
	a.Note = d.str()
	return a
}

func (d *dec) source() *record.Source {
	s := &record.Source{}
	s.Kind = record.Kind(d.str())
	s.ID = d.str()
	s.SourceType = d.str()
	s.Title = d.str()
	s.Headline = d.str()
	s.Publisher = d.str()
	s.URL = d.str()
	d.dateValue(&s.Published)
	s.Language = d.str()
	s.File = d.str()
	s.SHA256 = d.str()
	s.Credits = d.strs()
	s.Note = d.str()
	return s
}

func (d *dec) event() *record.Event {
	v := &record.Event{}
	v.Kind = record.Kind(d.str())
	v.ID = d.str()
	v.EventType = d.str()
	v.Title = d.str()
	v.Description = d.str()
	v.Date = d.date()
	v.Place = d.str()
	v.Country = d.str()
	v.Actors = list[record.Participant](d.count())
	for i := range v.Actors {
		v.Actors[i].Actor = d.str()
		v.Actors[i].Role = d.str()
	}
	v.Figures = d.figures()
	v.Citations = d.citations()
	v.Note = d.str()
	return v
}

func (d *dec) measure() *record.Measure {
	m := &record.Measure{}
	m.Kind = record.Kind(d.str())
	m.ID = d.str()
	m.MeasureType = d.str()
	m.Title = d.str()
	m.Description = d.str()
	m.Status = d.str()
	m.Announced = d.date()
	m.Effective = d.date()
	m.Ended = d.date()
	m.AnnouncedAt = d.str()
	m.Instruments = d.strs()
	m.ImposedBy = d.strs()
	m.Targets = list[record.Target](d.count())
	for i := range m.Targets {
		m.Targets[i].Actor = d.str()
		m.Targets[i].Scope = d.str()
	}
	m.CoordinatedWith = d.strs()
	m.RespondsTo = d.strs()
	m.LegalBasis = d.str()
	m.Figures = d.figures()
	m.Citations = d.citations()
	m.Note = d.str()
	return m
}

func (d *dec) statement() *record.Statement {
	s := &record.Statement{}
	s.Kind = record.Kind(d.str())
	s.ID = d.str()
	s.Speaker = d.str()
	s.Mode = d.str()
	s.Text = d.str()
	s.Language = d.str()
	s.Date = d.date()
	s.Place = d.str()
	s.Occasion = d.str()
	s.Audience = d.strs()
	s.Channel = d.str()
	s.About = d.strs()
	s.Citations = d.citations()
	s.Note = d.str()
	return s
}

// decodeRecord decodes a record of kind k from its encoding s; it fails
// when s is not a whole record's encoding.
func decodeRecord(k record.Kind, s string) (record.Record, error) {
	d := dec{s: s}
	var r record.Record
	switch k {
	case record.KindActor:
		r = d.actor()
	case record.KindSource:
		r = d.source()
	case record.KindEvent:
		r = d.event()
	case record.KindMeasure:
		r = d.measure()
	case record.KindStatement:
		r = d.statement()
	default:
		return nil, errCorrupt
	}
	if d.bad || d.i != len(s) {
		return nil, errCorrupt
	}
	return r, nil
}
