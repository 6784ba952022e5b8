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
	"strconv"
	"strings"
	"unicode/utf8"

	"curate/diag"
	"curate/internal/safeio"
	"curate/internal/words"
	"curate/record"
	"curate/verbatim"
)

type sourceText struct {
	path string // for messages
	text *verbatim.Text
	ok   bool
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
	st.text = verbatim.NewText(string(data))
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
			if st.text.Contains(q.text) {
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
	if st.text.Contains(text) {
		return true
	}
	m := st.text.Explain(text)
	fd := at(ptr, rule, fmt.Sprintf("%s not found in %s", what, st.path))
	switch {
	case m.QuotesOnly:
		fd.hint = "it matches only if quote marks are ignored: copy the quote marks (’ “ ” ' \") exactly as the source has them"
	case m.Matched == 0:
		fd.hint = "no part of it occurs in the source: copy the excerpt character for character from the source text"
	default:
		fd.hint = fmt.Sprintf("the first %s the source; from %q on, it does not", words.Count(m.Matched, "character")+map[bool]string{true: " matches", false: " match"}[m.Matched == 1], m.Rest)
	}
	// Point at the first character that does not match.
	fd.inner = m.At
	e.file.add(fd)
	return false
}

// locatorPattern is the form of a locator that names a paragraph.
var locatorPattern = regexp.MustCompile(`^paragraph ([1-9][0-9]{0,5})$`)

// locator warns when a citation's "paragraph N" locator names a paragraph
// other than one its excerpt occurs in. Paragraphs are the blocks of the
// source text separated by blank lines, counted after the header lines
// starting with "#" (see verbatim).
func locator(e *entry, st *sourceText, x record.Excerpt) {
	m := locatorPattern.FindStringSubmatch(x.Locator)
	if m == nil || !st.text.HasParagraphs() {
		return
	}
	want, _ := strconv.Atoi(m[1])
	found := st.text.Paragraphs(x.Evidence, 6)
	if len(found) == 0 || slices.Contains(found, want) {
		return
	}
	fd := at(e.ptr(x.Pointer+"/locator"), RuleLocator, fmt.Sprintf("the excerpt is not in paragraph %d of %s", want, st.path))
	fd.sev = diag.Warning
	fd.hint = fmt.Sprintf("it is in paragraph %d: write \"locator\": \"paragraph %d\" (paragraphs are blocks separated by blank lines, counted after the header lines starting with \"#\")", found[0], found[0])
	e.file.add(fd)
}
