// Package edtf parses Extended Date/Time Format (ISO 8601-2) level 0 and 1
// date strings and the level 2 "one of a set", checks them against the
// proleptic Gregorian calendar, and derives what exports need: the earliest
// and latest day a value can denote, a precision word and the
// uncertain/approximate flags.
//
// Accepted forms (dates only, years 0000-9999):
//
//	2022, 2022-02, 2022-02-25          year, month, day
//	2022?, 2022-02~, 2022-02-25%       qualifier at the end: uncertain, approximate, both
//	201X, 20XX                         unspecified digits at the end of the year
//	2022-XX, 2022-02-XX, 2022-XX-XX    unspecified month and/or day
//	2022-21 .. 2022-24                 spring, summer, autumn, winter
//	A/B, ../B, A/.., /B, A/            intervals; ".." is an open end, "" an unknown end
//	[A,B], [A..B], [..B], [A..]        one of a set (level 2): one date among A and B,
//	[A,B..C]                           within A..B, on or before B, on or after A
//
// The members of a set are the single dates above (not intervals); ".." may
// open the first member or end the last, and a set is written without
// spaces.
//
// Everything else is rejected with an *Error whose Kind names the rule that
// failed: Syntax, Calendar, Order or Unsupported (times, years outside
// 0000-9999 and the other level 2 features, such as "{...}" sets, qualifiers
// on part of a date or sets inside intervals). Where a common mistake can be
// recognised (day and month swapped, "02/25/2022", "25 February 2022",
// missing leading zeros, an interval the wrong way round) the Error's Hint
// says what was probably meant.
package edtf

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Precision says how finely a date is known.
type Precision string

// The precisions of a parsed value.
const (
	Day      Precision = "day"      // 2022-02-25
	Month    Precision = "month"    // 2022-02, 2022-02-XX
	Season   Precision = "season"   // 2022-21
	Year     Precision = "year"     // 2022, 2022-XX, 2022-XX-XX
	Decade   Precision = "decade"   // 201X
	Century  Precision = "century"  // 20XX
	Interval Precision = "interval" // 2022-02-21/2022-02-25

	// Set is one day, month or year among the listed values or within the
	// listed range ("[2022-02-24,2022-02-25]", "[..2022-02-26]"); Earliest
	// and Latest are the bounds of all members.
	Set Precision = "set"
)

// Date is a parsed EDTF value.
//
// Earliest and Latest are the nominal bounds: qualifiers do not widen them,
// so "2022-02~" spans 2022-02-01..2022-02-28 like "2022-02". Unspecified
// digits span their whole range ("201X" is 2010-01-01..2019-12-31). Seasons
// are northern meteorological seasons: spring (21) is March 1 to May 31,
// summer (22) June 1 to August 31, autumn (23) September 1 to November 30,
// and winter (24) December 1 of the year to the last day of February of the
// next year (so "9999-24" ends in year 10000).
//
// A set (Precision Set) spans from the earliest first day of any member to
// the latest last day of any member; a first member with an open start
// ("[..2022-02-26]") sets OpenStart and leaves Earliest zero, a last member
// with an open end ("[2022-02-24..]") sets OpenEnd and leaves Latest zero.
// Precision == Set is the only flag that a value is a set.
//
// The day 0001-01-01 UTC is the zero time.Time, so a value starting on it
// ("0001", "0001-01-01") has an Earliest that IsZero and for which ISO returns
// "". Use Start, OpenStart and UnknownStart, not IsZero, to tell whether an
// interval start is known.
//
// Date holds a slice (Members), so it cannot be compared with ==.
type Date struct {
	Raw         string    // the input, unchanged
	Precision   Precision // for an interval: Interval; for a set: Set
	Earliest    time.Time // first day the value can denote (UTC midnight); zero when unknown or open
	Latest      time.Time // last day the value can denote (UTC midnight); zero when unknown or open
	Uncertain   bool      // "?" or "%" on the date, on either end of an interval, or on any member of a set
	Approximate bool      // "~" or "%" on the date, on either end of an interval, or on any member of a set

	Start, End *Date // for an interval or a range member of a set: its ends; nil when the end is unknown ("") or open ("..")

	OpenStart, OpenEnd       bool // interval or set end given as ".."
	UnknownStart, UnknownEnd bool // interval end left empty

	// Members are the members of a set (nil for every other value), in the
	// order written. A single date is parsed as on its own ("2022-02-24?" is
	// a Day). A range is an interval-like Date: Precision Interval, Raw
	// "2022-02-21..2022-02-26", Start and End, or OpenStart and a nil Start
	// for "..2022-02-26", OpenEnd and a nil End for "2022-02-24..".
	Members []Date
}

// ErrorKind classifies a parse failure, so callers can name the rule that failed.
type ErrorKind string

// The kinds of parse failure.
const (
	Syntax      ErrorKind = "edtf-syntax"         // not EDTF at all, or not level 0/1 or a level 2 set
	Calendar    ErrorKind = "edtf-calendar"       // well formed, but no such day/month (2022-02-30, 2022-13)
	Order       ErrorKind = "edtf-interval-order" // interval, or range in a set, whose start is after its end
	Unsupported ErrorKind = "edtf-unsupported"    // valid EDTF this project does not accept (times, years outside 0000-9999, other level 2 features)
)

// Error describes why a string is not an acceptable EDTF date.
type Error struct {
	Kind   ErrorKind
	Offset int    // 0-based byte offset in the input where the problem starts
	Msg    string // one line, lower case, no final period; quotes the input where helpful
	// Hint says what to do, usually what the curator probably meant
	// ("did you mean 2022-02-24?"); "" when there is nothing specific to
	// say. One line, lower case, no final period (it may end with "?");
	// every date it suggests parses.
	Hint string

	fix *edit // while parsing: a repair of the input that hint may suggest
}

// Error returns e.Msg. The Kind and Hint are not included; use Kind to name
// the rule. Character positions in messages count characters (not bytes)
// from 1.
func (e *Error) Error() string { return e.Msg }

// ISO formats a day as YYYY-MM-DD, or "" for the zero time.
func ISO(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

// Parse parses s. On failure the error is an *Error and the Date is zero.
// Whitespace is not trimmed: leading or trailing whitespace is a Syntax error.
func Parse(s string) (Date, error) {
	d, e := parse(s)
	if e != nil {
		e.Hint = hint(s, e)
		e.fix = nil
		return Date{}, e
	}
	return d, nil
}

// parse is Parse without hints.
func parse(s string) (Date, *Error) {
	p := parser{s}
	if s == "" {
		return Date{}, p.fail(Syntax, 0, "empty date")
	}
	if strings.TrimSpace(s) != s {
		off := 0
		if !unicode.IsSpace(firstRune(s)) {
			off = len(strings.TrimRightFunc(s, unicode.IsSpace))
		}
		return Date{}, p.fail(Syntax, off, "leading or trailing whitespace")
	}
	switch s[0] {
	case '[':
		return p.set()
	case '{':
		return Date{}, p.fail(Unsupported, 0, `"all members" sets ("{...}", level 2) are not supported: curate accepts "[...]" for one of a set, e.g. "[2022-02-24,2022-02-25]"`)
	}
	slash := strings.IndexByte(s, '/')
	if slash < 0 {
		return p.single(0, len(s))
	}
	if j := strings.IndexByte(s[slash+1:], '/'); j >= 0 {
		off := slash + 1 + j
		return Date{}, p.fail(Syntax, off, `unexpected "/" at character %d: an interval has exactly one "/"`, p.pos(off))
	}
	a, b := s[:slash], s[slash+1:]
	if (a == "" || a == "..") && (b == "" || b == "..") {
		return Date{}, p.fail(Syntax, 0, "interval %q has no date at either end: give a date for at least one end", s)
	}
	d := Date{Raw: s, Precision: Interval, UnknownStart: a == "", OpenStart: a == "..",
		UnknownEnd: b == "", OpenEnd: b == ".."}
	if !d.UnknownStart && !d.OpenStart {
		start, err := p.single(0, slash)
		if err != nil {
			return Date{}, err
		}
		d.Start, d.Earliest = &start, start.Earliest
		d.Uncertain, d.Approximate = start.Uncertain, start.Approximate
	}
	if !d.UnknownEnd && !d.OpenEnd {
		end, err := p.single(slash+1, len(s))
		if err != nil {
			return Date{}, err
		}
		d.End, d.Latest = &end, end.Latest
		d.Uncertain = d.Uncertain || end.Uncertain
		d.Approximate = d.Approximate || end.Approximate
		if d.Start != nil && d.Start.Earliest.After(end.Latest) {
			e := p.fail(Order, slash+1, "interval start %q is after its end %q", a, b)
			e.fix = &edit{0, len(s), b + "/" + a, true}
			return Date{}, e
		}
	}
	return d, nil
}

// parser holds the whole input, so that errors in any part of an interval
// or a set carry offsets and character positions relative to it.
type parser struct{ s string }

func (p parser) fail(kind ErrorKind, off int, format string, args ...any) *Error {
	return &Error{Kind: kind, Offset: off, Msg: fmt.Sprintf(format, args...)}
}

// pos is the 1-based character position of byte offset off, for messages.
func (p parser) pos(off int) int { return utf8.RuneCountInString(p.s[:off]) + 1 }

// unexpected reports the character at off, where want was expected.
func (p parser) unexpected(off int, want string) *Error {
	r, size := utf8.DecodeRuneInString(p.s[off:])
	if unicode.IsSpace(r) {
		return p.fail(Syntax, off, "unexpected whitespace at character %d", p.pos(off))
	}
	return p.fail(Syntax, off, "unexpected %q at character %d: %s", p.s[off:off+size], p.pos(off), want)
}

func (p parser) qualifierErr(off int) *Error {
	return p.fail(Unsupported, off, `a qualifier on part of a date (level 2) is not supported: qualify the whole date at its end, e.g. "2022-02?"`)
}

// yearErr reports a year outside 0000-9999 ("Y170000002", "-0500", "12345")
// or an exponential year ("Y17E7") starting at lo.
func (p parser) yearErr(lo, hi int) *Error {
	j := lo
	if j < hi && p.s[j] == 'Y' {
		j++
	}
	if j < hi && p.s[j] == '-' {
		j++
	}
	j = p.skipDigits(j, hi)
	if j < hi && p.s[j] == 'E' && j+1 < hi && isDigit(p.s[j+1]) {
		j = p.skipDigits(j+1, hi)
		return p.fail(Unsupported, lo, "exponential years (level 2) are not supported (got %q): give a year 0000-9999", p.s[lo:j])
	}
	return p.fail(Unsupported, lo, "years outside 0000-9999 are not supported (got %q)", p.s[lo:j])
}

// skipDigits returns the offset after the digits and "X" at i, before hi.
func (p parser) skipDigits(i, hi int) int {
	for i < hi && (isDigit(p.s[i]) || p.s[i] == 'X') {
		i++
	}
	return i
}

// digits reads the n-character component name (digits or "X") at i, in the
// date s[lo:hi].
func (p parser) digits(i, lo, hi, n int, name string) (string, *Error) {
	for j := i; j < i+n; j++ {
		switch {
		case j >= hi:
			return "", p.fail(Syntax, j, "%q is incomplete: a %s has %d digits", p.s[lo:hi], name, n)
		case isDigit(p.s[j]) || p.s[j] == 'X':
		case j == i && isQual(p.s[j]):
			return "", p.qualifierErr(j)
		case p.s[j] == 'x':
			return "", p.unexpected(j, `expected a digit (unspecified digits are written "X")`)
		default:
			return "", p.unexpected(j, "expected a digit")
		}
	}
	if name != "year" && i+n < hi && isDigit(p.s[i+n]) {
		return "", p.unexpected(i+n, fmt.Sprintf("a %s has %d digits", name, n))
	}
	return p.s[i : i+n], nil
}

// single parses the date s[lo:hi] (not an interval or a set); lo < hi. On
// failure it offers the repair fixDate finds for s[lo:hi], if any.
func (p parser) single(lo, hi int) (Date, *Error) {
	d, e := p.date(lo, hi)
	if e != nil && e.fix == nil {
		if to := fixDate(p.s[lo:hi]); to != "" {
			e.fix = &edit{lo, hi, to, true}
		}
	}
	return d, e
}

// date parses the date s[lo:hi] for single.
func (p parser) date(lo, hi int) (Date, *Error) {
	s := p.s
	switch c := s[lo]; {
	case c == '[' || c == '{':
		return Date{}, p.setInIntervalErr(lo)
	case c == 'Y' || c == '-' && lo+1 < hi && isDigit(s[lo+1]):
		return Date{}, p.yearErr(lo, hi)
	}

	// Syntax: YYYY[-MM[-DD]][qualifier].
	year, err := p.digits(lo, lo, hi, 4, "year")
	if err != nil {
		return Date{}, err
	}
	i := lo + 4
	switch {
	case i < hi && (isDigit(s[i]) || s[i] == 'X'):
		return Date{}, p.yearErr(lo, hi)
	case i+1 < hi && s[i] == 'S' && isDigit(s[i+1]):
		j := p.skipDigits(i+1, hi)
		e := p.fail(Unsupported, i, `significant digits (%q, level 2) are not supported: use unspecified digits, e.g. "19XX", or an interval`, s[i:j])
		if n, _ := strconv.Atoi(s[i+1 : j]); j == hi && (n == 2 || n == 3) && !strings.Contains(year, "X") {
			e.fix = &edit{lo, hi, year[:n] + "XX"[:4-n], true}
		}
		return Date{}, e
	}
	var month, day string
	if i < hi && s[i] == '-' {
		if month, err = p.digits(i+1, lo, hi, 2, "month"); err != nil {
			return Date{}, err
		}
		i += 3
		if i < hi && s[i] == '-' {
			if day, err = p.digits(i+1, lo, hi, 2, "day"); err != nil {
				return Date{}, err
			}
			i += 3
			if i < hi && (s[i] == 'T' || s[i] == 't') {
				return Date{}, p.fail(Unsupported, i, "times are not supported: give the date only, e.g. %q", s[lo:i])
			}
		}
	}
	end := i // end of the date proper, before any qualifier
	d := Date{Raw: s[lo:hi]}
	if i < hi && isQual(s[i]) {
		d.Uncertain = s[i] != '~'
		d.Approximate = s[i] != '?'
		i++
		switch {
		case i < hi && isQual(s[i]):
			return Date{}, p.fail(Syntax, i, `more than one qualifier at character %d: use "%%" for uncertain and approximate`, p.pos(i))
		case i < hi && s[i] == '-' && day == "":
			return Date{}, p.qualifierErr(i - 1)
		}
	}
	if i < hi {
		if unicode.IsSpace(firstRune(s[i:hi])) {
			return Date{}, p.unexpected(i, "")
		}
		return Date{}, p.fail(Syntax, i, "unexpected text after the date: %q", s[i:hi])
	}

	// Unspecified digits: level 1 allows them only as the last one or two
	// digits of the year (with no month), as the whole month (with no day or
	// an unspecified day), or as the whole day.
	nx := len(year) - len(strings.TrimRight(year, "X"))
	if strings.Contains(year[:4-nx], "X") || nx > 2 || nx > 0 && month != "" ||
		month != "XX" && strings.Contains(month, "X") || day != "XX" && strings.Contains(day, "X") ||
		month == "XX" && day != "" && day != "XX" {
		return Date{}, p.fail(Unsupported, lo+strings.IndexByte(s[lo:end], 'X'),
			`%q places unspecified digits ("X") as only level 2 allows, which is not supported: use them for the last one or two digits of the year (e.g. "201X", "20XX"), the whole month or the whole day`,
			s[lo:end])
	}
	y0, _ := strconv.Atoi(strings.ReplaceAll(year, "X", "0"))
	y1, _ := strconv.Atoi(strings.ReplaceAll(year, "X", "9"))
	if month == "" || month == "XX" {
		d.Precision = [...]Precision{Year, Decade, Century}[nx]
		d.Earliest, d.Latest = day0(y0, 1, 1), day0(y1, 12, 31)
		return d, nil
	}
	m, _ := strconv.Atoi(month)
	dd, _ := strconv.Atoi(day) // 0 for "" and "XX"
	switch {
	case day != "" && day != "XX" && swapped(y0, m, dd):
		// Day and month the wrong way round ("2022-24-02"): the month is
		// at fault, whatever else it could mean without a day.
		if m >= 21 && m <= 24 {
			return Date{}, p.fail(Calendar, lo+5, "month %s is not valid: use 01-12 (%s is a season, %s, which has no days)", month, month, seasons[m-21])
		}
		return Date{}, p.fail(Calendar, lo+5, "month %s is not valid: use 01-12, or 21-24 for a season", month)
	case m >= 21 && m <= 24:
		if day != "" {
			return Date{}, p.fail(Calendar, lo+8, "%q is not a calendar date: %s is a season (%s), which has no days", s[lo:end], month, seasons[m-21])
		}
		first := 3*(m-21) + 3 // March, June, September, December
		d.Precision = Season
		d.Earliest, d.Latest = day0(y0, first, 1), day0(y0, first+3, 0)
		return d, nil
	case m >= 25 && m <= 41:
		return Date{}, p.fail(Unsupported, lo+5, "month %s is a level 2 sub-year grouping (quarter, semester and the like), which is not supported: use 01-12, or 21-24 for a season", month)
	case m < 1 || m > 12:
		return Date{}, p.fail(Calendar, lo+5, "month %s is not valid: use 01-12, or 21-24 for a season", month)
	}
	last := daysIn(y0, m)
	if day == "" || day == "XX" {
		d.Precision = Month
		d.Earliest, d.Latest = day0(y0, m, 1), day0(y0, m, last)
		return d, nil
	}
	switch {
	case dd == 0:
		return Date{}, p.fail(Calendar, lo+8, "day 00 is not valid: %s %s has days 01-%02d", time.Month(m), year, last)
	case dd > last:
		return Date{}, p.fail(Calendar, lo+8, "%q is not a calendar date: %s %s has %d days", s[lo:end], time.Month(m), year, last)
	}
	d.Precision = Day
	d.Earliest = day0(y0, m, dd)
	d.Latest = d.Earliest
	return d, nil
}

// seasons names the months 21-24.
var seasons = [...]string{"spring", "summer", "autumn", "winter"}

// swapped reports whether month m and day d of year y look the wrong way
// round: m is no month, but d is one and m is one of its days.
func swapped(y, m, d int) bool {
	return (m < 1 || m > 12) && d >= 1 && d <= 12 && m >= 1 && m <= daysIn(y, d)
}

// daysIn is the number of days in month m (1-12) of year y.
func daysIn(y, m int) int { return day0(y, m+1, 0).Day() }

// day0 is UTC midnight of the given day; time.Date normalises overflow, so
// day0(y, m+1, 0) is the last day of month m.
func day0(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isQual(c byte) bool { return c == '?' || c == '~' || c == '%' }

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}
