package browse

import (
	"html/template"
	"iter"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"curate/internal/iso3166"
	"curate/record"
)

// page is what the template shows.
type page struct {
	Meta     record.Metadata
	Total    int
	Sections []section
	Timeline *timeline
	Undated  []value
	CSS      template.CSS
	JS       template.JS
}

// section is one record kind's list. Its records are built one at a
// time as the template writes them, so that memory holds one record's
// view at a time, not the page's.
type section struct {
	Anchor, Title, None string
	Count               int
	Records             iter.Seq[*rec]
}

// rec is one record as the page shows it.
type rec struct {
	ID, Kind, Title string
	Find            string // the lower-case text the filter searches
	Lead            string // a description, shown under the title
	Quote           string // a statement's text
	Fields          []field
	Evidence        []evidence
	RefBy           []refGroup
	Note            string
}

// field is one labelled property; Date is set for a date, else Values.
type field struct {
	Label  string
	Values []value
	Date   *dateView
}

// value is a piece of a field: text, a link to a record (shown with its
// name and id), an external link or code, then more text.
type value struct {
	Pre     string
	Ref     string // id of the record linked
	RefText string // its name
	URL     string
	Code    string
	Post    string
}

// evidence is an excerpt and where it comes from.
type evidence struct {
	Context     string // what it supports when not the record itself (an alias)
	Quote       string
	Source      string
	SourceTitle string
	Locator     string
}

// refGroup lists the records that refer to a record through one property.
type refGroup struct {
	Label string
	Links []value
}

// kindInfo names a kind's section.
var kindInfo = []struct {
	kind          record.Kind
	anchor, title string
}{
	{record.KindEvent, "events", "Events"},
	{record.KindMeasure, "measures", "Measures"},
	{record.KindStatement, "statements", "Statements"},
	{record.KindActor, "actors", "Actors"},
	{record.KindSource, "sources", "Sources"},
}

// index knows every record by id, for names beside links.
type index map[string]record.Record

// name is the text a link to id shows: an actor's label, an event's or a
// measure's title, a statement's opening words, a source's title; the id
// itself when no record has it.
func (ix index) name(id string) string {
	switch r := ix[id].(type) {
	case *record.Actor:
		return r.Label
	case *record.Source:
		return r.Title
	case *record.Event:
		return r.Title
	case *record.Measure:
		return r.Title
	case *record.Statement:
		return statementTitle(r, ix)
	}
	return id
}

func (ix index) link(id string) value { return value{Ref: id, RefText: ix.name(id)} }

// statementTitle is a statement's speaker and the start of its text.
func statementTitle(s *record.Statement, ix index) string {
	who := s.Speaker
	if a, ok := ix[s.Speaker].(*record.Actor); ok {
		who = a.Label
	}
	return who + ": “" + truncate(s.Text, 80) + "”"
}

// truncate shortens s to at most n characters, at a space where it can,
// marking the cut with an ellipsis.
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	cut := string(r[:n-1])
	// Cut at the last space unless the cut already ends a word.
	if i := strings.LastIndexByte(cut, ' '); i > n/2 && r[n-1] != ' ' {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:") + "…"
}

// sorted returns pointers to items ordered by id, leaving items as they are.
func sorted[T any, P interface {
	*T
	record.Record
}](items []T) []P {
	out := make([]P, len(items))
	for i := range items {
		out[i] = P(&items[i])
	}
	slices.SortStableFunc(out, func(a, b P) int { return strings.Compare(a.RecordID(), b.RecordID()) })
	return out
}

// byKind returns every record of each kind, by id, whatever the order the
// dataset holds them in.
func byKind(ds *record.Dataset) map[record.Kind][]record.Record {
	return map[record.Kind][]record.Record{
		record.KindActor:     records(sorted(ds.Actors)),
		record.KindSource:    records(sorted(ds.Sources)),
		record.KindEvent:     records(sorted(ds.Events)),
		record.KindMeasure:   records(sorted(ds.Measures)),
		record.KindStatement: records(sorted(ds.Statements)),
	}
}

func records[P record.Record](ps []P) []record.Record {
	out := make([]record.Record, len(ps))
	for i, p := range ps {
		out[i] = p
	}
	return out
}

// build returns the page's sections and the index of records by id.
func build(ds *record.Dataset) ([]section, index) {
	kinds := byKind(ds)
	ix := index{}
	for _, k := range record.Kinds {
		for _, r := range kinds[k] {
			if _, dup := ix[r.RecordID()]; !dup {
				ix[r.RecordID()] = r
			}
		}
	}
	back := backRefs(kinds)
	var secs []section
	for _, k := range kindInfo {
		rs := kinds[k.kind]
		secs = append(secs, section{
			Anchor: k.anchor, Title: k.title, None: "No " + strings.ToLower(k.title) + " match the filter.",
			Count: len(rs),
			Records: func(yield func(*rec) bool) {
				for _, r := range rs {
					v := view(r, ix)
					v.ID, v.Kind = r.RecordID(), string(r.RecordKind())
					v.RefBy = back.groups(v.ID, ix)
					if !yield(v) {
						return
					}
				}
			},
		})
	}
	return secs, ix
}

// view is what the page shows of a record.
func view(r record.Record, ix index) *rec {
	switch r := r.(type) {
	case *record.Event:
		return eventRec(r, ix)
	case *record.Measure:
		return measureRec(r, ix)
	case *record.Statement:
		return statementRec(r, ix)
	case *record.Actor:
		return actorRec(r, ix)
	case *record.Source:
		return sourceRec(r, ix)
	}
	return &rec{Title: r.RecordID()}
}

// fields collects a record's fields, leaving out empty ones.
type fields []field

func (fs *fields) text(label, s string) {
	if s != "" {
		*fs = append(*fs, field{Label: label, Values: []value{{Pre: s}}})
	}
}

func (fs *fields) code(label, s string) {
	if s != "" {
		*fs = append(*fs, field{Label: label, Values: []value{{Code: s}}})
	}
}

func (fs *fields) list(label string, vs []value) {
	if len(vs) > 0 {
		*fs = append(*fs, field{Label: label, Values: vs})
	}
}

func (fs *fields) refs(label string, ix index, ids []string) {
	vs := make([]value, len(ids))
	for i, id := range ids {
		vs[i] = ix.link(id)
	}
	fs.list(label, vs)
}

func (fs *fields) date(label string, d *record.Date) {
	if d != nil && d.EDTF != "" {
		*fs = append(*fs, field{Label: label, Date: viewDate(d)})
	}
}

func (fs *fields) country(code string) {
	if code == "" {
		return
	}
	v := value{Code: code}
	if n, ok := iso3166.Name(code); ok {
		v.Post = " " + n
	}
	*fs = append(*fs, field{Label: "Country", Values: []value{v}})
}

func (fs *fields) figures(ix index, figs []record.Figure) {
	vs := make([]value, len(figs))
	for i, f := range figs {
		vs[i] = figure(f, ix)
	}
	fs.list("Figures", vs)
}

// qualifierWords writes a figure's qualifier in words ("more-than": "more
// than").
var qualifierWords = strings.NewReplacer("more-than", "more than", "at-least", "at least",
	"fewer-than", "fewer than", "at-most", "at most", "up-to", "up to")

// figure reads "killed: more than 137 people (on day 1; Ukraine), according to AFP".
func figure(f record.Figure, ix index) value {
	q := f.Quantity.String()
	if f.Low != "" || f.High != "" {
		q += " (range " + f.Low.String() + "–" + f.High.String() + ")"
	}
	if f.Qualifier != "" {
		q = qualifierWords.Replace(f.Qualifier) + " " + q
	}
	s := f.Metric + ": " + q + " " + f.Unit
	var ctx []string
	for _, c := range []string{f.Period, f.Place} {
		if c != "" {
			ctx = append(ctx, c)
		}
	}
	if len(ctx) > 0 {
		s += " (" + strings.Join(ctx, "; ") + ")"
	}
	v := value{Pre: s}
	if f.AttributedTo != "" {
		v.Pre += ", according to "
		v.Ref, v.RefText = f.AttributedTo, ix.name(f.AttributedTo)
	}
	return v
}

func citations(cs []record.Citation, context string, ix index) []evidence {
	out := make([]evidence, len(cs))
	for i, c := range cs {
		out[i] = evidence{Context: context, Quote: c.Evidence, Source: c.Source, SourceTitle: ix.name(c.Source), Locator: c.Locator}
	}
	return out
}

// find joins the texts the filter searches, in lower case.
func find(texts ...string) string {
	var b strings.Builder
	for _, t := range texts {
		if t != "" {
			if b.Len() > 0 {
				b.WriteByte('\n')
			}
			b.WriteString(t)
		}
	}
	return strings.ToLower(b.String())
}

func eventRec(e *record.Event, ix index) *rec {
	var fs fields
	fs.text("Type", e.EventType)
	fs.date("Date", e.Date)
	fs.text("Place", e.Place)
	fs.country(e.Country)
	var actors []value
	for _, p := range e.Actors {
		v := ix.link(p.Actor)
		if p.Role != "" {
			v.Post = " (" + p.Role + ")"
		}
		actors = append(actors, v)
	}
	fs.list("Actors", actors)
	fs.figures(ix, e.Figures)
	return &rec{Title: e.Title, Lead: e.Description, Fields: fs, Note: e.Note,
		Evidence: citations(e.Citations, "", ix), Find: find(e.ID, e.Title, e.Description)}
}

func measureRec(m *record.Measure, ix index) *rec {
	var fs fields
	fs.text("Type", m.MeasureType)
	fs.text("Status", m.Status)
	fs.date("Announced", m.Announced)
	fs.date("Effective", m.Effective)
	fs.date("Ended", m.Ended)
	if m.AnnouncedAt != "" {
		fs.refs("Announced at", ix, []string{m.AnnouncedAt})
	}
	var ins []value
	for _, in := range m.Instruments {
		v := value{Pre: in}
		if g := record.Instruments[in]; g != "" {
			v.Post = " (GSDB type " + g + ")"
		}
		ins = append(ins, v)
	}
	fs.list("Instruments", ins)
	fs.refs("Imposed by", ix, m.ImposedBy)
	var targets []value
	for _, t := range m.Targets {
		v := ix.link(t.Actor)
		if t.Scope != "" {
			v.Post = " (" + t.Scope + ")"
		}
		targets = append(targets, v)
	}
	fs.list("Targets", targets)
	fs.refs("Coordinated with", ix, m.CoordinatedWith)
	fs.refs("Responds to", ix, m.RespondsTo)
	fs.text("Legal basis", m.LegalBasis)
	fs.figures(ix, m.Figures)
	return &rec{Title: m.Title, Lead: m.Description, Fields: fs, Note: m.Note,
		Evidence: citations(m.Citations, "", ix), Find: find(m.ID, m.Title, m.Description)}
}

func statementRec(s *record.Statement, ix index) *rec {
	var fs fields
	if s.Speaker != "" {
		fs.refs("Speaker", ix, []string{s.Speaker})
	}
	fs.text("Mode", s.Mode)
	fs.date("Date", s.Date)
	fs.text("Place", s.Place)
	if s.Occasion != "" {
		fs.refs("Occasion", ix, []string{s.Occasion})
	}
	fs.refs("Audience", ix, s.Audience)
	fs.text("Channel", s.Channel)
	fs.refs("About", ix, s.About)
	fs.code("Language", s.Language)
	return &rec{Title: statementTitle(s, ix), Quote: s.Text, Fields: fs, Note: s.Note,
		Evidence: citations(s.Citations, "", ix), Find: find(s.ID, ix.name(s.Speaker), s.Text)}
}

func actorRec(a *record.Actor, ix index) *rec {
	var fs fields
	fs.text("Type", a.ActorType)
	fs.text("Name", a.Name)
	var aliases []value
	ev := citations(a.Citations, "", ix)
	texts := []string{a.ID, a.Label, a.Name, a.Description}
	for _, al := range a.Aliases {
		aliases = append(aliases, value{Pre: al.Alias})
		ev = append(ev, citations([]record.Citation{al.Citation}, "alias “"+al.Alias+"”", ix)...)
		texts = append(texts, al.Alias)
	}
	fs.list("Aliases", aliases)
	var roles []value
	for _, r := range a.Roles {
		v := value{Pre: r.Title}
		if r.Of != "" {
			v.Pre += " of "
			v.Ref, v.RefText = r.Of, ix.name(r.Of)
		}
		roles = append(roles, v)
	}
	fs.list("Roles", roles)
	if a.PartOf != "" {
		fs.refs("Part of", ix, []string{a.PartOf})
	}
	fs.country(a.Country)
	var ids []value
	for _, id := range a.Identifiers {
		ids = append(ids, value{Pre: id.Scheme + " ", Code: id.ID})
	}
	fs.list("Identifiers", ids)
	return &rec{Title: a.Label, Lead: a.Description, Fields: fs, Note: a.Note, Evidence: ev, Find: find(texts...)}
}

func sourceRec(s *record.Source, ix index) *rec {
	var fs fields
	fs.text("Type", s.SourceType)
	fs.text("Headline", s.Headline)
	fs.text("Publisher", s.Publisher)
	if s.URL != "" {
		fs.list("URL", []value{{URL: s.URL}})
	}
	fs.date("Published", &s.Published)
	fs.code("Language", s.Language)
	if s.File != "" {
		fs.list("Text file", []value{{Code: s.File, Post: " (not included: this page quotes excerpts only)"}})
	}
	fs.code("SHA-256", s.SHA256)
	fs.refs("Credits", ix, s.Credits)
	return &rec{Title: s.Title, Fields: fs, Note: s.Note, Find: find(s.ID, s.Title, s.Headline, s.Publisher)}
}

// backLabels names, for each property that refers to another record, the
// list on the referred record, in the order the lists are shown.
var backLabels = []struct{ key, label string }{
	{"measure/imposed_by", "Measures it imposed"},
	{"measure/targets", "Measures targeting it"},
	{"measure/coordinated_with", "Measures coordinated with it"},
	{"measure/responds_to", "Measures responding to it"},
	{"measure/announced_at", "Measures announced at it"},
	{"statement/speaker", "Statements it made"},
	{"statement/about", "Statements about it"},
	{"statement/occasion", "Statements made at it"},
	{"statement/audience", "Statements addressed to it"},
	{"event/actors", "Events it took part in"},
	{"event/figures", "Figures attributed to it"},
	{"measure/figures", "Figures attributed to it"},
	{"actor/roles", "Roles held of it"},
	{"actor/part_of", "Parts of it"},
	{"source/credits", "Sources crediting it"},
	{"citations", "Cited by"},
}

// labels are the lists of referring records, in the order shown: those of
// backLabels, then "Referenced by" for a property it does not name.
var labels = func() []string {
	var ls []string
	for _, b := range backLabels {
		if !slices.Contains(ls, b.label) {
			ls = append(ls, b.label)
		}
	}
	return append(ls, "Referenced by")
}()

// backRef is one record that refers to another: the list it goes into (an
// index of labels) and what it says of the reference.
type backRef struct {
	from   record.Record
	label  int
	detail string
}

// backIndex holds, for every id referred to, the records that refer to it.
type backIndex map[string][]backRef

// backRefs indexes every reference backwards: for each id, the records
// that refer to it, kind by kind and by id, each once per list.
func backRefs(kinds map[record.Kind][]record.Record) backIndex {
	out := backIndex{}
	for _, k := range record.Kinds {
		for _, r := range kinds[k] {
			for _, ref := range r.Refs() {
				l := slices.Index(labels, backLabel(r.RecordKind(), ref.Pointer))
				refs := out[ref.ID]
				// The references r makes are indexed together, so an earlier
				// one to the same id and list is at the end.
				dup := false
				for i := len(refs) - 1; i >= 0 && refs[i].from == r; i-- {
					dup = dup || refs[i].label == l
				}
				if !dup {
					out[ref.ID] = append(refs, backRef{r, l, backDetail(r, ref.Pointer)})
				}
			}
		}
	}
	return out
}

// groups returns the lists of records referring to id, in the order of
// labels.
func (b backIndex) groups(id string, ix index) []refGroup {
	refs := b[id]
	var out []refGroup
	for l, label := range labels {
		var links []value
		for _, r := range refs {
			if r.label == l {
				v := ix.link(r.from.RecordID())
				v.Post = r.detail
				links = append(links, v)
			}
		}
		if links != nil {
			out = append(out, refGroup{Label: label, Links: links})
		}
	}
	return out
}

// backLabel names the list a reference from a record of kind k at pointer
// p goes into.
func backLabel(k record.Kind, p string) string {
	field, _, _ := strings.Cut(strings.TrimPrefix(p, "/"), "/")
	if field == "citations" || (k == record.KindActor && field == "aliases") {
		return "Cited by"
	}
	for _, b := range backLabels {
		if b.key == string(k)+"/"+field {
			return b.label
		}
	}
	return "Referenced by"
}

// backDetail is what a referring record says of the reference: an event
// actor's role, a measure target's scope.
func backDetail(r record.Record, p string) string {
	parts := strings.Split(strings.TrimPrefix(p, "/"), "/")
	if len(parts) != 3 {
		return ""
	}
	i, err := strconv.Atoi(parts[1])
	if err != nil {
		return ""
	}
	switch r := r.(type) {
	case *record.Event:
		if parts[0] == "actors" && i < len(r.Actors) && r.Actors[i].Role != "" {
			return " (" + r.Actors[i].Role + ")"
		}
	case *record.Measure:
		if parts[0] == "targets" && i < len(r.Targets) && r.Targets[i].Scope != "" {
			return " (" + r.Targets[i].Scope + ")"
		}
	}
	return ""
}
