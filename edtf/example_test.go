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
