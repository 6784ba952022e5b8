package schema

import (
	"encoding/json"
	"fmt"
	"math/big"
	"slices"
	"strings"
	"unicode/utf8"

	"curate/edtf"
)

// A Checker answers one question fast: is a value valid against a schema?
// It is compiled from the same schema documents as the jsonschema/v5 schema,
// for the keywords the project's schema uses (annotations aside: $ref, type,
// enum, const, pattern, minLength, maxLength, minItems, maxItems,
// uniqueItems, minimum, maximum, required, properties,
// additionalProperties, items, allOf, anyOf, oneOf, not, if, then, else,
// format), with the same formats asserted. Validation walks the value with
// no allocation on the valid path, several times faster than building
// jsonschema/v5's result tree; when a value is invalid, the caller asks
// jsonschema/v5 for the errors it reports. A schema with any other
// keyword has no Checker (Set.Checker returns nil), and everything goes
// through jsonschema/v5. A differential test holds the two to the same
// answer.
type Checker struct {
	root *node
}

// Valid reports whether v is valid.
func (c *Checker) Valid(v any) bool { return c.root.valid(v) }

// node is one compiled schema object.
type node struct {
	always, never bool // true schema / false schema
	ref           *node
	types         []string
	enum          []any
	constant      any
	hasConst      bool
	pattern       matcher
	minLen        int // -1 when absent
	maxLen        int
	minItems      int
	maxItems      int
	unique        bool
	minimum       *big.Rat
	maximum       *big.Rat
	required      []string
	props         map[string]*node
	addl          *node // nil: any additional property allowed
	items         *node
	allOf         []*node
	anyOf         []*node
	oneOf         []*node
	not           *node
	ifN           *node
	thenN, elseN  *node
	format        func(string) bool
}

// annotations are keywords that do not constrain a value.
var annotations = map[string]bool{"$schema": true, "$id": true, "$defs": true, "$comment": true, "title": true,
	"description": true, "version": true, "examples": true, "default": true, "deprecated": true, "readOnly": true, "writeOnly": true}

// errUnsupported stops compilation at a keyword the Checker does not know.
type errUnsupported struct{ keyword, at string }

func (e errUnsupported) Error() string { return fmt.Sprintf("keyword %q at %s", e.keyword, e.at) }

// compiler builds nodes, each schema location once, so that $ref cycles
// end.
type compiler struct {
	set   *Set
	nodes map[string]*node
}

// checker compiles the schema at the absolute location loc; nil when the
// schema uses a keyword the Checker does not support.
func (s *Set) checker(loc string) *Checker {
	c := &compiler{set: s, nodes: map[string]*node{}}
	n, err := c.compile(loc)
	if err != nil {
		return nil
	}
	return &Checker{n}
}

func (c *compiler) compile(loc string) (*node, error) {
	if n, ok := c.nodes[loc]; ok {
		return n, nil
	}
	v, ok := c.set.Resolve(loc)
	if !ok {
		return nil, fmt.Errorf("no schema at %s", loc)
	}
	n := &node{minLen: -1, maxLen: -1, minItems: -1, maxItems: -1}
	c.nodes[loc] = n
	switch t := v.(type) {
	case bool:
		n.always, n.never = t, !t
		return n, nil
	case map[string]any:
	default:
		return nil, errUnsupported{"(not a schema)", loc}
	}
	m := v.(map[string]any)
	sub := func(key string) (*node, error) { return c.compile(loc + "/" + key) }
	list := func(key string) ([]*node, error) {
		arr, _ := m[key].([]any)
		var out []*node
		for i := range arr {
			x, err := c.compile(fmt.Sprintf("%s/%s/%d", loc, key, i))
			if err != nil {
				return nil, err
			}
			out = append(out, x)
		}
		return out, nil
	}
	count := func(key string) int {
		n, ok := m[key].(json.Number)
		if !ok {
			return -1
		}
		i, err := n.Int64()
		if err != nil {
			return -1
		}
		return int(i)
	}
	var err error
	for k, x := range m {
		switch k {
		case "$ref":
			ref, _ := x.(string)
			if n.ref, err = c.compile(c.set.resolveRef(loc, ref)); err != nil {
				return nil, err
			}
		case "type":
			switch t := x.(type) {
			case string:
				n.types = []string{t}
			case []any:
				for _, y := range t {
					s, _ := y.(string)
					n.types = append(n.types, s)
				}
			}
		case "enum":
			n.enum, _ = x.([]any)
		case "const":
			n.constant, n.hasConst = x, true
		case "pattern":
			p, _ := x.(string)
			if n.pattern, err = compilePattern(p); err != nil {
				return nil, err
			}
		case "minLength":
			n.minLen = count(k)
		case "maxLength":
			n.maxLen = count(k)
		case "minItems":
			n.minItems = count(k)
		case "maxItems":
			n.maxItems = count(k)
		case "uniqueItems":
			n.unique, _ = x.(bool)
		case "minimum", "maximum":
			r, ok := new(big.Rat).SetString(fmt.Sprint(x))
			if !ok {
				return nil, errUnsupported{k, loc}
			}
			if k == "minimum" {
				n.minimum = r
			} else {
				n.maximum = r
			}
		case "required":
			for _, y := range x.([]any) {
				s, _ := y.(string)
				n.required = append(n.required, s)
			}
		case "properties":
			props, _ := x.(map[string]any)
			n.props = map[string]*node{}
			for name := range props {
				if n.props[name], err = c.compile(loc + "/properties/" + escapeSegment(name)); err != nil {
					return nil, err
				}
			}
		case "additionalProperties":
			if n.addl, err = sub(k); err != nil {
				return nil, err
			}
		case "items":
			if n.items, err = sub(k); err != nil {
				return nil, err
			}
		case "allOf":
			if n.allOf, err = list(k); err != nil {
				return nil, err
			}
		case "anyOf":
			if n.anyOf, err = list(k); err != nil {
				return nil, err
			}
		case "oneOf":
			if n.oneOf, err = list(k); err != nil {
				return nil, err
			}
		case "not":
			if n.not, err = sub(k); err != nil {
				return nil, err
			}
		case "if":
			if n.ifN, err = sub(k); err != nil {
				return nil, err
			}
		case "then":
			if n.thenN, err = sub(k); err != nil {
				return nil, err
			}
		case "else":
			if n.elseN, err = sub(k); err != nil {
				return nil, err
			}
		case "format":
			switch x {
			case "edtf":
				n.format = func(s string) bool { _, err := edtf.Parse(s); return err == nil }
			case "uri":
				n.format = IsURI
			default:
				return nil, errUnsupported{"format " + fmt.Sprint(x), loc}
			}
		default:
			if !annotations[k] {
				return nil, errUnsupported{k, loc}
			}
		}
	}
	return n, nil
}

func escapeSegment(s string) string {
	return strings.NewReplacer("~", "~0", "/", "~1").Replace(s)
}

func (n *node) valid(v any) bool {
	switch {
	case n.always:
		return true
	case n.never:
		return false
	}
	if n.ref != nil && !n.ref.valid(v) {
		return false
	}
	if len(n.types) > 0 && !slices.ContainsFunc(n.types, func(t string) bool { return hasType(v, t) }) {
		return false
	}
	if n.enum != nil && !slices.ContainsFunc(n.enum, func(e any) bool { return equal(e, v) }) {
		return false
	}
	if n.hasConst && !equal(n.constant, v) {
		return false
	}
	switch t := v.(type) {
	case string:
		if n.minLen >= 0 || n.maxLen >= 0 {
			l := utf8.RuneCountInString(t)
			if n.minLen >= 0 && l < n.minLen || n.maxLen >= 0 && l > n.maxLen {
				return false
			}
		}
		if n.pattern != nil && !n.pattern(t) {
			return false
		}
		if n.format != nil && !n.format(t) {
			return false
		}
	case json.Number:
		if n.minimum != nil || n.maximum != nil {
			r, ok := new(big.Rat).SetString(string(t))
			if !ok || n.minimum != nil && r.Cmp(n.minimum) < 0 || n.maximum != nil && r.Cmp(n.maximum) > 0 {
				return false
			}
		}
	case []any:
		if n.minItems >= 0 && len(t) < n.minItems || n.maxItems >= 0 && len(t) > n.maxItems {
			return false
		}
		if n.items != nil {
			for _, x := range t {
				if !n.items.valid(x) {
					return false
				}
			}
		}
		if n.unique {
			for i := range t {
				for j := i + 1; j < len(t); j++ {
					if equal(t[i], t[j]) {
						return false
					}
				}
			}
		}
	case map[string]any:
		for _, r := range n.required {
			if _, ok := t[r]; !ok {
				return false
			}
		}
		if n.props != nil || n.addl != nil {
			for k, x := range t {
				if p, ok := n.props[k]; ok {
					if !p.valid(x) {
						return false
					}
				} else if n.addl != nil && !n.addl.valid(x) {
					return false
				}
			}
		}
	}
	for _, s := range n.allOf {
		if !s.valid(v) {
			return false
		}
	}
	if n.anyOf != nil && !slices.ContainsFunc(n.anyOf, func(s *node) bool { return s.valid(v) }) {
		return false
	}
	if n.oneOf != nil {
		k := 0
		for _, s := range n.oneOf {
			if s.valid(v) {
				k++
			}
		}
		if k != 1 {
			return false
		}
	}
	if n.not != nil && n.not.valid(v) {
		return false
	}
	if n.ifN != nil {
		if n.ifN.valid(v) {
			if n.thenN != nil && !n.thenN.valid(v) {
				return false
			}
		} else if n.elseN != nil && !n.elseN.valid(v) {
			return false
		}
	}
	return true
}

// hasType reports whether v has the JSON Schema type t, as jsonschema/v5
// decides it (an integer is a number whose value is integral).
func hasType(v any, t string) bool {
	switch v.(type) {
	case nil:
		return t == "null"
	case bool:
		return t == "boolean"
	case string:
		return t == "string"
	case []any:
		return t == "array"
	case map[string]any:
		return t == "object"
	case json.Number:
		if t == "number" {
			return true
		}
		if t == "integer" {
			r, ok := new(big.Rat).SetString(string(v.(json.Number)))
			return ok && r.IsInt()
		}
	}
	return false
}

// equal compares JSON values as jsonschema/v5 does: numbers by value.
func equal(a, b any) bool {
	switch x := a.(type) {
	case json.Number:
		y, ok := b.(json.Number)
		if !ok {
			return false
		}
		if x == y {
			return true
		}
		rx, ok1 := new(big.Rat).SetString(string(x))
		ry, ok2 := new(big.Rat).SetString(string(y))
		return ok1 && ok2 && rx.Cmp(ry) == 0
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
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for k, xv := range x {
			yv, ok := y[k]
			if !ok || !equal(xv, yv) {
				return false
			}
		}
		return true
	}
	return a == b
}
