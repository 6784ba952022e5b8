package validate_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"curate/jsonpos"
	"curate/validate"
)

// benchDataset writes n synthetic events (each with two actors, a figure
// and a citation) in files of 1,000 records beside the test base, and
// returns the directory.
func benchDataset(b *testing.B, n int) string {
	b.Helper()
	dir := b.TempDir()
	for f := 0; f*1000 < n; f++ {
		var s strings.Builder
		s.WriteString("{\"records\": [\n")
		for i := f * 1000; i < min(n, (f+1)*1000); i++ {
			if i > f*1000 {
				s.WriteString(",\n")
			}
			fmt.Fprintf(&s, `  {"kind": "event", "id": "event-bench-%07d", "event_type": "meeting", "title": "Council meeting %d",
   "date": {"edtf": "2022-02-2%d", "basis": "inferred", "note": "synthetic"}, "place": "Northvale",
   "actors": [{"actor": "actor-northvale", "role": "organiser"}, {"actor": "actor-ana-rivers", "role": "participant"}],
   "figures": [{"metric": "attended", "quantity": %d, "unit": "people", "qualifier": "more-than"}],
   "citations": [{"source": "source-sample", "evidence": "The town council of Northvale met on Tuesday", "locator": "paragraph 1"}]}`, i, i, i%8+1, i)
		}
		s.WriteString("\n]}\n")
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("events-%04d.json", f)), []byte(s.String()), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	return dir
}

// BenchmarkValidate validates the test base plus n synthetic events, with
// evidence checked. Its baselines, in the same run: BenchmarkDecode
// (encoding/json decoding the same files into any, no checks at all, and
// our strict parser alone).
func BenchmarkValidate(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("records=%d", n), func(b *testing.B) {
			dir := benchDataset(b, n)
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				res, err := validate.Run([]string{"testdata/base", dir}, validate.Options{SourcesDir: "testdata/sources"})
				if err != nil || res.Diagnostics.HasErrors() {
					b.Fatal(err, res.Diagnostics)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/record")
		})
	}
}

func benchFiles(b *testing.B, n int) [][]byte {
	dir := benchDataset(b, n)
	names, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	var files [][]byte
	for _, name := range names {
		data, err := os.ReadFile(name)
		if err != nil {
			b.Fatal(err)
		}
		files = append(files, data)
	}
	return files
}

// BenchmarkDecode is the baseline, on one core, on the same files:
// encoding/json decoding them into any without any check, and our strict,
// position-keeping parser alone.
func BenchmarkDecode(b *testing.B) {
	const n = 10000
	files := benchFiles(b, n)
	for _, dec := range []struct {
		name   string
		decode func([]byte) error
	}{
		{"encoding-json", func(data []byte) error { var v any; return json.Unmarshal(data, &v) }},
		{"jsonpos", func(data []byte) error {
			if _, errs := jsonpos.Parse(data); len(errs) > 0 {
				return errs[0]
			}
			return nil
		}},
	} {
		b.Run(dec.name, func(b *testing.B) {
			b.ReportAllocs()
			for range b.N {
				for _, data := range files {
					if err := dec.decode(data); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/n, "ns/record")
		})
	}
}
