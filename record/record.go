// Package record holds the dataset's model: the records every command reads
// (actors, sources, events, measures and statements) and the dataset's own
// metadata. It mirrors the JSON Schema in schema/ field for field; the JSON
// tags are the property names curators write.
//
// The package imports nothing else of the project, so every other package can
// depend on it.
package record

import (
	"encoding/json"
	"slices"
	"strings"
)

// Kind names a record kind; it is the value of every record's "kind" property.
type Kind string

// The record kinds, in the order exports list them.
const (
	KindActor     Kind = "actor"
	KindSource    Kind = "source"
	KindEvent     Kind = "event"
	KindMeasure   Kind = "measure"
	KindStatement Kind = "statement"
)

// Kinds lists every record kind in a fixed order.
var Kinds = []Kind{KindActor, KindSource, KindEvent, KindMeasure, KindStatement}

// KindOf returns the kind an identifier names by its prefix ("event-...") and
// false when the identifier has no known prefix.
func KindOf(id string) (Kind, bool) {
	for _, k := range Kinds {
		p := string(k) + "-"
		if len(id) > len(p) && id[:len(p)] == p {
			return k, true
		}
	}
	return "", false
}

// Metadata is the dataset's own description, kept in dataset/dataset.json.
type Metadata struct {
	Title         string `json:"title"`
	Version       string `json:"version"`
	SchemaVersion string `json:"schema_version"`
	Licence       string `json:"licence"`
	Description   string `json:"description"`
	Citation      string `json:"citation"`
	// Authors are who made the dataset, in the order they are credited;
	// CITATION.cff and datapackage.json's contributors come from them.
	Authors []Author `json:"authors,omitempty"`
	BaseIRI string   `json:"base_iri,omitempty"`
	// URL is where the dataset is published; "" until it has an address.
	URL string `json:"url,omitempty"`
	// DOI is the dataset's DOI as a bare name (10.xxxx/...); "" until one
	// is registered.
	DOI      string   `json:"doi,omitempty"`
	Keywords []string `json:"keywords,omitempty"`
	// Released is the day the version was released (YYYY-MM-DD), "" when
	// not given: dates in the release bundle come from it, never from the
	// clock.
	Released string `json:"released,omitempty"`
}

// Author is one who made the dataset: a person (GivenNames and
// FamilyNames, with an optional ORCID iD address and Affiliation) or an
// entity such as a project or team (Name alone).
type Author struct {
	Name        string `json:"name,omitempty"`
	GivenNames  string `json:"given_names,omitempty"`
	FamilyNames string `json:"family_names,omitempty"`
	ORCID       string `json:"orcid,omitempty"`
	Affiliation string `json:"affiliation,omitempty"`
}

// IsEntity reports whether the author is an entity (a project, team or
// organisation) rather than a person.
func (a Author) IsEntity() bool { return a.Name != "" }

// Display is the author's name as written in a credit: an entity's name, or
// a person's given names followed by their family names.
func (a Author) Display() string {
	if a.IsEntity() {
		return a.Name
	}
	return strings.TrimSpace(a.GivenNames + " " + a.FamilyNames)
}

// Date is a date as an EDTF string, the basis on which it was read from
// the source and a note on how.
type Date struct {
	EDTF  string `json:"edtf"`
	Basis string `json:"basis"`
	Note  string `json:"note,omitempty"`
}

// Date bases: how a date was read from its source.
const (
	BasisStated   = "stated"   // the source gives the calendar date
	BasisInferred = "inferred" // resolved from the source's words against a known date
	BasisBounded  = "bounded"  // only a bound is known
)

// Citation names a source and quotes the excerpt that supports a record.
type Citation struct {
	Source   string `json:"source"`
	Evidence string `json:"evidence"`
	Locator  string `json:"locator,omitempty"`
}

// Role is a position an actor holds, as the source states it.
type Role struct {
	Title string `json:"title"`
	Of    string `json:"of,omitempty"`
}

// Alias is another name a source uses for an actor, with the citation
// where it does.
type Alias struct {
	Alias    string   `json:"alias"`
	Citation Citation `json:"citation"`
}

// Identifier names an actor in another dataset.
type Identifier struct {
	Scheme string `json:"scheme"`
	ID     string `json:"id"`
}

// Actor is a person, state, organisation, body, group, news outlet or
// company.
type Actor struct {
	Kind        Kind         `json:"kind"`
	ID          string       `json:"id"`
	ActorType   string       `json:"actor_type"`
	Label       string       `json:"label"`
	Name        string       `json:"name,omitempty"`
	Aliases     []Alias      `json:"aliases,omitempty"`
	Description string       `json:"description,omitempty"`
	Roles       []Role       `json:"roles,omitempty"`
	PartOf      string       `json:"part_of,omitempty"`
	Country     string       `json:"country,omitempty"`
	Identifiers []Identifier `json:"identifiers,omitempty"`
	Citations   []Citation   `json:"citations"`
	Note        string       `json:"note,omitempty"`
}

// Source is a document that records cite.
type Source struct {
	Kind       Kind     `json:"kind"`
	ID         string   `json:"id"`
	SourceType string   `json:"source_type"`
	Title      string   `json:"title"`
	Headline   string   `json:"headline,omitempty"`
	Publisher  string   `json:"publisher,omitempty"`
	URL        string   `json:"url,omitempty"`
	Published  Date     `json:"published"`
	Language   string   `json:"language,omitempty"`
	File       string   `json:"file"`
	SHA256     string   `json:"sha256"`
	Credits    []string `json:"credits,omitempty"`
	Note       string   `json:"note,omitempty"`
}

// Participant is an actor's part in an event.
type Participant struct {
	Actor string `json:"actor"`
	Role  string `json:"role"`
}

// Figure is a quantity a source gives about an event or a measure.
// Quantity, Low and High keep the numbers exactly as written in the
// dataset.
type Figure struct {
	Metric       string      `json:"metric"`
	Quantity     json.Number `json:"quantity"`
	Low          json.Number `json:"low,omitempty"`
	High         json.Number `json:"high,omitempty"`
	Unit         string      `json:"unit"`
	Qualifier    string      `json:"qualifier,omitempty"`
	Period       string      `json:"period,omitempty"`
	Place        string      `json:"place,omitempty"`
	AttributedTo string      `json:"attributed_to,omitempty"`
}

// Event is something that happened.
type Event struct {
	Kind        Kind          `json:"kind"`
	ID          string        `json:"id"`
	EventType   string        `json:"event_type"`
	Title       string        `json:"title"`
	Description string        `json:"description,omitempty"`
	Date        *Date         `json:"date,omitempty"`
	Place       string        `json:"place,omitempty"`
	Country     string        `json:"country,omitempty"`
	Actors      []Participant `json:"actors,omitempty"`
	Figures     []Figure      `json:"figures,omitempty"`
	Citations   []Citation    `json:"citations"`
	Note        string        `json:"note,omitempty"`
}

// Target is an actor a measure is aimed at, with the part aimed at.
type Target struct {
	Actor string `json:"actor"`
	Scope string `json:"scope,omitempty"`
}

// Measure is an action taken in response to events, with its life from
// threat or announcement to its end.
type Measure struct {
	Kind            Kind       `json:"kind"`
	ID              string     `json:"id"`
	MeasureType     string     `json:"measure_type,omitempty"`
	Title           string     `json:"title"`
	Description     string     `json:"description,omitempty"`
	Status          string     `json:"status,omitempty"`
	Announced       *Date      `json:"announced,omitempty"`
	Effective       *Date      `json:"effective,omitempty"`
	Ended           *Date      `json:"ended,omitempty"`
	AnnouncedAt     string     `json:"announced_at,omitempty"`
	Instruments     []string   `json:"instruments,omitempty"`
	ImposedBy       []string   `json:"imposed_by"`
	Targets         []Target   `json:"targets,omitempty"`
	CoordinatedWith []string   `json:"coordinated_with,omitempty"`
	RespondsTo      []string   `json:"responds_to,omitempty"`
	LegalBasis      string     `json:"legal_basis,omitempty"`
	Figures         []Figure   `json:"figures,omitempty"`
	Citations       []Citation `json:"citations"`
	Note            string     `json:"note,omitempty"`
}

// Instruments maps each measure instrument to the Global Sanctions Data
// Base type it falls under ("" for unspecified: the source does not say).
var Instruments = map[string]string{
	"asset-freeze":           "financial",
	"travel-ban":             "travel",
	"financial-restrictions": "financial",
	"trade-restrictions":     "trade",
	"export-controls":        "trade",
	"arms-embargo":           "arms",
	"diplomatic":             "other",
	"military-aid":           "military",
	"unspecified":            "",
}

// Statement is what an official or a body said.
type Statement struct {
	Kind      Kind       `json:"kind"`
	ID        string     `json:"id"`
	Speaker   string     `json:"speaker"`
	Mode      string     `json:"mode"`
	Text      string     `json:"text"`
	Language  string     `json:"language,omitempty"`
	Date      *Date      `json:"date,omitempty"`
	Place     string     `json:"place,omitempty"`
	Occasion  string     `json:"occasion,omitempty"`
	Audience  []string   `json:"audience,omitempty"`
	Channel   string     `json:"channel,omitempty"`
	About     []string   `json:"about,omitempty"`
	Citations []Citation `json:"citations"`
	Note      string     `json:"note,omitempty"`
}

// Dataset is a whole validated dataset: its metadata and its records, each
// kind sorted by id.
type Dataset struct {
	Meta       Metadata
	Actors     []Actor
	Sources    []Source
	Events     []Event
	Measures   []Measure
	Statements []Statement
}

// Len returns the number of records in the dataset.
func (d *Dataset) Len() int {
	return len(d.Actors) + len(d.Sources) + len(d.Events) + len(d.Measures) + len(d.Statements)
}

// Sort orders every kind of record by id.
func (d *Dataset) Sort() {
	slices.SortStableFunc(d.Actors, func(a, b Actor) int { return strings.Compare(a.ID, b.ID) })
	slices.SortStableFunc(d.Sources, func(a, b Source) int { return strings.Compare(a.ID, b.ID) })
	slices.SortStableFunc(d.Events, func(a, b Event) int { return strings.Compare(a.ID, b.ID) })
	slices.SortStableFunc(d.Measures, func(a, b Measure) int { return strings.Compare(a.ID, b.ID) })
	slices.SortStableFunc(d.Statements, func(a, b Statement) int { return strings.Compare(a.ID, b.ID) })
}
