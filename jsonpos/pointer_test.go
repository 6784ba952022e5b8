package jsonpos

import (
	"encoding/json"
	"reflect"
	"testing"
)

func TestSplit(t *testing.T) {
	tests := []struct {
		pointer string
		want    []string
	}{
		{"", nil},
		{"/", []string{""}},
		{"/a", []string{"a"}},
		{"/a/0/b", []string{"a", "0", "b"}},
		{"/a~1b/m~0n", []string{"a/b", "m~n"}},
		{"/~01", []string{"~1"}}, // ~0 first, then the 1 stays
		{"/~10", []string{"/0"}},
		{"//", []string{"", ""}},
		{"/é/ä", []string{"é", "ä"}},
		// Not pointers.
		{"a", nil},
		{"a/b", nil},
		{"/a~", nil},
		{"/a~2", nil},
		{"/~", nil},
	}
	for _, tt := range tests {
		if got := Split(tt.pointer); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Split(%q) = %q, want %q", tt.pointer, got, tt.want)
		}
	}
	// Split undoes Escape.
	for _, s := range []string{"", "a", "a/b", "~", "~1", "/~0/", "é/"} {
		if got := Split("/" + Escape(s)); len(got) != 1 || got[0] != s {
			t.Errorf("Split(/Escape(%q)) = %q", s, got)
		}
	}
}

func TestLookup(t *testing.T) {
	v, errs := Parse([]byte(`{"a": [10, {"b/c": "x", "m~n": null}], "": {"": true}, "0": "zero", "01": 1, "é": []}`))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	tests := []struct {
		pointer string
		want    any
		ok      bool
	}{
		{"", v, true},
		{"/a/0", json.Number("10"), true},
		{"/a/1/b~1c", "x", true},
		{"/a/1/m~0n", nil, true}, // a null is a value
		{"/", map[string]any{"": true}, true},
		{"//", true, true},
		{"/0", "zero", true}, // an object's key that looks like an index
		{"/01", json.Number("1"), true},
		{"/é", []any{}, true},
		// No such value.
		{"/b", nil, false},
		{"/a/2", nil, false},
		{"/a/-1", nil, false},
		{"/a/-", nil, false},                          // the end of an array is no value
		{"/a/01", nil, false},                         // no leading zeros in an index
		{"/a/+1", nil, false},                         // no sign
		{"/a/1.0", nil, false},                        // decimal digits only
		{"/a/ 1", nil, false},                         // no space
		{"/a/0x1", nil, false},                        // no hexadecimal
		{"/a/99999999999999999999999999", nil, false}, // no overflow
		{"/a/0/x", nil, false},                        // inside a number
		{"/a/1/b/c", nil, false},                      // "/" is a separator: "b/c" is b~1c
		{"/a/1/m~n", nil, false},                      // an unescaped ~ is not a pointer
		{"a", nil, false},                             // no leading slash
	}
	for _, tt := range tests {
		got, ok := Lookup(v, tt.pointer)
		if ok != tt.ok || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Lookup(%q) = %#v, %v; want %#v, %v", tt.pointer, got, ok, tt.want, tt.ok)
		}
	}
	if got, ok := Lookup(nil, ""); got != nil || !ok {
		t.Errorf(`Lookup(nil, "") = %v, %v; want nil, true`, got, ok)
	}
	if _, ok := Lookup("s", "/0"); ok {
		t.Error(`Lookup("s", "/0") found a value in a string`)
	}
}
