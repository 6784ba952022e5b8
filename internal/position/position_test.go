package position

import (
	"testing"

	"curate/diag"
)

// TestOf: a pointer's value, its key, a place inside its string, a known
// offset, and the fallback to the nearest enclosing value.
func TestOf(t *testing.T) {
	data := []byte("{\n  \"a\": {\"b\": \"x\\u00e9yz\"},\n  \"c\": [1, 2]\n}")
	d := New(data, []string{"/a/b", "/c", ""})
	for _, tt := range []struct {
		ptr           string
		atKey         bool
		offset, inner int
		want          diag.Position
	}{
		{"/a/b", false, -1, -1, diag.Position{Line: 2, Column: 14, Offset: 15}},
		{"/a/b", true, -1, -1, diag.Position{Line: 2, Column: 9, Offset: 10}},
		{"/a/b", false, -1, 3, diag.Position{Line: 2, Column: 22, Offset: 23}}, // "y", after the escape
		{"/c/1", true, -1, 5, diag.Position{Line: 3, Column: 8, Offset: 36}},   // missing: the enclosing array, itself
		{"/x", false, -1, -1, diag.Position{Line: 1, Column: 1, Offset: 0}},    // missing: the document
		{"/a/b", false, -1, 2, diag.Position{Line: 2, Column: 14, Offset: 15}}, // inside a character: the string
		{"/a/b", false, 3, -1, diag.Position{Line: 2, Column: 2, Offset: 3}},   // a known offset
	} {
		if got := d.Of(tt.ptr, tt.atKey, tt.offset, tt.inner); got != tt.want {
			t.Errorf("Of(%q, %v, %d, %d) = %+v, want %+v", tt.ptr, tt.atKey, tt.offset, tt.inner, got, tt.want)
		}
	}
	if got := New(data, []string{"/a"}).Of("/c", false, -1, -1); got != diag.NoPos {
		t.Errorf("a pointer with nothing located above it: %+v", got)
	}
	if got := (*Doc)(nil).Of("/a", false, 3, -1); got != diag.NoPos {
		t.Errorf("a document not read back: %+v", got)
	}
}
