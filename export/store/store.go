// Package store keeps the records of a dataset being exported on disk
// rather than in memory (Store), in a compact binary form (codec.go), and
// gives them back to the export as a table.Source: each kind sorted by id
// once, then read sequentially, as many times and on as many goroutines as
// the writers need.
package store

import (
	"bufio"
	"fmt"
	"iter"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"unsafe"

	"curate/export/table"
	"curate/record"
)

// Store holds the records of a dataset being exported in temporary files
// instead of in memory, so that an export of a large dataset needs memory
// for a record at a time rather than for all of them. Validation hands it
// each record as it decodes it (validate.Options.Records is Add); the
// export then reads them back, each kind sorted by id once, as many times
// and on as many goroutines as its writers need. Each record is kept in a
// compact binary form (codec.go), about three quarters of its JSON;
// memory holds, per record, its id and where it is. The files live in a
// temporary directory until Close.
type Store struct {
	dir   string
	meta  record.Metadata
	kinds []*kindFile // in the order of record.Kinds

	once   sync.Once // sorting, before the first read
	mu     sync.Mutex
	err    error
	closed bool
}

// kindFile holds the records of one kind.
type kindFile struct {
	kind record.Kind
	mu   sync.Mutex // guards w, size and recs while records are added
	f    *os.File
	w    *bufio.Writer
	size int64
	recs []stored // once sorted: in id order, and the file in that order
}

// stored is where a record is in its kind's file.
type stored struct {
	id  string
	off int64
	n   int
}

// Store is a table.Source.
var _ table.Source = (*Store)(nil)

// New makes an empty store in a new temporary directory under dir
// ("" for the system's temporary directory).
func New(dir string) (*Store, error) {
	d, err := os.MkdirTemp(dir, "curate-records-*")
	if err != nil {
		return nil, err
	}
	s := &Store{dir: d}
	for _, k := range record.Kinds {
		f, err := os.Create(filepath.Join(d, string(k)))
		if err != nil {
			s.Close()
			return nil, err
		}
		s.kinds = append(s.kinds, &kindFile{kind: k, f: f, w: bufio.NewWriterSize(f, 1<<20)})
	}
	return s, nil
}

// encBufs are encoding buffers, one per goroutine adding at a time.
var encBufs = sync.Pool{New: func() any { return new([]byte) }}

// Add stores a record. It may be called from several goroutines at once.
// A failure to write is kept and returned by every later read, and by
// Err.
func (s *Store) Add(r record.Record) {
	kf := s.kindFile(r.RecordKind())
	if kf == nil {
		s.fail(fmt.Errorf("no record kind %q", r.RecordKind()))
		return
	}
	bp := encBufs.Get().(*[]byte)
	b := appendRecord((*bp)[:0], r)
	kf.mu.Lock()
	if _, err := kf.w.Write(b); err != nil {
		s.fail(err)
	}
	kf.recs = append(kf.recs, stored{r.RecordID(), kf.size, len(b)})
	kf.size += int64(len(b))
	kf.mu.Unlock()
	*bp = b
	encBufs.Put(bp)
}

// SetMeta sets the dataset's metadata.
func (s *Store) SetMeta(m record.Metadata) { s.meta = m }

// Len returns the number of records stored.
func (s *Store) Len() int {
	n := 0
	for _, kf := range s.kinds {
		kf.mu.Lock()
		n += len(kf.recs)
		kf.mu.Unlock()
	}
	return n
}

// Err returns the first failure to store or read a record, or nil.
func (s *Store) Err() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.err
}

func (s *Store) fail(err error) {
	s.mu.Lock()
	if s.err == nil {
		s.err = fmt.Errorf("the records' temporary store in %s: %w", s.dir, err)
	}
	s.mu.Unlock()
}

// Close removes the store's files. The store must not be used afterwards.
func (s *Store) Close() error {
	s.mu.Lock()
	closed := s.closed
	s.closed = true
	s.mu.Unlock()
	if closed {
		return nil
	}
	for _, kf := range s.kinds {
		kf.f.Close()
	}
	return os.RemoveAll(s.dir)
}

func (s *Store) kindFile(k record.Kind) *kindFile {
	for _, kf := range s.kinds {
		if kf.kind == k {
			return kf
		}
	}
	return nil
}

// sorted sorts each kind's records by id, once, before the first read:
// the index, and the file rewritten in that order, so that every read
// after is sequential. Kinds are sorted at the same time.
func (s *Store) sorted() error {
	s.once.Do(func() {
		var wg sync.WaitGroup
		for _, kf := range s.kinds {
			wg.Go(func() {
				if err := kf.sort(s.dir); err != nil {
					s.fail(err)
				}
			})
		}
		wg.Wait()
	})
	return s.Err()
}

func (kf *kindFile) sort(dir string) error {
	if err := kf.w.Flush(); err != nil {
		return err
	}
	kf.w = nil
	// Stable, so that the records of an id given twice (an invalid dataset,
	// which is never exported) keep the order they came in.
	slices.SortStableFunc(kf.recs, func(a, b stored) int { return strings.Compare(a.id, b.id) })
	inOrder := true
	for i := range kf.recs {
		if i > 0 && kf.recs[i].off < kf.recs[i-1].off {
			inOrder = false
			break
		}
	}
	if inOrder {
		return nil
	}
	f, err := os.Create(filepath.Join(dir, string(kf.kind)+".sorted"))
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	var buf []byte
	off := int64(0)
	for i := range kf.recs {
		r := &kf.recs[i]
		buf = slices.Grow(buf[:0], r.n)[:r.n]
		if _, err := kf.f.ReadAt(buf, r.off); err != nil {
			f.Close()
			return err
		}
		if _, err := w.Write(buf); err != nil {
			f.Close()
			return err
		}
		r.off = off
		off += int64(r.n)
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	old := kf.f
	kf.f = f
	old.Close()
	return os.Remove(old.Name())
}

// scanChunk is how much of a kind's file scan reads at a time.
const scanChunk = 4 << 20

// scan visits the encoded records of kind k in id order. The file is read
// in chunks of scanChunk bytes, each a new allocation never written again
// once read, and each record is a string sliced from its chunk (one larger
// than a chunk gets one of its own): no allocation or copy per record.
// A string kept after the iteration keeps its whole chunk in memory, so
// what is kept long (a name, a cached date) is cloned.
func (s *Store) scan(k record.Kind) iter.Seq[string] {
	return func(yield func(string) bool) {
		if err := s.sorted(); err != nil {
			return
		}
		kf := s.kindFile(k)
		var chunk []byte // the file from chunkOff on
		chunkOff := int64(0)
		for _, rec := range kf.recs {
			if rec.n == 0 {
				s.fail(errCorrupt)
				return
			}
			if rec.off < chunkOff || rec.off+int64(rec.n) > chunkOff+int64(len(chunk)) {
				chunk = make([]byte, min(max(scanChunk, int64(rec.n)), kf.size-rec.off))
				chunkOff = rec.off
				if _, err := kf.f.ReadAt(chunk, chunkOff); err != nil {
					s.fail(err)
					return
				}
			}
			i := rec.off - chunkOff
			if !yield(unsafe.String(&chunk[i], rec.n)) {
				return
			}
		}
	}
}

// records visits the records of kind k in id order.
func storeRecords[P record.Record](s *Store, k record.Kind) iter.Seq[P] {
	return func(yield func(P) bool) {
		for b := range s.scan(k) {
			r, err := decodeRecord(k, b)
			if err != nil {
				s.fail(err)
				return
			}
			if !yield(r.(P)) {
				return
			}
		}
	}
}

// Metadata returns the dataset's metadata (SetMeta).
func (s *Store) Metadata() record.Metadata { return s.meta }

// Count returns the number of records of kind k.
func (s *Store) Count(k record.Kind) int {
	if kf := s.kindFile(k); kf != nil {
		return len(kf.recs)
	}
	return 0
}

// Actors visits the actors, in id order. The records of each kind are
// sorted once, before the first read; a failure to read ends an iteration
// early, and Err returns it.
func (s *Store) Actors() iter.Seq[*record.Actor] {
	return storeRecords[*record.Actor](s, record.KindActor)
}

// Sources visits the sources, in id order (as Actors).
func (s *Store) Sources() iter.Seq[*record.Source] {
	return storeRecords[*record.Source](s, record.KindSource)
}

// Events visits the events, in id order (as Actors).
func (s *Store) Events() iter.Seq[*record.Event] {
	return storeRecords[*record.Event](s, record.KindEvent)
}

// Measures visits the measures, in id order (as Actors).
func (s *Store) Measures() iter.Seq[*record.Measure] {
	return storeRecords[*record.Measure](s, record.KindMeasure)
}

// Statements visits the statements, in id order (as Actors).
func (s *Store) Statements() iter.Seq[*record.Statement] {
	return storeRecords[*record.Statement](s, record.KindStatement)
}

// At returns the record of kind k at position i in id order.
func (s *Store) At(k record.Kind, i int) (record.Record, error) {
	if err := s.sorted(); err != nil {
		return nil, err
	}
	kf := s.kindFile(k)
	if kf == nil || i < 0 || i >= len(kf.recs) {
		return nil, fmt.Errorf("no record %d of kind %q", i, k)
	}
	rec := kf.recs[i]
	buf := make([]byte, rec.n)
	if _, err := kf.f.ReadAt(buf, rec.off); err != nil {
		s.fail(err)
		return nil, s.Err()
	}
	r, err := decodeRecord(k, string(buf))
	if err != nil {
		s.fail(err)
		return nil, s.Err()
	}
	return r, nil
}

// Dataset reads every record into memory, for what needs them all at once
// (the browsable page of a small dataset, the changes since a previous
// release).
func (s *Store) Dataset() (*record.Dataset, error) {
	ds := &record.Dataset{Meta: s.meta}
	ds.Actors = gather(s.Actors(), s.Count(record.KindActor))
	ds.Sources = gather(s.Sources(), s.Count(record.KindSource))
	ds.Events = gather(s.Events(), s.Count(record.KindEvent))
	ds.Measures = gather(s.Measures(), s.Count(record.KindMeasure))
	ds.Statements = gather(s.Statements(), s.Count(record.KindStatement))
	if err := s.Err(); err != nil {
		return nil, err
	}
	return ds, nil
}

func gather[T any](seq iter.Seq[*T], n int) []T {
	out := make([]T, 0, n)
	for r := range seq {
		out = append(out, *r)
	}
	return out
}
