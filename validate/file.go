package validate

import (
	"cmp"
	"hash/maphash"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unique"

	"curate/diag"
	"curate/internal/evidence"
	"curate/internal/jsonfiles"
	"curate/internal/position"
	"curate/internal/safeio"
	"curate/record"
)

// file is one input file and what was found in it. Its bytes and parse tree
// are dropped once its own checks are done: findings carry JSON pointers,
// and positions are read back from the file only for what is reported
// (resolve), so memory does not grow with the size of a valid dataset.
type file struct {
	in      jsonfiles.File
	path    string
	sum     uint64 // hash of the bytes checked, to tell whether a re-read sees the same file
	read    bool   // the bytes were read (whatever they held)
	records []*entry
	meta    *record.Metadata
	// declared holds the ids a file that did not parse declares in its
	// text, read leniently: a reference to one of them is not reported.
	declared map[string]bool

	mu       sync.Mutex
	findings []finding
}

// entry is one record of a file: its place, and what the checks across
// records need of it, compactly: its id and kind, its references (pointers
// and ids interned), the first source it cites, and the excerpts not yet
// checked against their source. The whole record is kept only when the
// dataset is gathered (Options.CheckOnly off) and for a source.
type entry struct {
	file  *file
	n     int32 // index in the file's records array
	kind  record.Kind
	id    string
	refs  []ref
	cited string // the first source the record cites, for placement
	*more        // what few records have
}

// more is what an entry holds for some records only.
type more struct {
	pending []record.Excerpt // excerpts whose source text was not loaded when the record was checked
	quote   *evidence.Quote  // a statement's text, when it was not checked with the record
	source  *record.Source   // the record, when it is a source
	rec     record.Record    // the whole record, when the dataset is gathered
}

// extra returns the entry's more, made on first use.
func (e *entry) extra() *more {
	if e.more == nil {
		e.more = &more{}
	}
	return e.more
}

// ref is a reference a record makes, compactly.
type ref struct {
	ptr   unique.Handle[string] // pointers repeat: interned
	id    string
	kinds kindSet
}

// kindSet is a set of record kinds.
type kindSet uint8

func setOf(ks []record.Kind) kindSet {
	var s kindSet
	for _, k := range ks {
		s |= 1 << slices.Index(record.Kinds, k)
	}
	return s
}

func (s kindSet) has(k record.Kind) bool {
	for i, x := range record.Kinds {
		if x == k {
			return s&(1<<i) != 0
		}
	}
	return false
}

func (s kindSet) kinds() []record.Kind {
	var out []record.Kind
	for i, k := range record.Kinds {
		if s&(1<<i) != 0 {
			out = append(out, k)
		}
	}
	return out
}

// ptr returns the pointer of the record, followed by rest (a pointer below
// the record, "" or starting with "/").
func (e *entry) ptr(rest string) string { return "/records/" + strconv.Itoa(int(e.n)) + rest }

// finding is a diagnostic before its position is known.
type finding struct {
	ptr     string
	atKey   bool // point at the property name rather than its value
	offset  int  // byte offset when known (syntax problems), -1 otherwise
	inner   int  // byte offset inside the decoded string at ptr, -1 for the value itself
	sev     diag.Severity
	rule    string
	msg     string
	hint    string
	related []relatedFinding
	// suggestFor is, for an unknown reference, the id to look a
	// did-you-mean hint up for once the references are checked.
	suggestFor   string
	suggestKinds kindSet
}

// relatedFinding is a second place that explains a finding.
type relatedFinding struct {
	file   *file
	ptr    string
	offset int // byte offset when known, -1 otherwise
	msg    string
}

// at starts a finding at a pointer.
func at(ptr, rule, msg string) finding {
	return finding{ptr: ptr, offset: -1, inner: -1, rule: rule, msg: msg}
}

func (f *file) add(fd finding) {
	f.mu.Lock()
	f.findings = append(f.findings, fd)
	f.mu.Unlock()
}

// hasFinding reports whether the file has a finding at ptr.
func (f *file) hasFinding(ptr string) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, fd := range f.findings {
		if fd.ptr == ptr {
			return true
		}
	}
	return false
}

// amend replaces the hint of the finding at ptr with the given message,
// and reports whether there was one.
func (f *file) amend(ptr, msg, hint string) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	for i := range f.findings {
		if fd := &f.findings[i]; fd.ptr == ptr && fd.msg == msg {
			fd.hint = hint
			return true
		}
	}
	return false
}

// hashSeed seeds the hashes that tell a re-read file from the one checked.
var hashSeed = maphash.MakeSeed()

// resolve turns every finding into a diagnostic: it reads back each file
// that a finding or a related place points into, once, locates only the
// pointers needed, and converts offsets to lines and columns. A file that
// cannot be read back, or that changed since it was checked, gets
// diagnostics without a line.
func resolve(files []*file, limit int64) diag.List {
	need := map[*file][]string{}
	for _, f := range files {
		for _, fd := range f.findings {
			if fd.offset < 0 {
				need[f] = append(need[f], fd.ptr)
			}
			for _, r := range fd.related {
				if r.offset < 0 {
					need[r.file] = append(need[r.file], r.ptr)
				} else if _, ok := need[r.file]; !ok {
					need[r.file] = nil
				}
			}
		}
		if len(f.findings) > 0 {
			if _, ok := need[f]; !ok {
				need[f] = nil
			}
		}
	}
	loc := map[*file]*position.Doc{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	sem := make(chan struct{}, workers())
	for f, ptrs := range need {
		if !f.read {
			continue
		}
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			h, err := f.in.Open()
			if err != nil {
				return
			}
			data, err := safeio.Read(h, limit)
			if err != nil || maphash.Bytes(hashSeed, data) != f.sum {
				return
			}
			slices.Sort(ptrs)
			l := position.New(data, slices.Compact(ptrs))
			mu.Lock()
			loc[f] = l
			mu.Unlock()
		}()
	}
	wg.Wait()

	var out diag.List
	for _, f := range files {
		for _, fd := range f.findings {
			d := diag.Diagnostic{File: f.path, Pointer: fd.ptr, Severity: fd.sev, Rule: fd.rule, Message: fd.msg, Hint: fd.hint,
				Pos: loc[f].Of(fd.ptr, fd.atKey, fd.offset, fd.inner)}
			for _, r := range fd.related {
				p := loc[r.file].Of(r.ptr, false, r.offset, -1)
				d.Related = append(d.Related, diag.Related{File: r.file.path, Pos: diag.Position{Line: p.Line, Column: p.Column, Offset: -1}, Pointer: r.ptr, Message: r.msg})
			}
			out = append(out, d)
		}
	}
	return out
}

// limitFindings keeps at most n findings of the file (0: all), those of the
// first records first, and counts the rest, so that a file with a million
// problems costs no more to report than one with n.
func (f *file) limitFindings(n int) diag.Omitted {
	var o diag.Omitted
	if n <= 0 || len(f.findings) <= n {
		return o
	}
	slices.SortStableFunc(f.findings, func(a, b finding) int {
		return cmp.Or(cmp.Compare(a.sev, b.sev), cmp.Compare(recordIndex(a.ptr), recordIndex(b.ptr)), cmp.Compare(a.offset, b.offset),
			strings.Compare(a.ptr, b.ptr), strings.Compare(a.rule, b.rule), strings.Compare(a.msg, b.msg))
	})
	for _, fd := range f.findings[n:] {
		if fd.sev == diag.Error {
			o.Errors++
		} else {
			o.Warnings++
		}
	}
	f.findings = f.findings[:n:n]
	return o
}

// recordIndex is the index of the record a pointer is in, or -1.
func recordIndex(ptr string) int {
	rest, ok := strings.CutPrefix(ptr, "/records/")
	if !ok {
		return -1
	}
	if i := strings.IndexByte(rest, '/'); i >= 0 {
		rest = rest[:i]
	}
	n, err := strconv.Atoi(rest)
	if err != nil {
		return -1
	}
	return n
}
