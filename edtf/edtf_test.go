package edtf

import (
	"errors"
	"testing"
)

func TestParseValid(t *testing.T) {
	tests := []struct {
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
	}
	for _, tt := range tests {
		d, err := Parse(tt.in)
		if err != nil {
			t.Errorf("Parse(%q): unexpected error %v", tt.in, err)
			continue
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

func TestParseErrors(t *testing.T) {
	tests := []struct {
		in     string
		kind   ErrorKind
		offset int
		msg    string // exact message; "" to skip
	}{
		// Syntax.
		{"", Syntax, 0, "empty date"},
		{" 2022", Syntax, 0, "leading or trailing whitespace"},
		{"2022-02-25 ", Syntax, 10, "leading or trailing whitespace"},
		{"2022\n", Syntax, 4, "leading or trailing whitespace"},
		{"   ", Syntax, 0, "leading or trailing whitespace"},
		{"2022-x2", Syntax, 5, `unexpected "x" at character 6: expected a digit (unspecified digits are written "X")`},
		{"2022-b2", Syntax, 5, `unexpected "b" at character 6: expected a digit`},
		{"2022-02-2a", Syntax, 9, `unexpected "a" at character 10: expected a digit`},
		{"abc", Syntax, 0, `unexpected "a" at character 1: expected a digit`},
		{"201x", Syntax, 3, `unexpected "x" at character 4: expected a digit (unspecified digits are written "X")`},
		{"é2022", Syntax, 0, `unexpected "é" at character 1: expected a digit`},
		{"2022-é2", Syntax, 5, `unexpected "é" at character 6: expected a digit`},
		{"2022/2022-é2", Syntax, 10, `unexpected "é" at character 11: expected a digit`},
		{"202", Syntax, 3, `"202" is incomplete: a year has 4 digits`},
		{"2022-", Syntax, 5, `"2022-" is incomplete: a month has 2 digits`},
		{"2022-0", Syntax, 6, `"2022-0" is incomplete: a month has 2 digits`},
		{"2022-02-1", Syntax, 9, `"2022-02-1" is incomplete: a day has 2 digits`},
		{"2022-123", Syntax, 7, `unexpected "3" at character 8: a month has 2 digits`},
		{"2022-02-255", Syntax, 10, `unexpected "5" at character 11: a day has 2 digits`},
		{"2022abc", Syntax, 4, `unexpected text after the date: "abc"`},
		{"2022-02-25abc", Syntax, 10, `unexpected text after the date: "abc"`},
		{"2022-02-25-", Syntax, 10, `unexpected text after the date: "-"`},
		{"2022-02-25?x", Syntax, 11, `unexpected text after the date: "x"`},
		{"2022 /2023", Syntax, 4, "unexpected whitespace at character 5"},
		{"2022-02-25??", Syntax, 11, `more than one qualifier at character 12: use "%" for uncertain and approximate`},
		{"2022~?", Syntax, 5, `more than one qualifier at character 6: use "%" for uncertain and approximate`},
		{"2022/2023/2024", Syntax, 9, `unexpected "/" at character 10: an interval has exactly one "/"`},
		{"/", Syntax, 0, `interval "/" has no date at either end: give a date for at least one end`},
		{"../..", Syntax, 0, `interval "../.." has no date at either end: give a date for at least one end`},
		{"/..", Syntax, 0, `interval "/.." has no date at either end: give a date for at least one end`},
		{"../", Syntax, 0, `interval "../" has no date at either end: give a date for at least one end`},
		{"..", Syntax, 0, `unexpected "." at character 1: expected a digit`},
		{".../2022", Syntax, 0, `unexpected "." at character 1: expected a digit`},
		{"2022/...", Syntax, 5, `unexpected "." at character 6: expected a digit`},
		{"-", Syntax, 0, `unexpected "-" at character 1: expected a digit`},
		{"\xff", Syntax, 0, `unexpected "\xff" at character 1: expected a digit`},

		// Calendar.
		{"2022-02-30", Calendar, 8, `"2022-02-30" is not a calendar date: February 2022 has 28 days`},
		{"2023-02-29", Calendar, 8, `"2023-02-29" is not a calendar date: February 2023 has 28 days`},
		{"1900-02-29", Calendar, 8, `"1900-02-29" is not a calendar date: February 1900 has 28 days`},
		{"2000-02-30", Calendar, 8, `"2000-02-30" is not a calendar date: February 2000 has 29 days`},
		{"2024-02-30?", Calendar, 8, `"2024-02-30" is not a calendar date: February 2024 has 29 days`},
		{"2022-04-31", Calendar, 8, `"2022-04-31" is not a calendar date: April 2022 has 30 days`},
		{"2022-01-32", Calendar, 8, `"2022-01-32" is not a calendar date: January 2022 has 31 days`},
		{"2022-02-00", Calendar, 8, "day 00 is not valid: February 2022 has days 01-28"},
		{"2022-00", Calendar, 5, "month 00 is not valid: use 01-12, or 21-24 for a season"},
		{"2022-00-05", Calendar, 5, "month 00 is not valid: use 01-12, or 21-24 for a season"},
		{"2022-13", Calendar, 5, "month 13 is not valid: use 01-12, or 21-24 for a season"},
		{"2022-20", Calendar, 5, "month 20 is not valid: use 01-12, or 21-24 for a season"},
		{"2022-42", Calendar, 5, "month 42 is not valid: use 01-12, or 21-24 for a season"},
		{"2022-99-XX", Calendar, 5, "month 99 is not valid: use 01-12, or 21-24 for a season"},
		{"2022-21-05", Calendar, 8, `"2022-21-05" is not a calendar date: 21 is a season (spring), which has no days`},
		{"2022-01-01/2022-02-30", Calendar, 19, `"2022-02-30" is not a calendar date: February 2022 has 28 days`},

		// Order.
		{"2022-02-25/2022-02-21", Order, 11, `interval start "2022-02-25" is after its end "2022-02-21"`},
		{"2022-03/2022-02", Order, 8, `interval start "2022-03" is after its end "2022-02"`},
		{"2022-02~/2022-01-15?", Order, 9, `interval start "2022-02~" is after its end "2022-01-15?"`},
		{"2024/2022-24", Order, 5, `interval start "2024" is after its end "2022-24"`},

		// Unsupported.
		{"2022-02-24T05:00:00Z", Unsupported, 10, `times are not supported: give the date only, e.g. "2022-02-24"`},
		{"2022-02-24t05:00", Unsupported, 10, `times are not supported: give the date only, e.g. "2022-02-24"`},
		{"Y170000002", Unsupported, 0, `years outside 0000-9999 are not supported (got "Y170000002")`},
		{"Y-17000", Unsupported, 0, `years outside 0000-9999 are not supported (got "Y-17000")`},
		{"-0500", Unsupported, 0, `years outside 0000-9999 are not supported (got "-0500")`},
		{"12345", Unsupported, 0, `years outside 0000-9999 are not supported (got "12345")`},
		{"2022/12345-01", Unsupported, 5, `years outside 0000-9999 are not supported (got "12345")`},
		{"[2022,2023]", Unsupported, 0, ""},
		{"{2022,2023}", Unsupported, 0, ""},
		{"2022?-02", Unsupported, 4, ""},
		{"2022-02?-25", Unsupported, 7, ""},
		{"?2022", Unsupported, 0, `a qualifier on part of a date (level 2) is not supported: qualify the whole date at its end, e.g. "2022-02?"`},
		{"2022-~02", Unsupported, 5, ""},
		{"2022-02-%25", Unsupported, 8, ""},
		{"2022-XX-05", Unsupported, 5, `"2022-XX-05" places unspecified digits ("X") as only level 2 allows, which is not supported: use them for the last one or two digits of the year (e.g. "201X", "20XX"), the whole month or the whole day`},
		{"19X5", Unsupported, 2, ""},
		{"1XXX", Unsupported, 1, ""},
		{"XXXX", Unsupported, 0, ""},
		{"2022-1X", Unsupported, 6, ""},
		{"2022-02-1X", Unsupported, 9, ""},
		{"201X-02", Unsupported, 3, ""},
		{"201X-XX", Unsupported, 3, ""},
		{"2022-25", Unsupported, 5, "month 25 is a level 2 sub-year grouping (quarter, semester and the like), which is not supported: use 01-12, or 21-24 for a season"},
		{"2022-41", Unsupported, 5, ""},
	}
	for _, tt := range tests {
		d, err := Parse(tt.in)
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("Parse(%q) = %+v, %v; want *Error", tt.in, d, err)
			continue
		}
		if e.Kind != tt.kind || e.Offset != tt.offset || tt.msg != "" && e.Msg != tt.msg {
			t.Errorf("Parse(%q): got %s at %d: %s\n\twant %s at %d: %s", tt.in, e.Kind, e.Offset, e.Msg, tt.kind, tt.offset, tt.msg)
		}
		if e.Error() != e.Msg {
			t.Errorf("Parse(%q): Error() = %q, want Msg %q", tt.in, e.Error(), e.Msg)
		}
		if d != (Date{}) {
			t.Errorf("Parse(%q): non-zero Date on error: %+v", tt.in, d)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"2022", "2022-02-25?", "201X", "2022-24", "2022-02~/2022-03", "../2022", "2022/",
		"2022-02-30", "2022-XX-05", "Y17000", "2022-02-24T05:00Z", "[2022]", " 2022", "9999-24", "0001-01-01"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := Parse(s)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Offset < 0 || e.Offset > len(s) || e.Msg == "" {
				t.Fatalf("Parse(%q): bad error %#v", s, err)
			}
			return
		}
		if d.Raw != s {
			t.Fatalf("Parse(%q).Raw = %q", s, d.Raw)
		}
		if !d.Earliest.IsZero() && !d.Latest.IsZero() && d.Earliest.After(d.Latest) {
			t.Fatalf("Parse(%q): Earliest %s after Latest %s", s, ISO(d.Earliest), ISO(d.Latest))
		}
	})
}

// 0001-01-01 UTC is the zero time.Time, so ISO cannot tell it from "unknown";
// this pins the documented behaviour.
func TestFirstDayIsZeroTime(t *testing.T) {
	d, err := Parse("0001")
	if err != nil || !d.Earliest.IsZero() || ISO(d.Earliest) != "" || ISO(d.Latest) != "0001-12-31" || d.Precision != Year {
		t.Errorf("Parse(%q) = %+v, %v", "0001", d, err)
	}
}
