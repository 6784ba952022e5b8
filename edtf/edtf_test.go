package edtf

import (
	"errors"
	"reflect"
	"testing"
)

// validTests are accepted values with their precision, bounds and flags.
var validTests = []struct {
	in                string
	prec              Precision
	earliest, latest  string
	uncertain, approx bool
}{
	// Level 0.
	{"2022", Year, "2022-01-01", "2022-12-31", false, false},
	{"0000", Year, "0000-01-01", "0000-12-31", false, false},
	{"9999", Year, "9999-01-01", "9999-12-31", false, false},
	{"2022-02", Month, "2022-02-01", "2022-02-28", false, false},
	{"2024-02", Month, "2024-02-01", "2024-02-29", false, false},
	{"2000-02", Month, "2000-02-01", "2000-02-29", false, false},
	{"1900-02", Month, "1900-02-01", "1900-02-28", false, false},
	{"2022-04", Month, "2022-04-01", "2022-04-30", false, false},
	{"2022-12", Month, "2022-12-01", "2022-12-31", false, false},
	{"2022-02-25", Day, "2022-02-25", "2022-02-25", false, false},
	{"2024-02-29", Day, "2024-02-29", "2024-02-29", false, false},
	{"2000-02-29", Day, "2000-02-29", "2000-02-29", false, false},
	{"1900-02-28", Day, "1900-02-28", "1900-02-28", false, false},
	{"2022-01-31", Day, "2022-01-31", "2022-01-31", false, false},
	// Qualifiers.
	{"2022?", Year, "2022-01-01", "2022-12-31", true, false},
	{"2022-02~", Month, "2022-02-01", "2022-02-28", false, true},
	{"2022-02-25?", Day, "2022-02-25", "2022-02-25", true, false},
	{"2022-02-25%", Day, "2022-02-25", "2022-02-25", true, true},
	// Unspecified digits.
	{"201X", Decade, "2010-01-01", "2019-12-31", false, false},
	{"20XX", Century, "2000-01-01", "2099-12-31", false, false},
	{"2022-XX", Year, "2022-01-01", "2022-12-31", false, false},
	{"2022-02-XX", Month, "2022-02-01", "2022-02-28", false, false},
	{"2024-02-XX", Month, "2024-02-01", "2024-02-29", false, false},
	{"2022-XX-XX", Year, "2022-01-01", "2022-12-31", false, false},
	{"201X~", Decade, "2010-01-01", "2019-12-31", false, true},
	// Seasons.
	{"2022-21", Season, "2022-03-01", "2022-05-31", false, false},
	{"2022-22", Season, "2022-06-01", "2022-08-31", false, false},
	{"2022-23", Season, "2022-09-01", "2022-11-30", false, false},
	{"2022-24", Season, "2022-12-01", "2023-02-28", false, false},
	{"2023-24", Season, "2023-12-01", "2024-02-29", false, false},
	{"1899-24", Season, "1899-12-01", "1900-02-28", false, false},
	{"2022-21?", Season, "2022-03-01", "2022-05-31", true, false},
	// Intervals.
	{"2022-02-21/2022-02-25", Interval, "2022-02-21", "2022-02-25", false, false},
	{"2022-02-21/2022-02-21", Interval, "2022-02-21", "2022-02-21", false, false},
	{"2022-02~/2022-03", Interval, "2022-02-01", "2022-03-31", false, true},
	{"2022/2022-06?", Interval, "2022-01-01", "2022-06-30", true, false},
	{"2022-02-10/2022-02", Interval, "2022-02-10", "2022-02-28", false, false},
	{"201X/2022-21", Interval, "2010-01-01", "2022-05-31", false, false},
	{"2023/2022-24", Interval, "2023-01-01", "2023-02-28", false, false}, // overlap is fine
	{"../2022-02-26", Interval, "", "2022-02-26", false, false},
	{"2022-02-21/..", Interval, "2022-02-21", "", false, false},
	{"/2022-02-26", Interval, "", "2022-02-26", false, false},
	{"2022-02-21/", Interval, "2022-02-21", "", false, false},
	{"2022-02-21%/..", Interval, "2022-02-21", "", true, true},

	// One of a set (level 2).
	{"[..2022-02-26]", Set, "", "2022-02-26", false, false},
	{"[2022-02-24..]", Set, "2022-02-24", "", false, false},
	{"[2022-02-21..2022-02-26]", Set, "2022-02-21", "2022-02-26", false, false},
	{"[2022-02-24,2022-02-25]", Set, "2022-02-24", "2022-02-25", false, false},
	{"[2022-02-25,2022-02-24]", Set, "2022-02-24", "2022-02-25", false, false},
	{"[2022-02-20,2022-02-22..2022-02-24]", Set, "2022-02-20", "2022-02-24", false, false},
	{"[2022-02-22..2022-02-24,2022-02-20]", Set, "2022-02-20", "2022-02-24", false, false},
	{"[2022-02-24]", Set, "2022-02-24", "2022-02-24", false, false},
	{"[2022-02-24..2022-02-24]", Set, "2022-02-24", "2022-02-24", false, false},
	{"[2022,2023]", Set, "2022-01-01", "2023-12-31", false, false},
	{"[2022-02,2022-03-01]", Set, "2022-02-01", "2022-03-01", false, false},
	{"[2022-02?,2022-03-01]", Set, "2022-02-01", "2022-03-01", true, false},
	{"[2022-02,2022-03-01~]", Set, "2022-02-01", "2022-03-01", false, true},
	{"[..2022-02-26%]", Set, "", "2022-02-26", true, true},
	{"[2022-02-24?..2022-02-26]", Set, "2022-02-24", "2022-02-26", true, false},
	{"[201X,2022-XX,2022-02-XX]", Set, "2010-01-01", "2022-12-31", false, false},
	{"[2022-21,2022-24]", Set, "2022-03-01", "2023-02-28", false, false},
	{"[2022-24..2023-01]", Set, "2022-12-01", "2023-01-31", false, false}, // a range ends where its end does, as an interval
	{"[..2022-02-26,2022-03-05]", Set, "", "2022-03-05", false, false},
	{"[2022-01,2022-02-24..]", Set, "2022-01-01", "", false, false},
	{"[..2022-01,2022-02-24..]", Set, "", "", false, false},
	{"[0000,9999]", Set, "0000-01-01", "9999-12-31", false, false},
}

func TestParseValid(t *testing.T) {
	for _, tt := range validTests {
		d, err := Parse(tt.in)
		if err != nil {
			t.Errorf("Parse(%q): unexpected error %v", tt.in, err)
			continue
		}
		if (d.Precision == Set) != (len(d.Members) > 0) {
			t.Errorf("Parse(%q): precision %s with %d members", tt.in, d.Precision, len(d.Members))
		}
		if d.Raw != tt.in || d.Precision != tt.prec || ISO(d.Earliest) != tt.earliest || ISO(d.Latest) != tt.latest ||
			d.Uncertain != tt.uncertain || d.Approximate != tt.approx {
			t.Errorf("Parse(%q) = %q %s %q..%q uncertain=%v approximate=%v, want %s %q..%q uncertain=%v approximate=%v",
				tt.in, d.Raw, d.Precision, ISO(d.Earliest), ISO(d.Latest), d.Uncertain, d.Approximate,
				tt.prec, tt.earliest, tt.latest, tt.uncertain, tt.approx)
		}
	}
}

func TestParseIntervalEnds(t *testing.T) {
	d, err := Parse("2022-02~/2022-03-05?")
	if err != nil {
		t.Fatal(err)
	}
	if d.Start == nil || d.End == nil || d.Start.Raw != "2022-02~" || d.End.Raw != "2022-03-05?" ||
		d.Start.Precision != Month || d.End.Precision != Day || !d.Start.Approximate || d.Start.Uncertain ||
		!d.End.Uncertain || d.End.Approximate || d.OpenStart || d.OpenEnd || d.UnknownStart || d.UnknownEnd {
		t.Errorf("ends: %+v / %+v", d.Start, d.End)
	}
	for _, tt := range []struct {
		in                                   string
		start, end                           bool // non-nil
		openStart, openEnd, unkStart, unkEnd bool
	}{
		{"../2022", false, true, true, false, false, false},
		{"2022/..", true, false, false, true, false, false},
		{"/2022", false, true, false, false, true, false},
		{"2022/", true, false, false, false, false, true},
	} {
		d, err := Parse(tt.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.in, err)
			continue
		}
		if (d.Start != nil) != tt.start || (d.End != nil) != tt.end || d.OpenStart != tt.openStart ||
			d.OpenEnd != tt.openEnd || d.UnknownStart != tt.unkStart || d.UnknownEnd != tt.unkEnd {
			t.Errorf("Parse(%q) = %+v", tt.in, d)
		}
	}
	if d, _ := Parse("2022-02-25"); d.Start != nil || d.End != nil {
		t.Errorf("single date has interval ends: %+v", d)
	}
}

// errorTests are rejected values with the exact error.
var errorTests = []struct {
	in     string
	kind   ErrorKind
	offset int
	msg    string // exact message; "" to skip
	hint   string // exact hint
}{
	// Syntax.
	{"", Syntax, 0, "empty date", ""},
	{" 2022", Syntax, 0, "leading or trailing whitespace", "did you mean 2022?"},
	{"2022-02-25 ", Syntax, 10, "leading or trailing whitespace", "did you mean 2022-02-25?"},
	{"2022\n", Syntax, 4, "leading or trailing whitespace", "did you mean 2022?"},
	{"   ", Syntax, 0, "leading or trailing whitespace", ""},
	{"2022-x2", Syntax, 5, `unexpected "x" at character 6: expected a digit (unspecified digits are written "X")`, ""},
	{"2022-b2", Syntax, 5, `unexpected "b" at character 6: expected a digit`, ""},
	{"2022-02-2a", Syntax, 9, `unexpected "a" at character 10: expected a digit`, ""},
	{"abc", Syntax, 0, `unexpected "a" at character 1: expected a digit`, ""},
	{"201x", Syntax, 3, `unexpected "x" at character 4: expected a digit (unspecified digits are written "X")`, ""},
	{"é2022", Syntax, 0, `unexpected "é" at character 1: expected a digit`, ""},
	{"2022-é2", Syntax, 5, `unexpected "é" at character 6: expected a digit`, ""},
	{"2022/2022-é2", Syntax, 10, `unexpected "é" at character 11: expected a digit`, ""},
	{"202", Syntax, 3, `"202" is incomplete: a year has 4 digits`, ""},
	{"2022-", Syntax, 5, `"2022-" is incomplete: a month has 2 digits`, ""},
	{"2022-0", Syntax, 6, `"2022-0" is incomplete: a month has 2 digits`, ""},
	{"2022-02-1", Syntax, 9, `"2022-02-1" is incomplete: a day has 2 digits`, "did you mean 2022-02-01?"},
	{"2022-123", Syntax, 7, `unexpected "3" at character 8: a month has 2 digits`, ""},
	{"2022-02-255", Syntax, 10, `unexpected "5" at character 11: a day has 2 digits`, ""},
	{"2022abc", Syntax, 4, `unexpected text after the date: "abc"`, ""},
	{"2022-02-25abc", Syntax, 10, `unexpected text after the date: "abc"`, ""},
	{"2022-02-25-", Syntax, 10, `unexpected text after the date: "-"`, ""},
	{"2022-02-25?x", Syntax, 11, `unexpected text after the date: "x"`, ""},
	{"2022 /2023", Syntax, 4, "unexpected whitespace at character 5", "did you mean 2022/2023?"},
	{"2022-02-25??", Syntax, 11, `more than one qualifier at character 12: use "%" for uncertain and approximate`, ""},
	{"2022~?", Syntax, 5, `more than one qualifier at character 6: use "%" for uncertain and approximate`, ""},
	{"2022/2023/2024", Syntax, 9, `unexpected "/" at character 10: an interval has exactly one "/"`, ""},
	{"/", Syntax, 0, `interval "/" has no date at either end: give a date for at least one end`, ""},
	{"../..", Syntax, 0, `interval "../.." has no date at either end: give a date for at least one end`, ""},
	{"/..", Syntax, 0, `interval "/.." has no date at either end: give a date for at least one end`, ""},
	{"../", Syntax, 0, `interval "../" has no date at either end: give a date for at least one end`, ""},
	{"..", Syntax, 0, `unexpected "." at character 1: expected a digit`, ""},
	{".../2022", Syntax, 0, `unexpected "." at character 1: expected a digit`, ""},
	{"2022/...", Syntax, 5, `unexpected "." at character 6: expected a digit`, ""},
	{"-", Syntax, 0, `unexpected "-" at character 1: expected a digit`, ""},
	{"\xff", Syntax, 0, `unexpected "\xff" at character 1: expected a digit`, ""},

	// Sets: syntax. Offsets count from the start of the whole input.
	{"[]", Syntax, 1, `empty set "[]": list at least one date, e.g. "[2022-02-24,2022-02-25]"`, ""},
	{"[..]", Syntax, 1, `".." alone is not a member of a set: put a date before or after it, e.g. "[..2022-02-26]"`, ""},
	{"[2022,..]", Syntax, 6, `".." alone is not a member of a set: put a date before or after it, e.g. "[..2022-02-26]"`, ""},
	{"[,2022]", Syntax, 1, `stray "," at character 2: commas go between the members of a set`, "did you mean [2022]?"},
	{"[2022,]", Syntax, 5, `stray "," at character 6: commas go between the members of a set`, "did you mean [2022]?"},
	{"[2022,,2023]", Syntax, 6, `stray "," at character 7: commas go between the members of a set`, "did you mean [2022,2023]?"},
	{"[,]", Syntax, 1, `stray "," at character 2: commas go between the members of a set`, ""},
	{"[2022-02-24", Syntax, 11, `missing "]" at the end of the set`, "did you mean [2022-02-24]?"},
	{"[2022-02-24,", Syntax, 12, `missing "]" at the end of the set`, "did you mean [2022-02-24]?"},
	{"[", Syntax, 1, `missing "]" at the end of the set`, ""},
	{"[2022-02-24, 2022-02-25]", Syntax, 12, "unexpected whitespace at character 13: a set is written without spaces", "did you mean [2022-02-24,2022-02-25]?"},
	{"[2022-02-21 ..2022-02-26]", Syntax, 11, "unexpected whitespace at character 12: a set is written without spaces", "did you mean [2022-02-21..2022-02-26]?"},
	{"[é,2022 ]", Syntax, 1, `unexpected "é" at character 2: expected a digit`, ""},
	{"[[2022]]", Syntax, 1, `unexpected "[" at character 2: sets cannot be nested`, ""},
	{"[2022,{2023}]", Syntax, 6, `unexpected "{" at character 7: sets cannot be nested`, ""},
	{"[2022/2023]", Syntax, 5, `unexpected "/" at character 6: a set lists dates and ranges such as "2022-02-21..2022-02-26", not intervals`, "did you mean [2022..2023]?"},
	{"[2022]x", Syntax, 6, `unexpected text after the set: "x"`, ""},
	{"[2022]]", Syntax, 6, `unexpected text after the set: "]"`, ""},
	{"[2022..2023..2024]", Syntax, 11, `unexpected ".." at character 12: a range has exactly one ".."`, ""},
	{"[2022...2023]", Syntax, 7, `unexpected "." at character 8: expected a digit`, ""},
	{"[2022,..2023]", Syntax, 6, `an open start ("..") is allowed only on the first member of a set`, ""},
	{"[2022..,2023]", Syntax, 5, `an open end ("..") is allowed only on the last member of a set`, ""},
	{"[2022-02-24,2022-02-2x]", Syntax, 21, `unexpected "x" at character 22: expected a digit (unspecified digits are written "X")`, ""},
	{"[2022-02-24??]", Syntax, 12, `more than one qualifier at character 13: use "%" for uncertain and approximate`, ""},

	// Curator mistakes, with hints: another convention for one day.
	{"02/25/2022", Syntax, 5, `unexpected "/" at character 6: an interval has exactly one "/"`, "EDTF dates are written YYYY-MM-DD: did you mean 2022-02-25?"},
	{"25/02/2022", Syntax, 5, `unexpected "/" at character 6: an interval has exactly one "/"`, "EDTF dates are written YYYY-MM-DD: did you mean 2022-02-25?"},
	{"2/5/2022", Syntax, 3, `unexpected "/" at character 4: an interval has exactly one "/"`, "EDTF dates are written YYYY-MM-DD: did you mean 2022-02-05 (month first) or 2022-05-02 (day first)?"},
	{"03/04/2022", Syntax, 5, `unexpected "/" at character 6: an interval has exactly one "/"`, "EDTF dates are written YYYY-MM-DD: did you mean 2022-03-04 (month first) or 2022-04-03 (day first)?"},
	{"03/03/2022", Syntax, 5, `unexpected "/" at character 6: an interval has exactly one "/"`, "EDTF dates are written YYYY-MM-DD: did you mean 2022-03-03?"},
	{"13/13/2022", Syntax, 5, `unexpected "/" at character 6: an interval has exactly one "/"`, ""},
	{"02/30/2022", Syntax, 5, `unexpected "/" at character 6: an interval has exactly one "/"`, ""},
	{"02/25/22", Syntax, 5, `unexpected "/" at character 6: an interval has exactly one "/"`, ""},
	{"25.02.2022", Syntax, 2, `unexpected "." at character 3: expected a digit`, "EDTF dates are written YYYY-MM-DD: did you mean 2022-02-25?"},
	{"03.04.2022", Syntax, 2, `unexpected "." at character 3: expected a digit`, "EDTF dates are written YYYY-MM-DD: did you mean 2022-03-04 (month first) or 2022-04-03 (day first)?"},
	{"25-02-2022", Syntax, 2, `unexpected "-" at character 3: expected a digit`, "EDTF dates are written YYYY-MM-DD: did you mean 2022-02-25?"},
	{"2022/02/25", Syntax, 7, `unexpected "/" at character 8: an interval has exactly one "/"`, `did you mean 2022-02-25? EDTF dates are written YYYY-MM-DD, and "/" only separates the two ends of an interval`},
	{"2022.02.25", Syntax, 4, `unexpected text after the date: ".02.25"`, "EDTF dates are written YYYY-MM-DD: did you mean 2022-02-25?"},
	{"2022/02", Syntax, 7, `"02" is incomplete: a year has 4 digits`, `did you mean 2022-02? EDTF dates are written YYYY-MM-DD, and "/" only separates the two ends of an interval`},
	{"2022/23", Syntax, 7, `"23" is incomplete: a year has 4 digits`, ""},
	{"02/2022", Syntax, 2, `"02" is incomplete: a year has 4 digits`, "EDTF dates are written YYYY-MM-DD: did you mean 2022-02?"},
	{"Feb 25, 2022", Syntax, 0, `unexpected "F" at character 1: expected a digit`, "EDTF dates are written YYYY-MM-DD: did you mean 2022-02-25?"},
	{"February 25th, 2022", Syntax, 0, `unexpected "F" at character 1: expected a digit`, "EDTF dates are written YYYY-MM-DD: did you mean 2022-02-25?"},
	{"25 February 2022", Syntax, 2, "unexpected whitespace at character 3", "EDTF dates are written YYYY-MM-DD: did you mean 2022-02-25?"},
	{"25 feb. 2022", Syntax, 2, "unexpected whitespace at character 3", "EDTF dates are written YYYY-MM-DD: did you mean 2022-02-25?"},
	{"Sept 5 2022", Syntax, 0, `unexpected "S" at character 1: expected a digit`, "EDTF dates are written YYYY-MM-DD: did you mean 2022-09-05?"},
	{"February 2022", Syntax, 0, `unexpected "F" at character 1: expected a digit`, "EDTF dates are written YYYY-MM-DD: did you mean 2022-02?"},
	{"Feb 30, 2022", Syntax, 0, `unexpected "F" at character 1: expected a digit`, ""},
	{"Febr 25, 2022", Syntax, 0, `unexpected "F" at character 1: expected a digit`, ""},
	{"Friday 25 February 2022", Syntax, 0, `unexpected "F" at character 1: expected a digit`, ""},

	// Missing leading zeros.
	{"2022-2-5", Syntax, 6, `unexpected "-" at character 7: expected a digit`, "did you mean 2022-02-05?"},
	{"2022-02-5", Syntax, 9, `"2022-02-5" is incomplete: a day has 2 digits`, "did you mean 2022-02-05?"},
	{"2022-2", Syntax, 6, `"2022-2" is incomplete: a month has 2 digits`, "did you mean 2022-02?"},
	{"2022-2-5?", Syntax, 6, `unexpected "-" at character 7: expected a digit`, `did you mean "2022-02-05?"?`},
	{"2022-2-5/2022-3-1", Syntax, 6, `unexpected "-" at character 7: expected a digit`, "did you mean 2022-02-05/2022-03-01?"},
	{"[2022-2-5..2022-2-7]", Syntax, 7, `unexpected "-" at character 8: expected a digit`, "did you mean [2022-02-05..2022-02-07]?"},
	{" 2022-2-5", Syntax, 0, "leading or trailing whitespace", "did you mean 2022-02-05?"},
	{"2022-2-30", Syntax, 6, `unexpected "-" at character 7: expected a digit`, ""},

	// Lists and ranges without the brackets of a set.
	{"2022-02-24,2022-02-25", Syntax, 10, `unexpected text after the date: ",2022-02-25"`, "did you mean [2022-02-24,2022-02-25] (one of a set)?"},
	{"2022-02-21..2022-02-26", Syntax, 10, `unexpected text after the date: "..2022-02-26"`, "did you mean 2022-02-21/2022-02-26 (an interval) or [2022-02-21..2022-02-26] (one of a set)?"},
	{"..2022-02-26", Syntax, 0, `unexpected "." at character 1: expected a digit`, "did you mean ../2022-02-26 (an interval) or [..2022-02-26] (one of a set)?"},
	{"2022-02-24..", Syntax, 10, `unexpected text after the date: ".."`, "did you mean 2022-02-24/.. (an interval) or [2022-02-24..] (one of a set)?"},
	{"2022-02-26..2022-02-21", Syntax, 10, `unexpected text after the date: "..2022-02-21"`, ""},

	// Calendar.
	{"2022-02-30", Calendar, 8, `"2022-02-30" is not a calendar date: February 2022 has 28 days`, ""},
	{"2023-02-29", Calendar, 8, `"2023-02-29" is not a calendar date: February 2023 has 28 days`, ""},
	{"1900-02-29", Calendar, 8, `"1900-02-29" is not a calendar date: February 1900 has 28 days`, ""},
	{"2000-02-30", Calendar, 8, `"2000-02-30" is not a calendar date: February 2000 has 29 days`, ""},
	{"2024-02-30?", Calendar, 8, `"2024-02-30" is not a calendar date: February 2024 has 29 days`, ""},
	{"2022-04-31", Calendar, 8, `"2022-04-31" is not a calendar date: April 2022 has 30 days`, ""},
	{"2022-01-32", Calendar, 8, `"2022-01-32" is not a calendar date: January 2022 has 31 days`, ""},
	{"2022-02-00", Calendar, 8, "day 00 is not valid: February 2022 has days 01-28", ""},
	{"2022-00", Calendar, 5, "month 00 is not valid: use 01-12, or 21-24 for a season", ""},
	{"2022-00-05", Calendar, 5, "month 00 is not valid: use 01-12, or 21-24 for a season", ""},
	{"2022-13", Calendar, 5, "month 13 is not valid: use 01-12, or 21-24 for a season", ""},
	{"2022-20", Calendar, 5, "month 20 is not valid: use 01-12, or 21-24 for a season", ""},
	{"2022-42", Calendar, 5, "month 42 is not valid: use 01-12, or 21-24 for a season", ""},
	{"2022-99-XX", Calendar, 5, "month 99 is not valid: use 01-12, or 21-24 for a season", ""},
	{"[2022-02-30..2022-03-02]", Calendar, 9, `"2022-02-30" is not a calendar date: February 2022 has 28 days`, ""},
	{"[..2022-02-26,2023-02-29]", Calendar, 22, `"2023-02-29" is not a calendar date: February 2023 has 28 days`, ""},

	// Day and month swapped: the month is at fault. Seasons (2022-21..2022-24)
	// without a day are valid; with a day that is not a month, the day is
	// at fault.
	{"2022-24-02", Calendar, 5, "month 24 is not valid: use 01-12 (24 is a season, winter, which has no days)", "did you mean 2022-02-24?"},
	{"2022-21-05", Calendar, 5, "month 21 is not valid: use 01-12 (21 is a season, spring, which has no days)", "did you mean 2022-05-21?"},
	{"2022-13-02", Calendar, 5, "month 13 is not valid: use 01-12, or 21-24 for a season", "did you mean 2022-02-13?"},
	{"2022-25-02", Calendar, 5, "month 25 is not valid: use 01-12, or 21-24 for a season", "did you mean 2022-02-25?"},
	{"2022-31-01", Calendar, 5, "month 31 is not valid: use 01-12, or 21-24 for a season", "did you mean 2022-01-31?"},
	{"2024-29-02", Calendar, 5, "month 29 is not valid: use 01-12, or 21-24 for a season", "did you mean 2024-02-29?"},
	{"2023-29-02", Unsupported, 5, "month 29 is a level 2 sub-year grouping (quarter, semester and the like), which is not supported: use 01-12, or 21-24 for a season", ""},
	{"2022-31-04", Unsupported, 5, "month 31 is a level 2 sub-year grouping (quarter, semester and the like), which is not supported: use 01-12, or 21-24 for a season", ""},
	{"2022-13-00", Calendar, 5, "month 13 is not valid: use 01-12, or 21-24 for a season", ""},
	{"2022-24-02?", Calendar, 5, "month 24 is not valid: use 01-12 (24 is a season, winter, which has no days)", `did you mean "2022-02-24?"?`},
	{"2022-24-2", Syntax, 9, `"2022-24-2" is incomplete: a day has 2 digits`, "did you mean 2022-02-24?"},
	{"2022-24-02/2022-03-01", Calendar, 5, "month 24 is not valid: use 01-12 (24 is a season, winter, which has no days)", "did you mean 2022-02-24/2022-03-01?"},
	{"2022-24-02/2022-13-05", Calendar, 5, "month 24 is not valid: use 01-12 (24 is a season, winter, which has no days)", "did you mean 2022-02-24/2022-05-13?"},
	{"2022-24-02/2022-02-30", Calendar, 5, "month 24 is not valid: use 01-12 (24 is a season, winter, which has no days)", "did you mean 2022-02-24 instead of 2022-24-02?"},
	{"[2022,2022-24-02]", Calendar, 11, "month 24 is not valid: use 01-12 (24 is a season, winter, which has no days)", "did you mean [2022,2022-02-24]?"},
	{"2022-21-13", Calendar, 8, `"2022-21-13" is not a calendar date: 21 is a season (spring), which has no days`, ""},
	{"2022-01-01/2022-02-30", Calendar, 19, `"2022-02-30" is not a calendar date: February 2022 has 28 days`, ""},

	// Order.
	{"2022-02-25/2022-02-21", Order, 11, `interval start "2022-02-25" is after its end "2022-02-21"`, "did you mean 2022-02-21/2022-02-25?"},
	{"2022-03/2022-02", Order, 8, `interval start "2022-03" is after its end "2022-02"`, "did you mean 2022-02/2022-03?"},
	{"2022-02~/2022-01-15?", Order, 9, `interval start "2022-02~" is after its end "2022-01-15?"`, "did you mean 2022-01-15?/2022-02~?"},
	{"[2022-02-26..2022-02-21]", Order, 13, `range start "2022-02-26" is after its end "2022-02-21"`, "did you mean [2022-02-21..2022-02-26]?"},
	{"[2022,2022-03..2022-02-28]", Order, 15, `range start "2022-03" is after its end "2022-02-28"`, "did you mean [2022,2022-02-28..2022-03]?"},
	{"[2022-02-26..2022-02-21,2022-24-02]", Order, 13, `range start "2022-02-26" is after its end "2022-02-21"`, "did you mean [2022-02-21..2022-02-26,2022-02-24]?"},
	{"[2022-02-26..2022-02-21,2022-02-30]", Order, 13, `range start "2022-02-26" is after its end "2022-02-21"`, "did you mean 2022-02-21..2022-02-26 instead of 2022-02-26..2022-02-21?"},
	{"2024/2022-24", Order, 5, `interval start "2024" is after its end "2022-24"`, "did you mean 2022-24/2024?"},

	// Unsupported.
	{"2022-02-24T05:00:00Z", Unsupported, 10, `times are not supported: give the date only, e.g. "2022-02-24"`, ""},
	{"2022-02-24t05:00", Unsupported, 10, `times are not supported: give the date only, e.g. "2022-02-24"`, ""},
	{"Y170000002", Unsupported, 0, `years outside 0000-9999 are not supported (got "Y170000002")`, ""},
	{"Y-17000", Unsupported, 0, `years outside 0000-9999 are not supported (got "Y-17000")`, ""},
	{"-0500", Unsupported, 0, `years outside 0000-9999 are not supported (got "-0500")`, ""},
	{"12345", Unsupported, 0, `years outside 0000-9999 are not supported (got "12345")`, ""},
	{"2022/12345-01", Unsupported, 5, `years outside 0000-9999 are not supported (got "12345")`, ""},
	{"{2022,2023}", Unsupported, 0, `"all members" sets ("{...}", level 2) are not supported: curate accepts "[...]" for one of a set, e.g. "[2022-02-24,2022-02-25]"`, ""},
	{"[..2022]/2023", Unsupported, 0, `a set inside an interval (level 2) is not supported: give the set alone, e.g. "[..2022-02-26]", or an interval of plain dates`, ""},
	{"2023/[2024..]", Unsupported, 5, `a set inside an interval (level 2) is not supported: give the set alone, e.g. "[..2022-02-26]", or an interval of plain dates`, ""},
	{"2022/{2023}", Unsupported, 5, `a set inside an interval (level 2) is not supported: give the set alone, e.g. "[..2022-02-26]", or an interval of plain dates`, ""},
	{"Y17E7", Unsupported, 0, `exponential years (level 2) are not supported (got "Y17E7"): give a year 0000-9999`, ""},
	{"Y-17E7", Unsupported, 0, `exponential years (level 2) are not supported (got "Y-17E7"): give a year 0000-9999`, ""},
	{"1950S2", Unsupported, 4, `significant digits ("S2", level 2) are not supported: use unspecified digits, e.g. "19XX", or an interval`, "did you mean 19XX?"},
	{"1950S3", Unsupported, 4, `significant digits ("S3", level 2) are not supported: use unspecified digits, e.g. "19XX", or an interval`, "did you mean 195X?"},
	{"1950S1", Unsupported, 4, `significant digits ("S1", level 2) are not supported: use unspecified digits, e.g. "19XX", or an interval`, ""},
	{"2022-25-13", Unsupported, 5, "month 25 is a level 2 sub-year grouping (quarter, semester and the like), which is not supported: use 01-12, or 21-24 for a season", ""},
	{"2022?-02", Unsupported, 4, "", ""},
	{"2022-02?-25", Unsupported, 7, "", ""},
	{"?2022", Unsupported, 0, `a qualifier on part of a date (level 2) is not supported: qualify the whole date at its end, e.g. "2022-02?"`, ""},
	{"2022-~02", Unsupported, 5, "", ""},
	{"2022-02-%25", Unsupported, 8, "", ""},
	{"2022-XX-05", Unsupported, 5, `"2022-XX-05" places unspecified digits ("X") as only level 2 allows, which is not supported: use them for the last one or two digits of the year (e.g. "201X", "20XX"), the whole month or the whole day`, ""},
	{"19X5", Unsupported, 2, "", ""},
	{"1XXX", Unsupported, 1, "", ""},
	{"XXXX", Unsupported, 0, "", ""},
	{"2022-1X", Unsupported, 6, "", ""},
	{"2022-02-1X", Unsupported, 9, "", ""},
	{"201X-02", Unsupported, 3, "", ""},
	{"201X-XX", Unsupported, 3, "", ""},
	{"2022-25", Unsupported, 5, "month 25 is a level 2 sub-year grouping (quarter, semester and the like), which is not supported: use 01-12, or 21-24 for a season", ""},
	{"2022-41", Unsupported, 5, "", ""},
}

func TestParseSetMembers(t *testing.T) {
	d, err := Parse("[..2022-01,2022-02-24?,2022-03-01..2022-03-05~,2022-04..]")
	if err != nil {
		t.Fatal(err)
	}
	if d.Precision != Set || !d.OpenStart || !d.OpenEnd || d.UnknownStart || d.UnknownEnd || !d.Uncertain || !d.Approximate ||
		d.Start != nil || d.End != nil || !d.Earliest.IsZero() || !d.Latest.IsZero() || len(d.Members) != 4 {
		t.Fatalf("set: %+v", d)
	}
	type want struct {
		raw                string
		prec               Precision
		earliest, latest   string
		start, end         string // Raw of Start and End; "" for nil
		openStart, openEnd bool
		uncertain, approx  bool
	}
	for i, w := range []want{
		{"..2022-01", Interval, "", "2022-01-31", "", "2022-01", true, false, false, false},
		{"2022-02-24?", Day, "2022-02-24", "2022-02-24", "", "", false, false, true, false},
		{"2022-03-01..2022-03-05~", Interval, "2022-03-01", "2022-03-05", "2022-03-01", "2022-03-05~", false, false, false, true},
		{"2022-04..", Interval, "2022-04-01", "", "2022-04", "", false, true, false, false},
	} {
		m := d.Members[i]
		raw := func(p *Date) string {
			if p == nil {
				return ""
			}
			return p.Raw
		}
		got := want{m.Raw, m.Precision, ISO(m.Earliest), ISO(m.Latest), raw(m.Start), raw(m.End), m.OpenStart, m.OpenEnd, m.Uncertain, m.Approximate}
		if got != w || m.Members != nil || m.UnknownStart || m.UnknownEnd {
			t.Errorf("member %d = %+v\n\twant %+v", i, got, w)
		}
	}
	if d, _ := Parse("2022-02-21/2022-02-25"); d.Members != nil {
		t.Errorf("interval has members: %+v", d)
	}
}

func TestParseErrors(t *testing.T) {
	for _, tt := range errorTests {
		d, err := Parse(tt.in)
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("Parse(%q) = %+v, %v; want *Error", tt.in, d, err)
			continue
		}
		if e.Kind != tt.kind || e.Offset != tt.offset || tt.msg != "" && e.Msg != tt.msg || e.Hint != tt.hint {
			t.Errorf("Parse(%q): got %s at %d: %s\n\thint: %s\n\twant %s at %d: %s\n\thint: %s",
				tt.in, e.Kind, e.Offset, e.Msg, e.Hint, tt.kind, tt.offset, tt.msg, tt.hint)
		}
		if e.Error() != e.Msg {
			t.Errorf("Parse(%q): Error() = %q, want Msg %q", tt.in, e.Error(), e.Msg)
		}
		if !reflect.DeepEqual(d, Date{}) {
			t.Errorf("Parse(%q): non-zero Date on error: %+v", tt.in, d)
		}
	}
}

// 0001-01-01 UTC is the zero time.Time, so ISO cannot tell it from "unknown";
// this pins the documented behaviour.
func TestFirstDayIsZeroTime(t *testing.T) {
	d, err := Parse("0001")
	if err != nil || !d.Earliest.IsZero() || ISO(d.Earliest) != "" || ISO(d.Latest) != "0001-12-31" || d.Precision != Year {
		t.Errorf("Parse(%q) = %+v, %v", "0001", d, err)
	}
}
