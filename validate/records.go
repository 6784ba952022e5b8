package validate

import (
	"fmt"
	"runtime"
	"strconv"
	"sync"
	"unicode/utf8"

	"curate/jsonpos"
	"curate/record"
	"curate/schema"
)

// checkRecords validates a records file: the envelope against the records
// schema with its array emptied, then each record against its kind's
// schema, picked by its "kind" (the item schema's if/then does the same
// dispatch, but evaluates every kind's condition and builds an error for
// each that fails; picking directly validates the dataset about twice as
// fast), then decodes each record of a known kind and runs the checks the
// schema cannot express. A record without a known kind goes through the
// item schema, which reports the kind.
func checkRecords(f *file, s *schema.Set, v any) {
	obj, ok := v.(map[string]any)
	arr, isArr := obj["records"].([]any)
	if !ok || !isArr {
		checkSchema(f, s, s.Records, v, "")
		return
	}
	shell := make(map[string]any, len(obj))
	for k, x := range obj {
		shell[k] = x
	}
	shell["records"] = []any{}
	checkSchema(f, s, s.Records, shell, "")

	entries := make([]*entry, len(arr))
	check := func(lo, hi int) {
		for i := lo; i < hi; i++ {
			item := arr[i]
			at := "/records/" + strconv.Itoa(i)
			sch := s.Record
			m, isObj := item.(map[string]any)
			var rec record.Record
			if isObj {
				if k, ok := m["kind"].(string); ok && s.Kinds[k] != nil {
					sch = s.Kinds[k]
					rec, _ = record.New(record.Kind(k))
				}
			}
			checkSchema(f, s, sch, item, at)
			if rec == nil {
				continue
			}
			checkTextLength(f, item, at)
			decode(m, rec)
			entries[i] = &entry{file: f, n: i, rec: rec}
		}
	}
	// A large file is split across the CPUs, so that one big file does not
	// leave the other cores idle; findings are sorted afterwards.
	n := runtime.GOMAXPROCS(0)
	if len(arr) < parallelRecords || n < 2 {
		check(0, len(arr))
	} else {
		var wg sync.WaitGroup
		for w := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				check(w*len(arr)/n, (w+1)*len(arr)/n)
			}()
		}
		wg.Wait()
	}
	for _, e := range entries {
		if e != nil {
			f.records = append(f.records, e)
		}
	}
}

// parallelRecords is the size from which a file's records are validated
// on every CPU.
const parallelRecords = 2048

// MaxCellLength is the longest text a record may hold, in characters: what
// one spreadsheet cell holds (Excel's limit). The embedded schema's limits
// are far lower; this check holds whatever schema is in use, so that no
// export ever has to cut a text.
const MaxCellLength = 32767

// checkTextLength reports every string in v longer than MaxCellLength.
func checkTextLength(f *file, v any, ptr string) {
	switch t := v.(type) {
	case string:
		if len(t) > MaxCellLength {
			if n := utf8.RuneCountInString(t); n > MaxCellLength {
				f.add(at(ptr, RuleTextLength, fmt.Sprintf("text of %d characters: a spreadsheet cell holds at most %d", n, MaxCellLength)))
			}
		}
	case map[string]any:
		for k, x := range t {
			checkTextLength(f, x, ptr+"/"+jsonpos.Escape(k))
		}
	case []any:
		for i, x := range t {
			checkTextLength(f, x, ptr+"/"+strconv.Itoa(i))
		}
	}
}
