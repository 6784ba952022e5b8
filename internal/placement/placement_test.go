package placement

import (
	"testing"

	"curate/record"
)

type file struct {
	path string
	recs [][3]string // kind, id, cited
}

func (f file) Path() string { return f.path }
func (f file) Len() int     { return len(f.recs) }
func (f file) Record(i int) (record.Kind, string, string) {
	return record.Kind(f.recs[i][0]), f.recs[i][1], f.recs[i][2]
}

// TestCheck: each kind of misplacement, as file and record indexes; a
// dataset not laid out is not checked.
func TestCheck(t *testing.T) {
	files := []File{
		file{"d/dataset.json", nil},
		file{"d/sources/s.json", [][3]string{{"source", "source-a", ""}}},
		file{"d/events/a.json", [][3]string{{"event", "event-1", "source-a"}}},                        // named after the source: good
		file{"d/events/b.json", [][3]string{{"event", "event-2", "source-a"}}},                        // not named after a source
		file{"d/events/a2.json", [][3]string{{"event", "event-3", ""}, {"measure", "measure-1", ""}}}, // a record in another kind's folder, and a2 is no source
		file{"d/measures/m.json", [][3]string{{"event", "event-4", ""}}},                              // a file of another kind
		file{"d/stray.json", [][3]string{{"actor", "actor-1", ""}}},                                   // outside the folders
		file{"d/actor/x.json", nil},                                                                   // a folder misspelt
		file{"other/events/c.json", [][3]string{{"event", "event-5", ""}}},                            // outside the dataset: not checked
	}
	type at struct{ file, record int }
	var got []at
	for _, p := range Check("d", files, map[string]string{"source-a": "a.txt"}) {
		if p.Msg == "" {
			t.Errorf("problem %+v without a message", p)
		}
		got = append(got, at{p.File, p.Record})
	}
	want := []at{{3, -1}, {4, 1}, {4, -1}, {5, -1}, {6, -1}, {7, -1}}
	if len(got) != len(want) {
		t.Fatalf("problems at %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("problem %d at %v, want %v", i, got[i], want[i])
		}
	}
	if ps := Check("d", []File{file{"d/x.json", [][3]string{{"event", "event-1", ""}}}}, nil); ps != nil {
		t.Errorf("a dataset not laid out: %+v", ps)
	}
}
