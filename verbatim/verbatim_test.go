package verbatim

import (
	"slices"
	"testing"
)

const source = "# header line one\n# header line two\n\nFirst  paragraph,\nover two lines.\n\n\nSecond paragraph: “quoted” words.\r\n\r\nThird, with the first paragraph again? No: First paragraph, over.\n"

func TestContains(t *testing.T) {
	text := NewText(source)
	for excerpt, want := range map[string]bool{
		"First paragraph, over two lines.": true, // a line break and two spaces match one space
		"First\tparagraph,\n\nover":        true, // any run matches any run
		"  Second paragraph:  ":            true, // runs at the ends are dropped
		"“quoted” words":                   true,
		`"quoted" words`:                   false, // quote marks are copied exactly
		"second paragraph":                 false, // so is case
		"header line one":                  true,  // the header is text too
		"":                                 true,
	} {
		if got := text.Contains(excerpt); got != want {
			t.Errorf("Contains(%q) = %v, want %v", excerpt, got, want)
		}
	}
}

func TestExplain(t *testing.T) {
	text := NewText(source)
	tests := []struct {
		excerpt string
		want    Mismatch
	}{
		{`Second paragraph: "quoted" words.`, Mismatch{Matched: 18, Rest: `"quoted" words.`, At: 18, QuotesOnly: true}},
		{"First  paragraph, under", Mismatch{Matched: 17, Rest: "under", At: 18}},
		{"Zebras", Mismatch{Matched: 0, Rest: "Zebras", At: -1}},
	}
	for _, tt := range tests {
		if got := text.Explain(tt.excerpt); got != tt.want {
			t.Errorf("Explain(%q) = %+v, want %+v", tt.excerpt, got, tt.want)
		}
	}
}

func TestParagraphs(t *testing.T) {
	text := NewText(source)
	for excerpt, want := range map[string][]int{
		"First paragraph,": {1, 3},
		"Second paragraph": {2},
		"Third":            {3},
		"header line two":  {0},
		"not in the text":  nil,
		"paragraph":        {1, 2, 3},
	} {
		if got := text.Paragraphs(excerpt, 6); !slices.Equal(got, want) {
			t.Errorf("Paragraphs(%q) = %v, want %v", excerpt, got, want)
		}
	}
	if !text.HasParagraphs() || NewText("# only a header\n").HasParagraphs() {
		t.Error("HasParagraphs")
	}
	// A first block that goes on with a line not starting with "#" is a
	// paragraph.
	if got := NewText("# a\nb\n\nc\n").Paragraphs("c", 6); !slices.Equal(got, []int{2}) {
		t.Errorf("a header block that goes on: %v", got)
	}
}
