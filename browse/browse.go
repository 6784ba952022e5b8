// Package browse writes the browsable page of a dataset: one static,
// self-contained HTML file (index.html in the release bundle) that lists
// every record by kind with its fields, its evidence excerpts and links to
// the records it refers to and that refer to it, a filter box, and a
// timeline of the dated events, measures and statements drawn as inline
// SVG.
//
// The page needs nothing but itself: its style and script are inline and
// a Content-Security-Policy forbids every network source (scripts and
// styles are allowed only by their SHA-256 hashes), so it can be opened
// from disk and never fetches anything. Every text goes through
// html/template's contextual escaping. The source texts are not
// redistributed: the page shows the excerpts records quote and the sources'
// metadata. The same dataset always gives the same bytes.
package browse

import (
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"html/template"
	"io"
	"strings"

	"curate/record"
)

// File is the page's name in the release bundle.
const File = "index.html"

// Options configure the page. The zero value gives the release bundle's
// page; there is nothing to choose yet.
type Options struct{}

var (
	//go:embed page.tmpl
	pageTmpl string
	//go:embed page.css
	pageCSS string
	//go:embed page.js
	pageJS string

	tmpl = template.Must(template.New("page").Parse(strings.Replace(pageTmpl, "{{CSP}}", csp(), 1)))
)

// csp is the page's Content-Security-Policy: nothing from anywhere, the
// inline style and script allowed by their hashes.
func csp() string {
	return "default-src 'none'; style-src '" + hash(pageCSS) + "'; script-src '" + hash(pageJS) +
		"'; img-src 'none'; base-uri 'none'; form-action 'none'"
}

func hash(s string) string {
	h := sha256.Sum256([]byte(s))
	return "sha256-" + base64.StdEncoding.EncodeToString(h[:])
}

// Write writes the page of ds to w: a header with the dataset's title,
// version and schema version; the timeline; then events, measures,
// statements, actors and sources, each kind by id. ds is not modified.
func Write(w io.Writer, ds *record.Dataset, opts Options) error {
	secs, ix := build(ds)
	tl, undated := buildTimeline(ds, ix)
	return tmpl.Execute(w, page{
		Meta:     ds.Meta,
		Total:    ds.Len(),
		Sections: secs,
		Timeline: tl,
		Undated:  undated,
		CSS:      template.CSS(pageCSS),
		JS:       template.JS(pageJS),
	})
}
