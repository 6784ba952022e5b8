package changes_test

import (
	"bytes"
	"encoding/json"
	"slices"
	"testing"

	"curate/changes"
	"curate/internal/golden"
	"curate/record"
	"curate/validate"
)

// load validates a test dataset directory and returns its records.
func load(t *testing.T, dir string) *record.Dataset {
	t.Helper()
	res, err := validate.Run(nil, validate.Options{Dataset: dir})
	if err != nil {
		t.Fatal(err)
	}
	if res.HasErrors() || !res.HasMetadata {
		t.Fatalf("%s is not a valid dataset:\n%v", dir, res.Diagnostics)
	}
	return res.Dataset
}

// TestGolden compares the changes from testdata/v1 to testdata/v2 in every
// format, and as CHANGES.md, with the golden files in testdata/golden
// (go test ./changes -update rewrites them).
func TestGolden(t *testing.T) {
	rep, err := changes.Compare(load(t, "testdata/v1"), load(t, "testdata/v2"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range changes.Formats {
		t.Run(f, func(t *testing.T) {
			var b bytes.Buffer
			if err := changes.Write(&b, f, rep); err != nil {
				t.Fatal(err)
			}
			golden.Check(t, "testdata/golden/v1-v2."+f, b.Bytes())
		})
	}
	t.Run("markdown", func(t *testing.T) {
		var b bytes.Buffer
		if err := changes.WriteMarkdown(&b, "Changes test dataset", rep); err != nil {
			t.Fatal(err)
		}
		golden.Check(t, "testdata/golden/v1-v2.md", b.Bytes())
	})
	c := rep.Counts("")
	if c != (changes.Counts{Added: 1, Removed: 1, Changed: 5, Values: 13}) {
		t.Errorf("counts %+v", c)
	}
	var out struct {
		Changes []struct {
			Fields []struct {
				Pointer string
				Old     json.RawMessage
				New     json.RawMessage
			}
		}
	}
	var b bytes.Buffer
	if err := changes.WriteJSON(&b, rep); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b.Bytes(), &out); err != nil {
		t.Fatalf("the JSON output does not parse: %v", err)
	}
}

// TestSame: a dataset compared with itself has no changes, in every format.
func TestSame(t *testing.T) {
	ds := load(t, "testdata/v2")
	rep, err := changes.Compare(ds, ds)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Records) != 0 {
		t.Fatalf("changes of a dataset against itself: %+v", rep.Records)
	}
	var b bytes.Buffer
	if err := changes.WriteJSON(&b, rep); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b.Bytes(), []byte(`"changes": []`)) {
		t.Errorf("JSON output without an empty changes array:\n%s", b.Bytes())
	}
	b.Reset()
	if err := changes.WriteCSV(&b, rep); err != nil {
		t.Fatal(err)
	}
	if got := b.String(); got != "kind,id,change,pointer,old,new\r\n" {
		t.Errorf("CSV of no changes: %q", got)
	}
}

// TestReverse: comparing the other way round swaps added and removed and
// old and new values.
func TestReverse(t *testing.T) {
	v1, v2 := load(t, "testdata/v1"), load(t, "testdata/v2")
	fwd, _ := changes.Compare(v1, v2)
	back, _ := changes.Compare(v2, v1)
	if len(fwd.Records) != len(back.Records) {
		t.Fatalf("%d changes forward, %d back", len(fwd.Records), len(back.Records))
	}
	swap := map[string]string{changes.Added: changes.Removed, changes.Removed: changes.Added, changes.Changed: changes.Changed}
	for i, f := range fwd.Records {
		b := back.Records[i]
		if f.ID != b.ID || swap[f.Change] != b.Change || len(f.Fields) != len(b.Fields) {
			t.Fatalf("record %d: forward %+v, back %+v", i, f, b)
		}
		for j := range f.Fields {
			if f.Fields[j].Pointer != b.Fields[j].Pointer || !bytes.Equal(f.Fields[j].Old, b.Fields[j].New) || !bytes.Equal(f.Fields[j].New, b.Fields[j].Old) {
				t.Errorf("%s %s: forward %+v, back %+v", f.ID, f.Fields[j].Pointer, f.Fields[j], b.Fields[j])
			}
		}
	}
}

func TestComparePointers(t *testing.T) {
	want := []string{"", "/actors", "/actors/0", "/actors/0/role", "/actors/2", "/actors/10", "/actors/10/actor", "/date/edtf", "/figures/1", "/title"}
	got := slices.Clone(want)
	slices.Reverse(got)
	slices.SortFunc(got, changes.ComparePointers)
	if !slices.Equal(got, want) {
		t.Errorf("sorted %q, want %q", got, want)
	}
}

// TestInert: control characters in values never reach text output as
// themselves, and Markdown shows markup characters as they are.
func TestInert(t *testing.T) {
	old := &record.Dataset{Meta: record.Metadata{Version: "1.0.0"}, Events: []record.Event{{Kind: record.KindEvent, ID: "event-x", Title: "a"}}}
	new := &record.Dataset{Meta: record.Metadata{Version: "1.0.1"}, Events: []record.Event{{Kind: record.KindEvent, ID: "event-x", Title: "\x1b[31mred\n::error::x | <b>*y*</b>"}}}
	rep, err := changes.Compare(old, new)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := changes.WriteText(&b, rep); err != nil {
		t.Fatal(err)
	}
	if bytes.ContainsAny(b.Bytes(), "\x1b") || bytes.Contains(b.Bytes(), []byte("\n::error")) {
		t.Errorf("text output passes control characters through:\n%q", b.String())
	}
	b.Reset()
	if err := changes.WriteMarkdown(&b, "T", rep); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b.Bytes(), []byte(`\| \<b\>\*y\*\</b\>`)) {
		t.Errorf("Markdown does not escape markup:\n%s", b.String())
	}
}
