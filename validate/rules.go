package validate

import (
	"curate/diag"
	"curate/edtf"
	"curate/internal/evidence"
	"curate/internal/placement"
	"curate/jsonpos"
	"curate/schemamsg"
)

// The rules of the checks this package makes beyond JSON syntax (see
// jsonpos.Rules), EDTF dates (see edtf.ErrorKind) and the schema's keywords
// (see schemamsg.Rules); those of the evidence checks are package
// evidence's.
const (
	RuleRead              = "read"                     // a path given cannot be read
	RuleSchema            = schemamsg.RuleSchema       // the schema could not be applied to a value
	RuleDuplicateMetadata = "duplicate-metadata"       // more than one dataset.json
	RuleDuplicateID       = "duplicate-id"             // two records with one id
	RuleReference         = "reference"                // a reference to an id no record has
	RuleReferenceKind     = "reference-kind"           // a reference to a record of the wrong kind
	RuleSourcePath        = evidence.RuleSourcePath    // a source's file is not a path inside --sources
	RuleSourceFile        = evidence.RuleSourceFile    // a source's text file cannot be read
	RuleSourceHash        = evidence.RuleSourceHash    // a source's text is not the one recorded
	RuleEvidence          = evidence.RuleEvidence      // an excerpt is not in the source text
	RuleStatementText     = evidence.RuleStatementText // a statement's text is not in the sources it cites
	RuleTextLength        = "text-length"              // a text longer than a spreadsheet cell holds
	RuleSchemaVersion     = "schema-version"           // dataset.json names a schema version this curate does not read
	RuleFigureRange       = "figure-range"             // a figure's low, quantity and high out of order
	RulePlacement         = placement.Rule             // a file or record outside its folder
	RuleLocator           = evidence.RuleLocator       // a "paragraph N" locator that names another paragraph
)

// Rules is the catalogue of every rule a validation run can report: its ID,
// a one-line summary (what holds when the rule passes) and help (what to do
// when it fails). SARIF output describes its rules from it; README's list of
// checks and the tests are held to it.
var Rules = catalogue()

func catalogue() diag.Catalogue {
	c := diag.Catalogue{
		{ID: RuleRead, Summary: "every path given can be read",
			Help: "The file or directory does not exist, cannot be opened, is not a regular file (a named pipe, a device, a socket), is larger than --max-file-size, or is a symbolic link that leads outside the directory given. Fix the path or the file; curate reads nothing else in its place."},
		{ID: RuleDuplicateMetadata, Summary: "the dataset has one dataset.json",
			Help: "Keep one dataset.json, at the root of the dataset."},
		{ID: RuleDuplicateID, Summary: "every id is unique across the dataset",
			Help: "Two records share an id. Give the second record an id of its own; ids are stable, so rename the newer one."},
		{ID: RuleReference, Summary: "every reference names an existing record",
			Help: "A property refers to an id that no record has. Fix the spelling (the hint suggests the nearest id) or add the record."},
		{ID: RuleReferenceKind, Summary: "every reference names a record of the right kind",
			Help: "The id exists but names a record of another kind (an event where an actor is expected). Refer to a record of the kind the message names."},
		{ID: RuleTextLength, Summary: "every text fits in a spreadsheet cell (32,767 characters)",
			Help: "Shorten the text: a spreadsheet cell holds at most 32,767 characters, and curate never cuts a text in an export."},

		{ID: RuleSchemaVersion, Summary: "the dataset follows the schema version curate reads",
			Help: "dataset.json's schema_version names the schema the data was written for. Data for an older major version needs migrating (README: Changes from 1); data for a newer one needs a newer curate."},
		{ID: RuleFigureRange, Summary: "a figure's range holds its quantity",
			Help: "A figure's low is at most its quantity and its high at least its quantity: check the numbers against the source."},
		{ID: RulePlacement, Summary: "every file and record sits in its kind's folder",
			Help: "Records of kind K go in dataset/Ks/ (dataset/measures/ for measures); the events, measures and statements drawn from one source go in a file named after the source's text file (dataset/events/2022-02-26-article.json for 2022-02-26-article.txt); no file sits outside the known folders. Move the file or record where the hint says."},
		{ID: string(edtf.Syntax), Summary: "every date is written in EDTF",
			Help: "Write the date as EDTF: 2022-02-25, 2022-02, 2022, a set such as [..2022-02-26] for one day known only by a bound, or an interval 2022-02-21/2022-02-26 for something that lasts."},
		{ID: string(edtf.Calendar), Summary: "every date exists in the calendar",
			Help: "The day or month does not exist (2022-02-30, month 13). Check the date against the source; day and month may be swapped."},
		{ID: string(edtf.Order), Summary: "every interval and range starts before it ends",
			Help: "Write the earlier date first: 2022-02-21/2022-02-26."},
		{ID: string(edtf.Unsupported), Summary: "every date uses EDTF features curate supports",
			Help: "Times, years outside 0000-9999 and most level 2 features are not accepted; write a day, month, year, season, set or interval."},
	}
	c = append(c, evidence.Rules...)
	for _, r := range jsonpos.Rules {
		c = append(c, diag.Rule{ID: r.Name, Summary: r.Summary, Help: r.Help})
	}
	c = append(c, schemamsg.Rules...)
	return c.Sorted()
}
