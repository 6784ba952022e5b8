package tabular

import (
	"bytes"
	"encoding/csv"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestCSVWriterIsEncodingCSV holds the CSV writer to encoding/csv's Writer
// with UseCRLF, byte for byte, on awkward fields and random ones.
func TestCSVWriterIsEncodingCSV(t *testing.T) {
	fields := []string{"", " ", "a", " a", "a ", "\ta", "\u00a0a", "\u0085a", "\u2028a", "\u3000", "\\.", "\\.x", "x\\.",
		"a,b", `a"b`, `"`, `""`, "a\nb", "a\rb", "a\r\nb", "\r", "\n", "é", "\xff", "\xffa,", "=1+1", "a\"\r\n,\"b"}
	alphabet := []string{"a", " ", ",", "\"", "\r", "\n", "\t", "é", "\u00a0", "\\", ".", "\xff", "\u2003"}
	rnd := rand.New(rand.NewPCG(3, 4))
	for range 2000 {
		var b strings.Builder
		for range rnd.IntN(8) {
			b.WriteString(alphabet[rnd.IntN(len(alphabet))])
		}
		fields = append(fields, b.String())
	}
	var want bytes.Buffer
	ew := csv.NewWriter(&want)
	ew.UseCRLF = true
	var got bytes.Buffer
	cw := csvWriter{w: &got}
	for i := 0; i < len(fields); i += 3 {
		row := fields[i:min(i+3, len(fields))]
		if err := ew.Write(row); err != nil {
			t.Fatal(err)
		}
		for j, f := range row {
			cw.field(j, f)
		}
		if err := cw.endRow(); err != nil {
			t.Fatal(err)
		}
	}
	ew.Flush()
	if err := cw.flush(); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Bytes(), want.Bytes()) {
		i := firstDiff(got.Bytes(), want.Bytes())
		t.Errorf("differs from encoding/csv at byte %d: %q, want %q", i, got.Bytes()[i:min(i+40, got.Len())], want.Bytes()[i:min(i+40, want.Len())])
	}
}

func firstDiff(a, b []byte) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}
