// Command page writes the browsable page (package browse) of a dataset,
// validated first, for the interop suite's browser check:
//
//	go run ./scripts/interop/page [-sources DIR] -out FILE DATASET_DIR
//
// It exits 1 when the dataset has errors, 2 on misuse or a failed write.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"curate/browse"
	"curate/validate"
)

func main() {
	out := flag.String("out", "index.html", "the page to write")
	sources := flag.String("sources", "", "the source texts' directory: evidence is checked when given")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: page [-sources DIR] -out FILE DATASET_DIR")
		os.Exit(2)
	}
	res, err := validate.Run([]string{flag.Arg(0)}, validate.Options{SourcesDir: *sources, Dataset: flag.Arg(0)})
	if err != nil {
		fmt.Fprintln(os.Stderr, "page:", err)
		os.Exit(2)
	}
	if res.HasErrors() {
		fmt.Fprintf(os.Stderr, "page: %s has errors:\n%v\n", flag.Arg(0), res.Diagnostics)
		os.Exit(1)
	}
	if err := write(*out, res); err != nil {
		fmt.Fprintln(os.Stderr, "page:", err)
		os.Exit(2)
	}
}

func write(name string, res *validate.Result) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	if err := browse.Write(w, res.Dataset, browse.Options{}); err != nil {
		f.Close()
		return err
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
