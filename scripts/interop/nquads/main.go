// Command nquads prints the canonical N-Quads of a JSON-LD document as
// json-gold (github.com/piprate/json-gold) computes them: the document is
// converted to RDF (ToRDF, N-Quads), then canonicalized with URDNA2015
// (RDF dataset canonicalization). It never fetches anything: a document
// that refers to a remote context is an error. scripts/interop.sh compares
// its output with jsonld.js's.
//
// Usage:
//
//	go run ./scripts/interop/nquads [-raw] FILE.jsonld
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"

	"github.com/piprate/json-gold/ld"
)

// offline is a document loader that refuses every URL.
type offline struct{}

func (offline) LoadDocument(u string) (*ld.RemoteDocument, error) {
	return nil, fmt.Errorf("refusing to load %s: no remote documents here", u)
}

func main() {
	raw := flag.Bool("raw", false, "print the N-Quads of ToRDF, before canonicalization")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: nquads [-raw] FILE.jsonld")
		os.Exit(2)
	}
	b, err := os.ReadFile(flag.Arg(0))
	if err != nil {
		fmt.Fprintln(os.Stderr, "nquads:", err)
		os.Exit(2)
	}
	var doc any
	if err := json.Unmarshal(b, &doc); err != nil {
		fmt.Fprintln(os.Stderr, "nquads:", err)
		os.Exit(1)
	}
	proc := ld.NewJsonLdProcessor()
	opts := ld.NewJsonLdOptions("")
	opts.DocumentLoader = offline{}
	opts.ProcessingMode = ld.JsonLd_1_1
	opts.Format = "application/n-quads"
	opts.SafeMode = true
	nq, err := proc.ToRDF(doc, opts)
	if err != nil {
		fmt.Fprintln(os.Stderr, "nquads: ToRDF:", err)
		os.Exit(1)
	}
	if *raw {
		fmt.Print(nq)
		return
	}
	copts := ld.NewJsonLdOptions("")
	copts.DocumentLoader = offline{}
	copts.InputFormat = "application/n-quads"
	copts.Format = "application/n-quads"
	copts.Algorithm = ld.AlgorithmURDNA2015
	canon, err := proc.Normalize(nq, copts)
	if err != nil {
		fmt.Fprintln(os.Stderr, "nquads: Normalize:", err)
		os.Exit(1)
	}
	fmt.Print(canon)
}
