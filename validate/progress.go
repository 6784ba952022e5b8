package validate

import "sync/atomic"

// Progress counts a run's work as it goes, for a caller that shows
// progress on a terminal: the caller passes one in Options and reads it
// from another goroutine while Run works.
type Progress struct {
	Files      atomic.Int64 // files checked
	TotalFiles atomic.Int64 // files to check, known once they are listed
	Bytes      atomic.Int64 // bytes of the files checked
	TotalBytes atomic.Int64 // bytes of the files to check
	Records    atomic.Int64 // records read
}

// fileDone counts a checked file.
func (p *Progress) fileDone(f *file, size int) {
	if p == nil {
		return
	}
	p.Files.Add(1)
	p.Bytes.Add(int64(size))
	p.Records.Add(int64(len(f.records)))
}
