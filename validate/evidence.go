package validate

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"curate/diag"
	"curate/internal/safeio"
	"curate/record"
)

// Evidence matching. An excerpt matches when it occurs in the source text
// after one normalization on both sides: every run of white space (spaces,
// tabs, line breaks) becomes a single space. Nothing else is normalized:
// quote marks, dashes and letters must be copied exactly.

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

type sourceText struct {
	path  string // for messages
	norm  normalized
	paras []int // offsets in the normalized text where paragraphs 1, 2, ... start
	ok    bool
}

// sourceDir is the directory of source texts, opened as an os.Root so that
// no "file" value and no symbolic link in it can lead outside.
type sourceDir struct {
	dir   string
	root  *os.Root
	limit int64
}

// openSources opens the sources directory; an error means the run cannot
// check evidence at all.
func openSources(dir string, limit int64) (*sourceDir, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("--sources %s: %s", dir, safeio.DescribeDir(err))
	}
	return &sourceDir{dir, root, limit}, nil
}

func (s *sourceDir) close() { s.root.Close() }

// read reads a source text named by a record's "file": a local path (not
// absolute, no ".." element) checked before anything is opened, opened
// inside the root without blocking, a regular file within the size limit.
func (s *sourceDir) read(name string) ([]byte, error) {
	if !filepath.IsLocal(name) || strings.Contains(name, "\\") {
		return nil, errNotLocal
	}
	return safeio.ReadIn(s.root, name, s.limit)
}

// errNotLocal refuses a source file name that could lead outside --sources.
var errNotLocal = errors.New("not a path inside the sources directory")

// sourceTexts holds the source texts loaded so far, by source id. Records
// are checked against it while it is read-only: the texts of the sources in
// a dataset's sources/ folder are loaded before the other files are read,
// so a laid-out dataset's excerpts are checked as their records are read
// and never kept; the rest wait in their entries until the end.
type sourceTexts struct {
	dir   *sourceDir
	texts map[string]*sourceText // a text that could not be read is there, not ok (reported once)
}

// load reads the texts of the sources among entries that are not loaded
// yet; first says whether an entry is its id's first definition.
func (ts *sourceTexts) load(entries []*entry, first func(*entry) bool) {
	if ts == nil {
		return
	}
	for _, e := range entries {
		if e.more == nil || e.source == nil || ts.texts[e.id] != nil || !first(e) {
			continue
		}
		ts.texts[e.id] = ts.read(e)
	}
}

// read reads and checks one source's text: its path, its hash, UTF-8.
func (ts *sourceTexts) read(e *entry) *sourceText {
	src, f, dir := e.source, e.file, ts.dir
	st := &sourceText{path: slashJoin(dir.dir, src.File)}
	if src.File == "" {
		return st
	}
	data, err := dir.read(src.File)
	switch {
	case errors.Is(err, errNotLocal):
		if !f.hasFinding(e.ptr("/file")) {
			fd := at(e.ptr("/file"), RuleSourcePath, fmt.Sprintf("source file %q is not a relative path inside the sources directory: not read", src.File))
			fd.hint = "name the text file relative to --sources, without \"..\", e.g. \"2022-02-26-article.txt\""
			f.add(fd)
		}
		return st
	case err != nil:
		fd := at(e.ptr("/file"), RuleSourceFile, fmt.Sprintf("source text %s: %s", st.path, describeIOError(err)))
		fd.hint = "put the source's text file in the --sources directory under the name given in \"file\""
		f.add(fd)
		return st
	}
	sum := sha256.Sum256(data)
	if got := hex.EncodeToString(sum[:]); got != src.SHA256 {
		fd := at(e.ptr("/sha256"), RuleSourceHash, fmt.Sprintf("SHA-256 of %s is %s, not the recorded %s", st.path, got, showHash(src.SHA256)))
		fd.hint = "the text differs from the one the dataset was checked against: restore it, or re-check every excerpt and record the new hash"
		if src.SHA256 == "" {
			// A new source: the schema reports the missing property; its
			// hint gives the value to add.
			hint := fmt.Sprintf("add \"sha256\": %q (the SHA-256 of %s)", got, st.path)
			if !f.amend(e.ptr(""), `missing property "sha256"`, hint) {
				fd.ptr, fd.msg, fd.hint = e.ptr(""), fmt.Sprintf("source %q has no \"sha256\"", e.id), hint
				f.add(fd)
			}
		} else {
			f.add(fd)
		}
	}
	if !utf8.Valid(data) {
		f.add(at(e.ptr("/file"), RuleSourceFile, fmt.Sprintf("source text %s is not valid UTF-8", st.path)))
		return st
	}
	st.norm = normalize(string(data))
	// Paragraph starts as offsets in the normalized text, so that the
	// offsets of every byte need not be kept.
	for _, raw := range paragraphs(string(data)) {
		st.paras = append(st.paras, sort.SearchInts(st.norm.from, raw))
	}
	st.norm.from = nil
	st.ok = true
	return st
}

// check checks the excerpts and the quote of a record whose sources are
// loaded, and returns those left for later. Without a sources directory
// nothing is checked, and nothing is left.
func (ts *sourceTexts) check(e *entry, xs []record.Excerpt, q *quote) ([]record.Excerpt, *quote) {
	if ts == nil {
		return nil, nil
	}
	var left []record.Excerpt
	for _, x := range xs {
		st, loaded := ts.texts[x.Source]
		switch {
		case !loaded:
			left = append(left, x)
		case st.ok:
			if excerpt(e, st, x.Evidence, e.ptr(x.Pointer+"/evidence"), RuleEvidence, "evidence") {
				locator(e, st, x)
			}
		}
		// A text that could not be read was reported with its source.
	}
	if q == nil {
		return left, nil
	}
	// The text, quotation or the source's paraphrase, must be in one of
	// the sources the record cites.
	var found *sourceText
	for _, id := range q.sources {
		st, loaded := ts.texts[id]
		if !loaded {
			return left, q
		}
		if st.ok {
			if strings.Contains(st.norm.text, normalizeText(q.text)) {
				return left, nil
			}
			found = st
		}
	}
	if found != nil {
		excerpt(e, found, q.text, e.ptr(q.ptr), RuleStatementText, "statement text")
	}
	return left, nil
}

// finish checks what every entry left for later, now that every source
// the dataset holds is loaded; a source no record defines is reported by
// the reference check.
func (ts *sourceTexts) finish(files []*file) {
	if ts == nil {
		return
	}
	for _, f := range files {
		for _, e := range f.records {
			if e.more == nil || len(e.pending) == 0 && e.quote == nil {
				continue
			}
			for _, x := range e.pending {
				if _, ok := ts.texts[x.Source]; !ok {
					ts.texts[x.Source] = &sourceText{} // unknown: not ok, nothing to check
				}
			}
			if e.quote != nil {
				for _, id := range e.quote.sources {
					if _, ok := ts.texts[id]; !ok {
						ts.texts[id] = &sourceText{}
					}
				}
			}
			e.pending, e.quote = ts.check(e, e.pending, e.quote)
		}
	}
}

func showHash(h string) string {
	if h == "" {
		return "(none)"
	}
	return h
}

// excerpt checks that text occurs in the source and reports where it stops
// matching when it does not; it reports whether the text matched.
func excerpt(e *entry, st *sourceText, text, ptr, rule, what string) bool {
	if text == "" {
		return false
	}
	if strings.Contains(st.norm.text, normalizeText(text)) {
		return true
	}
	ev := normalize(text)
	fd := at(ptr, rule, fmt.Sprintf("%s not found in %s", what, st.path))
	quotesOnly := strings.Contains(foldQuotes.Replace(st.norm.text), foldQuotes.Replace(ev.text))
	// The longest prefix of the excerpt that occurs in the source, found by
	// binary search over its character boundaries.
	var bounds []int
	for i := range ev.text {
		bounds = append(bounds, i)
	}
	bounds = append(bounds, len(ev.text))
	a, b := 0, len(bounds)-1 // bounds[a] matches; bounds[b+1] does not
	for a < b {
		m := (a + b + 1) / 2
		if strings.Contains(st.norm.text, ev.text[:bounds[m]]) {
			a = m
		} else {
			b = m - 1
		}
	}
	lo := bounds[a]
	switch {
	case quotesOnly:
		fd.hint = "it matches only if quote marks are ignored: copy the quote marks (’ “ ” ' \") exactly as the source has them"
	case lo == 0:
		fd.hint = "no part of it occurs in the source: copy the excerpt character for character from the source text"
	default:
		rest := ev.text[lo:]
		if utf8.RuneCountInString(rest) > 30 {
			rest = string([]rune(rest)[:30]) + "…"
		}
		n := utf8.RuneCountInString(ev.text[:lo])
		fd.hint = fmt.Sprintf("the first %d %s the source; from %q on, it does not", n, map[bool]string{true: "character matches", false: "characters match"}[n == 1], rest)
	}
	// Point at the first character that does not match.
	if lo > 0 && lo < len(ev.from) {
		fd.inner = ev.from[lo]
	}
	e.file.add(fd)
	return false
}

// Locators. Paragraphs are the blocks of a source text separated by blank
// lines (lines empty or of white space only), counted from 1; a first block
// whose lines all start with "#" is the copy's header, not counted.

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

// paragraphAt returns the number of the paragraph holding offset off of
// the normalized text, or 0 when it is before the first.
func (st *sourceText) paragraphAt(off int) int {
	return sort.SearchInts(st.paras, off+1)
}

// locatorPattern is the form of a locator that names a paragraph.
var locatorPattern = regexp.MustCompile(`^paragraph ([1-9][0-9]{0,5})$`)

// locator warns when a citation's "paragraph N" locator names a paragraph
// other than one its excerpt occurs in.
func locator(e *entry, st *sourceText, x record.Excerpt) {
	m := locatorPattern.FindStringSubmatch(x.Locator)
	if m == nil || len(st.paras) == 0 {
		return
	}
	want, _ := strconv.Atoi(m[1])
	ev := normalizeText(x.Evidence)
	var found []int
	for i := 0; ; {
		j := strings.Index(st.norm.text[i:], ev)
		if j < 0 {
			break
		}
		p := st.paragraphAt(i + j)
		if p == want {
			return
		}
		if !slices.Contains(found, p) {
			found = append(found, p)
		}
		i += j + 1
		if len(found) > 5 {
			break
		}
	}
	if len(found) == 0 {
		return
	}
	fd := at(e.ptr(x.Pointer+"/locator"), RuleLocator, fmt.Sprintf("the excerpt is not in paragraph %d of %s", want, st.path))
	fd.sev = diag.Warning
	fd.hint = fmt.Sprintf("it is in paragraph %d: write \"locator\": \"paragraph %d\" (paragraphs are blocks separated by blank lines, counted after the header lines starting with \"#\")", found[0], found[0])
	e.file.add(fd)
}
