// Package didyoumean finds the likely intended word for a misspelt one: an
// id, a property name, an allowed value, a folder.
package didyoumean

import (
	"strings"
	"unicode"
)

// Closest returns the candidate nearest to s by edit distance, or "" when
// none is near enough to be a likely typo (more than a third of s, or 2,
// edits away). Candidates of a length too different are skipped without
// computing the distance, and a distance is abandoned as soon as it exceeds
// the best so far, so that a typo among a million ids costs a scan, not a
// million full comparisons.
func Closest(s string, candidates ...[]string) string {
	ra := []rune(strings.ToLower(s))
	limit := max(2, len(ra)/3)
	best, bestD := "", limit+1
	var rb []rune
	var rows [2][]int
	for _, list := range candidates {
		for _, c := range list {
			if d := len(c) - len(s); d > 4*bestD || -d > 4*bestD {
				continue // more bytes apart than edits could bridge
			}
			rb = rb[:0]
			for _, r := range c {
				rb = append(rb, unicode.ToLower(r))
			}
			if d := len(rb) - len(ra); d >= bestD || -d >= bestD {
				continue
			}
			if d := distance(ra, rb, bestD-1, &rows); d < bestD {
				best, bestD = c, d
			}
		}
	}
	return best
}

// distance is the Levenshtein distance between a and b, or k+1 when it is
// more than k: only the cells within k of the diagonal are computed (no
// path through the others costs k or less), and it stops once a whole row
// exceeds k. rows is scratch space reused across calls.
func distance(a, b []rune, k int, rows *[2][]int) int {
	if k < 0 || len(a)-len(b) > k || len(b)-len(a) > k {
		return k + 1 // the lengths alone differ by more than k
	}
	if cap(rows[0]) < len(b)+1 {
		rows[0], rows[1] = make([]int, len(b)+1), make([]int, len(b)+1)
	}
	prev, cur := rows[0][:len(b)+1], rows[1][:len(b)+1]
	over := k + 1
	for j := range prev {
		prev[j] = min(j, over)
	}
	for i := 1; i <= len(a); i++ {
		lo, hi := max(1, i-k), min(len(b), i+k)
		if lo > 1 {
			cur[lo-1] = over
		} else {
			cur[0] = min(i, over)
		}
		low := cur[lo-1]
		for j := lo; j <= hi; j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost, over)
			low = min(low, cur[j])
		}
		if hi < len(b) {
			cur[hi+1] = over
		}
		if low >= over {
			return over
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
