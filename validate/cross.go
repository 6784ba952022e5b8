package validate

import (
	"fmt"
	"strconv"

	"curate/record"
)

// crossCheck runs the checks that span records and gathers the records into
// the dataset.
type crossCheck struct {
	files []*file
	ds    *record.Dataset
	byID  map[string]*entry
	ids   map[record.Kind][]string
}

func (c *crossCheck) run() {
	c.byID = map[string]*entry{}
	c.ids = map[record.Kind][]string{}
	for _, f := range c.files {
		for _, e := range f.records {
			if e.id == "" {
				continue
			}
			if first, dup := c.byID[e.id]; dup {
				f.add(finding{ptr: e.ptr("id"), offset: -1, rule: "duplicate-id",
					msg:     fmt.Sprintf("duplicate id %q", e.id),
					hint:    "every record needs an id of its own across the whole dataset",
					related: []relatedFinding{{first.file, first.ptr("id"), "first defined here", -1}}})
				continue
			}
			c.byID[e.id] = e
			c.ids[e.kind] = append(c.ids[e.kind], e.id)
			c.collect(e)
		}
	}
	for _, f := range c.files {
		for _, e := range f.records {
			c.references(e)
		}
	}
}

func (c *crossCheck) collect(e *entry) {
	switch r := e.rec.(type) {
	case *record.Actor:
		c.ds.Actors = append(c.ds.Actors, *r)
	case *record.Source:
		c.ds.Sources = append(c.ds.Sources, *r)
	case *record.Event:
		c.ds.Events = append(c.ds.Events, *r)
	case *record.Measure:
		c.ds.Measures = append(c.ds.Measures, *r)
	case *record.Statement:
		c.ds.Statements = append(c.ds.Statements, *r)
	}
}

// ref is a reference from a record to another record.
type ref struct {
	ptr   []string // pointer segments below the record
	id    string
	kinds []record.Kind // kinds allowed
}

var (
	actorKind    = []record.Kind{record.KindActor}
	eventKind    = []record.Kind{record.KindEvent}
	sourceKind   = []record.Kind{record.KindSource}
	subjectKinds = []record.Kind{record.KindEvent, record.KindMeasure, record.KindActor}
)

// refs lists every reference a record makes.
func refs(rec any) []ref {
	var out []ref
	one := func(id string, kinds []record.Kind, ptr ...string) {
		if id != "" {
			out = append(out, ref{ptr, id, kinds})
		}
	}
	list := func(ids []string, kinds []record.Kind, field string) {
		for i, id := range ids {
			one(id, kinds, field, strconv.Itoa(i))
		}
	}
	cites := func(cs []record.Citation) {
		for i, c := range cs {
			one(c.Source, sourceKind, "citations", strconv.Itoa(i), "source")
		}
	}
	switch r := rec.(type) {
	case *record.Actor:
		for i, role := range r.Roles {
			one(role.Of, actorKind, "roles", strconv.Itoa(i), "of")
		}
		one(r.PartOf, actorKind, "part_of")
		cites(r.Citations)
	case *record.Source:
		list(r.Credits, actorKind, "credits")
	case *record.Event:
		for i, p := range r.Actors {
			one(p.Actor, actorKind, "actors", strconv.Itoa(i), "actor")
		}
		for i, fg := range r.Figures {
			one(fg.AttributedTo, actorKind, "figures", strconv.Itoa(i), "attributed_to")
		}
		cites(r.Citations)
	case *record.Measure:
		list(r.ImposedBy, actorKind, "imposed_by")
		for i, t := range r.Targets {
			one(t.Actor, actorKind, "targets", strconv.Itoa(i), "actor")
		}
		list(r.CoordinatedWith, actorKind, "coordinated_with")
		list(r.RespondsTo, eventKind, "responds_to")
		cites(r.Citations)
	case *record.Statement:
		one(r.Speaker, actorKind, "speaker")
		one(r.Occasion, eventKind, "occasion")
		list(r.About, subjectKinds, "about")
		cites(r.Citations)
	}
	return out
}

func (c *crossCheck) references(e *entry) {
	for _, r := range refs(e.rec) {
		target, ok := c.byID[r.id]
		ptr := e.ptr(r.ptr...)
		if !ok {
			fd := finding{ptr: ptr, offset: -1, rule: "reference",
				msg: fmt.Sprintf("%s %q does not exist", kindNames(r.kinds), r.id)}
			var candidates [][]string
			for _, k := range r.kinds {
				candidates = append(candidates, c.ids[k])
			}
			if s := closest(r.id, candidates...); s != "" {
				fd.hint = fmt.Sprintf("did you mean %q?", s)
			}
			e.file.add(fd)
			continue
		}
		allowed := false
		for _, k := range r.kinds {
			allowed = allowed || k == target.kind
		}
		if !allowed {
			e.file.add(finding{ptr: ptr, offset: -1, rule: "reference-kind",
				msg:     fmt.Sprintf("%q is %s, not %s", r.id, withArticle(string(target.kind)), article(kindNames(r.kinds))),
				related: []relatedFinding{{target.file, target.ptr("id"), "defined here", -1}}})
		}
	}
}

func withArticle(k string) string {
	if k == "" {
		return "a record of unknown kind"
	}
	return article(k)
}

func kindNames(ks []record.Kind) string {
	s := ""
	for i, k := range ks {
		switch {
		case i == 0:
		case i == len(ks)-1:
			s += " or "
		default:
			s += ", "
		}
		s += string(k)
	}
	return s
}
