// Package iso3166 holds the ISO 3166-1 alpha-2 country codes, generated from
// Debian's iso-codes data (see codes.go), so that no code is typed by hand:
// the schema's country enum (schema/country.schema.json) and the names
// exports show beside a code come from the same list.
package iso3166

import (
	"fmt"
	"slices"
	"strings"
)

// Name returns the English short name of a code ("UA": "Ukraine") and
// whether the code exists.
func Name(code string) (string, bool) {
	i, ok := slices.BinarySearchFunc(codes, code, func(c country, code string) int {
		switch {
		case c.code < code:
			return -1
		case c.code > code:
			return 1
		}
		return 0
	})
	if !ok {
		return "", false
	}
	return codes[i].name, true
}

// Codes returns every code, sorted.
func Codes() []string {
	out := make([]string, len(codes))
	for i, c := range codes {
		out[i] = c.code
	}
	return out
}

type country struct{ code, alpha3, name, common, official string }

// reserved are the codes ISO 3166 reserves for other uses that people
// write for a country: "UK" for the United Kingdom (GB), "EL" for Greece
// (GR, as the European Union writes it).
var reserved = map[string]string{"UK": "GB", "EL": "GR"}

// Suggest returns the alpha-2 code someone probably meant by s, and why:
// the code in lower case, an alpha-3 code, a reserved code such as "UK",
// or a country's name, common name or official name. "" when none fits.
func Suggest(s string) (code, why string) {
	up := strings.ToUpper(strings.TrimSpace(s))
	if c, ok := reserved[up]; ok {
		return c, fmt.Sprintf("%q is reserved in ISO 3166-1; the code of the country is %s", up, c)
	}
	for _, c := range codes {
		switch {
		case up == c.code && s != c.code:
			return c.code, "codes are upper case"
		case up == c.alpha3:
			return c.code, fmt.Sprintf("%s is the alpha-3 code; the alpha-2 code is %s", c.alpha3, c.code)
		case strings.EqualFold(s, c.name), c.common != "" && strings.EqualFold(s, c.common), c.official != "" && strings.EqualFold(s, c.official):
			return c.code, fmt.Sprintf("the code of %s is %s", c.name, c.code)
		}
	}
	return "", ""
}
