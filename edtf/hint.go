package edtf

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// An edit replaces s[lo:hi] with to: a repair the parser found for the
// problem it reports, which hint may suggest once the repaired input parses.
type edit struct {
	lo, hi int
	to     string
	part   bool // s[lo:hi] is a date or range that a hint may name on its own
}

func (x *edit) apply(s string) string { return s[:x.lo] + x.to + s[x.hi:] }

// hint says what the curator probably meant by s, which failed with e: the
// same day in another convention ("02/25/2022", "25 February 2022"), a
// list or range that lacks its brackets, or s after the repairs the parser
// found (day and month swapped, missing leading zeros, interval ends the
// wrong way round, stray punctuation in a set) and without whitespace.
// Every date it suggests parses. It is "" when nothing is recognised.
func hint(s string, e *Error) string {
	if h := foreign(s); h != "" {
		return h
	}
	if h := unbracketed(s); h != "" {
		return h
	}
	return repair(s, e)
}

// maxRepairs bounds the repairs repair chains, one for each problem.
const maxRepairs = 8

// repair applies the parser's repairs (and removes whitespace) one problem
// at a time until s parses. When it never does, a hint may still name the
// repair of the date at fault ("did you mean 2022-02-24 instead of
// 2022-24-02?").
func repair(s string, e *Error) string {
	first, cur := e.fix, s
	for range maxRepairs {
		switch {
		case e.fix != nil:
			cur = e.fix.apply(cur)
		case strings.ContainsFunc(cur, unicode.IsSpace):
			cur = strings.Join(strings.Fields(cur), "")
		default:
			return partial(s, first)
		}
		if _, e = parse(cur); e == nil {
			return mean(cur)
		}
	}
	return partial(s, first)
}

// partial names the repair x of a part of s, if it is one.
func partial(s string, x *edit) string {
	if x == nil || !x.part || x.lo == 0 && x.hi == len(s) {
		return ""
	}
	return fmt.Sprintf("did you mean %s instead of %s?", show(x.to), show(s[x.lo:x.hi]))
}

// isoNote opens a hint for a day written in another convention.
const isoNote = "EDTF dates are written YYYY-MM-DD: "

// foreign recognises a whole input that writes one day or month in another
// convention: numbers separated by "/", "." or "-" ("02/25/2022",
// "25.02.2022", "2022/02/25") or with an English month name ("Feb 25,
// 2022", "25 February 2022").
func foreign(s string) string {
	if h := numeric(s); h != "" {
		return h
	}
	return named(s)
}

// numeric is foreign for numbers only.
func numeric(s string) string {
	i := strings.IndexFunc(s, func(r rune) bool { return r < '0' || r > '9' })
	if i < 0 || !strings.ContainsRune("/.-", rune(s[i])) {
		return ""
	}
	sep := s[i]
	f := strings.Split(s, string(sep))
	for _, x := range f {
		if x == "" || !allDigits(x) {
			return ""
		}
	}
	slashNote := ` EDTF dates are written YYYY-MM-DD, and "/" only separates the two ends of an interval`
	switch {
	case len(f) == 3 && len(f[0]) == 4 && short(f[1]) && short(f[2]) && sep != '-': // 2022/02/25
		c := ymd(f[0], f[1], f[2])
		switch {
		case c == "":
			return ""
		case sep == '/':
			return mean(c) + slashNote
		}
		return isoNote + mean(c)
	case len(f) == 3 && len(f[2]) == 4 && short(f[0]) && short(f[1]): // 02/25/2022, 25/02/2022
		mf, df := ymd(f[2], f[0], f[1]), ymd(f[2], f[1], f[0])
		switch {
		case mf != "" && df != "" && mf != df:
			return fmt.Sprintf("%sdid you mean %s (month first) or %s (day first)?", isoNote, mf, df)
		case mf != "":
			return isoNote + mean(mf)
		case df != "":
			return isoNote + mean(df)
		}
	case len(f) == 2 && len(f[0]) == 4 && short(f[1]) && sep != '-': // 2022/02
		if c := ym(f[0], f[1]); c != "" && sep == '/' {
			return mean(c) + slashNote
		} else if c != "" {
			return isoNote + mean(c)
		}
	case len(f) == 2 && short(f[0]) && len(f[1]) == 4: // 02/2022
		if c := ym(f[1], f[0]); c != "" {
			return isoNote + mean(c)
		}
	}
	return ""
}

// named is foreign for a day or month with an English month name, in any
// order, separated by spaces, commas, periods, hyphens or slashes; the day
// may have an ordinal suffix ("25th").
func named(s string) string {
	words := strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune(",.-/", r) })
	if len(words) < 2 || len(words) > 3 {
		return ""
	}
	var y, m, d string
	for _, w := range words {
		switch {
		case m == "" && monthNumber(w) > 0:
			m = fmt.Sprintf("%02d", monthNumber(w))
		case y == "" && len(w) == 4 && allDigits(w):
			y = w
		case d == "" && dayNumber(w) != "":
			d = dayNumber(w)
		default:
			return ""
		}
	}
	var c string
	switch {
	case y == "" || m == "":
		return ""
	case d == "":
		c = ym(y, m)
	default:
		c = ymd(y, m, d)
	}
	if c == "" {
		return ""
	}
	return isoNote + mean(c)
}

// monthNumber is 1-12 for an English month name or its three-letter
// abbreviation (or "sept"), in any case; else 0.
func monthNumber(w string) int {
	w = strings.ToLower(w)
	for i, name := range [...]string{"january", "february", "march", "april", "may", "june",
		"july", "august", "september", "october", "november", "december"} {
		if w == name || w == name[:3] || i == 8 && w == "sept" {
			return i + 1
		}
	}
	return 0
}

// dayNumber is the two-digit form of a day written with one or two digits
// and perhaps an ordinal suffix ("5", "05", "25th"); else "".
func dayNumber(w string) string {
	if n := len(w); n > 2 {
		switch strings.ToLower(w[n-2:]) {
		case "st", "nd", "rd", "th":
			w = w[:n-2]
		}
	}
	if !short(w) {
		return ""
	}
	n, _ := strconv.Atoi(w)
	return fmt.Sprintf("%02d", n)
}

// unbracketed recognises a list ("2022-02-24,2022-02-25") or a range
// ("2022-02-21..2022-02-26") written without the brackets of a set.
func unbracketed(s string) string {
	if strings.ContainsAny(s, "[]{}/") || !strings.Contains(s, ",") && !strings.Contains(s, "..") {
		return ""
	}
	set := "[" + s + "]"
	if !parses(set) {
		return ""
	}
	if strings.Count(s, "..") != 1 {
		return fmt.Sprintf("did you mean %s (one of a set)?", set)
	}
	iv := strings.Replace(s, "..", "/", 1)
	switch {
	case strings.HasPrefix(s, ".."):
		iv = "../" + s[2:]
	case strings.HasSuffix(s, ".."):
		iv = s[:len(s)-2] + "/.."
	}
	if !parses(iv) {
		return fmt.Sprintf("did you mean %s (one of a set)?", set)
	}
	return fmt.Sprintf("did you mean %s (an interval) or %s (one of a set)?", iv, set)
}

// fixDate repairs a single date written "YYYY-M-D": it adds missing leading
// zeros ("2022-2-5") and swaps a day and month given the wrong way round
// ("2022-24-02"), keeping a final qualifier. It returns the repaired date if
// that parses, else "".
func fixDate(s string) string {
	core, q := s, ""
	if n := len(s); n > 0 && isQual(s[n-1]) {
		core, q = s[:n-1], s[n-1:]
	}
	f := strings.Split(core, "-")
	if len(f) < 2 || len(f) > 3 || len(f[0]) != 4 || !allDigits(f[0]) {
		return ""
	}
	n := make([]int, len(f))
	for i := range f {
		if i > 0 && !short(f[i]) {
			return ""
		}
		n[i], _ = strconv.Atoi(f[i])
	}
	if len(f) == 3 && swapped(n[0], n[1], n[2]) {
		n[1], n[2] = n[2], n[1]
	}
	out := f[0]
	for _, v := range n[1:] {
		out += fmt.Sprintf("-%02d", v)
	}
	out += q
	if out == s {
		return ""
	}
	if _, e := (parser{out}).date(0, len(out)); e != nil {
		return ""
	}
	return out
}

// ymd is the day y-m-d with leading zeros if it exists, else "".
func ymd(y, m, d string) string {
	c := fmt.Sprintf("%s-%s-%s", y, pad(m), pad(d))
	if v, e := parse(c); e != nil || v.Precision != Day {
		return ""
	}
	return c
}

// ym is the month y-m (m 1-12) with a leading zero, else "".
func ym(y, m string) string {
	if n, _ := strconv.Atoi(m); n < 1 || n > 12 || len(y) != 4 || !allDigits(y) {
		return ""
	}
	return y + "-" + pad(m)
}

// mean is "did you mean c?", quoting c if it ends with "?".
func mean(c string) string { return "did you mean " + show(c) + "?" }

// show quotes a suggested date that ends with "?", so that it is not read
// as the end of the question.
func show(c string) string {
	if strings.HasSuffix(c, "?") {
		return strconv.Quote(c)
	}
	return c
}

func parses(s string) bool {
	_, e := parse(s)
	return e == nil
}

func pad(s string) string {
	if len(s) == 1 {
		return "0" + s
	}
	return s
}

// short reports whether s has one or two digits.
func short(s string) bool { return len(s) >= 1 && len(s) <= 2 && allDigits(s) }

func allDigits(s string) bool {
	for i := range len(s) {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}
