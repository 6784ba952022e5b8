// Package validate reads dataset files and checks them: JSON syntax (strictly),
// the JSON Schema, and the checks that span records (unique ids, references
// that resolve to a record of the right kind, cited sources and their
// evidence). It returns the records as a record.Dataset and every problem as
// one sorted diag.List, each diagnostic located by file, line, column and
// JSON pointer.
package validate

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"curate/diag"
	"curate/jsonpos"
	"curate/record"
	"curate/schema"
)

// RuleRead is the rule of a diagnostic for a path that could not be read:
// an I/O problem rather than a problem in the data.
const RuleRead = "read"

// MetadataFile is the name of the file that holds the dataset's metadata
// rather than records.
const MetadataFile = "dataset.json"

// Options configure a validation run.
type Options struct {
	// Schema is the compiled schema; nil means the embedded one.
	Schema *schema.Set
	// SourcesDir, when set, is the directory holding the sources' texts:
	// their SHA-256 and every evidence excerpt are checked against it.
	SourcesDir string
	// Workers is the number of files validated at once; 0 means one per CPU.
	Workers int
}

// Result is what a run found.
type Result struct {
	// Dataset holds every record read, each kind sorted by id. It is complete
	// only when Diagnostics has no errors.
	Dataset *record.Dataset
	// Diagnostics is every problem found, sorted.
	Diagnostics diag.List
	// Summary says how much was read and what was not checked.
	Summary diag.Summary
	// HasMetadata reports whether a dataset.json was among the files.
	HasMetadata bool
}

// NoEvidenceNote is the summary note of a run without a sources directory.
const NoEvidenceNote = "evidence was not checked: pass --sources DIR to check each source's SHA-256 and every evidence excerpt against the source texts"

// Run validates the JSON files at paths (files, or directories searched
// recursively for *.json files) and returns what it found. An error is
// returned only when the run itself cannot proceed (the schema does not
// compile); unreadable files are diagnostics.
func Run(paths []string, opts Options) (*Result, error) {
	if opts.Schema == nil {
		s, err := schema.LoadDir("")
		if err != nil {
			return nil, fmt.Errorf("embedded schema: %w", err)
		}
		opts.Schema = s
	}
	var l diag.List
	names, listDiags := listFiles(paths)
	l = append(l, listDiags...)

	files := make([]*file, len(names))
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	var wg sync.WaitGroup
	next := make(chan int)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				files[i] = checkFile(names[i], opts.Schema)
			}
		}()
	}
	for i := range names {
		next <- i
	}
	close(next)
	wg.Wait()

	res := &Result{Dataset: &record.Dataset{}}
	for _, f := range files {
		res.Summary.Files++
		res.Summary.Records += len(f.records)
		if f.meta != nil {
			if res.HasMetadata {
				f.add(finding{rule: "duplicate-metadata", msg: "a second dataset.json: the dataset has one metadata file", offset: -1})
			} else {
				res.HasMetadata = true
				res.Dataset.Meta = *f.meta
			}
		}
	}
	c := &crossCheck{files: files, ds: res.Dataset}
	c.run()
	if opts.SourcesDir != "" {
		c.evidence(opts.SourcesDir)
	} else {
		res.Summary.Notes = append(res.Summary.Notes, NoEvidenceNote)
	}
	for _, f := range files {
		l = append(l, f.diagnostics()...)
	}
	l.Sort()
	res.Diagnostics = l
	res.Dataset.Sort()
	return res, nil
}

// listFiles expands paths into the JSON files to read, in lexical order.
func listFiles(paths []string) ([]string, diag.List) {
	var out []string
	var l diag.List
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			l = append(l, fileDiag(p, RuleRead, describeIOError(err)))
			continue
		}
		if !info.IsDir() {
			out = append(out, p)
			continue
		}
		found := len(out)
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				l = append(l, fileDiag(path, RuleRead, describeIOError(err)))
				return nil
			}
			if d.IsDir() && path != p && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			if !d.IsDir() && strings.HasSuffix(d.Name(), ".json") && !strings.HasPrefix(d.Name(), ".") {
				out = append(out, path)
			}
			return nil
		})
		if err != nil {
			l = append(l, fileDiag(p, RuleRead, describeIOError(err)))
		} else if len(out) == found {
			l = append(l, fileDiag(p, RuleRead, "no .json files in this directory"))
		}
	}
	for i := range out {
		out[i] = displayPath(out[i])
	}
	slices.Sort(out)
	return slices.Compact(out), l
}

// displayPath makes a path relative to the working directory where that is
// shorter, with forward slashes, so reports read the same on every machine.
func displayPath(p string) string {
	if wd, err := os.Getwd(); err == nil {
		if abs, err := filepath.Abs(p); err == nil {
			if rel, err := filepath.Rel(wd, abs); err == nil {
				p = rel
			}
		}
	}
	return filepath.ToSlash(filepath.Clean(p))
}

func fileDiag(path, rule, msg string) diag.Diagnostic {
	return diag.Diagnostic{File: displayPath(path), Pos: diag.NoPos, Severity: diag.Error, Rule: rule, Message: msg}
}

func describeIOError(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "no such file or directory"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	}
	return "cannot read: " + err.Error()
}

// file is one input file and what was found in it.
type file struct {
	path     string
	data     []byte
	value    any
	records  []*entry
	meta     *record.Metadata
	findings []finding
	mu       sync.Mutex

	lines *jsonpos.Lines
	index map[string]jsonpos.Loc
}

// entry is one record of a file, with its place.
type entry struct {
	file *file
	n    int // index in the file's records array
	kind record.Kind
	id   string
	rec  any // *record.Actor, *record.Event, ...
}

func (e *entry) ptr(rest ...string) string {
	p := fmt.Sprintf("/records/%d", e.n)
	for _, s := range rest {
		p += "/" + s
	}
	return p
}

// finding is a diagnostic before its position is known.
type finding struct {
	ptr     string
	atKey   bool // point at the property name rather than its value
	offset  int  // byte offset when known, -1 otherwise
	sev     diag.Severity
	rule    string
	msg     string
	hint    string
	related []relatedFinding
}

type relatedFinding struct {
	file   *file
	ptr    string
	msg    string
	offset int // byte offset when known, -1 otherwise
}

func (f *file) add(fd finding) {
	f.mu.Lock()
	f.findings = append(f.findings, fd)
	f.mu.Unlock()
}

// position turns a pointer (or an offset) into a position in the file.
func (f *file) position(ptr string, atKey bool, offset int) (line, col, off int) {
	if f.data == nil {
		return 0, 0, -1
	}
	if offset < 0 {
		if f.index == nil {
			f.index = jsonpos.Index(f.data)
		}
		loc, ok := f.index[ptr]
		for !ok && ptr != "" {
			// Fall back to the nearest enclosing value that exists.
			ptr = ptr[:strings.LastIndexByte(ptr, '/')]
			loc, ok = f.index[ptr]
			atKey = false
		}
		if !ok {
			return 0, 0, -1
		}
		offset = loc.Value
		if atKey && loc.Key >= 0 {
			offset = loc.Key
		}
	}
	if f.lines == nil {
		f.lines = jsonpos.NewLines(f.data)
	}
	line, col = f.lines.Position(offset)
	return line, col, offset
}

func (f *file) diagnostics() diag.List {
	l := make(diag.List, 0, len(f.findings))
	for _, fd := range f.findings {
		d := diag.Diagnostic{File: f.path, Pointer: fd.ptr, Severity: fd.sev, Rule: fd.rule, Message: fd.msg, Hint: fd.hint}
		d.Pos.Line, d.Pos.Column, d.Pos.Offset = f.position(fd.ptr, fd.atKey, fd.offset)
		for _, r := range fd.related {
			line, col, _ := r.file.position(r.ptr, false, r.offset)
			d.Related = append(d.Related, diag.Related{File: r.file.path, Pos: diag.Position{Line: line, Column: col, Offset: -1}, Pointer: r.ptr, Message: r.msg})
		}
		l = append(l, d)
	}
	return l
}

// checkFile reads, parses and schema-checks one file and decodes its records.
func checkFile(path string, s *schema.Set) *file {
	f := &file{path: path}
	data, err := os.ReadFile(path)
	if err != nil {
		f.add(finding{offset: -1, rule: RuleRead, msg: describeIOError(err)})
		return f
	}
	f.data = data
	v, errs := jsonpos.Parse(data)
	for _, e := range errs {
		fd := finding{ptr: e.Pointer, offset: e.Offset, rule: e.Rule, msg: e.Msg}
		if e.Related >= 0 {
			fd.related = []relatedFinding{{f, e.Pointer, "first occurrence", e.Related}}
		}
		f.add(fd)
	}
	if v == nil && len(errs) > 0 {
		return f
	}
	f.value = v
	if filepath.Base(path) == MetadataFile {
		checkSchema(f, s, s.Dataset, v, "")
		var m record.Metadata
		if obj, ok := v.(map[string]any); ok {
			decode(obj, &m)
		}
		f.meta = &m
		return f
	}
	checkRecords(f, s, v)
	f.records = entries(f)
	f.value = nil // decoded: the tree is no longer needed
	return f
}

// checkRecords validates a records file: the envelope against the records
// schema with its array emptied, then each record against its kind's
// schema, picked by its "kind" (the item schema's if/then does the same
// dispatch, but evaluates every kind's condition and builds an error for
// each that fails; picking directly validates the dataset about twice as
// fast). A record without a known kind goes through the item schema, which
// reports the kind.
func checkRecords(f *file, s *schema.Set, v any) {
	obj, ok := v.(map[string]any)
	arr, isArr := obj["records"].([]any)
	if !ok || !isArr {
		checkSchema(f, s, s.Records, v, "")
		return
	}
	shell := make(map[string]any, len(obj))
	for k, x := range obj {
		shell[k] = x
	}
	shell["records"] = []any{}
	checkSchema(f, s, s.Records, shell, "")
	check := func(lo, hi int) {
		for i := lo; i < hi; i++ {
			item := arr[i]
			sch := s.Record
			if m, ok := item.(map[string]any); ok {
				if k, ok := m["kind"].(string); ok && s.Kinds[k] != nil {
					sch = s.Kinds[k]
				}
			}
			checkSchema(f, s, sch, item, "/records/"+strconv.Itoa(i))
		}
	}
	// A large file is split across the CPUs, so that one big file does not
	// leave the other cores idle; findings are sorted afterwards.
	n := runtime.GOMAXPROCS(0)
	if len(arr) < parallelRecords || n < 2 {
		check(0, len(arr))
		return
	}
	var wg sync.WaitGroup
	for w := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			check(w*len(arr)/n, (w+1)*len(arr)/n)
		}()
	}
	wg.Wait()
}

// parallelRecords is the size from which a file's records are validated
// on every CPU.
const parallelRecords = 2048

// entries decodes the records of a records file, skipping any whose kind is
// unknown (the schema reports those).
func entries(f *file) []*entry {
	obj, _ := f.value.(map[string]any)
	arr, _ := obj["records"].([]any)
	var out []*entry
	for i, item := range arr {
		m, ok := item.(map[string]any)
		if !ok {
			continue
		}
		kind, _ := m["kind"].(string)
		id, _ := m["id"].(string)
		e := &entry{file: f, n: i, kind: record.Kind(kind), id: id}
		switch e.kind {
		case record.KindActor:
			e.rec = decodeAs[record.Actor](m)
		case record.KindSource:
			e.rec = decodeAs[record.Source](m)
		case record.KindEvent:
			e.rec = decodeAs[record.Event](m)
		case record.KindMeasure:
			e.rec = decodeAs[record.Measure](m)
		case record.KindStatement:
			e.rec = decodeAs[record.Statement](m)
		default:
			continue
		}
		out = append(out, e)
	}
	return out
}

func decodeAs[T any](m map[string]any) *T {
	var r T
	decode(m, &r)
	return &r
}
