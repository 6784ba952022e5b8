package schemamsg

import "curate/diag"

// Rules describes the rules of the problems Check reports, for a caller's
// catalogue: RuleSchema, and each JSON Schema 2020-12 assertion keyword (a
// rule named after the keyword). The EDTF rules are edtf's.
var Rules = rules()

func rules() diag.Catalogue {
	c := diag.Catalogue{
		{ID: RuleSchema, Summary: "the schema applies to every value",
			Help: "The schema could not be evaluated on this value. Check the schema given with --schema."},
	}
	for _, k := range schemaKeywords {
		c = append(c, diag.Rule{ID: k[0], Summary: k[1], Help: "The value does not satisfy the schema's \"" + k[0] + "\" keyword; the message and hint say what the schema asks for."})
	}
	return c
}

// schemaKeywords are the JSON Schema 2020-12 assertion keywords, each a rule
// named after the keyword, with what holds when it passes.
var schemaKeywords = [][2]string{
	{"additionalProperties", "records have only the properties the schema defines"},
	{"const", "values equal the one the schema fixes"},
	{"contains", "arrays contain an item of the required form"},
	{"dependentRequired", "properties come with the properties they depend on"},
	{"enum", "values are among those the schema allows"},
	{"exclusiveMaximum", "numbers are below the maximum"},
	{"exclusiveMinimum", "numbers are above the minimum"},
	{"false", "no value is given where the schema allows none"},
	{"format", "values have the format the schema names (uri, edtf, ...)"},
	{"maxContains", "arrays contain few enough items of a form"},
	{"maxItems", "arrays have at most the items allowed"},
	{"maxLength", "texts are no longer than allowed"},
	{"maxProperties", "objects have at most the properties allowed"},
	{"maximum", "numbers are at most the maximum"},
	{"minContains", "arrays contain enough items of a form"},
	{"minItems", "arrays have at least the items required"},
	{"minLength", "texts are not empty or too short"},
	{"minProperties", "objects have at least the properties required"},
	{"minimum", "numbers are at least the minimum"},
	{"multipleOf", "numbers are multiples of the step"},
	{"not", "values do not have a form the schema excludes"},
	{"oneOf", "values match exactly one of the alternatives"},
	{"anyOf", "values match one of the alternatives"},
	{"pattern", "texts have the form the schema requires"},
	{"propertyNames", "property names have the required form"},
	{"required", "records have every required property"},
	{"type", "values have the type the schema requires"},
	{"unevaluatedItems", "arrays have only the items the schema defines"},
	{"unevaluatedProperties", "objects have only the properties the schema defines"},
	{"uniqueItems", "list items are not repeated"},
}
