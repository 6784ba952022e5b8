package browse_test

import (
	"fmt"
	"os"
	"regexp"
	"strings"

	"curate/browse"
	"curate/record"
)

// Write the page of a dataset; every text is escaped, and each dated
// record gets a mark on the timeline whose tooltip reads its date.
func ExampleWrite() {
	ds := &record.Dataset{
		Meta: record.Metadata{Title: "Demo", Version: "1.0.0", SchemaVersion: "2.0.0"},
		Events: []record.Event{{
			ID:    "event-launch",
			Title: "A <b>launch</b>",
			Date:  &record.Date{EDTF: "[..2022-02-26]", Basis: record.BasisBounded, Note: "on or before publication"},
		}},
	}
	var b strings.Builder
	if err := browse.Write(&b, ds, browse.Options{}); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return
	}
	page := b.String()
	fmt.Println(regexp.MustCompile(`<h3><a .*</h3>`).FindString(page))
	fmt.Println(regexp.MustCompile(`<a class="mark[^>]*>`).FindString(page))
	fmt.Println(regexp.MustCompile(`(?s)data-mark="event-launch"><title>(.*?)</title>`).FindStringSubmatch(page)[1])
	// Output:
	// <h3><a href="#event-launch">A &lt;b&gt;launch&lt;/b&gt;</a></h3>
	// <a class="mark k-event" href="#event-launch" data-mark="event-launch">
	// A &lt;b&gt;launch&lt;/b&gt;
	// event-launch
	// [..2022-02-26] (bounded): one day on or before Sat 26 Feb 2022
}
