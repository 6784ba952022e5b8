package schema

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"curate/jsonpos"
)

// records returns every record of the JSON files under the given
// directories, as parsed by jsonpos.
func records(t testing.TB, dirs ...string) []any {
	var out []any
	for _, d := range dirs {
		filepath.WalkDir(d, func(p string, e os.DirEntry, err error) error {
			if err != nil || e.IsDir() || !strings.HasSuffix(p, ".json") {
				return nil
			}
			b, _ := os.ReadFile(p)
			v, _ := jsonpos.Parse(b)
			if m, ok := v.(map[string]any); ok {
				if arr, ok := m["records"].([]any); ok {
					out = append(out, arr...)
				}
			}
			return nil
		})
	}
	return out
}

// variants yields v and, for every value inside it, copies with that value
// replaced by an odd value or (in objects) removed: the mistakes curators
// make, and a few hostile ones.
func variants(v any, yield func(any)) {
	odd := []any{nil, true, "", " x", "x", "event-x", "actor-x", "2022-02-30", "[..2022-02-26]", json.Number("0"), json.Number("-1"),
		json.Number("1.5"), json.Number("1e3"), []any{}, []any{"x"}, []any{"x", "x"}, map[string]any{}, strings.Repeat("é", 5000)}
	var walk func(cur any, set func(any))
	walk = func(cur any, set func(any)) {
		for _, o := range odd {
			set(o)
			yield(v)
		}
		set(cur)
		switch t := cur.(type) {
		case map[string]any:
			for k, x := range t {
				delete(t, k)
				yield(v)
				t[k] = x
				walk(x, func(n any) { t[k] = n })
			}
			t["unknown_property"] = "x"
			yield(v)
			delete(t, "unknown_property")
		case []any:
			for i, x := range t {
				walk(x, func(n any) { t[i] = n })
			}
		}
	}
	yield(v)
	walk(v, func(any) {})
}

// TestCheckerAgrees: for every record of the project's datasets and every
// variant of them, the Checker and jsonschema/v5 give the same answer.
func TestCheckerAgrees(t *testing.T) {
	set, err := LoadDir("")
	if err != nil {
		t.Fatal(err)
	}
	recs := records(t, "../dataset", "../validate/testdata", "../export/testdata/tiny")
	if len(recs) < 40 {
		t.Fatalf("only %d records found", len(recs))
	}
	n := 0
	for _, r := range recs {
		m, _ := r.(map[string]any)
		kind, _ := m["kind"].(string)
		ch, js := set.Checkers[kind], set.Kinds[kind]
		if js == nil {
			continue
		}
		if ch == nil {
			t.Fatalf("no Checker for %s", kind)
		}
		variants(r, func(v any) {
			n++
			want := js.Validate(v) == nil
			if got := ch.Valid(v); got != want {
				b, _ := json.Marshal(v)
				t.Errorf("%s: Checker says valid=%v, jsonschema/v5 %v, for\n%s", kind, got, want, b)
			}
		})
	}
	t.Logf("%d values compared", n)
}

// TestCheckerUnsupported: a schema with a keyword the Checker does not
// know gets no Checker, so jsonschema/v5 decides alone.
func TestCheckerUnsupported(t *testing.T) {
	dir := copyEmbedded(t)
	p := filepath.Join(dir, "event.schema.json")
	b, _ := os.ReadFile(p)
	os.WriteFile(p, []byte(strings.Replace(string(b), `"additionalProperties": false,`, `"additionalProperties": false, "minProperties": 3,`, 1)), 0o644)
	set, err := LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if set.Checkers["event"] != nil {
		t.Error("a schema with minProperties has a Checker")
	}
	if set.Checkers["measure"] == nil {
		t.Error("the measure schema lost its Checker")
	}
}

func FuzzChecker(f *testing.F) {
	for _, r := range records(f, "../validate/testdata", "../export/testdata/tiny") {
		b, _ := json.Marshal(r)
		f.Add(b)
	}
	set, err := LoadDir("")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		v, errs := jsonpos.Parse(data)
		if v == nil || len(errs) > 0 {
			return
		}
		for kind, js := range set.Kinds {
			want := js.Validate(v) == nil
			if got := set.Checkers[kind].Valid(v); got != want {
				t.Errorf("%s: Checker %v, jsonschema/v5 %v, for %s", kind, got, want, data)
			}
		}
	})
}
