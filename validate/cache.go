package validate

import (
	"fmt"
	"io"
	"slices"
	"unique"

	"curate/diag"
	"curate/internal/cache"
	"curate/record"
	"curate/schema"
)

// The cache makes validating a pull request that changed a few files of a
// large dataset cheap: what a file's own checks found (its diagnostics, and
// what the checks across records need: ids, references, the sources it
// cites) is kept under a key made of the file's content hash, the schema's
// bytes, the texts of the sources its excerpts were checked against, and
// curate's own executable, so that any change to any of these misses. The
// checks across records (unique ids, references, placement, sources) run
// every time over what the files and the cache give. An entry that does not
// decode, is truncated, or carries another key is ignored and rebuilt,
// never trusted. A file whose excerpts waited for a source outside a
// sources/ folder is not cached.

// cacheFormat names the entry format; a change to it (or to what the
// checks find) changes every key.
const cacheFormat = "curate-validate-cache-1"

// openCache prepares the cache in dir for a run with the schema set: every
// key depends on the schema's files.
func openCache(dir string, set *schema.Set) (*cache.Dir, error) {
	return cache.Open(dir, cacheFormat, func(h io.Writer) {
		names, files := set.Files()
		for _, n := range names {
			fmt.Fprintf(h, "%s %d\n", n, len(files[n]))
			h.Write(files[n])
		}
	})
}

// cacheKey is the key of a file's entry: the sources' key, the size limit
// and the file's bytes.
func cacheKey(c *cache.Dir, sources string, limit int64, data []byte) string {
	return c.Key(fmt.Sprintf("%s %d\n", sources, limit), data)
}

// loadCached reads the cached result of a file into f, or returns false.
func loadCached(c *cache.Dir, key string, f *file) bool {
	b, ok := c.Load(key)
	if !ok {
		return false
	}
	d := cache.NewDecoder(b)
	if !decodeFile(d, f) || d.Err() != nil || !d.Done() {
		f.findings, f.records, f.declared, f.meta, f.read = nil, nil, nil, nil, true
		return false
	}
	return true
}

// storeCached writes a file's result.
func storeCached(c *cache.Dir, key string, f *file) {
	var e cache.Encoder
	encodeFile(&e, f)
	c.Store(key, e.Bytes())
}

// cacheable reports whether a file's result depends on nothing but the
// key: every excerpt was checked (or there was no sources directory).
func cacheable(f *file) bool {
	for _, e := range f.records {
		if e.more != nil && (len(e.pending) > 0 || e.quote != nil || e.rec != nil) {
			return false
		}
	}
	return true
}

// encodeFile writes what a file's own checks found.
func encodeFile(e *cache.Encoder, f *file) {
	e.Bool(f.read)
	e.Int(len(f.findings))
	for _, fd := range f.findings {
		e.Str(fd.ptr)
		e.Bool(fd.atKey)
		e.Int(fd.offset)
		e.Int(fd.inner)
		e.Int(int(fd.sev))
		e.Str(fd.rule)
		e.Str(fd.msg)
		e.Str(fd.hint)
		e.Int(len(fd.related))
		for _, r := range fd.related {
			e.Str(r.ptr)
			e.Int(r.offset)
			e.Str(r.msg)
		}
	}
	e.Int(len(f.records))
	for _, r := range f.records {
		e.Int(int(r.n))
		e.Str(string(r.kind))
		e.Str(r.id)
		e.Str(r.cited)
		e.Int(len(r.refs))
		for _, x := range r.refs {
			e.Str(x.ptr.Value())
			e.Str(x.id)
			e.Int(int(x.kinds))
		}
		if r.more != nil && r.source != nil {
			e.Bool(true)
			e.JSON(r.source)
		} else {
			e.Bool(false)
		}
	}
	ids := make([]string, 0, len(f.declared))
	for id := range f.declared {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	e.Int(len(ids))
	for _, id := range ids {
		e.Str(id)
	}
	if f.meta != nil {
		e.Bool(true)
		e.JSON(f.meta)
	} else {
		e.Bool(false)
	}
}

// decodeFile reads what encodeFile wrote; the first problem stops it.
func decodeFile(d *cache.Decoder, f *file) bool {
	f.read = d.Bool()
	for range d.Count() {
		fd := finding{ptr: d.Str(), atKey: d.Bool(), offset: d.Int(), inner: d.Int(), sev: diag.Severity(d.Int()),
			rule: d.Str(), msg: d.Str(), hint: d.Str()}
		for range d.Count() {
			fd.related = append(fd.related, relatedFinding{file: f, ptr: d.Str(), offset: d.Int(), msg: d.Str()})
		}
		f.findings = append(f.findings, fd)
	}
	for range d.Count() {
		e := &entry{file: f, n: int32(d.Int()), kind: record.Kind(d.Str()), id: d.Str(), cited: d.Str()}
		for range d.Count() {
			e.refs = append(e.refs, ref{ptr: unique.Make(d.Str()), id: d.Str(), kinds: kindSet(d.Int())})
		}
		if d.Bool() {
			var src record.Source
			d.JSON(&src)
			e.extra().source = &src
		}
		f.records = append(f.records, e)
	}
	if n := d.Count(); n > 0 {
		f.declared = map[string]bool{}
		for range n {
			f.declared[d.Str()] = true
		}
	}
	if d.Bool() {
		var m record.Metadata
		d.JSON(&m)
		f.meta = &m
	}
	return d.Err() == nil
}
