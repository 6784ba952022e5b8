package schema

import (
	"regexp"
	"strings"
)

// matcher is how a Checker tests a pattern. The patterns most strings of
// the schema carry (a line of text; an id: a kind followed by lower-case
// words) are matched by hand, several times faster than by the regexp
// engine; any other goes through regexp, as jsonschema/v5 does. The
// differential test holds the hand-made matchers to the regexps.
type matcher func(string) bool

// textPattern is the schema's pattern of a line of text.
const textPattern = `^[^\s\p{Cc}]([^\p{Cc}]*[^\s\p{Cc}])?$`

// idPattern recognises the schema's id patterns: ^PREFIX-[a-z0-9]+(-[a-z0-9]+)*$
// with one prefix or alternatives in parentheses.
var idPattern = regexp.MustCompile(`^\^(\(([a-z]+(\|[a-z]+)*)\)|[a-z]+)-\[a-z0-9\]\+\(-\[a-z0-9\]\+\)\*\$$`)

// compilePattern returns the matcher of a pattern.
func compilePattern(p string) (matcher, error) {
	if p == textPattern {
		return isTextLine, nil
	}
	if m := idPattern.FindStringSubmatch(p); m != nil {
		prefixes := []string{m[1]}
		if m[2] != "" {
			prefixes = strings.Split(m[2], "|")
		}
		return func(s string) bool { return isID(s, prefixes) }, nil
	}
	re, err := regexp.Compile(p)
	if err != nil {
		return nil, err
	}
	return re.MatchString, nil
}

// isTextLine matches textPattern: at least one character, none a control
// character, the first and last not white space as \s means in RE2 (tab,
// line feed, form feed, carriage return, space). Invalid UTF-8 decodes to
// U+FFFD, as regexp reads it.
func isTextLine(s string) bool {
	if s == "" {
		return false
	}
	first, last := true, rune(0)
	for _, r := range s {
		if r < 0x20 || r >= 0x7f && r <= 0x9f { // \p{Cc}
			return false
		}
		if first && isRE2Space(r) {
			return false
		}
		first, last = false, r
	}
	return !isRE2Space(last)
}

func isRE2Space(r rune) bool { return r == '\t' || r == '\n' || r == '\f' || r == '\r' || r == ' ' }

// isID matches PREFIX-[a-z0-9]+(-[a-z0-9]+)* for one of the prefixes.
func isID(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if rest, ok := strings.CutPrefix(s, p+"-"); ok && isSlug(rest) {
			return true
		}
	}
	return false
}

// isSlug matches [a-z0-9]+(-[a-z0-9]+)*.
func isSlug(s string) bool {
	if s == "" {
		return false
	}
	prevDash := true
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			prevDash = false
		case c == '-' && !prevDash:
			prevDash = true
		default:
			return false
		}
	}
	return !prevDash
}
