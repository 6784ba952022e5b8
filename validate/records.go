package validate

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unique"

	"curate/internal/evidence"
	"curate/jsonpos"
	"curate/record"
	"curate/schema"
	"curate/schemamsg"

	"github.com/santhosh-tekuri/jsonschema/v5"
)

// checkRecords parses and validates a records file. The records array is
// streamed (jsonpos.ParseStream): each record is checked as soon as it is
// read, by workers on every CPU, and dropped once decoded, so the file's
// parse tree is never whole in memory. Each record is validated against its
// kind's schema, picked by its "kind" (the item schema's if/then does the
// same dispatch, but evaluates every kind's condition and builds an error
// for each that fails; picking directly validates about twice as fast);
// a record without a known kind goes through the item schema, which reports
// the kind. The envelope, with its records array emptied, is validated
// against the records schema.
func checkRecords(f *file, s *schema.Set, data []byte, texts *evidence.Texts, keep keeper) {
	type item struct {
		i, size int
		v       any
	}
	const batchSize = 64
	batches := make(chan []item, 2*workers())
	var (
		mu      sync.Mutex
		entries []*entry
		wg      sync.WaitGroup
	)
	for range workers() {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var done []*entry
			for batch := range batches {
				for _, it := range batch {
					if e := checkRecord(f, s, it.i, it.size, it.v, texts, keep); e != nil {
						done = append(done, e)
					}
				}
			}
			mu.Lock()
			entries = append(entries, done...)
			mu.Unlock()
		}()
	}
	var batch []item
	v, errs := jsonpos.ParseStreamSized(data, "records", func(i int, v any, size int) {
		batch = append(batch, item{i, size, v})
		if len(batch) == batchSize {
			batches <- batch
			batch = nil
		}
	})
	if len(batch) > 0 {
		batches <- batch
	}
	close(batches)
	wg.Wait()
	f.parseErrors(data, errs)
	slices.SortFunc(entries, func(a, b *entry) int { return int(a.n - b.n) })
	f.records = entries
	if v != nil {
		checkSchema(f, s, s.Records, v, "")
		return
	}
	if len(errs) > 0 {
		// A syntax error stopped the parse: the records after it were not
		// read. The ids the file declares are still known, so that a
		// reference into it is not reported as a second error.
		f.declared = declaredIDs(data)
	}
}

// idPattern finds what looks like an "id" property with an id value, also
// with typographic or single quotes, in text that did not parse.
var idPattern = regexp.MustCompile(`["'\x{201C}\x{201D}\x{201E}\x{2018}\x{2019}]id["'\x{201C}\x{201D}\x{201E}\x{2018}\x{2019}]\s*:\s*["'\x{201C}\x{201D}\x{201E}\x{2018}\x{2019}]([a-z]+-[a-z0-9]+(?:-[a-z0-9]+)*)["'\x{201C}\x{201D}\x{201E}\x{2018}\x{2019}]`)

// declaredIDs returns the ids a file's text declares, read leniently.
func declaredIDs(data []byte) map[string]bool {
	ids := map[string]bool{}
	for _, m := range idPattern.FindAllSubmatch(data, -1) {
		ids[string(m[1])] = true
	}
	return ids
}

// checkRecord validates record i of a file and decodes it into an entry;
// it returns nil for a record of no known kind. With texts, the record's
// excerpts are checked against the sources already loaded; the others wait
// in the entry.
func checkRecord(f *file, s *schema.Set, i, size int, item any, texts *evidence.Texts, keep keeper) *entry {
	at := "/records/" + strconv.Itoa(i)
	sch := s.Record
	m, isObj := item.(map[string]any)
	var rec record.Record
	var fast *schema.Checker
	if isObj {
		if k, ok := m["kind"].(string); ok && s.Kinds[k] != nil {
			sch, fast = s.Kinds[k], s.Checkers[k]
			rec, _ = record.New(record.Kind(k))
		}
	}
	// The Checker answers for a valid record several times faster;
	// jsonschema/v5 says what is wrong with an invalid one.
	if fast == nil || !fast.Valid(item) {
		checkSchema(f, s, sch, item, at)
	}
	if rec == nil {
		return nil
	}
	if size > MaxCellLength {
		// Only a record of more bytes than a cell holds characters can
		// hold a text too long for one.
		checkTextLength(f, item, []string{"", "records", strconv.Itoa(i)})
	}
	record.Decode(m, rec)
	e := &entry{file: f, n: int32(i), kind: rec.RecordKind(), id: rec.RecordID()}
	refs := rec.Refs()
	e.refs = make([]ref, len(refs))
	for i, r := range refs {
		e.refs[i] = ref{unique.Make(r.Pointer), r.ID, setOf(r.Kinds)}
	}
	if cs := rec.Cites(); len(cs) > 0 {
		e.cited = cs[0].Source
	}
	if src, ok := rec.(*record.Source); ok {
		e.extra().source = src
	}
	if keep != nil {
		keep(e, rec)
	}
	checkFigures(e, rec)
	var q *evidence.Quote
	if qr, ok := rec.(record.Quoter); ok {
		if ptr, text := qr.Quote(); text != "" {
			q = &evidence.Quote{Ptr: ptr, Text: text}
			for _, c := range rec.Cites() {
				q.Sources = append(q.Sources, c.Source)
			}
		}
	}
	pending, q, ps := texts.Check(rec.Excerpts(), q)
	report(e, ps)
	if pending != nil || q != nil {
		e.extra().pending, e.extra().quote = pending, q
	}
	return e
}

// MaxCellLength is the longest text a record may hold, in the units a
// spreadsheet counts (UTF-16 code units: a character outside the Basic
// Multilingual Plane, such as an emoji, counts 2): what one cell holds. The embedded schema's limits
// are far lower; this check holds whatever schema is in use, so that no
// export ever has to cut a text.
const MaxCellLength = 32767

// checkTextLength reports every string in v longer than MaxCellLength,
// unless the schema reported it already (maxLength). ptr is the pointer of v
// as segments, joined only for a string to report.
func checkTextLength(f *file, v any, ptr []string) {
	switch t := v.(type) {
	case string:
		if len(t) > MaxCellLength {
			p := strings.Join(ptr, "/")
			if n := cellLength(t); n > MaxCellLength && !f.hasFinding(p) {
				f.add(at(p, RuleTextLength, fmt.Sprintf("text of %d characters: a spreadsheet cell holds at most %d", n, MaxCellLength)))
			}
		}
	case map[string]any:
		for k, x := range t {
			checkTextLength(f, x, append(ptr, jsonpos.Escape(k)))
		}
	case []any:
		for i, x := range t {
			checkTextLength(f, x, append(ptr, strconv.Itoa(i)))
		}
	}
}

// checkFigures reports a figure whose low, quantity and high are out of
// order.
func checkFigures(e *entry, rec record.Record) {
	fr, ok := rec.(record.Figured)
	if !ok {
		return
	}
	for i, fg := range fr.FigureList() {
		q, errQ := fg.Quantity.Float64()
		lo, errL := fg.Low.Float64()
		hi, errH := fg.High.Float64()
		ptr := e.ptr("/figures/" + strconv.Itoa(i))
		switch {
		case errL == nil && errH == nil && lo > hi:
			e.file.add(at(ptr+"/low", RuleFigureRange, fmt.Sprintf("low %s is more than high %s", fg.Low, fg.High)))
		case errL == nil && errQ == nil && lo > q:
			e.file.add(at(ptr+"/low", RuleFigureRange, fmt.Sprintf("low %s is more than the quantity %s", fg.Low, fg.Quantity)))
		case errH == nil && errQ == nil && hi < q:
			e.file.add(at(ptr+"/high", RuleFigureRange, fmt.Sprintf("high %s is less than the quantity %s", fg.High, fg.Quantity)))
		}
	}
}

// cellLength is the length of s as a spreadsheet counts it: UTF-16 code
// units.
func cellLength(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// checkSchema validates v, found at the pointer base in the file, against
// sch and adds a finding for each problem.
func checkSchema(f *file, set *schema.Set, sch *jsonschema.Schema, v any, base string) {
	for _, p := range schemamsg.Check(set, sch, v, base) {
		f.add(finding{ptr: p.Pointer, atKey: p.AtKey, offset: -1, inner: p.Inner, rule: p.Rule, msg: p.Msg, hint: p.Hint})
	}
}
