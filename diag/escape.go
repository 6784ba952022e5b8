package diag

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Escape makes a text from the input safe to print on a terminal or in a
// log that a CI system parses: every character that could end a line,
// start a terminal escape sequence or reorder what a reader sees is written
// as a visible escape, and invalid UTF-8 as its bytes:
//
//	line feed, carriage return, tab     \n \r \t
//	other C0 controls, DEL              \x00 .. \x1f, \x7f (ESC is \x1b)
//	C1 controls                         \u0080 .. \u009f
//	line and paragraph separators       \u2028 \u2029
//	bidirectional controls              \u200e \u200f \u202a .. \u202e \u2066 .. \u2069
//	invalid UTF-8                       \xNN for each byte
//
// Everything else, including non-ASCII letters, is kept as it is.
func Escape(s string) string {
	i := strings.IndexFunc(s, needsEscape)
	if i < 0 && utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		case needsEscape(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// needsEscape reports whether Escape rewrites r.
func needsEscape(r rune) bool {
	switch {
	case r < 0x20, r >= 0x7f && r <= 0x9f:
		return true
	case r == 0x2028, r == 0x2029, r == 0x200e, r == 0x200f:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

// escapeWorkflow escapes a workflow command's message or property value:
// "%" and every character Escape rewrites as %XX of its UTF-8 bytes, and in
// a property also ":" and ",". GitHub's runner decodes %25, %0D, %0A, %3A
// and %2C (as @actions/core encodes them); any other %XX stays as written,
// so a control character shows as text and never acts.
func escapeWorkflow(s string, property bool) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1, needsEscape(r), r == '%', property && (r == ':' || r == ','):
			for _, c := range []byte(s[i : i+size]) {
				fmt.Fprintf(&b, "%%%02X", c)
			}
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// escapeData escapes a workflow command's message as @actions/core does,
// and every other control character as %XX.
func escapeData(s string) string { return escapeWorkflow(s, false) }

// escapeProperty escapes a workflow command's property value as
// @actions/core does, and every other control character as %XX.
func escapeProperty(s string) string { return escapeWorkflow(s, true) }

// inertJSON rewrites, in encoded JSON, the characters encoding/json leaves
// raw that Escape would rewrite (DEL, C1 controls, bidirectional controls)
// as \uXXXX escapes: the decoded value is the same, and the bytes hold no
// control character. Such characters occur only inside JSON strings.
func inertJSON(b []byte) []byte {
	s := string(b)
	raw := func(r rune) bool { return r >= 0x20 && needsEscape(r) }
	if strings.IndexFunc(s, raw) < 0 {
		return b
	}
	var out strings.Builder
	for _, r := range s {
		if raw(r) {
			fmt.Fprintf(&out, `\u%04x`, r)
			continue
		}
		out.WriteRune(r)
	}
	return []byte(out.String())
}
