package validate

import "curate/internal/evidence"

// The evidence checks (package evidence) run against the texts loaded so
// far: the texts of the sources in a dataset's sources/ folder are loaded
// before the other files are read, so a laid-out dataset's excerpts are
// checked as their records are read and never kept; the rest wait in their
// entries (more.pending, more.quote) until the end. A nil *evidence.Texts
// is a run without a sources directory.

// loadSources reads the texts of the sources among entries that are not
// loaded yet; first says whether an entry is its id's first definition.
func loadSources(ts *evidence.Texts, entries []*entry, first func(*entry) bool) {
	if ts == nil {
		return
	}
	for _, e := range entries {
		if e.more == nil || e.source == nil || ts.Loaded(e.id) || !first(e) {
			continue
		}
		report(e, ts.Load(e.id, e.source))
	}
}

// finishSources checks what every entry left for later, now that every
// source the dataset holds is loaded; a source no record defines is
// reported by the reference check.
func finishSources(ts *evidence.Texts, files []*file) {
	if ts == nil {
		return
	}
	for _, f := range files {
		for _, e := range f.records {
			if e.more == nil || len(e.pending) == 0 && e.quote == nil {
				continue
			}
			ps := ts.Settle(e.pending, e.quote)
			e.pending, e.quote = nil, nil
			report(e, ps)
		}
	}
}

// report adds the evidence problems of a record to its file.
func report(e *entry, ps []evidence.Problem) {
	for _, p := range ps {
		ptr := e.ptr(p.Ptr)
		switch {
		case p.Once && e.file.hasFinding(ptr):
		case p.Amend != "" && e.file.amend(ptr, p.Amend, p.Hint):
		default:
			fd := at(ptr, p.Rule, p.Msg)
			fd.sev, fd.hint, fd.inner = p.Severity, p.Hint, p.Inner
			e.file.add(fd)
		}
	}
}
