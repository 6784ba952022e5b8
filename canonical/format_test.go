package canonical

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"curate/internal/golden"
	"curate/jsonpos"
	"curate/schema"
)

func formatter(t testing.TB) *Formatter {
	t.Helper()
	set, err := schema.LoadDir("")
	if err != nil {
		t.Fatal(err)
	}
	f, err := New(set)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// roundTripFiles are the files the round trip covers: every file of the
// bundled dataset, the validate package's valid dataset, and the synthetic
// files with every field of every kind and awkward strings and numbers.
func roundTripFiles(t testing.TB) []string {
	t.Helper()
	var files []string
	for _, dir := range []string{"../dataset", "../validate/testdata/base", "testdata/every-field"} {
		err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && strings.HasSuffix(p, ".json") {
				files = append(files, p)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(files) < 10 {
		t.Fatalf("only %d files found: %v", len(files), files)
	}
	return files
}

// decodeStd decodes data as encoding/json does with UseNumber.
func decodeStd(t testing.TB, data []byte) any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("encoding/json: %v", err)
	}
	return v
}

// numberLiterals lists every number of data as written, sorted.
func numberLiterals(t testing.TB, data []byte) []string {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var lits []string
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if n, ok := tok.(json.Number); ok {
			lits = append(lits, string(n))
		}
	}
	slices.Sort(lits)
	return lits
}

// checkUnchanged fails when out holds other values than in: the values
// decoded by encoding/json (with UseNumber) are equal once a "$schema"
// added by formatting is left out, and every number literal is kept.
func checkUnchanged(t testing.TB, name string, in []byte, res *Result) {
	t.Helper()
	before, after := decodeStd(t, in), decodeStd(t, res.Output)
	if res.SchemaAdded {
		m, ok := after.(map[string]any)
		if !ok {
			t.Fatalf("%s: $schema added to a non-object", name)
		}
		delete(m, "$schema")
	}
	// The records of a records file move (sorted by id, stably, records
	// without an id last); everything else stays where it is.
	if m, ok := before.(map[string]any); ok && SchemaFile(name) == schema.RecordsFile {
		if recs, ok := m["records"].([]any); ok {
			id := func(r any) (string, bool) {
				o, _ := r.(map[string]any)
				s, ok := o["id"].(string)
				return s, ok
			}
			slices.SortStableFunc(recs, func(a, b any) int {
				ia, oka := id(a)
				ib, okb := id(b)
				switch {
				case oka && !okb:
					return -1
				case !oka && okb:
					return 1
				}
				return strings.Compare(ia, ib)
			})
		}
	}
	if !reflect.DeepEqual(before, after) {
		t.Errorf("%s: formatting changed a value\n--- before:\n%s\n--- after:\n%s", name, in, res.Output)
	}
	lb, la := numberLiterals(t, in), numberLiterals(t, res.Output)
	if !slices.Equal(lb, la) {
		t.Errorf("%s: number literals changed: %v, then %v", name, lb, la)
	}
}

// TestRoundTrip: formatting every dataset file, the validate package's
// base dataset and the synthetic files changes no value, keeps every number
// literal, parses strictly, and formatting the result again gives the same
// bytes.
func TestRoundTrip(t *testing.T) {
	f := formatter(t)
	files := roundTripFiles(t)
	changed := 0
	for _, name := range files {
		t.Run(name, func(t *testing.T) {
			in, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			abs, _ := filepath.Abs(name)
			ref := SchemaRef(abs, "")
			res, errs := f.Format(name, in, ref)
			if errs != nil {
				t.Fatalf("Format refused the file: %v", errs[0])
			}
			if res.Changed() {
				changed++
			}
			checkUnchanged(t, name, in, res)
			if _, errs := jsonpos.Parse(res.Output); len(errs) > 0 {
				t.Errorf("the canonical form does not parse strictly: %v", errs[0])
			}
			again, errs := f.Format(name, res.Output, ref)
			if errs != nil || again.Changed() || !bytes.Equal(again.Output, res.Output) {
				t.Errorf("not idempotent: formatting the canonical form again changes it\n--- once:\n%s\n--- twice:\n%s", res.Output, again.Output)
			}
			if !bytes.HasSuffix(res.Output, []byte("}\n")) || bytes.HasSuffix(res.Output, []byte("\n\n")) || bytes.Contains(res.Output, []byte("\r")) {
				t.Errorf("want LF line endings and exactly one final newline")
			}
		})
	}
	t.Logf("%d files round-tripped, %d of them not in canonical form before", len(files), changed)
}

// TestGolden: the canonical form of the synthetic files, byte for byte.
func TestGolden(t *testing.T) {
	f := formatter(t)
	for _, name := range []string{"records.json", "dataset.json"} {
		in, err := os.ReadFile(filepath.Join("testdata/every-field", name))
		if err != nil {
			t.Fatal(err)
		}
		res, errs := f.Format(name, in, schema.Base+SchemaFile(name))
		if errs != nil {
			t.Fatal(errs[0])
		}
		golden.Check(t, filepath.Join("testdata", "every-field."+strings.TrimSuffix(name, ".json")+".golden"), res.Output)
	}
}

// TestEveryField: the synthetic records file has every property of every
// kind, at every level, so that the round trip covers them all.
func TestEveryField(t *testing.T) {
	f := formatter(t)
	data, err := os.ReadFile("testdata/every-field/records.json")
	if err != nil {
		t.Fatal(err)
	}
	v, err := Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	root, _ := f.schemas.Root(schema.Base + schema.RecordsFile)
	want := map[string]map[string]bool{} // object path -> properties the schema gives
	have := map[string]map[string]bool{} // object path -> properties present
	var walk func(path string, v any, locs []Loc)
	walk = func(path string, v any, locs []Loc) {
		sh := f.schemas.expand(locs, v)
		switch t := v.(type) {
		case *Object:
			if want[path] == nil {
				want[path], have[path] = map[string]bool{}, map[string]bool{}
			}
			for _, k := range sh.order {
				want[path][k] = true
			}
			for _, m := range t.Members {
				have[path][m.Key] = true
				walk(path+"/"+m.Key, m.Value, sh.props[m.Key])
			}
		case []any:
			for _, x := range t {
				walk(path+"/*", x, sh.items)
			}
		}
	}
	records, _ := v.(*Object).Get("records")
	rootShape := f.schemas.expand([]Loc{root}, v)
	for _, r := range records.([]any) {
		kind, _ := getString(r.(*Object), "kind")
		if !slices.Contains([]string{"actor", "source", "event", "measure", "statement"}, kind) {
			continue // the records that test unknown kinds and keys
		}
		walk(kind, r, f.schemas.expand(rootShape.props["records"], records).items)
	}
	for _, kind := range []string{"actor", "source", "event", "measure", "statement"} {
		if want[kind] == nil {
			t.Errorf("no %s record", kind)
		}
	}
	for path, props := range want {
		for p := range props {
			if !have[path][p] {
				t.Errorf("%s: no property %q", path, p)
			}
		}
	}
	if len(want) < 20 {
		t.Errorf("only %d object paths found: %v", len(want), want)
	}
}

// format formats a records file given as text.
func format(t *testing.T, f *Formatter, name, in string) *Result {
	t.Helper()
	res, errs := f.Format(name, []byte(in), "")
	if errs != nil {
		t.Fatalf("Format: %v", errs[0])
	}
	checkUnchanged(t, name, []byte(in), res)
	return res
}

// TestKeyOrder: keys follow the schema's properties at every level; unknown
// keys follow in their order.
func TestKeyOrder(t *testing.T) {
	f := formatter(t)
	in := `{"records": [{"citations": [{"locator": "l", "zz": 1, "evidence": "e", "aa": 2, "source": "source-a"}], "date": {"note": "n", "basis": "inferred", "edtf": "2022"},
	"title": "t", "event_type": "other", "extra": true, "id": "event-a", "kind": "event"}], "$schema": "x"}`
	want := `{
  "$schema": "x",
  "records": [
    {
      "kind": "event",
      "id": "event-a",
      "event_type": "other",
      "title": "t",
      "date": {
        "edtf": "2022",
        "basis": "inferred",
        "note": "n"
      },
      "citations": [
        {
          "source": "source-a",
          "evidence": "e",
          "locator": "l",
          "zz": 1,
          "aa": 2
        }
      ],
      "extra": true
    }
  ]
}
`
	res := format(t, f, "x.json", in)
	if string(res.Output) != want {
		t.Errorf("got\n%s\nwant\n%s\n%s", res.Output, want, golden.FirstDiff(string(res.Output), want))
	}
	if !res.KeysMoved || res.RecordsMoved || res.SchemaAdded {
		t.Errorf("KeysMoved %v, RecordsMoved %v, SchemaAdded %v; want true, false, false", res.KeysMoved, res.RecordsMoved, res.SchemaAdded)
	}
	// A measure's keys by the measure schema, a figure's by the figure's.
	in = `{"records": [{"figures": [{"unit": "u", "quantity": 1.50, "metric": "m"}], "imposed_by": [], "status": "lifted", "kind": "measure"}]}`
	res = format(t, f, "x.json", in)
	if got := strings.Join(strings.Fields(string(res.Output)), " "); !strings.Contains(got, `"kind": "measure", "status": "lifted", "imposed_by": [], "figures": [ { "metric": "m", "quantity": 1.50, "unit": "u" } ]`) {
		t.Errorf("measure keys out of order: %s", got)
	}
	// dataset.json by the dataset schema.
	res = format(t, f, "dir/dataset.json", `{"version": "1.0.0", "title": "t", "$schema": "s"}`)
	if want := "{\n  \"$schema\": \"s\",\n  \"title\": \"t\",\n  \"version\": \"1.0.0\"\n}\n"; string(res.Output) != want {
		t.Errorf("dataset.json: got\n%s\nwant\n%s", res.Output, want)
	}
}

// TestSortRecords: records by id, stable for equal ids, those without an id
// last in their order; nothing else is sorted.
func TestSortRecords(t *testing.T) {
	f := formatter(t)
	in := `{"records": [{"kind": "actor", "id": "actor-c"}, {"kind": "actor", "title": "no id 1"}, {"kind": "actor", "id": "actor-a", "n": 1},
	{"kind": "actor", "id": 7}, {"kind": "actor", "id": "actor-a", "n": 2}, {"kind": "actor", "id": "actor-b", "roles": [{"title": "z"}, {"title": "a"}]}]}`
	res := format(t, f, "x.json", in)
	var out struct {
		Records []struct {
			ID    any
			N     int
			Title string
			Roles []struct{ Title string }
		}
	}
	if err := json.Unmarshal(res.Output, &out); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range out.Records {
		got = append(got, strings.TrimSpace(strings.Join([]string{toString(r.ID), toString(r.N), r.Title}, " ")))
	}
	want := []string{"actor-a 1", "actor-a 2", "actor-b 0", "actor-c 0", "<nil> 0 no id 1", "7 0"}
	if !slices.Equal(got, want) {
		t.Errorf("records in order %q, want %q", got, want)
	}
	if out.Records[2].Roles[0].Title != "z" {
		t.Errorf("an array inside a record was reordered: %s", res.Output)
	}
	if !res.RecordsMoved || res.Records != 6 {
		t.Errorf("RecordsMoved %v, Records %d; want true, 6", res.RecordsMoved, res.Records)
	}
}

func toString(v any) string {
	b, _ := json.Marshal(v)
	s := string(b)
	if s == "null" {
		return "<nil>"
	}
	return strings.Trim(s, `"`)
}

// TestStrings: characters are written as themselves, only what JSON
// requires is escaped, and no HTML escaping.
func TestStrings(t *testing.T) {
	f := formatter(t)
	in := `{"records": [], "k": "\u00e9 \u041b \ud83d\ude00 \u2028 \u2029 \u007f \u0000 \u001f \b\f\n\r\t \" \\ \/ <>&"}`
	res := format(t, f, "x.json", in)
	want := "\"k\": \"é Л 😀 \u2028 \u2029 \u007f \\u0000 \\u001f \\b\\f\\n\\r\\t \\\" \\\\ / <>&\""
	if !strings.Contains(string(res.Output), want) {
		t.Errorf("got\n%s\nwant it to hold\n%s", res.Output, want)
	}
}

// TestRefuses: a file jsonpos finds any problem in gets jsonpos's errors,
// located, and no result.
func TestRefuses(t *testing.T) {
	f := formatter(t)
	for _, in := range []string{
		`{"records": [], "records": []}`,
		`{"records": [1,]}`,
		"{\"records\": [] // comment\n}",
		"\ufeff{\"records\": []}",
		`{"records": [1e999]}`,
		`{"records": [12345678901234567]}`,
		"{\"records\": [\"\xff\"]}",
		`{"records": ["\ud800"]}`,
		`{"records": []} x`,
		`{"records": [`,
		``,
	} {
		res, errs := f.Format("x.json", []byte(in), "")
		if res != nil || len(errs) == 0 {
			t.Errorf("%q: formatted, want refused", in)
			continue
		}
		_, l := f.Check("x.json", []byte(in), "")
		if len(l) == 0 || !l[0].Pos.IsValid() || l[0].File != "x.json" || l[0].Rule == RuleID {
			t.Errorf("%q: want located parse diagnostics, got %v", in, l)
		}
	}
}

// TestCheck: a file not in canonical form is one diagnostic of rule "fmt" at
// the first line and column that differ, saying why.
func TestCheck(t *testing.T) {
	f := formatter(t)
	canonical := "{\n  \"$schema\": \"s\",\n  \"records\": [\n    {\n      \"kind\": \"actor\",\n      \"id\": \"actor-a\"\n    },\n    {\n      \"kind\": \"actor\",\n      \"id\": \"actor-b\"\n    }\n  ]\n}\n"
	tests := []struct {
		name, in        string
		line, col       int
		message         string
		schemaRef       string
		canonicalBefore bool
	}{
		{"canonical", canonical, 0, 0, "", "", true},
		{"keys", strings.Replace(canonical, "\"kind\": \"actor\",\n      \"id\": \"actor-b\"", "\"id\": \"actor-b\",\n      \"kind\": \"actor\"", 1),
			9, 8, "keys out of the schema's order", "", false},
		{"records", strings.NewReplacer("actor-a", "actor-b", "actor-b", "actor-a").Replace(canonical),
			6, 20, "records not sorted by id", "", false},
		{"indentation", strings.Replace(canonical, "\n      \"id\": \"actor-a\"", "\n    \"id\": \"actor-a\"", 1),
			6, 5, "indentation and line breaks", "", false},
		{"escapes", strings.Replace(canonical, "actor-a", `actor-\u0061`, 1),
			6, 20, "escapes", "", false},
		{"final newline", strings.TrimSuffix(canonical, "\n"), 13, 2, "no final newline", "", false},
		{"CRLF", strings.ReplaceAll(canonical, "\n", "\r\n"), 1, 2, "line endings", "", false},
		{"no $schema", strings.Replace(canonical, "  \"$schema\": \"s\",\n", "", 1), 2, 4, `no "$schema"`, "s", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, l := f.Check("d/x.json", []byte(tt.in), tt.schemaRef)
			if res == nil {
				t.Fatalf("refused: %v", l)
			}
			if tt.canonicalBefore {
				if len(l) != 0 || res.Changed() {
					t.Errorf("canonical input reported: %v", l)
				}
				return
			}
			if len(l) != 1 {
				t.Fatalf("got %d diagnostics, want 1: %v", len(l), l)
			}
			d := l[0]
			if d.Rule != RuleID || d.Pos.Line != tt.line || d.Pos.Column != tt.col || !strings.Contains(d.Message, tt.message) ||
				!strings.HasPrefix(d.Message, "not in canonical form: ") || d.Hint != "run curate fmt d/x.json" {
				t.Errorf("got %v (hint %q), want %d:%d %q", d, d.Hint, tt.line, tt.col, tt.message)
			}
			if string(res.Output) != canonical {
				t.Errorf("canonical form\n%s\nwant\n%s", res.Output, canonical)
			}
		})
	}
}

// FuzzFormat: for any text jsonpos accepts, formatting keeps every value and
// number literal and is idempotent.
func FuzzFormat(f *testing.F) {
	fm := formatter(f)
	for _, name := range roundTripFiles(f) {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`{"records": [{"kind": "event", "id": "event-b"}, {"id": "event-a", "kind": "event", "date": {"note": "", "edtf": "x"}}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		res, errs := fm.Format("x.json", data, "ref")
		if errs != nil {
			return
		}
		checkUnchanged(t, "input", data, res)
		again, errs := fm.Format("x.json", res.Output, "ref")
		if errs != nil || again.Changed() || !bytes.Equal(again.Output, res.Output) {
			t.Fatalf("not idempotent:\n%s\n---\n%s", res.Output, again.Output)
		}
	})
}
