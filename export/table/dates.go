package table

import (
	"strings"
	"sync/atomic"

	"curate/edtf"
	"curate/record"
)

// PrecisionDesc describes a _precision column: the words it holds.
const PrecisionDesc = "day, month, season, year, decade, century, interval (something that lasts, from its start to its end) or set (one day, month or year the source leaves uncertain, somewhere within the bounds _earliest and _latest)."

// DatesNotes explain the date columns to researchers: in the codebook,
// and in the workbook's about sheet.
var DatesNotes = []string{
	"Each date is six columns, named after the date (`date`, `published`, `announced`, `effective`, `ended`): " +
		"`NAME` holds the EDTF string (ISO 8601-2) as curated; `NAME_earliest` and `NAME_latest` are the first and last day it can denote, " +
		"empty where that end is open (`..`) or unknown; `NAME_precision` says how finely it is known: " + PrecisionDesc + " " +
		"`NAME_basis` says how the date was read from the source: stated (the source gives the calendar date), " +
		"inferred (resolved from the source's words, e.g. \"on Friday\", against a known date) or bounded (only a bound is known); " +
		"`NAME_note` says how, naming the words read.",
	"An interval and a set both have two bounds, and mean different things. An interval (`2022-02-21/2022-02-26`, precision interval) lasts: " +
		"what it dates went on from its start to its end. A set (`[2022-02-21..2022-02-26]`, `[..2022-02-26]`, `[2022-02-24,2022-02-25]`, precision set) " +
		"is one day: what it dates happened on a single day the source leaves uncertain (or in one month or year, for a set of months or years), " +
		"somewhere between `_earliest` and `_latest`; for a list, on one of the days listed.",
	"To keep only the dates known to the day and given as such by the source, filter on " +
		"`date_precision == \"day\" and date_basis == \"stated\"` (with the date's name in place of `date`), " +
		"e.g. in pandas `events[(events.date_precision == \"day\") & (events.date_basis == \"stated\")]`. " +
		"A day marked uncertain or approximate (a final `?`, `~` or `%`) has precision day too; to drop those as well, " +
		"also require that the EDTF value ends with a digit.",
}

// dateCols returns the six columns of the date property name, whose value
// get returns (nil when the record has none): the EDTF string itself,
// name_earliest and name_latest (the first and last day it can denote),
// name_precision, name_basis (how the date was read: stated, inferred,
// bounded) and name_note. Every table with a date has these columns, and
// the JSON-LD document reads a date through them, so both derive a date's
// fields in this one place.
func dateCols[R any](b builder, file, name string, required bool, get func(R) *record.Date) []col[R] {
	// edtfOf is the EDTF string, "" when there is no date: then every
	// cell, the basis and the note included, is empty.
	edtfOf := func(r R) string {
		if d := get(r); d != nil {
			return d.EDTF
		}
		return ""
	}
	part := func(f func(*edtfParts) any) func(R) any {
		return func(r R) any {
			if s := edtfOf(r); s != "" {
				return f(partsOf(s))
			}
			return nil
		}
	}
	// own is a cell the date object itself holds (its basis, its note).
	own := func(f func(*record.Date) string) func(R) any {
		return func(r R) any {
			if edtfOf(r) == "" {
				return nil
			}
			return str(f(get(r)))
		}
	}
	s := b.file(file)
	defs := b.file("defs.schema.json")
	return []col[R]{
		{
			Column: Column{Name: name, Type: String, Required: required, Description: s.prop(name) + " As an EDTF (ISO 8601-2) string: level 1, or a level 2 \"one of a set\" in square brackets."},
			cell:   func(r R) any { return str(edtfOf(r)) },
		},
		{
			Column: Column{Name: name + "_earliest", Type: Date, Description: "Derived from " + name + ": the first day it can denote; empty when that end is open or unknown."},
			cell:   part(func(p *edtfParts) any { return p.earliest }),
		},
		{
			Column: Column{Name: name + "_latest", Type: Date, Description: "Derived from " + name + ": the last day it can denote; empty when that end is open or unknown."},
			cell:   part(func(p *edtfParts) any { return p.latest }),
		},
		{
			Column: Column{Name: name + "_precision", Type: String, Description: "Derived from " + name + ": how finely it is known: " + PrecisionDesc},
			cell:   part(func(p *edtfParts) any { return p.precision }),
		},
		{
			Column: Column{Name: name + "_basis", Type: String, Required: required, Description: defs.desc("/$defs/date/properties/basis")},
			cell:   own(func(d *record.Date) string { return d.Basis }),
		},
		{
			Column: Column{Name: name + "_note", Type: String, Description: defs.desc("/$defs/date/properties/note")},
			cell:   own(func(d *record.Date) string { return d.Note }),
		},
	}
}

// edtfParts is what an EDTF string says, as cells: nil where it says
// nothing, and nil throughout when the string does not parse.
type edtfParts struct {
	raw       string
	earliest  any // time.Time: the first day it can denote; nil when that end is open or unknown
	latest    any // time.Time: the last day; nil when that end is open or unknown
	precision any // string: day, month, season, year, decade, century, interval or set
	day       any // time.Time: the day, when the value is one day known exactly (no ? ~ %)
}

// partsCache holds recent results of partsOf, direct-mapped by a hash of
// the EDTF string: a row's three derived date cells, the flat table's
// copies of them and the many records that share a date parse it once.
// Results are never modified, so concurrent callers are safe: at worst
// they parse again.
var partsCache [256]atomic.Pointer[edtfParts]

// partsSlot returns the cache slot of an EDTF string (FNV-1a).
func partsSlot(s string) *atomic.Pointer[edtfParts] {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h = (h ^ uint32(s[i])) * 16777619
	}
	return &partsCache[h%uint32(len(partsCache))]
}

// partsOf parses an EDTF string into its cells.
func partsOf(s string) *edtfParts {
	slot := partsSlot(s)
	if p := slot.Load(); p != nil && p.raw == s {
		return p
	}
	// A clone: s may be part of a larger string (a record read from a
	// Store), which the cache would otherwise keep.
	p := &edtfParts{raw: strings.Clone(s)}
	if d, err := edtf.Parse(s); err == nil {
		// Not IsZero: 0001-01-01 is the zero time, and a known day.
		if !d.OpenStart && !d.UnknownStart {
			p.earliest = d.Earliest
		}
		if !d.OpenEnd && !d.UnknownEnd {
			p.latest = d.Latest
		}
		p.precision = string(d.Precision)
		if d.Precision == edtf.Day && !d.Uncertain && !d.Approximate {
			p.day = p.earliest
		}
	}
	slot.Store(p)
	return p
}

// DateColumn is one of the columns of a date property, with the cell it
// gives for a date.
type DateColumn struct {
	Column
	// Cell is the column's cell for the date d: nil or a string, but for
	// a column of Type Date, whose cell is a time.Time.
	Cell func(d *record.Date) any
}

// DateColumns returns the columns that every table with the date property
// name has (without their descriptions), read from the date itself:
// JSON-LD gives a date's fields through them, as the tables do.
func DateColumns(name string) []DateColumn {
	cols := dateCols(builder{}, "", name, false, func(d *record.Date) *record.Date { return d })
	out := make([]DateColumn, len(cols))
	for i, c := range cols {
		out[i] = DateColumn{c.Column, c.cell}
	}
	return out
}

// Day returns the day an EDTF string denotes as a cell, a time.Time, when
// it is one day known exactly (no ? ~ %); nil otherwise.
func Day(s string) any { return partsOf(s).day }
