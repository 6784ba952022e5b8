package record

import (
	"reflect"
	"testing"
)

// TestDecodable: decode fills every field of every record kind and of the
// metadata; a field of a type it does not handle fails here.
func TestDecodable(t *testing.T) {
	types := []reflect.Type{reflect.TypeFor[Metadata]()}
	for _, k := range Kinds {
		r, _ := New(k)
		types = append(types, reflect.TypeOf(r).Elem())
	}
	for _, typ := range types {
		if err := Decodable(typ); err != nil {
			t.Error(err)
		}
	}
	type withMap struct {
		M map[string]string `json:"m"`
	}
	if err := Decodable(reflect.TypeFor[withMap]()); err == nil {
		t.Error("a map field is reported as decodable")
	}
}
