// Package schemamsg turns jsonschema/v5's validation errors into problems a
// curator can act on: one per leaf of the error tree, each at the pointer of
// the value (or of the property name, for an unknown property), with a
// message in plain words and a hint drawn from the schema itself (the
// property's description, the allowed values, the nearest one, the
// condition an if/then rule states).
package schemamsg

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"curate/edtf"
	"curate/internal/didyoumean"
	"curate/internal/iso3166"
	"curate/internal/words"
	"curate/jsonpos"
	"curate/schema"

	"github.com/santhosh-tekuri/jsonschema/v5"
)

// Problem is one thing wrong with a value, located by its JSON pointer.
type Problem struct {
	Pointer string // the value's pointer in the file
	AtKey   bool   // point at the property name rather than its value
	Inner   int    // byte offset inside the decoded string at Pointer, -1 for the value itself
	Rule    string // the schema keyword that failed (or an EDTF rule: edtf-calendar, ...)
	Msg     string // one line, lower case
	Hint    string // what to do, when there is something to say

	// meant is, for an unknown property, the object's pointer and the
	// property the name is probably a misspelling of; missing is, for a
	// missing property, the object's pointer and its name.
	meant, missing string
}

// RuleSchema is the rule of a value the schema could not be applied to.
const RuleSchema = "schema"

// Check validates v, found at the pointer base in the file, against sch and
// returns a problem for each leaf of the error tree: the leaves are the
// actionable errors.
func Check(set *schema.Set, sch *jsonschema.Schema, v any, base string) []Problem {
	err := sch.Validate(v)
	if err == nil {
		return nil
	}
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return []Problem{{Pointer: base, Inner: -1, Rule: RuleSchema, Msg: err.Error()}}
	}
	var leaves []*jsonschema.ValidationError
	var walk func(*jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		if len(e.Causes) == 0 {
			leaves = append(leaves, e)
			return
		}
		for _, c := range e.Causes {
			walk(c)
		}
	}
	walk(ve)
	var out []Problem
	for _, leaf := range leaves {
		out = append(out, translate(set, leaf, v, base)...)
	}
	return oneMistake(out)
}

// oneMistake merges the two problems one misspelt property name makes (an
// unknown property, and the required property it was meant to be missing)
// into one: the unknown name, with the required one named in the hint.
func oneMistake(ps []Problem) []Problem {
	meant := map[string]bool{}
	for _, p := range ps {
		if p.meant != "" {
			meant[p.meant] = true
		}
	}
	out := ps[:0]
	for _, p := range ps {
		switch {
		case p.missing != "" && meant[p.missing]:
			continue // said by the unknown property
		case p.meant != "":
			for _, q := range ps {
				if q.missing == p.meant {
					p.Hint += " (it is required)"
					break
				}
			}
		}
		out = append(out, p)
	}
	return out
}

// keyword returns the last segment of a keyword location: the rule.
func keyword(loc string) string {
	return loc[strings.LastIndexByte(loc, '/')+1:]
}

// translate turns one leaf error into findings a curator understands; doc
// is the validated value, found at the pointer base in the file.
func translate(set *schema.Set, e *jsonschema.ValidationError, doc any, base string) []Problem {
	kw := keyword(e.KeywordLocation)
	ptr := base + e.InstanceLocation
	val, _ := jsonpos.Lookup(doc, e.InstanceLocation)
	kwVal, _ := set.Resolve(e.AbsoluteKeywordLocation)
	parent := schema.Parent(e.AbsoluteKeywordLocation)
	fd := Problem{Pointer: ptr, Inner: -1, Rule: kw}
	switch kw {
	case "required":
		var out []Problem
		obj, _ := val.(map[string]any)
		req, _ := kwVal.([]any)
		for _, r := range req {
			name, _ := r.(string)
			if _, ok := obj[name]; ok {
				continue
			}
			g := fd
			g.Msg = fmt.Sprintf("missing property %q", name)
			g.missing = ptr + "\x00" + name
			if d := propertyDescription(set, parent, name); d != "" {
				g.Hint = fmt.Sprintf("%q: %s", name, d)
			}
			if cond := condition(set, e.AbsoluteKeywordLocation); cond != "" {
				g.Hint = strings.TrimSpace(cond + " " + g.Hint)
			}
			out = append(out, g)
		}
		return out
	case "additionalProperties":
		var out []Problem
		obj, _ := val.(map[string]any)
		props, _ := set.Resolve(parent + "/properties")
		allowed := keys(props)
		for _, name := range keys(obj) {
			if slices.Contains(allowed, name) {
				continue
			}
			g := fd
			g.Pointer = ptr + "/" + jsonpos.Escape(name)
			g.AtKey = true
			g.Msg = fmt.Sprintf("unknown property %q", name)
			if s := didyoumean.Closest(name, allowed); s != "" {
				g.Hint = fmt.Sprintf("did you mean %q?", s)
				g.meant = ptr + "\x00" + s
			} else {
				g.Hint = "allowed properties: " + strings.Join(allowed, ", ")
			}
			out = append(out, g)
		}
		return out
	case "type":
		fd.Msg = fmt.Sprintf("expected %s, got %s", words.Article(typeList(kwVal)), words.Article(jsonType(val)))
	case "enum":
		opts, _ := kwVal.([]any)
		var names []string
		for _, o := range opts {
			names = append(names, show(o))
		}
		fd.Msg = fmt.Sprintf("%s is not one of the allowed values", show(val))
		long := len(names) > maxListed // a long list (country codes) is described, not printed
		fd.Hint = "use one of " + strings.Join(names, ", ")
		if long {
			fd.Hint = set.Describe(parent)
		}
		if s, ok := val.(string); ok {
			var strs []string
			for _, o := range opts {
				if os, ok := o.(string); ok {
					strs = append(strs, os)
				}
			}
			switch c, why := iso3166.Suggest(s); {
			case strings.Contains(e.AbsoluteKeywordLocation, "country.schema.json") && c != "":
				fd.Hint = fmt.Sprintf("did you mean %q? (%s)", c, why)
			case didyoumean.Closest(s, strs) != "" && long:
				fd.Hint = fmt.Sprintf("did you mean %q?", didyoumean.Closest(s, strs))
			case didyoumean.Closest(s, strs) != "":
				fd.Hint = fmt.Sprintf("did you mean %q? (allowed: %s)", didyoumean.Closest(s, strs), strings.Join(names, ", "))
			}
		}
		if cond := condition(set, e.AbsoluteKeywordLocation); cond != "" {
			fd.Hint = strings.TrimSuffix(cond, ".") + ": " + fd.Hint
		}
	case "const":
		fd.Msg = fmt.Sprintf("expected %s, got %s", show(kwVal), show(val))
	case "pattern":
		if val == "" && hasMinLength(set, parent) {
			return nil // minLength says it: "must not be empty"
		}
		fd.Msg = fmt.Sprintf("%s does not have the required form", show(val))
		if s, ok := val.(string); ok && strings.TrimSpace(s) != s {
			fd.Msg = fmt.Sprintf("%s has leading or trailing white space", show(val))
		} else if ok && strings.ContainsAny(s, "\n\r") {
			fd.Msg = fmt.Sprintf("%s contains a line break", show(val))
		} else if i := strings.IndexFunc(s, unicode.IsControl); ok && i >= 0 {
			r, _ := utf8.DecodeRuneInString(s[i:])
			fd.Msg = fmt.Sprintf("%s contains the control character U+%04X", show(val), r)
		}
		fd.Hint = set.Describe(parent)
		if fd.Hint == "" {
			fd.Hint = fmt.Sprintf("it must match the pattern %v", kwVal)
		}
	case "minLength":
		n := utf8.RuneCountInString(fmt.Sprint(val))
		if n == 0 {
			fd.Msg = "must not be empty"
		} else {
			fd.Msg = fmt.Sprintf("too short: %d characters, at least %v", n, kwVal)
		}
	case "maxLength":
		fd.Msg = fmt.Sprintf("too long: %d characters, at most %v", utf8.RuneCountInString(fmt.Sprint(val)), kwVal)
	case "minItems":
		n := 0
		if a, ok := val.([]any); ok {
			n = len(a)
		}
		fd.Msg = fmt.Sprintf("needs at least %v %s, has %d", kwVal, itemWord(kwVal), n)
		fd.Hint = set.Describe(parent)
	case "maxItems":
		fd.Msg = fmt.Sprintf("has more than %v items", kwVal)
	case "uniqueItems":
		var i, j int
		if _, err := fmt.Sscanf(e.Message, "items at index %d and %d are equal", &i, &j); err == nil {
			fd.Pointer = ptr + "/" + strconv.Itoa(j)
			fd.Msg = fmt.Sprintf("%s is listed twice (items %d and %d)", showAt(doc, e.InstanceLocation+"/"+strconv.Itoa(j)), i, j)
		} else {
			fd.Msg = "items must be unique"
		}
	case "minimum":
		fd.Msg = fmt.Sprintf("%v is less than the minimum %v", val, kwVal)
	case "maximum":
		fd.Msg = fmt.Sprintf("%v is more than the maximum %v", val, kwVal)
	case "format":
		s, _ := val.(string)
		if s == "" && hasMinLength(set, parent) {
			return nil // minLength says it: "must not be empty"
		}
		if kwVal == "edtf" {
			_, err := edtf.Parse(s)
			var ee *edtf.Error
			if errors.As(err, &ee) {
				fd.Rule = string(ee.Kind)
				fd.Msg = fmt.Sprintf("date %q: %s", s, ee.Msg)
				if strings.HasPrefix(ee.Msg, strconv.Quote(s)) {
					fd.Msg = "date " + ee.Msg
				}
				switch ee.Kind {
				case edtf.Order:
					fd.Hint = "an interval is written earlier/later, e.g. 2022-02-21/2022-02-26"
				case edtf.Calendar:
					fd.Hint = "check the day and the month against the source"
				default:
					fd.Hint = "write an EDTF level 1 date such as 2022-02-25, 2022-02, 2022-02~ or 2022-02-21/2022-02-26"
				}
				if ee.Hint != "" {
					fd.Hint = ee.Hint
				}
				fd.Inner = ee.Offset
				return []Problem{fd}
			}
		}
		fd.Msg = fmt.Sprintf("%s is not a valid %v", show(val), kwVal)
		if kwVal == "uri" || kwVal == "iri" {
			fd.Msg = fmt.Sprintf("%s is not a valid %s", show(val), strings.ToUpper(kwVal.(string)))
			fd.Hint = "write a full address such as https://example.org/page, with spaces and other special characters percent-encoded (a space is %20)"
		}
	case "false":
		fd.Msg = "no value is allowed here"
	default:
		fd.Msg = e.Message
	}
	return []Problem{fd}
}

// hasMinLength reports whether the schema object at loc requires a string of
// at least one character, so that an empty string is reported by minLength
// alone.
func hasMinLength(set *schema.Set, loc string) bool {
	n, ok := set.Resolve(loc + "/minLength")
	return ok && fmt.Sprint(n) != "0"
}

func keys(v any) []string {
	m, _ := v.(map[string]any)
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func typeList(v any) string {
	switch t := v.(type) {
	case string:
		return t
	case []any:
		var s []string
		for _, x := range t {
			s = append(s, fmt.Sprint(x))
		}
		return strings.Join(s, " or ")
	}
	return fmt.Sprint(v)
}

func jsonType(v any) string {
	switch t := v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case string:
		return "string"
	case json.Number:
		if _, err := t.Int64(); err == nil {
			return "integer"
		}
		return "number"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return fmt.Sprintf("%T", v)
}

func itemWord(n any) string {
	if fmt.Sprint(n) == "1" {
		return "item"
	}
	return "items"
}

// showAt renders the value at a pointer of doc for a message.
func showAt(doc any, ptr string) string {
	v, _ := jsonpos.Lookup(doc, ptr)
	return show(v)
}

// show renders a JSON value for a message, shortened when long.
func show(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	s := string(b)
	if utf8.RuneCountInString(s) > 80 {
		r := []rune(s)
		s = string(r[:77]) + "…"
	}
	return s
}

// maxListed is the longest list of allowed values a hint prints.
const maxListed = 12

// condition returns what an if/then rule of the schema says, when the
// keyword at loc lies under its "then": the then's own description, or
// that of the object holding the if and the then. "" otherwise.
func condition(set *schema.Set, loc string) string {
	i := strings.LastIndex(loc, "/then/")
	if i < 0 {
		return ""
	}
	if d := ownDescription(set, loc[:i+len("/then")]); d != "" {
		return d
	}
	if holder, ok := set.Resolve(loc[:i]); ok {
		if m, ok := holder.(map[string]any); ok && m["if"] != nil {
			return ownDescription(set, loc[:i])
		}
	}
	return ""
}

// ownDescription is the description the schema object at loc gives itself,
// not following $ref.
func ownDescription(set *schema.Set, loc string) string {
	v, _ := set.Resolve(loc)
	m, _ := v.(map[string]any)
	d, _ := m["description"].(string)
	return d
}

// propertyDescription describes the property name of the object whose
// schema is at loc; under a conditional ("then" inside "allOf"), the
// property is described where the object's schema defines it.
func propertyDescription(set *schema.Set, loc, name string) string {
	for {
		if d := set.Describe(loc + "/properties/" + jsonpos.Escape(name)); d != "" {
			return d
		}
		i := strings.LastIndexAny(loc, "/")
		if i < 0 || !strings.Contains(loc[:i], "#") {
			return ""
		}
		switch last := loc[i+1:]; {
		case last == "then" || last == "allOf" || isIndex(last):
			loc = loc[:i]
		default:
			return ""
		}
	}
}

func isIndex(s string) bool {
	_, err := strconv.Atoi(s)
	return err == nil
}
