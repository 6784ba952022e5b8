package store

import (
	"fmt"
	"reflect"
	"testing"

	"curate/record"
)

// fill sets every field of v, at every depth, to a value of its own: each
// text distinct, each list two items long, each pointer set.
func fill(v reflect.Value, n *int) {
	switch v.Kind() {
	case reflect.String:
		*n++
		v.SetString(fmt.Sprintf("v%d \u201cé\u201d", *n))
	case reflect.Struct:
		for i := range v.NumField() {
			fill(v.Field(i), n)
		}
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 2, 2)
		for i := range 2 {
			fill(s.Index(i), n)
		}
		v.Set(s)
	case reflect.Pointer:
		p := reflect.New(v.Type().Elem())
		fill(p.Elem(), n)
		v.Set(p)
	default:
		panic("fill: a field of kind " + v.Kind().String() + ": teach the codec and fill about it")
	}
}

// emptyLists sets every list of v, at every depth, to an empty list that
// is not nil, and every pointer to a zero value.
func emptyLists(v reflect.Value) {
	switch v.Kind() {
	case reflect.Struct:
		for i := range v.NumField() {
			emptyLists(v.Field(i))
		}
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 0, 0))
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
	}
}

// TestCodecEveryField round-trips a record of each kind with every field
// set (so a field added to the model and not to the codec fails), one with
// every list empty but not nil, and one with nothing set.
func TestCodecEveryField(t *testing.T) {
	for _, k := range record.Kinds {
		full, _ := record.New(k)
		n := 0
		fill(reflect.ValueOf(full).Elem(), &n)
		empty, _ := record.New(k)
		emptyLists(reflect.ValueOf(empty).Elem())
		zero, _ := record.New(k)
		for _, r := range []record.Record{full, empty, zero} {
			b := appendRecord(nil, r)
			got, err := decodeRecord(k, string(b))
			if err != nil {
				t.Fatalf("%s: %v", k, err)
			}
			if !reflect.DeepEqual(got, r) {
				t.Errorf("%s: round trip gives\n%+v\nwant\n%+v", k, got, r)
			}
			// Every shorter prefix, and a byte more, fails.
			for i := range len(b) {
				if _, err := decodeRecord(k, string(b[:i])); err == nil {
					t.Errorf("%s: the first %d of %d bytes decode", k, i, len(b))
					break
				}
			}
			if _, err := decodeRecord(k, string(b)+"x"); err == nil {
				t.Errorf("%s: a byte more decodes", k)
			}
		}
	}
}
