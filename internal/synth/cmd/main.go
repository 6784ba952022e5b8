// Command cmd writes a synthetic dataset (curate/internal/synth):
//
//	go run ./internal/synth/cmd -n 100000 -out /tmp/d [-seed 1] [-faults K] [-sources DIR] [-per-file 5000]
//
// The source texts go to DIR-sources unless -sources says otherwise; the
// manifest is DIR/.synth.json. -force removes DIR and the sources directory
// first.
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"curate/internal/synth"
)

func main() {
	n := flag.Int("n", 10000, "number of records (every kind counted)")
	out := flag.String("out", "", "dataset directory to write (must not exist or be empty)")
	seed := flag.Uint64("seed", 1, "seed: the same n and seed give the same bytes")
	faults := flag.Int("faults", 0, "inject this many faults of each class ("+strings.Join(synth.Classes, ", ")+"), listed in DIR/"+synth.ManifestFile)
	sources := flag.String("sources", "", "directory for the source texts (default: DIR-sources)")
	perFile := flag.Int("per-file", 5000, "records per events, measures, statements and actors file")
	force := flag.Bool("force", false, "remove DIR and the sources directory first")
	version := flag.Bool("version", false, "print the generator's version and exit")
	flag.Parse()
	if *version {
		fmt.Println(synth.Version)
		return
	}
	if *out == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: go run ./internal/synth/cmd -n N -out DIR [-seed S] [-faults K] [-sources DIR] [-per-file N] [-force]")
		os.Exit(2)
	}
	src := *sources
	if src == "" {
		src = strings.TrimRight(*out, "/") + "-sources"
	}
	if *force {
		for _, d := range []string{*out, src} {
			if err := os.RemoveAll(d); err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(1)
			}
		}
	}
	start := time.Now()
	m, err := synth.Generate(*out, synth.Options{N: *n, Seed: *seed, Faults: *faults, Sources: src, PerFile: *perFile})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("%s: %d records (%d actors, %d sources, %d events, %d measures, %d statements) in %d files, %.1f MB; %d texts in %s, %.1f MB; %d faults; %.1f s\n",
		*out, m.N, m.Records["actor"], m.Records["source"], m.Records["event"], m.Records["measure"], m.Records["statement"],
		m.Files, float64(m.Bytes)/1e6, m.Records["source"], src, float64(m.Texts)/1e6, len(m.Faults), time.Since(start).Seconds())
}
