package jsonpos

import (
	"encoding/json"
	"math/big"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

func TestNumberInRange(t *testing.T) {
	tests := []struct {
		lit  string
		want bool
	}{
		{"0", true},
		{"-0", true},
		{"0.0", true},
		{"-0.000e-5", true},
		{"0e99999999999", true}, // zero, whatever its exponent
		{"1e300", true},
		{"1E+300", true},
		{"-1e300", true},
		{"10e299", true},
		{"1.00000e300", true},
		{"0.1e301", true},
		{"1e-300", true},
		{"-1e-300", true},
		{"0.1e-299", true},
		{"123456789012345", true},
		{"-1234567890.12345", true},
		{"0.000000000000000000123456789012345", true},
		{"1234567890123450000000", true}, // trailing zeros are not significant
		{"1.5e10", true},
		{"9.99999999999999e299", true},
		{"1234567890123456", false}, // 16 significant digits
		{"1.000000000000001", false},
		{"1e301", false},
		{"1.1e300", false},
		{"1.0000000000001e300", false},
		{"2e300", false},
		{"1e-301", false},
		{"0.01e-299", false},
		{"9e-301", false},
		{"1e1000001", false},
		{"1e999", false},
		{"1e999999999999999999999", false},  // no overflow
		{"1e-999999999999999999999", false}, // nor underflow
		{"1e0000000000000000000000000300", true},
		{"1" + strings.Repeat("0", 1<<20), false},         // 1e1048576
		{"0." + strings.Repeat("0", 1<<20) + "1", false},  // 1e-1048577
		{strings.Repeat("1", 1<<20), false},               // a megabyte of significant digits
		{"0." + strings.Repeat("0", 299) + "1", true},     // 1e-300
		{"1" + strings.Repeat("0", 300), true},            // 1e300
		{"1" + strings.Repeat("0", 301), false},           // 1e301
		{"1" + strings.Repeat("0", 300) + "e-600", true},  // 1e-300
		{"1" + strings.Repeat("0", 300) + "e-601", false}, // 1e-301
		{"", false}, {"-", false}, {"+1", false}, {"01", false}, {".5", false}, {"1.", false},
		{"1e", false}, {"1e+", false}, {"1 ", false}, {" 1", false}, {"0x10", false}, {"NaN", false},
		{"Infinity", false}, {"1_000", false}, {"--1", false}, {"1e1.5", false},
	}
	for _, tt := range tests {
		if got := NumberInRange(tt.lit); got != tt.want {
			t.Errorf("NumberInRange(%.40q) = %v, want %v", tt.lit, got, tt.want)
		}
	}
}

// A number out of range is reported at its first byte and read as 0.
func TestParseNumberRange(t *testing.T) {
	v, errs := Parse([]byte(`{"a": [1e999, 2, -1e-999, 0e999999, 12345678901234567, 1e300]}`))
	want := map[string]any{"a": []any{json.Number("0"), json.Number("2"), json.Number("0"), json.Number("0e999999"),
		json.Number("0"), json.Number("1e300")}}
	if !reflect.DeepEqual(v, want) {
		t.Errorf("value:\n got  %#v\n want %#v", v, want)
	}
	var got []string
	for _, e := range errs {
		got = append(got, e.Rule+" "+e.Pointer+" "+e.Msg[:strings.Index(e.Msg, " is out")])
	}
	wantErrs := []string{"number-range /a/0 number 1e999", "number-range /a/2 number -1e-999", "number-range /a/4 number 12345678901234567"}
	if !reflect.DeepEqual(got, wantErrs) {
		t.Errorf("errors:\n got  %q\n want %q", got, wantErrs)
	}
}

var numberSyntax = regexp.MustCompile(`^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$`)

// FuzzNumberInRange compares NumberInRange with exact arithmetic on
// literals short enough for it.
func FuzzNumberInRange(f *testing.F) {
	for _, s := range []string{"0", "-0.0", "1e300", "1e-300", "10e299", "0.1e-299", "123456789012345", "1234567890123456",
		"1.5e10", "1e301", "9.99e299", "0e99999", "1.000000000000001", "-12.5E+3", "1e", "01", ".5"} {
		f.Add(s)
	}
	limit := new(big.Rat).SetFrac(new(big.Int).Exp(big.NewInt(10), big.NewInt(300), nil), big.NewInt(1))
	small := new(big.Rat).Inv(limit)
	f.Fuzz(func(t *testing.T, lit string) {
		got := NumberInRange(lit)
		if len(lit) > 64 {
			return
		}
		if !numberSyntax.MatchString(lit) {
			if got {
				t.Fatalf("NumberInRange(%q) = true for a string that is not a JSON number", lit)
			}
			return
		}
		mant, exp, _ := strings.Cut(strings.ToLower(lit), "e")
		if e, err := strconv.Atoi(exp); exp != "" && (err != nil || e > 5000 || e < -5000) {
			return // too big for big.Rat in a fuzz run
		}
		digits := strings.Trim(strings.Replace(strings.TrimPrefix(mant, "-"), ".", "", 1), "0")
		r, ok := new(big.Rat).SetString(lit)
		if !ok {
			t.Fatalf("big.Rat cannot read %q", lit)
		}
		r.Abs(r)
		want := digits == "" || len(digits) <= 15 && r.Cmp(small) >= 0 && r.Cmp(limit) <= 0
		if got != want {
			t.Fatalf("NumberInRange(%q) = %v, want %v", lit, got, want)
		}
	})
}
