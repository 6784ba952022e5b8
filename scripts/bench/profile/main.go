// Command profile runs what one curate command does, in process, under the
// Go profilers, for BENCHMARKS.md's "what dominated":
//
//	go run ./scripts/bench/profile -dataset DIR [-sources DIR] -what validate|csv|parquet|xlsx|jsonld|release [-out DIR] -cpuprofile F -memprofile F
//
// validate is curate validate DIR (the report only: validate.Options
// CheckOnly); the formats are curate export --format F --out DIR DIR;
// release is curate release --out DIR DIR. -memprofile writes the
// allocations profile (alloc_space and alloc_objects over the whole run;
// in-use as of the end); -heapprofile, when set, the in-use heap right
// after validation, while the dataset is held.
// Read them with go tool pprof -top.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"time"

	"curate/export"
	"curate/internal/atomicset"
	"curate/schema"
	"curate/validate"
)

func main() {
	dataset := flag.String("dataset", "", "the dataset's root directory")
	sources := flag.String("sources", "", "the sources' texts (validate --sources)")
	what := flag.String("what", "validate", "validate, csv, parquet, xlsx, jsonld or release")
	out := flag.String("out", "", "output directory of an export or release")
	cpu := flag.String("cpuprofile", "", "write a CPU profile here")
	mem := flag.String("memprofile", "", "write the allocations profile here")
	heap := flag.String("heapprofile", "", "write the in-use heap after validation here")
	flag.Parse()
	if *dataset == "" || (*what != "validate" && *out == "") {
		fmt.Fprintln(os.Stderr, "usage: profile -dataset DIR [-sources DIR] -what validate|csv|parquet|xlsx|jsonld|release [-out DIR] [-cpuprofile F] [-memprofile F] [-heapprofile F]")
		os.Exit(2)
	}
	if *cpu != "" {
		f, err := os.Create(*cpu)
		check(err)
		check(pprof.StartCPUProfile(f))
		defer f.Close()
	}
	start := time.Now()
	set, err := schema.LoadDir("")
	check(err)
	res, err := validate.Run(nil, validate.Options{Schema: set, SourcesDir: *sources, MaxErrors: -1, Dataset: *dataset, CheckOnly: *what == "validate"})
	check(err)
	if res.HasErrors() {
		fmt.Fprintf(os.Stderr, "the dataset has %d problems\n", len(res.Diagnostics))
		os.Exit(1)
	}
	if *heap != "" {
		runtime.GC()
		writeProfile("heap", *heap)
	}
	validated := time.Since(start)
	ctx := context.Background()
	switch *what {
	case "validate":
	case "release":
		_, err := export.Release(ctx, *out, res.Dataset, set, export.Options{})
		check(err)
	default:
		outs, _, err := export.Plan(res.Dataset, set, []string{*what}, export.Options{})
		check(err)
		_, err = atomicset.WriteAll(ctx, *out, outs)
		check(err)
	}
	if *cpu != "" {
		pprof.StopCPUProfile()
	}
	if *mem != "" {
		writeProfile("allocs", *mem)
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Printf("%s: %d records, validation %.2f s, in all %.2f s; %.0f MB allocated in all, %d GC cycles\n",
		*what, res.Summary.Records, validated.Seconds(), time.Since(start).Seconds(), float64(ms.TotalAlloc)/1e6, ms.NumGC)
}

func writeProfile(name, path string) {
	f, err := os.Create(path)
	check(err)
	check(pprof.Lookup(name).WriteTo(f, 0))
	check(f.Close())
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "profile:", err)
		os.Exit(1)
	}
}
