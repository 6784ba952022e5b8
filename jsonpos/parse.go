// Package jsonpos parses hand-edited JSON strictly and keeps positions, so
// that every problem, from a stray comma to a schema violation deep inside a
// record, can be reported at its file, line and column.
//
// Parse is stricter than encoding/json: a duplicate key, invalid UTF-8, a
// byte-order mark, a comment, a trailing comma, content after the value and
// a number that a 64-bit float or a spreadsheet cell cannot hold exactly
// (see NumberInRange) are errors. Where the input can still be understood (a
// duplicate key keeps its first value, a comment or a byte-order mark is
// skipped, invalid UTF-8 becomes U+FFFD, a number out of range becomes 0),
// parsing goes on, so that a curator sees every problem of a file in one run;
// anything else stops the parse at the first problem. Each Error names its
// Rule, one of the Rule constants, described in Rules.
//
// Values come out as encoding/json would decode them with UseNumber:
// map[string]any, []any, string, json.Number, bool and nil.
//
// Positions are byte offsets. Locate finds where the values named by JSON
// pointers (RFC 6901) are, Lines turns an offset into a line and a column,
// and StringOffset finds a place inside a string value. Lookup follows a
// pointer in a parsed value.
//
// The input may be hostile (a pull request anyone can open): Parse and
// Locate take time linear in its size, and memory a small multiple of it,
// whatever it holds; Parse records at most MaxErrors errors (and one that
// counts the rest), and nests at most MaxDepth levels.
package jsonpos

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// MaxDepth is the deepest nesting of arrays and objects accepted.
const MaxDepth = 1000

// MaxErrors is the most errors Parse records for one input. Past it (or
// once the recorded errors' pointers and messages reach a megabyte) errors
// are only counted, and one last Error with Rule RuleTooManyErrors, at the
// first problem not recorded, says how many were left out. Parsing goes on
// to the end all the same, so that the value is still read.
const MaxErrors = 100

// maxErrorText bounds the bytes of the pointers and messages Parse records:
// a few errors deep under very long property names must not take a hundred
// times the input.
const maxErrorText = 1 << 20

// Error is a problem in the JSON text itself.
type Error struct {
	Offset  int    // 0-based byte offset of the problem
	Pointer string // JSON pointer of the value being read
	Rule    string // the problem class: one of the Rule constants, e.g. RuleDuplicateKey
	Msg     string // one line, lower case, with no control character or invalid UTF-8
	// Related is the byte offset of a place that explains the problem (the
	// first occurrence of a duplicate key), or -1.
	Related int
}

// Error renders the error with its byte offset.
func (e *Error) Error() string { return fmt.Sprintf("offset %d: %s", e.Offset, e.Msg) }

// Loc is where a value sits in the text.
type Loc struct {
	Value int // byte offset of the value's first byte
	Key   int // byte offset of the opening quote of its key in the parent object, or -1
}

// Parse parses data as one JSON value. It returns the value and the errors
// in the order they were found, with a last RuleTooManyErrors error when
// there were more than MaxErrors; when an error stopped the parse, the
// value is nil.
func Parse(data []byte) (any, []*Error) { return ParseStream(data, "", nil) }

// ParseStream parses data as Parse does, except that each item of the array
// that is the value of the top-level object's property key is handed to
// item as soon as it is read, in order, instead of being kept: the parse
// holds one item at a time, so a file of a million records costs the
// memory of one. In the value returned, that array is empty. item is not
// called for an item whose parse stopped at a fatal error.
func ParseStream(data []byte, key string, item func(index int, v any)) (any, []*Error) {
	var f func(int, any, int)
	if item != nil {
		f = func(i int, v any, _ int) { item(i, v) }
	}
	return ParseStreamSized(data, key, f)
}

// ParseStreamSized is ParseStream, and it also tells item how many bytes of
// the text the item took: a bound on the length of any string in it.
func ParseStreamSized(data []byte, key string, item func(index int, v any, size int)) (any, []*Error) {
	p := &parser{data: data, streamKey: key, stream: item}
	v, ok := p.document()
	if p.omitted > 0 {
		msg := fmt.Sprintf("%d more problems in this file are not shown", p.omitted)
		if p.omitted == 1 {
			msg = "1 more problem in this file is not shown"
		}
		p.errs = append(p.errs, &Error{Offset: p.omitOff, Pointer: p.omitPtr, Rule: RuleTooManyErrors, Msg: msg, Related: -1})
	}
	if !ok {
		return nil, p.errs
	}
	return v, p.errs
}

// Index parses data and returns the location of every value by its JSON
// pointer ("" is the whole document), as Locate would for each of them. It
// holds a pointer string for every value, which for deep nesting is far
// more memory than the input: use Locate for the few pointers to report.
func Index(data []byte) map[string]Loc {
	p := &parser{data: data, walk: true, index: map[string]Loc{}}
	p.document()
	return p.index
}

// parser reads one JSON text. In the default mode (Parse) it builds the
// value and records errors; with walk set (Locate, Index) it only follows
// the structure, building no value and recording no error, to note where
// values are.
type parser struct {
	data  []byte
	pos   int
	depth int
	walk  bool
	// fatal is set once an error stopped the parse.
	fatal bool

	errs    []*Error
	text    int    // bytes of the pointers and messages in errs
	omitted int    // errors counted but not recorded
	omitOff int    // offset of the first error not recorded
	omitPtr string // its pointer

	// path holds the array items and object properties being read, from
	// the outermost; the pointer of the value being read is built from it
	// only when needed.
	path []frame

	streamKey string              // ParseStream: the top-level property whose array items go to stream
	stream    func(int, any, int) // ParseStream: receives them
	streamNow bool                // ParseStream: the value being read is that of the first streamKey property
	root      *node               // Locate: the trie of the wanted pointers
	found     map[string]Loc      // Locate: what was found of them
	index     map[string]Loc      // Index: every value
}

// frame is one step of the path to the value being read.
type frame struct {
	key  string // the property name, decoded, when idx < 0 (empty when walk needs no name)
	idx  int    // the index of an array item, or -1 for an object property
	node *node  // Locate: the trie node of this value's pointer; nil when no wanted pointer starts with it
}

// pointer returns the JSON pointer of the value being read.
func (p *parser) pointer() string {
	if len(p.path) == 0 {
		return ""
	}
	n := 0
	for _, f := range p.path {
		if f.idx >= 0 {
			n += 1 + digits(f.idx)
		} else {
			n += 1 + len(f.key) + strings.Count(f.key, "~") + strings.Count(f.key, "/")
		}
	}
	var b strings.Builder
	b.Grow(n)
	var buf [20]byte
	for _, f := range p.path {
		b.WriteByte('/')
		if f.idx >= 0 {
			b.Write(strconv.AppendInt(buf[:0], int64(f.idx), 10))
		} else {
			escaper.WriteString(&b, f.key)
		}
	}
	return b.String()
}

// digits returns the number of decimal digits of n >= 0.
func digits(n int) int {
	d := 1
	for ; n >= 10; n /= 10 {
		d++
	}
	return d
}

// node returns the trie node of the value being read.
func (p *parser) node() *node {
	if len(p.path) == 0 {
		return p.root
	}
	return p.path[len(p.path)-1].node
}

// report reports whether an error at off is to be recorded. In walk mode
// none is. Past MaxErrors, or the text budget, the error is only counted,
// the first one with its place; this costs nothing per error, so that a
// file of millions of problems is read in linear time and bounded memory.
// Callers check report before formatting a message.
func (p *parser) report(off int) bool {
	if p.walk {
		return false
	}
	if len(p.errs) < MaxErrors && p.text < maxErrorText {
		return true
	}
	if p.omitted == 0 {
		p.omitOff, p.omitPtr = off, p.pointer()
	}
	p.omitted++
	return false
}

// add records an error that report accepted.
func (p *parser) add(off int, rule, msg string, related int) {
	e := &Error{Offset: off, Pointer: p.pointer(), Rule: rule, Msg: msg, Related: related}
	p.text += len(e.Pointer) + len(e.Msg)
	p.errs = append(p.errs, e)
}

// fail records an error, when report accepts it.
func (p *parser) fail(off int, rule, format string, args ...any) {
	if p.report(off) {
		p.add(off, rule, fmt.Sprintf(format, args...), -1)
	}
}

// stop records a fatal error and returns false for the callers to unwind.
func (p *parser) stop(off int, rule, format string, args ...any) bool {
	p.fail(off, rule, format, args...)
	p.fatal = true
	return false
}

func (p *parser) document() (any, bool) {
	if bytes.HasPrefix(p.data, []byte("\xef\xbb\xbf")) {
		p.fail(0, RuleByteOrderMark, "file starts with a byte-order mark: save it as UTF-8 without BOM")
		p.pos = 3
	}
	if !p.space() {
		return nil, false
	}
	if p.pos >= len(p.data) {
		return nil, p.stop(p.pos, RuleSyntax, "empty file: expected a JSON object")
	}
	v, ok := p.value(-1)
	if !ok {
		return nil, false
	}
	if !p.space() {
		return nil, false
	}
	if p.pos < len(p.data) {
		p.fail(p.pos, RuleTrailingContent, "unexpected %s after the end of the top-level value", p.describe(p.pos))
	}
	return v, true
}

// space skips white space and comments; comments are reported. Each
// comment costs time in its own length only.
func (p *parser) space() bool {
	for p.pos < len(p.data) {
		switch c := p.data[p.pos]; c {
		case ' ', '\t', '\n', '\r':
			p.pos++
		case '/':
			start := p.pos
			rest := p.data[p.pos:]
			if len(rest) >= 2 && rest[1] == '/' {
				// A line comment ends at the line break, whichever it is.
				end := bytes.IndexAny(rest, "\r\n")
				if end < 0 {
					end = len(rest)
				}
				if p.report(start) {
					p.add(start, RuleComment, "comments are not allowed in JSON", -1)
				}
				p.pos += end
			} else if len(rest) >= 2 && rest[1] == '*' {
				end := bytes.Index(rest[2:], []byte("*/"))
				if end < 0 {
					return p.stop(start, RuleComment, "unterminated comment")
				}
				if p.report(start) {
					p.add(start, RuleComment, "comments are not allowed in JSON", -1)
				}
				p.pos += 2 + end + 2
			} else {
				return true
			}
		default:
			return true
		}
	}
	return true
}

// describe names the input at off for a message, in a few printable
// characters whatever the input holds.
func (p *parser) describe(off int) string {
	if off >= len(p.data) {
		return "end of file"
	}
	if w := p.word(off); w != "" {
		return "word " + w
	}
	r, size := utf8.DecodeRune(p.data[off:])
	if r == '"' {
		return `quote mark (")`
	}
	if r == utf8.RuneError && size <= 1 {
		return fmt.Sprintf("byte 0x%02x (invalid UTF-8)", p.data[off])
	}
	if r < 0x20 || r >= 0x7f && r < 0xa0 {
		return fmt.Sprintf("control character U+%04X", r)
	}
	return strconv.Quote(string(r))
}

// word returns the run of ASCII letters, digits and underscores at off when
// it starts with a letter (an unquoted string, or a misspelt true, false or
// null), cut to 20 characters; "" otherwise.
func (p *parser) word(off int) string {
	end := off
	for end < len(p.data) && end-off < 20 {
		c := p.data[end]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || end > off && (c >= '0' && c <= '9' || c == '_') {
			end++
			continue
		}
		break
	}
	return string(p.data[off:end])
}

// at renders a byte offset as "line L, column C" for a message.
func (p *parser) at(off int) string {
	line, col := position(p.data, off)
	return fmt.Sprintf("line %d, column %d", line, col)
}

// visit notes, in walk mode, that a value starts at p.pos; keyOff is the
// offset of its key, or -1. The first value with a pointer wins.
func (p *parser) visit(keyOff int) {
	if !p.walk {
		return
	}
	if n := p.node(); n != nil && n.want && !n.done {
		n.done = true
		p.found[n.ptr] = Loc{Value: p.pos, Key: keyOff}
	}
	if p.index != nil {
		ptr := p.pointer()
		if _, ok := p.index[ptr]; !ok {
			p.index[ptr] = Loc{Value: p.pos, Key: keyOff}
		}
	}
}

func (p *parser) value(keyOff int) (any, bool) {
	p.visit(keyOff)
	if p.pos >= len(p.data) {
		return nil, p.stop(p.pos, RuleSyntax, "unexpected end of file: expected a value")
	}
	switch c := p.data[p.pos]; {
	case c == '{':
		return p.object()
	case c == '[':
		return p.array()
	case c == '"':
		s, _, ok := p.str(!p.walk)
		return s, ok
	case c == '-' || c >= '0' && c <= '9':
		return p.number()
	case c == 't':
		return true, p.literal("true")
	case c == 'f':
		return false, p.literal("false")
	case c == 'n':
		return nil, p.literal("null")
	case c == '\'':
		return nil, p.stop(p.pos, RuleSyntax, "strings must be in double quotes")
	}
	return nil, p.unexpectedValue()
}

func (p *parser) literal(word string) bool {
	if string(p.data[p.pos:min(len(p.data), p.pos+len(word))]) == word {
		p.pos += len(word)
		return true
	}
	return p.unexpectedValue()
}

// unexpectedValue stops at input that cannot start a value.
func (p *parser) unexpectedValue() bool {
	if p.word(p.pos) != "" {
		return p.stop(p.pos, RuleSyntax, "unexpected %s: expected a value (a string must be in double quotes; true, false and null in lower case)", p.describe(p.pos))
	}
	return p.stop(p.pos, RuleSyntax, "unexpected %s: expected a value", p.describe(p.pos))
}

func (p *parser) enter() bool {
	p.depth++
	if p.depth > MaxDepth {
		return p.stop(p.pos, RuleSyntax, "nesting deeper than %d levels", MaxDepth)
	}
	return true
}

func (p *parser) object() (any, bool) {
	if !p.enter() {
		return nil, false
	}
	defer func() { p.depth-- }()
	open := p.pos
	p.pos++ // {
	var obj map[string]any
	var first map[string]int // name -> offset of its first occurrence
	if !p.walk {
		obj = map[string]any{}
		first = map[string]int{} // does not escape: on the stack while small
	}
	// Locate: the wanted pointers that go through a property of this object.
	wanted := p.node()
	if wanted != nil && len(wanted.kids) == 0 {
		wanted = nil
	}
	comma := -1 // offset of the comma after the last property
	if !p.space() {
		return nil, false
	}
	if p.pos < len(p.data) && p.data[p.pos] == '}' {
		p.pos++
		return obj, true
	}
	for {
		if p.pos >= len(p.data) {
			return nil, p.stop(p.pos, RuleSyntax, "unexpected end of file: the object opened at %s is not closed", p.at(open))
		}
		if p.data[p.pos] != '"' {
			if p.data[p.pos] == '}' {
				// Only reached after a comma: a trailing comma.
				if p.report(comma) {
					p.add(comma, RuleTrailingComma, `trailing comma before "}"`, -1)
				}
				p.pos++
				return obj, true
			}
			return nil, p.stop(p.pos, RuleSyntax, "unexpected %s: expected a property name in double quotes", p.describe(p.pos))
		}
		keyOff := p.pos
		key, raw, ok := p.str(!p.walk || p.index != nil)
		if !ok {
			return nil, false
		}
		var child *node
		if wanted != nil {
			if raw != nil {
				child = wanted.rawKey(raw) // no copy of the name
			} else {
				if p.walk && p.index == nil {
					// The name has escapes: decode it (its problems are
					// not recorded when walking).
					p.pos = keyOff
					key, _, _ = p.str(true)
				}
				child = wanted.key(key)
			}
		}
		if !p.space() {
			return nil, false
		}
		if p.pos < len(p.data) && p.data[p.pos] == '"' {
			return nil, p.stop(p.pos, RuleSyntax, "missing \":\" after property name %s", quoteName(key))
		}
		if p.pos >= len(p.data) || p.data[p.pos] != ':' {
			return nil, p.stop(p.pos, RuleSyntax, "unexpected %s: expected \":\" after property name %s", p.describe(p.pos), quoteName(key))
		}
		p.pos++
		if !p.space() {
			return nil, false
		}
		p.path = append(p.path, frame{key: key, idx: -1, node: child})
		dup := false
		if !p.walk {
			var firstOff int
			if firstOff, dup = first[key]; dup {
				if p.report(keyOff) {
					p.add(keyOff, RuleDuplicateKey, fmt.Sprintf("duplicate property %s: only the first is kept", quoteName(key)), firstOff)
				}
			} else {
				first[key] = keyOff
			}
		}
		p.streamNow = p.stream != nil && p.depth == 1 && !dup && key == p.streamKey
		v, ok := p.value(keyOff)
		p.streamNow = false
		p.path = p.path[:len(p.path)-1]
		if !ok {
			return nil, false
		}
		if !p.walk && !dup {
			obj[key] = v
		}
		if !p.space() {
			return nil, false
		}
		if p.pos >= len(p.data) {
			return nil, p.stop(p.pos, RuleSyntax, "unexpected end of file: the object opened at %s is not closed", p.at(open))
		}
		switch p.data[p.pos] {
		case ',':
			comma = p.pos
			p.pos++
			if !p.space() {
				return nil, false
			}
		case '}':
			p.pos++
			return obj, true
		case '"':
			return nil, p.stop(p.pos, RuleSyntax, "missing comma between properties")
		default:
			return nil, p.stop(p.pos, RuleSyntax, "unexpected %s: expected \",\" or \"}\"", p.describe(p.pos))
		}
	}
}

func (p *parser) array() (any, bool) {
	if !p.enter() {
		return nil, false
	}
	defer func() { p.depth-- }()
	open := p.pos
	p.pos++ // [
	var arr []any
	// ParseStream: this is the array whose items are handed over (the
	// value of the first streamKey property, not of a duplicate).
	streaming := p.streamNow && p.depth == 2
	p.streamNow = false
	// Locate: the wanted pointers that go through an item of this array.
	wanted := p.node()
	if wanted != nil && len(wanted.kids) == 0 {
		wanted = nil
	}
	comma := -1 // offset of the comma after the last item
	if !p.space() {
		return nil, false
	}
	if p.pos < len(p.data) && p.data[p.pos] == ']' {
		p.pos++
		if !p.walk {
			return emptyArray, true
		}
		return nil, true
	}
	for i := 0; ; i++ {
		if p.pos < len(p.data) && p.data[p.pos] == ']' && i > 0 {
			if p.report(comma) {
				p.add(comma, RuleTrailingComma, `trailing comma before "]"`, -1)
			}
			p.pos++
			if streaming {
				return emptyArray, true
			}
			return arr, true
		}
		var child *node
		if wanted != nil {
			child = wanted.item(i)
		}
		p.path = append(p.path, frame{idx: i, node: child})
		start := p.pos
		v, ok := p.value(-1)
		p.path = p.path[:len(p.path)-1]
		if !ok {
			return nil, false
		}
		switch {
		case streaming:
			p.stream(i, v, p.pos-start)
		case !p.walk:
			arr = append(arr, v)
		}
		if !p.space() {
			return nil, false
		}
		if p.pos >= len(p.data) {
			return nil, p.stop(p.pos, RuleSyntax, "unexpected end of file: the array opened at %s is not closed", p.at(open))
		}
		switch p.data[p.pos] {
		case ',':
			comma = p.pos
			p.pos++
			if !p.space() {
				return nil, false
			}
		case ']':
			p.pos++
			if streaming {
				return emptyArray, true
			}
			return arr, true
		default:
			if c := p.data[p.pos]; c == '{' || c == '[' || c == '"' {
				return nil, p.stop(p.pos, RuleSyntax, "missing comma between array items")
			}
			return nil, p.stop(p.pos, RuleSyntax, "unexpected %s: expected \",\" or \"]\"", p.describe(p.pos))
		}
	}
}

// emptyArray is every empty array Parse returns, boxed once. (An empty
// slice cannot be changed in place, so sharing it is safe.)
var emptyArray any = []any{}

// number reads a number. One out of range (see NumberInRange) is reported
// and read as 0, so that later checks see a harmless value.
func (p *parser) number() (any, bool) {
	start := p.pos
	d := p.data
	i := p.pos
	if i < len(d) && d[i] == '-' {
		i++
	}
	digits := func() int {
		n := 0
		for i < len(d) && d[i] >= '0' && d[i] <= '9' {
			i++
			n++
		}
		return n
	}
	intStart := i
	n := digits()
	if n == 0 {
		return nil, p.stop(i, RuleSyntax, "invalid number: expected a digit")
	}
	if n > 1 && d[intStart] == '0' {
		return nil, p.stop(intStart, RuleSyntax, "invalid number: leading zeros are not allowed")
	}
	if i < len(d) && d[i] == '.' {
		i++
		if digits() == 0 {
			return nil, p.stop(i, RuleSyntax, "invalid number: expected a digit after the decimal point")
		}
	}
	if i < len(d) && (d[i] == 'e' || d[i] == 'E') {
		i++
		if i < len(d) && (d[i] == '+' || d[i] == '-') {
			i++
		}
		if digits() == 0 {
			return nil, p.stop(i, RuleSyntax, "invalid number: expected a digit in the exponent")
		}
	}
	p.pos = i
	if p.walk {
		return nil, true
	}
	lit := d[start:i]
	if !inRange(lit) {
		if p.report(start) {
			p.add(start, RuleNumberRange, fmt.Sprintf("number %s is out of range: curate accepts at most 15 significant digits "+
				"and a magnitude between 1e-300 and 1e300 (what a spreadsheet cell and a 64-bit float hold exactly)", shortLiteral(lit)), -1)
		}
		return digitNumbers[0], true
	}
	if len(lit) == 1 {
		return digitNumbers[lit[0]-'0'], true
	}
	return json.Number(lit), true
}

// digitNumbers holds the numbers 0 to 9, boxed once: an array of small
// numbers costs no allocation per item.
var digitNumbers = [10]any{json.Number("0"), json.Number("1"), json.Number("2"), json.Number("3"), json.Number("4"),
	json.Number("5"), json.Number("6"), json.Number("7"), json.Number("8"), json.Number("9")}

// shortLiteral returns a number literal for a message, cut to at most 24
// characters.
func shortLiteral(lit []byte) string {
	if len(lit) > 24 {
		return string(lit[:23]) + "…"
	}
	return string(lit)
}

// text collects a string's decoded bytes, or drops them when off.
type text struct {
	b  strings.Builder
	on bool
}

func (t *text) byte(c byte) {
	if t.on {
		t.b.WriteByte(c)
	}
}

func (t *text) rune(r rune) {
	if t.on {
		t.b.WriteRune(r)
	}
}

// str reads a string at p.pos (an opening quote) and decodes it when decode
// is set. Invalid UTF-8, control characters and bad escapes are reported
// and parsing goes on; a line break ("\n" or "\r") stops it. When the
// string holds only printable ASCII, raw is the text between the quotes
// (which is the decoded string too); otherwise raw is nil.
func (p *parser) str(decode bool) (s string, raw []byte, ok bool) {
	open := p.pos
	p.pos++
	d := p.data
	// Fast path: printable ASCII without escapes.
	i := p.pos
	for i < len(d) {
		c := d[i]
		if c == '"' {
			raw = d[p.pos:i]
			if decode {
				s = string(raw)
			}
			p.pos = i + 1
			return s, raw, true
		}
		if c == '\\' || c < 0x20 || c >= utf8.RuneSelf {
			break
		}
		i++
	}
	t := text{on: decode}
	if decode {
		// Grow once: appending would allocate several times the string.
		t.b.Grow(i - p.pos + decodedLen(d[i:]))
		t.b.Write(d[p.pos:i])
	}
	for i < len(d) {
		c := d[i]
		switch {
		case c == '"':
			p.pos = i + 1
			return t.b.String(), nil, true
		case c == '\\':
			if i+1 >= len(d) {
				i++
				continue
			}
			e := d[i+1]
			switch e {
			case '"', '\\', '/':
				t.byte(e)
			case 'b':
				t.byte('\b')
			case 'f':
				t.byte('\f')
			case 'n':
				t.byte('\n')
			case 'r':
				t.byte('\r')
			case 't':
				t.byte('\t')
			case 'u':
				r, n := p.unicodeEscape(i)
				t.rune(r)
				i += n
				continue
			case '\n', '\r':
				return "", nil, p.stop(open, RuleSyntax, "string is not closed before the end of the line")
			default:
				if p.report(i) {
					var msg string
					if e > ' ' && e < 0x7f {
						msg = fmt.Sprintf(`invalid escape \%c in string: write \\ for a backslash`, e)
					} else {
						msg = fmt.Sprintf(`invalid escape: a backslash followed by %s in string: write \\ for a backslash`, p.describe(i+1))
					}
					p.add(i, RuleSyntax, msg, -1)
				}
				// Drop the backslash and read what follows as it is.
				i++
				continue
			}
			i += 2
		case c < 0x20:
			if c == '\n' || c == '\r' {
				return "", nil, p.stop(open, RuleSyntax, "string is not closed before the end of the line")
			}
			if p.report(i) {
				p.add(i, RuleSyntax, fmt.Sprintf("control character U+%04X in string: remove it (record text is one line of printable characters)", c), -1)
			}
			t.byte(c)
			i++
		case c < utf8.RuneSelf:
			t.byte(c)
			i++
		default:
			r, size := utf8.DecodeRune(d[i:])
			if r == utf8.RuneError && size <= 1 && p.report(i) {
				p.add(i, RuleInvalidUTF8, fmt.Sprintf("invalid UTF-8 byte 0x%02x in string: save the file as UTF-8", c), -1)
			}
			t.rune(r)
			i += size
		}
	}
	return "", nil, p.stop(open, RuleSyntax, "string is not closed before the end of the file")
}

// decodedLen returns the length that the string text at the start of s
// (after its opening quote) decodes to, up to its closing quote, a line
// break or the end of s.
func decodedLen(s []byte) int {
	n := 0
	for i := 0; i < len(s); {
		switch c := s[i]; {
		case c == '"' || c == '\n' || c == '\r':
			return n
		case c == '\\':
			if i+1 < len(s) && (s[i+1] == '\n' || s[i+1] == '\r') {
				return n
			}
			decoded, raw := escapeLen(s[i:])
			n += decoded
			i += raw
		case c < utf8.RuneSelf:
			n++
			i++
		default:
			r, size := utf8.DecodeRune(s[i:])
			n += utf8.RuneLen(r)
			i += size
		}
	}
	return n
}

// unicodeEscape decodes \uXXXX (and a following low surrogate) at i and
// returns the rune and the bytes consumed.
func (p *parser) unicodeEscape(i int) (rune, int) {
	r, ok := hex4(p.data[i:])
	if !ok {
		if p.report(i) {
			p.add(i, RuleSyntax, `invalid escape: \u must be followed by four hexadecimal digits`, -1)
		}
		return utf8.RuneError, 2
	}
	if utf16.IsSurrogate(r) {
		if r < 0xDC00 {
			if r2, ok := hex4(p.data[i+6:]); ok && r2 >= 0xDC00 && r2 <= 0xDFFF {
				return utf16.DecodeRune(r, r2), 12
			}
		}
		if p.report(i) {
			// The six bytes are a backslash, "u" and four hexadecimal digits.
			p.add(i, RuleInvalidUTF8, fmt.Sprintf("unpaired surrogate %s in string", p.data[i:i+6]), -1)
		}
		return utf8.RuneError, 6
	}
	return r, 6
}

// hex4 decodes the escape \uXXXX at the start of s.
func hex4(s []byte) (rune, bool) {
	if len(s) < 6 || s[0] != '\\' || s[1] != 'u' {
		return 0, false
	}
	var r rune
	for _, c := range s[2:6] {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c -= 'a' - 10
		case c >= 'A' && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}

// quoteName quotes a property name for a message: Go syntax, so that no
// control character, line break or invalid byte reaches the message, cut
// to 40 characters.
func quoteName(s string) string {
	return strconv.Quote(shorten(s, 40))
}

// shorten cuts s to at most n characters, the last being "…" when it is
// cut. It reads at most n+1 characters of s.
func shorten(s string, n int) string {
	cut := 0 // the end of the first n-1 characters
	for i, k := 0, 0; i < len(s); k++ {
		if k == n-1 {
			cut = i
		}
		if k == n {
			return s[:cut] + "…"
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return s
}

// StringOffset returns the byte offset in data of the byte at inner in the
// decoded value of the string whose opening quote is at quote, following
// escapes as Parse decodes them, so that a place inside a string value (where
// an excerpt stops matching, where a date goes wrong) can be reported at its
// line and column. It returns false when inner is not the start of a
// decoded character inside that string.
func StringOffset(data []byte, quote, inner int) (int, bool) {
	if quote < 0 || quote >= len(data) || data[quote] != '"' || inner < 0 {
		return 0, false
	}
	i, n := quote+1, 0 // offsets in data and in the decoded string
	for n < inner {
		if i >= len(data) || data[i] == '"' {
			return 0, false
		}
		if data[i] < utf8.RuneSelf && data[i] != '\\' {
			i++
			n++
			continue
		}
		if data[i] >= utf8.RuneSelf {
			r, size := utf8.DecodeRune(data[i:])
			i += size
			n += utf8.RuneLen(r) // an invalid byte becomes U+FFFD
			continue
		}
		decoded, raw := escapeLen(data[i:])
		i += raw
		n += decoded
	}
	return i, n == inner
}

// escapeLen returns how many bytes the escape at the start of s decodes to
// and how many it takes in the text, as Parse reads it.
func escapeLen(s []byte) (decoded, raw int) {
	if len(s) < 2 {
		return 0, 1
	}
	switch s[1] {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		return 1, 2
	case 'u':
		r, ok := hex4(s)
		if !ok {
			return utf8.RuneLen(utf8.RuneError), 2
		}
		if utf16.IsSurrogate(r) {
			if r2, ok := hex4(s[6:]); ok && r < 0xDC00 && r2 >= 0xDC00 && r2 <= 0xDFFF {
				return utf8.RuneLen(utf16.DecodeRune(r, r2)), 12
			}
			return utf8.RuneLen(utf8.RuneError), 6
		}
		return utf8.RuneLen(r), 6
	}
	return 0, 1 // an invalid escape: Parse drops the backslash
}
