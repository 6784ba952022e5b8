package schema

import (
	"regexp"
	"testing"
)

// TestPatterns: each hand-made matcher agrees with the regexp it stands
// for, on tricky strings and on fuzzed ones.
func TestPatterns(t *testing.T) {
	patterns := []string{textPattern, `^event-[a-z0-9]+(-[a-z0-9]+)*$`, `^(event|measure|actor)-[a-z0-9]+(-[a-z0-9]+)*$`}
	inputs := []string{"", " ", "a", " a", "a ", "a b", "a\tb", "\u00a0a", "a\u00a0", "a\u0085", "a\x7f", "\x00", "é", "\xff", "a\xffb",
		"\u2028a", "a\u2028", "event-", "event-a", "event-a-", "event--a", "event-a-b1", "Event-a", "event-A", "measure-x", "actor-9",
		"statement-x", "event-a b", "xevent-a", "event-a\n", "event-é"}
	for _, p := range patterns {
		m, err := compilePattern(p)
		if err != nil {
			t.Fatal(err)
		}
		re := regexp.MustCompile(p)
		for _, s := range inputs {
			if m(s) != re.MatchString(s) {
				t.Errorf("%q on %q: matcher %v, regexp %v", p, s, m(s), re.MatchString(s))
			}
		}
	}
	if _, err := compilePattern(`^[a-z]{2,3}$`); err != nil {
		t.Error(err)
	}
}

func FuzzPatterns(f *testing.F) {
	for _, s := range []string{"a b", " a", "event-a-b", "\u00a0", "\xff"} {
		f.Add(s)
	}
	patterns := []string{textPattern, `^(event|measure|actor)-[a-z0-9]+(-[a-z0-9]+)*$`, `^source-[a-z0-9]+(-[a-z0-9]+)*$`}
	f.Fuzz(func(t *testing.T, s string) {
		for _, p := range patterns {
			m, _ := compilePattern(p)
			if m(s) != regexp.MustCompile(p).MatchString(s) {
				t.Errorf("%q on %q: matcher %v", p, s, m(s))
			}
		}
	})
}
