package synth

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// sentence is one sentence of a synthetic source text, with what records can
// take from it.
type sentence struct {
	text string
	para int // the paragraph it is in, counted from 1 as validate counts
	// quote is a quotation inside the sentence (the words between the quote
	// marks, without the final comma), paraphrase a clause the sentence
	// reports; either may be empty. speaker is the index of the actor the
	// sentence credits with them, -1 for none.
	quote, paraphrase string
	speaker           int
}

// doc is a synthetic source: its record's identity and its text.
type doc struct {
	i         int
	id, stem  string
	published time.Time
	text      []byte
	sha       string
	sentences []sentence
	said      []int // indexes of sentences with a quote or a paraphrase
	language  string
}

// day0 is the first day of the synthetic period, ndays its length.
var day0 = time.Date(2022, 2, 24, 0, 0, 0, 0, time.UTC)

const ndays = 1400

func iso(t time.Time) string { return t.Format("2006-01-02") }

// dayOf returns a day of the period.
func dayOf(r *rand.Rand) time.Time { return day0.AddDate(0, 0, r.IntN(ndays)) }

// makeDoc writes the text of source i: a header of "#" lines, then 8 to 12
// paragraphs of 2 to 5 sentences separated by blank lines; a quarter of the
// texts wrap their lines at 72 columns, so that evidence matching meets line
// breaks inside excerpts.
func (g *gen) makeDoc(i int) *doc {
	r := g.rng(streamDoc, uint64(i))
	d := &doc{i: i, published: dayOf(r)}
	topic := pick(r, []string{"sanctions", "summit", "aid", "talks", "attack", "export-controls", "statement", "grain", "energy", "briefing"})
	where := pick(r, cities)
	d.stem = fmt.Sprintf("%s-%s-%s-%d", iso(d.published), topic, where.slug, i)
	d.id = "source-" + d.stem
	d.language = pickW(r, []string{"en", "en", "en", "en", "en", "uk", "de", "fr", "pl", "ja"})
	wrap := r.IntN(4) == 0
	var b strings.Builder
	fmt.Fprintf(&b, "# Source document: %s, published %s\n", pick(r, []string{"news article", "press release", "official statement", "transcript", "report"}), iso(d.published))
	fmt.Fprintf(&b, "# Synthetic text written by curate's internal/synth (seed %d, source %d); it reports nothing real.\n", g.opt.Seed, i)
	b.WriteString("# The text below is what the records quote.\n\n")
	seen := map[string]bool{}
	paras := 8 + r.IntN(5)
	for p := 1; p <= paras; p++ {
		var para []string
		for n := 2 + r.IntN(4); len(para) < n; {
			s := g.sentence(r, d)
			if seen[s.text] {
				continue
			}
			seen[s.text] = true
			s.para = p
			if s.quote != "" || s.paraphrase != "" {
				d.said = append(d.said, len(d.sentences))
			}
			d.sentences = append(d.sentences, s)
			para = append(para, s.text)
		}
		text := strings.Join(para, " ")
		if wrap {
			text = wrapLines(text, 72)
		}
		b.WriteString(text)
		b.WriteString("\n\n")
	}
	d.text = []byte(strings.TrimSuffix(b.String(), "\n"))
	sum := sha256.Sum256(d.text)
	d.sha = hex.EncodeToString(sum[:])
	return d
}

// wrapLines breaks text into lines of at most width characters at spaces.
func wrapLines(text string, width int) string {
	var b strings.Builder
	col := 0
	for i, w := range strings.Split(text, " ") {
		n := utf8.RuneCountInString(w)
		if i > 0 {
			if col+1+n > width {
				b.WriteByte('\n')
				col = 0
			} else {
				b.WriteByte(' ')
				col++
			}
		}
		b.WriteString(w)
		col += n
	}
	return b.String()
}

// quote makes a quotation from its parts.
func quote(r *rand.Rand) string {
	return pick(r, quoteOpeners) + " " + pick(r, quoteVerbs) + " " + pick(r, quoteObjects) + pick(r, quoteTails)
}

// sentence writes one sentence of document d.
func (g *gen) sentence(r *rand.Rand, d *doc) sentence {
	person := g.pickActor(r, kindPerson)
	p := g.actors[person]
	state, state2 := g.actors[g.pickActor(r, kindState)].label, g.actors[g.pickActor(r, kindState)].label
	city := pick(r, cities).text
	wd := pick(r, weekdays)
	role := pick(r, roleTitles)
	n := 2 + r.IntN(400)
	s := sentence{speaker: -1}
	switch r.IntN(11) {
	case 0:
		s.text = fmt.Sprintf("On %s, %s, the %s of %s, announced sanctions on %d %s linked to %s.", wd, p.label, role, state, n, pick(r, groupNames), state2)
	case 1, 2:
		s.quote = quote(r)
		s.speaker = person
		s.text = fmt.Sprintf("\u201c%s,\u201d %s told reporters in %s on %s.", s.quote, p.label, city, wd)
	case 3:
		s.text = fmt.Sprintf("The measures, which take effect on %d %s, freeze assets worth about %s held by %s in %s.",
			1+r.IntN(28), pick(r, months), money(r), pick(r, groupNames), city)
	case 4:
		s.text = fmt.Sprintf("According to %s, at least %d people were killed and more than %s fled %s %s.",
			g.actors[g.pickActor(r, kindMedia)].label, n, thousands(1000+r.IntN(90000)), city, pick(r, periods))
	case 5:
		s.text = fmt.Sprintf("%s said in a statement that it would coordinate its response with %s and %s.",
			g.actors[g.pickActor(r, kindOrganisation)].label, state, state2)
	case 6, 7:
		s.paraphrase = fmt.Sprintf("the talks in %s on %s had been postponed until %s", city, pick(r, goods), pick(r, months))
		if r.IntN(2) == 0 {
			s.paraphrase = fmt.Sprintf("%s would send %d %s to %s before %s", state, n, pick(r, []string{"tanks", "air-defence systems", "howitzers", "generators", "ambulances"}), state2, pick(r, months))
		}
		s.speaker = person
		s.text = fmt.Sprintf("%s, the %s, said on %s that %s.", p.label, role, wd, s.paraphrase)
	case 8:
		s.text = fmt.Sprintf("The %s of %s confirmed that exports of %s to %s would be banned from %d %s under %s.",
			pick(r, bodyKinds), state, pick(r, goods), state2, 1+r.IntN(28), pick(r, months), legalBasis(r))
	case 9:
		other := g.actors[g.pickActor(r, kindPerson)].label
		s.text = fmt.Sprintf("%s and %s discussed %s supplies and defence assistance in a call on %s, their offices said.", p.label, other, pick(r, goods), wd)
	default:
		s.quote = quote(r)
		s.speaker = person
		s.text = fmt.Sprintf("\u201c%s.\u201d The words of %s were echoed in %s later that day by %s.", s.quote, p.label, city, g.actors[g.pickActor(r, kindOrganisation)].label)
	}
	return s
}

func money(r *rand.Rand) string {
	return fmt.Sprintf("%s%d.%d billion", pick(r, []string{"$", "€", "£", "¥"}), 1+r.IntN(300), r.IntN(10))
}

func thousands(n int) string {
	s := strconv.Itoa(n)
	if len(s) > 3 {
		s = s[:len(s)-3] + "," + s[len(s)-3:]
	}
	return s
}

func legalBasis(r *rand.Rand) string {
	f := pick(r, legalBases)
	if strings.Contains(f, "%d") {
		return fmt.Sprintf(f, 100+r.IntN(2900))
	}
	return f
}
