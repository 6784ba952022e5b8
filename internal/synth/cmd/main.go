// Command cmd writes a synthetic dataset (curate/internal/synth):
//
//	go run ./internal/synth/cmd -n 100000 -out /tmp/d [-seed 1] [-faults K] [-sources DIR] [-per-file 5000]
//
// The source texts go to DIR-sources unless -sources says otherwise; the
// manifest is DIR/.synth.json. -force removes DIR and the sources directory
// first.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
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
		if err := remove(*out, src); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
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

// remove removes a dataset the generator wrote and its sources directory,
// and refuses anything else: a directory that is not empty and holds no
// manifest of the generator (a real dataset given by mistake), or a
// sources directory that is not the one its manifest names.
func remove(out, src string) error {
	var m synth.Manifest
	data, err := os.ReadFile(filepath.Join(out, synth.ManifestFile))
	switch {
	case err == nil:
		if json.Unmarshal(data, &m) != nil || !strings.HasPrefix(m.Generator, "curate/internal/synth ") {
			return fmt.Errorf("-force: %s has a %s the generator did not write: not removed", out, synth.ManifestFile)
		}
	case !empty(out):
		return fmt.Errorf("-force: %s is not a dataset the generator wrote (no %s): not removed", out, synth.ManifestFile)
	}
	if !empty(src) && (m.Sources == "" || filepath.Clean(m.Sources) != filepath.Clean(src)) {
		return fmt.Errorf("-force: %s is not the sources directory of a dataset the generator wrote in %s: not removed", src, out)
	}
	for _, d := range []string{out, src} {
		if err := os.RemoveAll(d); err != nil {
			return err
		}
	}
	return nil
}

// empty reports whether d is missing or an empty directory.
func empty(d string) bool {
	entries, err := os.ReadDir(d)
	return os.IsNotExist(err) || err == nil && len(entries) == 0
}
