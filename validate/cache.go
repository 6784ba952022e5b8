package validate

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"unique"

	"curate/diag"
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

// cache is the cache directory of one run.
type cache struct {
	dir  string
	base [32]byte // hash of the format, curate's executable and the schema
	mu   sync.Mutex
	err  error // the first write error, reported as a note
}

// openCache prepares the cache in dir for a run with the schema set.
func openCache(dir string, set *schema.Set) (*cache, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	h := sha256.New()
	io.WriteString(h, cacheFormat)
	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	f, err := os.Open(exe)
	if err != nil {
		return nil, err
	}
	_, err = io.Copy(h, f)
	f.Close()
	if err != nil {
		return nil, err
	}
	names, files := set.Files()
	for _, n := range names {
		fmt.Fprintf(h, "%s %d\n", n, len(files[n]))
		h.Write(files[n])
	}
	c := &cache{dir: dir}
	h.Sum(c.base[:0])
	return c, nil
}

// key is the key of a file's entry: the base, the sources' key, the size
// limit and the file's bytes.
func (c *cache) key(sources string, limit int64, data []byte) string {
	h := sha256.New()
	h.Write(c.base[:])
	fmt.Fprintf(h, "%s %d\n", sources, limit)
	h.Write(data)
	return hex.EncodeToString(h.Sum(nil))
}

func (c *cache) path(key string) string { return filepath.Join(c.dir, key[:2], key[2:]) }

// load returns the cached result of a file, or false.
func (c *cache) load(key string, f *file) bool {
	b, err := os.ReadFile(c.path(key))
	if err != nil || len(b) < 64 {
		return false
	}
	sum := sha256.Sum256(b[64:])
	if hex.EncodeToString(sum[:]) != string(b[:64]) {
		return false // corrupt: rebuilt
	}
	d := &decoder{b: b[64:]}
	if d.str() != key {
		return false // another key's entry
	}
	if !d.decodeFile(f) || d.err != nil || len(d.b) != 0 {
		f.findings, f.records, f.declared, f.meta, f.read = nil, nil, nil, nil, true
		return false
	}
	return true
}

// store writes a file's result, atomically, and remembers the first error.
func (c *cache) store(key string, f *file) {
	var e encoder
	e.str(key)
	e.encodeFile(f)
	sum := sha256.Sum256(e.b)
	out := append([]byte(hex.EncodeToString(sum[:])), e.b...)
	p := c.path(key)
	err := os.MkdirAll(filepath.Dir(p), 0o755)
	if err == nil {
		var tmp *os.File
		if tmp, err = os.CreateTemp(filepath.Dir(p), ".curate-tmp-*"); err == nil {
			_, err = tmp.Write(out)
			if cerr := tmp.Close(); err == nil {
				err = cerr
			}
			if err == nil {
				err = os.Rename(tmp.Name(), p)
			}
			if err != nil {
				os.Remove(tmp.Name())
			}
		}
	}
	if err != nil {
		c.mu.Lock()
		if c.err == nil {
			c.err = err
		}
		c.mu.Unlock()
	}
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

// sourcesKey names the loaded source texts: what inline evidence checks
// were made against.
func (ts *sourceTexts) key() string {
	if ts == nil {
		return "no sources"
	}
	ids := make([]string, 0, len(ts.texts))
	for id := range ts.texts {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	h := sha256.New()
	for _, id := range ids {
		st := ts.texts[id]
		fmt.Fprintf(h, "%s\x00%s\x00%v\x00", id, st.path, st.ok)
		if st.text != nil {
			st.text.WriteKey(h)
		}
		io.WriteString(h, "\x00")
	}
	return hex.EncodeToString(h.Sum(nil))
}

// encoder writes the entry format: varints and length-prefixed strings.
type encoder struct{ b []byte }

func (e *encoder) int(n int)       { e.b = binary.AppendVarint(e.b, int64(n)) }
func (e *encoder) bool(v bool)     { e.int(map[bool]int{false: 0, true: 1}[v]) }
func (e *encoder) str(s string)    { e.int(len(s)); e.b = append(e.b, s...) }
func (e *encoder) json(v any) bool { b, err := json.Marshal(v); e.str(string(b)); return err == nil }

func (e *encoder) encodeFile(f *file) {
	e.bool(f.read)
	e.int(len(f.findings))
	for _, fd := range f.findings {
		e.str(fd.ptr)
		e.bool(fd.atKey)
		e.int(fd.offset)
		e.int(fd.inner)
		e.int(int(fd.sev))
		e.str(fd.rule)
		e.str(fd.msg)
		e.str(fd.hint)
		e.int(len(fd.related))
		for _, r := range fd.related {
			e.str(r.ptr)
			e.int(r.offset)
			e.str(r.msg)
		}
	}
	e.int(len(f.records))
	for _, r := range f.records {
		e.int(int(r.n))
		e.str(string(r.kind))
		e.str(r.id)
		e.str(r.cited)
		e.int(len(r.refs))
		for _, x := range r.refs {
			e.str(x.ptr.Value())
			e.str(x.id)
			e.int(int(x.kinds))
		}
		if r.more != nil && r.source != nil {
			e.bool(true)
			e.json(r.source)
		} else {
			e.bool(false)
		}
	}
	ids := make([]string, 0, len(f.declared))
	for id := range f.declared {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	e.int(len(ids))
	for _, id := range ids {
		e.str(id)
	}
	if f.meta != nil {
		e.bool(true)
		e.json(f.meta)
	} else {
		e.bool(false)
	}
}

// decoder reads the entry format; the first problem stops it.
type decoder struct {
	b   []byte
	err error
}

var errCorrupt = errors.New("corrupt cache entry")

func (d *decoder) int() int {
	if d.err != nil {
		return 0
	}
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.err = errCorrupt
		return 0
	}
	d.b = d.b[n:]
	return int(v)
}

func (d *decoder) count() int {
	n := d.int()
	if n < 0 || n > len(d.b) {
		d.err = errCorrupt
		return 0
	}
	return n
}

func (d *decoder) bool() bool { return d.int() == 1 }

func (d *decoder) str() string {
	n := d.count()
	if d.err != nil {
		return ""
	}
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}

func (d *decoder) json(v any) {
	s := d.str()
	if d.err == nil && json.Unmarshal([]byte(s), v) != nil {
		d.err = errCorrupt
	}
}

func (d *decoder) decodeFile(f *file) bool {
	f.read = d.bool()
	for range d.count() {
		fd := finding{ptr: d.str(), atKey: d.bool(), offset: d.int(), inner: d.int(), sev: diag.Severity(d.int()),
			rule: d.str(), msg: d.str(), hint: d.str()}
		for range d.count() {
			fd.related = append(fd.related, relatedFinding{file: f, ptr: d.str(), offset: d.int(), msg: d.str()})
		}
		f.findings = append(f.findings, fd)
	}
	for range d.count() {
		e := &entry{file: f, n: int32(d.int()), kind: record.Kind(d.str()), id: d.str(), cited: d.str()}
		for range d.count() {
			e.refs = append(e.refs, ref{ptr: unique.Make(d.str()), id: d.str(), kinds: kindSet(d.int())})
		}
		if d.bool() {
			var src record.Source
			d.json(&src)
			e.extra().source = &src
		}
		f.records = append(f.records, e)
	}
	if n := d.count(); n > 0 {
		f.declared = map[string]bool{}
		for range n {
			f.declared[d.str()] = true
		}
	}
	if d.bool() {
		var m record.Metadata
		d.json(&m)
		f.meta = &m
	}
	return d.err == nil
}
