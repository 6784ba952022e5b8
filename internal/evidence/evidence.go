// Package evidence checks a dataset's evidence against its sources' texts:
// a source's text, read from the sources directory, has the SHA-256 its
// record gives and is UTF-8; every excerpt a record cites occurs in its
// source's text verbatim, and a "paragraph N" locator names a paragraph the
// excerpt is in; a statement's own text occurs in a source it cites. The
// matching itself is package verbatim's, which knows nothing of files,
// records or messages; this package reads the texts and says what is wrong
// and what to do, as Problems placed below a record, which the caller turns
// into diagnostics.
//
// Texts are read through an os.Root of the sources directory, so that no
// "file" value and no symbolic link in it can lead outside, without
// blocking, only regular files, each at most a size limit.
package evidence

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
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

// The rules of the problems this package reports.
const (
	RuleSourcePath    = "source-path"    // a source's file is not a path inside --sources
	RuleSourceFile    = "source-file"    // a source's text file cannot be read
	RuleSourceHash    = "source-hash"    // a source's text is not the one recorded
	RuleEvidence      = "evidence"       // an excerpt is not in the source text
	RuleStatementText = "statement-text" // a statement's text is not in the sources it cites
	RuleLocator       = "locator"        // a "paragraph N" locator that names another paragraph
)

// Rules describes the rules of the problems this package reports, for a
// caller's catalogue.
var Rules = diag.Catalogue{
	{ID: RuleSourcePath, Summary: "every source file is a path inside the sources directory",
		Help: "A source's \"file\" must be a relative path inside --sources, without \"..\" and not absolute. curate does not read it otherwise."},
	{ID: RuleSourceFile, Summary: "every source text can be read from the sources directory",
		Help: "Put the source's text file in the --sources directory under the name given in \"file\", as a regular UTF-8 text file."},
	{ID: RuleSourceHash, Summary: "every source text has the SHA-256 recorded",
		Help: "The text differs from the one the dataset was checked against: restore it, or re-check every excerpt and record the new hash. A new source: add the \"sha256\" the hint gives."},
	{ID: RuleEvidence, Summary: "every evidence excerpt occurs verbatim in its source",
		Help: "Copy the excerpt character for character from the source text, quote marks included; runs of white space match any run of white space."},
	{ID: RuleStatementText, Summary: "every statement's text occurs in a source it cites",
		Help: "A statement's text, quoted or paraphrased, must be the source's own words: copy it from the source text."},
	{ID: RuleLocator, Summary: "every \"paragraph N\" locator names the paragraph the excerpt is in",
		Help: "Paragraphs are the blocks of the source text separated by blank lines, counted from 1 after the header lines starting with \"#\" at the top of the file. Set the locator to the paragraph the hint names."},
}

// Problem is something wrong with a source's text or a record's evidence.
type Problem struct {
	Ptr      string // JSON pointer below the record: "" or starting with "/"
	Rule     string
	Severity diag.Severity
	Msg      string
	Hint     string
	// Inner is the byte offset, in the string at Ptr, of the first
	// character that does not match; -1 points at the value itself.
	Inner int
	// Once says that the problem is not reported when the record has a
	// problem at Ptr already (the schema's, about the same value).
	Once bool
	// Amend, when set, is the message of a problem the schema may have
	// reported at Ptr: if it did, its hint becomes Hint, and this problem
	// is not reported.
	Amend string
}

// problem starts a problem at a pointer.
func problem(ptr, rule, msg string) Problem {
	return Problem{Ptr: ptr, Rule: rule, Msg: msg, Inner: -1}
}

// Quote is a record's own text (a statement's), which must occur in one of
// the sources it cites.
type Quote struct {
	Ptr     string   // pointer of the text below the record
	Text    string   // the text
	Sources []string // the ids of the sources the record cites
}

// text is a source's text as loaded.
type text struct {
	path string // for messages
	text *verbatim.Text
	ok   bool
}

// Texts holds the sources directory and the texts loaded from it so far,
// by source id. Check may be called from several goroutines at once while
// no text is being loaded. A nil *Texts stands for a run without a sources
// directory: nothing is checked.
type Texts struct {
	dir   string
	root  *os.Root
	limit int64
	texts map[string]*text // a text that could not be read is there, not ok (reported once)
}

// Open opens the sources directory, reading files of at most limit bytes
// (0: safeio's default); an error means the run cannot check evidence at
// all.
func Open(dir string, limit int64) (*Texts, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("--sources %s: %s", dir, safeio.DescribeDir(err))
	}
	return &Texts{dir: dir, root: root, limit: limit, texts: map[string]*text{}}, nil
}

// Close closes the sources directory.
func (ts *Texts) Close() { ts.root.Close() }

// Loaded reports whether the text of source id was loaded (or found
// unknown), well or not.
func (ts *Texts) Loaded(id string) bool { return ts.texts[id] != nil }

// read reads a source text named by a record's "file": a local path (not
// absolute, no ".." element) checked before anything is opened, opened
// inside the root without blocking, a regular file within the size limit.
func (ts *Texts) read(name string) ([]byte, error) {
	if !filepath.IsLocal(name) || strings.Contains(name, "\\") {
		return nil, errNotLocal
	}
	return safeio.ReadIn(ts.root, name, ts.limit)
}

// errNotLocal refuses a source file name that could lead outside --sources.
var errNotLocal = errors.New("not a path inside the sources directory")

// Load reads and checks the text of source id, src: its path, its hash,
// UTF-8. It returns the problems of the source record.
func (ts *Texts) Load(id string, src *record.Source) []Problem {
	st := &text{path: path.Join(filepath.ToSlash(ts.dir), src.File)}
	ts.texts[id] = st
	if src.File == "" {
		return nil
	}
	var ps []Problem
	data, err := ts.read(src.File)
	switch {
	case errors.Is(err, errNotLocal):
		p := problem("/file", RuleSourcePath, fmt.Sprintf("source file %q is not a relative path inside the sources directory: not read", src.File))
		p.Hint = "name the text file relative to --sources, without \"..\", e.g. \"2022-02-26-article.txt\""
		p.Once = true
		return append(ps, p)
	case err != nil:
		p := problem("/file", RuleSourceFile, fmt.Sprintf("source text %s: %s", st.path, safeio.Describe(err)))
		p.Hint = "put the source's text file in the --sources directory under the name given in \"file\""
		return append(ps, p)
	}
	sum := sha256.Sum256(data)
	if got := hex.EncodeToString(sum[:]); got != src.SHA256 {
		p := problem("/sha256", RuleSourceHash, fmt.Sprintf("SHA-256 of %s is %s, not the recorded %s", st.path, got, showHash(src.SHA256)))
		p.Hint = "the text differs from the one the dataset was checked against: restore it, or re-check every excerpt and record the new hash"
		if src.SHA256 == "" {
			// A new source: the schema reports the missing property; its
			// hint gives the value to add.
			p.Ptr, p.Msg = "", fmt.Sprintf("source %q has no \"sha256\"", id)
			p.Hint = fmt.Sprintf("add \"sha256\": %q (the SHA-256 of %s)", got, st.path)
			p.Amend = `missing property "sha256"`
		}
		ps = append(ps, p)
	}
	if !utf8.Valid(data) {
		return append(ps, problem("/file", RuleSourceFile, fmt.Sprintf("source text %s is not valid UTF-8", st.path)))
	}
	st.text = verbatim.NewText(string(data))
	st.ok = true
	return ps
}

// Check checks the excerpts and the quote of a record whose sources are
// loaded, and returns those left for later, with the problems found.
// Without a sources directory nothing is checked, and nothing is left.
func (ts *Texts) Check(xs []record.Excerpt, q *Quote) ([]record.Excerpt, *Quote, []Problem) {
	if ts == nil {
		return nil, nil, nil
	}
	var left []record.Excerpt
	var ps []Problem
	for _, x := range xs {
		st, loaded := ts.texts[x.Source]
		switch {
		case !loaded:
			left = append(left, x)
		case st.ok:
			if excerpt(&ps, st, x.Evidence, x.Pointer+"/evidence", RuleEvidence, "evidence") {
				locator(&ps, st, x)
			}
		}
		// A text that could not be read was reported with its source.
	}
	if q == nil {
		return left, nil, ps
	}
	// The text, quotation or the source's paraphrase, must be in one of
	// the sources the record cites.
	var found *text
	for _, id := range q.Sources {
		st, loaded := ts.texts[id]
		if !loaded {
			return left, q, ps
		}
		if st.ok {
			if st.text.Contains(q.Text) {
				return left, nil, ps
			}
			found = st
		}
	}
	if found != nil {
		excerpt(&ps, found, q.Text, q.Ptr, RuleStatementText, "statement text")
	}
	return left, nil, ps
}

// Settle checks what a record left for later, now that every source the
// dataset holds is loaded: a source that is not is unknown (the caller's
// reference check reports it), and nothing is checked against it.
func (ts *Texts) Settle(xs []record.Excerpt, q *Quote) []Problem {
	for _, x := range xs {
		if _, ok := ts.texts[x.Source]; !ok {
			ts.texts[x.Source] = &text{} // unknown: not ok, nothing to check
		}
	}
	if q != nil {
		for _, id := range q.Sources {
			if _, ok := ts.texts[id]; !ok {
				ts.texts[id] = &text{}
			}
		}
	}
	_, _, ps := ts.Check(xs, q)
	return ps
}

// Key names the texts loaded: what the checks so far were made against, for
// a cache of their results.
func (ts *Texts) Key() string {
	if ts == nil {
		return "no sources"
	}
	ids := make([]string, 0, len(ts.texts))
	for id := range ts.texts {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	h := sha256.New()
	for _, id := range ids {
		st := ts.texts[id]
		fmt.Fprintf(h, "%s\x00%s\x00%v\x00", id, st.path, st.ok)
		if st.text != nil {
			st.text.WriteKey(h)
		}
		io.WriteString(h, "\x00")
	}
	return hex.EncodeToString(h.Sum(nil))
}

func showHash(h string) string {
	if h == "" {
		return "(none)"
	}
	return h
}

// excerpt checks that s occurs in the source and reports where it stops
// matching when it does not; it reports whether s matched.
func excerpt(ps *[]Problem, st *text, s, ptr, rule, what string) bool {
	if s == "" {
		return false
	}
	if st.text.Contains(s) {
		return true
	}
	m := st.text.Explain(s)
	p := problem(ptr, rule, fmt.Sprintf("%s not found in %s", what, st.path))
	switch {
	case m.QuotesOnly:
		p.Hint = "it matches only if quote marks are ignored: copy the quote marks (’ “ ” ' \") exactly as the source has them"
	case m.Matched == 0:
		p.Hint = "no part of it occurs in the source: copy the excerpt character for character from the source text"
	default:
		p.Hint = fmt.Sprintf("the first %s the source; from %q on, it does not", words.Count(m.Matched, "character")+map[bool]string{true: " matches", false: " match"}[m.Matched == 1], m.Rest)
	}
	// Point at the first character that does not match.
	p.Inner = m.At
	*ps = append(*ps, p)
	return false
}

// locatorPattern is the form of a locator that names a paragraph.
var locatorPattern = regexp.MustCompile(`^paragraph ([1-9][0-9]{0,5})$`)

// locator warns when a citation's "paragraph N" locator names a paragraph
// other than one its excerpt occurs in. Paragraphs are the blocks of the
// source text separated by blank lines, counted after the header lines
// starting with "#" (see verbatim).
func locator(ps *[]Problem, st *text, x record.Excerpt) {
	m := locatorPattern.FindStringSubmatch(x.Locator)
	if m == nil || !st.text.HasParagraphs() {
		return
	}
	want, _ := strconv.Atoi(m[1])
	found := st.text.Paragraphs(x.Evidence, 6)
	if len(found) == 0 || slices.Contains(found, want) {
		return
	}
	p := problem(x.Pointer+"/locator", RuleLocator, fmt.Sprintf("the excerpt is not in paragraph %d of %s", want, st.path))
	p.Severity = diag.Warning
	p.Hint = fmt.Sprintf("it is in paragraph %d: write \"locator\": \"paragraph %d\" (paragraphs are blocks separated by blank lines, counted after the header lines starting with \"#\")", found[0], found[0])
	*ps = append(*ps, p)
}
