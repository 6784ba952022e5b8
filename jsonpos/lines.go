package jsonpos

import (
	"sort"
	"unicode/utf8"
)

// Lines converts byte offsets in one file to 1-based lines and columns. A
// column counts Unicode characters (code points) from the start of the line,
// so text in any script before a value does not shift it; invalid UTF-8 bytes
// count one each.
type Lines struct {
	data   []byte
	starts []int // byte offset of each line's first byte
}

// NewLines indexes the line starts of data.
func NewLines(data []byte) *Lines {
	starts := []int{0}
	for i, c := range data {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return &Lines{data: data, starts: starts}
}

// Position returns the 1-based line and column of a byte offset. An offset
// past the end is reported at the end of the file.
func (l *Lines) Position(offset int) (line, col int) {
	offset = max(0, min(offset, len(l.data)))
	i := sort.Search(len(l.starts), func(i int) bool { return l.starts[i] > offset }) - 1
	return i + 1, utf8.RuneCount(l.data[l.starts[i]:offset]) + 1
}
