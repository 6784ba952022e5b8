// Package words renders small pieces of English for messages and reports,
// so that every command counts things the same way.
package words

import (
	"strconv"
	"strings"
)

// Count renders n and a noun, plural unless n is 1: "1 file", "3 files",
// "0 errors". Nouns that do not take a plain "s" are not used.
func Count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

// Article puts "a" or "an" before a noun by its first letter ("an event",
// "a measure"); "null" stays as it is.
func Article(noun string) string {
	switch {
	case noun == "null":
		return noun
	case strings.IndexAny(noun, "aeiou") == 0:
		return "an " + noun
	}
	return "a " + noun
}
