package diag

import (
	"fmt"
	"io"
	"strings"
)

// SARIF writes a SARIF 2.1.0 log for code scanning, with one result per
// diagnostic and the rules described from the catalogue. Columns are
// declared as Unicode code points; artifact URIs are RFC 3986 relative
// references (each path segment percent-encoded), resolved against
// %SRCROOT%.
type SARIF struct {
	// Rules describes the rules; a rule it lacks is described by its ID.
	Rules Catalogue
}

// Write implements Writer.
func (s SARIF) Write(w io.Writer, l List, sum Summary) error {
	type message struct {
		Text string `json:"text"`
	}
	type region struct {
		StartLine   int `json:"startLine"`
		StartColumn int `json:"startColumn,omitempty"`
	}
	type artifact struct {
		URI       string `json:"uri"`
		URIBaseID string `json:"uriBaseId"`
	}
	type physical struct {
		ArtifactLocation artifact `json:"artifactLocation"`
		Region           *region  `json:"region,omitempty"`
	}
	type logical struct {
		FullyQualifiedName string `json:"fullyQualifiedName"`
		Kind               string `json:"kind"`
	}
	type location struct {
		ID               *int      `json:"id,omitempty"`
		PhysicalLocation physical  `json:"physicalLocation"`
		LogicalLocations []logical `json:"logicalLocations,omitempty"`
		Message          *message  `json:"message,omitempty"`
	}
	type result struct {
		RuleID           string     `json:"ruleId"`
		RuleIndex        int        `json:"ruleIndex"`
		Level            string     `json:"level"`
		Message          message    `json:"message"`
		Locations        []location `json:"locations"`
		RelatedLocations []location `json:"relatedLocations,omitempty"`
	}
	type rule struct {
		ID               string   `json:"id"`
		ShortDescription message  `json:"shortDescription"`
		FullDescription  *message `json:"fullDescription,omitempty"`
		Help             *message `json:"help,omitempty"`
	}
	loc := func(file string, p Position, ptr string) location {
		l := location{PhysicalLocation: physical{ArtifactLocation: artifact{URIReference(file), "%SRCROOT%"}}}
		if p.Line > 0 {
			l.PhysicalLocation.Region = &region{p.Line, p.Column}
		}
		if ptr != "" {
			l.LogicalLocations = []logical{{ptr, "object"}}
		}
		return l
	}
	var rules []rule
	index := map[string]int{}
	results := []result{}
	for _, d := range l {
		i, ok := index[d.Rule]
		if !ok {
			i = len(rules)
			index[d.Rule] = i
			r := rule{ID: d.Rule, ShortDescription: message{"curate rule " + d.Rule}}
			if info, ok := s.Rules.Lookup(d.Rule); ok {
				r.ShortDescription = message{info.Summary}
				if info.Help != "" {
					r.FullDescription = &message{info.Help}
					r.Help = &message{info.Help}
				}
			}
			rules = append(rules, r)
		}
		text := d.Message
		if d.Hint != "" {
			text += " (" + d.Hint + ")"
		}
		res := result{d.Rule, i, d.Severity.String(), message{text}, []location{loc(d.File, d.Pos, d.Pointer)}, nil}
		for k, r := range d.Related {
			rl := loc(r.File, r.Pos, r.Pointer)
			id := k + 1
			rl.ID = &id
			rl.Message = &message{r.Message}
			res.RelatedLocations = append(res.RelatedLocations, rl)
		}
		results = append(results, res)
	}
	if rules == nil {
		rules = []rule{}
	}
	log := map[string]any{
		"$schema": "https://json.schemastore.org/sarif-2.1.0.json",
		"version": "2.1.0",
		"runs": []any{map[string]any{
			"tool": map[string]any{"driver": map[string]any{
				"name":  "curate",
				"rules": rules,
			}},
			"columnKind": "unicodeCodePoints",
			"results":    results,
		}},
	}
	return writeJSON(w, log)
}

// URIReference turns a slash-separated relative file path into an RFC 3986
// relative reference: each byte outside the unreserved set, "/" and the
// sub-delimiters that are safe in a path ("!$&'()*+,;=@") is
// percent-encoded, so that "c:d.json" cannot read as a scheme, "#" and "?"
// stay part of the name, and a space or a non-ASCII letter is %XX.
func URIReference(path string) string {
	var b strings.Builder
	for i := 0; i < len(path); i++ {
		c := path[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', strings.IndexByte("-._~/!$&'()*+,;=@", c) >= 0:
			b.WriteByte(c)
		default:
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}
