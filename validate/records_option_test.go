package validate_test

import (
	"reflect"
	"sync"
	"testing"

	"curate/record"
	"curate/validate"
)

// TestRecordsOption: with Options.Records, each record goes to it (from
// the workers, at the same time) instead of into Result.Dataset, and the
// records it gets are those the dataset gathers without it; the report is
// the same.
func TestRecordsOption(t *testing.T) {
	for _, dir := range []string{"testdata/base", "../dataset"} {
		want, err := validate.Run([]string{dir}, validate.Options{})
		if err != nil {
			t.Fatal(err)
		}
		var (
			mu  sync.Mutex
			got []record.Record
		)
		res, err := validate.Run([]string{dir}, validate.Options{Records: func(r record.Record) {
			mu.Lock()
			got = append(got, r)
			mu.Unlock()
		}})
		if err != nil {
			t.Fatal(err)
		}
		if res.Dataset.Len() != 0 {
			t.Errorf("%s: Result.Dataset holds %d records; Records was given them", dir, res.Dataset.Len())
		}
		if !reflect.DeepEqual(res.Dataset.Meta, want.Dataset.Meta) || !reflect.DeepEqual(res.Diagnostics, want.Diagnostics) || res.Summary.Records != want.Summary.Records {
			t.Errorf("%s: the report or the metadata differ with Records", dir)
		}
		ds := &record.Dataset{Meta: want.Dataset.Meta}
		for _, r := range got {
			ds.Add(r)
		}
		ds.Sort()
		if ds.Len() == 0 || !reflect.DeepEqual(ds, want.Dataset) {
			t.Errorf("%s: Records was given %d records, the dataset gathers %d, or they differ", dir, ds.Len(), want.Dataset.Len())
		}
	}
}
