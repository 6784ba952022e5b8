package export_test

import (
	"bytes"
	"context"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"curate/export"
	"curate/export/store"
	"curate/internal/atomicset"
	"curate/record"
)

// storeOf puts the records of ds in a new store, in a shuffled order, from
// two goroutines at once, as validation's workers do.
func storeOf(t *testing.T, ds *record.Dataset) *store.Store {
	t.Helper()
	st, err := store.New(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	var recs []record.Record
	for r := range ds.All() {
		recs = append(recs, r)
	}
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(recs), func(i, j int) { recs[i], recs[j] = recs[j], recs[i] })
	var wg sync.WaitGroup
	for w := range 2 {
		wg.Go(func() {
			for i := w; i < len(recs); i += 2 {
				st.Add(recs[i])
			}
		})
	}
	wg.Wait()
	st.SetMeta(ds.Meta)
	if st.Len() != ds.Len() {
		t.Fatalf("the store holds %d records, the dataset %d", st.Len(), ds.Len())
	}
	return st
}

// TestStoreExportsTheSame exports every format and the release bundle of
// each test dataset from the dataset in memory and from a store, and
// compares every file byte for byte.
func TestStoreExportsTheSame(t *testing.T) {
	for _, tc := range datasets(t) {
		t.Run(tc.name, func(t *testing.T) {
			_, want := exportAll(t, tc.ds, tc.set)
			st := storeOf(t, tc.ds)
			outs, rows, err := export.PlanSource(st, tc.set, export.Formats, export.Options{})
			if err != nil {
				t.Fatal(err)
			}
			_, wantRows, _ := export.Plan(tc.ds, tc.set, export.Formats, export.Options{})
			if !maps.Equal(rows, wantRows) {
				t.Errorf("rows %v, want %v", rows, wantRows)
			}
			dir := t.TempDir()
			if _, err := atomicset.WriteAll(context.Background(), dir, outs); err != nil {
				t.Fatal(err)
			}
			got := readTree(t, dir)
			if names, wantNames := slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(want)); !slices.Equal(names, wantNames) {
				t.Fatalf("files %q, want %q", names, wantNames)
			}
			for n, b := range want {
				if !bytes.Equal(got[n], b) {
					t.Errorf("%s differs from the dataset's (first difference at byte %d)", n, firstDifference(got[n], b))
				}
			}
			relDir, storeDir := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
			w1, err := export.Release(context.Background(), relDir, tc.ds, tc.set, export.Options{})
			if err != nil {
				t.Fatal(err)
			}
			w2, err := export.ReleaseSource(context.Background(), storeDir, st, tc.set, export.Options{}, nil)
			if err != nil {
				t.Fatal(err)
			}
			a, b := readTree(t, relDir), readTree(t, storeDir)
			if !bytes.Equal(a[w1.Name], b[w2.Name]) || len(a[w1.Name]) == 0 {
				t.Errorf("the release zips differ (first difference at byte %d)", firstDifference(a[w1.Name], b[w2.Name]))
			}
		})
	}
}

// TestStoreFailureFails: a store whose file is cut short fails the export
// that reads it, with the reason, rather than writing tables cut short.
func TestStoreFailureFails(t *testing.T) {
	ds, set := loadBundled(t)
	tmp := t.TempDir()
	st, err := store.New(tmp)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for r := range ds.All() {
		st.Add(r)
	}
	st.SetMeta(ds.Meta)
	outs, _, err := export.PlanSource(st, set, []string{"csv"}, export.Options{})
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(tmp, "*", "event*"))
	if len(files) != 1 {
		t.Fatalf("the store's event file: %q", files)
	}
	if err := os.Truncate(files[0], 100); err != nil {
		t.Fatal(err)
	}
	_, err = atomicset.WriteAll(context.Background(), filepath.Join(tmp, "out"), outs)
	if err == nil || !strings.Contains(err.Error(), "store") {
		t.Errorf("WriteAll from a store cut short: %v", err)
	}
}
