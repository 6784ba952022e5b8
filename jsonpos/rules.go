package jsonpos

// The rules of the problems Parse reports: every Error's Rule is one of
// them, and Rules describes each.
const (
	// RuleSyntax is text that is not JSON: a missing comma or quote, an
	// unclosed object, a bad escape, a control character in a string.
	RuleSyntax = "syntax"
	// RuleDuplicateKey is a property name given twice in one object.
	RuleDuplicateKey = "duplicate-key"
	// RuleByteOrderMark is a byte-order mark at the start of the file.
	RuleByteOrderMark = "byte-order-mark"
	// RuleComment is a // or /* */ comment.
	RuleComment = "comment"
	// RuleTrailingComma is a comma before a closing "]" or "}".
	RuleTrailingComma = "trailing-comma"
	// RuleTrailingContent is anything but white space after the value.
	RuleTrailingContent = "trailing-content"
	// RuleInvalidUTF8 is a byte sequence that is not UTF-8 in a string, or
	// an escaped UTF-16 surrogate without its other half.
	RuleInvalidUTF8 = "invalid-utf8"
	// RuleNumberRange is a number that a 64-bit float or a spreadsheet cell
	// cannot hold exactly as written (see NumberInRange).
	RuleNumberRange = "number-range"
	// RuleTooManyErrors counts the problems past MaxErrors, which are not
	// reported one by one.
	RuleTooManyErrors = "too-many-errors"
)

// RuleInfo describes one rule of Parse for a catalogue of rules.
type RuleInfo struct {
	Name    string // the Rule of the errors it reports, e.g. "duplicate-key"
	Summary string // one line, lower case: what holds when the rule passes
	Help    string // what to do about the problem, as a sentence
}

// Rules describes every rule Parse reports, in the order of the Rule
// constants.
var Rules = []RuleInfo{
	{RuleSyntax, "the file is well-formed JSON",
		"Fix the JSON syntax at the place shown: strings in double quotes, a comma between items, every bracket closed, no control character inside a string."},
	{RuleDuplicateKey, "no object has the same property twice",
		"Remove or rename the second occurrence; only the first is read."},
	{RuleByteOrderMark, "the file has no byte-order mark",
		"Save the file as UTF-8 without a byte-order mark (BOM)."},
	{RuleComment, "the file has no comments",
		"Remove the comment: JSON has none; put notes in a note property."},
	{RuleTrailingComma, "no comma comes before a closing bracket",
		"Remove the comma after the last item of the array or object."},
	{RuleTrailingContent, "nothing follows the top-level value",
		"Remove what follows the end of the top-level value, or put it inside."},
	{RuleInvalidUTF8, "strings are valid UTF-8",
		"Save the file as UTF-8 and write an escaped character outside the Basic Multilingual Plane as a pair of \\u escapes."},
	{RuleNumberRange, "numbers have at most 15 significant digits and a magnitude between 1e-300 and 1e300",
		"Write the number with at most 15 significant digits and a magnitude between 1e-300 and 1e300, or as a string if it is an identifier."},
	{RuleTooManyErrors, "the file has few enough problems to list every one",
		"Fix the problems shown and run again to see the rest."},
}
