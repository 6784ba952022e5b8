package edtf

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// set parses s, which starts with "[", as a level 2 "one of a set": members
// separated by "," and closed by "]". Each member is a single date, or a
// range "A..B"; the first may be "..B" and the last "A..".
func (p parser) set() (Date, *Error) {
	s := p.s
	d := Date{Raw: s, Precision: Set}
	for i := 1; ; {
		j := i
		for j < len(s) && s[j] != ',' && s[j] != ']' {
			r, size := utf8.DecodeRuneInString(s[j:])
			switch {
			case r == '[' || r == '{':
				return Date{}, p.fail(Syntax, j, "unexpected %q at character %d: sets cannot be nested", string(r), p.pos(j))
			case r == '/':
				e := p.fail(Syntax, j, `unexpected "/" at character %d: a set lists dates and ranges such as "2022-02-21..2022-02-26", not intervals`, p.pos(j))
				e.fix = &edit{j, j + 1, "..", false}
				return Date{}, e
			case unicode.IsSpace(r):
				return Date{}, p.fail(Syntax, j, "unexpected whitespace at character %d: a set is written without spaces", p.pos(j))
			}
			j += size
		}
		first, last := i == 1, j == len(s) || s[j] == ']'
		if i == j { // an empty member
			switch {
			case j == len(s):
				return Date{}, p.unclosed()
			case s[j] == ',':
				return Date{}, p.strayComma(j)
			case first:
				return Date{}, p.fail(Syntax, j, `empty set "[]": list at least one date, e.g. "[2022-02-24,2022-02-25]"`)
			default:
				return Date{}, p.strayComma(i - 1)
			}
		}
		m, e := p.member(i, j, first, last)
		if e != nil {
			return Date{}, e
		}
		d.Members = append(d.Members, m)
		switch {
		case j == len(s):
			return Date{}, p.unclosed()
		case s[j] == ']':
			if k := j + 1; k < len(s) {
				if s[k] == '/' {
					return Date{}, p.setInIntervalErr(0)
				}
				return Date{}, p.fail(Syntax, k, "unexpected text after the set: %q", s[k:])
			}
			d.bound()
			return d, nil
		}
		i = j + 1
	}
}

// member parses the set member s[lo:hi] (not empty): a single date, or a
// range with "..", which may open only the first member and end only the
// last.
func (p parser) member(lo, hi int, first, last bool) (Date, *Error) {
	s := p.s
	k := strings.Index(s[lo:hi], "..")
	if k < 0 {
		return p.single(lo, hi)
	}
	k += lo
	m := Date{Raw: s[lo:hi], Precision: Interval, OpenStart: k == lo, OpenEnd: k+2 == hi}
	switch {
	case m.OpenStart && m.OpenEnd:
		return Date{}, p.fail(Syntax, lo, `".." alone is not a member of a set: put a date before or after it, e.g. "[..2022-02-26]"`)
	case m.OpenStart && !first:
		return Date{}, p.fail(Syntax, lo, `an open start ("..") is allowed only on the first member of a set`)
	case m.OpenEnd && !last:
		return Date{}, p.fail(Syntax, k, `an open end ("..") is allowed only on the last member of a set`)
	}
	if j := strings.Index(s[k+2:hi], ".."); j >= 0 {
		off := k + 2 + j
		return Date{}, p.fail(Syntax, off, `unexpected ".." at character %d: a range has exactly one ".."`, p.pos(off))
	}
	if !m.OpenStart {
		start, e := p.single(lo, k)
		if e != nil {
			return Date{}, e
		}
		m.Start, m.Earliest = &start, start.Earliest
		m.Uncertain, m.Approximate = start.Uncertain, start.Approximate
	}
	if !m.OpenEnd {
		end, e := p.single(k+2, hi)
		if e != nil {
			return Date{}, e
		}
		m.End, m.Latest = &end, end.Latest
		m.Uncertain = m.Uncertain || end.Uncertain
		m.Approximate = m.Approximate || end.Approximate
		if m.Start != nil && m.Start.Earliest.After(end.Latest) {
			e := p.fail(Order, k+2, "range start %q is after its end %q", s[lo:k], s[k+2:hi])
			e.fix = &edit{lo, hi, s[k+2:hi] + ".." + s[lo:k], true}
			return Date{}, e
		}
	}
	return m, nil
}

// bound sets a set's bounds and flags from its members.
func (d *Date) bound() {
	for i, m := range d.Members {
		d.Uncertain = d.Uncertain || m.Uncertain
		d.Approximate = d.Approximate || m.Approximate
		d.OpenStart = d.OpenStart || m.OpenStart
		d.OpenEnd = d.OpenEnd || m.OpenEnd
		if i == 0 || m.Earliest.Before(d.Earliest) {
			d.Earliest = m.Earliest
		}
		if i == 0 || m.Latest.After(d.Latest) {
			d.Latest = m.Latest
		}
	}
	if d.OpenStart {
		d.Earliest = time.Time{}
	}
	if d.OpenEnd {
		d.Latest = time.Time{}
	}
}

func (p parser) unclosed() *Error {
	e := p.fail(Syntax, len(p.s), `missing "]" at the end of the set`)
	e.fix = &edit{len(p.s), len(p.s), "]", false}
	return e
}

func (p parser) strayComma(off int) *Error {
	e := p.fail(Syntax, off, `stray "," at character %d: commas go between the members of a set`, p.pos(off))
	e.fix = &edit{off, off + 1, "", false}
	return e
}

// setInIntervalErr reports a set at off used as an end of an interval.
func (p parser) setInIntervalErr(off int) *Error {
	return p.fail(Unsupported, off, `a set inside an interval (level 2) is not supported: give the set alone, e.g. "[..2022-02-26]", or an interval of plain dates`)
}
