// Package synth writes synthetic datasets shaped like curate's own, for
// benchmarks and scale tests: N records of every kind, using every field of
// schema 2.0.0, whose references resolve (across files too) and whose
// evidence excerpts occur verbatim in synthetic source texts it writes
// beside the dataset. The same Options give byte-identical files.
//
// A dataset DIR is laid out as the real one: DIR/dataset.json,
// DIR/actors/{states,people,organisations,groups,companies}[-NNN].json,
// DIR/sources/STEM.json (one per source, as curate new writes them), and
// DIR/events|measures|statements/STEM.json with about Options.PerFile
// records each, STEM being a source's text file name; the texts are in a
// separate directory (by default DIR-sources) for validate --sources.
// DIR/.synth.json (a dot file, which curate does not read) is the
// manifest: what was generated, by which version, and the faults injected
// when Options.Faults is set.
package synth

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"curate/record"
)

// Version is the generator's version: it changes whenever the same Options
// would give different files, so that a cache of generated datasets can be
// keyed by it.
const Version = "1"

// SchemaVersion is the schema version the generated data follows.
const SchemaVersion = "2.0.0"

// ManifestFile is the name of the manifest inside the dataset directory.
const ManifestFile = ".synth.json"

// Options say what to generate.
type Options struct {
	// N is the number of records, every kind counted; at least MinN.
	N int
	// Seed selects the dataset: the same N and Seed give the same bytes.
	Seed uint64
	// PerFile is about how many records an events, measures or statements
	// file (and an actors file) holds; 0 means 5,000.
	PerFile int
	// Faults, when above 0, injects that many faults of each class (see
	// Classes) and lists them in the manifest.
	Faults int
	// Sources is the directory the source texts are written to; "" means
	// the dataset directory followed by "-sources".
	Sources string
}

// MinN is the smallest dataset the generator writes.
const MinN = 200

// Fault classes: one each of the mistakes curate validate must find.
const (
	FaultSyntax    = "syntax"       // a stray comma in a sources file
	FaultSchema    = "schema"       // an event_type the schema does not allow
	FaultReference = "reference"    // an event actor that does not exist
	FaultDuplicate = "duplicate-id" // a statement with the id of the one before it
	FaultEvidence  = "evidence"     // an excerpt that is not in its source
	FaultEDTF      = "edtf"         // a date that is not in the calendar
	FaultSHA256    = "sha256"       // a source whose recorded hash is not its text's
)

// Classes lists every fault class, in the order the manifest lists faults.
var Classes = []string{FaultSyntax, FaultSchema, FaultReference, FaultDuplicate, FaultEvidence, FaultEDTF, FaultSHA256}

// Fault is one injected fault: where validate must report it and the rule
// it should report.
type Fault struct {
	Class   string `json:"class"`
	File    string `json:"file"` // slash path relative to the dataset directory
	Pointer string `json:"pointer"`
	Rule    string `json:"rule"`
	// NeedsSources says the fault is found only with --sources.
	NeedsSources bool `json:"needs_sources,omitempty"`
}

// Manifest describes a generated dataset.
type Manifest struct {
	Generator string         `json:"generator"`
	N         int            `json:"n"`
	Seed      uint64         `json:"seed"`
	PerFile   int            `json:"per_file"`
	Records   map[string]int `json:"records"` // by kind
	Files     int            `json:"files"`   // dataset files, dataset.json included
	Bytes     int64          `json:"bytes"`   // of the dataset files
	Sources   string         `json:"sources"` // the texts' directory, as given
	Texts     int64          `json:"text_bytes"`
	Faults    []Fault        `json:"faults"`
}

// Actor kinds of the generator (record.Actor's actor_type, with the file
// each goes in).
const (
	kindState = iota
	kindPerson
	kindBody
	kindOrganisation
	kindMedia
	kindGroup
	kindCompany
	nActorKinds
)

var actorTypes = [nActorKinds]string{"state", "person", "body", "organisation", "media", "group", "company"}
var actorFiles = [nActorKinds]string{"states", "people", "organisations", "organisations", "organisations", "groups", "companies"}

// Random streams: each record draws from its own generator, seeded by the
// seed, its stream and its index, so that any record can be made alone, in
// any order, on any goroutine, with the same result.
const (
	streamLayout = iota + 1
	streamActorHead
	streamActor
	streamDoc
	streamSource
	streamEventHead
	streamEvent
	streamMeasureHead
	streamMeasure
	streamStatementHead
	streamStatement
	streamFaults
)

// actorHead is what the whole generator needs to know of an actor before
// its record is written.
type actorHead struct {
	kind    int
	id      string
	label   string
	country string
	alias   string // a person's other name
}

type gen struct {
	opt                      Options
	dir, srcDir              string
	nActors, nSources        int
	nEvents, nMeasures, nSts int
	actors                   []actorHead
	byKind                   [nActorKinds][]int
	docs                     []*doc
	recordFiles              int // files per kind of events, measures and statements
	faults                   map[faultKey]string
	man                      Manifest
	mu                       sync.Mutex
}

type faultKey struct {
	folder string
	file   int
	pos    int
}

func (g *gen) rng(stream, i uint64) *rand.Rand {
	return rand.New(rand.NewPCG(g.opt.Seed, stream<<48^i))
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// pickW picks from a list whose repeats weight it.
func pickW(r *rand.Rand, xs []string) string { return xs[r.IntN(len(xs))] }

// pickActor returns the index of a random actor of a kind.
func (g *gen) pickActor(r *rand.Rand, kind int) int {
	return pick(r, g.byKind[kind])
}

// distinct returns k distinct picks of xs (fewer when xs has fewer).
func distinct[T comparable](r *rand.Rand, k int, pickOne func() T) []T {
	var out []T
	for tries := 0; len(out) < k && tries < 4*k+8; tries++ {
		x := pickOne()
		if !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}

// Generate writes a dataset into dir (which must not exist or be empty) and
// its source texts, and returns its manifest.
func Generate(dir string, opt Options) (*Manifest, error) {
	if opt.N < MinN {
		return nil, fmt.Errorf("synth: N is %d: at least %d records", opt.N, MinN)
	}
	if opt.PerFile <= 0 {
		opt.PerFile = 5000
	}
	if opt.Sources == "" {
		opt.Sources = strings.TrimRight(dir, "/") + "-sources"
	}
	g := &gen{opt: opt, dir: dir, srcDir: opt.Sources}
	g.nSources = max(8, opt.N/200)
	g.nActors = max(40, opt.N*4/100)
	rest := opt.N - g.nSources - g.nActors
	g.nEvents = rest * 35 / 100
	g.nMeasures = rest * 30 / 100
	g.nSts = rest - g.nEvents - g.nMeasures
	g.recordFiles = max(ceilDiv(g.nEvents, opt.PerFile), min(3, g.nSources))
	if g.recordFiles > g.nSources {
		return nil, fmt.Errorf("synth: %d record files need as many sources, there are %d", g.recordFiles, g.nSources)
	}
	for _, d := range []string{dir, g.srcDir} {
		if err := emptyDir(d); err != nil {
			return nil, err
		}
	}
	g.man = Manifest{Generator: "curate/internal/synth " + Version, N: opt.N, Seed: opt.Seed, PerFile: opt.PerFile,
		Sources: g.srcDir, Faults: []Fault{}, Records: map[string]int{
			"actor": g.nActors, "source": g.nSources, "event": g.nEvents, "measure": g.nMeasures, "statement": g.nSts}}
	g.heads()
	g.docs = make([]*doc, g.nSources)
	if err := g.parallel(g.nSources, func(i int) error {
		g.docs[i] = g.makeDoc(i)
		return nil
	}); err != nil {
		return nil, err
	}
	if err := g.planFaults(); err != nil {
		return nil, err
	}
	if err := g.writeAll(); err != nil {
		return nil, err
	}
	slices.SortFunc(g.man.Faults, func(a, b Fault) int {
		return strings.Compare(a.Class+"\x00"+a.File+"\x00"+a.Pointer, b.Class+"\x00"+b.File+"\x00"+b.Pointer)
	})
	data, err := json.MarshalIndent(&g.man, "", "  ")
	if err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(dir, ManifestFile), append(data, '\n'), 0o644); err != nil {
		return nil, err
	}
	return &g.man, nil
}

func ceilDiv(a, b int) int { return (a + b - 1) / b }

// emptyDir makes d, or checks that it is empty.
func emptyDir(d string) error {
	entries, err := os.ReadDir(d)
	if errors.Is(err, os.ErrNotExist) {
		return os.MkdirAll(d, 0o755)
	}
	if err != nil {
		return err
	}
	if len(entries) > 0 {
		return fmt.Errorf("synth: %s is not empty", d)
	}
	return nil
}

// parallel runs f(0..n-1) on every CPU and returns the first error.
func (g *gen) parallel(n int, f func(i int) error) error {
	var (
		wg    sync.WaitGroup
		next  = make(chan int)
		errMu sync.Mutex
		first error
	)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				if err := f(i); err != nil {
					errMu.Lock()
					if first == nil {
						first = err
					}
					errMu.Unlock()
				}
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
	return first
}

// writeAll writes dataset.json, every records file and every text.
func (g *gen) writeAll() error {
	meta := record.Metadata{
		Title:         fmt.Sprintf("Synthetic responses to international crises (%d records, seed %d)", g.opt.N, g.opt.Seed),
		Version:       "0.0.1",
		SchemaVersion: SchemaVersion,
		Licence:       "CC0-1.0",
		Description:   "A synthetic dataset written by curate's internal/synth for benchmarks and scale tests: actors, sources, events, measures and statements shaped like the curated dataset's, about nothing real.",
		Citation:      fmt.Sprintf("curate internal/synth %s, N=%d, seed %d. Synthetic dataset.", Version, g.opt.N, g.opt.Seed),
		BaseIRI:       "https://curate.invalid/synthetic/",
	}
	if err := g.writeJSON("dataset.json", meta, ""); err != nil {
		return err
	}
	// Texts.
	if err := g.parallel(len(g.docs), func(i int) error {
		d := g.docs[i]
		g.mu.Lock()
		g.man.Texts += int64(len(d.text))
		g.mu.Unlock()
		return os.WriteFile(filepath.Join(g.srcDir, d.stem+".txt"), d.text, 0o644)
	}); err != nil {
		return err
	}
	// Actors: by file, in files of about PerFile.
	byFile := map[string][]int{}
	for i, a := range g.actors {
		byFile[actorFiles[a.kind]] = append(byFile[actorFiles[a.kind]], i)
	}
	var actorJobs []func() error
	for _, name := range slices.Sorted(mapsKeys(byFile)) {
		idx := byFile[name]
		parts := ceilDiv(len(idx), g.opt.PerFile)
		for p := range parts {
			lo, hi := p*len(idx)/parts, (p+1)*len(idx)/parts
			fname := name + ".json"
			if parts > 1 {
				fname = fmt.Sprintf("%s-%03d.json", name, p+1)
			}
			part := idx[lo:hi]
			actorJobs = append(actorJobs, func() error {
				recs := make([]*record.Actor, len(part))
				for j, i := range part {
					recs[j] = g.actor(i)
				}
				slices.SortFunc(recs, func(a, b *record.Actor) int { return strings.Compare(a.ID, b.ID) })
				return g.writeRecords("actors/"+fname, recs, "")
			})
		}
	}
	if err := g.parallel(len(actorJobs), func(i int) error { return actorJobs[i]() }); err != nil {
		return err
	}
	// Sources: one file each.
	if err := g.parallel(g.nSources, func(i int) error {
		s := g.source(i)
		var edit string
		switch g.faults[faultKey{"sources", i, 0}] {
		case FaultSHA256:
			g.addFault(FaultSHA256, "sources/"+g.docs[i].stem+".json", "/records/0/sha256", "source-hash", true)
			s.SHA256 = g.docs[(i+1)%len(g.docs)].sha
		case FaultSyntax:
			g.addFault(FaultSyntax, "sources/"+g.docs[i].stem+".json", "/records/0", "syntax", false)
			edit = `"kind": "source",`
		}
		return g.writeRecords("sources/"+g.docs[i].stem+".json", []*record.Source{s}, edit)
	}); err != nil {
		return err
	}
	// Events, measures and statements: file f of each is named after
	// source f.
	type job struct {
		folder string
		f      int
	}
	var jobs []job
	for _, folder := range []string{"events", "measures", "statements"} {
		for f := range g.recordFiles {
			jobs = append(jobs, job{folder, f})
		}
	}
	return g.parallel(len(jobs), func(i int) error {
		j := jobs[i]
		name := j.folder + "/" + g.docs[j.f].stem + ".json"
		switch j.folder {
		case "events":
			lo, hi := g.span(g.nEvents, j.f)
			recs := make([]*record.Event, 0, hi-lo)
			for k := lo; k < hi; k++ {
				recs = append(recs, g.event(k, j.f))
			}
			slices.SortFunc(recs, func(a, b *record.Event) int { return strings.Compare(a.ID, b.ID) })
			for p, e := range recs {
				g.eventFault(name, j.f, p, e)
			}
			return g.writeRecords(name, recs, "")
		case "measures":
			lo, hi := g.span(g.nMeasures, j.f)
			recs := make([]*record.Measure, 0, hi-lo)
			for k := lo; k < hi; k++ {
				recs = append(recs, g.measure(k, j.f))
			}
			slices.SortFunc(recs, func(a, b *record.Measure) int { return strings.Compare(a.ID, b.ID) })
			return g.writeRecords(name, recs, "")
		default:
			lo, hi := g.span(g.nSts, j.f)
			recs := make([]*record.Statement, 0, hi-lo)
			for k := lo; k < hi; k++ {
				recs = append(recs, g.statement(k, j.f))
			}
			slices.SortFunc(recs, func(a, b *record.Statement) int { return strings.Compare(a.ID, b.ID) })
			for p := 1; p < len(recs); p++ {
				if g.faults[faultKey{"statements", j.f, p}] == FaultDuplicate {
					recs[p].ID = recs[p-1].ID
					g.addFault(FaultDuplicate, name, fmt.Sprintf("/records/%d/id", p), "duplicate-id", false)
				}
			}
			return g.writeRecords(name, recs, "")
		}
	})
}

func mapsKeys[K comparable, V any](m map[K]V) func(func(K) bool) {
	return func(yield func(K) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// span is the range of record indexes of a kind's file f.
func (g *gen) span(n, f int) (int, int) {
	return f * n / g.recordFiles, (f + 1) * n / g.recordFiles
}

// fileOf is the file holding record k of a kind of n records.
func (g *gen) fileOf(n, k int) int {
	f := k * g.recordFiles / n
	for f+1 < g.recordFiles && (f+1)*n/g.recordFiles <= k {
		f++
	}
	for f > 0 && f*n/g.recordFiles > k {
		f--
	}
	return f
}

func (g *gen) addFault(class, file, ptr, rule string, needsSources bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.man.Faults = append(g.man.Faults, Fault{Class: class, File: file, Pointer: ptr, Rule: rule, NeedsSources: needsSources})
}

// writeRecords writes {"records": recs} to the dataset file name, indented
// as curate fmt writes it; edit, when set, is a text after which a stray
// comma goes (a syntax fault).
func (g *gen) writeRecords(name string, recs any, edit string) error {
	return g.writeJSON(name, struct {
		Records any `json:"records"`
	}{recs}, edit)
}

func (g *gen) writeJSON(name string, v any, edit string) error {
	path := filepath.Join(g.dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if edit != "" {
		var b strings.Builder
		e2 := json.NewEncoder(&b)
		e2.SetEscapeHTML(false)
		e2.SetIndent("", "  ")
		if err := e2.Encode(v); err != nil {
			f.Close()
			return err
		}
		_, err = w.WriteString(strings.Replace(b.String(), edit, edit+",", 1))
	} else {
		err = enc.Encode(v)
	}
	if err == nil {
		err = w.Flush()
	}
	var size int64
	if info, serr := f.Stat(); serr == nil {
		size = info.Size()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	g.mu.Lock()
	g.man.Files++
	g.man.Bytes += size
	g.mu.Unlock()
	return err
}
