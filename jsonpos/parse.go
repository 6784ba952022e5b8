// Package jsonpos parses hand-edited JSON strictly and keeps positions, so
// that every problem, from a stray comma to a schema violation deep inside a
// record, can be reported at its file, line and column.
//
// It is stricter than encoding/json: a duplicate key, invalid UTF-8, a
// byte-order mark, a comment, a trailing comma and content after the value are
// errors. Where the input can still be understood (a duplicate key keeps its
// first value, a comment or a byte-order mark is skipped, invalid UTF-8
// becomes U+FFFD), parsing goes on, so that a curator sees every problem of a
// file in one run; anything else stops the parse at the first problem.
//
// Values come out as encoding/json would decode them with UseNumber:
// map[string]any, []any, string, json.Number, bool and nil.
package jsonpos

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// MaxDepth is the deepest nesting of arrays and objects accepted.
const MaxDepth = 1000

// Error is a problem in the JSON text itself.
type Error struct {
	Offset  int    // 0-based byte offset of the problem
	Pointer string // JSON pointer of the value being read
	Rule    string // short name of the problem class, e.g. "duplicate-key"
	Msg     string // one line, lower case
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

// Parse parses data as one JSON value. It returns the value and every error
// found; when an error stopped the parse, the value is nil.
func Parse(data []byte) (any, []*Error) {
	p := &parser{data: data}
	v, ok := p.document()
	if !ok {
		return nil, p.errs
	}
	return v, p.errs
}

// Index parses data and returns the location of every value by its JSON
// pointer ("" is the whole document). It is meant for reporting: call it only
// when there is something to report, as it costs a second parse.
func Index(data []byte) map[string]Loc {
	p := &parser{data: data, index: map[string]Loc{}}
	p.document()
	return p.index
}

type parser struct {
	data  []byte
	pos   int
	errs  []*Error
	path  []string // pointer segments, escaped
	index map[string]Loc
	depth int
	// fatal is set once an error stopped the parse.
	fatal bool
}

func (p *parser) pointer() string {
	if len(p.path) == 0 {
		return ""
	}
	return "/" + strings.Join(p.path, "/")
}

func (p *parser) fail(off int, rule, format string, args ...any) {
	p.errs = append(p.errs, &Error{Offset: off, Pointer: p.pointer(), Rule: rule, Msg: fmt.Sprintf(format, args...), Related: -1})
}

// stop records a fatal error and returns false for the callers to unwind.
func (p *parser) stop(off int, rule, format string, args ...any) bool {
	p.fail(off, rule, format, args...)
	p.fatal = true
	return false
}

func (p *parser) document() (any, bool) {
	if len(p.data) >= 3 && p.data[0] == 0xEF && p.data[1] == 0xBB && p.data[2] == 0xBF {
		p.fail(0, "byte-order-mark", "file starts with a byte-order mark: save it as UTF-8 without BOM")
		p.pos = 3
	}
	if !p.space() {
		return nil, false
	}
	if p.pos >= len(p.data) {
		return nil, p.stop(p.pos, "syntax", "empty file: expected a JSON object")
	}
	v, ok := p.value(-1)
	if !ok {
		return nil, false
	}
	if !p.space() {
		return nil, false
	}
	if p.pos < len(p.data) {
		p.fail(p.pos, "trailing-content", "unexpected %s after the end of the top-level value", p.describe(p.pos))
	}
	return v, true
}

// space skips white space and comments; comments are reported.
func (p *parser) space() bool {
	for p.pos < len(p.data) {
		switch c := p.data[p.pos]; c {
		case ' ', '\t', '\n', '\r':
			p.pos++
		case '/':
			start := p.pos
			if p.pos+1 < len(p.data) && p.data[p.pos+1] == '/' {
				end := p.pos
				for end < len(p.data) && p.data[end] != '\n' {
					end++
				}
				p.fail(start, "comment", "comments are not allowed in JSON")
				p.pos = end
			} else if p.pos+1 < len(p.data) && p.data[p.pos+1] == '*' {
				end := strings.Index(string(p.data[p.pos+2:]), "*/")
				if end < 0 {
					return p.stop(start, "comment", "unterminated comment")
				}
				p.fail(start, "comment", "comments are not allowed in JSON")
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

// describe names the input at off for a message.
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
	if r < 0x20 || r == 0x7f {
		return fmt.Sprintf("control character U+%04X", r)
	}
	return strconv.Quote(string(r))
}

// word returns the run of ASCII letters and digits at off when it starts
// with a letter (an unquoted string, or a misspelt true, false or null), cut
// to 20 characters; "" otherwise.
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
	line, col := NewLines(p.data).Position(off)
	return fmt.Sprintf("line %d, column %d", line, col)
}

func (p *parser) record(keyOff int) {
	if p.index != nil {
		p.index[p.pointer()] = Loc{Value: p.pos, Key: keyOff}
	}
}

func (p *parser) value(keyOff int) (any, bool) {
	p.record(keyOff)
	if p.pos >= len(p.data) {
		return nil, p.stop(p.pos, "syntax", "unexpected end of file: expected a value")
	}
	switch c := p.data[p.pos]; {
	case c == '{':
		return p.object()
	case c == '[':
		return p.array()
	case c == '"':
		s, ok := p.str()
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
		return nil, p.stop(p.pos, "syntax", "strings must be in double quotes")
	}
	return nil, p.unexpectedValue()
}

func (p *parser) literal(word string) bool {
	if strings.HasPrefix(string(p.data[p.pos:min(len(p.data), p.pos+len(word))]), word) {
		p.pos += len(word)
		return true
	}
	return p.unexpectedValue()
}

// unexpectedValue stops at input that cannot start a value.
func (p *parser) unexpectedValue() bool {
	if p.word(p.pos) != "" {
		return p.stop(p.pos, "syntax", "unexpected %s: expected a value (a string must be in double quotes; true, false and null in lower case)", p.describe(p.pos))
	}
	return p.stop(p.pos, "syntax", "unexpected %s: expected a value", p.describe(p.pos))
}

func (p *parser) enter() bool {
	p.depth++
	if p.depth > MaxDepth {
		return p.stop(p.pos, "syntax", "nesting deeper than %d levels", MaxDepth)
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
	obj := map[string]any{}
	keys := map[string]int{} // key -> offset of its first occurrence
	comma := -1              // offset of the comma after the last property
	if !p.space() {
		return nil, false
	}
	if p.pos < len(p.data) && p.data[p.pos] == '}' {
		p.pos++
		return obj, true
	}
	for {
		if p.pos >= len(p.data) {
			return nil, p.stop(p.pos, "syntax", "unexpected end of file: the object opened at %s is not closed", p.at(open))
		}
		if p.data[p.pos] != '"' {
			if p.data[p.pos] == '}' {
				// Only reached after a comma: a trailing comma.
				p.fail(comma, "trailing-comma", "trailing comma before \"}\"")
				p.pos++
				return obj, true
			}
			return nil, p.stop(p.pos, "syntax", "unexpected %s: expected a property name in double quotes", p.describe(p.pos))
		}
		keyOff := p.pos
		key, ok := p.str()
		if !ok {
			return nil, false
		}
		if !p.space() {
			return nil, false
		}
		if p.pos < len(p.data) && p.data[p.pos] == '"' {
			return nil, p.stop(p.pos, "syntax", "missing \":\" after property name %q", key)
		}
		if p.pos >= len(p.data) || p.data[p.pos] != ':' {
			return nil, p.stop(p.pos, "syntax", "unexpected %s: expected \":\" after property name %q", p.describe(p.pos), key)
		}
		p.pos++
		if !p.space() {
			return nil, false
		}
		p.path = append(p.path, escape(key))
		first, dup := keys[key]
		if dup {
			p.errs = append(p.errs, &Error{Offset: keyOff, Pointer: p.pointer(), Rule: "duplicate-key",
				Msg: fmt.Sprintf("duplicate property %q: only the first is kept", key), Related: first})
		}
		var v any
		if dup && p.index != nil {
			// Keep the first occurrence's location in the index.
			saved := p.index
			p.index = nil
			v, ok = p.value(keyOff)
			p.index = saved
		} else {
			v, ok = p.value(keyOff)
		}
		p.path = p.path[:len(p.path)-1]
		if !ok {
			return nil, false
		}
		if !dup {
			keys[key] = keyOff
			obj[key] = v
		}
		if !p.space() {
			return nil, false
		}
		if p.pos >= len(p.data) {
			return nil, p.stop(p.pos, "syntax", "unexpected end of file: the object opened at %s is not closed", p.at(open))
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
			return nil, p.stop(p.pos, "syntax", "missing comma between properties")
		default:
			return nil, p.stop(p.pos, "syntax", "unexpected %s: expected \",\" or \"}\"", p.describe(p.pos))
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
	arr := []any{}
	comma := -1 // offset of the comma after the last item
	if !p.space() {
		return nil, false
	}
	if p.pos < len(p.data) && p.data[p.pos] == ']' {
		p.pos++
		return arr, true
	}
	for i := 0; ; i++ {
		if p.pos < len(p.data) && p.data[p.pos] == ']' && i > 0 {
			p.fail(comma, "trailing-comma", "trailing comma before \"]\"")
			p.pos++
			return arr, true
		}
		p.path = append(p.path, strconv.Itoa(i))
		v, ok := p.value(-1)
		p.path = p.path[:len(p.path)-1]
		if !ok {
			return nil, false
		}
		arr = append(arr, v)
		if !p.space() {
			return nil, false
		}
		if p.pos >= len(p.data) {
			return nil, p.stop(p.pos, "syntax", "unexpected end of file: the array opened at %s is not closed", p.at(open))
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
			return arr, true
		default:
			if c := p.data[p.pos]; c == '{' || c == '[' || c == '"' {
				return nil, p.stop(p.pos, "syntax", "missing comma between array items")
			}
			return nil, p.stop(p.pos, "syntax", "unexpected %s: expected \",\" or \"]\"", p.describe(p.pos))
		}
	}
}

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
		return nil, p.stop(i, "syntax", "invalid number: expected a digit")
	}
	if n > 1 && d[intStart] == '0' {
		return nil, p.stop(intStart, "syntax", "invalid number: leading zeros are not allowed")
	}
	if i < len(d) && d[i] == '.' {
		i++
		if digits() == 0 {
			return nil, p.stop(i, "syntax", "invalid number: expected a digit after the decimal point")
		}
	}
	if i < len(d) && (d[i] == 'e' || d[i] == 'E') {
		i++
		if i < len(d) && (d[i] == '+' || d[i] == '-') {
			i++
		}
		if digits() == 0 {
			return nil, p.stop(i, "syntax", "invalid number: expected a digit in the exponent")
		}
	}
	p.pos = i
	return json.Number(d[start:i]), true
}

// str reads a string at p.pos (an opening quote). Invalid UTF-8, control
// characters and bad escapes are reported and parsing goes on.
func (p *parser) str() (string, bool) {
	open := p.pos
	p.pos++
	d := p.data
	// Fast path: no escapes, all ASCII printable or valid UTF-8.
	i := p.pos
	for i < len(d) {
		c := d[i]
		if c == '"' {
			s := string(d[p.pos:i])
			p.pos = i + 1
			return s, true
		}
		if c == '\\' || c < 0x20 || c >= utf8.RuneSelf {
			break
		}
		i++
	}
	var b strings.Builder
	b.Write(d[p.pos:i])
	for i < len(d) {
		c := d[i]
		switch {
		case c == '"':
			p.pos = i + 1
			return b.String(), true
		case c == '\\':
			if i+1 >= len(d) {
				i++
				continue
			}
			e := d[i+1]
			switch e {
			case '"', '\\', '/':
				b.WriteByte(e)
			case 'b':
				b.WriteByte('\b')
			case 'f':
				b.WriteByte('\f')
			case 'n':
				b.WriteByte('\n')
			case 'r':
				b.WriteByte('\r')
			case 't':
				b.WriteByte('\t')
			case 'u':
				r, n := p.unicodeEscape(i)
				b.WriteRune(r)
				i += n
				continue
			case '\n':
				return "", p.stop(open, "syntax", "string is not closed before the end of the line")
			default:
				if e > ' ' && e < 0x7f {
					p.fail(i, "syntax", `invalid escape \%c in string: write \\ for a backslash`, e)
				} else {
					p.fail(i, "syntax", `invalid escape: a backslash followed by %s in string: write \\ for a backslash`, p.describe(i+1))
				}
				// Drop the backslash and read what follows as it is.
				i++
				continue
			}
			i += 2
		case c < 0x20:
			if c == '\n' {
				return "", p.stop(open, "syntax", "string is not closed before the end of the line")
			}
			p.fail(i, "syntax", "control character U+%04X in string: remove it (record text is one line of printable characters)", c)
			b.WriteByte(c)
			i++
		case c < utf8.RuneSelf:
			b.WriteByte(c)
			i++
		default:
			r, size := utf8.DecodeRune(d[i:])
			if r == utf8.RuneError && size <= 1 {
				p.fail(i, "invalid-utf8", "invalid UTF-8 byte 0x%02x in string: save the file as UTF-8", c)
			}
			b.WriteRune(r)
			i += size
		}
	}
	return "", p.stop(open, "syntax", "string is not closed before the end of the file")
}

// unicodeEscape decodes \uXXXX (and a following low surrogate) at i and
// returns the rune and the bytes consumed.
func (p *parser) unicodeEscape(i int) (rune, int) {
	hex := func(at int) (rune, bool) {
		if at+6 > len(p.data) || p.data[at] != '\\' || p.data[at+1] != 'u' {
			return 0, false
		}
		v, err := strconv.ParseUint(string(p.data[at+2:at+6]), 16, 32)
		return rune(v), err == nil
	}
	r, ok := hex(i)
	if !ok {
		p.fail(i, "syntax", "invalid escape: \\u must be followed by four hexadecimal digits")
		return utf8.RuneError, 2
	}
	if utf16.IsSurrogate(r) {
		if r < 0xDC00 {
			if r2, ok := hex(i + 6); ok && r2 >= 0xDC00 && r2 <= 0xDFFF {
				return utf16.DecodeRune(r, r2), 12
			}
		}
		p.fail(i, "invalid-utf8", "unpaired surrogate %s in string", string(p.data[i:i+6]))
		return utf8.RuneError, 6
	}
	return r, 6
}

// escape escapes a property name as a JSON pointer segment (RFC 6901).
func escape(s string) string {
	if !strings.ContainsAny(s, "~/") {
		return s
	}
	return strings.NewReplacer("~", "~0", "/", "~1").Replace(s)
}

// Escape escapes s as a JSON pointer segment (RFC 6901): ~ becomes ~0 and /
// becomes ~1.
func Escape(s string) string { return escape(s) }

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
		hex := func(at int) (rune, bool) {
			if at+6 > len(s) || s[at] != '\\' || s[at+1] != 'u' {
				return 0, false
			}
			v, err := strconv.ParseUint(string(s[at+2:at+6]), 16, 32)
			return rune(v), err == nil
		}
		r, ok := hex(0)
		if !ok {
			return utf8.RuneLen(utf8.RuneError), 2
		}
		if utf16.IsSurrogate(r) {
			if r2, ok := hex(6); ok && r < 0xDC00 && r2 >= 0xDC00 && r2 <= 0xDFFF {
				return utf8.RuneLen(utf16.DecodeRune(r, r2)), 12
			}
			return utf8.RuneLen(utf8.RuneError), 6
		}
		return utf8.RuneLen(r), 6
	}
	return 0, 1 // an invalid escape: Parse drops the backslash
}
