package browse

import (
	"iter"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"curate/edtf"
	"curate/record"
)

// The timeline's geometry, in SVG user units.
const (
	tlWidth   = 940.0 // the whole drawing
	tlLabels  = 330.0 // the column of row labels on the left
	tlRight   = 16.0  // margin right of the plot
	tlTop     = 44.0  // the axis labels above the rows
	rowH      = 22.0  // one row
	tlBottom  = 26.0  // below the last row
	tlLabelN  = 44    // characters of a row label
	dayRadius = 7.0   // half the width of a day's diamond
	setHalf   = 3.5   // half the height of a span's thin bar
	barHalf   = 6.5   // half the height of an interval's bar
	arrowLen  = 8.0   // an open end's arrow
	fadeLen   = 90.0  // how far an open end fades
)

// timeline is the SVG drawing of every dated event, measure and statement.
type timeline struct {
	W, H, PlotLeft, PlotRight, PlotTop, PlotBottom, PlotHeight, PubY string
	FadeIn, FadeOut                                                  string // where the fades end and start, as fractions of the plot's width
	Title                                                            string
	Ticks                                                            []tick
	Pubs                                                             []pubDay
	Groups                                                           []tlGroup
	Marks                                                            int // dated records drawn
}

// tick is an axis label at X and its grid line at GX.
type tick struct{ X, GX, Label, Sub string }

// pubDay shades a day on which a source was published.
type pubDay struct{ X, Mid, Width, Title string }

// tlGroup is one kind's rows, built one at a time as the template writes
// them.
type tlGroup struct {
	Y, Label string
	Rows     iter.Seq[tlRow]
}

type tlRow struct {
	ID, Kind, Label, Tip, Y, LineY string
	Shapes                         []shape
}

// shape is one SVG path of a mark; Class says what it draws (its basis
// and form) and so how it looks; Mask, when set, is the id of the mask
// that fades it towards an open or unknown end.
type shape struct{ Class, D, Mask string }

// dated is one of a record's dates, parsed.
type dated struct {
	role string // "" for a record's only date, else announced, effective, ended
	raw  *record.Date
	d    edtf.Date
}

// datedRec is a record and the dates the timeline draws for it.
type datedRec struct {
	id, kind, label string
	dates           []dated
}

// datesOf returns a record's parsed dates (those that parse).
func datesOf(roles []string, ds []*record.Date) []dated {
	var out []dated
	for i, d := range ds {
		if d == nil || d.EDTF == "" {
			continue
		}
		p, err := edtf.Parse(d.EDTF)
		if err != nil {
			continue
		}
		out = append(out, dated{roles[i], d, p})
	}
	return out
}

// buildTimeline draws the dated events, measures and statements, and
// returns the undated ones as links.
func buildTimeline(ds *record.Dataset, ix index) (*timeline, []value) {
	var groups [][]datedRec
	var undated []value
	one := []string{""}
	mdates := []string{"announced", "effective", "ended"}
	collect := func(id, kind, label string, dates []dated) []datedRec {
		if len(dates) == 0 {
			undated = append(undated, ix.link(id))
			return nil
		}
		return []datedRec{{id, kind, label, dates}}
	}
	var evs, ms, sts []datedRec
	for _, e := range sorted(ds.Events) {
		evs = append(evs, collect(e.ID, "event", e.Title, datesOf(one, []*record.Date{e.Date}))...)
	}
	for _, m := range sorted(ds.Measures) {
		ms = append(ms, collect(m.ID, "measure", m.Title, datesOf(mdates, []*record.Date{m.Announced, m.Effective, m.Ended}))...)
	}
	for _, s := range sorted(ds.Statements) {
		sts = append(sts, collect(s.ID, "statement", statementTitle(s, ix), datesOf(one, []*record.Date{s.Date}))...)
	}
	groups = [][]datedRec{evs, ms, sts}
	names := []string{"Events", "Measures", "Statements"}

	// The axis runs from the earliest known day to the latest, with a
	// margin; open and unknown ends run to the plot's edges.
	var lo, hi time.Time
	n := 0
	widen := func(t time.Time) {
		if n == 0 || t.Before(lo) {
			lo = t
		}
		if n == 0 || t.After(hi) {
			hi = t
		}
		n++
	}
	for _, g := range groups {
		for _, r := range g {
			for _, d := range r.dates {
				if s, ok := start(d.d); ok {
					widen(s)
				}
				if e, ok := end(d.d); ok {
					widen(e)
				}
			}
		}
	}
	if n == 0 {
		return nil, undated
	}
	span := int(hi.Sub(lo).Hours()/24) + 1
	pad := max(1, span/40)
	lo, hi = lo.AddDate(0, 0, -pad), hi.AddDate(0, 0, pad)
	days := hi.Sub(lo).Hours()/24 + 1
	x0, x1 := tlLabels, tlWidth-tlRight
	dw := (x1 - x0) / days
	x := func(t time.Time) float64 { return x0 + t.Sub(lo).Hours()/24*dw }

	tl := &timeline{PlotLeft: num(x0), PlotRight: num(x1), PlotTop: num(tlTop - 6)}
	fade := min(fadeLen/(x1-x0), 0.5)
	tl.FadeIn, tl.FadeOut = strconv.FormatFloat(fade, 'f', 3, 64), strconv.FormatFloat(1-fade, 'f', 3, 64)
	// The days sources were published, each shaded once, its tooltip
	// naming them.
	published := map[time.Time][]string{}
	var pubDays []time.Time
	for _, s := range sorted(ds.Sources) {
		p, err := edtf.Parse(s.Published.EDTF)
		if err != nil || p.Precision != edtf.Day || p.Earliest.Before(lo) || p.Earliest.After(hi) {
			continue
		}
		if published[p.Earliest] == nil {
			pubDays = append(pubDays, p.Earliest)
		}
		published[p.Earliest] = append(published[p.Earliest], s.Title)
	}
	slices.SortFunc(pubDays, time.Time.Compare)
	for _, d := range pubDays {
		title := "Published " + day(d) + ": " + strings.Join(published[d], "; ")
		tl.Pubs = append(tl.Pubs, pubDay{X: num(x(d)), Mid: num(x(d) + dw/2), Width: num(max(dw, 2)), Title: title})
	}
	tl.Ticks = ticks(lo, hi, x, dw)

	y := tlTop
	for gi, g := range groups {
		if len(g) == 0 {
			continue
		}
		slices.SortStableFunc(g, func(a, b datedRec) int { return compareDates(a.dates[0].d, b.dates[0].d) })
		grp := tlGroup{Y: num(y + rowH*0.7), Label: names[gi]}
		y0 := y + rowH
		grp.Rows = func(yield func(tlRow) bool) {
			for i, r := range g {
				if !yield(row(r, y0+float64(i)*rowH, x, dw, x0, x1)) {
					return
				}
			}
		}
		tl.Groups = append(tl.Groups, grp)
		tl.Marks += len(g)
		y = y0 + float64(len(g))*rowH
	}
	tl.PlotBottom, tl.PlotHeight, tl.PubY = num(y), num(y-(tlTop-6)), num(y+15)
	tl.W, tl.H = num(tlWidth), num(y+tlBottom)
	return tl, undated
}

// row draws a dated record on the row whose top is at y.
func row(r datedRec, y float64, x func(time.Time) float64, dw, x0, x1 float64) tlRow {
	cy := y + rowH/2
	row := tlRow{ID: r.id, Kind: r.kind, Label: truncate(r.label, tlLabelN), Y: num(cy + 4), LineY: num(y + rowH)}
	tips := []string{r.label, r.id}
	for _, d := range r.dates {
		row.Shapes = append(row.Shapes, mark(d, cy, x, dw, x0, x1)...)
		t := d.raw.EDTF + " (" + d.raw.Basis + "): " + reading(d.d)
		if d.role != "" {
			t = d.role + " " + t
		}
		tips = append(tips, t)
	}
	row.Tip = strings.Join(tips, "\n")
	return row
}

// start and end are a date's first and last known days; false for an open
// or unknown end.
func start(d edtf.Date) (time.Time, bool) { return d.Earliest, !d.OpenStart && !d.UnknownStart }
func end(d edtf.Date) (time.Time, bool)   { return d.Latest, !d.OpenEnd && !d.UnknownEnd }

// compareDates orders dates by start (open and unknown starts first), then
// by end (open and unknown ends last).
func compareDates(a, b edtf.Date) int {
	sa, oka := start(a)
	sb, okb := start(b)
	switch {
	case !oka && okb:
		return -1
	case oka && !okb:
		return 1
	case oka && okb && !sa.Equal(sb):
		return sa.Compare(sb)
	}
	ea, oka := end(a)
	eb, okb := end(b)
	switch {
	case !oka && okb:
		return 1
	case oka && !okb:
		return -1
	case oka && okb:
		return ea.Compare(eb)
	}
	return 0
}

// mark draws one date on the row centred at cy: a diamond for a day, a
// thin bar between brackets for a span that holds one day (a set, a month,
// a year), a thick bar for an interval (something that lasts); an open or
// unknown end runs to the plot's edge and ends in an arrow. The class
// names its basis (b-stated, b-inferred, b-bounded) and its form.
func mark(d dated, cy float64, x func(time.Time) float64, dw, x0, x1 float64) []shape {
	basis := "b-" + d.raw.Basis
	p := d.d
	if p.Precision == edtf.Day {
		cx := x(p.Earliest) + dw/2
		return []shape{{basis + " day", path("M", cx-dayRadius, cy, "L", cx, cy-dayRadius, "L", cx+dayRadius, cy, "L", cx, cy+dayRadius, "Z"), ""}}
	}
	half, form := setHalf, "span"
	if p.Precision == edtf.Interval {
		half, form = barHalf, "bar"
	}
	s, sok := start(p)
	e, eok := end(p)
	a, b := x0+arrowLen, x1-arrowLen
	if sok {
		a = x(s)
	}
	if eok {
		b = x(e) + dw
	}
	if b-a < 2*dayRadius { // too short to see: widen around its middle
		m := (a + b) / 2
		a, b = m-dayRadius, m+dayRadius
	}
	out := []shape{{basis + " " + form, path("M", a, cy-half, "H", b, "V", cy+half, "H", a, "Z"), fades[[2]bool{!sok, !eok}]}}
	if form == "span" {
		h := half + 4
		if sok {
			out = append(out, shape{basis + " bracket", path("M", a+3, cy-h, "H", a, "V", cy+h, "H", a+3), ""})
		}
		if eok {
			out = append(out, shape{basis + " bracket", path("M", b-3, cy-h, "H", b, "V", cy+h, "H", b-3), ""})
		}
	}
	if !sok {
		out = append(out, shape{"arrow", path("M", x0, cy, "L", x0+arrowLen, cy-half-2, "V", cy+half+2, "Z"), ""})
	}
	if !eok {
		out = append(out, shape{"arrow", path("M", x1, cy, "L", x1-arrowLen, cy-half-2, "V", cy+half+2, "Z"), ""})
	}
	return out
}

// fades names the masks (defined in the template) that fade a bar towards
// its open or unknown start, end, or both.
var fades = map[[2]bool]string{{true, false}: "fade-start", {false, true}: "fade-end", {true, true}: "fade-both"}

// path writes SVG path data from commands and coordinates.
func path(parts ...any) string {
	var b strings.Builder
	for i, p := range parts {
		if i > 0 {
			b.WriteByte(' ')
		}
		switch p := p.(type) {
		case string:
			b.WriteString(p)
		case float64:
			b.WriteString(num(p))
		}
	}
	return b.String()
}

// num formats a coordinate with one decimal, the same on every machine.
func num(f float64) string {
	return strconv.FormatFloat(math.Round(f*10)/10, 'f', -1, 64)
}

// ticks returns the axis labels between lo and hi: days for a short span
// (every k-th labelled), months for a longer one, years beyond.
func ticks(lo, hi time.Time, x func(time.Time) float64, dw float64) []tick {
	days := int(hi.Sub(lo).Hours()/24) + 1
	const most = 14 // labels that fit across the plot
	var out []tick
	switch {
	case days <= 92:
		step := (days + most - 1) / most
		lastMonth := -1
		for t, i := lo, 0; !t.After(hi); t, i = t.AddDate(0, 0, 1), i+1 {
			if i%step != 0 {
				continue
			}
			k := tick{X: num(x(t) + dw/2), GX: num(x(t)), Label: t.Format("Mon 2")}
			if m := int(t.Month()) + 12*t.Year(); m != lastMonth {
				k.Sub, lastMonth = t.Format("Jan 2006"), m
			}
			out = append(out, k)
		}
	case days <= 3*366:
		months := days/30 + 1
		step := (months + most - 1) / most
		t := time.Date(lo.Year(), lo.Month(), 1, 0, 0, 0, 0, time.UTC)
		for i := 0; !t.After(hi); t, i = t.AddDate(0, 1, 0), i+1 {
			if t.Before(lo) || i%step != 0 {
				continue
			}
			out = append(out, tick{X: num(x(t)), GX: num(x(t)), Label: t.Format("Jan 2006")})
		}
	default:
		years := hi.Year() - lo.Year() + 1
		step := 1
		for _, s := range []int{1, 2, 5, 10, 20, 50, 100, 200, 500, 1000} {
			step = s
			if years/s <= most {
				break
			}
		}
		for yr := (lo.Year()/step + 1) * step; yr <= hi.Year(); yr += step {
			gx := num(x(time.Date(yr, 1, 1, 0, 0, 0, 0, time.UTC)))
			out = append(out, tick{X: gx, GX: gx, Label: strconv.Itoa(yr)})
		}
	}
	return out
}
