package didyoumean

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

func TestClosest(t *testing.T) {
	ids := []string{"actor-joe-biden", "actor-jen-psaki", "actor-nato", "actor-european-union"}
	for _, tc := range []struct{ s, want string }{
		{"actor-joe-bidem", "actor-joe-biden"},
		{"actor-european-unoin", "actor-european-union"},
		{"actor-NATO", "actor-nato"},          // case is ignored
		{"actor-nobody-at-all", ""},           // too far from everything
		{"actor-nat", "actor-nato"},           // one edit
		{"label", ""},                         // unrelated
		{"actor-jen-psak", "actor-jen-psaki"}, // shorter
	} {
		if got := Closest(tc.s, ids); got != tc.want {
			t.Errorf("Closest(%q) = %q, want %q", tc.s, got, tc.want)
		}
	}
	if got := Closest("labl", []string{"label", "title"}, []string{"lab"}); got != "label" && got != "lab" {
		t.Errorf("closest over two lists = %q", got)
	}
}

// BenchmarkClosest is a typo among 100,000 ids: a scan with early exits.
func BenchmarkClosest(b *testing.B) {
	ids := make([]string, 100000)
	for i := range ids {
		ids[i] = fmt.Sprintf("event-synthetic-%07d", i)
	}
	for range b.N {
		if got := Closest("event-synthetic-0050000x", ids); got != "event-synthetic-0050000" {
			b.Fatal(got)
		}
	}
}

// TestDistance compares the banded, early-exit distance with a plain
// Levenshtein distance on random strings.
func TestDistance(t *testing.T) {
	plain := func(a, b []rune) int {
		d := make([][]int, len(a)+1)
		for i := range d {
			d[i] = make([]int, len(b)+1)
			d[i][0] = i
		}
		for j := range d[0] {
			d[0][j] = j
		}
		for i := 1; i <= len(a); i++ {
			for j := 1; j <= len(b); j++ {
				cost := 1
				if a[i-1] == b[j-1] {
					cost = 0
				}
				d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			}
		}
		return d[len(a)][len(b)]
	}
	rng := rand.New(rand.NewPCG(1, 2))
	word := func() []rune {
		r := make([]rune, rng.IntN(9))
		for i := range r {
			r[i] = []rune("abcЛ")[rng.IntN(4)]
		}
		return r
	}
	var rows [2][]int
	for range 20000 {
		a, b, k := word(), word(), rng.IntN(6)-1
		want := plain(a, b)
		got := distance(a, b, k, &rows)
		if want <= k && got != want || want > k && got != k+1 {
			t.Fatalf("distance(%q, %q, %d) = %d, want %d (plain %d)", string(a), string(b), k, got, min(want, k+1), want)
		}
	}
}
