package synth

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"curate/internal/iso3166"
	"curate/record"
)

// firstStates are the states generated first, in this order; the others
// follow in a shuffled order.
var firstStates = []string{"UA", "RU", "US", "GB", "DE", "FR", "PL", "JP", "CN", "LT", "EE", "LV", "FI", "CA", "TR", "KR"}

// heads decides every actor's kind, id and label.
func (g *gen) heads() {
	nStates := min(len(iso3166.Codes()), max(10, g.nActors/10))
	codes := append([]string{}, firstStates...)
	rest := iso3166.Codes()
	r := g.rng(streamLayout, 0)
	r.Shuffle(len(rest), func(i, j int) { rest[i], rest[j] = rest[j], rest[i] })
	for _, c := range rest {
		if !contains(firstStates, c) {
			codes = append(codes, c)
		}
	}
	g.actors = make([]actorHead, g.nActors)
	// The other kinds by share of the rest: people 45%, bodies 15%,
	// organisations 8%, media 5%, groups 15%, companies 12%.
	share := []struct {
		kind int
		pct  int
	}{{kindPerson, 45}, {kindBody, 15}, {kindOrganisation, 8}, {kindMedia, 5}, {kindGroup, 15}}
	bounds := []int{nStates}
	for _, s := range share {
		bounds = append(bounds, bounds[len(bounds)-1]+max(1, (g.nActors-nStates)*s.pct/100))
	}
	for i := range g.actors {
		kind := kindCompany
		switch {
		case i < bounds[0]:
			kind = kindState
		default:
			for j, s := range share {
				if i < bounds[j+1] {
					kind = s.kind
					break
				}
			}
		}
		h := actorHead{kind: kind}
		r := g.rng(streamActorHead, uint64(i))
		switch kind {
		case kindState:
			h.country = codes[i]
			name, _ := iso3166.Name(h.country)
			h.label = name
			h.id = "actor-" + slug(name)
			if h.id == "actor-" {
				h.id = "actor-state"
			}
			h.id += "-" + strings.ToLower(h.country)
		case kindPerson:
			var slugs string
			switch r.IntN(6) {
			case 0, 1:
				gv, sn := pick(r, cyrGiven), pick(r, cyrSurname)
				h.label, slugs = gv.text+" "+sn.text, gv.slug+"-"+sn.slug
				h.alias = roman(slugs) // a transliteration
			case 2:
				n := pick(r, cjkNames)
				h.label, slugs = n.text, n.slug
				h.alias = roman(slugs)
			default:
				gv, sn := pick(r, latinGiven), pick(r, latinSurname)
				h.label, slugs = gv.text+" "+sn.text, gv.slug+"-"+sn.slug
				h.alias = pick(r, []string{"Minister ", "President ", "Ambassador ", "Mr ", "Ms "}) + sn.text
			}
			h.id = fmt.Sprintf("actor-%s-%d", slugs, i)
		case kindBody:
			st := g.actors[r.IntN(nStates)]
			bk := pick(r, bodyKinds)
			h.label, h.country = bk+" of "+st.label, st.country
			h.id = fmt.Sprintf("actor-%s-%s-%d", slug(bk), strings.ToLower(st.country), i)
		case kindOrganisation:
			h.label = pick(r, orgAdjectives) + " " + pick(r, orgNouns) + " " + pick(r, orgKinds)
			h.id = fmt.Sprintf("actor-%s-%d", slug(h.label), i)
		case kindMedia:
			m := pick(r, mediaNames)
			h.label = m.text
			h.id = fmt.Sprintf("actor-%s-%d", m.slug, i)
		case kindGroup:
			st := g.actors[r.IntN(nStates)]
			gr := pick(r, groupNames)
			h.label, h.country = gr+" of "+st.label, st.country
			h.id = fmt.Sprintf("actor-%s-%s-%d", slug(gr), strings.ToLower(st.country), i)
		case kindCompany:
			if r.IntN(3) == 0 {
				n := pick(r, companyNative)
				h.label, h.id = n.text, fmt.Sprintf("actor-%s-%d", n.slug, i)
			} else {
				sn, form := pick(r, latinSurname), pick(r, companyForms)
				h.label, h.id = sn.text+" "+form.text, fmt.Sprintf("actor-%s-%s-%d", sn.slug, form.slug, i)
			}
			h.country = g.actors[r.IntN(nStates)].country
		}
		g.actors[i] = h
		g.byKind[kind] = append(g.byKind[kind], i)
	}
	// Small datasets may lack a kind: borrow the states, so that every pick
	// has a candidate.
	for k := range g.byKind {
		if len(g.byKind[k]) == 0 {
			g.byKind[k] = g.byKind[kindState]
		}
	}
}

// roman writes a slug's words capitalised: "olena-kovalenko" is
// "Olena Kovalenko".
func roman(s string) string {
	w := strings.Split(s, "-")
	for i := range w {
		w[i] = strings.ToUpper(w[i][:1]) + w[i][1:]
	}
	return strings.Join(w, " ")
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// slug writes s as lower-case ASCII words joined by hyphens, dropping
// what has no ASCII letter.
func slug(s string) string {
	var b strings.Builder
	hyphen := false
	for _, c := range strings.ToLower(s) {
		if a, ok := fold[c]; ok {
			c = a
		}
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(c)
		} else {
			hyphen = true
		}
	}
	return b.String()
}

var fold = map[rune]rune{'å': 'a', 'ä': 'a', 'á': 'a', 'à': 'a', 'ã': 'a', 'â': 'a', 'ç': 'c', 'é': 'e', 'è': 'e', 'ê': 'e', 'ë': 'e',
	'í': 'i', 'ì': 'i', 'î': 'i', 'ï': 'i', 'ñ': 'n', 'ó': 'o', 'ò': 'o', 'ô': 'o', 'ö': 'o', 'õ': 'o', 'ø': 'o', 'ú': 'u', 'ù': 'u',
	'û': 'u', 'ü': 'u', 'ý': 'y', 'ÿ': 'y', 'ş': 's', 'š': 's', 'ž': 'z', 'č': 'c', 'ř': 'r', 'ł': 'l', 'ś': 's', 'ż': 'z', 'ź': 'z', 'ń': 'n', 'ę': 'e', 'ą': 'a', 'ţ': 't', 'ț': 't', 'ș': 's'}

// citation quotes a random sentence of document d.
func (g *gen) citation(r *rand.Rand, d *doc) record.Citation {
	return g.citeSentence(r, d, pick(r, d.sentences))
}

func (g *gen) citeSentence(r *rand.Rand, d *doc, s sentence) record.Citation {
	c := record.Citation{Source: d.id, Evidence: s.text}
	if r.IntN(10) < 8 {
		c.Locator = "paragraph " + strconv.Itoa(s.para)
	}
	return c
}

// citations cites source d first, and another source a third of the time.
func (g *gen) citations(r *rand.Rand, d *doc) []record.Citation {
	cs := []record.Citation{g.citation(r, d)}
	if r.IntN(3) == 0 {
		cs = append(cs, g.citation(r, g.docs[r.IntN(len(g.docs))]))
	}
	return cs
}

// note is a curator's remark of realistic length, or "".
func note(r *rand.Rand, pct int, subject string) string {
	if r.IntN(100) >= pct {
		return ""
	}
	return pick(r, []string{
		"The source does not say where " + subject + " took place, so place and country are left out.",
		"Read from the second paragraph; the source's headline gives a shorter account of " + subject + ", which is not used.",
		"The source credits the figures to a news agency; " + subject + " is recorded as the source reports it, without checking other reports.",
		"'" + subject + "' is the source's own phrase; a later source may give a fuller account, which would go in a second citation.",
	})
}

// date makes a date of any form and basis around day t (for intervals:
// starting at t, lasting up to a few weeks).
func date(r *rand.Rand, t time.Time, pub time.Time, lasting bool) *record.Date {
	d := iso(t)
	end := t.AddDate(0, 0, 1+r.IntN(40))
	wd := t.Weekday().String()
	pubNote := fmt.Sprintf("publication on %s %s", pub.Weekday(), iso(pub))
	if lasting {
		switch r.IntN(5) {
		case 0:
			return &record.Date{EDTF: "../" + iso(end), Basis: record.BasisBounded, Note: "'until " + end.Format("2 January") + "' in the same sentence: the start is not given"}
		case 1:
			return &record.Date{EDTF: d + "/..", Basis: record.BasisStated, Note: "'from " + t.Format("2 January 2006") + "', still going on at " + pubNote}
		case 2:
			return &record.Date{EDTF: d + "/", Basis: record.BasisInferred, Note: "'since " + wd + "': the " + wd + " before " + pubNote + "; the source does not say whether it has ended"}
		default:
			return &record.Date{EDTF: d + "/" + iso(end), Basis: record.BasisStated}
		}
	}
	switch x := r.IntN(100); {
	case x < 30:
		return &record.Date{EDTF: d, Basis: record.BasisStated}
	case x < 35:
		return &record.Date{EDTF: d, Basis: record.BasisStated, Note: "the source gives the date as " + t.Format("2 January 2006")}
	case x < 55:
		return &record.Date{EDTF: d, Basis: record.BasisInferred, Note: "'on " + wd + "' in the same sentence: the " + wd + " before " + pubNote}
	case x < 65:
		return &record.Date{EDTF: "[.." + d + "]", Basis: record.BasisBounded, Note: "'recently': one day on or before " + d + ", the source gives no closer date"}
	case x < 72:
		a := t.AddDate(0, 0, -int(t.Weekday()+6)%7)
		return &record.Date{EDTF: "[" + iso(a) + ".." + iso(a.AddDate(0, 0, 6)) + "]", Basis: record.BasisInferred, Note: "'this week': one day of the ISO week of " + d + ", Monday to Sunday"}
	case x < 76:
		return &record.Date{EDTF: "[" + d + "," + iso(t.AddDate(0, 0, 1)) + "]", Basis: record.BasisInferred, Note: "'overnight': " + d + " or the day after, the source does not say which"}
	case x < 81:
		return &record.Date{EDTF: t.Format("2006-01"), Basis: record.BasisStated}
	case x < 83:
		return &record.Date{EDTF: t.Format("2006"), Basis: record.BasisStated}
	case x < 85:
		return &record.Date{EDTF: d + "?", Basis: record.BasisInferred, Note: "'reportedly on " + wd + "': the source is unsure of the day"}
	case x < 87:
		return &record.Date{EDTF: t.Format("2006-01") + "~", Basis: record.BasisInferred, Note: "'around " + t.Format("January") + "': approximate"}
	case x < 88:
		return &record.Date{EDTF: t.Format("2006") + "%", Basis: record.BasisInferred, Note: "'probably this year': uncertain and approximate"}
	case x < 91:
		return &record.Date{EDTF: t.Format("2006-01") + "-XX", Basis: record.BasisInferred, Note: "'in " + t.Format("January") + "': a day of the month the source does not give"}
	case x < 92:
		return &record.Date{EDTF: t.Format("2006")[:3] + "X", Basis: record.BasisBounded, Note: "'in this decade': a year the source does not give"}
	case x < 95:
		season := 21 + (int(t.Month())+9)%12/3
		y := t.Year()
		if t.Month() <= 2 {
			y-- // January and February are the winter of the year before
		}
		return &record.Date{EDTF: fmt.Sprintf("%d-%d", y, season), Basis: record.BasisInferred, Note: "'in the " + []string{"spring", "summer", "autumn", "winter"}[season-21] + "': the season the source names"}
	default:
		return &record.Date{EDTF: d + "/" + iso(end), Basis: record.BasisStated, Note: "from " + d + " to " + iso(end) + ", as the source gives both ends"}
	}
}

// figures makes 0 to 2 figures.
func (g *gen) figures(r *rand.Rand, max int) []record.Figure {
	var out []record.Figure
	for n := r.IntN(max + 1); len(out) < n; {
		m := pick(r, metrics)
		q := 1 + r.IntN(200000)
		f := record.Figure{Metric: m.metric, Unit: m.unit, Quantity: json.Number(strconv.Itoa(q))}
		if r.IntN(4) == 0 {
			f.Quantity = json.Number(fmt.Sprintf("%d.%d", q/100, r.IntN(10)))
		}
		if r.IntN(3) == 0 {
			qf, _ := f.Quantity.Float64()
			f.Low = json.Number(strconv.Itoa(int(qf) / 2))
			f.High = json.Number(strconv.Itoa(int(qf)*2 + 1))
		}
		if r.IntN(10) < 6 {
			f.Qualifier = pick(r, qualifiers)
		}
		if r.IntN(10) < 4 {
			f.Period = pick(r, periods)
		}
		if r.IntN(10) < 3 {
			f.Place = pick(r, cities).text
		}
		if r.IntN(10) < 3 {
			f.AttributedTo = g.actors[g.pickActor(r, kindMedia)].id
		}
		out = append(out, f)
	}
	return out
}

// actor writes the record of actor i.
func (g *gen) actor(i int) *record.Actor {
	h := g.actors[i]
	r := g.rng(streamActor, uint64(i))
	d := g.docs[r.IntN(len(g.docs))]
	a := &record.Actor{Kind: record.KindActor, ID: h.id, ActorType: actorTypes[h.kind], Label: h.label}
	a.Citations = []record.Citation{g.citation(r, d)}
	if r.IntN(4) == 0 {
		a.Citations = append(a.Citations, g.citation(r, g.docs[r.IntN(len(g.docs))]))
	}
	switch h.kind {
	case kindState:
		a.Name, a.Country = h.label, h.country
		if r.IntN(3) == 0 {
			a.Aliases = []record.Alias{{Alias: pick(r, cities).text, Citation: g.citation(r, d)}}
		}
		if r.IntN(2) == 0 {
			a.Identifiers = []record.Identifier{{Scheme: "wikidata", ID: "Q" + strconv.Itoa(1+r.IntN(9999999))}}
		}
	case kindPerson:
		a.Name = h.label
		a.Roles = []record.Role{{Title: pick(r, roleTitles), Of: g.actors[g.pickActor(r, kindState)].id}}
		if r.IntN(3) == 0 {
			a.Roles = append(a.Roles, record.Role{Title: pick(r, roleTitles)})
		}
		if r.IntN(2) == 0 {
			a.Country = g.actors[g.pickActor(r, kindState)].country
		}
		if r.IntN(10) < 3 {
			a.Identifiers = []record.Identifier{{Scheme: "wikidata", ID: "Q" + strconv.Itoa(1+r.IntN(99999999))}}
		}
		if r.IntN(10) < 2 {
			a.Aliases = []record.Alias{{Alias: strings.ToUpper(h.label[:1]) + h.label[1:] + " (" + pick(r, roleTitles) + ")", Citation: g.citation(r, d)}}
		}
		if r.IntN(10) < 3 {
			a.Description = "Described by the source as the " + pick(r, roleTitles) + " who " + pick(r, []string{"announced the sanctions", "led the delegation", "spoke at the summit", "signed the decree", "briefed the press"})
		}
	case kindBody:
		a.Name = h.label
		a.Country = h.country
		a.PartOf = g.stateOf(h.country)
	case kindOrganisation:
		a.Name = h.label
		a.Aliases = []record.Alias{{Alias: initials(h.label), Citation: g.citation(r, d)}}
		a.Description = "an international " + strings.ToLower(h.label[strings.LastIndexByte(h.label, ' ')+1:]) + " of " + strconv.Itoa(3+r.IntN(40)) + " members, as the source describes it"
	case kindMedia:
		a.Name = h.label
		a.Description = pick(r, []string{"news agency", "newspaper", "broadcaster", "news website"})
	case kindGroup:
		if r.IntN(2) == 0 {
			a.PartOf = g.stateOf(h.country)
		}
	case kindCompany:
		a.Name = h.label
		a.Country = h.country
		a.Description = "the company in charge of " + pick(r, []string{"building the pipeline", "the port terminal", "shipping grain", "the metals plant", "the aircraft leases"}) + ", as the source describes it"
	}
	a.Note = note(r, 15, h.label)
	return a
}

// stateOf returns the id of the state with a country code.
func (g *gen) stateOf(code string) string {
	for _, i := range g.byKind[kindState] {
		if g.actors[i].country == code {
			return g.actors[i].id
		}
	}
	return g.actors[g.byKind[kindState][0]].id
}

func initials(s string) string {
	var b strings.Builder
	for _, w := range strings.Fields(s) {
		b.WriteString(strings.ToUpper(w[:1]))
	}
	return b.String()
}

// source writes the record of source i.
func (g *gen) source(i int) *record.Source {
	d := g.docs[i]
	r := g.rng(streamSource, uint64(i))
	types := []string{"news-article", "press-release", "official-statement", "transcript", "legal-act", "report", "other"}
	s := &record.Source{Kind: record.KindSource, ID: d.id, SourceType: pick(r, types),
		Title:     fmt.Sprintf("Synthetic %s of %s on %s", pick(r, []string{"article", "report", "statement", "briefing"}), iso(d.published), strings.ReplaceAll(d.stem[11:], "-", " ")),
		Published: record.Date{EDTF: iso(d.published), Basis: record.BasisStated},
		Language:  d.language, File: d.stem + ".txt", SHA256: d.sha}
	if r.IntN(10) < 7 {
		s.Headline = d.sentences[0].text
		if len(s.Headline) > 300 {
			s.Headline = s.Headline[:strings.LastIndexByte(s.Headline[:300], ' ')]
		}
	}
	if r.IntN(10) < 7 {
		m := g.actors[g.pickActor(r, kindMedia)]
		s.Publisher = m.label
		s.URL = fmt.Sprintf("https://news.example.org/%s/%s", strings.ReplaceAll(iso(d.published), "-", "/"), d.stem)
	}
	if r.IntN(10) < 3 {
		s.Credits = distinct(r, 1+r.IntN(2), func() string { return g.actors[g.pickActor(r, kindMedia)].id })
	}
	if r.IntN(10) < 3 {
		s.Note = "The copy held records the publication date; its URL is the publisher's, its headline the first sentence."
	}
	return s
}

var eventTypes = []string{"invasion", "attack", "summit", "meeting", "speech", "briefing", "call", "announcement", "other"}

// eventHead is event k's id and the day and type its id names.
func (g *gen) eventHead(k int) (id string, day time.Time, typ string, city name) {
	r := g.rng(streamEventHead, uint64(k))
	day, typ, city = dayOf(r), pick(r, eventTypes), pick(r, cities)
	return fmt.Sprintf("event-%s-%s-%s-%d", iso(day), typ, city.slug, k), day, typ, city
}

func (g *gen) eventID(k int) string { id, _, _, _ := g.eventHead(k); return id }

// measureHead is measure k's id, and the imposing state and the instrument
// its id names.
func (g *gen) measureHead(k int) (id string, imposer actorHead, instrument string) {
	r := g.rng(streamMeasureHead, uint64(k))
	imposer, instrument = g.actors[g.pickActor(r, kindState)], pick(r, instruments)
	return fmt.Sprintf("measure-%s-%s-%d", slug(imposer.label), instrument, k), imposer, instrument
}

func (g *gen) measureID(k int) string { id, _, _ := g.measureHead(k); return id }

func (g *gen) statementID(k int) string {
	r := g.rng(streamStatementHead, uint64(k))
	return fmt.Sprintf("statement-%s-%s-%d", pick(r, []string{"condemns", "warns", "pledges", "rejects", "calls-for", "confirms", "denies"}), slug(pick(r, quoteObjects)), k)
}

// event writes event k, drawn from source f.
func (g *gen) event(k, f int) *record.Event {
	id, day, typ, city := g.eventHead(k)
	r := g.rng(streamEvent, uint64(k))
	d := g.docs[f]
	e := &record.Event{Kind: record.KindEvent, ID: id, EventType: typ}
	agent := g.actors[g.pickActor(r, kindPerson)]
	switch typ {
	case "speech", "briefing", "announcement":
		e.Title = fmt.Sprintf("%s's %s in %s", agent.label, typ, city.text)
	case "call":
		e.Title = fmt.Sprintf("Call between %s and %s", agent.label, g.actors[g.pickActor(r, kindPerson)].label)
	case "summit", "meeting":
		e.Title = fmt.Sprintf("%s %s of the %s in %s", pick(r, []string{"Emergency", "Extraordinary", "Regular", "Informal"}), typ, g.actors[g.pickActor(r, kindOrganisation)].label, city.text)
	default:
		e.Title = fmt.Sprintf("%s on %s", strings.ToUpper(typ[:1])+typ[1:], city.text)
	}
	if r.IntN(10) < 7 {
		e.Description = fmt.Sprintf("%s, as the source tells it: %s", e.Title, strings.TrimSuffix(pick(r, d.sentences).text, "."))
		if len(e.Description) > 1900 {
			e.Description = e.Description[:strings.LastIndexByte(e.Description[:1900], ' ')]
		}
	}
	if r.IntN(10) < 9 {
		e.Date = date(r, day, d.published, typ == "invasion" || typ == "attack" && r.IntN(2) == 0)
	}
	if r.IntN(10) < 7 {
		e.Place = city.text
		if r.IntN(10) < 8 {
			e.Country = g.actors[g.pickActor(r, kindState)].country
		}
	}
	roles := []string{"agent", "target", "participant", "organiser", "audience"}
	for _, a := range distinct(r, 1+r.IntN(4), func() int { return r.IntN(len(g.actors)) }) {
		e.Actors = append(e.Actors, record.Participant{Actor: g.actors[a].id, Role: pick(r, roles)})
	}
	e.Figures = g.figures(r, 2)
	e.Citations = g.citations(r, d)
	e.Note = note(r, 25, "the "+typ)
	return e
}

var instruments = []string{"asset-freeze", "travel-ban", "financial-restrictions", "trade-restrictions", "export-controls", "arms-embargo", "diplomatic", "military-aid", "unspecified"}

// measure writes measure k, drawn from source f.
func (g *gen) measure(k, f int) *record.Measure {
	r := g.rng(streamMeasure, uint64(k))
	d := g.docs[f]
	id, imposer, instrument := g.measureHead(k)
	m := &record.Measure{Kind: record.KindMeasure, ID: id}
	m.MeasureType = pick(r, []string{"sanctions", "sanctions", "sanctions", "aid", "diplomatic", "military", "other", ""})
	target := g.actors[g.pickActor(r, kindState)]
	m.Title = fmt.Sprintf("%s %s on %s", imposer.label, strings.ReplaceAll(instrument, "-", " "), target.label)
	if r.IntN(10) < 7 {
		m.Description = fmt.Sprintf("%s announced %s targeting %s, including restrictions on %s", imposer.label, pick(r, []string{"sanctions", "a package of measures", "new steps"}), pick(r, scopes), pick(r, goods))
	}
	statuses := []string{"threatened", "announced", "imposed", "imposed", "suspended", "lifted", "expired", ""}
	m.Status = pick(r, statuses)
	t := dayOf(r)
	if r.IntN(10) < 8 {
		m.Announced = date(r, t, d.published, false)
	}
	if m.Status != "threatened" && m.Status != "announced" && r.IntN(10) < 6 {
		m.Effective = &record.Date{EDTF: iso(t.AddDate(0, 0, r.IntN(30))), Basis: record.BasisStated}
	}
	if m.Status == "lifted" || m.Status == "expired" {
		m.Ended = date(r, t.AddDate(0, 0, 30+r.IntN(300)), d.published, false)
	}
	if r.IntN(10) < 4 {
		m.AnnouncedAt = g.eventID(r.IntN(g.nEvents))
	}
	if r.IntN(10) < 9 {
		m.Instruments = append([]string{instrument}, without(distinct(r, r.IntN(3), func() string { return pick(r, instruments) }), []string{instrument})...)
	}
	m.ImposedBy = []string{imposer.id}
	if r.IntN(4) == 0 {
		m.ImposedBy = append(m.ImposedBy, distinct(r, 1+r.IntN(2), func() string {
			x := g.actors[g.pickActor(r, kindOrganisation)].id
			return x
		})...)
	}
	for _, a := range distinct(r, 1+r.IntN(3), func() int { return r.IntN(len(g.actors)) }) {
		tg := record.Target{Actor: g.actors[a].id}
		if r.IntN(2) == 0 {
			tg.Scope = pick(r, scopes)
		}
		m.Targets = append(m.Targets, tg)
	}
	if r.IntN(3) == 0 {
		m.CoordinatedWith = distinct(r, 1+r.IntN(3), func() string { return g.actors[g.pickActor(r, kindState)].id })
		m.CoordinatedWith = without(m.CoordinatedWith, m.ImposedBy)
		if len(m.CoordinatedWith) == 0 {
			m.CoordinatedWith = nil
		}
	}
	if r.IntN(2) == 0 {
		m.RespondsTo = distinct(r, 1+r.IntN(2), func() string { return g.eventID(r.IntN(g.nEvents)) })
	}
	if r.IntN(10) < 4 {
		m.LegalBasis = legalBasis(r)
	}
	m.Figures = g.figures(r, 1)
	m.Citations = g.citations(r, d)
	m.Note = note(r, 30, "the measure")
	return m
}

func without(xs, drop []string) []string {
	var out []string
	for _, x := range xs {
		if !contains(drop, x) {
			out = append(out, x)
		}
	}
	return out
}

// statement writes statement k, drawn from source f: its text is a
// quotation or a paraphrase in one of the source's sentences.
func (g *gen) statement(k, f int) *record.Statement {
	r := g.rng(streamStatement, uint64(k))
	d := g.docs[f]
	var s sentence
	if len(d.said) > 0 {
		s = d.sentences[pick(r, d.said)]
	} else { // a text with no quotation: the whole sentence, paraphrased
		s = pick(r, d.sentences)
		s.paraphrase = strings.TrimSuffix(s.text, ".")
	}
	st := &record.Statement{Kind: record.KindStatement, ID: g.statementID(k), Mode: "verbatim", Text: s.quote, Language: d.language}
	if s.quote == "" {
		st.Mode, st.Text = "paraphrase", s.paraphrase
	}
	if s.speaker >= 0 {
		st.Speaker = g.actors[s.speaker].id
	} else {
		st.Speaker = g.actors[g.pickActor(r, kindPerson)].id
	}
	if r.IntN(10) < 8 {
		st.Date = date(r, d.published.AddDate(0, 0, -r.IntN(7)), d.published, false)
	}
	if r.IntN(2) == 0 {
		st.Place = pick(r, cities).text
	}
	if r.IntN(10) < 4 {
		st.Occasion = g.eventID(r.IntN(g.nEvents))
	}
	if r.IntN(10) < 3 {
		st.Audience = distinct(r, 1+r.IntN(2), func() string { return g.actors[g.pickActor(r, kindGroup)].id })
	}
	if r.IntN(2) == 0 {
		st.Channel = pick(r, channels)
	}
	if r.IntN(10) < 7 {
		st.About = distinct(r, 1+r.IntN(3), func() string {
			switch r.IntN(3) {
			case 0:
				return g.eventID(r.IntN(g.nEvents))
			case 1:
				return g.measureID(r.IntN(g.nMeasures))
			}
			return g.actors[r.IntN(len(g.actors))].id
		})
	}
	st.Citations = []record.Citation{g.citeSentence(r, d, s)}
	if r.IntN(4) == 0 {
		st.Citations = append(st.Citations, g.citation(r, g.docs[r.IntN(len(g.docs))]))
	}
	st.Note = note(r, 10, "the statement")
	return st
}
