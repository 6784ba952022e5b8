package edtf

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParse checks properties of every result, not only that Parse does not
// panic: a value keeps its input, its bounds are ordered, a set's members
// lie within it, parsing is deterministic; an error is an *Error of a known
// kind, located inside the input, with a clean one-line message and hint.
func FuzzParse(f *testing.F) {
	for _, tt := range validTests {
		f.Add(tt.in)
	}
	for _, tt := range errorTests {
		f.Add(tt.in)
	}
	for _, s := range []string{"[..2022-01,2022-02-24?,2022-03-01..2022-03-05~,2022-04..]", "[2022-02-24,\u00a02022-02-25]",
		"[2022-02-24\x00]", "2022-24-02\x85", "Feb\t25,\t2022", "[0001..0001]", "[9999-24..]", "0001-01-01/0001-01-01"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := Parse(s)
		d2, err2 := Parse(s)
		if !reflect.DeepEqual(d, d2) || !reflect.DeepEqual(err, err2) {
			t.Fatalf("Parse(%q) is not deterministic: %+v, %v then %+v, %v", s, d, err, d2, err2)
		}
		if err != nil {
			checkError(t, s, err)
			return
		}
		checkDate(t, s, d)
		if d.Raw != s {
			t.Fatalf("Parse(%q).Raw = %q", s, d.Raw)
		}
		if _, err := Parse(d.Raw); err != nil {
			t.Fatalf("Parse(%q) succeeded, Parse of its Raw %q failed: %v", s, d.Raw, err)
		}
	})
}

var precisions = map[Precision]bool{Day: true, Month: true, Season: true, Year: true, Decade: true, Century: true, Interval: true, Set: true}

// checkDate checks the invariants of a value parsed from s (for a member of
// a set, from part of s).
func checkDate(t *testing.T, s string, d Date) {
	t.Helper()
	if !precisions[d.Precision] {
		t.Fatalf("Parse(%q): precision %q", s, d.Precision)
	}
	knownStart, knownEnd := !d.OpenStart && !d.UnknownStart, !d.OpenEnd && !d.UnknownEnd
	if knownStart && knownEnd && d.Earliest.After(d.Latest) {
		t.Fatalf("Parse(%q): %q: Earliest %s after Latest %s", s, d.Raw, ISO(d.Earliest), ISO(d.Latest))
	}
	if !knownStart && !d.Earliest.IsZero() || !knownEnd && !d.Latest.IsZero() {
		t.Fatalf("Parse(%q): %q: open or unknown end with a bound: %+v", s, d.Raw, d)
	}
	switch d.Precision {
	case Interval:
		if (d.Start != nil) != knownStart || (d.End != nil) != knownEnd || d.Members != nil {
			t.Fatalf("Parse(%q): %q: interval ends do not match its flags: %+v", s, d.Raw, d)
		}
	case Set:
		if len(d.Members) == 0 || d.Start != nil || d.End != nil || d.UnknownStart || d.UnknownEnd {
			t.Fatalf("Parse(%q): set with no members, or with interval ends: %+v", s, d)
		}
		var uncertain, approx bool
		for i, m := range d.Members {
			checkDate(t, s, m)
			switch {
			case m.Precision == Set || m.Members != nil || m.UnknownStart || m.UnknownEnd:
				t.Fatalf("Parse(%q): member %d is not a date or a range: %+v", s, i, m)
			case m.OpenStart && i != 0 || m.OpenEnd && i != len(d.Members)-1:
				t.Fatalf("Parse(%q): member %d is open inside the set: %+v", s, i, m)
			case !d.OpenStart && (m.OpenStart || m.Earliest.Before(d.Earliest)):
				t.Fatalf("Parse(%q): member %d %q starts before the set (%s)", s, i, m.Raw, ISO(d.Earliest))
			case !d.OpenEnd && (m.OpenEnd || m.Latest.After(d.Latest)):
				t.Fatalf("Parse(%q): member %d %q ends after the set (%s)", s, i, m.Raw, ISO(d.Latest))
			case !strings.Contains(s, m.Raw):
				t.Fatalf("Parse(%q): member %d Raw %q is not in the input", s, i, m.Raw)
			}
			uncertain, approx = uncertain || m.Uncertain, approx || m.Approximate
		}
		if d.Uncertain != uncertain || d.Approximate != approx {
			t.Fatalf("Parse(%q): set qualifiers %v %v, members' %v %v", s, d.Uncertain, d.Approximate, uncertain, approx)
		}
	default:
		if !knownStart || !knownEnd || d.Start != nil || d.End != nil || d.Members != nil {
			t.Fatalf("Parse(%q): %q: a single date with interval or set parts: %+v", s, d.Raw, d)
		}
	}
}

var kinds = map[ErrorKind]bool{Syntax: true, Calendar: true, Order: true, Unsupported: true}

// checkError checks the error Parse(s) returned.
func checkError(t *testing.T, s string, err error) {
	t.Helper()
	e, ok := err.(*Error)
	if !ok || !errors.As(err, &e) {
		t.Fatalf("Parse(%q): error %T %v, want *Error", s, err, err)
	}
	if !kinds[e.Kind] || e.Offset < 0 || e.Offset > len(s) || e.Msg == "" || e.Error() != e.Msg {
		t.Fatalf("Parse(%q): bad error %#v", s, e)
	}
	for _, text := range []string{e.Msg, e.Hint} {
		if !utf8.ValidString(text) {
			t.Fatalf("Parse(%q): invalid UTF-8 in %q", s, text)
		}
		if strings.IndexFunc(text, func(r rune) bool { return r < 0x20 || r >= 0x7f && r <= 0x9f }) >= 0 {
			t.Fatalf("Parse(%q): control character in %q", s, text)
		}
		if strings.HasSuffix(text, ".") {
			t.Fatalf("Parse(%q): final period in %q", s, text)
		}
	}
	if r, _ := utf8.DecodeRuneInString(e.Msg); r >= 'A' && r <= 'Z' {
		t.Fatalf("Parse(%q): message starts with a capital: %q", s, e.Msg)
	}
}
