package releasezip

import (
	"archive/zip"
	"bufio"
	"compress/flate"
	"hash/crc32"
	"io"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sync"
	"time"
)

// stored are the extensions of files that are compressed already (a
// workbook is a zip, Parquet pages are Snappy-compressed): Write stores
// them as they are rather than spending time deflating them again.
var stored = map[string]bool{".xlsx": true, ".parquet": true, ".zip": true, ".gz": true, ".png": true}

// deflateLevel is the level archive/zip itself deflates with.
const deflateLevel = 5

// Write writes a zip of the files entries (slash-separated paths below
// root) to w, each named top/ENTRY, in the order given, with mode 0644 and
// the modification time modified: the same files give the same bytes.
// Files already compressed (.xlsx, .parquet, ...) are stored; the others
// are deflated, several at a time (one per CPU) into temporary files in
// root, each then copied into the zip as it stands and removed.
func Write(w io.Writer, root, top string, entries []string, modified time.Time) error {
	type result struct {
		h    zip.FileHeader
		tmp  string // the compressed bytes; "" when stored
		err  error
		done chan struct{}
	}
	results := make([]*result, len(entries))
	for i := range results {
		results[i] = &result{done: make(chan struct{})}
	}
	// Workers take the entries in order; the writer below copies each as
	// soon as it is ready, so at most a few compressed files wait on disk.
	next := make(chan int)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for range max(1, runtime.GOMAXPROCS(0)) {
		wg.Go(func() {
			for i := range next {
				r := results[i]
				r.h, r.tmp, r.err = compress(root, entries[i])
				close(r.done)
			}
		})
	}
	go func() {
		defer close(next)
		for i := range entries {
			select {
			case next <- i:
			case <-stop:
				return
			}
		}
	}()
	cleanup := func() {
		close(stop)
		wg.Wait()
		for _, r := range results {
			select {
			case <-r.done:
				if r.tmp != "" {
					os.Remove(r.tmp)
				}
			default:
			}
		}
	}
	zw := zip.NewWriter(w)
	for i, e := range entries {
		r := results[i]
		<-r.done
		if r.err != nil {
			cleanup()
			return r.err
		}
		if err := copyEntry(zw, r.h, r.tmp, root, e, top, modified); err != nil {
			cleanup()
			return err
		}
		if r.tmp != "" {
			os.Remove(r.tmp)
			r.tmp = ""
		}
	}
	cleanup()
	return zw.Close()
}

// compress reads the file e below root and returns the header of its
// entry (method, CRC-32, sizes) and, when it is to be deflated, the name of
// a temporary file holding its compressed bytes.
func compress(root, e string) (zip.FileHeader, string, error) {
	h := zip.FileHeader{Method: zip.Deflate}
	if stored[path.Ext(e)] {
		h.Method = zip.Store
	}
	f, err := os.Open(filepath.Join(root, filepath.FromSlash(e)))
	if err != nil {
		return h, "", err
	}
	defer f.Close()
	sum := crc32.NewIEEE()
	if h.Method == zip.Store {
		n, err := io.Copy(sum, bufio.NewReaderSize(f, 1<<20))
		h.CRC32, h.UncompressedSize64, h.CompressedSize64 = sum.Sum32(), uint64(n), uint64(n)
		return h, "", err
	}
	tmp, err := os.CreateTemp(root, ".zip-entry-*")
	if err != nil {
		return h, "", err
	}
	bw := bufio.NewWriterSize(tmp, 1<<20)
	fw, err := flate.NewWriter(bw, deflateLevel)
	if err == nil {
		var n int64
		n, err = io.Copy(io.MultiWriter(fw, sum), f)
		h.CRC32, h.UncompressedSize64 = sum.Sum32(), uint64(n)
		if err == nil {
			err = fw.Close()
		}
		if err == nil {
			err = bw.Flush()
		}
	}
	if err == nil {
		var st os.FileInfo
		if st, err = tmp.Stat(); err == nil {
			h.CompressedSize64 = uint64(st.Size())
		}
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp.Name())
		return h, "", err
	}
	return h, tmp.Name(), nil
}

// copyEntry writes one entry: the deflated bytes in tmp, or the file
// itself when it is stored.
func copyEntry(zw *zip.Writer, h zip.FileHeader, tmp, root, e, top string, modified time.Time) error {
	h.Name = top + "/" + e
	// CreateRaw writes the header's fields as they are: the MS-DOS time
	// and the UTF-8 flag are set here as CreateHeader would set them.
	h.Modified = modified
	h.ModifiedDate = uint16((modified.Year()-1980)<<9 | int(modified.Month())<<5 | modified.Day())
	h.ModifiedTime = uint16(modified.Hour()<<11 | modified.Minute()<<5 | modified.Second()>>1)
	if !isASCII(h.Name) {
		h.Flags |= 0x800
	}
	h.SetMode(0o644)
	fw, err := zw.CreateRaw(&h)
	if err != nil {
		return err
	}
	src := tmp
	if src == "" {
		src = filepath.Join(root, filepath.FromSlash(e))
	}
	f, err := os.Open(src)
	if err != nil {
		return err
	}
	defer f.Close()
	n, err := io.Copy(fw, f)
	if err == nil && uint64(n) != h.CompressedSize64 {
		err = io.ErrUnexpectedEOF // the file changed while the zip was written
	}
	return err
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
