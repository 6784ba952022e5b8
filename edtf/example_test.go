package edtf_test

import (
	"errors"
	"fmt"

	"curate/edtf"
)

func ExampleParse() {
	for _, s := range []string{"2022-02~", "201X", "2022-24", "2022-02-21/..", "2022-02-30"} {
		d, err := edtf.Parse(s)
		var e *edtf.Error
		if errors.As(err, &e) {
			fmt.Printf("%-14s %s at %d: %s\n", s, e.Kind, e.Offset, e.Msg)
			continue
		}
		fmt.Printf("%-14s %-8s %-10s .. %-10s approximate=%v\n", s, d.Precision, edtf.ISO(d.Earliest), edtf.ISO(d.Latest), d.Approximate)
	}
	// Output:
	// 2022-02~       month    2022-02-01 .. 2022-02-28 approximate=true
	// 201X           decade   2010-01-01 .. 2019-12-31 approximate=false
	// 2022-24        season   2022-12-01 .. 2023-02-28 approximate=false
	// 2022-02-21/..  interval 2022-02-21 ..            approximate=false
	// 2022-02-30     edtf-calendar at 8: "2022-02-30" is not a calendar date: February 2022 has 28 days
}

// A set says that a happening took place on one day, which the source leaves
// uncertain: on or before a day, within a range, or one of a list.
func ExampleParse_set() {
	for _, s := range []string{"[..2022-02-26]", "[2022-02-24,2022-02-25]", "[2022-02-20,2022-02-22..2022-02-24]"} {
		d, err := edtf.Parse(s)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Printf("%s: %s %s..%s open start=%v\n", s, d.Precision, edtf.ISO(d.Earliest), edtf.ISO(d.Latest), d.OpenStart)
		for _, m := range d.Members {
			fmt.Printf("  %-22s %-8s %s..%s\n", m.Raw, m.Precision, edtf.ISO(m.Earliest), edtf.ISO(m.Latest))
		}
	}
	// Output:
	// [..2022-02-26]: set ..2022-02-26 open start=true
	//   ..2022-02-26           interval ..2022-02-26
	// [2022-02-24,2022-02-25]: set 2022-02-24..2022-02-25 open start=false
	//   2022-02-24             day      2022-02-24..2022-02-24
	//   2022-02-25             day      2022-02-25..2022-02-25
	// [2022-02-20,2022-02-22..2022-02-24]: set 2022-02-20..2022-02-24 open start=false
	//   2022-02-20             day      2022-02-20..2022-02-20
	//   2022-02-22..2022-02-24 interval 2022-02-22..2022-02-24
}

// An error's Hint says what the curator probably meant.
func ExampleError_hint() {
	for _, s := range []string{"2022-24-02", "02/25/2022", "03/04/2022", "25 February 2022", "2022-2-5"} {
		_, err := edtf.Parse(s)
		var e *edtf.Error
		if errors.As(err, &e) {
			fmt.Printf("%-16s %s: %s\n%16s hint: %s\n", s, e.Kind, e.Msg, "", e.Hint)
		}
	}
	// Output:
	// 2022-24-02       edtf-calendar: month 24 is not valid: use 01-12 (24 is a season, winter, which has no days)
	//                  hint: did you mean 2022-02-24?
	// 02/25/2022       edtf-syntax: unexpected "/" at character 6: an interval has exactly one "/"
	//                  hint: EDTF dates are written YYYY-MM-DD: did you mean 2022-02-25?
	// 03/04/2022       edtf-syntax: unexpected "/" at character 6: an interval has exactly one "/"
	//                  hint: EDTF dates are written YYYY-MM-DD: did you mean 2022-03-04 (month first) or 2022-04-03 (day first)?
	// 25 February 2022 edtf-syntax: unexpected whitespace at character 3
	//                  hint: EDTF dates are written YYYY-MM-DD: did you mean 2022-02-25?
	// 2022-2-5         edtf-syntax: unexpected "-" at character 7: expected a digit
	//                  hint: did you mean 2022-02-05?
}
