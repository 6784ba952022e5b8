// Package cache keeps results computed from a file's content on disk, so
// that a later run over the same content reads them instead of computing
// them again. An entry is stored under a key made of a base (a format name,
// curate's own executable and whatever else the caller says every result
// depends on, such as the schema), a context string and the file's bytes,
// so that any change to any of these misses. Each entry carries its key and
// a SHA-256 of its contents: one that is corrupt, truncated or another
// key's is ignored, never trusted. Entries are written atomically.
//
// Encoder and Decoder give the entry format's building blocks: varints,
// length-prefixed strings and JSON values.
package cache

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"sync"
)

// Dir is a cache directory, as one run uses it; its methods may be called
// from several goroutines at once.
type Dir struct {
	dir  string
	base [32]byte // hash of the format, curate's executable and the identity
	mu   sync.Mutex
	err  error // the first write error
}

// Open prepares the cache in dir, creating it if need be. Every key
// depends on format (a change to the entry format, or to what is cached,
// changes its name), on the bytes of the running executable, and on what
// identity writes.
func Open(dir, format string, identity func(io.Writer)) (*Dir, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	h := sha256.New()
	io.WriteString(h, format)
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
	identity(h)
	c := &Dir{dir: dir}
	h.Sum(c.base[:0])
	return c, nil
}

// Key is the key of a file's entry: the base, context (what else this
// file's result depends on) and the file's bytes.
func (c *Dir) Key(context string, data []byte) string {
	h := sha256.New()
	h.Write(c.base[:])
	io.WriteString(h, context)
	h.Write(data)
	return hex.EncodeToString(h.Sum(nil))
}

func (c *Dir) path(key string) string { return filepath.Join(c.dir, key[:2], key[2:]) }

// Load returns what was stored under key, and false when there is no
// entry, or it is corrupt, truncated or another key's.
func (c *Dir) Load(key string) ([]byte, bool) {
	b, err := os.ReadFile(c.path(key))
	if err != nil || len(b) < 64 {
		return nil, false
	}
	sum := sha256.Sum256(b[64:])
	if hex.EncodeToString(sum[:]) != string(b[:64]) {
		return nil, false // corrupt: rebuilt
	}
	d := NewDecoder(b[64:])
	if d.Str() != key {
		return nil, false // another key's entry
	}
	return d.b, true
}

// Store writes payload under key, atomically, and remembers the first
// error (Err): a cache that cannot be written costs time, not results.
func (c *Dir) Store(key string, payload []byte) {
	var e Encoder
	e.Str(key)
	e.b = append(e.b, payload...)
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

// Err returns the first error writing an entry, nil when there was none.
func (c *Dir) Err() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.err
}

// Encoder writes the entry format: varints and length-prefixed strings.
// The zero Encoder is ready to use.
type Encoder struct{ b []byte }

// Bytes returns what was written.
func (e *Encoder) Bytes() []byte { return e.b }

// Int writes n as a varint.
func (e *Encoder) Int(n int) { e.b = binary.AppendVarint(e.b, int64(n)) }

// Bool writes v as 1 or 0.
func (e *Encoder) Bool(v bool) { e.Int(map[bool]int{false: 0, true: 1}[v]) }

// Str writes s's length, then s.
func (e *Encoder) Str(s string) { e.Int(len(s)); e.b = append(e.b, s...) }

// JSON writes v in JSON as a string; it reports whether v could be
// marshalled.
func (e *Encoder) JSON(v any) bool { b, err := json.Marshal(v); e.Str(string(b)); return err == nil }

// Decoder reads the entry format; the first problem stops it (Err), and
// every read after it returns the zero value.
type Decoder struct {
	b   []byte
	err error
}

// NewDecoder returns a decoder reading b.
func NewDecoder(b []byte) *Decoder { return &Decoder{b: b} }

var errCorrupt = errors.New("corrupt cache entry")

// Err returns the first problem met, nil when there was none.
func (d *Decoder) Err() error { return d.err }

// Done reports whether every byte was read.
func (d *Decoder) Done() bool { return len(d.b) == 0 }

// Int reads a varint.
func (d *Decoder) Int() int {
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

// Count reads a varint that counts what follows, each at least a byte:
// one that is negative or larger than what is left is a problem.
func (d *Decoder) Count() int {
	n := d.Int()
	if n < 0 || n > len(d.b) {
		d.err = errCorrupt
		return 0
	}
	return n
}

// Bool reads what Encoder.Bool wrote.
func (d *Decoder) Bool() bool { return d.Int() == 1 }

// Str reads what Encoder.Str wrote.
func (d *Decoder) Str() string {
	n := d.Count()
	if d.err != nil {
		return ""
	}
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}

// JSON reads what Encoder.JSON wrote into v.
func (d *Decoder) JSON(v any) {
	s := d.Str()
	if d.err == nil && json.Unmarshal([]byte(s), v) != nil {
		d.err = errCorrupt
	}
}
