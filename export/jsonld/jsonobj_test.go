package jsonld

import (
	"bytes"
	"encoding/json"
	"testing"
)

// encodeJSON is what appendValue must match: encoding/json's Encoder
// without HTML escaping.
func encodeJSON(t testing.TB, v any) []byte {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

var jsonStringSeeds = []string{
	"", "plain", `"quoted" and \back\slash`, "<html> & 'amp'", "tab\tnew\nline\rcr\bbs\fff",
	"\x00\x01\x1f\x7f", "Київ 🇺🇦 «x»", "\u2028\u2029", "bad \xff\xfe utf-8 \xe2\x82", "=HYPERLINK(\"x\")",
}

// FuzzAppendString checks that appendString writes every string as
// encoding/json does.
func FuzzAppendString(f *testing.F) {
	for _, s := range jsonStringSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := appendString(nil, s), encodeJSON(t, s); !bytes.Equal(got, want) {
			t.Errorf("appendString(%q) = %s, encoding/json %s", s, got, want)
		}
	})
}

// TestObjJSON checks a nested object against encoding/json's encoding of
// the same values as maps would give, key order aside: the object keeps its
// keys in order, drops empty values, and nests objects and lists.
func TestObjJSON(t *testing.T) {
	o := obj{}.add("@id", "x").add("empty", "").add("none", []string{}).add("list", []string{"a", "<b>"}).
		add("nested", []any{obj{}.add("k", "v\u2028"), obj{}.add("n", 1.5)}).add("obj", obj{}.add("z", "1").add("a", "2"))
	got, err := o.appendJSON(nil)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"@id":"x","list":["a","<b>"],"nested":[{"k":"v\u2028"},{"n":1.5}],"obj":{"z":"1","a":"2"}}`
	if string(got) != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if m := encodeJSON(t, o); !bytes.Equal(m, got) {
		t.Errorf("through encoding/json (MarshalJSON) %s, appendJSON %s", m, got)
	}
}
