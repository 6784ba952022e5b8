package browse_test

import (
	"fmt"
	"path/filepath"
	"runtime"
	"testing"

	"curate/browse"
	"curate/internal/synth"
)

// countingDiscard counts what is written to it.
type countingDiscard struct{ n int64 }

func (c *countingDiscard) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }

// BenchmarkWrite writes the page of synthetic datasets of 2,000 and 8,000
// records and reports the page's bytes and the bytes allocated per record:
// records are built one at a time as they are written, so both stay about
// the same as the dataset grows (about 3.7 KB and 27 KB).
func BenchmarkWrite(b *testing.B) {
	for _, n := range []int{2000, 8000} {
		b.Run(fmt.Sprintf("records=%d", n), func(b *testing.B) {
			dir := filepath.Join(b.TempDir(), "ds")
			if _, err := synth.Generate(dir, synth.Options{N: n, Seed: 1}); err != nil {
				b.Fatal(err)
			}
			ds := load(b, dir)
			var c countingDiscard
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			b.ReportAllocs()
			for b.Loop() {
				c.n = 0
				if err := browse.Write(&c, ds, browse.Options{}); err != nil {
					b.Fatal(err)
				}
			}
			runtime.ReadMemStats(&after)
			b.ReportMetric(float64(c.n)/float64(ds.Len()), "bytes/record")
			b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/float64(b.N)/float64(ds.Len()), "alloc-bytes/record")
		})
	}
}
