package canonical

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Object is a JSON object with its members in the order they were written.
type Object struct {
	Members []Member
}

// Member is one name and value of an Object.
type Member struct {
	Key   string
	Value any
}

// Get returns the value of the member named key and whether there is one.
func (o *Object) Get(key string) (any, bool) {
	for _, m := range o.Members {
		if m.Key == key {
			return m.Value, true
		}
	}
	return nil, false
}

// Keys returns the member names in order.
func (o *Object) Keys() []string {
	keys := make([]string, len(o.Members))
	for i, m := range o.Members {
		keys[i] = m.Key
	}
	return keys
}

// Decode reads one JSON value keeping the order of every object's members:
// objects come out as *Object, arrays as []any, numbers as json.Number
// holding the literal exactly as written, and strings, booleans and null as
// encoding/json decodes them. It reads with encoding/json's Decoder.Token,
// so it is as lenient as encoding/json about what it accepts (a duplicate
// key is kept twice): check the text with jsonpos.Parse first.
func Decode(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	v, err := decodeValue(dec)
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("content after the top-level value (offset %d)", dec.InputOffset())
	}
	return v, nil
}

func decodeValue(dec *json.Decoder) (any, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			o := &Object{}
			for dec.More() {
				k, err := dec.Token()
				if err != nil {
					return nil, err
				}
				key, ok := k.(string)
				if !ok {
					return nil, fmt.Errorf("object key is %T (offset %d)", k, dec.InputOffset())
				}
				v, err := decodeValue(dec)
				if err != nil {
					return nil, err
				}
				o.Members = append(o.Members, Member{key, v})
			}
			if _, err := dec.Token(); err != nil { // '}'
				return nil, err
			}
			return o, nil
		case '[':
			a := []any{}
			for dec.More() {
				v, err := decodeValue(dec)
				if err != nil {
					return nil, err
				}
				a = append(a, v)
			}
			if _, err := dec.Token(); err != nil { // ']'
				return nil, err
			}
			return a, nil
		}
		return nil, fmt.Errorf("unexpected %v (offset %d)", t, dec.InputOffset())
	}
	return tok, nil
}

// Plain converts a value of Decode into what encoding/json decodes with
// UseNumber (map[string]any for objects), for comparing values.
func Plain(v any) any {
	switch t := v.(type) {
	case *Object:
		m := make(map[string]any, len(t.Members))
		for _, mb := range t.Members {
			m[mb.Key] = Plain(mb.Value)
		}
		return m
	case []any:
		a := make([]any, len(t))
		for i, x := range t {
			a[i] = Plain(x)
		}
		return a
	}
	return v
}

// Encode writes v in the canonical layout: two spaces of indent, one member
// or item per line as encoding/json's MarshalIndent lays them out ("{}" and
// "[]" when empty), numbers exactly as their literal, strings with only
// what JSON requires escaped ('"', '\\' and the control characters U+0000
// to U+001F) and every other character written as itself, and one final
// newline.
func Encode(v any) []byte {
	var b bytes.Buffer
	encode(&b, v, 0)
	b.WriteByte('\n')
	return b.Bytes()
}

func encode(b *bytes.Buffer, v any, depth int) {
	switch t := v.(type) {
	case *Object:
		if len(t.Members) == 0 {
			b.WriteString("{}")
			return
		}
		b.WriteByte('{')
		for i, m := range t.Members {
			if i > 0 {
				b.WriteByte(',')
			}
			newline(b, depth+1)
			writeString(b, m.Key)
			b.WriteString(": ")
			encode(b, m.Value, depth+1)
		}
		newline(b, depth)
		b.WriteByte('}')
	case []any:
		if len(t) == 0 {
			b.WriteString("[]")
			return
		}
		b.WriteByte('[')
		for i, x := range t {
			if i > 0 {
				b.WriteByte(',')
			}
			newline(b, depth+1)
			encode(b, x, depth+1)
		}
		newline(b, depth)
		b.WriteByte(']')
	case string:
		writeString(b, t)
	case json.Number:
		b.WriteString(string(t))
	case bool:
		if t {
			b.WriteString("true")
		} else {
			b.WriteString("false")
		}
	case nil:
		b.WriteString("null")
	default:
		// Decode produces none of these; a value built by hand must use
		// the types above.
		panic(fmt.Sprintf("canonical: cannot encode %T", v))
	}
}

// indent is written a slice at a time: two spaces per level.
var indent = strings.Repeat("  ", 64)

func newline(b *bytes.Buffer, depth int) {
	b.WriteByte('\n')
	for n := 2 * depth; n > 0; n -= len(indent) {
		b.WriteString(indent[:min(n, len(indent))])
	}
}

const hexDigits = "0123456789abcdef"

// writeString writes s quoted, escaping only '"', '\\' and control
// characters, as JSON requires; the text is valid UTF-8 (jsonpos.Parse
// refuses anything else), and every other character is written as itself.
func writeString(b *bytes.Buffer, s string) {
	b.WriteByte('"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' {
			continue
		}
		b.WriteString(s[start:i])
		switch c {
		case '"', '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			b.WriteString(`\u00`)
			b.WriteByte(hexDigits[c>>4])
			b.WriteByte(hexDigits[c&0xf])
		}
		start = i + 1
	}
	b.WriteString(s[start:])
	b.WriteByte('"')
}
