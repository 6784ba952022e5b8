// Package validate reads dataset files and checks them: JSON syntax (strictly),
// the JSON Schema, and the checks that span records (unique ids, references
// that resolve to a record of the right kind, cited sources and their
// evidence). It returns the records as a record.Dataset and every problem as
// one sorted diag.List, each diagnostic located by file, line, column and
// JSON pointer. Rules lists every check it makes.
//
// What it promises on hostile input: it reads only the files it is given
// (files found in a directory are opened through an os.Root of it, source
// texts through an os.Root of the sources directory), only regular files
// (a named pipe, a device or a socket is a located error, never opened for
// a blocking read), each at most MaxFileSize bytes; it reports at most
// MaxErrors problems per file and in all; and its memory is bounded by a
// small multiple of the largest file plus what the cross-record checks keep
// per record.
package validate

import (
	"fmt"
	"hash/maphash"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"unicode/utf8"

	"curate/diag"
	"curate/internal/cache"
	"curate/internal/evidence"
	"curate/internal/jsonfiles"
	"curate/internal/placement"
	"curate/internal/safeio"
	"curate/internal/words"
	"curate/jsonpos"
	"curate/record"
	"curate/schema"
)

// MetadataFile is the name of the file that holds the dataset's metadata
// rather than records.
const MetadataFile = placement.MetadataFile

// DefaultMaxErrors is how many problems a report shows per file and in all
// when no limit is given.
const DefaultMaxErrors = 1000

// Options configure a validation run.
type Options struct {
	// Schema is the compiled schema; nil means the embedded one.
	Schema *schema.Set
	// SourcesDir, when set, is the directory holding the sources' texts:
	// their SHA-256 and every evidence excerpt are checked against it.
	SourcesDir string
	// MaxFileSize is the largest file read, in bytes; 0 means
	// DefaultMaxFileSize.
	MaxFileSize int64
	// MaxErrors is how many problems are reported per file and in all; the
	// rest are counted in the summary. 0 means DefaultMaxErrors; a negative
	// value means no limit.
	MaxErrors int
	// Dataset, when set, is the dataset's root directory (the one holding
	// dataset.json): it is read whole, its files are checked for their
	// placement in its kind folders, and the paths given to Run only narrow
	// the report to the problems of those files and the cross-file problems
	// they take part in (a duplicate id in another file: both places).
	Dataset string
	// CheckOnly says the caller needs only the report: the records are not
	// gathered into Result.Dataset (which then holds only the metadata),
	// so that memory holds one copy of what the checks need.
	CheckOnly bool
	// Records, when set (and CheckOnly is not), is given each record as
	// it is decoded, instead of its being gathered into Result.Dataset:
	// from several goroutines at once, in no particular order, every
	// record of every file, those of a file with problems and each
	// definition of an id given twice included (a caller keeps them only
	// while the report has no error). An export hands them to a store on
	// disk, so that memory never holds them all.
	Records func(record.Record)
	// Progress, when set, counts the work done as Run goes.
	Progress *Progress
	// Cache, with CheckOnly, is a directory where each file's own results
	// are kept by content, so that a run over mostly unchanged files reads
	// them from there (see cache.go); "" means no cache.
	Cache string
}

// Result is what a run found.
type Result struct {
	// Dataset holds every record read, each kind sorted by id. It is complete
	// only when Diagnostics has no errors.
	Dataset *record.Dataset
	// Diagnostics is every problem found, sorted, up to the limit.
	Diagnostics diag.List
	// Summary says how much was read, how many problems the limit left out
	// and what was not checked.
	Summary diag.Summary
	// HasMetadata reports whether a dataset.json was among the files.
	HasMetadata bool
}

// HasErrors reports whether the run found an error, shown or not.
func (r *Result) HasErrors() bool {
	return r.Diagnostics.HasErrors() || r.Summary.Omitted.Errors > 0
}

// ReadFailed reports whether a file or directory given could not be read
// (an I/O problem rather than a problem in the data).
func (r *Result) ReadFailed() bool {
	for _, d := range r.Diagnostics {
		if d.Rule == RuleRead {
			return true
		}
	}
	return false
}

// NoEvidenceNote is the summary note of a run without a sources directory.
const NoEvidenceNote = "evidence was not checked: pass --sources DIR to check each source's SHA-256 and every evidence excerpt against the source texts"

// Run validates the JSON files at paths (files, or directories searched
// recursively for *.json files) and returns what it found. An error is
// returned only when the run itself cannot proceed (the schema does not
// compile, the sources directory cannot be opened); unreadable files are
// diagnostics.
func Run(paths []string, opts Options) (*Result, error) {
	if opts.Schema == nil {
		s, err := schema.LoadDir("")
		if err != nil {
			return nil, fmt.Errorf("embedded schema: %w", err)
		}
		opts.Schema = s
	}
	maxErrors := opts.MaxErrors
	if maxErrors == 0 {
		maxErrors = DefaultMaxErrors
	}
	maxErrors = max(maxErrors, 0)

	var texts *evidence.Texts
	if opts.SourcesDir != "" {
		var err error
		if texts, err = evidence.Open(opts.SourcesDir, opts.MaxFileSize); err != nil {
			return nil, err
		}
		defer texts.Close()
	}

	var focus map[string]bool
	if opts.Dataset != "" {
		if len(paths) > 0 {
			fins, fclose, fl := inputs(paths)
			fclose()
			focus = map[string]bool{}
			for _, in := range fins {
				focus[in.Path] = true
			}
			for _, d := range fl {
				focus[d.File] = true
			}
		}
		paths = append([]string{opts.Dataset}, paths...)
	}
	ins, closeInputs, l := inputs(paths)
	defer closeInputs()
	// Two phases: the files of a sources/ folder first, so that their texts
	// are loaded before the records citing them are read; then the rest.
	files := make([]*file, len(ins))
	var first, rest []int
	for i, in := range ins {
		if inSourcesFolder(in.Path) {
			first = append(first, i)
		} else {
			rest = append(rest, i)
		}
	}
	var c0 *cache.Dir
	if opts.Cache != "" && opts.CheckOnly {
		var err error
		if c0, err = openCache(opts.Cache, opts.Schema); err != nil {
			return nil, fmt.Errorf("--cache %s: %w", opts.Cache, err)
		}
	}
	if p := opts.Progress; p != nil {
		p.TotalFiles.Store(int64(len(ins)))
		for _, in := range ins {
			if info, err := os.Stat(filepath.FromSlash(in.Path)); err == nil {
				p.TotalBytes.Add(info.Size())
			}
		}
	}
	var keep keeper
	switch {
	case opts.CheckOnly:
	case opts.Records != nil:
		keep = func(_ *entry, r record.Record) { opts.Records(r) }
	default:
		keep = func(e *entry, r record.Record) { e.extra().rec = r }
	}
	check := func(idx []int, texts *evidence.Texts) {
		var wg sync.WaitGroup
		next := make(chan int)
		sourcesKey := texts.Key()
		for range workers() {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range next {
					files[i] = checkFile(ins[i], opts.Schema, opts.MaxFileSize, texts, keep, c0, sourcesKey, opts.Progress)
				}
			}()
		}
		for _, i := range idx {
			next <- i
		}
		close(next)
		wg.Wait()
	}
	check(first, texts) // with no text loaded yet, their excerpts wait
	if texts != nil {
		seen := map[string]bool{}
		for _, i := range first {
			loadSources(texts, files[i].records, func(e *entry) bool {
				firstDef := !seen[e.id]
				seen[e.id] = true
				return firstDef
			})
		}
	}
	check(rest, texts)

	res := &Result{Dataset: &record.Dataset{}}
	for _, f := range files {
		res.Summary.Files++
		res.Summary.Records += len(f.records)
		if f.meta != nil {
			if res.HasMetadata {
				f.add(at("", RuleDuplicateMetadata, "a second dataset.json: the dataset has one metadata file"))
			} else {
				res.HasMetadata = true
				res.Dataset.Meta = *f.meta
			}
		}
	}
	c := &crossCheck{files: files, ds: res.Dataset}
	c.run()
	if opts.Dataset != "" {
		c.placement(jsonfiles.Display(opts.Dataset))
	}
	if texts != nil {
		// The sources defined outside a sources/ folder, then what waited
		// for them.
		for _, f := range files {
			loadSources(texts, f.records, func(e *entry) bool { return c.byID[e.id] == e })
		}
		finishSources(texts, files)
	} else {
		res.Summary.Notes = append(res.Summary.Notes, NoEvidenceNote)
	}
	for _, f := range files {
		o := f.limitFindings(maxErrors)
		res.Summary.Omitted.Errors += o.Errors
		res.Summary.Omitted.Warnings += o.Warnings
	}
	l = append(l, resolve(files, opts.MaxFileSize)...)
	if c0 != nil && c0.Err() != nil {
		res.Summary.Notes = append(res.Summary.Notes, fmt.Sprintf("the cache in %s could not be written (%v): the next run reads every file again", opts.Cache, c0.Err()))
	}
	if focus != nil {
		l = l.OfFiles(focus)
		res.Summary.Notes = append(res.Summary.Notes, fmt.Sprintf("problems reported for %s given; the whole dataset in %s was read for context",
			words.Count(len(focus), "path"), jsonfiles.Display(opts.Dataset)))
	}
	l.Sort()
	kept, o := l.Limit(maxErrors, maxErrors)
	res.Summary.Omitted.Errors += o.Errors
	res.Summary.Omitted.Warnings += o.Warnings
	res.Diagnostics = kept
	res.Dataset.Sort()
	return res, nil
}

// keeper keeps a record decoded into its entry (nil: the caller needs
// only the report).
type keeper func(e *entry, r record.Record)

// workers is how many files are checked at once.
func workers() int { return runtime.GOMAXPROCS(0) }

// checkFile reads, parses and schema-checks one file and decodes its records.
func checkFile(in jsonfiles.File, s *schema.Set, limit int64, texts *evidence.Texts, keep keeper, c *cache.Dir, sourcesKey string, p *Progress) *file {
	f := &file{in: in, path: in.Path}
	h, err := in.Open()
	if err != nil {
		f.add(at("", RuleRead, safeio.Describe(err)))
		return f
	}
	data, err := safeio.Read(h, limit)
	if err != nil {
		f.add(at("", RuleRead, safeio.Describe(err)))
		return f
	}
	f.read = true
	f.sum = maphash.Bytes(hashSeed, data)
	defer p.fileDone(f, len(data))
	if c != nil {
		key := cacheKey(c, sourcesKey, limit, data)
		if loadCached(c, key, f) {
			return f
		}
		defer func() {
			if cacheable(f) {
				storeCached(c, key, f)
			}
		}()
	}
	if filepath.Base(in.Path) == MetadataFile {
		v, errs := jsonpos.Parse(data)
		f.parseErrors(data, errs)
		if v == nil && len(errs) > 0 {
			return f
		}
		checkSchema(f, s, s.Dataset, v, "")
		var m record.Metadata
		if obj, ok := v.(map[string]any); ok {
			record.Decode(obj, &m)
		}
		checkSchemaVersion(f, m.SchemaVersion)
		f.meta = &m
		return f
	}
	checkRecords(f, s, data, texts, keep)
	return f
}

// inSourcesFolder reports whether a file sits in a folder named sources.
func inSourcesFolder(p string) bool {
	return strings.HasPrefix(p, "sources/") || strings.Contains(p, "/sources/")
}

// parseErrors adds the parser's errors as findings.
func (f *file) parseErrors(data []byte, errs []*jsonpos.Error) {
	for _, e := range errs {
		fd := at(e.Pointer, e.Rule, e.Msg)
		fd.offset = e.Offset
		if e.Rule == jsonpos.RuleSyntax && e.Offset < len(data) {
			if r, _ := utf8.DecodeRune(data[e.Offset:]); strings.ContainsRune("\u201c\u201d\u201e\u2018\u2019", r) {
				fd.hint = "replace the typographic quote marks (“ ” ‘ ’) around names and strings with straight double quotes (\"), as a word processor may have changed them"
			}
		}
		if e.Related >= 0 {
			fd.related = []relatedFinding{{f, e.Pointer, e.Related, "first occurrence"}}
		}
		f.add(fd)
	}
}

// checkSchemaVersion reports a dataset that follows a schema version this
// curate does not read: another major version, or a newer minor one.
func checkSchemaVersion(f *file, v string) {
	var major, minor, patch int
	if _, err := fmt.Sscanf(v, "%d.%d.%d", &major, &minor, &patch); err != nil {
		return // the schema reports a missing or malformed version
	}
	var smajor, sminor, spatch int
	fmt.Sscanf(schema.Version, "%d.%d.%d", &smajor, &sminor, &spatch)
	if major == smajor && (minor < sminor || minor == sminor && patch <= spatch) {
		return
	}
	fd := at("/schema_version", RuleSchemaVersion, fmt.Sprintf("the dataset follows schema %s; this curate validates against schema %s", v, schema.Version))
	if major < smajor {
		fd.hint = fmt.Sprintf("migrate the data as README's \"Changes from %d\" says, then set \"schema_version\": %q", major, schema.Version)
	} else {
		fd.hint = "use a curate that reads schema " + v
	}
	f.add(fd)
}

// FindRoot returns the dataset root of a path: the nearest directory at or
// above it that holds dataset.json, and false when there is none.
func FindRoot(path string) (string, bool) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", false
	}
	if info, err := os.Stat(abs); err != nil || !info.IsDir() {
		abs = filepath.Dir(abs)
	}
	for {
		if info, err := os.Stat(filepath.Join(abs, MetadataFile)); err == nil && info.Mode().IsRegular() {
			return abs, true
		}
		parent := filepath.Dir(abs)
		if parent == abs {
			return "", false
		}
		abs = parent
	}
}
