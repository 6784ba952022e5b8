package jsonpos_test

import (
	"fmt"

	"curate/jsonpos"
)

func ExampleParse() {
	data := []byte("{\r\n  \"id\": \"event-1\",\r\n  \"id\": \"event-2\",\r\n  \"count\": 1e999,\r\n}")
	v, errs := jsonpos.Parse(data)
	lines := jsonpos.NewLines(data)
	for _, e := range errs {
		line, col := lines.Position(e.Offset)
		fmt.Printf("%d:%d: %s [%s] at %q\n", line, col, e.Msg, e.Rule, e.Pointer)
	}
	fmt.Println(v)
	// Output:
	// 3:3: duplicate property "id": only the first is kept [duplicate-key] at "/id"
	// 4:12: number 1e999 is out of range: curate accepts at most 15 significant digits and a magnitude between 1e-300 and 1e300 (what a spreadsheet cell and a 64-bit float hold exactly) [number-range] at "/count"
	// 4:17: trailing comma before "}" [trailing-comma] at ""
	// map[count:0 id:event-1]
}

func ExampleLocate() {
	data := []byte(`{"records": [{"id": "a"}, {"id": "b", "date": "2022-02-30"}]}`)
	locs := jsonpos.Locate(data, []string{"/records/1/date", "/records/2"})
	fmt.Println(locs)
	// Output:
	// map[/records/1/date:{46 38}]
}

func ExampleLookup() {
	v, _ := jsonpos.Parse([]byte(`{"a/b": [10, {"c": true}]}`))
	x, ok := jsonpos.Lookup(v, "/a~1b/1/c")
	fmt.Println(x, ok, jsonpos.Split("/a~1b/1/c"))
	// Output:
	// true true [a/b 1 c]
}
