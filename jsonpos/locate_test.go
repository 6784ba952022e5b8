package jsonpos

import (
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// corpus returns the project's JSON files: the validate test cases and the
// dataset.
func corpus(t testing.TB) map[string][]byte {
	files := map[string][]byte{}
	for _, root := range []string{"../validate/testdata/cases", "../dataset"} {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || filepath.Ext(path) != ".json" {
				return err
			}
			data, err := os.ReadFile(path)
			files[path] = data
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(files) == 0 {
		t.Fatal("no JSON file found in ../validate/testdata/cases and ../dataset")
	}
	return files
}

// testInputs returns every input of the tests and the corpus.
func testInputs(t testing.TB) [][]byte {
	var in [][]byte
	for _, tt := range valueTests {
		in = append(in, []byte(tt.in))
	}
	for _, tt := range errorTests {
		in = append(in, []byte(tt.in))
	}
	in = append(in, []byte(indexInput), []byte(`{"a": 1, "b": [2, @]}`))
	for _, name := range slices.Sorted(maps.Keys(corpus(t))) {
		in = append(in, corpus(t)[name])
	}
	return in
}

// Locate gives the same location as Index for every pointer, and nothing
// for a pointer that is not in the text.
func TestLocateAgreesWithIndex(t *testing.T) {
	for _, data := range testInputs(t) {
		index := Index(data)
		pointers := slices.Sorted(maps.Keys(index))
		missing := []string{"/nowhere", "/records/999999", "x", "/~2", "/records/01"}
		for _, p := range pointers {
			missing = append(missing, p+"/nowhere")
		}
		got := Locate(data, append(pointers, missing...))
		if !reflect.DeepEqual(got, index) {
			t.Errorf("%.60q: Locate differs from Index:\n got  %v\n want %v", data, got, index)
			continue
		}
		if len(pointers) > 200 {
			pointers = pointers[:200]
		}
		for _, p := range pointers {
			if got := Locate(data, []string{p}); len(got) != 1 || got[p] != index[p] {
				t.Errorf("%.60q: Locate(%q) = %v, want %v", data, p, got, index[p])
			}
		}
	}
}

const indexInput = `{"a": [10, {"b/c": "x"}], "m~n": {"": null}, "a": "dup", "é": true}`

func TestIndex(t *testing.T) {
	want := map[string]Loc{
		"":          {0, -1},
		"/a":        {6, 1},
		"/a/0":      {7, -1},
		"/a/1":      {11, -1},
		"/a/1/b~1c": {19, 12},
		"/m~0n":     {33, 26},
		"/m~0n/":    {38, 34}, // the empty key
		"/é":        {63, 57}, // pointers are not URI-encoded
	}
	got := Index([]byte(indexInput))
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Index(%s):\n got  %v\n want %v", indexInput, got, want)
	}
	// The duplicate "a" keeps the first occurrence's place.
	if got["/a"].Key != 1 {
		t.Errorf(`Index: "/a" key at %d, want the first occurrence at 1`, got["/a"].Key)
	}
}

// Index of a file that does not parse holds the values read before the
// error, so that a problem can still be placed.
func TestIndexPartial(t *testing.T) {
	got := Index([]byte(`{"a": 1, "b": [2, @]}`))
	want := map[string]Loc{"": {0, -1}, "/a": {6, 1}, "/b": {14, 9}, "/b/0": {15, -1}, "/b/1": {18, -1}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestLocate(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		pointers []string
		want     map[string]Loc
	}{
		{"the document", `{"a": 1}`, []string{""}, map[string]Loc{"": {0, -1}}},
		{"a property and an item", `{"a": [1, {"b": 2}]}`, []string{"/a/1/b", "/a/0"}, map[string]Loc{"/a/1/b": {16, 11}, "/a/0": {7, -1}}},
		{"nothing asked", `{"a": 1}`, nil, map[string]Loc{}},
		{"not there", `{"a": [1]}`, []string{"/b", "/a/1", "/a/0/x", "/a/01", "/a/-"}, map[string]Loc{}},
		{"not pointers", `{"a": 1}`, []string{"a", "/a~", "/a~2"}, map[string]Loc{}},
		{"asked twice", `{"a": 1}`, []string{"/a", "/a"}, map[string]Loc{"/a": {6, 1}}},
		{"a key that looks like an index", `{"0": [5]}`, []string{"/0", "/0/0"}, map[string]Loc{"/0": {6, 1}, "/0/0": {7, -1}}},
		{"escaped names", `{"a\/b": 1, "m\u007en": 2, "\u00e9": 3, "é": 4}`, []string{"/a~1b", "/m~0n", "/é"},
			map[string]Loc{"/a~1b": {9, 1}, "/m~0n": {24, 12}, "/é": {37, 27}}},
		{"names with invalid UTF-8 read as U+FFFD", "{\"\xff\": 1}", []string{"/\uFFFD"}, map[string]Loc{"/\uFFFD": {6, 1}}},
		{"duplicate key: the first wins", `{"a": 1, "a": 2}`, []string{"/a"}, map[string]Loc{"/a": {6, 1}}},
		{"inside a duplicate, when nothing earlier has the pointer", `{"a": 1, "a": {"x": [2]}}`, []string{"/a", "/a/x", "/a/x/0"},
			map[string]Loc{"/a": {6, 1}, "/a/x": {20, 15}, "/a/x/0": {21, -1}}},
		{"a file that does not parse: what comes before the error", `{"a": 1, "b": [2, @], "c": 3}`, []string{"/a", "/b/1", "/c"},
			map[string]Loc{"/a": {6, 1}, "/b/1": {18, -1}}},
		{"CR-only line breaks", "{\r\"a\":\r[\r1\r]\r}", []string{"/a/0"}, map[string]Loc{"/a/0": {9, -1}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Locate([]byte(tt.in), tt.pointers); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Locate(%q, %q):\n got  %v\n want %v", tt.in, tt.pointers, got, tt.want)
			}
		})
	}
}

// allocated returns the bytes f allocates.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// nestedArrays returns an array of [[[...]]] chains, depth deep, of about
// size bytes.
func nestedArrays(size, depth int) []byte {
	chain := strings.Repeat("[", depth) + strings.Repeat("]", depth)
	var b strings.Builder
	b.WriteString("[" + chain)
	for b.Len() < size {
		b.WriteString("," + chain)
	}
	b.WriteString("]")
	return []byte(b.String())
}

// Locate builds no pointer for the values it is not asked for: a 2 MB file
// of deep nesting (for which Index holds a gigabyte of pointers) takes little
// more than the pointers asked for.
func TestLocateMemory(t *testing.T) {
	data := nestedArrays(2<<20, MaxDepth-1)
	want := "/1000" + strings.Repeat("/0", MaxDepth-3)
	var got map[string]Loc
	n := allocated(func() { got = Locate(data, []string{want, "/5/0/0/0/1", "/nowhere"}) })
	if len(got) != 1 || got[want].Value != 1000*2*(MaxDepth-1)+1000+MaxDepth-2 {
		t.Errorf("Locate = %v", got)
	}
	t.Logf("Locate in %d bytes of nested arrays: %d bytes allocated", len(data), n)
	if n > uint64(len(data))/4 {
		t.Errorf("Locate in %d bytes of nested arrays allocated %d bytes, want at most a quarter of the input", len(data), n)
	}
}
