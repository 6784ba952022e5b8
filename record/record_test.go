package record

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// sample is a dataset with one record of each kind, every reference set.
func sample() *Dataset {
	cite := []Citation{{Source: "source-s", Evidence: "e"}}
	return &Dataset{
		Actors:  []Actor{{Kind: KindActor, ID: "actor-b", Roles: []Role{{Title: "t", Of: "actor-a"}}, PartOf: "actor-c", Citations: cite}},
		Sources: []Source{{Kind: KindSource, ID: "source-s", Credits: []string{"actor-d", "actor-e"}}},
		Events: []Event{{Kind: KindEvent, ID: "event-e", Actors: []Participant{{Actor: "actor-f", Role: "r"}},
			Figures: []Figure{{Metric: "m", AttributedTo: "actor-g"}}, Citations: cite}},
		Measures: []Measure{{Kind: KindMeasure, ID: "measure-m", ImposedBy: []string{"actor-h"}, Targets: []Target{{Actor: "actor-i"}},
			CoordinatedWith: []string{"actor-j"}, RespondsTo: []string{"event-e"}, Citations: cite}},
		Statements: []Statement{{Kind: KindStatement, ID: "statement-t", Speaker: "actor-k", Text: "x", Occasion: "event-e",
			About: []string{"measure-m"}, Citations: cite}},
	}
}

func TestNewEveryKind(t *testing.T) {
	for _, k := range Kinds {
		r, ok := New(k)
		if !ok || r.RecordKind() != k {
			t.Errorf("New(%q) = %v, %v", k, r, ok)
		}
	}
	if _, ok := New("nope"); ok {
		t.Error(`New("nope") succeeded`)
	}
}

func TestAllAndAdd(t *testing.T) {
	ds := sample()
	var kinds []Kind
	var ids []string
	for r := range ds.All() {
		kinds = append(kinds, r.RecordKind())
		ids = append(ids, r.RecordID())
	}
	if !slices.Equal(kinds, Kinds) {
		t.Errorf("All visits kinds %v, want %v", kinds, Kinds)
	}
	if len(ids) != ds.Len() {
		t.Errorf("All visits %d records, Len is %d", len(ids), ds.Len())
	}
	var copy Dataset
	for r := range ds.All() {
		copy.Add(r)
	}
	a, _ := json.Marshal(ds)
	b, _ := json.Marshal(&copy)
	if string(a) != string(b) {
		t.Errorf("Add of every record does not rebuild the dataset:\n%s\n%s", a, b)
	}
	// Stopping early stops.
	n := 0
	for range ds.All() {
		n++
		break
	}
	if n != 1 {
		t.Errorf("break after the first record visited %d", n)
	}
}

// TestRefsPointers: every reference's pointer names the value holding its id
// in the record's JSON, and every id in sample() is referred to once.
func TestRefsPointers(t *testing.T) {
	seen := map[string]bool{}
	for r := range sample().All() {
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		var doc any
		json.Unmarshal(b, &doc)
		for _, ref := range r.Refs() {
			v := lookup(doc, ref.Pointer)
			if v != ref.ID {
				t.Errorf("%s: %s holds %v, the reference says %q", r.RecordID(), ref.Pointer, v, ref.ID)
			}
			k, _ := KindOf(ref.ID)
			if !slices.Contains(ref.Kinds, k) {
				t.Errorf("%s: %s refers to %q, not among the kinds %v", r.RecordID(), ref.Pointer, ref.ID, ref.Kinds)
			}
			seen[ref.Pointer+" "+ref.ID] = true
		}
	}
	for _, want := range []string{"/roles/0/of actor-a", "/part_of actor-c", "/credits/1 actor-e", "/actors/0/actor actor-f",
		"/figures/0/attributed_to actor-g", "/imposed_by/0 actor-h", "/targets/0/actor actor-i", "/coordinated_with/0 actor-j",
		"/responds_to/0 event-e", "/speaker actor-k", "/occasion event-e", "/about/0 measure-m", "/citations/0/source source-s"} {
		if !seen[want] {
			t.Errorf("no reference %s", want)
		}
	}
}

func lookup(v any, ptr string) any {
	for _, seg := range strings.Split(ptr, "/")[1:] {
		switch t := v.(type) {
		case map[string]any:
			v = t[seg]
		case []any:
			i, _ := strconv.Atoi(seg)
			v = t[i]
		}
	}
	return v
}
