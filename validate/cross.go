package validate

import (
	"fmt"
	"sync"

	"curate/internal/didyoumean"
	"curate/internal/words"
	"curate/record"
)

// crossCheck runs the checks that span records and gathers the records into
// the dataset.
type crossCheck struct {
	files []*file
	ds    *record.Dataset
	byID  map[string]*entry
	ids   map[record.Kind][]string
	// hints caches did-you-mean answers by the id asked about; at most
	// maxSuggestions distinct ids are looked up, so that thousands of bad
	// references cost a bounded number of scans of the ids.
	hints map[string]string
	// decl holds the ids declared in files that did not parse.
	decl map[string]bool
}

// maxSuggestions bounds the distinct unresolved ids a run looks up a
// did-you-mean suggestion for.
const maxSuggestions = 200

func (c *crossCheck) run() {
	c.byID = map[string]*entry{}
	c.ids = map[record.Kind][]string{}
	c.hints = map[string]string{}
	for _, f := range c.files {
		for _, e := range f.records {
			id := e.id
			if id == "" {
				continue
			}
			if first, dup := c.byID[id]; dup {
				fd := at(e.ptr("/id"), RuleDuplicateID, fmt.Sprintf("duplicate id %q", id))
				fd.hint = "every record needs an id of its own across the whole dataset"
				fd.related = []relatedFinding{{first.file, first.ptr("/id"), -1, "first defined here"}}
				f.add(fd)
				continue
			}
			c.byID[id] = e
			c.ids[e.kind] = append(c.ids[e.kind], id)
			if e.more != nil && e.rec != nil {
				c.ds.Add(e.rec)
				e.rec = nil // the dataset holds it now
			}
		}
	}
	// References are checked on every CPU, file by file; did-you-mean
	// hints are then added in file order, so that the bounded number of
	// lookups goes to the same references whatever the scheduling.
	c.declared("") // build the map before the workers read it
	var wg sync.WaitGroup
	next := make(chan *file)
	for range workers() {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range next {
				for _, e := range f.records {
					c.references(e)
				}
			}
		}()
	}
	for _, f := range c.files {
		next <- f
	}
	close(next)
	wg.Wait()
	for _, f := range c.files {
		for i := range f.findings {
			fd := &f.findings[i]
			if fd.suggestFor == "" {
				continue
			}
			if s := c.suggest(fd.suggestFor, fd.suggestKinds.kinds()); s != "" {
				fd.hint = fmt.Sprintf("did you mean %q?", s)
			}
			fd.suggestFor = ""
		}
	}
}

func (c *crossCheck) references(e *entry) {
	for _, r := range e.refs {
		target, ok := c.byID[r.id]
		if ok && r.kinds.has(target.kind) {
			continue // the common case: nothing to build
		}
		if !ok && c.declared(r.id) {
			continue // in a file that did not parse: its syntax error is reported
		}
		ptr := e.ptr(r.ptr.Value())
		kinds := r.kinds.kinds()
		if !ok {
			fd := at(ptr, RuleReference, fmt.Sprintf("%s %q does not exist", kindNames(kinds), r.id))
			fd.suggestFor, fd.suggestKinds = r.id, r.kinds
			e.file.add(fd)
			continue
		}
		fd := at(ptr, RuleReferenceKind, fmt.Sprintf("%q is %s, not %s", r.id, withArticle(string(target.kind)), words.Article(kindNames(kinds))))
		fd.related = []relatedFinding{{target.file, target.ptr("/id"), -1, "defined here"}}
		e.file.add(fd)
	}
}

// declared reports whether a file that did not parse declares id.
func (c *crossCheck) declared(id string) bool {
	if c.decl == nil {
		c.decl = map[string]bool{}
		for _, f := range c.files {
			for id := range f.declared {
				c.decl[id] = true
			}
		}
	}
	return c.decl[id]
}

// suggest returns the id of one of the kinds nearest to id, "" when none is
// near or the run has looked up enough suggestions.
func (c *crossCheck) suggest(id string, kinds []record.Kind) string {
	key := id + "\x00" + kindNames(kinds)
	if s, ok := c.hints[key]; ok {
		return s
	}
	if len(c.hints) >= maxSuggestions {
		return ""
	}
	var candidates [][]string
	for _, k := range kinds {
		candidates = append(candidates, c.ids[k])
	}
	s := didyoumean.Closest(id, candidates...)
	c.hints[key] = s
	return s
}

func withArticle(k string) string {
	if k == "" {
		return "a record of unknown kind"
	}
	return words.Article(k)
}

func kindNames(ks []record.Kind) string {
	s := ""
	for i, k := range ks {
		switch {
		case i == 0:
		case i == len(ks)-1:
			s += " or "
		default:
			s += ", "
		}
		s += string(k)
	}
	return s
}
