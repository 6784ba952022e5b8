package browse_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"maps"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"golang.org/x/net/html"

	"curate/browse"
	"curate/internal/golden"
	"curate/record"
	"curate/validate"
)

// load validates a dataset directory; the test fails on any error.
func load(t testing.TB, dir string) *record.Dataset {
	t.Helper()
	res, err := validate.Run([]string{dir}, validate.Options{Dataset: dir})
	if err != nil {
		t.Fatal(err)
	}
	if res.HasErrors() {
		t.Fatalf("%s has errors:\n%v", dir, res.Diagnostics)
	}
	return res.Dataset
}

var (
	bundledOnce sync.Once
	bundled     *record.Dataset
)

func loadBundled(t testing.TB) *record.Dataset {
	t.Helper()
	bundledOnce.Do(func() { bundled = load(t, "../dataset") })
	if bundled == nil {
		t.Fatal("the bundled dataset did not load")
	}
	return bundled
}

func render(t testing.TB, ds *record.Dataset) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := browse.Write(&b, ds, browse.Options{}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// parse parses a page as a browser does (HTML5, SVG as foreign content).
func parse(t testing.TB, page []byte) *html.Node {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func walk(n *html.Node, f func(*html.Node)) {
	f(n)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, f)
	}
}

func attr(n *html.Node, name string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == name {
			return a.Val, true
		}
	}
	return "", false
}

func text(n *html.Node) string {
	var b strings.Builder
	walk(n, func(c *html.Node) {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	})
	return b.String()
}

// The golden page of the tiny dataset, which sets every field and uses
// every date form: go test ./browse -update rewrites it.
func TestGolden(t *testing.T) {
	golden.Check(t, "testdata/tiny.golden.html", render(t, load(t, "testdata/tiny")))
}

// Same dataset, same bytes, whatever the order the records come in.
func TestDeterministic(t *testing.T) {
	ds := loadBundled(t)
	a, b := render(t, ds), render(t, ds)
	if !bytes.Equal(a, b) {
		t.Fatalf("two renderings differ: %s", golden.FirstDiff(string(a), string(b)))
	}
	shuffled := *ds
	shuffled.Actors = slices.Clone(ds.Actors)
	slices.Reverse(shuffled.Actors)
	shuffled.Measures = slices.Clone(ds.Measures)
	slices.Reverse(shuffled.Measures)
	shuffled.Statements = slices.Clone(ds.Statements)
	slices.Reverse(shuffled.Statements)
	if c := render(t, &shuffled); !bytes.Equal(a, c) {
		t.Fatalf("records in another order give other bytes: %s", golden.FirstDiff(string(c), string(a)))
	}
	if !slices.IsSortedFunc(ds.Actors, func(x, y record.Actor) int { return strings.Compare(x.ID, y.ID) }) {
		t.Error("Write reordered the dataset's records")
	}
}

// The bundled dataset's page: every in-page link has its target, one
// article per record, one timeline mark per dated event, measure and
// statement, and the policy's hashes are those of the inline style and
// script.
func TestBundledPage(t *testing.T) {
	ds := loadBundled(t)
	page := render(t, ds)
	doc := parse(t, page)
	ids := map[string]int{}
	var hrefs []string
	var articles, marks []string
	var scripts, styles []string
	var csp string
	walk(doc, func(n *html.Node) {
		if n.Type != html.ElementNode {
			return
		}
		if id, ok := attr(n, "id"); ok {
			ids[id]++
		}
		if h, ok := attr(n, "href"); ok {
			hrefs = append(hrefs, h)
		}
		if m, ok := attr(n, "data-mark"); ok {
			marks = append(marks, m)
		}
		switch n.Data {
		case "article":
			id, _ := attr(n, "id")
			articles = append(articles, id)
		case "script":
			scripts = append(scripts, text(n))
		case "style":
			styles = append(styles, text(n))
		case "meta":
			if v, _ := attr(n, "http-equiv"); v == "Content-Security-Policy" {
				csp, _ = attr(n, "content")
			}
		}
	})
	for id, n := range ids {
		if n > 1 {
			t.Errorf("id %q appears %d times", id, n)
		}
	}
	for _, h := range hrefs {
		if !strings.HasPrefix(h, "#") {
			t.Errorf("link %q leaves the page", h)
		} else if ids[h[1:]] == 0 {
			t.Errorf("link %q has no target", h)
		}
	}
	var want []string
	for r := range ds.All() {
		want = append(want, r.RecordID())
	}
	slices.Sort(want)
	slices.Sort(articles)
	if !slices.Equal(articles, want) {
		t.Errorf("articles %v, want one per record %v", articles, want)
	}
	var dated []string
	for _, e := range ds.Events {
		if e.Date != nil {
			dated = append(dated, e.ID)
		}
	}
	for _, m := range ds.Measures {
		if m.Announced != nil || m.Effective != nil || m.Ended != nil {
			dated = append(dated, m.ID)
		}
	}
	for _, s := range ds.Statements {
		if s.Date != nil {
			dated = append(dated, s.ID)
		}
	}
	slices.Sort(dated)
	slices.Sort(marks)
	if len(dated) == 0 || !slices.Equal(marks, dated) {
		t.Errorf("timeline marks %v, want one per dated record %v", marks, dated)
	}
	if len(scripts) != 1 || len(styles) != 1 {
		t.Fatalf("%d scripts and %d styles, want one each", len(scripts), len(styles))
	}
	for _, s := range []string{scripts[0], styles[0]} {
		h := sha256.Sum256([]byte(s))
		if want := "'sha256-" + base64.StdEncoding.EncodeToString(h[:]) + "'"; !strings.Contains(csp, want) {
			t.Errorf("the policy %q lacks the hash %s of an inline block", csp, want)
		}
	}
	if !strings.HasPrefix(csp, "default-src 'none';") || strings.Contains(csp, "unsafe") {
		t.Errorf("policy %q: want default-src 'none' and nothing unsafe", csp)
	}
	for _, s := range []string{ds.Meta.Title, "Version <b>" + ds.Meta.Version + "</b>", "schema version <b>" + ds.Meta.SchemaVersion + "</b>"} {
		if !bytes.Contains(page, []byte(html.EscapeString(s))) && !bytes.Contains(page, []byte(s)) {
			t.Errorf("the header lacks %q", s)
		}
	}
}

// evil is a text that would run script, open an element or end an
// attribute, a style, a title or an inline script if written unescaped.
const evil = "<script>alert(1)</script><img src=x onerror=alert(2)>\"'&amp; </style></title></script><!-- \u2028\u2029 ]]>"

// fill sets every string in v (a pointer to a record) to evil followed by
// the field's name, and gives every list and optional part one element;
// it adds each name to names.
func fill(v reflect.Value, name string, names map[string]bool) {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		fill(v.Elem(), name, names)
	case reflect.Struct:
		for i := range v.NumField() {
			fill(v.Field(i), name+"."+v.Type().Field(i).Name, names)
		}
	case reflect.Slice:
		if v.Len() == 0 {
			v.Set(reflect.MakeSlice(v.Type(), 1, 1))
		}
		for i := range v.Len() {
			fill(v.Index(i), name, names)
		}
	case reflect.String:
		v.SetString(evil + " " + name)
		names[name] = true
	}
}

// hostile is a dataset whose every text, ids and metadata included, is
// evil; records refer to each other with those ids, and dates are valid
// (so that the timeline draws them) while their bases and notes are evil.
func hostile(names map[string]bool) *record.Dataset {
	ds := &record.Dataset{}
	fill(reflect.ValueOf(&ds.Meta), "meta", names)
	for _, k := range record.Kinds {
		for i := range 2 {
			r, _ := record.New(k)
			fill(reflect.ValueOf(r), string(k)+strings.Repeat("'", i), names)
			ds.Add(r)
		}
	}
	dates := []*record.Date{ds.Events[0].Date, ds.Measures[0].Announced, ds.Measures[0].Effective, ds.Statements[0].Date, &ds.Sources[0].Published}
	for _, d := range dates {
		d.EDTF = "[..2022-02-26]"
	}
	ds.Measures[1].Ended.EDTF = "2022-02-21/.."
	ds.Sources[1].URL = "javascript:alert(3)"
	return ds
}

// notShown are the fields the page does not show: kinds (each section
// names its own), the base of JSON-LD IRIs, the metadata the release's
// citation files carry, and the dates hostile sets to valid values.
var notShown = map[string]bool{
	"actor.Kind": true, "source.Kind": true, "event.Kind": true, "measure.Kind": true, "statement.Kind": true,
	"meta.BaseIRI": true, "meta.Authors.Affiliation": true, "meta.Authors.FamilyNames": true,
	"meta.Authors.GivenNames": true, "meta.Authors.Name": true, "meta.Authors.ORCID": true,
	"meta.DOI": true, "meta.Keywords": true, "meta.Released": true, "meta.URL": true,
	"event.Date.EDTF": true, "measure.Announced.EDTF": true, "measure.Effective.EDTF": true,
	"measure.Ended.EDTF": true, "statement.Date.EDTF": true, "source.Published.EDTF": true, "source.URL": true,
}

// Every text of a hostile dataset shows as text: the page has no element,
// attribute or script that the texts put there, and the escaped form is
// in the bytes.
func TestEscaping(t *testing.T) {
	names := map[string]bool{}
	page := render(t, hostile(names))
	doc := parse(t, page)
	if !bytes.Contains(page, []byte("&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;&#34;&#39;&amp;amp;")) {
		t.Error("the escaped form of the hostile text is missing")
	}
	// The elements the template writes; anything else was injected.
	allowed := map[string]bool{}
	for _, e := range strings.Fields(`html head body meta title style script header h1 h2 h3 h4 p b br nav label input output span a main section
		div svg defs linearGradient stop mask rect text line path aside ul li article code blockquote dl dt dd footer`) {
		allowed[e] = true
	}
	scripts, texts := 0, 0
	walk(doc, func(n *html.Node) {
		switch n.Type {
		case html.ElementNode:
			if !allowed[n.Data] {
				t.Errorf("element <%s> on the page", n.Data)
			}
			if n.Data == "script" {
				scripts++
				if s := text(n); strings.Contains(s, "alert") {
					t.Errorf("the script holds a hostile text: %.200s", s)
				}
			}
			for _, a := range n.Attr {
				if strings.HasPrefix(a.Key, "on") || a.Key == "src" || a.Key == "style" {
					t.Errorf("<%s %s=%q>: an injected attribute", n.Data, a.Key, a.Val)
				}
				switch {
				case a.Key == "href":
					if strings.Contains(strings.ToLower(a.Val), "javascript:") || strings.ContainsAny(a.Val, "<>\"' ") {
						t.Errorf("<%s href=%q>: a hostile link", n.Data, a.Val)
					}
				case strings.Contains(a.Val, "alert") && !strings.Contains(strings.ToLower(a.Val), strings.ToLower(evil)):
					t.Errorf("<%s %s=%q>: a hostile text cut short or altered", n.Data, a.Key, a.Val)
				}
			}
		case html.TextNode:
			if strings.Contains(n.Data, "alert") {
				texts++
				// Whole, or cut short with an ellipsis (a timeline label).
				if !strings.Contains(n.Data, evil) && !strings.Contains(n.Data, "<script>alert(1)</script>") && n.Data != "javascript:alert(3)" {
					t.Errorf("a hostile text cut short or altered: %q", n.Data)
				}
			}
		}
	})
	if scripts != 1 {
		t.Errorf("%d script elements, want 1", scripts)
	}
	if texts < 50 {
		t.Errorf("only %d texts show the hostile string: the test dataset did not reach the page", texts)
	}
	if !bytes.Contains(page, []byte(`href="#ZgotmplZ"`)) {
		t.Error("a javascript: URL is not replaced by html/template's #ZgotmplZ")
	}
	// Every field the hostile dataset sets reaches the page, whole.
	for _, f := range slices.Sorted(maps.Keys(names)) {
		if !bytes.Contains(page, []byte(html.EscapeString(evil+" "+f))) && !notShown[strings.ReplaceAll(f, "'", "")] {
			t.Errorf("the field %s is not on the page", f)
		}
	}
	// The hostile texts reach the timeline and its tooltips too.
	if n := bytes.Count(page, []byte("data-mark=")); n != 4 {
		t.Errorf("%d timeline marks, want 4", n)
	}
}
