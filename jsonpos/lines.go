package jsonpos

import (
	"bytes"
	"cmp"
	"slices"
	"unicode/utf8"
)

// Lines converts byte offsets in one file to 1-based lines and columns, as
// editors count them.
//
// A line ends at "\n", at "\r\n" and at a lone "\r" (so a file saved with
// old Mac line endings has as many lines as an editor shows). The line break
// belongs to the line it ends.
//
// A column is 1 plus the number of Unicode characters (code points) between
// the start of the line and the offset, so text in any script before a value
// does not shift it: in "Лавров": x, the x is in column 11, not 17. An
// invalid UTF-8 byte counts as one character, and a tab as one.
//
// An offset inside a multi-byte character has that character's column.
//
// Each conversion costs at most a few kilobytes of counting, however long
// the line, and allocates nothing (but, once, a checkpoint every 4 kB for
// a long line): a minified file on one line with thousands of problems
// must not make reporting quadratic.
type Lines struct {
	data   []byte
	starts []int        // byte offset of each line's first byte
	marks  []checkpoint // every checkpointStep bytes, built on first use
}

// checkpoint is the number of characters in data[:off], off being the start
// of a character.
type checkpoint struct{ off, runes int }

const checkpointStep = 4096

// NewLines indexes the line starts of data. It allocates one int per line,
// counted first, and nothing else until Position is called.
func NewLines(data []byte) *Lines {
	n := 1 + bytes.Count(data, []byte("\n")) + bytes.Count(data, []byte("\r")) - bytes.Count(data, []byte("\r\n"))
	starts := make([]int, 1, n)
	for i := 0; i < len(data); i++ {
		switch data[i] {
		case '\r':
			if i+1 < len(data) && data[i+1] == '\n' {
				i++
			}
			starts = append(starts, i+1)
		case '\n':
			starts = append(starts, i+1)
		}
	}
	return &Lines{data: data, starts: starts}
}

// Position returns the 1-based line and column of a byte offset. An offset
// past the end is reported at the end of the file, one before the start at
// the start.
func (l *Lines) Position(offset int) (line, col int) {
	offset = max(0, min(offset, len(l.data)))
	i := lastAtOrBefore(l.starts, offset)
	start := l.starts[i]
	offset = charStart(l.data, start, offset)
	if offset-start <= checkpointStep {
		return i + 1, runeCount(l.data[start:offset]) + 1
	}
	// A line start follows "\n" or "\r", so it starts a character: the
	// count from the start of the file splits there.
	return i + 1, l.runes(offset) - l.runes(start) + 1
}

// runes counts the characters in data[:off].
func (l *Lines) runes(off int) int {
	if l.marks == nil {
		l.marks = []checkpoint{{0, 0}}
		prev, n := 0, 0
		for next := checkpointStep; next < len(l.data); next += checkpointStep {
			for next < len(l.data) && !utf8.RuneStart(l.data[next]) {
				next++
			}
			n += runeCount(l.data[prev:next])
			l.marks = append(l.marks, checkpoint{next, n})
			prev = next
		}
	}
	k, found := slices.BinarySearchFunc(l.marks, off, func(m checkpoint, off int) int { return cmp.Compare(m.off, off) })
	if !found {
		k--
	}
	return l.marks[k].runes + runeCount(l.data[l.marks[k].off:off])
}

// position is Lines.Position for one offset, without building an index: it
// counts from the start of data and allocates nothing.
func position(data []byte, off int) (line, col int) {
	off = max(0, min(off, len(data)))
	line, start := 1, 0
	for i := 0; i < off; i++ {
		c := data[i]
		if c != '\n' && c != '\r' {
			continue
		}
		if c == '\r' && i+1 < len(data) && data[i+1] == '\n' {
			if i+1 == off {
				break // between the "\r" and the "\n" of one line break
			}
			i++
		}
		line++
		start = i + 1
	}
	return line, runeCount(data[start:charStart(data, start, off)]) + 1
}

// charStart returns the start of the character that holds the byte at off,
// not before from (a line start): off itself, unless off is inside a
// multi-byte character, whose column it then has.
func charStart(data []byte, from, off int) int {
	if off >= len(data) || utf8.RuneStart(data[off]) {
		return off
	}
	// A byte that starts a character is always where one starts, whatever
	// precedes it: go back to the nearest, at most 3 bytes.
	b := off - 1
	for b > from && off-b < utf8.UTFMax-1 && !utf8.RuneStart(data[b]) {
		b--
	}
	if b < from || !utf8.RuneStart(data[b]) {
		return off
	}
	if _, size := utf8.DecodeRune(data[b:]); b+size > off {
		return b
	}
	return off
}

// lastAtOrBefore returns the index of the last of the sorted offsets that
// is at most off; offsets[0] is 0 and off >= 0.
func lastAtOrBefore(offsets []int, off int) int {
	i, found := slices.BinarySearch(offsets, off)
	if !found {
		i--
	}
	return i
}

// runeCount counts the characters in p as utf8.RuneCount does (an invalid
// byte is one), without its copy: utf8.RuneCount converts non-ASCII text
// to a string, allocating as much again.
func runeCount(p []byte) int {
	n := 0
	for i := 0; i < len(p); n++ {
		if p[i] < utf8.RuneSelf {
			i++
			continue
		}
		_, size := utf8.DecodeRune(p[i:])
		i += size
	}
	return n
}
