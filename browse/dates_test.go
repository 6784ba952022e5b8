package browse

import (
	"testing"

	"curate/edtf"
)

func TestReading(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"2022-02-25", "Fri 25 Feb 2022"},
		{"2022-02-25?", "Fri 25 Feb 2022, uncertain"},
		{"2022-02-25~", "Fri 25 Feb 2022, approximate"},
		{"2022-02-25%", "Fri 25 Feb 2022, uncertain and approximate"},
		{"[..2022-02-26]", "one day on or before Sat 26 Feb 2022"},
		{"[2022-02-24..]", "one day on or after Thu 24 Feb 2022"},
		{"[2022-02-21..2022-02-26]", "one day between Mon 21 Feb 2022 and Sat 26 Feb 2022"},
		{"[2022-02-24,2022-02-26]", "one day of Thu 24 Feb 2022, Sat 26 Feb 2022"},
		{"[2022-02-20,2022-02-22..2022-02-24]", "one day between Sun 20 Feb 2022 and Thu 24 Feb 2022"},
		{"2022-02-21/2022-02-26", "lasting from Mon 21 Feb 2022 to Sat 26 Feb 2022"},
		{"../2022-02-26", "lasting from an open start to Sat 26 Feb 2022"},
		{"/2022-02-26", "lasting from an unknown start to Sat 26 Feb 2022"},
		{"2022-02-21/..", "lasting from Mon 21 Feb 2022 to an open end"},
		{"2022-02-21/", "lasting from Mon 21 Feb 2022 to an unknown end"},
		{"2022-02", "a month: between Tue 1 Feb 2022 and Mon 28 Feb 2022"},
		{"2022-24", "a season: between Thu 1 Dec 2022 and Tue 28 Feb 2023"},
		{"20XX", "a century: between Sat 1 Jan 2000 and Thu 31 Dec 2099"},
	} {
		d, err := edtf.Parse(c.in)
		if err != nil {
			t.Fatalf("%s: %v", c.in, err)
		}
		if got := reading(d); got != c.want {
			t.Errorf("reading(%s) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestTruncate(t *testing.T) {
	for _, c := range []struct {
		in   string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"exactly ten", 11, "exactly ten"},
		{"the sanctions won't be able to stop Putin", 20, "the sanctions won't…"},
		{"Україна сказала, що санкції", 12, "Україна…"},
		{"abcdefghijklmnop", 8, "abcdefg…"},
	} {
		if got := truncate(c.in, c.n); got != c.want {
			t.Errorf("truncate(%q, %d) = %q, want %q", c.in, c.n, got, c.want)
		}
	}
}
