// Package verbatim finds excerpts in source texts as curators copy them:
// character for character, except that every run of white space (spaces,
// tabs, line breaks) matches any other run. Nothing else is normalized:
// quote marks, dashes and letters must be copied exactly. When an excerpt
// is not found, Explain says how far it matches and whether only quote
// marks differ, so that a diagnostic can point at the first character that
// does not match. A Text also knows its paragraphs, for "paragraph N"
// locators.
package verbatim

import (
	"io"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Text is a source text, normalized once for matching.
type Text struct {
	norm  string // white space runs collapsed to one space, none at the ends
	paras []int  // offsets in norm where paragraphs 1, 2, ... start
}

// NewText prepares a source text for matching.
func NewText(s string) *Text {
	n := normalize(s)
	t := &Text{norm: n.text}
	// Paragraph starts as offsets in the normalized text, so that the
	// offsets of every byte need not be kept.
	for _, raw := range paragraphs(s) {
		t.paras = append(t.paras, sort.SearchInts(n.from, raw))
	}
	return t
}

// Contains reports whether the excerpt occurs in the text.
func (t *Text) Contains(excerpt string) bool { return strings.Contains(t.norm, normalizeText(excerpt)) }

// Mismatch says how an excerpt that is not in a text fails to match it.
type Mismatch struct {
	// Matched is how many characters of the excerpt, from its start,
	// occur in the text (white space runs counted as one).
	Matched int
	// Rest is what follows them, shortened to 30 characters.
	Rest string
	// At is the byte offset in the excerpt, as given, of the first
	// character that does not match; -1 when no part matches.
	At int
	// QuotesOnly says the excerpt matches when typographic and straight
	// quote marks are taken as the same.
	QuotesOnly bool
}

// Explain says how an excerpt the text does not contain fails to match it.
func (t *Text) Explain(excerpt string) Mismatch {
	ev := normalize(excerpt)
	m := Mismatch{At: -1, QuotesOnly: strings.Contains(foldQuotes.Replace(t.norm), foldQuotes.Replace(ev.text))}
	// The longest prefix of the excerpt that occurs in the text, found by
	// binary search over its character boundaries.
	var bounds []int
	for i := range ev.text {
		bounds = append(bounds, i)
	}
	bounds = append(bounds, len(ev.text))
	a, b := 0, len(bounds)-1 // bounds[a] matches; bounds[b+1] does not
	for a < b {
		mid := (a + b + 1) / 2
		if strings.Contains(t.norm, ev.text[:bounds[mid]]) {
			a = mid
		} else {
			b = mid - 1
		}
	}
	lo := bounds[a]
	m.Matched = utf8.RuneCountInString(ev.text[:lo])
	m.Rest = ev.text[lo:]
	if utf8.RuneCountInString(m.Rest) > 30 {
		m.Rest = string([]rune(m.Rest)[:30]) + "…"
	}
	if lo > 0 && lo < len(ev.from) {
		m.At = ev.from[lo]
	}
	return m
}

// Paragraphs returns the numbers of the paragraphs the excerpt occurs in
// (at most max of them, in order of occurrence), counted from 1; 0 for an
// occurrence before the first paragraph.
func (t *Text) Paragraphs(excerpt string, max int) []int {
	ev := normalizeText(excerpt)
	var found []int
	for i := 0; len(found) < max; {
		j := strings.Index(t.norm[i:], ev)
		if j < 0 {
			break
		}
		if p := sort.SearchInts(t.paras, i+j+1); !slices.Contains(found, p) {
			found = append(found, p)
		}
		i += j + 1
	}
	return found
}

// HasParagraphs reports whether the text has any paragraph.
func (t *Text) HasParagraphs() bool { return len(t.paras) > 0 }

// WriteKey writes what the text is to h (a hash), for a cache key.
func (t *Text) WriteKey(h io.Writer) {
	io.WriteString(h, t.norm)
	for _, p := range t.paras {
		io.WriteString(h, ","+itoa(p))
	}
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for ; n > 0; n /= 10 {
		i--
		b[i] = byte('0' + n%10)
	}
	return string(b[i:])
}

// normalized is a text with white space runs collapsed, and for each of its
// bytes the offset of the byte it came from.
type normalized struct {
	text string
	from []int
}

// normalizeText is normalize without the offsets: what a match needs.
// Text with no white space but single spaces is returned as it is.
func normalizeText(s string) string {
	clean := true
	prevSpace := true // a leading space is dropped
	for _, r := range s {
		sp := unicode.IsSpace(r)
		if sp && (r != ' ' || prevSpace) {
			clean = false
			break
		}
		prevSpace = sp
	}
	if clean && !prevSpace {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

func normalize(s string) normalized {
	var b strings.Builder
	from := make([]int, 0, len(s))
	space := -1 // offset of the first white space of the current run
	for i, r := range s {
		if unicode.IsSpace(r) {
			if space < 0 {
				space = i
			}
			continue
		}
		if space >= 0 && b.Len() > 0 {
			b.WriteByte(' ')
			from = append(from, space)
		}
		space = -1
		n, _ := b.WriteRune(r)
		for range n {
			from = append(from, i)
		}
	}
	return normalized{b.String(), from}
}

// foldQuotes replaces typographic quote marks with straight ones, to tell a
// curator when quote marks are the only difference.
var foldQuotes = strings.NewReplacer("\u2018", "'", "\u2019", "'", "\u201a", "'", "\u201b", "'", "\u201c", `"`, "\u201d", `"`, "\u201e", `"`, "\u201f", `"`)

// Paragraphs are the blocks of a text separated by blank lines (lines empty
// or of white space only), counted from 1; a first block whose lines all
// start with "#" is the copy's header, not counted.

// paragraphs returns the byte offsets where paragraphs 1, 2, ... start.
func paragraphs(text string) []int {
	var starts []int
	inBlock, header, first := false, false, true
	for off := 0; off < len(text); {
		end := strings.IndexByte(text[off:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += off
		}
		line := strings.TrimRight(text[off:end], "\r")
		blank := strings.TrimSpace(line) == ""
		switch {
		case blank:
			inBlock = false
		case !inBlock:
			inBlock = true
			header = first && strings.HasPrefix(line, "#")
			first = false
			if !header {
				starts = append(starts, off)
			}
		case header && !strings.HasPrefix(line, "#"):
			// A header block goes on with a line not starting with "#":
			// it was a paragraph after all.
			header = false
			starts = append(starts, off)
		}
		off = end + 1
	}
	return starts
}
