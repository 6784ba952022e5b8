package record

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"sync"
)

// Decode fills the struct that dst points to from a parsed JSON object,
// matching properties to fields by their json tags. Values of the wrong
// type are skipped: the schema reports them, and the rest of the record is
// still decoded so that cross-record checks can run.
func Decode(src map[string]any, dst any) {
	decodeStruct(src, reflect.ValueOf(dst).Elem())
}

var fieldCache sync.Map // reflect.Type -> map[string]int

func fieldsOf(t reflect.Type) map[string]int {
	if m, ok := fieldCache.Load(t); ok {
		return m.(map[string]int)
	}
	m := map[string]int{}
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		if name != "" && name != "-" {
			m[name] = i
		}
	}
	fieldCache.Store(t, m)
	return m
}

func decodeStruct(src map[string]any, v reflect.Value) {
	fields := fieldsOf(v.Type())
	for k, x := range src {
		if i, ok := fields[k]; ok {
			decodeValue(x, v.Field(i))
		}
	}
}

var numberType = reflect.TypeFor[json.Number]()

func decodeValue(x any, v reflect.Value) {
	if v.Type() == numberType {
		if n, ok := x.(json.Number); ok {
			v.SetString(string(n))
		}
		return
	}
	switch v.Kind() {
	case reflect.String:
		if s, ok := x.(string); ok {
			v.SetString(s)
		}
	case reflect.Bool:
		if b, ok := x.(bool); ok {
			v.SetBool(b)
		}
	case reflect.Pointer:
		if x == nil {
			return
		}
		p := reflect.New(v.Type().Elem())
		decodeValue(x, p.Elem())
		v.Set(p)
	case reflect.Struct:
		if m, ok := x.(map[string]any); ok {
			decodeStruct(m, v)
		}
	case reflect.Slice:
		a, ok := x.([]any)
		if !ok {
			return
		}
		s := reflect.MakeSlice(v.Type(), len(a), len(a))
		for i, item := range a {
			decodeValue(item, s.Index(i))
		}
		v.Set(s)
	}
}

// Decodable returns an error naming the first field of t (a struct) whose
// type decode does not fill, so that a field added to the record model
// with such a type fails a test instead of silently staying zero.
func Decodable(t reflect.Type) error {
	var walk func(t reflect.Type, path string) error
	walk = func(t reflect.Type, path string) error {
		if t == numberType {
			return nil
		}
		switch t.Kind() {
		case reflect.String, reflect.Bool:
			return nil
		case reflect.Pointer, reflect.Slice:
			return walk(t.Elem(), path)
		case reflect.Struct:
			for i := range t.NumField() {
				f := t.Field(i)
				name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
				if name == "" || name == "-" {
					return fmt.Errorf("%s.%s has no json name", path, f.Name)
				}
				if err := walk(f.Type, path+"."+f.Name); err != nil {
					return err
				}
			}
			return nil
		}
		return fmt.Errorf("%s: decode does not handle %s", path, t)
	}
	return walk(t, t.Name())
}
