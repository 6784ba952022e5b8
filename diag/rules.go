package diag

import (
	"slices"
	"strings"
)

// Rule describes one check: the ID diagnostics carry in their Rule field,
// a one-line summary and a longer help text saying what it checks and how
// to fix what it reports.
type Rule struct {
	ID      string
	Summary string
	Help    string
}

// Catalogue is the list of every rule a program reports, sorted by ID.
type Catalogue []Rule

// Lookup returns the rule with the given ID.
func (c Catalogue) Lookup(id string) (Rule, bool) {
	i, ok := slices.BinarySearchFunc(c, id, func(r Rule, id string) int { return strings.Compare(r.ID, id) })
	if !ok {
		return Rule{}, false
	}
	return c[i], true
}

// Sorted returns the catalogue sorted by ID, as Lookup needs it.
func (c Catalogue) Sorted() Catalogue {
	out := slices.Clone(c)
	slices.SortFunc(out, func(a, b Rule) int { return strings.Compare(a.ID, b.ID) })
	return out
}
