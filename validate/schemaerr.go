package validate

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
	"curate/jsonpos"
	"curate/schema"

	"github.com/santhosh-tekuri/jsonschema/v5"
)

// checkSchema validates v, found at the pointer at in the file, against sch
// and adds a finding for each leaf of the error tree: the leaves are the
// actionable errors.
func checkSchema(f *file, set *schema.Set, sch *jsonschema.Schema, v any, at string) {
	err := sch.Validate(v)
	if err == nil {
		return
	}
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		f.add(finding{offset: -1, rule: "schema", msg: err.Error()})
		return
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
	for _, leaf := range leaves {
		for _, fd := range translate(f, set, leaf, v, at) {
			f.add(fd)
		}
	}
}

// keyword returns the last segment of a keyword location: the rule.
func keyword(loc string) string {
	return loc[strings.LastIndexByte(loc, '/')+1:]
}

// valueAt returns the instance value at a JSON pointer.
func valueAt(v any, ptr string) any {
	if ptr == "" {
		return v
	}
	for _, seg := range strings.Split(ptr[1:], "/") {
		seg = strings.NewReplacer("~1", "/", "~0", "~").Replace(seg)
		switch t := v.(type) {
		case map[string]any:
			v = t[seg]
		case []any:
			i, err := strconv.Atoi(seg)
			if err != nil || i < 0 || i >= len(t) {
				return nil
			}
			v = t[i]
		default:
			return nil
		}
	}
	return v
}

// translate turns one leaf error into findings a curator understands; doc
// is the validated value, found at the pointer at in the file.
func translate(f *file, set *schema.Set, e *jsonschema.ValidationError, doc any, at string) []finding {
	kw := keyword(e.KeywordLocation)
	ptr := at + e.InstanceLocation
	val := valueAt(doc, e.InstanceLocation)
	kwVal, _ := set.Resolve(e.AbsoluteKeywordLocation)
	parent := schema.Parent(e.AbsoluteKeywordLocation)
	fd := finding{ptr: ptr, offset: -1, rule: kw}
	switch kw {
	case "required":
		var out []finding
		obj, _ := val.(map[string]any)
		req, _ := kwVal.([]any)
		for _, r := range req {
			name, _ := r.(string)
			if _, ok := obj[name]; ok {
				continue
			}
			g := fd
			g.msg = fmt.Sprintf("missing property %q", name)
			if d := set.Describe(parent + "/properties/" + jsonpos.Escape(name)); d != "" {
				g.hint = fmt.Sprintf("%q: %s", name, d)
			}
			out = append(out, g)
		}
		return out
	case "additionalProperties":
		var out []finding
		obj, _ := val.(map[string]any)
		props, _ := set.Resolve(parent + "/properties")
		allowed := keys(props)
		for _, name := range keys(obj) {
			if slices.Contains(allowed, name) {
				continue
			}
			g := fd
			g.ptr = ptr + "/" + jsonpos.Escape(name)
			g.atKey = true
			g.msg = fmt.Sprintf("unknown property %q", name)
			if s := closest(name, allowed); s != "" {
				g.hint = fmt.Sprintf("did you mean %q?", s)
			} else {
				g.hint = "allowed properties: " + strings.Join(allowed, ", ")
			}
			out = append(out, g)
		}
		return out
	case "type":
		fd.msg = fmt.Sprintf("expected %s, got %s", article(typeList(kwVal)), article(jsonType(val)))
	case "enum":
		opts, _ := kwVal.([]any)
		var names []string
		for _, o := range opts {
			names = append(names, show(o))
		}
		fd.msg = fmt.Sprintf("%s is not one of the allowed values", show(val))
		fd.hint = "use one of " + strings.Join(names, ", ")
		if s, ok := val.(string); ok {
			var strs []string
			for _, o := range opts {
				if os, ok := o.(string); ok {
					strs = append(strs, os)
				}
			}
			if c := closest(s, strs); c != "" {
				fd.hint = fmt.Sprintf("did you mean %q? (allowed: %s)", c, strings.Join(names, ", "))
			}
		}
	case "const":
		fd.msg = fmt.Sprintf("expected %s, got %s", show(kwVal), show(val))
	case "pattern":
		if val == "" && hasMinLength(set, parent) {
			return nil // minLength says it: "must not be empty"
		}
		fd.msg = fmt.Sprintf("%s does not have the required form", show(val))
		if s, ok := val.(string); ok && strings.TrimSpace(s) != s {
			fd.msg = fmt.Sprintf("%s has leading or trailing white space", show(val))
		} else if ok && strings.ContainsAny(s, "\n\r") {
			fd.msg = fmt.Sprintf("%s contains a line break", show(val))
		} else if i := strings.IndexFunc(s, unicode.IsControl); ok && i >= 0 {
			r, _ := utf8.DecodeRuneInString(s[i:])
			fd.msg = fmt.Sprintf("%s contains the control character U+%04X", show(val), r)
		}
		fd.hint = set.Describe(parent)
		if fd.hint == "" {
			fd.hint = fmt.Sprintf("it must match the pattern %v", kwVal)
		}
	case "minLength":
		n := utf8.RuneCountInString(fmt.Sprint(val))
		if n == 0 {
			fd.msg = "must not be empty"
		} else {
			fd.msg = fmt.Sprintf("too short: %d characters, at least %v", n, kwVal)
		}
	case "maxLength":
		fd.msg = fmt.Sprintf("too long: %d characters, at most %v", utf8.RuneCountInString(fmt.Sprint(val)), kwVal)
	case "minItems":
		n := 0
		if a, ok := val.([]any); ok {
			n = len(a)
		}
		fd.msg = fmt.Sprintf("needs at least %v %s, has %d", kwVal, itemWord(kwVal), n)
		fd.hint = set.Describe(parent)
	case "maxItems":
		fd.msg = fmt.Sprintf("has more than %v items", kwVal)
	case "uniqueItems":
		var i, j int
		if _, err := fmt.Sscanf(e.Message, "items at index %d and %d are equal", &i, &j); err == nil {
			fd.ptr = ptr + "/" + strconv.Itoa(j)
			fd.msg = fmt.Sprintf("%s is listed twice (items %d and %d)", show(valueAt(doc, e.InstanceLocation+"/"+strconv.Itoa(j))), i, j)
		} else {
			fd.msg = "items must be unique"
		}
	case "minimum":
		fd.msg = fmt.Sprintf("%v is less than the minimum %v", val, kwVal)
	case "maximum":
		fd.msg = fmt.Sprintf("%v is more than the maximum %v", val, kwVal)
	case "format":
		s, _ := val.(string)
		if s == "" && hasMinLength(set, parent) {
			return nil // minLength says it: "must not be empty"
		}
		if kwVal == "edtf" {
			_, err := edtf.Parse(s)
			var ee *edtf.Error
			if errors.As(err, &ee) {
				fd.rule = string(ee.Kind)
				fd.msg = fmt.Sprintf("date %q: %s", s, ee.Msg)
				if strings.HasPrefix(ee.Msg, strconv.Quote(s)) {
					fd.msg = "date " + ee.Msg
				}
				switch ee.Kind {
				case edtf.Order:
					fd.hint = "an interval is written earlier/later, e.g. 2022-02-21/2022-02-26"
				case edtf.Calendar:
					fd.hint = "check the day and the month against the source"
				default:
					fd.hint = "write an EDTF level 1 date such as 2022-02-25, 2022-02, 2022-02~ or 2022-02-21/2022-02-26"
				}
				f.pointInto(&fd, ee.Offset)
				return []finding{fd}
			}
		}
		fd.msg = fmt.Sprintf("%s is not a valid %v", show(val), kwVal)
		if kwVal == "uri" || kwVal == "iri" {
			fd.msg = fmt.Sprintf("%s is not a valid %s", show(val), strings.ToUpper(kwVal.(string)))
			fd.hint = "write a full address such as https://example.org/page, with spaces and other special characters percent-encoded (a space is %20)"
		}
	case "false":
		fd.msg = "no value is allowed here"
	default:
		fd.msg = e.Message
	}
	return []finding{fd}
}

// hasMinLength reports whether the schema object at loc requires a string of
// at least one character, so that an empty string is reported by minLength
// alone.
func hasMinLength(set *schema.Set, loc string) bool {
	n, ok := set.Resolve(loc + "/minLength")
	return ok && fmt.Sprint(n) != "0"
}

// pointInto places a finding at a byte offset inside the decoded string
// value at fd.ptr.
func (f *file) pointInto(fd *finding, inner int) {
	if f.index == nil {
		f.mu.Lock()
		if f.index == nil {
			f.index = jsonpos.Index(f.data)
		}
		f.mu.Unlock()
	}
	loc, ok := f.index[fd.ptr]
	if !ok {
		return
	}
	if off, ok := jsonpos.StringOffset(f.data, loc.Value, inner); ok {
		fd.offset = off
	}
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

func article(t string) string {
	switch {
	case t == "null":
		return t
	case strings.IndexAny(t, "aeiou") == 0:
		return "an " + t
	}
	return "a " + t
}

func itemWord(n any) string {
	if fmt.Sprint(n) == "1" {
		return "item"
	}
	return "items"
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

// closest returns the candidate nearest to s by edit distance, or "" when
// none is near enough to be a likely typo (more than a third of s, or 2,
// edits away). Candidates of a length too different are skipped without
// computing the distance, and a distance is abandoned as soon as it exceeds
// the best so far, so that a typo among a million ids costs a scan, not a
// million full comparisons.
func closest(s string, candidates ...[]string) string {
	ra := []rune(strings.ToLower(s))
	limit := max(2, len(ra)/3)
	best, bestD := "", limit+1
	var rb []rune
	var rows [2][]int
	for _, list := range candidates {
		for _, c := range list {
			if d := len(c) - len(s); d > 4*bestD || -d > 4*bestD {
				continue // more bytes apart than edits could bridge
			}
			rb = rb[:0]
			for _, r := range c {
				rb = append(rb, unicode.ToLower(r))
			}
			if d := len(rb) - len(ra); d >= bestD || -d >= bestD {
				continue
			}
			if d := distance(ra, rb, bestD-1, &rows); d < bestD {
				best, bestD = c, d
			}
		}
	}
	return best
}

// distance is the Levenshtein distance between a and b, or k+1 when it is
// more than k: only the cells within k of the diagonal are computed (no
// path through the others costs k or less), and it stops once a whole row
// exceeds k. rows is scratch space reused across calls.
func distance(a, b []rune, k int, rows *[2][]int) int {
	if k < 0 || len(a)-len(b) > k || len(b)-len(a) > k {
		return k + 1 // the lengths alone differ by more than k
	}
	if cap(rows[0]) < len(b)+1 {
		rows[0], rows[1] = make([]int, len(b)+1), make([]int, len(b)+1)
	}
	prev, cur := rows[0][:len(b)+1], rows[1][:len(b)+1]
	over := k + 1
	for j := range prev {
		prev[j] = min(j, over)
	}
	for i := 1; i <= len(a); i++ {
		lo, hi := max(1, i-k), min(len(b), i+k)
		if lo > 1 {
			cur[lo-1] = over
		} else {
			cur[0] = min(i, over)
		}
		low := cur[lo-1]
		for j := lo; j <= hi; j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost, over)
			low = min(low, cur[j])
		}
		if hi < len(b) {
			cur[hi+1] = over
		}
		if low >= over {
			return over
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
