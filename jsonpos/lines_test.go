package jsonpos

import (
	"strings"
	"testing"
)

// TestLinesLineEndings: "\n", "\r\n" and a lone "\r" each end a line, as in
// an editor, and columns count characters from the start of the line.
func TestLinesLineEndings(t *testing.T) {
	type pos struct{ off, line, col int }
	tests := []struct {
		name  string
		data  string
		lines int // how many lines an editor shows
		want  []pos
	}{
		{"LF", "a\nbc\nd", 3, []pos{{0, 1, 1}, {1, 1, 2}, {2, 2, 1}, {3, 2, 2}, {4, 2, 3}, {5, 3, 1}, {6, 3, 2}}},
		{"CRLF", "a\r\nbc\r\nd", 3, []pos{{0, 1, 1}, {1, 1, 2}, {2, 1, 3}, {3, 2, 1}, {4, 2, 2}, {5, 2, 3}, {7, 3, 1}, {8, 3, 2}}},
		{"CR only", "a\rb\rc\rd\re", 5, []pos{{0, 1, 1}, {1, 1, 2}, {2, 2, 1}, {4, 3, 1}, {6, 4, 1}, {7, 4, 2}, {8, 5, 1}}},
		{"CR only, a column after non-ASCII characters", "{\r  \"Лé\": z\r}", 3, []pos{{2, 2, 1}, {4, 2, 3}, {5, 2, 4}, {7, 2, 5}, {9, 2, 6}, {12, 2, 9}, {13, 2, 10}, {14, 3, 1}}},
		{"CRLF, a column after non-ASCII characters", "{\r\n\"Лавров\": x\r\n}", 3, []pos{{3, 2, 1}, {4, 2, 2}, {16, 2, 8}, {19, 2, 11}, {20, 2, 12}, {21, 2, 13}, {22, 3, 1}}},
		// "\n\r" is two line breaks: an LF, then a lone CR.
		{"mixed", "a\nb\r\nc\rd\n\re", 6, []pos{{0, 1, 1}, {2, 2, 1}, {3, 2, 2}, {5, 3, 1}, {7, 4, 1}, {8, 4, 2}, {9, 5, 1}, {10, 6, 1}, {11, 6, 2}}},
		{"CR at the end", "a\r", 2, []pos{{1, 1, 2}, {2, 2, 1}}},
		{"CRLF at the end", "a\r\n", 2, []pos{{1, 1, 2}, {2, 1, 3}, {3, 2, 1}}},
		{"only line breaks", "\r\r\n\n\r", 5, []pos{{0, 1, 1}, {1, 2, 1}, {2, 2, 2}, {3, 3, 1}, {4, 4, 1}, {5, 5, 1}}},
		{"empty", "", 1, []pos{{0, 1, 1}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := NewLines([]byte(tt.data))
			if len(l.starts) != tt.lines {
				t.Errorf("%q has %d lines, want %d", tt.data, len(l.starts), tt.lines)
			}
			for _, w := range tt.want {
				if line, col := l.Position(w.off); line != w.line || col != w.col {
					t.Errorf("Position(%q, %d) = %d:%d, want %d:%d", tt.data, w.off, line, col, w.line, w.col)
				}
			}
		})
	}
}

// NewLines allocates one int per line, and Position nothing more than its
// checkpoints, whatever the line breaks.
func TestLinesMemory(t *testing.T) {
	for _, data := range [][]byte{
		[]byte(strings.Repeat("\r\n", 1<<20)),
		[]byte(strings.Repeat("\n\r", 1<<20)),
		[]byte(strings.Repeat("Л", 1<<20)),
	} {
		var l *Lines
		n := allocated(func() { l = NewLines(data) })
		if limit := uint64(8*len(l.starts) + 64<<10); n > limit {
			t.Errorf("NewLines of %.10q... (%d lines) allocated %d bytes, want at most %d", data, len(l.starts), n, limit)
		}
		n = allocated(func() {
			for off := 0; off < len(data); off += 4099 {
				l.Position(off)
			}
		})
		if limit := uint64(len(data)/checkpointStep*16*2 + 1024); n > limit {
			t.Errorf("Position in %.10q... allocated %d bytes, want at most %d", data, n, limit)
		}
	}
}
