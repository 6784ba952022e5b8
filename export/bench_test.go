package export_test

// Benchmarks run only with -bench, e.g.
//
//	go test ./export -run '^$' -bench . -benchtime 3x

import (
	"fmt"
	"io"
	"runtime"
	"runtime/metrics"
	"sync"
	"testing"
	"time"

	"curate/export"
	"curate/export/jsonld"
	"curate/export/table"
	"curate/export/tabular"
	"curate/export/xlsx"
	"curate/record"
)

// bigDataset returns a deterministic synthetic dataset of n events, each
// with two actors, one figure and one citation, over 100 actors and one
// source.
func bigDataset(n int) *record.Dataset {
	const actors = 100
	ds := &record.Dataset{Meta: record.Metadata{Title: "Benchmark", Version: "0.0.1", Licence: "CC0-1.0", Citation: "Benchmark data."}}
	src := "source-bench"
	ds.Sources = []record.Source{{Kind: record.KindSource, ID: src, SourceType: "report", Title: "Benchmark source",
		URL: "https://example.org/bench", Published: record.Date{EDTF: "2022-02-26", Basis: record.BasisStated}, File: "bench.txt", SHA256: fmt.Sprintf("%064d", 0)}}
	for i := range actors {
		ds.Actors = append(ds.Actors, record.Actor{Kind: record.KindActor, ID: fmt.Sprintf("actor-%03d", i), ActorType: "state",
			Label: fmt.Sprintf("Actor %d", i), Country: "UA", Citations: []record.Citation{{Source: src, Evidence: "actor evidence"}}})
	}
	dates := []string{"2022-02-24", "2022-02", "2022-02-25~", "../2022-02-26", "2022-21"}
	for i := range n {
		ds.Events = append(ds.Events, record.Event{
			Kind: record.KindEvent, ID: fmt.Sprintf("event-%07d", i), EventType: "meeting",
			Title:       fmt.Sprintf("Meeting number %d, with \"quotes\"", i),
			Description: "A benchmark event with a description of moderate length, as curators write them.",
			Date:        &record.Date{EDTF: dates[i%len(dates)], Basis: record.BasisInferred, Note: "benchmark"},
			Place:       "Brussels",
			Actors: []record.Participant{
				{Actor: fmt.Sprintf("actor-%03d", i%actors), Role: "agent"},
				{Actor: fmt.Sprintf("actor-%03d", (i*7+1)%actors), Role: "participant"},
			},
			Figures:   []record.Figure{{Metric: "attended", Quantity: "12345", Unit: "people", Qualifier: "about"}},
			Citations: []record.Citation{{Source: src, Evidence: fmt.Sprintf("Evidence for event %d.", i), Locator: "paragraph 1"}},
		})
	}
	return ds
}

var (
	benchOnce sync.Once
	benchDS   *record.Dataset
)

func benchData(b *testing.B) (*record.Dataset, []*table.Table) {
	b.Helper()
	benchOnce.Do(func() { benchDS = bigDataset(10000) })
	return benchDS, table.Tables(benchDS, loadSchema(b))
}

func totalRows(tables []*table.Table) int {
	n := 0
	for _, t := range tables {
		n += t.Len
	}
	return n
}

func BenchmarkExportCSV(b *testing.B) {
	_, tables := benchData(b)
	b.ReportAllocs()
	for b.Loop() {
		for _, t := range tables {
			if err := tabular.WriteCSV(io.Discard, t); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(totalRows(tables)), "rows")
}

func BenchmarkExportXLSX(b *testing.B) {
	ds, tables := benchData(b)
	b.ReportAllocs()
	for b.Loop() {
		if err := xlsx.Write(io.Discard, ds.Meta, ds.Sources, tables); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(totalRows(tables)), "rows")
}

func BenchmarkExportJSONLD(b *testing.B) {
	ds, _ := benchData(b)
	b.ReportAllocs()
	for b.Loop() {
		if err := jsonld.Write(io.Discard, ds, ""); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(ds.Len()), "records")
}

func BenchmarkExportParquet(b *testing.B) {
	_, tables := benchData(b)
	b.ReportAllocs()
	for b.Loop() {
		for _, t := range tables {
			if err := tabular.WriteParquet(io.Discard, t); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(totalRows(tables)), "rows")
}

func BenchmarkExportSQLite(b *testing.B) {
	_, tables := benchData(b)
	b.ReportAllocs()
	for b.Loop() {
		if err := export.WriteSQLite(io.Discard, tables); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(totalRows(tables)), "rows")
}

// BenchmarkXLSXMemory writes the workbook of 10,000 and 40,000 events and
// reports the bytes allocated per table row and the peak live heap above
// the dataset itself. With sheets streamed, bytes per row stay about the
// same at both sizes and the peak grows far less than the rows do.
func BenchmarkXLSXMemory(b *testing.B) {
	for _, n := range []int{10000, 40000} {
		b.Run(fmt.Sprintf("events=%d", n), func(b *testing.B) {
			ds := bigDataset(n)
			tables := table.Tables(ds, loadSchema(b))
			rows := totalRows(tables)
			var allocated, peak uint64
			for b.Loop() {
				a, p := measure(func() {
					if err := xlsx.Write(io.Discard, ds.Meta, ds.Sources, tables); err != nil {
						b.Fatal(err)
					}
				})
				allocated += a
				peak = max(peak, p)
			}
			b.ReportMetric(float64(allocated)/float64(b.N)/float64(rows), "B/row")
			b.ReportMetric(float64(peak)/(1<<20), "peak-MiB")
			b.ReportMetric(float64(rows), "rows")
		})
	}
}

// measure runs f and returns the bytes it allocated and the peak of live
// heap objects above what was live before it, sampled every millisecond.
func measure(f func()) (allocated, peak uint64) {
	runtime.GC()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	read := func() uint64 {
		metrics.Read(sample)
		return sample[0].Value.Uint64()
	}
	base := read()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	done := make(chan struct{})
	var top uint64
	var wg sync.WaitGroup
	wg.Go(func() {
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			top = max(top, read())
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	})
	f()
	close(done)
	wg.Wait()
	runtime.ReadMemStats(&after)
	if top > base {
		peak = top - base
	}
	return after.TotalAlloc - before.TotalAlloc, peak
}
