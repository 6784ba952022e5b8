package synth

import (
	"fmt"
	"strconv"
	"strings"

	"curate/record"
)

// planFaults chooses where each injected fault goes: syntax errors and
// wrong hashes in sources files that no records file is named after (a
// source that does not parse leaves such a file unnamed, a second error),
// the schema, reference, evidence and date faults in distinct events, the
// duplicate ids in statements that take the id of the statement before
// them in their file. Nothing refers to a statement, so the id it loses
// is missed by nobody.
func (g *gen) planFaults() error {
	k := g.opt.Faults
	g.faults = map[faultKey]string{}
	if k <= 0 {
		return nil
	}
	r := g.rng(streamFaults, 0)
	free := g.nSources - g.recordFiles
	if free < 2*k {
		return fmt.Errorf("synth: %d faults of each class need %d sources no records file is named after; N=%d has %d", k, 2*k, g.opt.N, free)
	}
	perm := r.Perm(free)
	for j := range k {
		g.faults[faultKey{"sources", g.recordFiles + perm[j], 0}] = FaultSyntax
		g.faults[faultKey{"sources", g.recordFiles + perm[k+j], 0}] = FaultSHA256
	}
	if g.nEvents < 8*k || g.nSts < 6*k {
		return fmt.Errorf("synth: N=%d is too small for %d faults of each class", g.opt.N, k)
	}
	for _, class := range []string{FaultSchema, FaultReference, FaultEvidence, FaultEDTF} {
		for n := 0; n < k; {
			e := r.IntN(g.nEvents)
			f := g.fileOf(g.nEvents, e)
			lo, hi := g.span(g.nEvents, f)
			key := faultKey{"events", f, r.IntN(hi - lo)}
			if g.faults[key] == "" {
				g.faults[key] = class
				n++
			}
		}
	}
	for n := 0; n < k; {
		s := r.IntN(g.nSts)
		f := g.fileOf(g.nSts, s)
		lo, hi := g.span(g.nSts, f)
		p := 1 + r.IntN(hi-lo-1)
		key := faultKey{"statements", f, p}
		if g.faults[key] == "" && g.faults[faultKey{"statements", f, p - 1}] == "" && g.faults[faultKey{"statements", f, p + 1}] == "" {
			g.faults[key] = FaultDuplicate
			n++
		}
	}
	return nil
}

// badDates are dates that are not in the calendar.
var badDates = []string{"2022-02-30", "2023-02-29", "2022-04-31", "2024-06-31", "2022-11-31"}

// eventFault injects the fault planned for event p of events file f.
func (g *gen) eventFault(name string, f, p int, e *record.Event) {
	ptr := "/records/" + strconv.Itoa(p)
	switch g.faults[faultKey{"events", f, p}] {
	case FaultSchema:
		e.EventType = "rally"
		g.addFault(FaultSchema, name, ptr+"/event_type", "enum", false)
	case FaultReference:
		if len(e.Actors) == 0 {
			e.Actors = []record.Participant{{Role: "agent"}}
		}
		e.Actors[0].Actor = fmt.Sprintf("actor-nobody-%d-%d", f, p)
		g.addFault(FaultReference, name, ptr+"/actors/0/actor", "reference", false)
	case FaultEvidence:
		e.Citations[0].Evidence = strings.TrimSuffix(e.Citations[0].Evidence, ".") + ", the source does not say."
		g.addFault(FaultEvidence, name, ptr+"/citations/0/evidence", "evidence", true)
	case FaultEDTF:
		e.Date = &record.Date{EDTF: pick(g.rng(streamFaults, uint64(f)<<32|uint64(p)), badDates), Basis: record.BasisStated}
		g.addFault(FaultEDTF, name, ptr+"/date/edtf", "edtf-calendar", false)
	}
}
