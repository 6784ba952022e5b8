package jsonld

import (
	"encoding/json"
	"strconv"
	"unicode/utf8"
)

// obj is a JSON object that keeps its keys in the order they were added and
// leaves out empty values.
type obj []kv

type kv struct {
	k string
	v any
}

func (o obj) add(k string, v any) obj {
	switch t := v.(type) {
	case nil:
		return o
	case string:
		if t == "" {
			return o
		}
	case []string:
		if len(t) == 0 {
			return o
		}
	case []any:
		if len(t) == 0 {
			return o
		}
	}
	return append(o, kv{k, v})
}

// MarshalJSON writes the object with its keys in order, as appendJSON does.
func (o obj) MarshalJSON() ([]byte, error) { return o.appendJSON(nil) }

// appendJSON appends the object to b as compact JSON, its keys in order,
// strings escaped as encoding/json escapes them without HTML escaping. The
// values the JSON-LD nodes hold (strings, lists of strings, nested objects
// and lists of them) are written directly, so a node is encoded once
// rather than re-encoded and compacted at every level of nesting by
// encoding/json; other values go through encoding/json.
func (o obj) appendJSON(b []byte) ([]byte, error) {
	b = append(b, '{')
	for i, x := range o {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, x.k)
		b = append(b, ':')
		var err error
		if b, err = appendValue(b, x.v); err != nil {
			return nil, err
		}
	}
	return append(b, '}'), nil
}

// appendValue appends one value of an obj to b.
func appendValue(b []byte, v any) ([]byte, error) {
	switch t := v.(type) {
	case string:
		return appendString(b, t), nil
	case obj:
		return t.appendJSON(b)
	case []string:
		b = append(b, '[')
		for i, s := range t {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendString(b, s)
		}
		return append(b, ']'), nil
	case []any:
		b = append(b, '[')
		for i, x := range t {
			if i > 0 {
				b = append(b, ',')
			}
			var err error
			if b, err = appendValue(b, x); err != nil {
				return nil, err
			}
		}
		return append(b, ']'), nil
	}
	j, err := json.Marshal(v) // HTML escaping only touches strings, written above
	if err != nil {
		return nil, err
	}
	return append(b, j...), nil
}

const hexDigits = "0123456789abcdef"

// appendString appends s as a JSON string exactly as encoding/json's
// Encoder does with SetEscapeHTML(false): quote and backslash escaped,
// \b \f \n \r \t short, other control characters as \u00XX, invalid UTF-8
// as \ufffd, and U+2028 and U+2029 escaped (JSONP safety).
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, `\u202`...)
			b = strconv.AppendInt(b, int64(r&0xF), 16)
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
