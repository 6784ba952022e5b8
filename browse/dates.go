package browse

import (
	"strings"
	"time"

	"curate/edtf"
	"curate/record"
)

// dateView is a date as a record's field shows it: the EDTF string, its
// basis, a reading in words and the curator's note.
type dateView struct {
	EDTF, Basis, Reading, Note string
}

func viewDate(d *record.Date) *dateView {
	v := &dateView{EDTF: d.EDTF, Basis: d.Basis, Note: d.Note}
	if p, err := edtf.Parse(d.EDTF); err == nil {
		v.Reading = reading(p)
	}
	return v
}

// day formats a day as "Fri 25 Feb 2022".
func day(t time.Time) string { return t.Format("Mon 2 Jan 2006") }

// reading says in words what a parsed date denotes: "Fri 25 Feb 2022",
// "one day on or before Sat 26 Feb 2022", "lasting from an open start to
// Sat 26 Feb 2022".
func reading(d edtf.Date) string {
	var s string
	switch d.Precision {
	case edtf.Day:
		s = day(d.Earliest)
	case edtf.Set:
		s = "one day " + within(d)
	case edtf.Interval:
		from, to := "an unknown start", "an unknown end"
		switch {
		case d.OpenStart:
			from = "an open start"
		case !d.UnknownStart:
			from = day(d.Earliest)
		}
		switch {
		case d.OpenEnd:
			to = "an open end"
		case !d.UnknownEnd:
			to = day(d.Latest)
		}
		s = "lasting from " + from + " to " + to
	default: // month, season, year, decade, century
		s = "a " + string(d.Precision) + ": " + within(d)
	}
	switch {
	case d.Uncertain && d.Approximate:
		s += ", uncertain and approximate"
	case d.Uncertain:
		s += ", uncertain"
	case d.Approximate:
		s += ", approximate"
	}
	return s
}

// within describes the bounds of a span: "between A and B", "on or before
// B", "on or after A"; for a set of single days, "one of A, B".
func within(d edtf.Date) string {
	if len(d.Members) > 1 && !d.OpenStart && !d.OpenEnd {
		days := make([]string, 0, len(d.Members))
		for _, m := range d.Members {
			if m.Precision != edtf.Day {
				days = nil
				break
			}
			days = append(days, day(m.Earliest))
		}
		if days != nil {
			return "of " + strings.Join(days, ", ")
		}
	}
	switch {
	case d.OpenStart && d.OpenEnd:
		return "at any time"
	case d.OpenStart:
		return "on or before " + day(d.Latest)
	case d.OpenEnd:
		return "on or after " + day(d.Earliest)
	}
	return "between " + day(d.Earliest) + " and " + day(d.Latest)
}
