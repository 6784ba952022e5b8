package canonical

import (
	"encoding/json"
	"fmt"
	"math/big"
	"net/url"
	"strings"
	"sync"

	"curate/jsonpos"
)

// Schemas holds the schema files as Decode reads them, with every object's
// keys in the order the file gives them, so that the order of "properties"
// in a schema is the order of keys in the canonical form.
type Schemas struct {
	docs map[string]*Object // schema documents by their $id (or base URL and name)

	mu   sync.Mutex
	refs map[[2]string]refTarget // resolve's answers by document and $ref
}

type refTarget struct {
	loc Loc
	ok  bool
}

// NewSchemas reads schema files, given as schema.Set.Files returns them:
// their names, and their bytes by name. base is the URL a file without an
// $id is known by, followed by its name.
func NewSchemas(base string, names []string, files map[string][]byte) (*Schemas, error) {
	s := &Schemas{docs: map[string]*Object{}, refs: map[[2]string]refTarget{}}
	for _, name := range names {
		data := files[name]
		if _, errs := jsonpos.Parse(data); len(errs) > 0 {
			line, col := jsonpos.NewLines(data).Position(errs[0].Offset)
			return nil, fmt.Errorf("%s:%d:%d: %s", name, line, col, errs[0].Msg)
		}
		v, err := Decode(data)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", name, err)
		}
		doc, ok := v.(*Object)
		if !ok {
			return nil, fmt.Errorf("%s: a schema file holds an object", name)
		}
		id, _ := getString(doc, "$id")
		if id == "" {
			id = base + name
		}
		s.docs[strings.TrimSuffix(id, "#")] = doc
	}
	return s, nil
}

// Root returns where the schema document with the given $id starts, and
// false when there is no such document.
func (s *Schemas) Root(id string) (Loc, bool) {
	doc, ok := s.docs[id]
	return Loc{id, doc}, ok
}

// KeyOrder returns the property names the schema at l gives an instance v,
// in the schema's order: its "properties", and those of every schema it
// applies to v through "$ref", "allOf", "anyOf", "oneOf", "then" or "else"
// (when v matches or fails the "if") and "dependentSchemas", each in the
// order the schema files write them.
func (s *Schemas) KeyOrder(l Loc, v any) []string { return s.expand([]Loc{l}, v).order }

// Loc is a place in a schema document: the document's $id and the schema
// object there.
type Loc struct {
	Doc  string
	Node *Object
}

// shape is what the schemas that apply to one instance say about its
// children: the known property names in order, the schemas of each
// property, of the items of an array and of other properties.
type shape struct {
	order []string
	props map[string][]Loc
	items []Loc
	extra []Loc
}

// maxVisits bounds the schemas expand follows for one instance: a $ref loop
// in a schema given with --schema must not hang the command.
const maxVisits = 10000

// expand gathers the shape of the instance v from the schemas at locs.
func (s *Schemas) expand(locs []Loc, v any) *shape {
	sh := &shape{props: map[string][]Loc{}}
	visits := 0
	var visit func(l Loc)
	visit = func(l Loc) {
		if l.Node == nil || visits >= maxVisits {
			return
		}
		visits++
		for _, m := range l.Node.Members {
			switch m.Key {
			case "$ref":
				if ref, ok := m.Value.(string); ok {
					if r, ok := s.resolve(l.Doc, ref); ok {
						visit(r)
					}
				}
			case "properties":
				props, _ := m.Value.(*Object)
				if props == nil {
					continue
				}
				for _, p := range props.Members {
					if _, ok := sh.props[p.Key]; !ok {
						sh.order = append(sh.order, p.Key)
						sh.props[p.Key] = nil
					}
					if sub, ok := p.Value.(*Object); ok {
						sh.props[p.Key] = append(sh.props[p.Key], Loc{l.Doc, sub})
					}
				}
			case "items":
				if sub, ok := m.Value.(*Object); ok {
					sh.items = append(sh.items, Loc{l.Doc, sub})
				}
			case "additionalProperties", "unevaluatedProperties":
				if sub, ok := m.Value.(*Object); ok {
					sh.extra = append(sh.extra, Loc{l.Doc, sub})
				}
			case "allOf", "anyOf", "oneOf":
				branches, _ := m.Value.([]any)
				for _, b := range branches {
					if sub, ok := b.(*Object); ok {
						visit(Loc{l.Doc, sub})
					}
				}
			case "then", "else":
				cond, ok := l.Node.Get("if")
				if !ok {
					continue
				}
				if s.matches(Loc{l.Doc, asObject(cond)}, cond, v, 0) == (m.Key == "then") {
					if sub, ok := m.Value.(*Object); ok {
						visit(Loc{l.Doc, sub})
					}
				}
			case "dependentSchemas":
				deps, _ := m.Value.(*Object)
				obj, _ := v.(*Object)
				if deps == nil || obj == nil {
					continue
				}
				for _, d := range deps.Members {
					if _, present := obj.Get(d.Key); present {
						if sub, ok := d.Value.(*Object); ok {
							visit(Loc{l.Doc, sub})
						}
					}
				}
			}
		}
	}
	for _, l := range locs {
		visit(l)
	}
	return sh
}

func asObject(v any) *Object {
	o, _ := v.(*Object)
	return o
}

// resolve follows a $ref from the document doc: a URL relative to the
// document's $id, with an optional fragment that is a JSON pointer.
func (s *Schemas) resolve(doc, ref string) (Loc, bool) {
	key := [2]string{doc, ref}
	s.mu.Lock()
	t, seen := s.refs[key]
	s.mu.Unlock()
	if !seen {
		t.loc, t.ok = s.resolveRef(doc, ref)
		s.mu.Lock()
		s.refs[key] = t
		s.mu.Unlock()
	}
	return t.loc, t.ok
}

var pointerUnescaper = strings.NewReplacer("~1", "/", "~0", "~")

func (s *Schemas) resolveRef(doc, ref string) (Loc, bool) {
	u, frag, _ := strings.Cut(ref, "#")
	target := doc
	if u != "" {
		b, err := url.Parse(doc)
		if err != nil {
			return Loc{}, false
		}
		r, err := url.Parse(u)
		if err != nil {
			return Loc{}, false
		}
		target = b.ResolveReference(r).String()
	}
	root, ok := s.docs[target]
	if !ok {
		return Loc{}, false
	}
	var v any = root
	if frag != "" {
		if !strings.HasPrefix(frag, "/") {
			return Loc{}, false // an anchor: not used by our schemas
		}
		for _, seg := range strings.Split(frag[1:], "/") {
			seg, err := url.PathUnescape(seg)
			seg = pointerUnescaper.Replace(seg)
			o, ok := v.(*Object)
			if err != nil || !ok {
				return Loc{}, false
			}
			if v, ok = o.Get(seg); !ok {
				return Loc{}, false
			}
		}
	}
	o, ok := v.(*Object)
	return Loc{target, o}, ok
}

// matches reports whether v passes the schema cond (the value of an "if")
// as far as the keywords that pick a branch go: const, enum, type,
// required, properties, $ref, allOf, anyOf, oneOf and not. Other keywords
// are taken to pass.
func (s *Schemas) matches(l Loc, cond, v any, depth int) bool {
	if b, ok := cond.(bool); ok {
		return b
	}
	if l.Node == nil || depth > 50 {
		return true
	}
	for _, m := range l.Node.Members {
		switch m.Key {
		case "const":
			if !equal(v, m.Value) {
				return false
			}
		case "enum":
			vals, _ := m.Value.([]any)
			found := false
			for _, e := range vals {
				if equal(v, e) {
					found = true
					break
				}
			}
			if !found {
				return false
			}
		case "type":
			if !hasType(v, m.Value) {
				return false
			}
		case "required":
			obj, ok := v.(*Object)
			names, _ := m.Value.([]any)
			if !ok {
				continue
			}
			for _, n := range names {
				if name, ok := n.(string); ok {
					if _, present := obj.Get(name); !present {
						return false
					}
				}
			}
		case "properties":
			obj, ok := v.(*Object)
			props, _ := m.Value.(*Object)
			if !ok || props == nil {
				continue
			}
			for _, p := range props.Members {
				if pv, present := obj.Get(p.Key); present && !s.matches(Loc{l.Doc, asObject(p.Value)}, p.Value, pv, depth+1) {
					return false
				}
			}
		case "$ref":
			ref, _ := m.Value.(string)
			if r, ok := s.resolve(l.Doc, ref); ok && !s.matches(r, r.Node, v, depth+1) {
				return false
			}
		case "allOf", "anyOf", "oneOf":
			branches, _ := m.Value.([]any)
			n := 0
			for _, b := range branches {
				if s.matches(Loc{l.Doc, asObject(b)}, b, v, depth+1) {
					n++
				}
			}
			switch {
			case m.Key == "allOf" && n < len(branches),
				m.Key == "anyOf" && n == 0 && len(branches) > 0,
				m.Key == "oneOf" && n != 1 && len(branches) > 0:
				return false
			}
		case "not":
			if s.matches(Loc{l.Doc, asObject(m.Value)}, m.Value, v, depth+1) {
				return false
			}
		}
	}
	return true
}

// hasType reports whether v has the JSON Schema type (or one of the types)
// t names.
func hasType(v, t any) bool {
	var names []string
	switch tt := t.(type) {
	case string:
		names = []string{tt}
	case []any:
		for _, x := range tt {
			if s, ok := x.(string); ok {
				names = append(names, s)
			}
		}
	default:
		return true
	}
	for _, n := range names {
		switch x := v.(type) {
		case *Object:
			if n == "object" {
				return true
			}
		case []any:
			if n == "array" {
				return true
			}
		case string:
			if n == "string" {
				return true
			}
		case bool:
			if n == "boolean" {
				return true
			}
		case nil:
			if n == "null" {
				return true
			}
		case json.Number:
			if n == "number" {
				return true
			}
			if r, ok := new(big.Rat).SetString(string(x)); ok && n == "integer" && r.IsInt() {
				return true
			}
		}
	}
	return false
}

// equal reports whether two values of Decode are equal as JSON Schema
// compares them: numbers by value, objects whatever their order.
func equal(a, b any) bool {
	switch x := a.(type) {
	case *Object:
		y, ok := b.(*Object)
		if !ok || len(x.Members) != len(y.Members) {
			return false
		}
		for _, m := range x.Members {
			w, ok := y.Get(m.Key)
			if !ok || !equal(m.Value, w) {
				return false
			}
		}
		return true
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !equal(x[i], y[i]) {
				return false
			}
		}
		return true
	case json.Number:
		y, ok := b.(json.Number)
		if !ok {
			return false
		}
		if x == y {
			return true
		}
		rx, okx := new(big.Rat).SetString(string(x))
		ry, oky := new(big.Rat).SetString(string(y))
		return okx && oky && rx.Cmp(ry) == 0
	}
	return a == b
}

func getString(o *Object, key string) (string, bool) {
	v, ok := o.Get(key)
	s, isString := v.(string)
	return s, ok && isString
}
